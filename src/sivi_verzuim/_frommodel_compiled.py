"""From the model through writers compiled per binding class: the ordinary path of
:func:`~sivi_verzuim.from_model` and :func:`~sivi_verzuim.convert`.

A compiled writer writes only what the careful writer (:mod:`._frommodel_careful`) writes
without a word, and writes it the same; wherever that writer would note a loss, fill a
default, warn or refuse, it raises :class:`_Bail` and the careful writer takes over.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._frommodel_careful import _LOST, _sivi_text, _Writer
from ._mapbase import (
    _TEXT_NUMBERS,
    _binding_fields,
    _BindingField,
    _model_class,
    _model_fields,
    _ModelField,
)
from ._xsd import Split, splits
from .model._behaviour import bsn_eleven_check
from .model._temporal import OffsetDate, PreciseTime
from .releases import MessageType, Release, binding_class


class _Bail(Exception):
    """The compiled writer gives up: the careful :class:`_Writer` says what and why."""


@cache
def _points(mt: MessageType, release: Release) -> Mapping[str, Mapping[str, tuple[Split, ...]]]:
    """The split points of a release's writing face (read once per message type)."""
    return splits(mt, release)


#: (message type, release, keep open header codes) -> the compiled writer of its root
_WRITERS: dict[tuple[MessageType, Release, bool], Callable[[Any], Any]] = {}


def _fast_write(mt: MessageType, release: Release, model: Any, keep_open_codes: bool) -> Any:
    """The binding document of a model through the writers compiled per class.

    Raises :class:`_Bail` wherever the careful writer would note a loss, fill a default,
    warn, or refuse: the compiled writers write only what the careful writer writes without
    a word, and write it the same.
    """
    key = (mt, release, keep_open_codes)
    write = _WRITERS.get(key)
    if write is None:
        write = _WRITERS[key] = _class_writer(
            mt, release, binding_class(mt, release), keep_open_codes, False, {}
        )
    return write(model)


def _class_writer(
    mt: MessageType,
    release: Release,
    binding_cls: Any,
    keep: bool,
    header: bool,
    done: dict[tuple[Any, bool], Callable[[Any], Any]],
) -> Callable[[Any], Any]:
    """The writer of one binding class: model object -> binding object, or :class:`_Bail`.

    ``header``: the class is the message's header (``BrAlg``), whose ``BrCd`` and ``VnrBrCd``
    are the release's. ``done``: the writers compiled so far for this root.
    """
    found = done.get((binding_cls, header))
    if found is not None:
        return found

    def bail(model: Any) -> Any:
        raise _Bail

    done[(binding_cls, header)] = bail  # a class met again inside itself: the careful writer
    try:
        model_cls: Any = _model_class(mt, binding_cls)
        write = _compile_writer(mt, release, binding_cls, model_cls, keep, header, done)
    except Exception:  # a class the compiled writer does not know how to write
        write = bail
    done[(binding_cls, header)] = write
    return write


def _compile_writer(
    mt: MessageType,
    release: Release,
    binding_cls: Any,
    model_cls: Any,
    keep: bool,
    header: bool,
    done: dict[tuple[Any, bool], Callable[[Any], Any]],
) -> Callable[[Any], Any]:
    fields = _model_fields(model_cls)
    points = _points(mt, release)
    narrow = _Writer(mt, release, {}, points=points)
    steps: list[tuple[str, str, int, Any, int | None]] = []
    carried: set[str] = set()
    for bf in _binding_fields(binding_cls):
        mf = fields.get(bf.tag)
        here = narrow.narrowed(binding_cls, bf.tag)
        required = bf.required or any(p.kind == "required" for p in here)
        if mf is None:
            if required:
                raise _Bail  # always a default to fill: never written without a word
            continue
        carried.add(mf.name)
        if here:  # a split point: written when there is nothing to write
            steps.append((bf.name, mf.name, _EMPTY_ONLY, required, None))
            continue
        if header and bf.tag in ("BrCd", "VnrBrCd") and not bf.repeated:
            fixed = mt.brcd if bf.tag == "BrCd" else mt.vnrbrcd(release)
            default = mt.default_brcd() if bf.tag == "BrCd" else mt.default_vnrbrcd(release)
            leaf = _leaf_writer(mt, release, bf, mf, keep, done)
            steps.append((bf.name, mf.name, _HEADER, (fixed, default, keep, leaf), None))
            continue
        if bf.tag == "BrAlg" and bf.repeated:
            raise _Bail  # only its first would be the header
        leaf = _leaf_writer(mt, release, bf, mf, keep, done)
        if bf.repeated:
            limit = bf.meta.get("max_occurs")
            kind = _LIST_REQUIRED if required else _LIST
            steps.append((bf.name, mf.name, kind, leaf, None if limit is None else int(limit)))
        else:
            steps.append((bf.name, mf.name, _ONE_REQUIRED if required else _ONE, leaf, None))
    others = tuple(
        a.name for a in attrs.fields(model_cls) if a.name not in carried and a.metadata["sivi"]
    )
    plan = tuple(steps)

    def write(model: Any) -> Any:
        if type(model) is not model_cls:
            raise _Bail
        kwargs: dict[str, Any] = {}
        for binding_name, name, kind, convert, limit in plan:
            value = getattr(model, name)
            if kind == _ONE:
                if value is not None:
                    kwargs[binding_name] = convert(value)
            elif kind in (_LIST, _LIST_REQUIRED):
                if type(value) is not tuple:
                    if value is not None:
                        raise _Bail
                    value = ()
                if (limit is not None and len(value) > limit) or (
                    kind == _LIST_REQUIRED and not value
                ):
                    raise _Bail
                kwargs[binding_name] = [convert(item) for item in value]
            elif kind == _ONE_REQUIRED:
                if value is None:
                    raise _Bail
                kwargs[binding_name] = convert(value)
            elif kind == _HEADER:
                fixed, default, keep_open, leaf = convert
                if fixed is None:
                    fixed = value if keep_open and isinstance(value, str) and value else default
                kwargs[binding_name] = leaf(fixed)
            elif (value is not None and value != ()) or convert:  # _EMPTY_ONLY
                raise _Bail  # a value at a split point, or one it requires
        for name in others:
            value = getattr(model, name)
            if value is not None and value != ():
                raise _Bail  # an element the release does not have
        return binding_cls(**kwargs)

    return write


_ONE, _ONE_REQUIRED, _LIST, _LIST_REQUIRED, _HEADER, _EMPTY_ONLY = range(6)


def _leaf_writer(
    mt: MessageType,
    release: Release,
    bf: _BindingField,
    mf: _ModelField,
    keep: bool,
    done: dict[tuple[Any, bool], Callable[[Any], Any]],
) -> Callable[[Any], Any]:
    """The writer of one value of a binding field without split points: what
    :meth:`_Writer.value` writes, or :class:`_Bail` where it notes a loss or a warning.

    A member of the model field's own code list is looked up by its name, and whether a
    value is a record by its class, once per class: an enum member's value and hash, and
    ``attrs.has``, are Python calls."""
    tp = bf.type
    if bf.complex:
        expected = _model_class(mt, tp)
        child = _class_writer(mt, release, tp, keep, bf.tag == "BrAlg", done)

        def element(value: Any) -> Any:
            if type(value) is not expected:
                raise _Bail
            return child(value)

        return element
    meta = bf.meta
    limit = meta.get("max_length", meta.get("length"))
    low = meta.get("min_length", meta.get("length"))
    most = None if limit is None else int(limit)
    least = None if low is None else int(low)
    enumerated = isinstance(tp, type) and issubclass(tp, enum.Enum)
    members: dict[Any, Any] = dict(tp._value2member_map_) if enumerated else {}
    number = bf.tag in _TEXT_NUMBERS
    width = int(meta.get("total_digits", 0))
    digits = int(meta["fraction_digits"]) if "fraction_digits" in meta else None
    fraction = digits is not None and tp is str
    step = Decimal(1).scaleb(-(digits or 0))

    own: Any = mf.type if isinstance(mf.type, type) and issubclass(mf.type, enum.Enum) else None
    by_name = {m._name_: members.get(str(m.value), _LOST) for m in own or ()}

    def leaf(value: Any) -> Any:
        kind = type(value)
        if kind is own:
            found = by_name[value._name_]
            if found is _LOST:
                raise _Bail
            return found
        record = _RECORD.get(kind)
        if record is None:
            record = _RECORD[kind] = attrs.has(kind)
        if record:
            raise _Bail  # a record where a simple value belongs: refused
        if enumerated:
            try:
                return members[_sivi_text(value)]
            except (KeyError, TypeError):
                raise _Bail from None
        if number and isinstance(value, str):
            if not (value.isascii() and value.isdigit() and len(value) == width):
                raise _Bail
            if bf.tag == "SofiNr" and not bsn_eleven_check(value):
                raise _Bail  # written, with a warning
            return int(value)
        if tp is XmlDate and isinstance(value, dt.date):
            if isinstance(value, dt.datetime):
                raise _Bail
            if isinstance(value, OffsetDate):
                return XmlDate(value.year, value.month, value.day, value.offset)
            return XmlDate.from_date(value)
        if tp is XmlTime and isinstance(value, dt.time):
            return _binding_time(value)
        if fraction and isinstance(value, Decimal):
            try:
                exact = value.quantize(step)
            except InvalidOperation:
                exact = value
            if exact != value:
                raise _Bail
            return str(exact)
        if isinstance(value, str) and (
            (most is not None and len(value) > most) or (least is not None and len(value) < least)
        ):
            raise _Bail
        return value

    return leaf


#: class -> whether it is a record of the model (``attrs.has``)
_RECORD: dict[type, bool] = {}


def _binding_time(value: dt.time) -> XmlTime:
    """:meth:`_Writer.time` where it notes no loss, else :class:`_Bail`."""
    offset = None
    delta = value.utcoffset()
    if delta is not None:
        seconds = int(delta.total_seconds())
        if seconds % 60 or delta.microseconds or abs(seconds) > 14 * 3600:
            raise _Bail
        offset = seconds // 60
    nanosecond = value.microsecond * 1000
    if isinstance(value, PreciseTime):
        nanosecond = value.nanosecond
    return XmlTime(value.hour, value.minute, value.second, nanosecond, offset)
