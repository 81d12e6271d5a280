"""Calendar arithmetic and TIMEX3 value strings.

Every value this package emits is built here, so the spelling of a week
("2021-W05", zero-padded) or a decade ("199") is decided in one place.
"""
from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import re

SEASON_ORDER = ("SP", "SU", "FA", "WI")  # winter is named by the year it begins in (1995-WI: 1995-96)


# ---- value strings -------------------------------------------------------------------

def day_value(d: dt.date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def year_value(year: int) -> str:
    return f"{year:04d}"


def week_value(d: dt.date) -> str:
    iso_year, week, _ = d.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def weekend_value(d: dt.date) -> str:
    return week_value(d) + "-WE"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def half_value(year: int, half: int) -> str:
    return f"{year:04d}-H{half}"


def season_value(year: int, season: str) -> str:
    return f"{year:04d}-{season}"


def decade_value(year: int) -> str:
    """The 1990s as "199", the truncated ISO form of the TimeML guidelines and of
    most of the annotated news (TBAQ: 6 of 10; the rest write "199X")."""
    return f"{year // 10:03d}"


def century_value(ordinal: int) -> str:
    """TimeML writes the 20th century as "19"."""
    return f"{ordinal - 1:02d}"


def time_value(d: dt.date, hour: int, minute: int = 0) -> str:
    return f"{d.isoformat()}T{hour:02d}:{minute:02d}"


def part_of_day_value(day: str, code: str) -> str:
    return f"{day}T{code}"


# ---- arithmetic ------------------------------------------------------------------------

def add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, _stdcal.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    """(year, code); January and February belong to the winter that began the year before."""
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, SEASON_ORDER[(d.month - 3) // 3]


def weekday_on_or_before(d: dt.date, iso_weekday: int) -> dt.date:
    return d - dt.timedelta(days=(d.isoweekday() - iso_weekday) % 7)


def weekday_on_or_after(d: dt.date, iso_weekday: int) -> dt.date:
    return d + dt.timedelta(days=(iso_weekday - d.isoweekday()) % 7)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def pick_cycle(ref_index: int, options: list[tuple[int, str]], tense: str | None,
               horizon: int | None = None) -> str:
    """Choose among readings of an expression that recurs every year ("August",
    "Dec. 6", "the third quarter"), each given as (position on a common scale, value):
    the past reading for a past-tense clause, the next one for a future clause, the
    nearest one otherwise (ties go to the past: news mostly reports what happened).
    With a `horizon`, a tense reading farther away than that yields to a nearer one
    inside it: "payable Dec. 14" in an October story is this December even when a
    past-tense verb stands nearby."""
    nearest = min(options, key=lambda o: (abs(o[0] - ref_index), o[0] > ref_index))
    chosen = None
    if tense == "PAST":
        past = [o for o in options if o[0] <= ref_index]
        chosen = max(past) if past else None
    elif tense in ("FUTURE", "PRESENT"):
        future = [o for o in options if o[0] >= ref_index]
        chosen = min(future) if future else None
    if chosen is None:
        if horizon is not None and nearest[0] - ref_index > horizon:
            # no tense, and even the nearest reading is far ahead: news reports the past
            past = [o for o in options if o[0] <= ref_index]
            return max(past)[1] if past else nearest[1]
        return nearest[1]
    if horizon is not None and abs(chosen[0] - ref_index) > horizon >= abs(nearest[0] - ref_index):
        return nearest[1]
    return chosen[1]


# ---- holidays ---------------------------------------------------------------------------

def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, iso_weekday: int, n: int) -> dt.date:
    """n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = weekday_on_or_after(dt.date(year, month, 1), iso_weekday)
        return first + dt.timedelta(weeks=n - 1)
    last = dt.date(year, month, _stdcal.monthrange(year, month)[1])
    return weekday_on_or_before(last, iso_weekday)


def holiday(name: str, year: int) -> dt.date | None:
    """Date of a holiday US and world news name without a date."""
    n = re.sub(r"[^a-z ]", "", name.lower().replace("'s", "")).strip()
    n = re.sub(r"\s+", " ", re.sub(r"\s+day$", "", n)).strip()
    n = re.sub(r"^(?:st|saint|the) ", "", n)
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "new year": (1, 1),
             "new years": (1, 1), "new year eve": (12, 31), "new years eve": (12, 31),
             "independence": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31), "valentine": (2, 14),
             "veterans": (11, 11), "armistice": (11, 11), "may": (5, 1), "bastille": (7, 14),
             "patrick": (3, 17), "boxing": (12, 26)}
    if n in fixed:
        return dt.date(year, *fixed[n])
    before_easter = {"easter": 0, "easter sunday": 0, "easter week": 0, "holy week": 0, "easter monday": -1,
                     "good friday": 2, "holy saturday": 1, "holy thursday": 3, "maundy thursday": 3,
                     "palm sunday": 7, "ash wednesday": 46}
    if n in before_easter:  # the weeks are named by their Easter Sunday
        return easter(year) - dt.timedelta(days=before_easter[n])
    if n == "mother":
        return nth_weekday(year, 5, 7, 2)
    if n == "father":
        return nth_weekday(year, 6, 7, 3)
    if n in ("presidents", "president"):
        return nth_weekday(year, 2, 1, 3)
    if n == "columbus":
        return nth_weekday(year, 10, 1, 2)
    if n == "thanksgiving":
        return nth_weekday(year, 11, 4, 4)
    if n == "labor":
        return nth_weekday(year, 9, 1, 1)
    if n == "memorial":
        return nth_weekday(year, 5, 1, -1)
    if n in ("martin luther king", "martin luther king jr"):
        return nth_weekday(year, 1, 1, 3)
    if n == "election":  # the Tuesday after the first Monday of November
        return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    return None


# ---- precision ----------------------------------------------------------------------------

_PRECISION = [
    (re.compile(r"\d{4}-\d{2}-\d{2}T.*|XXXX-XX-XXT.*|T\d.*"), "time"),
    (re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}"), "day"),
    (re.compile(r"[\dX]{4}-W[\dX]{2}(-\d|-WE)?"), "week"),
    (re.compile(r"[\dX]{4}-[\dX]{2}"), "month"),
    (re.compile(r"[\dX]{4}-Q[\dX]"), "quarter"),
    (re.compile(r"[\dX]{4}-H[\dX]"), "quarter"),
    (re.compile(r"[\dX]{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{3}X?"), "decade"),
    (re.compile(r"\d{2}(XX)?"), "century"),
    (re.compile(r"[\dX]{4}"), "year"),
]


def date_precision(value: str) -> str:
    """How fine a TIMEX3 value is: "year", "month", "day", "week", "quarter"
    (halves included), "season", "decade", "century", "time" or "unknown"
    (durations, sets and PRESENT_REF-like values have no calendar precision)."""
    v = value.strip().upper()
    for pattern, name in _PRECISION:
        if pattern.fullmatch(v):
            return name
    return "unknown"


# ---- durations --------------------------------------------------------------------------

_DURATION_CODES = {"S": ("T", "S"), "MIN": ("T", "M"), "H": ("T", "H"), "D": ("", "D"),
                   "W": ("", "W"), "M": ("", "M"), "Q": ("", "Q"), "Y": ("", "Y")}
# a fraction of a unit is spelled in the next smaller one: "2 1/2 years" is P2Y6M
_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration for an amount of a unit code from lexicon.UNITS; None means
    a vague amount ("several days" is PXD)."""
    if unit == "FN":
        amount, unit = (amount * 2 if amount is not None else None), "W"
    elif unit in ("DE", "CE"):  # annotators count decades and centuries in years
        amount, unit = (amount * (10 if unit == "DE" else 100) if amount is not None else None), "Y"
    time_part, code = _DURATION_CODES[unit]
    if amount is None:
        return f"P{time_part}X{code}"
    if unit == "W" and amount != int(amount):
        return duration_value(amount * 7, "D")
    whole = int(amount)
    rest = round((amount - whole) * _SMALLER[unit][0], 6) if unit in _SMALLER else 0
    if rest == 0 or rest != int(rest):
        if amount == whole:
            return f"P{time_part}{whole}{code}"
        return f"P{time_part}{amount:g}{code}"
    smaller = _SMALLER[unit][1]
    head = f"{whole}{code}" if whole else ""
    small_time, small_code = _DURATION_CODES[smaller]
    if small_time and not time_part:
        return f"P{head}T{int(rest)}{small_code}"
    return f"P{time_part}{head}{int(rest)}{small_code}"
