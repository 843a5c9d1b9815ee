"""Every generated binding class of every message of every release, for the tests that look
at each of them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

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
