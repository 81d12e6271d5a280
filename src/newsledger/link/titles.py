"""Titles: "Russian President Vladimir Putin", "the Indian Prime Minister", "President Xi".

A title after a state ("Russian President", "Russia's Deputy Prime Minister")
names the office holder on the article's date when no name follows; when a
name follows, the name decides and the title joins its span. A title before a
known name ("Prime Minister Narendra Modi") joins that name's span. A title
before a surname that several people in the knowledge base share, or that is
no alias of anyone ("President Bush", "Chancellor Scholz"), names the one of
them who held that office on the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from newsledger.kb import KnowledgeBase
from newsledger.link.gazetteer import Match

if TYPE_CHECKING:
    from newsledger.link import Mention

# (pattern, roles, title filter): longest titles first, so "deputy prime minister" is not "prime minister".
_TITLES: list[tuple[str, tuple[str, ...], str | None]] = [
    (r"deputy prime minister|deputy premier|vice[- ]premier", ("deputy_head_of_government",), None),
    (r"prime minister|premier|pm", ("head_of_government",), None),
    (r"chancellor", ("head_of_government",), "Chancellor"),
    (r"foreign secretary", ("foreign_secretary", "foreign_minister"), None),
    (r"(?:foreign|external affairs) minister|minister (?:of|for) (?:foreign|external) affairs|secretary of state", ("foreign_minister",), None),
    (r"defen[cs]e minister|minister of (?:national )?defen[cs]e|defen[cs]e secretary|secretary of defen[cs]e", ("defence_minister",), None),
    (r"national security advis[eo]r", ("national_security_adviser",), None),
    (r"supreme leader", ("head_of_state",), "Supreme Leader"),
    (r"crown prince", ("head_of_state", "other", "deputy_head_of_government", "defence_minister"), "Crown Prince"),
    (r"king|queen|emir|sultan", ("head_of_state",), None),
    (r"president", ("head_of_state", "head_of_government"), "President"),
    (r"leader", ("head_of_state",), None),
]
_TITLE_RE = "|".join(f"(?:{p})" for p, _, _ in _TITLES)
# After a state: "Russian President", "Russia's Deputy Prime Minister", "US president"
_AFTER_STATE = re.compile(rf"^(?:['’]s)?\s+(?P<title>{_TITLE_RE})\b", re.I)
# Before a name: "President Putin", "Prime Minister Narendra Modi,"
_BEFORE_NAME = re.compile(rf"\b(?P<title>{_TITLE_RE})\s+$", re.I)
_NOT_CURRENT = re.compile(r"\b(?:former|ex|late|then|previous|vice|deputy|acting|future|next)[\s-]+$", re.I)
_NAME_NEXT = re.compile(r"^[\s,]{0,3}(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+")


def _roles(title: str) -> tuple[tuple[str, ...], str | None]:
    for pattern, roles, title_filter in _TITLES:
        if re.fullmatch(pattern, title, re.I):
            return roles, title_filter
    return (), None


def find_title(kb: KnowledgeBase, text: str, matches: list[Match], i: int, day: dt.date | None) -> tuple[Mention, set[int]] | None:
    """A person mention made of the title around match `i`, and the matches it used; or None."""
    from newsledger.link import Mention

    match = matches[i]
    types = {kb.by_id[s.entity_id].type for s in match.surfaces}
    nxt = matches[i + 1] if i + 1 < len(matches) else None

    if "state" in types and any(s.how in ("name", "alias", "demonym") for s in match.surfaces):
        m = _AFTER_STATE.match(text[match.end : match.end + 60])
        if not m:
            return None
        title_end = match.end + m.end()
        state = next(s.entity_id for s in match.surfaces if kb.by_id[s.entity_id].type == "state")
        gap = text[title_end : nxt.start] if nxt is not None else None
        if nxt is not None and gap is not None and re.fullmatch(r"[\s,]{0,3}", gap):
            person = _person(kb, nxt)
            if person is not None:
                written = text[match.start : nxt.end]
                return Mention(match.start, nxt.end, written, "person", person, "name", 0.95), {i, i + 1}
        if _NAME_NEXT.match(text[title_end : title_end + 60]) and not text[title_end:title_end + 2].startswith(("'", "’")):
            return None  # a name we do not know follows: it, not the office, says who
        if day is None or _NOT_CURRENT.search(text[max(0, match.start - 12) : match.start]):
            return None
        roles, title_filter = _roles(m.group("title"))
        holders = kb.holders(state, roles, day, title=title_filter)
        if len(holders) != 1 and title_filter is None:
            holders = kb.holders(state, roles[:1], day)
        if len(holders) != 1:
            return None
        written = text[match.start : title_end]
        return Mention(match.start, title_end, written, "person", holders[0].id, "title", 0.85), {i}

    if "person" in types:
        m = _BEFORE_NAME.search(text[max(0, match.start - 40) : match.start])
        if not m:
            return None
        person = _person(kb, match)
        if person is None:
            return None
        start = match.start - (len(text[max(0, match.start - 40) : match.start]) - m.start())
        return Mention(start, match.end, text[start : match.end], "person", person, "name", 0.95), {i}
    return None


def _person(kb: KnowledgeBase, match: Match) -> str | None:
    people = [s.entity_id for s in match.surfaces if kb.by_id[s.entity_id].type == "person"]
    return people[0] if len(set(people)) == 1 else None


# "President Bush", "Chancellor Scholz": a title, then one capitalised word that ends the name
_TITLED_SURNAME = re.compile(rf"\b(?P<title>(?i:{_TITLE_RE}))\s+(?P<name>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\b(?![-'’]?\s*[A-Z][a-z])")


def titled_surnames(kb: KnowledgeBase, surnames: dict[str, list[str]], text: str, known: list[Mention],
                    day: dt.date | None) -> list[Mention]:
    """Persons named by a title and a surname alone, resolved by who held the office on `day`;
    they replace unlinked mentions of the same words."""
    from newsledger.link import Mention
    from newsledger.link.gazetteer import fold

    if day is None:
        return known
    linked = [m for m in known if m.entity_id is not None]
    found: list[Mention] = []
    for m in _TITLED_SURNAME.finditer(text):
        if m.group("title").lower() == "leader":
            continue  # "opposition leader Kim", "rebel leader Kabila": no office of a state
        start, end = m.start("name"), m.end("name")
        if any(k.start < end and start < k.end for k in linked):
            continue  # the gazetteer already knows this name (or the title)
        if _NOT_CURRENT.search(text[max(0, m.start() - 12): m.start()]):
            continue  # "former President Bush": not the office holder of the day
        roles, title_filter = _roles(m.group("title"))
        holders = [p for p in surnames.get(fold(m.group("name")), ())
                   if any(t.role in roles and t.holds_on(day) and (title_filter is None or title_filter.lower() in t.title.lower())
                          for t in kb.terms_of(p))]
        if len(holders) == 1:
            found.append(Mention(m.start(), end, text[m.start():end], "person", holders[0], "title", 0.9))
    if not found:
        return known
    kept = [k for k in known if not any(f.start < k.end and k.start < f.end for f in found)]
    return sorted(kept + found, key=lambda k: k.start)


# "the Clinton administration", "the Modi government", "the Assad regime": the state a leader's
# surname stands for, whoever of that name held the office and whenever
_ADMINISTRATION = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\s+(?:administration|government|regime|"
                             r"cabinet|White\s+House)\b(?!\s+(?:of|in)\b)")
_LEADER_ROLES = ("head_of_state", "head_of_government")


def administrations(kb: KnowledgeBase, surnames: dict[str, list[str]], text: str,
                    known: list[Mention]) -> list[Mention]:
    """States named by their leader's administration: "the Clinton administration imposed
    sanctions" is the United States acting. A surname whose leaders led more than one state
    names none; the mention replaces what else was found on the same words."""
    from newsledger.link import Mention
    from newsledger.link.gazetteer import fold

    found: list[Mention] = []
    for m in _ADMINISTRATION.finditer(text):
        states = {t.state for p in surnames.get(fold(m.group("name")), ()) for t in kb.terms_of(p)
                  if t.role in _LEADER_ROLES}
        if len(states) == 1:
            state = states.pop()
            found.append(Mention(m.start(), m.end(), m.group(0), "state", state, "metonym", 0.85))
    if not found:
        return known
    kept = [k for k in known if not any(f.start < k.end and k.start < f.end for f in found)]
    return sorted(kept + found, key=lambda k: k.start)
