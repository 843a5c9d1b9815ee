"""Retourmeldingen from results: schema-valid in the answered message's release."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from sivi_verzuim import Finding, MessageType, Release, Severity, parse, serialize, validate
from sivi_verzuim.chain import (
    ChainValidator,
    MessageResult,
    RetourConfig,
    Status,
    report_json,
    report_text,
    retourmelding,
)
from sivi_verzuim.chain.testing import absence_message
from sivi_verzuim.model import AbsenceMessage

REPO = Path(__file__).resolve().parents[1]
NOW = dt.datetime(2024, 9, 30, 10, 15, 30, 123456)


def example(release: Release, n: int) -> Path:
    names = {1: "01-ziekmelding", 2: "02-gedeeltelijk-herstel", 3: "03-volledig-herstel"}
    return REPO / "examples" / release.value / f"VZ-{release.value}-{names[n]}.xml"


@pytest.mark.parametrize("release", list(Release))
def test_answers_are_schema_valid_in_every_release(release: Release) -> None:
    v = ChainValidator()
    accepted = v.process(parse(example(release, 1)))
    skipped = v.process(parse(example(release, 3)))  # report 3 after 1: waits for 2
    assert skipped.status is Status.PENDING
    with pytest.raises(ValueError, match="no final result"):
        retourmelding(skipped, now=NOW)
    filler = v.process(parse(example(release, 2)))
    assert filler.status is Status.ACCEPTED  # fills the gap; report 3 follows
    assert filler.resolved[0].status is Status.ACCEPTED
    duplicate = v.process(parse(example(release, 1)))
    assert duplicate.status is Status.DUPLICATE
    for result, kind in ((accepted, "02"), (duplicate, "02")):
        answer = retourmelding(result, now=NOW)
        assert answer.release is release and answer.message_type is MessageType.RETOURMELDING
        data = serialize(answer)
        assert not validate(data)
        br = answer.document.br_alg
        assert br.berrefnr_ingzndn_ber == result.reference
        assert str(getattr(br.srt_retmldng_cd, "value", br.srt_retmldng_cd)) == kind
        assert answer.header.sender == "ARBODIENST-MIDDEN"
        assert answer.header.receiver == "HR-SALARISPAKKET-01"
        assert answer.header.date == NOW.date() and answer.header.time == dt.time(10, 15, 30)
        assert (answer.header.software is None) is (release is Release.R2017)


@pytest.mark.parametrize(
    "release", [Release.R2017, Release.R2021, Release.R2022, Release.R2024, Release.R2026]
)
def test_rejections_are_explained(release: Release) -> None:
    v = ChainValidator()
    r = v.process(parse(example(release, 2)))  # a partial recovery of an unknown case
    assert r.status is Status.REJECTED
    answer = retourmelding(r, now=NOW)
    assert not validate(serialize(answer))
    errors = answer.document.foutmldng
    assert len(errors) == 2
    texts = [e.toelchtng for e in errors]
    assert texts[0].startswith("[chain.unknown-employee]")
    assert "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]" in texts[0]
    assert all(str(getattr(e.srt_fout_cd, "value", e.srt_fout_cd)) == "99" for e in errors)
    kind = answer.document.br_alg.srt_retmldng_cd
    assert str(getattr(kind, "value", kind)) == "03"
    consequence = v.process(parse(example(release, 3)))
    assert consequence.status is Status.CONSEQUENTIAL
    answer = retourmelding(consequence, now=NOW)
    assert not validate(serialize(answer))
    assert answer.document.foutmldng[0].toelchtng.startswith("[chain.consequential]")


def test_error_type_mapping_and_fallback() -> None:
    config = RetourConfig(
        error_types={"chain.": "01", "chain.unknown-employee": "04"},
        default_error_type="06",
    )
    assert config.error_type("chain.overlap", Release.R2024) == "01"
    assert config.error_type("chain.unknown-employee", Release.R2022) == "04"
    assert config.error_type("chain.unknown-employee", Release.R2024) == "99"  # 04 gone in 2024
    assert config.error_type("xsd.pattern", Release.R2024) == "06"
    v = ChainValidator()
    r = v.process(
        absence_message("C1", 2, "02", mutation_date=dt.date(2024, 3, 1), release=Release.R2022)
    )
    answer = retourmelding(r, config=config, now=NOW)
    assert not validate(serialize(answer))
    codes = [str(getattr(e.srt_fout_cd, "value", e.srt_fout_cd)) for e in answer.document.foutmldng]
    assert codes == ["04", "01"]


def test_config_checks_codes() -> None:
    with pytest.raises(ValueError):
        RetourConfig(processed="07")
    with pytest.raises(ValueError):
        RetourConfig(error_types={"chain.overlap": "42"})
    with pytest.raises(ValueError):
        RetourConfig(fallback_error_type="02")  # not in 2024+
    with pytest.raises(ValueError):
        RetourConfig(software="x" * 36)
    r = ChainValidator().process(absence_message("C1", 1, mutation_date=dt.date(2024, 3, 1)))
    with pytest.raises(ValueError, match="does not exist in release"):
        retourmelding(r, config=RetourConfig(processed="01"), now=NOW)
    old = ChainValidator().process(
        absence_message("C1", 1, mutation_date=dt.date(2021, 3, 1), release=Release.R2021)
    )
    answer = retourmelding(old, config=RetourConfig(processed="01", sender_id="ME"), now=NOW)
    assert answer.header.sender == "ME" and not validate(serialize(answer))


def test_warnings_long_texts_and_unknown_release() -> None:
    v = ChainValidator()
    v.process(absence_message("C1", 1, mutation_date=dt.date(2024, 3, 1)))
    ending = absence_message(
        "C1",
        2,
        "02",
        mutation_date=dt.date(2024, 3, 9),
        first_absence_date=dt.date(2024, 3, 1),
        percentage="0.00",
        ended=True,
        reference="R" * 500,
    )
    r = v.process(ending)
    assert r.status is Status.ACCEPTED and r.all_findings  # a warning: no recovery date
    assert retourmelding(r, now=NOW).document.foutmldng == []
    answer = retourmelding(r, config=RetourConfig(include_warnings=True), now=NOW)
    (error,) = answer.document.foutmldng
    assert error.toelchtng.startswith("[chain.end-without-recovery-date]")
    assert len(answer.header.reference or "") <= 512
    assert not validate(serialize(answer))
    model: AbsenceMessage = absence_message("C9", 1, mutation_date=dt.date(2024, 3, 1))
    # a model without a known version code has no release: the caller names it
    anonymous = attrs.evolve(model, header=attrs.evolve(model.header, message_version_code="99999"))
    r = ChainValidator().process(anonymous)
    assert r.release is None
    with pytest.raises(ValueError, match="release"):
        retourmelding(r, now=NOW)
    answer = retourmelding(r, now=NOW, release=Release.R2025)
    assert answer.release is Release.R2025 and not validate(serialize(answer))
    assert retourmelding(r, release=Release.R2025).header.date is not None


def test_files_that_did_not_reach_the_validator(tmp_path: Path) -> None:
    file = str(tmp_path / "inbox" / "VZ-1.xml")
    finding = Finding(
        "xml.malformed",
        Severity.ERROR,
        f"cannot parse {file}: premature end of data",
        file=file,
    )
    header = {"reference": "VZ-1", "sender": "HR", "recipient": "ARBO", "test": True}
    unreadable = MessageResult.detached(
        Status.UNREADABLE, file, (finding,), release=Release.R2024, **header
    )
    assert unreadable.status is Status.UNREADABLE and unreadable.status.answered
    answer = retourmelding(unreadable, now=NOW)
    data = serialize(answer)
    assert not validate(data)
    assert str(tmp_path).encode() not in data
    (error,) = answer.document.foutmldng
    assert error.toelchtng == "[xml.malformed] cannot parse VZ-1.xml: premature end of data"
    kind = answer.document.br_alg.srt_retmldng_cd
    assert str(getattr(kind, "value", kind)) == "03"
    assert (answer.header.sender, answer.header.receiver, answer.header.test) == (
        "ARBO",
        "HR",
        True,
    )
    skipped = MessageResult.skipped(file, (finding,))
    assert skipped.status.final and not skipped.status.answered
    with pytest.raises(ValueError, match="not answered"):
        retourmelding(skipped, now=NOW)
    assert skipped.to_dict()["status"] == "skipped"


def test_personal_data_is_masked_unless_asked() -> None:
    source = example(Release.R2022, 1).read_text(encoding="utf-8")
    start = source.index("<Gebdat>") + len("<Gebdat>")
    bad = source[:start] + "1990-13-45" + source[source.index("</Gebdat>") :]
    result = ChainValidator().process(parse(bad, strict=False))
    assert result.status is Status.REJECTED
    masked = serialize(retourmelding(result, now=NOW))
    assert b"1990-13-45" not in masked and b"masked: 10 characters" in masked
    shown = serialize(retourmelding(result, now=NOW, show_personal_data=True))
    assert b"1990-13-45" in shown
    assert "1990-13-45" not in report_text([result])
    assert "1990-13-45" not in str(report_json([result]))
    assert "1990-13-45" in report_text([result], show_personal_data=True)
    assert "1990-13-45" in str(report_json([result], show_personal_data=True))
