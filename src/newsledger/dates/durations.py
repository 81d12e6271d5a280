"""Resolvers for how long and how often: durations ("ten years", "several
days" is PXD, "a fortnight" P2W, "months-long" PXM) and sets ("every week",
"annually", "$5 million a year", "on Mondays").
"""
from __future__ import annotations

import re

from . import calendar as cal
from .context import Context, Match, Resolved, Resolver
from .lexicon import MONTHS, PARTS_OF_DAY, SEASONS, UNITS, parse_number, weekday_number
from .relative import qualifier, unit_code, weekday_set

_MODAL_BEFORE = re.compile(r"\b(?:will|would|may|might|could|can|should|must|shall|to|hopes?|'ll)\s+$", re.I)


def duration(m: Match, ctx: Context) -> Resolved | None:
    """"ten years", "the past two months", "several days" (PXD), "a fortnight" (P2W)."""
    amount = parse_number(m.group("n"))
    if m.group(0).lower() == "one day" and _MODAL_BEFORE.search(ctx.text[max(0, m.start() - 12):m.start()]):
        return Resolved("DATE", "FUTURE_REF", None, True)  # "Islam will one day be..." is someday
    if amount is not None and m.groupdict().get("half"):
        amount += 0.5  # "a minute and a half"
    return Resolved("DURATION", cal.duration_value(amount, unit_code(m.group("u"))), qualifier(m))


def adjective_duration(m: Match, ctx: Context) -> Resolved | None:
    """"two-year", "16-hour", "several-year"."""
    n = m.group("n").lower()
    amount = None if n in ("several", "multi") else parse_number(n)
    return Resolved("DURATION", cal.duration_value(amount, unit_code(m.group("u"))))


def unit_long(m: Match, ctx: Context) -> Resolved | None:
    """"day-long" is P1D; "months-long" is PXM."""
    amount = None if m.group("pl") else 1.0
    return Resolved("DURATION", cal.duration_value(amount, unit_code(m.group("u"))))


def plural(m: Match, ctx: Context) -> Resolved | None:
    """Bare plural units: "for years" is PXY; "months ago" a time gone, PAST_REF."""
    if m.group("ago"):
        return Resolved("DATE", "PAST_REF", None, True)
    return Resolved("DURATION", cal.duration_value(None, unit_code(m.group("u"))))


def vague_plural(m: Match, ctx: Context) -> Resolved | None:
    """"recent years" is PXY as "recent weeks" is PXW (the TimeML majority; TBAQ's
    annotators split, 3 PAST_REF to 2 PXY), "coming weeks" PXW, "earlier years" PAST_REF,
    "future quarters" FUTURE_REF."""
    adj = re.sub(r"\s+", " ", (m.group("adj") or m.group("adj2") or "").lower())
    unit = unit_code(m.group("u") or m.group("u2"))
    if (adj == "earlier" and unit == "Y") or adj == "past":
        return Resolved("DATE", "PAST_REF", None, True)  # "in recent years"
    if adj in ("future",) or (adj in ("coming", "the coming", "upcoming") and unit == "Q"):
        return Resolved("DATE", "FUTURE_REF", None, True)
    return Resolved("DURATION", cal.duration_value(None, unit))


def set_every(m: Match, ctx: Context) -> Resolved | None:
    """"every week" (P1W), "each Thursday" (XXXX-WXX-4), "each July" (XXXX-07)."""
    word = m.group("u").lower()
    amount = parse_number(m.group("n")) if m.group("n") else 1.0
    if "other" in m.group(0).lower():
        amount = 2.0
    if word in UNITS:
        return Resolved("SET", cal.duration_value(amount, UNITS[word]))
    wd = weekday_number(word)
    if wd:
        return weekday_set(wd, m.group("pod"))
    if word in MONTHS:
        return Resolved("SET", f"XXXX-{MONTHS[word]:02d}")
    if word in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[word]}")
    if word == "weekend":
        return Resolved("SET", "XXXX-WXX-WE")
    return Resolved("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}")


_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
            "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W",
            "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M"}


def set_adverb(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("SET", _ADVERBS[m.group("w").lower()])


def set_rate(m: Match, ctx: Context) -> Resolved | None:
    """"$1 billion a year", "twice a week"."""
    return Resolved("SET", cal.duration_value(1, unit_code(m.group("u"))))


def set_weekdays(m: Match, ctx: Context) -> Resolved | None:
    """"on Fridays", "on Sunday mornings": every such day, or every such part of it; "at weekends"."""
    if m.group("we"):
        return Resolved("SET", "XXXX-WXX-WE")
    return weekday_set(weekday_number(m.group("wd")) or 1, m.group("pod"))


def fortnight(m: Match, ctx: Context) -> Resolved | None:
    """"the next fortnight", "the past fortnight": two weeks."""
    return Resolved("DURATION", "P2W")


def vague_span(m: Match, ctx: Context) -> Resolved | None:
    """"for a while", "for some time": a duration of unknown length and unit."""
    return Resolved("DURATION", "PXX")


RESOLVERS: dict[str, Resolver] = {
    "from_now": duration, "duration": duration, "adj_duration": adjective_duration, "unit_long": unit_long,
    "plural": plural, "vague_plural": vague_plural, "set_every": set_every, "set_adverb": set_adverb,
    "set_rate": set_rate, "set_weekdays": set_weekdays, "vague_span": vague_span, "fortnight": fortnight,
}
