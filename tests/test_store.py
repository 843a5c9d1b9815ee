"""The SQLite state store: its file format (application id, schema version, migrations),
refusal of foreign, damaged and newer files without writing to them, the lock, the protocol
(one transaction per message, nothing half-written), and export/import."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import Release, SiviError, serialize
from sivi_verzuim.chain import (
    Baseline,
    ChainValidator,
    MemoryStore,
    SqliteStore,
    StateError,
    Status,
    Store,
    StoreBusyError,
    _sqlite,
    import_state,
)
from sivi_verzuim.chain.testing import absence_message

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "examples" / "baseline"
D = dt.date(2024, 3, 4)


def sick(case: str = "C1", seq: int = 1, employee: str = "EXT-001", **kw: Any) -> Any:
    return absence_message(case, seq, "01", mutation_date=D, employee=employee, **kw)


def change(case: str = "C1", seq: int = 2, pct: str = "50.00", **kw: Any) -> Any:
    day = D + dt.timedelta(days=seq)
    return absence_message(
        case, seq, "02", mutation_date=day, first_absence_date=D, percentage=pct, **kw
    )


def new_store(tmp_path: Path, name: str = "chain.db") -> Path:
    path = tmp_path / name
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        v.process(sick())
    return path


# --------------------------------------------------------------------------- the file


def test_a_new_store_has_its_application_id_and_schema_version(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    header = path.read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert int.from_bytes(header[68:72], "big") == _sqlite.APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == _sqlite.SCHEMA_VERSION
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    # nothing of a temporary name is left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chain.db", "chain.db.lock"]


def test_the_store_is_protocol_conform() -> None:
    assert isinstance(MemoryStore(), Store)


def refused(path: Path, needle: str) -> None:
    before = path.read_bytes() if path.is_file() else None
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(StateError) as info:
        SqliteStore(path)
    assert needle in str(info.value), str(info.value)
    assert "left as it is" in str(info.value)
    if before is not None:
        assert path.read_bytes() == before
    # no -wal or -shm files appear beside a refused file (a lock file may)
    after = sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock"))
    assert after == [s for s in siblings if not s.endswith(".lock")]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "an empty file"),
        (b"hello, this is not a database at all" * 10, "not an SQLite database"),
        (b'{"format": "sivi_verzuim.chain-state", "version": 1}', "a JSON file"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "not an SQLite database"),
    ],
)
def test_files_that_are_no_store_are_refused_and_left_alone(
    tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(content)
    refused(path, needle)


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (a)")
    db.commit()
    db.close()
    refused(path, "another program")
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 1234")
    db.commit()
    db.close()
    refused(path, "application id 0x000004d2")


def test_a_store_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {_sqlite.SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    refused(path, "newer than this library reads")


def test_a_store_with_other_tables_is_damaged(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE broken")
    db.commit()
    db.close()
    refused(path, "damaged chain store")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StateError, match="a directory"):
        SqliteStore(tmp_path / "dir.db")


def test_damaged_pages_are_found_and_nothing_is_written(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    data = bytearray(path.read_bytes())
    # the schema page (page 1 after the header) overwritten
    data[100:1100] = b"\xff" * 1000
    path.write_bytes(bytes(data))
    refused(path, "damaged chain store")


def test_damage_found_while_working_is_a_state_error(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    db = sqlite3.connect(path)
    db.execute("UPDATE cases SET data = 'not json'")
    db.commit()
    db.close()
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        with pytest.raises(StateError, match="damaged"):
            v.process(change())
        with pytest.raises(StateError):
            store.export()


def test_a_missing_store_is_created_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="no chain store"):
        SqliteStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


# --------------------------------------------------------------------------- migrations


def test_migrations_run_in_order_in_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_store(tmp_path)

    def to_next(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE extra (a)")

    version = _sqlite.SCHEMA_VERSION
    monkeypatch.setattr(_sqlite, "MIGRATIONS", [*_sqlite.MIGRATIONS, to_next])
    monkeypatch.setattr(_sqlite, "SCHEMA_VERSION", version + 1)
    _sqlite._expected_schema.cache_clear()
    try:
        with SqliteStore(path) as store:
            assert ChainValidator(store=store).case("WG-1", "AANS-1", "C1") is not None
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] == version + 1
        assert db.execute("SELECT count(*) FROM extra").fetchone()[0] == 0
        db.close()
    finally:
        _sqlite._expected_schema.cache_clear()


def test_a_failing_migration_leaves_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_store(tmp_path)

    def to_next(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE extra (a)")
        raise RuntimeError("half-way")

    version = _sqlite.SCHEMA_VERSION
    monkeypatch.setattr(_sqlite, "MIGRATIONS", [*_sqlite.MIGRATIONS, to_next])
    monkeypatch.setattr(_sqlite, "SCHEMA_VERSION", version + 1)
    _sqlite._expected_schema.cache_clear()
    try:
        with pytest.raises(RuntimeError):
            SqliteStore(path)
    finally:
        _sqlite._expected_schema.cache_clear()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == version
    names = {n for (n,) in db.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in names
    db.close()
    monkeypatch.undo()
    with SqliteStore(path) as store:  # still a good version-1 store
        assert store.export()["next_index"] == 1


# --------------------------------------------------------------------------- the lock


def test_a_second_user_is_told_who_holds_the_store(tmp_path: Path) -> None:
    path = tmp_path / "chain.db"
    with SqliteStore(path, owner="the first one"):
        with pytest.raises(StoreBusyError) as info:
            SqliteStore(path)
        assert f"pid {os.getpid()}" in str(info.value)
        assert "the first one" in str(info.value)
        assert "--wait" in str(info.value)
        assert isinstance(info.value, SiviError)
        with pytest.raises(StoreBusyError, match=r"waited 0\.2 s"):
            SqliteStore(path, wait=0.2)
        # reading needs no lock
        with SqliteStore(path, readonly=True) as reader:
            assert reader.meta() is None
    with SqliteStore(path):  # let go
        pass


def test_the_lock_goes_with_a_killed_process(tmp_path: Path) -> None:
    path = tmp_path / "chain.db"
    code = (
        "import sys, time; from sivi_verzuim.chain import SqliteStore; "
        f"s = SqliteStore({str(path)!r}); print('locked', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusyError, match=f"pid {proc.pid}"):
            SqliteStore(path)
        proc.kill()
        proc.wait(10)
        with SqliteStore(path, wait=5):
            pass
    finally:
        proc.kill()
        proc.wait(10)


# --------------------------------------------------------------------------- transactions


class Failing(MemoryStore):
    """Fails the n-th commit."""

    def __init__(self, fail_at: int) -> None:
        super().__init__()
        self.commits = 0
        self.fail_at = fail_at

    def commit(self, changes: Any) -> None:
        self.commits += 1
        if self.commits == self.fail_at:
            self.rollback()
            raise OSError("disk full")
        super().commit(changes)


def test_a_failed_commit_changes_nothing_and_memory_follows_the_store() -> None:
    store = Failing(fail_at=3)  # 1: open, 2: the sick report, 3: the change
    v = ChainValidator(store=store)
    assert v.process(sick()).status is Status.ACCEPTED
    with pytest.raises(OSError):
        v.process(change())
    case = v.case("WG-1", "AANS-1", "C1")
    assert case is not None and case.last_sequence == 1  # memory was rolled back too
    assert v.save()["next_index"] == 1
    assert v.process(change()).status is Status.ACCEPTED  # the same message, judged anew
    assert v.save()["next_index"] == 2


def test_another_writer_empties_the_cache(tmp_path: Path) -> None:
    """Two validators on one file (no lock: readonly=False is needed to write, so the test
    opens the second connection by hand): the first sees the second's change."""
    path = tmp_path / "chain.db"
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        v.process(sick())
        db = sqlite3.connect(path)
        row = db.execute("SELECT data FROM cases").fetchone()
        data = json.loads(row[0])
        data["absence_percentage"] = "70.00"
        db.execute("UPDATE cases SET data = ?", (json.dumps(data),))
        db.commit()
        db.close()
        r = v.process(change(pct="80.00"))
        # judged against the changed record: 80 after 70 is a relapse (info), not a lowering
        assert r.status is Status.ACCEPTED
        (f,) = [f for f in r.mutations[0].findings if f.code == "chain.percentage-not-lowered"]
        assert "from 70.00 to 80.00" in f.message


def test_a_redelivery_and_a_reused_reference(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "chain.db") as store:
        v = ChainValidator(store=store)
        first = v.process(sick(), digest="a")
        again = v.process(sick(), digest="a")
        assert again.status is first.status
        assert [f.code for f in again.findings] == ["chain.redelivered"]
        assert "first processed at" in again.findings[0].message
        other = v.process(sick(), digest="b")
        assert other.status is Status.REJECTED
        assert [f.code for f in other.findings] == ["chain.reference-reused"]
        answers = [name for _, name, _, _ in store.pending_answers()]
        assert answers == ["RM-VZ-C1-1.xml", "RM-VZ-C1-1-2.xml", "RM-VZ-C1-1-3.xml"]
        data = {name: d for _, name, d, _ in store.pending_answers()}
        assert data["RM-VZ-C1-1.xml"] == data["RM-VZ-C1-1-2.xml"]  # the original answer
        assert b"chain.reference-reused" in (data["RM-VZ-C1-1-3.xml"] or b"")


def test_the_saved_configuration_is_kept_unless_given(tmp_path: Path) -> None:
    from sivi_verzuim.chain import ChainConfig, RuleConfig

    path = tmp_path / "chain.db"
    cfg = ChainConfig({"chain.sequence-gap": RuleConfig(parameters={"action": "reject"})})
    with SqliteStore(path) as store:
        ChainValidator(cfg, store=store, authorized=[("WG-1", "AANS-1")])
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert v.config == cfg
        assert v.authorized == frozenset({("WG-1", "AANS-1")})
        assert v.process(sick(employer=("WG-2", "A"))).status is Status.REJECTED
    with SqliteStore(path) as store:
        v = ChainValidator(store=store, authorized=None)
        assert v.authorized is None
    with SqliteStore(path) as store:
        assert ChainValidator(store=store).authorized is None  # the override was saved


def test_baseline_hold_resume_and_reset_through_the_store(tmp_path: Path) -> None:
    path = tmp_path / "chain.db"
    with SqliteStore(path) as store:
        v = ChainValidator(store=store, hold=True)
        assert v.process(change("C2", 2, employee="EXT-2")).status is Status.HELD
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert v.held and v.queued() == ("VZ-C2-2",)
        baseline = Baseline.from_directory(BASELINE)
        v.load_baseline(baseline)
        v.load_baseline(baseline)  # a no-op
        (r,) = v.resume()
        assert r.status is Status.REJECTED  # not a baseline case
        assert not v.held and v.queued() == ()
        assert v.reset_case("WG-1", "AANS-1", "C2") == []
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert not v.held
        doc = v.save()
        assert doc["broken"] == []
        assert doc["baselines"] == list(baseline.fingerprints().values())  # one per part


def test_export_import_refuses_a_store_that_is_not_empty(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    doc = ChainValidator().save()
    with SqliteStore(path) as store, pytest.raises(StateError, match="already holds"):
        import_state(store, doc)
    with pytest.raises(StateError):
        import_state(MemoryStore(), {"format": "no"})


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize("release", list(Release))
def test_answer_bytes_are_the_bytes_of_serialize(release: Release) -> None:
    """The short way of writing an answer gives exactly serialize(retourmelding(...))."""
    from sivi_verzuim.chain import MessageResult, answer_bytes, retourmelding
    from sivi_verzuim.errors import Finding, Severity

    now = dt.datetime(2024, 1, 2, 3, 4, 5)
    texts = [
        "plain",
        "a & b < c > d \"e\" 'f' é € 𝄞",
        "",
        "x" * 600,
        "tab\there, new\nline",
        "control \x01 character",
        "carriage \r return",
    ]
    for i, text in enumerate(texts):
        for status in (Status.REJECTED, Status.UNREADABLE, Status.ACCEPTED):
            findings = (
                Finding("some.rule", Severity.ERROR, text, path="/Verzuimmeldingen/BrAlg"),
                Finding("other.rule", Severity.ERROR, text + " again", value="v"),
            )
            r = MessageResult.detached(
                status,
                f"in/VZ-{i}.xml",
                findings if status is not Status.ACCEPTED else (),
                reference=f"REF-{i}&<{text[:5]}>",
                release=release,
                sender=text[:40],
                recipient="" if i % 2 else "RECEIVER",
                test=bool(i % 2),
            )
            try:
                slow = serialize(retourmelding(r, now=now))
            except SiviError:
                continue  # not writable at all (a control character): both ways refuse
            assert answer_bytes(r, now=now) == slow, (release, text, status)
    # a real validator result, with and without personal data shown
    v = ChainValidator()
    result = v.process(change())
    for show in (False, True):
        assert answer_bytes(result, now=now, show_personal_data=show) == serialize(
            retourmelding(result, now=now, show_personal_data=show)
        )
