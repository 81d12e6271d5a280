"""The regex reader: every numeral in the text, then what surrounds it decides
whether it is money, a measure, a count (see ``_counts``), or nothing (a
year, a date, a percentage, a designation such as "Su-30").
"""
from __future__ import annotations

from ._context import bounded, currency_prefix
from ._counts import Hints, plural_follows, read_count
from ._fx import to_usd
from ._lexicon import (
    ABBREVIATED_SCALES,
    AMBIGUOUS_CURRENCY_WORDS,
    CURRENCY_WORDS,
    UNITS,
    UNITS_NEED_DIGITS,
)
from ._model import Amount
from ._numbers import Numeral, Reading, iter_numerals, read_numeral, scale_value, words_value
from ._patterns import (
    ABBR_SCALE_RE,
    BETWEEN_RE,
    CURRENCY_SUFFIX_RE,
    FROM_RE,
    MACH_RE,
    PERCENT_RE,
    PHONE_HINT_RE,
    PHONE_RE,
    RANGE_RE,
    SECOND_NUMBER_RE,
    UNIT_RE,
    WORD_SCALE_RE,
    may_name_unit_or_currency,
)

_INDIAN_SCALES = ("crore", "lakh", "lac")


def scan(text: str, year: int | None, hints: Hints) -> list[Amount]:
    """All amounts the regexes find, in order, without overlaps."""
    found: list[Amount] = []
    floor = 0
    for match in iter_numerals(text):
        if match.start() < floor:
            continue
        if match.lastgroup == "digits":
            phone_end = _phone_end(text, match.start(), match.end())
            if phone_end:
                floor = phone_end  # "+7 495 123-45-67": no amounts inside
                continue
        numeral = read_numeral(match)
        if numeral is None:
            continue
        amount = _read_amount(text, numeral, floor, year, hints)
        if amount is not None:
            found.append(amount)
            floor = amount.end
    return found


def _phone_end(text: str, start: int, end: int) -> int:
    """End of a phone number starting at (or just before) these digits, else 0.
    Only digits followed by another digit group, or opened by "+" or "(", are
    checked, so ordinary figures cost one short match."""
    opener = text[start - 1:start] in ("+", "(")
    if not opener and not PHONE_HINT_RE.match(text, end):
        return 0
    m = PHONE_RE.match(text, start - 1 if opener else start)
    return m.end() if m is not None else 0


def _read_amount(text: str, numeral: Numeral, floor: int, year: int | None,
                 hints: Hints) -> Amount | None:
    """Money first, then a measure, then a count."""
    prefix = currency_prefix(text, numeral.start, floor) if numeral.kind != "vague" else None
    if prefix is None and numeral.kind == "digits" and _glued_left(text, numeral.start):
        return None  # "Su-30", "A400M", "2018-19", "9/11"
    follows = may_name_unit_or_currency(text, numeral.end)
    reading = _read_number(text, numeral, prefix is not None, follows)
    if reading is None:
        return None
    if reading.end != numeral.end:
        follows = may_name_unit_or_currency(text, reading.end)
    if follows and PERCENT_RE.match(text, reading.end):
        return None  # "49.93%", "5 per cent"
    if prefix is not None or follows or reading.scale_words:
        money = _read_money(text, reading, prefix, floor, year, follows)
        if money is not None or prefix is not None:
            return money
    measure = _read_measure(text, reading, floor, follows)
    if measure is not None:
        return measure
    return read_count(text, reading, floor, hints)


# --- the number itself ---------------------------------------------------------

def _glued_left(text: str, start: int) -> bool:
    """Digits stuck to what precedes them belong to a name, date or code."""
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalnum() or before in "_#/:+":
        return True
    if before in "-\u2010\u2011.":
        return start >= 2 and text[start - 2].isalnum()
    return False


def _read_number(text: str, numeral: Numeral, money: bool, follows: bool) -> Reading | None:
    """Apply a multiplier ("billion", "bn", "crore") and a range partner."""
    reading = Reading(numeral, numeral.value, numeral.end)
    if follows:
        _apply_scale(text, reading, money)
    if not _apply_range(text, reading, money):
        return None
    return reading


def _apply_scale(text: str, reading: Reading, money: bool) -> None:
    m = WORD_SCALE_RE.match(text, reading.end)
    if m is not None:
        reading.factor = scale_value(m.group("scale"))
        reading.scale_words = m.group("scale").lower()
    elif reading.numeral.kind == "digits":
        m = ABBR_SCALE_RE.match(text, reading.end)
        # "£300m", "$2bn": trusted with a currency; "300m" alone is metres
        if m is None or not (money or CURRENCY_SUFFIX_RE.match(text, m.end())):
            return
        reading.factor = ABBREVIATED_SCALES[m.group("abbr").lower()]
    else:
        return
    reading.value *= reading.factor
    reading.end = m.end()


def _apply_range(text: str, reading: Reading, money: bool) -> bool:
    """Read "3-4 billion" as its lower end. False when the whole thing is a
    span of years ("2018-19", "1990 to 1995") or a score ("2-1")."""
    ahead = text[reading.end:reading.end + 5].lstrip(" \t\u00a0").lower()
    if not ahead.startswith(("-", "\u2013", "\u2014", "to", "and")):
        return True
    m = RANGE_RE.match(text, reading.end)
    if m is None:
        return True
    word = (m.group("word") or "").lower()
    start = reading.numeral.start
    if word == "and" and not BETWEEN_RE.search(text, max(0, start - 16), start):
        return True
    if word == "to" and FROM_RE.search(text, max(0, start - 12), start):
        return True  # "from 300 to 400": a change, not a range
    second = SECOND_NUMBER_RE.match(text, m.end())
    if second is None:
        return True
    if second.group("digits"):
        if reading.looks_like_year and not money:
            return False
        value = float(second.group().replace(",", ""))
        numeral = Numeral(second.start(), second.end(), value, "digits")
    else:
        numeral = Numeral(second.start(), second.end(), words_value(second.group()) or 0.0, "words")
    if numeral.value < reading.numeral.value:
        return False  # "a 2-1 win", "3-0": a score, not a range
    partner = Reading(numeral, numeral.value, numeral.end)
    if may_name_unit_or_currency(text, partner.end):
        _apply_scale(text, partner, money)
    if partner.scaled and not reading.scaled:  # "$3-4 billion": the scale is shared
        reading.factor, reading.scale_words = partner.factor, partner.scale_words
        reading.value *= partner.factor
    reading.value = min(reading.value, partner.value)
    reading.end = partner.end
    reading.ranged = True
    return True


# --- money -----------------------------------------------------------------------

def _read_money(text: str, reading: Reading, prefix: tuple[str, int] | None,
                floor: int, year: int | None, follows: bool) -> Amount | None:
    start = prefix[1] if prefix else reading.numeral.start
    code: str | None = prefix[0] if prefix else None
    end = reading.end
    suffix = _currency_suffix(text, reading) if follows else None
    if suffix is not None:
        suffix_code, end = suffix
        code = suffix_code if suffix_code is not None or prefix is None else code
    elif prefix is None:
        if not any(w in reading.scale_words for w in _INDIAN_SCALES) \
                or plural_follows(text, end):  # "1.4 crore people": a count
            return None
        code = "INR"  # "a 5,000 crore deal": Indian figures are rupees
    bound, start, end = bounded(text, reading, start, end, floor)
    code = _redenominated(code, year)
    converted = to_usd(reading.value, code, year) if code else None
    return Amount(
        start, end, text[start:end], "money", reading.value, code,
        usd=converted[0] if converted else None,
        fx_year=converted[1] if converted else None,
        bound=bound, vague=reading.numeral.vague,
    )


def _currency_suffix(text: str, reading: Reading) -> tuple[str | None, int] | None:
    """(code, end) of "dollars", "U.S. dollars", "USD" after the number."""
    m = CURRENCY_SUFFIX_RE.match(text, reading.end)
    if m is None:
        return None
    if m.group("of") and reading.numeral.kind != "vague":
        return None  # "5 million of dollars" is not how figures are written
    if m.group("code"):
        return m.group("code"), m.end()
    word = " ".join(m.group("word").lower().split())
    if word in AMBIGUOUS_CURRENCY_WORDS and not _ambiguous_ok(word, reading):
        return None  # "500 pounds" is a weight, "the team won"
    return CURRENCY_WORDS[word], m.end()


def _ambiguous_ok(word: str, reading: Reading) -> bool:
    if reading.scaled or reading.numeral.kind == "vague":
        return True
    return word.endswith("won") and reading.value >= 1000


def _redenominated(code: str | None, year: int | None) -> str | None:
    """Pre-1998 roubles are RUR, pre-2005 lira TRL (see fx_rates.yaml)."""
    if year is not None and code == "RUB" and year < 1998:
        return "RUR"
    if year is not None and code == "TRY" and year < 2005:
        return "TRL"
    return code


# --- measures --------------------------------------------------------------------

def _read_measure(text: str, reading: Reading, floor: int, follows: bool) -> Amount | None:
    start = reading.numeral.start
    m = UNIT_RE.match(text, reading.end) if follows else None
    if m is not None:
        surface = m.group("unit")
        key = surface if surface in UNITS else " ".join(surface.lower().split())
        if key in UNITS_NEED_DIGITS and reading.numeral.kind != "digits":
            return None
        unit = UNITS.get(key) or UNITS.get(key.lower())
        if unit is None:
            return None
        end = m.end()
    else:
        if "Mach" not in text[max(0, start - 6):start]:
            return None
        mach = MACH_RE.search(text, max(floor, start - 6), start)
        if mach is None:
            return None
        unit, end, start = "mach", reading.end, mach.start()  # "Mach 5"
    bound, start, end = bounded(text, reading, start, end, floor)
    return Amount(start, end, text[start:end], "measure", reading.value, unit,
                  bound=bound, vague=reading.numeral.vague)
