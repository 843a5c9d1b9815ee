"""The compiled leaf converters give what xsdata's generic converter gives.

Every example, the held-out messages and generated messages of every release and type
are bound both ways (compiled converters, and xsdata's generic converter through the
binder's private switch) and the bound documents, the types of their values and the
findings compared; odd lexical forms of every kind of leaf are bound both ways, tolerant
and strict, down to the error text.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from binding_classes import PAIRS, binding_classes
from binding_classes import shape as _shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.models.datatype import XmlDate, XmlTime

from sivi_verzuim import MessageType, Release, SiviError, _bind, _codec, parse
from sivi_verzuim._bind import (
    _ANY,
    _DATE,
    _TIME,
    _Binder,
    _compiled_plan,
    _field_plan,
    _plan,
    _xsdata_plan,
)
from sivi_verzuim._safexml import Limits, parse_xml
from sivi_verzuim.releases import binding_class
from sivi_verzuim.testing import xml_messages

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(REPO.glob("examples/**/*.xml")) + sorted(REPO.glob("tests/held_out/**/*.xml"))


def _both(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Any]) -> tuple[Any, Any]:
    """``run()`` with the compiled converters, then with xsdata's generic converter; an
    exception is returned as (type, text)."""

    def outcome() -> Any:
        try:
            return run()
        except Exception as exc:  # the outcome compared, whatever it is
            return (type(exc).__name__, str(exc))

    compiled = outcome()
    with monkeypatch.context() as m:
        m.setattr(_bind, "_COMPILED_LEAVES", False)
        generic = outcome()
    return compiled, generic


def _parsed(data: bytes, *, strict: bool) -> Any:
    message = parse(data, strict=strict)
    return _shape(message.document), message.findings, message.unknown_elements


# --------------------------------------------------------------------------- whole documents


def test_there_are_documents_of_every_release() -> None:
    assert {p.parent.name for p in DOCUMENTS} >= {r.value for r in Release}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_documents_bind_the_same_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    for strict in (False, True):
        compiled, generic = _both(monkeypatch, functools.partial(_parsed, data, strict=strict))
        assert compiled == generic


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_valid_documents_bind_as_xsdata_binds_them(path: Path) -> None:
    data = path.read_bytes()
    try:
        message = parse(data)
    except SiviError:
        return  # not a valid message: compared with the generic path above
    if message.findings:
        return  # xsdata reads 24:00:00 and out-of-range years its own way
    expected = XmlParser().from_bytes(data, type(message.document))
    assert _shape(message.document) == _shape(expected)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[1].value}-{p[0].title}")
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_messages_bind_the_same_both_ways(
    pair: tuple[MessageType, Release], data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    mt, rel = pair
    xml = data.draw(xml_messages(rel, mt))
    compiled, generic = _both(monkeypatch, functools.partial(_parsed, xml, strict=True))
    assert compiled == generic
    assert not isinstance(compiled[0], tuple) or compiled[0][0] == mt.root


# --------------------------------------------------------------------------- odd lexical forms

_DATES = [
    "2020-01-05", " 2020-01-05\n", "2020-01-05Z", "2020-01-05+02:00", "2020-01-05-00:00",
    "2020-01-05-11:30", "2020-01-05+2:00", "2020-01-05+99:99", "2020-01-05z", "2020-02-29",
    "2019-02-29", "2020-02-30", "2020-13-01", "2020-00-10", "2020-04-31", "0000-01-01",
    "0001-01-01", "0999-12-31", "1000-01-01", "9999-12-31", "10000-01-01", "01000-01-01",
    "-2020-01-01", "2020- 1-05", "2020-+1-05", "\uff12\uff10\uff12\uff10-01-01", "20-01-05",
    "2020-01-0\uff15",
    "2020-1-5", "", "  ", "abc", "2020-01-05T00:00:00", "2020-01-05 Z", "2020-01-05+02:00:00",
    # ten characters, the usual form's length
    "1900-02-29", "2000-02-29", "2100-02-28", "2020-1a-05", "2O20-01-05", "2020/01/05",
    "2020-01-5 ", " 2020-1-05", "2020-11-31", "2020-12-31", "2020-01-00", "+202-01-05",
    "2020-\uff11-05", "2020-01-\u0665\u0665",
]  # fmt: skip
_TIMES = [
    "12:00:00", "00:00:00", "24:00:00", "24:00:00Z", "24:00:00+01:00", "24:00:01",
    "24:00:00.0", "24:00:00.000000001", "23:59:59.999999999", "23:59:60", "12:00:00.5",
    "12:00:00.123456789", "12:00:00.1234567891", "12:00:00.", "12:00:00.5Z", "12:00:00+01:00",
    "12:00:00-05:30", " 12:00:00 ", "1:00:00", "12:0:00", "25:00:00", "12:60:00", "12:00",
    "12:00:00.000", "٣٣:00:00", "12:00:00+1:00", "-1:00:00", "+1:00:00", "",
    # eight characters, the usual form's length
    "23:59:59", "09:05:07", "12:3a:00", "12.00.00", "12:00:0 ", " 2:00:00", "+1:00:00",
    "00:00:60", "12:00:\u0665\u0665", "12:00:00"[::-1],
]  # fmt: skip
_NUMBERS = [
    "1", " 1 ", "+1", "-1", "0", "01", "1_000", "1.0", "1.50", "1e3", "-0", ".5", "5.",
    "NaN", "Infinity", "-inf", "", "x", "١٢", "99999999999999999999", "1 2",
]  # fmt: skip


def _enum_texts(tp: type[enum.Enum]) -> list[str]:
    out = ["", "?", "  "]
    for member in tp:
        value = str(member.value)
        out += [value, f"  {value}\t", value.lower(), value + "x", value.replace(" ", " \t ")]
    return out


def _leaves(cls: type, el: etree._Element) -> Iterator[tuple[etree._Element, type, Any]]:
    """Every simple element below ``el`` (bound to ``cls``) with the type of its field."""
    plan = _plan(cls)
    for child in el.iterchildren(etree.Element):
        step = plan.get(str(child.tag))
        if step is None:
            continue
        _name, _is_list, sub, conv = step
        if sub is not None:
            yield from _leaves(sub, child)
        elif conv is not None:
            yield child, conv[0][0], conv


def _texts(tp: type) -> list[str]:
    if tp is XmlDate:
        return _DATES
    if tp is XmlTime:
        return _TIMES
    if isinstance(tp, enum.EnumMeta):
        return _enum_texts(tp)
    return _NUMBERS


def _kind(tp: type) -> str:
    if isinstance(tp, enum.EnumMeta):
        spaced = any(any(c.isspace() for c in str(m.value)) for m in tp)
        return "enum with spaces" if spaced else "enum"
    return tp.__name__


def _one_leaf_per_kind() -> list[tuple[Path, str]]:
    """(document, path of a leaf) for the first leaf of every kind in every release."""
    out = []
    seen: set[tuple[str, str]] = set()
    for path in sorted(REPO.glob("examples/20*/*.xml")):
        try:
            message = parse(path)
        except SiviError:
            continue
        tree = parse_xml(path.read_bytes(), limits=Limits())
        for el, tp, _conv in _leaves(type(message.document), tree.getroot()):
            key = (path.parent.name, _kind(tp))
            if key not in seen:
                seen.add(key)
                out.append((path, tree.getpath(el)))
    return out


LEAVES = _one_leaf_per_kind()


def _leaf_type(path: Path, where: str) -> tuple[etree._ElementTree, etree._Element, type, type]:
    tree = parse_xml(path.read_bytes(), limits=Limits())
    cls = binding_class(*_codec.detect(tree.getroot()))
    el = tree.xpath(where)[0]
    tp = {str(e.tag): t for e, t, _ in _leaves(cls, tree.getroot())}[str(el.tag)]
    return tree, el, cls, tp


def test_every_kind_of_leaf_is_compared() -> None:
    kinds = {_kind(_leaf_type(path, where)[3]) for path, where in LEAVES}
    assert {"XmlDate", "XmlTime", "int", "Decimal", "enum"} <= kinds


def test_plans_read_from_the_fields_are_what_xsdata_builds() -> None:
    classes = list(binding_classes())
    assert len(classes) > 500
    for cls in classes:
        from_fields = _field_plan(cls)
        assert from_fields is not None, cls  # every generated class has the plain form
        assert from_fields == _xsdata_plan(cls), cls


def test_a_field_of_another_form_goes_through_xsdata() -> None:
    @dataclasses.dataclass
    class Odd:
        value: list[int] = dataclasses.field(
            default_factory=list, metadata={"name": "V", "type": "Element", "tokens": True}
        )

    assert _field_plan(Odd) is None
    assert _plan(Odd) == _xsdata_plan(Odd)


def test_compiled_plans_use_compiled_converters() -> None:
    # the fast converters are in place, not the generic one, for the field types we have
    for mt, rel in PAIRS:
        for tag, step in _compiled_plan(binding_class(mt, rel)).items():
            _name, _is_list, sub, leaf, kind, _empty = step
            if sub is None and leaf is not None:
                assert kind != _ANY, (mt, rel, tag)
                assert leaf.__qualname__.split(".")[0] in {
                    "_int_leaf", "_decimal_leaf", "_enum_leaf", "_date_leaf", "_time_leaf",
                }  # fmt: skip
    assert _DATE != _TIME


@pytest.mark.parametrize("leaf", LEAVES, ids=lambda p: f"{p[0].parent.name}/{p[0].stem}{p[1]}")
def test_odd_lexical_forms_bind_the_same_both_ways(
    leaf: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tree, el, cls, tp = _leaf_type(*leaf)
    for text in _texts(tp):
        el.text = text
        for tolerant in (True, False):

            def bind(tolerant: bool = tolerant) -> Any:
                binder = _Binder(tolerant=tolerant)
                document = binder.build(tree.getroot(), cls)
                return _shape(document), [(e.sourceline, code) for e, code, _ in binder.odd]

            compiled, generic = _both(monkeypatch, bind)
            assert compiled == generic, (text, tolerant)
        xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        compiled, generic = _both(monkeypatch, functools.partial(_parsed, xml, strict=False))
        assert compiled == generic, text


class _Spaced(enum.Enum):
    """Values that white space handling tells apart (none of the schemas has such codes)."""

    TWO_SPACES = "A  B"
    ONE_SPACE = "A B"
    LEADING = " C"
    PLAIN = "C"
    TAB = "D\tE"
    ALIAS = "A B"  # an alias of ONE_SPACE: not a member of its own


def test_enum_lookup_handles_white_space_as_xsdata_does() -> None:
    from xsdata.exceptions import ConverterError
    from xsdata.formats.converter import converter

    from sivi_verzuim._bind import _enum_leaf, _generic

    generic = _generic((_Spaced,), None)
    compiled = _enum_leaf(_Spaced, generic)
    texts = [v.value for v in _Spaced] + [
        "A  B", "A B", " A B ", "A\tB", "A \t B", "\nA  B\n", "C", " C", "  C  ", "D\tE",
        "D E", " D\tE", "", " ", "X", "a b",
    ]  # fmt: skip
    for text in texts:
        try:
            expected: Any = converter.deserialize(text, [_Spaced])
        except ConverterError:
            expected = ConverterError
        try:
            got: Any = compiled(text)
        except ConverterError:
            got = ConverterError
        assert got is expected, repr(text)
