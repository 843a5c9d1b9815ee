"""A damaged chain-state document never crashes ``ChainValidator.restore``: every kind of
damage is a StateError naming where it is, and a state that loads behaves exactly as saved."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from chain_builders import change, end, sick
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim import SiviError
from sivi_verzuim.chain import (
    Baseline,
    BaselineCase,
    ChainConfig,
    ChainValidator,
    StateError,
    Status,
    UnknownCaseError,
)
from sivi_verzuim.chain.testing import EMPLOYER, absence_message, broken_chains, chains
from sivi_verzuim.classification import DEFAULT_DECISION_TABLE
from sivi_verzuim.errors import MAX_VALUE_CHARS

D = dt.date
WG = EMPLOYER
MARCH_1 = D(2024, 3, 1)

Doc = dict[str, Any]


def busy() -> ChainValidator:
    """A validator with a bit of everything: a baseline case, a closed case, a broken one, a
    waiting message, a held queue, classifications and a configuration."""
    v = ChainValidator(
        ChainConfig()
        .with_rule("chain.compound-absence", window_days=10)
        .with_rule("chain.percentage-range", maximum="120"),
        baseline=Baseline(cases=[BaselineCase(*WG, "EXT-B", "B1", D(2024, 2, 1))]),
        authorized=[WG],
        decision_table=DEFAULT_DECISION_TABLE,
    )
    v.process(sick("C0", D(2024, 1, 2), employee="EXT-000"))
    v.process(end("C0", 2, D(2024, 1, 9), first=D(2024, 1, 2), employee="EXT-000"))
    v.process(sick("C1"))
    v.process(change("C1", 2, D(2024, 3, 5), "150.00"))  # broken
    v.process(sick("C2", employee="EXT-002"))
    v.process(change("C2", 3, D(2024, 3, 9), "30.00", employee="EXT-002"))  # waiting
    v.hold()
    v.process(change("B1", 2, D(2024, 3, 3), "50.00", first=D(2024, 2, 1), employee="EXT-B"))
    return v


BUSY: Doc = json.loads(json.dumps(busy().save()))


def damaged(change: Callable[[Doc], Any]) -> Doc:
    doc = copy.deepcopy(BUSY)
    change(doc)
    return doc


def case_index(doc: Doc, case_id: str) -> int:
    return next(i for i, c in enumerate(doc["cases"]) if c["case_id"] == case_id)


def refused(doc: Any) -> StateError:
    with pytest.raises(StateError) as info:
        ChainValidator.restore(doc)
    return info.value


# --------------------------------------------------------------------------- round trips


def test_the_busy_state_has_everything_the_damage_tests_need() -> None:
    assert BUSY["held"] and BUSY["queue"] and BUSY["waiting"] and BUSY["broken"]
    statuses = {c["status"] for c in BUSY["cases"]}
    assert statuses == {"open", "closed"}
    assert any(c["classification"] is not None for c in BUSY["cases"])
    assert any(c["baseline_sequence"] is not None for c in BUSY["cases"])
    assert BUSY["config"]["rules"]


def test_a_restored_state_saves_the_identical_document() -> None:
    v = busy()
    saved = v.save()
    w = ChainValidator.restore(json.loads(json.dumps(saved)), decision_table=v.decision_table)
    assert w.save() == saved
    assert w.cases() == v.cases()
    assert (w.queued(), w.waiting(), w.held) == (v.queued(), v.waiting(), v.held)
    # and both go on alike
    more = [change("C2", 2, D(2024, 3, 5), "50.00", employee="EXT-002"), sick("C9")]
    assert [r.status for r in v.resume()] == [r.status for r in w.resume()]
    assert [v.process(m) for m in more] == [w.process(m) for m in more]
    assert w.save() == v.save()


def test_older_documents_without_the_later_fields_still_load() -> None:
    doc = copy.deepcopy(BUSY)
    for c in doc["cases"]:
        for key in ("linked_case", "resync", "baseline_sequence", "classification"):
            del c[key]
    for m in doc["queue"] + doc["waiting"]:
        for key in ("reference", "file", "release", "sender", "recipient", "test"):
            del m[key]
        for it in m["items"]:
            del it["classification"]
            for key in ("previous_absence_case_id", "absence_end_reason", "recovery_date"):
                del it["mutation"][key]
    ChainValidator.restore(doc)


def test_overridden_sections_are_not_read() -> None:
    doc = damaged(lambda d: d.update(config="junk", authorized=42))
    w = ChainValidator.restore(doc, config=ChainConfig(), authorized=None)
    assert w.config == ChainConfig() and w.authorized is None
    assert refused(doc).location == "config"


# --------------------------------------------------------------------------- each kind of damage


def _set(*path: Any) -> Callable[[Any], Callable[[Doc], None]]:
    """A damage that sets the value at ``path`` (case ids name cases)."""

    def value(new: Any) -> Callable[[Doc], None]:
        def apply(doc: Doc) -> None:
            node: Any = doc
            steps = [case_index(doc, p[5:]) if str(p).startswith("case:") else p for p in path]
            for step in steps[:-1]:
                node = node[step]
            node[steps[-1]] = new

        return apply

    return value


def _queued(*path: Any) -> Callable[[Any], Callable[[Doc], None]]:
    return _set("queue", 0, *path)


def _mutation(key: str) -> Callable[[Any], Callable[[Doc], None]]:
    return _queued("items", 0, "mutation", key)


C1 = "case:C1"
C0 = "case:C0"

DAMAGE: list[tuple[str, Callable[[Doc], Any], str]] = [
    # booleans must be JSON booleans
    ("held as a string", _set("held")("false"), "held"),
    ("held as a number", _set("held")(0), "held"),
    ("resync as a string", _set("cases", C1, "resync")("no"), "cases[2].resync"),
    ("ended as null", _mutation("absence_ended")(None), "mutation.absence_ended"),
    ("test as a string", _queued("test")("false"), "queue[0].test"),
    # percentages
    ("percentage NaN", _set("cases", C1, "absence_percentage")("NaN"), "absence_percentage"),
    ("percentage above the schema", _set("cases", C1, "absence_percentage")("99999"), "cases[2]"),
    ("percentage negative", _set("cases", C1, "absence_percentage")("-5"), "absence_percentage"),
    ("percentage, 3 decimals", _mutation("absence_percentage")("50.005"), "absence_percentage"),
    ("percentage exponent", _mutation("absence_percentage")("1E+2"), "absence_percentage"),
    ("percentage a number", _set("cases", C1, "absence_percentage")(50), "absence_percentage"),
    ("percentage padded", _set("cases", C1, "absence_percentage")(" 50"), "absence_percentage"),
    ("report percentage", _set("cases", C1, "reports", 0, 1, 4)("Infinity"), "reports[0][1][4]"),
    # whole numbers
    ("sequence a float", _set("cases", C1, "last_sequence")(2.7), "cases[2].last_sequence"),
    ("sequence a string", _set("cases", C1, "last_sequence")("3"), "cases[2].last_sequence"),
    ("sequence a boolean", _set("cases", C1, "last_sequence")(True), "cases[2].last_sequence"),
    ("sequence below -1", _set("cases", C1, "last_sequence")(-2), "cases[2].last_sequence"),
    ("sequence above 999", _mutation("report_sequence_number")(1000), "report_sequence_number"),
    ("sequence huge", _mutation("report_sequence_number")(10**5000), "report_sequence_number"),
    ("report sequence", _set("cases", C1, "reports", 0, 0)(-1), "cases[2].reports[0][0]"),
    ("broken sequence", _set("broken", 0, "sequence")(None), "broken[0].sequence"),
    ("next_index negative", _set("next_index")(-1), "next_index"),
    ("next_index a float", _set("next_index")(7.0), "next_index"),
    ("message index negative", _queued("index")(-3), "queue[0].index"),
    ("location zero", _queued("items", 0, "location", 2)(0), "location[2]"),
    ("classification 12", _set("cases", C1, "classification")(12), "cases[2].classification"),
    ("finding line", _set("broken", 0, "root", "line")("7"), "broken[0].root.line"),
    # dates
    ("date without dashes", _set("cases", C1, "first_absence_date")("20240301"), "first_absence"),
    ("date of a week", _set("cases", C1, "last_mutation_date")("2024-W10-1"), "last_mutation"),
    ("date that is not", _set("cases", C0, "end_date")("2024-02-30"), "cases[1].end_date"),
    ("date as a number", _mutation("mutation_date")(20240303), "mutation.mutation_date"),
    ("date with a time", _mutation("recovery_date")("2024-03-03T00:00"), "recovery_date"),
    ("report date", _set("cases", C1, "reports", 0, 1, 1)(""), "cases[2].reports[0][1][1]"),
    # enums
    ("status", _set("cases", C1, "status")("sleeping"), "cases[2].status"),
    ("processing code", _mutation("processing_code")("06"), "mutation.processing_code"),
    ("processing code number", _mutation("processing_code")(2), "mutation.processing_code"),
    ("end reason", _mutation("absence_end_reason")("02"), "mutation.absence_end_reason"),
    ("report code", _set("cases", C1, "reports", 0, 1, 0)("1"), "cases[2].reports[0][1][0]"),
    ("severity", _set("broken", 0, "root", "severity")("fatal"), "broken[0].root.severity"),
    ("release", _queued("release")("1999"), "queue[0].release"),
    ("release empty", _queued("release")(""), "queue[0].release"),
    # strings stay strings
    ("case id a number", _set("cases", C1, "case_id")(1), "cases[2].case_id"),
    ("employee id null", _set("cases", C1, "employee_id")(None), "cases[2].employee_id"),
    ("employee a list", _set("employees", 0, 2)(["EXT-000"]), "employees[0][2]"),
    ("reference an object", _queued("reference")({"a": 1}), "queue[0].reference"),
    ("baseline a number", _set("baselines", 0)(7), "baselines[0]"),
    ("authorised pair", _set("authorized", 0, 1)(None), "authorized[0][1]"),
    # objects and lists of the expected shape
    ("a case as a list", _set("cases", 0)([]), "cases[0]"),
    ("cases as an object", _set("cases")({}), "cases"),
    ("the queue as a string", _set("queue")("[]"), "queue"),
    ("a report of 3", _set("cases", C1, "reports", 0)([1, 2, 3]), "cases[2].reports[0]"),
    ("a report key of 6", _set("cases", C1, "reports", 0, 1)([1] * 6), "reports[0][1]"),
    ("an employee of 3", _set("employees", 0)(["WG-1", "AANS-1", "EXT-000"]), "employees[0]"),
    ("a location of 3", _queued("items", 0, "location")([1, 1, 1]), "items[0].location"),
    ("an employer of 1", _queued("employers", 0)(["WG-1"]), "queue[0].employers[0]"),
    ("a mutation as a list", _queued("items", 0, "mutation")([]), "items[0].mutation"),
    ("a finding as a string", _set("broken", 0, "root")("boom"), "broken[0].root"),
    ("classification of 1", _queued("items", 0, "classification")([3]), "classification"),
    # missing fields
    ("no status", lambda d: d["cases"][0].pop("status"), "cases[0].status"),
    ("no end date", lambda d: d["cases"][0].pop("end_date"), "cases[0].end_date"),
    ("no employees", lambda d: d.pop("employees"), "employees"),
    (
        "no mutation date",
        lambda d: d["queue"][0]["items"][0]["mutation"].pop("mutation_date"),
        "queue[0].items[0].mutation.mutation_date",
    ),
    # the configuration
    ("unknown rule", _set("config", "rules", "chain.nope")({}), "config.rules['chain.nope']"),
    ("enabled as a string", _set("config", "rules", "chain.overlap")({"enabled": "no"}), "enab"),
    ("severity unknown", _set("config", "rules", "chain.overlap")({"severity": "x"}), "severity"),
    (
        "minimum NaN",
        _set("config", "rules", "chain.percentage-range", "parameters", "minimum")(float("nan")),
        "parameters.minimum",
    ),
    (
        "minimum a list",
        _set("config", "rules", "chain.percentage-range", "parameters", "minimum")([0]),
        "parameters.minimum",
    ),
    (
        "unknown parameter",
        _set("config", "rules", "chain.percentage-range", "parameters", "maximal")("1"),
        "parameters.maximal",
    ),
    (
        "window as a string",
        _set("config", "rules", "chain.compound-absence", "parameters", "window_days")("10"),
        "window_days",
    ),
    (
        "a rule that cannot be configured",
        _set("config", "rules", "chain.invalid-message")({"enabled": False}),
        "config.rules['chain.invalid-message']",
    ),
    ("rules as a list", _set("config", "rules")([]), "config.rules"),
    # sections against each other
    ("a case twice", lambda d: d["cases"].append(d["cases"][0]), "cases[4]"),
    ("an employee twice", lambda d: d["employees"].append(d["employees"][0]), "employees[4]"),
    ("a case without employee", lambda d: d["employees"][0][3].clear(), "cases[1]"),
    ("a case of no employee", lambda d: d["employees"].pop(0), "cases[1]"),
    ("an id of no case", lambda d: d["employees"][0][3].append("C7"), "employees[0][3][1]"),
    ("an id listed twice", lambda d: d["employees"][0][3].append("C0"), "employees[0][3][1]"),
    (
        "a case under two employees",
        lambda d: d["employees"][1][3].append("C0"),
        "employees[1][3][1]",
    ),
    ("an owner of another name", _set("cases", C0, "employee_id")("EXT-001"), "employee_id"),
    ("a case broken twice", lambda d: d["broken"].append(d["broken"][0]), "broken[1]"),
    ("an open case with an end", _set("cases", C1, "end_date")("2024-03-09"), "cases[2].end_date"),
    ("a closed case without end", _set("cases", C0, "end_date")(None), "cases[1].end_date"),
    ("a queue, not held", _set("held")(False), "held"),
    (
        "next_index at a message",
        lambda d: d.update(next_index=d["queue"][0]["index"]),
        "next_index",
    ),
    (
        "a message index twice",
        lambda d: d["waiting"][0].update(index=d["queue"][0]["index"]),
        "waiting[0].index",
    ),
    ("waiting for nothing", _set("waiting", 0, "waits_for")([]), "waiting[0].waits_for"),
    (
        "waiting for another case",
        _set("waiting", 0, "waits_for", 0)(["WG-1", "AANS-1", "C1"]),
        "waiting[0].waits_for[0]",
    ),
    (
        "an item of another employer",
        _queued("items", 0, "employer")(["WG-2", "AANS-1"]),
        "queue[0].items[0].employer",
    ),
]


@pytest.mark.parametrize(
    ("damage", "where"), [(d, w) for _, d, w in DAMAGE], ids=[name for name, _, _ in DAMAGE]
)
def test_each_kind_of_damage_is_a_state_error_naming_its_place(
    damage: Callable[[Doc], Any], where: str
) -> None:
    error = refused(damaged(damage))
    message = str(error)
    assert message.startswith("damaged chain state at "), message
    assert error.location is not None and where in error.location, (where, message)
    assert error.location in message
    assert "Error(" not in message  # no repr of an internal exception


def test_the_messages_say_what_is_wrong() -> None:
    pct = refused(damaged(_set("cases", C1, "absence_percentage")("NaN")))
    assert str(pct) == (
        "damaged chain state at cases[2].absence_percentage: expected a decimal string from "
        "0 to 9999.99 with at most 2 decimals, got 'NaN'"
    )
    held = refused(damaged(_set("held")("false")))
    assert str(held) == "damaged chain state at held: expected true or false, got 'false'"
    seq = refused(damaged(_set("cases", C1, "last_sequence")(2.7)))
    assert "expected a whole number from -1 to 999, got 2.7" in str(seq)
    twice = refused(damaged(lambda d: d["cases"].append(d["cases"][0])))
    assert "case 'B1' of employer 'WG-1'/'AANS-1' appears twice (also cases[0])" in str(twice)


def test_values_in_messages_are_capped() -> None:
    long = "x" * 10_000
    for damage in (
        _set("cases", C1, "last_sequence")(long),
        _set("cases", C1, "status")(long),
        _set("config", "rules", long)({}),
        _set("config", "rules", "chain.compound-absence", "parameters", "window_days")(long),
        _set("employees", 0, 2)(long),  # the case is listed under another employee
    ):
        message = str(refused(damaged(damage)))
        assert len(message) < 4 * MAX_VALUE_CHARS + 200, message
        assert "(10000 characters)" in message, message


def test_documents_refused_as_a_whole_name_no_place() -> None:
    wrong: list[Any] = [None, [], "state", {"format": "other"}, {**BUSY, "format": None}]
    for doc in wrong:
        error = refused(doc)
        assert "not a chain state" in str(error) and error.location is None
    versions: list[Any] = [99, True, "1", 1.0, [1] * 10_000]
    for version in versions:
        error = refused({**BUSY, "version": version})
        assert "unsupported chain state version" in str(error) and len(str(error)) < 200


# --------------------------------------------------------------------------- foreign failures


class _FailingMapping(Mapping[str, Any]):
    """A mapping an embedding program might pass: reading it fails."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("boom")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("boom")

    def __len__(self) -> int:
        return 1


class _Sneaky(str):
    """A string whose comparisons fail."""

    def __eq__(self, other: object) -> bool:
        raise ArithmeticError("no")

    __hash__ = str.__hash__


def _deep(depth: int, leaf: Any = None) -> Any:
    out: Any = leaf
    for i in range(depth):
        out = [out] if i % 2 else {"k": out}
    return out


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (_set("cases", 0)(_FailingMapping()), "cases[0]"),
        (_set("queue", 0, "items", 0, "mutation")(_FailingMapping()), "queue[0].items[0].mutation"),
        (_set("config")(_FailingMapping()), "config"),
        (_set("cases", 0, "case_id")(object()), "cases[0].case_id"),
        (_set("cases", 0, "reports")(_deep(100_000)), "cases[0].reports"),
        (_set("config", "rules", "chain.overlap")(_deep(50_000)), "chain.overlap"),
        (_set("cases", 0, "absence_percentage")(b"50.00"), "cases[0].absence_percentage"),
        (_set("next_index")(float("inf")), "next_index"),
    ],
)
def test_foreign_values_and_failures_are_state_errors(
    damage: Callable[[Doc], Any], where: str
) -> None:
    error = refused(damaged(damage))
    assert error.location is not None and where in error.location, str(error)


def test_a_failing_document_mapping_is_a_state_error() -> None:
    refused(_FailingMapping())


def test_a_string_subclass_is_read_as_its_plain_string() -> None:
    doc = damaged(_set("cases", 0, "status")(_Sneaky("open")))
    doc["format"] = _Sneaky(doc["format"])
    v = ChainValidator.restore(doc)
    assert v.save() == BUSY and type(v.save()["cases"][0]["status"]) is str


# --------------------------------------------------------------------------- reset_case


def test_reset_case_of_an_unknown_case_is_a_library_error_and_a_key_error() -> None:
    v = busy()
    with pytest.raises(UnknownCaseError) as info:
        v.reset_case(*WG, "NOPE")
    error = info.value
    assert isinstance(error, KeyError) and isinstance(error, SiviError)
    assert (error.employer_id, error.connection_number, error.case_id) == (*WG, "NOPE")
    assert str(error) == (
        "unknown case NOPE of employer WG-1/AANS-1: it is neither in the state nor broken"
    )
    with pytest.raises(KeyError):
        v.reset_case(*WG, "NOPE")
    assert v.reset_case(*WG, "C1") == []  # a known (broken) case is reset


# --------------------------------------------------------------------------- random damage


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.sampled_from(["", "NaN", "-5", "999", "50.00", "2024-02-30", "2024-03-01", "open"])
    | st.sampled_from(["01", "02", "C1", "C2", "WG-1", "AANS-1", "EXT-001", "error", "2024"])
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


def _paths(doc: Any, limit: int = 40) -> list[tuple[Any, ...]]:
    """The path of every value in the document (not below ``limit`` levels: deep nests)."""
    out: list[tuple[Any, ...]] = []
    todo: list[tuple[tuple[Any, ...], Any]] = [((), doc)]
    while todo:
        path, node = todo.pop()
        out.append(path)
        if len(path) >= limit:
            continue
        if isinstance(node, dict):
            todo += [((*path, key), value) for key, value in node.items()]
        elif isinstance(node, list):
            todo += [((*path, i), value) for i, value in enumerate(node)]
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def saved_states(draw: st.DrawFn) -> Doc:
    """A valid document: the busy state, or a chain processed up to a point (held from
    another)."""
    if draw(st.booleans()):
        return copy.deepcopy(BUSY)
    chain = draw(
        st.one_of(
            chains(as_model=True, baseline=None, employees=2, max_cases=2),
            broken_chains(as_model=True, employees=1),
        )
    )
    n = len(chain.messages)
    stop = draw(st.integers(0, n))
    hold = draw(st.none() | st.integers(0, n))
    v = ChainValidator(
        baseline=chain.baseline,
        authorized=getattr(chain, "authorized", None),
        decision_table=draw(st.sampled_from([None, DEFAULT_DECISION_TABLE])),
    )
    for i, message in enumerate(chain.messages[:stop]):
        if i == hold:
            v.hold()
        v.process(message)
    doc: Doc = json.loads(json.dumps(v.save()))
    return doc


@st.composite
def damaged_states(draw: st.DrawFn) -> Doc:
    """A valid document with one to three random kinds of damage anywhere."""
    doc: Any = draw(saved_states())
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        kind = draw(
            st.sampled_from(["replace", "delete", "wrap", "nest", "drop", "duplicate", "copy"])
        )
        if not path:
            if kind in ("wrap", "nest"):
                doc = [doc] if kind == "wrap" else _deep(draw(st.integers(1, 3000)), doc)
            continue
        parent, key = _get(doc, path[:-1]), path[-1]
        value = parent[key]
        if kind == "replace":
            parent[key] = draw(JSON)
        elif kind == "delete" and isinstance(parent, dict):
            del parent[key]
        elif kind == "wrap":
            parent[key] = [value]
        elif kind == "nest":
            parent[key] = _deep(draw(st.integers(1, 3000)), value)
        elif kind == "drop" and isinstance(parent, list):
            del parent[key]
        elif kind == "duplicate" and isinstance(parent, list):
            parent.append(value)  # the same object twice (no deep copy: it may be deep)
        elif kind == "copy":
            # another value of the document in this place (ids, dates and numbers that fit)
            parent[key] = _get(doc, draw(st.sampled_from(paths)))
    result: Doc = doc
    return result


def _goes_on(v: ChainValidator) -> None:
    """Everything a restored validator can do works: inspect, save, resume, process."""
    views = v.cases()
    saved = v.save()
    again = ChainValidator.restore(json.loads(json.dumps(saved)))
    assert again.save() == saved
    assert again.cases() == views
    v.resume()
    for view in views[:3]:
        last = view.last_sequence if view.last_sequence is not None else 0
        message = absence_message(
            view.case_id,
            min(last + 1, 999),
            "05",
            mutation_date=view.last_mutation_date,
            first_absence_date=view.first_absence_date,
            employee=view.employee_id,
            employer=(view.employer_id, view.connection_number),
        )
        assert v.process(message).status in Status
    v.save()


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(damaged_states())
def test_random_damage_is_refused_or_loads_a_working_state(doc: Any) -> None:
    try:
        v = ChainValidator.restore(doc)
    except StateError as exc:
        assert exc.location is None or str(exc).startswith("damaged chain state at ")
        return
    _goes_on(v)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(saved_states())
def test_every_saved_state_loads_and_saves_identically(doc: Doc) -> None:
    v = ChainValidator.restore(doc)
    assert v.save() == doc
    _goes_on(v)
