"""Property-based tests: valid chains are accepted, injected defects are found with their
cascade, and saving/restoring the state in the middle changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim import Release, parse, serialize
from sivi_verzuim.chain import (
    ChainValidator,
    MessageResult,
    Status,
    in_processing_order,
)
from sivi_verzuim.chain.testing import DEFECTS, BrokenChain, Chain, broken_chains, chains
from sivi_verzuim.classification import DEFAULT_DECISION_TABLE, DecisionTable


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))


def final_results(results: list[MessageResult]) -> dict[int, MessageResult]:
    return {r.index: r for r in in_processing_order(results)}


@examples(150)
@given(chains(as_model=True, baseline=None))
def test_valid_chains_are_accepted(chain: Chain) -> None:
    validator = ChainValidator(baseline=chain.baseline)
    for message in chain.messages:
        result = validator.process(message)
        assert result.status is Status.ACCEPTED, [str(f) for f in result.all_findings]
        assert all(f.code == "chain.compound-absence" for f in result.all_findings)
    assert validator.waiting() == ()


@pytest.mark.parametrize("release", list(Release))
@examples(6)
@given(data=st.data())
def test_valid_chains_are_accepted_in_every_release(release: Release, data: Any) -> None:
    chain = data.draw(chains(release, employees=2, max_cases=2, baseline=None))
    validator = ChainValidator(baseline=chain.baseline)
    for message in chain.messages:
        assert message.release is release
        parsed = parse(serialize(message))  # schema-valid on the way out and in
        result = validator.process(parsed)
        assert result.status is Status.ACCEPTED, [str(f) for f in result.all_findings]
        assert result.release is release


def check_broken(chain: BrokenChain, results: list[MessageResult]) -> None:
    final = final_results(results)
    root = final[chain.root]
    found = [f.code for f in root.all_findings]
    assert root.status is chain.status, (chain.defect, root.status, found)
    assert chain.code in found, (chain.defect, found)
    expected_later = Status.CONSEQUENTIAL if chain.status is Status.REJECTED else Status.PENDING
    for i in chain.later:
        assert final[i].status is expected_later, (chain.defect, i, final[i].status)
        if expected_later is Status.CONSEQUENTIAL:
            (m,) = final[i].mutations
            assert m.findings[0].code == "chain.consequential"
            assert m.root is not None and m.root in root.all_findings
    for i, r in final.items():
        if i != chain.root and i not in chain.later:
            assert r.status.processed, (chain.defect, i, r.status)


@pytest.mark.parametrize("defect", list(DEFECTS))
@examples(12)
@given(data=st.data())
def test_each_defect_is_found_with_its_cascade(defect: str, data: Any) -> None:
    chain = data.draw(broken_chains(defect, as_model=True))
    validator = ChainValidator(baseline=chain.baseline, authorized=chain.authorized)
    check_broken(chain, validator.process_all(chain.messages))


@examples(10)
@given(broken_chains(employees=1))
def test_defects_in_parsed_messages(chain: BrokenChain) -> None:
    validator = ChainValidator(baseline=chain.baseline, authorized=chain.authorized)
    check_broken(chain, [validator.process(parse(serialize(m))) for m in chain.messages])


def test_unknown_defect() -> None:
    with pytest.raises(ValueError):
        broken_chains("no-such-defect")


# --------------------------------------------------------------------------- persistence


@st.composite
def runs(draw: st.DrawFn) -> tuple[Any, int, int | None, DecisionTable | None]:
    chain = draw(st.one_of(chains(as_model=True, baseline=None), broken_chains(as_model=True)))
    n = len(chain.messages)
    k = draw(st.integers(0, n))
    hold = draw(st.none() | st.integers(0, n))
    table = draw(st.sampled_from([None, DEFAULT_DECISION_TABLE]))
    return chain, k, hold, table


def process(
    chain: Any, k: int, hold: int | None, table: DecisionTable | None, *, restore: bool
) -> tuple[list[MessageResult], str]:
    authorized = getattr(chain, "authorized", None)
    validator = ChainValidator(baseline=chain.baseline, authorized=authorized, decision_table=table)
    results: list[MessageResult] = []
    for i, message in enumerate(chain.messages):
        if i == k and restore:
            document = json.loads(json.dumps(validator.save()))
            validator = ChainValidator.restore(document, decision_table=table)
        if i == hold:
            validator.hold()
        results.append(validator.process(message))
    if restore and k == len(chain.messages):
        document = json.loads(json.dumps(validator.save()))
        validator = ChainValidator.restore(document, decision_table=table)
    if validator.held:
        results += validator.resume()
    return results, json.dumps(validator.save(), sort_keys=True)


@examples(150)
@given(runs())
def test_save_and_restore_in_the_middle_changes_nothing(
    run: tuple[Any, int, int | None, DecisionTable | None],
) -> None:
    chain, k, hold, table = run
    straight, straight_state = process(chain, k, hold, table, restore=False)
    resumed, resumed_state = process(chain, k, hold, table, restore=True)
    assert resumed == straight
    assert [r.to_dict() for r in in_processing_order(resumed)] == [
        r.to_dict() for r in in_processing_order(straight)
    ]
    assert resumed_state == straight_state
