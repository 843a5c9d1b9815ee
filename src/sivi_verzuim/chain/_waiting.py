"""Waiting: messages that wait for a missing report number, and their release when the gap fills."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ._results import MessageResult

if TYPE_CHECKING:
    pass
from ._core import (
    CaseKey,
    ValidatorBase,
)
from ._intake import _Msg

__all__ = ["Waiting"]


class Waiting(ValidatorBase):
    """Waiting: a stage of
    :class:`~sivi_verzuim.chain.ChainValidator`."""

    def _park(self, msg: _Msg, keys: Sequence[CaseKey]) -> None:
        if self._tx_parked is not None:
            self._tx_parked.add(msg.index)
        self._parked[msg.index] = (msg, list(keys))
        for key in keys:
            self._waiting.setdefault(key, []).append(msg)

    def _unpark(self, keys: Iterable[CaseKey]) -> list[_Msg]:
        out: dict[int, _Msg] = {}
        waiting = self._waiting
        for key in keys:
            for msg in waiting.pop(key, ()):
                out[msg.index] = msg
        if self._tx_parked is not None:
            self._tx_parked.update(out)
        for index in out:
            _, wait_keys = self._parked.pop(index)
            for key in wait_keys:
                lst = waiting.get(key)
                if lst is not None:
                    lst[:] = [m for m in lst if m.index != index]
                    if not lst:
                        del waiting[key]
        return [out[i] for i in sorted(out)]

    def _release(self, keys: Iterable[CaseKey]) -> list[MessageResult]:
        """Re-run the messages waiting on ``keys`` (and on what they change), in order."""
        out = []
        work = self._unpark(keys)
        while work:
            msg = work.pop(0)
            if self._session is not None:
                self._session.prepare(msg.items)
            result, touched, wait = self._run(msg)
            if wait:
                self._park(msg, wait)
            out.append(result)
            if touched and self._waiting:
                more = self._unpark(touched)
                if more:
                    work = sorted(work + more, key=lambda m: m.index)
        return out
