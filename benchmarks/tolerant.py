#!/usr/bin/env python
"""Linearity of the tolerant reading path: ``validate`` and ``parse(strict=False)``.

Run from the repository root::

    python benchmarks/tolerant.py            # default run (2-3 minutes when linear)
    python benchmarks/tolerant.py --quick    # smoke run: a quarter of the sizes, no near-limit rows
    python benchmarks/tolerant.py --json     # the same results as JSON on stdout

Every document is the valid 2025 sick report ``examples/2025/VZ-2025-01-ziekmelding.xml``
with something added, built in memory before anything is timed:

* ``one parent``: N unknown elements ``<Onbekend>`` appended to its ``Wrknmr`` as siblings,
  one per line, every second one with a child ``<Waarde>`` (a leaf's path carries no position,
  a parent's does, so both kinds are there);
* ``many parents``: the ``Wrknmr`` block repeated in its ``Wrkgvr``, each copy with one empty
  ``<Onbekend/>`` appended to each of its 14 elements that have child elements, until there
  are N (40,000 unknowns: 2,858 ``Wrknmr`` siblings);
* ``attributes``: N unknown attributes on ``Wrknmr``;
* ``valid``: the ``Wrknmr`` block repeated to about 40,000 elements (the schema allows any
  number of ``Wrknmr``); checked to have no finding with ``validate``, and both parse modes
  must bind the same document;
* near the limit: 1,900,000 elements, under ``Limits().max_elements`` (2,000,000): unknown
  empty elements in one parent (``Wrknmr``), and spread round-robin over the 140,000 parents
  of 10,000 ``Wrknmr`` copies (a large employer's batch with unknowns everywhere).

Timed: ``sivi_verzuim.validate(data)`` and ``sivi_verzuim.parse(data, strict=False)``
(public API only), and, not checked, a floor row: ``lxml.etree.fromstring`` + the package's
XSD compiled once with ``lxml.etree.XMLSchema`` + its error log, the part of the work done in
libxml2 (lxml computes a path for every error it logs; that is its own cost). With
``time.perf_counter``; ``gc.collect()`` before a sample, the collector
on during it, results freed after the clock stops. The candidates of a group (both
functions, every size) are timed round-robin, ``--repeats`` rounds, so that load hits all of
them alike. Round 1 makes one call per candidate; later rounds repeat calls shorter than
``--sample-seconds`` to fill a sample. The figure is the best round, the ratio best / best
(the median of the same-round ratios is printed next to it). A sample has a time limit
(``--limit``, a ``SIGALRM`` timer): one that exceeds it stops its series, the larger sizes are
not run, and the check FAILs with the times measured. The near-limit rows run once each in a
child process, which is killed when ``validate`` overruns its bound.

Checks (PASS/FAIL); the exit status is 1 if any FAILs, 0 otherwise:

* t(40,000) / t(10,000) <= 4.5 (4.0 is linear) for each function on ``one parent``, on
  ``many parents`` and on ``attributes`` (with ``--quick``: t(10,000) / t(2,500));
* ``parse(strict=False)`` <= 2.0 x ``parse(strict=True)`` on the valid message;
* ``validate`` of each near-limit document in under 60 s (``--near-limit-bound``).
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import math
import os
import platform
import queue
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from lxml import etree

import sivi_verzuim
from sivi_verzuim import Limits, Severity

ROOT = Path(__file__).resolve().parent.parent


def _shown(path: Path) -> str:
    """A path as the report shows it: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


EXAMPLE = ROOT / "examples" / "2025" / "VZ-2025-01-ziekmelding.xml"

SIZES = (5_000, 10_000, 20_000, 40_000)
ATTRIBUTE_SIZES = (10_000, 40_000)
VALID_ELEMENTS = 40_000
NEAR_LIMIT_ELEMENTS = 1_900_000
NEAR_LIMIT_COPIES = 10_000
LINEAR_GOAL = 4.5  # t(4n) / t(n); 4.0 is linear
TOLERANT_GOAL = 2.0  # parse(strict=False) / parse(strict=True)
BUILD_SECONDS = 180.0  # a near-limit child may take this long to build its document

VALIDATE = "validate"
TOLERANT = "parse(strict=False)"
STRICT = "parse(strict=True)"
FLOOR = "floor: lxml parse + XSD"  # informational, not checked

LAYOUTS = {
    "one parent": "N unknown siblings at the end of Wrknmr, every second with a child element",
    "many parents": "Wrknmr block repeated, one unknown empty element in each of its parents",
    "attributes": "N unknown attributes on Wrknmr",
}


# --------------------------------------------------------------------------- documents


def _template() -> tuple[etree._Element, str, etree._Element]:
    root = etree.fromstring(EXAMPLE.read_bytes())
    ns = etree.QName(root).namespace or ""
    employee = root.find(f"{{{ns}}}Wrkgvr/{{{ns}}}Wrknmr")
    if employee is None:
        raise SystemExit(f"no Wrkgvr/Wrknmr in {EXAMPLE}")
    return root, ns, employee


def _bytes(root: etree._Element) -> bytes:
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def _count(root: etree._Element) -> int:
    return sum(1 for _ in root.iter(etree.Element))


def _parents(el: etree._Element) -> list[etree._Element]:
    """``el`` and every element under it that has child elements."""
    return [e for e in el.iter(etree.Element) if any(isinstance(c.tag, str) for c in e)]


def _append_unknown(parent: etree._Element, ns: str, indent: str = "\n") -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}Onbekend")
    el.tail = indent
    return el


def _repeat(employee: etree._Element, copies: int) -> list[etree._Element]:
    """``employee`` followed by ``copies - 1`` deep copies of it; all of them."""
    out = [employee]
    for _ in range(copies - 1):
        clone = copy.deepcopy(employee)
        out[-1].addnext(clone)
        out.append(clone)
    return out


def one_parent(n: int) -> etree._Element:
    root, ns, employee = _template()
    for i in range(n):
        el = _append_unknown(employee, ns)
        if i % 2:
            child = etree.SubElement(el, f"{{{ns}}}Waarde")
            child.text = str(i)
    return root


def many_parents(n: int) -> etree._Element:
    root, ns, employee = _template()
    per_copy = len(_parents(employee))
    added = 0
    for block in _repeat(employee, math.ceil(n / per_copy)):
        for parent in _parents(block):
            if added < n:
                _append_unknown(parent, ns)
                added += 1
    return root


def attributes(n: int) -> etree._Element:
    root, _, employee = _template()
    for i in range(n):
        employee.set(f"onbekend{i}", "1")
    return root


def valid(elements: int) -> etree._Element:
    root, _, employee = _template()
    per_copy = _count(employee)
    _repeat(employee, max(1, round((elements - (_count(root) - per_copy)) / per_copy)))
    return root


def near_limit(layout: str, total: int) -> etree._Element:
    """About *total* elements: unknown empty elements in one parent, or over many parents."""
    root, ns, employee = _template()
    if layout == "one parent":
        for _ in range(total - _count(root)):
            _append_unknown(employee, ns)
        return root
    per_copy = _count(employee)
    base = _count(root) - per_copy
    parents = [p for block in _repeat(employee, NEAR_LIMIT_COPIES) for p in _parents(block)]
    unknowns = total - base - NEAR_LIMIT_COPIES * per_copy
    for i in range(unknowns):  # round-robin over the parents
        _append_unknown(parents[i % len(parents)], ns)
    return root


BUILDERS: dict[str, Callable[[int], etree._Element]] = {
    "one parent": one_parent,
    "many parents": many_parents,
    "attributes": attributes,
}


@dataclass
class Document:
    layout: str
    size: int  # unknown elements or attributes
    elements: int
    bytes: int
    data: bytes = field(repr=False)


def build(layout: str, size: int) -> Document:
    root = BUILDERS[layout](size)
    data = _bytes(root)
    return Document(layout, size, _count(root), len(data), data)


# --------------------------------------------------------------------------- timing


class TimeLimitExceeded(BaseException):
    """Raised by the alarm in a call that ran out of time (not an Exception: never caught
    by the library's own handlers)."""


_armed = False


def _on_alarm(signum: int, frame: object) -> None:
    if _armed:
        raise TimeLimitExceeded


HAVE_ALARM = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def timed(call: Callable[[], object], limit: float, calls: int = 1) -> tuple[float | None, object]:
    """(seconds per call, first result) of *calls* calls, or (None, None) when they ran out of
    *limit* seconds. Results are freed after the clock stops, as for a single call.

    Without ``SIGALRM`` (Windows) the calls run to their end and count as out of time after.
    """
    global _armed
    results: list[object] = []
    gc.collect()
    if not HAVE_ALARM:
        start = time.perf_counter()
        for _ in range(calls):
            results.append(call())
        elapsed = time.perf_counter() - start
        return (elapsed / calls, results[0]) if elapsed <= limit else (None, None)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        _armed = True
        signal.setitimer(signal.ITIMER_REAL, limit)
        start = time.perf_counter()
        for _ in range(calls):
            results.append(call())
        elapsed = time.perf_counter() - start
        _armed = False
        return elapsed / calls, results[0]
    except TimeLimitExceeded:
        return None, None
    finally:
        _armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def _xsd() -> etree.XMLSchema:
    """The package's Verzuimmeldingen 2025 schema, compiled once (for the floor row)."""
    xsd = resources.files("sivi_verzuim") / "schemas" / "2025" / "Verzuimmeldingen.xsd"
    return etree.XMLSchema(etree.fromstring(xsd.read_bytes()))


def floor(data: bytes) -> Any:
    """What libxml2 alone does: parse, validate, build lxml's error log (its entries' paths)."""
    schema = _xsd()
    schema.validate(etree.ElementTree(etree.fromstring(data)))
    return schema.error_log


FUNCTIONS: dict[str, Callable[[bytes], Any]] = {
    VALIDATE: lambda data: sivi_verzuim.validate(data),
    TOLERANT: lambda data: sivi_verzuim.parse(data, strict=False),
    STRICT: lambda data: sivi_verzuim.parse(data, strict=True),
    FLOOR: floor,
}


def outcome(function: str, result: Any) -> str:
    """What a call returned, for the documents table (kept short)."""
    if function == FLOOR:
        return plural(len(result), "libxml2 error")
    if function == VALIDATE:
        return plural(len(result), "finding")
    kept = len(result.unknown_elements)
    return f"{plural(len(result.findings), 'finding')}, {kept:,} kept"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


@dataclass
class Series:
    """One function over the sizes of one layout."""

    layout: str
    function: str
    sizes: list[int]
    samples: dict[int, list[float]] = field(default_factory=dict)  # size -> s/call per round
    calls: dict[int, int] = field(default_factory=dict)  # size -> calls per sample
    timed_out: int | None = None  # the size whose call ran out of time
    outcomes: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def best(self, size: int) -> float | None:
        values = self.samples.get(size)
        return min(values) if values else None

    def median(self, size: int) -> float | None:
        values = self.samples.get(size)
        return statistics.median(values) if values else None


def run_group(
    docs: dict[int, Document],
    series: list[Series],
    repeats: int,
    limit: float,
    sample_seconds: float,
    log: Callable[[str], None],
    *,
    expect_valid: bool = False,
) -> None:
    """Time every (function, size) of a group round-robin; stop a series at its time limit.

    Round 1 makes one call per candidate; from round 2 on a sample is as many calls as fill
    about *sample_seconds* (one for all but the quick calls), timed together.
    """
    for s in series:  # warm-up: schema compilation and caches, on the smallest document
        FUNCTIONS[s.function](docs[min(s.sizes)].data)
    for round_no in range(repeats):
        log(f"  round {round_no + 1}/{repeats}")
        for size in sorted({size for s in series for size in s.sizes}):
            for s in series:
                if size not in s.sizes or s.timed_out is not None:
                    continue  # a series that ran out of time is over: FAIL already
                data = docs[size].data
                calls = s.calls.get(size, 1)
                call = FUNCTIONS[s.function]
                seconds, result = timed(lambda f=call, d=data: f(d), limit, calls)
                if seconds is None:
                    s.timed_out = size
                    log(f"    {s.function}, {s.layout}, {size:,}: over the {limit:g} s limit")
                    continue
                s.samples.setdefault(size, []).append(seconds)
                if size not in s.calls:
                    s.calls[size] = max(1, min(1000, math.ceil(sample_seconds / seconds)))
                if size not in s.outcomes:
                    s.outcomes[size] = outcome(s.function, result)
                    s.problems += sanity(s.function, result, expect_valid=expect_valid)
                del result


def sanity(function: str, result: Any, *, expect_valid: bool) -> list[str]:
    """Notes when a call's result does not look like the work was done."""
    if function == FLOOR:
        return []
    if function == VALIDATE:
        errors = [f for f in result if f.severity is Severity.ERROR]
    else:
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if expect_valid and errors:
        return [f"{function} found {len(errors)} errors in a valid message"]
    if not expect_valid and not errors:
        return [f"{function} found no error in an invalid message"]
    return []


@dataclass
class Check:
    name: str
    measured: str
    goal: str
    verdict: str
    value: float | None = None


def ratio_check(s: Series, small: int, large: int, limit: float) -> Check:
    name = f"{s.function}, {s.layout}: t({large:,}) / t({small:,})"
    goal = f"<= {LINEAR_GOAL}"
    t_small, t_large = s.best(small), s.best(large)
    if t_small is not None and t_large is not None:
        value = t_large / t_small
        pairs = zip(s.samples[small], s.samples[large], strict=False)
        paired = statistics.median(b / a for a, b in pairs)
        verdict = "PASS" if value <= LINEAR_GOAL else "FAIL"
        return Check(name, f"{value:.2f} (same-round median {paired:.2f})", goal, verdict, value)
    if t_small is not None and s.timed_out is not None:  # large ran out of time
        bound = limit / t_small
        return Check(name, f"> {bound:.1f} (stopped: over {limit:g} s)", goal, "FAIL", None)
    return Check(name, f"not measured (over {limit:g} s at {s.timed_out or small:,})", goal, "FAIL")


# --------------------------------------------------------------------------- near the limit


def near_limit_child(layout: str, total: int) -> int:
    """In the child process: build, report, time one ``validate``, report, exit."""
    root = near_limit(layout, total)
    elements = _count(root)
    data = _bytes(root)
    del root
    limit = Limits().max_elements
    if limit is not None and elements >= limit:
        raise SystemExit(f"{elements:,} elements is not under the limit {limit:,}")
    print(json.dumps({"elements": elements, "bytes": len(data)}), flush=True)
    gc.collect()
    start = time.perf_counter()
    findings = sivi_verzuim.validate(data)
    seconds = time.perf_counter() - start
    result = {"seconds": seconds, "findings": len(findings), "peak_mb": peak_memory_mb()}
    print(json.dumps(result), flush=True)
    os._exit(0)  # skip tearing down millions of objects


def peak_memory_mb() -> float | None:
    """The process's peak resident memory in MB (None where unknown)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


@dataclass
class NearLimit:
    layout: str
    elements: int | None = None
    bytes: int | None = None
    seconds: float | None = None
    findings: int | None = None
    peak_mb: float | None = None
    error: str | None = None


def near_limit_run(layout: str, total: int, bound: float, log: Callable[[str], None]) -> NearLimit:
    """Run one near-limit row in a child process; kill it when it overruns *bound*."""
    row = NearLimit(layout)
    command = [sys.executable, str(Path(__file__).resolve()), "--near-limit-child", layout]
    command += ["--near-limit-elements", str(total)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    try:
        for step, wait in (("build", BUILD_SECONDS), ("validate", bound)):
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                row.error = (
                    f"did not finish within {wait:g} s"
                    if step == "validate"
                    else f"document not built within {wait:g} s"
                )
                log(f"  {layout}: {row.error}; stopping the child")
                break
            if line is None:
                row.error = f"child process failed (exit status {proc.wait()})"
                break
            info = json.loads(line)
            if step == "build":
                row.elements, row.bytes = info["elements"], info["bytes"]
                log(f"  {layout}: {row.elements:,} elements, {row.bytes:,} bytes; validate ...")
            else:
                row.seconds, row.findings = info["seconds"], info["findings"]
                row.peak_mb = info.get("peak_mb")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    return row


# --------------------------------------------------------------------------- output


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def render(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("-" * len(lines[0]))
    return lines


def environment() -> dict[str, str]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "lxml": version("lxml"),
        "libxml2": ".".join(map(str, etree.LIBXML_VERSION)),
        "xsdata": version("xsdata"),
        "sivi_verzuim": _shown(Path(sivi_verzuim.__file__).parent),
    }


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="a quarter of the sizes, no near-limit rows"
    )
    parser.add_argument("--json", action="store_true", help="print JSON results instead")
    parser.add_argument(
        "--repeats", type=int, help="timed rounds per group (default 5, 3 with --quick)"
    )
    parser.add_argument(
        "--limit", type=float, help="seconds one sample may take (default 20, 5 with --quick)"
    )
    parser.add_argument(
        "--sample-seconds",
        type=float,
        help="least duration of one sample: quick calls are repeated (default 0.2, 0.05 quick)",
    )
    parser.add_argument(
        "--near-limit-bound",
        type=float,
        default=60.0,
        help="seconds a near-limit validate may take (default 60)",
    )
    parser.add_argument("--near-limit-child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--near-limit-elements", type=int, default=NEAR_LIMIT_ELEMENTS, help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.near_limit_child:
        return near_limit_child(args.near_limit_child, args.near_limit_elements)

    scale = 4 if args.quick else 1
    repeats = args.repeats or (3 if args.quick else 5)
    limit = args.limit or (5.0 if args.quick else 20.0)
    sample_seconds = args.sample_seconds or (0.05 if args.quick else 0.2)
    if repeats < 1 or limit <= 0 or sample_seconds <= 0:
        parser.error("--repeats must be >= 1, --limit and --sample-seconds > 0")
    sizes = [n // scale for n in SIZES]
    attribute_sizes = [n // scale for n in ATTRIBUTE_SIZES]
    small, large = sizes[1], sizes[3]

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    load_before = load_average()
    started = time.perf_counter()
    all_series: list[Series] = []
    documents: list[tuple[Document, list[Series]]] = []
    for layout in LAYOUTS:
        layout_sizes = attribute_sizes if layout == "attributes" else sizes
        log(f"building {layout}: {', '.join(f'{n:,}' for n in layout_sizes)} ...")
        docs = {n: build(layout, n) for n in layout_sizes}
        group = [Series(layout, f, list(layout_sizes)) for f in (VALIDATE, TOLERANT, FLOOR)]
        log(f"measuring {layout} ...")
        run_group(docs, group, repeats, limit, sample_seconds, log)
        all_series += group
        documents += [(doc, group) for doc in docs.values()]
        del docs

    checks: list[Check] = []
    ratios: list[Check] = []  # one per series, the floor's informational
    for s in all_series:
        if s.layout == "attributes":
            ratios.append(ratio_check(s, attribute_sizes[0], attribute_sizes[-1], limit))
        else:
            ratios.append(ratio_check(s, small, large, limit))
        if s.function != FLOOR:
            checks.append(ratios[-1])

    # tolerant vs strict on a valid message of about VALID_ELEMENTS elements
    log(f"building a valid message of about {VALID_ELEMENTS // scale:,} elements ...")
    valid_root = valid(VALID_ELEMENTS // scale)
    valid_data = _bytes(valid_root)
    valid_doc = Document("valid", 0, _count(valid_root), len(valid_data), valid_data)
    employees = len(valid_root.findall(".//{*}Wrknmr"))
    del valid_root
    valid_findings = sivi_verzuim.validate(valid_data)
    notes: list[str] = []
    if valid_findings:
        notes.append(f"valid message: validate found {len(valid_findings)} findings")
    strict_message = sivi_verzuim.parse(valid_data, strict=True)
    tolerant_message = sivi_verzuim.parse(valid_data, strict=False)
    if strict_message.document != tolerant_message.document:
        notes.append("valid message: parse(strict=False) bound a different document than strict")
    del strict_message, tolerant_message
    log("measuring strict vs tolerant ...")
    pair = [Series("valid", f, [valid_doc.elements]) for f in (STRICT, TOLERANT)]
    run_group(
        {valid_doc.elements: valid_doc},
        pair,
        max(repeats, 5),
        limit,
        sample_seconds,
        log,
        expect_valid=True,
    )
    strict_s, tolerant_s = pair
    size = valid_doc.elements
    name = f"{TOLERANT} / {STRICT}, valid message ({size:,} elements)"
    t_strict, t_tolerant = strict_s.best(size), tolerant_s.best(size)
    if t_strict is not None and t_tolerant is not None:
        value = t_tolerant / t_strict
        same_round = zip(strict_s.samples[size], tolerant_s.samples[size], strict=False)
        paired = statistics.median(b / a for a, b in same_round)
        verdict = "PASS" if value <= TOLERANT_GOAL else "FAIL"
        measured = f"{value:.2f} (same-round median {paired:.2f})"
        checks.append(Check(name, measured, f"<= {TOLERANT_GOAL}", verdict, value))
    else:
        checks.append(
            Check(name, f"not measured (over {limit:g} s)", f"<= {TOLERANT_GOAL}", "FAIL")
        )

    near: list[NearLimit] = []
    if not args.quick:
        for layout in ("one parent", "many parents"):
            log(f"near the element limit, {layout} (child process) ...")
            row = near_limit_run(layout, args.near_limit_elements, args.near_limit_bound, log)
            near.append(row)
            name = f"{VALIDATE}, near the limit, {layout} ({row.elements or 0:,} elements)"
            goal = f"< {args.near_limit_bound:g} s"
            if row.seconds is not None:
                verdict = "PASS" if row.seconds < args.near_limit_bound else "FAIL"
                checks.append(Check(name, fmt_seconds(row.seconds), goal, verdict, row.seconds))
            else:
                checks.append(Check(name, row.error or "failed", goal, "FAIL"))

    elapsed = time.perf_counter() - started
    load_after = load_average()
    failed = [c for c in checks if c.verdict != "PASS"]
    for s in [*all_series, *pair]:
        notes += [f"{s.layout}: {p}" for p in dict.fromkeys(s.problems)]

    if args.json:
        payload = {
            "environment": environment(),
            "mode": "quick" if args.quick else "default",
            "repeats": repeats,
            "limit_s": limit,
            "sample_seconds": sample_seconds,
            "elapsed_s": round(elapsed, 2),
            "load_average_1min": {"before": load_before, "after": load_after},
            "series": [
                {
                    "layout": s.layout,
                    "function": s.function,
                    "samples_s": {str(k): v for k, v in s.samples.items()},
                    "calls_per_sample": {str(k): v for k, v in s.calls.items()},
                    "timed_out_at": s.timed_out,
                    "outcomes": {str(k): v for k, v in s.outcomes.items()},
                }
                for s in [*all_series, *pair]
            ],
            "documents": [
                {k: v for k, v in asdict(doc).items() if k != "data"} for doc, _ in documents
            ]
            + [{k: v for k, v in asdict(valid_doc).items() if k != "data"}],
            "near_limit": [asdict(r) for r in near],
            "checks": [asdict(c) for c in checks],
            "verdict": "FAIL" if failed else "PASS",
            "notes": notes,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 1 if failed else 0

    env = environment()
    print(
        f"sivi_verzuim from {env['sivi_verzuim']}; Python {env['python']} ({env['cpus']} CPUs), "
        f"lxml {env['lxml']} (libxml2 {env['libxml2']}), xsdata {env['xsdata']}"
    )
    print(
        f"tolerant reading of {EXAMPLE.relative_to(ROOT)} with additions; best of {repeats} "
        f"rounds (candidates interleaved; a sample lasts >= {sample_seconds:g} s, quick calls "
        f"repeated), limit {limit:g} s per sample"
    )
    for layout, text in LAYOUTS.items():
        print(f"  {layout}: {text}")
    print()
    head = ["row", *(f"{n:,}" for n in sizes), f"{large // small}x ratio"]
    rows = [head]
    for s, check in zip(all_series, ratios, strict=True):
        cells = []
        for n in sizes:
            if n in s.sizes:
                best = s.best(n)
                if best is None and s.timed_out is not None and n >= s.timed_out:
                    cells.append(f"> {limit:g} s" if n == s.timed_out else "not run")
                else:
                    cells.append(fmt_seconds(best))
            else:
                cells.append("")
        cells.append("-" if check.value is None else f"{check.value:.2f}")
        rows.append([f"{s.function}, {s.layout}", *cells])
    print("\n".join(render(rows, set(range(1, len(head))))))
    print()
    doc_rows = [["document", "elements", "bytes", VALIDATE, TOLERANT, "floor"]]
    for doc, group in documents:
        by_function = {s.function: s.outcomes.get(doc.size, "-") for s in group}
        doc_rows.append(
            [
                f"{doc.layout}, {doc.size:,}",
                f"{doc.elements:,}",
                f"{doc.bytes:,}",
                by_function.get(VALIDATE, "-"),
                by_function.get(TOLERANT, "-"),
                by_function.get(FLOOR, "-"),
            ]
        )
    print("\n".join(render(doc_rows, {1, 2})))
    print()
    print(
        f"valid message: Wrknmr x {employees:,}, {valid_doc.elements:,} elements, "
        f"{valid_doc.bytes:,} bytes, validate: {len(valid_findings)} findings"
    )
    pair_rows = [["row", "best", "median"]]
    for s in pair:
        pair_rows.append([s.function, fmt_seconds(s.best(size)), fmt_seconds(s.median(size))])
    print("\n".join(render(pair_rows, {1, 2})))
    if near:
        print()
        limit_elements = Limits().max_elements
        print(
            f"near the element limit (Limits().max_elements = {limit_elements:,}): one "
            f"{VALIDATE} each, in a child process"
        )
        near_rows = [["row", "elements", "bytes", "findings", "peak memory", "time"]]
        for r in near:
            near_rows.append(
                [
                    r.layout,
                    "-" if r.elements is None else f"{r.elements:,}",
                    "-" if r.bytes is None else f"{r.bytes:,}",
                    "-" if r.findings is None else f"{r.findings:,}",
                    "-" if r.peak_mb is None else f"{r.peak_mb:,.0f} MB",
                    fmt_seconds(r.seconds) if r.seconds is not None else (r.error or "-"),
                ]
            )
        print("\n".join(render(near_rows, {1, 2, 3, 4})))
    print()
    check_rows = [["check", "measured", "goal", "verdict"]]
    for c in checks:
        check_rows.append([c.name, c.measured, c.goal, c.verdict])
    print("\n".join(render(check_rows, set())))
    if failed:
        print(f"FAIL: {len(failed)} of {len(checks)} checks")
    else:
        print(f"PASS: all {len(checks)} checks")
    for note in notes:
        print(f"note: {note}")
    load = ""
    if load_before is not None and load_after is not None:
        load = f"; 1-min load average {load_before:.2f} before, {load_after:.2f} after"
    print(f"(run took {elapsed:.1f} s{load})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
