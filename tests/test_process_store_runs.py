"""``process --store`` as it runs in production: killed (SIGKILL) at random moments and run
again, and started twice at once on one store.

- **Kill and rerun**: a run is killed at random moments (up to three times in a row), then run
  to the end; state, answers and report must equal those of one uninterrupted run, and every
  message must be answered exactly once (with and without ``--archive``).
- **Two runs at once**: two processes on one store, on the same inbox (a scheduler that
  started twice) and on two halves of it (two inboxes): the final state equals a serial run,
  every message answered once.

The inbox is built from chains of absence mutations with rejected and consequential messages,
gaps that wait and are filled later, re-delivered copies, a reused reference, a malformed file
and a file that is no SIVI message; and the master data of the example inbox's negatively
registered employer (structure, employees, employments, a key change) with its absences
(not in the two halves: their order between two inboxes is not fixed).

The number of trials and messages is small by default (a few seconds per test); the
environment variables ``SIVI_KILL_TRIALS`` (default 3), ``SIVI_KILL_MESSAGES`` (200),
``SIVI_CONCURRENT_TRIALS`` (1) and ``SIVI_CONCURRENT_MESSAGES`` (200) run more, e.g.
``SIVI_KILL_TRIALS=20 SIVI_KILL_MESSAGES=3000 SIVI_CONCURRENT_MESSAGES=2000``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import Release, from_model, serialize
from sivi_verzuim.chain import SqliteStore
from sivi_verzuim.chain.testing import absence_message

KILL_TRIALS = int(os.environ.get("SIVI_KILL_TRIALS", "3"))
KILL_MESSAGES = int(os.environ.get("SIVI_KILL_MESSAGES", "200"))
CONCURRENT_TRIALS = int(os.environ.get("SIVI_CONCURRENT_TRIALS", "1"))
CONCURRENT_MESSAGES = int(os.environ.get("SIVI_CONCURRENT_MESSAGES", "200"))

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and flock are POSIX")

_STAMP = re.compile(rb"<AandatBr>[^<]*</AandatBr>\s*<AantijdBr>[^<]*</AantijdBr>")
_FIRST = re.compile(r"first processed at [0-9T:+\-]+")
_START = dt.date(2024, 1, 1)
_EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "inbox" / "2024"
MASTER = tuple(sorted(p.name for p in _EXAMPLES.glob("*.xml") if "-03" in p.name))


# --------------------------------------------------------------------------- the inbox


def _write(model: Any) -> bytes:
    return serialize(from_model(model, Release.R2024), validate=False)


@functools.lru_cache(maxsize=4)
def build_inbox(messages: int, seed: int = 7) -> tuple[tuple[str, bytes], ...]:
    """About ``messages`` files: three-report chains of many employees, interleaved by date,
    with defects (see the module docstring). Returns (file name, bytes)."""
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    employees = max(4, messages // 9)
    day = dt.timedelta(days=1)
    for e in range(employees):
        emp = f"EXT-{e:05d}"
        start = _START + rng.randrange(60) * day
        for c in range(3):
            case = f"C{e:05d}-{c}"
            first = start + c * 40 * day
            sick = absence_message(case, 1, "01", mutation_date=first, employee=emp)
            if e % 10 == 3 and c == 0:
                # an unknown employee's partial recovery: rejected, the end consequential
                sick = absence_message(
                    case, 1, "02", mutation_date=first, percentage="50.00", employee=emp + "-X"
                )
            part = absence_message(
                case, 2, "02", mutation_date=first + 7 * day, first_absence_date=first,
                percentage="50.00", employee=emp if not (e % 10 == 3 and c == 0) else emp + "-X",
            )  # fmt: skip
            sent_end = first + 14 * day
            if e % 7 == 5 and c == 1:
                sent_end = first + 6 * day  # sent before report 2: waits for it (a gap)
            end = absence_message(
                case, 3, "02", mutation_date=first + 14 * day, first_absence_date=first,
                percentage="0.00", ended=True, recovery_date=first + 14 * day, end_reason="01",
                employee=emp if not (e % 10 == 3 and c == 0) else emp + "-X", sent=sent_end,
            )  # fmt: skip
            for n, model in enumerate((sick, part, end), 1):
                files.append((f"VZ-{case}-{n}.xml", _write(model)))
    rng.shuffle(files)
    files = files[:messages]
    # re-delivered copies under other names, a reused reference, a malformed file, other XML
    for i in range(max(1, messages // 50)):
        name, data = files[rng.randrange(len(files))]
        files.append((f"VZ-copy-{i}-{name[3:]}", data))
    name, data = files[0]
    files.append((f"VZ-reused-{name[3:]}", data.replace(b"<TestJN>N", b"<TestJN>J")))
    files.append(("VZ-cut.xml", files[1][1][:700]))
    files.append(("VZ-not-sivi.xml", b"<?xml version='1.0'?><Other/>"))
    files += [(name, (_EXAMPLES / name).read_bytes()) for name in MASTER]
    return tuple(files)


def make_inbox(
    directory: Path, files: tuple[tuple[str, bytes], ...], half: int | None = None
) -> Path:
    """The files in ``directory`` (``half`` 0 or 1: the employees with an even or odd
    number only)."""
    directory.mkdir(parents=True)
    for name, data in files:
        if half is not None and name in MASTER:
            continue
        if half is not None:
            match = re.search(rb"<IdWrknmr>EXT-(\d+)", data)
            number = int(match.group(1)) if match else 0
            if number % 2 != half:
                continue
        (directory / name).write_bytes(data)
    return directory


# --------------------------------------------------------------------------- running


def command(inbox: Path, store: Path, out: Path, *more: str) -> list[str]:
    code = "import sys; from sivi_verzuim.cli import main; sys.exit(main(sys.argv[1:]))"
    return [
        sys.executable, "-c", code, "process", str(inbox), "--store", str(store),
        "--out", str(out), "--json", *more,
    ]  # fmt: skip


def finish(inbox: Path, store: Path, out: Path, *more: str) -> tuple[int, float]:
    t = time.perf_counter()
    proc = subprocess.run(
        command(inbox, store, out, *more), capture_output=True, timeout=600, check=False
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.returncode, time.perf_counter() - t


def outcome(out: Path, store: Path) -> dict[str, Any]:
    """What a run leaves: the state, the answers (without their creation time), the report,
    and how many answers the store made."""
    with SqliteStore(store, readonly=True) as s:
        state = s.export()
        db = s._conn()
        made = db.execute("SELECT count(*), count(DISTINCT name) FROM answers").fetchone()
        unwritten = db.execute("SELECT count(*) FROM answers WHERE written = 0").fetchone()[0]
    answers = {
        p.name: _FIRST.sub("first processed at T", _STAMP.sub(b"", p.read_bytes()).decode())
        for p in sorted(out.glob("RM-*.xml"))
    }
    reports = {
        name: _FIRST.sub("first processed at T", (out / name).read_text(encoding="utf-8"))
        for name in ("report.txt", "report.json")
    }
    leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    return {
        "state": state,
        "answers": answers,
        "reports": reports,
        "made": made,
        "unwritten": unwritten,
        "leftovers": leftovers,
    }


def committed(store: Path) -> int:
    """How many files the store has recorded (0 when it does not exist yet)."""
    if not store.exists():
        return 0
    try:
        with SqliteStore(store, readonly=True) as s:
            return int(s._conn().execute("SELECT count(*) FROM deliveries").fetchone()[0])
    except Exception:
        return -1


def finished(store: Path) -> bool:
    """Whether the last run on the store got to its end."""
    if not store.exists():
        return False
    with SqliteStore(store, readonly=True) as s:
        last, done = s.run_state()
    return last > 0 and done


def archived(archive: Path) -> list[str]:
    return sorted(str(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- kill and rerun


@pytest.mark.parametrize("archive", [False, True], ids=["in-place", "archive"])
def test_killed_runs_then_a_rerun_equal_one_uninterrupted_run(
    tmp_path: Path, archive: bool
) -> None:
    files = build_inbox(KILL_MESSAGES)
    here = tmp_path / "run"  # every run at the same place: findings name their files
    inbox, store, out = here / "inbox", here / "chain.db", here / "out"
    more = ("--archive", str(here / "archive")) if archive else ()
    make_inbox(inbox, files)
    code, seconds = finish(inbox, store, out, *more)
    expected = outcome(out, store)
    assert code == 1  # rejected messages in the inbox
    assert expected["made"][0] == expected["made"][1] == len(expected["answers"])
    assert expected["unwritten"] == 0 and expected["leftovers"] == []
    expected_archive = archived(here / "archive") if archive else None
    shutil.rmtree(here)
    rng = random.Random(11)
    hits = []
    for trial in range(KILL_TRIALS):
        make_inbox(inbox, files)
        for _ in range(rng.randint(1, 3)):
            proc = subprocess.Popen(
                command(inbox, store, out, *more),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.0, seconds))
            proc.send_signal(signal.SIGKILL)
            proc.wait(60)
            hits.append((proc.returncode, committed(store)))
        completed = finished(store)  # the last run got to its end before the signal
        rerun, _ = finish(inbox, store, out, *more)
        # after a completed run an archived inbox holds nothing to do (exit 0)
        assert rerun == (0 if archive and completed else code)
        got = outcome(out, store)
        assert got["state"] == expected["state"], trial
        assert got["answers"] == expected["answers"], trial
        assert got["reports"] == expected["reports"], trial
        assert got["made"] == expected["made"], trial  # every message answered once
        assert got["unwritten"] == 0 and got["leftovers"] == [], trial
        if archive:
            assert archived(here / "archive") == expected_archive
            assert sorted(p.name for p in inbox.iterdir()) == ["VZ-not-sivi.xml"]
        shutil.rmtree(here)
    # how far the killed runs got (files recorded when killed): shown with -s
    print(f"\nkilled {len(hits)} run(s) of {len(files)} files: (exit, recorded) {hits}")


# --------------------------------------------------------------------------- two at once


def test_two_runs_at_once_on_one_store_equal_a_serial_run(tmp_path: Path) -> None:
    files = build_inbox(CONCURRENT_MESSAGES, seed=3)
    here = tmp_path / "run"  # every run at the same place: findings name their files
    a, b, same = here / "a", here / "b", here / "same"
    store, out = here / "chain.db", here / "out"

    def inboxes() -> None:
        make_inbox(a, files, half=0)
        make_inbox(b, files, half=1)
        make_inbox(same, files)

    inboxes()
    finish(a, store, out)
    finish(b, store, out)
    halves = outcome(out, store)
    shutil.rmtree(here)
    inboxes()
    finish(same, store, out)
    whole = outcome(out, store)
    shutil.rmtree(here)
    for _ in range(CONCURRENT_TRIALS):
        # two halves (two inboxes) at once
        inboxes()
        procs = [
            subprocess.Popen(command(x, store, out, "--wait", "300"), stdout=subprocess.DEVNULL)
            for x in (a, b)
        ]
        assert all(p.wait(600) in (0, 1) for p in procs)
        got = outcome(out, store)
        assert got["state"] == halves["state"]
        assert got["answers"] == halves["answers"]
        assert got["made"] == halves["made"] and got["unwritten"] == 0
        shutil.rmtree(here)
        # the same inbox twice at once (a scheduler that started twice)
        inboxes()
        outputs = [here / f"stdout-{i}.json" for i in range(2)]
        handles = [open(o, "wb") for o in outputs]  # noqa: SIM115 (closed below)
        try:
            procs = [
                subprocess.Popen(command(same, store, out, "--wait", "300"), stdout=h)
                for h in handles
            ]
            assert all(p.wait(600) in (0, 1) for p in procs)
        finally:
            for h in handles:
                h.close()
        reports = [json.loads(o.read_text(encoding="utf-8")) for o in outputs]
        assert reports[0] == reports[1]  # the second run reports what the first did
        got = outcome(out, store)
        assert got["state"] == whole["state"]
        assert got["answers"] == whole["answers"]
        assert got["reports"] == whole["reports"]
        assert got["made"] == whole["made"] and got["unwritten"] == 0
        shutil.rmtree(here)
