"""State records of the chain validator and their plain-data (JSON) form."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal
from gc import is_tracked
from typing import Any

import attrs

from ..classification import AbsenceClassification
from ..errors import Finding, SiviError, cap_value
from ..model import AbsenceEndReason, ProcessingCode

__all__ = ["CaseStatus", "CaseView", "StateError", "UnknownCaseError"]

FORMAT = "sivi_verzuim.chain-state"
VERSION = 1

OPEN, CLOSED, WITHDRAWN = 0, 1, 2


class CaseStatus(enum.Enum):
    """Where an absence case stands."""

    OPEN = "open"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


_STATUS = (CaseStatus.OPEN, CaseStatus.CLOSED, CaseStatus.WITHDRAWN)
STATUS_CODE = {s.value: i for i, s in enumerate(_STATUS)}


class StateError(SiviError):
    """A saved state document cannot be restored (wrong format, version or content).

    Attributes:
        location: where in the document the problem is, e.g. ``cases[3].absence_percentage``
            (None when the document as a whole is refused: not a chain state, or another
            version).
    """

    def __init__(
        self, message: str, *, location: str | None = None, file: str | None = None
    ) -> None:
        self.location = location
        super().__init__(message, file=file)


class UnknownCaseError(SiviError, KeyError):
    """:meth:`~sivi_verzuim.chain.ChainValidator.reset_case` names a case that is neither in
    the state nor broken.

    It is a :class:`~sivi_verzuim.SiviError` like every error of the library, and also a
    :class:`KeyError` (what ``reset_case`` raised before), so ``except KeyError`` keeps
    working.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst`` of the case asked for.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        case_id: ``VrzmgvlId``.
    """

    def __init__(self, employer_id: str, connection_number: str, case_id: str) -> None:
        self.employer_id = employer_id
        self.connection_number = connection_number
        self.case_id = case_id
        super().__init__(
            f"unknown case {cap_value(case_id)} of employer {cap_value(employer_id)}/"
            f"{cap_value(connection_number)}: it is neither in the state nor broken"
        )

    def __str__(self) -> str:
        # the message itself, not KeyError's repr of it
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.employer_id, self.connection_number, self.case_id))


# shown where users look for errors: ``sivi_verzuim.errors.StateError`` (which re-exports
# them, so pickling finds them there)
StateError.__module__ = UnknownCaseError.__module__ = "sivi_verzuim.errors"


@attrs.frozen
class CaseView:
    """A read-only snapshot of one absence case in the validator's state.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        case_id: ``VrzmgvlId``.
        employee_id: ``IdWrknmr``.
        employment_id: ``IdDnstvbnd`` (None for a baseline case no message has named yet).
        status: :class:`CaseStatus`.
        first_absence_date: ``DatEerstVrzmdg``.
        absence_percentage: the current ``PrcVrzm``.
        end_date: the recovery date (or end date) of a closed case.
        last_sequence: the last accepted ``VrzmgvlVnrMld`` (None when unknown: a baseline case
            without one, or after :meth:`~sivi_verzuim.chain.ChainValidator.reset_case`).
        last_mutation_date: the last accepted ``IngdatMutVrzm``.
        linked_case: the previous case this one is compound absence with, if any.
        broken: the root finding while the case is broken (later mutations are
            consequential), else None.
        from_baseline: True when the case came from the go-live baseline.
        classification: the absence classification derived from the case's latest accepted
            report (a withdrawal keeps the one before), when the validator classifies (see
            ``decision_table`` of :class:`~sivi_verzuim.chain.ChainValidator`); None
            otherwise, and for a baseline case no message has reported on yet.
    """

    employer_id: str
    connection_number: str
    case_id: str
    employee_id: str
    employment_id: str | None
    status: CaseStatus
    first_absence_date: dt.date
    absence_percentage: Decimal
    end_date: dt.date | None
    last_sequence: int | None
    last_mutation_date: dt.date
    linked_case: str | None
    broken: Finding | None
    from_baseline: bool
    classification: AbsenceClassification | None = None


# --------------------------------------------------------------------------- case records
#
# A case is a plain tuple of atomic values (str, int, bool, date, Decimal, None and the
# report history, itself a linked list of such tuples): CPython stops tracking such tuples at
# the first collection that sees them, so a full collection does not scan the cases, however
# many the state holds. A change makes a new record that replaces the old one in its
# employer's dict; the old record stays valid, so it is the "before" of a change event and
# the undo of a message with several mutations, without a copy. The fields, by index:

STATUS = 0
"""``OPEN``, ``CLOSED`` or ``WITHDRAWN``."""
SEQ = 1
"""The last accepted ``VrzmgvlVnrMld`` (-1: unknown)."""
DATE = 2
"""The last accepted ``IngdatMutVrzm``."""
FIRST = 3
"""``DatEerstVrzmdg``."""
PCT = 4
"""The current ``PrcVrzm``."""
END = 5
"""The end of a closed case, else None."""
RESYNC = 6
"""True while the next mutation may take any higher number (a baseline case without a
number, a reset case)."""
EMPLOYEE = 7
"""``IdWrknmr``."""
EMPLOYMENT = 8
"""``IdDnstvbnd`` (None for a baseline case no message has named yet)."""
HISTORY = 9
"""Every accepted report, newest first: ``(sequence, *compact chain fields, older)``."""
CASE_ID = 10
"""``VrzmgvlId``."""
LINKED = 11
"""The case it is compound absence with, or None."""
BASELINE = 12
"""The baseline's last sequence number (-1: none) for a baseline case, else None."""
CLASS = 13
"""The number of the case's :class:`AbsenceClassification`, or None."""

Case = tuple[Any, ...]
"""A case record (see the index constants above)."""

_CLASSES = {c.number: c for c in AbsenceClassification}


def new_case(
    case_id: str,
    employee: str,
    employment: str | None,
    status: int,
    first: dt.date,
    pct: Decimal,
    end: dt.date | None,
    seq: int,
    date: dt.date,
    history: tuple[Any, ...] | None,
    linked: str | None = None,
    resync: bool = False,
    baseline_sequence: int | None = None,
    classification: AbsenceClassification | None = None,
) -> Case:
    """A case record."""
    return (
        status,
        seq,
        date,
        first,
        pct,
        end,
        resync,
        employee,
        employment,
        history,
        case_id,
        linked,
        baseline_sequence,
        None if classification is None else classification.number,
    )


def replaced(case: Case, changes: dict[int, Any]) -> Case:
    """The record with some fields (by index) replaced."""
    out = list(case)
    for index, value in changes.items():
        out[index] = value
    return tuple(out)


def classification_of(case: Case) -> AbsenceClassification | None:
    """The case's classification."""
    number = case[CLASS]
    return None if number is None else _CLASSES[number]


def key_of(case: Case, seq: int) -> tuple[Any, ...] | None:
    """The :func:`compact` key of the case's accepted report with this number, or None."""
    node = case[HISTORY]
    while node is not None:
        if node[0] == seq:
            return tuple(node[1:8])
        node = node[8]
    return None


def reports(case: Case) -> list[tuple[int, tuple[Any, ...]]]:
    """(sequence, :func:`compact` key) of every accepted report of a case, oldest first."""
    out = []
    node = case[HISTORY]
    while node is not None:
        out.append((node[0], tuple(node[1:8])))
        node = node[8]
    out.reverse()
    return out


def case_view(ek: tuple[str, str], case: Case, broken: Finding | None) -> CaseView:
    """The public snapshot of a case record of employer ``ek``."""
    employer_id, connection_number = ek
    seq = case[SEQ]
    return CaseView(
        employer_id=employer_id,
        connection_number=connection_number,
        case_id=case[CASE_ID],
        employee_id=case[EMPLOYEE],
        employment_id=case[EMPLOYMENT],
        status=_STATUS[case[STATUS]],
        first_absence_date=case[FIRST],
        absence_percentage=case[PCT],
        end_date=case[END],
        last_sequence=None if seq < 0 else seq,
        last_mutation_date=case[DATE],
        linked_case=case[LINKED],
        broken=broken,
        from_baseline=case[BASELINE] is not None,
        classification=classification_of(case),
    )


#: records put in a table's ``recent`` dict before it is settled (see :class:`CaseTable`)
SETTLE_EVERY = 1024


class CaseTable:
    """One employer's case records by case id (internal), in two dicts.

    A dict holding only untracked values is itself untracked by the collector, and stays so
    while only untracked values are put in it: such a dict costs a full collection nothing,
    however large. A new record is tracked until the next collection of the youngest
    generation sees it, so it goes to ``recent`` first (a small dict the collector scans);
    every :data:`SETTLE_EVERY` records put, :meth:`settle` moves the records the collector
    no longer tracks to ``settled``, the large dict that is never tracked. A record in
    ``recent`` takes precedence over the one of the same case in ``settled`` (the case's
    older record until it is settled).

    The hot path reads ``recent`` and ``settled`` directly; everything else uses the mapping
    methods.
    """

    __slots__ = ("count", "limit", "recent", "settled")

    def __init__(self) -> None:
        self.recent: dict[str, Case] = {}
        self.settled: dict[str, Case] = {}
        self.count = 0  # records put since the last settle
        self.limit = SETTLE_EVERY

    def get(self, case_id: str) -> Case | None:
        case = self.recent.get(case_id)
        return self.settled.get(case_id) if case is None else case

    def __getitem__(self, case_id: str) -> Case:
        case = self.recent.get(case_id)
        return self.settled[case_id] if case is None else case

    def __contains__(self, case_id: object) -> bool:
        return case_id in self.recent or case_id in self.settled

    def __setitem__(self, case_id: str, case: Case) -> None:
        self.recent[case_id] = case
        self.count += 1
        if self.count >= self.limit:
            self.settle()

    def __delitem__(self, case_id: str) -> None:
        found = self.recent.pop(case_id, None) is not None
        if self.settled.pop(case_id, None) is None and not found:
            raise KeyError(case_id)

    def pop(self, case_id: str, default: Any = None) -> Any:
        case = self.get(case_id)
        self.recent.pop(case_id, None)
        self.settled.pop(case_id, None)
        return default if case is None else case

    def items(self) -> list[tuple[str, Case]]:
        return list({**self.settled, **self.recent}.items())

    def __iter__(self) -> Iterator[str]:
        return iter({**self.settled, **self.recent})

    def __len__(self) -> int:
        return len(self.settled) + sum(1 for cid in self.recent if cid not in self.settled)

    def settle(self) -> None:
        """Move the records the collector no longer tracks to ``settled``.

        The next settle comes after at least as many puts as records stayed in ``recent``
        (all of them while the collector is disabled), so settling costs each put O(1)."""
        keep: dict[str, Case] = {}
        settled = self.settled
        for case_id, case in self.recent.items():
            if is_tracked(case):
                keep[case_id] = case
            else:
                settled[case_id] = case
        self.recent = keep
        self.count = 0
        self.limit = max(SETTLE_EVERY, len(keep))


class Person:
    """One employee's cases and a summary that makes starting a case cheap (internal).

    ``cases`` holds the ids of the employee's cases, in the order they came, as the keys of a
    dict (values None): a dict of strings is never tracked by the collector, so a full
    collection does not visit the ids of every case through the summaries; ``open`` counts
    the open ones; ``top`` is the id of the closed case with the latest end (``top_end``).
    The summary is exact unless ``stale`` is set (after a correction, sync, withdrawal or
    reset), in which case :meth:`recompute` rebuilds it from the records.

    ``employee_id`` is the employee's id (the one string the person's cases share) and
    ``employment`` the employment id of the latest case started, shared by the next case of
    that employment: the state keeps one copy of each id without a lookup table.
    """

    __slots__ = ("cases", "employee_id", "employment", "open", "stale", "top", "top_end")

    def __init__(self, employee_id: str) -> None:
        self.employee_id = employee_id
        self.employment: str | None = None
        self.cases: dict[str, None] = {}
        self.open = 0
        self.top: str | None = None
        self.top_end: dt.date | None = None
        self.stale = False

    def snapshot(self) -> tuple[int, str | None, dt.date | None, bool]:
        return (self.open, self.top, self.top_end, self.stale)

    def restore(self, snap: tuple[int, str | None, dt.date | None, bool]) -> None:
        self.open, self.top, self.top_end, self.stale = snap

    def closed(self, case_id: str, end: dt.date) -> None:
        """A case of this person ended."""
        top_end = self.top_end
        if top_end is None or end > top_end:
            self.top = case_id
            self.top_end = end

    def renamed(self, old: str, new: str) -> dict[str, None]:
        """One of this person's cases got another id, in the same place in :attr:`cases`;
        the ids as they were (a new dict replaces them)."""
        before = self.cases
        self.cases = {new if cid == old else cid: None for cid in before}
        if self.top == old:
            self.top = new
        return before

    def recompute(self, records: CaseTable) -> None:
        count = 0
        top: str | None = None
        top_end: dt.date | None = None
        for cid in self.cases:
            c = records[cid]
            status = c[STATUS]
            if status == OPEN:
                count += 1
            elif status == CLOSED:
                end = c[END]
                if end is not None and (top_end is None or end > top_end):
                    top, top_end = cid, end
        self.open, self.top, self.top_end, self.stale = count, top, top_end, False


def compact(m: Any) -> tuple[Any, ...]:
    """The chain fields of a report, as a tuple of plain values: processing code, mutation
    date, first day, recovery date, percentage, end flag, end reason.

    Older reports of a case are remembered by this key only (no reference to the message),
    so a re-sent older report counts as a duplicate when these fields are equal.
    """
    reason = m.absence_end_reason
    return (
        m.processing_code._value_,
        m.mutation_date,
        m.first_absence_date,
        m.recovery_date,
        m.absence_percentage,
        m.absence_ended,
        None if reason is None else reason._value_,
    )


def key_to_json(key: tuple[Any, ...]) -> list[Any]:
    code, md, fd, rd, pct, ended, reason = key
    return [code, iso(md), iso(fd), iso(rd), str(pct), ended, reason]


class Mut:
    """The chain-relevant fields of a mutation kept in a saved queue (internal).

    It has the attribute names of :class:`~sivi_verzuim.model.AbsenceMutation` that the
    validator reads, so it reads both alike.
    """

    __slots__ = (
        "absence_case_id",
        "absence_end_reason",
        "absence_ended",
        "absence_percentage",
        "first_absence_date",
        "mutation_date",
        "previous_absence_case_id",
        "previous_first_absence_date",
        "previous_mutation_date",
        "processing_code",
        "recovery_date",
        "report_sequence_number",
    )

    processing_code: ProcessingCode
    mutation_date: dt.date
    previous_mutation_date: dt.date | None
    absence_case_id: str
    previous_absence_case_id: str | None
    report_sequence_number: int
    absence_ended: bool
    first_absence_date: dt.date
    previous_first_absence_date: dt.date | None
    recovery_date: dt.date | None
    absence_percentage: Decimal
    absence_end_reason: AbsenceEndReason | None


_DATE_FIELDS = (
    "mutation_date",
    "previous_mutation_date",
    "first_absence_date",
    "previous_first_absence_date",
    "recovery_date",
)


def mut_to_dict(m: Any) -> dict[str, Any]:
    """The JSON form of a mutation in a saved queue."""
    out: dict[str, Any] = {
        "processing_code": m.processing_code.value,
        "absence_case_id": m.absence_case_id,
        "previous_absence_case_id": m.previous_absence_case_id,
        "report_sequence_number": m.report_sequence_number,
        "absence_ended": m.absence_ended,
        "absence_percentage": str(m.absence_percentage),
        "absence_end_reason": m.absence_end_reason.value if m.absence_end_reason else None,
    }
    for name in _DATE_FIELDS:
        value = getattr(m, name)
        out[name] = value.isoformat() if value is not None else None
    return out


# --------------------------------------------------------------------------- findings


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "value": f.value,
        "release": f.release,
        "file": f.file,
    }


def status_name(code: int) -> str:
    return _STATUS[code].value


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
