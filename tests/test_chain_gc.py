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
from sivi_verzuim.chain._state import HISTORY, SEQ, SETTLE_EVERY, CaseTable
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
        # per employee its summary (its case ids are an untracked dict of strings), per
        # employer a dict of cases and one of employees; the rest is the validator itself
        assert added <= people + 2 * employers + 2, (added, len(cases))
        for employees in validator._persons.values():
            for person in employees.values():
                assert not gc.is_tracked(person.cases)
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


def test_a_large_state_is_settled_in_a_dict_the_collector_does_not_track() -> None:
    """The case records leave the small dict the collector scans for one it never tracks,
    which stays untracked however many cases are put in it."""
    validator = ChainValidator()
    day = MARCH_1
    for n in range(3 * SETTLE_EVERY):
        assert validator.process(sick(f"C{n}", day, employee=f"E{n}")).status is Status.ACCEPTED
        if n % 100 == 0:
            # what a program's own allocations trigger now and then: a record is untracked
            # by the second collection that sees it (the first untracks its history)
            gc.collect(0)
            gc.collect(1)
    (table,) = validator._emps.values()
    assert len(table.settled) >= 2 * SETTLE_EVERY
    assert len(table.recent) <= SETTLE_EVERY
    assert not gc.is_tracked(table.settled)
    for n in range(3 * SETTLE_EVERY):
        later = day + dt.timedelta(days=3)
        assert validator.process(end(f"C{n}", 2, later, first=day, employee=f"E{n}")).status is (
            Status.ACCEPTED
        )
        if n % 100 == 0:
            gc.collect(0)
            gc.collect(1)
    assert not gc.is_tracked(table.settled)  # only untracked records were put in it
    assert len(table) == 3 * SETTLE_EVERY
    views = validator.cases()
    assert len(views) == 3 * SETTLE_EVERY
    assert all(v.end_date == day + dt.timedelta(days=3) for v in views)


def test_the_case_table_is_a_mapping_with_the_newest_record_of_each_case() -> None:
    table = CaseTable()
    old, new = ("old",), ("new",)
    table.settled["C1"] = old  # an older record that was settled
    table["C1"] = new
    table["C2"] = old
    assert table.get("C1") is new and table["C1"] is new and table.get("C3") is None
    assert "C1" in table and "C3" not in table and len(table) == 2
    assert sorted(table.items()) == [("C1", new), ("C2", old)] and sorted(table) == ["C1", "C2"]
    del table["C1"]
    assert table.get("C1") is None and "C1" not in table.settled and len(table) == 1
    assert table.pop("C2") is old and table.pop("C2", "gone") == "gone"
    try:
        del table["C2"]
    except KeyError:
        pass
    else:
        raise AssertionError("deleting a missing case must raise KeyError")


def test_settling_costs_each_put_o1_even_with_the_collector_disabled() -> None:
    """While nothing is untracked, a settle moves nothing; the next waits as many puts as
    records stayed, so the work stays linear in the puts."""
    settles = 0

    class Counting(CaseTable):
        def settle(self) -> None:
            nonlocal settles
            settles += 1
            super().settle()

    table = Counting()
    gc.disable()
    try:
        for n in range(20 * SETTLE_EVERY):
            table[f"C{n}"] = (n, [n])  # a tuple the collector keeps tracking
    finally:
        gc.enable()
    assert len(table.recent) == 20 * SETTLE_EVERY and not table.settled
    assert settles <= 6  # 1, 2, 4, 8, 16 x SETTLE_EVERY: doubling, not one per put
