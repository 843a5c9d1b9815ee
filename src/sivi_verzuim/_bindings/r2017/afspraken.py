from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/Afspraken/2017"


class BerichtCode(Enum):
    VALUE_00105 = "00105"


class Geslacht(Enum):
    M = "M"
    O = "O"
    V = "V"


class GslchtCd(Enum):
    M = "M"
    V = "V"


class JaNee(Enum):
    J = "J"
    N = "N"


class SoortCommunicatie(Enum):
    VALUE_06 = "06"
    VALUE_08 = "08"
    VALUE_10 = "10"


class StatusAfspraak(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"


@dataclass(slots=True, kw_only=True)
class StraatadresNederland:
    pc: str = field(
        metadata={
            "name": "Pc",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "length": 6,
        }
    )
    wnpl: None | str = field(
        default=None,
        metadata={
            "name": "Wnpl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 24,
        },
    )
    straat_lang: None | str = field(
        default=None,
        metadata={
            "name": "StraatLang",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 80,
        },
    )
    huisnr: int = field(
        metadata={
            "name": "Huisnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "total_digits": 5,
        }
    )
    huis_toev: None | str = field(
        default=None,
        metadata={
            "name": "HuisToev",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 4,
        },
    )


@dataclass(slots=True, kw_only=True)
class Verzuim:
    dat_eerst_vrzmdg: XmlDate = field(
        metadata={
            "name": "DatEerstVrzmdg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )


@dataclass(slots=True, kw_only=True)
class Werkgever:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "total_digits": 8,
        },
    )
    id_wrkgvr_arbdnst: str = field(
        metadata={
            "name": "IdWrkgvrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        }
    )
    aansltnr_geguitwlng_arbdnst: str = field(
        metadata={
            "name": "AansltnrGeguitwlngArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 70,
        }
    )
    lhnr: str = field(
        metadata={
            "name": "Lhnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 12,
        }
    )


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: BerichtCode = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    vnr_br_cd: str = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 5,
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        }
    )
    gebr_sw_pakket: None | str = field(
        default=None,
        metadata={
            "name": "GebrSwPakket",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 35,
        },
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 512,
        }
    )
    test_jn: JaNee = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    ontvngstbev_jn: JaNee = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )


@dataclass(slots=True, kw_only=True)
class Communicatie:
    srt_com_cd: SoortCommunicatie = field(
        metadata={
            "name": "SrtComCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    nr_com: str = field(
        metadata={
            "name": "NrCom",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 512,
        }
    )


@dataclass(slots=True, kw_only=True)
class Dienstverband:
    id_dnstvbnd: None | str = field(
        default=None,
        metadata={
            "name": "IdDnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        },
    )
    pers_nr: None | str = field(
        default=None,
        metadata={
            "name": "PersNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 35,
        },
    )
    verzuim: None | Verzuim = field(
        default=None,
        metadata={
            "name": "Verzuim",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )


@dataclass(slots=True, kw_only=True)
class UitvoerderAfspraak:
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    nm_fnct: str = field(
        metadata={
            "name": "NmFnct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 35,
        }
    )


@dataclass(slots=True, kw_only=True)
class Werknemer:
    sofi_nr: None | int = field(
        default=None,
        metadata={
            "name": "SofiNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "total_digits": 9,
        },
    )
    gebdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Gebdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    overldat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Overldat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    id_wrknmr: str = field(
        metadata={
            "name": "IdWrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        }
    )


@dataclass(slots=True, kw_only=True)
class Afspraak:
    id_afspraak: str = field(
        metadata={
            "name": "IdAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        }
    )
    id_afspraak_oud: None | str = field(
        default=None,
        metadata={
            "name": "IdAfspraakOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        },
    )
    dat_afspraak: XmlDate = field(
        metadata={
            "name": "DatAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    dat_afspraak_oud: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatAfspraakOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    tijd_afspraak: XmlTime = field(
        metadata={
            "name": "TijdAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    tijd_afspraak_oud: None | XmlTime = field(
        default=None,
        metadata={
            "name": "TijdAfspraakOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    duur_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "DuurAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "min_inclusive": "0",
            "total_digits": 5,
            "fraction_digits": 2,
            "pattern": r"[0-9]{1,3}[.][0-9]{2}",
        },
    )
    status_afspraak_cd: None | StatusAfspraak = field(
        default=None,
        metadata={
            "name": "StatusAfspraakCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    oms_srt_afspraak: str = field(
        metadata={
            "name": "OmsSrtAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 70,
        }
    )
    wrknmr: Werknemer = field(
        metadata={
            "name": "Wrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    straatadres_nederland: None | StraatadresNederland = field(
        default=None,
        metadata={
            "name": "StraatadresNederland",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    uitvoerder_afspraak: UitvoerderAfspraak = field(
        metadata={
            "name": "UitvoerderAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    dienstverband: list[Dienstverband] = field(
        default_factory=list,
        metadata={
            "name": "Dienstverband",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Contactpersoon:
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | GslchtCd = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    communicatie: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Communicatie",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Arbodienst:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 100,
        }
    )
    id_arbdnst: None | str = field(
        default=None,
        metadata={
            "name": "IdArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "max_length": 40,
        },
    )
    contactpersoon: None | Contactpersoon = field(
        default=None,
        metadata={
            "name": "Contactpersoon",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )


@dataclass(slots=True, kw_only=True)
class AfsprakenBericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        }
    )
    werkgever: None | Werkgever = field(
        default=None,
        metadata={
            "name": "Werkgever",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    arbodienst: None | Arbodienst = field(
        default=None,
        metadata={
            "name": "Arbodienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
        },
    )
    afspraak: list[Afspraak] = field(
        default_factory=list,
        metadata={
            "name": "Afspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Afspraken/2017",
            "min_occurs": 1,
            "max_occurs": 999,
        },
    )


@dataclass(slots=True, kw_only=True)
class Afspraken(AfsprakenBericht):
    class Meta:
        namespace = "http://www.sivi.org/Verzuimmanagement/Afspraken/2017"
