"""What stands right before or after a number: a currency sign, a bound
phrase, the previous word. Read with plain string operations, gated by cheap
tests, because they run for every number of every article.
"""
from __future__ import annotations

from ._lexicon import CURRENCY_PREFIXES, ISO_CODES, LEFT_BOUNDS, RIGHT_BOUNDS
from ._numbers import Reading
from ._patterns import RIGHT_BOUND_RE

_SPACES = " \t\u00a0"
_OPENERS = "([{\"'\u201c\u2018"

# Currency prefixes grouped by their last character, longest first, so one
# dict lookup on the character before the number finds the few candidates.
_PREFIX_CODES: dict[str, str] = {**{code: code for code in ISO_CODES}, **CURRENCY_PREFIXES}
_PREFIXES_BY_LAST: dict[str, tuple[str, ...]] = {}
for _prefix in sorted(_PREFIX_CODES, key=len, reverse=True):
    _PREFIXES_BY_LAST[_prefix[-1]] = _PREFIXES_BY_LAST.get(_prefix[-1], ()) + (_prefix,)

# Bound phrases by their last word ("than": "no more than", "more than", ...),
# longest first, so the word right before a number picks the few to try.
_BOUNDS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase in sorted(LEFT_BOUNDS, key=lambda p: -len(p.split())):
    _BOUNDS_BY_LAST.setdefault(_phrase.split()[-1], []).append(
        (tuple(_phrase.split()), LEFT_BOUNDS[_phrase]))



def currency_prefix(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """(ISO code, start) of "$", "US$", "Rs.", "INR" glued to the number or
    one space before it ("$ 5.5 billion", "Rs 38,900 crore")."""
    low = max(floor, start - 8)
    end = start
    if end > low and text[end - 1] in _SPACES:
        end -= 1
    if end <= low:
        return None
    for prefix in _PREFIXES_BY_LAST.get(text[end - 1], ()):
        begin = end - len(prefix)
        if begin < low or not text.startswith(prefix, begin):
            continue
        if prefix[0].isalpha() and begin > 0 and text[begin - 1].isalpha():
            continue  # "PINR", "Mrs 5": part of a longer word
        return _PREFIX_CODES[prefix], begin
    return None


def previous_word(text: str, start: int) -> tuple[str, int] | None:
    """The word ending right before ``start`` (spaces between), if it is made
    of letters (with dots or apostrophes: "No.", "India's")."""
    end = start
    while end > 0 and text[end - 1] in _SPACES:
        end -= 1
    if end == start or end == 0:
        return None
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in ".'\u2019"):
        begin -= 1
    word = text[begin:end]
    if not word or not word[0].isalpha():
        return None
    return word, begin


def left_bound(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """("min", start of phrase) for "more than", "up to", "some", "~" right
    before ``start``."""
    low = max(floor, start - 26)
    segment = text[low:start].rstrip(_SPACES)
    if not segment:
        return None
    if segment[-1] == "~":
        return "approx", low + len(segment) - 1
    words = segment.split()
    candidates = _BOUNDS_BY_LAST.get(words[-1].lstrip(_OPENERS).lower()) if words else None
    if not candidates:
        return None
    tail = [word.lower() for word in words[-4:]]
    for phrase, bound in candidates:  # longest first: "no more than" before "more than"
        size = len(phrase)
        if size > len(tail) or tail[-size].lstrip(_OPENERS) != phrase[0] \
                or tail[len(tail) - size + 1:] != list(phrase[1:]):
            continue
        begin = len(segment)
        for word in reversed(words[-size:]):
            begin = segment.rfind(word, 0, begin)
        begin += len(words[-size]) - len(words[-size].lstrip(_OPENERS))
        if begin == 0 and low > 0 and text[low - 1].isalpha():
            continue  # the segment cut a word in two
        return bound, low + begin
    return None


def right_bound(text: str, pos: int) -> tuple[str, int] | None:
    """("min", end) for "or more", "-plus", "+", "or so" right after ``pos``."""
    ahead = text[pos:pos + 6].lstrip(_SPACES + "-").lower()
    if not ahead.startswith(("+", "plus", "or", "and")):
        return None
    m = RIGHT_BOUND_RE.match(text, pos)
    if m is None:
        return None
    phrase = " ".join((m.group("plus") or m.group("sign") or m.group("words")).lower().split())
    return RIGHT_BOUNDS[phrase], m.end()


def bounded(text: str, reading: Reading, start: int, end: int, floor: int,
            right: bool = True) -> tuple[str | None, int, int]:
    """The bound and the widened span: explicit words ("more than", "or
    more") beat the default of ranges and vague words ("min"). ``right``
    False when the caller has already looked after the amount."""
    bound = "min" if reading.ranged else reading.numeral.bound
    after = right_bound(text, end) if right else None
    if after is not None:
        bound, end = after
    left = left_bound(text, start, floor)
    if left is not None:
        bound, start = left
    return bound, start, end
