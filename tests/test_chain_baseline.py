"""The go-live baseline: CSV columns, line-numbered errors, templates, authorisation lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from sivi_verzuim.chain import (
    CASE_COLUMNS,
    EMPLOYEE_COLUMNS,
    Baseline,
    BaselineCase,
    BaselineEmployee,
    BaselineError,
    CaseStatus,
    ChainValidator,
    CsvError,
    Status,
    read_authorized,
    write_baseline_templates,
)
from sivi_verzuim.chain._baseline import UNIT_COLUMNS
from sivi_verzuim.chain.testing import absence_message

REPO = Path(__file__).resolve().parents[1]
D = dt.date

CASES_HEADER = (
    "employer_id,connection_number,employee_id,employment_id,case_id,first_absence_date,"
    "absence_percentage,recovery_date,last_sequence,last_mutation_date\n"
)


def problems(exc: pytest.ExceptionInfo[CsvError]) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.line, p.column) for p in exc.value.problems]


def test_example_baseline_loads() -> None:
    base = Baseline.from_directory(REPO / "examples" / "baseline")
    assert [e.employee_id for e in base.employees] == ["EXT-000642"]
    open_case, closed = base.cases
    assert open_case.open and open_case.last_sequence == 1
    assert closed.recovery_date == D(2024, 8, 26) and not closed.open
    assert open_case.line == 4 and open_case.file and open_case.file.endswith("cases.csv")
    v = ChainValidator(baseline=base)
    assert v.is_known("WG-100234", "AANS-0042", "EXT-000977")
    view = v.case("WG-100234", "AANS-0042", "VZ-2024-000150")
    assert view is not None and view.status is CaseStatus.CLOSED


def test_from_text_aliases_semicolons_comments() -> None:
    base = Baseline.from_text(
        employees="\ufeff# absent now\n"
        "IdWrkgvrArbdnst;AansltnrGeguitwlngArbdnst;ExternWerknemerID\n"
        "WG-1;A-1;EXT-1\n\n",
        cases="EMPLOYER_ID,connection_number,IdWrknmr,VrzmgvlId,DatEerstVrzmdg,PrcVrzm\n"
        'WG-1,A-1,EXT-1,C-1,2024-01-02,"50,00"\n',
    )
    assert base.employees == (BaselineEmployee("WG-1", "A-1", "EXT-1"),)
    (case,) = base.cases
    assert case.absence_percentage == Decimal("50.00") and case.employment_id is None
    assert case.last_sequence is None and case.line == 2


def test_row_errors_name_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "cases.csv").write_text(
        CASES_HEADER
        + "WG-1,A-1,EXT-1,DV-1,C-1,2024-01-02,100.00,,1,2024-01-02\n"
        + "WG-1,A-1,EXT-2,DV-2,C-2,02-01-2024,100.00,,1,\n"  # bad date
        + "WG-1,A-1,EXT-3,DV-3,C-3,2024-01-02,veel,,x,\n"  # bad percentage and sequence
        + "WG-1,A-1,,DV-4,C-4,2024-01-02,100.00,,,\n"  # missing employee
        + "WG-1,A-1,EXT-5,DV-5,C-5,2024-01-02,100.00,,,,extra\n",  # too many values
        encoding="utf-8",
    )
    (tmp_path / "employees.csv").write_text("employer_id,connection_number\nWG-1,A-1\n")
    with pytest.raises(BaselineError) as exc:
        Baseline.from_directory(tmp_path)
    found = problems(exc)
    cases = str(tmp_path / "cases.csv")
    assert (str(tmp_path / "employees.csv"), 1, "employee_id") in found
    assert (cases, 3, "first_absence_date") in found
    assert (cases, 4, "absence_percentage") in found
    assert (cases, 4, "last_sequence") in found
    assert (cases, 5, "employee_id") in found
    assert (cases, 6, None) in found
    text = str(exc.value)
    assert "problem(s)" in text
    message = next(p for p in exc.value.problems if p.column == "first_absence_date")
    assert "02-01-2024" in message.message and "YYYY-MM-DD" in message.message
    assert str(message).startswith(f"{cases}, line 3, column first_absence_date:")


def test_rows_that_contradict_each_other() -> None:
    with pytest.raises(BaselineError) as exc:
        Baseline.from_text(
            cases=CASES_HEADER
            + "WG-1,A-1,EXT-1,DV-1,C-1,2024-01-02,100.00,,1,\n"
            + "WG-1,A-1,EXT-1,DV-1,C-1,2024-01-05,100.00,,1,\n"  # case twice
            + "WG-1,A-1,EXT-1,DV-1,C-2,2024-01-05,100.00,,1,\n"  # second open case
            + "WG-1,A-1,EXT-2,DV-2,C-3,2024-01-05,120.00,2024-01-01,1,2023-12-01\n"
        )
    found = {(p.line, p.column) for p in exc.value.problems}
    assert {(3, "case_id"), (4, "case_id")} <= found
    assert {(5, "absence_percentage"), (5, "recovery_date"), (5, "last_mutation_date")} <= found
    duplicate = next(p for p in exc.value.problems if p.line == 3)
    assert "line 2" in duplicate.message


def test_header_problems() -> None:
    with pytest.raises(BaselineError) as exc:
        Baseline.from_text(employees="employer_id,connection_number,employee_id,shoe_size\n")
    assert problems(exc) == [("employees.csv", 1, "shoe_size")]
    with pytest.raises(BaselineError) as exc:
        Baseline.from_text(
            employees="employer_id,employer_id,connection_number,employee_id\nA,B,C,D\n"
        )
    assert problems(exc) == [("employees.csv", 1, "employer_id")]
    with pytest.raises(BaselineError) as exc:
        Baseline.from_text(cases="# only a comment\n")
    assert "empty" in exc.value.problems[0].message


def test_objects_are_checked_when_loaded() -> None:
    bad = Baseline(cases=[BaselineCase("WG-1", "A-1", "EXT-1", "C-1", D(2024, 1, 2), Decimal(150))])
    with pytest.raises(BaselineError) as exc:
        ChainValidator(baseline=bad)
    assert exc.value.problems[0].file == "<objects>"
    assert exc.value.problems[0].column == "absence_percentage"
    with pytest.raises(BaselineError):
        Baseline.from_directory(Path("/nonexistent-baseline-dir"))


def test_baseline_makes_a_partial_recovery_valid() -> None:
    first = absence_message(
        "B1",
        2,
        "02",
        mutation_date=D(2024, 9, 9),
        first_absence_date=D(2024, 8, 12),
        percentage="40.00",
    )
    assert ChainValidator().process(first).status is Status.REJECTED
    base = Baseline(
        employees=[BaselineEmployee("WG-1", "AANS-1", "EXT-001")],
        cases=[BaselineCase("WG-1", "AANS-1", "EXT-001", "B1", D(2024, 8, 12), last_sequence=1)],
    )
    assert ChainValidator(baseline=base).process(first).status is Status.ACCEPTED


def test_templates_round_trip(tmp_path: Path) -> None:
    written = write_baseline_templates(tmp_path)
    assert [p.name for p in written] == ["employees.csv", "cases.csv", "units.csv"]
    assert (tmp_path / "units.csv").read_text().splitlines()[0] == ",".join(UNIT_COLUMNS)
    assert (tmp_path / "cases.csv").read_text().splitlines()[0] == ",".join(CASE_COLUMNS)
    assert (tmp_path / "employees.csv").read_text().splitlines()[0] == ",".join(EMPLOYEE_COLUMNS)
    empty = Baseline.from_directory(tmp_path)  # only the header and a commented example
    assert empty.employees == () and empty.cases == () and empty.units == ()
    with pytest.raises(FileExistsError):
        write_baseline_templates(tmp_path)
    write_baseline_templates(tmp_path, overwrite=True)
    # the commented example row is a valid row
    example = (tmp_path / "cases.csv").read_text().replace("# ", "")
    (tmp_path / "cases.csv").write_text(example)
    assert len(Baseline.from_directory(tmp_path).cases) == 1
    units = (tmp_path / "units.csv").read_text().replace("# ", "")
    (tmp_path / "units.csv").write_text(units)
    (unit,) = Baseline.from_directory(tmp_path).units
    assert (unit.code, unit.name, unit.parent_code) == ("PROD", "Productie", None)
    assert unit.valid_from == D(2014, 1, 1) and unit.valid_until is None


def test_digest_ignores_row_order_and_source() -> None:
    a = BaselineCase("WG-1", "A-1", "EXT-1", "C-1", D(2024, 1, 2), line=4)
    b = BaselineCase("WG-1", "A-1", "EXT-2", "C-2", D(2024, 1, 3))
    assert Baseline(cases=[a, b]).digest() == Baseline(cases=[b, a]).digest()
    assert Baseline(cases=[a]).digest() != Baseline(cases=[b]).digest()


def test_read_authorized(tmp_path: Path) -> None:
    path = tmp_path / "authorized.csv"
    path.write_text("IdWrkgvrArbdnst,AansltnrGeguitwlngArbdnst\nWG-1,A-1\nWG-2,*\n")
    assert read_authorized(path) == frozenset({("WG-1", "A-1"), ("WG-2", "*")})
    path.write_text("employer_id,connection_number\nWG-1,\n")
    with pytest.raises(CsvError) as exc:
        read_authorized(path)
    assert problems(exc) == [(str(path), 2, "connection_number")]


def test_a_file_that_is_not_utf8_is_a_csv_error_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "employees.csv").write_bytes(
        b"employer_id,connection_number,employee_id\nWG-1,A-1,E\xff1\n"
    )
    with pytest.raises(CsvError) as caught:
        Baseline.from_directory(tmp_path)
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "UTF-8" in problem.message


def test_a_line_the_csv_reader_refuses_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    huge = "x" * 200_000  # over the csv module's field limit
    (tmp_path / "employees.csv").write_text(
        f'employer_id,connection_number,employee_id\nWG-1,A-1,"{huge}"\n', encoding="utf-8"
    )
    with pytest.raises(CsvError) as caught:
        Baseline.from_directory(tmp_path)
    assert caught.value.problems[0].line == 2


def test_a_percentage_with_more_than_two_decimals_is_refused() -> None:
    with pytest.raises(BaselineError) as caught:
        Baseline.from_text(
            cases="employer_id,connection_number,employee_id,case_id,first_absence_date,"
            "absence_percentage\nWG-1,A-1,E-1,C-1,2026-01-05,33.333\n"
        )
    assert any("two decimals" in p.message for p in caught.value.problems)


UNITS_HEADER = "employer_id,connection_number,code,name,parent_code,valid_from,valid_until\n"


def _unit_problems(text: str) -> list[str]:
    with pytest.raises(BaselineError) as info:
        Baseline.from_text(units=text)
    return [str(p) for p in info.value.problems]


def test_units_are_read_with_sivi_tags_and_semicolons(tmp_path: Path) -> None:
    text = (
        "IdWrkgvrArbdnst;AansltnrGeguitwlngArbdnst;OrgeenhCd;NmOrgeenh;OndOrgeenhCd;Ingdat;Enddat\n"
        "# the top of the structure\n"
        "WG-1;A-1;BEDRIJF;Bedrijf;;2010-01-01;\n"
        "WG-1;A-1;PROD;Productie;BEDRIJF;2014-01-01;2024-12-31\n"
        "WG-2;A-1;PROD;Productie elders;;;\n"  # another employer: the same code is no duplicate
    )
    (tmp_path / "units.csv").write_text("\ufeff" + text, encoding="utf-8")
    base = Baseline.from_directory(tmp_path)  # units.csv alone is a baseline
    top, prod, other = base.units
    assert (top.code, top.parent_code, top.valid_from) == ("BEDRIJF", None, D(2010, 1, 1))
    assert (prod.parent_code, prod.valid_until, prod.line) == ("BEDRIJF", D(2024, 12, 31), 4)
    assert prod.active(D(2024, 12, 31)) and not prod.active(D(2025, 1, 1))
    assert not prod.active(D(2013, 12, 31)) and other.active(D(1900, 1, 1))
    assert (other.employer_id, other.name) == ("WG-2", "Productie elders")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        prod.code = "X"  # type: ignore[misc]
    assert Baseline.from_text(units=text).units == base.units
    assert base.digest() != Baseline().digest()
    assert Baseline(units=base.units[::-1]).digest() == base.digest()
    assert Baseline(cases=base.cases).digest() == Baseline().digest()  # no units: as before


def test_unit_problems_name_file_line_and_column() -> None:
    problems = _unit_problems(
        UNITS_HEADER
        + "WG-1,A-1,A,a,,2024-13-01,\n"  # line 2: a bad date
        + "WG-1,A-1,B,b,,2024-05-01,2024-04-30\n"  # line 3: ends before it begins
        + "WG-1,A-1,B,b again,,,\n"  # line 4: a duplicate code
        + "WG-1,A-1,C,c,NOPE,,\n"  # line 5: a parent not in the overview
        + "WG-1,A-1,,nameless,,,\n"  # line 6: no code
        + "WG-1,A-1,S,s,S,,\n"  # line 7: its own parent
    )
    assert problems == [
        "units.csv, line 2, column valid_from: '2024-13-01' is not a date (write YYYY-MM-DD)",
        "units.csv, line 6, column code: a value is required",
        "units.csv, line 3, column valid_until: the unit ends before it begins",
        "units.csv, line 4, column code: unit B appears twice (line 3)",
        "units.csv, line 7, column parent_code: unit S is its own parent",
        "units.csv, line 5, column parent_code: parent unit NOPE is not in the overview",
    ]


def test_unit_parent_cycles_are_found_once() -> None:
    rows = "".join(f"WG-1,A-1,U{i},u,U{i + 1},,\n" for i in range(2000))  # a long chain
    rows += "WG-1,A-1,U2000,top,,,\n"
    assert len(Baseline.from_text(units=UNITS_HEADER + rows).units) == 2001
    cycle = UNITS_HEADER + "WG-1,A-1,X,x,Y,,\nWG-1,A-1,Y,y,Z,,\nWG-1,A-1,Z,z,X,,\n"
    cycle += "WG-1,A-1,LEAF,leaf,X,,\n"  # leads into the cycle: not a cycle of its own
    assert _unit_problems(cycle) == [
        "units.csv, line 2, column parent_code: "
        "the units are each other's parents: X -> Y -> Z -> X"
    ]


def test_units_file_not_utf8_and_missing_columns(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_bytes(
        UNITS_HEADER.encode() + "WG-1,A-1,K,Keuken\xe9,,,\n".encode("latin-1")
    )
    (tmp_path / "cases.csv").write_text("employer_id,connection_number\n")
    with pytest.raises(BaselineError) as info:
        Baseline.from_directory(tmp_path)
    text = [str(p) for p in info.value.problems]
    assert any("units.csv, line 2" in t and "not UTF-8 text: byte 0xe9" in t for t in text)
    assert any(
        "cases.csv, line 1, column employee_id: required column is missing" in t for t in text
    )
    problems = _unit_problems("employer_id,connection_number,name\nWG-1,A-1,x\n")
    assert problems == ["units.csv, line 1, column code: required column is missing"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BaselineError, match=r"none of employees\.csv, cases\.csv, units\.csv"):
        Baseline.from_directory(empty)


# --------------------------------------------------------------------------- parts loaded once

EXAMPLE = REPO / "examples" / "baseline"


def _example_parts() -> tuple[Baseline, Baseline]:
    whole = Baseline.from_directory(EXAMPLE)
    return Baseline(employees=whole.employees, cases=whole.cases), whole


@pytest.mark.parametrize("keep", ["memory", "store"])
def test_a_part_added_to_a_loaded_baseline_is_loaded_and_a_changed_part_refused(
    tmp_path: Path, keep: str
) -> None:
    from sivi_verzuim.chain import SqliteStore

    absences, whole = _example_parts()
    store = SqliteStore(tmp_path / "chain.db") if keep == "store" else None
    v = ChainValidator(store=store)
    v.load_baseline(absences)
    assert v.units("WG-100234", "AANS-0042") == []
    v.load_baseline(whole)  # the units are new: loaded, the cases not again
    assert [u.code for u in v.units("WG-100234", "AANS-0042")] == sorted(
        u.code for u in whole.units
    )
    v.load_baseline(whole)  # every part loaded: a no-op
    v.load_baseline(absences)
    assert sorted(v.save()["baselines"]) == sorted(whole.fingerprints().values())
    # a part that changed is refused, naming the part's file; nothing is loaded
    first = whole.cases[0]
    changed = attrs.evolve(whole, cases=(attrs.evolve(first, absence_percentage=Decimal(50)),))
    with pytest.raises(BaselineError) as exc:
        v.load_baseline(changed)
    [problem] = exc.value.problems
    assert problem.file.endswith("cases.csv") and "cases" in problem.message
    case = v.case(first.employer_id, first.connection_number, first.case_id)
    assert case is not None and case.absence_percentage == first.absence_percentage
    if store is not None:
        store.close()


def test_a_state_with_the_digest_of_a_whole_baseline_loads_only_the_new_part() -> None:
    absences, whole = _example_parts()
    v = ChainValidator()
    v.load_baseline(absences)
    document = v.save()
    document["baselines"] = [absences.digest()]  # as written before parts were fingerprinted
    again = ChainValidator.restore(document)
    again.load_baseline(whole)
    assert again.units("WG-100234", "AANS-0042")
    again.load_baseline(whole)
    document["baselines"] = [whole.digest()]
    ChainValidator.restore(document).load_baseline(whole)  # the whole one: a no-op


def test_fingerprints_are_per_part() -> None:
    absences, whole = _example_parts()
    parts = whole.fingerprints()
    assert list(parts) == ["employees", "cases", "units"]
    assert absences.fingerprints() == {k: parts[k] for k in ("employees", "cases")}
    assert Baseline().fingerprints() == {}
    assert all(f.startswith(f"{k}:") for k, f in parts.items())
