"""The benchmarks run and judge every goal row (a smoke run at tiny sizes).

Only the shape of the output is checked: every goal row is printed with PASS or FAIL and the
exit status says whether one FAILed. The verdicts themselves depend on the machine and are
not asserted here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"

DOCUMENTS = ("examples", "held-out", "synthetic")
THROUGHPUT_ROWS = (
    "parse / xsdata from_bytes",
    "parse+to_model / xsdata from_bytes",
    "parse+to_model / lxml+XSD",
    "serialize / xsdata render",
)
RUN_ROWS = (
    *(f"{row} [{doc}]" for doc in DOCUMENTS for row in THROUGHPUT_ROWS),
    "CLI validate / API loop",
    "process --jobs 2 / --jobs 1",
    "ChainValidator.process(Message)",
    "import + first parse / xsdata's",
)
CHAIN_ROWS = (
    "chain rate at the large size, collector on",
    "chain linearity large/small / floor's",
    "chain linearity large/medium",
)


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def verdicts(stdout: str, names: tuple[str, ...]) -> dict[str, str]:
    """The verdict of every goal row printed: the last word of the line the row starts."""
    found: dict[str, str] = {}
    for line in stdout.splitlines():
        for name in names:
            if line.startswith(name + " "):
                match = re.search(r"\s(PASS|FAIL)$", line)
                assert match, f"no verdict at the end of the row: {line!r}"
                found[name] = match.group(1)
    return found


def check(done: subprocess.CompletedProcess[str], names: tuple[str, ...]) -> None:
    assert done.returncode in (0, 1), done.stderr[-2000:]
    found = verdicts(done.stdout, names)
    assert sorted(found) == sorted(names), done.stdout[-3000:]
    failed = sum(1 for v in found.values() if v == "FAIL")
    assert done.returncode == (1 if failed else 0)
    summary = f"FAIL: {failed} of {len(names)} goal rows" if failed else "PASS: all"
    assert summary in done.stdout


def test_run_prints_every_goal_row_with_a_verdict() -> None:
    done = run_script(
        "run.py",
        "--quick",
        "--no-tolerant",
        "--employees",
        "2",
        "--repeats",
        "1",
        "--batch-seconds",
        "0.001",
        "--cli-files",
        "6",
        "--process-files",
        "9",
        "--cold-runs",
        "1",
    )
    check(done, RUN_ROWS)


def test_chain_prints_every_goal_row_with_a_verdict_and_json() -> None:
    done = run_script("chain.py", "--small", "300", "--large", "3000", "--memory", "0")
    check(done, CHAIN_ROWS)
    as_json = run_script("chain.py", "--small", "300", "--large", "3000", "--memory", "0", "--json")
    assert as_json.returncode in (0, 1), as_json.stderr[-2000:]
    report = json.loads(as_json.stdout)
    assert [g["name"] for g in report["goals"]] == list(CHAIN_ROWS)
    assert {g["verdict"] for g in report["goals"]} <= {"PASS", "FAIL"}
    assert as_json.returncode == (1 if report["verdict"] == "FAIL" else 0)
