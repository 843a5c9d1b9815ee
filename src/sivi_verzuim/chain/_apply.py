"""Applying one absence mutation: the hot path that judges it against its case and, when it passes,
changes the case in place (with an undo log in a message of several).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import Finding, Severity
from ..model import (
    ProcessingCode,
)
from ._results import Classified, MutationResult, vrzm_path
from ._state import (
    BASELINE,
    CASE_ID,
    CLOSED,
    EMPLOYEE,
    EMPLOYMENT,
    OPEN,
    SEQ,
    STATUS,
    WITHDRAWN,
    Case,
    CaseTable,
    Person,
    compact,
    key_of,
)
from ._undo import (
    ABSENT,
    DiscardAdded,
    PopAppended,
    RestoreCases,
    RestoreEntry,
    RestorePerson,
    UndoLog,
)

if TYPE_CHECKING:
    pass
from ._core import (
    _ACCEPTED,
    _CHANGE,
    _CONSEQUENTIAL,
    _CORR,
    _DELETE,
    _DUPLICATE,
    _EMPTY,
    _ERROR,
    _NEW,
    _PENDING,
    _REJECTED,
    _SYNC,
    EmployerIds,
    Item,
    Location,
    ValidatorBase,
    _kind,
    _span,
)
from ._intake import _Msg

__all__ = ["Apply"]


class Apply(ValidatorBase):
    """Applying one absence mutation: a stage of
    :class:`~sivi_verzuim.chain.ChainValidator`."""

    def _finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        msg: _Msg,
        loc: Location,
        tag: str | None = None,
        value: Any = None,
    ) -> Finding:
        path = vrzm_path(loc)
        return Finding(
            code,
            severity,
            message,
            path=f"{path}/{tag}" if tag else path,
            value=None if value is None else str(value),
            release=msg.release.value if msg.release else None,
            file=msg.file,
        )

    def _quick(self, it: Item) -> MutationResult | None:
        """The two commonest mutations of a message with one mutation, judged and applied
        without the general machinery: the next report of an open case that changes or ends
        it, and a sick report that starts a case needing no link to an earlier one.

        Only for a mutation every check of :meth:`_apply` is sure to pass without a finding
        of any severity, so that the result, the state and the events are exactly those of
        :meth:`_apply`; None for any other (nothing is changed then, and :meth:`_apply`
        judges it).
        """
        ek, employee, employment, m, _, derived = it
        md = m.mutation_date
        first_day = m.first_absence_date
        pct = m.absence_percentage
        rd = m.recovery_date
        if (
            md < first_day
            or pct < self._pct_min
            or pct > self._pct_max
            or (rd is not None and rd < first_day)
        ):
            return None
        ended = m.absence_ended
        if ended:
            if rd is None:
                return None
        elif m.absence_end_reason is not None:
            return None
        cid = m.absence_case_id
        if self._broken and (ek, cid) in self._broken:
            return None
        code = m.processing_code
        cases = self._emps.get(ek)
        if cases is None:
            case = None
        else:
            case = cases.recent.get(cid)
            if case is None:
                case = cases.settled.get(cid)
        if case is None:
            if code is not _NEW or ended:
                return None
            people = self._persons.get(ek)
            person = people.get(employee) if people is not None else None
            if person is not None:
                # every earlier case ended on or before this one's first day, and not
                # close enough to be compound absence with it (see _neighbours)
                if person.stale or person.open:
                    return None
                top_end = person.top_end
                if top_end is not None:
                    if top_end > first_day:
                        return None
                    if self._s_compound is not None:
                        gap = (first_day - top_end).days
                        window = self._window
                        if gap <= window if self._inclusive else gap < window:
                            return None
            after = self._start(
                ek,
                employee,
                employment,
                cid,
                m,
                first_day,
                md,
                pct,
                None,
                None,
                person,
                None,
                derived,
            )
        elif code is _CHANGE and cases is not None:
            (
                status,
                last,
                case_date,
                case_first,
                current,
                _,
                _,
                case_employee,
                case_employment,
                history,
                _,
                case_linked,
                case_base,
                case_class,
            ) = case
            seq = m.report_sequence_number
            if (
                status != OPEN
                or seq != last + 1
                or md < case_date
                or first_day != case_first
                or case_employee != employee
                or case_employment != employment
                or (not ended and pct >= current)
            ):
                return None
            if pct != current:
                kept = self._pcts.setdefault(pct, pct)
                current = kept
            if md > case_date:
                day = self._dates.setdefault(md, md)
                case_date = day
            end = None
            if ended:
                status = CLOSED
                end = self._dates.setdefault(rd, rd)
                person = self._persons[ek][case_employee]
                person.open -= 1
                person.closed(cid, end)
            reason = m.absence_end_reason
            cases.recent[cid] = after = (
                status,
                seq,
                case_date,
                case_first,
                current,
                end,
                False,
                case_employee,
                case_employment,
                (
                    seq,
                    code._value_,
                    md,
                    first_day,
                    rd,
                    pct,
                    ended,
                    None if reason is None else reason._value_,
                    history,
                ),
                cid,
                case_linked,
                case_base,
                case_class if derived is None else derived[0].number,
            )
            cases.count += 1
            if cases.count >= cases.limit:
                cases.settle()
        else:
            return None
        if self._events:
            return MutationResult(_ACCEPTED, _EMPTY, it, None, None, (case, after))
        return MutationResult(_ACCEPTED, _EMPTY, it)

    def _apply(self, it: Item, msg: _Msg, undo: UndoLog | None) -> MutationResult:
        """Judge one mutation and apply it when it passes (status ``accepted``).

        Leaves the key of the case it is about in ``self._key``.
        """
        ek, employee, employment, m, loc, derived = it
        code = m.processing_code
        cid = m.absence_case_id
        seq = m.report_sequence_number
        ended = m.absence_ended
        cases = self._emps.get(ek)
        if code is _CORR and m.previous_absence_case_id not in (None, cid):
            lookup = m.previous_absence_case_id  # the case being corrected (and renamed)
        else:
            lookup = cid
        self._key = key = (ek, lookup)
        case = cases.get(lookup) if cases is not None else None
        found: list[Finding] = []

        # 1. an identical report again (about the same employment): idempotent
        if case is not None and seq <= case[SEQ]:
            prev = key_of(case, seq)
            if (
                prev is not None
                and prev == compact(m)
                and case[EMPLOYEE] == employee
                and case[EMPLOYMENT] in (employment, None)
            ):
                return MutationResult(_DUPLICATE, _EMPTY, it)
            base = case[BASELINE]
            sev = self._sev["chain.covered-by-baseline"]
            if prev is None and base is not None and seq <= base and sev is not None:
                f = self._finding(
                    "chain.covered-by-baseline",
                    sev,
                    f"report {seq} of case {cid} is covered by the go-live baseline (last "
                    f"report {base}); treated as already processed",
                    msg,
                    loc,
                    "VrzmgvlVnrMld",
                    seq,
                )
                if sev is not _ERROR:
                    return MutationResult(_DUPLICATE, (f,), it)
                found.append(f)
            elif self._s_reused is not None:
                what = "with other content" if prev is not None else "already"
                found.append(
                    self._finding(
                        "chain.sequence-reused",
                        self._s_reused,
                        f"report {seq} of case {cid} was {what} accepted (last accepted "
                        f"report {case[SEQ]}); a new report needs a higher number",
                        msg,
                        loc,
                        "VrzmgvlVnrMld",
                        seq,
                    )
                )

        # 2. cascade: the case is broken
        broken = self._broken
        root = broken.get(key) if broken else None
        if root is not None and self._cascade and code is not _SYNC and code is not _CORR:
            rf = root.finding
            sev = self._sev["chain.consequential"] or _ERROR
            f = self._finding(
                "chain.consequential",
                sev,
                f"{'not applied: ' if sev is _ERROR else ''}case {lookup} is broken since report "
                f"{root.sequence} (message {root.reference}) was rejected: [{rf.code}] "
                f"{rf.message}; repair it with a sync (05), a fitting correction (03) or "
                "reset_case",
                msg,
                loc,
                value=rf.code,
            )
            if sev is _ERROR:
                return MutationResult(_CONSEQUENTIAL, (f,), it, None, rf)
            found.append(f)  # reported only; the mutation is judged on its own

        first_day = m.first_absence_date
        md = m.mutation_date
        rd = m.recovery_date
        pct = m.absence_percentage
        if code is _NEW and ended and case is not None and case[STATUS] == OPEN:
            code = _CHANGE  # "01" with EndVrzmJN J for an open case: its end (kind recovery)

        # 3. the case's status, 4. sequence numbers, 5. against an open case
        if case is None:
            if code is not _NEW and code is not _SYNC:
                self._check_unknown(ek, employee, cid, code, _kind(code, ended), msg, loc, found)
            elif code is _NEW and ended and not self._allow_ended_start:
                sev = self._sev["chain.start-without-sick-report"]
                if sev is not None:
                    found.append(
                        self._finding(
                            "chain.start-without-sick-report",
                            sev,
                            f"case {cid} starts with a sick report that also ends it",
                            msg,
                            loc,
                            "EndVrzmJN",
                            "J",
                        )
                    )
        else:
            (
                status,
                last,
                case_date,
                case_first,
                current,
                _,
                resync,
                case_employee,
                case_employment,
                history,
                _,
                case_linked,
                case_base,
                case_class,
            ) = case
            if case_employee != employee or (
                case_employment is not None and case_employment != employment
            ):
                sev = self._s_identity
                if sev is not None:
                    found.append(
                        self._finding(
                            "chain.case-identity",
                            sev,
                            f"case {lookup} belongs to employee {case_employee} (employment "
                            f"{case_employment}), not to {employee} ({employment})",
                            msg,
                            loc,
                            "VrzmgvlId",
                            lookup,
                        )
                    )
            if status != OPEN or code is _NEW:
                self._check_status(case, code, _kind(code, ended), cid, msg, loc, found)
            if seq > last + 1 and not resync and root is None and code is not _SYNC:
                sev = self._s_gap
                if sev is not None:
                    f = self._finding(
                        "chain.sequence-gap",
                        sev,
                        f"report {seq} of case {cid} follows report {last}: "
                        f"{'report' if seq == last + 2 else 'reports'} "
                        f"{_span(last + 1, seq - 1)} missing",
                        msg,
                        loc,
                        "VrzmgvlVnrMld",
                        seq,
                    )
                    if sev is _ERROR and self._gap_wait:
                        return MutationResult(_PENDING, (f,), it)
                    found.append(f)
            if code is _CHANGE and status == OPEN:
                sev = self._s_backwards
                if sev is not None and md < case_date:
                    found.append(
                        self._finding(
                            "chain.mutation-date-backwards",
                            sev,
                            f"mutation date {md} is before the last accepted mutation date "
                            f"{case_date} of case {cid}",
                            msg,
                            loc,
                            "IngdatMutVrzm",
                            md,
                        )
                    )
                sev = self._s_first
                if sev is not None and first_day != case_first:
                    found.append(
                        self._finding(
                            "chain.first-day-changed",
                            sev,
                            f"first day of absence {first_day} differs from the case's "
                            f"{case_first}; only a correction (03) or a sync (05) may change it",
                            msg,
                            loc,
                            "DatEerstVrzmdg",
                            first_day,
                        )
                    )
                if not ended:
                    sev = self._s_lowered
                    if sev is not None and pct >= current:
                        if pct > current:
                            if self._allow_increase:
                                found.append(
                                    self._finding(
                                        "chain.percentage-not-lowered",
                                        Severity.INFO,
                                        f"the absence percentage rises from {current} to "
                                        f"{pct}: a relapse within the open case",
                                        msg,
                                        loc,
                                        "PrcVrzm",
                                        pct,
                                    )
                                )
                            else:
                                found.append(
                                    self._finding(
                                        "chain.percentage-not-lowered",
                                        sev,
                                        f"a partial recovery must lower the absence "
                                        f"percentage: {pct} after {current}",
                                        msg,
                                        loc,
                                        "PrcVrzm",
                                        pct,
                                    )
                                )
                        elif not self._allow_equal:
                            found.append(
                                self._finding(
                                    "chain.percentage-not-lowered",
                                    sev,
                                    f"a partial recovery must lower the absence percentage: "
                                    f"{pct} after {current}",
                                    msg,
                                    loc,
                                    "PrcVrzm",
                                    pct,
                                )
                            )
            elif code is _CORR:
                self._check_correction(m, case, key, msg, loc, found)

        # 6. the mutation's own dates and values
        if md < first_day and self._s_before is not None:
            found.append(
                self._finding(
                    "chain.mutation-before-first-day",
                    self._s_before,
                    f"mutation date {md} is before the first day of absence {first_day}",
                    msg,
                    loc,
                    "IngdatMutVrzm",
                    md,
                )
            )
        if rd is not None:
            if rd < first_day and self._s_recovery is not None:
                found.append(
                    self._finding(
                        "chain.recovery-before-first-day",
                        self._s_recovery,
                        f"recovery date {rd} is before the first day of absence {first_day}",
                        msg,
                        loc,
                        "DatHrstld",
                        rd,
                    )
                )
        elif ended and code is not _DELETE and self._s_nodate is not None:
            found.append(
                self._finding(
                    "chain.end-without-recovery-date",
                    self._s_nodate,
                    f"case {cid} ends without a recovery date (DatHrstld); the mutation date "
                    f"{md} is taken as the end",
                    msg,
                    loc,
                    "EndVrzmJN",
                    "J",
                )
            )
        if (pct < self._pct_min or pct > self._pct_max) and self._s_range is not None:
            found.append(
                self._finding(
                    "chain.percentage-range",
                    self._s_range,
                    f"absence percentage {pct} is outside {self._pct_min} to {self._pct_max}",
                    msg,
                    loc,
                    "PrcVrzm",
                    pct,
                )
            )
        if not ended and m.absence_end_reason is not None and self._s_reason is not None:
            found.append(
                self._finding(
                    "chain.recovery-reason-without-end",
                    self._s_reason,
                    f"a reason for the end (RdnEndVrzmCd {m.absence_end_reason.value}) on a "
                    "mutation that does not end the case",
                    msg,
                    loc,
                    "RdnEndVrzmCd",
                    m.absence_end_reason.value,
                )
            )

        # 7. the case among the employee's other cases (starts, syncs, corrections)
        linked = None
        end = (rd or md) if ended else None
        person = None
        if case is None:
            people = self._persons.get(ek)
            person = people.get(employee) if people is not None else None
            if person is not None:
                linked = self._neighbours(
                    person, cases, None, employment, cid, first_day, end, msg, loc, found
                )
        elif code is _SYNC or code is _CORR:  # checks only: only a new case is linked
            self._neighbours(
                self._persons[ek][case[EMPLOYEE]],
                cases,
                case,
                employment,
                case[CASE_ID],
                first_day,
                end,
                msg,
                loc,
                found,
            )

        for f in found:
            if f.severity is _ERROR:
                return MutationResult(_REJECTED, tuple(found), it, linked)

        # 8. apply: a new record replaces the case's (the old one is the event's "before")
        if case is None:
            after = self._start(
                ek,
                employee,
                employment,
                cid,
                m,
                first_day,
                md,
                pct,
                end,
                linked,
                person,
                undo,
                derived,
            )
        elif (
            code is _CHANGE
            and undo is None
            and status == OPEN
            and case_employee == employee
            and case_employment == employment
            and cases is not None
        ):
            # the common case, inline: a change or end of an open case (see _update)
            if pct != current:
                kept = self._pcts.setdefault(pct, pct)
                current = kept
            if md > case_date:
                day = self._dates.setdefault(md, md)
                case_date = day
            if end is not None:
                status = CLOSED
                day = self._dates.setdefault(end, end)
                end = day
                person = self._persons[ek][case_employee]
                person.open -= 1
                person.closed(lookup, end)
            reason = m.absence_end_reason
            cases[lookup] = after = (
                status,
                seq,
                case_date,
                case_first,
                current,
                end,
                False,
                case_employee,
                case_employment,
                (
                    seq,
                    m.processing_code._value_,
                    md,
                    first_day,
                    rd,
                    pct,
                    ended,
                    None if reason is None else reason._value_,
                    history,
                ),
                lookup,
                case_linked,
                case_base,
                case_class if derived is None else derived[0].number,
            )
        else:
            after = self._update(
                case,
                ek,
                employee,
                employment,
                cid,
                m,
                code,
                md,
                first_day,
                pct,
                end,
                undo,
                derived,
            )
        if root is not None:
            if undo is not None:
                undo.append(RestoreEntry(broken, key, root))
            del broken[key]
        if self._events:
            return MutationResult(
                _ACCEPTED, tuple(found) if found else _EMPTY, it, linked, None, (case, after)
            )
        return MutationResult(_ACCEPTED, tuple(found) if found else _EMPTY, it, linked)

    def _start(
        self,
        ek: EmployerIds,
        employee: str,
        employment: str,
        cid: str,
        m: Any,
        first_day: dt.date,
        md: dt.date,
        pct: Decimal,
        end: dt.date | None,
        linked: str | None,
        person: Person | None,
        undo: UndoLog | None,
        derived: Classified | None,
    ) -> Case:
        seq = m.report_sequence_number
        if person is None:
            person = Person(employee)
            people = self._persons.get(ek)
            if people is None:
                people = self._persons[ek] = {}
                if undo is not None:
                    undo.append(RestoreEntry(self._persons, ek, ABSENT))
            people[employee] = person
            if undo is not None:
                undo.append(RestoreEntry(people, employee, ABSENT))
        elif undo is not None:
            undo.append(RestorePerson(person, person.snapshot()))
        shared = person.employment
        if shared != employment:
            person.employment = shared = employment
        dates = self._dates
        first = dates.setdefault(first_day, first_day)
        day = dates.setdefault(md, md)
        if end is not None:
            kept_end = dates.setdefault(end, end)
            end = kept_end
        kept = self._pcts.setdefault(pct, pct)
        reason = m.absence_end_reason
        case = (
            OPEN if end is None else CLOSED,
            seq,
            day,
            first,
            kept,
            end,
            False,
            person.employee_id,
            shared,
            (
                seq,
                m.processing_code._value_,
                md,
                first_day,
                m.recovery_date,
                pct,
                m.absence_ended,
                None if reason is None else reason._value_,
                None,
            ),
            cid,
            linked,
            None,
            None if derived is None else derived[0].number,
        )
        cases = self._emps.get(ek)
        if cases is None:
            cases = self._emps[ek] = CaseTable()
            if undo is not None:
                undo.append(RestoreEntry(self._emps, ek, ABSENT))
        cases[cid] = case
        if undo is not None:
            undo.append(RestoreEntry(cases, cid, ABSENT))
            undo.append(PopAppended(person.cases))
        person.cases[cid] = None
        if end is None:
            person.open += 1
        else:
            person.closed(cid, end)
        return case

    def _update(
        self,
        case: Case,
        ek: EmployerIds,
        employee: str,
        employment: str,
        cid: str,
        m: Any,
        code: ProcessingCode,
        md: dt.date,
        first_day: dt.date,
        pct: Decimal,
        end: dt.date | None,
        undo: UndoLog | None,
        derived: Classified | None,
    ) -> Case:
        """Apply an accepted mutation to an existing case; the case's new record."""
        (
            status,
            _,
            date,
            first,
            current,
            case_end,
            _,
            case_employee,
            case_employment,
            history,
            case_id,
            linked,
            base,
            cls,
        ) = case
        cases = self._emps[ek]
        person = self._persons[ek][case_employee]
        if undo is not None:
            undo.append(RestoreEntry(cases, case_id, case))
            undo.append(RestorePerson(person, person.snapshot()))
        if case_employment is None:
            case_employment = employment
        if case_employee != employee and not self._is_known((ek, employee)):
            # only when chain.case-identity is not an error
            self._known.add((ek, employee))
            if undo is not None:
                undo.append(DiscardAdded(self._known, (ek, employee)))
        if code is _CHANGE or code is _NEW:
            if pct != current:
                current = self._percentage(pct)
            if md > date:
                date = self._day(md)
            if end is not None and status == OPEN:
                status = CLOSED
                case_end = end = self._day(end)
                person.open -= 1
                person.closed(case_id, end)
        elif code is _DELETE:
            if status == OPEN:
                person.open -= 1
            elif person.top == case_id:
                person.stale = True
            status = WITHDRAWN
            if md > date:
                date = self._day(md)
        else:  # correction or sync: the mutation states the case
            status = CLOSED if end is not None else OPEN
            first = self._day(first_day)
            current = self._percentage(pct)
            case_end = None if end is None else self._day(end)
            if (
                code is _SYNC
                or md > date
                or (m.previous_mutation_date is not None and m.previous_mutation_date == date)
            ):
                date = self._day(md)
            person.stale = True
            if case_id != cid:
                if undo is not None:
                    undo.append(RestoreEntry(cases, cid, ABSENT))
                del cases[case_id]
                before = person.renamed(case_id, cid)
                if undo is not None:
                    undo.append(RestoreCases(person, before))
                case_id = cid
        if derived is not None and code is not _DELETE:
            cls = derived[0].number
        seq = m.report_sequence_number
        reason = m.absence_end_reason
        history = (
            seq,
            m.processing_code._value_,
            md,
            first_day,
            m.recovery_date,
            pct,
            m.absence_ended,
            None if reason is None else reason._value_,
            history,
        )
        cases[case_id] = new = (
            status,
            seq,
            date,
            first,
            current,
            case_end,
            False,
            case_employee,
            case_employment,
            history,
            case_id,
            linked,
            base,
            cls,
        )
        return new
