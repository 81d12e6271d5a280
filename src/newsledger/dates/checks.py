"""Checks that a grammar match is temporal in its context: "may sign" is a
modal, "1990 tons" a quantity, "April Ryan" a person, "the Daily Telegraph" a
newspaper. Each takes the text and the match and answers yes or no; spaCy may
overrule some of them (extract.spacy_verdicts).
"""
from __future__ import annotations

import re

from .lexicon import month_number


def prev_words(text: str, pos: int, n: int = 1) -> list[str]:
    return re.findall(r"[A-Za-z']+|[$£€#\d.,]+", text[max(0, pos - 40):pos])[-n:]


def next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*([A-Za-z'%]+|\S)", text[pos:pos + 40])
    return m.group(1) if m else ""


# a full stop, with the quote or bracket it closes, or a paragraph break
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n\s*\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end): from the last full stop or paragraph break before it
    to the next one after."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    right = _SENTENCE_END.search(text, end, end + 400)
    return text[left:right.start() if right else min(len(text), end + 400)]


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
# "no later than 2018", "earlier than 2020": a comparison of times, not of counts
_TIME_THAN = re.compile(r"\b(?:later|earlier|sooner|before)\s+than\s*$", re.I)
_YEAR_PREPOSITIONS = frozenset("in since of by from until till before after during year fiscal "
                               "through circa around early late mid and or to the".split())


def year_ok(text: str, m: re.Match[str]) -> bool:
    """A bare 4-digit number is a year unless money, a count or an identifier."""
    y = int(m.group("y"))
    if _NUMBER_CONTEXT.search(text[max(0, m.start() - 14):m.start()]) \
            and not _TIME_THAN.search(text, max(0, m.start() - 20), m.start()):
        return False
    after = text[m.end():m.end() + 14]
    if re.match(r"\s*(?:%|percent|per\s*cent|million|billion|thousand|hundred|/\d|\.\d|,\d{3})", after, re.I):
        return False
    if re.match(r"[-–](?!(?:19|20)?\d\d\b)", after):
        return False  # "1990-5" is no year; "1990-91" and "1990-1991" are two
    if re.match(r"\s[A-Z]{1,3}\d", after):
        return False  # a designation: the asteroid "2004 RL17"
    if next_word(text, m.end()).lower() in _MEASURES:
        return False
    if y < 1800 or y > 2099:
        prev = prev_words(text, m.start())
        return bool(prev) and prev[0].lower() in _YEAR_PREPOSITIONS and 1000 <= y <= 2099
    return True


def month_ok(text: str, m: re.Match[str]) -> bool:
    """A bare month name: not "May" the modal or name, not "April Ryan", not
    "the March for Life"."""
    mon = m.group("mon")
    prev = [w.lower() for w in prev_words(text, m.start(), 2)]
    has_context = bool(prev) and prev[-1] in _MAY_CONTEXT or bool(m.group("rel"))
    # an event named after its month: "the annual March for Life", "March on Washington"
    named_event = re.match(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z]", text[m.end():m.end() + 20]) is not None
    if prev and prev[-1] in ("the", "a", "an") and not m.group("rel"):
        # "the March for Life" is an event; "the December meeting", "a June agreement" dates
        return next_word(text, m.end()).islower() and not named_event
    nxt = next_word(text, m.end())
    if mon.rstrip(".").lower() == "may":
        # "in May" is the month; "that may", "and may" are modals; "from October to May" ends a range
        range_end = len(prev) == 2 and prev[1] in ("and", "to", "or", "through") and month_number(prev[0]) is not None
        return bool(prev) and prev[-1] in _MAY_CONTEXT or bool(m.group("rel")) or range_end
    if not has_context and nxt[:1].isupper() and nxt.isalpha() and nxt.lower() not in _SENTENCE_WORDS:
        return False  # a person's name: "June Carter", "April Ryan"
    return not named_event


_MAY_CONTEXT = frozenset("in since of by from until till through during before after last next this "
                         "early late mid between around".split())
_SENTENCE_WORDS = frozenset("the a an he she it they we i this that there its his her their".split())


def weekday_ok(text: str, m: re.Match[str]) -> bool:
    """Not "Black Friday", "Bloody Sunday", "the Sunday Times"."""
    prev = prev_words(text, m.start())
    if prev and prev[0] in ("Black", "Good", "Bloody", "Ash", "Palm", "Easter", "Super", "Cyber",
                            "Holy", "Maundy", "Shrove", "Mail", "Mad", "Orthodox"):
        return False
    return next_word(text, m.end()) not in ("Times", "Telegraph", "Express", "Mirror", "Herald",
                                             "Post", "Tribune", "Mail", "Independent", "Night")


def season_ok(text: str, m: re.Match[str]) -> bool:
    """"the fall of Saigon" and "a fall in prices" are not autumn."""
    if m.group("y") or (m.group("rel") or "").lower() not in ("the", "that"):
        return True  # "last fall", "this spring"
    nxt = next_word(text, m.end()).lower()
    if m.group("s").lower() == "fall" and nxt in ("of", "in", "to", "from", "on", "was", "is"):
        return False
    if m.group("s")[0].isupper() and m.start() > 0 and text[m.start() - 1] != "\n":
        prev = prev_words(text, m.start())
        if prev and prev[0][:1].isupper() and prev[0].lower() not in _SEASON_LEFT:
            return False  # "the Arab Spring"
    return nxt != "of" or bool(re.match(r"\s+of\s+(?:\d{4}|this|last|next|that)", text[m.end():], re.I))


_SEASON_LEFT = frozenset("this last next the early late mid past coming".split())


def quarter_ok(text: str, m: re.Match[str]) -> bool:
    """"a quarter of the vote" is a fraction."""
    return next_word(text, m.end()).lower() not in ("of", "century", "mile", "inch", "hour", "point",
                                                     "points", "percent")


def duration_ok(text: str, m: re.Match[str]) -> bool:
    """Not "a second attack", not the fraction "a quarter of", not ages ("50 years old")."""
    unit = m.group("u").lower()
    n = (m.group("n") or "").lower()
    nxt = next_word(text, m.end()).lower()
    if unit.startswith("second") and n in ("a", "an", "the"):
        return False
    if m.group("u")[0].isupper() and not m.group("u").isupper():
        return False  # "Justice Sandra Day O'Connor", the show "60 Minutes"
    if unit.startswith("quarter") and (n in ("a", "an", "one", "three") or nxt == "of" and n.isdigit()) \
            and not m.group("rel"):
        return False  # "a quarter of the vote", "three quarters of"; not "the next three quarters"
    if nxt in ("old", "olds") or re.match(r"\s+of\s+age", text[m.end():m.end() + 8]):
        return False
    if n in ("a", "an") and unit in ("day", "year", "month", "week", "hour") and _is_rate(text, m.start()):
        return False  # "$5 million a year" is a SET
    if n in ("a", "an") and nxt == "of" and not m.group("rel") \
            and _COPULA_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return False  # "2013 is going to be a year of elections": a kind of year, not a stretch of one
    if unit in ("hours", "hrs") and re.fullmatch(r"[0-2]\d[0-5]\d", n) \
            and [w.lower() for w in prev_words(text, m.start())] in (["at"], ["by"], ["until"], ["from"], ["after"],
                                                                     ["before"], ["since"]):
        return False  # "at 1100 hours": a military clock
    return True


_COPULA_BEFORE = re.compile(r"\b(?:is|was|be|been|being|become|became)\s+[\"“']?$")


def _is_rate(text: str, pos: int) -> bool:
    """An amount shortly before: "$2 billion of gas a year", "three times a week"."""
    before = text[max(0, pos - 40):pos]
    return bool(_AMOUNT_BEFORE.search(before))


_AMOUNT_BEFORE = re.compile(
    r"(?:\d|%|\b(?:percent|cents?|dollars|times|twice|once|thrice|million|billion|dozen|hundred|thousand)\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety)\b)(?:\s+[a-z]+){0,3}\s*$", re.I)


def rate_ok(text: str, m: re.Match[str]) -> bool:
    if m.group("f"):
        return True  # "twice a year since 2008": the count makes it a rate
    if next_word(text, m.end()).lower() in ("after", "before", "later", "earlier", "ago", "into", "since", "of"):
        return False  # "a year after the coup" counts from an event; "a quarter of a million" is a fraction
    return _is_rate(text, m.start())


def adj_duration_ok(text: str, m: re.Match[str]) -> bool:
    """"a 52-year-old obstetrician" gives an age, not a duration; "the Six-Day War" is a name."""
    if m.group(0)[0].isupper() and m.group("u")[0].isupper() and not _sentence_start(text, m.start()):
        return False
    return not re.match(r"-olds?\b", text[m.end():m.end() + 6])


def plural_ok(text: str, m: re.Match[str]) -> bool:
    """Not "the minutes of the meeting" (a record), not the show "60 Minutes", not
    ages, not "these days"."""
    nxt = next_word(text, m.end()).lower()
    unit = m.group("u")
    if unit[0].isupper() and not unit.isupper() and not _sentence_start(text, m.start()):
        return False
    prev = [w.lower() for w in prev_words(text, m.start())]
    if unit.lower() == "minutes" and _meeting_record(text, m, nxt.lower(), prev):
        return False
    if text[m.start() - 1:m.start()] == "-":
        return False  # "after-hours trading"
    if prev and prev[0] in _NOT_A_SPAN:
        return False  # "these days", "the early hours", "longer hours", "evening hours", "snow days"
    if nxt in ("old", "olds", "of") and not m.group(0).lower().startswith("the"):
        return nxt == "of" and re.match(r"\s+of\s+(?!age)", text[m.end():m.end() + 8]) is not None
    return True


def _meeting_record(text: str, m: re.Match[str], nxt: str, prev: list[str]) -> bool:
    """"the minutes of the meeting", "minutes from its meeting showed", "the minutes, released
    at 09:30": the record of a meeting, not a stretch of time ("within minutes", "the minutes
    after the blast")."""
    if nxt in _MINUTES_GO_ON or (prev and prev[0] in _MINUTES_BEFORE):
        return False
    if nxt == "of" and (m.group(0).lower().startswith("the") or prev == ["the"] or _sentence_start(text, m.start())):
        return True
    return _RECORD_WORD.match(text, m.end(), min(len(text), m.end() + 50)) is not None


# what follows "minutes" counted as time: "minutes later", "minutes after the blast", "minutes to spare"
_MINUTES_GO_ON = frozenset("later earlier after before ago apart away long left passed elapsed into".split())
_MINUTES_BEFORE = frozenset("for within in just only mere few several some took take takes taking lasted".split())
_RECORD_WORD = re.compile(r"(?:\W+\w+){0,5}?\W+(?:meetings?|released|published|showed|shows|show|revealed|"
                          r"to\s+be\s+(?:released|published))\b", re.I)


# words before a bare "hours" or "days" that make them a kind, not a stretch of time
_NOT_A_SPAN = frozenset("these those old early dog glory salad many few several some longer shorter evening "
                        "opening working office business visiting extra flexible free school snow sick unsocial "
                        "peak".split())


def overnight_ok(text: str, m: re.Match[str]) -> bool:
    """"overnight" as an adverb of a night: not before the noun it qualifies ("an overnight
    rally", "the overnight rate"), not a way of saying suddenly ("did not happen overnight",
    "changed almost overnight")."""
    if _attributive(text, m.end()):
        return False
    clause = re.split(r"[.;!?,]\s", text[max(0, m.start() - 80):m.start()])[-1].lower()
    words = re.findall(r"[a-z']+", clause)
    return not (set(words) & _NOT_A_NIGHT or words and words[-1] in _SUDDENLY)


_NOT_A_NIGHT = frozenset("not n't never won't didn't doesn't don't cannot can't".split())
_SUDDENLY = frozenset("happen happens happened come comes came change changes changed disappear disappeared "
                      "vanish vanished become becomes became almost virtually practically seemingly literally "
                      "transformed succeed succeeded success".split())


def now_ok(text: str, m: re.Match[str]) -> bool:
    """"as soon as" is a conjunction; "future earnings" an adjective, not FUTURE_REF;
    "soon after the coup" counts from an event, not from now; "the future of the
    alliance" is its fate, not a time."""
    word = m.group(0).lower()
    if word == "soon":
        before = text[max(0, m.start() - 4):m.start()].lower()
        if next_word(text, m.end()).lower() in ("after", "before", "afterwards", "afterward", "thereafter"):
            return False
        return not before.endswith("as ") or text[m.end():m.end() + 12].lower().startswith(" as possible")
    if word.endswith("future") and next_word(text, m.end()).lower() == "of":
        return False
    if word == "future":
        return not _attributive(text, m.end())
    return True


def _attributive(text: str, pos: int) -> bool:
    """Followed by the noun it modifies: "future payments", "quarterly dividend"."""
    nxt = next_word(text, pos)
    return nxt.isalpha() and nxt.islower() and nxt not in _NOT_NOUNS


_NOT_NOUNS = frozenset("""and or but in on at for to by since from with than as is are was were will would
could may might should has have had be been that which who when if after before until because so
the a an of into through during about against over under again""".split())


def adverb_ok(text: str, m: re.Match[str]) -> bool:
    """"quarterly dividend" is a kind of dividend, not a recurrence to annotate
    ("daily newspaper", "weekly address" are annotated as sets); "the Daily
    Telegraph" is a name, and so is the paper in "the daily Bild", "the daily said"."""
    word = m.group("w")
    if word[0].isupper() and not word.isupper() and not _sentence_start(text, m.start()):
        return False
    if _GROWTH_RATE.search(text, max(0, m.start() - 20), m.start()):
        return False  # "grow 6% annually": a rate of growth, not something that recurs
    if word.lower() in ("daily", "weekly") and _PAPER.match(text, m.end()):
        return False  # the newspaper: "the daily Bild", "the daily said", "the economic daily reported"
    if word.lower() == "quarterly" and re.match(r"\s+of\s", text[m.end():m.end() + 5]):
        return False  # "declared a regular quarterly of 12 cents": the dividend itself
    return word.lower() != "quarterly" or not _attributive(text, m.end())


# what follows "daily" or "weekly" the newspaper: its name (not a weekday's or a month's), or its words
_PAPER = re.compile(r"\s+(?:(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    r"[a-z]*\b)[A-Z][a-z]|(?:said|says|reported|reports|wrote|writes|quoted|added|cited|claimed)\b)"
                    r"|\s*[,.;]\s+(?:said|quoting|citing|reported)\b")
_GROWTH_RATE = re.compile(r"(?:\d\s*%|\bper\s*cent|\bpercent)\s+$", re.I)


def _sentence_start(text: str, pos: int) -> bool:
    return re.search(r"(?:^|[.!?:\"'`]\s*|\n\s*)$", text[max(0, pos - 4):pos]) is not None


def spelled_year_ok(text: str, m: re.Match[str]) -> bool:
    """"nineteen ninety-six" is a year; "two thousand" alone is a count."""
    return m.group(0).lower().startswith(("the year", "nineteen", "eighteen"))


_YEAR_NAMED = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:this|last|next)\s+year\b", re.I)
_BUSINESS = re.compile(r"%|\b(?:percent|per cent|profits?|loss|losses|growth|sales|revenues?|margins?|prices|"
                       r"inflation|demand|turnover|orders|spending|investment|unemployment|"
                       r"earnings|forecasts?|economy|output|exports|imports|cash flow|deficit)\b", re.I)


def half_ok(text: str, m: re.Match[str]) -> bool:
    """"the first half of 2020" and "first-half profit" are halves of a year; a bare
    "the second half" is as often a match's, and is a year's only in a sentence on
    money or the economy that names the year or follows one that does ("a forecast
    for 2013 … in the second half. It reported a loss in the first half.", "The stock has
    gained 31% this year. Revenue for the first half rose 12%")."""
    if m.group("y") or m.group("rel") or m.group("yy") or "-" in m.group(0):
        return True
    start = _sentence_bounds(text, m.start())
    previous = _sentence_bounds(text, len(text[:start].rstrip()) - 1) if start > 0 else start
    end = re.search(r"[.!?](?:\s|$)", text[m.end():])
    sentence = text[start:m.end() + (end.end() if end else 0)]
    return bool(_BUSINESS.search(sentence)) and bool(_YEAR_NAMED.search(text[previous:m.end()]))


def _sentence_bounds(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts: after the last full stop before it."""
    stops = list(re.finditer(r"[.!?][\"')\]]*\s+", text[max(0, pos - 600):pos]))
    return max(0, pos - 600) + stops[-1].end() if stops else max(0, pos - 600)


def title_ok(text: str, m: re.Match[str]) -> bool:
    """Not a title or a name: ABC's "This Week", "USA Today", the film "High Noon", "Midnight Oil"."""
    words = m.group(0).split()
    before = text[max(0, m.start() - 12):m.start()]
    if len(words) > 1 and all(w[:1].isupper() for w in words) and re.search(r"[\"'`]\s*$", before):
        return False  # a quoted title in Title Case
    prev = prev_words(text, m.start())
    if words[0] == "Today" and prev and prev[0].isupper() and prev[0].isalpha() and 2 <= len(prev[0]) <= 5 \
            and not re.search(r"[.!?:;,\"'`]\s*$", before):
        return False  # "USA Today", "VOA Today"
    if words[0] in ("Midnight", "Noon", "Midday") and not _sentence_start(text, m.start()) \
            and re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
        return False  # the band "Midnight Oil", the yacht "Midnight Rambler"
    return not (m.group(0).lower().startswith("noon") and prev and prev[0].lower() == "high")


def the_year_ok(text: str, m: re.Match[str]) -> bool:
    """Not a name: "the Year of the Woman", "Person of the Year"."""
    year = re.search(r"year", m.group(0), re.I)
    return not (year and year.group(0)[0].isupper() and not _sentence_start(text, m.start()))


def calendar_quarter(text: str, m: re.Match[str]) -> bool:
    """"the July-September quarter" names a calendar quarter; "the February-April period"
    does not, and its months stand on their own."""
    first, last = month_number(m.group("m1")), month_number(m.group("m2"))
    return bool(first and last and first % 3 == 1 and last == first + 2)
