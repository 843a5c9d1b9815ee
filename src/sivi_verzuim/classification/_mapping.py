"""Mappings from the eleven SIVI classifications to a receiver's own (name, code) pairs."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, Protocol

import attrs

from ..errors import Finding
from . import _toml
from ._classes import AbsenceClassification
from ._errors import AmbiguousCodeError, MappingError, UnknownCodeError, problem

__all__ = [
    "ClassificationMapping",
    "ReceiverClass",
    "identity_mapping",
    "load_mapping",
    "mapping_template",
    "parse_mapping",
]

MappingFormat = Literal["toml", "csv"]

CSV_COLUMNS = ("classification", "name", "code")
CSV_OPTIONAL_COLUMNS = ("number", "label")


class _Readable(Protocol):
    name: str

    def read_bytes(self) -> bytes: ...


@attrs.frozen
class ReceiverClass:
    """A classification of the receiving suite: its name and its code."""

    name: str
    code: str

    def __str__(self) -> str:
        return f"{self.name} [{self.code}]"


@attrs.frozen
class _Entry:
    key: str
    line: int | None
    name: object
    code: object


def _check_entries(
    entries: Iterable[_Entry], *, file: str | None, header_line: int | None
) -> tuple[dict[AbsenceClassification, ReceiverClass], list[Finding]]:
    """Resolve and check entries: every class once, known names, names and codes filled in."""
    findings: list[Finding] = []
    resolved: dict[AbsenceClassification, ReceiverClass] = {}
    first_line: dict[AbsenceClassification, int | None] = {}
    code_names: dict[str, tuple[str, AbsenceClassification, int | None]] = {}
    for entry in entries:
        try:
            cls = AbsenceClassification.lookup(entry.key)
        except ValueError:
            findings.append(
                problem(
                    "mapping.unknown-classification",
                    f"unknown SIVI classification {entry.key!r}: use a name such as "
                    "OCCUPATIONAL_ACCIDENT, a number 1-11 or a label such as "
                    "'Ziekte - arbeidsongeval'",
                    file=file,
                    line=entry.line,
                    value=entry.key,
                )
            )
            continue
        if cls in first_line:
            where = first_line[cls]
            findings.append(
                problem(
                    "mapping.duplicate",
                    f"{cls.name} ({cls}) is mapped twice"
                    + (f"; first on line {where}" if where is not None else ""),
                    file=file,
                    line=entry.line,
                    value=entry.key,
                )
            )
            continue
        first_line[cls] = entry.line
        texts: dict[str, str] = {}
        for field, raw in (("name", entry.name), ("code", entry.code)):
            if isinstance(raw, int) and not isinstance(raw, bool):
                raw = str(raw)
            if not isinstance(raw, str):
                findings.append(
                    problem(
                        "mapping.format",
                        f"{cls.name}: {field} must be text"
                        + ("" if raw is not None else ", and it is missing"),
                        file=file,
                        line=entry.line,
                    )
                )
                continue
            if not raw.strip():
                findings.append(
                    problem(
                        "mapping.empty",
                        f"{cls.name}: the receiver's {field} is empty",
                        file=file,
                        line=entry.line,
                    )
                )
                continue
            texts[field] = raw.strip()
        if len(texts) != 2:
            continue
        target = ReceiverClass(texts["name"], texts["code"])
        resolved[cls] = target
        earlier = code_names.get(target.code)
        if earlier is None:
            code_names[target.code] = (target.name, cls, entry.line)
        elif earlier[0] != target.name:
            findings.append(
                problem(
                    "mapping.code-conflict",
                    f"{cls.name}: code {target.code!r} is named {target.name!r} here but "
                    f"{earlier[0]!r} for {earlier[1].name}"
                    + (f" on line {earlier[2]}" if earlier[2] is not None else "")
                    + "; one receiver code has one name",
                    file=file,
                    line=entry.line,
                    value=target.code,
                )
            )
    for cls in AbsenceClassification:
        if cls not in first_line:
            findings.append(
                problem(
                    "mapping.missing",
                    f"{cls.name} ({cls}) is not mapped; every one of the eleven must be",
                    file=file,
                    line=header_line,
                    value=cls.name,
                )
            )
    return resolved, findings


def _to_entries(
    value: Mapping[Any, Any] | Iterable[tuple[Any, Any]],
) -> tuple[tuple[AbsenceClassification, ReceiverClass], ...]:
    items: Iterable[tuple[Any, Any]] = value.items() if isinstance(value, Mapping) else value
    entries: list[_Entry] = []
    for key, target in items:
        text = key.name if isinstance(key, AbsenceClassification) else str(key)
        name: object
        code: object
        if isinstance(target, ReceiverClass):
            name, code = target.name, target.code
        elif isinstance(target, tuple | list) and len(target) == 2:
            name, code = target
        elif isinstance(target, Mapping):
            name, code = target.get("name"), target.get("code")
        else:
            name, code = None, None
        entries.append(_Entry(text, None, name, code))
    resolved, findings = _check_entries(entries, file=None, header_line=None)
    if findings:
        raise MappingError(findings)
    return tuple(sorted(resolved.items(), key=lambda kv: kv[0].number))


@attrs.frozen
class ClassificationMapping:
    """A complete mapping from the eleven SIVI classifications to receiver classifications.

    Every one of the eleven is mapped, exactly once. Several SIVI classes may share one
    receiver classification (then :meth:`reverse` cannot tell them apart); one receiver code
    always has one name. Build it from a dict (keys: members, names, numbers or labels;
    values: :class:`ReceiverClass` or ``(name, code)``), with :func:`identity_mapping`, or
    load it with :func:`load_mapping`. Invalid input raises :class:`MappingError` with every
    problem.

    Attributes:
        entries: ``(classification, receiver class)`` pairs in the order 1-11.
        source: where it came from (a file, ``"identity"``, an entry point); not part of
            equality.
    """

    entries: tuple[tuple[AbsenceClassification, ReceiverClass], ...] = attrs.field(
        converter=_to_entries
    )
    source: str | None = attrs.field(default=None, eq=False)

    def __getitem__(self, classification: AbsenceClassification) -> ReceiverClass:
        return self.as_dict()[classification]

    def map(self, classification: AbsenceClassification) -> ReceiverClass:
        """The receiver's classification for a SIVI classification."""
        return self[classification]

    def as_dict(self) -> dict[AbsenceClassification, ReceiverClass]:
        """The mapping as a plain dict (1-11)."""
        return dict(self.entries)

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct receiver codes, in the order of first use."""
        return tuple(dict.fromkeys(t.code for _, t in self.entries))

    def classifications_for(self, code: str) -> tuple[AbsenceClassification, ...]:
        """Every SIVI classification mapped to the receiver code (possibly none)."""
        return tuple(c for c, t in self.entries if t.code == code)

    @property
    def ambiguous_codes(self) -> dict[str, tuple[AbsenceClassification, ...]]:
        """Receiver codes that several SIVI classifications share, with those classes."""
        out: dict[str, tuple[AbsenceClassification, ...]] = {}
        for code in self.codes:
            classes = self.classifications_for(code)
            if len(classes) > 1:
                out[code] = classes
        return out

    def reverse(self, code: str) -> AbsenceClassification:
        """The SIVI classification for a receiver code, where that is unambiguous.

        Raises:
            AmbiguousCodeError: several SIVI classifications map to ``code``.
            UnknownCodeError: none does (also a :class:`LookupError`).
        """
        classes = self.classifications_for(code.strip())
        if not classes:
            raise UnknownCodeError(code, self.codes)
        if len(classes) > 1:
            raise AmbiguousCodeError(code, classes)
        return classes[0]

    def to_toml(self, *, title: str | None = None) -> str:
        """The mapping as a TOML mapping file (:func:`parse_mapping` reads it back equal)."""
        out = [
            f"# {title or 'Classification mapping for sivi-verzuim'}",
            "# One line per SIVI classification (all eleven, each once). The key is the",
            "# classification's name (a number 1-11 or the Dutch label also work); name and",
            "# code are the receiving suite's own classification. Several SIVI classes may",
            "# share a receiver classification. Format: docs/classification.md.",
            "",
            "[mapping]",
        ]
        for cls, target in self.entries:
            out.append(f"# {cls.number:>2}  {cls.label}")
            out.append(
                f"{cls.name} = {{ name = {_toml.value(target.name)}, "
                f"code = {_toml.value(target.code)} }}"
            )
        return "\n".join(out) + "\n"

    def to_csv(self, *, delimiter: str = ",") -> str:
        """The mapping as a CSV mapping file with columns classification, label, name, code."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(["classification", "label", "name", "code"])
        for cls, target in self.entries:
            writer.writerow([cls.name, cls.label, target.name, target.code])
        return buffer.getvalue()


def identity_mapping(
    *,
    code_format: str = "{number}",
    codes: Mapping[AbsenceClassification | str | int, str] | None = None,
) -> ClassificationMapping:
    """Option 1: the SIVI classifications as they are, with configurable codes.

    Each name is the Dutch label; each code is ``code_format`` filled in with ``number`` and
    ``name`` (default ``"{number}"``: ``"1"`` … ``"11"``; ``"{number:02d}"`` gives ``"01"``),
    unless ``codes`` gives the class its own code.
    """
    own = {
        AbsenceClassification.lookup(k.name if isinstance(k, AbsenceClassification) else k): v
        for k, v in (codes or {}).items()
    }
    pairs = {
        cls: ReceiverClass(
            cls.label, own.get(cls) or code_format.format(number=cls.number, name=cls.name)
        )
        for cls in AbsenceClassification
    }
    return ClassificationMapping(pairs, source="identity")


def mapping_template(format: MappingFormat = "toml") -> str:
    """A mapping file with all eleven rows, filled in with the identity mapping to edit."""
    mapping = identity_mapping()
    if format == "csv":
        return mapping.to_csv()
    if format == "toml":
        return mapping.to_toml(title="Classification mapping template for sivi-verzuim")
    raise ValueError(f"unknown mapping format {format!r}; use 'toml' or 'csv'")


# --------------------------------------------------------------------------- reading files


def _parse_toml(text: str, file: str | None) -> ClassificationMapping:
    try:
        data = _toml.loads(text)
    except _toml.TomlSyntax as exc:
        code = "mapping.duplicate" if "overwrite" in exc.message else "mapping.syntax"
        message = (
            f"a key is defined twice ({exc.message})"
            if code == "mapping.duplicate"
            else f"TOML syntax: {exc.message}"
        )
        raise MappingError([problem(code, message, file=file, line=exc.line)], file=file) from None
    findings: list[Finding] = []
    top = _toml.top_level_key_lines(text)
    for key in data:
        if key not in ("mapping", "description"):
            findings.append(
                problem(
                    "mapping.format",
                    f"unknown top-level key {key!r}; a mapping file has a [mapping] table "
                    "(and optionally a description)",
                    file=file,
                    line=top.get(key) or _toml.header_line(text, key),
                    value=key,
                )
            )
    header = _toml.header_line(text, "mapping")
    table = data.get("mapping")
    if not isinstance(table, dict):
        findings.append(
            problem(
                "mapping.format",
                "no [mapping] table: write one line per SIVI classification under [mapping], "
                'e.g. OCCUPATIONAL_ACCIDENT = { name = "Arbeidsongeval", code = "AO" }',
                file=file,
                line=header,
            )
        )
        raise MappingError(findings, file=file)
    lines = _toml.key_lines(text, "mapping")
    entries: list[_Entry] = []
    for key, raw in table.items():
        line = lines.get(key)
        if not isinstance(raw, dict):
            findings.append(
                problem(
                    "mapping.format",
                    f'{key}: write {{ name = "…", code = "…" }}, not {type(raw).__name__}',
                    file=file,
                    line=line,
                    value=key,
                )
            )
            entries.append(_Entry(key, line, "?", "?"))  # still counts as mapped
            continue
        unknown = sorted(set(raw) - {"name", "code"})
        if unknown:
            findings.append(
                problem(
                    "mapping.format",
                    f"{key}: unknown field(s) {', '.join(map(repr, unknown))}; "
                    "an entry has name and code",
                    file=file,
                    line=line,
                    value=key,
                )
            )
        entries.append(_Entry(key, line, raw.get("name"), raw.get("code")))
    resolved, more = _check_entries(entries, file=file, header_line=header)
    findings += more
    if findings:
        raise MappingError(findings, file=file)
    return ClassificationMapping(tuple(resolved.items()), source=file)


def _parse_csv(text: str, file: str | None) -> ClassificationMapping:
    lines = text.splitlines(keepends=True)
    # Comment lines (#) and blank lines are kept as empty lines so line numbers stay true.
    cleaned = ["\n" if line.lstrip().startswith("#") else line for line in lines]
    header_index = next((i for i, line in enumerate(cleaned) if line.strip()), None)
    if header_index is None:
        raise MappingError(
            [
                problem(
                    "mapping.format",
                    "empty CSV file: the first line must be the header classification,name,code",
                    file=file,
                    line=1,
                )
            ],
            file=file,
        )
    header_text = cleaned[header_index]
    delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
    reader = csv.reader(cleaned, delimiter=delimiter, strict=True)
    findings: list[Finding] = []
    entries: list[_Entry] = []
    header: list[str] | None = None
    header_line: int | None = None
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                header_line = line
                missing = [c for c in CSV_COLUMNS if c not in header]
                unknown = [c for c in header if c not in CSV_COLUMNS + CSV_OPTIONAL_COLUMNS]
                twice = sorted({c for c in header if header.count(c) > 1})
                if missing or unknown or twice:
                    parts = []
                    if missing:
                        parts.append(f"missing column(s) {', '.join(missing)}")
                    if unknown:
                        parts.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
                    if twice:
                        parts.append(f"column(s) {', '.join(twice)} appear twice")
                    findings.append(
                        problem(
                            "mapping.format",
                            "header: "
                            + "; ".join(parts)
                            + " (columns: classification, name, code; optional label, number)",
                            file=file,
                            line=line,
                        )
                    )
                    raise MappingError(findings, file=file)
                continue
            if len(row) != len(header):
                findings.append(
                    problem(
                        "mapping.format",
                        f"expected {len(header)} fields ({delimiter.join(header)}), "
                        f"found {len(row)}",
                        file=file,
                        line=line,
                    )
                )
                column = header.index("classification")
                key = row[column] if len(row) > column else ""
                if key.strip():
                    entries.append(_Entry(key.strip(), line, "?", "?"))
                continue
            cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
            key = cells["classification"]
            entries.append(_Entry(key, line, cells["name"], cells["code"]))
            _check_informational(cells, key, line, file, findings)
    except csv.Error as exc:
        findings.append(
            problem("mapping.syntax", f"CSV syntax: {exc}", file=file, line=reader.line_num)
        )
        raise MappingError(findings, file=file) from None
    resolved, more = _check_entries(entries, file=file, header_line=header_line)
    findings += more
    if findings:
        raise MappingError(findings, file=file)
    return ClassificationMapping(tuple(resolved.items()), source=file)


def _check_informational(
    cells: Mapping[str, str], key: str, line: int, file: str | None, findings: list[Finding]
) -> None:
    """The optional number and label columns, when filled in, must agree with the class."""
    try:
        cls = AbsenceClassification.lookup(key)
    except ValueError:
        return
    for column, expected in (("number", str(cls.number)), ("label", cls.label)):
        given = cells.get(column, "")
        if given and given != expected:
            findings.append(
                problem(
                    "mapping.format",
                    f"{cls.name}: column {column} says {given!r} but {cls.name} is "
                    f"{expected!r}; is the row in the wrong place?",
                    file=file,
                    line=line,
                    value=given,
                )
            )


def parse_mapping(
    text: str, *, format: MappingFormat, file: str | None = None
) -> ClassificationMapping:
    """A mapping from the text of a TOML or CSV mapping file.

    Raises:
        MappingError: every problem, each with file and line.
    """
    if format == "toml":
        return _parse_toml(text, file)
    if format == "csv":
        return _parse_csv(text, file)
    raise ValueError(f"unknown mapping format {format!r}; use 'toml' or 'csv'")


def _format_of(name: str, format: MappingFormat | None) -> MappingFormat:
    if format is not None:
        return format
    suffix = Path(name).suffix.lower()
    if suffix == ".toml":
        return "toml"
    if suffix == ".csv":
        return "csv"
    raise MappingError(
        [
            problem(
                "mapping.unsupported-file",
                f"cannot tell the format of {name!r}: mapping files end in .toml or .csv",
                file=name,
            )
        ],
        file=name,
    )


def load_mapping(
    path: str | os.PathLike[str] | _Readable, *, format: MappingFormat | None = None
) -> ClassificationMapping:
    """A mapping from a TOML or CSV file (format from the suffix unless given).

    ``path`` may also be a resource with ``name`` and ``read_bytes()`` (e.g. from
    :func:`importlib.resources.files`). Text is UTF-8; a byte-order mark is ignored.

    Raises:
        MappingError: every problem, each with file and line.
        OSError: the file cannot be read.
    """
    if isinstance(path, str | os.PathLike):
        name = str(path)
        fmt = _format_of(name, format)
        data = Path(path).read_bytes()
    else:
        name = str(getattr(path, "name", path))
        fmt = _format_of(name, format)
        data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MappingError(
            [problem("mapping.syntax", f"not UTF-8 text: {exc.reason}", file=name)], file=name
        ) from None
    return parse_mapping(text, format=fmt, file=name)
