"""Questions answered from the ledger's facts, every statement with its citations.

    answer = ask(ledger, "What has India bought from Russia since 2018?")
    print(answer.text)          # statements, each ending in [n]
    answer.citations[0]         # article id, date, source, evidence sentence

No language model is needed: the question is read with the knowledge base,
the date resolver and the event schema (`question.py`), and the answer is
assembled from facts. When no fact answers it, the answer says so and shows
the most relevant evidence sentences (full-text search, BM25) — never a guess.
An OpenAI-compatible endpoint can rephrase the answer (`llm.py`), keeping the
citations; it is optional and never required.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsledger.ask.question import Question, parse_question
from newsledger.facts import fact_outlines, in_full
from newsledger.kb import KnowledgeBase
from newsledger.link import linker_for

if TYPE_CHECKING:
    from newsledger.ledger import Ledger

__all__ = ["ask", "Answer", "Citation", "parse_question"]


@dataclass(slots=True)
class Citation:
    n: int
    article_id: str
    published: str | None
    source: str | None
    title: str | None
    evidence: str


@dataclass(slots=True)
class Answer:
    question: str
    found: bool
    statements: list[dict[str, Any]] = field(default_factory=list)  # {"text", "fact_id", "citations": [n]}
    citations: list[Citation] = field(default_factory=list)
    parsed: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        if not self.found:
            head = "Not in the ledger: no fact answers this question."
            if self.statements:
                head += " The most relevant evidence it has:"
        else:
            head = ""
        lines = [head] if head else []
        for s in self.statements:
            marks = "".join(f"[{n}]" for n in s["citations"])
            lines.append(f"- {s['text']} {marks}".rstrip())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "found": self.found,
            "answer": self.text,
            "statements": self.statements,
            "citations": [_citation_dict(c) for c in self.citations],
            "parsed": self.parsed,
        }


def _citation_dict(c: Citation) -> dict[str, Any]:
    return {"n": c.n, "article_id": c.article_id, "published": c.published, "source": c.source, "title": c.title, "evidence": c.evidence}


def ask(ledger: Ledger, text: str, *, today: dt.date | None = None) -> Answer:
    kb = ledger.kb
    question = parse_question(text, kb, linker_for(kb), today=today)
    facts = in_full(ledger, _select(ledger, question))  # chosen from outlines, read in full
    answer = Answer(text, bool(facts), parsed=_parsed(question))
    if not facts:
        _fallback(ledger, question, answer)
        return answer
    cited: dict[tuple[str, int], int] = {}
    for fact in facts:
        numbers = []
        for article_id, evidence in _evidence(ledger, fact):
            key = (article_id, hash(evidence))
            if key not in cited:
                row = ledger.store.query("SELECT published, source, title FROM article WHERE id = ?", (article_id,))
                meta = row[0] if row else {"published": None, "source": None, "title": None}
                cited[key] = len(answer.citations) + 1
                answer.citations.append(Citation(cited[key], article_id, meta["published"], meta["source"], meta["title"], evidence))
            numbers.append(cited[key])
        answer.statements.append({"text": describe(fact, question), "fact_id": fact["id"], "citations": numbers})
    return answer


def _parsed(q: Question) -> dict[str, Any]:
    return {"type": q.type, "intent": q.intent, "entities": q.entities, "roles": q.roles, "category": q.category,
            "since": q.since, "until": q.until, "places": q.places}


# -- choosing facts ------------------------------------------------------------------------


def _ids(value: Any) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {v.get("id") for v in values if isinstance(v, dict) and v.get("id")}


def _select(ledger: Ledger, q: Question) -> list[dict[str, Any]]:
    kb = ledger.kb
    if q.intent == "happened":
        return _at_places(ledger, q)
    anchor = _anchor(kb, q)
    candidates = fact_outlines(ledger, type=q.type, entity_ids=anchor, sources=True)
    chosen = []
    for fact in candidates:
        if not _matches(kb, fact, q):
            continue
        chosen.append(fact)
    if q.intent == "disagreements":
        disputed = [f for f in chosen if f["contradictions"]]
        # no disagreement is an answer too: the facts with several sources, all agreeing
        chosen = disputed or [f for f in chosen if len(f["sources"]) > 1]
    if q.intent == "latest" and chosen:
        if q.past:  # "when did they last meet": what has happened, not what is planned
            chosen = [f for f in chosen if f.get("status") not in ("planned", "expected", "target")] or chosen
        chosen = [max(chosen, key=lambda f: (f.get("date") or "", f.get("last_reported") or ""))]
    if q.intent == "status" and chosen:
        chosen = sorted(chosen, key=lambda f: (len(f["sources"]), f.get("last_reported") or ""), reverse=True)[:1]
    return chosen


def _anchor(kb: KnowledgeBase, q: Question) -> frozenset[str] | None:
    """KB ids of which every fact the question can match names at least one, or None.

    Lets the store find the candidates by index instead of reading every fact.
    It follows `_matches`: an arms transfer must have the recipient or supplier
    asked about, or else involve the states, organisations and systems named;
    any other fact must involve each entity named, a state through anything of
    its own (its leaders, its places, its weapons).
    """
    types = [q.type] if q.type else ["arms_transfer", "other"]
    for role in ("recipient", "supplier"):
        key = q.roles.get(role)
        if key and all(t == "arms_transfer" or key in _wanted(kb, q, t) for t in types):
            return _belonging(kb, key)
    for key in _wanted(kb, q, types[0]):
        if all(key in _wanted(kb, q, t) for t in types):
            return _belonging(kb, key)
    return None


def _belonging(kb: KnowledgeBase, key: str) -> frozenset[str]:
    entity = kb.get(key)
    return kb.belonging_to(key) if entity is not None and entity.type == "state" else frozenset({key})


_NAMED = {
    # what an arms transfer's roles can hold (a treaty or a minister is not bought or sold)
    "arms_transfer": ("state", "organisation", "weapon_system"),
    "other": ("state", "person", "organisation", "weapon_system", "law"),
}


def _wanted(kb: KnowledgeBase, q: Question, fact_type: str) -> list[str]:
    """The entities the question names that a fact of `fact_type` must involve."""
    kinds = _NAMED["arms_transfer" if fact_type == "arms_transfer" else "other"]
    return [e for e in q.entities if kb.get(e) is not None and kb.get(e).type in kinds]


def _state_of(kb: KnowledgeBase, key: str) -> str | None:
    entity = kb.get(key)
    return entity.state if entity is not None else None


def _matches(kb: KnowledgeBase, fact: dict[str, Any], q: Question) -> bool:
    roles = fact["roles"]
    date = fact.get("date") or ""
    if q.since and (not date or date[: len(q.since)] < q.since[: len(date)]):
        return False
    if q.until and date and date[: len(q.until)] > q.until[: len(date)]:
        return False
    if fact["type"] == "arms_transfer":
        for role in ("recipient", "supplier"):
            if role in q.roles and q.roles[role] not in _ids(roles.get(role)):
                return False
        if "item" in q.roles:
            family = {q.roles["item"]}
            entity = kb.get(q.roles["item"])
            if entity is not None and entity.data.get("family"):
                family.add(entity.data["family"])
            items = _ids(roles.get("item"))
            items |= {kb.get(i).data.get("family") for i in items if kb.get(i) and kb.get(i).data.get("family")}
            if not family & items:
                return False
        if q.category:
            items = [kb.get(i) for i in _ids(roles.get("item"))]
            if not any(e is not None and e.data.get("category") == q.category for e in items):
                return False
        if q.roles:
            return True
    # every entity the question names takes part (people stand for their states)
    involved: set[str] = set()
    for value in roles.values():
        for key in _ids(value):
            involved.add(key)
            state = _state_of(kb, key)
            if state:
                involved.add(state)
    wanted = _wanted(kb, q, fact["type"])
    return all(e in involved or (kb.get(e).type == "state" and e in involved) for e in wanted)


def _at_places(ledger: Ledger, q: Question) -> list[dict[str, Any]]:
    """Facts that took place at the place asked about, or somewhere within it."""
    kb = ledger.kb
    wanted = set(q.places)
    found = []
    for fact in fact_outlines(ledger, entity_ids=_places_around(kb, wanted), sources=True):
        place = fact["roles"].get("place")
        for key in _ids(place):
            chain = set()
            entity = kb.get(key)
            while entity is not None and entity.id not in chain:
                chain.add(entity.id)
                entity = kb.get(entity.data.get("within") or "")
            if chain & wanted or any((kb.get(w) and kb.get(w).data.get("within") == key) for w in wanted):
                found.append(fact)
                break
    return found


def _places_around(kb: KnowledgeBase, wanted: set[str]) -> set[str]:
    """The places `_at_places` accepts: those asked about, those within them, and those they lie in."""
    around = set(wanted)
    for entity in kb.entities():
        chain: set[str] = set()
        at: Any = entity
        while at is not None and at.id not in chain:
            chain.add(at.id)
            at = kb.get(at.data.get("within") or "")
        if chain & wanted:
            around.add(entity.id)
    for key in wanted:
        entity = kb.get(key)
        if entity is not None and entity.data.get("within"):
            around.add(entity.data["within"])
    return around


def _evidence(ledger: Ledger, fact: dict[str, Any]) -> list[tuple[str, str]]:
    """One evidence sentence per source article of a fact, earliest report first: the one naming most of the fact."""
    rows = ledger.store.query(
        """
        SELECT s.article_id, v.text FROM fact_source s JOIN event_evidence v ON v.event_pk = s.event_pk
        WHERE s.fact_id = ? ORDER BY s.published, s.article_id, v.start
        """,
        (fact["id"],),
    )
    names = [str(v.get("name", "")).lower() for value in fact["roles"].values() for v in (value if isinstance(value, list) else [value])
             if isinstance(v, dict) and v.get("name")]
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        text = row["text"].strip()
        score = sum(1 for n in names if n and n.split()[0] in text.lower())
        if row["article_id"] not in best or score > best[row["article_id"]][0]:
            best[row["article_id"]] = (score, text)
    return [(article_id, text) for article_id, (_, text) in best.items()]


def _fallback(ledger: Ledger, q: Question, answer: Answer) -> None:
    for n, hit in enumerate(ledger.search(" ".join(q.words) or q.text, limit=5), 1):
        row = ledger.store.query("SELECT source, title FROM article WHERE id = ?", (hit["article_id"],))
        answer.citations.append(Citation(n, hit["article_id"], hit["published"], row[0]["source"] if row else None,
                                         row[0]["title"] if row else None, hit["text"].strip()))
        answer.statements.append({"text": f"“{hit['text'].strip()}”", "fact_id": None, "citations": [n]})


# -- saying it -------------------------------------------------------------------------------


def _name(value: Any) -> str:
    if isinstance(value, list):
        names = [_name(v) for v in value]
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else (names[0] if names else "?")
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id"))
    return str(value)


def _money(value: float) -> str:
    return f"${value / 1e9:.3g} billion" if value >= 1e9 else f"${value / 1e6:.3g} million"


def describe(fact: dict[str, Any], q: Question | None = None) -> str:
    """One sentence for a fact, in the words of the ledger."""
    r = fact["roles"]
    kind = fact["type"]
    when = fact.get("date")
    status = (fact.get("status") or "").replace("_", " ")
    if kind == "arms_transfer":
        quantity = f"{r['quantity']:,} " if r.get("quantity") else ""
        item = _name(r["item"]) if r.get("item") else "arms"
        text = f"{_name(r.get('recipient'))} — {quantity}{item} from {_name(r.get('supplier', {'name': 'an unnamed supplier'}))}"
        if status:
            text += f", {status}"
        if r.get("value_usd"):
            text += f", {_money(r['value_usd'])}"
        if when:
            text += f" ({when})"
        if r.get("delivery_date"):
            text += f"; delivery {r['delivery_date']}"
        if fact.get("last_reported") and fact["history"] and len(fact["history"]) > 1:
            text += f"; as of {fact['last_reported']}: {fact['history'][-1]['summary']}"
        if q is not None and q.intent == "status" and fact["history"]:
            text += ". History: " + "; ".join(f"{h['as_of']}: {h['summary']}" for h in fact["history"])
    elif kind == "meeting":
        mode = {"phone": "spoke by phone", "video": "held a video call"}.get(r.get("mode", ""), "met")
        if r.get("status") == "planned":
            mode = {"phone": "are to speak by phone", "video": "are to hold a video call"}.get(r.get("mode", ""), "are to meet")
        text = f"{_name(r.get('participants', []))} {mode}"
        if r.get("place"):
            text += f" in {_name(r['place'])}"
        if when:
            text += f" on {when}" if len(when) == 10 else f" in {when}"
    elif kind == "armed_clash":
        text = f"Clash between {_name(r.get('parties', []))}"
        if r.get("place"):
            text += f" in {_name(r['place'])}"
        if when:
            text += f" ({when})"
        if r.get("killed"):
            text += "; killed: " + ", ".join(f"{k} {v}" for k, v in r["killed"].items())
    elif kind == "sanction":
        text = f"{_name(r.get('sender'))} {status or 'sanctions'} sanctions on {_name(r.get('target'))}"
        if r.get("instrument"):
            text += f" under {_name(r['instrument'])}"
    elif kind == "agreement":
        text = f"{_name(r.get('parties', []))}: agreement on {r.get('topic', '?')}, {status or 'reported'}"
        if r.get("valid_until"):
            text += f", valid until {r['valid_until']}"
        if when:
            text += f" ({when})"
    elif kind == "deployment":
        text = f"{_name(r.get('actor'))} deployed {_name(r.get('item'))}"
        if r.get("place"):
            text += f" in {_name(r['place'])}"
    elif kind == "trade":
        text = f"{_name(r.get('parties', []))}: {r.get('kind', 'trade').replace('_', ' ')} {'target' if status == 'target' else 'of'} {_money(r['value_usd']) if r.get('value_usd') else '?'}"
        if when:
            text += f" ({when})"
    else:
        text = f"{kind}: {r}"
    if q is not None and q.intent == "disagreements" and not fact["contradictions"]:
        text += f". Its {len(fact['sources'])} sources agree"
    if fact["contradictions"]:
        parts = []
        for c in fact["contradictions"]:
            sides = " vs ".join(f"{_name(s['value']) if not isinstance(s['value'], (int, float)) else (_money(s['value']) if c['role'] == 'value_usd' else s['value'])} ({', '.join(s['sources'])})" for s in c["sides"])
            parts.append(f"{c['role']}: {sides}")
        text += ". Sources disagree on " + "; ".join(parts)
    return text
