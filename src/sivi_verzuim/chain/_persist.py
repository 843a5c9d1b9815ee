"""Persistence: the state as a versioned JSON document (save) and back (restore)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._state import (
    BASELINE,
    CASE_ID,
    CLASS,
    DATE,
    EMPLOYEE,
    EMPLOYMENT,
    END,
    FIRST,
    FORMAT,
    LINKED,
    PCT,
    RESYNC,
    SEQ,
    STATUS,
    VERSION,
    Case,
    Person,
    finding_to_dict,
    iso,
    key_to_json,
    new_case,
    reports,
    status_name,
)
from ._stateread import StateData

if TYPE_CHECKING:
    pass
from ._core import (
    CaseKey,
    ValidatorBase,
    _Root,
)
from ._intake import _Msg

__all__ = ["Persistence", "broken_to_dict", "case_to_dict", "waiting_to_dict"]


def case_to_dict(ek: tuple[str, str], c: Case) -> dict[str, Any]:
    """A case record of employer ``ek`` as the state document holds it."""
    eid, conn = ek
    return {
        "employer_id": eid,
        "connection_number": conn,
        "case_id": c[CASE_ID],
        "employee_id": c[EMPLOYEE],
        "employment_id": c[EMPLOYMENT],
        "status": status_name(c[STATUS]),
        "first_absence_date": iso(c[FIRST]),
        "absence_percentage": str(c[PCT]),
        "end_date": iso(c[END]),
        "last_sequence": c[SEQ],
        "last_mutation_date": iso(c[DATE]),
        "linked_case": c[LINKED],
        "resync": c[RESYNC],
        "baseline_sequence": c[BASELINE],
        "classification": c[CLASS],
        "reports": [[s, key_to_json(k)] for s, k in reports(c)],
    }


def broken_to_dict(key: CaseKey, root: _Root) -> dict[str, Any]:
    """A broken case as the state document holds it."""
    return {
        "employer_id": key[0][0],
        "connection_number": key[0][1],
        "case_id": key[1],
        "root": finding_to_dict(root.finding),
        "reference": root.reference,
        "sequence": root.sequence,
    }


def waiting_to_dict(msg: _Msg, keys: Sequence[CaseKey]) -> dict[str, Any]:
    """A waiting message as the state document holds it."""
    entry = msg.to_dict()
    entry["waits_for"] = [[k[0][0], k[0][1], k[1]] for k in keys]
    return entry


class Persistence(ValidatorBase):
    """Persistence: a stage of
    :class:`~sivi_verzuim.chain.ChainValidator`."""

    def save(self) -> dict[str, Any]:
        """The whole state as a versioned, JSON-able document (see ``docs/chain.md``).

        Includes the configuration, the authorisation, known employees, cases (reports kept
        as fingerprints), broken cases, the held queue, the waiting messages and the master
        data (``master``: employees, employments, units, key changes). With a
        store, the store's state (:meth:`~sivi_verzuim.chain.Store.export`).
        """
        if self._session is not None:
            return self._session.store.export()
        cases = [case_to_dict(ek, c) for ek, c in self._all_cases()]
        broken = [broken_to_dict(key, root) for key, root in sorted(self._broken.items())]
        waiting = [waiting_to_dict(*self._parked[index]) for index in sorted(self._parked)]
        auth = self._authorized
        persons = [
            [ek[0], ek[1], employee, list(p.cases)]
            for ek, people in sorted(self._persons.items())
            for employee, p in sorted(people.items())
        ]
        return {
            "format": FORMAT,
            "version": VERSION,
            "config": self._config.to_dict(),
            "authorized": None if auth is None else sorted([list(p) for p in auth]),
            "held": self._held,
            "next_index": self._index,
            "baselines": list(self._baselines),
            "known_employees": sorted([[ek[0], ek[1], emp] for ek, emp in self._known]),
            "employees": persons,
            "cases": cases,
            "broken": broken,
            "queue": [m.to_dict() for m in self._queue],
            "waiting": waiting,
            "master": [[*key, data] for key, data in self._md.records()],
        }

    def _restore(self, doc: StateData) -> None:
        """Install a document :func:`read_state` has read and checked."""
        self._held = doc.held
        self._index = doc.next_index
        self._baselines = list(doc.baselines)
        self._eks.update(doc.eks)
        self._known = set(doc.known)
        owner: dict[CaseKey, Person] = {}
        for ek, employee, ids in doc.employees:
            person = self._person(ek, employee)
            person.stale = True
            for cid in ids:
                owner[(ek, cid)] = person
        for c in doc.cases:
            person = owner[c.key]
            self._cases_of(c.key[0])[c.key[1]] = new_case(
                c.key[1],
                person.employee_id,
                c.employment,
                c.status,
                c.first,
                c.pct,
                c.end,
                c.seq,
                c.date,
                c.history,
                c.linked,
                c.resync,
                c.baseline_sequence,
                c.classification,
            )
        for ek, employee, ids in doc.employees:
            self._persons[ek][employee].cases = dict.fromkeys(ids)
        for b in doc.broken:
            self._broken[b.key] = _Root(b.finding, b.reference, b.sequence)
        self._queue = [_Msg.from_data(m) for m in doc.queue]
        for m, keys in doc.waiting:
            waiting = _Msg.from_data(m)
            assert type(waiting) is _Msg  # the reader refuses a waiting master-data message
            self._park(waiting, keys)
        for key, data, where in doc.master:
            self._md.install(key, data, where)
