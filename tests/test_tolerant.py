"""Tolerant reading keeps every element and reports every problem, once, in linear passes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sivi_verzuim import Severity, UnknownMessageError, ValidationError, parse, serialize, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# one valid message of every release and type
SOURCES = sorted(
    p for p in EXAMPLES.glob("20*/*.xml") if not p.name.startswith("VZ-") and "-" not in p.stem
)
BAD = "\u00a7" * 120  # too long, not in any code list, not a date or a number
HEADER = ("BrCd", "VnrBrCd")


def _tree(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _errors(data: bytes) -> list[str]:
    return [f.code for f in validate(data) if f.severity is Severity.ERROR]


@cache
def _bad_value_leaves(source: Path) -> tuple[int, ...]:
    """Indices (in document order) of leaves where the bad value gives exactly one finding."""
    data = source.read_bytes()
    root = _tree(data)
    out = []
    for i, el in enumerate(root.iter(etree.Element)):
        if len(el) or etree.QName(el).localname in HEADER:
            continue
        el.text, old = BAD, el.text
        if len(_errors(etree.tostring(root))) == 1:
            out.append(i)
        el.text = old
    return tuple(out)


def test_every_example_is_valid() -> None:
    assert SOURCES
    for source in SOURCES:
        assert _errors(source.read_bytes()) == [], source


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_k_unknown_and_m_bad_values_give_k_plus_m_findings(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(SOURCES))
    root = _tree(source.read_bytes())
    elements = list(root.iter(etree.Element))
    leaves = _bad_value_leaves(source)
    m = data.draw(st.integers(0, min(6, len(leaves))))
    bad = data.draw(st.lists(st.sampled_from(leaves), min_size=m, max_size=m, unique=True))
    for i in bad:
        elements[i].text = BAD
    k = data.draw(st.integers(0 if bad else 1, 8))
    ns = etree.QName(root).namespace
    parents = [el for el in elements if len(el)]  # complex elements (and the root)
    for n in range(k):
        parent = data.draw(st.sampled_from(parents), label="parent")
        at = data.draw(st.integers(0, len(parent)), label="position")
        unknown = etree.Element(f"{{{ns}}}Unknown{n}")
        if data.draw(st.booleans(), label="with children"):
            etree.SubElement(unknown, f"{{{ns}}}Inner").text = "x"
        parent.insert(at, unknown)
    xml = etree.tostring(root)

    findings = validate(xml)
    codes = sorted(f.code for f in findings)
    assert codes.count("xsd.unknown-element") == k, findings
    assert len(findings) == k + len(bad), findings

    message = parse(xml, strict=False)
    assert len(message.unknown_elements) == k
    assert sorted(message.findings, key=str) == sorted(findings, key=str)
    out = serialize(message, validate=False)
    again = parse(out, strict=False)
    place = {(u.path, u.parent_path, u.index, u.xml) for u in message.unknown_elements}
    assert {(u.path, u.parent_path, u.index, u.xml) for u in again.unknown_elements} == place
    assert len(again.findings) == len(findings)


def test_second_occurrence_of_a_single_element_is_kept() -> None:
    source = EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml"
    data = source.read_bytes().replace(
        b"<Gebdat>1984-03-15</Gebdat>", b"<Gebdat>1984-03-15</Gebdat><Gebdat>1985-01-01</Gebdat>"
    )
    findings = validate(data)
    assert [f.code for f in findings] == ["xsd.too-many"]
    assert findings[0].path == "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat[2]"
    message = parse(data, strict=False)
    assert [u.path for u in message.unknown_elements] == [findings[0].path]
    out = serialize(message, validate=False)
    assert b"1984-03-15" in out and b"1985-01-01" in out


def test_every_problem_in_one_parent_is_reported() -> None:
    source = EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml"
    data = (
        source.read_bytes()
        .replace(b"<Voorl>J.P.</Voorl>", b"<Voorl>J.P.</Voorl><Foo/><Bar>x</Bar>")
        .replace(b"<Gebdat>1984-03-15", b"<Gebdat>1984-13-15")
        .replace(b"<GslchtCd>M", b"<GslchtCd>Q")
        .replace(b"<Pc>3511AB", b"<Pc>3511ABCDEF")
    )
    codes = [f.code for f in validate(data)]
    assert codes == [
        "xsd.type",
        "xsd.unknown-element",
        "xsd.unknown-element",
        "xsd.enumeration",
        "xsd.length",
    ]


def test_missing_and_misplaced_elements_each_reported_once() -> None:
    source = EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml"
    data = source.read_bytes()
    # move SignNm to the end of Wrknmr's leaves, drop Gebdat
    data = data.replace(b"<SignNm>Jansen</SignNm>", b"").replace(
        b"<WrknmrNoriskJN>N</WrknmrNoriskJN>",
        b"<WrknmrNoriskJN>N</WrknmrNoriskJN><SignNm>J</SignNm>",
    )
    data = data.replace(b"<Gebdat>1984-03-15</Gebdat>", b"")
    findings = validate(data)
    assert sorted(f.code for f in findings) == ["xsd.missing", "xsd.order"]
    order = next(f for f in findings if f.code == "xsd.order")
    assert order.path.endswith("/Wrknmr[1]/SignNm")
    missing = next(f for f in findings if f.code == "xsd.missing")
    assert "Gebdat" in missing.message


def test_prefixed_elements_get_findings_not_a_crash() -> None:
    source = EXAMPLES / "2022" / "VZ-2022-01-ziekmelding.xml"
    root = _tree(source.read_bytes())
    ns = etree.QName(root).namespace
    # the same document with every element written as v:Name
    text = etree.tostring(root).decode()
    text = text.replace(f'xmlns="{ns}"', f'xmlns:v="{ns}"')
    text = text.replace("</", "</v:").replace("<", "<v:").replace("<v:/v:", "</v:")
    text = text.replace("<v:Gebdat>1984-03-15", "<v:Gebdat>1984-13-15")
    findings = validate(text.encode())
    assert [(f.code, f.path) for f in findings] == [
        ("xsd.type", "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat")
    ]
    with pytest.raises(ValidationError):
        parse(text.encode())


def test_values_python_cannot_hold() -> None:
    source = (EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml").read_bytes()
    late = source.replace(b"<AantijdBr>09:30:00", b"<AantijdBr>24:00:00")
    message = parse(late)  # a warning: 24:00:00 is 00:00:00 in XML Schema 1.0
    assert [f.code for f in message.findings] == ["value.end-of-day"]
    assert message.header.time is not None and message.header.time.hour == 0
    for year in (b"12345", b"-0001"):
        far = source.replace(b"<AandatBr>2025", b"<AandatBr>" + year)
        with pytest.raises(ValidationError) as caught:
            parse(far)
        (finding,) = caught.value.findings
        assert finding.code == "value.unrepresentable"
        assert finding.path == "/Verzuimmeldingen/BrAlg[1]/AandatBr"
        assert finding.value == (year + b"-03-02").decode()
        tolerant = parse(far, strict=False)
        assert tolerant.header.date is None
        assert year in serialize(tolerant, validate=False)


def test_text_split_by_a_comment_is_one_value_in_header_checks() -> None:
    source = (EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml").read_bytes()
    data = source.replace(b"<BrCd>00100", b"<BrCd>001<!--x-->00")
    assert validate(data) == []
    assert parse(data).header.message_code == "00100"


def test_unknown_namespace_year_suggests_the_closest_release() -> None:
    source = (EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml").read_bytes()
    with pytest.raises(UnknownMessageError) as caught:
        parse(source.replace(b"Verzuimmeldingen/2025", b"Verzuimmeldingen/2023"))
    assert caught.value.suggestion is not None
    assert caught.value.suggestion[1].value == "2022"
    assert "did you mean" in str(caught.value)


def test_long_values_are_capped_in_findings() -> None:
    source = (EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml").read_bytes()
    data = source.replace(b"<Berrefnr>VZ-2025-0001", b"<Berrefnr>" + b"9" * 5000)
    (finding,) = validate(data)
    assert finding.value is not None and len(finding.value) < 150
    assert "5000 characters" in finding.value
    assert len(finding.message) < 400


def test_a_kept_element_in_no_namespace_stays_in_no_namespace() -> None:
    source = (EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml").read_bytes()
    data = source.replace(
        b"<PrcVrzm>100.00</PrcVrzm>",
        b'<PrcVrzm>100.00</PrcVrzm><Opmerking xmlns="">no namespace</Opmerking>',
    )
    message = parse(data, strict=False)
    (kept,) = message.unknown_elements
    again = parse(serialize(message, validate=False), strict=False)
    (back,) = again.unknown_elements
    assert etree.fromstring(back.xml).tag == "Opmerking"
    assert (back.path, back.parent_path, back.index) == (kept.path, kept.parent_path, kept.index)
