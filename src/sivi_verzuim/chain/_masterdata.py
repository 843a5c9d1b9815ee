"""Master data of the chain validator: employees, employments and organisation units.

The HR system of an employer with *negative registration* sends WerknemersGegevens
(employees), Dienstverbanden (employments) and WerkgeversGegevensBasisregistratie (the
employer's organisation units, ``OrgEenh``). The validator keeps them per employer as
immutable records (:class:`EmployeeView`, :class:`EmploymentView`, :class:`UnitView`), judges
every record of a message against them (see :mod:`._masterjudge`) and reports each change as a
:class:`MasterEvent`.

State lives in :class:`MasterData`: per employer an :class:`EmployerMaster` with plain dicts.
A message is judged against a :class:`Draft` (copy-on-write over the state); only when every
record passed is the draft written into the state, so a rejected message changes nothing and
no undo log is needed. Every record the state changes is remembered in
:attr:`MasterData.dirty` for a state store to write.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

import attrs

from ._statecheck import Obj, Path

__all__ = [
    "EmployeeView",
    "EmploymentView",
    "MasterEvent",
    "MasterEventKind",
    "RecordKind",
    "UnitView",
]

EmployerIds = tuple[str, str]

# The kinds of record a state store keeps (the ``kind`` column of the store's master table).
EMPLOYEE = "employee"
EMPLOYMENT = "employment"
UNIT = "unit"
MOVED = "moved"
NEGATIVE = "negative"
PERSONNEL = "personnel"

RecordKey = tuple[str, str, str, str]
"""(``IdWrkgvrArbdnst``, ``AansltnrGeguitwlngArbdnst``, record kind, record id)."""


class RecordKind(enum.Enum):
    """What a master-data record of a message describes."""

    EMPLOYEE = "employee"
    """A ``Wrknmr`` of WerknemersGegevens."""
    EMPLOYMENT = "employment"
    """A ``Dnstvbnd`` of Dienstverbanden or WerknemersGegevens."""
    UNIT = "unit"
    """An ``OrgEenh`` of WerkgeversGegevensBasisregistratie."""


@attrs.frozen
class EmployeeView:
    """One employee as the validator knows it from WerknemersGegevens.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        employee_id: ``IdWrknmr`` (the key; for accounts keyed by personnel number, the
            personnel number when the message has no ``IdWrknmr``).
        personnel_number: ``PersNr`` of the employee's employment, when a message gave one.
        birth_date: ``Gebdat``.
        surname: ``SignNm`` (surname without prefix).
        initials: ``Vrlttrs``.
        death_date: ``Overldat``: the employee died (an ``employee-deceased`` event).
        mutation_date: the ``IngdatMut`` of the record that stated this picture.
        ended: the employee was removed (processing code ``04``).
    """

    employer_id: str
    connection_number: str
    employee_id: str
    personnel_number: str | None
    birth_date: dt.date | None
    surname: str | None
    initials: str | None
    death_date: dt.date | None
    mutation_date: dt.date | None
    ended: bool = False


@attrs.frozen
class EmploymentView:
    """One employment as the validator knows it from Dienstverbanden (or WerknemersGegevens).

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        employee_id: ``IdWrknmr`` of the employee.
        employment_id: ``IdDnstvbnd``.
        start_date: ``Ingdat``.
        end_date: ``Enddat``, the last day of the employment (a ``04`` without one ends it on
            its ``IngdatMut``).
        unit_code: ``OrgeenhCd``.
        personnel_number: ``PersNr``.
        mutation_date: the ``IngdatMut`` of the record that stated this picture.
    """

    employer_id: str
    connection_number: str
    employee_id: str
    employment_id: str
    start_date: dt.date | None
    end_date: dt.date | None
    unit_code: str | None
    personnel_number: str | None
    mutation_date: dt.date | None

    def active(self, day: dt.date) -> bool:
        """Whether the employment runs on ``day`` (its end date included)."""
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


@attrs.frozen
class UnitView:
    """One organisation unit of an employer's structure.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        code: ``OrgeenhCd``.
        name: ``NmOrgeenh``.
        parent_code: ``OndOrgeenhCd``, the unit it is part of.
        valid_from: ``Ingdat`` (None: since always).
        valid_until: ``Enddat``, the last day the unit exists (None: open-ended).
        mutation_date: the ``IngdatMut`` of the record that stated this picture.
    """

    employer_id: str
    connection_number: str
    code: str
    name: str | None
    parent_code: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    mutation_date: dt.date | None

    def active(self, day: dt.date) -> bool:
        """Whether the unit exists on ``day`` (``valid_until`` included)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


View = EmployeeView | EmploymentView | UnitView


class MasterEventKind(enum.Enum):
    """What an accepted master-data record did (see docs/chain.md, *Change events*)."""

    EMPLOYEE_REGISTERED = "employee-registered"
    """A new employee (``before`` is None, or an ended one registered again)."""
    EMPLOYEE_CHANGED = "employee-changed"
    """Fields of a known employee changed."""
    EMPLOYEE_KEY_CHANGED = "employee-key-changed"
    """``IdWrknmrOud`` (or ``PersNrOud``): the employee got a new key; ``before`` has the old
    one. The employee's employments and cases were renamed with it."""
    EMPLOYEE_DECEASED = "employee-deceased"
    """``Overldat`` was set."""
    EMPLOYEE_ENDED = "employee-ended"
    """The employee was removed (processing code ``04``)."""
    EMPLOYMENT_STARTED = "employment-started"
    """A new employment."""
    EMPLOYMENT_CHANGED = "employment-changed"
    """Fields of a known employment changed."""
    EMPLOYMENT_KEY_CHANGED = "employment-key-changed"
    """``IdDnstvbndOud``: the employment got a new id; cases of it were renamed with it."""
    EMPLOYMENT_ENDED = "employment-ended"
    """The employment got an end date (or was removed with ``04``)."""
    UNIT_REGISTERED = "unit-registered"
    """A new organisation unit."""
    UNIT_CHANGED = "unit-changed"
    """Fields of a known unit changed."""
    UNIT_ENDED = "unit-ended"
    """The unit got an end date (or was removed with ``04``)."""


@attrs.frozen
class MasterEvent:
    """One change of the receiver's master data, with the record before and after it.

    Attributes:
        kind: the :class:`MasterEventKind`.
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        before: the record before (None for a new one).
        after: the record after.

    Applying every event's ``after`` in order (keyed by its employee id, employee and
    employment id, or unit code; a key change also removes ``before``'s key) reproduces the
    validator's master data.
    """

    kind: MasterEventKind
    employer_id: str
    connection_number: str
    before: View | None
    after: View

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``kind``, the employer keys, ``before`` and ``after`` with the field
        names of the record (dates ISO)."""
        return {
            "kind": self.kind.value,
            "employer_id": self.employer_id,
            "connection_number": self.connection_number,
            "record": _record_kind(self.after),
            "before": None if self.before is None else view_to_data(self.before),
            "after": view_to_data(self.after),
        }


def _record_kind(view: View) -> str:
    if isinstance(view, EmployeeView):
        return EMPLOYEE
    if isinstance(view, EmploymentView):
        return EMPLOYMENT
    return UNIT


# --------------------------------------------------------------------------- state


class EmployerMaster:
    """The master data of one employer (internal).

    ``employees`` by employee id; ``employments`` by (employee id, employment id); ``units``
    by unit code; ``moved`` maps an old key (``("employee", id)``, ``("employment", id)``,
    ``("case", id)``) to the key it was changed to; ``personnel`` a personnel number to
    the employee it belongs to (for accounts keyed by personnel number); ``negative``:
    negative registration is on (the employer sends employee master data).
    """

    __slots__ = ("employees", "employments", "moved", "negative", "personnel", "units")

    def __init__(self) -> None:
        self.employees: dict[str, EmployeeView] = {}
        self.employments: dict[tuple[str, str], EmploymentView] = {}
        self.units: dict[str, UnitView] = {}
        self.moved: dict[tuple[str, str], str] = {}
        self.personnel: dict[str, str] = {}
        self.negative = False


class MasterData:
    """Every employer's master data, and the records changed since the store last wrote."""

    __slots__ = ("dirty", "employers")

    def __init__(self) -> None:
        self.employers: dict[EmployerIds, EmployerMaster] = {}
        self.dirty: set[RecordKey] | None = None  # None: nobody is collecting changes

    def get(self, ek: EmployerIds) -> EmployerMaster | None:
        return self.employers.get(ek)

    def employer(self, ek: EmployerIds) -> EmployerMaster:
        em = self.employers.get(ek)
        if em is None:
            em = self.employers[ek] = EmployerMaster()
        return em

    def clear(self) -> None:
        self.employers.clear()

    # ------------------------------------------------------------------ records

    def records(self) -> Iterator[tuple[RecordKey, dict[str, Any]]]:
        """Every record as (key, plain data), sorted (the state document's ``master``)."""
        for ek in sorted(self.employers):
            for key in sorted(self.keys(ek)):
                data = self.record(key)
                if data is not None:
                    yield key, data

    def keys(self, ek: EmployerIds) -> list[RecordKey]:
        em = self.employers.get(ek)
        if em is None:
            return []
        e, c = ek
        out: list[RecordKey] = [(e, c, EMPLOYEE, k) for k in em.employees]
        out += [(e, c, EMPLOYMENT, _pair(k)) for k in em.employments]
        out += [(e, c, UNIT, k) for k in em.units]
        out += [(e, c, MOVED, _pair(k)) for k in em.moved]
        out += [(e, c, PERSONNEL, k) for k in em.personnel]
        if em.negative:
            out.append((e, c, NEGATIVE, ""))
        return out

    def record(self, key: RecordKey) -> dict[str, Any] | None:
        """The plain data of one record, or None when the state has none under the key."""
        e, c, kind, rid = key
        em = self.employers.get((e, c))
        if em is None:
            return None
        if kind == EMPLOYEE:
            v: View | None = em.employees.get(rid)
            return None if v is None else view_to_data(v)
        if kind == EMPLOYMENT:
            v = em.employments.get(_unpair(rid))
            return None if v is None else view_to_data(v)
        if kind == UNIT:
            v = em.units.get(rid)
            return None if v is None else view_to_data(v)
        if kind == MOVED:
            new = em.moved.get(_unpair(rid))
            return None if new is None else {"to": new}
        if kind == PERSONNEL:
            owner = em.personnel.get(rid)
            return None if owner is None else {"employee_id": owner}
        return {"on": True} if em.negative else None

    def install(self, key: RecordKey, data: Any, path: Path) -> None:
        """Put one record read from a document or a store into the state (``StateError``
        naming ``path`` when it is damaged)."""
        e, c, kind, rid = key
        em = self.employer((e, c))
        o = Obj(data, path)
        if kind == EMPLOYEE:
            em.employees[rid] = employee_from_data(e, c, o)
        elif kind == EMPLOYMENT:
            v = employment_from_data(e, c, o)
            em.employments[(v.employee_id, v.employment_id)] = v
        elif kind == UNIT:
            em.units[rid] = unit_from_data(e, c, o)
        elif kind == MOVED:
            em.moved[_unpair(rid)] = o.text("to")
        elif kind == PERSONNEL:
            em.personnel[rid] = o.text("employee_id")
        else:
            em.negative = o.flag("on")

    def touch(self, key: RecordKey) -> None:
        if self.dirty is not None:
            self.dirty.add(key)


def _pair(k: tuple[str, str]) -> str:
    return f"{k[0]}\x1f{k[1]}"


def _unpair(rid: str) -> tuple[str, str]:
    a, _, b = rid.partition("\x1f")
    return (a, b)


def employment_record_id(employee_id: str, employment_id: str) -> str:
    """The record id of an employment in a store."""
    return _pair((employee_id, employment_id))


def moved_record_id(what: str, old: str) -> str:
    """The record id of a key change in a store."""
    return _pair((what, old))


# --------------------------------------------------------------------------- plain data


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def view_to_data(v: View) -> dict[str, Any]:
    """A record as plain data (the state document's and the store's form)."""
    if isinstance(v, EmployeeView):
        return {
            "employee_id": v.employee_id,
            "personnel_number": v.personnel_number,
            "birth_date": _iso(v.birth_date),
            "surname": v.surname,
            "initials": v.initials,
            "death_date": _iso(v.death_date),
            "mutation_date": _iso(v.mutation_date),
            "ended": v.ended,
        }
    if isinstance(v, EmploymentView):
        return {
            "employee_id": v.employee_id,
            "employment_id": v.employment_id,
            "start_date": _iso(v.start_date),
            "end_date": _iso(v.end_date),
            "unit_code": v.unit_code,
            "personnel_number": v.personnel_number,
            "mutation_date": _iso(v.mutation_date),
        }
    return {
        "code": v.code,
        "name": v.name,
        "parent_code": v.parent_code,
        "valid_from": _iso(v.valid_from),
        "valid_until": _iso(v.valid_until),
        "mutation_date": _iso(v.mutation_date),
    }


def employee_from_data(e: str, c: str, o: Obj) -> EmployeeView:
    return EmployeeView(
        e,
        c,
        o.text("employee_id"),
        o.opt_text("personnel_number"),
        o.opt_date("birth_date"),
        o.opt_text("surname"),
        o.opt_text("initials"),
        o.opt_date("death_date"),
        o.opt_date("mutation_date"),
        o.flag("ended", default=False),
    )


def employment_from_data(e: str, c: str, o: Obj) -> EmploymentView:
    return EmploymentView(
        e,
        c,
        o.text("employee_id"),
        o.text("employment_id"),
        o.opt_date("start_date"),
        o.opt_date("end_date"),
        o.opt_text("unit_code"),
        o.opt_text("personnel_number"),
        o.opt_date("mutation_date"),
    )


def unit_from_data(e: str, c: str, o: Obj) -> UnitView:
    return UnitView(
        e,
        c,
        o.text("code"),
        o.opt_text("name"),
        o.opt_text("parent_code"),
        o.opt_date("valid_from"),
        o.opt_date("valid_until"),
        o.opt_date("mutation_date"),
    )


def view_from_data(e: str, c: str, kind: str, value: Any, path: Path) -> View:
    o = Obj(value, path)
    if kind == EMPLOYEE:
        return employee_from_data(e, c, o)
    if kind == EMPLOYMENT:
        return employment_from_data(e, c, o)
    return unit_from_data(e, c, o)


# --------------------------------------------------------------------------- the draft


_GONE: Any = object()


class Draft:
    """Changes a message makes, over the state, until it is committed (internal).

    Reads see the draft first; :meth:`commit` writes it into the state. (What a key change
    does to the cases, the judge collects separately; the validator carries it out after the
    commit.)
    """

    __slots__ = ("data", "employees", "employments", "moved", "negative", "personnel", "units")

    def __init__(self, data: MasterData) -> None:
        self.data = data
        self.employees: dict[tuple[EmployerIds, str], EmployeeView | None] = {}
        self.employments: dict[tuple[EmployerIds, tuple[str, str]], EmploymentView | None] = {}
        self.units: dict[tuple[EmployerIds, str], UnitView | None] = {}
        self.moved: dict[tuple[EmployerIds, tuple[str, str]], str] = {}
        self.personnel: dict[tuple[EmployerIds, str], str] = {}
        self.negative: set[EmployerIds] = set()

    def employee(self, ek: EmployerIds, eid: str) -> EmployeeView | None:
        got = self.employees.get((ek, eid), _GONE)
        if got is not _GONE:
            return got  # type: ignore[no-any-return]
        em = self.data.employers.get(ek)
        return None if em is None else em.employees.get(eid)

    def employment(self, ek: EmployerIds, eid: str, did: str) -> EmploymentView | None:
        got = self.employments.get((ek, (eid, did)), _GONE)
        if got is not _GONE:
            return got  # type: ignore[no-any-return]
        em = self.data.employers.get(ek)
        return None if em is None else em.employments.get((eid, did))

    def employments_of(self, ek: EmployerIds, eid: str) -> list[EmploymentView]:
        """Every employment of an employee (linear in the employer's employments)."""
        out: dict[tuple[str, str], EmploymentView | None] = {}
        em = self.data.get(ek)
        if em is not None:
            for k, v in em.employments.items():
                if k[0] == eid:
                    out[k] = v
        for (dek, k), dv in self.employments.items():
            if dek == ek and k[0] == eid:
                out[k] = dv
        return [v for v in out.values() if v is not None]

    def unit(self, ek: EmployerIds, code: str) -> UnitView | None:
        got = self.units.get((ek, code), _GONE)
        if got is not _GONE:
            return got  # type: ignore[no-any-return]
        em = self.data.employers.get(ek)
        return None if em is None else em.units.get(code)

    def has_units(self, ek: EmployerIds) -> bool:
        if self.units and any(k[0] == ek and v is not None for k, v in self.units.items()):
            return True
        em = self.data.get(ek)
        return em is not None and bool(em.units)

    def moved_to(self, ek: EmployerIds, what: str, old: str) -> str | None:
        if self.moved:
            got = self.moved.get((ek, (what, old)))
            if got is not None:
                return got
        em = self.data.employers.get(ek)
        return None if em is None or not em.moved else em.moved.get((what, old))

    def owner(self, ek: EmployerIds, pn: str) -> str | None:
        got = self.personnel.get((ek, pn))
        if got is not None:
            return got
        em = self.data.get(ek)
        return None if em is None else em.personnel.get(pn)

    def is_negative(self, ek: EmployerIds) -> bool:
        if ek in self.negative:
            return True
        em = self.data.get(ek)
        return em is not None and em.negative

    def commit(self) -> None:
        data = self.data
        employer = data.employer
        dirty = data.dirty
        for (ek, eid), ev in self.employees.items():
            em = employer(ek)
            if ev is None:
                em.employees.pop(eid, None)
            else:
                em.employees[eid] = ev
            if dirty is not None:
                dirty.add((ek[0], ek[1], EMPLOYEE, eid))
        for (ek, k), dv in self.employments.items():
            em = employer(ek)
            if dv is None:
                em.employments.pop(k, None)
            else:
                em.employments[k] = dv
            if dirty is not None:
                dirty.add((ek[0], ek[1], EMPLOYMENT, _pair(k)))
        for (ek, code), uv in self.units.items():
            em = employer(ek)
            if uv is None:
                em.units.pop(code, None)
            else:
                em.units[code] = uv
            if dirty is not None:
                dirty.add((ek[0], ek[1], UNIT, code))
        for (ek, k), new in self.moved.items():
            employer(ek).moved[k] = new
            if dirty is not None:
                dirty.add((ek[0], ek[1], MOVED, _pair(k)))
        for (ek, pn), owner in self.personnel.items():
            employer(ek).personnel[pn] = owner
            if dirty is not None:
                dirty.add((ek[0], ek[1], PERSONNEL, pn))
        for ek in self.negative:
            employer(ek).negative = True
            if dirty is not None:
                dirty.add((ek[0], ek[1], NEGATIVE, ""))
