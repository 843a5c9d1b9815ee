"""Hardened reading and parsing of untrusted XML (private module).

SIVI messages arrive from outside and are treated as hostile. This module turns
a *source* (bytes, XML text, a path or a binary stream) into bytes without ever
reading more than :attr:`Limits.max_bytes` + 1 bytes, and bytes into an lxml
tree without expanding an entity, loading a DTD, touching the file system or
the network, or building a tree bigger than the limits allow.

Refusals raise :class:`~sivi_verzuim.errors.UnsafeXMLError` whose ``rule`` is
one of:

``"size"``
    the input is larger than :attr:`Limits.max_bytes`, or a single text node
    is over libxml2's own 10 MB cap (``huge_tree`` is never enabled);
``"dtd"``
    the document has a ``<!DOCTYPE>``. SIVI messages never have one, so this
    one rule removes XXE (``file://`` and ``http://``), parameter-entity
    tricks, billion laughs and quadratic blowup together;
``"entity"``
    an entity reference node was left in the tree (a second line of defence:
    without a DTD libxml2 already rejects an undeclared entity as malformed);
``"depth"``
    elements nested deeper than :attr:`Limits.max_depth`;
``"elements"``
    more elements than :attr:`Limits.max_elements`.

Input that is not well-formed raises
:class:`~sivi_verzuim.errors.MalformedXMLError` with libxml2's line, column and
message. Every error carries the file name when one is known.

How :func:`parse_xml` works (each step sees the input only if the previous one
let it through):

1. size check;
2. a pure-Python scan of the prolog (:func:`_prolog_has_doctype`): the
   encoding is taken from a BOM, from the byte pattern of ``<`` (UTF-16/32
   without a BOM) or from the XML declaration, then whitespace, comments and
   processing instructions are skipped; a ``<!DOCTYPE`` there is refused before
   libxml2 sees a single byte. The usual prolog (an XML declaration naming UTF-8, or
   no encoding, then white space and the root element's start tag) is recognised by
   one regular expression on the bytes, with the same outcome;
3. a *check pass*: libxml2 parses the bytes into a counting parser target that
   builds no tree. Its ``doctype()`` callback fires as soon as libxml2 has read
   ``<!DOCTYPE name ...`` -- before any declaration of the internal subset --
   and stops the parser, which catches any DOCTYPE the Python scan could not
   see (an encoding it does not know, e.g. one only iconv has). Its
   ``start``/``end`` callbacks enforce :attr:`Limits.max_depth` and
   :attr:`Limits.max_elements` *while* parsing, so a 64 MB document made of
   16 million ``<a/>`` is refused after ``max_elements`` + 1 elements instead
   of first being turned into a tree of some 2 GB. Malformed input is
   reported from this pass.

   The pass is skipped where it cannot refuse anything: when the scan of step 2
   has read the root element's start tag in an ASCII-based encoding (so libxml2
   sees no DOCTYPE either) and the input cannot hold more elements than the limit
   (an element takes at least four bytes, ``<a/>``, one of them a ``<``: the size
   tells, or where it allows too many, the number of ``<`` bytes). The tree of step 4
   is then built at once and its depth measured by one XPath inside libxml2
   (``/*/*/...``, one step per level). Should that parse fail or the tree be too
   deep, the check pass runs after all and reports what it always reports, with
   the same rule, reason and line;
5. post-parse checks: no DTD in ``tree.docinfo``, no entity reference node (not looked
   for where the scan read an ASCII-based encoding and the bytes hold no ``&``).

The parser options alone are already safe (no entity substitution, no DTD
loading, no network, no ``huge_tree``, XInclude never run); the scans make the
refusal explicit, fast and independent of libxml2's entity-amplification
heuristics. The tree parser's resolver turns any external resource into an
empty document should someone call ``xinclude()`` on a returned tree (which
still must not be done: text includes bypass resolvers).

Both lxml parsers are created once per thread (lxml parsers are not thread-safe)
and reused. A call made while the thread's parsers are busy (re-entrancy, for
example from a signal handler) gets a fresh pair.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from typing import Any, Protocol, TypeAlias

import attrs
from lxml import etree

from .errors import MalformedXMLError, SiviError, UnsafeXMLError

__all__ = [
    "Limits",
    "Source",
    "SupportsBinaryRead",
    "encoding_conflict",
    "parse_xml",
    "read_source",
]


# --------------------------------------------------------------------------- limits


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Limits.{attribute.name} must be an int, not {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"Limits.{attribute.name} must be positive, not {value}")


def _positive_int_or_none(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _positive_int(instance, attribute, value)


@attrs.frozen
class Limits:
    """Resource limits applied to every message read.

    Attributes:
        max_bytes: largest accepted input in bytes (default 64 MiB). Streams and
            files are read in bounded chunks and never beyond ``max_bytes + 1``
            bytes; an over-large regular file is refused from its ``stat`` size
            without being read.
        max_depth: deepest accepted element nesting, the root element being at
            depth 1 (default 64). libxml2 itself refuses more than 256 levels
            because ``huge_tree`` is never enabled, so a larger value acts as 256.
        max_elements: most elements accepted in one document (default
            2,000,000), or ``None`` for no limit. It is enforced while parsing,
            before a tree is built.

    Every value must be a positive ``int``: ``TypeError``/``ValueError`` otherwise.
    """

    max_bytes: int = attrs.field(default=64 * 1024 * 1024, validator=_positive_int)
    max_depth: int = attrs.field(default=64, validator=_positive_int)
    max_elements: int | None = attrs.field(default=2_000_000, validator=_positive_int_or_none)


# --------------------------------------------------------------------------- sources


class SupportsBinaryRead(Protocol):
    """A binary file-like object: ``read(n)`` returns at most *n* bytes, ``b""`` at EOF."""

    def read(self, size: int, /) -> bytes | None: ...


Source: TypeAlias = (
    bytes
    | bytearray
    | memoryview
    | str
    | os.PathLike[str]
    | os.PathLike[bytes]
    | SupportsBinaryRead
)
"""What :func:`read_source` accepts."""

_READ_CHUNK = 1 << 20

# The encoding pseudo-attribute of an XML declaration at the very start of a str.
_STR_DECL_ENCODING = re.compile(
    r"""\A\ufeff?<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')"""
    r"""([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*'))"""
)


def read_source(source: Source, *, limits: Limits) -> tuple[bytes, str | None]:
    """Read a message source into bytes, refusing anything over ``limits.max_bytes``.

    *source* may be:

    * ``bytes``, ``bytearray`` or ``memoryview``: the document itself;
    * ``str``: XML text if, after an optional BOM and whitespace, it starts with
      ``<`` (an empty or all-whitespace string counts as empty XML text, never as
      a path); otherwise a file path. XML text is encoded as UTF-8. Its
      characters are already decoded, so an ``encoding="..."`` in its XML
      declaration no longer describes them: that pseudo-attribute is replaced
      by as many spaces (the declaration stays well-formed, columns stay the
      same) and the parser then reads the UTF-8 default. Lone surrogates are
      kept (``surrogatepass``) so that the parser reports them, with a position,
      as malformed;
    * an ``os.PathLike``: a file path;
    * an object with a ``read`` method returning bytes: a binary stream, read to
      its end in bounded chunks (it is not closed).

    Returns the bytes and a display name: the path for a path, the stream's
    ``name`` attribute when it is a ``str``, otherwise ``None``.

    Raises:
        UnsafeXMLError: rule ``"size"``, the input is larger than
            ``limits.max_bytes``. At most ``max_bytes + 1`` bytes are read
            from a file or stream; a regular file whose ``os.stat`` size is too
            large is not read at all.
        FileNotFoundError, OSError: a path that cannot be opened or read. These
            propagate unchanged: they are *not* ``ValueError`` (nor
            :class:`~sivi_verzuim.errors.SiviError`), because the problem is the
            caller's environment, not the message.
        TypeError: an unsupported *source*, or a stream that returns ``str``.
    """
    if isinstance(source, bytes):
        _check_size(len(source), limits, None)
        return source, None
    if isinstance(source, bytearray | memoryview):
        _check_size(source.nbytes if isinstance(source, memoryview) else len(source), limits, None)
        return bytes(source), None
    if isinstance(source, str):
        stripped = source.lstrip("\ufeff \t\r\n")
        if not stripped or stripped.startswith("<"):
            return _encode_text(source, limits), None
        return _read_path(source, limits)
    if isinstance(source, os.PathLike):
        return _read_path(source, limits)
    if callable(getattr(source, "read", None)):
        name = getattr(source, "name", None)
        display = name if isinstance(name, str) else None
        return _read_stream(source, limits, display), display
    raise TypeError(
        "source must be bytes, bytearray, memoryview, str, os.PathLike or a binary "
        f"file object, not {type(source).__name__}"
    )


def _check_size(size: int, limits: Limits, file: str | None) -> None:
    if size > limits.max_bytes:
        raise UnsafeXMLError(
            f"input is {size} bytes, over the limit of {limits.max_bytes} bytes",
            rule="size",
            file=file,
        )


def _encode_text(text: str, limits: Limits) -> bytes:
    # Every character takes at least one byte: refuse before copying a huge str.
    _check_size(len(text), limits, None)
    match = _STR_DECL_ENCODING.match(text)
    if match is not None:
        start, end = match.span(1)
        text = text[:start] + " " * (end - start) + text[end:]
    data = text.encode("utf-8", "surrogatepass")
    _check_size(len(data), limits, None)
    return data


_PathSource: TypeAlias = str | os.PathLike[str] | os.PathLike[bytes]


def _read_path(path: _PathSource, limits: Limits) -> tuple[bytes, str]:
    name = os.fsdecode(path)
    info = os.stat(path)
    if stat.S_ISREG(info.st_mode):
        _check_size(info.st_size, limits, name)
    # Not only regular files: FIFOs, /dev/stdin, /proc files report no useful
    # size, and a regular file may grow after the stat. The read stays bounded.
    with open(path, "rb") as stream:
        return _read_stream(stream, limits, name), name


def _read_stream(stream: SupportsBinaryRead, limits: Limits, name: str | None) -> bytes:
    # One byte more than allowed tells "too large" from "exactly full".
    budget = limits.max_bytes + 1
    chunks: list[bytes] = []
    total = 0
    while total < budget:
        chunk: object = stream.read(min(_READ_CHUNK, budget - total))
        if chunk is None:
            raise BlockingIOError("non-blocking stream has no data available")
        if not isinstance(chunk, bytes | bytearray | memoryview):
            raise TypeError(
                f"stream returned {type(chunk).__name__}, not bytes: open it in binary mode"
            )
        if not chunk:
            break
        chunks.append(bytes(chunk))
        total += len(chunks[-1])
    if total > limits.max_bytes:
        raise UnsafeXMLError(
            f"input is larger than the limit of {limits.max_bytes} bytes", rule="size", file=name
        )
    return b"".join(chunks)


# --------------------------------------------------------------------------- prolog scan

# BOMs; UTF-32-LE before UTF-16-LE because FF FE 00 00 begins with FF FE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_EBCDIC_XML_DECL = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC
_BYTES_DECL_ENCODING = re.compile(
    r"""\A<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')"""
    r"""[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][\w.\-]*)"|'([A-Za-z][\w.\-]*)')"""
)
# What may precede a DOCTYPE: white space, the XML declaration and other PIs, comments.
_PROLOG_MISC = re.compile(r"[ \t\r\n]+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_DOCTYPE = "<!DOCTYPE"


def _sniff_encoding(data: bytes) -> tuple[str | None, int]:
    """Python codec name for the prolog of *data* and the offset after any BOM.

    ``None`` when the encoding is unknown to Python (the check pass, run by
    libxml2 itself, still covers such a document).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4].ljust(4, b"\x01")
    # No BOM: the NUL bytes around the first (ASCII) character give UTF-16/32.
    if head[0] == head[1] == head[2] == 0 and head[3] != 0:
        return "utf-32-be", 0
    if head[0] != 0 and head[1] == head[2] == head[3] == 0:
        return "utf-32-le", 0
    if head[0] == 0 and head[1] != 0:
        return "utf-16-be", 0
    if head[0] != 0 and head[1] == 0:
        return "utf-16-le", 0
    family = "cp037" if data.startswith(_EBCDIC_XML_DECL) else "latin-1"
    match = _BYTES_DECL_ENCODING.match(data[:1024].decode(family))
    if match is None:
        return ("utf-8" if family == "latin-1" else family), 0
    declared = match.group(1) or match.group(2)
    try:
        return codecs.lookup(declared).name, 0
    except LookupError:
        return None, 0


def encoding_conflict(data: bytes) -> str | None:
    """Why the byte-order mark and the declared encoding disagree, or None when they agree.

    The parser reads such a document in the encoding of the byte-order mark; a sender's
    declaration that says otherwise is worth a warning, since their other tools may not.
    """
    found = next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), None)
    if found is None:
        return None
    bom, codec = found
    try:
        head = data[len(bom) : len(bom) + 1024 * (4 if "32" in codec else 2)].decode(
            codec, errors="replace"
        )
    except LookupError:
        return None
    match = _BYTES_DECL_ENCODING.match(head)
    if match is None:
        return None
    declared = match.group(1) or match.group(2)
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        name = declared.lower()
    family = codec.rpartition("-")[0] if codec.startswith("utf-16") or "32" in codec else codec
    if name == codec or name.startswith(family):
        return None
    return (
        f"the byte-order mark says {codec.upper()} but the XML declaration says "
        f"{_shorten(declared, 40)!r}; read as {codec.upper()}, as the byte-order mark requires"
    )


_FOUND_DOCTYPE = "doctype"  # a <!DOCTYPE in the prolog
_FOUND_ROOT = "root"  # the prolog ends at the root element's start tag: no DOCTYPE anywhere
_FOUND_NOTHING = "unknown"  # neither for sure (an encoding the scan does not read, garbage)

# Encodings in which every ASCII byte is that ASCII character, to Python and libxml2 alike:
# where the scan reads the root element's start tag, libxml2 reads the same.
_ASCII_BASED = re.compile(r"utf-8|ascii|iso8859-\d+|cp125\d|latin-1")
_ROOT_START = re.compile(r"<[A-Za-z_\u00c0-\U0010ffff]")


def _prolog_has_doctype(data: bytes) -> bool:
    """True if a ``<!DOCTYPE`` follows only white space, PIs and comments.

    Case-insensitive on purpose (a lower-case ``<!doctype`` is refused too).
    Decodes a growing window, so a prolog padded with megabytes of comments is
    still scanned to its end.
    """
    return _prolog_scan(data) == _FOUND_DOCTYPE


# The prolog most messages have: an XML declaration in the usual form (UTF-8, or no
# encoding named: UTF-8 too), white space, the root element's start tag. What the full scan
# below finds for it (the root), without decoding anything.
_USUAL_PROLOG = re.compile(
    rb"""<\?xml version=(?:"1\.0"|'1\.0')(?: encoding=(?:"(?:UTF|utf)-8"|'(?:UTF|utf)-8'))?"""
    rb"""(?: standalone=(?:"(?:yes|no)"|'(?:yes|no)'))?\?>[ \t\r\n]*<[A-Za-z_]"""
)


def _prolog_scan(data: bytes) -> str:
    """What follows the white space, PIs and comments that open ``data``: a ``<!DOCTYPE``
    (:data:`_FOUND_DOCTYPE`), the root element in an ASCII-based encoding
    (:data:`_FOUND_ROOT`), or neither for sure (:data:`_FOUND_NOTHING`)."""
    if _USUAL_PROLOG.match(data) is not None:
        return _FOUND_ROOT
    return _full_prolog_scan(data)


def _full_prolog_scan(data: bytes) -> str:
    """:func:`_prolog_scan` for any prolog: the encoding sniffed, the prolog decoded."""
    codec, offset = _sniff_encoding(data)
    if codec is None:
        return _FOUND_NOTHING
    window = 4096
    while True:
        end = offset + window
        try:
            text = data[offset:end].decode(codec, errors="replace")
        except LookupError:  # a codec that is not a text encoding ("base64", "rot13")
            return _FOUND_NOTHING
        pos = 0
        while (match := _PROLOG_MISC.match(text, pos)) is not None:
            pos = match.end()
        if text[pos : pos + len(_DOCTYPE)].upper() == _DOCTYPE:
            return _FOUND_DOCTYPE
        if end >= len(data):
            break
        cut_short = len(text) - pos < len(_DOCTYPE) or text.startswith(("<!--", "<?"), pos)
        if not cut_short:  # the root element (or garbage for the parser to report)
            break
        window *= 8
    if _ASCII_BASED.fullmatch(codec) and _ROOT_START.match(text, pos):
        return _FOUND_ROOT
    return _FOUND_NOTHING


# --------------------------------------------------------------------------- parsers

_PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "recover": False,
    "remove_comments": False,
    "remove_pis": False,
}


class _Refused(Exception):
    """Raised inside the check pass; turned into :class:`UnsafeXMLError`."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class _CheckTarget:
    """lxml parser target of the check pass: builds nothing, counts elements and depth.

    An exception raised from a callback stops libxml2 at once and is re-raised
    by lxml from ``etree.fromstring``.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.count = 0
        self.max_depth = 0
        self.max_elements: int | None = None

    def reset(self, limits: Limits) -> None:
        self.depth = 0
        self.count = 0
        self.max_depth = limits.max_depth
        self.max_elements = limits.max_elements

    def doctype(self, name: str | None, public_id: str | None, system_id: str | None) -> None:
        # libxml2 calls this once it has read "<!DOCTYPE name ExternalID", before
        # the internal subset "[...]": no declaration has been looked at yet.
        raise _Refused(
            "dtd",
            f"document type declaration <!DOCTYPE {_shorten(name or '')}>; "
            "SIVI messages never have one",
        )

    def start(self, tag: str, attrib: object) -> None:
        self.count += 1
        self.depth += 1
        if self.depth > self.max_depth:
            raise _Refused(
                "depth",
                f"elements nested deeper than {self.max_depth} levels "
                f"(element number {self.count}, {_shorten(tag)})",
            )
        if self.max_elements is not None and self.count > self.max_elements:
            raise _Refused("elements", f"more than {self.max_elements} elements")

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


class _EmptyResolver(etree.Resolver):
    """Resolves every external resource to an empty document.

    Only reached through a parsed tree (the parser options never load anything),
    e.g. ``tree.xinclude()``: an XML include then fails as an empty document.
    It does not raise: lxml keeps an exception raised by a resolver and re-raises
    it from the *next* parse with the same parser. libxml2 reads
    ``<xi:include parse="text">`` without asking lxml's resolvers at all, so
    this is no reason to ever call ``xinclude()`` on a message.
    """

    def resolve(self, system_url: str, public_id: str, context: object = None) -> Any:
        return self.resolve_string("", context, base_url=None)


class _Parsers:
    """The two lxml parsers of one thread."""

    def __init__(self) -> None:
        self.check_target = _CheckTarget()
        self.check_parser = etree.XMLParser(target=self.check_target, **_PARSER_OPTIONS)  # type: ignore[arg-type]
        self.tree_parser = etree.XMLParser(**_PARSER_OPTIONS)  # type: ignore[arg-type]
        self.tree_parser.resolvers.add(_EmptyResolver())
        self.busy = False
        self._too_deep: dict[int, etree.XPath] = {}

    def too_deep(self, max_depth: int) -> etree.XPath:
        """An XPath that is true when a tree has an element deeper than ``max_depth``.

        libxml2 walks the tree one level a step, each step over the elements of one
        level: linear in the elements, no Python call per element.
        """
        found = self._too_deep.get(max_depth)
        if found is None:
            found = self._too_deep[max_depth] = etree.XPath(
                "boolean(" + "/*" * (max_depth + 1) + ")"
            )
        return found


_local = threading.local()


def _acquire() -> _Parsers:
    """The thread's parsers, marked busy (a fresh pair, not marked, when they are busy);
    :func:`_release` gives them back."""
    parsers: _Parsers | None = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = _Parsers()
    if parsers.busy:
        return _Parsers()
    parsers.busy = True
    return parsers


def _release(parsers: _Parsers) -> None:
    parsers.busy = False


# --------------------------------------------------------------------------- parsing

_POSITION_SUFFIX = re.compile(r", line \d+, column \d+\Z")
_ERR_RESOURCE_LIMIT = 114  # libxml2's XML_ERR_RESOURCE_LIMIT (etree.ErrorTypes.ERR_RESOURCE_LIMIT)


def parse_xml(data: bytes, *, limits: Limits, file: str | None = None) -> etree._ElementTree:
    """Parse untrusted XML bytes into an lxml tree, refusing anything unsafe.

    Line numbers are kept (``element.sourceline``); comments and processing
    instructions are kept; CDATA sections become plain text. XInclude is never
    processed.

    Args:
        data: the document, as read by :func:`read_source`.
        limits: the :class:`Limits` to apply.
        file: name for error messages (stored as the exceptions' ``file``).

    Raises:
        UnsafeXMLError: rule ``"size"``, ``"dtd"``, ``"entity"``, ``"depth"``
            or ``"elements"`` (see the module documentation).
        MalformedXMLError: the input (including empty input) is not
            well-formed XML; ``line``/``column`` and the reason come from libxml2.
    """
    _check_size(len(data), limits, file)
    scan = _prolog_scan(data)
    if scan == _FOUND_DOCTYPE:
        raise UnsafeXMLError(
            "document type declaration (<!DOCTYPE>) in the prolog; SIVI messages never have one",
            rule="dtd",
            file=file,
        )
    parsers = _acquire()
    try:
        root = None
        if (
            scan == _FOUND_ROOT
            and limits.max_depth <= _XPATH_DEPTH
            and not _may_exceed_elements(data, limits)
        ):
            # Nothing the check pass looks for can be there: no DOCTYPE (the scan read the
            # root element's start tag), no more elements than the limit (see
            # _may_exceed_elements). Parse straight into a tree and measure its depth in
            # libxml2; anything wrong goes through the check pass, which reports it as always.
            try:
                root = etree.fromstring(data, parsers.tree_parser)
            except etree.XMLSyntaxError:
                root = None
            if root is not None and parsers.too_deep(limits.max_depth)(root):
                root = None
        if root is None:
            root = _checked_parse(data, limits, file, parsers)
    finally:
        _release(parsers)
    tree = root.getroottree()
    # an entity reference is written with "&": where the scan read an ASCII-based encoding,
    # every "&" character is that byte, and bytes without one hold no entity reference
    _check_tree(tree, file, entities=scan != _FOUND_ROOT or b"&" in data)
    return tree


# Deepest limit measured by XPath (one step per level); above it (libxml2 itself refuses
# more than 256 levels) the check pass measures the depth.
_XPATH_DEPTH = 512


def _may_exceed_elements(data: bytes, limits: Limits) -> bool:
    """Whether ``data`` can hold more elements than ``limits`` allow.

    Nothing but a start tag makes an element (no entity is ever expanded, no DTD is read,
    no XML include is done), and a start tag takes at least four bytes (``<a/>``), one of
    them a ``<``: a document of ``size`` bytes has at most ``size // 4`` elements, and at
    most as many as it has ``<`` bytes. Only called for an ASCII-based encoding (the scan
    read the root element's start tag), where every ``<`` character is that byte and no
    other character holds it. The bytes are counted (in C) only where the size alone
    allows too many: a large document of long elements is parsed without the check pass.
    """
    limit = limits.max_elements
    return limit is not None and len(data) // 4 > limit and data.count(b"<") > limit


def _checked_parse(
    data: bytes, limits: Limits, file: str | None, parsers: _Parsers
) -> etree._Element:
    """The check pass (DOCTYPE, depth and element count while parsing), then the tree."""
    parsers.check_target.reset(limits)
    try:
        etree.fromstring(data, parsers.check_parser)
    except _Refused as refused:
        count = parsers.check_target.count
        line = _line_of_element(data, count) if refused.rule != "dtd" else None
        raise UnsafeXMLError(refused.reason, rule=refused.rule, line=line, file=file) from None
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, file) from exc
    try:
        return etree.fromstring(data, parsers.tree_parser)
    except etree.XMLSyntaxError as exc:  # not expected: the check pass parsed it
        raise _syntax_error(exc, file) from exc


def _line_of_element(data: bytes, number: int) -> int | None:
    """The source line of the ``number``-th element (1-based), found on a second pass.

    Only run after a depth or element-count refusal: a pull parser reads up to that
    element, dropping what it has seen, so memory stays small.
    """
    parser = etree.XMLPullParser(events=("start", "end"), **_PARSER_OPTIONS)  # type: ignore[arg-type]
    seen = 0
    step = 1 << 16
    try:
        for offset in range(0, len(data), step):
            parser.feed(data[offset : offset + step])
            for event, item in parser.read_events():
                if not isinstance(item, etree._Element):
                    continue
                el = item
                if event == "start":
                    seen += 1
                    if seen >= number:
                        line: Any = el.sourceline
                        return line if isinstance(line, int) else None
                else:
                    el.clear()
                    parent = el.getparent()
                    if parent is not None:
                        while el.getprevious() is not None:
                            del parent[0]
    except etree.XMLSyntaxError as exc:  # libxml2's own depth limit stops the pull parser
        return exc.lineno or None
    return None


_HUGE_HINT = re.compile(r",? *(?:try|use) XML_PARSE_HUGE(?: option)?", re.IGNORECASE)


def _syntax_error(exc: etree.XMLSyntaxError, file: str | None) -> SiviError:
    reason = _HUGE_HINT.sub("", _POSITION_SUFFIX.sub("", exc.msg or str(exc)))
    reason = _shorten(reason, 300)
    line = exc.lineno if exc.lineno else None
    column = exc.position[1] if line is not None else None
    if getattr(exc, "code", None) == _ERR_RESOURCE_LIMIT:
        lowered = reason.lower()
        if "depth" in lowered:
            rule = "depth"
        elif "entit" in lowered or "amplification" in lowered:
            rule = "entity"
        else:
            rule = "size"
        return UnsafeXMLError(f"libxml2 limit: {reason}", rule=rule, line=line, file=file)
    return MalformedXMLError(reason, line=line, column=column, file=file)


def _check_tree(tree: etree._ElementTree, file: str | None, *, entities: bool = True) -> None:
    """The post-parse checks: no DTD, and (unless ``entities`` is false: the bytes cannot
    hold one) no entity reference node."""
    docinfo = tree.docinfo
    # (a non-empty docinfo.doctype comes from one of these two: not asked for on its own)
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXMLError("document carries a DTD", rule="dtd", file=file)
    if not entities:
        return
    for node in tree.getroot().iter(etree.Entity):
        raise UnsafeXMLError(
            f"entity reference {_shorten(node.text or '')} left in the document",
            rule="entity",
            line=node.sourceline,
            file=file,
        )
