"""Money, counts and measures in news text, normalised.

    >>> [a.value for a in find_amounts("India paid $5.5 billion for 21 MiG-29.")]
    [5500000000.0, 21.0]

Reading rules (the why of each lives next to the rule):

* money: a currency sign or code before the number ("$", "US$", "Rs.", "INR",
  "€", "RMB") or a currency word after it ("U.S. dollars", "yuan", "roubles");
  multipliers in words ("billion", "crore" = 1e7, "lakh" = 1e5) or, next to a
  currency, abbreviated ("bn", "m", "k"). A bare "¥" is yen; "Rs" is the
  Indian rupee unless "Pakistani rupees"/"PKR" is written. A bare "5,000 crore"
  is Indian rupees. With ``year`` before 1998 roubles are tagged RUR, before
  2005 lira TRL (the pre-redenomination ISO codes), and converted accordingly.
* ranges ("$3-4 billion", "20 to 30 tanks", "between $3 and $4 billion"): the
  value is the lower end and the bound "min" (the amount is at least that).
* vague words: value is the smallest figure the words imply, bound "min":
  several 3, a few 2, a handful 3, dozens 24, scores 40, hundreds 200,
  thousands 2,000, "hundreds of thousands" 200,000; "a couple" 2 ("approx").
  "a dozen" (12) and "a pair" (2) are exact, not vague.
* bounds: words before ("more than", "up to", "nearly", "some") or after
  ("or more", "-plus", "+") the amount; they are inside the span. "nearly" and
  "almost" are "approx"; "up to", "less than", "under" are "max".
* counts: the unit is the counted noun's head as written: trailing lower-case
  nouns ("assault rifles", "bombers"), else the name itself ("MiG-29").
  Years, dates, percentages, ordinals, times, phone numbers and numbers inside
  or after designations ("Su-30", "Type 055", "Boeing 737") are not counts.
  A number with no counted noun is kept only when it is large and scaled
  ("1.5 million") or a vague plural ("dozens were killed"; unit None).
* measures: value as written, unit normalised ("kilometres" -> "km", "tons"
  and "tonnes" -> "t", nautical miles -> "nmi"); no conversion between units.
  Durations ("three years") are left out altogether.
* money in a currency word shared by several countries ("dinars", "pesos")
  has unit None; a currency with no row in ``data/fx_rates.yaml`` ("tenge")
  has its ISO code but usd None.
* with a ``doc``: the counted noun comes from the noun chunk (root plus the
  lower-case compounds and adjectives before it), verbs after a number stop a
  count ("3 killed"), a place or person name before a number does not make it
  a designation ("sold India 21 MiG-29"), and MONEY/QUANTITY entities the
  regexes could not read are added (unit None for money, the entity's words
  for a measure). Without a doc the results are the same in the common cases.

Layout: ``_numbers`` (numerals), ``_context`` (what precedes and follows),
``_scan`` (money, measures, the main loop), ``_counts``, ``_docs`` (spaCy),
``_fx`` (rates), ``_lexicon`` and ``_patterns`` (word lists and regexes).
"""
from __future__ import annotations

from typing import Any

from ._counts import NoHints
from ._docs import DocHints, lend_entities
from ._fx import latest_year, rate_table, to_usd
from ._model import Amount
from ._scan import scan

__all__ = ["Amount", "find_amounts", "to_usd", "rate_table", "latest_year"]

_NO_HINTS = NoHints()


def find_amounts(text: str, *, year: int | None = None, doc: Any = None) -> list[Amount]:
    """All money amounts, counts and measures in `text`, in order. `year` picks the exchange
    rate (default: the latest year in the table). `doc`, an optional spaCy Doc over exactly
    `text`, lends its MONEY/QUANTITY/CARDINAL entities and noun chunks (to find the counted noun);
    without it, regexes alone must still find money and numeric counts."""
    if doc is None:
        return scan(text, year, _NO_HINTS)
    if doc.text != text:
        raise ValueError("find_amounts: doc must be a Doc over exactly the given text")
    return lend_entities(doc, text, scan(text, year, DocHints(doc)))
