"""``process --jobs N``: files are read in worker processes, the chain runs in order in this
one, workers make the answers (this process flushes and renames them into place) and format
the JSON report, and everything a run leaves is the same as with ``--jobs 1``: the report
(text and JSON), every answer's bytes,
the notes, the state file or the store's state, the exit code. Also: a file that kills its
worker is that file's internal error, a batch of answers whose worker dies is answered by
this process, and workers do not outlive a killed run (they would hold its lock)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import _answers, _cli_process, _cli_process_read, _cli_state, _parallel, cli
from sivi_verzuim.chain import SqliteStore

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
INBOX = EXAMPLES / "inbox" / "2024"
BASELINE = EXAMPLES / "baseline"
POISON = REPO / "tests" / "poison"
KILLER = "VZ-zz-kills-its-worker.xml"
_FIRST = re.compile(r"first processed at [0-9T:+\-]+")
_NOW = dt.datetime(2024, 10, 1, 12, 0, 0)


def _fill(root: Path) -> Path:
    """Master data and Verzuimmeldingen (accepted, pending, rejected, consequential), invalid
    and malformed ones, every poison file, other SIVI messages, a re-delivered copy, entries
    that cannot be read: well over ``MIN_ITEMS``, every name picked by the default filters."""
    root.mkdir()
    for source in sorted(INBOX.glob("*.xml")):
        shutil.copy(source, root / source.name)
    for i, source in enumerate(sorted(INBOX.glob("VZ-*.xml"))[:6]):
        text = source.read_text(encoding="utf-8")
        (root / f"VZ-invalid-{i}.xml").write_text(
            text.replace("<EndVrzmJN>", "<EndVrzmJN>X", 1), encoding="utf-8"
        )
        (root / f"VZ-cut-{i}.xml").write_bytes(source.read_bytes()[: 300 + 150 * i])
    first = sorted(INBOX.glob("VZ-*.xml"))[0]
    shutil.copy(first, root / f"VZ-copy-{first.name[3:]}")
    for source in sorted(POISON.glob("*.xml")):
        shutil.copy(source, root / f"VZ-poison-{source.name}")
    for source in sorted((EXAMPLES / "2024").glob("*.xml")):
        shutil.copy(source, root / f"VZ-other-{source.name}")
    (root / "VZ-not-sivi.xml").write_bytes(b"<?xml version='1.0'?><Other/>")
    (root / "VZ-dangling.xml").symlink_to("nowhere.xml")
    (root / "VZ-folder.xml").mkdir()
    os.mkfifo(root / "VZ-fifo.xml")
    assert len(list(root.iterdir())) > 2 * _parallel.MIN_ITEMS
    return root


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fill(tmp_path_factory.mktemp("jobs") / "inbox")


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the chunks handed to worker processes; and one clock for every run."""
    submitted: list[int] = []
    real = _parallel._Pool.submit

    def counting(self: _parallel._Pool[object, object], chunk: object) -> object:
        submitted.append(1)
        return real(self, chunk)  # type: ignore[arg-type]

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:
            return cls.fromtimestamp(_NOW.timestamp(), tz)

    frozen = types.SimpleNamespace(**{**vars(dt), "datetime": Clock})
    monkeypatch.setattr(_parallel._Pool, "submit", counting)
    monkeypatch.setattr(_cli_process, "dt", frozen)
    monkeypatch.setattr(_cli_state, "dt", frozen)
    yield submitted


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    captured = capsys.readouterr()
    return code, out.getvalue() + captured.out, captured.err


def left(out: Path) -> dict[str, bytes]:
    """Every file in ``out`` (the answers, report.txt, report.json), byte for byte but for
    the time a store first processed a message."""
    return {
        p.name: _FIRST.sub("first processed at T", p.read_text(encoding="utf-8")).encode()
        for p in sorted(out.iterdir())
    }


def test_process_jobs_gives_the_same_run_as_one_job(
    inbox: Path, tmp_path: Path, pools: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = []
    for jobs in ("1", "2"):
        out, state = tmp_path / f"out-{jobs}", tmp_path / f"state-{jobs}.json"
        code, text, err = run(
            capsys,
            *("process", str(inbox), "--baseline", str(BASELINE), "--out", str(out)),
            *("--state", str(state), "--events", "--classify", "--jobs", jobs),
        )
        assert bool(pools) == (jobs == "2"), "two jobs on this many files use workers"
        outcomes.append((code, text, err, left(out), state.read_bytes()))
    assert outcomes[0] == outcomes[1]
    code, text, _, files, _ = outcomes[0]
    assert code == 1
    report = json.loads(files["report.json"])
    assert len(report) == len(list(inbox.iterdir()))
    statuses = {e["status"] for e in report}
    assert {"accepted", "rejected", "unreadable", "skipped"} <= statuses
    codes = {f["code"] for e in report for m in e["mutations"] for f in m["findings"]}
    assert {"io.unreadable", "xml.malformed"} <= codes
    assert any(c.startswith("xml.unsafe.") for c in codes)
    assert any(e["file"].endswith("WN-20240902-0302-werknemers.xml") for e in report)
    answered = [n for n in files if n.startswith("RM-")]
    assert len(answered) > len(list(INBOX.glob("*.xml")))
    # personal data masked: the citizen service numbers of the example messages
    for bsn in ("111222344", "111222355", "111222366"):
        assert all(bsn.encode() not in data for data in files.values()) and bsn not in text


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_answers_made_and_written_by_workers_are_those_of_one_job(
    inbox: Path,
    tmp_path: Path,
    pools: list[int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With ``--jobs 2`` the answers are made and written to temporary files by worker
    processes, a batch each, and flushed and renamed into place by this process alone: the
    same files, the same notes (an answer that cannot be written is one, in the same place)
    as when this process writes them all."""
    monkeypatch.setattr(_answers, "_BATCH", 5)  # many batches: spread over the workers
    writers = tmp_path / "writers"
    committers = tmp_path / "committers"
    stage, commit = _answers.stage_files, _answers.commit_files

    def staged(directory: Path, files: list[tuple[str, bytes]], owner: Any = None) -> Any:
        with writers.open("a") as f:  # the workers, forked, inherit the patch
            f.write(f"{os.getpid()}\n")
        return stage(directory, files, owner)

    def committed(directory: Path, done: Any, failed: Any, **kw: Any) -> Any:
        with committers.open("a") as f:
            f.write(f"{os.getpid()} {len(done)}\n")
        return commit(directory, done, failed, **kw)

    monkeypatch.setattr(_answers, "stage_files", staged)
    monkeypatch.setattr(_answers, "commit_files", committed)
    outcomes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        out.mkdir()
        # two answers that cannot be written (a directory in their place), far apart
        names = sorted(f"RM-{p.stem}.xml" for p in inbox.glob("VZ-2024*.xml"))
        for name in (names[0], names[-1]):
            (out / name).mkdir()
        writers.unlink(missing_ok=True)
        committers.unlink(missing_ok=True)
        code, text, err = run(
            capsys,
            *("process", str(inbox), "--baseline", str(BASELINE), "--out", str(out)),
            *("--classify", "--jobs", jobs),
        )
        pids = set(writers.read_text().split())
        assert (pids == {str(os.getpid())}) == (jobs == "1")
        # one flush and rename of every answer, by this process
        ((pid, count),) = [line.split() for line in committers.read_text().splitlines()]
        files = {n: d.replace(str(out).encode(), b"OUT") for n, d in _files(out).items()}
        # (the two in the way of a directory were staged too: their rename fails)
        assert pid == str(os.getpid())
        assert int(count) == sum(n.startswith("RM-") for n in files) + 2
        outcomes.append((code, text.replace(str(out), "OUT"), err, files))
        # --json prints the JSON report the workers formatted, as written to report.json
        again = tmp_path / f"json-{jobs}"
        _, printed, _ = run(capsys, "process", str(inbox), "--out", str(again), "--json")
        assert printed == (again / "report.json").read_text(encoding="utf-8")
        assert json.loads(printed)
    assert outcomes[0] == outcomes[1]
    code, text, _, files = outcomes[0]
    assert code == 1
    unwritten = [line for line in text.splitlines() if line.startswith("note: cannot write")]
    assert len(unwritten) == 2 and names[0] in unwritten[0] and names[-1] in unwritten[1]
    assert sum(n.startswith("RM-") for n in files) > 10 * 5
    assert not [n for n in files if n.startswith(_answers.TEMP_PREFIX)]  # none left behind


def test_a_batch_of_answers_whose_worker_dies_is_answered_in_this_process(
    inbox: Path,
    tmp_path: Path,
    pools: list[int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_answers, "_BATCH", 5)
    real = _answers.answer_bytes
    parent = os.getpid()

    def dies(result: Any, **kw: Any) -> bytes:
        if os.getpid() != parent and (result.file or "").endswith("0201-ziekmelding.xml"):
            os._exit(3)  # the worker ends while answering this batch
        return real(result, **kw)

    monkeypatch.setattr(_answers, "answer_bytes", dies)
    outcomes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        code, text, err = run(capsys, "process", str(inbox), "--out", str(out), "--jobs", jobs)
        outcomes.append((code, text, err, _files(out)))
    assert outcomes[0] == outcomes[1]
    assert "RM-VZ-20240902-0201-ziekmelding.xml" in outcomes[0][3]


def _export(store: Path) -> dict[str, Any]:
    with SqliteStore(store, readonly=True) as s:
        data: dict[str, Any] = s.export()
    return data


def test_process_jobs_with_a_store_gives_the_same_run_as_one_job(
    inbox: Path, tmp_path: Path, pools: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = []
    for jobs in ("1", "2"):
        out, store = tmp_path / f"out-{jobs}", tmp_path / f"chain-{jobs}.db"
        first = run(
            capsys,
            *("process", str(inbox), "--baseline", str(BASELINE), "--out", str(out)),
            *("--store", str(store), "--json", "--jobs", jobs),
        )
        # a rerun: every file the store has is seen again, not taken up again
        again = run(capsys, "process", str(inbox), "--store", str(store), "--jobs", jobs)
        first = (first[0], _FIRST.sub("T", first[1]), first[2])
        again = (again[0], _FIRST.sub("T", again[1]), again[2])
        outcomes.append((first, again, left(out), _export(store)))
    assert pools
    assert outcomes[0] == outcomes[1]
    (code, text, _), (code_again, _, _), files, state = outcomes[0]
    assert code == code_again == 1
    assert len(json.loads(text)) == len(list(inbox.iterdir()))
    assert state["cases"]
    assert any(n.startswith("RM-VZ-cut-") for n in files)


def test_a_file_that_kills_its_worker_is_its_own_internal_error(
    inbox: Path,
    tmp_path: Path,
    pools: list[int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox2 = tmp_path / "inbox"
    shutil.copytree(inbox, inbox2, symlinks=True, ignore=shutil.ignore_patterns("VZ-fifo.xml"))
    killer = inbox2 / KILLER
    shutil.copy(INBOX / "VZ-20240902-0201-ziekmelding.xml", killer)
    expected = run(capsys, "process", str(inbox2), "--out", str(tmp_path / "one"), "--jobs", "1")
    real = _cli_process_read.parse

    def kills(data: bytes, **kw: Any) -> Any:
        if b"VZ-2024-0201" in data and os.getpid() != parent:
            os._exit(3)  # the worker process ends on this file (workers inherit the patch)
        return real(data, **kw)

    parent = os.getpid()
    monkeypatch.setattr(_cli_process_read, "parse", kills)
    out = tmp_path / "two"
    code, text, _ = run(capsys, "process", str(inbox2), "--out", str(out), "--json", "--jobs", "2")
    assert pools and code == 1
    report = {Path(e["file"]).name: e for e in json.loads(text)}
    assert len(report) == len(list(inbox2.iterdir()))
    died = "internal error while reading the file (the worker process ended on this item)"
    for name in (
        KILLER,
        "VZ-20240902-0201-ziekmelding.xml",
        "VZ-copy-20240902-0201-ziekmelding.xml",
    ):
        entry = report[name]
        assert entry["status"] == "unreadable"
        assert entry["mutations"][0]["findings"][0]["message"].startswith(died)
        assert entry["reference"] == "VZ-2024-0201"  # its header is read: it is answered
    assert (out / f"RM-{Path(KILLER).stem}.xml").exists()
    # every other file has its result of a run in one process (but those that waited for
    # the lost ones)
    alone = {
        Path(e["file"]).name: e["status"]
        for e in json.loads((tmp_path / "one" / "report.json").read_text(encoding="utf-8"))
    }
    assert expected[0] == 1
    same = [n for n in alone if report[n]["status"] == alone[n]]
    assert len(same) >= len(alone) - 12


def test_workers_end_with_a_killed_run(tmp_path: Path, inbox: Path) -> None:
    """A run killed while its workers read: the workers end too, so that the store's lock
    is free for the next run at once."""
    big = tmp_path / "big"
    big.mkdir()
    sources = sorted(INBOX.glob("VZ-*.xml"))
    for i in range(400):
        shutil.copy(sources[i % len(sources)], big / f"VZ-{i:04d}.xml")
    store = tmp_path / "chain.db"
    code = "import sys; from sivi_verzuim.cli import main; sys.exit(main(sys.argv[1:]))"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    argv = [sys.executable, "-c", code, "process", str(big), "--store", str(store), "--jobs", "2"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 60
    while not children and time.monotonic() < deadline and proc.poll() is None:
        children = _children(proc.pid)
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(60)
    if not children:
        pytest.skip("the run ended before its workers could be seen")
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(_alive(pid) for pid in children)
    rerun = subprocess.run([*argv[:-2], "--jobs", "1"], env=env, capture_output=True, check=False)
    assert rerun.returncode in (0, 1), rerun.stderr.decode()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_models_made_by_the_workers_give_what_the_validator_makes_itself(
    inbox: Path,
    tmp_path: Path,
    pools: list[int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The workers map each valid master-data message to its model, and give each valid
    Verzuimmeldingen as the bound message (which the validator reads directly); the
    validator given their models, or every message as parsed (as before there were
    workers), gives the same run, in every release of the master-data messages too."""

    class Modelled(_cli_process_read.Reader):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **{**kw, "bound": False})

    outcomes = []
    for given in ("bound", "model", "message"):
        if given == "model":  # the Verzuimmeldingen mapped to their models too
            monkeypatch.setattr(_cli_state, "Reader", Modelled)
        if given == "message":
            # no models made (the workers, forked, inherit the patch): the messages go whole
            monkeypatch.setattr(_cli_process_read, "_model", lambda message: None)
        out, store = tmp_path / f"out-{given}", tmp_path / f"chain-{given}.db"
        code, text, err = run(
            capsys,
            *("process", str(inbox), "--baseline", str(BASELINE), "--out", str(out)),
            *("--store", str(store), "--events", "--jobs", "2"),
        )
        outcomes.append((code, _FIRST.sub("T", text), err, left(out), _export(store)))
    assert outcomes[0] == outcomes[1] == outcomes[2]
    files = outcomes[0][3]
    releases = {
        m.group(1) for data in files.values() for m in re.finditer(rb"Retourmelding1/(\d{4})", data)
    }
    assert len(releases) > 1  # answers in the release of each message
