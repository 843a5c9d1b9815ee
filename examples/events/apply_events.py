#!/usr/bin/env python
"""Keep a receiver's own tables from the chain validator's change events.

Run from the repository root::

    python examples/events/apply_events.py                 # tables in memory, printed
    python examples/events/apply_events.py --db events.db  # tables in an SQLite file

It loads the go-live baseline (``examples/baseline``), writes what it holds to the tables
(the receiver's own go-live load: the cases and the organisation units), processes the
example inbox (``examples/inbox``: Verzuimmeldingen and the master data of WerknemersGegevens,
Dienstverbanden and WerkgeversGegevensBasisregistratie) in processing order (``AandatBr``,
``AantijdBr``; of the same moment master data before absences) and applies every accepted
message's events, in that order, to four tables: ``employees``, ``employments``, ``cases``
and ``units``. Nothing reads the messages again: the events carry the values (``before`` and
``after``). ``tests/test_chain_events.py`` proves that the tables equal the validator's own
view afterwards (:func:`view`). See docs/chain.md, *Change events*.

The tables keep no names or birth dates: a receiver takes the columns it needs.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sivi_verzuim import Message, parse
from sivi_verzuim.chain import (
    Baseline,
    CaseView,
    ChainValidator,
    ChangeEvent,
    EmployeeView,
    EmploymentView,
    MasterEvent,
    MasterEventKind,
    MessageResult,
    UnitView,
    in_processing_order,
)
from sivi_verzuim.releases import MessageType

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "examples" / "inbox"
BASELINE = ROOT / "examples" / "baseline"

SCHEMA = """
CREATE TABLE IF NOT EXISTS employees (
    employer_id TEXT, connection_number TEXT, employee_id TEXT, personnel_number TEXT,
    deceased INTEGER, ended INTEGER,
    PRIMARY KEY (employer_id, connection_number, employee_id));
CREATE TABLE IF NOT EXISTS employments (
    employer_id TEXT, connection_number TEXT, employee_id TEXT, employment_id TEXT,
    start_date TEXT, end_date TEXT, unit_code TEXT,
    PRIMARY KEY (employer_id, connection_number, employee_id, employment_id));
CREATE TABLE IF NOT EXISTS cases (
    employer_id TEXT, connection_number TEXT, case_id TEXT, employee_id TEXT,
    employment_id TEXT, status TEXT, first_absence_date TEXT, absence_percentage TEXT,
    end_date TEXT, last_sequence INTEGER, linked_case TEXT,
    PRIMARY KEY (employer_id, connection_number, case_id));
CREATE TABLE IF NOT EXISTS units (
    employer_id TEXT, connection_number TEXT, code TEXT, name TEXT, parent_code TEXT,
    valid_from TEXT, valid_until TEXT,
    PRIMARY KEY (employer_id, connection_number, code));
"""

TABLES = ("employees", "employments", "cases", "units")

CASE_COLUMNS = (
    "employer_id",
    "connection_number",
    "case_id",
    "employee_id",
    "employment_id",
    "status",
    "first_absence_date",
    "absence_percentage",
    "end_date",
    "last_sequence",
    "linked_case",
)

# the order of the same moment: structure, employees, employments, absences
_RANK = {
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: 0,
    MessageType.WERKNEMERS_GEGEVENS: 1,
    MessageType.DIENSTVERBANDEN: 2,
    MessageType.VERZUIMMELDINGEN: 3,
}


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def case_row(case: CaseView) -> tuple[object, ...]:
    """A case as a row of the ``cases`` table."""
    return (
        case.employer_id,
        case.connection_number,
        case.case_id,
        case.employee_id,
        case.employment_id,
        case.status.value,
        case.first_absence_date.isoformat(),
        str(case.absence_percentage),
        _iso(case.end_date),
        case.last_sequence,
        case.linked_case,
    )


def employee_row(e: EmployeeView) -> tuple[object, ...]:
    """An employee of the master data as a row of the ``employees`` table."""
    return (
        e.employer_id,
        e.connection_number,
        e.employee_id,
        e.personnel_number,
        int(e.death_date is not None),
        int(e.ended),
    )


def employment_row(d: EmploymentView) -> tuple[object, ...]:
    """An employment of the master data as a row of the ``employments`` table."""
    return (
        d.employer_id,
        d.connection_number,
        d.employee_id,
        d.employment_id,
        _iso(d.start_date),
        _iso(d.end_date),
        d.unit_code,
    )


def unit_row(u: UnitView) -> tuple[object, ...]:
    """A unit as a row of the ``units`` table."""
    return (
        u.employer_id,
        u.connection_number,
        u.code,
        u.name,
        u.parent_code,
        _iso(u.valid_from),
        _iso(u.valid_until),
    )


def _put(db: sqlite3.Connection, table: str, row: tuple[object, ...], replace: bool) -> None:
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    db.execute(f"{verb} INTO {table} VALUES ({', '.join('?' * len(row))})", row)


def write_case(db: sqlite3.Connection, case: CaseView) -> None:
    """Write a case to the tables; its employee and employment get a row when the master
    data has none (an employer that sends only absences)."""
    _put(db, "cases", case_row(case), True)
    employer = (case.employer_id, case.connection_number)
    _put(db, "employees", (*employer, case.employee_id, None, 0, 0), False)
    if case.employment_id is not None:
        row = (*employer, case.employee_id, case.employment_id, None, None, None)
        _put(db, "employments", row, False)


def _rename_employee(db: sqlite3.Connection, before: EmployeeView, new: str) -> None:
    where = "employer_id = ? AND connection_number = ? AND employee_id = ?"
    old = (before.employer_id, before.connection_number, before.employee_id)
    db.execute(f"DELETE FROM employees WHERE {where}", old)
    for table in ("employments", "cases"):
        db.execute(f"UPDATE {table} SET employee_id = ? WHERE {where}", (new, *old))


def _rename_employment(db: sqlite3.Connection, before: EmploymentView, new: str) -> None:
    where = "employer_id = ? AND connection_number = ? AND employee_id = ? AND employment_id = ?"
    old = (before.employer_id, before.connection_number, before.employee_id, before.employment_id)
    db.execute(f"DELETE FROM employments WHERE {where}", old)
    db.execute(f"UPDATE cases SET employment_id = ? WHERE {where}", (new, *old))


def apply_master(db: sqlite3.Connection, event: MasterEvent) -> None:
    """Apply one master-data event: write the record as it is after it; a key change first
    renames the old key's rows (the validator renamed the employee's employments and cases
    with it)."""
    before, after = event.before, event.after
    if isinstance(after, EmployeeView):
        if event.kind is MasterEventKind.EMPLOYEE_KEY_CHANGED and isinstance(before, EmployeeView):
            _rename_employee(db, before, after.employee_id)
        _put(db, "employees", employee_row(after), True)
    elif isinstance(after, EmploymentView):
        if event.kind is MasterEventKind.EMPLOYMENT_KEY_CHANGED and isinstance(
            before, EmploymentView
        ):
            _rename_employment(db, before, after.employment_id)
        _put(db, "employments", employment_row(after), True)
    else:
        _put(db, "units", unit_row(after), True)


def apply(db: sqlite3.Connection, events: Iterable[ChangeEvent | MasterEvent]) -> int:
    """Apply events in order: a master-data event writes its record; a case event writes
    the case as it is after it (a renamed case, a correction with another case id, leaves
    its old row first). Returns the number applied."""
    n = 0
    for event in events:
        if isinstance(event, MasterEvent):
            apply_master(db, event)
        else:
            before = event.before
            if before is not None and before.case_id != event.case_id:
                db.execute(
                    "DELETE FROM cases WHERE employer_id = ? AND connection_number = ? AND "
                    "case_id = ?",
                    (event.employer_id, event.connection_number, before.case_id),
                )
            write_case(db, event.after)
        n += 1
    return n


def go_live(db: sqlite3.Connection, validator: ChainValidator) -> None:
    """The receiver's own go-live load: what the validator holds before any message."""
    db.executescript(SCHEMA)
    with db:
        for ek in validator.master_employers():
            for u in validator.units(*ek):
                _put(db, "units", unit_row(u), True)
            for e in validator.employees(*ek):
                _put(db, "employees", employee_row(e), True)
            for d in validator.employments(*ek):
                _put(db, "employments", employment_row(d), True)
        for case in validator.cases():
            write_case(db, case)


def view(validator: ChainValidator) -> dict[str, list[tuple[object, ...]]]:
    """The validator's own view in the layout of the tables (sorted rows per table)."""
    employees: dict[tuple[object, ...], tuple[object, ...]] = {}
    employments: dict[tuple[object, ...], tuple[object, ...]] = {}
    units: list[tuple[object, ...]] = []
    for ek in validator.master_employers():
        units += [unit_row(u) for u in validator.units(*ek)]
        for e in validator.employees(*ek):
            employees[(*ek, e.employee_id)] = employee_row(e)
        for d in validator.employments(*ek):
            employments[(*ek, d.employee_id, d.employment_id)] = employment_row(d)
    cases = validator.cases()
    for c in cases:
        ek = (c.employer_id, c.connection_number)
        employees.setdefault((*ek, c.employee_id), (*ek, c.employee_id, None, 0, 0))
        if c.employment_id is not None:
            key = (*ek, c.employee_id, c.employment_id)
            employments.setdefault(key, (*key, None, None, None))
    return {
        "employees": sorted(employees.values(), key=repr),
        "employments": sorted(employments.values(), key=repr),
        "cases": sorted((case_row(c) for c in cases), key=repr),
        "units": sorted(units, key=repr),
    }


def tables(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """The tables' rows, sorted as :func:`view` sorts them."""
    return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def order(message: Message) -> tuple[Any, ...]:
    """Processing order: ``AandatBr``, ``AantijdBr``, master data before absences of the same
    moment, then ``Berrefnr``."""
    h = message.header
    return (h.date, h.time, _RANK.get(message.message_type, 9), h.reference or "")


def inbox_messages(inbox: Path = INBOX) -> list[Message]:
    """The inbox's messages of the four judged types, in processing order."""
    found = [
        parse(p)
        for pattern in ("VZ*.xml", "WG*.xml", "WN*.xml", "DV*.xml")
        for p in inbox.rglob(pattern)
    ]
    return sorted((m for m in found if m.message_type in _RANK), key=order)


def run(db: sqlite3.Connection) -> tuple[ChainValidator, list[MessageResult]]:
    """The go-live load and the inbox, as described above."""
    validator = ChainValidator(baseline=Baseline.from_directory(BASELINE))
    go_live(db, validator)
    results = [validator.process(m) for m in inbox_messages()]
    with db:
        apply(db, (e for r in in_processing_order(results) for e in r.events))
    return validator, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=":memory:", help="the SQLite file (default: memory)")
    args = parser.parse_args(argv)
    db = sqlite3.connect(args.db)
    try:
        _, results = run(db)
        for r in in_processing_order(results):
            kinds = ", ".join(e.kind.value for e in r.events) or "-"
            print(f"{r.status.value:<13} {r.reference}: {kinds}")
        for table, rows in tables(db).items():
            print(f"\n{table} ({len(rows)})")
            for row in rows:
                print("  " + " | ".join("" if v is None else str(v) for v in row))
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
