"""The mutation-chain validator.

Design notes (the hot path): a mutation is judged against its case's state and applied in
place; nothing is copied. A message with several mutations records an undo log so that a
rejection rolls everything back; a message with one mutation needs none, because a mutation
is applied only after all its checks passed. State is plain dicts and slotted objects: per
employer a dict case id -> case, per employee a small summary (number of open cases, the
case that ended last) so that starting a case does not read every earlier case, and per case
its accepted reports as a linked list (appending never touches old memory).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._codec import Message
from ..classification import DecisionTable
from ..errors import Finding, Severity
from ..model import (
    AbsenceKind,
    AbsenceMessage,
    EmployeeDataMessage,
    EmployerDataMessage,
    EmploymentMessage,
    ProcessingCode,
)
from ..releases import MessageType, Release
from ._baseline import Baseline, BaselineError, BaselineUnit, CsvProblem
from ._masterdata import (
    EMPLOYEE,
    MOVED,
    UNIT,
    Draft,
    EmployeeView,
    EmploymentView,
    MasterData,
    UnitView,
    moved_record_id,
)
from ._masterjudge import MASTER_MODELS, MasterJudge, MasterMsg, intake
from ._results import Classified, MessageResult, MutationResult, RecordResult, Status, vrzm_path
from ._rules import RULES, ChainConfig
from ._state import (
    CLOSED,
    FORMAT,
    OPEN,
    VERSION,
    WITHDRAWN,
    Case,
    CaseView,
    Person,
    UnknownCaseError,
    compact,
    finding_to_dict,
    iso,
    key_to_json,
    mut_to_dict,
    status_name,
)
from ._stateread import MsgData, StateData, read_state
from ._undo import (
    ABSENT,
    DiscardAdded,
    PopAppended,
    RestoreCase,
    RestoreEntry,
    RestorePerson,
    UndoLog,
    rollback,
)

if TYPE_CHECKING:
    from ._session import StoreSession
    from ._store import Delivery, Store

__all__ = ["ChainValidator"]

_NEW = ProcessingCode.NEW
_CHANGE = ProcessingCode.CHANGE
_CORR = ProcessingCode.CORRECTION
_DELETE = ProcessingCode.DELETE
_SYNC = ProcessingCode.SYNCHRONISE

_ERROR = Severity.ERROR

_ACCEPTED = Status.ACCEPTED
_DUPLICATE = Status.DUPLICATE
_HELD = Status.HELD
_PENDING = Status.PENDING
_CONSEQUENTIAL = Status.CONSEQUENTIAL
_REJECTED = Status.REJECTED

_SICK = AbsenceKind.SICK_REPORT
_PERCENTAGE = AbsenceKind.PERCENTAGE_CHANGE
_RECOVERY = AbsenceKind.RECOVERY
_CORRECTION = AbsenceKind.CORRECTION
_WITHDRAWAL = AbsenceKind.WITHDRAWAL
_SYNCHRONISATION = AbsenceKind.SYNCHRONISATION

_RELEASE_BY_VNRBRCD = {
    MessageType.VERZUIMMELDINGEN.vnrbrcd(r): r for r in MessageType.VERZUIMMELDINGEN.releases
}
_MASTER_TYPES = (
    MessageType.WERKNEMERS_GEGEVENS,
    MessageType.DIENSTVERBANDEN,
    MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE,
)
_MASTER_RELEASES = {(mt.root, mt.vnrbrcd(r)): r for mt in _MASTER_TYPES for r in mt.releases}
_MODEL_ROOT = {
    MASTER_MODELS[0]: MessageType.WERKNEMERS_GEGEVENS.root,
    MASTER_MODELS[1]: MessageType.DIENSTVERBANDEN.root,
    MASTER_MODELS[2]: MessageType.WERKGEVERS_GEGEVENS_BASISREGISTRATIE.root,
}

_EMPTY: tuple[Finding, ...] = ()
_NOTHING: tuple[Any, ...] = ()
_FIRST = (1, 1, 1, 1)

EmployerKey = tuple[str, str]
CaseKey = tuple[EmployerKey, str]
Location = tuple[int, int, int, int]
Item = tuple[EmployerKey, str, str, Any, Location, Classified | None]


class _Root:
    """Why a case is broken: the root finding, and the report that carried it."""

    __slots__ = ("finding", "reference", "sequence")

    def __init__(self, finding: Finding, reference: str | None, sequence: int) -> None:
        self.finding = finding
        self.reference = reference
        self.sequence = sequence


class _Msg:
    """A message as the validator keeps it: header data and its mutations (internal)."""

    __slots__ = (
        "employers",
        "file",
        "findings",
        "index",
        "items",
        "recipient",
        "reference",
        "release",
        "sender",
        "test",
        "units",
    )

    def __init__(
        self,
        index: int,
        reference: str | None,
        file: str | None,
        release: Release | None,
        sender: str | None,
        recipient: str | None,
        test: bool,
        employers: list[EmployerKey],
        items: list[Item],
        findings: tuple[Finding, ...] = (),
        units: list[str | None] | None = None,
    ) -> None:
        self.index = index
        self.reference = reference
        self.file = file
        self.release = release
        self.sender = sender
        self.recipient = recipient
        self.test = test
        self.employers = employers
        self.items = items
        self.findings = findings
        self.units = units  # the OrgeenhCd of each item's Dnstvbnd (None: not kept)

    def result(
        self,
        status: Status,
        mutations: tuple[MutationResult, ...],
        findings: tuple[Finding, ...] = (),
    ) -> MessageResult:
        return MessageResult(status, mutations, findings, self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "reference": self.reference,
            "file": self.file,
            "release": self.release.value if self.release else None,
            "sender": self.sender,
            "recipient": self.recipient,
            "test": self.test,
            "employers": [list(ek) for ek in self.employers],
            "items": [
                {
                    "employer": list(ek),
                    "employee": employee,
                    "employment": employment,
                    "location": list(loc),
                    "mutation": mut_to_dict(m),
                    "classification": None if cls is None else [cls[0].number, cls[1]],
                }
                for ek, employee, employment, m, loc, cls in self.items
            ],
            **({} if self.units is None else {"units": list(self.units)}),
        }

    @classmethod
    def from_data(cls, data: MsgData) -> _Msg | MasterMsg:
        """The message of a restored state document (read by :func:`read_state`)."""
        if data.master is not None:
            return MasterMsg(
                data.index,
                data.reference,
                data.file,
                data.release,
                data.sender,
                data.recipient,
                data.test,
                data.master[0],
                data.employers,
                data.master[1],
            )
        return cls(
            index=data.index,
            reference=data.reference,
            file=data.file,
            release=data.release,
            sender=data.sender,
            recipient=data.recipient,
            test=data.test,
            employers=data.employers,
            items=data.items,
            units=data.units,
        )


def _authorized(value: Iterable[tuple[str, str]] | None) -> frozenset[tuple[str, str]] | None:
    if value is None:
        return None
    out = set()
    for pair in value:
        employer_id, connection_number = pair
        out.add((str(employer_id), str(connection_number)))
    return frozenset(out)


_UNSET: Any = object()


class ChainValidator:
    """Applies Verzuimmeldingen, mutation by mutation, to explicit state and judges each.

    The state holds, per employer, the known employees and every absence case (status, first
    day, percentage, end, last sequence number, accepted reports), which cases are broken
    (rejected mutations cascade), the messages waiting for a missing sequence number and,
    while processing is held, the queue. No I/O, no globals, no printing; not thread-safe
    (use one validator per thread, or a lock).

    Args:
        config: the rule configuration (:class:`~sivi_verzuim.chain.ChainConfig`).
        baseline: a go-live :class:`~sivi_verzuim.chain.Baseline` to load at once.
        authorized: the (``IdWrkgvrArbdnst``, ``AansltnrGeguitwlngArbdnst``) pairs the
            account may deliver for (``"*"`` as connection number: all of that employer);
            None allows every employer.
        hold: start held (see :meth:`hold`).
        decision_table: classify every mutation with this
            :class:`~sivi_verzuim.classification.DecisionTable` (e.g.
            :data:`~sivi_verzuim.classification.DEFAULT_DECISION_TABLE`) when the message
            comes in, with its employee and employment as context: results then carry
            :attr:`~sivi_verzuim.chain.MutationResult.classification` and cases
            :attr:`~sivi_verzuim.chain.CaseView.classification` (from the latest accepted
            report). None (the default) classifies nothing.
        store: keep the state in this :class:`~sivi_verzuim.chain.Store` (e.g. a
            :class:`~sivi_verzuim.chain.SqliteStore`) instead of only in memory: every
            message is one transaction with its result and its answer, a message delivered
            again gets its original result, and a store that holds a state is continued
            (with its saved configuration and authorisation unless ``config`` or
            ``authorized`` are given). See ``docs/store.md``. None (the default): the state
            lives in this object only.
        answer: with a store, makes the Retourmelding bytes of a final result, committed
            with it (default: :func:`~sivi_verzuim.chain.answer_bytes`, the bytes of
            :func:`~sivi_verzuim.chain.retourmelding`). Ignored without a store.
        cache_limit: with a store, the number of employees kept in memory between messages
            before the cache is emptied (the store stays the truth). Ignored without a store.
        events: keep, per accepted mutation, its case before and after, so that results
            carry :attr:`~sivi_verzuim.chain.MessageResult.events` (the default); False
            leaves every result's events empty (a little faster).

    Raises:
        BaselineError: the baseline has problems.
        StateError: the store's state cannot be read.
    """

    def __init__(
        self,
        config: ChainConfig | None = None,
        *,
        baseline: Baseline | None = None,
        authorized: Iterable[tuple[str, str]] | None = _UNSET,
        hold: bool = False,
        decision_table: DecisionTable | None = None,
        store: Store | None = None,
        answer: Callable[[MessageResult], bytes] | None = None,
        cache_limit: int = 100_000,
        events: bool = True,
    ) -> None:
        self._config = config or ChainConfig()
        self._events = events
        self._table = decision_table
        self._set_authorized(_authorized(None if authorized is _UNSET else authorized))
        self._eks: dict[EmployerKey, EmployerKey] = {}
        self._last_ek: EmployerKey = ("", "")  # one-entry cache in front of _eks
        self._key: CaseKey = (("", ""), "")  # the case key of the last _apply
        self._emps: dict[EmployerKey, dict[str, Case]] = {}
        self._persons: dict[EmployerKey, dict[str, Person]] = {}
        self._dates: dict[dt.date, dt.date] = {}
        self._pcts: dict[Decimal, Decimal] = {}
        self._broken: dict[CaseKey, _Root] = {}
        self._known: set[tuple[EmployerKey, str]] = set()
        self._queue: list[_Msg | MasterMsg] = []
        self._md = MasterData()
        self._waiting: dict[CaseKey, list[_Msg]] = {}
        self._parked: dict[int, tuple[_Msg, list[CaseKey]]] = {}
        self._baselines: list[str] = []
        self._index = 0
        self._held = hold
        self._session: StoreSession | None = None
        self._tx_parked: set[int] | None = None  # with a store: parked entries changed
        if store is not None:
            from ._session import StoreSession

            self._session = StoreSession(self, store, answer, cache_limit)
            self._session.open(config, authorized, hold, _UNSET)
        self._configure()
        if baseline is not None:
            self.load_baseline(baseline)

    # ------------------------------------------------------------------ configuration

    @property
    def config(self) -> ChainConfig:
        """The rule configuration."""
        return self._config

    @property
    def decision_table(self) -> DecisionTable | None:
        """The decision table mutations are classified with, or None."""
        return self._table

    @property
    def authorized(self) -> frozenset[tuple[str, str]] | None:
        """The authorised employers, or None for all."""
        return self._authorized

    def _set_authorized(self, value: frozenset[tuple[str, str]] | None) -> None:
        self._authorized = value
        self._any_connection = (
            frozenset(e for e, c in value if c == "*") if value is not None else frozenset()
        )

    def _configure(self) -> None:
        c = self._config
        sev = c.severity
        self._sev = {code: sev(code) for code in RULES}
        self._cascade = sev("chain.consequential") is not None
        self._gap_wait = c.parameter("chain.sequence-gap", "action") == "wait"
        self._pct_min = Decimal(c.parameter("chain.percentage-range", "minimum"))
        self._pct_max = Decimal(c.parameter("chain.percentage-range", "maximum"))
        self._allow_increase = bool(c.parameter("chain.percentage-not-lowered", "allow_increase"))
        self._allow_equal = bool(c.parameter("chain.percentage-not-lowered", "allow_equal"))
        self._allow_ended_start = bool(
            c.parameter("chain.start-without-sick-report", "allow_ended_start")
        )
        self._window = int(c.parameter("chain.compound-absence", "window_days"))
        self._inclusive = bool(c.parameter("chain.compound-absence", "inclusive"))
        s = self._sev
        self._s_gap = s["chain.sequence-gap"]
        self._s_reused = s["chain.sequence-reused"]
        self._s_before = s["chain.mutation-before-first-day"]
        self._s_recovery = s["chain.recovery-before-first-day"]
        self._s_backwards = s["chain.mutation-date-backwards"]
        self._s_first = s["chain.first-day-changed"]
        self._s_range = s["chain.percentage-range"]
        self._s_lowered = s["chain.percentage-not-lowered"]
        self._s_reason = s["chain.recovery-reason-without-end"]
        self._s_nodate = s["chain.end-without-recovery-date"]
        self._s_identity = s["chain.case-identity"]
        self._mj = MasterJudge(c)

    # ------------------------------------------------------------------ hold and resume

    @property
    def held(self) -> bool:
        """True while processing is held."""
        return self._held

    def hold(self) -> None:
        """Hold processing: messages are still checked (schema, authorisation) but only
        queued, with status ``held``, until :meth:`resume`."""
        if self._session is not None:
            self._session.hold()
            return
        self._held = True

    def resume(self) -> list[MessageResult]:
        """Stop holding and process the queue in order; every queued message gets its
        result (results of messages that were waiting and got resolved on the way are in
        their :attr:`~sivi_verzuim.chain.MessageResult.resolved`).

        With a store, each queued message is one transaction (the store stays held until
        the queue is empty, so that a run stopped half-way resumes the rest)."""
        if self._session is not None:
            return self._session.resume()
        self._held = False
        queue, self._queue = self._queue, []
        return [self._process_msg(msg) for msg in queue]

    def queued(self) -> tuple[str | None, ...]:
        """References (``Berrefnr``) of the held messages, in order."""
        if self._session is not None:
            return self._session.references(True)
        return tuple(m.reference for m in self._queue)

    def waiting(self) -> tuple[str | None, ...]:
        """References of the messages waiting for a missing sequence number, in order."""
        if self._session is not None:
            return self._session.references(False)
        return tuple(self._parked[i][0].reference for i in sorted(self._parked))

    # ------------------------------------------------------------------ baseline

    def load_baseline(self, baseline: Baseline) -> None:
        """Load the go-live overviews: the employees become known, the cases are created,
        and the organisation units (an organisation overview) become the employers'
        structure.

        Loading the same baseline again is a no-op.

        Raises:
            BaselineError: the baseline has problems, or one of its cases is already in the
                state (nothing is loaded then).
        """
        if self._session is not None:
            self._session.load_baseline(baseline)
            return
        self._load_baseline(baseline)

    def _load_baseline(self, baseline: Baseline) -> None:
        fingerprint = baseline.digest()
        if fingerprint in self._baselines:
            return
        problems = baseline.problems()
        for bc in baseline.cases:
            if self._case(((bc.employer_id, bc.connection_number), bc.case_id)) is not None:
                problems.append(
                    CsvProblem(
                        bc.file or "<objects>",
                        bc.line,
                        "case_id",
                        f"case {bc.case_id} is already in the state",
                    )
                )
        if problems:
            raise BaselineError(problems)
        for emp in baseline.employees:
            self._known.add((self._ek((emp.employer_id, emp.connection_number)), emp.employee_id))
        for bc in baseline.cases:
            ek = self._ek((bc.employer_id, bc.connection_number))
            person = self._person(ek, bc.employee_id)
            seq = bc.last_sequence if bc.last_sequence is not None else -1
            case = Case(
                (ek, bc.case_id),
                bc.employee_id,
                bc.employment_id,
                OPEN if bc.recovery_date is None else CLOSED,
                bc.first_absence_date,
                bc.absence_percentage,
                bc.recovery_date,
                seq,
                bc.last_mutation_date or bc.recovery_date or bc.first_absence_date,
                None,
                person,
                resync=bc.last_sequence is None,
                baseline_sequence=seq,
            )
            self._emps.setdefault(ek, {})[bc.case_id] = case
            person.cases.append(case)
            person.stale = True
        for u in baseline_units(baseline):
            ek = self._ek((u.employer_id, u.connection_number))
            self._md.employer(ek).units[u.code] = UnitView(
                ek[0],
                ek[1],
                u.code,
                u.name or None,
                u.parent_code or None,
                u.valid_from,
                u.valid_until,
                None,
            )
            self._md.touch((ek[0], ek[1], UNIT, u.code))
        self._baselines.append(fingerprint)

    def _ek(self, pair: EmployerKey) -> EmployerKey:
        return self._eks.setdefault(pair, pair)

    def _person(self, ek: EmployerKey, employee: str) -> Person:
        people = self._persons.get(ek)
        if people is None:
            people = self._persons[ek] = {}
        person = people.get(employee)
        if person is None:
            person = people[employee] = Person(employee)
        return person

    def _case(self, key: CaseKey) -> Case | None:
        cases = self._emps.get(key[0])
        return cases.get(key[1]) if cases is not None else None

    def _day(self, day: dt.date) -> dt.date:
        """The state's one instance of a date (few distinct dates: kept hot in cache)."""
        kept = self._dates.get(day)
        if kept is None:
            kept = self._dates[day] = day
        return kept

    def _percentage(self, pct: Decimal) -> Decimal:
        """The state's one instance of a percentage value."""
        kept = self._pcts.get(pct)
        if kept is None:
            kept = self._pcts[pct] = pct
        return kept

    def _is_known(self, key: tuple[EmployerKey, str]) -> bool:
        if key in self._known:
            return True
        people = self._persons.get(key[0])
        if people is not None and key[1] in people:
            return True
        em = self._md.employers.get(key[0])
        if em is None:
            return False
        ev = em.employees.get(key[1])
        return ev is not None and not ev.ended

    # ------------------------------------------------------------------ processing

    def process(
        self,
        message: Message
        | AbsenceMessage
        | EmployeeDataMessage
        | EmploymentMessage
        | EmployerDataMessage,
        *,
        file: str | None = None,
        digest: str | None = None,
        delivery: Delivery | None = None,
    ) -> MessageResult:
        """Judge and (when every mutation or record passes) apply one message.

        Four message types are taken, each as a parsed :class:`~sivi_verzuim.Message` of any
        release or as its domain model:

        - Verzuimmeldingen (:class:`~sivi_verzuim.model.AbsenceMessage`): absence mutations;
          the result's :attr:`~sivi_verzuim.chain.MessageResult.mutations` has one
          :class:`~sivi_verzuim.chain.MutationResult` per ``Vrzm``.
        - WerknemersGegevens (:class:`~sivi_verzuim.model.EmployeeDataMessage`): employees
          and their employments;
          Dienstverbanden (:class:`~sivi_verzuim.model.EmploymentMessage`): employments;
          WerkgeversGegevensBasisregistratie (:class:`~sivi_verzuim.model.EmployerDataMessage`):
          the employer's organisation units. The result's
          :attr:`~sivi_verzuim.chain.MessageResult.records` has one
          :class:`~sivi_verzuim.chain.RecordResult` per record (``Wrknmr``, ``Dnstvbnd``,
          ``OrgEenh``); the master data is read back with :meth:`employees`,
          :meth:`employments` and :meth:`units`.

        Every type is authorised, held, answered and stored alike; a message is applied as a
        whole or not at all. A master-data message never waits (it has no sequence numbers).

        Args:
            message: the message (see above).
            file: the file name to report (default: the message's own ``file``).
            digest: with a store, the hash of the message's content (e.g. the SHA-256 of the
                bytes received) that tells a re-delivery (same ``IdInzndr``, ``Berrefnr``
                and digest: the original result again, with ``chain.redelivered``) from a
                reused reference (other digest: rejected, ``chain.reference-reused``).
                Default: a hash of the message's parsed content. Ignored without a store.
            delivery: with a store, the file the message came in, for the store's journal
                (``sivi-verzuim process`` passes it). Ignored without a store.

        Returns:
            the :class:`~sivi_verzuim.chain.MessageResult`. Messages that were waiting for
            this one are processed right after it; their results are in ``resolved``.

        Raises:
            TypeError: the message is none of the four types.
        """
        if self._session is not None:
            return self._session.process(message, file, digest, delivery)
        msg = self._interpret(message, file)
        if msg.findings:
            return msg.result(_REJECTED, (), msg.findings)
        if self._authorized is not None:
            refused = self._unauthorised(msg)
            if refused is not None:
                return refused
        if self._held:
            self._queue.append(msg)
            return held_result(msg)
        if type(msg) is MasterMsg:
            return self._run_master(msg)
        assert type(msg) is _Msg
        items = msg.items
        if len(items) == 1 and not self._waiting:
            # the common case, inline: one mutation, nobody waiting, no master-data finding
            it = items[0]
            em = self._md.employers.get(it[0]) if self._md.employers else None
            if em is not None:
                unit = None if msg.units is None else msg.units[0]
                found = self._mj.absence_findings(
                    em, it[0], it[1], it[2], it[3], unit, self._case_known
                )
                if found is not None:
                    return self._process_msg(msg)
            r = self._apply(it, msg, None)
            status = r.status
            if status is _PENDING:
                self._park(msg, (self._key,))
            elif status is _REJECTED:
                self._break(self._key, r, msg)
            elif (
                em is not None
                and status is _ACCEPTED
                and it[3].previous_absence_case_id is not None
            ):
                self._note_case_keys(r)
            return MessageResult(status, (r,), _EMPTY, msg)
        return self._process_msg(msg)

    def process_all(self, messages: Iterable[Any]) -> list[MessageResult]:
        """:meth:`process` each message in order."""
        return [self.process(m) for m in messages]

    # ------------------------------------------------------------------ with a store

    @property
    def store(self) -> Store | None:
        """The store the state is kept in, or None."""
        return None if self._session is None else self._session.store

    @property
    def run(self) -> int | None:
        """With a store: the run (of a program such as ``sivi-verzuim process``) every
        transaction is recorded under, for the store's journal; None records none."""
        return None if self._session is None else self._session.run

    @run.setter
    def run(self, value: int | None) -> None:
        if self._session is None:
            raise ValueError("a validator without a store keeps no journal")
        self._session.run = value

    def record(self, result: MessageResult, delivery: Delivery) -> None:
        """With a store: record a file that no validator read (``MessageResult.detached``,
        e.g. unreadable) in the store's journal, with its answer when it gets one, in one
        transaction: a program that sees the same file again finds it there.

        Raises:
            ValueError: the validator has no store.
        """
        if self._session is None:
            raise ValueError("a validator without a store records nothing")
        self._session.record(result, delivery)

    def _interpret(self, message: Any, file: str | None) -> _Msg | MasterMsg:
        index = self._index
        if type(message) is AbsenceMessage or isinstance(message, AbsenceMessage):
            model = message
            release = _RELEASE_BY_VNRBRCD.get(model.header.message_version_code)
        elif isinstance(message, MASTER_MODELS):
            root = _MODEL_ROOT[type(message)]
            rel = _MASTER_RELEASES.get((root, message.header.message_version_code))
            self._index = index + 1
            return intake(message, rel, file, index, self._ek)
        elif isinstance(message, Message):
            mt = message.message_type
            if mt is not MessageType.VERZUIMMELDINGEN and mt not in _MASTER_TYPES:
                raise TypeError(
                    f"not a Verzuimmeldingen or master-data message: {message.message_type.title}"
                )
            file = file if file is not None else message.file
            if not message.valid:
                self._index = index + 1
                return self._invalid(message, index, file)
            from .._mapping import to_model

            model = to_model(message)
            release = message.release
            if mt is not MessageType.VERZUIMMELDINGEN:
                self._index = index + 1
                return intake(model, release, file, index, self._ek)
        else:
            raise TypeError(f"expected a Message or a message's domain model, got {type(message)}")
        self._index = index + 1
        header = model.header
        last = self._last_ek
        table = self._table
        # the common shape first: one employer, employee, employment and mutation
        if len(model.employers) == 1:
            er = model.employers[0]
            if len(er.employees) == 1 and len(er.employees[0].employments) == 1:
                ee = er.employees[0]
                emp = ee.employments[0]
                mutations = emp.absence_mutations
                if len(mutations) == 1:
                    if er.employer_id == last[0] and er.connection_number == last[1]:
                        ek = last
                    else:
                        pair = (er.employer_id, er.connection_number)
                        ek = self._last_ek = self._ek(pair)
                    m = mutations[0]
                    cls = None if table is None else _classify(table, m, emp, ee, er, release)
                    return _Msg(
                        index,
                        header.message_reference,
                        file,
                        release,
                        header.sender_id,
                        header.recipient_id,
                        header.test_message,
                        [ek],
                        [(ek, ee.employee_id or "", emp.employment_id or "", m, _FIRST, cls)],
                        units=[emp.organisational_unit_code],
                    )
        items: list[Item] = []
        units: list[str | None] = []
        employers: list[EmployerKey] = []
        for w, er in enumerate(model.employers, 1):
            if er.employer_id == last[0] and er.connection_number == last[1]:
                ek = last
            else:
                ek = self._last_ek = last = self._ek((er.employer_id, er.connection_number))
            employers.append(ek)
            for e, ee in enumerate(er.employees, 1):
                eid = ee.employee_id or ""
                for d, emp in enumerate(ee.employments, 1):
                    did = emp.employment_id or ""
                    for v, m in enumerate(emp.absence_mutations, 1):
                        loc = _FIRST if w == e == d == v == 1 else (w, e, d, v)
                        cls = None if table is None else _classify(table, m, emp, ee, er, release)
                        items.append((ek, eid, did, m, loc, cls))
                        units.append(emp.organisational_unit_code)
        return _Msg(
            index,
            header.message_reference,
            file,
            release,
            header.sender_id,
            header.recipient_id,
            header.test_message,
            employers,
            items,
            units=units,
        )

    def _invalid(self, message: Message, index: int, file: str | None) -> _Msg:
        header = message.header
        errors = [f for f in message.findings if f.severity is _ERROR]
        first = errors[0] if errors else None
        what = f": {first}" if first is not None else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        finding = Finding(
            "chain.invalid-message",
            _ERROR,
            f"the message is not valid against the {message.release.value} schema{what}{more}",
            path=first.path if first else None,
            line=first.line if first else None,
            value=first.value if first else None,
            release=message.release.value,
            file=file,
        )
        return _Msg(
            index,
            header.reference,
            file,
            message.release,
            header.sender,
            header.receiver,
            header.test,
            [],
            [],
            (finding, *errors),
        )

    def _allowed(self, ek: EmployerKey) -> bool:
        auth = self._authorized
        return auth is None or ek in auth or ek[0] in self._any_connection

    def _unauthorised(self, msg: _Msg | MasterMsg) -> MessageResult | None:
        bad = [ek for ek in msg.employers if not self._allowed(ek)]
        if not bad:
            return None
        release = msg.release.value if msg.release else None
        names = ", ".join(f"{a}/{b}" for a, b in dict.fromkeys(bad))
        if type(msg) is MasterMsg:
            records = []
            for w, ek in enumerate(msg.employers, 1):
                if ek not in bad:
                    continue
                f = Finding(
                    "chain.unauthorised-employer",
                    _ERROR,
                    f"this account may not deliver for employer {ek[0]} (connection {ek[1]})",
                    path=f"/{msg.root.value}/Wrkgvr[{w}]/IdWrkgvrArbdnst",
                    value=ek[0],
                    release=release,
                    file=msg.file,
                )
                break
            for rec in msg.items:
                if rec.ek in bad:
                    records.append(RecordResult(_REJECTED, (f,), rec, ()))
                else:
                    sibling = Finding(
                        "chain.message-rejected",
                        _ERROR,
                        f"not applied: the message is also about employer(s) {names}, for "
                        "which this account may not deliver",
                        path=rec.path,
                        release=release,
                        file=msg.file,
                    )
                    records.append(RecordResult(_REJECTED, (sibling,), rec, ()))
            findings = () if records else (f,)
            return msg.result(_REJECTED, tuple(records), findings)
        assert type(msg) is _Msg
        out = []
        for it in msg.items:
            ek, loc = it[0], it[4]
            if ek in bad:
                f = Finding(
                    "chain.unauthorised-employer",
                    _ERROR,
                    f"this account may not deliver for employer {ek[0]} (connection {ek[1]})",
                    path=f"/Verzuimmeldingen/Wrkgvr[{loc[0]}]/IdWrkgvrArbdnst",
                    value=ek[0],
                    release=release,
                    file=msg.file,
                )
            else:
                f = Finding(
                    "chain.message-rejected",
                    _ERROR,
                    f"not applied: the message is also about employer(s) {names}, for which "
                    "this account may not deliver",
                    path=vrzm_path(loc),
                    release=release,
                    file=msg.file,
                )
            out.append(MutationResult(_REJECTED, (f,), it))
        return msg.result(_REJECTED, tuple(out))

    def _process_msg(self, msg: _Msg | MasterMsg) -> MessageResult:
        if type(msg) is MasterMsg:
            return self._run_master(msg)
        assert type(msg) is _Msg
        result, touched, wait = self._run(msg)
        if wait:
            self._park(msg, wait)
        if touched and self._waiting:
            resolved = self._release(touched)
            if resolved:
                result.resolved = tuple(resolved)
        return result

    def _park(self, msg: _Msg, keys: Sequence[CaseKey]) -> None:
        if self._tx_parked is not None:
            self._tx_parked.add(msg.index)
        self._parked[msg.index] = (msg, list(keys))
        for key in keys:
            self._waiting.setdefault(key, []).append(msg)

    def _unpark(self, keys: Iterable[CaseKey]) -> list[_Msg]:
        out: dict[int, _Msg] = {}
        waiting = self._waiting
        for key in keys:
            for msg in waiting.pop(key, ()):
                out[msg.index] = msg
        if self._tx_parked is not None:
            self._tx_parked.update(out)
        for index in out:
            _, wait_keys = self._parked.pop(index)
            for key in wait_keys:
                lst = waiting.get(key)
                if lst is not None:
                    lst[:] = [m for m in lst if m.index != index]
                    if not lst:
                        del waiting[key]
        return [out[i] for i in sorted(out)]

    def _release(self, keys: Iterable[CaseKey]) -> list[MessageResult]:
        """Re-run the messages waiting on ``keys`` (and on what they change), in order."""
        out = []
        work = self._unpark(keys)
        while work:
            msg = work.pop(0)
            if self._session is not None:
                self._session.prepare(msg.items)
            result, touched, wait = self._run(msg)
            if wait:
                self._park(msg, wait)
            out.append(result)
            if touched and self._waiting:
                more = self._unpark(touched)
                if more:
                    work = sorted(work + more, key=lambda m: m.index)
        return out

    # ------------------------------------------------------------------ one message

    def _run(self, msg: _Msg) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]:
        """Judge every mutation of the message; commit or roll back as a whole.

        Returns (result, case keys whose state or cascade changed, case keys it waits on).
        """
        if not self._md.employers:
            return self._run_chain(msg)
        extra = self._master_findings(msg)
        if extra is not None and any(f.severity is _ERROR for fs in extra for f in fs):
            return self._refuse_master(msg, extra)
        out = self._run_chain(msg)
        result = out[0]
        for r in result.mutations:
            if r.status is _ACCEPTED and r._item[3].previous_absence_case_id is not None:
                self._note_case_keys(r)
        if extra is None:
            return out
        mutations = tuple(
            r if not fs else r.with_findings(fs)
            for r, fs in zip(result.mutations, extra, strict=True)
        )
        return MessageResult(result.status, mutations, result.findings, msg), out[1], out[2]

    def _run_chain(self, msg: _Msg) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]:
        items = msg.items
        if len(items) == 1:
            r = self._apply(items[0], msg, None)
            key = self._key
            status = r.status
            if status is _ACCEPTED:
                return msg.result(status, (r,)), (key,) if self._waiting else _NOTHING, _NOTHING
            if status is _PENDING:
                return msg.result(status, (r,)), _NOTHING, (key,)
            if status is _REJECTED:
                self._break(key, r, msg)
                return msg.result(status, (r,)), (key,), _NOTHING
            return msg.result(status, (r,)), _NOTHING, _NOTHING
        undo: UndoLog = []
        results: list[MutationResult] = []
        keys: list[CaseKey] = []
        applied_keys: list[CaseKey] = []
        for it in items:
            r = self._apply(it, msg, undo)
            key = self._key
            results.append(r)
            keys.append(key)
            if r.status is _ACCEPTED:
                applied_keys.append(key)
            if r.status is _REJECTED:
                # visible to the message's later mutations; a cascade survives the rollback
                self._break(key, r, msg)
        statuses = [r.status for r in results]
        failed = _REJECTED in statuses or _CONSEQUENTIAL in statuses
        if not failed and _PENDING not in statuses:
            return msg.result(_worst(statuses), tuple(results)), applied_keys, _NOTHING
        rollback(undo)
        if not failed:
            waits = [k for k, r in zip(keys, results, strict=True) if r.status is _PENDING]
            out = tuple(r if r.status is _PENDING else r.with_status(_PENDING) for r in results)
            return msg.result(_PENDING, out), _NOTHING, waits
        broken = [k for k, r in zip(keys, results, strict=True) if r.status is _REJECTED]
        root = next(r for r in results if r.status in (_REJECTED, _CONSEQUENTIAL))
        out = tuple(
            r
            if r.status in (_REJECTED, _CONSEQUENTIAL, _DUPLICATE)
            else r.with_status(_REJECTED, (self._sibling_finding(r, root, msg),))
            for r in results
        )
        return msg.result(_worst(r.status for r in out), out), broken, _NOTHING

    # ------------------------------------------------------------------ master data

    def _master_findings(self, msg: _Msg) -> list[list[Finding]] | None:
        """The master-data findings of each absence mutation (None: there are none, or none
        of the message's employers has master data)."""
        employers = self._md.employers
        judge = self._mj.absence_findings
        units = msg.units
        case_exists = self._case_known
        out: list[list[Finding]] | None = None
        items = msg.items
        for i, it in enumerate(items):
            ek = it[0]
            em = employers.get(ek)
            if em is None:
                continue
            unit = None if units is None else units[i]
            raw = judge(em, ek, it[1], it[2], it[3], unit, case_exists)
            if raw is None:
                continue
            if out is None:
                out = [[] for _ in items]
            loc = it[4]
            out[i] = [self._finding(c, sev, text, msg, loc, tag, v) for c, sev, text, tag, v in raw]
        return out

    def _case_known(self, key: CaseKey) -> bool:
        return self._case(key) is not None

    def _refuse_master(
        self, msg: _Msg, extra: list[list[Finding]]
    ) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]:
        """Reject an absence message that the master data refuses: nothing is applied, and no
        case is broken."""
        rel = msg.release.value if msg.release else None
        root = next(f for fs in extra for f in fs if f.severity is _ERROR)
        out = []
        for it, fs in zip(msg.items, extra, strict=True):
            if any(f.severity is _ERROR for f in fs):
                # a matter of identification, not of the chain: the case is not broken, the
                # sender sends the report again with the right keys
                r = MutationResult(_REJECTED, tuple(fs), it)
            else:
                sibling = Finding(
                    "chain.message-rejected",
                    _ERROR,
                    f"not applied: another mutation of the message was rejected ([{root.code}] "
                    f"{root.message})",
                    path=vrzm_path(it[4]),
                    release=rel,
                    file=msg.file,
                )
                r = MutationResult(_REJECTED, (*fs, sibling), it)
            out.append(r)
        return msg.result(_REJECTED, tuple(out)), _NOTHING, _NOTHING

    def _note_case_keys(self, r: MutationResult) -> None:
        """Remember the case key change (``VrzmgvlIdOud``) of an accepted mutation."""
        md = self._md
        it = r._item
        m = it[3]
        old = m.previous_absence_case_id
        if old is not None and old != m.absence_case_id and it[0] in md.employers:
            ek = it[0]
            md.employer(ek).moved[("case", old)] = m.absence_case_id
            md.touch((ek[0], ek[1], MOVED, moved_record_id("case", old)))

    def _run_master(self, msg: MasterMsg) -> MessageResult:
        """Judge every record of a master-data message; apply them all or none."""
        draft = Draft(self._md)
        renames: list[tuple[str, EmployerKey, str, str, str]] = []
        judge = self._mj.judge
        in_use = self._person_in_use
        results = [judge(it, draft, msg, in_use, renames) for it in msg.items]
        if any(r.status is _REJECTED for r in results):
            root = next(r for r in results if r.status is _REJECTED)
            cause = next(f for f in root.findings if f.severity is _ERROR)
            rel = msg.release.value if msg.release else None
            out = tuple(
                r
                if r.status is _REJECTED
                else r.with_status(
                    _REJECTED,
                    (
                        Finding(
                            "chain.message-rejected",
                            _ERROR,
                            f"not applied: the record at {root.path} in the same message was "
                            f"rejected ([{cause.code}] {cause.message})",
                            path=r.path,
                            release=rel,
                            file=msg.file,
                        ),
                    ),
                )
                for r in results
            )
            return msg.result(_REJECTED, out)
        draft.commit()
        for what, ek, eid, old, new in renames:
            if what == EMPLOYEE:
                self._rename_employee(ek, old, new)
            else:
                self._rename_employment(ek, eid, old, new)
        if not self._events:
            results = [r.without_events() for r in results]
        return msg.result(_worst(r.status for r in results), tuple(results))

    def _person_in_use(self, ek: EmployerKey, employee: str) -> bool:
        people = self._persons.get(ek)
        return people is not None and employee in people

    def _rename_employee(self, ek: EmployerKey, old: str, new: str) -> None:
        """A key change of an employee: their cases follow (atomically with the message)."""
        if (ek, old) in self._known:
            self._known.discard((ek, old))
            self._known.add((ek, new))
        people = self._persons.get(ek)
        person = None if people is None else people.pop(old, None)
        if person is None or people is None:
            return
        person.employee_id = new
        people[new] = person
        for case in person.cases:
            case.employee = new

    def _rename_employment(self, ek: EmployerKey, employee: str, old: str, new: str) -> None:
        """A key change of an employment: the cases of it follow."""
        people = self._persons.get(ek)
        person = None if people is None else people.get(employee)
        if person is None:
            return
        if person.employment == old:
            person.employment = new
        for case in person.cases:
            if case.employment == old:
                case.employment = new

    def employees(self, employer_id: str, connection_number: str) -> list[EmployeeView]:
        """The employees of an employer's master data (WerknemersGegevens), sorted by id;
        removed ones (``04``) included with ``ended`` set."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        em = self._md.get(ek)
        return [] if em is None else [em.employees[k] for k in sorted(em.employees)]

    def employments(self, employer_id: str, connection_number: str) -> list[EmploymentView]:
        """The employments of an employer's master data, sorted by employee and employment id."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        em = self._md.get(ek)
        return [] if em is None else [em.employments[k] for k in sorted(em.employments)]

    def units(self, employer_id: str, connection_number: str) -> list[UnitView]:
        """The organisation units of an employer's structure, sorted by code."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        em = self._md.get(ek)
        return [] if em is None else [em.units[k] for k in sorted(em.units)]

    def master_employers(self) -> list[tuple[str, str]]:
        """The employers the validator keeps master data for, sorted."""
        if self._session is not None:
            self._session.load_everything()
        return sorted(self._md.employers)

    def negative_registration(self, employer_id: str, connection_number: str) -> bool:
        """Whether negative registration is on for an employer (configured, or switched on
        by its first accepted WerknemersGegevens; see ``master.unknown-employee``)."""
        ek = (employer_id, connection_number)
        if self._session is not None:
            self._session.ensure_master((ek,))
        return self._mj.negative(Draft(self._md), ek)

    def _sibling_finding(self, r: MutationResult, root: MutationResult, msg: _Msg) -> Finding:
        cause = next((f for f in root.findings if f.severity is _ERROR), None)
        why = f" ([{cause.code}] {cause.message})" if cause is not None else ""
        return Finding(
            "chain.message-rejected",
            _ERROR,
            f"not applied: report {root.sequence} of case {root.case_id} in the same message "
            f"was {root.status.value}{why}",
            path=r.path,
            release=msg.release.value if msg.release else None,
            file=msg.file,
        )

    def _break(self, key: CaseKey, r: MutationResult, msg: _Msg) -> None:
        if not self._cascade or key in self._broken:
            return
        root = next((f for f in r.findings if f.severity is _ERROR), None)
        if root is not None:
            self._broken[key] = _Root(root, msg.reference, r.sequence)

    # ------------------------------------------------------------------ one mutation

    def _finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        msg: _Msg,
        loc: Location,
        tag: str | None = None,
        value: Any = None,
    ) -> Finding:
        path = vrzm_path(loc)
        return Finding(
            code,
            severity,
            message,
            path=f"{path}/{tag}" if tag else path,
            value=None if value is None else str(value),
            release=msg.release.value if msg.release else None,
            file=msg.file,
        )

    def _apply(self, it: Item, msg: _Msg, undo: UndoLog | None) -> MutationResult:
        """Judge one mutation and apply it when it passes (status ``accepted``).

        Leaves the key of the case it is about in ``self._key``.
        """
        ek, employee, employment, m, loc, derived = it
        code = m.processing_code
        cid = m.absence_case_id
        seq = m.report_sequence_number
        ended = m.absence_ended
        cases = self._emps.get(ek)
        if code is _CORR and m.previous_absence_case_id not in (None, cid):
            lookup = m.previous_absence_case_id  # the case being corrected (and renamed)
        else:
            lookup = cid
        self._key = key = (ek, lookup)
        case = cases.get(lookup) if cases is not None else None
        found: list[Finding] = []

        # 1. an identical report again (about the same employment): idempotent
        if case is not None and seq <= case.seq:
            prev = case.key_of(seq)
            if (
                prev is not None
                and prev == compact(m)
                and case.employee == employee
                and case.employment in (employment, None)
            ):
                return MutationResult(_DUPLICATE, _EMPTY, it)
            base = case.baseline_sequence
            sev = self._sev["chain.covered-by-baseline"]
            if prev is None and base is not None and seq <= base and sev is not None:
                f = self._finding(
                    "chain.covered-by-baseline",
                    sev,
                    f"report {seq} of case {cid} is covered by the go-live baseline (last "
                    f"report {base}); treated as already processed",
                    msg,
                    loc,
                    "VrzmgvlVnrMld",
                    seq,
                )
                if sev is not _ERROR:
                    return MutationResult(_DUPLICATE, (f,), it)
                found.append(f)
            elif self._s_reused is not None:
                what = "with other content" if prev is not None else "already"
                found.append(
                    self._finding(
                        "chain.sequence-reused",
                        self._s_reused,
                        f"report {seq} of case {cid} was {what} accepted (last accepted "
                        f"report {case.seq}); a new report needs a higher number",
                        msg,
                        loc,
                        "VrzmgvlVnrMld",
                        seq,
                    )
                )

        # 2. cascade: the case is broken
        broken = self._broken
        root = broken.get(key) if broken else None
        if root is not None and self._cascade and code is not _SYNC and code is not _CORR:
            rf = root.finding
            sev = self._sev["chain.consequential"] or _ERROR
            f = self._finding(
                "chain.consequential",
                sev,
                f"{'not applied: ' if sev is _ERROR else ''}case {lookup} is broken since report "
                f"{root.sequence} (message {root.reference}) was rejected: [{rf.code}] "
                f"{rf.message}; repair it with a sync (05), a fitting correction (03) or "
                "reset_case",
                msg,
                loc,
                value=rf.code,
            )
            if sev is _ERROR:
                return MutationResult(_CONSEQUENTIAL, (f,), it, None, rf)
            found.append(f)  # reported only; the mutation is judged on its own

        first_day = m.first_absence_date
        md = m.mutation_date
        rd = m.recovery_date
        pct = m.absence_percentage
        if code is _NEW and ended and case is not None and case.status == OPEN:
            code = _CHANGE  # "01" with EndVrzmJN J for an open case: its end (kind recovery)

        # 3. the case's status, 4. sequence numbers, 5. against an open case
        if case is None:
            if code is not _NEW and code is not _SYNC:
                self._check_unknown(ek, employee, cid, code, _kind(code, ended), msg, loc, found)
            elif code is _NEW and ended and not self._allow_ended_start:
                sev = self._sev["chain.start-without-sick-report"]
                if sev is not None:
                    found.append(
                        self._finding(
                            "chain.start-without-sick-report",
                            sev,
                            f"case {cid} starts with a sick report that also ends it",
                            msg,
                            loc,
                            "EndVrzmJN",
                            "J",
                        )
                    )
        else:
            if case.employee != employee or (
                case.employment is not None and case.employment != employment
            ):
                sev = self._s_identity
                if sev is not None:
                    found.append(
                        self._finding(
                            "chain.case-identity",
                            sev,
                            f"case {lookup} belongs to employee {case.employee} (employment "
                            f"{case.employment}), not to {employee} ({employment})",
                            msg,
                            loc,
                            "VrzmgvlId",
                            lookup,
                        )
                    )
            status = case.status
            if status != OPEN or code is _NEW:
                self._check_status(case, code, _kind(code, ended), cid, msg, loc, found)
            last = case.seq
            if seq > last + 1 and not case.resync and root is None and code is not _SYNC:
                sev = self._s_gap
                if sev is not None:
                    f = self._finding(
                        "chain.sequence-gap",
                        sev,
                        f"report {seq} of case {cid} follows report {last}: "
                        f"{'report' if seq == last + 2 else 'reports'} "
                        f"{_span(last + 1, seq - 1)} missing",
                        msg,
                        loc,
                        "VrzmgvlVnrMld",
                        seq,
                    )
                    if sev is _ERROR and self._gap_wait:
                        return MutationResult(_PENDING, (f,), it)
                    found.append(f)
            if code is _CHANGE and status == OPEN:
                sev = self._s_backwards
                if sev is not None and md < case.date:
                    found.append(
                        self._finding(
                            "chain.mutation-date-backwards",
                            sev,
                            f"mutation date {md} is before the last accepted mutation date "
                            f"{case.date} of case {cid}",
                            msg,
                            loc,
                            "IngdatMutVrzm",
                            md,
                        )
                    )
                sev = self._s_first
                if sev is not None and first_day != case.first:
                    found.append(
                        self._finding(
                            "chain.first-day-changed",
                            sev,
                            f"first day of absence {first_day} differs from the case's "
                            f"{case.first}; only a correction (03) or a sync (05) may change it",
                            msg,
                            loc,
                            "DatEerstVrzmdg",
                            first_day,
                        )
                    )
                if not ended:
                    current = case.pct
                    sev = self._s_lowered
                    if sev is not None and pct >= current:
                        if pct > current:
                            if self._allow_increase:
                                found.append(
                                    self._finding(
                                        "chain.percentage-not-lowered",
                                        Severity.INFO,
                                        f"the absence percentage rises from {current} to "
                                        f"{pct}: a relapse within the open case",
                                        msg,
                                        loc,
                                        "PrcVrzm",
                                        pct,
                                    )
                                )
                            else:
                                found.append(
                                    self._finding(
                                        "chain.percentage-not-lowered",
                                        sev,
                                        f"a partial recovery must lower the absence "
                                        f"percentage: {pct} after {current}",
                                        msg,
                                        loc,
                                        "PrcVrzm",
                                        pct,
                                    )
                                )
                        elif not self._allow_equal:
                            found.append(
                                self._finding(
                                    "chain.percentage-not-lowered",
                                    sev,
                                    f"a partial recovery must lower the absence percentage: "
                                    f"{pct} after {current}",
                                    msg,
                                    loc,
                                    "PrcVrzm",
                                    pct,
                                )
                            )
            elif code is _CORR:
                self._check_correction(m, case, key, msg, loc, found)

        # 6. the mutation's own dates and values
        if md < first_day and self._s_before is not None:
            found.append(
                self._finding(
                    "chain.mutation-before-first-day",
                    self._s_before,
                    f"mutation date {md} is before the first day of absence {first_day}",
                    msg,
                    loc,
                    "IngdatMutVrzm",
                    md,
                )
            )
        if rd is not None:
            if rd < first_day and self._s_recovery is not None:
                found.append(
                    self._finding(
                        "chain.recovery-before-first-day",
                        self._s_recovery,
                        f"recovery date {rd} is before the first day of absence {first_day}",
                        msg,
                        loc,
                        "DatHrstld",
                        rd,
                    )
                )
        elif ended and code is not _DELETE and self._s_nodate is not None:
            found.append(
                self._finding(
                    "chain.end-without-recovery-date",
                    self._s_nodate,
                    f"case {cid} ends without a recovery date (DatHrstld); the mutation date "
                    f"{md} is taken as the end",
                    msg,
                    loc,
                    "EndVrzmJN",
                    "J",
                )
            )
        if (pct < self._pct_min or pct > self._pct_max) and self._s_range is not None:
            found.append(
                self._finding(
                    "chain.percentage-range",
                    self._s_range,
                    f"absence percentage {pct} is outside {self._pct_min} to {self._pct_max}",
                    msg,
                    loc,
                    "PrcVrzm",
                    pct,
                )
            )
        if not ended and m.absence_end_reason is not None and self._s_reason is not None:
            found.append(
                self._finding(
                    "chain.recovery-reason-without-end",
                    self._s_reason,
                    f"a reason for the end (RdnEndVrzmCd {m.absence_end_reason.value}) on a "
                    "mutation that does not end the case",
                    msg,
                    loc,
                    "RdnEndVrzmCd",
                    m.absence_end_reason.value,
                )
            )

        # 7. the case among the employee's other cases (starts, syncs, corrections)
        linked = None
        end = (rd or md) if ended else None
        person = None
        if case is None:
            people = self._persons.get(ek)
            person = people.get(employee) if people is not None else None
            if person is not None:
                linked = self._neighbours(
                    person, None, employment, cid, first_day, end, msg, loc, found
                )
        elif code is _SYNC or code is _CORR:  # checks only: only a new case is linked
            self._neighbours(
                case.person, case, employment, case.case_id, first_day, end, msg, loc, found
            )

        for f in found:
            if f.severity is _ERROR:
                return MutationResult(_REJECTED, tuple(found), it, linked)

        # 8. apply
        # the case before, for the change events (inline: the layout of _events.snap)
        before = (
            None
            if case is None or not self._events
            else (
                case.employer,
                case.case_id,
                case.employee,
                case.employment,
                case.status,
                case.first,
                case.pct,
                case.end,
                case.seq,
                case.date,
                case.linked,
                case.baseline_sequence is not None,
                case.classification,
            )
        )
        if case is None:
            self._start(
                ek,
                employee,
                employment,
                cid,
                m,
                first_day,
                md,
                pct,
                end,
                linked,
                person,
                undo,
                derived,
            )
        elif (
            code is _CHANGE
            and undo is None
            and case.status == OPEN
            and case.employee == employee
            and case.employment == employment
        ):
            # the common case, inline: a change or end of an open case (see _update)
            if pct != case.pct:
                kept = self._pcts.get(pct)
                if kept is None:
                    kept = self._pcts[pct] = pct
                case.pct = kept
            if md > case.date:
                day = self._dates.get(md)
                if day is None:
                    day = self._dates[md] = md
                case.date = day
            if end is not None:
                case.status = CLOSED
                case.end = end = self._day(end)
                person = case.person
                person.open -= 1
                person.closed(case, end)
            case.seq = seq
            reason = m.absence_end_reason
            case.history = (
                seq,
                m.processing_code._value_,
                md,
                first_day,
                rd,
                pct,
                ended,
                None if reason is None else reason._value_,
                case.history,
            )
            if case.resync:
                case.resync = False
            if derived is not None:
                case.classification = derived[0]
        else:
            self._update(
                case, ek, employee, employment, cid, m, code, md, first_day, pct, end, undo
            )
            if derived is not None and code is not _DELETE:
                case.classification = derived[0]
        if root is not None:
            if undo is not None:
                undo.append(RestoreEntry(broken, key, root))
            del broken[key]
        if self._events:
            c = case if case is not None else self._emps[ek][cid]
            after = (
                c.employer,
                c.case_id,
                c.employee,
                c.employment,
                c.status,
                c.first,
                c.pct,
                c.end,
                c.seq,
                c.date,
                c.linked,
                c.baseline_sequence is not None,
                c.classification,
            )
            return MutationResult(
                _ACCEPTED, tuple(found) if found else _EMPTY, it, linked, None, (before, after)
            )
        return MutationResult(_ACCEPTED, tuple(found) if found else _EMPTY, it, linked)

    # ------------------------------------------------------------------ state changes

    def _start(
        self,
        ek: EmployerKey,
        employee: str,
        employment: str,
        cid: str,
        m: Any,
        first_day: dt.date,
        md: dt.date,
        pct: Decimal,
        end: dt.date | None,
        linked: str | None,
        person: Person | None,
        undo: UndoLog | None,
        derived: Classified | None,
    ) -> None:
        seq = m.report_sequence_number
        if person is None:
            person = Person(employee)
            people = self._persons.get(ek)
            if people is None:
                people = self._persons[ek] = {}
                if undo is not None:
                    undo.append(RestoreEntry(self._persons, ek, ABSENT))
            people[employee] = person
            if undo is not None:
                undo.append(RestoreEntry(people, employee, ABSENT))
        elif undo is not None:
            undo.append(RestorePerson(person, person.snapshot()))
        shared = person.employment
        if shared != employment:
            person.employment = shared = employment
        case = Case(
            (ek, cid),
            person.employee_id,
            shared,
            OPEN if end is None else CLOSED,
            self._day(first_day),
            self._percentage(pct),
            None if end is None else self._day(end),
            seq,
            self._day(md),
            (seq, *compact(m), None),
            person,
            linked,
            classification=None if derived is None else derived[0],
        )
        cases = self._emps.get(ek)
        if cases is None:
            cases = self._emps[ek] = {}
            if undo is not None:
                undo.append(RestoreEntry(self._emps, ek, ABSENT))
        cases[cid] = case
        if undo is not None:
            undo.append(RestoreEntry(cases, cid, ABSENT))
            undo.append(PopAppended(person.cases))
        person.cases.append(case)
        if end is None:
            person.open += 1
        else:
            person.closed(case, case.end or end)

    def _update(
        self,
        case: Case,
        ek: EmployerKey,
        employee: str,
        employment: str,
        cid: str,
        m: Any,
        code: ProcessingCode,
        md: dt.date,
        first_day: dt.date,
        pct: Decimal,
        end: dt.date | None,
        undo: UndoLog | None,
    ) -> None:
        if undo is not None:
            undo.append(RestoreCase(case, case.snapshot()))
            undo.append(RestorePerson(case.person, case.person.snapshot()))
        if case.employment is None:
            case.employment = employment
        if case.employee != employee and not self._is_known((ek, employee)):
            # only when chain.case-identity is not an error
            self._known.add((ek, employee))
            if undo is not None:
                undo.append(DiscardAdded(self._known, (ek, employee)))
        if code is _CHANGE or code is _NEW:
            if pct != case.pct:
                case.pct = self._percentage(pct)
            if md > case.date:
                case.date = self._day(md)
            if end is not None and case.status == OPEN:
                case.status = CLOSED
                case.end = end = self._day(end)
                person = case.person
                person.open -= 1
                person.closed(case, end)
        elif code is _DELETE:
            person = case.person
            if case.status == OPEN:
                person.open -= 1
            elif person.top is case:
                person.stale = True
            case.status = WITHDRAWN
            if md > case.date:
                case.date = self._day(md)
        else:  # correction or sync: the mutation states the case
            case.status = CLOSED if end is not None else OPEN
            case.first = self._day(first_day)
            case.pct = self._percentage(pct)
            case.end = None if end is None else self._day(end)
            if (
                code is _SYNC
                or md > case.date
                or (m.previous_mutation_date is not None and m.previous_mutation_date == case.date)
            ):
                case.date = self._day(md)
            case.person.stale = True
            if case.case_id != cid:
                cases = self._emps[ek]
                old = case.case_id
                if undo is not None:
                    undo.append(RestoreEntry(cases, old, case))
                    undo.append(RestoreEntry(cases, cid, ABSENT))
                del cases[old]
                cases[cid] = case
                case.case_id = cid
        seq = m.report_sequence_number
        case.seq = seq
        reason = m.absence_end_reason
        case.history = (
            seq,
            m.processing_code._value_,
            md,
            first_day,
            m.recovery_date,
            pct,
            m.absence_ended,
            None if reason is None else reason._value_,
            case.history,
        )
        if case.resync:
            case.resync = False

    # ------------------------------------------------------------------ rare checks

    def _check_unknown(
        self,
        ek: EmployerKey,
        employee: str,
        cid: str,
        code: ProcessingCode,
        kind: AbsenceKind,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> None:
        sev = self._sev["chain.unknown-employee"]
        if sev is not None and not self._is_known((ek, employee)):
            found.append(
                self._finding(
                    "chain.unknown-employee",
                    sev,
                    f"employee {employee} is not known (no baseline row, no earlier message); "
                    f"a {kind.value} needs a known employee",
                    msg,
                    loc,
                    value=employee,
                )
            )
        sev = self._sev["chain.start-without-sick-report"]
        if sev is not None:
            found.append(
                self._finding(
                    "chain.start-without-sick-report",
                    sev,
                    f"case {cid} is not known: its first mutation must be a sick report "
                    f"(VrwrkCd 01) or a sync (05), not a {kind.value} (VrwrkCd {code.value})",
                    msg,
                    loc,
                    "VrwrkCd",
                    code.value,
                )
            )

    def _check_status(
        self,
        case: Case,
        code: ProcessingCode,
        kind: AbsenceKind,
        cid: str,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> None:
        status = case.status
        if status == OPEN:  # a sick report for an open case
            sev = self._sev["chain.one-open-case"]
            if sev is not None:
                found.append(
                    self._finding(
                        "chain.one-open-case",
                        sev,
                        f"case {cid} is already open: a sick report cannot start it again",
                        msg,
                        loc,
                        "VrwrkCd",
                        code.value,
                    )
                )
        elif status == CLOSED:
            if code is _NEW or code is _CHANGE:
                sev = self._sev["chain.after-end"]
                if sev is not None:
                    found.append(
                        self._finding(
                            "chain.after-end",
                            sev,
                            f"case {cid} ended on {case.end}: after an end only a correction "
                            f"(03), withdrawal (04) or sync (05) is accepted, not a {kind.value}",
                            msg,
                            loc,
                            "VrwrkCd",
                            code.value,
                        )
                    )
        elif code is not _SYNC:
            sev = self._sev["chain.case-withdrawn"]
            if sev is not None:
                found.append(
                    self._finding(
                        "chain.case-withdrawn",
                        sev,
                        f"case {case.case_id} was withdrawn: only a sync (05) can bring it back",
                        msg,
                        loc,
                        "VrwrkCd",
                        code.value,
                    )
                )

    def _check_correction(
        self,
        m: Any,
        case: Case,
        key: CaseKey,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> None:
        sev = self._sev["chain.correction-mismatch"]
        if sev is None:
            return
        problems = []
        old_first = m.previous_first_absence_date
        if old_first is not None and old_first != case.first:
            problems.append(
                (
                    "DatEerstVrzmdgOud",
                    old_first,
                    f"DatEerstVrzmdgOud {old_first} is not the case's first day {case.first}",
                )
            )
        old_date = m.previous_mutation_date
        if (
            old_date is not None
            and old_date != case.date
            and old_date not in {k[1] for _, k in case.reports()}
        ):
            problems.append(
                (
                    "IngdatMutVrzmOud",
                    old_date,
                    f"IngdatMutVrzmOud {old_date} is not the date of an accepted report "
                    f"of case {key[1]}",
                )
            )
        new_id = m.absence_case_id
        if new_id != key[1] and self._case((key[0], new_id)) is not None:
            problems.append(
                (
                    "VrzmgvlId",
                    new_id,
                    f"case {key[1]} cannot be renamed to {new_id}: that case exists",
                )
            )
        for tag, value, text in problems:
            found.append(
                self._finding(
                    "chain.correction-mismatch",
                    sev,
                    f"the correction does not fit case {key[1]}: {text}",
                    msg,
                    loc,
                    tag,
                    value,
                )
            )

    def _neighbours(
        self,
        person: Person,
        case: Case | None,
        employment: str,
        cid: str,
        first: dt.date,
        end: dt.date | None,
        msg: _Msg,
        loc: Location,
        found: list[Finding],
    ) -> str | None:
        """Check a new, synced or corrected case against the employee's other cases: one
        open case per employment, no overlap; for a new case (``case`` None), find the case
        it is compound absence with and return its id."""
        s_compound = self._sev["chain.compound-absence"] if case is None else None
        if person.stale:
            person.recompute()
        top = person.top
        previous: Case | None = None
        top_end = person.top_end
        if case is None and person.open == 0 and (top_end is None or top_end <= first):
            # every other case ended on or before this one's first day
            if s_compound is None or top_end is None:
                return None
            gap = (first - top_end).days
            if not (gap <= self._window if self._inclusive else gap < self._window):
                return None  # (without reading the previous case)
            previous = top
        else:
            s_open = self._sev["chain.one-open-case"]
            s_overlap = self._sev["chain.overlap"]
            for other in person.cases:
                if other is case:
                    continue
                status = other.status
                if status == WITHDRAWN:
                    continue
                other_end = other.end if status == CLOSED else None
                if (
                    other_end is not None
                    and other_end <= first
                    and (previous is None or previous.end is None or other_end > previous.end)
                ):
                    previous = other
                if other.employment is not None and employment and other.employment != employment:
                    continue
                if end is None and status == OPEN:
                    if s_open is not None:
                        found.append(
                            self._finding(
                                "chain.one-open-case",
                                s_open,
                                f"employment {employment} already has an open case "
                                f"{other.case_id} (since {other.first})",
                                msg,
                                loc,
                                "VrzmgvlId",
                                cid,
                            )
                        )
                    continue
                if (
                    s_overlap is not None
                    and (other_end is None or first < other_end)
                    and (end is None or other.first < end)
                ):
                    span = f"{other.first} to {other_end}" if other_end else f"{other.first} on"
                    found.append(
                        self._finding(
                            "chain.overlap",
                            s_overlap,
                            f"case {cid} from {first} overlaps case {other.case_id} ({span})",
                            msg,
                            loc,
                            "DatEerstVrzmdg",
                            first,
                        )
                    )
        if previous is None or previous.end is None or s_compound is None:
            return None
        gap = (first - previous.end).days
        if not (gap <= self._window if self._inclusive else gap < self._window):
            return None
        previous_id = previous.case_id
        bound = "at most" if self._inclusive else "less than"
        found.append(
            self._finding(
                "chain.compound-absence",
                s_compound,
                f"case {cid} starts {gap} day(s) after case {previous_id} ended on "
                f"{previous.end.isoformat()} ({bound} {self._window}): compound absence, "
                f"linked to case {previous_id}",
                msg,
                loc,
                "DatEerstVrzmdg",
                first,
            )
        )
        return previous_id

    # ------------------------------------------------------------------ repair

    def reset_case(
        self, employer_id: str, connection_number: str, case_id: str, *, forget: bool = False
    ) -> list[MessageResult]:
        """Repair a broken case by hand.

        The cascade stops: the next mutation of the case is judged on its own, with any
        sequence number above the last accepted one. With ``forget=True`` the case is removed
        from the state altogether (the next mutation must start it anew).

        Returns:
            results of messages that were waiting on the case and were processed now.

        Raises:
            UnknownCaseError: the case is neither in the state nor broken (a
                :class:`~sivi_verzuim.SiviError` and a :class:`KeyError`).
        """
        if self._session is not None:
            return self._session.reset_case(employer_id, connection_number, case_id, forget)
        return self._reset_case(employer_id, connection_number, case_id, forget)

    def _reset_case(
        self, employer_id: str, connection_number: str, case_id: str, forget: bool
    ) -> list[MessageResult]:
        key = (self._ek((employer_id, connection_number)), case_id)
        case = self._case(key)
        if case is None and key not in self._broken:
            raise UnknownCaseError(employer_id, connection_number, case_id)
        self._broken.pop(key, None)
        if case is not None:
            if forget:
                del self._emps[key[0]][case_id]
                case.person.cases.remove(case)
                case.person.stale = True
            else:
                case.resync = True
        return self._release([key]) if self._waiting else []

    # ------------------------------------------------------------------ inspection

    def case(self, employer_id: str, connection_number: str, case_id: str) -> CaseView | None:
        """A snapshot of one case, or None when it is not in the state."""
        key = ((employer_id, connection_number), case_id)
        if self._session is not None:
            self._session.ensure((), (key,))
        case = self._case(key)
        if case is None:
            return None
        root = self._broken.get(key)
        return case.view(root.finding if root else None)

    def _all_cases(self) -> list[Case]:
        return [c for ek in sorted(self._emps) for _, c in sorted(self._emps[ek].items())]

    def cases(self) -> list[CaseView]:
        """Snapshots of every case, sorted by employer and case id."""
        if self._session is not None:
            self._session.load_everything()
        out = []
        for c in self._all_cases():
            root = self._broken.get(c.key)
            out.append(c.view(root.finding if root else None))
        return out

    def is_known(self, employer_id: str, connection_number: str, employee_id: str) -> bool:
        """Whether an employee is known (baseline or an accepted message)."""
        key = ((employer_id, connection_number), employee_id)
        if self._session is not None:
            self._session.ensure((key,), ())
            self._session.ensure_master((key[0],))
        return self._is_known(key)

    # ------------------------------------------------------------------ persistence

    def save(self) -> dict[str, Any]:
        """The whole state as a versioned, JSON-able document (see ``docs/chain.md``).

        Includes the configuration, the authorisation, known employees, cases (reports kept
        as fingerprints), broken cases, the held queue, the waiting messages and the master
        data (``master``: employees, employments, units, key changes). With a
        store, the store's state (:meth:`~sivi_verzuim.chain.Store.export`).
        """
        if self._session is not None:
            return self._session.store.export()
        cases = [case_to_dict(c) for c in self._all_cases()]
        broken = [broken_to_dict(key, root) for key, root in sorted(self._broken.items())]
        waiting = [waiting_to_dict(*self._parked[index]) for index in sorted(self._parked)]
        auth = self._authorized
        persons = [
            [ek[0], ek[1], employee, [c.case_id for c in p.cases]]
            for ek, people in sorted(self._persons.items())
            for employee, p in sorted(people.items())
        ]
        return {
            "format": FORMAT,
            "version": VERSION,
            "config": self._config.to_dict(),
            "authorized": None if auth is None else sorted([list(p) for p in auth]),
            "held": self._held,
            "next_index": self._index,
            "baselines": list(self._baselines),
            "known_employees": sorted([[ek[0], ek[1], emp] for ek, emp in self._known]),
            "employees": persons,
            "cases": cases,
            "broken": broken,
            "queue": [m.to_dict() for m in self._queue],
            "waiting": waiting,
            "master": [[*key, data] for key, data in self._md.records()],
        }

    @classmethod
    def restore(
        cls,
        data: Mapping[str, Any],
        *,
        config: ChainConfig | None = None,
        authorized: Iterable[tuple[str, str]] | None = _UNSET,
        decision_table: DecisionTable | None = None,
        events: bool = True,
    ) -> ChainValidator:
        """A validator with the state of a :meth:`save` document.

        Args:
            data: the document (e.g. from ``json.load``).
            config: overrides the saved configuration.
            authorized: overrides the saved authorisation (None = every employer).
            decision_table: classify the mutations of messages processed from now on (the
                table is not part of the state; classifications already derived are).
            events: as for the constructor.

        Raises:
            StateError: the document is not a chain state of a supported version, or is
                damaged: a field of the wrong type or out of range, or sections that do not
                fit together. The message and :attr:`~sivi_verzuim.chain.StateError.location`
                say where (e.g. ``cases[3].absence_percentage``). Nothing else is raised for
                any document; the arguments are not part of it.
        """
        doc = read_state(data, config=config is None, authorized=authorized is _UNSET)
        cfg = config if config is not None else doc.config
        auth = doc.authorized if authorized is _UNSET else authorized
        validator = cls(cfg, authorized=auth, decision_table=decision_table, events=events)
        validator._restore(doc)
        return validator

    def _restore(self, doc: StateData) -> None:
        """Install a document :func:`read_state` has read and checked."""
        self._held = doc.held
        self._index = doc.next_index
        self._baselines = list(doc.baselines)
        self._eks.update(doc.eks)
        self._known = set(doc.known)
        owner: dict[CaseKey, Person] = {}
        for ek, employee, ids in doc.employees:
            person = self._person(ek, employee)
            person.stale = True
            for cid in ids:
                owner[(ek, cid)] = person
        by_key: dict[CaseKey, Case] = {}
        for c in doc.cases:
            person = owner[c.key]
            case = Case(
                c.key,
                person.employee_id,
                c.employment,
                c.status,
                c.first,
                c.pct,
                c.end,
                c.seq,
                c.date,
                c.history,
                person,
                c.linked,
                c.resync,
                c.baseline_sequence,
                c.classification,
            )
            self._emps.setdefault(c.key[0], {})[c.key[1]] = case
            by_key[c.key] = case
        for ek, employee, ids in doc.employees:
            self._persons[ek][employee].cases = [by_key[(ek, cid)] for cid in ids]
        for b in doc.broken:
            self._broken[b.key] = _Root(b.finding, b.reference, b.sequence)
        self._queue = [_Msg.from_data(m) for m in doc.queue]
        for m, keys in doc.waiting:
            waiting = _Msg.from_data(m)
            assert type(waiting) is _Msg  # the reader refuses a waiting master-data message
            self._park(waiting, keys)
        for key, data, where in doc.master:
            self._md.install(key, data, where)


def case_to_dict(c: Case) -> dict[str, Any]:
    """A case as the state document holds it."""
    (eid, conn), cid = c.key
    return {
        "employer_id": eid,
        "connection_number": conn,
        "case_id": cid,
        "employee_id": c.employee,
        "employment_id": c.employment,
        "status": status_name(c.status),
        "first_absence_date": iso(c.first),
        "absence_percentage": str(c.pct),
        "end_date": iso(c.end),
        "last_sequence": c.seq,
        "last_mutation_date": iso(c.date),
        "linked_case": c.linked,
        "resync": c.resync,
        "baseline_sequence": c.baseline_sequence,
        "classification": None if c.classification is None else c.classification.number,
        "reports": [[s, key_to_json(k)] for s, k in c.reports()],
    }


def broken_to_dict(key: CaseKey, root: _Root) -> dict[str, Any]:
    """A broken case as the state document holds it."""
    return {
        "employer_id": key[0][0],
        "connection_number": key[0][1],
        "case_id": key[1],
        "root": finding_to_dict(root.finding),
        "reference": root.reference,
        "sequence": root.sequence,
    }


def waiting_to_dict(msg: _Msg, keys: Sequence[CaseKey]) -> dict[str, Any]:
    """A waiting message as the state document holds it."""
    entry = msg.to_dict()
    entry["waits_for"] = [[k[0][0], k[0][1], k[1]] for k in keys]
    return entry


def _classify(
    table: DecisionTable, m: Any, employment: Any, employee: Any, employer: Any, release: Any
) -> Classified:
    d = table.classify(
        m, employment=employment, employee=employee, employer=employer, release=release
    )
    return (d.classification, d.reason)


def _kind(code: ProcessingCode, ended: bool) -> AbsenceKind:
    if code is _CHANGE:
        return _RECOVERY if ended else _PERCENTAGE
    if code is _NEW:
        return _RECOVERY if ended else _SICK
    if code is _CORR:
        return _CORRECTION
    if code is _DELETE:
        return _WITHDRAWAL
    return _SYNCHRONISATION


def baseline_units(baseline: Baseline) -> Sequence[BaselineUnit]:
    """The organisation units of a baseline (its organisation overview): the employers'
    structure at go-live."""
    return baseline.units


def held_result(msg: _Msg | MasterMsg) -> MessageResult:
    """The ``held`` result of a queued message."""
    if type(msg) is MasterMsg:
        return msg.result(_HELD, tuple(RecordResult(_HELD, _EMPTY, it, ()) for it in msg.items))
    assert type(msg) is _Msg
    return msg.result(_HELD, tuple(MutationResult(_HELD, _EMPTY, it) for it in msg.items))


def _worst(statuses: Iterable[Status]) -> Status:
    best = _ACCEPTED
    rank = 0
    for s in statuses:
        r = s.rank
        if r > rank:
            best, rank = s, r
    return best


def _span(a: int, b: int) -> str:
    return f"{a}" if a == b else f"{a} to {b}"
