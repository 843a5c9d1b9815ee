"""Reading a saved chain state document (internal).

:func:`read_state` turns the plain data of :meth:`~sivi_verzuim.chain.ChainValidator.save`
into typed records, every field read strictly (see :mod:`._statecheck`), then checks the
sections against each other where a loaded state would otherwise misbehave: duplicate keys,
cases and their employees, waiting messages and the cases they wait for, message numbers
and ``next_index``. It raises nothing but :class:`~sivi_verzuim.chain.StateError`, whatever
the input; the validator installs the records it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from ..classification import AbsenceClassification
from ..errors import Finding, Severity, cap_value
from ..model import AbsenceEndReason, ProcessingCode
from ..releases import MessageType, Release
from ._results import Classified
from ._rules import RULES, ChainConfig, RuleConfig
from ._state import FORMAT, STATUS_CODE, VERSION, CaseStatus, Mut, StateError
from ._statecheck import (
    MISSING,
    Obj,
    Path,
    array,
    damaged,
    date,
    each,
    expected,
    flag,
    guard,
    integer,
    member,
    member_table,
    opt_date,
    opt_member,
    percentage,
    problem,
    show,
    text,
)

__all__ = ["CaseData", "MsgData", "StateData", "read_state"]

EmployerIds = tuple[str, str]
CaseKey = tuple[EmployerIds, str]
Location = tuple[int, int, int, int]
Item = tuple[EmployerIds, str, str, Any, Location, Classified | None]

#: ``VrzmgvlVnrMld`` is an ``Aantal3``: 0 to 999.
SEQUENCE_MAX = 999

_CODES = member_table(ProcessingCode)
_REASONS = member_table(AbsenceEndReason)
_SEVERITIES = member_table(Severity)
_RELEASES = member_table(Release)
_STATUSES = member_table(CaseStatus)
_CLASSES = len(AbsenceClassification)
_MASTER_KINDS = frozenset({"employee", "employment", "unit", "moved", "negative", "personnel"})
_MASTER_TYPES = {
    mt.value: mt
    for mt in (
        MessageType.WERKNEMERS_GEGEVENS,
        MessageType.DIENSTVERBANDEN,
        MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE,
    )
}


class CaseData(NamedTuple):
    """One case of the document, typed (the arguments of the validator's case record)."""

    key: CaseKey
    employee: str
    employment: str | None
    status: int
    first: dt.date
    pct: Decimal
    end: dt.date | None
    seq: int
    date: dt.date
    history: tuple[Any, ...] | None
    linked: str | None
    resync: bool
    baseline_sequence: int | None
    classification: AbsenceClassification | None


@attrs.frozen
class MsgData:
    """One held or waiting message of the document, typed."""

    index: int
    reference: str | None
    file: str | None
    release: Release | None
    sender: str | None
    recipient: str | None
    test: bool
    employers: list[EmployerIds]
    items: list[Item]
    units: list[str | None] | None = None
    master: tuple[MessageType, list[Any]] | None = None
    """For a master-data message: its type and records (``MasterItem``)."""


class BrokenData(NamedTuple):
    """One broken case: its key and root finding, and the report that carried it."""

    key: CaseKey
    finding: Finding
    reference: str | None
    sequence: int


class StateData(NamedTuple):
    """The whole document, typed and checked."""

    config: ChainConfig | None
    authorized: list[EmployerIds] | None
    held: bool
    next_index: int
    baselines: list[str]
    known: list[tuple[EmployerIds, str]]
    employees: list[tuple[EmployerIds, str, list[str]]]
    cases: list[CaseData]
    broken: list[BrokenData]
    queue: list[MsgData]
    waiting: list[tuple[MsgData, list[CaseKey]]]
    eks: dict[EmployerIds, EmployerIds]
    master: tuple[tuple[tuple[str, str, str, str], Any, Path], ...] = ()
    """Master-data records: (key, plain data, where), installed by the validator."""


def read_state(data: Any, *, config: bool = True, authorized: bool = True) -> StateData:
    """The typed, checked content of a state document.

    Args:
        data: the document (any value: a damaged one is refused).
        config: read the saved configuration (False: it is overridden, left unread).
        authorized: read the saved authorisation (False: overridden, left unread).

    Raises:
        StateError: the document is not a chain state, of another version, or damaged.
    """
    try:
        return _Reader().document(data, config, authorized)
    except StateError:
        raise
    except Exception as exc:  # whatever else breaks on a damaged document
        raise damaged((), exc) from exc


def _header(data: Any) -> None:
    fmt = data.get("format") if isinstance(data, Mapping) else None
    if not (isinstance(fmt, str) and str.__str__(fmt) == FORMAT):
        raise StateError(f"not a chain state document (format {FORMAT!r} expected)")
    version = data.get("version")
    if not (isinstance(version, int) and not isinstance(version, bool) and version == VERSION):
        raise StateError(
            f"unsupported chain state version {show(version)} (this library reads version "
            f"{VERSION})"
        )


class _Reader:
    """Reads one document; employer keys are shared (one tuple per employer)."""

    def __init__(self) -> None:
        self.eks: dict[EmployerIds, EmployerIds] = {}

    def document(self, data: Any, config: bool, authorized: bool) -> StateData:
        _header(data)
        doc = Obj(data, ())
        state = StateData(
            config=guard(("config",), _config, doc.raw("config")) if config else None,
            authorized=guard(("authorized",), self.authorized, doc.raw("authorized"))
            if authorized
            else None,
            held=doc.flag("held"),
            next_index=doc.integer("next_index", 0),
            baselines=doc.each("baselines", text),
            known=doc.each("known_employees", self.known),
            employees=doc.each("employees", self.employee),
            cases=doc.each("cases", self.case),
            broken=doc.each("broken", self.broken),
            queue=doc.each("queue", self.message),
            waiting=doc.each("waiting", self.waiting),
            eks=self.eks,
            master=self.master_records(doc),
        )
        _check(state)
        return state

    # ------------------------------------------------------------------ keys

    def employer(self, employer_id: str, connection_number: str) -> EmployerIds:
        pair = (employer_id, connection_number)
        return self.eks.setdefault(pair, pair)

    def pair(self, value: Any, path: Path) -> EmployerIds:
        """``[employer_id, connection_number]``."""
        a, b = array(value, path, None, 2)
        return self.employer(text(a, path, 0), text(b, path, 1))

    def case_key(self, value: Any, path: Path) -> CaseKey:
        """``[employer_id, connection_number, case_id]``."""
        a, b, c = array(value, path, None, 3)
        return (self.employer(text(a, path, 0), text(b, path, 1)), text(c, path, 2))

    def authorized(self, value: Any, path: Path) -> list[EmployerIds] | None:
        return None if value is None else each(value, path, None, self.pair)

    def known(self, value: Any, path: Path) -> tuple[EmployerIds, str]:
        """``[employer_id, connection_number, employee_id]``."""
        ek, employee = self.case_key(value, path)
        return (ek, employee)

    def employee(self, value: Any, path: Path) -> tuple[EmployerIds, str, list[str]]:
        """``[employer_id, connection_number, employee_id, [case_id, ...]]``."""
        a, b, employee, ids = array(value, path, None, 4)
        ek = self.employer(text(a, path, 0), text(b, path, 1))
        return (ek, text(employee, path, 2), each(ids, path, 3, text))

    # ------------------------------------------------------------------ cases

    def case(self, value: Any, path: Path) -> CaseData:
        o = Obj(value, path)
        ek = self.employer(o.text("employer_id"), o.text("connection_number"))
        status = o.member(_STATUSES, "status")
        end = o.opt_date("end_date", required=True)
        if status is CaseStatus.OPEN and end is not None:
            raise problem(o.at("end_date"), "an open case has no end date")
        if status is CaseStatus.CLOSED and end is None:
            raise problem(o.at("end_date"), "a closed case needs its end date")
        hist: tuple[Any, ...] | None = None
        for report in o.each("reports", _report):
            hist = (*report, hist)
        number = o.opt_integer("classification", 1, _CLASSES)
        return CaseData(
            key=(ek, o.text("case_id")),
            employee=o.text("employee_id"),
            employment=o.opt_text("employment_id", required=True),
            status=STATUS_CODE[status.value],
            first=o.date("first_absence_date"),
            pct=o.percentage("absence_percentage"),
            end=end,
            seq=o.integer("last_sequence", -1, SEQUENCE_MAX),
            date=o.date("last_mutation_date"),
            history=hist,
            linked=o.opt_text("linked_case"),
            resync=o.flag("resync", default=False),
            baseline_sequence=o.opt_integer("baseline_sequence", -1, SEQUENCE_MAX),
            classification=None if number is None else AbsenceClassification(number),
        )

    def broken(self, value: Any, path: Path) -> BrokenData:
        o = Obj(value, path)
        ek = self.employer(o.text("employer_id"), o.text("connection_number"))
        return BrokenData(
            key=(ek, o.text("case_id")),
            finding=guard(o.at("root"), _finding, o.raw("root")),
            reference=o.opt_text("reference"),
            sequence=o.integer("sequence", 0, SEQUENCE_MAX),
        )

    # ------------------------------------------------------------------ messages

    def master_records(self, doc: Obj) -> tuple[tuple[tuple[str, str, str, str], Any, Path], ...]:
        """The document's ``master`` section (missing in documents from before master
        data): ``[employer_id, connection_number, kind, id, data]`` per record."""
        raw = doc.raw("master")
        if raw is MISSING or raw is None:
            return ()
        out: list[tuple[tuple[str, str, str, str], Any, Path]] = []
        for i, entry in enumerate(array(raw, ("master",))):
            where: Path = ("master", i)
            e, c, kind, rid, data = array(entry, where, None, 5)
            if kind not in _MASTER_KINDS:
                raise problem((*where, 2), f"unknown master-data record kind {show(kind)}")
            out.append(
                (
                    (text(e, where, 0), text(c, where, 1), str(kind), text(rid, where, 3)),
                    data,
                    (*where, 4),
                )
            )
        return tuple(out)

    def message(self, value: Any, path: Path) -> MsgData:
        o = Obj(value, path)
        employers = o.each("employers", self.pair)
        raw_records = o.raw("records")
        if raw_records is not MISSING and raw_records is not None:
            from ._masterjudge import master_item_from_data

            mt = o.member(_MASTER_TYPES, "message_type")
            records = o.each("records", lambda v, p: master_item_from_data(v, p, self.pair))
            return MsgData(
                index=o.integer("index", 0),
                reference=o.opt_text("reference"),
                file=o.opt_text("file"),
                release=o.opt_member(_RELEASES, "release"),
                sender=o.opt_text("sender"),
                recipient=o.opt_text("recipient"),
                test=o.flag("test", default=False),
                employers=employers,
                items=[],
                master=(mt, records),
            )
        items = o.each("items", self.item)
        allowed = set(employers)
        for i, it in enumerate(items):
            if it[0] not in allowed:
                raise problem(
                    (*path, "items", i, "employer"),
                    f"employer {_employer(it[0])} is not among the message's employers",
                )
        return MsgData(
            index=o.integer("index", 0),
            reference=o.opt_text("reference"),
            file=o.opt_text("file"),
            release=o.opt_member(_RELEASES, "release"),
            sender=o.opt_text("sender"),
            recipient=o.opt_text("recipient"),
            test=o.flag("test", default=False),
            employers=employers,
            items=items,
            units=self.units(o, len(items)),
        )

    @staticmethod
    def units(o: Obj, count: int) -> list[str | None] | None:
        raw = o.raw("units")
        if raw is MISSING or raw is None:
            return None
        where = o.at("units")
        values = array(raw, where, None, count)
        return [None if v is None else text(v, where, i) for i, v in enumerate(values)]

    def item(self, value: Any, path: Path) -> Item:
        o = Obj(value, path)
        where = o.at("location")
        w, e, d, v = (integer(x, where, i, 1) for i, x in enumerate(o.array("location", 4)))
        derived = o.raw("classification")
        classified = None
        if derived is not None and derived is not MISSING:
            classified = _classified(derived, o.at("classification"))
        return (
            self.pair(o.raw("employer"), o.at("employer")),
            o.text("employee"),
            o.text("employment"),
            guard(o.at("mutation"), _mutation, o.raw("mutation")),
            (w, e, d, v),
            classified,
        )

    def waiting(self, value: Any, path: Path) -> tuple[MsgData, list[CaseKey]]:
        msg = self.message(value, path)
        where = (*path, "waits_for")
        keys = each(Obj(value, path).raw("waits_for"), where, None, self.case_key)
        if not keys:
            raise problem(where, "a waiting message waits for at least one case")
        about = set(_cases_about(msg.items))
        for i, key in enumerate(keys):
            if key not in about:
                raise problem(
                    (*where, i),
                    f"the message has no mutation about case {show(key[1])} of employer "
                    f"{_employer(key[0])}",
                )
        return msg, keys


# --------------------------------------------------------------------------- records


def _report(value: Any, path: Path) -> tuple[Any, ...]:
    """``[sequence, [code, mutation date, first day, recovery date, percentage, ended,
    reason]]``: the fields of the case's hist node (see ``compact``)."""
    seq, key = array(value, path, None, 2)
    where = (*path, 1)
    code, md, fd, rd, pct, ended, reason = array(key, where, None, 7)
    end_reason = opt_member(_REASONS, reason, where, 6)
    return (
        integer(seq, path, 0, 0, SEQUENCE_MAX),
        member(_CODES, code, where, 0).value,
        date(md, where, 1),
        date(fd, where, 2),
        opt_date(rd, where, 3),
        percentage(pct, where, 4),
        flag(ended, where, 5),
        None if end_reason is None else end_reason.value,
    )


def _mutation(value: Any, path: Path) -> Mut:
    o = Obj(value, path)
    m = Mut()
    m.processing_code = o.member(_CODES, "processing_code")
    m.absence_case_id = o.text("absence_case_id")
    m.previous_absence_case_id = o.opt_text("previous_absence_case_id")
    m.report_sequence_number = o.integer("report_sequence_number", 0, SEQUENCE_MAX)
    m.absence_ended = o.flag("absence_ended")
    m.absence_percentage = o.percentage("absence_percentage")
    m.absence_end_reason = o.opt_member(_REASONS, "absence_end_reason")
    m.mutation_date = o.date("mutation_date")
    m.previous_mutation_date = o.opt_date("previous_mutation_date")
    m.first_absence_date = o.date("first_absence_date")
    m.previous_first_absence_date = o.opt_date("previous_first_absence_date")
    m.recovery_date = o.opt_date("recovery_date")
    return m


def _classified(value: Any, path: Path) -> Classified:
    """``[classification number, reason]``."""
    number, reason = array(value, path, None, 2)
    return (AbsenceClassification(integer(number, path, 0, 1, _CLASSES)), text(reason, path, 1))


def _finding(value: Any, path: Path) -> Finding:
    o = Obj(value, path)
    return Finding(
        code=o.text("code"),
        severity=o.member(_SEVERITIES, "severity"),
        message=o.text("message"),
        path=o.opt_text("path"),
        line=o.opt_integer("line", 0),
        value=o.opt_text("value"),
        release=o.opt_text("release"),
        file=o.opt_text("file"),
    )


def _config(value: Any, path: Path) -> ChainConfig:
    """``{"rules": {code: {"enabled", "severity", "parameters"}}}`` (see
    :meth:`~sivi_verzuim.chain.ChainConfig.to_dict`)."""
    o = Obj(value, path)
    rules: dict[str, RuleConfig] = {}
    raw = o.raw("rules")
    if raw is not MISSING:
        where = o.at("rules")
        for code, item in Obj(raw, where).data.items():
            name = text(code, where)
            rules[name] = _rule_config(name, item, (*where, name))
    return ChainConfig(rules)


def _rule_config(code: str, value: Any, path: Path) -> RuleConfig:
    rule = RULES.get(code)
    if rule is None:
        raise problem(path, f"unknown rule {show(code)}")
    o = Obj(value, path)
    severity = o.opt_member(_SEVERITIES, "severity")
    enabled = o.flag("enabled", default=True)
    parameters: dict[str, Any] = {}
    raw = o.raw("parameters")
    if raw is not MISSING:
        where = o.at("parameters")
        for key, item in Obj(raw, where).data.items():
            name = text(key, where)
            parameters[name] = _parameter(rule.code, name, item, (*where, name))
    cfg = RuleConfig(enabled=enabled, severity=severity, parameters=parameters)
    if not rule.configurable and cfg != RuleConfig():
        raise problem(path, f"rule {code} cannot be configured")
    return cfg


def _parameter(code: str, name: str, value: Any, path: Path) -> Any:
    """One rule parameter: a JSON scalar the rule accepts (a percentage a finite number)."""
    if name not in RULES[code].parameters:
        raise problem(path, f"rule {code} has no parameter {show(name)}")
    if not (value is None or isinstance(value, bool | int | float | str)):
        raise expected(path, "a string, number or boolean", value)
    try:
        resolved = ChainConfig({code: RuleConfig(parameters={name: value})}).parameter(code, name)
    except ValueError as exc:
        # the rule's own words ("... parameter x: expected a number, got <value>"), with the
        # value shown the capped way
        reason = str(exc).split(": ", 1)[-1].split(", got ", 1)[0]
        what = reason.removeprefix("expected ") if reason.startswith("expected ") else None
        if what is None:
            raise problem(path, cap_value(reason) or "") from None
        raise expected(path, what, value) from None
    if isinstance(resolved, Decimal) and not resolved.is_finite():
        raise expected(path, "a finite number", value)
    return value


# --------------------------------------------------------------------------- consistency


def _employer(ek: EmployerIds) -> str:
    return f"{show(ek[0])}/{show(ek[1])}"


def _case(key: CaseKey) -> str:
    return f"case {show(key[1])} of employer {_employer(key[0])}"


def _cases_about(items: Iterable[Item]) -> Iterable[CaseKey]:
    """The cases a message's mutations are about (a correction: also the case it renames)."""
    for ek, _, _, m, _, _ in items:
        yield (ek, m.absence_case_id)
        if m.previous_absence_case_id is not None:
            yield (ek, m.previous_absence_case_id)


def _check(state: StateData) -> None:
    """The sections against each other."""
    _check_cases(state)
    _check_broken(state)
    _check_messages(state)


def _check_cases(state: StateData) -> None:
    """Every case once, listed under exactly one employee: its own."""
    cases: dict[CaseKey, int] = {}
    for i, c in enumerate(state.cases):
        seen = cases.setdefault(c.key, i)
        if seen != i:
            raise problem(("cases", i), f"{_case(c.key)} appears twice (also cases[{seen}])")
    people: dict[tuple[EmployerIds, str], int] = {}
    owner: dict[CaseKey, tuple[int, int]] = {}
    for i, (ek, employee, ids) in enumerate(state.employees):
        seen = people.setdefault((ek, employee), i)
        if seen != i:
            raise problem(
                ("employees", i),
                f"employee {show(employee)} of employer {_employer(ek)} appears twice "
                f"(also employees[{seen}])",
            )
        for j, cid in enumerate(ids):
            key = (ek, cid)
            where = ("employees", i, 3, j)
            index = cases.get(key)
            if index is None:
                raise problem(where, f"{_case(key)} is not in cases")
            first = owner.setdefault(key, (i, j))
            if first != (i, j):
                raise problem(
                    where, f"{_case(key)} is listed twice (also employees[{first[0]}][3])"
                )
            if state.cases[index].employee != employee:
                raise problem(
                    ("cases", index, "employee_id"),
                    f"{_case(key)} is listed under employee {show(employee)} (employees[{i}])",
                )
    for i, c in enumerate(state.cases):
        if c.key not in owner:
            raise problem(("cases", i), f"{_case(c.key)} is not listed under its employee")


def _check_broken(state: StateData) -> None:
    seen: dict[CaseKey, int] = {}
    for i, b in enumerate(state.broken):
        first = seen.setdefault(b.key, i)
        if first != i:
            raise problem(("broken", i), f"{_case(b.key)} appears twice (also broken[{first}])")


def _check_messages(state: StateData) -> None:
    """Message numbers are unique and below ``next_index``; a queue only while held."""
    if state.queue and not state.held:
        raise problem(("held",), "messages are queued, so processing must be held (true)")
    seen: dict[int, str] = {}
    where: list[tuple[str, int, MsgData]] = [("queue", i, m) for i, m in enumerate(state.queue)]
    where += [("waiting", i, m) for i, (m, _) in enumerate(state.waiting)]
    for section, i, msg in where:
        here = f"{section}[{i}]"
        first = seen.setdefault(msg.index, here)
        if first != here:
            raise problem(
                (section, i, "index"), f"message index {msg.index} is used twice (also {first})"
            )
        if msg.index >= state.next_index:
            raise problem(
                ("next_index",),
                f"{state.next_index} must be above the index {msg.index} of {here}",
            )
