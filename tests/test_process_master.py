"""``sivi-verzuim process`` with master data: negative registration end to end.

The example inbox's second employer (``WG-200567``) sends its structure
(WerkgeversGegevensBasisregistratie), its employees (WerknemersGegevens) and employments
(Dienstverbanden) before and between its Verzuimmeldingen; these tests run those files, and
variants of them, through the command as a receiver does.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import MessageType, parse, validate
from sivi_verzuim._inbox import DEFAULT_PATTERNS, FAR, FilterError, Filters, order_key_of
from sivi_verzuim.chain import SqliteStore
from sivi_verzuim.cli import main

REPO = Path(__file__).resolve().parents[1]
FILES = REPO / "examples" / "inbox" / "2024"
BASELINE = REPO / "examples" / "baseline"
MASTER = sorted(p.name for p in FILES.glob("*.xml") if "-03" in p.name)  # WG-200567's files
STRUCTURE = "WG-20240902-0301-structuur.xml"
EMPLOYEES = "WN-20240902-0302-werknemers.xml"
EMPLOYMENTS = "DV-20240902-0303-dienstverbanden.xml"
SICK = "VZ-20240902-0304-ziekmelding.xml"
OTHER_UNIT = "VZ-20240905-0305-ziekmelding.xml"
RELAPSE = "VZ-20240916-0307-terugval.xml"
KEY_CHANGE = "WN-20240918-0308-sleutelwijziging.xml"
NEW_KEY_SICK = "VZ-20240919-0309-ziekmelding.xml"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def inbox_of(tmp_path: Path, names: list[str], name: str = "inbox") -> Path:
    inbox = tmp_path / name
    inbox.mkdir()
    for n in names:
        shutil.copy(FILES / n, inbox / n)
    return inbox


def variant(source: str, *replacements: tuple[str, str]) -> bytes:
    text = (FILES / source).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text.encode("utf-8")


def report(text: str) -> dict[str, dict[str, Any]]:
    data = json.loads(text)
    by_reference = {d["reference"]: d for d in data}
    assert len(by_reference) == len(data)
    return by_reference


def codes(entry: dict[str, Any]) -> list[str]:
    found = [f["code"] for m in entry["mutations"] for f in m["findings"]]
    return found + [f["code"] for r in entry.get("records", ()) for f in r["findings"]]


def kinds(entry: dict[str, Any]) -> list[str]:
    return [e["kind"] for e in entry["events"]]


def answer_kind(path: Path) -> tuple[str, str, list[str]]:
    """(SrtRetmldngCd, the answered Berrefnr, the Foutmldng explanations) of an answer."""
    doc = parse(path).document
    kind = doc.br_alg.srt_retmldng_cd
    texts = [f.toelchtng for f in doc.foutmldng]
    return str(getattr(kind, "value", kind)), doc.br_alg.berrefnr_ingzndn_ber, texts


# --------------------------------------------------------------------------- end to end


def test_negative_registration_end_to_end(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, MASTER)
    out = tmp_path / "out"
    code, text = run("process", str(inbox), "--out", str(out), "--json", "--events")
    assert code == 0, text
    entries = report(text)
    assert list(entries) == [
        "WG-2024-0301",
        "WN-2024-0302",
        "DV-2024-0303",
        "VZ-2024-0304",
        "VZ-2024-0305",
        "VZ-2024-0306",
        "VZ-2024-0307",
        "WN-2024-0308",
        "VZ-2024-0309",
        "VZ-2024-0310",
    ]
    assert {e["status"] for e in entries.values()} == {"accepted"}
    # the structure: three units, the parent named
    structure = entries["WG-2024-0301"]
    assert kinds(structure) == ["unit-registered"] * 3
    units = {e["after"]["code"]: e["after"] for e in structure["events"]}
    assert set(units) == {"ZORG", "ZORG-THUIS", "ZORG-KLIN"}
    assert units["ZORG-KLIN"]["parent_code"] == "ZORG" and units["ZORG"]["parent_code"] is None
    # employees with their employments, then a second employment
    employees = entries["WN-2024-0302"]
    assert kinds(employees).count("employee-registered") == 3
    assert kinds(employees).count("employment-started") == 3
    (started,) = entries["DV-2024-0303"]["events"]
    assert started["kind"] == "employment-started"
    assert (started["after"]["employment_id"], started["after"]["unit_code"]) == (
        "DV-100102-2",
        "ZORG-THUIS",
    )
    # absences of the registered employees; a unit that is not in the structure is a warning
    assert kinds(entries["VZ-2024-0304"]) == ["case-opened"]
    unknown_unit = entries["VZ-2024-0305"]
    assert codes(unknown_unit) == ["master.unknown-unit"]
    assert "ZORG-ONBEKEND" in unknown_unit["mutations"][0]["findings"][0]["message"]
    # a relapse from 50 % back to 100 %: accepted, with an info finding
    relapse = entries["VZ-2024-0307"]
    assert codes(relapse) == ["chain.percentage-not-lowered"]
    assert relapse["mutations"][0]["findings"][0]["severity"] == "info"
    assert kinds(relapse) == ["percentage-changed"]
    # the key change, and an absence under the new key
    changed = entries["WN-2024-0308"]
    assert kinds(changed)[0] == "employee-key-changed"
    key_event = changed["events"][0]
    assert (key_event["before"]["employee_id"], key_event["after"]["employee_id"]) == (
        "EXT-100103",
        "EXT-100199",
    )
    (mutation,) = entries["VZ-2024-0309"]["mutations"]
    assert (mutation["employee_id"], mutation["status"]) == ("EXT-100199", "accepted")
    assert kinds(entries["VZ-2024-0310"]) == ["case-closed"]
    # every message answered, each type with its own Retourmelding
    for name in MASTER:
        kind, answered, texts = answer_kind(out / f"RM-{Path(name).stem}.xml")
        assert kind == "02" and not texts
        assert answered == parse(FILES / name).header.reference
        assert not validate((out / f"RM-{Path(name).stem}.xml").read_bytes())


def test_an_unknown_employee_once_negative_registration_is_on(tmp_path: Path) -> None:
    """Before the first WerknemersGegevens an absence of any employee is taken (positive
    registration); from it on, an employee the employer never sent is rejected."""
    stranger = (
        ("EXT-100101", "EXT-100150"),
        ("DV-100101-1", "DV-100150-1"),
        ("AR-100101-1", "AR-100150-1"),
        ("<PersNr>100101</PersNr>", "<PersNr>100150</PersNr>"),
        ("VZ-2024-000304", "VZ-2024-000350"),
    )
    early = tmp_path / "early"
    early.mkdir()
    data = variant(SICK, *stranger, ("VZ-2024-0304", "VZ-2024-0350"))
    (early / "VZ-stranger.xml").write_bytes(data)
    code, text = run("process", str(early), "--json")
    assert code == 0 and report(text)["VZ-2024-0350"]["status"] == "accepted"

    inbox = inbox_of(tmp_path, [STRUCTURE, EMPLOYEES, EMPLOYMENTS, SICK])
    (inbox / "VZ-stranger.xml").write_bytes(
        variant(
            SICK,
            *stranger,
            ("VZ-2024-0304", "VZ-2024-0350"),
            ("<AantijdBr>07:00:00</AantijdBr>", "<AantijdBr>09:00:00</AantijdBr>"),
        )
    )
    out = tmp_path / "out"
    code, text = run("process", str(inbox), "--json", "--out", str(out))
    assert code == 1
    entries = report(text)
    assert entries["VZ-2024-0304"]["status"] == "accepted"
    assert entries["VZ-2024-0350"]["status"] == "rejected"
    assert "master.unknown-employee" in codes(entries["VZ-2024-0350"])
    kind, answered, texts = answer_kind(out / "RM-VZ-stranger.xml")
    assert (kind, answered) == ("03", "VZ-2024-0350")
    assert any(t.startswith("[master.unknown-employee]") for t in texts)


def test_a_message_with_the_old_key_after_a_key_change_names_the_new_key(
    tmp_path: Path,
) -> None:
    inbox = inbox_of(tmp_path, [STRUCTURE, EMPLOYEES, EMPLOYMENTS, KEY_CHANGE])
    (inbox / "VZ-old-key.xml").write_bytes(
        variant(NEW_KEY_SICK, ("EXT-100199", "EXT-100103"), ("VZ-2024-0309", "VZ-2024-0399"))
    )
    code, text = run("process", str(inbox), "--json")
    assert code == 1
    entries = report(text)
    assert entries["WN-2024-0308"]["status"] == "accepted"
    old = entries["VZ-2024-0399"]
    assert old["status"] == "rejected" and "master.old-key" in codes(old)
    message = next(
        f["message"]
        for m in old["mutations"]
        for f in m["findings"]
        if f["code"] == "master.old-key"
    )
    assert "EXT-100199" in message


def test_a_key_change_to_a_key_in_use_is_rejected_and_changes_nothing(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, [STRUCTURE, EMPLOYEES, EMPLOYMENTS])
    (inbox / "WN-taken.xml").write_bytes(
        variant(
            KEY_CHANGE,
            ("<IdWrknmr>EXT-100199</IdWrknmr>", "<IdWrknmr>EXT-100101</IdWrknmr>"),
            ("WN-2024-0308", "WN-2024-0398"),
        )
    )
    (inbox / "VZ-after.xml").write_bytes(
        variant(NEW_KEY_SICK, ("EXT-100199", "EXT-100103"), ("VZ-2024-0309", "VZ-2024-0397"))
    )
    code, text = run("process", str(inbox), "--json")
    assert code == 1
    entries = report(text)
    taken = entries["WN-2024-0398"]
    assert taken["status"] == "rejected" and "master.key-in-use" in codes(taken)
    # the old key is still the key: an absence under it is accepted
    assert entries["VZ-2024-0397"]["status"] == "accepted"


def test_the_baseline_structure_checks_the_units_of_absences(tmp_path: Path) -> None:
    """examples/baseline/units.csv is WG-100234's structure: an absence in a unit that it does
    not have, or no longer has, gets ``master.unknown-unit``; without it nothing is checked."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = "VZ-20240902-0201-ziekmelding.xml"
    shutil.copy(FILES / first, inbox / first)
    (inbox / "VZ-ended-unit.xml").write_bytes(
        variant(
            first,
            ("<OrgeenhCd>PROD</OrgeenhCd>", "<OrgeenhCd>PROD-BANKET</OrgeenhCd>"),
            ("EXT-000815", "EXT-000816"),
            ("VZ-2024-000201", "VZ-2024-000290"),
            ("VZ-2024-0201", "VZ-2024-0290"),
        )
    )
    code, text = run("process", str(inbox), "--baseline", str(BASELINE), "--json")
    entries = report(text)
    assert code == 0 and codes(entries["VZ-2024-0201"]) == []
    assert codes(entries["VZ-2024-0290"]) == ["master.unknown-unit"]  # ended 2023-12-31
    code, text = run("process", str(inbox), "--json")
    assert code == 0 and codes(report(text)["VZ-2024-0290"]) == []  # no structure known


# --------------------------------------------------------------------------- ordering


def test_master_data_go_before_absences_of_the_same_moment_whatever_the_names(
    tmp_path: Path,
) -> None:
    """Four messages of 2024-09-02 07:00 under names that sort the other way round: the
    structure, employees and employments still come before the sick report."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = {
        SICK: "VZ-a.xml",
        EMPLOYMENTS: "VZ-b.xml",
        EMPLOYEES: "VZ-c.xml",
        STRUCTURE: "VZ-d.xml",
    }
    for source, target in names.items():
        shutil.copy(FILES / source, inbox / target)
    code, text = run("process", str(inbox), "--json")
    assert code == 0
    data = json.loads(text)
    assert [Path(d["file"]).name for d in data] == ["VZ-d.xml", "VZ-c.xml", "VZ-b.xml", "VZ-a.xml"]
    assert {d["status"] for d in data} == {"accepted"}
    # ties of the same type and moment: by Berrefnr, then by file name
    (inbox / "VZ-e.xml").write_bytes(variant(SICK, ("VZ-2024-0304", "VZ-2024-0300")))
    shutil.copy(inbox / "VZ-e.xml", inbox / "VZ-0.xml")
    code, text = run("process", str(inbox), "--json")
    order = [Path(d["file"]).name for d in json.loads(text)]
    assert order == ["VZ-d.xml", "VZ-c.xml", "VZ-b.xml", "VZ-0.xml", "VZ-e.xml", "VZ-a.xml"]
    assert run("process", str(inbox), "--json")[1] == text  # the same every run


def test_the_order_kept_in_a_store_reads_old_and_damaged_keys() -> None:
    day, time = dt.date(2024, 9, 2), dt.time(7, 0)
    assert order_key_of(["2024-09-02", "07:00:00", "R", "f"]) == (day, time, 3, "R", "f")
    assert order_key_of(["2024-09-02", "07:00:00", "R", "f", 0]) == (day, time, 0, "R", "f")
    assert order_key_of([None, None, "R", "f", 1]) == (*FAR, 1, "R", "f")
    for damaged in (None, 7, ["x"], ["2024-13-01", None, "R", "f"], [None, None, "R", "f", "1"]):
        assert order_key_of(damaged) == (*FAR, 4, "", "")


# --------------------------------------------------------------------------- filters


def test_file_filters_per_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FILES / STRUCTURE, inbox / "structure-2024.xml")  # no default filter picks it
    shutil.copy(FILES / EMPLOYEES, inbox / EMPLOYEES)
    shutil.copy(FILES / EMPLOYMENTS, inbox / "VZ-really-employments.xml")  # by content
    shutil.copy(FILES / SICK, inbox / SICK)
    code, text = run("process", str(inbox), "--json")
    entries = report(text)
    assert set(entries) == {"WN-2024-0302", "DV-2024-0303", "VZ-2024-0304"}
    assert entries["DV-2024-0303"]["status"] == "accepted"  # a Dienstverbanden, whatever its name
    code, text = run("process", str(inbox), "--json", "--pattern", "wg=structure-*.XML")
    assert "WG-2024-0301" in report(text)
    # a type switched off: its files are left alone, by content
    code, text = run("process", str(inbox), "--json", "--pattern", "DV=")
    by_name = {Path(d["file"]).name: d for d in json.loads(text)}
    skipped = by_name["VZ-really-employments.xml"]
    assert skipped["status"] == "skipped" and codes(skipped) == ["skipped.other-message"]
    assert "switched off" in skipped["mutations"][0]["findings"][0]["message"]
    # a bare glob is the Verzuimmeldingen filter, as it always was
    code, text = run("process", str(inbox), "--json", "--pattern", "*.xml")
    assert len(report(text)) == 4
    code, text = run("process", str(inbox), "--pattern", "XX=*.xml")
    assert (code, text) == (2, "")
    assert "'XX' is no message type process judges" in capsys.readouterr().err


def test_filters_parse() -> None:
    assert Filters.parse(None).globs == DEFAULT_PATTERNS
    f = Filters.parse(["VZ*.XML", "werknemersgegevens=emp-*.xml", "Dienstverbanden=", "wg=W*"])
    assert f.globs[MessageType.VERZUIMMELDINGEN] == "VZ*.XML"
    assert f.globs[MessageType.WERKNEMERS_GEGEVENS] == "emp-*.xml"
    assert not f.takes(MessageType.DIENSTVERBANDEN)
    assert f.takes(MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE)
    assert not f.takes(MessageType.AFSPRAKEN)
    matches = f.matcher()
    assert matches("vz-1.xml") and matches("EMP-2.XML") and matches("Wx")
    assert not matches("DV-1.xml") and not matches("other.xml")
    with pytest.raises(FilterError):
        Filters.parse(["Afspraken=*.xml"])


# --------------------------------------------------------------------------- answers


def test_a_rejected_master_data_message_is_answered_and_changes_nothing(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, [STRUCTURE, EMPLOYEES])
    (inbox / "DV-backwards.xml").write_bytes(
        variant(
            EMPLOYMENTS,
            (
                "<Ingdat>2024-09-01</Ingdat>",
                "<Ingdat>2024-09-01</Ingdat><Enddat>2024-08-01</Enddat>",
            ),
            ("DV-2024-0303", "DV-2024-0393"),
        )
    )
    out = tmp_path / "out"
    code, text = run("process", str(inbox), "--json", "--out", str(out), "--events")
    assert code == 1
    entry = report(text)["DV-2024-0393"]
    assert entry["status"] == "rejected" and entry["events"] == []
    assert "master.employment-end-before-start" in codes(entry)
    kind, answered, texts = answer_kind(out / "RM-DV-backwards.xml")
    assert (kind, answered) == ("03", "DV-2024-0393")
    assert any(t.startswith("[master.employment-end-before-start]") for t in texts)


def test_personal_data_stay_masked_in_events_unless_asked(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, [EMPLOYEES])
    out = tmp_path / "out"
    code, text = run("process", str(inbox), "--json", "--events", "--out", str(out))
    assert code == 0
    stored = tmp_path / "stored"
    store = str(tmp_path / "chain.db")
    args = ("--json", "--events", "--store", store, "--out", str(stored))
    code, text_stored = run("process", str(inbox), *args)
    assert code == 0 and json.loads(text_stored) == json.loads(text)
    reports = [(d / "report.json").read_text(encoding="utf-8") for d in (out, stored)]
    for where in (text, text_stored, *reports):
        assert "1979-02-11" not in where and "Jansen" not in where and "123456782" not in where
        assert "<masked: " in where
    for answer in out.glob("RM-*.xml"):
        assert b"Jansen" not in answer.read_bytes()
    code, text = run("process", str(inbox), "--json", "--events", "--show-personal-data")
    assert "1979-02-11" in text and "Jansen" in text


# --------------------------------------------------------------------------- the store


def test_store_rerun_and_redelivery_of_master_data(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, MASTER)
    out, store = tmp_path / "out", tmp_path / "chain.db"
    code, text = run("process", str(inbox), "--store", str(store), "--out", str(out), "--json")
    assert code == 0
    first = json.loads(text)
    answers = {p.name: p.read_bytes() for p in out.glob("RM-*.xml")}
    assert len(answers) == len(MASTER)
    # a rerun: the same report, no answer written again
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("RM-*.xml")}
    code, text = run("process", str(inbox), "--store", str(store), "--out", str(out), "--json")
    assert code == 0 and json.loads(text) == first
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("RM-*.xml")} == stamps
    # a re-delivery (a new copy of the same bytes) of employees and structure: the original
    # result and answer
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(FILES / EMPLOYEES, again / "WN-copy.xml")
    shutil.copy(FILES / STRUCTURE, again / "WG-copy.xml")
    out2 = tmp_path / "out2"
    code, text = run("process", str(again), "--store", str(store), "--out", str(out2))
    assert code == 0
    assert text.count("[chain.redelivered]") == 2 and "2 accepted" in text
    assert (out2 / "RM-WN-copy.xml").read_bytes() == answers[f"RM-{Path(EMPLOYEES).stem}.xml"]
    with SqliteStore(store, readonly=True, create=False) as s:
        assert s.check() == []


def test_store_and_state_runs_agree_on_master_data(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, MASTER)
    code_a, text_a = run("process", str(inbox), "--store", str(tmp_path / "chain.db"), "--json")
    code_b, text_b = run("process", str(inbox), "--state", str(tmp_path / "s.json"), "--json")
    assert (code_a, json.loads(text_a)) == (code_b, json.loads(text_b))
    code, exported = run("state", "export", str(tmp_path / "chain.db"))
    assert code == 0
    assert json.loads(exported) == json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("keep", ["--state", "--store"])
def test_a_units_file_added_to_a_loaded_baseline_is_loaded_on_its_own(
    tmp_path: Path, keep: str
) -> None:
    baseline = tmp_path / "baseline"
    baseline.mkdir()
    for name in ("employees.csv", "cases.csv"):
        shutil.copy(BASELINE / name, baseline / name)
    where = str(tmp_path / ("state.json" if keep == "--state" else "chain.db"))
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(FILES / "VZ-20240902-0201-ziekmelding.xml", first / "VZ-1.xml")
    code, _ = run("process", str(first), "--baseline", str(baseline), keep, where)
    assert code == 0
    shutil.copy(BASELINE / "units.csv", baseline / "units.csv")
    later = tmp_path / "later"
    later.mkdir()
    (later / "VZ-2.xml").write_bytes(
        variant(
            "VZ-20240902-0201-ziekmelding.xml",
            ("<OrgeenhCd>PROD</OrgeenhCd>", "<OrgeenhCd>ELDERS</OrgeenhCd>"),
            ("EXT-000815", "EXT-000817"),
            ("VZ-2024-000201", "VZ-2024-000291"),
            ("VZ-2024-0201", "VZ-2024-0291"),
        )
    )
    code, text = run("process", str(later), "--baseline", str(baseline), keep, where, "--json")
    assert code == 0, text  # the cases are not loaded twice
    assert codes(report(text)["VZ-2024-0291"]) == ["master.unknown-unit"]  # the units are
    code, text = run("process", str(later), "--baseline", str(baseline), keep, where, "--json")
    assert code == 0  # and once loaded, loading them again is a no-op


def test_master_data_in_a_namespace_no_release_has_are_refused_and_answered(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ns = "http://www.sivi.org/Verzuimmanagement/WerknemerGegevens/"
    (inbox / "WN-2030.xml").write_bytes(variant(EMPLOYEES, (ns + "2024", ns + "2030")))
    (inbox / "WN-off.xml").write_bytes(variant(EMPLOYEES, (ns + "2024", ns + "2030")))
    out = tmp_path / "out"
    code, text = run("process", str(inbox), "--json", "--out", str(out))
    assert code == 1
    by_name = {Path(d["file"]).name: d for d in json.loads(text)}
    refused = by_name["WN-2030.xml"]
    assert refused["status"] == "rejected" and codes(refused) == ["message.unknown-namespace"]
    assert "WerknemersGegevens in namespace" in refused["mutations"][0]["findings"][0]["message"]
    kind, answered, _ = answer_kind(out / "RM-WN-2030.xml")
    assert (kind, answered) == ("03", "WN-2024-0302")
    # with the type switched off it is left alone like any other message
    code, text = run("process", str(inbox), "--json", "--pattern", "WN=", "--pattern", "WN*")
    assert {d["status"] for d in json.loads(text)} == {"skipped"}


def test_state_export_and_import_carry_master_data(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, MASTER)
    state = tmp_path / "state.json"
    assert run("process", str(inbox), "--state", str(state))[0] == 0
    store = tmp_path / "imported.db"
    code, text = run("state", "import", str(state), str(store))
    assert code == 0
    document = json.loads(state.read_text(encoding="utf-8"))
    records = len(document["master"])
    assert records >= 12 and f"and {records} master-data record(s)" in text
    code, exported = run("state", "export", str(store))
    assert code == 0 and json.loads(exported) == document
    # the imported store goes on with the imported master data: the old key is known as old
    later = tmp_path / "later"
    later.mkdir()
    (later / "VZ-old-key.xml").write_bytes(
        variant(NEW_KEY_SICK, ("EXT-100199", "EXT-100103"), ("VZ-2024-0309", "VZ-2024-0399"))
    )
    code, text = run("process", str(later), "--store", str(store), "--json")
    assert code == 1 and "master.old-key" in codes(report(text)["VZ-2024-0399"])
