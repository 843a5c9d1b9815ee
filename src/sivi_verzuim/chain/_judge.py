"""The rarer checks of an absence mutation: unknown cases and employees, the status of the case,
corrections, and the neighbouring cases of the employee (one open case, overlap, compound
absence).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..errors import Finding
from ..model import (
    AbsenceKind,
    ProcessingCode,
)
from ._state import (
    CASE_ID,
    CLOSED,
    DATE,
    EMPLOYMENT,
    END,
    FIRST,
    OPEN,
    STATUS,
    WITHDRAWN,
    Case,
    CaseTable,
    Person,
    reports,
)

if TYPE_CHECKING:
    pass
from ._core import (
    _CHANGE,
    _NEW,
    _SYNC,
    CaseKey,
    EmployerIds,
    Location,
    ValidatorBase,
)
from ._intake import _Msg

__all__ = ["Judge"]


class Judge(ValidatorBase):
    """The rarer checks of an absence mutation: a stage of
    :class:`~sivi_verzuim.chain.ChainValidator`."""

    def _check_unknown(
        self,
        ek: EmployerIds,
        employee: str,
        cid: str,
        code: ProcessingCode,
        kind: AbsenceKind,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> None:
        sev = self._sev["chain.unknown-employee"]
        if sev is not None and not self._is_known((ek, employee)):
            found.append(
                self._finding(
                    "chain.unknown-employee",
                    sev,
                    f"employee {employee} is not known (no baseline row, no earlier message); "
                    f"a {kind.value} needs a known employee",
                    msg,
                    loc,
                    value=employee,
                )
            )
        sev = self._sev["chain.start-without-sick-report"]
        if sev is not None:
            found.append(
                self._finding(
                    "chain.start-without-sick-report",
                    sev,
                    f"case {cid} is not known: its first mutation must be a sick report "
                    f"(VrwrkCd 01) or a sync (05), not a {kind.value} (VrwrkCd {code.value})",
                    msg,
                    loc,
                    "VrwrkCd",
                    code.value,
                )
            )

    def _check_status(
        self,
        case: Case,
        code: ProcessingCode,
        kind: AbsenceKind,
        cid: str,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> None:
        status = case[STATUS]
        if status == OPEN:  # a sick report for an open case
            sev = self._sev["chain.one-open-case"]
            if sev is not None:
                found.append(
                    self._finding(
                        "chain.one-open-case",
                        sev,
                        f"case {cid} is already open: a sick report cannot start it again",
                        msg,
                        loc,
                        "VrwrkCd",
                        code.value,
                    )
                )
        elif status == CLOSED:
            if code is _NEW or code is _CHANGE:
                sev = self._sev["chain.after-end"]
                if sev is not None:
                    found.append(
                        self._finding(
                            "chain.after-end",
                            sev,
                            f"case {cid} ended on {case[END]}: after an end only a correction "
                            f"(03), withdrawal (04) or sync (05) is accepted, not a {kind.value}",
                            msg,
                            loc,
                            "VrwrkCd",
                            code.value,
                        )
                    )
        elif code is not _SYNC:
            sev = self._sev["chain.case-withdrawn"]
            if sev is not None:
                found.append(
                    self._finding(
                        "chain.case-withdrawn",
                        sev,
                        f"case {case[CASE_ID]} was withdrawn: only a sync (05) can bring it back",
                        msg,
                        loc,
                        "VrwrkCd",
                        code.value,
                    )
                )

    def _check_correction(
        self,
        m: Any,
        case: Case,
        key: CaseKey,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> None:
        sev = self._sev["chain.correction-mismatch"]
        if sev is None:
            return
        problems = []
        old_first = m.previous_first_absence_date
        if old_first is not None and old_first != case[FIRST]:
            problems.append(
                (
                    "DatEerstVrzmdgOud",
                    old_first,
                    f"DatEerstVrzmdgOud {old_first} is not the case's first day {case[FIRST]}",
                )
            )
        old_date = m.previous_mutation_date
        if (
            old_date is not None
            and old_date != case[DATE]
            and old_date not in {k[1] for _, k in reports(case)}
        ):
            problems.append(
                (
                    "IngdatMutVrzmOud",
                    old_date,
                    f"IngdatMutVrzmOud {old_date} is not the date of an accepted report "
                    f"of case {key[1]}",
                )
            )
        new_id = m.absence_case_id
        if new_id != key[1] and self._case((key[0], new_id)) is not None:
            problems.append(
                (
                    "VrzmgvlId",
                    new_id,
                    f"case {key[1]} cannot be renamed to {new_id}: that case exists",
                )
            )
        for tag, value, text in problems:
            found.append(
                self._finding(
                    "chain.correction-mismatch",
                    sev,
                    f"the correction does not fit case {key[1]}: {text}",
                    msg,
                    loc,
                    tag,
                    value,
                )
            )

    def _neighbours(
        self,
        person: Person,
        records: CaseTable | None,
        case: Case | None,
        employment: str,
        cid: str,
        first: dt.date,
        end: dt.date | None,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> str | None:
        """Check a new, synced or corrected case against the employee's other cases (their
        records in ``records``, the employer's cases): one open case per employment, no
        overlap; for a new case (``case`` None), find the case it is compound absence with
        and return its id."""
        s_compound = self._sev["chain.compound-absence"] if case is None else None
        if records is None:
            records = CaseTable()
        if person.stale:
            person.recompute(records)
        previous: Case | None = None
        previous_end: dt.date | None = None
        top_end = person.top_end
        if case is None and person.open == 0 and (top_end is None or top_end <= first):
            # every other case ended on or before this one's first day
            if s_compound is None or top_end is None or person.top is None:
                return None
            gap = (first - top_end).days
            if not (gap <= self._window if self._inclusive else gap < self._window):
                return None  # (without reading the previous case)
            previous = records[person.top]
            previous_end = top_end
        else:
            s_open = self._sev["chain.one-open-case"]
            s_overlap = self._sev["chain.overlap"]
            own = None if case is None else case[CASE_ID]
            for other_id in person.cases:
                if other_id == own:
                    continue
                other = records[other_id]
                status = other[STATUS]
                if status == WITHDRAWN:
                    continue
                other_end = other[END] if status == CLOSED else None
                if (
                    other_end is not None
                    and other_end <= first
                    and (previous_end is None or other_end > previous_end)
                ):
                    previous, previous_end = other, other_end
                other_employment = other[EMPLOYMENT]
                if other_employment is not None and employment and other_employment != employment:
                    continue
                other_first = other[FIRST]
                if end is None and status == OPEN:
                    if s_open is not None:
                        found.append(
                            self._finding(
                                "chain.one-open-case",
                                s_open,
                                f"employment {employment} already has an open case "
                                f"{other_id} (since {other_first})",
                                msg,
                                loc,
                                "VrzmgvlId",
                                cid,
                            )
                        )
                    continue
                if (
                    s_overlap is not None
                    and (other_end is None or first < other_end)
                    and (end is None or other_first < end)
                ):
                    span = f"{other_first} to {other_end}" if other_end else f"{other_first} on"
                    found.append(
                        self._finding(
                            "chain.overlap",
                            s_overlap,
                            f"case {cid} from {first} overlaps case {other_id} ({span})",
                            msg,
                            loc,
                            "DatEerstVrzmdg",
                            first,
                        )
                    )
        if previous is None or previous_end is None or s_compound is None:
            return None
        gap = (first - previous_end).days
        if not (gap <= self._window if self._inclusive else gap < self._window):
            return None
        previous_id: str = previous[CASE_ID]
        bound = "at most" if self._inclusive else "less than"
        found.append(
            self._finding(
                "chain.compound-absence",
                s_compound,
                f"case {cid} starts {gap} day(s) after case {previous_id} ended on "
                f"{previous_end.isoformat()} ({bound} {self._window}): compound absence, "
                f"linked to case {previous_id}",
                msg,
                loc,
                "DatEerstVrzmdg",
                first,
            )
        )
        return previous_id
