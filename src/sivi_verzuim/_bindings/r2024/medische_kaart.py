from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024"


class BerichtCode(Enum):
    VALUE_00501 = "00501"


class Bestandttype(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"
    VALUE_07 = "07"
    VALUE_08 = "08"
    VALUE_09 = "09"
    VALUE_10 = "10"
    VALUE_11 = "11"
    VALUE_12 = "12"
    VALUE_13 = "13"
    VALUE_14 = "14"


class FunctieBrCd(Enum):
    VALUE_07 = "07"
    VALUE_08 = "08"


class Geslacht(Enum):
    M = "M"
    O = "O"
    V = "V"


class JaNee(Enum):
    J = "J"
    N = "N"


class PreventieveDienst(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"
    VALUE_07 = "07"
    VALUE_08 = "08"
    VALUE_09 = "09"
    VALUE_10 = "10"
    VALUE_11 = "11"
    VALUE_12 = "12"
    VALUE_13 = "13"
    VALUE_14 = "14"
    VALUE_15 = "15"
    VALUE_16 = "16"
    VALUE_17 = "17"
    VALUE_18 = "18"
    VALUE_50 = "50"
    VALUE_51 = "51"
    VALUE_52 = "52"
    VALUE_99 = "99"


class SoortDocument(Enum):
    VALUE_920 = "920"
    VALUE_921 = "921"


class StatusAfspraak(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"


class VersieBerichtCode(Enum):
    VALUE_00001 = "00001"


@dataclass(slots=True, kw_only=True)
class Verzuim:
    vrzmgvl_id: None | str = field(
        default=None,
        metadata={
            "name": "VrzmgvlId",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "min_length": 1,
            "max_length": 40,
        },
    )
    dat_eerst_vrzmdg: XmlDate = field(
        metadata={
            "name": "DatEerstVrzmdg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )


@dataclass(slots=True, kw_only=True)
class Werkgever:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "total_digits": 8,
        },
    )
    vestigingsnr_handelsregister: None | int = field(
        default=None,
        metadata={
            "name": "VestigingsnrHandelsregister",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "total_digits": 12,
        },
    )
    id_wrkgvr_arbdnst: str = field(
        metadata={
            "name": "IdWrkgvrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        }
    )
    aansltnr_geguitwlng_arbdnst: str = field(
        metadata={
            "name": "AansltnrGeguitwlngArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 70,
        }
    )
    lhnr: None | str = field(
        default=None,
        metadata={
            "name": "Lhnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 12,
        },
    )


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: BerichtCode = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    vnr_br_cd: VersieBerichtCode = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    functie_br_cd: FunctieBrCd = field(
        metadata={
            "name": "FunctieBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        }
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 512,
        }
    )
    test_jn: JaNee = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    ontvngstbev_jn: JaNee = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )


@dataclass(slots=True, kw_only=True)
class PreventieveDienstDienstverband:
    id_prev_dienst: str = field(
        metadata={
            "name": "IdPrevDienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        }
    )
    prevent_dienst: PreventieveDienst = field(
        metadata={
            "name": "PreventDienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    pev_dienst_toev: None | str = field(
        default=None,
        metadata={
            "name": "PevDienstToev",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 70,
        },
    )
    dat_tot_prev_d: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatTotPrevD",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    verb_prev_dcode: None | str = field(
        default=None,
        metadata={
            "name": "VerbPrevDCode",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "min_length": 1,
            "max_length": 10,
        },
    )
    verb_prev_doms: None | str = field(
        default=None,
        metadata={
            "name": "VerbPrevDOms",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 70,
        },
    )


@dataclass(slots=True, kw_only=True)
class UitvoerderAfspraak:
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    nm_fnct: str = field(
        metadata={
            "name": "NmFnct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 35,
        }
    )


@dataclass(slots=True, kw_only=True)
class Werknemer:
    sofi_nr: int = field(
        metadata={
            "name": "SofiNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "total_digits": 9,
        }
    )
    gebdat: XmlDate = field(
        metadata={
            "name": "Gebdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 200,
        }
    )
    voorl: str = field(
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 6,
            "pattern": r"\D*",
        }
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: Geslacht = field(
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    id_wrknmr: None | str = field(
        default=None,
        metadata={
            "name": "IdWrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "min_length": 1,
            "max_length": 40,
        },
    )


@dataclass(slots=True, kw_only=True)
class Afspraak:
    id_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "IdAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        },
    )
    dat_afspraak: XmlDate = field(
        metadata={
            "name": "DatAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    tijd_afspraak: None | XmlTime = field(
        default=None,
        metadata={
            "name": "TijdAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    duur_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "DuurAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
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
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    oms_srt_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "OmsSrtAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 70,
        },
    )
    uitvoerder_afspraak: None | UitvoerderAfspraak = field(
        default=None,
        metadata={
            "name": "UitvoerderAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )


@dataclass(slots=True, kw_only=True)
class Dienstverband:
    id_dnstvbnd: None | str = field(
        default=None,
        metadata={
            "name": "IdDnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        },
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    pers_nr: None | str = field(
        default=None,
        metadata={
            "name": "PersNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 35,
        },
    )
    prev_dienst: None | PreventieveDienstDienstverband = field(
        default=None,
        metadata={
            "name": "PrevDienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    vrzm: None | Verzuim = field(
        default=None,
        metadata={
            "name": "Vrzm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )


@dataclass(slots=True, kw_only=True)
class Document:
    id_document: str = field(
        metadata={
            "name": "IdDocument",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        }
    )
    id_document_oud: None | str = field(
        default=None,
        metadata={
            "name": "IdDocumentOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 40,
        },
    )
    dat_document: XmlDate = field(
        metadata={
            "name": "DatDocument",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    srt_document_cd: SoortDocument = field(
        metadata={
            "name": "SrtDocumentCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    bestand_typ_cd: None | Bestandttype = field(
        default=None,
        metadata={
            "name": "BestandTypCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    bestandsnm: None | str = field(
        default=None,
        metadata={
            "name": "Bestandsnm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_length": 70,
        },
    )
    datastring: str = field(
        metadata={
            "name": "Datastring",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    wrknmr: Werknemer = field(
        metadata={
            "name": "Wrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    dnstvbnd: list[Dienstverband] = field(
        default_factory=list,
        metadata={
            "name": "Dnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "max_occurs": 9,
        },
    )
    afspraak: None | Afspraak = field(
        default=None,
        metadata={
            "name": "Afspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )


@dataclass(slots=True, kw_only=True)
class MedischeKaartBericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        }
    )
    wrkgvr: None | Werkgever = field(
        default=None,
        metadata={
            "name": "Wrkgvr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
        },
    )
    document: list[Document] = field(
        default_factory=list,
        metadata={
            "name": "Document",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024",
            "min_occurs": 1,
            "max_occurs": 9999,
        },
    )


@dataclass(slots=True, kw_only=True)
class MedischeKaart(MedischeKaartBericht):
    class Meta:
        namespace = "http://www.sivi.org/Verzuimmanagement/MedischeKaart/2024"
