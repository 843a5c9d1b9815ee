"""What a message type needs in a release, in the model's terms and SIVI's."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from functools import cache
from typing import Any

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._mapping import ConversionError, _binding_fields, _model_class, _model_fields, _Writer
from ._xsd import splits
from .releases import MessageType, Release, binding_class

__all__ = ["Requirement", "requirements"]


@attrs.frozen
class Requirement:
    """One element of a message type in a release, as the writing side must fill it.

    Attributes:
        field: the model field path, ``[]`` marking a repeatable field
            (``employers[].employees[].name_preference``); ``header.message_code`` for the
            header.
        path: the SIVI element path (``/Verzuimmeldingen/Wrkgvr/Wrknmr/NmvrkrCd``).
        tag: the SIVI tag (``NmvrkrCd``).
        min_occurs: 0 (optional) or at least 1 (required, within a present parent).
        max_occurs: the most repetitions allowed; None for unbounded.
        type: the model's type of the value: a model class name for an element with
            elements of its own, else ``str``, ``int``, ``Decimal``, ``date``, ``time``,
            ``bool`` or an enum's name.
        codes: for a code list, ``(code, model member name)`` pairs of the codes this
            release allows (member name None where the model lacks the code).
        min_length, max_length: of a text value, when limited.
        pattern: XSD pattern of the value, when there is one.
        total_digits, fraction_digits: of a number, when limited.
    """

    field: str
    path: str
    tag: str
    min_occurs: int
    max_occurs: int | None
    type: str
    codes: tuple[tuple[str, str | None], ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    total_digits: int | None = None
    fraction_digits: int | None = None

    @property
    def required(self) -> bool:
        """True when the element must be there whenever its parent is."""
        return self.min_occurs > 0


def requirements(message_type: MessageType, release: Release) -> tuple[Requirement, ...]:
    """Every element of ``message_type`` in ``release`` that :func:`from_model` writes.

    In document order, depth first. For a reconstructed release (2017, 2020, 2021) this is its
    writing face: what every plausible reading accepts (``schemas/README.md``), so an element
    only some readings require is required here, one only some readings have is left out and a
    code list is narrowed to the codes every reading accepts.

    Raises:
        ConversionError: ``message_type`` does not exist in ``release``, or an argument is of
            the wrong kind.
    """
    if not isinstance(message_type, MessageType) or not isinstance(release, Release):
        raise ConversionError("requirements needs a MessageType and a Release")
    if not message_type.has_release(release):
        raise ConversionError(f"{message_type.title} does not exist in release {release.value}")
    return _requirements(message_type, release)


@cache
def _requirements(mt: MessageType, release: Release) -> tuple[Requirement, ...]:
    writer = _Writer(mt, release, {}, points=splits(mt, release))
    out: list[Requirement] = []
    _walk(writer, binding_class(mt, release), "/" + mt.root, "", out, frozenset())
    return tuple(out)


_SIMPLE: dict[Any, str] = {
    str: "str",
    int: "int",
    Decimal: "Decimal",
    XmlDate: "date",
    XmlTime: "time",
    dt.date: "date",
    dt.time: "time",
    bool: "bool",
}


def _walk(
    writer: _Writer,
    binding_cls: Any,
    path: str,
    field: str,
    out: list[Requirement],
    seen: frozenset[type],
) -> None:
    if binding_cls in seen:  # pragma: no cover - the schemas are not recursive
        return
    model_cls = _model_class(writer.mt, binding_cls)
    fields = _model_fields(model_cls)
    for bf in _binding_fields(binding_cls):
        points = writer.narrowed(binding_cls, bf.tag)
        if any(p.kind == "absent" for p in points):
            continue
        mf = fields[bf.tag]
        name = f"{field}.{mf.name}" if field else mf.name
        if mf.repeated:
            name += "[]"
        here = f"{path}/{bf.tag}"
        required = bf.required or any(p.kind == "required" for p in points)
        low = max([1 if required else 0, *(p.min for p in points if p.kind == "required")])
        if bf.repeated:
            top = bf.meta.get("max_occurs")
            high = int(top) if top is not None else None
        else:
            high = 1
        codes: tuple[tuple[str, str | None], ...] = ()
        if mf.type is not bool and isinstance(bf.type, type) and issubclass(bf.type, enum.Enum):
            allowed = [str(m.value) for m in bf.type]
            for p in points:
                if p.kind == "codes":
                    allowed = [c for c in allowed if c in p.codes]
            names = {}
            if isinstance(mf.type, type) and issubclass(mf.type, enum.Enum):
                names = {str(m.value): m.name for m in mf.type}
            codes = tuple((c, names.get(c)) for c in allowed)
        pattern = bf.meta.get("pattern")
        patterned = [p for p in points if p.kind == "pattern"]
        if patterned:
            pattern = "|".join(patterned[0].pattern)
        if bf.complex:
            type_name = _model_class(writer.mt, bf.type).__name__
        elif isinstance(mf.type, type) and issubclass(mf.type, enum.Enum):
            type_name = mf.type.__name__
        else:
            type_name = _SIMPLE.get(mf.type, getattr(mf.type, "__name__", str(mf.type)))
        length = bf.meta.get("length")
        out.append(
            Requirement(
                field=name,
                path=here,
                tag=bf.tag,
                min_occurs=low,
                max_occurs=high,
                type=type_name,
                codes=codes,
                min_length=_int(bf.meta.get("min_length", length)),
                max_length=_int(bf.meta.get("max_length", length)),
                pattern=str(pattern) if pattern is not None else None,
                total_digits=_int(bf.meta.get("total_digits")),
                fraction_digits=_int(bf.meta.get("fraction_digits")),
            )
        )
        if bf.complex:
            _walk(writer, bf.type, here, name, out, seen | {binding_cls})


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None
