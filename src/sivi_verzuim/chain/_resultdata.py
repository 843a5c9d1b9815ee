"""Results as plain data, and back (internal): what a state store keeps of a result.

A store keeps the result of every message it took up, so that a message delivered again gets
its original result without being judged again, and a report can be rebuilt after a restart.
:func:`result_to_data` gives a JSON-able object; :func:`result_from_data` reads it back
strictly (every field typed, as :mod:`._stateread` reads a state document) into a
:class:`~sivi_verzuim.chain.MessageResult` equal to the original (``resolved`` aside: a result's
own outcome only).
"""

from __future__ import annotations

from typing import Any

from ..errors import Finding
from ._events import change_from_data, change_to_data
from ._masterdata import (
    MasterEvent,
    MasterEventKind,
    RecordKind,
    view_from_data,
    view_to_data,
)
from ._masterjudge import master_item_from_data
from ._results import MessageResult, MutationResult, RecordResult, Status
from ._state import finding_to_dict, mut_to_dict
from ._statecheck import MISSING, Obj, Path, guard, member_table, problem
from ._stateread import _RELEASES, _finding, _Reader

__all__ = ["result_from_data", "result_to_data"]

_STATUSES = member_table(Status)
_EVENT_KINDS = member_table(MasterEventKind)
_RECORDS = member_table(RecordKind)


def _item_to_data(item: tuple[Any, ...]) -> dict[str, Any]:
    ek, employee, employment, m, loc, cls = item
    return {
        "employer": list(ek),
        "employee": employee,
        "employment": employment,
        "location": list(loc),
        "mutation": mut_to_dict(m),
        "classification": None if cls is None else [cls[0].number, cls[1]],
    }


def result_to_data(result: MessageResult) -> dict[str, Any]:
    """A result's own outcome as plain data (its ``resolved`` results are not included)."""
    release = result.release
    return {
        "index": result.index,
        "status": result.status.value,
        "reference": result.reference,
        "file": result.file,
        "release": None if release is None else release.value,
        "sender": result.sender,
        "recipient": result.recipient,
        "test": result.test,
        "findings": [finding_to_dict(f) for f in result.findings],
        "mutations": [
            {
                "status": m.status.value,
                "findings": [finding_to_dict(f) for f in m.findings],
                "item": _item_to_data(m._item),
                "linked_case": m.linked_case,
                "root": None if m.root is None else finding_to_dict(m.root),
                **({} if m._change is None else {"change": change_to_data(m._change)}),
            }
            for m in result.mutations
        ],
        **({} if not result.records else {"records": [_record_to_data(r) for r in result.records]}),
    }


def _record_to_data(r: RecordResult) -> dict[str, Any]:
    return {
        "status": r.status.value,
        "findings": [finding_to_dict(f) for f in r.findings],
        "item": r._item.to_dict(),
        "events": [_event_to_data(e) for e in r._events],
    }


def _event_to_data(e: MasterEvent) -> dict[str, Any]:
    return {
        "kind": e.kind.value,
        "record": e.to_dict()["record"],
        "before": None if e.before is None else view_to_data(e.before),
        "after": view_to_data(e.after),
    }


class _Header:
    """The header data of a restored result (what :class:`MessageResult` reads)."""

    __slots__ = ("file", "index", "recipient", "reference", "release", "sender", "test")

    def __init__(self, o: Obj) -> None:
        self.index = o.integer("index", -(2**62))
        self.reference = o.opt_text("reference")
        self.file = o.opt_text("file")
        self.release = o.opt_member(_RELEASES, "release")
        self.sender = o.opt_text("sender")
        self.recipient = o.opt_text("recipient")
        self.test = o.flag("test", default=False)


def _findings(o: Obj, key: str) -> tuple[Finding, ...]:
    return tuple(o.each(key, _finding))


def result_from_data(data: Any, path: Path = ("result",)) -> MessageResult:
    """The result :func:`result_to_data` gave.

    Raises:
        StateError: the data is damaged (naming the place, under ``path``).
    """
    return guard(path, _read, data)


def _read(data: Any, path: Path) -> MessageResult:
    o = Obj(data, path)
    status = o.member(_STATUSES, "status")
    reader = _Reader()

    def mutation(value: Any, where: Path) -> MutationResult:
        m = Obj(value, where)
        mstatus = m.member(_STATUSES, "status")
        if mstatus in (Status.UNREADABLE, Status.SKIPPED):
            raise problem(m.at("status"), f"a mutation cannot be {mstatus.value}")
        raw_root = m.raw("root")
        root = None if raw_root is None else guard(m.at("root"), _finding, raw_root)
        item = guard(m.at("item"), reader.item, m.raw("item"))
        raw_change = m.raw("change")  # optional: results kept before events existed lack it
        change = (
            None
            if raw_change is None or raw_change is MISSING
            else guard(m.at("change"), lambda v, p: change_from_data(item[0], v, p), raw_change)
        )
        return MutationResult(
            mstatus, _findings(m, "findings"), item, m.opt_text("linked_case"), root, change
        )

    def record(value: Any, where: Path) -> RecordResult:
        r = Obj(value, where)
        rstatus = r.member(_STATUSES, "status")
        if rstatus in (Status.UNREADABLE, Status.SKIPPED):
            raise problem(r.at("status"), f"a record cannot be {rstatus.value}")
        item = guard(
            r.at("item"), lambda v, p: master_item_from_data(v, p, reader.pair), r.raw("item")
        )
        e, c = item.ek

        def event(v: Any, p: Path) -> MasterEvent:
            eo = Obj(v, p)
            kind = eo.member(_EVENT_KINDS, "kind")
            rec = eo.member(_RECORDS, "record").value
            raw_before = eo.raw("before")
            before = (
                None
                if raw_before is None
                else view_from_data(e, c, rec, raw_before, eo.at("before"))
            )
            after = view_from_data(e, c, rec, eo.raw("after"), eo.at("after"))
            return MasterEvent(kind, e, c, before, after)

        return RecordResult(rstatus, _findings(r, "findings"), item, tuple(r.each("events", event)))

    mutations = tuple(o.each("mutations", mutation))
    raw_records = o.raw("records")
    records = () if raw_records is MISSING else tuple(o.each("records", record))
    return MessageResult(status, mutations, _findings(o, "findings"), _Header(o), records=records)
