"""The committed schemas and bindings are exactly what the sources generate."""

from __future__ import annotations

import dataclasses
import enum
import filecmp
import importlib
import subprocess
import sys
import typing
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from types import ModuleType, UnionType
from typing import Any

import pytest
from xsdata.models.datatype import XmlDate, XmlTime

from sivi_verzuim import MessageType, Release
from sivi_verzuim.releases import binding_module

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from generate_bindings import GENERATOR_VERSIONS, generate  # noqa: E402
from schemagen import render_all  # noqa: E402


def test_committed_schemas_match_their_sources() -> None:
    wanted = render_all(REPO)
    # one XSD per message and release, and for a reconstructed release a writing face
    # and its split points
    faces = sum(1 + 2 * rel.reconstructed for mt in MessageType for rel in mt.releases)
    assert len(wanted) == faces
    stale = [str(p) for p, data in wanted.items() if p.read_bytes() != data]
    assert stale == [], "run: python tools/regenerate.py"
    schemas = REPO / "src" / "sivi_verzuim" / "schemas"
    on_disk = set(schemas.glob("[0-9]*/*.xsd")) | set(schemas.glob("writing/[0-9]*/*"))
    assert on_disk == set(wanted)


def test_committed_bindings_match_the_schemas(tmp_path: Path) -> None:
    for tool, version in GENERATOR_VERSIONS.items():
        installed = metadata.version(tool)
        if installed != version:
            pytest.skip(f"bindings are generated with {tool} {version}, {installed} is installed")
    generated = generate(tmp_path)
    committed = REPO / "src" / "sivi_verzuim" / "_bindings"
    new = {p.relative_to(generated) for p in generated.rglob("*.py")}
    old = {p.relative_to(committed) for p in committed.rglob("*.py")}
    assert new == old
    differing = [
        str(rel)
        for rel in sorted(new)
        if not filecmp.cmp(generated / rel, committed / rel, shallow=False)
    ]
    assert differing == [], "run: python tools/generate_bindings.py"


def _modules() -> list[tuple[MessageType, Release, ModuleType]]:
    return [(mt, rel, binding_module(mt, rel)) for mt in MessageType for rel in mt.releases]


def _sample(tp: Any, depth: int = 0) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, UnionType):
        return None
    if origin is list:
        return []
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp))
    if dataclasses.is_dataclass(tp):
        return _instance(tp, depth + 1)
    return {
        str: "x",
        int: 1,
        Decimal: Decimal("1.00"),
        XmlDate: XmlDate(2021, 1, 1),
        XmlTime: XmlTime(9, 0, 0),
    }[tp]


def _instance(cls: type, depth: int = 0) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs = {
        f.name: _sample(hints[f.name], depth)
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    return cls(**kwargs)


@pytest.mark.parametrize(
    ("mt", "rel", "module"), _modules(), ids=lambda v: str(getattr(v, "__name__", v))
)
def test_every_generated_class_instantiates(
    mt: MessageType, rel: Release, module: ModuleType
) -> None:
    classes = [
        v for v in vars(module).values() if isinstance(v, type) and v.__module__ == module.__name__
    ]
    dataclasses_ = [c for c in classes if dataclasses.is_dataclass(c)]
    assert dataclasses_, module.__name__
    for cls in dataclasses_:
        obj = _instance(cls)
        assert isinstance(obj, cls)
        assert obj == _instance(cls)
    for cls in classes:
        if issubclass(cls, enum.Enum):
            assert all(isinstance(member.value, str) for member in cls)
    root = getattr(module, mt.root)
    assert root.Meta.namespace == mt.namespace(rel)


def test_loading_one_release_does_not_import_the_others() -> None:
    code = (
        "import sys, sivi_verzuim\n"
        "m = sivi_verzuim.parse(open(sys.argv[1], 'rb').read())\n"
        "pre = 'sivi_verzuim._bindings.r'\n"
        "loaded = sorted({n.split('.')[2] for n in sys.modules if n.startswith(pre)})\n"
        "print(','.join(loaded))\n"
    )
    example = REPO / "examples" / "2021" / "Verzuimmeldingen.xml"
    out = subprocess.run(
        [sys.executable, "-c", code, str(example)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "r2021"


def test_binding_lookup_is_by_release_table() -> None:
    mod = importlib.import_module("sivi_verzuim._bindings.r2017.verzuimmeldingen")
    assert binding_module(MessageType.VERZUIMMELDINGEN, Release.R2017) is mod
    with pytest.raises(KeyError):
        binding_module(MessageType.DOCUMENTEN, Release.R2024)
