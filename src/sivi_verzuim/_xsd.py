"""The schemas of every message and release, in the forms the checks need (private).

- :func:`strict_schema`: the release's XSD as shipped, compiled once. For a reconstructed
  release (2017, 2020, 2021) this is its *reading face*: every plausible reading of the
  evidence about SIVI's unpublished schema.
- :func:`writing_schema`: a reconstructed release's *writing face*, what every plausible
  reading accepts (the same schema as :func:`strict_schema` for the other releases), and
  :func:`splits`: the points where the two faces differ, each with the split point that
  explains it (``schemas/README.md``).
- :func:`relaxed_schema`: the same simple types and element names, but every content model
  loosened to "any of the declared children, in any order, any number of times". Validating
  a document against it reports every value problem in the document, wherever it is: the
  strict schema stops looking at a parent's remaining children after the first
  content-model problem in it, and with them at every value below.
- :func:`content_models`: the content model of every complex type as data (which children,
  in which order, how often), for the structural check that reports every content-model
  problem (:mod:`sivi_verzuim._check`).

Our schemas are plain: every complex type is an ``xs:sequence`` of qualified element
declarations (one release has an ``xs:choice`` of two elements inside a sequence), no
attributes, wildcards, groups or anonymous types. A test asserts it stays so.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs
from lxml import etree

from .releases import MessageType, Release

__all__ = [
    "ContentModel",
    "Particle",
    "SchemaModel",
    "Split",
    "codes",
    "content_models",
    "relaxed_schema",
    "schema_tree",
    "splits",
    "strict_schema",
    "unwritten_tags",
    "writing_schema",
]

XS = "http://www.w3.org/2001/XMLSchema"
_XS = "{" + XS + "}"


def _schema_file(
    message_type: MessageType, release: Release, writing: bool = False, suffix: str = ".xsd"
) -> Any:
    root = resources.files("sivi_verzuim") / "schemas"
    if writing:
        root = root / "writing"
    return root / release.value / f"{message_type.title}{suffix}"


def _parse(data: bytes) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.ElementTree(etree.fromstring(data, parser))


@cache
def schema_tree(message_type: MessageType, release: Release) -> etree._ElementTree:
    """The parsed XSD of a message in a release (a reconstructed release's reading face)."""
    return _parse(_schema_file(message_type, release).read_bytes())


@cache
def strict_schema(message_type: MessageType, release: Release) -> etree.XMLSchema:
    """The compiled schema of a message in a release (compiled once, then cached)."""
    return etree.XMLSchema(schema_tree(message_type, release))


@cache
def writing_tree(message_type: MessageType, release: Release) -> etree._ElementTree:
    """The parsed XSD of what the library writes in a release (its writing face)."""
    if not release.reconstructed:
        return schema_tree(message_type, release)
    return _parse(_schema_file(message_type, release, writing=True).read_bytes())


@cache
def writing_schema(message_type: MessageType, release: Release) -> etree.XMLSchema:
    """The compiled writing face of a reconstructed release (else :func:`strict_schema`)."""
    if not release.reconstructed:
        return strict_schema(message_type, release)
    return etree.XMLSchema(writing_tree(message_type, release))


# What could let a schema accept an element it declares nowhere by name, or declare more
# elements than its own file does.
_OPEN = ("any", "include", "import", "redefine", "override")


def _declared_names(tree: etree._ElementTree) -> frozenset[str] | None:
    """The qualified tag of every element a schema declares, anywhere; None when the schema
    could accept others (a wildcard, another schema document, a substitution group)."""
    root = tree.getroot()
    if any(next(root.iter(_XS + name), None) is not None for name in _OPEN):
        return None
    ns = "{" + (root.get("targetNamespace") or "") + "}"
    if root.get("elementFormDefault") != "qualified":
        return None
    names: set[str] = set()
    for el in root.iter(_XS + "element"):
        if el.get("substitutionGroup") is not None or el.get("form") is not None:
            return None
        name = el.get("name")
        if name is not None:
            names.add(ns + name)
    return frozenset(names)


@cache
def unwritten_tags(message_type: MessageType, release: Release) -> tuple[str, ...]:
    """The qualified tags the reading face of a reconstructed release declares and its
    writing face declares nowhere, sorted (empty for a release with one face).

    The writing face accepts no document with any of these elements: it declares each
    element it accepts by name and has no wildcard. (Empty too when a schema could accept
    elements it does not name, so that nothing is concluded from it.)"""
    if not release.reconstructed:
        return ()
    reading = _declared_names(schema_tree(message_type, release))
    writing = _declared_names(writing_tree(message_type, release))
    if reading is None or writing is None:
        return ()
    return tuple(sorted(reading - writing))


@attrs.frozen
class Split:
    """One point where a reconstructed release's writing face is narrower than its reading face.

    Attributes:
        id: the split point (``S3``), described in ``schemas/README.md``.
        assumed: what the reading face assumes, in one line.
        type: the complex type whose child this is.
        element: the child's local name.
        kind: ``absent`` (the writing face leaves the element out), ``required`` (it needs at
            least :attr:`min` of it), ``codes`` (it allows only :attr:`codes`) or
            ``pattern`` (the value must match :attr:`pattern`).
        min: for ``required``.
        codes: for ``codes``, in schema order.
        pattern: for ``pattern``, the XSD pattern(s).
        regex: :attr:`pattern` compiled as Python regular expressions.
        decimal: the value is a decimal (compared with surrounding white space removed).
    """

    id: str
    assumed: str
    type: str
    element: str
    kind: str
    min: int = 0
    codes: tuple[str, ...] = ()
    pattern: tuple[str, ...] = ()
    regex: tuple[re.Pattern[str], ...] = ()
    decimal: bool = False

    def allows(self, text: str) -> bool:
        """Whether a value satisfies this point's writing face (``codes`` and ``pattern``)."""
        value = text.strip() if self.decimal else text
        if self.kind == "codes":
            return value in self.codes
        if self.kind == "pattern":
            return all(r.fullmatch(value) for r in self.regex)
        return True


@cache
def splits(
    message_type: MessageType, release: Release
) -> Mapping[str, Mapping[str, tuple[Split, ...]]]:
    """Complex type -> child element -> its :class:`Split` points (none for a single face)."""
    if not release.reconstructed:
        return {}
    source = _schema_file(message_type, release, writing=True, suffix=".json")
    data = json.loads(source.read_text(encoding="utf-8"))
    assumed: dict[str, str] = data["decisions"]
    out: dict[str, dict[str, tuple[Split, ...]]] = {}
    for entry in data["splits"]:
        patterns = tuple(entry.get("pattern", ()))
        point = Split(
            id=entry["id"],
            assumed=assumed[entry["id"]],
            type=entry["type"],
            element=entry["element"],
            kind=entry["kind"],
            min=int(entry.get("min", 0)),
            codes=tuple(entry.get("codes", ())),
            pattern=patterns,
            regex=tuple(re.compile(p.replace(r"\D", "[^0-9]")) for p in patterns),
            decimal=entry.get("base") == "decimal",
        )
        children = out.setdefault(entry["type"], {})
        children[entry["element"]] = (*children.get(entry["element"], ()), point)
    return out


@cache
def codes(message_type: MessageType, release: Release, element: str) -> frozenset[str]:
    """The codes an element may have in what the library writes in a release (writing face).

    Every element of that name in the message is looked at (their code lists are the same in
    the schemas this library ships); empty when the element has no code list.
    """
    root = writing_tree(message_type, release).getroot()
    simple = {st.get("name", ""): st for st in root.iter(_XS + "simpleType")}
    found: set[str] = set()
    for el in root.iter(_XS + "element"):
        if el.get("name") != element:
            continue
        st = simple.get((el.get("type") or "").partition(":")[2])
        if st is not None:
            found.update(e.get("value", "") for e in st.iter(_XS + "enumeration"))
    return frozenset(found)


@cache
def relaxed_schema(message_type: MessageType, release: Release) -> etree.XMLSchema:
    """The schema with every content model loosened (see the module documentation)."""
    root = copy.deepcopy(schema_tree(message_type, release).getroot())
    for ct in root.iter(_XS + "complexType"):
        seq = ct.find(_XS + "sequence")
        if seq is None:
            continue
        loose = etree.Element(_XS + "choice", minOccurs="0", maxOccurs="unbounded")
        seen: set[str] = set()
        for el in seq.iter(_XS + "element"):
            name = el.get("name", "")
            if name in seen:
                continue
            seen.add(name)
            decl = etree.SubElement(loose, _XS + "element", name=name)
            if el.get("type") is not None:
                decl.set("type", el.get("type", ""))
        ct.replace(seq, loose)
    return etree.XMLSchema(etree.ElementTree(root))


@attrs.frozen
class Particle:
    """One step of a sequence: an element, or a choice of elements.

    Attributes:
        names: the local names that fill this step (one, or the alternatives of a choice).
        min: how often the step must occur.
        max: how often it may occur (None: unbounded).
    """

    names: tuple[str, ...]
    min: int
    max: int | None


@attrs.frozen
class ContentModel:
    """The children a complex type allows.

    Attributes:
        name: the type's name.
        particles: the sequence, in order.
        slots: qualified child tag -> index of its particle.
        child_types: qualified child tag -> the child's complex type, None for a simple one.
        single: qualified tags of children that may occur at most once.
    """

    name: str
    particles: tuple[Particle, ...]
    slots: Mapping[str, int]
    child_types: Mapping[str, str | None]
    single: frozenset[str]


@attrs.frozen
class SchemaModel:
    """The content models of one message in one release.

    Attributes:
        namespace: the target namespace.
        root_tag: the qualified tag of the root element.
        root_type: the root element's complex type.
        types: complex type name -> :class:`ContentModel`.
    """

    namespace: str
    root_tag: str
    root_type: str
    types: Mapping[str, ContentModel]


def _occurs(el: etree._Element, name: str) -> int | None:
    raw = el.get(name, "1")
    return None if raw == "unbounded" else int(raw)


@cache
def content_models(message_type: MessageType, release: Release) -> SchemaModel:
    """The content model of every complex type of a message in a release."""
    root = schema_tree(message_type, release).getroot()
    ns = root.get("targetNamespace", "")
    complex_names = {ct.get("name", "") for ct in root.iter(_XS + "complexType")}

    def local(type_ref: str | None) -> str | None:
        name = (type_ref or "").partition(":")[2] or (type_ref or "")
        return name if name in complex_names else None

    types: dict[str, ContentModel] = {}
    for ct in root.iter(_XS + "complexType"):
        particles: list[Particle] = []
        slots: dict[str, int] = {}
        child_types: dict[str, str | None] = {}
        single: set[str] = set()
        seq = ct.find(_XS + "sequence")
        for item in seq if seq is not None else ():
            if item.tag == _XS + "element":
                members = [item]
                lo, hi = _occurs(item, "minOccurs"), _occurs(item, "maxOccurs")
            elif item.tag == _XS + "choice":
                members = list(item.iter(_XS + "element"))
                lo, hi = _occurs(item, "minOccurs"), _occurs(item, "maxOccurs")
                inner = [_occurs(m, "maxOccurs") for m in members]
                if hi is not None and all(x is not None for x in inner):
                    hi *= max((x for x in inner if x is not None), default=1)
                else:
                    hi = None
            else:
                continue
            index = len(particles)
            particles.append(Particle(tuple(m.get("name", "") for m in members), lo or 0, hi))
            for m in members:
                tag = f"{{{ns}}}{m.get('name', '')}"
                slots.setdefault(tag, index)
                child_types.setdefault(tag, local(m.get("type")))
                if _occurs(m, "maxOccurs") == 1:
                    single.add(tag)
        name = ct.get("name", "")
        types[name] = ContentModel(name, tuple(particles), slots, child_types, frozenset(single))
    top = root.find(_XS + "element")
    assert top is not None
    root_type = local(top.get("type"))
    assert root_type is not None
    return SchemaModel(ns, f"{{{ns}}}{top.get('name', '')}", root_type, types)
