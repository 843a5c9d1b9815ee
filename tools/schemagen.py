"""Render the project's XSDs from the schema sources in ``schemas/source/*.spec``.

A spec file describes one message family across all its releases::

    message Verzuimmeldingen VerzuimmeldingenBericht    # root element, root type

    complex Werkgever                                   # a named complex type (a sequence)
      HndlsnmOrg        1..1  HandelsnaamOrganisatie
      StrAdrNl          0..9  StraatadresNederland   [..2022]
      choice 1..1 [2017] reading S9                   # a choice group
        VngntJN         1..1  LogischeEenheid
        VngntCd         1..1  VangnetCode
      end

    simple IdentificatieVerzuim  string maxLength=40              [..2022]
    simple IdentificatieVerzuim  string minLength=1 maxLength=40  [2024..]
    simple BerichtCode           string maxLength=5 enum=@BrCd

**Releases.** A ``[...]`` after a line limits it to some releases: a comma-separated list
of years and ranges, ``[2024..]``, ``[..2022]``, ``[2021]``, ``[2020..2022]``,
``[2017,2020,2024..]``. Ranges count over the releases in which the message exists (the
release table in ``sivi_verzuim.releases``), so an open range ``[2024..]`` carries a line
into every release added later. A tag that reaches the newest release only through a bare
year (``[2026]``, ``[2017,2026]``) is refused: write ``[2026..]`` when the line continues
into the next release, ``[2025..2026]`` when it ends with the newest release on purpose.

**Faces.** A reconstructed release (no official XSD is public) has two faces rendered from
the same lines: the *reading* face accepts every plausible reading of the evidence, the
*writing* face only what every plausible reading accepts. A line without a face marker
belongs to both; ``reading S3`` or ``writing S3`` after the release tag limits it to one face
and names the split point (``schemas/source/decisions.toml``) that explains the difference.
Face markers are allowed only on reconstructed releases.

**Removals.** A required element that is in one release and not in the next (while its
parent is) is refused unless its line says why: ``gone "merged into Dnstvbnd"`` after the
release tag.

Element types are the spec's own simple or complex types, or the built-ins ``date``,
``time``, ``string``, ``decimal``, ``nonNegativeInteger``, ``base64Binary``.
``enum=@BrCd`` and ``enum=@VnrBrCd`` take the codes from ``sivi_verzuim.releases``; where
the release table leaves a code open, the enumeration is left out.

Run ``python tools/build_schemas.py`` (or ``python tools/regenerate.py``, which runs every
generator) to (re)write ``schemas/<year>/*.xsd`` (reading faces, and the only face of the
other releases), ``schemas/writing/<year>/*.xsd`` (writing faces) and
``schemas/writing/<year>/*.json`` (the split points between the two faces, for the library).
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sivi_verzuim.releases import MessageType, Release

XS_NS = "http://www.w3.org/2001/XMLSchema"
XS = f"{{{XS_NS}}}"
BUILTINS = {"date", "time", "string", "decimal", "nonNegativeInteger", "base64Binary"}
FACETS = (
    "length",
    "minLength",
    "maxLength",
    "totalDigits",
    "fractionDigits",
    "minInclusive",
    "maxInclusive",
    "pattern",
    "enum",
)
FACES = ("reading", "writing")
READING, WRITING = FACES


class SpecError(ValueError):
    """A spec file is wrong; the message names file and line."""

    def __init__(self, file: Path | str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")


@dataclass
class Particle:
    """An element, or a choice of elements, inside a complex type."""

    name: str  # element name, or "choice"
    min: int
    max: int | None  # None = unbounded
    type: str | None  # element type; None for a choice
    releases: frozenset[Release]
    line: int
    alternatives: list[Particle] = field(default_factory=list)
    face: str | None = None  # None: both faces
    decision: str | None = None  # the split point of a face line
    gone: str | None = None  # why a required element ends with its last release


@dataclass
class Complex:
    name: str
    releases: frozenset[Release]
    particles: list[Particle]
    line: int


@dataclass
class SimpleVariant:
    base: str
    facets: list[tuple[str, str]]
    releases: frozenset[Release]
    line: int
    face: str | None = None
    decision: str | None = None


@dataclass
class Spec:
    """One parsed spec file."""

    path: Path
    message: MessageType
    root_type: str
    complexes: dict[str, Complex]
    simples: dict[str, list[SimpleVariant]]


@dataclass(frozen=True)
class Decision:
    """A split point (or a point considered and not split) of ``decisions.toml``."""

    id: str
    split: bool
    point: str
    releases: tuple[str, ...]
    evidence_wide: str
    evidence_narrow: str
    reading: str
    writing: str
    assumed: str


_TAG = re.compile(r"\s\[([0-9.,]+)\](?=\s|$)")
_CARD = re.compile(r"^(\d+)\.\.(\d+|n)$")
_DECISION_ID = re.compile(r"^[A-Z][0-9]+$")


def applies(item: Particle | SimpleVariant, release: Release, face: str) -> bool:
    """Whether a spec line belongs to ``release``'s ``face``."""
    return release in item.releases and item.face in (None, face)


def _tokens(text: str) -> list[str]:
    """Split on white space; a double-quoted part is kept whole (no escapes)."""
    out: list[str] = []
    cur = ""
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch.isspace() and not quoted:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += ch
    if quoted:
        raise ValueError("unterminated quote")
    if cur:
        out.append(cur)
    return out


def _releases(tag: str | None, universe: tuple[Release, ...]) -> frozenset[Release]:
    """The releases a tag names, counted over ``universe`` (the message's releases)."""
    if tag is None:
        return frozenset(universe)
    years = [r.value for r in universe]

    def index(year: str) -> int:
        if year not in years:
            raise ValueError(
                f"release {year} is not a release of this message ({', '.join(years)})"
            )
        return years.index(year)

    chosen: set[Release] = set()
    says_so = False  # the newest release is reached by an open or an explicit range
    newest = len(years) - 1
    for item in tag.split(","):
        if not item:
            raise ValueError(f"empty item in release tag [{tag}]")
        if ".." in item:
            lo, _, hi = item.partition("..")
            i = index(lo) if lo else 0
            j = index(hi) if hi else newest
            if i > j:
                raise ValueError(f"empty release range [{item}]")
            chosen.update(universe[i : j + 1])
            says_so = says_so or j == newest
        else:
            chosen.add(universe[index(item)])
    if universe[newest] in chosen and not says_so:
        last = years[newest]
        raise ValueError(
            f"[{tag}] ends at the newest release {last} without saying so: write [{last}..] "
            f"if the line continues into the next release, or a range ending in ..{last} if "
            "it ends there"
        )
    return frozenset(chosen)


def _card(text: str) -> tuple[int, int | None]:
    m = _CARD.match(text)
    if not m:
        raise ValueError(f"bad cardinality {text!r} (write min..max, max a number or n)")
    hi = None if m.group(2) == "n" else int(m.group(2))
    return int(m.group(1)), hi


def decisions_path(spec_dir: Path) -> Path:
    return spec_dir / "decisions.toml"


def load_decisions(path: Path) -> dict[str, Decision]:
    """The split points (and points not split) of ``decisions.toml``."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Decision] = {}
    for key, row in raw.items():
        if not _DECISION_ID.match(key):
            raise SpecError(path, 1, f"decision id {key!r} is not a letter and a number")
        split = bool(row.get("split", True))
        needed = ["point", "releases", "evidence_wide", "evidence_narrow", "reading", "writing"]
        if split:
            needed.append("assumed")
        missing = [n for n in needed if not row.get(n)]
        if missing:
            raise SpecError(path, 1, f"decision {key} lacks {', '.join(missing)}")
        for year in row["releases"]:
            if not Release.from_year(year).reconstructed:
                raise SpecError(path, 1, f"decision {key}: {year} is not a reconstructed release")
        out[key] = Decision(
            key,
            split,
            row["point"],
            tuple(row["releases"]),
            row["evidence_wide"],
            row["evidence_narrow"],
            row["reading"],
            row["writing"],
            row.get("assumed", ""),
        )
    return out


def _annotations(
    words: list[str], releases: frozenset[Release], decisions: dict[str, Decision]
) -> tuple[str | None, str | None, str | None]:
    """(face, decision, gone) of the words after a release tag."""
    face = decision = gone = None
    i = 0
    while i < len(words):
        word = words[i]
        if word in FACES and i + 1 < len(words):
            if face is not None:
                raise ValueError("a line belongs to one face")
            face, decision = word, words[i + 1]
            row = decisions.get(decision)
            if row is None:
                raise ValueError(f"{word} {decision}: no such split point in decisions.toml")
            if not row.split:
                raise ValueError(f"{decision} is a point that is not split: no face line names it")
            late = sorted(r.value for r in releases if not r.reconstructed)
            if late:
                raise ValueError(
                    f"face lines belong to reconstructed releases only, not to {', '.join(late)}"
                )
            outside = sorted(r.value for r in releases if r.value not in row.releases)
            if outside:
                raise ValueError(f"{decision} does not name release {', '.join(outside)}")
            i += 2
        elif word == "gone" and i + 1 < len(words):
            gone = words[i + 1]
            i += 2
        else:
            raise ValueError(
                f"after the release tag expected 'reading ID', 'writing ID' or 'gone \"why\"', "
                f"not {word!r}"
            )
    return face, decision, gone


def parse_spec(path: Path, decisions: dict[str, Decision] | None = None) -> Spec:
    """Parse one spec file, checking names, cardinalities, releases, faces and references."""
    if decisions is None:
        decisions = load_decisions(decisions_path(path.parent))
    message: MessageType | None = None
    root_type = ""
    complexes: dict[str, Complex] = {}
    simples: dict[str, list[SimpleVariant]] = {}
    current: Complex | None = None
    choice: Particle | None = None
    universe: tuple[Release, ...] = ()
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not text.strip():
            continue
        try:
            tag_match = _TAG.search(text)
            tag = tag_match.group(1) if tag_match else None
            body = text[: tag_match.start()] if tag_match else text
            after = _tokens(text[tag_match.end() :]) if tag_match else []
            indent = len(body) - len(body.lstrip())
            words = _tokens(body)
            rel = _releases(tag, universe) if universe else frozenset()
            face, decision, gone = _annotations(after, rel, decisions)
            if indent == 0:
                current = None
                if choice is not None:
                    raise ValueError("choice without end")
                kind = words[0]
                if kind == "message":
                    message = MessageType(words[1])
                    root_type = words[2]
                    universe = message.releases
                elif message is None:
                    raise ValueError("the file must start with a 'message' line")
                elif kind == "complex":
                    if face is not None or gone is not None:
                        raise ValueError("a complex type belongs to both faces")
                    if words[1] in complexes:
                        raise ValueError(f"complex type {words[1]} defined twice")
                    current = Complex(words[1], rel, [], lineno)
                    complexes[words[1]] = current
                elif kind == "simple":
                    if gone is not None:
                        raise ValueError("'gone' belongs to elements")
                    facets = []
                    for word in words[3:]:
                        key, eq, value = word.partition("=")
                        if not eq or key not in FACETS:
                            raise ValueError(f"unknown facet {word!r}")
                        facets.append((key, value))
                    variants = simples.setdefault(words[1], [])
                    for other in variants:
                        both = other.releases & rel
                        if both and (other.face is None or face is None or other.face == face):
                            raise ValueError(
                                f"simple type {words[1]} defined twice for "
                                f"{sorted(r.value for r in both)}"
                                + (f" ({face or other.face} face)" if face or other.face else "")
                            )
                    if words[2] not in BUILTINS:
                        raise ValueError(f"unknown base type {words[2]!r}")
                    variants.append(SimpleVariant(words[2], facets, rel, lineno, face, decision))
                else:
                    raise ValueError(f"unknown definition {kind!r}")
            elif current is None:
                raise ValueError("indented line outside a complex type")
            elif words == ["end"]:
                if choice is None:
                    raise ValueError("end without choice")
                choice = None
            elif words[0] == "choice":
                lo, hi = _card(words[1])
                choice = Particle("choice", lo, hi, None, rel, lineno, [], face, decision, gone)
                current.particles.append(choice)
            else:
                lo, hi = _card(words[1])
                if len(words) != 3:
                    raise ValueError("write: ElementName min..max Type [releases]")
                if choice is not None:
                    if indent <= 2:
                        raise ValueError("choice alternatives are indented deeper")
                    if tag is not None or after:
                        raise ValueError("choice alternatives take the choice's releases and face")
                    part = Particle(
                        words[0],
                        lo,
                        hi,
                        words[2],
                        choice.releases,
                        lineno,
                        face=choice.face,
                        decision=choice.decision,
                    )
                    choice.alternatives.append(part)
                else:
                    part = Particle(
                        words[0], lo, hi, words[2], rel, lineno, [], face, decision, gone
                    )
                    current.particles.append(part)
        except (ValueError, IndexError) as exc:
            raise SpecError(path, lineno, str(exc)) from None
    if message is None:
        raise SpecError(path, 1, "no 'message' line")
    spec = Spec(path, message, root_type, complexes, simples)
    _check_references(spec)
    return spec


def _check_references(spec: Spec) -> None:
    if spec.root_type not in spec.complexes:
        raise SpecError(spec.path, 1, f"root type {spec.root_type} is not defined")
    for cx in spec.complexes.values():
        for part in _flat(cx.particles):
            assert part.type is not None
            if part.type in BUILTINS or part.type in spec.complexes:
                continue
            variants = spec.simples.get(part.type)
            if variants is None:
                raise SpecError(spec.path, part.line, f"type {part.type} is not defined")
            for face in FACES:
                wanted = {r for r in part.releases & cx.releases if part.face in (None, face)}
                if face == WRITING:
                    wanted = {r for r in wanted if r.reconstructed}
                missing = {r for r in wanted if not any(applies(v, r, face) for v in variants)}
                if missing:
                    years = sorted(r.value for r in missing)
                    where = f" ({face} face)" if any(v.face for v in variants) else ""
                    raise SpecError(
                        spec.path, part.line, f"type {part.type} has no variant for {years}{where}"
                    )


def _flat(parts: Iterable[Particle]) -> Iterable[Particle]:
    for part in parts:
        if part.name == "choice":
            yield from part.alternatives
        else:
            yield part


def faces(release: Release) -> tuple[str, ...]:
    """The faces rendered for a release: both for a reconstructed one, else one."""
    return FACES if release.reconstructed else (READING,)


def _occurs(el: etree._Element, part: Particle) -> None:
    if part.min != 1:
        el.set("minOccurs", str(part.min))
    if part.max != 1:
        el.set("maxOccurs", "unbounded" if part.max is None else str(part.max))


def variant(spec: Spec, name: str, release: Release, face: str) -> SimpleVariant:
    """The variant of a simple type in a release's face."""
    return next(v for v in spec.simples[name] if applies(v, release, face))


def render(spec: Spec, release: Release, face: str = READING) -> bytes:
    """The XSD of ``spec``'s message in ``release`` (one of its faces), as UTF-8 bytes."""
    mt = spec.message
    ns = mt.namespace(release)
    nsmap = {"xs": XS_NS, "v": ns}
    if not release.reconstructed:
        what = ""
    elif face == READING:
        what = " (reconstructed; reading face: every plausible reading, see schemas/README.md)"
    else:
        what = (
            " (reconstructed; writing face: what every plausible reading accepts,"
            " see schemas/README.md)"
        )
    comment = (
        f" SIVI Verzuimstandaard, {mt.title}, release {release.value}{what}.\n"
        f"     Rendered by tools/build_schemas.py from schemas/source/{spec.path.name};"
        " do not edit by hand. "
    )
    schema = etree.Element(
        XS + "schema",
        nsmap=nsmap,
        targetNamespace=ns,
        elementFormDefault="qualified",
        version=release.value,
    )
    etree.SubElement(schema, XS + "element", name=mt.root, type=f"v:{spec.root_type}")

    def typeref(name: str) -> str:
        return f"xs:{name}" if name in BUILTINS else f"v:{name}"

    used_simple: set[str] = set()
    used_complex: list[str] = []

    def visit(name: str) -> None:
        if name in BUILTINS or name in used_complex or name in used_simple:
            return
        if name in spec.complexes:
            used_complex.append(name)
            for part in spec.complexes[name].particles:
                if not applies(part, release, face):
                    continue
                for alt in part.alternatives if part.name == "choice" else [part]:
                    assert alt.type is not None
                    visit(alt.type)
        else:
            used_simple.add(name)

    visit(spec.root_type)
    for name in used_complex:
        cx = spec.complexes[name]
        ct = etree.SubElement(schema, XS + "complexType", name=name)
        seq = etree.SubElement(ct, XS + "sequence")
        for part in cx.particles:
            if not applies(part, release, face):
                continue
            if part.name == "choice":
                ch = etree.SubElement(seq, XS + "choice")
                _occurs(ch, part)
                for alt in part.alternatives:
                    assert alt.type is not None
                    el = etree.SubElement(ch, XS + "element", name=alt.name, type=typeref(alt.type))
                    _occurs(el, alt)
            else:
                assert part.type is not None
                el = etree.SubElement(seq, XS + "element", name=part.name, type=typeref(part.type))
                _occurs(el, part)
    for name in sorted(used_simple):
        var = variant(spec, name, release, face)
        st = etree.SubElement(schema, XS + "simpleType", name=name)
        restriction = etree.SubElement(st, XS + "restriction", base=f"xs:{var.base}")
        for key, value in sorted(var.facets, key=lambda kv: FACETS.index(kv[0])):
            if key == "enum":
                codes = _codes(value, mt, release)
                for code in codes:
                    etree.SubElement(restriction, XS + "enumeration", value=code)
            else:
                etree.SubElement(restriction, XS + key, value=value)
    etree.indent(schema, space="  ")
    body = etree.tostring(schema, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!--' + comment + "-->\n" + body + "\n"
    ).encode("utf-8")


def _codes(value: str, mt: MessageType, release: Release) -> list[str]:
    if value == "@BrCd":
        return [mt.brcd] if mt.brcd else []
    if value == "@VnrBrCd":
        code = mt.vnrbrcd(release)
        return [code] if code else []
    return value.split(",")


# --------------------------------------------------------------------------- split points


@dataclass(frozen=True)
class _Leaf:
    """One element of a complex type in one face, as the split computation sees it."""

    name: str
    min: int  # effective: 0 for an alternative of a choice of several
    max: int | None
    type: str
    line: Particle


def _leaves(spec: Spec, cx: Complex, release: Release, face: str) -> list[_Leaf]:
    out: list[_Leaf] = []
    for part in cx.particles:
        if not applies(part, release, face):
            continue
        if part.name == "choice":
            several = len(part.alternatives) > 1
            for alt in part.alternatives:
                assert alt.type is not None
                low = 0 if several else alt.min * part.min
                out.append(_Leaf(alt.name, low, alt.max, alt.type, part))
        else:
            assert part.type is not None
            out.append(_Leaf(part.name, part.min, part.max, part.type, part))
    return out


def _pattern_regex(pattern: str) -> str:
    """An XSD pattern (as our schemas use them) as a Python regular expression."""
    return pattern.replace(r"\D", "[^0-9]").replace(r"\d", "[0-9]")


def _facet_map(var: SimpleVariant, mt: MessageType, release: Release) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in var.facets:
        out.setdefault(key, []).extend(_codes(value, mt, release) if key == "enum" else [value])
    return out


def _fits(code: str, facets: dict[str, list[str]]) -> bool:
    """Whether a code satisfies a string variant's facets (enumeration, lengths, patterns)."""
    if "enum" in facets and code not in facets["enum"]:
        return False
    if "length" in facets and len(code) != int(facets["length"][0]):
        return False
    if "maxLength" in facets and len(code) > int(facets["maxLength"][0]):
        return False
    if "minLength" in facets and len(code) < int(facets["minLength"][0]):
        return False
    return all(re.fullmatch(_pattern_regex(p), code) for p in facets.get("pattern", []))


def _simple_split(
    spec: Spec, name: str, release: Release, line: int
) -> tuple[dict[str, object], str | None] | None:
    """What the writing variant of a simple type restricts (and the split point), or None."""
    mt = spec.message
    read = variant(spec, name, release, READING)
    write = variant(spec, name, release, WRITING)
    if read is write:
        return None
    rf, wf = _facet_map(read, mt, release), _facet_map(write, mt, release)
    if rf == wf and read.base == write.base:
        return None
    decision = write.decision or read.decision
    problem = (
        f"type {name} in {release.value}: the writing face must accept less than the reading face"
    )
    if read.base != write.base:
        raise SpecError(spec.path, write.line, f"{problem} (another base type)")
    entry: dict[str, object] = {}
    if "enum" in wf:
        if not all(_fits(code, rf) for code in wf["enum"]):
            raise SpecError(spec.path, write.line, f"{problem} (a code the reading face refuses)")
        if wf["enum"] != rf.get("enum"):
            entry["codes"] = wf["enum"]
        rest_r = {k: v for k, v in rf.items() if k not in ("enum", "pattern")}
        rest_w = {k: v for k, v in wf.items() if k not in ("enum", "pattern")}
    else:
        if "enum" in rf:
            raise SpecError(spec.path, write.line, f"{problem} (the reading face has a code list)")
        added = [p for p in wf.get("pattern", []) if p not in rf.get("pattern", [])]
        dropped = [p for p in rf.get("pattern", []) if p not in wf.get("pattern", [])]
        if dropped:
            raise SpecError(spec.path, write.line, f"{problem} (a pattern is dropped)")
        if added:
            entry["pattern"] = added
        rest_r = {k: v for k, v in rf.items() if k != "pattern"}
        rest_w = {k: v for k, v in wf.items() if k != "pattern"}
    if rest_r != rest_w:
        raise SpecError(
            spec.path, write.line, f"{problem}: only code lists and patterns may differ"
        )
    if not entry:
        return None
    if decision is None:
        raise SpecError(
            spec.path, line, f"type {name} differs between the faces without a split point"
        )
    entry["base"] = write.base
    return entry, decision


def splits(spec: Spec, release: Release, decisions: dict[str, Decision]) -> dict[str, object]:
    """The split points between a reconstructed release's two faces, as plain data.

    Every element that the writing face leaves out (``absent``), requires where the reading
    face does not (``required``, with ``min``), or restricts to fewer codes (``codes``) or a
    pattern (``pattern``), keyed by its complex type, with the split point's id. Raises
    :class:`SpecError` when the writing face is not narrower than the reading face.
    """
    mt = spec.message
    entries: list[dict[str, object]] = []
    reachable: list[str] = []
    todo = [spec.root_type]
    while todo:
        name = todo.pop()
        if name in reachable or name not in spec.complexes:
            continue
        reachable.append(name)
        for leaf in _leaves(spec, spec.complexes[name], release, READING):
            todo.append(leaf.type)
    for name in sorted(reachable):
        cx = spec.complexes[name]
        read = _leaves(spec, cx, release, READING)
        write = _leaves(spec, cx, release, WRITING)
        read_by = {leaf.name: leaf for leaf in read}
        order = [leaf.name for leaf in read]
        last = -1
        for leaf in write:
            where = f"{name}/{leaf.name} in {release.value}"
            if leaf.name not in read_by:
                raise SpecError(spec.path, leaf.line.line, f"{where}: in the writing face only")
            at = order.index(leaf.name)
            if at < last:
                raise SpecError(spec.path, leaf.line.line, f"{where}: out of the reading order")
            last = at
            other = read_by[leaf.name]
            if leaf.type != other.type:
                raise SpecError(spec.path, leaf.line.line, f"{where}: another type per face")
            decision = leaf.line.decision or other.line.decision
            if (
                leaf.min < other.min
                or (leaf.max is not None and (other.max is None or leaf.max > other.max))
                or (leaf.max is None and other.max is not None)
            ):
                raise SpecError(
                    spec.path, leaf.line.line, f"{where}: the writing face must allow fewer"
                )
            if leaf.max != other.max:
                raise SpecError(
                    spec.path, leaf.line.line, f"{where}: faces may differ in min, not in max"
                )
            if leaf.min > other.min:
                if decision is None:
                    raise SpecError(spec.path, leaf.line.line, f"{where}: no split point")
                entries.append(
                    {
                        "type": name,
                        "element": leaf.name,
                        "kind": "required",
                        "min": leaf.min,
                        "id": decision,
                    }
                )
            if leaf.type in spec.simples:
                found = _simple_split(spec, leaf.type, release, leaf.line.line)
                if found is not None:
                    entry, simple_decision = found
                    kind = "codes" if "codes" in entry else "pattern"
                    entries.append(
                        {
                            "type": name,
                            "element": leaf.name,
                            "kind": kind,
                            "id": simple_decision,
                            **entry,
                        }
                    )
        written = {leaf.name for leaf in write}
        for leaf in read:
            if leaf.name in written:
                continue
            if leaf.line.decision is None:
                raise SpecError(
                    spec.path,
                    leaf.line.line,
                    f"{name}/{leaf.name}: left out of the writing face without a split point",
                )
            entries.append(
                {"type": name, "element": leaf.name, "kind": "absent", "id": leaf.line.decision}
            )
    used = sorted({str(e["id"]) for e in entries})
    return {
        "message": mt.title,
        "release": release.value,
        "decisions": {key: decisions[key].assumed for key in used},
        "splits": entries,
    }


def render_splits(data: dict[str, object]) -> bytes:
    """The split points as the JSON file the library reads."""

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    decisions = data["decisions"]
    entries = data["splits"]
    assert isinstance(decisions, dict) and isinstance(entries, list)
    lines = [
        "{",
        f'  "message": {one(data["message"])},',
        f'  "release": {one(data["release"])},',
        '  "decisions": {',
        ",\n".join(f"    {one(k)}: {one(v)}" for k, v in sorted(decisions.items())),
        "  },",
        '  "splits": [',
        ",\n".join(f"    {one(e)}" for e in entries),
        "  ]",
        "}",
    ]
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- release checks


def element_paths(
    spec: Spec, release: Release, face: str = READING
) -> dict[str, tuple[int, Particle]]:
    """Every element path of a message in a release's face -> (minOccurs, its spec line).

    The minimum is relative to the parent (an alternative of a choice of several: 0).
    """
    out: dict[str, tuple[int, Particle]] = {}
    root = "/" + spec.message.root

    def walk(type_name: str, path: str, seen: tuple[str, ...]) -> None:
        cx = spec.complexes.get(type_name)
        if cx is None or type_name in seen:
            return
        for leaf in _leaves(spec, cx, release, face):
            here = f"{path}/{leaf.name}"
            out.setdefault(here, (leaf.min, leaf.line))
            walk(leaf.type, here, (*seen, type_name))

    walk(spec.root_type, root, ())
    return out


def check_removals(spec: Spec) -> None:
    """Refuse a required element that disappears between two releases without a reason."""
    releases = spec.message.releases
    for older, newer in itertools.pairwise(releases):
        before = element_paths(spec, older)
        after = element_paths(spec, newer)
        for path, (low, line) in before.items():
            parent = path.rsplit("/", 1)[0]
            if low < 1 or path in after or (parent.count("/") > 1 and parent not in after):
                continue
            if line.gone:
                continue
            raise SpecError(
                spec.path,
                line.line,
                f"required element {path} of release {older.value} is not in release "
                f'{newer.value}: give the line an open tag, or say why with gone "..."',
            )


def source_dir(repo: Path) -> Path:
    """Where the spec files live."""
    return repo / "src" / "sivi_verzuim" / "schemas" / "source"


def xsd_path(repo: Path, mt: MessageType, release: Release, face: str = READING) -> Path:
    """Where the rendered XSD of a message in a release (one face) lives."""
    root = repo / "src" / "sivi_verzuim" / "schemas"
    if face == WRITING:
        root = root / "writing"
    return root / release.value / f"{mt.title}.xsd"


def splits_path(repo: Path, mt: MessageType, release: Release) -> Path:
    """Where the split points of a reconstructed message's two faces live."""
    return xsd_path(repo, mt, release, WRITING).with_suffix(".json")


def parse_all(repo: Path) -> tuple[dict[MessageType, Spec], dict[str, Decision]]:
    """Every spec (checked one by one and together) and the decisions."""
    decisions = load_decisions(decisions_path(source_dir(repo)))
    specs: dict[MessageType, Spec] = {}
    used: set[str] = set()
    for mt in MessageType:
        spec = parse_spec(source_dir(repo) / f"{mt.title}.spec", decisions)
        if spec.message is not mt:
            raise SpecError(
                spec.path, 1, f"file describes {spec.message.title}, expected {mt.title}"
            )
        check_removals(spec)
        specs[mt] = spec
        for cx in spec.complexes.values():
            used.update(p.decision for p in cx.particles if p.decision)
        for variants in spec.simples.values():
            used.update(v.decision for v in variants if v.decision)
    unused = sorted(k for k, d in decisions.items() if d.split and k not in used)
    if unused:
        raise SpecError(
            decisions_path(source_dir(repo)), 1, f"split points no spec line names: {unused}"
        )
    return specs, decisions


def render_all(repo: Path) -> dict[Path, bytes]:
    """Every file the specs describe (XSDs of every face, split points), keyed by path."""
    specs, decisions = parse_all(repo)
    out: dict[Path, bytes] = {}
    for mt, spec in specs.items():
        for release in mt.releases:
            for face in faces(release):
                out[xsd_path(repo, mt, release, face)] = render(spec, release, face)
            if release.reconstructed:
                out[splits_path(repo, mt, release)] = render_splits(
                    splits(spec, release, decisions)
                )
    return out
