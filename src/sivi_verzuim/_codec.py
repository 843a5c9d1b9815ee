"""Parse, detect, schema-check, bind and serialize messages.

The road a message travels::

    bytes ─► safe lxml parse ─► detect (message, release) from root + namespace
          ─► schema check (compiled once per pair) + header cross-check
          ─► bind to the generated dataclasses (from the parsed tree, no re-parse)

and back: dataclasses ─► xsdata serializer ─► schema check of our own output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import IO, Any, Union

import attrs
from lxml import etree
from xsdata.exceptions import ConverterError, ConverterWarning, ParserError
from xsdata.formats.converter import converter
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.config import ParserConfig
from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.serializers.config import SerializerConfig

from ._safexml import Limits, parse_xml, read_source
from .errors import Finding, Severity, UnknownMessageError, ValidationError
from .releases import (
    MessageType,
    Release,
    binding_class,
    message_for_namespace,
    supported_pairs,
)

__all__ = ["Header", "Message", "Source", "UnknownElement", "parse", "serialize", "validate"]

Source = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", IO[bytes]]

_XMLSCHEMA_NS = "{http://www.w3.org/2001/XMLSchema}"


@attrs.frozen
class Header:
    """The ``BrAlg`` block every message starts with.

    Attributes:
        message_code: ``BrCd``.
        version_code: ``VnrBrCd``.
        date: ``AandatBr``; None where the value is not a valid date (tolerant mode).
        time: ``AantijdBr``; None where the value is not a valid time (tolerant mode).
        sender: ``IdInzndr``.
        software: ``GebrSwPakket`` (from 2020 on; None where absent).
        receiver: ``IdOntvngr``.
        reference: ``Berrefnr``.
        test: ``TestJN`` is ``J``.
        receipt_wanted: ``OntvngstbevJN`` is ``J``.
    """

    message_code: str | None
    version_code: str | None
    date: dt.date | None
    time: dt.time | None
    sender: str | None
    software: str | None
    receiver: str | None
    reference: str | None
    test: bool
    receipt_wanted: bool


@attrs.frozen
class UnknownElement:
    """An element the schema does not know, kept from a tolerant parse.

    Attributes:
        path: the element's path with positions.
        parent_path: the path of its parent.
        index: its position among the parent's child elements (0-based).
        line: its line in the source.
        xml: the element serialized as XML (UTF-8).
    """

    path: str
    parent_path: str
    index: int
    line: int | None
    xml: bytes


@attrs.frozen
class Message:
    """A parsed (or built) message.

    Attributes:
        message_type: which message (:class:`~sivi_verzuim.MessageType`).
        release: which release (:class:`~sivi_verzuim.Release`).
        document: the bound dataclass of the root element (generated from our schemas).
        findings: problems found while reading (empty for a valid message).
        file: the file the message was read from, when known.
        unknown_elements: elements the schema does not know, kept by a tolerant parse;
            :func:`serialize` writes them back in place.
    """

    message_type: MessageType
    release: Release
    document: Any
    findings: tuple[Finding, ...] = ()
    file: str | None = None
    unknown_elements: tuple[UnknownElement, ...] = ()

    @property
    def valid(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def header(self) -> Header:
        """The ``BrAlg`` header, read from the bound document."""
        br = getattr(self.document, "br_alg", None)

        def text(name: str) -> str | None:
            value = getattr(br, name, None)
            if value is None:
                return None
            return str(getattr(value, "value", value))

        def as_date(value: Any) -> dt.date | None:
            to_date = getattr(value, "to_date", None)
            return to_date() if callable(to_date) else None

        def as_time(value: Any) -> dt.time | None:
            to_time = getattr(value, "to_time", None)
            return to_time() if callable(to_time) else None

        return Header(
            message_code=text("br_cd"),
            version_code=text("vnr_br_cd"),
            date=as_date(getattr(br, "aandat_br", None)),
            time=as_time(getattr(br, "aantijd_br", None)),
            sender=text("id_inzndr"),
            software=text("gebr_sw_pakket"),
            receiver=text("id_ontvngr"),
            reference=text("berrefnr"),
            test=text("test_jn") == "J",
            receipt_wanted=text("ontvngstbev_jn") == "J",
        )


# --------------------------------------------------------------------------- schemas


def _schema_file(message_type: MessageType, release: Release) -> Any:
    return resources.files("sivi_verzuim") / "schemas" / release.value / f"{message_type.title}.xsd"


@cache
def _schema_tree(message_type: MessageType, release: Release) -> etree._ElementTree:
    data = _schema_file(message_type, release).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.ElementTree(etree.fromstring(data, parser))


@cache
def schema(message_type: MessageType, release: Release) -> etree.XMLSchema:
    """The compiled schema of a message in a release (compiled once, then cached)."""
    return etree.XMLSchema(_schema_tree(message_type, release))


@cache
def _children(message_type: MessageType, release: Release) -> dict[str, frozenset[str]]:
    """Element path (no positions) -> names of the child elements the schema allows."""
    root = _schema_tree(message_type, release).getroot()
    types = {ct.get("name"): ct for ct in root.iter(_XMLSCHEMA_NS + "complexType")}
    out: dict[str, frozenset[str]] = {}

    def walk(path: str, type_name: str | None, depth: int) -> None:
        ct = types.get((type_name or "").partition(":")[2])
        if ct is None or depth > 32:
            return
        names = []
        for el in ct.iter(_XMLSCHEMA_NS + "element"):
            name = el.get("name", "")
            names.append(name)
            walk(f"{path}/{name}", el.get("type"), depth + 1)
        out[path] = frozenset(names)

    top = root.find(_XMLSCHEMA_NS + "element")
    assert top is not None
    walk("/" + top.get("name", ""), top.get("type"), 0)
    return out


@cache
def _choices(message_type: MessageType, release: Release) -> dict[str, tuple[tuple[str, ...], ...]]:
    root = _schema_tree(message_type, release).getroot()
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for ct in root.iter(_XMLSCHEMA_NS + "complexType"):
        groups = tuple(
            tuple(el.get("name", "") for el in ch.iter(_XMLSCHEMA_NS + "element"))
            for ch in ct.iter(_XMLSCHEMA_NS + "choice")
        )
        if groups:
            out[ct.get("name", "")] = groups
    return out


def choice_groups(cls: type) -> tuple[tuple[str, ...], ...]:
    """The choice groups (element names) of a generated binding class.

    The generated dataclasses carry every alternative of an ``xs:choice`` as an
    optional field; this tells which fields exclude each other.
    """
    namespace = getattr(sys.modules[cls.__module__], "__NAMESPACE__", None)
    for mt in MessageType:
        for release in mt.releases:
            if mt.namespace(release) == namespace:
                return _choices(mt, release).get(cls.__name__, ())
    return ()


# --------------------------------------------------------------------------- paths


def _line(el: etree._Element) -> int | None:
    """The element's source line (lxml's stubs type it loosely)."""
    line: Any = el.sourceline
    return line if isinstance(line, int) else None


def _localname(el: etree._Element) -> str:
    return etree.QName(el).localname


def element_path(el: etree._Element, *, leaf_index: bool | None = None) -> str:
    """Path of ``el`` with 1-based positions among same-named siblings.

    The root carries no position; a leaf with simple content carries none either
    (``/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]/PrcVrzm``).
    """
    steps: list[str] = []
    node: etree._Element | None = el
    first = True
    while node is not None:
        parent = node.getparent()
        name = _localname(node)
        if parent is None:
            steps.append(name)
        else:
            index = (
                leaf_index if first and leaf_index is not None else not (first and len(node) == 0)
            )
            if index:
                pos = 1 + sum(1 for sib in node.itersiblings(preceding=True) if sib.tag == node.tag)
                steps.append(f"{name}[{pos}]")
            else:
                steps.append(name)
        node = parent
        first = False
    return "/" + "/".join(reversed(steps))


def _plain_path(el: etree._Element) -> str:
    steps = [_localname(n) for n in el.iterancestors()][::-1]
    return "/" + "/".join([*steps, _localname(el)])


# --------------------------------------------------------------------------- findings

_EXPECTED = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")


def _expected_names(text: str) -> set[str]:
    m = _EXPECTED.search(text)
    if not m:
        return set()
    return {name.strip().rpartition("}")[2] for name in m.group(1).split(",") if name.strip()}


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
_MESSAGE_PREFIX = re.compile(r"^Element '[^']*': ")


def _schema_findings(
    tree: etree._ElementTree,
    log: Iterable[Any],
    message_type: MessageType,
    release: Release,
    file: str | None,
) -> list[Finding]:
    allowed = _children(message_type, release)
    findings: list[Finding] = []
    facet_seen: set[tuple[str, int]] = set()
    for entry in log:
        found = tree.xpath(entry.path) if entry.path else []
        el = found[0] if isinstance(found, list) and found else None
        text = _MESSAGE_PREFIX.sub("", entry.message)
        value: str | None = None
        path = entry.path
        if isinstance(el, etree._Element):
            path = element_path(el)
            if len(el) == 0 and el.text is not None:
                value = el.text
        facet = _FACET.search(text)
        if facet:
            code = _CODES.get(facet.group(1), "xsd.facet")
            facet_seen.add((path, entry.line))
        elif "is not a valid value of the atomic type" in text:
            if (path, entry.line) in facet_seen and "'xs:" not in text:
                continue  # the facet finding above already explains it
            code = "xsd.type"
        elif "This element is not expected" in text and isinstance(el, etree._Element):
            parent = el.getparent()
            known = allowed.get(_plain_path(parent), frozenset()) if parent is not None else ()
            expected = _expected_names(text)
            later = {_localname(sib) for sib in el.itersiblings() if isinstance(sib.tag, str)}
            value = None
            if _localname(el) not in known:
                code = "xsd.unknown-element"
                text = f"unknown element {_localname(el)!r}: " + text
            elif parent is not None and expected and not (expected & later):
                code = "xsd.missing"
                names = ", ".join(sorted(expected))
                text = f"missing required element ({names}) before {_localname(el)!r}"
                path = element_path(parent, leaf_index=True)
            else:
                code = "xsd.order"
        elif "Missing child element" in text:
            code = "xsd.missing"
        elif "No matching global declaration" in text:
            code = "xsd.unknown-element"
        else:
            code = "xsd.invalid"
        text = text.replace("{" + message_type.namespace(release) + "}", "")
        findings.append(
            Finding(
                code=code,
                severity=Severity.ERROR,
                message=text,
                path=path,
                line=entry.line,
                value=value,
                release=release.value,
                file=file,
            )
        )
    return findings


def _header_findings(
    root: etree._Element,
    message_type: MessageType,
    release: Release,
    findings: list[Finding],
    file: str | None,
) -> list[Finding]:
    """Cross-check BrCd and VnrBrCd against the release named by the namespace."""
    ns = message_type.namespace(release)
    out = list(findings)
    br = root.find(f"{{{ns}}}BrAlg")
    if br is None:
        return out
    for tag in ("BrCd", "VnrBrCd"):
        el = br.find(f"{{{ns}}}{tag}")
        if el is None or el.text is None:
            continue
        code = el.text.strip()
        if tag == "BrCd":
            expected = message_type.brcd
            if expected is None or code == expected:
                continue
            others = [mt.title for mt in MessageType if mt.brcd == code]
            what = f"the BrCd of {', '.join(others)}" if others else "not a known BrCd"
            path = element_path(el)
            new = Finding(
                code="header.message-mismatch",
                severity=Severity.ERROR,
                message=(
                    f"root element {message_type.root} is {message_type.title} (BrCd "
                    f"{expected}), but BrCd is {code}, {what}"
                ),
                path=path,
                line=_line(el),
                value=code,
                release=release.value,
                file=file,
            )
        else:
            expected = message_type.vnrbrcd(release)
            if expected is None or code == expected:
                continue
            owners = [r.value for r in message_type.releases if message_type.vnrbrcd(r) == code]
            if not owners:
                continue  # the schema's enumeration finding says it
            path = element_path(el)
            new = Finding(
                code="header.release-mismatch",
                severity=Severity.ERROR,
                message=(
                    f"namespace says release {release.value} (VnrBrCd {expected}), but VnrBrCd "
                    f"{code} is the code of release {', '.join(owners)}"
                ),
                path=path,
                line=_line(el),
                value=code,
                release=release.value,
                file=file,
            )
        # the mismatch finding replaces the schema's bare enumeration finding
        out = [f for f in out if not (f.path == path and f.code == "xsd.enumeration")]
        out.append(new)
    return out


# --------------------------------------------------------------------------- detection


def detect(root: etree._Element, file: str | None = None) -> tuple[MessageType, Release]:
    """The (message type, release) of a parsed root element.

    Raises:
        UnknownMessageError: when root element and namespace name no supported message.
    """
    qname = etree.QName(root)
    found = message_for_namespace(qname.localname, qname.namespace)
    if found is None:
        pairs = supported_pairs()
        same_root = [p for p in pairs if p[0] == qname.localname]
        raise UnknownMessageError(
            root=qname.localname,
            namespace=qname.namespace,
            supported=same_root or pairs,
            file=file,
        )
    return found


# --------------------------------------------------------------------------- binding


@cache
def _context() -> XmlContext:
    return XmlContext()


_Step = tuple[str, bool, "type | None", "tuple[tuple[type, ...], str | None, bool] | None"]


@cache
def _plan(cls: type) -> dict[str, _Step]:
    """Qualified tag -> (field, is a list, child class, (types, format, bytes?) or None for str)."""
    plan: dict[str, _Step] = {}
    for var in _context().build(cls).get_element_vars():
        first = var.types[0]
        child = first if isinstance(first, type) and dataclasses.is_dataclass(first) else None
        conv = (
            None
            if child is not None or var.types == (str,)
            else (tuple(var.types), var.format, bytes in var.types)
        )
        plan[var.qname] = (var.name, var.list_element, child, conv)
    return plan


def _leaf(child: etree._Element, conv: Any, cls: type, name: str) -> Any:
    """The value of a simple element, converted as xsdata converts it."""
    text = child.text
    if len(child):  # comments or processing instructions inside the value: join the text
        text = (text or "") + "".join(node.tail or "" for node in child)
    if text is None:  # an empty element, as xsdata binds it
        return b"" if conv is not None and conv[2] else ""
    if conv is None:
        return text
    try:
        return converter.deserialize(text, conv[0], format=conv[1])
    except ConverterError as exc:
        raise ParserError(f"Failed to convert `{cls.__qualname__}.{name}`: {exc}") from None


def _build(el: etree._Element, cls: type) -> Any:
    """Bind a schema-valid element directly (the strict path).

    The generated bindings are plain: every field is an element of one type, no
    attributes, wildcards or mixed content, and the schema check has already
    passed. That makes a direct walk over the tree equivalent to xsdata's
    generic event parser (the tests compare both) and several times faster.
    """
    plan = _plan(cls)
    kwargs: dict[str, Any] = {}
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        try:
            name, is_list, sub, conv = plan[tag]
        except KeyError:
            raise ParserError(f"Unknown property {cls.__qualname__}:{tag}") from None
        value = _build(child, sub) if sub is not None else _leaf(child, conv, cls, name)
        if is_list:
            kwargs.setdefault(name, []).append(value)
        else:
            kwargs[name] = value
    return cls(**kwargs)


def _bind(tree: etree._ElementTree, cls: type, *, strict: bool) -> Any:
    if strict:
        return _build(tree.getroot(), cls)
    # Tolerant: xsdata's parser binds what it can of a document that broke the schema.
    config = ParserConfig(fail_on_unknown_properties=False, fail_on_converter_warnings=False)
    parser = XmlParser(config=config, context=_context(), handler=LxmlEventHandler)
    with warnings.catch_warnings():
        # tolerant mode: every value xsdata cannot convert is already a finding
        warnings.simplefilter("ignore", ConverterWarning)
        return parser.parse(tree, cls)


# --------------------------------------------------------------------------- public API


def _read(
    source: Source, limits: Limits | None
) -> tuple[etree._ElementTree, MessageType, Release, str | None]:
    limits = limits or Limits()
    data, name = read_source(source, limits=limits)
    tree = parse_xml(data, limits=limits, file=name)
    mt, rel = detect(tree.getroot(), name)
    return tree, mt, rel, name


def _check(
    tree: etree._ElementTree, mt: MessageType, rel: Release, name: str | None
) -> list[Finding]:
    xsd = schema(mt, rel)
    xsd.validate(tree)
    log: Iterable[Any] = xsd.error_log  # type: ignore[assignment]
    findings = _schema_findings(tree, log, mt, rel, name)
    return _header_findings(tree.getroot(), mt, rel, findings, name)


def _unknown_elements(
    tree: etree._ElementTree, findings: Sequence[Finding]
) -> list[UnknownElement]:
    lines = {(f.path, f.line) for f in findings if f.code == "xsd.unknown-element"}
    out = []
    for el in tree.getroot().iter(etree.Element):
        path = element_path(el)
        if (path, _line(el)) in lines:
            parent = el.getparent()
            assert parent is not None
            out.append(
                UnknownElement(
                    path=path,
                    parent_path=element_path(parent, leaf_index=True),
                    index=sum(1 for s in el.itersiblings(preceding=True) if isinstance(s.tag, str)),
                    line=_line(el),
                    xml=etree.tostring(el, with_tail=False),
                )
            )
    return out


def parse(source: Source, *, strict: bool = True, limits: Limits | None = None) -> Message:
    """Read a message from bytes, XML text, a path or a binary file object.

    Release and message type are detected from the root element and its namespace
    and cross-checked against ``BrCd``/``VnrBrCd``.

    Args:
        source: the message: ``bytes``, ``str`` (XML text, or a file path), a path,
            or a binary file object.
        strict: when True (the default) any schema or header problem raises
            :class:`~sivi_verzuim.errors.ValidationError`; when False the message is
            bound as far as possible, problems become :attr:`Message.findings` and
            unknown elements are kept in :attr:`Message.unknown_elements`.
        limits: size and depth limits for hostile input (default: :class:`Limits`).

    Raises:
        MalformedXMLError: the input is not well-formed XML.
        UnsafeXMLError: the input has a DTD, an entity, or breaks a limit.
        UnknownMessageError: root and namespace name no supported message.
        ValidationError: (strict mode) the message is invalid; carries every finding.
        OSError: a path that cannot be read.
    """
    tree, mt, rel, name = _read(source, limits)
    findings = _check(tree, mt, rel, name)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if strict and errors:
        raise ValidationError(findings, file=name)
    unknown = _unknown_elements(tree, findings) if errors else []
    if unknown:
        for item in unknown:
            for el in tree.getroot().iter(etree.Element):
                if _line(el) == item.line and element_path(el) == item.path:
                    parent = el.getparent()
                    assert parent is not None
                    parent.remove(el)
                    break
    document = _bind(tree, binding_class(mt, rel), strict=strict)
    return Message(
        message_type=mt,
        release=rel,
        document=document,
        findings=tuple(findings),
        file=name,
        unknown_elements=tuple(unknown),
    )


def validate(source: Source, *, limits: Limits | None = None) -> list[Finding]:
    """Every finding for a message, without raising for invalid content.

    Errors that prevent reading the message at all (malformed or unsafe XML, an
    unknown message) are still raised, since no finding can describe them
    against a schema.
    """
    tree, mt, rel, name = _read(source, limits)
    return _check(tree, mt, rel, name)


@cache
def _serializer() -> XmlSerializer:
    return XmlSerializer(
        context=_context(),
        config=SerializerConfig(indent="  ", xml_declaration=True, encoding="UTF-8"),
    )


def serialize(message: Message, *, validate: bool = True) -> bytes:
    """The message as UTF-8 XML bytes with an XML declaration.

    Unknown elements kept by a tolerant parse are written back at their place.
    With ``validate`` (the default) the output is checked against the schema of
    the message's release, and :class:`~sivi_verzuim.errors.ValidationError`
    is raised, with every finding, when it does not conform.
    """
    mt, rel = message.message_type, message.release
    ns = mt.namespace(rel)
    text = _serializer().render(message.document, ns_map={None: ns})
    data = text.encode("utf-8")
    if not message.unknown_elements and not validate:
        return data
    tree = parse_xml(data, limits=Limits(max_bytes=max(len(data) + 1, Limits().max_bytes)))
    if message.unknown_elements:
        _restore_unknown(tree, message.unknown_elements)
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        tree = parse_xml(data, limits=Limits(max_bytes=max(len(data) + 1, Limits().max_bytes)))
    if validate:
        findings = _check(tree, mt, rel, message.file)
        if any(f.severity is Severity.ERROR for f in findings):
            raise ValidationError(findings, file=message.file)
    return data


def _restore_unknown(tree: etree._ElementTree, items: Sequence[UnknownElement]) -> None:
    by_path = {element_path(el, leaf_index=True): el for el in tree.getroot().iter(etree.Element)}
    by_path[element_path(tree.getroot())] = tree.getroot()
    for item in sorted(items, key=lambda i: i.index):
        parent = by_path.get(item.parent_path)
        if parent is None:
            raise ValidationError(
                [
                    Finding(
                        code="serialize.unknown-element-lost",
                        severity=Severity.ERROR,
                        message=(
                            f"cannot write back unknown element {item.path}: its parent "
                            f"{item.parent_path} is no longer in the document"
                        ),
                        path=item.path,
                        line=item.line,
                    )
                ]
            )
        el = etree.fromstring(item.xml)
        elements = [c for c in parent if isinstance(c.tag, str)]
        if item.index < len(elements):
            elements[item.index].addprevious(el)
        else:
            parent.append(el)
