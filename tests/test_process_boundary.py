"""``sivi-verzuim process`` on a hostile inbox: every file answered, nothing stops the run,
and what leaves the system hides personal data."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim import MessageType, Release, _cli_process_read, parse, validate
from sivi_verzuim._salvage import salvage_header
from sivi_verzuim.chain import ChainValidator
from sivi_verzuim.cli import main

REPO = Path(__file__).resolve().parents[1]
FILES = REPO / "examples" / "inbox" / "2024"
BASELINE = REPO / "examples" / "baseline"
FIRST = FILES / "VZ-20240902-0201-ziekmelding.xml"
BAD_DATE = "1990-13-45"
NS_2024 = "http://www.sivi.org/Verzuimmanagement/Verzuimmeldingen/2024"

VALID = sorted(p.name for p in FILES.glob("*.xml"))
EXPECTED = {
    **{name: "accepted" for name in VALID},
    "VZ-20240912-0204-gedeeltelijk-herstel.xml": "rejected",
    "VZ-20240926-0207-volledig-herstel.xml": "consequential",
    "VZ-empty.xml": "unreadable",
    "VZ-junk.xml": "unreadable",
    "VZ-truncated.xml": "unreadable",
    "VZ-laughs.xml": "unreadable",
    "VZ-namespace-2019.xml": "rejected",
    "VZ-namespace-2030.xml": "rejected",
    "VZ-afspraken.xml": "skipped",
    "VZ-foreign.xml": "skipped",
    "VZ-bad-utf8.xml": "unreadable",
    "VZ-dangling.xml": "unreadable",
    "VZ-x.xml": "unreadable",
    "VZ-gebdat.xml": "rejected",
}
# files whose header can be read, and so get a Retourmelding
ANSWERED = {
    *VALID,
    "VZ-truncated.xml",
    "VZ-namespace-2019.xml",
    "VZ-namespace-2030.xml",
    "VZ-bad-utf8.xml",
    "VZ-gebdat.xml",
}
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + ']>\n<Verzuimmeldingen xmlns="'
    + NS_2024
    + '"><BrAlg><Berrefnr>&lol9;</Berrefnr></BrAlg></Verzuimmeldingen>'
).replace("&lol0;", "&lol;")


def _variant(reference: str, *replacements: tuple[str, str]) -> bytes:
    text = FIRST.read_text(encoding="utf-8").replace("VZ-2024-0201", reference)
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text.encode("utf-8")


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "2024").mkdir(parents=True)
    for path in FILES.glob("*.xml"):
        shutil.copy(path, inbox / "2024" / path.name)
    (inbox / "VZ-empty.xml").write_bytes(b"")
    (inbox / "VZ-junk.xml").write_bytes(random.Random(7).randbytes(2048))
    (inbox / "VZ-truncated.xml").write_bytes(_variant("VZ-2024-0290")[:1500])
    (inbox / "VZ-laughs.xml").write_text(LAUGHS, encoding="utf-8")
    (inbox / "VZ-namespace-2019.xml").write_bytes(
        _variant("VZ-2019-0291", (NS_2024, NS_2024.replace("2024", "2019")))
    )
    (inbox / "VZ-namespace-2030.xml").write_bytes(
        _variant("VZ-2030-0292", (NS_2024, NS_2024.replace("2024", "2030")))
    )
    shutil.copy(REPO / "examples" / "2024" / "Afspraken.xml", inbox / "VZ-afspraken.xml")
    (inbox / "VZ-foreign.xml").write_text("<Bericht xmlns='urn:other'><BrAlg/></Bericht>")
    bad = _variant("VZ-2024-0293").replace(b"Bakkerij De", b"Bakkerij \xff\xfe De", 1)
    (inbox / "VZ-bad-utf8.xml").write_bytes(bad)
    (inbox / "VZ-dangling.xml").symlink_to(tmp_path / "nowhere.xml")
    (inbox / "VZ-x.xml").mkdir()
    (inbox / "VZ-gebdat.xml").write_bytes(
        _variant("VZ-2024-0294", ("<Gebdat>1990-06-21</Gebdat>", f"<Gebdat>{BAD_DATE}</Gebdat>"))
    )
    (inbox / "not-picked.xml").write_bytes(b"junk")  # outside the filter: not looked at
    return inbox


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def _by_name(report: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    entries = {Path(d["file"]).name: d for d in report}
    assert len(entries) == len(report), "a file appears twice"
    return entries


def _codes(entry: dict[str, Any]) -> list[str]:
    return [f["code"] for m in entry["mutations"] for f in m["findings"]]


def _answer_name(name: str) -> str:
    return f"RM-{Path(name).stem}.xml"


def test_a_hostile_inbox_is_answered_file_by_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = _inbox(tmp_path)
    out, state = tmp_path / "out", tmp_path / "state.json"
    code, text = run(
        "process", str(inbox), "--baseline", str(BASELINE), "--out", str(out), "--state", str(state)
    )
    assert code == 1
    assert "Traceback" not in capsys.readouterr().err

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entries = _by_name(report)
    assert {name: e["status"] for name, e in entries.items()} == EXPECTED
    for entry in report:
        assert set(entry) - {"records"} == {"file", "reference", "status", "mutations"}
        if entry["status"] not in ("accepted", "duplicate"):
            assert _codes(entry), f"{entry['file']} has no finding"
    assert _codes(entries["VZ-empty.xml"]) == ["xml.malformed"]
    assert _codes(entries["VZ-junk.xml"]) == ["xml.malformed"]
    assert _codes(entries["VZ-truncated.xml"]) == ["xml.malformed"]
    assert entries["VZ-truncated.xml"]["reference"] == "VZ-2024-0290"  # salvaged
    assert _codes(entries["VZ-laughs.xml"]) == ["xml.unsafe.dtd"]
    assert _codes(entries["VZ-bad-utf8.xml"]) == ["xml.malformed"]
    assert _codes(entries["VZ-dangling.xml"]) == ["io.unreadable"]
    assert _codes(entries["VZ-x.xml"]) == ["io.unreadable"]
    assert _codes(entries["VZ-afspraken.xml"]) == ["skipped.other-message"]
    assert _codes(entries["VZ-foreign.xml"]) == ["skipped.not-sivi"]
    assert _codes(entries["VZ-gebdat.xml"])[0] == "chain.invalid-message"
    for year, suggested in (("2019", "2020"), ("2030", "2026")):
        (finding,) = entries[f"VZ-namespace-{year}.xml"]["mutations"][0]["findings"]
        assert finding["code"] == "message.unknown-namespace"
        assert "did you mean" in finding["message"] and f"release {suggested}" in finding["message"]
    assert "not-picked.xml" not in entries

    # the valid messages as without the poison
    assert "6 accepted, 1 consequential, 4 rejected, 7 unreadable, 2 skipped" in text
    # a Retourmelding for each file with a readable header, none for the others
    answers = {p.name for p in out.glob("RM-*.xml")}
    assert answers == {_answer_name(n) for n in ANSWERED}
    for name in ANSWERED:
        data = (out / _answer_name(name)).read_bytes()
        assert not validate(data), name
        answer = parse(data)
        assert answer.message_type is MessageType.RETOURMELDING
        kind = answer.document.br_alg.srt_retmldng_cd
        kind = str(getattr(kind, "value", kind))
        assert kind == ("02" if EXPECTED[name] == "accepted" else "03"), name
        for variant in {str(tmp_path), os.path.realpath(tmp_path)}:
            assert variant.encode() not in data, name
    assert parse(out / "RM-VZ-namespace-2019.xml").release is Release.R2020
    assert parse(out / "RM-VZ-namespace-2030.xml").release is Release.R2026
    truncated = parse(out / "RM-VZ-truncated.xml").document
    assert truncated.br_alg.berrefnr_ingzndn_ber == "VZ-2024-0290"
    assert truncated.foutmldng[0].toelchtng.startswith("[xml.malformed]")

    # personal data: masked in everything that leaves the system
    leaving = [out / "report.txt", out / "report.json", *out.glob("RM-*.xml")]
    for path in leaving:
        assert BAD_DATE not in path.read_text(encoding="utf-8"), path.name
    assert BAD_DATE not in text
    assert "masked: 10 characters" in (out / "RM-VZ-gebdat.xml").read_text(encoding="utf-8")

    # the state is saved and can be restored
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["format"] == "sivi_verzuim.chain-state"
    ChainValidator.restore(saved)


def test_show_personal_data(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    out = tmp_path / "out"
    code, text = run("process", str(inbox), "--out", str(out), "--show-personal-data")
    assert code == 1
    assert BAD_DATE in text
    for name in ("report.txt", "report.json", "RM-VZ-gebdat.xml"):
        assert BAD_DATE in (out / name).read_text(encoding="utf-8"), name
    code, text = run("process", str(inbox), "--json", "--show-personal-data")
    assert BAD_DATE in text


def test_a_damaged_state_stops_before_anything_is_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = _inbox(tmp_path)
    out, state = tmp_path / "out", tmp_path / "state.json"
    assert run("process", str(inbox), "--state", str(state))[0] == 1
    good = state.read_bytes()
    capsys.readouterr()
    damages = {
        "cut off": good[: len(good) // 2],
        "not UTF-8": b"\xff" + good,
        "nested": b"[" * 50_000 + b"]" * 50_000,
        "a list": b"[]",
        "another format": b'{"format": "x"}',
        "damaged content": good.replace(b'"cases": [', b'"cases": [17, ', 1),
    }
    for what, damaged in damages.items():
        state.write_bytes(damaged)
        code, text = run("process", str(inbox), "--state", str(state), "--out", str(out))
        assert code == 2, what
        assert text == "", what
        err = capsys.readouterr().err
        assert str(state) in err and "Traceback" not in err, what
        assert state.read_bytes() == damaged, what
        assert not out.exists(), what


def test_an_unreadable_file(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FIRST, inbox / "VZ-ok.xml")
    locked = inbox / "VZ-locked.xml"
    shutil.copy(FIRST, locked)
    locked.chmod(0)
    try:
        try:
            locked.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("this user can read a file with mode 000 (root)")
        code, text = run("process", str(inbox), "--json")
        entries = _by_name(json.loads(text))
        assert code == 1
        assert entries["VZ-ok.xml"]["status"] == "accepted"
        assert entries["VZ-locked.xml"]["status"] == "unreadable"
        (finding,) = entries["VZ-locked.xml"]["mutations"][0]["findings"]
        assert finding["code"] == "io.unreadable" and "Permission denied" in finding["message"]
    finally:
        locked.chmod(0o644)


def test_unreadable_entries_without_root_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above whoever runs the tests: a file and a subdirectory that cannot be
    read (the operating system's refusal simulated)."""
    inbox = tmp_path / "inbox"
    (inbox / "locked-dir").mkdir(parents=True)
    shutil.copy(FIRST, inbox / "VZ-ok.xml")
    shutil.copy(FIRST, inbox / "VZ-locked.xml")
    shutil.copy(FIRST, inbox / "locked-dir" / "VZ-hidden.xml")
    real_read, real_scandir = _cli_process_read.read_source, os.scandir

    def read_source(source: Any, **kwargs: Any) -> Any:
        if Path(source).name == "VZ-locked.xml":
            raise PermissionError(13, "Permission denied", str(source))
        return real_read(source, **kwargs)

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked-dir":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(_cli_process_read, "read_source", read_source)
    monkeypatch.setattr(os, "scandir", scandir)
    code, text = run("process", str(inbox), "--json")
    entries = _by_name(json.loads(text))
    assert code == 1
    assert {n: e["status"] for n, e in entries.items()} == {
        "VZ-ok.xml": "accepted",
        "VZ-locked.xml": "unreadable",
        "locked-dir": "unreadable",
    }
    for name in ("VZ-locked.xml", "locked-dir"):
        (finding,) = entries[name]["mutations"][0]["findings"]
        assert finding["code"] == "io.unreadable" and "Permission denied" in finding["message"]
        assert str(tmp_path) not in finding["message"]


def test_an_unexpected_error_in_parse_is_one_files_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _cli_process_read.parse

    def failing(source: Any, **kwargs: Any) -> Any:
        if isinstance(source, bytes) and b"VZ-2024-0205" in source:
            raise RuntimeError(f"kaboom-x {BAD_DATE} in {tmp_path}")
        return real(source, **kwargs)

    monkeypatch.setattr(_cli_process_read, "parse", failing)
    out = tmp_path / "out"
    code, text = run("process", str(FILES), "--baseline", str(BASELINE), "--out", str(out))
    assert code == 1
    entries = _by_name(json.loads((out / "report.json").read_text(encoding="utf-8")))
    assert len(entries) == len(VALID)
    failed = entries["VZ-20240916-0205-gedeeltelijk-herstel.xml"]
    assert failed["status"] == "unreadable"
    (finding,) = failed["mutations"][0]["findings"]
    assert finding["code"] == "internal.error" and "RuntimeError" in finding["message"]
    assert "kaboom-x" not in text and BAD_DATE not in text
    # the others are processed as usual: 0208 now waits for the missing report 2 of its case
    assert entries["VZ-20240902-0201-ziekmelding.xml"]["status"] == "accepted"
    assert entries["VZ-20240930-0208-volledig-herstel.xml"]["status"] == "pending"
    # its header could be read: it is answered (and the answer is about an internal error)
    answer = parse(out / "RM-VZ-20240916-0205-gedeeltelijk-herstel.xml").document
    assert answer.foutmldng[0].toelchtng.startswith("[internal.error]")


def test_an_unexpected_error_in_the_validator_is_one_messages_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ChainValidator.process

    def failing(self: ChainValidator, message: Any, **kwargs: Any) -> Any:
        # a parsed message or, read by the workers already, its domain model
        header = message.header
        reference = getattr(header, "reference", None) or getattr(header, "message_reference", None)
        if reference == "VZ-2024-0203":
            raise KeyError(BAD_DATE)
        return real(self, message, **kwargs)

    monkeypatch.setattr(ChainValidator, "process", failing)
    out, state = tmp_path / "out", tmp_path / "state.json"
    code, text = run(
        "process", str(FILES), "--baseline", str(BASELINE), "--out", str(out), "--state", str(state)
    )
    assert code == 1
    assert BAD_DATE not in text
    entries = _by_name(json.loads((out / "report.json").read_text(encoding="utf-8")))
    failed = entries["VZ-20240910-0203-ziekmelding.xml"]
    assert failed["status"] == "rejected" and failed["reference"] == "VZ-2024-0203"
    assert _codes(failed) == ["internal.error"]
    assert "KeyError" in failed["mutations"][0]["findings"][0]["message"]
    assert BAD_DATE not in (out / "report.txt").read_text(encoding="utf-8")
    assert [e["status"] for e in entries.values()].count("accepted") == len(VALID) - 3
    assert (out / "RM-VZ-20240910-0203-ziekmelding.xml").exists()
    assert state.exists()


def test_twice_the_same_name_in_subdirectories(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    (inbox / "a" / "VZ-1.xml").write_bytes(_variant("VZ-2024-0295")[:1500])
    shutil.copy(FIRST, inbox / "b" / "VZ-1.xml")
    out = tmp_path / "out"
    code, _ = run("process", str(inbox), "--out", str(out))
    assert code == 1
    assert sorted(p.name for p in out.glob("RM-*")) == ["RM-VZ-1-2.xml", "RM-VZ-1.xml"]
    references = {parse(p).document.br_alg.berrefnr_ingzndn_ber for p in out.glob("RM-*.xml")}
    assert references == {"VZ-2024-0201", "VZ-2024-0295"}


def test_usage_and_configuration_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "table.toml"
    table.write_text("not = [toml")
    blocker = tmp_path / "file"
    blocker.write_text("")
    for argv in (
        ["process", str(tmp_path / "missing")],
        ["process", str(FILES), "--decision-table", str(table)],
        ["process", str(FILES), "--decision-table", str(tmp_path / "none.toml")],
        ["process", str(FILES), "--baseline", str(tmp_path / "none")],
        ["process", str(FILES), "--authorized", str(tmp_path / "none.csv")],
        ["process", str(FILES), "--state", str(tmp_path / "no" / "dir" / "state.json")],
        ["process", str(FILES), "--out", str(blocker / "out")],
        ["process", str(FILES), "--hold"],
        ["process"],
    ):
        assert run(*argv)[0] == 2, argv
        assert "Traceback" not in capsys.readouterr().err


def test_salvage_reads_what_it_can_and_nothing_unsafe() -> None:
    data = FIRST.read_bytes()
    header = salvage_header(data[:700])
    assert header is not None
    assert (header.root, header.namespace) == ("Verzuimmeldingen", NS_2024)
    assert header.reference == "VZ-2024-0201" and header.sender == "HR-SALARISPAKKET-01"
    assert header.release is Release.R2024 and header.test is False
    # a value cut off by the end of the input is not kept
    cut = data[: data.index(b"VZ-2024-0201") + 5]
    header = salvage_header(cut)
    assert header is not None and header.reference is None and header.get("BrCd") == "00100"
    # a release from VnrBrCd when the namespace names none
    plain = b"<Verzuimmeldingen><BrAlg><VnrBrCd>00009</VnrBrCd><Berrefnr>R</Berrefnr>"
    assert (header := salvage_header(plain)) is not None and header.release is Release.R2021
    assert salvage_header(LAUGHS.encode()) is None
    assert salvage_header(LAUGHS.encode("utf-16")) is None
    assert salvage_header(b"") is None
    assert salvage_header(random.Random(1).randbytes(4096)) is None
    assert salvage_header(b"<a>" * 200_000) is None  # stops early, builds no large tree
