"""Words of time: month and weekday names, number words, units, and the regex
fragments the grammar in :mod:`patterns` is assembled from.

Kept apart from the grammar so a new spelling ("Sept.", "Thurs.") is one table
entry, not a regex edit in several rules.
"""
from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {  # ISO numbering: Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

UNITS: dict[str, str] = {  # canonical unit codes used by resolve.py
    "second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
    "day": "D", "days": "D", "week": "W", "weeks": "W", "fortnight": "FN", "fortnights": "FN",
    "month": "M", "months": "M", "quarter": "Q", "quarters": "Q", "year": "Y", "years": "Y",
    "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
}

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30,
}
# vague amounts: "several days" is PXD, never a guessed number
VAGUE_AMOUNTS = ("a few", "few", "several", "some", "many", "a number of", "dozens of",
                 "hundreds of", "thousands of", "numerous", "a couple of", "couple of")

# quantity modifiers kept inside a TIMEX3 span, with the TimeML mod they carry
QUANTITY_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "only": "EQUAL_OR_LESS",
}
# "early 2022", "the end of 2025": position modifiers and their TimeML mod
POSITION_MODS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START", "beginning": "START",
    "mid": "MID", "the middle of": "MID", "middle": "MID", "late": "END", "the end of": "END",
    "end": "END", "the close of": "END",
}


def _alternation(words: list[str]) -> str:
    """Longest first, so "Sept" is tried before "Sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _capitalised(words: list[str]) -> str:
    """Case-sensitive alternation of Title and UPPER forms: "may" the modal and
    "march" the verb must not read as months."""
    forms = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "(?-i:" + _alternation(sorted(forms)) + ")"


# months written out in full ("December") or abbreviated with a dot ("Dec.")
MONTH_FULL = _capitalised([m for m in MONTHS if m != "may"])
MONTH_ABBR = _capitalised(list(MONTH_ABBREVIATIONS))
# a month followed by a day or year may be abbreviated without a dot ("Dec 6")
MONTH = rf"(?:{_capitalised(list(MONTHS))}|{MONTH_ABBR}\.?)"
WEEKDAY = rf"(?:{_alternation(list(WEEKDAYS))})"
WEEKDAY_ABBR = rf"(?:{_capitalised(list(WEEKDAY_ABBREVIATIONS))}\.?)"
SEASON = rf"(?:{_alternation(list(SEASONS))})"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"

NUMBER_WORD = (rf"(?:(?:{_alternation(list(TENS))})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
            rf"|{_alternation(list(SMALL_NUMBERS))})")
# a number as news writes it: "10", "2.5", "2 1/2", "ten", "twenty-four", "a", "a half", "one and a half"
NUMBER = (rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{NUMBER_WORD}(?:\s+hundred)?(?:[\s-]+and[\s-]+a[\s-]+half)?"
          r"|a\s+half|an?(?:\s+and\s+a\s+half)?|half\s+an?|a\s+dozen|a\s+hundred|a\s+thousand"
          # "the past half century" (not a cricketer's "half century")
          r"|(?:(?<=past\s)|(?<=last\s)|(?<=next\s)|(?<=first\s))half(?=\s+(?:century|decade)\b))")
VAGUE = rf"(?:{_alternation(list(VAGUE_AMOUNTS))})"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
QMOD = rf"(?:{_alternation(list(QUANTITY_MODS))})"
ORDINAL = rf"(?:{_alternation(list(ORDINALS))}|\d{{1,2}}(?:st|nd|rd|th))"


_WORD_AMOUNTS = {"a half": 0.5, "half a": 0.5, "half an": 0.5, "half": 0.5, "a": 1.0, "an": 1.0,
                 "a couple of": 2.0, "couple of": 2.0, "a dozen": 12.0, "a hundred": 100.0, "a thousand": 1000.0}


def parse_number(text: str) -> float | None:
    """Value of a NUMBER match ("2 1/2", "twenty-four", "a year and a half"), or
    None for a vague amount ("several"), which TimeML writes as X."""
    t = re.sub(r"\s+", " ", text.strip().lower()).replace("-", " ")
    half = 0.5 if t.endswith(" and a half") else 0.0
    t = t.removesuffix(" and a half")
    if t in _WORD_AMOUNTS:
        return _WORD_AMOUNTS[t] + half
    m = re.fullmatch(r"(\d+)(?:([.,])(\d+))?(?: (\d)/(\d))?", t)
    if m:
        whole, sep, rest = m.group(1), m.group(2), m.group(3)
        if sep == "," and len(rest) == 3:  # "2,000" groups thousands; "2,5" is a decimal comma
            value = float(whole + rest)
        else:
            value = float(f"{whole}.{rest}") if rest else float(whole)
        if m.group(4):
            value += int(m.group(4)) / int(m.group(5))
        return value + half
    total = 0
    for word in t.split():
        if word in SMALL_NUMBERS:
            total += SMALL_NUMBERS[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return float(total) + half if t else None


def parse_ordinal(text: str) -> int | None:
    t = text.strip().lower()
    if t in ORDINALS:
        return ORDINALS[t]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", t)
    return int(m.group(1)) if m else None


def month_number(text: str) -> int | None:
    """1-12 for "Dec.", "December", "SEPT"; None otherwise."""
    t = text.strip().rstrip(".").lower()
    return MONTHS.get(t) or MONTH_ABBREVIATIONS.get(t)


def weekday_number(text: str) -> int | None:
    t = text.strip().rstrip(".").lower()
    if t.endswith("s") and t[:-1] in WEEKDAYS:
        t = t[:-1]
    return WEEKDAYS.get(t) or WEEKDAY_ABBREVIATIONS.get(t)


_YEAR_WORDS = re.compile(
    rf"(?P<century>nineteen|eighteen|twenty)[\s-]+(?P<rest>hundred|{NUMBER_WORD}|oh[\s-]+\w+)"
    r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:[\s-]+(?P<small>\w+(?:[\s-]+\w+)?))?", re.I)


def spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six": broadcast transcripts spell years out."""
    m = _YEAR_WORDS.fullmatch(text.strip())
    if not m:
        return None
    if m.group("century"):
        base = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000}[m.group("century").lower()]
        rest = m.group("rest").lower()
        if rest == "hundred":
            return base
        if rest.startswith("oh"):
            n = parse_number(rest[2:])
            return base + int(n) if n is not None and n < 10 else None
        n = parse_number(rest)
        return base + int(n) if n is not None and 10 <= n < 100 else None
    small = m.group("small")
    if not small:
        return 2000
    n = parse_number(small)
    return 2000 + int(n) if n is not None and n < 100 else None
