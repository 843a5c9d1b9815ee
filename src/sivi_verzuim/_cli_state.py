"""``sivi-verzuim process --store`` and the ``state`` subcommand.

::

    sivi-verzuim process INBOX --store FILE [--wait SECONDS] [--archive DIR] ...
    sivi-verzuim state export STORE [-o FILE]
    sivi-verzuim state import FILE STORE [--wait SECONDS]
    sivi-verzuim state check STORE

With ``--store`` the chain state lives in an SQLite store (:class:`~sivi_verzuim.chain.
SqliteStore`) and ``process`` becomes safe to rerun at any moment (``docs/store.md``):

- one run at a time: the store is locked; a second run waits ``--wait`` seconds or stops at
  once, naming the process that holds it (exit 2);
- every message is one transaction with its result and its Retourmelding; every file the
  store took up is recorded in its journal by name, content hash and file identity (device,
  inode, modification time);
- a file seen again (the same file: a rerun) is not read again: its recorded result is
  reported; a file with the same content that is a new copy (a re-delivery) goes to the
  validator, which answers it with the original result and answer (``chain.redelivered``);
- answers go from the store to ``--out`` (temporary file, flushed, renamed, directory flushed)
  after the store is flushed to disk, and are marked written: a rerun writes exactly the ones
  that are missing; files are archived the same way (``--archive``);
- the report is built from the store's journal of the run: a run stopped half-way (killed)
  is continued by the next one, whose report is that of one uninterrupted run. A run that
  has nothing to do writes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import io
import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

from . import _cli_process as cp
from ._answers import TEMP_PREFIX, clean_temp, header_result, write_files
from ._cli_process_read import Reader, finding, internal_error, read_all
from ._codec import Message
from ._fsutil import fsync_dir
from ._inbox import Filters, order_data, order_key, order_key_of
from ._parallel import jobs_of
from ._reports import Progress, print_report, write_reports
from .chain import (
    ChainValidator,
    Delivery,
    MessageResult,
    SqliteStore,
    StateError,
    Status,
    StoreBusyError,
    answer_bytes,
    in_processing_order,
)
from .chain._resultdata import result_from_data
from .chain._sqlite import DeliveryRow
from .chain._store import unique_name
from .errors import cap_value

__all__ = ["cmd_check", "cmd_export", "cmd_import", "process_with_store"]

ARCHIVE_BATCH = 100
"""Files archived (and answers written) together, after one flush of the store."""

_ARCHIVED_OK = (Status.ACCEPTED, Status.DUPLICATE, Status.HELD, Status.PENDING)


# --------------------------------------------------------------------------- process --store


class _Fatal(Exception):
    """The store failed during the run: stop (nothing of the failed step was written)."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        super().__init__(str(exc))


def _open_store(path: Path, wait: float) -> SqliteStore:
    if not path.parent.is_dir():
        raise cp._ConfigError(f"--store {path}: directory {path.parent} does not exist")
    try:
        return SqliteStore(path, wait=wait)
    except StoreBusyError as exc:
        raise cp._ConfigError(str(exc)) from None
    except StateError as exc:
        raise cp._ConfigError(str(exc)) from None
    except OSError as exc:
        raise cp._ConfigError(f"--store {path}: {exc.strerror or exc}") from None


def process_with_store(args: argparse.Namespace, out: TextIO) -> int:
    """``process`` with ``--store`` (see the module docstring)."""
    store: SqliteStore | None = None
    try:
        table = cp._table(args)
        authorized = cp._authorized(args)
        store = _open_store(Path(args.store), args.wait)
        root = Path(args.inbox)
        filters = cp._filters(args)
        entries, unlisted = cp._inbox_entries(root, filters)
        out_dir = _directory(args.out, "--out")
        archive = _directory(args.archive, "--archive")
        now = dt.datetime.now()
        show = bool(args.show_personal_data)

        def answer(result: MessageResult) -> bytes:
            return answer_bytes(result, now=now, show_personal_data=show)

        try:
            if args.authorized:
                validator = ChainValidator(
                    store=store, authorized=authorized, decision_table=table, answer=answer
                )
            else:
                validator = ChainValidator(store=store, decision_table=table, answer=answer)
        except StateError as exc:
            raise cp._ConfigError(str(exc)) from None
        except OSError as exc:
            raise cp._ConfigError(f"--store {args.store}: {exc}") from None
        cp._load_baseline(args, validator)
    except cp._ConfigError as exc:
        if store is not None:
            store.close()
        for line in str(exc).splitlines():
            sys.stderr.write(f"sivi-verzuim process: {line}\n")
        return 2
    text = io.StringIO()
    try:
        run = _StoreRun(args, store, validator, root, out_dir, archive, show, filters)
        code = run.go(entries, unlisted, text)
    finally:
        store.close()  # before printing: a slow reader of the output does not hold the store
    out.write(text.getvalue())
    return code


def _directory(value: str | None, option: str) -> Path | None:
    if not value:
        return None
    path = Path(value)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cp._ConfigError(f"{option} {path}: {exc.strerror or exc}") from None
    return path


class _StoreRun:
    """One run of ``process --store``."""

    def __init__(
        self,
        args: argparse.Namespace,
        store: SqliteStore,
        validator: ChainValidator,
        root: Path,
        out_dir: Path | None,
        archive: Path | None,
        show: bool,
        filters: Filters,
    ) -> None:
        self.args = args
        self.filters = filters
        self.store = store
        self.validator = validator
        self.root = root
        self.is_dir = root.is_dir()
        self.out_dir = out_dir
        self.archive = archive
        self.show = show
        self.files: dict[str, Delivery] = {}  # file name -> what a new delivery records
        self.paths: dict[str, Path] = {}
        self.replays: list[tuple[Path, DeliveryRow]] = []  # files the store had already
        self.unarchived: list[tuple[Path, DeliveryRow]] = []  # ... not archived yet
        self.to_archive: list[tuple[Path, str, Status, int | None]] = []
        self.unlisted: set[str] = set()
        self.extra: list[MessageResult] = []  # results no transaction recorded
        self.negative = 0
        self.notes: list[str] = []
        self.failed = False
        self.took_up = False
        last, finished = store.run_state()
        self.run = last + 1 if finished else last

    # ------------------------------------------------------------------ the run

    def go(self, entries: list[Path], unlisted: list[tuple[Path, OSError]], out: TextIO) -> int:
        v = self.validator
        v.run = self.run
        for directory in (self.out_dir, self.archive):
            if directory is not None:
                clean_temp(directory)
        classifies = bool(self.args.classify or self.args.decision_table)
        inbox = Reader(seen=self._seen, filters=self.filters, bound=not classifies)
        try:
            if self.args.hold:
                v.hold()
            elif v.held:
                try:
                    v.resume()
                except (StateError, OSError) as exc:
                    raise _Fatal(exc) from None
                except Exception as exc:  # the boundary: a run goes on
                    problem = internal_error(exc, "resuming the held messages")
                    self.extra.append(
                        MessageResult.detached(
                            Status.REJECTED, None, (problem,), index=inbox.next_index()
                        )
                    )
            for directory, error in unlisted:
                text = f"cannot list the directory: {error.strerror or type(error).__name__}"
                problem = finding("io.unreadable", text, file=str(directory))
                inbox.unreadable(str(directory), problem)
                self.unlisted.add(str(directory))
            read_all(inbox, entries, jobs_of(self.args))
            live: list[MessageResult] = []
            for r in inbox.detached:
                delivery = self.files.get(r.file or "")
                if (
                    delivery is not None
                    and r.status in (Status.UNREADABLE, Status.REJECTED)
                    and not _internal(r)
                ):
                    self._record(r, delivery)
                else:
                    live.append(r)  # not recorded: skipped, never read, or retried next run
            messages = sorted(inbox.messages, key=order_key)
            progress = Progress(len(messages))
            for done, message in enumerate(messages, 1):
                self._process(message, inbox)
                progress.update(done)
            self._flush_archive()
            self._flush_answers()
        except _Fatal as fatal:
            cause = fatal.exc
            sys.stderr.write(
                f"sivi-verzuim process: the store failed, stopped: {cap_value(str(cause), 500)}\n"
            )
            return 2 if isinstance(cause, StateError) else 1
        try:
            final = self._report(live)
        except (StateError, OSError) as exc:
            sys.stderr.write(
                f"sivi-verzuim process: cannot read the report from the store: "
                f"{cap_value(str(exc), 500)}\n"
            )
            return 2 if isinstance(exc, StateError) else 1
        self._write_report(final)
        state = self.store.run_state()
        if state == (self.run, False):
            self.store.finish_run(self.run)
        held = None
        if v.held:
            held = f"held: {len(v.queued())} message(s) queued in {self.args.store}\n"
        print_report(
            out,
            final,
            self.notes,
            show=self.show,
            events=bool(self.args.events),
            as_json=self.args.json,
            held=held,
        )
        return 1 if self.failed or cp.not_processed(final) else 0

    # ------------------------------------------------------------------ files

    def _name(self, path: Path) -> str:
        if self.is_dir:
            with contextlib.suppress(ValueError):
                return path.relative_to(self.root).as_posix()
        return path.name

    def _seen(self, path: Path, name: str, digest: str) -> bool:
        """Whether the store has this very file (content hash ``digest``) already (then it
        is not taken again)."""
        rel = self._name(path)
        info = path.stat()
        identity = f"{info.st_dev}:{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"
        try:
            rows = self.store.deliveries(rel, digest)
        except (StateError, OSError) as exc:
            raise _Fatal(exc) from None
        for row in reversed(rows):
            if row.identity == identity:
                self.replays.append((path, row))
                self.unarchived.append((path, row))
                return True
        self.files[name] = Delivery(rel, digest, identity, name)
        self.paths[name] = path
        return False

    def _process(self, message: Message, inbox: Reader) -> None:
        name = message.file or ""
        delivery = self.files.get(name)
        if delivery is None:  # cannot happen: every message was read from a file
            return
        delivery = Delivery(
            delivery.name, delivery.digest, delivery.identity, name, order_data(message)
        )
        try:
            result = self.validator.process(
                inbox.subject(message),
                file=message.file,
                digest=delivery.digest,
                delivery=delivery,
            )
        except (StateError, OSError, StoreBusyError) as exc:
            raise _Fatal(exc) from None
        except Exception as exc:  # the boundary per message
            # reported, but neither recorded nor answered nor archived: an unexpected failure
            # (a bug, a resource that was missing) must not become the file's final outcome;
            # the next run tries the file again
            problem = internal_error(exc, "processing the message", message.file)
            self.extra.append(header_result(message, problem, inbox.next_index()))
            return
        self.to_archive.append((self.paths[name], delivery.name, result.status, None))
        if len(self.to_archive) >= ARCHIVE_BATCH:
            self._flush_archive()

    def _record(self, result: MessageResult, delivery: Delivery) -> None:
        try:
            self.validator.record(result, delivery)
        except (StateError, OSError, StoreBusyError) as exc:
            raise _Fatal(exc) from None
        path = self.paths.get(delivery.file)
        if path is not None:
            self.to_archive.append((path, delivery.name, result.status, None))

    # ------------------------------------------------------------------ out of the store

    def _flush_archive(self) -> None:
        """Archive the files whose transactions committed (after the store is flushed)."""
        if self.archive is None:
            self.to_archive.clear()
            return
        try:
            for path, row in self.unarchived:
                self.to_archive.append((path, row.name, self._replay(row).status, row.id))
        except (StateError, OSError) as exc:
            raise _Fatal(exc) from None
        self.unarchived.clear()
        if not self.to_archive:
            return
        try:
            tagged = [i for _, _, _, i in self.to_archive if i is not None]
            self.store.tag(tagged, self.run)
            self.store.sync()
        except (StateError, OSError) as exc:
            raise _Fatal(exc) from None
        moved: set[Path] = set()
        for path, rel, status, seen in self.to_archive:
            part = "processed" if status in _ARCHIVED_OK else "rejected"
            target = self.archive / part / rel
            try:
                _move(path, target, seen is not None)
                moved.add(target.parent)
                moved.add(path.parent)
            except OSError as exc:
                self.notes.append(f"cannot archive {path}: {exc.strerror or exc}")
                self.failed = True
        for directory in moved:
            fsync_dir(directory)
        self.to_archive.clear()

    def _flush_answers(self) -> None:
        """Write every answer the store has not written out yet."""
        if self.out_dir is None:
            return
        try:
            self.store.sync()
            while True:
                batch = self.store.pending_answers(200)
                if not batch:
                    return
                files = [(name, data) for _, name, data, _ in batch if data is not None]
                failed = write_files(self.out_dir, files)
                done = [i for i, name, _, _ in batch if name not in failed]
                self.store.mark_written(done)
                for name, exc in failed.items():
                    self.notes.append(f"cannot write {self.out_dir / name}: {exc.strerror or exc}")
                    self.failed = True
                if failed:
                    return  # the rest next time: nothing is marked written that is not
        except (StateError, OSError) as exc:
            raise _Fatal(exc) from None

    # ------------------------------------------------------------------ the report

    def _replay(self, row: DeliveryRow) -> MessageResult:
        if row.result is not None:
            r = result_from_data(row.result, ("deliveries", row.id))
            if r.index < 0:
                self.negative -= 1
                r._msg.index = self.negative - 1_000_000
            return r
        found = self.store.result(row.index) if row.index is not None else None
        if found is None:
            raise StateError(
                f"{self.store.path}: a damaged chain store: message {row.index} "
                f"of file {row.file} is not in the log"
            )
        return found

    def _report(self, live: list[MessageResult]) -> list[MessageResult]:
        resumed, journal = self.store.journal(self.run)
        rows: dict[int, DeliveryRow] = {r.id: r for r in journal}
        for _, row in self.replays:
            rows[row.id] = row
        results: list[MessageResult] = list(self.extra)
        for index in resumed:
            r = self.store.result(index)
            if r is not None:
                results.append(r)
        messages = sorted(
            (r for r in rows.values() if r.order is not None),
            key=lambda r: (order_key_of(r.order), r.id),
        )
        results += [self._replay(r) for r in messages]
        listed = [r for r in live if r.file in self.unlisted]
        rest = [r for r in live if r.file not in self.unlisted]
        rest += [self._replay(r) for r in rows.values() if r.order is None]
        rest.sort(key=lambda r: Path(r.file or ""))
        final = [*in_processing_order(results), *listed, *rest]
        self.took_up = bool(rows or resumed or self.extra)
        indices = [r.index for r in final if r.status.answered and r.index >= 0]
        errors = self.store.answer_errors(indices)
        for r in final:
            if not r.status.answered:
                continue
            what = r.file or r.reference or "a message without a file"
            if r.release is None:
                self.notes.insert(
                    0, f"no Retourmelding for {what}: no header could be read from it"
                )
            elif r.index in errors:
                self.notes.insert(0, f"no Retourmelding for {what}: {errors[r.index]}")
        return final

    def _write_report(self, final: list[MessageResult]) -> None:
        if self.out_dir is None or not self.took_up:
            return  # no file taken up (at most skipped ones seen): nothing written
        report_notes = [n for n in self.notes if n.startswith("no Retourmelding")]
        ok = write_reports(
            self.out_dir,
            final,
            report_notes,
            show=self.show,
            events=bool(self.args.events),
            unchanged_kept=True,
        )
        if not ok:
            self.failed = True


def _internal(result: MessageResult) -> bool:
    return any(f.code == "internal.error" for f in result.findings)


def _move(source: Path, target: Path, again: bool) -> None:
    """Move a file into the archive (a name that is taken gets ``-2``, ``-3``, ...).

    ``again``: the file was taken up by an earlier run, which may have been stopped half-way
    through moving it (the same file, or a copy of the same bytes, already at ``target``):
    then only the inbox's entry is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        with contextlib.suppress(OSError):
            if os.path.samefile(source, target) or (
                again and target.read_bytes() == source.read_bytes()
            ):
                os.unlink(source)
                return
    target = target.with_name(unique_name(target.name, lambda n: (target.parent / n).exists()))
    try:
        os.link(source, target)  # never replaces an existing file
        os.unlink(source)
        return
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
            raise
    tmp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}.tmp")
    shutil.copyfile(source, tmp)
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    os.unlink(source)


# --------------------------------------------------------------------------- state ...
# (the subcommand's parser: :func:`._cli_process.register_state`)


def _fail(text: str) -> int:
    for line in text.splitlines():
        sys.stderr.write(f"sivi-verzuim state: {line}\n")
    return 2


def _readonly(path: str) -> SqliteStore:
    return SqliteStore(path, readonly=True, create=False)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """``sivi-verzuim state export``."""
    try:
        with _readonly(args.store) as store:
            if args.output:
                target = Path(args.output)
                tmp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}.tmp")
                try:
                    with open(tmp, "w", encoding="utf-8") as f:
                        store.export_to(f)
                        f.flush()
                        os.fsync(f.fileno())
                    os.replace(tmp, target)
                finally:
                    tmp.unlink(missing_ok=True)
            else:
                store.export_to(out)
    except (StateError, StoreBusyError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.filename or args.store}: {exc.strerror or exc}")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    """``sivi-verzuim state import``."""
    try:
        data = cp._read_state(Path(args.document))
        normalised = ChainValidator.restore(data).save()
    except cp._ConfigError as exc:
        return _fail(str(exc))
    except StateError as exc:
        return _fail(f"{args.document}: {exc}")
    path = Path(args.store)
    try:
        store = _open_store(path, args.wait)
    except cp._ConfigError as exc:
        return _fail(str(exc))
    try:
        store.import_document(normalised)
    except StateError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{path}: {exc.strerror or exc}")
    finally:
        store.close()
    cases = len(normalised["cases"])
    records = len(normalised.get("master", ()))
    out.write(f"imported {cases} case(s) and {records} master-data record(s) into {path}\n")
    return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """``sivi-verzuim state check``."""
    try:
        with _readonly(args.store) as store:
            problems = store.check()
            if not problems:
                with open(os.devnull, "w", encoding="utf-8") as null:
                    store.export_to(null)  # every record readable as JSON too
    except (StateError, StoreBusyError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.filename or args.store}: {exc.strerror or exc}")
    if problems:
        for p in problems[:100]:
            out.write(f"{p}\n")
        return 1
    out.write(f"{args.store}: ok\n")
    return 0
