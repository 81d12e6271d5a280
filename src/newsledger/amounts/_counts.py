"""Counts: a number and the noun it counts ("21 MiG-29", "600,000 Russian
AK-203 assault rifles", "dozens of tanks"), and the contexts where a number
counts nothing (years, dates, designations, durations).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

from ._context import bounded, previous_word, right_bound
from ._lexicon import (
    CAPITALISED_OK,
    DESIGNATORS,
    LEADING_MODIFIERS,
    LEFT_BOUNDS,
    MONTHS,
    NOT_COUNTED,
    PLURAL_WITHOUT_S,
    STOPWORDS,
    YEAR_CONTEXT,
    YEAR_NOUNS,
)
from ._model import Amount
from ._numbers import Reading
from ._patterns import NEXT_WORD_RE, OF_RE

REJECT = "reject"  # a counted noun that shows the number is no count ("three years")
_FREE = "free"
_AFTER_NAME = "after-name"

Noun = tuple[str, int] | str | bool  # (head, end), REJECT, or False for none


class Hints(Protocol):
    """What a parsed document can add to the regex reading (see ``_docs``)."""

    def is_name(self, start: int, end: int) -> bool:
        """Is the word at [start, end) a place or person name ("India 21 jets")?"""
        ...

    def counted_noun(self, pos: int, allow_of: bool) -> Noun | None:
        """The counted noun after ``pos``, or None for "no opinion"."""
        ...


class NoHints:
    """Regexes alone."""

    def is_name(self, start: int, end: int) -> bool:
        return False

    def counted_noun(self, pos: int, allow_of: bool) -> Noun | None:
        return None


def read_count(text: str, reading: Reading, floor: int, hints: Hints) -> Amount | None:
    """A count, or None when the number counts nothing we keep."""
    numeral = reading.numeral
    context = _count_context(text, reading, hints)
    if context is None:
        return None
    right = right_bound(text, reading.end)
    noun_from = right[1] if right else reading.end
    if text[noun_from:noun_from + 1] == "-" and not right:
        return None  # "21-gun salute", "two-day visit", "one-third"
    allow_of = numeral.kind == "vague"
    noun = hints.counted_noun(noun_from, allow_of)
    if noun is None:
        noun = counted_noun(text, noun_from, reading.value, allow_of)
    if noun == REJECT or (not noun and not _stands_alone(reading)):
        return None
    unit, end = noun if isinstance(noun, tuple) else (None, noun_from)
    if not _unit_fits(reading, unit, context):
        return None
    bound, start, _ = bounded(text, reading, numeral.start, reading.end, floor, right=False)
    if right and start == numeral.start:  # as in bounded(): words before win
        bound = right[0]
    return Amount(start, end, text[start:end], "count", reading.value, unit,
                  bound=bound, vague=numeral.vague)


def _count_context(text: str, reading: Reading, hints: Hints) -> str | None:
    """None when the number cannot be a count: digits glued to letters ("21st",
    "1990s"), times and fractions ("10:30", "9/11"), dates ("June 15"),
    designations ("Type 055", "Article 370"), years ("in 2018"). _AFTER_NAME
    when a capitalised word precedes it ("Boeing 737" or "sold Poland 180
    tanks"): then only a plural noun makes it a count."""
    numeral = reading.numeral
    after = text[numeral.end:numeral.end + 1]
    if numeral.kind == "digits" and after.isalpha() and not reading.scaled:
        return None
    if after in ("/", ":") or text[reading.end:reading.end + 1] in ("/", ":"):
        return None
    previous = previous_word(text, numeral.start)
    if previous is None:
        return _FREE
    word, begin = previous
    low = word.lower()
    if low in DESIGNATORS or (low in MONTHS and word[0].isupper()):
        return None
    if reading.looks_like_year and low in YEAR_CONTEXT:
        return None
    if word[0].isupper() and low not in CAPITALISED_OK and low not in LEFT_BOUNDS \
            and not hints.is_name(begin, begin + len(word)):
        return _AFTER_NAME
    return _FREE


def _stands_alone(reading: Reading) -> bool:
    """A count needs its noun, except "1.5 million" and "dozens (were killed)"."""
    if reading.numeral.kind == "vague":
        return reading.numeral.vague and reading.numeral.value >= 20
    return (reading.scaled or reading.numeral.kind == "words") and reading.value >= 1000


def _unit_fits(reading: Reading, unit: str | None, context: str) -> bool:
    """A year needs a plural noun ("2000 troops", not "2018 elections"); so does
    a number after a capitalised word ("sold Poland 180 K2 tanks", not
    "Boeing 737")."""
    if unit is not None and unit.split()[-1].lower() in NOT_COUNTED:
        return False
    if reading.looks_like_year and (unit is None or unit.lower() in YEAR_NOUNS
                                    or not is_plural(unit)):
        return False
    if context == _AFTER_NAME:
        return unit is not None and (is_plural(unit) and unit[0].islower()
                                     or _is_name_plural(unit))
    return True


@functools.lru_cache(maxsize=8192)
def is_plural(words: str) -> bool:
    """Does the last word look like a plural noun ("rifles", "aircraft")?"""
    last = words.rsplit(None, 1)[-1].lower()
    if last in PLURAL_WITHOUT_S:
        return True
    return len(last) > 2 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _is_name_plural(word: str) -> bool:
    """"MiG-29s", "F-16s", "Su-30MKIs": a model name in the plural."""
    return len(word) > 2 and word.endswith("s") and (word[-2].isdigit() or word[-2].isupper())


def plural_follows(text: str, pos: int) -> bool:
    """Is the next word a lower-case plural noun? ("1.4 crore people" is a
    count even in crores; "aircraft carriers" goes on past "aircraft")."""
    m = NEXT_WORD_RE.match(text, pos)
    return m is not None and _lower_plural(m.group("word"))


# --- the counted noun, by regexes ------------------------------------------------------

@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    low: str

    @property
    def lower_case(self) -> bool:
        return self.text[0].islower()


def counted_noun(text: str, pos: int, value: float, allow_of: bool) -> Noun:
    """(head text, end) of the counted noun after ``pos``; False if there is
    none; REJECT if the number counts time ("three years")."""
    if allow_of:
        m = OF_RE.match(text, pos)
        if m is not None:
            pos = m.end()
    singular = value == 1
    words = _words_after(text, pos, singular)
    head = _head(words, singular) if words else None
    if head is None:
        return False
    if head[-1].low in NOT_COUNTED:
        return REJECT
    return text[head[0].start:head[-1].end], head[-1].end


def _words_after(text: str, pos: int, singular: bool) -> list[_Word]:
    """Up to six words of a noun phrase, stopping at function words, verbs we
    know, punctuation, and right after a plural noun."""
    words: list[_Word] = []
    m = NEXT_WORD_RE.match(text, pos)
    while m is not None and len(words) < 6:
        word = _Word(m.start("word"), m.end("word"), m.group("word"), m.group("word").lower())
        if word.low in STOPWORDS and not (word.low in NOT_COUNTED and not words):
            break
        if words and words[-1].lower_case and not word.lower_case \
                and words[-1].low not in LEADING_MODIFIERS:
            break  # "tanks Russia": a new phrase; but "12 more Rafales" goes on
        words.append(word)
        if word.low in NOT_COUNTED:
            break
        following = NEXT_WORD_RE.match(text, m.end())
        if word.lower_case and word.low not in LEADING_MODIFIERS \
                and (singular or is_plural(word.low)) \
                and not (following is not None and _lower_plural(following.group("word"))):
            break  # "300 tanks were", but "three aircraft carriers"
        m = following
    return words


def _lower_plural(word: str) -> bool:
    return word[0].islower() and word not in STOPWORDS and is_plural(word)


def _head(words: list[_Word], singular: bool) -> list[_Word] | None:
    """Trailing lower-case nouns ("assault rifles"), or else the last name-like
    word ("MiG-29")."""
    cut = len(words)
    while cut > 0 and words[cut - 1].lower_case:
        cut -= 1
    tail = words[cut:]
    if tail and (singular or is_plural(tail[-1].low) or tail[-1].low in NOT_COUNTED):
        while len(tail) > 1 and tail[0].low in LEADING_MODIFIERS:
            tail = tail[1:]
        return tail
    if cut:
        return [words[cut - 1]]
    return None
