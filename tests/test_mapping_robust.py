"""to_model, from_model, convert and classification on messages that are not valid.

A tolerant parse (``parse(..., strict=False)``) binds what it can: a value that failed its
conversion stays raw text, a date may have a year Python cannot hold, a required element may be
missing. Documents built by hand can hold anything. Whatever the input, these functions return
or raise one of the library's own exceptions, whose findings name the element and the value and
whose text never shows the value of a personal-data element.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from xsdata.models.datatype import XmlDate, XmlTime

from sivi_verzuim import (
    ClassificationError,
    ConversionError,
    Message,
    MessageType,
    Release,
    classify,
    classify_message,
    convert,
    from_model,
    parse,
    to_model,
)
from sivi_verzuim.errors import Severity, is_personal_path
from sivi_verzuim.model import AbsenceMessage

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("20*/*.xml"))
IDS = [f"{p.parent.name}/{p.name}" for p in EXAMPLES]
MODEL_CODES = {"model.unconvertible", "model.missing"}


# --------------------------------------------------------------------------- helpers


@cache
def _text(path: Path) -> bytes:
    return path.read_bytes()


@cache
def _parsed(path: Path) -> Message:
    return parse(path)


def _fresh(path: Path) -> Message:
    """A strictly parsed example whose document the test may change."""
    message = _parsed(path)
    return attrs.evolve(message, document=copy.deepcopy(message.document))


def _other_release(message: Message) -> Release:
    releases = [r for r in message.message_type.releases if r is not message.release]
    return releases[-1] if releases else message.release


def _localname(el: etree._Element) -> str:
    return etree.QName(el).localname


def _first(root: etree._Element, tag: str) -> etree._Element | None:
    for el in root.iter(etree.Element):
        if _localname(el) == tag and len(el) == 0:
            return el
    return None


def _corrupt(path: Path, changes: dict[str, str | None]) -> Message:
    """The example with the first element of each tag set to a value (None: deleted),
    parsed tolerantly."""
    root = etree.fromstring(_text(path))
    for tag, value in changes.items():
        el = _first(root, tag)
        assert el is not None, f"{tag} not in {path.name}"
        if value is None:
            parent = el.getparent()
            assert parent is not None
            parent.remove(el)
        else:
            el.text = value
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return parse(data, strict=False)


def _leaves(obj: Any) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """(tag, value, metadata) of every simple value in a bound document, in document order."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                yield from _leaves(item)
            elif item is not None:
                yield f.metadata["name"], item, dict(f.metadata)


def _kind(tag: str, value: Any, meta: dict[str, Any]) -> str | None:
    if isinstance(value, XmlDate):
        return "date"
    if isinstance(value, XmlTime):
        return "time"
    if isinstance(value, enum.Enum) and tag not in ("BrCd", "VnrBrCd"):
        return "code"
    if isinstance(value, int) and not isinstance(value, bool):
        return "int"
    if isinstance(value, str) and "fraction_digits" in meta:
        return "decimal"
    return None


#: values that no model field of that kind can hold
BAD_VALUES = {
    "date": ["1984-13-15", "12345-01-01", "-0001-01-01", "0000-01-01"],
    "time": ["25:00:00"],
    "code": ["ZZ"],
    "int": ["1.5"],
    "decimal": ["abc", "NaN"],
}


def _cases() -> list[Any]:
    cases = []
    for path, ident in zip(EXAMPLES, IDS, strict=True):
        if path.name.startswith("VZ-"):
            continue  # Verzuimmeldingen.xml stands for its release
        seen: set[str] = set()
        for tag, value, meta in _leaves(_parsed(path).document):
            kind = _kind(tag, value, meta)
            if kind is None or kind in seen or _first(etree.fromstring(_text(path)), tag) is None:
                continue
            seen.add(kind)
            for bad in BAD_VALUES[kind]:
                cases.append(pytest.param(path, tag, bad, id=f"{ident}-{tag}={bad}"))
    return cases


def _expect_conversion_error(call: Any) -> ConversionError:
    with pytest.raises(ConversionError) as info:
        call()
    return info.value


def _check_findings(exc: ConversionError, root: str, *, personal: bool = True) -> None:
    assert exc.findings, "a ConversionError of to_model names its problems"
    for f in exc.findings:
        assert f.code in MODEL_CODES
        assert f.severity is Severity.ERROR
        assert f.path is not None and f.path.startswith(f"/{root}")
        if personal and f.personal and f.value and len(f.value) >= 4:
            assert f.value not in str(exc), f"personal value of {f.path} in the error text"


# --------------------------------------------------------------------------- tolerant parses


def test_every_release_and_message_type_is_covered() -> None:
    pairs = {(m.message_type, m.release) for m in map(_parsed, EXAMPLES)}
    assert pairs == {(mt, rel) for mt in MessageType for rel in mt.releases}


@pytest.mark.parametrize(("path", "tag", "bad"), _cases())
def test_a_value_the_model_cannot_hold_is_a_conversion_error(
    path: Path, tag: str, bad: str
) -> None:
    message = _corrupt(path, {tag: bad})
    assert not message.valid
    mt = message.message_type
    exc = _expect_conversion_error(lambda: to_model(message))
    _check_findings(exc, mt.root)
    mine = [f for f in exc.findings if f.path is not None and f.path.endswith(f"/{tag}")]
    assert mine, [str(f) for f in exc.findings]
    assert mine[0].code == "model.unconvertible"
    assert mine[0].value == bad
    assert re.fullmatch(rf"/{mt.root}(/\w+\[\d+\])*/{tag}", mine[0].path or "")
    assert mine[0].release == message.release.value
    assert mine[0].message  # the rule
    # convert reads the message through to_model: the same error
    again = _expect_conversion_error(lambda: convert(message, _other_release(message)))
    assert again.findings == exc.findings
    if mt is MessageType.VERZUIMMELDINGEN:
        with pytest.raises(ConversionError):
            classify_message(message)


@pytest.mark.parametrize("bad", ["1984-13-15", "12345-01-01", "-1984-01-01"])
@pytest.mark.parametrize(
    "path",
    [p for p in EXAMPLES if b"<Gebdat>" in _text(p) and not p.name.startswith("VZ-")],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_a_bad_birth_date_is_named_but_not_shown(path: Path, bad: str) -> None:
    year = re.sub(r"^-?0*(\d+)-.*", r"\1", bad)
    message = _corrupt(path, {"Gebdat": bad})
    calls = [lambda: to_model(message), lambda: convert(message, _other_release(message))]
    if message.message_type is MessageType.VERZUIMMELDINGEN:
        calls.append(lambda: classify_message(message))
    for call in calls:
        exc = _expect_conversion_error(call)
        assert bad not in str(exc)
        assert year not in str(exc)  # not even the year
        assert "masked" in str(exc)
        (finding,) = [f for f in exc.findings if f.path and f.path.endswith("/Gebdat")]
        assert finding.value == bad  # the API keeps the value
        assert finding.personal
        assert bad not in str(finding.masked())


def test_a_bad_house_number_is_not_shown_either() -> None:
    path = next(p for p in EXAMPLES if b"<Huisnr>" in _text(p))
    exc = _expect_conversion_error(lambda: to_model(_corrupt(path, {"Huisnr": "98765x"})))
    assert "98765x" not in str(exc)
    assert [f.value for f in exc.findings] == ["98765x"]


def test_every_problem_is_collected() -> None:
    path = REPO / "examples" / "2021" / "VZ-2021-01-ziekmelding.xml"
    message = _corrupt(
        path,
        {"AandatBr": "12345-01-01", "Gebdat": "1984-13-15", "PrcVrzm": "abc", "TestJN": "X"},
    )
    exc = _expect_conversion_error(lambda: to_model(message))
    got = [(f.path, f.value) for f in exc.findings]
    assert got == [
        ("/Verzuimmeldingen/BrAlg[1]/AandatBr", "12345-01-01"),
        ("/Verzuimmeldingen/BrAlg[1]/TestJN", "X"),
        ("/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat", "1984-13-15"),
        ("/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]/PrcVrzm", "abc"),
    ]
    assert "4 problems" in str(exc)
    assert "1984-13-15" not in str(exc)
    assert all(f.file is None or f.file == message.file for f in exc.findings)


@pytest.mark.parametrize(
    ("tag", "where"),
    [
        ("Berrefnr", "/Verzuimmeldingen/BrAlg[1]/Berrefnr"),
        ("VrzmgvlId", "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]/VrzmgvlId"),
        ("Gebdat", "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat"),
    ],
)
def test_a_deleted_required_element_is_missing(tag: str, where: str) -> None:
    path = REPO / "examples" / "2021" / "VZ-2021-01-ziekmelding.xml"
    message = _corrupt(path, {tag: None})
    assert not message.valid
    exc = _expect_conversion_error(lambda: to_model(message))
    assert [(f.code, f.path, f.value) for f in exc.findings] == [("model.missing", where, None)]
    with pytest.raises(ConversionError):
        classify_message(message)


def test_a_tolerant_message_whose_values_fit_the_model_converts() -> None:
    path = REPO / "examples" / "2021" / "VZ-2021-01-ziekmelding.xml"
    message = _corrupt(path, {"Berrefnr": "x" * 600})  # too long for the schema
    assert not message.valid
    model = to_model(message)
    assert model.header.message_reference == "x" * 600
    assert len(classify_message(message)) == 1
    # the value cannot be written, and the element is required: convert says so
    exc = _expect_conversion_error(lambda: convert(message, Release.R2022))
    assert [c.path for c in exc.losses] == ["/Verzuimmeldingen/BrAlg[1]/Berrefnr"]
    assert [c.path for c in exc.defaults if c.value is None] == [
        "/Verzuimmeldingen/BrAlg[1]/Berrefnr"
    ]


# --------------------------------------------------------------------------- built by hand


def _vz(year: str = "2021") -> Message:
    return _fresh(REPO / "examples" / year / f"VZ-{year}-01-ziekmelding.xml")


def _mutation(document: Any) -> Any:
    return document.wrkgvr[0].wrknmr[0].dnstvbnd[0].vrzm[0]


def test_wrong_types_set_by_hand() -> None:
    message = _vz()
    doc = message.document
    _mutation(doc).vrzmgvl_vnr_mld = "abc"  # str in an int field
    doc.br_alg.berrefnr = None  # None in a required field
    doc.wrkgvr[0].wrknmr[0].gslcht_cd = object()  # an object where a code belongs
    doc.wrkgvr[0].wrknmr[0].dnstvbnd[0].ingdat = 20200101  # an int where a date belongs
    exc = _expect_conversion_error(lambda: to_model(message))
    got = {(f.path, f.code, f.value) for f in exc.findings}
    base = "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]"
    assert got == {
        ("/Verzuimmeldingen/BrAlg[1]/Berrefnr", "model.missing", None),
        (f"{base}/GslchtCd", "model.unconvertible", "(object object)"),
        (f"{base}/Dnstvbnd[1]/Ingdat", "model.unconvertible", "20200101"),
        (f"{base}/Dnstvbnd[1]/Vrzm[1]/VrzmgvlVnrMld", "model.unconvertible", "abc"),
    }
    _check_findings(exc, "Verzuimmeldingen")


def test_objects_of_the_wrong_class_set_by_hand() -> None:
    message = _vz()
    doc = message.document
    employer = doc.wrkgvr[0]
    doc.br_alg = employer  # an element of the wrong class
    employer.wrknmr[0].dnstvbnd = "abc"  # text where a list of elements belongs
    employer.wrknmr[0].gebdat = [XmlDate(1984, 3, 15)]  # a list where one value belongs
    exc = _expect_conversion_error(lambda: to_model(message))
    got = {(f.path, f.value) for f in exc.findings}
    base = "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]"
    assert got == {
        ("/Verzuimmeldingen/BrAlg[1]", "(Werkgever object)"),
        (f"{base}/Dnstvbnd", "abc"),
        (f"{base}/Gebdat", "(list of 1 items)"),
    }


def test_dates_and_times_python_cannot_hold_set_by_hand() -> None:
    message = _vz()
    doc = message.document
    doc.br_alg.aandat_br = XmlDate(0, 1, 1)
    doc.br_alg.aantijd_br = XmlTime(24, 0, 0)
    doc.wrkgvr[0].wrknmr[0].gebdat = XmlDate(1984, 2, 30)
    exc = _expect_conversion_error(lambda: to_model(message))
    assert [(f.path, f.value) for f in exc.findings] == [
        ("/Verzuimmeldingen/BrAlg[1]/AandatBr", "0000-01-01"),
        ("/Verzuimmeldingen/BrAlg[1]/AantijdBr", "24:00:00"),
        ("/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat", "1984-02-30"),
    ]
    assert "1984-02-30" not in str(exc)


@pytest.mark.parametrize(
    "document", [None, "text", object(), 42], ids=["none", "text", "object", "int"]
)
def test_a_document_that_is_not_a_message_element(document: Any) -> None:
    message = attrs.evolve(_vz(), document=document)
    exc = _expect_conversion_error(lambda: to_model(message))
    assert [f.path for f in exc.findings] == ["/Verzuimmeldingen"]
    with pytest.raises(ConversionError):
        convert(message, Release.R2022)
    with pytest.raises(ConversionError):
        classify_message(message)


def test_a_document_of_another_message_type() -> None:
    other = _fresh(REPO / "examples" / "2021" / "Afspraken.xml").document
    exc = _expect_conversion_error(lambda: to_model(attrs.evolve(_vz(), document=other)))
    assert exc.findings[0].code == "model.unconvertible"


def test_not_a_message_at_all() -> None:
    for junk in (None, "VZ.xml", _vz().document, attrs.evolve(_vz(), message_type="VZ")):
        with pytest.raises(ConversionError):
            to_model(junk)  # type: ignore[arg-type]


def test_longer_lists_and_both_alternatives_of_a_choice_still_read() -> None:
    message = _vz("2017")
    mutation = _mutation(message.document)
    employer = message.document.wrkgvr[0]
    employer.wrknmr = employer.wrknmr * 3
    module = __import__(type(mutation).__module__, fromlist=["VangnetCode"])
    mutation.vngnt_cd = next(iter(module.VangnetCode))
    mutation.vngnt_jn = next(iter(module.LogischeEenheid))
    model = to_model(message)
    assert len(model.employers[0].employees) == 3
    assert len(classify_message(message)) == 3
    with pytest.raises(ConversionError):
        convert(message, Release.R2021, strict=True)


# --------------------------------------------------------------------------- from_model


def test_from_model_refuses_what_is_not_a_model_root() -> None:
    model = to_model(_vz())
    for junk in (None, "model", model.header, _vz()):
        with pytest.raises(ConversionError, match="not the model of a message"):
            from_model(junk, Release.R2021)
    with pytest.raises(ConversionError, match="must be a Release"):
        from_model(model, "2021")  # type: ignore[arg-type]
    with pytest.raises(ConversionError, match="must be a Release"):
        convert(_vz(), "2021")  # type: ignore[arg-type]
    with pytest.raises(ConversionError, match="defaults"):
        convert(_vz(), Release.R2017, defaults=["GslchtCd=V"])  # type: ignore[arg-type]


def _bypass(obj: Any, name: str, value: Any) -> Any:
    """A copy of a frozen model object with a field set past its validator."""
    out = copy.copy(obj)
    object.__setattr__(out, name, value)
    return out


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("creation_date", "2021-13-01"),
        ("creation_time", 930),
        ("message_reference", None),
        ("test_message", "J"),
        ("message_code", object()),
    ],
)
def test_a_model_with_values_of_the_wrong_kind(field: str, value: Any) -> None:
    model = to_model(_vz())
    broken = attrs.evolve(model, header=_bypass(model.header, field, value))
    for release in (Release.R2021, Release.R2017):
        try:
            message = from_model(broken, release)
        except ConversionError as exc:
            assert "Traceback" not in str(exc)
        else:
            assert isinstance(message, Message)


@pytest.mark.parametrize("junk", ["1984-03-15x", object(), None])
def test_an_element_of_the_wrong_kind_in_a_model(junk: Any) -> None:
    model = to_model(_vz())
    employer = _bypass(model.employers[0], "employees", (junk,))
    broken = attrs.evolve(model, employers=(employer,))
    with pytest.raises(ConversionError, match=r"Wrknmr\[1\] holds a") as info:
        from_model(broken, Release.R2021)
    assert "1984-03-15x" not in str(info.value)
    header = attrs.evolve(model, header=_bypass(model.header, "sender_id", model.employers[0]))
    with pytest.raises(ConversionError, match=r"IdInzndr(\[1\])? holds an Employer, not a simple"):
        from_model(header, Release.R2021)
    wrong = _bypass(model, "header", model.employers[0])
    with pytest.raises(ConversionError, match="BrAlg"):
        from_model(wrong, Release.R2021)


def test_an_unexpected_failure_is_named_by_its_kind_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from sivi_verzuim import _mapping

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("1984-03-15 Jansen")

    message = _vz()
    model = to_model(message)
    monkeypatch.setattr(_mapping, "serialize", boom)
    with pytest.raises(ConversionError, match="unexpected RuntimeError") as info:
        convert(message, Release.R2022)
    assert "1984-03-15" not in str(info.value)
    assert isinstance(info.value.__context__, RuntimeError)  # kept for debugging
    monkeypatch.setattr(_mapping._Writer, "build", boom)
    with pytest.raises(ConversionError, match="unexpected RuntimeError") as info:
        from_model(model, Release.R2021)
    assert "Jansen" not in str(info.value)


# --------------------------------------------------------------------------- classification


def test_classify_refuses_what_is_not_a_mutation() -> None:
    message = _vz()
    for junk in (message, to_model(message), None, "01"):
        with pytest.raises(ClassificationError):
            classify(junk)  # type: ignore[arg-type]
    with pytest.raises(ClassificationError):
        classify_message(message, table="default")  # type: ignore[arg-type]
    with pytest.raises(ClassificationError):
        classify_message(message, mapping={"1": "x"})  # type: ignore[arg-type]


def test_classify_message_of_another_message_type_and_of_junk() -> None:
    with pytest.raises(ClassificationError):
        classify_message(_fresh(REPO / "examples" / "2021" / "Afspraken.xml"))
    with pytest.raises(ClassificationError):
        classify_message(attrs.evolve(_vz(), message_type=None))
    with pytest.raises(ClassificationError):
        classify_message("VZ.xml")  # type: ignore[arg-type]


def test_a_not_a_number_percentage_is_refused() -> None:
    message = _vz()
    _mutation(message.document).prc_vrzm = "NaN"
    exc = _expect_conversion_error(lambda: classify_message(message))
    assert [f.value for f in exc.findings] == ["NaN"]


def test_a_context_built_by_hand_with_junk() -> None:
    model = to_model(_vz())
    mutation = model.employers[0].employees[0].employments[0].absence_mutations[0]
    broken = _bypass(mutation, "first_absence_date", "2021-01-01")
    employment = model.employers[0].employees[0].employments[0]
    with pytest.raises(ClassificationError, match="unexpected AttributeError"):
        classify(broken, employment=employment)
    nan = _bypass(mutation, "absence_percentage", Decimal("NaN"))
    assert classify(nan, employment=employment).classification is not None


# --------------------------------------------------------------------------- Hypothesis


def _slots(obj: Any, where: list[tuple[Any, str, Any]]) -> list[tuple[Any, str, Any]]:
    """Every (object, field name, field) of a bound document, nested ones too."""
    for f in dataclasses.fields(obj):
        where.append((obj, f.name, f))
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                _slots(item, where)
    return where


class _Marker:
    """Stands for a unique text, so a test can tell where a value shows up."""


def _junk() -> st.SearchStrategy[Any]:
    # junk a str or optional field takes (the message still reads into the model) ...
    plausible = st.one_of(
        st.none(),
        st.just(""),
        st.just(_Marker()),
        st.text(max_size=12),
        st.just("same-element-many"),
    )
    # ... and junk no field takes
    simple = st.one_of(
        st.integers(min_value=-(10**12), max_value=10**12),
        st.decimals(allow_nan=True, allow_infinity=True, places=2),
        st.booleans(),
        st.builds(object),
        st.builds(XmlDate, st.integers(-20000, 20000), st.integers(0, 14), st.integers(0, 33)),
        st.builds(XmlTime, st.integers(0, 26), st.integers(0, 61), st.integers(0, 61)),
        st.sampled_from(list(Severity) + list(MessageType)),
    )
    return st.one_of(
        plausible,
        simple,
        st.lists(st.one_of(plausible, simple), max_size=3),
        st.just("other-element"),
    )


def _is_optional(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _is_text(f: dataclasses.Field[Any]) -> bool:
    return "str" in str(f.type).replace(" ", "").split("|")


@st.composite
def _broken_messages(draw: st.DrawFn) -> tuple[Message, dict[str, str]]:
    """A random example with one or two fields set to junk; about half still read."""
    path = draw(st.sampled_from(EXAMPLES))
    message = _fresh(path)
    slots = _slots(message.document, [])
    markers: dict[str, str] = {}
    for n in range(draw(st.integers(1, 2))):
        op = draw(st.sampled_from(["junk", "junk", "drop", "text", "many"]))
        if op == "drop":
            candidates = [s for s in slots if _is_optional(s[2])] or slots
        elif op == "text":
            candidates = [s for s in slots if _is_text(s[2])] or slots
        elif op == "many":
            candidates = [s for s in slots if isinstance(getattr(s[0], s[1]), list)] or slots
        else:
            candidates = slots
        obj, name, _field = draw(st.sampled_from(candidates))
        value = None if op == "drop" else draw(_junk())
        if op == "text":
            value = draw(st.one_of(st.just(_Marker()), st.text(max_size=30)))
        elif op == "many":
            value = "same-element-many"
        if isinstance(value, _Marker):
            value = f"ZQX{n}MARK"
            markers[name] = value
        elif value == "other-element":
            other_doc = _fresh(draw(st.sampled_from(EXAMPLES))).document
            other = draw(st.sampled_from(_slots(other_doc, [])))
            value = getattr(other[0], other[1])
        elif value == "same-element-many":
            current = getattr(obj, name)
            value = (current if isinstance(current, list) else [current]) * 12
        setattr(obj, name, value)
    return message, markers


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_broken_messages())
def test_random_junk_raises_only_library_errors(case: tuple[Message, dict[str, str]]) -> None:
    message, markers = case
    mt = message.message_type
    try:
        to_model(message)
    except ConversionError as exc:
        # random junk may equal text the error shows anyway: the markers check personal data
        _check_findings(exc, mt.root, personal=False)
        text = str(exc)
        for f in exc.findings:
            if f.personal and f.value in markers.values():
                assert f.value not in text
    try:
        convert(message, _other_release(message))
    except ConversionError as exc:
        for f in exc.findings:
            if f.personal and f.value in markers.values() and f.code in MODEL_CODES:
                assert f.value not in str(exc)
    if mt is MessageType.VERZUIMMELDINGEN:
        try:
            result = classify_message(message)
        except (ConversionError, ClassificationError):
            pass
        else:
            assert all(item.classification is not None for item in result)


def test_is_personal_path_is_what_the_tests_rely_on() -> None:
    assert is_personal_path("/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Gebdat")
    assert not is_personal_path("/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]/PrcVrzm")
    assert isinstance(to_model(_vz()), AbsenceMessage)


def test_every_error_is_gathered_in_sivi_verzuim_errors() -> None:
    import importlib

    from sivi_verzuim import errors

    for name, where in errors._GATHERED.items():
        found = getattr(errors, name)
        assert found is getattr(importlib.import_module(where), name)
        assert issubclass(found, errors.SiviError), name
        assert name in errors.__all__
    from sivi_verzuim import classification

    assert classification.MappingError is errors.MappingError
    assert repr(classification.MappingError) == "<class 'sivi_verzuim.errors.MappingError'>"
    with pytest.raises(AttributeError):
        errors.NoSuchError  # noqa: B018


def test_the_former_name_of_a_decision_rule_still_works() -> None:
    from sivi_verzuim import classification

    with pytest.warns(DeprecationWarning, match="DecisionRule"):
        former = classification.Rule
    assert former is classification.DecisionRule
