"""Compiled regexes that read the context around a numeral. Each is used with
``match(text, pos)`` (what follows) or ``search(text, lo, hi)`` with an end
anchor (what precedes), so no pattern ever scans a whole article.
"""
from __future__ import annotations

import re

from ._lexicon import (
    ABBREVIATED_SCALES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    ISO_CODES,
    RIGHT_BOUNDS,
    UNIT_AND_CURRENCY_WORDS,
    UNITS,
    WORD_SCALES,
    alternation,
)
from ._numbers import DIGITS, WORDS

WS = r"[ \t\u00a0]"

# "billion", "1.5-billion", "lakh crore" after the number.
_SCALE_WORDS = alternation([w for w in WORD_SCALES])
WORD_SCALE_RE = re.compile(
    rf"(?:{WS}*-{WS}*|{WS}*)(?P<scale>(?:{_SCALE_WORDS})(?:{WS}+(?:crores?|million|billion)(?![A-Za-z]))?)\b",
    re.IGNORECASE,
)
# "bn", "m", "k" glued or one space after ("$2bn", "INR390 b"): money only.
ABBR_SCALE_RE = re.compile(
    rf"{WS}?(?P<abbr>{alternation(list(ABBREVIATED_SCALES))})(?![A-Za-z0-9]|-[A-Za-z0-9]|\.[A-Za-z])",
    re.IGNORECASE,
)

# "30 billion U.S. dollars", "500 million rubles", "5 billion USD",
# "billions of dollars" (the "of" is only accepted after a vague word).
CURRENCY_SUFFIX_RE = re.compile(
    rf"(?:{WS}*-{WS}*|{WS}+)(?:(?P<of>of){WS}+)?"
    rf"(?:(?P<word>{alternation(list(CURRENCY_WORDS))})(?![A-Za-z])|(?-i:(?P<code>{alternation(ISO_CODES)}))\b)",
    re.IGNORECASE,
)

# A second number making a range: "$3-4 billion", "3 to 4", "between 3 and 4".
RANGE_RE = re.compile(
    rf"(?:{WS}*[-\u2013\u2014]{WS}*|{WS}+(?P<word>to|and){WS}+)"
    rf"(?:(?:{alternation(list(CURRENCY_PREFIXES))}){WS}?)?(?=[\d.]|[a-z])",
    re.IGNORECASE,
)
SECOND_NUMBER_RE = re.compile(rf"(?P<digits>{DIGITS})(?![\d])|(?P<words>\b{WORDS}\b)", re.IGNORECASE)
BETWEEN_RE = re.compile(rf"\bbetween{WS}+\S{{0,4}}\Z", re.IGNORECASE)
FROM_RE = re.compile(rf"\bfrom{WS}+\S{{0,4}}\Z", re.IGNORECASE)

# "49.93%", "5 per cent", "3 percentage points": never an amount.
PERCENT_RE = re.compile(
    rf"{WS}*(?:%|percent\b|per{WS}?cent\b|pct\b|percentage{WS}+points?\b)", re.IGNORECASE
)

# Units: long words ignore case; abbreviations keep theirs ("5 T-90" is no tonnage).
_LONG_UNITS = [u for u in UNITS if len(u) > 4 or " " in u]
_SHORT_UNITS = [u for u in UNITS if u not in _LONG_UNITS]
UNIT_RE = re.compile(
    rf"(?:{WS}*-{WS}*|{WS}*)(?P<unit>(?i:{alternation(_LONG_UNITS)})|{alternation(_SHORT_UNITS)})"
    r"(?![A-Za-z0-9²]|-[A-Za-z0-9]|\.[A-Za-z0-9])"
)
MACH_RE = re.compile(rf"\bMach{WS}+\Z")

# "$3 billion or more", "300-plus tanks", "300+ drones", "200 or so".
_RIGHT_WORDS = [phrase for phrase in RIGHT_BOUNDS if " " in phrase]
RIGHT_BOUND_RE = re.compile(
    rf"(?:{WS}*-?{WS}*(?P<plus>plus)\b|(?P<sign>\+)(?!\d)"
    rf"|{WS}+(?P<words>{alternation(_RIGHT_WORDS)})\b)",
    re.IGNORECASE,
)

# One word after the number while looking for the counted noun. A capitalised
# word takes a short model number with it ("Type 055", "Leopard 2"), and a
# calibre counts as a word ("2 million 155mm shells").
NEXT_WORD_RE = re.compile(
    rf"{WS}+(?P<word>[A-Z][A-Za-z0-9'\u2019]*(?:[-/][A-Za-z0-9]+)*"
    rf"(?:{WS}\d{{1,3}}[A-Za-z]*(?![\d%]|[.,]\d))?"
    rf"|[a-z][A-Za-z0-9'\u2019]*(?:[-/][A-Za-z0-9]+)*|\d{{2,3}}-?mm)(?![A-Za-z0-9])"
)
OF_RE = re.compile(rf"{WS}+of(?={WS})", re.IGNORECASE)

# The word right after a number (glued, spaced or hyphenated): looked up in
# UNIT_AND_CURRENCY_WORDS before any of the longer patterns above is tried.
FOLLOWING_TOKEN_RE = re.compile(
    rf"{WS}*(?:[-\u2010\u2011]{WS}*)?(?P<token>%|\u00b0[CF]?|[A-Za-z][A-Za-z.'\-]*)"
)


def may_name_unit_or_currency(text: str, pos: int) -> bool:
    """Could the word at ``pos`` start a multiplier, currency, unit or "%"?"""
    m = FOLLOWING_TOKEN_RE.match(text, pos)
    if m is None:
        return False
    token = m.group("token").lower()
    return (token in UNIT_AND_CURRENCY_WORDS
            or token.rstrip(".'-") in UNIT_AND_CURRENCY_WORDS
            or token.split("-", 1)[0] in UNIT_AND_CURRENCY_WORDS)


# Phone numbers: "+7 495 123-45-67", "(202) 555-0173", "202-555-0173".
PHONE_HINT_RE = re.compile(r"[ .\-)][ (]?\d")  # a digit group follows: maybe a phone
PHONE_RE = re.compile(
    r"\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){2,}[ .\-]?\d{2,4}"
    r"|\(\d{2,4}\)[ .\-]?\d{3}[ .\-]\d{4}"
    r"|\b\d{3}[.\-]\d{3}[.\-]\d{4}\b"
    r"|\b\d{2,4}(?:[ .\-]\d{2,4}){3,}\b"
)
