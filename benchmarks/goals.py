"""Goal rows shared by ``run.py`` and ``chain.py``: one measured figure against its goal.

A goal row compares *ours* with a *reference* measured in the same run (``ratio`` = ours /
reference, in the unit of the row) or, for an absolute goal, ours with a fixed figure, and
says PASS or FAIL. Every row is printed on one line::

    name  ours  reference  ratio  goal  PASS|FAIL

with what it means (sizes, medians, notes) on indented lines below it, so that the verdict
is always the last word of the row's line.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Op = Literal[">=", "<="]
On = Literal["ratio", "ours"]


@dataclass(frozen=True)
class Goal:
    """What a row must reach: ``ratio >= 4``, ``ours <= 1.2``, ...

    ``on`` says which figure is judged: the ratio ours / reference, or ours itself (an
    absolute goal, e.g. messages per second).
    """

    op: Op
    target: float
    on: On = "ratio"
    unit: str = ""

    def text(self) -> str:
        figure = fmt_target(self.target)
        if self.on == "ratio":
            return f"ratio {self.op} {figure}"
        return f"{self.op} {figure}{' ' + self.unit if self.unit else ''}"

    def met(self, value: float) -> bool:
        return value >= self.target if self.op == ">=" else value <= self.target


@dataclass
class GoalRow:
    """One judged row (see the module docstring)."""

    name: str
    goal: Goal
    ours: float | None
    reference: float | None
    unit: str
    ratio: float | None
    verdict: str
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "ours": self.ours,
            "reference": self.reference,
            "unit": self.unit,
            "ratio": self.ratio,
            "goal": self.goal.text(),
            "verdict": self.verdict,
            "notes": list(self.notes),
        }


def judged(
    name: str,
    goal: Goal,
    *,
    ours: float | None,
    reference: float | None,
    unit: str,
    ratio: float | None = None,
    notes: Sequence[str] = (),
) -> GoalRow:
    """A row judged against its goal; ``ratio`` defaults to ours / reference.

    A figure that could not be measured (None) FAILs: a goal is only met when it is shown.
    """
    if ratio is None and ours is not None and reference:
        ratio = ours / reference
    value = ratio if goal.on == "ratio" else ours
    verdict = "PASS" if value is not None and goal.met(value) else "FAIL"
    return GoalRow(name, goal, ours, reference, unit, ratio, verdict, tuple(notes))


def unavailable(name: str, goal: Goal, why: str, unit: str = "") -> GoalRow:
    """A row that cannot be measured with the installed code: FAIL, with the reason."""
    return GoalRow(name, goal, None, None, unit, None, "FAIL", (why,))


def paired_median(ours: Sequence[float], reference: Sequence[float]) -> float:
    """The median over rounds of ours[i] / reference[i] (figures taken in the same round)."""
    return statistics.median(a / b for a, b in zip(ours, reference, strict=True))


def fmt_number(value: float | None) -> str:
    """A figure with as many digits as it deserves: 183,412, 412, 41.2, 4.123, 0.123."""
    if value is None:
        return "-"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 0.001 or value == 0:
        return f"{value:.3f}"
    return f"{value:.2e}"


def fmt_target(value: float) -> str:
    """A goal's figure as written: 4, 0.3, 1.2, 50,000."""
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


def fmt_figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"
    return f"{fmt_number(value)} {unit}".rstrip()


def table(rows: Sequence[GoalRow]) -> str:
    """The rows, aligned, with their notes indented below each."""
    head = ("goal row", "ours", "reference", "ratio", "goal", "verdict")
    cells = [head] + [
        (
            r.name,
            fmt_figure(r.ours, r.unit),
            fmt_figure(r.reference, r.unit),
            "-" if r.ratio is None else f"{fmt_number(r.ratio)}x",
            r.goal.text(),
            r.verdict,
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines: list[str] = []
    for i, c in enumerate(cells):
        parts = [c[0].ljust(widths[0])]
        parts += [c[j].rjust(widths[j]) for j in (1, 2, 3)]
        parts += [c[4].ljust(widths[4]), c[5]]
        lines.append("  ".join(parts))
        if i == 0:
            lines.append("-" * len(lines[0]))
        else:
            lines += [f"    {note}" for note in rows[i - 1].notes]
    return "\n".join(lines)


def summary(rows: Sequence[GoalRow]) -> str:
    failed = [r.name for r in rows if r.verdict != "PASS"]
    if not failed:
        return f"PASS: all {len(rows)} goal rows"
    return f"FAIL: {len(failed)} of {len(rows)} goal rows"
