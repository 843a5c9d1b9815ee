"""Intake: a message (parsed or as a model) becomes the validator's message record; schema validity
and authorisation are settled before any rule runs.
"""

from __future__ import annotations

import keyword
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
    Mut,
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
        if type(message) is AbsenceMessage and self._table is None:
            # the commonest input first: a model of one employer, employee, employment and
            # mutation (the shape senders send), read in one pass
            ers = message.employers
            if len(ers) == 1:
                er = ers[0]
                employees = er.employees
                if len(employees) == 1:
                    ee = employees[0]
                    employments = ee.employments
                    if len(employments) == 1:
                        emp = employments[0]
                        mutations = emp.absence_mutations
                        if len(mutations) == 1:
                            header = message.header
                            last = self._last_ek
                            if er.employer_id == last[0] and er.connection_number == last[1]:
                                ek = last
                            else:
                                ek = self._last_ek = self._ek(
                                    (er.employer_id, er.connection_number)
                                )
                            self._index = index + 1
                            return _Msg(
                                index,
                                header.message_reference,
                                file,
                                _RELEASE_BY_VNRBRCD.get(header.message_version_code),
                                header.sender_id,
                                header.recipient_id,
                                header.test_message,
                                [ek],
                                [
                                    (
                                        ek,
                                        ee.employee_id or "",
                                        emp.employment_id or "",
                                        mutations[0],
                                        _FIRST,
                                        None,
                                    )
                                ],
                                _EMPTY,
                                [emp.organisational_unit_code],
                            )
        if (
            type(message) is Message
            and message.message_type is _VERZUIMMELDINGEN
            and self._table is None
            and (not message.findings or message.valid)
        ):
            # the common case first: read straight from the bound document
            fast = self._read_bound(
                message.document, message.release, message.file if file is None else file, index
            )
            if fast is not None:
                self._index = index + 1
                return fast
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
            if self._table is None and type(message) is not Message:  # a subclass
                fast = self._read_bound(message.document, release, file, index)
                if fast is not None:
                    self._index = index + 1
                    return fast
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

    def _read_bound(
        self, document: Any, release: Release, file: str | None, index: int
    ) -> _Msg | None:
        """The message record of a Verzuimmeldingen of the common shape (one employer,
        employee, employment and mutation), read straight from its bound document with the
        leaf converters of the domain model, so that it is the record the model would give.
        None for any other shape, and for any value the converters do not take: the model
        path then reads the message (and explains what it cannot hold)."""
        try:
            root = _bound_plan(type(document))
            if root is None:
                return None
            header_name, employers_name = root.children
            header = getattr(document, header_name)
            employers = getattr(document, employers_name)
            if header is None or type(employers) is not list or len(employers) != 1:
                return None
            level = _only_child(employers[0])
            if level is None:
                return None
            employer_id, connection_number = level[0]
            level = _only_child(level[1])
            if level is None:
                return None
            (employee_id,) = level[0]
            level = _only_child(level[1])
            if level is None:
                return None
            employment_id, unit = level[0]
            vrzm = level[1]
            plan = _bound_plan(type(vrzm))
            hplan = _bound_plan(type(header))
            if plan is None or hplan is None:
                return None
            m = plan.read(vrzm)
            reference, sender, recipient, test = hplan.read(header)
        except _NOT_A_VALUE:
            return None
        last = self._last_ek
        if employer_id == last[0] and connection_number == last[1]:
            ek = last
        else:
            ek = self._last_ek = self._ek((employer_id, connection_number))
        return _Msg(
            index,
            reference,
            file,
            release,
            sender,
            recipient,
            test,
            [ek],
            [(ek, employee_id or "", employment_id or "", m, _FIRST, None)],
            units=[unit],
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


_VERZUIMMELDINGEN = MessageType.VERZUIMMELDINGEN
#: the fields of the mutation record the chain reads, in the order of :class:`Mut`'s slots
_MUTATION_FIELDS: tuple[str, ...] = Mut.__slots__
#: per model class: the fields the fast intake reads, and the child elements it walks
_BOUND_SHAPE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AbsenceMessage": ((), ("header", "employers")),
    "Header": (("message_reference", "sender_id", "recipient_id", "test_message"), ()),
    "Employer": (("employer_id", "connection_number"), ("employees",)),
    "Employee": (("employee_id",), ("employments",)),
    "Employment": (("employment_id", "organisational_unit_code"), ("absence_mutations",)),
    "AbsenceMutation": (_MUTATION_FIELDS, ()),
}


class _NotFast(Exception):
    """A value the fast intake does not take (the model path reads the message)."""


_NOT_A_VALUE: tuple[type[Exception], ...] = (_NotFast,)


#: (model field, binding attribute or None, converter, default, required, exact type or None)
_Leaf = tuple[str, str | None, Any, Any, bool, type | None]


class _BoundPlan:
    """How the fast intake reads one binding class: ``read(obj)`` gives the model's values of
    the leaf fields (a :class:`Mut` for a mutation, else a tuple), and ``children`` names the
    binding attributes of the child elements.

    ``read`` raises ``_NotFast`` when a required value is missing, and a converter's own
    exception (one of ``_NOT_A_VALUE``) when it refuses a value."""

    __slots__ = ("children", "read")

    def __init__(self, read: Any, children: tuple[str, ...]) -> None:
        self.read = read
        self.children = children


def _reader(leaves: list[_Leaf], record: bool) -> Any:
    """The function reading the leaves ``(model name, binding attribute, converter, default,
    required, exact type)`` of a binding object, generated once per binding class (one
    attribute read and one converter call per field, nothing else; a value the model takes
    as it is, of one exact type, is only checked for that type)."""
    env: dict[str, Any] = {"_NotFast": _NotFast, "Mut": Mut}
    lines = ["def read(obj):"]
    names = []
    for i, (model_name, attr, convert, default, required, exact) in enumerate(leaves):
        target = f"m.{model_name}" if record else f"v{i}"
        names.append(target)
        if attr is None:
            env[f"d{i}"] = default
            lines.append(f"    {target} = d{i}")
            continue
        if not attr.isidentifier() or keyword.iskeyword(attr):
            raise _NotFast
        env[f"c{i}"] = convert
        env[f"d{i}"] = default
        lines.append(f"    raw = obj.{attr}")
        if required:
            lines.append("    if raw is None:\n        raise _NotFast")
        else:
            lines.append(f"    if raw is None:\n        {target} = d{i}\n    else:")
        indent = "    " if required else "        "
        if exact is not None:
            # the model's converter of a plain value only checks its exact type: inline
            env[f"t{i}"] = exact
            lines.append(f"{indent}if type(raw) is not t{i}:\n{indent}    raise _NotFast")
            lines.append(f"{indent}{target} = raw")
        else:
            lines.append(f"{indent}{target} = c{i}(raw)")
    if record:
        lines.insert(1, "    m = Mut()")
        lines.append("    return m")
    else:
        lines.append(f"    return ({', '.join(names)}{',' if len(names) == 1 else ''})")
    # the source is made of the model's own field names and attribute identifiers only
    exec("\n".join(lines), env)
    return env["read"]


#: binding class -> its plan (None: the fast intake does not read that class)
_BOUND_PLANS: dict[type, _BoundPlan | None] = {}


def _only_child(obj: Any) -> tuple[tuple[Any, ...], Any] | None:
    """The values a level's plan reads and its one child (an employer's one employee, an
    employee's one employment, an employment's one mutation); None for any other shape."""
    plan = _bound_plan(type(obj))
    if plan is None:
        return None
    children = getattr(obj, plan.children[0])
    if type(children) is not list or len(children) != 1:
        return None
    return plan.read(obj), children[0]


def _bound_plan(binding_cls: type) -> _BoundPlan | None:
    """The plan of a binding class of Verzuimmeldingen (compiled on first use)."""
    try:
        return _BOUND_PLANS[binding_cls]
    except KeyError:
        pass
    plan = _BOUND_PLANS[binding_cls] = _compile_plan(binding_cls)
    return plan


def _compile_plan(binding_cls: type) -> _BoundPlan | None:
    import attrs

    from .. import _mapping

    global _NOT_A_VALUE
    _NOT_A_VALUE = (_NotFast, _mapping._NotAValue)
    mt = MessageType.VERZUIMMELDINGEN
    try:
        model_cls: Any = _mapping._model_class(mt, binding_cls)
    except KeyError:
        return None
    shape = _BOUND_SHAPE.get(model_cls.__name__)
    if shape is None:
        return None
    leaf_names, child_names = shape
    by_name = {a.name: a for a in attrs.fields(model_cls)}
    model_fields = _mapping._model_fields(model_cls)
    binding = _mapping._binding_fields(binding_cls)

    def binding_field(name: str) -> Any:
        tags = by_name[name].metadata["sivi"]
        found = [bf for bf in binding if bf.tag in tags]
        if len(found) > 1:
            raise _NotFast  # two elements for one model field: the model path decides
        return found[0] if found else None

    try:
        leaves: list[_Leaf] = []
        for name in leaf_names:
            a = by_name[name]
            required = a.default is attrs.NOTHING
            bf = binding_field(name)
            if bf is None:
                if required:
                    return None
                leaves.append((name, None, None, a.default, False, None))
                continue
            if bf.repeated:
                return None
            mf = model_fields[bf.tag]
            convert = _mapping._leaf_converter(mt, bf, mf)
            # the model's converter of a str or int taken as it is (its exact type checked)
            plain = getattr(convert, "__name__", "") == "plain" and mf.type in (str, int)
            exact = mf.type if plain else None
            leaves.append(
                (name, bf.name, convert, None if required else a.default, required, exact)
            )
        children = []
        for name in child_names:
            bf = binding_field(name)
            if bf is None or (not bf.repeated and name != "header"):
                return None
            children.append(bf.name)
        read = _reader(leaves, leaf_names is _MUTATION_FIELDS)
    except (_NotFast, KeyError, TypeError):
        return None
    return _BoundPlan(read, tuple(children))


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
