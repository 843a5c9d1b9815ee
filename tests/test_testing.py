"""sivi_verzuim.testing: strategies that downstream suites import."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sivi_verzuim import MessageType, Release, from_model, parse, serialize, validate
from sivi_verzuim.model import (
    MODEL_CLASSES,
    AbsenceMessage,
    MedicalRecordMessage,
    ReturnMessage,
)
from sivi_verzuim.testing import messages, model_objects, xml_messages

ROOTS = [AbsenceMessage, ReturnMessage]


def test_entry_point_is_declared() -> None:
    names = {ep.value for ep in metadata.entry_points(group="hypothesis")}
    assert "sivi_verzuim._hypothesis_hook:setup" in names


@pytest.mark.parametrize(
    "first_import",
    [
        "from hypothesis import strategies as st",
        "from sivi_verzuim.testing import chains, messages",
    ],
)
def test_from_type_works_in_a_fresh_interpreter(first_import: str) -> None:
    # whichever is imported first, the plugin hook must not trip over a half-imported module
    code = (
        f"{first_import}\n"
        "from hypothesis import strategies as st\n"
        "from sivi_verzuim.model import AbsenceMutation\n"
        "print(type(st.from_type(AbsenceMutation).example()).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "AbsenceMutation"


@pytest.mark.parametrize(
    "cls", sorted(set(MODEL_CLASSES.values()), key=lambda c: c.__name__), ids=lambda c: c.__name__
)
def test_from_type_gives_valid_objects_of_every_model_class(cls: type) -> None:
    @settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_type(cls))
    def check(obj: object) -> None:
        assert type(obj) is cls  # attrs validators ran in the constructor

    check()


@pytest.mark.parametrize("release", list(Release), ids=str)
@pytest.mark.parametrize("root", ROOTS, ids=lambda c: c.__name__)
def test_model_objects_convert_back_in_their_release(root: type, release: Release) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(model_objects(root, release))
    def check(model: object) -> None:
        message = from_model(model, release)
        assert parse(serialize(message)).release is release

    check()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(xml_messages())
def test_xml_messages_of_any_release_and_type_are_valid(data: bytes) -> None:
    assert data.startswith(b"<?xml")
    assert validate(data) == []
    root = etree.fromstring(data)
    assert etree.QName(root).namespace.startswith("http://www.sivi.org/Verzuimmanagement/")


def test_messages_reject_a_pair_that_does_not_exist() -> None:
    with pytest.raises(ValueError):
        messages(Release.R2024, MessageType.DOCUMENTEN)
    with pytest.raises(ValueError):
        model_objects(MedicalRecordMessage, Release.R2017)  # MedischeKaart starts in 2024


def test_generated_absence_mutations_shrink_to_small_examples() -> None:
    from hypothesis import find

    from sivi_verzuim._bindings.r2021.verzuimmeldingen import Verzuim
    from sivi_verzuim.testing import documents

    found = find(
        documents(Verzuim),
        lambda v: v.vrzmgvl_vnr_mld > 5 and v.prc_vrzm != "0.00",
        settings=settings(max_examples=300, deadline=None, database=None),
    )
    # minimal: the sequence number just over the bound, every optional element left out
    assert found.vrzmgvl_vnr_mld == 6
    assert found.prc_vrzm == "0.01"
    assert found.dat_hrstld is None and found.actie == [] and found.vr_tkst == []
    assert len(found.cntprsn) == 1 and found.cntprsn[0].com[0].nr_com == "Jansen"


def test_chain_strategies_are_exported_and_judged_as_documented() -> None:
    from sivi_verzuim.chain import ChainValidator, Status
    from sivi_verzuim.testing import DEFECTS, broken_chains, chains

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(chains(), broken_chains())
    def check(chain, broken) -> None:  # type: ignore[no-untyped-def]
        validator = ChainValidator(baseline=chain.baseline)
        assert all(validator.process(m).status is Status.ACCEPTED for m in chain.messages)
        validator = ChainValidator(baseline=broken.baseline, authorized=broken.authorized)
        results = [validator.process(m) for m in broken.messages]
        codes = {f.code for r in results for mu in r.mutations for f in mu.findings}
        assert broken.code in codes
        assert DEFECTS[broken.defect] == broken.code

    check()
