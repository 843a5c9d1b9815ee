"""Hypothesis: every generated message serializes to schema-valid XML and parses back equal,
and goes through the domain model and back unchanged, also in odd lexical forms."""

from __future__ import annotations

import dataclasses
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from xsdata.models.datatype import XmlDate, XmlTime

from sivi_verzuim import (
    ConversionError,
    Message,
    MessageType,
    Release,
    from_model,
    parse,
    serialize,
    to_model,
)
from sivi_verzuim.releases import binding_class
from sivi_verzuim.testing import messages

_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EXAMPLE = Path(__file__).parents[1] / "examples" / "2025" / "VZ-2025-01-ziekmelding.xml"
ALL_PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


@pytest.mark.parametrize("release", list(Release), ids=str)
def test_verzuimmeldingen_round_trip(release: Release) -> None:
    @_SETTINGS
    @given(messages(release, MessageType.VERZUIMMELDINGEN))
    def check(message):  # type: ignore[no-untyped-def]
        from xsdata.formats.dataclass.parsers import XmlParser

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
    [(mt, rel) for mt, rel in ALL_PAIRS if mt is not MessageType.VERZUIMMELDINGEN],
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


# ------------------------------------------------- through the model, in odd lexical forms

#: UTC offsets as a message may write them (``-00:00`` and ``+00:00`` are ``Z``)
OFFSETS = ("Z", "+01:00", "-00:00", "+00:00", "-05:30", "+14:00", "-14:00")


def _leaf_text(value: Any, meta: dict[str, Any], text: str, rnd: random.Random) -> str:
    """Another lexical form of the same value (or the same text where the schema fixes it)."""
    if meta.get("pattern") is not None:
        return text  # the pattern fixes the lexical form
    if isinstance(value, XmlDate):
        return text + rnd.choice(OFFSETS) if rnd.random() < 0.7 else text
    if isinstance(value, XmlTime):
        digits = rnd.choice((0, 3, 6, 7, 8, 9))
        fraction = "".join(rnd.choice("0123456789") for _ in range(digits))
        zone = rnd.choice(("", *OFFSETS))
        return f"{text[:8]}{'.' + fraction if digits else ''}{zone}"
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return text
    # leading zeros and a plus sign: the same number
    return rnd.choice(("+", "")) + "0" * rnd.randint(1, 3) + text


def _odd_forms(document: Any, element: Any, rnd: random.Random) -> None:
    """Rewrite the leaves of ``element`` (the XML of binding ``document``) in odd forms."""
    for f in dataclasses.fields(document):
        tag = f.metadata.get("name")
        value = getattr(document, f.name)
        if tag is None or value is None:
            continue
        values = value if isinstance(value, list) else [value]
        children = [c for c in element if etree.QName(c).localname == tag]
        assert len(children) == len(values), tag
        for child, item in zip(children, values, strict=True):
            if dataclasses.is_dataclass(item):
                _odd_forms(item, child, rnd)
            elif child.text is not None:
                child.text = _leaf_text(item, dict(f.metadata), child.text, rnd)


def _odd(message: Message, seed: int) -> bytes:
    rnd = random.Random(seed)
    header = message.document.br_alg
    if message.message_type is not MessageType.VERZUIMMELDINGEN:
        # a header code the release leaves open: any five digits, kept within the release
        for name in ("br_cd", "vnr_br_cd"):
            if isinstance(getattr(header, name), str):
                setattr(header, name, f"{rnd.randrange(100_000):05d}")
    root = etree.fromstring(serialize(message))
    _odd_forms(message.document, root, rnd)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(("message_type", "release"), ALL_PAIRS, ids=lambda v: str(v))
def test_through_the_model_in_odd_forms_nothing_changes(
    message_type: MessageType, release: Release
) -> None:
    """parse -> to_model -> from_model -> serialize keeps every value: time zones on dates and
    times, fractions of up to nine digits, numbers with leading zeros and a sign; for the
    messages whose header codes are open (before 2022: every message but Verzuimmeldingen,
    and VerwerkingsmeldingWerkgeverArbodienst), the codes the message has."""

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(messages(release, message_type), st.integers(0, 2**32))
    def check(message: Message, seed: int) -> None:
        data = _odd(message, seed)
        read = parse(data)  # still valid: every form is one the schema allows
        model = to_model(read)
        assert model.findings == ()  # generated BSNs pass the 11-check
        written = from_model(model, release)
        assert [f.code for f in written.findings] == []  # nothing filled in
        assert written.document == read.document
        assert serialize(written) == serialize(read)
        assert to_model(parse(serialize(written))) == model

    check()


def test_odd_forms_are_really_written() -> None:
    """The rewrite above produces the forms it claims to, and they survive the model."""
    message = parse(EXAMPLE)
    texts = [_odd(message, seed).decode() for seed in range(30)]
    assert any(re.search(r"<AandatBr>[0-9-]{10}[+-]\d\d:\d\d</AandatBr>", t) for t in texts)
    assert any(re.search(r"<AandatBr>[0-9-]{10}Z</AandatBr>", t) for t in texts)
    assert any(re.search(r"<AantijdBr>[0-9:]{8}\.\d{7,9}", t) for t in texts)
    assert any(re.search(r"<Huisnr>\+0+\d", t) for t in texts)
    for text in texts:
        read = parse(text.encode())
        written = from_model(to_model(read), read.release)
        assert serialize(written) == serialize(read)


def test_what_a_release_cannot_carry_is_reported_not_cut() -> None:
    """A fraction of more than nine digits (the bindings hold nanoseconds) read tolerantly is a
    finding of to_model, not a time cut short."""
    data = EXAMPLE.read_bytes().replace(
        b"<AantijdBr>09:30:00</AantijdBr>", b"<AantijdBr>09:30:00.1234567891</AantijdBr>"
    )
    with pytest.raises(ConversionError) as caught:
        to_model(parse(data, strict=False))
    (finding,) = caught.value.findings
    assert finding.path == "/Verzuimmeldingen/BrAlg[1]/AantijdBr"
    assert finding.field == "header.creation_time"
    assert "more than 9 digits" in finding.message
