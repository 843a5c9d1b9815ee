"""Binding: a checked lxml tree to the generated dataclasses of its message.

A document with no error is bound by builders compiled per binding class (one walk in
document order, each leaf converted inline); anything a builder does not expect, and every
document of the tolerant path, is bound by the generic binder (:class:`_Binder`), whose leaf
converters are compiled per binding field and give exactly what xsdata's generic converter
gives. Values the schema accepts but Python cannot hold are noted (:func:`_odd_findings`).
"""

from __future__ import annotations

import dataclasses
import enum
import keyword
import re
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, NamedTuple

from lxml import etree
from xsdata.exceptions import ConverterError, ParserError
from xsdata.formats.converter import DecimalConverter, EnumConverter, IntConverter, converter
from xsdata.formats.dataclass.context import XmlContext
from xsdata.models.datatype import XmlDate, XmlTime
from xsdata.utils.dates import monthlen

from ._paths import Paths, line_of, text_of
from .errors import Finding, Severity, cap_value
from .releases import Release

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
