"""Reading facts back: lists, one fact in full, the state of knowledge as of a date."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newsledger.errors import UsageError
from newsledger.fusion import _EVENT_SQL, _reported
from newsledger.fusion.summary import summarise
from newsledger.where import IN_IDS, Where, ids_param

if TYPE_CHECKING:
    from newsledger.ledger import Ledger


def _record(row: Any, history: list[dict[str, Any]], contradictions: list[dict[str, Any]], sources: list[str]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "type": row["type"],
        "status": row["status"],
        "date": row["date"],
        "roles": json.loads(row["roles"]) if isinstance(row["roles"], str) else row["roles"],
        "role_support": json.loads(row["role_support"]) if isinstance(row["role_support"], str) else row["role_support"],
        "confidence": row["confidence"],
        "sources": sources,
        "first_reported": row["first_reported"],
        "last_reported": row["last_reported"],
        "history": history,
        "contradictions": contradictions,
    }


def _fact_filter(ledger: Ledger, *, type: str | None, entity: str | None, as_of: str | None, since: str | None,
                 until: str | None, entity_ids: Iterable[str] | None, fact_ids: Iterable[str] | None) -> Where | None:
    """The WHERE clause over `fact f` that the filters make; None when they can match nothing."""
    where = Where().equals("f.type", type)
    if fact_ids is not None:
        where.add(f"f.id {IN_IDS}", ids_param(fact_ids))
    if entity_ids is not None:
        keys = sorted(set(entity_ids))
        if not keys:
            return None
        where.add(f"f.id IN (SELECT s.fact_id FROM event_role r JOIN fact_source s ON s.event_pk = r.event_pk WHERE r.entity_id {IN_IDS})",
                  ids_param(keys))
    if entity:
        ids = ledger.resolve_entity(entity)
        where.add(
            f"f.id IN (SELECT s.fact_id FROM fact_source s JOIN event_role r ON r.event_pk = s.event_pk WHERE r.entity_id {IN_IDS} OR r.value = ?)",
            ids_param(ids), entity,
        )
    if as_of:
        where.add("f.first_reported <= ?", as_of)
    where.window("f.date", since, until)
    return where


def query_facts(ledger: Ledger, *, type: str | None = None, entity: str | None = None, as_of: str | None = None,
                since: str | None = None, until: str | None = None, limit: int | None = None,
                entity_ids: Iterable[str] | None = None, fact_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Fact records. `entity` is a user's name or id for an entity (resolved through the KB,
    or matched as an unlinked name); `entity_ids` are KB ids, any of which a fact's reports name;
    `fact_ids` picks facts by id."""
    where = _fact_filter(ledger, type=type, entity=entity, as_of=as_of, since=since, until=until,
                         entity_ids=entity_ids, fact_ids=fact_ids)
    if where is None:
        return []
    params = where.params
    sql = f"SELECT f.* FROM fact f WHERE {where.sql} ORDER BY f.date IS NULL, f.date, f.first_reported, f.id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    rows = ledger.store.query(sql, tuple(params))
    if not rows:
        return []
    ids = (ids_param(r["id"] for r in rows),)
    sources = _sources(ledger, ids, as_of)
    history: dict[str, list[dict[str, Any]]] = {}
    for r in ledger.store.query(f"SELECT fact_id, as_of, status, summary, roles, sources FROM fact_history WHERE fact_id {IN_IDS} ORDER BY as_of", ids):
        if as_of is None or r["as_of"] <= as_of:
            history.setdefault(r["fact_id"], []).append(
                {"as_of": r["as_of"], "status": r["status"], "summary": r["summary"], "roles": json.loads(r["roles"]), "sources": json.loads(r["sources"])}
            )
    stories: dict[str, list[str]] = {}
    for r in ledger.store.query(
        f"SELECT DISTINCT s.fact_id, sa.story_id FROM fact_source s JOIN event e ON e.pk = s.event_pk "
        f"JOIN story_article sa ON sa.article_pk = e.article_pk WHERE s.fact_id {IN_IDS} ORDER BY sa.story_id",
        ids,
    ):
        stories.setdefault(r["fact_id"], []).append(r["story_id"])
    contradictions = _contradictions(ledger, ids)
    out = []
    for row in rows:
        record = _record(row, history.get(row["id"], []), contradictions.get(row["id"], []), sources.get(row["id"], []))
        record["story_ids"] = stories.get(row["id"], [])
        if as_of is not None and row["last_reported"] and row["last_reported"] > as_of:
            record.update(_as_of(ledger, row["id"], as_of))
        out.append(record)
    return out


def _sources(ledger: Ledger, ids: tuple[str], as_of: str | None) -> dict[str, list[str]]:
    """Each fact's reporting articles (published by `as_of`), oldest report first."""
    found: dict[str, list[str]] = {}
    for r in ledger.store.query(f"SELECT DISTINCT fact_id, article_id, published FROM fact_source WHERE fact_id {IN_IDS} ORDER BY published, article_id", ids):
        if as_of is None or (r["published"] or "") <= as_of:
            found.setdefault(r["fact_id"], []).append(r["article_id"])
    return found


def _contradictions(ledger: Ledger, ids: tuple[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for r in ledger.store.query(f"SELECT fact_id, role, sides FROM fact_contradiction WHERE fact_id {IN_IDS}", ids):
        found.setdefault(r["fact_id"], []).append({"role": r["role"], "sides": json.loads(r["sides"])})
    return found


def fact_outlines(ledger: Ledger, *, type: str | None = None, entity: str | None = None, as_of: str | None = None,
                  since: str | None = None, until: str | None = None, entity_ids: Iterable[str] | None = None,
                  sources: bool = False) -> list[dict[str, Any]]:
    """Facts in brief, oldest first (`fact_order`): what timelines, counts and groupings need, no more.

    Each outline has the record's "id", "type", "status", "date", "roles",
    "first_reported", "last_reported" and "contradictions" (as of `as_of` when
    given), and with `sources` its "sources" (article ids, oldest report first);
    no history, no role support. The filters are `query_facts`'s. On a large
    store an entity has thousands of
    facts: reading them in full costs ten times as much (most of it decoding
    JSON nobody shows), so lists read outlines and `query_facts(fact_ids=…)`
    reads the few shown in full.
    """
    where = _fact_filter(ledger, type=type, entity=entity, as_of=as_of, since=since, until=until, entity_ids=entity_ids, fact_ids=None)
    if where is None:
        return []
    rows = ledger.store.query(
        f"SELECT f.id, f.type, f.status, f.date, f.roles, f.first_reported, f.last_reported FROM fact f WHERE {where.sql}",
        tuple(where.params),
    )
    if not rows:
        return []
    ids = (ids_param(r["id"] for r in rows),)
    contradictions = _contradictions(ledger, ids)
    reports = _sources(ledger, ids, as_of) if sources else {}
    out = []
    for row in rows:
        outline = {"id": row["id"], "type": row["type"], "status": row["status"], "date": row["date"],
                   "roles": json.loads(row["roles"]), "first_reported": row["first_reported"],
                   "last_reported": row["last_reported"], "contradictions": contradictions.get(row["id"], [])}
        if sources:
            outline["sources"] = reports.get(row["id"], [])
        if as_of is not None and row["last_reported"] and row["last_reported"] > as_of:
            told = _as_of(ledger, row["id"], as_of)
            outline.update({k: told[k] for k in ("roles", "status", "date", "last_reported", "contradictions")})
        out.append(outline)
    out.sort(key=fact_order)
    return out


def in_full(ledger: Ledger, outlines: list[dict[str, Any]], *, as_of: str | None = None) -> list[dict[str, Any]]:
    """The records (`query_facts`) of the facts outlined, in the outlines' order."""
    if not outlines:
        return []
    records = {f["id"]: f for f in query_facts(ledger, fact_ids=[o["id"] for o in outlines], as_of=as_of)}
    return [records[o["id"]] for o in outlines if o["id"] in records]


def fact_order(fact: dict[str, Any]) -> tuple[Any, ...]:
    """Oldest first, undated last, then by first report and id: the order of timelines and dossiers."""
    return (fact["date"] is None, fact["date"] or "", fact.get("first_reported") or "", fact["id"])


def _as_of(ledger: Ledger, fact_id: str, as_of: str) -> dict[str, Any]:
    """The fact as its reports published by `as_of` told it."""
    events = _reported(ledger.store.query(f"{_EVENT_SQL} JOIN fact_source s ON s.event_pk = e.pk WHERE s.fact_id = ?", (fact_id,)))
    summary = summarise(ledger.kb, events, as_of=as_of)
    kept = [e for e in events if e.published is None or e.published <= as_of]
    reports = sorted({e.published for e in kept if e.published})
    return {
        "roles": summary.roles,
        "role_support": summary.support,
        "status": summary.roles.get("status"),
        "date": summary.roles.get("date"),
        "confidence": summary.confidence,
        "last_reported": reports[-1] if reports else None,
        "contradictions": [{"role": c.role, "sides": c.sides} for c in summary.contradictions],
    }


def get_fact(ledger: Ledger, fact_id: str, *, as_of: str | None = None) -> dict[str, Any]:
    rows = ledger.store.query("SELECT * FROM fact WHERE id = ?", (fact_id,))
    if not rows:
        raise UsageError(f"no fact with id '{fact_id}' in {ledger.path}; `newsledger facts` lists them")
    found = query_facts(ledger, as_of=as_of) if as_of else None
    record = next((f for f in found if f["id"] == fact_id), None) if found is not None else None
    if record is None:
        record = query_facts(ledger, limit=None, type=rows[0]["type"])
        record = next(f for f in record if f["id"] == fact_id)
    evidence = ledger.store.query(
        """
        SELECT s.article_id, a.published, a.source, a.title, e.type, e.roles, v.start, v."end", v.text
        FROM fact_source s JOIN event e ON e.pk = s.event_pk JOIN article_version a ON a.pk = e.article_pk
        JOIN event_evidence v ON v.event_pk = e.pk
        WHERE s.fact_id = ? ORDER BY a.published, s.article_id, v.start
        """,
        (fact_id,),
    )
    reports: dict[str, dict[str, Any]] = {}
    for r in evidence:
        if as_of is not None and (r["published"] or "") > as_of:
            continue
        report = reports.setdefault(
            r["article_id"],
            {"article_id": r["article_id"], "published": r["published"], "source": r["source"], "title": r["title"],
             "roles": json.loads(r["roles"]), "evidence": []},
        )
        span = {"start": r["start"], "end": r["end"], "text": r["text"].strip()}
        if span not in report["evidence"]:
            report["evidence"].append(span)
    record["reports"] = list(reports.values())
    return record
