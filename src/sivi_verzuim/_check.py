"""The checking stage: every finding of a parsed message, in linear time (private).

::

    tree ─► strict schema ─► valid? ─► header cross-check ─► done (the common case)
                   │ no
                   ▼
            structural pass (one walk): unknown elements, missing / misplaced / surplus
            children, against the content models          ─► kept elements set aside
                   ▼
            relaxed schema on what is left: every value problem, everywhere
                   ▼
            header cross-check ─► findings in document order

libxml2 reports one content-model problem per parent and then stops looking at that
parent's remaining children and everything below them; the two passes together report
every problem, as fixing them one by one would reveal them. The strict schema stays the
judge of validity: the second pass runs only when it found something.

A reconstructed release (2017, 2020, 2021) has two faces: the strict schema is its reading
face (every plausible reading of the evidence), and its writing face accepts only what every
reading accepts. When a message of such a release uses something only the reading face
allows, :func:`unconfirmed` says so, once per use, as an info finding
(``release.unconfirmed``) that names the split point. The writing face accepts nothing the
reading face refuses, so it is tried first: a document it accepts is valid with nothing to
note, after one validation; the reading face and the notes come only for one it refuses.
A document holding an element the writing face declares nowhere is refused by it for sure:
for such a one the writing face is not asked. Other releases have one face and pay nothing
for this.

Elements the bound document cannot hold (unknown ones, and second occurrences of an element
that may occur once) are detached from the tree and returned as :class:`UnknownElement`
records, so a tolerant parse keeps them and :func:`~sivi_verzuim.serialize` writes them
back in place.
"""

from __future__ import annotations

import gc
import operator
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import attrs
from lxml import etree

from ._paths import Paths, line_of, localname, text_of
from ._xsd import (
    ContentModel,
    SchemaModel,
    Split,
    content_models,
    relaxed_schema,
    splits,
    strict_schema,
    unwritten_tags,
    writing_schema,
)
from .errors import MAX_VALUE_CHARS, Finding, Severity, cap_value
from .releases import MessageType, Release

__all__ = [
    "Checked",
    "UnknownElement",
    "check",
    "header_findings",
    "quiet_collector",
    "unconfirmed",
]

_ERROR = Severity.ERROR
UNCONFIRMED = "release.unconfirmed"
VERSION_CODE_UNCONFIRMED = "header.version-code-unconfirmed"


@attrs.frozen
class UnknownElement:
    """An element a tolerant parse kept aside: the bound document has no place for it.

    Either the schema does not declare it there (``xsd.unknown-element``), or it is a
    further occurrence of an element that may occur only once (``xsd.too-many``). Each has
    its finding; :func:`~sivi_verzuim.serialize` writes it back at its place.

    Attributes:
        path: the element's path with positions.
        parent_path: the path of its parent (with a position on every step).
        index: its position among the parent's child elements in the source (0-based).
        line: its line in the source.
        xml: the element serialized as XML (UTF-8), with everything inside it.
    """

    path: str
    parent_path: str
    index: int
    line: int | None
    xml: bytes


class quiet_collector:  # used as a function: ``with quiet_collector():``
    """Pause the cyclic garbage collector while many small acyclic objects are made.

    Findings, paths and bound dataclasses hold no reference cycles; the collector's full
    passes over a growing heap would otherwise make long documents superlinear. (A class,
    not a generator: entered once per parse, it costs less.)
    """

    __slots__ = ("was",)

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            gc.enable()


@attrs.frozen
class Checked:
    """The outcome of :func:`check`: findings, and the elements set aside (tolerant use)."""

    findings: list[Finding]
    kept: list[UnknownElement]


def check(
    tree: etree._ElementTree,
    mt: MessageType,
    rel: Release,
    file: str | None,
    *,
    detach: bool,
    keep: bool = True,
    size: int | None = None,
) -> Checked:
    """Every finding of ``tree`` against the schema of ``(mt, rel)`` and the header rules.

    With ``detach`` the elements a bound document cannot hold are removed from ``tree``
    and, with ``keep``, returned as :class:`UnknownElement` records. Without ``detach``
    the tree is left as it is when it is valid (it may be changed otherwise: callers that
    do not detach throw the tree away). ``size``, the length in bytes of the document the
    tree was parsed from, when known, spares counting the elements of a small document.
    """
    # A reconstructed release's writing face accepts only what its reading face (the strict
    # schema) accepts: a tree the writing face accepts is valid, with nothing to note, and
    # costs one validation. Only a tree it refuses is validated against the reading face.
    strict, writing = _schemas(mt, rel)
    if writing is not None and _unwritten(tree, mt, rel):
        writing = None  # it refuses the tree for sure: not asked
        noting = True
    else:
        noting = writing is not None
    first: list[Any] = []
    # A valid tree has no undeclared element (the schemas have no wildcards): a small tree
    # is validated first, and looked at for undeclared elements only when it is invalid.
    # (an element takes at least four bytes: a document of size bytes has at most size // 4)
    small = size // 4 <= _SMALL_TREE if size is not None else False
    tags: list[str] | None = None
    if not small:  # counted by one look at every element's tag, kept for the look below
        tags = _tags(tree.getroot())
        small = len(tags) <= _SMALL_TREE
    valid: bool | None = None
    if small:
        if writing is not None and writing.validate(tree):
            return Checked(header_findings(tree.getroot(), mt, rel, [], file), [])
        valid = bool(strict.validate(tree))
    if valid or not _undeclared(tree.getroot(), _declared(mt, rel), tags):
        if valid is None:
            if writing is not None and writing.validate(tree):
                return Checked(header_findings(tree.getroot(), mt, rel, [], file), [])
            valid = bool(strict.validate(tree))
        if valid:
            # valid on the reading face only (the writing face refused it): say where
            notes = unconfirmed(tree, mt, rel, file) if noting else []
            return Checked(header_findings(tree.getroot(), mt, rel, notes, file), [])
        # kept for the (never expected) case that the two passes below find nothing
        first = list(strict.error_log)[:1]  # type: ignore[call-overload]
    # else: an element the schema declares nowhere. Invalid for sure, and not worth the
    # strict schema's error log: it names every error by a path that counts preceding
    # siblings, quadratic in a document of many siblings with an unknown element each.
    walk = _Structure(content_models(mt, rel), mt, rel, file, keep=detach and keep)
    walk.run(tree.getroot())
    # before anything is detached, so that paths count the same siblings as the walk's
    notes = unconfirmed(tree, mt, rel, file) if noting else []
    _detach(walk.unknown)
    relaxed = relaxed_schema(mt, rel)
    relaxed.validate(tree)
    log: Iterable[Any] = relaxed.error_log  # type: ignore[assignment]
    findings = walk.findings + _value_findings(tree, log, mt, rel, file)
    if notes:  # a use that is wrong anyway is reported once, as the error
        wrong = {f.path for f in findings}
        findings += [n for n in notes if n.path not in wrong]
    if not any(f.severity is _ERROR for f in findings):
        findings = findings + [
            Finding(
                code="xsd.invalid",
                severity=_ERROR,
                message=_MESSAGE_PREFIX.sub("", e.message),
                line=e.line,
                path=e.path,
                release=rel.value,
                file=file,
            )
            for e in first
        ]
    if detach:
        _detach(walk.surplus)
    findings.sort(key=lambda f: f.line if f.line is not None else 0)
    return Checked(header_findings(tree.getroot(), mt, rel, findings, file), walk.kept)


@cache
def _schemas(mt: MessageType, rel: Release) -> tuple[etree.XMLSchema, etree.XMLSchema | None]:
    """The strict schema (the reading face) and, for a reconstructed release, the writing
    face (None for a release with one face)."""
    return strict_schema(mt, rel), writing_schema(mt, rel) if rel.reconstructed else None


def _unwritten(tree: etree._ElementTree, mt: MessageType, rel: Release) -> bool:
    """True when ``tree`` holds an element the writing face of ``(mt, rel)`` declares
    nowhere (:func:`~._xsd.unwritten_tags`): the writing face refuses it for sure, so it
    is not asked. libxml2 looks for them, without an element object for the others."""
    tags = unwritten_tags(mt, rel)
    return bool(tags) and next(tree.getroot().iter(*tags), None) is not None


# Elements up to which the strict schema's error log is cheap enough to risk before
# looking for undeclared elements: at most some two million steps of libxml2 naming
# preceding siblings, in C.
_SMALL_TREE = 2000
_TAG = operator.attrgetter("tag")


def _tags(root: etree._Element) -> list[str]:
    """The tag of every element under ``root`` (and its own), in document order: one pass
    in C (lxml's iterator, read by ``map``), no Python frame per element."""
    tags: list[str] = list(map(_TAG, root.iter(etree.Element)))
    return tags


def _detach(elements: list[etree._Element]) -> None:
    """Remove ``elements`` (with their subtrees), keeping the text that follows each one.

    One pass over the children of each parent concerned, so that a parent with many
    elements to remove costs no more than its children (appending every tail to the same
    string one by one would be quadratic).
    """
    groups: dict[etree._Element, set[etree._Element]] = {}
    for el in elements:
        parent = el.getparent()
        assert parent is not None
        groups.setdefault(parent, set()).add(el)
    for parent, drop in groups.items():
        anchor: etree._Element | None = None  # the node the kept text now follows
        runs: list[tuple[etree._Element | None, list[str]]] = []
        for node in list(parent):
            if node not in drop:
                anchor = node
                continue
            if node.tail:
                if not runs or runs[-1][0] is not anchor:
                    runs.append((anchor, []))
                runs[-1][1].append(node.tail)
            parent.remove(node)
        for where, texts in runs:
            if where is None:
                parent.text = (parent.text or "") + "".join(texts)
            else:
                where.tail = (where.tail or "") + "".join(texts)


@cache
def _declared(mt: MessageType, rel: Release) -> frozenset[str]:
    """Every qualified element tag the schema declares, anywhere."""
    model = content_models(mt, rel)
    tags = {model.root_tag}
    for cm in model.types.values():
        tags.update(cm.slots)
    return frozenset(tags)


def _undeclared(
    root: etree._Element, declared: frozenset[str], tags: list[str] | None = None
) -> bool:
    """True when an element's tag is declared nowhere in the schema (a cheap first look);
    ``tags``, when given, are those of :func:`_tags`."""
    return not declared.issuperset(_tags(root) if tags is None else tags)


# --------------------------------------------------------------------------- structure


_Todo = tuple[etree._Element, ContentModel | None, bool]  # element, its model, inside a kept one


class _Structure:
    """One walk over the tree against the content models."""

    def __init__(
        self, model: SchemaModel, mt: MessageType, rel: Release, file: str | None, *, keep: bool
    ) -> None:
        self.keeping = keep
        self.model = model
        self.ns = model.namespace
        self.release = rel.value
        self.file = file
        self.paths = Paths()
        self.findings: list[Finding] = []
        self.unknown: list[etree._Element] = []
        self.surplus: list[etree._Element] = []
        self.kept: list[UnknownElement] = []

    def finding(
        self, code: str, message: str, path: str, line: int | None, value: str | None = None
    ) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=_ERROR,
                message=message.replace("{" + self.ns + "}", ""),
                path=path,
                line=line,
                value=cap_value(value),
                release=self.release,
                file=self.file,
            )
        )

    def keep(
        self, el: etree._Element, parent: etree._Element, index: int, *, numbered: bool = False
    ) -> None:
        if not self.keeping:
            return
        self.kept.append(
            UnknownElement(
                path=self.paths.path(el, leaf_index=True if numbered else None),
                parent_path=self.paths.path(parent, leaf_index=True),
                index=index,
                line=line_of(el),
                xml=etree.tostring(el, encoding="UTF-8", xml_declaration=False, with_tail=False),
            )
        )

    def run(self, root: etree._Element) -> None:
        types = self.model.types
        stack: list[_Todo] = [(root, types.get(self.model.root_type), False)]
        while stack:
            el, cm, inside = stack.pop()
            if cm is None:
                self._simple(el, inside)
                continue
            later: list[_Todo] = []
            self._complex(el, cm, inside, later)
            stack.extend(reversed(later))

    def _simple(self, el: etree._Element, inside: bool) -> None:
        for index, child in enumerate(el.iterchildren(etree.Element)):
            self._unknown(child, el, index, f"inside the value of {localname(el)!r}", inside)

    def _unknown(
        self,
        child: etree._Element,
        parent: etree._Element,
        index: int,
        where: str,
        inside: bool,
    ) -> None:
        tag = child.tag
        assert isinstance(tag, str)
        ns = tag[1:].partition("}")[0] if tag.startswith("{") else None
        if ns == self.ns:
            other = ""
        elif ns is None:
            other = f" (in no namespace; the message's elements are in {self.ns!r})"
        else:
            other = f" (namespace {cap_value(ns, 60)!r})"
        self.finding(
            "xsd.unknown-element",
            f"unknown element {cap_value(localname(child), 60)!r}{other} {where}: the schema "
            "does not declare it there",
            self.paths.path(child),
            line_of(child),
        )
        self.unknown.append(child)
        if not inside:  # an element kept whole keeps its unknown children with it
            self.keep(child, parent, index)

    def _complex(
        self,
        el: etree._Element,
        cm: ContentModel,
        inside: bool,
        later: list[_Todo],
    ) -> None:
        slots = cm.slots
        counts = [0] * len(cm.particles)
        seen: dict[str, int] = {}
        highest = -1
        disorder = False
        placed: list[tuple[int, etree._Element]] = []
        types = self.model.types
        for index, child in enumerate(el.iterchildren(etree.Element)):
            tag = child.tag
            assert isinstance(tag, str)
            slot = slots.get(tag)
            if slot is None:
                self._unknown(child, el, index, f"in {localname(el)!r}", inside)
                continue
            counts[slot] += 1
            placed.append((slot, child))
            n = seen.get(tag, 0) + 1
            seen[tag] = n
            particle = cm.particles[slot]
            if particle.max is not None and counts[slot] > particle.max:
                self.finding(
                    "xsd.too-many",
                    f"{localname(child)!r} occurs more often than the {particle.max} time(s) "
                    f"allowed "
                    f"in {localname(el)!r}",
                    self.paths.path(child, leaf_index=True),
                    line_of(child),
                )
            kept = inside
            if n > 1 and tag in cm.single:
                # the bound document has one place for it: set it aside, kept
                self.surplus.append(child)
                if not inside:
                    self.keep(child, el, index, numbered=True)
                kept = True
            if slot < highest:
                disorder = True
            highest = max(highest, slot)
            child_type = cm.child_types[tag]
            later.append((child, types.get(child_type) if child_type else None, kept))
        if disorder:
            self._order(placed)
        for slot, particle in enumerate(cm.particles):
            if counts[slot] < particle.min:
                names = " or ".join(repr(n) for n in particle.names)
                what = "missing required element" if counts[slot] == 0 else "too few of"
                if counts[slot]:
                    what += f" ({counts[slot]} of at least {particle.min})"
                after = next((c for s, c in placed if s > slot), None)
                where = (
                    f"before {localname(after)!r}"
                    if after is not None
                    else f"at the end of {localname(el)!r}"
                )
                self.finding(
                    "xsd.missing",
                    f"{what} {names} {where}",
                    self.paths.path(el, leaf_index=True),
                    line_of(after) if after is not None else line_of(el),
                )

    def _order(self, placed: list[tuple[int, etree._Element]]) -> None:
        """One ``xsd.order`` finding per element out of place: the fewest that explain it.

        The elements of a longest run in schema order stay; every other one is out of
        place (for two swapped elements, the first, as a schema validator reports it).
        """
        keep = _longest_ordered([slot for slot, _ in placed])
        best: list[tuple[int, etree._Element] | None] = []  # greatest kept slot so far
        top: tuple[int, etree._Element] | None = None
        for i, item in enumerate(placed):
            best.append(top)
            if keep[i] and (top is None or item[0] >= top[0]):
                top = item
        low: tuple[int, etree._Element] | None = None  # smallest kept slot after i
        for i in range(len(placed) - 1, -1, -1):
            slot, child = placed[i]
            if keep[i]:
                if low is None or slot <= low[0]:
                    low = placed[i]
                continue
            before = best[i]
            if before is not None and before[0] > slot:
                where = f"it must come before {localname(before[1])!r}"
            elif low is not None and low[0] < slot:
                where = f"it must come after {localname(low[1])!r}"
            else:
                where = "the schema wants another order"
            self.finding(
                "xsd.order",
                f"{localname(child)!r} is out of place: {where}",
                self.paths.path(child),
                line_of(child),
            )


def _longest_ordered(slots: list[int]) -> list[bool]:
    """Marks a longest non-decreasing subsequence of ``slots`` (O(n log n))."""
    tails: list[int] = []  # tails[k]: index ending the best run of length k + 1
    before: list[int] = [-1] * len(slots)
    for i, slot in enumerate(slots):
        lo, hi = 0, len(tails)
        while lo < hi:  # first run whose tail is greater than slot
            mid = (lo + hi) // 2
            if slots[tails[mid]] <= slot:
                lo = mid + 1
            else:
                hi = mid
        before[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    keep = [False] * len(slots)
    i = tails[-1] if tails else -1
    while i >= 0:
        keep[i] = True
        i = before[i]
    return keep


# --------------------------------------------------------------------------- values

_FACET = re.compile(r"\[facet '(\w+)'\]")
_CODES = {
    "length": "xsd.length",
    "minLength": "xsd.min-length",
    "maxLength": "xsd.max-length",
    "pattern": "xsd.pattern",
    "enumeration": "xsd.enumeration",
    "totalDigits": "xsd.total-digits",
    "fractionDigits": "xsd.fraction-digits",
    "minInclusive": "xsd.min-inclusive",
    "maxInclusive": "xsd.max-inclusive",
}
_ATTRIBUTE = re.compile(r"^Element '[^']*', attribute '")
_MESSAGE_PREFIX = re.compile(r"^Element '[^']*'(?:, attribute '[^']*')?: ")


def _value_findings(
    tree: etree._ElementTree,
    log: Iterable[Any],
    mt: MessageType,
    rel: Release,
    file: str | None,
) -> list[Finding]:
    """Findings of the relaxed schema: values, text in element-only content, attributes."""
    root = tree.getroot()
    paths = Paths()
    ns = "{" + mt.namespace(rel) + "}"
    findings: list[Finding] = []
    facet_seen: set[tuple[str, int]] = set()
    for entry in log:
        el = paths.resolve(root, entry.path)
        raw: str = entry.message
        text = _MESSAGE_PREFIX.sub("", raw)
        value: str | None = None
        path = entry.path
        if el is not None:
            path = paths.path(el)
            if next(el.iterchildren(etree.Element), None) is None:
                value = text_of(el)
        facet = _FACET.search(text)
        if facet:
            code = _CODES.get(facet.group(1), "xsd.facet")
            facet_seen.add((path, entry.line))
        elif "is not a valid value of the atomic type" in text:
            if (path, entry.line) in facet_seen and "'xs:" not in text:
                continue  # the facet finding above already explains it
            code = "xsd.type"
        elif _ATTRIBUTE.search(raw):
            code = "xsd.unknown-attribute"
            value = None
        elif "Character content" in text:
            code = "xsd.text-content"
            value = None
        else:
            code = "xsd.invalid"
        if value is not None and len(value) > 100:
            capped = cap_value(value)
            assert capped is not None
            text = text.replace(value, capped)
            value = capped
        findings.append(
            Finding(
                code=code,
                severity=_ERROR,
                message=text.replace(ns, ""),
                path=path,
                line=entry.line,
                value=value,
                release=rel.value,
                file=file,
            )
        )
    return findings


# --------------------------------------------------------------------------- faces


def unconfirmed(
    tree: etree._ElementTree, mt: MessageType, rel: Release, file: str | None
) -> list[Finding]:
    """One ``release.unconfirmed`` (info) per use of what only the reading face allows.

    One walk down the tree against the reading face's content models, through the children
    that have split points or may hold an element that has, each step compiled once per
    message (:func:`_face`). Linear; unknown elements are left to the
    structural check. Empty for a release with one face.
    """
    face = _face(mt, rel)
    if face is None:
        return []
    root_tag, root_path, root_step = face
    root = tree.getroot()
    if root.tag != root_tag:
        return []
    out: list[Finding] = []
    append = out.append
    note = _note
    release = rel.value
    stack: list[tuple[etree._Element, _FaceStep, str]] = [(root, root_step, root_path)]
    pop = stack.pop
    while stack:
        el, (kids, required), full = pop()
        counts: dict[str, int] = {}
        later: list[tuple[etree._Element, _FaceStep, str]] = []
        for child in el:  # all children, picked here: lxml's matcher of several tags costs more
            tag = child.tag
            kid = kids.get(tag)
            if kid is None:
                continue  # nothing to look at, a comment, or an unknown element
            n = counts[tag] = counts.get(tag, 0) + 1
            checks, sub, step = kid
            if not checks:
                pass
            elif not len(child):  # a simple element (the usual case): its path has no [n]
                text = child.text
                for allows, message, tail in checks:
                    if allows is None:  # absent: the use itself is the note
                        value = text
                    elif text is None or allows(text):
                        continue
                    else:  # a code or a form of one reading only
                        value = text
                        shown = text if len(text) <= _SHOWN else cap_value(text, _SHOWN)
                        message = message + repr(shown) + tail
                    if value is not None and len(value) > MAX_VALUE_CHARS:
                        value = cap_value(value)
                    line: Any = child.sourceline  # an int or None (loosely typed by the stubs)
                    append(note(message, full + step, line, value, release, file))
            else:  # children inside: its text around them, its path with [n], no value
                text = text_of(child)
                for allows, message, tail in checks:
                    if allows is None:
                        value = None
                    elif text is None or allows(text):
                        continue
                    else:
                        value = cap_value(text)
                        message = message + repr(cap_value(text, _SHOWN)) + tail
                    line = child.sourceline
                    append(note(message, f"{full}{step}[{n}]", line, value, release, file))
            if sub is not None:
                later.append((child, sub, f"{full}{step}[{n}]"))
        for tag, least, message in required:
            if counts.get(tag, 0) < least:
                line = el.sourceline
                append(note(message, full, line, None, release, file))
        if later:
            later.reverse()
            stack.extend(later)
    return out


_SHOWN = 40  # characters of a value shown in a note's message


_Note = Callable[[str, str, "int | None", "str | None", str, "str | None"], Finding]


def _note_maker() -> _Note:
    """What makes a note: ``(message, path, line, value, release, file)`` to the
    ``release.unconfirmed`` info :class:`Finding` with them.

    attrs initializes a frozen class's fields one by one through a bound ``setattr``; the
    maker sets the slots of a new Finding directly, which costs less. It does so only while
    Finding has exactly the fields it sets, none with a validator, converter or hook, and
    no post-init step (else it calls Finding)."""
    names = ("code", "severity", "message", "path", "line", "value", "release", "file", "field")
    fields = attrs.fields(Finding)
    plain = (
        tuple(f.name for f in fields) == names
        and all(f.validator is None and f.converter is None for f in fields)
        and all(getattr(f, "on_setattr", None) in (None, attrs.setters.NO_OP) for f in fields)
        and not hasattr(Finding, "__attrs_post_init__")
        and not hasattr(Finding, "__attrs_pre_init__")
        and "__dict__" not in dir(Finding)
        and all(name in getattr(Finding, "__slots__", ()) for name in names)
    )
    info = Severity.INFO
    if not plain:

        def made(
            message: str,
            path: str,
            line: int | None,
            value: str | None,
            release: str,
            file: str | None,
        ) -> Finding:
            return Finding(
                code=UNCONFIRMED,
                severity=info,
                message=message,
                path=path,
                line=line,
                value=value,
                release=release,
                file=file,
            )

        return made
    slot = {name: vars(Finding)[name].__set__ for name in names}
    new = object.__new__
    code, severity, message_, path_, line_, value_, release_, file_, field = (
        slot[name] for name in names
    )

    def make(
        message: str,
        path: str,
        line: int | None,
        value: str | None,
        release: str,
        file: str | None,
    ) -> Finding:
        note: Finding = new(Finding)
        code(note, UNCONFIRMED)
        severity(note, info)
        message_(note, message)
        path_(note, path)
        line_(note, line)
        value_(note, value)
        release_(note, release)
        file_(note, file)
        field(note, None)
        return note

    return make


_note = _note_maker()


# A check of one split point on a child: None for an ``absent`` point (the use itself is
# noted), else whether a value is on the writing face; the message of an ``absent`` point,
# or the part of a value's message before the value; the part after it.
_FaceCheck = tuple["Callable[[str], object] | None", str, str]
# What the walk does with a child: its checks, the step of its own type (for an element of
# its name) when the walk goes down into it, and its path step (``/`` and its local name).
_FaceKid = tuple[tuple[_FaceCheck, ...], "_FaceStep | None", str]
# One step of the walk, for one complex type held by an element of one name: what to do
# with each child to look at (by qualified tag), and the type's ``required`` points (tag,
# least number, the whole message).
_FaceStep = tuple[dict[str, _FaceKid], tuple[tuple[str, int, str], ...]]


def _allows(point: Split) -> Callable[[str], object]:
    """:meth:`Split.allows` of a ``codes`` or ``pattern`` point, compiled: a callable whose
    result is true when the value is on the writing face."""
    if point.kind == "codes":
        codes = frozenset(point.codes)
        if point.decimal:
            return lambda text: text.strip() in codes
        return codes.__contains__
    matchers = tuple(r.fullmatch for r in point.regex)
    if len(matchers) == 1:  # the usual case: one pattern, its match object the answer
        (match,) = matchers
        if point.decimal:
            return lambda text: match(text.strip())
        return match
    if point.decimal:
        return lambda text: all(match(text.strip()) for match in matchers)
    return lambda text: all(match(text) for match in matchers)


def _face_check(point: Split, name: str, release: str) -> _FaceCheck:
    """The compiled check, and the fixed parts of its message, of one split point."""
    why = f"({point.id}: {point.assumed})"
    if point.kind == "absent":
        return (
            None,
            f"{name} is accepted on one reading of release {release} only; "
            f"{_LIBRARY} does not write it in {release} {why}",
            "",
        )
    if point.kind == "codes":
        what = f"a code on one reading of release {release} only"
        wrote = "writes " + ", ".join(point.codes)
    else:
        what = f"in a form of one reading of release {release} only"
        wrote = "writes the form " + " ".join(point.pattern)
    return _allows(point), f"{name} ", f" is {what}; {_LIBRARY} {wrote} in {release} {why}"


@cache
def _face(mt: MessageType, rel: Release) -> tuple[str, str, _FaceStep] | None:
    """The walk of :func:`unconfirmed`, compiled once per message: the root's qualified
    tag, its path and its step (None for a release with one face, or none to take).

    Every message text, path step and check that depends on no value and no line is made
    here: a note costs the check of its value and one :class:`Finding`."""
    points = splits(mt, rel)
    if not points:
        return None
    model = content_models(mt, rel)
    types = model.types
    release = rel.value
    ns = "{" + model.namespace + "}"
    # the types the walk goes into: those with split points, and those that may hold one
    wanted = {name for name in points if name in types}
    grown = True
    while grown:
        grown = False
        for type_name, cm in types.items():
            if type_name not in wanted and any(t in wanted for t in cm.child_types.values()):
                wanted.add(type_name)
                grown = True
    if model.root_type not in wanted:
        return None
    kids: dict[str, dict[str, _FaceKid]] = {}
    # a type's required points: tag, least number, the message before and after the local
    # name of the element that holds the type
    required: dict[str, tuple[tuple[str, int, str, str], ...]] = {}
    found: dict[str, dict[str, tuple[str, tuple[_FaceCheck, ...], str | None]]] = {}
    for type_name in sorted(wanted):
        cm = types[type_name]
        here = points.get(type_name, {})
        required[type_name] = tuple(
            (
                ns + name,
                point.min,
                f"{name} is missing in ",
                f", as one reading of release {release} allows; {_LIBRARY} writes it in "
                f"{release} ({point.id}: {point.assumed})",
            )
            for name, points_here in here.items()
            for point in points_here
            if point.kind == "required"
        )
        counted = {tag for tag, _, _, _ in required[type_name]}
        these: dict[str, tuple[str, tuple[_FaceCheck, ...], str | None]] = {}
        for tag in cm.slots:
            name = tag.rpartition("}")[2]
            checks = tuple(
                _face_check(point, name, release)
                for point in here.get(name, ())
                if point.kind in ("absent", "codes", "pattern")
            )
            child_type = cm.child_types.get(tag)
            sub = child_type if child_type in wanted else None
            if checks or sub is not None or tag in counted:
                these[tag] = (name, checks, sub)
        found[type_name] = these
        kids[type_name] = {}
    steps: dict[tuple[str, str], _FaceStep] = {}

    def step(type_name: str, name: str) -> _FaceStep:
        key = (type_name, name)
        if key not in steps:
            steps[key] = (
                kids[type_name],
                tuple(
                    (tag, least, head + repr(name) + tail)
                    for tag, least, head, tail in required[type_name]
                ),
            )
        return steps[key]

    # the steps hold each other (a type may hold itself): the kids are filled in after
    for type_name, these in found.items():
        for tag, (name, checks, sub) in these.items():
            kid_step = step(sub, name) if sub is not None else None
            kids[type_name][tag] = (checks, kid_step, "/" + name)
    root_name = model.root_tag.rpartition("}")[2]
    return model.root_tag, "/" + root_name, step(model.root_type, root_name)


def _first_child(parent: etree._Element, tag: str, usual: int) -> etree._Element | None:
    """The first child of ``parent`` with ``tag`` (what ``find`` gives, without lxml's path
    language), looked for first at the index where it usually is."""
    if len(parent) > usual:
        el = parent[usual]
        if el.tag == tag:
            for i in range(usual):
                if parent[i].tag == tag:
                    break
            else:
                return el
    return next(parent.iterchildren(tag), None)


@cache
def _header_plan(
    mt: MessageType, rel: Release
) -> tuple[str, tuple[tuple[str, str], ...], tuple[str | None, str | None]]:
    """The qualified tags of the header cross-check and the codes it expects (None: open)."""
    ns = "{" + mt.namespace(rel) + "}"
    tags = tuple((tag, ns + tag) for tag in ("BrCd", "VnrBrCd"))
    return ns + "BrAlg", tags, (mt.brcd, mt.vnrbrcd(rel))


def _usual_header(
    root: etree._Element,
    br_tag: str,
    tags: tuple[tuple[str, str], ...],
    expected_codes: tuple[str | None, str | None],
) -> bool:
    """True for the usual header, which needs no finding: BrAlg the root's first child,
    BrCd and VnrBrCd its first two, each code what the schema fixes (or left open), or no
    child at all. False says nothing: the cross-check then looks for itself."""
    if len(root) == 0:
        return True
    first = root[0]
    if first.tag != br_tag or len(first) < 2:
        return False
    brcd, vnrbrcd = first[0], first[1]
    brcd_code, vnrbrcd_code = expected_codes
    return (
        brcd.tag == tags[0][1]
        and vnrbrcd.tag == tags[1][1]
        and (brcd_code is None or (brcd.text == brcd_code and len(brcd) == 0))
        and (vnrbrcd_code is None or (vnrbrcd.text == vnrbrcd_code and len(vnrbrcd) == 0))
    )


_LIBRARY = "sivi_verzuim"
_FIVE_DIGITS = re.compile("[0-9]{5}")


# --------------------------------------------------------------------------- header


def header_findings(
    root: etree._Element,
    message_type: MessageType,
    release: Release,
    findings: list[Finding],
    file: str | None,
) -> list[Finding]:
    """Cross-check BrCd and VnrBrCd against the release named by the namespace."""
    br_tag, tags, expected_codes = _header_plan(message_type, release)
    out = list(findings)
    if _usual_header(root, br_tag, tags, expected_codes):
        return out
    br = _first_child(root, br_tag, 0)
    if br is None:
        return out
    found = [(tag, _first_child(br, qualified, i)) for i, (tag, qualified) in enumerate(tags)]
    for (_, el), code in zip(found, expected_codes, strict=True):
        if not (el is None or code is None or (el.text == code and len(el) == 0)):
            break
    else:
        return out  # the common case: each code what the schema fixes (or left open)
    paths = Paths()
    for tag, el in found:
        text = text_of(el) if el is not None else None
        if el is None or text is None:
            continue
        code = text.strip()
        if tag == "BrCd":
            expected = message_type.brcd
            if expected is None or code == expected:
                continue
            others = [mt.title for mt in MessageType if mt.brcd == code]
            what = f"the BrCd of {', '.join(others)}" if others else "not a known BrCd"
            message = (
                f"root element {message_type.root} is {message_type.title} (BrCd "
                f"{expected}), but BrCd is {cap_value(code)}, {what}"
            )
            rule = "header.message-mismatch"
            severity = _ERROR
        else:
            expected = message_type.vnrbrcd(release)
            if expected is None or code == expected:
                continue
            owners = [r.value for r in message_type.releases if message_type.vnrbrcd(r) == code]
            if release.reconstructed:
                if not _FIVE_DIGITS.fullmatch(text):
                    continue  # the schema's pattern finding says it
                point = next(
                    (p for ps in splits(message_type, release).values() for p in ps.get(tag, ())),
                    None,
                )
                why = f" ({point.id}: {point.assumed})" if point is not None else ""
                also = f", the code of release {', '.join(owners)}," if owners else ""
                message = (
                    f"VnrBrCd {code}{also} is not the code {_LIBRARY} reconstructed for "
                    f"{message_type.title} {release.value} ({expected}){why}; accepted as "
                    f"release {release.value}, which the namespace names; {_LIBRARY} writes "
                    f"{expected}"
                )
                rule = VERSION_CODE_UNCONFIRMED
                severity = Severity.WARNING
            else:
                if not owners:
                    continue  # the schema's enumeration finding says it
                message = (
                    f"namespace says release {release.value} (VnrBrCd {expected}), but VnrBrCd "
                    f"{code} is the code of release {', '.join(owners)}"
                )
                rule = "header.release-mismatch"
                severity = _ERROR
        path = paths.path(el)
        new = Finding(
            code=rule,
            severity=severity,
            message=message,
            path=path,
            line=line_of(el),
            value=cap_value(code),
            release=release.value,
            file=file,
        )
        # the header finding replaces the schema's bare enumeration finding (and the note
        # of the writing face, which says less)
        out = [
            f for f in out if not (f.path == path and f.code in ("xsd.enumeration", UNCONFIRMED))
        ]
        out.append(new)
    return out
