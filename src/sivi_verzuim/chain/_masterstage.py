"""Master data in the validator: master-data messages applied as a whole, absences checked against
the master data, key changes carried into the cases, and the master data read back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import Finding
from ._masterdata import (
    EMPLOYEE,
    MOVED,
    Draft,
    EmployeeView,
    EmploymentView,
    UnitView,
    moved_record_id,
)
from ._masterjudge import MasterMsg
from ._results import MessageResult, MutationResult, vrzm_path
from ._state import EMPLOYEE as CASE_EMPLOYEE
from ._state import EMPLOYMENT as CASE_EMPLOYMENT
from ._state import replaced

if TYPE_CHECKING:
    pass
from ._core import (
    _ACCEPTED,
    _DUPLICATE,
    _ERROR,
    _NOTHING,
    _REJECTED,
    CaseKey,
    EmployerIds,
    ValidatorBase,
)
from ._intake import _Msg

__all__ = ["MasterStage"]


class MasterStage(ValidatorBase):
    """Master data in the validator: a stage of
    :class:`~sivi_verzuim.chain.ChainValidator`."""

    def _master_findings(self, msg: _Msg) -> list[list[Finding]] | None:
        """The master-data findings of each absence mutation (None: there are none, or none
        of the message's employers has master data)."""
        employers = self._md.employers
        judge = self._mj.absence_findings
        units = msg.units
        case_exists = self._case_known
        out: list[list[Finding]] | None = None
        items = msg.items
        for i, it in enumerate(items):
            ek = it[0]
            em = employers.get(ek)
            if em is None:
                continue
            unit = None if units is None else units[i]
            raw = judge(em, ek, it[1], it[2], it[3], unit, case_exists)
            if raw is None:
                continue
            if out is None:
                out = [[] for _ in items]
            loc = it[4]
            out[i] = [self._finding(c, sev, text, msg, loc, tag, v) for c, sev, text, tag, v in raw]
        return out

    def _case_known(self, key: CaseKey) -> bool:
        return self._case(key) is not None

    def _refuse_master(
        self, msg: _Msg, extra: list[list[Finding]]
    ) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]:
        """Reject an absence message that the master data refuses: nothing is applied, and no
        case is broken."""
        rel = msg.release.value if msg.release else None
        # quoted with its personal data masked: the sibling's own path is not personal
        root = next(f for fs in extra for f in fs if f.severity is _ERROR).masked()
        out = []
        for it, fs in zip(msg.items, extra, strict=True):
            if any(f.severity is _ERROR for f in fs):
                # a matter of identification, not of the chain: the case is not broken, the
                # sender sends the report again with the right keys
                r = MutationResult(_REJECTED, tuple(fs), it)
            else:
                sibling = Finding(
                    "chain.message-rejected",
                    _ERROR,
                    f"not applied: another mutation of the message was rejected ([{root.code}] "
                    f"{root.message})",
                    path=vrzm_path(it[4]),
                    release=rel,
                    file=msg.file,
                )
                r = MutationResult(_REJECTED, (*fs, sibling), it)
            out.append(r)
        return msg.result(_REJECTED, tuple(out)), _NOTHING, _NOTHING

    def _note_case_keys(self, r: MutationResult) -> None:
        """Remember the case key change (``VrzmgvlIdOud``) of an accepted mutation."""
        md = self._md
        it = r._item
        m = it[3]
        old = m.previous_absence_case_id
        if old is not None and old != m.absence_case_id and it[0] in md.employers:
            ek = it[0]
            md.employer(ek).moved[("case", old)] = m.absence_case_id
            md.touch((ek[0], ek[1], MOVED, moved_record_id("case", old)))

    def _run_master(self, msg: MasterMsg) -> MessageResult:
        """Judge every record of a master-data message; apply them all or none."""
        draft = Draft(self._md)
        renames: list[tuple[str, EmployerIds, str, str, str]] = []
        judge = self._mj.judge
        in_use = self._person_in_use
        results = [judge(it, draft, msg, in_use, renames) for it in msg.items]
        if any(r.status is _REJECTED for r in results):
            root = next(r for r in results if r.status is _REJECTED)
            # quoted with its personal data masked: the sibling's own path is not personal
            cause = next(f for f in root.findings if f.severity is _ERROR).masked()
            rel = msg.release.value if msg.release else None
            out = tuple(
                r
                if r.status is _REJECTED
                else r.with_status(
                    _REJECTED,
                    (
                        Finding(
                            "chain.message-rejected",
                            _ERROR,
                            f"not applied: the record at {root.path} in the same message was "
                            f"rejected ([{cause.code}] {cause.message})",
                            path=r.path,
                            release=rel,
                            file=msg.file,
                        ),
                    ),
                )
                for r in results
            )
            return msg.result(_REJECTED, out)
        draft.commit()
        for what, ek, eid, old, new in renames:
            if what == EMPLOYEE:
                self._rename_employee(ek, old, new)
            else:
                self._rename_employment(ek, eid, old, new)
        if not self._events:
            results = [r.without_events() for r in results]
        # a duplicate only when every record was known as it is; each record has its own
        duplicate = bool(results) and all(r.status is _DUPLICATE for r in results)
        return msg.result(_DUPLICATE if duplicate else _ACCEPTED, tuple(results))

    def _person_in_use(self, ek: EmployerIds, employee: str) -> bool:
        people = self._persons.get(ek)
        return people is not None and employee in people

    def _rename_employee(self, ek: EmployerIds, old: str, new: str) -> None:
        """A key change of an employee: their cases follow (atomically with the message)."""
        if (ek, old) in self._known:
            self._known.discard((ek, old))
            self._known.add((ek, new))
        people = self._persons.get(ek)
        person = None if people is None else people.pop(old, None)
        if person is None or people is None:
            return
        person.employee_id = new
        people[new] = person
        records = self._cases_of(ek)
        for cid in person.cases:
            records[cid] = replaced(records[cid], {CASE_EMPLOYEE: new})

    def _rename_employment(self, ek: EmployerIds, employee: str, old: str, new: str) -> None:
        """A key change of an employment: the cases of it follow."""
        people = self._persons.get(ek)
        person = None if people is None else people.get(employee)
        if person is None:
            return
        if person.employment == old:
            person.employment = new
        records = self._cases_of(ek)
        for cid in person.cases:
            if records[cid][CASE_EMPLOYMENT] == old:
                records[cid] = replaced(records[cid], {CASE_EMPLOYMENT: new})

    def employees(self, employer_id: str, connection_number: str) -> list[EmployeeView]:
        """The employees of an employer's master data (WerknemersGegevens), sorted by id;
        removed ones (``04``) included with ``ended`` set."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        em = self._md.get(ek)
        return [] if em is None else [em.employees[k] for k in sorted(em.employees)]

    def employments(self, employer_id: str, connection_number: str) -> list[EmploymentView]:
        """The employments of an employer's master data, sorted by employee and employment id."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        em = self._md.get(ek)
        return [] if em is None else [em.employments[k] for k in sorted(em.employments)]

    def units(self, employer_id: str, connection_number: str) -> list[UnitView]:
        """The organisation units of an employer's structure, sorted by code."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        em = self._md.get(ek)
        return [] if em is None else [em.units[k] for k in sorted(em.units)]

    def master_employers(self) -> list[tuple[str, str]]:
        """The employers the validator keeps master data for, sorted."""
        if self._session is not None:
            self._session.load_everything()
        return sorted(self._md.employers)

    def negative_registration(self, employer_id: str, connection_number: str) -> bool:
        """Whether negative registration is on for an employer (configured, or switched on
        by its first accepted WerknemersGegevens; see ``master.unknown-employee``)."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        return self._mj.negative(Draft(self._md), ek)
