"""Reading stories back: which story an article is in, and what a story holds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any


def stories_of(conn: sqlite3.Connection, article_pks: Iterable[int]) -> dict[int, str]:
    """article_pk -> story id, for the given articles that are in a story (any version)."""
    pks = list(dict.fromkeys(int(pk) for pk in article_pks))
    found: dict[int, str] = {}
    for at in range(0, len(pks), 500):  # stay under SQLite's limit on bound parameters
        chunk = pks[at : at + 500]
        marks = ", ".join("?" for _ in chunk)
        for pk, story_id in conn.execute(
            f"SELECT article_pk, story_id FROM story_article WHERE article_pk IN ({marks})", chunk
        ):
            found[int(pk)] = story_id
    return found


def story_members(conn: sqlite3.Connection, story_id: str, *, current: bool = True) -> list[dict[str, Any]]:
    """The story's articles, oldest publication first, with how each joined and to whom.

    `current=False` also lists earlier versions of its articles.
    """
    sql = (
        "SELECT a.pk AS article_pk, a.article_id AS id, a.version, a.title, a.source, a.published, a.language,"
        " s.how, s.similarity, m.article_id AS matched_id"
        " FROM story_article s JOIN article_version a ON a.pk = s.article_pk"
        " LEFT JOIN article_version m ON m.pk = s.matched_pk"
        " WHERE s.story_id = ?"
    )
    if current:
        sql += " AND a.is_current"
    sql += " ORDER BY a.published IS NULL, a.published, a.pk"
    cursor = conn.execute(sql, (story_id,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
