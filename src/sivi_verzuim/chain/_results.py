"""Results of the chain validator: per mutation, per message, and the processing report."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ..classification import AbsenceClassification
from ..errors import MAX_VALUE_CHARS, Finding, Severity, cap_value
from ..model import AbsenceKind
from ..releases import Release
from ._events import Change, ChangeEvent, events_of
from ._masterdata import MasterEvent, RecordKind

__all__ = [
    "MessageResult",
    "MutationResult",
    "RecordResult",
    "Status",
    "in_processing_order",
    "outgoing",
    "report_json",
    "report_text",
]


Classified = tuple[AbsenceClassification, str]
"""A mutation's derived classification and the reason (internal)."""


class Status(enum.Enum):
    """What happened to a mutation (and, as the worst of its mutations, to a message).

    In increasing order of severity: ``accepted``, ``duplicate``, ``held``, ``pending``,
    ``consequential``, ``rejected``. Two more describe files that never reached the
    validator (``sivi-verzuim process``, :meth:`MessageResult.detached` and
    :meth:`MessageResult.skipped`); no mutation ever has them: ``unreadable`` and ``skipped``.
    """

    ACCEPTED = "accepted"
    """Applied to the state."""
    DUPLICATE = "duplicate"
    """Already applied earlier with identical content (or covered by the baseline): no change."""
    HELD = "held"
    """Processing is held (e.g. until the baseline is loaded): queued, not applied."""
    PENDING = "pending"
    """Waits for a missing sequence number; processed when the gap fills."""
    CONSEQUENTIAL = "consequential"
    """Not applied because an earlier mutation of the case was rejected."""
    REJECTED = "rejected"
    """Not applied: a rule found an error (or a sibling in the same message did)."""
    UNREADABLE = "unreadable"
    """A file that could not be read as a message (not XML, malformed, unsafe, no access)."""
    SKIPPED = "skipped"
    """A file that is not a message the validator judges (another SIVI message than
    Verzuimmeldingen, WerknemersGegevens, Dienstverbanden and
    WerkgeversGegevensBasisregistratie, or other XML):
    left alone, and not answered."""

    @property
    def rank(self) -> int:
        """Position in the order above (0 = accepted)."""
        return _RANK[self]

    @property
    def processed(self) -> bool:
        """True for accepted and duplicate: the sender may consider the data processed."""
        return self in (Status.ACCEPTED, Status.DUPLICATE)

    @property
    def final(self) -> bool:
        """False for held and pending: the message will still get another result."""
        return self not in (Status.HELD, Status.PENDING)

    @property
    def answered(self) -> bool:
        """True when the status gets a Retourmelding: every final status but ``skipped``."""
        return self.final and self is not Status.SKIPPED


_RANK = {s: i for i, s in enumerate(Status)}


def worst(statuses: Iterable[Status]) -> Status:
    """The most severe status (``accepted`` for none)."""
    best = Status.ACCEPTED
    rank = 0
    for s in statuses:
        r = _RANK[s]
        if r > rank:
            best, rank = s, r
    return best


class MutationResult:
    """The outcome for one absence mutation (one ``Vrzm``).

    Read-only (a plain slotted class, for speed; the identifying attributes are read from
    the mutation itself).

    Attributes:
        status: the :class:`Status`.
        findings: every :class:`~sivi_verzuim.Finding` (errors, warnings, info), in check order.
        linked_case: for a new case flagged as compound absence, the id of the previous case
            it is linked to.
        root: for a consequential mutation, the finding that broke the case.
    """

    __slots__ = ("_change", "_item", "findings", "linked_case", "root", "status")

    def __init__(
        self,
        status: Status,
        findings: tuple[Finding, ...],
        item: tuple[tuple[str, str], str, str, Any, tuple[int, int, int, int], Classified | None],
        linked_case: str | None = None,
        root: Finding | None = None,
        change: Change | None = None,
    ) -> None:
        self.status = status
        self.findings = findings
        self._item = item
        self.linked_case = linked_case
        self.root = root
        self._change = change

    @property
    def events(self) -> tuple[ChangeEvent, ...]:
        """The :class:`~sivi_verzuim.chain.ChangeEvent` objects of an accepted mutation, in
        order (empty for every other status, and when the validator was made with
        ``events=False``)."""
        if self.status is not Status.ACCEPTED:
            return ()
        return events_of(self._change, self._item[3].processing_code.value, self._item[0])

    @property
    def case_id(self) -> str:
        """``VrzmgvlId``."""
        return str(self._item[3].absence_case_id)

    @property
    def sequence(self) -> int:
        """``VrzmgvlVnrMld``."""
        return int(self._item[3].report_sequence_number)

    @property
    def kind(self) -> AbsenceKind:
        """The :class:`~sivi_verzuim.model.AbsenceKind` of the mutation."""
        m = self._item[3]
        return kind_of(m.processing_code.value, m.absence_ended)

    @property
    def employer_id(self) -> str:
        """``IdWrkgvrArbdnst``."""
        return self._item[0][0]

    @property
    def connection_number(self) -> str:
        """``AansltnrGeguitwlngArbdnst``."""
        return self._item[0][1]

    @property
    def employee_id(self) -> str:
        """``IdWrknmr``."""
        return self._item[1]

    @property
    def employment_id(self) -> str:
        """``IdDnstvbnd``."""
        return self._item[2]

    @property
    def location(self) -> tuple[int, int, int, int]:
        """1-based positions (Wrkgvr, Wrknmr, Dnstvbnd, Vrzm) in the message."""
        return self._item[4]

    @property
    def path(self) -> str:
        """The element path of the ``Vrzm``, e.g. ``/Verzuimmeldingen/Wrkgvr[1]/…/Vrzm[1]``."""
        return vrzm_path(self._item[4])

    @property
    def classification(self) -> AbsenceClassification | None:
        """The absence classification derived from this mutation when the validator
        classifies (its ``decision_table``), else None."""
        derived = self._item[5]
        return None if derived is None else derived[0]

    @property
    def classification_reason(self) -> str | None:
        """Which fields decided :attr:`classification` (see
        :attr:`sivi_verzuim.classification.Derivation.reason`), or None."""
        derived = self._item[5]
        return None if derived is None else derived[1]

    def _key(self) -> tuple[Any, ...]:
        return (
            self.status,
            self.findings,
            self.case_id,
            self.sequence,
            self.kind,
            self.employer_id,
            self.connection_number,
            self.employee_id,
            self.employment_id,
            self.location,
            self.linked_case,
            self.root,
            self._item[5],
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MutationResult):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        codes = ", ".join(f.code for f in self.findings)
        return (
            f"MutationResult({self.status.value}, case={self.case_id!r}, "
            f"sequence={self.sequence}, findings=[{codes}])"
        )

    def without_events(self) -> MutationResult:
        """A copy that carries no change (for a result given again: it changed nothing)."""
        if self._change is None:
            return self
        return MutationResult(self.status, self.findings, self._item, self.linked_case, self.root)

    def with_findings(self, extra: Iterable[Finding]) -> MutationResult:
        """A copy with more findings (status and change kept)."""
        return MutationResult(
            self.status,
            self.findings + tuple(extra),
            self._item,
            self.linked_case,
            self.root,
            self._change,
        )

    def with_status(self, status: Status, extra: tuple[Finding, ...] = ()) -> MutationResult:
        """A copy with another status and more findings."""
        return MutationResult(
            status, self.findings + extra, self._item, self.linked_case, self.root
        )

    def to_dict(self, *, show_personal_data: bool = False) -> dict[str, Any]:
        """The JSON form of the ``process --json`` command: ``case_id``, ``sequence``,
        ``kind`` (:attr:`kind`'s value), ``employee_id``, ``status``, ``findings`` (each
        ``code``, ``severity``, ``message``) and, when the validator classifies,
        ``classification`` (``number``, ``label``, ``reason``).

        Personal-data values in finding messages are masked unless ``show_personal_data``
        (:func:`outgoing`)."""
        out: dict[str, Any] = {
            "case_id": self.case_id,
            "sequence": self.sequence,
            "kind": self.kind.value,
            "employee_id": self.employee_id,
            "status": self.status.value,
            "findings": [_finding_dict(f, show_personal_data) for f in self.findings],
        }
        derived = self._item[5]
        if derived is not None:
            cls, reason = derived
            out["classification"] = {"number": cls.number, "label": cls.label, "reason": reason}
        return out


_KINDS = {
    ("01", False): AbsenceKind.SICK_REPORT,
    ("01", True): AbsenceKind.RECOVERY,
    ("02", False): AbsenceKind.PERCENTAGE_CHANGE,
    ("02", True): AbsenceKind.RECOVERY,
    ("03", False): AbsenceKind.CORRECTION,
    ("03", True): AbsenceKind.CORRECTION,
    ("04", False): AbsenceKind.WITHDRAWAL,
    ("04", True): AbsenceKind.WITHDRAWAL,
    ("05", False): AbsenceKind.SYNCHRONISATION,
    ("05", True): AbsenceKind.SYNCHRONISATION,
}


def kind_of(code: str, ended: bool) -> AbsenceKind:
    """The kind of a mutation from its processing code and ``EndVrzmJN`` (the precedence of
    :attr:`sivi_verzuim.model.AbsenceMutation.kind`)."""
    return _KINDS[(code, bool(ended))]


def vrzm_path(location: tuple[int, int, int, int]) -> str:
    """The path of the ``Vrzm`` at 1-based ``(Wrkgvr, Wrknmr, Dnstvbnd, Vrzm)`` positions."""
    w, e, d, v = location
    return f"/Verzuimmeldingen/Wrkgvr[{w}]/Wrknmr[{e}]/Dnstvbnd[{d}]/Vrzm[{v}]"


def outgoing(finding: Finding, *, show_personal_data: bool = False) -> Finding:
    """A finding as it may leave the receiving system (a report, a Retourmelding).

    A personal-data value (:attr:`~sivi_verzuim.Finding.personal`) is masked, in ``value``
    and in the message text (:meth:`~sivi_verzuim.Finding.masked`), unless
    ``show_personal_data``; any value longer than
    :data:`~sivi_verzuim.errors.MAX_VALUE_CHARS` is capped
    (:func:`~sivi_verzuim.errors.cap_value`), in the message text too.
    """
    f = finding if show_personal_data else finding.masked()
    value = f.value
    if value is not None and len(value) > MAX_VALUE_CHARS:
        capped = cap_value(value) or ""
        f = attrs.evolve(f, value=capped, message=f.message.replace(value, capped))
    return f


def _finding_dict(finding: Finding, show_personal_data: bool = False) -> dict[str, Any]:
    f = outgoing(finding, show_personal_data=show_personal_data)
    return {"code": f.code, "severity": f.severity.value, "message": f.message}


class RecordResult:
    """The outcome for one record of a master-data message: a ``Wrknmr`` of
    WerknemersGegevens, a ``Dnstvbnd`` of Dienstverbanden or WerknemersGegevens, an ``OrgEenh``
    of WerkgeversGegevensBasisregistratie.

    Read-only. ``accepted``: applied; ``duplicate``: the record states what the validator
    already knew (no change); ``held``: processing is held; ``rejected``: a rule found an error,
    or another record of the message did (nothing of the message was applied).

    Attributes:
        status: the :class:`Status`.
        findings: every :class:`~sivi_verzuim.Finding`, in check order.
    """

    __slots__ = ("_events", "_item", "findings", "status")

    def __init__(
        self, status: Status, findings: tuple[Finding, ...], item: Any, events: tuple[Any, ...]
    ) -> None:
        self.status = status
        self.findings = findings
        self._item = item
        self._events = events

    @property
    def record(self) -> RecordKind:
        """What the record describes (:class:`~sivi_verzuim.chain.RecordKind`)."""
        kind: RecordKind = self._item.kind
        return kind

    @property
    def employer_id(self) -> str:
        """``IdWrkgvrArbdnst``."""
        return str(self._item.ek[0])

    @property
    def connection_number(self) -> str:
        """``AansltnrGeguitwlngArbdnst``."""
        return str(self._item.ek[1])

    @property
    def employee_id(self) -> str | None:
        """``IdWrknmr`` of an employee or employment record (None for a unit)."""
        value: str | None = self._item.employee_id
        return value

    @property
    def employment_id(self) -> str | None:
        """``IdDnstvbnd`` of an employment record, else None."""
        value: str | None = self._item.employment_id
        return value

    @property
    def unit_code(self) -> str | None:
        """``OrgeenhCd`` of a unit or an employment record, else None."""
        value: str | None = self._item.unit_code
        return value

    @property
    def processing_code(self) -> str | None:
        """``VrwrkCd`` of the record (None when the message gives none)."""
        value: str | None = self._item.code
        return value

    @property
    def path(self) -> str:
        """The element path of the record, e.g. ``/Dienstverbanden/Wrkgvr[1]/Wrknmr[1]/…``."""
        return str(self._item.path)

    @property
    def events(self) -> tuple[MasterEvent, ...]:
        """The :class:`~sivi_verzuim.chain.MasterEvent` objects of an accepted record, in
        order (empty for every other status, and when the validator was made with
        ``events=False``)."""
        if self.status is not Status.ACCEPTED:
            return ()
        return self._events

    def without_events(self) -> RecordResult:
        """A copy that carries no events (for a result given again)."""
        return RecordResult(self.status, self.findings, self._item, ())

    def with_status(self, status: Status, extra: tuple[Finding, ...] = ()) -> RecordResult:
        """A copy with another status and more findings (and no events)."""
        return RecordResult(status, self.findings + extra, self._item, ())

    def _key(self) -> tuple[Any, ...]:
        return (self.status, self.findings, self.record, self.path, self.employer_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordResult):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        codes = ", ".join(f.code for f in self.findings)
        return f"RecordResult({self.status.value}, {self.record.value}, {self.path!r}, [{codes}])"

    def to_dict(self, *, show_personal_data: bool = False) -> dict[str, Any]:
        """The JSON form: ``record`` (:attr:`record`'s value), ``employee_id``,
        ``employment_id``, ``unit_code``, ``processing_code``, ``status`` and ``findings``
        (personal-data values masked unless ``show_personal_data``)."""
        return {
            "record": self.record.value,
            "employee_id": self.employee_id,
            "employment_id": self.employment_id,
            "unit_code": self.unit_code,
            "processing_code": self.processing_code,
            "status": self.status.value,
            "findings": [_finding_dict(f, show_personal_data) for f in self.findings],
        }


class MessageResult:
    """The outcome for one message: a Verzuimmeldingen (its :attr:`mutations`) or a
    master-data message (its :attr:`records`).

    Read-only (a plain slotted class, for speed).

    Attributes:
        status: the worst status of its mutations (``rejected`` when the message itself was
            refused).
        mutations: a :class:`MutationResult` per ``Vrzm``, in document order (empty for a
            master-data message).
        records: a :class:`RecordResult` per record of a master-data message, in document
            order (empty for a Verzuimmeldingen).
        findings: findings about the message as a whole (schema validity).
        resolved: results of messages that were pending and got their final result while
            this message was processed, in processing order.
    """

    __slots__ = ("_msg", "findings", "mutations", "records", "resolved", "status")

    def __init__(
        self,
        status: Status,
        mutations: tuple[MutationResult, ...],
        findings: tuple[Finding, ...],
        msg: Any,
        resolved: tuple[MessageResult, ...] = (),
        records: tuple[RecordResult, ...] = (),
    ) -> None:
        self.status = status
        self.mutations = mutations
        self.findings = findings
        self._msg = msg
        self.resolved = resolved
        self.records = records

    @classmethod
    def detached(
        cls,
        status: Status,
        file: str | None,
        findings: tuple[Finding, ...],
        *,
        index: int = -1,
        reference: str | None = None,
        release: Release | None = None,
        sender: str | None = None,
        recipient: str | None = None,
        test: bool = False,
    ) -> MessageResult:
        """A result that no validator produced: for a file that could not be handed to one.

        Args:
            status: usually ``unreadable``, ``skipped`` or ``rejected``.
            file: the file.
            findings: why.
            index: tells results apart in :func:`in_processing_order`; use a distinct
                negative number per result (the validator's own are never negative).
            reference, release, sender, recipient, test: the header data, as far as it
                could be read; with a ``release`` (and a final, answered status)
                :func:`~sivi_verzuim.chain.retourmelding` can answer the file.
        """
        header = _Detached(file, index, reference, release, sender, recipient, test)
        return cls(status, (), findings, header)

    @classmethod
    def unreadable(
        cls, file: str | None, findings: tuple[Finding, ...], *, index: int = -1
    ) -> MessageResult:
        """A ``rejected`` result for input that could not be read as a message at all (no
        validator involved). ``sivi-verzuim process`` reports such files as ``unreadable``
        instead, with the header data it could read: :meth:`detached`."""
        return cls.detached(Status.REJECTED, file, findings, index=index)

    @classmethod
    def skipped(
        cls, file: str | None, findings: tuple[Finding, ...], *, index: int = -1
    ) -> MessageResult:
        """A ``skipped`` result for a file that is not a message the validator judges; the
        findings say what it is."""
        return cls.detached(Status.SKIPPED, file, findings, index=index)

    @property
    def reference(self) -> str | None:
        """``Berrefnr``."""
        ref: str | None = self._msg.reference
        return ref

    @property
    def file(self) -> str | None:
        """The file the message came from, when known."""
        file: str | None = self._msg.file
        return file

    @property
    def release(self) -> Release | None:
        """The message's :class:`~sivi_verzuim.Release`, when known."""
        release: Release | None = self._msg.release
        return release

    @property
    def sender(self) -> str | None:
        """``IdInzndr``."""
        sender: str | None = self._msg.sender
        return sender

    @property
    def recipient(self) -> str | None:
        """``IdOntvngr``."""
        recipient: str | None = self._msg.recipient
        return recipient

    @property
    def test(self) -> bool:
        """``TestJN`` is ``J``."""
        return bool(self._msg.test)

    @property
    def index(self) -> int:
        """The order in which the validator took the message up (0-based, over its lifetime,
        kept across save and restore)."""
        return int(self._msg.index)

    def _key(self) -> tuple[Any, ...]:
        return (
            self.status,
            self.mutations,
            self.findings,
            self.reference,
            self.file,
            self.release,
            self.sender,
            self.recipient,
            self.test,
            self.index,
            self.resolved,
            self.records,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MessageResult):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"MessageResult({self.status.value}, reference={self.reference!r}, "
            f"mutations={len(self.mutations)}, resolved={len(self.resolved)})"
        )

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """The message's own findings followed by those of every mutation."""
        out = list(self.findings)
        for m in self.mutations:
            out.extend(m.findings)
        for r in self.records:
            out.extend(r.findings)
        return tuple(out)

    @property
    def events(self) -> tuple[ChangeEvent | MasterEvent, ...]:
        """What the message changed in the state, in document order: a
        :class:`~sivi_verzuim.chain.ChangeEvent` per change of an absence case, a
        :class:`~sivi_verzuim.chain.MasterEvent` per change of master data (empty unless the
        message was applied; see docs/chain.md, *Change events*)."""
        out: list[ChangeEvent | MasterEvent] = []
        for m in self.mutations:
            out.extend(m.events)
        for r in self.records:
            out.extend(r.events)
        return tuple(out)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings of :attr:`all_findings`."""
        return tuple(f for f in self.all_findings if f.severity is Severity.ERROR)

    def to_dict(self, *, show_personal_data: bool = False, events: bool = False) -> dict[str, Any]:
        """The JSON form of the ``process --json`` command: ``file``, ``reference``,
        ``status`` and ``mutations`` (and ``records`` for a master-data message); with
        ``events``, also ``events`` (each :meth:`ChangeEvent.to_dict` or
        :meth:`MasterEvent.to_dict`; the birth date, death date, surname and initials of a
        master-data record masked unless ``show_personal_data``).

        Findings about the message as a whole (it could not be read, is not valid, or was
        skipped) appear in one mutation entry whose ``case_id`` and ``sequence`` are null;
        authorisation findings appear on each mutation. Personal-data values in finding
        messages are masked unless ``show_personal_data`` (:func:`outgoing`).
        """
        show = show_personal_data
        mutations = [m.to_dict(show_personal_data=show) for m in self.mutations]
        if self.findings and not self.mutations and not self.records:
            mutations = [
                {
                    "case_id": None,
                    "sequence": None,
                    "kind": None,
                    "employee_id": None,
                    "status": self.status.value,
                    "findings": [_finding_dict(f, show) for f in self.findings],
                }
            ]
        out: dict[str, Any] = {
            "file": self.file,
            "reference": self.reference,
            "status": self.status.value,
            "mutations": mutations,
        }
        if self.records:
            out["records"] = [r.to_dict(show_personal_data=show) for r in self.records]
        if events:
            out["events"] = [_event_dict(e, show) for e in self.events]
        return out


_PERSONAL_FIELDS = ("birth_date", "death_date", "surname", "initials", "personnel_number")
"""Fields of a master-data record that hold personal data (masked in reports)."""


def _event_dict(event: ChangeEvent | MasterEvent, show_personal_data: bool) -> dict[str, Any]:
    """An event's JSON form; the personal data of a master-data record masked (their length
    only) unless ``show_personal_data``."""
    data = event.to_dict()
    if show_personal_data or not isinstance(event, MasterEvent):
        return data
    for side in ("before", "after"):
        values = data.get(side)
        if not isinstance(values, dict):
            continue
        for name in _PERSONAL_FIELDS:
            value = values.get(name)
            if isinstance(value, str) and value:
                values[name] = f"<masked: {len(value)} characters>"
    return data


class _Detached:
    """The header data of a result that no validator produced."""

    __slots__ = ("file", "index", "recipient", "reference", "release", "sender", "test")

    def __init__(
        self,
        file: str | None,
        index: int,
        reference: str | None = None,
        release: Release | None = None,
        sender: str | None = None,
        recipient: str | None = None,
        test: bool = False,
    ) -> None:
        self.file = file
        self.index = index
        self.reference = reference
        self.release = release
        self.sender = sender
        self.recipient = recipient
        self.test = test


def in_processing_order(results: Iterable[MessageResult]) -> Iterator[MessageResult]:
    """Every message once, at the place where its last result was produced.

    Each result is followed by the results it :attr:`~MessageResult.resolved` (recursively).
    A message that was pending (or held) and got its final result later appears only there;
    one that is still pending appears where it was last taken up. Messages are told apart by
    :attr:`MessageResult.index`.
    """
    flat: list[MessageResult] = []

    def walk(r: MessageResult) -> None:
        flat.append(r)
        for sub in r.resolved:
            walk(sub)

    for r in results:
        walk(r)
    last = {r.index: i for i, r in enumerate(flat)}
    for i, r in enumerate(flat):
        if last[r.index] == i:
            yield r


def report_json(
    results: Iterable[MessageResult], *, show_personal_data: bool = False, events: bool = False
) -> list[dict[str, Any]]:
    """The processing report as plain data: one object per message (see
    :meth:`MessageResult.to_dict`; ``events`` adds each message's change events), in
    processing order (:func:`in_processing_order`).

    Reports leave the receiving system, so personal-data values are masked in finding
    messages unless ``show_personal_data`` (:func:`outgoing`)."""
    return [
        r.to_dict(show_personal_data=show_personal_data, events=events)
        for r in in_processing_order(results)
    ]


def _counts(results: list[MessageResult]) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for r in results:
        counts[r.status] += 1
    return counts


def report_text(results: Iterable[MessageResult], *, show_personal_data: bool = False) -> str:
    """The processing report as text: a line per message, its findings, and totals.

    Personal-data values are masked in finding messages unless ``show_personal_data``
    (:func:`outgoing`)."""
    ordered = list(in_processing_order(results))
    lines: list[str] = []

    def finding(f: Finding) -> str:
        f = outgoing(f, show_personal_data=show_personal_data)
        return f"    [{f.code}] {f.severity.value}: {f.message}"

    for r in ordered:
        name = r.file or "(no file)"
        lines.append(f"{r.status.value.upper():<13} {r.reference or '-'}  {name}")
        for f in r.findings:
            lines.append(finding(f))
        for m in r.mutations:
            if not m.findings and m.status is r.status:
                continue
            cls = m.classification
            lines.append(
                f"  {m.status.value:<13} case {m.case_id} #{m.sequence} ({m.kind.value}), "
                f"employee {m.employee_id}" + (f", {cls}" if cls is not None else "")
            )
            for f in m.findings:
                lines.append(finding(f))
        for rec in r.records:
            if not rec.findings and rec.status is r.status:
                continue
            what = rec.unit_code if rec.record is RecordKind.UNIT else rec.employee_id
            if rec.record is RecordKind.EMPLOYMENT:
                what = f"{rec.employee_id}/{rec.employment_id}"
            lines.append(f"  {rec.status.value:<13} {rec.record.value} {what}")
            for f in rec.findings:
                lines.append(finding(f))
    counts = _counts(ordered)
    mutations = sum(len(r.mutations) for r in ordered)
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    records = sum(len(r.records) for r in ordered)
    also = f", {records} master-data record(s)" if records else ""
    lines.append(
        f"{len(ordered)} message(s), {mutations} mutation(s){also}: {summary or 'nothing'}"
    )
    return "\n".join(lines) + "\n"


def dumps_report(
    results: Iterable[MessageResult], *, show_personal_data: bool = False, events: bool = False
) -> str:
    """:func:`report_json` as indented JSON text."""
    data = report_json(results, show_personal_data=show_personal_data, events=events)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
