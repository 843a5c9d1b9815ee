"""Master data in the chain validator: a key change processed again, a message with new and
known records, and a released waiting absence checked against the master data."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import attrs
from chain_builders import (
    WG,
    D,
    change,
    employee,
    employees_message,
    employment,
    employments_message,
    sick,
    unit,
    units_message,
    with_unit,
)

from sivi_verzuim import Severity, parse
from sivi_verzuim.chain import (
    ChainConfig,
    ChainValidator,
    MasterEventKind,
    RecordKind,
    SqliteStore,
    Status,
    answer_bytes,
    retourmelding,
)
from sivi_verzuim.cli import main

K = MasterEventKind
REPO = Path(__file__).resolve().parents[1]
FILES = REPO / "examples" / "inbox" / "2024"
MASTER = sorted(p.name for p in FILES.glob("*.xml") if "-03" in p.name)
KEY_CHANGE = "WN-20240918-0308-sleutelwijziging.xml"


def codes(result: object) -> list[str]:
    return [f.code for f in result.all_findings]  # type: ignore[attr-defined]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def staff(v: ChainValidator, *ids: str) -> None:
    people = [employee(i, employments=(employment(f"DV-{i}"),)) for i in ids]
    assert v.process(employees_message(*people)).status is Status.ACCEPTED


# --------------------------------------------------------------------------- key change again


def _moved(reference: str = "WN-2") -> object:
    return employees_message(
        employee(
            "EXT-NEW",
            "02",
            previous_id="EXT-001",
            mutation_date=D(2024, 3, 2),
            employments=(employment("DV-EXT-001", "02", mutation_date=D(2024, 3, 2)),),
        ),
        reference=reference,
    )


def test_an_employee_key_change_processed_again_is_a_duplicate() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    assert v.process(sick("C1")).status is Status.ACCEPTED
    assert v.process(_moved()).status is Status.ACCEPTED
    saved = v.save()
    r = v.process(_moved())
    assert r.status is Status.DUPLICATE, codes(r)
    assert codes(r) == [] and r.events == ()
    assert [rec.status for rec in r.records] == [Status.DUPLICATE, Status.DUPLICATE]
    assert v.save()["master"] == saved["master"]
    # and after a restore (no store, no log of deliveries)
    again = ChainValidator.restore(json.loads(json.dumps(saved)))
    r = again.process(_moved())
    assert r.status is Status.DUPLICATE, codes(r)
    assert again.case(*WG, "C1").employee_id == "EXT-NEW"  # type: ignore[union-attr]
    # the old key is still refused, naming the new one
    assert codes(again.process(change("C1", 2, D(2024, 3, 5), "50.00"))) == ["master.old-key"]


def test_an_employment_key_change_processed_again_is_a_duplicate() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    v.process(sick("C1"))
    renamed = employment("DV-B", "02", previous_id="DV-EXT-001", mutation_date=D(2024, 3, 3))
    message = employments_message(employee("EXT-001", employments=(renamed,)), reference="d")
    assert v.process(message).status is Status.ACCEPTED
    r = v.process(message)
    assert r.status is Status.DUPLICATE, codes(r)
    assert [d.employment_id for d in v.employments(*WG)] == ["DV-B"]
    # a key change to a key in use is still refused
    other = employment("DV-B", "02", previous_id="DV-X", mutation_date=D(2024, 3, 3))
    r = v.process(employments_message(employee("EXT-001", employments=(other,)), reference="e"))
    assert codes(r) == ["master.key-in-use"]


def test_a_key_change_again_with_a_newer_picture_is_a_change_not_a_key_in_use() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    v.process(_moved())
    newer = employees_message(
        employee(
            "EXT-NEW", "02", previous_id="EXT-001", surname="Pietersen", mutation_date=D(2024, 4, 1)
        ),
        reference="WN-3",
    )
    r = v.process(newer)
    assert r.status is Status.ACCEPTED, codes(r)
    assert [e.kind for e in r.events] == [K.EMPLOYEE_CHANGED]
    assert [e.surname for e in v.employees(*WG)] == ["Pietersen"]


def test_the_example_inbox_processed_again_with_a_state_file_is_all_duplicates(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in MASTER:
        shutil.copy(FILES / name, inbox / name)
    state = tmp_path / "state.json"
    code, text = run("process", str(inbox), "--state", str(state), "--json")
    assert code == 0, text
    code, text = run("process", str(inbox), "--state", str(state), "--json")
    assert code == 0, text
    entries = {d["reference"]: d for d in json.loads(text)}
    assert entries["WN-2024-0308"]["status"] == "duplicate", entries["WN-2024-0308"]
    assert {d["status"] for d in entries.values()} == {"duplicate"}
    # after a state import into a store the same
    store = tmp_path / "chain.db"
    assert run("state", "import", str(state), str(store))[0] == 0
    key_change = tmp_path / "again"
    key_change.mkdir()
    shutil.copy(FILES / KEY_CHANGE, key_change / KEY_CHANGE)
    code, text = run("process", str(key_change), "--store", str(store), "--json")
    assert code == 0, text
    assert [d["status"] for d in json.loads(text)] == ["duplicate"]


# --------------------------------------------------------------------------- mixed records


def test_a_message_with_a_known_and_a_new_record_is_accepted() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    both = employees_message(
        employee("EXT-001", employments=(employment("DV-EXT-001"),)),
        employee("EXT-002", employments=(employment("DV-EXT-002"),)),
        reference="WN-2",
    )
    r = v.process(both)
    assert r.status is Status.ACCEPTED
    assert [(rec.record, rec.employee_id, rec.status) for rec in r.records] == [
        (RecordKind.EMPLOYEE, "EXT-001", Status.DUPLICATE),
        (RecordKind.EMPLOYMENT, "EXT-001", Status.DUPLICATE),
        (RecordKind.EMPLOYEE, "EXT-002", Status.ACCEPTED),
        (RecordKind.EMPLOYMENT, "EXT-002", Status.ACCEPTED),
    ]
    assert [e.employee_id for e in v.employees(*WG)] == ["EXT-001", "EXT-002"]
    answer = parse(answer_bytes(r)).document
    assert str(getattr(answer.br_alg.srt_retmldng_cd, "value", "")) == "02"
    assert retourmelding(r) is not None
    # every record known as it is: a duplicate
    assert v.process(both).status is Status.DUPLICATE


def test_a_units_message_with_a_known_and_a_new_unit_is_accepted() -> None:
    v = ChainValidator()
    assert v.process(units_message(unit("HQ"))).status is Status.ACCEPTED
    r = v.process(units_message(unit("HQ"), unit("PROD", parent="HQ"), reference="WG-2"))
    assert r.status is Status.ACCEPTED
    assert [rec.status for rec in r.records] == [Status.DUPLICATE, Status.ACCEPTED]
    assert [u.code for u in v.units(*WG)] == ["HQ", "PROD"]


# --------------------------------------------------------------------------- released waiting


def test_a_released_waiting_absence_is_checked_against_the_master_data() -> None:
    config = ChainConfig().with_rule("master.unknown-unit", severity=Severity.ERROR)
    v = ChainValidator(config)
    staff(v, "EXT-001")
    assert v.process(sick("C1")).status is Status.ACCEPTED
    # report 3 waits for report 2; no structure is known yet, so its unit is not checked
    waiting = v.process(with_unit(change("C1", 3, D(2024, 3, 10), "50.00"), "NOWHERE"))
    assert waiting.status is Status.PENDING, codes(waiting)
    assert v.process(units_message(unit("PROD"))).status is Status.ACCEPTED
    r = v.process(change("C1", 2, D(2024, 3, 5), "80.00"))
    assert r.status is Status.ACCEPTED, codes(r)
    [released] = r.resolved
    assert released.status is Status.REJECTED
    assert codes(released) == ["master.unknown-unit"]
    case = v.case(*WG, "C1")
    assert case is not None and case.last_sequence == 2 and case.broken is None


def test_a_released_waiting_absence_is_checked_in_a_store_and_after_a_restore(
    tmp_path: Path,
) -> None:
    config = ChainConfig().with_rule("master.unknown-unit", severity=Severity.ERROR)
    for where in ("store", "restore"):
        store = SqliteStore(tmp_path / f"{where}.db") if where == "store" else None
        v = ChainValidator(config, store=store)
        staff(v, "EXT-001")
        assert v.process(sick("C1")).status is Status.ACCEPTED
        waiting = v.process(with_unit(change("C1", 3, D(2024, 3, 10), "50.00"), "NOWHERE"))
        assert waiting.status is Status.PENDING, codes(waiting)
        assert v.process(units_message(unit("PROD"))).status is Status.ACCEPTED
        if store is None:
            v = ChainValidator.restore(json.loads(json.dumps(v.save())), config=config)
        else:
            store.close()
            v = ChainValidator(config, store=SqliteStore(tmp_path / f"{where}.db"))
        r = v.process(change("C1", 2, D(2024, 3, 5), "80.00"))
        assert r.status is Status.ACCEPTED, codes(r)
        [released] = r.resolved
        assert released.status is Status.REJECTED, where
        assert codes(released) == ["master.unknown-unit"], where


# --------------------------------------------------------------------------- personnel numbers


def test_personnel_numbers_are_masked_in_findings_and_reports() -> None:
    config = ChainConfig().with_rule("master.personnel-number-reused", by_personnel_number=True)
    v = ChainValidator(config, hold=True)

    def keyed(pn: str, surname: str, ref: str, code: str = "01") -> object:
        dv = employment("DV-1", code, personnel_number=pn)
        worker = employee("", code, surname=surname, employments=(dv,))
        return employees_message(attrs.evolve(worker, employee_id=None), reference=ref)

    v.process(keyed("P-7781", "Jansen", "a"))
    v.process(keyed("P-9913", "Smit", "b", "02"))  # a change of an employee not known
    # held messages keep where their key is, through a save and restore
    v = ChainValidator.restore(json.loads(json.dumps(v.save())), config=config)
    first, unknown = v.resume()
    assert first.status is Status.ACCEPTED
    after = first.to_dict(events=True)["events"][0]["after"]
    assert after["personnel_number"] == "<masked: 6 characters>"
    shown = first.to_dict(events=True, show_personal_data=True)["events"][0]["after"]
    assert shown["personnel_number"] == "P-7781"
    # a finding naming an employee keyed by personnel number points at that PersNr
    assert unknown.status is Status.ACCEPTED
    [finding] = [f for f in unknown.all_findings if f.code == "master.unknown-record"]
    assert finding.path == "/WerknemerGegevens/Wrkgvr[1]/Wrknmr[1]/Dnstvbnd[1]/PersNr"
    assert finding.value == "P-9913" and "P-9913" in finding.message  # the API keeps it
    [text] = [f["message"] for f in unknown.to_dict()["records"][0]["findings"]]
    assert "P-9913" not in text and "<masked: 6 characters>" in text
    # a reused personnel number: masked in the report and in the answer
    r = v.process(keyed("P-7781", "Bakker", "c"))
    assert r.status is Status.REJECTED
    [finding] = [f for f in r.all_findings if f.code == "master.personnel-number-reused"]
    assert finding.path is not None and finding.path.endswith("/PersNr")
    assert "P-7781" not in json.dumps([rec["findings"] for rec in r.to_dict()["records"]])
    assert b"P-7781" not in answer_bytes(r)
