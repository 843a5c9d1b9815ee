"""Hypothesis strategies for absence chains: valid ones, and ones with one defect injected.

::

    from hypothesis import given
    from sivi_verzuim.chain import ChainValidator
    from sivi_verzuim.chain.testing import broken_chains, chains

    @given(chains())
    def test_valid_chains_are_accepted(chain):
        validator = ChainValidator(baseline=chain.baseline)
        assert all(r.status.processed for r in validator.process_all(chain.messages))

    @given(broken_chains())
    def test_defects_are_found(chain):
        results = ChainValidator(baseline=chain.baseline, authorized=chain.authorized)
        ...  # chain.code is found on message chain.root; chain.later are consequential

A chain is a list of Verzuimmeldingen, one mutation per message, for a few employees of one
employer (``WG-1`` / ``AANS-1``), each going through absence cases: a sick report (``01``),
partial recoveries that lower the percentage (``02``), and usually a full recovery (``02``
with ``EndVrzmJN`` J), sometimes a fitting correction (``03``) or a sync (``05``). Messages
are ordered by date; every message is valid against its release's schema. With
``as_model=True`` the messages are :class:`~sivi_verzuim.model.AbsenceMessage` objects (much
faster to build) carrying the release's version code.

Requires the ``hypothesis`` package (a test dependency, not a run-time one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from .._codec import Message
from .._mapping import from_model
from ..model import (
    AbsenceCause,
    AbsenceEndReason,
    AbsenceMessage,
    AbsenceMutation,
    Communication,
    CommunicationType,
    ContactPerson,
    ContactPersonRole,
    Employee,
    Employer,
    Employment,
    Gender,
    Header,
    NamePreference,
    ProcessingCode,
    YesNoUnknown,
)
from ..releases import MessageType, Release
from ._baseline import Baseline, BaselineCase, BaselineEmployee
from ._results import Status

__all__ = ["DEFECTS", "BrokenChain", "Chain", "absence_message", "broken_chains", "chains"]

EMPLOYER = ("WG-1", "AANS-1")
"""The employer (``IdWrkgvrArbdnst``, ``AansltnrGeguitwlngArbdnst``) of generated chains."""

OTHER_EMPLOYER = ("WG-OTHER", "AANS-9")
"""The employer of the message the ``unauthorised-employer`` defect injects."""

DEFECTS: dict[str, str] = {
    "start-without-sick-report": "chain.start-without-sick-report",
    "unknown-employee": "chain.unknown-employee",
    "sequence-gap": "chain.sequence-gap",
    "sequence-reused": "chain.sequence-reused",
    "mutation-before-first-day": "chain.mutation-before-first-day",
    "recovery-before-first-day": "chain.recovery-before-first-day",
    "mutation-date-backwards": "chain.mutation-date-backwards",
    "first-day-changed": "chain.first-day-changed",
    "percentage-range": "chain.percentage-range",
    "one-open-case": "chain.one-open-case",
    "overlap": "chain.overlap",
    "after-end": "chain.after-end",
    "case-withdrawn": "chain.case-withdrawn",
    "recovery-reason-without-end": "chain.recovery-reason-without-end",
    "correction-mismatch": "chain.correction-mismatch",
    "case-identity": "chain.case-identity",
    "unauthorised-employer": "chain.unauthorised-employer",
}
"""Defect name -> the rule code that must find it."""

_START = dt.date(2021, 1, 4)
_DAY = dt.timedelta(days=1)


@attrs.frozen
class Chain:
    """Valid chains of absence mutations.

    Attributes:
        messages: the messages, in the order to process them.
        release: the release they are written in.
        baseline: the go-live baseline the chains need (cases that began before go-live), or
            None.
    """

    messages: tuple[Any, ...]
    release: Release
    baseline: Baseline | None = None


@attrs.frozen
class BrokenChain:
    """Chains with one defect injected into one case.

    Attributes:
        messages: the messages, in the order to process them.
        release: the release they are written in.
        defect: the defect's name (a key of :data:`DEFECTS`).
        code: the rule code that must be among the findings of the root message.
        root: index (in :attr:`messages`) of the message carrying the defect.
        status: the status the root message must get (``rejected``, or ``pending`` for a
            sequence gap that is never filled).
        later: indices of later messages about the damaged case: ``consequential`` after a
            rejection (``pending`` after a gap).
        baseline: the baseline to load, or None.
        authorized: the employers to authorise (None: all).
    """

    messages: tuple[Any, ...]
    release: Release
    defect: str
    code: str
    root: int
    status: Status
    later: tuple[int, ...]
    baseline: Baseline | None = None
    authorized: frozenset[tuple[str, str]] | None = None


@attrs.define
class _Event:
    """One mutation to send (internal)."""

    employee: str
    case: str
    seq: int
    code: ProcessingCode
    md: dt.date
    fd: dt.date
    pct: Decimal
    ended: bool = False
    rd: dt.date | None = None
    reason: AbsenceEndReason | None = None
    old_fd: dt.date | None = None
    old_md: dt.date | None = None
    old_case: str | None = None
    when: dt.date | None = None  # the sending date (ordering); default md
    employer: tuple[str, str] = EMPLOYER
    tag: str = ""  # marks events a test wants to find back

    @property
    def sent(self) -> dt.date:
        return self.when or self.md


# --------------------------------------------------------------------------- planning


@st.composite
def _case_events(
    draw: st.DrawFn,
    employee: str,
    case: str,
    first: dt.date,
    *,
    allow_open: bool,
    allow_extras: bool,
) -> tuple[list[_Event], dt.date | None]:
    """The events of one valid case; returns them and the case's end (None while open)."""
    events: list[_Event] = []
    pct = draw(st.sampled_from([Decimal("100.00"), Decimal("100.00"), Decimal("80.00")]))
    events.append(_Event(employee, case, 1, ProcessingCode.NEW, first, first, pct))
    day = first
    seq = 1
    for _ in range(draw(st.integers(0, 3))):
        lower = draw(st.integers(1, 4))
        new = (pct - Decimal(lower) * Decimal("10.00")).max(Decimal("0.00"))
        if new == pct:
            break
        day += draw(st.integers(1, 14)) * _DAY
        seq += 1
        pct = new
        events.append(_Event(employee, case, seq, ProcessingCode.CHANGE, day, first, pct))
    if allow_extras and draw(st.integers(0, 4)) == 0:
        # a fitting correction: the first day of absence was one day later
        day += _DAY
        seq += 1
        later = first + _DAY
        events.append(
            _Event(employee, case, seq, ProcessingCode.CORRECTION, day, later, pct, old_fd=first)
        )
        first = later
    if allow_extras and draw(st.integers(0, 5)) == 0:
        day += _DAY
        seq += 1
        events.append(_Event(employee, case, seq, ProcessingCode.SYNCHRONISE, day, first, pct))
    if allow_open and draw(st.integers(0, 3)) == 0:
        return events, None
    day += draw(st.integers(1, 21)) * _DAY
    seq += 1
    events.append(
        _Event(
            employee,
            case,
            seq,
            ProcessingCode.CHANGE,
            day,
            first,
            Decimal("0.00"),
            ended=True,
            rd=day,
            reason=AbsenceEndReason.CODE_01,
        )
    )
    return events, day


@st.composite
def _employee_events(
    draw: st.DrawFn, employee: str, max_cases: int, *, allow_extras: bool
) -> list[_Event]:
    events: list[_Event] = []
    day = _START + draw(st.integers(0, 20)) * _DAY
    cases = draw(st.integers(1, max_cases))
    for k in range(cases):
        last = k == cases - 1
        case_events, end = draw(
            _case_events(
                employee, f"{employee}-C{k + 1}", day, allow_open=last, allow_extras=allow_extras
            )
        )
        events += case_events
        if end is None:
            break
        # the next case starts on or after the recovery: sometimes within 28 days (compound)
        day = end + draw(st.integers(0, 70)) * _DAY
    return events


def _order(events: list[_Event]) -> list[_Event]:
    """Events in sending order: by date, then by employee, keeping each case's order."""
    indexed = list(enumerate(events))
    indexed.sort(key=lambda p: (p[1].sent, p[1].employee, p[0]))
    return [e for _, e in indexed]


# --------------------------------------------------------------------------- messages


def _contact() -> ContactPerson:
    return ContactPerson(
        surname="Bakker",
        initials="M.",
        gender=Gender.FEMALE,
        role=ContactPersonRole.CODE_01,
        communications=(
            Communication(
                communication_type=CommunicationType.CODE_06, number_or_address="0301234567"
            ),
        ),
    )


def _mutation(e: _Event) -> AbsenceMutation:
    return AbsenceMutation(
        processing_code=e.code,
        mutation_date=e.md,
        previous_mutation_date=e.old_md,
        absence_case_id=e.case,
        previous_absence_case_id=e.old_case,
        report_sequence_number=e.seq,
        absence_ended=e.ended,
        first_absence_date=e.fd,
        previous_first_absence_date=e.old_fd,
        recovery_date=e.rd,
        absence_percentage=e.pct,
        absence_cause=AbsenceCause.CODE_99,
        safety_net=YesNoUnknown.NO,
        absence_end_reason=e.reason,
        contact_persons=(_contact(),),
    )


def _message(index: int, e: _Event, release: Release) -> AbsenceMessage:
    mt = MessageType.VERZUIMMELDINGEN
    header = Header(
        message_code=mt.default_brcd(),
        message_version_code=mt.default_vnrbrcd(release),
        creation_date=e.sent,
        creation_time=dt.time(9, 30),
        sender_id="HR-TEST",
        recipient_id="ARBO-TEST",
        message_reference=f"VZ-T-{index + 1:05d}",
        test_message=False,
        receipt_requested=True,
        software_package="sivi_verzuim tests" if release.year >= 2020 else None,
    )
    employment = Employment(
        employment_id=f"DV-{e.employee}",
        start_date=dt.date(2010, 1, 1),
        organisational_unit_code="PROD",
        absence_mutations=(_mutation(e),),
        contact_persons=(_contact(),),
    )
    employee = Employee(
        birth_date=dt.date(1980, 1, 1),
        surname_without_prefix="Jansen",
        initials="J.",
        name_preference=NamePreference.CODE_01,
        gender=Gender.FEMALE,
        employee_id=e.employee,
        employments=(employment,),
    )
    employer = Employer(
        trade_name="Testbedrijf B.V.",
        employer_id=e.employer[0],
        connection_number=e.employer[1],
        employees=(employee,),
    )
    return AbsenceMessage(header=header, employers=(employer,))


def _messages(events: Sequence[_Event], release: Release, as_model: bool) -> tuple[Any, ...]:
    models = [_message(i, e, release) for i, e in enumerate(events)]
    if as_model:
        return tuple(models)
    out: list[Message] = [from_model(m, release) for m in models]
    return tuple(out)


def _releases(release: Release | None) -> st.SearchStrategy[Release]:
    return st.just(release) if release is not None else st.sampled_from(list(Release))


def absence_message(
    case_id: str,
    sequence: int,
    code: str | ProcessingCode = "01",
    *,
    mutation_date: dt.date,
    first_absence_date: dt.date | None = None,
    percentage: str | Decimal = "100.00",
    ended: bool = False,
    recovery_date: dt.date | None = None,
    end_reason: str | None = None,
    employee: str = "EXT-001",
    employer: tuple[str, str] = EMPLOYER,
    previous_first_absence_date: dt.date | None = None,
    previous_mutation_date: dt.date | None = None,
    previous_case_id: str | None = None,
    reference: str | None = None,
    release: Release = Release.R2024,
    sent: dt.date | None = None,
) -> AbsenceMessage:
    """One Verzuimmeldingen message (as a model) with one absence mutation, for tests.

    The employment is ``DV-<employee>``; ``first_absence_date`` defaults to the mutation
    date; ``reference`` (``Berrefnr``) defaults to ``VZ-<case>-<sequence>``.
    """
    event = _Event(
        employee,
        case_id,
        sequence,
        ProcessingCode(code),
        mutation_date,
        first_absence_date or mutation_date,
        Decimal(percentage),
        ended=ended,
        rd=recovery_date,
        reason=AbsenceEndReason(end_reason) if end_reason else None,
        old_fd=previous_first_absence_date,
        old_md=previous_mutation_date,
        old_case=previous_case_id,
        when=sent,
        employer=employer,
    )
    model = _message(0, event, release)
    ref = reference or f"VZ-{case_id}-{sequence}"
    return attrs.evolve(model, header=attrs.evolve(model.header, message_reference=ref))


# --------------------------------------------------------------------------- baseline


def _split_baseline(draw: st.DrawFn, events: list[_Event]) -> tuple[list[_Event], Baseline | None]:
    """Move the first reports of some employees' first cases into a go-live baseline."""
    first_case: dict[str, str] = {}
    by_case: dict[str, list[_Event]] = {}
    for e in events:
        first_case.setdefault(e.employee, e.case)
        by_case.setdefault(e.case, []).append(e)
    rows: list[BaselineCase] = []
    people: list[BaselineEmployee] = []
    dropped: set[int] = set()
    for employee, case in first_case.items():
        evs = by_case[case]
        if len(evs) < 2 or not draw(st.booleans()):
            continue
        cut = draw(st.integers(1, len(evs) - 1))
        last = evs[cut - 1]
        rows.append(
            BaselineCase(
                employer_id=EMPLOYER[0],
                connection_number=EMPLOYER[1],
                employee_id=employee,
                employment_id=f"DV-{employee}",
                case_id=case,
                first_absence_date=last.fd,
                absence_percentage=last.pct,
                last_sequence=last.seq,
                last_mutation_date=last.md,
            )
        )
        people.append(BaselineEmployee(EMPLOYER[0], EMPLOYER[1], employee))
        dropped.update(id(e) for e in evs[:cut])
    if not rows:
        return events, None
    return [e for e in events if id(e) not in dropped], Baseline(people, rows)


# --------------------------------------------------------------------------- strategies


def chains(
    release: Release | None = None,
    *,
    employees: int = 3,
    max_cases: int = 3,
    as_model: bool = False,
    baseline: bool | None = False,
    extras: bool = True,
) -> st.SearchStrategy[Chain]:
    """Valid chains: every message is accepted (compound absence is only flagged).

    Args:
        release: the release to write; None draws one.
        employees: at most this many employees (at least one).
        max_cases: at most this many cases per employee.
        as_model: give :class:`~sivi_verzuim.model.AbsenceMessage` objects instead of
            :class:`~sivi_verzuim.Message` (no schema round trip; much faster).
        baseline: True puts the early reports of some cases into a go-live baseline (the
            messages then start with a partial recovery or an end of a baseline case); None
            draws whether to; False never.
        extras: also draw fitting corrections (``03``) and syncs (``05``).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Chain:
        rel = draw(_releases(release))
        count = draw(st.integers(1, employees))
        events: list[_Event] = []
        for n in range(count):
            events += draw(_employee_events(f"EXT-{n + 1:03d}", max_cases, allow_extras=extras))
        base = None
        if baseline is True or (baseline is None and draw(st.booleans())):
            events, base = _split_baseline(draw, events)
        ordered = _order(events)
        return Chain(_messages(ordered, rel, as_model), rel, base)

    return build()


def broken_chains(
    defect: str | None = None,
    release: Release | None = None,
    *,
    employees: int = 2,
    as_model: bool = False,
) -> st.SearchStrategy[BrokenChain]:
    """Valid background chains plus one target case with one defect (see :data:`DEFECTS`).

    The target case of employee ``EXT-T`` is a sick report (100 %), two partial recoveries
    (60 %, 30 %) and a full recovery; the defect is injected there (or next to it). The
    result says which message must carry the rule code and which later messages must be
    consequential (or pending).

    Args:
        defect: the defect to inject; None draws one.
        release: the release to write; None draws one.
        employees: at most this many background employees (0 or more are drawn).
        as_model: give model objects instead of messages (see :func:`chains`).

    Raises:
        ValueError: an unknown defect.
    """
    if defect is not None and defect not in DEFECTS:
        raise ValueError(f"unknown defect {defect!r}; known: {', '.join(DEFECTS)}")

    @st.composite
    def build(draw: st.DrawFn) -> BrokenChain:
        rel = draw(_releases(release))
        name = defect or draw(st.sampled_from(list(DEFECTS)))
        background: list[_Event] = []
        for n in range(draw(st.integers(0, employees))):
            background += draw(_employee_events(f"EXT-{n + 1:03d}", 2, allow_extras=False))
        start = _START + draw(st.integers(60, 200)) * _DAY
        target = _inject(name, start)
        events = _order(background + target)
        root = next(i for i, e in enumerate(events) if e.tag == "root")
        later = tuple(i for i, e in enumerate(events) if e.tag == "later")
        status = Status.PENDING if name == "sequence-gap" else Status.REJECTED
        authorized = frozenset({EMPLOYER}) if name == "unauthorised-employer" else None
        return BrokenChain(
            _messages(events, rel, as_model),
            rel,
            name,
            DEFECTS[name],
            root,
            status,
            later,
            None,
            authorized,
        )

    return build()


def _inject(defect: str, start: dt.date) -> list[_Event]:
    """The target employee's events with the defect, root and later events tagged."""
    emp = "EXT-T"
    case = "EXT-T-TARGET"
    fd = start
    E = ProcessingCode
    sick = _Event(emp, case, 1, E.NEW, fd, fd, Decimal("100.00"))
    part1 = _Event(emp, case, 2, E.CHANGE, fd + 7 * _DAY, fd, Decimal("60.00"))
    part2 = _Event(emp, case, 3, E.CHANGE, fd + 14 * _DAY, fd, Decimal("30.00"))
    end_day = fd + 21 * _DAY
    end = _Event(
        emp,
        case,
        4,
        E.CHANGE,
        end_day,
        fd,
        Decimal("0.00"),
        ended=True,
        rd=end_day,
        reason=AbsenceEndReason.CODE_01,
    )
    # an earlier, closed case makes the employee known (unless the defect wants otherwise)
    prior_fd = fd - 90 * _DAY
    prior = [
        _Event(emp, "EXT-T-PRIOR", 1, E.NEW, prior_fd, prior_fd, Decimal("100.00")),
        _Event(
            emp,
            "EXT-T-PRIOR",
            2,
            E.CHANGE,
            prior_fd + 10 * _DAY,
            prior_fd,
            Decimal("0.00"),
            ended=True,
            rd=prior_fd + 10 * _DAY,
            reason=AbsenceEndReason.CODE_01,
        ),
    ]
    case_events = [sick, part1, part2, end]

    def tag(root: _Event, *later: _Event) -> None:
        root.tag = "root"
        for e in later:
            e.tag = "later"

    def renumber(events: list[_Event], after: int) -> None:
        for e in events:
            if e.case == case and e.seq > after:
                e.seq += 1

    if defect == "start-without-sick-report":
        case_events.remove(sick)
        tag(part1, part2, end)
    elif defect == "unknown-employee":
        prior = []
        case_events.remove(sick)
        tag(part1, part2, end)
    elif defect == "sequence-gap":
        case_events.remove(part1)
        tag(part2, end)
    elif defect == "sequence-reused":
        again = attrs.evolve(part1, pct=Decimal("55.00"))
        case_events.insert(2, again)
        tag(again, part2, end)
    elif defect == "mutation-before-first-day":
        sick.md = fd - _DAY
        sick.when = fd
        tag(sick, part1, part2, end)
    elif defect == "recovery-before-first-day":
        end.rd = fd - _DAY
        after = _Event(emp, case, 5, E.CHANGE, end_day + _DAY, fd, Decimal("20.00"))
        case_events.append(after)
        tag(end, after)
    elif defect == "mutation-date-backwards":
        part2.when = part2.md
        part2.md = part1.md - _DAY
        tag(part2, end)
    elif defect == "first-day-changed":
        part2.fd = fd + _DAY
        tag(part2, end)
    elif defect == "percentage-range":
        sick.pct = Decimal("150.00")
        tag(sick, part1, part2, end)
    elif defect == "one-open-case":
        other = _Event(
            emp, "EXT-T-SECOND", 1, E.NEW, fd + 10 * _DAY, fd + 10 * _DAY, Decimal("100.00")
        )
        other_next = _Event(
            emp, "EXT-T-SECOND", 2, E.CHANGE, fd + 30 * _DAY, fd + 10 * _DAY, Decimal("50.00")
        )
        case_events += [other, other_next]
        tag(other, other_next)
    elif defect == "overlap":
        other_fd = fd + 10 * _DAY
        other = _Event(emp, "EXT-T-SECOND", 1, E.NEW, end_day + _DAY, other_fd, Decimal("100.00"))
        other_next = _Event(
            emp, "EXT-T-SECOND", 2, E.CHANGE, end_day + 9 * _DAY, other_fd, Decimal("50.00")
        )
        case_events += [other, other_next]
        tag(other, other_next)
    elif defect == "after-end":
        again = _Event(emp, case, 5, E.CHANGE, end_day + 7 * _DAY, fd, Decimal("20.00"))
        more = _Event(emp, case, 6, E.CHANGE, end_day + 14 * _DAY, fd, Decimal("10.00"))
        case_events += [again, more]
        tag(again, more)
    elif defect == "case-withdrawn":
        withdrawal = _Event(emp, case, 3, E.DELETE, part1.md + _DAY, fd, Decimal("60.00"))
        renumber(case_events, 2)
        case_events.insert(2, withdrawal)
        tag(part2, end)
    elif defect == "recovery-reason-without-end":
        part1.reason = AbsenceEndReason.CODE_01
        tag(part1, part2, end)
    elif defect == "correction-mismatch":
        corr = _Event(emp, case, 3, E.CORRECTION, part1.md + _DAY, fd, Decimal("60.00"))
        corr.old_fd = fd - 5 * _DAY
        renumber(case_events, 2)
        case_events.insert(2, corr)
        tag(corr, part2, end)
    elif defect == "case-identity":
        intruder = _Event("EXT-U", case, 3, E.CHANGE, part1.md + _DAY, fd, Decimal("50.00"))
        renumber(case_events, 2)
        case_events.insert(2, intruder)
        u_fd = fd - 60 * _DAY
        prior += [
            _Event("EXT-U", "EXT-U-PRIOR", 1, E.NEW, u_fd, u_fd, Decimal("100.00")),
            _Event(
                "EXT-U",
                "EXT-U-PRIOR",
                2,
                E.CHANGE,
                u_fd + 5 * _DAY,
                u_fd,
                Decimal("0.00"),
                ended=True,
                rd=u_fd + 5 * _DAY,
                reason=AbsenceEndReason.CODE_01,
            ),
        ]
        tag(intruder, part2, end)
    elif defect == "unauthorised-employer":
        foreign = _Event(
            "EXT-X", "EXT-X-C1", 1, E.NEW, part1.md + _DAY, part1.md + _DAY, Decimal("100.00")
        )
        foreign.employer = OTHER_EMPLOYER
        case_events.insert(2, foreign)
        tag(foreign)
    else:  # pragma: no cover - guarded by broken_chains
        raise ValueError(defect)
    return prior + case_events
