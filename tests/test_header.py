"""new_header: the header from what only the caller knows."""

from __future__ import annotations

import datetime as dt

import pytest

from sivi_verzuim import (
    ConversionError,
    MessageType,
    Release,
    from_model,
    new_header,
    new_reference,
    parse,
    serialize,
    to_model,
)
from sivi_verzuim.model import Header

PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=lambda v: str(v))
def test_codes_come_from_message_type_and_release(mt: MessageType, release: Release) -> None:
    if mt is MessageType.VERWERKINGSMELDING:
        with pytest.raises(ConversionError, match="ProcessingReportHeader"):
            new_header(mt, release, sender="A", recipient="B", software="S")
        return
    header = new_header(mt, release, sender="A", recipient="B", software="S")
    assert header.message_code == mt.default_brcd()
    assert header.message_version_code == mt.default_vnrbrcd(release)


def test_now_in_whole_seconds_and_a_fresh_reference() -> None:
    before = dt.datetime.now().replace(microsecond=0)
    header = new_header(
        MessageType.VERZUIMMELDINGEN, Release.R2025, sender="A", recipient="B", software="S"
    )
    after = dt.datetime.now()
    assert header.creation_time.microsecond == 0
    assert before <= dt.datetime.combine(header.creation_date, header.creation_time) <= after
    again = new_header(
        MessageType.VERZUIMMELDINGEN, Release.R2025, sender="A", recipient="B", software="S"
    )
    assert header.message_reference != again.message_reference
    assert len({new_reference() for _ in range(1000)}) == 1000
    assert header.test_message is False
    assert header.receipt_requested is False
    assert header.software_package == "S"


def test_given_values_are_kept() -> None:
    when = dt.datetime(2026, 3, 2, 9, 30, 15)
    header = new_header(
        MessageType.RETOURMELDING,
        Release.R2021,
        sender="A",
        recipient="B",
        software="S",
        test=True,
        receipt_requested=True,
        reference="REF-1",
        created=when,
        answered_reference="VZ-1",
    )
    assert header == Header(
        message_code="99999",
        message_version_code=MessageType.RETOURMELDING.default_vnrbrcd(Release.R2021),
        creation_date=dt.date(2026, 3, 2),
        creation_time=dt.time(9, 30, 15),
        sender_id="A",
        software_package="S",
        recipient_id="B",
        message_reference="REF-1",
        test_message=True,
        receipt_requested=True,
        answered_message_reference="VZ-1",
    )


def test_written_header_round_trips() -> None:
    message = parse("examples/2025/VZ-2025-01-ziekmelding.xml")
    model = to_model(message)
    header = new_header(
        MessageType.VERZUIMMELDINGEN,
        Release.R2025,
        sender="HR",
        recipient="ARBO",
        software="Personeelssysteem 7.2",
    )
    import attrs

    written = from_model(attrs.evolve(model, header=header), Release.R2025)
    assert to_model(parse(serialize(written))).header == header


def test_wrong_arguments_are_conversion_errors() -> None:
    with pytest.raises(ConversionError, match="MessageType"):
        new_header("Verzuimmeldingen", Release.R2025, sender="A", recipient="B", software="S")  # type: ignore[arg-type]
    with pytest.raises(ConversionError, match="Release"):
        new_header(MessageType.VERZUIMMELDINGEN, "2025", sender="A", recipient="B", software="S")  # type: ignore[arg-type]
    with pytest.raises(ConversionError, match="does not exist"):
        new_header(
            MessageType.MEDISCHE_KAART, Release.R2017, sender="A", recipient="B", software="S"
        )
    with pytest.raises(ConversionError, match="cannot build the header"):
        new_header(
            MessageType.VERZUIMMELDINGEN, Release.R2025, sender=1, recipient="B", software="S"
        )  # type: ignore[arg-type]
    with pytest.raises(ConversionError, match="datetime"):
        new_header(
            MessageType.VERZUIMMELDINGEN,
            Release.R2025,
            sender="A",
            recipient="B",
            software="S",
            created=dt.date(2026, 3, 2),  # type: ignore[arg-type]
        )


def test_the_parsed_header_answers_to_the_model_names_too() -> None:
    message = parse("examples/2025/VZ-2025-01-ziekmelding.xml")
    parsed, model = message.header, to_model(message).header
    for name in (
        "message_code",
        "message_version_code",
        "creation_date",
        "creation_time",
        "sender_id",
        "software_package",
        "recipient_id",
        "message_reference",
        "test_message",
        "receipt_requested",
    ):
        assert getattr(parsed, name) == getattr(model, name), name
