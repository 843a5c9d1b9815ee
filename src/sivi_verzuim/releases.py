"""Releases ("jaargangen") and message types of the Verzuimstandaard, as data.

Everything that differs between releases at the message level lives in the
tables of this module: which message exists in which release, its namespace,
its ``BrCd`` and its ``VnrBrCd``. Element-level differences live in the schema
sources (``schemas/source/*.spec``). Adding a release means adding a
:class:`Release` member, a column here, its schemas and its bindings.
"""

from __future__ import annotations

import enum
import importlib
import re
from functools import cache
from types import ModuleType

__all__ = [
    "NAMESPACE_PREFIX",
    "MessageType",
    "Release",
    "binding_class",
    "message_for_namespace",
    "supported_pairs",
]

NAMESPACE_PREFIX = "http://www.sivi.org/Verzuimmanagement/"


class Release(enum.Enum):
    """A release of the standard; the value is the namespace year."""

    R2017 = "2017"
    R2020 = "2020"
    R2021 = "2021"
    R2022 = "2022"
    R2024 = "2024"
    R2025 = "2025"
    R2026 = "2026"

    @property
    def year(self) -> int:
        """The release year as a number."""
        return int(self.value)

    @property
    def reconstructed(self) -> bool:
        """True for releases whose schemas are reconstructed (no official XSD is public)."""
        return self.year < 2022

    @classmethod
    def from_year(cls, year: int | str) -> Release:
        """The release for a year such as ``2021`` or ``"2021"``.

        Raises:
            ValueError: for a year that is not a supported release.
        """
        try:
            return cls(str(year))
        except ValueError:
            known = ", ".join(r.value for r in cls)
            raise ValueError(f"unsupported release {year!r}; known releases: {known}") from None

    def __str__(self) -> str:
        return self.value


_R = Release


class MessageType(enum.Enum):
    """A message of the Werkgevers-Arbodiensten interface; the value is its root element."""

    VERZUIMMELDINGEN = "Verzuimmeldingen"
    WERKNEMERS_GEGEVENS = "WerknemerGegevens"
    DIENSTVERBANDEN = "Dienstverbanden"
    WERKGEVERS_GEGEVENS_BASISREGISTRATIE = "WerkgeversGegevensBasisregistratie"
    DOCUMENTEN = "Documenten"
    AFSPRAKEN = "Afspraken"
    RETOURMELDING = "Retourmelding1"
    AANVRAAG_PREVENTIEVE_DIENSTEN = "AanvraagPreventieveDiensten"
    MEDISCHE_KAART = "MedischeKaart"
    VERWERKINGSMELDING = "VerwerkingsmeldingWerkgeverArbodienst"

    @property
    def root(self) -> str:
        """The root element's local name (also the namespace segment)."""
        return self.value

    @property
    def title(self) -> str:
        """The message's name in the standard (``WerknemersGegevens``, ``Retourmelding``)."""
        return _TITLES.get(self, self.value)

    @property
    def module(self) -> str:
        """Name of the generated binding module (``werknemers_gegevens``)."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.title).lower()

    @property
    def brcd(self) -> str | None:
        """The fixed ``BrCd`` of this message, or None where the schema leaves it open."""
        return _BRCD[self]

    @property
    def releases(self) -> tuple[Release, ...]:
        """The releases in which this message exists, oldest first."""
        return tuple(_VNRBRCD[self])

    def vnrbrcd(self, release: Release) -> str | None:
        """The ``VnrBrCd`` fixed by ``release``'s schema, or None where it is left open.

        Raises:
            KeyError: when the message does not exist in ``release``.
        """
        return _VNRBRCD[self][release]

    def default_vnrbrcd(self, release: Release) -> str:
        """The ``VnrBrCd`` written in new messages of ``release``.

        Where the schema fixes the code, that code. Where it is open (messages
        other than Verzuimmeldingen before 2022, and messages whose official
        schema leaves it open), the newest known code of this message at or
        after ``release`` -- a documented default, see ``docs/releases.md``.
        """
        fixed = self.vnrbrcd(release)
        if fixed is not None:
            return fixed
        for later in Release:
            if later.year >= release.year:
                code = _VNRBRCD[self].get(later)
                if code is not None:
                    return code
        return "00001"

    def default_brcd(self) -> str:
        """The ``BrCd`` written in new messages (the fixed code, or ``00000`` where open)."""
        return self.brcd or "00000"

    def namespace(self, release: Release) -> str:
        """The target namespace of this message in ``release``."""
        return f"{NAMESPACE_PREFIX}{self.root}/{release.value}"

    def has_release(self, release: Release) -> bool:
        """Whether the message exists in ``release``."""
        return release in _VNRBRCD[self]

    def __str__(self) -> str:
        return self.title


_M = MessageType

_TITLES = {
    _M.WERKNEMERS_GEGEVENS: "WerknemersGegevens",
    _M.RETOURMELDING: "Retourmelding",
    _M.VERWERKINGSMELDING: "VerwerkingsmeldingWerkgeverArbodienst",
}

_BRCD: dict[MessageType, str | None] = {
    _M.VERZUIMMELDINGEN: "00100",
    _M.WERKNEMERS_GEGEVENS: "00600",
    _M.DIENSTVERBANDEN: "00106",
    _M.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: "00101",
    _M.DOCUMENTEN: "00500",
    _M.AFSPRAKEN: "00105",
    _M.RETOURMELDING: "99999",
    _M.AANVRAAG_PREVENTIEVE_DIENSTEN: "00601",
    _M.MEDISCHE_KAART: "00501",
    _M.VERWERKINGSMELDING: None,
}

_OLD = (_R.R2017, _R.R2020, _R.R2021)


def _open_before_2022(codes: dict[Release, str | None]) -> dict[Release, str | None]:
    """Pre-2022 VnrBrCd codes are unknown for all messages but Verzuimmeldingen."""
    return {**dict.fromkeys(_OLD), **codes}


# VnrBrCd per message and release; None = the schema accepts any code up to 5 characters.
_VNRBRCD: dict[MessageType, dict[Release, str | None]] = {
    _M.VERZUIMMELDINGEN: {
        _R.R2017: "00007",
        _R.R2020: "00008",
        _R.R2021: "00009",
        _R.R2022: "00010",
        _R.R2024: "00011",
        _R.R2025: "00012",
        _R.R2026: "00013",
    },
    _M.WERKNEMERS_GEGEVENS: _open_before_2022(
        {_R.R2022: "00004", _R.R2024: "00005", _R.R2025: "00006", _R.R2026: "00007"}
    ),
    _M.DIENSTVERBANDEN: _open_before_2022(
        {_R.R2022: "00004", _R.R2024: "00005", _R.R2025: "00005", _R.R2026: "00006"}
    ),
    _M.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: _open_before_2022(
        {_R.R2022: "00008", _R.R2024: "00009", _R.R2025: "00009", _R.R2026: "00009"}
    ),
    _M.DOCUMENTEN: _open_before_2022({_R.R2022: "00005", _R.R2025: "00005", _R.R2026: "00006"}),
    _M.AFSPRAKEN: _open_before_2022(
        {_R.R2022: "00004", _R.R2024: "00005", _R.R2025: "00005", _R.R2026: "00006"}
    ),
    _M.RETOURMELDING: _open_before_2022(
        {_R.R2022: "00002", _R.R2024: "00003", _R.R2025: "00003", _R.R2026: "00003"}
    ),
    _M.AANVRAAG_PREVENTIEVE_DIENSTEN: {
        _R.R2022: "00002",
        _R.R2024: "00003",
        _R.R2025: "00003",
        _R.R2026: "00004",
    },
    _M.MEDISCHE_KAART: {_R.R2024: "00001", _R.R2025: "00001", _R.R2026: "00001"},
    _M.VERWERKINGSMELDING: {_R.R2024: None, _R.R2025: None, _R.R2026: None},
}


@cache
def _namespace_index() -> dict[tuple[str, str], tuple[MessageType, Release]]:
    return {(mt.root, mt.namespace(rel)): (mt, rel) for mt in MessageType for rel in mt.releases}


def message_for_namespace(root: str, namespace: str | None) -> tuple[MessageType, Release] | None:
    """The (message type, release) named by a root element and its namespace, or None."""
    if namespace is None:
        return None
    return _namespace_index().get((root, namespace))


def supported_pairs() -> list[tuple[str, str]]:
    """Every supported (root element, namespace) pair, for error messages and docs."""
    return sorted(_namespace_index())


@cache
def binding_module(message_type: MessageType, release: Release) -> ModuleType:
    """The generated binding module of a message in a release (imported on first use).

    Only the requested release's package is imported.
    """
    if not message_type.has_release(release):
        raise KeyError(f"{message_type.title} does not exist in release {release.value}")
    return importlib.import_module(f"sivi_verzuim._bindings.r{release.value}.{message_type.module}")


def binding_class(message_type: MessageType, release: Release) -> type:
    """The generated dataclass of a message's root element in a release."""
    cls: type = getattr(binding_module(message_type, release), message_type.root)
    return cls
