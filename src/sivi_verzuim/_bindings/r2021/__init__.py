from .afspraken import (
    Afspraak as AfsprakenAfspraak,
)
from .afspraken import (
    Afspraken,
    AfsprakenBericht,
    Arbodienst,
)
from .afspraken import (
    BerichtAlgemeen as AfsprakenBerichtAlgemeen,
)
from .afspraken import (
    BerichtCode as AfsprakenBerichtCode,
)
from .afspraken import (
    Communicatie as AfsprakenCommunicatie,
)
from .afspraken import (
    Contactpersoon as AfsprakenContactpersoon,
)
from .afspraken import (
    Dienstverband as AfsprakenDienstverband,
)
from .afspraken import (
    Geslacht as AfsprakenGeslacht,
)
from .afspraken import (
    GslchtCd as AfsprakenGslchtCd,
)
from .afspraken import (
    JaNee as AfsprakenJaNee,
)
from .afspraken import (
    SoortCommunicatie as AfsprakenSoortCommunicatie,
)
from .afspraken import (
    StatusAfspraak as AfsprakenStatusAfspraak,
)
from .afspraken import (
    StraatadresNederland as AfsprakenStraatadresNederland,
)
from .afspraken import (
    UitvoerderAfspraak as AfsprakenUitvoerderAfspraak,
)
from .afspraken import (
    Verzuim as AfsprakenVerzuim,
)
from .afspraken import (
    Werkgever as AfsprakenWerkgever,
)
from .afspraken import (
    Werknemer as AfsprakenWerknemer,
)
from .dienstverbanden import (
    Administratiekantoor as DienstverbandenAdministratiekantoor,
)
from .dienstverbanden import (
    Arbeidsrelatie as DienstverbandenArbeidsrelatie,
)
from .dienstverbanden import (
    BerichtAlgemeen as DienstverbandenBerichtAlgemeen,
)
from .dienstverbanden import (
    BerichtCode as DienstverbandenBerichtCode,
)
from .dienstverbanden import (
    CodeContractOnbepaaldeBepaaldeTijd as DienstverbandenCodeContractOnbepaaldeBepaaldeTijd,
)
from .dienstverbanden import (
    Communicatie as DienstverbandenCommunicatie,
)
from .dienstverbanden import (
    Contactpersoon as DienstverbandenContactpersoon,
)
from .dienstverbanden import (
    Dienstverband as DienstverbandenDienstverband,
)
from .dienstverbanden import (
    Dienstverbanden,
    DienstverbandenBericht,
)
from .dienstverbanden import (
    Geslacht as DienstverbandenGeslacht,
)
from .dienstverbanden import (
    JaNee as DienstverbandenJaNee,
)
from .dienstverbanden import (
    Kostenplaats as DienstverbandenKostenplaats,
)
from .dienstverbanden import (
    NiveauOpleiding as DienstverbandenNiveauOpleiding,
)
from .dienstverbanden import (
    PostbusadresNederland as DienstverbandenPostbusadresNederland,
)
from .dienstverbanden import (
    RedenEindeDienstverband as DienstverbandenRedenEindeDienstverband,
)
from .dienstverbanden import (
    RolContactpersoon as DienstverbandenRolContactpersoon,
)
from .dienstverbanden import (
    SoortAdres as DienstverbandenSoortAdres,
)
from .dienstverbanden import (
    SoortCommunicatie as DienstverbandenSoortCommunicatie,
)
from .dienstverbanden import (
    SoortDienstverband as DienstverbandenSoortDienstverband,
)
from .dienstverbanden import (
    SoortVariabeleWerktijden as DienstverbandenSoortVariabeleWerktijden,
)
from .dienstverbanden import (
    StraatadresNederland as DienstverbandenStraatadresNederland,
)
from .dienstverbanden import (
    Werkgever as DienstverbandenWerkgever,
)
from .dienstverbanden import (
    Werknemer as DienstverbandenWerknemer,
)
from .documenten import (
    Adressering,
    Bestandttype,
    ContactpersoonOntvanger,
    ContactpersoonZender,
    Document,
    Documenten,
    DocumentenBericht,
    PreventieveDienst,
    PreventieveDienstDienstverband,
    Prioriteit,
    RedenAanleveringDocument,
    SoortDocument,
    StatusDocument,
)
from .documenten import (
    Afspraak as DocumentenAfspraak,
)
from .documenten import (
    BerichtAlgemeen as DocumentenBerichtAlgemeen,
)
from .documenten import (
    BerichtCode as DocumentenBerichtCode,
)
from .documenten import (
    Communicatie as DocumentenCommunicatie,
)
from .documenten import (
    Dienstverband as DocumentenDienstverband,
)
from .documenten import (
    Geslacht as DocumentenGeslacht,
)
from .documenten import (
    JaNee as DocumentenJaNee,
)
from .documenten import (
    SoortCommunicatie as DocumentenSoortCommunicatie,
)
from .documenten import (
    StatusAfspraak as DocumentenStatusAfspraak,
)
from .documenten import (
    UitvoerderAfspraak as DocumentenUitvoerderAfspraak,
)
from .documenten import (
    Verzuim as DocumentenVerzuim,
)
from .documenten import (
    Werkgever as DocumentenWerkgever,
)
from .documenten import (
    Werknemer as DocumentenWerknemer,
)
from .retourmelding import (
    BerichtAlgemeen as RetourmeldingBerichtAlgemeen,
)
from .retourmelding import (
    BerichtCode as RetourmeldingBerichtCode,
)
from .retourmelding import (
    Foutmelding,
    Retourmelding1,
    Retourmelding1Bericht,
    SoortFoutCode,
    SoortRetourmelding,
)
from .retourmelding import (
    JaNee as RetourmeldingJaNee,
)
from .verzuimmeldingen import (
    Actie,
    ActieCode,
    BijzondereRedenStartVerzuim,
    LogischeEenheid,
    OorzaakVerzuim,
    RedenEindeVerzuim,
    SoortVerpleegadres,
    Verzuimmeldingen,
    VerzuimmeldingenBericht,
    VrijeTekstRegel,
    WazoCode,
)
from .verzuimmeldingen import (
    Administratiekantoor as VerzuimmeldingenAdministratiekantoor,
)
from .verzuimmeldingen import (
    Arbeidsrelatie as VerzuimmeldingenArbeidsrelatie,
)
from .verzuimmeldingen import (
    Bankgegevens as VerzuimmeldingenBankgegevens,
)
from .verzuimmeldingen import (
    BerichtAlgemeen as VerzuimmeldingenBerichtAlgemeen,
)
from .verzuimmeldingen import (
    BerichtCode as VerzuimmeldingenBerichtCode,
)
from .verzuimmeldingen import (
    CodeContractOnbepaaldeBepaaldeTijd as VerzuimmeldingenCodeContractOnbepaaldeBepaaldeTijd,
)
from .verzuimmeldingen import (
    Communicatie as VerzuimmeldingenCommunicatie,
)
from .verzuimmeldingen import (
    CommunicatieWerknemer as VerzuimmeldingenCommunicatieWerknemer,
)
from .verzuimmeldingen import (
    Contactpersoon as VerzuimmeldingenContactpersoon,
)
from .verzuimmeldingen import (
    Dienstverband as VerzuimmeldingenDienstverband,
)
from .verzuimmeldingen import (
    Geslacht as VerzuimmeldingenGeslacht,
)
from .verzuimmeldingen import (
    JaNee as VerzuimmeldingenJaNee,
)
from .verzuimmeldingen import (
    Kostenplaats as VerzuimmeldingenKostenplaats,
)
from .verzuimmeldingen import (
    NiveauOpleiding as VerzuimmeldingenNiveauOpleiding,
)
from .verzuimmeldingen import (
    NmvrkrCd as VerzuimmeldingenNmvrkrCd,
)
from .verzuimmeldingen import (
    Partner as VerzuimmeldingenPartner,
)
from .verzuimmeldingen import (
    PostbusadresNederland as VerzuimmeldingenPostbusadresNederland,
)
from .verzuimmeldingen import (
    RedenEindeDienstverband as VerzuimmeldingenRedenEindeDienstverband,
)
from .verzuimmeldingen import (
    RolContactpersoon as VerzuimmeldingenRolContactpersoon,
)
from .verzuimmeldingen import (
    SoortAdres as VerzuimmeldingenSoortAdres,
)
from .verzuimmeldingen import (
    SoortAdresWerknemer as VerzuimmeldingenSoortAdresWerknemer,
)
from .verzuimmeldingen import (
    SoortCommunicatie as VerzuimmeldingenSoortCommunicatie,
)
from .verzuimmeldingen import (
    SoortCommunicatieWerknemer as VerzuimmeldingenSoortCommunicatieWerknemer,
)
from .verzuimmeldingen import (
    SoortDienstverband as VerzuimmeldingenSoortDienstverband,
)
from .verzuimmeldingen import (
    SoortVariabeleWerktijden as VerzuimmeldingenSoortVariabeleWerktijden,
)
from .verzuimmeldingen import (
    StraatadresBuitenland as VerzuimmeldingenStraatadresBuitenland,
)
from .verzuimmeldingen import (
    StraatadresNederland as VerzuimmeldingenStraatadresNederland,
)
from .verzuimmeldingen import (
    StraatadresNederlandWerknemer as VerzuimmeldingenStraatadresNederlandWerknemer,
)
from .verzuimmeldingen import (
    Verwerkingscode as VerzuimmeldingenVerwerkingscode,
)
from .verzuimmeldingen import (
    Verzuim as VerzuimmeldingenVerzuim,
)
from .verzuimmeldingen import (
    Werkgever as VerzuimmeldingenWerkgever,
)
from .verzuimmeldingen import (
    Werknemer as VerzuimmeldingenWerknemer,
)
from .werkgevers_gegevens_basisregistratie import (
    Administratiekantoor as WerkgeversGegevensBasisregistratieAdministratiekantoor,
)
from .werkgevers_gegevens_basisregistratie import (
    Arbocontract,
    Contract,
    Organisatieeenheid,
    Personeelssterkte,
    SoortVerzuimverzekeringCode,
    Verzekeraar,
    WerkgeversGegevensBasisregistratie,
    WerkgeversGegevensBasisregistratieBericht,
)
from .werkgevers_gegevens_basisregistratie import (
    BerichtAlgemeen as WerkgeversGegevensBasisregistratieBerichtAlgemeen,
)
from .werkgevers_gegevens_basisregistratie import (
    BerichtCode as WerkgeversGegevensBasisregistratieBerichtCode,
)
from .werkgevers_gegevens_basisregistratie import (
    Communicatie as WerkgeversGegevensBasisregistratieCommunicatie,
)
from .werkgevers_gegevens_basisregistratie import (
    Contactpersoon as WerkgeversGegevensBasisregistratieContactpersoon,
)
from .werkgevers_gegevens_basisregistratie import (
    GslchtCd as WerkgeversGegevensBasisregistratieGslchtCd,
)
from .werkgevers_gegevens_basisregistratie import (
    JaNee as WerkgeversGegevensBasisregistratieJaNee,
)
from .werkgevers_gegevens_basisregistratie import (
    Kostenplaats as WerkgeversGegevensBasisregistratieKostenplaats,
)
from .werkgevers_gegevens_basisregistratie import (
    PostbusadresNederland as WerkgeversGegevensBasisregistratiePostbusadresNederland,
)
from .werkgevers_gegevens_basisregistratie import (
    RolContactpersoon as WerkgeversGegevensBasisregistratieRolContactpersoon,
)
from .werkgevers_gegevens_basisregistratie import (
    SoortAdres as WerkgeversGegevensBasisregistratieSoortAdres,
)
from .werkgevers_gegevens_basisregistratie import (
    SoortCommunicatie as WerkgeversGegevensBasisregistratieSoortCommunicatie,
)
from .werkgevers_gegevens_basisregistratie import (
    StraatadresNederland as WerkgeversGegevensBasisregistratieStraatadresNederland,
)
from .werkgevers_gegevens_basisregistratie import (
    Verwerkingscode as WerkgeversGegevensBasisregistratieVerwerkingscode,
)
from .werkgevers_gegevens_basisregistratie import (
    Werkgever as WerkgeversGegevensBasisregistratieWerkgever,
)
from .werknemers_gegevens import (
    Administratiekantoor as WerknemersAdministratiekantoor,
)
from .werknemers_gegevens import (
    Arbeidsrelatie as WerknemersGegevensArbeidsrelatie,
)
from .werknemers_gegevens import (
    Bankgegevens as WerknemersGegevensBankgegevens,
)
from .werknemers_gegevens import (
    BerichtAlgemeen as WerknemersBerichtAlgemeen,
)
from .werknemers_gegevens import (
    BerichtCode as WerknemersBerichtCode,
)
from .werknemers_gegevens import (
    CodeContractOnbepaaldeBepaaldeTijd as WerknemersGegevensCodeContractOnbepaaldeBepaaldeTijd,
)
from .werknemers_gegevens import (
    Communicatie as WerknemersCommunicatie,
)
from .werknemers_gegevens import (
    CommunicatieWerknemer as WerknemersGegevensCommunicatieWerknemer,
)
from .werknemers_gegevens import (
    Contactpersoon as WerknemersContactpersoon,
)
from .werknemers_gegevens import (
    Dienstverband as WerknemersGegevensDienstverband,
)
from .werknemers_gegevens import (
    Geslacht as WerknemersGegevensGeslacht,
)
from .werknemers_gegevens import (
    JaNee as WerknemersJaNee,
)
from .werknemers_gegevens import (
    Kostenplaats as WerknemersKostenplaats,
)
from .werknemers_gegevens import (
    NiveauOpleiding as WerknemersGegevensNiveauOpleiding,
)
from .werknemers_gegevens import (
    NmvrkrCd as WerknemersGegevensNmvrkrCd,
)
from .werknemers_gegevens import (
    Partner as WerknemersGegevensPartner,
)
from .werknemers_gegevens import (
    PostbusadresNederland as WerknemersPostbusadresNederland,
)
from .werknemers_gegevens import (
    RedenEindeDienstverband as WerknemersGegevensRedenEindeDienstverband,
)
from .werknemers_gegevens import (
    RolContactpersoon as WerknemersRolContactpersoon,
)
from .werknemers_gegevens import (
    SoortAdres as WerknemersSoortAdres,
)
from .werknemers_gegevens import (
    SoortAdresWerknemer as WerknemersGegevensSoortAdresWerknemer,
)
from .werknemers_gegevens import (
    SoortCommunicatie as WerknemersSoortCommunicatie,
)
from .werknemers_gegevens import (
    SoortCommunicatieWerknemer as WerknemersGegevensSoortCommunicatieWerknemer,
)
from .werknemers_gegevens import (
    SoortDienstverband as WerknemersGegevensSoortDienstverband,
)
from .werknemers_gegevens import (
    SoortVariabeleWerktijden as WerknemersGegevensSoortVariabeleWerktijden,
)
from .werknemers_gegevens import (
    StraatadresBuitenland as WerknemersGegevensStraatadresBuitenland,
)
from .werknemers_gegevens import (
    StraatadresNederland as WerknemersStraatadresNederland,
)
from .werknemers_gegevens import (
    StraatadresNederlandWerknemer as WerknemersGegevensStraatadresNederlandWerknemer,
)
from .werknemers_gegevens import (
    Werkgever as WerknemersWerkgever,
)
from .werknemers_gegevens import (
    Werknemer as WerknemersGegevensWerknemer,
)
from .werknemers_gegevens import (
    WerknemerGegevens,
    WerknemerGegevensBericht,
)

__all__ = [
    "AfsprakenAfspraak",
    "Afspraken",
    "AfsprakenBericht",
    "Arbodienst",
    "AfsprakenBerichtAlgemeen",
    "AfsprakenBerichtCode",
    "AfsprakenCommunicatie",
    "AfsprakenContactpersoon",
    "AfsprakenDienstverband",
    "AfsprakenGeslacht",
    "AfsprakenGslchtCd",
    "AfsprakenJaNee",
    "AfsprakenSoortCommunicatie",
    "AfsprakenStatusAfspraak",
    "AfsprakenStraatadresNederland",
    "AfsprakenUitvoerderAfspraak",
    "AfsprakenVerzuim",
    "AfsprakenWerkgever",
    "AfsprakenWerknemer",
    "DienstverbandenAdministratiekantoor",
    "DienstverbandenArbeidsrelatie",
    "DienstverbandenBerichtAlgemeen",
    "DienstverbandenBerichtCode",
    "DienstverbandenCodeContractOnbepaaldeBepaaldeTijd",
    "DienstverbandenCommunicatie",
    "DienstverbandenContactpersoon",
    "DienstverbandenDienstverband",
    "Dienstverbanden",
    "DienstverbandenBericht",
    "DienstverbandenGeslacht",
    "DienstverbandenJaNee",
    "DienstverbandenKostenplaats",
    "DienstverbandenNiveauOpleiding",
    "DienstverbandenPostbusadresNederland",
    "DienstverbandenRedenEindeDienstverband",
    "DienstverbandenRolContactpersoon",
    "DienstverbandenSoortAdres",
    "DienstverbandenSoortCommunicatie",
    "DienstverbandenSoortDienstverband",
    "DienstverbandenSoortVariabeleWerktijden",
    "DienstverbandenStraatadresNederland",
    "DienstverbandenWerkgever",
    "DienstverbandenWerknemer",
    "Adressering",
    "DocumentenAfspraak",
    "DocumentenBerichtAlgemeen",
    "DocumentenBerichtCode",
    "Bestandttype",
    "DocumentenCommunicatie",
    "ContactpersoonOntvanger",
    "ContactpersoonZender",
    "DocumentenDienstverband",
    "Document",
    "Documenten",
    "DocumentenBericht",
    "DocumentenGeslacht",
    "DocumentenJaNee",
    "PreventieveDienst",
    "PreventieveDienstDienstverband",
    "Prioriteit",
    "RedenAanleveringDocument",
    "DocumentenSoortCommunicatie",
    "SoortDocument",
    "DocumentenStatusAfspraak",
    "StatusDocument",
    "DocumentenUitvoerderAfspraak",
    "DocumentenVerzuim",
    "DocumentenWerkgever",
    "DocumentenWerknemer",
    "RetourmeldingBerichtAlgemeen",
    "RetourmeldingBerichtCode",
    "Foutmelding",
    "RetourmeldingJaNee",
    "Retourmelding1",
    "Retourmelding1Bericht",
    "SoortFoutCode",
    "SoortRetourmelding",
    "Actie",
    "ActieCode",
    "VerzuimmeldingenAdministratiekantoor",
    "VerzuimmeldingenArbeidsrelatie",
    "VerzuimmeldingenBankgegevens",
    "VerzuimmeldingenBerichtAlgemeen",
    "VerzuimmeldingenBerichtCode",
    "BijzondereRedenStartVerzuim",
    "VerzuimmeldingenCodeContractOnbepaaldeBepaaldeTijd",
    "VerzuimmeldingenCommunicatie",
    "VerzuimmeldingenCommunicatieWerknemer",
    "VerzuimmeldingenContactpersoon",
    "VerzuimmeldingenDienstverband",
    "VerzuimmeldingenGeslacht",
    "VerzuimmeldingenJaNee",
    "VerzuimmeldingenKostenplaats",
    "LogischeEenheid",
    "VerzuimmeldingenNiveauOpleiding",
    "VerzuimmeldingenNmvrkrCd",
    "OorzaakVerzuim",
    "VerzuimmeldingenPartner",
    "VerzuimmeldingenPostbusadresNederland",
    "VerzuimmeldingenRedenEindeDienstverband",
    "RedenEindeVerzuim",
    "VerzuimmeldingenRolContactpersoon",
    "VerzuimmeldingenSoortAdres",
    "VerzuimmeldingenSoortAdresWerknemer",
    "VerzuimmeldingenSoortCommunicatie",
    "VerzuimmeldingenSoortCommunicatieWerknemer",
    "VerzuimmeldingenSoortDienstverband",
    "VerzuimmeldingenSoortVariabeleWerktijden",
    "SoortVerpleegadres",
    "VerzuimmeldingenStraatadresBuitenland",
    "VerzuimmeldingenStraatadresNederland",
    "VerzuimmeldingenStraatadresNederlandWerknemer",
    "VerzuimmeldingenVerwerkingscode",
    "VerzuimmeldingenVerzuim",
    "Verzuimmeldingen",
    "VerzuimmeldingenBericht",
    "VrijeTekstRegel",
    "WazoCode",
    "VerzuimmeldingenWerkgever",
    "VerzuimmeldingenWerknemer",
    "WerkgeversGegevensBasisregistratieAdministratiekantoor",
    "Arbocontract",
    "WerkgeversGegevensBasisregistratieBerichtAlgemeen",
    "WerkgeversGegevensBasisregistratieBerichtCode",
    "WerkgeversGegevensBasisregistratieCommunicatie",
    "WerkgeversGegevensBasisregistratieContactpersoon",
    "Contract",
    "WerkgeversGegevensBasisregistratieGslchtCd",
    "WerkgeversGegevensBasisregistratieJaNee",
    "WerkgeversGegevensBasisregistratieKostenplaats",
    "Organisatieeenheid",
    "Personeelssterkte",
    "WerkgeversGegevensBasisregistratiePostbusadresNederland",
    "WerkgeversGegevensBasisregistratieRolContactpersoon",
    "WerkgeversGegevensBasisregistratieSoortAdres",
    "WerkgeversGegevensBasisregistratieSoortCommunicatie",
    "SoortVerzuimverzekeringCode",
    "WerkgeversGegevensBasisregistratieStraatadresNederland",
    "WerkgeversGegevensBasisregistratieVerwerkingscode",
    "Verzekeraar",
    "WerkgeversGegevensBasisregistratieWerkgever",
    "WerkgeversGegevensBasisregistratie",
    "WerkgeversGegevensBasisregistratieBericht",
    "WerknemersAdministratiekantoor",
    "WerknemersGegevensArbeidsrelatie",
    "WerknemersGegevensBankgegevens",
    "WerknemersBerichtAlgemeen",
    "WerknemersBerichtCode",
    "WerknemersGegevensCodeContractOnbepaaldeBepaaldeTijd",
    "WerknemersCommunicatie",
    "WerknemersGegevensCommunicatieWerknemer",
    "WerknemersContactpersoon",
    "WerknemersGegevensDienstverband",
    "WerknemersGegevensGeslacht",
    "WerknemersJaNee",
    "WerknemersKostenplaats",
    "WerknemersGegevensNiveauOpleiding",
    "WerknemersGegevensNmvrkrCd",
    "WerknemersGegevensPartner",
    "WerknemersPostbusadresNederland",
    "WerknemersGegevensRedenEindeDienstverband",
    "WerknemersRolContactpersoon",
    "WerknemersSoortAdres",
    "WerknemersGegevensSoortAdresWerknemer",
    "WerknemersSoortCommunicatie",
    "WerknemersGegevensSoortCommunicatieWerknemer",
    "WerknemersGegevensSoortDienstverband",
    "WerknemersGegevensSoortVariabeleWerktijden",
    "WerknemersGegevensStraatadresBuitenland",
    "WerknemersStraatadresNederland",
    "WerknemersGegevensStraatadresNederlandWerknemer",
    "WerknemersWerkgever",
    "WerknemersGegevensWerknemer",
    "WerknemerGegevens",
    "WerknemerGegevensBericht",
]
