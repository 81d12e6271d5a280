"""Placing an article in a story, inside the store's write transaction.

Why here and not in the stage: the story an article joins depends on the
articles already stored, including the ones written just before it in the
same batch, and only the store's connection sees them all. Everything done
here is indexed look-ups and one small matrix product, so it stays cheap.

An article joins, in this order of preference:

1. `version`: the story of its own previous version (a corrected text stays
   in its story, and story ids stay stable);
2. `duplicate`: the story of a current article with the same cleaned text;
3. `near_duplicate`: the story of the current article whose MinHash Jaccard
   estimate is highest, if at least NEAR_DUPLICATE (any dates: a syndicated
   copy is the same story whenever it ran);
4. `same_event`: the story of its nearest neighbour by embedding cosine, if
   at least the threshold for the pair's languages and the two were
   published within WINDOW_DAYS of each other (a date not known to the day
   constrains nothing; such articles are compared with the UNDATED_POOL most
   recently stored ones);
5. otherwise it is the `seed` of a new story, whose id is derived from the
   article's id.

Joining is single-link: the nearest article decides, stories never merge and
ids never change.

Cost: the near-duplicate look-up is one indexed query on `story_band`; the
same-event one reads the embeddings of the date window (a contiguous range of
`story_embedding`) and scores them with one matrix product, about 6 ms of CPU
per 1,000 articles in the window (60 ms with 10,000 articles within ±7 days).
Beyond that, keep a per-process matrix of the window instead of re-reading it. Thresholds come from the SemEval-2022 Task 8 test pairs
(benchmarks/story_similarity.py; figures in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

import numpy as np

from newsledger.model import Document
from newsledger.stories import embed, minhash
from newsledger.stories.stage import LAYER, StorySignature

NEAR_DUPLICATE = 0.5  # MinHash Jaccard of 5-word shingles; the LSH bands are tuned to it
# Cosine of title + lead embeddings. English: the best F1 on the 193 SemEval
# English pairs for "same story" (Overall <= 1.5: precision 0.65, recall 0.82;
# Overall <= 2: precision 0.92, recall 0.71). On 400 TempEval-3 wire articles
# most joins between 0.60 and 0.70 are the same developing story; the misses
# there are routine reports of one template (stock markets, commodity prices).
# Other languages: the English model scores unrelated non-English pairs much
# higher (median 0.5-0.7 for ar, pl, ru, tr, zh), so it takes 0.80 (precision
# 0.74 for Overall <= 2, at a low recall); their duplicates still join by MinHash.
SAME_EVENT_EN = 0.60
SAME_EVENT_OTHER = 0.80
WINDOW_DAYS = 7
UNDATED_POOL = 2000
NEAR_DUPLICATE_CANDIDATES = 500
UNDATED = 0  # story_embedding.day of an article whose day is not known


@dataclass(frozen=True, slots=True)
class Match:
    story_id: str
    how: str
    similarity: float | None = None
    matched_pk: int | None = None


def story_id_for(article_id: str) -> str:
    """Stable: the same first article gives the same story id in every store."""
    return "st-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]


def publication_day(doc: Document) -> int | None:
    """The publication day as an ordinal, when the date is known to the day."""
    if doc.published is None or doc.published.precision != "day":
        return None
    return doc.published.first_day().toordinal()


def write_stories(conn: sqlite3.Connection, pk: int, doc: Document) -> None:
    """The layer's write: keep the article's signature and put it in a story."""
    items = doc.layers.get(LAYER)
    if not items:  # the stage did not run for this document
        return
    sig: StorySignature = items[0]
    mh = sig.minhash_array()
    vector_blob = sig.embedding_blob()
    day = publication_day(doc)
    conn.execute(
        "INSERT INTO story_signature (article_pk, content_hash, scheme, minhash) VALUES (?, ?, ?, ?)",
        (pk, doc.content_hash, sig.scheme, minhash.to_blob(mh) if mh is not None else None),
    )
    if mh is not None:
        conn.executemany(
            "INSERT INTO story_band (article_pk, band, key) VALUES (?, ?, ?)",
            [(pk, band, key) for band, key in enumerate(minhash.band_keys(mh))],
        )
    if vector_blob is not None:
        conn.execute(
            "INSERT INTO story_embedding (model, day, article_pk, language, vector) VALUES (?, ?, ?, ?, ?)",
            (sig.model, day or UNDATED, pk, doc.language, vector_blob),
        )
    _forget_earlier_versions(conn, pk, doc.id)
    match = (
        _previous_version(conn, pk, doc.id)
        or _duplicate(conn, pk, doc.content_hash)
        or (_near_duplicate(conn, pk, sig.scheme, mh) if mh is not None else None)
        or (_same_event(conn, pk, sig.model, vector_blob, day, doc.language) if vector_blob is not None else None)
    )
    if match is None:
        match = Match(story_id_for(doc.id), "seed")
        conn.execute("INSERT OR IGNORE INTO story (id, title) VALUES (?, ?)", (match.story_id, _title(doc)))
    conn.execute(
        "INSERT INTO story_article (story_id, article_pk, how, similarity, matched_pk) VALUES (?, ?, ?, ?, ?)",
        (match.story_id, pk, match.how, match.similarity, match.matched_pk),
    )


def _forget_earlier_versions(conn: sqlite3.Connection, pk: int, article_id: str) -> None:
    """An earlier version is never a candidate again: drop its bands and embedding, keep its membership."""
    earlier = "SELECT pk FROM article_version WHERE article_id = ? AND pk != ?"
    conn.execute(f"DELETE FROM story_band WHERE article_pk IN ({earlier})", (article_id, pk))
    conn.execute(f"DELETE FROM story_embedding WHERE article_pk IN ({earlier})", (article_id, pk))


def _title(doc: Document) -> str | None:
    if doc.article.title:
        return doc.article.title.strip()
    first = doc.text.strip().split("\n", 1)[0]
    return first[:120] or None


def _previous_version(conn: sqlite3.Connection, pk: int, article_id: str) -> Match | None:
    row = conn.execute(
        "SELECT s.story_id, a.pk FROM article_version a JOIN story_article s ON s.article_pk = a.pk"
        " WHERE a.article_id = ? AND a.pk != ? ORDER BY a.version DESC LIMIT 1",
        (article_id, pk),
    ).fetchone()
    return Match(row[0], "version", None, row[1]) if row else None


def _duplicate(conn: sqlite3.Connection, pk: int, content_hash: str) -> Match | None:
    row = conn.execute(
        "SELECT s.story_id, g.article_pk FROM story_signature g"
        " JOIN article_version a ON a.pk = g.article_pk AND a.is_current"
        " JOIN story_article s ON s.article_pk = g.article_pk"
        " WHERE g.content_hash = ? AND g.article_pk != ? ORDER BY g.article_pk LIMIT 1",
        (content_hash, pk),
    ).fetchone()
    return Match(row[0], "duplicate", 1.0, row[1]) if row else None


def _near_duplicate(conn: sqlite3.Connection, pk: int, scheme: str, mh: np.ndarray) -> Match | None:
    keys = minhash.band_keys(mh)
    marks = ", ".join("?" for _ in keys)
    candidates = [
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT article_pk FROM story_band WHERE key IN ({marks}) AND article_pk != ? LIMIT ?",
            (*keys, pk, NEAR_DUPLICATE_CANDIDATES),
        )
    ]
    if not candidates:
        return None
    marks = ", ".join("?" for _ in candidates)
    best: Match | None = None
    for story_id, other_pk, blob in conn.execute(
        "SELECT s.story_id, g.article_pk, g.minhash FROM story_signature g"
        " JOIN article_version a ON a.pk = g.article_pk AND a.is_current"
        " JOIN story_article s ON s.article_pk = g.article_pk"
        f" WHERE g.article_pk IN ({marks}) AND g.scheme = ? AND g.minhash IS NOT NULL",
        (*candidates, scheme),
    ):
        similarity = minhash.jaccard(mh, minhash.from_blob(blob))
        if similarity >= NEAR_DUPLICATE and (best is None or similarity > (best.similarity or 0.0)):
            best = Match(story_id, "near_duplicate", round(similarity, 4), other_pk)
    return best


def _same_event(
    conn: sqlite3.Connection, pk: int, model: str | None, blob: bytes, day: int | None, language: str | None
) -> Match | None:
    """The story of the most similar article above its threshold (scores first, then one look-up each)."""
    rows = _embedding_candidates(conn, pk, model, day)
    if not rows:
        return None
    scores = embed.from_blobs([r[2] for r in rows]) @ embed.from_blobs([blob])[0]
    english = np.array([language in (None, "en") and r[1] in (None, "en") for r in rows])
    thresholds = np.where(english, SAME_EVENT_EN, SAME_EVENT_OTHER)
    above = np.flatnonzero(scores >= thresholds)
    for i in above[np.argsort(-scores[above], kind="stable")]:
        other_pk = int(rows[i][0])
        found = conn.execute(
            "SELECT s.story_id FROM story_article s JOIN article_version a ON a.pk = s.article_pk AND a.is_current"
            " WHERE s.article_pk = ?",
            (other_pk,),
        ).fetchone()
        if found:
            return Match(found[0], "same_event", round(float(scores[i]), 4), other_pk)
    return None


def _embedding_candidates(conn: sqlite3.Connection, pk: int, model: str | None, day: int | None) -> list[sqlite3.Row]:
    """(article_pk, language, vector) within the date window, and of the most recent undated articles."""
    select = "SELECT article_pk, language, vector FROM story_embedding"
    if day is None:
        query = f"{select} INDEXED BY story_embedding_article WHERE model = ? AND article_pk != ? ORDER BY article_pk DESC LIMIT ?"
        return conn.execute(query, (model, pk, UNDATED_POOL)).fetchall()
    dated = conn.execute(
        f"{select} WHERE model = ? AND day BETWEEN ? AND ? AND article_pk != ?",
        (model, day - WINDOW_DAYS, day + WINDOW_DAYS, pk),
    ).fetchall()
    undated = conn.execute(
        f"{select} WHERE model = ? AND day = ? AND article_pk != ? ORDER BY article_pk DESC LIMIT ?",
        (model, UNDATED, pk, UNDATED_POOL),
    ).fetchall()
    return dated + undated
