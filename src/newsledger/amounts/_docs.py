"""What a spaCy Doc adds to the regex reading: the counted noun from noun
chunks and parts of speech, names from entity types, and the MONEY /
QUANTITY / CARDINAL entities the regexes did not read.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from typing import Any

from ._counts import REJECT
from ._lexicon import LEADING_MODIFIERS, NOT_COUNTED
from ._model import Amount
from ._numbers import CORE_RE, read_numeral, scale_value
from ._patterns import PERCENT_RE, WORD_SCALE_RE

_NAME_LABELS = frozenset({"GPE", "NORP", "PERSON", "LOC", "FAC"})
_NOUNS = frozenset({"NOUN", "PROPN"})
# Parts of speech that cannot start a counted noun phrase ("3 killed", "two of").
_NOT_NOUN_START = frozenset({"AUX", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "PUNCT", "DET"})
# "59 existing jets", "300 armoured vehicles": participles that modify a noun
_PARTICIPLES = frozenset({"VBG", "VBN"})


class DocHints:
    """Hints for the scanner, read from a Doc over exactly the same text."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._starts = [token.idx for token in doc]
        self._parsed = doc.has_annotation("DEP")
        self._chunk_of: dict[int, Any] = {}
        if self._parsed:
            for chunk in doc.noun_chunks:
                for i in range(chunk.start, chunk.end):
                    self._chunk_of[i] = chunk

    def _token_from(self, pos: int) -> Any | None:
        """The first token starting at or after ``pos``."""
        i = bisect_left(self._starts, pos)
        return self._doc[i] if i < len(self._starts) else None

    def is_name(self, start: int, end: int) -> bool:
        token = self._token_from(start)
        return token is not None and token.idx == start and token.ent_type_ in _NAME_LABELS

    def counted_noun(self, pos: int, allow_of: bool) -> tuple[str, int] | str | bool | None:
        """The head of the noun chunk right after the number: its root plus the
        lower-case modifiers right before it ("assault rifles", "armoured
        regiments"; not "AK-203", not "new"). False when the next word is a
        verb or function word ("3 killed"); None when the parse has no chunk
        there (fragments parse badly), leaving the choice to the regexes."""
        if not self._parsed:
            return None
        token = self._token_from(pos)
        if token is None or self._doc.text[pos:token.idx].strip():
            return False  # punctuation or symbols between number and word
        if allow_of and token.lower_ == "of" and token.i + 1 < len(self._doc):
            token = self._doc[token.i + 1]
        if token.pos_ in _NOT_NOUN_START or (token.pos_ == "VERB" and token.tag_ not in _PARTICIPLES):
            return False
        if token.pos_ == "NUM":
            return None  # "2 million 155mm shells": the regexes read calibres
        chunk = self._chunk_of.get(token.i)
        if chunk is None or chunk.root.i < token.i or chunk.root.pos_ not in _NOUNS:
            return None
        root = chunk.root
        if root.lower_ in NOT_COUNTED:
            return REJECT
        first = root
        while first.i - 1 >= token.i and _is_lower_modifier(self._doc[first.i - 1], self._doc):
            first = self._doc[first.i - 1]
        while first.i < root.i and first.lower_ in LEADING_MODIFIERS:
            first = self._doc[first.i + 1]
        end = root.idx + len(root.text)
        return self._doc.text[first.idx:end], end


def _is_lower_modifier(token: Any, doc: Any) -> bool:
    """A separate lower-case compound or adjective: "assault" in "assault
    rifles"; not "designed" in "Soviet-designed", not "mm" in "155mm"."""
    if token.dep_ not in ("compound", "amod") or not token.text[:1].islower():
        return False
    return bool(token.whitespace_) and (token.i == 0 or bool(doc[token.i - 1].whitespace_))


def lend_entities(doc: Any, text: str, found: list[Amount]) -> list[Amount]:
    """``found`` plus what the entities add, in order: MONEY and QUANTITY
    entities with a number the regexes left unread (an unknown currency or
    unit), CARDINAL entities counting a noun with a number the lexicon does
    not know; and a regex count that a QUANTITY or MONEY entity covers to the
    end ("5 megawatt-hours") takes the entity's kind."""
    extra: list[Amount] = []
    for ent in doc.ents:
        if ent.label_ not in ("MONEY", "QUANTITY", "CARDINAL"):
            continue
        if _overlaps(found, ent):
            if ent.label_ != "CARDINAL":
                found = [_retyped(a, ent) for a in found]
            continue
        numeral = _numeral_in(text, ent.start_char, ent.end_char)
        if ent.label_ == "CARDINAL":
            amount = _cardinal(ent, text) if numeral is None else None
        elif numeral is not None:
            amount = _money_or_quantity(ent, text, numeral)
        else:
            amount = None
        if amount is not None:
            extra.append(amount)
    return sorted(found + extra, key=lambda a: a.start) if extra else found


def _overlaps(found: list[Amount], ent: Any) -> bool:
    return any(a.start < ent.end_char and ent.start_char < a.end for a in found)


def _retyped(amount: Amount, ent: Any) -> Amount:
    """A count read by the regexes that the entity says is money or a measure."""
    if amount.kind != "count" or amount.unit is None or amount.end != ent.end_char \
            or not ent.start_char <= amount.start < ent.end_char:
        return amount
    if ent.label_ == "MONEY":
        return dataclasses.replace(amount, kind="money", unit=None)
    return dataclasses.replace(amount, kind="measure", unit=amount.text.split()[-1].lower())


def _numeral_in(text: str, start: int, end: int) -> Any | None:
    m = CORE_RE.search(text, start, end)
    return read_numeral(m) if m is not None else None


def _money_or_quantity(ent: Any, text: str, numeral: Any) -> Amount | None:
    """"5 billion kwacha"-like money with no ISO code, or a measure in a unit
    the table does not list (unit: the words after the number, lower case)."""
    value, rest_from = numeral.value, numeral.end
    scale = WORD_SCALE_RE.match(text, numeral.end, ent.end_char)
    if scale is not None:
        value, rest_from = value * scale_value(scale.group("scale")), scale.end()
    rest = text[rest_from:ent.end_char].strip().lower()
    if not rest or PERCENT_RE.match(text, numeral.end):
        return None  # spaCy sometimes calls "3 per cent" or a bare figure MONEY
    kind, unit = ("money", None) if ent.label_ == "MONEY" else ("measure", rest)
    return Amount(ent.start_char, ent.end_char, ent.text, kind, value, unit,
                  bound=numeral.bound, vague=numeral.vague)


def _cardinal(ent: Any, text: str) -> Amount | None:
    """A CARDINAL the regexes could not even see as a number, modifying a noun."""
    last = ent[-1]
    head = last.head
    if last.dep_ != "nummod" or head.pos_ not in _NOUNS or head.i <= last.i:
        return None
    if head.lower_ in NOT_COUNTED:
        return None
    try:
        value: float | None = float(ent.text.replace(",", ""))
    except ValueError:
        value = None
    end = head.idx + len(head.text)
    return Amount(ent.start_char, end, text[ent.start_char:end], "count", value, head.text)
