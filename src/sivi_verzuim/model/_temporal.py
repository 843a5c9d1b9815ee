"""Dates and times as precise as the message: a date's UTC offset, a time's nanoseconds.

A message may write ``2025-03-01+01:00`` (a date with a time zone) or ``09:30:00.1234567``
(a time with more than six fraction digits). :class:`datetime.date` has no time zone and
:class:`datetime.time` stops at microseconds, so the model holds such values in these two
subclasses; a date without an offset stays a plain :class:`datetime.date` and a time whose
fraction fits in microseconds a plain :class:`datetime.time` (with its ``tzinfo`` when the
message gave one). Both compare equal only to a value with the same offset and fraction.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["OffsetDate", "PreciseTime", "offset_text", "parse_offset"]

#: the largest UTC offset XML Schema allows, in minutes (14:00)
MAX_OFFSET = 14 * 60

_OFFSET = re.compile(r"(Z)|([+-])(\d{2}):(\d{2})")


def parse_offset(text: str) -> int:
    """Minutes east of UTC of ``Z`` or ``±hh:mm`` (at most 14:00)."""
    match = _OFFSET.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a UTC offset (Z or +hh:mm)")
    if match.group(1):
        return 0
    hours, minutes = int(match.group(3)), int(match.group(4))
    offset = hours * 60 + minutes
    if minutes > 59 or offset > MAX_OFFSET:
        raise ValueError(f"{text!r} is not a UTC offset of at most 14:00")
    return -offset if match.group(2) == "-" else offset


def offset_text(offset: int) -> str:
    """``Z`` or ``±hh:mm`` for minutes east of UTC."""
    if offset == 0:
        return "Z"
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _check_offset(offset: object) -> int:
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise TypeError("the offset is a whole number of minutes")
    if not -MAX_OFFSET <= offset <= MAX_OFFSET:
        raise ValueError("the offset is at most 14:00 (840 minutes) either way")
    return offset


class OffsetDate(dt.date):
    """A date with the UTC offset its message gave it, e.g. ``2025-03-01+01:00``.

    ``offset`` is in minutes east of UTC (``60`` for ``+01:00``, ``0`` for ``Z``, ``+00:00``
    and ``-00:00``, which XML Schema treats as the same). :meth:`isoformat` and ``str``
    give the SIVI text. Equal to another :class:`OffsetDate` with the same day and offset,
    never to a plain :class:`datetime.date`.
    """

    __slots__ = ("_offset",)
    _offset: int

    def __new__(cls, year: int, month: int, day: int, offset: int) -> OffsetDate:
        self = super().__new__(cls, year, month, day)
        self._offset = _check_offset(offset)
        return self

    @property
    def offset(self) -> int:
        """Minutes east of UTC."""
        return self._offset

    @classmethod
    def fromisoformat(cls, date_string: str) -> OffsetDate:
        """``YYYY-MM-DD`` followed by ``Z`` or ``±hh:mm``."""
        day = dt.date.fromisoformat(date_string[:10])
        return cls(day.year, day.month, day.day, parse_offset(date_string[10:]))

    def date(self) -> dt.date:
        """The plain date, without its offset."""
        return dt.date(self.year, self.month, self.day)

    def replace(  # type: ignore[override]
        self,
        year: int | None = None,
        month: int | None = None,
        day: int | None = None,
        *,
        offset: int | None = None,
    ) -> OffsetDate:
        """A copy with the given parts changed (the offset kept unless given)."""
        return OffsetDate(
            self.year if year is None else year,
            self.month if month is None else month,
            self.day if day is None else day,
            self._offset if offset is None else offset,
        )

    def isoformat(self) -> str:
        return super().isoformat() + offset_text(self._offset)

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"OffsetDate({self.year}, {self.month}, {self.day}, offset={self._offset})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetDate):
            return self.date() == other.date() and self._offset == other._offset
        if isinstance(other, dt.date):
            return False
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day, self._offset))

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (OffsetDate, (self.year, self.month, self.day, self._offset))


class PreciseTime(dt.time):
    """A time with nanoseconds, e.g. ``09:30:00.1234567`` (a fraction finer than microseconds).

    ``nanosecond`` is the whole fraction of the second in nanoseconds (0 to 999 999 999);
    :attr:`microsecond` is that fraction cut to microseconds, for code that knows only
    :class:`datetime.time`. A time zone is the usual ``tzinfo``. Equal to a time with the
    same fields and nanoseconds; equal to a plain :class:`datetime.time` only when the
    nanoseconds are whole microseconds.
    """

    __slots__ = ("_nanosecond",)
    _nanosecond: int

    def __new__(
        cls,
        hour: int = 0,
        minute: int = 0,
        second: int = 0,
        nanosecond: int = 0,
        tzinfo: dt.tzinfo | None = None,
    ) -> PreciseTime:
        if not isinstance(nanosecond, int) or isinstance(nanosecond, bool):
            raise TypeError("nanosecond is a whole number")
        if not 0 <= nanosecond < 10**9:
            raise ValueError("nanosecond must be in 0..999999999")
        self = super().__new__(cls, hour, minute, second, nanosecond // 1000, tzinfo)
        self._nanosecond = nanosecond
        return self

    @property
    def nanosecond(self) -> int:
        """The fraction of the second in nanoseconds."""
        return self._nanosecond

    def replace(  # type: ignore[override]
        self,
        hour: int | None = None,
        minute: int | None = None,
        second: int | None = None,
        *,
        nanosecond: int | None = None,
        tzinfo: dt.tzinfo | bool | None = True,
    ) -> PreciseTime:
        """A copy with the given parts changed (``tzinfo=None`` removes the time zone)."""
        return PreciseTime(
            self.hour if hour is None else hour,
            self.minute if minute is None else minute,
            self.second if second is None else second,
            self._nanosecond if nanosecond is None else nanosecond,
            self.tzinfo if tzinfo is True else tzinfo,  # type: ignore[arg-type]
        )

    def isoformat(self, timespec: str = "auto") -> str:
        """``hh:mm:ss.fffffffff`` (trailing zeros of the fraction left out), then the offset."""
        if timespec != "auto":
            return super().isoformat(timespec)
        text = f"{self.hour:02d}:{self.minute:02d}:{self.second:02d}"
        if self._nanosecond:
            text += "." + f"{self._nanosecond:09d}".rstrip("0")
        offset = self.utcoffset()
        if offset is not None:
            text += offset_text(int(offset.total_seconds()) // 60)
        return text

    __str__ = isoformat

    def __repr__(self) -> str:
        zone = f", tzinfo={self.tzinfo!r}" if self.tzinfo is not None else ""
        return (
            f"PreciseTime({self.hour}, {self.minute}, {self.second}, "
            f"nanosecond={self._nanosecond}{zone})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, dt.time):
            return NotImplemented
        theirs = other._nanosecond if isinstance(other, PreciseTime) else other.microsecond * 1000
        return dt.time.__eq__(self, other) is True and self._nanosecond == theirs

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        if self._nanosecond % 1000 == 0:
            return dt.time.__hash__(self)
        return hash((dt.time.__hash__(self), self._nanosecond))

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (
            PreciseTime,
            (self.hour, self.minute, self.second, self._nanosecond, self.tzinfo),
        )
