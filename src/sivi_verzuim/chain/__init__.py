"""The mutation-chain validator: ordered processing of absence mutations.

The Verzuimstandaard is mutation-based: every change in the HR system becomes a message about
one absence case, and the receiver must apply them in order. :class:`ChainValidator` holds the
receiver's state (employees, absence cases, broken cases, waiting and held messages, and the
master data of WerknemersGegevens, Dienstverbanden and WerkgeversGegevensBasisregistratie)
and judges each message against it with the rules of :data:`RULES` (``docs/rules.md``)::

    from sivi_verzuim import parse, serialize
    from sivi_verzuim.chain import Baseline, ChainValidator, retourmelding

    validator = ChainValidator(
        baseline=Baseline.from_directory("baseline/"),
        authorized=[("WG-100234", "AANS-0042")],
    )
    result = validator.process(parse("inbox/VZ-0001.xml"))
    result.status                        # Status.ACCEPTED, REJECTED, PENDING, ...
    for m in result.mutations:
        m.case_id, m.sequence, m.status, m.findings
    serialize(retourmelding(result))     # the answer, in the message's release

    state = validator.save()             # JSON-able; ChainValidator.restore(state) later

    store = SqliteStore("chain.db")      # or keep the state in a store: a transaction per
    validator = ChainValidator(store=store)   # message, exactly once per message

No I/O, no globals, no printing. ``docs/chain.md`` explains the behaviour in full: atomic
messages, the cascade, waiting for gaps, hold and resume, authorisation, compound absence, the
baseline's CSV columns, the state document and the Retourmelding codes; ``docs/store.md`` the
state stores (:class:`Store`, :class:`SqliteStore`, :class:`MemoryStore`).

Hypothesis strategies for chains live in :mod:`sivi_verzuim.chain.testing` (needs the
``hypothesis`` package).
"""

from ._baseline import (
    AUTHORIZED_COLUMNS,
    CASE_COLUMNS,
    EMPLOYEE_COLUMNS,
    UNIT_COLUMNS,
    Baseline,
    BaselineCase,
    BaselineEmployee,
    BaselineError,
    BaselineUnit,
    CsvError,
    CsvProblem,
    read_authorized,
    write_baseline_templates,
)
from ._events import ChangeEvent, EventKind
from ._masterdata import (
    EmployeeView,
    EmploymentView,
    MasterEvent,
    MasterEventKind,
    RecordKind,
    UnitView,
)
from ._results import (
    MessageResult,
    MutationResult,
    RecordResult,
    Status,
    in_processing_order,
    report_json,
    report_text,
)
from ._retour import RetourConfig, answer_bytes, retourmelding
from ._rules import RULES, ChainConfig, Rule, RuleConfig
from ._sqlite import SqliteStore, import_state
from ._state import CaseStatus, CaseView, StateError, UnknownCaseError
from ._store import (
    Answer,
    Changes,
    Delivery,
    EmployeeRecord,
    Loaded,
    Logged,
    MasterStore,
    MemoryStore,
    MessageEntry,
    Store,
    StoreBusyError,
)
from ._validator import ChainValidator

__all__ = [
    "AUTHORIZED_COLUMNS",
    "CASE_COLUMNS",
    "EMPLOYEE_COLUMNS",
    "RULES",
    "UNIT_COLUMNS",
    "Answer",
    "Baseline",
    "BaselineCase",
    "BaselineEmployee",
    "BaselineError",
    "BaselineUnit",
    "CaseStatus",
    "CaseView",
    "ChainConfig",
    "ChainValidator",
    "ChangeEvent",
    "Changes",
    "CsvError",
    "CsvProblem",
    "Delivery",
    "EmployeeRecord",
    "EmployeeView",
    "EmploymentView",
    "EventKind",
    "Loaded",
    "Logged",
    "MasterEvent",
    "MasterEventKind",
    "MasterStore",
    "MemoryStore",
    "MessageEntry",
    "MessageResult",
    "MutationResult",
    "RecordKind",
    "RecordResult",
    "RetourConfig",
    "Rule",
    "RuleConfig",
    "SqliteStore",
    "StateError",
    "Status",
    "Store",
    "StoreBusyError",
    "UnitView",
    "UnknownCaseError",
    "answer_bytes",
    "import_state",
    "in_processing_order",
    "read_authorized",
    "report_json",
    "report_text",
    "retourmelding",
    "write_baseline_templates",
]
