"""``sivi-verzuim process --store``: every message processed and answered exactly once, reruns
that change nothing, re-deliveries, reused references, archiving, hold and resume, a busy or
damaged store, and ``sivi-verzuim state export|import|check``."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import MessageType, parse, validate
from sivi_verzuim.chain import ChainValidator, SqliteStore
from sivi_verzuim.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
INBOX = REPO / "examples" / "inbox"
FILES = INBOX / "2024"
BASELINE = REPO / "examples" / "baseline"
COUNT = len(list(FILES.glob("*.xml")))  # messages in the example inbox, every one answered
SUMMARY = f": {COUNT - 2} accepted, 1 consequential, 1 rejected"

_STAMP = re.compile(rb"<AandatBr>[^<]*</AandatBr>\s*<AantijdBr>[^<]*</AantijdBr>")


def run(*argv: str) -> tuple[int, str]:
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0), ""
    out = io.StringIO()
    code: int = args.func(args, out)
    return code, out.getvalue()


def inbox_copy(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(FILES, inbox)
    return inbox


def answers(out: Path) -> dict[str, bytes]:
    return {p.name: _STAMP.sub(b"", p.read_bytes()) for p in sorted(out.glob("RM-*.xml"))}


def snapshot(directory: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(directory)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def export(store: Path) -> Any:
    with SqliteStore(store, readonly=True) as s:
        return s.export()


def process(inbox: Path, store: Path, out: Path, *more: str) -> tuple[int, str]:
    return run(
        "process", str(inbox), "--baseline", str(BASELINE), "--store", str(store),
        "--out", str(out), *more,
    )  # fmt: skip


# --------------------------------------------------------------------------- the main job


def test_readme_job_with_a_store_gives_the_same_answers_and_report(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    code, text = run("process", str(INBOX), "--baseline", str(BASELINE), "--out", str(plain))
    assert code == 1
    stored = tmp_path / "stored"
    code2, text2 = process(INBOX, tmp_path / "chain.db", stored)
    assert code2 == 1
    assert text2 == text
    assert text2.startswith("ACCEPTED") and text2.splitlines()[-1].endswith(SUMMARY)
    assert answers(stored) == answers(plain)
    for path in stored.glob("RM-*.xml"):
        assert parse(path).message_type is MessageType.RETOURMELDING
        assert not validate(path.read_bytes())
    for name in ("report.txt", "report.json"):
        assert (stored / name).read_bytes() == (plain / name).read_bytes()
    # the state equals the one --state keeps
    state = tmp_path / "state.json"
    run("process", str(INBOX), "--baseline", str(BASELINE), "--state", str(state))
    assert export(tmp_path / "chain.db") == json.loads(state.read_text(encoding="utf-8"))


def test_a_rerun_on_an_unchanged_inbox_changes_nothing_and_writes_nothing(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "chain.db"
    code, text = process(INBOX, store, out)
    before_out, before_state = snapshot(out), export(store)
    time.sleep(0.01)
    code2, text2 = process(INBOX, store, out)
    assert (code2, text2) == (code, text)
    assert snapshot(out) == before_out
    assert export(store) == before_state
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_answers_missing_from_the_store_are_written_by_the_next_run(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "chain.db"
    process(INBOX, store, tmp_path / "none", "--json")  # answers go to another directory
    shutil.rmtree(tmp_path / "none")
    code, _ = run("process", str(INBOX), "--store", str(store))  # no --out: nothing written
    assert code == 1
    with SqliteStore(store) as s:
        assert s.pending_answers() == []  # written to the first --out already
    # a store whose answers were never written out
    store2 = tmp_path / "second.db"
    run("process", str(INBOX), "--baseline", str(BASELINE), "--store", str(store2))
    with SqliteStore(store2) as s:
        assert len(s.pending_answers()) == COUNT
    process(INBOX, store2, out)
    assert len(answers(out)) == COUNT
    with SqliteStore(store2) as s:
        assert s.pending_answers() == []


# --------------------------------------------------------------------------- exactly once


def test_a_redelivered_file_gets_its_original_result_and_answer(tmp_path: Path) -> None:
    inbox, out, store = inbox_copy(tmp_path), tmp_path / "out", tmp_path / "chain.db"
    process(inbox, store, out)
    state = export(store)
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(inbox / "VZ-20240912-0204-gedeeltelijk-herstel.xml", again / "VZ-copy.xml")
    code, text = process(again, store, out)
    assert code == 1  # the original result: rejected
    assert "[chain.redelivered]" in text and "first processed at" in text
    assert "[chain.unknown-employee]" in text
    original = (out / "RM-VZ-20240912-0204-gedeeltelijk-herstel.xml").read_bytes()
    assert (out / "RM-VZ-copy.xml").read_bytes() == original
    after = export(store)
    assert after == {**state, "next_index": state["next_index"] + 1}
    # the same copy seen again is not delivered again
    before = snapshot(out)
    assert process(again, store, out)[1] == text
    assert snapshot(out) == before


def test_a_copy_in_place_is_a_new_delivery(tmp_path: Path) -> None:
    """The same name and content, but a new file (the sender uploaded it again)."""
    inbox, out, store = inbox_copy(tmp_path), tmp_path / "out", tmp_path / "chain.db"
    process(inbox, store, out)
    name = "VZ-20240902-0201-ziekmelding.xml"
    data = (inbox / name).read_bytes()
    (inbox / name).unlink()
    (inbox / name).write_bytes(data)
    os.utime(inbox / name, ns=(1, 1))
    _code, text = process(inbox, store, out)
    assert "[chain.redelivered]" in text
    assert text.count("[chain.redelivered]") == 1
    assert (out / "RM-VZ-20240902-0201-ziekmelding-2.xml").read_bytes() == (
        out / "RM-VZ-20240902-0201-ziekmelding.xml"
    ).read_bytes()


def test_a_reused_reference_with_other_content_is_rejected(tmp_path: Path) -> None:
    inbox, out, store = inbox_copy(tmp_path), tmp_path / "out", tmp_path / "chain.db"
    process(inbox, store, out)
    state = export(store)
    later = tmp_path / "later"
    later.mkdir()
    original = (inbox / "VZ-20240902-0201-ziekmelding.xml").read_bytes()
    (later / "VZ-other.xml").write_bytes(original.replace(b"<PrcVrzm>100.00", b"<PrcVrzm>90.00"))
    code, text = process(later, store, out, "--json")
    assert code == 1
    (entry,) = json.loads(text)
    assert entry["status"] == "rejected"
    assert entry["mutations"][0]["findings"][0]["code"] == "chain.reference-reused"
    answer = parse(out / "RM-VZ-other.xml").document
    assert answer.foutmldng[0].toelchtng.startswith("[chain.reference-reused]")
    assert export(store)["cases"] == state["cases"]


def test_hold_twice_queues_once_and_every_message_is_answered_once(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "chain.db"
    for _ in range(2):
        code, text = run("process", str(INBOX), "--store", str(store), "--hold", "--out", str(out))
        assert code == 0
        assert f"held: {COUNT} message(s) queued" in text
    assert not list(out.glob("RM-*.xml"))
    doc = export(store)
    assert len(doc["queue"]) == COUNT
    empty = tmp_path / "empty"
    empty.mkdir()
    code, text = process(empty, store, out)
    assert code == 1
    assert SUMMARY in text
    assert len(answers(out)) == COUNT
    assert not export(store)["held"]
    # and once more: nothing new
    before = snapshot(out)
    assert process(empty, store, out)[0] == 0
    assert snapshot(out) == before


def test_archive_moves_committed_files_and_a_rerun_finds_nothing_to_do(tmp_path: Path) -> None:
    inbox, out, store = inbox_copy(tmp_path), tmp_path / "out", tmp_path / "chain.db"
    archive = tmp_path / "archive"
    (inbox / "VZ-broken.xml").write_bytes(b"<Verzuimmeldingen><BrAlg>")
    (inbox / "VZ-other.xml").write_bytes(b"<?xml version='1.0'?><Something/>")
    code, _text = process(inbox, store, out, "--archive", str(archive))
    assert code == 1
    assert sorted(p.name for p in inbox.iterdir()) == ["VZ-other.xml"]  # skipped: left alone
    processed = sorted(p.name for p in (archive / "processed").iterdir())
    rejected = sorted(p.name for p in (archive / "rejected").iterdir())
    assert len(processed) == COUNT - 2
    assert rejected == [
        "VZ-20240912-0204-gedeeltelijk-herstel.xml",
        "VZ-20240926-0207-volledig-herstel.xml",
        "VZ-broken.xml",
    ]
    before = snapshot(out)
    _code2, text2 = process(inbox, store, out, "--archive", str(archive))
    assert snapshot(out) == before
    assert "SKIPPED" in text2
    # re-delivered under the same name after archiving: a new delivery
    shutil.copy(archive / "processed" / processed[0], inbox / processed[0])
    _code3, text3 = process(inbox, store, out, "--archive", str(archive))
    assert "[chain.redelivered]" in text3
    assert (archive / "processed" / (Path(processed[0]).stem + "-2.xml")).is_file()


def test_unreadable_files_are_answered_once(tmp_path: Path) -> None:
    inbox, out, store = tmp_path / "inbox", tmp_path / "out", tmp_path / "chain.db"
    inbox.mkdir()
    header = (FILES / "VZ-20240902-0201-ziekmelding.xml").read_bytes()[:900]
    (inbox / "VZ-cut.xml").write_bytes(header)
    code, text = process(inbox, store, out)
    assert code == 1 and "UNREADABLE" in text
    assert list(answers(out)) == ["RM-VZ-cut.xml"]
    before = snapshot(out)
    assert process(inbox, store, out) == (code, text)
    assert snapshot(out) == before


# --------------------------------------------------------------------------- refusals


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "chain.db")
    state = str(tmp_path / "state.json")
    assert run("process", str(INBOX), "--store", store, "--state", state)[0] == 2
    assert run("process", str(INBOX), "--archive", str(tmp_path / "a"))[0] == 2
    assert run("process", str(INBOX), "--store", store, "--wait", "soon")[0] == 2
    assert run("process", str(INBOX), "--store", str(tmp_path / "no" / "chain.db"))[0] == 2
    err = capsys.readouterr().err
    assert "cannot be used together" in err and "--archive needs --store" in err


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "an empty file"),
        (b'{"format": "sivi_verzuim.chain-state"}', "a JSON file"),
        (b"SQLite format 3\x00" + bytes(200), "not a chain store"),
    ],
)
def test_a_damaged_or_foreign_store_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, needle: str
) -> None:
    store, out = tmp_path / "chain.db", tmp_path / "out"
    store.write_bytes(content)
    assert process(INBOX, store, out)[0] == 2
    assert needle in capsys.readouterr().err
    assert store.read_bytes() == content
    assert not list(out.glob("RM-*"))


def test_a_busy_store_names_the_other_process_or_is_waited_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sivi_verzuim.chain._sqlite import acquire_lock, release_lock

    store, out = tmp_path / "chain.db", tmp_path / "out"
    fd = acquire_lock(tmp_path / "chain.db.lock", "store", 0, "sivi-verzuim process other-inbox")
    released = threading.Event()

    def release() -> None:
        release_lock(fd)
        released.set()

    try:
        code, _ = process(INBOX, store, out)
        assert code == 2
        err = capsys.readouterr().err
        assert f"pid {os.getpid()}" in err and "other-inbox" in err and "--wait" in err
        assert not out.exists() or not list(out.iterdir())
        timer = threading.Timer(0.5, release)
        timer.start()
        code, text = process(INBOX, store, out, "--wait", "20")
        timer.join()
        assert code == 1 and SUMMARY in text
    finally:
        if not released.is_set():
            release_lock(fd)


def test_state_files_are_locked_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sivi_verzuim.chain._sqlite import acquire_lock, release_lock

    state = tmp_path / "state.json"
    fd = acquire_lock(tmp_path / "state.json.lock", "state", 0, owner="someone else")
    try:
        assert run("process", str(INBOX), "--state", str(state))[0] == 2
        assert "someone else" in capsys.readouterr().err
    finally:
        release_lock(fd)
    assert run("process", str(INBOX), "--state", str(state))[0] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_temporary_files_of_stopped_runs_are_cleaned(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "chain.db"
    out.mkdir()
    stale = out / ".sivi-verzuim-999999999-RM-x.xml.tmp"
    stale.write_bytes(b"half")
    process(INBOX, store, out)
    assert not stale.exists()


# --------------------------------------------------------------------------- state ...


def test_state_export_import_round_trip(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    run("process", str(INBOX), "--baseline", str(BASELINE), "--state", str(state))
    store = tmp_path / "chain.db"
    code, text = run("state", "import", str(state), str(store))
    assert code == 0 and "imported" in text
    code, text = run("state", "export", str(store))
    assert code == 0
    assert json.loads(text) == json.loads(state.read_text(encoding="utf-8"))
    target = tmp_path / "exported.json"
    assert run("state", "export", str(store), "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(text)
    assert run("state", "check", str(store)) == (0, f"{store}: ok\n")
    # importing again into a store that holds a state is refused
    assert run("state", "import", str(state), str(store))[0] == 2
    # the imported store goes on like the state file
    later = tmp_path / "later"
    later.mkdir()
    run("process", str(later), "--state", str(state))
    process(later, store, tmp_path / "out")
    assert export(store) == json.loads(state.read_text(encoding="utf-8"))


def test_state_commands_refuse_what_is_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"nonsense")
    assert run("state", "export", str(bad))[0] == 2
    assert run("state", "check", str(bad))[0] == 2
    assert run("state", "export", str(tmp_path / "missing.db"))[0] == 2
    assert run("state", "import", str(bad), str(tmp_path / "new.db"))[0] == 2
    assert not (tmp_path / "new.db").exists()
    assert "damaged chain state" in capsys.readouterr().err
    assert bad.read_bytes() == b"nonsense"


def test_process_state_and_store_are_equal_through_a_library_validator(tmp_path: Path) -> None:
    """What the command writes is what the library reads."""
    store = tmp_path / "chain.db"
    process(INBOX, store, tmp_path / "out")
    with SqliteStore(store) as s:
        v = ChainValidator(store=s)
        case = v.case("WG-100234", "AANS-0042", "VZ-2024-000199")
        assert case is None
        assert len(v.cases()) == len(export(store)["cases"])


def test_an_internal_error_is_reported_not_recorded_and_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure nobody foresaw (here: while reading, and while processing) is in the report,
    but the file is neither answered nor archived: the next run tries it again."""
    from sivi_verzuim import _cli_process_read

    inbox, out, store = inbox_copy(tmp_path), tmp_path / "out", tmp_path / "chain.db"
    archive = tmp_path / "archive"
    real_parse = _cli_process_read.parse
    real_process = ChainValidator.process

    def broken_parse(data: Any, **kw: Any) -> Any:
        if b"VZ-2024-0201" in data:
            raise ModuleNotFoundError("a module went missing")
        return real_parse(data, **kw)

    def broken_process(self: ChainValidator, message: Any, **kw: Any) -> Any:
        header = message.header  # a parsed message, or its domain model
        reference = getattr(header, "reference", None) or getattr(header, "message_reference", None)
        if reference == "VZ-2024-0205":
            raise RuntimeError("a bug")
        return real_process(self, message, **kw)

    monkeypatch.setattr(_cli_process_read, "parse", broken_parse)
    monkeypatch.setattr(ChainValidator, "process", broken_process)
    code, text = process(inbox, store, out, "--archive", str(archive))
    assert code == 1
    assert text.count("[internal.error]") == 2
    assert "RM-VZ-20240902-0201-ziekmelding.xml" not in answers(out)
    assert "RM-VZ-20240916-0205-gedeeltelijk-herstel.xml" not in answers(out)
    left = sorted(p.name for p in inbox.iterdir())
    assert left == [
        "VZ-20240902-0201-ziekmelding.xml",
        "VZ-20240916-0205-gedeeltelijk-herstel.xml",
    ]
    monkeypatch.undo()
    code, text = process(inbox, store, out, "--archive", str(archive))
    assert "[internal.error]" not in text
    assert "RM-VZ-20240902-0201-ziekmelding.xml" in answers(out)
    assert "RM-VZ-20240916-0205-gedeeltelijk-herstel.xml" in answers(out)
    assert not list(inbox.iterdir())
