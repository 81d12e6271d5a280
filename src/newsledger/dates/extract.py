"""Finding time expressions in an article: run the grammar, keep the longest of
overlapping matches, widen spans by "early"/"mid-"/"the end of", then resolve in
text order so that "that day" and "the quarter" can look back.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from . import calendar as cal
from .absolute import RESOLVERS as ABSOLUTE
from .context import Context, Resolved
from .durations import RESOLVERS as DURATIONS
from .patterns import RULES, RULES_BY_FIRST_WORD
from .relative import RESOLVERS as RELATIVE

RESOLVERS = {**ABSOLUTE, **RELATIVE, **DURATIONS}
_MISSING = sorted({r.name for r in RULES} - set(RESOLVERS))
if _MISSING:  # a grammar rule without a resolver is a programming error: fail at import
    raise RuntimeError(f"newsledger.dates: grammar rules {_MISSING} have no resolver; add one to RESOLVERS")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    priority: int
    rule: str
    match: re.Match[str]
    checked: bool  # False when the rule's own check rejected it (spaCy may overrule)
    mod: str | None = None


_TOKEN = re.compile(r"[A-Za-z]+|\d+|'")


def find_candidates(text: str, *, exhaustive: bool = False) -> list[Candidate]:
    """Every match of every rule, with the verdict of the rule's check.

    Rules are tried only at words they can begin with (RULES_BY_FIRST_WORD);
    `exhaustive` scans the whole text with every rule instead, which tests use
    to show that the dispatch loses nothing."""
    found = []
    if exhaustive:
        for priority, rule in enumerate(RULES):
            for m in rule.regex.finditer(text):
                if m.end() > m.start() and not (m.start() and text[m.start() - 1].isalnum()
                                                and text[m.start()].isalnum()):
                    ok = rule.check is None or rule.check(text, m)
                    found.append(Candidate(m.start(), m.end(), priority, rule.name, m, ok))
        return found
    seen: set[tuple[int, int, int]] = set()
    for tok in _TOKEN.finditer(text):
        word = tok.group()
        key = "#" if word[0].isdigit() else word.lower()
        rules = RULES_BY_FIRST_WORD.get(key)
        if not rules:
            continue
        pos = tok.start()
        if pos and (text[pos - 1].isalnum() and word != "'"):
            continue  # inside a word ("1990s" splits into "1990" and "s")
        for priority, rule in rules:
            hit = rule.regex.match(text, pos)
            if hit is None or hit.end() == pos or (priority, pos, hit.end()) in seen:
                continue
            seen.add((priority, pos, hit.end()))
            ok = rule.check is None or rule.check(text, hit)
            found.append(Candidate(hit.start(), hit.end(), priority, rule.name, hit, ok))
    return found


def select(candidates: list[Candidate], length: int) -> list[Candidate]:
    """Longest first, then earlier rule; a chosen span blocks every overlapping one."""
    taken = bytearray(length)
    chosen = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if not any(taken[c.start:c.end]):
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


# "early 1990", "mid-2019", "late November", "the end of 1994", "the beginning of October"
_LEFT_MOD = re.compile(r"(?:(?P<pos>early|mid|late)[\s-]+|(?P<pos2>mid|end)-|(?P<phrase>the\s+(?:end|beginning|start"
                       r"|middle|close|turn)\s+of)\s+)$", re.I)
_PHRASE_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID",
               "turn": "START"}
_WIDEN = frozenset({"year", "month", "month_year", "md", "mdy", "quarter", "rel_unit", "season_year",
                    "fy", "spelled_year", "weekday", "deictic", "half", "quarter_rel", "decade"})


def widen(text: str, chosen: list[Candidate]) -> None:
    """Take a position modifier into the span and record its TimeML mod."""
    prev_end = 0
    for c in chosen:
        if c.rule in _WIDEN and not c.match.groupdict().get("pos"):
            m = _LEFT_MOD.search(text, max(prev_end, c.start - 24), c.start)
            if m and m.end() == c.start:
                pos = (m.group("pos") or m.group("pos2") or "").lower()
                if m.group("phrase"):
                    c.mod = _PHRASE_MOD[m.group("phrase").split()[1].lower()]
                else:
                    c.mod = {"early": "START", "mid": "MID", "late": "END", "end": "END"}[pos]
                c.start = m.start()
        prev_end = c.end


_NAMED_EVENT = re.compile(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z]")
# rules whose lexical check spaCy's DATE/TIME entities may overrule
READMITTED = frozenset({"month", "season"})


def spacy_verdicts(doc: Any, candidates: list[Candidate]) -> None:
    """Let the parse overrule the lexical checks: a month or weekday word tagged as
    a modal or verb ("may sign", "march on") or inside a PERSON/ORG name is out; a
    match the checks rejected but spaCy calls DATE/TIME is in."""
    dated = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for c in candidates:
        if c.rule in ("month", "weekday", "season", "year"):
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            if span is None:
                continue
            head = span[-1] if c.rule != "year" else span.root
            named = head.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART")
            if named and c.rule == "weekday" and not _name_goes_on(doc, head):
                named = False  # "travel to Tromso Saturday": a place run into the day, not "the Sunday Times"
            if head.tag_ == "MD" or head.pos_ == "VERB" or named:
                c.checked = False
                continue
        if not c.checked and c.rule in READMITTED and any(s <= c.start and c.end <= e for s, e in dated) \
                and not _NAMED_EVENT.match(doc.text, c.end):
            c.checked = True  # "May" in a DATE entity is the month after all; "March for Life" is not


def _name_goes_on(doc: Any, token: Any) -> bool:
    """Whether the name `token` stands in goes on after it ("Sunday Times", "Monday Night Football")."""
    return token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"


def find(text: str, ref: dt.date | None, *, doc: Any = None) -> list[tuple[Candidate, Resolved]]:
    """(span, resolution) pairs in text order."""
    candidates = find_candidates(text)
    if doc is not None:
        spacy_verdicts(doc, candidates)
    chosen = select([c for c in candidates if c.checked], len(text))
    widen(text, chosen)
    ctx = Context(text, ref, doc)
    out = []
    for c in chosen:
        resolved = RESOLVERS[c.rule](c.match, ctx)
        if resolved is None:
            continue
        if c.mod and not resolved.mod:
            resolved.mod = c.mod
        resolved = day_around(text, c, resolved)
        named_quarter = c.rule in ("quarter", "quarter_q") and not c.match.groupdict().get("ago")
        spoke_of_quarter = c.rule == "quarter_rel" and "quarter" in c.match.group(0).lower()  # not "period"
        quarter = quarter_ended(text, c.start, resolved.value) if not ctx.fiscal_quarters(c.start) else None
        if quarter:  # "the three months to June": the quarter is what "a year earlier" compares with
            ctx.remember(quarter, c.end, named_quarter=True, named=True)
        elif resolved.antecedent:
            ctx.remember(resolved.value, c.end, named_quarter, spoke_of_quarter,
                         c.rule in ("month", "month_year", "year"))
        tails = day_tail(text, c, resolved, chosen) if c.rule in ("md", "dm") else []
        out.extend(t for t in tails if t[0].start < c.start)
        out.append((c, resolved))
        out.extend(t for t in tails if t[0].start > c.start)
    return join_durations(text, out)


# "the day after Christmas", "the week before Christmas", "the day before last Tuesday"
_AROUND = re.compile(r"\bthe\s+(?P<u>day|week)\s+(?P<side>before|after)\s+$", re.I)


def day_around(text: str, c: Candidate, resolved: Resolved) -> Resolved:
    """A day counted from the day named right after it is one expression with it: "the day
    after Christmas" is 2012-12-26, "the week before Christmas" the week before its week.
    Widens `c` to take the words in."""
    m = _AROUND.search(text, max(0, c.start - 20), c.start)
    day = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", resolved.value)
    if m is None or m.end() != c.start or day is None or resolved.type != "DATE":
        return resolved
    named = dt.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
    step = 1 if m.group("side").lower() == "after" else -1
    c.start = m.start()
    if m.group("u").lower() == "day":
        return Resolved("DATE", cal.day_value(named + dt.timedelta(days=step)), resolved.mod, resolved.anchored)
    return Resolved("DATE", cal.week_value(named + dt.timedelta(days=7 * step)), resolved.mod, resolved.anchored)


# "the three months to June", "the quarter that ended Sept. 30" (not "the fourth quarter ended Aug. 26",
# a fiscal quarter named by its number)
_THREE_MONTHS_TO = re.compile(r"\b(?:three\s+months|(?<!first\s)(?<!second\s)(?<!third\s)(?<!fourth\s)quarter)"
                              r"\s*,?\s+(?:to|ended|ending|(?:that|which)\s+ended|through)\s+(?:on\s+)?$", re.I)


def quarter_ended(text: str, start: int, value: str) -> str | None:
    """The quarter that "the three months to June" (or "the quarter that ended June 30") spans,
    named by the month or day at `start` that ends it ("2013-Q2")."""
    m = re.fullmatch(r"(\d{4})-(03|06|09|12)(?:-\d\d)?", value)
    if m and _THREE_MONTHS_TO.search(text[max(0, start - 40):start]):
        return f"{m.group(1)}-Q{int(m.group(2)) // 3}"
    return None


# the slots of an ISO 8601 duration, largest first; weeks do not mix with the rest
_DURATION_PARTS = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
# "two hours and 17 minutes", "1 hour 26 minutes", "one hour, 16 minutes and 39 seconds"
_DURATION_JOINT = re.compile(r"(?:\s*,)?\s+(?:and\s+)?")
# what makes the last part no part: a list of choices ("one year, 68 days or two months"),
# a rate ("for 20 years, five days a week")
_NOT_A_PART = re.compile(r",?\s+(?:or\b|(?:a|an|per|each|every)\s+(?:day|week|month|year)\b)", re.I)


def _duration_slots(value: str) -> list[int | None] | None:
    m = _DURATION_PARTS.fullmatch(value)
    if m is None or value in ("P", "PT"):
        return None
    return [int(g) if g is not None else None for g in m.groups()]


def _duration_text(slots: list[int | None]) -> str:
    date = "".join(f"{n}{u}" for n, u in zip(slots[:3], "YMD") if n is not None)
    time = "".join(f"{n}{u}" for n, u in zip(slots[3:], "HMS") if n is not None)
    return "P" + date + (f"T{time}" if time else "")


def join_durations(text: str, found: list[tuple[Candidate, Resolved]]) -> list[tuple[Candidate, Resolved]]:
    """One duration of several units is one expression: "three years and four months"
    is P3Y4M, "1 hour 26 minutes and 43 seconds" PT1H26M43S. Parts join only from the
    larger unit to the smaller, each a counted amount ("several days" stays apart),
    and not where the last part opens a list of choices ("one year, 68 days or two
    months") or is a rate ("for 20 years, five days a week")."""
    out: list[tuple[Candidate, Resolved]] = []
    for c, r in found:
        if out and r.type == "DURATION" and out[-1][1].type == "DURATION" and not r.mod:
            pc, pr = out[-1]
            joint = _DURATION_JOINT.fullmatch(text, pc.end, c.start)
            before, after = _duration_slots(pr.value), _duration_slots(r.value)
            if joint and before and after and not _NOT_A_PART.match(text, c.end):
                last = max(i for i, n in enumerate(before) if n is not None)
                first = min(i for i, n in enumerate(after) if n is not None)
                if last < first:
                    slots = [a if a is not None else b for a, b in zip(before, after)]
                    whole = Candidate(pc.start, c.end, pc.priority, "duration_sum", pc.match, True, pc.mod)
                    out[-1] = (whole, Resolved("DURATION", _duration_text(slots), pr.mod, pr.anchored))
                    continue
        out.append((c, r))
    return out


# the other days of "April 24 and 25", "March 25-26", "April 16, 17 and 18": dates of their own, in
# the same month. A comma joins a day only in a list that "and" or "or" closes ("March 5, 12 people").
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
_DAY_NEXT = re.compile(r"\s*(?P<j>,\s*(?:and|or)\s+|,|-|\u2013|and|or|to|through)\s*" + _DAY +
                       r"(?![\d:/%-]|[.,]\d|\s*(?:percent|per\s+cent|million|billion|a\.m|p\.m|am\b|pm\b|[A-Z]))")
# the days before "9 and 10 January", "2, 3 and 4 March": read backwards from the named day
_DAY_BEFORE = re.compile(r"(?<![\d.,$£€])" + _DAY + r"(?P<j>\s*,\s*(?:and|or)\s+|\s*,\s*|\s+and\s+|\s+or\s+|"
                         r"\s*-\s*|\s*\u2013\s*|\s+to\s+)$")


def day_tail(text: str, c: Candidate, resolved: Resolved,
             chosen: list[Candidate]) -> list[tuple[Candidate, Resolved]]:
    """The days listed with a month-day date, each its own DATE: after it for "April 16, 17
    and 18", before it for "9 and 10 January"."""
    if not re.fullmatch(r"[\dX]{4}-\d\d-\d\d", resolved.value):
        return []
    named = int(resolved.value[8:10])
    days: list[re.Match[str]] = []
    if c.rule == "md":
        pos, last = c.end, named
        while (m := _DAY_NEXT.match(text, pos)) and last < int(m.group("d")) <= 31:
            days.append(m)
            pos, last = m.end(), int(m.group("d"))
        while days and days[-1].group("j").strip() == ",":
            days.pop()  # "March 5, 12 people": no "and" closes it, so no list
    else:
        end, first = c.start, named
        while (m := _DAY_BEFORE.search(text, max(0, end - 12), end)) and 0 < int(m.group("d")) < first \
                and (m.group("j").strip() != "," or days):
            days.insert(0, m)
            end, first = m.start(), int(m.group("d"))
    out = []
    for m in days:
        if any(o.start < m.end("d") and m.start("d") < o.end for o in chosen):
            return []
        value = f"{resolved.value[:8]}{int(m.group('d')):02d}"
        if resolved.value[0].isdigit() and cal.safe_date(int(value[:4]), int(value[5:7]), int(m.group("d"))) is None:
            return []
        tail = Candidate(m.start("d"), m.end("d"), c.priority, "day_tail", m, True)
        out.append((tail, Resolved("DATE", value, None, resolved.anchored)))
    return out
