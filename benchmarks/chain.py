#!/usr/bin/env python
"""Throughput of the mutation-chain validator on domain objects (no parsing).

Run from the repository root::

    python benchmarks/chain.py              # 10,000, 100,000 and 1,000,000 mutations (~2 min)
    python benchmarks/chain.py --quick      # 10,000 and 100,000 mutations (~15 s)
    python benchmarks/chain.py --paused     # also every size with the collector paused (~1 min)
    python benchmarks/chain.py --json       # the figures as JSON on stdout
    python benchmarks/chain.py --memory 0   # without the state-memory trace (~10 s less)

The input: Verzuimmeldingen as :class:`~sivi_verzuim.model.AbsenceMessage` objects, **one
mutation per message** (as senders send them), for employees who each go through absence
cases of three reports (sick report 100 %, partial recovery 50 %, full recovery), with a new
case 5 to 124 days after the previous one ended (about one in five is compound absence and
flagged). Employees take turns, so consecutive messages are about different cases, as in a
receiver's inbox. There are about ten cases per employee whatever the size: the state grows
with the input the way a receiver's does (333,000 cases after 1,000,000 mutations). Every
message must be accepted (checked).

Messages are built 1,000 at a time just before they are processed, as a receiver parses each
message just before it processes it; building is not timed. Every run uses a fresh
:class:`~sivi_verzuim.chain.ChainValidator`. Timed per chunk:

* ``validator``: ``process(message)`` for every message, checking that each is accepted;
* ``baseline``: a trivial loop over the same messages that walks to every mutation and
  keeps its sequence number in a fresh dict by case id per chunk, measured in the same run,
  to give a machine-independent ratio (``ratio`` = baseline time / validator time);
* ``floor``: the least any keyed chain state costs: the same walk, keeping one dict entry
  per case (the last sequence number) in a dict that lives for the whole run and so grows
  like the validator's state. Its linearity is what the memory hierarchy alone does to one
  lookup per mutation: the growth from 10,000 to 1,000,000 that no validator can avoid.

The cyclic garbage collector runs during the timed loops, as it does in the programs that
embed the validator: its full collections are triggered by all allocations of the process
(message building included) and scan everything alive in it, so a state the collector has to
track makes every mutation dearer as the state grows. ``--paused`` adds runs with the
collector paused during the timed loops (it runs as usual while messages are built), to show
how much of the time is the collector's.

Figures (medians of the runs): mutations per second per size, and the linearity ratio
``time(large) / (large/small x time(small))`` (1.0 = perfectly linear), ours and the floor's.

**Goal rows** (``goals.py``; with the collector on), each printed as ``name  ours  reference
ratio  goal  PASS|FAIL``:

* ``chain rate at the large size, collector on``: at least 200,000 mutations/s at 1,000,000
  mutations (the floor's rate is shown as the reference);
* ``chain linearity large/small / floor's``: ``time(1,000,000) / (100 x time(10,000))`` must
  not be larger than the same ratio of the keyed-state floor (ratio ours / floor <= 1): the
  validator's cost may grow with the state only as fast as one dict lookup's does;
* ``chain linearity large/medium``: ``time(1,000,000) / (10 x time(100,000))`` at most 1.2,
  where both states are beyond the CPU caches.

**The exit status is 1 when a goal row FAILs**, 0 when all PASS. With ``--quick`` the sizes
are 10,000 and 100,000 (the medium size is the small one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from goals import Goal, judged, summary, table

from sivi_verzuim.chain import ChainValidator, Status
from sivi_verzuim.model import (
    AbsenceCause,
    AbsenceEndReason,
    AbsenceMessage,
    AbsenceMutation,
    Employee,
    Employer,
    Employment,
    Gender,
    Header,
    ProcessingCode,
    YesNoUnknown,
)

REPORTS_PER_CASE = 3
CASES_PER_EMPLOYEE = 10
TARGET_RATE = 200_000
TARGET_LINEARITY = 1.2

CHAIN_RATE = "chain rate at the large size, collector on"
CHAIN_LINEARITY = "chain linearity large/small / floor's"
CHAIN_BEYOND = "chain linearity large/medium"
GOAL_RATE = Goal(">=", TARGET_RATE, on="ours", unit="mutations/s")
GOAL_LINEARITY_FLOOR = Goal("<=", 1.0)
GOAL_BEYOND = Goal("<=", TARGET_LINEARITY, on="ours")

_P100 = Decimal("100.00")
_P50 = Decimal("50.00")
_P0 = Decimal("0.00")


Step = tuple[int, int, dt.date, int, dt.date]  # case, report, date, employee, first day


def plan(n: int) -> tuple[Step, ...]:
    """The ``n`` mutations, in an order in which every chain is accepted: employees take
    turns, each going through its cases one report at a time.

    A tuple of tuples of atomic values, which the collector stops tracking at the first
    collection that sees it: the plan is the benchmark's own data, alive for the whole run
    and as long as the input, and as a list every full collection would scan all of its
    steps, a cost that grows with the size and that no receiver pays."""
    employees = max(1, n // (REPORTS_PER_CASE * CASES_PER_EMPLOYEE))
    per_employee = -(-n // employees)
    start = dt.date(2000, 1, 3)
    plans: list[list[Step]] = []
    for e in range(employees):
        day = start + dt.timedelta(days=e % 17)
        steps: list[Step] = []
        case = 0
        while len(steps) < per_employee:
            first = day
            steps.append((case, 1, first, e, first))
            steps.append((case, 2, first + dt.timedelta(days=7), e, first))
            steps.append((case, 3, first + dt.timedelta(days=14), e, first))
            # 5 to 124 days later: about one new case in five is compound absence
            day = first + dt.timedelta(days=14 + 5 + (case * 37 + e * 11) % 120)
            case += 1
        plans.append(steps[:per_employee])
    out: list[Step] = []
    for step in range(per_employee):
        for e in range(employees):
            if len(out) == n:
                return tuple(out)
            out.append(plans[e][step])
    return tuple(out)


def build(steps: Sequence[Step], offset: int = 0) -> list[AbsenceMessage]:
    """The messages of some steps (one mutation each)."""
    with _validators_off():
        return [_message(offset + i, *step) for i, step in enumerate(steps)]


class _validators_off:
    def __enter__(self) -> None:
        self.was = attrs.validators.get_disabled()
        attrs.validators.set_disabled(True)

    def __exit__(self, *exc: object) -> None:
        attrs.validators.set_disabled(self.was)


def absence_mutation(case_id: str, report: int, date: dt.date, first: dt.date) -> AbsenceMutation:
    """Report 1 (sick at 100%), 2 (50%) or 3 (recovered) of a case, on ``date``."""
    ended = report == 3
    return AbsenceMutation(
        processing_code=ProcessingCode.NEW if report == 1 else ProcessingCode.CHANGE,
        mutation_date=date,
        absence_case_id=case_id,
        report_sequence_number=report,
        absence_ended=ended,
        first_absence_date=first,
        recovery_date=date if ended else None,
        absence_percentage=_P100 if report == 1 else _P50 if report == 2 else _P0,
        absence_cause=AbsenceCause.CODE_99,
        safety_net=YesNoUnknown.NO,
        absence_end_reason=AbsenceEndReason.CODE_01 if ended else None,
    )


def _message(
    index: int, case: int, report: int, date: dt.date, employee: int, first: dt.date
) -> AbsenceMessage:
    mutation = absence_mutation(f"C{employee}-{case}", report, date, first)
    employment = Employment(
        employment_id=f"D{employee}",
        start_date=dt.date(1999, 1, 1),
        organisational_unit_code="PROD",
        absence_mutations=(mutation,),
    )
    worker = Employee(
        birth_date=dt.date(1980, 1, 1),
        gender=Gender.FEMALE,
        employee_id=f"E{employee}",
        employments=(employment,),
    )
    employer = Employer(
        trade_name="Bakkerij",
        employer_id="WG-1",
        connection_number="A-1",
        employees=(worker,),
    )
    header = Header(
        message_code="00100",
        message_version_code="00011",
        creation_date=date,
        creation_time=dt.time(9, 30),
        sender_id="HR",
        recipient_id="ARBO",
        message_reference=f"VZ-{index}",
        test_message=False,
        receipt_requested=False,
        software_package="bench",
    )
    return AbsenceMessage(header=header, employers=(employer,))


def run(steps: Sequence[Step], chunk: int, *, collector: bool) -> tuple[float, float, float, int]:
    """Process every step in a fresh validator, building the messages ``chunk`` at a time
    just before they are processed (not timed), as a receiver parses each message just
    before it processes it.

    Args:
        collector: keep the cyclic garbage collector running while timing; False pauses it
            during the timed loops (it runs as usual while messages are built).

    Returns (validator seconds, baseline seconds, floor seconds, messages not accepted).
    """
    validator = ChainValidator()
    process = validator.process
    accepted = Status.ACCEPTED
    bad = 0
    validator_time = baseline_time = floor_time = 0.0
    state: dict[str, int] = {}
    clock = time.perf_counter
    for start in range(0, len(steps), chunk):
        messages = build(steps[start : start + chunk], start)
        if not collector:
            gc.disable()
        try:
            baseline_time += walk(messages, {})
            floor_time += walk(messages, state)
            t0 = clock()
            for m in messages:
                if process(m).status is not accepted:
                    bad += 1
            validator_time += clock() - t0
        finally:
            gc.enable()
    return validator_time, baseline_time, floor_time, bad


def walk(messages: list[AbsenceMessage], seen: dict[str, int]) -> float:
    """The reference loop: walk to every mutation and keep its sequence number per case in
    ``seen`` (when higher than the one kept). With a fresh dict per chunk it is the trivial
    ``baseline``; with one dict for the whole run, the keyed-state ``floor``."""
    t0 = time.perf_counter()
    for message in messages:
        for employer in message.employers:
            for employee in employer.employees:
                for employment in employee.employments:
                    for m in employment.absence_mutations:
                        last = seen.get(m.absence_case_id)
                        seq = m.report_sequence_number
                        if last is None or seq > last:
                            seen[m.absence_case_id] = seq
    return time.perf_counter() - t0


def state_memory(n: int, chunk: int) -> dict[str, Any]:
    """The memory the validator's state holds after ``n`` mutations, traced with
    :mod:`tracemalloc` (a separate, untimed run: tracing slows everything down).

    Messages are built and dropped chunk by chunk as in :func:`run`, so what is still
    allocated at the end is the state (and the results of the last chunk, which are dropped
    before measuring)."""
    steps = plan(n)
    gc.collect()
    tracemalloc.start()
    try:
        validator = ChainValidator()
        before = tracemalloc.get_traced_memory()[0]
        for start in range(0, len(steps), chunk):
            messages = build(steps[start : start + chunk], start)
            for m in messages:
                validator.process(m)
            del messages
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    cases = len(validator.cases())
    return {
        "mutations": n,
        "cases": cases,
        "bytes": held,
        "bytes_per_case": held / cases,
        "bytes_per_mutation": held / n,
    }


def measure(n: int, repeats: int, chunk: int, *, collector: bool, log: Any) -> dict[str, Any]:
    steps = plan(n)
    what = "collector on" if collector else "collector paused while timing"
    log(f"{n:,} mutations, {repeats} run(s), {what}")
    times: list[float] = []
    base: list[float] = []
    floors: list[float] = []
    for _ in range(repeats):
        elapsed, base_elapsed, floor_elapsed, bad = run(steps, chunk, collector=collector)
        if bad:
            raise SystemExit(f"{bad} of {n:,} messages were not accepted")
        times.append(elapsed)
        base.append(base_elapsed)
        floors.append(floor_elapsed)
    gc.collect()
    median = statistics.median(times)
    return {
        "mutations": n,
        "repeats": repeats,
        "collector": collector,
        "seconds_median": median,
        "seconds_best": min(times),
        "mutations_per_second": n / median,
        "mutations_per_second_best": n / min(times),
        "baseline_mutations_per_second": n / statistics.median(base),
        "validator_vs_baseline": statistics.median(base) / median,
        "floor_seconds_median": statistics.median(floors),
        "floor_mutations_per_second": n / statistics.median(floors),
    }


def linearity(large: dict[str, Any], small: dict[str, Any], key: str) -> float:
    """``time(large) / (large/small x time(small))`` of the runs' medians (1.0: linear)."""
    factor = large["mutations"] / small["mutations"]
    return float(large[key] / (factor * small[key]))


def goal_rows(small: dict[str, Any], medium: dict[str, Any], large: dict[str, Any]) -> list[Any]:
    """The chain's goal rows, from runs with the collector on."""
    sizes = f"{small['mutations']:,} / {medium['mutations']:,} / {large['mutations']:,}"
    ours = linearity(large, small, "seconds_median")
    floor = linearity(large, small, "floor_seconds_median")
    beyond = linearity(large, medium, "seconds_median")
    floor_beyond = linearity(large, medium, "floor_seconds_median")
    return [
        judged(
            CHAIN_RATE,
            GOAL_RATE,
            ours=large["mutations_per_second"],
            reference=large["floor_mutations_per_second"],
            unit="mutations/s",
            notes=(
                f"{large['mutations']:,} mutations, collector on, median of "
                f"{large['repeats']} run(s); reference: the keyed-state floor of the same "
                "run; the goal is the absolute rate",
            ),
        ),
        judged(
            CHAIN_LINEARITY,
            GOAL_LINEARITY_FLOOR,
            ours=ours,
            reference=floor,
            unit="",
            notes=(
                f"time({large['mutations']:,}) / ({large['mutations'] // small['mutations']:,} x "
                f"time({small['mutations']:,})), ours and the keyed-state floor's, collector on; "
                "ours must not grow faster than the floor's (ratio <= 1)",
            ),
        ),
        judged(
            CHAIN_BEYOND,
            GOAL_BEYOND,
            ours=beyond,
            reference=floor_beyond,
            unit="",
            notes=(
                f"time({large['mutations']:,}) / ({large['mutations'] // medium['mutations']:,} x "
                f"time({medium['mutations']:,})), collector on; reference: the floor's "
                f"(informational); sizes {sizes}",
            ),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 mutations")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--small", type=int, default=10_000, help="the small size")
    parser.add_argument("--large", type=int, default=None, help="the large size")
    parser.add_argument(
        "--chunk", type=int, default=1000, help="messages built at a time (default 1000)"
    )
    parser.add_argument(
        "--memory",
        type=int,
        default=100_000,
        metavar="N",
        help="trace the state's memory after N mutations (default 100,000; 0: skip)",
    )
    parser.add_argument(
        "--paused",
        action="store_true",
        help="also time every size with the collector paused while timing (about a minute more)",
    )
    parser.add_argument(
        "--collector",
        action="store_true",
        help="the collector runs during the goal runs (the default; kept for older commands)",
    )
    args = parser.parse_args(argv)
    large = args.large or (100_000 if args.quick else 1_000_000)
    small = args.small
    medium = large // 10
    if small < 1 or medium < small:
        parser.error("--large must be at least 10 x --small")

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    repeats = 7 if args.quick else 21

    def sizes(collector: bool) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        low = measure(small, repeats, args.chunk, collector=collector, log=log)
        mid = (
            low if medium == small else measure(medium, 2, args.chunk, collector=collector, log=log)
        )
        high = measure(large, 2, args.chunk, collector=collector, log=log)
        return low, mid, high

    small_run, medium_run, large_run = sizes(collector=True)
    rows = goal_rows(small_run, medium_run, large_run)
    runs = [small_run] + ([medium_run] if medium_run is not small_run else []) + [large_run]
    paused: dict[str, Any] = {}
    if args.paused:
        low, mid, high = sizes(collector=False)
        runs += [low] + ([mid] if mid is not low else []) + [high]
        paused = {
            "linearity": linearity(high, low, "seconds_median"),
            "floor_linearity": linearity(high, low, "floor_seconds_median"),
            "linearity_beyond_cache": linearity(high, mid, "seconds_median"),
        }
    # what the larger state adds to each mutation, in nanoseconds (collector on)
    growth = 1e9 * (large_run["seconds_median"] / large - small_run["seconds_median"] / small)
    floor_growth = 1e9 * (
        large_run["floor_seconds_median"] / large - small_run["floor_seconds_median"] / small
    )
    memory = None
    if args.memory:
        log(f"state memory after {args.memory:,} mutations (tracemalloc, untimed)")
        memory = state_memory(args.memory, args.chunk)
    failed = any(r.verdict != "PASS" for r in rows)
    report = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "small": small_run,
        "medium": medium_run,
        "large": large_run,
        "goals": [r.as_dict() for r in rows],
        "verdict": "FAIL" if failed else "PASS",
        "growth_ns_per_mutation": growth,
        "floor_growth_ns_per_mutation": floor_growth,
        "collector_paused": paused,
        "memory": memory,
        "seconds": time.perf_counter() - started,
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return int(failed)
    print(f"Chain validator on domain objects, Python {report['python']}, {report['cpus']} CPUs")
    print(
        f"{'mutations':>10} {'collector':>9} {'validator/s':>12} {'best/s':>10} "
        f"{'baseline/s':>11} {'ratio':>6} {'floor/s':>10}"
    )
    for r in runs:
        print(
            f"{r['mutations']:>10,} {'on' if r['collector'] else 'paused':>9} "
            f"{r['mutations_per_second']:>12,.0f} {r['mutations_per_second_best']:>10,.0f} "
            f"{r['baseline_mutations_per_second']:>11,.0f} {r['validator_vs_baseline']:>6.3f} "
            f"{r['floor_mutations_per_second']:>10,.0f}"
        )
    print(
        f"the larger state adds {growth:,.0f} ns to each mutation "
        f"(floor, one lookup: {floor_growth:,.0f} ns; collector on)"
    )
    if paused:
        print(
            f"collector paused while timing: linearity from {small:,} {paused['linearity']:.3f} "
            f"(floor {paused['floor_linearity']:.3f}), from {medium:,} "
            f"{paused['linearity_beyond_cache']:.3f}"
        )
    if report["memory"]:
        mem = report["memory"]
        print(
            f"state after {mem['mutations']:,} mutations: {mem['bytes'] / 2**20:,.1f} MiB for "
            f"{mem['cases']:,} cases ({mem['bytes_per_case']:,.0f} bytes per case, "
            f"{mem['bytes_per_mutation']:,.0f} per mutation; tracemalloc)"
        )
    print()
    print("Goal rows (ratio = ours / reference, same run)")
    print(table(rows))
    print(summary(rows))
    print(f"(run took {report['seconds']:.1f} s)")
    return int(failed)


if __name__ == "__main__":
    raise SystemExit(main())
