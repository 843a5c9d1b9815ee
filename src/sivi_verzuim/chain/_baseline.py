"""The go-live baseline: employees absent now, absence cases open now or closed recently, and
the employers' organisation units.

At go-live the receiver's administration is made equal to the sender's from overviews:
every employee who is absent now, keyed by the external employee id that
messages carry as ``IdWrknmr`` (delivered as ``ExternWerknemerID``), every absence case that
is open now or closed within the last 28 days (those can still become compound absence), and
the organisation overview: the units of each employer's structure, with the same unit codes
(``OrgeenhCd``) as the messages use.

All three can be read from CSV files (``employees.csv``, ``cases.csv``, ``units.csv``; the
columns are documented in ``docs/chain.md`` and ``docs/cli.md`` and in
:data:`EMPLOYEE_COLUMNS`, :data:`CASE_COLUMNS` and :data:`UNIT_COLUMNS`) or built from
Python objects. Problems are collected, each with file, line, column and what is wrong, and
raised together as :class:`BaselineError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from ..errors import SiviError

__all__ = [
    "AUTHORIZED_COLUMNS",
    "CASE_COLUMNS",
    "EMPLOYEE_COLUMNS",
    "UNIT_COLUMNS",
    "Baseline",
    "BaselineCase",
    "BaselineEmployee",
    "BaselineError",
    "BaselineUnit",
    "CsvError",
    "CsvProblem",
    "read_authorized",
    "write_baseline_templates",
]

EMPLOYEES_FILE = "employees.csv"
CASES_FILE = "cases.csv"
UNITS_FILE = "units.csv"


@attrs.frozen
class CsvProblem:
    """One problem in a CSV file.

    Attributes:
        file: the file name (or ``<objects>`` for Python objects).
        line: the 1-based line number (None when not from a file).
        column: the column name, when one column is at fault.
        message: what is wrong.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class CsvError(SiviError):
    """A CSV input (baseline, authorisation list) has problems; :attr:`problems` lists all."""

    def __init__(self, problems: Sequence[CsvProblem]) -> None:
        self.problems = tuple(problems)
        head = str(self.problems[0]) if self.problems else "invalid input"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{len(self.problems)} problem(s): {head}{more}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,), self.__dict__)


class BaselineError(CsvError):
    """The baseline has problems (bad rows, contradictions, a conflict with the state)."""


# shown where users look for errors: ``sivi_verzuim.errors.BaselineError`` (which re-exports
# them, so pickling finds them there)
CsvError.__module__ = BaselineError.__module__ = "sivi_verzuim.errors"


@attrs.frozen
class BaselineEmployee:
    """An employee who is absent at go-live.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        employee_id: the external employee id, ``IdWrknmr`` in messages.
        employment_id: ``IdDnstvbnd``, when known (informational).
        file: where the row came from (not part of equality).
        line: the row's line number (not part of equality).
    """

    employer_id: str
    connection_number: str
    employee_id: str
    employment_id: str | None = None
    file: str | None = attrs.field(default=None, eq=False)
    line: int | None = attrs.field(default=None, eq=False)


@attrs.frozen
class BaselineCase:
    """An absence case open at go-live, or closed within the last 28 days.

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        employee_id: ``IdWrknmr``.
        case_id: ``VrzmgvlId``.
        first_absence_date: ``DatEerstVrzmdg``.
        absence_percentage: the current ``PrcVrzm`` (default 100).
        recovery_date: ``DatHrstld`` for a closed case; None while it is open.
        employment_id: ``IdDnstvbnd``; None = taken from the first message about the case.
        last_sequence: ``VrzmgvlVnrMld`` of the last report the sender sent; None = unknown
            (the next report is accepted with any number).
        last_mutation_date: ``IngdatMutVrzm`` of that report (default: the recovery date for
            a closed case, else the first day).
        file: where the row came from (not part of equality).
        line: the row's line number (not part of equality).
    """

    employer_id: str
    connection_number: str
    employee_id: str
    case_id: str
    first_absence_date: dt.date
    absence_percentage: Decimal = Decimal("100.00")
    recovery_date: dt.date | None = None
    employment_id: str | None = None
    last_sequence: int | None = None
    last_mutation_date: dt.date | None = None
    file: str | None = attrs.field(default=None, eq=False)
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def open(self) -> bool:
        """True while the case has no recovery date."""
        return self.recovery_date is None


@attrs.frozen
class BaselineUnit:
    """An organisation unit of an employer's structure at go-live (a line of the organisation
    overview).

    Attributes:
        employer_id: ``IdWrkgvrArbdnst``.
        connection_number: ``AansltnrGeguitwlngArbdnst``.
        code: ``OrgeenhCd``, the unit code the messages use.
        name: ``NmOrgeenh``.
        parent_code: ``OndOrgeenhCd``, the code of the unit it is part of (None: a top unit).
        valid_from: ``Ingdat``, the first day the unit exists (None: since always).
        valid_until: ``Enddat``, the last day the unit exists (None: open-ended).
        file: where the row came from (not part of equality).
        line: the row's line number (not part of equality).
    """

    employer_id: str
    connection_number: str
    code: str
    name: str | None = None
    parent_code: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    file: str | None = attrs.field(default=None, eq=False)
    line: int | None = attrs.field(default=None, eq=False)

    def active(self, day: dt.date) -> bool:
        """Whether the unit exists on ``day`` (``valid_until`` included)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


# column name -> (accepted header spellings, required)
EMPLOYEE_COLUMNS: Mapping[str, tuple[tuple[str, ...], bool]] = {
    "employer_id": (("employer_id", "IdWrkgvrArbdnst"), True),
    "connection_number": (("connection_number", "AansltnrGeguitwlngArbdnst"), True),
    "employee_id": (("employee_id", "IdWrknmr", "ExternWerknemerID"), True),
    "employment_id": (("employment_id", "IdDnstvbnd"), False),
}
"""Columns of ``employees.csv``: name -> (accepted header spellings, required)."""

CASE_COLUMNS: Mapping[str, tuple[tuple[str, ...], bool]] = {
    "employer_id": (("employer_id", "IdWrkgvrArbdnst"), True),
    "connection_number": (("connection_number", "AansltnrGeguitwlngArbdnst"), True),
    "employee_id": (("employee_id", "IdWrknmr", "ExternWerknemerID"), True),
    "employment_id": (("employment_id", "IdDnstvbnd"), False),
    "case_id": (("case_id", "VrzmgvlId"), True),
    "first_absence_date": (("first_absence_date", "DatEerstVrzmdg"), True),
    "absence_percentage": (("absence_percentage", "PrcVrzm"), False),
    "recovery_date": (("recovery_date", "DatHrstld"), False),
    "last_sequence": (("last_sequence", "VrzmgvlVnrMld"), False),
    "last_mutation_date": (("last_mutation_date", "IngdatMutVrzm"), False),
}
"""Columns of ``cases.csv``: name -> (accepted header spellings, required)."""

UNIT_COLUMNS: Mapping[str, tuple[tuple[str, ...], bool]] = {
    "employer_id": (("employer_id", "IdWrkgvrArbdnst"), True),
    "connection_number": (("connection_number", "AansltnrGeguitwlngArbdnst"), True),
    "code": (("code", "unit_code", "OrgeenhCd"), True),
    "name": (("name", "unit_name", "NmOrgeenh"), False),
    "parent_code": (("parent_code", "OndOrgeenhCd"), False),
    "valid_from": (("valid_from", "Ingdat"), False),
    "valid_until": (("valid_until", "Enddat"), False),
}
"""Columns of ``units.csv`` (the organisation overview): name -> (accepted header
spellings, required)."""

AUTHORIZED_COLUMNS: Mapping[str, tuple[tuple[str, ...], bool]] = {
    "employer_id": (("employer_id", "IdWrkgvrArbdnst"), True),
    "connection_number": (("connection_number", "AansltnrGeguitwlngArbdnst"), True),
}
"""Columns of an authorisation file; a ``connection_number`` of ``*`` means every one."""

_EXAMPLES = {
    EMPLOYEES_FILE: "# WG-100234,AANS-0042,EXT-000731,DV-000731-1",
    CASES_FILE: "# WG-100234,AANS-0042,EXT-000731,DV-000731-1,VZ-2024-000123,2024-03-02,"
    "50.00,,2,2024-03-16",
    UNITS_FILE: "# WG-100234,AANS-0042,PROD,Productie,,2014-01-01,",
}


# --------------------------------------------------------------------------- reading CSV


class _Rows:
    """Collects the problems of one file while its rows are read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[CsvProblem] = []

    def problem(self, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(CsvProblem(self.name, line, column, message))


def _read_table(
    text: str, name: str, columns: Mapping[str, tuple[tuple[str, ...], bool]], rows: _Rows
) -> list[tuple[int, dict[str, str]]]:
    """(line, column -> text) per data row; header problems go to ``rows``."""
    lines = text.removeprefix("\ufeff").splitlines()
    numbered = [
        (i, line) for i, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        rows.problem(None, None, "no header line (the file is empty)")
        return []
    header_no, header_line = numbered[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        header = next(csv.reader([header_line], delimiter=delimiter))
    except csv.Error as exc:
        rows.problem(header_no, None, f"unreadable header line: {exc}")
        return []
    spelling = {alias.lower(): col for col, (aliases, _) in columns.items() for alias in aliases}
    index: dict[str, int] = {}
    for pos, raw in enumerate(header):
        key = raw.strip().lower()
        col = spelling.get(key)
        if col is None:
            rows.problem(header_no, raw.strip(), f"unknown column (known: {', '.join(columns)})")
        elif col in index:
            rows.problem(header_no, raw.strip(), "column appears twice")
        else:
            index[col] = pos
    for col, (_, required) in columns.items():
        if required and col not in index:
            rows.problem(header_no, col, "required column is missing")
    if rows.problems:
        return []
    out: list[tuple[int, dict[str, str]]] = []
    for line_no, line in numbered[1:]:
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except csv.Error as exc:
            rows.problem(line_no, None, f"unreadable line: {exc}")
            continue
        if len(cells) > len(header):
            rows.problem(line_no, None, f"{len(cells)} values, the header has {len(header)}")
            continue
        values = {
            col: (cells[pos].strip() if pos < len(cells) else "") for col, pos in index.items()
        }
        out.append((line_no, values))
    return out


def _text(value: str) -> str:
    return value


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)") from None


def _decimal(value: str) -> Decimal:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number (write e.g. 50.00)") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a number (write e.g. 50.00)")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"{value!r} has more than two decimals (write e.g. 33.33)")
    return number


def _sequence(value: str) -> int:
    if not value.isdigit() or int(value) > 999:
        raise ValueError(f"{value!r} is not a sequence number (0 to 999)")
    return int(value)


def _convert(
    rows: _Rows,
    line: int,
    values: Mapping[str, str],
    columns: Mapping[str, tuple[tuple[str, ...], bool]],
    converters: Mapping[str, Callable[[str], Any]],
) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    ok = True
    for col, (_, required) in columns.items():
        raw = values.get(col, "")
        if not raw:
            if required:
                rows.problem(line, col, "a value is required")
                ok = False
            continue
        try:
            out[col] = converters.get(col, _text)(raw)
        except ValueError as exc:
            rows.problem(line, col, str(exc))
            ok = False
    return out if ok else None


_CASE_CONVERTERS: Mapping[str, Callable[[str], Any]] = {
    "first_absence_date": _date,
    "recovery_date": _date,
    "last_mutation_date": _date,
    "absence_percentage": _decimal,
    "last_sequence": _sequence,
}


_UNIT_CONVERTERS: Mapping[str, Callable[[str], Any]] = {
    "valid_from": _date,
    "valid_until": _date,
}


def _read_file(path: Path) -> str:
    """The file's text (UTF-8, a byte-order mark allowed).

    Raises:
        CsvError: the file is not UTF-8 text (with the line of the first bad byte).
        OSError: the file cannot be read.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CsvError(
            [
                CsvProblem(
                    str(path),
                    line,
                    None,
                    f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} "
                    "(save the file as UTF-8)",
                )
            ]
        ) from None


def _employees_from_text(text: str, name: str, rows: _Rows) -> list[BaselineEmployee]:
    out = []
    for line, values in _read_table(text, name, EMPLOYEE_COLUMNS, rows):
        data = _convert(rows, line, values, EMPLOYEE_COLUMNS, {})
        if data is not None:
            out.append(BaselineEmployee(**data, file=name, line=line))
    return out


def _cases_from_text(text: str, name: str, rows: _Rows) -> list[BaselineCase]:
    out = []
    for line, values in _read_table(text, name, CASE_COLUMNS, rows):
        data = _convert(rows, line, values, CASE_COLUMNS, _CASE_CONVERTERS)
        if data is not None:
            out.append(BaselineCase(**data, file=name, line=line))
    return out


def _units_from_text(text: str, name: str, rows: _Rows) -> list[BaselineUnit]:
    out = []
    for line, values in _read_table(text, name, UNIT_COLUMNS, rows):
        data = _convert(rows, line, values, UNIT_COLUMNS, _UNIT_CONVERTERS)
        if data is not None:
            out.append(BaselineUnit(**data, file=name, line=line))
    return out


# --------------------------------------------------------------------------- the baseline


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Baseline:
    """The go-live overviews.

    Build it from objects (``Baseline(employees=[...], cases=[...], units=[...])``), from CSV
    text or files (:meth:`from_csv`) or from a directory holding any of ``employees.csv``,
    ``cases.csv`` and ``units.csv`` (:meth:`from_directory`). :meth:`problems` checks the rows
    against each other; loading a baseline into a validator raises :class:`BaselineError`
    when there are any.

    Attributes:
        employees: employees absent now.
        cases: cases open now or closed within the last 28 days (their employees count as
            known too).
        units: the organisation units of the employers' structures (the organisation
            overview), in the order of the file.
    """

    employees: tuple[BaselineEmployee, ...] = attrs.field(default=(), converter=_tuple)
    cases: tuple[BaselineCase, ...] = attrs.field(default=(), converter=_tuple)
    units: tuple[BaselineUnit, ...] = attrs.field(default=(), converter=_tuple)

    @classmethod
    def from_csv(
        cls,
        employees: str | os.PathLike[str] | None = None,
        cases: str | os.PathLike[str] | None = None,
        units: str | os.PathLike[str] | None = None,
    ) -> Baseline:
        """Read any of ``employees.csv``, ``cases.csv`` and ``units.csv`` (paths).

        Files are UTF-8 (a byte-order mark is allowed), comma- or semicolon-separated (taken
        from the header line), with a header line naming the columns (English names or SIVI
        tags, any case); lines starting with ``#`` and blank lines are skipped.

        Raises:
            BaselineError: every problem of the files, each with file, line and column (a
                file that is not UTF-8 too).
            OSError: a file cannot be read.
        """
        problems: list[CsvProblem] = []
        emps: list[BaselineEmployee] = []
        found: list[BaselineCase] = []
        structure: list[BaselineUnit] = []
        texts: dict[str, str] = {}
        for key, path in (("employees", employees), ("cases", cases), ("units", units)):
            if path is not None:
                try:
                    texts[key] = _read_file(Path(path))
                except CsvError as exc:
                    problems += exc.problems
        if employees is not None and "employees" in texts:
            rows = _Rows(str(employees))
            emps = _employees_from_text(texts["employees"], str(employees), rows)
            problems += rows.problems
        if cases is not None and "cases" in texts:
            rows = _Rows(str(cases))
            found = _cases_from_text(texts["cases"], str(cases), rows)
            problems += rows.problems
        if units is not None and "units" in texts:
            rows = _Rows(str(units))
            structure = _units_from_text(texts["units"], str(units), rows)
            problems += rows.problems
        baseline = cls(emps, found, structure)
        problems += baseline.problems()
        if problems:
            raise BaselineError(problems)
        return baseline

    @classmethod
    def from_text(cls, employees: str = "", cases: str = "", units: str = "") -> Baseline:
        """Like :meth:`from_csv`, from CSV text (an empty string = no file).

        Raises:
            BaselineError: every problem, with ``employees.csv``, ``cases.csv`` and
                ``units.csv`` as file names.
        """
        problems: list[CsvProblem] = []
        emps: list[BaselineEmployee] = []
        found: list[BaselineCase] = []
        if employees:
            rows = _Rows(EMPLOYEES_FILE)
            emps = _employees_from_text(employees, EMPLOYEES_FILE, rows)
            problems += rows.problems
        if cases:
            rows = _Rows(CASES_FILE)
            found = _cases_from_text(cases, CASES_FILE, rows)
            problems += rows.problems
        structure: list[BaselineUnit] = []
        if units:
            rows = _Rows(UNITS_FILE)
            structure = _units_from_text(units, UNITS_FILE, rows)
            problems += rows.problems
        baseline = cls(emps, found, structure)
        problems += baseline.problems()
        if problems:
            raise BaselineError(problems)
        return baseline

    @classmethod
    def from_directory(cls, directory: str | os.PathLike[str]) -> Baseline:
        """Read ``employees.csv``, ``cases.csv`` and ``units.csv`` from a directory (any of
        them may be missing, not all three).

        Raises:
            BaselineError: problems in the files, or none of them exists.
            OSError: a file cannot be read.
        """
        root = Path(directory)
        paths = [root / name for name in (EMPLOYEES_FILE, CASES_FILE, UNITS_FILE)]
        present = [p if p.is_file() else None for p in paths]
        if not any(present):
            raise BaselineError(
                [
                    CsvProblem(
                        str(root),
                        None,
                        None,
                        f"none of {EMPLOYEES_FILE}, {CASES_FILE}, {UNITS_FILE}",
                    )
                ]
            )
        return cls.from_csv(*present)

    def problems(self) -> list[CsvProblem]:
        """Problems of single rows and between rows (duplicate cases, two open cases in one
        employment, dates or percentages that do not fit; duplicate unit codes, a parent unit
        that is not in the overview, units that are each other's parents)."""
        out: list[CsvProblem] = []

        def add(
            row: BaselineCase | BaselineEmployee | BaselineUnit, column: str | None, message: str
        ) -> None:
            out.append(CsvProblem(row.file or "<objects>", row.line, column, message))

        for emp in self.employees:
            for col in ("employer_id", "connection_number", "employee_id"):
                if not getattr(emp, col):
                    add(emp, col, "a value is required")
        seen: dict[tuple[str, str, str], BaselineCase] = {}
        open_in: dict[tuple[str, str, str, str | None], BaselineCase] = {}
        for case in self.cases:
            for col in ("employer_id", "connection_number", "employee_id", "case_id"):
                if not getattr(case, col):
                    add(case, col, "a value is required")
            key = (case.employer_id, case.connection_number, case.case_id)
            if key in seen:
                other = seen[key]
                where = f" (line {other.line})" if other.line is not None else ""
                add(case, "case_id", f"case {case.case_id} appears twice{where}")
            seen[key] = case
            pct = case.absence_percentage
            if not Decimal(0) <= pct <= Decimal(100):
                add(case, "absence_percentage", f"{pct} is not within 0 to 100")
            if case.recovery_date is not None and case.recovery_date < case.first_absence_date:
                add(case, "recovery_date", "the recovery date is before the first day of absence")
            last = case.last_mutation_date
            if last is not None and last < case.first_absence_date:
                add(
                    case,
                    "last_mutation_date",
                    "the last mutation date is before the first day of absence",
                )
            if case.last_sequence is not None and not 0 <= case.last_sequence <= 999:
                add(case, "last_sequence", f"{case.last_sequence} is not within 0 to 999")
            if case.open:
                slot = (
                    case.employer_id,
                    case.connection_number,
                    case.employee_id,
                    case.employment_id,
                )
                if slot in open_in:
                    other = open_in[slot]
                    where = f" (line {other.line})" if other.line is not None else ""
                    add(
                        case,
                        "case_id",
                        f"employee {case.employee_id} already has an open case "
                        f"{other.case_id}{where} in this employment",
                    )
                open_in[slot] = case
        self._unit_problems(add)
        return out

    def _unit_problems(self, add: Callable[[BaselineUnit, str | None, str], None]) -> None:
        units: dict[tuple[str, str, str], BaselineUnit] = {}
        for unit in self.units:
            for col in ("employer_id", "connection_number", "code"):
                if not getattr(unit, col):
                    add(unit, col, "a value is required")
            key = (unit.employer_id, unit.connection_number, unit.code)
            if key in units:
                other = units[key]
                where = f" (line {other.line})" if other.line is not None else ""
                add(unit, "code", f"unit {unit.code} appears twice{where}")
            else:
                units[key] = unit
            if (
                unit.valid_from is not None
                and unit.valid_until is not None
                and unit.valid_until < unit.valid_from
            ):
                add(unit, "valid_until", "the unit ends before it begins")
            if unit.parent_code == unit.code and unit.code:
                add(unit, "parent_code", f"unit {unit.code} is its own parent")
        for key, unit in units.items():
            parent = unit.parent_code
            if parent and parent != unit.code and (key[0], key[1], parent) not in units:
                add(unit, "parent_code", f"parent unit {parent} is not in the overview")
        # cycles: every unit's chain of parents is followed once; a chain ends at a top unit,
        # a parent that is not there, or a unit whose chain was followed before
        finished: set[tuple[str, str, str]] = set()
        for start in units:
            path: list[tuple[str, str, str]] = []
            on_path: dict[tuple[str, str, str], int] = {}
            key = start
            while key in units and key not in finished:
                if key in on_path:
                    cycle = path[on_path[key] :]
                    codes = " -> ".join(k[2] for k in [*cycle, key])
                    first = min(cycle, key=lambda k: units[k].line or 0)
                    add(units[first], "parent_code", f"the units are each other's parents: {codes}")
                    break
                on_path[key] = len(path)
                path.append(key)
                parent = units[key].parent_code
                if not parent or parent == key[2]:
                    break
                key = (key[0], key[1], parent)
            finished.update(path)

    def digest(self) -> str:
        """A stable fingerprint of the content (used to make re-loading a no-op)."""
        h = hashlib.sha256()
        for emp in sorted(self.employees, key=_employee_key):
            h.update(repr(_employee_key(emp)).encode())
        for case in sorted(self.cases, key=_case_key):
            h.update(repr(_case_key(case)).encode())
        for unit in sorted(self.units, key=_unit_key):  # none: the digest of before units
            h.update(repr(("unit", *_unit_key(unit))).encode())
        return h.hexdigest()[:32]

    def fingerprints(self) -> dict[str, str]:
        """The fingerprint of each part the baseline has (``employees``, ``cases``,
        ``units``), as kept in the state: ``"<part>:<digest>"``. A validator loads each part
        once: a part added later is loaded on its own, a part that changed is refused."""
        out = {}
        for part in BASELINE_PARTS:
            rows = getattr(self, part)
            if rows:
                out[part] = f"{part}:{Baseline(**{part: rows}).digest()}"
        return out


BASELINE_PARTS = ("employees", "cases", "units")
"""The parts of a baseline, each loaded (and fingerprinted) on its own."""

_PART_FILES = {"employees": EMPLOYEES_FILE, "cases": CASES_FILE, "units": UNITS_FILE}


def baseline_to_load(
    baseline: Baseline, loaded: Sequence[str]
) -> tuple[Baseline, list[str], list[CsvProblem]]:
    """What of ``baseline`` a state that loaded the fingerprints ``loaded`` still has to load
    (internal): the baseline of the parts not loaded yet, their fingerprints, and a problem
    for each part that was loaded with other content.

    A state written before parts were fingerprinted holds the digest of a whole baseline
    (and ``sivi-verzuim process`` loaded the absence overviews and the organisation overview
    as two baselines): those count as the parts they covered.
    """
    seen = set(loaded)
    done: set[str] = set()
    if baseline.digest() in seen:
        return Baseline(), [], []
    if Baseline(employees=baseline.employees, cases=baseline.cases).digest() in seen:
        done.update(("employees", "cases"))
    if baseline.units and Baseline(units=baseline.units).digest() in seen:
        done.add("units")
    prefixes = {f.partition(":")[0] for f in seen if ":" in f}
    todo: dict[str, Any] = {}
    new: list[str] = []
    problems: list[CsvProblem] = []
    for part, fingerprint in baseline.fingerprints().items():
        if part in done or fingerprint in seen:
            continue
        if part in prefixes:
            rows = getattr(baseline, part)
            name = next((r.file for r in rows if r.file), None) or _PART_FILES[part]
            problems.append(
                CsvProblem(
                    name,
                    None,
                    None,
                    f"the {part} differ from those of the baseline loaded before, which are "
                    "already in the state: each part of a baseline is loaded once (later "
                    "changes come by message)",
                )
            )
            continue
        todo[part] = getattr(baseline, part)
        new.append(fingerprint)
    return Baseline(**todo), new, problems


def _employee_key(emp: BaselineEmployee) -> tuple[str, ...]:
    return (emp.employer_id, emp.connection_number, emp.employee_id, emp.employment_id or "")


def _unit_key(unit: BaselineUnit) -> tuple[str, ...]:
    return (
        unit.employer_id,
        unit.connection_number,
        unit.code,
        unit.name or "",
        unit.parent_code or "",
        unit.valid_from.isoformat() if unit.valid_from else "",
        unit.valid_until.isoformat() if unit.valid_until else "",
    )


def _case_key(case: BaselineCase) -> tuple[str, ...]:
    return (
        case.employer_id,
        case.connection_number,
        case.case_id,
        case.employee_id,
        case.employment_id or "",
        case.first_absence_date.isoformat(),
        str(case.absence_percentage.normalize()),
        case.recovery_date.isoformat() if case.recovery_date else "",
        "" if case.last_sequence is None else str(case.last_sequence),
        case.last_mutation_date.isoformat() if case.last_mutation_date else "",
    )


def write_baseline_templates(
    directory: str | os.PathLike[str], *, overwrite: bool = False
) -> list[Path]:
    """Write ``employees.csv``, ``cases.csv`` and ``units.csv`` templates: the header line and
    a commented example row each.

    Returns:
        the paths written.

    Raises:
        FileExistsError: a file exists and ``overwrite`` is False.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    written = []
    files = (
        (EMPLOYEES_FILE, EMPLOYEE_COLUMNS),
        (CASES_FILE, CASE_COLUMNS),
        (UNITS_FILE, UNIT_COLUMNS),
    )
    for name, _ in files:
        path = root / name
        if path.exists() and not overwrite:
            raise FileExistsError(f"{path} exists (pass overwrite=True to replace it)")
    for name, columns in files:
        path = root / name
        buffer = io.StringIO()
        buffer.write(",".join(columns) + "\n")
        buffer.write(_EXAMPLES[name] + "\n")
        path.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(path)
    return written


def read_authorized(path: str | os.PathLike[str]) -> frozenset[tuple[str, str]]:
    """Read an authorisation list: CSV with ``employer_id`` and ``connection_number``
    columns (or ``IdWrkgvrArbdnst`` / ``AansltnrGeguitwlngArbdnst``); a connection number of
    ``*`` authorises every connection number of that employer.

    Raises:
        CsvError: problems, each with file, line and column.
        OSError: the file cannot be read.
    """
    rows = _Rows(str(path))
    out = set()
    for line, values in _read_table(_read_file(Path(path)), str(path), AUTHORIZED_COLUMNS, rows):
        data = _convert(rows, line, values, AUTHORIZED_COLUMNS, {})
        if data is not None:
            out.add((data["employer_id"], data["connection_number"]))
    if rows.problems:
        raise CsvError(rows.problems)
    return frozenset(out)
