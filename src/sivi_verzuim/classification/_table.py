"""Decision tables: ordered rules from facts to one of the eleven classifications."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import attrs

from ..errors import Finding
from ..model import AbsenceMutation, Employee, Employer, Employment
from ..releases import Release
from . import _toml
from ._classes import AbsenceClassification
from ._errors import ClassificationError, DecisionTableError, problem
from ._facts import ABSENT, FACTS, PRESENT, TAG_ALIASES, AbsenceContext, Fact, read_facts

__all__ = [
    "Condition",
    "DecisionRule",
    "DecisionTable",
    "Derivation",
    "load_decision_table",
    "parse_decision_table",
]

_COMPARISONS = ("lt", "le", "gt", "ge", "eq")


def _is_message(value: object) -> bool:
    from .._codec import Message
    from ..model import AbsenceMessage

    return isinstance(value, Message | AbsenceMessage)


class _Readable(Protocol):
    name: str

    def read_bytes(self) -> bytes: ...


def _show_token(value: str | None) -> str:
    return ABSENT if value is None else value


@attrs.frozen
class Condition:
    """One test of a rule: a fact against accepted values, refused values or bounds.

    Build conditions from the same short forms a TOML table uses (see :meth:`parse`):
    ``"J"``, ``["22", "23"]``, ``"present"``, ``"absent"``, ``{"not": "N"}``,
    ``{"ge": 0, "lt": 5}``.

    Attributes:
        fact: the fact's name (a key of ``FACTS``).
        any_of: the value must be one of these (``None`` in it stands for *absent*); ``None``
            means no such test.
        none_of: the value must be none of these (``None`` in it stands for *absent*).
        lt, le, gt, ge, eq: numeric bounds (numeric facts only); an absent value fails them.
    """

    fact: str
    any_of: tuple[str | None, ...] | None = None
    none_of: tuple[str | None, ...] = ()
    lt: Decimal | None = None
    le: Decimal | None = None
    gt: Decimal | None = None
    ge: Decimal | None = None
    eq: Decimal | None = None

    @classmethod
    def parse(cls, fact: str, spec: object) -> Condition:
        """A condition from its short form.

        Raises:
            DecisionTableError: an unknown fact, an unknown value or a malformed form.
        """
        problems: list[str] = []
        condition = _parse_condition(fact, spec, problems)
        if condition is None:
            raise DecisionTableError([problem("table.condition", p) for p in problems])
        return condition

    def matches(self, fact: Fact) -> bool:
        """True when ``fact`` passes every test of this condition."""
        value = fact.value
        key = None if value is None else str(value)
        if self.any_of is not None and key not in self.any_of:
            return False
        if key in self.none_of:
            return False
        bounds = (self.lt, self.le, self.gt, self.ge, self.eq)
        if all(b is None for b in bounds):
            return True
        if not isinstance(value, Decimal) or value.is_nan():
            return False
        return (
            (self.lt is None or value < self.lt)
            and (self.le is None or value <= self.le)
            and (self.gt is None or value > self.gt)
            and (self.ge is None or value >= self.ge)
            and (self.eq is None or value == self.eq)
        )

    def to_spec(self) -> object:
        """The short form (as a TOML table writes it)."""
        bounds = {
            name: getattr(self, name) for name in _COMPARISONS if getattr(self, name) is not None
        }
        spec: dict[str, object] = {}
        if self.any_of is not None:
            values = [_show_token(v) for v in self.any_of]
            if not self.none_of and not bounds:
                return values[0] if len(values) == 1 else values
            spec["in"] = values
        if self.none_of:
            refused = [_show_token(v) for v in self.none_of]
            if refused == [ABSENT] and self.any_of is None and not bounds:
                return PRESENT
            spec["not"] = refused[0] if len(refused) == 1 else refused
        spec.update(bounds)
        return spec

    def describe(self) -> str:
        """The condition in words, e.g. ``VngntJN not N`` (for documentation)."""
        tag = FACTS[self.fact].sivi if self.fact in FACTS else self.fact
        parts: list[str] = []
        if self.any_of is not None:
            parts.append(" or ".join(_show_token(v) for v in self.any_of))
        if self.none_of:
            if list(self.none_of) == [None] and self.any_of is None:
                parts.append(PRESENT)
            else:
                parts.append("not " + " or ".join(_show_token(v) for v in self.none_of))
        signs = {"lt": "<", "le": "<=", "gt": ">", "ge": ">=", "eq": "="}
        for name in ("gt", "ge", "eq", "lt", "le"):
            bound = getattr(self, name)
            if bound is not None:
                parts.append(f"{signs[name]} {bound}")
        return f"{tag} {' and '.join(parts)}"


def _as_values(
    fact: str, raw: object, problems: list[str], *, allow_present: bool
) -> tuple[str | None, ...] | None:
    spec = FACTS[fact]
    items = list(raw) if isinstance(raw, list | tuple) else [raw]
    if not items:
        problems.append(f"{fact}: an empty list accepts nothing")
        return None
    out: list[str | None] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str):
            problems.append(
                f'{fact}: value {item!r} must be a string (SIVI codes are text, e.g. "10")'
            )
            continue
        if item == PRESENT and allow_present and len(items) == 1:
            return (PRESENT,)
        if item == ABSENT:
            out.append(None)
            continue
        if spec.numeric:
            problems.append(
                f"{fact}: a numeric fact takes 'absent', 'present' or bounds such as "
                f"{{ lt = 5 }}, not {item!r}"
            )
            continue
        if spec.values is not None and item not in spec.values:
            problems.append(
                f"{fact}: unknown value {item!r} ({spec.sivi} takes "
                f"{', '.join(spec.values)}, 'absent' or 'present')"
            )
            continue
        out.append(item)
    if len(out) != len(items):
        return None
    return tuple(dict.fromkeys(out))


def _parse_condition(name: str, spec: object, problems: list[str]) -> Condition | None:
    fact = TAG_ALIASES.get(name, name)
    if fact not in FACTS:
        problems.append(f"unknown fact {name!r}; known facts: {', '.join(FACTS)}")
        return None
    if isinstance(spec, Condition):
        return attrs.evolve(spec, fact=fact)
    numeric = FACTS[fact].numeric
    if isinstance(spec, bool):
        problems.append(f"{fact}: write J or N as a string, not {spec!r}")
        return None
    if isinstance(spec, int | float | Decimal):
        if not numeric:
            problems.append(f'{fact}: value {spec!r} must be a string such as "10"')
            return None
        return Condition(fact, eq=Decimal(str(spec)))
    if isinstance(spec, Mapping):
        kwargs: dict[str, Any] = {}
        before = len(problems)
        for key, raw in spec.items():
            if key == "not":
                refused = _as_values(fact, raw, problems, allow_present=False)
                if refused is not None:
                    kwargs["none_of"] = refused
            elif key == "in":
                accepted = _as_values(fact, raw, problems, allow_present=False)
                if accepted is not None:
                    kwargs["any_of"] = accepted
            elif key in _COMPARISONS:
                if not numeric:
                    problems.append(f"{fact}: '{key}' compares numbers; {fact} is a code")
                elif isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
                    problems.append(f"{fact}: '{key}' wants a number, not {raw!r}")
                else:
                    try:
                        kwargs[key] = Decimal(str(raw))
                    except InvalidOperation:
                        problems.append(f"{fact}: '{key}' wants a number, not {raw!r}")
            else:
                problems.append(
                    f"{fact}: unknown test {key!r}; use 'in', 'not', 'lt', 'le', 'gt', 'ge' or 'eq'"
                )
        if len(problems) > before:
            return None
        if not kwargs:
            problems.append(f"{fact}: an empty test table")
            return None
        return Condition(fact, **kwargs)
    if isinstance(spec, str | list | tuple):
        values = _as_values(fact, spec, problems, allow_present=True)
        if values is None:
            return None
        if values == (PRESENT,):
            return Condition(fact, none_of=(None,))
        return Condition(fact, any_of=values)
    problems.append(f"{fact}: cannot read condition {spec!r}")
    return None


def _to_class(value: AbsenceClassification | str | int) -> AbsenceClassification:
    if isinstance(value, AbsenceClassification):
        return value
    try:
        return AbsenceClassification.lookup(value)
    except ValueError as exc:
        raise DecisionTableError([problem("table.unknown-classification", str(exc))]) from None


def _to_conditions(value: Mapping[str, object] | Iterable[Condition]) -> tuple[Condition, ...]:
    if isinstance(value, Mapping):
        problems: list[str] = []
        out = [_parse_condition(str(k), v, problems) for k, v in value.items()]
        if problems:
            raise DecisionTableError([problem("table.condition", p) for p in problems])
        return tuple(c for c in out if c is not None)
    return tuple(value)


def _to_fact_names(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    names = tuple(TAG_ALIASES.get(v, v) for v in value)
    unknown = [n for n in names if n not in FACTS]
    if unknown:
        raise DecisionTableError(
            [
                problem("table.condition", f"cites unknown fact {n!r}; known: {', '.join(FACTS)}")
                for n in unknown
            ]
        )
    return tuple(dict.fromkeys(names))


@attrs.frozen
class DecisionRule:
    """One row of a decision table: when every condition holds, the classification applies.

    Attributes:
        id: a short unique name, shown in every reason (``safety-net-wazo``).
        classification: the result; a member, or its name, number or Dutch label.
        when: the conditions (all must hold), as :class:`Condition` objects or as a mapping
            from fact name (or SIVI tag) to a short form, e.g.
            ``{"safety_net": {"not": "N"}, "wazo": "present"}``. Empty: always applies.
        note: the reasoning behind the row (documentation).
        cites: facts to show in the reason besides the tested ones; useful for a catch-all,
            which tests nothing but is decided by what the rows above did not find.
    """

    id: str
    classification: AbsenceClassification = attrs.field(converter=_to_class)
    when: tuple[Condition, ...] = attrs.field(factory=tuple, converter=_to_conditions)
    note: str = ""
    cites: tuple[str, ...] = attrs.field(default=(), converter=_to_fact_names)

    @property
    def shown_facts(self) -> tuple[str, ...]:
        """The facts a reason shows: the tested ones, then the cited ones."""
        return tuple(dict.fromkeys([c.fact for c in self.when] + list(self.cites)))

    def applies(self, facts: Mapping[str, Fact]) -> bool:
        """True when every condition holds for ``facts``."""
        return all(c.matches(facts[c.fact]) for c in self.when)


@attrs.frozen
class Derivation:
    """The classification of one absence mutation, with the reason.

    Attributes:
        classification: the one classification that applies.
        rule: the decision-table row that decided.
        evidence: the facts that row tested, with their values (the fields that decided).
    """

    classification: AbsenceClassification
    rule: DecisionRule
    evidence: tuple[Fact, ...]

    @property
    def reason(self) -> str:
        """Which fields decided, e.g. ``"VngntJN=J, WAZOCd=01 [rule safety-net-wazo]"``."""
        shown = ", ".join(f.shown for f in self.evidence) or "no condition"
        return f"{shown} [rule {self.rule.id}]"


DEFAULT_SAFETY_NET_CODES: tuple[tuple[str, str], ...] = (
    ("00", "N"),
    ("02", "J"),
    ("03", "J"),
    ("99", "J"),
)


def _to_pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), str(v)) for k, v in items)


def _to_rules(value: Iterable[DecisionRule]) -> tuple[DecisionRule, ...]:
    return tuple(value)


@attrs.frozen
class DecisionTable:
    """An ordered list of rules; the first rule whose conditions all hold decides.

    The last rule must have no conditions (a catch-all), so every absence mutation gets
    exactly one classification. Build one in Python
    (``DecisionTable(rules=[DecisionRule(...), ...])``), or load one from TOML with
    :func:`load_decision_table`; replace the default simply by
    passing another table. Construction checks the table and raises
    :class:`DecisionTableError` with every problem.

    Attributes:
        rules: the rows, in order.
        safety_net_codes: how a 2017 ``VngntCd`` reads as ``VngntJN`` (code -> J/N/O) when a
            message carries the code instead of the flag.
        name: a name for the table (shown by the CLI).
        source: the file it was read from, if any (not part of equality).
    """

    rules: tuple[DecisionRule, ...] = attrs.field(converter=_to_rules)
    safety_net_codes: tuple[tuple[str, str], ...] = attrs.field(
        default=DEFAULT_SAFETY_NET_CODES, converter=_to_pairs
    )
    name: str = "custom"
    source: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        findings = _check_table(self.rules, self.safety_net_codes, self.source, {})
        if findings:
            raise DecisionTableError(findings, file=self.source)

    def rule(self, rule_id: str) -> DecisionRule:
        """The rule with this id.

        Raises:
            KeyError: no rule has this id.
        """
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def classify(
        self,
        mutation: AbsenceMutation | AbsenceContext,
        *,
        employment: Employment | None = None,
        employee: Employee | None = None,
        employer: Employer | None = None,
        release: Release | None = None,
    ) -> Derivation:
        """The one classification of an absence mutation, with the reason.

        Pass the mutation with its employment, employee (and employer) and the message's
        release, or an :class:`AbsenceContext` holding them. Missing context reads as absent
        facts.

        Raises:
            ClassificationError: ``mutation`` is not an :class:`AbsenceMutation` or an
                :class:`AbsenceContext` (a whole message: use :func:`classify_message`), or
                the context holds values of the wrong kind.
        """
        if isinstance(mutation, AbsenceContext):
            ctx = mutation
        elif isinstance(mutation, AbsenceMutation):
            ctx = AbsenceContext(mutation, employment, employee, employer, release)
        else:
            hint = " (classify_message classifies a message)" if _is_message(mutation) else ""
            raise ClassificationError(
                f"expected an AbsenceMutation or AbsenceContext, not {type(mutation).__name__}"
                + hint
            )
        try:
            facts = read_facts(ctx, dict(self.safety_net_codes))
            for rule in self.rules:
                if rule.applies(facts):
                    evidence = tuple(facts[name] for name in rule.shown_facts)
                    return Derivation(rule.classification, rule, evidence)
        except Exception as exc:
            # only a context built by hand with values of the wrong kind gets here; the
            # exception's own text may echo those values, so only its kind is named
            raise ClassificationError(
                f"cannot classify the absence mutation: unexpected {type(exc).__name__} while "
                "reading its facts (a field of the wrong kind in the context?)"
            ) from None
        raise AssertionError("a checked decision table ends with a catch-all rule")

    def to_toml(self) -> str:
        """The table as TOML text that :func:`parse_decision_table` reads back equal."""
        out = [
            "# Decision table for sivi-verzuim: absence mutation -> one of the eleven SIVI",
            "# classifications. The first rule whose conditions all hold decides; the last",
            "# rule has no conditions. Format: docs/classification.md.",
            "",
            f"name = {_toml.value(self.name)}",
            "",
            "# How a 2017 VngntCd reads as VngntJN (J/N/O) when a message carries the code.",
            "[safety_net_codes]",
        ]
        out += [f"{_toml.string(k)} = {_toml.value(v)}" for k, v in self.safety_net_codes]
        for rule in self.rules:
            out += ["", "[[rule]]", f"id = {_toml.value(rule.id)}"]
            out.append(
                f"classification = {_toml.value(rule.classification.name)}  # {rule.classification}"
            )
            when = {c.fact: c.to_spec() for c in rule.when}
            out.append(f"when = {_toml.value(when)}")
            if rule.cites:
                out.append(f"cites = {_toml.value(list(rule.cites))}")
            if rule.note:
                out.append(f"note = {_toml.multiline(_wrap(rule.note))}")
        return "\n".join(out) + "\n"


def _wrap(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(
        textwrap.fill(p, width=88, break_on_hyphens=False, break_long_words=False)
        for p in paragraphs
        if p
    )


def _unwrap(text: str) -> str:
    """Undo :func:`_wrap`: one line per paragraph, single spaces."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _check_table(
    rules: Sequence[DecisionRule],
    safety_net_codes: Sequence[tuple[str, str]],
    file: str | None,
    lines: Mapping[int, int],
    codes_line: int | None = None,
) -> list[Finding]:
    findings: list[Finding] = []
    if not rules:
        findings.append(
            problem("table.empty", "a decision table needs at least one rule", file=file)
        )
    seen: dict[str, int] = {}
    for index, rule in enumerate(rules):
        line = lines.get(index)
        if not rule.id:
            findings.append(problem("table.format", "a rule needs an id", file=file, line=line))
        elif rule.id in seen:
            findings.append(
                problem(
                    "table.duplicate",
                    f"rule id {rule.id!r} is used twice (first by rule {seen[rule.id] + 1})",
                    file=file,
                    line=line,
                    value=rule.id,
                )
            )
        else:
            seen[rule.id] = index
        if not rule.when and index != len(rules) - 1:
            findings.append(
                problem(
                    "table.unreachable",
                    f"rule {rule.id!r} has no conditions, so the {len(rules) - 1 - index} "
                    "rule(s) after it can never apply; only the last rule may be a catch-all",
                    file=file,
                    line=line,
                    value=rule.id,
                )
            )
    if rules and rules[-1].when:
        findings.append(
            problem(
                "table.no-catch-all",
                f"the last rule ({rules[-1].id!r}) has conditions; the last rule must have "
                "none, so that every absence mutation gets exactly one classification",
                file=file,
                line=lines.get(len(rules) - 1),
                value=rules[-1].id,
            )
        )
    known_codes = FACTS["safety_net_code"].values or ()
    for code, flag in safety_net_codes:
        if code not in known_codes:
            findings.append(
                problem(
                    "table.safety-net-codes",
                    f"safety_net_codes: unknown VngntCd {code!r} (known: {', '.join(known_codes)})",
                    file=file,
                    line=codes_line,
                    value=code,
                )
            )
        if flag not in ("J", "N", "O"):
            findings.append(
                problem(
                    "table.safety-net-codes",
                    f"safety_net_codes: VngntCd {code!r} must read as J, N or O, not {flag!r}",
                    file=file,
                    line=codes_line,
                    value=flag,
                )
            )
    return findings


def parse_decision_table(text: str, *, file: str | None = None) -> DecisionTable:
    """A decision table from TOML text (format in ``docs/classification.md``).

    Raises:
        DecisionTableError: every problem, each with file and line.
    """
    try:
        data = _toml.loads(text)
    except _toml.TomlSyntax as exc:
        raise DecisionTableError(
            [problem("table.syntax", f"TOML syntax: {exc.message}", file=file, line=exc.line)],
            file=file,
        ) from None
    findings: list[Finding] = []
    top_lines = _toml.top_level_key_lines(text)
    for key in data:
        if key not in ("name", "description", "safety_net_codes", "rule"):
            findings.append(
                problem(
                    "table.format",
                    f"unknown top-level key {key!r}; expected name, description, "
                    "safety_net_codes and [[rule]] tables",
                    file=file,
                    line=top_lines.get(key) or _toml.header_line(text, key),
                    value=key,
                )
            )
    name = data.get("name", "custom")
    if not isinstance(name, str):
        findings.append(
            problem("table.format", "name must be a string", file=file, line=top_lines.get("name"))
        )
        name = "custom"
    codes_line = _toml.header_line(text, "safety_net_codes")
    raw_codes = data.get("safety_net_codes", dict(DEFAULT_SAFETY_NET_CODES))
    codes: list[tuple[str, str]] = []
    if isinstance(raw_codes, dict):
        for k, v in raw_codes.items():
            if isinstance(v, str):
                codes.append((k, v))
            else:
                findings.append(
                    problem(
                        "table.safety-net-codes",
                        f'safety_net_codes: VngntCd {k!r} must read as "J", "N" or "O"',
                        file=file,
                        line=codes_line,
                    )
                )
    else:
        findings.append(
            problem("table.format", "safety_net_codes must be a table", file=file, line=codes_line)
        )
    raw_rules = data.get("rule", [])
    header_lines = _toml.table_header_lines(text, "rule")
    if not isinstance(raw_rules, list):
        findings.append(problem("table.format", "rules are written as [[rule]] tables", file=file))
        raw_rules = []
    rule_lines = dict(enumerate(header_lines)) if len(header_lines) == len(raw_rules) else {}
    rules: list[DecisionRule] = []
    for index, raw in enumerate(raw_rules):
        line = rule_lines.get(index)
        rule = _read_rule(raw, index, file, line, findings)
        if rule is not None:
            rules.append(rule)
    if not findings:
        index_lines = {i: rule_lines[i] for i in range(len(rules)) if i in rule_lines}
        findings += _check_table(rules, codes, file, index_lines, codes_line)
    if findings:
        raise DecisionTableError(findings, file=file)
    return DecisionTable(rules=rules, safety_net_codes=codes, name=name, source=file)


def _read_rule(
    raw: object, index: int, file: str | None, line: int | None, findings: list[Finding]
) -> DecisionRule | None:
    where = f"rule {index + 1}"

    def bad(code: str, message: str, value: str | None = None) -> None:
        findings.append(problem(code, f"{where}: {message}", file=file, line=line, value=value))

    if not isinstance(raw, dict):
        bad("table.format", "a rule must be a table")
        return None
    before = len(findings)
    for key in raw:
        if key not in ("id", "classification", "when", "note", "cites"):
            bad(
                "table.format",
                f"unknown key {key!r}; a rule has id, classification, when, cites and note",
            )
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        bad("table.format", "id must be a non-empty string")
        rule_id = f"rule-{index + 1}"
    else:
        where = f"rule {rule_id!r}"
    cls_raw = raw.get("classification")
    classification: AbsenceClassification | None = None
    if cls_raw is None:
        bad("table.format", "classification is missing")
    elif isinstance(cls_raw, bool) or not isinstance(cls_raw, str | int):
        bad("table.format", "classification must be a name, a number or a Dutch label")
    else:
        try:
            classification = AbsenceClassification.lookup(cls_raw)
        except ValueError as exc:
            bad("table.unknown-classification", str(exc), str(cls_raw))
    when_raw = raw.get("when", {})
    conditions: list[Condition] = []
    if not isinstance(when_raw, dict):
        bad("table.format", 'when must be a table of conditions, e.g. { cause = "10" }')
    else:
        for fact, spec in when_raw.items():
            problems: list[str] = []
            condition = _parse_condition(fact, spec, problems)
            for p in problems:
                bad("table.condition", p, fact)
            if condition is not None:
                conditions.append(condition)
    note = raw.get("note", "")
    if not isinstance(note, str):
        bad("table.format", "note must be a string")
        note = ""
    cites = raw.get("cites", [])
    if isinstance(cites, str):
        cites = [cites]
    if not isinstance(cites, list) or not all(isinstance(c, str) for c in cites):
        bad("table.format", "cites must be a list of fact names")
        cites = []
    for name in cites:
        if TAG_ALIASES.get(name, name) not in FACTS:
            bad("table.condition", f"cites unknown fact {name!r}; known: {', '.join(FACTS)}", name)
    if len(findings) > before or classification is None:
        return None
    return DecisionRule(
        id=rule_id, classification=classification, when=conditions, note=_unwrap(note), cites=cites
    )


def load_decision_table(path: str | os.PathLike[str] | _Readable) -> DecisionTable:
    """A decision table from a TOML file (a path, or a file-like resource with ``read_bytes``).

    Raises:
        DecisionTableError: every problem, each with file and line.
        OSError: the file cannot be read.
    """
    if isinstance(path, str | os.PathLike):
        source = Path(path)
        data = source.read_bytes()
        name = str(path)
    else:
        data = path.read_bytes()
        name = str(getattr(path, "name", path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecisionTableError(
            [problem("table.syntax", f"not UTF-8 text: {exc.reason}", file=name)], file=name
        ) from None
    return parse_decision_table(text, file=name)
