"""Write the schemas from ``schemas/source/*.spec`` and ``schemas/source/decisions.toml``.

Usage: ``python tools/build_schemas.py [--check]``. Writes ``schemas/<year>/*.xsd`` (the
reading face of a reconstructed release, the only face of the others),
``schemas/writing/<year>/*.xsd`` (the writing face of a reconstructed release) and
``schemas/writing/<year>/*.json`` (the split points between its two faces). The specs are
checked first (``tools/schemagen.py``). With ``--check`` nothing is written; the exit code is
1 when a committed file differs from its source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tools")]

from schemagen import render_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    wanted = render_all(REPO)
    schema_root = REPO / "src" / "sivi_verzuim" / "schemas"
    present = set(schema_root.glob("[0-9][0-9][0-9][0-9]/*.xsd"))
    present |= set(schema_root.glob("writing/[0-9][0-9][0-9][0-9]/*.xsd"))
    present |= set(schema_root.glob("writing/[0-9][0-9][0-9][0-9]/*.json"))
    stale = sorted(present - set(wanted))
    changed = sorted(p for p, data in wanted.items() if not p.exists() or p.read_bytes() != data)
    if args.check:
        for p in changed:
            print(f"out of date: {p.relative_to(REPO)}")
        for p in stale:
            print(f"not described by any spec: {p.relative_to(REPO)}")
        return 1 if changed or stale else 0
    for p in changed:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(wanted[p])
    for p in stale:
        p.unlink()
        if p.parent != schema_root and not any(p.parent.iterdir()):
            p.parent.rmdir()
    print(f"{len(wanted)} schema files, {len(changed)} written, {len(stale)} removed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
