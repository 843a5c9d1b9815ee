"""The schemas of every message and release, in the three forms the checks need (private).

- :func:`strict_schema`: the release's XSD as shipped, compiled once.
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
    "content_models",
    "relaxed_schema",
    "schema_tree",
    "strict_schema",
]

XS = "http://www.w3.org/2001/XMLSchema"
_XS = "{" + XS + "}"


def _schema_file(message_type: MessageType, release: Release) -> Any:
    return resources.files("sivi_verzuim") / "schemas" / release.value / f"{message_type.title}.xsd"


@cache
def schema_tree(message_type: MessageType, release: Release) -> etree._ElementTree:
    """The parsed XSD of a message in a release."""
    data = _schema_file(message_type, release).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.ElementTree(etree.fromstring(data, parser))


@cache
def strict_schema(message_type: MessageType, release: Release) -> etree.XMLSchema:
    """The compiled schema of a message in a release (compiled once, then cached)."""
    return etree.XMLSchema(schema_tree(message_type, release))


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
