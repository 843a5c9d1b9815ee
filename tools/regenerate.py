"""Run every generator of the project, in order: one command for one source change.

Usage: ``python tools/regenerate.py [--check]``.

1. ``build_schemas.py``: checks the spec sources (release tags, faces, removals, split
   points) and renders ``schemas/<year>/*.xsd``, ``schemas/writing/<year>/*``.
2. ``generate_bindings.py``: the xsdata bindings in ``src/sivi_verzuim/_bindings/``.
3. ``build_model.py``: the domain model ``src/sivi_verzuim/model/_generated.py``.
4. ``build_docs.py``: ``docs/glossary.md``, ``docs/fidelity.md``, the split-point table of
   ``schemas/README.md``.
5. ``make_examples.py``: ``examples/<year>/*.xml``.
6. ``compare_report.py``: ``docs/schema-comparison.md``, our schemas against SIVI's official
   XSDs (only where those are available, see that script; skipped, saying so, otherwise).

Each step runs as its own process, so that it imports what the steps before it wrote. With
``--check`` nothing is written and the exit code is 1 when any committed output differs
from what its sources give (for CI); every step is checked, not only the first that fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tools"

#: (script, the exit code with which it says it cannot run here and is skipped)
STEPS = (
    ("build_schemas.py", None),
    ("generate_bindings.py", None),
    ("build_model.py", None),
    ("build_docs.py", None),
    ("make_examples.py", None),
    ("compare_report.py", 2),  # 2: SIVI's official XSDs are not available
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    failed: list[str] = []
    for script, skip_code in STEPS:
        print(f"== {script}", flush=True)
        command = [sys.executable, str(TOOLS / script)] + (["--check"] if args.check else [])
        result = subprocess.run(command, cwd=REPO, check=False)
        if skip_code is not None and result.returncode == skip_code:
            print(f"skipped: {script} cannot run here", flush=True)
            continue
        if result.returncode != 0:
            failed.append(script)
            if not args.check:
                print(f"{script} failed: the steps after it were not run")
                return 1
    if failed:
        print(f"out of date or failing: {', '.join(failed)}")
        return 1
    print("every generated file is up to date" if args.check else "regenerated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
