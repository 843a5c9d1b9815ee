"""How ``process`` writes its answers and runs: every answer is written to a temporary file
(by a worker process with ``--jobs``), all of them are flushed at once and then renamed
into place by this process, so that an answer is under its name complete and on disk, or
not at all; a temporary file that cannot be written is a note, the same with one job or
two; and the cyclic garbage collector is off while a run goes on, in this process and in
its workers, and on again when it ends."""

from __future__ import annotations

import gc
import io
import os
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import _answers, _cli_process_read, cli

REPO = Path(__file__).resolve().parents[1]
INBOX = REPO / "examples" / "inbox" / "2024"


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_write_files_puts_every_file_under_its_name_and_reports_the_rest_in_order(
    tmp_path: Path,
) -> None:
    files = [(f"RM-{i}.xml", f"<a>{i}</a>".encode()) for i in range(7)]
    (tmp_path / "RM-5.xml").mkdir()  # in the way: its rename fails
    (tmp_path / "RM-2.xml").mkdir()
    failed = _answers.write_files(tmp_path, files)
    assert list(failed) == ["RM-2.xml", "RM-5.xml"]  # in the order of the files
    for name, data in files:
        if name not in failed:
            assert (tmp_path / name).read_bytes() == data
    assert not [n for n in _names(tmp_path) if n.startswith(_answers.TEMP_PREFIX)]


def test_nothing_is_under_its_name_before_the_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    real = _answers._flush_all

    def flush(directory: Path, at: int | None = None) -> bool:
        seen.append([n for n in _names(directory) if not n.startswith(_answers.TEMP_PREFIX)])
        return real(directory, at)

    monkeypatch.setattr(_answers, "_flush_all", flush)
    _answers.write_files(tmp_path, [("RM-a.xml", b"a"), ("RM-b.xml", b"b")])
    assert seen == [[]]  # one flush, before any rename
    assert _names(tmp_path) == ["RM-a.xml", "RM-b.xml"]


@pytest.mark.parametrize("syncfs", ["missing", "failing"])
def test_without_a_flush_of_the_file_system_each_file_is_flushed_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syncfs: str
) -> None:
    monkeypatch.setattr(_answers, "_SYNCFS", None if syncfs == "missing" else lambda fd: False)
    flushed: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(fd)
        real(fd)

    monkeypatch.setattr(_answers.os, "fsync", fsync)
    files = [(f"RM-{i}.xml", b"x" * i) for i in range(5)]
    assert _answers.write_files(tmp_path, files, sync_dir=False) == {}
    assert len(flushed) == len(files)
    assert {n: (tmp_path / n).read_bytes() for n, _ in files} == dict(files)


def test_files_staged_by_another_process_are_committed_by_the_owner(tmp_path: Path) -> None:
    owner = os.getpid()
    files = [(f"RM-{i}.xml", f"{i}".encode()) for i in range(4)]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker: stages in the name of this process, renames nothing
        try:
            staged, failed = _answers.stage_files(tmp_path, files, owner)
            os.write(write, "\n".join(str(tmp) for _, tmp in staged).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        temps = f.read().decode().split("\n")
    os.waitpid(pid, 0)
    assert all(Path(t).name.startswith(f"{_answers.TEMP_PREFIX}{owner}-") for t in temps)
    assert not [n for n in _names(tmp_path) if n.startswith("RM-")]  # not yet under a name
    failed: dict[str, OSError] = {}
    staged = [(name, Path(t)) for (name, _), t in zip(files, temps, strict=True)]
    _answers.commit_files(tmp_path, staged, failed)
    assert failed == {}
    assert _names(tmp_path) == [n for n, _ in files]


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


def test_a_temporary_file_that_cannot_be_written_is_a_note_with_one_job_or_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_answers, "_BATCH", 3)  # several batches: several workers
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for source in sorted(INBOX.glob("VZ-*.xml")):
        for k in range(4):  # enough files for worker processes
            (inbox / f"{source.stem}-{k}.xml").write_bytes(source.read_bytes())
    names = sorted(f"RM-{p.stem}.xml" for p in inbox.iterdir())
    outcomes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        out.mkdir()
        # the temporary file of one answer is taken by a directory: it cannot be created
        blocked = out / f"{_answers.TEMP_PREFIX}{os.getpid()}-{names[1]}.tmp"
        blocked.mkdir()
        code, text = _run("process", str(inbox), "--out", str(out), "--jobs", jobs)
        capsys.readouterr()
        blocked.rmdir()
        answers = sorted(n for n in _names(out) if n.startswith("RM-"))
        lines = [line for line in text.replace(str(out), "OUT").splitlines() if "note:" in line]
        outcomes.append((code, answers, lines))
        assert not [n for n in _names(out) if n.startswith(_answers.TEMP_PREFIX)]
    assert outcomes[0] == outcomes[1]
    code, answers, lines = outcomes[0]
    assert answers == [n for n in names if n != names[1]]
    assert lines == [f"note: cannot write OUT/{names[1]}: Is a directory"]
    assert code == 1  # a file that could not be written


_REPORT = "SIVI_TEST_COLLECTOR_REPORT"
_EXAMINE = _cli_process_read.examine


def _examined(*args: Any, **kw: Any) -> Any:
    """``examine``, noting whether the collector is on (top level: workers run it)."""
    with Path(os.environ[_REPORT]).open("a") as f:
        f.write(f"{gc.isenabled()}\n")
    return _EXAMINE(*args, **kw)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_collector_is_off_during_a_run_and_on_again_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    seen: list[bool] = []
    report = tmp_path / "workers"
    real = _cli_process_read.read_all

    def noted(*args: Any, **kw: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kw)

    monkeypatch.setattr(_cli_process_read, "read_all", noted)
    monkeypatch.setattr(_cli_process_read, "examine", _examined)
    monkeypatch.setenv(_REPORT, str(report))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for source in sorted(INBOX.glob("VZ-*.xml")):
        for k in range(5):
            (inbox / f"{source.stem}-{k}.xml").write_bytes(source.read_bytes())
    assert gc.isenabled()
    _run("process", str(inbox), "--out", str(tmp_path / "out"), "--jobs", jobs)
    assert seen == [False]
    assert set(report.read_text().split()) == {"False"}
    assert gc.isenabled()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_processing_order_found_while_reading_is_that_of_order_key(
    tmp_path: Path, jobs: int
) -> None:
    from sivi_verzuim._inbox import order_key

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for source in sorted(INBOX.glob("*.xml")):  # every judged type, several moments
        for k in range(3):  # ties broken by the file name
            (inbox / f"{k}-{source.name}").write_bytes(source.read_bytes())
    paths = sorted(inbox.iterdir(), reverse=True)
    reader = _cli_process_read.Reader(bound=True)
    _cli_process_read.read_all(reader, paths, jobs)
    assert len(reader.messages) == len(paths) == len(reader.orders)
    assert reader.ordered() == sorted(reader.messages, key=order_key)
    assert reader.orders == [order_key(m) for m in reader.messages]


@pytest.mark.parametrize("relative", [True, False])
def test_files_are_written_with_or_without_calls_relative_to_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    monkeypatch.setattr(_answers, "_AT", relative and _answers._AT)
    monkeypatch.chdir(tmp_path)
    out = Path("out")  # a relative directory too
    out.mkdir()
    (out / "RM-1.xml").mkdir()  # in the way
    files = [(f"RM-{i}.xml", f"{i}".encode()) for i in range(3)]
    failed = _answers.write_files(out, files)
    assert list(failed) == ["RM-1.xml"]
    assert (out / "RM-0.xml").read_bytes() == b"0" and (out / "RM-2.xml").read_bytes() == b"2"
    # a temporary file elsewhere (another directory) is moved in by its whole path
    other = tmp_path / "other"
    other.mkdir()
    (other / "t").write_bytes(b"moved")
    left: dict[str, OSError] = {}
    _answers.commit_files(out, [("RM-9.xml", other / "t")], left)
    assert left == {} and (out / "RM-9.xml").read_bytes() == b"moved"
    assert not [n for n in _names(out) if n.startswith(_answers.TEMP_PREFIX)]


def test_a_run_removes_what_stopped_runs_left_and_keeps_what_a_live_run_writes(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(gone.stdout)  # a process that has ended
    out = tmp_path / "out"
    out.mkdir()
    prefix = _answers.TEMP_PREFIX
    stale = [f"{prefix}{dead}-RM-a.xml.tmp", f"{prefix}{os.getpid()}-RM-b.xml.tmp"]
    live = f"{prefix}{os.getppid()}-RM-c.xml.tmp"  # this process's parent: still running
    for name in [*stale, live, "RM-kept.xml", f"{prefix}notes.txt"]:
        (out / name).write_bytes(b"<half")
    code, _ = _run("process", str(INBOX), "--out", str(out), "--jobs", "1")
    assert code in (0, 1)
    names = _names(out)
    assert not set(stale) & set(names)
    assert live in names and "RM-kept.xml" in names and f"{prefix}notes.txt" in names
    assert any(n.startswith("RM-") and n != "RM-kept.xml" for n in names)
