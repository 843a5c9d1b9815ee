"""requirements(): what a message type needs in a release."""

from __future__ import annotations

import pytest

from sivi_verzuim import ConversionError, MessageType, Release, requirements

PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


@pytest.mark.parametrize(("mt", "release"), PAIRS, ids=lambda v: str(v))
def test_every_pair_has_a_header_and_unique_paths(mt: MessageType, release: Release) -> None:
    reqs = requirements(mt, release)
    paths = [r.path for r in reqs]
    assert len(paths) == len(set(paths))
    assert all(p.startswith(f"/{mt.root}/") for p in paths)
    by_tag = {r.path.rsplit("/", 1)[1]: r for r in reqs if r.path.count("/") == 3}
    assert by_tag["BrCd"].required
    assert by_tag["Berrefnr"].max_length == 512


def test_what_a_verzuimmelding_needs() -> None:
    for release in (Release.R2021, Release.R2025):
        reqs = {r.field: r for r in requirements(MessageType.VERZUIMMELDINGEN, release)}
        name = reqs["employers[].employees[].name_preference"]
        assert name.required
        assert name.tag == "NmvrkrCd"
        assert name.path == "/Verzuimmeldingen/Wrkgvr/Wrknmr/NmvrkrCd"
        assert name.type == "NamePreference"
        assert ("01", "CODE_01") in name.codes
        contact = reqs[
            "employers[].employees[].employments[].absence_mutations[].contact_persons[]"
        ]
        assert contact.required
        assert contact.type == "ContactPerson"
        percentage = reqs[
            "employers[].employees[].employments[].absence_mutations[].absence_percentage"
        ]
        assert percentage.fraction_digits == 2
        bsn = reqs["employers[].employees[].citizen_service_number"]
        assert not bsn.required
        assert bsn.total_digits == 9
        gender = reqs["employers[].employees[].gender"]
        assert dict(gender.codes) == {"M": "MALE", "V": "FEMALE", "O": "UNKNOWN"}
        assert reqs["header.test_message"].codes == ()  # a J/N flag is a bool
        assert reqs["employers[]"].max_occurs is None or reqs["employers[]"].max_occurs >= 1


def test_fields_of_another_release_are_absent() -> None:
    old = {r.field for r in requirements(MessageType.VERZUIMMELDINGEN, Release.R2021)}
    new = {r.field for r in requirements(MessageType.VERZUIMMELDINGEN, Release.R2025)}
    dispute = "employers[].employees[].employments[].absence_mutations[].labour_dispute"
    assert dispute in new
    assert dispute not in old


def test_the_writing_face_of_a_reconstructed_release() -> None:
    # Gender O is only read in 2017 and 2020 (split point S3): not offered for writing
    reqs = {r.field: r for r in requirements(MessageType.VERZUIMMELDINGEN, Release.R2017)}
    assert "O" not in dict(reqs["employers[].employees[].gender"].codes)


def test_bad_arguments() -> None:
    with pytest.raises(ConversionError, match="does not exist"):
        requirements(MessageType.MEDISCHE_KAART, Release.R2017)
    with pytest.raises(ConversionError):
        requirements("Verzuimmeldingen", Release.R2025)  # type: ignore[arg-type]
