"""The direct writer: ``serialize`` gives the bytes and findings of xsdata's serializer road.

``_serialize_xsdata`` is the road ``serialize`` took before it built the tree itself
(xsdata's ``XmlSerializer``, a re-read of its output, the kept elements put back, the
check of that tree); every test here holds the two to the same bytes and the same errors.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from xsdata.formats.converter import converter
from xsdata.formats.dataclass.models.elements import XmlVar
from xsdata.formats.dataclass.serializers.mixins import EventGenerator
from xsdata.models.datatype import XmlDate, XmlDateTime, XmlTime

import sivi_verzuim._codec as codec
import sivi_verzuim._writer as writer
from sivi_verzuim import Message, MessageType, Release, ValidationError, parse, serialize
from sivi_verzuim._codec import _serialize_xsdata
from sivi_verzuim._writer import _text
from sivi_verzuim.testing import messages

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.xml"))
HELD_OUT = sorted((ROOT / "tests" / "held_out").glob("**/*.xml"))
INBOX = sorted((ROOT / "examples" / "inbox").glob("**/*.xml"))
SOURCES = EXAMPLES + HELD_OUT + INBOX
SICK = ROOT / "examples" / "2021" / "VZ-2021-01-ziekmelding.xml"
PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


def _outcome(write: Callable[..., bytes], message: Message, **kwargs: Any) -> Any:
    """The bytes written, or the findings of the refusal (every field of each)."""
    try:
        return write(message, **kwargs)
    except ValidationError as exc:
        return (
            "refused",
            [
                (f.code, f.severity, f.message, f.path, f.line, f.value, f.release, f.file)
                for f in exc.findings
            ],
        )


def _same(message: Message, **kwargs: Any) -> Any:
    new = _outcome(serialize, message, **kwargs)
    old = _outcome(_serialize_xsdata, message, **kwargs)
    assert new == old
    return new


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


# ----------------------------------------------------------------- every file we have


@pytest.mark.parametrize("path", SOURCES, ids=_id)
@pytest.mark.parametrize("strict", [True, False], ids=["strict", "tolerant"])
def test_byte_for_byte_on_every_example(path: Path, strict: bool) -> None:
    try:
        message = parse(path, strict=strict)
    except ValidationError:
        assert strict  # a tolerant parse gives every message
        return
    for kwargs in ({}, {"validate": False}, {"allow_unconfirmed": True}):
        out = _same(message, **kwargs)
        if message.valid and not (message.release.reconstructed and not kwargs):
            assert isinstance(out, bytes)
            assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')


def test_the_examples_cover_every_release_and_type() -> None:
    have = {(p.parent.name, p.stem) for p in EXAMPLES}
    assert {(rel.value, mt.title) for mt, rel in PAIRS} <= have


def _with_unknown(source: bytes, where: int, kind: str) -> bytes:
    """The source with an element the bound document has no place for."""
    root = etree.fromstring(source)
    ns = etree.QName(root).namespace
    parents = [el for el in root.iter(etree.Element) if any(len(c) == 0 for c in el)]
    parent = parents[where % len(parents)]
    if kind == "unknown":
        extra = etree.Element(f"{{{ns}}}Extra")
        etree.SubElement(extra, f"{{{ns}}}Inner").text = "kept & <safe>"
        parent.insert(len(parent) // 2, extra)
    elif kind == "no-namespace":
        extra = etree.Element("Plain")
        extra.text = "no namespace"
        parent.insert(0, extra)
    else:  # a second occurrence of a single leaf
        leaf = next(el for el in parent if len(el) == 0)
        twin = copy.deepcopy(leaf)
        leaf.addnext(twin)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
@pytest.mark.parametrize("kind", ["unknown", "no-namespace", "twin"])
def test_kept_elements_are_written_back_as_before(path: Path, kind: str) -> None:
    source = path.read_bytes()
    for where in (0, 3, 7):
        message = parse(_with_unknown(source, where, kind), strict=False)
        out = _same(message, validate=False)
        assert isinstance(out, bytes)
        again = parse(out, strict=False)
        assert [u.xml for u in again.unknown_elements] == [u.xml for u in message.unknown_elements]
        refused = _same(message)
        if message.unknown_elements:  # they break the schema
            assert refused[0] == "refused"
            assert all(f[4] is not None for f in refused[1])  # every finding names its line


# ----------------------------------------------------------------- generated messages


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[1].value}-{p[0].name}")
def test_byte_for_byte_on_generated_messages(pair: tuple[MessageType, Release]) -> None:
    mt, rel = pair

    @settings(
        max_examples=8,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(messages(rel, mt))
    def run(message: Message) -> None:
        out = _same(message)
        assert isinstance(out, bytes)
        assert _same(message, validate=False) == out

    run()


# ----------------------------------------------------------------- values


def _xsdata_text(value: Any, var: XmlVar) -> str | None:
    data = EventGenerator.encode_primitive(value, var)
    return data if data is None or isinstance(data, str) else converter.serialize(data)


def _var() -> XmlVar:
    message = parse(SICK)
    from sivi_verzuim._writer import _plan

    plan = _plan(type(message.document.br_alg), message.message_type.namespace(message.release))
    assert plan is not None
    return plan.fields[0][3]


class _Code(Enum):
    TWO = "02"
    NUMBER = 7
    DEC = Decimal("1.50")


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.decimals(places=2, allow_nan=False, allow_infinity=False),
        st.builds(Decimal, st.from_regex(r"\A-?[0-9]{1,5}(\.[0-9]{0,4})?E[+-]?[0-9]{1,3}\Z")),
        st.integers(),
        st.booleans(),
        st.floats(),
        st.dates().map(XmlDate.from_date),
        st.builds(
            XmlDate,
            st.integers(-99999, 99999),
            st.integers(1, 12),
            st.integers(1, 28),
            st.one_of(st.none(), st.integers(-840, 840)),
        ),
        st.times().map(XmlTime.from_time),
        st.datetimes().map(XmlDateTime.from_datetime),
        st.sampled_from(list(_Code)),
        st.text(),
    )
)
def test_every_value_has_the_lexical_form_of_xsdata(value: Any) -> None:
    var = _var()
    assert _text(value, var) == _xsdata_text(value, var)


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1E+2"),
        Decimal("0.000"),
        Decimal("-0"),
        Decimal("100.10"),
        Decimal("1.5E-7"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("NaN"),
    ],
    ids=str,
)
def test_decimal_forms_in_a_document(value: Decimal) -> None:
    message = parse(SICK)
    message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0].prc_vrzm = value
    out = _same(message, validate=False)
    assert f"<PrcVrzm>{_xsdata_text(value, _var())}</PrcVrzm>".encode() in out
    _same(message)
    if not math.isfinite(value) or value.as_tuple().exponent != -2:
        assert _outcome(serialize, message)[0] == "refused"


# ----------------------------------------------------------------- errors and options


def test_output_the_schema_rejects_gives_the_same_findings() -> None:
    message = parse(SICK)
    vrzm = message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0]
    vrzm.prc_vrzm = "100"
    vrzm.vrzmgvl_id = None  # and a required element missing
    refused = _same(message)
    assert refused[0] == "refused"
    codes = [f[0] for f in refused[1]]
    assert "xsd.pattern" in codes and "xsd.missing" in codes
    assert all(f[4] is not None for f in refused[1])  # lines in the written output
    out = _same(message, validate=False)  # no check at all
    assert b"<PrcVrzm>100</PrcVrzm>" in out and b"VrzmgvlId" not in out


def test_header_mismatch_gives_the_same_findings() -> None:
    message = parse(ROOT / "examples" / "2025" / "VZ-2025-01-ziekmelding.xml")
    other = message.message_type.vnrbrcd(Release.R2024)
    assert other is not None and other != message.document.br_alg.vnr_br_cd
    message.document.br_alg.vnr_br_cd = other
    refused = _same(message)
    assert refused[0] == "refused"
    assert [f[0] for f in refused[1]] == ["header.release-mismatch"]


@pytest.mark.parametrize(
    "bad", ["a\x00b", "bell\x07", "\ud800"], ids=["nul", "control", "surrogate"]
)
def test_a_value_that_cannot_be_written(bad: str) -> None:
    message = parse(SICK)
    message.document.br_alg.berrefnr = bad
    for kwargs in ({}, {"validate": False}):
        refused = _same(message, **kwargs)
        assert refused[0] == "refused"
        assert [f[0] for f in refused[1]] == ["serialize.unwritable"]
        assert bad not in refused[1][0][2]


def test_validate_false_skips_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    message = parse(SICK)
    message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0].prc_vrzm = "x" * 500
    with pytest.raises(ValidationError):
        serialize(message)

    def no_check(*args: Any, **kwargs: Any) -> bool:
        raise AssertionError("checked")

    monkeypatch.setattr(codec._writer, "conforms", no_check)
    monkeypatch.setattr(codec, "check", no_check)
    assert b"x" * 500 in serialize(message, validate=False)


def test_a_valid_message_is_checked_without_reading_the_output_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for path in EXAMPLES:
        message = parse(path)
        expected = _serialize_xsdata(message, allow_unconfirmed=True)

        def no_parse(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("read back")

        with monkeypatch.context() as patch:
            patch.setattr(codec, "parse_xml", no_parse)
            patch.setattr(codec, "check", no_parse)
            assert serialize(message, allow_unconfirmed=True) == expected


def test_the_writer_still_refuses_what_one_reading_only_accepts() -> None:
    message = parse(ROOT / "examples" / "2017" / "Afspraken.xml")
    refused = _same(message)
    if refused[0] == "refused":
        assert {f[0] for f in refused[1]} == {"serialize.unconfirmed"}
    assert isinstance(_same(message, allow_unconfirmed=True), bytes)


# ----------------------------------------------------------------- what only xsdata writes


def test_values_the_writer_leaves_to_xsdata(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[Message] = []

    def road(message: Message, **kwargs: Any) -> bytes:
        taken.append(message)
        return _serialize_xsdata(message, **kwargs)

    monkeypatch.setattr(codec, "_serialize_xsdata", road)
    # a tuple where the field is a list, a None inside a list, a class of another field,
    # a binding where a value belongs, a list where one value belongs
    cases: list[Callable[[Any], None]] = [
        lambda doc: setattr(doc, "wrkgvr", tuple(doc.wrkgvr)),
        lambda doc: setattr(doc, "wrkgvr", [*doc.wrkgvr, None]),
        lambda doc: setattr(doc, "br_alg", doc.wrkgvr[0]),
        lambda doc: setattr(doc.br_alg, "berrefnr", doc.wrkgvr[0]),
        lambda doc: setattr(doc.br_alg, "berrefnr", ["a", "b"]),
    ]
    for case in cases:
        message = parse(SICK)
        case(message.document)
        for kwargs in ({"validate": False}, {}):
            taken.clear()
            _same(message, **kwargs)
            assert taken == [message]  # serialize took xsdata's road


def test_a_document_that_is_no_binding() -> None:
    message = parse(SICK)
    for document in (object(), "text", None):
        odd = Message(message_type=message.message_type, release=message.release, document=document)
        assert _same(odd)[0] == "refused"


# ----------------------------------------------------------------- the text road


def _element_road(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document written through lxml's element API, as before the text road."""
    monkeypatch.setattr(writer, "_text_road", lambda *args: None)


def _by_elements(message: Message, **kwargs: Any) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        _element_road(patch)
        return _outcome(serialize, message, **kwargs)


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_the_text_road_writes_every_example(path: Path) -> None:
    message = parse(path)
    ns = message.message_type.namespace(message.release)
    built = writer.build(message.document, {None: ns})
    assert built.text is not None  # the text road wrote it
    data = writer.document_bytes(built)
    assert data == writer.document_bytes(writer.Built(built.root, None))  # from the tree
    for kwargs in ({"allow_unconfirmed": True}, {"validate": False}, {}):
        assert _outcome(serialize, message, **kwargs) == _by_elements(message, **kwargs)


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.text(
        st.one_of(
            st.sampled_from("&<>\r\n\t \"'\x85\u2028\ufeff]]>"),
            st.characters(codec="utf-8"),
        ),
        max_size=12,
    )
)
def test_any_text_is_written_as_the_element_road_writes_it(value: str) -> None:
    message = parse(SICK)
    message.document.br_alg.berrefnr = value
    message.document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0].prc_vrzm = value
    for kwargs in ({"validate": False}, {}):
        assert _outcome(serialize, message, **kwargs) == _by_elements(message, **kwargs)


def test_a_value_refused_before_a_value_only_xsdata_writes() -> None:
    message = parse(SICK)
    message.document.br_alg.berrefnr = "a\x00b"  # written first: refused
    message.document.wrkgvr = tuple(message.document.wrkgvr)  # only then xsdata's road
    refused = _outcome(serialize, message)
    assert refused == _by_elements(message)
    assert refused[0] == "refused"
    assert [f[0] for f in refused[1]] == ["serialize.unwritable"]


def test_the_text_road_and_the_tree_give_the_same_bytes() -> None:
    message = parse(SICK)
    ns = message.message_type.namespace(message.release)
    first = writer.build(message.document, {None: ns})
    second = writer.build(message.document, {None: ns})
    assert writer.document_bytes(first) == writer.document_bytes(second)
    assert writer.document_bytes(first) == writer.document_bytes(writer.Built(first.root, None))


def test_each_thread_gets_the_bytes_of_its_own_tree() -> None:
    docs = [parse(p) for p in EXAMPLES[:12]]
    expected = [_outcome(serialize, m, allow_unconfirmed=True) for m in docs]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(5):
            got = list(pool.map(lambda m: _outcome(serialize, m, allow_unconfirmed=True), docs))
            assert got == expected


def test_writers_with_children_looked_up_as_met(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [parse(p) for p in EXAMPLES[::4]]
    expected = [_outcome(serialize, m, allow_unconfirmed=True) for m in docs]
    writer._writer.cache_clear()
    try:
        monkeypatch.setattr(writer, "_MAX_NESTED", 1)  # below the root: every child via _item
        assert [_outcome(serialize, m, allow_unconfirmed=True) for m in docs] == expected
    finally:
        writer._writer.cache_clear()


def test_a_namespace_that_needs_escapes_takes_the_element_road() -> None:
    assert writer._root_tags("{urn:x}Root", "urn:x") == (
        '<Root xmlns="urn:x">',
        '<Root xmlns="urn:x"/>',
        "\n</Root>",
    )
    for odd in ('urn:"x"', "urn:a&b", "urn:<x>", "urn: x", "urn:\u00e9"):
        assert writer._root_tags("{urn:x}Root", odd) is None
