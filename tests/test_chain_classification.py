"""The chain validator with a decision table: every mutation classified, cases keep theirs."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from sivi_verzuim.chain import ChainConfig, ChainValidator, Status
from sivi_verzuim.chain.testing import EMPLOYER, absence_message
from sivi_verzuim.classification import (
    DEFAULT_DECISION_TABLE,
    AbsenceClassification,
    DecisionRule,
    DecisionTable,
    classify,
)
from sivi_verzuim.cli import main
from sivi_verzuim.model import AbsenceCause, AbsenceMessage

REPO = Path(__file__).resolve().parents[1]
INBOX = REPO / "examples" / "inbox"
BASELINE = REPO / "examples" / "baseline"

D = dt.date
WG = EMPLOYER
MARCH_1 = D(2024, 3, 1)
OTHER = AbsenceClassification.OTHER_REASONS


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def with_cause(message: AbsenceMessage, cause: str) -> AbsenceMessage:
    """The message with ``OorzkVrzmCd`` of its one mutation replaced."""
    employer = message.employers[0]
    employee = employer.employees[0]
    employment = employee.employments[0]
    mutation = attrs.evolve(employment.absence_mutations[0], absence_cause=AbsenceCause(cause))
    employment = attrs.evolve(employment, absence_mutations=(mutation,))
    employee = attrs.evolve(employee, employments=(employment,))
    employer = attrs.evolve(employer, employees=(employee,))
    return attrs.evolve(message, employers=(employer,))


def sick(case: str = "C1", day: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    return absence_message(case, kw.pop("seq", 1), "01", mutation_date=day, **kw)


def change(case: str, seq: int, day: D, pct: str, **kw: Any) -> AbsenceMessage:
    return absence_message(
        case, seq, "02", mutation_date=day, first_absence_date=MARCH_1, percentage=pct, **kw
    )


def expected(message: AbsenceMessage) -> AbsenceClassification:
    """The classification the decision table gives the message's one mutation on its own."""
    er = message.employers[0]
    ee = er.employees[0]
    emp = ee.employments[0]
    return classify(
        emp.absence_mutations[0], employment=emp, employee=ee, employer=er
    ).classification


# a table whose answer depends on the cause, so that a change of cause shows
BY_CAUSE = DecisionTable(
    rules=[
        DecisionRule(
            id="accident", classification="OCCUPATIONAL_ACCIDENT", when={"OorzkVrzmCd": "10"}
        ),
        DecisionRule(id="traffic", classification=2, when={"OorzkVrzmCd": "11"}),
        DecisionRule(id="rest", classification="OTHER_REASONS", cites=["cause"]),
    ],
    name="by cause",
)


def test_without_a_table_nothing_is_classified() -> None:
    v = ChainValidator()
    r = v.process(sick())
    assert r.mutations[0].classification is None
    assert r.mutations[0].classification_reason is None
    assert "classification" not in r.mutations[0].to_dict()
    view = v.case(*WG, "C1")
    assert view is not None and view.classification is None
    assert v.decision_table is None


def test_each_mutation_gets_the_tables_classification_with_the_reason() -> None:
    v = ChainValidator(decision_table=DEFAULT_DECISION_TABLE)
    message = with_cause(sick(), "10")
    r = v.process(message)
    m = r.mutations[0]
    assert m.status is Status.ACCEPTED
    assert m.classification is expected(message)
    assert m.classification_reason is not None and "OorzkVrzmCd=10" in m.classification_reason
    assert m.to_dict()["classification"] == {
        "number": m.classification.number,
        "label": m.classification.label,
        "reason": m.classification_reason,
    }
    view = v.case(*WG, "C1")
    assert view is not None and view.classification is m.classification


def test_the_case_follows_its_latest_accepted_report() -> None:
    v = ChainValidator(decision_table=BY_CAUSE)
    assert v.process(sick()).mutations[0].classification is OTHER
    r = v.process(with_cause(change("C1", 2, D(2024, 3, 5), "50.00"), "10"))
    assert r.status is Status.ACCEPTED
    view = v.case(*WG, "C1")
    assert view is not None and view.classification is AbsenceClassification.OCCUPATIONAL_ACCIDENT
    # a rejected report (mutation date backwards) is classified but changes nothing
    r = v.process(with_cause(change("C1", 3, D(2024, 3, 4), "40.00"), "11"))
    assert r.status is Status.REJECTED
    assert r.mutations[0].classification is AbsenceClassification.TRAFFIC_ACCIDENT_WITH_RECOURSE
    view = v.case(*WG, "C1")
    assert view is not None and view.classification is AbsenceClassification.OCCUPATIONAL_ACCIDENT


def test_a_withdrawal_keeps_the_cases_classification() -> None:
    v = ChainValidator(decision_table=BY_CAUSE)
    v.process(with_cause(sick(), "11"))
    r = v.process(
        absence_message("C1", 2, "04", mutation_date=D(2024, 3, 4), first_absence_date=MARCH_1)
    )
    assert r.status is Status.ACCEPTED, r.mutations[0].findings
    view = v.case(*WG, "C1")
    assert view is not None
    assert view.classification is AbsenceClassification.TRAFFIC_ACCIDENT_WITH_RECOURSE


def test_held_and_waiting_messages_keep_their_classification_through_save_and_restore() -> None:
    v = ChainValidator(ChainConfig(), decision_table=BY_CAUSE)
    v.process(with_cause(sick(), "10"))
    waiting = v.process(with_cause(change("C1", 3, D(2024, 3, 9), "20.00"), "11"))
    assert waiting.status is Status.PENDING
    v.hold()
    held = v.process(with_cause(sick("C2", employee="EXT-002"), "10"))
    assert held.status is Status.HELD
    assert held.mutations[0].classification is AbsenceClassification.OCCUPATIONAL_ACCIDENT

    # a restored validator classifies new messages only when given a table again; what was
    # derived before the save is part of the state
    data = json.loads(json.dumps(v.save()))
    restored = ChainValidator.restore(data)
    view = restored.case(*WG, "C1")
    assert view is not None and view.classification is AbsenceClassification.OCCUPATIONAL_ACCIDENT
    [resumed] = restored.resume()
    assert resumed.mutations[0].classification is AbsenceClassification.OCCUPATIONAL_ACCIDENT
    filled = restored.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert filled.mutations[0].classification is None  # no table after the restore
    [released] = filled.resolved
    assert released.status is Status.ACCEPTED
    assert (
        released.mutations[0].classification is AbsenceClassification.TRAFFIC_ACCIDENT_WITH_RECOURSE
    )
    view = restored.case(*WG, "C1")
    assert view is not None
    assert view.classification is AbsenceClassification.TRAFFIC_ACCIDENT_WITH_RECOURSE

    again = ChainValidator.restore(data, decision_table=BY_CAUSE)
    assert again.decision_table is BY_CAUSE
    assert (
        again.process(change("C1", 2, D(2024, 3, 5), "50.00")).mutations[0].classification is OTHER
    )


def test_process_classify_adds_the_classification_to_the_report(tmp_path: Path) -> None:
    code, text = run("process", str(INBOX), "--baseline", str(BASELINE), "--json")
    plain = json.loads(text)
    assert all("classification" not in m for r in plain for m in r["mutations"])
    code2, text2 = run("process", str(INBOX), "--baseline", str(BASELINE), "--json", "--classify")
    assert code2 == code == 1
    classified = json.loads(text2)
    assert [r["status"] for r in classified] == [r["status"] for r in plain]
    for r in classified:
        for m in r["mutations"]:
            assert m["classification"]["number"] in range(1, 12)
            assert m["classification"]["label"].startswith("Ziekte - ")
            assert "[rule " in m["classification"]["reason"]


def test_process_decision_table_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "table.toml"
    table.write_text(
        'name = "all safety net"\n\n[[rule]]\nid = "all"\nclassification = 11\n',
        encoding="utf-8",
    )
    code, text = run(
        "process", str(INBOX), "--baseline", str(BASELINE), "--json", "--decision-table", str(table)
    )
    assert code == 1
    numbers = {m["classification"]["number"] for r in json.loads(text) for m in r["mutations"]}
    assert numbers == {11}
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\nclassification = 99\n', encoding="utf-8")
    code, _ = run("process", str(INBOX), "--decision-table", str(bad))
    assert code == 2
    assert "bad.toml" in capsys.readouterr().err
    code, _ = run("process", str(INBOX), "--decision-table", str(tmp_path / "missing.toml"))
    assert code == 2
    assert "cannot read decision table" in capsys.readouterr().err
