"""The rule catalogue of the chain validator and its configuration.

Every rule has a stable code, a default severity, a one-line meaning and (for some) parameters.
``docs/rules.md`` is the reference page; :data:`RULES` is the same table as data.

Severity decides what a finding does: an ``error`` rejects the mutation (and with it the whole
message), a ``warning`` or ``info`` is reported and the mutation is accepted. A disabled rule is
not checked at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ..errors import Severity

__all__ = ["RULES", "ChainConfig", "Rule", "RuleConfig"]


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {value!r}")


def _days(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ValueError(f"expected a whole number of days >= 0, got {value!r}")


def _percentage(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"expected a number, got {value!r}") from None


def _action(value: Any) -> str:
    if value in ("wait", "reject"):
        return str(value)
    raise ValueError(f"expected 'wait' or 'reject', got {value!r}")


def _employers(value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and "/" in v for v in value):
        return tuple(value)
    raise ValueError(
        f"expected a list of 'IdWrkgvrArbdnst/AansltnrGeguitwlngArbdnst' texts, got {value!r}"
    )


@attrs.frozen
class Rule:
    """One rule of the catalogue.

    Attributes:
        code: the stable rule code (``chain.<name>``; ``master.<name>`` for the master-data
            rules), also the :class:`~sivi_verzuim.Finding` code.
        severity: the default severity.
        summary: what the rule checks, in one sentence.
        parameters: parameter name -> default value.
        configurable: False for the few codes that report how a message was handled
            (authorisation, schema validity, a rejected sibling); they cannot be disabled or
            given another severity.
    """

    code: str
    severity: Severity
    summary: str
    parameters: Mapping[str, Any] = attrs.field(factory=dict)
    configurable: bool = True


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_CATALOGUE = (
    Rule(
        "chain.unauthorised-employer",
        _E,
        "The message is about an employer (IdWrkgvrArbdnst + AansltnrGeguitwlngArbdnst) the "
        "account may not deliver for; the whole message is rejected and touches no state.",
        configurable=False,
    ),
    Rule(
        "chain.invalid-message",
        _E,
        "The message is not valid against its release's schema; it is rejected unread.",
        configurable=False,
    ),
    Rule(
        "chain.message-rejected",
        _E,
        "Another mutation of the same message was rejected or is waiting; a message is atomic, "
        "so this one was not applied either (its case is not marked broken).",
        configurable=False,
    ),
    Rule(
        "chain.consequential",
        _E,
        "An earlier mutation of this case was rejected; later mutations are rejected as "
        "consequential, naming the root finding, until a sync (05), a fitting correction (03) "
        "or reset_case() repairs the case. Disabled: no cascade, each mutation judged alone.",
    ),
    Rule(
        "chain.unknown-employee",
        _E,
        "A mutation other than a sick report (01) or a sync (05) for an employee who is not "
        "known from the baseline or an earlier accepted message.",
    ),
    Rule(
        "chain.start-without-sick-report",
        _E,
        "The first mutation of an unknown case is not a sick report (01) or a sync (05).",
        {"allow_ended_start": True},
    ),
    Rule(
        "chain.after-end",
        _E,
        "A sick report, change, partial recovery or end for a case that has ended: after an "
        "end only a correction (03), a withdrawal (04) or a sync (05) is accepted.",
    ),
    Rule(
        "chain.case-withdrawn",
        _E,
        "A mutation for a withdrawn case: withdrawal (04) removes the case; only a sync (05) "
        "brings it back.",
    ),
    Rule(
        "chain.case-identity",
        _E,
        "The case id is known for another employee or employment of the employer.",
    ),
    Rule(
        "chain.sequence-gap",
        _E,
        "The sequence number (VrzmgvlVnrMld) skips numbers after the last accepted report of "
        "the case; with action 'wait' the message waits (pending) until the gap fills, with "
        "'reject' it is rejected.",
        {"action": "wait"},
    ),
    Rule(
        "chain.sequence-reused",
        _E,
        "The sequence number was already accepted for this case with other content (identical "
        "content is an idempotent duplicate).",
    ),
    Rule(
        "chain.covered-by-baseline",
        _I,
        "The sequence number is at or below the last report the go-live baseline recorded for "
        "the case; the report is treated as already processed (duplicate).",
    ),
    Rule(
        "chain.mutation-before-first-day",
        _E,
        "The mutation date (IngdatMutVrzm) is before the first day of absence (DatEerstVrzmdg).",
    ),
    Rule(
        "chain.recovery-before-first-day",
        _E,
        "The recovery date (DatHrstld) is before the first day of absence.",
    ),
    Rule(
        "chain.mutation-date-backwards",
        _E,
        "A sick report, change or end whose mutation date is before the last accepted "
        "mutation date of the case (corrections, withdrawals and syncs are exempt).",
    ),
    Rule(
        "chain.first-day-changed",
        _E,
        "A change or end carries another first day of absence than the case; only a "
        "correction (03) or a sync (05) may change it.",
    ),
    Rule(
        "chain.percentage-range",
        _E,
        "The absence percentage (PrcVrzm) is outside minimum..maximum.",
        {"minimum": Decimal("0"), "maximum": Decimal("100")},
    ),
    Rule(
        "chain.percentage-not-lowered",
        _E,
        "A change (02) that does not end the case must lower the percentage (a partial "
        "recovery); an equal percentage is a change of other fields; a higher one is a "
        "relapse, reported as info unless allow_increase is false.",
        {"allow_increase": True, "allow_equal": True},
    ),
    Rule(
        "chain.one-open-case",
        _E,
        "A new case (or a reopening) while the employment already has another open case.",
    ),
    Rule(
        "chain.overlap",
        _E,
        "The period of a new or corrected case overlaps another case of the same employment "
        "(from the first day of absence up to, not including, the recovery date).",
    ),
    Rule(
        "chain.correction-mismatch",
        _E,
        "A correction (03) whose old values (DatEerstVrzmdgOud, IngdatMutVrzmOud, "
        "VrzmgvlIdOud) do not fit the case.",
    ),
    Rule(
        "chain.recovery-reason-without-end",
        _E,
        "A reason for the end of the absence (RdnEndVrzmCd) on a mutation that does not end "
        "the case (EndVrzmJN = N).",
    ),
    Rule(
        "chain.end-without-recovery-date",
        _W,
        "A mutation ends the case (EndVrzmJN = J) without a recovery date (DatHrstld); the "
        "mutation date is taken as the end.",
    ),
    Rule(
        "chain.compound-absence",
        _I,
        "A new case starts within window_days of the end of the employee's previous case: "
        "compound absence (samengesteld verzuim); the case is linked to the previous one.",
        {"window_days": 28, "inclusive": True},
    ),
)

_MASTER = (
    Rule(
        "master.employment-end-before-start",
        _E,
        "An employment (Dnstvbnd) or organisation unit (OrgEenh) whose end date (Enddat) is "
        "before its start date (Ingdat).",
    ),
    Rule(
        "master.unknown-employee",
        _E,
        "An employment or an absence of an employee who is not in the employer's employee "
        "data, once negative registration is on for the employer: for the employers listed "
        "in employers (IdWrkgvrArbdnst/AansltnrGeguitwlngArbdnst), and, when "
        "on_first_message, from the first accepted WerknemersGegevens of the employer on.",
        {"employers": (), "on_first_message": True},
    ),
    Rule(
        "master.employment-ended",
        _E,
        "An absence (not a withdrawal) whose first day (DatEerstVrzmdg) is after the end "
        "(Enddat) of its employment.",
    ),
    Rule(
        "master.unknown-unit",
        _W,
        "An OrgeenhCd (of a Dnstvbnd in Dienstverbanden, WerknemersGegevens or "
        "Verzuimmeldingen) that is not in the employer's structure, active on the date "
        "(IngdatMut or Ingdat of the employment; the first day of an absence); not checked "
        "until the employer's structure is known.",
    ),
    Rule(
        "master.key-in-use",
        _E,
        "A key change (IdWrknmrOud, IdDnstvbndOud, PersNrOud) to a key that is already in use.",
    ),
    Rule(
        "master.old-key",
        _E,
        "A message names an employee, employment or absence case by a key that an earlier key "
        "change replaced; the finding names the new key.",
    ),
    Rule(
        "master.personnel-number-reused",
        _E,
        "For accounts that key employees by personnel number (by_personnel_number), a "
        "personnel number seen again with another person (another birth date or name): a "
        "reused number; rejected.",
        {"by_personnel_number": False},
    ),
    Rule(
        "master.mutation-date-backwards",
        _E,
        "A master-data record whose effective date (IngdatMut) is before that of the picture "
        "already kept of the same employee, employment or unit.",
    ),
    Rule(
        "master.unknown-record",
        _W,
        "A change (02) of an employee the validator does not know (registered as new), or a "
        "removal (04) of an employee, employment or unit it does not know (nothing to do).",
    ),
)

RULES: Mapping[str, Rule] = {rule.code: rule for rule in (*_CATALOGUE, *_MASTER)}
"""Every rule, by code, in the order of ``docs/rules.md``."""

_CHECKS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "chain.start-without-sick-report": {"allow_ended_start": _bool},
    "chain.sequence-gap": {"action": _action},
    "chain.percentage-range": {"minimum": _percentage, "maximum": _percentage},
    "chain.percentage-not-lowered": {"allow_increase": _bool, "allow_equal": _bool},
    "chain.compound-absence": {"window_days": _days, "inclusive": _bool},
    "master.unknown-employee": {"employers": _employers, "on_first_message": _bool},
    "master.personnel-number-reused": {"by_personnel_number": _bool},
}


def _plain(value: Any) -> Any:
    """A parameter value as JSON-able data."""
    if isinstance(value, tuple):
        return list(value)
    return str(value) if isinstance(value, Decimal) else value


def _parameters(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen
class RuleConfig:
    """How one rule is applied.

    Attributes:
        enabled: False switches the rule off (not checked at all).
        severity: overrides the rule's default severity; None keeps it.
        parameters: overrides of the rule's parameters (name -> value); unknown names are an
            error.
    """

    enabled: bool = True
    severity: Severity | None = None
    parameters: Mapping[str, Any] = attrs.field(factory=dict, converter=_parameters)


def _rules_converter(value: Mapping[str, RuleConfig] | None) -> dict[str, RuleConfig]:
    return dict(value or {})


@attrs.frozen
class ChainConfig:
    """The configuration of a :class:`~sivi_verzuim.chain.ChainValidator`.

    Attributes:
        rules: rule code -> :class:`RuleConfig`; rules not named keep their defaults.

    Raises:
        ValueError: for an unknown rule code, a rule that cannot be configured, an unknown
            parameter or a bad parameter value.
    """

    rules: Mapping[str, RuleConfig] = attrs.field(factory=dict, converter=_rules_converter)
    _resolved: dict[str, tuple[Severity | None, dict[str, Any]]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        resolved: dict[str, tuple[Severity | None, dict[str, Any]]] = {}
        for code in self.rules:
            if code not in RULES:
                raise ValueError(f"unknown rule {code!r}; known rules: {', '.join(RULES)}")
        for code, rule in RULES.items():
            cfg = self.rules.get(code, RuleConfig())
            if not isinstance(cfg, RuleConfig):
                raise ValueError(f"rule {code}: expected a RuleConfig, got {cfg!r}")
            if not rule.configurable and cfg != RuleConfig():
                raise ValueError(f"rule {code} cannot be configured")
            params = dict(rule.parameters)
            checks = _CHECKS.get(code, {})
            for name, value in cfg.parameters.items():
                if name not in checks:
                    known = ", ".join(rule.parameters) or "none"
                    raise ValueError(f"rule {code} has no parameter {name!r} (known: {known})")
                try:
                    params[name] = checks[name](value)
                except ValueError as exc:
                    raise ValueError(f"rule {code}, parameter {name}: {exc}") from None
            severity = (cfg.severity or rule.severity) if cfg.enabled else None
            resolved[code] = (severity, params)
        object.__setattr__(self, "_resolved", resolved)

    def severity(self, code: str) -> Severity | None:
        """The effective severity of a rule, or None when it is disabled."""
        return self._resolved[code][0]

    def parameter(self, code: str, name: str) -> Any:
        """The effective value of a rule's parameter."""
        return self._resolved[code][1][name]

    def with_rule(
        self,
        code: str,
        *,
        enabled: bool = True,
        severity: Severity | None = None,
        **parameters: Any,
    ) -> ChainConfig:
        """A copy with one rule configured, e.g. ``config.with_rule("chain.sequence-gap",
        action="reject")``."""
        rules = dict(self.rules)
        rules[code] = RuleConfig(enabled=enabled, severity=severity, parameters=parameters)
        return ChainConfig(rules)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-able): only the rules that differ from their defaults."""
        out: dict[str, Any] = {}
        for code, cfg in sorted(self.rules.items()):
            if cfg == RuleConfig():
                continue
            out[code] = {
                "enabled": cfg.enabled,
                "severity": cfg.severity.value if cfg.severity else None,
                "parameters": {k: _plain(v) for k, v in sorted(cfg.parameters.items())},
            }
        return {"rules": out}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChainConfig:
        """The inverse of :meth:`to_dict`.

        Raises:
            ValueError: for data that does not describe a valid configuration.
        """
        rules: dict[str, RuleConfig] = {}
        raw = data.get("rules", {})
        if not isinstance(raw, Mapping):
            raise ValueError("'rules' must be an object")
        for code, item in raw.items():
            if not isinstance(item, Mapping):
                raise ValueError(f"rule {code}: expected an object")
            severity = item.get("severity")
            rules[code] = RuleConfig(
                enabled=bool(item.get("enabled", True)),
                severity=Severity(severity) if severity else None,
                parameters=dict(item.get("parameters", {})),
            )
        return cls(rules)
