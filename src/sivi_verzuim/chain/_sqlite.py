"""The chain state in an SQLite database (the standard library's ``sqlite3``).

:class:`SqliteStore` implements :class:`~sivi_verzuim.chain.Store`: one file (in WAL mode) that
holds the state records, the log of every message taken up with its result, the answers, and
the journal of the files a program received. A message is one ``BEGIN IMMEDIATE`` ...
``COMMIT``. ``docs/store.md`` describes the schema and the guarantees.

Opening never writes to a file that is not a store of this library: the SQLite header is read
first (magic, ``application_id``, ``user_version``), then the schema is compared with the one
expected; a foreign file, a damaged one or one of a newer schema version is refused with a
:class:`~sivi_verzuim.chain.StateError` and left as it is. An older schema is migrated (in one
transaction) by the steps of :data:`MIGRATIONS`.

One process uses a store at a time: opening takes an exclusive lock on the side file
``<store>.lock`` (``fcntl.flock``; the operating system releases it when the process ends,
however it ends), waiting up to ``wait`` seconds, and writes who holds it into that file so
that a second process can say who it waits for.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import socket
import sqlite3
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs

from .._fsutil import fsync_dir
from ..errors import cap_value
from ._resultdata import result_from_data
from ._results import MessageResult
from ._state import FORMAT, VERSION, StateError
from ._store import (
    META_KEYS,
    CaseKey,
    Changes,
    EmployeeKey,
    EmployeeRecord,
    Loaded,
    Logged,
    MasterKey,
    StoreBusyError,
    assemble,
    document_master,
    document_records,
    now_text,
    unique_name,
)

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DeliveryRow",
    "SqliteStore",
    "acquire_lock",
    "import_state",
    "release_lock",
]

APPLICATION_ID = 0x5356435A  # "SVCZ": PRAGMA application_id of every chain store
"""``PRAGMA application_id`` of a chain store (header bytes 68-71)."""

STORE_FORMAT = "sivi_verzuim.chain-store"

_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE employees (
    employer_id TEXT NOT NULL,
    connection_number TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    known INTEGER NOT NULL,
    person INTEGER NOT NULL,
    cases TEXT NOT NULL,
    PRIMARY KEY (employer_id, connection_number, employee_id)
) WITHOUT ROWID;
CREATE TABLE cases (
    employer_id TEXT NOT NULL,
    connection_number TEXT NOT NULL,
    case_id TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (employer_id, connection_number, case_id)
) WITHOUT ROWID;
CREATE TABLE broken (
    employer_id TEXT NOT NULL,
    connection_number TEXT NOT NULL,
    case_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (employer_id, connection_number, case_id)
) WITHOUT ROWID;
CREATE TABLE parked (
    idx INTEGER PRIMARY KEY,
    queued INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX parked_queued ON parked (queued, idx);
CREATE TABLE waits (
    employer_id TEXT NOT NULL,
    connection_number TEXT NOT NULL,
    case_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    PRIMARY KEY (employer_id, connection_number, case_id, idx)
) WITHOUT ROWID;
CREATE INDEX waits_idx ON waits (idx);
CREATE TABLE messages (
    idx INTEGER PRIMARY KEY,
    sender TEXT NOT NULL,
    reference TEXT,
    digest TEXT,
    first_at TEXT NOT NULL,
    result TEXT NOT NULL,
    resolved TEXT NOT NULL,
    run INTEGER,
    resumed_run INTEGER
);
CREATE INDEX messages_reference ON messages (sender, reference)
    WHERE reference IS NOT NULL AND digest IS NOT NULL;
CREATE INDEX messages_resumed ON messages (resumed_run) WHERE resumed_run IS NOT NULL;
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    idx INTEGER,
    name TEXT NOT NULL UNIQUE,
    data BLOB,
    error TEXT,
    written INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX answers_idx ON answers (idx) WHERE idx IS NOT NULL;
CREATE INDEX answers_pending ON answers (id) WHERE written = 0;
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,
    identity TEXT NOT NULL,
    file TEXT NOT NULL,
    ord TEXT,
    idx INTEGER,
    result TEXT,
    run INTEGER,
    at TEXT NOT NULL
);
CREATE INDEX deliveries_name ON deliveries (name, digest);
CREATE INDEX deliveries_run ON deliveries (run) WHERE run IS NOT NULL;
"""


def _migrate_to_1(db: sqlite3.Connection) -> None:
    """An empty database becomes a store of schema version 1."""
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("INSERT INTO meta (key, value) VALUES ('format', ?)", (json.dumps(STORE_FORMAT),))


_V2 = """
CREATE TABLE master (
    employer_id TEXT NOT NULL,
    connection_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (employer_id, connection_number, kind, id)
) WITHOUT ROWID
"""


def _migrate_to_2(db: sqlite3.Connection) -> None:
    """Schema version 2: the master data (employees, employments, organisation units and key
    changes of WerknemersGegevens, Dienstverbanden and WerkgeversGegevensBasisregistratie).
    A store of version 1 holds none, so the new table starts empty."""
    db.execute(_V2)


Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = [_migrate_to_1, _migrate_to_2]
"""``MIGRATIONS[n]`` takes a store from schema version ``n`` to ``n + 1`` (version 0: an empty
database). Each runs inside the transaction that also sets ``PRAGMA user_version``; a step that
fails leaves the store at its old version."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this library writes (``PRAGMA user_version``)."""


@functools.lru_cache(maxsize=8)
def _expected_schema(version: int) -> frozenset[tuple[str, str, str, str]]:
    """``sqlite_master`` of a store of ``version``, built from the migrations."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            step(db)
        return frozenset(
            (t, n, tbl, " ".join((sql or "").split()))
            for t, n, tbl, sql in db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        )
    finally:
        db.close()


T = TypeVar("T")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@attrs.frozen
class DeliveryRow:
    """A file in the store's journal (see :class:`~sivi_verzuim.chain.Delivery`).

    Attributes:
        id: its number (in the order files were recorded).
        name, digest, identity, file, order, index, result: as recorded.
        run: the run that recorded it.
    """

    id: int
    name: str
    digest: str
    identity: str
    file: str
    order: list[Any] | None
    index: int | None
    result: dict[str, Any] | None
    run: int | None


class SqliteStore:
    """The chain state in one SQLite file (see the module docstring and ``docs/store.md``).

    Args:
        path: the store file; created (with its schema) when it does not exist and
            ``create``.
        wait: seconds to wait for another process that holds the store (0: do not wait).
        create: create a missing store (False: a missing file is a :class:`StateError`).
        synchronous: SQLite's ``synchronous`` setting, ``"normal"`` (the default: in WAL mode
            a transaction survives the process being killed at any moment; after a power
            loss the last ones may be lost, never the store's consistency; :meth:`sync`
            makes everything committed durable) or ``"full"`` (every commit waits for the
            disk).
        readonly: open for reading only (no lock, no migration, nothing written): for
            exporting a store that may be in use.
        owner: how the holder is described to a second process (default: the command line).

    Raises:
        StateError: the file is not a chain store (another file, another program's SQLite
            database), is damaged, or has a newer schema version; nothing is written to it.
        StoreBusyError: another process holds the store and did not let go within ``wait``.
        OSError: the file or its lock cannot be opened.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        wait: float = 0.0,
        create: bool = True,
        synchronous: str = "normal",
        readonly: bool = False,
        owner: str | None = None,
    ) -> None:
        if synchronous not in ("normal", "full"):
            raise ValueError("synchronous must be 'normal' or 'full'")
        self.path = Path(path)
        self.readonly = readonly
        self._lock_fd: int | None = None
        self._db: sqlite3.Connection | None = None
        self._data_version: int | None = None
        self._in_tx = False
        self._run_marked: int | None = None  # the run marker this store wrote last
        self._pending_run: int | None = None
        try:
            if not readonly:
                self._lock(wait, owner)
            self._open(create, synchronous)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ opening

    @property
    def lock_path(self) -> Path:
        """The side file whose lock makes one process the store's user."""
        return self.path.with_name(self.path.name + ".lock")

    def _lock(self, wait: float, owner: str | None) -> None:
        self._lock_fd = acquire_lock(self.lock_path, f"store {self.path}", wait, owner)

    def _refuse(self, why: str) -> StateError:
        return StateError(f"{self.path}: {why}; the file is left as it is", file=str(self.path))

    def _open(self, create: bool, synchronous: str) -> None:
        path = self.path
        if not path.exists() and not path.is_symlink():
            if not create or self.readonly:
                raise StateError(f"{path}: no chain store there", file=str(path))
            self._create()
        header = self._header()
        version = int.from_bytes(header[60:64], "big")
        app = int.from_bytes(header[68:72], "big")
        if app != APPLICATION_ID:
            if app == 0:
                raise self._refuse("an SQLite database of another program, not a chain store")
            raise self._refuse(
                f"an SQLite database of another program (application id {app:#010x}), not a "
                "chain store"
            )
        if version > SCHEMA_VERSION:
            raise self._refuse(
                f"a chain store of schema version {version}, newer than this library reads "
                f"(up to {SCHEMA_VERSION}): use a newer sivi-verzuim"
            )
        if version < 1:
            raise self._refuse("a damaged chain store (no schema version)")
        mode = "ro" if self.readonly else "rw"
        uri = "file:" + _uri_path(path) + f"?mode={mode}"
        try:
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise OSError(f"{path}: cannot open the store: {exc}") from None
        self._db = db
        try:
            if not self.readonly:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(f"PRAGMA synchronous={synchronous.upper()}")
            rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
            found = frozenset((t, n, tbl, " ".join((sql or "").split())) for t, n, tbl, sql in rows)
            if found != _expected_schema(version):
                raise self._refuse(
                    f"a damaged chain store (its tables are not those of schema version {version})"
                )
            fmt = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if fmt is None or fmt[0] != json.dumps(STORE_FORMAT):
                raise self._refuse("a damaged chain store (no format record)")
        except sqlite3.DatabaseError as exc:
            raise self._refuse(f"a damaged chain store ({exc})") from None
        if version < SCHEMA_VERSION and not self.readonly:
            self._migrate(version)

    def _header(self) -> bytes:
        path = self.path
        if path.is_dir():
            raise self._refuse("a directory, not a chain store")
        with open(path, "rb") as f:
            header = f.read(100)
        if not header:
            raise self._refuse("an empty file, not a chain store")
        if len(header) < 100 or not header.startswith(_MAGIC):
            if header.lstrip()[:1] in (b"{", b"["):
                raise self._refuse(
                    "not a chain store but a JSON file (a --state document? `sivi-verzuim "
                    "state import` turns one into a store)"
                )
            raise self._refuse("not a chain store (not an SQLite database)")
        return header

    def _create(self) -> None:
        """A new store: built under a temporary name and renamed, so that a store file is
        never half made."""
        path = self.path
        tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            for step in MIGRATIONS:
                step(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)

    def _migrate(self, version: int) -> None:
        db = self._conn()
        db.execute("BEGIN IMMEDIATE")
        try:
            for step in MIGRATIONS[version:]:
                step(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise ValueError("the store is closed")
        return self._db

    def close(self) -> None:
        """Close the database and let go of the lock."""
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                if self._in_tx:
                    db.execute("ROLLBACK")
            db.close()
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            release_lock(fd)

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"

    # ------------------------------------------------------------------ errors

    def _guard(self, call: Callable[[], T]) -> T:
        """``call()``, with SQLite's errors as the library's: a damaged file is a
        :class:`StateError`, a full disk or an I/O problem an :class:`OSError`."""
        try:
            return call()
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
                raise StoreBusyError(
                    f"store {self.path} is locked by another writer ({text})"
                ) from None
            if isinstance(exc, sqlite3.OperationalError) and (
                "disk" in text or "readonly" in text or "unable to open" in text
            ):
                raise OSError(f"{self.path}: {text}") from None
            raise StateError(
                f"{self.path}: a damaged chain store ({text})", file=str(self.path)
            ) from None

    def _json(self, text: Any, where: str) -> Any:
        try:
            if not isinstance(text, str):
                raise TypeError
            return json.loads(text)
        except (TypeError, ValueError, RecursionError):
            raise StateError(
                f"{self.path}: a damaged chain store: {where} is not JSON", location=where
            ) from None

    # ------------------------------------------------------------------ the protocol

    def begin(self) -> bool:
        db = self._conn()

        def run() -> bool:
            db.execute("BEGIN IMMEDIATE")
            self._in_tx = True
            (version,) = db.execute("PRAGMA data_version").fetchone()
            fresh = self._data_version is None or version == self._data_version
            self._data_version = version
            if not fresh:
                self._run_marked = None
            return fresh

        return self._guard(run)

    def rollback(self) -> None:
        db = self._conn()
        if self._in_tx:
            self._in_tx = False
            self._guard(lambda: db.execute("ROLLBACK"))

    def meta(self) -> dict[str, Any] | None:
        db = self._conn()
        rows = self._guard(lambda: db.execute("SELECT key, value FROM meta").fetchall())
        data = {k: self._json(v, f"meta[{k!r}]") for k, v in rows}
        if not all(k in data for k in META_KEYS):
            if any(k in data for k in META_KEYS):
                raise StateError(f"{self.path}: a damaged chain store: metadata is missing")
            return None
        return {k: data[k] for k in META_KEYS}

    def run_state(self) -> tuple[int, bool]:
        """The last run recorded (0 for none) and whether it finished."""
        db = self._conn()
        row = self._guard(lambda: db.execute("SELECT value FROM meta WHERE key='run'").fetchone())
        if row is None:
            return 0, True
        data = self._json(row[0], "meta['run']")
        if not (isinstance(data, dict) and isinstance(data.get("id"), int)):
            raise StateError(f"{self.path}: a damaged chain store: meta['run']")
        return int(data["id"]), bool(data.get("finished"))

    def finish_run(self, run: int) -> None:
        """Mark a run as finished (a later run then starts a new journal)."""
        db = self._conn()

        def go() -> None:
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                "UPDATE meta SET value = ? WHERE key = 'run'",
                (_dumps({"id": run, "finished": True}),),
            )
            db.execute("COMMIT")
            self._run_marked = None

        self._guard(go)

    def _employee_rows(self, keys: Collection[EmployeeKey], out: Loaded) -> None:
        db = self._conn()
        for key in keys:
            if key in out.employees:
                continue
            row = db.execute(
                "SELECT known, person, cases FROM employees WHERE employer_id=? AND "
                "connection_number=? AND employee_id=?",
                key,
            ).fetchone()
            if row is None:
                continue
            ids = self._json(row[2], f"employees[{'/'.join(key)!r}].cases")
            if not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)):
                raise StateError(f"{self.path}: a damaged chain store: employee {key!r}")
            out.employees[key] = EmployeeRecord(bool(row[0]), bool(row[1]), tuple(ids))
            # by primary key, case by case (an index on the employee would lose against the
            # primary key's employer prefix in SQLite's planner, which then reads every case
            # of the employer)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for cid, data in db.execute(
                    "SELECT case_id, data FROM cases WHERE employer_id=? AND "
                    f"connection_number=? AND case_id IN ({marks})",
                    (key[0], key[1], *chunk),
                ):
                    out.cases[(key[0], key[1], cid)] = self._json(data, f"cases[{cid!r}]")

    def load(self, employees: Collection[EmployeeKey], cases: Collection[CaseKey]) -> Loaded:
        db = self._conn()

        def run() -> Loaded:
            out = Loaded()
            owners: list[EmployeeKey] = list(employees)
            waiting: set[int] = set()
            for ck in cases:
                row = db.execute(
                    "SELECT employee_id FROM cases WHERE employer_id=? AND connection_number=? "
                    "AND case_id=?",
                    ck,
                ).fetchone()
                if row is not None:
                    owners.append((ck[0], ck[1], row[0]))
                row = db.execute(
                    "SELECT data FROM broken WHERE employer_id=? AND connection_number=? AND "
                    "case_id=?",
                    ck,
                ).fetchone()
                if row is not None:
                    out.broken[ck] = self._json(row[0], f"broken[{ck[2]!r}]")
                waiting.update(
                    i
                    for (i,) in db.execute(
                        "SELECT idx FROM waits WHERE employer_id=? AND connection_number=? "
                        "AND case_id=?",
                        ck,
                    )
                )
            self._employee_rows(owners, out)
            for index in sorted(waiting):
                row = db.execute("SELECT data FROM parked WHERE idx=?", (index,)).fetchone()
                if row is not None:
                    out.waiting[index] = self._json(row[0], f"waiting[{index}]")
            return out

        return self._guard(run)

    def load_all(self) -> Loaded:
        db = self._conn()

        def run() -> Loaded:
            out = Loaded()
            for e, c, emp, known, person, ids in db.execute(
                "SELECT employer_id, connection_number, employee_id, known, person, cases "
                "FROM employees"
            ):
                out.employees[(e, c, emp)] = EmployeeRecord(
                    bool(known), bool(person), tuple(self._json(ids, f"employees[{emp!r}]"))
                )
            for e, c, cid, data in db.execute(
                "SELECT employer_id, connection_number, case_id, data FROM cases"
            ):
                out.cases[(e, c, cid)] = self._json(data, f"cases[{cid!r}]")
            for e, c, cid, data in db.execute(
                "SELECT employer_id, connection_number, case_id, data FROM broken"
            ):
                out.broken[(e, c, cid)] = self._json(data, f"broken[{cid!r}]")
            for index, data in db.execute("SELECT idx, data FROM parked WHERE queued = 0"):
                out.waiting[index] = self._json(data, f"waiting[{index}]")
            return out

        return self._guard(run)

    def load_master(self, employers: Collection[tuple[str, str]] | None) -> dict[MasterKey, Any]:
        db = self._conn()

        def run() -> dict[MasterKey, Any]:
            if employers is None:
                return dict(self._master_rows(db))
            out: dict[MasterKey, Any] = {}
            for e, c in employers:
                for k, i, d in db.execute(
                    "SELECT kind, id, data FROM master WHERE employer_id = ? AND "
                    "connection_number = ?",
                    (e, c),
                ):
                    out[(e, c, k, i)] = self._json(d, "master")
            return out

        return self._guard(run)

    def _master_rows(self, db: sqlite3.Connection) -> list[tuple[MasterKey, Any]]:
        return [
            ((e, c, k, i), self._json(d, "master"))
            for e, c, k, i, d in db.execute(
                "SELECT employer_id, connection_number, kind, id, data FROM master "
                "ORDER BY employer_id, connection_number, kind, id"
            )
        ]

    def parked(
        self, queued: bool, after: int = -1, limit: int | None = None
    ) -> list[dict[str, Any]]:
        db = self._conn()
        rows = self._guard(
            lambda: db.execute(
                "SELECT idx, data FROM parked WHERE queued = ? AND idx > ? ORDER BY idx LIMIT ?",
                (int(queued), after, -1 if limit is None else limit),
            ).fetchall()
        )
        return [self._json(data, f"parked[{i}]") for i, data in rows]

    def logged(self, sender: str | None, reference: str) -> Logged | None:
        db = self._conn()
        row = self._guard(
            lambda: db.execute(
                "SELECT idx, digest, first_at, result FROM messages WHERE sender = ? AND "
                "reference = ? AND digest IS NOT NULL ORDER BY idx LIMIT 1",
                (sender or "", reference),
            ).fetchone()
        )
        if row is None:
            return None
        return Logged(row[0], row[1], row[2], self._json(row[3], f"messages[{row[0]}].result"))

    def answer(self, index: int) -> bytes | None:
        db = self._conn()
        row = self._guard(
            lambda: db.execute(
                "SELECT data FROM answers WHERE idx = ? AND data IS NOT NULL ORDER BY id LIMIT 1",
                (index,),
            ).fetchone()
        )
        return None if row is None else bytes(row[0])

    def commit(self, changes: Changes) -> None:
        db = self._conn()
        if not self._in_tx:
            raise RuntimeError("commit without begin")

        def run() -> None:
            self._pending_run = None
            try:
                self._write(db, changes)
                db.execute("COMMIT")
                if self._pending_run is not None:
                    self._run_marked = self._pending_run
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            finally:
                self._in_tx = False

        self._guard(run)

    def _write(self, db: sqlite3.Connection, ch: Changes) -> None:
        ex = db.execute
        if ch.run is not None and ch.run != self._run_marked:
            row = ex("SELECT value FROM meta WHERE key='run'").fetchone()
            marker = _dumps({"id": ch.run, "finished": False})
            if row is None or row[0] != marker:
                ex("INSERT OR REPLACE INTO meta (key, value) VALUES ('run', ?)", (marker,))
            self._pending_run = ch.run
        for key, value in ch.meta.items():
            ex("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, _dumps(value)))
        for ekey, rec in ch.employees.items():
            if rec is None:
                ex(
                    "DELETE FROM employees WHERE employer_id=? AND connection_number=? AND "
                    "employee_id=?",
                    ekey,
                )
            else:
                ex(
                    "INSERT INTO employees (employer_id, connection_number, employee_id, known, "
                    "person, cases) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                    "known=excluded.known, person=excluded.person, cases=excluded.cases",
                    (*ekey, int(rec.known), int(rec.person), _dumps(list(rec.cases))),
                )
        for ck, case in ch.cases.items():
            if case is None:
                ex(
                    "DELETE FROM cases WHERE employer_id=? AND connection_number=? AND case_id=?",
                    ck,
                )
            else:
                ex(
                    "INSERT INTO cases (employer_id, connection_number, case_id, employee_id, "
                    "data) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                    "employee_id=excluded.employee_id, data=excluded.data",
                    (*ck, case["employee_id"], _dumps(case)),
                )
        for mkey, mdata in ch.master.items():
            if mdata is None:
                ex(
                    "DELETE FROM master WHERE employer_id=? AND connection_number=? AND kind=? "
                    "AND id=?",
                    mkey,
                )
            else:
                ex(
                    "INSERT OR REPLACE INTO master (employer_id, connection_number, kind, id, "
                    "data) VALUES (?, ?, ?, ?, ?)",
                    (*mkey, _dumps(mdata)),
                )
        for ck, broken in ch.broken.items():
            if broken is None:
                ex(
                    "DELETE FROM broken WHERE employer_id=? AND connection_number=? AND case_id=?",
                    ck,
                )
            else:
                ex(
                    "INSERT OR REPLACE INTO broken (employer_id, connection_number, case_id, "
                    "data) VALUES (?, ?, ?, ?)",
                    (*ck, _dumps(broken)),
                )
        for index, parked in ch.parked.items():
            ex("DELETE FROM waits WHERE idx = ?", (index,))
            if parked is None:
                ex("DELETE FROM parked WHERE idx = ?", (index,))
                continue
            queued, data = parked
            ex(
                "INSERT OR REPLACE INTO parked (idx, queued, data) VALUES (?, ?, ?)",
                (index, int(queued), _dumps(data)),
            )
            if not queued:
                db.executemany(
                    "INSERT OR IGNORE INTO waits (employer_id, connection_number, case_id, idx) "
                    "VALUES (?, ?, ?, ?)",
                    [(w[0], w[1], w[2], index) for w in data["waits_for"]],
                )
        if ch.messages:
            at = now_text()
            for m in ch.messages:
                resolved = None if m.resolved is None else _dumps(list(m.resolved))
                ex(
                    "INSERT INTO messages (idx, sender, reference, digest, first_at, result, "
                    "resolved, run, resumed_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (idx) DO UPDATE SET result = excluded.result, "
                    "resolved = COALESCE(?, resolved), "
                    "resumed_run = COALESCE(excluded.resumed_run, resumed_run)",
                    (
                        m.index,
                        m.sender or "",
                        m.reference,
                        m.digest,
                        at,
                        _dumps(m.result),
                        resolved or "[]",
                        ch.run,
                        ch.run if m.resumed else None,
                        resolved,
                    ),
                )
        for a in ch.answers:
            row = (a.index, a.name, a.data, a.error)
            try:
                ex("INSERT INTO answers (idx, name, data, error) VALUES (?, ?, ?, ?)", row)
            except sqlite3.IntegrityError:  # the name is taken: the next free -2, -3, ...
                name = unique_name(
                    a.name,
                    lambda n: (
                        ex("SELECT 1 FROM answers WHERE name = ?", (n,)).fetchone() is not None
                    ),
                )
                ex(
                    "INSERT INTO answers (idx, name, data, error) VALUES (?, ?, ?, ?)",
                    (a.index, name, a.data, a.error),
                )
        if ch.deliveries:
            at = now_text()
            for d in ch.deliveries:
                ex(
                    "INSERT INTO deliveries (name, digest, identity, file, ord, idx, result, run, "
                    "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        d.name,
                        d.digest,
                        d.identity,
                        d.file,
                        None if d.order is None else _dumps(d.order),
                        d.index,
                        None if d.result is None else _dumps(d.result),
                        ch.run,
                        at,
                    ),
                )

    def export(self) -> dict[str, Any]:
        meta = self.meta()
        if meta is None:
            raise StateError(f"{self.path}: the store holds no chain state yet")
        db = self._conn()

        def run() -> dict[str, Any]:
            employees = [
                (
                    (e, c, emp),
                    EmployeeRecord(bool(k), bool(p), tuple(self._json(ids, f"employees[{emp!r}]"))),
                )
                for e, c, emp, k, p, ids in db.execute(
                    "SELECT employer_id, connection_number, employee_id, known, person, cases "
                    "FROM employees ORDER BY employer_id, connection_number, employee_id"
                )
            ]
            cases = [
                self._json(d, "cases")
                for (d,) in db.execute(
                    "SELECT data FROM cases ORDER BY employer_id, connection_number, case_id"
                )
            ]
            broken = [
                self._json(d, "broken")
                for (d,) in db.execute(
                    "SELECT data FROM broken ORDER BY employer_id, connection_number, case_id"
                )
            ]
            return assemble(
                meta,
                employees,
                cases,
                broken,
                self.parked(True),
                self.parked(False),
                self._master_rows(db),
            )

        return self._snapshot(run)

    def _snapshot(self, call: Callable[[], T]) -> T:
        """``call()`` in one read transaction (a consistent view while others write)."""
        db = self._conn()
        if self._in_tx:
            return self._guard(call)
        self._guard(lambda: db.execute("BEGIN"))
        try:
            return self._guard(call)
        finally:
            with contextlib.suppress(sqlite3.Error):
                db.execute("COMMIT")

    # ------------------------------------------------------------------ beyond the protocol

    def is_empty(self) -> bool:
        """True when the store holds no chain state yet."""
        return self.meta() is None

    def import_document(self, doc: dict[str, Any]) -> None:
        """Fill an empty store with a state document saved by a validator (normalise other
        documents first: ``ChainValidator.restore(doc).save()``; :func:`import_state` does
        both).

        Raises:
            StateError: the store already holds a state.
        """
        meta, employees, cases, broken, parked = document_records(doc)
        self.bulk_load(
            meta,
            employees.items(),
            cases.values(),
            broken.values(),
            parked.items(),
            document_master(doc).items(),
        )

    def bulk_load(
        self,
        meta: dict[str, Any],
        employees: Iterable[tuple[EmployeeKey, EmployeeRecord]],
        cases: Iterable[dict[str, Any]],
        broken: Iterable[dict[str, Any]] = (),
        parked: Iterable[tuple[int, tuple[bool, dict[str, Any]]]] = (),
        master: Iterable[tuple[MasterKey, Any]] = (),
    ) -> None:
        """Write a whole state into an empty store in one transaction, from iterables (a
        large state never has to be in memory at once)."""
        db = self._conn()

        def run() -> None:
            db.execute("BEGIN IMMEDIATE")
            self._in_tx = True
            try:
                if db.execute("SELECT 1 FROM meta WHERE key = 'next_index'").fetchone():
                    raise StateError(f"{self.path}: the store already holds a chain state")
                db.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [(k, _dumps(meta[k])) for k in META_KEYS],
                )
                db.executemany(
                    "INSERT INTO employees (employer_id, connection_number, employee_id, known, "
                    "person, cases) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        (*k, int(r.known), int(r.person), _dumps(list(r.cases)))
                        for k, r in employees
                    ),
                )
                db.executemany(
                    "INSERT INTO cases (employer_id, connection_number, case_id, employee_id, "
                    "data) VALUES (?, ?, ?, ?, ?)",
                    (
                        (
                            d["employer_id"],
                            d["connection_number"],
                            d["case_id"],
                            d["employee_id"],
                            _dumps(d),
                        )
                        for d in cases
                    ),
                )
                db.executemany(
                    "INSERT INTO broken (employer_id, connection_number, case_id, data) VALUES "
                    "(?, ?, ?, ?)",
                    (
                        (d["employer_id"], d["connection_number"], d["case_id"], _dumps(d))
                        for d in broken
                    ),
                )
                for index, (queued, data) in parked:
                    db.execute(
                        "INSERT INTO parked (idx, queued, data) VALUES (?, ?, ?)",
                        (index, int(queued), _dumps(data)),
                    )
                    if not queued:
                        db.executemany(
                            "INSERT OR IGNORE INTO waits (employer_id, connection_number, "
                            "case_id, idx) VALUES (?, ?, ?, ?)",
                            [(w[0], w[1], w[2], index) for w in data["waits_for"]],
                        )
                db.executemany(
                    "INSERT INTO master (employer_id, connection_number, kind, id, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    ((*k, _dumps(d)) for k, d in master),
                )
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            finally:
                self._in_tx = False

        self._guard(run)

    def export_to(self, out: IO[str]) -> None:
        """Write :meth:`export`'s document as JSON text to ``out``, one case at a time (a
        large store is never in memory at once)."""
        meta = self.meta()
        if meta is None:
            raise StateError(f"{self.path}: the store holds no chain state yet")
        db = self._conn()

        def run() -> None:
            head = {"format": FORMAT, "version": VERSION, **{k: meta[k] for k in META_KEYS}}
            out.write(_dumps(head)[:-1])
            out.write(',"known_employees":[')
            self._rows(
                out,
                (
                    _dumps([e, c, emp])
                    for e, c, emp in db.execute(
                        "SELECT employer_id, connection_number, employee_id FROM employees "
                        "WHERE known ORDER BY employer_id, connection_number, employee_id"
                    )
                ),
            )
            out.write('],"employees":[')
            self._rows(
                out,
                (
                    _dumps([e, c, emp, self._json(ids, f"employees[{emp!r}]")])
                    for e, c, emp, ids in db.execute(
                        "SELECT employer_id, connection_number, employee_id, cases FROM "
                        "employees WHERE person ORDER BY employer_id, connection_number, "
                        "employee_id"
                    )
                ),
            )
            for table, key in (("cases", "cases"), ("broken", "broken")):
                out.write(f'],"{key}":[')
                self._rows(
                    out,
                    (
                        d
                        for (d,) in db.execute(
                            f"SELECT data FROM {table} ORDER BY employer_id, "
                            "connection_number, case_id"
                        )
                    ),
                )
            for queued, key in ((1, "queue"), (0, "waiting")):
                out.write(f'],"{key}":[')
                self._rows(
                    out,
                    (
                        d
                        for (d,) in db.execute(
                            "SELECT data FROM parked WHERE queued = ? ORDER BY idx", (queued,)
                        )
                    ),
                )
            out.write('],"master":[')
            self._rows(out, (_dumps([*k, d]) for k, d in self._master_rows(db)))
            out.write("]}\n")

        self._snapshot(run)

    @staticmethod
    def _rows(out: IO[str], rows: Iterator[str]) -> None:
        first = True
        for row in rows:
            if not first:
                out.write(",")
            out.write(row)
            first = False

    def sync(self) -> None:
        """Make every committed transaction durable (a checkpoint of the WAL, which is
        flushed to disk first): done before answers leave and files are archived, so that
        nothing that went out can be lost by a power failure."""
        db = self._conn()
        self._guard(lambda: db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())

    def check(self) -> list[str]:
        """SQLite's ``integrity_check`` of the whole file (reads every page): the problems
        found, or an empty list."""
        db = self._conn()
        rows = self._guard(lambda: db.execute("PRAGMA integrity_check").fetchall())
        problems = [str(r[0]) for r in rows]
        return [] if problems == ["ok"] else problems

    # ------------------------------------------------------------------ the journal

    def deliveries(self, name: str, digest: str) -> list[DeliveryRow]:
        """The files recorded under this name and digest, oldest first."""
        db = self._conn()
        rows = self._guard(
            lambda: db.execute(
                "SELECT id, name, digest, identity, file, ord, idx, result, run FROM deliveries "
                "WHERE name = ? AND digest = ? ORDER BY id",
                (name, digest),
            ).fetchall()
        )
        return [self._delivery(r) for r in rows]

    def _delivery(self, r: tuple[Any, ...]) -> DeliveryRow:
        where = f"deliveries[{r[0]}]"
        return DeliveryRow(
            id=r[0],
            name=r[1],
            digest=r[2],
            identity=r[3],
            file=r[4],
            order=None if r[5] is None else self._json(r[5], where),
            index=r[6],
            result=None if r[7] is None else self._json(r[7], where),
            run=r[8],
        )

    def journal(self, run: int) -> tuple[list[int], list[DeliveryRow]]:
        """What a run did: the indices of the messages it took from the held queue (in
        order) and the files it recorded (in order)."""
        db = self._conn()

        def go() -> tuple[list[int], list[DeliveryRow]]:
            resumed = [
                i
                for (i,) in db.execute(
                    "SELECT idx FROM messages WHERE resumed_run = ? ORDER BY idx", (run,)
                )
            ]
            rows = db.execute(
                "SELECT id, name, digest, identity, file, ord, idx, result, run FROM deliveries "
                "WHERE run = ? ORDER BY id",
                (run,),
            ).fetchall()
            return resumed, [self._delivery(r) for r in rows]

        return self._guard(go)

    def tag(self, delivery_ids: Iterable[int], run: int) -> None:
        """Record files seen again (and archived) by a run in its journal."""
        db = self._conn()
        ids = [(run, i) for i in delivery_ids]
        if not ids:
            return

        def go() -> None:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("UPDATE deliveries SET run = ? WHERE id = ?", ids)
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('run', ?)",
                (_dumps({"id": run, "finished": False}),),
            )
            db.execute("COMMIT")

        self._guard(go)

    def result(self, index: int, *, resolved: bool = True) -> MessageResult | None:
        """A message's latest own result from the log, with (``resolved``) the latest
        results of the messages its last processing released; None when not logged."""
        db = self._conn()

        def one(i: int) -> tuple[MessageResult, list[int]] | None:
            row = db.execute("SELECT result, resolved FROM messages WHERE idx = ?", (i,)).fetchone()
            if row is None:
                return None
            where = f"messages[{i}]"
            r = result_from_data(self._json(row[0], where), ("messages", i))
            ids = self._json(row[1], where)
            return r, [x for x in ids if isinstance(x, int)] if isinstance(ids, list) else []

        def go() -> MessageResult | None:
            found = one(index)
            if found is None:
                return None
            r, ids = found
            if resolved and ids:
                subs = []
                for i in ids:
                    sub = one(i)
                    if sub is not None:
                        subs.append(sub[0])
                r.resolved = tuple(subs)
            return r

        return self._guard(go)

    def pending_answers(self, limit: int = 500) -> list[tuple[int, str, bytes | None, str | None]]:
        """Answers not written out yet: (id, name, bytes or None, why none), in order."""
        db = self._conn()
        rows = self._guard(
            lambda: db.execute(
                "SELECT id, name, data, error FROM answers WHERE written = 0 ORDER BY id LIMIT ?",
                (limit,),
            ).fetchall()
        )
        return [(i, n, None if d is None else bytes(d), e) for i, n, d, e in rows]

    def mark_written(self, ids: Iterable[int]) -> None:
        """Record answers as written out."""
        db = self._conn()
        rows = [(i,) for i in ids]
        if not rows:
            return

        def go() -> None:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("UPDATE answers SET written = 1 WHERE id = ?", rows)
            db.execute("COMMIT")

        self._guard(go)

    def answer_errors(self, indices: Iterable[int]) -> dict[int, str]:
        """Why the messages with these indices have no answer, where they have none."""
        db = self._conn()
        out: dict[int, str] = {}

        def go() -> None:
            for i in indices:
                row = db.execute(
                    "SELECT error FROM answers WHERE idx = ? AND data IS NULL ORDER BY id LIMIT 1",
                    (i,),
                ).fetchone()
                if row is not None and row[0]:
                    out[i] = str(row[0])

        self._guard(go)
        return out


def acquire_lock(lock_path: Path, what: str, wait: float, owner: str | None = None) -> int:
    """Take the exclusive lock on ``lock_path`` (created when missing), waiting up to
    ``wait`` seconds, and write who holds it into the file; returns the open descriptor
    (closing it lets go). The operating system lets go when the process ends, however it
    ends, so a lock never outlives its holder.

    Raises:
        StoreBusyError: another process holds the lock (the message names it).
        OSError: the lock file cannot be opened.
    """
    import fcntl

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait)
        delay = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
            if time.monotonic() >= deadline:
                holder = _holder(lock_path)
                who = holder or "another process"
                hint = (
                    f" (waited {wait:g} s)" if wait > 0 else "; give --wait SECONDS to wait for it"
                )
                raise StoreBusyError(f"{what} is in use by {who}{hint}", holder=holder)
            time.sleep(delay)
            delay = min(delay * 2, 0.25)
        command = owner if owner is not None else " ".join(sys.argv)
        text = (
            f"pid {os.getpid()} on host {socket.gethostname()} since {now_text()}: "
            f"{cap_value(command, 300)}\n"
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode("utf-8", "replace"), 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def release_lock(fd: int) -> None:
    """Let go of a lock :func:`acquire_lock` took."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
    os.close(fd)


def _holder(lock_path: Path) -> str | None:
    try:
        with open(lock_path, encoding="utf-8", errors="replace") as f:
            text = f.read(1000).strip()
    except OSError:
        return None
    return text or None


def import_state(store: Any, document: Any) -> None:
    """Put a state document (``ChainValidator.save()``, or a ``--state`` file's content)
    into an empty store: read and checked as :meth:`ChainValidator.restore
    <sivi_verzuim.chain.ChainValidator.restore>` reads it, normalised, then written in one
    transaction.

    Raises:
        StateError: the document is damaged or not a chain state, or the store is not empty.
    """
    from ._validator import ChainValidator

    normalised = ChainValidator.restore(document).save()
    if isinstance(store, SqliteStore):
        store.import_document(normalised)
    else:
        if store.meta() is not None:
            raise StateError("the store already holds a chain state")
        store.import_document(normalised)


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.absolute()))
