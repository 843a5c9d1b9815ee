"""Hand-written behaviour that the generated model classes build on."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

__all__ = ["AbsenceKind", "AbsenceMutationBehaviour", "YesNoUnknown", "to_tuple"]


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: repeatable fields accept any iterable and store a tuple."""
    if isinstance(value, str | bytes):
        raise TypeError("expected a sequence of values, not a string")
    return tuple(value)


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
