"""Time expressions in news text, normalised to TimeML TIMEX3 values.

``find_timexes(text, dct)`` finds every time expression and resolves it against
the publication date ``dct``: "on Monday" becomes the Monday that the tense of
its clause points to, "early next year" the next year with mod START, "several
days" the duration PXD. The grammar is plain ``re`` (see :mod:`.patterns`);
resolution lives in :mod:`.absolute` (calendar names) and :mod:`.relative`
(deictic words, durations, sets); :mod:`.tense` reads the clause's tense from a
spaCy parse when one is given, from nearby words otherwise.

Conventions beyond the TimeML guidelines, chosen to match annotated news:
decades are written "199", centuries "19", weeks "2021-W05"; "in 100 days" and
"eight years from now" are durations; "Friday night" and "Tuesday morning" are
dated by their day ("Friday evening" keeps TEV); in an earnings story "a year
ago" is the year-ago quarter (:mod:`.earnings`); without any reference date,
relative expressions keep X placeholders ("XXXX-WXX-1" for "Monday", "XXXX-06-15").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .calendar import date_precision
from .extract import find
from .reference import infer_reference

__all__ = ["Timex", "find_timexes", "infer_reference", "date_precision"]


@dataclass(frozen=True, slots=True)
class Timex:
    start: int            # character offsets into the text given
    end: int
    text: str
    type: str             # "DATE", "TIME", "DURATION", "SET"
    value: str            # TIMEX3 value: "2021-12-20", "2021-W50", "P10Y", "PRESENT_REF", "XXXX-06-15"...
    mod: str | None = None        # TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN...
    anchored: bool = False        # True when the value was computed from the reference (publication) date
    uncertain: bool = False       # True when the reference date itself was inferred, not known


def find_timexes(text: str, dct: dt.date | None, *, doc: Any = None) -> list[Timex]:
    """Every time expression in `text`, in order, resolved against the publication date `dct`.

    `doc` is an optional spaCy Doc over exactly `text`; when given, its parse
    decides the tense of each expression's clause and vetoes "may" the modal
    and names like "April Ryan"; without it cheap lexical cues decide. When
    `dct` is None the reference is the earliest date :func:`infer_reference`
    allows, and every value computed from it is marked ``uncertain``; if nothing
    can be inferred, relative expressions keep X placeholders while absolute
    ones ("December 6, 2021") still resolve.
    """
    if doc is not None and doc.text != text:
        raise ValueError("find_timexes: `doc` must be a spaCy Doc over exactly `text` "
                         "(run nlp(text) on the same string, or pass doc=None)")
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    uncertain = False
    ref = dct
    if ref is None:
        inferred = infer_reference(text)
        if inferred is not None:
            ref, uncertain = inferred[0], True
    return [
        Timex(c.start, c.end, text[c.start:c.end], r.type, r.value, r.mod, r.anchored,
              uncertain and r.anchored)
        for c, r in find(text, ref, doc=doc)
    ]
