"""Finding and ordering the files of an inbox for ``sivi-verzuim process``.

The first and the third stage of a run (read: :mod:`._cli_process_read`; judge:
:mod:`._cli_process`; answer: :mod:`._answers`; report: :mod:`._reports`):

- **finding**: :func:`inbox_entries` lists the files below the inbox whose names one of the
  receiver's file filters (:class:`Filters`, one glob per message type) matches;
- **ordering**: :func:`order_key` puts the messages read in processing order.

This module also holds the directory listing, the per-path check and the findings that
``validate``, ``inspect`` and ``classify`` share (:func:`list_entries`, :func:`entry_problem`,
:func:`internal_error`, :func:`finding`); it loads neither the parser nor the chain, so that
a command line starts without them.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import operator
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Finding, Severity
from .releases import MessageType

if TYPE_CHECKING:  # the order of parsed messages: the parser is not needed to find files
    from ._codec import Message

__all__ = [
    "DEFAULT_PATTERNS",
    "FAR",
    "JUDGED",
    "FilterError",
    "Filters",
    "entry_problem",
    "finding",
    "inbox_entries",
    "internal_error",
    "list_entries",
    "order_data",
    "order_key",
    "order_key_of",
]

JUDGED: tuple[MessageType, ...] = (
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE,
    MessageType.WERKNEMERS_GEGEVENS,
    MessageType.DIENSTVERBANDEN,
    MessageType.VERZUIMMELDINGEN,
)
"""The message types ``process`` judges, in the order of messages of the same moment: the
employer's structure first, then its employees, their employments, and the absence
mutations last (an absence refers to an employee, an employment and a unit)."""

DEFAULT_PATTERNS: Mapping[MessageType, str] = {
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: "WG*.xml",
    MessageType.WERKNEMERS_GEGEVENS: "WN*.xml",
    MessageType.DIENSTVERBANDEN: "DV*.xml",
    MessageType.VERZUIMMELDINGEN: "VZ*.xml",
}
"""The default file filter of each judged message type (case-insensitive globs)."""

_RANK = {mt: rank for rank, mt in enumerate(JUDGED)}
_NAMES: dict[str, MessageType] = {}
for _mt, _short in zip(JUDGED, ("WG", "WN", "DV", "VZ"), strict=True):
    _NAMES[_mt.title.lower()] = _mt
    _NAMES[_short.lower()] = _mt

FAR = (dt.date.max, dt.time.max)
"""The order key's date and time of a message whose header names none: it goes last."""

OrderKey = tuple[dt.date, dt.time, int, str, str]


def internal_error(exc: BaseException, stage: str, file: str | None = None) -> Finding:
    """The ``internal.error`` finding for an unexpected exception: its type and what was
    being done, never its text (which may hold message content) nor a traceback."""
    return Finding(
        code="internal.error",
        severity=Severity.ERROR,
        message=f"internal error while {stage} ({type(exc).__name__}); not processed",
        file=file,
    )


def finding(
    code: str,
    message: str,
    *,
    file: str,
    line: int | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    """A finding about a file."""
    return Finding(code=code, severity=severity, message=message, line=line, file=file)


class FilterError(ValueError):
    """A ``--pattern`` value that names no judged message type."""


@attrs.frozen
class Filters:
    """The receiver's file filters: one case-insensitive glob per judged message type.

    A file is taken up when any glob matches its name; what it is decided by its content,
    not by the glob that matched. A type whose glob is None is switched off: files of that
    type are left alone (``skipped.other-message``)."""

    globs: Mapping[MessageType, str | None] = attrs.field(factory=lambda: dict(DEFAULT_PATTERNS))

    @classmethod
    def parse(cls, values: Iterable[str] | None) -> Filters:
        """The filters of the ``--pattern`` values, over the defaults: ``GLOB`` sets the
        Verzuimmeldingen filter (as before there were others), ``TYPE=GLOB`` the filter of
        ``TYPE`` (``VZ``, ``WG``, ``WN``, ``DV`` or the message's name, any case), and
        ``TYPE=`` switches the type off.

        Raises:
            FilterError: a ``TYPE`` that is no judged message type.
        """
        globs: dict[MessageType, str | None] = dict(DEFAULT_PATTERNS)
        for value in values or ():
            name, sep, glob = value.partition("=")
            if not sep:
                globs[MessageType.VERZUIMMELDINGEN] = value
                continue
            mt = _NAMES.get(name.strip().lower())
            if mt is None:
                known = ", ".join(f"{s}" for s in ("VZ", "WG", "WN", "DV"))
                raise FilterError(
                    f"--pattern {value!r}: {name!r} is no message type process judges "
                    f"(one of {known}, or the message's name)"
                )
            globs[mt] = glob or None
        return cls(globs)

    def takes(self, message_type: MessageType) -> bool:
        """Whether messages of this type are judged (its filter is not switched off)."""
        return self.globs.get(message_type) is not None

    def matcher(self) -> Callable[[str], bool]:
        """A test of a file name against every active filter."""
        wanted = [g.lower() for g in self.globs.values() if g is not None]

        def matches(name: str) -> bool:
            low = name.lower()
            return any(fnmatch.fnmatchcase(low, g) for g in wanted)

        return matches


def list_entries(
    root: Path, matches: Callable[[str], bool]
) -> tuple[list[Path], list[tuple[Path, OSError]]]:
    """Every directory entry below ``root`` whose name ``matches``, whatever it is (a file,
    a directory, a symbolic link, dangling or not), sorted; and the directories below
    ``root`` that could not be listed, with why.

    Directories are searched recursively; symbolic links to directories are listed but not
    followed (no loops).

    Raises:
        OSError: ``root`` itself cannot be listed.
    """
    found: list[Path] = []
    failed: list[tuple[Path, OSError]] = []
    with os.scandir(root) as it:
        pending = [(root, list(it))]
    while pending:
        _, entries = pending.pop()
        for entry in entries:
            path = Path(entry.path)
            if matches(entry.name):
                found.append(path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if not is_dir:
                continue
            try:
                with os.scandir(path) as it:
                    pending.append((path, list(it)))
            except OSError as exc:
                failed.append((path, exc))
    if os.name == "posix":  # the order of the paths, found from their parts (much cheaper)
        found.sort(key=_parts)
    else:
        found.sort()
    failed.sort(key=lambda item: item[0])
    return found, failed


_parts = operator.attrgetter("parts")


def entry_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a message file, found without opening it; None for a
    regular file (or a symbolic link to one). A FIFO or device is never opened: reading it
    could block an unattended run."""
    try:
        info = path.stat()
    except FileNotFoundError:
        try:
            dangling = path.is_symlink()
        except OSError:
            dangling = False
        return "a dangling symbolic link" if dangling else "no such file"
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    if stat.S_ISDIR(info.st_mode):
        return "a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return None


def inbox_entries(root: Path, filters: Filters) -> tuple[list[Path], list[tuple[Path, OSError]]]:
    """The files of the inbox ``root`` that the filters pick (``root`` itself when it is no
    directory: one file, judged like any other), and the directories that could not be
    listed.

    Raises:
        OSError: ``root`` cannot be found or listed.
    """
    info = root.stat()
    if not stat.S_ISDIR(info.st_mode):
        return [root], []
    return list_entries(root, filters.matcher())


def order_key(message: Message) -> OrderKey:
    """Processing order: ``AandatBr``, ``AantijdBr``; of the same moment master data before
    absence mutations (structure, employees, employments, then Verzuimmeldingen: see
    :data:`JUDGED`); then ``Berrefnr`` and the file name, so that ties are broken the same
    way in every run. A header without date or time goes last."""
    rank = _RANK.get(message.message_type, len(JUDGED))
    try:
        header = message.header
        return (
            header.date or FAR[0],
            header.time or FAR[1],
            rank,
            header.reference or "",
            message.file or "",
        )
    except Exception:  # a header that cannot be read goes last
        return (*FAR, rank, "", message.file or "")


def order_data(message: Message) -> list[Any]:
    """:func:`order_key` as JSON data (kept in the store's journal)."""
    date, time, rank, reference, file = order_key(message)
    return [
        None if date == FAR[0] else date.isoformat(),
        None if time == FAR[1] else time.isoformat(),
        reference,
        file,
        rank,
    ]


def order_key_of(data: Any) -> OrderKey:
    """:func:`order_key` from :func:`order_data` (a journal written before there were
    other message types than Verzuimmeldingen has no rank: theirs is that of
    Verzuimmeldingen)."""
    try:
        if len(data) == 4:
            date, time, reference, file = data
            rank = _RANK[MessageType.VERZUIMMELDINGEN]
        else:
            date, time, reference, file, rank = data
        if not isinstance(rank, int) or isinstance(rank, bool):
            raise TypeError(rank)
        return (
            dt.date.fromisoformat(date) if date else FAR[0],
            dt.time.fromisoformat(time) if time else FAR[1],
            rank,
            str(reference),
            str(file),
        )
    except (TypeError, ValueError):
        return (*FAR, len(JUDGED), "", "")
