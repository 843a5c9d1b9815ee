from .aanvraag_preventieve_diensten import (
    AanvraagPreventieveDiensten,
    AanvraagPreventieveDienstenBericht,
)
from .aanvraag_preventieve_diensten import (
    Administratiekantoor as AanvraagPreventieveDienstenAdministratiekantoor,
)
from .aanvraag_preventieve_diensten import (
    Arbeidsrelatie as AanvraagPreventieveDienstenArbeidsrelatie,
)
from .aanvraag_preventieve_diensten import (
    BerichtAlgemeen as AanvraagPreventieveDienstenBerichtAlgemeen,
)
from .aanvraag_preventieve_diensten import (
    BerichtCode as AanvraagPreventieveDienstenBerichtCode,
)
from .aanvraag_preventieve_diensten import (
    CodeContractOnbepaaldeBepaaldeTijd as AanvraagPreventieveDienstenCodeContractOnbepaaldeBepaaldeTijd,
)
from .aanvraag_preventieve_diensten import (
    Communicatie as AanvraagPreventieveDienstenCommunicatie,
)
from .aanvraag_preventieve_diensten import (
    CommunicatieWerknemer as AanvraagPreventieveDienstenCommunicatieWerknemer,
)
from .aanvraag_preventieve_diensten import (
    Contactpersoon as AanvraagPreventieveDienstenContactpersoon,
)
from .aanvraag_preventieve_diensten import (
    Dienstverband as AanvraagPreventieveDienstenDienstverband,
)
from .aanvraag_preventieve_diensten import (
    FiscaleIndicatieFz as AanvraagPreventieveDienstenFiscaleIndicatieFz,
)
from .aanvraag_preventieve_diensten import (
    Geslacht as AanvraagPreventieveDienstenGeslacht,
)
from .aanvraag_preventieve_diensten import (
    JaNee as AanvraagPreventieveDienstenJaNee,
)
from .aanvraag_preventieve_diensten import (
    Kostenplaats as AanvraagPreventieveDienstenKostenplaats,
)
from .aanvraag_preventieve_diensten import (
    NmvrkrCd as AanvraagPreventieveDienstenNmvrkrCd,
)
from .aanvraag_preventieve_diensten import (
    Partner as AanvraagPreventieveDienstenPartner,
)
from .aanvraag_preventieve_diensten import (
    PreventieveDienst as AanvraagPreventieveDienstenPreventieveDienst,
)
from .aanvraag_preventieve_diensten import (
    PreventieveDienstDienstverband as AanvraagPreventieveDienstenPreventieveDienstDienstverband,
)
from .aanvraag_preventieve_diensten import (
    RolContactpersoon as AanvraagPreventieveDienstenRolContactpersoon,
)
from .aanvraag_preventieve_diensten import (
    SoortAdresWerknemer as AanvraagPreventieveDienstenSoortAdresWerknemer,
)
from .aanvraag_preventieve_diensten import (
    SoortCommunicatie as AanvraagPreventieveDienstenSoortCommunicatie,
)
from .aanvraag_preventieve_diensten import (
    SoortCommunicatieWerknemer as AanvraagPreventieveDienstenSoortCommunicatieWerknemer,
)
from .aanvraag_preventieve_diensten import (
    SoortDienstverband as AanvraagPreventieveDienstenSoortDienstverband,
)
from .aanvraag_preventieve_diensten import (
    SoortVariabeleWerktijden as AanvraagPreventieveDienstenSoortVariabeleWerktijden,
)
from .aanvraag_preventieve_diensten import (
    StraatadresBuitenland as AanvraagPreventieveDienstenStraatadresBuitenland,
)
from .aanvraag_preventieve_diensten import (
    StraatadresNederlandWerknemer as AanvraagPreventieveDienstenStraatadresNederlandWerknemer,
)
from .aanvraag_preventieve_diensten import (
    VersieBerichtCode as AanvraagPreventieveDienstenVersieBerichtCode,
)
from .aanvraag_preventieve_diensten import (
    Verwerkingscode as AanvraagPreventieveDienstenVerwerkingscode,
)
from .aanvraag_preventieve_diensten import (
    Werkgever as AanvraagPreventieveDienstenWerkgever,
)
from .aanvraag_preventieve_diensten import (
    Werknemer as AanvraagPreventieveDienstenWerknemer,
)
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
    VersieBerichtCode as AfsprakenVersieBerichtCode,
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
    FiscaleIndicatieFz as DienstverbandenFiscaleIndicatieFz,
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
    RedenEindeDienstverband as DienstverbandenRedenEindeDienstverband,
)
from .dienstverbanden import (
    RolContactpersoon as DienstverbandenRolContactpersoon,
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
    VersieBerichtCode as DienstverbandenVersieBerichtCode,
)
from .dienstverbanden import (
    Werkgever as DienstverbandenWerkgever,
)
from .dienstverbanden import (
    Werknemer as DienstverbandenWerknemer,
)
from .medische_kaart import (
    Afspraak as MedischeKaartAfspraak,
)
from .medische_kaart import (
    BerichtAlgemeen as MedischeKaartBerichtAlgemeen,
)
from .medische_kaart import (
    BerichtCode as MedischeKaartBerichtCode,
)
from .medische_kaart import (
    Bestandttype,
    Document,
    FunctieBrCd,
    MedischeKaart,
    MedischeKaartBericht,
    SoortDocument,
)
from .medische_kaart import (
    Dienstverband as MedischeKaartDienstverband,
)
from .medische_kaart import (
    Geslacht as MedischeKaartGeslacht,
)
from .medische_kaart import (
    JaNee as MedischeKaartJaNee,
)
from .medische_kaart import (
    PreventieveDienst as MedischeKaartPreventieveDienst,
)
from .medische_kaart import (
    PreventieveDienstDienstverband as MedischeKaartPreventieveDienstDienstverband,
)
from .medische_kaart import (
    StatusAfspraak as MedischeKaartStatusAfspraak,
)
from .medische_kaart import (
    UitvoerderAfspraak as MedischeKaartUitvoerderAfspraak,
)
from .medische_kaart import (
    VersieBerichtCode as MedischeKaartVersieBerichtCode,
)
from .medische_kaart import (
    Verzuim as MedischeKaartVerzuim,
)
from .medische_kaart import (
    Werkgever as MedischeKaartWerkgever,
)
from .medische_kaart import (
    Werknemer as MedischeKaartWerknemer,
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
from .retourmelding import (
    VersieBerichtCode as RetourmeldingVersieBerichtCode,
)
from .verwerkingsmelding_werkgever_arbodienst import (
    BerichtAlgemeen as VerwerkingsmeldingWerkgeverArbodienstBerichtAlgemeen,
)
from .verwerkingsmelding_werkgever_arbodienst import (
    Verwerkbaarheid,
    Verwerkingsmelding,
    VerwerkingsmeldingWerkgeverArbodienst,
    VerwerkingsmeldingWerkgeverArbodienstBericht,
)
from .verwerkingsmelding_werkgever_arbodienst import (
    VrijeTekstRegel as VerwerkingsmeldingWerkgeverArbodienstVrijeTekstRegel,
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
    FiscaleIndicatieFz as VerzuimmeldingenFiscaleIndicatieFz,
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
    RedenEindeDienstverband as VerzuimmeldingenRedenEindeDienstverband,
)
from .verzuimmeldingen import (
    RolContactpersoon as VerzuimmeldingenRolContactpersoon,
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
    StraatadresNederlandWerknemer as VerzuimmeldingenStraatadresNederlandWerknemer,
)
from .verzuimmeldingen import (
    VersieBerichtCode as VerzuimmeldingenVersieBerichtCode,
)
from .verzuimmeldingen import (
    Verwerkingscode as VerzuimmeldingenVerwerkingscode,
)
from .verzuimmeldingen import (
    Verzuim as VerzuimmeldingenVerzuim,
)
from .verzuimmeldingen import (
    VrijeTekstRegel as VerzuimmeldingenVrijeTekstRegel,
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
    PostbusadresNederland,
    SoortAdres,
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
    RolContactpersoon as WerkgeversGegevensBasisregistratieRolContactpersoon,
)
from .werkgevers_gegevens_basisregistratie import (
    SoortCommunicatie as WerkgeversGegevensBasisregistratieSoortCommunicatie,
)
from .werkgevers_gegevens_basisregistratie import (
    StraatadresNederland as WerkgeversGegevensBasisregistratieStraatadresNederland,
)
from .werkgevers_gegevens_basisregistratie import (
    VersieBerichtCode as WerkgeversGegevensBasisregistratieVersieBerichtCode,
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
    FiscaleIndicatieFz as WerknemersGegevensFiscaleIndicatieFz,
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
    RedenEindeDienstverband as WerknemersGegevensRedenEindeDienstverband,
)
from .werknemers_gegevens import (
    RolContactpersoon as WerknemersRolContactpersoon,
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
    StraatadresNederlandWerknemer as WerknemersGegevensStraatadresNederlandWerknemer,
)
from .werknemers_gegevens import (
    VersieBerichtCode as WerknemersVersieBerichtCode,
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
    "AanvraagPreventieveDiensten",
    "AanvraagPreventieveDienstenBericht",
    "AanvraagPreventieveDienstenAdministratiekantoor",
    "AanvraagPreventieveDienstenArbeidsrelatie",
    "AanvraagPreventieveDienstenBerichtAlgemeen",
    "AanvraagPreventieveDienstenBerichtCode",
    "AanvraagPreventieveDienstenCodeContractOnbepaaldeBepaaldeTijd",
    "AanvraagPreventieveDienstenCommunicatie",
    "AanvraagPreventieveDienstenCommunicatieWerknemer",
    "AanvraagPreventieveDienstenContactpersoon",
    "AanvraagPreventieveDienstenDienstverband",
    "AanvraagPreventieveDienstenFiscaleIndicatieFz",
    "AanvraagPreventieveDienstenGeslacht",
    "AanvraagPreventieveDienstenJaNee",
    "AanvraagPreventieveDienstenKostenplaats",
    "AanvraagPreventieveDienstenNmvrkrCd",
    "AanvraagPreventieveDienstenPartner",
    "AanvraagPreventieveDienstenPreventieveDienst",
    "AanvraagPreventieveDienstenPreventieveDienstDienstverband",
    "AanvraagPreventieveDienstenRolContactpersoon",
    "AanvraagPreventieveDienstenSoortAdresWerknemer",
    "AanvraagPreventieveDienstenSoortCommunicatie",
    "AanvraagPreventieveDienstenSoortCommunicatieWerknemer",
    "AanvraagPreventieveDienstenSoortDienstverband",
    "AanvraagPreventieveDienstenSoortVariabeleWerktijden",
    "AanvraagPreventieveDienstenStraatadresBuitenland",
    "AanvraagPreventieveDienstenStraatadresNederlandWerknemer",
    "AanvraagPreventieveDienstenVersieBerichtCode",
    "AanvraagPreventieveDienstenVerwerkingscode",
    "AanvraagPreventieveDienstenWerkgever",
    "AanvraagPreventieveDienstenWerknemer",
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
    "AfsprakenVersieBerichtCode",
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
    "DienstverbandenFiscaleIndicatieFz",
    "DienstverbandenGeslacht",
    "DienstverbandenJaNee",
    "DienstverbandenKostenplaats",
    "DienstverbandenNiveauOpleiding",
    "DienstverbandenRedenEindeDienstverband",
    "DienstverbandenRolContactpersoon",
    "DienstverbandenSoortCommunicatie",
    "DienstverbandenSoortDienstverband",
    "DienstverbandenSoortVariabeleWerktijden",
    "DienstverbandenVersieBerichtCode",
    "DienstverbandenWerkgever",
    "DienstverbandenWerknemer",
    "MedischeKaartAfspraak",
    "MedischeKaartBerichtAlgemeen",
    "MedischeKaartBerichtCode",
    "Bestandttype",
    "MedischeKaartDienstverband",
    "Document",
    "FunctieBrCd",
    "MedischeKaartGeslacht",
    "MedischeKaartJaNee",
    "MedischeKaart",
    "MedischeKaartBericht",
    "MedischeKaartPreventieveDienst",
    "MedischeKaartPreventieveDienstDienstverband",
    "SoortDocument",
    "MedischeKaartStatusAfspraak",
    "MedischeKaartUitvoerderAfspraak",
    "MedischeKaartVersieBerichtCode",
    "MedischeKaartVerzuim",
    "MedischeKaartWerkgever",
    "MedischeKaartWerknemer",
    "RetourmeldingBerichtAlgemeen",
    "RetourmeldingBerichtCode",
    "Foutmelding",
    "RetourmeldingJaNee",
    "Retourmelding1",
    "Retourmelding1Bericht",
    "SoortFoutCode",
    "SoortRetourmelding",
    "RetourmeldingVersieBerichtCode",
    "VerwerkingsmeldingWerkgeverArbodienstBerichtAlgemeen",
    "Verwerkbaarheid",
    "Verwerkingsmelding",
    "VerwerkingsmeldingWerkgeverArbodienst",
    "VerwerkingsmeldingWerkgeverArbodienstBericht",
    "VerwerkingsmeldingWerkgeverArbodienstVrijeTekstRegel",
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
    "VerzuimmeldingenFiscaleIndicatieFz",
    "VerzuimmeldingenGeslacht",
    "VerzuimmeldingenJaNee",
    "VerzuimmeldingenKostenplaats",
    "LogischeEenheid",
    "VerzuimmeldingenNiveauOpleiding",
    "VerzuimmeldingenNmvrkrCd",
    "OorzaakVerzuim",
    "VerzuimmeldingenPartner",
    "VerzuimmeldingenRedenEindeDienstverband",
    "RedenEindeVerzuim",
    "VerzuimmeldingenRolContactpersoon",
    "VerzuimmeldingenSoortAdresWerknemer",
    "VerzuimmeldingenSoortCommunicatie",
    "VerzuimmeldingenSoortCommunicatieWerknemer",
    "VerzuimmeldingenSoortDienstverband",
    "VerzuimmeldingenSoortVariabeleWerktijden",
    "SoortVerpleegadres",
    "VerzuimmeldingenStraatadresBuitenland",
    "VerzuimmeldingenStraatadresNederlandWerknemer",
    "VerzuimmeldingenVersieBerichtCode",
    "VerzuimmeldingenVerwerkingscode",
    "VerzuimmeldingenVerzuim",
    "Verzuimmeldingen",
    "VerzuimmeldingenBericht",
    "VerzuimmeldingenVrijeTekstRegel",
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
    "PostbusadresNederland",
    "WerkgeversGegevensBasisregistratieRolContactpersoon",
    "SoortAdres",
    "WerkgeversGegevensBasisregistratieSoortCommunicatie",
    "SoortVerzuimverzekeringCode",
    "WerkgeversGegevensBasisregistratieStraatadresNederland",
    "WerkgeversGegevensBasisregistratieVersieBerichtCode",
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
    "WerknemersGegevensFiscaleIndicatieFz",
    "WerknemersGegevensGeslacht",
    "WerknemersJaNee",
    "WerknemersKostenplaats",
    "WerknemersGegevensNiveauOpleiding",
    "WerknemersGegevensNmvrkrCd",
    "WerknemersGegevensPartner",
    "WerknemersGegevensRedenEindeDienstverband",
    "WerknemersRolContactpersoon",
    "WerknemersGegevensSoortAdresWerknemer",
    "WerknemersSoortCommunicatie",
    "WerknemersGegevensSoortCommunicatieWerknemer",
    "WerknemersGegevensSoortDienstverband",
    "WerknemersGegevensSoortVariabeleWerktijden",
    "WerknemersGegevensStraatadresBuitenland",
    "WerknemersGegevensStraatadresNederlandWerknemer",
    "WerknemersVersieBerichtCode",
    "WerknemersWerkgever",
    "WerknemersGegevensWerknemer",
    "WerknemerGegevens",
    "WerknemerGegevensBericht",
]
