"""The eleven absence classifications a receiver derives from a message."""

from __future__ import annotations

import enum

__all__ = ["AbsenceClassification"]

_PREFIX = "Ziekte - "


class AbsenceClassification(enum.Enum):
    """One of SIVI's eleven absence classifications.

    The value is the stable number 1-11; :attr:`label` is the Dutch label exactly as receiving
    suites show it ("Ziekte - arbeidsongeval", …). Classes 4-11 are safety-net (*vangnet*)
    classes, see :attr:`safety_net`.
    """

    OCCUPATIONAL_ACCIDENT = 1
    TRAFFIC_ACCIDENT_WITH_RECOURSE = 2
    OTHER_REASONS = 3
    PREGNANCY_OR_CHILDBIRTH = 4
    ORGAN_DONATION = 5
    UNEMPLOYMENT_BENEFIT = 6
    AGENCY_OR_ON_CALL_WORKER = 7
    EMPLOYMENT_ENDED_DURING_ABSENCE = 8
    PARTIAL_ABSENCE_EARLY_IN_EMPLOYMENT = 9
    SPECIAL_EMPLOYMENT = 10
    OTHER_CAUSES_SAFETY_NET = 11

    @property
    def number(self) -> int:
        """The stable number, 1-11."""
        return int(self.value)

    @property
    def label(self) -> str:
        """The Dutch label, e.g. ``"Ziekte - arbeidsongeval"``."""
        return _PREFIX + _LABELS[self.value]

    @property
    def safety_net(self) -> bool:
        """True for the safety-net (*vangnet*) classes 4-11."""
        return self.number >= 4

    @classmethod
    def lookup(cls, text: str | int) -> AbsenceClassification:
        """The classification named by a member name, a number or a Dutch label.

        Member names are matched case-insensitively (``"occupational_accident"``); numbers as
        ``4`` or ``"4"``; labels exactly, or without the ``"Ziekte - "`` prefix.

        Raises:
            ValueError: ``text`` names no classification.
        """
        if isinstance(text, int) and not isinstance(text, bool):
            if 1 <= text <= len(cls):
                return cls(text)
            raise ValueError(f"no absence classification has number {text}")
        key = str(text).strip()
        if key.isdecimal() and key.isascii():
            return cls.lookup(int(key))
        found = _INDEX.get(key) or _INDEX.get(key.upper())
        if found is None:
            raise ValueError(
                f"unknown absence classification {text!r}: use a name such as "
                "OCCUPATIONAL_ACCIDENT, a number 1-11 or a Dutch label such as "
                "'Ziekte - arbeidsongeval'"
            )
        return found

    def __str__(self) -> str:
        return f"{self.number} {self.label}"


_LABELS = {
    1: "arbeidsongeval",
    2: "verkeersongeval met regresmogelijkheid",
    3: "overige redenen",
    4: "zwangerschap en/of bevalling (vangnet)",
    5: "orgaandonatie (vangnet)",
    6: "WW-uitkering en meer dan xx weken verzuim (vangnet)",
    7: "uitzendkracht of oproepkracht (vangnet)",
    8: "beëindiging dienstverband tijdens verzuim (vangnet)",
    9: "gedeeltelijk verzuim binnen x jaar na begin dienstverband (vangnet)",
    10: "bijzonder dienstverband (vangnet)",
    11: "overige oorzaken (vangnet)",
}

_INDEX: dict[str, AbsenceClassification] = {}
for _member in AbsenceClassification:
    _INDEX[_member.name] = _member
    _INDEX[str(_member.number)] = _member
    _INDEX[_member.label] = _member
    _INDEX[_LABELS[_member.number]] = _member
del _member
