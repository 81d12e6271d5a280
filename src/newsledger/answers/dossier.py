"""The dossier: everything the ledger and the knowledge base say about one entity.

A journalist starting a story on India's air defence wants, in one place:
what India is, which deals it bought and from whom, which meetings it held,
where the sources disagree, and which articles to cite. The dossier gathers
that from the facts (never from raw events) so that every line has sources.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from newsledger.answers.timeline import (
    ENTITY_ROLES, PARTY_ROLES, ref_key, ref_name, refs, resolve, summary, timeline_entry,
)
from newsledger.errors import UsageError
from newsledger.facts import fact_order, fact_outlines, in_full
from newsledger.where import IN_IDS, ids_param

if TYPE_CHECKING:
    from newsledger.kb import Entity, KnowledgeBase
    from newsledger.ledger import Ledger

# How a role reads in "as supplier", "as participant"...; the order is the dossier's.
ROLE_LABELS = {
    "supplier": "supplier",
    "recipient": "recipient",
    "item": "item",
    "participants": "participant",
    "parties": "party",
    "sender": "sender",
    "target": "target",
    "actor": "actor",
    "place": "place",
    "instrument": "instrument",
}
_LEADERS = ("head_of_state", "head_of_government")
LIMIT = 50  # facts a dossier lists unless asked for more (counts and counterparties always cover all)
MENTIONED = "mentioned"  # a source names the entity but the fused fact settled on another value


def _ref(kb: KnowledgeBase, entity_id: str | None) -> dict[str, Any] | None:
    if not entity_id:
        return None
    entity = kb.get(str(entity_id))
    return entity.ref() if entity is not None else {"id": str(entity_id)}


def _refs(kb: KnowledgeBase, ids: Any) -> list[dict[str, Any]]:
    return [r for r in (_ref(kb, i) for i in (ids or ())) if r]


def describe(kb: KnowledgeBase, entity: Entity, *, on: dt.date | None = None) -> dict[str, Any]:
    """What an entity is, from the knowledge base, with ids turned into named refs.

    Fields a user's KB file adds that this function does not know pass through
    unchanged, so a dossier never hides what the user wrote.
    """
    data = dict(entity.data)
    out: dict[str, Any] = {"id": entity.id, "type": entity.type, "name": entity.name, "wikidata": entity.wikidata,
                           "aliases": list(entity.aliases)}
    on = on or dt.date.today()
    if entity.type == "state":
        out["capital"] = data.pop("capital", None)
        out["demonyms"] = data.pop("demonyms", [])
        for key in ("from", "until"):
            if key in data:
                out[key] = str(data.pop(key))
        for key in ("successor", "successors"):
            if key in data:
                value = data.pop(key)
                out[key] = _refs(kb, value) if isinstance(value, list) else _ref(kb, value)
        out["member_of"] = [o.ref() for o in kb.entities("organisation") if entity.id in (o.data.get("members") or ())]
        out["leaders"] = [
            {**person.ref(), "title": t.title, "role": t.role, "since": t.start}
            for person in kb.holders(entity.id, _LEADERS, on)
            for t in kb.terms_of(person.id)
            if t.state == entity.id and t.role in _LEADERS and t.holds_on(on)
        ]
        for key in ("metonyms", "epithets", "parties"):
            data.pop(key, None)
    elif entity.type == "person":
        data.pop("roles", None)
        out["state"] = _ref(kb, data.pop("state", None))
        out["offices"] = [
            {"title": t.title, "role": t.role, "state": _ref(kb, t.state), "start": t.start, "end": t.end}
            for t in sorted(kb.terms_of(entity.id), key=lambda t: t.start)
        ]
    elif entity.type == "weapon_system":
        out["origin"] = _ref(kb, data.pop("origin", None))
        out["category"] = data.pop("category", None)
        out["kind"] = data.pop("kind", None)
        out["description"] = data.pop("sipri_description", None) or out["kind"]
        for key in ("producers", "partners"):
            if key in data:
                out[key] = _refs(kb, data.pop(key))
        if "family" in data:
            family = data.pop("family")
            out["family"] = _ref(kb, family) if isinstance(family, str) and family in kb else family
    elif entity.type == "organisation":
        out["kind"] = data.pop("kind", None)
        out["state"] = _ref(kb, data.pop("state", None))
        if "members" in data:
            out["members"] = _refs(kb, data.pop("members"))
    elif entity.type == "place":
        out["kind"] = data.pop("kind", None)
        out["state"] = _ref(kb, data.pop("state", None))
        if "within" in data:
            out["within"] = _ref(kb, data.pop("within"))
        if "claimants" in data:
            out["claimants"] = _refs(kb, data.pop("claimants"))
    elif entity.type == "law":
        out["kind"] = data.pop("kind", None)
        out["state"] = _ref(kb, data.pop("state", None))
        if "issuer" in data:
            issuer = data.pop("issuer")
            out["issuer"] = _ref(kb, issuer) if isinstance(issuer, str) and issuer in kb else issuer
        if "parties" in data:
            out["parties"] = _refs(kb, data.pop("parties"))
    out.update(data)
    return out


def _placed(fact: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(role, key, ref) for every entity a fact's roles name, in the dossier's role order."""
    roles = fact["roles"]
    return [(role, ref_key(ref), ref) for role in ROLE_LABELS if role in roles for ref in refs(roles[role])]


def _roles_of(placed: list[tuple[str, str, dict[str, Any]]], key: str) -> list[str]:
    """The roles `key` plays in a fact, in the dossier's order; `mentioned` when none."""
    found = list(dict.fromkeys(role for role, other, _ in placed if other == key))
    return found or [MENTIONED]


def _counterparties(kb: KnowledgeBase, key: str, facts: list[dict[str, Any]],
                    placed: dict[str, list[tuple[str, str, dict[str, Any]]]]) -> list[dict[str, Any]]:
    """The others in the entity's facts, with the roles they play, ranked by facts then known value.

    Only actors count (suppliers, recipients, participants, parties, senders,
    targets, actors): the S-400's counterparties are who sold and who bought it.
    """
    table: dict[str, dict[str, Any]] = {}
    for fact in facts:
        for role, other, ref in placed[fact["id"]]:
            if other == key or role not in PARTY_ROLES:
                continue
            entry = table.get(other)
            if entry is None:
                entity = kb.get(str(ref.get("id"))) if ref.get("id") else None
                entry = table[other] = {
                    "id": ref.get("id"), "name": ref_name(ref), "type": entity.type if entity else None,
                    "wikidata": ref.get("wikidata") or (entity.wikidata if entity else None),
                    "facts": 0, "roles": Counter(), "value_usd": 0.0, "valued_facts": 0, "fact_ids": [],
                }
            entry["roles"][ROLE_LABELS[role]] += 1
            if not entry["fact_ids"] or entry["fact_ids"][-1] != fact["id"]:  # facts come one at a time
                entry["fact_ids"].append(fact["id"])
                entry["facts"] += 1
                value = fact["roles"].get("value_usd")
                if fact["type"] == "arms_transfer" and isinstance(value, (int, float)):
                    entry["value_usd"] += float(value)
                    entry["valued_facts"] += 1
    ranked = sorted(table.values(), key=lambda e: (-e["facts"], -e["value_usd"], e["name"]))
    for entry in ranked:
        entry["roles"] = dict(entry["roles"])
        if not entry["valued_facts"]:
            entry["value_usd"] = None
    return ranked


def _recency(fact: dict[str, Any]) -> tuple[str, str, str]:
    """How recent a fact is: its date, or when it was first reported if it has none."""
    return (fact["date"] or fact.get("first_reported") or "", fact.get("first_reported") or "", fact["id"])


def _sources(ledger: Ledger, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The articles behind the facts, oldest first, each with the facts it supports."""
    by_article: dict[str, list[str]] = {}
    for fact in facts:
        for article_id in fact["sources"]:
            by_article.setdefault(article_id, []).append(fact["id"])
    if not by_article:
        return []
    rows = ledger.store.query(
        f"SELECT id, published, published_precision, source, title, url, language FROM article WHERE id {IN_IDS}",
        (ids_param(by_article),),
    )
    out = [{"article_id": r["id"], "published": r["published"], "source": r["source"], "title": r["title"],
            "url": r["url"], "language": r["language"], "facts": by_article[r["id"]]} for r in rows]
    out.sort(key=lambda a: (a["published"] is None, a["published"] or "", a["article_id"]))
    return out


def _source_count(ledger: Ledger, facts: list[dict[str, Any]], as_of: str | None) -> int:
    """How many articles report any of the facts (by `as_of` when given)."""
    if not facts:
        return 0
    sql = f"SELECT count(DISTINCT article_id) FROM fact_source WHERE fact_id {IN_IDS}"
    params: list[Any] = [ids_param(f["id"] for f in facts)]
    if as_of:
        sql += " AND coalesce(published, '') <= ?"
        params.append(as_of)
    return int(ledger.store.query(sql, tuple(params))[0][0])


def dossier(ledger: Ledger, name: str, *, as_of: str | None = None, limit: int | None = LIMIT,
            offset: int = 0) -> dict[str, Any]:
    """Everything about one entity: a KB id or any name, alias or demonym ("India", "IN", "Putin", "S-400").

    Returns {"entity", "other_matches", "facts", "totals", "page", "roles",
    "counterparties", "timeline", "contradictions", "sources"}.

    Counts, counterparties and contradictions cover every fact about the
    entity; the lists of facts (`timeline`, `roles`) and of `sources` are one
    page: the `limit` most recent facts after skipping the `offset` most recent
    (None: every fact), in date order, and the articles behind them. `facts`
    and `totals` say how many there are in all: `totals` = {"facts", "sources",
    "roles": {role: facts}}; `page` = {"offset", "limit", "facts", "sources",
    "more"} says what this page holds and whether older facts remain.

    `roles` maps "supplier", "recipient", "item", "participant", "party",
    "sender", "target", "actor", "place", "instrument" (and "mentioned") to
    timeline entries; an unknown name raises UsageError. `as_of` gives the
    dossier as the ledger knew it then.
    """
    if limit is not None and limit < 1:
        raise UsageError("a dossier's limit is at least 1 (or None for every fact)")
    if offset < 0:
        raise UsageError("a dossier's offset is 0 or more")
    ids = resolve(ledger, name)
    kb = ledger.kb
    entity = kb.get(ids[0])
    key = ids[0] if entity is not None else f"name:{ids[0]}"  # an unlinked name, as `ref_key` spells it
    on = dt.date.fromisoformat(as_of[:10]) if as_of and len(as_of) >= 10 else None
    about = describe(kb, entity, on=on) if entity is not None else {"id": None, "type": None, "name": ids[0],
                                                                    "wikidata": None, "aliases": []}
    outlines = fact_outlines(ledger, entity=ids[0], as_of=as_of)
    newest = sorted(outlines, key=_recency, reverse=True)
    chosen = newest[offset:] if limit is None else newest[offset : offset + limit]
    page = in_full(ledger, sorted(chosen, key=fact_order), as_of=as_of)
    placed = {f["id"]: _placed(f) for f in outlines}
    by_role: dict[str, list[dict[str, Any]]] = {}
    for fact in page:
        entry = timeline_entry(fact, kb)
        for role in _roles_of(placed[fact["id"]], key):
            by_role.setdefault(ROLE_LABELS.get(role, role), []).append(entry)
    role_totals = Counter(ROLE_LABELS.get(role, role) for fact in outlines for role in _roles_of(placed[fact["id"]], key))
    order = [*ROLE_LABELS.values(), MENTIONED]
    contradictions = [
        {"fact_id": f["id"], "summary": summary(f, kb), "role": c["role"], "sides": c["sides"]}
        for f in outlines for c in f.get("contradictions") or ()
    ]
    sources = _sources(ledger, page)
    return {
        "entity": about,
        "other_matches": ids[1:],
        "facts": len(outlines),
        "totals": {"facts": len(outlines), "sources": _source_count(ledger, outlines, as_of),
                   "roles": {label: role_totals[label] for label in order if label in role_totals}},
        "page": {"offset": offset, "limit": limit, "facts": len(page), "sources": len(sources), "more": offset + len(chosen) < len(outlines)},
        "roles": {label: by_role[label] for label in order if label in by_role},
        "counterparties": _counterparties(kb, key, outlines, placed),
        "timeline": [timeline_entry(f, kb) for f in page],
        "contradictions": contradictions,
        "sources": sources,
    }


__all__ = ["dossier", "describe", "LIMIT", "ROLE_LABELS", "ENTITY_ROLES"]
