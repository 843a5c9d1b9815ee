#!/usr/bin/env python
"""Every speed goal of the library, measured against its reference in the same run.

Run from the repository root::

    python benchmarks/run.py            # default run (about 3 minutes on 2 cores), then tolerant.py
    python benchmarks/run.py --quick    # a smoke run: small sizes, one round, tolerant.py --quick
    python benchmarks/run.py --json     # machine-readable results on stdout

**Throughput** (messages per second), every candidate on the *same bytes*, in the same
process and run, on three documents: every shipped example (``examples/<year>/*.xml``, one
call reads them all), a held-out sick report of another sender's software
(``tests/held_out/2020/VZ-2020-partial-recovery.xml``) and a synthetic large message (the
richer 2021 example with its ``Wrknmr`` copied ``--employees`` times). Candidates:

* ``lxml.etree.fromstring`` -- raw parse, the floor;
* ``lxml fromstring + XMLSchema.validate`` -- the package's XSD compiled once by lxml (a
  reference);
* ``xsdata XmlParser().from_bytes`` -- the parser built once (a reference);
* ``sivi_verzuim.parse`` -- ours: safe parse + detection + schema validation + bind, with a
  breakdown through private functions where they exist (informational);
* ``sivi_verzuim.parse`` + ``to_model``, ``to_model`` and ``from_model`` alone;
* ``sivi_verzuim.serialize`` on the parsed message (with and without its schema check) and
  ``xsdata XmlSerializer().render`` of the same bound object with the same settings (a
  reference).

Timing: ``time.perf_counter`` around a batch of calls calibrated to take about
``--batch-seconds``; one warm-up batch; then ``--repeats`` timed batches taken round-robin over
the candidates of a document, so that machine noise hits all of them alike.

**End to end** (``endtoend.py``): ``sivi-verzuim validate`` of ``--cli-files`` files against a
loop over ``parse`` in one process; ``sivi-verzuim process`` on ``--process-files`` files with
``--jobs 2`` against ``--jobs 1``; ``ChainValidator.process(Message)`` in messages/s (and
against processing the domain models); a fresh process's import + first ``parse`` against
xsdata's import + first ``from_bytes``.

**Goal rows**: every goal is printed as ``name  ours  reference  ratio  goal  PASS|FAIL``,
ratio = ours / reference in the unit of the row (the median of the ratios of the same round),
judged against the goal. Then ``benchmarks/tolerant.py`` runs in a process of its own
(``--quick`` and ``--json`` are passed on; skipped with ``--no-tolerant``). The chain goals at
1,000,000 mutations are ``benchmarks/chain.py``'s. **The exit status is 1 when a goal row or a
tolerant-path check FAILs**, 0 when all PASS.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import gc
import io
import json
import math
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import endtoend
from goals import Goal, GoalRow, judged, paired_median, summary, table
from lxml import etree
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.serializers.config import SerializerConfig

import sivi_verzuim
from sivi_verzuim import Message, MessageType, Release
from sivi_verzuim.errors import ConversionError, ValidationError
from sivi_verzuim.releases import binding_class

try:  # private: the breakdown rows only, left out when the internals change
    from sivi_verzuim._bind import _bind
    from sivi_verzuim._codec import schema as _schema
    from sivi_verzuim._safexml import Limits, parse_xml

    BREAKDOWN = True
except ImportError:  # pragma: no cover - depends on the internals
    BREAKDOWN = False

ROOT = Path(__file__).resolve().parent.parent
TOLERANT_SCRIPT = Path(__file__).resolve().with_name("tolerant.py")
SICK_REPORT = ROOT / "examples" / "2021" / "VZ-2021-01-ziekmelding.xml"
RICH_REPORT = ROOT / "examples" / "2021" / "Verzuimmeldingen.xml"
HELD_OUT = ROOT / "tests" / "held_out" / "2020" / "VZ-2020-partial-recovery.xml"

LXML = "lxml"
LXML_XSD = "lxml_xsd"
XSDATA = "xsdata"
OURS = "ours"
PARSE_MAP = "parse_map"
SERIALIZE = "serialize"
RENDER = "render"

GOAL_PARSE = Goal(">=", 4.0)
GOAL_PARSE_MAP = Goal(">=", 4.0)
GOAL_PARSE_MAP_LXML = Goal(">=", 0.3)
GOAL_SERIALIZE = Goal(">=", 4.0)

# A "runner factory" gets a batch size n, does any untimed set-up for n calls and
# returns the zero-argument function that makes those n calls (the part timed).
RunnerFactory = Callable[[int], Callable[[], object]]


@dataclass
class Item:
    """One message of a document, with what every candidate needs prepared."""

    file: str
    data: bytes
    message: Message
    cls: type
    namespace: str
    xsd: etree.XMLSchema
    allow_unconfirmed: bool
    model: Any  # the domain model, or None when from_model cannot write it back in its release


@dataclass
class Document:
    tag: str
    name: str
    description: str
    items: list[Item]


@dataclass
class Candidate:
    key: str
    label: str
    factory: RunnerFactory
    breakdown: bool = False


@dataclass
class Result:
    key: str
    label: str
    breakdown: bool
    batch: int
    repeats: int
    us_best: float
    us_median: float
    msgs_per_s: float = 0.0
    ratio_vs_xsdata: float | None = None
    ratio_vs_lxml: float | None = None
    derived: bool = False
    samples_us: list[float] = field(default_factory=list)


@dataclass
class DocumentReport:
    tag: str
    name: str
    description: str
    messages: int
    bytes: int
    elements: int
    results: list[Result] = field(default_factory=list)


@dataclass
class Settings:
    batch_seconds: float
    repeats: int
    employees: int
    cli_files: int
    process_files: int
    rounds: int
    cold_runs: int


# --------------------------------------------------------------------------- inputs


def synthetic_message(data: bytes, employees: int) -> bytes:
    """*data* with its (first) ``Wrkgvr/Wrknmr`` repeated to *employees* copies."""
    root = etree.fromstring(data)
    ns = etree.QName(root).namespace
    employer = root.find(f"{{{ns}}}Wrkgvr")
    if employer is None:
        raise SystemExit("no Wrkgvr in the template message")
    template = employer.find(f"{{{ns}}}Wrknmr")
    if template is None:
        raise SystemExit("no Wrkgvr/Wrknmr in the template message")
    last = template
    for _ in range(employees - 1):
        clone = copy.deepcopy(template)
        last.addnext(clone)
        last = clone
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def count_elements(data: bytes) -> int:
    return sum(1 for _ in etree.fromstring(data).iter(etree.Element))


@cache
def lxml_schema(message_type: MessageType, release: Release) -> etree.XMLSchema:
    """The package's XSD of a message, compiled by lxml on its own (the reference's)."""
    xsd = resources.files("sivi_verzuim") / "schemas" / release.value / f"{message_type.title}.xsd"
    with resources.as_file(xsd) as path:
        return etree.XMLSchema(etree.parse(str(path)))


def shown(path: Path) -> str:
    """A path as the report shows it: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def item(file: str, data: bytes) -> Item:
    message = sivi_verzuim.parse(data)
    if not message.valid:
        raise SystemExit(f"{file}: sivi_verzuim.parse finds it invalid")
    mt, rel = message.message_type, message.release
    try:
        sivi_verzuim.serialize(message)
        allow = False
    except ValidationError:  # read from another sender: written as it is
        sivi_verzuim.serialize(message, allow_unconfirmed=True)
        allow = True
    model: Any = sivi_verzuim.to_model(message)
    try:
        sivi_verzuim.from_model(model, rel)
    except ConversionError:  # what only one reading of the release accepts is not written
        model = None
    return Item(
        file=file,
        data=data,
        message=message,
        cls=binding_class(mt, rel),
        namespace=mt.namespace(rel),
        xsd=lxml_schema(mt, rel),
        allow_unconfirmed=allow,
        model=model,
    )


def documents(employees: int) -> list[Document]:
    examples = endtoend.example_files()
    rich = RICH_REPORT.read_bytes()
    return [
        Document(
            "examples",
            "examples",
            f"every shipped example, examples/<year>/*.xml ({len(examples)} files, "
            "every message type and release)",
            [item(str(p.relative_to(ROOT)), p.read_bytes()) for p in examples],
        ),
        Document(
            "held-out",
            HELD_OUT.name,
            f"held-out sick report of another sender's software ({HELD_OUT.relative_to(ROOT)})",
            [item(HELD_OUT.name, HELD_OUT.read_bytes())],
        ),
        Document(
            "synthetic",
            f"synthetic-{employees}",
            f"{RICH_REPORT.name} 2021 with Wrknmr x {employees}",
            [item(f"synthetic-{employees}", synthetic_message(rich, employees))],
        ),
    ]


# --------------------------------------------------------------------------- candidates


def each(items: list[Item], op: Callable[[Item], object]) -> RunnerFactory:
    """A runner factory calling *op* on every item, n times (no per-batch set-up)."""

    def factory(n: int) -> Callable[[], object]:
        def run() -> None:
            for _ in range(n):
                for it in items:
                    op(it)

        return run

    return factory


def candidates(
    doc: Document, plain: XmlParser, renderer: XmlSerializer, *, details: bool
) -> list[Candidate]:
    """The candidates of a document; without *details* only those of the goal rows."""
    items = doc.items
    parse, to_model, serialize = sivi_verzuim.parse, sivi_verzuim.to_model, sivi_verzuim.serialize
    fromstring = etree.fromstring
    out = [
        Candidate(
            LXML, "lxml.etree.fromstring (raw parse)", each(items, lambda i: fromstring(i.data))
        ),
        Candidate(
            LXML_XSD,
            "lxml fromstring + XMLSchema.validate",
            each(items, lambda i: i.xsd.validate(fromstring(i.data))),
        ),
        Candidate(
            XSDATA,
            "xsdata XmlParser().from_bytes",
            each(items, lambda i: plain.from_bytes(i.data, i.cls)),
        ),
        Candidate(OURS, "sivi_verzuim.parse (ours)", each(items, lambda i: parse(i.data))),
    ]
    if details and BREAKDOWN:
        limits = Limits()
        trees = {id(it): parse_xml(it.data, limits=limits) for it in items}
        compiled = {id(it): _schema(it.message.message_type, it.message.release) for it in items}

        def bind_factory(n: int) -> Callable[[], object]:
            # the binder may clear what it has bound, so each call needs a tree of its
            # own: built here, outside the timed part
            work = [(parse_xml(it.data, limits=limits), it.cls) for _ in range(n) for it in items]

            def run() -> None:
                for tree, cls in work:
                    _bind(tree, cls, strict=True)

            return run

        out += [
            Candidate(
                "bd_safe_parse",
                "  breakdown: _safexml.parse_xml",
                each(items, lambda i: parse_xml(i.data, limits=limits)),
                breakdown=True,
            ),
            Candidate(
                "bd_validate",
                "  breakdown: _codec.schema().validate",
                each(items, lambda i: compiled[id(i)].validate(trees[id(i)])),
                breakdown=True,
            ),
            Candidate("bd_bind", "  breakdown: _bind._bind strict", bind_factory, breakdown=True),
        ]
    out += [
        Candidate(
            PARSE_MAP,
            "sivi_verzuim.parse + to_model",
            each(items, lambda i: to_model(parse(i.data))),
        ),
        Candidate(
            "to_model",
            "  breakdown: to_model (binding -> domain model)",
            each(items, lambda i: to_model(i.message)),
            breakdown=True,
        ),
    ]
    writable = [it for it in items if it.model is not None]
    if details and len(writable) == len(items):  # per message, the same messages as the other rows
        out.append(
            Candidate(
                "from_model",
                "sivi_verzuim.from_model (domain model -> binding)",
                each(items, lambda i: sivi_verzuim.from_model(i.model, i.message.release)),
            )
        )
    out += [
        Candidate(
            SERIALIZE,
            "sivi_verzuim.serialize",
            each(items, lambda i: serialize(i.message, allow_unconfirmed=i.allow_unconfirmed)),
        ),
        Candidate(
            "serialize_novalidate",
            "sivi_verzuim.serialize(validate=False)",
            each(items, lambda i: serialize(i.message, validate=False)),
        ),
        Candidate(
            RENDER,
            "xsdata XmlSerializer().render",
            each(items, lambda i: renderer.render(i.message.document, ns_map={None: i.namespace})),
        ),
    ]
    goal_keys = {LXML_XSD, XSDATA, OURS, PARSE_MAP, SERIALIZE, RENDER}
    return out if details else [c for c in out if c.key in goal_keys]


def sanity_check(doc: Document, plain: XmlParser, renderer: XmlSerializer) -> list[str]:
    """Run every path once; crash if one is broken, return notes on differences."""
    notes: list[str] = []
    for it in doc.items:
        theirs: Any = plain.from_bytes(it.data, it.cls)
        if it.message.document != theirs:
            notes.append(f"note: {it.file}: sivi_verzuim.parse and xsdata bound different objects")
        if not it.xsd.validate(etree.fromstring(it.data)):
            notes.append(f"note: {it.file}: lxml finds it invalid against the package's XSD")
        written = sivi_verzuim.serialize(it.message, allow_unconfirmed=it.allow_unconfirmed)
        again = sivi_verzuim.parse(written)
        if again.document != it.message.document:
            notes.append(f"note: {it.file}: serialize -> parse did not round-trip")
        rendered = renderer.render(it.message.document, ns_map={None: it.namespace})
        if rendered.encode("utf-8") != written:
            notes.append(f"note: {it.file}: serialize and xsdata's render wrote different bytes")
    return notes


# --------------------------------------------------------------------------- timing


def calibrate(factory: RunnerFactory, target: float) -> int:
    """A batch size whose run takes about *target* seconds (at least 1)."""
    n = 1
    while True:
        run = factory(n)
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        if elapsed >= target / 4 or n >= 1 << 20:
            return max(1, min(1 << 20, math.ceil(n * target / max(elapsed, 1e-9))))
        n *= 4 if elapsed < target / 40 else 2


def time_batch(factory: RunnerFactory, n: int) -> float:
    run = factory(n)
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measure(cands: list[Candidate], settings: Settings, per_call: int) -> list[Result]:
    """Time every candidate; figures per message (a call reads *per_call* messages)."""
    batches = {c.key: calibrate(c.factory, settings.batch_seconds) for c in cands}
    for c in cands:  # warm-up batch
        time_batch(c.factory, batches[c.key])
    samples: dict[str, list[float]] = {c.key: [] for c in cands}
    for _ in range(settings.repeats):
        for c in cands:  # round-robin: drift and noise hit every candidate alike
            n = batches[c.key]
            samples[c.key].append(time_batch(c.factory, n) / (n * per_call))
    return [
        Result(
            key=c.key,
            label=c.label,
            breakdown=c.breakdown,
            batch=batches[c.key],
            repeats=settings.repeats,
            us_best=min(samples[c.key]) * 1e6,
            us_median=statistics.median(samples[c.key]) * 1e6,
            samples_us=[round(t * 1e6, 3) for t in samples[c.key]],
        )
        for c in cands
    ]


def finish(results: list[Result]) -> list[Result]:
    by_key = {r.key: r for r in results}
    parts = [by_key[k] for k in ("bd_safe_parse", "bd_validate", "bd_bind") if k in by_key]
    ours = by_key.get(OURS)
    if ours is not None and parts:
        rest = Result(
            key="bd_rest",
            label="  breakdown: rest (derived)",
            breakdown=True,
            batch=0,
            repeats=ours.repeats,
            us_best=ours.us_best - sum(p.us_best for p in parts),
            us_median=ours.us_median - sum(p.us_median for p in parts),
            derived=True,
        )
        position = results.index(parts[-1]) + 1
        results = [*results[:position], rest, *results[position:]]
    for r in results:
        r.msgs_per_s = 1e6 / r.us_best if r.us_best > 0 else 0.0
    xsdata, lxml = by_key.get(XSDATA), by_key.get(LXML)
    for r in results:
        if r.msgs_per_s <= 0:
            continue
        if xsdata is not None:
            r.ratio_vs_xsdata = r.msgs_per_s / xsdata.msgs_per_s
        if lxml is not None:
            r.ratio_vs_lxml = r.msgs_per_s / lxml.msgs_per_s
    return results


def throughput_goals(report: DocumentReport) -> list[GoalRow]:
    """The four throughput goal rows of a document: medians, paired ratio."""
    by_key = {r.key: r for r in report.results}
    note = (
        f"{report.name}: {report.messages} message(s), {report.bytes:,} bytes, "
        f"{report.elements:,} elements; msgs/s of the median batch, "
        f"ratio: median of {by_key[OURS].repeats} same-round ratios"
    )
    rows = []
    for name, goal, mine, theirs in (
        ("parse / xsdata from_bytes", GOAL_PARSE, OURS, XSDATA),
        ("parse+to_model / xsdata from_bytes", GOAL_PARSE_MAP, PARSE_MAP, XSDATA),
        ("parse+to_model / lxml+XSD", GOAL_PARSE_MAP_LXML, PARSE_MAP, LXML_XSD),
        ("serialize / xsdata render", GOAL_SERIALIZE, SERIALIZE, RENDER),
    ):
        a, b = by_key[mine], by_key[theirs]
        rows.append(
            judged(
                f"{name} [{report.tag}]",
                goal,
                ours=1e6 / a.us_median,
                reference=1e6 / b.us_median,
                unit="msgs/s",
                ratio=paired_median(b.samples_us, a.samples_us),  # rate ratio
                notes=(note,) if name.startswith("parse /") else (),
            )
        )
    return rows


# --------------------------------------------------------------------------- output


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def fmt_rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def detail_table(report: DocumentReport) -> str:
    head = ("", "msgs/s", "µs/msg", "µs median", "vs xsdata", "vs lxml", "batch")
    rows = [head]
    for r in report.results:
        if r.us_best <= 0:
            rows.append((r.label, "-", f"{r.us_best:,.1f}", f"{r.us_median:,.1f}", "-", "-", "-"))
            continue
        rows.append(
            (
                r.label,
                fmt_rate(r.msgs_per_s),
                f"{r.us_best:,.1f}",
                f"{r.us_median:,.1f}",
                fmt_ratio(r.ratio_vs_xsdata),
                fmt_ratio(r.ratio_vs_lxml),
                "-" if r.derived else str(r.batch),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("-" * len(lines[0]))
    title = (
        f"[{report.tag}] {report.name}: {report.description} -- {report.messages} message(s), "
        f"{report.bytes:,} bytes, {report.elements:,} elements"
    )
    return "\n".join([title, *lines])


def environment() -> dict[str, str]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": str(os.cpu_count()),
        "lxml": version("lxml"),
        "libxml2": ".".join(map(str, etree.LIBXML_VERSION)),
        "xsdata": version("xsdata"),
        "sivi_verzuim": version("sivi-verzuim"),
    }


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return None


def profile_ours(data: bytes, calls: int) -> str:
    """cProfile of ``sivi_verzuim.parse`` next to xsdata's plain parse, top functions."""
    cls = binding_class(MessageType.VERZUIMMELDINGEN, Release.R2021)
    plain = XmlParser()
    out = io.StringIO()
    ops: tuple[tuple[str, Callable[[], object]], ...] = (
        ("sivi_verzuim.parse", lambda: sivi_verzuim.parse(data)),
        ("xsdata XmlParser().from_bytes", lambda: plain.from_bytes(data, cls)),
    )
    for label, op in ops:
        op()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            op()
        profiler.disable()
        out.write(f"\n=== cProfile: {label}, {calls} calls (times are totals) ===\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(18)
        stats.sort_stats("tottime").print_stats(12)
    return out.getvalue()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, one round")
    parser.add_argument("--json", action="store_true", help="print JSON results instead")
    parser.add_argument("--employees", type=int, help="Wrknmr copies in the synthetic message")
    parser.add_argument("--repeats", type=int, help="timed batches per throughput candidate")
    parser.add_argument("--batch-seconds", type=float, help="target duration of one batch")
    parser.add_argument("--cli-files", type=int, help="files for the CLI validate row")
    parser.add_argument("--process-files", type=int, help="files for the process rows")
    parser.add_argument("--rounds", type=int, help="rounds of the end-to-end rows")
    parser.add_argument("--cold-runs", type=int, help="fresh processes per cold-start candidate")
    parser.add_argument(
        "--goals-only",
        action="store_true",
        help="time only the candidates of the goal rows (implied by --quick)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help=f"only print a cProfile of ours and of xsdata on {RICH_REPORT.name}",
    )
    parser.add_argument(
        "--no-tolerant",
        action="store_true",
        help=f"skip the tolerant-path section ({TOLERANT_SCRIPT.name})",
    )
    args = parser.parse_args(argv)

    if args.profile:
        print(profile_ours(RICH_REPORT.read_bytes(), 200 if args.quick else 1000))
        return 0

    def pick(value: Any, quick: Any, default: Any) -> Any:
        return value if value is not None else (quick if args.quick else default)

    settings = Settings(
        batch_seconds=float(pick(args.batch_seconds, 0.01, 0.08)),
        repeats=int(pick(args.repeats, 2, 7)),
        employees=int(pick(args.employees, 20, 200)),
        cli_files=int(pick(args.cli_files, 100, 2000)),
        process_files=int(pick(args.process_files, 100, 5000)),
        rounds=int(pick(args.rounds, 1, 3)),
        cold_runs=int(pick(args.cold_runs, 2, 7)),
    )
    counts = (
        settings.employees,
        settings.repeats,
        settings.cli_files,
        settings.process_files,
        settings.rounds,
        settings.cold_runs,
    )
    if min(counts) < 1 or settings.batch_seconds <= 0:
        parser.error("sizes, --repeats, --rounds and --cold-runs must be >= 1, --batch-seconds > 0")

    def progress(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    load_before = load_average()
    started = time.perf_counter()
    plain = XmlParser()  # built once, xsdata's defaults
    renderer = XmlSerializer(  # built once, the settings serialize writes with
        config=SerializerConfig(indent="  ", xml_declaration=True, encoding="UTF-8")
    )

    reports: list[DocumentReport] = []
    goals: list[GoalRow] = []
    notes: list[str] = []
    for doc in documents(settings.employees):
        size = sum(len(it.data) for it in doc.items)
        progress(f"measuring {doc.name} ({len(doc.items)} message(s), {size:,} bytes) ...")
        notes += sanity_check(doc, plain, renderer)
        cands = candidates(doc, plain, renderer, details=not (args.quick or args.goals_only))
        measured = measure(cands, settings, len(doc.items))
        report = DocumentReport(
            tag=doc.tag,
            name=doc.name,
            description=doc.description,
            messages=len(doc.items),
            bytes=size,
            elements=sum(count_elements(it.data) for it in doc.items),
            results=finish(measured),
        )
        reports.append(report)
        goals += throughput_goals(report)

    with tempfile.TemporaryDirectory(prefix="sivi-bench-") as tmp:
        directory = Path(tmp)
        count = max(settings.cli_files, settings.process_files)
        progress(f"writing {count:,} messages for the end-to-end rows ...")
        inbox = endtoend.inbox_messages(count)
        goals.append(
            endtoend.cli_validate_row(
                directory, inbox[: settings.cli_files], settings.rounds, progress
            )
        )
        messages = inbox[: settings.process_files]
        goals.append(endtoend.process_row(directory, messages, settings.rounds, progress))
        goals.append(endtoend.chain_message_row(messages, 2 * settings.rounds + 1, progress))
        goals.append(endtoend.cold_start_row(SICK_REPORT, settings.cold_runs, progress))
    elapsed = time.perf_counter() - started
    load_after = load_average()
    failed = any(row.verdict != "PASS" for row in goals)

    if args.json:
        payload: dict[str, Any] = {
            "environment": environment(),
            "settings": asdict(settings),
            "mode": "quick" if args.quick else "default",
            "elapsed_s": round(elapsed, 2),
            "load_average_1min": {"before": load_before, "after": load_after},
            "goals": [row.as_dict() for row in goals],
            "verdict": "FAIL" if failed else "PASS",
            "documents": [asdict(r) for r in reports],
            "notes": notes,
        }
        status = 0
        if not args.no_tolerant:
            progress(f"running {TOLERANT_SCRIPT.name} ...")
            status, payload["tolerant"] = tolerant_section(args.quick, as_json=True)
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return status or int(failed)

    env = environment()
    print(
        f"sivi_verzuim from {shown(Path(sivi_verzuim.__file__).parent)}; Python {env['python']} "
        f"({env['platform']}, {env['cpus']} CPUs); lxml {env['lxml']} (libxml2 "
        f"{env['libxml2']}), xsdata {env['xsdata']}"
    )
    print(
        f"throughput: best and median of {settings.repeats} batches of "
        f"~{settings.batch_seconds * 1000:.0f} ms each after a warm-up; ratios are messages/s "
        "relative to the named row (>1 = faster)"
    )
    for report in reports:
        print()
        print(detail_table(report))
    for note in notes:
        print(note)
    print()
    print("Goal rows (ratio = ours / reference, same run; the unit is the row's)")
    print(table(goals))
    print(summary(goals))
    load = ""
    if load_before is not None and load_after is not None:
        load = f"; 1-min load average {load_before:.2f} before, {load_after:.2f} after"
    print(f"(run took {elapsed:.1f} s{load})")
    busy = os.cpu_count() or 1
    if load_before is not None and load_before > 0.5 * busy:
        print("warning: the machine was busy before the run; figures are noisy, re-run when idle")
    if args.no_tolerant:
        return int(failed)
    print()
    print(f"=== tolerant reading path ({TOLERANT_SCRIPT.relative_to(ROOT)}) ===", flush=True)
    status, _ = tolerant_section(args.quick, as_json=False)
    return status or int(failed)


def tolerant_section(quick: bool, *, as_json: bool) -> tuple[int, Any]:
    """Run benchmarks/tolerant.py in a process of its own: (exit status, JSON payload or None).

    Its table goes straight to stdout (or is parsed from it with *as_json*); its progress
    to stderr.
    """
    command = [sys.executable, str(TOLERANT_SCRIPT)]
    command += ["--quick"] if quick else []
    command += ["--json"] if as_json else []
    if not as_json:
        return subprocess.run(command, check=False).returncode, None
    done = subprocess.run(command, check=False, stdout=subprocess.PIPE, text=True)
    try:
        return done.returncode, json.loads(done.stdout)
    except json.JSONDecodeError:
        return done.returncode or 1, {"error": "no JSON from tolerant.py", "output": done.stdout}


if __name__ == "__main__":
    sys.exit(main())
