"""The ``process`` and ``baseline-template`` subcommands of ``sivi-verzuim``.

::

    sivi-verzuim process INBOX [--baseline DIR] [--state FILE | --store FILE] [--hold]
                               [--authorized FILE] [--out DIR] [--json] [--events]
                               [--pattern [TYPE=]GLOB]... [--classify]
                               [--decision-table TABLE.toml] [--wait SECONDS] [--archive DIR]
                               [--show-personal-data] [--jobs N]
    sivi-verzuim baseline-template DIR [--force]

``process`` reads the master-data messages (WerkgeversGegevensBasisregistratie,
WerknemersGegevens, Dienstverbanden) and Verzuimmeldingen in INBOX, orders them, runs them
through the mutation-chain validator and answers each with a Retourmelding. See
``docs/chain.md``. With ``--store`` the run is done by :mod:`._cli_state` (a transaction per
message, exactly once, safe to rerun: ``docs/store.md``); ``--state`` runs take a lock on
``<state>.lock`` too. Wired into :mod:`sivi_verzuim.cli` by ``register(subparsers)``.

A run goes through its stages, each in a module of its own: finding the files the filters
pick (:mod:`._inbox`), reading each (:mod:`._cli_process_read`), ordering them
(:func:`._inbox.order_key`), judging them (here, and in :mod:`._cli_state` with a store),
answering (:mod:`._answers`), reporting (:mod:`._reports`) and, with a store, archiving
(:mod:`._cli_state`).

Receivers run it unattended, so one file never stops a run: every file a filter picks is
judged on its own (read, parsed, processed, each behind a boundary that turns any failure into
a result for that file) and appears in the report. Exit 0 when everything was accepted, 1 when
anything was rejected or unreadable, 2 for a usage or configuration error (then nothing is
processed and no state is written).

The files are read in up to ``--jobs N`` worker processes (:func:`._cli_process_read.read_all`);
the chain runs in order in this process; then (without a store) workers make the answers
and format the JSON report, and this process flushes the answers once and renames them into
place (:func:`._answers.write_answers`). A run is the same for every N. The cyclic garbage
collector is off while a run without a store goes on (:func:`_collector_paused`).

Registering the subcommands (:func:`register`, :func:`register_state`) loads neither the
chain nor the parser: they load when a command runs.

The directory listing and the per-path checks that ``validate``, ``inspect`` and
``classify`` share (:func:`list_entries`, :func:`entry_problem`, :func:`internal_error`) are
importable from here too.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ._inbox import (
    DEFAULT_PATTERNS,
    FilterError,
    Filters,
    entry_problem,
    finding,
    inbox_entries,
    internal_error,
    list_entries,
)
from ._parallel import add_jobs_option, jobs_of
from .errors import SiviError, cap_value
from .releases import MessageType

if TYPE_CHECKING:  # loaded when a command runs: registering the subcommands does without
    from .chain import ChainValidator, MessageResult
    from .classification import DecisionTable

__all__ = [
    "entry_problem",
    "internal_error",
    "list_entries",
    "not_processed",
    "register",
    "register_state",
]
_SHORT = {
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: "WG",
    MessageType.WERKNEMERS_GEGEVENS: "WN",
    MessageType.DIENSTVERBANDEN: "DV",
    MessageType.VERZUIMMELDINGEN: "VZ",
}


def register(subparsers: Any) -> None:
    """Add the ``process`` and ``baseline-template`` subcommands to the ``sivi-verzuim``
    argument parser (``subparsers`` is what ``add_subparsers()`` returned)."""
    p = subparsers.add_parser(
        "process",
        help="run master data and Verzuimmeldingen through the chain validator; write "
        "Retourmeldingen",
        description="Read the WerkgeversGegevensBasisregistratie, WerknemersGegevens, "
        "Dienstverbanden and Verzuimmeldingen in INBOX (files matching a --pattern; what a "
        "file is, is read from its content), order them by AandatBr and AantijdBr (master "
        "data before absence mutations of the same moment, then Berrefnr and file name), judge "
        "every mutation against the chain state, write a Retourmelding per message and a "
        "report. "
        "Every file picked appears in the report. Exit 1 when any message was rejected or "
        "any file unreadable, 2 for a usage or configuration error (nothing processed).",
    )
    p.add_argument("inbox", metavar="INBOX", help="a directory (searched recursively) or a file")
    p.add_argument(
        "--baseline",
        metavar="DIR",
        help="go-live baseline: DIR/employees.csv, DIR/cases.csv, DIR/units.csv (each optional)",
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
        action="append",
        metavar="[TYPE=]GLOB",
        help="a file-name filter, case-insensitive, repeatable: GLOB for Verzuimmeldingen, "
        "TYPE=GLOB for a type (VZ, WG, WN, DV), TYPE= switches the type off (defaults: "
        + ", ".join(f"{_SHORT[mt]}={g}" for mt, g in DEFAULT_PATTERNS.items())
        + ")",
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
    add_jobs_option(p)
    p.set_defaults(func=_cmd_process)

    p = subparsers.add_parser(
        "baseline-template",
        help="write employees.csv, cases.csv and units.csv baseline templates",
    )
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=_cmd_baseline_template)


def register_state(subparsers: Any) -> None:
    """Add the ``state`` subcommand (``export``, ``import``, ``check``); it runs in
    :mod:`._cli_state`, loaded when it runs."""
    p = subparsers.add_parser(
        "state",
        help="export, import or check a chain state store (--store)",
        description="A chain state store (the SQLite file of process --store) and the JSON "
        "state document (process --state, ChainValidator.save()) hold the same state: "
        "export writes the document of a store, import makes a store from a document.",
    )
    sub = p.add_subparsers(dest="state_command", required=True, metavar="COMMAND")
    e = sub.add_parser("export", help="write the store's state as the JSON state document")
    e.add_argument("store", metavar="STORE")
    e.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    e.set_defaults(func=partial(_state, "cmd_export"))
    i = sub.add_parser("import", help="make a store from a JSON state document")
    i.add_argument("document", metavar="FILE", help="a state document (a --state file)")
    i.add_argument("store", metavar="STORE", help="the store to fill (new, or empty)")
    i.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS")
    i.set_defaults(func=partial(_state, "cmd_import"))
    c = sub.add_parser("check", help="read every page of a store (SQLite integrity check)")
    c.add_argument("store", metavar="STORE")
    c.set_defaults(func=partial(_state, "cmd_check"))


def _state(name: str, args: argparse.Namespace, out: TextIO) -> int:
    from . import _cli_state

    command: Callable[[argparse.Namespace, TextIO], int] = getattr(_cli_state, name)
    return command(args, out)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _cmd_baseline_template(args: argparse.Namespace, out: TextIO) -> int:
    from .chain import write_baseline_templates

    try:
        paths = write_baseline_templates(args.directory, overwrite=args.force)
    except FileExistsError as exc:
        sys.stderr.write(f"sivi-verzuim: {exc}\n")
        return 1
    for path in paths:
        out.write(f"{path}\n")
    return 0


# --------------------------------------------------------------------------- configuration


class _ConfigError(Exception):
    """A usage or configuration problem: reported on stderr, exit 2, nothing processed."""


def _table(args: argparse.Namespace) -> DecisionTable | None:
    """The decision table to classify with, or None."""
    from .classification import (
        DEFAULT_DECISION_TABLE,
        DecisionTableError,
        load_decision_table,
    )

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


def _filters(args: argparse.Namespace) -> Filters:
    try:
        return Filters.parse(args.pattern)
    except FilterError as exc:
        raise _ConfigError(str(exc)) from None


def _inbox_entries(root: Path, filters: Filters) -> tuple[list[Path], list[tuple[Path, OSError]]]:
    try:
        return inbox_entries(root, filters)
    except OSError as exc:
        raise _ConfigError(f"inbox {root}: {exc.strerror or exc}") from None


def _authorized(args: argparse.Namespace) -> frozenset[tuple[str, str]] | None:
    from .chain import CsvError, read_authorized

    try:
        return read_authorized(args.authorized) if args.authorized else None
    except CsvError as exc:
        raise _ConfigError("\n".join(str(p) for p in exc.problems)) from None
    except (SiviError, OSError) as exc:
        raise _ConfigError(f"authorisation file {args.authorized}: {exc}") from None


def _load_baseline(args: argparse.Namespace, validator: ChainValidator) -> None:
    """Load ``--baseline`` (each part once: a ``units.csv`` added to a directory loaded
    before is loaded on its own, loading the same baseline again is a no-op)."""
    from .chain import Baseline, CsvError

    if args.baseline:
        try:
            validator.load_baseline(Baseline.from_directory(args.baseline))
        except CsvError as exc:
            raise _ConfigError("\n".join(str(p) for p in exc.problems)) from None
        except (SiviError, OSError) as exc:
            raise _ConfigError(f"baseline {args.baseline}: {exc}") from None


def _validator(args: argparse.Namespace, table: DecisionTable | None) -> ChainValidator:
    from .chain import ChainValidator, StateError

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


# --------------------------------------------------------------------------- the command


def _cmd_process(args: argparse.Namespace, out: TextIO) -> int:
    from .chain._sqlite import release_lock

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
        with _collector_paused():
            return _process_with_state(args, out)
    except _ConfigError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"sivi-verzuim process: {line}\n")
        return 2
    finally:
        if lock is not None:
            release_lock(lock)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a run (and for the worker processes it forks,
    which start with this process's setting). A run keeps what it reads until it ends, and
    reading, judging and answering leave no cycles behind (what they no longer need is
    freed as it goes, by reference counting), so the collections would only walk the
    run's own growing data, again and again, and find nothing: a cost that grows with the
    inbox and was a good part of the time of a worker, and of this process receiving its
    results. Collections resume when the run ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _lock_state(state: Path, wait: float) -> int:
    """The lock on ``<state>.lock``: one run on a state file at a time."""
    from .chain import StoreBusyError
    from .chain._sqlite import acquire_lock

    if not state.parent.is_dir():
        raise _ConfigError(f"--state {state}: directory {state.parent} does not exist")
    try:
        return acquire_lock(state.with_name(state.name + ".lock"), f"state file {state}", wait)
    except StoreBusyError as exc:
        raise _ConfigError(str(exc)) from None
    except OSError as exc:
        raise _ConfigError(f"--state {state}: cannot lock it: {exc.strerror or exc}") from None


def _process_with_state(args: argparse.Namespace, out: TextIO) -> int:
    from ._answers import clean_temp, header_result, write_answers
    from ._cli_process_read import Reader, read_all
    from ._reports import Progress, json_report, print_report, report_text, write_reports
    from .chain import MessageResult, Status, in_processing_order

    try:
        table = _table(args)
        validator = _validator(args, table)
        filters = _filters(args)
        entries, unlisted = _inbox_entries(Path(args.inbox), filters)
        out_dir = Path(args.out) if args.out else None
        if out_dir is not None:
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _ConfigError(f"--out {out_dir}: {exc.strerror or exc}") from None
            clean_temp(out_dir)  # what a stopped run left half-written
    except _ConfigError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"sivi-verzuim process: {line}\n")
        return 2
    show = bool(args.show_personal_data)
    failed = False  # the state or a report could not be written
    results: list[MessageResult] = []
    inbox = Reader(filters=filters, bound=table is None)
    if args.hold:
        validator.hold()
    elif validator.held:
        try:
            results += validator.resume()  # messages queued by an earlier --hold run first
        except Exception as exc:
            problem = internal_error(exc, "resuming the held messages")
            index = inbox.next_index()
            results.append(MessageResult.detached(Status.REJECTED, None, (problem,), index=index))
    for directory, error in unlisted:
        why = f"cannot list the directory: {error.strerror or type(error).__name__}"
        inbox.unreadable(str(directory), finding("io.unreadable", why, file=str(directory)))
    read_all(inbox, entries, jobs_of(args))
    messages = inbox.ordered()
    progress = Progress(len(messages))
    for done, message in enumerate(messages, 1):
        try:
            results.append(validator.process(inbox.subject(message), file=message.file))
        except Exception as exc:  # the boundary per message
            problem = internal_error(exc, "processing the message", message.file)
            results.append(header_result(message, problem, inbox.next_index()))
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
    events = bool(args.events)
    text: str | None = None
    data: str | None = None
    if out_dir is not None:

        def json_text() -> str:
            return json_report(final, show=show, events=events)

        # the JSON report does not depend on the answers: made beside them
        answered, data = write_answers(
            final, out_dir, dt.datetime.now(), show, jobs_of(args), json_text
        )
        notes += answered
        text = report_text(final, show_personal_data=show)
        if not write_reports(out_dir, final, notes, show=show, events=events, text=text, data=data):
            failed = True
    held = None
    if validator.held:
        held = f"held: {len(validator.queued())} message(s) queued in {args.state}\n"
    print_report(
        out,
        final,
        notes,
        show=show,
        events=events,
        as_json=args.json,
        held=held,
        text=text,
        data=data,
    )
    return 1 if failed or not_processed(final) else 0


def not_processed(results: list[MessageResult]) -> bool:
    """Whether any result is one of a message that was not processed (rejected,
    consequential, unreadable): then ``process`` exits 1."""
    from .chain import Status

    stops = (Status.REJECTED, Status.CONSEQUENTIAL, Status.UNREADABLE)
    return any(r.status in stops for r in results)


def _save(validator: ChainValidator, path: Path) -> None:
    """Write the state atomically (a crash never leaves half a file, two runs never share a
    temporary file)."""
    from ._answers import write_atomic

    write_atomic(path, json.dumps(validator.save(), ensure_ascii=False).encode("utf-8"))
