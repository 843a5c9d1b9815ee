"""The sivi-verzuim command: inspect, validate (text and JSON), schemas compare/list."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from sivi_verzuim.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_validate_json_valid_directory() -> None:
    code, text = run("validate", "--json", str(EXAMPLES / "2017"))
    assert code == 0
    results = json.loads(text)
    assert len(results) == len(list((EXAMPLES / "2017").glob("*.xml")))
    assert {r["release"] for r in results} == {"2017"}
    assert all(r["valid"] and r["findings"] == [] for r in results)
    kinds = {r["message_type"] for r in results}
    assert {"Verzuimmeldingen", "WerknemerGegevens", "Retourmelding1"} <= kinds


def test_validate_json_reports_findings_and_unreadable(tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    shutil.copy(EXAMPLES / "2022" / "Verzuimmeldingen.xml", good)
    bad = tmp_path / "bad.xml"
    bad.write_text(good.read_text().replace("<EndVrzmJN>N</EndVrzmJN>", "<EndVrzmJN>X</EndVrzmJN>"))
    broken = tmp_path / "broken.xml"
    broken.write_text("<Verzuimmeldingen")
    foreign = tmp_path / "foreign.xml"
    foreign.write_text("<Bericht xmlns='urn:other'/>")
    missing = tmp_path / "missing.xml"
    code, text = run(
        "validate", "--json", str(good), str(bad), str(broken), str(foreign), str(missing)
    )
    assert code == 1
    by_file = {Path(r["file"]).name: r for r in json.loads(text)}
    assert by_file["good.xml"]["valid"] is True
    finding = by_file["bad.xml"]["findings"][0]
    assert by_file["bad.xml"]["valid"] is False
    assert by_file["bad.xml"]["release"] == "2022"
    assert by_file["bad.xml"]["message_type"] == "Verzuimmeldingen"
    assert finding["code"] == "xsd.enumeration"
    assert finding["path"].endswith("/Vrzm[1]/EndVrzmJN")
    assert finding["value"] == "X"
    assert isinstance(finding["line"], int)
    assert set(finding) == {"code", "severity", "path", "line", "message", "value"}
    assert by_file["broken.xml"]["findings"][0]["code"] == "xml.malformed"
    assert by_file["broken.xml"]["release"] is None
    assert by_file["foreign.xml"]["findings"][0]["code"] == "message.unknown"
    assert by_file["missing.xml"]["findings"][0]["code"] == "io.unreadable"


def test_validate_text_output_and_exit_codes(tmp_path: Path) -> None:
    code, text = run("validate", str(EXAMPLES / "2021" / "Verzuimmeldingen.xml"))
    assert code == 0 and "valid (Verzuimmeldingen 2021)" in text
    assert run("validate")[0] == 2  # usage error: no path


def test_validate_refuses_hostile_xml(tmp_path: Path) -> None:
    evil = tmp_path / "xxe.xml"
    evil.write_text('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    code, text = run("validate", "--json", str(evil))
    assert code == 1
    assert json.loads(text)[0]["findings"][0]["code"] == "xml.unsafe.dtd"
    assert "root:" not in text


def test_inspect_counts() -> None:
    code, text = run("inspect", "--json", str(EXAMPLES / "2021" / "VZ-2021-01-ziekmelding.xml"))
    assert code == 0
    (row,) = json.loads(text)
    assert row["release"] == "2021"
    assert row["message_type"] == "Verzuimmeldingen"
    assert row["reference"] == "VZ-2021-0001"
    assert row["sender"] and row["receiver"]
    assert (row["employers"], row["employees"], row["employments"], row["absence_mutations"]) == (
        1,
        1,
        1,
        1,
    )
    code, text = run("inspect", str(EXAMPLES / "2021" / "VZ-2021-01-ziekmelding.xml"))
    assert "absence_mutations" in text and "2021" in text


def test_schemas_compare_and_list(tmp_path: Path) -> None:
    a = str(REPO / "schemas" / "2021" / "Verzuimmeldingen.xsd")
    b = str(REPO / "schemas" / "2022" / "Verzuimmeldingen.xsd")
    assert run("schemas", "compare", a, a)[0] == 0
    code, text = run("schemas", "compare", "--json", "--ignore-namespace-year", a, b)
    assert code == 1
    report = json.loads(text)
    assert report["equivalent"] is False
    # 2021 reads any five-digit version code (split point S1) where 2022 fixes 00010
    assert sorted((d["kind"], d["path"]) for d in report["differences"]) == [
        ("enumeration", "/Verzuimmeldingen/BrAlg/VnrBrCd"),
        ("facet", "/Verzuimmeldingen/BrAlg/VnrBrCd"),
    ]
    code, text = run("schemas", "list")
    assert code == 0 and "VnrBrCd 00009" in text


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("sivi-verzuim")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    out = subprocess.run(
        [str(exe), "validate", str(EXAMPLES / "2026")], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


BAD_DATE = "1990-13-45"


def _bad_birth_date(tmp_path: Path) -> Path:
    source = EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml"
    text = source.read_text(encoding="utf-8")
    start = text.index("<Gebdat>") + len("<Gebdat>")
    end = text.index("</Gebdat>")
    path = tmp_path / "VZ-gebdat.xml"
    path.write_text(text[:start] + BAD_DATE + text[end:], encoding="utf-8")
    return path


def test_validate_masks_personal_data_unless_asked(tmp_path: Path) -> None:
    path = _bad_birth_date(tmp_path)
    for argv in (["validate", str(path)], ["validate", "--json", str(path)]):
        code, text = run(*argv)
        assert code == 1 and BAD_DATE not in text and "Gebdat" in text
        code, text = run(argv[0], "--show-personal-data", *argv[1:])
        assert code == 1 and BAD_DATE in text
    (result,) = json.loads(run("validate", "--json", str(path))[1])
    (finding,) = result["findings"]
    assert finding["value"] == "<masked: 10 characters>"


def test_validate_lists_every_entry_of_a_directory(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "2024" / "Verzuimmeldingen.xml", tmp_path / "good.xml")
    (tmp_path / "dangling.xml").symlink_to(tmp_path / "nowhere.xml")
    (tmp_path / "folder.xml").mkdir()
    (tmp_path / "other.txt").write_text("not looked at")
    code, text = run("validate", "--json", str(tmp_path))
    assert code == 1
    by_file = {Path(r["file"]).name: r for r in json.loads(text)}
    assert set(by_file) == {"good.xml", "dangling.xml", "folder.xml"}
    assert by_file["good.xml"]["valid"] is True
    for name, why in (("dangling.xml", "dangling symbolic link"), ("folder.xml", "directory")):
        (finding,) = by_file[name]["findings"]
        assert finding["code"] == "io.unreadable" and why in finding["message"]


def test_validate_and_inspect_go_on_after_an_unexpected_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sivi_verzuim import cli

    real = cli.parse
    bad = tmp_path / "VZ-boom.xml"
    shutil.copy(EXAMPLES / "2024" / "Verzuimmeldingen.xml", bad)
    good = EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml"

    def failing(source: object, **kwargs: object) -> object:
        if Path(str(source)).name == bad.name:
            raise RuntimeError(f"kaboom-x {BAD_DATE}")
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "parse", failing)
    code, text = run("validate", "--json", str(bad), str(good))
    assert code == 1 and "kaboom-x" not in text
    first, second = json.loads(text)
    assert first["valid"] is False and first["findings"][0]["code"] == "internal.error"
    assert "RuntimeError" in first["findings"][0]["message"]
    assert second["valid"] is True
    code, text = run("inspect", "--json", str(bad), str(good))
    assert code == 1 and "kaboom-x" not in text
    first, second = json.loads(text)
    assert "internal.error" in first["error"] and second["reference"] == "VZ-2024-0001"


def test_classify_goes_on_after_an_unexpected_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sivi_verzuim import classification

    real = classification.classify_message
    calls: list[int] = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError(f"kaboom-x {BAD_DATE}")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(classification, "classify_message", failing)
    (tmp_path / "dangling.xml").symlink_to(tmp_path / "nowhere.xml")
    files = sorted((EXAMPLES / "2024").glob("VZ-2024-0*.xml"))
    code, text = run("classify", "--json", *map(str, files), str(tmp_path))
    err = capsys.readouterr().err
    assert code == 1
    assert len(json.loads(text)) == len(files) - 1
    assert "internal.error" in err and "RuntimeError" in err and "kaboom-x" not in err
    assert "dangling symbolic link" in err
    code, _ = run("classify", str(_bad_birth_date(tmp_path)))
    err = capsys.readouterr().err
    assert code == 1 and "Gebdat" in err and BAD_DATE not in err


def _expected_judgement(path: Path) -> dict[str, object]:
    """What ``validate --json`` must say about one file, from the library's API: the strict
    parse for a valid message, the tolerant parse's findings (masked) for an invalid one,
    the refusal for malformed or hostile XML."""
    from sivi_verzuim import parse
    from sivi_verzuim.chain._results import outgoing
    from sivi_verzuim.errors import MalformedXMLError, UnsafeXMLError, ValidationError

    base: dict[str, object] = {"file": str(path), "release": None, "message_type": None}
    try:
        message = parse(path)
    except ValidationError:
        message = parse(path, strict=False)
        findings = [outgoing(f).to_dict() for f in message.findings]
        assert findings and not message.valid
    except UnsafeXMLError as exc:
        problem = {"code": f"xml.unsafe.{exc.rule}", "message": str(exc), "line": exc.line}
        return {**base, "valid": False, "findings": [_finding(problem)]}
    except MalformedXMLError as exc:
        problem = {"code": "xml.malformed", "message": str(exc), "line": exc.line}
        return {**base, "valid": False, "findings": [_finding(problem)]}
    else:
        findings = [outgoing(f).to_dict() for f in message.findings]  # warnings only
    return {
        **base,
        "release": message.release.value,
        "message_type": message.message_type.root,
        "valid": message.valid,
        "findings": findings,
    }


def _finding(problem: Mapping[str, object]) -> dict[str, object]:
    return {"severity": "error", "path": None, "value": None, **problem}


def test_validate_says_what_the_api_says_for_every_kind_of_file(tmp_path: Path) -> None:
    valid = sorted((EXAMPLES / "2024").glob("*.xml"))
    source = (EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml").read_text(encoding="utf-8")
    invalid = tmp_path / "invalid.xml"
    invalid.write_text(source.replace("<EndVrzmJN>N", "<EndVrzmJN>X"), encoding="utf-8")
    unknown = tmp_path / "unknown-element.xml"
    unknown.write_text(source.replace("<EndVrzmJN>", "<Extra>1</Extra><EndVrzmJN>"))
    malformed = [REPO / "tests" / "poison" / n for n in ("bytes-truncated.xml",)]
    hostile = sorted((REPO / "tests" / "poison").glob("dtd-*.xml"))
    hostile += [REPO / "tests" / "poison" / "depth-beyond-limit-70.xml"]
    files = [*valid, invalid, unknown, *malformed, *hostile]
    for jobs in ("1", "2"):
        code, text = run("validate", "--json", "--jobs", jobs, *map(str, files))
        assert code == 1
        assert json.loads(text) == [_expected_judgement(p) for p in files]
    kinds = [_expected_judgement(p) for p in files]
    assert all(k["valid"] for k in kinds[: len(valid)])
    assert [k["findings"][0]["code"] for k in kinds[len(valid) :]][:3] == [  # type: ignore[index]
        "xsd.enumeration",
        "xsd.unknown-element",
        "xml.malformed",
    ]
    assert all(k["findings"][0]["code"].startswith("xml.unsafe.") for k in kinds[-len(hostile) :])  # type: ignore[index]


def test_the_commands_read_a_valid_message_as_the_strict_parse_does() -> None:
    from sivi_verzuim import cli, parse

    for path in sorted(EXAMPLES.glob("*/*.xml")):
        strict = parse(path)
        read = cli._read(path)
        assert read.findings == strict.findings == ()
        assert read.unknown_elements == ()
        assert read.document == strict.document, path
