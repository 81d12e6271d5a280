"""Resolvers for calendar expressions: full dates, and names that recur every year
("Dec. 6", "August", "the third quarter", "the summer", "Christmas"), whose year
comes from the reference date and the tense of the clause.

Each resolver takes the regex match and the :class:`Context` and returns a
:class:`Resolved`, or None when the words turn out not to name a valid time.
"""
from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .context import Context, Match, Resolved, Resolver, anaphoric_shift, cycle_choice
from .earnings import year_ago_quarter
from .tense import cue_tense
from .lexicon import MONTH, SEASONS, WEEKDAY, month_number, parse_ordinal, spelled_year, weekday_number

POSITION_MOD = {"early": "START", "mid": "MID", "late": "END"}
# a day named without its year is rarely more than four months from the report
DAY_HORIZON = 120
# a month named without its year: "August" in a March story about the past is last
# August (seven months back), but "November" in an October one is not eleven back
MONTH_HORIZON = 8


def _pos_mod(m: Match) -> str | None:
    pos = m.groupdict().get("pos")
    return POSITION_MOD.get(pos.lower()) if pos else None


def two_digit_year(yy: int, ref: dt.date | None) -> int:
    """'98 is 1998 in a 1999 article and 2098 nowhere: the reading within 80 years
    before and 20 after the reference."""
    base = ref.year if ref else 2000
    year = (base // 100) * 100 + yy
    if year > base + 20:
        year -= 100
    elif year < base - 80:
        year += 100
    return year


def _day(year: int, month: int, day: int) -> Resolved | None:
    d = cal.safe_date(year, month, day)
    return Resolved("DATE", cal.day_value(d)) if d else None


def iso(m: Match, ctx: Context) -> Resolved | None:
    d = cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    if m.group("h"):
        return Resolved("TIME", cal.time_value(d, int(m.group("h")), int(m.group("mi"))))
    return Resolved("DATE", cal.day_value(d))


def numeric(m: Match, ctx: Context) -> Resolved | None:
    y = m.group("y")
    year = int(y) if len(y) == 4 else two_digit_year(int(y), ctx.ref)
    return _day(year, int(m.group("m")), int(m.group("d")))


def full_date(m: Match, ctx: Context) -> Resolved | None:
    month = month_number(m.group("mon"))
    return _day(int(m.group("y")), month, int(m.group("d"))) if month else None


def month_day_reading(ctx: Context, start: int, end: int, month: int, day: int, weekday: int | None,
               rel: str | None) -> Resolved | None:
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}") if 1 <= day <= 31 else None
    options = []
    for year in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        d = cal.safe_date(year, month, day)
        if d:
            options.append((d.toordinal(), cal.day_value(d)))
    if not options:
        return None
    if weekday:  # "Monday, Dec. 6": the weekday names the year
        fitting = [o for o in options if dt.date.fromordinal(o[0]).isoweekday() == weekday]
        if fitting:
            options = fitting
    if not rel and not weekday and _attributive_name(ctx.text, start, end):
        # "the Aug. 7 blasts", "a Jan. 14 deadline"
        return Resolved("DATE", _attributive_choice(ctx, start, end, ctx.ref.toordinal(), options), anchored=True)
    value = cycle_choice(ctx, start, end, ctx.ref.toordinal(), options, rel, DAY_HORIZON)
    return Resolved("DATE", value, anchored=True)


def _attributive_choice(ctx: Context, start: int, end: int, ref_index: int, options: list[tuple[int, str]]) -> str:
    """A date modifying a noun ("the Aug. 7 blasts", "a Jan. 14 deadline", "a June
    agreement") is not dated by the clause's verb: the nearer reading, the past on a tie."""
    return min(options, key=lambda o: (abs(o[0] - ref_index), o[0] > ref_index))[1]


_YEAR_SHIFT = {"this": 0, "last": -1, "next": 1}


def _year_of(ctx: Context, yrel: str) -> int | None:
    """The year "this/last/next year" (from the report date) or "that/the following/the
    previous year" (from the year named last) stands for after a month: "July that year"."""
    rel = " ".join(yrel.lower().split())
    if rel in _YEAR_SHIFT:
        return ctx.ref.year + _YEAR_SHIFT[rel] if ctx.ref else None
    year = ctx.anchor_year()
    return year + anaphoric_shift(rel) if year else None


def month_day(m: Match, ctx: Context) -> Resolved | None:
    month = month_number(m.group("mon"))
    day = int(m.group("d")) if m.group("d") else parse_ordinal(m.groupdict().get("dord") or "")
    if not month or not day:
        return None
    wd = weekday_number(m.group("wd")) if m.group("wd") else None
    yrel = m.groupdict().get("yrel")
    if yrel and (year := _year_of(ctx, yrel)):  # "July 15 last year", "July 15 that year"
        d = cal.safe_date(year, month, day)
        return Resolved("DATE", cal.day_value(d), anchored=True) if d else None
    return month_day_reading(ctx, m.start(), m.end(), month, day, wd, m.groupdict().get("rel"))


def month_year(m: Match, ctx: Context) -> Resolved | None:
    month = month_number(m.group("mon"))
    if not month:
        return None
    if m.group("y"):
        year = int(m.group("y"))
    elif m.group("yy"):
        year = two_digit_year(int(m.group("yy")), ctx.ref)
    elif m.group("yw"):
        year = spelled_year(m.group("yw")) or 0
        if not year:
            return None
    else:
        rel_year = _year_of(ctx, m.group("yrel"))
        if rel_year is None:
            return Resolved("DATE", f"XXXX-{month:02d}")
        return Resolved("DATE", cal.month_value(rel_year, month), anchored=True)
    return Resolved("DATE", cal.month_value(year, month))


def month(m: Match, ctx: Context) -> Resolved | None:
    mon = month_number(m.group("mon"))
    if not mon:
        return None
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{mon:02d}")
    rel = (m.group("rel") or "").lower()
    if rel == "this":
        return Resolved("DATE", cal.month_value(ctx.ref.year, mon), anchored=True)
    if not rel and _habitual(ctx.text, m.start()):
        return Resolved("DATE", f"XXXX-{mon:02d}")  # "flu activity typically peaks in February": any year's
    options = [(y * 12 + mon, cal.month_value(y, mon)) for y in range(ctx.ref.year - 1, ctx.ref.year + 2)]
    ref_index = ctx.ref.year * 12 + ctx.ref.month
    if rel == "last" and mon == ctx.ref.month - 1:
        # "last February" in a March story is February of last year: the one just gone
        # would be "last month"
        return Resolved("DATE", cal.month_value(ctx.ref.year - 1, mon), anchored=True)
    if not rel and _attributive_name(ctx.text, m.start(), m.end()):
        # "under a June agreement", "the March meeting"
        return Resolved("DATE", _attributive_choice(ctx, m.start(), m.end(), ref_index, options), anchored=True)
    value = cycle_choice(ctx, m.start(), m.end(), ref_index, options, rel, MONTH_HORIZON)
    return Resolved("DATE", value, anchored=True)


# what happens every year: "typically peaks in February", "has traditionally peaked between January and May"
_HABITUAL = re.compile(r"\b(?:typically|usually|traditionally|normally|generally|customarily|habitually)\b"
                       r",?(?![^.;!?]*\b(?:(?:this|last|next)\s+year|1\d{3}|20\d\d)\b)[^.;!?,]*$", re.I)


def _habitual(text: str, start: int) -> bool:
    """A month in a clause that says what usually happens, with no year named up to it."""
    return _HABITUAL.search(text, max(0, start - 80), start) is not None


_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(?:the|a|an)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+[a-z]")


def _attributive_name(text: str, start: int, end: int) -> bool:
    """A month name used as a noun's modifier: "a June agreement", "the March meeting"
    (unless a preposition settles the tense: "since the Oct. 23 shooting")."""
    return bool(_ARTICLE_BEFORE.search(text, max(0, start - 5), start)) and _NOUN_AFTER.match(text, end) is not None \
        and cue_tense(text, start) is None


def year(m: Match, ctx: Context) -> Resolved | None:
    pos = (m.group("pos") or "").lower()
    mod = {"post": "AFTER", "pre": "BEFORE", "end": "END"}.get(pos) or POSITION_MOD.get(pos)
    return Resolved("DATE", cal.year_value(int(m.group("y"))), mod)


def nine_eleven(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("DATE", "2001-09-11")


def year_tail(m: Match, ctx: Context) -> Resolved | None:
    """"-13" in "2012-13": the next year in the century of the first."""
    first = int(ctx.text[m.start() - 5:m.start() - 1])
    year = first // 100 * 100 + int(m.group("yy"))
    return Resolved("DATE", cal.year_value(year if year > first else year + 100))


def fiscal_short(m: Match, ctx: Context) -> Resolved | None:
    y = m.group("y")
    return Resolved("DATE", cal.year_value(int(y) if len(y) == 4 else two_digit_year(int(y), ctx.ref)))


def spelled(m: Match, ctx: Context) -> Resolved | None:
    y = spelled_year(m.group("yw"))
    return Resolved("DATE", cal.year_value(y)) if y else None


def decade(m: Match, ctx: Context) -> Resolved | None:
    if m.group("y"):
        y = int(m.group("y"))
    else:
        y = two_digit_year(int(m.group("yy")) * 10, ctx.ref)
    return Resolved("DATE", cal.decade_value(y), _pos_mod(m))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def decade_word(m: Match, ctx: Context) -> Resolved | None:
    """"the nineties": the most recent such decade that has begun."""
    tens = _DECADE_WORDS[m.group("w").lower()] * 10
    base = ctx.ref.year if ctx.ref else 1999
    y = (base // 100) * 100 + tens
    if y > base:
        y -= 100
    return Resolved("DATE", cal.decade_value(y), _pos_mod(m))


def century(m: Match, ctx: Context) -> Resolved | None:
    n = parse_ordinal(m.group("ord"))
    return Resolved("DATE", cal.century_value(n), _pos_mod(m)) if n and 1 <= n <= 30 else None


def century_rel(m: Match, ctx: Context) -> Resolved | None:
    """"this century", "the last century" (the calendar one); "the past century" is
    the hundred years up to now, a duration like "the past decade"."""
    rel = " ".join(m.group("rel").lower().split())
    if rel == "the past":
        return Resolved("DURATION", "P100Y")
    if ctx.ref is None:
        return Resolved("DATE", "XX")
    shift = 0 if m.group("rel").lower() == "this" else (1 if "next" in m.group("rel").lower() else -1)
    return Resolved("DATE", f"{ctx.ref.year // 100 + shift:02d}", anchored=True)


_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _quarter_in_cycle(m: Match, ctx: Context, q: int) -> Resolved:
    """A quarter without its year: earnings news speaks of recent quarters and the
    next two, never of one three quarters ahead."""
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-Q{q}")
    ref_index = ctx.ref.year * 4 + cal.quarter_of(ctx.ref)
    options = [(y * 4 + q, cal.quarter_value(y, q)) for y in range(ctx.ref.year - 1, ctx.ref.year + 2)
               if y * 4 + q <= ref_index + 2]
    return Resolved("DATE", cycle_choice(ctx, m.start(), m.end(), ref_index, options), anchored=True)


def quarter(m: Match, ctx: Context) -> Resolved | None:
    q = _Q[m.group("ord").lower()]
    y = m.group("y") or m.group("y2")
    rel = m.group("yrel") or m.group("rel2")
    if m.group("ord").lower() == "final" and not (y or rel):
        return None  # "the final quarter" of a game; "the final quarter of 2011" is a year's
    if y:
        return Resolved("DATE", cal.quarter_value(int(y), q))
    if rel:
        if ctx.ref is None:
            return Resolved("DATE", f"XXXX-Q{q}")
        year = ctx.ref.year + _YEAR_SHIFT[rel.lower()]
        return Resolved("DATE", cal.quarter_value(year, q), anchored=True)
    resolved = _quarter_in_cycle(m, ctx, q)
    if m.group("ago") and resolved.value[:4].isdigit():  # "the year-ago third quarter"
        resolved.value = cal.quarter_value(int(resolved.value[:4]) - 1, q)
    return resolved


def month_span_quarter(m: Match, ctx: Context) -> Resolved | None:
    """"the July-September quarter" is the third."""
    q = ((month_number(m.group("m1")) or 1) - 1) // 3 + 1  # checks.calendar_quarter made sure of the rest
    if m.group("y"):
        return Resolved("DATE", cal.quarter_value(int(m.group("y")), q))
    return _quarter_in_cycle(m, ctx, q)


def quarter_q(m: Match, ctx: Context) -> Resolved | None:
    q = int(m.group("q") or m.group("q2") or m.group("q3"))
    if m.group("y") or m.group("y2"):
        return Resolved("DATE", cal.quarter_value(int(m.group("y") or m.group("y2")), q))
    yy = m.group("yy") or m.group("yy3")
    if yy:
        return Resolved("DATE", cal.quarter_value(two_digit_year(int(yy), ctx.ref), q))
    return _quarter_in_cycle(m, ctx, q)


def _shift_quarter(year: int, q: int, by: int) -> tuple[int, int]:
    index = year * 4 + q - 1 + by
    return index // 4, index % 4 + 1


def quarter_rel(m: Match, ctx: Context) -> Resolved | None:
    """"the latest quarter", "the quarter", "the year-ago quarter": earnings reports
    speak of the quarter just reported."""
    rel = (m.group("rel") or "").lower()
    whole = m.group(0).lower()
    if m.group("y"):
        year = int(m.group("y"))
        reported = ctx.reported_quarter()
        if reported and m.group("unit2").lower() == "quarter":
            return Resolved("DATE", cal.quarter_value(year, reported[1]))
        if m.group("unit2").lower() == "period" and year_ago_quarter(ctx, m.start(), m.end()):
            # "in the 1988 period" of an earnings story: that year's reported quarter
            return Resolved("DATE", cal.quarter_value(year, (ctx.earnings_quarter() or (0, 1))[1]))
        return Resolved("DATE", cal.year_value(year))
    if ctx.ref is None:
        return Resolved("DATE", "XXXX-QX")
    closed = _quarter_closed_by(ctx, m) if rel in _CLOSED_BY_RELS and not ctx.fiscal_quarters(m.start()) else None
    if closed:
        return Resolved("DATE", closed, anchored=True)
    cur = (ctx.ref.year, cal.quarter_of(ctx.ref))
    if rel == "this" and ctx.text.startswith("'s", m.end()) and ctx.earnings_quarter():
        y, q = ctx.earnings_quarter() or cur  # "this quarter's loss": the one being reported
    elif rel in ("current", "this"):
        y, q = cur
    elif rel in ("next", "coming"):
        y, q = _shift_quarter(*cur, 1)
    elif rel in ("previous", "prior", "preceding") and ctx.mentioned_quarter:
        y, q = _shift_quarter(*ctx.mentioned_quarter, -1)  # "grew 0.6% in Q2, twice the previous quarter"
    elif rel in ("last", "past", "previous", "prior", "preceding"):
        y, q = _shift_quarter(*cur, -1)
    elif rel == "that" and ctx.mentioned_quarter:  # "results for that quarter": the one just named
        y, q = ctx.mentioned_quarter
    elif rel == "same" and m.group("unit").lower() == "period" and ctx.last_period:
        # "the first half of 2005 against the same period last year": the period just named
        shift = 1 if m.group("ago") else 0
        return Resolved("DATE", f"{int(ctx.last_period[:4]) - shift:04d}{ctx.last_period[4:]}", anchored=True)
    else:
        reported = ctx.reported_quarter()
        if reported is None:
            return None
        y, q = reported
    if rel.startswith(("year-", "comparable", "corresponding")) or m.group("ago") or "a year" in whole:
        y -= 1
    return Resolved("DATE", cal.quarter_value(y, q), anchored=True)


# "the quarter that ended Sept. 30", "the latest quarter, ended June 30", "the quarter ending on Sunday"
_CLOSED_BY = re.compile(rf"(?:\s*,)?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed|closing)\s+(?:on\s+)?"
                        rf"(?:(?P<mon>{MONTH})\s+(?P<d>[0-3]?\d)\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
                        rf"|(?P<d2>[0-3]?\d)\s+(?P<mon2>{MONTH})\b(?:\s+(?P<y2>(?:19|20)\d\d)\b)?"
                        rf"|(?P<wd>{WEEKDAY})\b)", re.I)
_CLOSED_BY_RELS = frozenset({"", "latest", "current", "last", "past", "most recent", "this"})


def _quarter_closed_by(ctx: Context, m: Match) -> str | None:
    """The quarter a date right after the words closes: the calendar quarter that holds most of
    the three months to it ("the quarter ended July 31" runs from May, so it is the second)."""
    assert ctx.ref is not None
    after = _CLOSED_BY.match(ctx.text, m.end())
    if after is None or m.group("ago") or "a year" in m.group(0).lower():
        return None
    if after.group("wd"):  # "ending on Sunday": the one nearest the report
        wd = weekday_number(after.group("wd")) or 7
        day = min((cal.weekday_on_or_before(ctx.ref, wd), cal.weekday_on_or_after(ctx.ref, wd)),
                  key=lambda d: abs((d - ctx.ref).days))
    else:
        month = month_number((after.group("mon") or after.group("mon2")).rstrip("."))
        d = int(after.group("d") or after.group("d2"))
        year = after.group("y") or after.group("y2")
        if month is None:
            return None
        if year:
            closing = cal.safe_date(int(year), month, d)
        else:  # the last such day on or before the report, or just after it
            closing = cal.safe_date(ctx.ref.year, month, d)
            if closing and (closing - ctx.ref).days > 31:
                closing = cal.safe_date(ctx.ref.year - 1, month, d)
        if closing is None:
            return None
        day = closing
    middle = day - dt.timedelta(days=45)
    return cal.quarter_value(middle.year, cal.quarter_of(middle))


def half(m: Match, ctx: Context) -> Resolved | None:
    h = 1 if m.group("ord").lower() == "first" else 2
    if m.group("yy"):  # "the last half of the '80s"
        return Resolved("DATE", cal.decade_value(two_digit_year(int(m.group("yy")) * 10, ctx.ref)),
                        "END" if h == 2 else "START")
    if m.group("y"):
        return Resolved("DATE", cal.half_value(int(m.group("y")), h))
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-H{h}")
    rel = (m.group("rel") or "").lower()
    if rel in _YEAR_SHIFT:
        year = ctx.ref.year + _YEAR_SHIFT[rel]
        return Resolved("DATE", cal.half_value(year, h), anchored=True)
    named = ctx.sentence_value(m.start())
    if rel == "the" and named and named[:4].isdigit():
        # "handed over in 2019, but in the second half of the year": the year the sentence named
        return Resolved("DATE", cal.half_value(int(named[:4]), h), anchored=True)
    options = [(y * 2 + h, cal.half_value(y, h)) for y in range(ctx.ref.year - 1, ctx.ref.year + 2)]
    ref_index = ctx.ref.year * 2 + (1 if ctx.ref.month <= 6 else 2)
    return Resolved("DATE", cycle_choice(ctx, m.start(), m.end(), ref_index, options), anchored=True)


def season(m: Match, ctx: Context) -> Resolved | None:
    code = SEASONS[m.group("s").lower()]
    mod = _pos_mod(m)
    if m.group("y"):
        return Resolved("DATE", cal.season_value(int(m.group("y")), code), mod)
    if m.groupdict().get("yw"):
        y = spelled_year(m.group("yw"))
        return Resolved("DATE", cal.season_value(y, code), mod) if y else None
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{code}", mod)
    rel = (m.groupdict().get("rel") or "").lower()
    ref_year, ref_code = cal.season_of(ctx.ref)
    order = cal.SEASON_ORDER.index(code)
    if rel == "this":  # "this winter" in January or March is the one that began in December
        year = ctx.ref.year if code != "WI" or ctx.ref.month > 3 else ctx.ref.year - 1
        return Resolved("DATE", cal.season_value(year, code), mod, True)
    options = [(y * 4 + order, cal.season_value(y, code)) for y in range(ref_year - 1, ref_year + 2)]
    ref_index = ref_year * 4 + cal.SEASON_ORDER.index(ref_code)
    value = cycle_choice(ctx, m.start(), m.end(), ref_index, options, rel if rel != "that" else None)
    return Resolved("DATE", value, mod, True)


# from a holiday to the Saturday of the weekend it makes long (Monday to Sunday)
_TO_WEEKEND = (-2, -3, 3, 2, 1, 0, -1)


def holiday(m: Match, ctx: Context) -> Resolved | None:
    """"Christmas", "Palm Sunday", "Holy Week" (the ISO week of its Easter Sunday), "the
    Labor Day weekend" (the weekend a Monday holiday ends; a Thursday's is the one after)."""
    name = m.group("h")
    weekend = m.group("wk") or m.group("wk2")
    if name.lower().endswith("week") or weekend:
        r = _holiday_day(m, ctx, name)
        if r is None or not r.value[:4].isdigit():
            return r
        d = dt.date.fromisoformat(r.value)
        if weekend:
            saturday = d + dt.timedelta(days=_TO_WEEKEND[d.weekday()])
            return Resolved("DATE", cal.weekend_value(saturday), anchored=r.anchored)
        return Resolved("DATE", cal.week_value(d), anchored=r.anchored)
    return _holiday_day(m, ctx, name)


def _holiday_day(m: Match, ctx: Context, name: str) -> Resolved | None:
    if m.group("y"):
        d = cal.holiday(name, int(m.group("y")))
        return Resolved("DATE", cal.day_value(d)) if d else None
    if ctx.ref is None:
        return None
    options = []
    for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        d = cal.holiday(name, y)
        if d:
            options.append((d.toordinal(), cal.day_value(d)))
    if not options:
        return None
    value = cycle_choice(ctx, m.start(), m.end(), ctx.ref.toordinal(), options, m.group("rel"), DAY_HORIZON)
    return Resolved("DATE", value, anchored=True)


def week_of(m: Match, ctx: Context) -> Resolved | None:
    month_ = month_number(m.group("mon"))
    if not month_:
        return None
    r = month_day_reading(ctx, m.start(), m.end(), month_, int(m.group("d")), None, None)
    if r is None or r.value.startswith("X"):
        return r
    return Resolved("DATE", cal.week_value(dt.date.fromisoformat(r.value)), anchored=r.anchored)


RESOLVERS: dict[str, Resolver] = {
    "iso": iso, "numeric": numeric, "mdy": full_date, "dmy": full_date, "md": month_day,
    "dm": month_day, "month_year": month_year, "month": month, "nine_eleven": nine_eleven,
    "week_of": week_of, "year": year, "year_tail": year_tail, "fy": fiscal_short, "spelled_year": spelled,
    "decade": decade, "decade_word": decade_word, "century": century, "century_rel": century_rel,
    "quarter": quarter, "month_span_quarter": month_span_quarter, "quarter_q": quarter_q, "quarter_rel": quarter_rel, "half": half,
    "season": season, "season_year": season, "holiday": holiday,
}
