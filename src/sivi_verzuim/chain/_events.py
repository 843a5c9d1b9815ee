"""Change events: what an accepted message changed in the validator's state.

The validator keeps, per accepted mutation, its case's record before and after (the records
are immutable tuples, see :mod:`._state`: keeping them costs nothing); the typed
:class:`ChangeEvent` objects are built from them only when asked for
(:attr:`MutationResult.events`, :attr:`MessageResult.events`).
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ..classification import AbsenceClassification
from ._state import (
    _STATUS,
    BASELINE,
    CASE_ID,
    CLASS,
    CLOSED,
    DATE,
    EMPLOYEE,
    EMPLOYMENT,
    END,
    FIRST,
    LINKED,
    OPEN,
    PCT,
    SEQ,
    STATUS,
    STATUS_CODE,
    WITHDRAWN,
    Case,
    CaseView,
    case_view,
    new_case,
)
from ._statecheck import Obj, Path

__all__ = ["ChangeEvent", "EventKind"]

Change = tuple[Case | None, Case]
"""The case's record before (None: the case did not exist) and after an accepted mutation."""


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


_NEW, _CHANGE, _CORR, _DELETE, _SYNC = "01", "02", "03", "04", "05"


def events_of(change: Change | None, code: str, ek: tuple[str, str]) -> tuple[ChangeEvent, ...]:
    """The events of one accepted mutation (its processing code ``code``) of a case of
    employer ``ek``."""
    if change is None:
        return ()
    before, after = change
    b = None if before is None else case_view(ek, before, None)
    a = case_view(ek, after, None)
    kinds: list[EventKind] = []
    if before is None:
        kinds.append(EventKind.CASE_SYNCED if code == _SYNC else EventKind.CASE_OPENED)
        if after[LINKED] is not None:
            kinds.append(EventKind.COMPOUND_LINKED)
        if code != _SYNC and after[STATUS] == CLOSED:
            kinds.append(EventKind.CASE_CLOSED)
    elif code == _CORR:
        kinds.append(EventKind.CASE_CORRECTED)
    elif code == _SYNC:
        kinds.append(EventKind.CASE_SYNCED)
    elif code == _DELETE:
        if before[STATUS] != WITHDRAWN:
            kinds.append(EventKind.CASE_WITHDRAWN)
    elif before[STATUS] == OPEN and after[STATUS] == CLOSED:
        kinds.append(EventKind.CASE_CLOSED)
    elif before[PCT] != after[PCT]:
        kinds.append(EventKind.PERCENTAGE_CHANGED)
    if not kinds:
        kinds.append(EventKind.CASE_UPDATED)
    (employer_id, connection_number), cid, seq = ek, after[CASE_ID], after[SEQ]
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


def _snap_to_data(s: Case) -> dict[str, Any]:
    end = s[END]
    return {
        "case_id": s[CASE_ID],
        "employee_id": s[EMPLOYEE],
        "employment_id": s[EMPLOYMENT],
        "status": _STATUS[s[STATUS]].value,
        "first_absence_date": s[FIRST].isoformat(),
        "absence_percentage": str(s[PCT]),
        "end_date": None if end is None else end.isoformat(),
        "last_sequence": s[SEQ],
        "last_mutation_date": s[DATE].isoformat(),
        "linked_case": s[LINKED],
        "from_baseline": s[BASELINE] is not None,
        "classification": s[CLASS],
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


def _snap_from_data(value: Any, path: Path) -> Case:
    """The record of a case as a kept change holds it (as far as its events show it: no
    reports; a baseline case's number is not kept, only that it came from the baseline)."""
    o = Obj(value, path)
    seq = o.opt_integer("last_sequence", 0)
    cls_number = o.opt_integer("classification", 1, len(_CLASSES))
    case_id = o.text("case_id")
    employee = o.text("employee_id")
    employment = o.opt_text("employment_id")
    status = STATUS_CODE[o.member(_STATUS_NAMES, "status").value]
    first = o.date("first_absence_date")
    pct = o.percentage("absence_percentage")
    end = o.opt_date("end_date")
    date = o.date("last_mutation_date")
    linked = o.opt_text("linked_case")
    from_baseline = o.flag("from_baseline", default=False)
    return new_case(
        case_id,
        employee,
        employment,
        status,
        first,
        pct,
        end,
        -1 if seq is None else seq,
        date,
        None,
        linked,
        baseline_sequence=-1 if from_baseline else None,
        classification=None if cls_number is None else _CLASSES[cls_number],
    )


def change_from_data(ek: tuple[str, str], value: Any, path: Path) -> Change:
    """The change :func:`change_to_data` gave (``StateError`` naming the place if damaged)."""
    o = Obj(value, path)
    raw_before = o.raw("before")
    before = None if raw_before is None else _snap_from_data(raw_before, o.at("before"))
    return (before, _snap_from_data(o.raw("after"), o.at("after")))
