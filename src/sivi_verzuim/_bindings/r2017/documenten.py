from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/Documenten/2017"


class Adressering(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"


class BerichtCode(Enum):
    VALUE_00500 = "00500"


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


class Prioriteit(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"


class RedenAanleveringDocument(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"


class SoortCommunicatie(Enum):
    VALUE_06 = "06"
    VALUE_08 = "08"
    VALUE_10 = "10"


class SoortDocument(Enum):
    VALUE_100 = "100"
    VALUE_104 = "104"
    VALUE_158 = "158"
    VALUE_208 = "208"
    VALUE_215 = "215"
    VALUE_217 = "217"
    VALUE_219 = "219"
    VALUE_250 = "250"
    VALUE_253 = "253"
    VALUE_303 = "303"
    VALUE_305 = "305"
    VALUE_306 = "306"
    VALUE_451 = "451"
    VALUE_453 = "453"
    VALUE_558 = "558"
    VALUE_601 = "601"
    VALUE_700 = "700"
    VALUE_701 = "701"
    VALUE_909 = "909"
    VALUE_916 = "916"
    VALUE_918 = "918"
    VALUE_919 = "919"
    VALUE_999 = "999"


class StatusAfspraak(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"


class StatusDocument(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"


@dataclass(slots=True, kw_only=True)
class Verzuim:
    vrzmgvl_id: None | str = field(
        default=None,
        metadata={
            "name": "VrzmgvlId",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        },
    )
    dat_eerst_vrzmdg: XmlDate = field(
        metadata={
            "name": "DatEerstVrzmdg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )


@dataclass(slots=True, kw_only=True)
class Werkgever:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "total_digits": 8,
        },
    )
    vestigingsnr_handelsregister: None | int = field(
        default=None,
        metadata={
            "name": "VestigingsnrHandelsregister",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "total_digits": 12,
        },
    )
    id_wrkgvr_arbdnst: str = field(
        metadata={
            "name": "IdWrkgvrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        }
    )
    aansltnr_geguitwlng_arbdnst: str = field(
        metadata={
            "name": "AansltnrGeguitwlngArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 70,
        }
    )
    lhnr: None | str = field(
        default=None,
        metadata={
            "name": "Lhnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 12,
        },
    )


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: BerichtCode = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    vnr_br_cd: str = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 5,
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        }
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 512,
        }
    )
    test_jn: JaNee = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    ontvngstbev_jn: JaNee = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )


@dataclass(slots=True, kw_only=True)
class Communicatie:
    srt_com_cd: SoortCommunicatie = field(
        metadata={
            "name": "SrtComCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    nr_com: str = field(
        metadata={
            "name": "NrCom",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 512,
        }
    )


@dataclass(slots=True, kw_only=True)
class PreventieveDienstDienstverband:
    id_prev_dienst: str = field(
        metadata={
            "name": "IdPrevDienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        }
    )
    prevent_dienst: PreventieveDienst = field(
        metadata={
            "name": "PreventDienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    pev_dienst_toev: None | str = field(
        default=None,
        metadata={
            "name": "PevDienstToev",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 70,
        },
    )
    dat_tot_prev_d: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatTotPrevD",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    verb_prev_dcode: None | str = field(
        default=None,
        metadata={
            "name": "VerbPrevDCode",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "min_length": 1,
            "max_length": 10,
        },
    )
    verb_prev_doms: None | str = field(
        default=None,
        metadata={
            "name": "VerbPrevDOms",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 70,
        },
    )


@dataclass(slots=True, kw_only=True)
class UitvoerderAfspraak:
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    nm_fnct: str = field(
        metadata={
            "name": "NmFnct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
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
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "total_digits": 9,
        },
    )
    gebdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Gebdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    achternaam: None | str = field(
        default=None,
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 200,
        },
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    id_wrknmr: str = field(
        metadata={
            "name": "IdWrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        }
    )


@dataclass(slots=True, kw_only=True)
class Afspraak:
    id_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "IdAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        },
    )
    dat_afspraak: XmlDate = field(
        metadata={
            "name": "DatAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    tijd_afspraak: None | XmlTime = field(
        default=None,
        metadata={
            "name": "TijdAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    duur_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "DuurAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
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
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    oms_srt_afspraak: None | str = field(
        default=None,
        metadata={
            "name": "OmsSrtAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 70,
        },
    )
    uitvoerder_afspraak: None | UitvoerderAfspraak = field(
        default=None,
        metadata={
            "name": "UitvoerderAfspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )


@dataclass(slots=True, kw_only=True)
class ContactpersoonOntvanger:
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    com: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class ContactpersoonZender:
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    com: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Dienstverband:
    id_dnstvbnd: None | str = field(
        default=None,
        metadata={
            "name": "IdDnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        },
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    pers_nr: None | str = field(
        default=None,
        metadata={
            "name": "PersNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 35,
        },
    )
    prev_dienst: None | PreventieveDienstDienstverband = field(
        default=None,
        metadata={
            "name": "PrevDienst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    vrzm: None | Verzuim = field(
        default=None,
        metadata={
            "name": "Vrzm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )


@dataclass(slots=True, kw_only=True)
class Document:
    id_document: str = field(
        metadata={
            "name": "IdDocument",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        }
    )
    id_document_oud: None | str = field(
        default=None,
        metadata={
            "name": "IdDocumentOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 40,
        },
    )
    dat_document: XmlDate = field(
        metadata={
            "name": "DatDocument",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    srt_document_cd: SoortDocument = field(
        metadata={
            "name": "SrtDocumentCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    srt_document_oms: None | str = field(
        default=None,
        metadata={
            "name": "SrtDocumentOms",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 70,
        },
    )
    stat_document_cd: None | StatusDocument = field(
        default=None,
        metadata={
            "name": "StatDocumentCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    kenmerk_zend_partij: str = field(
        metadata={
            "name": "KenmerkZendPartij",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 512,
        }
    )
    rd_aanlev_document_cd: None | RedenAanleveringDocument = field(
        default=None,
        metadata={
            "name": "RdAanlevDocumentCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    prioriteit_cd: None | Prioriteit = field(
        default=None,
        metadata={
            "name": "PrioriteitCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    bestand_typ_cd: None | Bestandttype = field(
        default=None,
        metadata={
            "name": "BestandTypCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    bestandsnm: None | str = field(
        default=None,
        metadata={
            "name": "Bestandsnm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_length": 70,
        },
    )
    adressering_cd: None | Adressering = field(
        default=None,
        metadata={
            "name": "AdresseringCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    datastring: str = field(
        metadata={
            "name": "Datastring",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    wrknmr: Werknemer = field(
        metadata={
            "name": "Wrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    dnstvbnd: list[Dienstverband] = field(
        default_factory=list,
        metadata={
            "name": "Dnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "max_occurs": 9,
        },
    )
    afspraak: None | Afspraak = field(
        default=None,
        metadata={
            "name": "Afspraak",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )


@dataclass(slots=True, kw_only=True)
class DocumentenBericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        }
    )
    wrkgvr: None | Werkgever = field(
        default=None,
        metadata={
            "name": "Wrkgvr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    cntprsn_ontvanger: None | ContactpersoonOntvanger = field(
        default=None,
        metadata={
            "name": "CntprsnOntvanger",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    cntprsn_zender: None | ContactpersoonZender = field(
        default=None,
        metadata={
            "name": "CntprsnZender",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
        },
    )
    document: list[Document] = field(
        default_factory=list,
        metadata={
            "name": "Document",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Documenten/2017",
            "min_occurs": 1,
            "max_occurs": 9999,
        },
    )


@dataclass(slots=True, kw_only=True)
class Documenten(DocumentenBericht):
    class Meta:
        namespace = "http://www.sivi.org/Verzuimmanagement/Documenten/2017"
