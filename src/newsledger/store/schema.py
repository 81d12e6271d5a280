"""The store's schema, as named forward migrations.

A migration is applied once, inside a transaction, and recorded in the
`migrations` table; `PRAGMA user_version` holds how many have run, so a newer
store opened by an older newsledger is refused instead of misread. Tables are
grouped by prefix (`article_*`, `ingest_*`, later `entity_*`, `event_*`,
`fact_*`) so that `datasette newsledger.db` shows a readable catalogue.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE article_version (
            pk INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            is_current INTEGER NOT NULL DEFAULT 1,
            content_hash TEXT NOT NULL,  -- of the normalised cleaned text: same hash, same article
            meta_hash TEXT NOT NULL,     -- of the metadata given (title, url, source, date, language)
            title TEXT,
            url TEXT,
            source TEXT,
            published TEXT,              -- ISO 8601 at its precision: 2021, 2021-12, 2021-12-06
            published_precision TEXT,    -- year, month, day; NULL when unknown
            published_source TEXT,       -- metadata, cli, htmldate, dateline, feed
            language TEXT,               -- ISO 639-1
            language_score REAL,
            text TEXT NOT NULL,          -- cleaned text the pipeline read
            raw_text TEXT NOT NULL,      -- text as ingested; every stored offset points into it
            offset_map TEXT NOT NULL,    -- JSON runs [clean_start, raw_start, length] aligning text to raw_text
            markup TEXT,                 -- the HTML page, for articles ingested from HTML
            input_path TEXT,
            input_format TEXT NOT NULL,  -- text, html, jsonl, feed, warc
            input_line INTEGER,          -- line of a JSON Lines file, entry of a feed
            warnings TEXT NOT NULL DEFAULT '[]',
            pipeline TEXT NOT NULL DEFAULT '[]',  -- the stages that produced the derived rows
            ingested_at TEXT NOT NULL,
            UNIQUE (article_id, version)
        );
        CREATE UNIQUE INDEX article_version_current ON article_version (article_id) WHERE is_current;
        CREATE INDEX article_version_published ON article_version (published);

        -- The current version of every article: what queries read.
        CREATE VIEW article AS
            SELECT pk, article_id AS id, version, content_hash, title, url, source, published,
                   published_precision, published_source, language, language_score, text, raw_text,
                   input_path, input_format, ingested_at
            FROM article_version WHERE is_current;

        CREATE TABLE article_removed (
            article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
            start INTEGER NOT NULL,      -- offsets into raw_text
            "end" INTEGER NOT NULL,
            rule TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX article_removed_article ON article_removed (article_pk);

        CREATE TABLE article_sentence (
            pk INTEGER PRIMARY KEY,
            article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,      -- offsets into raw_text
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_pk, idx)
        );
        CREATE VIRTUAL TABLE article_sentence_fts USING fts5 (
            text, content='article_sentence', content_rowid='pk', tokenize='porter unicode61'
        );
        CREATE TRIGGER article_sentence_ai AFTER INSERT ON article_sentence BEGIN
            INSERT INTO article_sentence_fts (rowid, text) VALUES (new.pk, new.text);
        END;
        CREATE TRIGGER article_sentence_ad AFTER DELETE ON article_sentence BEGIN
            INSERT INTO article_sentence_fts (article_sentence_fts, rowid, text) VALUES ('delete', old.pk, old.text);
        END;

        CREATE TABLE ingest_run (
            pk INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,            -- NULL: the run was interrupted
            inputs TEXT NOT NULL,        -- JSON list of the paths given
            ingested INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            new_versions INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE ingest_problem (
            run_pk INTEGER NOT NULL REFERENCES ingest_run (pk) ON DELETE CASCADE,
            severity TEXT NOT NULL,      -- error: not stored; warning: stored with a caveat
            "where" TEXT NOT NULL,
            message TEXT NOT NULL
        );
        """,
    ),
]
