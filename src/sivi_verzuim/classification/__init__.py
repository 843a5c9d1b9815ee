"""The eleven SIVI absence classifications: derivation and pluggable mapping.

No element of a Verzuimmeldingen message carries the classification; it follows from the cause,
the safety-net flag (or code), the WAZO code, the special start reason, the no-risk flag, the
kind of employment and an employment that ends during the absence. A :class:`DecisionTable`
(data, replaceable without subclassing) derives exactly one :class:`AbsenceClassification`
per absence mutation, with the reason; a :class:`ClassificationMapping` turns it into the
receiving suite's own (name, code)::

    from sivi_verzuim import parse
    from sivi_verzuim.classification import classify_message, load_mapping

    for item in classify_message(parse("VZ1.xml"), mapping=load_mapping("suite.toml")):
        print(item.case_id, item.sequence, item.classification.label, item.reason, item.mapped)

The default table is :data:`DEFAULT_DECISION_TABLE`, a documented decision: see
``docs/classification.md`` for every row and its reasoning.

Error tree (all under :class:`~sivi_verzuim.SiviError`)::

    ClassificationError
    ├── MappingError          a mapping is invalid; .findings: every problem, file and line
    ├── DecisionTableError    a decision table is invalid; .findings likewise
    ├── AmbiguousCodeError    reverse mapping: several SIVI classes share the code
    └── UnknownCodeError      reverse mapping: no SIVI class has the code (also LookupError)
"""

from ._classes import AbsenceClassification
from ._default import DEFAULT_DECISION_TABLE
from ._environment import (
    ENTRY_POINT_GROUP,
    EmployerKey,
    EnvironmentMapping,
    installed_mappings,
    load_installed_mapping,
)
from ._errors import (
    AmbiguousCodeError,
    ClassificationError,
    DecisionTableError,
    MappingError,
    UnknownCodeError,
)
from ._facts import FACTS, AbsenceContext, Fact, FactSpec
from ._mapping import (
    ClassificationMapping,
    ReceiverClass,
    identity_mapping,
    load_mapping,
    mapping_template,
    parse_mapping,
)
from ._messages import ClassifiedAbsence, absence_contexts, classify, classify_message
from ._table import (
    Condition,
    DecisionRule,
    DecisionTable,
    Derivation,
    load_decision_table,
    parse_decision_table,
)

__all__ = [
    "DEFAULT_DECISION_TABLE",
    "ENTRY_POINT_GROUP",
    "FACTS",
    "AbsenceClassification",
    "AbsenceContext",
    "AmbiguousCodeError",
    "ClassificationError",
    "ClassificationMapping",
    "ClassifiedAbsence",
    "Condition",
    "DecisionRule",
    "DecisionTable",
    "DecisionTableError",
    "Derivation",
    "EmployerKey",
    "EnvironmentMapping",
    "Fact",
    "FactSpec",
    "MappingError",
    "ReceiverClass",
    "UnknownCodeError",
    "absence_contexts",
    "classify",
    "classify_message",
    "identity_mapping",
    "installed_mappings",
    "load_decision_table",
    "load_installed_mapping",
    "load_mapping",
    "mapping_template",
    "parse_decision_table",
    "parse_mapping",
]


def __getattr__(name: str) -> object:
    """``Rule``: the former name of :class:`DecisionRule` (deprecated)."""
    if name == "Rule":
        import warnings

        warnings.warn(
            "sivi_verzuim.classification.Rule is now DecisionRule (a row of a decision "
            "table; sivi_verzuim.chain.Rule is a rule of the chain validator)",
            DeprecationWarning,
            stacklevel=2,
        )
        return DecisionRule
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
