"""The exception tree and the :class:`Finding` record.

Every error the library raises derives from :class:`SiviError`, itself a
:class:`ValueError`::

    SiviError (ValueError)
    ├── MalformedXMLError       the bytes are not well-formed XML (line, column)
    ├── UnsafeXMLError          DTD, entity, size or depth limit: refused before binding
    ├── UnknownMessageError     root element / namespace is not a supported message
    ├── ValidationError         the message breaks the schema or the header rules;
    │                           carries every :class:`Finding`, not just the first
    └── ConversionError         a model cannot be read or written in a release as it is
                                (``to_model``, ``from_model``, ``convert``, ``new_header``);
                                every problem in :attr:`ConversionError.findings`

The errors of the other parts are gathered here too (``sivi_verzuim.errors.MappingError``):
:class:`ClassificationError` with :class:`MappingError`, :class:`DecisionTableError`,
:class:`AmbiguousCodeError` and :class:`UnknownCodeError` (classification);
:class:`CsvError`, :class:`BaselineError`, :class:`StateError`, :class:`UnknownCaseError`
and :class:`StoreBusyError` (the chain validator); :class:`SchemaCompareError` (the schema
comparison). Each is still importable where it is used as well.

Problems that do not stop processing are :class:`Finding` records. They are
collected, never printed or logged.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from ._mapping import Change
    from .chain._baseline import BaselineError, CsvError
    from .chain._state import StateError, UnknownCaseError
    from .chain._store import StoreBusyError
    from .classification._errors import (
        AmbiguousCodeError,
        ClassificationError,
        DecisionTableError,
        MappingError,
        UnknownCodeError,
    )
    from .releases import MessageType, Release
    from .schemacompare import SchemaCompareError

__all__ = [
    "MAX_VALUE_CHARS",
    "PERSONAL_DATA_ELEMENTS",
    "AmbiguousCodeError",
    "BaselineError",
    "ClassificationError",
    "ConversionError",
    "CsvError",
    "DecisionTableError",
    "Finding",
    "MalformedXMLError",
    "MappingError",
    "SchemaCompareError",
    "Severity",
    "SiviError",
    "StateError",
    "StoreBusyError",
    "UnknownCaseError",
    "UnknownCodeError",
    "UnknownMessageError",
    "UnsafeXMLError",
    "ValidationError",
    "cap_value",
    "is_personal_path",
]

#: the errors of the parts of the library that build on this module, gathered here (imported
#: on first use, so that ``import sivi_verzuim`` does not load the chain or the classification)
_GATHERED = {
    "ClassificationError": "sivi_verzuim.classification._errors",
    "MappingError": "sivi_verzuim.classification._errors",
    "DecisionTableError": "sivi_verzuim.classification._errors",
    "AmbiguousCodeError": "sivi_verzuim.classification._errors",
    "UnknownCodeError": "sivi_verzuim.classification._errors",
    "SchemaCompareError": "sivi_verzuim.schemacompare",
    "StoreBusyError": "sivi_verzuim.chain._store",
    "StateError": "sivi_verzuim.chain._state",
    "UnknownCaseError": "sivi_verzuim.chain._state",
    "CsvError": "sivi_verzuim.chain._baseline",
    "BaselineError": "sivi_verzuim.chain._baseline",
}


def __getattr__(name: str) -> type[SiviError]:
    """The errors of the classification, the chain validator and the schema comparison."""
    where = _GATHERED.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    found: type[SiviError] = getattr(importlib.import_module(where), name)
    globals()[name] = found
    return found


#: Elements whose values are personal data: the citizen service number, the personnel number,
#: dates of birth and death, names, addresses, bank accounts, phone numbers and e-mail
#: addresses, free texts and document contents. Their values are masked in everything that
#: leaves the receiving system (reports, Retourmeldingen) unless the caller asks to show them;
#: the API keeps them.
PERSONAL_DATA_ELEMENTS: frozenset[str] = frozenset(
    {
        # identity
        "SofiNr",
        "Gebdat",
        "Overldat",
        "PersNr",
        "PersNrOud",
        # names
        "SignNm",
        "Achternaam",
        "Voorl",
        "Voorv",
        "Roepnaam",
        "TitVNm",
        "TitANm",
        # addresses
        "StraatLang",
        "Huisnr",
        "HuisToev",
        "Pc",
        "Wnpl",
        "Pbnr",
        "HuisnrBtl",
        "LocomsBtl",
        "PcBtl",
        "WnplBtl",
        "RegBtl",
        "NmVrpladrs",
        # bank and communication
        "Iban",
        "Bic",
        "NrCom",
        # free text and document contents
        "VrTkst",
        "VrijeTekst",
        "Datastring",
    }
)

#: Longest value a finding repeats; longer values are cut and their full length given.
MAX_VALUE_CHARS = 100

_STEP = re.compile(r"\[\d+\]$")


def cap_value(value: str | None, limit: int = MAX_VALUE_CHARS) -> str | None:
    """``value`` cut to ``limit`` characters, with its full length when it was longer."""
    if value is None or len(value) <= limit:
        return value
    return f"{value[:limit]}\u2026 ({len(value)} characters)"


def is_personal_path(path: str | None) -> bool:
    """True when the element a path ends in (or any element on it) holds personal data.

    ``/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/SofiNr`` is personal; so is anything below a
    personal element (an unknown child of ``Voorl``).
    """
    if not path:
        return False
    return any(_STEP.sub("", step) in PERSONAL_DATA_ELEMENTS for step in path.split("/"))


def _mask(value: str) -> str:
    return f"<masked: {len(value)} characters>"


class Severity(enum.Enum):
    """How serious a :class:`Finding` is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One problem found in a message.

    Attributes:
        code: stable rule code, e.g. ``"xsd.pattern"`` or ``"header.release-mismatch"``.
        severity: :class:`Severity` of the problem.
        message: human-readable explanation.
        path: element path with 1-based positions, e.g.
            ``/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]/PrcVrzm``.
        line: line number in the source document, when known.
        value: the offending value, when there is one.
        release: the release (e.g. ``"2021"``) the message was judged against.
        file: the file name the message came from, when known.
        field: the model field path (``employers[0].employees[0].name_preference``) when the
            finding is about a value written from, or read into, the domain model.
    """

    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    value: str | None = None
    release: str | None = None
    file: str | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Plain-data form (for JSON); ``field`` only when there is one."""
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "value": self.value,
        }
        if self.field is not None:
            out["field"] = self.field
        return out

    @property
    def personal(self) -> bool:
        """True when the finding's element holds personal data (:data:`PERSONAL_DATA_ELEMENTS`)."""
        return is_personal_path(self.path)

    def masked(self) -> Finding:
        """This finding with a personal-data value hidden, for reports that leave the system.

        When :attr:`personal` is true the value is replaced by its length and every occurrence
        of it in the message text is hidden too; other findings are returned unchanged.
        """
        if self.value is None or not self.personal:
            return self
        raw = self.value
        hidden = _mask(raw)
        message = self.message.replace(raw, hidden) if raw else self.message
        return attrs.evolve(self, value=hidden, message=message)

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.path:
            where.append(self.path)
        if self.field:
            where.append(f"model {self.field}")
        prefix = ", ".join(where)
        text = f"[{self.code}] {self.message}"
        if self.value is not None:
            text += f" (value {self.value!r})"
        return f"{prefix}: {text}" if prefix else text


class SiviError(ValueError):
    """Root of every exception raised by :mod:`sivi_verzuim`."""

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)


class MalformedXMLError(SiviError):
    """The input is not well-formed XML."""

    def __init__(
        self, reason: str, *, line: int | None, column: int | None, file: str | None = None
    ) -> None:
        self.reason = reason
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"malformed XML: {where}{reason}", file=file)


class UnsafeXMLError(SiviError):
    """The input uses a construct refused for safety (DTD, entity, size, depth)."""

    def __init__(
        self, reason: str, *, rule: str, line: int | None = None, file: str | None = None
    ) -> None:
        self.reason = reason
        self.rule = rule
        self.line = line
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"unsafe XML refused [{rule}]: {where}{reason}", file=file)


class UnknownMessageError(SiviError):
    """The root element and namespace do not name a supported message.

    Attributes:
        root: the root element's local name (capped).
        namespace: its namespace, or None.
        supported: the supported ``(root, namespace)`` pairs (those of the same root when
            the root is known).
        suggestion: the closest supported ``(MessageType, Release)``: for a known root in an
            unknown namespace the release whose namespace is nearest (by year when the
            namespace ends in one, else by spelling); for an unknown root the message whose
            root element is spelled most alike. None when nothing is close.
    """

    def __init__(
        self,
        *,
        root: str,
        namespace: str | None,
        supported: Iterable[tuple[str, str]],
        file: str | None = None,
        suggestion: tuple[MessageType, Release] | None = None,
    ) -> None:
        self.root = root
        self.namespace = namespace
        self.supported = tuple(supported)
        self.suggestion = suggestion
        if suggestion is not None:
            mt, release = suggestion
            hint = f"; did you mean {mt.root} in {mt.namespace(release)} (release {release.value})?"
        else:
            pairs = ", ".join(f"{r} in {ns}" for r, ns in self.supported)
            hint = f"; supported: {pairs}"
        super().__init__(
            f"unknown message: root element {cap_value(root)!r} in namespace "
            f"{cap_value(namespace)!r}{hint}",
            file=file,
        )


class ValidationError(SiviError):
    """The message is not valid; :attr:`findings` holds every problem found."""

    def __init__(self, findings: Sequence[Finding], *, file: str | None = None) -> None:
        self.findings = tuple(findings)
        errors = [f for f in self.findings if f.severity is Severity.ERROR] or list(self.findings)
        head = str(errors[0]) if errors else "invalid message"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{len(errors)} problem(s): {head}{more}", file=None)
        self.file = file


class ConversionError(SiviError):
    """A model cannot be read, or written in a release, without losing or inventing data.

    One type for every kind of problem (structure, value, code, an element the release lacks).
    :attr:`losses` and :attr:`defaults` say what (:class:`~sivi_verzuim.Change` records, each
    with the SIVI path and the model field path); :attr:`findings` has one :class:`Finding` per
    problem: from :func:`~sivi_verzuim.from_model` ``model.unwritable`` and ``model.missing``
    (with :attr:`Finding.field`), from :func:`~sivi_verzuim.to_model` ``model.unconvertible``
    and ``model.missing``, and from :func:`~sivi_verzuim.convert` the schema findings when the
    output would not be valid. Also importable as ``sivi_verzuim.ConversionError``.
    """

    def __init__(
        self,
        message: str,
        *,
        losses: tuple[Change, ...] = (),
        defaults: tuple[Change, ...] = (),
        findings: tuple[Finding, ...] = (),
    ) -> None:
        self.losses = losses
        self.defaults = defaults
        self.findings = findings
        details = [f"lost {_where(c)}: {c.reason}" for c in losses[:5]]
        details += [f"missing {_where(c)}: {c.reason}" for c in defaults[:5] if c.value is None]
        more = f"; {'; '.join(details)}" if details else ""
        super().__init__(message + more)


def _where(change: Change) -> str:
    field = getattr(change, "field", None)
    return f"{change.path} (model {field})" if field else change.path
