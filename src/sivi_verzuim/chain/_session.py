"""A chain validator working on a state store (internal).

The validator's dicts (employers' cases, employees, broken cases, waiting messages) become a
cache of the store. For each message :class:`StoreSession`:

1. starts a transaction (``Store.begin``; a store another writer changed empties the cache);
2. looks the message up in the store's log by ``IdInzndr`` and ``Berrefnr``: a re-delivery
   gets its original result again, a reused reference is rejected (neither is judged);
3. otherwise loads what the message touches and is not cached yet (its employees with all
   their cases, the cases it names with their owners, whether they are broken, the messages
   waiting for them), takes a snapshot of exactly those records, and lets the validator judge
   the message as it always does, in memory;
4. compares the touched records with their snapshots and commits the differences, the
   message's result, the results of the messages it released and the answers of the final
   ones, as one ``Store.commit``. Anything that fails rolls the transaction back and empties
   the cache, so memory never runs ahead of the store.

The rules and the state changes are the in-memory validator's own code: only loading and
writing are added, so a validator on a store judges exactly as one in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import attrs

from .._codec import Message
from ..errors import Finding, Severity, cap_value
from ._baseline import Baseline, baseline_to_load
from ._resultdata import result_from_data, result_to_data
from ._results import MessageResult
from ._rules import ChainConfig
from ._state import EMPLOYEE, FORMAT, VERSION, Case, Person, StateError, new_case
from ._statecheck import damaged
from ._stateread import _Reader, read_state
from ._store import (
    Answer,
    CaseKey,
    Changes,
    Delivery,
    EmployeeRecord,
    Loaded,
    Logged,
    MessageEntry,
    Store,
)

if TYPE_CHECKING:
    from ._intake import _Msg
    from ._masterjudge import MasterMsg
    from ._validator import ChainValidator

__all__ = ["StoreSession", "message_digest"]

EmployerIds = tuple[str, str]
VCaseKey = tuple[EmployerIds, str]  # the validator's case key
PersonKey = tuple[EmployerIds, str]
Snapshot = tuple[bool, Person | None, tuple[tuple[str, Case], ...]]
"""(known, the person or None, (case id, record) of each of the person's cases)."""

_INFO = Severity.INFO
_ERROR = Severity.ERROR
_BERREFNR = "/Verzuimmeldingen/BrAlg/Berrefnr"


def message_digest(message: Any) -> str:
    """The default content hash of a message: SHA-256 of its parsed content (the bound
    document of a :class:`~sivi_verzuim.Message`, or the model)."""
    content = message.document if isinstance(message, Message) else message
    return "sha256:" + hashlib.sha256(repr(content).encode("utf-8", "replace")).hexdigest()


def answer_name(result: MessageResult) -> str:
    """``RM-<file name without suffix>.xml`` (else the reference, else the index)."""
    if result.file:
        stem = PurePath(result.file).stem
    else:
        stem = result.reference or f"message-{result.index}"
    return f"RM-{stem}.xml"


def _default_answer(result: MessageResult) -> bytes:
    from ._retour import answer_bytes

    return answer_bytes(result)


class _Tx:
    """What one transaction touched, and what it writes besides the records."""

    __slots__ = ("answered", "answers", "broken", "entries", "meta", "people", "queued")

    def __init__(self, meta: tuple[int, bool, tuple[str, ...]]) -> None:
        self.meta = meta
        self.people: dict[PersonKey, Snapshot] = {}
        self.broken: dict[VCaseKey, Any] = {}
        self.queued: dict[int, dict[str, Any] | None] = {}
        self.entries: dict[int, MessageEntry] = {}
        self.answers: list[Answer] = []
        self.answered: set[int] = set()


class StoreSession:
    """Loads, snapshots and commits around the validator's own processing (see the module
    docstring)."""

    def __init__(
        self,
        validator: ChainValidator,
        store: Store,
        answer: Callable[[MessageResult], bytes] | None,
        cache_limit: int,
    ) -> None:
        self.v = validator
        self.store = store
        self.answer = answer or _default_answer
        self.cache_limit = cache_limit
        self.run: int | None = None
        self.people_loaded: set[PersonKey] = set()
        self.cases_loaded: set[VCaseKey] = set()
        self.master_loaded: set[EmployerIds] = set()
        self.all_master = False
        self.tx: _Tx | None = None
        self.resuming = False

    # ------------------------------------------------------------------ opening

    def open(self, config: ChainConfig | None, authorized: Any, hold: bool, unset: Any) -> None:
        """Continue the store's state, or start a new one in an empty store."""
        v = self.v
        self._begin()
        try:
            meta = self.store.meta()
            changes = Changes()
            if meta is None:
                v._held = hold
                tx = self.tx
                assert tx is not None
                tx.meta = (0, hold, ())
                changes.meta = {
                    "config": v._config.to_dict(),
                    "authorized": _auth_data(v._authorized),
                    "held": hold,
                    "next_index": 0,
                    "baselines": [],
                }
            else:
                doc = self._read_meta(meta, config is None, authorized is unset)
                if config is None:
                    v._config = doc.config or ChainConfig()
                elif config.to_dict() != meta.get("config"):
                    changes.meta["config"] = config.to_dict()
                if authorized is unset:
                    v._set_authorized(None if doc.authorized is None else frozenset(doc.authorized))
                else:
                    data = _auth_data(v._authorized)
                    if data != meta.get("authorized"):
                        changes.meta["authorized"] = data
                v._held = doc.held or hold
                v._index = doc.next_index
                v._baselines = list(doc.baselines)
                tx = self.tx
                assert tx is not None
                tx.meta = (doc.next_index, doc.held, tuple(doc.baselines))
            self._commit(changes)
        except BaseException:
            self._abort()
            raise

    @staticmethod
    def _read_meta(meta: dict[str, Any], config: bool, authorized: bool) -> Any:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            **meta,
            "known_employees": [],
            "employees": [],
            "cases": [],
            "broken": [],
            "queue": [],
            "waiting": [],
        }
        return read_state(doc, config=config, authorized=authorized)

    def _reload_meta(self) -> None:
        meta = self.store.meta()
        if meta is None:
            raise StateError("the store holds no chain state any more")
        doc = self._read_meta(meta, False, False)
        v = self.v
        v._held = doc.held
        v._index = doc.next_index
        v._baselines = list(doc.baselines)

    # ------------------------------------------------------------------ transactions

    def _begin(self) -> None:
        if not self.store.begin():
            self.drop()
            self._reload_meta()
        v = self.v
        self.tx = _Tx((v._index, v._held, tuple(v._baselines)))
        v._tx_parked = set()
        v._md.dirty = set()

    def _abort(self) -> None:
        self.tx = None
        self.v._tx_parked = None
        self.v._md.dirty = None
        try:
            self.store.rollback()
        finally:
            self.drop()
            with contextlib.suppress(Exception):  # unusable: the next transaction says so
                self._reload_meta()

    def _commit(self, extra: Changes | None = None) -> None:
        changes = self._changes(extra or Changes())
        self.tx = None
        self.v._tx_parked = None
        self.v._md.dirty = None
        if changes:
            changes.run = self.run
            self.store.commit(changes)
        else:
            self.store.rollback()
        if len(self.people_loaded) > self.cache_limit:
            self.drop()

    def drop(self) -> None:
        """Forget everything cached (the store stays the truth)."""
        v = self.v
        v._emps.clear()
        v._persons.clear()
        v._known.clear()
        v._broken.clear()
        v._waiting.clear()
        v._parked.clear()
        v._last_ek = ("", "")
        v._md.clear()
        self.people_loaded.clear()
        self.cases_loaded.clear()
        self.master_loaded.clear()
        self.all_master = False

    def _transaction(self, body: Callable[[], Any]) -> Any:
        self._begin()
        try:
            out = body()
            self._commit()
        except BaseException:
            self._abort()
            raise
        return out

    # ------------------------------------------------------------------ loading

    def ensure(self, people: Iterable[PersonKey], cases: Iterable[VCaseKey]) -> None:
        """Load the employees and cases not cached yet."""
        need_p = [k for k in people if k not in self.people_loaded]
        need_c = [k for k in cases if k not in self.cases_loaded]
        if not need_p and not need_c:
            return
        loaded = self.store.load(
            list(dict.fromkeys((ek[0], ek[1], e) for ek, e in need_p)),
            list(dict.fromkeys((ek[0], ek[1], cid) for ek, cid in need_c)),
        )
        self._install(loaded, need_c)
        self.people_loaded.update(need_p)
        self.cases_loaded.update(need_c)

    def ensure_master(self, employers: Iterable[EmployerIds]) -> None:
        """Load the master data of the employers not cached yet."""
        if self.all_master:
            return
        need = [ek for ek in dict.fromkeys(employers) if ek not in self.master_loaded]
        if not need:
            return
        load = getattr(self.store, "load_master", None)
        if load is not None:
            self._install_master(load(need))
        self.master_loaded.update(need)

    def _install_master(self, records: dict[Any, Any]) -> None:
        md = self.v._md
        for key, data in sorted(records.items()):
            if (key[0], key[1]) in self.master_loaded:
                continue
            md.install(key, data, ("master", "/".join(key)))

    def prepare_msg(self, msg: Any) -> None:
        """Load and snapshot what a message touches, before it is judged."""
        from ._masterjudge import MasterMsg

        if type(msg) is not MasterMsg:
            self.prepare(msg.items)
            return
        if getattr(self.store, "load_master", None) is None:
            raise TypeError(
                f"the store {type(self.store).__name__} keeps no master data (it has no "
                "load_master): a master-data message cannot be processed on it"
            )
        self.ensure_master(msg.employers)
        people: list[PersonKey] = []
        for it in msg.items:
            if it.employee_id is not None:
                people.append((it.ek, it.employee_id))
            if it.previous_employee_id is not None:
                people.append((it.ek, it.previous_employee_id))
        self.touch(people, ())

    def load_everything(self) -> None:
        """Load the whole state (for :meth:`~sivi_verzuim.chain.ChainValidator.cases`)."""
        v = self.v
        load = getattr(self.store, "load_master", None)
        if load is not None and not self.all_master:
            self._install_master(load(None))
            self.all_master = True
        loaded = self.store.load_all()
        keys = [(v._ek((k[0], k[1])), k[2]) for k in (*loaded.broken, *loaded.cases)]
        for data in loaded.waiting.values():
            keys += [(v._ek((w[0], w[1])), w[2]) for w in data.get("waits_for", ())]
        self._install(loaded, keys)
        self.cases_loaded.update(keys)

    def _install(self, loaded: Loaded, cases: Collection[VCaseKey]) -> None:
        """Put loaded records into the validator's dicts (skipping what is cached: the
        cache may hold this transaction's changes)."""
        from ._core import _Root
        from ._intake import _Msg

        v = self.v
        reader = _Reader()
        for (e, c, employee), rec in loaded.employees.items():
            ek = v._ek((e, c))
            pk = (ek, employee)
            if pk in self.people_loaded:
                continue
            self.people_loaded.add(pk)
            if rec.known:
                v._known.add(pk)
            if not rec.person:
                continue
            person = v._person(ek, employee)
            person.stale = True
            person.cases = {}
            records = v._cases_of(ek)
            for cid in rec.cases:
                where = ("cases", f"{e}/{c}/{cid}")
                data = loaded.cases.get((e, c, cid))
                if data is None:
                    raise StateError(
                        f"damaged chain state at {where[0]}[{cap_value(where[1])!r}]: the case "
                        f"of employee {cap_value(employee)!r} is missing",
                        location=f"{where[0]}[{where[1]!r}]",
                    )
                cd = _guarded(reader.case, data, where)
                if cd.key[1] != cid or cd.employee != employee:
                    raise StateError(
                        f"damaged chain state at cases[{where[1]!r}]: the case is not case "
                        f"{cap_value(cid)!r} of employee {cap_value(employee)!r}",
                        location=f"cases[{where[1]!r}]",
                    )
                records[cid] = new_case(
                    cid,
                    person.employee_id,
                    cd.employment,
                    cd.status,
                    cd.first,
                    cd.pct,
                    cd.end,
                    cd.seq,
                    cd.date,
                    cd.history,
                    cd.linked,
                    cd.resync,
                    cd.baseline_sequence,
                    cd.classification,
                )
                person.cases[cid] = None
        wanted = set(cases)
        for (e, c, cid), data in loaded.broken.items():
            key = (v._ek((e, c)), cid)
            if key not in wanted or key in self.cases_loaded:
                continue
            b = _guarded(reader.broken, data, ("broken", f"{e}/{c}/{cid}"))
            v._broken[key] = _Root(b.finding, b.reference, b.sequence)
        for index, data in sorted(loaded.waiting.items()):
            if index in v._parked:
                continue
            m, keys = _guarded(reader.waiting, data, ("waiting", index))
            msg = _Msg.from_data(m)
            assert type(msg) is _Msg  # the reader refuses a waiting master-data message
            vkeys = [(v._ek(k[0]), k[1]) for k in keys]
            v._parked[msg.index] = (msg, vkeys)
            for key in vkeys:
                v._waiting.setdefault(key, []).append(msg)

    def prepare(self, items: Sequence[Any]) -> None:
        """Load and snapshot what a message's mutations touch, before it is judged."""
        people: list[PersonKey] = []
        cases: list[VCaseKey] = []
        employers: dict[EmployerIds, None] = {}
        for ek, employee, _, m, _, _ in items:
            employers[ek] = None
            people.append((ek, employee))
            cases.append((ek, m.absence_case_id))
            prev = m.previous_absence_case_id
            if prev is not None and prev != m.absence_case_id:
                cases.append((ek, prev))
        self.ensure_master(employers)
        self.touch(people, cases)

    def touch(self, people: Iterable[PersonKey], cases: Iterable[VCaseKey]) -> None:
        people = list(people)
        cases = list(cases)
        self.ensure(people, cases)
        tx = self.tx
        assert tx is not None
        v = self.v
        for key in cases:
            case = v._case(key)
            if case is not None:
                people.append((key[0], case[EMPLOYEE]))
            if key not in tx.broken:
                tx.broken[key] = v._broken.get(key)
        snaps = tx.people
        for pk in people:
            if pk not in snaps:
                snaps[pk] = self._snapshot(pk)

    def _snapshot(self, pk: PersonKey) -> Snapshot:
        v = self.v
        known = pk in v._known
        people = v._persons.get(pk[0])
        person = people.get(pk[1]) if people is not None else None
        if person is None:
            return (known, None, ())
        records = v._emps.get(pk[0])
        if records is None:
            return (known, person, ())
        return (known, person, tuple((cid, records[cid]) for cid in person.cases))

    # ------------------------------------------------------------------ writing

    def _changes(self, changes: Changes) -> Changes:
        from ._persist import broken_to_dict, case_to_dict, waiting_to_dict

        v = self.v
        tx = self.tx
        assert tx is not None
        # employees and their cases
        deleted: set[CaseKey] = set()
        for pk, (known0, person0, cases0) in tx.people.items():
            (e, c), employee = pk
            known1, person1, cases1 = self._snapshot(pk)
            ids0 = [cid for cid, _ in cases0]
            ids1 = [cid for cid, _ in cases1]
            if known0 != known1 or (person0 is None) != (person1 is None) or ids0 != ids1:
                if known1 or person1 is not None:
                    rec = EmployeeRecord(known1, person1 is not None, tuple(ids1))
                    changes.employees[(e, c, employee)] = rec
                else:
                    changes.employees[(e, c, employee)] = None
            # a record is replaced, never changed, when its case changes; a renamed case is
            # its new id written and its old id deleted
            before = dict(cases0)
            for cid, case in cases1:
                old = before.pop(cid, None)
                if old is None or (old is not case and old != case):
                    changes.cases[(e, c, cid)] = case_to_dict(pk[0], case)
            for cid in before:
                deleted.add((e, c, cid))
        for ck in deleted:
            if ck not in changes.cases:
                changes.cases[ck] = None
        # broken cases
        for key, root0 in tx.broken.items():
            root1 = v._broken.get(key)
            if root1 is not root0:
                ck = (key[0][0], key[0][1], key[1])
                changes.broken[ck] = None if root1 is None else broken_to_dict(key, root1)
        # held and waiting messages
        for index, data in tx.queued.items():
            changes.parked[index] = None if data is None else (True, data)
        for index in v._tx_parked or ():
            entry = v._parked.get(index)
            changes.parked[index] = None if entry is None else (False, waiting_to_dict(*entry))
        # metadata
        index, held, baselines = tx.meta
        if v._index != index:
            changes.meta["next_index"] = v._index
        if v._held != held and not self.resuming:
            changes.meta["held"] = v._held
        if tuple(v._baselines) != baselines:
            changes.meta["baselines"] = list(v._baselines)
        dirty = v._md.dirty
        if dirty:
            for mkey in sorted(dirty):
                changes.master[mkey] = v._md.record(mkey)
            dirty.clear()
        changes.messages.extend(tx.entries.values())
        changes.answers.extend(tx.answers)
        return changes

    def _log(self, result: MessageResult, primary: MessageEntry | None = None) -> None:
        """Log a result and its resolved ones (latest result per message), and answer the
        final ones."""
        tx = self.tx
        assert tx is not None
        if primary is not None:
            tx.entries[result.index] = primary
        else:
            self._entry(result)
        self._answer(result)
        for r in result.resolved:
            self._entry(r)
            self._answer(r)

    def _entry(self, r: MessageResult) -> None:
        tx = self.tx
        assert tx is not None
        old = tx.entries.get(r.index)
        data = result_to_data(r)
        tx.entries[r.index] = (
            MessageEntry(r.index, data) if old is None else attrs.evolve(old, result=data)
        )

    def _answer(self, r: MessageResult, data: bytes | None = None) -> None:
        tx = self.tx
        assert tx is not None
        if not r.status.answered or r.index in tx.answered:
            return
        tx.answered.add(r.index)
        error = None
        if data is None:
            try:
                data = self.answer(r)
            except Exception as exc:
                error = cap_value(f"{type(exc).__name__}: {exc}", 300)
        index = r.index if r.index >= 0 else None  # a file no validator read
        tx.answers.append(Answer(index, answer_name(r), data, error))

    # ------------------------------------------------------------------ messages

    def process(
        self,
        message: Any,
        file: str | None,
        digest: str | None,
        delivery: Delivery | None,
    ) -> MessageResult:
        v = self.v
        self._begin()
        try:
            msg = v._interpret(message, file)
            if digest is None:
                digest = message_digest(message)
            logged = None
            if msg.reference is not None:
                logged = self.store.logged(msg.sender, msg.reference)
            extra = Changes()
            if logged is not None:
                result = self._again(msg, logged, digest)
                if delivery is not None:
                    extra.deliveries.append(
                        attrs.evolve(delivery, index=None, result=result_to_data(result))
                    )
            else:
                result = self._judge(msg)
                entry = MessageEntry(
                    msg.index,
                    result_to_data(result),
                    msg.sender,
                    msg.reference,
                    digest,
                    tuple(r.index for r in result.resolved),
                )
                self._log(result, entry)
                if delivery is not None:
                    extra.deliveries.append(attrs.evolve(delivery, index=msg.index, result=None))
            self._commit(extra)
        except BaseException:
            self._abort()
            raise
        return result

    def _judge(self, msg: _Msg | MasterMsg) -> MessageResult:
        from ._results import Status

        v = self.v
        if msg.findings:
            return msg.result(Status.REJECTED, (), msg.findings)
        if v._authorized is not None:
            refused = v._unauthorised(msg)
            if refused is not None:
                return refused
        if v._held:
            from ._intake import held_result

            tx = self.tx
            assert tx is not None
            tx.queued[msg.index] = msg.to_dict()
            return held_result(msg)
        self.prepare_msg(msg)
        return v._process_msg(msg)

    def _again(self, msg: _Msg | MasterMsg, logged: Logged, digest: str) -> MessageResult:
        """The result of a message whose sender and reference the log holds."""
        from ._results import Status

        release = msg.release.value if msg.release else None
        ref = msg.reference or ""
        sender = msg.sender or ""
        first = logged.first_processed
        if logged.digest == digest:
            original = result_from_data(logged.result, ("log", logged.index))
            finding = Finding(
                "chain.redelivered",
                _INFO,
                f"message {ref} of sender {sender} was delivered before: first processed at "
                f"{first}; its original result ({original.status.value}) and answer are given "
                "again, it is not judged again",
                path=_BERREFNR,
                value=ref,
                release=release,
                file=msg.file,
            )
            # given again, it changed nothing: no events (replaying them would undo later ones)
            mutations = tuple(m.without_events() for m in original.mutations)
            records = tuple(r.without_events() for r in original.records)
            result = MessageResult(
                original.status,
                mutations,
                (finding, *original.findings),
                msg,
                records=records,
            )
            if original.status.answered:
                data = self.store.answer(logged.index)
                if data is not None:
                    self._answer(result, data)
                else:
                    self._answer(result)
            return result
        finding = Finding(
            "chain.reference-reused",
            _ERROR,
            f"sender {sender} already delivered a message with reference {ref} (first "
            f"processed at {first}) with other content: a new message needs a new Berrefnr; "
            "not processed",
            path=_BERREFNR,
            value=ref,
            release=release,
            file=msg.file,
        )
        result = msg.result(Status.REJECTED, (), (finding,))
        self._answer(result)
        return result

    def record(self, result: MessageResult, delivery: Delivery) -> None:
        def body() -> None:
            self._answer(result)

        self._begin()
        try:
            body()
            extra = Changes(
                deliveries=[attrs.evolve(delivery, index=None, result=result_to_data(result))]
            )
            self._commit(extra)
        except BaseException:
            self._abort()
            raise

    # ------------------------------------------------------------------ hold, resume, repair

    def hold(self) -> None:
        def body() -> None:
            self.v._held = True

        self._transaction(body)

    def resume(self) -> list[MessageResult]:
        from ._intake import _Msg

        v = self.v
        results: list[MessageResult] = []
        after = -1
        reader = _Reader()
        was_held = v._held
        self.resuming = True
        try:
            while True:
                self._begin()
                try:
                    rows = self.store.parked(True, after, 1)
                    if not rows:
                        v._held = False
                        self.resuming = False
                        self._commit(Changes(meta={"held": False}) if was_held else None)
                        break
                    m = _guarded(reader.message, rows[0], ("queue", after + 1))
                    msg = _Msg.from_data(m)
                    tx = self.tx
                    assert tx is not None
                    tx.queued[msg.index] = None
                    v._held = False
                    self.prepare_msg(msg)
                    result = v._process_msg(msg)
                    entry = MessageEntry(
                        msg.index,
                        result_to_data(result),
                        resolved=tuple(r.index for r in result.resolved),
                        resumed=True,
                    )
                    self._log(result, entry)
                    self._commit()
                except BaseException:
                    self._abort()
                    raise
                after = msg.index
                results.append(result)
        finally:
            self.resuming = False
        return results

    def references(self, queued: bool) -> tuple[str | None, ...]:
        return tuple(m.get("reference") for m in self.store.parked(queued))

    def load_baseline(self, baseline: Baseline) -> None:
        v = self.v

        def body() -> None:
            todo, fingerprints, problems = baseline_to_load(baseline, v._baselines)
            if not fingerprints and not problems:
                return
            people = [
                (v._ek((e.employer_id, e.connection_number)), e.employee_id) for e in todo.employees
            ]
            people += [
                (v._ek((c.employer_id, c.connection_number)), c.employee_id) for c in todo.cases
            ]
            cases = [(v._ek((c.employer_id, c.connection_number)), c.case_id) for c in todo.cases]
            self.touch(people, cases)
            from ._validator import baseline_units

            self.ensure_master(
                v._ek((u.employer_id, u.connection_number)) for u in baseline_units(todo)
            )
            v._load_baseline(baseline)

        self._transaction(body)

    def reset_case(
        self, employer_id: str, connection_number: str, case_id: str, forget: bool
    ) -> list[MessageResult]:
        v = self.v

        def body() -> list[MessageResult]:
            key = (v._ek((employer_id, connection_number)), case_id)
            self.touch((), (key,))
            results = v._reset_case(employer_id, connection_number, case_id, forget)
            for r in results:
                self._entry(r)
                self._answer(r)
            return results

        out: list[MessageResult] = self._transaction(body)
        return out


def _guarded(read: Callable[[Any, Any], Any], value: Any, path: tuple[Any, ...]) -> Any:
    try:
        return read(value, path)
    except StateError:
        raise
    except Exception as exc:
        raise damaged(path, exc) from exc


def _auth_data(value: frozenset[tuple[str, str]] | None) -> list[list[str]] | None:
    return None if value is None else sorted([list(p) for p in value])
