"""Structural comparison of two XSD files.

:func:`compare_schemas` reads two XML Schema files and reports every difference
between the *instance documents they accept*, independent of how the schemas are
written: named or anonymous complex and simple types, the ``xs:`` or ``xsd:``
prefix, type names, the order of global type definitions, formatting and
annotations make no difference.

Each schema is normalised to a tree keyed by element path
(``/Root/Child/Grandchild``). For every element the tree records its
``minOccurs``/``maxOccurs``, its position among its sibling elements, the
compositors (``sequence``/``choice`` with their own occurrence bounds) it sits in
and, for simple content, the builtin base type and the facets merged along the
restriction chain (the derived facet overriding the base facet, enumerations as a
set, patterns as a list of per-derivation-step alternatives).

Content models are normalised before they are compared: a ``sequence`` inside a
``sequence`` (or a ``choice`` inside a ``choice``) that occurs exactly once is
merged into its parent, and a group holding a single particle is replaced by that
particle when this does not change the accepted documents (``<sequence
minOccurs="0"><element name="A"/></sequence>`` is the same as ``<element
name="A" minOccurs="0"/>``). The order of the alternatives of a ``choice`` is not
significant.

Supported XSD subset: global ``element``, ``complexType`` (named or anonymous,
empty or with one ``sequence``/``choice``; nested groups allowed), local
``element`` with ``type=`` or an inline type and ``minOccurs``/``maxOccurs``,
``simpleType`` with ``restriction`` (base a builtin type, another named simple
type or an inline ``simpleType``) and the facets ``length``, ``minLength``,
``maxLength``, ``pattern``, ``enumeration``, ``totalDigits``, ``fractionDigits``,
``minInclusive``, ``maxInclusive``, ``minExclusive``, ``maxExclusive`` and
``whiteSpace``. ``annotation`` elements and attributes in a foreign namespace are
ignored. Every other construct (attributes, ``extension``, ``group`` and element
references, ``import``/``include``, ``list``/``union``, identity constraints,
``default``/``fixed`` values, ...) raises :class:`SchemaCompareError` naming the
file, the line and the construct: nothing is skipped silently.

Example::

    report = compare_schemas("2022/Verzuimmeldingen.xsd", "2024/Verzuimmeldingen.xsd",
                             ignore_namespace_year=True)
    if not report.equivalent:
        print(report.to_text())
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final, Literal, NoReturn, TypeAlias

import attrs
from lxml import etree

from sivi_verzuim.errors import SiviError

__all__ = [
    "DIFFERENCE_KINDS",
    "ComparisonReport",
    "Difference",
    "DifferenceKind",
    "SchemaCompareError",
    "compare_schemas",
]

XSD_NS: Final = "http://www.w3.org/2001/XMLSchema"
_XSD: Final = "{" + XSD_NS + "}"

DifferenceKind: TypeAlias = Literal[
    "missing-in-a",
    "missing-in-b",
    "order",
    "cardinality",
    "base-type",
    "facet",
    "enumeration",
    "compositor",
    "content",
    "root",
    "namespace",
]

#: Every value :attr:`Difference.kind` can take, in report order.
DIFFERENCE_KINDS: Final[tuple[DifferenceKind, ...]] = (
    "root",
    "namespace",
    "missing-in-a",
    "missing-in-b",
    "content",
    "compositor",
    "order",
    "cardinality",
    "base-type",
    "facet",
    "enumeration",
)
_KIND_RANK: Final = {kind: rank for rank, kind in enumerate(DIFFERENCE_KINDS)}


class SchemaCompareError(SiviError):
    """A schema cannot be compared: unreadable, malformed, invalid or unsupported.

    Attributes:
        file: the schema file the problem is in.
        construct: the offending XSD construct (e.g. ``"xs:attribute"``), when there is one.
        line: line number in the schema file, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        construct: str | None = None,
        line: int | None = None,
    ) -> None:
        self.construct = construct
        self.line = line
        where = f" (line {line})" if line is not None else ""
        super().__init__(f"{message}{where}", file=file)


# shown where users look for errors: ``sivi_verzuim.errors.SchemaCompareError`` (which
# re-exports it, so pickling finds it there)
SchemaCompareError.__module__ = "sivi_verzuim.errors"


# --------------------------------------------------------------------------- results


@attrs.frozen
class Difference:
    """One structural difference between schema A and schema B.

    Attributes:
        kind: what differs, one of :data:`DIFFERENCE_KINDS`.
        path: element path, e.g. ``/Verzuimmeldingen/Wrkgvr/StrAdrNl``; ``/`` for
            schema-wide differences (target namespace, ``elementFormDefault``).
        a: short description of side A (``"-"`` when A has nothing there).
        b: short description of side B (``"-"`` when B has nothing there).
        message: human-readable explanation, naming both sides.
    """

    kind: DifferenceKind = attrs.field(validator=attrs.validators.in_(DIFFERENCE_KINDS))
    path: str
    a: str
    b: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Plain-data form (for JSON)."""
        return {
            "kind": self.kind,
            "path": self.path,
            "a": self.a,
            "b": self.b,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{self.kind:<12} {self.path}: {self.message}"


def _sort_key(diff: Difference) -> tuple[tuple[str, ...], int, str, str]:
    return (tuple(diff.path.split("/")), _KIND_RANK[diff.kind], diff.a, diff.b)


def _as_tuple(differences: Iterable[Difference]) -> tuple[Difference, ...]:
    return tuple(differences)


@attrs.frozen
class ComparisonReport:
    """The outcome of :func:`compare_schemas`.

    Attributes:
        a: path of schema A, as given.
        b: path of schema B, as given.
        differences: every difference found, sorted by path, then kind.
    """

    a: str
    b: str
    differences: tuple[Difference, ...] = attrs.field(converter=_as_tuple)

    @property
    def equivalent(self) -> bool:
        """True when no difference was found (the schemas accept the same documents)."""
        return not self.differences

    def to_dict(self) -> dict[str, object]:
        """Plain, JSON-serialisable form: ``a``, ``b``, ``equivalent``, ``differences``."""
        return {
            "a": self.a,
            "b": self.b,
            "equivalent": self.equivalent,
            "differences": [d.to_dict() for d in sorted(self.differences, key=_sort_key)],
        }

    def to_text(self) -> str:
        """A readable, deterministic report.

        One line per difference (``kind path: message``, sorted by path, then kind)
        and a final summary line.
        """
        diffs = sorted(self.differences, key=_sort_key)
        lines = [str(d) for d in diffs]
        if not diffs:
            lines.append(f"equivalent: no structural differences between A={self.a} and B={self.b}")
        else:
            counts = Counter(d.kind for d in diffs)
            detail = ", ".join(f"{counts[k]} {k}" for k in DIFFERENCE_KINDS if counts[k])
            noun = "difference" if len(diffs) == 1 else "differences"
            lines.append(f"{len(diffs)} {noun} ({detail}) between A={self.a} and B={self.b}")
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- model


@attrs.frozen
class _Simple:
    """Simple content: builtin base type and merged facets."""

    base: str
    facets: tuple[tuple[str, str], ...] = ()
    enumeration: frozenset[str] | None = None
    # AND over derivation steps of OR over the patterns of one step
    patterns: tuple[tuple[str, ...], ...] = ()


@attrs.frozen
class _Complex:
    """Complex content: a normalised content model (``None``: empty content)."""

    model: _Particle | None


@attrs.frozen(eq=False)
class _Elem:
    name: str
    min_occurs: int
    max_occurs: int | None
    content: _Simple | _Complex


@attrs.frozen(eq=False)
class _Group:
    kind: Literal["sequence", "choice"]
    min_occurs: int
    max_occurs: int | None
    particles: tuple[_Particle, ...]


_Particle: TypeAlias = "_Elem | _Group"


@attrs.frozen
class _Level:
    """One compositor an element sits in, with the names of all elements in it."""

    kind: str
    min_occurs: int
    max_occurs: int | None
    members: frozenset[str]


@attrs.frozen(eq=False)
class _Node:
    """One element of the normalised tree."""

    path: str
    name: str
    min_occurs: int
    max_occurs: int | None
    position: int
    chain: tuple[_Level, ...]
    simple: _Simple | None
    children: tuple[str, ...]
    model: _Particle | None


@attrs.frozen(eq=False)
class _Tree:
    file: str
    target_namespace: str | None
    element_form: str
    roots: tuple[str, ...]
    nodes: Mapping[str, _Node]


# --------------------------------------------------------------------------- reading

_BUILTINS: Final = frozenset(
    {
        "anySimpleType",
        "anyAtomicType",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "NMTOKENS",
        "ID",
        "IDREF",
        "IDREFS",
        "ENTITY",
        "ENTITIES",
        "anyURI",
        "QName",
        "NOTATION",
        "boolean",
        "decimal",
        "integer",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "positiveInteger",
        "float",
        "double",
        "duration",
        "dayTimeDuration",
        "yearMonthDuration",
        "dateTime",
        "dateTimeStamp",
        "time",
        "date",
        "gYearMonth",
        "gYear",
        "gMonthDay",
        "gDay",
        "gMonth",
        "hexBinary",
        "base64Binary",
    }
)
_NUMERIC: Final = frozenset(
    {
        "decimal",
        "integer",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "positiveInteger",
    }
)
_INT_FACETS: Final = frozenset(
    {"length", "minLength", "maxLength", "totalDigits", "fractionDigits"}
)
_BOUND_FACETS: Final = frozenset({"minInclusive", "maxInclusive", "minExclusive", "maxExclusive"})
_FACETS: Final = _INT_FACETS | _BOUND_FACETS | {"pattern", "enumeration", "whiteSpace"}
_SUPPORTED_TAGS: Final = frozenset(
    {"schema", "element", "complexType", "simpleType", "sequence", "choice", "restriction"}
    | _FACETS
)

_SCHEMA_ATTRS: Final = frozenset(
    {
        "targetNamespace",
        "elementFormDefault",
        "attributeFormDefault",
        "version",
        "id",
        "blockDefault",
        "finalDefault",
    }
)
_GLOBAL_ELEMENT_ATTRS: Final = frozenset({"name", "type", "id"})
_LOCAL_ELEMENT_ATTRS: Final = frozenset({"name", "type", "minOccurs", "maxOccurs", "id"})
_GROUP_ATTRS: Final = frozenset({"minOccurs", "maxOccurs", "id"})
_FACET_ATTRS: Final = frozenset({"value", "fixed", "id"})


_COUNT: Final = re.compile(r"\+?[0-9]+")


def _line(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _local(node: etree._Element) -> str:
    """Local name of an XSD element (``""`` for anything outside the XSD namespace)."""
    tag = node.tag
    if isinstance(tag, str) and tag.startswith(_XSD):
        return tag[len(_XSD) :]
    return ""


def _canon_decimal(value: str) -> str:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def _whitespace_default(base: str) -> str:
    if base == "string":
        return "preserve"
    if base == "normalizedString":
        return "replace"
    return "collapse"


def _canon_literal(value: str, base: str) -> str:
    """A value literal as the base type sees it (whitespace processing, numbers)."""
    mode = _whitespace_default(base)
    if mode == "replace":
        return re.sub(r"[\t\n\r]", " ", value)
    if mode == "collapse":
        value = " ".join(value.split())
        if base in _NUMERIC:
            return _canon_decimal(value)
    return value


class _Reader:
    """Turns one parsed schema into a :class:`_Tree`."""

    def __init__(self, file: str, schema: etree._Element) -> None:
        self.file = file
        self.schema = schema
        self.tns = schema.get("targetNamespace")
        self.types: dict[str, etree._Element] = {}
        self.cache: dict[str, _Simple | _Complex] = {}
        self.resolving: list[str] = []

    # -- errors

    def error(self, message: str, node: etree._Element, construct: str | None = None) -> NoReturn:
        raise SchemaCompareError(
            message, file=self.file, construct=construct, line=_line(node.sourceline)
        )

    def unsupported(self, construct: str, node: etree._Element, why: str = "") -> NoReturn:
        extra = f": {why}" if why else ""
        self.error(f"unsupported XSD construct {construct}{extra}", node, construct)

    # -- helpers

    def check_vocabulary(self, node: etree._Element) -> None:
        """Refuse every element outside the supported subset, wherever it is."""
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = _local(child)
            if local == "annotation":
                continue
            if not local:
                self.unsupported(f"element {child.tag}", child, "not in the XSD namespace")
            if local not in _SUPPORTED_TAGS:
                self.unsupported(f"xs:{local}", child)
            self.check_vocabulary(child)

    def children(self, node: etree._Element) -> list[etree._Element]:
        return [c for c in node if isinstance(c.tag, str) and _local(c) != "annotation"]

    def check_attrs(self, node: etree._Element, allowed: frozenset[str]) -> None:
        for key in node.attrib:
            name = str(key)
            if name.startswith("{"):
                continue  # foreign attributes never change what a schema accepts
            if name not in allowed:
                local = _local(node)
                self.unsupported(f"xs:{local}/@{name}", node, f"attribute {name!r} on xs:{local}")

    def count(self, node: etree._Element, attr: str, default: str) -> int | None:
        raw = (node.get(attr) or default).strip()
        if attr == "maxOccurs" and raw == "unbounded":
            return None
        if not _COUNT.fullmatch(raw):
            self.error(f"invalid {attr} value {raw!r}", node)
        return int(raw)

    def occurs(self, node: etree._Element) -> tuple[int, int | None]:
        low = self.count(node, "minOccurs", "1")
        high = self.count(node, "maxOccurs", "1")
        assert low is not None
        if high is not None and low > high:
            self.error(f"minOccurs {low} is greater than maxOccurs {high}", node)
        return low, high

    # -- schema

    def read(self) -> _Tree:
        schema = self.schema
        self.check_attrs(schema, _SCHEMA_ATTRS)
        self.check_vocabulary(schema)
        form = (schema.get("elementFormDefault") or "unqualified").strip()
        if form not in ("qualified", "unqualified"):
            self.error(f"invalid elementFormDefault {form!r}", schema)
        globals_: dict[str, etree._Element] = {}
        for child in self.children(schema):
            local = _local(child)
            name = child.get("name")
            if local not in ("element", "complexType", "simpleType"):
                self.unsupported(f"xs:{local}", child, "not allowed at the top level")
            if not name:
                self.error(f"global xs:{local} without a name", child)
            assert name is not None
            table = globals_ if local == "element" else self.types
            if name in table:
                self.error(f"duplicate global definition {name!r}", child)
            table[name] = child
        if not globals_:
            self.error("schema declares no global element", schema)
        for name in self.types:
            self.named_type(name, self.types[name])
        roots = {name: self.element(node, top=True) for name, node in globals_.items()}
        return _Tree(
            file=self.file,
            target_namespace=self.tns,
            element_form=form,
            roots=tuple(sorted(roots)),
            nodes=_flatten(self.file, roots),
        )

    # -- types

    def qname(self, value: str, node: etree._Element) -> tuple[str | None, str]:
        prefix, _, local = value.strip().rpartition(":")
        namespace = node.nsmap.get(prefix or None)
        if prefix and namespace is None:
            self.error(f"undeclared namespace prefix in {value!r}", node)
        return namespace, local

    def type_ref(self, value: str, node: etree._Element) -> _Simple | _Complex:
        namespace, local = self.qname(value, node)
        if namespace == XSD_NS:
            if local in _BUILTINS:
                return _Simple(base=local)
            if local == "anyType":
                self.unsupported("xs:anyType", node)
            self.error(f"unknown builtin type {value!r}", node)
        if namespace != self.tns:
            self.unsupported(
                "xs:import", node, f"type {value!r} is in another namespace ({namespace})"
            )
        definition = self.types.get(local)
        if definition is None:
            self.error(f"unknown type {value!r}", node)
        assert definition is not None
        return self.named_type(local, definition)

    def named_type(self, name: str, node: etree._Element) -> _Simple | _Complex:
        cached = self.cache.get(name)
        if cached is not None:
            return cached
        if name in self.resolving:
            cycle = " -> ".join([*self.resolving[self.resolving.index(name) :], name])
            self.unsupported("recursive type", node, cycle)
        self.resolving.append(name)
        try:
            if _local(node) == "complexType":
                result: _Simple | _Complex = self.complex_type(node, named=True)
            else:
                result = self.simple_type(node, named=True)
        finally:
            self.resolving.pop()
        self.cache[name] = result
        return result

    def complex_type(self, node: etree._Element, *, named: bool) -> _Complex:
        self.check_attrs(node, frozenset({"name", "id", "mixed"} if named else {"id", "mixed"}))
        if (node.get("mixed") or "false").strip() in ("true", "1"):
            self.unsupported("xs:complexType/@mixed", node, "mixed content")
        kids = self.children(node)
        if not kids:
            return _Complex(model=None)
        if len(kids) > 1 or _local(kids[0]) not in ("sequence", "choice"):
            self.error(f"unexpected xs:{_local(kids[-1])} in xs:complexType", kids[-1])
        model = _normalise(self.group(kids[0]))
        if model is not None and model.max_occurs == 0:
            model = None
        return _Complex(model=model)

    def group(self, node: etree._Element) -> _Group:
        self.check_attrs(node, _GROUP_ATTRS)
        low, high = self.occurs(node)
        particles: list[_Particle] = []
        for kid in self.children(node):
            local = _local(kid)
            if local == "element":
                particles.append(self.element(kid, top=False))
            elif local in ("sequence", "choice"):
                particles.append(self.group(kid))
            else:
                self.error(f"unexpected xs:{local} in xs:{_local(node)}", kid)
        kind: Literal["sequence", "choice"] = "choice" if _local(node) == "choice" else "sequence"
        return _Group(kind, low, high, tuple(particles))

    def element(self, node: etree._Element, *, top: bool) -> _Elem:
        self.check_attrs(node, _GLOBAL_ELEMENT_ATTRS if top else _LOCAL_ELEMENT_ATTRS)
        name = (node.get("name") or "").strip()
        if not name:
            self.error("xs:element without a name", node)
        low, high = (1, 1) if top else self.occurs(node)
        kids = self.children(node)
        type_attr = node.get("type")
        content: _Simple | _Complex
        if type_attr is not None:
            if kids:
                self.error(f"element {name!r} has both a type attribute and an inline type", node)
            content = self.type_ref(type_attr, node)
        elif not kids:
            self.unsupported("xs:anyType", node, f"element {name!r} has no type")
        elif len(kids) > 1 or _local(kids[0]) not in ("complexType", "simpleType"):
            self.error(f"unexpected xs:{_local(kids[-1])} in element {name!r}", kids[-1])
        elif _local(kids[0]) == "complexType":
            content = self.complex_type(kids[0], named=False)
        else:
            content = self.simple_type(kids[0], named=False)
        return _Elem(name, low, high, content)

    def simple_type(self, node: etree._Element, *, named: bool) -> _Simple:
        self.check_attrs(node, frozenset({"name", "id", "final"} if named else {"id"}))
        kids = self.children(node)
        if len(kids) != 1 or _local(kids[0]) != "restriction":
            self.error("xs:simpleType must hold exactly one xs:restriction", node)
        return self.restriction(kids[0])

    def restriction(self, node: etree._Element) -> _Simple:
        self.check_attrs(node, frozenset({"base", "id"}))
        kids = self.children(node)
        base_attr = node.get("base")
        inline = kids[0] if kids and _local(kids[0]) == "simpleType" else None
        if (base_attr is None) == (inline is None):
            self.error("xs:restriction needs a base attribute or an inline xs:simpleType", node)
        base: _Simple | _Complex
        if inline is not None:
            base = self.simple_type(inline, named=False)
            kids = kids[1:]
        else:
            assert base_attr is not None
            base = self.type_ref(base_attr, node)
        if isinstance(base, _Complex):
            self.error(f"xs:restriction base {base_attr!r} is a complex type", node)
        assert isinstance(base, _Simple)
        facets: dict[str, str] = {}
        enumeration: set[str] = set()
        patterns: set[str] = set()
        for kid in kids:
            local = _local(kid)
            if local not in _FACETS:
                self.error(f"unexpected xs:{local} in xs:restriction", kid)
            self.check_attrs(kid, _FACET_ATTRS)
            value = kid.get("value")
            if value is None:
                self.error(f"xs:{local} without a value", kid)
            assert value is not None
            if local == "enumeration":
                enumeration.add(_canon_literal(value, base.base))
            elif local == "pattern":
                patterns.add(value)
            elif local in facets:
                self.error(f"facet xs:{local} given twice in one restriction", kid)
            elif local in _INT_FACETS:
                if not _COUNT.fullmatch(value.strip()):
                    self.error(f"invalid xs:{local} value {value!r}", kid)
                facets[local] = str(int(value))
            elif local in _BOUND_FACETS:
                facets[local] = _canon_literal(value, base.base)
            else:
                facets[local] = value.strip()
        merged = dict(base.facets)
        merged.update(facets)
        if merged.get("whiteSpace") == _whitespace_default(base.base):
            del merged["whiteSpace"]
        all_patterns = set(base.patterns)
        if patterns:
            all_patterns.add(tuple(sorted(patterns)))
        return _Simple(
            base=base.base,
            facets=tuple(sorted(merged.items())),
            enumeration=frozenset(enumeration) if enumeration else base.enumeration,
            patterns=tuple(sorted(all_patterns)),
        )


def _normalise(group: _Group) -> _Particle | None:
    """Canonical form of a model group; ``None`` when it only matches nothing at all."""
    items: list[_Particle] = []
    has_empty = False
    for particle in group.particles:
        item = _normalise(particle) if isinstance(particle, _Group) else particle
        if item is None or item.max_occurs == 0:
            has_empty = True
            continue
        if (
            isinstance(item, _Group)
            and item.kind == group.kind
            and (item.min_occurs, item.max_occurs) == (1, 1)
        ):
            items.extend(item.particles)
        else:
            items.append(item)
    low = 0 if group.kind == "choice" and has_empty else group.min_occurs
    if not items:
        if group.kind == "sequence" or has_empty:
            return None
        return attrs.evolve(group, particles=())
    if len(items) == 1:
        only = items[0]
        if (low, group.max_occurs) == (1, 1):
            return only
        if (only.min_occurs, only.max_occurs) == (1, 1):
            return attrs.evolve(only, min_occurs=low, max_occurs=group.max_occurs)
    return _Group(group.kind, low, group.max_occurs, tuple(items))


def _names(particle: _Particle) -> Iterator[str]:
    if isinstance(particle, _Elem):
        yield particle.name
    else:
        for child in particle.particles:
            yield from _names(child)


def _walk(
    particle: _Particle | None, chain: tuple[_Level, ...] = ()
) -> Iterator[tuple[_Elem, tuple[_Level, ...]]]:
    if particle is None:
        return
    if isinstance(particle, _Elem):
        yield particle, chain
        return
    level = _Level(
        particle.kind, particle.min_occurs, particle.max_occurs, frozenset(_names(particle))
    )
    for child in particle.particles:
        yield from _walk(child, (*chain, level))


def _flatten(file: str, roots: Mapping[str, _Elem]) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {}

    def visit(elem: _Elem, path: str, position: int, chain: tuple[_Level, ...]) -> None:
        content = elem.content
        kids = [] if isinstance(content, _Simple) else list(_walk(content.model))
        names = [kid.name for kid, _ in kids]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise SchemaCompareError(
                f"unsupported XSD construct: element(s) {', '.join(twice)} declared more than "
                f"once in the content of {path}",
                file=file,
                construct="repeated element name",
            )
        nodes[path] = _Node(
            path=path,
            name=elem.name,
            min_occurs=elem.min_occurs,
            max_occurs=elem.max_occurs,
            position=position,
            chain=chain,
            simple=content if isinstance(content, _Simple) else None,
            children=tuple(names),
            model=None if isinstance(content, _Simple) else content.model,
        )
        for index, (kid, kid_chain) in enumerate(kids, start=1):
            visit(kid, f"{path}/{kid.name}", index, kid_chain)

    for name in sorted(roots):
        visit(roots[name], "/" + name, 1, ())
    return nodes


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


def _read_schema(file: str) -> _Tree:
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise SchemaCompareError(f"cannot read schema: {exc.strerror or exc}", file=file) from exc
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise SchemaCompareError(
            f"malformed XML: {exc.msg}", file=file, line=_line(exc.lineno)
        ) from exc
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise SchemaCompareError(
            "DOCTYPE declarations are refused in schemas", file=file, construct="DOCTYPE"
        )
    if root.tag != _XSD + "schema":
        raise SchemaCompareError(
            f"not an XML Schema: root element is {root.tag}",
            file=file,
            line=_line(root.sourceline),
        )
    return _Reader(file, root).read()


# --------------------------------------------------------------------------- comparing


def _occ(low: int, high: int | None) -> str:
    return f"{low}..{'unbounded' if high is None else high}"


def _level_text(level: _Level, members: bool) -> str:
    text = level.kind
    if (level.min_occurs, level.max_occurs) != (1, 1):
        text += " " + _occ(level.min_occurs, level.max_occurs)
    if members:
        text += " [" + ", ".join(sorted(level.members)) + "]"
    return text


def _chain_text(chain: tuple[_Level, ...], other: tuple[_Level, ...] | None = None) -> str:
    """The compositors an element sits in, outermost first.

    With ``other`` (a chain of the same shape), the members of every compositor
    whose members differ from ``other``'s are listed too.
    """
    if not chain:
        return "(single particle)"
    return " > ".join(
        _level_text(level, other is not None and level.members != other[index].members)
        for index, level in enumerate(chain)
    )


def _project(chain: tuple[_Level, ...], common: frozenset[str]) -> tuple[_Level, ...]:
    """The compositor chain seen through the element names both schemas share."""
    levels = [attrs.evolve(level, members=level.members & common) for level in chain]
    changed = True
    while changed:
        changed = False
        for index, level in enumerate(levels):
            once = (level.min_occurs, level.max_occurs) == (1, 1)
            inner = levels[index + 1] if index + 1 < len(levels) else None
            single = len(level.members) == 1 if inner is None else inner.members == level.members
            merged = index > 0 and levels[index - 1].kind == level.kind
            if once and (single or merged):
                del levels[index]
                changed = True
                break
    return tuple(levels)


def _canonical_order(particle: _Particle | None, common: frozenset[str]) -> list[str]:
    """Common element names in document order; the alternatives of a choice sorted."""
    if particle is None:
        return []
    if isinstance(particle, _Elem):
        return [particle.name] if particle.name in common else []
    parts = [_canonical_order(child, common) for child in particle.particles]
    parts = [part for part in parts if part]
    if particle.kind == "choice":
        parts.sort(key=min)
    return [name for part in parts for name in part]


def _lcs(a: list[str], b: list[str]) -> set[str]:
    """Names in a longest common subsequence of ``a`` and ``b``."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
            )
    keep: set[str] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            keep.add(a[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep


def _simple_text(simple: _Simple) -> str:
    text = simple.base
    if simple.facets:
        text += " " + " ".join(f"{name}={value}" for name, value in simple.facets)
    if simple.patterns:
        text += " pattern=" + _patterns_text(simple.patterns)
    if simple.enumeration is not None:
        text += f" enumeration({len(simple.enumeration)})"
    return text


def _node_text(node: _Node) -> str:
    occurs = _occ(node.min_occurs, node.max_occurs)
    if node.simple is not None:
        return f"{occurs} {_simple_text(node.simple)}"
    return f"{occurs} complex ({len(node.children)} child elements)"


def _patterns_text(patterns: tuple[tuple[str, ...], ...]) -> str:
    if not patterns:
        return "-"
    return " and ".join(" or ".join(f"'{p}'" for p in step) for step in patterns)


def _values(values: Iterable[str]) -> str:
    return ", ".join(sorted(values)) or "-"


class _Comparer:
    def __init__(self, a: _Tree, b: _Tree) -> None:
        self.a = a
        self.b = b
        self.out: list[Difference] = []

    def add(self, kind: DifferenceKind, path: str, a: str, b: str, message: str) -> None:
        self.out.append(Difference(kind=kind, path=path, a=a, b=b, message=message))

    def namespaces(self, ignore_year: bool) -> None:
        ns_a, ns_b = self.a.target_namespace, self.b.target_namespace
        if _ns_key(ns_a, ignore_year) != _ns_key(ns_b, ignore_year):
            text_a, text_b = ns_a or "(no namespace)", ns_b or "(no namespace)"
            self.add("namespace", "/", text_a, text_b, f"target namespace: A {text_a}, B {text_b}")
        if ns_a is not None and ns_b is not None and self.a.element_form != self.b.element_form:
            form_a, form_b = self.a.element_form, self.b.element_form
            self.add(
                "namespace",
                "/",
                f"elementFormDefault={form_a}",
                f"elementFormDefault={form_b}",
                f"local elements are {form_a} in A, {form_b} in B",
            )

    def run(self, ignore_year: bool) -> list[Difference]:
        self.namespaces(ignore_year)
        roots_a, roots_b = self.a.roots, self.b.roots
        if len(roots_a) == len(roots_b) == 1 and roots_a != roots_b:
            # one root each, renamed: still compare what lies beneath, under A's paths
            name_a, name_b = roots_a[0], roots_b[0]
            self.add(
                "root",
                "/" + name_a,
                name_a,
                name_b,
                f"root element: A {name_a}, B {name_b} (contents compared under A's paths)",
            )
            self.element(self.a.nodes["/" + name_a], self.b.nodes["/" + name_b])
            return self.out
        for name in sorted(set(roots_a) | set(roots_b)):
            path = "/" + name
            if name not in self.b.roots:
                self.add("root", path, name, "-", f"global (root) element {name} only in A")
            elif name not in self.a.roots:
                self.add("root", path, "-", name, f"global (root) element {name} only in B")
            else:
                self.element(self.a.nodes[path], self.b.nodes[path])
        return self.out

    def element(self, a: _Node, b: _Node) -> None:
        path = a.path
        if (a.min_occurs, a.max_occurs) != (b.min_occurs, b.max_occurs):
            occ_a, occ_b = _occ(a.min_occurs, a.max_occurs), _occ(b.min_occurs, b.max_occurs)
            self.add("cardinality", path, occ_a, occ_b, f"occurs {occ_a} in A, {occ_b} in B")
        if a.simple is not None and b.simple is not None:
            self.simple(path, a.simple, b.simple)
        elif a.simple is not None or b.simple is not None:
            text_a, text_b = _node_text(a), _node_text(b)
            self.add(
                "content",
                path,
                text_a,
                text_b,
                f"content differs (descendants not compared): A {text_a}; B {text_b}",
            )
        else:
            self.complex(a, b)

    def complex(self, a: _Node, b: _Node) -> None:
        path = a.path
        common = frozenset(a.children) & frozenset(b.children)
        for name in a.children:
            if name not in common:
                node = self.a.nodes[f"{path}/{name}"]
                where = _chain_text(node.chain)
                self.add(
                    "missing-in-b",
                    node.path,
                    _node_text(node),
                    "-",
                    f"element only in A ({_node_text(node)}; in {where})",
                )
        for name in b.children:
            if name not in common:
                node = self.b.nodes[f"{b.path}/{name}"]
                where = _chain_text(node.chain)
                self.add(
                    "missing-in-a",
                    f"{path}/{name}",
                    "-",
                    _node_text(node),
                    f"element only in B ({_node_text(node)}; in {where})",
                )
        order_a = _canonical_order(a.model, common)
        order_b = _canonical_order(b.model, common)
        in_place = _lcs(order_a, order_b) if order_a != order_b else common
        for name in a.children:
            if name not in common:
                continue
            child_a = self.a.nodes[f"{path}/{name}"]
            child_b = self.b.nodes[f"{b.path}/{name}"]
            self.compositor(child_a, child_b, common)
            if name not in in_place:
                where_a = _after(order_a, name)
                where_b = _after(order_b, name)
                self.add(
                    "order",
                    child_a.path,
                    where_a,
                    where_b,
                    f"element order differs: {where_a} in A (position {child_a.position}), "
                    f"{where_b} in B (position {child_b.position})",
                )
            self.element(child_a, child_b)

    def compositor(self, a: _Node, b: _Node, common: frozenset[str]) -> None:
        chain_a, chain_b = _project(a.chain, common), _project(b.chain, common)
        if chain_a == chain_b:
            return
        text_a, text_b = _chain_text(chain_a), _chain_text(chain_b)
        if text_a == text_b:
            text_a, text_b = _chain_text(chain_a, chain_b), _chain_text(chain_b, chain_a)
        self.add("compositor", a.path, text_a, text_b, f"compositor: A {text_a}; B {text_b}")

    def simple(self, path: str, a: _Simple, b: _Simple) -> None:
        if a.base != b.base:
            self.add("base-type", path, a.base, b.base, f"base type: A {a.base}, B {b.base}")
        facets_a, facets_b = dict(a.facets), dict(b.facets)
        for name in sorted(set(facets_a) | set(facets_b)):
            value_a, value_b = facets_a.get(name), facets_b.get(name)
            if value_a != value_b:
                text_a = "-" if value_a is None else f"{name}={value_a}"
                text_b = "-" if value_b is None else f"{name}={value_b}"
                self.add(
                    "facet",
                    path,
                    text_a,
                    text_b,
                    f"facet {name}: A {value_a or '(none)'}, B {value_b or '(none)'}",
                )
        if a.patterns != b.patterns:
            text_a, text_b = _patterns_text(a.patterns), _patterns_text(b.patterns)
            self.add("facet", path, text_a, text_b, f"facet pattern: A {text_a}, B {text_b}")
        if a.enumeration != b.enumeration:
            if a.enumeration is None or b.enumeration is None:
                text_a = "(no enumeration)" if a.enumeration is None else _values(a.enumeration)
                text_b = "(no enumeration)" if b.enumeration is None else _values(b.enumeration)
                message = f"enumeration: A {text_a}; B {text_b}"
            else:
                text_a = _values(a.enumeration - b.enumeration)
                text_b = _values(b.enumeration - a.enumeration)
                message = f"enumeration values only in A: {text_a}; only in B: {text_b}"
            self.add("enumeration", path, text_a, text_b, message)


def _after(order: list[str], name: str) -> str:
    index = order.index(name)
    return "first" if index == 0 else f"after {order[index - 1]}"


_YEAR_SEGMENT: Final = re.compile(r"^(?P<head>.*/)\d{4}/?$")


def _ns_key(namespace: str | None, ignore_year: bool) -> str | None:
    if namespace is None or not ignore_year:
        return namespace
    match = _YEAR_SEGMENT.match(namespace)
    return match.group("head") + "YYYY" if match else namespace


def _ignored(path: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            if fnmatch.fnmatchcase(path, pattern):
                return True
        else:
            prefix = pattern.rstrip("/")
            if path == prefix or path.startswith(prefix + "/"):
                return True
    return False


def compare_schemas(
    a: str | os.PathLike[str],
    b: str | os.PathLike[str],
    *,
    ignore_namespace_year: bool = False,
    ignore_paths: Iterable[str] = (),
) -> ComparisonReport:
    """Compare two XSD files structurally and report every difference.

    Args:
        a: path of schema A.
        b: path of schema B.
        ignore_namespace_year: treat target namespaces that differ only in a final
            4-digit year segment (``http://.../X/2021`` vs ``http://.../X/2022``) as equal.
        ignore_paths: element paths whose differences are dropped, together with those
            of their descendants (``/Root/Child``); a path containing ``*``, ``?`` or
            ``[`` is an :mod:`fnmatch` pattern over the whole path instead.

    Returns:
        A :class:`ComparisonReport`; its ``differences`` are sorted by path, then kind.

    Raises:
        SchemaCompareError: a schema cannot be read or parsed, is not a valid schema,
            or uses a construct outside the supported subset (named with file and line).
    """
    file_a, file_b = os.fspath(a), os.fspath(b)
    tree_a = _read_schema(file_a)
    tree_b = _read_schema(file_b)
    patterns = (ignore_paths,) if isinstance(ignore_paths, str) else tuple(ignore_paths)
    differences = [
        d
        for d in _Comparer(tree_a, tree_b).run(ignore_namespace_year)
        if not _ignored(d.path, patterns)
    ]
    differences.sort(key=_sort_key)
    return ComparisonReport(a=file_a, b=file_b, differences=tuple(differences))
