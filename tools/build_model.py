"""Generate the version-neutral domain model from the schema sources and the glossary.

Usage: ``python tools/build_model.py [--check]``.

Inputs: ``schemas/source/*.spec`` (the structure of every message in every release) and
``tools/model/glossary.toml`` (English names for types, tags and codes). Output:
``src/sivi_verzuim/model/_generated.py``: frozen attrs classes whose fields are the union of
the tags of every SIVI type mapped to them, over all messages and releases. A field is required
only where every release of every message that has the class requires it. Each field records
its SIVI tag(s) in ``metadata["sivi"]``; the mapping reads nothing else. The model follows
the reading face of a reconstructed release (what the bindings hold); every code a reading
face has must be a member of its enum in the glossary.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tools")]

from schemagen import READING, Particle, Spec, applies, parse_spec, source_dir, variant  # noqa: E402

from sivi_verzuim.releases import MessageType, Release  # noqa: E402

GLOSSARY = REPO / "tools" / "model" / "glossary.toml"
OUTPUT = REPO / "src" / "sivi_verzuim" / "model" / "_generated.py"
QUOTES = '"' * 3
ALIAS_SUFFIX = "_pre2026"
BEHAVIOUR = {"AbsenceMutation": "AbsenceMutationBehaviour"}
PLAIN = {"date": "dt.date", "time": "dt.time", "decimal": "Decimal", "nonNegativeInteger": "int"}
#: tags whose numbers are identifiers with leading zeros: text in the model (``to_bsn``)
TEXT_NUMBERS = {"SofiNr": "to_bsn"}
#: converters of single values: what a caller may give besides the value itself
CONVERTERS = {"dt.date": "to_date", "dt.time": "to_time", "Decimal": "to_decimal"}


@dataclass
class ModelField:
    name: str
    tags: list[str]
    doc: str
    type: str | None = None  # python type expression of one value
    is_class: bool = False
    repeated: bool = False
    required_in: int = 0  # in how many (source, release) contexts the field is required


@dataclass
class ModelClass:
    name: str
    sources: list[str] = field(default_factory=list)
    fields: dict[str, ModelField] = field(default_factory=dict)
    contexts: int = 0  # (source type, release) pairs that make up the class


def _english(glossary: dict, mt: MessageType, type_name: str) -> str:
    """The model class of a SIVI type; ``Message.Type`` keys override plain ``Type`` keys."""
    classes = glossary["classes"]
    return str(classes.get(f"{mt.title}.{type_name}", classes[type_name]))


def _value_type(spec: Spec, part: Particle, glossary: dict, rel: object) -> tuple[str, bool]:
    """(python type, is a model class) of one particle in one release."""
    assert part.type is not None
    if part.type in spec.complexes:
        return _english(glossary, spec.message, part.type), True
    if part.type in PLAIN:
        return PLAIN[part.type], False
    if part.type == "string":
        return "str", False
    assert isinstance(rel, Release)
    var = variant(spec, part.type, rel, READING)
    codes = [v for k, v in var.facets if k == "enum"]
    if not codes or part.name in ("BrCd", "VnrBrCd") or codes[0].startswith("@"):
        return PLAIN.get(var.base, "str"), False
    values = set(codes[0].split(","))
    if values == {"J", "N"}:
        return "bool", False
    if values == {"J", "N", "O"}:
        return "YesNoUnknown", False
    entry = glossary["enums"][part.name]
    missing = sorted(values - set(entry["members"]))
    if missing:
        raise SystemExit(
            f"{spec.path.name}: {part.name} in {rel.value} has codes {missing} that "
            f"tools/model/glossary.toml does not list for {entry['name']}"
        )
    return entry["name"], False


def collect(glossary: dict) -> dict[str, ModelClass]:
    classes: dict[str, ModelClass] = {}
    names = {tag: entry["name"] for tag, entry in glossary["fields"].items()}
    for mt in MessageType:
        spec = parse_spec(source_dir(REPO) / f"{mt.title}.spec")
        for cx_name, cx in spec.complexes.items():
            english = _english(glossary, mt, cx_name)
            cls = classes.setdefault(english, ModelClass(english))
            cls.sources.append(f"{mt.title}.{cx_name}")
            for rel in mt.releases:
                if rel not in cx.releases:
                    continue
                cls.contexts += 1
                required: set[str] = set()
                for part in cx.particles:
                    if not applies(part, rel, READING):
                        continue
                    in_choice = part.name == "choice"
                    for alt in part.alternatives if in_choice else [part]:
                        name = names[alt.name].removesuffix(ALIAS_SUFFIX)
                        doc = glossary["fields"][alt.name]["doc"]
                        mf = cls.fields.setdefault(name, ModelField(name, [], doc))
                        if alt.name not in mf.tags:
                            mf.tags.append(alt.name)
                        tp, is_class = _value_type(spec, alt, glossary, rel)
                        if alt.name in TEXT_NUMBERS:
                            tp = "str"
                        if mf.type is not None and mf.type != tp:
                            raise SystemExit(f"{english}.{name}: type {mf.type} vs {tp}")
                        mf.type, mf.is_class = tp, is_class
                        if alt.max is None or alt.max > 1:
                            mf.repeated = True
                        if alt.min >= 1 and not in_choice:
                            required.add(name)
                for name in required:
                    cls.fields[name].required_in += 1
    return classes


def _roots() -> set[str]:
    """``<message>.<complex type>`` of every message's root element, in any release."""
    from sivi_verzuim.releases import binding_class

    out = set()
    for mt in MessageType:
        for rel in mt.releases:
            for klass in binding_class(mt, rel).__mro__[:2]:
                out.add(f"{mt.title}.{klass.__name__}")
    return out


def _member(title: str) -> str:
    return next(mt.name for mt in MessageType if mt.title == title)


def _order(classes: dict[str, ModelClass]) -> list[ModelClass]:
    done: list[str] = []

    def visit(name: str) -> None:
        if name in done:
            return
        for mf in classes[name].fields.values():
            if mf.is_class and mf.type is not None:
                visit(mf.type)
        done.append(name)

    for name in sorted(classes):
        visit(name)
    return [classes[n] for n in done]


def _wrap_doc(text: str, indent: str) -> list[str]:
    words = text.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        if len(indent) + len(cur) + len(w) + 1 > 96:
            lines.append(indent + cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(indent + cur)
    return lines


def _docstring_start(text: str) -> list[str]:
    lines = _wrap_doc(text.replace(QUOTES, "'''"), "    ")
    lines[0] = "    " + QUOTES + lines[0].strip()
    return lines


def render(glossary: dict, classes: dict[str, ModelClass]) -> str:
    out = [
        '"""The domain model: generated by tools/build_model.py from schemas/source/*.spec and',
        'tools/model/glossary.toml. Do not edit by hand."""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime as dt",
        "import enum",
        "from decimal import Decimal",
        "",
        "import attrs",
        "",
        "from ._behaviour import (",
        "    AbsenceMutationBehaviour,",
        "    MessageRoot,",
        "    YesNoUnknown,",
        "    code,",
        "    to_bsn,",
        "    to_date,",
        "    to_decimal,",
        "    to_time,",
        "    to_tuple,",
        ")",
        "",
        "",
    ]
    enums_used = sorted(
        {tag for tag, e in glossary["enums"].items()},
        key=lambda t: glossary["enums"][t]["name"],
    )
    for tag in enums_used:
        e = glossary["enums"][tag]
        out.append(f"class {e['name']}(enum.Enum):")
        out.extend(_docstring_start(e["doc"]))
        out.append("")
        out.append(f"    SIVI tag ``{tag}``; member values are the SIVI codes.")
        out.append('    """')
        out.append("")
        for code, member in e["members"].items():
            out.append(f"    {member} = {code!r}")
        out.append("")
        out.append("")
    code_lists = ["YesNoUnknown"] + [glossary["enums"][t]["name"] for t in enums_used]
    for name in code_lists:
        out.append(f"def _as_{name}(value: {name} | str) -> {name}:")
        out.append(f'    """A {name} member, or its SIVI code as text."""')
        out.append(f"    return code({name}, value)")
        out.append("")
        out.append("")
    ordered = _order(classes)
    roots = _roots()
    for cls in ordered:
        base = f"({BEHAVIOUR[cls.name]})" if cls.name in BEHAVIOUR else ""
        if any(src in roots for src in cls.sources):
            base = "(MessageRoot)"
        out.append("@attrs.frozen(kw_only=True)")
        out.append(f"class {cls.name}{base}:")
        out.extend(_docstring_start(f"{cls.name}: " + ", ".join(sorted(set(cls.sources))) + "."))
        out.append("")
        out.append("    Attributes:")
        for mf in cls.fields.values():
            tags = "/".join(mf.tags)
            out.extend(_wrap_doc(f"{mf.name}: {mf.doc} SIVI: ``{tags}``.", "        "))
        out.append('    """')
        out.append("")
        for mf in cls.fields.values():
            tp = mf.type
            assert tp is not None
            meta = f'metadata={{"sivi": {tuple(mf.tags)!r}}}'
            check = f"attrs.validators.instance_of({tp})"
            conv = next((TEXT_NUMBERS[t] for t in mf.tags if t in TEXT_NUMBERS), None)
            if conv is None:
                conv = f"_as_{tp}" if tp in code_lists else CONVERTERS.get(tp)
            if mf.repeated:
                ann = f"tuple[{tp}, ...]"
                spec_ = (
                    f"attrs.field(default=(), converter=to_tuple, validator=attrs.validators."
                    f"deep_iterable({check}), {meta})"
                )
            elif mf.required_in == cls.contexts:
                ann = tp
                with_conv = f"converter={conv}, " if conv else ""
                spec_ = f"attrs.field({with_conv}validator={check}, {meta})"
            else:
                ann = f"{tp} | None"
                with_conv = f"converter=attrs.converters.optional({conv}), " if conv else ""
                spec_ = (
                    f"attrs.field(default=None, {with_conv}"
                    f"validator=attrs.validators.optional({check}), {meta})"
                )
            out.append(f"    {mf.name}: {ann} = {spec_}")
        out.append("")
        out.append("")
    out.append("# (message, SIVI complex type) -> model class: the mapping's only lookup table.")
    out.append("MODEL_CLASSES: dict[tuple[str, str], type] = {")
    for key in sorted(
        {
            (mt.title, src.split(".", 1)[1])
            for c in ordered
            for src in c.sources
            for mt in MessageType
            if src.split(".", 1)[0] == mt.title
        }
    ):
        out.append(f"    {key!r}: {_english(glossary, MessageType[_member(key[0])], key[1])},")
    out.append("}")
    out.append("")
    out.append("__all__ = [")
    names = sorted([c.name for c in ordered] + [glossary["enums"][t]["name"] for t in enums_used])
    for n in names:
        out.append(f"    {n!r},")
    out.append("]")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    glossary = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    text = render(glossary, collect(glossary))
    import subprocess

    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(OUTPUT), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == formatted
        print("up to date" if same else f"out of date: {OUTPUT.relative_to(REPO)}")
        return 0 if same else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(formatted, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
