"""The recognition grammar: one regex per kind of time expression.

Each :class:`Rule` only finds spans and checks (:mod:`.checks`) that they are
temporal; :mod:`.absolute` and :mod:`.relative` give them values. Spans follow
TimeML: a leading "the" stays in ("the 1990s"), prepositions ("by", "until",
"since", "on", "in") stay out. When rules overlap, the longest span wins, then
the rule listed first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import checks
from .lexicon import (MONTH, MONTH_ABBR, MONTH_ABBREVIATIONS, MONTH_FULL, MONTHS, NUMBER, NUMBER_WORD,
                      ORDINAL, ORDINALS, PART_OF_DAY, QMOD, QUANTITY_MODS, SEASON, SEASONS, SMALL_NUMBERS,
                      TENS, UNIT, UNITS, VAGUE, VAGUE_AMOUNTS, WEEKDAY, WEEKDAY_ABBR, WEEKDAY_ABBREVIATIONS,
                      WEEKDAYS)

Check = Callable[[str, "re.Match[str]"], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A regex and the words a match can begin with (lower-cased; "#" stands for
    any number): scanning only from those words keeps the grammar fast."""
    name: str
    first: frozenset[str]
    regex: re.Pattern[str]
    check: Check | None = None


# ---- shared fragments --------------------------------------------------------------------

_OPT_WD = rf"(?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
# the year a month or a day is in: "July last year", "July 15 that year", "March of the following year"
_YEAR_REL = r"this|last|next|that|the\s+following|the\s+previous|the\s+same"
_YEAR4 = r"(?P<y>1[0-9]{3}|20[0-9]{2})"
_REL = r"(?P<rel>this|last|next|this\s+past|this\s+coming|past|coming)"
_SPELLED_YEAR = (r"(?:(?:nineteen|eighteen)[\s-]+(?:hundred|" + NUMBER_WORD + r"|oh[\s-]+\w+)"
                 r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:[\s-]+(?:" + NUMBER_WORD + r"))?)")
_ORD_Q = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)"
_CLOCK = (r"(?:(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|a\.m|p\.m)"
          r"|(?P<h2>[0-2]?\d)[:.](?P<mi2>[0-5]\d)(?=\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|local|hours|h\b))"
          # a 24-hour or bare clock with the day after it: "20:00 on Sunday", "3:30 this afternoon"
          r"|(?P<h6>[0-2]?\d):(?P<mi6>[0-5]\d)(?=\s+(?:on\s+)?(?:this\s+(?:morning|afternoon|evening)|tonight"
          r"|today|tomorrow|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|in\s+the\s+(?:morning"
          r"|afternoon|evening)))"
          # a bare 24-hour clock after a preposition of time: "due to start at 10:00", "about 02:30"
          r"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\babout\s)|(?<=\baround\s)|(?<=\buntil\s)|(?<=\btill\s)"
          r"|(?<=\bfrom\s)|(?<=\bafter\s)|(?<=\bbefore\s)|(?<=\bsince\s))"
          r"(?P<h7>[01]\d|2[0-4]):(?P<mi7>[0-5]\d)(?![:.]?\d)"
          r"|(?P<mil>[0-2]\d[0-5]\d)(?=\s*(?:GMT|UTC|Z\b|local))"
          r"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bafter\s)|(?<=\bbefore\s)"
          r"|(?<=\bsince\s))(?P<mil2>[0-2]\d[0-5]\d)(?=\s+(?:hours|hrs)\b)"
          r"|(?P<word>noon|midnight|midday)"
          r"|(?P<h3>" + NUMBER_WORD + r"|\d{1,2})\s+o'clock"
          r"(?:\s+(?P<late3>at\s+night|in\s+the\s+(?:afternoon|evening)))?"
          r"|(?P<h4>[0-2]?\d)\s+in\s+the\s+(?P<pod>morning|afternoon|evening))")
_TZ = (r"(?:\s+(?P<tz>GMT|UTC|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|local\s+time"
       r"|(?<=\d\s)(?:hours|hrs))\b)?")  # "at 1100 hours", a military clock
_DAYREF = (rf"(?P<dwd>{WEEKDAY})(?:\s+(?P<dpod>morning|afternoon|evening|night)\b)?"
           rf"|(?P<dmon>{MONTH})\s+(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?"
           r"|(?P<dword>today|tomorrow|yesterday|tonight)|(?:this|in\s+the)\s+(?P<tpod>morning|afternoon|evening)")


_WORD_CLASSES: dict[str, frozenset[str]] = {
    "@num": frozenset({"#"}),
    "@month": frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS),
    "@weekday": frozenset(WEEKDAYS),
    "@weekdays": frozenset(w + "s" for w in WEEKDAYS),
    "@wdabbr": frozenset(WEEKDAY_ABBREVIATIONS),
    "@season": frozenset(SEASONS),
    "@unit": frozenset(UNITS),
    "@ordinal": frozenset(w.split("-")[0] for w in ORDINALS),
    "@numword": frozenset(SMALL_NUMBERS) | frozenset(TENS),
    "@amount": (frozenset({"a", "an", "half", "the", "#"}) | frozenset(SMALL_NUMBERS) | frozenset(TENS)
                | frozenset(w.split()[0] for w in QUANTITY_MODS) | frozenset(w.split()[0] for w in VAGUE_AMOUNTS)),
    "@quarterrel": frozenset("latest current last past previous next coming same prior year comparable "
                             "corresponding preceding most this that".split()),
    "@holiday": frozenset("christmas new thanksgiving easter good independence fourth labor memorial veterans "
                          "palm holy maundy ash boxing st saint mother father presidents columbus "
                          "election halloween valentine martin bastille may".split()),
    "@adverb": frozenset("daily weekly monthly yearly annually hourly quarterly nightly biweekly "
                         "semiannually semi biannually".split()),
}


def _rule(name: str, first: str, pattern: str, check: Check | None = None, flags: int = re.I) -> Rule:
    words: set[str] = set()
    for item in first.split():
        words |= _WORD_CLASSES.get(item, {item})
    return Rule(name, frozenset(words), re.compile(pattern, flags), check)


RULES: tuple[Rule, ...] = (
    # ---- full and partial calendar dates
    # "2021-12-06", "2021-12-06T10:00"
    _rule("iso", "@num",
          r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?\b"),
    # "12/06/2021": US order, as US wires write it
    _rule("numeric", "@num", r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
    # "Monday, December 6, 2021", "Dec. 6, 2021", "December 6th 2021"
    _rule("mdy", "@weekday @wdabbr @month",
          _OPT_WD + rf"(?P<mon>{MONTH})(?![A-Za-z])\s+{_DAY},?\s+{_YEAR4}\b"),
    # "6 December 2021", "the 6th of December, 2021"
    _rule("dmy", "@weekday @wdabbr the @num",
          _OPT_WD + rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<mon>{MONTH})(?![A-Za-z]),?\s+{_YEAR4}\b"),
    # "Dec. 6", "Monday, Oct. 26", "this coming Sunday, March eighth"
    _rule("md", "this last next @weekday @wdabbr @month",
          r"(?:(?P<rel>this\s+coming|this|last|next)\s+)?" + _OPT_WD
          + rf"(?P<mon>{MONTH})(?![A-Za-z])\s+(?:{_DAY}|(?P<dord>{ORDINAL}))\b(?![.,]?\d|:\d|\s*%)"
          rf"(?:,?\s+(?:of\s+)?(?P<yrel>{_YEAR_REL})\s+year\b)?"),  # "July 15 last year", "… of that year"
    # "6 December", "the 6th of December"
    _rule("dm", "@weekday @wdabbr the @num",
          _OPT_WD + rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<mon>{MONTH})(?![A-Za-z]|\s*\d)"),
    # "January 1998", "June of 2020", "January this year", "January nineteen ninety-seven"
    _rule("month_year", "@month",
          rf"(?P<mon>{MONTH})(?![A-Za-z])(?:\s+of)?,?\s+(?:{_YEAR4}\b|'(?P<yy>\d\d)\b"
          rf"|(?P<yrel>{_YEAR_REL})\s+year\b|(?P<yw>{_SPELLED_YEAR}))"),
    # "August", "last November", "this September", "Sept."
    _rule("month", "this last next past coming @month",
          rf"(?:{_REL}\s+)?(?P<mon>{MONTH_FULL}|{MONTH_ABBR}\.|(?-i:May|MAY))(?![\w-])", checks.month_ok),
    # "9/11", "the Sept. 11 attacks": in news the 2001 attacks, whatever the year
    _rule("nine_eleven", "@num sept september",
          r"9/11\b|(?-i:Sept\.?|September)\s+11(?:th)?\b"
          r"(?=,?\s+(?:attacks?|terror|hijack|Commission|era|anniversary|2001))"),
    # "the week of March 6"
    _rule("week_of", "the", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+{_DAY}\b"),

    # ---- years, decades, centuries
    # "1998", "fiscal 1998", "the year 2000", "mid-2019", "post-1959"
    _rule("year", "the fiscal calendar mid post pre end @num",
          r"(?:(?P<fisc>fiscal(?:\s+year)?|calendar|the\s+year)\s+)?"
          rf"(?:(?P<pos>mid|post|pre|end)-|(?<![\w$#.,/-])|(?<=\d\d[-–])){_YEAR4}(?![\w/]|[.,]\d)",
          checks.year_ok),
    # the second year of a range: "2012-13" (the first is a plain year)
    _rule("year_tail", "@num", r"(?<=\b(?:19|20)\d\d[-–])(?P<yy>\d\d)(?![\w-])"),
    # "FY1998", "FY98"
    _rule("fy", "fy", r"\bFY\s?'?(?P<y>(?:19|20)\d\d|\d\d)\b", flags=0),
    # broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand"
    _rule("spelled_year", "the nineteen eighteen two",
          rf"(?:the\s+year\s+)?(?<![\w-])(?P<yw>{_SPELLED_YEAR})(?![\w-])", checks.spelled_year_ok),
    # "the 1990s", "the early 1980s", "the '80s", "the nineties"
    _rule("decade", "the early mid late @num '",
          r"(?:the\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?(?:(?P<y>1\d{2}0|20\d0)'?s\b|'(?P<yy>\d)0'?s\b)"),
    _rule("decade_word", "the",
          r"the\s+(?:(?P<pos>early|mid|late)[\s-]+)?"
          r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    # "the 20th century", "this century"
    _rule("century", "the early mid late @ordinal @num",
          rf"(?:the\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?(?P<ord>{ORDINAL})[\s-]+century\b"),
    _rule("century_rel", "this last next the",
          r"(?P<rel>this|last|next|the\s+(?:last|past|previous|next))\s+century\b"),

    # ---- quarters, halves, seasons, holidays: the year comes from the context
    # "the third quarter of 2019", "third-quarter", "the 1988 second quarter", "next year's first quarter"
    _rule("quarter", "the this last next fiscal year @num first second third fourth final",
          rf"(?:the\s+)?(?:(?P<yrel>this|last|next)\s+year's\s+|{_YEAR4}\s+|(?P<ago>year-ago|year-earlier)\s+)?"
          rf"(?:(?P<fisc>fiscal)[\s-]+)?{_ORD_Q}[\s-]+(?:fiscal\s+)?quarter\b(?!s)"
          rf"(?:\s+(?:of|in)\s+(?:(?:fiscal\s+)?(?P<y2>1\d{{3}}|20\d\d)\b|(?P<rel2>this|last|next)\s+year))?"),
    # "the July-September quarter", "the October-December period": a calendar quarter by its months
    _rule("month_span_quarter", "the",
          rf"the\s+(?P<m1>{MONTH_FULL})\s*[-–]\s*(?P<m2>{MONTH_FULL})\s+(?P<u>quarter|period)\b"
          rf"(?:\s+(?:of\s+)?{_YEAR4}\b)?", checks.calendar_quarter),
    # "Q3 2019", "2019 Q3", "3Q19"
    _rule("quarter_q", "q @num",
          r"\b(?:Q(?P<q>[1-4])(?:\s*|-)(?:(?P<y>(?:19|20)\d\d)|'?(?P<yy>\d\d))?"
          r"|(?P<y2>(?:19|20)\d\d)\s*-?\s*Q(?P<q2>[1-4])|(?P<q3>[1-4])Q\s?'?(?P<yy3>\d\d)?)\b", flags=0),
    # earnings reports: "the latest quarter", "the quarter", "the year-ago period", "the 1988 quarter"
    _rule("quarter_rel", "the @quarterrel",
          r"(?:the\s+)?(?P<rel>latest|current|last|past|previous|next|coming|same|prior|year-ago|year-earlier"
          r"|comparable(?:\s+year-ago)?|corresponding|preceding|most\s+recent|this|that)"
          r"\s+(?:fiscal\s+)?(?P<unit>quarter|period)\b(?!s|-)(?P<ago>\s+a\s+year\s+(?:ago|earlier)"
          r"|\s+(?:of\s+)?last\s+year|\s+of\s+the\s+previous\s+year)?"
          r"|the\s+(?:fiscal\s+)?(?P<bare>quarter)\b(?!s|-)(?:\s+a\s+year\s+(?:ago|earlier))?"
          r"|the\s+(?P<y>1\d{3}|20\d\d)\s+(?P<unit2>quarter|period)\b(?!s|-)", checks.quarter_ok),
    # "the first half of 2020", "the last half of 1989", "first-half"
    _rule("half", "the first second last latter",
          r"(?:the\s+)?(?P<ord>first|second|last|latter)[\s-]+half(?:\s+of\s+(?:(?:the\s+|fiscal\s+)?"
          r"(?P<y>1\d{3}|20\d\d)\b|(?P<rel>this|last|next|the)\s+(?:fiscal\s+)?year|the\s+'(?P<yy>\d)0s))?",
          checks.half_ok),
    # "the summer", "last fall", "the winter of 1994", "this past spring"
    _rule("season", "this last next past coming the that",
          r"(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|the|that)\s+"
          rf"(?:(?P<pos>early|late|mid)[\s-]+)?(?P<s>{SEASON})\b"
          rf"(?:\s+(?:of\s+)?(?:{_YEAR4}\b|(?P<yw>{_SPELLED_YEAR})))?", checks.season_ok),
    _rule("season_year", "@season", rf"(?P<s>{SEASON})\s+(?:of\s+)?{_YEAR4}\b"),
    # "Thanksgiving Day", "Christmas", "Election Day", "the Labor Day weekend" (with "the" only so)
    _rule("holiday", "the last next this @holiday",
          r"(?:(?P<the>the)\s+)?(?:(?P<rel>last|next|this)\s+)?"
          r"(?P<h>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?"
          r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday|[Ww]eek))?|Good\s+Friday|Independence\s+Day"
          r"|(?:[Tt]he\s+)?Fourth\s+of\s+July"
          r"|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Election\s+Day|Halloween|Valentine's\s+Day"
          r"|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Bastille\s+Day|May\s+Day|Palm\s+Sunday"
          r"|Holy\s+(?:Week|Thursday|Saturday)|Maundy\s+Thursday|Ash\s+Wednesday|Boxing\s+Day"
          r"|(?:St\.?|Saint)\s+Patrick's\s+Day|Mother's\s+Day|Father's\s+Day|Presidents'?\s+Day"
          r"|Columbus\s+Day))\b"
          r"(?(the)\s+(?P<wk>weekend)\b|(?:\s+(?P<wk2>weekend)\b)?)"
          r"(?:,?\s+(?P<y>1\d{3}|20\d\d)\b)?"),

    # ---- counted from the publication date
    # "yesterday", "late yesterday", "tomorrow morning", "tonight", "the day before yesterday"
    _rule("deictic", "early late earlier later today tomorrow yesterday tonight the",
          r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<w>today|tomorrow|yesterday|tonight"
          r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b"
          rf"(?:\s+(?P<pod>{PART_OF_DAY}))?", checks.title_ok),
    # "this morning", "last night", "later this afternoon"
    _rule("pod", "early late earlier later this last that",
          rf"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>this|last|that)\s+(?P<pod>{PART_OF_DAY})\b"),
    # "during the morning", "late into the evening", "in afternoon trading", "by the
    # afternoon": a part of the day the sentence speaks of (not "the night of March 3", "the evening news")
    _rule("pod_the", "the morning afternoon",
          r"(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bthrough\s)|(?<=\bthroughout\s)|(?<=\binto\s)|(?<=\bby\s))"
          r"the\s+(?P<pod>morning|afternoon|evening|night)\b"
          r"(?!\s+(?:of|before|after|when|that|sessions?|news|shift|papers?|rush|prayers?|service|edition)\b|-|'|s\b)"
          r"|(?<=\bin\s)(?P<pod2>morning|afternoon)(?=\s+(?:trading|trade|dealings|deals|session)\b)"),
    # "rescued 40 people by boat overnight": the night just gone (not "an overnight rally", nor
    # "success did not come overnight")
    _rule("overnight", "overnight", r"overnight\b(?!-)", checks.overnight_ok),
    # "mid-afternoon yesterday", "early morning"
    _rule("pod_mid", "early late mid",
          r"(?P<pos>early|late|mid)[\s-]?(?P<pod>morning|afternoon|evening)\b"
          rf"(?:\s+(?P<w>yesterday|today|tomorrow|{WEEKDAY})\b)?"),
    # "Monday", "last Friday", "early Tuesday", "Wednesday night", "this coming Sunday"
    # ("keep the government running past Monday": "past" after a word is a preposition)
    _rule("weekday", "early late earlier later last next this coming past the that @weekday",
          r"(?:(?P<pos>early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this\s+coming|this\s+past"
          # ("said that Monday's announcement would …": a conjunction, not "that Monday")
          rf"|this|coming|(?<![a-z]\s)past|the\s+previous|the\s+following|the\s+next"
          rf"|that(?!\s+{WEEKDAY}['’]s\b))\s+)?(?P<wd>{WEEKDAY})\b"
          rf"(?:\s+(?P<pod>{PART_OF_DAY})\b)?"
          r"(?:\s+(?P<wrel>this|next|last)\s+week\b(?!['’]))?", checks.weekday_ok),  # "Wednesday next week"
    # "this week", "last month", "next year", "earlier this week", "late last year", "the past year"
    _rule("rel_unit", "early late earlier later this last next past coming the",
          r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>this|last|next|this\s+past|this\s+coming"
          r"|past|coming|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+current|the\s+latest"
          r"|the\s+full|the\s+prior|the\s+preceding|the\s+current\s+fiscal|the\s+latest\s+fiscal"
          r"|the\s+fiscal|this\s+fiscal|last\s+fiscal|next\s+fiscal)"
          r"\s+(?P<u>week|weekend|month|year|decade)\b(?!-|s)", checks.title_ok),
    # earnings reports: "for the year", "the year ended June 30"
    _rule("the_year", "the",
          r"the\s+(?:(?P<fisc>fiscal)\s+)?year\b(?!-|'|s|\s+\d)(?P<ended>(?=\s+(?:ended|ending|to)\b))?",
          checks.the_year_ok),
    # "the weekend"
    _rule("weekend", "the", r"the\s+weekend\b"),
    # "year-end", "the end of the month", "the beginning of the decade"
    _rule("unit_end", "year month the end",
          r"(?P<u>year|month)(?:-end\b|\s+end\b|'s\s+end\b)"
          r"|(?:the\s+)?(?P<part>end|beginning|start|middle|close|turn)\s+of\s+the\s+"
          r"(?P<u2>year|month|week|decade|century)\b"),
    # "year-earlier results"
    _rule("year_ago_adj", "year",
          r"(?P<w>year-earlier|year-ago|year-before)\b(?!\s+(?:quarter|period|nine|six|three|first|second|third"
          r"|fourth|fiscal))"),
    # "two years ago", "a year earlier", "a week or so ago"
    _rule("ago", "@amount",
          rf"(?:(?P<q>{QMOD})\s+)?(?P<n>{NUMBER}|{VAGUE})\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+"
          r"(?P<dir>ago|earlier(?!\s+than\b)|before(?=\s*[,.;]))"),  # "a month earlier than usual": a length

    # ---- durations
    # "eight years from now" (a duration: P8Y)
    _rule("from_now", "@amount",
          rf"(?:(?P<q>{QMOD})\s+)?(?P<n>{NUMBER}|{VAGUE})\s+(?P<u>{UNIT})\s+from\s+(?:now|today)"),
    # "ten years", "the past two months", "the first nine months", "several days", "a fortnight",
    # "five anxious days"
    _rule("duration", "the @amount",
          r"(?:the\s+(?:(?P<rel>past|last|next|first|coming|previous|following|latest|final"
          r"|remaining|initial|year-earlier|year-ago|same|other)\s+)?)?"
          rf"(?:(?P<q>{QMOD})\s+)?(?P<n>{NUMBER}|{VAGUE})\s+(?:(?:more|additional|full|straight|consecutive"
          rf"|long|trading|business|calendar|working|extra|whole|entire|successive|short|brief|anxious|tense"
          rf"|hectic|grueling|gruelling|sleepless|agonizing|agonising|single)\s+)?(?P<u>{UNIT})\b(?!-)"
          r"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?", checks.duration_ok),
    # "two-year", "16-hour", "30-day"
    _rule("adj_duration", "@num @numword several multi",
          rf"(?<![\w-])(?P<n>\d+(?:\.\d+)?|{NUMBER_WORD}|several|multi)-(?P<u>second|minute|hour"
          r"|day|week|month|quarter|year|decade|century)(?:-long)?\b", checks.adj_duration_ok),
    # "day-long", "months-long"
    _rule("unit_long", "@unit",
          r"(?<![\w-])(?P<u>second|minute|hour|day|week|month|year|decade)(?P<pl>s)?-long\b"),
    # "for years", "the years"
    _rule("plural", "the @unit",
          r"(?:the\s+)?(?P<u>years|months|weeks|days|decades|hours|minutes|centuries)\b(?!-)(?P<ago>\s+ago\b)?",
          checks.plural_ok),
    # "recent years", "coming weeks", "the next few days", "the weeks ahead"
    _rule("vague_plural", "recent coming the upcoming past future earlier later",
          r"(?P<adj>recent|coming|the\s+coming|upcoming|the\s+next\s+few|the\s+past\s+few|the\s+last\s+few"
          r"|past|the\s+past\s+several|the\s+next\s+several|the\s+last\s+several|future|the\s+early(?!\s+hours)"
          r"|the\s+(?:few|several)|the\s+final|earlier|later)\s+(?P<u>years|months|weeks|days|decades"
          r"|quarters|hours)\b|the\s+(?P<u2>years|months|weeks|days)\s+(?P<adj2>ahead)"),

    # ---- PRESENT_REF, PAST_REF, FUTURE_REF
    _rule("ref_present", "right just now currently current at presently nowadays these",
          r"\b(?:right\s+now|just\s+now|now|currently|current|at\s+present|presently|nowadays"
          r"|these\s+days|at\s+the\s+moment)\b(?!-)", checks.now_ok),
    _rule("ref_past", "recently recent lately the in",
          r"\b(?:recently|recent|lately|the\s+past|in\s+those\s+days|the\s+old\s+days)\b(?!-)"),
    _rule("ref_future", "the future soon a as",
          r"(?:\b(?:the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future|future"
          r"|soon|the\s+(?:near|short|long|medium)\s+term|a\s+later\s+date"
          r"|as\s+soon\s+as\s+possible)\b)(?!-)", checks.now_ok),

    # ---- sets
    # "each year", "every week", "each Thursday", "every July"
    _rule("set_every", "every each per",
          rf"(?:every|each|per)\s+(?:(?P<n>{NUMBER})\s+|other\s+)?(?P<u>{UNIT}|{WEEKDAY}"
          rf"|{MONTH_FULL}|{SEASON}|weekend|morning|evening|night|afternoon)\b"
          r"(?:(?<=day)\s+(?P<pod>morning|afternoon|evening|night)\b)?"),  # "every Sunday morning"
    # "annually", "daily"
    _rule("set_adverb", "@adverb",
          r"\b(?P<w>daily|weekly|monthly|yearly|annually|hourly|quarterly|nightly|biweekly"
          r"|semiannually|semi-annually|biannually)\b", checks.adverb_ok),
    # "$5 million a year", "twice a week"
    _rule("set_rate", "twice once three @num a per",
          r"(?:(?P<f>twice|once|three\s+times|\d+\s+times)\s+)?(?:a|per)\s+"
          r"(?P<u>day|week|month|year|hour|minute|quarter)\b(?!-)", checks.rate_ok),
    # "on Mondays", "on Sunday mornings", "at weekends"
    _rule("set_weekdays", "@weekdays @weekday weekends",
          rf"(?P<wd>{WEEKDAY})(?:s\b|\s+(?P<pod>morning|afternoon|evening|night)s\b)"
          r"|(?<=\b(?:on|at)\s)(?P<we>weekends)\b"),

    # ---- clock times, with an attached day: "10 a.m.", "9 a.m. EST Tuesday", "noon Thursday", "0735 GMT"
    _rule("time", "around about approximately shortly @num noon midnight midday @numword",
          r"(?:(?P<approx>around|about|approximately|shortly\s+after|shortly\s+before)\s+)?"
          rf"{_CLOCK}{_TZ}(?:,?\s+(?:on\s+)?(?:{_DAYREF}))?(?!\w)", checks.title_ok),

    # "within the next fortnight": two weeks, with no calendar week to name
    _rule("fortnight", "the", r"the\s+(?:next|past|last|coming|previous|following)\s+fortnight\b"),
    # "for a while", "for some time": a stretch of unknown length
    _rule("vague_span", "a some",
          r"(?<=\bfor\s)(?:a\s+(?:long\s+)?while|some\s+time)\b(?!\s+(?:to|now|after|before))"),
    # "today is the eighth day of the strike", "it's the second day of an offensive"
    _rule("nth_day", "the", rf"(?<=\bis\s|'s\s)the\s+(?P<ord>{ORDINAL})\s+(?:straight\s+|consecutive\s+)?day\b"),

    # ---- anaphora: "that day", "the same day", "later that year", "the following month"
    _rule("anaphor", "early late earlier later that the",
          r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>that|the\s+same|that\s+same|the\s+following"
          r"|the\s+next|the\s+previous|the\s+preceding|the\s+prior)\s+"
          r"(?P<u>day|week|month|year|morning|night|evening|afternoon)\b(?!-|s)"
          # "exports rose 27% in February compared to the same month last year"
          r"(?P<ago>(?<=same\smonth)(?:\s+(?:of\s+)?last\s+year|\s+a\s+year\s+(?:ago|earlier)"
          r"|\s+of\s+the\s+previous\s+year))?"
          # "rose from 4.4% the day before.", "at a meeting the night before, …": standing alone
          r"|the\s+(?P<ub>day|night|week|month|year)\s+(?P<side>before|after|earlier|later)\b"
          r"(?=\s*(?:[.,;:!?)]|$))"),
)


# which rules may start at a word: the dispatch table of extract.find_candidates
RULES_BY_FIRST_WORD: dict[str, tuple[tuple[int, Rule], ...]] = {}
for _priority, _r in enumerate(RULES):
    for _w in _r.first:
        RULES_BY_FIRST_WORD[_w] = RULES_BY_FIRST_WORD.get(_w, ()) + ((_priority, _r),)
