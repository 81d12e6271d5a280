"""Events: typed happenings with roles, extracted from English articles.

    newsledger.events.v1   rules over the dependency parse, a trigger lexicon
                           (data/triggers.yaml) and knowledge-base-typed arguments

Each trigger word in a sentence proposes event mentions (`extract.py`,
`diplomacy.py`, `force.py`); the mentions of one real event in an article are
merged into one document-level event (`merge.py`).
"""

from __future__ import annotations

from typing import Any

from newsledger.events import syntax as sx
from newsledger.events.context import DocContext
from newsledger.events.diplomacy import agreement, meeting, trade
from newsledger.events.extract import Mention, arms_transfer
from newsledger.events.force import armed_clash, casualties, deployment, sanction
from newsledger.events.merge import merge
from newsledger.events.model import EXTRACTOR, Event, plover
from newsledger.kb import KnowledgeBase, load_kb
from newsledger.model import Document
from newsledger.pipeline import StageFn, stage

HANDLERS = (arms_transfer, agreement, meeting, armed_clash, casualties, sanction, deployment, trade)

__all__ = ["Event", "extract_events", "plover", "EXTRACTOR"]


def extract_events(doc: Document, kb: KnowledgeBase) -> list[Event]:
    """The document-level events of an analysed English document."""
    if doc.parse is None or not doc.is_english:
        return []
    ctx = DocContext(doc, kb)
    mentions: list[Mention] = []
    for token in ctx.sp:
        if token.pos_ not in ("VERB", "NOUN") and not sx.noun_like(token):
            continue  # names never trigger; a noun capitalised after a dateline ("BEIJING — Trade …") may
        for handler in HANDLERS:
            mentions.extend(handler(ctx, token))
    events = [e for e in merge(ctx, mentions) if _complete(e)]
    _consistent_recipients(events)
    _sanction_laws(ctx, events)
    published = ctx.doc.published.value if ctx.doc.published else None
    month = ctx.publication_month()
    for event in events:
        date = event.roles.get("date")
        if published and date and event.type == "agreement" and event.roles.get("status") == "signed" \
                and date[: len(published)] > published[: len(date)]:
            # "agreed to bring trade to $100 billion by 2030": a signed agreement's date is not its target's
            del event.roles["date"]
        if (month and "date" not in event.roles and "delivery_date" not in event.roles
                and event.roles.get("status") in _REPORTED_NOW.get(event.type, ())):
            # an event the article reports as news, with no date of its own: dated to the report's month
            # (a delivery dated "in December 2017" says nothing of when the deal was made)
            event.roles["date"] = month
            event.role_confidence["date"] = 0.3
    return events


def _consistent_recipients(events: list[Event]) -> None:
    """Where the parse did not say who receives arms, or whom a sanction targets, the article's buyer does.

    An article about Ukraine's tanks that adds "Biden said Washington would provide
    31 Abrams" means them for Ukraine; sanctions in arms news target the buyer.
    """
    buyers: dict[str, int] = {}
    for e in events:
        if e.type == "arms_transfer" and e.role_confidence.get("recipient", 0.85) >= 0.8 and "recipient" in e.roles:
            key = e.roles["recipient"].get("id")
            if key:
                buyers[key] = buyers.get(key, 0) + 1
    if not buyers:
        return
    buyer = max(buyers, key=lambda k: buyers[k])
    if sum(1 for n in buyers.values() if n == buyers[buyer]) > 1:
        return  # "after Egypt, which ordered 24, and India, which signed for 36": no one buyer to speak of
    for e in events:
        role = {"arms_transfer": "recipient", "sanction": "target"}.get(e.type)
        if role is None or e.role_confidence.get(role, 0.85) >= 0.8:
            continue
        other = e.roles.get("supplier" if role == "recipient" else "sender", {}).get("id")
        if buyer != other and e.roles.get(role, {}).get("id") != buyer:
            e.roles[role] = _ref_like(events, buyer)
            e.role_confidence[role] = 0.6


_SANCTION_LAWS = ("sanctions_law", "embargo", "resolution")


def _sanction_laws(ctx: DocContext, events: list[Event]) -> None:
    """A sanction named without its instrument takes the one sanctions law of its sender that the
    article names elsewhere ("… imposed sanctions. The measures were taken under CAATSA")."""
    laws: dict[str, list[Any]] = {}
    for span in ctx.mentions:
        entity = ctx.kb.get(span.item.entity_id) if span.item.type == "law" and span.item.entity_id else None
        if entity is not None and entity.data.get("kind") in _SANCTION_LAWS:
            issuer = entity.data.get("state") or entity.data.get("issuer")
            if issuer and entity.id not in {law.id for law in laws.get(issuer, [])}:
                laws.setdefault(issuer, []).append(entity)
    for e in events:
        sender = e.roles.get("sender", {}).get("id") if e.type == "sanction" else None
        if sender and "instrument" not in e.roles and len(laws.get(sender, [])) == 1:
            e.roles["instrument"] = laws[sender][0].ref()
            e.role_confidence["instrument"] = 0.6


def _ref_like(events: list[Event], key: str) -> dict[str, str]:
    for e in events:
        ref = e.roles.get("recipient")
        if isinstance(ref, dict) and ref.get("id") == key:
            return dict(ref)
    return {"id": key}


_REPORTED_NOW = {
    "arms_transfer": ("approved", "in_delivery", "delivered"),
    "meeting": ("held",),
}


def _complete(event: Event) -> bool:
    """Drop what cannot be an event: a transfer with no recipient, a meeting of one."""
    roles = event.roles
    if event.type == "arms_transfer":
        return "recipient" in roles and ("item" in roles or "value_usd" in roles)
    if event.type == "meeting":
        return len(roles.get("participants", [])) >= 2 and not _domestic(roles["participants"])
    if event.type in ("agreement", "trade", "armed_clash"):
        return len(roles.get("parties", [])) >= 2
    return True


def _domestic(participants: list[dict[str, str]]) -> bool:
    """A meeting of one state's own people (a cabinet meeting) is not diplomacy."""
    from newsledger.kb import load_kb

    kb = load_kb()
    states = set()
    for p in participants:
        entity = kb.get(p.get("id", "")) if p.get("id") else None
        if entity is None:
            return False
        states.add(entity.id if entity.type == "state" else entity.data.get("state"))
    return len(states) == 1


@stage("newsledger.events.v1", requires=("text", "parse", "mentions", "timexes", "amounts"), assigns=("events",))
def make_events(config: dict[str, Any]) -> StageFn:
    kb = load_kb(config.get("kb") or ())

    def events(doc: Document) -> Document:
        doc.layers["events"] = extract_events(doc, kb)
        return doc

    return events
