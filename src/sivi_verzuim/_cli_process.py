"""The ``process`` and ``baseline-template`` subcommands of ``sivi-verzuim``.

::

    sivi-verzuim process INBOX [--baseline DIR] [--state FILE | --store FILE] [--hold]
                               [--authorized FILE] [--out DIR] [--json] [--events]
                               [--pattern 'VZ*.xml'] [--classify] [--decision-table TABLE.toml]
                               [--wait SECONDS] [--archive DIR] [--show-personal-data]
    sivi-verzuim baseline-template DIR [--force]

``process`` reads the Verzuimmeldingen in INBOX, orders them, runs them through the
mutation-chain validator and answers each with a Retourmelding. See ``docs/chain.md``. With
``--store`` the run is done by :mod:`._cli_state` (a transaction per message, exactly once,
safe to rerun: ``docs/store.md``); ``--state`` runs take a lock on ``<state>.lock`` too.
Wired into :mod:`sivi_verzuim.cli` by ``register(subparsers)``.

Receivers run it unattended, so one file never stops a run: every file the filter picks is
judged on its own (read, parsed, processed, each behind a boundary that turns any failure into
a result for that file) and appears in the report. Exit 0 when everything was accepted, 1 when
anything was rejected or unreadable, 2 for a usage or configuration error (then nothing is
processed and no state is written).

This module also holds the directory listing and the per-path checks that ``validate``,
``inspect`` and ``classify`` share (:func:`list_entries`, :func:`entry_problem`,
:func:`internal_error`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import attrs

from ._codec import Message, parse, serialize
from ._fsutil import fsync_dir
from ._safexml import Limits, read_source
from ._salvage import SalvagedHeader, salvage_header
from .chain import (
    Baseline,
    ChainValidator,
    CsvError,
    MessageResult,
    StateError,
    Status,
    StoreBusyError,
    in_processing_order,
    read_authorized,
    report_json,
    report_text,
    retourmelding,
    write_baseline_templates,
)
from .chain._sqlite import acquire_lock, release_lock
from .classification import (
    DEFAULT_DECISION_TABLE,
    DecisionTable,
    DecisionTableError,
    load_decision_table,
)
from .errors import (
    Finding,
    MalformedXMLError,
    Severity,
    SiviError,
    UnknownMessageError,
    UnsafeXMLError,
    cap_value,
)
from .releases import MessageType, Release

__all__ = ["entry_problem", "internal_error", "list_entries", "register"]

DEFAULT_PATTERN = "VZ*.xml"
PROGRESS_FROM = 200  # files: below this, no progress bar
_FAR = (dt.date.max, dt.time.max)
_LIMITS = Limits()
_VZ = MessageType.VERZUIMMELDINGEN
_NOT_PROCESSED = (Status.REJECTED, Status.CONSEQUENTIAL, Status.UNREADABLE)


def register(subparsers: Any) -> None:
    """Add the ``process`` and ``baseline-template`` subcommands to the ``sivi-verzuim``
    argument parser (``subparsers`` is what ``add_subparsers()`` returned)."""
    p = subparsers.add_parser(
        "process",
        help="run Verzuimmeldingen through the chain validator; write Retourmeldingen",
        description="Read the Verzuimmeldingen in INBOX (files matching --pattern, picked by "
        "content), order them by AandatBr, AantijdBr and Berrefnr, judge every absence "
        "mutation against the chain state, write a Retourmelding per message and a report. "
        "Every file picked appears in the report. Exit 1 when any message was rejected or "
        "any file unreadable, 2 for a usage or configuration error (nothing processed).",
    )
    p.add_argument("inbox", metavar="INBOX", help="a directory (searched recursively) or a file")
    p.add_argument(
        "--baseline", metavar="DIR", help="go-live baseline: DIR/employees.csv, DIR/cases.csv"
    )
    p.add_argument(
        "--state",
        metavar="FILE",
        help="chain state (JSON): read when it exists, written back afterwards",
    )
    p.add_argument(
        "--store",
        metavar="FILE",
        help="chain state in an SQLite store (created when missing): a transaction per "
        "message, every message processed and answered exactly once, safe to rerun",
    )
    p.add_argument(
        "--wait",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another run that uses the --store or --state (default 0: "
        "stop at once, naming it)",
    )
    p.add_argument(
        "--archive",
        metavar="DIR",
        help="with --store: move each file, once its transaction has committed, to "
        "DIR/processed/ or DIR/rejected/ (keeping its place below INBOX)",
    )
    p.add_argument(
        "--hold",
        action="store_true",
        help="only queue the messages (e.g. until the baseline is loaded); needs --state or "
        "--store",
    )
    p.add_argument(
        "--authorized",
        metavar="FILE",
        help="CSV of the employers (employer_id,connection_number) this account may deliver for",
    )
    p.add_argument("--out", metavar="DIR", help="write RM-<file>.xml and report.txt/.json here")
    p.add_argument("--json", action="store_true", help="print the report as one JSON array")
    p.add_argument(
        "--events",
        action="store_true",
        help="add each message's change events (case opened, percentage changed, closed, ...) "
        "to the JSON report (--json and report.json)",
    )
    p.add_argument(
        "--pattern",
        default=DEFAULT_PATTERN,
        metavar="GLOB",
        help=f"file-name filter, case-insensitive (default {DEFAULT_PATTERN!r})",
    )
    p.add_argument(
        "--classify",
        action="store_true",
        help="derive each mutation's absence classification (default decision table) and "
        "show it in the report",
    )
    p.add_argument(
        "--decision-table",
        metavar="TABLE.toml",
        help="classify with this decision table (implies --classify)",
    )
    p.add_argument(
        "--show-personal-data",
        action="store_true",
        help="show the values of personal-data elements (BSN, date of birth, names, ...) in "
        "the reports and Retourmeldingen instead of masking them",
    )
    p.set_defaults(func=_cmd_process)

    p = subparsers.add_parser(
        "baseline-template", help="write employees.csv and cases.csv baseline templates"
    )
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=_cmd_baseline_template)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _cmd_baseline_template(args: argparse.Namespace, out: TextIO) -> int:
    try:
        paths = write_baseline_templates(args.directory, overwrite=args.force)
    except FileExistsError as exc:
        sys.stderr.write(f"sivi-verzuim: {exc}\n")
        return 1
    for path in paths:
        out.write(f"{path}\n")
    return 0


# --------------------------------------------------------------------------- shared


def list_entries(
    root: Path, matches: Callable[[str], bool]
) -> tuple[list[Path], list[tuple[Path, OSError]]]:
    """Every directory entry below ``root`` whose name ``matches``, whatever it is (a file,
    a directory, a symbolic link, dangling or not), sorted; and the directories below
    ``root`` that could not be listed, with why.

    Directories are searched recursively; symbolic links to directories are listed but not
    followed (no loops).

    Raises:
        OSError: ``root`` itself cannot be listed.
    """
    found: list[Path] = []
    failed: list[tuple[Path, OSError]] = []
    with os.scandir(root) as it:
        pending = [(root, list(it))]
    while pending:
        _, entries = pending.pop()
        for entry in entries:
            path = Path(entry.path)
            if matches(entry.name):
                found.append(path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if not is_dir:
                continue
            try:
                with os.scandir(path) as it:
                    pending.append((path, list(it)))
            except OSError as exc:
                failed.append((path, exc))
    found.sort()
    failed.sort(key=lambda item: item[0])
    return found, failed


def entry_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a message file, found without opening it; None for a
    regular file (or a symbolic link to one). A FIFO or device is never opened: reading it
    could block an unattended run."""
    try:
        info = path.stat()
    except FileNotFoundError:
        try:
            dangling = path.is_symlink()
        except OSError:
            dangling = False
        return "a dangling symbolic link" if dangling else "no such file"
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    if stat.S_ISDIR(info.st_mode):
        return "a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return None


def internal_error(exc: BaseException, stage: str, file: str | None = None) -> Finding:
    """The ``internal.error`` finding for an unexpected exception: its type and what was
    being done, never its text (which may hold message content) nor a traceback."""
    return Finding(
        code="internal.error",
        severity=Severity.ERROR,
        message=f"internal error while {stage} ({type(exc).__name__}); not processed",
        file=file,
    )


def _finding(
    code: str,
    message: str,
    *,
    file: str,
    line: int | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    return Finding(code=code, severity=severity, message=message, line=line, file=file)


def _unsafe_text(exc: UnsafeXMLError) -> str:
    where = f"line {exc.line}: " if exc.line is not None else ""
    return f"unsafe XML refused [{exc.rule}]: {where}{exc.reason}"


def _malformed_text(exc: MalformedXMLError) -> str:
    where = f"line {exc.line}, column {exc.column}: " if exc.line is not None else ""
    return f"malformed XML: {where}{exc.reason}"


# --------------------------------------------------------------------------- reading


class _Inbox:
    """Reads the files of one run; gives each result that no validator produced its own
    negative index (:func:`in_processing_order` tells results apart by index)."""

    def __init__(self, seen: Callable[[Path, str, bytes], bool] | None = None) -> None:
        self.messages: list[Message] = []
        self.detached: list[MessageResult] = []
        self._count = 0
        # with a store: called with every file's bytes before they are parsed; True when
        # the store already has the file (it is not read again)
        self._seen = seen

    def next_index(self) -> int:
        """A new negative index (the validator's own are never negative)."""
        self._count += 1
        return -self._count

    def add_detached(
        self,
        status: Status,
        file: str,
        findings: tuple[Finding, ...],
        header: SalvagedHeader | None = None,
        release: Release | None = None,
        *,
        header_release: bool = True,
    ) -> None:
        """A result for a file that did not reach the validator. With a header that names a
        ``Berrefnr``, the result carries the header and ``release`` (when None and
        ``header_release``: the release the header names) so that it can be answered."""
        if header is not None and header.reference:
            rel = release or (header.release if header_release else None)
            result = MessageResult.detached(
                status,
                file,
                findings,
                index=self.next_index(),
                reference=header.reference,
                release=rel,
                sender=header.sender,
                recipient=header.recipient,
                test=header.test,
            )
        else:
            reference = header.reference if header is not None else None
            result = MessageResult.detached(
                status, file, findings, index=self.next_index(), reference=reference
            )
        self.detached.append(result)

    def unreadable(self, file: str, finding: Finding, header: SalvagedHeader | None = None) -> None:
        self.add_detached(Status.UNREADABLE, file, (finding,), header)

    def read(self, path: Path) -> None:
        """Judge one file; the boundary: nothing it raises stops the run."""
        name = str(path)
        data: bytes | None = None
        counts = len(self.messages), len(self.detached)
        try:
            data = self._bytes(path, name)
            if data is not None and not (self._seen is not None and self._seen(path, name, data)):
                self._parse(data, name)
        except Exception as exc:
            # one entry per file: drop whatever this file added before it failed
            del self.messages[counts[0] :], self.detached[counts[1] :]
            header = None
            if data is not None:
                try:
                    header = salvage_header(data, limits=_LIMITS)
                except Exception:
                    header = None
            self.unreadable(name, internal_error(exc, "reading the file", name), header)

    def _bytes(self, path: Path, name: str) -> bytes | None:
        problem = entry_problem(path)
        if problem is not None:
            self.unreadable(name, _finding("io.unreadable", f"cannot read: {problem}", file=name))
            return None
        try:
            data, _ = read_source(path, limits=_LIMITS)
        except UnsafeXMLError as exc:
            self.unreadable(name, _finding(f"xml.unsafe.{exc.rule}", _unsafe_text(exc), file=name))
            return None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self.unreadable(name, _finding("io.unreadable", f"cannot read: {reason}", file=name))
            return None
        return data

    def _parse(self, data: bytes, name: str) -> None:
        try:
            message = parse(data, strict=False, limits=_LIMITS)
        except UnsafeXMLError as exc:  # never salvaged: refused as unsafe
            code = f"xml.unsafe.{exc.rule}"
            self.unreadable(name, _finding(code, _unsafe_text(exc), file=name, line=exc.line))
            return
        except MalformedXMLError as exc:
            finding = _finding("xml.malformed", _malformed_text(exc), file=name, line=exc.line)
            self.unreadable(name, finding, salvage_header(data, limits=_LIMITS))
            return
        except UnknownMessageError as exc:
            self._unknown(exc, data, name)
            return
        except SiviError as exc:
            text = f"not readable as a message ({type(exc).__name__})"
            self.unreadable(name, _finding("message.unreadable", text, file=name))
            return
        if message.message_type is not _VZ:
            title, release = message.message_type.title, message.release.value
            text = f"{title} {release}, not Verzuimmeldingen: left alone"
            finding = _finding("skipped.other-message", text, file=name, severity=Severity.INFO)
            self.add_detached(Status.SKIPPED, name, (finding,))
            return
        self.messages.append(attrs.evolve(message, file=name))

    def _unknown(self, exc: UnknownMessageError, data: bytes, name: str) -> None:
        root = cap_value(exc.root)
        namespace = cap_value(exc.namespace)
        suggestion = getattr(exc, "suggestion", None)
        hint = ""
        if suggestion is not None:
            mt, rel = suggestion
            hint = f"; did you mean {mt.namespace(rel)} (release {rel.value})?"
        if exc.root == _VZ.root:
            # a Verzuimmeldingen in a namespace no release has: refused, and answered in the
            # suggested release (the well-formed input passed every safety check)
            release = suggestion[1] if suggestion is not None and suggestion[0] is _VZ else None
            text = f"Verzuimmeldingen in namespace {namespace!r}, which no supported release has"
            finding = _finding("message.unknown-namespace", text + hint, file=name)
            header = salvage_header(data, limits=_LIMITS)
            self.add_detached(
                Status.REJECTED, name, (finding,), header, release, header_release=False
            )
            return
        known = {mt.root: mt for mt in MessageType}
        if exc.root in known:
            text = (
                f"{known[exc.root].title} in namespace {namespace!r}, which no supported "
                "release has; not Verzuimmeldingen: left alone"
            )
            code = "skipped.other-message"
        else:
            text = (
                f"not a SIVI Verzuimstandaard message: root element {root!r} in namespace "
                f"{namespace!r}{hint}"
            )
            code = "skipped.not-sivi"
        finding = _finding(code, text, file=name, severity=Severity.INFO)
        self.add_detached(Status.SKIPPED, name, (finding,))


def _order_key(message: Message) -> tuple[dt.date, dt.time, str, str]:
    """Processing order: AandatBr, AantijdBr, Berrefnr, then the file name."""
    try:
        header = message.header
        return (
            header.date or _FAR[0],
            header.time or _FAR[1],
            header.reference or "",
            message.file or "",
        )
    except Exception:  # a header that cannot be read goes last
        return (*_FAR, "", message.file or "")


class _Progress:
    """A progress bar on stderr, only when stderr is a terminal and there is a lot to do."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = total >= PROGRESS_FROM and sys.stderr.isatty()
        self.shown = -1

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        percent = done * 100 // self.total
        if percent == self.shown:
            return
        self.shown = percent
        bar = "#" * (percent // 4)
        sys.stderr.write(f"\r[{bar:<25}] {done}/{self.total} messages")
        if done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


# --------------------------------------------------------------------------- configuration


class _ConfigError(Exception):
    """A usage or configuration problem: reported on stderr, exit 2, nothing processed."""


def _table(args: argparse.Namespace) -> DecisionTable | None:
    """The decision table to classify with, or None."""
    if args.decision_table:
        try:
            return load_decision_table(args.decision_table)
        except DecisionTableError as exc:
            raise _ConfigError("\n".join(str(f) for f in exc.findings)) from None
        except OSError as exc:
            raise _ConfigError(
                f"cannot read decision table {args.decision_table}: {exc.strerror or exc}"
            ) from None
    return DEFAULT_DECISION_TABLE if args.classify else None


def _read_state(state: Path) -> dict[str, Any]:
    """The state document, or a :class:`_ConfigError` naming what is wrong with the file."""
    try:
        raw = state.read_bytes()
    except OSError as exc:
        raise _ConfigError(f"cannot read state file {state}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _ConfigError(
            f"{state}: damaged chain state: not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None
    except json.JSONDecodeError as exc:
        raise _ConfigError(f"{state}: damaged chain state: not JSON: {exc}") from None
    except RecursionError:
        raise _ConfigError(f"{state}: damaged chain state: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise _ConfigError(
            f"{state}: not a chain state: the top level is a JSON {type(data).__name__}, "
            "not an object"
        )
    return data


def _authorized(args: argparse.Namespace) -> frozenset[tuple[str, str]] | None:
    try:
        return read_authorized(args.authorized) if args.authorized else None
    except CsvError as exc:
        raise _ConfigError("\n".join(str(p) for p in exc.problems)) from None
    except (SiviError, OSError) as exc:
        raise _ConfigError(f"authorisation file {args.authorized}: {exc}") from None


def _load_baseline(args: argparse.Namespace, validator: ChainValidator) -> None:
    if args.baseline:
        try:
            validator.load_baseline(Baseline.from_directory(args.baseline))
        except CsvError as exc:
            raise _ConfigError("\n".join(str(p) for p in exc.problems)) from None
        except (SiviError, OSError) as exc:
            raise _ConfigError(f"baseline {args.baseline}: {exc}") from None


def _validator(args: argparse.Namespace, table: DecisionTable | None) -> ChainValidator:
    authorized = _authorized(args)
    state = Path(args.state) if args.state else None
    if state is not None and (state.exists() or state.is_symlink()):
        data = _read_state(state)
        try:
            if args.authorized:
                validator = ChainValidator.restore(
                    data, authorized=authorized, decision_table=table
                )
            else:
                validator = ChainValidator.restore(data, decision_table=table)
        except StateError as exc:
            raise _ConfigError(f"{state}: {exc}") from None
        except Exception as exc:  # a damaged document restore did not foresee
            raise _ConfigError(
                f"{state}: damaged chain state ({type(exc).__name__}: {cap_value(str(exc))})"
            ) from None
    else:
        if state is not None and not state.parent.is_dir():
            raise _ConfigError(f"--state {state}: directory {state.parent} does not exist")
        validator = ChainValidator(authorized=authorized, decision_table=table)
    _load_baseline(args, validator)
    return validator


def _inbox_entries(root: Path, pattern: str) -> tuple[list[Path], list[tuple[Path, OSError]]]:
    try:
        info = root.stat()
    except OSError as exc:
        raise _ConfigError(f"inbox {root}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(info.st_mode):
        return [root], []  # one file, judged like any other
    wanted = pattern.lower()
    try:
        return list_entries(root, lambda name: fnmatch.fnmatchcase(name.lower(), wanted))
    except OSError as exc:
        raise _ConfigError(f"cannot list inbox {root}: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------- output


TEMP_PREFIX = ".sivi-verzuim-"
"""Temporary files this command writes start with this (``.sivi-verzuim-<pid>-<name>.tmp``,
beside the file they become)."""


def _temp_name(path: Path) -> Path:
    return path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}.tmp")


def write_atomic(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same directory (a name
    of this process's own), flushed to disk, renamed over ``path``, and the directory
    flushed. ``path`` holds the old content or the new one, never part of either."""
    tmp = _temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    if sync_dir:
        fsync_dir(path.parent)


def write_files(directory: Path, files: list[tuple[str, bytes]]) -> dict[str, OSError]:
    """Write several files atomically, as :func:`write_atomic` does one, but flushing them
    together (all temporary files written, then each flushed, renamed, and the directory
    flushed once): much cheaper than one at a time. Returns the files that could not be
    written, with why; the others are on disk when it returns."""
    failed: dict[str, OSError] = {}
    for start in range(0, len(files), 200):  # a bounded number of open files
        _write_chunk(directory, files[start : start + 200], failed)
    fsync_dir(directory)
    return failed


def _write_chunk(
    directory: Path, files: list[tuple[str, bytes]], failed: dict[str, OSError]
) -> None:
    written: list[tuple[str, Path, int]] = []
    for name, data in files:
        tmp = _temp_name(directory / name)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError as exc:
            failed[name] = exc
            continue
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            failed[name] = exc
            continue
        written.append((name, tmp, fd))
    for name, _, fd in written:
        try:
            os.fsync(fd)
        except OSError as exc:
            failed[name] = exc
        finally:
            os.close(fd)
    for name, tmp, _ in written:
        try:
            if name not in failed:
                os.replace(tmp, directory / name)
        except OSError as exc:
            failed[name] = exc
        finally:
            tmp.unlink(missing_ok=True)


def _save(validator: ChainValidator, path: Path) -> None:
    """Write the state atomically (a crash never leaves half a file, two runs never share a
    temporary file)."""
    write_atomic(path, json.dumps(validator.save(), ensure_ascii=False).encode("utf-8"))


def _write_answers(
    results: list[MessageResult], out_dir: Path, now: dt.datetime, show: bool
) -> list[str]:
    """A Retourmelding per message with a final result; returns notes for the report."""
    notes = []
    used: set[str] = set()
    files: list[tuple[str, bytes]] = []
    for r in results:
        if not r.status.answered:
            continue
        what = r.file or r.reference or "a message without a file"
        if r.release is None:
            notes.append(f"no Retourmelding for {what}: no header could be read from it")
            continue
        stem = Path(r.file).stem if r.file else (r.reference or f"message-{r.index}")
        name = f"RM-{stem}.xml"
        n = 1
        while name in used:
            n += 1
            name = f"RM-{stem}-{n}.xml"
        used.add(name)
        try:
            data = serialize(retourmelding(r, now=now, show_personal_data=show))
        except (SiviError, ValueError) as exc:
            notes.append(f"no Retourmelding for {what}: {cap_value(str(exc), 300)}")
            continue
        except Exception as exc:
            notes.append(f"no Retourmelding for {what}: internal error ({type(exc).__name__})")
            continue
        files.append((name, data))
    for name, error in write_files(out_dir, files).items():
        notes.append(f"cannot write {out_dir / name}: {error.strerror or error}")
    return notes


def _header_result(message: Message, finding: Finding, index: int) -> MessageResult:
    """A ``rejected`` result for a message the validator failed on, with its header, so that
    the sender still gets an answer."""
    try:
        header = message.header
        return MessageResult.detached(
            Status.REJECTED,
            message.file,
            (finding,),
            index=index,
            reference=header.reference,
            release=message.release,
            sender=header.sender,
            recipient=header.receiver,
            test=header.test,
        )
    except Exception:
        return MessageResult.detached(Status.REJECTED, message.file, (finding,), index=index)


# --------------------------------------------------------------------------- the command


def _cmd_process(args: argparse.Namespace, out: TextIO) -> int:
    problem = None
    if args.state and args.store:
        problem = "--state and --store cannot be used together"
    elif args.hold and not (args.state or args.store):
        problem = "--hold needs --state FILE or --store FILE to keep the queue"
    elif args.archive and not args.store:
        problem = "--archive needs --store FILE (a file is archived once its transaction committed)"
    if problem is not None:
        sys.stderr.write(f"sivi-verzuim: {problem}\n")
        return 2
    if args.store:
        from ._cli_state import process_with_store

        return process_with_store(args, out)
    lock: int | None = None
    try:
        if args.state:
            lock = _lock_state(Path(args.state), args.wait)
        return _process_with_state(args, out)
    except _ConfigError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"sivi-verzuim process: {line}\n")
        return 2
    finally:
        if lock is not None:
            release_lock(lock)


def _lock_state(state: Path, wait: float) -> int:
    """The lock on ``<state>.lock``: one run on a state file at a time."""
    if not state.parent.is_dir():
        raise _ConfigError(f"--state {state}: directory {state.parent} does not exist")
    try:
        return acquire_lock(state.with_name(state.name + ".lock"), f"state file {state}", wait)
    except StoreBusyError as exc:
        raise _ConfigError(str(exc)) from None
    except OSError as exc:
        raise _ConfigError(f"--state {state}: cannot lock it: {exc.strerror or exc}") from None


def _process_with_state(args: argparse.Namespace, out: TextIO) -> int:
    try:
        table = _table(args)
        validator = _validator(args, table)
        entries, unlisted = _inbox_entries(Path(args.inbox), args.pattern)
        out_dir = Path(args.out) if args.out else None
        if out_dir is not None:
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _ConfigError(f"--out {out_dir}: {exc.strerror or exc}") from None
    except _ConfigError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"sivi-verzuim process: {line}\n")
        return 2
    show = bool(args.show_personal_data)
    failed = False  # the state or a report could not be written
    results: list[MessageResult] = []
    inbox = _Inbox()
    if args.hold:
        validator.hold()
    elif validator.held:
        try:
            results += validator.resume()  # messages queued by an earlier --hold run first
        except Exception as exc:
            finding = internal_error(exc, "resuming the held messages")
            index = inbox.next_index()
            results.append(MessageResult.detached(Status.REJECTED, None, (finding,), index=index))
    for directory, error in unlisted:
        text = f"cannot list the directory: {error.strerror or type(error).__name__}"
        inbox.unreadable(str(directory), _finding("io.unreadable", text, file=str(directory)))
    for path in entries:
        inbox.read(path)
    messages = sorted(inbox.messages, key=_order_key)
    progress = _Progress(len(messages))
    for done, message in enumerate(messages, 1):
        try:
            results.append(validator.process(message))
        except Exception as exc:  # the boundary per message
            finding = internal_error(exc, "processing the message", message.file)
            results.append(_header_result(message, finding, inbox.next_index()))
        progress.update(done)
    final = [*in_processing_order(results), *inbox.detached]
    if args.state:
        try:
            _save(validator, Path(args.state))
        except Exception as exc:
            sys.stderr.write(
                f"sivi-verzuim process: cannot save the state to {args.state}: "
                f"{getattr(exc, 'strerror', None) or type(exc).__name__}\n"
            )
            failed = True
    notes: list[str] = []
    if out_dir is not None:
        notes += _write_answers(final, out_dir, dt.datetime.now(), show)
        text = report_text(final, show_personal_data=show)
        if notes:
            text += "".join(f"note: {n}\n" for n in notes)
        data = json.dumps(
            report_json(final, show_personal_data=show, events=args.events),
            indent=2,
            ensure_ascii=False,
        )
        for name, content in (("report.txt", text), ("report.json", data + "\n")):
            try:
                (out_dir / name).write_text(content, encoding="utf-8")
            except OSError as exc:
                sys.stderr.write(
                    f"sivi-verzuim process: cannot write {out_dir / name}: {exc.strerror or exc}\n"
                )
                failed = True
    if args.json:
        json.dump(
            report_json(final, show_personal_data=show, events=args.events),
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
    else:
        out.write(report_text(final, show_personal_data=show))
        for note in notes:
            out.write(f"note: {note}\n")
        if validator.held:
            out.write(f"held: {len(validator.queued())} message(s) queued in {args.state}\n")
    return 1 if failed or any(r.status in _NOT_PROCESSED for r in final) else 0
