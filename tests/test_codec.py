"""parse / validate / serialize: detection, findings with code, path and line, tolerance."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from xsdata.formats.dataclass.parsers import XmlParser

from sivi_verzuim import (
    Finding,
    MessageType,
    Release,
    Severity,
    UnknownMessageError,
    ValidationError,
    parse,
    serialize,
    validate,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SICK = EXAMPLES / "2021" / "VZ-2021-01-ziekmelding.xml"
VRZM = "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*/*.xml"))


def _edit(old: str, new: str, *, count: int = 1) -> bytes:
    text = SICK.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    return text.replace(old, new, count).encode("utf-8")


def _line_of(data: bytes, needle: str) -> int:
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _only(findings: list[Finding], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, [str(f) for f in findings]
    return hits[0]


# ----------------------------------------------------------------- examples round trip


def test_there_is_an_example_for_every_release_and_message_type() -> None:
    have = {(p.parent.name, p.stem) for p in ALL_EXAMPLES}
    for mt in MessageType:
        for release in mt.releases:
            assert (release.value, mt.title) in have, (release, mt)


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_round_trip(path: Path) -> None:
    message = parse(path)
    assert message.release.value == path.parent.name
    assert message.valid and message.findings == ()
    assert message.file == str(path)
    data = serialize(message)  # validates our own output against the schema
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    again = parse(data)
    assert again.document == message.document
    assert (again.message_type, again.release) == (message.message_type, message.release)
    assert validate(data) == []
    # the direct binder of the strict path equals xsdata's generic parser
    plain = XmlParser().from_path(path, type(message.document))
    assert plain == message.document


@pytest.mark.parametrize(
    "source_kind", ["bytes", "text", "path", "str-path", "file-object", "bytearray"]
)
def test_parse_accepts_every_source_kind(source_kind: str) -> None:
    data = SICK.read_bytes()
    source: object = {
        "bytes": data,
        "text": data.decode("utf-8"),
        "path": SICK,
        "str-path": str(SICK),
        "file-object": io.BytesIO(data),
        "bytearray": bytearray(data),
    }[source_kind]
    message = parse(source)  # type: ignore[arg-type]
    assert message.message_type is MessageType.VERZUIMMELDINGEN
    assert message.release is Release.R2021
    header = message.header
    assert header.reference == "VZ-2021-0001"
    assert header.version_code == "00009"
    assert header.message_code == "00100"
    assert header.date is not None and header.date.isoformat() == "2021-03-02"
    assert header.test is False


def test_detects_every_release_from_namespace_not_file_name(tmp_path: Path) -> None:
    for release in (Release.R2017, Release.R2024):
        data = (EXAMPLES / release.value / "Verzuimmeldingen.xml").read_bytes()
        misleading = tmp_path / "VZ-2021-something.xml"
        misleading.write_bytes(data)
        assert parse(misleading).release is release


# ----------------------------------------------------------------- one test per facet kind


def test_pattern_prcvrzm_without_decimals() -> None:
    data = _edit("<PrcVrzm>100.00</PrcVrzm>", "<PrcVrzm>100</PrcVrzm>")
    finding = _only(validate(data), "xsd.pattern")
    assert finding.path == f"{VRZM}/PrcVrzm"
    assert finding.line == _line_of(data, "<PrcVrzm>100</PrcVrzm>")
    assert finding.value == "100"
    assert finding.severity is Severity.ERROR
    assert finding.release == "2021"
    with pytest.raises(ValidationError) as info:
        parse(data)
    assert any(f.code == "xsd.pattern" for f in info.value.findings)


def test_length_violation() -> None:
    data = _edit("<OorzkVrzmCd>99</OorzkVrzmCd>", "<OorzkVrzmCd>999</OorzkVrzmCd>")
    findings = validate(data)
    finding = _only(findings, "xsd.length")
    assert finding.path == f"{VRZM}/OorzkVrzmCd"
    assert finding.line == _line_of(data, "<OorzkVrzmCd>999")
    assert finding.value == "999"


def test_max_length_violation() -> None:
    data = _edit("<VrzmgvlId>VZ-2021-000123</VrzmgvlId>", f"<VrzmgvlId>{'X' * 41}</VrzmgvlId>")
    finding = _only(validate(data), "xsd.max-length")
    assert finding.path == f"{VRZM}/VrzmgvlId"
    assert finding.value == "X" * 41


def test_enumeration_violation() -> None:
    data = _edit("<EndVrzmJN>N</EndVrzmJN>", "<EndVrzmJN>Q</EndVrzmJN>")
    finding = _only(validate(data), "xsd.enumeration")
    assert finding.path == f"{VRZM}/EndVrzmJN"
    assert finding.line == _line_of(data, "<EndVrzmJN>Q")
    assert finding.value == "Q"


def test_missing_required_element() -> None:
    data = _edit("<PrcVrzm>100.00</PrcVrzm>", "")
    finding = _only(validate(data), "xsd.missing")
    assert finding.path == VRZM
    assert "PrcVrzm" in finding.message
    assert finding.line == _line_of(data, "<OorzkVrzmCd>")


def test_wrong_order() -> None:
    data = _edit(
        "<PrcVrzm>100.00</PrcVrzm>\n          <OorzkVrzmCd>99</OorzkVrzmCd>",
        "<OorzkVrzmCd>99</OorzkVrzmCd>\n          <PrcVrzm>100.00</PrcVrzm>",
    )
    finding = _only(validate(data), "xsd.order")
    assert finding.path == f"{VRZM}/OorzkVrzmCd"
    assert finding.line == _line_of(data, "<OorzkVrzmCd>")


def test_unknown_element_strict_and_tolerant() -> None:
    data = _edit("<PrcVrzm>100.00</PrcVrzm>", "<PrcVrzm>100.00</PrcVrzm><Extra>kept</Extra>")
    finding = _only(validate(data), "xsd.unknown-element")
    assert finding.path == f"{VRZM}/Extra"
    assert finding.line == _line_of(data, "<Extra>")
    with pytest.raises(ValidationError):
        parse(data)
    message = parse(data, strict=False)
    assert not message.valid
    assert [u.path for u in message.unknown_elements] == [f"{VRZM}/Extra"]
    # nothing is dropped: writing the message back keeps the unknown element in place
    out = serialize(message, validate=False)
    assert b"<Extra>kept</Extra>" in out
    assert out.index(b"<PrcVrzm>") < out.index(b"<Extra>") < out.index(b"<OorzkVrzmCd>")
    with pytest.raises(ValidationError) as info:
        serialize(message)
    assert [f.code for f in info.value.findings] == ["xsd.unknown-element"]


def test_bad_date() -> None:
    data = _edit("<AandatBr>2021-03-02</AandatBr>", "<AandatBr>2021-02-30</AandatBr>")
    finding = _only(validate(data), "xsd.type")
    assert finding.path == "/Verzuimmeldingen/BrAlg[1]/AandatBr"
    assert finding.line == _line_of(data, "<AandatBr>")
    assert finding.value == "2021-02-30"
    message = parse(data, strict=False)  # tolerant: still bound, the finding is kept
    assert message.header.date is None
    assert [f.code for f in message.findings] == ["xsd.type"]


def test_collects_every_finding_not_just_the_first() -> None:
    data = _edit("<PrcVrzm>100.00</PrcVrzm>", "<PrcVrzm>100</PrcVrzm>")
    data = data.replace(b"<TestJN>N</TestJN>", b"<TestJN>X</TestJN>")
    codes = sorted(f.code for f in validate(data))
    assert codes == ["xsd.enumeration", "xsd.pattern"]
    with pytest.raises(ValidationError) as info:
        parse(data)
    assert len(info.value.findings) == 2
    assert "2 problem(s)" in str(info.value)


# ----------------------------------------------------------------- detection


def test_release_mismatch_names_both() -> None:
    # namespace of 2024 with the VnrBrCd of 2025 (an official release: an error; for a
    # reconstructed release see tests/test_faces.py)
    sick_2024 = EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml"
    text = sick_2024.read_text(encoding="utf-8")
    data = text.replace("<VnrBrCd>00011</VnrBrCd>", "<VnrBrCd>00012</VnrBrCd>").encode()
    finding = _only(validate(data), "header.release-mismatch")
    assert "2024" in finding.message and "2025" in finding.message
    assert finding.path == "/Verzuimmeldingen/BrAlg[1]/VnrBrCd"
    assert finding.value == "00012"
    assert finding.line == 5
    assert not [f for f in validate(data) if f.code == "xsd.enumeration"]
    with pytest.raises(ValidationError):
        parse(data)


def test_message_code_mismatch() -> None:
    data = _edit("<BrCd>00100</BrCd>", "<BrCd>00106</BrCd>")
    finding = _only(validate(data), "header.message-mismatch")
    assert "Dienstverbanden" in finding.message


def test_unknown_namespace_year() -> None:
    data = _edit(
        "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2021",
        "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2019",
    )
    with pytest.raises(UnknownMessageError) as info:
        parse(data)
    err = info.value
    assert err.root == "Verzuimmeldingen"
    assert err.namespace is not None and err.namespace.endswith("/2019")
    supported = {ns.rsplit("/", 1)[1] for _, ns in err.supported}
    assert supported == {r.value for r in Release}
    assert isinstance(err, ValueError)
    with pytest.raises(UnknownMessageError):
        validate(data)


def test_unknown_root_element() -> None:
    with pytest.raises(UnknownMessageError) as info:
        parse(b"<Bericht xmlns='urn:x'/>")
    assert "Bericht" in str(info.value) and "urn:x" in str(info.value)


def test_file_name_is_in_errors(tmp_path: Path) -> None:
    bad = tmp_path / "VZ-bad.xml"
    bad.write_bytes(_edit("<EndVrzmJN>N</EndVrzmJN>", "<EndVrzmJN>Q</EndVrzmJN>"))
    with pytest.raises(ValidationError) as info:
        parse(bad)
    assert str(bad) in str(info.value)
    assert info.value.findings[0].file == str(bad)


# ----------------------------------------------------------------- serialize checks its output


def test_serialize_refuses_output_that_breaks_the_schema() -> None:
    message = parse(SICK)
    vrzm = message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0]
    vrzm.prc_vrzm = "100"  # the lexical form the standard forbids
    with pytest.raises(ValidationError) as info:
        serialize(message)
    assert info.value.findings[0].code == "xsd.pattern"
    assert b"<PrcVrzm>100</PrcVrzm>" in serialize(message, validate=False)


def test_tolerant_parse_keeps_two_unknown_siblings_in_order() -> None:
    data = _edit(
        "<PrcVrzm>100.00</PrcVrzm>",
        "<A1>1</A1><PrcVrzm>100.00</PrcVrzm><A2>2</A2>",
    )
    message = parse(data, strict=False)
    assert len(message.unknown_elements) >= 1
    out = serialize(message, validate=False)
    for tag in [u.xml for u in message.unknown_elements]:
        assert tag.split(b" xmlns")[0].replace(b"<", b"") in out


def test_comments_and_cdata_inside_values_lose_nothing() -> None:
    data = _edit(
        "<VrzmgvlId>VZ-2021-000123</VrzmgvlId>",
        "<VrzmgvlId>VZ-2021<!-- split -->-000<![CDATA[123]]><?pi x?></VrzmgvlId>",
    )
    message = parse(data)
    vrzm = message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0]
    assert vrzm.vrzmgvl_id == "VZ-2021-000123"
    assert XmlParser().from_bytes(data, type(message.document)) == message.document


def test_a_schema_valid_value_python_cannot_hold_is_a_finding_not_a_crash() -> None:
    """The schema accepts any number of fraction digits; the library holds nine."""
    xml = (EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml").read_text(encoding="utf-8")
    odd = re.sub(r"<AantijdBr>[^<]*</AantijdBr>", "<AantijdBr>10:11:12.1234567891</AantijdBr>", xml)
    with pytest.raises(ValidationError) as raised:
        parse(odd.encode())
    (finding,) = raised.value.findings
    assert (finding.code, finding.path) == (
        "value.unrepresentable",
        "/Verzuimmeldingen/BrAlg[1]/AantijdBr",
    )
    assert finding.line is not None
    tolerant = parse(odd.encode(), strict=False)
    assert [f.code for f in tolerant.findings] == ["value.unrepresentable"]
    assert not tolerant.valid
    assert [f.code for f in validate(odd.encode())] == ["value.unrepresentable"]
    # a value the schema refuses keeps its schema finding and gets no second one
    wrong = re.sub(r"<AantijdBr>[^<]*</AantijdBr>", "<AantijdBr>25:11:12</AantijdBr>", xml)
    assert [f.code for f in validate(wrong.encode())] == ["xsd.type"]


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    import gc

    from sivi_verzuim._check import quiet_collector

    was = gc.isenabled()
    try:
        gc.enable()
        with quiet_collector():
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(KeyError), quiet_collector():
            raise KeyError("x")
        assert gc.isenabled()
        gc.disable()
        with quiet_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as it was found
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
