"""The record find_amounts() returns."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount of money, count of things, or measure, as found in a text.

    ``start``/``end`` are character offsets into the text given; the span
    includes bound words ("more than $3 billion") and, for counts, the
    counted noun phrase ("600,000 Russian AK-203 assault rifles").
    """

    start: int
    end: int
    text: str
    kind: str                  # "money", "count" or "measure"
    value: float | None        # 5.5e9 for "$5.5 billion"; lower end of a range
    unit: str | None           # ISO code, normalised unit, or the counted noun's head
    usd: float | None = None   # money only: approximate USD at the yearly average rate
    fx_year: int | None = None # the year whose rate was used
    bound: str | None = None   # "min", "max", "approx" or None
    vague: bool = False        # "dozens", "hundreds", "several", "a few"
