"""Reading the ``BrAlg`` header of a message that could not be parsed (private module).

A receiver answers every message it refuses, also one that is not well-formed XML: the sender
needs the Retourmelding to know that the message was not processed. The answer needs the
header (``Berrefnr``, ``IdInzndr``, ``IdOntvngr``, ``TestJN``, the release). This module reads
it with libxml2's *recovering* parser, which skips over errors instead of stopping at the
first one.

The input is still hostile, so the recovering parse runs only on bytes that were already
read within :attr:`~sivi_verzuim._safexml.Limits.max_bytes`, never on input that was refused
as unsafe, and with every unsafe feature off (no entity substitution, no DTD loading, no
network, no ``huge_tree``). On top of that, input with a markup declaration (``<!DOCTYPE``,
``<!ENTITY``) anywhere in it is not read at all, and the parse is fed in chunks and stops as
soon as the header is complete or after a small number of elements, so a large document is
never turned into a tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
from lxml import etree

from ._safexml import Limits
from .releases import MessageType, Release, message_for_namespace

__all__ = ["HEADER_FIELDS", "SalvagedHeader", "salvage_header"]

#: The ``BrAlg`` children read (in schema order).
HEADER_FIELDS: tuple[str, ...] = (
    "BrCd",
    "VnrBrCd",
    "AandatBr",
    "AantijdBr",
    "IdInzndr",
    "GebrSwPakket",
    "IdOntvngr",
    "Berrefnr",
    "TestJN",
    "OntvngstbevJN",
)
_WANTED = frozenset(HEADER_FIELDS)

_CHUNK = 64 * 1024
_MAX_ELEMENTS = 2_000  # start tags read before giving up: BrAlg is the first child
_MAX_FIELD = 200  # characters kept of a header value (the schema allows far fewer)

# A markup declaration anywhere, in the encodings an XML document can start in without a
# declaration libxml2 must look up (ASCII-compatible, UTF-16 and UTF-32 of either order).
_DECLARATION = re.compile(
    b"|".join(
        re.escape(word.encode(codec))
        for word in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
        for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    )
)


def _frozen_fields(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen
class SalvagedHeader:
    """What a recovering parse could read of a message's start.

    Attributes:
        root: the root element's local name, when one was read.
        namespace: the root element's namespace, when it has one.
        fields: ``BrAlg`` child name (``Berrefnr``, ...) -> its text, for every field that
            was read (stripped, at most 200 characters); the first occurrence counts.
    """

    root: str | None
    namespace: str | None
    fields: Mapping[str, str] = attrs.field(converter=_frozen_fields)

    def get(self, name: str) -> str | None:
        """The text of the ``BrAlg`` child ``name``, or None."""
        return self.fields.get(name)

    @property
    def reference(self) -> str | None:
        """``Berrefnr``."""
        return self.get("Berrefnr")

    @property
    def sender(self) -> str | None:
        """``IdInzndr``."""
        return self.get("IdInzndr")

    @property
    def recipient(self) -> str | None:
        """``IdOntvngr``."""
        return self.get("IdOntvngr")

    @property
    def test(self) -> bool:
        """``TestJN`` is ``J``."""
        return self.get("TestJN") == "J"

    @property
    def release(self) -> Release | None:
        """The release the message is in: named by its root element and namespace, else (for
        a Verzuimmeldingen or an unreadable root) by its ``VnrBrCd``; None when neither
        names one."""
        if self.root is not None:
            found = message_for_namespace(self.root, self.namespace)
            if found is not None:
                return found[1]
        if self.root not in (None, MessageType.VERZUIMMELDINGEN.root):
            return None
        code = self.get("VnrBrCd")
        vz = MessageType.VERZUIMMELDINGEN
        for release in vz.releases:
            if vz.vnrbrcd(release) == code:
                return release
        return None


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None  # comments, processing instructions
    return tag.rpartition("}")[2] if tag.startswith("{") else tag


def salvage_header(data: bytes, *, limits: Limits | None = None) -> SalvagedHeader | None:
    """Read the ``BrAlg`` header of a document that is not (necessarily) well-formed.

    Args:
        data: the document's bytes, as read within the size limit.
        limits: only ``max_bytes`` is used: larger input is not read (default
            :class:`~sivi_verzuim._safexml.Limits`).

    Returns:
        the root element and every header field that could be read, or None when no
        header field could be read (or the input is too large or has a markup declaration).
    """
    limits = limits or Limits()
    if len(data) > limits.max_bytes or _DECLARATION.search(data) is not None:
        return None
    parser = etree.XMLPullParser(
        events=("start", "end"),
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root: str | None = None
    namespace: str | None = None
    fields: dict[str, str] = {}
    depth = 0
    starts = 0
    in_header = False
    done = False

    def handle(events: Iterable[tuple[str, Any]], *, closing: bool = False) -> bool:
        """Consume parser events; True when the header is complete or the budget spent.
        ``closing``: the events of the end of input, where the recovering parser closes
        what is still open; a field closed there was cut off and is not kept."""
        nonlocal root, namespace, depth, starts, in_header
        for event, element in events:
            name = _local(element.tag)
            if event == "start":
                depth += 1
                starts += 1
                if starts > _MAX_ELEMENTS:
                    return True
                if depth == 1 and name is not None:
                    root = name
                    namespace = etree.QName(element).namespace
                elif depth == 2:
                    if name == "BrAlg":
                        in_header = True
                    elif fields:
                        return True  # past the header
                continue
            depth -= 1
            if in_header and depth == 2 and name in _WANTED and name not in fields and not closing:
                text = (element.text or "").strip()
                if text:
                    fields[name] = text[:_MAX_FIELD]
            elif in_header and depth == 1 and name == "BrAlg":
                return True
        return False

    try:
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
            if handle(parser.read_events()):
                done = True
                break
        if not done:
            try:
                parser.close()
            finally:
                handle(parser.read_events(), closing=True)
    except (etree.LxmlError, ValueError, UnicodeError):
        pass  # keep whatever was read before the parser gave up
    if not fields:
        return None
    return SalvagedHeader(root=root, namespace=namespace, fields=fields)
