"""Hypothesis: every generated message serializes to schema-valid XML and parses back equal."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from xsdata.formats.dataclass.parsers import XmlParser

from sivi_verzuim import MessageType, Release, parse, serialize
from sivi_verzuim.releases import binding_class
from sivi_verzuim.testing import messages

_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("release", list(Release), ids=str)
def test_verzuimmeldingen_round_trip(release: Release) -> None:
    @_SETTINGS
    @given(messages(release, MessageType.VERZUIMMELDINGEN))
    def check(message):  # type: ignore[no-untyped-def]
        data = serialize(message)  # raises when our output breaks the schema
        again = parse(data)
        assert again.release is release
        assert again.message_type is MessageType.VERZUIMMELDINGEN
        assert again.document == message.document
        # our direct binder gives exactly what xsdata's own parser gives
        plain = XmlParser().from_bytes(data, binding_class(MessageType.VERZUIMMELDINGEN, release))
        assert plain == again.document

    check()


@pytest.mark.parametrize(
    ("message_type", "release"),
    [
        (mt, rel)
        for mt in MessageType
        for rel in mt.releases
        if mt is not MessageType.VERZUIMMELDINGEN
    ],
    ids=lambda v: str(v),
)
def test_every_message_type_round_trip(message_type: MessageType, release: Release) -> None:
    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, message_type))
    def check(message):  # type: ignore[no-untyped-def]
        again = parse(serialize(message))
        assert (again.message_type, again.release) == (message_type, release)
        assert again.document == message.document

    check()
