#!/usr/bin/env python
"""Throughput of the chain validator on master data, beside absence mutations (no parsing).

Run from the repository root::

    python benchmarks/masterdata.py            # 20,000 employees (~30 s)
    python benchmarks/masterdata.py --quick    # 5,000 employees (~8 s)
    python benchmarks/masterdata.py --json     # the figures as JSON on stdout

The input, as domain-model objects built before they are processed (building is not timed),
for one negatively registered employer with a structure of 50 organisation units:

* **master data**: per employee a WerknemersGegevens registering the employee with one
  employment (two records), then one changing the employee and the employment (a later
  ``IngdatMut``, another unit): four master-data records per employee, one message per
  employee and step, employees taking turns;
* **absences**: per employee one case of three reports (sick report 100 %, partial recovery
  50 %, full recovery), one mutation per message, judged against the master data (the
  employee must be in it, the employment must run, the unit must exist).

Each part runs in a fresh validator holding only what the part needs (the absences run on a
validator that processed the master data first; only the absences are timed), with events on
(the default) and off (``events=False``). Every message must be accepted (checked). The
cyclic garbage collector is paused during the timed loops (see ``benchmarks/chain.py`` for
why).

Figures (best of ``--runs`` runs): master-data records per second and absence mutations per
second, and, as a reference measured in the same run, the same absences on a validator
without master data (``benchmarks/chain.py`` measures that path in depth): the ratios to it
are what a busy machine changes least. Goals: at least 100,000 master-data records/s and
still at least 200,000 absence mutations/s, with events on and off; the verdicts are printed
as PASS or FAIL (the exit status is 0 either way: benchmarks are informational).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import platform
import sys
import time
from typing import Any

import attrs
from chain import absence_mutation

from sivi_verzuim.chain import ChainValidator, Status
from sivi_verzuim.model import (
    AbsenceMessage,
    Employee,
    EmployeeDataMessage,
    Employer,
    EmployerDataMessage,
    Employment,
    Gender,
    Header,
    OrganisationalUnit,
    ProcessingCode,
)
from sivi_verzuim.releases import MessageType, Release

MASTER_GOAL = 100_000
ABSENCE_GOAL = 200_000
UNITS = 50
EMPLOYER = ("WG-1", "A-1")

_START = dt.date(2024, 1, 1)
_BORN = dt.date(1980, 1, 1)
_HIRED = dt.date(2015, 1, 1)


class _validators_off:
    def __enter__(self) -> None:
        self.was = attrs.validators.get_disabled()
        attrs.validators.set_disabled(True)

    def __exit__(self, *exc: object) -> None:
        attrs.validators.set_disabled(self.was)


def _header(mt: MessageType, reference: str) -> Header:
    return Header(
        message_code=mt.default_brcd(),
        message_version_code=mt.default_vnrbrcd(Release.R2024),
        creation_date=_START,
        creation_time=dt.time(9, 30),
        sender_id="HR",
        recipient_id="ARBO",
        message_reference=reference,
        test_message=False,
        receipt_requested=False,
        software_package="bench",
    )


def _employer(**kw: Any) -> Employer:
    return Employer(trade_name="Zorg", employer_id=EMPLOYER[0], connection_number=EMPLOYER[1], **kw)


def structure() -> EmployerDataMessage:
    """The employer's structure: ``UNITS`` units under one top unit."""
    units = [
        OrganisationalUnit(
            processing_code=ProcessingCode.NEW,
            start_date=dt.date(2000, 1, 1),
            mutation_date=_START,
            organisational_unit_name=f"Unit {u}",
            organisational_unit_code=f"U{u}",
            organisational_sub_unit_code=None if u == 0 else "U0",
        )
        for u in range(UNITS)
    ]
    mt = MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE
    return EmployerDataMessage(
        header=_header(mt, "WG-0"), employers=(_employer(organisational_units=units),)
    )


def master_messages(n: int) -> list[EmployeeDataMessage]:
    """Per employee: registered with one employment, then both changed (four records)."""
    out: list[EmployeeDataMessage] = []
    mt = MessageType.WERKNEMERS_GEGEVENS
    with _validators_off():
        for step in (0, 1):
            code = ProcessingCode.NEW if step == 0 else ProcessingCode.CHANGE
            when = _START + dt.timedelta(days=step)
            for e in range(n):
                employment = Employment(
                    processing_code=code,
                    mutation_date=when,
                    employment_id=f"D{e}",
                    start_date=_HIRED,
                    organisational_unit_code=f"U{(e + step) % UNITS}",
                    personnel_number=f"{e}",
                )
                worker = Employee(
                    processing_code=code,
                    mutation_date=when,
                    birth_date=_BORN,
                    surname_without_prefix="Jansen" if step == 0 else "Bakker",
                    gender=Gender.FEMALE,
                    employee_id=f"E{e}",
                    employments=(employment,),
                )
                out.append(
                    EmployeeDataMessage(
                        header=_header(mt, f"WN-{step}-{e}"),
                        employers=(_employer(employees=(worker,)),),
                    )
                )
    return out


def absence_messages(n: int) -> list[AbsenceMessage]:
    """Per employee one case of three reports, one mutation per message."""
    out: list[AbsenceMessage] = []
    mt = MessageType.VERZUIMMELDINGEN
    with _validators_off():
        for report in (1, 2, 3):
            for e in range(n):
                first = dt.date(2024, 3, 1) + dt.timedelta(days=e % 17)
                date = first + dt.timedelta(days=7 * (report - 1))
                mutation = absence_mutation(f"C{e}", report, date, first)
                employment = Employment(
                    employment_id=f"D{e}",
                    start_date=_HIRED,
                    organisational_unit_code=f"U{(e + 1) % UNITS}",
                    absence_mutations=(mutation,),
                )
                worker = Employee(
                    birth_date=_BORN,
                    gender=Gender.FEMALE,
                    employee_id=f"E{e}",
                    employments=(employment,),
                )
                out.append(
                    AbsenceMessage(
                        header=_header(mt, f"VZ-{report}-{e}"),
                        employers=(_employer(employees=(worker,)),),
                    )
                )
    return out


def _timed(v: ChainValidator, messages: list[Any]) -> tuple[float, int]:
    """Seconds to process the messages, and how many were not accepted."""
    process = v.process
    accepted = Status.ACCEPTED
    bad = 0
    gc.disable()
    try:
        t0 = time.perf_counter()
        for m in messages:
            if process(m).status is not accepted:
                bad += 1
        seconds = time.perf_counter() - t0
    finally:
        gc.enable()
    return seconds, bad


def measure(n: int, runs: int, events: bool) -> dict[str, Any]:
    """Best rates of ``runs`` runs for ``n`` employees."""
    master = master_messages(n)
    absences = absence_messages(n)
    records = 4 * n
    best_master = best_absence = best_plain = 0.0
    problems = 0
    for _ in range(runs):
        plain = ChainValidator(events=events)  # the same absences, no master data
        seconds, bad = _timed(plain, absences)
        problems += bad
        best_plain = max(best_plain, len(absences) / seconds)
        del plain
        v = ChainValidator(events=events)
        if v.process(structure()).status is not Status.ACCEPTED:
            problems += 1
        seconds, bad = _timed(v, master)
        problems += bad
        best_master = max(best_master, records / seconds)
        seconds, bad = _timed(v, absences)
        problems += bad
        best_absence = max(best_absence, len(absences) / seconds)
        del v
        gc.collect()
    return {
        "employees": n,
        "events": events,
        "master_records": records,
        "absence_mutations": len(absences),
        "master_records_per_s": round(best_master),
        "absence_mutations_per_s": round(best_absence),
        "absence_without_master_data_per_s": round(best_plain),
        "not_accepted": problems,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 employees")
    parser.add_argument("--employees", type=int, default=None, help="the number of employees")
    parser.add_argument("--runs", type=int, default=3, help="runs per setting (best taken)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on stdout")
    args = parser.parse_args(argv)
    n = args.employees or (5_000 if args.quick else 20_000)
    figures = [measure(n, args.runs, events) for events in (True, False)]
    verdicts = []
    for f in figures:
        ok_master = f["master_records_per_s"] >= MASTER_GOAL and not f["not_accepted"]
        ok_absence = f["absence_mutations_per_s"] >= ABSENCE_GOAL and not f["not_accepted"]
        verdicts.append((f, ok_master, ok_absence))
    if args.json:
        json.dump(
            {
                "python": platform.python_version(),
                "machine": platform.machine(),
                "figures": figures,
                "pass": all(a and b for _, a, b in verdicts),
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    print(f"Python {platform.python_version()} on {platform.machine()}; {n:,} employees")
    for f, ok_master, ok_absence in verdicts:
        label = "events on " if f["events"] else "events off"
        print(
            f"{label}: master data {f['master_records_per_s']:>9,} records/s "
            f"(goal {MASTER_GOAL:,}: {'PASS' if ok_master else 'FAIL'}); "
            f"absences {f['absence_mutations_per_s']:>9,} mutations/s "
            f"(goal {ABSENCE_GOAL:,}: {'PASS' if ok_absence else 'FAIL'})"
        )
        plain = f["absence_without_master_data_per_s"]
        print(
            f"            the same absences without master data: {plain:,} mutations/s "
            f"(master data {f['master_records_per_s'] / plain:.2f} x, absences with master "
            f"data {f['absence_mutations_per_s'] / plain:.2f} x that rate)"
        )
        if f["not_accepted"]:
            print(f"  {f['not_accepted']} message(s) not accepted: FAIL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
