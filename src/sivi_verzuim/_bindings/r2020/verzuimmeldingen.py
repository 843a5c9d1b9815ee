from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020"


class ActieCode(Enum):
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


@dataclass(slots=True, kw_only=True)
class Administratiekantoor:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 8,
        },
    )
    vestigingsnr_handelsregister: None | int = field(
        default=None,
        metadata={
            "name": "VestigingsnrHandelsregister",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 12,
        },
    )


@dataclass(slots=True, kw_only=True)
class Bankgegevens:
    iban: None | str = field(
        default=None,
        metadata={
            "name": "Iban",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 34,
        },
    )
    bic: None | str = field(
        default=None,
        metadata={
            "name": "Bic",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 11,
        },
    )


class BerichtCode(Enum):
    VALUE_00100 = "00100"


class BijzondereRedenStartVerzuim(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"


class CodeContractOnbepaaldeBepaaldeTijd(Enum):
    B = "B"
    O = "O"


class FiscaleIndicatieFz(Enum):
    VALUE_1 = "1"
    VALUE_3 = "3"
    VALUE_4 = "4"
    VALUE_5 = "5"
    VALUE_6 = "6"
    VALUE_17 = "17"
    VALUE_18 = "18"
    VALUE_19 = "19"
    VALUE_38 = "38"
    VALUE_40 = "40"
    VALUE_41 = "41"
    VALUE_43 = "43"


class Geslacht(Enum):
    M = "M"
    O = "O"
    V = "V"


class JaNee(Enum):
    J = "J"
    N = "N"


@dataclass(slots=True, kw_only=True)
class Kostenplaats:
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    ingdat_mut: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMut",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    nm_kostenplaats: str = field(
        metadata={
            "name": "NmKostenplaats",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        }
    )
    kostenplaats_cd: str = field(
        metadata={
            "name": "KostenplaatsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        }
    )
    ond_kostenplaats_cd: None | str = field(
        default=None,
        metadata={
            "name": "OndKostenplaatsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    ond_kostenplaats_nm: None | str = field(
        default=None,
        metadata={
            "name": "OndKostenplaatsNm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )


class LogischeEenheid(Enum):
    J = "J"
    N = "N"
    O = "O"


class NiveauOpleiding(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"
    VALUE_07 = "07"
    VALUE_99 = "99"


class NmvrkrCd(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"


class OorzaakVerzuim(Enum):
    VALUE_10 = "10"
    VALUE_11 = "11"
    VALUE_99 = "99"


@dataclass(slots=True, kw_only=True)
class PostbusadresNederland:
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    pc: str = field(
        metadata={
            "name": "Pc",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "length": 6,
        }
    )
    wnpl: str = field(
        metadata={
            "name": "Wnpl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 24,
        }
    )
    pbnr: int = field(
        metadata={
            "name": "Pbnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 5,
        }
    )


class RedenEindeDienstverband(Enum):
    VALUE_01 = "01"
    VALUE_03 = "03"
    VALUE_05 = "05"
    VALUE_06 = "06"
    VALUE_08 = "08"
    VALUE_09 = "09"
    VALUE_10 = "10"
    VALUE_99 = "99"


class RedenEindeVerzuim(Enum):
    VALUE_01 = "01"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_07 = "07"
    VALUE_08 = "08"
    VALUE_09 = "09"
    VALUE_10 = "10"
    VALUE_11 = "11"
    VALUE_12 = "12"
    VALUE_99 = "99"


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


class SoortAdresWerknemer(Enum):
    VALUE_01 = "01"
    VALUE_06 = "06"


class SoortCommunicatie(Enum):
    VALUE_06 = "06"
    VALUE_08 = "08"
    VALUE_10 = "10"


class SoortCommunicatieWerknemer(Enum):
    VALUE_05 = "05"
    VALUE_06 = "06"
    VALUE_07 = "07"
    VALUE_08 = "08"
    VALUE_09 = "09"
    VALUE_10 = "10"


class SoortDienstverband(Enum):
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
    VALUE_19 = "19"
    VALUE_20 = "20"
    VALUE_21 = "21"
    VALUE_22 = "22"
    VALUE_23 = "23"
    VALUE_24 = "24"


class SoortVariabeleWerktijden(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"


class SoortVerpleegadres(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_99 = "99"


class Verwerkingscode(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"


@dataclass(slots=True, kw_only=True)
class VrijeTekstRegel:
    vrije_tekst: str = field(
        metadata={
            "name": "VrijeTekst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 512,
        }
    )


class WazoCode(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"


@dataclass(slots=True, kw_only=True)
class Actie:
    actie_cd: ActieCode = field(
        metadata={
            "name": "ActieCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )


@dataclass(slots=True, kw_only=True)
class Arbeidsrelatie:
    vrwrk_cd: None | Verwerkingscode = field(
        default=None,
        metadata={
            "name": "VrwrkCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    id_arbeidsrelatie: str = field(
        metadata={
            "name": "IdArbeidsrelatie",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    id_arbeidsrelatie_oud: None | str = field(
        default=None,
        metadata={
            "name": "IdArbeidsrelatieOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    pers_nr: None | str = field(
        default=None,
        metadata={
            "name": "PersNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    pers_nr_oud: None | str = field(
        default=None,
        metadata={
            "name": "PersNrOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    ingdat: XmlDate = field(
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    ingdat_mut: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMut",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    aant_ctrcturen_pwk: str = field(
        metadata={
            "name": "AantCtrcturenPWk",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": "0",
            "total_digits": 5,
            "fraction_digits": 2,
            "pattern": r"[0-9]{1,3}[.][0-9]{2}",
        }
    )


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: BerichtCode = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    vnr_br_cd: str = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 5,
            "pattern": r"[0-9]{5}",
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    gebr_sw_pakket: None | str = field(
        default=None,
        metadata={
            "name": "GebrSwPakket",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 512,
        }
    )
    test_jn: JaNee = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    ontvngstbev_jn: JaNee = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )


@dataclass(slots=True, kw_only=True)
class Communicatie:
    srt_com_cd: SoortCommunicatie = field(
        metadata={
            "name": "SrtComCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    nr_com: str = field(
        metadata={
            "name": "NrCom",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 512,
        }
    )


@dataclass(slots=True, kw_only=True)
class CommunicatieWerknemer:
    srt_com_cd: SoortCommunicatieWerknemer = field(
        metadata={
            "name": "SrtComCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    nr_com: str = field(
        metadata={
            "name": "NrCom",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 512,
        }
    )


@dataclass(slots=True, kw_only=True)
class Partner:
    vrwrk_cd: None | Verwerkingscode = field(
        default=None,
        metadata={
            "name": "VrwrkCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    sign_nm: str = field(
        metadata={
            "name": "SignNm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 200,
        }
    )
    voorv: None | str = field(
        default=None,
        metadata={
            "name": "Voorv",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 10,
            "pattern": r"\D*",
        },
    )


@dataclass(slots=True, kw_only=True)
class StraatadresBuitenland:
    srt_adrs_cd: SoortAdresWerknemer = field(
        metadata={
            "name": "SrtAdrsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    srt_vrplgadrs_cd: None | SoortVerpleegadres = field(
        default=None,
        metadata={
            "name": "SrtVrplgadrsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    nm_vrpladrs: None | str = field(
        default=None,
        metadata={
            "name": "NmVrpladrs",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    locoms_btl: None | str = field(
        default=None,
        metadata={
            "name": "LocomsBtl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    pc_btl: None | str = field(
        default=None,
        metadata={
            "name": "PcBtl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 9,
        },
    )
    wnpl_btl: str = field(
        metadata={
            "name": "WnplBtl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 24,
        }
    )
    reg_btl: None | str = field(
        default=None,
        metadata={
            "name": "RegBtl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 24,
        },
    )
    land_cd: str = field(
        metadata={
            "name": "LandCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "length": 2,
            "pattern": r"\D*",
        }
    )
    landnm: None | str = field(
        default=None,
        metadata={
            "name": "Landnm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    straat_lang: None | str = field(
        default=None,
        metadata={
            "name": "StraatLang",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 80,
        },
    )
    huisnr_btl: str = field(
        metadata={
            "name": "HuisnrBtl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 9,
        }
    )


@dataclass(slots=True, kw_only=True)
class StraatadresNederland:
    srt_adrs_cd: SoortAdres = field(
        metadata={
            "name": "SrtAdrsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    pc: str = field(
        metadata={
            "name": "Pc",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "length": 6,
        }
    )
    wnpl: str = field(
        metadata={
            "name": "Wnpl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 24,
        }
    )
    straat_lang: None | str = field(
        default=None,
        metadata={
            "name": "StraatLang",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 80,
        },
    )
    huisnr: int = field(
        metadata={
            "name": "Huisnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 5,
        }
    )
    huis_toev: None | str = field(
        default=None,
        metadata={
            "name": "HuisToev",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 4,
        },
    )


@dataclass(slots=True, kw_only=True)
class StraatadresNederlandWerknemer:
    srt_adrs_cd: SoortAdresWerknemer = field(
        metadata={
            "name": "SrtAdrsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    srt_vrplgadrs_cd: None | SoortVerpleegadres = field(
        default=None,
        metadata={
            "name": "SrtVrplgadrsCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    nm_vrpladrs: None | str = field(
        default=None,
        metadata={
            "name": "NmVrpladrs",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    ingdat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    pc: str = field(
        metadata={
            "name": "Pc",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "length": 6,
        }
    )
    wnpl: str = field(
        metadata={
            "name": "Wnpl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 24,
        }
    )
    straat_lang: None | str = field(
        default=None,
        metadata={
            "name": "StraatLang",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 80,
        },
    )
    huisnr: int = field(
        metadata={
            "name": "Huisnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 5,
        }
    )
    huis_toev: None | str = field(
        default=None,
        metadata={
            "name": "HuisToev",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
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
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    persnr: None | str = field(
        default=None,
        metadata={
            "name": "Persnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    achternaam: str = field(
        metadata={
            "name": "Achternaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 200,
        }
    )
    voorl: None | str = field(
        default=None,
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 6,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    gslcht_cd: None | Geslacht = field(
        default=None,
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    rol_cntprsn_cd: RolContactpersoon = field(
        metadata={
            "name": "RolCntprsnCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    com: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_occurs": 1,
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Verzuim:
    vrwrk_cd: Verwerkingscode = field(
        metadata={
            "name": "VrwrkCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    ingdat_mut_vrzm: XmlDate = field(
        metadata={
            "name": "IngdatMutVrzm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    ingdat_mut_vrzm_oud: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMutVrzmOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    vrzmgvl_id: str = field(
        metadata={
            "name": "VrzmgvlId",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    vrzmgvl_id_oud: None | str = field(
        default=None,
        metadata={
            "name": "VrzmgvlIdOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    vrzmgvl_vnr_mld: int = field(
        metadata={
            "name": "VrzmgvlVnrMld",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 3,
        }
    )
    end_vrzm_jn: JaNee = field(
        metadata={
            "name": "EndVrzmJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    dat_vrzm_wrkgvr: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatVrzmWrkgvr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    dat_eerst_vrzmdg: XmlDate = field(
        metadata={
            "name": "DatEerstVrzmdg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    dat_eerst_vrzmdg_oud: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatEerstVrzmdgOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    dat_hrstld: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatHrstld",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    dat_hrstld_wrkgvr: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatHrstldWrkgvr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    dat_vrw_hrstl: None | XmlDate = field(
        default=None,
        metadata={
            "name": "DatVrwHrstl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    prc_vrzm: Decimal = field(
        metadata={
            "name": "PrcVrzm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": Decimal("0"),
            "total_digits": 6,
            "fraction_digits": 2,
        }
    )
    bijz_rdn_start_vrzm_cd: None | BijzondereRedenStartVerzuim = field(
        default=None,
        metadata={
            "name": "BijzRdnStartVrzmCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    oorzk_vrzm_cd: OorzaakVerzuim = field(
        metadata={
            "name": "OorzkVrzmCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    vngnt_jn: LogischeEenheid = field(
        metadata={
            "name": "VngntJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    rdn_end_vrzm_cd: None | RedenEindeVerzuim = field(
        default=None,
        metadata={
            "name": "RdnEndVrzmCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    wazocd: None | WazoCode = field(
        default=None,
        metadata={
            "name": "WAZOCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    prc_arbther: None | Decimal = field(
        default=None,
        metadata={
            "name": "PrcArbther",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": Decimal("0"),
            "total_digits": 6,
            "fraction_digits": 2,
        },
    )
    cntprsn: list[Contactpersoon] = field(
        default_factory=list,
        metadata={
            "name": "Cntprsn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    actie: list[Actie] = field(
        default_factory=list,
        metadata={
            "name": "Actie",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 99,
        },
    )
    vr_tkst: list[VrijeTekstRegel] = field(
        default_factory=list,
        metadata={
            "name": "VrTkst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 99,
        },
    )


@dataclass(slots=True, kw_only=True)
class Dienstverband:
    vrwrk_cd: None | Verwerkingscode = field(
        default=None,
        metadata={
            "name": "VrwrkCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    ingdat_mut: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMut",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    id_dnstvbnd: str = field(
        metadata={
            "name": "IdDnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    id_dnstvbnd_oud: None | str = field(
        default=None,
        metadata={
            "name": "IdDnstvbndOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    ingdat: XmlDate = field(
        metadata={
            "name": "Ingdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    enddat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Enddat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    rd_end_dnstvbnd_cd: None | RedenEindeDienstverband = field(
        default=None,
        metadata={
            "name": "RdEndDnstvbndCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    pers_nr: None | str = field(
        default=None,
        metadata={
            "name": "PersNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    pers_nr_oud: None | str = field(
        default=None,
        metadata={
            "name": "PersNrOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    cntrnr_arbdnst: None | str = field(
        default=None,
        metadata={
            "name": "CntrnrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    srt_dnstvbnd_cd: None | SoortDienstverband = field(
        default=None,
        metadata={
            "name": "SrtDnstvbndCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    fnctcd: None | str = field(
        default=None,
        metadata={
            "name": "Fnctcd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 15,
        },
    )
    nm_fnct: None | str = field(
        default=None,
        metadata={
            "name": "NmFnct",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    fs_ind_fz: None | FiscaleIndicatieFz = field(
        default=None,
        metadata={
            "name": "FsIndFZ",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    nm_orgeenh: None | str = field(
        default=None,
        metadata={
            "name": "NmOrgeenh",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    orgeenh_cd: str = field(
        metadata={
            "name": "OrgeenhCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        }
    )
    ond_orgeenh_cd: None | str = field(
        default=None,
        metadata={
            "name": "OndOrgeenhCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    ond_orgeenh_cd_nm: None | str = field(
        default=None,
        metadata={
            "name": "OndOrgeenhCdNm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    pc_standplts: None | str = field(
        default=None,
        metadata={
            "name": "PcStandplts",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 9,
        },
    )
    oms_standplts: None | str = field(
        default=None,
        metadata={
            "name": "OmsStandplts",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        },
    )
    vrdlng_cd: None | str = field(
        default=None,
        metadata={
            "name": "VrdlngCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    cd_bep_td: None | CodeContractOnbepaaldeBepaaldeTijd = field(
        default=None,
        metadata={
            "name": "CdBepTd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    aant_ctrcturen_pwk: None | str = field(
        default=None,
        metadata={
            "name": "AantCtrcturenPWk",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": "0",
            "total_digits": 5,
            "fraction_digits": 2,
            "pattern": r"[0-9]{1,3}[.][0-9]{2}",
        },
    )
    aant_unorm_wk: None | str = field(
        default=None,
        metadata={
            "name": "AantUNormWk",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": "0",
            "total_digits": 6,
            "fraction_digits": 2,
            "pattern": r"[0-9]{1,4}[.][0-9]{2}",
        },
    )
    dltfct_nvs: None | str = field(
        default=None,
        metadata={
            "name": "DltfctNVS",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": "0",
            "total_digits": 5,
            "fraction_digits": 2,
            "pattern": r"[0-9]{1,3}[.][0-9]{2}",
        },
    )
    srt_var_wrktd_cd: None | SoortVariabeleWerktijden = field(
        default=None,
        metadata={
            "name": "SrtVarWrktdCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    aant_lnwchtdgn: None | int = field(
        default=None,
        metadata={
            "name": "AantLnwchtdgn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 3,
        },
    )
    prc_lndrbtng: None | Decimal = field(
        default=None,
        metadata={
            "name": "PrcLndrbtng",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_inclusive": Decimal("0"),
            "total_digits": 6,
            "fraction_digits": 2,
        },
    )
    arbeidsrelatie: None | Arbeidsrelatie = field(
        default=None,
        metadata={
            "name": "Arbeidsrelatie",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    kostenplaats: list[Kostenplaats] = field(
        default_factory=list,
        metadata={
            "name": "Kostenplaats",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    vrzm: list[Verzuim] = field(
        default_factory=list,
        metadata={
            "name": "Vrzm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_occurs": 1,
            "max_occurs": 99,
        },
    )
    cntprsn: list[Contactpersoon] = field(
        default_factory=list,
        metadata={
            "name": "Cntprsn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )


@dataclass(slots=True, kw_only=True)
class Werknemer:
    vrwrk_cd: None | Verwerkingscode = field(
        default=None,
        metadata={
            "name": "VrwrkCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    ingdat_mut: None | XmlDate = field(
        default=None,
        metadata={
            "name": "IngdatMut",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    sofi_nr: None | int = field(
        default=None,
        metadata={
            "name": "SofiNr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 9,
        },
    )
    gebdat: XmlDate = field(
        metadata={
            "name": "Gebdat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    overldat: None | XmlDate = field(
        default=None,
        metadata={
            "name": "Overldat",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    sign_nm: str = field(
        metadata={
            "name": "SignNm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 200,
        }
    )
    voorl: str = field(
        metadata={
            "name": "Voorl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 6,
            "pattern": r"\D*",
        }
    )
    voorv: None | str = field(
        default=None,
        metadata={
            "name": "Voorv",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 10,
            "pattern": r"\D*",
        },
    )
    roepnaam: None | str = field(
        default=None,
        metadata={
            "name": "Roepnaam",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
            "pattern": r"\D*",
        },
    )
    tit_vnm: None | str = field(
        default=None,
        metadata={
            "name": "TitVNm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    tit_anm: None | str = field(
        default=None,
        metadata={
            "name": "TitANm",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 35,
        },
    )
    nmvrkr_cd: NmvrkrCd = field(
        metadata={
            "name": "NmvrkrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    gslcht_cd: Geslacht = field(
        metadata={
            "name": "GslchtCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    niv_opldng_cd: None | NiveauOpleiding = field(
        default=None,
        metadata={
            "name": "NivOpldngCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    id_wrknmr: str = field(
        metadata={
            "name": "IdWrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    id_wrknmr_oud: None | str = field(
        default=None,
        metadata={
            "name": "IdWrknmrOud",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    bnk_giro: None | Bankgegevens = field(
        default=None,
        metadata={
            "name": "BnkGiro",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    prtnr: None | Partner = field(
        default=None,
        metadata={
            "name": "Prtnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    str_adr_nl: list[StraatadresNederlandWerknemer] = field(
        default_factory=list,
        metadata={
            "name": "StrAdrNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    str_adr_bl: list[StraatadresBuitenland] = field(
        default_factory=list,
        metadata={
            "name": "StrAdrBl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    com: list[CommunicatieWerknemer] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    dnstvbnd: list[Dienstverband] = field(
        default_factory=list,
        metadata={
            "name": "Dnstvbnd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_occurs": 1,
            "max_occurs": 99,
        },
    )


@dataclass(slots=True, kw_only=True)
class Werkgever:
    hndlsnm_org: str = field(
        metadata={
            "name": "HndlsnmOrg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 100,
        }
    )
    inschrijvingsnr_kv_k: None | int = field(
        default=None,
        metadata={
            "name": "InschrijvingsnrKvK",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 8,
        },
    )
    vestigingsnr_handelsregister: None | int = field(
        default=None,
        metadata={
            "name": "VestigingsnrHandelsregister",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "total_digits": 12,
        },
    )
    id_wrkgvr_arbdnst: str = field(
        metadata={
            "name": "IdWrkgvrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        }
    )
    aansltnr_geguitwlng_arbdnst: str = field(
        metadata={
            "name": "AansltnrGeguitwlngArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 70,
        }
    )
    id_wrkgvr_uwv: None | str = field(
        default=None,
        metadata={
            "name": "IdWrkgvrUWV",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 40,
        },
    )
    lhnr: None | str = field(
        default=None,
        metadata={
            "name": "Lhnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_length": 12,
        },
    )
    ind_erdwga: None | JaNee = field(
        default=None,
        metadata={
            "name": "IndERDWGA",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    ind_erdzw: None | JaNee = field(
        default=None,
        metadata={
            "name": "IndERDZW",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    str_adr_nl: list[StraatadresNederland] = field(
        default_factory=list,
        metadata={
            "name": "StrAdrNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    pbadrs_nl: list[PostbusadresNederland] = field(
        default_factory=list,
        metadata={
            "name": "PbadrsNl",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    com: list[Communicatie] = field(
        default_factory=list,
        metadata={
            "name": "Com",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    cntprsn: list[Contactpersoon] = field(
        default_factory=list,
        metadata={
            "name": "Cntprsn",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "max_occurs": 9,
        },
    )
    wrknmr: list[Werknemer] = field(
        default_factory=list,
        metadata={
            "name": "Wrknmr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_occurs": 1,
        },
    )


@dataclass(slots=True, kw_only=True)
class VerzuimmeldingenBericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        }
    )
    adm_kantoor: None | Administratiekantoor = field(
        default=None,
        metadata={
            "name": "AdmKantoor",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
        },
    )
    wrkgvr: list[Werkgever] = field(
        default_factory=list,
        metadata={
            "name": "Wrkgvr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020",
            "min_occurs": 1,
        },
    )


@dataclass(slots=True, kw_only=True)
class Verzuimmeldingen(VerzuimmeldingenBericht):
    class Meta:
        namespace = "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2020"
