"""The compiled mappers of ``to_model`` give what the careful walk gives, for every input.

The careful walk (``_Reader``) builds each model object through its validating ``__init__``
and names every problem; the compiled mappers build the same objects without running the
validators again. Here both are run on the same messages: every shipped example, the held-out
messages, the inbox, generated messages of every release and type, and documents changed by
hand value by value. The results must be the same: equal objects of the same types all the
way down, the same findings, the same ConversionError texts.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_compare import same
from xsdata.models.datatype import XmlDate, XmlTime

from sivi_verzuim import ConversionError, Message, MessageType, _mapping, parse, to_model
from sivi_verzuim.model._behaviour import bsn_eleven_check
from sivi_verzuim.model._temporal import OffsetDate, PreciseTime
from sivi_verzuim.releases import binding_class
from sivi_verzuim.testing import messages

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("20*/*.xml"))
HELD_OUT = sorted((REPO / "tests" / "held_out").glob("*/*.xml"))
INBOX = sorted((REPO / "examples" / "inbox").glob("*/*.xml"))
PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


def _outcome(call: Any, message: object) -> tuple[str, object]:
    """("model", the model) or ("error", (its text, its findings))."""
    try:
        return "model", call(message)
    except ConversionError as exc:
        return "error", (str(exc), exc.findings)


def _careful(message: object) -> object:
    return _mapping._Reader.read(message)


def _assert_same_outcome(message: object) -> None:
    compiled = _outcome(to_model, message)
    careful = _outcome(_careful, message)
    assert compiled[0] == careful[0], (compiled, careful)
    if compiled[0] == "model":
        same(compiled[1], careful[1])
    else:
        assert compiled[1] == careful[1]


@pytest.fixture
def no_careful_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the careful walk fail: what follows must take the compiled path."""

    def refuse(message: object) -> object:
        raise AssertionError("the careful walk was taken")

    monkeypatch.setattr(_mapping._Reader, "read", staticmethod(refuse))


def _failing_bsn(number: int) -> int:
    """A number one digit away from ``number``: its last digit changed, so it fails the
    11-check (the last digit weighs -1)."""
    return number + 1 if number % 10 < 9 else number - 1


def _check_digit(first_eight: int) -> int:
    """The last digit that makes ``first_eight`` digits pass the 11-check (a digit 10 or 11
    cannot be: then 0, which fails)."""
    digits = f"{first_eight % 10**8:08d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    return total % 11 if total % 11 < 10 else 0


def _objects(obj: Any) -> Iterator[Any]:
    """Every binding object of a document, depth first."""
    yield obj
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item) and not isinstance(item, type):
                yield from _objects(item)


# ------------------------------------------------------------------ shipped and kept files


@pytest.mark.parametrize("path", EXAMPLES + HELD_OUT + INBOX, ids=lambda p: p.name)
def test_every_file_takes_the_compiled_path_to_the_careful_walks_model(path: Path) -> None:
    message = parse(path)
    reference = _careful(message)
    model = to_model(message)
    same(model, reference)
    assert model.findings == reference.findings  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", EXAMPLES + HELD_OUT + INBOX, ids=lambda p: p.name)
def test_no_file_needs_the_careful_walk(path: Path, no_careful_walk: None) -> None:
    to_model(parse(path))


def test_the_inbox_has_numbers_failing_the_eleven_check() -> None:
    """What the lax mappers are for: a warning, the same as the careful walk's."""
    warned = [to_model(parse(p)).findings for p in INBOX]
    codes = {f.code for findings in warned for f in findings}
    assert codes == {"model.bsn-check"}


# ------------------------------------------------------------------- generated messages


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=str)
def test_generated_messages_of_every_release_and_type(mt: MessageType, release: Any) -> None:
    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, mt))
    def check(message: Message) -> None:
        _assert_same_outcome(message)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_mapping._Reader, "read", staticmethod(_refuse))
            to_model(message)  # a valid generated message never needs the careful walk

    check()


def _refuse(message: object) -> object:
    raise AssertionError("the careful walk was taken")


def _refuse_writing(*args: object) -> object:
    raise AssertionError("the careful writer was taken")


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=str)
def test_numbers_failing_the_eleven_check_in_generated_messages(
    mt: MessageType, release: Any
) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, mt))
    def check(message: Message) -> None:
        holders = [o for o in _objects(message.document) if getattr(o, "sofi_nr", None)]
        for holder in holders[::2]:  # every other number fails
            holder.sofi_nr = _failing_bsn(holder.sofi_nr)
        _assert_same_outcome(message)
        if holders:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_mapping._Reader, "read", staticmethod(_refuse))
                findings = to_model(message).findings
            assert [f.code for f in findings] == ["model.bsn-check"] * len(holders[::2])

    check()


# ------------------------------------------------------------- documents changed by hand


def _junk(value: Any) -> list[Any]:
    """Values of other kinds, or out of range, for a leaf that holds ``value``."""
    out: list[Any] = ["junk", 42, None, 1.5, [], True]
    if isinstance(value, XmlDate):
        out += [
            XmlDate(2024, 2, 30),
            XmlDate(0, 1, 1),
            XmlDate(2024, 2, 3, 60),
            XmlDate(2024, 2, 3, 15 * 60),
            dt.date(2024, 2, 3),
        ]
    if isinstance(value, XmlTime):
        out += [
            XmlTime(25, 0, 0),
            XmlTime(10, 0, 0, 123456789),
            XmlTime(10, 0, 0, 123456000),
            XmlTime(10, 0, 0, 0, -120),
            XmlTime(10, 0, 0, 123456000, 90),
            XmlTime(10, 0, 0, 0, 0),
            dt.time(10, 0),
        ]
    if isinstance(value, Decimal | str):
        out += [Decimal("NaN"), "NaN", "1,5", Decimal("-0.0001"), 7]
    if isinstance(value, int) and not isinstance(value, bool):
        out += [-1, 10**12, _failing_bsn(value), str(value)]
    if hasattr(value, "value"):  # a code
        out += [value.value, "ZZ", "J", "N"]
    return out


def _leaf_cases(path: Path) -> Iterator[tuple[str, int, str, Any]]:
    """(file, object index, field, junk value) for the first value of every leaf."""
    message = parse(path)
    seen: set[tuple[type, str]] = set()
    for index, obj in enumerate(_objects(message.document)):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or isinstance(value, list) or dataclasses.is_dataclass(value):
                continue
            if (type(obj), f.name) in seen:
                continue
            seen.add((type(obj), f.name))
            for junk in _junk(value):
                yield path.name, index, f.name, junk


_HAND_CHANGED = [
    REPO / "examples" / "2025" / "VZ-2025-01-ziekmelding.xml",
    REPO / "examples" / "2026" / "WerknemersGegevens.xml",
    REPO / "examples" / "2026" / "Afspraken.xml",
    REPO / "examples" / "2020" / "Dienstverbanden.xml",
]
_CASES = [case for path in _HAND_CHANGED for case in _leaf_cases(path)]
_MESSAGES = {path.name: parse(path) for path in _HAND_CHANGED}


@pytest.mark.parametrize(("file", "index", "field", "junk"), _CASES)
def test_a_value_changed_by_hand_gives_the_careful_walks_answer(
    file: str, index: int, field: str, junk: Any
) -> None:
    message = copy.deepcopy(_MESSAGES[file])
    setattr(list(_objects(message.document))[index], field, junk)
    _assert_same_outcome(message)


@pytest.mark.parametrize("path", _HAND_CHANGED, ids=lambda p: p.name)
def test_lists_changed_by_hand(path: Path) -> None:
    base = parse(path)
    for index, obj in enumerate(_objects(base.document)):
        for f in dataclasses.fields(obj):
            if not isinstance(getattr(obj, f.name), list):
                continue
            for junk in ([], ("tuple",), "text", [None], [42], None):
                message = copy.deepcopy(base)
                setattr(list(_objects(message.document))[index], f.name, junk)
                _assert_same_outcome(message)


def test_an_element_of_another_class_in_a_nested_field() -> None:
    message = copy.deepcopy(_MESSAGES["VZ-2025-01-ziekmelding.xml"])
    employer = message.document.wrkgvr[0]
    employer.wrknmr[0] = employer  # an employer where an employee belongs
    _assert_same_outcome(message)
    message = copy.deepcopy(_MESSAGES["VZ-2025-01-ziekmelding.xml"])
    message.document.br_alg = message.document.wrkgvr[0]
    _assert_same_outcome(message)


def test_a_subclass_of_a_binding_class_is_mapped_by_its_class() -> None:
    message = copy.deepcopy(_MESSAGES["VZ-2025-01-ziekmelding.xml"])
    employee = message.document.wrkgvr[0].wrknmr[0]
    sub = dataclasses.make_dataclass("Sub", [], bases=(type(employee),))
    message.document.wrkgvr[0].wrknmr[0] = sub(
        **{f.name: getattr(employee, f.name) for f in dataclasses.fields(employee)}
    )
    _assert_same_outcome(message)


def test_a_document_that_is_not_the_root_element_is_refused() -> None:
    message = _MESSAGES["VZ-2025-01-ziekmelding.xml"]
    for document in (message.document.wrkgvr[0], message.document.br_alg):
        changed = attrs.evolve(message, document=document)
        _assert_same_outcome(changed)
        with pytest.raises(ConversionError, match="not a Verzuimmeldingen element"):
            to_model(changed)


def test_a_message_types_classes_map_to_its_own_root_model_only() -> None:
    """What lets the compiled path tell a root without loading every message type."""
    from sivi_verzuim.model import MODEL_CLASSES

    roots = _mapping._root_classes()
    for (title, _name), model_cls in MODEL_CLASSES.items():
        if model_cls in _mapping._MESSAGE_MODELS:
            assert roots[model_cls].title == title


def test_a_document_of_another_message_type_is_refused() -> None:
    message = _MESSAGES["WerknemersGegevens.xml"]
    changed = attrs.evolve(message, message_type=MessageType.VERZUIMMELDINGEN)
    _assert_same_outcome(changed)


# ------------------------------------------------------------------------- the compilers


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=str)
def test_every_class_of_every_release_compiles_to_a_mapper_written_out(
    mt: MessageType, release: Any
) -> None:
    """Every class reached from the root is mapped by a function of its own (written out
    field by field, not the loop over a plan), for both the checking and the lax mappers."""
    root = binding_class(mt, release)
    for lax in (False, True):
        _mapping._mapper(mt, root, lax)
        mappers = _mapping._MAPPERS[lax][mt]
        todo, seen = [root], set()
        while todo:
            cls = todo.pop()
            if cls in seen:
                continue
            seen.add(cls)
            assert mappers[cls].__code__.co_filename.startswith("<mapper "), cls
            todo += [bf.type for bf in _mapping._binding_fields(cls) if bf.complex]


def _every_record(obj: Any) -> Iterator[Any]:
    """Every model object of a model, depth first."""
    yield obj
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(item)):
                yield from _every_record(item)


def test_every_model_class_has_a_builder_class() -> None:
    """Each frozen model class can be built by plain assignment on this interpreter; the
    builder class adds no slot and no field of its own."""
    from sivi_verzuim import _tomodel_compiled
    from sivi_verzuim.model import MODEL_CLASSES

    for cls in set(MODEL_CLASSES.values()):
        builder = _tomodel_compiled._builder_class(cls)
        assert builder is not None, cls
        assert builder.__mro__[1] is cls
        assert builder.__basicsize__ == cls.__basicsize__
        assert attrs.fields(builder) == attrs.fields(cls)


@pytest.mark.parametrize("path", EXAMPLES[:12] + HELD_OUT + INBOX[:3], ids=lambda p: p.name)
def test_objects_built_by_assignment_are_the_model_classes_own(path: Path) -> None:
    """What leaves the mapper is of the model class itself: frozen, hashed, copied, pickled,
    evolved and compared as an object made by its ``__init__``."""
    import pickle

    message = parse(path)
    model = to_model(message)
    reference = _careful(message)
    for built, made in zip(_every_record(model), _every_record(reference), strict=True):
        assert type(built) is type(made)
        assert built == made and hash(built) == hash(made)
        assert pickle.loads(pickle.dumps(built)) == made
        assert copy.copy(built) == made and copy.deepcopy(built) == made
        assert attrs.evolve(built) == made
        assert repr(built) == repr(made)
        name = attrs.fields(type(built))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(built, name, None)


@pytest.fixture
def no_builder_classes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Compile every mapper afresh, as on an interpreter where no builder class works."""
    from sivi_verzuim import _tomodel_compiled

    mappers = _tomodel_compiled._MAPPERS
    saved = {lax: {mt: dict(d) for mt, d in by.items()} for lax, by in mappers.items()}
    roots = dict(_tomodel_compiled._ROOTS)
    for by in mappers.values():
        for d in by.values():
            d.clear()
    _tomodel_compiled._ROOTS.clear()
    monkeypatch.setattr(_tomodel_compiled, "_builder_class", lambda cls: None)
    yield
    for lax, by in saved.items():
        for mt, d in by.items():
            mappers[lax][mt].clear()
            mappers[lax][mt].update(d)
    _tomodel_compiled._ROOTS.clear()
    _tomodel_compiled._ROOTS.update(roots)


@pytest.mark.parametrize("path", EXAMPLES[::4] + HELD_OUT + INBOX[:3], ids=lambda p: p.name)
def test_without_builder_classes_the_mappers_give_the_same(
    path: Path, no_builder_classes: None
) -> None:
    """The mappers that set each field through its slot's setter give the same models."""
    message = parse(path)
    root = _mapping._mapper(message.message_type, type(message.document))
    assert "_builder" not in root.__globals__
    model = to_model(message)
    same(model, _careful(message))


def test_the_eleven_check_written_out_is_the_models() -> None:
    """The mapper checks a number's digits by their character codes; the model's check is
    the reference, over numbers that pass, that fail, and that have more digits."""

    @settings(max_examples=300, deadline=None)
    @given(st.integers(0, 10**9 - 1).map(lambda n: n - (n % 10) + _check_digit(n // 10)))
    def check(passing: int) -> None:
        for number in (passing, _failing_bsn(passing), passing * 10 + 7):
            message = copy.deepcopy(_MESSAGES["WerknemersGegevens.xml"])
            holder = next(o for o in _objects(message.document) if getattr(o, "sofi_nr", None))
            holder.sofi_nr = number
            findings = to_model(message).findings
            assert bool(findings) != bsn_eleven_check(f"{number:09d}")

    check()


def test_to_model_loads_no_other_bindings_than_parse() -> None:
    """The first to_model of a message compiles its classes' mappers, and loads nothing of
    the other message types or releases."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from sivi_verzuim import parse, to_model\n"
        f"message = parse({str(EXAMPLES[0])!r})\n"
        "before = {m for m in sys.modules if '_bindings' in m}\n"
        "to_model(message)\n"
        "print(sorted({m for m in sys.modules if '_bindings' in m} - before))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# ----------------------------------------------------------- the compiled writers of from_model


def _careful_only(patch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> object:
        raise _mapping._Bail

    patch.setattr(_mapping, "_fast_write", refuse)


def _written(call: Any) -> tuple[str, object]:
    """("message", (document, findings)) or ("error", (text, findings, losses, defaults))."""
    try:
        out = call()
    except ConversionError as exc:
        return "error", (str(exc), exc.findings, exc.losses, exc.defaults)
    if isinstance(out, Message):
        return "message", (out.message_type, out.release, out.document, out.findings)
    return "result", (out.message.document, out.losses, out.defaults)


def _assert_same_writing(call: Any) -> None:
    compiled = _written(call)
    with pytest.MonkeyPatch.context() as patch:
        _careful_only(patch)
        careful = _written(call)
    assert compiled == careful


@pytest.mark.parametrize("path", EXAMPLES + HELD_OUT + INBOX, ids=lambda p: p.name)
def test_from_model_and_convert_write_what_the_careful_writer_writes(path: Path) -> None:
    from sivi_verzuim import convert, from_model

    message = parse(path)
    model = to_model(message)
    for release in message.message_type.releases:
        _assert_same_writing(lambda: from_model(model, release))  # noqa: B023
        _assert_same_writing(lambda: from_model(model, release, builtin_defaults=False))  # noqa: B023
        _assert_same_writing(lambda: convert(message, release))  # noqa: B023


def test_a_valid_message_of_a_release_without_split_points_takes_the_compiled_writer() -> None:
    from sivi_verzuim import from_model

    for path in EXAMPLES:
        message = parse(path)
        if message.release.reconstructed:
            continue
        model = to_model(message)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_mapping._Writer, "build", _refuse_writing)
            assert from_model(model, message.release).document == message.document


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=str)
def test_generated_models_are_written_as_the_careful_writer_writes(
    mt: MessageType, release: Any
) -> None:
    from sivi_verzuim import from_model

    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, mt))
    def check(message: Message) -> None:
        model = to_model(message)
        for target in mt.releases:
            _assert_same_writing(lambda: from_model(model, target))  # noqa: B023

    check()


def _records(obj: Any) -> Iterator[Any]:
    """Every model record below (and with) ``obj``."""
    yield obj
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(item)):
                yield from _records(item)


def _model_junk(value: Any) -> list[Any]:
    out: list[Any] = ["junk", 42, None, (), ("x",), Decimal("1.234567"), "x" * 300, True]
    if isinstance(value, dt.date):
        out += [
            dt.datetime(2024, 1, 2, 3, 4),
            dt.date(2024, 1, 2),
            OffsetDate(2024, 1, 2, 60),
            OffsetDate(2024, 1, 2, 0),
        ]
    if isinstance(value, dt.time):
        out += [
            dt.time(10, 0, tzinfo=dt.timezone(dt.timedelta(seconds=30))),
            dt.time(10, 0, tzinfo=dt.timezone(dt.timedelta(hours=15))),
            dt.time(10, 0, 0, 5, tzinfo=dt.UTC),
            dt.time(10, 0, tzinfo=dt.timezone(dt.timedelta(minutes=1, microseconds=5))),
            PreciseTime(10, 0, 0, 123456789),
        ]
    if isinstance(value, str) and value.isdigit():
        out += [value[:-1], value + "0", "12345678a", str(_failing_bsn(int(value)))]
    return out


@pytest.mark.parametrize("path", _HAND_CHANGED, ids=lambda p: p.name)
def test_a_model_value_set_by_hand_is_written_as_the_careful_writer_writes(path: Path) -> None:
    from sivi_verzuim import from_model

    message = parse(path)
    base = to_model(message)
    seen: set[tuple[type, str]] = set()
    for index, record in enumerate(_records(base)):
        for f in attrs.fields(type(record)):
            if (type(record), f.name) in seen or f.name == "findings":
                continue
            seen.add((type(record), f.name))
            for junk in _model_junk(getattr(record, f.name)):
                model = copy.deepcopy(base)
                object.__setattr__(list(_records(model))[index], f.name, junk)
                for target in message.message_type.releases[-2:]:
                    _assert_same_writing(lambda: from_model(model, target))  # noqa: B023


@pytest.mark.parametrize("path", _HAND_CHANGED, ids=lambda p: p.name)
def test_text_at_the_bounds_of_its_length_is_written_as_the_careful_writer_writes(
    path: Path,
) -> None:
    """Text one shorter, as long as and one longer than its schema allows (read from a
    document changed by hand: reading does not check lengths, writing does)."""
    from sivi_verzuim import from_model

    base = parse(path)
    tried = 0
    for index, obj in enumerate(_objects(base.document)):
        for bf in _mapping._binding_fields(type(obj)):
            if bf.repeated or not isinstance(getattr(obj, bf.name), str):
                continue
            bounds = [bf.meta.get(k) for k in ("max_length", "min_length", "length")]
            for bound in {int(b) for b in bounds if b is not None}:
                for length in (bound - 1, bound, bound + 1):
                    message = copy.deepcopy(base)
                    setattr(list(_objects(message.document))[index], bf.name, "7" * length)
                    model = to_model(message)
                    _assert_same_writing(lambda: from_model(model, message.release))  # noqa: B023
                    tried += 1
    assert tried
