"""Conformance of our schemas with SIVI's official XSDs.

For every (release, message type) of 2022 and later our schema must equal SIVI's
official one: structurally (:func:`compare_schemas`), on the example files and
generated messages, and in what it rejects (facet mutations, random text). For the
reconstructed releases (2017, 2020, 2021) the differences from the official 2022
schema must be exactly the documented decisions.

The official XSDs are reference data outside the repository
(``../shared/sivi-reference/xsd/<year>/``); every test here is skipped when they are
absent.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

import sivi_verzuim
from sivi_verzuim import MessageType, Release, Severity, compare_schemas, validate
from sivi_verzuim.releases import message_for_namespace
from sivi_verzuim.testing import xml_messages

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "sivi-reference"
OFFICIAL_DIR = REFERENCE / "xsd"
OUR_SCHEMAS = Path(sivi_verzuim.__file__).resolve().parent / "schemas"
EXAMPLES = REPO / "examples"

pytestmark = pytest.mark.skipif(
    not OFFICIAL_DIR.is_dir(),
    reason=f"SIVI reference XSDs not available (expected in {OFFICIAL_DIR})",
)

#: Official file names that differ from our message title.
OFFICIAL_NAMES = {
    MessageType.RETOURMELDING: "Retourmelding1",
    MessageType.VERWERKINGSMELDING: "VerwerkingsmeldingWgr-Arbo",
}

M = MessageType
R2022 = Release.R2022
OFFICIAL_PAIRS = [(rel, mt) for mt in MessageType for rel in mt.releases if not rel.reconstructed]
RECONSTRUCTED = [rel for rel in Release if rel.reconstructed]
CORE = [mt for mt in MessageType if mt.has_release(Release.R2017)]


def pair_id(value: object) -> str:
    return str(value)


def official_xsd(release: Release, message_type: MessageType) -> Path:
    name = OFFICIAL_NAMES.get(message_type, message_type.title)
    return OFFICIAL_DIR / release.value / f"{name}.xsd"


def our_xsd(release: Release, message_type: MessageType) -> Path:
    return OUR_SCHEMAS / release.value / f"{message_type.title}.xsd"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@cache
def compiled(path: Path) -> etree.XMLSchema:
    """A schema file compiled by lxml, once per file."""
    return etree.XMLSchema(etree.parse(str(path), _PARSER))


def official_schema(release: Release, message_type: MessageType) -> etree.XMLSchema:
    return compiled(official_xsd(release, message_type))


def our_schema(release: Release, message_type: MessageType) -> etree.XMLSchema:
    return compiled(our_xsd(release, message_type))


def errors_of(schema: etree.XMLSchema, tree: etree._Element | etree._ElementTree) -> list[str]:
    """lxml's error messages for ``tree`` (empty when it is valid)."""
    if schema.validate(tree):
        return []
    return str(schema.error_log).splitlines()


def example_files() -> dict[Path, tuple[MessageType, Release] | None]:
    """Every example file with the message it holds (None: not a known message)."""
    out: dict[Path, tuple[MessageType, Release] | None] = {}
    for path in sorted(EXAMPLES.glob("20*/*.xml")):
        qname = etree.QName(etree.parse(str(path), _PARSER).getroot())
        out[path] = message_for_namespace(qname.localname, qname.namespace)
    return out


EXAMPLE_FILES = example_files()
OFFICIAL_EXAMPLES = [
    (path, rel, mt)
    for path, found in EXAMPLE_FILES.items()
    if found is not None
    for mt, rel in [found]
    if not rel.reconstructed
]

# --------------------------------------------------------------------------- (a) structure


def test_every_official_schema_is_covered() -> None:
    """Each official XSD in the reference set is one of our (release, message type) pairs."""
    expected = {official_xsd(rel, mt) for rel, mt in OFFICIAL_PAIRS}
    present = {
        p
        for p in OFFICIAL_DIR.glob("*/*.xsd")
        if "__" not in p.name  # skip the dma61 stub
    }
    assert present == expected


@pytest.mark.parametrize(("release", "message_type"), OFFICIAL_PAIRS, ids=pair_id)
def test_structure_equals_official(release: Release, message_type: MessageType) -> None:
    report = compare_schemas(our_xsd(release, message_type), official_xsd(release, message_type))
    assert report.equivalent, report.to_text()


# --------------------------------------------------------------------------- (b) instances


def test_every_official_pair_has_an_example() -> None:
    assert EXAMPLE_FILES
    assert [path for path, found in EXAMPLE_FILES.items() if found is None] == []
    covered = {(rel, mt) for _, rel, mt in OFFICIAL_EXAMPLES}
    assert covered == set(OFFICIAL_PAIRS)
    for rel, mt in OFFICIAL_PAIRS:  # the file the mutation tests start from
        assert (EXAMPLES / rel.value / f"{mt.title}.xml").is_file()


@pytest.mark.parametrize(
    ("path", "release", "message_type"),
    OFFICIAL_EXAMPLES,
    ids=[f"{p.parent.name}/{p.name}" for p, _, _ in OFFICIAL_EXAMPLES],
)
def test_example_valid_against_official(
    path: Path, release: Release, message_type: MessageType
) -> None:
    tree = etree.parse(str(path), _PARSER)
    assert errors_of(official_schema(release, message_type), tree) == []


def _generated_examples(message_type: MessageType) -> int:
    return 15 if message_type is M.VERZUIMMELDINGEN else 5


@pytest.mark.parametrize(("release", "message_type"), OFFICIAL_PAIRS, ids=pair_id)
def test_generated_messages_valid_against_official(
    release: Release, message_type: MessageType
) -> None:
    schema = official_schema(release, message_type)

    @settings(
        max_examples=_generated_examples(message_type),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(xml_messages(release, message_type))
    def check(data: bytes) -> None:
        tree = etree.fromstring(data, _PARSER)
        assert errors_of(schema, tree) == [], data.decode()

    check()


# --------------------------------------------------------------------------- (c) rejections

Mutation = Callable[[etree._Element], None]


def _first(root: etree._Element, *names: str) -> etree._Element:
    """The first element (document order) with the first of ``names`` that occurs."""
    for name in names:
        for el in root.iter(etree.Element):
            if etree.QName(el).localname == name:
                return el
    raise LookupError(f"none of {names} in the document")


def set_text(*candidates: tuple[str, str]) -> Mutation:
    """Give the first element found (by candidate order) the candidate's value."""

    def apply(root: etree._Element) -> None:
        for name, value in candidates:
            try:
                el = _first(root, name)
            except LookupError:
                continue
            el.text = value
            return
        raise LookupError(f"none of {[n for n, _ in candidates]} in the document")

    return apply


def remove(*names: str) -> Mutation:
    def apply(root: etree._Element) -> None:
        el = _first(root, *names)
        parent = el.getparent()
        assert parent is not None
        parent.remove(el)

    return apply


def move_after_next(*names: str) -> Mutation:
    """Swap an element with its next sibling of another name."""

    def apply(root: etree._Element) -> None:
        for name in names:
            for el in root.iter(etree.Element):
                if etree.QName(el).localname != name:
                    continue
                sibling = el.getnext()
                while sibling is not None and sibling.tag == el.tag:
                    sibling = sibling.getnext()
                if sibling is not None:
                    sibling.addnext(el)
                    return
        raise LookupError(f"none of {names} has a following sibling")

    return apply


def insert_unknown_after(*names: str) -> Mutation:
    def apply(root: etree._Element) -> None:
        el = _first(root, *names)
        namespace = etree.QName(el).namespace
        unknown = etree.Element(f"{{{namespace}}}Onbekend" if namespace else "Onbekend")
        unknown.text = "x"
        el.addnext(unknown)

    return apply


#: Each mutation kind, the error code our findings give it, and how to apply it
#: (to the first matching element of the first candidate name that occurs).
MUTATIONS: dict[str, tuple[str, Mutation]] = {
    # Pc: length 6; CtrlCd: length 5; TestJN (length 1 and J/N) where neither occurs
    "length": ("xsd.length", set_text(("Pc", "3526K"), ("CtrlCd", "0001"), ("TestJN", "NN"))),
    "maxLength": (
        "xsd.max-length",
        set_text(("VrzmgvlId", "V" * 41), ("IdInzndr", "I" * 41)),
    ),
    "pattern": (
        "xsd.pattern",
        set_text(
            ("PrcVrzm", "100"),
            ("AantUNormWk", "38"),
            ("DuurAfspraak", "1"),
            ("TestJN", "1"),
        ),
    ),
    "enumeration": (
        "xsd.enumeration",
        set_text(("OorzkVrzmCd", "12"), ("VrwrkbhdCd", "99"), ("TestJN", "X")),
    ),
    "missing": ("xsd.missing", remove("PrcVrzm", "OntvngstbevJN")),
    "order": ("xsd.order", move_after_next("DatEerstVrzmdg", "AandatBr")),
    "unknown": ("xsd.unknown-element", insert_unknown_after("PrcVrzm", "BrCd")),
    "date": ("xsd.type", set_text(("DatEerstVrzmdg", "2022-02-30"), ("AandatBr", "2022-02-30"))),
}


def valid_example(release: Release, message_type: MessageType) -> etree._Element:
    path = EXAMPLES / release.value / f"{message_type.title}.xml"
    return etree.parse(str(path), _PARSER).getroot()


@pytest.mark.parametrize("kind", list(MUTATIONS))
@pytest.mark.parametrize(("release", "message_type"), OFFICIAL_PAIRS, ids=pair_id)
def test_mutation_rejected_by_both(release: Release, message_type: MessageType, kind: str) -> None:
    code, mutate = MUTATIONS[kind]
    root = valid_example(release, message_type)
    assert errors_of(official_schema(release, message_type), root) == []
    mutate(root)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    official = errors_of(official_schema(release, message_type), root)
    ours = errors_of(our_schema(release, message_type), root)
    findings = [f for f in validate(data) if f.severity is Severity.ERROR]
    assert official, f"official XSD accepts the {kind} mutation:\n{data.decode()}"
    assert ours, f"our XSD accepts the {kind} mutation; official says {official}"
    assert findings, f"validate() finds no error for the {kind} mutation; official says {official}"
    assert code in {f.code for f in findings}, [str(f) for f in findings]


# --------------------------------------------------------------------------- (c) random text

#: Boundary values of the standard's builtin types and facets.
_INTERESTING = [
    "",
    " ",
    " J",
    "1e2",
    "-1.00",
    "+1.00",
    "2022-02-28",
    "2022-02-30",
    "2024-02-29",
    "2022-1-01",
    "2022-03-01Z",
    "12:00:00",
    "24:00:00",
    "3526KM",
    "3526 KM",
    "\u0661",  # ARABIC-INDIC DIGIT ONE: a \d, but not [0-9]
]
_ALPHABET = "0123456789.-:+ JNOXaZ\u00e9"
_XSD = "{http://www.w3.org/2001/XMLSchema}"

#: (enumeration values, lengths around the size facets) of a simple type.
Facets = tuple[tuple[str, ...], tuple[int, ...]]
_FACET_SIZES = ("length", "minLength", "maxLength", "totalDigits")


def _restriction_facets(simple: etree._Element, named: dict[str, etree._Element]) -> Facets:
    """Enumeration values and the lengths around the size facets of a simple type."""
    codes: set[str] = set()
    sizes: set[int] = set()
    seen: set[int] = set()
    todo = [simple]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for restriction in node.iter(_XSD + "restriction"):
            codes |= {e.get("value", "") for e in restriction.iter(_XSD + "enumeration")}
            sizes |= {
                int(e.get("value", "0")) for t in _FACET_SIZES for e in restriction.iter(_XSD + t)
            }
            base = named.get(restriction.get("base", "").rpartition(":")[2])
            if base is not None:
                todo.append(base)
    lengths = {n + d for n in sizes for d in (-1, 0, 1) if n + d >= 0}
    return tuple(sorted(codes)), tuple(sorted(lengths))


@cache
def leaf_facets(path: Path) -> dict[str, Facets]:
    """Element name -> facet values of its simple type, merged over same-named elements."""
    tree = etree.parse(str(path), _PARSER)
    named = {t.get("name", ""): t for t in tree.getroot().iterchildren(_XSD + "simpleType")}
    merged: dict[str, tuple[set[str], set[int]]] = {}
    for element in tree.iter(_XSD + "element"):
        inline = element.find(_XSD + "simpleType")
        simple = (
            inline if inline is not None else named.get(element.get("type", "").rpartition(":")[2])
        )
        if simple is None:
            continue
        codes, lengths = _restriction_facets(simple, named)
        entry = merged.setdefault(element.get("name", ""), (set(), set()))
        entry[0].update(codes)
        entry[1].update(lengths)
    return {name: (tuple(sorted(c)), tuple(sorted(n))) for name, (c, n) in merged.items()}


#: Any text: the standard's boundary values, decimals, short text over the characters
#: that matter to the facets, and any XML-legal text.
ANY_TEXT = st.one_of(
    st.sampled_from(_INTERESTING),
    st.builds(
        lambda whole, frac: f"{whole}.{frac}",
        st.text(alphabet="0123456789", max_size=6),
        st.text(alphabet="0123456789", max_size=3),
    ),
    st.text(alphabet=_ALPHABET, max_size=14),
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn")), max_size=8),
)


@cache
def near_misses(facets: Facets) -> tuple[str, ...]:
    """Text around a leaf's own facets: its codes, each with a character dropped or added,
    and runs of the lengths around its size facets."""
    codes, lengths = facets
    out = set(codes)
    out |= {code[1:] for code in codes} | {code + e for code in codes for e in ("0", "X", " ")}
    out |= {ch * n for ch in "X9 " for n in lengths}
    return tuple(sorted(out))


@pytest.mark.parametrize(("release", "message_type"), OFFICIAL_PAIRS, ids=pair_id)
def test_random_leaf_text_same_verdict(release: Release, message_type: MessageType) -> None:
    """Ours and the official XSD accept or reject alike when a leaf gets arbitrary text.

    For each element name of a generated message, one of its leaves in turn gets another
    text (all other leaves keep their valid text) and both schemas judge that document.
    The text is one of a few drawn strings or -- chosen with a drawn seed -- a near miss
    of the leaf's own facets: a code, a code one character off, a boundary length.
    """
    official = official_schema(release, message_type)
    ours = our_schema(release, message_type)
    facets = leaf_facets(official_xsd(release, message_type))

    @settings(
        max_examples=_generated_examples(message_type),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        # the assertion names the leaf and its text; shrinking a whole message takes minutes
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )
    @given(
        xml_messages(release, message_type),
        st.lists(ANY_TEXT, min_size=1, max_size=20),
        st.integers(min_value=0, max_value=2**64 - 1),
    )
    def check(data: bytes, texts: list[str], seed: int) -> None:
        seeded = random.Random(seed)  # cheap choices, reproducible by the seed
        root = etree.fromstring(data, _PARSER)
        by_name: dict[str, list[etree._Element]] = {}
        for el in root.iter(etree.Element):
            if len(el) == 0:
                by_name.setdefault(etree.QName(el).localname, []).append(el)
        for name, leaves in by_name.items():
            leaf = seeded.choice(leaves)
            original = leaf.text
            misses = near_misses(facets.get(name, ((), ())))
            leaf.text = seeded.choice(misses if misses and seeded.random() < 0.7 else texts)
            verdict_official = official.validate(root)
            verdict_ours = ours.validate(root)
            assert verdict_ours == verdict_official, (
                f"{name}={leaf.text!r}: official "
                f"{'accepts' if verdict_official else official.error_log}, ours "
                f"{'accepts' if verdict_ours else ours.error_log}"
            )
            leaf.text = original

    check()


# --------------------------------------------------------------------------- reconstructed

#: Where each reconstructed release's writing face lives (what the library writes).
WRITING_SCHEMAS = OUR_SCHEMAS / "writing"

_PERSONS = ("Wrkgvr/Cntprsn", "Wrkgvr/Wrknmr", "Wrkgvr/Wrknmr/Dnstvbnd/Cntprsn")
_GENDER_PARENTS: dict[MessageType, tuple[str, ...]] = {
    M.VERZUIMMELDINGEN: (*_PERSONS, "Wrkgvr/Wrknmr/Dnstvbnd/Vrzm/Cntprsn"),
    M.WERKNEMERS_GEGEVENS: _PERSONS,
    M.DIENSTVERBANDEN: _PERSONS,
    M.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: ("Wrkgvr/Cntprsn", "Wrkgvr/OrgEenh/Cntprsn"),
    M.DOCUMENTEN: (
        "CntprsnOntvanger",
        "CntprsnZender",
        "Document/Afspraak/UitvoerderAfspraak",
        "Document/Wrknmr",
    ),
    M.AFSPRAKEN: ("Afspraak/UitvoerderAfspraak", "Afspraak/Wrknmr"),
    M.RETOURMELDING: (),
}
#: The messages with an employment record Wrkgvr/Wrknmr/Dnstvbnd (S6, S7, S10, S11).
_EMPLOYMENT = (M.VERZUIMMELDINGEN, M.WERKNEMERS_GEGEVENS, M.DIENSTVERBANDEN)
#: The messages with the employee's own communication list (S5).
_EMPLOYEE_COM = (M.VERZUIMMELDINGEN, M.WERKNEMERS_GEGEVENS)
_VRZM = "Wrkgvr/Wrknmr/Dnstvbnd/Vrzm"

Diffs = set[tuple[str, str]]


def _at(mt: MessageType, kind: str, *paths: str) -> Diffs:
    return {(kind, f"/{mt.root}/{p}") for p in paths}


def _vnrbrcd(mt: MessageType) -> Diffs:
    """D3 (an open code) for every message; S1 (any five digits) for Verzuimmeldingen."""
    out = _at(mt, "enumeration", "BrAlg/VnrBrCd")
    if mt is M.VERZUIMMELDINGEN:
        out |= _at(mt, "facet", "BrAlg/VnrBrCd")
    return out


def _has_software(mt: MessageType) -> bool:
    return mt is not M.DOCUMENTEN  # Documenten has no GebrSwPakket in any release


def _reading(mt: MessageType, release: Release) -> Diffs:
    """(kind, path) of every difference of our reading face from the official 2022 file."""
    out = _vnrbrcd(mt)
    if release is Release.R2021:
        return out  # D1
    if _has_software(mt):
        out |= _at(mt, "cardinality", "BrAlg/GebrSwPakket")  # S2: optional
    if mt in _EMPLOYMENT:
        dv = "Wrkgvr/Wrknmr/Dnstvbnd"
        out |= _at(mt, "missing-in-b", f"{dv}/DltfctNVS", f"{dv}/FsIndFZ")  # S6, S7
        out |= _at(mt, "enumeration", f"{dv}/SrtDnstvbndCd")  # S10: 01-24
        out |= _at(mt, "facet", f"{dv}/PrcLndrbtng")  # S11: no pattern
    if mt is M.VERZUIMMELDINGEN:
        out |= _at(
            mt,
            "missing-in-b",  # S8
            "Wrkgvr/Wrknmr/VrwrkCd",
            "Wrkgvr/Wrknmr/Prtnr/VrwrkCd",
            "Wrkgvr/Wrknmr/Dnstvbnd/VrwrkCd",
            "Wrkgvr/Wrknmr/Dnstvbnd/Arbeidsrelatie/VrwrkCd",
        )
        out |= _at(mt, "facet", f"{_VRZM}/PrcVrzm", f"{_VRZM}/PrcArbther")  # S11
        out |= _at(mt, "enumeration", f"{_VRZM}/Actie/ActieCd")  # S12
        out |= _at(mt, "cardinality", "Wrkgvr/Wrknmr/Dnstvbnd/Cntprsn", f"{_VRZM}/Cntprsn")
        if release is Release.R2017:
            out |= _at(mt, "missing-in-b", f"{_VRZM}/VngntCd")  # S9: the choice
            out |= _at(mt, "enumeration", f"{_VRZM}/RdnEndVrzmCd")  # S13: 13
    return out


def _writing(mt: MessageType, release: Release) -> Diffs:
    """(kind, path) of every difference of our writing face from the official 2022 file."""
    out = _at(mt, "enumeration", "BrAlg/VnrBrCd")  # D2, D3
    if release is Release.R2021:
        return out
    out |= _at(mt, "enumeration", *(f"{p}/GslchtCd" for p in _GENDER_PARENTS[mt]))  # S3
    if release is Release.R2017 and _has_software(mt):
        out |= _at(mt, "missing-in-a", "BrAlg/GebrSwPakket")  # S2: not written in 2017
    if mt in _EMPLOYMENT:
        dv = "Wrkgvr/Wrknmr/Dnstvbnd"
        out |= _at(mt, "missing-in-a", f"{dv}/OndOrgeenhCd", f"{dv}/OndOrgeenhCdNm")  # S4
        out |= _at(mt, "enumeration", f"{dv}/SrtDnstvbndCd")  # S10: 04, 05, 07
    if mt is M.WERKGEVERS_GEGEVENS_BASISREGISTRATIE:
        out |= _at(mt, "missing-in-a", "Wrkgvr/OrgEenh/OndOrgeenhCd")  # S4
    if mt in _EMPLOYEE_COM:
        out |= _at(mt, "enumeration", "Wrkgvr/Wrknmr/Com/SrtComCd")  # S5: 05
    return out


def test_reconstructed_releases_cover_every_core_message() -> None:
    assert set(CORE) == set(_GENDER_PARENTS)
    assert all(mt.releases[:3] == tuple(RECONSTRUCTED) for mt in CORE)


def _check_content(diff: object, message_type: MessageType, release: Release) -> None:
    kind, path = getattr(diff, "kind", ""), getattr(diff, "path", "")
    a, b = getattr(diff, "a", ""), getattr(diff, "b", "")
    if path.endswith("/BrAlg/VnrBrCd") and kind == "enumeration":
        assert b == message_type.vnrbrcd(R2022)
    elif path.endswith("/GslchtCd"):
        assert (a, b) == ("-", "O")
    elif path.endswith("/Wrknmr/Com/SrtComCd"):
        assert (a, b) == ("-", "06, 07, 08, 09, 10")
    elif path.endswith("/RdnEndVrzmCd"):
        assert (a, b) == ("13", "-")
    elif kind in ("missing-in-a", "missing-in-b"):
        side = a if kind == "missing-in-b" else b
        required = path.endswith(("/GebrSwPakket", "/VngntCd"))
        assert side.startswith("1..1" if required else "0..1"), diff


@pytest.mark.parametrize("message_type", CORE, ids=pair_id)
@pytest.mark.parametrize("release", RECONSTRUCTED, ids=pair_id)
@pytest.mark.parametrize("face", ["reading", "writing"])
def test_reconstructed_differs_from_2022_as_documented(
    release: Release, message_type: MessageType, face: str
) -> None:
    """Each face of 2017/2020/2021 differs from SIVI's 2022 file exactly by the decisions."""
    ours = (
        our_xsd(release, message_type)
        if face == "reading"
        else WRITING_SCHEMAS / release.value / f"{message_type.title}.xsd"
    )
    report = compare_schemas(ours, official_xsd(R2022, message_type), ignore_namespace_year=True)
    found = {(d.kind, d.path) for d in report.differences}
    expected = (_reading if face == "reading" else _writing)(message_type, release)
    assert found == expected, (
        f"unexpected: {sorted(found - expected)}\nmissing: {sorted(expected - found)}\n"
        + report.to_text()
    )
    assert len(report.differences) == len(found)  # one difference per (kind, path)
    for diff in report.differences:
        if face == "writing" or diff.kind != "enumeration" or "/GslchtCd" not in diff.path:
            _check_content(diff, message_type, release)
    if face == "writing":
        vnrbrcd = message_type.vnrbrcd(release)
        (code,) = [d for d in report.differences if d.path.endswith("/BrAlg/VnrBrCd")]
        assert (code.a, code.b) == (vnrbrcd or "(no enumeration)", message_type.vnrbrcd(R2022))
