"""Write one example message per schema to ``examples/<year>/``.

Usage: ``python tools/make_examples.py [--check] [--verbose]``.

For every ``src/sivi_verzuim/schemas/<year>/<Message>.xsd`` the script writes
``examples/<year>/<Message>.xml``: a complete, schema-valid message with every
required element and a realistic selection of optional ones. For a reconstructed
release (2017, 2020, 2021) the message is built from its writing face
(``schemas/writing/<year>/``: what every plausible reading of the release accepts) and
checked against both faces. For Verzuimmeldingen
it also writes a small absence chain for each release, as separate files whose
names start with ``VZ`` (receivers pick them up with a ``VZ*.xml`` filter)::

    VZ-<year>-01-ziekmelding.xml           sick report          (VrwrkCd 01, 100 %)
    VZ-<year>-02-gedeeltelijk-herstel.xml  partial recovery     (VrwrkCd 02,  50 %)
    VZ-<year>-03-volledig-herstel.xml      full recovery, ends  (VrwrkCd 02,   0 %)

The instance is built by walking the schema: named complex types are followed,
named simple types give the facets a value must satisfy. Values come from a
table keyed on element name (and, where the same name means different things, on
the surrounding elements); an element the table does not know gets a generic value
that satisfies its facets (listed with ``--verbose``). Everything is deterministic:
the same schemas give byte-identical files. All data is fictitious.

Every file written is validated against its own schema; the exit code is 1 and
each failure is reported when one does not validate. With ``--check`` nothing is
written and the exit code is 1 when a file in ``examples/`` is missing or differs.

``--inbox`` writes (or with ``--check`` compares) instead the master-data scenario of the
example inbox, ``examples/inbox/2024/`` (a negatively registered employer: structure,
employees, employments, absences, a key change), from the domain model through
``from_model``; this needs the package itself to be importable.
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
SCHEMA_ROOT = REPO / "src" / "sivi_verzuim" / "schemas"
EXAMPLES_ROOT = REPO / "examples"

sys.path.insert(0, str(REPO / "src"))
try:
    from sivi_verzuim.releases import MessageType, Release
except ImportError:  # the package __init__ needs modules that may not be importable
    # ``releases`` only needs the standard library: load the table module on its own.
    _spec = importlib.util.spec_from_file_location(
        "_sivi_verzuim_releases", REPO / "src" / "sivi_verzuim" / "releases.py"
    )
    assert _spec is not None and _spec.loader is not None
    _releases = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _releases
    _spec.loader.exec_module(_releases)
    MessageType = _releases.MessageType
    Release = _releases.Release

XS = "http://www.w3.org/2001/XMLSchema"
_XS = f"{{{XS}}}"

# --------------------------------------------------------------------------------------
# Schema model: just what these schemas use (named types, sequences, one choice).
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SimpleType:
    """A builtin type, or a named restriction of one, with its facets."""

    name: str
    base: str  # local name of the builtin: string, decimal, nonNegativeInteger, date, time
    facets: dict[str, str] = field(default_factory=dict)
    enumeration: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    def facet(self, name: str) -> int | None:
        value = self.facets.get(name)
        return None if value is None else int(value)


@dataclass(frozen=True)
class Particle:
    """An element in a sequence, or (``choice`` non-empty) a choice between elements."""

    name: str
    type_ref: str
    min_occurs: int
    max_occurs: int | None  # None = unbounded
    choice: tuple[Particle, ...] = ()


@dataclass
class Schema:
    """One message schema: its root element, namespace and named types."""

    path: Path
    root_name: str
    root_type: str
    namespace: str
    complex_types: dict[str, list[Particle]]
    simple_types: dict[str, SimpleType]

    @classmethod
    def load(cls, path: Path) -> Schema:
        doc = etree.parse(str(path))
        top = doc.getroot()
        namespace = top.get("targetNamespace")
        if namespace is None:
            raise SystemExit(f"{_rel(path)}: no targetNamespace")
        roots = top.findall(f"{_XS}element")
        if len(roots) != 1:
            raise SystemExit(f"{_rel(path)}: expected one global element, found {len(roots)}")
        complex_types = {
            ct.get("name", ""): _particles(ct.find(f"{_XS}sequence"), path)
            for ct in top.findall(f"{_XS}complexType")
        }
        simple_types = {
            st.get("name", ""): _simple(st, path) for st in top.findall(f"{_XS}simpleType")
        }
        return cls(
            path=path,
            root_name=roots[0].get("name", ""),
            root_type=_local(roots[0].get("type", "")),
            namespace=namespace,
            complex_types=complex_types,
            simple_types=simple_types,
        )

    def is_complex(self, type_ref: str) -> bool:
        return not type_ref.startswith("xs:") and _local(type_ref) in self.complex_types

    def simple(self, type_ref: str) -> SimpleType:
        if type_ref.startswith("xs:"):
            return SimpleType(name=type_ref, base=_local(type_ref))
        return self.simple_types[_local(type_ref)]


def _rel(path: Path) -> str:
    """``path`` relative to the repository, for messages."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def _local(ref: str) -> str:
    return ref.split(":", 1)[-1]


def _occurs(node: etree._Element) -> tuple[int, int | None]:
    high = node.get("maxOccurs", "1")
    return int(node.get("minOccurs", "1")), (None if high == "unbounded" else int(high))


def _particles(sequence: etree._Element | None, path: Path) -> list[Particle]:
    if sequence is None:
        raise SystemExit(f"{_rel(path)}: a complexType without xs:sequence is not supported")
    result = []
    for node in sequence:
        if not isinstance(node.tag, str):
            continue  # comment
        low, high = _occurs(node)
        if node.tag == f"{_XS}element":
            result.append(Particle(node.get("name", ""), node.get("type", ""), low, high))
        elif node.tag == f"{_XS}choice":
            options = tuple(
                Particle(e.get("name", ""), e.get("type", ""), *_occurs(e))
                for e in node.findall(f"{_XS}element")
            )
            result.append(Particle("", "", low, high, choice=options))
        else:
            raise SystemExit(f"{_rel(path)}: unsupported particle {etree.QName(node).localname}")
    return result


def _simple(node: etree._Element, path: Path) -> SimpleType:
    restriction = node.find(f"{_XS}restriction")
    if restriction is None or not restriction.get("base", "").startswith("xs:"):
        raise SystemExit(
            f"{_rel(path)}: simpleType {node.get('name')} is not a builtin restriction"
        )
    facets: dict[str, str] = {}
    enumeration: list[str] = []
    patterns: list[str] = []
    for facet in restriction:
        if not isinstance(facet.tag, str):
            continue
        kind = etree.QName(facet).localname
        if kind == "enumeration":
            enumeration.append(facet.get("value", ""))
        elif kind == "pattern":
            patterns.append(facet.get("value", ""))
        else:
            facets[kind] = facet.get("value", "")
    return SimpleType(
        name=node.get("name", ""),
        base=_local(restriction.get("base", "")),
        facets=facets,
        enumeration=tuple(enumeration),
        patterns=tuple(patterns),
    )


# --------------------------------------------------------------------------------------
# The fictitious world: one employer, one employee, one employment, one absence case.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    last_name: str  # Achternaam: the full surname, prefix included
    significant: str  # SignNm: the surname without prefix
    prefix: str | None  # Voorv
    initials: str
    first_name: str
    gender: str
    email: str
    phone: str
    mobile: str


EMPLOYEE = Person(
    "Jansen", "Jansen", None, "J.P.", "Jan", "M", "j.jansen@example.nl", "0302345678", "0612345678"
)
PARTNER = Person("de Vries", "Vries", "de", "S.", "Sanne", "V", "", "", "")
CONTACT = Person(  # the employee's manager / HR contact at the employer
    "Bakker",
    "Bakker",
    None,
    "M.",
    "Marieke",
    "V",
    "m.bakker@example.nl",
    "0307654321",
    "0687654321",
)
ARBO_CONTACT = Person(  # case manager at the occupational-health service
    "Visser", "Visser", None, "P.", "Pieter", "M", "p.visser@example.nl", "0301234567", "0623456789"
)
DOCTOR = Person("de Vries", "Vries", "de", "A.", "Anne", "V", "", "", "")  # company doctor


@dataclass(frozen=True)
class Address:
    postcode: str
    city: str
    street: str
    number: str
    addition: str | None
    since: str


EMPLOYEE_ADDRESS = Address("3511AB", "Utrecht", "Oudegracht", "12", "A", "2016-05-01")
EMPLOYER_ADDRESS = Address("3526KM", "Utrecht", "Kanaalweg", "40", "B", "2012-04-01")
ARBO_ADDRESS = Address("3532AD", "Utrecht", "Vleutensevaart", "100", None, "2010-01-01")

HR_SENDER = "HR-SALARISPAKKET-01"
HR_SOFTWARE = "Personeelssysteem 7.2"
ARBODIENST = "ARBODIENST-MIDDEN"
ARBO_SOFTWARE = "Arbo Casemanagement 5.1"
OTHER_ARBODIENST = "ARBODIENST-WEST"

EMPLOYMENT_START = "2015-09-01"

# Messages that travel from the arbodienst (to the employer, or to another arbodienst).
FROM_ARBODIENST = {
    MessageType.DOCUMENTEN,
    MessageType.AFSPRAKEN,
    MessageType.RETOURMELDING,
    MessageType.MEDISCHE_KAART,
    MessageType.VERWERKINGSMELDING,
}

# Berrefnr prefix and (month, day, time) of the message per message type.
PREFIX = {
    MessageType.VERZUIMMELDINGEN: "VZ",
    MessageType.WERKNEMERS_GEGEVENS: "WN",
    MessageType.DIENSTVERBANDEN: "DV",
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: "WG",
    MessageType.DOCUMENTEN: "DOC",
    MessageType.AFSPRAKEN: "AF",
    MessageType.RETOURMELDING: "RM",
    MessageType.AANVRAAG_PREVENTIEVE_DIENSTEN: "PD",
    MessageType.MEDISCHE_KAART: "MK",
    MessageType.VERWERKINGSMELDING: "VM",
}
SENT_ON = {
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE: (1, 15, "09:30:00"),
    MessageType.WERKNEMERS_GEGEVENS: (1, 20, "09:30:00"),
    MessageType.DIENSTVERBANDEN: (1, 20, "09:35:00"),
    MessageType.AANVRAAG_PREVENTIEVE_DIENSTEN: (2, 1, "09:30:00"),
    MessageType.VERZUIMMELDINGEN: (3, 2, "09:30:00"),
    MessageType.RETOURMELDING: (3, 2, "09:45:00"),
    MessageType.VERWERKINGSMELDING: (3, 2, "09:50:00"),
    MessageType.AFSPRAKEN: (3, 5, "14:00:00"),
    MessageType.DOCUMENTEN: (3, 10, "16:20:00"),
    MessageType.MEDISCHE_KAART: (3, 20, "11:00:00"),
}

# The absence chain: (file suffix, sequence number, day in March of the release year).
CHAIN = (
    ("01-ziekmelding", 1, 2),
    ("02-gedeeltelijk-herstel", 2, 16),
    ("03-volledig-herstel", 3, 30),
)

PDF_LIKE = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"% Fictief voorbeelddocument - sivi_verzuim examples\n"
    b"%%EOF\n"
)


@dataclass(frozen=True)
class Scenario:
    """What one file is about."""

    release: Release
    message: MessageType
    berrefnr: str
    sent: date
    sent_time: str
    step: int = 0  # Verzuimmeldingen: 0 = the richer stand-alone file, 1..3 = the chain
    rich: bool = True  # include optional blocks (second address, bank, partner, ...)

    @property
    def year(self) -> int:
        return self.release.year

    def day(self, month: int, day: int) -> str:
        return date(self.year, month, day).isoformat()

    @property
    def from_arbodienst(self) -> bool:
        return self.message in FROM_ARBODIENST


def scenario_for(release: Release, message: MessageType) -> Scenario:
    month, day, time = SENT_ON[message]
    number = "0100" if message is MessageType.VERZUIMMELDINGEN else "0001"
    return Scenario(
        release=release,
        message=message,
        berrefnr=f"{PREFIX[message]}-{release.value}-{number}",
        sent=date(release.year, month, day),
        sent_time=time,
    )


def chain_scenarios(release: Release) -> list[tuple[str, Scenario]]:
    base = scenario_for(release, MessageType.VERZUIMMELDINGEN)
    return [
        (
            f"VZ-{release.value}-{suffix}.xml",
            replace(
                base,
                berrefnr=f"VZ-{release.value}-{seq:04d}",
                sent=date(release.year, 3, day),
                step=seq,
                rich=False,
            ),
        )
        for suffix, seq, day in CHAIN
    ]


# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------

# Some older schemas spell the blocks out (Afspraken 2017/2020); treat them as the short names.
ALIASES = {
    "Werkgever": "Wrkgvr",
    "Arbodienst": "Arbdnst",
    "Contactpersoon": "Cntprsn",
    "Communicatie": "Com",
    "StraatadresNederland": "StrAdrNl",
    "Dienstverband": "Dnstvbnd",
    "Verzuim": "Vrzm",
}

# Repeatable elements written twice (where the schema allows it); the second set only in
# the richer files.
TWICE = {"Com"}
TWICE_RICH = {"VrTkst"}

# Optional blocks left out of the lean chain files.
RICH_ONLY = {"AdmKantoor", "StrAdrBl", "PbadrsNl", "BnkGiro", "Prtnr", "Kostenplaats", "Actie"}

# Optional elements never written: they only make sense in corrections (``...Oud``), for a
# deceased employee or an ended employment, for a nursing address, for a special (safety-net)
# absence, or they contradict a sibling (IndERDZW = N).
NEVER = {
    "Overldat",
    "Enddat",
    "RdEndDnstvbndCd",
    "EnddatERDWGA",
    "EnddatERDZW",
    "IngdatERDZW",
    "SrtVrplgadrsCd",
    "NmVrpladrs",
    "BijzRdnStartVrzmCd",
    "WAZOCd",
    "VngntCd",
}


@dataclass
class Context:
    """Where a value is asked for."""

    scenario: Scenario
    path: tuple[str, ...]  # element names from the root, aliases resolved, ending in this one
    parent: etree._Element
    simple: SimpleType

    @property
    def name(self) -> str:
        return self.path[-1]

    def within(self, *names: str) -> bool:
        return any(n in self.path[:-1] for n in names)

    def nearest(self, *names: str) -> str | None:
        for n in reversed(self.path[:-1]):
            if n in names:
                return n
        return None

    @property
    def person(self) -> Person | None:
        holder = self.nearest(
            "Wrknmr", "Prtnr", "Cntprsn", "CntprsnOntvanger", "CntprsnZender", "UitvoerderAfspraak"
        )
        arbo_sends = self.scenario.from_arbodienst
        if holder == "Cntprsn":
            return ARBO_CONTACT if self.within("Arbdnst") else CONTACT
        return {
            "Wrknmr": EMPLOYEE,
            "Prtnr": PARTNER,
            "CntprsnZender": ARBO_CONTACT if arbo_sends else CONTACT,
            "CntprsnOntvanger": CONTACT if arbo_sends else ARBO_CONTACT,
            "UitvoerderAfspraak": DOCTOR,
        }.get(holder or "")

    @property
    def address(self) -> Address:
        if self.within("Wrknmr"):
            return EMPLOYEE_ADDRESS
        if self.within("Afspraak"):
            return ARBO_ADDRESS
        return EMPLOYER_ADDRESS

    def sibling(self, name: str) -> str | None:
        node = self.parent.find(f"{{{self.parent.nsmap[None]}}}{name}")
        return None if node is None else node.text

    @property
    def position(self) -> int:
        """Index of the enclosing element among its same-named siblings."""
        return sum(1 for _ in self.parent.itersiblings(self.parent.tag, preceding=True))


Value = str | None
Rule = Callable[[Context], Value]


def _person(attr: str) -> Rule:
    def rule(ctx: Context) -> Value:
        person = ctx.person or CONTACT
        value: str | None = getattr(person, attr)
        return value

    return rule


def _address(attr: str) -> Rule:
    return lambda ctx: getattr(ctx.address, attr)


def _org_name(ctx: Context) -> Value:
    return {
        "AdmKantoor": "Salarisbureau Domstad B.V.",
        "Arbdnst": "Arbodienst Midden-Nederland B.V.",
        "Vrzkr": "Zekerheid Verzuimverzekeringen N.V.",
    }.get(
        ctx.nearest("AdmKantoor", "Arbdnst", "Vrzkr", "Wrkgvr") or "",
        "Bakkerij De Gouden Korenaar B.V.",
    )


def _kvk(ctx: Context) -> Value:
    return "34187256" if ctx.within("AdmKantoor") else "30123456"


def _branch_number(ctx: Context) -> Value:
    return "100234567890" if ctx.within("AdmKantoor") else "123456789012"


def _staff(employer: int, unit: int) -> Rule:
    """Staff numbers: the whole employer, or one organisational unit / cost centre."""
    return lambda ctx: str(unit if ctx.within("OrgEenh", "Kostenplaats") else employer)


PHONE_CODES = ("05", "06", "07", "08")  # [guess] 05/06 phone private/business, 07/08 mobile
EMAIL_CODES = ("09", "10")  # [guess] 09/10 e-mail private/business
EMPLOYER_PHONE = "0302100100"
EMPLOYER_EMAIL = "salarisadministratie@example.nl"


def _com_kind(ctx: Context) -> Value:
    allowed = ctx.simple.enumeration
    wanted = EMAIL_CODES if ctx.position % 2 else PHONE_CODES
    for code in wanted:
        if code in allowed:
            return code
    return allowed[0]


def _com_number(ctx: Context) -> Value:
    kind = ctx.sibling("SrtComCd") or ""
    person = ctx.person
    if kind in EMAIL_CODES:
        return person.email if person and person.email else EMPLOYER_EMAIL
    if kind in ("07", "08"):
        return person.mobile if person and person.mobile else "0612300000"
    return person.phone if person and person.phone else EMPLOYER_PHONE


def _start_date(ctx: Context) -> Value:
    block = ctx.nearest(
        "StrAdrNl", "StrAdrBl", "PbadrsNl", "ArboCntrct", "Cntrct", "OrgEenh", "Kostenplaats"
    )
    if block in ("StrAdrNl", "StrAdrBl", "PbadrsNl"):
        return ctx.address.since
    if block in ("ArboCntrct", "Cntrct"):
        return "2016-01-01"
    if block == "OrgEenh":
        return "2014-01-01"
    if block == "Kostenplaats":
        return "2015-01-01"
    return EMPLOYMENT_START  # Dnstvbnd, Arbeidsrelatie


def _id_employee(ctx: Context) -> Value:
    return "EXT-000412" if ctx.nearest("Cntprsn", "Wrknmr") == "Cntprsn" else "EXT-000731"


def _persnr(ctx: Context) -> Value:
    return "000412" if ctx.nearest("Cntprsn", "Wrknmr") == "Cntprsn" else "000731"


def _address_kind(ctx: Context) -> Value:
    # The Dutch address is the first code (home / establishment address); a foreign
    # address takes the next one [guess: a second residence or postal address].
    codes = ctx.simple.enumeration
    return codes[1] if ctx.name == "SrtAdrsCd" and ctx.within("StrAdrBl") else codes[0]


# --- the absence case -------------------------------------------------------------------


def _vrzm(values: tuple[Value, Value, Value]) -> Rule:
    """A value per step of the chain (the stand-alone file is the sick report)."""
    return lambda ctx: values[max(ctx.scenario.step, 1) - 1]


def _processing_code(ctx: Context) -> Value:
    # Required processing codes elsewhere (org units, preventive services) report new data.
    return _vrzm(("01", "02", "02"))(ctx) if ctx.within("Vrzm") else "01"


def _recovered(ctx: Context) -> Value:
    """The recovery date, in the full-recovery message only."""
    return ctx.scenario.day(3, 30) if ctx.scenario.step == 3 else None


def _case_id(ctx: Context) -> Value:
    return f"VZ-{ctx.scenario.year}-000123"


def _march(day: int) -> Rule:
    return lambda ctx: ctx.scenario.day(3, day)


def _seq(ctx: Context) -> Value:
    return str(max(ctx.scenario.step, 1))


def _free_text(ctx: Context) -> Value:
    if ctx.within("VrwrkMld"):
        return "Ziekmelding is verwerkt in het verzuimdossier."
    lines = {
        0: (
            "Ziek gemeld bij de leidinggevende om 07:45.",
            "Medewerker is bereikbaar op het huisadres.",
        ),
        1: ("Ziek gemeld bij de leidinggevende om 07:45.",),
        2: ("Werkt halve dagen in de eigen functie.",),
        3: ("Volledig hersteld, werk hervat in de eigen functie.",),
    }[ctx.scenario.step]
    return lines[ctx.position % len(lines)]


def _sent(ctx: Context) -> Value:
    return ctx.scenario.sent.isoformat()


def _sender(ctx: Context) -> Value:
    return ARBODIENST if ctx.scenario.from_arbodienst else HR_SENDER


def _receiver(ctx: Context) -> Value:
    if ctx.scenario.message is MessageType.MEDISCHE_KAART:
        return OTHER_ARBODIENST  # [guess] the medical file goes to the next arbodienst
    return HR_SENDER if ctx.scenario.from_arbodienst else ARBODIENST


def _software(ctx: Context) -> Value:
    return ARBO_SOFTWARE if ctx.scenario.from_arbodienst else HR_SOFTWARE


def _answered(ctx: Context) -> Value:
    return f"VZ-{ctx.scenario.year}-0001"


def _brcd(ctx: Context) -> Value:
    return _only(ctx) or ctx.scenario.message.default_brcd()


def _vnrbrcd(ctx: Context) -> Value:
    return _only(ctx) or ctx.scenario.message.default_vnrbrcd(ctx.scenario.release)


def _only(ctx: Context) -> str | None:
    codes = ctx.simple.enumeration
    return codes[0] if len(codes) == 1 else None


def _first(ctx: Context) -> Value:
    return ctx.simple.enumeration[0]


RULES: dict[str, Value | Rule] = {
    # message header
    "BrCd": _brcd,
    "VnrBrCd": _vnrbrcd,
    "AandatBr": _sent,
    "AantijdBr": lambda ctx: ctx.scenario.sent_time,
    "IdInzndr": _sender,
    "GebrSwPakket": _software,
    "IdOntvngr": _receiver,
    "Berrefnr": lambda ctx: ctx.scenario.berrefnr,
    "BerrefnrIngzndnBer": _answered,
    "TestJN": "N",
    "OntvngstbevJN": "J",
    "FunctieBrCd": _first,
    "SrtRetmldngCd": _first,
    # organisations
    "HndlsnmOrg": _org_name,
    "InschrijvingsnrKvK": _kvk,
    "VestigingsnrHandelsregister": _branch_number,
    "IdWrkgvrArbdnst": "WG-100234",
    "AansltnrGeguitwlngArbdnst": "AANS-0042",
    "IdWrkgvrUWV": "UWV-100234",
    "Lhnr": "123456789L01",
    "IdArbdnst": ARBODIENST,
    "IndERDWGA": "J",
    "IngdatERDWGA": lambda ctx: ctx.scenario.day(1, 1),
    "IndERDZW": "N",
    "Cntrnr": lambda ctx: "VZV-2016-0042" if ctx.within("Vrzkr") else "ARBO-2016-0042",
    "CntrnrPakket": "MAATWERK-PLUS",
    "CntrnrArbdnst": "ARBO-2016-0042",
    "IdVrzkrVolmachtCd": "Z042",
    "SrtVrzmvrzCd": _first,
    "AantVrzkrdn": "42",
    "PeildatPersoneelssterkte": lambda ctx: ctx.scenario.day(1, 1),
    "AantWrknmrs": _staff(42, 12),
    "AantFTE": _staff(35, 10),
    "AantVrouwelijkeWrknmrs": _staff(18, 3),
    "AantVrouwelijkeFTE": _staff(14, 2),
    "AantMannelijkeWrknmrs": _staff(24, 9),
    "AantMannelijkeFTE": _staff(21, 8),
    "AantUrenFTE": "38",
    # addresses and communication
    "SrtAdrsCd": _address_kind,
    "Pc": _address("postcode"),
    "Wnpl": _address("city"),
    "StraatLang": lambda ctx: "Meir" if ctx.within("StrAdrBl") else ctx.address.street,
    "Huisnr": _address("number"),
    "HuisToev": _address("addition"),
    "Pbnr": "8040",
    "LocomsBtl": "Appartement 3",
    "PcBtl": "2000",
    "WnplBtl": "Antwerpen",
    "RegBtl": "Antwerpen",
    "LandCd": "BE",
    "Landnm": "België",
    "HuisnrBtl": "14",
    "SrtComCd": _com_kind,
    "NrCom": _com_number,
    # persons
    "Achternaam": _person("last_name"),
    "SignNm": _person("significant"),
    "Voorv": _person("prefix"),
    "Voorl": _person("initials"),
    "Roepnaam": _person("first_name"),
    "GslchtCd": _person("gender"),
    "TitVNm": "ing.",
    "TitANm": "MBA",
    "NmvrkrCd": _first,
    "NivOpldngCd": _first,
    "RolCntprsnCd": _first,
    "IdCntctprsn": "CP-0017",
    "SofiNr": "111222333",
    "Gebdat": "1984-03-15",
    "IdWrknmr": _id_employee,
    "Persnr": _persnr,
    "PersNr": _persnr,
    "IngdatMut": lambda ctx: ctx.scenario.day(1, 1),
    "Iban": "NL91ABNA0417164300",
    "Bic": "ABNANL2A",
    "WrknmrNoriskJN": "N",
    # employment
    "IdDnstvbnd": "DV-000731-1",
    "Ingdat": _start_date,
    "SrtDnstvbndCd": _first,
    "Fnctcd": "BAK-01",
    "NmFnct": lambda ctx: "Bedrijfsarts" if ctx.within("UitvoerderAfspraak") else "Broodbakker",
    "FsIndFZ": _first,
    "NmOrgeenh": "Productie",
    "OrgeenhCd": "PROD",
    "OndOrgeenhCd": "PROD-BRD",
    "OndOrgeenhCdNm": "Broodbakkerij",
    "PcStandplts": "3542AB",
    "OmsStandplts": "Vestiging Utrecht Lage Weide",
    "VrdlngCd": "VERD-01",  # [guess] a cost-allocation code
    "CdBepTd": "O",  # onbepaalde tijd: the employment has no end date
    "AantCtrcturenPWk": "32.00",
    "AantUNormWk": "38.00",
    "SrtVarWrktdCd": _first,
    "AantLnwchtdgn": "1",
    "PrcLndrbtng": "100.00",
    "DltfctNVS": "0.84",
    "IdArbeidsrelatie": "AR-000731-1",
    "NmKostenplaats": "Productie Utrecht",
    "OndKostenplaatsNm": "Broodlijn",
    "KostenplaatsCd": "KP-4100",
    "OndKostenplaatsCd": "KP-4110",
    # preventive services
    "VrwrkCd": _processing_code,
    "IngdatMutPrev": lambda ctx: ctx.scenario.day(2, 1),
    "IdPrevDienst": lambda ctx: f"PD-{ctx.scenario.year}-0007",
    "PreventDienst": _first,
    "PevDienstToev": "Periodiek arbeidsgezondheidskundig onderzoek",
    "DatVanPrevD": lambda ctx: ctx.scenario.day(4, 1),
    "DatTotPrevD": lambda ctx: ctx.scenario.day(4, 30),
    "VerbPrevDCode": "PAGO",
    "VerbPrevDOms": "Periodiek arbeidsgezondheidskundig onderzoek",
    # the absence case (see _vrzm: sick report, partial recovery, full recovery)
    "IngdatMutVrzm": lambda ctx: ctx.scenario.day(3, (2, 16, 30)[max(ctx.scenario.step, 1) - 1]),
    "VrzmgvlId": _case_id,
    "VrzmgvlVnrMld": _seq,
    "EndVrzmJN": _vrzm(("N", "N", "J")),
    "DatVrzmWrkgvr": _march(2),
    "DatEerstVrzmdg": _march(2),
    "DatHrstld": _recovered,
    "DatHrstldWrkgvr": _recovered,
    "DatVrwHrstl": lambda ctx: None if _recovered(ctx) else ctx.scenario.day(3, 30),
    "PrcVrzm": _vrzm(("100.00", "50.00", "0.00")),
    "OorzkVrzmCd": "99",  # other cause (not a work or traffic accident)
    "VngntJN": "N",
    "RdnEndVrzmCd": _vrzm((None, None, "01")),
    "PrcArbther": "0.00",
    "ArbCnflJN": "N",
    "ActieCd": _first,
    "VrijeTekst": _free_text,
    # documents and appointments
    "IdDocument": lambda ctx: f"DOC-{ctx.scenario.year}-000045",
    "DatDocument": lambda ctx: ctx.scenario.day(3, 9),
    "SrtDocumentCd": _first,
    "SrtDocumentOms": "Rapportage bedrijfsarts",  # [guess] matches the first SrtDocumentCd
    "StatDocumentCd": _first,
    "KenmerkZendPartij": lambda ctx: f"ARBO-REF-{ctx.scenario.year}-0045",
    "RdAanlevDocumentCd": _first,
    "PrioriteitCd": _first,
    "BestandTypCd": _first,  # [guess] the first code is taken to be PDF
    "Bestandsnm": lambda ctx: f"rapportage-VZ-{ctx.scenario.year}-000123.pdf",
    "AdresseringCd": _first,
    "Datastring": base64.b64encode(PDF_LIKE).decode("ascii"),
    "IdAfspraak": lambda ctx: f"AFS-{ctx.scenario.year}-000078",
    "DatAfspraak": lambda ctx: ctx.scenario.day(3, 9),
    "TijdAfspraak": "10:00:00",
    "DuurAfspraak": "0.50",
    "StatusAfspraakCd": _first,
    "VormAfspraakCd": _first,
    "OmsSrtAfspraak": "Spreekuur bedrijfsarts",
    # answers
    "SrtFoutCd": _first,
    "Toelchtng": lambda ctx: f"Terugmelding op bericht {_answered(ctx)}.",
    "VrwrkbhdCd": _first,
    "CtrlCd": "00001",  # [guess] no code list is known for SiviMeldingscodes (length 5)
    "MldngTkst": "Ziekmelding verwerkt.",
}


def generic_value(simple: SimpleType) -> str:
    """A value satisfying the facets of a type the table does not know."""
    if simple.enumeration:
        return simple.enumeration[0]
    if simple.base == "date":
        return "2021-01-01"
    if simple.base == "time":
        return "12:00:00"
    if simple.base == "decimal":
        return "1.00" if simple.facet("fractionDigits") else "1"
    if simple.base in ("nonNegativeInteger", "integer", "positiveInteger"):
        return "1"
    word = "Voorbeeld"
    length = simple.facet("length")
    if length is not None:
        return (word * (length // len(word) + 1))[:length]
    return word[: simple.facet("maxLength") or len(word)]


@dataclass
class Log:
    """Elements that got a generic or substituted value (reported with --verbose)."""

    generic: set[str] = field(default_factory=set)
    substituted: set[str] = field(default_factory=set)


def check_facets(value: str, simple: SimpleType) -> str | None:
    """Why ``value`` does not satisfy ``simple``'s facets, or None."""
    if simple.enumeration and value not in simple.enumeration:
        return f"not one of {', '.join(simple.enumeration)}"
    if simple.base in ("string",):
        length = simple.facet("length")
        if length is not None and len(value) != length:
            return f"length must be {length}"
        high = simple.facet("maxLength")
        if high is not None and len(value) > high:
            return f"longer than {high}"
        low = simple.facet("minLength")
        if low is not None and len(value) < low:
            return f"shorter than {low}"
    if simple.base in ("decimal", "nonNegativeInteger"):
        whole, _, fraction = value.partition(".")
        digits = len(whole.lstrip("0")) + len(fraction.rstrip("0"))
        total = simple.facet("totalDigits")
        if total is not None and digits > total:
            return f"more than {total} digits"
        places = simple.facet("fractionDigits")
        if places is not None and len(fraction.rstrip("0")) > places:
            return f"more than {places} fraction digits"
    for pattern in simple.patterns:
        regex = pattern.replace(r"\D", "[^0-9]")
        if not re.fullmatch(regex, value):
            return f"does not match {pattern}"
    return None


# --------------------------------------------------------------------------------------
# Building a message
# --------------------------------------------------------------------------------------


class Builder:
    def __init__(self, schema: Schema, scenario: Scenario, log: Log) -> None:
        self.schema = schema
        self.scenario = scenario
        self.log = log
        self.ns = schema.namespace

    def build(self) -> etree._Element:
        root = etree.Element(self._q(self.schema.root_name), nsmap={None: self.ns})
        self._fill(root, self.schema.root_type, (self.schema.root_name,))
        return root

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _fill(self, node: etree._Element, type_name: str, path: tuple[str, ...]) -> None:
        for particle in self.schema.complex_types[type_name]:
            if particle.choice:
                # The one choice (2017: VngntJN or VngntCd): take the first form.
                chosen = particle.choice[0]
                particle = replace(chosen, min_occurs=max(chosen.min_occurs, particle.min_occurs))
            self._emit(node, particle, path)

    def _emit(self, node: etree._Element, particle: Particle, path: tuple[str, ...]) -> None:
        name = particle.name
        alias = ALIASES.get(name, name)
        optional = particle.min_occurs == 0
        if optional and self._skip(alias):
            return
        twice = alias in TWICE or (self.scenario.rich and alias in TWICE_RICH)
        if twice and self._one_kind(particle.type_ref):
            twice = False  # a second entry would repeat the first (one code in the list)
        count = 2 if twice else 1
        if particle.max_occurs is not None:
            count = min(count, particle.max_occurs)
        count = max(count, particle.min_occurs)
        child_path = (*path, alias)
        for _ in range(count):
            if self.schema.is_complex(particle.type_ref):
                child = etree.SubElement(node, self._q(name))
                self._fill(child, _local(particle.type_ref), child_path)
                continue
            simple = self.schema.simple(particle.type_ref)
            ctx = Context(self.scenario, child_path, node, simple)
            value = self._value(ctx)
            if value is None:
                if not optional:
                    raise SystemExit(
                        f"{_rel(self.schema.path)}: no value for required {'/'.join(child_path)}"
                    )
                return
            etree.SubElement(node, self._q(name)).text = value

    def _one_kind(self, type_ref: str) -> bool:
        """Whether a repeated group's kind code (``SrtComCd``) has a single code."""
        if not self.schema.is_complex(type_ref):
            return False
        for part in self.schema.complex_types[_local(type_ref)]:
            if part.name == "SrtComCd" and not self.schema.is_complex(part.type_ref):
                return len(self.schema.simple(part.type_ref).enumeration) == 1
        return False

    def _skip(self, alias: str) -> bool:
        if alias in NEVER or alias.endswith("Oud"):
            return True
        if alias == "VrwrkCd":  # optional processing codes on master-data levels (2017/2020)
            return True
        return not self.scenario.rich and alias in RICH_ONLY

    def _value(self, ctx: Context) -> str | None:
        rule = RULES.get(ctx.name)
        if rule is None:
            self.log.generic.add(ctx.name)
            return generic_value(ctx.simple)
        value = rule(ctx) if callable(rule) else rule
        if value is None:
            return None
        if not value:
            raise SystemExit(f"{_rel(self.schema.path)}: empty value for {'/'.join(ctx.path)}")
        problem = check_facets(value, ctx.simple)
        if problem is not None:
            if ctx.simple.enumeration:
                self.log.substituted.add(f"{ctx.name} ({value!r} {problem})")
                return ctx.simple.enumeration[0]
            raise SystemExit(f"{_rel(self.schema.path)}: value {value!r} for {ctx.name}: {problem}")
        return value


def serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


# --------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------


def message_for_file(path: Path) -> MessageType:
    for message in MessageType:
        if message.title == path.stem:
            return message
    raise SystemExit(f"{_rel(path)}: no message type is called {path.stem!r}")


def planned_files(log: Log) -> list[tuple[Path, bytes, tuple[Path, ...]]]:
    """Every example as (target path, content, the schema paths it must be valid against)."""
    result = []
    schema_files = sorted(SCHEMA_ROOT.glob("[0-9][0-9][0-9][0-9]/*.xsd"))
    if not schema_files:
        raise SystemExit(f"no schemas under {_rel(SCHEMA_ROOT)}")
    for xsd in schema_files:
        release = Release.from_year(xsd.parent.name)
        message = message_for_file(xsd)
        if not message.has_release(release):
            raise SystemExit(f"{_rel(xsd)}: {message.title} is not listed for release {release}")
        writing = SCHEMA_ROOT / "writing" / xsd.parent.name / xsd.name
        faces = (xsd, writing) if release.reconstructed else (xsd,)
        schema = Schema.load(faces[-1])
        if schema.root_name != message.root or schema.namespace != message.namespace(release):
            raise SystemExit(f"{_rel(xsd)}: root/namespace differ from the releases table")
        target_dir = EXAMPLES_ROOT / release.value
        jobs = [(f"{message.title}.xml", scenario_for(release, message))]
        if message is MessageType.VERZUIMMELDINGEN:
            jobs += chain_scenarios(release)
        for file_name, scenario in jobs:
            root = Builder(schema, scenario, log).build()
            result.append((target_dir / file_name, serialize(root), faces))
    return result


def validate(files: list[tuple[Path, bytes, tuple[Path, ...]]]) -> list[str]:
    failures = []
    validators: dict[Path, etree.XMLSchema] = {}
    for target, content, faces in files:
        for xsd in faces:
            if xsd not in validators:
                validators[xsd] = etree.XMLSchema(etree.parse(str(xsd)))
            validator = validators[xsd]
            if not validator.validate(etree.fromstring(content)):
                for error in validator.error_log:
                    failures.append(
                        f"{_rel(target)}:{error.line}: {error.message} (schema {_rel(xsd)})"
                    )
    return failures


# --------------------------------------------------------------------------- the example inbox

INBOX_DIR = EXAMPLES_ROOT / "inbox" / "2024"


def inbox_files() -> list[tuple[Path, bytes, tuple[Path, ...]]]:
    """The messages of the example inbox's negatively registered employer (``WG-200567``):
    its structure, employees and employments, absences for them (one in a unit that is not in
    the structure, a relapse), a key change and an absence under the new key. Written from
    the domain model with ``from_model`` (release 2024); see ``examples/inbox/README.md``."""
    from sivi_verzuim import from_model, new_header
    from sivi_verzuim import serialize as write
    from sivi_verzuim.model import (
        AbsenceMessage,
        AbsenceMutation,
        AdministrationOffice,
        Communication,
        ContactPerson,
        DutchStreetAddress,
        Employee,
        EmployeeDataMessage,
        Employer,
        EmployerDataMessage,
        Employment,
        EmploymentMessage,
        OccupationalHealthContract,
        OrganisationalUnit,
        StaffSize,
        WorkRelation,
    )

    release = Release.R2024
    employer = {
        "trade_name": "Zorggroep De Linde B.V.",
        "employer_id": "WG-200567",
        "connection_number": "AANS-0077",
        "payroll_tax_number": "876543210L01",
    }
    manager = ContactPerson(
        surname="Kok",
        initials="H.",
        gender="M",
        role="01",
        communications=[
            Communication(communication_type="10", number_or_address="h.kok@example.nl")
        ],
    )
    phone = [Communication(communication_type="06", number_or_address="0351234500")]
    office = AdministrationOffice(trade_name="Salarisbureau Eemland B.V.")
    address = DutchStreetAddress(
        address_type="01", postcode="3811AA", city="Amersfoort", street="Lindelaan", house_number=7
    )
    contract = OccupationalHealthContract(contract_number="ARBO-2020-0077", start_date="2020-01-01")
    people = {  # fictitious; the BSNs pass the 11-check
        "EXT-100101": {"citizen_service_number": "123456782", "birth_date": "1979-02-11",
                       "surname_without_prefix": "Jansen", "initials": "P.", "gender": "V"},
        "EXT-100102": {"citizen_service_number": "234567892", "birth_date": "1988-07-30",
                       "surname_without_prefix": "Boer", "surname_prefix": "de",
                       "initials": "K.", "gender": "M"},
        "EXT-100103": {"citizen_service_number": "345678904", "birth_date": "1995-11-05",
                       "surname_without_prefix": "Bos", "initials": "S.", "gender": "V"},
    }  # fmt: skip
    unit_of = {"EXT-100101": "ZORG-THUIS", "EXT-100102": "ZORG-KLIN", "EXT-100103": "ZORG-THUIS"}
    start = {"EXT-100101": "2012-03-01", "EXT-100102": "2019-10-01", "EXT-100103": "2021-06-01"}
    files: list[tuple[Path, bytes, tuple[Path, ...]]] = []

    def header(mt: MessageType, reference: str, day: str, time: str) -> Any:
        return new_header(
            mt,
            release,
            sender="HR-ZORG-01",
            recipient="ARBODIENST-MIDDEN",
            software="Personeelssysteem 7.2",
            reference=reference,
            created=datetime.fromisoformat(f"{day}T{time}"),
        )

    def employment(
        eid: str,
        *,
        unit: str | None = None,
        mutations: tuple[Any, ...] = (),
        day: str | None = None,
    ) -> Any:
        number = eid[4:]
        return Employment(
            mutation_date=None if mutations else (day or "2024-09-01"),
            employment_id=f"DV-{number}-1",
            start_date=start[eid],
            personnel_number=number,
            organisational_unit_code=unit or unit_of[eid],
            work_relation=WorkRelation(
                work_relation_id=f"AR-{number}-1",
                start_date=start[eid],
                contract_hours_per_week="28.00",
            ),
            contact_persons=[manager],
            absence_mutations=list(mutations),
        )

    def employee(eid: str, jobs: list[Any], *, key: str | None = None, **more: Any) -> Any:
        return Employee(
            **people[eid],
            **more,
            name_preference="01",
            employee_id=key or eid,
            dutch_addresses=[address],
            employments=jobs,
        )

    def add(name: str, mt: MessageType, message: Any) -> None:
        converted = from_model(message, release)
        if converted.findings:
            raise SystemExit(f"{name}: " + "; ".join(str(f) for f in converted.findings))
        xsd = SCHEMA_ROOT / "2024" / f"{mt.title}.xsd"
        files.append((INBOX_DIR / name, write(converted), (xsd,)))

    def unit(code: str, name: str, parent: str | None, since: str) -> Any:
        return OrganisationalUnit(
            processing_code="01",
            start_date=since,
            mutation_date="2024-09-01",
            organisational_unit_name=name,
            organisational_unit_code=code,
            organisational_sub_unit_code=parent,
            occupational_health_contract=contract,
            staff_sizes=[StaffSize(reference_date="2024-09-01", employee_count=40)],
            dutch_addresses=[address],
        )

    wg = MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE
    structure = Employer(
        **employer,
        organisational_unit_code="ZORG",
        occupational_health_contract=contract,
        staff_sizes=[StaffSize(reference_date="2024-09-01", employee_count=120)],
        dutch_addresses=[address],
        communications=phone,
        contact_persons=[manager],
        organisational_units=[
            unit("ZORG", "Zorggroep De Linde", None, "2010-01-01"),
            unit("ZORG-THUIS", "Thuiszorg", "ZORG", "2012-01-01"),
            unit("ZORG-KLIN", "Kliniek", "ZORG", "2015-04-01"),
        ],
    )
    add(
        "WG-20240902-0301-structuur.xml",
        wg,
        EmployerDataMessage(
            header=header(wg, "WG-2024-0301", "2024-09-02", "07:00:00"),
            administration_office=office,
            employers=[structure],
        ),
    )

    def employees(name: str, reference: str, day: str, staff: list[Any]) -> None:
        mt = MessageType.WERKNEMERS_GEGEVENS
        er = Employer(**employer, communications=phone, contact_persons=[manager], employees=staff)
        msg = EmployeeDataMessage(
            header=header(mt, reference, day, "07:00:00"),
            administration_office=office,
            employers=[er],
        )
        add(name, mt, msg)

    employees(
        "WN-20240902-0302-werknemers.xml",
        "WN-2024-0302",
        "2024-09-02",
        [employee(e, [employment(e)], mutation_date="2024-09-01") for e in people],
    )
    dv = MessageType.DIENSTVERBANDEN
    second = Employment(
        mutation_date="2024-09-01",
        employment_id="DV-100102-2",
        start_date="2024-09-01",
        personnel_number="100102B",
        organisational_unit_code="ZORG-THUIS",
        work_relation=WorkRelation(
            work_relation_id="AR-100102-2", start_date="2024-09-01", contract_hours_per_week="8.00"
        ),
        contact_persons=[manager],
    )
    boer = people["EXT-100102"]
    add(
        "DV-20240902-0303-dienstverbanden.xml",
        dv,
        EmploymentMessage(
            header=header(dv, "DV-2024-0303", "2024-09-02", "07:00:00"),
            administration_office=office,
            employers=[
                Employer(
                    **employer,
                    communications=phone,
                    contact_persons=[manager],
                    employees=[
                        Employee(
                            birth_date=boer["birth_date"],
                            gender=boer["gender"],
                            employee_id="EXT-100102",
                            employments=[second],
                        )
                    ],
                )
            ],
        ),
    )

    def absence(
        name: str, reference: str, day: str, time: str, eid: str, sequence: int, pct: str,
        case: str, first: str, *, key: str | None = None, unit: str | None = None,
        ended: bool = False,
    ) -> None:  # fmt: skip
        mutation = AbsenceMutation(
            processing_code="01" if sequence == 1 else "02",
            mutation_date=day,
            absence_case_id=case,
            report_sequence_number=sequence,
            absence_ended=ended,
            first_absence_date=first,
            recovery_date=day if ended else None,
            absence_percentage=pct,
            absence_cause="99",
            safety_net="N",
            contact_persons=[manager],
        )
        job = employment(eid, unit=unit, mutations=(mutation,))
        er = Employer(
            **employer, contact_persons=[manager], employees=[employee(eid, [job], key=key)]
        )
        mt = MessageType.VERZUIMMELDINGEN
        add(name, mt, AbsenceMessage(header=header(mt, reference, day, time), employers=[er]))

    jansen = ("EXT-100101",)
    absence("VZ-20240902-0304-ziekmelding.xml", "VZ-2024-0304", "2024-09-02", "07:00:00",
            *jansen, 1, "100.00", "VZ-2024-000304", "2024-09-02")  # fmt: skip
    absence("VZ-20240905-0305-ziekmelding.xml", "VZ-2024-0305", "2024-09-05", "08:00:00",
            "EXT-100102", 1, "100.00", "VZ-2024-000305", "2024-09-05",
            unit="ZORG-ONBEKEND")  # fmt: skip
    absence("VZ-20240909-0306-gedeeltelijk-herstel.xml", "VZ-2024-0306", "2024-09-09",
            "08:00:00", *jansen, 2, "50.00", "VZ-2024-000304", "2024-09-02")  # fmt: skip
    absence("VZ-20240916-0307-terugval.xml", "VZ-2024-0307", "2024-09-16", "08:00:00",
            *jansen, 3, "100.00", "VZ-2024-000304", "2024-09-02")  # fmt: skip
    employees(
        "WN-20240918-0308-sleutelwijziging.xml",
        "WN-2024-0308",
        "2024-09-18",
        [
            employee(
                "EXT-100103",
                [employment("EXT-100103", day="2024-09-18")],
                key="EXT-100199",
                previous_employee_id="EXT-100103",
                mutation_date="2024-09-18",
            )
        ],
    )
    absence("VZ-20240919-0309-ziekmelding.xml", "VZ-2024-0309", "2024-09-19", "08:00:00",
            "EXT-100103", 1, "100.00", "VZ-2024-000309", "2024-09-19",
            key="EXT-100199")  # fmt: skip
    absence("VZ-20240930-0310-volledig-herstel.xml", "VZ-2024-0310", "2024-09-30", "08:00:00",
            *jansen, 4, "0.00", "VZ-2024-000304", "2024-09-02", ended=True)  # fmt: skip
    return files


MAX_REPORTED = 40


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with examples/, write nothing"
    )
    parser.add_argument("--verbose", action="store_true", help="list elements with generic values")
    parser.add_argument(
        "--inbox",
        action="store_true",
        help="the master-data messages of examples/inbox/2024 instead (needs the package)",
    )
    args = parser.parse_args(argv)

    log = Log()
    files = inbox_files() if args.inbox else planned_files(log)
    failures = validate(files)
    if failures:
        print(f"{len(failures)} validation errors in the examples:", file=sys.stderr)
        for line in failures[:MAX_REPORTED]:
            print(f"  {line}", file=sys.stderr)
        if len(failures) > MAX_REPORTED:
            print(f"  ... and {len(failures) - MAX_REPORTED} more", file=sys.stderr)
        return 1

    if args.check:
        stale = [t for t, content, _ in files if not t.exists() or t.read_bytes() != content]
        for target in stale:
            print(f"out of date: {_rel(target)}")
        return 1 if stale else 0

    written = 0
    for target, content, _ in files:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
            written += 1
    print(f"{len(files)} examples valid against their schema, {written} written")
    if args.verbose:
        print("generic values:", ", ".join(sorted(log.generic)) or "none")
        print("substituted values:", ", ".join(sorted(log.substituted)) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
