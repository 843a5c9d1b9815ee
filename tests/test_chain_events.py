"""Change events: what every accepted message changed, with the case before and after."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from chain_builders import change, end
from hypothesis import given, settings

from sivi_verzuim.chain import (
    CaseStatus,
    CaseView,
    ChainValidator,
    ChangeEvent,
    EventKind,
    MessageResult,
    SqliteStore,
    Status,
    in_processing_order,
    report_json,
)
from sivi_verzuim.chain._resultdata import result_from_data, result_to_data
from sivi_verzuim.chain._state import SEQ
from sivi_verzuim.chain.testing import EMPLOYER, absence_message, broken_chains, chains
from sivi_verzuim.model import AbsenceMessage

D = dt.date
MARCH_1 = D(2024, 3, 1)
WG = EMPLOYER


def msg(case: str, seq: int, code: str = "01", **kw: Any) -> AbsenceMessage:
    kw.setdefault("mutation_date", MARCH_1)
    return absence_message(case, seq, code, **kw)


def kinds(result: MessageResult) -> list[EventKind]:
    return [e.kind for e in result.events]


def test_a_case_from_sick_report_to_recovery() -> None:
    v = ChainValidator()
    r = v.process(msg("C1", 1))
    assert kinds(r) == [EventKind.CASE_OPENED]
    (e,) = r.events
    assert e.before is None
    assert (e.employer_id, e.connection_number, e.case_id, e.sequence) == (*WG, "C1", 1)
    assert e.after == v.case(*WG, "C1")
    assert e.after.status is CaseStatus.OPEN and e.after.absence_percentage == Decimal("100.00")

    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    (e,) = r.events
    assert e.kind is EventKind.PERCENTAGE_CHANGED
    assert e.before is not None and e.before.absence_percentage == Decimal("100.00")
    assert e.after.absence_percentage == Decimal("50.00")
    assert r.mutations[0].events == r.events

    # a relapse: accepted (info finding) and an event like any other percentage change
    r = v.process(change("C1", 3, D(2024, 3, 9), "100.00"))
    assert r.status is Status.ACCEPTED
    (e,) = r.events
    assert e.kind is EventKind.PERCENTAGE_CHANGED
    assert e.before is not None and e.before.absence_percentage == Decimal("50.00")
    assert e.after.absence_percentage == Decimal("100.00")

    r = v.process(end("C1", 4, D(2024, 3, 20)))
    (e,) = r.events
    assert e.kind is EventKind.CASE_CLOSED
    assert e.before is not None and e.before.status is CaseStatus.OPEN
    assert e.after.status is CaseStatus.CLOSED and e.after.end_date == D(2024, 3, 20)
    assert e.after == v.case(*WG, "C1")


def test_an_equal_percentage_is_an_update() -> None:
    v = ChainValidator()
    v.process(msg("C1", 1))
    r = v.process(change("C1", 2, D(2024, 3, 5), "100.00"))
    assert r.status is Status.ACCEPTED
    (e,) = r.events
    assert e.kind is EventKind.CASE_UPDATED
    assert e.before is not None and e.before.last_sequence == 1
    assert (e.after.last_sequence, e.after.last_mutation_date) == (2, D(2024, 3, 5))
    assert e.after == v.case(*WG, "C1")


def test_compound_absence_and_a_short_absence_reported_afterwards() -> None:
    v = ChainValidator()
    v.process(msg("C1", 1))
    v.process(end("C1", 2, D(2024, 3, 10)))
    day = D(2024, 3, 20)
    r = v.process(msg("C2", 1, mutation_date=day))
    assert kinds(r) == [EventKind.CASE_OPENED, EventKind.COMPOUND_LINKED]
    assert r.events[1].after.linked_case == "C1"
    v.process(end("C2", 2, D(2024, 3, 25), first=day))
    late = D(2024, 6, 3)
    ended = msg(
        "C3",
        1,
        mutation_date=late,
        ended=True,
        recovery_date=late + dt.timedelta(days=2),
        percentage="0.00",
    )
    r = v.process(ended)
    assert r.status is Status.ACCEPTED, r.all_findings
    assert kinds(r) == [EventKind.CASE_OPENED, EventKind.CASE_CLOSED]


def test_correction_withdrawal_and_sync() -> None:
    v = ChainValidator()
    v.process(msg("C1", 1))
    r = v.process(
        msg(
            "C1",
            2,
            "03",
            mutation_date=D(2024, 3, 2),
            first_absence_date=D(2024, 2, 28),
            previous_first_absence_date=MARCH_1,
        )
    )
    assert r.status is Status.ACCEPTED, r.all_findings
    (e,) = r.events
    assert e.kind is EventKind.CASE_CORRECTED
    assert e.before is not None and e.before.first_absence_date == MARCH_1
    assert e.after.first_absence_date == D(2024, 2, 28)

    r = v.process(
        msg("C1", 3, "04", mutation_date=D(2024, 3, 4), first_absence_date=D(2024, 2, 28))
    )
    assert r.status is Status.ACCEPTED, r.all_findings
    (e,) = r.events
    assert e.kind is EventKind.CASE_WITHDRAWN
    assert e.after.status is CaseStatus.WITHDRAWN

    r = v.process(
        msg("C1", 4, "05", mutation_date=D(2024, 3, 6), first_absence_date=D(2024, 2, 28))
    )
    assert r.status is Status.ACCEPTED, r.all_findings
    (e,) = r.events
    assert e.kind is EventKind.CASE_SYNCED
    assert e.before is not None and e.before.status is CaseStatus.WITHDRAWN
    assert e.after.status is CaseStatus.OPEN

    # a sync of a case the validator does not know: synced, nothing before
    r = v.process(msg("C9", 7, "05", employee="EXT-009"))
    assert r.status is Status.ACCEPTED, r.all_findings
    (e,) = r.events
    assert e.kind is EventKind.CASE_SYNCED and e.before is None


def test_a_correction_that_renames_the_case() -> None:
    v = ChainValidator()
    v.process(msg("C1", 1))
    r = v.process(msg("C1-NEW", 2, "03", mutation_date=D(2024, 3, 2), previous_case_id="C1"))
    assert r.status is Status.ACCEPTED, r.all_findings
    (e,) = r.events
    assert e.kind is EventKind.CASE_CORRECTED
    assert e.case_id == "C1-NEW"
    assert e.before is not None and e.before.case_id == "C1"
    assert e.after.case_id == "C1-NEW"


def test_no_events_for_what_changed_nothing() -> None:
    v = ChainValidator()
    first = v.process(msg("C1", 1))
    assert v.process(msg("C1", 1)).status is Status.DUPLICATE
    assert v.process(msg("C1", 1)).events == ()
    rejected = v.process(change("C1", 3, D(2024, 2, 1), "50.00"))  # a gap: pending
    assert rejected.status is Status.PENDING and rejected.events == ()
    bad = v.process(change("C2", 2, D(2024, 3, 5), "50.00"))  # unknown case
    assert bad.status is Status.REJECTED and bad.events == ()
    assert first.events and ChainValidator(events=False).process(msg("C1", 1)).events == ()


def test_a_rolled_back_message_has_no_events() -> None:
    """A message is atomic: a mutation that passed but whose sibling failed has no event."""
    v = ChainValidator()
    v.process(msg("C1", 1))
    good = change("C1", 2, D(2024, 3, 5), "50.00")
    bad = change("C2", 2, D(2024, 3, 5), "50.00", employee="EXT-002")
    g, b = good.employers[0], bad.employers[0]
    both = attrs.evolve(good, employers=(attrs.evolve(g, employees=g.employees + b.employees),))
    r = v.process(both)
    assert r.status is Status.REJECTED
    assert r.events == ()
    assert all(m.events == () for m in r.mutations)


def test_a_released_message_carries_its_events_where_it_was_accepted() -> None:
    v = ChainValidator()
    v.process(msg("C1", 1))
    waiting = v.process(change("C1", 3, D(2024, 3, 9), "40.00"))
    assert waiting.status is Status.PENDING and waiting.events == ()
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    (released,) = r.resolved
    assert [e.after.absence_percentage for e in r.events] == [Decimal("50.00")]
    assert [e.after.absence_percentage for e in released.events] == [Decimal("40.00")]


def test_the_json_report_with_events() -> None:
    v = ChainValidator()
    results = [v.process(msg("C1", 1)), v.process(change("C1", 2, D(2024, 3, 5), "50.00"))]
    plain = report_json(results)
    assert all("events" not in entry for entry in plain)
    data = report_json(results, events=True)
    json.dumps(data)
    assert [e["kind"] for e in data[1]["events"]] == ["percentage-changed"]
    event = data[1]["events"][0]
    assert event["before"]["absence_percentage"] == "100.00"
    assert event["after"]["absence_percentage"] == "50.00"
    assert event["after"]["status"] == "open"
    assert (event["case_id"], event["sequence"]) == ("C1", 2)


def test_events_survive_the_result_data_form() -> None:
    v = ChainValidator()
    results = [v.process(msg("C1", 1)), v.process(end("C1", 2, D(2024, 3, 5)))]
    for r in results:
        data = json.loads(json.dumps(result_to_data(r)))
        back = result_from_data(data)
        assert back.events == r.events
        # a result kept before events existed has no "change": it reads, with no events
        for m in data["mutations"]:
            del m["change"]
        assert result_from_data(data).events == ()


# --------------------------------------------------------------------------- replay


def replay(events: list[ChangeEvent]) -> dict[tuple[str, str, str], CaseView]:
    """What a receiver's own table of cases holds after applying the events in order."""
    table: dict[tuple[str, str, str], CaseView] = {}
    for e in events:
        if e.before is not None:
            table.pop((e.employer_id, e.connection_number, e.before.case_id), None)
        table[(e.employer_id, e.connection_number, e.case_id)] = e.after
    return table


def view_table(v: ChainValidator) -> dict[tuple[str, str, str], CaseView]:
    return {
        (c.employer_id, c.connection_number, c.case_id): attrs.evolve(c, broken=None)
        for c in v.cases()
        if c.last_sequence is not None or not c.from_baseline
    }


def touched(events: list[ChangeEvent]) -> set[tuple[str, str, str]]:
    return {(e.employer_id, e.connection_number, e.case_id) for e in events}


@settings(max_examples=25, deadline=None)
@given(chain=chains(as_model=True, baseline=None))
def test_replaying_the_events_gives_the_validators_cases(chain: Any) -> None:
    v = ChainValidator()
    results = v.process_all(chain.messages)
    events = [e for r in in_processing_order(results) for e in r.events]
    table = replay(events)
    assert table == {k: c for k, c in view_table(v).items() if k in touched(events)}


@settings(max_examples=25, deadline=None)
@given(chain=broken_chains(as_model=True))
def test_replaying_the_events_of_broken_chains(chain: Any) -> None:
    v = ChainValidator(baseline=chain.baseline, authorized=chain.authorized)
    results = v.process_all(chain.messages)
    events = [e for r in in_processing_order(results) for e in r.events]
    table = replay(events)
    views = view_table(v)
    for key, after in table.items():
        assert views[key] == after


def test_events_are_kept_in_the_sqlite_store_and_replay_from_it(tmp_path: Path) -> None:
    path = tmp_path / "chain.db"
    messages = [
        msg("C1", 1),
        change("C1", 3, D(2024, 3, 9), "40.00"),  # waits for 2
        change("C1", 2, D(2024, 3, 5), "50.00"),  # releases 3
        end("C1", 4, D(2024, 3, 20)),
    ]
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        live = [v.process(m) for m in messages]
        again = v.process(messages[0])  # a re-delivery: its original result, no events
        assert again.status is Status.ACCEPTED and again.events == ()
        expected = [e for r in in_processing_order(live) for e in r.events]
        final = v.case(*WG, "C1")
    with SqliteStore(path) as store:
        kept = [r for i in range(len(messages) + 1) if (r := store.result(i)) is not None]
        events = [e for r in in_processing_order(kept) for e in r.events]
    assert events == expected
    assert [e.kind for e in events] == [
        EventKind.CASE_OPENED,
        EventKind.PERCENTAGE_CHANGED,
        EventKind.PERCENTAGE_CHANGED,
        EventKind.CASE_CLOSED,
    ]
    assert replay(events)[(*WG, "C1")] == final


# --------------------------------------------------------------------------- the command

REPO = Path(__file__).resolve().parents[1]


def run_process(*argv: str) -> tuple[int, str]:
    import argparse
    import io

    from sivi_verzuim._cli_process import register
    from sivi_verzuim.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "process" not in sub.choices:
        register(sub)
    args = parser.parse_args(["process", *argv])
    out = io.StringIO()
    code: int = args.func(args, out)
    return code, out.getvalue()


def test_process_json_events_on_the_example_inbox(tmp_path: Path) -> None:
    inbox, baseline = str(REPO / "examples" / "inbox"), str(REPO / "examples" / "baseline")
    code, text = run_process(inbox, "--baseline", baseline, "--json")
    assert code == 1
    assert all("events" not in entry for entry in json.loads(text))
    out = tmp_path / "out"
    code, text = run_process(inbox, "--baseline", baseline, "--json", "--events", "--out", str(out))
    assert code == 1
    report = json.loads(text)
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == report
    for entry in report:
        if entry["status"] == "accepted":
            assert entry["events"], entry
        else:
            assert entry["events"] == [], entry
    kinds = [e["kind"] for entry in report for e in entry["events"]]
    assert {"case-opened", "percentage-changed", "case-closed", "compound-linked"} <= set(kinds)


def _example() -> Any:
    import importlib.util

    path = REPO / "examples" / "events" / "apply_events.py"
    spec = importlib.util.spec_from_file_location("apply_events", path)
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    return example


def test_the_events_example_keeps_tables_equal_to_the_validators_view() -> None:
    example = _example()
    db = sqlite3.connect(":memory:")
    validator, results = example.run(db)
    statuses = [r.status for r in results]
    assert statuses.count(Status.ACCEPTED) >= 6 and Status.REJECTED in statuses
    view = example.view(validator)
    assert example.tables(db) == view
    assert all(view[t] for t in example.TABLES)
    kinds = {e.kind.value for r in results for e in r.events}
    assert {"unit-registered", "employee-registered", "employment-started"} <= kinds
    assert {"case-opened", "percentage-changed", "case-closed", "compound-linked"} <= kinds
    assert "employee-key-changed" in kinds
    assert all(validator.is_known(e[0], e[1], e[2]) for e in db.execute("SELECT * FROM employees"))
    db.close()


def test_the_events_example_follows_key_changes_ends_and_renamed_cases() -> None:
    from chain_builders import (
        employee,
        employees_message,
        employment,
        employments_message,
        unit,
        units_message,
    )

    from sivi_verzuim.chain.testing import absence_message

    example = _example()
    db = sqlite3.connect(":memory:")
    v = ChainValidator()
    example.go_live(db, v)
    messages = [
        units_message(unit("HQ"), unit("PROD", parent="HQ")),
        employees_message(
            employee("EXT-001", employments=(employment(),)),
            employee("EXT-002", employments=(employment("DV-EXT-002"),)),
        ),
        msg("C1", 1),
        absence_message("C1B", 2, "03", mutation_date=D(2024, 3, 1), previous_case_id="C1"),
        employees_message(
            employee("EXT-NEW", "02", previous_id="EXT-001", mutation_date=D(2024, 3, 3)),
            reference="WN-2",
        ),
        employments_message(
            employee(
                "EXT-NEW",
                employments=(
                    employment("DV-X", "02", previous_id="DV-EXT-001", mutation_date=D(2024, 3, 4)),
                ),
            ),
            reference="DV-2",
        ),
        employments_message(
            employee(
                "EXT-002",
                employments=(employment("DV-EXT-002", "04", mutation_date=D(2024, 3, 5)),),
            ),
            reference="DV-3",
        ),
        units_message(unit("PROD", "04", mutation_date=D(2024, 3, 6)), reference="WG-2"),
        employees_message(employee("EXT-002", "04", mutation_date=D(2024, 3, 7)), reference="x"),
    ]
    results = [v.process(m) for m in messages]
    assert all(r.status is Status.ACCEPTED for r in results), [r.all_findings for r in results]
    with db:
        example.apply(db, (e for r in results for e in r.events))
    assert example.tables(db) == example.view(v)
    case = v.case(*WG, "C1B")
    assert case is not None and (case.employee_id, case.employment_id) == ("EXT-NEW", "DV-X")
    db.close()


def test_a_change_is_the_case_record_before_and_after() -> None:
    v = ChainValidator()
    r = v.process(msg("C1", 1))
    case = v._emps[WG]["C1"]
    change_ = r.mutations[0]._change
    assert change_ is not None and change_[0] is None and change_[1] is case
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    change_ = r.mutations[0]._change
    assert change_ == (case, v._emps[WG]["C1"])
    assert case[SEQ] == 1 and v._emps[WG]["C1"][SEQ] == 2  # the old record is unchanged


def test_process_with_a_store_reports_events_too(tmp_path: Path) -> None:
    inbox, baseline = str(REPO / "examples" / "inbox"), str(REPO / "examples" / "baseline")
    store = str(tmp_path / "chain.db")
    out = tmp_path / "out"
    argv = ("--store", store, "--json", "--events", "--out", str(out))
    code, text = run_process(inbox, "--baseline", baseline, *argv)
    assert code == 1
    report = json.loads(text)
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == report
    kinds = [[e["kind"] for e in entry["events"]] for entry in report]
    # the same events as a validator in memory gives, message by message
    _, results = _example().run(sqlite3.connect(":memory:"))
    assert kinds == [[e.kind.value for e in r.events] for r in in_processing_order(results)]
    assert ["unit-registered"] * 3 in kinds and ["case-opened"] in kinds
    assert any("employee-key-changed" in k for k in kinds)
