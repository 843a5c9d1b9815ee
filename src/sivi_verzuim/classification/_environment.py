"""One mapping for the environment, per-employer overrides, and installed (entry-point) mappings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from typing import Any

import attrs

from ._classes import AbsenceClassification
from ._errors import MappingError, problem
from ._mapping import ClassificationMapping, ReceiverClass

__all__ = [
    "ENTRY_POINT_GROUP",
    "EmployerKey",
    "EnvironmentMapping",
    "installed_mappings",
    "load_installed_mapping",
]

ENTRY_POINT_GROUP = "sivi_verzuim.classification_mappings"
"""The entry-point group through which other packages offer mappings."""


@attrs.frozen
class EmployerKey:
    """Which employer a mapping override is for.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``; ``None`` covers every connection
            of the employer.
    """

    employer_id: str
    connection_number: str | None = None

    @classmethod
    def parse(cls, text: str) -> EmployerKey:
        """From ``"IdWrkgvrArbdnst"`` or ``"IdWrkgvrArbdnst/AansltnrGeguitwlngArbdnst"``.

        Raises:
            ValueError: an empty employer id.
        """
        employer, sep, connection = text.strip().partition("/")
        if not employer.strip() or (sep and not connection.strip()):
            raise ValueError(f"employer key {text!r}: write ID or ID/CONNECTION")
        return cls(employer.strip(), connection.strip() if sep else None)

    def __str__(self) -> str:
        if self.connection_number is None:
            return self.employer_id
        return f"{self.employer_id}/{self.connection_number}"


def _to_overrides(
    value: Mapping[Any, ClassificationMapping] | Iterable[tuple[Any, ClassificationMapping]],
) -> tuple[tuple[EmployerKey, ClassificationMapping], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out: dict[EmployerKey, ClassificationMapping] = {}
    for key, mapping in items:
        k = key if isinstance(key, EmployerKey) else EmployerKey.parse(str(key))
        if k in out:
            raise ValueError(f"two mappings for employer {k}")
        if not isinstance(mapping, ClassificationMapping):
            raise TypeError(f"the override for employer {k} is not a ClassificationMapping")
        out[k] = mapping
    return tuple(out.items())


@attrs.frozen
class EnvironmentMapping:
    """A default mapping for the whole environment, with optional per-employer overrides.

    An override keyed by employer id and connection number wins over one keyed by the
    employer id alone, which wins over the default.

    Attributes:
        default: the environment's mapping.
        overrides: ``(EmployerKey, mapping)`` pairs; a dict keyed by :class:`EmployerKey` or
            by ``"ID"`` / ``"ID/CONNECTION"`` text is accepted too.
    """

    default: ClassificationMapping
    overrides: tuple[tuple[EmployerKey, ClassificationMapping], ...] = attrs.field(
        factory=tuple, converter=_to_overrides
    )

    def for_employer(
        self, employer_id: str | None = None, connection_number: str | None = None
    ) -> ClassificationMapping:
        """The mapping that holds for an employer (the default when it has no override)."""
        if employer_id is None:
            return self.default
        table = dict(self.overrides)
        if connection_number is not None:
            exact = table.get(EmployerKey(employer_id, connection_number))
            if exact is not None:
                return exact
        return table.get(EmployerKey(employer_id), self.default)

    def map(
        self,
        classification: AbsenceClassification,
        *,
        employer_id: str | None = None,
        connection_number: str | None = None,
    ) -> ReceiverClass:
        """The receiver's classification, using the employer's mapping."""
        return self.for_employer(employer_id, connection_number).map(classification)

    def reverse(
        self,
        code: str,
        *,
        employer_id: str | None = None,
        connection_number: str | None = None,
    ) -> AbsenceClassification:
        """The SIVI classification for a receiver code, using the employer's mapping.

        Raises:
            AmbiguousCodeError: several SIVI classifications share the code.
            UnknownCodeError: none has it.
        """
        return self.for_employer(employer_id, connection_number).reverse(code)


def _entry_points() -> list[metadata.EntryPoint]:
    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


def installed_mappings() -> tuple[str, ...]:
    """Names of the mappings other packages offer (entry-point group
    ``sivi_verzuim.classification_mappings``), sorted."""
    return tuple(sorted({ep.name for ep in _entry_points()}))


def load_installed_mapping(name: str) -> ClassificationMapping:
    """Load an installed mapping by its entry-point name.

    The entry point may name a :class:`ClassificationMapping`, a dict that
    :class:`ClassificationMapping` accepts, or a callable without arguments that returns
    either.

    Raises:
        MappingError: no such mapping, two packages offer it, it fails to load, or it is
            not a valid mapping (``mapping.not-found`` / ``mapping.entry-point`` / …).
    """
    found = [ep for ep in _entry_points() if ep.name == name]
    if not found:
        known = ", ".join(installed_mappings()) or "none"
        raise MappingError(
            [
                problem(
                    "mapping.not-found",
                    f"no installed classification mapping named {name!r} (installed: {known})",
                    value=name,
                )
            ]
        )
    where = f"entry point {name} = {found[0].value}"
    if len({ep.value for ep in found}) > 1:
        raise MappingError(
            [
                problem(
                    "mapping.entry-point",
                    f"two packages offer a mapping named {name!r}: "
                    + ", ".join(ep.value for ep in found),
                    value=name,
                )
            ]
        )
    try:
        obj: object = found[0].load()
        if callable(obj) and not isinstance(obj, ClassificationMapping):
            factory: Callable[[], object] = obj
            obj = factory()
    except MappingError as exc:
        raise MappingError(exc.findings, file=where) from exc
    except Exception as exc:
        raise MappingError(
            [problem("mapping.entry-point", f"cannot load: {exc!r}", file=where)], file=where
        ) from exc
    if isinstance(obj, ClassificationMapping):
        return attrs.evolve(obj, source=obj.source or where)
    if isinstance(obj, Mapping):
        try:
            return ClassificationMapping(obj, source=where)
        except MappingError as exc:
            findings = [attrs.evolve(f, file=where) for f in exc.findings]
            raise MappingError(findings, file=where) from None
    raise MappingError(
        [
            problem(
                "mapping.entry-point",
                f"gives a {type(obj).__name__}, not a ClassificationMapping (or a dict, or a "
                "callable returning one)",
                file=where,
            )
        ],
        file=where,
    )
