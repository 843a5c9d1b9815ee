"""``sivi-verzuim classify`` and ``sivi-verzuim classification …`` (issue 5)."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import pytest

from sivi_verzuim import cli
from sivi_verzuim._cli_classify import register
from sivi_verzuim.classification import (
    DEFAULT_DECISION_TABLE,
    AbsenceClassification,
    identity_mapping,
    load_mapping,
    mapping_template,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
MAPPINGS = EXAMPLES / "classification"
CHAIN_2021 = sorted((EXAMPLES / "2021").glob("VZ-*.xml"))


def _wired() -> bool:
    parser = cli.build_parser()
    return any(
        isinstance(a, argparse._SubParsersAction) and "classify" in a.choices
        for a in parser._actions
    )


def _main(argv: list[str], out: io.StringIO) -> int:
    """``sivi_verzuim.cli.main`` once the commands are wired in; until then the same steps
    with a parser that has only these commands."""
    if _wired():
        return cli.main(argv, out=out)
    parser = argparse.ArgumentParser(prog="sivi-verzuim")
    register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    code: int = args.func(args, out)
    return code


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = _main(list(argv), out)
    captured = capsys.readouterr()
    return code, out.getvalue() + captured.out, captured.err


def test_classify_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "classify", *map(str, CHAIN_2021))
    assert (code, err) == (0, "")
    assert "VZ-2021-000123 #1  3 Ziekte - overige redenen" in out
    assert "reason  VngntJN=N, OorzkVrzmCd=99 [rule other-reasons]" in out
    assert "mapped  Ziekte - overige redenen [3]" in out
    assert out.endswith("3 absence mutation(s) classified\n")


def test_classify_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "classify", "--json", "--mapping", str(MAPPINGS / "suite-mapping.toml"),
        *map(str, CHAIN_2021),
    )  # fmt: skip
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3
    for row, path, sequence in zip(rows, CHAIN_2021, (1, 2, 3), strict=True):
        assert set(row) == {"file", "case_id", "sequence", "classification", "reason", "mapped"}
        assert row["file"] == str(path)
        assert row["case_id"] == "VZ-2021-000123"
        assert row["sequence"] == sequence
        assert row["classification"] == {"number": 3, "label": "Ziekte - overige redenen"}
        assert row["reason"] == "VngntJN=N, OorzkVrzmCd=99 [rule other-reasons]"
        assert row["mapped"] == {"name": "Ziekte", "code": "ZK"}


def test_classify_directory_skips_other_messages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "classify", "--json", str(EXAMPLES / "2017"))
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert {Path(r["file"]).name for r in rows} == {
        "VZ-2017-01-ziekmelding.xml",
        "VZ-2017-02-gedeeltelijk-herstel.xml",
        "VZ-2017-03-volledig-herstel.xml",
        "Verzuimmeldingen.xml",
    }


def test_classify_reports_bad_inputs_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "VZ-broken.xml"
    broken.write_text("<Verzuimmeldingen")
    other = EXAMPLES / "2021" / "WerknemersGegevens.xml"
    code, out, err = run(capsys, "classify", "--json", str(broken), str(other), str(CHAIN_2021[0]))
    assert code == 1
    assert len(json.loads(out)) == 1
    assert f"{broken}: " in err
    assert "has no absence mutations" in err


def test_classify_with_employer_override(capsys: pytest.CaptureFixture[str]) -> None:
    suite = str(MAPPINGS / "suite-mapping.toml")
    employer = str(MAPPINGS / "employer-mapping.csv")
    args = ("classify", "--json", "--mapping", suite, str(CHAIN_2021[0]))
    (row,) = json.loads(run(capsys, *args, "--employer-mapping", f"WG-100234={employer}")[1])
    assert row["mapped"] == {"name": "Ziek", "code": "03"}
    (row,) = json.loads(run(capsys, *args, "--employer-mapping", f"WG-100234/OTHER={employer}")[1])
    assert row["mapped"] == {"name": "Ziekte", "code": "ZK"}
    code, out, err = run(capsys, *args, "--employer-mapping", "WG-100234")
    assert (code, out) == (2, "")
    assert "EMPLOYER=MAPPING" in err


@pytest.mark.parametrize(
    ("content", "line", "piece"),
    [
        ('[mapping]\nOCCUPATIONAL_ACCIDENT = { name = "x", code = "1"\n', 2, "mapping.syntax"),
        ("[mapping]\nOCCUPATIONAL_ACCIDENT = { name = 'x', code = '1' }\n", 1, "mapping.missing"),
    ],
)
def test_classify_with_a_broken_mapping_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, line: int, piece: str
) -> None:
    mapping = tmp_path / "suite.toml"
    mapping.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "classify", "--mapping", str(mapping), str(CHAIN_2021[0]))
    assert (code, out) == (2, "")
    assert f"{mapping}, line {line}: [{piece}]" in err


def test_classify_with_a_broken_csv_mapping_lists_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mapping = tmp_path / "suite.csv"
    text = mapping_template("csv").replace("OTHER_REASONS,", "OTHER_REASON,")
    mapping.write_text(text + "1,Dubbel,1\n", encoding="utf-8")
    code, out, err = run(capsys, "classify", "--mapping", str(mapping), str(CHAIN_2021[0]))
    assert (code, out) == (2, "")
    assert f"{mapping}, line 4: [mapping.unknown-classification]" in err
    assert f"{mapping}, line 13: [mapping.duplicate]" in err
    assert f"{mapping}, line 1: [mapping.missing] OTHER_REASONS" in err


def test_classify_with_missing_mapping_or_table_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, "classify", "--mapping", str(tmp_path / "nope.toml"), str(CHAIN_2021[0])
    )
    assert (code, out) == (2, "")
    assert "cannot read mapping" in err
    code, out, err = run(capsys, "classify", "--mapping", "no-such-suite", str(CHAIN_2021[0]))
    assert code == 2
    assert "no installed classification mapping named 'no-such-suite'" in err
    table = tmp_path / "table.toml"
    table.write_text('[[rule]]\nid = "x"\nclassification = 99\n', encoding="utf-8")
    code, out, err = run(capsys, "classify", "--decision-table", str(table), str(CHAIN_2021[0]))
    assert (code, out) == (2, "")
    assert f"{table}, line 1: [table.unknown-classification]" in err


def test_classify_with_own_decision_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "table.toml"
    table.write_text(
        '[[rule]]\nid = "all"\nclassification = 11\ncites = ["OorzkVrzmCd"]\n', encoding="utf-8"
    )
    code, out, _ = run(
        capsys, "classify", "--json", "--decision-table", str(table), str(CHAIN_2021[0])
    )
    assert code == 0
    (row,) = json.loads(out)
    assert row["classification"]["number"] == 11
    assert row["reason"] == "OorzkVrzmCd=99 [rule all]"


@pytest.mark.parametrize("fmt", ["toml", "csv"])
def test_template(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    code, out, _ = run(capsys, "classification", "template", "--format", fmt)
    assert code == 0
    assert out == mapping_template(fmt)  # type: ignore[arg-type]
    target = tmp_path / f"suite.{fmt}"
    code, out, _ = run(capsys, "classification", "template", "--format", fmt, "-o", str(target))
    assert (code, out) == (0, "")
    assert load_mapping(target) == identity_mapping()
    assert len([c for c in AbsenceClassification if c.name in target.read_text()]) == 11


def test_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "classification", "table")
    assert (code, out) == (0, DEFAULT_DECISION_TABLE.to_toml())
    mine = tmp_path / "mine.toml"
    shutil.copy(MAPPINGS / "decision-table.toml", mine)
    code, out, _ = run(capsys, "classification", "table", "--decision-table", str(mine))
    assert (code, out) == (0, DEFAULT_DECISION_TABLE.to_toml())
    mine.write_text("[[rule]]\n", encoding="utf-8")
    code, out, err = run(capsys, "classification", "table", "--decision-table", str(mine))
    assert (code, out) == (2, "")
    assert "table.format" in err


def test_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    suite = str(MAPPINGS / "suite-mapping.toml")
    code, out, _ = run(capsys, "classification", "check", suite, str(MAPPINGS / "template.csv"))
    assert code == 0
    assert f"{suite}: valid (9 receiver code(s))" in out
    assert "code 'VO' is shared by classifications 6, 10, 11: no reverse" in out
    bad = tmp_path / "bad.toml"
    bad.write_text("[mapping]\n", encoding="utf-8")
    code, out, _ = run(capsys, "classification", "check", str(bad))
    assert code == 1
    assert f"{bad}: INVALID" in out
    assert out.count("[mapping.missing]") == 11


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "classification", "list", "--json")
    data = json.loads(out)
    assert code == 0
    assert [c["number"] for c in data["classifications"]] == list(range(1, 12))
    assert data["classifications"][7]["label"] == (
        "Ziekte - beëindiging dienstverband tijdens verzuim (vangnet)"
    )
    assert isinstance(data["installed_mappings"], list)
    code, out, _ = run(capsys, "classification", "list")
    assert " 1  OCCUPATIONAL_ACCIDENT" in out
    assert "installed mappings:" in out
