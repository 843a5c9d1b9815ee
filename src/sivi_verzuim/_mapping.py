"""Bindings <-> domain model, and conversion between releases: the public functions.

The mapping is written once, for every message and release, in stages:

* :mod:`._mapbase`: what the stages share: the message models, :class:`Change` and
  :class:`ConversionResult`, the pairing of binding and model fields by their SIVI tag;
* :mod:`._tomodel_compiled`: :func:`to_model` through mappers compiled per binding class;
* :mod:`._tomodel_careful`: :func:`to_model` the careful way, every problem as a finding;
* :mod:`._frommodel_compiled`: :func:`from_model` through writers compiled per binding class;
* :mod:`._frommodel_careful`: :func:`from_model` the careful way, every loss and default noted.

This module holds :func:`to_model`, :func:`from_model` and :func:`convert`, which choose the
stage, and names the stages' parts that other modules of the package use.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from typing import Any, overload

import attrs

from ._codec import Message, serialize
from ._frommodel_careful import _BUILTIN_DEFAULTS as _BUILTIN_DEFAULTS
from ._frommodel_careful import _LOST as _LOST
from ._frommodel_careful import _Incomplete as _Incomplete
from ._frommodel_careful import _sivi_text as _sivi_text
from ._frommodel_careful import _Writer as _Writer
from ._frommodel_compiled import _WRITERS as _WRITERS
from ._frommodel_compiled import _Bail as _Bail
from ._frommodel_compiled import _fast_write as _fast_write
from ._frommodel_compiled import _points as _points
from ._mapbase import _LIBRARY as _LIBRARY
from ._mapbase import _MESSAGE_MODELS as _MESSAGE_MODELS
from ._mapbase import _TEXT_NUMBERS as _TEXT_NUMBERS
from ._mapbase import Change as Change
from ._mapbase import ConversionResult as ConversionResult
from ._mapbase import M as M
from ._mapbase import MessageModel as MessageModel
from ._mapbase import _binding_fields as _binding_fields
from ._mapbase import _BindingField as _BindingField
from ._mapbase import _model_class as _model_class
from ._mapbase import _model_date as _model_date
from ._mapbase import _model_fields as _model_fields
from ._mapbase import _model_time as _model_time
from ._mapbase import _ModelField as _ModelField
from ._mapbase import _NotAValue as _NotAValue
from ._mapbase import _root_classes as _root_classes
from ._tomodel_careful import _BAD as _BAD
from ._tomodel_careful import _Reader as _Reader
from ._tomodel_compiled import _MAPPERS as _MAPPERS
from ._tomodel_compiled import _ROOTS as _ROOTS
from ._tomodel_compiled import _compile as _compile
from ._tomodel_compiled import _Eleven as _Eleven
from ._tomodel_compiled import _leaf_converter as _leaf_converter
from ._tomodel_compiled import _mapper as _mapper
from ._tomodel_compiled import _root_model as _root_model
from ._tomodel_compiled import _to_model as _to_model
from ._tomodel_compiled import _warned as _warned
from .errors import (
    ConversionError,
    Finding,
    Severity,
    SiviError,
    ValidationError,
    cap_value,
)
from .releases import Release, binding_class

__all__ = [
    "Change",
    "ConversionError",
    "ConversionResult",
    "MessageModel",
    "convert",
    "from_model",
    "to_model",
]


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
    # the collector is paused while the model is built: its objects hold no reference
    # cycles, and its passes over them (and over the bound document) would only find that
    # out again, many times for a large message
    collecting = _collecting()
    if collecting:
        _pause()
    try:
        try:
            document = message.document
            found = _ROOTS.get(type(document))
            if found is not None and found[0] is message.message_type:
                return found[1](document)  # the message's root, its mapper known
            model = _root_model(document, message.message_type)
        except _Eleven:  # a number failing the 11-check: a warning, not a reason to walk
            model = _warned(message)
        except Exception:  # the careful walk below says what and where
            model = _Reader.read(message)
        return model
    finally:
        if collecting:
            _resume()


_collecting, _pause, _resume = gc.isenabled, gc.disable, gc.enable


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
