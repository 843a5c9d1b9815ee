"""The mutation-chain validator.

Design notes (the hot path): a mutation is judged against its case's record and, when it
passes, a new record replaces the old one. A message with several mutations records an undo
log so that a rejection rolls everything back; a message with one mutation needs none,
because a mutation is applied only after all its checks passed. The state is plain values
the cyclic collector does not track: per employer a table case id -> case record (a tuple of
plain values, see :mod:`._state`), per employee a small summary (number of open cases, the
case that ended last) so that starting a case does not read every earlier case, and per case
its accepted reports as a linked list of tuples (appending never touches old memory). The
commonest mutations (the next report of an open case, a sick report that needs no link) are
judged on a short path that runs only when every check is sure to pass.

The validator is assembled from one class per stage (see :mod:`._core`): intake
(:mod:`._intake`), waiting (:mod:`._waiting`), applying a mutation (:mod:`._apply`), the rarer
checks (:mod:`._judge`), master data (:mod:`._masterstage`, with its state and rules in
:mod:`._masterdata` and :mod:`._masterjudge`) and persistence (:mod:`._persist`). This module
holds the processing of a message as a whole and the public methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._codec import Message
from ..classification import DecisionTable
from ..errors import Finding
from ..model import (
    AbsenceMessage,
    EmployeeDataMessage,
    EmployerDataMessage,
    EmploymentMessage,
)
from ._baseline import Baseline, BaselineError, BaselineUnit, CsvProblem, baseline_to_load
from ._masterdata import (
    UNIT,
    MasterData,
    UnitView,
)
from ._masterjudge import MasterJudge, MasterMsg
from ._results import MessageResult, MutationResult
from ._rules import RULES, ChainConfig
from ._state import (
    CASE_ID,
    CLOSED,
    EMPLOYEE,
    OPEN,
    RESYNC,
    Case,
    CaseTable,
    CaseView,
    Person,
    UnknownCaseError,
    case_view,
    new_case,
    replaced,
)
from ._undo import (
    UndoLog,
    rollback,
)

if TYPE_CHECKING:
    from ._session import StoreSession
    from ._store import Delivery, Store
from ._apply import Apply
from ._core import (
    _ACCEPTED,
    _CONSEQUENTIAL,
    _DUPLICATE,
    _EMPTY,
    _ERROR,
    _NOTHING,
    _PENDING,
    _REJECTED,
    _UNSET,
    CaseKey,
    EmployerIds,
    _Root,
    _worst,
)
from ._intake import Intake, _authorized, _Msg, held_result
from ._judge import Judge
from ._masterstage import MasterStage
from ._persist import Persistence
from ._stateread import read_state
from ._waiting import Waiting

__all__ = ["ChainValidator"]


class ChainValidator(Intake, Waiting, MasterStage, Apply, Judge, Persistence):
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
        self._eks: dict[EmployerIds, EmployerIds] = {}
        self._last_ek: EmployerIds = ("", "")  # one-entry cache in front of _eks
        self._key: CaseKey = (("", ""), "")  # the case key of the last _apply
        self._emps: dict[EmployerIds, CaseTable] = {}
        self._persons: dict[EmployerIds, dict[str, Person]] = {}
        self._dates: dict[dt.date, dt.date] = {}
        self._pcts: dict[Decimal, Decimal] = {}
        self._broken: dict[CaseKey, _Root] = {}
        self._known: set[tuple[EmployerIds, str]] = set()
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
        self._s_compound = s["chain.compound-absence"]
        self._mj = MasterJudge(c)

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

    def load_baseline(self, baseline: Baseline) -> None:
        """Load the go-live overviews: the employees become known, the cases are created,
        and the organisation units (an organisation overview) become the employers'
        structure.

        Each part (employees, cases, units) is loaded once: loading the same baseline again
        is a no-op, and a part the baseline gained since (a ``units.csv`` added later) is
        loaded on its own.

        Raises:
            BaselineError: the baseline has problems, a part loaded before has changed (the
                problem names its file), or one of its cases is already in the state
                (nothing is loaded then).
        """
        if self._session is not None:
            self._session.load_baseline(baseline)
            return
        self._load_baseline(baseline)

    def _load_baseline(self, whole: Baseline) -> None:
        baseline, fingerprints, problems = baseline_to_load(whole, self._baselines)
        if not fingerprints and not problems:
            return
        problems += whole.problems()
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
            case = new_case(
                bc.case_id,
                person.employee_id,
                bc.employment_id,
                OPEN if bc.recovery_date is None else CLOSED,
                bc.first_absence_date,
                bc.absence_percentage,
                bc.recovery_date,
                seq,
                bc.last_mutation_date or bc.recovery_date or bc.first_absence_date,
                None,
                resync=bc.last_sequence is None,
                baseline_sequence=seq,
            )
            self._cases_of(ek)[bc.case_id] = case
            person.cases[bc.case_id] = None
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
        self._baselines += fingerprints

    def _ek(self, pair: EmployerIds) -> EmployerIds:
        return self._eks.setdefault(pair, pair)

    def _person(self, ek: EmployerIds, employee: str) -> Person:
        people = self._persons.get(ek)
        if people is None:
            people = self._persons[ek] = {}
        person = people.get(employee)
        if person is None:
            person = people[employee] = Person(employee)
        return person

    def _cases_of(self, ek: EmployerIds) -> CaseTable:
        """The employer's case table (made when it has none)."""
        cases = self._emps.get(ek)
        if cases is None:
            cases = self._emps[ek] = CaseTable()
        return cases

    def _case(self, key: CaseKey) -> Case | None:
        cases = self._emps.get(key[0])
        return cases.get(key[1]) if cases is not None else None

    def _day(self, day: dt.date) -> dt.date:
        """The state's one instance of a date (few distinct dates: kept hot in cache)."""
        return self._dates.setdefault(day, day)

    def _percentage(self, pct: Decimal) -> Decimal:
        """The state's one instance of a percentage value."""
        return self._pcts.setdefault(pct, pct)

    def _is_known(self, key: tuple[EmployerIds, str]) -> bool:
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
            r = self._quick(it)
            if r is not None:
                if em is not None and it[3].previous_absence_case_id is not None:
                    self._note_case_keys(r)
                return MessageResult(_ACCEPTED, (r,), _EMPTY, msg)
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
            cases = self._emps[key[0]]
            if forget:
                del cases[case_id]
                person = self._persons[key[0]][case[EMPLOYEE]]
                del person.cases[case_id]
                person.stale = True
            else:
                cases[case_id] = replaced(case, {RESYNC: True})
        return self._release([key]) if self._waiting else []

    def case(self, employer_id: str, connection_number: str, case_id: str) -> CaseView | None:
        """A snapshot of one case, or None when it is not in the state."""
        key = ((employer_id, connection_number), case_id)
        if self._session is not None:
            self._session.ensure((), (key,))
        case = self._case(key)
        if case is None:
            return None
        root = self._broken.get(key)
        return case_view(key[0], case, root.finding if root else None)

    def _all_cases(self) -> list[tuple[EmployerIds, Case]]:
        """(employer key, record) of every case, sorted by employer and case id."""
        return [(ek, c) for ek in sorted(self._emps) for _, c in sorted(self._emps[ek].items())]

    def cases(self) -> list[CaseView]:
        """Snapshots of every case, sorted by employer and case id."""
        if self._session is not None:
            self._session.load_everything()
        out = []
        for ek, c in self._all_cases():
            root = self._broken.get((ek, c[CASE_ID]))
            out.append(case_view(ek, c, root.finding if root else None))
        return out

    def is_known(self, employer_id: str, connection_number: str, employee_id: str) -> bool:
        """Whether an employee is known (baseline or an accepted message)."""
        key = ((employer_id, connection_number), employee_id)
        if self._session is not None:
            self._session.ensure((key,), ())
            self._session.ensure_master((key[0],))
        return self._is_known(key)

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


def baseline_units(baseline: Baseline) -> Sequence[BaselineUnit]:
    """The organisation units of a baseline (its organisation overview): the employers'
    structure at go-live."""
    return baseline.units
