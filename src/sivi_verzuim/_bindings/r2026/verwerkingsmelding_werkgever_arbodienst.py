from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from xsdata.models.datatype import XmlDate, XmlTime

__NAMESPACE__ = "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026"


@dataclass(slots=True, kw_only=True)
class BerichtAlgemeen:
    br_cd: str = field(
        metadata={
            "name": "BrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 5,
        }
    )
    vnr_br_cd: str = field(
        metadata={
            "name": "VnrBrCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 5,
        }
    )
    aandat_br: XmlDate = field(
        metadata={
            "name": "AandatBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
        }
    )
    aantijd_br: XmlTime = field(
        metadata={
            "name": "AantijdBr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
        }
    )
    id_inzndr: str = field(
        metadata={
            "name": "IdInzndr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 40,
        }
    )
    gebr_sw_pakket: str = field(
        metadata={
            "name": "GebrSwPakket",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 35,
        }
    )
    id_ontvngr: str = field(
        metadata={
            "name": "IdOntvngr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 40,
        }
    )
    berrefnr: str = field(
        metadata={
            "name": "Berrefnr",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 512,
        }
    )
    berrefnr_ingzndn_ber: str = field(
        metadata={
            "name": "BerrefnrIngzndnBer",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 512,
        }
    )
    test_jn: str = field(
        metadata={
            "name": "TestJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "length": 1,
            "pattern": r"\D*",
        }
    )
    ontvngstbev_jn: str = field(
        metadata={
            "name": "OntvngstbevJN",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "length": 1,
            "pattern": r"\D*",
        }
    )


class Verwerkbaarheid(Enum):
    VALUE_01 = "01"
    VALUE_02 = "02"
    VALUE_03 = "03"


@dataclass(slots=True, kw_only=True)
class VrijeTekstRegel:
    vrije_tekst: str = field(
        metadata={
            "name": "VrijeTekst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 512,
        }
    )


@dataclass(slots=True, kw_only=True)
class Verwerkingsmelding:
    vrwrkbhd_cd: Verwerkbaarheid = field(
        metadata={
            "name": "VrwrkbhdCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
        }
    )
    vrzmgvl_id: str = field(
        metadata={
            "name": "VrzmgvlId",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "min_length": 1,
            "max_length": 40,
        }
    )
    vrzmgvl_vnr_mld: int = field(
        metadata={
            "name": "VrzmgvlVnrMld",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "total_digits": 3,
        }
    )
    aansltnr_geguitwlng_arbdnst: str = field(
        metadata={
            "name": "AansltnrGeguitwlngArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 70,
        }
    )
    id_wrkgvr_arbdnst: str = field(
        metadata={
            "name": "IdWrkgvrArbdnst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 40,
        }
    )
    ctrl_cd: str = field(
        metadata={
            "name": "CtrlCd",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "length": 5,
        }
    )
    mldng_tkst: str = field(
        metadata={
            "name": "MldngTkst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "max_length": 512,
        }
    )
    vr_tkst: None | VrijeTekstRegel = field(
        default=None,
        metadata={
            "name": "VrTkst",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
        },
    )


@dataclass(slots=True, kw_only=True)
class VerwerkingsmeldingWerkgeverArbodienstBericht:
    br_alg: BerichtAlgemeen = field(
        metadata={
            "name": "BrAlg",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
        }
    )
    vrwrk_mld: list[Verwerkingsmelding] = field(
        default_factory=list,
        metadata={
            "name": "VrwrkMld",
            "type": "Element",
            "namespace": "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026",
            "min_occurs": 1,
        },
    )


@dataclass(slots=True, kw_only=True)
class VerwerkingsmeldingWerkgeverArbodienst(VerwerkingsmeldingWerkgeverArbodienstBericht):
    class Meta:
        namespace = (
            "http://www.sivi.org/Verzuimmanagement/VerwerkingsmeldingWerkgeverArbodienst/2026"
        )
