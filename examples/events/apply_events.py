#!/usr/bin/env python
"""Keep a receiver's own tables from the chain validator's change events.

Run from the repository root::

    python examples/events/apply_events.py                 # tables in memory, printed
    python examples/events/apply_events.py --db events.db  # tables in an SQLite file

It loads the go-live baseline (``examples/baseline``), writes the cases it holds to the
tables (the receiver's own go-live load), processes the example inbox (``examples/inbox``)
in file-name order (the files are named by date) and applies every accepted message's
events, in processing order, to three tables: ``employees``, ``employments`` and ``cases``.
Nothing reads the messages again: the events carry the values (``before`` and ``after``).
``tests/test_chain_events.py`` proves that the tables equal the validator's own view
afterwards. See docs/chain.md, *Change events*.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from sivi_verzuim import parse
from sivi_verzuim.chain import (
    Baseline,
    CaseView,
    ChainValidator,
    ChangeEvent,
    MessageResult,
    in_processing_order,
)

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "examples" / "inbox"
BASELINE = ROOT / "examples" / "baseline"

SCHEMA = """
CREATE TABLE IF NOT EXISTS employees (
    employer_id TEXT, connection_number TEXT, employee_id TEXT,
    PRIMARY KEY (employer_id, connection_number, employee_id));
CREATE TABLE IF NOT EXISTS employments (
    employer_id TEXT, connection_number TEXT, employment_id TEXT, employee_id TEXT,
    PRIMARY KEY (employer_id, connection_number, employment_id));
CREATE TABLE IF NOT EXISTS cases (
    employer_id TEXT, connection_number TEXT, case_id TEXT, employee_id TEXT,
    employment_id TEXT, status TEXT, first_absence_date TEXT, absence_percentage TEXT,
    end_date TEXT, last_sequence INTEGER, linked_case TEXT,
    PRIMARY KEY (employer_id, connection_number, case_id));
"""

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
        None if case.end_date is None else case.end_date.isoformat(),
        case.last_sequence,
        case.linked_case,
    )


def write_case(db: sqlite3.Connection, case: CaseView) -> None:
    """Write a case, with its employee and employment, to the tables."""
    db.execute(
        f"INSERT OR REPLACE INTO cases ({', '.join(CASE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(CASE_COLUMNS))})",
        case_row(case),
    )
    employer = (case.employer_id, case.connection_number)
    db.execute("INSERT OR IGNORE INTO employees VALUES (?, ?, ?)", (*employer, case.employee_id))
    if case.employment_id is not None:
        db.execute(
            "INSERT OR REPLACE INTO employments VALUES (?, ?, ?, ?)",
            (*employer, case.employment_id, case.employee_id),
        )


def apply(db: sqlite3.Connection, events: Iterable[ChangeEvent]) -> int:
    """Apply events in order: a renamed case (a correction with another case id) leaves its
    old row; every event writes the case as it is after it. Returns the number applied."""
    n = 0
    for event in events:
        before = event.before
        if before is not None and before.case_id != event.case_id:
            db.execute(
                "DELETE FROM cases WHERE employer_id = ? AND connection_number = ? AND case_id = ?",
                (event.employer_id, event.connection_number, before.case_id),
            )
        write_case(db, event.after)
        n += 1
    return n


def run(db: sqlite3.Connection) -> tuple[ChainValidator, list[MessageResult]]:
    """The go-live load and the inbox, as described above."""
    db.executescript(SCHEMA)
    validator = ChainValidator(baseline=Baseline.from_directory(BASELINE))
    with db:
        for case in validator.cases():
            write_case(db, case)
    results = [validator.process(parse(path)) for path in sorted(INBOX.rglob("VZ*.xml"))]
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
        for table in ("employees", "employments", "cases"):
            rows = db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
            print(f"\n{table} ({len(rows)})")
            for row in rows:
                print("  " + " | ".join("" if v is None else str(v) for v in row))
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
