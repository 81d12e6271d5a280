"""Full-text search over the sentences of current articles (SQLite FTS5, BM25 ranking)."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: its words, any of them, each quoted."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    return " OR ".join(f'"{w}"' for w in words)


def search_sentences(conn: sqlite3.Connection, text: str, *, limit: int = 10) -> list[dict[str, Any]]:
    query = fts_query(text)
    if not query:
        return []
    rows = conn.execute(
        """
        SELECT a.id AS article_id, a.published, a.source, s.idx, s.start, s."end", s.text,
               bm25(article_sentence_fts) AS score
        FROM article_sentence_fts
        JOIN article_sentence s ON s.pk = article_sentence_fts.rowid
        JOIN article a ON a.pk = s.article_pk
        WHERE article_sentence_fts MATCH ?
        ORDER BY score
        LIMIT ?
        """,
        (query, limit),
    ).fetchall()
    return [dict(r) for r in rows]
