"""Read, check, convert and write SIVI Verzuimstandaard messages.

The public API::

    from sivi_verzuim import parse, validate, serialize, Release, MessageType

    message = parse("VZ20210301.xml")        # detects message type and release
    message.release, message.message_type   # Release.R2021, MessageType.VERZUIMMELDINGEN
    message.header.reference                # the Berrefnr
    message.document                        # the bound dataclass (generated bindings)
    serialize(message)                      # UTF-8 bytes, checked against the schema

Everything not listed in ``__all__`` is private.
"""

from ._codec import Header, Message, UnknownElement, parse, serialize, validate
from ._header import new_header, new_reference
from ._mapping import (
    Change,
    ConversionError,
    ConversionResult,
    MessageModel,
    convert,
    from_model,
    to_model,
)
from ._requirements import Requirement, requirements
from ._safexml import Limits
from .classification import (
    AbsenceClassification,
    ClassificationError,
    ClassificationMapping,
    DecisionTable,
    MappingError,
    classify,
    classify_message,
    load_mapping,
)
from .errors import (
    Finding,
    MalformedXMLError,
    Severity,
    SiviError,
    UnknownMessageError,
    UnsafeXMLError,
    ValidationError,
)
from .releases import MessageType, Release
from .schemacompare import ComparisonReport, Difference, compare_schemas

__all__ = [
    "AbsenceClassification",
    "Change",
    "ClassificationError",
    "ClassificationMapping",
    "ComparisonReport",
    "ConversionError",
    "ConversionResult",
    "DecisionTable",
    "Difference",
    "Finding",
    "Header",
    "Limits",
    "MalformedXMLError",
    "MappingError",
    "Message",
    "MessageModel",
    "MessageType",
    "Release",
    "Requirement",
    "Severity",
    "SiviError",
    "UnknownElement",
    "UnknownMessageError",
    "UnsafeXMLError",
    "ValidationError",
    "classify",
    "classify_message",
    "compare_schemas",
    "convert",
    "from_model",
    "load_mapping",
    "new_header",
    "new_reference",
    "parse",
    "requirements",
    "serialize",
    "to_model",
    "validate",
]

__version__ = "0.1.0"
