"""Understanding a question offline: its entities, its time window and its intent.

The question is read with the same knowledge base and date resolution as the
articles; the intent is the event schema: which event type is asked about,
which role each named entity plays in it, and what kind of answer is wanted
(a list, the latest one, a status, disagreements, what happened at a place).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsledger.dates import find_timexes
from newsledger.kb import KnowledgeBase
from newsledger.link import Linker

# words that name an event type, checked in this order
_TYPE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("meeting", re.compile(r"\b(meet|met|meeting|summit|talks?|visit(ed|s)?|call(ed|s)?|phone|spoke|speak)\b", re.I)),
    ("sanction", re.compile(r"\b(sanction\w*|embargo\w*)\b", re.I)),
    ("agreement", re.compile(r"\b(agreement|treaty|pact|accord)s?\b", re.I)),
    ("armed_clash", re.compile(r"\b(clash\w*|fight\w*|battle\w*|skirmish\w*|killed)\b", re.I)),
    ("deployment", re.compile(r"\b(deploy\w*|station\w*)\b", re.I)),
    ("trade", re.compile(r"\btrade\b", re.I)),
    ("arms_transfer", re.compile(r"\b(b(uy|ought)|purchas\w*|acquir\w*|import\w*|order\w*|sell\w*|sold|suppl\w*|deliver\w*|export\w*|arms|weapons?|deal)\b", re.I)),
]
_SELLER_VERBS = re.compile(r"\b(sell\w*|sold|suppl\w*|deliver\w*|export\w*|arm(s|ing)?)\b", re.I)
_WHO = re.compile(r"^\s*who\b", re.I)
_LATEST = re.compile(r"\b(last|latest|most recent|recently)\b", re.I)
_STATUS = re.compile(r"\b(status|stage|state|progress|where does .* stand)\b", re.I)
_DISAGREE = re.compile(r"\b(disagree\w*|contradict\w*|conflict\w*|differ\w*|discrepanc\w*)\b", re.I)
_HAPPENED = re.compile(r"\bwhat (happened|took place|occurred)\b", re.I)
# "air defence systems" → the KB's weapon category
_CATEGORIES = {
    "air_defence": re.compile(r"\bair[- ]defen[cs]e|surface-to-air|\bsams?\b|anti-aircraft", re.I),
    "aircraft": re.compile(r"\b(aircraft|fighters?|jets?|planes?|helicopters?)\b", re.I),
    "ship": re.compile(r"\b(ships?|frigates?|submarines?|warships?|corvettes?|destroyers?)\b", re.I),
    "armoured_vehicle": re.compile(r"\b(tanks?|armou?red vehicles?)\b", re.I),
    "missile": re.compile(r"\bmissiles?\b", re.I),
    "artillery": re.compile(r"\b(artillery|howitzers?|guns?)\b", re.I),
    "small_arms": re.compile(r"\b(rifles?|small arms)\b", re.I),
}


@dataclass(slots=True)
class Question:
    text: str
    type: str | None
    intent: str  # list, latest, status, disagreements, happened
    entities: list[str] = field(default_factory=list)  # KB ids, in order of mention
    roles: dict[str, str] = field(default_factory=dict)  # role -> KB id ("recipient": "IN")
    category: str | None = None
    since: str | None = None
    until: str | None = None
    places: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # for full-text search
    past: bool = False  # "did", "met": about what has happened


def parse_question(text: str, kb: KnowledgeBase, linker: Linker, *, today: dt.date | None = None) -> Question:
    today = today or dt.date.today()
    mentions = [m for m in linker.link(text, day=today) if m.entity_id]
    entities = list(dict.fromkeys(m.entity_id for m in mentions if m.entity_id))
    kind = next((k for k, pattern in _TYPE_WORDS if pattern.search(text)), None)
    intent = "list"
    if _DISAGREE.search(text):
        intent = "disagreements"
    elif _HAPPENED.search(text):
        intent, kind = "happened", None
    elif _STATUS.search(text):
        intent = "status"
    elif _LATEST.search(text):
        intent = "latest"
    question = Question(text, kind, intent, entities)
    question.past = bool(re.search(r"\b(did|was|were|met|had|happened|bought|sold|signed)\b", text, re.I))
    question.places = [m.entity_id for m in mentions if m.type == "place" and m.entity_id]
    if kind == "arms_transfer":
        _arms_roles(text, question, mentions, kb)
        question.category = next((c for c, p in _CATEGORIES.items() if p.search(text)), None)
    for timex in find_timexes(text, today):
        value = timex.value[:10]
        before = text[max(0, timex.start - 12) : timex.start].lower()
        if not re.match(r"^\d{4}", value):
            continue
        if re.search(r"\b(since|after|from)\s*$", before):
            question.since = value
        elif re.search(r"\b(before|until|till|up to|by)\s*$", before):
            question.until = value
        elif re.search(r"\b(in|during|of)\s*$", before):
            question.since = question.until = value
    question.words = [w for w in re.findall(r"[A-Za-z0-9-]{3,}", text) if w.lower() not in _STOP]
    return question


def _arms_roles(text: str, q: Question, mentions: list, kb: KnowledgeBase) -> None:
    """Who buys and who sells: "What has India bought from Russia", "Who supplies X to India"."""
    states = [m for m in mentions if m.type in ("state", "person", "organisation")]
    for m in states:
        before = text[max(0, m.start - 6) : m.start].lower()
        state = kb.get(m.entity_id).state if kb.get(m.entity_id) else None
        if state is None:
            continue
        if before.endswith("from "):
            q.roles["supplier"] = state
        elif before.endswith(("to ", "for ")):
            q.roles["recipient"] = state
    items = [m.entity_id for m in mentions if m.type == "weapon_system"]
    if items:
        q.roles["item"] = items[0]
    rest = [kb.get(m.entity_id).state for m in states if kb.get(m.entity_id) and kb.get(m.entity_id).state not in q.roles.values()]
    if rest and "recipient" not in q.roles and "supplier" not in q.roles:
        seller = bool(_SELLER_VERBS.search(text)) and not re.search(r"\b(bought|buy|purchas\w*|acquir\w*|import\w*)\b", text, re.I)
        q.roles["supplier" if seller and not _WHO.search(text) else "recipient"] = rest[0]
    elif rest and "recipient" not in q.roles:
        q.roles["recipient"] = rest[0]


_STOP = {"what", "when", "where", "who", "which", "how", "has", "have", "had", "did", "does", "the", "and", "from", "since",
         "with", "about", "are", "was", "were", "its", "their", "for", "last", "status", "deal", "sources", "ledger"}
