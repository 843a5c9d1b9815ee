"""Every chain rule: a case it finds and a case it lets through; rule configuration."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from sivi_verzuim import Severity, parse
from sivi_verzuim.chain import (
    RULES,
    Baseline,
    BaselineCase,
    BaselineEmployee,
    CaseStatus,
    ChainConfig,
    ChainValidator,
    MessageResult,
    RuleConfig,
    Status,
)
from sivi_verzuim.chain.testing import EMPLOYER, absence_message
from sivi_verzuim.model import AbsenceMessage, Employer

REPO = Path(__file__).resolve().parents[1]
D = dt.date
WG = EMPLOYER
MARCH_1 = D(2024, 3, 1)


def msg(case: str, seq: int, code: str = "01", **kw: Any) -> AbsenceMessage:
    kw.setdefault("mutation_date", D(2024, 3, 1))
    return absence_message(case, seq, code, **kw)


def sick(case: str = "C1", day: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    return msg(case, kw.pop("seq", 1), "01", mutation_date=day, **kw)


def change(case: str, seq: int, day: D, pct: str, first: D = MARCH_1, **kw: Any) -> Any:
    return msg(case, seq, "02", mutation_date=day, first_absence_date=first, percentage=pct, **kw)


def end(case: str, seq: int, day: D, first: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    kw.setdefault("recovery_date", day)
    kw.setdefault("end_reason", "01")
    return msg(
        case,
        seq,
        kw.pop("code", "02"),
        mutation_date=day,
        first_absence_date=first,
        percentage="0.00",
        ended=True,
        **kw,
    )


def codes(result: MessageResult) -> list[str]:
    return [f.code for f in result.all_findings]


def run(validator: ChainValidator, *messages: Any) -> list[MessageResult]:
    return [validator.process(m) for m in messages]


def two(first: AbsenceMessage, second: AbsenceMessage, reference: str = "VZ-TWO") -> Any:
    """One message carrying the mutations of two single-mutation messages."""
    a, b = first.employers[0], second.employers[0]
    employers: tuple[Employer, ...]
    if a.employees[0].employee_id == b.employees[0].employee_id:
        emp = a.employees[0].employments[0]
        muts = emp.absence_mutations + b.employees[0].employments[0].absence_mutations
        employment = attrs.evolve(emp, absence_mutations=muts)
        employee = attrs.evolve(a.employees[0], employments=(employment,))
        employer = attrs.evolve(a, employees=(employee,))
        employers = (employer,)
    elif (a.employer_id, a.connection_number) == (b.employer_id, b.connection_number):
        employers = (attrs.evolve(a, employees=a.employees + b.employees),)
    else:
        employers = (a, b)
    header = attrs.evolve(first.header, message_reference=reference)
    return attrs.evolve(first, header=header, employers=employers)


# --------------------------------------------------------------------------- the catalogue


def test_catalogue_codes_are_documented() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert code.startswith(("chain.", "master."))
        assert f"`{code}`" in text, code
        assert rule.summary
        for name in rule.parameters:
            assert f"`{name}`" in text, (code, name)


# --------------------------------------------------------------------------- message level


def test_unauthorised_employer_is_rejected_and_touches_nothing() -> None:
    v = ChainValidator(authorized=[WG])
    foreign = sick(employer=("WG-OTHER", "A-1"))
    r = v.process(foreign)
    assert r.status is Status.REJECTED
    assert codes(r) == ["chain.unauthorised-employer"]
    assert v.cases() == [] and not v.is_known("WG-OTHER", "A-1", "EXT-001")
    assert v.process(sick()).status is Status.ACCEPTED


def test_unauthorised_sibling_and_wildcard_connection() -> None:
    v = ChainValidator(authorized=[WG])
    mixed = two(sick("C1"), sick("C2", employer=("WG-OTHER", "A"), employee="EXT-9"))
    r = v.process(mixed)
    assert [m.status for m in r.mutations] == [Status.REJECTED, Status.REJECTED]
    assert [m.findings[0].code for m in r.mutations] == [
        "chain.message-rejected",
        "chain.unauthorised-employer",
    ]
    assert v.cases() == []
    wild = ChainValidator(authorized=[("WG-1", "*")])
    assert wild.process(sick(employer=("WG-1", "ANY"))).status is Status.ACCEPTED
    assert wild.process(sick(employer=("WG-2", "ANY"))).status is Status.REJECTED


def test_invalid_message_is_rejected_unread() -> None:
    source = (REPO / "examples/2024/VZ-2024-01-ziekmelding.xml").read_bytes()
    bad = parse(
        source.replace(b"<EndVrzmJN>N</EndVrzmJN>", b"<EndVrzmJN>X</EndVrzmJN>"), strict=False
    )
    v = ChainValidator()
    r = v.process(bad)
    assert r.status is Status.REJECTED and r.mutations == ()
    assert r.findings[0].code == "chain.invalid-message"
    assert "xsd.enumeration" in [f.code for f in r.findings]
    assert r.to_dict()["mutations"][0]["case_id"] is None
    assert v.process(parse(source)).status is Status.ACCEPTED


def test_not_a_verzuimmeldingen_message() -> None:
    v = ChainValidator()
    with pytest.raises(TypeError):
        v.process(parse(REPO / "examples/2024/Retourmelding.xml"))
    with pytest.raises(TypeError):
        v.process("VZ.xml")  # type: ignore[arg-type]


def test_message_rejected_for_a_failing_sibling() -> None:
    v = ChainValidator()
    r = v.process(two(sick("C1"), change("C9", 2, D(2024, 3, 5), "50.00", employee="EXT-002")))
    assert r.status is Status.REJECTED
    assert [m.status for m in r.mutations] == [Status.REJECTED, Status.REJECTED]
    assert r.mutations[0].findings[-1].code == "chain.message-rejected"
    assert v.cases() == []
    ok = v.process(two(sick("C1"), sick("C2", employee="EXT-002"), reference="VZ-OK"))
    assert [m.status for m in ok.mutations] == [Status.ACCEPTED, Status.ACCEPTED]
    assert len(v.cases()) == 2


# --------------------------------------------------------------------------- the cascade


def test_consequential_after_a_rejection() -> None:
    v = ChainValidator()
    first, bad, later = (
        sick("C1"),
        change("C1", 2, D(2024, 2, 1), "50.00"),
        change("C1", 3, D(2024, 3, 9), "40.00"),
    )
    results = run(v, first, bad, later)
    assert [r.status for r in results] == [Status.ACCEPTED, Status.REJECTED, Status.CONSEQUENTIAL]
    consequence = results[2].mutations[0]
    assert consequence.findings[0].code == "chain.consequential"
    assert consequence.root == results[1].mutations[0].findings[0]
    assert "VZ-C1-2" in consequence.findings[0].message
    view = v.case(*WG, "C1")
    assert view is not None and view.broken is not None and view.last_sequence == 1


def test_cascade_as_a_warning_reports_but_judges_alone() -> None:
    v = ChainValidator(ChainConfig().with_rule("chain.consequential", severity=Severity.WARNING))
    results = run(
        v,
        sick("C1"),
        change("C1", 2, D(2024, 2, 1), "50.00"),
        change("C1", 2, D(2024, 3, 9), "40.00", reference="VZ-RESENT"),
    )
    assert [r.status for r in results] == [Status.ACCEPTED, Status.REJECTED, Status.ACCEPTED]
    assert codes(results[2]) == ["chain.consequential"]


def test_cascade_disabled_judges_each_mutation_alone() -> None:
    v = ChainValidator(ChainConfig().with_rule("chain.consequential", enabled=False))
    results = run(
        v,
        sick("C1"),
        change("C1", 2, D(2024, 2, 1), "50.00"),
        change("C1", 2, D(2024, 3, 9), "40.00", reference="VZ-RESENT"),
    )
    assert [r.status for r in results] == [Status.ACCEPTED, Status.REJECTED, Status.ACCEPTED]


# --------------------------------------------------------------------------- case status


def test_unknown_employee() -> None:
    r = ChainValidator().process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert codes(r)[:2] == ["chain.unknown-employee", "chain.start-without-sick-report"]
    known = Baseline(employees=[BaselineEmployee(*WG, "EXT-001")])
    r = ChainValidator(baseline=known).process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert codes(r) == ["chain.start-without-sick-report"]
    v = ChainValidator()
    run(v, sick("C0", D(2024, 1, 1)), end("C0", 2, D(2024, 1, 9), first=D(2024, 1, 1)))
    assert v.is_known(*WG, "EXT-001")
    assert codes(v.process(change("C1", 2, D(2024, 3, 5), "50.00"))) == [
        "chain.start-without-sick-report"
    ]


def test_start_without_sick_report() -> None:
    v = ChainValidator()
    r = v.process(end("C1", 1, D(2024, 3, 5), code="02"))
    assert r.status is Status.REJECTED
    assert "chain.start-without-sick-report" in codes(r)
    assert v.process(sick("C2")).status is Status.ACCEPTED
    # a sick report that ends at once starts a (closed) case, unless configured otherwise
    short = end("C3", 1, D(2024, 4, 2), first=D(2024, 4, 1), code="01", employee="EXT-002")
    assert v.process(short).status is Status.ACCEPTED
    view = v.case(*WG, "C3")
    assert view is not None and view.status is CaseStatus.CLOSED
    strict = ChainConfig().with_rule("chain.start-without-sick-report", allow_ended_start=False)
    assert codes(ChainValidator(strict).process(short)) == ["chain.start-without-sick-report"]


def test_sync_starts_an_unknown_case() -> None:
    v = ChainValidator()
    r = v.process(
        msg(
            "C1",
            7,
            "05",
            mutation_date=D(2024, 3, 9),
            first_absence_date=D(2024, 3, 1),
            percentage="40.00",
        )
    )
    assert r.status is Status.ACCEPTED
    view = v.case(*WG, "C1")
    assert view is not None and view.last_sequence == 7 and view.status is CaseStatus.OPEN


def test_an_end_sent_as_01_ends_an_open_case() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    r = v.process(end("C1", 2, D(2024, 3, 9), code="01"))
    assert r.status is Status.ACCEPTED and r.mutations[0].kind.value == "recovery"
    again = v.process(end("C1", 2, D(2024, 3, 9), code="01", reference="VZ-AGAIN"))
    assert again.status is Status.DUPLICATE
    view = v.case(*WG, "C1")
    assert view is not None and view.status is CaseStatus.CLOSED


def test_after_end() -> None:
    v = ChainValidator()
    run(v, sick("C1"), end("C1", 2, D(2024, 3, 10)))
    r = v.process(change("C1", 3, D(2024, 3, 12), "50.00"))
    assert codes(r) == ["chain.after-end"]
    # a correction may still reopen it (the end was a mistake)
    fix = msg(
        "C1",
        3,
        "03",
        mutation_date=D(2024, 3, 12),
        first_absence_date=D(2024, 3, 1),
        percentage="50.00",
    )
    assert v.process(fix).status is Status.ACCEPTED
    view = v.case(*WG, "C1")
    assert view is not None and view.status is CaseStatus.OPEN and view.end_date is None


def test_case_withdrawn() -> None:
    v = ChainValidator()
    withdraw = msg("C1", 2, "04", mutation_date=D(2024, 3, 3), first_absence_date=D(2024, 3, 1))
    results = run(v, sick("C1"), withdraw, change("C1", 3, D(2024, 3, 5), "50.00"))
    assert [r.status for r in results] == [Status.ACCEPTED, Status.ACCEPTED, Status.REJECTED]
    assert codes(results[2]) == ["chain.case-withdrawn"]
    # a new case is not blocked by the withdrawn one
    assert v.process(sick("C2", D(2024, 3, 2))).status is Status.ACCEPTED
    v2 = ChainValidator()
    run(v2, sick("C1"), withdraw)
    back = msg(
        "C1",
        3,
        "05",
        mutation_date=D(2024, 3, 6),
        first_absence_date=D(2024, 3, 1),
        percentage="70.00",
    )
    assert v2.process(back).status is Status.ACCEPTED
    view = v2.case(*WG, "C1")
    assert view is not None and view.status is CaseStatus.OPEN


def test_case_identity() -> None:
    v = ChainValidator()
    run(v, sick("C1"), sick("C2", employee="EXT-002"))
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00", employee="EXT-002"))
    assert codes(r) == ["chain.case-identity"]
    assert v.process(change("C2", 2, D(2024, 3, 5), "50.00", employee="EXT-002")).status is (
        Status.ACCEPTED
    )


# --------------------------------------------------------------------------- sequence numbers


def test_sequence_gap_waits_and_is_processed_when_filled() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    late = change("C1", 3, D(2024, 3, 9), "30.00")
    waiting = v.process(late)
    assert waiting.status is Status.PENDING
    assert codes(waiting) == ["chain.sequence-gap"]
    assert v.waiting() == ("VZ-C1-3",)
    filler = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert filler.status is Status.ACCEPTED
    assert [r.reference for r in filler.resolved] == ["VZ-C1-3"]
    assert filler.resolved[0].status is Status.ACCEPTED
    assert filler.resolved[0].index == waiting.index
    assert v.waiting() == ()
    view = v.case(*WG, "C1")
    assert view is not None and view.last_sequence == 3


def test_sequence_gap_can_be_rejected() -> None:
    v = ChainValidator(ChainConfig().with_rule("chain.sequence-gap", action="reject"))
    v.process(sick("C1"))
    r = v.process(change("C1", 3, D(2024, 3, 9), "30.00"))
    assert r.status is Status.REJECTED and codes(r) == ["chain.sequence-gap"]
    lenient = ChainValidator(
        ChainConfig().with_rule("chain.sequence-gap", severity=Severity.WARNING)
    )
    lenient.process(sick("C1"))
    r = lenient.process(change("C1", 3, D(2024, 3, 9), "30.00"))
    assert r.status is Status.ACCEPTED and codes(r) == ["chain.sequence-gap"]


def test_sequence_reused_and_duplicates() -> None:
    v = ChainValidator()
    first = change("C1", 2, D(2024, 3, 5), "50.00")
    run(v, sick("C1"), first)
    again = v.process(change("C1", 2, D(2024, 3, 5), "50.00", reference="VZ-AGAIN"))
    assert again.status is Status.DUPLICATE and again.all_findings == ()
    older = v.process(sick("C1", reference="VZ-OLD"))
    assert older.status is Status.DUPLICATE
    other = v.process(change("C1", 2, D(2024, 3, 5), "40.00", reference="VZ-OTHER"))
    assert other.status is Status.REJECTED and codes(other) == ["chain.sequence-reused"]


def test_covered_by_baseline() -> None:
    base = Baseline(
        cases=[
            BaselineCase(*WG, "EXT-001", "C1", D(2024, 3, 1), last_sequence=2),
        ]
    )
    v = ChainValidator(baseline=base)
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert r.status is Status.DUPLICATE and codes(r) == ["chain.covered-by-baseline"]
    assert r.all_findings[0].severity is Severity.INFO
    assert v.process(change("C1", 3, D(2024, 3, 9), "50.00")).status is Status.ACCEPTED
    strict = ChainConfig().with_rule("chain.covered-by-baseline", severity=Severity.ERROR)
    r = ChainValidator(strict, baseline=base).process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert r.status is Status.REJECTED


# --------------------------------------------------------------------------- dates


def test_mutation_before_first_day() -> None:
    v = ChainValidator()
    r = v.process(msg("C1", 1, mutation_date=D(2024, 2, 28), first_absence_date=D(2024, 3, 1)))
    assert codes(r) == ["chain.mutation-before-first-day"]
    assert v.process(sick("C2", D(2024, 3, 1))).status is Status.ACCEPTED


def test_recovery_before_first_day() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    r = v.process(end("C1", 2, D(2024, 3, 9), recovery_date=D(2024, 2, 20)))
    assert codes(r) == ["chain.recovery-before-first-day"]
    v2 = ChainValidator()
    v2.process(sick("C1"))
    assert v2.process(end("C1", 2, D(2024, 3, 9))).status is Status.ACCEPTED


def test_mutation_date_backwards() -> None:
    v = ChainValidator()
    run(v, sick("C1"), change("C1", 2, D(2024, 3, 10), "50.00"))
    r = v.process(change("C1", 3, D(2024, 3, 8), "40.00"))
    assert codes(r) == ["chain.mutation-date-backwards"]
    v2 = ChainValidator()
    run(v2, sick("C1"), change("C1", 2, D(2024, 3, 10), "50.00"))
    assert v2.process(change("C1", 3, D(2024, 3, 10), "40.00")).status is Status.ACCEPTED


def test_first_day_changed() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    r = v.process(change("C1", 2, D(2024, 3, 10), "50.00", first=D(2024, 3, 2)))
    assert codes(r) == ["chain.first-day-changed"]
    assert v.process(change("C1", 2, D(2024, 3, 10), "50.00", reference="X")).status is (
        Status.CONSEQUENTIAL
    )


# --------------------------------------------------------------------------- percentages


def test_percentage_range() -> None:
    v = ChainValidator()
    assert codes(v.process(sick("C1", percentage="120.00"))) == ["chain.percentage-range"]
    assert v.process(sick("C2", percentage="100.00")).status is Status.ACCEPTED
    wide = ChainConfig().with_rule("chain.percentage-range", maximum=200)
    assert ChainValidator(wide).process(sick("C1", percentage="120.00")).status is Status.ACCEPTED


def test_percentage_not_lowered() -> None:
    v = ChainValidator()
    run(v, sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"))
    # a relapse (a higher percentage within the open case) is accepted, with an info finding
    r = v.process(change("C1", 3, D(2024, 3, 9), "60.00"))
    assert r.status is Status.ACCEPTED
    (f,) = r.mutations[0].findings
    assert (f.code, f.severity) == ("chain.percentage-not-lowered", Severity.INFO)
    view = v.case(*WG, "C1")
    assert view is not None and view.absence_percentage == Decimal("60.00")
    v2 = ChainValidator()
    run(v2, sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"))
    assert v2.process(change("C1", 3, D(2024, 3, 9), "50.00")).status is Status.ACCEPTED
    strict = ChainConfig().with_rule("chain.percentage-not-lowered", allow_increase=False)
    v3 = ChainValidator(strict)
    run(v3, sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"))
    r3 = v3.process(change("C1", 3, D(2024, 3, 9), "60.00"))
    assert r3.status is Status.REJECTED
    assert codes(r3) == ["chain.percentage-not-lowered"]
    no_equal = ChainConfig().with_rule("chain.percentage-not-lowered", allow_equal=False)
    v4 = ChainValidator(no_equal)
    run(v4, sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"))
    assert v4.process(change("C1", 3, D(2024, 3, 9), "50.00")).status is Status.REJECTED


def test_recovery_reason_without_end() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00", end_reason="01"))
    assert codes(r) == ["chain.recovery-reason-without-end"]
    assert v.process(end("C1", 2, D(2024, 3, 5), reference="X")).status is Status.CONSEQUENTIAL
    v2 = ChainValidator()
    v2.process(sick("C1"))
    assert v2.process(end("C1", 2, D(2024, 3, 5))).status is Status.ACCEPTED


def test_end_without_recovery_date_is_a_warning() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    r = v.process(end("C1", 2, D(2024, 3, 9), recovery_date=None))
    assert r.status is Status.ACCEPTED
    assert codes(r) == ["chain.end-without-recovery-date"]
    view = v.case(*WG, "C1")
    assert view is not None and view.end_date == D(2024, 3, 9)


# --------------------------------------------------------------------------- more cases


def test_one_open_case_per_employment() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    r = v.process(sick("C2", D(2024, 3, 8)))
    assert codes(r) == ["chain.one-open-case"]
    # the same case id again is also a second open case
    r = v.process(sick("C1", D(2024, 3, 8), seq=2))
    assert codes(r) == ["chain.one-open-case"]
    other = ChainValidator()
    run(other, sick("C1"), sick("C2", D(2024, 3, 8), employee="EXT-002"))
    assert len(other.cases()) == 2


def test_overlap() -> None:
    v = ChainValidator()
    run(v, sick("C1"), end("C1", 2, D(2024, 3, 20)))
    r = v.process(msg("C2", 1, mutation_date=D(2024, 3, 22), first_absence_date=D(2024, 3, 15)))
    assert codes(r) == ["chain.overlap"]
    # starting on the recovery date does not overlap (the recovery date is the first day back)
    assert v.process(sick("C3", D(2024, 3, 20))).status is Status.ACCEPTED


def test_correction_mismatch_and_fitting_correction() -> None:
    v = ChainValidator()
    v.process(sick("C1"))
    wrong = msg(
        "C1",
        2,
        "03",
        mutation_date=D(2024, 3, 5),
        first_absence_date=D(2024, 3, 2),
        previous_first_absence_date=D(2024, 2, 1),
    )
    assert codes(v.process(wrong)) == ["chain.correction-mismatch"]
    fitting = msg(
        "C1",
        2,
        "03",
        mutation_date=D(2024, 3, 5),
        first_absence_date=D(2024, 3, 2),
        previous_first_absence_date=D(2024, 3, 1),
        reference="VZ-FIX",
    )
    r = v.process(fitting)  # repairs the broken case
    assert r.status is Status.ACCEPTED
    view = v.case(*WG, "C1")
    assert view is not None and view.broken is None and view.first_absence_date == D(2024, 3, 2)
    assert v.process(change("C1", 3, D(2024, 3, 9), "50.00", first=D(2024, 3, 2))).status is (
        Status.ACCEPTED
    )


def test_correction_with_an_unknown_old_mutation_date() -> None:
    v = ChainValidator()
    run(v, sick("C1"), change("C1", 2, D(2024, 3, 5), "50.00"))
    bad = msg(
        "C1",
        3,
        "03",
        mutation_date=D(2024, 3, 6),
        previous_mutation_date=D(2024, 3, 4),
        first_absence_date=D(2024, 3, 1),
        percentage="50.00",
    )
    assert codes(v.process(bad)) == ["chain.correction-mismatch"]
    good = msg(
        "C1",
        3,
        "03",
        mutation_date=D(2024, 3, 6),
        previous_mutation_date=D(2024, 3, 1),
        first_absence_date=D(2024, 3, 1),
        percentage="50.00",
        reference="OK",
    )
    assert v.process(good).status is Status.ACCEPTED


def test_correction_renames_a_case() -> None:
    v = ChainValidator()
    v.process(sick("OLD"))
    rename = msg(
        "NEW",
        2,
        "03",
        mutation_date=D(2024, 3, 3),
        first_absence_date=D(2024, 3, 1),
        previous_case_id="OLD",
    )
    assert v.process(rename).status is Status.ACCEPTED
    assert v.case(*WG, "OLD") is None
    view = v.case(*WG, "NEW")
    assert view is not None and view.last_sequence == 2
    assert v.process(change("NEW", 3, D(2024, 3, 6), "50.00")).status is Status.ACCEPTED
    v.process(sick("OTHER", D(2024, 1, 1), employee="EXT-002"))
    clash = msg(
        "OTHER",
        4,
        "03",
        mutation_date=D(2024, 3, 7),
        first_absence_date=D(2024, 3, 1),
        previous_case_id="NEW",
        percentage="50.00",
    )
    assert codes(v.process(clash)) == ["chain.correction-mismatch"]


# --------------------------------------------------------------------------- compound absence


@pytest.mark.parametrize(
    ("gap", "config", "flagged"),
    [
        (0, {}, True),
        (27, {}, True),
        (28, {}, True),
        (29, {}, False),
        (27, {"inclusive": False}, True),
        (28, {"inclusive": False}, False),
        (14, {"window_days": 14}, True),
        (15, {"window_days": 14}, False),
    ],
)
def test_compound_absence_boundaries(gap: int, config: dict[str, Any], flagged: bool) -> None:
    cfg = ChainConfig().with_rule("chain.compound-absence", **config) if config else None
    v = ChainValidator(cfg)
    run(v, sick("C1"), end("C1", 2, D(2024, 3, 10)))
    start = D(2024, 3, 10) + dt.timedelta(days=gap)
    r = v.process(sick("C2", start))
    assert r.status is Status.ACCEPTED
    assert (codes(r) == ["chain.compound-absence"]) is flagged
    assert (r.mutations[0].linked_case == "C1") is flagged
    view = v.case(*WG, "C2")
    assert view is not None and (view.linked_case == "C1") is flagged


def test_compound_absence_links_to_the_latest_case_and_across_employments() -> None:
    v = ChainValidator()
    run(
        v,
        sick("C1", D(2024, 1, 1)),
        end("C1", 2, D(2024, 1, 20), first=D(2024, 1, 1)),
        sick("C2", D(2024, 2, 1)),
        end("C2", 2, D(2024, 2, 10), first=D(2024, 2, 1)),
    )
    r = v.process(sick("C3", D(2024, 2, 20)))
    assert r.mutations[0].linked_case == "C2"
    base = Baseline(
        cases=[BaselineCase(*WG, "EXT-9", "B1", D(2024, 1, 2), recovery_date=D(2024, 2, 1))]
    )
    v2 = ChainValidator(baseline=base)
    r = v2.process(sick("N1", D(2024, 2, 10), employee="EXT-9"))
    assert r.mutations[0].linked_case == "B1"
    disabled = ChainConfig().with_rule("chain.compound-absence", enabled=False)
    v3 = ChainValidator(disabled, baseline=base)
    assert v3.process(sick("N1", D(2024, 2, 10), employee="EXT-9")).all_findings == ()


# --------------------------------------------------------------------------- configuration


def test_rule_configuration_is_checked() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        ChainConfig({"chain.nope": RuleConfig()})
    with pytest.raises(ValueError, match="cannot be configured"):
        ChainConfig().with_rule("chain.unauthorised-employer", enabled=False)
    with pytest.raises(ValueError, match="has no parameter"):
        ChainConfig().with_rule("chain.overlap", window=3)
    with pytest.raises(ValueError, match="parameter action"):
        ChainConfig().with_rule("chain.sequence-gap", action="later")
    with pytest.raises(ValueError, match="parameter window_days"):
        ChainConfig().with_rule("chain.compound-absence", window_days=-1)
    with pytest.raises(ValueError, match="parameter maximum"):
        ChainConfig().with_rule("chain.percentage-range", maximum="lots")
    with pytest.raises(ValueError, match="parameter inclusive"):
        ChainConfig().with_rule("chain.compound-absence", inclusive="yes")
    cfg = ChainConfig().with_rule("chain.overlap", severity=Severity.WARNING)
    assert cfg.severity("chain.overlap") is Severity.WARNING
    assert ChainConfig.from_dict(cfg.to_dict()) == cfg
    off = ChainConfig().with_rule("chain.overlap", enabled=False)
    assert off.severity("chain.overlap") is None
    assert ChainConfig.from_dict(off.to_dict()).severity("chain.overlap") is None
    with pytest.raises(ValueError):
        ChainConfig.from_dict({"rules": []})


def test_disabled_rules_let_the_state_follow_the_messages() -> None:
    cfg = ChainConfig(
        {
            "chain.start-without-sick-report": RuleConfig(enabled=False),
            "chain.unknown-employee": RuleConfig(enabled=False),
        }
    )
    v = ChainValidator(cfg)
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert r.status is Status.ACCEPTED
    view = v.case(*WG, "C1")
    assert view is not None and view.absence_percentage == 50
    warn = ChainConfig().with_rule("chain.overlap", severity=Severity.WARNING)
    v2 = ChainValidator(warn)
    run(v2, sick("C1"), end("C1", 2, D(2024, 3, 20)))
    r = v2.process(msg("C2", 1, mutation_date=D(2024, 3, 22), first_absence_date=D(2024, 3, 15)))
    assert r.status is Status.ACCEPTED and codes(r) == ["chain.overlap"]
