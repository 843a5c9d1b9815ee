"""The chain validator's shared ground (internal): the vocabulary of every stage (statuses,
processing codes, keys), why a case is broken (:class:`_Root`), and :class:`ValidatorBase`, the
declaration of the state every stage reads and writes.

:class:`~sivi_verzuim.chain.ChainValidator` is assembled from one class per stage, each in its
own module: intake (``_intake``), waiting (``_waiting``), applying a mutation (``_apply``),
the rarer checks (``_judge``), master data (``_masterstage``) and persistence (``_persist``);
``_validator`` holds the processing of a message and the public methods.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Iterable, Sequence
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
from ..releases import MessageType
from ._baseline import Baseline
from ._masterdata import (
    EmployeeView,
    EmploymentView,
    MasterData,
    UnitView,
)
from ._masterjudge import MASTER_MODELS, MasterJudge, MasterMsg
from ._results import Classified, MessageResult, MutationResult, Status
from ._rules import ChainConfig
from ._state import (
    Case,
    CaseTable,
    CaseView,
    Person,
)
from ._stateread import StateData
from ._undo import (
    UndoLog,
)

if TYPE_CHECKING:
    from ._intake import _Msg
    from ._masterjudge import MasterJudge
    from ._session import StoreSession
    from ._store import Delivery

__all__ = ["ValidatorBase"]


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

EmployerIds = tuple[str, str]
CaseKey = tuple[EmployerIds, str]
Location = tuple[int, int, int, int]
Item = tuple[EmployerIds, str, str, Any, Location, Classified | None]


_UNSET: Any = object()


class _Root:
    """Why a case is broken: the root finding, and the report that carried it."""

    __slots__ = ("finding", "reference", "sequence")

    def __init__(self, finding: Finding, reference: str | None, sequence: int) -> None:
        self.finding = finding
        self.reference = reference
        self.sequence = sequence


class ValidatorBase:
    """The state of a :class:`~sivi_verzuim.chain.ChainValidator`, declared once for every
    stage (set by its constructor), and the methods the stages call on each other."""

    _config: ChainConfig
    _events: bool
    _table: DecisionTable | None
    _authorized: frozenset[tuple[str, str]] | None
    _any_connection: frozenset[str]
    _eks: dict[EmployerIds, EmployerIds]
    _last_ek: EmployerIds
    _key: CaseKey
    _emps: dict[EmployerIds, CaseTable]
    _persons: dict[EmployerIds, dict[str, Person]]
    _dates: dict[dt.date, dt.date]
    _pcts: dict[Decimal, Decimal]
    _broken: dict[CaseKey, _Root]
    _known: set[tuple[EmployerIds, str]]
    _queue: list[_Msg | MasterMsg]
    _md: MasterData
    _mj: MasterJudge
    _waiting: dict[CaseKey, list[_Msg]]
    _parked: dict[int, tuple[_Msg, list[CaseKey]]]
    _baselines: list[str]
    _index: int
    _held: bool
    _session: StoreSession | None
    _tx_parked: set[int] | None
    _sev: dict[str, Severity | None]
    _cascade: bool
    _gap_wait: bool
    _pct_min: Decimal
    _pct_max: Decimal
    _allow_increase: bool
    _allow_equal: bool
    _allow_ended_start: bool
    _window: int
    _inclusive: bool
    _s_gap: Severity | None
    _s_reused: Severity | None
    _s_before: Severity | None
    _s_recovery: Severity | None
    _s_backwards: Severity | None
    _s_first: Severity | None
    _s_range: Severity | None
    _s_lowered: Severity | None
    _s_reason: Severity | None
    _s_nodate: Severity | None
    _s_identity: Severity | None
    _s_compound: Severity | None

    if TYPE_CHECKING:

        @abstractmethod
        def _set_authorized(self, value: frozenset[tuple[str, str]] | None) -> None: ...

        @abstractmethod
        def _configure(self) -> None: ...

        @abstractmethod
        def hold(self) -> None: ...

        @abstractmethod
        def resume(self) -> list[MessageResult]: ...

        @abstractmethod
        def queued(self) -> tuple[str | None, ...]: ...

        @abstractmethod
        def waiting(self) -> tuple[str | None, ...]: ...

        @abstractmethod
        def load_baseline(self, baseline: Baseline) -> None: ...

        @abstractmethod
        def _load_baseline(self, baseline: Baseline) -> None: ...

        @abstractmethod
        def _ek(self, pair: EmployerIds) -> EmployerIds: ...

        @abstractmethod
        def _person(self, ek: EmployerIds, employee: str) -> Person: ...

        @abstractmethod
        def _cases_of(self, ek: EmployerIds) -> CaseTable: ...

        @abstractmethod
        def _case(self, key: CaseKey) -> Case | None: ...

        @abstractmethod
        def _day(self, day: dt.date) -> dt.date: ...

        @abstractmethod
        def _percentage(self, pct: Decimal) -> Decimal: ...

        @abstractmethod
        def _is_known(self, key: tuple[EmployerIds, str]) -> bool: ...

        @abstractmethod
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
        ) -> MessageResult: ...

        @abstractmethod
        def process_all(self, messages: Iterable[Any]) -> list[MessageResult]: ...

        @abstractmethod
        def record(self, result: MessageResult, delivery: Delivery) -> None: ...

        @abstractmethod
        def _interpret(self, message: Any, file: str | None) -> _Msg | MasterMsg: ...

        @abstractmethod
        def _invalid(self, message: Message, index: int, file: str | None) -> _Msg: ...

        @abstractmethod
        def _allowed(self, ek: EmployerIds) -> bool: ...

        @abstractmethod
        def _unauthorised(self, msg: _Msg | MasterMsg) -> MessageResult | None: ...

        @abstractmethod
        def _process_msg(self, msg: _Msg | MasterMsg) -> MessageResult: ...

        @abstractmethod
        def _park(self, msg: _Msg, keys: Sequence[CaseKey]) -> None: ...

        @abstractmethod
        def _unpark(self, keys: Iterable[CaseKey]) -> list[_Msg]: ...

        @abstractmethod
        def _release(self, keys: Iterable[CaseKey]) -> list[MessageResult]: ...

        @abstractmethod
        def _run(self, msg: _Msg) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]: ...

        @abstractmethod
        def _run_chain(
            self, msg: _Msg
        ) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]: ...

        @abstractmethod
        def _master_findings(self, msg: _Msg) -> list[list[Finding]] | None: ...

        @abstractmethod
        def _case_known(self, key: CaseKey) -> bool: ...

        @abstractmethod
        def _refuse_master(
            self, msg: _Msg, extra: list[list[Finding]]
        ) -> tuple[MessageResult, Sequence[CaseKey], Sequence[CaseKey]]: ...

        @abstractmethod
        def _note_case_keys(self, r: MutationResult) -> None: ...

        @abstractmethod
        def _run_master(self, msg: MasterMsg) -> MessageResult: ...

        @abstractmethod
        def _person_in_use(self, ek: EmployerIds, employee: str) -> bool: ...

        @abstractmethod
        def _rename_employee(self, ek: EmployerIds, old: str, new: str) -> None: ...

        @abstractmethod
        def _rename_employment(
            self, ek: EmployerIds, employee: str, old: str, new: str
        ) -> None: ...

        @abstractmethod
        def employees(self, employer_id: str, connection_number: str) -> list[EmployeeView]: ...

        @abstractmethod
        def employments(self, employer_id: str, connection_number: str) -> list[EmploymentView]: ...

        @abstractmethod
        def units(self, employer_id: str, connection_number: str) -> list[UnitView]: ...

        @abstractmethod
        def master_employers(self) -> list[tuple[str, str]]: ...

        @abstractmethod
        def negative_registration(self, employer_id: str, connection_number: str) -> bool: ...

        @abstractmethod
        def _sibling_finding(
            self, r: MutationResult, root: MutationResult, msg: _Msg
        ) -> Finding: ...

        @abstractmethod
        def _break(self, key: CaseKey, r: MutationResult, msg: _Msg) -> None: ...

        @abstractmethod
        def _finding(
            self,
            code: str,
            severity: Severity,
            message: str,
            msg: _Msg,
            loc: Location,
            tag: str | None = None,
            value: Any = None,
        ) -> Finding: ...

        @abstractmethod
        def _quick(self, it: Item) -> MutationResult | None: ...

        @abstractmethod
        def _apply(self, it: Item, msg: _Msg, undo: UndoLog | None) -> MutationResult: ...

        @abstractmethod
        def _start(
            self,
            ek: EmployerIds,
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
        ) -> Case: ...

        @abstractmethod
        def _update(
            self,
            case: Case,
            ek: EmployerIds,
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
            derived: Classified | None,
        ) -> Case: ...

        @abstractmethod
        def _check_unknown(
            self,
            ek: EmployerIds,
            employee: str,
            cid: str,
            code: ProcessingCode,
            kind: AbsenceKind,
            msg: _Msg,
            loc: Location,
            found: list[Finding],
        ) -> None: ...

        @abstractmethod
        def _check_status(
            self,
            case: Case,
            code: ProcessingCode,
            kind: AbsenceKind,
            cid: str,
            msg: _Msg,
            loc: Location,
            found: list[Finding],
        ) -> None: ...

        @abstractmethod
        def _check_correction(
            self, m: Any, case: Case, key: CaseKey, msg: _Msg, loc: Location, found: list[Finding]
        ) -> None: ...

        @abstractmethod
        def _neighbours(
            self,
            person: Person,
            records: CaseTable | None,
            case: Case | None,
            employment: str,
            cid: str,
            first: dt.date,
            end: dt.date | None,
            msg: _Msg,
            loc: Location,
            found: list[Finding],
        ) -> str | None: ...

        @abstractmethod
        def reset_case(
            self, employer_id: str, connection_number: str, case_id: str, *, forget: bool = False
        ) -> list[MessageResult]: ...

        @abstractmethod
        def _reset_case(
            self, employer_id: str, connection_number: str, case_id: str, forget: bool
        ) -> list[MessageResult]: ...

        @abstractmethod
        def case(
            self, employer_id: str, connection_number: str, case_id: str
        ) -> CaseView | None: ...

        @abstractmethod
        def _all_cases(self) -> list[Case]: ...

        @abstractmethod
        def cases(self) -> list[CaseView]: ...

        @abstractmethod
        def is_known(self, employer_id: str, connection_number: str, employee_id: str) -> bool: ...

        @abstractmethod
        def save(self) -> dict[str, Any]: ...

        @abstractmethod
        def _restore(self, doc: StateData) -> None: ...


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


#: each status's :attr:`~Status.rank`, read without the property
_RANK = {s: s.rank for s in Status}


def _worst(statuses: Iterable[Status]) -> Status:
    best = _ACCEPTED
    rank = 0
    ranks = _RANK
    for s in statuses:
        r = ranks[s]
        if r > rank:
            best, rank = s, r
    return best


def _span(a: int, b: int) -> str:
    return f"{a}" if a == b else f"{a} to {b}"
