"""Hand-written behaviour that the generated model classes build on."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from ..errors import Finding
from ._temporal import OffsetDate, PreciseTime, parse_offset

__all__ = [
    "AbsenceKind",
    "AbsenceMutationBehaviour",
    "MessageRoot",
    "YesNoUnknown",
    "bsn_eleven_check",
    "code",
    "to_bsn",
    "to_date",
    "to_decimal",
    "to_time",
    "to_tuple",
]

E = TypeVar("E", bound=enum.Enum)

_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?")
_ISO_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: repeatable fields accept any iterable and store a tuple."""
    if isinstance(value, str | bytes):
        raise TypeError("expected a sequence of values, not a string")
    return tuple(value)


def code(cls: type[E], value: E | str) -> E:
    """attrs converter of a code field: a member, or its SIVI code as text (``"01"``)."""
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            codes = ", ".join(str(m.value) for m in cls)
            raise ValueError(f"{value!r} is not a {cls.__name__} code ({codes})") from None
    return value


def to_date(value: dt.date | str) -> dt.date:
    """attrs converter: a date, or ISO text ``YYYY-MM-DD`` with an optional UTC offset.

    ``"2025-03-01"`` gives a :class:`datetime.date`, ``"2025-03-01+01:00"`` (or ``Z``) an
    :class:`~sivi_verzuim.model.OffsetDate`.
    """
    if isinstance(value, str):
        match = _ISO_DATE.fullmatch(value)
        if match is None:
            raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD[+hh:mm]")
        day = dt.date.fromisoformat(match.group(1))
        if match.group(2) is None:
            return day
        return OffsetDate(day.year, day.month, day.day, parse_offset(match.group(2)))
    return value


def to_time(value: dt.time | str) -> dt.time:
    """attrs converter: a time, or ISO text ``hh:mm:ss[.fraction][Z|+hh:mm]``.

    A fraction of up to six digits and an offset give a :class:`datetime.time` (the offset
    as its ``tzinfo``); seven to nine digits a :class:`~sivi_verzuim.model.PreciseTime`.
    More than nine fraction digits are refused: the messages' bindings hold nanoseconds.
    """
    if isinstance(value, str):
        match = _ISO_TIME.fullmatch(value)
        if match is None:
            raise ValueError(f"{value!r} is not a time of the form hh:mm:ss")
        hour, minute, second = (int(match.group(i)) for i in (1, 2, 3))
        fraction = match.group(4) or ""
        if len(fraction) > 9:
            raise ValueError(f"{value!r} has more than 9 fraction digits")
        nanosecond = int(fraction.ljust(9, "0")) if fraction else 0
        zone = None
        if match.group(5) is not None:
            zone = dt.timezone(dt.timedelta(minutes=parse_offset(match.group(5))))
        if nanosecond % 1000:
            return PreciseTime(hour, minute, second, nanosecond, zone)
        return dt.time(hour, minute, second, nanosecond // 1000, zone)
    return value


def to_decimal(value: Decimal | str | int) -> Decimal:
    """attrs converter: a Decimal, a whole number, or decimal text (``"50.00"``; no floats)."""
    if isinstance(value, bool):
        return value  # type: ignore[return-value]  # the validator refuses it
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value):
            raise ValueError(f"{value!r} is not a decimal number")
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"{value!r} is not a decimal number") from None
    if isinstance(value, int):
        return Decimal(value)
    return value


def to_bsn(value: str | int) -> str:
    """attrs converter of a citizen service number (BSN): text, or a whole number (zero-padded).

    The number is kept as text so that leading zeros stay; its digits and the 11-check are
    checked when a message is written (:func:`sivi_verzuim.from_model`).
    """
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"{value:09d}"
    return value  # type: ignore[return-value]  # the validator refuses anything else


def bsn_eleven_check(value: str) -> bool:
    """The BSN 11-check of 9 digits: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    if not re.fullmatch(r"\d{9}", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True))
    return (total - int(value[8])) % 11 == 0


@attrs.frozen(kw_only=True)
class MessageRoot:
    """What the model of every whole message has besides its content.

    Attributes:
        findings: what :func:`sivi_verzuim.to_model` noticed while reading the message and
            did not stop for (e.g. ``model.bsn-check``: a citizen service number that fails
            the 11-check), as :class:`~sivi_verzuim.Finding` records naming the SIVI path and
            the model field. Not part of the message: it is neither compared (``==``) nor
            written by :func:`sivi_verzuim.from_model`.
    """

    findings: tuple[Finding, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(Finding)),
        eq=False,
        repr=False,
        metadata={"sivi": ()},
    )


class YesNoUnknown(enum.Enum):
    """A J/N/O flag (``LogischeEenheid``): yes, no or unknown."""

    YES = "J"
    NO = "N"
    UNKNOWN = "O"


class AbsenceKind(enum.Enum):
    """What an absence mutation does, derived from its processing code and fields.

    See :attr:`AbsenceMutationBehaviour.kind` for the rules.
    """

    SICK_REPORT = "sick-report"
    PERCENTAGE_CHANGE = "percentage-change"
    RECOVERY = "recovery"
    CORRECTION = "correction"
    WITHDRAWAL = "withdrawal"
    SYNCHRONISATION = "synchronisation"


class AbsenceMutationBehaviour:
    """Derived properties of :class:`~sivi_verzuim.model.AbsenceMutation`."""

    __slots__ = ()

    processing_code: Any
    absence_ended: Any

    @property
    def kind(self) -> AbsenceKind:
        """The kind of mutation, in this order of precedence.

        - processing code ``03`` → :attr:`AbsenceKind.CORRECTION`;
        - ``04`` → :attr:`AbsenceKind.WITHDRAWAL`;
        - ``05`` → :attr:`AbsenceKind.SYNCHRONISATION`;
        - the case ends (``EndVrzmJN`` = J) → :attr:`AbsenceKind.RECOVERY` (full recovery or end);
        - ``01`` → :attr:`AbsenceKind.SICK_REPORT`;
        - ``02`` → :attr:`AbsenceKind.PERCENTAGE_CHANGE` (a partial recovery when the percentage
          goes down; only the case's history tells whether it did).
        """
        code = getattr(self.processing_code, "value", self.processing_code)
        if code == "03":
            return AbsenceKind.CORRECTION
        if code == "04":
            return AbsenceKind.WITHDRAWAL
        if code == "05":
            return AbsenceKind.SYNCHRONISATION
        if self.absence_ended is True:
            return AbsenceKind.RECOVERY
        if code == "01":
            return AbsenceKind.SICK_REPORT
        return AbsenceKind.PERCENTAGE_CHANGE
