"""Earnings reports compare a quarter with the same quarter a year before.

In "net rose to $108.8 million from $90.5 million a year ago", in a story about
third-quarter results, "a year ago" is the third quarter of last year, not last
year as a whole: TimeML annotation of financial news writes it as that quarter
("1988-Q3"). The reading applies only where the comparison is plainly one of
quarterly figures: the article has named the quarter it reports, the sentence
quotes money, per-share or percentage figures or names the quarter, and it names
no other period ("the first nine months", "the fiscal year") that the comparison
could be about.
"""
from __future__ import annotations

import re

from . import calendar as cal
from .checks import sentence_around
from .context import Context

_FIGURES = re.compile(r"\$|#\d|\bC\$|\d\s*(?:%|percent\b|cents?\b|pence\b)|\b(?:million|billion|a share"
                      r"|per share|quarter)\b", re.I)
# a comparison over another span than the quarter: the year, a half, nine months ("$25 billion this
# year, up from $23 billion last year"; not "this year's third quarter")
_OTHER_PERIOD = re.compile(r"\b(?:nine|six|12|twelve)[\s-]+months?\b|\bfirst[\s-]+half\b|\bfull[\s-]+year\b"
                           r"|\bfiscal[\s-]+year\b|\bfor\s+the\s+year\b|\byear\s+ended\b|\bannual"
                           r"|\byear[\s-]+to[\s-]+date\b"
                           r"|\b(?:so\s+far\s+)?this\s+year\b(?!['’]s)|\bnext\s+year\b(?!['’]s)", re.I)
def year_ago_quarter(ctx: Context, start: int, end: int) -> str | None:
    """The year-ago quarter ("1988-Q3") when the expression at [start, end) compares
    quarterly figures in an earnings story; None when it is a plain year ago."""
    quarter = ctx.earnings_quarter()
    if quarter is None:
        return None
    sentence = sentence_around(ctx.text, start, end)
    if not _FIGURES.search(sentence) or _OTHER_PERIOD.search(sentence):
        return None
    return cal.quarter_value(quarter[0] - 1, quarter[1])


# "a loss of $3 million last year", "from last year's $1.55 billion": the figure sits right by it
_FIGURE_BEFORE = re.compile(r"(?:\d|million|billion|cents|a\s+share)\s*,?\s*$", re.I)
_FIGURE_AFTER = re.compile(r"'s\s+(?:\$|C\$|#|\d|results|quarter|period)", re.I)


def last_year_quarter(ctx: Context, start: int, end: int) -> str | None:
    """"last year" as the year-ago quarter, only where a figure stands next to it."""
    text = ctx.text
    if not (_FIGURE_BEFORE.search(text[max(0, start - 30):start]) or _FIGURE_AFTER.match(text, end)):
        return None
    return year_ago_quarter(ctx, start, end)
