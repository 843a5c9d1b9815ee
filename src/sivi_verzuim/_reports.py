"""Reporting for ``sivi-verzuim process``: the last stage of a run.

The report of a run in two forms, built from its final results: text (``report.txt``, and
standard output by default) and JSON (``report.json``, and standard output with ``--json``;
with ``--events`` every message's change events too). Values of personal-data elements are
masked unless ``--show-personal-data``. Also the progress bar of a long run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ._answers import write_atomic
from .chain import MessageResult, report_json, report_text

__all__ = [
    "PROGRESS_FROM",
    "Progress",
    "json_report",
    "print_report",
    "report_text",
    "write_reports",
]

PROGRESS_FROM = 200  # messages: below this, no progress bar

PERSONAL_EVENT_FIELDS = frozenset(
    {
        "birth_date",
        "death_date",
        "surname",
        "surname_prefix",
        "initials",
        "preferred_name",
        "citizen_service_number",
    }
)
"""Fields of a change event's ``before`` and ``after`` that hold personal data: masked in the
JSON report unless ``--show-personal-data``."""

_MASKED = "<masked: "


def json_report(results: list[MessageResult], *, show: bool, events: bool) -> str:
    """The JSON report (one array, an object per file), without the final newline. Without
    ``show`` the personal data in change events are masked too (as values in findings are:
    their length only)."""
    data = report_json(results, show_personal_data=show, events=events)
    if events and not show:
        for entry in data:
            for event in entry.get("events", ()):
                for side in ("before", "after"):
                    _mask_fields(event.get(side))
    return json.dumps(data, indent=2, ensure_ascii=False)


def _mask_fields(values: Any) -> None:
    if not isinstance(values, dict):
        return
    for name in PERSONAL_EVENT_FIELDS.intersection(values):
        value = values[name]
        if isinstance(value, str) and value and not value.startswith(_MASKED):
            values[name] = f"{_MASKED}{len(value)} characters>"


def write_reports(
    out_dir: Path,
    results: list[MessageResult],
    notes: list[str],
    *,
    show: bool,
    events: bool,
    unchanged_kept: bool = False,
    text: str | None = None,
    data: str | None = None,
) -> bool:
    """Write ``report.txt`` (with ``notes``) and ``report.json`` into ``out_dir``, each
    atomically; with ``unchanged_kept`` a report whose content is already there is not
    written again. Returns False when a report could not be written (stderr says why).
    ``text`` and ``data``: the text report (:func:`report_text`, without the notes) and
    the JSON report (:func:`json_report`, without the final newline) when they are made
    already."""
    if text is None:
        text = report_text(results, show_personal_data=show)
    if notes:
        text += "".join(f"note: {n}\n" for n in notes)
    if data is None:
        data = json_report(results, show=show, events=events)
    data += "\n"
    ok = True
    for name, content in (("report.json", data), ("report.txt", text)):
        target = out_dir / name
        encoded = content.encode("utf-8")
        try:
            if unchanged_kept and target.is_file() and target.read_bytes() == encoded:
                continue
            write_atomic(target, encoded)
        except OSError as exc:
            sys.stderr.write(
                f"sivi-verzuim process: cannot write {target}: {exc.strerror or exc}\n"
            )
            ok = False
    return ok


def print_report(
    out: TextIO,
    results: list[MessageResult],
    notes: list[str],
    *,
    show: bool,
    events: bool,
    as_json: bool,
    held: str | None = None,
    text: str | None = None,
    data: str | None = None,
) -> None:
    """The report on standard output: JSON with ``as_json``, else the text with the notes
    and, when messages are held, ``held`` (where they are queued). ``text`` and ``data``:
    the reports when they are made already (see :func:`write_reports`)."""
    if as_json:
        out.write(data if data is not None else json_report(results, show=show, events=events))
        out.write("\n")
        return
    out.write(text if text is not None else report_text(results, show_personal_data=show))
    for note in notes:
        out.write(f"note: {note}\n")
    if held is not None:
        out.write(held)


class Progress:
    """A progress bar on stderr, only when stderr is a terminal and there is a lot to do."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = total >= PROGRESS_FROM and sys.stderr.isatty()
        self.shown = -1

    def update(self, done: int) -> None:
        """``done`` of the messages are judged."""
        if not self.enabled:
            return
        percent = done * 100 // self.total
        if percent == self.shown:
            return
        self.shown = percent
        bar = "#" * (percent // 4)
        sys.stderr.write(f"\r[{bar:<25}] {done}/{self.total} messages")
        if done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()
