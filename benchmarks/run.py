#!/usr/bin/env python
"""Throughput of reading (and writing) SIVI Verzuimstandaard messages.

Run from the repository root::

    python benchmarks/run.py            # default run (well under a minute on 2 cores)
    python benchmarks/run.py --quick    # a few seconds, rougher numbers
    python benchmarks/run.py --json     # machine-readable results on stdout

Every candidate reads the *same bytes*, in the same process, in the same run:

* ``lxml.etree.fromstring`` -- raw parse, the floor;
* ``xmlschema`` -- ``XMLSchema(<our xsd>)`` built once, ``to_dict(data)`` per message
  (a validating decode to plain dicts);
* ``xsdata`` -- ``XmlParser().from_bytes(data, <binding class>)``, the parser built once;
* ``sivi_verzuim.parse`` -- ours: safe parse + detection + schema validation + bind;
* a breakdown of ours through three *private* functions (clearly labelled, informational);
* ``sivi_verzuim.serialize`` on the parsed message (with and without its schema check).

Timing: ``time.perf_counter`` around a batch of calls whose size is calibrated to
take about ``--batch-seconds``; one warm-up batch; then ``--repeats`` timed batches,
taken round-robin over the candidates of a document so that machine noise hits all of
them alike. The figure reported is the best batch (``median`` is in the JSON).

The requirement checked: ``sivi_verzuim.parse`` must not be slower than xsdata's own
plain parse of the same document (messages/s ratio ours/xsdata >= 1.0). The verdict
is printed as PASS/FAIL; the exit status is 0 either way (benchmarks are informational).

Then, unless ``--no-tolerant``, ``benchmarks/tolerant.py`` runs in a process of its own
(``--quick`` and ``--json`` are passed on): the tolerant reading path must be linear and
tolerant parsing at most twice as slow as strict. Its checks do set the exit status: 1
when one of them FAILs.
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
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import xmlschema
from lxml import etree
from xsdata.formats.dataclass.parsers import XmlParser

import sivi_verzuim
from sivi_verzuim import MessageType, Release
from sivi_verzuim._codec import _bind, schema  # private: breakdown rows only
from sivi_verzuim._safexml import Limits, parse_xml  # private: breakdown rows only
from sivi_verzuim.releases import binding_class

ROOT = Path(__file__).resolve().parent.parent
TOLERANT_SCRIPT = Path(__file__).resolve().with_name("tolerant.py")
EXAMPLES = ROOT / "examples" / "2021"
SICK_REPORT = EXAMPLES / "VZ-2021-01-ziekmelding.xml"
RICH_REPORT = EXAMPLES / "Verzuimmeldingen.xml"

MESSAGE_TYPE = MessageType.VERZUIMMELDINGEN
RELEASE = Release.R2021

XSDATA = "xsdata"
LXML = "lxml"
OURS = "ours"

# A "runner factory" gets a batch size n, does any untimed set-up for n calls and
# returns the zero-argument function that makes those n calls (the part timed).
RunnerFactory = Callable[[int], Callable[[], object]]


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
    name: str
    description: str
    bytes: int
    elements: int
    employees: int
    results: list[Result] = field(default_factory=list)
    ours_vs_xsdata: float | None = None
    ours_vs_xsdata_paired_median: float | None = None
    verdict: str = "n/a"


@dataclass
class Settings:
    batch_seconds: float
    repeats: int
    employees: int


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


def count_elements(data: bytes) -> tuple[int, int]:
    """(elements, Wrknmr elements) of a document."""
    root = etree.fromstring(data)
    elements = sum(1 for _ in root.iter(etree.Element))
    employees = sum(1 for el in root.iter(etree.Element) if etree.QName(el).localname == "Wrknmr")
    return elements, employees


# --------------------------------------------------------------------------- candidates


def repeat(op: Callable[[], object]) -> RunnerFactory:
    """A runner factory calling *op* n times (no per-batch set-up)."""

    def factory(n: int) -> Callable[[], object]:
        def run() -> None:
            for _ in range(n):
                op()

        return run

    return factory


def candidates(data: bytes, xsd: xmlschema.XMLSchema, plain: XmlParser) -> list[Candidate]:
    cls = binding_class(MESSAGE_TYPE, RELEASE)
    compiled = schema(MESSAGE_TYPE, RELEASE)  # ours, compiled once and cached
    limits = Limits()
    message = sivi_verzuim.parse(data)
    model = sivi_verzuim.to_model(message)
    tree = parse_xml(data, limits=limits)

    def bind_factory(n: int) -> Callable[[], object]:
        # xsdata's LxmlEventHandler clears every element it has bound, so each
        # call needs a tree of its own: built here, outside the timed part.
        trees = [parse_xml(data, limits=limits) for _ in range(n)]

        def run() -> None:
            for t in trees:
                _bind(t, cls, strict=True)

        return run

    return [
        Candidate(
            LXML, "lxml.etree.fromstring (raw parse)", repeat(lambda: etree.fromstring(data))
        ),
        Candidate("xmlschema", "xmlschema XMLSchema.to_dict", repeat(lambda: xsd.to_dict(data))),
        Candidate(
            XSDATA, "xsdata XmlParser().from_bytes", repeat(lambda: plain.from_bytes(data, cls))
        ),
        Candidate(OURS, "sivi_verzuim.parse (ours)", repeat(lambda: sivi_verzuim.parse(data))),
        Candidate(
            "bd_safe_parse",
            "  breakdown: _safexml.parse_xml",
            repeat(lambda: parse_xml(data, limits=limits)),
            breakdown=True,
        ),
        Candidate(
            "bd_validate",
            "  breakdown: _codec.schema().validate",
            repeat(lambda: compiled.validate(tree)),
            breakdown=True,
        ),
        Candidate("bd_bind", "  breakdown: _codec._bind strict", bind_factory, breakdown=True),
        Candidate(
            "parse_map",
            "sivi_verzuim.parse + to_model",
            repeat(lambda: sivi_verzuim.to_model(sivi_verzuim.parse(data))),
        ),
        Candidate(
            "to_model",
            "  breakdown: to_model (binding -> domain model)",
            repeat(lambda: sivi_verzuim.to_model(message)),
            breakdown=True,
        ),
        Candidate(
            "from_model",
            "sivi_verzuim.from_model (domain model -> binding)",
            repeat(lambda: sivi_verzuim.from_model(model, RELEASE)),
        ),
        Candidate(
            "serialize",
            "sivi_verzuim.serialize",
            repeat(lambda: sivi_verzuim.serialize(message)),
        ),
        Candidate(
            "serialize_novalidate",
            "sivi_verzuim.serialize(validate=False)",
            repeat(lambda: sivi_verzuim.serialize(message, validate=False)),
        ),
    ]


def sanity_check(data: bytes, xsd: xmlschema.XMLSchema, plain: XmlParser) -> list[str]:
    """Run every path once; crash if one is broken, return notes on differences."""
    cls = binding_class(MESSAGE_TYPE, RELEASE)
    notes: list[str] = []
    xsd.validate(data)
    theirs: Any = plain.from_bytes(data, cls)
    message = sivi_verzuim.parse(data)
    if (message.message_type, message.release) != (MESSAGE_TYPE, RELEASE) or not message.valid:
        raise SystemExit(f"sivi_verzuim.parse detected {message.message_type}/{message.release}")
    if message.document != theirs:
        notes.append("note: sivi_verzuim.parse and xsdata bound different objects")
    again = sivi_verzuim.parse(sivi_verzuim.serialize(message))
    if again.document != message.document:
        notes.append("note: serialize -> parse did not round-trip")
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


def measure(cands: list[Candidate], settings: Settings) -> list[Result]:
    batches = {c.key: calibrate(c.factory, settings.batch_seconds) for c in cands}
    for c in cands:  # warm-up batch
        time_batch(c.factory, batches[c.key])
    samples: dict[str, list[float]] = {c.key: [] for c in cands}
    for _ in range(settings.repeats):
        for c in cands:  # round-robin: drift and noise hit every candidate alike
            n = batches[c.key]
            samples[c.key].append(time_batch(c.factory, n) / n)
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


def paired_ratio(results: list[Result]) -> float | None:
    """Median over the repeats of xsdata's time / our time in the same round."""
    by_key = {r.key: r for r in results}
    ours, xsdata = by_key.get(OURS), by_key.get(XSDATA)
    if ours is None or xsdata is None:
        return None
    pairs = zip(xsdata.samples_us, ours.samples_us, strict=True)
    return statistics.median(theirs / mine for theirs, mine in pairs)


def finish(results: list[Result]) -> tuple[list[Result], float | None]:
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
    ratio = ours.ratio_vs_xsdata if ours is not None else None
    return results, ratio


# --------------------------------------------------------------------------- output


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def fmt_rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def table(report: DocumentReport) -> str:
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
        f"{report.name}: {report.description} -- {report.bytes:,} bytes, "
        f"{report.elements:,} elements, {report.employees} Wrknmr"
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
        "xmlschema": version("xmlschema"),
        "sivi_verzuim": version("sivi-verzuim"),
    }


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return None


def profile_ours(data: bytes, calls: int) -> str:
    """cProfile of ``sivi_verzuim.parse`` next to xsdata's plain parse, top functions."""
    cls = binding_class(MESSAGE_TYPE, RELEASE)
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
    parser.add_argument("--quick", action="store_true", help="short, rougher run")
    parser.add_argument("--json", action="store_true", help="print JSON results instead")
    parser.add_argument("--employees", type=int, help="Wrknmr copies in the synthetic message")
    parser.add_argument("--repeats", type=int, help="timed batches per candidate")
    parser.add_argument("--batch-seconds", type=float, help="target duration of one batch")
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
        batch_seconds=float(pick(args.batch_seconds, 0.02, 0.08)),
        repeats=int(pick(args.repeats, 3, 7)),
        employees=int(pick(args.employees, 50, 200)),
    )
    if settings.employees < 1 or settings.repeats < 1 or settings.batch_seconds <= 0:
        parser.error("--employees and --repeats must be >= 1, --batch-seconds > 0")

    def progress(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    load_before = load_average()
    started = time.perf_counter()
    rich = RICH_REPORT.read_bytes()
    documents = [
        (SICK_REPORT.name, "sick report (ziekmelding)", SICK_REPORT.read_bytes()),
        (RICH_REPORT.name, "sick report, more optional fields", rich),
        (
            f"synthetic-{settings.employees}",
            f"{RICH_REPORT.name} with Wrknmr x {settings.employees}",
            synthetic_message(rich, settings.employees),
        ),
    ]

    xsd_file = resources.files("sivi_verzuim") / "schemas" / RELEASE.value / "Verzuimmeldingen.xsd"
    with resources.as_file(xsd_file) as xsd_path:
        xsd = xmlschema.XMLSchema(str(xsd_path))  # built once
    plain = XmlParser()  # built once, xsdata's defaults

    reports: list[DocumentReport] = []
    notes: list[str] = []
    for name, description, data in documents:
        progress(f"measuring {name} ({len(data):,} bytes) ...")
        notes += [f"{name}: {note}" for note in sanity_check(data, xsd, plain)]
        elements, employees = count_elements(data)
        measured = measure(candidates(data, xsd, plain), settings)
        paired = paired_ratio(measured)
        results, ratio = finish(measured)
        reports.append(
            DocumentReport(
                name=name,
                description=description,
                bytes=len(data),
                elements=elements,
                employees=employees,
                results=results,
                ours_vs_xsdata=ratio,
                ours_vs_xsdata_paired_median=paired,
                verdict="n/a" if ratio is None else ("PASS" if ratio >= 1.0 else "FAIL"),
            )
        )
    elapsed = time.perf_counter() - started
    load_after = load_average()
    overall = "PASS" if all(r.verdict == "PASS" for r in reports) else "FAIL"

    if args.json:
        payload: dict[str, Any] = {
            "environment": environment(),
            "settings": asdict(settings),
            "mode": "quick" if args.quick else "default",
            "elapsed_s": round(elapsed, 2),
            "load_average_1min": {"before": load_before, "after": load_after},
            "requirement": "sivi_verzuim.parse msgs/s >= xsdata XmlParser().from_bytes msgs/s",
            "verdict": overall,
            "documents": [asdict(r) for r in reports],
            "notes": notes,
        }
        status = 0
        if not args.no_tolerant:
            progress(f"running {TOLERANT_SCRIPT.name} ...")
            status, payload["tolerant"] = tolerant_section(args.quick, as_json=True)
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return status

    env = environment()
    print(
        f"Python {env['python']} ({env['platform']}, {env['cpus']} CPUs); lxml {env['lxml']} "
        f"(libxml2 {env['libxml2']}), xsdata {env['xsdata']}, xmlschema {env['xmlschema']}"
    )
    print(
        f"best of {settings.repeats} batches of ~{settings.batch_seconds * 1000:.0f} ms each "
        f"after a warm-up; ratios are messages/s relative to the named row (>1 = faster)"
    )
    for report in reports:
        print()
        print(table(report))
    print()
    print("Requirement: sivi_verzuim.parse must not be slower than xsdata XmlParser().from_bytes")
    for report in reports:
        print(
            f"  {report.verdict}  {report.name}: ours/xsdata = {fmt_ratio(report.ours_vs_xsdata)}"
            f" (best vs best; median of same-round pairs "
            f"{fmt_ratio(report.ours_vs_xsdata_paired_median)})"
        )
    slower = sum(1 for r in reports if r.verdict != "PASS")
    if overall == "PASS":
        print(
            "PASS: sivi_verzuim.parse is not slower than xsdata's plain parse on all "
            f"{len(reports)} documents"
        )
    else:
        print(
            f"FAIL: sivi_verzuim.parse is slower than xsdata's plain parse on {slower} of "
            f"{len(reports)} documents"
        )
    for note in notes:
        print(note)
    load = ""
    if load_before is not None and load_after is not None:
        load = f"; 1-min load average {load_before:.2f} before, {load_after:.2f} after"
    print(f"(run took {elapsed:.1f} s{load})")
    busy = os.cpu_count() or 1
    if load_before is not None and load_before > 0.5 * busy:
        print("warning: the machine was busy before the run; figures are noisy, re-run when idle")
    if args.no_tolerant:
        return 0
    print()
    print(f"=== tolerant reading path ({TOLERANT_SCRIPT.relative_to(ROOT)}) ===", flush=True)
    status, _ = tolerant_section(args.quick, as_json=False)
    return status


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
