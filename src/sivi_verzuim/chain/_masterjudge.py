"""Master-data messages: their intake, the rules they are judged by, and applying them.

A WerknemersGegevens, Dienstverbanden or WerkgeversGegevensBasisregistratie message becomes a
:class:`MasterMsg`: its header and one :class:`MasterItem` per record (``Wrknmr``,
``Dnstvbnd``, ``OrgEenh``), in document order. :class:`MasterJudge` judges the records one by
one against a :class:`~._masterdata.Draft`; the message is applied (the draft committed) only
when no record was rejected. The semantics are those of ``docs/chain.md``, *Master data*.

The same module checks the absence mutations of a Verzuimmeldingen against the master data
(:meth:`MasterJudge.absence_findings`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..errors import Finding, Severity
from ..model import EmployeeDataMessage, EmployerDataMessage, EmploymentMessage
from ..releases import MessageType, Release
from ._masterdata import (
    EMPLOYEE,
    EMPLOYMENT,
    Draft,
    EmployeeView,
    EmployerMaster,
    EmploymentView,
    MasterEvent,
    MasterEventKind,
    RecordKind,
    UnitView,
    employment_record_id,
)
from ._results import MessageResult, RecordResult, Status
from ._rules import ChainConfig
from ._statecheck import Obj, Path

__all__ = [
    "MASTER_MODELS",
    "MasterItem",
    "MasterJudge",
    "MasterMsg",
    "intake",
    "master_item_from_data",
]

EmployerIds = tuple[str, str]
CaseKey = tuple[EmployerIds, str]
Raw = tuple[str, Severity, str, str | None, Any]
"""A finding before it is placed: code, severity, message, tag, value."""

MASTER_MODELS = (EmployeeDataMessage, EmploymentMessage, EmployerDataMessage)
"""The domain models of the master-data messages."""

ROOTS = {
    EmployeeDataMessage: MessageType.WERKNEMERS_GEGEVENS,
    EmploymentMessage: MessageType.DIENSTVERBANDEN,
    EmployerDataMessage: MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE,
}

_ERROR = Severity.ERROR
_DELETE = "04"

_FIELDS = (
    "employee_id",
    "previous_employee_id",
    "employment_id",
    "previous_employment_id",
    "personnel_number",
    "previous_personnel_number",
    "surname",
    "initials",
    "unit_code",
    "unit_name",
    "parent_code",
)
_DATES = ("birth_date", "death_date", "mutation_date", "start_date", "end_date")


class MasterItem:
    """One record of a master-data message, with the fields the validator keeps (internal;
    a field the record does not have keeps its class default, None)."""

    def __init__(self, kind: RecordKind, ek: EmployerIds, code: str | None, path: str) -> None:
        self.kind = kind
        self.ek = ek
        self.code = code
        self.path = path

    employee_id: str | None = None
    previous_employee_id: str | None = None
    employment_id: str | None = None
    previous_employment_id: str | None = None
    personnel_number: str | None = None
    previous_personnel_number: str | None = None
    surname: str | None = None
    initials: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    parent_code: str | None = None
    birth_date: dt.date | None = None
    death_date: dt.date | None = None
    mutation_date: dt.date | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    key_path: str | None = None
    """For an employee keyed by personnel number: the path of the ``PersNr`` that is the key
    (a finding naming the key points there, so its value is masked as personal data)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "record": self.kind.value,
            "employer": list(self.ek),
            "processing_code": self.code,
            "path": self.path,
        }
        for name in _FIELDS:
            out[name] = getattr(self, name)
        for name in _DATES:
            value = getattr(self, name)
            out[name] = None if value is None else value.isoformat()
        if self.key_path is not None:
            out["key_path"] = self.key_path
        return out


_KINDS = {k.value: k for k in RecordKind}


def master_item_from_data(value: Any, path: Path, pair: Callable[[Any, Path], Any]) -> MasterItem:
    """The item :meth:`MasterItem.to_dict` gave (``StateError`` naming the place)."""
    o = Obj(value, path)
    it = MasterItem(
        o.member(_KINDS, "record"),
        pair(o.raw("employer"), o.at("employer")),
        o.opt_text("processing_code"),
        o.text("path"),
    )
    for name in _FIELDS:
        setattr(it, name, o.opt_text(name))
    for name in _DATES:
        setattr(it, name, o.opt_date(name))
    it.key_path = o.opt_text("key_path")
    return it


class MasterMsg:
    """A master-data message as the validator keeps it (internal; the header fields are
    those of the absence messages' ``_Msg``)."""

    __slots__ = (
        "employers",
        "file",
        "findings",
        "index",
        "items",
        "recipient",
        "reference",
        "release",
        "root",
        "sender",
        "test",
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
        root: MessageType,
        employers: list[EmployerIds],
        items: list[MasterItem],
        findings: tuple[Finding, ...] = (),
    ) -> None:
        self.index = index
        self.reference = reference
        self.file = file
        self.release = release
        self.sender = sender
        self.recipient = recipient
        self.test = test
        self.root = root
        self.employers = employers
        self.items = items
        self.findings = findings

    def result(
        self,
        status: Status,
        records: tuple[RecordResult, ...],
        findings: tuple[Finding, ...] = (),
    ) -> MessageResult:
        return MessageResult(status, (), findings, self, records=records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "reference": self.reference,
            "file": self.file,
            "release": self.release.value if self.release else None,
            "sender": self.sender,
            "recipient": self.recipient,
            "test": self.test,
            "message_type": self.root.value,
            "employers": [list(ek) for ek in self.employers],
            "items": [],
            "records": [it.to_dict() for it in self.items],
        }


def intake(
    model: Any,
    release: Release | None,
    file: str | None,
    index: int,
    ek_of: Callable[[EmployerIds], EmployerIds],
) -> MasterMsg:
    """The :class:`MasterMsg` of a master-data model."""
    root = ROOTS[type(model)]
    top = f"/{root.value}"
    header = model.header
    employers: list[EmployerIds] = []
    items: list[MasterItem] = []
    for w, er in enumerate(model.employers, 1):
        ek = ek_of((er.employer_id, er.connection_number))
        employers.append(ek)
        wpath = f"{top}/Wrkgvr[{w}]"
        for u, unit in enumerate(er.organisational_units, 1):
            it = MasterItem(
                RecordKind.UNIT, ek, unit.processing_code.value, f"{wpath}/OrgEenh[{u}]"
            )
            it.unit_code = unit.organisational_unit_code
            it.unit_name = unit.organisational_unit_name
            it.parent_code = unit.organisational_sub_unit_code
            it.start_date = unit.start_date
            it.end_date = unit.end_date
            it.mutation_date = unit.mutation_date
            items.append(it)
        for e, ee in enumerate(er.employees, 1):
            epath = f"{wpath}/Wrknmr[{e}]"
            first_pn = None
            first_old_pn = None
            key_path = None
            for d, emp in enumerate(ee.employments, 1):
                if emp.personnel_number:
                    first_pn = emp.personnel_number
                    first_old_pn = emp.previous_personnel_number
                    if not ee.employee_id:
                        key_path = f"{epath}/Dnstvbnd[{d}]/PersNr"
                    break
            eid = ee.employee_id or first_pn or ""
            # keyed by personnel number (no IdWrknmr): PersNrOud is the employee's old key
            old_eid = ee.previous_employee_id or (None if ee.employee_id else first_old_pn)
            if root is MessageType.WERKNEMERS_GEGEVENS:
                pc = ee.processing_code
                it = MasterItem(RecordKind.EMPLOYEE, ek, None if pc is None else pc.value, epath)
                it.employee_id = eid
                it.previous_employee_id = old_eid
                it.key_path = key_path
                it.personnel_number = first_pn
                it.previous_personnel_number = first_old_pn
                it.birth_date = ee.birth_date
                it.death_date = ee.death_date
                it.surname = ee.surname_without_prefix
                it.initials = ee.initials
                it.mutation_date = ee.mutation_date
                items.append(it)
            for d, emp in enumerate(ee.employments, 1):
                pc = emp.processing_code
                it = MasterItem(
                    RecordKind.EMPLOYMENT,
                    ek,
                    None if pc is None else pc.value,
                    f"{epath}/Dnstvbnd[{d}]",
                )
                it.employee_id = eid
                it.previous_employee_id = old_eid
                it.key_path = key_path
                it.employment_id = emp.employment_id or ""
                it.previous_employment_id = emp.previous_employment_id
                it.personnel_number = emp.personnel_number
                it.previous_personnel_number = emp.previous_personnel_number
                it.start_date = emp.start_date
                it.end_date = emp.end_date
                it.mutation_date = emp.mutation_date
                it.unit_code = emp.organisational_unit_code
                items.append(it)
    return MasterMsg(
        index,
        header.message_reference,
        file,
        release,
        header.sender_id,
        header.recipient_id,
        header.test_message,
        root,
        employers,
        items,
    )


def _parse_employers(value: Any) -> frozenset[EmployerIds]:
    out = set()
    for text in value:
        e, _, c = str(text).partition("/")
        out.add((e, c))
    return frozenset(out)


class MasterJudge:
    """The master-data rules, with their configured severities (internal)."""

    def __init__(self, config: ChainConfig) -> None:
        sev = config.severity
        self.s_end = sev("master.employment-end-before-start")
        self.s_unknown = sev("master.unknown-employee")
        self.s_ended = sev("master.employment-ended")
        self.s_unit = sev("master.unknown-unit")
        self.s_in_use = sev("master.key-in-use")
        self.s_old = sev("master.old-key")
        self.s_reused = sev("master.personnel-number-reused")
        self.s_backwards = sev("master.mutation-date-backwards")
        self.s_missing = sev("master.unknown-record")
        self.negative_employers = _parse_employers(
            config.parameter("master.unknown-employee", "employers")
        )
        self.negative_auto = bool(config.parameter("master.unknown-employee", "on_first_message"))
        self.by_pn = bool(config.parameter("master.personnel-number-reused", "by_personnel_number"))

    def negative(self, draft: Draft, ek: EmployerIds) -> bool:
        return ek in self.negative_employers or draft.is_negative(ek)

    # ------------------------------------------------------------------ one record

    def judge(
        self,
        it: MasterItem,
        draft: Draft,
        msg: MasterMsg,
        person_in_use: Callable[[EmployerIds, str], bool],
        renames: list[tuple[str, EmployerIds, str, str, str]],
    ) -> RecordResult:
        """Judge one record and write it into the draft (which the validator discards when
        any record of the message is rejected)."""
        findings: list[Finding] = []
        events: list[MasterEvent] = []

        def find(
            code: str,
            severity: Severity | None,
            text: str,
            tag: str | None = None,
            value: str | None = None,
        ) -> None:
            if severity is None:
                return
            if tag == "IdWrknmr" and it.key_path is not None:
                path = it.key_path  # the employee's key is a personnel number: personal data
            else:
                path = it.path if tag is None else f"{it.path}/{tag}"
            findings.append(
                Finding(
                    code,
                    severity,
                    text,
                    path=path,
                    value=value,
                    release=msg.release.value if msg.release else None,
                    file=msg.file,
                )
            )

        if it.kind is RecordKind.EMPLOYEE:
            self._employee(it, draft, find, events, person_in_use, renames)
        elif it.kind is RecordKind.EMPLOYMENT:
            self._employment(it, draft, msg, find, events, renames)
        else:
            self._unit(it, draft, find, events)
        if any(f.severity is _ERROR for f in findings):
            return RecordResult(Status.REJECTED, tuple(findings), it, ())
        status = Status.ACCEPTED if events else Status.DUPLICATE
        return RecordResult(status, tuple(findings), it, tuple(events))

    def _backwards(self, it: MasterItem, before: Any, find: Any) -> None:
        md = it.mutation_date
        if before is None or md is None or before.mutation_date is None:
            return
        if md < before.mutation_date:
            find(
                "master.mutation-date-backwards",
                self.s_backwards,
                f"IngdatMut {md.isoformat()} is before {before.mutation_date.isoformat()}, the "
                "effective date of the picture already kept",
                "IngdatMut",
                md.isoformat(),
            )

    def _employee(
        self,
        it: MasterItem,
        draft: Draft,
        find: Any,
        events: list[MasterEvent],
        person_in_use: Callable[[EmployerIds, str], bool],
        renames: list[tuple[str, EmployerIds, str, str, str]],
    ) -> None:
        ek = it.ek
        eid = it.employee_id or ""
        old = it.previous_employee_id
        moving = old is not None and old != eid
        current = draft.employee(ek, eid)
        if (
            moving
            and old is not None
            and current is not None
            and not current.ended
            and draft.employee(ek, old) is None
            and draft.moved_to(ek, EMPLOYEE, old) == eid
        ):
            # this key change was applied already: the record is a picture under the new key
            moving = False
        if not moving:
            moved = draft.moved_to(ek, EMPLOYEE, eid)
            if moved is not None and current is None:
                successor = draft.employee(ek, moved)
                if (
                    successor is not None
                    and _not_newer(it, successor)
                    and not _other_person(it, successor)
                ):
                    return  # a picture from before the key change: applied already
                find(
                    "master.old-key",
                    self.s_old,
                    f"employee {eid} was given the key {moved} by an earlier key change: use "
                    f"{moved}",
                    "IdWrknmr",
                    eid,
                )
                return
        before = draft.employee(ek, old) if moving and old is not None else current
        if moving and ((current is not None and not current.ended) or person_in_use(ek, eid)):
            find(
                "master.key-in-use",
                self.s_in_use,
                f"the key change of employee {old} to {eid} names a key already in use",
                "IdWrknmr",
                eid,
            )
            return
        self._backwards(it, before, find)
        pn = it.personnel_number
        if self.by_pn and pn:
            owner = draft.owner(ek, pn)
            other = None if owner is None else draft.employee(ek, owner)
            if other is not None and not moving and _other_person(it, other):
                find(
                    "master.personnel-number-reused",
                    self.s_reused,
                    f"personnel number {pn} was seen before with another person (other birth "
                    "date or name): a reused number; not applied",
                    "PersNr",
                    pn,
                )
                return
        if it.code == _DELETE:
            if before is None or before.ended:
                find(
                    "master.unknown-record",
                    self.s_missing,
                    f"employee {eid} is not known: nothing to remove",
                    "IdWrknmr",
                    eid,
                )
                return
            after = EmployeeView(
                **{
                    **_fields(before),
                    "ended": True,
                    "mutation_date": it.mutation_date or before.mutation_date,
                }
            )
            draft.employees[(ek, eid)] = after
            events.append(_event(MasterEventKind.EMPLOYEE_ENDED, before, after))
            return
        after = EmployeeView(
            ek[0],
            ek[1],
            eid,
            pn or (before.personnel_number if before is not None else None),
            it.birth_date,
            it.surname,
            it.initials,
            it.death_date,
            it.mutation_date,
        )
        if it.code == "02" and before is None:
            find(
                "master.unknown-record",
                self.s_missing,
                f"a change (02) of employee {eid}, who is not known: registered as new",
                "IdWrknmr",
                eid,
            )
        if moving and old is not None:
            draft.employees[(ek, old)] = None
            draft.moved[(ek, (EMPLOYEE, old))] = eid
            for dv in draft.employments_of(ek, old):
                draft.employments[(ek, (old, dv.employment_id))] = None
                draft.employments[(ek, (eid, dv.employment_id))] = EmploymentView(
                    **{**_fields(dv), "employee_id": eid}
                )
            for pnum, _ in _owned(draft, ek, old):
                draft.personnel[(ek, pnum)] = eid
            renames.append((EMPLOYEE, ek, "", old, eid))
        draft.employees[(ek, eid)] = after
        if pn:
            prev_pn = it.previous_personnel_number
            if prev_pn and prev_pn != pn:
                draft.moved[(ek, ("personnel", prev_pn))] = pn
            draft.personnel[(ek, pn)] = eid
        if self.negative_auto and not draft.is_negative(ek):
            draft.negative.add(ek)
        if moving:
            events.append(_event(MasterEventKind.EMPLOYEE_KEY_CHANGED, before, after))
            return
        if before is None or before.ended:
            events.append(_event(MasterEventKind.EMPLOYEE_REGISTERED, before, after))
        elif after != before:
            if after.death_date is not None and before.death_date is None:
                events.append(_event(MasterEventKind.EMPLOYEE_DECEASED, before, after))
            else:
                events.append(_event(MasterEventKind.EMPLOYEE_CHANGED, before, after))

    def _employment(
        self,
        it: MasterItem,
        draft: Draft,
        msg: MasterMsg,
        find: Any,
        events: list[MasterEvent],
        renames: list[tuple[str, EmployerIds, str, str, str]],
    ) -> None:
        ek = it.ek
        eid = it.employee_id or ""
        did = it.employment_id or ""
        moved_employee = draft.moved_to(ek, EMPLOYEE, eid)
        if moved_employee is not None and draft.employee(ek, eid) is None:
            successor = draft.employment(ek, moved_employee, did)
            if successor is not None and _not_newer(it, successor):
                return  # a picture from before the employee's key change: applied already
            find(
                "master.old-key",
                self.s_old,
                f"employee {eid} was given the key {moved_employee} by an earlier key change: "
                f"use {moved_employee}",
                "IdWrknmr",
                eid,
            )
            return
        old = it.previous_employment_id
        moving = old is not None and old != did
        current = draft.employment(ek, eid, did)
        if (
            moving
            and old is not None
            and current is not None
            and draft.employment(ek, eid, old) is None
            and draft.moved_to(ek, EMPLOYMENT, employment_record_id(eid, old)) == did
        ):
            # this key change was applied already: the record is a picture under the new id
            moving = False
        if not moving:
            moved = draft.moved_to(ek, EMPLOYMENT, employment_record_id(eid, did))
            if moved is not None and current is None:
                successor = draft.employment(ek, eid, moved)
                if successor is not None and _not_newer(it, successor):
                    return  # a picture from before the key change: applied already
                find(
                    "master.old-key",
                    self.s_old,
                    f"employment {did} of employee {eid} was given the id {moved} by an earlier "
                    f"key change: use {moved}",
                    "IdDnstvbnd",
                    did,
                )
                return
        if self.negative(draft, ek):
            ev = draft.employee(ek, eid)
            if ev is None or ev.ended:
                find(
                    "master.unknown-employee",
                    self.s_unknown,
                    f"employment {did} of employee {eid}, who is not in the employer's "
                    "employee data (negative registration is on)",
                    "IdDnstvbnd",
                    did,
                )
        before = draft.employment(ek, eid, old) if moving and old is not None else current
        if moving and current is not None:
            find(
                "master.key-in-use",
                self.s_in_use,
                f"the key change of employment {old} to {did} names an id already in use",
                "IdDnstvbnd",
                did,
            )
            return
        start, end = it.start_date, it.end_date
        if start is not None and end is not None and end < start:
            find(
                "master.employment-end-before-start",
                self.s_end,
                f"the employment ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                "Enddat",
                end.isoformat(),
            )
        self._backwards(it, before, find)
        code = it.unit_code
        if code:
            day = it.mutation_date or start
            self._check_unit(ek, code, day, draft, find, "OrgeenhCd")
        if it.code == _DELETE:
            if before is None:
                find(
                    "master.unknown-record",
                    self.s_missing,
                    f"employment {did} of employee {eid} is not known: nothing to end",
                    "IdDnstvbnd",
                    did,
                )
                return
            if before.end_date is not None:
                return
            after = EmploymentView(
                **{
                    **_fields(before),
                    "end_date": end or it.mutation_date or before.start_date,
                    "mutation_date": it.mutation_date or before.mutation_date,
                }
            )
            draft.employments[(ek, (eid, did))] = after
            events.append(_event(MasterEventKind.EMPLOYMENT_ENDED, before, after))
            return
        after = EmploymentView(
            ek[0],
            ek[1],
            eid,
            did,
            start,
            end,
            code or None,
            it.personnel_number,
            it.mutation_date,
        )
        if moving and old is not None:
            draft.employments[(ek, (eid, old))] = None
            draft.moved[(ek, (EMPLOYMENT, employment_record_id(eid, old)))] = did
            renames.append((EMPLOYMENT, ek, eid, old, did))
        draft.employments[(ek, (eid, did))] = after
        if moving:
            events.append(_event(MasterEventKind.EMPLOYMENT_KEY_CHANGED, before, after))
        elif before is None:
            events.append(_event(MasterEventKind.EMPLOYMENT_STARTED, None, after))
            if after.end_date is not None:
                events.append(_event(MasterEventKind.EMPLOYMENT_ENDED, None, after))
        elif after != before:
            kind = (
                MasterEventKind.EMPLOYMENT_ENDED
                if after.end_date is not None and before.end_date is None
                else MasterEventKind.EMPLOYMENT_CHANGED
            )
            events.append(_event(kind, before, after))

    def _check_unit(
        self, ek: EmployerIds, code: str, day: dt.date | None, draft: Draft, find: Any, tag: str
    ) -> None:
        if self.s_unit is None or not draft.has_units(ek):
            return
        unit = draft.unit(ek, code)
        if unit is None or (day is not None and not unit.active(day)):
            when = "" if day is None else f" on {day.isoformat()}"
            find(
                "master.unknown-unit",
                self.s_unit,
                f"organisation unit {code} is not in the employer's structure{when}",
                tag,
                code,
            )

    def _unit(self, it: MasterItem, draft: Draft, find: Any, events: list[MasterEvent]) -> None:
        ek = it.ek
        code = it.unit_code or ""
        before = draft.unit(ek, code)
        self._backwards(it, before, find)
        start, end = it.start_date, it.end_date
        if start is not None and end is not None and end < start:
            find(
                "master.employment-end-before-start",
                self.s_end,
                f"the unit ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                "Enddat",
                end.isoformat(),
            )
        if it.code == _DELETE:
            if before is None:
                find(
                    "master.unknown-record",
                    self.s_missing,
                    f"organisation unit {code} is not known: nothing to end",
                    "OrgeenhCd",
                    code,
                )
                return
            if before.valid_until is not None:
                return
            after = UnitView(
                **{
                    **_fields(before),
                    "valid_until": end or it.mutation_date or before.valid_from,
                    "mutation_date": it.mutation_date or before.mutation_date,
                }
            )
            draft.units[(ek, code)] = after
            events.append(_event(MasterEventKind.UNIT_ENDED, before, after))
            return
        after = UnitView(
            ek[0], ek[1], code, it.unit_name, it.parent_code, start, end, it.mutation_date
        )
        draft.units[(ek, code)] = after
        if before is None:
            events.append(_event(MasterEventKind.UNIT_REGISTERED, None, after))
            if end is not None:
                events.append(_event(MasterEventKind.UNIT_ENDED, None, after))
        elif after != before:
            kind = (
                MasterEventKind.UNIT_ENDED
                if end is not None and before.valid_until is None
                else MasterEventKind.UNIT_CHANGED
            )
            events.append(_event(kind, before, after))

    # ------------------------------------------------------------------ absence mutations

    def absence_findings(
        self,
        em: EmployerMaster,
        ek: EmployerIds,
        employee: str,
        employment: str,
        m: Any,
        unit: str | None,
        case_exists: Callable[[CaseKey], bool],
    ) -> list[Raw] | None:
        """The master-data findings of one absence mutation of an employer with master data
        ``em``, as (code, severity, message, tag, value); None when there are none (the
        common case, found with a few dict lookups)."""
        out: list[Raw] | None = None
        renamed = False  # the employee's key changed: an old key, not an unknown employee
        employees = em.employees
        if em.moved and self.s_old is not None:
            moved = em.moved
            cid = m.absence_case_id
            new = moved.get(("case", cid))
            if new is not None and not case_exists((ek, cid)):
                text = f"case {cid} was renamed to {new} by an earlier key change: use {new}"
                out = [("master.old-key", self.s_old, text, "VrzmgvlId", cid)]
            new = moved.get((EMPLOYEE, employee))
            if new is not None and employee not in employees:
                renamed = True
                text = (
                    f"employee {employee} was given the key {new} by an earlier key change: "
                    f"use {new}"
                )
                out = [*(out or ()), ("master.old-key", self.s_old, text, None, employee)]
            new = moved.get((EMPLOYMENT, employment_record_id(employee, employment)))
            if new is not None and (employee, employment) not in em.employments:
                text = (
                    f"employment {employment} was given the id {new} by an earlier key "
                    f"change: use {new}"
                )
                out = [*(out or ()), ("master.old-key", self.s_old, text, None, employment)]
        if (
            not renamed
            and self.s_unknown is not None
            and (em.negative or ek in self.negative_employers)
        ):
            ev = employees.get(employee)
            if ev is None or ev.ended:
                text = (
                    f"an absence of employee {employee}, who is not in the employer's "
                    "employee data (negative registration is on)"
                )
                out = [
                    *(out or ()),
                    ("master.unknown-employee", self.s_unknown, text, None, employee),
                ]
        first = m.first_absence_date
        if self.s_ended is not None:
            dv = em.employments.get((employee, employment))
            if (
                dv is not None
                and dv.end_date is not None
                and first > dv.end_date
                and m.processing_code.value != _DELETE
            ):
                text = (
                    f"the absence starts on {first.isoformat()}, after employment "
                    f"{employment} ended ({dv.end_date.isoformat()})"
                )
                raw = (
                    "master.employment-ended",
                    self.s_ended,
                    text,
                    "DatEerstVrzmdg",
                    first.isoformat(),
                )
                out = [*(out or ()), raw]
        units = em.units
        if unit and units and self.s_unit is not None:
            u = units.get(unit)
            if u is None or not u.active(first):
                text = (
                    f"organisation unit {unit} is not in the employer's structure on "
                    f"{first.isoformat()}"
                )
                out = [*(out or ()), ("master.unknown-unit", self.s_unit, text, None, unit)]
        return out


def _other_person(it: MasterItem, known: EmployeeView) -> bool:
    """Whether a record describes another person than ``known`` (birth date or surname)."""
    born, seen = it.birth_date, known.birth_date
    if born is not None and seen is not None and born != seen:
        return True
    return it.surname is not None and known.surname is not None and it.surname != known.surname


def _not_newer(it: MasterItem, kept: EmployeeView | EmploymentView) -> bool:
    """Whether a record under an old key states a picture no newer than the one kept under the
    new key (its ``IngdatMut`` not after the kept one's): a picture the key change superseded."""
    md, seen = it.mutation_date, kept.mutation_date
    return md is not None and seen is not None and md <= seen


def _owned(draft: Draft, ek: EmployerIds, eid: str) -> list[tuple[str, str]]:
    out = {pn: o for (dek, pn), o in draft.personnel.items() if dek == ek and o == eid}
    em = draft.data.get(ek)
    if em is not None:
        for pn, o in em.personnel.items():
            if o == eid and (ek, pn) not in draft.personnel:
                out[pn] = o
    return list(out.items())


def _fields(v: Any) -> dict[str, Any]:
    return {a.name: getattr(v, a.name) for a in type(v).__attrs_attrs__}


def _event(kind: MasterEventKind, before: Any, after: Any) -> MasterEvent:
    return MasterEvent(kind, after.employer_id, after.connection_number, before, after)
