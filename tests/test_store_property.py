"""Property-based tests: a validator on a state store (in memory, or SQLite) gives the same
results and the same exported state as the in-memory validator, on valid and broken chains,
with holding, resuming, classification, repairs, restarts and an emptied cache; and a message
delivered again gets its original result."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim.chain import (
    ChainValidator,
    MemoryStore,
    MessageResult,
    SqliteStore,
    Status,
    import_state,
    in_processing_order,
)
from sivi_verzuim.chain.testing import broken_chains, chains
from sivi_verzuim.classification import DEFAULT_DECISION_TABLE, DecisionTable


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def runs(draw: st.DrawFn) -> tuple[Any, int | None, int | None, DecisionTable | None, bool]:
    chain = draw(st.one_of(chains(as_model=True, baseline=None), broken_chains(as_model=True)))
    n = len(chain.messages)
    hold = draw(st.none() | st.integers(0, n))
    restart = draw(st.none() | st.integers(0, n))
    table = draw(st.sampled_from([None, DEFAULT_DECISION_TABLE]))
    reset = draw(st.booleans())
    return chain, hold, restart, table, reset


class Opener:
    """Makes validators of one kind: in memory, on a MemoryStore, on an SqliteStore."""

    def __init__(self, kind: str, directory: Path, cache_limit: int) -> None:
        self.kind = kind
        self.cache_limit = cache_limit
        self.memory = MemoryStore()
        self.path = directory / "chain.db"
        self.sqlite: SqliteStore | None = None

    def new(self, **kwargs: Any) -> ChainValidator:
        if self.kind == "memory":
            return ChainValidator(**kwargs)
        return ChainValidator(store=self.store(), cache_limit=self.cache_limit, **kwargs)

    def store(self) -> Any:
        if self.kind == "memory-store":
            return self.memory
        if self.sqlite is None:
            self.sqlite = SqliteStore(self.path)
        return self.sqlite

    def restart(self, validator: ChainValidator, table: DecisionTable | None) -> ChainValidator:
        """A new process: the state read back (in memory: through save and restore)."""
        if self.kind == "memory":
            document = json.loads(json.dumps(validator.save()))
            return ChainValidator.restore(document, decision_table=table)
        if self.sqlite is not None:
            self.sqlite.close()
            self.sqlite = None
        return ChainValidator(
            store=self.store(), cache_limit=self.cache_limit, decision_table=table
        )

    def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()


def process(
    opener: Opener, run: tuple[Any, int | None, int | None, DecisionTable | None, bool]
) -> tuple[list[MessageResult], str, list[Any]]:
    chain, hold, restart, table, reset = run
    authorized = getattr(chain, "authorized", None)
    v = opener.new(baseline=chain.baseline, authorized=authorized, decision_table=table)
    results: list[MessageResult] = []
    views: list[Any] = []
    for i, message in enumerate(chain.messages):
        if i == restart:
            v = opener.restart(v, table)
        if i == hold:
            v.hold()
        results.append(v.process(message))
        views.append((v.queued(), v.waiting(), v.held))
    if v.held:
        results += v.resume()
    if reset:
        for case in v.cases():
            if case.broken is not None:
                results += v.reset_case(
                    case.employer_id, case.connection_number, case.case_id, forget=True
                )
    views.append([(c.case_id, c.status, c.broken) for c in v.cases()])
    views.append(v.waiting())
    return results, json.dumps(v.save(), sort_keys=True), views


def report(results: list[MessageResult]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in in_processing_order(results)]


@pytest.mark.parametrize(
    ("kind", "cache_limit"),
    [("memory-store", 100_000), ("memory-store", 0), ("sqlite", 100_000), ("sqlite", 0)],
)
@examples(60)
@given(run=runs())
def test_a_store_gives_the_results_and_state_of_the_in_memory_validator(
    kind: str, cache_limit: int, run: Any
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        memory = Opener("memory", Path(tmp), cache_limit)
        stored = Opener(kind, Path(tmp), cache_limit)
        try:
            expected, expected_state, expected_views = process(memory, run)
            got, got_state, got_views = process(stored, run)
        finally:
            stored.close()
    assert got == expected
    assert report(got) == report(expected)
    assert got_views == expected_views
    assert got_state == expected_state


@examples(40)
@given(run=runs())
def test_export_and_import_round_trip(run: Any) -> None:
    """state export -> import -> export gives the same document, and the in-memory
    validator restored from it continues identically to the store."""
    with tempfile.TemporaryDirectory() as tmp:
        memory = Opener("memory", Path(tmp), 100_000)
        _, state, _ = process(memory, run)
        document = json.loads(state)
        with SqliteStore(Path(tmp) / "imported.db") as store:
            import_state(store, document)
            assert json.dumps(store.export(), sort_keys=True) == state
            target = Path(tmp) / "export.json"
            with open(target, "w", encoding="utf-8") as f:
                store.export_to(f)
            assert json.loads(target.read_text(encoding="utf-8")) == document
        other = MemoryStore()
        import_state(other, document)
        assert json.dumps(other.export(), sort_keys=True) == state


@pytest.mark.parametrize("kind", ["memory-store", "sqlite"])
@examples(30)
@given(chain=st.one_of(chains(as_model=True, baseline=None), broken_chains(as_model=True)))
def test_a_message_delivered_again_gets_its_original_result(kind: str, chain: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        opener = Opener(kind, Path(tmp), 100_000)
        try:
            v = opener.new(baseline=chain.baseline, authorized=getattr(chain, "authorized", None))
            first = [v.process(m) for m in chain.messages]
            latest = {r.index: r for r in in_processing_order(first)}
            before = v.save()
            for i, message in enumerate(chain.messages):
                again = v.process(message)
                original = latest[first[i].index]
                assert again.status is original.status
                assert again.mutations == original.mutations
                assert again.findings[0].code == "chain.redelivered"
                assert again.findings[1:] == original.findings
                assert again.index == before["next_index"] + i
            after = v.save()
            assert after == {**before, "next_index": before["next_index"] + len(chain.messages)}
        finally:
            opener.close()


@examples(20)
@given(chain=chains(as_model=True, baseline=None))
def test_holding_twice_queues_once(chain: Any) -> None:
    v = ChainValidator(store=MemoryStore(), hold=True, baseline=chain.baseline)
    for message in chain.messages:
        assert v.process(message).status is Status.HELD
    for message in chain.messages:
        again = v.process(message)
        assert again.status is Status.HELD
        assert again.findings[0].code == "chain.redelivered"
    assert len(v.queued()) == len(chain.messages)
    results = v.resume()
    assert [r.status for r in results] == [Status.ACCEPTED] * len(chain.messages)
