"""``sivi-verzuim process`` and ``sivi-verzuim baseline-template``."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import pytest

from sivi_verzuim import MessageType, _reports, parse, validate
from sivi_verzuim._cli_process import register
from sivi_verzuim.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
INBOX = REPO / "examples" / "inbox"
FILES = INBOX / "2024"
BASELINE = REPO / "examples" / "baseline"
ORDER = [
    "WG-2024-0301",  # 2024-09-02 07:00: structure, employees, employments, then the absence
    "WN-2024-0302",
    "DV-2024-0303",
    "VZ-2024-0304",
    "VZ-2024-0201",  # 2024-09-02 08:15
    "VZ-2024-0305",
    "VZ-2024-0306",
    "VZ-2024-0202",
    "VZ-2024-0203",
    "VZ-2024-0204",
    "VZ-2024-0307",
    "VZ-2024-0205",
    "WN-2024-0308",
    "VZ-2024-0309",
    "VZ-2024-0206",
    "VZ-2024-0207",
    "VZ-2024-0310",
    "VZ-2024-0208",
]
"""The example inbox in processing order."""


def run(*argv: str) -> tuple[int, str]:
    """Run a subcommand as ``sivi-verzuim`` does (registering it when cli.py does not yet)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "process" not in sub.choices:
        register(sub)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0), ""
    out = io.StringIO()
    code: int = args.func(args, out)
    return code, out.getvalue()


def test_readme_job_rejects_one_message_and_answers_all(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text = run("process", str(INBOX), "--baseline", str(BASELINE), "--out", str(out))
    assert code == 1
    summary = text.splitlines()[-1]
    assert summary.startswith("18 message(s), 14 mutation(s)")
    assert summary.endswith(": 16 accepted, 1 consequential, 1 rejected")
    assert "[chain.compound-absence]" in text and "[chain.unknown-employee]" in text
    answers = sorted(out.glob("RM-*.xml"))
    assert len(answers) == 18
    assert {p.name[3:5] for p in answers} == {"VZ", "WG", "WN", "DV"}
    for path in answers:
        message = parse(path)
        assert message.message_type is MessageType.RETOURMELDING
        assert not validate(path.read_bytes())
    rejected = parse(out / "RM-VZ-20240912-0204-gedeeltelijk-herstel.xml").document
    kind = rejected.br_alg.srt_retmldng_cd
    assert str(getattr(kind, "value", kind)) == "03"
    assert rejected.br_alg.berrefnr_ingzndn_ber == "VZ-2024-0204"
    assert rejected.foutmldng[0].toelchtng.startswith("[chain.unknown-employee]")
    report = json.loads((out / "report.json").read_text())
    assert [r["status"] for r in report].count("accepted") == 16
    assert [r["reference"] for r in report] == ORDER
    assert (out / "report.txt").read_text().startswith("ACCEPTED")


def test_json_output_is_exactly_the_documented_shape() -> None:
    code, text = run("process", str(INBOX), "--baseline", str(BASELINE), "--json")
    assert code == 1
    data = json.loads(text)
    assert [d["reference"] for d in data] == ORDER
    statuses = {d["reference"]: d["status"] for d in data}
    assert statuses["VZ-2024-0204"] == "rejected"
    assert statuses["VZ-2024-0207"] == "consequential"
    for d in data:
        master = d["reference"][:2] != "VZ"
        assert set(d) == {"file", "reference", "status", "mutations"} | (
            {"records"} if master else set()
        )
        assert not (master and d["mutations"])
        assert d["file"].endswith(".xml")
        for m in d["mutations"]:
            assert set(m) == {"case_id", "sequence", "kind", "employee_id", "status", "findings"}
            for f in m["findings"]:
                assert set(f) == {"code", "severity", "message"}
    consequential = next(d for d in data if d["reference"] == "VZ-2024-0207")
    (m,) = consequential["mutations"]
    assert (m["case_id"], m["sequence"]) == ("VZ-2024-000199", 3)
    assert (m["kind"], m["employee_id"]) == ("recovery", "EXT-000555")
    assert m["findings"][0]["code"] == "chain.consequential"
    assert "chain.unknown-employee" in m["findings"][0]["message"]


def test_without_baseline_the_baseline_cases_fail() -> None:
    code, text = run("process", str(INBOX), "--json")
    data = {d["reference"]: d["status"] for d in json.loads(text)}
    assert code == 1
    assert data["VZ-2024-0202"] == "rejected" and data["VZ-2024-0206"] == "consequential"


def test_hold_then_resume_with_state(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    code, text = run("process", str(INBOX), "--state", str(state), "--hold", "--json")
    assert code == 0
    assert {d["status"] for d in json.loads(text)} == {"held"}
    saved = json.loads(state.read_text())
    assert saved["held"] and len(saved["queue"]) == 18
    empty = tmp_path / "empty"
    empty.mkdir()
    code, text = run(
        "process", str(empty), "--state", str(state), "--baseline", str(BASELINE), "--json"
    )
    data = json.loads(text)
    assert code == 1 and [d["reference"] for d in data] == ORDER
    assert [d["status"] for d in data].count("accepted") == 16
    assert not json.loads(state.read_text())["held"]
    # running again with the same baseline and state: nothing new, the baseline is not reloaded
    code, text = run("process", str(empty), "--state", str(state), "--baseline", str(BASELINE))
    assert code == 0 and "0 message(s)" in text
    # the inbox again: everything is a duplicate now, except the broken case's messages
    code, text = run("process", str(INBOX), "--state", str(state), "--json")
    again = {d["reference"]: d["status"] for d in json.loads(text)}
    assert again["VZ-2024-0201"] == "duplicate"
    assert again["VZ-2024-0204"] == "consequential"
    assert again["WG-2024-0301"] == "duplicate"  # the structure again: nothing new


def test_damaged_state_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged state is a configuration error: exit 2, nothing processed, file untouched."""
    state = tmp_path / "state.json"
    out = tmp_path / "out"
    for content, why in (
        (b"{not json", "not JSON"),
        (b'{"format": "something else"}', "not a chain state"),
        (b"[1, 2]", "not a chain state: the top level is a JSON list"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "damaged chain state"),
    ):
        state.write_bytes(content)
        code, text = run("process", str(INBOX), "--state", str(state), "--out", str(out))
        assert (code, text) == (2, "")
        assert why in capsys.readouterr().err
        assert state.read_bytes() == content
        assert not out.exists()


def test_hold_needs_state() -> None:
    assert run("process", str(INBOX), "--hold")[0] == 2


def test_authorized_file(tmp_path: Path) -> None:
    auth = tmp_path / "authorized.csv"
    auth.write_text("employer_id,connection_number\nWG-999,AANS-0001\n")
    code, text = run("process", str(INBOX), "--authorized", str(auth), "--json")
    data = json.loads(text)
    assert code == 1 and {d["status"] for d in data} == {"rejected"}
    first_vz = next(d for d in data if d["reference"].startswith("VZ"))
    assert first_vz["mutations"][0]["findings"][0]["code"] == "chain.unauthorised-employer"
    structure = next(d for d in data if d["reference"] == "WG-2024-0301")
    codes = {f["code"] for r in structure.get("records", []) for f in r["findings"]}
    codes |= {f["code"] for m in structure["mutations"] for f in m["findings"]}
    assert "chain.unauthorised-employer" in codes  # master data are authorised the same way
    auth.write_text("employer_id,connection_number\nWG-100234,*\n")
    code, text = run(
        "process", str(INBOX), "--authorized", str(auth), "--baseline", str(BASELINE), "--json"
    )
    statuses = {d["reference"]: d["status"] for d in json.loads(text)}
    assert code == 1 and list(statuses.values()).count("accepted") == 6
    assert all(statuses[r] == "rejected" for r in ORDER if "-03" in r)  # the other employer
    auth.write_text("employer_id\nWG-1\n")
    assert run("process", str(INBOX), "--authorized", str(auth))[0] == 2  # configuration


def test_pattern_content_and_unreadable_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FILES / "VZ-20240902-0201-ziekmelding.xml", inbox / "vz-lower-case.XML")
    shutil.copy(REPO / "examples/2024/Retourmelding.xml", inbox / "VZ-not-a-vz.xml")
    (inbox / "VZ-broken.xml").write_text("<Verzuimmeldingen")
    (inbox / "VZ-broken-too.xml").write_text("")
    (inbox / "VZ-foreign.xml").write_text("<Bericht xmlns='urn:other'/>")
    shutil.copy(FILES / "VZ-20240916-0205-gedeeltelijk-herstel.xml", inbox / "other.xml")
    code, text = run("process", str(inbox), "--json")
    data = json.loads(text)
    assert code == 1
    names = [Path(d["file"]).name for d in data]
    assert names == [
        "vz-lower-case.XML",
        "VZ-broken-too.xml",
        "VZ-broken.xml",
        "VZ-foreign.xml",
        "VZ-not-a-vz.xml",
    ]
    statuses = [d["status"] for d in data]
    assert statuses == ["accepted", "unreadable", "unreadable", "skipped", "skipped"]
    broken = data[2]
    assert broken["reference"] is None
    assert broken["mutations"][0]["findings"][0]["code"] == "xml.malformed"
    (foreign,) = data[3]["mutations"][0]["findings"]
    assert foreign["code"] == "skipped.not-sivi" and foreign["severity"] == "info"
    assert "not a SIVI Verzuimstandaard message" in foreign["message"]
    assert data[4]["mutations"][0]["findings"][0]["code"] == "skipped.other-message"
    code, text = run("process", str(inbox), "--pattern", "other*")
    assert code == 1 and "1 message(s)" in text  # a partial recovery of an unknown case
    code, text = run("process", str(inbox))
    assert "SKIPPED" in text and "Retourmelding 2024, not a message process judges" in text
    assert "not a SIVI Verzuimstandaard message" in text
    assert "2 unreadable, 2 skipped" in text
    single = run("process", str(FILES / "VZ-20240902-0201-ziekmelding.xml"))
    assert single[0] == 0 and "1 accepted" in single[1]
    assert run("process", str(tmp_path / "missing"))[0] == 2


def test_bad_baseline_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "cases.csv").write_text("employer_id,connection_number\n")
    code, _ = run("process", str(INBOX), "--baseline", str(tmp_path))
    assert code == 2  # a configuration error: nothing processed
    err = capsys.readouterr().err
    assert "cases.csv, line 1, column employee_id: required column is missing" in err


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr("sys.stderr", fake)
    bar = _reports.Progress(400)
    for done in range(1, 401):
        bar.update(done)
    assert "400/400 messages" in fake.getvalue() and fake.getvalue().endswith("\n")
    quiet = _reports.Progress(10)
    quiet.update(10)
    assert fake.getvalue().count("\r") == 101


def test_baseline_template(tmp_path: Path) -> None:
    code, text = run("baseline-template", str(tmp_path))
    assert code == 0 and "cases.csv" in text
    assert run("baseline-template", str(tmp_path))[0] == 1
    assert run("baseline-template", str(tmp_path), "--force")[0] == 0


def test_retourmelding_names_do_not_collide(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    shutil.copy(FILES / "VZ-20240902-0201-ziekmelding.xml", inbox / "a" / "VZ-1.xml")
    shutil.copy(FILES / "VZ-20240916-0205-gedeeltelijk-herstel.xml", inbox / "b" / "VZ-1.xml")
    out = tmp_path / "out"
    code, _ = run("process", str(inbox), "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.glob("RM-*")) == ["RM-VZ-1-2.xml", "RM-VZ-1.xml"]
