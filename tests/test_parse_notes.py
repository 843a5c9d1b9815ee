"""The reading-face notes (``release.unconfirmed``) of the compiled walk are those of the
earlier implementation, which found the carrying elements by tag in libxml2 and worked out
each one's type and path upwards: the same findings (code, severity, text, line, path,
value), in the same order, on every held-out message, every example of a reconstructed
release, every tree with one element removed, doubled or changed, and generated messages
with reading-face-only values put in.

``check`` without the writing face asked, for a tree holding an element that face declares
nowhere, gives what it gives with the writing face asked, on the same trees; and a note made
by setting a Finding's slots is the Finding its initializer makes.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sivi_verzuim import MessageType, Release, _check, _codec, _xsd, serialize
from sivi_verzuim._paths import line_of, localname, text_of
from sivi_verzuim._safexml import Limits, parse_xml
from sivi_verzuim.errors import Finding, Severity, cap_value
from sivi_verzuim.testing import messages

REPO = Path(__file__).resolve().parents[1]
RECONSTRUCTED = [r for r in Release if r.reconstructed]
SAMPLES = sorted((REPO / "tests" / "held_out").glob("*/*.xml")) + [
    p for r in RECONSTRUCTED for p in sorted((REPO / "examples" / r.value).glob("*.xml"))
]


# ------------------------------------------------------------ the earlier implementation


class _Places:
    """Type and full path of elements, each ancestor worked out once (upwards)."""

    def __init__(self, model: _xsd.SchemaModel) -> None:
        self.model = model
        self.known: dict[etree._Element, tuple[str | None, str]] = {}
        self.position: dict[etree._Element, int] = {}

    def place(self, el: etree._Element) -> tuple[str | None, str]:
        done = self.known.get(el)
        if done is not None:
            return done
        tag = el.tag
        assert isinstance(tag, str)
        parent = el.getparent()
        name = tag.rpartition("}")[2]
        if parent is None:
            model = self.model
            found = (model.root_type if tag == model.root_tag else None, "/" + name)
        else:
            parent_type, parent_full = self.place(parent)
            cm = self.model.types.get(parent_type) if parent_type is not None else None
            child_type = cm.child_types.get(tag) if cm is not None and tag in cm.slots else None
            position = self.position.get(el)
            if position is None:
                for n, sibling in enumerate(parent.iterchildren(tag), 1):
                    self.position[sibling] = n
                position = self.position[el]
            found = (child_type, f"{parent_full}/{name}[{position}]")
        self.known[el] = found
        return found


@cache
def _plans(mt: MessageType, rel: Release) -> tuple[dict[str, tuple], tuple[str, ...]] | None:  # type: ignore[type-arg]
    points = _xsd.splits(mt, rel)
    if not points:
        return None
    model = _xsd.content_models(mt, rel)
    ns = "{" + model.namespace + "}"
    release = rel.value
    plans: dict[str, tuple] = {}  # type: ignore[type-arg]
    for type_name, here in points.items():
        cm = model.types.get(type_name)
        if cm is None:
            continue
        slots = {}
        required = []
        for name, points_here in here.items():
            for point in points_here:
                if point.kind == "required":
                    required.append((ns + name, name, point))
        counted = {tag for tag, _, _ in required}
        for tag in cm.slots:
            name = tag.rpartition("}")[2]
            checked = tuple(
                (
                    point,
                    (
                        f"{name} is accepted on one reading of release {release} only; "
                        f"sivi_verzuim does not write it in {release} ({point.id}: "
                        f"{point.assumed})"
                    )
                    if point.kind == "absent"
                    else "",
                )
                for point in here.get(name, ())
                if point.kind in ("absent", "codes", "pattern")
            )
            if checked or tag in counted:
                slots[tag] = (name, checked)
        plans[type_name] = (slots, tuple(slots), tuple(required))
    carriers = {model.root_tag} if model.root_type in plans else set()
    for cm in model.types.values():
        carriers.update(tag for tag, t in cm.child_types.items() if t in plans)
    if not carriers:
        return None
    return plans, tuple(sorted(carriers))


def _value_note(point: _xsd.Split, name: str, text: str, release: str) -> str:
    if point.kind == "codes":
        what = f"a code on one reading of release {release} only"
        wrote = "writes " + ", ".join(point.codes)
    else:
        what = f"in a form of one reading of release {release} only"
        wrote = "writes the form " + " ".join(point.pattern)
    return (
        f"{name} {cap_value(text, 40)!r} is {what}; sivi_verzuim {wrote} in {release} "
        f"({point.id}: {point.assumed})"
    )


def earlier(tree: etree._ElementTree, mt: MessageType, rel: Release) -> list[Finding]:
    """The notes as the earlier implementation found them."""
    face = _plans(mt, rel)
    if face is None:
        return []
    plans, carriers = face
    places = _Places(_xsd.content_models(mt, rel))
    release = rel.value
    out: list[Finding] = []
    for el in tree.getroot().iter(*carriers):
        type_name, full = places.place(el)
        plan = plans.get(type_name) if type_name is not None else None
        if plan is None:
            continue
        slots, tags, required = plan
        counts: dict[str, int] = {}
        for child in el.iterchildren(*tags):
            tag = child.tag
            assert isinstance(tag, str)
            counts[tag] = n = counts.get(tag, 0) + 1
            name, points = slots[tag]
            for point, fixed in points:
                if point.kind == "absent":
                    message = fixed
                    value = text_of(child) if len(child) == 0 else None
                else:
                    text = text_of(child)
                    if text is None or point.allows(text):
                        continue
                    message = _value_note(point, name, text, release)
                    value = text
                out.append(
                    Finding(
                        code=_check.UNCONFIRMED,
                        severity=Severity.INFO,
                        message=message,
                        path=f"{full}/{name}[{n}]" if len(child) else f"{full}/{name}",
                        line=line_of(child),
                        value=cap_value(value),
                        release=release,
                        file="in.xml",
                    )
                )
        for tag, name, point in required:
            if counts.get(tag, 0) < point.min:
                out.append(
                    Finding(
                        code=_check.UNCONFIRMED,
                        severity=Severity.INFO,
                        message=(
                            f"{name} is missing in {localname(el)!r}, as one reading of release "
                            f"{release} allows; sivi_verzuim writes it in {release} "
                            f"({point.id}: {point.assumed})"
                        ),
                        path=full,
                        line=line_of(el),
                        value=None,
                        release=release,
                        file="in.xml",
                    )
                )
    return out


# ------------------------------------------------------------------------------ the tests


def _same(tree: etree._ElementTree, mt: MessageType, rel: Release) -> list[Finding]:
    notes = _check.unconfirmed(tree, mt, rel, "in.xml")
    assert notes == earlier(tree, mt, rel)
    # equal as attrs classes, and in every field (the severity is the same member)
    for note in notes:
        assert note.severity is Severity.INFO
    return notes


def _mutants(tree: etree._ElementTree) -> Iterator[etree._ElementTree]:
    """The tree with one element removed, doubled, its text changed, or a comment or an
    unknown element put in it, for each element."""
    count = sum(1 for _ in tree.getroot().iter(etree.Element))
    for index in range(1, count):
        for how in ("remove", "double", "text", "comment", "unknown"):
            changed = copy.deepcopy(tree)
            el = list(changed.getroot().iter(etree.Element))[index]
            parent = el.getparent()
            assert parent is not None
            if how == "remove":
                parent.remove(el)
            elif how == "double":
                el.addnext(copy.deepcopy(el))
            elif how == "text":
                if len(el):
                    continue
                el.text = "06" if el.text != "06" else "1"
            elif how == "comment":
                el.insert(0, etree.Comment(" c "))
                el[0].tail = "9"
            else:
                el.addprevious(etree.Element(str(el.tag) + "X"))
            yield changed


def test_the_samples_are_there() -> None:
    assert len(SAMPLES) > 10


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notes_are_those_of_the_earlier_walk(path: Path) -> None:
    tree = parse_xml(path.read_bytes(), limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    assert rel.reconstructed
    notes = _same(tree, mt, rel)
    if "held_out" in path.parts:
        assert notes  # these messages use what only one reading accepts
        for changed in _mutants(tree):
            _same(changed, mt, rel)
    else:  # one mutant of each kind in ten, spread over the tree
        for i, changed in enumerate(_mutants(tree)):
            if i % 10 == hash(path.name) % 10:
                _same(changed, mt, rel)


def test_a_release_with_one_face_has_no_notes() -> None:
    path = sorted((REPO / "examples" / "2024").glob("*.xml"))[0]
    tree = parse_xml(path.read_bytes(), limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    assert _check.unconfirmed(tree, mt, rel, None) == []


def test_a_root_of_another_name_has_no_notes() -> None:
    path = REPO / "tests" / "held_out" / "2020" / "VZ-2020-partial-recovery.xml"
    tree = parse_xml(path.read_bytes(), limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    tree.getroot().tag = "{" + mt.namespace(rel) + "}Other"
    assert _check.unconfirmed(tree, mt, rel, None) == earlier(tree, mt, rel) == []


def _reading_only(mt: MessageType, rel: Release) -> dict[str, list[str]]:
    """Local name -> values to try there (some are only the reading face's codes or forms)."""
    out: dict[str, list[str]] = {}
    for here in _xsd.splits(mt, rel).values():
        for name, points in here.items():
            for point in points:
                if point.kind == "codes":
                    out.setdefault(name, []).extend(["01", "06", "09", "O", " 05 "])
                elif point.kind == "pattern":
                    out.setdefault(name, []).extend(["50", "100.0", "1.5", " 12.00 "])
                elif point.kind == "absent":
                    out.setdefault(name, []).append("x")
    return out


def _pairs() -> list[tuple[MessageType, Release]]:
    return [
        (mt, rel)
        for rel in RECONSTRUCTED
        for mt in MessageType
        if rel in mt.releases and _xsd.splits(mt, rel)
    ]


@pytest.mark.parametrize(("message_type", "release"), _pairs(), ids=str)
def test_notes_of_generated_messages_with_reading_face_values(
    message_type: MessageType, release: Release
) -> None:
    values = _reading_only(message_type, release)
    ns = "{" + message_type.namespace(release) + "}"
    noted: list[int] = []

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, message_type), st.integers(0, 2**32))
    def check(message, seed):  # type: ignore[no-untyped-def]
        rnd = random.Random(seed)
        tree = parse_xml(serialize(message), limits=Limits())
        assert _same(tree, message_type, release) == []  # generated on the writing face
        for el in list(tree.getroot().iter(etree.Element)):
            name = localname(el)
            if name in values and len(el) == 0 and rnd.random() < 0.7:
                el.text = rnd.choice(values[name])
            elif len(el) and el.getparent() is not None and rnd.random() < 0.1:  # doubled
                el.addnext(copy.deepcopy(el))
            elif el.getparent() is not None and rnd.random() < 0.05:
                el.getparent().remove(el)  # type: ignore[union-attr]
        # elements only the reading face has, in elements of the type that may hold them
        model = _xsd.content_models(message_type, release)
        typed = [(tree.getroot(), model.root_type)]
        for el, type_name in typed:  # grows while it is read: every element, top down
            cm = model.types.get(type_name) if type_name is not None else None
            if cm is not None:
                typed.extend(
                    (c, cm.child_types.get(str(c.tag))) for c in el.iterchildren(etree.Element)
                )
        for el, type_name in typed:
            here = _xsd.splits(message_type, release).get(type_name or "", {})
            for name, points in here.items():
                if any(p.kind == "absent" for p in points) and rnd.random() < 0.5:
                    etree.SubElement(el, ns + name).text = "1"
                if any(p.kind == "required" for p in points) and rnd.random() < 0.5:
                    for child in el.findall(ns + name):
                        el.remove(child)
        noted.append(len(_same(tree, message_type, release)))

    check()
    assert any(noted)  # the changes put in what only the reading face allows


# ------------------------------------------- the writing face, not asked when it must refuse


def _same_check(tree: etree._ElementTree, mt: MessageType, rel: Release) -> bool:
    """``check`` gives the same findings and kept elements, and leaves the same tree, with
    the writing face asked every time as without it asked for a tree with an element it
    declares nowhere; True when the writing face was not asked."""
    unwritten = _check._unwritten(tree, mt, rel)
    if unwritten:  # the writing face does refuse it
        assert not _xsd.writing_schema(mt, rel).validate(tree)
    for detach, keep in ((False, True), (True, True), (True, False)):
        fast, slow = copy.deepcopy(tree), copy.deepcopy(tree)
        got = _check.check(fast, mt, rel, "in.xml", detach=detach, keep=keep)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_check, "unwritten_tags", lambda mt, rel: ())
            want = _check.check(slow, mt, rel, "in.xml", detach=detach, keep=keep)
        assert got == want
        for a, b in zip(got.findings, want.findings, strict=True):
            assert a.severity is b.severity
        assert etree.tostring(fast) == etree.tostring(slow)
    return unwritten


def test_unwritten_tags_are_declared_on_the_reading_face_only() -> None:
    found = False
    for rel in RECONSTRUCTED:
        for mt in MessageType:
            if rel not in mt.releases:
                continue
            tags = _xsd.unwritten_tags(mt, rel)
            assert list(tags) == sorted(set(tags))
            assert set(tags) <= _check._declared(mt, rel)
            writing = _xsd.writing_tree(mt, rel).getroot()
            names = {el.get("name") for el in writing.iter("{" + _xsd.XS + "}element")}
            assert not {tag.rpartition("}")[2] for tag in tags} & names
            found = found or bool(tags)
    assert found
    assert _xsd.unwritten_tags(MessageType.VERZUIMMELDINGEN, Release.R2024) == ()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_checks_without_the_writing_face_are_those_with_it(path: Path) -> None:
    tree = parse_xml(path.read_bytes(), limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    skipped = _same_check(tree, mt, rel)
    if path.name == "VZ-2020-partial-recovery.xml":
        assert skipped  # it holds elements only the reading face declares
    for i, changed in enumerate(_mutants(tree)):
        if "held_out" in path.parts or i % 10 == hash(path.name) % 10:
            _same_check(changed, mt, rel)


@pytest.mark.parametrize(("message_type", "release"), _pairs(), ids=str)
def test_checks_of_generated_messages_without_the_writing_face(
    message_type: MessageType, release: Release
) -> None:
    ns = "{" + message_type.namespace(release) + "}"
    unwritten = _xsd.unwritten_tags(message_type, release)
    skipped: list[bool] = []

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, message_type), st.integers(0, 2**32))
    def check(message, seed):  # type: ignore[no-untyped-def]
        rnd = random.Random(seed)
        tree = parse_xml(serialize(message), limits=Limits())
        assert not _same_check(tree, message_type, release)  # generated on the writing face
        for el in list(tree.getroot().iter(etree.Element)):
            if unwritten and len(el) and rnd.random() < 0.2:  # in its place, or not
                etree.SubElement(el, rnd.choice(unwritten)).text = rnd.choice(["1", "x", "0.5"])
            elif el.getparent() is not None and rnd.random() < 0.05:
                el.getparent().remove(el)  # type: ignore[union-attr]
            elif len(el) == 0 and rnd.random() < 0.1:
                el.text = "06"
        if rnd.random() < 0.3:
            etree.SubElement(tree.getroot(), ns + "Onbekend")
        skipped.append(_same_check(tree, message_type, release))

    check()
    if unwritten:
        assert any(skipped)


# ------------------------------------------------------------------- the maker of notes


def test_a_note_is_the_finding_the_initializer_makes() -> None:
    import pickle

    import attrs

    made = _check._note("m", "/A/B", 3, "v", "2020", "in.xml")
    want = Finding(_check.UNCONFIRMED, Severity.INFO, "m", "/A/B", 3, "v", "2020", "in.xml")
    assert made == want and hash(made) == hash(want) and repr(made) == repr(want)
    assert made.severity is Severity.INFO and made.field is None
    assert attrs.asdict(made) == attrs.asdict(want)
    assert pickle.loads(pickle.dumps(made)) == want
    assert attrs.evolve(made, line=4) == attrs.evolve(want, line=4)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.line = 5  # type: ignore[misc]


def test_the_maker_calls_a_finding_class_with_a_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    import attrs

    seen: list[str] = []

    @attrs.frozen
    class Checked:
        code: str = attrs.field(validator=lambda _, __, value: seen.append(value))
        severity: Severity = Severity.INFO
        message: str = ""
        path: str | None = None
        line: int | None = None
        value: str | None = None
        release: str | None = None
        file: str | None = None
        field: str | None = None

    monkeypatch.setattr(_check, "Finding", Checked)
    note = _check._note_maker()("m", "/A", None, None, "2020", None)
    assert isinstance(note, Checked) and seen == [_check.UNCONFIRMED]
    assert note == Checked(_check.UNCONFIRMED, Severity.INFO, "m", "/A", None, None, "2020")


# ------------------------------------------------------------- the header cross-check


def _header_mutants(tree: etree._ElementTree, mt: MessageType, rel: Release) -> Iterator[Any]:
    """The tree, and copies with the header changed: codes wrong, blank, padded or holding
    a child; BrCd and VnrBrCd swapped, missing or doubled; a comment or another element
    before them; BrAlg moved, doubled, emptied or missing."""
    ns = "{" + mt.namespace(rel) + "}"
    yield tree
    root = tree.getroot()
    if next(root.iterchildren(ns + "BrAlg"), None) is None:
        return
    changes = [
        ("text", "BrCd", "99999"),
        ("text", "VnrBrCd", "00001"),
        ("text", "VnrBrCd", " " + (mt.vnrbrcd(rel) or "00001")),
        ("text", "BrCd", ""),
        ("text", "VnrBrCd", None),
        ("child", "BrCd", None),
        ("child", "VnrBrCd", None),
        ("swap", "", None),
        ("remove", "BrCd", None),
        ("remove", "VnrBrCd", None),
        ("double", "BrCd", None),
        ("double", "VnrBrCd", None),
        ("comment", "", None),
        ("other", "", None),
        ("move", "", None),
        ("double-header", "", None),
        ("empty", "", None),
        ("no-header", "", None),
    ]
    for how, name, text in changes:
        changed = copy.deepcopy(tree)
        croot = changed.getroot()
        br = next(croot.iterchildren(ns + "BrAlg"))
        el = next(br.iterchildren(ns + name), None) if name else None
        if name and el is None:
            continue
        if how == "text":
            assert el is not None
            el.text = text
        elif how == "child":
            assert el is not None
            etree.SubElement(el, ns + "X").tail = el.text
        elif how == "swap":
            if len(br) > 1:
                br.insert(0, br[1])
        elif how == "remove":
            assert el is not None
            br.remove(el)
        elif how == "double":
            assert el is not None
            double = copy.deepcopy(el)
            double.text = "00000"
            el.addprevious(double)
        elif how == "comment":
            br.insert(0, etree.Comment(" c "))
        elif how == "other":
            br.insert(0, etree.Element(ns + "Onbekend"))
        elif how == "move":
            croot.append(br)
        elif how == "double-header":
            croot.insert(0, copy.deepcopy(br))
            for code in croot[0]:
                code.text = "00000"
        elif how == "empty":
            for child in list(br):
                br.remove(child)
        else:
            croot.remove(br)
        yield changed


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "examples").glob("20*/*.xml"))
    + sorted((REPO / "tests" / "held_out").glob("*/*.xml")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_the_header_cross_check_is_the_same_without_its_shortcut(path: Path) -> None:
    """The usual header is recognised at a glance (:func:`_check._usual_header`); the
    cross-check gives what it gives when it looks for BrAlg, BrCd and VnrBrCd itself."""
    tree = parse_xml(path.read_bytes(), limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    note = Finding(_check.UNCONFIRMED, Severity.INFO, "m", "/x", 1, None, rel.value, "in.xml")
    usual = _check._usual_header
    shortcuts: list[bool] = []

    def counted(*args: Any) -> bool:
        shortcuts.append(usual(*args))
        return shortcuts[-1]

    for changed in _header_mutants(tree, mt, rel):
        root = changed.getroot()
        for before in ([], [note]):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_check, "_usual_header", counted)
                got = _check.header_findings(root, mt, rel, before, "in.xml")
                patch.setattr(_check, "_usual_header", lambda *args: False)
                want = _check.header_findings(root, mt, rel, before, "in.xml")
            assert got == want
            assert [f.severity for f in got] == [f.severity for f in want]
            assert got is not before  # a list of its own
    if "held_out" not in path.parts:
        assert shortcuts[0]  # an example's own header is the usual one
    assert not all(shortcuts)


# ------------------------------------------------- large trees: undeclared elements first


def _large(tree: etree._ElementTree, copies: int) -> etree._ElementTree:
    """The tree with its largest element that occurs more than once under its parent, or
    else its largest element, repeated to ``copies`` copies."""
    els = [el for el in tree.getroot().iter(etree.Element) if el.getparent() is not None]
    el = max(els, key=lambda e: sum(1 for _ in e.iter()))
    big = copy.deepcopy(tree)
    target = list(big.getroot().iter(etree.Element))[els.index(el) + 1]
    for _ in range(copies - 1):
        target.addnext(copy.deepcopy(target))
    return big


@pytest.mark.parametrize(
    "path",
    [
        REPO / "examples" / "2021" / "Verzuimmeldingen.xml",
        REPO / "examples" / "2024" / "Verzuimmeldingen.xml",
        REPO / "examples" / "2025" / "Dienstverbanden.xml",
        REPO / "tests" / "held_out" / "2020" / "VZ-2020-partial-recovery.xml",
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_a_large_tree_is_checked_as_a_small_one(path: Path) -> None:
    """Over the size where undeclared elements are looked for before the schema is asked,
    ``check`` finds what it finds when the schema is asked first."""
    tree = parse_xml(path.read_bytes(), limits=Limits())
    mt, rel = _codec.detect(tree.getroot())
    ns = "{" + mt.namespace(rel) + "}"
    count = sum(1 for _ in tree.getroot().iter(etree.Element))
    base = _large(tree, 2 + 2 * _check._SMALL_TREE // count)
    assert sum(1 for _ in base.getroot().iter(etree.Element)) > _check._SMALL_TREE
    trees = [base]
    for how in ("unknown", "foreign", "remove", "text"):
        changed = copy.deepcopy(base)
        els = list(changed.getroot().iter(etree.Element))
        for el in els[len(els) // 3 :: max(1, len(els) // 7)]:
            parent = el.getparent()
            if parent is None:
                continue
            if how == "unknown":
                el.addnext(etree.Element(ns + "Onbekend"))
            elif how == "foreign":
                etree.SubElement(el, "{urn:x}Vreemd").text = "1"
            elif how == "remove":
                parent.remove(el)
            elif len(el) == 0:
                el.text = "06"
        trees.append(changed)
    for big in trees:
        for detach, keep in ((False, True), (True, True), (True, False)):
            fast, slow = copy.deepcopy(big), copy.deepcopy(big)
            got = _check.check(fast, mt, rel, "in.xml", detach=detach, keep=keep)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_check, "_SMALL_TREE", 10**9)
                want = _check.check(slow, mt, rel, "in.xml", detach=detach, keep=keep)
            assert got == want
            assert [f.severity for f in got.findings] == [f.severity for f in want.findings]
            assert etree.tostring(fast) == etree.tostring(slow)
            # with the size given, as parse gives it
            size = len(etree.tostring(big))
            again = _check.check(
                copy.deepcopy(big), mt, rel, "in.xml", detach=detach, keep=keep, size=size
            )
            assert again == got
    assert _check._tags(base.getroot()) == [el.tag for el in base.getroot().iter(etree.Element)]
