"""To the model the careful way: the walk that finds every problem of a document.

:func:`~sivi_verzuim.to_model` takes this walk when a compiled mapper gives up (a document
changed by hand, a tolerant parse of an invalid message, a value of another kind): it collects
each problem as a finding with its SIVI path and model field path, and builds the objects
through their validating constructors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, cast

import attrs
from xsdata.models.datatype import XmlDate, XmlTime

from ._codec import Message
from ._mapbase import (
    _TEXT_NUMBERS,
    MessageModel,
    _a,
    _binding_fields,
    _BindingField,
    _model_class,
    _model_date,
    _model_fields,
    _model_time,
    _number_text,
    _root_classes,
)
from .errors import ConversionError, Finding, Severity, cap_value
from .model._behaviour import bsn_eleven_check
from .releases import MessageType

_LONG_FRACTION = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{10,}(Z|[+-]\d{2}:\d{2})?")


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
