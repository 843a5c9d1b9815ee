"""What every stage of the mapping shares: the message models, the change records, and the
pairing of binding fields with model fields by their SIVI tag.

A binding field's tag is in its xsdata metadata (``"name"``), a model field's in its attrs
metadata (``"sivi"``). Which fields exist in which release is read from the bindings
themselves, which are generated from the schema sources: the release differences are data,
not code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Mapping
from functools import cache
from types import UnionType
from typing import Any, TypeVar

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._codec import Message
from .model import (
    MODEL_CLASSES,
    AbsenceMessage,
    AppointmentsMessage,
    DocumentsMessage,
    EmployeeDataMessage,
    EmployerDataMessage,
    EmploymentMessage,
    MedicalRecordMessage,
    PreventiveServicesRequestMessage,
    ProcessingReportMessage,
    ReturnMessage,
)
from .model._temporal import OffsetDate, PreciseTime
from .releases import MessageType, binding_class

#: The model of a whole message: what :func:`to_model` returns and :func:`from_model` takes.
MessageModel = (
    AbsenceMessage
    | AppointmentsMessage
    | DocumentsMessage
    | EmployeeDataMessage
    | EmployerDataMessage
    | EmploymentMessage
    | MedicalRecordMessage
    | PreventiveServicesRequestMessage
    | ProcessingReportMessage
    | ReturnMessage
)

#: the classes of :data:`MessageModel`
_MESSAGE_MODELS = frozenset(typing.get_args(MessageModel))

#: one of the classes of :data:`MessageModel`
M = TypeVar("M", bound=MessageModel)

_LIBRARY = "sivi_verzuim"


@attrs.frozen
class Change:
    """One thing a conversion could not carry (a loss) or had to fill in (a default).

    Attributes:
        path: the element's path in the source (losses) or in the output (defaults), with
            1-based positions.
        value: the value lost or filled in, as SIVI text (a summary for a whole element).
        reason: why.
        field: the model field path of the value (``employers[0].employees[0].name_preference``)
            where the change is about a field of the model; None for the root or a header code.
    """

    path: str
    value: str | None
    reason: str
    field: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """Plain-data form (for JSON)."""
        return {"path": self.path, "value": self.value, "reason": self.reason}


@attrs.frozen
class ConversionResult:
    """The outcome of :func:`convert`.

    Attributes:
        message: the converted message, valid against the target release's schema.
        losses: every value of the source that the target cannot carry.
        defaults: every value the target requires and the source lacked, with what was filled in.
    """

    message: Message
    losses: tuple[Change, ...]
    defaults: tuple[Change, ...]

    @property
    def lossless(self) -> bool:
        """True when nothing was lost."""
        return not self.losses


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(single value type, is repeated) of a field annotation."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return typing.get_args(tp)[0], True
    return tp, False


@attrs.frozen
class _BindingField:
    name: str
    tag: str
    type: Any
    repeated: bool
    required: bool
    meta: Mapping[str, Any]
    complex: bool  # an element with elements of its own (a binding dataclass)


@attrs.frozen
class _ModelField:
    name: str
    type: Any
    repeated: bool


@cache
def _binding_fields(cls: Any) -> tuple[_BindingField, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        tp, repeated = _unwrap(hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if repeated:
            required = int(f.metadata.get("min_occurs", 0)) > 0
        out.append(
            _BindingField(
                f.name,
                f.metadata["name"],
                tp,
                repeated,
                required,
                f.metadata,
                isinstance(tp, type) and dataclasses.is_dataclass(tp),
            )
        )
    return tuple(out)


@cache
def _model_fields(cls: Any) -> dict[str, _ModelField]:
    """SIVI tag -> model field (a field may answer to several tags)."""
    hints = typing.get_type_hints(cls)
    out: dict[str, _ModelField] = {}
    for a in attrs.fields(cls):
        tp, repeated = _unwrap(hints[a.name])
        for tag in a.metadata["sivi"]:
            out[tag] = _ModelField(a.name, tp, repeated)
    return out


def _model_class(mt: MessageType, binding_cls: type) -> type:
    for klass in binding_cls.__mro__:
        found = MODEL_CLASSES.get((mt.title, klass.__name__))
        if found is not None:
            return found
    raise KeyError(f"no model class for {mt.title}.{binding_cls.__name__}")


@cache
def _root_classes() -> dict[type, MessageType]:
    out: dict[type, MessageType] = {}
    for mt in MessageType:
        out[_model_class(mt, binding_class(mt, mt.releases[-1]))] = mt
    return out


class _NotAValue(Exception):
    """A value the model cannot hold (the fast path gives up; the careful walk explains)."""


_TEXT_NUMBERS = frozenset({"SofiNr"})


def _number_text(value: Any, bf: _BindingField) -> Any:
    """An identifying number as the model holds it: zero-padded text (others unchanged)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        width = int(bf.meta.get("total_digits", 0))
        return f"{value:0{width}d}"
    return value


def _model_date(value: XmlDate) -> dt.date:
    """A binding date as the model holds it: with its UTC offset when it has one."""
    if value.offset is None:
        return value.to_date()
    return OffsetDate(value.year, value.month, value.day, value.offset)


def _model_time(value: XmlTime) -> dt.time:
    """A binding time as the model holds it: nanoseconds kept, the offset as ``tzinfo``."""
    if value.fractional_second % 1000 == 0:
        return value.to_time()
    zone = None
    if value.offset is not None:
        zone = dt.timezone(dt.timedelta(minutes=value.offset))
    return PreciseTime(value.hour, value.minute, value.second, value.fractional_second, zone)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOUaeiou' else 'a'} {noun}"
