"""Parse, detect, schema-check, bind and serialize messages.

The road a message travels::

    bytes ─► safe lxml parse ─► detect (message, release) from root + namespace
          ─► schema check (compiled once per pair) + header cross-check
          ─► bind to the generated dataclasses (from the parsed tree, no re-parse; ``_bind``)

and back: dataclasses ─► lxml tree ─► schema check of that tree (no re-parse) ─► bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Union

import attrs
from lxml import etree
from xsdata.exceptions import ConverterError, SerializerError, XmlContextError
from xsdata.models.datatype import XmlDate, XmlTime

from ._bind import _bind_checked, _context, _odd_findings
from ._check import UNCONFIRMED, VERSION_CODE_UNCONFIRMED, UnknownElement, check, quiet_collector
from ._paths import Paths
from ._safexml import Limits, encoding_conflict, parse_xml, read_source
from ._xsd import content_models, strict_schema
from .errors import Finding, Severity, UnknownMessageError, ValidationError
from .releases import (
    MessageType,
    Release,
    binding_class,
    message_for_namespace,
    supported_pairs,
)

if TYPE_CHECKING:
    from xsdata.formats.dataclass.serializers import XmlSerializer

__all__ = ["Header", "Message", "Source", "UnknownElement", "parse", "serialize", "validate"]

Source = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", IO[bytes]]


def __getattr__(name: str) -> Any:
    """``_writer``, the direct writer, loaded when first asked for (a parse does not)."""
    if name == "_writer":
        from . import _writer

        return _writer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@attrs.frozen
class Header:
    """The ``BrAlg`` block every message starts with.

    Attributes:
        message_code: ``BrCd``.
        version_code: ``VnrBrCd``.
        date: ``AandatBr``; None where the value is not a valid date (tolerant mode).
        time: ``AantijdBr``; None where the value is not a valid time (tolerant mode).
        sender: ``IdInzndr``.
        software: ``GebrSwPakket`` (required from 2021; 2020 may lack it, 2017 may have it,
            see ``schemas/README.md`` S2; None where absent).
        receiver: ``IdOntvngr``.
        reference: ``Berrefnr``.
        test: ``TestJN`` is ``J``.
        receipt_wanted: ``OntvngstbevJN`` is ``J``.

    Each attribute is also readable under the name the domain model's
    :class:`sivi_verzuim.model.Header` gives the same tag (``recipient_id``,
    ``message_version_code``, ``test_message``, ...).
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

    # the domain model's names for the same tags (``sivi_verzuim.model.Header``)

    @property
    def message_version_code(self) -> str | None:
        """``VnrBrCd``: :attr:`version_code` under the model's name."""
        return self.version_code

    @property
    def creation_date(self) -> dt.date | None:
        """``AandatBr``: :attr:`date` under the model's name."""
        return self.date

    @property
    def creation_time(self) -> dt.time | None:
        """``AantijdBr``: :attr:`time` under the model's name."""
        return self.time

    @property
    def sender_id(self) -> str | None:
        """``IdInzndr``: :attr:`sender` under the model's name."""
        return self.sender

    @property
    def software_package(self) -> str | None:
        """``GebrSwPakket``: :attr:`software` under the model's name."""
        return self.software

    @property
    def recipient_id(self) -> str | None:
        """``IdOntvngr``: :attr:`receiver` under the model's name."""
        return self.receiver

    @property
    def message_reference(self) -> str | None:
        """``Berrefnr``: :attr:`reference` under the model's name."""
        return self.reference

    @property
    def test_message(self) -> bool:
        """``TestJN``: :attr:`test` under the model's name."""
        return self.test

    @property
    def receipt_requested(self) -> bool:
        """``OntvngstbevJN``: :attr:`receipt_wanted` under the model's name."""
        return self.receipt_wanted


@attrs.frozen
class Message:
    """A parsed (or built) message.

    Attributes:
        message_type: which message (:class:`~sivi_verzuim.MessageType`).
        release: which release (:class:`~sivi_verzuim.Release`).
        document: the bound dataclass of the root element (generated from our schemas).
        findings: problems found while reading (empty for a valid message).
        file: the file the message was read from, when known.
        unknown_elements: elements a tolerant parse set aside because the bound document
            has no place for them (see :class:`UnknownElement`); :func:`serialize` writes
            them back in place.
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
            if not isinstance(value, XmlDate):
                return None
            try:
                return value.to_date()
            except (ValueError, OverflowError):  # a year Python cannot hold (a finding)
                return None

        def as_time(value: Any) -> dt.time | None:
            if not isinstance(value, XmlTime):
                return None
            try:
                return value.to_time()
            except (ValueError, OverflowError):
                return None

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

schema = strict_schema
"""The compiled schema of a message in a release (compiled once, then cached)."""


def choice_groups(cls: type) -> tuple[tuple[str, ...], ...]:
    """The choice groups (element names) of a generated binding class.

    The generated dataclasses carry every alternative of an ``xs:choice`` as an
    optional field; this tells which fields exclude each other.
    """
    namespace = getattr(sys.modules[cls.__module__], "__NAMESPACE__", None)
    for mt in MessageType:
        for release in mt.releases:
            if mt.namespace(release) == namespace:
                cm = content_models(mt, release).types.get(cls.__name__)
                if cm is None:
                    return ()
                return tuple(p.names for p in cm.particles if len(p.names) > 1)
    return ()


# --------------------------------------------------------------------------- detection


def detect(root: etree._Element, file: str | None = None) -> tuple[MessageType, Release]:
    """The (message type, release) of a parsed root element.

    Raises:
        UnknownMessageError: when root element and namespace name no supported message.
    """
    found = _DETECTED.get(root.tag)
    if found is not None:
        return found
    qname = etree.QName(root)
    found = message_for_namespace(qname.localname, qname.namespace)
    if found is not None:
        _DETECTED[qname.text] = found  # one entry per supported message
    else:
        pairs = supported_pairs()
        same_root = [p for p in pairs if p[0] == qname.localname]
        raise UnknownMessageError(
            root=qname.localname,
            namespace=qname.namespace,
            supported=same_root or pairs,
            file=file,
            suggestion=_closest(qname.localname, qname.namespace),
        )
    return found


_DETECTED: dict[str, tuple[MessageType, Release]] = {}
"""Qualified root tag -> what :func:`detect` found for it."""

_YEAR = re.compile(r"/(\d{4})/?$")


def _closest(root: str, namespace: str | None) -> tuple[MessageType, Release] | None:
    """The supported message nearest to an unknown (root, namespace) pair, or None."""
    import difflib  # only for a message that is not supported: not loaded before

    by_root = {mt.root: mt for mt in MessageType}
    mt = by_root.get(root)
    if mt is None:
        close = difflib.get_close_matches(root, list(by_root), n=1, cutoff=0.8)
        if not close:
            return None
        mt = by_root[close[0]]
    releases = list(mt.releases)
    year = _YEAR.search(namespace or "")
    if year is not None:
        wanted = int(year.group(1))
        # nearest year; on a tie the earlier release (a sender rarely uses features early)
        return mt, min(releases, key=lambda r: (abs(int(r.value) - wanted), int(r.value)))
    names = {mt.namespace(r): r for r in releases}
    close = difflib.get_close_matches(namespace or "", list(names), n=1, cutoff=0.6)
    return (mt, names[close[0]]) if close else (mt, releases[-1])


# --------------------------------------------------------------------------- public API


def _read(
    source: Source, limits: Limits | None
) -> tuple[etree._ElementTree, MessageType, Release, type, str | None, list[Finding], int]:
    """The parsed tree, what it is, the binding class of its root, its name, warnings about
    the bytes themselves, and their number."""
    limits = limits or _DEFAULT_LIMITS
    data, name = read_source(source, limits=limits)
    tree = parse_xml(data, limits=limits, file=name)
    root = tree.getroot()
    found = _ROOTS.get(root.tag)
    if found is None:
        mt, rel = detect(root, name)
        found = _ROOTS[str(root.tag)] = (mt, rel, binding_class(mt, rel))
    mt, rel, cls = found
    warnings: list[Finding] = []
    conflict = encoding_conflict(data) if data[:1] in _BOM_STARTS else None
    if conflict is not None:
        warnings.append(
            Finding(
                code="xml.encoding-conflict",
                severity=Severity.WARNING,
                message=conflict,
                line=1,
                release=rel.value,
                file=name,
            )
        )
    return tree, mt, rel, cls, name, warnings, len(data)


def _has_error(findings: Sequence[Finding]) -> bool:
    """Whether a finding is an error (cheaper than ``any`` over a generator)."""
    return _ERROR in [f.severity for f in findings]


_ERROR = Severity.ERROR
_ROOTS: dict[str, tuple[MessageType, Release, type]] = {}
"""Qualified root tag -> its message, release and binding class (one entry per message)."""
_root_class = cache(binding_class)
"""The binding class of a message's root element (looked up once per message)."""
_BOM_STARTS = (b"\xef", b"\xff", b"\xfe", b"\x00")
_DEFAULT_LIMITS = Limits()


def parse(source: Source, *, strict: bool = True, limits: Limits | None = None) -> Message:
    """Read a message from bytes, XML text, a path or a binary file object.

    Release and message type are detected from the root element and its namespace
    and cross-checked against ``BrCd``/``VnrBrCd``.

    Args:
        source: the message: ``bytes``, ``str`` (XML text, or a file path), a path,
            or a binary file object.
        strict: when True (the default) any schema or header problem raises
            :class:`~sivi_verzuim.errors.ValidationError`; when False the message is
            bound as far as possible, every problem becomes one of
            :attr:`Message.findings` and every element the bound document cannot hold
            is kept in :attr:`Message.unknown_elements`.
        limits: size and depth limits for hostile input (default: :class:`Limits`).

    Raises:
        MalformedXMLError: the input is not well-formed XML.
        UnsafeXMLError: the input has a DTD, an entity, or breaks a limit.
        UnknownMessageError: root and namespace name no supported message.
        ValidationError: (strict mode) the message is invalid; carries every finding.
        OSError: a path that cannot be read.
    """
    tree, mt, rel, cls, name, warnings, size = _read(source, limits)
    with quiet_collector():
        # one element object for each element, held while the tree is checked and bound:
        # the walks below find it again instead of making and dropping one each time
        root = tree.getroot()
        held = list(root.iter())
        checked = check(tree, mt, rel, name, detach=not strict, size=size)
        findings = warnings + checked.findings if warnings else checked.findings
        valid = not _has_error(findings)
        if strict and not valid:
            raise ValidationError(findings, file=name)
        document, binder = _bind_checked(root, cls, valid, tolerant=not strict)
        del held
    if binder is not None and (binder.odd or binder.unconverted):
        findings = findings + _odd_findings(binder, rel, name, findings)
        if strict and _has_error(findings):
            raise ValidationError(findings, file=name)
    return Message(
        message_type=mt,
        release=rel,
        document=document,
        findings=tuple(findings),
        file=name,
        unknown_elements=tuple(checked.kept),
    )


def validate(source: Source, *, limits: Limits | None = None) -> list[Finding]:
    """Every finding for a message, without raising for invalid content.

    Errors that prevent reading the message at all (malformed or unsafe XML, an
    unknown message) are still raised, since no finding can describe them
    against a schema.
    """
    tree, mt, rel, cls, name, warnings, size = _read(source, limits)
    with quiet_collector():
        root = tree.getroot()
        held = list(root.iter())  # as in parse
        checked = check(tree, mt, rel, name, detach=True, keep=False, size=size)
        findings = warnings + checked.findings
        valid = not _has_error(findings)
        _document, binder = _bind_checked(root, cls, valid, tolerant=True)
        del held
    if binder is not None and (binder.odd or binder.unconverted):
        return findings + _odd_findings(binder, rel, name, findings)
    return findings


@cache
def _serializer() -> XmlSerializer:
    # only for the documents the direct writer leaves to xsdata: its serializer (and the
    # modules it loads, http.client, urllib, email) is not loaded before
    from xsdata.formats.dataclass.serializers import XmlSerializer
    from xsdata.formats.dataclass.serializers.config import SerializerConfig

    return XmlSerializer(
        context=_context(),
        config=SerializerConfig(indent="  ", xml_declaration=True, encoding="UTF-8"),
    )


def serialize(message: Message, *, validate: bool = True, allow_unconfirmed: bool = False) -> bytes:
    """The message as UTF-8 XML bytes with an XML declaration.

    Unknown elements kept by a tolerant parse are written back at their place.
    With ``validate`` (the default) the output is checked against the schema of
    the message's release, and :class:`~sivi_verzuim.errors.ValidationError`
    is raised, with every finding, when it does not conform.

    For a reconstructed release (2017, 2020, 2021) the output must also be what every
    plausible reading of the release accepts (its writing face, ``schemas/README.md``):
    what only one reading accepts (a code, an element, a form, a version code other than
    the library's) is refused with a ``serialize.unconfirmed`` finding for each use. With
    ``allow_unconfirmed`` such a message (read from a sender, say) is written as it is,
    checked against the reading face only.
    """
    from . import _writer  # the direct writer (and xsdata's event generator): not loaded by parse

    mt, rel = message.message_type, message.release
    try:
        built = _writer.build(message.document, _ns_map(message, mt.namespace(rel)))
    except _writer.Unsupported:  # something only xsdata's serializer writes as it does
        return _serialize_xsdata(message, validate=validate, allow_unconfirmed=allow_unconfirmed)
    except (ConverterError, TypeError, ValueError) as exc:
        raise _unwritable(exc, message) from None
    root = built.root
    if message.unknown_elements:
        tree = root.getroottree()
        _restore_unknown(tree, message.unknown_elements)
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    else:
        data = _writer.document_bytes(built)
    if validate and not _writer.conforms(
        root, mt, rel, message.file, writing_face=not allow_unconfirmed, document=message.document
    ):
        # the full check, on the output as read back, names each problem by its line
        written = data
        if message.unknown_elements:
            written = _writer.document_bytes(
                _writer.build(message.document, _ns_map(message, mt.namespace(rel)))
            )
        _check_written(written, message, allow_unconfirmed=allow_unconfirmed)
    return data


def _serialize_xsdata(
    message: Message, *, validate: bool = True, allow_unconfirmed: bool = False
) -> bytes:
    """:func:`serialize` through xsdata's serializer and a re-read of its output."""
    mt, rel = message.message_type, message.release
    ns = mt.namespace(rel)
    try:
        text = _serializer().render(message.document, ns_map=_ns_map(message, ns))
    except (XmlContextError, SerializerError, ConverterError, TypeError, ValueError) as exc:
        raise _unwritable(exc, message) from None
    data = text.encode("utf-8")
    if not message.unknown_elements and not validate:
        return data
    tree = _read_written(data)
    if message.unknown_elements:
        _restore_unknown(tree, message.unknown_elements)
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    if validate:
        _check_tree(tree, message, allow_unconfirmed=allow_unconfirmed)
    return data


def _unwritable(exc: Exception, message: Message) -> ValidationError:
    return ValidationError(
        [
            Finding(
                code="serialize.unwritable",
                severity=Severity.ERROR,
                message=f"the document cannot be written as XML: {exc}",
                release=message.release.value,
                file=message.file,
            )
        ],
        file=message.file,
    )


def _read_written(data: bytes) -> etree._ElementTree:
    limits = Limits(max_bytes=max(len(data) + 1, Limits().max_bytes), max_elements=None)
    return parse_xml(data, limits=limits)


def _check_written(data: bytes, message: Message, *, allow_unconfirmed: bool) -> None:
    """The written bytes read back, with the kept elements in place, and checked."""
    tree = _read_written(data)
    if message.unknown_elements:
        _restore_unknown(tree, message.unknown_elements)
    _check_tree(tree, message, allow_unconfirmed=allow_unconfirmed)


def _check_tree(tree: etree._ElementTree, message: Message, *, allow_unconfirmed: bool) -> None:
    """Raise :class:`~sivi_verzuim.errors.ValidationError`, with every finding, when the
    written tree breaks the schema or (unless allowed) leaves the writing face."""
    mt, rel = message.message_type, message.release
    findings = check(tree, mt, rel, message.file, detach=False).findings
    if any(f.severity is Severity.ERROR for f in findings):
        raise ValidationError(findings, file=message.file)
    refused = [] if allow_unconfirmed else [_refused(f) for f in findings if f.code in _NOTES]
    if refused:
        raise ValidationError(refused, file=message.file)


_NOTES = (UNCONFIRMED, VERSION_CODE_UNCONFIRMED)


def _refused(note: Finding) -> Finding:
    """A note of the reading check as the refusal of the writing check."""
    return Finding(
        code="serialize.unconfirmed",
        severity=Severity.ERROR,
        message=(
            f"not written: only one reading of release {note.release} accepts this "
            f"(serialize(..., allow_unconfirmed=True) writes it as it is): {note.message}"
        ),
        path=note.path,
        line=note.line,
        value=note.value,
        release=note.release,
        file=note.file,
    )


def _restore_unknown(tree: etree._ElementTree, items: Sequence[UnknownElement]) -> None:
    """Put kept elements back, each at its index among its parent's child elements."""
    root = tree.getroot()
    paths = Paths()
    by_path = {paths.path(el, leaf_index=True): el for el in root.iter(etree.Element)}
    by_path[paths.path(root)] = root
    groups: dict[str, list[UnknownElement]] = {}
    for item in items:
        groups.setdefault(item.parent_path, []).append(item)
    for parent_path, group in groups.items():
        parent = by_path.get(parent_path)
        if parent is None:
            first = group[0]
            raise ValidationError(
                [
                    Finding(
                        code="serialize.unknown-element-lost",
                        severity=Severity.ERROR,
                        message=(
                            f"cannot write back unknown element {first.path}: its parent "
                            f"{parent_path} is no longer in the document"
                        ),
                        path=first.path,
                        line=first.line,
                    )
                ]
            )
        _merge(parent, sorted(group, key=lambda i: i.index))


def _merge(parent: etree._Element, group: list[UnknownElement]) -> None:
    """Rebuild ``parent``'s children with the kept ones at their indices (linear)."""
    known = list(parent.iterchildren(etree.Element))
    indent = known[0].tail if known and known[0].tail and not known[0].tail.strip() else None
    merged: list[etree._Element] = []
    k = 0
    for item in group:
        while k < len(known) and len(merged) < item.index:
            merged.append(known[k])
            k += 1
        el = etree.fromstring(item.xml, _fragment_parser())
        el.tail = indent
        merged.append(el)
    if not known:
        for el in merged:
            parent.append(el)
        return
    merged.extend(known[k:])
    last_tail = known[-1].tail
    for el in merged:
        parent.append(el)  # moves an existing child to the end: the new order
    if merged[-1] is not known[-1]:
        known[-1].tail = indent
        merged[-1].tail = last_tail


@cache
def _fragment_parser() -> etree.XMLParser:
    # kept elements were serialized by lxml from a tree that passed the safe parser
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _ns_map(message: Message, ns: str) -> dict[str | None, str]:
    """The namespace map of the output: the message's namespace as the default one, unless
    a kept element holds an element in no namespace (XML cannot undeclare a default namespace
    in a way the parser keeps), then under the prefix ``v``."""
    for item in message.unknown_elements:
        el = etree.fromstring(item.xml, _fragment_parser())
        if any(not str(e.tag).startswith("{") for e in el.iter(etree.Element)):
            return {"v": ns}
    return {None: ns}
