"""The ``process`` and ``baseline-template`` subcommands of ``sivi-verzuim``.

::

    sivi-verzuim process INBOX [--baseline DIR] [--state FILE] [--hold] [--authorized FILE]
                               [--out DIR] [--json] [--pattern 'VZ*.xml']
                               [--classify] [--decision-table TABLE.toml]
    sivi-verzuim baseline-template DIR [--force]

``process`` reads the Verzuimmeldingen in INBOX, orders them, runs them through the
mutation-chain validator and answers each with a Retourmelding. See ``docs/chain.md``.
Wired into :mod:`sivi_verzuim.cli` by ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ._codec import Message, parse, serialize
from .chain import (
    Baseline,
    ChainValidator,
    CsvError,
    MessageResult,
    StateError,
    Status,
    in_processing_order,
    read_authorized,
    report_json,
    report_text,
    retourmelding,
    write_baseline_templates,
)
from .classification import (
    DEFAULT_DECISION_TABLE,
    DecisionTable,
    DecisionTableError,
    load_decision_table,
)
from .errors import Finding, Severity, SiviError, UnknownMessageError, UnsafeXMLError
from .releases import MessageType

__all__ = ["register"]

DEFAULT_PATTERN = "VZ*.xml"
PROGRESS_FROM = 200  # files: below this, no progress bar
_FAR = (dt.date.max, dt.time.max)


def register(subparsers: Any) -> None:
    """Add the ``process`` and ``baseline-template`` subcommands to the ``sivi-verzuim``
    argument parser (``subparsers`` is what ``add_subparsers()`` returned)."""
    p = subparsers.add_parser(
        "process",
        help="run Verzuimmeldingen through the chain validator; write Retourmeldingen",
        description="Read the Verzuimmeldingen in INBOX (files matching --pattern, picked by "
        "content), order them by AandatBr, AantijdBr and Berrefnr, judge every absence "
        "mutation against the chain state, write a Retourmelding per message and a report. "
        "Exit 1 when any message was rejected.",
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
        "--hold",
        action="store_true",
        help="only queue the messages (e.g. until the baseline is loaded); needs --state",
    )
    p.add_argument(
        "--authorized",
        metavar="FILE",
        help="CSV of the employers (employer_id,connection_number) this account may deliver for",
    )
    p.add_argument("--out", metavar="DIR", help="write RM-<file>.xml and report.txt/.json here")
    p.add_argument("--json", action="store_true", help="print the report as one JSON array")
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
    p.set_defaults(func=_cmd_process)

    p = subparsers.add_parser(
        "baseline-template", help="write employees.csv and cases.csv baseline templates"
    )
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=_cmd_baseline_template)


def _cmd_baseline_template(args: argparse.Namespace, out: TextIO) -> int:
    try:
        paths = write_baseline_templates(args.directory, overwrite=args.force)
    except FileExistsError as exc:
        sys.stderr.write(f"sivi-verzuim: {exc}\n")
        return 1
    for path in paths:
        out.write(f"{path}\n")
    return 0


# --------------------------------------------------------------------------- inbox


def _inbox(root: Path, pattern: str) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"inbox {root} does not exist")
    wanted = pattern.lower()
    return sorted(
        p for p in root.rglob("*") if p.is_file() and fnmatch.fnmatchcase(p.name.lower(), wanted)
    )


def _unreadable(path: Path, code: str, exc: BaseException, number: int) -> MessageResult:
    finding = Finding(
        code=code,
        severity=Severity.ERROR,
        message=str(exc),
        line=getattr(exc, "line", None),
        file=str(path),
    )
    # negative indices: never taken by a message the validator took up
    return MessageResult.unreadable(str(path), (finding,), index=-1 - number)


def _read(paths: Iterable[Path]) -> tuple[list[Message], list[MessageResult], list[str]]:
    """(Verzuimmeldingen, results for unreadable files, notes about skipped files)."""
    messages: list[Message] = []
    unreadable: list[MessageResult] = []
    skipped: list[str] = []
    for path in paths:
        try:
            message = parse(path, strict=False)
        except UnknownMessageError:
            skipped.append(f"{path}: not a SIVI Verzuimstandaard message")
            continue
        except UnsafeXMLError as exc:
            unreadable.append(_unreadable(path, f"xml.unsafe.{exc.rule}", exc, len(unreadable)))
            continue
        except SiviError as exc:
            unreadable.append(_unreadable(path, "xml.malformed", exc, len(unreadable)))
            continue
        except OSError as exc:
            unreadable.append(_unreadable(path, "io.unreadable", exc, len(unreadable)))
            continue
        if message.message_type is not MessageType.VERZUIMMELDINGEN:
            skipped.append(f"{path}: {message.message_type.title}, not Verzuimmeldingen")
            continue
        messages.append(message)
    return messages, unreadable, skipped


def _order_key(message: Message) -> tuple[dt.date, dt.time, str, str]:
    """Processing order: AandatBr, AantijdBr, Berrefnr, then the file name."""
    header = message.header
    return (
        header.date or _FAR[0],
        header.time or _FAR[1],
        header.reference or "",
        message.file or "",
    )


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


# --------------------------------------------------------------------------- the command


def _table(args: argparse.Namespace) -> DecisionTable | None:
    """The decision table to classify with, or None.

    Raises:
        ValueError: the table cannot be read or is invalid (the message says why).
    """
    if args.decision_table:
        try:
            return load_decision_table(args.decision_table)
        except DecisionTableError as exc:
            raise ValueError("\n".join(str(f) for f in exc.findings)) from None
        except OSError as exc:
            raise ValueError(
                f"cannot read decision table {args.decision_table}: {exc.strerror or exc}"
            ) from None
    return DEFAULT_DECISION_TABLE if args.classify else None


def _validator(args: argparse.Namespace, table: DecisionTable | None) -> ChainValidator:
    authorized = read_authorized(args.authorized) if args.authorized else None
    state = Path(args.state) if args.state else None
    if state is not None and state.exists():
        try:
            data = json.loads(state.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise StateError(f"{state}: not JSON: {exc}") from None
        if args.authorized:
            validator = ChainValidator.restore(data, authorized=authorized, decision_table=table)
        else:
            validator = ChainValidator.restore(data, decision_table=table)
    else:
        validator = ChainValidator(authorized=authorized, decision_table=table)
    if args.baseline:
        validator.load_baseline(Baseline.from_directory(args.baseline))
    return validator


def _save(validator: ChainValidator, path: Path) -> None:
    """Write the state atomically (a crash never leaves half a file)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(validator.save(), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _write_answers(results: list[MessageResult], out_dir: Path, now: dt.datetime) -> list[str]:
    """A Retourmelding per message with a final result; returns notes for the report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    notes = []
    used: set[str] = set()
    for r in results:
        if not r.status.final or r.release is None:
            continue
        stem = Path(r.file).stem if r.file else (r.reference or f"message-{r.index}")
        name = f"RM-{stem}.xml"
        n = 1
        while name in used:
            n += 1
            name = f"RM-{stem}-{n}.xml"
        used.add(name)
        try:
            data = serialize(retourmelding(r, now=now))
        except (SiviError, ValueError) as exc:
            notes.append(f"no Retourmelding for {r.file}: {exc}")
            continue
        (out_dir / name).write_bytes(data)
    return notes


def _cmd_process(args: argparse.Namespace, out: TextIO) -> int:
    if args.hold and not args.state:
        sys.stderr.write("sivi-verzuim: --hold needs --state FILE to keep the queue\n")
        return 2
    try:
        table = _table(args)
    except ValueError as exc:
        sys.stderr.write(f"sivi-verzuim process: {exc}\n")
        return 2
    try:
        validator = _validator(args, table)
    except CsvError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"sivi-verzuim: {problem}\n")
        return 1
    results: list[MessageResult] = []
    if args.hold:
        validator.hold()
    elif validator.held:
        results += validator.resume()  # messages queued by an earlier --hold run come first
    messages, unreadable, skipped = _read(_inbox(Path(args.inbox), args.pattern))
    messages.sort(key=_order_key)
    progress = _Progress(len(messages))
    for done, message in enumerate(messages, 1):
        results.append(validator.process(message))
        progress.update(done)
    results += unreadable
    final = list(in_processing_order(results))
    if args.state:
        _save(validator, Path(args.state))
    notes = list(skipped)
    if args.out:
        out_dir = Path(args.out)
        notes += _write_answers(final, out_dir, dt.datetime.now())
        text = report_text(final)
        if notes:
            text += "".join(f"note: {n}\n" for n in notes)
        (out_dir / "report.txt").write_text(text, encoding="utf-8")
        (out_dir / "report.json").write_text(
            json.dumps(report_json(final), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if args.json:
        json.dump(report_json(final), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(report_text(final))
        for note in notes:
            out.write(f"note: {note}\n")
        if validator.held:
            out.write(f"held: {len(validator.queued())} message(s) queued in {args.state}\n")
    bad = (Status.REJECTED, Status.CONSEQUENTIAL)
    return 1 if any(r.status in bad for r in final) else 0
