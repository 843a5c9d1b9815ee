"""From the model the careful way: the writer that notes every loss and every default.

:func:`~sivi_verzuim.from_model` and :func:`~sivi_verzuim.convert` take it wherever the
compiled writers (:mod:`._frommodel_compiled`) give up: something the target release cannot
carry, a required value to fill in, a warning, or a split point of a reconstructed release.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._mapbase import (
    _LIBRARY,
    _TEXT_NUMBERS,
    Change,
    _a,
    _binding_fields,
    _BindingField,
    _model_class,
    _model_fields,
)
from ._xsd import Split
from .errors import ConversionError, is_personal_path
from .model._behaviour import bsn_eleven_check
from .model._temporal import OffsetDate, PreciseTime
from .releases import MessageType, Release


def _sivi_text(value: Any) -> str:
    if attrs.has(type(value)):
        return f"({type(value).__name__} element)"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "J" if value else "N"
    return str(value)


_BUILTIN_DEFAULTS: dict[str, tuple[str, str]] = {
    # tag: (SIVI text, why that text is truthful)
    "GebrSwPakket": (f"{_LIBRARY} (conversion)", "the message was written by this library"),
    "VngntJN": ("O", "the source states the safety-net case in another form (VngntCd): unknown"),
    "GslchtCd": ("O", "the source does not state it: unknown"),
}


@attrs.define
class _Writer:
    """Builds the binding document of a release from a model, noting every loss and default.

    For a reconstructed release it writes the release's writing face (what every plausible
    reading accepts): an element only one reading has is lost, one only some readings
    require is filled like a required one, and a code or a form only one reading accepts is
    lost; each loss names its split point (``schemas/README.md``).
    """

    mt: MessageType
    release: Release
    defaults: Mapping[str, str]
    losses: list[Change] = attrs.field(factory=list)
    filled: list[Change] = attrs.field(factory=list)
    points: Mapping[str, Mapping[str, tuple[Split, ...]]] = attrs.field(factory=dict)
    builtin_defaults: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)
    warnings: list[Change] = attrs.field(factory=list)
    #: keep a header code the release leaves open (within a release); else write the default
    keep_open_codes: bool = True
    #: SIVI path of every element visited -> its model field path (``employers[0].name``)
    fields: dict[str, str] = attrs.field(factory=dict)

    def located(self, changes: list[Change]) -> tuple[Change, ...]:
        """``changes`` with the model field path of each."""
        return tuple(attrs.evolve(c, field=self.fields.get(c.path)) for c in changes)

    def narrowed(self, binding_cls: type, tag: str) -> tuple[Split, ...]:
        """The split points of an element of a binding class in the target's writing face."""
        if not self.points:
            return ()
        for klass in binding_cls.__mro__:
            children = self.points.get(klass.__name__)
            if children is not None:
                return children.get(tag, ())
        return ()

    def header_code(self, tag: str, value: Any) -> str:
        """The ``BrCd`` or ``VnrBrCd`` written: fixed by the release, or open and kept."""
        fixed = self.mt.brcd if tag == "BrCd" else self.mt.vnrbrcd(self.release)
        if fixed is not None:
            return fixed
        if self.keep_open_codes and isinstance(value, str) and value:
            return value
        return self.mt.default_brcd() if tag == "BrCd" else self.mt.default_vnrbrcd(self.release)

    def unconfirmed(self, point: Split, what: str) -> str:
        return (
            f"{what} is not written in release {self.release.value}: only one reading of the "
            f"release accepts it ({point.id}: {point.assumed})"
        )

    def field_of(self, path: str, name: str) -> str:
        """The model field path of a child ``name`` of the element at SIVI ``path``."""
        parent = self.fields.get(path, "")
        return f"{parent}.{name}" if parent else name

    def build(self, model: Any, binding_cls: type, path: str) -> Any:
        model_cls: Any = type(model)
        fields = _model_fields(model_cls)
        kwargs: dict[str, Any] = {}
        carried: set[str] = set()
        incomplete: list[str] = []
        for bf in _binding_fields(binding_cls):
            mf = fields.get(bf.tag)
            value = getattr(model, mf.name) if mf is not None else None
            if mf is not None:
                carried.add(mf.name)
            here = f"{path}/{bf.tag}"
            field = self.field_of(path, mf.name if mf is not None else bf.tag)
            self.fields[here] = field
            points = self.narrowed(binding_cls, bf.tag)
            absent = next((p for p in points if p.kind == "absent"), None)
            required = bf.required or any(p.kind == "required" for p in points)
            if absent is not None:
                values = value if isinstance(value, tuple) else (value,)
                for i, item in enumerate(v for v in values if v is not None):
                    indexed = isinstance(value, tuple) or attrs.has(type(item))
                    where = here + (f"[{i + 1}]" if indexed else "")
                    self.fields[where] = field + (f"[{i}]" if isinstance(value, tuple) else "")
                    self.losses.append(
                        Change(where, _sivi_text(item), self.unconfirmed(absent, bf.tag))
                    )
                continue
            if bf.tag in ("BrCd", "VnrBrCd") and path.endswith("/BrAlg[1]"):
                # a code the release fixes is the release's; an open one is kept when the
                # model has it (within a release), else the default; convert() reports changes
                kwargs[bf.name] = self.value(self.header_code(bf.tag, value), bf, here, points)
                continue
            if bf.repeated:
                items = list(value or ())
                limit = bf.meta.get("max_occurs")
                if limit is not None and len(items) > int(limit):
                    for i, extra in enumerate(items[int(limit) :], int(limit) + 1):
                        self.fields[f"{here}[{i}]"] = f"{field}[{i - 1}]"
                        self.losses.append(
                            Change(
                                f"{here}[{i}]",
                                _sivi_text(extra),
                                f"release {self.release.value} allows at most {limit}",
                            )
                        )
                    items = items[: int(limit)]
                out = []
                failed = False
                for i, item in enumerate(items, 1):
                    self.fields[f"{here}[{i}]"] = f"{field}[{i - 1}]"
                    try:
                        converted = self.optional(item, bf, f"{here}[{i}]", points)
                    except _Incomplete as exc:  # reported inside; go on with the others
                        incomplete.append(str(exc))
                        failed = True
                        continue
                    if converted is not _LOST:
                        out.append(converted)
                if failed:
                    continue
                if required and not out and items:  # every item given was lost (reported)
                    incomplete.append(f"no {bf.tag} given can be written")
                    continue
                if required and not out:
                    self.missing(bf, here)
                    incomplete.append(f"{bf.tag} is required")
                    continue
                kwargs[bf.name] = out
                continue
            if attrs.has(type(value)):
                here += "[1]"
                self.fields[here] = field
            converted = _LOST
            try:
                if value is not None:
                    if required:
                        converted = self.value(value, bf, here, points)
                    else:
                        converted = self.optional(value, bf, here, points)
                if converted is _LOST and required:
                    given = value is not None  # given, and its loss is reported already
                    converted = self.default(bf, here, points, given=given)
                    if converted is _LOST:
                        why = "cannot be written" if given else "is required"
                        incomplete.append(f"{bf.tag} {why}")
            except _Incomplete as exc:  # a nested problem, reported inside
                incomplete.append(str(exc))
                continue
            if converted is not _LOST:
                kwargs[bf.name] = converted
        for a in attrs.fields(type(model)):
            if a.name in carried:
                continue
            value = getattr(model, a.name)
            if value is None or value == () or not a.metadata["sivi"]:
                continue  # nothing, or not an element (a message model's findings)
            tag = a.metadata["sivi"][0]
            values = value if isinstance(value, tuple) else (value,)
            for i, item in enumerate(values, 1):
                indexed = isinstance(value, tuple) or attrs.has(type(item))
                where = f"{path}/{tag}" + (f"[{i}]" if indexed else "")
                self.fields[where] = self.field_of(path, a.name) + (
                    f"[{i - 1}]" if isinstance(value, tuple) else ""
                )
                self.losses.append(
                    Change(
                        where,
                        _sivi_text(item),
                        f"{tag} does not exist in release {self.release.value}",
                    )
                )
        if incomplete:
            raise _Incomplete("; ".join(dict.fromkeys(incomplete)))
        return binding_cls(**kwargs)

    def optional(
        self, value: Any, bf: _BindingField, path: str, points: tuple[Split, ...] = ()
    ) -> Any:
        """Convert an element the target may leave out.

        A small group of values (no nested elements of its own, e.g. a communication entry
        whose code the target lacks) that cannot be written whole is reported lost as a whole.
        A record with nested records (an employee, an employment) is never dropped: the
        conversion fails instead, naming what is missing.
        """
        if not attrs.has(type(value)) or _has_records(value):
            return self.value(value, bf, path, points)
        mark = (len(self.losses), len(self.filled))
        try:
            return self.value(value, bf, path, points)
        except _Incomplete as exc:
            inner = [
                f"{c.path.rsplit('/', 1)[1]} {_shown(c)}: {c.reason}"
                for c in self.losses[mark[0] :]
            ]
            del self.losses[mark[0] :]
            del self.filled[mark[1] :]
            why = "; ".join(inner) if inner else str(exc)
            reason = f"cannot be written in release {self.release.value} ({why})"
            self.losses.append(Change(path, _sivi_text(value), reason))
            return _LOST

    def value(
        self, value: Any, bf: _BindingField, path: str, points: tuple[Split, ...] = ()
    ) -> Any:
        tp = bf.type
        if bf.complex or attrs.has(type(value)):
            expected = _model_class(self.mt, tp) if bf.complex else None
            if expected is None or not isinstance(value, expected):
                want = "a simple value" if expected is None else _a(expected.__name__)
                raise ConversionError(
                    f"cannot write {self.mt.title}: {path} holds {_a(type(value).__name__)}, "
                    f"not {want}"
                )
            return self.build(value, tp, path)
        text = _sivi_text(value)
        for point in points:
            if point.kind == "codes" and not point.allows(text):
                what = f"code {text}" if len(text) <= 5 else bf.tag
                reason = self.unconfirmed(point, what) + f"; written: {', '.join(point.codes)}"
                self.losses.append(Change(path, text, reason))
                return _LOST
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            try:
                return tp(text)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in tp)
                self.losses.append(
                    Change(path, text, f"code not in release {self.release.value} ({allowed})")
                )
                return _LOST
        if bf.tag in _TEXT_NUMBERS and isinstance(value, str):
            return self.number(value, bf, path)
        if tp is XmlDate and isinstance(value, dt.date):
            return self.date(value, path)
        if tp is XmlTime and isinstance(value, dt.time):
            return self.time(value, path)
        patterned = [p for p in points if p.kind == "pattern"]
        if (tp is str or patterned) and "fraction_digits" in bf.meta and isinstance(value, Decimal):
            digits = int(bf.meta["fraction_digits"])
            try:
                exact = value.quantize(Decimal(1).scaleb(-digits))
            except InvalidOperation:
                exact = value
            if exact != value:
                self.losses.append(Change(path, str(value), f"more than {digits} decimals"))
                return _LOST
            for point in patterned:
                if not point.allows(str(exact)):
                    reason = self.unconfirmed(point, f"the form {exact}")
                    self.losses.append(Change(path, str(value), reason))
                    return _LOST
            return str(exact) if tp is str else exact
        if isinstance(value, str):
            limit = bf.meta.get("max_length", bf.meta.get("length"))
            low = bf.meta.get("min_length", bf.meta.get("length"))
            if (limit is not None and len(value) > int(limit)) or (
                low is not None and len(value) < int(low)
            ):
                self.losses.append(
                    Change(
                        path,
                        value,
                        f"length {len(value)} not allowed in release {self.release.value}",
                    )
                )
                return _LOST
        for point in patterned:
            if not point.allows(text):
                self.losses.append(Change(path, text, self.unconfirmed(point, f"the form {text}")))
                return _LOST
        return value

    def date(self, value: dt.date, path: str) -> Any:
        """A model date as the binding holds it, its UTC offset kept; a datetime is a loss."""
        if isinstance(value, dt.datetime):
            self.losses.append(
                Change(path, _sivi_text(value), "a date and time where a date belongs")
            )
            return _LOST
        if isinstance(value, OffsetDate):
            return XmlDate(value.year, value.month, value.day, value.offset)
        return XmlDate.from_date(value)

    def time(self, value: dt.time, path: str) -> Any:
        """A model time as the binding holds it: nanoseconds and offset kept, or a loss."""
        offset = None
        delta = value.utcoffset()
        if delta is not None:
            seconds = int(delta.total_seconds())
            if seconds % 60 or delta.microseconds or abs(seconds) > 14 * 3600:
                self.losses.append(
                    Change(
                        path,
                        _sivi_text(value),
                        "a UTC offset that is not whole minutes within 14:00 either way",
                    )
                )
                return _LOST
            offset = seconds // 60
        nanosecond = value.microsecond * 1000
        if isinstance(value, PreciseTime):
            nanosecond = value.nanosecond
        return XmlTime(value.hour, value.minute, value.second, nanosecond, offset)

    def number(self, value: str, bf: _BindingField, path: str) -> Any:
        """An identifying number given as text (a BSN): its digits, then the 11-check."""
        width = int(bf.meta.get("total_digits", 0))
        if not (value.isascii() and value.isdigit() and len(value) == width):
            self.losses.append(Change(path, value, f"not {width} digits"))
            return _LOST
        if bf.tag == "SofiNr" and not bsn_eleven_check(value):
            self.warnings.append(Change(path, value, "does not pass the BSN 11-check"))
        return int(value)

    def default(
        self, bf: _BindingField, path: str, points: tuple[Split, ...] = (), *, given: bool = False
    ) -> Any:
        """A required value from the defaults; ``given``: the model's own value was lost."""
        text = self.defaults.get(bf.tag)
        why = "given by the caller"
        if text is None and bf.tag in self.builtin_defaults:
            text, why = self.builtin_defaults[bf.tag]
        if text is None:
            self.missing(bf, path, given=given)
            return _LOST
        mark = len(self.losses)
        value = self.value(text, bf, path, points)
        if value is _LOST:
            del self.losses[mark:]  # the default does not fit; it is no loss of the source
            self.missing(bf, path, given=given)
            return _LOST
        self.filled.append(Change(path, text, f"required in release {self.release.value}; {why}"))
        return value

    def missing(self, bf: _BindingField, path: str, *, given: bool = False) -> None:
        reason = "no value and no default"
        if given:
            reason = "its value cannot be written (see the loss) and there is no default"
        self.filled.append(
            Change(path, None, f"required in release {self.release.value}; {reason}")
        )


_LOST: Any = object()


def _shown(change: Change) -> str | None:
    """A change's value as text that leaves the system: personal data masked."""
    if change.value is None or not is_personal_path(change.path):
        return change.value
    return f"<masked: {len(change.value)} characters>"


def _has_records(value: Any) -> bool:
    for a in attrs.fields(type(value)):
        field_value = getattr(value, a.name)
        items = field_value if isinstance(field_value, tuple) else (field_value,)
        if any(attrs.has(type(item)) for item in items):
            return True
    return False


class _Incomplete(Exception):
    """A required element of the target has no value and no default."""
