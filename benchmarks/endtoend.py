"""The end-to-end goal rows of ``run.py``: the command line, ``process``, the chain on parsed
messages and the cold start.

Every row measures ours and its reference in the same run, alternating them round by round
(the order flips every round), and reports medians; the ratio is the median of the ratios of
the same round. The commands run in fresh processes that import the same ``sivi_verzuim`` as
the benchmark (its directory comes first on ``PYTHONPATH``).
"""

from __future__ import annotations

import atexit
import functools
import gc
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from goals import Goal, GoalRow, judged, paired_median, unavailable

import sivi_verzuim
from sivi_verzuim import Message, MessageType, Release
from sivi_verzuim.chain import ChainValidator, Status
from sivi_verzuim.releases import binding_module

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"

CLI_VALIDATE = "CLI validate / API loop"
PROCESS_JOBS = "process --jobs 2 / --jobs 1"
CHAIN_MESSAGE = "ChainValidator.process(Message)"
COLD_START = "import + first parse / xsdata's"

GOAL_CLI = Goal("<=", 1.3)
GOAL_JOBS = Goal(">=", 1.7)
GOAL_CHAIN_MESSAGE = Goal(">=", 50_000, on="ours", unit="msgs/s")
GOAL_COLD = Goal("<=", 1.5)

Log = Callable[[str], None]

WARM_FILES = 20  # the directory a command first runs on, untimed: bytecode, caches

_CLI = "import sys; from sivi_verzuim.cli import main; sys.exit(main())"

_API_LOOP = """\
import sys
from pathlib import Path
import sivi_verzuim
for path in sorted(Path(sys.argv[1]).glob("*.xml")):
    if not sivi_verzuim.parse(path).valid:
        raise SystemExit(f"{path.name}: not valid")
"""

_COLD_OURS = """\
import sys, time
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
import sivi_verzuim
sivi_verzuim.parse(data)
print(time.perf_counter() - start, len(sys.modules))
"""

_COLD_XSDATA = """\
import sys, time
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
import importlib.util
from xsdata.formats.dataclass.parsers import XmlParser
spec = importlib.util.spec_from_file_location("bindings", sys.argv[2])
module = importlib.util.module_from_spec(spec)
sys.modules["bindings"] = module
spec.loader.exec_module(module)
XmlParser().from_bytes(data, getattr(module, sys.argv[3]))
print(time.perf_counter() - start, len(sys.modules))
"""


class Failed(Exception):
    """A command of a row did not do what the row needs (its text says why)."""


@functools.cache
def _bytecode_cache() -> str:
    """A bytecode cache of the benchmark's own, removed when the benchmark ends."""
    directory = tempfile.mkdtemp(prefix="sivi-bench-bytecode-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    return directory


def environment() -> dict[str, str]:
    """The environment of the child processes: this ``sivi_verzuim`` first on the path, and
    bytecode written and read as an installed package has it: the untimed warm runs write
    it (into a cache of the benchmark's own, also when the environment says not to write it
    beside the sources), so that no timed command compiles a library afresh."""
    package = Path(sivi_verzuim.__file__).resolve().parent.parent
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(package), os.environ.get("PYTHONPATH", "")) if p
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _bytecode_cache()
    return env


def cli(*args: str) -> list[str]:
    """The ``sivi-verzuim`` command line with *args*, as the installed script runs it."""
    return [sys.executable, "-c", _CLI, *args]


def timed(command: Sequence[str], *, ok: Sequence[int] = (0,)) -> tuple[float, str]:
    """Run *command* in a fresh process: (seconds from start to exit, its stdout)."""
    start = time.perf_counter()
    done = subprocess.run(command, env=environment(), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in ok:
        tail = (done.stderr.strip().splitlines() or [""])[-1][:200]
        raise Failed(f"exit status {done.returncode}: {tail}")
    return seconds, done.stdout


def rounds_of(
    rounds: int, ours: Callable[[], float], reference: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """*rounds* of both, alternating which goes first; (ours, reference) figures."""
    mine: list[float] = []
    theirs: list[float] = []
    for r in range(rounds):
        if r % 2 == 0:
            mine.append(ours())
            theirs.append(reference())
        else:
            theirs.append(reference())
            mine.append(ours())
    return mine, theirs


def write_inbox(folder: Path, messages: Sequence[bytes]) -> Path:
    """*folder* with the messages as ``VZ-000000.xml``, ``VZ-000001.xml``, ..."""
    folder.mkdir()
    for i, data in enumerate(messages):
        (folder / f"VZ-{i:06d}.xml").write_bytes(data)
    return folder


def example_files() -> list[Path]:
    """Every shipped example message (``examples/<year>/*.xml``)."""
    return sorted(EXAMPLES.glob("[0-9]*/*.xml"))


# --------------------------------------------------------------------------- validate


def cli_validate_row(directory: Path, messages: Sequence[bytes], rounds: int, log: Log) -> GoalRow:
    """``sivi-verzuim validate DIR`` against ``parse(path)`` for every file in one process."""
    files = len(messages)
    folder = write_inbox(directory / "validate", messages)
    warm = write_inbox(directory / "validate-warm", messages[:WARM_FILES])
    log(f"CLI validate vs an API loop: {files:,} files, {rounds} round(s) ...")
    command = cli("validate", str(folder))
    loop = [sys.executable, "-c", _API_LOOP, str(folder)]
    try:
        timed(cli("validate", str(warm)))  # warm: bytecode
        timed([sys.executable, "-c", _API_LOOP, str(warm)])
        mine, theirs = rounds_of(rounds, lambda: timed(command)[0], lambda: timed(loop)[0])
    except Failed as exc:
        return unavailable(CLI_VALIDATE, GOAL_CLI, f"not measured: {exc}", "s")
    return judged(
        CLI_VALIDATE,
        GOAL_CLI,
        ours=statistics.median(mine),
        reference=statistics.median(theirs),
        unit="s",
        ratio=paired_median(mine, theirs),
        notes=(
            f"{files:,} one-mutation Verzuimmeldingen 2024 (the messages of the process row); "
            "ours: `sivi-verzuim validate DIR` (default options), reference: `parse(path)` for "
            f"each file in one process; both fresh processes, wall time; median of {rounds}",
        ),
    )


# --------------------------------------------------------------------------- process


def _store_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("store_benchmark", HERE / "store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inbox_messages(count: int) -> list[bytes]:
    """*count* one-mutation Verzuimmeldingen 2024 that the chain accepts in this order (the
    messages of ``chain.py``: employees taking turns through cases of three reports)."""
    store = _store_benchmark()
    return [
        sivi_verzuim.serialize(
            sivi_verzuim.from_model(store._file(i, step), Release.R2024), validate=False
        )
        for i, step in enumerate(store.CB.plan(count))
    ]


def has_jobs_option() -> bool:
    """Whether the installed ``sivi-verzuim process`` takes ``--jobs``."""
    try:
        _, text = timed(cli("process", "--help"))
    except Failed:
        return False
    return "--jobs" in text


def process_row(directory: Path, messages: Sequence[bytes], rounds: int, log: Log) -> GoalRow:
    """``sivi-verzuim process INBOX --out OUT`` with ``--jobs 2`` against ``--jobs 1``."""
    files = len(messages)
    if not has_jobs_option():
        return unavailable(
            PROCESS_JOBS,
            GOAL_JOBS,
            "not available: the installed `sivi-verzuim process` has no --jobs option",
            "files/s",
        )
    inbox = write_inbox(directory / "inbox", messages)
    warm = write_inbox(directory / "inbox-warm", messages[:WARM_FILES])
    log(f"process --jobs 2 vs --jobs 1: {files:,} files, {rounds} round(s) ...")
    runs = 0
    reports: dict[str, bytes] = {}

    def run(jobs: str, source: Path = inbox) -> float:
        nonlocal runs
        runs += 1
        out = directory / f"out-{runs}"
        seconds, _ = timed(cli("process", str(source), "--out", str(out), "--jobs", jobs))
        report = out / "report.json"
        if source == inbox and jobs not in reports and report.exists():
            reports[jobs] = report.read_bytes()
        # the outputs stay until the row is done: files deleted just before a run make the
        # file system's inode allocation slower for the files that run creates (ext4 skips
        # recently freed inodes one by one), a cost of the benchmark's cleanup, not of the
        # command measured
        return seconds

    try:
        run("1", warm)  # warm: bytecode
        run("2", warm)
        one, two = rounds_of(rounds, lambda: run("1"), lambda: run("2"))
    except Failed as exc:
        return unavailable(PROCESS_JOBS, GOAL_JOBS, f"not measured: {exc}", "files/s")
    notes = [
        f"{files:,} one-mutation Verzuimmeldingen 2024, every one accepted; files/s of "
        f"`sivi-verzuim process INBOX --out DIR --jobs N`, a fresh process (from bytecode); "
        f"median of {rounds} ({os.cpu_count()} CPUs)"
    ]
    if len(reports) == 2 and reports["1"] != reports["2"]:
        notes.append("note: report.json of --jobs 2 differs from that of --jobs 1")
    return judged(
        PROCESS_JOBS,
        GOAL_JOBS,
        ours=files / statistics.median(two),
        reference=files / statistics.median(one),
        unit="files/s",
        ratio=paired_median(one, two),  # time(--jobs 1) / time(--jobs 2) = rate ratio
        notes=notes,
    )


# --------------------------------------------------------------------------- chain


def chain_message_row(messages: Sequence[bytes], rounds: int, log: Log) -> GoalRow:
    """``ChainValidator().process(message)`` on parsed messages against the same on their
    domain models (mapped beforehand, not timed)."""
    parsed = [sivi_verzuim.parse(data) for data in messages]
    models = [sivi_verzuim.to_model(m) for m in parsed]
    log(f"ChainValidator.process(Message): {len(parsed):,} messages, {rounds} round(s) ...")
    not_accepted = 0

    def run(items: Sequence[Any]) -> float:
        nonlocal not_accepted
        validator = ChainValidator()
        process = validator.process
        accepted = Status.ACCEPTED
        gc.collect()
        start = time.perf_counter()
        for item in items:
            if process(item).status is not accepted:
                not_accepted += 1
        return time.perf_counter() - start

    run(parsed[:100])  # warm
    run(models[:100])
    mine, theirs = rounds_of(rounds, lambda: run(parsed), lambda: run(models))
    n = len(parsed)
    notes = [
        f"{n:,} one-mutation Verzuimmeldingen 2024 parsed beforehand, a fresh validator per "
        f"run, collector on; reference: the same on their domain models (msgs/s); median of "
        f"{rounds}; the goal is the absolute rate"
    ]
    if not_accepted:
        notes.append(f"note: {not_accepted} results were not ACCEPTED")
    return judged(
        CHAIN_MESSAGE,
        GOAL_CHAIN_MESSAGE,
        ours=n / statistics.median(mine),
        reference=n / statistics.median(theirs),
        unit="msgs/s",
        ratio=paired_median(theirs, mine),  # rate ratio = time(model) / time(Message)
        notes=notes,
    )


# --------------------------------------------------------------------------- cold start


def cold_start_row(sample: Path, runs: int, log: Log) -> GoalRow:
    """A fresh process: ``import sivi_verzuim`` + the first ``parse``, against xsdata's import,
    the generated binding module and the first ``XmlParser().from_bytes``, timed inside."""
    message: Message = sivi_verzuim.parse(sample)
    mt: MessageType = message.message_type
    module = binding_module(mt, message.release)
    log(f"cold start: {runs} fresh process(es) each ...")
    ours_cmd = [sys.executable, "-c", _COLD_OURS, str(sample)]
    theirs_cmd = [
        sys.executable,
        "-c",
        _COLD_XSDATA,
        str(sample),
        str(module.__file__),
        mt.root,
    ]
    modules: dict[str, int] = {}

    def run(command: list[str], key: str) -> float:
        _, text = timed(command)
        seconds, loaded = text.split()
        modules[key] = int(loaded)
        return float(seconds)

    try:
        run(ours_cmd, "ours")  # warm: bytecode, the file cache
        run(theirs_cmd, "xsdata")
        mine, theirs = rounds_of(
            runs, lambda: run(ours_cmd, "ours"), lambda: run(theirs_cmd, "xsdata")
        )
    except (Failed, ValueError) as exc:
        return unavailable(COLD_START, GOAL_COLD, f"not measured: {exc}", "s")
    return judged(
        COLD_START,
        GOAL_COLD,
        ours=statistics.median(mine),
        reference=statistics.median(theirs),
        unit="s",
        ratio=paired_median(mine, theirs),
        notes=(
            f"{sample.relative_to(ROOT)}: time inside a fresh process from before the first "
            "import to the end of the first call; reference: xsdata's parser, the generated "
            f"module of the message ({Path(str(module.__file__)).name}) loaded on its own, "
            f"`XmlParser().from_bytes`; median of {runs}; modules loaded: "
            f"{modules.get('ours', 0)} vs {modules.get('xsdata', 0)}",
        ),
    )
