"""Small builders of absence messages shared by the chain tests (not a test module)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sivi_verzuim.chain.testing import absence_message
from sivi_verzuim.model import AbsenceMessage

D = dt.date
MARCH_1 = D(2024, 3, 1)


def sick(case: str = "C1", day: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    """A sick report (``01``) starting a case on ``day``; ``seq=`` sets the sequence number."""
    return absence_message(case, kw.pop("seq", 1), "01", mutation_date=day, **kw)


def change(case: str, seq: int, day: D, pct: str, first: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    """A percentage change (``02``) on ``day`` of a case that started on ``first``."""
    kw.setdefault("first_absence_date", first)
    return absence_message(case, seq, "02", mutation_date=day, percentage=pct, **kw)


def end(case: str, seq: int, day: D, first: D = MARCH_1, **kw: Any) -> AbsenceMessage:
    """A full recovery on ``day`` (``02`` with ``EndVrzmJN`` = J, end reason ``01``)."""
    return absence_message(
        case,
        seq,
        "02",
        mutation_date=day,
        first_absence_date=first,
        percentage="0.00",
        ended=True,
        recovery_date=day,
        end_reason="01",
        **kw,
    )
