"""The facts a decision table decides on, read from an absence mutation in its context."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal

import attrs

from ..model import AbsenceKind, AbsenceMutation, Employee, Employer, Employment
from ..model import _generated as _g
from ..releases import Release

__all__ = ["ABSENT", "FACTS", "AbsenceContext", "Fact", "FactSpec", "read_facts"]

ABSENT = "absent"
"""How a decision table names a missing value (an element that is not in the message)."""

PRESENT = "present"
"""How a decision table names 'any value, as long as the element is there'."""


@attrs.frozen
class FactSpec:
    """One fact a decision-table condition can test.

    Attributes:
        name: the fact's name in a decision table (``cause``, ``safety_net``, …).
        sivi: the SIVI tag(s) it is read from, as shown in reasons.
        description: what it means.
        values: the values it can take (``None``: free or numeric).
        numeric: True when conditions compare numbers (``lt``, ``ge``, …).
    """

    name: str
    sivi: str
    description: str
    values: tuple[str, ...] | None = None
    numeric: bool = False


def _codes(enum_cls: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in enum_cls)


_YES_NO = ("J", "N")
_YES_NO_UNKNOWN = ("J", "N", "O")
EMPLOYMENT_END_VALUES = ("none", "before", "during", "after")

FACTS: Mapping[str, FactSpec] = {
    spec.name: spec
    for spec in (
        FactSpec("cause", "OorzkVrzmCd", "cause of absence, code", _codes(_g.AbsenceCause)),
        FactSpec(
            "safety_net",
            "VngntJN",
            "safety-net case J/N/O; where a 2017 message carries VngntCd instead, the decision "
            "table's safety_net_codes say how each code reads",
            _YES_NO_UNKNOWN,
        ),
        FactSpec(
            "safety_net_code",
            "VngntCd",
            "safety-net code (2017 alternative to VngntJN)",
            _codes(_g.SafetyNetCode),
        ),
        FactSpec("wazo", "WAZOCd", "WAZO (Work and Care Act) code", _codes(_g.WazoCode)),
        FactSpec(
            "special_start_reason",
            "BijzRdnStartVrzmCd",
            "special reason for the start of the absence, code",
            _codes(_g.SpecialAbsenceStartReason),
        ),
        FactSpec("no_risk", "WrknmrNoriskJN", "employee under the no-risk policy (2025+)", _YES_NO),
        FactSpec(
            "employment_type",
            "SrtDnstvbndCd",
            "kind of employment, code",
            _codes(_g.EmploymentType),
        ),
        FactSpec(
            "employment_end",
            "Enddat",
            "when the employment ends, relative to the absence: none (no end date), before (it "
            "ended before the first day of absence), during (on or after the first day and "
            "before the recovery date, or with no recovery date), after (on or after recovery)",
            EMPLOYMENT_END_VALUES,
        ),
        FactSpec(
            "employment_end_reason",
            "RdEndDnstvbndCd",
            "reason the employment ended, code",
            _codes(_g.EmploymentEndReason),
        ),
        FactSpec("contract_duration", "CdBepTd", "fixed term (B) or indefinite (O)", ("B", "O")),
        FactSpec(
            "processing_code",
            "VrwrkCd",
            "processing code of the mutation",
            _codes(_g.ProcessingCode),
        ),
        FactSpec(
            "kind",
            "VrwrkCd/EndVrzmJN",
            "kind of mutation (AbsenceMutation.kind)",
            tuple(k.value for k in AbsenceKind),
        ),
        FactSpec("absence_ended", "EndVrzmJN", "the absence case ends", _YES_NO),
        FactSpec("release", "release", "the message's release", tuple(r.value for r in Release)),
        FactSpec("absence_percentage", "PrcVrzm", "absence percentage", numeric=True),
        FactSpec(
            "employment_years",
            "Ingdat",
            "completed years from the start of the employment to the first day of absence",
            numeric=True,
        ),
    )
}
"""Every fact a decision table can test, by name."""

TAG_ALIASES: Mapping[str, str] = {spec.sivi: spec.name for spec in FACTS.values()}
"""SIVI tag -> fact name, so a table may say ``OorzkVrzmCd = "10"`` for ``cause = "10"``."""


@attrs.frozen
class AbsenceContext:
    """An absence mutation with what surrounds it in the message.

    Attributes:
        mutation: the absence mutation (``Vrzm``).
        employment: its employment (``Dnstvbnd``), when known.
        employee: its employee (``Wrknmr``), when known.
        employer: its employer (``Wrkgvr``), when known.
        release: the release of the message, when known.
    """

    mutation: AbsenceMutation
    employment: Employment | None = None
    employee: Employee | None = None
    employer: Employer | None = None
    release: Release | None = None


@attrs.frozen
class Fact:
    """One fact of one absence mutation.

    Attributes:
        name: the fact's name (a key of :data:`FACTS`).
        value: the value a condition tests: a code (``str``), a number (``Decimal``) for
            numeric facts, or ``None`` when the message does not carry it.
        shown: how a reason shows it, with its SIVI tag, e.g. ``"OorzkVrzmCd=10"``.
    """

    name: str
    value: str | Decimal | None
    shown: str


def _code(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "J" if value else "N"
    return str(value)


def _years_between(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def _employment_end(ctx: AbsenceContext) -> tuple[str, str]:
    end = ctx.employment.end_date if ctx.employment is not None else None
    first = ctx.mutation.first_absence_date
    recovery = ctx.mutation.recovery_date
    if end is None:
        return "none", "Enddat absent"
    if end < first:
        where = "before"
    elif recovery is not None and end >= recovery:
        where = "after"
    else:
        where = "during"
    return where, f"Enddat={end.isoformat()} ({where} the absence)"


def read_facts(ctx: AbsenceContext, safety_net_codes: Mapping[str, str]) -> dict[str, Fact]:
    """Every fact of :data:`FACTS` for one absence mutation.

    ``safety_net_codes`` (from the decision table) says how a 2017 ``VngntCd`` reads as
    ``VngntJN`` when the message carries the code instead of the flag.
    """
    m = ctx.mutation
    facts: dict[str, Fact] = {}

    def put(name: str, value: str | Decimal | None, shown: str | None = None) -> None:
        tag = FACTS[name].sivi
        if shown is None:
            shown = f"{tag}={value}" if value is not None else f"{tag} absent"
        facts[name] = Fact(name, value, shown)

    put("cause", _code(m.absence_cause))
    flag = _code(m.safety_net)
    net_code = _code(m.safety_net_code)
    if flag is None and net_code is not None and net_code in safety_net_codes:
        flag = safety_net_codes[net_code]
        put("safety_net", flag, f"VngntCd={net_code} (read as VngntJN={flag})")
    else:
        put("safety_net", flag)
    put("safety_net_code", net_code)
    put("wazo", _code(m.wazo_code))
    put("special_start_reason", _code(m.special_start_reason))
    put("no_risk", _code(ctx.employee.no_risk_policy) if ctx.employee is not None else None)
    employment = ctx.employment
    put("employment_type", _code(employment.employment_type) if employment else None)
    where, shown = _employment_end(ctx)
    put("employment_end", where, shown)
    put("employment_end_reason", _code(employment.employment_end_reason) if employment else None)
    put("contract_duration", _code(employment.contract_duration) if employment else None)
    put("processing_code", _code(m.processing_code))
    put("kind", m.kind.value, f"kind={m.kind.value}")
    put("absence_ended", _code(m.absence_ended))
    put("release", ctx.release.value if ctx.release is not None else None)
    put("absence_percentage", m.absence_percentage)
    start = employment.start_date if employment is not None else None
    if start is None:
        put("employment_years", None, "Ingdat absent")
    else:
        years = _years_between(start, m.first_absence_date)
        put(
            "employment_years",
            Decimal(years),
            f"Ingdat={start.isoformat()} ({years} year{'s' if years != 1 else ''} before "
            "the first day of absence)",
        )
    return facts
