"""Fusion: the document-level events of many articles become facts.

A fact is one real-world event with every report of it. Fusion runs inside the
write transaction of each ingest batch and touches only the facts that the
batch's events could belong to: cost grows with the new articles, not the
store. The affected events are re-clustered in a fixed order (report date,
article, position), so the facts do not depend on the order articles arrived
in; a fact keeps the id it had as long as its earliest report stays in it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable

from newsledger.fusion.compat import KEYS_VERSION, Reported, compatible, keys
from newsledger.fusion.summary import summarise
from newsledger.kb import KnowledgeBase

__all__ = ["fuse_articles", "drop_articles", "facts_of", "Reported"]


def _reported(rows: Iterable[sqlite3.Row]) -> list[Reported]:
    return [
        Reported(
            event_pk=r["pk"], article_id=r["article_id"], published=r["published"], idx=r["idx"], type=r["type"],
            roles=json.loads(r["roles"]), role_confidence=json.loads(r["role_confidence"]), confidence=r["confidence"],
        )
        for r in rows
    ]


_EVENT_SQL = """
    SELECT e.pk, a.article_id, a.published, e.idx, e.type, e.roles, e.role_confidence, e.confidence
    FROM event e JOIN article_version a ON a.pk = e.article_pk
"""


def fuse_articles(conn: sqlite3.Connection, kb: KnowledgeBase, article_ids: Iterable[str]) -> set[str]:
    """Bring the facts up to date with these articles' current events. Returns the ids of touched facts."""
    article_ids = sorted(set(article_ids))
    if not article_ids:
        return set()
    rekey(conn, kb)
    marks = ", ".join("?" for _ in article_ids)
    # support from superseded versions of these articles goes
    stale_facts = {r[0] for r in conn.execute(f"SELECT DISTINCT fact_id FROM fact_source WHERE article_id IN ({marks})", article_ids)}
    new = _reported(conn.execute(f"{_EVENT_SQL} WHERE a.is_current AND a.article_id IN ({marks})", article_ids))
    candidate_facts = set(stale_facts)
    for event in new:
        for key in keys(kb, event):
            candidate_facts.update(r[0] for r in conn.execute("SELECT fact_id FROM fact_key WHERE key = ?", (key,)))
    pool: dict[int, Reported] = {e.event_pk: e for e in new}
    previous_fact_of: dict[int, str] = {}
    if candidate_facts:
        fmarks = ", ".join("?" for _ in candidate_facts)
        rows = conn.execute(
            f"{_EVENT_SQL} JOIN fact_source s ON s.event_pk = e.pk WHERE s.fact_id IN ({fmarks}) AND a.is_current "
            f"AND a.article_id NOT IN ({marks})",
            [*candidate_facts, *article_ids],
        ).fetchall()
        for event in _reported(rows):
            pool[event.event_pk] = event
        for fact_id, event_pk in conn.execute(f"SELECT fact_id, event_pk FROM fact_source WHERE fact_id IN ({fmarks})", list(candidate_facts)):
            previous_fact_of[event_pk] = fact_id
    clusters = cluster(kb, list(pool.values()))
    _replace(conn, kb, candidate_facts, clusters, previous_fact_of)
    return candidate_facts | {fact_id for fact_id, _ in _named(clusters, previous_fact_of)}


def facts_of(conn: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    article_ids = list(article_ids)
    marks = ", ".join("?" for _ in article_ids)
    return {r[0] for r in conn.execute(f"SELECT DISTINCT fact_id FROM fact_source WHERE article_id IN ({marks})", article_ids)}


def drop_articles(conn: sqlite3.Connection, kb: KnowledgeBase, fact_ids: Iterable[str]) -> None:
    """Re-derive facts that lost support (their articles were removed); facts left with none go."""
    fact_ids = set(fact_ids)
    if not fact_ids:
        return
    fmarks = ", ".join("?" for _ in fact_ids)
    rows = conn.execute(f"{_EVENT_SQL} JOIN fact_source s ON s.event_pk = e.pk WHERE s.fact_id IN ({fmarks}) AND a.is_current", list(fact_ids)).fetchall()
    previous = {r[1]: r[0] for r in conn.execute(f"SELECT fact_id, event_pk FROM fact_source WHERE fact_id IN ({fmarks})", list(fact_ids))}
    _replace(conn, kb, fact_ids, cluster(kb, _reported(rows)), previous)


def cluster(kb: KnowledgeBase, events: list[Reported]) -> list[list[Reported]]:
    """Greedy complete-link clustering in report order: an event joins the best fact it agrees with entirely.

    Only facts that share an index key with the event can agree with it
    (`compat.keys`), so it is weighed against those alone.
    """
    clusters: list[list[Reported]] = []
    by_key: dict[str, set[int]] = {}
    for event in sorted(events, key=lambda e: e.order):
        event_keys = keys(kb, event)
        best, best_score = None, -1
        for n in sorted({n for k in event_keys for n in by_key.get(k, ())}):
            group = clusters[n]
            if group[0].type != event.type:
                continue
            if all(compatible(kb, event, other) for other in group):
                score = sum(_shared_roles(event, other) for other in group)
                if score > best_score:
                    best, best_score = n, score
        if best is None:
            best = len(clusters)
            clusters.append([event])
        else:
            clusters[best].append(event)
        for k in event_keys:
            by_key.setdefault(k, set()).add(best)
    return clusters


def rekey(conn: sqlite3.Connection, kb: KnowledgeBase) -> None:
    """Index every fact by the current key scheme when the store holds keys of an older one."""
    upper = KEYS_VERSION[:-1] + chr(ord(KEYS_VERSION[-1]) + 1)
    stale = conn.execute("SELECT 1 FROM fact_key WHERE key < ? OR key >= ? LIMIT 1", (KEYS_VERSION, upper)).fetchone()
    if stale is None:
        return
    conn.execute("DELETE FROM fact_key")
    rows = conn.execute(f"{_EVENT_SQL} JOIN fact_source s ON s.event_pk = e.pk", ()).fetchall()
    fact_of = {r[1]: r[0] for r in conn.execute("SELECT fact_id, event_pk FROM fact_source")}
    conn.executemany(
        "INSERT OR IGNORE INTO fact_key (fact_id, key) VALUES (?, ?)",
        [(fact_of[e.event_pk], k) for e in _reported(rows) for k in keys(kb, e)],
    )


def _shared_roles(a: Reported, b: Reported) -> int:
    return sum(1 for role, value in a.roles.items() if b.roles.get(role) == value)


def _fact_id(first: Reported) -> str:
    digest = hashlib.sha256(f"{first.type}\x1f{first.article_id}\x1f{first.idx}".encode()).hexdigest()
    return f"f-{digest[:12]}"


def _named(clusters: list[list[Reported]], previous_fact_of: dict[int, str]) -> list[tuple[str, list[Reported]]]:
    """Each cluster's id: the old id of the fact that held its earliest report, else a new stable one."""
    named, used = [], set()
    for group in clusters:
        fact_id = None
        for event in group:  # already in report order
            old = previous_fact_of.get(event.event_pk)
            if old is not None and old not in used:
                fact_id = old
                break
        if fact_id is None:
            fact_id = _fact_id(group[0])
            while fact_id in used:
                fact_id += "x"
        used.add(fact_id)
        named.append((fact_id, group))
    return named


def _replace(conn: sqlite3.Connection, kb: KnowledgeBase, old: set[str], clusters: list[list[Reported]], previous: dict[int, str]) -> None:
    if old:
        fmarks = ", ".join("?" for _ in old)
        for table in ("fact_source", "fact_key", "fact_history", "fact_contradiction"):
            conn.execute(f"DELETE FROM {table} WHERE fact_id IN ({fmarks})", list(old))
        conn.execute(f"DELETE FROM fact WHERE id IN ({fmarks})", list(old))
    for fact_id, group in _named(clusters, previous):
        _write_fact(conn, kb, fact_id, group)


def _write_fact(conn: sqlite3.Connection, kb: KnowledgeBase, fact_id: str, group: list[Reported]) -> None:
    summary = summarise(kb, group)
    reports = sorted({e.published for e in group if e.published})
    conn.execute(
        "INSERT INTO fact (id, type, status, date, roles, role_support, confidence, first_reported, last_reported, sources)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            fact_id, group[0].type, summary.roles.get("status"), summary.roles.get("date"),
            json.dumps(summary.roles, ensure_ascii=False), json.dumps(summary.support, ensure_ascii=False), summary.confidence,
            reports[0] if reports else None, reports[-1] if reports else None, len({e.article_id for e in group}),
        ),
    )
    conn.executemany(
        "INSERT INTO fact_source (fact_id, event_pk, article_id, published) VALUES (?, ?, ?, ?)",
        [(fact_id, e.event_pk, e.article_id, e.published) for e in group],
    )
    all_keys = set().union(*(keys(kb, e) for e in group))
    conn.executemany("INSERT OR IGNORE INTO fact_key (fact_id, key) VALUES (?, ?)", [(fact_id, k) for k in all_keys])
    conn.executemany(
        "INSERT INTO fact_history (fact_id, as_of, status, summary, roles, sources) VALUES (?, ?, ?, ?, ?, ?)",
        [(fact_id, h.as_of, h.status, h.text, json.dumps(h.roles, ensure_ascii=False), json.dumps(h.sources)) for h in summary.history],
    )
    conn.executemany(
        "INSERT INTO fact_contradiction (fact_id, role, sides) VALUES (?, ?, ?)",
        [(fact_id, c.role, json.dumps(c.sides, ensure_ascii=False)) for c in summary.contradictions],
    )
