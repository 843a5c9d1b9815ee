"""The ``sivi-verzuim`` command.

Subcommands::

    sivi-verzuim inspect [--json] [--show-personal-data] [--jobs N] FILE...
    sivi-verzuim validate [--json] [--show-personal-data] [--jobs N] PATH...  (files or directories)
    sivi-verzuim convert FILE --to YEAR [-o OUT] [--strict] [--json] [--default TAG=VALUE]...
                         [--jobs N]
    sivi-verzuim schemas compare [--json] [--ignore-namespace-year] A.xsd B.xsd
    sivi-verzuim schemas list
    sivi-verzuim classify [--json] [--mapping MAPPING] [--employer-mapping EMPLOYER=MAPPING]...
                          [--decision-table TABLE.toml] [--jobs N] PATH...
    sivi-verzuim classification template|table|check|list ...   (docs/classification.md)
    sivi-verzuim process INBOX [--baseline DIR] [--state FILE | --store FILE] [--hold]
                         [--authorized FILE] [--out DIR] [--json] [--pattern GLOB]
                         [--wait SECONDS] [--archive DIR] [--show-personal-data]
                         [--jobs N]                               (docs/chain.md)
    sivi-verzuim state export|import|check ...                    (docs/store.md)
    sivi-verzuim baseline-template DIR [--force]                  (docs/chain.md)

Exit codes: 0 all fine, 1 something invalid, unreadable or different, 2 usage error;
130 for ``validate``, ``inspect``, ``convert`` and ``classify`` stopped by Ctrl-C.

``--jobs N`` (default: the number of CPUs this process may use) reads files in up to N
worker processes (:mod:`sivi_verzuim._parallel`); ``--jobs 1`` reads them in this process.
The output and the exit code are the same for every N (``process`` reads its files in the
workers and runs the chain in this process, in order).

A command loads what it runs: ``process`` and ``state`` load the chain when they run,
``schemas compare`` the schema comparison, ``convert`` the mapping, ``validate`` the masking
of findings for a file with findings. Before workers start, ``validate`` and ``inspect``
load the binding and schema of the message the first file names (:func:`_warm`), which the
forked workers then share.

Every file is judged on its own: whatever goes wrong with one file (even an unexpected
exception, reported as the finding ``internal.error``) is reported for that file and the
command goes on; so does a worker process that dies on a file (``internal.error`` for that
file). Values of personal-data elements are masked in findings unless
``--show-personal-data``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ._cli_classify import register as _register_classify
from ._cli_process import entry_problem, internal_error, list_entries
from ._cli_process import register as _register_process
from ._cli_process import register_state as _register_state
from ._codec import parse, serialize
from ._parallel import MIN_ITEMS, Failure, add_jobs_option, failure_finding, jobs_of, map_ordered
from ._xsd import strict_schema
from .errors import Finding, Severity, SiviError, UnknownMessageError, UnsafeXMLError
from .releases import MessageType, Release, binding_class, message_for_namespace

_COUNTED = {
    "employers": "wrkgvr",
    "employees": "wrknmr",
    "employments": "dnstvbnd",
    "absence_mutations": "vrzm",
}


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _files(paths: Sequence[str]) -> Iterator[tuple[Path, str | None]]:
    """(path, why it cannot be listed or None) for every path given, and for every entry
    named ``*.xml`` below a directory: files, but also dangling symbolic links, directories
    and anything else of that name, so that nothing is silently left out."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path, None
            continue
        try:
            found, failed = list_entries(path, lambda name: name.endswith(".xml"))
        except OSError as exc:
            yield path, f"cannot list the directory: {exc.strerror or type(exc).__name__}"
            continue
        for directory, error in failed:
            yield directory, f"cannot list the directory: {error.strerror or type(error).__name__}"
        for entry in found:
            yield entry, None


def _count(document: Any) -> dict[str, int]:
    counts = dict.fromkeys(_COUNTED, 0)
    wanted = {field: key for key, field in _COUNTED.items()}

    def walk(obj: Any) -> None:
        if not dataclasses.is_dataclass(obj):
            return
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            items = value if isinstance(value, list) else [value]
            if f.name in wanted:
                counts[wanted[f.name]] += sum(1 for v in items if v is not None)
            for item in items:
                walk(item)

    walk(document)
    return counts


def _problem(code: str, exc: BaseException | str) -> Finding:
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=str(exc),
        line=getattr(exc, "line", None),
    )


def _read(path: Path) -> Any:
    """``parse(path, strict=False)``, after checking that ``path`` is a regular file (a FIFO
    or device is never opened: reading it could block).

    For a document without findings this is the strict path (the schema check passes at
    once, the binder never needs its tolerance); only a document with findings takes the
    tolerant one."""
    problem = entry_problem(path)
    if problem is not None:
        raise OSError(f"cannot read {path}: {problem}")
    return parse(path, strict=False)


def _outgoing(findings: Sequence[Finding], show_personal_data: bool) -> list[dict[str, Any]]:
    """The findings as they leave the command: personal data masked, long values capped."""
    if not findings:
        return []  # the common case: the chain's result module (and the chain) not loaded
    from .chain._results import outgoing

    return [outgoing(f, show_personal_data=show_personal_data).to_dict() for f in findings]


def _judge(
    path: Path, show_personal_data: bool = False, listing: str | None = None
) -> dict[str, Any]:
    """One file's validation result as plain data; never raises."""
    result: dict[str, Any] = {
        "file": str(path),
        "release": None,
        "message_type": None,
        "valid": False,
        "findings": [],
    }
    if listing is not None:
        result["findings"] = [_problem("io.unreadable", listing).to_dict()]
        return result
    try:
        message = _read(path)
        result["release"] = message.release.value
        result["message_type"] = message.message_type.root
        result["valid"] = message.valid
        findings = _outgoing(message.findings, show_personal_data)
    except UnknownMessageError as exc:
        findings = [_problem("message.unknown", exc).to_dict()]
    except UnsafeXMLError as exc:
        findings = [_problem(f"xml.unsafe.{exc.rule}", exc).to_dict()]
    except SiviError as exc:
        findings = [_problem("xml.malformed", exc).to_dict()]
    except OSError as exc:
        findings = [_problem("io.unreadable", exc).to_dict()]
    except Exception as exc:  # the boundary: one file never stops the command
        findings = [internal_error(exc, "validating the file").to_dict()]
        result.update(release=None, message_type=None, valid=False)
    result["findings"] = findings
    return result


def _judge_entry(show_personal_data: bool, entry: tuple[Path, str | None]) -> dict[str, Any]:
    """:func:`_judge` of one listed entry (a top-level function: it runs in workers)."""
    return _judge(entry[0], show_personal_data, entry[1])


def _judge_lost(entry: tuple[Path, str | None], failure: Failure) -> dict[str, Any]:
    return {
        "file": str(entry[0]),
        "release": None,
        "message_type": None,
        "valid": False,
        "findings": [failure_finding(failure, "validating the file").to_dict()],
    }


# the start tag of the root element: the first tag that is no declaration, comment or
# processing instruction
_START_TAG = re.compile(
    rb"""<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)  # prefix, local name
    ((?:[^<>"']|"[^"]*"|'[^']*')*+)>                  # attributes""",
    re.VERBOSE,
)
_PEEK = 4096


def _warm(entries: Sequence[tuple[Path, str | None]], jobs: int) -> None:
    """Before workers are forked: load the binding and the schema of the message the first
    file names (its root element and namespace, found in its first bytes without parsing
    it), so that the workers share them instead of each loading its own. Only the time of
    the run depends on this: nothing here can change a result."""
    if jobs <= 1 or len(entries) < MIN_ITEMS:
        return  # no workers
    path, why = next(((p, w) for p, w in entries if w is None), (None, None))
    if path is None or why is not None or entry_problem(path) is not None:
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            head = os.read(fd, _PEEK)
        finally:
            os.close(fd)
        tag = _START_TAG.search(head)
        if tag is None:
            return
        prefix, name, attributes = tag.groups()
        declared = rb"xmlns:" + prefix if prefix else rb"xmlns"
        ns = re.search(rb"\s" + re.escape(declared) + rb"\s*=\s*([\"'])(.*?)\1", attributes)
        if ns is None:
            return
        found = message_for_namespace(name.decode("ascii"), ns.group(2).decode("utf-8"))
        if found is not None:
            binding_class(*found)
            strict_schema(*found)
    except Exception:  # a guess that failed: the workers load what they need
        return


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    show = bool(args.show_personal_data)
    work = partial(_judge_entry, show)
    entries = list(_files(args.paths))
    jobs = jobs_of(args)
    _warm(entries, jobs)
    results = list(map_ordered(work, entries, jobs, on_error=_judge_lost))
    if args.json:
        _print_json(results, out)
    else:
        for r in results:
            what = f"{r['message_type']} {r['release']}" if r["release"] else "unknown"
            status = "valid" if r["valid"] else "INVALID"
            out.write(f"{r['file']}: {status} ({what})\n")
            for f in r["findings"]:
                line = f"line {f['line']}: " if f["line"] is not None else ""
                path = f"{f['path']}: " if f["path"] else ""
                out.write(f"  {line}{path}[{f['code']}] {f['message']}\n")
        bad = sum(1 for r in results if not r["valid"])
        out.write(f"{len(results) - bad} valid, {bad} invalid\n")
    return 0 if all(r["valid"] for r in results) else 1


def _inspect_entry(entry: tuple[Path, str | None]) -> dict[str, Any]:
    """One file's ``inspect`` row, or ``{"file", "error"}``; never raises (a top-level
    function: it runs in workers)."""
    path, why = entry
    try:
        if why is not None:
            raise OSError(f"{path}: {why}")
        message = _read(path)
        header = message.header
        return {
            "file": str(path),
            "release": message.release.value,
            "message_type": message.message_type.root,
            "sender": header.sender,
            "receiver": header.receiver,
            "reference": header.reference,
            "date": header.date.isoformat() if header.date else None,
            "test": header.test,
            "valid": message.valid,
            **_count(message.document),
        }
    except (SiviError, OSError) as exc:
        return {"file": str(path), "error": str(exc)}
    except Exception as exc:  # the boundary: one file never stops the command
        error = internal_error(exc, "inspecting the file")
        return {"file": str(path), "error": f"[{error.code}] {error.message}"}


def _inspect_lost(entry: tuple[Path, str | None], failure: Failure) -> dict[str, Any]:
    error = failure_finding(failure, "inspecting the file")
    return {"file": str(entry[0]), "error": f"[{error.code}] {error.message}"}


def _cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    entries = list(_files(args.files))
    jobs = jobs_of(args)
    _warm(entries, jobs)
    rows = list(map_ordered(_inspect_entry, entries, jobs, on_error=_inspect_lost))
    status = 1 if any("error" in row or not row["valid"] for row in rows) else 0
    if args.json:
        _print_json(rows, out)
        return status
    for row in rows:
        out.write(f"{row['file']}\n")
        if "error" in row:
            out.write(f"  error: {row['error']}\n")
            continue
        for key in ("message_type", "release", "sender", "receiver", "reference", "date"):
            out.write(f"  {key:<18} {row[key]}\n")
        for key in _COUNTED:
            out.write(f"  {key:<18} {row[key]}\n")
        if not row["valid"]:
            out.write("  (not valid: run 'sivi-verzuim validate' for the findings)\n")
    return status


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from .schemacompare import compare_schemas

    report = compare_schemas(args.a, args.b, ignore_namespace_year=args.ignore_namespace_year)
    if args.json:
        _print_json(report.to_dict(), out)
    else:
        out.write(report.to_text())
        if not report.to_text().endswith("\n"):
            out.write("\n")
    return 0 if report.equivalent else 1


def _cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    from ._mapping import ConversionError, convert

    source = Path(args.file)
    target = Release.from_year(args.to)
    defaults: dict[str, str] = {}
    for item in args.default:
        tag, eq, value = item.partition("=")
        if not eq or not tag:
            sys.stderr.write(f"sivi-verzuim: --default wants TAG=VALUE, got {item!r}\n")
            return 2
        defaults[tag] = value
    message = parse(source)
    output = (
        Path(args.output)
        if args.output
        else source.with_name(f"{source.stem}-{target.value}{source.suffix or '.xml'}")
    )
    try:
        result = convert(message, target, strict=args.strict, defaults=defaults)
    except ConversionError as exc:
        if args.json:
            _print_json(
                {
                    "output": None,
                    "error": str(exc),
                    "losses": [c.to_dict() for c in exc.losses],
                    "defaults": [c.to_dict() for c in exc.defaults],
                },
                out,
            )
        else:
            sys.stderr.write(f"sivi-verzuim: {exc}\n")
        return 1
    output.write_bytes(serialize(result.message))
    if args.json:
        _print_json(
            {
                "output": str(output),
                "losses": [c.to_dict() for c in result.losses],
                "defaults": [c.to_dict() for c in result.defaults],
            },
            out,
        )
        return 0
    what = f"{message.message_type.title} {message.release.value} -> {target.value}"
    out.write(f"{source} -> {output} ({what})\n")
    for c in result.losses:
        out.write(f"  lost     {c.path} = {c.value!r}: {c.reason}\n")
    for c in result.defaults:
        out.write(f"  default  {c.path} = {c.value!r}: {c.reason}\n")
    out.write(f"{len(result.losses)} lost, {len(result.defaults)} filled in\n")
    return 0


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    for mt in MessageType:
        for release in mt.releases:
            code = mt.vnrbrcd(release) or "(open)"
            out.write(
                f"{release.value}  {mt.title:<40} VnrBrCd {code:<7} {mt.namespace(release)}\n"
            )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``sivi-verzuim`` command."""
    parser = argparse.ArgumentParser(
        prog="sivi-verzuim", description="Read and check SIVI Verzuimstandaard messages."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    personal = (
        "show the values of personal-data elements (BSN, date of birth, names, ...) "
        "instead of masking them"
    )
    p = sub.add_parser("inspect", help="release, type, parties and counts of messages")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument("--show-personal-data", action="store_true", help=personal)
    add_jobs_option(p)
    p.set_defaults(stop_on_interrupt=True)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=_cmd_inspect)

    p = sub.add_parser("validate", help="check messages against their release's schema")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.add_argument("--show-personal-data", action="store_true", help=personal)
    add_jobs_option(p)
    p.set_defaults(stop_on_interrupt=True)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (*.xml)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("convert", help="convert a message to another release")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", required=True, metavar="YEAR", choices=[r.value for r in Release])
    p.add_argument("-o", "--output", metavar="OUT", help="where to write (default: FILE-YEAR.xml)")
    p.add_argument("--strict", action="store_true", help="fail (exit 1) when anything is lost")
    p.add_argument("--json", action="store_true", help="print output, losses and defaults as JSON")
    p.add_argument(
        "--default",
        action="append",
        default=[],
        metavar="TAG=VALUE",
        help="value for a required element the source lacks (SIVI tag and code)",
    )
    add_jobs_option(p)  # one file: read in this process whatever N (no pool for one file)
    p.set_defaults(func=_cmd_convert, stop_on_interrupt=True)

    schemas = sub.add_parser("schemas", help="work with XSDs").add_subparsers(
        dest="schemas_command", required=True
    )
    p = schemas.add_parser("compare", help="structural differences between two XSDs")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--ignore-namespace-year",
        action="store_true",
        help="treat namespaces that differ only in the final year as equal",
    )
    p.add_argument("a", metavar="A.xsd")
    p.add_argument("b", metavar="B.xsd")
    p.set_defaults(func=_cmd_compare)
    p = schemas.add_parser("list", help="every supported message and release")
    p.set_defaults(func=_cmd_list)
    _register_classify(sub)
    _register_process(sub)
    _register_state(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; returns the exit code."""
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        code: int = args.func(args, out)
    except (SiviError, OSError) as exc:
        sys.stderr.write(f"sivi-verzuim: {exc}\n")
        return 1
    except KeyboardInterrupt:
        if not getattr(args, "stop_on_interrupt", False):
            raise
        sys.stderr.write("sivi-verzuim: interrupted\n")
        return 130
    return code


if __name__ == "__main__":
    raise SystemExit(main())
