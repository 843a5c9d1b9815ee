"""Errors of the classification package (all under :class:`~sivi_verzuim.SiviError`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import Finding, Severity, SiviError
from ._classes import AbsenceClassification

__all__ = [
    "AmbiguousCodeError",
    "ClassificationError",
    "DecisionTableError",
    "MappingError",
    "UnknownCodeError",
    "problem",
]


def problem(
    code: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    value: str | None = None,
) -> Finding:
    """A :class:`~sivi_verzuim.Finding` (severity error) about a mapping or decision table."""
    return Finding(
        code=code, severity=Severity.ERROR, message=message, line=line, value=value, file=file
    )


class ClassificationError(SiviError):
    """Root of the errors about classifications, decision tables and mappings."""


class _ProblemsError(ClassificationError):
    what = "problem"

    def __init__(self, findings: Sequence[Finding], *, file: str | None = None) -> None:
        self.findings = tuple(findings)
        count = len(self.findings)
        lines = "\n".join(f"  {f}" for f in self.findings)
        head = f"invalid {self.what}: {count} problem{'s' if count != 1 else ''}"
        super().__init__(f"{head}\n{lines}" if lines else head, file=None)
        self.file = file

    @property
    def problems(self) -> tuple[str, ...]:
        """Each problem as one line of text (``file, line N: [code] message``)."""
        return tuple(str(f) for f in self.findings)


class MappingError(_ProblemsError):
    """A classification mapping is invalid.

    :attr:`findings` holds every problem (not just the first) as
    :class:`~sivi_verzuim.Finding` records with ``file``, ``line``, ``code`` and ``message``;
    codes are ``mapping.syntax``, ``mapping.format``, ``mapping.missing``,
    ``mapping.unknown-classification``, ``mapping.duplicate``, ``mapping.empty``,
    ``mapping.code-conflict``, ``mapping.unsupported-file`` and ``mapping.not-found``.
    """

    what = "classification mapping"


class DecisionTableError(_ProblemsError):
    """A decision table is invalid; :attr:`findings` holds every problem (codes ``table.*``)."""

    what = "decision table"


class AmbiguousCodeError(ClassificationError):
    """Reverse mapping: several SIVI classifications share the receiver's code."""

    def __init__(self, code: str, classifications: Iterable[AbsenceClassification]) -> None:
        self.code = code
        self.classifications = tuple(classifications)
        names = "; ".join(str(c) for c in self.classifications)
        super().__init__(
            f"receiver code {code!r} is ambiguous: {len(self.classifications)} SIVI "
            f"classifications map to it ({names})"
        )


class UnknownCodeError(ClassificationError, LookupError):
    """Reverse mapping: no SIVI classification maps to the receiver's code."""

    def __init__(self, code: str, known: Iterable[str]) -> None:
        self.code = code
        self.known = tuple(known)
        super().__init__(
            f"receiver code {code!r} is not in the mapping; known codes: {', '.join(self.known)}"
        )


# Every error is shown where users look for errors: ``sivi_verzuim.errors.MappingError``.
for _cls in (
    ClassificationError,
    MappingError,
    DecisionTableError,
    AmbiguousCodeError,
    UnknownCodeError,
):
    _cls.__module__ = "sivi_verzuim.errors"
del _cls
