"""Bindings <-> domain model (lossless within a release) and conversion between releases."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from model_compare import same

from sivi_verzuim import (
    ConversionError,
    MessageType,
    Release,
    convert,
    from_model,
    parse,
    serialize,
    to_model,
)
from sivi_verzuim.cli import main
from sivi_verzuim.model import (
    AbsenceKind,
    AbsenceMessage,
    AbsenceMutation,
    Gender,
    ProcessingCode,
    YesNoUnknown,
)
from sivi_verzuim.testing import messages

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*/*.xml"))
PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


def test_committed_model_matches_its_sources() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    import build_model

    assert build_model.main(["--check"]) == 0, "run: python tools/build_model.py"


@pytest.mark.parametrize(("mt", "rel"), PAIRS, ids=lambda v: str(v))
def test_model_round_trip_is_lossless(mt: MessageType, rel: Release) -> None:
    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(rel, mt))
    def check(message):  # type: ignore[no-untyped-def]
        model = to_model(message)
        back = from_model(model, rel)
        assert back.document == message.document
        assert to_model(back) == model

    check()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_round_trip_through_the_model(path: Path) -> None:
    message = parse(path)
    back = from_model(to_model(message), message.release)
    assert back.document == message.document
    assert serialize(back) == serialize(message)


def test_model_speaks_english_with_python_types() -> None:
    message = parse(REPO / "examples" / "2021" / "VZ-2021-02-gedeeltelijk-herstel.xml")
    model = to_model(message)
    assert isinstance(model, AbsenceMessage)
    assert model.header.message_reference == "VZ-2021-0002"
    assert model.header.test_message is False
    employee = model.employers[0].employees[0]
    assert isinstance(employee.birth_date, dt.date)
    assert isinstance(employee.gender, Gender)
    mutation = employee.employments[0].absence_mutations[0]
    assert isinstance(mutation, AbsenceMutation)
    assert mutation.absence_percentage == Decimal("50.00")
    assert mutation.processing_code is ProcessingCode.CHANGE
    assert mutation.report_sequence_number == 2
    assert mutation.kind is AbsenceKind.PERCENTAGE_CHANGE
    assert isinstance(mutation.safety_net, YesNoUnknown)
    sivi = attrs.fields(AbsenceMutation).absence_percentage.metadata["sivi"]
    assert sivi == ("PrcVrzm",)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        mutation.absence_percentage = Decimal(0)  # type: ignore[misc]
    # decimal text is accepted where it is unambiguous; a float is not
    assert attrs.evolve(mutation, absence_percentage="50.00").absence_percentage == Decimal("50.00")
    with pytest.raises(TypeError):
        attrs.evolve(mutation, absence_percentage=50.0)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("VZ-2021-01-ziekmelding.xml", AbsenceKind.SICK_REPORT),
        ("VZ-2021-02-gedeeltelijk-herstel.xml", AbsenceKind.PERCENTAGE_CHANGE),
        ("VZ-2021-03-volledig-herstel.xml", AbsenceKind.RECOVERY),
    ],
)
def test_kind_of_absence_mutation(name: str, kind: AbsenceKind) -> None:
    model = to_model(parse(REPO / "examples" / "2021" / name))
    mutation = model.employers[0].employees[0].employments[0].absence_mutations[0]
    assert mutation.kind is kind
    for code, expected in [
        (ProcessingCode.CORRECTION, AbsenceKind.CORRECTION),
        (ProcessingCode.DELETE, AbsenceKind.WITHDRAWAL),
        (ProcessingCode.SYNCHRONISE, AbsenceKind.SYNCHRONISATION),
    ]:
        assert attrs.evolve(mutation, processing_code=code).kind is expected


def _paths(data: bytes) -> set[str]:
    """Every element's path with positions, as the conversion reports them."""
    root = etree.fromstring(data)
    out = set()
    for el in root.iter(etree.Element):
        steps = []
        node = el
        while node is not None:
            parent = node.getparent()
            name = etree.QName(node).localname
            if parent is None:
                steps.append(name)
            elif len(node) or node is not el:
                same = [s for s in parent if s.tag == node.tag]
                steps.append(f"{name}[{same.index(node) + 1}]")
            else:
                same = [s for s in parent if s.tag == node.tag]
                steps.append(name if len(same) == 1 else f"{name}[{same.index(node) + 1}]")
            node = parent
        out.add("/" + "/".join(reversed(steps)))
    return out


def _aliases() -> dict[str, str]:
    """Tags that name the same field in different releases -> one spelling."""
    from sivi_verzuim.model import MODEL_CLASSES

    out: dict[str, str] = {}
    for cls in set(MODEL_CLASSES.values()):
        for a in attrs.fields(cls):
            tags = a.metadata["sivi"]
            for tag in tags:
                out[tag] = min(out.get(tag, tag), *tags)
    return out


def _canonical(paths: set[str]) -> set[str]:
    aliases = _aliases()
    out = set()
    for p in paths:
        steps = []
        for step in p.strip("/").split("/"):
            name, bracket, rest = step.partition("[")
            steps.append(aliases.get(name, name) + bracket + rest)
        out.add("/" + "/".join(steps))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_convert_every_example_to_every_release(path: Path) -> None:
    message = parse(path)
    source_paths = _canonical(_paths(path.read_bytes()))
    for target in message.message_type.releases:
        try:
            result = convert(message, target)
        except ConversionError as exc:
            # only a required code the target does not know, with no truthful default
            assert exc.defaults and any(c.value is None for c in exc.defaults), str(exc)
            assert exc.losses, str(exc)
            continue
        data = serialize(result.message)  # valid against the target schema
        assert parse(data).release is target
        out_paths = _canonical(_paths(data))
        lost = list(_canonical({c.path for c in result.losses}))
        for p in source_paths:
            carried = p in out_paths
            reported = any(p == q or p.startswith(q + "/") for q in lost)
            header = p.endswith("/BrAlg[1]/VnrBrCd") or p.endswith("/BrAlg/VnrBrCd")
            assert carried or reported or header, f"{p} neither carried nor reported ({target})"
        if target is message.release:
            assert result.losses == () and result.defaults == ()


def test_convert_strict_raises_and_defaults_can_be_given() -> None:
    message = parse(REPO / "examples" / "2021" / "Verzuimmeldingen.xml")
    with pytest.raises(ConversionError) as info:
        convert(message, Release.R2017, strict=True)
    assert any(c.path.endswith("/GebrSwPakket") for c in info.value.losses)
    lenient = convert(message, Release.R2017)
    assert any("SrtComCd 09" in c.reason for c in lenient.losses)
    back = convert(lenient.message, Release.R2021)
    software = [c for c in back.defaults if c.path.endswith("/GebrSwPakket")]
    assert software and software[0].value == "sivi_verzuim (conversion)"

    retour = parse(REPO / "examples" / "2022" / "Retourmelding.xml")
    with pytest.raises(ConversionError):
        convert(retour, Release.R2024)
    fixed = convert(retour, Release.R2024, defaults={"SrtRetmldngCd": "02"})
    assert any(c.path.endswith("/SrtRetmldngCd") and c.value == "02" for c in fixed.defaults)
    assert any(c.path.endswith("/SrtRetmldngCd") for c in fixed.losses)


def test_gender_unknown_cannot_go_to_2020_silently() -> None:
    message = parse(REPO / "examples" / "2021" / "WerknemersGegevens.xml")
    model = to_model(message)
    employee = model.employers[0].employees[0]
    changed = attrs.evolve(
        model,
        employers=(
            attrs.evolve(
                model.employers[0],
                employees=(attrs.evolve(employee, gender=Gender.UNKNOWN),),
            ),
        ),
    )
    with pytest.raises(ConversionError) as info:
        from_model(changed, Release.R2020)
    assert any(c.path.endswith("/GslchtCd") and c.value == "O" for c in info.value.losses)
    assert from_model(changed, Release.R2021).release is Release.R2021


def test_cli_convert_json(tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    src = str(REPO / "examples" / "2021" / "Verzuimmeldingen.xml")
    import io

    buf = io.StringIO()
    code = main(["convert", src, "--to", "2017", "-o", str(out), "--json"], out=buf)
    assert code == 0
    report = json.loads(buf.getvalue())
    assert report["output"] == str(out)
    assert {c["path"] for c in report["losses"]} >= {"/Verzuimmeldingen/BrAlg[1]/GebrSwPakket"}
    assert all(set(c) == {"path", "value", "reason"} for c in report["losses"] + report["defaults"])
    assert parse(out).release is Release.R2017
    buf = io.StringIO()
    code = main(["convert", src, "--to", "2017", "-o", str(out), "--strict", "--json"], out=buf)
    assert code == 1
    assert json.loads(buf.getvalue())["losses"]
    assert main(["convert", src, "--to", "2019"], out=io.StringIO()) == 2


def test_generated_reference_pages_are_current() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    import build_docs

    assert build_docs.main(["--check"]) == 0, "run: python tools/build_docs.py"


# ------------------------------------------------------- time zones, fractions, findings

ZIEKMELDING = REPO / "examples" / "2025" / "VZ-2025-01-ziekmelding.xml"


def _edited(*edits: tuple[bytes, bytes]) -> bytes:
    data = ZIEKMELDING.read_bytes()
    for old, new in edits:
        assert old in data
        data = data.replace(old, new)
    return data


def test_a_time_zone_and_nanoseconds_are_kept_within_the_release() -> None:
    from sivi_verzuim.model import OffsetDate, PreciseTime

    data = _edited(
        (b"<AandatBr>2025-03-02</AandatBr>", b"<AandatBr>2025-03-02+01:00</AandatBr>"),
        (b"<AantijdBr>09:30:00</AantijdBr>", b"<AantijdBr>09:30:00.1234567-05:00</AantijdBr>"),
        (b"<Gebdat>1984-03-15</Gebdat>", b"<Gebdat>1984-03-15Z</Gebdat>"),
    )
    message = parse(data)
    model = to_model(message, AbsenceMessage)
    header = model.header
    assert header.creation_date == OffsetDate(2025, 3, 2, offset=60)
    assert header.creation_date != dt.date(2025, 3, 2)
    assert isinstance(header.creation_time, PreciseTime)
    assert header.creation_time.nanosecond == 123_456_700
    assert header.creation_time.utcoffset() == dt.timedelta(hours=-5)
    assert str(header.creation_time) == "09:30:00.1234567-05:00"
    assert model.employers[0].employees[0].birth_date == OffsetDate(1984, 3, 15, offset=0)
    back = from_model(model, Release.R2025)
    assert back.document == message.document
    text = serialize(back)
    assert b"<AandatBr>2025-03-02+01:00</AandatBr>" in text
    assert b"<AantijdBr>09:30:00.123456700-05:00</AantijdBr>" in text
    assert b"<Gebdat>1984-03-15Z</Gebdat>" in text
    # and to another release too
    assert b"<AandatBr>2025-03-02+01:00</AandatBr>" in serialize(
        convert(message, Release.R2024).message
    )


def test_a_time_given_as_text_with_zone_and_fraction() -> None:
    from sivi_verzuim.model import Header, PreciseTime

    model = to_model(parse(ZIEKMELDING), AbsenceMessage)
    header = attrs.evolve(
        model.header, creation_date="2025-03-02-02:30", creation_time="09:30:00.000000001Z"
    )
    assert isinstance(header, Header)
    assert isinstance(header.creation_time, PreciseTime)
    text = serialize(from_model(attrs.evolve(model, header=header), Release.R2025))
    assert b"<AandatBr>2025-03-02-02:30</AandatBr>" in text
    assert b"<AantijdBr>09:30:00.000000001Z</AantijdBr>" in text
    with pytest.raises(ValueError, match="more than 9 fraction digits"):
        attrs.evolve(model.header, creation_time="09:30:00.1234567891")


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (dt.datetime(2025, 3, 2, 10, 0), "a date and time where a date belongs"),
        (dt.time(9, 30, tzinfo=dt.timezone(dt.timedelta(seconds=90))), "not whole minutes"),
        (dt.time(9, 30, tzinfo=dt.timezone(dt.timedelta(hours=15))), "within 14:00"),
    ],
    ids=["datetime", "offset-seconds", "offset-too-large"],
)
def test_what_a_message_cannot_carry_is_an_error_not_cut(value: object, why: str) -> None:
    model = to_model(parse(ZIEKMELDING), AbsenceMessage)
    name = "creation_date" if isinstance(value, dt.date) else "creation_time"
    header = attrs.evolve(model.header, **{name: value})
    with pytest.raises(ConversionError) as caught:
        from_model(attrs.evolve(model, header=header), Release.R2025)
    unwritable = [f for f in caught.value.findings if f.code == "model.unwritable"]
    assert [f.field for f in unwritable] == [f"header.{name}"]
    assert why in unwritable[0].message


def test_a_bsn_failing_the_eleven_check_is_a_warning_on_reading() -> None:
    data = _edited((b"<SofiNr>111222333</SofiNr>", b"<SofiNr>111222344</SofiNr>"))
    message = parse(data)
    model = to_model(message, AbsenceMessage)
    (finding,) = model.findings
    assert finding.code == "model.bsn-check"
    assert finding.severity.value == "warning"
    assert finding.path == "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/SofiNr"
    assert finding.field == "employers[0].employees[0].citizen_service_number"
    assert "111222344" not in str(finding.masked())
    assert model.employers[0].employees[0].citizen_service_number == "111222344"
    # the findings are no part of the message: equal to the same message read without them
    good = to_model(parse(ZIEKMELDING), AbsenceMessage)
    assert good.findings == ()
    assert model == attrs.evolve(
        good,
        employers=[
            attrs.evolve(
                good.employers[0],
                employees=[
                    attrs.evolve(good.employers[0].employees[0], citizen_service_number="111222344")
                ],
            )
        ],
    )
    assert from_model(model, Release.R2025).document == message.document


def test_to_model_findings_name_the_model_field() -> None:
    data = _edited(
        (b"<Gebdat>1984-03-15</Gebdat>", b"<Gebdat>1984-02-30</Gebdat>"),
        (b"<PrcVrzm>100.00</PrcVrzm>", b"<PrcVrzm>NaN</PrcVrzm>"),
    )
    with pytest.raises(ConversionError) as caught:
        to_model(parse(data, strict=False))
    fields = {f.path: f.field for f in caught.value.findings}
    employee = "employers[0].employees[0]"
    assert fields["/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat"] == f"{employee}.birth_date"
    (percentage,) = [p for p in fields if p.endswith("/PrcVrzm")]
    assert fields[percentage] == (
        f"{employee}.employments[0].absence_mutations[0].absence_percentage"
    )
    assert all("model employers[0]" in str(f) for f in caught.value.findings)


def test_to_model_of_a_kind() -> None:
    from sivi_verzuim.model import EmploymentMessage

    message = parse(ZIEKMELDING)
    assert isinstance(to_model(message, AbsenceMessage), AbsenceMessage)
    with pytest.raises(ConversionError, match="expected a Dienstverbanden message"):
        to_model(message, EmploymentMessage)
    with pytest.raises(ConversionError, match="not the model of a message"):
        to_model(message, AbsenceMutation)  # type: ignore[type-var]


# ---------------------------------------------- the compiled mappers give the same objects


def _validated(message: object) -> object:
    """The model as the careful walk builds it: through each class's validating __init__."""
    from sivi_verzuim._mapping import _Reader

    return _Reader.read(message)


@pytest.mark.parametrize("path", EXAMPLES + sorted((REPO / "tests" / "held_out").glob("*/*.xml")))
def test_the_compiled_mapper_builds_what_the_validating_constructors_build(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sivi_verzuim import _mapping

    message = parse(path)
    reference = _validated(message)

    def no_careful_walk(message: object) -> object:
        raise AssertionError("a valid message takes the compiled path")

    monkeypatch.setattr(_mapping._Reader, "read", staticmethod(no_careful_walk))
    same(to_model(message), reference)


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=str)
def test_the_compiled_mapper_on_generated_messages(mt: MessageType, release: Release) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, mt))
    def check(message: object) -> None:
        from sivi_verzuim._mapping import _to_model

        same(_to_model(message.document, mt), _validated(message))  # type: ignore[attr-defined]

    check()


def test_a_document_changed_by_hand_is_still_checked() -> None:
    """The compiled mapper trusts no value's type: what the binder would never give falls back
    to the careful walk, which names it."""
    message = parse(ZIEKMELDING)
    message.document.wrkgvr[0].wrknmr[0].sign_nm = 42
    with pytest.raises(ConversionError) as caught:
        to_model(message)
    assert [(f.code, f.field) for f in caught.value.findings] == [
        ("model.unconvertible", "employers[0].employees[0].surname_without_prefix")
    ]
    message = parse(ZIEKMELDING)
    message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0].prc_vrzm = 50.0  # a float
    model = to_model(message, AbsenceMessage)
    percentage = model.employers[0].employees[0].employments[0].absence_mutations[0]
    assert type(percentage.absence_percentage) is Decimal  # converted as the careful walk does


def test_to_model_is_typed() -> None:
    import typing

    from sivi_verzuim._mapping import MessageModel

    overloads = typing.get_overloads(to_model)
    assert len(overloads) == 2
    assert typing.get_type_hints(overloads[0])["return"] == MessageModel


def test_to_model_builds_with_the_collector_paused_and_leaves_it_as_it_found_it() -> None:
    """No collection runs while a model is built (its objects hold no reference cycles);
    the collector is on again after every outcome (a model, a warning, the careful walk's
    error) when it was on, and stays off when it was off."""
    import gc

    large = parse(ZIEKMELDING)
    employer = large.document.wrkgvr[0]
    employer.wrknmr = employer.wrknmr * 400  # thousands of model objects
    warned = parse(ZIEKMELDING)
    warned.document.wrkgvr[0].wrknmr[0].sofi_nr = 123456780  # fails the 11-check
    changed = parse(ZIEKMELDING)
    changed.document.wrkgvr[0].wrknmr[0].sign_nm = 42  # the careful walk, then an error
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    to_model(large)  # mappers compiled
    gc.collect()
    gc.callbacks.append(count)
    try:
        model = to_model(large)
        assert runs == []
        assert len(model.employers[0].employees) == 400
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            to_model(large)
            assert gc.isenabled() is enabled
            assert [f.code for f in to_model(warned).findings] == ["model.bsn-check"]
            assert gc.isenabled() is enabled
            with pytest.raises(ConversionError):
                to_model(changed)
            assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(count)
        gc.enable()
