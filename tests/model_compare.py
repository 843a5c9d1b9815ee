"""Comparing domain-model values in the mapping tests (not a test module)."""

from __future__ import annotations

import attrs


def same(a: object, b: object, where: str = "") -> None:
    """Equal, and of the same types all the way down (True is not 1, an OffsetDate no date)."""
    assert type(a) is type(b), (where, type(a), type(b))
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple):
        assert isinstance(b, tuple)
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where
