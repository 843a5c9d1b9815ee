"""The exception tree in ``sivi_verzuim.errors``: one name per error, pickling, and personal
data masked in findings (personnel numbers included)."""

from __future__ import annotations

import pickle

import pytest

from sivi_verzuim import errors
from sivi_verzuim.chain import (
    BaselineError,
    CsvError,
    CsvProblem,
    StateError,
    StoreBusyError,
    UnknownCaseError,
)
from sivi_verzuim.errors import PERSONAL_DATA_ELEMENTS, Finding, Severity, SiviError
from sivi_verzuim.schemacompare import SchemaCompareError

GATHERED = (StateError, UnknownCaseError, CsvError, BaselineError, StoreBusyError)


@pytest.mark.parametrize("cls", [*GATHERED, SchemaCompareError], ids=lambda c: c.__name__)
def test_each_error_shows_where_users_import_it(cls: type[SiviError]) -> None:
    assert cls.__module__ == "sivi_verzuim.errors"
    assert getattr(errors, cls.__name__) is cls
    assert cls.__qualname__ == cls.__name__
    assert f"sivi_verzuim.errors.{cls.__name__}" in repr(cls)


def _examples() -> list[SiviError]:
    problems = [
        CsvProblem("cases.csv", 3, "first_absence_date", "'02-01-2024' is not a date"),
        CsvProblem("units.csv", None, None, "a unit twice"),
    ]
    return [
        StateError("not a chain state", location="cases[3].absence_percentage", file="s.json"),
        UnknownCaseError("WG-1", "AANS-1", "C9"),
        CsvError(problems[:1]),
        BaselineError(problems),
        StoreBusyError("the store is in use", holder="pid 1 on host h"),
        SchemaCompareError("unsupported", file="a.xsd", construct="xs:attribute", line=7),
    ]


@pytest.mark.parametrize("error", _examples(), ids=lambda e: type(e).__name__)
def test_every_error_survives_pickling(error: SiviError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error) and again.args == error.args
    assert vars(again) == vars(error)
    if isinstance(error, CsvError):
        assert again.problems == error.problems  # type: ignore[attr-defined]


def test_personnel_numbers_are_personal_data() -> None:
    assert {"PersNr", "PersNrOud"} <= PERSONAL_DATA_ELEMENTS
    f = Finding(
        "master.personnel-number-reused",
        Severity.ERROR,
        "personnel number 100103 was seen before with another person",
        path="/WerknemerGegevens/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/PersNr",
        value="100103",
    )
    masked = f.masked()
    assert "100103" not in masked.message and masked.value == "<masked: 6 characters>"
    old = Finding(
        "xsd.pattern",
        Severity.ERROR,
        "'A-77' does not match",
        path="/WerknemerGegevens/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/PersNrOud",
        value="A-77",
    )
    assert "A-77" not in old.masked().message
