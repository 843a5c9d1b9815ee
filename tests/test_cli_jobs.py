"""``--jobs N`` on ``validate``, ``inspect`` and ``classify``: the same output and exit code
as ``--jobs 1`` on a directory of valid, invalid, malformed, hostile and unreadable files;
a file that kills a worker; Ctrl-C."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from sivi_verzuim import _cli_classify, _parallel, cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
POISON = REPO / "tests" / "poison"
SRC = REPO / "src"
KILLER = "zz-kills-its-worker.xml"
DIED = "internal error while {} (the worker process ended on this item); not processed"


def _fill(root: Path) -> Path:
    """Valid messages of two releases, invalid ones, every poison file (malformed, hostile,
    odd encodings), and entries that cannot be read: well over ``MIN_ITEMS``."""
    root.mkdir(exist_ok=True)
    for release in ("2021", "2024"):
        for source in sorted((EXAMPLES / release).glob("*.xml")):
            shutil.copy(source, root / f"{release}-{source.name}")
    chain = sorted((EXAMPLES / "2024").glob("VZ-2024-0*.xml"))
    for i, source in enumerate(chain):
        text = source.read_text(encoding="utf-8")
        bad = text.replace("<EndVrzmJN>", "<EndVrzmJN>X", 1)
        (root / f"invalid-{i}.xml").write_text(bad, encoding="utf-8")
    for source in sorted(POISON.glob("*.xml")):
        shutil.copy(source, root / f"poison-{source.name}")
    (root / "dangling.xml").symlink_to("nowhere.xml")
    (root / "folder.xml").mkdir()
    os.mkfifo(root / "fifo.xml")
    assert len(list(root.iterdir())) > 2 * _parallel.MIN_ITEMS
    return root


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fill(tmp_path_factory.mktemp("inbox"))


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the chunks handed to worker processes."""
    submitted: list[int] = []
    real = _parallel._Pool.submit

    def counting(self: _parallel._Pool[object, object], chunk: object) -> object:
        submitted.append(1)
        return real(self, chunk)  # type: ignore[arg-type]

    monkeypatch.setattr(_parallel._Pool, "submit", counting)
    yield submitted


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    captured = capsys.readouterr()
    return code, out.getvalue() + captured.out, captured.err


COMMANDS = [
    ("validate",),
    ("validate", "--json"),
    ("validate", "--json", "--show-personal-data"),
    ("inspect",),
    ("inspect", "--json"),
    ("classify",),
    ("classify", "--json"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_jobs_give_the_same_output_and_exit_code(
    command: tuple[str, ...],
    inbox: Path,
    pools: list[int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    alone = run(capsys, *command, "--jobs", "1", str(inbox))
    assert not pools
    pooled = run(capsys, *command, "--jobs", "2", str(inbox))
    assert pools, "two jobs on this many files use worker processes"
    assert pooled == alone
    code, out, err = alone
    assert code == 1 and out
    if command[0] == "classify":
        assert "absence mutation(s) classified" in out or out.startswith("[")
        assert "dangling symbolic link" in err and "fifo.xml" in err
    if command == ("validate", "--json"):
        results = json.loads(out)
        assert len(results) == len(list(inbox.iterdir()))
        codes = {f["code"] for r in results for f in r["findings"]}
        assert {"io.unreadable", "xml.malformed", "xsd.enumeration"} <= codes
        assert any(c.startswith("xml.unsafe.") for c in codes)
        assert sum(r["valid"] for r in results) >= 22


def test_default_jobs_is_the_number_of_cpus(
    inbox: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[int] = []
    real = getattr(cli, "map_ordered")  # noqa: B009 (not re-exported)

    def spy(*args: object, **kwargs: object) -> object:
        used.append(args[2])  # type: ignore[arg-type]
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "map_ordered", spy)
    run(capsys, "validate", str(EXAMPLES / "2021"))
    assert used == [_parallel.default_jobs()]


@pytest.mark.parametrize("bad", ["0", "-2", "many"])
def test_jobs_must_be_a_positive_number(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("validate", "inspect", "classify"):
        code, _, err = run(capsys, command, "--jobs", bad, str(EXAMPLES / "2021"))
        assert code == 2 and "--jobs" in err


def _kill_on(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Make reading the file named KILLER end the process it runs in (workers are forked,
    so they inherit the patch)."""
    real = getattr(module, name)
    parent = os.getpid()

    def deadly(source: Path, *args: object, **kwargs: object) -> object:
        if Path(source).name == KILLER:
            assert os.getpid() != parent, "the killer file is only read in a worker"
            os._exit(70)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(module, name, deadly)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="patches reach forked workers")
def test_a_file_that_kills_its_worker_is_that_files_error(
    inbox: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mixed = tmp_path / "mixed"
    clean = {  # without the killer, as the mixed directory would show it
        argv: run(capsys, *argv, "--jobs", "1", str(inbox))[1].replace(str(inbox), str(mixed))
        for argv in (("validate", "--json"), ("inspect", "--json"), ("classify",))
    }
    _fill(mixed)
    shutil.copy(EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml", mixed / KILLER)
    _kill_on(monkeypatch, cli, "_read")
    _kill_on(monkeypatch, _cli_classify, "parse")

    code, out, _ = run(capsys, "validate", "--json", "--jobs", "2", str(mixed))
    results = json.loads(out)
    (killed,) = [r for r in results if Path(r["file"]).name == KILLER]
    assert killed["valid"] is False and killed["release"] is None
    assert [f["message"] for f in killed["findings"]] == [DIED.format("validating the file")]
    assert killed["findings"][0]["code"] == "internal.error"
    rest = [r for r in results if r is not killed]
    assert code == 1
    assert rest == json.loads(clean[("validate", "--json")])

    code, out, _ = run(capsys, "inspect", "--json", "--jobs", "2", str(mixed))
    rows = json.loads(out)
    (killed,) = [r for r in rows if Path(r["file"]).name == KILLER]
    assert killed == {
        "file": str(mixed / KILLER),
        "error": "[internal.error] " + DIED.format("inspecting the file"),
    }
    assert [r for r in rows if r is not killed] == json.loads(clean[("inspect", "--json")])

    code, out, err = run(capsys, "classify", "--jobs", "2", str(mixed))
    assert code == 1
    assert out == clean[("classify",)]
    assert f"{mixed / KILLER}: [internal.error] {DIED.format('classifying the file')}" in err
    assert err.replace(f"sivi-verzuim classify: {mixed / KILLER}: ", "", 1).count(KILLER) == 0


_INTERRUPTED = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from sivi_verzuim import cli

    real = cli._read
    parent = os.getpid()

    def slow(path):
        if os.getpid() != parent:  # a worker is at work
            Path(sys.argv[2]).touch()
        time.sleep(0.2)
        return real(path)

    cli._read = slow
    sys.exit(cli.main(["validate", "--jobs", "2", sys.argv[1]]))
    """
)


def test_ctrl_c_stops_cleanly(inbox: Path, tmp_path: Path) -> None:
    script = tmp_path / "interrupted.py"
    script.write_text(_INTERRUPTED)
    working = tmp_path / "working"
    proc = subprocess.Popen(
        [sys.executable, str(script), str(inbox), str(working)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not working.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert working.exists(), "the workers never started"
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == "sivi-verzuim: interrupted\n"
    assert out == ""  # nothing half printed
    with pytest.raises(ProcessLookupError):
        for _ in range(50):
            os.killpg(proc.pid, 0)
            time.sleep(0.1)


def test_no_workers_for_a_handful_of_files(
    pools: list[int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "validate", "--jobs", "2", str(EXAMPLES / "2021"))
    assert code == 0 and "10 valid, 0 invalid" in out
    code, _, _ = run(
        capsys,
        "convert",
        "--jobs",
        "2",
        str(EXAMPLES / "2021" / "VZ-2021-01-ziekmelding.xml"),
        "--to",
        "2024",
        "-o",
        str(tmp_path / "out.xml"),
    )
    assert code == 0 and (tmp_path / "out.xml").stat().st_size > 0
    assert not pools


# ----------------------------------------------------------------- what a run loads


def _fresh(code: str, *args: str) -> str:
    """The output of ``code`` run in a fresh interpreter on this source tree."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


_LOADED = """
    import io, sys
    from sivi_verzuim.cli import main
    out = io.StringIO()
    code = main(["validate", "--jobs", "1", *sys.argv[1:]], out)
    print(code, "sivi_verzuim.chain" in sys.modules)
"""


def test_validate_loads_the_chain_only_for_findings(tmp_path: Path) -> None:
    valid = EXAMPLES / "2024"
    assert _fresh(_LOADED, str(valid)) == "0 False"  # nothing to mask: no chain
    bad = tmp_path / "bad.xml"
    text = (valid / "VZ-2024-01-ziekmelding.xml").read_text(encoding="utf-8")
    bad.write_text(text.replace("<EndVrzmJN>", "<EndVrzmJN>X", 1), encoding="utf-8")
    assert _fresh(_LOADED, str(valid), str(bad)) == "1 True"  # findings leave masked


_WARMED = """
    import sys
    from sivi_verzuim import cli
    entries = list(cli._files(sys.argv[1:]))
    bindings = "sivi_verzuim._bindings."
    before = {m for m in sys.modules if m.startswith(bindings)}
    cli._warm(entries, 2)
    loaded = {m[len(bindings) :] for m in set(sys.modules) - before if m.startswith(bindings)}
    print(" ".join(sorted(m for m in loaded if "." in m)))
"""


def _copies(folder: Path, source: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        shutil.copy(source, folder / f"m{i:03d}.xml")
    return folder


def test_workers_start_with_the_binding_of_the_first_file(tmp_path: Path) -> None:
    sick = EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml"
    many = _copies(tmp_path / "many", sick, _parallel.MIN_ITEMS)
    assert _fresh(_WARMED, str(many)) == "r2024.verzuimmeldingen"
    few = _copies(tmp_path / "few", sick, _parallel.MIN_ITEMS - 1)
    assert _fresh(_WARMED, str(few)) == ""  # no workers: nothing loaded ahead
    # a root element under a prefix; another release
    old = (EXAMPLES / "2021" / "VZ-2021-01-ziekmelding.xml").read_text(encoding="utf-8")
    root = str(etree.QName(etree.fromstring(old.encode("utf-8"))).localname)
    prefixed = old.replace(f"<{root} xmlns=", f"<v:{root} xmlns:v=", 1)
    prefixed = prefixed.replace(f"</{root}>", f"</v:{root}>")
    (many / "a.xml").write_text(prefixed, encoding="utf-8")
    assert _fresh(_WARMED, str(many)) == "r2021.verzuimmeldingen"


@pytest.mark.parametrize("first", ["fifo", "garbage", "unknown", "directory", "empty"])
def test_a_first_file_that_names_no_message_loads_nothing(tmp_path: Path, first: str) -> None:
    sick = EXAMPLES / "2024" / "VZ-2024-01-ziekmelding.xml"
    folder = _copies(tmp_path / "inbox", sick, _parallel.MIN_ITEMS)
    head = folder / "a.xml"
    if first == "fifo":
        os.mkfifo(head)  # never opened: reading it would block
    elif first == "garbage":
        head.write_bytes(b"\xff\xfe<<<\x00" * 50)
    elif first == "unknown":
        head.write_text('<?xml version="1.0"?><Other xmlns="urn:x"/>', encoding="utf-8")
    elif first == "directory":
        head.mkdir()
    else:
        head.write_bytes(b"")
    assert _fresh(_WARMED, str(folder)) == ""
    out = io.StringIO()
    assert cli.main(["validate", "--jobs", "2", str(folder)], out) == 1
    assert out.getvalue().endswith(f"{_parallel.MIN_ITEMS} valid, 1 invalid\n")
