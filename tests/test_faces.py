"""The two faces of a reconstructed release: liberal in what it reads, conservative in what
it writes.

``tests/held_out/`` holds messages of 2017, 2020 and 2021 written as other senders may
write them, differing from the library's own guesses at every split point of
``schemas/README.md``. They must read as valid, with one ``release.unconfirmed`` (info) per
use of what only one reading accepts and a ``header.version-code-unconfirmed`` (warning) for
another version code; they must be refused where every reading refuses them; and writing
them (``serialize``, ``from_model``, ``convert``) must keep to the writing face.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from sivi_verzuim import (
    ConversionError,
    Finding,
    MessageType,
    Release,
    Severity,
    ValidationError,
    _check,
    _xsd,
    convert,
    from_model,
    parse,
    serialize,
    to_model,
    validate,
)
from sivi_verzuim.chain import _retour
from sivi_verzuim.testing import messages

HERE = Path(__file__).resolve().parent
HELD_OUT = HERE / "held_out"
EXAMPLES = HERE.parent / "examples"
RECONSTRUCTED = [r for r in Release if r.reconstructed]
M = MessageType

INFO = "release.unconfirmed"
VERSION = "header.version-code-unconfirmed"

#: Per held-out file: (code, last path step without position, split point) of every finding.
EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    "2017/VZ-2017-case-ended.xml": {
        (VERSION, "VnrBrCd", "S1"),
        (INFO, "GebrSwPakket", "S2"),
        (INFO, "SrtComCd", "S5"),
        (INFO, "SrtDnstvbndCd", "S10"),
        (INFO, "OndOrgeenhCd", "S4"),
        (INFO, "OndOrgeenhCdNm", "S4"),
        (INFO, "VngntCd", "S9"),
        (INFO, "Vrzm", "S9"),  # VngntJN, which every reading has, is missing
        (INFO, "RdnEndVrzmCd", "S13"),
        (INFO, "GslchtCd", "S3"),
        (INFO, "ActieCd", "S12"),
    },
    "2020/VZ-2020-partial-recovery.xml": {
        (INFO, "BrAlg", "S2"),  # no GebrSwPakket
        (INFO, "VrwrkCd", "S8"),  # on Wrknmr, Prtnr, Dnstvbnd and Arbeidsrelatie
        (INFO, "GslchtCd", "S3"),
        (INFO, "SrtComCd", "S5"),
        (INFO, "SrtDnstvbndCd", "S10"),
        (INFO, "FsIndFZ", "S7"),
        (INFO, "OndOrgeenhCd", "S4"),
        (INFO, "OndOrgeenhCdNm", "S4"),
        (INFO, "DltfctNVS", "S6"),
        (INFO, "PrcLndrbtng", "S11"),
        (INFO, "PrcVrzm", "S11"),
        (INFO, "Dnstvbnd", "S14"),  # no contact person
        (INFO, "Vrzm", "S14"),
        (INFO, "ActieCd", "S12"),
    },
    "2020/WerknemersGegevens-address-change.xml": {
        (INFO, "BrAlg", "S2"),
        (INFO, "GslchtCd", "S3"),
        (INFO, "SrtComCd", "S5"),
        (INFO, "SrtDnstvbndCd", "S10"),
        (INFO, "PrcLndrbtng", "S11"),
    },
    "2021/VZ-2021-version-code-kept.xml": {(VERSION, "VnrBrCd", "S1")},
}
#: How many findings each file has (VrwrkCd occurs on four levels).
COUNTS = {
    "2017/VZ-2017-case-ended.xml": 11,
    "2020/VZ-2020-partial-recovery.xml": 17,
    "2020/WerknemersGegevens-address-change.xml": 5,
    "2021/VZ-2021-version-code-kept.xml": 1,
}


def _data(name: str) -> bytes:
    return (HELD_OUT / name).read_bytes()


def _split(finding: Finding) -> str:
    found = re.search(r"\((S[0-9]+):", finding.message)
    assert found is not None, finding.message
    return found.group(1)


def _step(path: str | None) -> str:
    assert path is not None
    return re.sub(r"\[\d+\]$", "", path.rsplit("/", 1)[1])


def test_every_held_out_file_is_listed() -> None:
    files = {str(p.relative_to(HELD_OUT)) for p in HELD_OUT.glob("*/*.xml")}
    assert files == set(EXPECTED) == set(COUNTS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_held_out_message_reads_as_valid_with_notes(name: str) -> None:
    data = _data(name)
    message = parse(data)  # strict: no error
    assert message.valid
    findings = validate(data)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert {(f.code, _step(f.path), _split(f)) for f in findings} == EXPECTED[name]
    assert len(findings) == COUNTS[name]
    for f in findings:
        assert f.severity is (Severity.WARNING if f.code == VERSION else Severity.INFO)
        assert f.release == message.release.value
        assert "sivi_verzuim" in f.message  # says what the library writes instead
    assert list(parse(data, strict=False).findings) == findings
    assert message.findings == tuple(findings)


def test_version_code_decides_nothing() -> None:
    """The namespace decides the release; another five-digit code is a warning."""
    message = parse(_data("2021/VZ-2021-version-code-kept.xml"))
    assert message.release is Release.R2021
    (warning,) = message.findings
    assert warning.value == "00010"
    assert "00009" in warning.message and "2022" in warning.message  # ours, and whose it is
    # a code no release has is as good
    data = _data("2021/VZ-2021-version-code-kept.xml").replace(b">00010<", b">00042<")
    (warning,) = validate(data)
    assert warning.code == VERSION and warning.value == "00042"
    # an official release keeps the strict cross-check
    sick = (EXAMPLES / "2022" / "VZ-2022-01-ziekmelding.xml").read_bytes()
    (error,) = validate(sick.replace(b"<VnrBrCd>00010<", b"<VnrBrCd>00009<"))
    assert error.code == "header.release-mismatch" and error.severity is Severity.ERROR


#: (file, edit, the error every reading gives it)
REFUSED = [
    ("2020/VZ-2020-partial-recovery.xml", (b"<GslchtCd>O<", b"<GslchtCd>X<"), "xsd.enumeration"),
    (
        "2020/VZ-2020-partial-recovery.xml",
        (b"<SrtDnstvbndCd>01<", b"<SrtDnstvbndCd>25<"),
        "xsd.enumeration",
    ),
    (
        "2020/VZ-2020-partial-recovery.xml",
        (b"<PrcVrzm>50<", b"<PrcVrzm>50.123<"),
        "xsd.fraction-digits",
    ),
    (
        "2017/VZ-2017-case-ended.xml",  # an element only the insurer's interface has
        (b"<OrgeenhCd>DRUK</OrgeenhCd>", b"<OrgeenhCd>DRUK</OrgeenhCd><DGAJN>N</DGAJN>"),
        "xsd.unknown-element",
    ),
    (
        "2017/VZ-2017-case-ended.xml",  # both forms of the safety-net case at once
        (b"<VngntCd>02</VngntCd>", b"<VngntJN>J</VngntJN><VngntCd>02</VngntCd>"),
        "xsd.too-many",
    ),
    ("2021/VZ-2021-version-code-kept.xml", (b">00010<", b">0010<"), "xsd.pattern"),
    (
        "2021/VZ-2021-version-code-kept.xml",  # 2021 requires GebrSwPakket (D1)
        (b"<GebrSwPakket>HRM Zuid 2021.3</GebrSwPakket>", b""),
        "xsd.missing",
    ),
    (
        "2021/VZ-2021-version-code-kept.xml",
        (b"<SrtDnstvbndCd>21<", b"<SrtDnstvbndCd>01<"),
        "xsd.enumeration",
    ),
]


@pytest.mark.parametrize(("name", "edit", "code"), REFUSED, ids=lambda v: str(v)[:40])
def test_refused_where_every_reading_refuses(
    name: str, edit: tuple[bytes, bytes], code: str
) -> None:
    data = _data(name)
    assert data.count(edit[0]) == 1
    findings = validate(data.replace(*edit))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert code in {f.code for f in errors}, [str(f) for f in findings]
    with pytest.raises(ValidationError):
        parse(data.replace(*edit))


def test_every_problem_once_where_a_guess_is_also_wrong() -> None:
    """A use that is wrong anyway is one error, not also a note."""
    data = _data("2020/VZ-2020-partial-recovery.xml")
    # OndOrgeenhCd (read only, S4) out of place, and a bad gender code (S3's element)
    code = b"<OndOrgeenhCd>DIST-NRD</OndOrgeenhCd>"
    name = b"<OndOrgeenhCdNm>Distributie Noord</OndOrgeenhCdNm>"
    bad = data.replace(code + b"\n        " + name, name + b"\n        " + code)
    assert bad != data
    bad = bad.replace(b"<GslchtCd>O<", b"<GslchtCd>Q<")
    findings = validate(bad)
    by_path: dict[str | None, list[str]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f.code)
    assert all(len(codes) == 1 for codes in by_path.values()), by_path
    errors = {f.code for f in findings if f.severity is Severity.ERROR}
    assert errors == {"xsd.order", "xsd.enumeration"}
    notes = [f for f in findings if f.code == INFO]
    assert len(notes) == COUNTS["2020/VZ-2020-partial-recovery.xml"] - 2
    tolerant = parse(bad, strict=False)
    assert list(tolerant.findings) == findings


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_serialize_refuses_what_one_reading_only_accepts(name: str) -> None:
    message = parse(_data(name))
    with pytest.raises(ValidationError) as info:
        serialize(message)
    refused = info.value.findings
    assert {f.code for f in refused} == {"serialize.unconfirmed"}
    assert [(f.path, f.value) for f in refused] == [(f.path, f.value) for f in message.findings]
    # a receiver that passes the message on writes it as it is
    again = parse(serialize(message, allow_unconfirmed=True))
    assert again.findings == message.findings


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_from_model_and_convert_keep_to_the_writing_face(name: str) -> None:
    message = parse(_data(name))
    model = to_model(message)
    # every note is a loss, but for what the writing face requires (a default, or missing)
    # and the form of a percentage (50 is written as 50.00: nothing is lost)
    lost = {_split(f) for f in message.findings if f.code == INFO and "is missing" not in f.message}
    lost.discard("S11")
    required = {(_step(f.path), _split(f)) for f in message.findings if "is missing" in f.message}
    if lost:
        with pytest.raises(ConversionError) as info:
            from_model(model, message.release)
        assert {_split_of(c.reason) for c in info.value.losses} == lost
    else:
        from_model(model, message.release)  # the version code becomes ours (S1)
    try:
        result = convert(message, message.release)
    except ConversionError as exc:
        # what the writing face requires and the message lacks, without a truthful default
        missing = {c.path for c in exc.defaults if c.value is None}
        assert missing, exc
        assert {_split_of(c.reason) for c in exc.losses} == lost
        return
    assert validate(serialize(result.message)) == []  # keeps to the writing face
    assert {_split_of(c.reason) for c in result.losses} == lost
    filled = {c.path.rsplit("/", 1)[1] for c in result.defaults}
    assert "VnrBrCd" in filled  # each of these carries a version code other than ours (S1)
    if ("Vrzm", "S9") in required:  # VngntCd is lost, VngntJN filled (O: unknown)
        (vngnt,) = [c for c in result.defaults if c.path.endswith("/VngntJN")]
        assert vngnt.value == "O"


def _split_of(reason: str) -> str:
    found = re.search(r"\((S[0-9]+):", reason)
    assert found is not None, reason
    return found.group(1)


def test_a_message_that_lacks_what_every_reading_requires_is_not_converted() -> None:
    message = parse(_data("2020/VZ-2020-partial-recovery.xml"))
    with pytest.raises(ConversionError) as info:
        convert(message, Release.R2020)
    missing = {c.path for c in info.value.defaults if c.value is None}
    vrzm = "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]"
    assert f"{vrzm}/Cntprsn" in missing  # S14: every reading accepts 1..9
    assert "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/GslchtCd" in missing  # S3: O is not written
    lost = [c for c in info.value.losses if c.path.endswith("/GslchtCd")]
    assert len(lost) == 1  # reported once, the default O does not fit either


def test_convert_to_a_reconstructed_release_reports_what_it_cannot_carry() -> None:
    source = parse(EXAMPLES / "2022" / "Verzuimmeldingen.xml")
    result = convert(source, Release.R2020)
    lost = {c.path.rsplit("/", 1)[1].split("[")[0] for c in result.losses}
    assert {"OndOrgeenhCd", "OndOrgeenhCdNm"} <= lost
    assert any("S5" in c.reason for c in result.losses)  # the employee's code 09
    assert validate(serialize(result.message)) == []
    back = convert(parse(serialize(result.message)), Release.R2017)
    assert any(c.path.endswith("/GebrSwPakket") and "S2" in c.reason for c in back.losses)
    model = to_model(back.message)
    assert model.header.software_package is None


def test_required_by_one_reading_is_filled() -> None:
    """2017 lacks GebrSwPakket; 2020 may require it: converting fills it (S2)."""
    source = parse(EXAMPLES / "2017" / "Verzuimmeldingen.xml")
    result = convert(source, Release.R2020)
    software = [c for c in result.defaults if c.path.endswith("/GebrSwPakket")]
    assert software and software[0].value
    assert validate(serialize(result.message)) == []


def test_a_percentage_is_written_with_two_decimals() -> None:
    text = (EXAMPLES / "2020" / "VZ-2020-01-ziekmelding.xml").read_bytes()
    text = text.replace(b"<PrcVrzm>100.00<", b"<PrcVrzm>100<")
    message = parse(text)
    (note,) = message.findings
    assert (note.code, note.value, _split(note)) == (INFO, "100", "S11")
    result = convert(message, Release.R2020)
    assert result.losses == ()
    assert b"<PrcVrzm>100.00</PrcVrzm>" in serialize(result.message)


@pytest.mark.parametrize("release", RECONSTRUCTED, ids=str)
@pytest.mark.parametrize("mt", [m for m in MessageType if m.has_release(Release.R2017)], ids=str)
def test_generated_messages_keep_to_the_writing_face(release: Release, mt: MessageType) -> None:
    writing = _xsd.writing_schema(mt, release)

    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(messages(release, mt))
    def check(message: object) -> None:
        data = serialize(message)  # type: ignore[arg-type]
        assert writing.validate(etree.fromstring(data))
        assert validate(data) == []

    check()


@pytest.mark.parametrize("release", RECONSTRUCTED, ids=str)
def test_examples_keep_to_the_writing_face(release: Release) -> None:
    files = sorted((EXAMPLES / release.value).glob("*.xml"))
    assert files
    for path in files:
        message = parse(path)
        assert message.findings == (), path
        schema = _xsd.writing_schema(message.message_type, release)
        assert schema.validate(etree.parse(str(path))), path


# --------------------------------------------------------------------------- machinery


def test_the_faces_cost_nothing_for_the_official_releases(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the writing face was consulted")

    monkeypatch.setattr(_check, "writing_schema", refuse)
    monkeypatch.setattr(_check, "unconfirmed", refuse)
    for release in (Release.R2022, Release.R2024, Release.R2025, Release.R2026):
        assert _xsd.splits(M.VERZUIMMELDINGEN, release) == {}
        data = (EXAMPLES / release.value / "Verzuimmeldingen.xml").read_bytes()
        assert validate(data) == []
        assert validate(data.replace(b"<TestJN>N<", b"<TestJN>X<"))
        serialize(parse(data))


def test_writing_face_judges_as_the_notes_say() -> None:
    """The compiled writing face refuses exactly the documents the notes name."""
    for name in EXPECTED:
        data = _data(name)
        message = parse(data)
        tree = etree.fromstring(data)
        writing = _xsd.writing_schema(message.message_type, message.release)
        assert not writing.validate(tree)
        assert message.findings
    for release in RECONSTRUCTED:
        for path in sorted((EXAMPLES / release.value).glob("*.xml")):
            message = parse(path)
            tree = etree.parse(str(path))
            assert _check.unconfirmed(tree, message.message_type, release, None) == []


def test_every_split_point_is_named_by_a_held_out_message() -> None:
    named = {s for findings in EXPECTED.values() for _, _, s in findings}
    in_specs = {
        p.id
        for mt in MessageType
        for rel in RECONSTRUCTED
        if mt.has_release(rel)
        for children in _xsd.splits(mt, rel).values()
        for points in children.values()
        for p in points
    }
    assert in_specs == {f"S{i}" for i in range(1, 15)}
    assert named == in_specs


def test_retourmelding_codes_come_from_the_schemas() -> None:
    for release in M.RETOURMELDING.releases:
        codes = _xsd.codes(M.RETOURMELDING, release, "SrtFoutCd")
        assert _retour._error_codes(release) == codes
        assert "99" in codes and "01" in codes
    assert _retour._error_codes(Release.R2021) == {"01", "02", "03", "04", "05", "06", "99"}
    assert _retour._kind_codes(Release.R2024) == {"02", "03"}
    assert _retour._code_lists("SrtFoutCd")[1] == {"01", "06", "99"}
