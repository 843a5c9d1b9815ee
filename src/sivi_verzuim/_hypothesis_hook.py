"""Hypothesis plugin hook: registers a strategy for every domain-model class.

Hypothesis calls :func:`setup` through this package's ``hypothesis`` entry point while it is
being imported, so this module imports neither :mod:`sivi_verzuim.testing` nor anything that
imports Hypothesis at module level; the strategies are built on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def setup() -> None:
    """Make ``st.from_type(<any sivi_verzuim.model class>)`` generate valid model objects."""
    from hypothesis import strategies as st

    from .model import MODEL_CLASSES

    for cls in set(MODEL_CLASSES.values()):
        st.register_type_strategy(cls, st.deferred(_factory(cls)))


def _factory(cls: type) -> Callable[[], Any]:
    def make() -> Any:
        from .testing import model_objects

        return model_objects(cls)

    return make
