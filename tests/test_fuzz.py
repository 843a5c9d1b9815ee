"""Fuzzing: no input, however broken, makes the library raise anything but its own errors.

Mutated example messages (``tests/fuzzing.py``) and the held-out poison files
(``tests/poison/``) go through every public entry point and the command line. A failure is a
foreign exception (not a :class:`sivi_verzuim.SiviError`), a tolerant result that
``serialize(m, validate=False)`` cannot write back, an output that does not re-parse or that lost
an unknown element, and from the command line an exception that escapes ``main``, a traceback,
an ``internal.error`` (its per-file boundary caught a foreign exception) or an exit code other
than 0, 1 or 2.
Failures are reported once per signature: exception type, entry point and the innermost frame
inside the package.

Time-bounded (``SIVI_FUZZ_SECONDS``, default 30 for the generated cases; the poison files come on
top) and deterministic (``SIVI_FUZZ_SEED``). ``SIVI_FUZZ_OUT`` keeps the failing inputs in a
directory of your choice, ``SIVI_FUZZ_REPORT`` writes a Markdown report. See docs/testing.md.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fuzzing as fz
import pytest

SECONDS = float(os.environ.get("SIVI_FUZZ_SECONDS", "30"))
SEED = int(os.environ.get("SIVI_FUZZ_SEED", str(fz.DEFAULT_SEED)))
API_SHARE = 0.7  # of SECONDS; the command line gets the rest
CLI_BATCH = 40
SAVED_PER_SIGNATURE = 3

HERE = Path(__file__).resolve().parent
POISON = HERE / "poison"
POISON_FILES = sorted(POISON.glob("*.xml"))
INBOX = fz.EXAMPLES / "inbox"
BASELINE = fz.EXAMPLES / "baseline"
POISON_BASE = "2024/VZ-2024-01-ziekmelding.xml"  # what most poison files were made from
PROPERTIES = (fz.P_SERIALIZE, fz.P_REPARSE, fz.P_UNKNOWN)


@dataclass
class Run:
    """What one part of the fuzz run did and found."""

    name: str
    cases: int = 0
    seconds: float = 0.0
    counts: Counter[str] = field(default_factory=Counter)
    timing: Counter[str] = field(default_factory=Counter)  # seconds per entry point
    failures: list[fz.Failure] = field(default_factory=list)


_RUNS: dict[str, Run] = {}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where failing inputs are kept for reproduction."""
    chosen = os.environ.get("SIVI_FUZZ_OUT")
    if chosen:
        path = Path(chosen)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("fuzz-failures")


def _keep(failures: list[fz.Failure], out: Path, kept: Counter[tuple[str, str, str]]) -> None:
    """Write the input of (a few) failures per signature to ``out``; note the path."""
    for f in failures:
        if f.case is None or kept[f.signature] >= SAVED_PER_SIGNATURE:
            continue
        kept[f.signature] += 1
        path = out / f"case-{f.case.ident}.xml"
        if not path.exists():
            path.write_bytes(f.case.data)
            spec = {**f.case.spec(), "notes": list(f.case.notes)}
            path.with_suffix(".json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
        f.file = str(path)


@pytest.fixture(scope="module")
def api_run(out_dir: Path) -> Run:
    """The generated cases through every library entry point, until the time is up."""
    run = _RUNS["api"] = Run("library entry points")
    runner = fz.Runner()
    kept: Counter[tuple[str, str, str]] = Counter()
    start = time.monotonic()
    deadline = start + SECONDS * API_SHARE
    for case in fz.cases(SEED):
        if time.monotonic() >= deadline:
            break
        failures = runner.run(case.data, case.example)
        for f in failures:
            f.case = case
        _keep(failures, out_dir, kept)
        run.failures += failures
        run.cases += 1
    run.seconds = time.monotonic() - start
    run.counts, run.timing = runner.counts, runner.seconds
    return run


@pytest.fixture(scope="module")
def cli_run(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The same cases, in batches, through ``validate``, ``inspect`` and ``process``."""
    run = _RUNS["cli"] = Run("command line")
    work = tmp_path_factory.mktemp("fuzz-cli")
    start = time.monotonic()
    deadline = start + SECONDS * (1 - API_SHARE)
    generator = fz.cases(SEED)
    batch_no = 0
    while time.monotonic() < deadline:
        batch_dir = work / f"batch-{batch_no:04d}"
        batch_dir.mkdir()
        by_file: dict[str, fz.Case] = {}
        context: set[str] = set()  # the unchanged rest of the chains the cases come from
        for _ in range(CLI_BATCH):
            case = next(generator)
            path = batch_dir / f"VZ-fuzz-{case.ident}.xml"
            path.write_bytes(case.data)
            by_file[str(path)] = case
            chain = fz.chain_context(case.example)
            if chain is not None:
                context.update(chain[0] + chain[1])
        files = sorted(Path(p) for p in by_file)
        chains = [fz.EXAMPLES / e for e in sorted(context)]
        failures = fz.cli_run_files(files, work, run.counts, context=chains, deadline=deadline)
        for f in failures:
            f.case = by_file.get(f.file or "")
        _keep(failures, out_dir, Counter())
        run.failures += failures
        run.cases += len(by_file)
        batch_no += 1
    run.seconds = time.monotonic() - start
    return run


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """With ``SIVI_FUZZ_REPORT=FILE``, write what the module found to FILE (Markdown)."""
    yield
    target = os.environ.get("SIVI_FUZZ_REPORT")
    if target:
        Path(target).write_text(_markdown(), encoding="utf-8")


def _fail(failures: list[fz.Failure], what: str) -> None:
    if failures:
        groups = fz.distinct(failures)
        lines = "\n".join(fz.summary_lines(failures))
        pytest.fail(
            f"{what}: {len(groups)} distinct failure signature(s) "
            f"in {len(failures)} failure(s)\n{lines}",
            pytrace=False,
        )


# --------------------------------------------------------------------------- generated cases


def test_cases_are_reproducible() -> None:
    examples = fz.example_files()
    years = {e.split("/")[0] for e in examples if not e.startswith("inbox/")}
    assert years == set(fz.YEARS)
    for index in range(2 * len(fz.KINDS)):
        case = fz.generate(SEED, index)
        assert fz.generate(SEED, index).data == case.data
        again = fz.replay(case.example, json.loads(json.dumps(case.spec()["ops"])))
        assert again.data == case.data, case.spec()
    used = {op[0] for i in range(2 * len(fz.KINDS)) for op in fz.generate(SEED, i).ops}
    assert used == set(fz.KINDS)  # the first cases already use every kind of operation


def test_fuzz_library_raises_only_its_own_errors(api_run: Run) -> None:
    assert api_run.cases > 0
    _fail(
        [f for f in api_run.failures if f.entry not in PROPERTIES],
        f"{api_run.cases} generated cases (seed {SEED})",
    )


def test_fuzz_serialize_writes_back_every_tolerant_result(api_run: Run) -> None:
    assert api_run.counts[fz.P_SERIALIZE] > 0
    _fail(
        [f for f in api_run.failures if f.entry in PROPERTIES],
        f"{api_run.counts[fz.P_SERIALIZE]} tolerant results (seed {SEED})",
    )


def test_fuzz_command_line_never_crashes(cli_run: Run) -> None:
    assert cli_run.cases > 0
    _fail(cli_run.failures, f"{cli_run.cases} generated files (seed {SEED})")


# --------------------------------------------------------------------------- poison files


def test_poison_set_is_complete() -> None:
    assert 30 <= len(POISON_FILES) <= 60
    prefixes = {p.name.split("-")[0] for p in POISON_FILES}
    for category in ("dtd", "depth", "many", "struct", "text", "number", "attr", "ns", "enc"):
        assert category in prefixes, category


@pytest.mark.parametrize("path", POISON_FILES, ids=[p.stem for p in POISON_FILES])
def test_poison_file(path: Path) -> None:
    runner = fz.Runner()
    failures = runner.run(path.read_bytes(), POISON_BASE)
    for f in failures:
        f.file = str(path.relative_to(HERE.parent))
    run = _RUNS.setdefault("poison", Run("poison files"))
    run.cases += 1
    run.counts.update(runner.counts)
    run.timing.update(runner.seconds)
    run.failures += failures
    _fail(failures, path.name)


def test_poison_command_line(tmp_path: Path) -> None:
    run = _RUNS.setdefault("poison-cli", Run("poison files, command line"))
    failures = fz.cli_run_files(POISON_FILES, tmp_path, run.counts)
    run.cases = len(POISON_FILES)
    run.failures += failures
    _fail(failures, "the poison files through the command line")


def _process(inbox: Path, work: Path) -> tuple[int | None, str, list[dict[str, Any]]]:
    argv = [
        "process",
        str(inbox),
        "--baseline",
        str(BASELINE),
        "--out",
        str(work / "out"),
        "--state",
        str(work / "state.json"),
        "--pattern",
        "*.xml",
    ]
    code, text, escaped = fz.run_main(argv)
    assert escaped is None, fz.failure_from("process", escaped).tb
    assert "Traceback" not in text, text
    assert fz.INTERNAL_ERROR.search(text) is None, text
    report = work / "out" / "report.json"
    assert report.is_file(), text
    return code, text, json.loads(report.read_text(encoding="utf-8"))


def _outcomes(report: list[dict[str, Any]]) -> dict[str, Any]:
    """Per example inbox file: its status and every mutation's status and finding codes."""
    out = {}
    for entry in report:
        name = Path(entry["file"] or "").name
        if "/inbox/2024/" in (entry["file"] or "").replace("\\", "/"):
            out[name] = (
                entry["status"],
                sorted(str(r) for r in entry.get("records", [])),
                [
                    (
                        m["case_id"],
                        m["sequence"],
                        m["status"],
                        sorted(f["code"] for f in m["findings"]),
                    )
                    for m in entry.get("mutations", [])
                ],
            )
    return out


def test_poison_in_the_inbox_changes_nothing_else(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(INBOX, clean / "inbox")
    code, text, expected = _process(clean / "inbox", clean)
    assert code == 1, text

    mixed = tmp_path / "mixed"
    shutil.copytree(INBOX, mixed / "inbox")
    (mixed / "inbox" / "poison").mkdir()
    for path in POISON_FILES:
        shutil.copyfile(path, mixed / "inbox" / "poison" / path.name)
    code, text, report = _process(mixed / "inbox", mixed)
    assert code == 1, text

    listed = {Path(entry["file"]).name for entry in report if entry.get("file")}
    missing = sorted(p.name for p in POISON_FILES if p.name not in listed)
    assert not missing, f"poison files not in report.json: {missing}"
    examples = sorted(p.name for p in (INBOX / "2024").glob("*.xml"))
    assert sorted(_outcomes(expected)) == examples
    assert _outcomes(report) == _outcomes(expected)


# --------------------------------------------------------------------------- the report


def _markdown() -> str:
    lines = [
        "# Fuzz report",
        "",
        f"Seed {SEED}, budget {SECONDS:g} s (`SIVI_FUZZ_SECONDS`), written "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}.",
        "",
        "## Cases run",
        "",
    ]
    for run in _RUNS.values():
        took = f" in {run.seconds:.1f} s" if run.seconds else ""
        lines.append(f"- {run.name}: {run.cases} input(s){took}")
    lines += [
        "",
        "| entry point | calls (generated) | calls (poison) | seconds |",
        "|---|---:|---:|---:|",
    ]
    api, cli = _RUNS.get("api", Run("")), _RUNS.get("cli", Run(""))
    poison, poison_cli = _RUNS.get("poison", Run("")), _RUNS.get("poison-cli", Run(""))
    entries = list(dict.fromkeys([*api.counts, *poison.counts, *cli.counts, *poison_cli.counts]))
    for entry in entries:
        generated = api.counts[entry] + cli.counts[entry]
        held_out = poison.counts[entry] + poison_cli.counts[entry]
        took = api.timing[entry] + poison.timing[entry]
        lines.append(
            f"| `{entry}` | {generated} | {held_out} | {took:.1f} |"
            if took
            else f"| `{entry}` | {generated} | {held_out} | |"
        )
    everything = [f for run in _RUNS.values() for f in run.failures]
    groups = fz.distinct(everything)
    lines += ["", f"## Open failure signatures: {len(groups)}", ""]
    if not groups:
        lines.append("None: every entry point kept the contract.")
    spent = time.monotonic()
    for n, ((exc, entry, frame), group) in enumerate(groups.items(), 1):
        first = group[0]
        lines += [
            f"### {n}. `{exc}` at `{entry}`",
            "",
            f"- innermost library frame: `{frame}`",
            f"- seen {len(group)} time(s); message: {first.message[:300]!r}",
        ]
        case = first.case
        if case is not None and case.ops and time.monotonic() - spent < 60:
            case = fz.minimise(case, first.signature, budget=2.0)
        if case is not None:
            ops = json.dumps([list(op) for op in case.ops], ensure_ascii=True)
            lines += [
                f"- reproducer: `{case.example}` + `{ops}` ({len(case.data)} bytes): "
                + "; ".join(case.notes)[:400],
                f"- replay: `{case.replay_command()}`",
            ]
        poison_files = sorted({f.file for f in group if f.file and "poison" in f.file})
        if poison_files:
            shown = ", ".join(f"`{Path(p).name}`" for p in poison_files[:8])
            more = f" and {len(poison_files) - 8} more" if len(poison_files) > 8 else ""
            lines.append(f"- poison files: {shown}{more}")
        elif first.file:
            shown = first.file if len(first.file) <= 300 else first.file[:297] + "..."
            lines.append(f"- saved input: `{shown}`")
        if first.tb:
            tail = "\n".join(first.tb.strip().splitlines()[-8:])
            lines += ["", "```", tail, "```"]
        lines.append("")
    return "\n".join(lines) + "\n"
