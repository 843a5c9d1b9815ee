"""Releases ("jaargangen") and message types of the Verzuimstandaard, as data.

Everything that differs between releases at the message level lives in the
release table of this module: which message exists in which release, its ``BrCd``
and its ``VnrBrCd`` (the namespace follows from root and year). Element-level
differences live in the schema sources (``schemas/source/*.spec``). Adding a
release means adding a :class:`Release` member and a column to the table, then
``python tools/regenerate.py`` (``docs/development.md``).
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

# The release table: one row per message, one column per release (oldest first, the
# members of Release). A cell is the message's VnrBrCd in that release; "open" where the
# schema accepts any code of up to five characters; "-" where the message does not exist in
# that release. BrCd is "open" where the schema leaves it open. Adding a release is a
# Release member and a column here (docs/development.md).
_TABLE = """
message                                BrCd   2017   2020   2021   2022   2024   2025   2026
Verzuimmeldingen                       00100  00007  00008  00009  00010  00011  00012  00013
WerknemerGegevens                      00600  open   open   open   00004  00005  00006  00007
Dienstverbanden                        00106  open   open   open   00004  00005  00005  00006
WerkgeversGegevensBasisregistratie     00101  open   open   open   00008  00009  00009  00009
Documenten                             00500  open   open   open   00005  -      00005  00006
Afspraken                              00105  open   open   open   00004  00005  00005  00006
Retourmelding1                         99999  open   open   open   00002  00003  00003  00003
AanvraagPreventieveDiensten            00601  -      -      -      00002  00003  00003  00004
MedischeKaart                          00501  -      -      -      -      00001  00001  00001
VerwerkingsmeldingWerkgeverArbodienst  open   -      -      -      -      open   open   open
"""


def _read_table(
    text: str,
) -> tuple[dict[MessageType, str | None], dict[MessageType, dict[Release, str | None]]]:
    """BrCd and VnrBrCd per message from the release table (checked against the enums)."""
    rows = [line.split() for line in text.strip().splitlines()]
    header, body = rows[0], rows[1:]
    years = header[2:]
    if header[:2] != ["message", "BrCd"] or years != [r.value for r in Release]:
        raise RuntimeError(
            f"release table columns {years} differ from the Release members "
            f"{[r.value for r in Release]}"
        )
    brcd: dict[MessageType, str | None] = {}
    vnrbrcd: dict[MessageType, dict[Release, str | None]] = {}
    for row in body:
        if len(row) != len(header):
            raise RuntimeError(f"release table row {row[0]!r} has {len(row)} cells")
        mt = MessageType(row[0])
        brcd[mt] = None if row[1] == "open" else row[1]
        vnrbrcd[mt] = {
            Release(year): None if cell == "open" else cell
            for year, cell in zip(years, row[2:], strict=True)
            if cell != "-"
        }
    if set(brcd) != set(MessageType):
        raise RuntimeError("the release table must have one row per MessageType")
    return brcd, vnrbrcd


_BRCD, _VNRBRCD = _read_table(_TABLE)


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
