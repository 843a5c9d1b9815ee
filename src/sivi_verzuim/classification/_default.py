"""The default decision table: a documented [decision], not a fact of the standard.

No public source gives the meanings of the codes involved (``OorzkVrzmCd``, ``VngntCd``,
``WAZOCd``, ``BijzRdnStartVrzmCd``, ``SrtDnstvbndCd``), so every row below says why it is there
and how sure we are: *law* (follows from Dutch social-security law and the element's name),
*structure* (follows from the shape of the standard) or *assumption* (a reasoned guess about a
code's meaning). Replace the table (or a row) when you know better; see
``docs/classification.md``.
"""

from __future__ import annotations

from ._classes import AbsenceClassification as C
from ._table import DEFAULT_SAFETY_NET_CODES, DecisionRule, DecisionTable

__all__ = ["DEFAULT_DECISION_TABLE"]

_NOT_NO = {"not": "N"}

DEFAULT_DECISION_TABLE = DecisionTable(
    name="sivi-verzuim default",
    safety_net_codes=DEFAULT_SAFETY_NET_CODES,
    rules=(
        DecisionRule(
            id="safety-net-wazo",
            classification=C.PREGNANCY_OR_CHILDBIRTH,
            when={"safety_net": _NOT_NO, "wazo": "present"},
            note=(
                "[law] WAZO is the Work and Care Act (Wet arbeid en zorg), which governs "
                "pregnancy and maternity leave; a WAZO code on an absence only makes sense for "
                "absence connected with pregnancy or childbirth, and illness from pregnancy or "
                "childbirth is a safety-net ground (Ziektewet art. 29a). The WAZO codes 01-03 "
                "are not told apart. Like every safety-net row it yields to an explicit "
                "VngntJN=N from the sender."
            ),
        ),
        DecisionRule(
            id="safety-net-start-pregnancy",
            classification=C.PREGNANCY_OR_CHILDBIRTH,
            when={"safety_net": _NOT_NO, "special_start_reason": "01"},
            note=(
                "[assumption] BijzRdnStartVrzmCd ('special reason for the start of the "
                "absence') has four codes and no public meanings; we read them as the "
                "safety-net grounds that are themselves a reason to start an absence, in the "
                "order the eleven classes list them: 01 pregnancy/childbirth, 02 organ "
                "donation, 03 no-risk (class 9); 04 is left to the catch-all class 11."
            ),
        ),
        DecisionRule(
            id="safety-net-start-organ-donation",
            classification=C.ORGAN_DONATION,
            when={"safety_net": _NOT_NO, "special_start_reason": "02"},
            note="[assumption] BijzRdnStartVrzmCd 02 read as organ donation; see rule 2.",
        ),
        DecisionRule(
            id="safety-net-no-risk",
            classification=C.PARTIAL_ABSENCE_EARLY_IN_EMPLOYMENT,
            when={"safety_net": _NOT_NO, "no_risk": "J"},
            note=(
                "[law] The no-risk policy (Ziektewet art. 29b) covers employees with a "
                "(partial) work disability during the first five years of an employment: "
                "class 9, 'gedeeltelijk verzuim binnen x jaar na begin dienstverband'. "
                "WrknmrNoriskJN exists from release 2025."
            ),
        ),
        DecisionRule(
            id="safety-net-start-no-risk",
            classification=C.PARTIAL_ABSENCE_EARLY_IN_EMPLOYMENT,
            when={"safety_net": _NOT_NO, "special_start_reason": "03"},
            note=(
                "[assumption] BijzRdnStartVrzmCd 03 read as no-risk, the way releases before "
                "2025 (without WrknmrNoriskJN) can say it; see rule 2."
            ),
        ),
        DecisionRule(
            id="safety-net-after-employment",
            classification=C.UNEMPLOYMENT_BENEFIT,
            when={"safety_net": _NOT_NO, "employment_end": "before"},
            note=(
                "[law] The absence began after the employment had ended: the person is an "
                "ex-employee, sick from unemployment benefit (WW) or within the after-effect "
                "period, whose sickness benefit the safety net pays: class 6. The 'more than "
                "xx weeks' in its label is the receiver's threshold and is not checked here."
            ),
        ),
        DecisionRule(
            id="safety-net-agency-on-call",
            classification=C.AGENCY_OR_ON_CALL_WORKER,
            when={"safety_net": "J", "employment_type": ["22", "23"]},
            note=(
                "[assumption] SrtDnstvbndCd 20-24 are new in the 2022 list (older lists had "
                "01-19), in the period that the Wet arbeidsmarkt in balans (2020) set flexible "
                "contracts apart; we read 22 and 23 as the on-call and agency contracts. The "
                "kind of employment alone does not make a safety-net case, so this row wants "
                "VngntJN=J (or a VngntCd read as J). It comes before the employment-end row: "
                "an agency worker whose contract ends during the absence is class 7."
            ),
        ),
        DecisionRule(
            id="safety-net-special-employment",
            classification=C.SPECIAL_EMPLOYMENT,
            when={"safety_net": "J", "employment_type": ["04", "05", "07"]},
            note=(
                "[assumption] 04, 05 and 07 are the codes kept from the older SrtDnstvbndCd "
                "list (01-19); in the government's list of kinds of employment relation that "
                "the older list resembles, the low codes are special relations (04 share "
                "fisherman, 07 intern). Read as 'bijzonder dienstverband'; needs VngntJN=J."
            ),
        ),
        DecisionRule(
            id="safety-net-employment-ended",
            classification=C.EMPLOYMENT_ENDED_DURING_ABSENCE,
            when={"safety_net": _NOT_NO, "employment_end": "during"},
            note=(
                "[law] The employment ends on or after the first day of absence and before "
                "the recovery date (or no recovery date is known yet): sickness benefit after "
                "the end of an employment is a safety-net case (Ziektewet art. 29), class 8."
            ),
        ),
        DecisionRule(
            id="safety-net-other",
            classification=C.OTHER_CAUSES_SAFETY_NET,
            when={"safety_net": "J"},
            note=(
                "[structure] The sender says it is a safety-net case but no row above "
                "recognises the ground: class 11, 'overige oorzaken (vangnet)'."
            ),
        ),
        DecisionRule(
            id="occupational-accident",
            classification=C.OCCUPATIONAL_ACCIDENT,
            when={"cause": "10"},
            note=(
                "[assumption] OorzkVrzmCd has three codes (10, 11, 99) for the three non-"
                "safety-net classes; 99 is 'other' throughout SIVI's code lists, so 10 and 11 "
                "are read in the order of the classes: 10 occupational accident."
            ),
        ),
        DecisionRule(
            id="traffic-accident",
            classification=C.TRAFFIC_ACCIDENT_WITH_RECOURSE,
            when={"cause": "11"},
            note=(
                "[assumption] OorzkVrzmCd 11 read as traffic accident with recourse against "
                "a third party; see the previous row."
            ),
        ),
        DecisionRule(
            id="other-reasons",
            classification=C.OTHER_REASONS,
            when={},
            cites=("safety_net", "cause"),
            note=(
                "[structure] Everything else: OorzkVrzmCd 99 when the case is not (known to "
                "be) a safety-net case. The catch-all that makes the table total."
            ),
        ),
    ),
)
"""The default decision table (see ``docs/classification.md`` for the reasoning per row)."""
