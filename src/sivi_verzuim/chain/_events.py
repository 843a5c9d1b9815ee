"""Change events: what an accepted message changed in the validator's state.

The validator keeps, per accepted mutation, two plain snapshots of its case (before and
after, see :func:`snap`); the typed :class:`ChangeEvent` objects are built from them only when
asked for (:attr:`MutationResult.events`, :attr:`MessageResult.events`), so that taking them
costs the validator two tuples per mutation.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ..classification import AbsenceClassification
from ._state import _STATUS, CLOSED, OPEN, STATUS_CODE, WITHDRAWN, Case, CaseView
from ._statecheck import Obj, Path

__all__ = ["ChangeEvent", "EventKind"]

Snap = tuple[Any, ...]
"""(employer key, case id, employee, employment, status code, first day, percentage, end,
last sequence, last mutation date, linked case, from baseline, classification)."""

Change = tuple[Snap | None, Snap]
"""(before or None, after)."""


class EventKind(enum.Enum):
    """What an accepted absence mutation did to its case (see docs/chain.md, *Change events*)."""

    CASE_OPENED = "case-opened"
    """A new case (a sick report, or another first mutation of an unknown case)."""
    COMPOUND_LINKED = "compound-linked"
    """The new case is compound absence with an earlier case of the employee
    (``after.linked_case``)."""
    PERCENTAGE_CHANGED = "percentage-changed"
    """The absence percentage of an open case changed (partial recovery or relapse)."""
    CASE_CLOSED = "case-closed"
    """The case ended (``after.end_date``)."""
    CASE_CORRECTED = "case-corrected"
    """A correction (``03``) stated the case anew (possibly under another case id)."""
    CASE_WITHDRAWN = "case-withdrawn"
    """A withdrawal (``04``) removed the case."""
    CASE_UPDATED = "case-updated"
    """An accepted mutation that changed none of the above: only the last report number,
    the last mutation date or the classification (e.g. a change with the same percentage)."""
    CASE_SYNCED = "case-synced"
    """A sync (``05``) stated the case as it is now (``before`` is None for a case the
    validator did not know)."""


@attrs.frozen
class ChangeEvent:
    """One change of the receiver's state, with the case before and after it.

    Attributes:
        kind: the :class:`EventKind`.
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        case_id: ``VrzmgvlId`` after the change (a correction may rename the case; the old
            id is ``before.case_id``).
        sequence: the ``VrzmgvlVnrMld`` of the mutation that made the change.
        before: the case before the mutation (None for a case that did not exist).
        after: the case after the mutation.

    ``before`` and ``after`` are :class:`CaseView` snapshots (their ``broken`` is None: an
    accepted mutation never leaves its case broken). The events of one mutation share its
    ``before`` and ``after``; applying every event's ``after`` in order reproduces the
    validator's cases.
    """

    kind: EventKind
    employer_id: str
    connection_number: str
    case_id: str
    sequence: int
    before: CaseView | None
    after: CaseView

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``process --json --events``): ``kind``, the keys, and ``before``
        / ``after`` as objects with the :class:`CaseView` field names (dates ISO, the
        percentage as text, the classification as its number)."""
        return {
            "kind": self.kind.value,
            "employer_id": self.employer_id,
            "connection_number": self.connection_number,
            "case_id": self.case_id,
            "sequence": self.sequence,
            "before": None if self.before is None else view_to_dict(self.before),
            "after": view_to_dict(self.after),
        }


def snap(case: Case) -> Snap:
    """The plain snapshot of a case that an event is built from."""
    return (
        case.employer,
        case.case_id,
        case.employee,
        case.employment,
        case.status,
        case.first,
        case.pct,
        case.end,
        case.seq,
        case.date,
        case.linked,
        case.baseline_sequence is not None,
        case.classification,
    )


def _view(s: Snap) -> CaseView:
    (employer_id, connection_number), cid, employee, employment = s[0], s[1], s[2], s[3]
    return CaseView(
        employer_id=employer_id,
        connection_number=connection_number,
        case_id=cid,
        employee_id=employee,
        employment_id=employment,
        status=_STATUS[s[4]],
        first_absence_date=s[5],
        absence_percentage=s[6],
        end_date=s[7],
        last_sequence=None if s[8] < 0 else s[8],
        last_mutation_date=s[9],
        linked_case=s[10],
        broken=None,
        from_baseline=s[11],
        classification=s[12],
    )


_NEW, _CHANGE, _CORR, _DELETE, _SYNC = "01", "02", "03", "04", "05"


def events_of(change: Change | None, code: str) -> tuple[ChangeEvent, ...]:
    """The events of one accepted mutation (its processing code ``code``)."""
    if change is None:
        return ()
    before, after = change
    b = None if before is None else _view(before)
    a = _view(after)
    kinds: list[EventKind] = []
    if before is None:
        kinds.append(EventKind.CASE_SYNCED if code == _SYNC else EventKind.CASE_OPENED)
        if after[10] is not None:
            kinds.append(EventKind.COMPOUND_LINKED)
        if code != _SYNC and after[4] == CLOSED:
            kinds.append(EventKind.CASE_CLOSED)
    elif code == _CORR:
        kinds.append(EventKind.CASE_CORRECTED)
    elif code == _SYNC:
        kinds.append(EventKind.CASE_SYNCED)
    elif code == _DELETE:
        if before[4] != WITHDRAWN:
            kinds.append(EventKind.CASE_WITHDRAWN)
    elif before[4] == OPEN and after[4] == CLOSED:
        kinds.append(EventKind.CASE_CLOSED)
    elif before[6] != after[6]:
        kinds.append(EventKind.PERCENTAGE_CHANGED)
    if not kinds:
        kinds.append(EventKind.CASE_UPDATED)
    (employer_id, connection_number), cid, seq = after[0], after[1], after[8]
    return tuple(
        ChangeEvent(kind, employer_id, connection_number, cid, seq, b, a) for kind in kinds
    )


# --------------------------------------------------------------------------- plain data


def view_to_dict(v: CaseView) -> dict[str, Any]:
    return {
        "case_id": v.case_id,
        "employee_id": v.employee_id,
        "employment_id": v.employment_id,
        "status": v.status.value,
        "first_absence_date": v.first_absence_date.isoformat(),
        "absence_percentage": str(v.absence_percentage),
        "end_date": None if v.end_date is None else v.end_date.isoformat(),
        "last_sequence": v.last_sequence,
        "last_mutation_date": v.last_mutation_date.isoformat(),
        "linked_case": v.linked_case,
        "from_baseline": v.from_baseline,
        "classification": None if v.classification is None else v.classification.number,
    }


def _snap_to_data(s: Snap) -> dict[str, Any]:
    return {
        "case_id": s[1],
        "employee_id": s[2],
        "employment_id": s[3],
        "status": _STATUS[s[4]].value,
        "first_absence_date": s[5].isoformat(),
        "absence_percentage": str(s[6]),
        "end_date": None if s[7] is None else s[7].isoformat(),
        "last_sequence": s[8],
        "last_mutation_date": s[9].isoformat(),
        "linked_case": s[10],
        "from_baseline": s[11],
        "classification": None if s[12] is None else s[12].number,
    }


def change_to_data(change: Change | None) -> dict[str, Any] | None:
    """A mutation's change as plain data (kept with its result in a store)."""
    if change is None:
        return None
    before, after = change
    return {
        "before": None if before is None else _snap_to_data(before),
        "after": _snap_to_data(after),
    }


_CLASSES = {c.number: c for c in AbsenceClassification}
_STATUS_NAMES = {s.value: s for s in _STATUS}


def _snap_from_data(ek: tuple[str, str], value: Any, path: Path) -> Snap:
    o = Obj(value, path)
    seq = o.opt_integer("last_sequence", 0)
    cls_number = o.opt_integer("classification", 1, len(_CLASSES))
    return (
        ek,
        o.text("case_id"),
        o.text("employee_id"),
        o.opt_text("employment_id"),
        STATUS_CODE[o.member(_STATUS_NAMES, "status").value],
        o.date("first_absence_date"),
        o.percentage("absence_percentage"),
        o.opt_date("end_date"),
        -1 if seq is None else seq,
        o.date("last_mutation_date"),
        o.opt_text("linked_case"),
        o.flag("from_baseline", default=False),
        None if cls_number is None else _CLASSES[cls_number],
    )


def change_from_data(ek: tuple[str, str], value: Any, path: Path) -> Change:
    """The change :func:`change_to_data` gave (``StateError`` naming the place if damaged)."""
    o = Obj(value, path)
    raw_before = o.raw("before")
    before = None if raw_before is None else _snap_from_data(ek, raw_before, o.at("before"))
    return (before, _snap_from_data(ek, o.raw("after"), o.at("after")))
