"""What resolution needs besides the matched words: the reference date, the tense
of the clause, and what the article mentioned last (for "that day", "the quarter").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .calendar import pick_cycle, quarter_of
from .tense import TIMETABLE, cue_tense, doc_tense, lexical_tense, will_before


@dataclass(slots=True)
class Resolved:
    """What a resolver makes of a match: TIMEX3 type, value, mod, whether the value was
    computed from the reference date, and whether "that day" may count from it (not
    from a clock time given the report's day for want of any other)."""
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False
    antecedent: bool = True


@dataclass(slots=True)
class Context:
    """Per-article state threaded through the resolvers in text order."""
    text: str
    ref: dt.date | None
    doc: Any = None
    last_value: str | None = None      # latest resolved calendar value, for anaphora
    last_quarter: tuple[int, int] | None = None  # "the quarter" in earnings reports
    last_end: int = -1                 # where the expression giving last_value ended
    quarter_story: bool = False        # the article spoke of a quarter ("the latest quarter")
    mentioned_quarter: tuple[int, int] | None = None  # the quarter named last, for "that quarter"
    last_period: str | None = None     # the quarter or half named last, for "the same period"
    named: tuple[str, int] | None = None  # a month, quarter or year named as such ("in December"), and its end
    last_month: str | None = None      # the latest resolved value with a month in it
    lead_day: dt.date | None = None    # the day the lead tells of: the first day named near the top
    _tense: dict[tuple[int, int], str | None] = field(default_factory=dict)
    _fiscal_at: int | None = None      # where the article first numbers a fiscal quarter

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self._tense:
            t = cue_tense(self.text, start) if self.doc is not None else None
            if t is None and self.doc is not None:
                t = doc_tense(self.doc, start, end)
            self._tense[key] = t if t is not None else lexical_tense(self.text, start, end)
        return self._tense[key]

    # -- discourse anchors -----------------------------------------------------------------
    def recent_lead_day(self) -> dt.date | None:
        """The day the lead tells of, when it is one to three days before the report: the day a
        story of yesterday's events dates its bare clocks and quoted "today" by."""
        if self.ref and self.lead_day and 0 < (self.ref - self.lead_day).days <= 3:
            return self.lead_day
        return None

    def anchor_day(self) -> dt.date | None:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", self.last_value or "")
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
        return self.ref

    def anchor_coarser_than_day(self) -> str | None:
        """The date named last when it is a month ("1998-10") or a year ("1998"), so
        that "that day" stays inside it; None when it is a day or something else."""
        if self.last_value and re.fullmatch(r"\d{4}(?:-\d{2})?", self.last_value):
            return self.last_value
        return None

    def anchor_year(self) -> int | None:
        m = re.match(r"(\d{4})", self.last_value or "")
        if m:
            return int(m.group(1))
        return self.ref.year if self.ref else None

    def anchor_month(self) -> tuple[int, int] | None:
        """The month "that month" is: of the date named last, or, when that was coarser (a
        quarter, a year), the month named before it ("a meeting in May, and will publish
        figures for the first quarter early that month")."""
        for value in (self.last_value, self.last_month):
            m = re.match(r"(\d{4})-(\d{2})", value or "")
            if m:
                return int(m.group(1)), int(m.group(2))
        return (self.ref.year, self.ref.month) if self.ref else None

    def named_before(self, pos: int) -> str | None:
        """The month or year named as such ("2013-02", "2012") as the expression just before
        `pos`, a few words back in the same clause: "rose 9.7% in December from a year
        earlier", "a profit in 2012, against a loss a year earlier" (not "last month", the
        time of a report, nor "After a weak second quarter, sales …")."""
        if self.named is None or self.named[1] != self.last_end \
                or pos - self.last_end > 40 or re.search(r"[.!?;]\s", self.text[self.last_end:pos]):
            return None
        return self.named[0]

    def fiscal_quarters(self, pos: int) -> bool:
        """Whether the article has numbered a fiscal quarter before `pos` ("its fiscal first
        quarter"): its "the quarter" then keeps that number, whatever calendar months it spans."""
        if self._fiscal_at is None:
            first = _FISCAL_QUARTER.search(self.text)
            self._fiscal_at = first.start() if first else len(self.text)
        return self._fiscal_at < pos

    def sentence_value(self, pos: int) -> str | None:
        """The calendar value named last, if it was named earlier in the same sentence."""
        if self.last_end < 0 or re.search(r"[.!?]\s", self.text[self.last_end:pos]):
            return None
        return self.last_value

    def paragraph_value(self, pos: int) -> str | None:
        """The calendar value named last, if it was named earlier in the same paragraph."""
        if self.last_end < 0 or "\n\n" in self.text[self.last_end:pos]:
            return None
        return self.last_value

    def sentence_anchor(self, pos: int) -> dt.date | None:
        """The day named last, if it was named earlier in the same sentence."""
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", self.sentence_value(pos) or "")
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None

    def remember(self, value: str, end: int, named_quarter: bool = False, quarter: bool = False,
                 named: bool = False) -> None:
        """Note a resolved value; a quarter the article named ("the third quarter")
        becomes the one that "the quarter" refers to; a later one named afterwards
        replaces it if it has ended by the reference date, an older one never
        ("after a flat second quarter" in a story on the third)."""
        if re.match(r"\d{4}", value):
            if self.lead_day is None and end <= _LEAD and re.match(r"\d{4}-\d\d-\d\d", value) \
                    and not (value[:10] == str(self.ref) and _SAID_ON.search(self.text, max(0, end - 40), end)):
                # "Organizers said Monday …, after the heat sent 41 runners to hospitals Sunday": the report's
                # own day, when it was said, is not the day the lead tells of
                self.lead_day = dt.date.fromisoformat(value[:10])
            self.last_value = value
            self.last_end = end
            if re.match(r"\d{4}-\d\d", value):
                self.last_month = value
            if named and re.fullmatch(r"\d{4}(?:-\d{2}|-Q[1-4])?", value):
                self.named = (value, end)
        q = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        if q:
            self.mentioned_quarter = (int(q.group(1)), int(q.group(2)))
        if re.fullmatch(r"\d{4}-[QH][1-4]", value):
            self.last_period = value
        if q and (named_quarter or quarter):
            self.quarter_story = True
        if q and named_quarter:
            named = (int(q.group(1)), int(q.group(2)))
            if self.last_quarter is None or self.last_quarter < named < self._current_quarter():
                self.last_quarter = named

    def _current_quarter(self) -> tuple[int, int]:
        return (self.ref.year, quarter_of(self.ref)) if self.ref else (9999, 4)

    def earnings_quarter(self) -> tuple[int, int] | None:
        """The quarter whose results an earnings story reports, or None when the
        article has not spoken of a quarter yet."""
        if self.last_quarter is not None:
            return self.last_quarter
        return self.reported_quarter() if self.quarter_story else None

    def reported_quarter(self) -> tuple[int, int] | None:
        """The quarter an earnings story is about: the last one it named, else the
        last one completed before the reference date."""
        if self.ref is None:
            return self.last_quarter
        if self.last_quarter and self.last_quarter[0] * 4 + self.last_quarter[1] < \
                self.ref.year * 4 + quarter_of(self.ref):
            return self.last_quarter
        q = quarter_of(self.ref) - 1
        return (self.ref.year, q) if q else (self.ref.year - 1, 4)


_FISCAL_QUARTER = re.compile(r"\bfiscal[\s-]+(?:first|second|third|fourth)[\s-]+quarter|"
                             r"\b(?:first|second|third|fourth)[\s-]+fiscal[\s-]+quarter", re.I)
# a day right after a verb of saying: "said Monday", "told reporters on Monday"
_SAID_ON = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?)\s*(?:on\s+|late\s+|early\s+)?\w+$", re.I)
# how far into an article its lead runs, for the day it tells of
_LEAD = 400


Match = re.Match[str]
Resolver = Callable[[Match, Context], Resolved | None]


def anaphoric_shift(rel: str) -> int:
    """Units from the antecedent that "the following", "the previous", "that" … count."""
    rel = re.sub(r"\s+", " ", rel.lower())
    return 1 if rel in ("the following", "the next") else -1 if rel in ("the previous", "the preceding",
                                                                       "the prior") else 0


def cycle_choice(ctx: Context, start: int, end: int, ref_index: int,
                 options: list[tuple[int, str]], rel: str | None = None,
                 horizon: int | None = None) -> str:
    """pick_cycle with the tense of the clause, overridden by an explicit "last",
    "next", "this coming", "this past"."""
    words = " ".join((rel or "").lower().split())
    if words in ("last", "this past", "past", "the previous"):
        past = [o for o in options if o[0] < ref_index]
        if past:
            return max(past)[1]
    if words in ("next", "this coming", "coming", "the following", "the next"):
        future = [o for o in options if o[0] > ref_index]
        if future:
            return min(future)[1]
    tense = ctx.tense(start, end)
    if cue_tense(ctx.text, start) or tense == "FUTURE" and (will_before(ctx.text, start)
                                                            or _TO_PLAN.search(ctx.text, max(0, start - 100), start)):
        horizon = None  # "since March", "until Dec. 14", "will take effect on Jan. 1": settled
    elif tense not in ("FUTURE", "PRESENT") and _ON_BEFORE.search(ctx.text, max(0, start - 40), start) \
            and lexical_tense(ctx.text, start, end) == "PAST" \
            and not _PLANNED.search(ctx.text, max(0, start - 120), start):
        # "was announced on March 18": a past event, however far back; a past verb with
        # "extended to Nov. 20" or "payable Dec. 14" may still point ahead, and so may a plan
        # overtaken ("had been due to endorse it on 22 November, but …")
        horizon = None
    return pick_cycle(ref_index, options, tense, horizon)


# a plan agreed in the clause before the date: "agreed to hold a summit in Brunei in October" ("decided
# to cut output in October" may date the decision)
_TO_PLAN = re.compile(r"\b(?:agreed|agree|agrees|plans?|planned|promised|pledged|vowed|intends?)"
                      r"\s+to\s+[a-z]+\b[^.;!?]*$", re.I)
# a timetable in the clause before the date: "had been due to", "was scheduled to"
_PLANNED = re.compile(r"\b(?:(?:been|is|was|are|were|be)\s+due|"  # "due to" alone is also a cause
                      + "|".join(sorted(TIMETABLE - {"due"})) + r")\s+to\s+"
                      r"(?![^.;!?]*\b(?:and|but)\s)[^.;!?]*$", re.I)
# "on", or "on the night of": a past verb's date right after it is a day gone, however far back
_ON_BEFORE = re.compile(r"\b(?:on|in|during)\s+(?:the\s+(?:night|morning|afternoon|evening|eve)\s+of\s+)?$", re.I)
