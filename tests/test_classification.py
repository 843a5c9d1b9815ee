"""The eleven classifications and their derivation by a decision table (issue 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim import MessageType, Release, SiviError, parse, to_model
from sivi_verzuim.classification import (
    DEFAULT_DECISION_TABLE,
    FACTS,
    AbsenceClassification,
    AbsenceContext,
    ClassificationError,
    Condition,
    DecisionRule,
    DecisionTable,
    DecisionTableError,
    absence_contexts,
    classify,
    classify_message,
    load_decision_table,
    parse_decision_table,
)
from sivi_verzuim.model import (
    AbsenceCause,
    EmploymentType,
    SafetyNetCode,
    SpecialAbsenceStartReason,
    WazoCode,
    YesNoUnknown,
)
from sivi_verzuim.testing import messages

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
C = AbsenceClassification

LABELS = [
    "Ziekte - arbeidsongeval",
    "Ziekte - verkeersongeval met regresmogelijkheid",
    "Ziekte - overige redenen",
    "Ziekte - zwangerschap en/of bevalling (vangnet)",
    "Ziekte - orgaandonatie (vangnet)",
    "Ziekte - WW-uitkering en meer dan xx weken verzuim (vangnet)",
    "Ziekte - uitzendkracht of oproepkracht (vangnet)",
    "Ziekte - beëindiging dienstverband tijdens verzuim (vangnet)",
    "Ziekte - gedeeltelijk verzuim binnen x jaar na begin dienstverband (vangnet)",
    "Ziekte - bijzonder dienstverband (vangnet)",
    "Ziekte - overige oorzaken (vangnet)",
]


# --------------------------------------------------------------------------- the eleven


def test_the_eleven_have_numbers_and_exact_labels() -> None:
    assert [c.number for c in C] == list(range(1, 12))
    assert [c.label for c in C] == LABELS
    assert [c.safety_net for c in C] == [False] * 3 + [True] * 8
    assert str(C.ORGAN_DONATION) == "5 Ziekte - orgaandonatie (vangnet)"


@pytest.mark.parametrize("cls", list(C))
def test_lookup_by_name_number_and_label(cls: AbsenceClassification) -> None:
    for key in (cls.name, cls.name.lower(), cls.number, str(cls.number), cls.label):
        assert C.lookup(key) is cls
    assert C.lookup(cls.label.removeprefix("Ziekte - ")) is cls
    assert C.lookup(f"0{cls.number}") is cls


@pytest.mark.parametrize("bad", ["", "0", "12", 12, "ARBEIDSONGEVAL", "Ziekte - arbeidsongeval "])
def test_lookup_rejects_unknown(bad: object) -> None:
    if bad == "Ziekte - arbeidsongeval ":  # surrounding blanks are forgiven
        assert C.lookup("Ziekte - arbeidsongeval ") is C.OCCUPATIONAL_ACCIDENT
        return
    with pytest.raises(ValueError, match="absence classification"):
        C.lookup(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- derivation


@pytest.fixture(scope="module")
def base() -> AbsenceContext:
    """The 2025 example's sick report in its context (VngntJN=N, OorzkVrzmCd=99)."""
    contexts = list(absence_contexts(parse(EXAMPLES / "2025" / "VZ-2025-01-ziekmelding.xml")))
    assert len(contexts) == 1
    return contexts[0]


def vary(ctx: AbsenceContext, **changes: Any) -> AbsenceContext:
    """The context with changed fields: mutation fields by name, ``employment__x`` and
    ``employee__x`` for the employment and employee, ``release`` for the release."""
    mutation: dict[str, Any] = {}
    employment: dict[str, Any] = {}
    employee: dict[str, Any] = {}
    release = ctx.release
    for key, value in changes.items():
        if key.startswith("employment__"):
            employment[key.removeprefix("employment__")] = value
        elif key.startswith("employee__"):
            employee[key.removeprefix("employee__")] = value
        elif key == "release":
            release = value
        else:
            mutation[key] = value
    assert ctx.employment is not None and ctx.employee is not None
    return attrs.evolve(
        ctx,
        mutation=attrs.evolve(ctx.mutation, **mutation),
        employment=attrs.evolve(ctx.employment, **employment),
        employee=attrs.evolve(ctx.employee, **employee),
        release=release,
    )


J, N, UNKNOWN = YesNoUnknown.YES, YesNoUnknown.NO, YesNoUnknown.UNKNOWN
FIRST_DAY = dt.date(2025, 3, 2)

CASES: list[tuple[str, dict[str, Any], AbsenceClassification, str, str]] = [
    # (name, changes, expected class, expected rule, a piece of the reason)
    ("occupational", {"absence_cause": AbsenceCause.CODE_10}, C(1), "occupational-accident",
     "OorzkVrzmCd=10"),
    ("traffic", {"absence_cause": AbsenceCause.CODE_11}, C(2), "traffic-accident",
     "OorzkVrzmCd=11"),
    ("other", {}, C(3), "other-reasons", "VngntJN=N, OorzkVrzmCd=99"),
    ("wazo", {"safety_net": J, "wazo_code": WazoCode.CODE_02}, C(4), "safety-net-wazo",
     "WAZOCd=02"),
    ("wazo, flag unknown", {"safety_net": UNKNOWN, "wazo_code": WazoCode.CODE_01}, C(4),
     "safety-net-wazo", "VngntJN=O"),
    ("start 01", {"safety_net": J, "special_start_reason": SpecialAbsenceStartReason.CODE_01},
     C(4), "safety-net-start-pregnancy", "BijzRdnStartVrzmCd=01"),
    ("start 02", {"safety_net": J, "special_start_reason": SpecialAbsenceStartReason.CODE_02},
     C(5), "safety-net-start-organ-donation", "BijzRdnStartVrzmCd=02"),
    ("after employment", {"safety_net": J, "employment__end_date": FIRST_DAY - dt.timedelta(1)},
     C(6), "safety-net-after-employment", "before the absence"),
    ("agency", {"safety_net": J, "employment__employment_type": EmploymentType.CODE_23},
     C(7), "safety-net-agency-on-call", "SrtDnstvbndCd=23"),
    ("agency ending", {"safety_net": J, "employment__employment_type": EmploymentType.CODE_22,
                       "employment__end_date": FIRST_DAY + dt.timedelta(10)},
     C(7), "safety-net-agency-on-call", "SrtDnstvbndCd=22"),
    ("ended during", {"safety_net": J, "employment__employment_type": EmploymentType.CODE_20,
                      "employment__end_date": FIRST_DAY},
     C(8), "safety-net-employment-ended", "during the absence"),
    ("ended during, flag unknown", {"safety_net": UNKNOWN, "employment__end_date": FIRST_DAY},
     C(8), "safety-net-employment-ended", "VngntJN=O"),
    ("no-risk", {"safety_net": J, "employee__no_risk_policy": True}, C(9),
     "safety-net-no-risk", "WrknmrNoriskJN=J"),
    ("start 03", {"safety_net": J, "special_start_reason": SpecialAbsenceStartReason.CODE_03},
     C(9), "safety-net-start-no-risk", "BijzRdnStartVrzmCd=03"),
    ("special employment", {"safety_net": J}, C(10), "safety-net-special-employment",
     "SrtDnstvbndCd=04"),
    ("safety net, nothing specific", {"safety_net": J,
                                      "employment__employment_type": EmploymentType.CODE_20},
     C(11), "safety-net-other", "VngntJN=J"),
    ("start 04", {"safety_net": J, "special_start_reason": SpecialAbsenceStartReason.CODE_04,
                  "employment__employment_type": None}, C(11), "safety-net-other", "VngntJN=J"),
    ("explicit N wins over WAZO", {"safety_net": N, "wazo_code": WazoCode.CODE_01,
                                   "absence_cause": AbsenceCause.CODE_10},
     C(1), "occupational-accident", "OorzkVrzmCd=10"),
    ("flag unknown, type alone is not enough",
     {"safety_net": UNKNOWN, "employment__employment_type": EmploymentType.CODE_23},
     C(3), "other-reasons", "VngntJN=O"),
    ("ended after recovery", {"safety_net": J, "employment__employment_type": None,
                              "recovery_date": FIRST_DAY + dt.timedelta(5),
                              "employment__end_date": FIRST_DAY + dt.timedelta(5)},
     C(11), "safety-net-other", "VngntJN=J"),
    ("2017 VngntCd 02 reads as J", {"safety_net": None, "safety_net_code": SafetyNetCode.CODE_02,
                                    "employment__employment_type": None,
                                    "release": Release.R2017},
     C(11), "safety-net-other", "VngntCd=02 (read as VngntJN=J)"),
    ("2017 VngntCd 00 reads as N", {"safety_net": None, "safety_net_code": SafetyNetCode.CODE_00,
                                    "wazo_code": WazoCode.CODE_01, "release": Release.R2017},
     C(3), "other-reasons", "VngntCd=00 (read as VngntJN=N)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "changes", "expected", "rule", "shown"), CASES)
def test_default_table(
    base: AbsenceContext,
    name: str,
    changes: dict[str, Any],
    expected: AbsenceClassification,
    rule: str,
    shown: str,
) -> None:
    derivation = classify(vary(base, **changes))
    assert derivation.classification is expected, name
    assert derivation.rule.id == rule
    assert shown in derivation.reason
    assert derivation.reason.endswith(f"[rule {rule}]")


def test_every_class_is_reachable_with_the_default_table() -> None:
    assert {case[2] for case in CASES} == set(C)
    assert {r.classification for r in DEFAULT_DECISION_TABLE.rules} == set(C)


def test_classify_takes_the_context_as_arguments(base: AbsenceContext) -> None:
    ctx = vary(base, safety_net=J, employee__no_risk_policy=True)
    assert ctx.employment is not None
    by_args = classify(ctx.mutation, employment=ctx.employment, employee=ctx.employee)
    assert by_args == classify(ctx)
    assert by_args.classification is C.PARTIAL_ABSENCE_EARLY_IN_EMPLOYMENT
    alone = classify(ctx.mutation)  # no context: no no-risk flag, no employment
    assert alone.classification is C.OTHER_CAUSES_SAFETY_NET
    assert DEFAULT_DECISION_TABLE.classify(ctx) == by_args


def test_the_evidence_names_the_deciding_fields(base: AbsenceContext) -> None:
    d = classify(vary(base, safety_net=J, wazo_code=WazoCode.CODE_03))
    assert [(f.name, f.value) for f in d.evidence] == [("safety_net", "J"), ("wazo", "03")]
    assert d.reason == "VngntJN=J, WAZOCd=03 [rule safety-net-wazo]"


def test_classify_message_only_takes_verzuimmeldingen() -> None:
    with pytest.raises(ClassificationError, match="Verzuimmeldingen") as info:
        classify_message(parse(EXAMPLES / "2021" / "Dienstverbanden.xml"))
    assert isinstance(info.value, SiviError)


def test_classify_message_accepts_the_model() -> None:
    message = parse(EXAMPLES / "2022" / "VZ-2022-02-gedeeltelijk-herstel.xml")
    from_message = classify_message(message)
    from_model = classify_message(to_model(message), release=Release.R2022)
    assert [i.derivation for i in from_model] == [i.derivation for i in from_message]
    assert from_message[0].context.release is Release.R2022
    assert (from_message[0].case_id, from_message[0].sequence) == ("VZ-2022-000123", 2)


# --------------------------------------------------------------------------- property tests


def _mutation_count(message: Any) -> int:
    return sum(
        len(d.absence_mutations)
        for e in to_model(message).employers
        for w in e.employees
        for d in w.employments
    )


@pytest.mark.parametrize("release", list(Release))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_generated_mutation_gets_exactly_one_classification(
    release: Release, data: st.DataObject
) -> None:
    message = data.draw(messages(release, MessageType.VERZUIMMELDINGEN))
    items = classify_message(message)
    assert len(items) == _mutation_count(message) >= 1
    for item in items:
        cls = item.classification
        assert isinstance(cls, AbsenceClassification)
        # exactly one: the first rule that applies, and it is the one reported
        facts = {f.name: f for f in item.derivation.evidence}
        assert item.derivation.rule.applies(facts | _all_facts(item.context))
        first = next(r for r in DEFAULT_DECISION_TABLE.rules if r.applies(_all_facts(item.context)))
        assert first is item.derivation.rule
        # the table's principles: an explicit flag decides the family
        flag = _all_facts(item.context)["safety_net"].value
        if flag == "N":
            assert not cls.safety_net
        if flag == "J":
            assert cls.safety_net
        if release is not Release.R2017:
            assert item.context.mutation.safety_net_code is None


def _all_facts(ctx: AbsenceContext) -> dict[str, Any]:
    from sivi_verzuim.classification._facts import read_facts

    return read_facts(ctx, dict(DEFAULT_DECISION_TABLE.safety_net_codes))


# --------------------------------------------------------------------------- decision tables


def test_default_table_round_trips_through_toml() -> None:
    text = DEFAULT_DECISION_TABLE.to_toml()
    again = parse_decision_table(text)
    assert again == DEFAULT_DECISION_TABLE
    assert again.to_toml() == text


def test_example_decision_table_is_the_default() -> None:
    path = EXAMPLES / "classification" / "decision-table.toml"
    assert path.read_text(encoding="utf-8") == DEFAULT_DECISION_TABLE.to_toml(), (
        "regenerate: sivi-verzuim classification table -o examples/classification/"
        "decision-table.toml"
    )
    table = load_decision_table(path)
    assert table == DEFAULT_DECISION_TABLE
    assert table.source == str(path)


def test_a_python_table_replaces_the_default(base: AbsenceContext) -> None:
    table = DecisionTable(
        name="everything is a safety-net case",
        rules=[
            DecisionRule(
                id="accident", classification="OCCUPATIONAL_ACCIDENT", when={"OorzkVrzmCd": "10"}
            ),
            DecisionRule(id="rest", classification=11),
        ],
    )
    assert classify(base, table=table).classification is C.OTHER_CAUSES_SAFETY_NET
    assert classify(base, table=table).reason == "no condition [rule rest]"
    accident = vary(base, absence_cause=AbsenceCause.CODE_10)
    assert table.classify(accident).classification is C.OCCUPATIONAL_ACCIDENT
    assert table.rule("accident").when == (Condition("cause", any_of=("10",)),)


def test_editing_one_row_of_the_default(base: AbsenceContext) -> None:
    rules = [
        attrs.evolve(r, when={"safety_net": "J", "employment_type": ["04", "20"]})
        if r.id == "safety-net-special-employment"
        else r
        for r in DEFAULT_DECISION_TABLE.rules
    ]
    table = attrs.evolve(DEFAULT_DECISION_TABLE, rules=rules, name="mine")
    ctx = vary(base, safety_net=J, employment__employment_type=EmploymentType.CODE_20)
    assert classify(ctx).classification is C.OTHER_CAUSES_SAFETY_NET
    assert classify(ctx, table=table).classification is C.SPECIAL_EMPLOYMENT


def test_toml_table_with_numbers_tags_and_absence(base: AbsenceContext, tmp_path: Path) -> None:
    path = tmp_path / "table.toml"
    path.write_text(
        """
name = "partial absence early in the employment"
description = "ours"

[safety_net_codes]
"00" = "N"
"02" = "J"
"03" = "O"
"99" = "O"

[[rule]]
id = "early-partial"
classification = "Ziekte - gedeeltelijk verzuim binnen x jaar na begin dienstverband (vangnet)"
when = { employment_years = { lt = 5 }, absence_percentage = { gt = 0, lt = 100 } }

[[rule]]
id = "no-employment-data"
classification = 11
when = { SrtDnstvbndCd = "absent", release = ["2024", "2025"] }

[[rule]]
id = "rest"
classification = "OTHER_REASONS"
cites = ["cause"]
note = '''
Everything
else.'''
""",
        encoding="utf-8",
    )
    table = load_decision_table(path)
    assert table.rule("rest").note == "Everything else."
    early = vary(
        base, employment__start_date=dt.date(2021, 3, 3), absence_percentage=Decimal("50.00")
    )
    d = table.classify(early)
    assert d.classification is C.PARTIAL_ABSENCE_EARLY_IN_EMPLOYMENT
    assert "3 years before the first day of absence" in d.reason
    assert "PrcVrzm=50.00" in d.reason
    full = vary(early, absence_percentage=Decimal("100.00"))
    assert table.classify(full).rule.id == "rest"
    assert table.classify(full).reason == "OorzkVrzmCd=99 [rule rest]"
    unknown = vary(base, employment__employment_type=None)
    assert table.classify(unknown).classification is C.OTHER_CAUSES_SAFETY_NET
    assert table.classify(attrs.evolve(unknown, release=Release.R2022)).rule.id == "rest"
    assert parse_decision_table(table.to_toml()) == table


@pytest.mark.parametrize(
    ("spec", "accepts", "refuses"),
    [
        ("J", ["J"], ["N", None]),
        (["J", "O"], ["J", "O"], ["N", None]),
        ("absent", [None], ["J"]),
        ("present", ["J", "N"], [None]),
        ({"not": "N"}, ["J", "O", None], ["N"]),
        ({"not": ["N", "absent"]}, ["J"], ["N", None]),
        ({"in": ["J", "N"], "not": "N"}, ["J"], ["N", "O"]),
    ],
)
def test_condition_short_forms(spec: object, accepts: list[Any], refuses: list[Any]) -> None:
    from sivi_verzuim.classification import Fact

    condition = Condition.parse("VngntJN", spec)
    assert condition.fact == "safety_net"
    for value in accepts:
        assert condition.matches(Fact("safety_net", value, "")), value
    for value in refuses:
        assert not condition.matches(Fact("safety_net", value, "")), value
    assert Condition.parse("safety_net", condition.to_spec()) == condition
    assert condition.describe().startswith("VngntJN ")


def test_numeric_conditions() -> None:
    from sivi_verzuim.classification import Fact

    condition = Condition.parse("employment_years", {"ge": 1, "lt": 5})
    assert [condition.matches(Fact("employment_years", Decimal(n), "")) for n in range(7)] == [
        False, True, True, True, True, False, False,
    ]  # fmt: skip
    assert not condition.matches(Fact("employment_years", None, ""))
    assert Condition.parse("absence_percentage", 100).eq == Decimal(100)
    assert condition.describe() == "Ingdat >= 1 and < 5"


@pytest.mark.parametrize(
    ("fact", "spec", "message"),
    [
        ("colour", "red", "unknown fact 'colour'"),
        ("cause", "12", "unknown value '12'"),
        ("cause", 10, "must be a string"),
        ("no_risk", True, "write J or N as a string"),
        ("cause", {"lt": 5}, "compares numbers"),
        ("cause", {"is": "10"}, "unknown test 'is'"),
        ("cause", [], "empty list"),
        ("employment_years", "5", "numeric fact"),
        ("employment_years", {"lt": "five"}, "wants a number"),
    ],
)
def test_bad_conditions(fact: str, spec: object, message: str) -> None:
    with pytest.raises(DecisionTableError, match=message):
        Condition.parse(fact, spec)


def test_table_must_end_with_a_catch_all_and_nothing_after_it() -> None:
    with pytest.raises(DecisionTableError) as info:
        DecisionTable(
            rules=[
                DecisionRule(id="a", classification=1),
                DecisionRule(id="a", classification=2, when={"cause": "11"}),
            ]
        )
    codes = [f.code for f in info.value.findings]
    assert codes == ["table.unreachable", "table.duplicate", "table.no-catch-all"]
    with pytest.raises(DecisionTableError, match="at least one rule"):
        DecisionTable(rules=[])
    with pytest.raises(DecisionTableError, match="unknown VngntCd '01'"):
        DecisionTable(rules=[DecisionRule(id="x", classification=1)], safety_net_codes={"01": "J"})
    with pytest.raises(DecisionTableError, match="cites unknown fact"):
        DecisionRule(id="x", classification=1, cites=["colour"])
    with pytest.raises(DecisionTableError, match="unknown absence classification"):
        DecisionRule(id="x", classification="ACCIDENT")


BROKEN_TABLE = """\
name = "broken"
colour = "red"

[[rule]]
id = "one"
classification = "ACCIDENT"
when = { cause = "10" }

[[rule]]
id = "two"
classification = 2
when = { cause = "12", colour = "red" }
extra = 1

[[rule]]
id = "three"
classification = 3
when = { cause = "11" }
"""


def test_broken_toml_table_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN_TABLE, encoding="utf-8")
    with pytest.raises(DecisionTableError) as info:
        load_decision_table(path)
    found = [(f.code, f.line) for f in info.value.findings]
    assert found == [
        ("table.format", 2),
        ("table.unknown-classification", 4),
        ("table.format", 9),
        ("table.condition", 9),
        ("table.condition", 9),
    ]
    assert all(f.file == str(path) for f in info.value.findings)
    text = str(info.value)
    assert f"{path}, line 9: [table.condition] rule 'two': cause: unknown value '12'" in text
    # fixed up, the last rule still is no catch-all
    fixed = BROKEN_TABLE.replace('colour = "red"\n', "").replace(', colour = "red"', "")
    fixed = fixed.replace('"ACCIDENT"', "1").replace('"12"', '"11"').replace("extra = 1\n", "")
    with pytest.raises(DecisionTableError) as info:
        parse_decision_table(fixed, file="fixed.toml")
    assert [(f.code, f.line) for f in info.value.findings] == [("table.no-catch-all", 13)]


def test_toml_table_syntax_error_has_a_line() -> None:
    with pytest.raises(DecisionTableError) as info:
        parse_decision_table('name = "x"\n[[rule]\n', file="t.toml")
    (finding,) = info.value.findings
    assert (finding.code, finding.line, finding.file) == ("table.syntax", 2, "t.toml")


def test_fact_catalogue_names_its_sivi_tags() -> None:
    tags = {spec.sivi for spec in FACTS.values()}
    for tag in ("OorzkVrzmCd", "VngntJN", "VngntCd", "WAZOCd", "BijzRdnStartVrzmCd"):
        assert tag in tags
    assert {"WrknmrNoriskJN", "SrtDnstvbndCd", "Enddat"} <= tags
    for rule in DEFAULT_DECISION_TABLE.rules:
        assert rule.note.startswith(("[law]", "[structure]", "[assumption]")), rule.id
