"""To the model through mappers compiled per binding class: the ordinary path of
:func:`~sivi_verzuim.to_model`.

Each mapper is a function written out field by field for its class the first time a message
of its type and release is read. Whatever a mapper does not recognise raises; the careful walk
(:mod:`._tomodel_careful`) then says what and where.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import keyword
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from types import MemberDescriptorType
from typing import Any

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._codec import Message
from ._mapbase import (
    _MESSAGE_MODELS,
    _TEXT_NUMBERS,
    _binding_fields,
    _BindingField,
    _model_class,
    _model_date,
    _model_fields,
    _model_time,
    _ModelField,
    _NotAValue,
    _number_text,
)
from ._tomodel_careful import _Reader
from .errors import Severity
from .model._behaviour import bsn_eleven_check
from .model._temporal import OffsetDate
from .releases import MessageType


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
        "len": len,
        "list": list,
        "str": str,
        "tuple": tuple,
        "type": type,
    }
    builder = _builder_class(cls)
    if builder is not None:
        scope["_builder"] = builder
    lines = ["def build(obj):", f"    model = _new({'_cls' if builder is None else '_builder'})"]
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
                "        if len(value) == 1:",  # the usual one: no list comprehension's call
                "            v = value[0]",
                f"            value = ({each},)",
                "        else:",
                f"            value = tuple([{each} for v in value])",
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
        lines.append(f"    {_setter(cls, mf.name, 'value', scope, builder)}")
    for j, (name, default) in enumerate(defaults.items()):
        if name not in fed:
            scope[f"_r{j}"] = default
            lines.append(f"    {_setter(cls, name, f'_r{j}', scope, builder)}")
    if builder is not None:
        lines.append("    model.__class__ = _cls")
    lines.append("    return model")
    exec(compile("\n".join(lines), f"<mapper {cls.__qualname__}>", "exec"), scope)
    build: Callable[[Any], Any] = scope["build"]
    return build


def _setter(cls: Any, name: str, value: str, scope: dict[str, Any], builder: Any) -> str:
    """The statement setting field ``name`` of a new ``model`` to ``value``.

    An attribute assignment where the object is made as its ``builder`` class (see
    :func:`_builder_class`), else a call of the field's slot setter where the class has one
    (what ``object.__setattr__`` would find and call), else of ``object.__setattr__``.
    """
    if builder is not None:
        return f"model.{name} = {value}"
    for klass in cls.__mro__:
        slot = vars(klass).get(name)
        if slot is not None:
            if type(slot) is not MemberDescriptorType:
                break
            scope[f"_s_{name}"] = slot.__set__
            return f"_s_{name}(model, {value})"
    return f"_set(model, {name!r}, {value})"


#: model class -> its builder class, or None where the model class cannot be built that way
_BUILDERS: dict[Any, Any] = {}


def _builder_class(cls: Any) -> Any:
    """A subclass of a frozen model class in which a new object's fields are set by plain
    assignment; the mapper then gives the finished object its own class.

    The subclass adds nothing to the object (no slot, no field): it only leaves out the
    frozen class's ``__setattr__`` and ``__delattr__``, so that each field is stored straight
    into its slot instead of through a call per field. An object made as the subclass whose
    ``__class__`` is then set to the model class is the same as one made by the model class
    (the same type, slots and values; tests compare the two paths). Where the interpreter
    does not allow that change of class, or a field is no slot, None: the mapper then sets
    each field through its slot's setter.
    """
    if cls in _BUILDERS:
        return _BUILDERS[cls]
    builder: Any = None
    try:
        names = [a.name for a in attrs.fields(cls)]
        candidate = type(
            cls.__name__,
            (cls,),
            {
                "__slots__": (),
                "__setattr__": object.__setattr__,
                "__delattr__": object.__delattr__,
                "__module__": __name__,
                "__qualname__": f"_builder_class.<{cls.__qualname__}>",
            },
        )
        probe: Any = _new(candidate)
        for name in names:
            setattr(probe, name, name)
        probe.__class__ = cls
        slotted = all(type(getattr(cls, name, None)) is MemberDescriptorType for name in names)
        if slotted and type(probe) is cls and all(getattr(probe, n) == n for n in names):
            builder = candidate
    except Exception:  # an interpreter that does not change classes this way
        builder = None
    _BUILDERS[cls] = builder
    return builder


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
        table, by_name = _inline_code_tables(tp, bt)
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


@cache
def _inline_code_tables(tp: Any, bt: Any) -> tuple[dict[Any, Any], dict[str, Any]]:
    """The tables of a code field's conversion, inline or by its leaf converter: (SIVI
    text and member of the binding's code list -> model value, member name -> model value);
    one pair for every field of the same two code lists, so that the mappers of a release
    share them."""
    by_text, by_name = _code_tables(tp, bt)
    table = dict(by_text)
    if isinstance(bt, type) and issubclass(bt, enum.Enum):
        table.update({m: by_text[m.value] for m in bt if m.value in by_text})
    return table, by_name


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
        table, by_name = _inline_code_tables(tp, bt)  # SIVI texts and the binding's members
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
