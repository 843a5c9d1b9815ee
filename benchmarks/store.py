#!/usr/bin/env python
"""Throughput and cold start of the chain validator on a state store.

Run from the repository root::

    python benchmarks/store.py           # ~2-3 min (most of it building a 1,000,000-case store)
    python benchmarks/store.py --quick   # ~30 s: fewer messages, a 100,000-case large store
    python benchmarks/store.py --json    # the figures as JSON on stdout

**Throughput** (messages per second, one mutation per message, the messages of
``benchmarks/chain.py``: employees taking turns through cases of three reports, every message
accepted), all rows on the same messages in the same run, in rounds that alternate the rows:

* ``in-memory validator``: ``ChainValidator().process(message)``, the reference row;
* ``--state (in memory + JSON save)``: the same, then the whole state saved as JSON once, as
  ``process --state`` does at the end of a run;
* ``MemoryStore, a transaction per message``: ``ChainValidator(store=MemoryStore())``;
* ``SqliteStore, a transaction per message``: ``ChainValidator(store=SqliteStore(...))``: per
  message ``BEGIN IMMEDIATE``, the log lookup, loading what is not cached, the judgement, the
  changed records, the result, the Retourmelding bytes (:func:`~sivi_verzuim.chain.
  answer_bytes`, schema-checked) and ``COMMIT`` (WAL, ``synchronous=NORMAL``); the content
  hash is the SHA-256 of 2 kB, as ``process`` hashes each file's bytes. **Requirement: at
  least 2,000 messages/s.**

With ``--cli N`` (default 1,000; 0 skips) also ``sivi-verzuim process`` end to end on an
inbox of N files, in this process, without state, with ``--state`` and with ``--store``
(reading and parsing each file dominates these rows; informational).

**Cold start**: a fresh Python process (interpreter start, imports, opening the store,
processing 10 messages that each start a new case for an employee who has ten, exiting),
timed from outside, against stores of 1,000 and 1,000,000 cases (``--large-cases``; 100,000
with ``--quick``). The large store is built with ``SqliteStore.bulk_load`` from copies of an
employee the validator made. The runs alternate between the two stores; the medians are
compared. **Requirement: large / small at most 2.** Also shown: the time inside the process
from opening the store to the last commit, and its ratio (the part a store's size could
change). The operating system's file cache is not dropped (that needs root and would slow
everything else on the machine): the process is cold, the disk cache may be warm.

The verdicts are printed; the exit status is 0 either way (benchmarks are informational).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sivi_verzuim.chain import (  # noqa: E402
    ChainValidator,
    EmployeeRecord,
    MemoryStore,
    SqliteStore,
    Status,
)

TARGET_RATE = 2_000
TARGET_COLD = 2.0
_PAD = b"x" * 2048


def _chain_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("chain_benchmark", HERE / "chain.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CB = _chain_benchmark()


# --------------------------------------------------------------------------- throughput


def _digest(i: int) -> str:
    return "sha256:" + hashlib.sha256(b"%d" % i + _PAD).hexdigest()


def _loop(v: ChainValidator, messages: list[Any], store: bool) -> float:
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        if store:
            for i, m in enumerate(messages):
                r = v.process(m, digest=_digest(i))
                if r.status is not Status.ACCEPTED:
                    raise AssertionError(f"message {i} not accepted: {r}")
        else:
            for i, m in enumerate(messages):
                r = v.process(m)
                if r.status is not Status.ACCEPTED:
                    raise AssertionError(f"message {i} not accepted: {r}")
        return time.perf_counter() - t
    finally:
        gc.enable()


def throughput(n: int, rounds: int, directory: Path, log: Callable[[str], None]) -> dict[str, Any]:
    messages = CB.build(CB.plan(n))
    rows: dict[str, list[float]] = {
        "in-memory validator": [],
        "--state (in memory + JSON save)": [],
        "MemoryStore, a transaction per message": [],
        "SqliteStore, a transaction per message": [],
    }

    def memory() -> float:
        return _loop(ChainValidator(), messages, False)

    def state() -> float:
        v = ChainValidator()
        seconds = _loop(v, messages, False)
        t = time.perf_counter()
        target = directory / "state.json"
        data = json.dumps(v.save(), ensure_ascii=False).encode("utf-8")
        with open(target, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        return seconds + time.perf_counter() - t

    def memory_store() -> float:
        return _loop(ChainValidator(store=MemoryStore()), messages, True)

    def sqlite_store() -> float:
        path = directory / "throughput.db"
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with SqliteStore(path) as store:
            return _loop(ChainValidator(store=store), messages, True)

    candidates = list(zip(rows, (memory, state, memory_store, sqlite_store), strict=True))
    for r in range(rounds):
        order = candidates if r % 2 == 0 else candidates[::-1]
        for name, run in order:
            rows[name].append(n / run())
        log(f"  round {r + 1}/{rounds} done")
    reference = statistics.median(rows["in-memory validator"])
    out = {}
    for name, rates in rows.items():
        median = statistics.median(rates)
        out[name] = {"best": max(rates), "median": median, "vs_memory": median / reference}
    return out


# --------------------------------------------------------------------------- end to end


def cli_rows(
    files: int, rounds: int, directory: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    from sivi_verzuim import Release, from_model, serialize
    from sivi_verzuim.cli import main

    inbox = directory / "inbox"
    inbox.mkdir()
    for i, step in enumerate(CB.plan(files)):
        data = serialize(from_model(_file(i, step), Release.R2024), validate=False)
        (inbox / f"VZ-{i:06d}.xml").write_bytes(data)
    warm = directory / "warm"  # imports, schemas, caches: paid before the timed rows
    warm.mkdir()
    for name in sorted(os.listdir(inbox))[:5]:
        shutil.copy(inbox / name, warm / name)
    main(["process", str(warm), "--out", str(directory / "warm-out")], out=io.StringIO())
    rows = [
        ("process (no state)", []),
        ("process --state", ["--state", "state.json"]),
        ("process --store", ["--store", "store.db"]),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in rows}
    for r in range(rounds):
        for name, extra in rows if r % 2 == 0 else rows[::-1]:
            here = directory / f"round-{r}-{len(times[name])}-{name.split()[-1]}"
            here.mkdir()
            args = [a if not a.endswith((".json", ".db")) else str(here / a) for a in extra]
            t = time.perf_counter()
            code = main(
                ["process", str(inbox), "--out", str(here / "out"), *args], out=io.StringIO()
            )
            seconds = time.perf_counter() - t
            if code != 0:
                raise AssertionError(f"{name}: exit {code}")
            times[name].append(seconds)
            shutil.rmtree(here)
        log(f"  round {r + 1}/{rounds} done")
    out: dict[str, Any] = {}
    for name, _ in rows:
        seconds = statistics.median(times[name])
        out[name] = {"seconds": seconds, "rate": files / seconds}
    return out


def _file(i: int, step: tuple[Any, ...]) -> Any:
    """The benchmark's step as a complete message (what the 2024 schema requires)."""
    from sivi_verzuim.chain.testing import absence_message

    case, report, date, employee, first = step
    ended = report == 3
    return absence_message(
        f"C{employee}-{case}",
        report,
        "01" if report == 1 else "02",
        mutation_date=date,
        first_absence_date=first,
        percentage="100.00" if report == 1 else "50.00" if report == 2 else "0.00",
        ended=ended,
        recovery_date=date if ended else None,
        end_reason="01" if ended else None,
        employee=f"E{employee}",
        reference=f"VZ-{i:06d}",
    )


# --------------------------------------------------------------------------- cold start


def _template() -> tuple[list[dict[str, Any]], str]:
    """The cases the validator makes for employee 0 of the chain benchmark (ten cases of
    three reports), and the first day free after them."""
    steps = [s for s in CB.plan(3000) if s[3] == 0]
    v = ChainValidator()
    for m in CB.build(steps):
        assert v.process(m).status is Status.ACCEPTED
    doc = v.save()
    last = max(c["end_date"] for c in doc["cases"])
    return doc["cases"], last


def build_store(path: Path, cases: int, log: Callable[[str], None]) -> None:
    template, _ = _template()
    per = len(template)
    employees = max(1, cases // per)
    text = json.dumps(template)
    meta = ChainValidator().save()

    def people() -> Iterator[tuple[tuple[str, str, str], EmployeeRecord]]:
        for e in range(employees):
            ids = tuple(f"C{e}-{c}" for c in range(per))
            yield ("WG-1", "A-1", f"E{e}"), EmployeeRecord(False, True, ids)

    def all_cases() -> Iterator[dict[str, Any]]:
        for e in range(employees):
            copy = text.replace('"E0"', f'"E{e}"').replace('"D0"', f'"D{e}"')
            yield from json.loads(copy.replace('"C0-', f'"C{e}-'))
            if e and e % 100_000 == 0:
                log(f"    {e * per:,} cases")

    with SqliteStore(path) as store:
        store.bulk_load(meta, people(), all_cases())


_CHILD = r"""
import sys, time, json
t0 = time.perf_counter()
import datetime as dt
sys.path.insert(0, sys.argv[1])
import importlib.util
spec = importlib.util.spec_from_file_location("cb", sys.argv[2])
cb = importlib.util.module_from_spec(spec); spec.loader.exec_module(cb)
from sivi_verzuim.chain import ChainValidator, SqliteStore, Status
first = dt.date.fromisoformat(sys.argv[5]) + dt.timedelta(days=30)
employees = [int(x) for x in sys.argv[4].split(",")]
run = int(sys.argv[6])
messages = cb.build([(10 + run, 1, first, e, first) for e in employees], 1_000_000 * (run + 1))
t1 = time.perf_counter()
with SqliteStore(sys.argv[3]) as store:
    v = ChainValidator(store=store)
    for m in messages:
        r = v.process(m)
        assert r.status is Status.ACCEPTED, r
t2 = time.perf_counter()
print(json.dumps({"inside": t2 - t1, "imports": t1 - t0}))
"""


def cold_start(
    small: int,
    large: int,
    runs: int,
    directory: Path,
    keep: Path | None,
    log: Callable[[str], None],
) -> dict[str, Any]:
    _, last = _template()
    where = keep or directory
    paths = {}
    for size in (small, large):
        path = where / f"cold-{size}.db"
        if not path.exists():
            log(f"  building a store of {size:,} cases ...")
            t = time.perf_counter()
            build_store(path, size, log)
            log(f"  built in {time.perf_counter() - t:.1f} s ({path.stat().st_size / 1e6:,.0f} MB)")
        paths[size] = path
    times: dict[int, list[float]] = {small: [], large: []}
    inside: dict[int, list[float]] = {small: [], large: []}
    base = int(time.time()) % 1000  # other employees and case ids than earlier runs of --keep
    for r in range(runs):
        for size in (small, large) if r % 2 == 0 else (large, small):
            employees = ",".join(str((r * 10 + j) % max(1, size // 10)) for j in range(10))
            cmd = [
                sys.executable, "-c", _CHILD, str(HERE.parent / "src"), str(HERE / "chain.py"),
                str(paths[size]), employees, last, str(base + r),
            ]  # fmt: skip
            t = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            wall = time.perf_counter() - t
            if proc.returncode != 0:
                raise AssertionError(proc.stderr)
            times[size].append(wall)
            inside[size].append(json.loads(proc.stdout)["inside"])
        log(f"  cold run {r + 1}/{runs} done")
    med = {s: statistics.median(v) for s, v in times.items()}
    med_in = {s: statistics.median(v) for s, v in inside.items()}
    return {
        "small_cases": small,
        "large_cases": large,
        "wall": med,
        "inside": med_in,
        "ratio": med[large] / med[small],
        "inside_ratio": med_in[large] / med_in[small],
        "runs": runs,
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer messages, smaller stores")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--messages", type=int, default=None, help="messages per row")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the throughput rows")
    parser.add_argument("--cli", type=int, default=None, help="files for the end-to-end rows")
    parser.add_argument("--small-cases", type=int, default=1_000)
    parser.add_argument("--large-cases", type=int, default=None)
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh processes per store")
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the cold-start stores here")
    args = parser.parse_args(argv)
    n = args.messages or (2_000 if args.quick else 5_000)
    files = args.cli if args.cli is not None else (300 if args.quick else 1_000)
    large = args.large_cases or (100_000 if args.quick else 1_000_000)
    keep = Path(args.keep) if args.keep else None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="sivi-store-bench-") as tmp:
        directory = Path(tmp)
        log(f"throughput: {n:,} one-mutation messages per row, {args.rounds} rounds ...")
        rows = throughput(n, args.rounds, directory, log)
        cli = {}
        if files:
            log(f"end to end: sivi-verzuim process on {files:,} files ...")
            (directory / "cli").mkdir()
            cli = cli_rows(files, args.rounds, directory / "cli", log)
        log(f"cold start: {args.small_cases:,} and {large:,} cases, {args.cold_runs} runs each ...")
        cold = cold_start(args.small_cases, large, args.cold_runs, directory, keep, log)
        if keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    rate = rows["SqliteStore, a transaction per message"]["median"]
    verdicts = {
        "rate": {"value": rate, "target": TARGET_RATE, "pass": rate >= TARGET_RATE},
        "cold": {
            "value": cold["ratio"],
            "target": TARGET_COLD,
            "pass": cold["ratio"] <= TARGET_COLD,
        },
    }
    result = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "messages": n,
        "throughput": rows,
        "end_to_end": cli,
        "cold_start": cold,
        "verdicts": verdicts,
        "seconds": time.perf_counter() - started,
        "load_before": load,
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(
        f"Python {result['python']} ({result['platform']}, {result['cpus']} CPUs); "
        f"{n:,} one-mutation messages per row, median of {args.rounds} rounds"
    )
    print()
    print(f"{'row':<44}{'msgs/s':>12}{'best':>12}{'vs in-memory':>14}")
    print("-" * 82)
    for name, row in rows.items():
        print(f"{name:<44}{row['median']:>12,.0f}{row['best']:>12,.0f}{row['vs_memory']:>14.4f}")
    if cli:
        print()
        print(f"{f'end to end, {files:,} files (median)':<44}{'msgs/s':>12}{'seconds':>12}")
        print("-" * 68)
        for name, row in cli.items():
            print(f"{name:<44}{row['rate']:>12,.0f}{row['seconds']:>12.2f}")
    print()
    print(f"cold start (fresh process, open, 10 messages, exit; median of {cold['runs']} runs):")
    for size in (cold["small_cases"], cold["large_cases"]):
        print(
            f"  {size:>10,} cases: {cold['wall'][size]:.3f} s "
            f"(inside the process, open to last commit: {cold['inside'][size] * 1000:.1f} ms)"
        )
    print(
        f"  ratio {cold['large_cases']:,} / {cold['small_cases']:,}: {cold['ratio']:.3f} "
        f"(inside: {cold['inside_ratio']:.3f})"
    )
    print()
    v = verdicts
    print(
        f"{'PASS' if v['rate']['pass'] else 'FAIL'}  SqliteStore, a transaction per message: "
        f"{rate:,.0f} messages/s (at least {TARGET_RATE:,})"
    )
    print(
        f"{'PASS' if v['cold']['pass'] else 'FAIL'}  cold start {cold['large_cases']:,} vs "
        f"{cold['small_cases']:,} cases: {cold['ratio']:.3f} x (at most {TARGET_COLD:g} x)"
    )
    after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(f"(run took {result['seconds']:.1f} s; 1-min load average {load} before, {after} after)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
