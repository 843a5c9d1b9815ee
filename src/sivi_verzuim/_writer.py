"""Writing a bound document straight to XML (private).

::

    bound dataclasses ─► indented XML text (plan compiled once per class and depth)
                      ─► lxml tree of those bytes (libxml2's parser, no Python per element)
                      ─► schema check of that tree (compiled schemas)
                      ─► the same bytes

The bytes are those of xsdata's ``XmlSerializer`` with its lxml writer and the library's
configuration (two-space indent, XML declaration, UTF-8): the same element order, the
same lexical form of every value, the same whitespace, the same escapes. Every value type
the generated bindings declare is converted by a function chosen once per Python type;
any other value goes through xsdata's own converter. The text is read into a tree by
libxml2, which is what the schema check and the kept elements need; whatever that road
cannot write (a character XML does not allow, a namespace map with a prefix) is written
through lxml's element API instead, which raises as xsdata's lxml writer does. A document
this writer does not write the way xsdata's serializer does (a value of another class
than its field declares, a tuple where a list is expected, xsdata's generic element
classes, a namespace other than the message's) raises :class:`Unsupported`, and the
caller takes xsdata's road.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import cache
from keyword import iskeyword
from typing import Any, NamedTuple
from xml.etree.ElementTree import QName

from lxml import etree
from xsdata.formats.converter import converter
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.models.elements import XmlVar
from xsdata.formats.dataclass.models.generics import AnyElement, DerivedElement
from xsdata.formats.dataclass.serializers.mixins import EventGenerator
from xsdata.models.datatype import XmlDate, XmlDateTime, XmlTime
from xsdata.utils.namespaces import split_qname

from ._check import UNCONFIRMED, VERSION_CODE_UNCONFIRMED, header_findings
from ._xsd import strict_schema, writing_schema
from .errors import Severity
from .releases import MessageType, Release

__all__ = ["Unsupported", "build", "conforms", "document_bytes"]

_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_INDENT = "  "
_NOTES = (UNCONFIRMED, VERSION_CODE_UNCONFIRMED)


class Unsupported(Exception):
    """The document holds something this writer does not write as xsdata's serializer does."""


# --------------------------------------------------------------------------- plans

# qualified tag, a list field, the dataclasses the field declares, the xsdata field (for
# values that go through xsdata's converter), the namespace its children are planned in
_Field = tuple[str, bool, frozenset[type], XmlVar, str | None]


class _Plan(NamedTuple):
    tag: str
    values: Callable[[Any], tuple[Any, ...]]  # every field's value, in the order written
    fields: tuple[_Field, ...]
    names: tuple[str, ...]  # the attribute of each field


@cache
def _context() -> XmlContext:
    return XmlContext()


@cache
def _plan(cls: type, namespace: str | None) -> _Plan | None:
    """The tag and the fields of ``cls`` in the order xsdata writes them; None when the
    class uses a feature this writer leaves to xsdata (attributes, text content, nil,
    wildcards, choices, sequences, wrappers, elements in no or in another namespace)."""
    meta = _context().build(cls, namespace)
    if meta.nillable or meta.get_attribute_vars() or meta.text is not None:
        return None
    own = split_qname(meta.qname)[0]
    fields: list[_Field] = []
    names: list[str] = []
    for var in meta.get_element_vars():
        if (
            not var.is_element
            or var.is_wildcard
            or var.is_elements
            or var.mixed
            or var.tokens
            or var.nillable
            or var.any_type
            or var.sequence is not None
            or var.wrapper_qname
            or var.format is not None
        ):
            return None
        child_ns = split_qname(var.qname)[0]
        if not child_ns or child_ns != own:
            return None
        classes = frozenset(
            t for t in var.types if isinstance(t, type) and dataclasses.is_dataclass(t)
        )
        fields.append((var.qname, var.list_element, classes, var, child_ns))
        names.append(var.name)
    if not names:
        return _Plan(meta.qname, lambda obj: (), (), ())
    getter = operator.attrgetter(*names)
    if len(names) == 1:
        return _Plan(meta.qname, lambda obj: (getter(obj),), tuple(fields), tuple(names))
    return _Plan(meta.qname, getter, tuple(fields), tuple(names))


# --------------------------------------------------------------------------- values


def _decimal(value: Decimal, var: XmlVar) -> str:
    if value.is_infinite():
        return str(value).replace("Infinity", "INF")
    return f"{value:f}"


def _bool(value: bool, var: XmlVar) -> str:
    return "true" if value else "false"


def _str(value: Any, var: XmlVar) -> str:
    return str(value)


def _date(value: XmlDate, var: XmlVar) -> str:
    year, month, day, offset = value
    if offset is None and year >= 0:  # the common form, without xsdata's two calls
        return f"{year:04d}-{month:02d}-{day:02d}"
    return str(value)


# exact type -> lexical form, as xsdata's converter writes it: never empty, never a
# character that needs an escape
_FAST: dict[type, Callable[[Any, XmlVar], str]] = {
    int: _str,
    bool: _bool,
    Decimal: _decimal,
    XmlDate: _date,
    XmlTime: _str,
    XmlDateTime: _str,
}

_Text = Callable[[Any, XmlVar], "str | None"]


def _general(value: Any, var: XmlVar) -> str | None:
    """The text of a value of any other type, through xsdata's own encoding."""
    data = EventGenerator.encode_primitive(value, var)
    if data is None or isinstance(data, str):
        return data
    if isinstance(data, list) and not data:
        return None
    text: str | None = converter.serialize(data)
    return text


# enum member -> its text; keyed by identity (a member's hash is computed in Python), the
# member kept alongside so that a reused id is never mistaken for it
_ENUM_TEXT: dict[int, tuple[Enum, str | None]] = {}


def _enum_text(value: Any, var: XmlVar) -> str | None:
    hit = _ENUM_TEXT.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    text = _general(value, var)
    if len(_ENUM_TEXT) < _CACHE_SIZE:
        _ENUM_TEXT[id(value)] = (value, text)
    return text


def _unsupported(value: Any, var: XmlVar) -> str | None:
    raise Unsupported


def _leaf_text(kind: type) -> _Text:
    """How a value of type ``kind`` becomes element text (decided once per type)."""
    fast = _FAST.get(kind)
    if fast is not None:
        return fast
    if issubclass(kind, Enum):
        return _enum_text
    if (
        dataclasses.is_dataclass(kind)
        or issubclass(kind, (list, set, frozenset, QName, DerivedElement, AnyElement))
        or (issubclass(kind, tuple) and not hasattr(kind, "_fields"))
        or hasattr(kind, "__next__")
    ):
        return _unsupported  # xsdata writes these as a list, or as an element with a type
    return _general


_BY_TYPE: dict[type, _Text] = {}
_CACHE_SIZE = 4096


def _text(value: Any, var: XmlVar) -> str | None:
    """The text of a leaf value, in the lexical form xsdata's serializer writes."""
    kind = type(value)
    how = _BY_TYPE.get(kind)
    if how is None:
        how = _leaf_text(kind)
        if len(_BY_TYPE) < _CACHE_SIZE:
            _BY_TYPE[kind] = how
    return how(value, var)


# --------------------------------------------------------------------------- tree


def _fill(parent: etree._Element, obj: Any, plan: _Plan) -> None:
    for value, field in zip(plan.values(obj), plan.fields, strict=False):
        if value is None:
            continue
        if field[1]:  # a list field
            if type(value) is not list:
                raise Unsupported  # xsdata iterates other collections its own way
            for item in value:
                _put(parent, item, field)
        elif type(value) is str:  # the common case, inline
            if value:
                _sub(parent, field[0]).text = value
            else:
                _sub(parent, field[0])
        else:
            _put(parent, value, field)


_sub = etree.SubElement


def _put(parent: etree._Element, item: Any, field: _Field) -> None:
    """One element for ``item``, a value of ``field``."""
    tag, _, classes, var, child_ns = field
    kind: type = type(item)
    if kind is str:
        if item:
            _sub(parent, tag).text = item
        else:
            _sub(parent, tag)
    elif kind in classes:
        child = _plan(kind, child_ns)
        if child is None:
            raise Unsupported
        _fill(_sub(parent, tag), item, child)
    elif item is None:
        raise Unsupported  # xsdata writes an empty element
    else:
        how = _BY_TYPE.get(kind)
        text = how(item, var) if how is not None else _text(item, var)
        if text:
            _sub(parent, tag).text = text
        else:
            _sub(parent, tag)


# --------------------------------------------------------------------------- text

# The text road writes what the element road builds, as lxml writes it after the indent:
# every element on its own line, two spaces a level, a leaf's text inline, an element
# without children or text in its empty form. Per class and depth a function is compiled
# that writes an instance's children: the attribute read directly, a string inline, any
# other value through :func:`_item` (the conversions of the element road).

_Writer = Callable[[list[str], Any], None]


class _Line:
    """A field as written at one depth."""

    __slots__ = ("child_ns", "classes", "close", "depth", "empty", "open", "shut", "var", "writers")

    def __init__(self, field: _Field, depth: int) -> None:
        tag, _, self.classes, self.var, self.child_ns = field
        name = split_qname(tag)[1]
        pad = "\n" + _INDENT * depth
        self.open = f"{pad}<{name}>"  # the start tag on its own line
        self.close = f"</{name}>"  # the end tag after a leaf's text
        self.shut = f"{pad}</{name}>"  # the end tag on its own line, after children
        self.empty = f"{pad}<{name}/>"
        self.depth = depth
        self.writers: dict[type, _Writer] = {}  # the writer of each class met here


# the characters the lxml writer escapes in element text, as it escapes them
_SPECIAL = re.compile("[&<>\r]").search
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _item(out: list[str], item: Any, line: _Line) -> None:
    """The lines of ``item``, a value of ``line``'s field (as :func:`_put` builds it)."""
    kind: type = type(item)
    text: str | None
    if kind is str:
        text = item
    elif kind in line.classes:
        write = line.writers.get(kind)
        if write is None:
            write = _writer(kind, line.child_ns, line.depth + 1)
            if write is None:
                raise Unsupported
            line.writers[kind] = write
        mark = len(out)
        out.append(line.open)
        write(out, item)
        if len(out) == mark + 1:  # no child written
            out[mark] = line.empty
        else:
            out.append(line.shut)
        return
    elif item is None:
        raise Unsupported  # xsdata writes an empty element
    else:
        how = _BY_TYPE.get(kind)
        text = how(item, line.var) if how is not None else _text(item, line.var)
    if text:
        if _SPECIAL(text) is not None:
            text = text.translate(_ESCAPES)
        out.append(f"{line.open}{text}{line.close}")
    else:
        out.append(line.empty)


_LEAF = """\
    v = obj.{name}
    if v is not None:
        if type(v) is str:
            if v:
                if special(v) is not None:
                    v = v.translate(escapes)
                append(f"{{o{i}}}{{v}}{{c{i}}}")
            else:
                append(e{i})
        else:
            hit = m{i}.get(id(v))
            if hit is not None and hit[0] is v:
                append(hit[1])
            else:
                how = plain(type(v))
                if how is not None:
                    append(f"{{o{i}}}{{how(v, var{i})}}{{c{i}}}")
                else:
                    remember(out, v, l{i}, m{i})
"""


def _remember(out: list[str], value: Any, line: _Line, memo: dict[int, tuple[Any, str]]) -> None:
    """The line of a leaf value (as :func:`_item`); an enum member's line kept in ``memo``,
    keyed by identity (a member's hash is computed in Python), the member kept alongside so
    that a reused id is never mistaken for it."""
    _item(out, value, line)
    if isinstance(value, Enum) and len(memo) < _CACHE_SIZE:
        memo[id(value)] = (value, out[-1])


_ONE_CHILD = """\
    v = obj.{name}
    if v is not None:
"""
_ONE_LIST = (
    _ONE_CHILD
    + """\
        if type(v) is not list:
            raise unsupported
        for x in v:
"""
)
_LIST = _ONE_LIST + "            item(out, x, l{i})\n"
_CHILD = _ONE_CHILD + "        item(out, v, l{i})\n"

# a field of one dataclass, its writer called here (the rest as :func:`_item`)
_NESTED = """\
{pad}if type({v}) is k{i}:
{pad}    mark = len(out)
{pad}    append(o{i})
{pad}    w{i}(out, {v})
{pad}    if len(out) == mark + 1:
{pad}        out[mark] = e{i}
{pad}    else:
{pad}        append(s{i})
{pad}else:
{pad}    item(out, {v}, l{i})
"""
_MAX_NESTED = 32  # below this depth a child's writer is looked up when it is met


@cache
def _writer(cls: type, namespace: str | None, depth: int) -> _Writer | None:
    """The function writing the children of a ``cls`` at ``depth``; None as :func:`_plan`."""
    plan = _plan(cls, namespace)
    if plan is None or not all(n.isidentifier() and not iskeyword(n) for n in plan.names):
        return None
    scope: dict[str, Any] = {
        "item": _item,
        "special": _SPECIAL,
        "escapes": _ESCAPES,
        "unsupported": Unsupported,
        "remember": _remember,
        "plain": _FAST.get,
    }
    body = ["def write(out, obj):", "    append = out.append"]
    for i, (field, name) in enumerate(zip(plan.fields, plan.names, strict=True)):
        line = _Line(field, depth)
        scope.update({f"l{i}": line, f"o{i}": line.open, f"c{i}": line.close, f"e{i}": line.empty})
        scope[f"m{i}"] = {}  # the line of each enum member met in this field
        scope[f"var{i}"] = line.var
        nested = _nested(field, depth)
        if nested is not None:
            scope.update({f"k{i}": nested[0], f"w{i}": nested[1], f"s{i}": line.shut})
            if field[1]:
                body.append(_ONE_LIST.format(name=name))
                body.append(_NESTED.format(pad=" " * 12, v="x", i=i))
            else:
                body.append(_ONE_CHILD.format(name=name))
                body.append(_NESTED.format(pad=" " * 8, v="v", i=i))
            continue
        template = _LIST if field[1] else _CHILD if field[2] else _LEAF
        body.append(template.format(name=name, i=i))
    exec("\n".join(body), scope)  # names checked above, every value bound in scope
    write: _Writer = scope["write"]
    return write


def _nested(field: _Field, depth: int) -> tuple[type, _Writer] | None:
    """The one dataclass of ``field`` and its writer one level down, when there is one."""
    if len(field[2]) != 1 or depth >= _MAX_NESTED:
        return None
    (kind,) = field[2]
    write = _writer(kind, field[4], depth + 1)
    return None if write is None else (kind, write)


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False
)


class Built(NamedTuple):
    """A tree :func:`build` made, and the bytes it was read from when it was read from
    bytes (None when it was built element by element)."""

    root: etree._Element
    text: bytes | None


# a namespace written in its attribute as it is
_PLAIN_URI = re.compile(r"[\w:/.#?=~%+-]+\Z", re.ASCII).match


@cache
def _root_tags(tag: str, ns: str) -> tuple[str, str, str] | None:
    """The root element's start tag, empty form and end tag, declaring ``ns`` as the default
    namespace; None for a namespace lxml would write with escapes (the element road)."""
    if _PLAIN_URI(ns) is None:
        return None
    name = split_qname(tag)[1]
    return f'<{name} xmlns="{ns}">', f'<{name} xmlns="{ns}"/>', f"\n</{name}>"


def _text_road(cls: type, document: Any, plan: _Plan, ns: str) -> Built | None:
    """The tree of ``document`` read from the text this writer emits; None when that road
    cannot write it (the element road then writes it, or raises, as it always has)."""
    write = _writer(cls, None, 1)
    tags = _root_tags(plan.tag, ns)
    if write is None or tags is None:
        return None
    start, empty, end = tags
    out: list[str] = [start]
    try:
        write(out, document)
        if len(out) == 1:
            out[0] = empty
        else:
            out.append(end)
        data = "".join(out).encode("utf-8")
        root = etree.fromstring(data, _PARSER)
    except Exception:  # the element road raises what belongs, where it belongs
        return None
    return Built(root, data)


def build(document: Any, ns_map: dict[str | None, str]) -> Built:
    """The root element of ``document``, indented as xsdata's serializer indents it.

    Raises:
        Unsupported: the document holds something xsdata's serializer writes otherwise.
        ValueError, TypeError, ConverterError: a value that cannot be written as XML.
    """
    cls: type = type(document)
    if not dataclasses.is_dataclass(document) or isinstance(
        document, (type, DerivedElement, AnyElement)
    ):
        raise Unsupported
    plan = _plan(cls, None)
    if plan is None:
        raise Unsupported
    if len(ns_map) != 1 or split_qname(plan.tag)[0] not in ns_map.values():
        raise Unsupported  # xsdata would declare a further prefix
    ns = ns_map.get(None)
    if ns is not None:
        built = _text_road(cls, document, plan, ns)
        if built is not None:
            return built
    root = etree.Element(plan.tag, nsmap=ns_map)  # type: ignore[arg-type]
    _fill(root, document, plan)
    etree.indent(root, _INDENT)
    return Built(root, None)


def document_bytes(built: Built) -> bytes:
    """The bytes xsdata's serializer writes for a tree :func:`build` made (declaration,
    final newline): the bytes it was read from, when it was; a tree changed since it was
    built is written with :func:`etree.tostring` by its caller instead."""
    data = built.text
    if data is None:
        data = etree.tostring(built.root, encoding="UTF-8")
    return _DECLARATION + data + b"\n"


def conforms(
    root: etree._Element,
    mt: MessageType,
    rel: Release,
    file: str | None,
    *,
    writing_face: bool,
    document: Any = None,
) -> bool:
    """True when the written tree needs no finding: valid against the schema (with
    ``writing_face``, for a reconstructed release, against its writing face too), with a
    header that agrees with the release. False says only that the full check of the
    output has something to report. ``document``, the bound document the tree was built
    from, spares reading the header codes back from the tree."""
    # a writing face is narrower than the reading face (the strict schema): what it
    # accepts, the strict schema accepts
    face = writing_schema(mt, rel) if writing_face else strict_schema(mt, rel)
    if not face.validate(root.getroottree()):
        return False
    if _codes_as_expected(document, mt, rel) or _header_as_expected(root, mt, rel):
        return True  # the header check has nothing to say
    return not any(
        f.severity is Severity.ERROR or (writing_face and f.code in _NOTES)
        for f in header_findings(root, mt, rel, [], file)
    )


@cache
def _header_codes(mt: MessageType, rel: Release) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    ns = mt.namespace(rel)
    return f"{{{ns}}}BrAlg", ((f"{{{ns}}}BrCd", mt.brcd), (f"{{{ns}}}VnrBrCd", mt.vnrbrcd(rel)))


def _header_as_expected(root: etree._Element, mt: MessageType, rel: Release) -> bool:
    """True when BrCd and VnrBrCd are absent or the codes of ``(mt, rel)``: the header
    cross-check finds something only where a code differs from the expected one."""
    br_tag, codes = _header_codes(mt, rel)
    br = next(root.iterchildren(br_tag), None)
    if br is None:
        return True
    for tag, expected in codes:
        el = next(br.iterchildren(tag), None)
        if el is not None and expected is not None and el.text != expected:
            return False
    return True


@cache
def _expected_codes(mt: MessageType, rel: Release) -> tuple[tuple[str, str], ...]:
    """The header codes of ``(mt, rel)`` that are fixed: (attribute of ``br_alg``, code)."""
    codes = (("br_cd", mt.brcd), ("vnr_br_cd", mt.vnrbrcd(rel)))
    return tuple((name, code) for name, code in codes if code is not None)


def _codes_as_expected(document: Any, mt: MessageType, rel: Release) -> bool:
    """:func:`_header_as_expected`, read from the bound document; False when unsure."""
    br = getattr(document, "br_alg", None)
    if br is None:
        return False
    for name, expected in _expected_codes(mt, rel):
        value = getattr(br, name, None)
        if value is None:
            continue  # no element
        code = value.value if isinstance(value, Enum) else value
        if type(code) is not str or code != expected:
            return False
    return True
