"""Master data in the chain validator: WerknemersGegevens, Dienstverbanden and
WerkgeversGegevensBasisregistratie, their rules, key changes and events."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
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
    EmployeeView,
    MasterEvent,
    MasterEventKind,
    MemoryStore,
    RecordKind,
    SqliteStore,
    Status,
    answer_bytes,
    retourmelding,
)
from sivi_verzuim.chain.testing import absence_message
from sivi_verzuim.releases import Release

K = MasterEventKind
REPO = Path(__file__).resolve().parents[1]


def codes(result: object) -> list[str]:
    return [f.code for f in result.all_findings]  # type: ignore[attr-defined]


def kinds(result: object) -> list[MasterEventKind]:
    return [e.kind for e in result.events if isinstance(e, MasterEvent)]  # type: ignore[attr-defined]


def structure(v: ChainValidator) -> None:
    r = v.process(units_message(unit("HQ"), unit("PROD", parent="HQ"), unit("SALES", parent="HQ")))
    assert r.status is Status.ACCEPTED, codes(r)


def staff(v: ChainValidator, *ids: str, reference: str = "WN-1") -> None:
    people = [employee(i, employments=(employment(f"DV-{i}"),)) for i in ids]
    r = v.process(employees_message(*people, reference=reference))
    assert r.status is Status.ACCEPTED, codes(r)


# --------------------------------------------------------------------------- registration


def test_master_data_messages_register_units_employees_and_employments() -> None:
    v = ChainValidator()
    r = v.process(units_message(unit("HQ"), unit("PROD", parent="HQ")))
    assert [rec.record for rec in r.records] == [RecordKind.UNIT, RecordKind.UNIT]
    assert kinds(r) == [K.UNIT_REGISTERED, K.UNIT_REGISTERED]
    assert [(u.code, u.parent_code) for u in v.units(*WG)] == [("HQ", None), ("PROD", "HQ")]
    r = v.process(employees_message(employee("EXT-001", employments=(employment(),))))
    assert r.status is Status.ACCEPTED and r.mutations == ()
    assert kinds(r) == [K.EMPLOYEE_REGISTERED, K.EMPLOYMENT_STARTED]
    event = r.events[0]
    assert isinstance(event, MasterEvent) and event.before is None
    assert event.after == v.employees(*WG)[0]
    assert v.employees(*WG)[0].surname == "Jansen"
    [dv] = v.employments(*WG)
    assert (dv.employee_id, dv.employment_id, dv.unit_code) == ("EXT-001", "DV-EXT-001", "PROD")
    assert v.is_known(*WG, "EXT-001") and v.negative_registration(*WG)
    assert v.master_employers() == [WG]
    # the same picture again: a duplicate, no events
    r = v.process(
        employees_message(employee("EXT-001", employments=(employment(),)), reference="x")
    )
    assert r.status is Status.DUPLICATE and r.events == ()


def test_a_parsed_message_of_every_master_type_is_taken() -> None:
    v = ChainValidator()
    names = ("WerkgeversGegevensBasisregistratie", "WerknemersGegevens", "Dienstverbanden")
    for name in names:
        message = parse(REPO / "examples" / "2024" / f"{name}.xml")
        r = v.process(message, file=f"in/{name}.xml")
        assert r.status.processed, codes(r)
        assert r.records and r.mutations == ()
        assert r.file == f"in/{name}.xml" and r.release is Release.R2024
        assert answer_bytes(r)
    employers = v.master_employers()
    assert employers and v.units(*employers[0])
    assert any(v.employees(*ek) for ek in employers)


def test_changes_ends_and_deaths_are_events_with_before_and_after() -> None:
    v = ChainValidator()
    structure(v)
    staff(v, "EXT-001")
    r = v.process(
        employees_message(
            employee("EXT-001", "02", surname="Pietersen", mutation_date=D(2024, 2, 1)),
            reference="WN-2",
        )
    )
    assert kinds(r) == [K.EMPLOYEE_CHANGED]
    ev = r.events[0]
    assert isinstance(ev.before, EmployeeView) and ev.before.surname == "Jansen"
    assert ev.after.surname == "Pietersen"  # type: ignore[union-attr]
    upd = employment("DV-EXT-001", "02", end_date=D(2024, 6, 30), mutation_date=D(2024, 2, 1))
    r = v.process(employments_message(employee("EXT-001", employments=(upd,)), reference="DV-2"))
    assert kinds(r) == [K.EMPLOYMENT_ENDED]
    assert v.employments(*WG)[0].end_date == D(2024, 6, 30)
    r = v.process(
        employees_message(
            employee(
                "EXT-001",
                "02",
                surname="Pietersen",
                death_date=D(2024, 3, 1),
                mutation_date=D(2024, 3, 2),
            ),
            reference="WN-3",
        )
    )
    assert kinds(r) == [K.EMPLOYEE_DECEASED]
    r = v.process(units_message(unit("SALES", "04", mutation_date=D(2024, 4, 1)), reference="U2"))
    assert kinds(r) == [K.UNIT_ENDED]
    assert [u.valid_until for u in v.units(*WG) if u.code == "SALES"] == [D(2024, 4, 1)]
    r = v.process(
        employees_message(employee("EXT-001", "04", mutation_date=D(2024, 5, 1)), reference="WN-4")
    )
    assert kinds(r) == [K.EMPLOYEE_ENDED]
    assert v.employees(*WG)[0].ended and not v.is_known(*WG, "EXT-001")


# --------------------------------------------------------------------------- atomicity


def test_a_rejected_master_message_changes_nothing() -> None:
    v = ChainValidator()
    bad = employment("DV-2", start=D(2024, 5, 1), end_date=D(2024, 4, 1))
    r = v.process(
        employees_message(
            employee("EXT-001", employments=(employment(),)),
            employee("EXT-002", employments=(bad,)),
        )
    )
    assert r.status is Status.REJECTED
    assert [rec.status for rec in r.records] == [Status.REJECTED] * 4
    assert "master.employment-end-before-start" in codes(r)
    assert codes(r).count("chain.message-rejected") == 3
    assert r.events == ()
    assert v.employees(*WG) == [] and v.employments(*WG) == []
    assert not v.negative_registration(*WG)


def test_an_unauthorised_employer_is_refused_for_master_data_too() -> None:
    v = ChainValidator(authorized=[WG])
    r = v.process(employees_message(employee("EXT-001"), employer=("WG-OTHER", "A")))
    assert r.status is Status.REJECTED
    assert codes(r) == ["chain.unauthorised-employer"]
    assert v.employees("WG-OTHER", "A") == [] and v.master_employers() == []
    retour = retourmelding(r)
    assert retour.release is Release.R2024


def test_master_messages_are_held_and_resumed_and_survive_a_save() -> None:
    v = ChainValidator(hold=True)
    r = v.process(units_message(unit("PROD")))
    assert r.status is Status.HELD and [x.status for x in r.records] == [Status.HELD]
    v.process(employees_message(employee("EXT-001", employments=(employment(),))))
    doc = json.loads(json.dumps(v.save()))
    assert v.units(*WG) == []
    again = ChainValidator.restore(doc)
    assert again.queued() == ("WG-1", "WN-1")
    results = again.resume()
    assert [r.status for r in results] == [Status.ACCEPTED, Status.ACCEPTED]
    assert [u.code for u in again.units(*WG)] == ["PROD"]
    restored = ChainValidator.restore(again.save())
    assert restored.employees(*WG) == again.employees(*WG)
    assert restored.save() == again.save()


def test_the_answer_to_a_master_message() -> None:
    v = ChainValidator()
    ok = v.process(units_message(unit("PROD")))
    bad = v.process(units_message(unit("X", start=D(2024, 2, 1), end_date=D(2024, 1, 1))))
    assert b"<SrtRetmldngCd>02</SrtRetmldngCd>" in answer_bytes(ok)
    data = answer_bytes(bad)
    assert b"<SrtRetmldngCd>03</SrtRetmldngCd>" in data
    assert b"master.employment-end-before-start" in data
    report = bad.to_dict()
    assert report["records"][0]["record"] == "unit" and report["records"][0]["unit_code"] == "X"
    assert report["mutations"] == []


# --------------------------------------------------------------------------- negative registration


def test_negative_registration_switches_on_with_the_first_employee_data() -> None:
    v = ChainValidator()
    assert v.process(sick("C0", employee="EXT-000")).status is Status.ACCEPTED  # positive
    staff(v, "EXT-001")
    r = v.process(sick("C1", employee="EXT-002"))
    assert r.status is Status.REJECTED and codes(r) == ["master.unknown-employee"]
    assert v.case(*WG, "C1") is None
    assert v.process(sick("C2", employee="EXT-001")).status is Status.ACCEPTED
    # an employment of an unknown employee
    r = v.process(employments_message(employee("EXT-003", employments=(employment("DV-3"),))))
    assert r.status is Status.REJECTED and codes(r) == ["master.unknown-employee"]


def test_negative_registration_configured_per_employer() -> None:
    config = ChainConfig().with_rule(
        "master.unknown-employee", employers=["WG-1/AANS-1"], on_first_message=False
    )
    v = ChainValidator(config)
    assert v.negative_registration(*WG)
    r = v.process(employments_message(employee("EXT-1", employments=(employment("DV-1"),))))
    assert codes(r) == ["master.unknown-employee"]
    # on_first_message off: employee data do not switch another employer on
    other = ("WG-2", "B")
    v.process(employees_message(employee("EXT-1"), employer=other))
    assert not v.negative_registration(*other)
    with pytest.raises(ValueError):
        ChainConfig().with_rule("master.unknown-employee", employers=["no slash"])


def test_an_absence_after_the_employment_ended_is_rejected() -> None:
    v = ChainValidator()
    ended = employment("DV-EXT-001", end_date=D(2024, 2, 29))
    v.process(employees_message(employee("EXT-001", employments=(ended,))))
    r = v.process(sick("C1"))
    assert codes(r) == ["master.employment-ended"]
    assert v.process(sick("C1", D(2024, 2, 29))).status is Status.ACCEPTED


# --------------------------------------------------------------------------- units


def test_unknown_unit_is_off_until_a_structure_is_known() -> None:
    v = ChainValidator()
    staff(v, "EXT-001", "EXT-002")
    r = v.process(with_unit(sick("C1"), "NOWHERE"))
    assert r.status is Status.ACCEPTED and codes(r) == []
    structure(v)
    r = v.process(with_unit(sick("C2", employee="EXT-002"), "NOWHERE"))
    assert r.status is Status.ACCEPTED and codes(r) == ["master.unknown-unit"]
    assert r.mutations[0].events  # applied, with its events
    r = v.process(
        employments_message(employee("EXT-001", employments=(employment("DV-9", unit="Q"),)))
    )
    assert r.status is Status.ACCEPTED and codes(r) == ["master.unknown-unit"]


def test_unknown_unit_as_an_error_and_a_unit_not_active_on_the_date() -> None:
    config = ChainConfig().with_rule("master.unknown-unit", severity=Severity.ERROR)
    v = ChainValidator(config)
    v.process(units_message(unit("PROD", start=D(2024, 4, 1))))
    staff_msg = employees_message(employee("EXT-001", employments=(employment(unit="PROD"),)))
    r = v.process(staff_msg)  # IngdatMut 2024-01-01: the unit does not exist yet
    assert r.status is Status.REJECTED and "master.unknown-unit" in codes(r)
    later = employment(unit="PROD", mutation_date=D(2024, 4, 1))
    assert v.process(employees_message(employee("EXT-001", employments=(later,)))).status is (
        Status.ACCEPTED
    )
    assert codes(v.process(sick("C1"))) == ["master.unknown-unit"]  # March: not yet
    assert v.process(sick("C1", D(2024, 4, 2))).status is Status.ACCEPTED


# --------------------------------------------------------------------------- key changes


def test_an_employee_key_change_renames_employments_and_cases() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    assert v.process(sick("C1")).status is Status.ACCEPTED
    moved = employee(
        "EXT-NEW",
        "02",
        previous_id="EXT-001",
        mutation_date=D(2024, 3, 2),
        employments=(employment("DV-EXT-001", "02", mutation_date=D(2024, 3, 2)),),
    )
    r = v.process(employees_message(moved, reference="WN-2"))
    assert r.status is Status.ACCEPTED, codes(r)
    assert kinds(r)[0] is K.EMPLOYEE_KEY_CHANGED
    ev = r.events[0]
    assert ev.before.employee_id == "EXT-001" and ev.after.employee_id == "EXT-NEW"  # type: ignore[union-attr]
    assert [e.employee_id for e in v.employees(*WG)] == ["EXT-NEW"]
    assert [d.employee_id for d in v.employments(*WG)] == ["EXT-NEW"]
    case = v.case(*WG, "C1")
    assert case is not None and case.employee_id == "EXT-NEW"
    assert v.is_known(*WG, "EXT-NEW") and not v.is_known(*WG, "EXT-001")
    # the old key is refused, naming the new one; the case is not broken by it
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))
    assert codes(r) == ["master.old-key"] and "EXT-NEW" in r.all_findings[0].message
    assert v.case(*WG, "C1").broken is None  # type: ignore[union-attr]
    # the state survives a save and restore
    again = ChainValidator.restore(json.loads(json.dumps(v.save())))
    assert again.save() == v.save()
    assert codes(again.process(change("C1", 2, D(2024, 3, 5), "50.00"))) == ["master.old-key"]


def test_a_key_change_to_a_key_in_use_is_rejected() -> None:
    v = ChainValidator()
    staff(v, "EXT-001", "EXT-002")
    r = v.process(
        employees_message(employee("EXT-002", "02", previous_id="EXT-001"), reference="x")
    )
    assert r.status is Status.REJECTED and codes(r) == ["master.key-in-use"]
    assert [e.employee_id for e in v.employees(*WG)] == ["EXT-001", "EXT-002"]
    # an employee with cases only (no master data) holds the key too
    v.process(sick("C1", employee="EXT-002"))
    r = v.process(
        employments_message(
            employee(
                "EXT-001", employments=(employment("DV-EXT-002", "02", previous_id="DV-EXT-001"),)
            ),
            reference="y",
        )
    )
    assert r.status is Status.ACCEPTED
    assert kinds(r) == [K.EMPLOYMENT_KEY_CHANGED]
    r = v.process(
        employments_message(
            employee("EXT-001", employments=(employment("DV-EXT-002", "02", previous_id="DV-X"),)),
            reference="z",
        )
    )
    assert codes(r) == ["master.key-in-use"]


def test_an_employment_key_change_renames_the_cases_of_it() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    v.process(sick("C1"))
    renamed = employment("DV-B", "02", previous_id="DV-EXT-001", mutation_date=D(2024, 3, 3))
    r = v.process(employments_message(employee("EXT-001", employments=(renamed,)), reference="d"))
    assert r.status is Status.ACCEPTED
    assert v.case(*WG, "C1").employment_id == "DV-B"  # type: ignore[union-attr]
    r = v.process(change("C1", 2, D(2024, 3, 5), "50.00"))  # still DV-EXT-001
    assert codes(r) == ["master.old-key"] and "DV-B" in r.all_findings[0].message


def test_a_case_key_change_is_remembered_for_employers_with_master_data() -> None:
    v = ChainValidator()
    staff(v, "EXT-001")
    v.process(sick("C1"))
    corr = absence_message("C9", 2, "03", mutation_date=D(2024, 3, 1), previous_case_id="C1")
    r = v.process(corr)
    assert r.status is Status.ACCEPTED, codes(r)
    r = v.process(change("C1", 3, D(2024, 3, 5), "50.00"))
    assert "master.old-key" in codes(r)
    assert any("C9" in f.message for f in r.all_findings)


def test_personnel_number_reuse_is_detected_for_accounts_keyed_by_it() -> None:
    config = ChainConfig().with_rule("master.personnel-number-reused", by_personnel_number=True)
    v = ChainValidator(config)

    def person(eid: str, surname: str, born: D, ref: str) -> object:
        dv = employment(f"DV-{eid}", personnel_number="P-100")
        return v.process(
            employees_message(
                employee(eid, surname=surname, birth_date=born, employments=(dv,)), reference=ref
            )
        )

    assert person("P-100", "Jansen", D(1980, 1, 1), "a").status is Status.ACCEPTED  # type: ignore[attr-defined]
    r = person("P-100", "Bakker", D(1990, 5, 5), "b")
    assert r.status is Status.REJECTED  # type: ignore[attr-defined]
    assert "master.personnel-number-reused" in codes(r)
    assert v.employees(*WG)[0].surname == "Jansen"
    # without the setting, a personnel number is not a key: the picture is replaced
    plain = ChainValidator()
    plain.process(employees_message(employee("P-100", surname="Jansen"), reference="a"))
    r = plain.process(employees_message(employee("P-100", surname="Bakker"), reference="b"))
    assert r.status is Status.ACCEPTED


def test_an_older_picture_never_overwrites_a_newer_one() -> None:
    v = ChainValidator()
    v.process(employees_message(employee("EXT-001", mutation_date=D(2024, 3, 1))))
    r = v.process(
        employees_message(
            employee("EXT-001", "02", surname="X", mutation_date=D(2024, 2, 1)), reference="old"
        )
    )
    assert codes(r) == ["master.mutation-date-backwards"]
    assert v.employees(*WG)[0].surname == "Jansen"
    lenient = ChainValidator(
        ChainConfig().with_rule("master.mutation-date-backwards", severity=Severity.WARNING)
    )
    lenient.process(employees_message(employee("EXT-001", mutation_date=D(2024, 3, 1))))
    r = lenient.process(
        employees_message(
            employee("EXT-001", "02", surname="X", mutation_date=D(2024, 2, 1)), reference="old"
        )
    )
    assert r.status is Status.ACCEPTED and lenient.employees(*WG)[0].surname == "X"


def test_unknown_records() -> None:
    v = ChainValidator()
    r = v.process(employees_message(employee("EXT-001", "02")))
    assert r.status is Status.ACCEPTED and codes(r) == ["master.unknown-record"]
    assert kinds(r) == [K.EMPLOYEE_REGISTERED]
    r = v.process(units_message(unit("GONE", "04")))
    assert r.status is Status.DUPLICATE and codes(r) == ["master.unknown-record"]


# --------------------------------------------------------------------------- stores


def _scenario(v: ChainValidator) -> list[Status]:
    out = []
    out.append(v.process(units_message(unit("HQ"), unit("PROD", parent="HQ"))).status)
    out.append(
        v.process(employees_message(employee("EXT-001", employments=(employment(),)))).status
    )
    out.append(v.process(sick("C1")).status)
    out.append(v.process(sick("C2", employee="EXT-002")).status)
    moved = employee("EXT-NEW", "02", previous_id="EXT-001", mutation_date=D(2024, 3, 2))
    out.append(v.process(employees_message(moved, reference="WN-2")).status)
    out.append(v.process(change("C1", 2, D(2024, 3, 5), "50.00")).status)
    return out


EXPECTED = [
    Status.ACCEPTED,
    Status.ACCEPTED,
    Status.ACCEPTED,
    Status.REJECTED,
    Status.ACCEPTED,
    Status.REJECTED,
]


def test_master_data_in_the_stores_equal_the_memory_state(tmp_path: Path) -> None:
    memory = ChainValidator()
    assert _scenario(memory) == EXPECTED
    mem_store = MemoryStore()
    assert _scenario(ChainValidator(store=mem_store)) == EXPECTED
    assert mem_store.export() == memory.save()
    path = tmp_path / "chain.db"
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert _scenario(v) == EXPECTED
        assert store.export() == memory.save()
        assert v.employees(*WG) == memory.employees(*WG)
    with SqliteStore(path) as store:
        again = ChainValidator(store=store)
        assert again.employees(*WG) == memory.employees(*WG)
        assert again.units(*WG) == memory.units(*WG)
        assert again.case(*WG, "C1") == memory.case(*WG, "C1")
        r = again.process(change("C1", 2, D(2024, 3, 5), "50.00", reference="VZ-again"))
        assert codes(r) == ["master.old-key"]
        # a master-data message delivered again gets its original result, without events
        moved = employee("EXT-NEW", "02", previous_id="EXT-001", mutation_date=D(2024, 3, 2))
        r = again.process(employees_message(moved, reference="WN-2"))
        assert r.status is Status.ACCEPTED and "chain.redelivered" in codes(r)
        assert r.events == () and [x.record for x in r.records] == [RecordKind.EMPLOYEE]
    other = tmp_path / "copy.db"
    with SqliteStore(other) as store:
        from sivi_verzuim.chain import import_state

        import_state(store, memory.save())
        assert store.export() == memory.save()


def test_a_store_of_schema_version_1_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    from sivi_verzuim.chain._sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

    assert SCHEMA_VERSION == 2
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN")
    MIGRATIONS[0](db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("COMMIT")
    db.close()
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert _scenario(v) == EXPECTED
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (2,)
    assert db.execute("SELECT count(*) FROM master").fetchone()[0] > 0
    db.close()


def test_master_events_are_kept_with_the_result_in_the_store(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "c.db") as store:
        v = ChainValidator(store=store)
        r = v.process(employees_message(employee("EXT-001", employments=(employment(),))))
        kept = store.result(r.index)
        assert kept is not None
        assert kept.events == r.events and kept.records == r.records
        assert [e.kind for e in kept.events] == [K.EMPLOYEE_REGISTERED, K.EMPLOYMENT_STARTED]


def test_events_can_be_switched_off() -> None:
    v = ChainValidator(events=False)
    r = v.process(employees_message(employee("EXT-001")))
    assert r.status is Status.ACCEPTED and r.events == ()


def test_held_master_messages_in_a_store_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "held.db"
    with SqliteStore(path) as store:
        v = ChainValidator(store=store, hold=True)
        assert v.process(units_message(unit("PROD"))).status is Status.HELD
        r = v.process(employees_message(employee("EXT-001", employments=(employment(),))))
        assert r.status is Status.HELD
        assert v.units(*WG) == []
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert v.queued() == ("WG-1", "WN-1")
        results = v.resume()
        assert [r.status for r in results] == [Status.ACCEPTED, Status.ACCEPTED]
        assert [k for r in results for k in kinds(r)] == [
            K.UNIT_REGISTERED,
            K.EMPLOYEE_REGISTERED,
            K.EMPLOYMENT_STARTED,
        ]
    with SqliteStore(path) as store:
        v = ChainValidator(store=store)
        assert [u.code for u in v.units(*WG)] == ["PROD"]
        assert codes(v.process(sick("C1", employee="EXT-002"))) == ["master.unknown-employee"]


def test_a_store_without_master_data_refuses_master_messages() -> None:
    class Plain:
        """A store of the plain protocol: every method of MemoryStore but load_master."""

        def __init__(self) -> None:
            self._inner = MemoryStore()

        def __getattr__(self, name: str) -> object:
            if name == "load_master":
                raise AttributeError(name)
            return getattr(self._inner, name)

    v = ChainValidator(store=Plain())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        v.process(units_message(unit("PROD")))
    assert v.process(sick("C1")).status is Status.ACCEPTED


def test_personal_data_of_master_events_is_masked_in_the_report() -> None:
    v = ChainValidator()
    r = v.process(employees_message(employee("EXT-001", surname="Jansen")))
    after = r.to_dict(events=True)["events"][0]["after"]
    assert after["surname"] == "<masked: 6 characters>"
    assert after["birth_date"] == "<masked: 10 characters>"
    assert after["employee_id"] == "EXT-001"
    shown = r.to_dict(events=True, show_personal_data=True)["events"][0]["after"]
    assert shown["surname"] == "Jansen" and shown["birth_date"] == "1980-01-01"


def test_a_personnel_number_key_change_renames_an_employee_keyed_by_it() -> None:
    config = ChainConfig().with_rule("master.personnel-number-reused", by_personnel_number=True)
    v = ChainValidator(config)

    def keyed(pn: str, old: str | None, ref: str) -> object:
        dv = employment("DV-1", personnel_number=pn, previous_personnel_number=old)
        worker = attrs.evolve(employee("", employments=(dv,)), employee_id=None)
        return v.process(employees_message(worker, reference=ref))

    assert keyed("P-1", None, "a").status is Status.ACCEPTED  # type: ignore[attr-defined]
    assert [e.employee_id for e in v.employees(*WG)] == ["P-1"]
    v.process(sick("C1", employee="P-1"))
    r = keyed("P-2", "P-1", "b")
    assert r.status is Status.ACCEPTED, codes(r)  # type: ignore[attr-defined]
    assert K.EMPLOYEE_KEY_CHANGED in kinds(r)
    assert [e.employee_id for e in v.employees(*WG)] == ["P-2"]
    assert v.case(*WG, "C1").employee_id == "P-2"  # type: ignore[union-attr]


def test_a_store_that_forgets_its_cache_after_every_message_judges_the_same(
    tmp_path: Path,
) -> None:
    memory = ChainValidator()
    expected = _scenario(memory)
    with SqliteStore(tmp_path / "cold.db") as store:
        cold = ChainValidator(store=store, cache_limit=0)
        assert _scenario(cold) == expected
        assert store.export() == memory.save()
        # a key change of an employment and an absence under the old id, all from the store
        renamed = employment("DV-B", "02", previous_id="DV-EXT-001", mutation_date=D(2024, 3, 9))
        msg = employments_message(employee("EXT-NEW", employments=(renamed,)), reference="D9")
        assert cold.process(msg).status is Status.ACCEPTED
        assert memory.process(msg).status is Status.ACCEPTED
        late = change("C1", 2, D(2024, 3, 10), "50.00", employee="EXT-NEW", reference="late")
        assert codes(cold.process(late)) == codes(memory.process(late))
        assert store.export() == memory.save()
        assert cold.case(*WG, "C1") == memory.case(*WG, "C1")
