"""Writing messages from one's own data: the docs example, every mistake at once, no invention."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim import (
    ConversionError,
    Message,
    MessageType,
    Release,
    Severity,
    convert,
    from_model,
    parse,
    serialize,
    to_model,
)
from sivi_verzuim.model import (
    AbsenceCaseReference,
    AbsenceMessage,
    Communication,
    CommunicationType,
    ContactPerson,
    Employee,
    Gender,
    OffsetDate,
    ProcessingCode,
    WorkRelation,
)
from sivi_verzuim.testing import messages

REPO = Path(__file__).resolve().parents[1]
EXPORT_DOC = REPO / "docs" / "export.md"


def _docs_example() -> dict[str, Any]:
    text = EXPORT_DOC.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block is not None
    namespace: dict[str, Any] = {}
    exec(compile(block.group(1), str(EXPORT_DOC), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def report() -> Callable[..., Message]:
    return _docs_example()["absence_report"]  # type: ignore[no-any-return]


def test_the_docs_example_runs_and_writes_valid_messages_for_2021_and_2025(
    report: Callable[..., Message],
) -> None:
    for release in (Release.R2021, Release.R2025):
        sick = report(release, 1, "2026-03-02", "100.00")
        recovered = report(release, 3, "2026-03-30", "0.00", ended=True)
        for message in (sick, recovered):
            again = parse(serialize(message))
            assert again.release is release
            assert again.message_type is MessageType.VERZUIMMELDINGEN
            assert again.findings == ()
        model = to_model(parse(serialize(sick)))
        employee = model.employers[0].employees[0]
        assert employee.citizen_service_number == "011222335"  # the leading zero is kept
        mutation = employee.employments[0].absence_mutations[0]
        assert mutation.processing_code is ProcessingCode.NEW
        assert str(mutation.absence_percentage) == "100.00"


def _broken(report: Callable[..., Message]) -> AbsenceMessage:
    model = to_model(report(Release.R2021, 1, "2026-03-02", "100.00"))
    employee = model.employers[0].employees[0]
    employment = employee.employments[0]
    mutation = attrs.evolve(
        employment.absence_mutations[0], absence_percentage="12.345", labour_dispute=True
    )
    employee = attrs.evolve(
        employee,
        name_preference=None,
        surname_without_prefix="x" * 201,
        citizen_service_number="1234567890",
        employments=[attrs.evolve(employment, absence_mutations=[mutation])],
    )
    return attrs.evolve(model, employers=[attrs.evolve(model.employers[0], employees=[employee])])


def test_every_mistake_at_once_naming_model_field_and_sivi_path(
    report: Callable[..., Message],
) -> None:
    with pytest.raises(ConversionError) as info:
        from_model(_broken(report), Release.R2021)
    got = {(f.code, f.field, f.path.rsplit("/", 1)[1]) for f in info.value.findings if f.path}
    employee = "employers[0].employees[0]"
    mutation = f"{employee}.employments[0].absence_mutations[0]"
    assert got == {
        ("model.unwritable", f"{employee}.citizen_service_number", "SofiNr"),
        ("model.unwritable", f"{employee}.surname_without_prefix", "SignNm"),
        ("model.unwritable", f"{mutation}.absence_percentage", "PrcVrzm"),
        ("model.unwritable", f"{mutation}.labour_dispute", "ArbCnflJN"),
        ("model.missing", f"{employee}.name_preference", "NmvrkrCd"),
    }
    assert all(f.severity is Severity.ERROR for f in info.value.findings)
    assert all(f.release == "2021" for f in info.value.findings)
    text = str(info.value)
    assert "model employers[0].employees[0].name_preference" in text
    # the Change records carry the field path too
    assert {c.field for c in info.value.losses} >= {f"{employee}.citizen_service_number"}


def test_a_nested_problem_is_not_reported_as_a_missing_parent(
    report: Callable[..., Message],
) -> None:
    model = to_model(report(Release.R2025, 1, "2026-03-02", "100.00"))
    employment = model.employers[0].employees[0].employments[0]
    contact = attrs.evolve(employment.absence_mutations[0].contact_persons[0], surname="x" * 201)
    mutation = attrs.evolve(employment.absence_mutations[0], contact_persons=[contact])
    employee = attrs.evolve(
        model.employers[0].employees[0],
        employments=[attrs.evolve(employment, absence_mutations=[mutation])],
    )
    bad = attrs.evolve(model, employers=[attrs.evolve(model.employers[0], employees=[employee])])
    with pytest.raises(ConversionError) as info:
        from_model(bad, Release.R2025)
    assert [(f.code, f.field) for f in info.value.findings] == [
        (
            "model.unwritable",
            "employers[0].employees[0].employments[0].absence_mutations[0]"
            ".contact_persons[0].surname",
        )
    ]


def test_a_filled_default_is_reported_and_can_be_refused(report: Callable[..., Message]) -> None:
    model = to_model(report(Release.R2021, 1, "2026-03-02", "100.00"))
    employment = model.employers[0].employees[0].employments[0]
    mutation = attrs.evolve(employment.absence_mutations[0], safety_net=None)
    employee = attrs.evolve(
        model.employers[0].employees[0],
        employments=[attrs.evolve(employment, absence_mutations=[mutation])],
    )
    lacking = attrs.evolve(
        model, employers=[attrs.evolve(model.employers[0], employees=[employee])]
    )
    written = from_model(lacking, Release.R2021)
    (finding,) = written.findings
    assert finding.code == "model.default"
    assert finding.severity is Severity.WARNING
    assert finding.value == "O"
    assert finding.field == (
        "employers[0].employees[0].employments[0].absence_mutations[0].safety_net"
    )
    assert written.valid
    with pytest.raises(ConversionError) as info:
        from_model(lacking, Release.R2021, builtin_defaults=False)
    assert [f.code for f in info.value.findings] == ["model.missing"]
    # a default the caller gives is used and reported too
    given = from_model(lacking, Release.R2021, defaults={"VngntJN": "J"}, builtin_defaults=False)
    assert [(f.code, f.value) for f in given.findings] == [("model.default", "J")]


def test_the_software_name_is_the_callers(report: Callable[..., Message]) -> None:
    model = to_model(report(Release.R2025, 1, "2026-03-02", "100.00"))
    anonymous = attrs.evolve(model, header=attrs.evolve(model.header, software_package=None))
    with pytest.raises(ConversionError) as info:
        from_model(anonymous, Release.R2025)
    assert [(f.code, f.field) for f in info.value.findings] == [
        ("model.missing", "header.software_package")
    ]


def test_a_bsn_failing_the_eleven_check_is_a_warning(report: Callable[..., Message]) -> None:
    model = to_model(report(Release.R2025, 1, "2026-03-02", "100.00"))
    employee = attrs.evolve(model.employers[0].employees[0], citizen_service_number="011222333")
    odd = attrs.evolve(model, employers=[attrs.evolve(model.employers[0], employees=[employee])])
    written = from_model(odd, Release.R2025)
    assert [(f.code, f.severity, f.field) for f in written.findings] == [
        ("model.bsn-check", Severity.WARNING, "employers[0].employees[0].citizen_service_number")
    ]
    read = to_model(parse(serialize(written)), AbsenceMessage)
    assert read.employers[0].employees[0].citizen_service_number == "011222333"
    # and on reading: the same warning, in the model's findings
    assert [(f.code, f.severity, f.field) for f in read.findings] == [
        ("model.bsn-check", Severity.WARNING, "employers[0].employees[0].citizen_service_number")
    ]


def test_codes_dates_and_numbers_from_text_still_strict() -> None:
    by_code = Communication(communication_type="06", number_or_address="x")
    assert by_code.communication_type is CommunicationType.CODE_06
    with pytest.raises(ValueError, match="not a CommunicationType code"):
        Communication(communication_type="16", number_or_address="x")
    assert str(AbsenceCaseReference(first_absence_date="2026-03-02").first_absence_date) == (
        "2026-03-02"
    )
    for not_iso in ("02-03-2026", "2026-03-02 +01:00", "20260302", "2026-03-02T10:00"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            AbsenceCaseReference(first_absence_date=not_iso)
    # a UTC offset is kept: the date is an OffsetDate, written back as given
    zoned = AbsenceCaseReference(first_absence_date="2026-03-02+01:00").first_absence_date
    assert isinstance(zoned, OffsetDate)
    assert (zoned.offset, str(zoned)) == (60, "2026-03-02+01:00")
    assert zoned != dt.date(2026, 3, 2)
    with pytest.raises(ValueError, match="at most 14:00"):
        AbsenceCaseReference(first_absence_date="2026-03-02+14:30")
    relation = WorkRelation(
        work_relation_id="A", start_date="2015-09-01", contract_hours_per_week=32
    )
    assert relation.contract_hours_per_week == Decimal(32)
    with pytest.raises(TypeError):  # a float is never taken for a decimal
        WorkRelation(work_relation_id="A", start_date="2015-09-01", contract_hours_per_week=32.0)
    for not_decimal in ("1e3", "NaN", "32,00", ""):
        with pytest.raises(ValueError, match="not a decimal"):
            WorkRelation(
                work_relation_id="A", start_date="2015-09-01", contract_hours_per_week=not_decimal
            )
    # a BSN given as a number keeps its width
    assert (
        Employee(
            citizen_service_number=11222335, birth_date="1984-03-15", gender="M"
        ).citizen_service_number
        == "011222335"
    )


def test_gender_by_member_or_code() -> None:
    assert ContactPerson(surname="B", gender="V").gender is Gender.FEMALE
    assert ContactPerson(surname="B", gender=Gender.FEMALE).gender is Gender.FEMALE


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for y in ("2017", "2020", "2021")
        for p in (REPO / "examples" / y).glob("*.xml")
        if not p.name.startswith("VZ-") and "Verzuimmeldingen" not in p.name
    ),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_an_open_version_code_is_kept_within_its_release(path: Path) -> None:
    message = parse(path)
    model = to_model(message)
    odd = attrs.evolve(model, header=attrs.evolve(model.header, message_version_code="00077"))
    written = from_model(odd, message.release)
    assert written.document.br_alg.vnr_br_cd == "00077"
    assert to_model(parse(serialize(written))) == odd
    # to another release the default is written, and reported
    other = next(r for r in message.message_type.releases if r is not message.release)
    changes = {
        c.path.rsplit("/", 1)[1]: c for c in convert(parse(serialize(written)), other).defaults
    }
    assert "VnrBrCd" in changes


def test_a_rewritten_message_code_is_reported_by_convert() -> None:
    path = REPO / "examples" / "2025" / "VerwerkingsmeldingWerkgeverArbodienst.xml"
    message = parse(path)
    model = to_model(message)
    odd = attrs.evolve(model, header=attrs.evolve(model.header, message_code="00042"))
    written = from_model(odd, message.release)
    assert str(getattr(written.document.br_alg.br_cd, "value", written.document.br_alg.br_cd)) == (
        "00042"
    )
    result = convert(written, Release.R2024)
    assert "BrCd" in {c.path.rsplit("/", 1)[1] for c in result.defaults}


# one release per message type whose header codes are open (the newest such release)
OPEN = sorted(
    {
        mt: rel
        for mt in MessageType
        for rel in mt.releases
        if mt.brcd is None or mt.vnrbrcd(rel) is None
    }.items(),
    key=lambda pair: pair[0].title,
)


@pytest.mark.parametrize(("mt", "release"), OPEN, ids=lambda v: str(v))
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_open_header_codes_round_trip_within_the_release(
    mt: MessageType, release: Release, data: st.DataObject
) -> None:
    message = data.draw(messages(release, mt))
    codes = st.from_regex(r"[0-9]{5}", fullmatch=True)
    br = message.document.br_alg
    if mt.brcd is None:
        br.br_cd = data.draw(codes)
    if mt.vnrbrcd(release) is None:
        br.vnr_br_cd = data.draw(codes)
    original = parse(serialize(message))
    again = from_model(to_model(original), release)
    assert again.document == original.document
    assert {f.code for f in again.findings} <= {"model.bsn-check"}  # generated BSNs are random


def test_message_model_is_the_union_of_every_message_root() -> None:
    import typing

    from sivi_verzuim import MessageModel
    from sivi_verzuim._mapping import _root_classes

    assert set(typing.get_args(MessageModel)) == set(_root_classes())
