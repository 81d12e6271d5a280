"""Guessing the publication date of an article that lacks one, from the dates it
mentions.

Rule: an article is published on or after the latest fully specified date
(day, month and year) it mentions in a past-tense or tenseless clause, and
before the earliest such date it mentions in a future-tense clause. Without a
future date the upper bound is the lower bound plus seven days: news reports
events of the past few days. When no date has a day, months ("in March 2021")
stand in: from the first day of the latest past month to a week after its end.
"""
from __future__ import annotations

import calendar as _stdcal
import datetime as dt

from .extract import find
from .tense import lexical_tense

WINDOW = dt.timedelta(days=7)
_ABSOLUTE_RULES = frozenset({"iso", "numeric", "mdy", "dmy", "month_year"})


def infer_reference(text: str) -> tuple[dt.date, dt.date] | None:
    """(earliest, latest) publication date consistent with the article's absolute
    dates (see the module docstring), or None when it names none."""
    past_days: list[dt.date] = []
    future_days: list[dt.date] = []
    past_months: list[tuple[dt.date, dt.date]] = []
    for cand, res in find(text, None):
        if cand.rule not in _ABSOLUTE_RULES or res.anchored:
            continue
        future = lexical_tense(text, cand.start, cand.end) == "FUTURE"
        value = res.value[:10]
        if len(value) == 10 and value[4] == "-" and not value.startswith("X"):
            day = dt.date.fromisoformat(value)
            (future_days if future else past_days).append(day)
        elif len(value) == 7 and not future and not value.startswith("X"):
            y, m = int(value[:4]), int(value[5:7])
            past_months.append((dt.date(y, m, 1), dt.date(y, m, _stdcal.monthrange(y, m)[1])))
    if past_days:
        earliest = max(past_days)
        later = [d for d in future_days if d > earliest]
        return earliest, (min(later) - dt.timedelta(days=1)) if later else earliest + WINDOW
    if past_months:
        first, last = max(past_months)
        return first, last + WINDOW
    if future_days:
        soonest = min(future_days)
        return soonest - 52 * WINDOW, soonest - dt.timedelta(days=1)
    return None
