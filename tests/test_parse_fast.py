"""The checking stage's shortcuts decide as the full road does.

* A reconstructed release's writing face accepts nothing its reading face refuses, so a
  tree the writing face accepts is valid without a second validation.
* The reading-face notes (``release.unconfirmed``), found by tag in libxml2, are those of a
  plain walk over the tree against the content models, in the same order, with the same
  paths, whatever is missing or added.
* The header cross-check's common case (each code where the schema fixes it) and its full
  form agree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from sivi_verzuim import MessageType, Release, _check, _codec, _xsd, parse
from sivi_verzuim._paths import Paths, line_of, localname, text_of
from sivi_verzuim._safexml import Limits, parse_xml
from sivi_verzuim.errors import Finding, Severity, cap_value

REPO = Path(__file__).resolve().parents[1]
RECONSTRUCTED = [r for r in Release if r.reconstructed]
HELD_OUT = sorted((REPO / "tests" / "held_out").glob("*/*.xml"))
SAMPLES = HELD_OUT + [
    p for r in RECONSTRUCTED for p in sorted((REPO / "examples" / r.value).glob("*.xml"))
]


def _tree(path: Path) -> etree._ElementTree:
    return parse_xml(path.read_bytes(), limits=Limits())


def _mutants(tree: etree._ElementTree) -> Iterator[etree._ElementTree]:
    """The tree with one element removed, doubled, or its text changed, for each element."""
    count = sum(1 for _ in tree.getroot().iter(etree.Element))
    for index in range(1, count):
        for how in ("remove", "double", "text"):
            changed = copy.deepcopy(tree)
            el = list(changed.getroot().iter(etree.Element))[index]
            parent = el.getparent()
            assert parent is not None
            if how == "remove":
                parent.remove(el)
            elif how == "double":
                el.addnext(copy.deepcopy(el))
            elif len(el) == 0:
                el.text = "06" if el.text != "06" else "1"
            else:
                continue
            yield changed


def _plain_walk(tree: etree._ElementTree, mt: MessageType, rel: Release) -> list[Finding]:
    """The reading-face notes by a walk over every element against the content models."""
    points = _xsd.splits(mt, rel)
    model = _xsd.content_models(mt, rel)
    paths = Paths()
    out: list[Finding] = []

    def note(point: _xsd.Split, el: etree._Element, message: str, value: str | None) -> None:
        leaf = point.kind == "required"
        out.append(
            Finding(
                code=_check.UNCONFIRMED,
                severity=Severity.INFO,
                message=f"{message} ({point.id}: {point.assumed})",
                path=paths.path(el, leaf_index=True) if leaf else paths.path(el),
                line=line_of(el),
                value=cap_value(value),
                release=rel.value,
                file=None,
            )
        )

    stack: list[tuple[etree._Element, str | None]] = [(tree.getroot(), model.root_type)]
    while stack:
        el, type_name = stack.pop()
        cm = model.types.get(type_name) if type_name is not None else None
        if cm is None:
            continue
        here = points.get(cm.name, {})
        counts: dict[str, int] = {}
        later: list[tuple[etree._Element, str | None]] = []
        for child in el.iterchildren(etree.Element):
            tag = child.tag
            assert isinstance(tag, str)
            if tag not in cm.slots:
                continue
            name = localname(child)
            counts[name] = counts.get(name, 0) + 1
            for point in here.get(name, ()):
                text = text_of(child)
                if point.kind == "absent":
                    note(
                        point,
                        child,
                        f"{name} is accepted on one reading of release {rel.value} only; "
                        f"sivi_verzuim does not write it in {rel.value}",
                        text if len(child) == 0 else None,
                    )
                elif point.kind in ("codes", "pattern") and text is not None:
                    if point.allows(text):
                        continue
                    if point.kind == "codes":
                        what = f"a code on one reading of release {rel.value} only"
                        wrote = "writes " + ", ".join(point.codes)
                    else:
                        what = f"in a form of one reading of release {rel.value} only"
                        wrote = "writes the form " + " ".join(point.pattern)
                    note(
                        point,
                        child,
                        f"{name} {cap_value(text, 40)!r} is {what}; sivi_verzuim {wrote} "
                        f"in {rel.value}",
                        text,
                    )
            later.append((child, cm.child_types.get(tag)))
        for name, points_here in here.items():
            for point in points_here:
                if point.kind == "required" and counts.get(name, 0) < point.min:
                    note(
                        point,
                        el,
                        f"{name} is missing in {localname(el)!r}, as one reading of release "
                        f"{rel.value} allows; sivi_verzuim writes it in {rel.value}",
                        None,
                    )
        stack.extend(reversed(later))
    return out


def test_the_samples_are_there() -> None:
    assert len(HELD_OUT) >= 2
    assert len(SAMPLES) > len(HELD_OUT) + 10


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.name)
def test_notes_are_those_of_a_plain_walk(path: Path) -> None:
    tree = _tree(path)
    mt, rel = _codec.detect(tree.getroot())
    assert rel.reconstructed
    expected = _plain_walk(tree, mt, rel)
    assert expected  # the held-out messages use what only one reading accepts
    assert _check.unconfirmed(tree, mt, rel, None) == expected
    for changed in _mutants(tree):
        assert _check.unconfirmed(changed, mt, rel, None) == _plain_walk(changed, mt, rel)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_writing_face_accepts_nothing_the_reading_face_refuses(path: Path) -> None:
    tree = _tree(path)
    mt, rel = _codec.detect(tree.getroot())
    strict, writing = _xsd.strict_schema(mt, rel), _xsd.writing_schema(mt, rel)
    accepted = 0
    for changed in [tree, *_mutants(tree)]:
        if writing.validate(changed):
            accepted += 1
            assert strict.validate(changed)
    assert accepted or path in HELD_OUT


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.name)
def test_check_decides_as_the_reading_face_first(path: Path) -> None:
    tree = _tree(path)
    mt, rel = _codec.detect(tree.getroot())
    strict = _xsd.strict_schema(mt, rel)
    for changed in [tree, *_mutants(tree)]:
        findings = _check.check(copy.deepcopy(changed), mt, rel, None, detach=False).findings
        if strict.validate(changed):
            notes = _plain_walk(changed, mt, rel)
            assert findings == _check.header_findings(changed.getroot(), mt, rel, notes, None)
        else:
            assert any(f.severity is Severity.ERROR for f in findings)


def test_a_code_split_by_a_comment_is_read_whole() -> None:
    path = REPO / "examples" / "2024" / "Verzuimmeldingen.xml"
    if not path.exists():
        path = sorted((REPO / "examples" / "2024").glob("*.xml"))[0]
    data = path.read_bytes()
    message = parse(data)
    mt, rel = message.message_type, message.release
    code = mt.vnrbrcd(rel)
    assert code is not None
    tree = _tree(path)
    ns = "{" + mt.namespace(rel) + "}"
    el = tree.getroot().find(f"{ns}BrAlg/{ns}VnrBrCd")
    assert el is not None
    # the text before the comment is the expected code, the whole text is another release's
    other = next((mt.vnrbrcd(r) for r in mt.releases if mt.vnrbrcd(r) not in (None, code)), None)
    assert other is not None
    el.text = other[:3]
    el.append(etree.Comment(" split "))
    el[-1].tail = other[3:]
    findings = _check.header_findings(tree.getroot(), mt, rel, [], None)
    assert [f.code for f in findings] == ["header.release-mismatch"]
    assert findings[0].value == other


ALL_MESSAGES = HELD_OUT + sorted((REPO / "examples").glob("20*/*.xml"))


@pytest.mark.parametrize("path", ALL_MESSAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_compiled_mappers_build_what_the_careful_walk_builds(path: Path) -> None:
    from sivi_verzuim import _mapping, to_model

    message = parse(path)
    compiled = _mapping._to_model(message.document, message.message_type)
    assert compiled == _mapping._Reader.read(message)
    assert to_model(message) == compiled
