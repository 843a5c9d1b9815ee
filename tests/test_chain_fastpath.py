"""``ChainValidator.process(Message)`` reads a Verzuimmeldingen of the common shape straight
from its bound document: the results, findings, events and state are those of the same
messages processed as domain models, in every release."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim import Message, MessageType, from_model, parse, serialize, to_model
from sivi_verzuim.chain import ChainValidator, MessageResult
from sivi_verzuim.chain._state import Mut
from sivi_verzuim.chain.testing import broken_chains, chains
from sivi_verzuim.classification import DEFAULT_DECISION_TABLE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RELEASES = list(MessageType.VERZUIMMELDINGEN.releases)


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))


def outcome(result: MessageResult) -> dict[str, Any]:
    """Everything a caller can read of a result (and of the results it resolved)."""
    return {
        "data": result.to_dict(show_personal_data=True),
        "status": result.status,
        "header": (
            result.index,
            result.reference,
            result.file,
            result.release,
            result.sender,
            result.recipient,
            result.test,
        ),
        "findings": result.findings,
        "mutations": [
            (r, r.findings, r.events, r.linked_case, r.root, r.kind, r.path)
            for r in result.mutations
        ],
        "resolved": [outcome(r) for r in result.resolved],
    }


def both_ways(messages: list[Message], **kwargs: Any) -> tuple[ChainValidator, ChainValidator]:
    """Process the messages as they are and as their models; assert the same outcome."""
    direct = ChainValidator(**kwargs)
    modelled = ChainValidator(**kwargs)
    for message in messages:
        model = to_model(message)
        ours = direct.process(message)
        theirs = modelled.process(model, file=message.file)
        assert outcome(ours) == outcome(theirs)
    assert json.dumps(direct.save(), sort_keys=True, default=str) == json.dumps(
        modelled.save(), sort_keys=True, default=str
    )
    assert direct.cases() == modelled.cases()
    assert direct.waiting() == modelled.waiting()
    return direct, modelled


def parsed(messages: tuple[Any, ...]) -> list[Message]:
    return [parse(serialize(m)) for m in messages]


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.value)
@examples(8)
@given(data=st.data())
def test_valid_chains_read_directly_equal_the_model_path(release: Any, data: Any) -> None:
    chain = data.draw(chains(release, employees=3, max_cases=3, baseline=None))
    both_ways(parsed(chain.messages))


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.value)
@examples(8)
@given(data=st.data())
def test_broken_chains_read_directly_equal_the_model_path(release: Any, data: Any) -> None:
    chain = data.draw(broken_chains(release=release))
    both_ways(parsed(chain.messages), authorized=chain.authorized, baseline=chain.baseline)


@examples(10)
@given(chains(employees=2, max_cases=2, baseline=None))
def test_events_off_and_a_decision_table_equal_the_model_path(chain: Any) -> None:
    messages = parsed(chain.messages)
    both_ways(messages, events=False)
    both_ways(messages, decision_table=DEFAULT_DECISION_TABLE)


@examples(3)
@given(chains(employees=1, max_cases=1, baseline=None))
def test_the_common_shape_is_read_from_the_bound_document(chain: Any) -> None:
    message = parsed(chain.messages[:1])[0]
    result = ChainValidator().process(message)
    assert type(result.mutations[0]._item[3]) is Mut
    # with a decision table the model is read (the table classifies model objects)
    result = ChainValidator(decision_table=DEFAULT_DECISION_TABLE).process(message)
    assert type(result.mutations[0]._item[3]) is not Mut


@examples(5)
@given(chains(employees=1, max_cases=1, baseline=None))
def test_several_mutations_take_the_model_path_with_the_same_outcome(chain: Any) -> None:
    first = to_model(parsed(chain.messages[:1])[0])
    employer = first.employers[0]
    employment = employer.employees[0].employments[0]
    mutation = employment.absence_mutations[0]
    second = attrs.evolve(mutation, absence_case_id=mutation.absence_case_id + "-B")
    twice = attrs.evolve(
        first,
        employers=(
            attrs.evolve(
                employer,
                employees=(
                    attrs.evolve(
                        employer.employees[0],
                        employments=(
                            attrs.evolve(employment, absence_mutations=(mutation, second)),
                        ),
                    ),
                ),
            ),
        ),
    )
    message = parse(serialize(from_model(twice, chain.release)))
    both_ways([message])
    result = ChainValidator().process(message)
    assert [type(r._item[3]) is Mut for r in result.mutations] == [False, False]


def verzuimmeldingen_examples() -> list[Path]:
    out = []
    for path in sorted(EXAMPLES.glob("*/*.xml")):
        if b"<Verzuimmeldingen" in path.read_bytes()[:2000]:
            out.append(path)
    return out


def test_the_shipped_examples_equal_the_model_path() -> None:
    paths = verzuimmeldingen_examples()
    assert paths
    for path in paths:
        message = parse(path)
        assert message.message_type is MessageType.VERZUIMMELDINGEN
        both_ways([message])
