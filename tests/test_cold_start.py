"""Importing the package loads next to nothing; a first call loads only what it needs.

Each check runs in a fresh interpreter, since what one test imports stays imported.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import sivi_verzuim
from sivi_verzuim import MessageType, Release

REPO = Path(__file__).resolve().parents[1]
SICK = REPO / "examples" / "2021" / "VZ-2021-01-ziekmelding.xml"


def _modules_after(code: str) -> set[str]:
    """The modules loaded in a fresh interpreter after running ``code``."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return set(loaded)


def _bindings(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("sivi_verzuim._bindings.r")}


def test_importing_the_package_loads_none_of_its_parts() -> None:
    loaded = _modules_after("import sivi_verzuim")
    assert "sivi_verzuim.schemacompare" not in loaded
    assert "http.client" not in loaded
    assert not _bindings(loaded)
    assert not {m for m in loaded if m.startswith(("xsdata", "lxml"))}
    assert {m for m in loaded if m.startswith("sivi_verzuim")} == {"sivi_verzuim"}


def test_a_first_parse_loads_its_message_module_only() -> None:
    loaded = _modules_after(
        f"import sivi_verzuim\nsivi_verzuim.parse(open({str(SICK)!r}, 'rb').read())"
    )
    assert _bindings(loaded) == {
        "sivi_verzuim._bindings.r2021",
        "sivi_verzuim._bindings.r2021.verzuimmeldingen",
    }
    for heavy in (
        "sivi_verzuim.schemacompare",
        "sivi_verzuim._mapping",
        "sivi_verzuim.model",
        "sivi_verzuim.classification",
        "sivi_verzuim.cli",
    ):
        assert heavy not in loaded


def test_a_first_parse_loads_no_writer() -> None:
    loaded = _modules_after(
        f"import sivi_verzuim\nsivi_verzuim.parse(open({str(SICK)!r}, 'rb').read())"
    )
    for writer in (
        "sivi_verzuim._writer",
        "xsdata.formats.dataclass.serializers",
        "http.client",
        "urllib.request",
    ):
        assert writer not in loaded


def test_serialize_loads_the_writer_when_first_called() -> None:
    loaded = _modules_after(
        "import sivi_verzuim\n"
        f"message = sivi_verzuim.parse(open({str(SICK)!r}, 'rb').read())\n"
        "sivi_verzuim.serialize(message)"
    )
    assert "sivi_verzuim._writer" in loaded


def test_importing_a_message_module_loads_no_other_message_module() -> None:
    for mt in (MessageType.VERZUIMMELDINGEN, MessageType.RETOURMELDING):
        for rel in (Release.R2017, Release.R2026):
            name = f"sivi_verzuim._bindings.r{rel.value}.{mt.module}"
            loaded = _modules_after(f"import {name}")
            assert _bindings(loaded) == {f"sivi_verzuim._bindings.r{rel.value}", name}


def test_every_public_name_is_there_when_asked_for() -> None:
    code = (
        "import sivi_verzuim\n"
        "missing = [n for n in sivi_verzuim.__all__ if getattr(sivi_verzuim, n, None) is None]\n"
        "assert not missing, missing\n"
        "assert set(sivi_verzuim.__all__) <= set(dir(sivi_verzuim))\n"
        "from sivi_verzuim import parse, Release, compare_schemas, to_model\n"
        "from sivi_verzuim import *\n"
        "assert parse is sivi_verzuim._codec.parse\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_public_names_are_the_objects_of_their_modules() -> None:
    from sivi_verzuim import _codec, _mapping, errors, releases, schemacompare

    assert sivi_verzuim.parse is _codec.parse
    assert sivi_verzuim.Message is _codec.Message
    assert sivi_verzuim.to_model is _mapping.to_model
    assert sivi_verzuim.SiviError is errors.SiviError
    assert sivi_verzuim.Release is releases.Release
    assert sivi_verzuim.compare_schemas is schemacompare.compare_schemas
    assert set(dir(sivi_verzuim)) >= set(sivi_verzuim.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        sivi_verzuim.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("no AttributeError")
    package = importlib.import_module("sivi_verzuim._bindings.r2021")
    assert not hasattr(package, "NoSuchClass")


def test_a_release_package_names_every_class_of_its_modules() -> None:
    for rel in Release:
        package = importlib.import_module(f"sivi_verzuim._bindings.r{rel.value}")
        exported = list(package.__all__)
        assert exported
        for name in exported:
            value = getattr(package, name)
            assert isinstance(value, type), name
        for mt in MessageType:
            if mt.has_release(rel):
                assert getattr(package, mt.root).__module__ == f"{package.__name__}.{mt.module}"
