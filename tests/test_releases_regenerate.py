"""Adding a release is one checked step.

- The spec check refuses a release tag that reaches the newest release only through a bare
  year (it would silently end there when a release is added), a required element that
  disappears between two releases without a stated reason, and face lines that do not
  belong to a reconstructed release or name no split point.
- A fictitious next release, built in a temporary copy of the project by adding a column to
  the release table and running ``tools/regenerate.py``, keeps every element of the release
  before it, in every message type.
- ``tools/regenerate.py --check`` passes on the committed tree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sivi_verzuim import MessageType, Release, compare_schemas

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import schemagen  # noqa: E402

DECISIONS = schemagen.load_decisions(schemagen.source_dir(REPO) / "decisions.toml")


def _spec(tmp_path: Path, body: str, message: str = "Retourmelding1") -> Path:
    path = tmp_path / "Test.spec"
    path.write_text(f"message {message} Root\n\n" + body, encoding="utf-8")
    return path


_ROOT = """complex Root
  BrAlg                          1..1   Header
{extra}
complex Header
  BrCd                           1..1   Code
{header}
simple Code                               string maxLength=5
"""


def _root(extra: str = "", header: str = "") -> str:
    return _ROOT.format(extra=extra, header=header)


def test_a_tag_ending_at_the_newest_release_is_refused(tmp_path: Path) -> None:
    newest = MessageType.RETOURMELDING.releases[-1].value
    before = MessageType.RETOURMELDING.releases[-2].value
    for tag in (f"[{newest}]", f"[2017,{newest}]"):
        path = _spec(tmp_path, _root(f"  Extra    0..1   Code    {tag}"))
        with pytest.raises(schemagen.SpecError, match="without saying so"):
            schemagen.parse_spec(path, DECISIONS)
    for tag in (f"[{newest}..]", f"[{before}..{newest}]", f"[2017,{newest}..]", "[..2022]"):
        path = _spec(tmp_path, _root(f"  Extra    0..1   Code    {tag}"))
        schemagen.parse_spec(path, DECISIONS)


def test_a_required_element_that_disappears_needs_a_reason(tmp_path: Path) -> None:
    gone = _root("  Extra    1..1   Code    [..2022]")
    spec = schemagen.parse_spec(_spec(tmp_path, gone), DECISIONS)
    with pytest.raises(schemagen.SpecError, match="required element /Retourmelding1/Extra"):
        schemagen.check_removals(spec)
    said = _root('  Extra    1..1   Code    [..2022] gone "merged into BrAlg"')
    schemagen.check_removals(schemagen.parse_spec(_spec(tmp_path, said), DECISIONS))
    # an optional one may go; a required one that becomes optional stays
    schemagen.check_removals(
        schemagen.parse_spec(_spec(tmp_path, _root("  Extra  0..1  Code  [..2022]")), DECISIONS)
    )
    kept = _root("  Extra  1..1  Code  [..2022]\n  Extra  0..1  Code  [2024..]")
    schemagen.check_removals(schemagen.parse_spec(_spec(tmp_path, kept), DECISIONS))


def test_face_lines_belong_to_reconstructed_releases_and_name_a_split(tmp_path: Path) -> None:
    cases = {
        "  Extra  0..1  Code  [2022..] reading S4": "reconstructed releases only",
        "  Extra  0..1  Code  [..2020] reading S99": "no such split point",
        "  Extra  0..1  Code  [..2020] reading N1": "not split",
        "  Extra  0..1  Code  [..2020] reading": "expected 'reading ID'",
        "  Extra  0..1  Code  [2021] reading S4": "does not name release 2021",
    }
    for line, error in cases.items():
        with pytest.raises(schemagen.SpecError, match=error):
            schemagen.parse_spec(_spec(tmp_path, _root(line)), DECISIONS)


def test_the_writing_face_must_be_narrower(tmp_path: Path) -> None:
    wider = _root("  Extra  0..1  Code  [..2020] writing S4\n", header="  Kind  1..1  Kinds") + (
        "simple Kinds string length=2 enum=01,02 [..2020] reading S5\n"
        "simple Kinds string length=2 enum=01,02,03 [..2020] writing S5\n"
        "simple Kinds string length=2 enum=01,02 [2021..]\n"
    )
    spec = schemagen.parse_spec(_spec(tmp_path, wider), DECISIONS)
    with pytest.raises(schemagen.SpecError, match=r"in the writing face only|refuses"):
        schemagen.splits(spec, Release.R2020, DECISIONS)


def test_the_committed_tree_is_up_to_date() -> None:
    """What CI runs: every generator in --check mode."""
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "regenerate.py"), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- a new release


def _add_release(releases_py: Path, year: str) -> None:
    """A Release member and a column in the release table: nothing else."""
    text = releases_py.read_text(encoding="utf-8")
    last = [r.value for r in Release][-1]
    text = text.replace(
        f'    R{last} = "{last}"\n', f'    R{last} = "{last}"\n    R{year} = "{year}"\n'
    )
    found = re.search(r'_TABLE = """\n(.*?)\n"""', text, re.S)
    assert found is not None
    rows = []
    for row in found.group(1).splitlines():
        cells = row.split()
        if cells[0] == "message":
            new = year
        elif cells[-1] == "-":
            new = "-"
        elif cells[0] == "Verzuimmeldingen":  # a message that changes gets the next code
            new = f"{int(cells[-1]) + 1:05d}"
        else:  # the others keep theirs, as SIVI does for a message that does not change
            new = cells[-1]
        rows.append(f"{row}  {new}")
    text = text[: found.start(1)] + "\n".join(rows) + text[found.end(1) :]
    releases_py.write_text(text, encoding="utf-8")


def test_a_fictitious_next_release_keeps_every_element(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("src", "tools", "docs", "examples"):
        shutil.copytree(
            REPO / part,
            project / part,
            symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    year = str(int([r.value for r in Release][-1]) + 1)
    _add_release(project / "src" / "sivi_verzuim" / "releases.py", year)

    result = subprocess.run(
        [sys.executable, str(project / "tools" / "regenerate.py")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    check = subprocess.run(
        [sys.executable, str(project / "tools" / "regenerate.py"), "--check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    schemas = project / "src" / "sivi_verzuim" / "schemas"
    newest = MessageType.VERZUIMMELDINGEN.releases[-1]
    for mt in MessageType:
        if not mt.has_release(newest):
            continue
        before = schemas / newest.value / f"{mt.title}.xsd"
        after = schemas / year / f"{mt.title}.xsd"
        assert after.is_file(), f"{mt.title} has no {year} schema"
        report = compare_schemas(before, after, ignore_namespace_year=True)
        # every element, cardinality, type and code of the release before, and nothing else
        # but the version code where the table gives a new one
        other = [d for d in report.differences if not d.path.endswith("/BrAlg/VnrBrCd")]
        assert other == [], f"{mt.title} {year}:\n{report.to_text()}"
        assert (project / "src" / "sivi_verzuim" / "_bindings" / f"r{year}").is_dir()
        assert (project / "examples" / year / f"{mt.title}.xml").is_file()
    # a new release changes no model field: the model is generated from the same lines
    model = "src/sivi_verzuim/model/_generated.py"
    assert (project / model).read_text() == (REPO / model).read_text()

    # and the copy reads its own new release
    code = (
        "import sys; import sivi_verzuim as s\n"
        "m = s.parse(sys.argv[1]); assert m.valid and not m.findings, m.findings\n"
        "print(m.release.value, m.message_type.title, m.header.version_code)\n"
    )
    example = project / "examples" / year / "Verzuimmeldingen.xml"
    run = subprocess.run(
        [sys.executable, "-c", code, str(example)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(project / "src"), "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    code_before = MessageType.VERZUIMMELDINGEN.vnrbrcd(newest)
    assert code_before is not None
    assert run.stdout.split() == [year, "Verzuimmeldingen", f"{int(code_before) + 1:05d}"]
