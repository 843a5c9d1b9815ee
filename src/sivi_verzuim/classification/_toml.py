"""Small TOML helpers: writing values, reading with line numbers (stdlib ``tomllib`` only)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["TomlSyntax", "key_lines", "loads", "table_header_lines", "value"]

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


class TomlSyntax(Exception):
    """A TOML syntax error with the line it was found on."""

    def __init__(self, message: str, line: int | None) -> None:
        self.message = message
        self.line = line
        super().__init__(message)


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes :class:`TomlSyntax` with its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT.search(message)
        line = int(match.group(1)) if match else None
        if match:
            message = message[: match.start()]
        raise TomlSyntax(message, line) from None


def string(text: str) -> str:
    """A TOML basic string."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def key(text: str) -> str:
    """A TOML key: bare when possible, else quoted."""
    return text if _BARE.fullmatch(text) else string(text)


def value(obj: object) -> str:
    """A TOML value (inline form) for str, bool, int, Decimal, float, lists and mappings."""
    if isinstance(obj, str):
        return string(obj)
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, Decimal | float):
        d = Decimal(str(obj))
        return str(int(d)) if d == d.to_integral_value() else str(d)
    if isinstance(obj, Mapping):
        items = ", ".join(f"{key(str(k))} = {value(v)}" for k, v in obj.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(obj, Sequence):
        return "[" + ", ".join(value(v) for v in obj) + "]"
    raise TypeError(f"cannot write {type(obj).__name__} as TOML")


def multiline(text: str) -> str:
    """A TOML string for a long text: a literal multi-line string when possible."""
    if "'''" not in text and "\r" not in text and text == text.strip():
        return "'''\n" + text + "'''"
    return string(text)


def _strip_comment(line: str) -> str:
    out = []
    quote: str | None = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                out.append(line[i : i + 2])
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        out.append(ch)
        i += 1
    return "".join(out).strip()


def _keys(text: str) -> Iterator[str]:
    """The dotted key parts at the start of ``text`` (a key or a table header body)."""
    rest = text.strip()
    while rest:
        if rest[0] == '"':
            end = 1
            while end < len(rest) and rest[end] != '"':
                end += 2 if rest[end] == "\\" else 1
            raw = rest[1:end]
            try:
                yield tomllib.loads(f"k = {rest[: end + 1]}")["k"]
            except tomllib.TOMLDecodeError:
                yield raw
            rest = rest[end + 1 :].lstrip()
        elif rest[0] == "'":
            end = rest.find("'", 1)
            end = len(rest) if end < 0 else end
            yield rest[1:end]
            rest = rest[end + 1 :].lstrip()
        else:
            match = _BARE.match(rest)
            if not match:
                return
            yield match.group(0)
            rest = rest[match.end() :].lstrip()
        if not rest.startswith("."):
            return
        rest = rest[1:].lstrip()


def key_lines(text: str, table: str) -> dict[str, int]:
    """Line (1-based) where each key of ``[table]`` is first defined.

    Finds ``key = …``, ``key.sub = …`` inside ``[table]`` and ``[table.key]`` headers.
    Good enough for error messages; not a TOML parser.
    """
    found: dict[str, int] = {}
    current: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if not line:
            continue
        if line.startswith("["):
            body = line.strip("[]")
            current = tuple(_keys(body))
            if len(current) >= 2 and current[0] == table:
                found.setdefault(current[1], number)
            continue
        if current == (table,):
            parts = list(_keys(line.split("=", 1)[0]))
            if parts and "=" in line:
                found.setdefault(parts[0], number)
    return found


def table_header_lines(text: str, name: str) -> list[int]:
    """Lines of every ``[[name]]`` header, in order."""
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(name) + r"\s*\]\]")
    return [n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def header_line(text: str, name: str) -> int | None:
    """Line of the first ``[name]`` (or ``[[name]]``) table header, if any."""
    pattern = re.compile(r"^\s*\[{1,2}\s*" + re.escape(name) + r"\s*\]")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def top_level_key_lines(text: str) -> dict[str, int]:
    """Line of each top-level ``key = …`` (before the first table header)."""
    found: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if line.startswith("["):
            break
        if "=" in line:
            parts = list(_keys(line.split("=", 1)[0]))
            if parts:
                found.setdefault(parts[0], number)
    return found
