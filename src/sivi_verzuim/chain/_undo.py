"""The undo log of a message with several mutations (internal).

A mutation is applied only after all its checks passed, so a message with one mutation needs
no undo. A message with several records what each applied mutation changed, as typed entries,
so that a rejection of a later mutation rolls the earlier ones back (:func:`rollback`, newest
first). Every entry knows how to undo itself; none copies more than the fields it restores.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = [
    "ABSENT",
    "DiscardAdded",
    "PopAppended",
    "RestoreCases",
    "RestoreEntry",
    "RestorePerson",
    "UndoEntry",
    "UndoLog",
    "rollback",
]

ABSENT: Any = object()
"""The old value of a dict entry that did not exist (:class:`RestoreEntry` removes it)."""


class UndoEntry(Protocol):
    """One change, and how to take it back."""

    def undo(self) -> None: ...


class RestorePerson:
    """An employee's summary (:meth:`~._state.Person.snapshot`) before a mutation."""

    __slots__ = ("person", "snap")

    def __init__(self, person: Any, snap: tuple[Any, ...]) -> None:
        self.person = person
        self.snap = snap

    def undo(self) -> None:
        self.person.restore(self.snap)


class RestoreEntry:
    """A dict entry (or list item) before it was set (``old`` is :data:`ABSENT` for a new key
    of a dict). A case record is never changed in place: its undo is the dict entry that held
    the old record."""

    __slots__ = ("key", "mapping", "old")

    def __init__(self, mapping: Any, key: Any, old: Any) -> None:
        self.mapping = mapping
        self.key = key
        self.old = old

    def undo(self) -> None:
        if self.old is ABSENT:
            self.mapping.pop(self.key, None)
        else:
            self.mapping[self.key] = self.old


class RestoreCases:
    """An employee's case ids (:attr:`~._state.Person.cases`) before a case was renamed."""

    __slots__ = ("cases", "person")

    def __init__(self, person: Any, cases: dict[str, None]) -> None:
        self.person = person
        self.cases = cases

    def undo(self) -> None:
        self.person.cases = self.cases


class PopAppended:
    """A key added last to a dict (a case id to an employee's :attr:`~._state.Person.cases`)."""

    __slots__ = ("items",)

    def __init__(self, items: dict[Any, Any]) -> None:
        self.items = items

    def undo(self) -> None:
        self.items.popitem()


class DiscardAdded:
    """An item added to a set."""

    __slots__ = ("item", "items")

    def __init__(self, items: set[Any], item: Any) -> None:
        self.items = items
        self.item = item

    def undo(self) -> None:
        self.items.discard(self.item)


UndoLog = list[UndoEntry]


def rollback(log: UndoLog) -> None:
    """Take every change of the log back, newest first."""
    for entry in reversed(log):
        entry.undo()
