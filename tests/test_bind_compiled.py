"""The compiled builders bind what the generic binder binds.

Every example, inbox, held-out and poison file, generated messages of every release and
type, and hand-made edge cases (comments and processing instructions inside values and
between elements, empty elements, repeated and list elements, odd dates and times,
citizen service numbers, children out of order) are read both ways: through the compiled
builders, and through the generic binder alone (the private switch). The bound documents,
the types of all their values, the findings and the exceptions are compared; and where
the compiled builders are expected to bind a document (a valid one with nothing odd in
it), that they do, rather than leave it to the generic binder.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from binding_classes import PAIRS, binding_classes
from binding_classes import shape as _shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from xsdata.models.datatype import XmlDate, XmlTime

from sivi_verzuim import _bind, _codec, parse, validate
from sivi_verzuim._bind import (
    _NOT_BOUND,
    _Binder,
    _builder,
    _date_leaf,
    _generic,
    _refuse,
    _time_leaf,
    _usual_forms,
)
from sivi_verzuim._check import check
from sivi_verzuim._safexml import Limits, parse_xml
from sivi_verzuim.testing import xml_messages

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(REPO.glob("examples/20*/*.xml"))
INBOX = sorted(REPO.glob("examples/inbox/**/*.xml"))
HELD_OUT = sorted(REPO.glob("tests/held_out/**/*.xml"))
POISON = sorted(REPO.glob("tests/poison/*.xml"))
SAMPLE = REPO / "examples" / "2024" / "VZ-2024-01-ziekmelding.xml"


def _outcome(run: Callable[[], Any]) -> Any:
    try:
        return run()
    except Exception as exc:  # the outcome compared, whatever it is
        return (type(exc).__name__, str(exc))


def _parsed(data: bytes, strict: bool) -> Any:
    message = parse(data, strict=strict)
    return _shape(message.document), message.findings, message.unknown_elements


def _both(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Any]) -> tuple[Any, Any]:
    """``run()`` with the compiled builders, then with the generic binder only."""
    compiled = _outcome(run)
    with monkeypatch.context() as m:
        m.setattr(_bind, "_COMPILED_BUILDERS", False)
        generic = _outcome(run)
    return compiled, generic


def _same_both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    for strict in (True, False):
        compiled, generic = _both(monkeypatch, functools.partial(_parsed, data, strict))
        assert compiled == generic, strict
    compiled, generic = _both(monkeypatch, functools.partial(validate, data))
    assert compiled == generic


def _checked(data: bytes) -> tuple[etree._Element, type, bool]:
    """The root of a checked tree, its binding class, and whether the check found no error."""
    tree = parse_xml(data, limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    findings = check(tree, mt, rel, None, detach=False).findings
    valid = not any(f.severity.name == "ERROR" for f in findings)
    return tree.getroot(), _codec._root_class(mt, rel), valid


def _compiled(root: etree._Element, cls: type) -> Any:
    """What the compiled builders bind (compiled first: parse compiles them for the second
    document of a message)."""
    _builder(cls, frozenset())
    return _bind._bind_compiled(root, cls)


def _generic_shape(root: etree._Element, cls: type) -> Any:
    binder = _Binder(tolerant=False)
    document = binder.build(root, cls)
    assert not binder.odd and not binder.unconverted
    return _shape(document)


# --------------------------------------------------------------------------- every class


def test_every_binding_class_has_a_compiled_builder() -> None:
    classes = list(binding_classes())
    assert len(classes) > 500
    for cls in classes:
        assert _builder(cls, frozenset()) is not _refuse, cls


def test_a_class_the_builders_cannot_make_as_its_init_does_is_left_to_the_binder() -> None:
    @dataclasses.dataclass(slots=True, kw_only=True)
    class Later:
        value: str | None = dataclasses.field(
            default=None, metadata={"name": "V", "type": "Element", "namespace": "urn:x"}
        )

        def __post_init__(self) -> None:
            self.value = (self.value or "").upper()

    @dataclasses.dataclass(kw_only=True)
    class NoSlots:
        value: str | None = dataclasses.field(
            default=None, metadata={"name": "V", "type": "Element", "namespace": "urn:x"}
        )

    root = etree.fromstring(b'<R xmlns="urn:x"><V>a</V></R>')
    for cls in (Later, NoSlots):
        assert _builder(cls, frozenset()) is _refuse
        assert _compiled(root, cls) is _NOT_BOUND
        assert _Binder(tolerant=False).build(root, cls) == cls(value="a")


_NS = "urn:example:tree"


@dataclasses.dataclass(slots=True, kw_only=True)
class _Node:
    """A binding class that holds itself (none of the schemas has one)."""

    name: str = dataclasses.field(metadata={"name": "Name", "type": "Element", "namespace": _NS})
    when: XmlDate | None = dataclasses.field(
        default=None, metadata={"name": "When", "type": "Element", "namespace": _NS}
    )
    node: list[_Node] = dataclasses.field(
        default_factory=list, metadata={"name": "Node", "type": "Element", "namespace": _NS}
    )


def test_a_class_that_holds_itself_is_built_through_the_lookup() -> None:
    xml = (
        f'<Node xmlns="{_NS}"><Name>a</Name><Node><Name>b</Name><When>2024-01-31</When>'
        "<Node><Name/></Node></Node><Node><Name>c</Name></Node></Node>"
    ).encode()
    root = etree.fromstring(xml)
    bound = _compiled(root, _Node)
    assert bound is not _NOT_BOUND
    assert _shape(bound) == _generic_shape(root, _Node)
    assert bound.node[0].node[0] == _Node(name="")
    assert bound.node[0].when == XmlDate(2024, 1, 31)
    assert bound.node[1].node == [] and bound.node[1].node is not bound.node[0].node[0].node


@dataclasses.dataclass(slots=True, kw_only=True)
class _Once:
    """A binding class no other test binds."""

    name: str = dataclasses.field(metadata={"name": "Name", "type": "Element", "namespace": _NS})


def test_the_builders_are_compiled_for_the_second_document_of_a_message() -> None:
    root = etree.fromstring(f'<Once xmlns="{_NS}"><Name>a</Name></Once>'.encode())
    assert _Once not in _bind._BUILDERS
    assert _bind._bind_compiled(root, _Once) is _NOT_BOUND  # the first: the generic binder's
    assert _Once not in _bind._BUILDERS
    assert _bind._bind_compiled(root, _Once) == _Once(name="a")
    assert _Once in _bind._BUILDERS


def test_a_first_parse_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_bind, "_BUILDERS", {})
    monkeypatch.setattr(_bind, "_SEEN", set())
    first = parse(SAMPLE)
    assert not _bind._BUILDERS
    second = parse(SAMPLE)
    assert _bind._BUILDERS
    assert _shape(first.document) == _shape(second.document)
    assert first.findings == second.findings


# --------------------------------------------------------------------------- whole documents


def test_there_are_documents_of_every_kind() -> None:
    assert len(EXAMPLES) >= 79 and INBOX and HELD_OUT and len(POISON) > 40


@pytest.mark.parametrize("path", EXAMPLES + INBOX + HELD_OUT, ids=lambda p: p.name)
def test_valid_documents_are_bound_by_the_compiled_builders(path: Path) -> None:
    root, cls, valid = _checked(path.read_bytes())
    if not valid:
        return
    bound = _compiled(root, cls)
    if path in EXAMPLES or path in HELD_OUT:
        assert bound is not _NOT_BOUND  # nothing odd in them: the fast road takes them
    if bound is not _NOT_BOUND:
        assert _shape(bound) == _generic_shape(root, cls)
        assert _shape(_bind._bind(root.getroottree(), cls, strict=True)) == _shape(bound)


@pytest.mark.parametrize(
    "path", EXAMPLES + INBOX + HELD_OUT + POISON, ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_documents_read_the_same_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_both_ways(path.read_bytes(), monkeypatch)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[1].value}-{p[0].title}")
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_messages_bind_the_same_both_ways(pair: Any, data: st.DataObject) -> None:
    mt, rel = pair
    xml = data.draw(xml_messages(rel, mt))
    root, cls, valid = _checked(xml)
    assert valid
    bound = _compiled(root, cls)
    expected = _generic_shape(copy.deepcopy(root), cls)
    if bound is _NOT_BOUND:  # only where the generic binder has something to note
        binder = _Binder(tolerant=False)
        binder.build(root, cls)
        assert binder.odd
    else:
        assert _shape(bound) == expected
        assert type(bound).__name__ == mt.root


# --------------------------------------------------------------------------- edge cases


def _sample() -> etree._ElementTree:
    return parse_xml(SAMPLE.read_bytes(), limits=Limits())


def _first(tree: etree._ElementTree, local: str) -> etree._Element:
    found = tree.getroot().xpath(f"//*[local-name() = '{local}']")
    assert isinstance(found, list) and found
    el = found[0]
    assert isinstance(el, etree._Element)
    return el


def _bytes(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _left_to_the_binder(tree: etree._ElementTree) -> None:
    """The compiled builders refuse the tree (as it is): it is the generic binder's."""
    root = tree.getroot()
    cls = _codec._root_class(*_codec.detect(root))
    assert _compiled(root, cls) is _NOT_BOUND


@pytest.mark.parametrize("where", ["BrCd", "Berrefnr", "AandatBr", "AantijdBr", "SofiNr"])
@pytest.mark.parametrize("node", ["comment", "pi"])
def test_a_comment_or_instruction_inside_a_value(
    where: str, node: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = _sample()
    el = _first(tree, where)
    text = el.text or ""
    inside = etree.Comment(" note ") if node == "comment" else etree.ProcessingInstruction("x")
    el.text = text[:2]
    inside.tail = text[2:]
    el.append(inside)
    _left_to_the_binder(tree)
    _same_both_ways(_bytes(tree), monkeypatch)
    assert _codec.parse(_bytes(tree)).document == _codec.parse(SAMPLE).document


@pytest.mark.parametrize("where", ["BrAlg", "Wrkgvr", "Com", "VrTkst"])
@pytest.mark.parametrize("node", ["comment", "pi"])
def test_a_comment_or_instruction_between_elements(
    where: str, node: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for position in ("first", "last", "middle"):
        tree = _sample()
        el = _first(tree, where)
        inside = etree.Comment("c") if node == "comment" else etree.ProcessingInstruction("p")
        if position == "first":
            el.insert(0, inside)
        elif position == "last":
            el.append(inside)
        else:
            el[0].addnext(inside)
        _left_to_the_binder(tree)
        _same_both_ways(_bytes(tree), monkeypatch)


def test_a_comment_outside_the_root_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    data = SAMPLE.read_bytes().replace(b"<Verzuimmeldingen", b"<!-- before --><Verzuimmeldingen")
    root, cls, valid = _checked(data)
    assert valid and _compiled(root, cls) is not _NOT_BOUND
    _same_both_ways(data, monkeypatch)


@pytest.mark.parametrize("where", ["Berrefnr", "GebrSwPakket", "IdOntvngr", "BrCd", "AandatBr"])
def test_empty_elements(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in (None, "", " ", "\n  "):
        tree = _sample()
        _first(tree, where).text = text
        _same_both_ways(_bytes(tree), monkeypatch)
        root = tree.getroot()
        cls = _codec._root_class(*_codec.detect(root))
        bound = _compiled(root, cls)
        if bound is not _NOT_BOUND:
            assert _shape(bound) == _generic_shape(root, cls)


def test_list_fields_of_one_many_and_none(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _sample()
    com = _first(tree, "Com")
    for _ in range(5):  # many
        com.addnext(copy.deepcopy(com))
    text = _first(tree, "VrTkst")
    text.getparent().remove(text)  # none
    data = _bytes(tree)
    root, cls, valid = _checked(data)
    assert valid
    bound = _compiled(root, cls)
    assert bound is not _NOT_BOUND
    assert _shape(bound) == _generic_shape(root, cls)
    assert len(bound.wrkgvr[0].com) >= 6
    _same_both_ways(data, monkeypatch)


def test_children_out_of_order_duplicated_or_unknown_are_left_to_the_binder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    changes: list[Callable[[etree._ElementTree], None]] = [
        lambda t: _first(t, "BrCd").addprevious(_first(t, "VnrBrCd")),  # swapped
        lambda t: _first(t, "Berrefnr").addnext(copy.deepcopy(_first(t, "Berrefnr"))),
        lambda t: _first(t, "Com").addprevious(copy.deepcopy(_first(t, "HndlsnmOrg"))),
        lambda t: _first(t, "BrAlg").append(etree.Element(_first(t, "BrCd").tag + "X")),
        lambda t: _first(t, "BrCd").append(copy.deepcopy(_first(t, "VnrBrCd"))),
        lambda t: _first(t, "BrAlg").remove(_first(t, "BrCd")),  # a required one missing
    ]
    for change in changes:
        tree = _sample()
        change(tree)
        _left_to_the_binder(tree)
        _same_both_ways(_bytes(tree), monkeypatch)


_DATES = [
    "2024-03-02", " 2024-03-02", "2024-03-02\n", "2024-03-02Z", "2024-03-02+01:00",
    "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-02-30", "2024-13-01",
    "2024-00-01", "2024-04-31", "0001-01-01", "0999-12-31", "1000-01-01", "9999-12-31",
    "0000-01-01", "10000-01-01", "-0001-01-01", "2024-3-2", "2024-03-0\uff12",
    "\uff12024-03-02", "2024/03/02", "", "x", "2024-03-02T00:00:00",
]  # fmt: skip
_TIMES = [
    "09:30:00", "00:00:00", "23:59:59", "24:00:00", "24:00:00Z", "24:00:01", "23:59:60",
    "09:30:00.5", "09:30:00.123456789", "09:30:00.1234567891", "09:30:00Z",
    "09:30:00+01:00", " 09:30:00", "09:30:00 ", "9:30:00", "09:3:00", "25:00:00",
    "09:60:00", "09:30", "0\uff19:30:00", "", "x",
]  # fmt: skip
_NUMBERS = [
    "123456782", "012345678", " 123456782 ", "+123456782", "-1", "0", "1e3", "12.0",
    "\u0661\u0662\u0663", "1_2", "", "x", "99999999999999999999",
]  # fmt: skip


@pytest.mark.parametrize(
    ("where", "texts"),
    [("AandatBr", _DATES), ("AantijdBr", _TIMES), ("SofiNr", _NUMBERS)],
    ids=["date", "time", "citizen-service-number"],
)
def test_odd_values_read_the_same_both_ways(
    where: str, texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in texts:
        tree = _sample()
        _first(tree, where).text = text
        _same_both_ways(_bytes(tree), monkeypatch)
        root = tree.getroot()
        cls = _codec._root_class(*_codec.detect(root))
        binder = _Binder(tolerant=True)
        expected = binder.build(copy.deepcopy(root), cls)
        bound = _compiled(root, cls)
        if binder.odd or binder.unconverted:  # a value to note: the generic binder's
            assert bound is _NOT_BOUND, text
        elif bound is not _NOT_BOUND:
            assert _shape(bound) == _shape(expected), text


def test_the_end_of_the_day_is_noted_as_always() -> None:
    tree = _sample()
    _first(tree, "AantijdBr").text = "24:00:00"
    message = parse(_bytes(tree))
    assert message.document.br_alg.aantijd_br == XmlTime(0, 0, 0, 0, None)
    assert [f.code for f in message.findings] == ["value.end-of-day"]


# --------------------------------------------------------------------------- the tables


_USUAL_YEARS = _usual_forms()["_YEARS"]
_USUAL_MONTH_DAYS = _usual_forms()["_MONTH_DAYS"]
_USUAL_HOURS_MINUTES = _usual_forms()["_HOURS_MINUTES"]
_USUAL_SECONDS = _usual_forms()["_SECONDS"]


def test_the_date_table_reads_what_the_date_leaf_reads() -> None:
    leaf = _date_leaf(_generic((XmlDate,), None))
    years = ["1000", "1900", "1999", "2000", "2023", "2024", "2100", "9999"]
    for year in years:
        for suffix, parts in _USUAL_MONTH_DAYS.items():
            expected = leaf(year + suffix)
            got = tuple.__new__(XmlDate, (_USUAL_YEARS[year], *parts))
            assert type(got) is type(expected) is XmlDate
            assert got == expected
    for year, value in _USUAL_YEARS.items():
        assert leaf(year + "-01-01") == XmlDate(value, 1, 1, None)
    assert "-02-29" not in _USUAL_MONTH_DAYS  # a leap day: the leaf decides
    assert set(_USUAL_YEARS) == {str(y) for y in range(1000, 10000)}


def test_the_time_table_reads_what_the_time_leaf_reads() -> None:
    leaf = _time_leaf(_generic((XmlTime,), None))
    for head, hm in _USUAL_HOURS_MINUTES.items():
        for tail, rest in _USUAL_SECONDS.items():
            expected = leaf(head + tail)
            got = tuple.__new__(XmlTime, hm + rest)
            assert type(got) is type(expected) is XmlTime
            assert got == expected
    assert "24:00" not in _USUAL_HOURS_MINUTES  # the end of the day: noted by the binder
