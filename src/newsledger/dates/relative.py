"""Resolvers for expressions that count from the reference date or from what the
article said last: "yesterday", "on Monday", "last week", "two years ago",
"10 a.m.", "that day", and the vague PRESENT_REF / PAST_REF / FUTURE_REF words.
"""
from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .absolute import POSITION_MOD, month_day_reading
from .context import Context, Match, Resolved, Resolver, anaphoric_shift
from .checks import sentence_around
from .earnings import last_year_quarter, year_ago_quarter
from .lexicon import (PARTS_OF_DAY, QUANTITY_MODS, UNITS, WEEKDAY, month_number, parse_number,
                      weekday_number)
from .tense import doc_tense, leads_up, lexical_tense, tense_before, will_before

DAY = dt.timedelta(days=1)
# placeholders when there is no reference date, by the precision of the reading
UNKNOWN = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX",
           "H": "XXXX-XX-XX", "MIN": "XXXX-XX-XX", "S": "XXXX-XX-XX", "DE": "XXX", "CE": "XX",
           "FN": "XXXX-WXX"}


def qualifier(m: Match) -> str | None:
    """The TimeML mod of "early"/"mid"/"late" or "about"/"nearly"/"more than" in the match."""
    d = m.groupdict()
    if d.get("pos"):
        return POSITION_MOD.get(d["pos"].lower())
    if d.get("q"):
        return QUANTITY_MODS.get(re.sub(r"\s+", " ", d["q"].lower()))
    return None


def unit_code(word: str) -> str:
    return UNITS[word.lower()]


def _day_or_time(d: dt.date, pod: str | None, mod: str | None = None) -> Resolved:
    if pod:
        return Resolved("TIME", cal.part_of_day_value(cal.day_value(d), PARTS_OF_DAY[pod.lower()]), mod, True)
    return Resolved("DATE", cal.day_value(d), mod, True)


# days counted from the report by the words that name them
DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "last night": -1}


# a time long gone named beside "today": "20 years ago …, while today", "from 62 in 2002 to 750 today"
_BYGONE = re.compile(r"\b(?P<n>[\w-]+)\s+(?P<u>years|decades?|centuries|century)\s+ago\b"
                     r"|\b(?:in|from|since|of)\s+(?:the\s+)?(?P<year>1[5-9]\d\d|20\d\d)(?P<decade>s)?\b", re.I)


def _present_age(ctx: Context, start: int, end: int) -> bool:
    """"today" as the present age (PRESENT_REF): its sentence sets it against a time at least
    three years gone; "today" beside last year's figures stays the report's day."""
    if ctx.ref is None:
        return False
    for b in _BYGONE.finditer(sentence_around(ctx.text, start, end)):
        if b.group("u"):
            n = parse_number(b.group("n"))
            if not b.group("u").lower().startswith("year") or n is None or n >= 3:
                return True
        elif b.group("decade") or int(b.group("year")) <= ctx.ref.year - 3:
            return True
    return False


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` is inside a quotation opened in its paragraph."""
    para = text[text.rfind("\n", 0, pos) + 1:pos]
    return para.count('"') % 2 == 1 or para.count("“") > para.count("”") or para.count("``") > para.count("''")


_SPEECH = r"\b(?:said|says|told|added|wrote|declared|announced|insisted|warned|stated|explained|tweeted)\b"
_SPOKEN_ON = (rf"(?:on\s+|late\s+|early\s+)?(?P<wd>{WEEKDAY})\b(?:\s+(?:morning|afternoon|evening|night))?")
# the attribution after a quotation: '," race director Alice Brandt told reporters Sunday afternoon.'
_SAID_AFTER = re.compile(rf"[,.!?]?[\"”'’]+\s*[^\"“”.!?]{{0,80}}?{_SPEECH}[^\"“”.!?]{{0,60}}?\b{_SPOKEN_ON}"
                         r"\s*(?:[.,;!?]|$)", re.I)
# and before it: 'Union leader Joseph Mabena told a rally on Thursday: "'
_SAID_BEFORE = re.compile(rf"{_SPEECH}[^\"“”.!?]{{0,60}}?\b{_SPOKEN_ON}\s*[:,]\s*[\"“]$", re.I)


def speech_day(ctx: Context, pos: int) -> dt.date | None:
    """The day a quotation at `pos` was spoken, when its attribution names one ("told a rally on
    Thursday: '…'", "'…,' she told reporters Sunday afternoon"): its "today" and "tomorrow"
    count from that day, not from the report's."""
    if ctx.ref is None or not _quoted(ctx.text, pos):
        return None
    para_start = ctx.text.rfind("\n", 0, pos) + 1
    opening = max(ctx.text.rfind(q, para_start, pos) for q in ('"', "“"))
    closing = min((i for i in (ctx.text.find(q, pos) for q in ('"', "”")) if i >= 0), default=-1)
    said = _SAID_BEFORE.search(ctx.text, para_start, opening + 1) if opening >= 0 else None
    if said is None and closing >= 0:
        said = _SAID_AFTER.match(ctx.text, closing - 1 if ctx.text[closing - 1] in ",.!?" else closing)
    if said is None:
        return None
    return cal.weekday_on_or_before(ctx.ref, weekday_number(said.group("wd")) or 1)


def deictic(m: Match, ctx: Context) -> Resolved | None:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    pod = m.group("pod")
    if word == "tonight":
        pod = "night"
    if word == "today" and not pod and not m.group("pos") and _present_age(ctx, m.start(), m.end()):
        return Resolved("DATE", "PRESENT_REF")
    spoken = speech_day(ctx, m.start())
    if spoken:
        return _day_or_time(spoken + DAY_WORDS[word] * DAY, pod, qualifier(m))
    lead = ctx.recent_lead_day()
    if word in ("today", "tonight") and lead and _quoted(ctx.text, m.start()):
        # "'Today the court has confirmed …,' the minister said" in a story of yesterday's ruling
        return _day_or_time(lead, pod, qualifier(m))
    if ctx.ref is None:
        return Resolved("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{PARTS_OF_DAY[pod.lower()]}" if pod else ""))
    return _day_or_time(ctx.ref + DAY_WORDS[word] * DAY, pod, qualifier(m))


def part_of_day(m: Match, ctx: Context) -> Resolved | None:
    rel = m.group("rel").lower()
    pod = m.group("pod")
    base = ctx.anchor_day() if rel == "that" else speech_day(ctx, m.start()) or ctx.ref
    if base is None:
        return Resolved("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[pod.lower()]}")
    if rel == "last":  # "last night" is the night before the report
        base -= DAY
    return _day_or_time(base, pod, qualifier(m))


def part_of_day_the(m: Match, ctx: Context) -> Resolved | None:
    """"during the morning", "through the night" after "throughout Sunday": of the day named
    earlier in the sentence, else of the report's day (a day named a sentence before is as
    often not the one meant: "… after Sunday's election. The rally faded by the afternoon")."""
    pod = m.group("pod") or m.group("pod2")
    day = ctx.sentence_anchor(m.start()) or ctx.ref
    if day is None:
        return Resolved("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[pod.lower()]}")
    return _day_or_time(day, pod)


def overnight(m: Match, ctx: Context) -> Resolved | None:
    """The night a day named in the sentence (or the day the lead tells of) ends with; else, in a
    past clause, the night before the report; else the report's own night."""
    if ctx.ref is None:
        return Resolved("TIME", "XXXX-XX-XXTNI")
    day = ctx.sentence_anchor(m.start()) or ctx.recent_lead_day()
    if day is None:
        day = ctx.ref - DAY if ctx.tense(m.start(), m.end()) == "PAST" else ctx.ref
    return _day_or_time(day, "night")


def part_of_day_mid(m: Match, ctx: Context) -> Resolved | None:
    """"mid-afternoon yesterday", "early morning": the part of the day named, or of the report day."""
    word = (m.group("w") or "today").lower()
    if ctx.ref is None:
        return Resolved("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[m.group('pod').lower()]}", qualifier(m))
    wd = weekday_number(word)
    if wd:
        day = weekday_date(ctx, ctx.ref, m.start(), m.end(), wd, None)
    else:
        day = ctx.ref + DAY_WORDS[word] * DAY
    return _day_or_time(day, m.group("pod"), qualifier(m))


_ATTRIBUTIVE = re.compile(r" [a-z]")  # "the Tuesday deadline": a lower-case noun follows


def weekday_date(ctx: Context, ref: dt.date, start: int, end: int, wd: int, rel: str | None) -> dt.date:
    """The weekday `wd` that "last"/"next" or else the tense of the clause points to:
    on or before the reference in a past clause, on or after it in a future one."""
    rel = re.sub(r"\s+", " ", (rel or "").lower())
    if rel in ("that", "the previous", "the following"):  # counted from the day just named
        ref = ctx.anchor_day() or ref
    past, future = cal.weekday_on_or_before(ref, wd), cal.weekday_on_or_after(ref, wd)
    if rel in ("last", "this past", "past", "the previous"):
        return past if past != ref else ref - 7 * DAY
    if rel in ("next", "this coming", "coming", "the following", "the next"):
        return future if future != ref else ref + 7 * DAY
    if rel == "that":  # "The strike began on March 1. That Friday, …": the one nearest that day
        return past if (ref - past) < (future - ref) else future
    tense = ctx.tense(start, end)
    if not rel and (ctx.text.startswith(("'s ", "’s "), end) or _ATTRIBUTIVE.match(ctx.text, end)
                    and ctx.text[max(0, start - 4):start].lower() == "the "):
        # "Wednesday's ruling", "Friday's close", "the Tuesday deadline": news names a
        # past event so, whatever the clause's tense; "Sunday's election" ahead only in
        # a future clause, and only when that Sunday is nearer than the last
        if leads_up(ctx.text, start):
            # "in the run-up to Sunday's election": ahead, unless a past clause tells of a
            # run-up to a day just gone (a Friday story on "had made clear in the run-up to
            # Thursday's meeting")
            clause = doc_tense(ctx.doc, start, end) if ctx.doc is not None \
                else lexical_tense(ctx.text, start, end, cues=False)
            return past if clause == "PAST" and (ref - past).days <= 2 else future
        # ("will take charge for Saturday's home game": a firm "will" looks ahead however far)
        return future if tense == "FUTURE" and ((future - ref) < (ref - past) or will_before(ctx.text, start)) \
            else past
    if tense in ("FUTURE", "PRESENT") or (rel == "this" and tense != "PAST"):
        return future
    return past


def weekday_set(weekday: int, part_of_day: str | None) -> Resolved:
    """Every such weekday ("XXXX-WXX-5"), or every such part of it ("XXXX-WXX-1TNI")."""
    suffix = f"T{PARTS_OF_DAY[part_of_day.lower()]}" if part_of_day else ""
    return Resolved("SET", f"XXXX-WXX-{weekday}{suffix}")


# "Monday and Thursday nights", "Saturday or Sunday mornings": the plural after the last
# weekday of a list makes every one of them recur
_SHARED_PLURAL = re.compile(rf"(?:\s*,\s*{WEEKDAY})*\s*,?\s+(?:and|or)\s+{WEEKDAY}"
                            rf"(?:s\b|\s+(?P<pod>morning|afternoon|evening|night)s\b)", re.I)


def weekday(m: Match, ctx: Context) -> Resolved | None:
    wd = weekday_number(m.group("wd"))
    if wd is None:
        return None
    shared = None if m.group("pod") or m.group("rel") else _SHARED_PLURAL.match(ctx.text, m.end())
    if shared:
        return weekday_set(wd, shared.group("pod"))
    pod = m.group("pod")
    if ctx.ref is None:
        suffix = f"T{PARTS_OF_DAY[pod.lower()]}" if pod else ""
        return Resolved("TIME" if pod else "DATE", f"XXXX-WXX-{wd}{suffix}")
    if m.group("wrel"):  # "Wednesday next week": that weekday of the week named
        week = ctx.ref + 7 * _SHIFTS[m.group("wrel").lower()] * DAY
        return _day_or_time(week + (wd - week.isoweekday()) * DAY, pod, qualifier(m))
    d = (None if m.group("rel") else listed_day(ctx, m.start(), wd)) \
        or weekday_date(ctx, ctx.ref, m.start(), m.end(), wd, m.group("rel"))
    return _day_or_time(d, pod, qualifier(m))


_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?P<range>through|to|until|till|[-–])\s*|(?:and|or)\s+)",
                        re.I)


def listed_day(ctx: Context, start: int, wd: int) -> dt.date | None:
    """A weekday named in a list or a range right after another day: "Monday through
    Friday" and "between Friday and Wednesday" run forward from the first; in "Wednesday
    night and Thursday" or "statements made Friday and Thursday" the second is the one
    next to the first, a day or two after or before it. None when neither reading is that
    close ("Monday and Friday"): the clause's tense decides as for any weekday."""
    link = _LIST_LINK.fullmatch(ctx.text, ctx.last_end, start) if ctx.last_end >= 0 else None
    before = re.search(rf"(?P<between>\bbetween\s+)?{WEEKDAY}(?:\s+\w+)?$",
                       ctx.text[max(0, ctx.last_end - 30):ctx.last_end], re.I)
    if not link or not before:
        return None  # after "Dec. 3 and Friday" the weekday keeps its own reading
    named = ctx.sentence_anchor(start)
    if named is None:
        return None
    after = (wd - named.isoweekday()) % 7
    if after == 0:
        return None
    if link.group("range") or before.group("between") or after <= 2:
        return named + after * DAY
    return named - (7 - after) * DAY if after >= 5 else None


_SHIFTS = {"this": 0, "current": 0, "the current": 0, "the full": 0, "the current fiscal": 0,
           "this fiscal": 0, "the latest": 0, "last": -1, "past": -1, "the past": -1, "the last": -1,
           "this past": -1, "the prior": -1, "the preceding": -1, "the latest fiscal": -1,
           "last fiscal": -1, "next": 1, "coming": 1, "the next": 1, "the coming": 1,
           "this coming": 1, "next fiscal": 1}


def relative_unit(m: Match, ctx: Context) -> Resolved | None:
    """"this week", "last month", "next year", "early next year" (2022, START)."""
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("u").lower()
    mod = qualifier(m)
    if rel == "the fiscal":
        return Resolved("DURATION", "P1Y")
    if rel in ("the past", "the last") and unit in ("week", "month", "decade") \
            or rel in ("the next", "the coming") and unit == "decade":
        # "over the past week"; "over the next decade", as "over the next ten years" is
        return Resolved("DURATION", cal.duration_value(1, unit_code(unit)), mod)
    shift = _SHIFTS[rel]
    if ctx.ref is None:
        code = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "DE"}[unit]
        return Resolved("DATE", UNKNOWN[code] + ("-WE" if unit == "weekend" else ""), mod)
    ref = ctx.ref
    if unit == "week":
        if ref.isoweekday() == 7 and rel in ("this past", "this"):
            # on a Sunday the week that ends today is "this past week", and "this week"
            # in a clause that is not past is the one that starts tomorrow
            shift = 0 if rel == "this past" or ctx.tense(m.start(), m.end()) == "PAST" else 1
        value = cal.week_value(ref + 7 * shift * DAY)
    elif unit == "weekend":
        saturday = cal.weekday_on_or_after(ref - (ref.isoweekday() - 1) * DAY, 6)  # this ISO week's
        if shift == 0 and ref.isoweekday() < 6 and ctx.tense(m.start(), m.end()) == "PAST":
            shift = -1
        value = cal.weekend_value(saturday + 7 * shift * DAY)
    elif unit == "month":
        d = cal.add_months(ref.replace(day=1), shift)
        value = cal.month_value(d.year, d.month)
    elif unit == "year":
        value = cal.year_value(ref.year + shift)
        if rel == "the full":
            value = cal.year_value(_reported_year(ctx, m))
        elif rel == "last" and not mod:  # "a loss of $3 million last year" in an earnings story
            value = last_year_quarter(ctx, m.start(), m.end()) or value
    else:
        value = cal.decade_value(ref.year + 10 * shift)
    return Resolved("DATE", value, mod, True)


def the_year(m: Match, ctx: Context) -> Resolved | None:
    """Earnings reports: "the year ended June 30" is a span of a year; "for the year" the
    current one, except in a January report of what the year did: "rose 19.6% for the year"
    there sums up the year just ended."""
    if m.group("ended") is not None or m.group("fisc"):
        return Resolved("DURATION", "P1Y")
    if ctx.ref is None:
        return Resolved("DATE", "XXXX")
    return Resolved("DATE", cal.year_value(_reported_year(ctx, m)), None, True)


def _reported_year(ctx: Context, m: Match) -> int:
    """The year "for the year", "the full year" speak of: the current one, but in a January
    past clause the one just ended ("growth for the full year was the lowest since 1999")."""
    assert ctx.ref is not None
    if ctx.ref.month == 1 and ctx.tense(m.start(), m.end()) == "PAST":
        return ctx.ref.year - 1
    return ctx.ref.year


def weekend(m: Match, ctx: Context) -> Resolved | None:
    """"the weekend": the last one in a past clause, else the coming one."""
    if ctx.ref is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    ref = ctx.ref
    past = ctx.tense(m.start(), m.end()) not in ("FUTURE", "PRESENT")
    if ref.isoweekday() >= 6:
        d = ref
    else:
        d = ref - 7 * DAY if past else ref
    return Resolved("DATE", cal.weekend_value(d), None, True)


_PART_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START", "turn": "START",
             "middle": "MID"}


def unit_end(m: Match, ctx: Context) -> Resolved | None:
    """"year-end", "the end of the month", "the beginning of the decade": the current one."""
    unit = (m.group("u") or m.group("u2")).lower()
    mod = _PART_MOD[m.group("part").lower()] if m.group("part") else "END"
    code = {"year": "Y", "month": "M", "week": "W", "decade": "DE", "century": "CE"}[unit]
    if ctx.ref is None:
        return Resolved("DATE", UNKNOWN[code], mod)
    ref = ctx.ref
    value = {"Y": lambda: cal.year_value(ref.year), "M": lambda: cal.month_value(ref.year, ref.month),
             "W": lambda: cal.week_value(ref), "DE": lambda: cal.decade_value(ref.year),
             "CE": lambda: f"{ref.year // 100:02d}"}[code]()
    return Resolved("DATE", value, mod, True)


def year_ago_adjective(m: Match, ctx: Context) -> Resolved | None:
    """"year-earlier profit": last year, or in an earnings story the year-ago quarter."""
    if ctx.ref is None:
        return Resolved("DATE", "XXXX")
    quarter = year_ago_quarter(ctx, m.start(), m.end())
    if quarter:
        return Resolved("DATE", quarter, None, True)
    return Resolved("DATE", cal.year_value(ctx.ref.year - 1), None, True)


def _back(ref: dt.date, amount: float, unit: str) -> str | None:
    """The calendar value `amount` units before `ref`, at the precision of the unit:
    "two years ago" is a year, "six weeks ago" a week, "ten days ago" a day."""
    if unit in ("Y", "DE", "CE"):
        years = amount * {"Y": 1, "DE": 10, "CE": 100}[unit]
        if years != int(years):
            d = cal.add_months(ref, -round(years * 12))
            return cal.month_value(d.year, d.month)
        return cal.year_value(ref.year - int(years))
    if unit == "Q":
        index = ref.year * 4 + cal.quarter_of(ref) - 1 - int(amount)
        return cal.quarter_value(index // 4, index % 4 + 1)
    if unit == "M":
        d = cal.add_months(ref, -round(amount))
        return cal.month_value(d.year, d.month)
    if unit in ("W", "FN"):
        return cal.week_value(ref - round(amount * (14 if unit == "FN" else 7)) * DAY)
    if unit == "D":
        return cal.day_value(ref - round(amount) * DAY)
    return cal.day_value(ref)  # hours, minutes: the same day


def ago(m: Match, ctx: Context) -> Resolved | None:
    unit = unit_code(m.group("u"))
    amount = parse_number(m.group("n"))
    if m.group("dir").lower() != "ago" and unit in ("D", "W", "H", "MIN", "S", "FN"):
        # "three days earlier" counts from another event: annotated as the duration
        return Resolved("DURATION", cal.duration_value(amount, unit), qualifier(m))
    if amount is None:
        return Resolved("DATE", "PAST_REF", qualifier(m), True)
    if ctx.ref is None:
        return Resolved("DATE", UNKNOWN[unit], qualifier(m))
    named = ctx.named_before(m.start()) if amount == 1 and not m.group("q") else None
    if named and unit == "Y" and (len(named) > 4 or m.group("dir").lower() != "ago"):
        # "rose 9.7% in December from a year earlier": that December's; "a profit in 2012
        # against a loss a year earlier": 2011 ("a year ago" stays counted from the report)
        return Resolved("DATE", f"{int(named[:4]) - 1:04d}{named[4:]}", None, True)
    if named and unit == "M" and re.fullmatch(r"\d{4}-\d\d", named) and m.group("dir").lower() != "ago":
        d = cal.add_months(dt.date(int(named[:4]), int(named[5:7]), 1), -1)  # "in March from a month earlier"
        return Resolved("DATE", cal.month_value(d.year, d.month), None, True)
    if unit == "Y" and amount == 1 and not m.group("q"):
        quarter = year_ago_quarter(ctx, m.start(), m.end())  # "from $90.5 million a year ago"
        if quarter:
            return Resolved("DATE", quarter, None, True)
    value = _back(ctx.ref, amount, unit)
    return Resolved("DATE", value, qualifier(m), True) if value else None


def present_ref(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("DATE", "PRESENT_REF", None, True)


def past_ref(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("DATE", "PAST_REF", None, True)


def future_ref(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("DATE", "FUTURE_REF", None, True)


def _clock(m: Match) -> tuple[int, int] | None:
    g = m.groupdict()
    if g.get("word"):
        return {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[g["word"].lower()]
    if g.get("mil") or g.get("mil2"):
        mil = g.get("mil") or g["mil2"]
        return int(mil[:2]), int(mil[2:])
    # no a.m./p.m.: the part of the day after it decides ("10:30 Friday night", "10 o'clock on Saturday night")
    later = (g.get("dpod") or g.get("tpod") or "").lower() in ("afternoon", "evening", "night") \
        or (g.get("dword") or "").lower() == "tonight"
    if g.get("h3"):
        n = parse_number(g["h3"])
        if n is None or not 1 <= n <= 12:
            return None
        return (int(n) + 12 if (g.get("late3") or later) and n < 12 else int(n)), 0  # "11 o'clock at night"
    if g.get("h4"):
        h = int(g["h4"])
        return (h + 12 if g["pod"].lower() != "morning" and h < 12 else h), 0
    if g.get("h2"):
        return int(g["h2"]), int(g["mi2"])
    if g.get("h7"):
        return int(g["h7"]), int(g["mi7"])
    if g.get("h6"):
        h, mi = int(g["h6"]), int(g["mi6"])
        return (h + 12 if later and h < 12 else h), mi
    h, mi = int(g["h"]), int(g["mi"] or 0)
    pm = g["ap"].lower().startswith("p")
    if h > 12 or h == 0 and pm:
        return None
    if pm and h < 12:
        h += 12
    elif not pm and h == 12:
        h = 0
    return h, mi


_SENTENCE_DAY = re.compile(r"(?:[^.!?]|[ap]\.m\.){0,60}?\b(?P<w>today|tomorrow|yesterday|tonight|monday|tuesday"
                           r"|wednesday|thursday|friday|saturday|sunday|this\s+(?:morning|afternoon|evening)"
                           r"|last\s+night)\b", re.I)


# a full date right after the clock: "1:03 PM EDT, Fri March 22, 2013", "11:52 GMT, 22 March 2013"
_DATE_AFTER = re.compile(r"(?:\s*\([^()]{1,24}\))?,?\s+(?:on\s+)?(?:[A-Z][a-z]{2,8}\.?,?\s+)?"
                         r"(?:(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
                         r"|(?P<d2>[0-3]?\d)\s+(?P<mon2>[A-Z][a-z]{2,8})\.?)(?:,?\s+(?P<y>(?:19|20)\d\d))?\b")


def _date_after(ctx: Context, m: Match) -> dt.date | None:
    """The date right after the clock, past a parenthetical conversion: "8:25 am (0525 GMT)
    Nov. 17", "1:03 PM EDT, Fri March 22, 2013"."""
    after = _DATE_AFTER.match(ctx.text, m.end())
    month = month_number(after.group("mon") or after.group("mon2")) if after else None
    if after is None or month is None:
        return None
    day = int(after.group("d") or after.group("d2"))
    if after.group("y"):
        return cal.safe_date(int(after.group("y")), month, day)
    r = month_day_reading(ctx, m.start(), m.end(), month, day, None, None)
    return dt.date.fromisoformat(r.value) if r and not r.value.startswith("X") else None


_ANAPHORIC_DAY = re.compile(r"\s*,?\s*(?:on\s+)?(?P<rel>the\s+(?:following|next|previous|preceding|prior)|that)"
                            r"\s+(?:day|morning|afternoon|evening|night)\b", re.I)


def clock_time(m: Match, ctx: Context) -> Resolved | None:
    """"10 a.m." on the day named with it ("9 a.m. Tuesday", "10:35 a.m. (0735 GMT)
    Friday", "16:30 the following day"), else on the day the sentence spoke of last,
    else the reference day."""
    hm = _clock(m)
    if hm is None or hm[0] > 24:
        return None
    mod = "APPROX" if m.group("approx") else None
    g = m.groupdict()
    day: dt.date | None = None
    if ctx.ref is not None:
        word = g.get("dwd") or g.get("dword") or ("today" if g.get("tpod") and re.search(
            r"\bthis\s+\w+$", m.group(0), re.I) else None)  # "06:30 local time this morning"
        if not word:
            after = _SENTENCE_DAY.match(ctx.text, m.end())
            word = after.group("w") if after else None
        dated = None if g.get("dmon") or g.get("dwd") or g.get("dword") else _date_after(ctx, m)
        anaphoric = None if g.get("dwd") or g.get("dword") else _ANAPHORIC_DAY.match(ctx.text, m.end())
        if dated:
            day = dated
        elif anaphoric and (base := ctx.anchor_day()):
            # the day words after it count from the same antecedent, so this is none
            return _clock_on(base + anaphoric_shift(anaphoric.group("rel")) * DAY, hm, mod, antecedent=False)
        elif g.get("dmon"):
            r = month_day_reading(ctx, m.start(), m.end(), month_number(g["dmon"]) or 1, int(g["dd"]), None, None)
            day = dt.date.fromisoformat(r.value) if r and not r.value.startswith("X") else None
        elif word and weekday_number(word):
            day = weekday_date(ctx, ctx.ref, m.start(), m.end(), weekday_number(word) or 1, None)
        elif word:
            day = (speech_day(ctx, m.start()) or ctx.ref) + DAY_WORDS[" ".join(word.lower().split())] * DAY
        else:
            day = ctx.sentence_anchor(m.start())
            if day and day > ctx.ref and tense_before(ctx.text, m.start()) == "PAST":
                day = None  # "flying to his daughter's wedding on Saturday, said he had been waiting since 6 a.m."
            if day is None and hm == (24, 0) and ctx.tense(m.start(), m.end()) == "PAST":
                return _midnight_gone(ctx, m, mod)
            if day is not None and hm == (24, 0) and _after_midnight(ctx, m):
                return _clock_on(day + DAY, (0, 0), mod)  # "… tonight," he said shortly after midnight
            lead = ctx.recent_lead_day()
            if day is None and lead and ctx.tense(m.start(), m.end()) == "PAST":
                # a story of what happened on the day its lead names ("… said late on Thursday"):
                # "the verdict was read at 3:00 pm" is on that day, not on the report's
                return _clock_on(lead, hm, mod, antecedent=False)
            if day is None:
                return _clock_on(ctx.ref, hm, mod, antecedent=False)
    return _clock_on(day, hm, mod)


def _midnight_gone(ctx: Context, m: Match, mod: str | None) -> Resolved:
    """A past "midnight" with no day named is the one the report's day began with: "the vote
    came shortly before midnight" ends the day before (T24:00), "the first man was lifted out
    shortly after midnight" opens the report's day (T00:00)."""
    assert ctx.ref is not None
    # the night the sentence before spoke of ("At 10 o'clock on Saturday night … By midnight")
    day = (_evening_before(ctx, m.start()) or ctx.ref - DAY) + DAY
    if _after_midnight(ctx, m):
        return _clock_on(day, (0, 0), mod, antecedent=False)
    return _clock_on(day - DAY, (24, 0), mod, antecedent=False)


def _after_midnight(ctx: Context, m: Match) -> bool:
    """"shortly after midnight", "since midnight": the start of the next day, not the end of one."""
    return re.search(r"\b(?:after|since|from)\s*$", ctx.text[max(0, m.start() - 12):m.start()], re.I) is not None \
        or re.match(r"(?:shortly\s+)?after\b", m.group(0), re.I) is not None


_EVENING = re.compile(r"(\d{4}-\d\d-\d\d)T(?:EV|NI|(?:1[89]|2[0-3]):\d\d)")


def _evening_before(ctx: Context, pos: int) -> dt.date | None:
    """The day whose evening or night the expression just before `pos` named, in the same
    paragraph and no more than a sentence or two back."""
    evening = _EVENING.fullmatch(ctx.paragraph_value(pos) or "")
    if evening is None or pos - ctx.last_end > 240:
        return None
    return dt.date.fromisoformat(evening.group(1))


def _clock_on(day: dt.date | None, hm: tuple[int, int], mod: str | None, antecedent: bool = True) -> Resolved:
    prefix = cal.day_value(day) if day else "XXXX-XX-XX"
    return Resolved("TIME", f"{prefix}T{hm[0]:02d}:{hm[1]:02d}", mod, day is not None, antecedent)


def anaphor(m: Match, ctx: Context) -> Resolved | None:
    """"that day", "the following year", "the next morning": counted from the
    last date the article named (the reference date if none); "the day before" likewise."""
    if m.group("side"):
        unit = m.group("ub").lower()
        shift = -1 if m.group("side").lower() in ("before", "earlier") else 1
    else:
        unit = m.group("u").lower()
        shift = anaphoric_shift(m.group("rel"))
    mod = qualifier(m)
    if unit in ("day", "morning", "night", "evening", "afternoon"):
        within = ctx.anchor_coarser_than_day()
        if within and unit == "day" and shift == 0:
            # "seized the airport last March ... arrested that same day": a day of that month
            return Resolved("DATE", within + ("-XX" if "-" in within else "-XX-XX"), mod, True)
        base = ctx.anchor_day()
        if base is None:
            return None
        pod = None if unit == "day" else unit
        return _day_or_time(base + shift * DAY, pod, mod)
    if unit == "year":
        y = ctx.anchor_year()
        return Resolved("DATE", cal.year_value(y + shift), mod, True) if y else None
    if unit == "month":
        ym = ctx.anchor_month()
        if ym is None:
            return None
        if m.group("ago"):  # "the same month last year": the month named as such (not "the
            shift = -12     # previous month" in between), a year back; no antecedent itself
            if ctx.named and re.fullmatch(r"\d{4}-\d\d", ctx.named[0]):
                ym = int(ctx.named[0][:4]), int(ctx.named[0][5:])
        d = cal.add_months(dt.date(ym[0], ym[1], 1), shift)
        return Resolved("DATE", cal.month_value(d.year, d.month), mod, True, antecedent=not m.group("ago"))
    week = re.fullmatch(r"(\d{4})-W(\d\d)", ctx.paragraph_value(m.start()) or "")
    # "the week of April 14 … that week", "rose last week from 4.26 percent the previous week":
    # the week named in the paragraph, not the week of the day named last
    base = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1) if week else ctx.anchor_day()
    return Resolved("DATE", cal.week_value(base + 7 * shift * DAY), mod, True) if base else None


def nth_day(m: Match, ctx: Context) -> Resolved | None:
    """"Today is the eighth day of the strike": the day the sentence stands on."""
    day = ctx.sentence_anchor(m.start()) or ctx.ref
    return Resolved("DATE", cal.day_value(day), None, True) if day else Resolved("DATE", "XXXX-XX-XX")


RESOLVERS: dict[str, Resolver] = {
    "deictic": deictic, "pod": part_of_day, "pod_the": part_of_day_the, "pod_mid": part_of_day_mid, "weekday": weekday,
    "overnight": overnight,
    "rel_unit": relative_unit, "the_year": the_year, "weekend": weekend, "unit_end": unit_end,
    "year_ago_adj": year_ago_adjective, "ago": ago, "ref_present": present_ref, "ref_past": past_ref,
    "ref_future": future_ref, "time": clock_time, "anaphor": anaphor, "nth_day": nth_day,
}
