"""The validator as a whole: atomicity, hold and resume, repair, persistence, reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from chain_builders import change, end, sick

from sivi_verzuim import Release, parse
from sivi_verzuim.chain import (
    Baseline,
    BaselineCase,
    BaselineError,
    CaseStatus,
    ChainConfig,
    ChainValidator,
    MessageResult,
    StateError,
    Status,
    in_processing_order,
    report_json,
    report_text,
)
from sivi_verzuim.chain.testing import EMPLOYER, absence_message
from sivi_verzuim.model import AbsenceMessage

REPO = Path(__file__).resolve().parents[1]
D = dt.date
WG = EMPLOYER
MARCH_1 = D(2024, 3, 1)


def combine(*messages: AbsenceMessage, reference: str = "VZ-MULTI") -> AbsenceMessage:
    """One message with the employees of several single-mutation messages (one employer)."""
    employees = tuple(e for m in messages for e in m.employers[0].employees)
    employer = attrs.evolve(messages[0].employers[0], employees=employees)
    header = attrs.evolve(messages[0].header, message_reference=reference)
    return attrs.evolve(messages[0], header=header, employers=(employer,))


def same_case(*messages: AbsenceMessage, reference: str = "VZ-MULTI") -> AbsenceMessage:
    """One message with the mutations of several messages about one employment."""
    first = messages[0].employers[0].employees[0].employments[0]
    mutations = tuple(
        mu for m in messages for mu in m.employers[0].employees[0].employments[0].absence_mutations
    )
    employment = attrs.evolve(first, absence_mutations=mutations)
    employee = attrs.evolve(messages[0].employers[0].employees[0], employments=(employment,))
    employer = attrs.evolve(messages[0].employers[0], employees=(employee,))
    header = attrs.evolve(messages[0].header, message_reference=reference)
    return attrs.evolve(messages[0], header=header, employers=(employer,))


def state(v: ChainValidator) -> str:
    return json.dumps(v.save(), sort_keys=True)


# --------------------------------------------------------------------------- atomicity


def test_a_rejected_message_changes_nothing() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    v.process(end("C2", 2, D(2024, 1, 20), first=D(2024, 1, 2), employee="EXT-X"))
    before = state(v)
    bad = combine(
        change("C1", 2, D(2024, 3, 5), "50.00"),  # fine on its own
        sick("C3", D(2024, 3, 5), employee="EXT-002"),  # fine, would create a case
        change("C1", 2, D(2024, 3, 5), "50.00", employee="EXT-003"),  # case identity: error
    )
    r = v.process(bad)
    assert r.status is Status.REJECTED
    assert [m.status for m in r.mutations] == [Status.REJECTED] * 3
    assert [m.findings[-1].code for m in r.mutations[:2]] == ["chain.message-rejected"] * 2
    after = json.loads(state(v))
    expected = json.loads(before)
    # only the cascade mark of the faulty mutation's case and the message counter moved
    assert after["broken"] and after["broken"][0]["case_id"] == "C1"
    for key in ("cases", "employees", "known_employees", "queue", "waiting"):
        assert after[key] == expected[key], key
    assert not v.is_known(*WG, "EXT-002")


def test_a_multi_mutation_message_is_applied_in_order() -> None:
    v = ChainValidator()
    r = v.process(
        same_case(sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"), end("C1", 3, D(2024, 3, 9)))
    )
    assert r.status is Status.ACCEPTED
    assert [m.location for m in r.mutations] == [(1, 1, 1, 1), (1, 1, 1, 2), (1, 1, 1, 3)]
    view = v.case(*WG, "C1")
    assert view is not None and view.status is CaseStatus.CLOSED and view.last_sequence == 3


def test_rollback_of_every_kind_of_change() -> None:
    v = ChainValidator()
    v.process(sick("C1", D(2024, 1, 1)))
    v.process(sick("W1", D(2024, 1, 1), employee="EXT-W"))
    v.process(sick("R1", D(2024, 1, 1), employee="EXT-R"))
    before = state(v)
    bad = combine(
        end("C1", 2, D(2024, 1, 9), first=D(2024, 1, 1)),  # close
        absence_message(  # withdraw
            "W1",
            2,
            "04",
            mutation_date=D(2024, 1, 5),
            first_absence_date=D(2024, 1, 1),
            employee="EXT-W",
        ),
        absence_message(  # sync
            "R1",
            2,
            "05",
            mutation_date=D(2024, 1, 6),
            first_absence_date=D(2024, 1, 1),
            percentage="40.00",
            employee="EXT-R",
        ),
        absence_message(  # rename by correction
            "R2",
            3,
            "03",
            mutation_date=D(2024, 1, 7),
            first_absence_date=D(2024, 1, 1),
            percentage="40.00",
            employee="EXT-R",
            previous_case_id="R1",
        ),
        sick("N1", D(2024, 1, 3), employee="EXT-NEW"),  # new employee, new case
        sick("BAD", D(2024, 1, 3), employee="EXT-BAD", percentage="300.00"),  # the error
    )
    r = v.process(bad)
    assert r.status is Status.REJECTED
    after = json.loads(state(v))
    expected = json.loads(before)
    for key in ("cases", "employees", "known_employees"):
        assert after[key] == expected[key], key
    # and the same message without the faulty part is accepted as a whole
    good = combine(
        *[
            attrs.evolve(bad, employers=(attrs.evolve(bad.employers[0], employees=(e,)),))
            for e in bad.employers[0].employees[:5]
        ]
    )
    assert v.process(good).status is Status.ACCEPTED
    assert v.case(*WG, "R1") is None and v.case(*WG, "R2") is not None


# --------------------------------------------------------------------------- hold and resume


def test_hold_queues_and_resume_processes_in_order() -> None:
    v = ChainValidator(hold=True)
    assert v.held
    held = [
        v.process(m)
        for m in (sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"), end("C1", 3, D(2024, 3, 9)))
    ]
    assert [r.status for r in held] == [Status.HELD] * 3
    assert all(m.status is Status.HELD for r in held for m in r.mutations)
    assert v.cases() == [] and v.queued() == ("VZ-C1-1", "VZ-C1-2", "VZ-C1-3")
    resumed = v.resume()
    assert not v.held and v.queued() == ()
    assert [r.status for r in resumed] == [Status.ACCEPTED] * 3
    assert [r.index for r in resumed] == [r.index for r in held]
    assert list(in_processing_order(held + resumed)) == resumed


def test_hold_until_the_baseline_is_loaded() -> None:
    v = ChainValidator()
    v.hold()
    first = v.process(change("B1", 2, D(2024, 9, 9), "40.00", first=D(2024, 8, 12)))
    assert first.status is Status.HELD
    v.load_baseline(
        Baseline(cases=[BaselineCase(*WG, "EXT-001", "B1", D(2024, 8, 12), last_sequence=1)])
    )
    (result,) = v.resume()
    assert result.status is Status.ACCEPTED


def test_held_messages_are_still_checked() -> None:
    v = ChainValidator(authorized=[WG], hold=True)
    r = v.process(sick(employer=("WG-OTHER", "X")))
    assert r.status is Status.REJECTED and v.queued() == ()
    source = (REPO / "examples/2024/VZ-2024-01-ziekmelding.xml").read_bytes()
    bad = parse(
        source.replace(b"<PrcVrzm>100.00</PrcVrzm>", b"<PrcVrzm>100</PrcVrzm>"), strict=False
    )
    assert v.process(bad).status is Status.REJECTED and v.queued() == ()


# --------------------------------------------------------------------------- repair


def _broken() -> ChainValidator:
    v = ChainValidator()
    v.process(sick("C1"))
    v.process(change("C1", 2, D(2024, 3, 5), "150.00"))  # rejected: the case is broken
    assert v.process(change("C1", 3, D(2024, 3, 9), "40.00")).status is Status.CONSEQUENTIAL
    return v


def test_repair_by_sync() -> None:
    v = _broken()
    sync = absence_message(
        "C1",
        4,
        "05",
        mutation_date=D(2024, 3, 10),
        first_absence_date=D(2024, 3, 1),
        percentage="40.00",
    )
    assert v.process(sync).status is Status.ACCEPTED
    view = v.case(*WG, "C1")
    assert view is not None and view.broken is None and view.absence_percentage == 40
    assert v.process(change("C1", 5, D(2024, 3, 12), "30.00")).status is Status.ACCEPTED


def test_a_failing_repair_keeps_the_root() -> None:
    v = _broken()
    root = v.case(*WG, "C1").broken  # type: ignore[union-attr]
    bad_fix = absence_message(
        "C1",
        4,
        "03",
        mutation_date=D(2024, 3, 10),
        first_absence_date=D(2024, 3, 1),
        percentage="40.00",
        previous_first_absence_date=D(2020, 1, 1),
    )
    r = v.process(bad_fix)
    assert r.status is Status.REJECTED
    assert [f.code for f in r.all_findings] == ["chain.correction-mismatch"]
    assert v.case(*WG, "C1").broken == root  # type: ignore[union-attr]


def test_repair_by_reset_case() -> None:
    v = _broken()
    assert v.reset_case(*WG, "C1") == []
    # the next report may carry any higher number
    assert v.process(change("C1", 7, D(2024, 3, 12), "30.00")).status is Status.ACCEPTED
    assert v.process(change("C1", 8, D(2024, 3, 13), "20.00")).status is Status.ACCEPTED
    with pytest.raises(KeyError):
        v.reset_case(*WG, "NOPE")


def test_reset_case_forget_and_unknown_case_cascade() -> None:
    v = ChainValidator()
    bad = change("U1", 2, D(2024, 3, 5), "50.00")
    assert v.process(bad).status is Status.REJECTED
    assert v.process(sick("U1")).status is Status.CONSEQUENTIAL
    v.reset_case(*WG, "U1")
    assert v.process(sick("U1", reference="VZ-AGAIN")).status is Status.ACCEPTED
    v.reset_case(*WG, "U1", forget=True)
    assert v.case(*WG, "U1") is None
    assert v.process(sick("U1", D(2024, 4, 1), reference="VZ-NEW")).status is Status.ACCEPTED


def test_waiting_messages_are_released_by_a_rejection_and_by_reset() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    waiting = v.process(change("C1", 3, D(2024, 3, 9), "30.00"))
    assert waiting.status is Status.PENDING
    filler = v.process(change("C1", 2, D(2024, 3, 5), "150.00"))  # fills the gap but fails
    assert filler.status is Status.REJECTED
    assert [r.status for r in filler.resolved] == [Status.CONSEQUENTIAL]
    v2 = ChainValidator()
    v2.process(sick("C1"))
    v2.process(change("C1", 3, D(2024, 3, 9), "30.00"))
    (released,) = v2.reset_case(*WG, "C1")
    assert released.status is Status.ACCEPTED


def test_a_multi_mutation_message_waits_as_a_whole() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    both = combine(
        sick("C2", D(2024, 3, 2), employee="EXT-002"), change("C1", 3, D(2024, 3, 9), "30.00")
    )
    r = v.process(both)
    assert r.status is Status.PENDING
    assert [m.status for m in r.mutations] == [Status.PENDING, Status.PENDING]
    assert v.case(*WG, "C2") is None
    filler = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert [x.status for x in filler.resolved] == [Status.ACCEPTED]
    assert v.case(*WG, "C2") is not None


# --------------------------------------------------------------------------- persistence


def _busy() -> ChainValidator:
    v = ChainValidator(
        ChainConfig().with_rule("chain.compound-absence", window_days=10),
        baseline=Baseline(cases=[BaselineCase(*WG, "EXT-B", "B1", D(2024, 2, 1))]),
        authorized=[WG],
    )
    v.process(sick("C1"))
    v.process(change("C1", 2, D(2024, 3, 5), "150.00"))  # broken
    v.process(sick("C2", employee="EXT-002"))
    v.process(change("C2", 3, D(2024, 3, 9), "30.00", employee="EXT-002"))  # waiting
    v.hold()
    v.process(change("B1", 2, D(2024, 3, 3), "50.00", first=D(2024, 2, 1), employee="EXT-B"))
    return v


def test_save_restore_round_trip() -> None:
    v = _busy()
    data = json.loads(json.dumps(v.save()))
    assert data["format"] == "sivi_verzuim.chain-state" and data["version"] == 1
    w = ChainValidator.restore(data)
    assert state(w) == state(v)
    assert w.held and w.queued() == v.queued() and w.waiting() == v.waiting()
    assert w.config == v.config and w.authorized == v.authorized
    assert w.cases() == v.cases()
    # both go on identically
    for x in (v, w):
        x.resume()
    more = [
        change("C2", 2, D(2024, 3, 5), "50.00", employee="EXT-002"),
        change("C1", 3, D(2024, 3, 9), "40.00"),
    ]
    assert [v.process(m) for m in more] == [w.process(m) for m in more]
    assert state(v) == state(w)


def test_restore_overrides_and_errors() -> None:
    data = _busy().save()
    w = ChainValidator.restore(data, config=ChainConfig(), authorized=None)
    assert w.authorized is None and w.config == ChainConfig()
    with pytest.raises(StateError, match="not a chain state"):
        ChainValidator.restore({"format": "other"})
    with pytest.raises(StateError, match="version"):
        ChainValidator.restore({**data, "version": 99})
    damaged = json.loads(json.dumps(data))
    damaged["cases"][0]["status"] = "sleeping"
    with pytest.raises(StateError, match="damaged"):
        ChainValidator.restore(damaged)
    damaged = json.loads(json.dumps(data))
    del damaged["employees"]
    with pytest.raises(StateError):
        ChainValidator.restore(damaged)


# --------------------------------------------------------------------------- baseline loading


def test_load_baseline_is_idempotent_and_refuses_conflicts() -> None:
    base = Baseline(cases=[BaselineCase(*WG, "EXT-001", "B1", D(2024, 2, 1))])
    v = ChainValidator(baseline=base)
    v.load_baseline(base)  # the same again: nothing happens
    assert len(v.cases()) == 1
    other = Baseline(cases=[BaselineCase(*WG, "EXT-001", "B1", D(2024, 2, 5))])
    with pytest.raises(BaselineError, match="already in the state"):
        v.load_baseline(other)
    view = v.case(*WG, "B1")
    assert view is not None and view.from_baseline and view.last_sequence is None
    # unknown last sequence: the first report is accepted with any number
    assert v.process(change("B1", 5, D(2024, 3, 1), "50.00", first=D(2024, 2, 1))).status is (
        Status.ACCEPTED
    )


# --------------------------------------------------------------------------- results and reports


def test_results_from_a_parsed_message() -> None:
    v = ChainValidator()
    message = parse(REPO / "examples/2021/VZ-2021-01-ziekmelding.xml")
    r = v.process(message)
    assert r.release is Release.R2021 and r.reference == "VZ-2021-0001"
    assert r.sender == "HR-SALARISPAKKET-01" and r.recipient == "ARBODIENST-MIDDEN"
    assert r.file and r.file.endswith("VZ-2021-01-ziekmelding.xml") and r.test is False
    (m,) = r.mutations
    assert (m.employer_id, m.connection_number) == ("WG-100234", "AANS-0042")
    assert (m.employee_id, m.employment_id) == ("EXT-000731", "DV-000731-1")
    assert (m.case_id, m.sequence, m.kind.value) == ("VZ-2021-000123", 1, "sick-report")
    assert m.path == "/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/Vrzm[1]"
    assert "accepted" in repr(r) and "VZ-2021-000123" in repr(m)
    assert r == r and hash(r) == hash(r) and r != object()
    model = v.process(
        parse(REPO / "examples/2021/VZ-2021-02-gedeeltelijk-herstel.xml"), file="x.xml"
    )
    assert model.file == "x.xml"


def test_report_text_and_json() -> None:
    v = ChainValidator()
    results = [
        v.process(m)
        for m in (
            sick("C1"),
            change("C1", 3, D(2024, 3, 9), "30.00"),
            change("X9", 2, D(2024, 3, 9), "30.00"),
        )
    ]
    results.append(v.process(change("C1", 2, D(2024, 3, 5), "50.00")))
    data = report_json(results)
    assert [d["reference"] for d in data] == ["VZ-C1-1", "VZ-X9-2", "VZ-C1-2", "VZ-C1-3"]
    assert [d["status"] for d in data] == ["accepted", "rejected", "accepted", "accepted"]
    for d in data:
        assert set(d) == {"file", "reference", "status", "mutations"}
        for m in d["mutations"]:
            assert set(m) == {"case_id", "sequence", "kind", "employee_id", "status", "findings"}
            for f in m["findings"]:
                assert set(f) == {"code", "severity", "message"}
    text = report_text(results)
    assert "4 message(s), 4 mutation(s): 3 accepted, 1 rejected" in text
    assert "[chain.start-without-sick-report] error" in text
    unread = MessageResult.unreadable("bad.xml", ())
    assert unread.status is Status.REJECTED and unread.reference is None
    assert report_text([]).strip().endswith("nothing")
