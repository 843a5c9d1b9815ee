"""Every generated binding class of every message of every release, and the shape of a bound
value, for the tests that look at each class or compare bound documents."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sivi_verzuim import MessageType
from sivi_verzuim.releases import binding_module

PAIRS = [(mt, rel) for mt in MessageType for rel in mt.releases]


def binding_classes() -> Iterator[type]:
    """The dataclasses defined in each message's binding module, message by message."""
    for mt, rel in PAIRS:
        module = binding_module(mt, rel)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                yield value


def shape(value: Any) -> Any:
    """A value with the type of every part spelled out (== alone lets 1 == Decimal(1))."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__qualname__,
            tuple((f.name, shape(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, list):
        return ("list", tuple(shape(v) for v in value))
    if isinstance(value, enum.Enum):
        return (type(value).__qualname__, value.name)
    if isinstance(value, Decimal):
        return ("Decimal", str(value))  # str tells 1.0 from 1.00; NaN != NaN otherwise
    return (type(value).__qualname__, value)
