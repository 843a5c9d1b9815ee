from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020"


@dataclass(slots=True, kw_only=True)
class Administratiekantoor:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 8,
        },
    )
    vestigingsnr_handelsregister: None | int = field(
        default=None,
        metadata={
            "name": "VestigingsnrHandelsregister",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 12,
        },
    )


@dataclass(slots=True, kw_only=True)
class Arbocontract:
    cntrnr: str = field(
        metadata={
            "name": "Cntrnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        }
    )
    ingdat: XmlDate = field(
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )


class BerichtCode(Enum):
    VALUE_00101 = "00101"


class GslchtCd(Enum):
    M = "M"
    O = "O"
    V = "V"


class JaNee(Enum):
    J = "J"
    N = "N"


@dataclass(slots=True, kw_only=True)
class Personeelssterkte:
    peildat_personeelssterkte: XmlDate = field(
        metadata={
            "name": "PeildatPersoneelssterkte",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    aant_wrknmrs: int = field(
        metadata={
            "name": "AantWrknmrs",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 7,
        }
    )
    aant_fte: None | int = field(
        default=None,
        metadata={
            "name": "AantFTE",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 7,
        },
    )
    aant_vrouwelijke_wrknmrs: None | int = field(
        default=None,
        metadata={
            "name": "AantVrouwelijkeWrknmrs",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        },
    )
    aant_vrouwelijke_fte: None | int = field(
        default=None,
        metadata={
            "name": "AantVrouwelijkeFTE",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        },
    )
    aant_mannelijke_wrknmrs: None | int = field(
        default=None,
        metadata={
            "name": "AantMannelijkeWrknmrs",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        },
    )
    aant_mannelijke_fte: None | int = field(
        default=None,
        metadata={
            "name": "AantMannelijkeFTE",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        },
    )
    aant_uren_fte: None | int = field(
        default=None,
        metadata={
            "name": "AantUrenFTE",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 3,
        },
    )


@dataclass(slots=True, kw_only=True)
class PostbusadresNederland:
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    pc: str = field(
        metadata={
            "name": "Pc",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "length": 6,
        }
    )
    wnpl: str = field(
        metadata={
            "name": "Wnpl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 24,
        }
    )
    pbnr: int = field(
        metadata={
            "name": "Pbnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        }
    )


class RolContactpersoon(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"


class SoortAdres(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_05 = "05"


class SoortCommunicatie(Enum):
    VALUE_06 = "06"
    VALUE_08 = "08"
    VALUE_10 = "10"


class SoortVerzuimverzekeringCode(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"


class Verwerkingscode(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: BerichtCode = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    vnr_br_cd: str = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 5,
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        }
    )
    gebr_sw_pakket: None | str = field(
        default=None,
        metadata={
            "name": "GebrSwPakket",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 35,
        },
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 512,
        }
    )
    test_jn: JaNee = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    ontvngstbev_jn: JaNee = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )


@dataclass(slots=True, kw_only=True)
class Communicatie:
    srt_com_cd: SoortCommunicatie = field(
        metadata={
            "name": "SrtComCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    nr_com: str = field(
        metadata={
            "name": "NrCom",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 512,
        }
    )


@dataclass(slots=True, kw_only=True)
class Contract:
    cntrnr: str = field(
        metadata={
            "name": "Cntrnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        }
    )
    cntrnr_pakket: None | str = field(
        default=None,
        metadata={
            "name": "CntrnrPakket",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        },
    )
    ingdat: XmlDate = field(
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    srt_vrzmvrz_cd: SoortVerzuimverzekeringCode = field(
        metadata={
            "name": "SrtVrzmvrzCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    aant_vrzkrdn: None | int = field(
        default=None,
        metadata={
            "name": "AantVrzkrdn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        },
    )


@dataclass(slots=True, kw_only=True)
class Kostenplaats:
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    ingdat_mut: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMut",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    nm_kostenplaats: str = field(
        metadata={
            "name": "NmKostenplaats",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        }
    )
    kostenplaats_cd: str = field(
        metadata={
            "name": "KostenplaatsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        }
    )
    ond_kostenplaats_cd: None | str = field(
        default=None,
        metadata={
            "name": "OndKostenplaatsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        },
    )
    personeelssterkte: list[Personeelssterkte] = field(
        default_factory=list,
        metadata={
            "name": "Personeelssterkte",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 999,
        },
    )


@dataclass(slots=True, kw_only=True)
class StraatadresNederland:
    srt_adrs_cd: SoortAdres = field(
        metadata={
            "name": "SrtAdrsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    pc: str = field(
        metadata={
            "name": "Pc",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "length": 6,
        }
    )
    wnpl: str = field(
        metadata={
            "name": "Wnpl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 24,
        }
    )
    straat_lang: None | str = field(
        default=None,
        metadata={
            "name": "StraatLang",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 80,
        },
    )
    huisnr: int = field(
        metadata={
            "name": "Huisnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 5,
        }
    )
    huis_toev: None | str = field(
        default=None,
        metadata={
            "name": "HuisToev",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 4,
        },
    )


@dataclass(slots=True, kw_only=True)
class Contactpersoon:
    id_wrknmr: None | str = field(
        default=None,
        metadata={
            "name": "IdWrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        },
    )
    persnr: None | str = field(
        default=None,
        metadata={
            "name": "Persnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 35,
        },
    )
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | GslchtCd = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    rol_cntprsn_cd: RolContactpersoon = field(
        metadata={
            "name": "RolCntprsnCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    com: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "min_occurs": 1,
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Verzekeraar:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 100,
        }
    )
    id_vrzkr_volmacht_cd: None | str = field(
        default=None,
        metadata={
            "name": "IdVrzkrVolmachtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 4,
        },
    )
    cntrct: Contract = field(
        metadata={
            "name": "Cntrct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )


@dataclass(slots=True, kw_only=True)
class Organisatieeenheid:
    vrwrk_cd: Verwerkingscode = field(
        metadata={
            "name": "VrwrkCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    ingdat_mut: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMut",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    nm_orgeenh: str = field(
        metadata={
            "name": "NmOrgeenh",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        }
    )
    orgeenh_cd: str = field(
        metadata={
            "name": "OrgeenhCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        }
    )
    ond_orgeenh_cd: None | str = field(
        default=None,
        metadata={
            "name": "OndOrgeenhCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        },
    )
    lhnr: None | str = field(
        default=None,
        metadata={
            "name": "Lhnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 12,
        },
    )
    arbo_cntrct: None | Arbocontract = field(
        default=None,
        metadata={
            "name": "ArboCntrct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    personeelssterkte: list[Personeelssterkte] = field(
        default_factory=list,
        metadata={
            "name": "Personeelssterkte",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 999,
        },
    )
    str_adr_nl: list[StraatadresNederland] = field(
        default_factory=list,
        metadata={
            "name": "StrAdrNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )
    pbadrs_nl: list[PostbusadresNederland] = field(
        default_factory=list,
        metadata={
            "name": "PbadrsNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )
    cntprsn: list[Contactpersoon] = field(
        default_factory=list,
        metadata={
            "name": "Cntprsn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )
    vrzkr: list[Verzekeraar] = field(
        default_factory=list,
        metadata={
            "name": "Vrzkr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Werkgever:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 8,
        },
    )
    vestigingsnr_handelsregister: None | int = field(
        default=None,
        metadata={
            "name": "VestigingsnrHandelsregister",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "total_digits": 12,
        },
    )
    id_wrkgvr_arbdnst: str = field(
        metadata={
            "name": "IdWrkgvrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        }
    )
    aansltnr_geguitwlng_arbdnst: str = field(
        metadata={
            "name": "AansltnrGeguitwlngArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        }
    )
    id_wrkgvr_uwv: None | str = field(
        default=None,
        metadata={
            "name": "IdWrkgvrUWV",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 40,
        },
    )
    lhnr: str = field(
        metadata={
            "name": "Lhnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 12,
        }
    )
    orgeenh_cd: str = field(
        metadata={
            "name": "OrgeenhCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_length": 70,
        }
    )
    ind_erdwga: None | JaNee = field(
        default=None,
        metadata={
            "name": "IndERDWGA",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    ingdat_erdwga: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatERDWGA",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    enddat_erdwga: None | XmlDate = field(
        default=None,
        metadata={
            "name": "EnddatERDWGA",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    ind_erdzw: None | JaNee = field(
        default=None,
        metadata={
            "name": "IndERDZW",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    ingdat_erdzw: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatERDZW",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    enddat_erdzw: None | XmlDate = field(
        default=None,
        metadata={
            "name": "EnddatERDZW",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    arbo_cntrct: None | Arbocontract = field(
        default=None,
        metadata={
            "name": "ArboCntrct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    personeelssterkte: list[Personeelssterkte] = field(
        default_factory=list,
        metadata={
            "name": "Personeelssterkte",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 999,
        },
    )
    str_adr_nl: list[StraatadresNederland] = field(
        default_factory=list,
        metadata={
            "name": "StrAdrNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "min_occurs": 1,
            "max_occurs": 9,
        },
    )
    pbadrs_nl: list[PostbusadresNederland] = field(
        default_factory=list,
        metadata={
            "name": "PbadrsNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )
    com: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )
    cntprsn: list[Contactpersoon] = field(
        default_factory=list,
        metadata={
            "name": "Cntprsn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "min_occurs": 1,
            "max_occurs": 9,
        },
    )
    org_eenh: list[Organisatieeenheid] = field(
        default_factory=list,
        metadata={
            "name": "OrgEenh",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9999,
        },
    )
    kostenplaats: list[Kostenplaats] = field(
        default_factory=list,
        metadata={
            "name": "Kostenplaats",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9999,
        },
    )
    vrzkr: list[Verzekeraar] = field(
        default_factory=list,
        metadata={
            "name": "Vrzkr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class WerkgeversGegevensBasisregistratieBericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        }
    )
    adm_kantoor: None | Administratiekantoor = field(
        default=None,
        metadata={
            "name": "AdmKantoor",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
        },
    )
    wrkgvr: list[Werkgever] = field(
        default_factory=list,
        metadata={
            "name": "Wrkgvr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020",
            "min_occurs": 1,
        },
    )


@dataclass(slots=True, kw_only=True)
class WerkgeversGegevensBasisregistratie(WerkgeversGegevensBasisregistratieBericht):
    class Meta:
        namespace = "http://www.sivi.org/Verzuimmanagement/WerkgeversGegevensBasisregistratie/2020"
