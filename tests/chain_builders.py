"""Small builders of absence messages shared by the chain tests (not a test module)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs as _attrs

from sivi_verzuim.chain.testing import absence_message
from sivi_verzuim.model import (
    AbsenceMessage,
    Employee,
    EmployeeDataMessage,
    Employer,
    EmployerDataMessage,
    Employment,
    EmploymentMessage,
    Gender,
    Header,
    OrganisationalUnit,
    ProcessingCode,
)
from sivi_verzuim.releases import MessageType, Release

D = dt.date
MARCH_1 = D(2024, 3, 1)


def sick(case: str = "C1", day: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    """A sick report (``01``) starting a case on ``day``; ``seq=`` sets the sequence number."""
    return absence_message(case, kw.pop("seq", 1), "01", mutation_date=day, **kw)


def change(case: str, seq: int, day: D, pct: str, first: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    """A percentage change (``02``) on ``day`` of a case that started on ``first``."""
    kw.setdefault("first_absence_date", first)
    return absence_message(case, seq, "02", mutation_date=day, percentage=pct, **kw)


def end(case: str, seq: int, day: D, first: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    """A full recovery on ``day`` (``02`` with ``EndVrzmJN`` = J, end reason ``01``)."""
    return absence_message(
        case,
        seq,
        "02",
        mutation_date=day,
        first_absence_date=first,
        percentage="0.00",
        ended=True,
        recovery_date=day,
        end_reason="01",
        **kw,
    )


# --------------------------------------------------------------------------- master data

WG = ("WG-1", "AANS-1")
JAN_1 = D(2024, 1, 1)
BORN = D(1980, 1, 1)
SINCE_2010 = D(2010, 1, 1)
SINCE_2000 = D(2000, 1, 1)


def _header(mt: MessageType, reference: str, release: Release) -> Header:
    return Header(
        message_code=mt.default_brcd(),
        message_version_code=mt.default_vnrbrcd(release),
        creation_date=D(2024, 2, 1),
        creation_time=dt.time(8, 0),
        sender_id="HR-TEST",
        recipient_id="ARBO-TEST",
        message_reference=reference,
        test_message=False,
        receipt_requested=True,
        software_package="sivi_verzuim tests" if release.year >= 2020 else None,
    )


def employment(
    employment_id: str = "DV-EXT-001",
    code: str | None = "01",
    *,
    start: D = SINCE_2010,
    end_date: D | None = None,
    unit: str = "PROD",
    mutation_date: D | None = JAN_1,
    previous_id: str | None = None,
    personnel_number: str | None = None,
    previous_personnel_number: str | None = None,
) -> Employment:
    """A ``Dnstvbnd`` record of a master-data message."""
    return Employment(
        processing_code=None if code is None else ProcessingCode(code),
        mutation_date=mutation_date,
        employment_id=employment_id,
        previous_employment_id=previous_id,
        start_date=start,
        end_date=end_date,
        organisational_unit_code=unit,
        personnel_number=personnel_number,
        previous_personnel_number=previous_personnel_number,
    )


def employee(
    employee_id: str = "EXT-001",
    code: str | None = "01",
    *,
    birth_date: D = BORN,
    surname: str = "Jansen",
    death_date: D | None = None,
    mutation_date: D | None = JAN_1,
    previous_id: str | None = None,
    employments: tuple[Employment, ...] = (),
) -> Employee:
    """A ``Wrknmr`` record (with its employments) of a master-data message."""
    return Employee(
        processing_code=None if code is None else ProcessingCode(code),
        mutation_date=mutation_date,
        birth_date=birth_date,
        death_date=death_date,
        surname_without_prefix=surname,
        initials="J.",
        gender=Gender.FEMALE,
        employee_id=employee_id,
        previous_employee_id=previous_id,
        employments=employments,
    )


def unit(
    code: str = "PROD",
    processing: str = "01",
    *,
    name: str | None = None,
    parent: str | None = None,
    start: D | None = SINCE_2000,
    end_date: D | None = None,
    mutation_date: D | None = JAN_1,
) -> OrganisationalUnit:
    """An ``OrgEenh`` record of a WerkgeversGegevensBasisregistratie."""
    return OrganisationalUnit(
        processing_code=ProcessingCode(processing),
        start_date=start,
        mutation_date=mutation_date,
        end_date=end_date,
        organisational_unit_name=name or f"Unit {code}",
        organisational_unit_code=code,
        organisational_sub_unit_code=parent,
    )


def _employer(ek: tuple[str, str], **kw: Any) -> Employer:
    return Employer(trade_name="Testbedrijf B.V.", employer_id=ek[0], connection_number=ek[1], **kw)


def employees_message(
    *employees: Employee,
    reference: str = "WN-1",
    employer: tuple[str, str] = WG,
    release: Release = Release.R2024,
) -> EmployeeDataMessage:
    """A WerknemersGegevens (as a model)."""
    return EmployeeDataMessage(
        header=_header(MessageType.WERKNEMERS_GEGEVENS, reference, release),
        employers=(_employer(employer, employees=employees),),
    )


def employments_message(
    *employees: Employee,
    reference: str = "DV-1",
    employer: tuple[str, str] = WG,
    release: Release = Release.R2024,
) -> EmploymentMessage:
    """A Dienstverbanden (as a model); each employee carries its employments."""
    return EmploymentMessage(
        header=_header(MessageType.DIENSTVERBANDEN, reference, release),
        employers=(_employer(employer, employees=employees),),
    )


def units_message(
    *units: OrganisationalUnit,
    reference: str = "WG-1",
    employer: tuple[str, str] = WG,
    release: Release = Release.R2024,
) -> EmployerDataMessage:
    """A WerkgeversGegevensBasisregistratie (as a model) with organisation units."""
    return EmployerDataMessage(
        header=_header(MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE, reference, release),
        employers=(_employer(employer, organisational_units=units),),
    )


def with_unit(message: AbsenceMessage, code: str) -> AbsenceMessage:
    """The absence message with another ``OrgeenhCd`` on its employment."""
    er = message.employers[0]
    ee = er.employees[0]
    emp = _attrs.evolve(ee.employments[0], organisational_unit_code=code)
    ee = _attrs.evolve(ee, employments=(emp,))
    return _attrs.evolve(message, employers=(_attrs.evolve(er, employees=(ee,)),))
