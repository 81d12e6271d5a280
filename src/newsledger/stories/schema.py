"""The stories layer's tables (migration 0005_stories).

`story_signature`, `story_band`, `story_embedding` and `story_article` hold
rows keyed by article_pk, so the store deletes and rewrites them when an
article is re-analysed. `story` rows are kept by triggers on `story_article`:
its size and date range are recomputed when a member joins or leaves, and a
story with no member left disappears, so re-analysing an article never leaves
an empty or miscounted story behind.
"""

from __future__ import annotations

MIGRATION = "0005_stories"

STORIES_SQL = """
CREATE TABLE story (
    id TEXT PRIMARY KEY,             -- 'st-' + a hash of the first (seed) article's id: stable across runs
    title TEXT,                      -- the seed article's title
    first_published TEXT,            -- earliest / latest publication date of its current articles
    last_published TEXT,
    size INTEGER NOT NULL DEFAULT 0  -- current articles in it
);

CREATE TABLE story_article (
    story_id TEXT NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    how TEXT NOT NULL,               -- seed, duplicate, near_duplicate, same_event, version
    similarity REAL,                 -- Jaccard estimate (near_duplicate) or cosine (same_event) to `matched_pk`
    matched_pk INTEGER,              -- the article it was found similar to
    PRIMARY KEY (article_pk)
);
CREATE INDEX story_article_story ON story_article (story_id);

-- MinHash of 5-word shingles (128 little-endian uint32) and the article's day, for near-duplicates.
CREATE TABLE story_signature (
    article_pk INTEGER PRIMARY KEY REFERENCES article_version (pk) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    scheme TEXT NOT NULL,            -- how the signature was made; only equal schemes are compared
    minhash BLOB                     -- NULL: no words to shingle
);
CREATE INDEX story_signature_hash ON story_signature (content_hash);

-- LSH bands of the MinHash: articles sharing a key are near-duplicate candidates.
CREATE TABLE story_band (
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    key INTEGER NOT NULL             -- 64-bit hash of (band, the band's values)
);
CREATE INDEX story_band_key ON story_band (key);
CREATE INDEX story_band_article ON story_band (article_pk);

-- Sentence embedding of title + lead (float16, unit length), for same-event grouping. Clustered by
-- (model, day) so that the articles of a date window are one contiguous range scan. Only current
-- versions keep rows here and in story_band: a new version removes its predecessors' rows.
CREATE TABLE story_embedding (
    model TEXT NOT NULL,             -- only equal models are compared
    day INTEGER NOT NULL,            -- publication day (proleptic ordinal); 0 unless known to the day
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    language TEXT,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, day, article_pk)
) WITHOUT ROWID;
CREATE INDEX story_embedding_article ON story_embedding (article_pk);

CREATE TRIGGER story_article_ai AFTER INSERT ON story_article BEGIN
    UPDATE story SET
        size = (SELECT count(*) FROM story_article s JOIN article_version a ON a.pk = s.article_pk
                WHERE s.story_id = new.story_id AND a.is_current),
        first_published = (SELECT min(a.published) FROM story_article s JOIN article_version a ON a.pk = s.article_pk
                           WHERE s.story_id = new.story_id AND a.is_current),
        last_published = (SELECT max(a.published) FROM story_article s JOIN article_version a ON a.pk = s.article_pk
                          WHERE s.story_id = new.story_id AND a.is_current)
    WHERE id = new.story_id;
END;

CREATE TRIGGER story_article_ad AFTER DELETE ON story_article BEGIN
    DELETE FROM story WHERE id = old.story_id
        AND NOT EXISTS (SELECT 1 FROM story_article WHERE story_id = old.story_id);
    UPDATE story SET
        size = (SELECT count(*) FROM story_article s JOIN article_version a ON a.pk = s.article_pk
                WHERE s.story_id = old.story_id AND a.is_current),
        first_published = (SELECT min(a.published) FROM story_article s JOIN article_version a ON a.pk = s.article_pk
                           WHERE s.story_id = old.story_id AND a.is_current),
        last_published = (SELECT max(a.published) FROM story_article s JOIN article_version a ON a.pk = s.article_pk
                          WHERE s.story_id = old.story_id AND a.is_current)
    WHERE id = old.story_id;
END;
"""
