"""Parse, detect, schema-check, bind and serialize messages.

The road a message travels::

    bytes ─► safe lxml parse ─► detect (message, release) from root + namespace
          ─► schema check (compiled once per pair) + header cross-check
          ─► bind to the generated dataclasses (from the parsed tree, no re-parse)

and back: dataclasses ─► lxml tree ─► schema check of that tree (no re-parse) ─► bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import keyword
import os
import re
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import IO, TYPE_CHECKING, Any, NamedTuple, Union

import attrs
from lxml import etree
from xsdata.exceptions import ConverterError, ParserError, SerializerError, XmlContextError
from xsdata.formats.converter import DecimalConverter, EnumConverter, IntConverter, converter
from xsdata.formats.dataclass.context import XmlContext
from xsdata.models.datatype import XmlDate, XmlTime
from xsdata.utils.dates import monthlen

from ._check import UNCONFIRMED, VERSION_CODE_UNCONFIRMED, UnknownElement, check, quiet_collector
from ._paths import Paths, line_of, text_of
from ._safexml import Limits, encoding_conflict, parse_xml, read_source
from ._xsd import content_models, strict_schema
from .errors import Finding, Severity, UnknownMessageError, ValidationError, cap_value
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


# --------------------------------------------------------------------------- binding


@cache
def _context() -> XmlContext:
    return XmlContext()


_Step = tuple[str, bool, "type | None", "tuple[tuple[type, ...], str | None, bool] | None"]


@cache
def _plan(cls: type) -> dict[str, _Step]:
    """Qualified tag -> (field, is a list, child class, (types, format, bytes?) or None for str).

    Read from the fields of the generated class where they have the plain form the
    generator writes (see :func:`_field_plan`), through xsdata's metadata builder otherwise.
    """
    plan = _field_plan(cls)
    if plan is None:
        return _xsdata_plan(cls)
    _PLAIN_FORM.add(cls)
    return plan


_PLAIN_FORM: set[type] = set()
"""The classes whose plan :func:`_field_plan` read from their fields."""

# metadata keys of a plain element field: its tag, and facets the schema check enforces
_PLAIN_METADATA = frozenset(
    {
        "name",
        "type",
        "namespace",
        "fraction_digits",
        "length",
        "max_length",
        "max_occurs",
        "min_inclusive",
        "min_length",
        "min_occurs",
        "pattern",
        "total_digits",
    }
)
_LIST_OF = re.compile(r"list\[(\w+)\]")
_BUILTIN_LEAVES = {"str": str, "int": int, "bytes": bytes}


def _field_plan(cls: type) -> dict[str, _Step] | None:
    """The plan of a generated class read from its fields, or None where a field is not of
    the plain form (``name: None | T = field(metadata={"name": ..., "type": "Element",
    "namespace": ...})``, ``T`` a name, or ``list[T]``); what xsdata's builder gives for the
    same class (the tests compare the two for every class)."""
    scope = vars(sys.modules[cls.__module__])
    plan: dict[str, _Step] = {}
    for f in dataclasses.fields(cls):
        meta = f.metadata
        annotation = f.type
        if (
            meta.get("type") != "Element"
            or not isinstance(meta.get("name"), str)
            or not isinstance(meta.get("namespace"), str)
            or not _PLAIN_METADATA.issuperset(meta)
            or not isinstance(annotation, str)
        ):
            return None
        listed = _LIST_OF.fullmatch(annotation)
        if listed is not None:
            names = [listed.group(1)]
        else:
            names = [part.strip() for part in annotation.split("|")]
            names = [n for n in names if n != "None"]
        if len(names) != 1:
            return None
        tp = scope.get(names[0], _BUILTIN_LEAVES.get(names[0]))  # as the module would resolve it
        if not isinstance(tp, type):
            return None
        child = tp if dataclasses.is_dataclass(tp) else None
        conv = None if child is not None or tp is str else ((tp,), None, tp is bytes)
        qname = "{" + meta["namespace"] + "}" + meta["name"]
        if qname in plan:
            return None
        plan[qname] = (f.name, listed is not None, child, conv)
    return plan


def _xsdata_plan(cls: type) -> dict[str, _Step]:
    """The plan of a class from xsdata's metadata builder."""
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


@cache
def _required(cls: type) -> tuple[str, ...]:
    """The fields of a binding class without a default (required elements)."""
    return tuple(
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


# --------------------------------------------------------------------------- leaf converters
#
# A simple element's text becomes its value through a converter compiled once per binding
# field: a dict per enumeration, a regular expression and a constructor per date and time
# type, ``int`` and ``Decimal`` direct. Each gives what xsdata's generic converter gives; a
# text outside the compiled converter's canonical form (or one it refuses) goes to the
# generic converter, so that odd lexical forms, and the errors, stay exactly xsdata's.

_Leaf = Callable[[str], Any]
"""The text of a simple element to its value; raises ConverterError as xsdata does."""

# what the binder looks at after converting a leaf
_PLAIN = 0  # nothing: the value cannot be a date or a time
_DATE = 1  # an XmlDate: its year
_TIME = 2  # an XmlTime: 24:00:00
_ANY = 3  # whatever the generic converter gave: its type says

_Compiled = tuple[str, bool, "type | None", "_Leaf | None", int, bool]
# field, is a list, child class, converter (None: the text as is), what to check, b"" if empty


def _generic(types: tuple[type, ...], fmt: str | None) -> _Leaf:
    def leaf(text: str) -> Any:
        return converter.deserialize(text, types, format=fmt)

    return leaf


def _int_leaf(generic: _Leaf) -> _Leaf:
    def leaf(text: str) -> Any:
        try:
            return int(text)  # what xsdata's IntConverter does
        except ValueError:
            return generic(text)  # raises xsdata's ConverterError

    return leaf


def _decimal_leaf(generic: _Leaf) -> _Leaf:
    def leaf(text: str) -> Any:
        try:
            return Decimal(text)  # what xsdata's DecimalConverter does
        except InvalidOperation:
            return generic(text)

    return leaf


def _enum_tables(
    tp: type[enum.Enum],
) -> tuple[dict[str, tuple[int, enum.Enum]], dict[str, enum.Enum]]:
    """(value -> (index, first member with it), text -> member for the texts that are a
    value as it is)."""
    # xsdata takes the first member (in definition order) whose value is the stripped text
    # or the stripped text with its white space runs collapsed to single spaces
    table: dict[str, tuple[int, enum.Enum]] = {}
    for index, member in enumerate(tp):
        table.setdefault(member.value, (index, member))
    # a text that is a value with no white space to strip or collapse is that value's member
    exact = {
        value: member for value, (_, member) in table.items() if " ".join(value.split()) == value
    }
    return table, exact


def _enum_leaf(tp: type[enum.Enum], generic: _Leaf) -> _Leaf:
    table, exact = _enum_tables(tp)

    def leaf(text: str) -> Any:
        found = exact.get(text)
        if found is not None:
            return found
        stripped = text.strip()
        hit = table.get(stripped)
        joined = " ".join(stripped.split())
        if joined != stripped:
            other = table.get(joined)
            if other is not None and (hit is None or other[0] < hit[0]):
                hit = other
        if hit is None:
            return generic(text)
        return hit[1]

    return leaf


# The canonical forms, ASCII digits only; a four-digit year from 1000 (xsdata's own parser
# also takes other years, signs, and odd forms, which it is left to read).
_OFFSET = r"(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))?"
_DATE_FORM = re.compile(r"([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})" + _OFFSET)
_TIME_FORM = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?" + _OFFSET)


def _offset(zulu: str | None, sign: str | None, hours: str | None, minutes: str | None) -> Any:
    """The time zone offset in minutes, as xsdata's date parser reads it (None: no zone)."""
    if zulu is not None:
        return 0
    if sign is None:
        return None
    assert hours is not None and minutes is not None
    offset = int(hours) * 60 + int(minutes)
    return -offset if sign == "-" else offset


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_new_date = tuple.__new__  # XmlDate, XmlTime are named tuples: what their constructors make


def _date_leaf(generic: _Leaf) -> _Leaf:
    def leaf(text: str) -> Any:
        # the usual form, 2020-10-12, read without the regular expression
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
            y, m, d = text[:4], text[5:7], text[8:]
            if y.isdigit() and m.isdigit() and d.isdigit() and y[0] != "0":
                year, month, day = int(y), int(m), int(d)
                if 1 <= month <= 12 and 1 <= day <= (
                    _MONTH_DAYS[month] if month != 2 else monthlen(year, 2)
                ):
                    return _new_date(XmlDate, (year, month, day, None))
                return generic(text)
        match = _DATE_FORM.fullmatch(text.strip())
        if match is None:
            return generic(text)
        y, m, d, zulu, sign, hours, minutes = match.groups()
        year, month, day = int(y), int(m), int(d)
        if not 1 <= month <= 12 or not 1 <= day <= monthlen(year, month):
            return generic(text)
        return XmlDate(year, month, day, _offset(zulu, sign, hours, minutes))

    return leaf


def _time_leaf(generic: _Leaf) -> _Leaf:
    def leaf(text: str) -> Any:
        # the usual form, 16:05:41, read without the regular expression
        if len(text) == 8 and text[2] == ":" and text[5] == ":" and text.isascii():
            h, m, s = text[:2], text[3:5], text[6:]
            if h.isdigit() and m.isdigit() and s.isdigit():
                hour, minute, second = int(h), int(m), int(s)
                if hour < 24 and minute <= 59 and second <= 59:
                    return _new_date(XmlTime, (hour, minute, second, 0, None))
        match = _TIME_FORM.fullmatch(text.strip())
        if match is None:
            return generic(text)
        h, m, s, fraction, zulu, sign, hours, minutes = match.groups()
        hour, minute, second = int(h), int(m), int(s)
        nanos = int(fraction.ljust(9, "0")) if fraction is not None else 0
        if hour > 24 or minute > 59 or second > 59 or (hour == 24 and (minute or second or nanos)):
            return generic(text)
        return XmlTime(hour, minute, second, nanos, _offset(zulu, sign, hours, minutes))

    return leaf


def _stock(tp: type, kind: type) -> bool:
    """Whether xsdata converts ``tp`` with its own converter class ``kind``."""
    try:
        return isinstance(converter.type_converter(tp), kind)
    except ConverterError:
        return False


class _Form(NamedTuple):
    """How the leaf of one binding field is converted."""

    name: str  # "str", "int", "decimal", "date", "time", "enum" or "generic"
    leaf: _Leaf | None  # the compiled converter (None: the text as is)
    kind: int  # what the binder looks at after converting
    empty_bytes: bool  # an empty element is b""
    exact: dict[str, enum.Enum] | None  # an enumeration's texts that are a value as they are


def _leaf_form(conv: tuple[tuple[type, ...], str | None, bool] | None) -> _Form:
    """The compiled converter of one binding field, and its form."""
    if conv is None:
        return _Form("str", None, _PLAIN, False, None)
    types, fmt, is_bytes = conv
    generic = _generic(types, fmt)
    if len(types) == 1 and fmt is None:
        tp = types[0]
        if tp is int and _stock(int, IntConverter):
            return _Form("int", _int_leaf(generic), _PLAIN, False, None)
        if tp is Decimal and _stock(Decimal, DecimalConverter):
            return _Form("decimal", _decimal_leaf(generic), _PLAIN, False, None)
        proxy = converter.registry.get(tp)
        if tp is XmlDate and getattr(proxy, "factory", None) == XmlDate.from_string:
            return _Form("date", _date_leaf(generic), _DATE, False, None)
        if tp is XmlTime and getattr(proxy, "factory", None) == XmlTime.from_string:
            return _Form("time", _time_leaf(generic), _TIME, False, None)
        if (
            isinstance(tp, type)
            and issubclass(tp, enum.Enum)
            and _stock(tp, EnumConverter)
            and all(isinstance(member.value, str) for member in tp)
        ):
            return _Form("enum", _enum_leaf(tp, generic), _PLAIN, False, _enum_tables(tp)[1])
    return _Form("generic", generic, _ANY, is_bytes, None)


def _compile_leaf(conv: tuple[tuple[type, ...], str | None, bool] | None) -> tuple[Any, int, bool]:
    """(converter, what to check after it, b"" if empty) for one binding field."""
    form = _leaf_form(conv)
    return form.leaf, form.kind, form.empty_bytes


@cache
def _forms(cls: type) -> dict[str, _Form]:
    """Qualified tag -> the form of its leaf, for each field of a class (built once)."""
    return {tag: _leaf_form(conv) for tag, (_n, _l, _c, conv) in _plan(cls).items()}


@cache
def _compiled_plan(cls: type) -> dict[str, _Compiled]:
    """The binding plan of a class with a compiled converter per leaf (built once)."""
    forms = _forms(cls)
    return {
        tag: (name, is_list, child, forms[tag].leaf, forms[tag].kind, forms[tag].empty_bytes)
        for tag, (name, is_list, child, _conv) in _plan(cls).items()
    }


@cache
def _generic_plan(cls: type) -> dict[str, _Compiled]:
    """The binding plan of a class through xsdata's generic converter only (for comparison)."""
    return {
        tag: (
            name,
            is_list,
            child,
            None if conv is None else _generic(conv[0], conv[1]),
            _PLAIN if conv is None else _ANY,
            conv is not None and conv[2],
        )
        for tag, (name, is_list, child, conv) in _plan(cls).items()
    }


_COMPILED_LEAVES = True
"""Private switch: False binds every leaf through xsdata's generic converter (the tests
compare both ways)."""


class _Binder:
    """Binds a checked tree to the generated dataclasses.

    Strict: the tree is schema-valid, so every element has its place and every value
    converts. Tolerant: the check has set aside every element without a place; a value
    that does not convert is kept as its text (its finding says why), a missing required
    element is None. Both note values the schema accepts but Python cannot hold.
    """

    __slots__ = ("odd", "plan", "tolerant", "unconverted")

    def __init__(self, *, tolerant: bool) -> None:
        self.tolerant = tolerant
        self.odd: list[tuple[etree._Element, str, str]] = []  # element, code, why
        self.unconverted: list[etree._Element] = []  # values kept as text
        self.plan = _compiled_plan if _COMPILED_LEAVES else _generic_plan

    def build(self, el: etree._Element, cls: type) -> Any:
        plan = self.plan(cls)
        kwargs: dict[str, Any] = {}
        for child in el:
            try:
                name, is_list, sub, leaf, kind, empty_bytes = plan[child.tag]
            except KeyError:
                tag = child.tag
                if not isinstance(tag, str):  # comments, processing instructions
                    continue
                raise ParserError(f"Unknown property {cls.__qualname__}:{tag}") from None
            value: Any
            if sub is None:
                value = child.text
                if len(child):  # comments or processing instructions inside: join the text
                    value = (value or "") + "".join(node.tail or "" for node in child)
                if value is None:  # an empty element, as xsdata binds it
                    value = b"" if empty_bytes else ""
                elif leaf is not None:
                    try:
                        value = leaf(value)
                    except ConverterError:
                        # a value that does not convert stays text: the schema finding says
                        # why, or, where the schema accepts it, an unrepresentable-value one
                        self.unconverted.append(child)
                    else:
                        if kind:  # a date or a time: looked at where it may be odd
                            if kind == _DATE:
                                if not 1 <= value.year <= 9999:
                                    value = self.odd_value(child, kind, value)
                            elif kind != _TIME or value.hour == 24:
                                value = self.odd_value(child, kind, value)
            else:
                value = self.build(child, sub)
            if is_list:
                kwargs.setdefault(name, []).append(value)
            else:
                kwargs[name] = value
        try:
            return cls(**kwargs)
        except TypeError:
            if not self.tolerant:
                raise
            for name in _required(cls):
                kwargs.setdefault(name, None)  # a missing required element: its finding says so
            return cls(**kwargs)

    def odd_value(self, child: etree._Element, kind: int, value: Any) -> Any:
        """A converted value the schema accepts but Python cannot hold as such, noted."""
        if kind == _ANY:
            kind = _DATE if type(value) is XmlDate else _TIME if type(value) is XmlTime else 0
        if kind == _DATE:
            if not 1 <= value.year <= 9999:
                self.odd.append((child, "value.unrepresentable", _YEAR_RANGE))
        elif kind == _TIME and value.hour == 24:
            self.odd.append((child, "value.end-of-day", _END_OF_DAY))
            value = XmlTime(0, 0, 0, 0, value.offset)
        return value


_YEAR_RANGE = (
    "the schema accepts this date, but its year is outside 1..9999, which this library "
    "cannot hold as a date; the value is kept as text, but the message cannot be processed"
)
_END_OF_DAY = (
    "24:00:00 is read as 00:00:00: XML Schema 1.0 defines them as the same time of day; "
    "written back as 00:00:00"
)


# --------------------------------------------------------------------------- compiled builders
#
# A valid document is bound by functions compiled once per binding class, in one walk over
# the tree in document order: each function takes its element's children from that walk,
# matches each against the next field's tag in the fields' order, converts a leaf inline for
# its form, and makes the instance by setting every field, as the generated ``__init__``
# does. Whatever such a function does not expect (a child out of the fields' order, a
# comment or processing instruction, a missing required element, a value the compiled
# converter refuses or the generic binder would note) stops it: the document is then bound
# by :class:`_Binder`, which gives the result, or the exception, it always gives.

_Builder = Callable[[etree._Element, Callable[[], Any]], Any]
"""(element, the walk's next node) -> the bound element; its children taken from the walk."""


class _Doubt(Exception):
    """A compiled builder met what only the generic binder binds as it does."""


_NOT_BOUND: Any = object()
_COMPILED_BUILDERS = True
"""Private switch: False binds every document through :class:`_Binder` (for comparison)."""
_BUILDERS: dict[type, _Builder] = {}
"""Binding class -> its compiled builder."""
_SEEN: set[type] = set()
"""The root classes of the documents bound so far (their builders compiled for the second)."""


def _bind_compiled(root: etree._Element, cls: type) -> Any:
    """The document of a schema-valid tree bound by the compiled builders, or
    ``_NOT_BOUND`` where they leave it to :class:`_Binder`."""
    try:
        build = _BUILDERS.get(cls)
        if build is None:
            if cls not in _SEEN:  # the first document of its message: not worth compiling for
                _SEEN.add(cls)
                return _NOT_BOUND
            build = _builder(cls, frozenset())
        walk = root.iter()  # every node, comments and processing instructions too
        step = walk.__next__
        step()  # the root itself
        document = build(root, step)
        if next(walk, None) is not None:  # never for a tree the builders took whole
            return _NOT_BOUND
        return document
    except Exception:  # anything unexpected: the generic binder decides, exactly as always
        return _NOT_BOUND


def _buildable(cls: type) -> bool:
    """Whether setting every field of an instance made without ``__init__`` gives what the
    generated ``__init__`` gives: a plain dataclass with slots, fields of the plain form
    (:func:`_field_plan`) that are plain names, defaulting to None or to a new list."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.init or params.frozen or hasattr(cls, "__post_init__"):
        return False
    _plan(cls)  # notes whether the plan was read from the fields
    if cls not in _PLAIN_FORM or cls.__dictoffset__:
        return False
    fields = dataclasses.fields(cls)
    slots = {name for base in cls.__mro__ for name in vars(base).get("__slots__", ())}
    if slots != {f.name for f in fields}:
        return False
    for f in fields:
        if not f.init or not f.name.isidentifier() or keyword.iskeyword(f.name):
            return False
        if f.default_factory is not dataclasses.MISSING:
            if f.default_factory is not list:
                return False
        elif f.default is not None and f.default is not dataclasses.MISSING:
            return False
    return True


def _refuse(el: etree._Element, step: Callable[[], Any]) -> Any:
    """The builder of a class the compiled builders leave to the generic binder."""
    raise _Doubt


# after a child: the next one from the walk, or no tag when the element has no more
_NEXT_OUTSIDE = """    m -= 1
    if m:
        c = step()
        t = c.tag
    else:
        t = ''"""
_NEXT = "\n".join("    " + line for line in _NEXT_OUTSIDE.splitlines())


@cache
def _usual_forms() -> dict[str, dict[str, Any]]:
    """The usual forms of a date and a time in parts, as the date and time leaves read
    them (made when the first builder is compiled): years, ``-MM-DD`` (29 February left
    to the leaf: leap years), ``HH:MM`` and ``:SS``."""
    return {
        "_YEARS": {str(year): year for year in range(1000, 10000)},
        "_MONTH_DAYS": {
            f"-{month:02}-{day:02}": (month, day, None)
            for month in range(1, 13)
            for day in range(1, _MONTH_DAYS[month] + 1)
        },
        "_HOURS_MINUTES": {
            f"{hour:02}:{minute:02}": (hour, minute) for hour in range(24) for minute in range(60)
        },
        "_SECONDS": {f":{second:02}": (second, 0, None) for second in range(60)},
    }


def _leaf_lines(index: int, form: _Form, scope: dict[str, Any]) -> list[str]:
    """The lines that set ``v`` to the value of the leaf ``c`` (raising where the generic
    binder would do something else)."""
    if form.name == "str":
        return ["v = c.text", "if v is None:", "    v = ''"]
    scope[f"_c{index}"] = form.leaf
    # an empty element (no text): every converter below raises, and the generic binder binds it
    if form.name == "int":
        return ["v = int(c.text)"]  # the int leaf's own first step
    if form.name == "decimal":
        return ["v = _Decimal(c.text)"]  # the decimal leaf's own first step
    if form.name == "enum":
        scope[f"_e{index}"] = form.exact
        return ["x = c.text", f"v = _e{index}.get(x)", "if v is None:", f"    v = _c{index}(x)"]
    if form.name == "date":
        # the usual form (2020-10-12) by table, as the date leaf reads it; any other form
        # through the date leaf, where a year Python cannot hold is the generic binder's
        return [
            "x = c.text",
            "y = _YEARS.get(x[:4])",
            "md = _MONTH_DAYS.get(x[4:])",
            "if y is None or md is None:",
            f"    v = _c{index}(x)",
            "    if not 0 < v[0] < 10000:",
            "        raise _Doubt",
            "else:",
            "    v = _new_tuple(_XmlDate, (y,) + md)",
        ]
    if form.name == "time":  # the same for a time (16:05:41), where 24:00:00 is noted
        return [
            "x = c.text",
            "hm = _HOURS_MINUTES.get(x[:5])",
            "s = _SECONDS.get(x[5:])",
            "if hm is None or s is None:",
            f"    v = _c{index}(x)",
            "    if v[0] == 24:",
            "        raise _Doubt",
            "else:",
            "    v = _new_tuple(_XmlTime, hm + s)",
        ]
    return [
        "x = c.text",
        "if x is None:",
        "    raise _Doubt",
        f"v = _c{index}(x)",
        "if type(v) is _XmlDate or type(v) is _XmlTime:",
        "    raise _Doubt",
    ]


def _builder(cls: type, active: frozenset[type]) -> _Builder:
    """The compiled builder of a binding class (compiled on first use).

    ``active``: the classes being compiled around this one (a nested element of one of
    them is built through the lookup, not bound at compile time).
    """
    found = _BUILDERS.get(cls)
    if found is not None:
        return found
    if not _buildable(cls):
        _BUILDERS[cls] = _refuse
        return _refuse
    inner = active | {cls}
    forms = _forms(cls)
    required = set(_required(cls))
    scope: dict[str, Any] = {
        "_Doubt": _Doubt,
        "_new": object.__new__,
        "_cls": cls,
        "_BUILDERS": _BUILDERS,
        "_Decimal": Decimal,
        "_XmlDate": XmlDate,
        "_XmlTime": XmlTime,
        "_new_tuple": _new_date,
        **_usual_forms(),
        "int": int,
        "len": len,
        "type": type,
    }
    lines = [
        "def build(el, step):",
        "    m = len(el)",
        "    if m:",
        "        c = step()",
        "        t = c.tag",
        "    else:",
        "        t = ''",
    ]
    names = []
    for index, (tag, (name, is_list, sub, _conv)) in enumerate(_plan(cls).items()):
        var = f"f{index}"
        names.append((name, var))
        if sub is None:
            value = _leaf_lines(index, forms[tag], scope)
        elif sub in inner:  # a cycle: looked up when met
            scope[f"_s{index}"] = sub
            value = [f"v = _BUILDERS[_s{index}](c, step)"]
        else:
            scope[f"_b{index}"] = _builder(sub, inner)
            value = [f"v = _b{index}(c, step)"]
        if is_list:
            lines += [f"    {var} = []", f"    while t == {tag!r}:"]
            lines += [f"        {line}" for line in value]
            lines += [f"        {var}.append(v)", _NEXT]
        elif name in required:
            lines += [f"    if t != {tag!r}:", "        raise _Doubt"]
            lines += [f"    {line}" for line in value]
            lines += [f"    {var} = v", _NEXT_OUTSIDE]
        else:
            lines.append(f"    if t == {tag!r}:")
            lines += [f"        {line}" for line in value]
            lines += [f"        {var} = v", _NEXT, "    else:", f"        {var} = None"]
    lines.append("    if m:\n        raise _Doubt")  # a child out of order, or a comment
    lines.append("    o = _new(_cls)")
    lines += [f"    o.{name} = {var}" for name, var in names]
    lines.append("    return o")
    exec(compile("\n".join(lines), f"<builder of {cls.__qualname__}>", "exec"), scope)
    build: _Builder = scope["build"]
    _BUILDERS[cls] = build
    return build


def _bind(tree: etree._ElementTree, cls: type, *, strict: bool) -> Any:
    """The bound document, as :func:`parse` binds it (for the strict path: a schema-valid
    tree)."""
    return _bind_checked(tree.getroot(), cls, strict, tolerant=not strict)[0]


_UNCONVERTED = (
    "this library cannot hold this value as its type (the schema's own check does not "
    "decide it, e.g. more than nine digits of a fraction of a second); it is kept as text, "
    "but the message cannot be processed"
)


def _odd_findings(
    binder: _Binder, rel: Release, file: str | None, findings: Sequence[Finding] = ()
) -> list[Finding]:
    """Findings for the values the binder noted, and for values it kept as text that no
    other finding (of the schema check) explains."""
    paths = Paths()
    if binder.unconverted:
        explained = {f.path for f in findings if f.severity is Severity.ERROR}
        for el in binder.unconverted:
            if paths.path(el) not in explained:
                binder.odd.append((el, "value.unrepresentable", _UNCONVERTED))
    out = []
    for el, code, why in binder.odd:
        out.append(
            Finding(
                code=code,
                severity=Severity.ERROR if code == "value.unrepresentable" else Severity.WARNING,
                message=why,
                path=paths.path(el),
                line=line_of(el),
                value=cap_value(text_of(el)),
                release=rel.value,
                file=file,
            )
        )
    return out


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


def _bind_checked(
    root: etree._Element, cls: type, valid: bool, *, tolerant: bool
) -> tuple[Any, _Binder | None]:
    """The bound document of a checked tree, and the generic binder that bound it (None:
    the compiled builders did, with nothing to note). ``valid``: the check found no error."""
    if valid and _COMPILED_BUILDERS and _COMPILED_LEAVES:
        document = _bind_compiled(root, cls)
        if document is not _NOT_BOUND:
            return document, None
    binder = _Binder(tolerant=tolerant)
    return binder.build(root, cls), binder


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
