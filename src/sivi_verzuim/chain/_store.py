"""The state-store protocol of the chain validator, its records, and the in-memory store.

``ChainValidator(store=...)`` keeps its state in a *store* instead of only in memory: before
each message it loads the records the message touches (an employee with their cases, the cases
the message names, whether those are broken, the messages waiting for them), judges the message
exactly as the in-memory validator does, and hands the store one :class:`Changes` to commit:
the changed records, the message's result and its answer, together or not at all. A message
is one transaction.

Records are plain data in the layout of the JSON state document (``docs/chain.md``,
*Persistence*): a store needs no knowledge of the validator's internals, and the export of a
store is that document. :class:`MemoryStore` is the reference implementation in memory;
:class:`~sivi_verzuim.chain.SqliteStore` the one on disk. ``docs/store.md`` describes the
protocol for a program that keeps the state in its own database.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Collection, Iterable
from typing import Any, Protocol, runtime_checkable

import attrs

from ..errors import SiviError
from ._state import FORMAT, VERSION

__all__ = [
    "Answer",
    "Changes",
    "Delivery",
    "EmployeeRecord",
    "Loaded",
    "Logged",
    "MasterStore",
    "MemoryStore",
    "MessageEntry",
    "Store",
    "StoreBusyError",
    "document_records",
    "now_text",
]

EmployeeKey = tuple[str, str, str]
"""(``IdWrkgvrArbdnst``, ``AansltnrGeguitwlngArbdnst``, ``IdWrknmr``)."""
CaseKey = tuple[str, str, str]
"""(``IdWrkgvrArbdnst``, ``AansltnrGeguitwlngArbdnst``, ``VrzmgvlId``)."""
MasterKey = tuple[str, str, str, str]
"""(``IdWrkgvrArbdnst``, ``AansltnrGeguitwlngArbdnst``, kind, id) of a master-data record
(kinds: ``employee``, ``employment``, ``unit``, ``moved``, ``personnel``, ``negative``)."""

META_KEYS = ("config", "authorized", "held", "next_index", "baselines")
"""The top-level scalar sections of the state document, kept as the store's metadata."""


class StoreBusyError(SiviError):
    """The store is in use by another process (see :class:`~sivi_verzuim.chain.SqliteStore`'s
    ``wait``).

    Attributes:
        holder: who holds it, as the other process wrote it (``pid 1234 on host h since
            2024-09-02T10:00:00+02:00: sivi-verzuim process ...``), or None when unknown.
    """

    def __init__(self, message: str, *, holder: str | None = None) -> None:
        self.holder = holder
        super().__init__(message)


# shown where users look for errors: ``sivi_verzuim.errors.StoreBusyError`` (which re-exports
# it, so pickling finds it there)
StoreBusyError.__module__ = "sivi_verzuim.errors"


@attrs.frozen
class EmployeeRecord:
    """One employee of one employer in the store.

    Attributes:
        known: the employee is known without a case of their own (baseline ``employees.csv``;
            the state document's ``known_employees``).
        person: the validator keeps the employee's cases (the document's ``employees``).
        cases: the ids of the employee's cases, in the order they came (a person's list).
    """

    known: bool
    person: bool
    cases: tuple[str, ...] = ()


@attrs.frozen
class Loaded:
    """What :meth:`Store.load` returns.

    Attributes:
        employees: the employees asked for and the owners of the cases asked for, each with
            every case (absent keys: no such employee).
        cases: the case documents of those employees' cases, by key.
        broken: the broken entries (documents of the state's ``broken`` section) of the cases
            asked for.
        waiting: the waiting messages (documents of the state's ``waiting`` section, with
            ``waits_for``) that wait for a case asked for, by message index.
    """

    employees: dict[EmployeeKey, EmployeeRecord] = attrs.field(factory=dict)
    cases: dict[CaseKey, dict[str, Any]] = attrs.field(factory=dict)
    broken: dict[CaseKey, dict[str, Any]] = attrs.field(factory=dict)
    waiting: dict[int, dict[str, Any]] = attrs.field(factory=dict)


@attrs.frozen
class Logged:
    """A message the store took up, found by sender and reference.

    Attributes:
        index: the validator's index of the message.
        digest: the hash of its content.
        first_processed: when it was first taken up (ISO 8601, local time with offset).
        result: its latest own result (``result_to_data`` form).
    """

    index: int
    digest: str
    first_processed: str
    result: dict[str, Any]


@attrs.frozen
class MessageEntry:
    """A message's entry in the store's log (an insert for a new index, else an update).

    Attributes:
        index: the message's index.
        sender, reference, digest: how a re-delivery is recognised (None in an update).
        result: the message's latest own result.
        resolved: indices of the messages whose results this message's processing produced
            (its ``resolved``), when it was processed (None: unchanged).
        resumed: the message was taken from the held queue now.
    """

    index: int
    result: dict[str, Any]
    sender: str | None = None
    reference: str | None = None
    digest: str | None = None
    resolved: tuple[int, ...] | None = None
    resumed: bool = False


@attrs.frozen
class Answer:
    """A Retourmelding to write.

    Attributes:
        index: the index of the message it answers (None for a file no validator read).
        name: the file name wanted (the store makes it unique: ``-2``, ``-3``, ...).
        data: the bytes, or None when no answer could be made (``error`` says why).
        error: why there is no answer.
    """

    index: int | None
    name: str
    data: bytes | None
    error: str | None = None


@attrs.frozen
class Delivery:
    """One file as a program received it (``sivi-verzuim process`` keeps a journal of them).

    Attributes:
        name: the file's name relative to the inbox.
        digest: the hash of its bytes.
        identity: what tells one copy of the file from another with the same bytes (device,
            inode, modification time): the same identity is the same file seen again.
        file: the file's path as reported.
        order: the processing-order key (``[date, time, reference, file]``), or None.
        index: the validator's index of the message it carried, when its result is the
            message's (the log has it).
        result: the result, when it is not a message's own (a re-delivery, a refused
            reference, a file no validator read).
    """

    name: str
    digest: str
    identity: str
    file: str
    order: list[Any] | None = None
    index: int | None = None
    result: dict[str, Any] | None = None


@attrs.define
class Changes:
    """Everything one transaction writes. ``None`` as a value deletes the record.

    Attributes:
        meta: changed metadata (``held``, ``next_index``, ``baselines``, ``config``,
            ``authorized``).
        employees: employee records by key.
        cases: case documents by key (``employee_id`` names the owner).
        broken: broken entries by case key.
        parked: held (``(True, message document)``) and waiting (``(False, message document
            with waits_for)``) messages by index.
        messages: log entries.
        answers: Retourmeldingen to write.
        deliveries: files received.
        master: master-data records by key (:data:`MasterKey`; the document's ``master``
            section): employees, employments, units, key changes.
        run: the program's run this transaction belongs to (its journal), or None.
    """

    meta: dict[str, Any] = attrs.field(factory=dict)
    employees: dict[EmployeeKey, EmployeeRecord | None] = attrs.field(factory=dict)
    cases: dict[CaseKey, dict[str, Any] | None] = attrs.field(factory=dict)
    broken: dict[CaseKey, dict[str, Any] | None] = attrs.field(factory=dict)
    parked: dict[int, tuple[bool, dict[str, Any]] | None] = attrs.field(factory=dict)
    messages: list[MessageEntry] = attrs.field(factory=list)
    answers: list[Answer] = attrs.field(factory=list)
    deliveries: list[Delivery] = attrs.field(factory=list)
    master: dict[MasterKey, dict[str, Any] | None] = attrs.field(factory=dict)
    run: int | None = None

    def __bool__(self) -> bool:
        return bool(
            self.master
            or self.meta
            or self.employees
            or self.cases
            or self.broken
            or self.parked
            or self.messages
            or self.answers
            or self.deliveries
        )


@runtime_checkable
class Store(Protocol):
    """What :class:`~sivi_verzuim.chain.ChainValidator` needs of a state store.

    One validator uses a store at a time (a store is not shared between threads). Every
    change goes through :meth:`commit`; reads between :meth:`begin` and :meth:`commit` or
    :meth:`rollback` must see the committed state (and, in a database shared by several
    workers, hold the rows they read until the transaction ends).
    """

    def begin(self) -> bool:
        """Start a transaction. Returns False when another writer changed the store since
        this store's last transaction: the validator then forgets what it has cached."""
        ...

    def meta(self) -> dict[str, Any] | None:
        """The metadata (:data:`META_KEYS`), or None for a store that holds no state yet."""
        ...

    def load(self, employees: Collection[EmployeeKey], cases: Collection[CaseKey]) -> Loaded:
        """The records a message touches (see :class:`Loaded`)."""
        ...

    def load_all(self) -> Loaded:
        """Every employee, case, broken entry and waiting message."""
        ...

    def parked(
        self, queued: bool, after: int = -1, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The held (``queued``) or waiting message documents with an index above
        ``after``, in index order, at most ``limit``."""
        ...

    def logged(self, sender: str | None, reference: str) -> Logged | None:
        """The message the log holds for this sender and reference, if any."""
        ...

    def answer(self, index: int) -> bytes | None:
        """The first Retourmelding made for the message with this index, if any."""
        ...

    def commit(self, changes: Changes) -> None:
        """Write every change, atomically, and end the transaction."""
        ...

    def rollback(self) -> None:
        """End the transaction without writing."""
        ...

    def export(self) -> dict[str, Any]:
        """The whole state as the JSON state document (equal to
        :meth:`~sivi_verzuim.chain.ChainValidator.save` of a validator with this state)."""
        ...


@runtime_checkable
class MasterStore(Store, Protocol):
    """A :class:`Store` that also keeps master data (employees, employments, organisation
    units; ``docs/store.md``). :class:`MemoryStore` and
    :class:`~sivi_verzuim.chain.SqliteStore` are; a validator on a store that is not
    refuses master-data messages (``TypeError``) and checks absences against no master
    data."""

    def load_master(self, employers: Collection[tuple[str, str]] | None) -> dict[MasterKey, Any]:
        """Every master-data record of these employers (``IdWrkgvrArbdnst``,
        ``AansltnrGeguitwlngArbdnst``; None: of every employer), by key."""
        ...


def now_text() -> str:
    """The current local time, ISO 8601 with its offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# --------------------------------------------------------------------------- documents


def document_records(
    doc: dict[str, Any],
) -> tuple[
    dict[str, Any],
    dict[EmployeeKey, EmployeeRecord],
    dict[CaseKey, dict[str, Any]],
    dict[CaseKey, dict[str, Any]],
    dict[int, tuple[bool, dict[str, Any]]],
]:
    """The records of a (normalised: saved by a validator) state document: metadata,
    employees, cases, broken entries and parked messages."""
    meta = {key: doc[key] for key in META_KEYS}
    employees: dict[EmployeeKey, EmployeeRecord] = {}
    known = {tuple(k) for k in doc["known_employees"]}
    for e, c, emp, ids in doc["employees"]:
        employees[(e, c, emp)] = EmployeeRecord(
            known=(e, c, emp) in known, person=True, cases=tuple(ids)
        )
    for e, c, emp in doc["known_employees"]:
        if (e, c, emp) not in employees:
            employees[(e, c, emp)] = EmployeeRecord(known=True, person=False)
    cases = {(d["employer_id"], d["connection_number"], d["case_id"]): d for d in doc["cases"]}
    broken = {(d["employer_id"], d["connection_number"], d["case_id"]): d for d in doc["broken"]}
    parked: dict[int, tuple[bool, dict[str, Any]]] = {}
    for m in doc["queue"]:
        parked[m["index"]] = (True, m)
    for m in doc["waiting"]:
        parked[m["index"]] = (False, m)
    return meta, employees, cases, broken, parked


def document_master(doc: dict[str, Any]) -> dict[MasterKey, dict[str, Any]]:
    """The master-data records of a (normalised) state document."""
    return {(e, c, k, i): data for e, c, k, i, data in doc.get("master", ())}


def assemble(
    meta: dict[str, Any],
    employees: Iterable[tuple[EmployeeKey, EmployeeRecord]],
    cases: Iterable[dict[str, Any]],
    broken: Iterable[dict[str, Any]],
    queue: Iterable[dict[str, Any]],
    waiting: Iterable[dict[str, Any]],
    master: Iterable[tuple[MasterKey, Any]] = (),
) -> dict[str, Any]:
    """The state document from records (``employees`` sorted by key, ``cases`` and
    ``broken`` sorted by case key, ``queue`` and ``waiting`` by index), in the order
    :meth:`~sivi_verzuim.chain.ChainValidator.save` writes it."""
    people = []
    known = []
    for (e, c, emp), rec in employees:
        if rec.person:
            people.append([e, c, emp, list(rec.cases)])
        if rec.known:
            known.append([e, c, emp])
    return {
        "format": FORMAT,
        "version": VERSION,
        "config": meta["config"],
        "authorized": meta["authorized"],
        "held": meta["held"],
        "next_index": meta["next_index"],
        "baselines": meta["baselines"],
        "known_employees": known,
        "employees": people,
        "cases": list(cases),
        "broken": list(broken),
        "queue": list(queue),
        "waiting": list(waiting),
        "master": [[*key, data] for key, data in master],
    }


def unique_name(wanted: str, taken: Any) -> str:
    """``wanted``, or ``<stem>-2<suffix>``, ``-3``, ... : the first for which ``taken(name)``
    is false."""
    if not taken(wanted):
        return wanted
    stem, dot, suffix = wanted.rpartition(".")
    if not dot:
        stem, suffix = wanted, ""
    n = 2
    while True:
        name = f"{stem}-{n}.{suffix}" if dot else f"{stem}-{n}"
        if not taken(name):
            return name
        n += 1


# --------------------------------------------------------------------------- in memory


def _frozen(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class MemoryStore:
    """The :class:`Store` protocol in memory: the reference implementation.

    It keeps every record as JSON text (so nothing is shared with the validator), applies a
    transaction's changes only at :meth:`commit`, and keeps the log of messages and their
    answers, so that a validator on it behaves exactly as one on a
    :class:`~sivi_verzuim.chain.SqliteStore` (exactly once per message), only in memory.
    """

    def __init__(self) -> None:
        self._meta: dict[str, str] = {}
        self._employees: dict[EmployeeKey, EmployeeRecord] = {}
        self._cases: dict[CaseKey, str] = {}
        self._owner: dict[CaseKey, str] = {}
        self._broken: dict[CaseKey, str] = {}
        self._parked: dict[int, tuple[bool, str]] = {}
        self._waits: dict[CaseKey, set[int]] = {}
        self._log: dict[int, dict[str, Any]] = {}
        self._by_reference: dict[tuple[str, str], int] = {}
        self._answers: list[dict[str, Any]] = []
        self._answer_names: set[str] = set()
        self._deliveries: list[dict[str, Any]] = []
        self._master: dict[MasterKey, str] = {}
        self._master_of: dict[tuple[str, str], set[MasterKey]] = {}
        self._in_transaction = False

    # ------------------------------------------------------------------ protocol

    def begin(self) -> bool:
        self._in_transaction = True
        return True

    def meta(self) -> dict[str, Any] | None:
        if not self._meta:
            return None
        return {key: json.loads(value) for key, value in self._meta.items()}

    def _record(self, key: EmployeeKey, out: Loaded) -> None:
        rec = self._employees.get(key)
        if rec is None or key in out.employees:
            return
        out.employees[key] = rec
        for cid in rec.cases:
            ck = (key[0], key[1], cid)
            out.cases[ck] = json.loads(self._cases[ck])

    def load(self, employees: Collection[EmployeeKey], cases: Collection[CaseKey]) -> Loaded:
        out = Loaded()
        for key in employees:
            self._record(key, out)
        for ck in cases:
            owner = self._owner.get(ck)
            if owner is not None:
                self._record((ck[0], ck[1], owner), out)
            broken = self._broken.get(ck)
            if broken is not None:
                out.broken[ck] = json.loads(broken)
            for index in self._waits.get(ck, ()):
                out.waiting[index] = json.loads(self._parked[index][1])
        return out

    def load_all(self) -> Loaded:
        out = Loaded()
        for key in self._employees:
            self._record(key, out)
        for ck, broken in self._broken.items():
            out.broken[ck] = json.loads(broken)
        for index, (queued, data) in self._parked.items():
            if not queued:
                out.waiting[index] = json.loads(data)
        return out

    def load_master(self, employers: Collection[tuple[str, str]] | None) -> dict[MasterKey, Any]:
        out: dict[MasterKey, Any] = {}
        for ek in list(self._master_of) if employers is None else employers:
            for key in self._master_of.get(ek, ()):
                out[key] = json.loads(self._master[key])
        return out

    def parked(
        self, queued: bool, after: int = -1, limit: int | None = None
    ) -> list[dict[str, Any]]:
        found = sorted(i for i, (q, _) in self._parked.items() if q is queued and i > after)
        if limit is not None:
            found = found[:limit]
        return [json.loads(self._parked[i][1]) for i in found]

    def logged(self, sender: str | None, reference: str) -> Logged | None:
        index = self._by_reference.get((sender or "", reference))
        if index is None:
            return None
        entry = self._log[index]
        return Logged(index, entry["digest"], entry["first"], json.loads(entry["result"]))

    def answer(self, index: int) -> bytes | None:
        for a in self._answers:
            if a["index"] == index and a["data"] is not None:
                data: bytes = a["data"]
                return data
        return None

    def commit(self, changes: Changes) -> None:
        if not self._in_transaction:
            raise RuntimeError("commit without begin")
        self._in_transaction = False
        for key, value in changes.meta.items():
            self._meta[key] = _frozen(value)
        for ekey, rec in changes.employees.items():
            if rec is None:
                self._employees.pop(ekey, None)
            else:
                self._employees[ekey] = rec
        for ck, case in changes.cases.items():
            if case is None:
                self._cases.pop(ck, None)
                self._owner.pop(ck, None)
            else:
                self._cases[ck] = _frozen(case)
                self._owner[ck] = case["employee_id"]
        for ck, broken in changes.broken.items():
            if broken is None:
                self._broken.pop(ck, None)
            else:
                self._broken[ck] = _frozen(broken)
        for index, parked in changes.parked.items():
            old = self._parked.pop(index, None)
            if old is not None and not old[0]:
                for w in json.loads(old[1])["waits_for"]:
                    self._waits.get((w[0], w[1], w[2]), set()).discard(index)
            if parked is not None:
                queued, data = parked
                self._parked[index] = (queued, _frozen(data))
                if not queued:
                    for w in data["waits_for"]:
                        self._waits.setdefault((w[0], w[1], w[2]), set()).add(index)
        for entry in changes.messages:
            row = self._log.get(entry.index)
            if row is None:
                row = self._log[entry.index] = {
                    "digest": entry.digest,
                    "first": now_text(),
                    "resolved": [],
                }
                if entry.reference is not None and entry.digest is not None:
                    self._by_reference.setdefault(
                        (entry.sender or "", entry.reference), entry.index
                    )
            row["result"] = _frozen(entry.result)
            if entry.resolved is not None:
                row["resolved"] = list(entry.resolved)
        for answer in changes.answers:
            name = unique_name(answer.name, self._answer_names.__contains__)
            self._answer_names.add(name)
            self._answers.append(
                {"index": answer.index, "name": name, "data": answer.data, "error": answer.error}
            )
        for delivery in changes.deliveries:
            self._deliveries.append(attrs.asdict(delivery) | {"run": changes.run})
        for mkey, mdata in changes.master.items():
            if mdata is None:
                self._master.pop(mkey, None)
                self._master_of.get((mkey[0], mkey[1]), set()).discard(mkey)
            else:
                self._master[mkey] = _frozen(mdata)
                self._master_of.setdefault((mkey[0], mkey[1]), set()).add(mkey)

    def rollback(self) -> None:
        self._in_transaction = False

    def export(self) -> dict[str, Any]:
        meta = self.meta()
        if meta is None:
            raise SiviError("the store holds no state")
        employees = sorted(self._employees.items())
        cases = [json.loads(self._cases[k]) for k in sorted(self._cases)]
        broken = [json.loads(self._broken[k]) for k in sorted(self._broken)]
        queue = self.parked(True)
        waiting = self.parked(False)
        master = [(k, json.loads(self._master[k])) for k in sorted(self._master)]
        return assemble(meta, employees, cases, broken, queue, waiting, master)

    # ------------------------------------------------------------------ beyond the protocol

    def answers(self) -> list[tuple[str, bytes | None]]:
        """(name, bytes) of every answer made, in order."""
        return [(a["name"], a["data"]) for a in self._answers]

    def import_document(self, doc: dict[str, Any]) -> None:
        """Fill an empty store with a normalised state document (see
        :func:`~sivi_verzuim.chain.import_state`)."""
        meta, employees, cases, broken, parked = document_records(copy.deepcopy(doc))
        self.begin()
        self.commit(
            Changes(
                meta=meta,
                employees=dict(employees),
                cases=dict(cases),
                broken=dict(broken),
                parked=dict(parked),
                master=dict(document_master(doc)),
            )
        )
