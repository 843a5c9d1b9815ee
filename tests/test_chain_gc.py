"""What the chain validator's state costs the cyclic garbage collector: it keeps no message
objects, its case records and their histories are tuples of plain values the collector
untracks, and it holds two tracked objects per employee (the summary and its list of case
ids) and none per case, whatever the number of cases and reports."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

from chain_builders import MARCH_1, change, end, sick
from hypothesis import HealthCheck, given, settings

from sivi_verzuim import parse, serialize, to_model
from sivi_verzuim.chain import ChainValidator, Status
from sivi_verzuim.chain._state import HISTORY, SEQ
from sivi_verzuim.chain._state import reports as reports_of
from sivi_verzuim.chain.testing import Chain, chains
from sivi_verzuim.model import AbsenceMessage, AbsenceMutation


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))


def collect() -> None:
    """Full collections until nothing more is untracked (a tuple is untracked once what it
    holds is: a linked history may take a collection per link seen in the wrong order)."""
    count = -1
    for _ in range(100):
        gc.collect()
        now = len(gc.get_objects())
        if now == count:
            return
        count = now


def tracked() -> int:
    collect()
    return len(gc.get_objects())


def kinds_alive(*kinds: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kinds))


def run(chain: Chain, parsed: bool) -> tuple[ChainValidator, int]:
    """A fresh validator that processed the chain; (validator, tracked objects it added)."""
    kinds = (AbsenceMessage, AbsenceMutation, *{type(m.document) for m in chain.messages})
    alive = kinds_alive(*kinds)  # the chain itself holds its messages
    messages: list[Any] = (
        [parse(serialize(m)) for m in chain.messages]
        if parsed
        else [to_model(m) for m in chain.messages]
    )
    warm = ChainValidator(baseline=chain.baseline)  # the caches every validator shares
    for message in messages:
        warm.process(message)
    del warm
    validator = ChainValidator(baseline=chain.baseline)
    before = tracked()
    for message in messages:
        assert validator.process(message).status is Status.ACCEPTED
    del messages, message
    added = tracked() - before
    assert kinds_alive(*kinds) == alive
    return validator, added


@examples(4)
@given(chains(employees=4, max_cases=4, baseline=None))
def test_the_state_keeps_no_message_and_no_tracked_object_per_case(chain: Chain) -> None:
    for parsed in (False, True):
        validator, added = run(chain, parsed)
        cases = validator._all_cases()
        people = sum(len(p) for p in validator._persons.values())
        employers = len(validator._emps)
        # per employee its summary and its list of case ids, per employer a dict of cases and
        # one of employees; the rest is the validator itself
        assert added <= 2 * people + 2 * employers + 2, (added, len(cases))
        for _, case in cases:
            assert type(case) is tuple
            assert not gc.is_tracked(case)  # plain values: untracked by collections
            assert not gc.is_tracked(case[HISTORY])


def test_many_cases_add_no_tracked_objects() -> None:
    """A thousand cases of one employee cost the collector what one case does."""
    validator = ChainValidator()
    day = MARCH_1
    messages = []
    for n in range(1000):
        messages.append(sick(f"C{n}", day))
        messages.append(end(f"C{n}", 2, day + dt.timedelta(days=1), first=day))
        day += dt.timedelta(days=60)
    assert validator.process(messages[0]).status is Status.ACCEPTED
    assert validator.process(messages[1]).status is Status.ACCEPTED
    first = tracked()
    for message in messages[2:]:
        assert validator.process(message).status is Status.ACCEPTED
    del messages, message
    assert len(validator._all_cases()) == 1000
    assert tracked() - first <= 2 * 999  # the dates the state keeps one of each


def test_more_reports_add_no_tracked_objects() -> None:
    """The reports of a case are kept as untracked tuples: a long case costs the collector
    what a short one does."""
    short = ChainValidator()
    long = ChainValidator()
    for validator in (short, long):
        assert validator.process(sick("C1", MARCH_1)).status is Status.ACCEPTED
    first = tracked()
    reports = [
        change("C1", seq, MARCH_1 + dt.timedelta(days=seq), f"{100 - seq}.00")
        for seq in range(2, 90)
    ]
    for message in reports:
        assert long.process(message).status is Status.ACCEPTED
    del reports, message
    ((_, case),) = long._all_cases()
    assert case[SEQ] == 89
    assert len(reports_of(case)) == 89
    assert tracked() - first <= 2  # the dates and percentages the state keeps one of each
