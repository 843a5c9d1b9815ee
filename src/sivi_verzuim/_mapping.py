"""Bindings <-> domain model, and conversion between releases.

The mapping is written once, for every message and release. It pairs fields by their SIVI tag:
a binding field's tag is in its xsdata metadata (``"name"``), a model field's in its attrs
metadata (``"sivi"``). Which fields exist in which release is read from the bindings themselves,
which are generated from the schema sources: the release differences are data, not code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import keyword
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from types import MemberDescriptorType, UnionType
from typing import Any, TypeVar, cast, overload

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._codec import Message, serialize
from ._xsd import Split, splits
from .errors import (
    ConversionError,
    Finding,
    Severity,
    SiviError,
    ValidationError,
    cap_value,
    is_personal_path,
)
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
from .model._behaviour import bsn_eleven_check
from .model._temporal import OffsetDate, PreciseTime
from .releases import MessageType, Release, binding_class

__all__ = [
    "Change",
    "ConversionError",
    "ConversionResult",
    "MessageModel",
    "convert",
    "from_model",
    "to_model",
]

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


def _change_findings(
    losses: tuple[Change, ...],
    filled: tuple[Change, ...],
    release: Release,
    warnings: tuple[Change, ...] = (),
) -> tuple[Finding, ...]:
    """Losses, missing values and filled defaults as findings naming SIVI path and model field.

    Codes: ``model.unwritable`` (error: the release cannot carry the value as it is),
    ``model.missing`` (error: required, no value, no default), ``model.default`` (warning: a
    default was filled),
    ``model.bsn-check`` (warning: a citizen service number fails the 11-check).
    """
    out = [_finding("model.bsn-check", Severity.WARNING, c, release) for c in warnings]
    lost: set[str] = set()
    for c in losses:
        lost.add(c.path)
        out.append(_finding("model.unwritable", Severity.ERROR, c, release))
    for c in filled:
        if c.value is None and c.path in lost:
            continue  # a required value given but not writable: one problem, reported above
        if c.value is None:
            out.append(_finding("model.missing", Severity.ERROR, c, release))
        else:
            out.append(_finding("model.default", Severity.WARNING, c, release))
    return tuple(out)


def _finding(code: str, severity: Severity, c: Change, release: Release) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message=c.reason,
        path=c.path,
        value=cap_value(c.value),
        release=release.value,
        field=c.field,
    )


# --------------------------------------------------------------------------- type plumbing


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


# --------------------------------------------------------------------------- to the model


@overload
def to_model(message: Message) -> MessageModel: ...


@overload
def to_model(message: Message, kind: type[M]) -> M: ...


def to_model(message: Message, kind: type[Any] | None = None) -> Any:
    """The message's content as domain-model objects (lossless within its release).

    Returns the model class of the message's root, e.g.
    :class:`~sivi_verzuim.model.AbsenceMessage` for Verzuimmeldingen; typed as
    :data:`MessageModel`, the union of those classes. With ``kind`` (a model root class, e.g.
    ``to_model(message, AbsenceMessage)``) the result is typed as that class, and a message
    of another type is a :class:`ConversionError`.

    What the model holds but did not stop for is in the result's ``findings``: a citizen
    service number (``SofiNr``) that fails the BSN 11-check is a ``model.bsn-check`` warning,
    with the SIVI path and the model field path
    (``employers[0].employees[0].citizen_service_number``).

    A tolerant parse (``parse(..., strict=False)``) of an invalid message converts as long as
    every value fits the model: a value that is too long, or a list longer than the schema
    allows, comes through as it is.

    Raises:
        ConversionError: a value cannot be read into the model (text where a date, number or
            code belongs, a date Python cannot hold, a required element that is missing, an
            object of the wrong kind). :attr:`ConversionError.findings` names every problem
            of the document (codes ``model.unconvertible`` and ``model.missing``), with its
            SIVI path, its model field path (:attr:`Finding.field`) and value; the exception's
            text masks the values of personal-data elements. Also when the message is not
            of ``kind``.
    """
    if kind is not None:
        expected = _root_classes().get(kind)
        if expected is None:
            raise ConversionError(
                f"{getattr(kind, '__name__', kind)!s} is not the model of a message "
                f"(e.g. AbsenceMessage)"
            )
        if getattr(message, "message_type", None) is not expected:
            got = getattr(getattr(message, "message_type", None), "title", type(message).__name__)
            raise ConversionError(f"to_model: expected a {expected.title} message, not {got}")
    model: MessageModel
    try:
        model = _root_model(message.document, message.message_type)
    except _Eleven:  # a number failing the 11-check: a warning, not a reason to walk
        model = _warned(message)
    except Exception:  # the careful walk below says what and where
        model = _Reader.read(message)
    return model


def _to_model(obj: Any, mt: MessageType) -> Any:
    """The model of a binding object through the mapper compiled for its class.

    Raises on anything unusual (a value of the wrong kind, a missing required element, a
    BSN failing the 11-check): the careful walk of :class:`_Reader` then says what and where.
    """
    binding_cls: Any = type(obj)
    return _mapper(mt, binding_cls)(obj)


def _root_model(document: Any, mt: MessageType) -> Any:
    """:func:`_to_model` of a message's document, which must be the message's root element.

    A BSN failing the 11-check raises :class:`_Eleven`, anything else unusual another
    exception.
    """
    binding_cls: Any = type(document)
    found = _ROOTS.get(binding_cls)
    if found is None or found[0] is not mt:
        found = mt, _mapper(mt, binding_cls)
        if _model_class(mt, binding_cls) not in _MESSAGE_MODELS:
            # an element of the message, not its root (a message type's classes map to the
            # model of its own root only; its other message types' bindings stay unloaded)
            raise _NotAValue
        _ROOTS[binding_cls] = found
    return found[1](document)


def _warned(message: Message) -> Any:
    """The model of a message whose citizen service numbers do not all pass the 11-check.

    Built by the mappers compiled without that check; the numbers that fail are then found
    in the document, each a ``model.bsn-check`` warning in the model's ``findings``, as the
    careful walk reports them. Anything else unusual: the careful walk itself.
    """
    mt = message.message_type
    rel = getattr(message.release, "value", None)
    reader = _Reader(mt, rel if isinstance(rel, str) else None, message.file)
    try:
        document: Any = message.document
        model = _mapper(mt, type(document), lax=True)(document)
        _bsn_warnings(reader, document, "/" + mt.root, "")
    except Exception:  # the careful walk says what and where
        return _Reader.read(message)
    if not reader.findings:  # pragma: no cover - the strict mapper found one
        return _Reader.read(message)
    return attrs.evolve(model, findings=tuple(reader.findings))


def _bsn_warnings(reader: _Reader, obj: Any, path: str, field: str) -> None:
    """Warn about every citizen service number below ``obj`` failing the 11-check.

    The walk of :meth:`_Reader.element` through the nested elements, with its paths and
    model field paths, looking at nothing but the numbers: the document is known to convert.
    """
    binding_cls: Any = type(obj)
    model_cls: Any = _model_class(reader.mt, binding_cls)
    fields = _model_fields(model_cls)
    for bf in _binding_fields(binding_cls):
        if not (bf.complex or bf.tag in _TEXT_NUMBERS):
            continue
        value = getattr(obj, bf.name)
        if value is None or (bf.repeated and not value):
            continue
        here = f"{path}/{bf.tag}"
        mf = fields[bf.tag]
        named = f"{field}.{mf.name}" if field else mf.name
        if bf.repeated:
            located = [(v, f"{here}[{i}]", f"{named}[{i - 1}]") for i, v in enumerate(value, 1)]
        else:
            located = [(value, here + "[1]" if bf.complex else here, named)]
        for item, where, name in located:
            if bf.complex:
                _bsn_warnings(reader, item, where, name)
                continue
            text = _number_text(item, bf)
            if bf.tag == "SofiNr" and not bsn_eleven_check(text):
                reader.problem(
                    "model.bsn-check",
                    "does not pass the BSN 11-check",
                    where,
                    text,
                    name,
                    Severity.WARNING,
                )


class _NotAValue(Exception):
    """A value the model cannot hold (the fast path gives up; the careful walk explains)."""


class _Eleven(_NotAValue):
    """A citizen service number that fails the 11-check: the model holds it, with a warning."""


_new = object.__new__
_set = object.__setattr__
#: (without the 11-check?) -> message type -> binding class -> its compiled mapper (by
#: message type first: an enum member's hash is a Python call, a class's is not)
_MAPPERS: dict[bool, dict[MessageType, dict[Any, Callable[[Any], Any]]]] = {
    lax: {mt: {} for mt in MessageType} for lax in (False, True)
}
#: root binding class -> (its message type, its compiled mapper)
_ROOTS: dict[Any, tuple[MessageType, Callable[[Any], Any]]] = {}


def _mapper(
    mt: MessageType, binding_cls: Any, lax: bool = False, active: frozenset[Any] = frozenset()
) -> Callable[[Any], Any]:
    """The compiled mapper of a binding class (compiled on first use).

    ``lax``: the mapper that does not check citizen service numbers; ``active``: the classes
    being compiled around this one (a nested element of one of them is mapped by lookup).
    """
    mappers = _MAPPERS[lax][mt]
    found = mappers.get(binding_cls)
    if found is None:
        found = mappers[binding_cls] = _compile(mt, binding_cls, lax, active)
    return found


def _compile(
    mt: MessageType, binding_cls: Any, lax: bool = False, active: frozenset[Any] = frozenset()
) -> Callable[[Any], Any]:
    """A function binding object -> model object, compiled once per binding class.

    Every leaf gets a converter chosen here from the binding's and the model's field types,
    and each converter checks the exact type of its value, so the model object is built
    without its ``__init__``: its converters and validators would only check again what the
    converter has checked. Whatever a converter does not recognise raises.
    """
    if not (isinstance(binding_cls, type) and dataclasses.is_dataclass(binding_cls)):
        raise _NotAValue
    cls: Any = _model_class(mt, binding_cls)
    fields = _model_fields(cls)
    defaults: dict[str, Any] = {}
    required: set[str] = set()
    for a in attrs.fields(cls):
        if a.default is attrs.NOTHING:
            required.add(a.name)
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{a.name}: a default factory is not compiled")
        else:
            defaults[a.name] = a.default
    plan = []
    for bf in _binding_fields(binding_cls):
        mf = fields[bf.tag]
        plan.append((bf, mf, _leaf_converter(mt, bf, mf, lax)))
    steps = tuple(plan)
    present = tuple(defaults.items())
    needed = frozenset(required)
    names = [mf.name for _, mf, _ in steps]
    if len(set(names)) == len(names):  # each model field fed by one binding field at most
        inner = active | {binding_cls}
        return _single_pass(mt, cls, steps, defaults, needed, lax, inner)

    def build(obj: Any) -> Any:
        model: Any = _new(cls)
        for name, default in present:
            _set(model, name, default)
        seen = set()
        for bf, mf, convert in steps:
            value = getattr(obj, bf.name)
            if value is None:
                continue
            if bf.repeated:
                if type(value) is not list:
                    raise _NotAValue
                if not value:
                    continue
                _set(model, mf.name, tuple([convert(v) for v in value]))
            else:
                _set(model, mf.name, convert(value))
            seen.add(mf.name)
        if not needed <= seen:
            raise _NotAValue  # a required element is missing
        return model

    return build


def _single_pass(
    mt: MessageType,
    cls: Any,
    steps: tuple[tuple[_BindingField, _ModelField, Any], ...],
    defaults: dict[str, Any],
    needed: frozenset[str],
    lax: bool,
    active: frozenset[Any],
) -> Callable[[Any], Any]:
    """The mapper of a class whose model fields are each fed by one binding field at most.

    Every model field is set once, to its value or its default, by a function written out
    field by field for the class: each leaf's conversion written inline for its kind (a type
    check, a table lookup, a date built from its parts), a nested element of its binding
    class handed straight to that class's mapper; anything else through the field's
    converter.
    """
    fed = {mf.name for _, mf, _ in steps}
    if not needed <= fed:  # a required field no binding field feeds: never buildable

        def refuse(obj: Any) -> Any:
            raise _NotAValue

        return refuse
    scope: dict[str, Any] = {
        "_new": _new,
        "_set": _set,
        "_cls": cls,
        "_NotAValue": _NotAValue,
        "_Eleven": _Eleven,
        "_eleven": bsn_eleven_check,
        "_XmlDate": XmlDate,
        "_XmlTime": XmlTime,
        "_date": dt.date,
        "_OffsetDate": OffsetDate,
        "_model_time": _model_time,
        "_time": dt.time,
        "_Decimal": Decimal,
        "getattr": getattr,
        "int": int,
        "list": list,
        "str": str,
        "tuple": tuple,
        "type": type,
    }
    lines = ["def build(obj):", "    model = _new(_cls)"]
    for i, (bf, mf, convert) in enumerate(steps):
        scope[f"_c{i}"] = convert
        default = defaults.get(mf.name)
        scope[f"_d{i}"] = default
        plain = bf.name.isidentifier() and not keyword.iskeyword(bf.name)
        read = f"obj.{bf.name}" if plain else f"getattr(obj, {bf.name!r})"
        lines.append(f"    value = {read}")
        if mf.name in needed:
            missing = ["raise _NotAValue"]
        elif default is None:
            missing = []  # the value is None already
        else:
            missing = [f"value = _d{i}"]
        if bf.repeated:
            each = f"_c{i}(v)"
            child = _child_mapper(mt, bf, mf, lax, active)
            if child is not None:
                scope[f"_k{i}"], scope[f"_m{i}"] = bf.type, child
                each = f"_m{i}(v) if type(v) is _k{i} else _c{i}(v)"
            lines += [
                "    if value:",
                "        if type(value) is not list:",
                "            raise _NotAValue",
                f"        value = tuple([{each} for v in value])",
                "    elif value is None or type(value) is list:",
                *(f"        {line}" for line in missing or ["value = None"]),
                "    else:",
                "        raise _NotAValue",
            ]
        else:
            checked = _checked_type(bf, mf)
            if checked is not None:  # a value the model takes as it is, after a type check
                lines += [
                    f"    if type(value) is not {checked.__name__}:",
                    "        if value is not None:",
                    "            raise _NotAValue",
                    *(f"        {line}" for line in missing),
                ]
            else:
                body = _inline(i, mt, bf, mf, lax, active, scope)
                if missing:
                    lines += ["    if value is None:", *(f"        {x}" for x in missing)]
                    lines += ["    else:", *(f"        {x}" for x in body)]
                else:
                    lines += ["    if value is not None:", *(f"        {x}" for x in body)]
        lines.append(f"    {_setter(cls, mf.name, scope)}value)")
    for j, (name, default) in enumerate(defaults.items()):
        if name not in fed:
            scope[f"_r{j}"] = default
            lines.append(f"    {_setter(cls, name, scope)}_r{j})")
    lines.append("    return model")
    exec(compile("\n".join(lines), f"<mapper {cls.__qualname__}>", "exec"), scope)
    build: Callable[[Any], Any] = scope["build"]
    return build


def _setter(cls: Any, name: str, scope: dict[str, Any]) -> str:
    """The start of a call setting field ``name`` of a new ``model``: its slot's own setter
    where the class has one (what ``object.__setattr__`` would find and call), else that."""
    for klass in cls.__mro__:
        slot = vars(klass).get(name)
        if slot is not None:
            if type(slot) is not MemberDescriptorType:
                break
            scope[f"_s_{name}"] = slot.__set__
            return f"_s_{name}(model, "
    return f"_set(model, {name!r}, "


def _checked_type(bf: _BindingField, mf: _ModelField) -> type | None:
    """The exact type a leaf's value must have for the model to take it unchanged, if any."""
    if bf.tag in _TEXT_NUMBERS or mf.type not in (str, int):
        return None
    if isinstance(bf.type, type) and issubclass(bf.type, enum.Enum):
        return None  # a fixed header code: its member's text
    tp: type = mf.type
    return tp


def _child_mapper(
    mt: MessageType, bf: _BindingField, mf: _ModelField, lax: bool, active: frozenset[Any]
) -> Callable[[Any], Any] | None:
    """The mapper of a nested element's binding class, if its model is what the field takes.

    None where the element is mapped by lookup instead: a class being compiled around this
    one, or one whose mapper cannot be compiled (its use then gives up, as it should).
    """
    if not bf.complex or bf.type in active:
        return None
    try:
        model_cls = _model_class(mt, bf.type)
        if not (isinstance(mf.type, type) and issubclass(model_cls, mf.type)):
            return None
        return _mapper(mt, bf.type, lax, active)
    except Exception:
        return None


def _inline(
    i: int,
    mt: MessageType,
    bf: _BindingField,
    mf: _ModelField,
    lax: bool,
    active: frozenset[Any],
    scope: dict[str, Any],
) -> list[str]:
    """The lines converting ``value`` (not None) of leaf ``i`` to the model's value.

    The same conversion as the field's converter ``_c{i}`` (the fallback of every line
    here), written out for its kind.
    """
    tp, bt = mf.type, bf.type
    if bf.tag in _TEXT_NUMBERS:
        width = int(bf.meta.get("total_digits", 0))
        lines = [
            "if type(value) is not int or value < 0:",
            "    raise _NotAValue",
            'value = f"{value:0' + str(width) + 'd}"',
        ]
        if bf.tag == "SofiNr" and not lax:
            # the 11-check of nine ASCII digits, on their character codes (each digit + 48:
            # the weights 9 .. 2 and -1 add up to 43)
            lines += [
                "if len(value) != 9:",
                "    raise _Eleven",
                "b = value.encode()",
                "if (9 * b[0] + 8 * b[1] + 7 * b[2] + 6 * b[3] + 5 * b[4] + 4 * b[5]"
                " + 3 * b[6] + 2 * b[7] - b[8] - 43 * 48) % 11:",
                "    raise _Eleven",
            ]
        return lines
    if attrs.has(tp):
        child = _child_mapper(mt, bf, mf, lax, active)
        if child is None:
            return [f"value = _c{i}(value)"]
        scope[f"_k{i}"], scope[f"_m{i}"] = bt, child
        return [f"value = _m{i}(value) if type(value) is _k{i} else _c{i}(value)"]
    if tp is bool or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        by_text, by_name = _code_tables(tp, bt)
        table = dict(by_text)
        if isinstance(bt, type) and issubclass(bt, enum.Enum):
            table.update({m: by_text[m.value] for m in bt if m.value in by_text})
        scope[f"_t{i}"] = table
        if not by_name:
            return [f"value = _t{i}[value]"]
        scope[f"_b{i}"], scope[f"_n{i}"] = bt, by_name
        return [f"value = _n{i}[value._name_] if type(value) is _b{i} else _t{i}[value]"]
    if tp is dt.date:
        return [
            "if type(value) is not _XmlDate:",
            "    raise _NotAValue",
            "year, month, day, offset = value",
            "if offset is None:",
            "    value = _date(year, month, day)",
            "else:",
            "    value = _OffsetDate(year, month, day, offset)",
        ]
    if tp is dt.time:
        return [
            "if type(value) is not _XmlTime:",
            "    raise _NotAValue",
            "hour, minute, second, fraction, offset = value",
            "if offset is None and not fraction % 1000:",
            "    value = _time(hour, minute, second, fraction // 1000)",
            "else:",
            "    value = _model_time(value)",
        ]
    if tp is Decimal:
        return [
            "if type(value) is not _Decimal:",
            "    if type(value) is not str and type(value) is not int:",
            "        raise _NotAValue",
            "    value = _Decimal(value)",
            "if value.is_nan():",
            "    raise _NotAValue",
        ]
    if tp is str and isinstance(bt, type) and issubclass(bt, enum.Enum):
        # a fixed header code: text, or a member of the binding's code list (by its name)
        scope[f"_b{i}"] = bt
        scope[f"_n{i}"] = {m._name_: m.value for m in bt if type(m.value) is str}
        return [
            f"if type(value) is _b{i}:",
            f"    value = _n{i}[value._name_]",
            "elif type(value) is not str:",
            f"    value = _c{i}(value)",
        ]
    return [f"value = _c{i}(value)"]


def _code_tables(tp: Any, bt: Any) -> tuple[dict[Any, Any], dict[str, Any]]:
    """(SIVI text -> model value, member name of the binding's code list -> model value)."""
    if tp is bool:
        by_text: dict[Any, Any] = {"J": True, "N": False}
    else:
        by_text = {m.value: m for m in tp}
    # a member of the binding's code list by its name: an enum member's own hash is a
    # Python call, its name's is not
    by_name: dict[str, Any] = {}
    if isinstance(bt, type) and issubclass(bt, enum.Enum):
        by_name = {m._name_: by_text[m.value] for m in bt if m.value in by_text}
    return by_text, by_name


def _leaf_converter(mt: MessageType, bf: _BindingField, mf: _ModelField, lax: bool = False) -> Any:
    """The converter of one binding field's values to the model field's type.

    ``lax``: a citizen service number failing the 11-check is taken (its warning is found
    after); else it raises :class:`_Eleven`.
    """
    tp, bt = mf.type, bf.type
    if bf.tag in _TEXT_NUMBERS:
        width = int(bf.meta.get("total_digits", 0))
        eleven = bf.tag == "SofiNr" and not lax

        def number(value: Any) -> str:
            if type(value) is not int or value < 0:
                raise _NotAValue
            text = f"{value:0{width}d}"
            if eleven and not bsn_eleven_check(text):
                raise _Eleven  # valid, but the model warns about it
            return text

        return number
    if attrs.has(tp):
        mappers = _MAPPERS[lax][mt]

        def element(value: Any) -> Any:
            kind: Any = type(value)
            mapper = mappers.get(kind)
            if mapper is None:
                mapper = _mapper(mt, kind, lax)
            model = mapper(value)
            if not isinstance(model, tp):
                raise _NotAValue
            return model

        return element
    if tp is bool or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        by_text, by_name = _code_tables(tp, bt)
        # the SIVI text, and the members of the binding's own code list
        table = dict(by_text)
        if isinstance(bt, type) and issubclass(bt, enum.Enum):
            table.update({m: by_text[m.value] for m in bt if m.value in by_text})
        members = bt if by_name else None

        def code(value: Any) -> Any:
            if type(value) is members:
                try:
                    return by_name[value._name_]
                except KeyError:
                    raise _NotAValue from None
            try:
                return table[value]
            except (KeyError, TypeError):
                raise _NotAValue from None

        return code
    if tp is dt.date:

        def date(value: Any) -> dt.date:
            if type(value) is not XmlDate:
                raise _NotAValue
            return _model_date(value)

        return date
    if tp is dt.time:

        def time(value: Any) -> dt.time:
            if type(value) is not XmlTime:
                raise _NotAValue
            return _model_time(value)

        return time
    if tp is Decimal:

        def decimal(value: Any) -> Decimal:
            if type(value) is Decimal:
                number: Decimal = value
            elif type(value) is str or type(value) is int:
                number = Decimal(value)
            else:
                raise _NotAValue
            if number.is_nan():
                raise _NotAValue
            return number

        return decimal
    if tp is str and isinstance(bt, type) and issubclass(bt, enum.Enum):
        texts = {m: m.value for m in bt if type(m.value) is str}  # a fixed header code

        def text(value: Any) -> str:
            if type(value) is str:
                return value
            try:
                return texts[value]
            except (KeyError, TypeError):
                raise _NotAValue from None

        return text
    if tp is str or tp is int:

        def plain(value: Any) -> Any:
            if type(value) is not tp:
                raise _NotAValue
            return value

        return plain
    raise TypeError(f"no converter for {bf.tag}: {bt!r} -> {tp!r}")


#: tags whose numbers are identifiers with leading zeros: text of fixed width in the model
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


#: a time whose fraction the bindings cannot hold (a tolerant parse keeps it as text)
_LONG_FRACTION = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{10,}(Z|[+-]\d{2}:\d{2})?")


# ------------------------------------------------------------- to the model, when it fails


_BAD: Any = object()


@cache
def _required_model_fields(cls: Any) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING)


def _value_text(value: Any) -> str | None:
    """A value as a finding repeats it: SIVI text for simple values, a summary for objects."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        inner = value.value
        return _value_text(inner) if isinstance(inner, str | int) else type(value).__name__
    if isinstance(value, str):
        return cap_value(value)
    if isinstance(value, bool | int | Decimal | dt.date | dt.time | XmlDate | XmlTime):
        return cap_value(str(value))
    if isinstance(value, list | tuple):
        return f"({type(value).__name__} of {len(value)} items)"
    return f"({type(value).__name__} object)"


_EXPECTED: dict[Any, str] = {
    dt.date: "not a valid date (YYYY-MM-DD)",
    dt.time: "not a valid time (hh:mm:ss)",
    int: "not a whole number",
    Decimal: "not a decimal number",
    str: "not text",
    bool: "not J or N",
}


def _leaf_problem(value: Any, tp: Any, tag: str) -> tuple[Any, str | None]:
    """(the model's value, None) or (_BAD, the rule the value breaks), never raising."""
    try:
        if isinstance(value, enum.Enum):
            value = value.value
        if tp is bool:
            if value == "J":
                return True, None
            if value == "N":
                return False, None
            return _BAD, _EXPECTED[bool]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            try:
                return tp(value), None
            except (ValueError, TypeError):
                allowed = ", ".join(str(m.value) for m in tp)
                return _BAD, f"not a {tag} code ({allowed})"
        if isinstance(value, XmlDate):
            if not dt.MINYEAR <= value.year <= dt.MAXYEAR:
                # the rule does not repeat the year: it may be part of a birth date
                return _BAD, (
                    f"the year is outside {dt.MINYEAR}..{dt.MAXYEAR}, which a date cannot hold"
                )
            try:
                value = _model_date(value)
            except (ValueError, OverflowError, TypeError):
                return _BAD, "not a valid date (or a UTC offset beyond 14:00)"
        elif isinstance(value, XmlTime):
            try:
                value = _model_time(value)
            except (ValueError, OverflowError, TypeError):
                return _BAD, "not a valid time (00:00:00 to 23:59:59)"
        elif tp is dt.time and isinstance(value, str) and _LONG_FRACTION.fullmatch(value):
            return (
                _BAD,
                "a fraction of the second of more than 9 digits, which the model cannot hold",
            )
        if tp is Decimal:
            if not isinstance(value, Decimal):
                try:
                    value = Decimal(value)
                except (InvalidOperation, ValueError, TypeError, ArithmeticError):
                    return _BAD, _EXPECTED[Decimal]
            if value.is_nan():
                return _BAD, "not a number (NaN)"
    except Exception:  # a value whose own methods fail (a hand-built document)
        return _BAD, "cannot be converted"
    if isinstance(tp, type) and not isinstance(value, tp):
        return _BAD, _EXPECTED.get(tp, f"not a {tp.__name__}")
    return value, None


@attrs.define
class _Reader:
    """The careful walk of :func:`to_model`: every problem of a document, as findings."""

    mt: MessageType
    release: str | None
    file: str | None
    findings: list[Finding] = attrs.field(factory=list)

    @classmethod
    def read(cls, message: Any) -> MessageModel:
        mt = getattr(message, "message_type", None)
        if not isinstance(message, Message) or not isinstance(mt, MessageType):
            raise ConversionError(
                f"to_model needs a parsed Message, not {type(message).__name__}"
                if not isinstance(message, Message)
                else "the message's message_type is not a MessageType"
            )
        rel = getattr(message.release, "value", None)
        reader = cls(mt, rel if isinstance(rel, str) else None, message.file)
        path = "/" + mt.root
        document = message.document
        root_model = next(k for k, v in _root_classes().items() if v is mt)
        model = _BAD
        if reader._model_class_of(document) is not root_model:
            reader.problem(
                "model.unconvertible",
                f"the document is not a {mt.root} element",
                path,
                document,
            )
        else:
            try:
                model = reader.element(document, path, "")
            except Exception as exc:  # a defect of the walk: still only a ConversionError
                reader.problem(
                    "model.unconvertible", f"cannot be read ({type(exc).__name__})", path
                )
        if any(f.severity is Severity.ERROR for f in reader.findings):
            raise reader.error()
        if model is _BAD:  # pragma: no cover - every _BAD comes with a finding
            raise ConversionError(f"cannot read {mt.title} into the model")
        if reader.findings:
            model = attrs.evolve(model, findings=tuple(reader.findings))
        return cast(MessageModel, model)

    def _model_class_of(self, value: Any) -> Any:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return None
        binding_cls: Any = type(value)
        try:
            found = _model_class(self.mt, binding_cls)
            _binding_fields(binding_cls)  # a dataclass of the right name but not a binding
        except Exception:
            return None
        return found

    def problem(
        self,
        code: str,
        rule: str,
        path: str,
        value: Any = None,
        field: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=rule,
                path=path,
                value=_value_text(value),
                release=self.release,
                file=self.file,
                field=field or None,
            )
        )

    def error(self) -> ConversionError:
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        shown = [str(f.masked()) for f in errors[:3]]
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        count = len(errors)
        what = f"{self.mt.title} {self.release}" if self.release else self.mt.title
        return ConversionError(
            f"cannot read {what} into the model: {count} problem"
            f"{'s' if count != 1 else ''}: {'; '.join(shown)}{more}",
            findings=tuple(self.findings),
        )

    def element(self, obj: Any, path: str, field: str) -> Any:
        """The model of a binding object (its class is known to map), or _BAD.

        ``field`` is the model field path of the object (``""`` for the message itself).
        """
        cls = _model_class(self.mt, type(obj))
        fields = _model_fields(cls)
        kwargs: dict[str, Any] = {}
        seen: dict[str, str] = {}
        bad: set[str] = set()
        binding_cls: Any = type(obj)
        for bf in _binding_fields(binding_cls):
            mf = fields.get(bf.tag)
            here = f"{path}/{bf.tag}"
            if mf is None:  # a dataclass that looks like a binding but is not one
                self.problem("model.unconvertible", f"{bf.tag} has no place in the model", here)
                bad.add(bf.tag)
                continue
            named = f"{field}.{mf.name}" if field else mf.name
            seen.setdefault(mf.name, bf.tag)
            value = getattr(obj, bf.name, None)
            if value is None or (bf.repeated and not value):
                continue
            if not bf.repeated:
                got = self.value(value, mf.type, bf, here, named)
                if got is _BAD:
                    bad.add(mf.name)
                else:
                    kwargs[mf.name] = got
                continue
            if not isinstance(value, list | tuple):
                self.problem(
                    "model.unconvertible", f"not a list of {bf.tag} elements", here, value, named
                )
                bad.add(mf.name)
                continue
            items = []
            for i, item in enumerate(value, 1):
                got = self.value(item, mf.type, bf, f"{here}[{i}]", f"{named}[{i - 1}]")
                items.append(got)
            if any(got is _BAD for got in items):
                bad.add(mf.name)
            else:
                kwargs[mf.name] = tuple(items)
        for name in _required_model_fields(cls):
            if name in kwargs or name in bad or name not in seen:
                continue
            tag = seen[name]
            named = f"{field}.{name}" if field else name
            self.problem(
                "model.missing",
                f"required element {tag} is missing",
                f"{path}/{tag}",
                field=named,
            )
            bad.add(name)
        if bad:
            return _BAD
        try:
            return cls(**kwargs)
        except Exception as exc:  # not expected: every value was checked above
            self.problem(
                "model.unconvertible",
                f"cannot build {cls.__name__} ({type(exc).__name__})",
                path,
                field=field,
            )
            return _BAD

    def value(self, value: Any, tp: Any, bf: _BindingField, path: str, field: str) -> Any:
        complex_ = bf.complex
        if complex_ and not path.endswith("]"):
            path += "[1]"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            found = self._model_class_of(value)
            if found is None or not (isinstance(tp, type) and issubclass(found, tp)):
                self.problem("model.unconvertible", _not_element(bf.tag, tp), path, value, field)
                return _BAD
            return self.element(value, path, field)
        if bf.tag in _TEXT_NUMBERS:
            value = _number_text(value, bf)
        converted, rule = _leaf_problem(value, tp, bf.tag)
        if rule is not None:
            if complex_:
                rule = _not_element(bf.tag, tp)
            self.problem("model.unconvertible", rule, path, value, field)
            return _BAD
        if bf.tag == "SofiNr" and not bsn_eleven_check(converted):
            self.problem(
                "model.bsn-check",
                "does not pass the BSN 11-check",
                path,
                converted,
                field,
                Severity.WARNING,
            )
        return converted


def _not_element(tag: str, tp: Any) -> str:
    model = f" (model {tp.__name__})" if isinstance(tp, type) else ""
    return f"not {_a(tag)} element{model}"


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOUaeiou' else 'a'} {noun}"


# --------------------------------------------------------------------------- from the model


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


# ------------------------------------------------------- from the model, compiled per class


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


def _write(
    model: Any,
    release: Release,
    defaults: Mapping[str, str],
    builtin: Mapping[str, tuple[str, str]] = _BUILTIN_DEFAULTS,
    keep_open_codes: bool = True,
) -> tuple[Message, _Writer]:
    mt = _root_classes().get(type(model))
    if mt is None:
        raise ConversionError(
            f"{type(model).__name__} is not the model of a message (e.g. an AbsenceMessage)"
        )
    if not isinstance(release, Release):
        raise ConversionError(f"the target release must be a Release, not {type(release).__name__}")
    if not isinstance(defaults, Mapping):
        raise ConversionError(
            f"defaults must map SIVI tags to SIVI text, not be a {type(defaults).__name__}"
        )
    if not mt.has_release(release):
        raise ConversionError(f"{mt.title} does not exist in release {release.value}")
    try:
        document = _fast_write(mt, release, model, keep_open_codes)
    except Exception:  # something to say (a loss, a default, a warning): the careful writer
        pass
    else:
        return Message(message_type=mt, release=release, document=document), _Writer(
            mt, release, defaults
        )
    writer = _Writer(
        mt,
        release,
        defaults,
        points=_points(mt, release),
        builtin_defaults=builtin,
        keep_open_codes=keep_open_codes,
    )
    try:
        document = writer.build(model, binding_class(mt, release), "/" + mt.root)
    except _Incomplete as exc:
        losses, filled = writer.located(writer.losses), writer.located(writer.filled)
        raise ConversionError(
            f"cannot write {mt.title} in release {release.value}: {exc}",
            losses=losses,
            defaults=filled,
            findings=_change_findings(losses, filled, release, writer.located(writer.warnings)),
        ) from None
    return Message(message_type=mt, release=release, document=document), writer


def from_model(
    model: MessageModel,
    release: Release,
    *,
    defaults: Mapping[str, str] | None = None,
    builtin_defaults: bool = True,
) -> Message:
    """A message of ``release`` from a model root (e.g. an ``AbsenceMessage``).

    ``BrCd`` and ``VnrBrCd`` are set to the release's codes. Within the release a model read
    from a message comes back equal; for a reconstructed release (2017, 2020, 2021) that holds
    for what every plausible reading of the release accepts (its writing face): what only one
    reading accepts is a loss naming its split point (``schemas/README.md``).

    Nothing is invented silently. A required value the model lacks is taken from ``defaults``
    (SIVI tag -> SIVI text) or, with ``builtin_defaults``, from the library's built-in
    defaults where a truthful one exists (``VngntJN`` and ``GslchtCd`` = ``O``, unknown; the
    software name ``GebrSwPakket`` is never filled: it is the caller's). Every value filled in
    is a ``model.default`` warning in the returned message's :attr:`~Message.findings`;
    ``builtin_defaults=False`` refuses the built-in ones (the field is then missing).

    Raises:
        ConversionError: anything the release cannot carry and anything it requires that the
            model lacks, all at once: :attr:`ConversionError.findings` has one finding per
            problem (``model.unwritable``, ``model.missing``) naming the SIVI path and, in
            :attr:`Finding.field`, the model field path (``employers[0].employees[0].
            name_preference``); :attr:`~ConversionError.losses` and
            :attr:`~ConversionError.defaults` carry the same as :class:`Change` records. Also
            for anything that is not a model root, a release that is not a
            :class:`~sivi_verzuim.Release`, or a model whose fields hold values of the wrong
            kind. Use :func:`convert` to accept and report losses instead.
    """
    builtin = {k: v for k, v in _BUILTIN_DEFAULTS.items() if k != "GebrSwPakket"}
    try:
        message, writer = _write(
            model, release, defaults or {}, builtin if builtin_defaults else {}
        )
    except SiviError:
        raise
    except Exception as exc:
        raise _unexpected(f"cannot write {type(model).__name__}", exc) from None
    losses, filled = writer.located(writer.losses), writer.located(writer.filled)
    findings = _change_findings(losses, filled, release, writer.located(writer.warnings))
    missing = tuple(c for c in filled if c.value is None)
    if losses or missing:
        raise ConversionError(
            f"cannot write {message.message_type.title} in release {release.value} as it is",
            losses=losses,
            defaults=filled,
            findings=findings,
        )
    return attrs.evolve(message, findings=findings) if findings else message


def convert(
    message: Message,
    to: Release,
    *,
    strict: bool = False,
    defaults: Mapping[str, str] | None = None,
) -> ConversionResult:
    """Convert a message to another release, reporting every loss and every default.

    Args:
        message: the message to convert.
        to: the target release.
        strict: raise :class:`ConversionError` when anything would be lost.
        defaults: SIVI tag -> SIVI text for required elements the source lacks (e.g.
            ``{"GslchtCd": "V"}``); built-in defaults exist only where a truthful value exists
            (``GebrSwPakket``, ``VngntJN`` = ``O``, ``GslchtCd`` = ``O``).

    Returns:
        the converted message (valid against the target schema), the losses and the defaults.

    Raises:
        ConversionError: in strict mode when anything is lost; always when a required element
            has no value and no default, or when the output would not be valid; and when the
            message cannot be read into the model at all (see :func:`to_model`: a tolerant
            parse of an invalid message), with :attr:`ConversionError.findings` saying why.
    """
    model = to_model(message)
    try:
        return _convert(message, model, to, strict, defaults or {})
    except SiviError:
        raise
    except Exception as exc:
        raise _unexpected(f"cannot convert {type(model).__name__}", exc) from None


def _unexpected(what: str, exc: Exception) -> ConversionError:
    """An unexpected failure as a ConversionError: its kind, never its text (it may echo data)."""
    return ConversionError(
        f"{what}: unexpected {type(exc).__name__} (a value of the wrong kind in the model, or a "
        f"defect of {_LIBRARY}; the original exception is the error's __context__)"
    )


def _convert(
    message: Message, model: Any, to: Release, strict: bool, defaults: Mapping[str, str]
) -> ConversionResult:
    converted, writer = _write(model, to, defaults, keep_open_codes=message.release is to)
    header_changes = _header_changes(message, model, converted)
    losses = writer.located(writer.losses)
    filled = tuple(header_changes) + writer.located(writer.filled)
    missing = tuple(c for c in filled if c.value is None)
    if missing or (strict and losses):
        raise ConversionError(
            f"cannot convert {message.message_type.title} {message.release.value} to {to.value}",
            losses=losses,
            defaults=filled,
        )
    try:
        serialize(converted)
    except ValidationError as exc:
        raise ConversionError(
            f"converted {message.message_type.title} is not valid in release {to.value}",
            losses=losses,
            defaults=filled,
            findings=exc.findings,
        ) from None
    return ConversionResult(message=converted, losses=losses, defaults=filled)


def _header_changes(message: Message, model: Any, converted: Message) -> list[Change]:
    """``BrCd`` and ``VnrBrCd`` written other than the source had them."""
    mt = message.message_type
    out = []
    header = converted.document.br_alg
    for tag, old, new, what in (
        ("BrCd", model.header.message_code, header.br_cd, "message code"),
        ("VnrBrCd", model.header.message_version_code, header.vnr_br_cd, "version code"),
    ):
        text = str(getattr(new, "value", new))
        if old != text:
            out.append(
                Change(
                    f"/{mt.root}/BrAlg[1]/{tag}",
                    text,
                    f"the {what} of {mt.title} in release {converted.release.value} (was {old})",
                )
            )
    return out
