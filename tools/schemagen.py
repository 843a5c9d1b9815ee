"""Render the project's XSDs from the schema sources in ``schemas/source/*.spec``.

A spec file describes one message family across all its releases::

    message Verzuimmeldingen VerzuimmeldingenBericht    # root element, root type

    complex Werkgever                                   # a named complex type (a sequence)
      HndlsnmOrg        1..1  HandelsnaamOrganisatie
      StrAdrNl          0..9  StraatadresNederland   [..2022]
      choice 1..1 [2017]                              # a choice group
        VngntJN         1..1  LogischeEenheid
        VngntCd         1..1  VangnetCode
      end

    simple IdentificatieVerzuim  string maxLength=40              [..2022]
    simple IdentificatieVerzuim  string minLength=1 maxLength=40  [2024..]
    simple BerichtCode           string maxLength=5 enum=@BrCd

A trailing ``[...]`` limits a line to some releases: ``[2024..]``, ``[..2022]``,
``[2021]``, ``[2020..2022]`` or a list ``[2017,2020]``. Ranges count over the
releases in which the message exists. Element types are the spec's own simple
or complex types, or the built-ins ``date``, ``time``, ``string``, ``decimal``.
``enum=@BrCd`` and ``enum=@VnrBrCd`` take the codes from
``sivi_verzuim.releases``; where the release table leaves a code open, the
enumeration is left out.

Run ``python tools/build_schemas.py`` to (re)write ``schemas/<year>/*.xsd``.
"""

from __future__ import annotations

import re
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


@dataclass
class Spec:
    """One parsed spec file."""

    path: Path
    message: MessageType
    root_type: str
    complexes: dict[str, Complex]
    simples: dict[str, list[SimpleVariant]]


_TAG = re.compile(r"\s\[([0-9.,]+)\]\s*$")
_CARD = re.compile(r"^(\d+)\.\.(\d+|n)$")


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
    if tag is None:
        return frozenset(universe)
    years = [r.value for r in universe]
    if ".." in tag:
        lo, _, hi = tag.partition("..")
        i = years.index(lo) if lo else 0
        j = years.index(hi) if hi else len(years) - 1
        if i > j:
            raise ValueError(f"empty release range [{tag}]")
        return frozenset(universe[i : j + 1])
    chosen = set()
    for year in tag.split(","):
        if year not in years:
            raise ValueError(f"release {year} is not a release of this message")
        chosen.add(universe[years.index(year)])
    return frozenset(chosen)


def _card(text: str) -> tuple[int, int | None]:
    m = _CARD.match(text)
    if not m:
        raise ValueError(f"bad cardinality {text!r} (write min..max, max a number or n)")
    hi = None if m.group(2) == "n" else int(m.group(2))
    return int(m.group(1)), hi


def parse_spec(path: Path) -> Spec:
    """Parse one spec file, checking names, cardinalities, releases and references."""
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
            indent = len(body) - len(body.lstrip())
            words = _tokens(body)
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
                    if words[1] in complexes:
                        raise ValueError(f"complex type {words[1]} defined twice")
                    current = Complex(words[1], _releases(tag, universe), [], lineno)
                    complexes[words[1]] = current
                elif kind == "simple":
                    facets = []
                    for word in words[3:]:
                        key, eq, value = word.partition("=")
                        if not eq or key not in FACETS:
                            raise ValueError(f"unknown facet {word!r}")
                        facets.append((key, value))
                    variants = simples.setdefault(words[1], [])
                    rel = _releases(tag, universe)
                    for other in variants:
                        if other.releases & rel:
                            raise ValueError(
                                f"simple type {words[1]} defined twice for "
                                f"{sorted(r.value for r in other.releases & rel)}"
                            )
                    if words[2] not in BUILTINS:
                        raise ValueError(f"unknown base type {words[2]!r}")
                    variants.append(SimpleVariant(words[2], facets, rel, lineno))
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
                choice = Particle("choice", lo, hi, None, _releases(tag, universe), lineno)
                current.particles.append(choice)
            else:
                lo, hi = _card(words[1])
                if len(words) != 3:
                    raise ValueError("write: ElementName min..max Type [releases]")
                if choice is not None:
                    if indent <= 2:
                        raise ValueError("choice alternatives are indented deeper")
                    part = Particle(words[0], lo, hi, words[2], choice.releases, lineno)
                    choice.alternatives.append(part)
                else:
                    part = Particle(words[0], lo, hi, words[2], _releases(tag, universe), lineno)
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
            covered = frozenset().union(*(v.releases for v in variants))
            missing = (part.releases & cx.releases) - covered
            if missing:
                years = sorted(r.value for r in missing)
                raise SpecError(
                    spec.path, part.line, f"type {part.type} has no variant for {years}"
                )


def _flat(parts: Iterable[Particle]) -> Iterable[Particle]:
    for part in parts:
        if part.name == "choice":
            yield from part.alternatives
        else:
            yield part


def _occurs(el: etree._Element, part: Particle) -> None:
    if part.min != 1:
        el.set("minOccurs", str(part.min))
    if part.max != 1:
        el.set("maxOccurs", "unbounded" if part.max is None else str(part.max))


def render(spec: Spec, release: Release) -> bytes:
    """The XSD of ``spec``'s message in ``release``, as UTF-8 bytes."""
    mt = spec.message
    ns = mt.namespace(release)
    nsmap = {"xs": XS_NS, "v": ns}
    comment = (
        f" SIVI Verzuimstandaard, {mt.title}, release {release.value}"
        f"{' (reconstructed, see schemas/README.md)' if release.reconstructed else ''}.\n"
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
            for part in _flat(spec.complexes[name].particles):
                if release in part.releases:
                    assert part.type is not None
                    visit(part.type)
        else:
            used_simple.add(name)

    visit(spec.root_type)
    for name in used_complex:
        cx = spec.complexes[name]
        ct = etree.SubElement(schema, XS + "complexType", name=name)
        seq = etree.SubElement(ct, XS + "sequence")
        for part in cx.particles:
            if release not in part.releases:
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
        variant = next(v for v in spec.simples[name] if release in v.releases)
        st = etree.SubElement(schema, XS + "simpleType", name=name)
        restriction = etree.SubElement(st, XS + "restriction", base=f"xs:{variant.base}")
        for key, value in sorted(variant.facets, key=lambda kv: FACETS.index(kv[0])):
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


def source_dir(repo: Path) -> Path:
    """Where the spec files live."""
    return repo / "src" / "sivi_verzuim" / "schemas" / "source"


def xsd_path(repo: Path, mt: MessageType, release: Release) -> Path:
    """Where the rendered XSD of a message in a release lives."""
    return repo / "src" / "sivi_verzuim" / "schemas" / release.value / f"{mt.title}.xsd"


def render_all(repo: Path) -> dict[Path, bytes]:
    """Every XSD the specs describe, keyed by its path in the repo."""
    out: dict[Path, bytes] = {}
    for mt in MessageType:
        spec = parse_spec(source_dir(repo) / f"{mt.title}.spec")
        if spec.message is not mt:
            raise SpecError(
                spec.path, 1, f"file describes {spec.message.title}, expected {mt.title}"
            )
        for release in mt.releases:
            out[xsd_path(repo, mt, release)] = render(spec, release)
    return out
