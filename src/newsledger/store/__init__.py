"""The ledger's SQLite store: one file, WAL mode, foreign keys on, migrations recorded.

All writes go through `Store.atomic()` (BEGIN IMMEDIATE … COMMIT), one batch of
documents per transaction, so a run killed at any moment leaves the store as it
was after the last whole batch; rerunning the same command finds the committed
articles unchanged and stores the rest. Readers open their own connections.

Later stages add their own tables by registering a `Layer`: its migration name
and SQL, how to write a document's rows and which tables hold them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from newsledger.errors import Messages, StoreError
from newsledger.kb import KnowledgeBase
from newsledger.model import Document
from newsledger.store.schema import MIGRATIONS

DEFAULT_DB = "newsledger.db"


def default_path() -> str:
    return os.environ.get("NEWSLEDGER_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class Layer:
    """Tables a stage adds to the store, and how a document's rows get there."""

    name: str
    migrations: tuple[tuple[str, str], ...]
    tables: tuple[str, ...]  # hold rows keyed by article_pk, replaced when an article is re-analysed
    write: Callable[[sqlite3.Connection, int, Document], None]


_LAYERS: dict[str, Layer] = {}


def register_layer(layer: Layer) -> Layer:
    _LAYERS[layer.name] = layer
    return layer


def _all_migrations() -> list[tuple[str, str]]:
    from newsledger import layers  # noqa: F401  (registers the built-in layers)

    found = list(MIGRATIONS)
    for layer in _LAYERS.values():
        found.extend(layer.migrations)
    return found


@dataclass(frozen=True, slots=True)
class Current:
    """What the store holds for an article id."""

    pk: int
    version: int
    content_hash: str
    meta_hash: str


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


CACHE_KIB = 64 * 1024  # the connection's page cache, KiB


class Store:
    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = os.fspath(path) if path is not None else default_path()
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise StoreError(Messages.NOT_A_LEDGER.format(db=self.path, reason=err)) from err
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            # SQLite's default page cache is 2 MB: a dossier of a state on a 100,000-article store reads more
            # than that, and re-reads evicted pages through the OS (dossier p95 there: 16-21 ms with 64 MB,
            # 26-46 ms without, three runs each). 64 MB is a cap, not an allocation.
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._migrate()
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(Messages.NOT_A_LEDGER.format(db=self.path, reason=err)) from err

    # -- schema ------------------------------------------------------------------------------

    def _migrate(self) -> None:
        migrations = _all_migrations()
        with self.atomic() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
            known = {name for name, _ in migrations}
            unknown = done - known
            if unknown:
                raise StoreError(
                    Messages.NEWER_SCHEMA.format(db=self.path, found=", ".join(sorted(unknown)), known=len(known))
                )
            for name, sql in migrations:
                if name in done:
                    continue
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            conn.execute(f"PRAGMA user_version = {len(known)}")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested use joins the outer one."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- articles ----------------------------------------------------------------------------

    def current(self, article_id: str) -> Current | None:
        row = self.conn.execute(
            "SELECT pk, version, content_hash, meta_hash FROM article_version WHERE article_id = ? AND is_current",
            (article_id,),
        ).fetchone()
        return Current(row[0], row[1], row[2], row[3]) if row else None

    def write_document(self, doc: Document, *, meta_hash: str) -> str:
        """Store one analysed document and say what happened to it.

        'new' (first version), 'new_version' (the text changed; the old version is
        kept), 'updated' (same text, new metadata; derived rows rewritten) or
        'unchanged'. Call inside `atomic()`: the batch is the unit of durability.
        """
        conn = self.conn
        previous = self.current(doc.id)
        columns = _article_columns(doc, meta_hash)
        if previous is not None and previous.content_hash == doc.content_hash:
            if previous.meta_hash == meta_hash:
                return "unchanged"
            status, pk = "updated", previous.pk
            assignments = ", ".join(f"{k} = ?" for k in columns)
            conn.execute(f"UPDATE article_version SET {assignments} WHERE pk = ?", (*columns.values(), pk))
            for table in ["article_removed", "article_sentence", *self._layer_tables()]:
                conn.execute(f"DELETE FROM {table} WHERE article_pk = ?", (pk,))
        else:
            status, version = "new", 1
            if previous is not None:
                conn.execute("UPDATE article_version SET is_current = 0 WHERE pk = ?", (previous.pk,))
                status, version = "new_version", previous.version + 1
            columns.update(article_id=doc.id, version=version, is_current=1)
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            cur = conn.execute(f"INSERT INTO article_version ({names}) VALUES ({marks})", tuple(columns.values()))
            pk = int(cur.lastrowid or 0)
        conn.executemany(
            'INSERT INTO article_removed (article_pk, start, "end", rule, text) VALUES (?, ?, ?, ?, ?)',
            [(pk, r.start, r.end, r.rule, r.text) for r in doc.removed],
        )
        rows = []
        for idx, sentence in enumerate(doc.sentences):
            start, end = doc.to_raw(sentence.start, sentence.end)
            rows.append((pk, idx, start, end, doc.text[sentence.start : sentence.end]))
        conn.executemany('INSERT INTO article_sentence (article_pk, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)', rows)
        for layer in _LAYERS.values():
            layer.write(conn, pk, doc)
        return status

    def _layer_tables(self) -> list[str]:
        return [t for layer in _LAYERS.values() for t in layer.tables]

    def sync_entities(self, kb: KnowledgeBase) -> None:
        """Copy the knowledge base into the `entity` table when it changed since the last run."""
        known = self.conn.execute("SELECT value FROM ledger_meta WHERE key = 'kb_hash'").fetchone()
        if known is not None and known[0] == kb.hash:
            return
        rows = []
        for e in kb.entities():
            rest = {k: v for k, v in e.data.items() if k not in ("state", "origin", "kind", "category")}
            rows.append((
                e.id, e.type, e.name, e.wikidata, e.state, e.data.get("kind"), e.data.get("category"),
                json.dumps(list(e.aliases), ensure_ascii=False), json.dumps(rest, ensure_ascii=False, default=str),
            ))
        with self.atomic() as conn:
            conn.execute("DELETE FROM entity")
            conn.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.execute("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('kb_hash', ?)", (kb.hash,))

    # -- runs --------------------------------------------------------------------------------

    def start_run(self, inputs: list[str]) -> int:
        with self.atomic() as conn:
            cur = conn.execute("INSERT INTO ingest_run (started_at, inputs) VALUES (?, ?)", (_now(), json.dumps(inputs)))
            return int(cur.lastrowid or 0)

    def record_problems(self, run_pk: int, problems: list[tuple[str, str, str]]) -> None:
        """(severity, where, message) rows; call inside `atomic()`."""
        self.conn.executemany(
            'INSERT INTO ingest_problem (run_pk, severity, "where", message) VALUES (?, ?, ?, ?)',
            [(run_pk, *p) for p in problems],
        )

    def finish_run(self, run_pk: int, counts: dict[str, int]) -> None:
        with self.atomic() as conn:
            conn.execute(
                "UPDATE ingest_run SET finished_at = ?, ingested = ?, unchanged = ?, new_versions = ?, updated = ?, failed = ? WHERE pk = ?",
                (_now(), counts.get("ingested", 0), counts.get("unchanged", 0), counts.get("new_versions", 0),
                 counts.get("updated", 0), counts.get("failed", 0), run_pk),
            )

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()


def _article_columns(doc: Document, meta_hash: str) -> dict[str, Any]:
    article = doc.article
    return {
        "content_hash": doc.content_hash,
        "meta_hash": meta_hash,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": doc.published.value if doc.published else None,
        "published_precision": doc.published.precision if doc.published else None,
        "published_source": doc.published.source if doc.published else None,
        "language": doc.language,
        "language_score": doc.language_score,
        "text": doc.text,
        "raw_text": article.raw_text,
        "offset_map": json.dumps(doc.offsets.to_list()),
        "markup": article.markup,
        "input_path": article.input_path,
        "input_format": article.input_format,
        "input_line": article.input_line,
        "warnings": json.dumps(doc.warnings),
        "pipeline": json.dumps(doc.stages),
        "ingested_at": _now(),
    }


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
