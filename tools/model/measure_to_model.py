"""Time ``parse`` and ``parse`` + ``to_model`` on a few messages (a quick check of the mapping).

Usage: ``python tools/model/measure_to_model.py [--runs N] [FILE ...]``. Prints, per file, the
best of ``--runs`` rounds of the mean processor time per call of ``parse``, of ``to_model``
alone and of the two together, in microseconds. Processor time of this process, so that other
work on the machine counts less than it would in wall-clock time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from sivi_verzuim import parse, to_model  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
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
