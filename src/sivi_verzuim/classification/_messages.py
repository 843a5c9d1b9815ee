"""Classifying every absence mutation of a Verzuimmeldingen message."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .._codec import Message
from .._mapping import to_model
from ..model import AbsenceMessage, AbsenceMutation, Employee, Employer, Employment
from ..releases import MessageType, Release
from ._classes import AbsenceClassification
from ._default import DEFAULT_DECISION_TABLE
from ._environment import EnvironmentMapping
from ._errors import ClassificationError
from ._facts import AbsenceContext
from ._mapping import ClassificationMapping, ReceiverClass, identity_mapping
from ._table import DecisionTable, Derivation

__all__ = ["ClassifiedAbsence", "absence_contexts", "classify", "classify_message"]


def classify(
    mutation: AbsenceMutation | AbsenceContext,
    *,
    employment: Employment | None = None,
    employee: Employee | None = None,
    employer: Employer | None = None,
    release: Release | None = None,
    table: DecisionTable = DEFAULT_DECISION_TABLE,
) -> Derivation:
    """The one classification of an absence mutation in its context, with the reason.

    Uses ``table`` (default: :data:`DEFAULT_DECISION_TABLE`); see
    :meth:`DecisionTable.classify`.

    Raises:
        ClassificationError: ``mutation`` is not an absence mutation (or context), e.g. a whole
            message (use :func:`classify_message`), or ``table`` is not a decision table.
    """
    if not isinstance(table, DecisionTable):
        raise ClassificationError(f"expected a DecisionTable, not {type(table).__name__}")
    return table.classify(
        mutation, employment=employment, employee=employee, employer=employer, release=release
    )


def absence_contexts(
    message: Message | AbsenceMessage, release: Release | None = None
) -> Iterator[AbsenceContext]:
    """Every absence mutation of a Verzuimmeldingen message, in document order, in context.

    Raises:
        ClassificationError: ``message`` is not a Verzuimmeldingen message.
        ConversionError: the message cannot be read into the model (a tolerant parse of an
            invalid message; see :func:`~sivi_verzuim.to_model`); its findings say why.
    """
    if isinstance(message, Message):
        if message.message_type is not MessageType.VERZUIMMELDINGEN:
            kind = message.message_type
            raise ClassificationError(
                f"only Verzuimmeldingen messages carry absence mutations, not "
                f"{kind.title if isinstance(kind, MessageType) else type(kind).__name__}",
                file=message.file,
            )
        release = release or message.release
        model = to_model(message)
    else:
        model = message
    if not isinstance(model, AbsenceMessage):
        raise ClassificationError(f"expected an AbsenceMessage, not {type(model).__name__}")
    for employer in model.employers:
        for employee in employer.employees:
            for employment in employee.employments:
                for mutation in employment.absence_mutations:
                    yield AbsenceContext(mutation, employment, employee, employer, release)


@attrs.frozen
class ClassifiedAbsence:
    """One absence mutation with its derived and its mapped classification.

    Attributes:
        context: the mutation with its employment, employee, employer and release.
        derivation: the SIVI classification and the reason.
        mapped: the receiver's classification (name, code).
    """

    context: AbsenceContext
    derivation: Derivation
    mapped: ReceiverClass

    @property
    def case_id(self) -> str:
        """``VrzmgvlId``."""
        return self.context.mutation.absence_case_id

    @property
    def sequence(self) -> int:
        """``VrzmgvlVnrMld``."""
        return self.context.mutation.report_sequence_number

    @property
    def classification(self) -> AbsenceClassification:
        """The derived SIVI classification."""
        return self.derivation.classification

    @property
    def reason(self) -> str:
        """Which fields decided (see :attr:`Derivation.reason`)."""
        return self.derivation.reason

    def to_dict(self, file: str | None = None) -> dict[str, object]:
        """Plain data, as ``sivi-verzuim classify --json`` prints it."""
        return {
            "file": file,
            "case_id": self.case_id,
            "sequence": self.sequence,
            "classification": {
                "number": self.classification.number,
                "label": self.classification.label,
            },
            "reason": self.reason,
            "mapped": {"name": self.mapped.name, "code": self.mapped.code},
        }


def classify_message(
    message: Message | AbsenceMessage,
    *,
    table: DecisionTable = DEFAULT_DECISION_TABLE,
    mapping: ClassificationMapping | EnvironmentMapping | None = None,
    release: Release | None = None,
) -> tuple[ClassifiedAbsence, ...]:
    """Classify and map every absence mutation of a Verzuimmeldingen message.

    Args:
        message: a parsed message, or its model (then pass ``release`` if rules test it).
        table: the decision table (default :data:`DEFAULT_DECISION_TABLE`).
        mapping: a mapping, or an :class:`EnvironmentMapping` whose per-employer overrides
            are applied by ``IdWrkgvrArbdnst`` and ``AansltnrGeguitwlngArbdnst``; default:
            :func:`identity_mapping`.
        release: the release, when ``message`` is a model.

    Raises:
        ClassificationError: not a Verzuimmeldingen message, or ``table`` / ``mapping`` is not
            a decision table / mapping.
        ConversionError: the message cannot be read into the model (a tolerant parse of an
            invalid message; see :func:`~sivi_verzuim.to_model`); its findings say why.
    """
    chosen = mapping if mapping is not None else identity_mapping()
    if not isinstance(table, DecisionTable):
        raise ClassificationError(f"expected a DecisionTable, not {type(table).__name__}")
    if not isinstance(chosen, ClassificationMapping | EnvironmentMapping):
        raise ClassificationError(
            f"expected a ClassificationMapping or EnvironmentMapping, not {type(chosen).__name__}"
        )
    out = []
    for ctx in absence_contexts(message, release):
        derivation = table.classify(ctx)
        if isinstance(chosen, EnvironmentMapping):
            employer = ctx.employer
            target = chosen.map(
                derivation.classification,
                employer_id=employer.employer_id if employer else None,
                connection_number=employer.connection_number if employer else None,
            )
        else:
            target = chosen.map(derivation.classification)
        out.append(ClassifiedAbsence(ctx, derivation, target))
    return tuple(out)
