"""Tests for :mod:`sivi_verzuim.schemacompare`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim.errors import SiviError
from sivi_verzuim.schemacompare import (
    DIFFERENCE_KINDS,
    ComparisonReport,
    Difference,
    SchemaCompareError,
    compare_schemas,
)

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "sivi-reference"
XSD_DIR = REFERENCE / "xsd"


def official(year: str, name: str = "Verzuimmeldingen") -> Path:
    """Path of an official SIVI XSD; skips the test when the reference set is absent."""
    path = XSD_DIR / year / f"{name}.xsd"
    if not path.is_file():
        pytest.skip(f"SIVI reference XSD not available: {path}")
    return path


def by_kind(report: ComparisonReport, kind: str) -> dict[str, Difference]:
    return {d.path: d for d in report.differences if d.kind == kind}


XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"'


def schema(body: str, *, tns: str = "urn:test/2021", extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xs:schema {XS} xmlns:t="{tns}" targetNamespace="{tns}" '
        f'elementFormDefault="qualified" {extra}>\n{body}\n</xs:schema>\n'
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def compare_text(tmp_path: Path, a: str, b: str, **options: object) -> ComparisonReport:
    return compare_schemas(
        write(tmp_path, "a.xsd", a),
        write(tmp_path, "b.xsd", b),
        **options,  # type: ignore[arg-type]
    )


def root_with(sequence_body: str, types: str = "", compositor: str = "sequence") -> str:
    return schema(
        f"""<xs:element name="R"><xs:complexType><xs:{compositor}>
        {sequence_body}
        </xs:{compositor}></xs:complexType></xs:element>
        {types}"""
    )


# --------------------------------------------------------------------------- official XSDs


def test_official_schema_is_equivalent_to_itself() -> None:
    if not XSD_DIR.is_dir():
        pytest.skip("SIVI reference XSDs not available")
    files = sorted(XSD_DIR.glob("*/*.xsd"))
    assert files
    for path in files:
        if path.stat().st_size < 1000:  # the empty dma61 stub is not a schema of ours
            continue
        report = compare_schemas(path, path)
        assert report.equivalent, report.to_text()
        assert report.differences == ()


def test_official_2022_vs_2024_verzuimmeldingen() -> None:
    report = compare_schemas(official("2022"), official("2024"))
    assert not report.equivalent
    root = "/Verzuimmeldingen"

    missing_b = by_kind(report, "missing-in-b")
    assert f"{root}/Wrkgvr/StrAdrNl" in missing_b
    assert f"{root}/Wrkgvr/PbadrsNl" in missing_b
    # the descendants of a missing element are not repeated
    assert f"{root}/Wrkgvr/StrAdrNl/Pc" not in missing_b
    assert missing_b[f"{root}/Wrkgvr/StrAdrNl"].b == "-"
    assert missing_b[f"{root}/Wrkgvr/StrAdrNl"].a.startswith("0..9 complex")

    missing_a = by_kind(report, "missing-in-a")
    assert f"{root}/Wrkgvr/Wrknmr/Dnstvbnd/Vrzm/ArbCnflJN" in missing_a
    assert f"{root}/Wrkgvr/Wrknmr/Dnstvbnd/FsIndFZ" in missing_a
    assert f"{root}/Wrkgvr/Cntprsn/IdCntctprsn" in missing_a

    enum = by_kind(report, "enumeration")[f"{root}/BrAlg/VnrBrCd"]
    assert (enum.a, enum.b) == ("00010", "00011")
    assert "00010" in enum.message and "00011" in enum.message

    cardinality = by_kind(report, "cardinality")
    for path in (
        f"{root}/Wrkgvr/Cntprsn/Voorl",
        f"{root}/Wrkgvr/Wrknmr/Dnstvbnd/Cntprsn/Voorl",
        f"{root}/Wrkgvr/Wrknmr/Dnstvbnd/Vrzm/Cntprsn/Voorl",
        f"{root}/Wrkgvr/Cntprsn/GslchtCd",
    ):
        assert (cardinality[path].a, cardinality[path].b) == ("0..1", "1..1")

    facets = by_kind(report, "facet")
    assert (
        facets[f"{root}/Wrkgvr/Wrknmr/IdWrknmr"].a,
        facets[f"{root}/Wrkgvr/Wrknmr/IdWrknmr"].b,
    ) == (
        "-",
        "minLength=1",
    )

    namespace = by_kind(report, "namespace")["/"]
    assert namespace.a.endswith("/Verzuimmeldingen/2022")
    assert namespace.b.endswith("/Verzuimmeldingen/2024")
    # nothing was reordered, regrouped, retyped or turned simple/complex
    kinds = {d.kind for d in report.differences}
    assert kinds == {
        "namespace",
        "missing-in-a",
        "missing-in-b",
        "cardinality",
        "facet",
        "enumeration",
    }


def test_official_2022_vs_2024_ignoring_the_namespace_year() -> None:
    plain = compare_schemas(official("2022"), official("2024"))
    report = compare_schemas(official("2022"), official("2024"), ignore_namespace_year=True)
    assert not by_kind(report, "namespace")
    assert len(report.differences) == len(plain.differences) - 1


def test_official_2025_vs_2026_dienstverband_max_occurs() -> None:
    report = compare_schemas(official("2025"), official("2026"), ignore_namespace_year=True)
    difference = by_kind(report, "cardinality")["/Verzuimmeldingen/Wrkgvr/Wrknmr/Dnstvbnd"]
    assert (difference.a, difference.b) == ("1..99", "1..999")
    assert "1..99" in difference.message and "1..999" in difference.message
    assert [(d.kind, d.path) for d in report.differences] == [
        ("enumeration", "/Verzuimmeldingen/BrAlg/VnrBrCd"),
        ("cardinality", "/Verzuimmeldingen/Wrkgvr/Wrknmr/Dnstvbnd"),
    ]


def test_official_releases_that_differ_only_in_namespace_year() -> None:
    a, b = official("2024", "MedischeKaart"), official("2025", "MedischeKaart")
    assert compare_schemas(a, b, ignore_namespace_year=True).equivalent
    strict = compare_schemas(a, b)
    assert [d.kind for d in strict.differences] == ["namespace"]


def test_ignore_paths_on_official_schemas() -> None:
    report = compare_schemas(
        official("2022"),
        official("2024"),
        ignore_namespace_year=True,
        ignore_paths=["/Verzuimmeldingen/Wrkgvr", "/Verzuimmeldingen/BrAlg/*"],
    )
    assert report.equivalent, report.to_text()


def test_ignore_paths(tmp_path: Path) -> None:
    a = root_with(
        '<xs:element name="A"><xs:complexType><xs:sequence>'
        '<xs:element name="X" type="xs:string"/></xs:sequence></xs:complexType></xs:element>'
        '<xs:element name="AB" type="xs:string"/><xs:element name="C" type="xs:string"/>'
    )
    b = a.replace('name="X" type="xs:string"', 'name="X" type="xs:date"').replace(
        'name="AB" type="xs:string"', 'name="AB" type="xs:date"'
    )
    b = b.replace('name="C" type="xs:string"', 'name="C" type="xs:time"')
    paths = {d.path for d in compare_text(tmp_path, a, b).differences}
    assert paths == {"/R/A/X", "/R/AB", "/R/C"}
    # a plain path covers itself and its descendants, but not /R/AB
    report = compare_text(tmp_path, a, b, ignore_paths=["/R/A/"])
    assert {d.path for d in report.differences} == {"/R/AB", "/R/C"}
    report = compare_text(tmp_path, a, b, ignore_paths=("/R/A*", "/R/C"))
    assert report.equivalent
    report = compare_text(tmp_path, a, b, ignore_paths="/R/C")
    assert {d.path for d in report.differences} == {"/R/A/X", "/R/AB"}


def test_comparing_two_40k_schemas_is_fast() -> None:
    a, b = official("2022"), official("2024")
    assert a.stat().st_size > 35_000
    start = time.perf_counter()
    for _ in range(3):
        compare_schemas(a, b)
    assert (time.perf_counter() - start) / 3 < 0.5


# --------------------------------------------------------------------------- hand-written


NAMED = (
    '<?xml version="1.0"?>\n'
    '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:n="urn:test/2021"'
    ' targetNamespace="urn:test/2021" elementFormDefault="qualified" version="1.0">'
    """
  <xsd:simpleType name="Naam"><xsd:restriction base="n:Tekst"><xsd:maxLength value="35"/>
  </xsd:restriction></xsd:simpleType>
  <xsd:complexType name="AdresType"><xsd:sequence>
    <xsd:element name="Pc" type="n:Postcode"/>
    <xsd:element name="Huisnr" type="xsd:nonNegativeInteger" minOccurs="0"/>
  </xsd:sequence></xsd:complexType>
  <xsd:element name="R" type="n:RootType">
    <xsd:annotation><xsd:documentation>root</xsd:documentation></xsd:annotation>
  </xsd:element>
  <xsd:simpleType name="Tekst"><xsd:restriction base="xsd:string">
    <xsd:maxLength value="100"/><xsd:pattern value="\\S.*"/></xsd:restriction></xsd:simpleType>
  <xsd:complexType name="RootType"><xsd:sequence>
      <xsd:element name="Naam" type="n:Naam"/>
      <xsd:element name="Adres" type="n:AdresType" maxOccurs="unbounded"/>
      <xsd:element name="Code" type="n:Code" minOccurs="0"/>
  </xsd:sequence></xsd:complexType>
  <xsd:simpleType name="Code"><xsd:restriction base="xsd:string">
    <xsd:enumeration value="01"/><xsd:enumeration value="02"/></xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="Postcode"><xsd:restriction base="xsd:string">
    <xsd:length value="6"/></xsd:restriction></xsd:simpleType>
</xsd:schema>
"""
)

ANONYMOUS = schema(
    """
  <xs:element name="R"><xs:complexType><xs:sequence>
    <xs:element name="Naam"><xs:simpleType><xs:restriction base="xs:string">
      <xs:pattern value="\\S.*"/><xs:maxLength value="35"/>
    </xs:restriction></xs:simpleType></xs:element>
    <xs:element name="Adres" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="Pc"><xs:simpleType><xs:restriction base="xs:string">
        <xs:length value="06"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="Huisnr" type="xs:nonNegativeInteger" minOccurs="0" maxOccurs="1"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Code" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string">
      <xs:enumeration value="02"/><xs:enumeration value="01"/>
    </xs:restriction></xs:simpleType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
"""
)


def test_named_types_and_anonymous_types_are_equivalent(tmp_path: Path) -> None:
    report = compare_text(tmp_path, NAMED, ANONYMOUS)
    assert report.equivalent, report.to_text()
    assert report.to_text().startswith("equivalent:")


def test_derived_simple_type_chain_is_resolved_and_merged(tmp_path: Path) -> None:
    # NAMED: Naam = restriction of Tekst (maxLength 100, pattern) with maxLength 35.
    wider = ANONYMOUS.replace('<xs:maxLength value="35"/>', '<xs:maxLength value="100"/>')
    report = compare_text(tmp_path, NAMED, wider)
    assert [(d.kind, d.path, d.a, d.b) for d in report.differences] == [
        ("facet", "/R/Naam", "maxLength=35", "maxLength=100")
    ]
    # the base's pattern is inherited: dropping it is a difference
    no_pattern = ANONYMOUS.replace('<xs:pattern value="\\S.*"/>', "")
    report = compare_text(tmp_path, NAMED, no_pattern)
    assert [(d.kind, d.path, d.a, d.b) for d in report.differences] == [
        ("facet", "/R/Naam", "'\\S.*'", "-")
    ]


def test_derived_enumeration_overrides_the_base_enumeration(tmp_path: Path) -> None:
    derived = root_with(
        '<xs:element name="C" type="t:Sub"/>',
        """<xs:simpleType name="Base"><xs:restriction base="xs:string">
             <xs:maxLength value="2"/>
             <xs:enumeration value="01"/><xs:enumeration value="02"/><xs:enumeration value="03"/>
           </xs:restriction></xs:simpleType>
           <xs:simpleType name="Sub"><xs:restriction base="t:Base">
             <xs:enumeration value="01"/><xs:enumeration value="02"/>
           </xs:restriction></xs:simpleType>""",
    )
    inline = root_with(
        """<xs:element name="C"><xs:simpleType><xs:restriction base="xs:string">
             <xs:maxLength value="2"/><xs:enumeration value="02"/><xs:enumeration value="01"/>
           </xs:restriction></xs:simpleType></xs:element>"""
    )
    assert compare_text(tmp_path, derived, inline).equivalent
    three = inline.replace('<xs:enumeration value="01"/>', '<xs:enumeration value="03"/>')
    report = compare_text(tmp_path, derived, three)
    [difference] = report.differences
    assert (difference.kind, difference.a, difference.b) == ("enumeration", "01", "03")
    assert "only in A: 01" in difference.message and "only in B: 03" in difference.message


def test_element_order_difference(tmp_path: Path) -> None:
    a = root_with(
        '<xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/>'
        '<xs:element name="C" type="xs:string"/>'
    )
    b = root_with(
        '<xs:element name="A" type="xs:string"/><xs:element name="C" type="xs:string"/>'
        '<xs:element name="B" type="xs:string"/>'
    )
    report = compare_text(tmp_path, a, b)
    # C stays after A in both (longest common order A, C), so B is the one that moved
    assert [(d.kind, d.path, d.a, d.b) for d in report.differences] == [
        ("order", "/R/B", "after A", "after C")
    ]


def test_added_element_does_not_cause_order_differences(tmp_path: Path) -> None:
    a = root_with('<xs:element name="A" type="xs:date"/><xs:element name="C" type="xs:time"/>')
    b = root_with(
        '<xs:element name="New" type="xs:date" minOccurs="0"/>'
        '<xs:element name="A" type="xs:date"/><xs:element name="C" type="xs:time"/>'
    )
    report = compare_text(tmp_path, a, b)
    assert [(d.kind, d.path, d.a) for d in report.differences] == [("missing-in-a", "/R/New", "-")]


def test_facet_change_max_length(tmp_path: Path) -> None:
    element = (
        '<xs:element name="Naam"><xs:simpleType><xs:restriction base="xs:string">'
        '<xs:maxLength value="{}"/></xs:restriction></xs:simpleType></xs:element>'
    )
    report = compare_text(tmp_path, root_with(element.format(35)), root_with(element.format(40)))
    [difference] = report.differences
    assert difference.kind == "facet"
    assert difference.path == "/R/Naam"
    assert (difference.a, difference.b) == ("maxLength=35", "maxLength=40")
    assert "35" in difference.message and "40" in difference.message


def test_pattern_change(tmp_path: Path) -> None:
    element = (
        '<xs:element name="Pc"><xs:simpleType><xs:restriction base="xs:string">'
        '<xs:pattern value="{}"/></xs:restriction></xs:simpleType></xs:element>'
    )
    report = compare_text(
        tmp_path,
        root_with(element.format("[0-9]{4}[A-Z]{2}")),
        root_with(element.format("[1-9][0-9]{3}[A-Z]{2}")),
    )
    [difference] = report.differences
    assert (difference.kind, difference.path) == ("facet", "/R/Pc")
    assert "[0-9]{4}[A-Z]{2}" in difference.a
    assert "[1-9][0-9]{3}[A-Z]{2}" in difference.b


def test_base_type_and_content_differences(tmp_path: Path) -> None:
    a = root_with(
        '<xs:element name="D" type="xs:date"/>'
        '<xs:element name="S" type="xs:string"/>'
        '<xs:element name="X"><xs:complexType><xs:sequence>'
        '<xs:element name="Y" type="xs:string"/></xs:sequence></xs:complexType></xs:element>'
    )
    b = root_with(
        '<xs:element name="D" type="xs:dateTime"/>'
        '<xs:element name="S"><xs:complexType><xs:sequence>'
        '<xs:element name="Z" type="xs:string"/></xs:sequence></xs:complexType></xs:element>'
        '<xs:element name="X"><xs:complexType><xs:sequence>'
        '<xs:element name="Y" type="xs:token"/></xs:sequence></xs:complexType></xs:element>'
    )
    report = compare_text(tmp_path, a, b)
    assert [(d.kind, d.path, d.a, d.b) for d in report.differences] == [
        ("base-type", "/R/D", "date", "dateTime"),
        ("content", "/R/S", "1..1 string", "1..1 complex (1 child elements)"),
        ("base-type", "/R/X/Y", "string", "token"),
    ]


def test_choice_versus_sequence_is_a_compositor_difference(tmp_path: Path) -> None:
    body = '<xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/>'
    report = compare_text(tmp_path, root_with(body), root_with(body, compositor="choice"))
    assert [(d.kind, d.path, d.a, d.b) for d in report.differences] == [
        ("compositor", "/R/A", "sequence", "choice"),
        ("compositor", "/R/B", "sequence", "choice"),
    ]


def test_nested_choice_occurs_and_regrouping(tmp_path: Path) -> None:
    def model(choice_attrs: str, first: str, second: str) -> str:
        return root_with(
            '<xs:element name="K" type="xs:string"/>'
            f"<xs:choice {choice_attrs}>{first}</xs:choice><xs:choice>{second}</xs:choice>"
        )

    p = '<xs:element name="P" type="xs:string"/>'
    q = '<xs:element name="Q" type="xs:string"/>'
    r = '<xs:element name="S" type="xs:string"/>'
    s = '<xs:element name="T" type="xs:string"/>'
    base = model('minOccurs="0"', p + q, r + s)
    # same model, alternatives in another order: equivalent
    assert compare_text(tmp_path, base, model('minOccurs="0"', q + p, s + r)).equivalent
    # the choice's own occurrence changes
    report = compare_text(tmp_path, base, model("", p + q, r + s))
    assert {(d.kind, d.path) for d in report.differences} == {
        ("compositor", "/R/P"),
        ("compositor", "/R/Q"),
    }
    difference = report.differences[0]
    assert "choice 0..1" in difference.a and "choice 0..1" not in difference.b
    # same compositors and occurs, but the members are grouped differently
    report = compare_text(
        tmp_path,
        model("", p + q, r + s),
        model("", p + q + r, s),
    )
    assert {d.kind for d in report.differences} == {"compositor"}
    regrouped = {d.path: d for d in report.differences}["/R/S"]
    assert (regrouped.a, regrouped.b) == ("sequence > choice [S, T]", "sequence > choice [P, Q, S]")


def test_sequence_in_choice_and_redundant_groups(tmp_path: Path) -> None:
    a = root_with(
        '<xs:element name="A" type="xs:string"/>'
        '<xs:sequence><xs:element name="B" type="xs:string"/></xs:sequence>'
        '<xs:sequence minOccurs="0"><xs:element name="C" type="xs:string"/></xs:sequence>'
        "<xs:choice><xs:sequence>"
        '<xs:element name="D" type="xs:string"/><xs:element name="E" type="xs:string"/>'
        '</xs:sequence><xs:element name="F" type="xs:string"/></xs:choice>'
    )
    b = root_with(
        '<xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/>'
        '<xs:element name="C" type="xs:string" minOccurs="0"/>'
        '<xs:choice><xs:element name="F" type="xs:string"/><xs:sequence>'
        '<xs:element name="D" type="xs:string"/><xs:element name="E" type="xs:string"/>'
        "</xs:sequence></xs:choice>"
    )
    assert compare_text(tmp_path, a, b).equivalent
    swapped = b.replace(
        '<xs:element name="D" type="xs:string"/><xs:element name="E" type="xs:string"/>',
        '<xs:element name="E" type="xs:string"/><xs:element name="D" type="xs:string"/>',
    )
    report = compare_text(tmp_path, a, swapped)
    assert [d.kind for d in report.differences] == ["order"]


def test_root_and_namespace_differences(tmp_path: Path) -> None:
    a = root_with('<xs:element name="A" type="xs:string"/>')
    b = a.replace('name="R"', 'name="Q"').replace("urn:test/2021", "urn:test/2022")
    report = compare_text(tmp_path, a, b)
    assert [(d.kind, d.path, d.a, d.b) for d in report.differences] == [
        ("namespace", "/", "urn:test/2021", "urn:test/2022"),
        ("root", "/R", "R", "Q"),
    ]
    report = compare_text(tmp_path, a, b, ignore_namespace_year=True)
    assert [d.kind for d in report.differences] == ["root"]
    # a renamed root: what lies beneath is still compared, reported under A's paths
    changed = b.replace('name="A" type="xs:string"', 'name="A" type="xs:date"')
    report = compare_text(tmp_path, a, changed, ignore_namespace_year=True)
    assert [(d.kind, d.path) for d in report.differences] == [("root", "/R"), ("base-type", "/R/A")]
    other = a.replace("urn:test/2021", "urn:other/2021")
    report = compare_text(tmp_path, a, other, ignore_namespace_year=True)
    assert [d.kind for d in report.differences] == ["namespace"]
    unqualified = a.replace('elementFormDefault="qualified"', 'elementFormDefault="unqualified"')
    report = compare_text(tmp_path, a, unqualified)
    assert [(d.kind, d.b) for d in report.differences] == [
        ("namespace", "elementFormDefault=unqualified")
    ]


@pytest.mark.parametrize(
    ("snippet", "construct"),
    [
        ('<xs:attribute name="id" type="xs:string"/>', "xs:attribute"),
        ('<xs:group ref="t:G"/>', "xs:group"),
        ('<xs:any namespace="##other"/>', "xs:any"),
        ('<xs:element ref="t:R"/>', "xs:element/@ref"),
        ('<xs:element name="N" type="xs:string" nillable="true"/>', "xs:element/@nillable"),
        ('<xs:element name="F" type="xs:string" fixed="x"/>', "xs:element/@fixed"),
        ('<xs:element name="U"/>', "xs:anyType"),
    ],
)
def test_unsupported_construct_raises_naming_it(
    tmp_path: Path, snippet: str, construct: str
) -> None:
    if construct == "xs:attribute":
        text = schema(
            '<xs:element name="R"><xs:complexType><xs:sequence>'
            '<xs:element name="A" type="xs:string"/></xs:sequence>'
            f"{snippet}</xs:complexType></xs:element>"
        )
    else:
        text = root_with('<xs:element name="A" type="xs:string"/>' + snippet)
    path = write(tmp_path, "bad.xsd", text)
    good = write(tmp_path, "good.xsd", root_with('<xs:element name="A" type="xs:string"/>'))
    with pytest.raises(SchemaCompareError) as caught:
        compare_schemas(good, path)
    error = caught.value
    assert isinstance(error, SiviError)
    assert error.construct == construct
    assert error.file == str(path)
    assert construct in str(error)
    assert str(path) in str(error)
    assert error.line is not None


@pytest.mark.parametrize(
    ("body", "construct"),
    [
        ('<xs:import namespace="urn:x" schemaLocation="x.xsd"/>', "xs:import"),
        ('<xs:include schemaLocation="x.xsd"/>', "xs:include"),
        (
            '<xs:complexType name="X"><xs:complexContent><xs:extension base="t:Y"/>'
            "</xs:complexContent></xs:complexType>",
            "xs:complexContent",
        ),
        (
            '<xs:complexType name="X"><xs:simpleContent><xs:extension base="xs:string"/>'
            "</xs:simpleContent></xs:complexType>",
            "xs:simpleContent",
        ),
        (
            '<xs:simpleType name="L"><xs:list itemType="xs:string"/></xs:simpleType>',
            "xs:list",
        ),
    ],
)
def test_unsupported_schema_level_constructs(tmp_path: Path, body: str, construct: str) -> None:
    # even an unused definition is refused: nothing is skipped silently
    path = write(tmp_path, "bad.xsd", root_with('<xs:element name="A" type="xs:string"/>', body))
    with pytest.raises(SchemaCompareError, match=construct) as caught:
        compare_schemas(path, path)
    assert caught.value.construct == construct


def test_extension_inside_a_used_type_is_refused(tmp_path: Path) -> None:
    text = root_with(
        '<xs:element name="A"><xs:complexType><xs:simpleContent>'
        '<xs:extension base="xs:string"/></xs:simpleContent></xs:complexType></xs:element>'
    )
    path = write(tmp_path, "ext.xsd", text)
    with pytest.raises(SchemaCompareError, match=r"xs:simpleContent.*line \d+"):
        compare_schemas(path, path)


def test_recursive_types_are_refused(tmp_path: Path) -> None:
    text = schema(
        '<xs:element name="R" type="t:Node"/>'
        '<xs:complexType name="Node"><xs:sequence>'
        '<xs:element name="Child" type="t:Node" minOccurs="0"/>'
        "</xs:sequence></xs:complexType>"
    )
    path = write(tmp_path, "rec.xsd", text)
    with pytest.raises(SchemaCompareError, match="recursive"):
        compare_schemas(path, path)


def test_unreadable_malformed_and_unsafe_inputs(tmp_path: Path) -> None:
    good = write(tmp_path, "good.xsd", root_with('<xs:element name="A" type="xs:string"/>'))
    with pytest.raises(SchemaCompareError, match="cannot read"):
        compare_schemas(good, tmp_path / "absent.xsd")
    broken = write(tmp_path, "broken.xsd", "<xs:schema")
    with pytest.raises(SchemaCompareError, match="malformed") as caught:
        compare_schemas(broken, good)
    assert caught.value.file == str(broken)
    doctype = write(
        tmp_path,
        "dtd.xsd",
        '<!DOCTYPE x [<!ENTITY e "boom">]>\n'
        + root_with('<xs:element name="A" type="xs:string"/>').split("\n", 1)[1],
    )
    with pytest.raises(SchemaCompareError, match="DOCTYPE"):
        compare_schemas(doctype, good)
    not_xsd = write(tmp_path, "plain.xml", "<root/>")
    with pytest.raises(SchemaCompareError, match="not an XML Schema"):
        compare_schemas(not_xsd, good)


# --------------------------------------------------------------------------- report


def test_report_to_dict_and_to_text(tmp_path: Path) -> None:
    a = root_with(
        '<xs:element name="A" type="xs:string"/>'
        '<xs:element name="B"><xs:simpleType><xs:restriction base="xs:string">'
        '<xs:enumeration value="x"/><xs:enumeration value="y"/>'
        "</xs:restriction></xs:simpleType></xs:element>"
    )
    b = root_with(
        '<xs:element name="B"><xs:simpleType><xs:restriction base="xs:string">'
        '<xs:enumeration value="y"/><xs:enumeration value="z"/>'
        "</xs:restriction></xs:simpleType></xs:element>"
        '<xs:element name="C" type="xs:string" maxOccurs="unbounded"/>'
    )
    report = compare_text(tmp_path, a, b)
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["equivalent"] is False
    assert data["a"] == str(tmp_path / "a.xsd")
    assert data["differences"] == [
        {
            "kind": "missing-in-b",
            "path": "/R/A",
            "a": "1..1 string",
            "b": "-",
            "message": "element only in A (1..1 string; in sequence)",
        },
        {
            "kind": "enumeration",
            "path": "/R/B",
            "a": "x",
            "b": "z",
            "message": "enumeration values only in A: x; only in B: z",
        },
        {
            "kind": "missing-in-a",
            "path": "/R/C",
            "a": "-",
            "b": "1..unbounded string",
            "message": "element only in B (1..unbounded string; in sequence)",
        },
    ]
    text = report.to_text()
    assert text == report.to_text()
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("missing-in-b /R/A: ")
    assert lines[-1].startswith("3 differences (1 missing-in-a, 1 missing-in-b, 1 enumeration)")
    # the same differences in another order give the same text
    shuffled = ComparisonReport(a=report.a, b=report.b, differences=report.differences[::-1])
    assert shuffled.to_text() == text
    assert shuffled.to_dict() == data


def test_equivalent_report(tmp_path: Path) -> None:
    text = root_with('<xs:element name="A" type="xs:string"/>')
    report = compare_text(tmp_path, text, text)
    assert report.equivalent
    assert report.to_dict()["differences"] == []
    assert report.to_text().splitlines() == [
        f"equivalent: no structural differences between A={report.a} and B={report.b}"
    ]


def test_difference_kind_is_validated() -> None:
    with pytest.raises(ValueError):
        Difference(kind="bogus", path="/", a="-", b="-", message="")  # type: ignore[arg-type]
    assert "namespace" in DIFFERENCE_KINDS


# --------------------------------------------------------------------------- property


@st.composite
def element_trees(draw: st.DrawFn, depth: int = 0) -> list[tuple[str, object, int, str]]:
    """A list of (name, content, minOccurs, maxOccurs); content is a maxLength or a subtree."""
    names = draw(
        st.lists(
            st.sampled_from("ABCDEFGH"), min_size=1, max_size=4 if depth < 2 else 3, unique=True
        )
    )
    result: list[tuple[str, object, int, str]] = []
    for name in names:
        if depth < 2 and draw(st.booleans()):
            content: object = draw(element_trees(depth + 1))
        else:
            content = draw(st.integers(min_value=1, max_value=99))
        low = draw(st.integers(min_value=0, max_value=1))
        high = draw(st.sampled_from(["1", "9", "unbounded"]))
        result.append((name, content, low, high))
    return result


def render_anonymous(children: list[tuple[str, object, int, str]]) -> str:
    parts = []
    for name, content, low, high in children:
        occurs = f'minOccurs="{low}" maxOccurs="{high}"'
        if isinstance(content, list):
            inner = (
                f"<xs:complexType><xs:sequence>{render_anonymous(content)}"
                "</xs:sequence></xs:complexType>"
            )
        else:
            inner = (
                '<xs:simpleType><xs:restriction base="xs:string">'
                f'<xs:maxLength value="{content}"/></xs:restriction></xs:simpleType>'
            )
        parts.append(f'<xs:element name="{name}" {occurs}>{inner}</xs:element>')
    return "".join(parts)


def render_named(
    children: list[tuple[str, object, int, str]], prefix: str, types: list[str]
) -> str:
    parts = []
    for index, (name, content, low, high) in enumerate(children):
        type_name = f"T{prefix}_{index}"
        if isinstance(content, list):
            body = render_named(content, f"{prefix}_{index}", types)
            types.append(
                f'<xsd:complexType name="{type_name}"><xsd:sequence>{body}'
                "</xsd:sequence></xsd:complexType>"
            )
        else:
            types.append(
                f'<xsd:simpleType name="{type_name}"><xsd:restriction base="xsd:string">'
                f'<xsd:maxLength value="{content}"/></xsd:restriction></xsd:simpleType>'
            )
        optional = f' minOccurs="{low}"' if low != 1 else ""
        repeat = f' maxOccurs="{high}"' if high != "1" else ""
        parts.append(f'<xsd:element name="{name}" type="p:{type_name}"{optional}{repeat}/>')
    return "".join(parts)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=element_trees(), data=st.data())
def test_property_named_and_anonymous_renderings_are_equivalent(
    tmp_path: Path, tree: list[tuple[str, object, int, str]], data: st.DataObject
) -> None:
    anonymous = schema(
        f'<xs:element name="R"><xs:complexType><xs:sequence>{render_anonymous(tree)}'
        "</xs:sequence></xs:complexType></xs:element>"
    )
    types: list[str] = []
    body = render_named(tree, "", types)
    types = data.draw(st.permutations(types))
    named = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:p="urn:test/2021" '
        'targetNamespace="urn:test/2021" elementFormDefault="qualified">'
        + "".join(types)
        + f'<xsd:element name="R"><xsd:complexType><xsd:sequence>{body}'
        "</xsd:sequence></xsd:complexType></xsd:element></xsd:schema>"
    )
    report = compare_text(tmp_path, anonymous, named)
    assert report.equivalent, report.to_text()

    # change one maxLength: exactly one facet difference, at the right path
    leaves: list[tuple[str, int]] = []

    def collect(children: list[tuple[str, object, int, str]], path: str) -> None:
        for name, content, _, _ in children:
            if isinstance(content, list):
                collect(content, f"{path}/{name}")
            else:
                assert isinstance(content, int)
                leaves.append((f"{path}/{name}", content))

    collect(tree, "/R")
    path, length = data.draw(st.sampled_from(leaves))
    mutated = named.replace(f'<xsd:maxLength value="{length}"/>', '<xsd:maxLength value="100"/>')
    report = compare_text(tmp_path, anonymous, mutated)
    facets = [d for d in report.differences if d.kind == "facet"]
    assert report.differences and len(facets) == len(report.differences)
    assert path in {d.path for d in facets}
    assert all(d.b == "maxLength=100" for d in facets)
