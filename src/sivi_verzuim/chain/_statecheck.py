"""Typed readers for the plain data of a saved chain state (internal).

Every reader takes a value and the place it was found (a *path*: a tuple of object keys and
list indices, formatted only when something is wrong) and returns the value as its Python
type, or raises :class:`~sivi_verzuim.chain.StateError` naming the place and what is wrong,
e.g. ``damaged chain state at cases[3].absence_percentage: expected a decimal string from 0
to 9999.99 with at most 2 decimals, got 'NaN'``.

The readers are strict: a boolean must be a JSON boolean, an integer a JSON integer (not a
boolean, a float or a string), a string a string (nothing is ``str()``-ed into an id), a list
a list of the expected length. Values echoed in a message are capped
(:func:`~sivi_verzuim.errors.cap_value`), and values that are not JSON scalars are described
by their kind, never by ``repr()`` (which may be huge, recursive or fail).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from ..errors import MAX_VALUE_CHARS, cap_value
from ._state import StateError

__all__ = [
    "DATE",
    "MISSING",
    "PERCENTAGE",
    "Obj",
    "Path",
    "array",
    "damaged",
    "date",
    "each",
    "expected",
    "flag",
    "guard",
    "integer",
    "location",
    "member",
    "member_table",
    "opt_date",
    "opt_member",
    "percentage",
    "problem",
    "show",
    "text",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: Where a value is: object keys and list indices from the document's top.
Path = tuple[str | int, ...]

#: Stands for a key the object does not have.
MISSING: Any = object()

#: Largest whole number echoed in full (bigger ones are described by their size).
_BIG = 10**30

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_PERCENTAGE = re.compile(r"[0-9]{1,4}(?:\.[0-9]{1,2})?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

PERCENTAGE = "a decimal string from 0 to 9999.99 with at most 2 decimals"
DATE = "an ISO date string YYYY-MM-DD"


# --------------------------------------------------------------------------- messages


def location(path: Path) -> str:
    """``cases[3].absence_percentage``, ``config.rules["chain.overlap"].enabled``, ..."""
    if not path:
        return "the top level"
    out: list[str] = []
    for step in path:
        if isinstance(step, int):
            out.append(f"[{step}]")
        elif len(step) <= MAX_VALUE_CHARS and _IDENTIFIER.fullmatch(step):
            out.append(f".{step}" if out else step)
        else:
            out.append(f"[{show(step)}]")
    return "".join(out)


def show(value: Any) -> str:
    """A short, safe description of a value for a message: JSON scalars as they are (strings
    capped), anything else by its kind."""
    if value is MISSING:
        return "nothing"
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, str):
        plain = str.__str__(value)
        capped = cap_value(plain) or ""
        if capped == plain:
            return repr(plain)
        return f"{plain[:MAX_VALUE_CHARS]!r}{capped[MAX_VALUE_CHARS:]}"
    if isinstance(value, int):
        if -_BIG < value < _BIG:
            return repr(int.__int__(value))
        return f"an integer of {value.bit_length()} bits"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    name = getattr(type(value), "__name__", None)
    return f"a Python {cap_value(name) if isinstance(name, str) else 'object'}"


def problem(path: Path, text: str) -> StateError:
    """A StateError for something wrong at ``path``."""
    where = location(path)
    return StateError(f"damaged chain state at {where}: {text}", location=where)


def expected(path: Path, what: str, value: Any) -> StateError:
    """A StateError for a value of the wrong type or out of its range."""
    if value is MISSING:
        return problem(path, f"missing (expected {what})")
    return problem(path, f"expected {what}, got {show(value)}")


def damaged(path: Path, exc: BaseException) -> StateError:
    """A StateError for an unexpected failure while reading the value at ``path``."""
    return problem(path, f"the value cannot be read ({type(exc).__name__})")


def guard(path: Path, read: Callable[[Any, Path], T], value: Any) -> T:
    """``read(value, path)``, any failure other than a StateError becoming one at ``path``."""
    try:
        return read(value, path)
    except StateError:
        raise
    except Exception as exc:
        raise damaged(path, exc) from exc


# --------------------------------------------------------------------------- readers


def _at(path: Path, key: str | int | None) -> Path:
    return path if key is None else (*path, key)


def text(value: Any, path: Path, key: str | int | None = None) -> str:
    """A string (a plain ``str``)."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise expected(_at(path, key), "a string", value)


def array(
    value: Any, path: Path, key: str | int | None = None, arity: int | None = None
) -> Sequence[Any]:
    """A list (of ``arity`` elements, when given)."""
    if not isinstance(value, list | tuple):
        what = "a list" if arity is None else f"a list of {arity}"
        raise expected(_at(path, key), what, value)
    if arity is not None and len(value) != arity:
        raise expected(_at(path, key), f"a list of {arity}", value)
    return value


def each(value: Any, path: Path, key: str | int | None, read: Callable[[Any, Path], T]) -> list[T]:
    """``read`` every element of a list, each at its own path (and guarded there)."""
    base = _at(path, key)
    items = array(value, base)
    return [guard((*base, i), read, item) for i, item in enumerate(items)]


def integer(
    value: Any, path: Path, key: str | int | None, low: int, high: int | None = None
) -> int:
    """A whole number (not a boolean, a float or a string) from ``low`` to ``high``."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value if type(value) is int else int.__int__(value)
        if number >= low and (high is None or number <= high):
            return number
    span = f"from {low} to {high}" if high is not None else f"of at least {low}"
    raise expected(_at(path, key), f"a whole number {span}", value)


def member_table(kind: type[E]) -> dict[str, E]:
    """Value -> member of a string-valued enum (for :func:`member`)."""
    return {str(m.value): m for m in kind}


def member(table: Mapping[str, E], value: Any, path: Path, key: str | int | None = None) -> E:
    """A member of an enum, by its (string) value."""
    if type(value) is str:
        found = table.get(value)
    else:
        found = table.get(str.__str__(value)) if isinstance(value, str) else None
    if found is None:
        names = ", ".join(repr(v) for v in table)
        raise expected(_at(path, key), f"one of {names}", value)
    return found


def opt_member(
    table: Mapping[str, E], value: Any, path: Path, key: str | int | None = None
) -> E | None:
    """A member of an enum by its value, or null."""
    return None if value is None else member(table, value, path, key)


def flag(value: Any, path: Path, key: str | int | None = None) -> bool:
    """A JSON boolean."""
    if value is True or value is False:
        return value
    raise expected(_at(path, key), "true or false", value)


@functools.lru_cache(maxsize=4096)
def _parse_percentage(value: str) -> Decimal | None:
    """The percentage a short string holds, or None (cached: a state repeats few values,
    and equal values then share one object)."""
    return Decimal(value) if _PERCENTAGE.fullmatch(value) else None


@functools.lru_cache(maxsize=16384)
def _parse_date(value: str) -> dt.date | None:
    """The date a 10-character string holds, or None (cached like :func:`_parse_percentage`)."""
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def percentage(value: Any, path: Path, key: str | int | None = None) -> Decimal:
    """A percentage: a decimal string from 0 to 9999.99 with at most 2 decimals (what the
    schema allows for ``PrcVrzm``)."""
    if isinstance(value, str) and len(value) <= 7:
        found = _parse_percentage(str.__str__(value))
        if found is not None:
            return found
    raise expected(_at(path, key), PERCENTAGE, value)


def date(value: Any, path: Path, key: str | int | None = None) -> dt.date:
    """An ISO date string ``YYYY-MM-DD``."""
    if isinstance(value, str) and len(value) == 10:
        found = _parse_date(str.__str__(value))
        if found is not None:
            return found
    raise expected(_at(path, key), DATE, value)


def opt_date(value: Any, path: Path, key: str | int | None = None) -> dt.date | None:
    """An ISO date string, or null."""
    return None if value is None else date(value, path, key)


class Obj:
    """A JSON object of the document, read field by field.

    Required fields are read by the plain methods; ``opt_*`` methods accept null, and a
    missing key unless ``required`` (fields older documents may lack); ``default`` applies
    when the key is missing (null is still refused).
    """

    __slots__ = ("data", "path")

    def __init__(self, value: Any, path: Path) -> None:
        if not isinstance(value, Mapping):
            raise expected(path, "an object", value)
        self.data: Mapping[Any, Any] = value
        self.path = path

    def at(self, key: str) -> Path:
        """The path of one field."""
        return (*self.path, key)

    def raw(self, key: str) -> Any:
        """The field's value as it is (MISSING when the key is missing)."""
        return self.data.get(key, MISSING)

    def text(self, key: str) -> str:
        return text(self.data.get(key, MISSING), self.path, key)

    def opt_text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key, MISSING)
        if value is MISSING and required:
            raise expected(self.at(key), "a string or null", value)
        return None if value is None or value is MISSING else text(value, self.path, key)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.data.get(key, MISSING)
        if value is MISSING and default is not None:
            return default
        return flag(value, self.path, key)

    def integer(self, key: str, low: int, high: int | None = None) -> int:
        return integer(self.data.get(key, MISSING), self.path, key, low, high)

    def opt_integer(self, key: str, low: int, high: int | None = None) -> int | None:
        value = self.data.get(key)
        return None if value is None else integer(value, self.path, key, low, high)

    def percentage(self, key: str) -> Decimal:
        return percentage(self.data.get(key, MISSING), self.path, key)

    def date(self, key: str) -> dt.date:
        return date(self.data.get(key, MISSING), self.path, key)

    def opt_date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.data.get(key, MISSING)
        if value is MISSING and required:
            raise expected(self.at(key), f"{DATE} or null", value)
        return None if value is None or value is MISSING else date(value, self.path, key)

    def member(self, table: Mapping[str, E], key: str) -> E:
        return member(table, self.data.get(key, MISSING), self.path, key)

    def opt_member(self, table: Mapping[str, E], key: str) -> E | None:
        value = self.data.get(key)
        return None if value is None else member(table, value, self.path, key)

    def array(self, key: str, arity: int | None = None) -> Sequence[Any]:
        return array(self.data.get(key, MISSING), self.path, key, arity)

    def each(self, key: str, read: Callable[[Any, Path], T]) -> list[T]:
        return each(self.data.get(key, MISSING), self.path, key, read)
