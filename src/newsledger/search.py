"""Full-text search over the sentences of current articles (SQLite FTS5, BM25 ranking)."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from newsledger.where import IN_IDS, ids_param

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: its words, any of them, each quoted."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    return " OR ".join(f'"{w}"' for w in words)


def search_sentences(conn: sqlite3.Connection, text: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """The `limit` best sentences of current articles for `text`, best first (BM25).

    The index ranks its matches alone and only the best few are joined to their
    articles: joining every match first (a question's common words match a
    large part of a big store) cost three times as much. Sentences of replaced
    versions are in the index too, so the ranking fetches more than `limit` and
    fetches again, more, when too many of them were not current.
    """
    query = fts_query(text)
    if not query or limit < 1:
        return []
    fetch = limit * 4
    while True:
        ranked = conn.execute(
            "SELECT rowid, bm25(article_sentence_fts) AS score FROM article_sentence_fts "
            "WHERE article_sentence_fts MATCH ? ORDER BY score, rowid LIMIT ?",
            (query, fetch),
        ).fetchall()
        score = {r[0]: r[1] for r in ranked}
        rows = conn.execute(
            f"""
            SELECT a.id AS article_id, a.published, a.source, s.idx, s.start, s."end", s.text, s.pk
            FROM article_sentence s JOIN article a ON a.pk = s.article_pk
            WHERE s.pk {IN_IDS}
            """,
            (ids_param(score),),
        ).fetchall()
        if len(rows) >= limit or len(ranked) < fetch:
            break
        fetch *= 4
    found = sorted((dict(r) for r in rows), key=lambda r: (score[r["pk"]], r["pk"]))[:limit]
    for row in found:
        row["score"] = score[row.pop("pk")]
    return found
