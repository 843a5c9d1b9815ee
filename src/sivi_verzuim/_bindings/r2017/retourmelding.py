from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017"


class BerichtCode(Enum):
    VALUE_99999 = "99999"


class JaNee(Enum):
    J = "J"
    N = "N"


class SoortFoutCode(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"
    VALUE_05 = "05"
    VALUE_06 = "06"
    VALUE_99 = "99"


class SoortRetourmelding(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"
    VALUE_04 = "04"


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: BerichtCode = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    vnr_br_cd: str = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 5,
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 40,
        }
    )
    gebr_sw_pakket: None | str = field(
        default=None,
        metadata={
            "name": "GebrSwPakket",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 35,
        },
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 512,
        }
    )
    berrefnr_ingzndn_ber: str = field(
        metadata={
            "name": "BerrefnrIngzndnBer",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 512,
        }
    )
    test_jn: JaNee = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    ontvngstbev_jn: JaNee = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    srt_retmldng_cd: SoortRetourmelding = field(
        metadata={
            "name": "SrtRetmldngCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )


@dataclass(slots=True, kw_only=True)
class Foutmelding:
    srt_fout_cd: SoortFoutCode = field(
        metadata={
            "name": "SrtFoutCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    toelchtng: None | str = field(
        default=None,
        metadata={
            "name": "Toelchtng",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
            "max_length": 512,
        },
    )


@dataclass(slots=True, kw_only=True)
class Retourmelding1Bericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        }
    )
    foutmldng: list[Foutmelding] = field(
        default_factory=list,
        metadata={
            "name": "Foutmldng",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017",
        },
    )


@dataclass(slots=True, kw_only=True)
class Retourmelding1(Retourmelding1Bericht):
    class Meta:
        namespace = "http://www.sivi.org/Verzuimmanagement/Retourmelding1/2017"
