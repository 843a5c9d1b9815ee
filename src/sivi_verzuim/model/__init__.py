"""The version-neutral domain model.

Frozen attrs classes with English names, one per concept of the standard, whose fields are the
union of every release's fields: code written against them works for every release. Dates are
:class:`datetime.date` (an :class:`OffsetDate` when the message gives a UTC offset), times
:class:`datetime.time` (with ``tzinfo`` when the message gives an offset; a
:class:`PreciseTime` when its fraction is finer than microseconds), amounts
:class:`~decimal.Decimal`, J/N flags ``bool``, J/N/O flags :class:`YesNoUnknown`, and code
lists enums whose values are the SIVI codes. The model of a whole message also has
``findings`` (:class:`MessageRoot`): what reading it noticed. Every field records its SIVI
tag in ``attrs.fields(cls).<name>.metadata["sivi"]``; ``docs/glossary.md`` lists them all.

Use :func:`sivi_verzuim.to_model` and :func:`sivi_verzuim.from_model` to move between a parsed
message and the model, and :func:`sivi_verzuim.convert` to move a message between releases.
"""

from ._behaviour import AbsenceKind, MessageRoot, YesNoUnknown
from ._generated import *  # noqa: F403
from ._generated import MODEL_CLASSES
from ._generated import __all__ as _generated_all
from ._temporal import OffsetDate, PreciseTime

__all__ = [
    "MODEL_CLASSES",
    "AbsenceKind",
    "MessageRoot",
    "OffsetDate",
    "PreciseTime",
    "YesNoUnknown",
    *_generated_all,
]
