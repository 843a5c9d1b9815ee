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

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each public name is imported from its module when it is first used, so that importing
# the package costs next to nothing and a first call loads only what it needs.
_WHERE = {
    "AbsenceClassification": ".classification",
    "Change": "._mapping",
    "ClassificationError": ".classification",
    "ClassificationMapping": ".classification",
    "ComparisonReport": ".schemacompare",
    "ConversionError": "._mapping",
    "ConversionResult": "._mapping",
    "DecisionTable": ".classification",
    "Difference": ".schemacompare",
    "Finding": ".errors",
    "Header": "._codec",
    "Limits": "._safexml",
    "MalformedXMLError": ".errors",
    "MappingError": ".classification",
    "Message": "._codec",
    "MessageModel": "._mapping",
    "MessageType": ".releases",
    "Release": ".releases",
    "Requirement": "._requirements",
    "Severity": ".errors",
    "SiviError": ".errors",
    "UnknownElement": "._codec",
    "UnknownMessageError": ".errors",
    "UnsafeXMLError": ".errors",
    "ValidationError": ".errors",
    "classify": ".classification",
    "classify_message": ".classification",
    "compare_schemas": ".schemacompare",
    "convert": "._mapping",
    "from_model": "._mapping",
    "load_mapping": ".classification",
    "new_header": "._header",
    "new_reference": "._header",
    "parse": "._codec",
    "requirements": "._requirements",
    "serialize": "._codec",
    "to_model": "._mapping",
    "validate": "._codec",
}


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
