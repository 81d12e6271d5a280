"""The recognition grammar: one regex per kind of time expression.

Each :class:`Rule` only finds spans and checks they are temporal ("may sign" is
a modal, "1990 tons" a quantity); :mod:`resolve` gives them values. Spans follow
TimeML: a leading "the" stays in ("the 1990s"), prepositions ("by", "until",
"since", "on", "in") stay out. When rules overlap, the longest span wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .lexicon import (MONTH, MONTH_ABBR, MONTH_ABBREVIATIONS, MONTH_FULL, MONTHS, NUMBER, ORDINAL,
                      ORDINALS, PART_OF_DAY, QMOD, QUANTITY_MODS, SEASON, SEASONS, SMALL_NUMBERS, TENS,
                      UNIT, UNITS, VAGUE, VAGUE_AMOUNTS, WEEKDAY, WEEKDAY_ABBR, WEEKDAY_ABBREVIATIONS,
                      WEEKDAYS, _NUMWORD)

Check = Callable[[str, "re.Match[str]"], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A regex and the words a match can begin with (lower-cased; "#" stands for
    any number): scanning only from those words keeps the grammar fast."""
    name: str
    first: frozenset[str]
    regex: re.Pattern[str]
    check: Check | None = None


def _prev_words(text: str, pos: int, n: int = 1) -> list[str]:
    return re.findall(r"[A-Za-z']+|[$£€#\d.,]+", text[max(0, pos - 40):pos])[-n:]


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*([A-Za-z'%]+|\S)", text[pos:pos + 40])
    return m.group(1) if m else ""


# ---- checks: is this span temporal here? ------------------------------------------------------

_MEASURES = frozenset("""
people persons men women children troops soldiers workers employees jobs votes shares tons tonnes
pounds kilograms kg feet foot meters metres miles kilometers km acres hectares barrels dollars
euros yen marks francs points units cars vehicles planes aircraft tanks missiles rifles guns rounds
homes houses refugees cases deaths prisoners members delegates seats students residents pupils
calories degrees megawatts mw gallons liters litres copies pages words items patients
""".split())
_NUMBER_CONTEXT = re.compile(r"(?:[$£€#]|\bNo\.|\bNos\.|\bnumber|\bthan|\bnearly|\balmost|\bsome"
                             r"|\bapproximately|\broughly|\btop|\bDow|\bindex|\bFlight|\bRoute|\bRoom"
                             r"|\bResolution|\bat|\bpage|\bp\.)\s*$", re.I)
_YEAR_PREPOSITIONS = frozenset("in since of by from until till before after during year fiscal "
                               "through circa around early late mid and or to the".split())


def year_ok(text: str, m: re.Match[str]) -> bool:
    """A bare 4-digit number is a year unless money, a count or an identifier."""
    y = int(m.group("y"))
    if _NUMBER_CONTEXT.search(text[max(0, m.start() - 14):m.start()]):
        return False
    after = text[m.end():m.end() + 14]
    if re.match(r"\s*(?:%|percent|per\s*cent|million|billion|thousand|hundred|/\d|\.\d|,\d{3})", after, re.I):
        return False
    if re.match(r"[-–](?!(?:19|20)?\d\d\b)", after):
        return False  # "1990-5" is no year; "1990-91" and "1990-1991" are two
    if _next_word(text, m.end()).lower() in _MEASURES:
        return False
    if y < 1800 or y > 2099:
        prev = _prev_words(text, m.start())
        return bool(prev) and prev[0].lower() in _YEAR_PREPOSITIONS and 1000 <= y <= 2099
    return True


def month_ok(text: str, m: re.Match[str]) -> bool:
    """A bare month name: not "May" the modal or name, not "April Ryan", not
    "the March for Life"."""
    mon = m.group("mon")
    prev = [w.lower() for w in _prev_words(text, m.start(), 2)]
    has_context = bool(prev) and prev[-1] in _MAY_CONTEXT or bool(m.group("rel"))
    if prev and prev[-1] in ("a", "an") and not m.group("rel"):
        return False
    if prev and prev[-1] == "the" and not m.group("rel"):
        # "the March for Life" is an event; "the December meeting" is a date
        return _next_word(text, m.end()).islower()
    nxt = _next_word(text, m.end())
    if mon.rstrip(".").lower() == "may":
        # "in May" is the month; "that may", "and may" are modals
        return bool(prev) and prev[-1] in _MAY_CONTEXT or bool(m.group("rel"))
    if not has_context and nxt[:1].isupper() and nxt.isalpha() and nxt.lower() not in _SENTENCE_WORDS:
        return False  # a person's name: "June Carter", "April Ryan"
    # an event named after its month: "the annual March for Life", "March on Washington"
    return not re.match(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z]", text[m.end():m.end() + 20])


_MAY_CONTEXT = frozenset("in since of by from until till through during before after last next this "
                         "early late mid between around".split())
_SENTENCE_WORDS = frozenset("the a an he she it they we i this that there its his her their".split())


def weekday_ok(text: str, m: re.Match[str]) -> bool:
    """Not "Black Friday", "Bloody Sunday", "the Sunday Times"."""
    prev = _prev_words(text, m.start())
    if prev and prev[0] in ("Black", "Good", "Bloody", "Ash", "Palm", "Easter", "Super", "Cyber",
                            "Holy", "Maundy", "Shrove", "Mail", "Mad", "Orthodox"):
        return False
    return _next_word(text, m.end()) not in ("Times", "Telegraph", "Express", "Mirror", "Herald",
                                             "Post", "Tribune", "Mail", "Independent", "Night")


def season_ok(text: str, m: re.Match[str]) -> bool:
    """"the fall of Saigon" and "a fall in prices" are not autumn."""
    if m.group("y") or (m.group("rel") or "").lower() not in ("the", "that"):
        return True  # "last fall", "this spring"
    nxt = _next_word(text, m.end()).lower()
    if m.group("s").lower() == "fall" and nxt in ("of", "in", "to", "from", "on", "was", "is"):
        return False
    if m.group("s")[0].isupper() and m.start() > 0 and text[m.start() - 1] != "\n":
        prev = _prev_words(text, m.start())
        if prev and prev[0][:1].isupper() and prev[0].lower() not in _SEASON_LEFT:
            return False  # "the Arab Spring"
    return nxt != "of" or bool(re.match(r"\s+of\s+(?:\d{4}|this|last|next|that)", text[m.end():], re.I))


_SEASON_LEFT = frozenset("this last next the early late mid past coming".split())


def quarter_ok(text: str, m: re.Match[str]) -> bool:
    """"a quarter of the vote" is a fraction."""
    return _next_word(text, m.end()).lower() not in ("of", "century", "mile", "inch", "hour", "point",
                                                     "points", "percent")


def duration_ok(text: str, m: re.Match[str]) -> bool:
    """Not "a second attack", not the fraction "a quarter of", not ages ("50 years old")."""
    unit = m.group("u").lower()
    n = (m.group("n") or "").lower()
    nxt = _next_word(text, m.end()).lower()
    if unit.startswith("second") and n in ("a", "an", "the"):
        return False
    if m.group("u")[0].isupper() and n.islower():
        return False  # "Justice Sandra Day O'Connor"
    if unit.startswith("quarter") and (n in ("a", "an", "one", "three") or nxt == "of" and n.isdigit()):
        return False  # "a quarter of the vote", "three quarters of"
    if nxt in ("old", "olds") or re.match(r"\s+of\s+age", text[m.end():m.end() + 8]):
        return False
    if n in ("a", "an") and unit in ("day", "year", "month", "week", "hour") and _is_rate(text, m.start()):
        return False  # "$5 million a year" is a SET
    return True


def _is_rate(text: str, pos: int) -> bool:
    """An amount shortly before: "$2 billion of gas a year", "three times a week"."""
    before = text[max(0, pos - 40):pos]
    return bool(re.search(r"(?:\d|%|percent|cents?|dollars|times|twice|once|thrice|million|billion)"
                          r"(?:\s+[a-z]+){0,3}\s*$", before, re.I))


def rate_ok(text: str, m: re.Match[str]) -> bool:
    if _next_word(text, m.end()).lower() in ("after", "before", "later", "earlier", "ago", "into", "since"):
        return False  # "a year after the coup" counts from an event
    return _is_rate(text, m.start())


def adj_duration_ok(text: str, m: re.Match[str]) -> bool:
    """"a 52-year-old obstetrician" gives an age, not a duration."""
    return not re.match(r"-olds?\b", text[m.end():m.end() + 6])


def plural_ok(text: str, m: re.Match[str]) -> bool:
    nxt = _next_word(text, m.end()).lower()
    prev = [w.lower() for w in _prev_words(text, m.start())]
    if nxt in ("old", "olds", "of") and not m.group(0).lower().startswith("the"):
        return nxt == "of" and re.match(r"\s+of\s+(?!age)", text[m.end():m.end() + 8]) is not None
    return not (prev and prev[0] in ("these", "those", "old", "early", "dog", "glory", "salad",
                                     "many", "few", "several", "some"))


def now_ok(text: str, m: re.Match[str]) -> bool:
    """"as soon as" is a conjunction; "future earnings" an adjective, not FUTURE_REF."""
    word = m.group(0).lower()
    if word == "soon":
        before = text[max(0, m.start() - 4):m.start()].lower()
        return not before.endswith("as ") or text[m.end():m.end() + 12].lower().startswith(" as possible")
    if word == "future":
        return not _attributive(text, m.end())
    return True


def _attributive(text: str, pos: int) -> bool:
    """Followed by the noun it modifies: "future payments", "quarterly dividend"."""
    nxt = _next_word(text, pos)
    return nxt.isalpha() and nxt.islower() and nxt not in _NOT_NOUNS


_NOT_NOUNS = frozenset("""and or but in on at for to by since from with than as is are was were will would
could may might should has have had be been that which who when if after before until because so
the a an of into through during about against over under again""".split())


def adverb_ok(text: str, m: re.Match[str]) -> bool:
    """"quarterly dividend" is a kind of dividend, not a recurrence to annotate
    ("daily newspaper", "weekly address" are annotated as sets); "the Daily
    Telegraph" is a name."""
    word = m.group("w")
    if word[0].isupper() and not word.isupper() and not _sentence_start(text, m.start()):
        return False
    return word.lower() != "quarterly" or not _attributive(text, m.end())


def _sentence_start(text: str, pos: int) -> bool:
    return re.search(r"(?:^|[.!?:\"'`]\s*|\n\s*)$", text[max(0, pos - 4):pos]) is not None


# ---- the grammar --------------------------------------------------------------------------

_OPT_WD = rf"(?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<y>1[0-9]{3}|20[0-9]{2})"
_REL = r"(?P<rel>this|last|next|this\s+past|this\s+coming|past|coming)"
_SPELLED_YEAR = (r"(?:(?:nineteen|eighteen)[\s-]+(?:hundred|" + _NUMWORD + r"|oh[\s-]+\w+)"
                 r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:[\s-]+(?:" + _NUMWORD + r"))?)")
_ORD_Q = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_CLOCK = (r"(?:(?P<h>[0-2]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|a\.m|p\.m)"
          r"|(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?=\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|local|hours|h\b))"
          r"|(?P<mil>[0-2]\d[0-5]\d)(?=\s*(?:GMT|UTC|Z\b|hours|hrs|local))"
          r"|(?P<word>noon|midnight|midday)"
          r"|(?P<h3>" + _NUMWORD + r"|\d{1,2})\s+o'clock"
          r"|(?P<h4>[0-2]?\d)\s+in\s+the\s+(?P<pod>morning|afternoon|evening))")
_TZ = r"(?:\s+(?P<tz>GMT|UTC|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|local\s+time)\b)?"
_DAYREF = (rf"(?P<dwd>{WEEKDAY})|(?P<dmon>{MONTH})\s+(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?"
           r"|(?P<dword>today|tomorrow|yesterday|tonight)")


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
    "@holiday": frozenset("christmas new thanksgiving easter good independence labor memorial veterans "
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
    # "2021-12-06", "2021-12-06T10:00"
    _rule("iso", "@num", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?\b"),
    # "12/06/2021": US order, as US wires write it
    _rule("numeric", "@num", r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
    # "Monday, December 6, 2021", "Dec. 6, 2021", "December 6th 2021"
    _rule("mdy", "@weekday @wdabbr @month", _OPT_WD + rf"(?P<mon>{MONTH})(?![A-Za-z])\s+{_DAY},?\s+{_YEAR4}\b"),
    # "6 December 2021", "the 6th of December, 2021"
    _rule("dmy", "@weekday @wdabbr the @num", _OPT_WD + rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<mon>{MONTH})(?![A-Za-z]),?\s+{_YEAR4}\b"),
    # "Dec. 6", "Monday, Oct. 26", "this coming Sunday, March eighth"
    _rule("md", "this last next @weekday @wdabbr @month", r"(?:(?P<rel>this\s+coming|this|last|next)\s+)?" + _OPT_WD
          + rf"(?P<mon>{MONTH})(?![A-Za-z])\s+(?:{_DAY}|(?P<dord>{ORDINAL}))\b(?![.,]?\d|:\d|\s*%)"),
    # "6 December", "the 6th of December"
    _rule("dm", "@weekday @wdabbr the @num", _OPT_WD + rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<mon>{MONTH})(?![A-Za-z]|\s*\d)"),
    # "January 1998", "June of 2020", "January this year", "January nineteen ninety-seven"
    _rule("month_year", "@month", rf"(?P<mon>{MONTH})(?![A-Za-z])(?:\s+of)?,?\s+(?:{_YEAR4}\b|'(?P<yy>\d\d)\b"
          rf"|(?P<yrel>this|last|next)\s+year|(?P<yw>{_SPELLED_YEAR}))"),
    # "August", "last November", "this September", "Sept."
    _rule("month", "this last next past coming @month", rf"(?:{_REL}\s+)?(?P<mon>{MONTH_FULL}|{MONTH_ABBR}\.|(?-i:May|MAY))(?![\w-])", month_ok),
    # "1998", "fiscal 1998", "the year 2000", "FY1998"
    _rule("year", "the fiscal calendar mid post pre @num", rf"(?:(?P<fisc>fiscal(?:\s+year)?|calendar|the\s+year)\s+)?"
          rf"(?:(?P<pos>mid|post|pre)-|(?<![\w$#.,/-])|(?<=\d\d[-–])){_YEAR4}(?![\w/]|[.,]\d)",
          year_ok),
    # "9/11", "the Sept. 11 attacks": in news the 2001 attacks, whatever the year
    _rule("nine_eleven", "@num sept september", r"9/11\b|(?-i:Sept\.?|September)\s+11(?:th)?\b(?=,?\s+"
          r"(?:attacks?|terror|hijack|Commission|era|anniversary|2001))"),
    # the second year of a range: "2012-13" (the first is a plain year)
    _rule("year_tail", "@num", r"(?<=\b(?:19|20)\d\d[-–])(?P<yy>\d\d)(?![\w-])"),
    _rule("fy", "fy", r"\bFY\s?'?(?P<y>(?:19|20)\d\d|\d\d)\b", flags=0),
    # broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand"
    _rule("spelled_year", "the nineteen eighteen two", rf"(?:the\s+year\s+)?(?<![\w-])(?P<yw>{_SPELLED_YEAR})(?![\w-])",
          lambda t, m: m.group(0).lower().startswith(("the year", "nineteen", "eighteen"))),
    # "the 1990s", "the early 1980s", "the '80s", "the nineties"
    _rule("decade", "the early mid late @num '", r"(?:the\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?(?:(?P<y>1\d{2}0|20\d0)'?s\b"
          r"|'(?P<yy>\d)0'?s\b)"),
    _rule("decade_word", "the", r"the\s+(?:(?P<pos>early|mid|late)[\s-]+)?(?P<w>twenties|thirties|forties|fifties"
          r"|sixties|seventies|eighties|nineties)\b"),
    # "the 20th century", "this century"
    _rule("century", "the early mid late @ordinal @num", rf"(?:the\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?(?P<ord>{ORDINAL})[\s-]+century\b"),
    _rule("century_rel", "this last next the", r"(?P<rel>this|last|next|the\s+(?:last|past|previous|next))\s+century\b"),
    # "the third quarter of 2019", "third-quarter", "the 1988 second quarter", "Q3 2019"
    _rule("quarter", "the this last next fiscal @num first second third fourth", rf"(?:the\s+)?(?:(?P<yrel>this|last|next)\s+year's\s+|{_YEAR4}\s+)?"
          rf"(?:(?P<fisc>fiscal)[\s-]+)?{_ORD_Q}[\s-]+(?:fiscal\s+)?quarter\b(?!s)"
          rf"(?:\s+(?:of|in)\s+(?:(?:fiscal\s+)?(?P<y2>1\d{{3}}|20\d\d)\b|(?P<rel2>this|last|next)\s+year))?"),
    _rule("quarter_q", "q @num", r"\b(?:Q(?P<q>[1-4])(?:\s*|-)(?:(?P<y>(?:19|20)\d\d)|'?(?P<yy>\d\d))?"
          r"|(?P<y2>(?:19|20)\d\d)\s*-?\s*Q(?P<q2>[1-4])|(?P<q3>[1-4])Q\s?'?(?P<yy3>\d\d)?)\b", flags=0),
    # "the latest quarter", "the quarter", "the year-ago period", "the 1988 quarter"
    _rule("quarter_rel", "the @quarterrel", r"(?:the\s+)?(?P<rel>latest|current|last|past|previous|next|coming|same|prior"
          r"|year-ago|year-earlier|comparable(?:\s+year-ago)?|corresponding|preceding|most\s+recent|this|that)"
          r"\s+(?:fiscal\s+)?(?P<unit>quarter|period)\b(?!s|-)(?:\s+a\s+year\s+(?:ago|earlier))?"
          r"|the\s+(?:fiscal\s+)?(?P<bare>quarter)\b(?!s|-)(?:\s+a\s+year\s+(?:ago|earlier))?"
          r"|the\s+(?P<y>1\d{3}|20\d\d)\s+(?P<unit2>quarter|period)\b(?!s|-)", quarter_ok),
    # "the first half of 2020", "the last half of 1989", "first-half"
    _rule("half", "the first second last latter", r"(?:the\s+)?(?P<ord>first|second|last|latter)[\s-]+half(?:\s+of\s+(?:(?:the\s+|fiscal\s+)?"
          r"(?P<y>1\d{3}|20\d\d)\b|(?P<rel>this|last|next|the)\s+(?:fiscal\s+)?year|the\s+'(?P<yy>\d)0s))?",
          lambda t, m: bool(m.group("y") or m.group("rel") or m.group("yy") or "-" in m.group(0))),
    # "the summer", "last fall", "the winter of 1994", "this past spring"
    _rule("season", "this last next past coming the that", rf"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|the|that)\s+)"
          rf"(?:(?P<pos>early|late|mid)[\s-]+)?(?P<s>{SEASON})\b(?:\s+(?:of\s+)?(?:{_YEAR4}\b"
          rf"|(?P<yw>{_SPELLED_YEAR})))?", season_ok),
    _rule("season_year", "@season", rf"(?P<s>{SEASON})\s+(?:of\s+)?{_YEAR4}\b"),
    # holidays: "Thanksgiving Day", "Christmas", "Election Day"
    _rule("holiday", "last next this @holiday", r"(?:(?P<rel>last|next|this)\s+)?(?P<h>(?-i:Christmas(?:\s+(?:Day|Eve))?"
          r"|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Good\s+Friday"
          r"|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Election\s+Day|Halloween"
          r"|Valentine's\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Bastille\s+Day|May\s+Day))\b"
          r"(?:,?\s+(?P<y>1\d{3}|20\d\d)\b)?"),
    # "yesterday", "late yesterday", "tomorrow morning", "tonight", "the day before yesterday"
    _rule("deictic", "early late earlier later today tomorrow yesterday tonight the", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<w>today|tomorrow|yesterday|tonight"
          r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b(?:'s)?"
          rf"(?:\s+(?P<pod>{PART_OF_DAY}))?"),
    # "this morning", "last night", "later this afternoon"
    _rule("pod", "early late earlier later this last that", rf"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>this|last|that)\s+(?P<pod>{PART_OF_DAY})\b"),
    # "mid-afternoon yesterday", "early morning"
    _rule("pod_mid", "early late mid", rf"(?P<pos>early|late|mid)[\s-]?(?P<pod>morning|afternoon|evening)\b"
          rf"(?:\s+(?P<w>yesterday|today|tomorrow|{WEEKDAY})\b)?"),
    # "Monday", "last Friday", "early Tuesday", "Wednesday night", "this coming Sunday"
    _rule("weekday", "early late earlier later last next this coming past the that @weekday", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this\s+coming|this\s+past"
          rf"|this|coming|past|the\s+previous|the\s+following|the\s+next|that)\s+)?(?P<wd>{WEEKDAY})\b"
          rf"(?!s\b)(?:\s+(?P<pod>{PART_OF_DAY})\b)?", weekday_ok),
    # "this week", "last month", "next year", "earlier this week", "late last year", "the past year"
    _rule("rel_unit", "early late earlier later this last next past coming the", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>this|last|next|this\s+past|this\s+coming"
          r"|past|coming|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+current|the\s+latest"
          r"|the\s+full|the\s+prior|the\s+preceding"
          r"|the\s+current\s+fiscal|the\s+latest\s+fiscal|the\s+fiscal|this\s+fiscal|last\s+fiscal|next\s+fiscal)"
          r"\s+(?P<u>week|weekend|month|year|decade)\b(?!-|s)(?:'s)?"),
    # "for the year", "the year ended June 30"
    _rule("the_year", "the", r"the\s+(?:(?P<fisc>fiscal)\s+)?year\b(?!-|'|s|\s+\d)(?P<ended>\s+(?:ended|ending|to))?"),
    # "the weekend", "the week of March 6", "year-end", "the end of the month"
    _rule("weekend", "the", r"the\s+weekend\b"),
    _rule("week_of", "the", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+{_DAY}\b"),
    _rule("unit_end", "year month the end", r"(?P<u>year|month)(?:-end\b|\s+end\b|'s\s+end\b)"
          r"|(?:the\s+)?(?P<part>end|beginning|start|middle|close|turn)\s+of\s+the\s+(?P<u2>year|month|week|decade"
          r"|century)\b"),
    _rule("year_ago_adj", "year", r"(?P<w>year-earlier|year-ago|year-before)\b(?!\s+(?:quarter|period|nine|six|three))"),
    # "two years ago", "a year earlier", "a week or so ago"
    _rule("ago", "@amount", rf"(?:(?P<q>{QMOD})\s+)?(?P<n>{NUMBER}|{VAGUE})\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+"
          r"(?P<dir>ago|earlier|before(?=\s*[,.;]))"),
    # "eight years from now" (a duration: P8Y)
    _rule("from_now", "@amount", rf"(?:(?P<q>{QMOD})\s+)?(?P<n>{NUMBER}|{VAGUE})\s+(?P<u>{UNIT})\s+from\s+(?:now|today)"),
    # "ten years", "the past two months", "the first nine months", "several days", "a fortnight"
    _rule("duration", "the @amount", r"(?:the\s+(?:(?P<rel>past|last|next|first|coming|previous|following|latest|final"
          r"|remaining|initial|year-earlier|year-ago|same|other)\s+)?)?"
          rf"(?:(?P<q>{QMOD})\s+)?(?P<n>{NUMBER}|{VAGUE})\s+(?:(?:more|additional|full|straight|consecutive"
          rf"|long|trading|business|calendar|working|extra)\s+)?(?P<u>{UNIT})\b(?!-)(?P<half>\s+and\s+a\s+half)?"
          r"(?:\s+or\s+so)?",
          duration_ok),
    # "two-year", "16-hour", "30-day"; "day-long", "months-long"
    _rule("adj_duration", "@num @numword several multi", rf"(?<![\w-])(?P<n>\d+(?:\.\d+)?|{_NUMWORD}|several|multi)-(?P<u>second|minute|hour"
          r"|day|week|month|quarter|year|decade|century)(?:-long)?\b", adj_duration_ok),
    _rule("unit_long", "@unit", r"(?<![\w-])(?P<u>second|minute|hour|day|week|month|year|decade)(?P<pl>s)?-long\b"),
    # "years", "for months", "the years", "recent years", "coming weeks", "the weeks ahead"
    _rule("plural", "the @unit", r"(?:the\s+)?(?P<u>years|months|weeks|days|decades|hours|minutes|centuries)\b(?!-)",
          plural_ok),
    _rule("vague_plural", "recent coming the upcoming past future earlier later", r"(?P<adj>recent|coming|the\s+coming|upcoming|the\s+next\s+few|the\s+past\s+few"
          r"|the\s+last\s+few|past|the\s+past\s+several|the\s+next\s+several|the\s+last\s+several|future"
          r"|the\s+early|the\s+(?:few|several)|the\s+final|earlier|later)\s+(?P<u>years|months|weeks|days|decades"
          r"|quarters|hours)\b|the\s+(?P<u2>years|months|weeks|days)\s+(?P<adj2>ahead)"),
    # PRESENT_REF / PAST_REF / FUTURE_REF words
    _rule("ref_present", "right just now currently current at presently nowadays these", r"\b(?:right\s+now|just\s+now|now|currently|current|at\s+present|presently|nowadays"
          r"|these\s+days|at\s+the\s+moment)\b(?!-)", now_ok),
    _rule("ref_past", "recently recent lately the in earlier", r"\b(?:recently|recent|lately|the\s+past|in\s+those\s+days|the\s+old\s+days"
          r"|earlier(?=\s*,))\b(?!-)"),
    _rule("ref_future", "the future soon a as", r"(?:\b(?:the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future|future"
          r"|soon|the\s+(?:near|short|long|medium)\s+term|a\s+later\s+date"
          r"|as\s+soon\s+as\s+possible)\b)(?!-)", now_ok),
    # SET: "each year", "every week", "annually", "$5 million a year", "on Mondays"
    _rule("set_every", "every each per", rf"(?:every|each|per)\s+(?:(?P<n>{NUMBER})\s+|other\s+)?(?P<u>{UNIT}|{WEEKDAY}"
          rf"|{MONTH_FULL}|{SEASON}|weekend|morning|evening|night|afternoon)\b"),
    _rule("set_adverb", "@adverb", r"\b(?P<w>daily|weekly|monthly|yearly|annually|hourly|quarterly|nightly|biweekly"
          r"|semiannually|semi-annually|biannually)\b", adverb_ok),
    _rule("set_rate", "twice once three @num a per", r"(?:(?P<f>twice|once|three\s+times|\d+\s+times)\s+)?(?:a|per)\s+(?P<u>day|week|month|year"
          r"|hour|minute|quarter)\b(?!-)", rate_ok),
    _rule("set_weekdays", "@weekdays", rf"(?P<wd>{WEEKDAY})s\b(?:\s+and\s+(?P<wd2>{WEEKDAY})s\b)?"),
    # clock times, with an attached day: "10 a.m.", "9 a.m. EST Tuesday", "noon Thursday", "0735 GMT"
    _rule("time", "around about approximately shortly @num noon midnight midday @numword", rf"(?:(?P<approx>around|about|approximately|shortly\s+after|shortly\s+before)\s+)?"
          rf"{_CLOCK}{_TZ}(?:,?\s+(?:on\s+)?(?:{_DAYREF}))?(?!\w)"),
    # anaphora: "that day", "the same day", "later that year", "the following month"
    _rule("anaphor", "early late earlier later that the", r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rel>that|the\s+same|that\s+same"
          r"|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior)\s+(?P<u>day|week|month|year"
          r"|morning|night|evening|afternoon)\b(?!-|s)"),
    _rule("anaphor_in", "earlier later", r"(?P<pos>earlier|later)\s+in\s+the\s+(?P<u>day|week|month|year)\b"),
)


# which rules may start at a word: the dispatch table of extract.find_candidates
RULES_BY_FIRST_WORD: dict[str, tuple[tuple[int, Rule], ...]] = {}
for _priority, _r in enumerate(RULES):
    for _w in _r.first:
        RULES_BY_FIRST_WORD[_w] = RULES_BY_FIRST_WORD.get(_w, ()) + ((_priority, _r),)
