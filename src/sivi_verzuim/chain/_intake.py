"""Intake: a message (parsed or as a model) becomes the validator's message record; schema validity
and authorisation are settled before any rule runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._codec import Message
from ..classification import DecisionTable
from ..errors import Finding
from ..model import (
    AbsenceMessage,
)
from ..releases import MessageType, Release
from ._masterjudge import MASTER_MODELS, MasterMsg, intake
from ._results import Classified, MessageResult, MutationResult, RecordResult, Status, vrzm_path
from ._state import (
    mut_to_dict,
)
from ._stateread import MsgData

if TYPE_CHECKING:
    pass
from ._core import (
    _EMPTY,
    _ERROR,
    _FIRST,
    _HELD,
    _MASTER_RELEASES,
    _MASTER_TYPES,
    _MODEL_ROOT,
    _REJECTED,
    _RELEASE_BY_VNRBRCD,
    EmployerIds,
    Item,
    ValidatorBase,
)

__all__ = ["Intake", "_Msg", "_authorized", "_classify", "held_result"]


class _Msg:
    """A message as the validator keeps it: header data and its mutations (internal)."""

    __slots__ = (
        "employers",
        "file",
        "findings",
        "index",
        "items",
        "recipient",
        "reference",
        "release",
        "sender",
        "test",
        "units",
    )

    def __init__(
        self,
        index: int,
        reference: str | None,
        file: str | None,
        release: Release | None,
        sender: str | None,
        recipient: str | None,
        test: bool,
        employers: list[EmployerIds],
        items: list[Item],
        findings: tuple[Finding, ...] = (),
        units: list[str | None] | None = None,
    ) -> None:
        self.index = index
        self.reference = reference
        self.file = file
        self.release = release
        self.sender = sender
        self.recipient = recipient
        self.test = test
        self.employers = employers
        self.items = items
        self.findings = findings
        self.units = units  # the OrgeenhCd of each item's Dnstvbnd (None: not kept)

    def result(
        self,
        status: Status,
        mutations: tuple[MutationResult, ...],
        findings: tuple[Finding, ...] = (),
    ) -> MessageResult:
        return MessageResult(status, mutations, findings, self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "reference": self.reference,
            "file": self.file,
            "release": self.release.value if self.release else None,
            "sender": self.sender,
            "recipient": self.recipient,
            "test": self.test,
            "employers": [list(ek) for ek in self.employers],
            "items": [
                {
                    "employer": list(ek),
                    "employee": employee,
                    "employment": employment,
                    "location": list(loc),
                    "mutation": mut_to_dict(m),
                    "classification": None if cls is None else [cls[0].number, cls[1]],
                }
                for ek, employee, employment, m, loc, cls in self.items
            ],
            **({} if self.units is None else {"units": list(self.units)}),
        }

    @classmethod
    def from_data(cls, data: MsgData) -> _Msg | MasterMsg:
        """The message of a restored state document (read by :func:`read_state`)."""
        if data.master is not None:
            return MasterMsg(
                data.index,
                data.reference,
                data.file,
                data.release,
                data.sender,
                data.recipient,
                data.test,
                data.master[0],
                data.employers,
                data.master[1],
            )
        return cls(
            index=data.index,
            reference=data.reference,
            file=data.file,
            release=data.release,
            sender=data.sender,
            recipient=data.recipient,
            test=data.test,
            employers=data.employers,
            items=data.items,
            units=data.units,
        )


def _authorized(value: Iterable[tuple[str, str]] | None) -> frozenset[tuple[str, str]] | None:
    if value is None:
        return None
    out = set()
    for pair in value:
        employer_id, connection_number = pair
        out.add((str(employer_id), str(connection_number)))
    return frozenset(out)


class Intake(ValidatorBase):
    """Intake: a stage of
    :class:`~sivi_verzuim.chain.ChainValidator`."""

    def _interpret(self, message: Any, file: str | None) -> _Msg | MasterMsg:
        index = self._index
        if type(message) is AbsenceMessage or isinstance(message, AbsenceMessage):
            model = message
            release = _RELEASE_BY_VNRBRCD.get(model.header.message_version_code)
        elif isinstance(message, MASTER_MODELS):
            root = _MODEL_ROOT[type(message)]
            rel = _MASTER_RELEASES.get((root, message.header.message_version_code))
            self._index = index + 1
            return intake(message, rel, file, index, self._ek)
        elif isinstance(message, Message):
            mt = message.message_type
            if mt is not MessageType.VERZUIMMELDINGEN and mt not in _MASTER_TYPES:
                raise TypeError(
                    f"not a Verzuimmeldingen or master-data message: {message.message_type.title}"
                )
            file = file if file is not None else message.file
            if not message.valid:
                self._index = index + 1
                return self._invalid(message, index, file)
            from .._mapping import to_model

            release = message.release
            if mt is not MessageType.VERZUIMMELDINGEN:
                self._index = index + 1
                return intake(to_model(message), release, file, index, self._ek)
            model = to_model(message, AbsenceMessage)
        else:
            raise TypeError(f"expected a Message or a message's domain model, got {type(message)}")
        self._index = index + 1
        header = model.header
        last = self._last_ek
        table = self._table
        # the common shape first: one employer, employee, employment and mutation
        if len(model.employers) == 1:
            er = model.employers[0]
            if len(er.employees) == 1 and len(er.employees[0].employments) == 1:
                ee = er.employees[0]
                emp = ee.employments[0]
                mutations = emp.absence_mutations
                if len(mutations) == 1:
                    if er.employer_id == last[0] and er.connection_number == last[1]:
                        ek = last
                    else:
                        pair = (er.employer_id, er.connection_number)
                        ek = self._last_ek = self._ek(pair)
                    m = mutations[0]
                    cls = None if table is None else _classify(table, m, emp, ee, er, release)
                    return _Msg(
                        index,
                        header.message_reference,
                        file,
                        release,
                        header.sender_id,
                        header.recipient_id,
                        header.test_message,
                        [ek],
                        [(ek, ee.employee_id or "", emp.employment_id or "", m, _FIRST, cls)],
                        units=[emp.organisational_unit_code],
                    )
        items: list[Item] = []
        units: list[str | None] = []
        employers: list[EmployerIds] = []
        for w, er in enumerate(model.employers, 1):
            if er.employer_id == last[0] and er.connection_number == last[1]:
                ek = last
            else:
                ek = self._last_ek = last = self._ek((er.employer_id, er.connection_number))
            employers.append(ek)
            for e, ee in enumerate(er.employees, 1):
                eid = ee.employee_id or ""
                for d, emp in enumerate(ee.employments, 1):
                    did = emp.employment_id or ""
                    for v, m in enumerate(emp.absence_mutations, 1):
                        loc = _FIRST if w == e == d == v == 1 else (w, e, d, v)
                        cls = None if table is None else _classify(table, m, emp, ee, er, release)
                        items.append((ek, eid, did, m, loc, cls))
                        units.append(emp.organisational_unit_code)
        return _Msg(
            index,
            header.message_reference,
            file,
            release,
            header.sender_id,
            header.recipient_id,
            header.test_message,
            employers,
            items,
            units=units,
        )

    def _invalid(self, message: Message, index: int, file: str | None) -> _Msg:
        header = message.header
        errors = [f for f in message.findings if f.severity is _ERROR]
        first = errors[0] if errors else None
        what = f": {first}" if first is not None else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        finding = Finding(
            "chain.invalid-message",
            _ERROR,
            f"the message is not valid against the {message.release.value} schema{what}{more}",
            path=first.path if first else None,
            line=first.line if first else None,
            value=first.value if first else None,
            release=message.release.value,
            file=file,
        )
        return _Msg(
            index,
            header.reference,
            file,
            message.release,
            header.sender,
            header.receiver,
            header.test,
            [],
            [],
            (finding, *errors),
        )

    def _allowed(self, ek: EmployerIds) -> bool:
        auth = self._authorized
        return auth is None or ek in auth or ek[0] in self._any_connection

    def _unauthorised(self, msg: _Msg | MasterMsg) -> MessageResult | None:
        bad = [ek for ek in msg.employers if not self._allowed(ek)]
        if not bad:
            return None
        release = msg.release.value if msg.release else None
        names = ", ".join(f"{a}/{b}" for a, b in dict.fromkeys(bad))
        if type(msg) is MasterMsg:
            records = []
            for w, ek in enumerate(msg.employers, 1):
                if ek not in bad:
                    continue
                f = Finding(
                    "chain.unauthorised-employer",
                    _ERROR,
                    f"this account may not deliver for employer {ek[0]} (connection {ek[1]})",
                    path=f"/{msg.root.value}/Wrkgvr[{w}]/IdWrkgvrArbdnst",
                    value=ek[0],
                    release=release,
                    file=msg.file,
                )
                break
            for rec in msg.items:
                if rec.ek in bad:
                    records.append(RecordResult(_REJECTED, (f,), rec, ()))
                else:
                    sibling = Finding(
                        "chain.message-rejected",
                        _ERROR,
                        f"not applied: the message is also about employer(s) {names}, for "
                        "which this account may not deliver",
                        path=rec.path,
                        release=release,
                        file=msg.file,
                    )
                    records.append(RecordResult(_REJECTED, (sibling,), rec, ()))
            findings = () if records else (f,)
            return msg.result(_REJECTED, tuple(records), findings)
        assert type(msg) is _Msg
        out = []
        for it in msg.items:
            ek, loc = it[0], it[4]
            if ek in bad:
                f = Finding(
                    "chain.unauthorised-employer",
                    _ERROR,
                    f"this account may not deliver for employer {ek[0]} (connection {ek[1]})",
                    path=f"/Verzuimmeldingen/Wrkgvr[{loc[0]}]/IdWrkgvrArbdnst",
                    value=ek[0],
                    release=release,
                    file=msg.file,
                )
            else:
                f = Finding(
                    "chain.message-rejected",
                    _ERROR,
                    f"not applied: the message is also about employer(s) {names}, for which "
                    "this account may not deliver",
                    path=vrzm_path(loc),
                    release=release,
                    file=msg.file,
                )
            out.append(MutationResult(_REJECTED, (f,), it))
        return msg.result(_REJECTED, tuple(out))


def _classify(
    table: DecisionTable, m: Any, employment: Any, employee: Any, employer: Any, release: Any
) -> Classified:
    d = table.classify(
        m, employment=employment, employee=employee, employer=employer, release=release
    )
    return (d.classification, d.reason)


def held_result(msg: _Msg | MasterMsg) -> MessageResult:
    """The ``held`` result of a queued message."""
    if type(msg) is MasterMsg:
        return msg.result(_HELD, tuple(RecordResult(_HELD, _EMPTY, it, ()) for it in msg.items))
    assert type(msg) is _Msg
    return msg.result(_HELD, tuple(MutationResult(_HELD, _EMPTY, it) for it in msg.items))
