"""Time ``parse`` and ``to_model`` on a few messages, or two versions of the mapping against
each other (a quick check of the mapping).

Usage: ``python tools/model/measure_to_model.py [--runs N] [--against OLD_MAPPING] [FILE ...]``.

Without ``--against``: prints, per file, the best of ``--runs`` rounds of the mean processor
time per call of ``parse``, of ``to_model`` alone and of the two together, in microseconds.

With ``--against`` (a copy of an earlier ``src/sivi_verzuim/_mapping.py``): loads that copy
beside the current module and times both versions' ``to_model`` on the same parsed messages,
interleaved finely: per message, the two alternate (which goes first flips every round), so a
change in the load of the machine reaches both alike. Prints, per group of files, the median
over ``--runs`` rounds of the mean time per message of each and the median of their ratios.
The default files are the shipped examples, the held-out messages and the inbox.

Processor time of this process, so that other work on the machine counts less than it would
in wall-clock time.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from sivi_verzuim import SiviError, parse, to_model  # noqa: E402
from sivi_verzuim import _mapping as current  # noqa: E402

DEFAULT_FILES = (
    REPO / "examples" / "2025" / "VZ-2025-01-ziekmelding.xml",
    REPO / "tests" / "held_out" / "2020" / "VZ-2020-partial-recovery.xml",
)


def _best(call: Callable[[], object], runs: int, seconds: float = 0.3) -> float:
    """Best mean time per call in µs over ``runs`` rounds of about ``seconds`` each."""
    start = time.process_time()
    count = 0
    while time.process_time() - start < seconds / 3:
        call()
        count += 1
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for _ in range(count * 3):
            call()
        best = min(best, (time.process_time() - start) / (count * 3))
    return best * 1e6


def _both(data: bytes) -> object:
    return to_model(parse(data))


def _load(path: Path) -> ModuleType:
    """An earlier copy of the mapping module, loaded inside the package beside the current."""
    name = "sivi_verzuim._mapping_measured"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _groups(files: list[Path]) -> dict[str, list[Path]]:
    if files:
        return {"given": files}
    return {
        "examples": sorted((REPO / "examples").glob("20*/*.xml")),
        "held-out": sorted((REPO / "tests" / "held_out").glob("*/*.xml")),
        "inbox": sorted((REPO / "examples" / "inbox").glob("*/*.xml")),
    }


def _compare(old: ModuleType, files: list[Path], runs: int) -> None:
    clock = time.process_time
    for name, paths in _groups(files).items():
        messages: list[Any] = []
        for path in paths:
            try:
                message = parse(path.read_bytes())
                old.to_model(message)
                current.to_model(message)
            except SiviError:
                continue
            messages.append(message)
        if not messages:
            continue
        reps = max(3, 200 // len(messages))
        olds, news, ratios = [], [], []
        for round_ in range(runs):
            spent = {"old": 0.0, "new": 0.0}
            order = [("old", old.to_model), ("new", current.to_model)]
            if round_ % 2:
                order.reverse()
            for message in messages:
                for label, call in order:
                    start = clock()
                    for _ in range(reps):
                        call(message)
                    spent[label] += clock() - start
            per = reps * len(messages)
            olds.append(spent["old"] / per * 1e6)
            news.append(spent["new"] / per * 1e6)
            ratios.append(spent["old"] / spent["new"])
        print(
            f"{name} ({len(messages)} messages): to_model old {statistics.median(olds):.1f} µs, "
            f"new {statistics.median(news):.1f} µs per message, old/new "
            f"{statistics.median(ratios):.2f} (median of {runs} rounds)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", type=Path, help="an earlier copy of _mapping.py")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.against is not None:
        _compare(_load(args.against), args.files, args.runs)
        return 0
    for path in args.files or DEFAULT_FILES:
        data = path.read_bytes()
        message = parse(data)
        to_model(message)  # warm
        p = _best(partial(parse, data), args.runs)
        m = _best(partial(to_model, message), args.runs)
        both = _best(partial(_both, data), args.runs)
        print(f"{path.name}: parse {p:.1f} µs, to_model {m:.1f} µs, parse + to_model {both:.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
