"""The ``classify`` and ``classification`` commands of ``sivi-verzuim``.

::

    sivi-verzuim classify [--json] [--mapping MAPPING] [--employer-mapping EMPLOYER=MAPPING]...
                          [--decision-table TABLE.toml] [--jobs N] PATH...
    sivi-verzuim classification template [--format toml|csv] [-o OUT]
    sivi-verzuim classification table [--decision-table TABLE.toml] [-o OUT]
    sivi-verzuim classification check MAPPING...
    sivi-verzuim classification list [--json]

``MAPPING`` is a ``.toml`` or ``.csv`` mapping file, or the name of an installed mapping
(entry-point group ``sivi_verzuim.classification_mappings``). ``EMPLOYER`` is
``IdWrkgvrArbdnst`` or ``IdWrkgvrArbdnst/AansltnrGeguitwlngArbdnst``.

Exit codes: 0 fine; 1 a message (or, for ``check``, a mapping) is invalid or unreadable;
2 usage error, including a mapping or decision table given as an option that fails to load;
130 when ``classify`` is stopped by Ctrl-C.

``classify`` judges every file on its own: a file that cannot be read, is not valid, or makes
anything fail unexpectedly (``internal.error``, also for a worker process that dies on it) is
reported on stderr, with personal-data values masked, and the command goes on with the next.
With ``--jobs N`` files are read and classified in up to N worker processes; stdout, stderr
and the exit code are the same for every N.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ._cli_process import entry_problem, internal_error, list_entries
from ._codec import Message, parse
from ._parallel import Failure, add_jobs_option, failure_finding, jobs_of, map_ordered
from .errors import Severity, SiviError, ValidationError
from .releases import MessageType

if TYPE_CHECKING:
    from .classification import (
        ClassificationMapping,
        DecisionTable,
        EnvironmentMapping,
    )

__all__ = ["register"]


class _UsageError(Exception):
    """A problem with the command's options: reported on stderr, exit 2."""


def _files(paths: Sequence[str]) -> Iterator[tuple[Path, bool, str | None]]:
    """(path, given explicitly, why it cannot be read or None) for every path given, and
    for every entry named ``*.xml`` below a directory (dangling links and other entries that
    are not regular files included, so that none is silently left out)."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path, True, entry_problem(path)
            continue
        try:
            found, failed = list_entries(path, lambda name: name.endswith(".xml"))
        except OSError as exc:
            yield path, True, f"cannot list the directory: {exc.strerror or exc}"
            continue
        for directory, error in failed:
            yield directory, False, f"cannot list the directory: {error.strerror or error}"
        for entry in found:
            yield entry, False, entry_problem(entry)


def _why(exc: SiviError | OSError) -> str:
    """The error text, with personal-data values masked (a ``ValidationError`` names its
    first finding, value included)."""
    from .chain._results import outgoing

    if isinstance(exc, ValidationError):
        errors = [f for f in exc.findings if f.severity is Severity.ERROR] or list(exc.findings)
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            return f"{len(errors)} problem(s): {outgoing(errors[0])}{more}"
    return str(exc)


def _load_mapping(spec: str) -> ClassificationMapping:
    from .classification import MappingError, load_installed_mapping, load_mapping

    path = Path(spec)
    try:
        if path.is_file() or path.suffix.lower() in (".toml", ".csv"):
            return load_mapping(path)
        return load_installed_mapping(spec)
    except MappingError as exc:
        raise _UsageError("\n".join(str(f) for f in exc.findings)) from None
    except OSError as exc:
        raise _UsageError(f"cannot read mapping {spec}: {exc.strerror or exc}") from None


def _load_table(spec: str | None) -> DecisionTable:
    from .classification import DEFAULT_DECISION_TABLE, DecisionTableError, load_decision_table

    if spec is None:
        return DEFAULT_DECISION_TABLE
    try:
        return load_decision_table(spec)
    except DecisionTableError as exc:
        raise _UsageError("\n".join(str(f) for f in exc.findings)) from None
    except OSError as exc:
        raise _UsageError(f"cannot read decision table {spec}: {exc.strerror or exc}") from None


def _environment(args: argparse.Namespace) -> EnvironmentMapping:
    from .classification import (
        EmployerKey,
        EnvironmentMapping,
        identity_mapping,
    )

    default = _load_mapping(args.mapping) if args.mapping else identity_mapping()
    overrides: dict[EmployerKey, ClassificationMapping] = {}
    for item in args.employer_mapping:
        key_text, eq, spec = item.partition("=")
        if not eq or not spec:
            raise _UsageError(f"--employer-mapping wants EMPLOYER=MAPPING, got {item!r}")
        try:
            key = EmployerKey.parse(key_text)
        except ValueError as exc:
            raise _UsageError(str(exc)) from None
        if key in overrides:
            raise _UsageError(f"--employer-mapping: employer {key} is given twice")
        overrides[key] = _load_mapping(spec)
    return EnvironmentMapping(default, overrides)


_Entry = tuple[Path, bool, str | None]
# one file's outcome: lines for stderr, JSON rows, text lines, whether it failed
_Outcome = tuple[list[str], list[dict[str, Any]], list[str], bool]


def _classify_entry(mapping: EnvironmentMapping, table: DecisionTable, entry: _Entry) -> _Outcome:
    """One listed file's outcome; never raises (a top-level function: it runs in workers)."""
    from .classification import ClassificationError, classify_message

    path, explicit, problem = entry
    if problem is not None:
        return [f"sivi-verzuim classify: {path}: cannot read: {problem}\n"], [], [], True
    try:
        message: Message = parse(path)
    except (SiviError, OSError) as exc:
        return [f"sivi-verzuim classify: {path}: {_why(exc)}\n"], [], [], True
    except Exception as exc:  # the boundary: one file never stops the command
        error = internal_error(exc, "reading the file")
        return [f"sivi-verzuim classify: {path}: {error}\n"], [], [], True
    if message.message_type is not MessageType.VERZUIMMELDINGEN:
        if explicit:
            return (
                [
                    f"sivi-verzuim classify: {path}: a {message.message_type.title} message "
                    "has no absence mutations\n"
                ],
                [],
                [],
                True,
            )
        return [], [], [], False
    try:
        items = classify_message(message, table=table, mapping=mapping)
        rows = [item.to_dict(str(path)) for item in items]
        text = [f"{path}\n"]
        for item in items:
            cls = item.classification
            text.append(f"  {item.case_id} #{item.sequence}  {cls.number} {cls.label}\n")
            text.append(f"      reason  {item.reason}\n")
            text.append(f"      mapped  {item.mapped.name} [{item.mapped.code}]\n")
    except ClassificationError as exc:
        return [f"sivi-verzuim classify: {path}: {exc}\n"], [], [], True
    except Exception as exc:  # the boundary
        error = internal_error(exc, "classifying the message")
        return [f"sivi-verzuim classify: {path}: {error}\n"], [], [], True
    return [], rows, text, False


def _classify_lost(entry: _Entry, failure: Failure) -> _Outcome:
    error = failure_finding(failure, "classifying the file")
    return [f"sivi-verzuim classify: {entry[0]}: {error}\n"], [], [], True


def _cmd_classify(args: argparse.Namespace, out: TextIO) -> int:
    try:
        mapping = _environment(args)
        table = _load_table(args.decision_table)
    except _UsageError as exc:
        sys.stderr.write(f"sivi-verzuim classify: {exc}\n")
        return 2
    rows: list[dict[str, Any]] = []
    status = 0
    text: list[str] = []
    work = partial(_classify_entry, mapping, table)
    for errors, new_rows, new_text, failed in map_ordered(
        work, _files(args.paths), jobs_of(args), on_error=_classify_lost
    ):
        sys.stderr.writelines(errors)
        if failed:
            status = 1
        rows += new_rows
        text += new_text
    if args.json:
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.writelines(text)
        out.write(f"{len(rows)} absence mutation(s) classified\n")
    return status


def _write(text: str, output: str | None, out: TextIO) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        out.write(text)


def _cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    from .classification import mapping_template

    _write(mapping_template(args.format), args.output, out)
    return 0


def _cmd_table(args: argparse.Namespace, out: TextIO) -> int:
    try:
        table = _load_table(args.decision_table)
    except _UsageError as exc:
        sys.stderr.write(f"sivi-verzuim classification table: {exc}\n")
        return 2
    _write(table.to_toml(), args.output, out)
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    status = 0
    for spec in args.mappings:
        try:
            mapping = _load_mapping(spec)
        except _UsageError as exc:
            out.write(f"{spec}: INVALID\n")
            for line in str(exc).splitlines():
                out.write(f"  {line}\n")
            status = 1
            continue
        out.write(f"{spec}: valid ({len(mapping.codes)} receiver code(s))\n")
        for code, classes in mapping.ambiguous_codes.items():
            names = ", ".join(str(c.number) for c in classes)
            out.write(f"  code {code!r} is shared by classifications {names}: no reverse\n")
    return status


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from .classification import AbsenceClassification, installed_mappings

    classes = [
        {"number": c.number, "name": c.name, "label": c.label, "safety_net": c.safety_net}
        for c in AbsenceClassification
    ]
    installed = list(installed_mappings())
    if args.json:
        json.dump(
            {"classifications": classes, "installed_mappings": installed},
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return 0
    for c in AbsenceClassification:
        out.write(f"{c.number:>2}  {c.name:<36} {c.label}\n")
    out.write(f"installed mappings: {', '.join(installed) or 'none'}\n")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``classify`` and ``classification`` commands to ``sivi-verzuim``."""
    p = subparsers.add_parser(
        "classify", help="derive and map the classification of every absence mutation"
    )
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument(
        "--mapping",
        metavar="MAPPING",
        help="the environment's mapping: a .toml or .csv file, or an installed mapping's "
        "name (default: the eleven SIVI classifications as they are, codes 1-11)",
    )
    p.add_argument(
        "--employer-mapping",
        action="append",
        default=[],
        metavar="EMPLOYER=MAPPING",
        help="a mapping for one employer (IdWrkgvrArbdnst[/AansltnrGeguitwlngArbdnst]); repeatable",
    )
    p.add_argument(
        "--decision-table",
        metavar="TABLE.toml",
        help="derive with this decision table instead of the default",
    )
    add_jobs_option(p)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (*.xml)")
    p.set_defaults(func=_cmd_classify, stop_on_interrupt=True)

    group = subparsers.add_parser(
        "classification", help="mapping templates, decision tables, mapping checks"
    ).add_subparsers(dest="classification_command", required=True)

    p = group.add_parser("template", help="write a mapping file with all eleven rows")
    p.add_argument("--format", choices=("toml", "csv"), default="toml")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.set_defaults(func=_cmd_template)

    p = group.add_parser("table", help="write the (default) decision table as TOML")
    p.add_argument(
        "--decision-table", metavar="TABLE.toml", help="check and rewrite this table instead"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.set_defaults(func=_cmd_table)

    p = group.add_parser("check", help="validate mapping files (exit 1 when one is invalid)")
    p.add_argument("mappings", nargs="+", metavar="MAPPING")
    p.set_defaults(func=_cmd_check)

    p = group.add_parser("list", help="the eleven classifications and installed mappings")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_list)
