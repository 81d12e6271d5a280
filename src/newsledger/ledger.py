"""The Python API. Each CLI command is a thin wrapper over one method here.

    from newsledger import Ledger
    ledger = Ledger("newsledger.db")
    report = ledger.ingest(["articles/"])
    for row in ledger.articles():
        print(row["id"], row["title"])
    ledger.export("articles", "articles.jsonl")
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from newsledger.errors import InputError, Messages, UsageError
from newsledger.ingest.readers import DEFAULT_MAX_SIZE, Problem, Source, expand, read
from newsledger.model import Article, Document, PartialDate
from newsledger.pipeline import Pipeline
from newsledger.stages import DEFAULT_STAGES
from newsledger.store import Store

DEFAULT_BATCH = 32


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    ingested: int = 0
    unchanged: int = 0
    new_versions: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def processed(self) -> int:
        return self.ingested + self.new_versions + self.updated

    @property
    def rate(self) -> float:
        total = self.processed + self.unchanged
        return total / self.seconds if self.seconds else 0.0

    def counts(self) -> dict[str, int]:
        return {
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "new_versions": self.new_versions,
            "updated": self.updated,
            "failed": self.failed,
        }


# progress(bytes_done, articles_done)
Progress = Callable[[int, int], None]


def _meta_hash(article: Article, published: PartialDate | None) -> str:
    given = [article.title, article.url, article.source, published.value if published else article.published, article.language]
    return hashlib.sha256(json.dumps(given).encode("utf-8")).hexdigest()[:16]


class Ledger:
    """A newsledger store and the operations on it."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, stages: Iterable[str] | None = None) -> None:
        self.store = Store(path)
        self.path = self.store.path
        self.stage_names = list(stages) if stages is not None else list(DEFAULT_STAGES)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------------------------

    def pipeline(self, *, published: PartialDate | None = None) -> Pipeline:
        config: dict[str, dict[str, Any]] = {"newsledger.published.v1": {"published": published}}
        return Pipeline(self.stage_names, config)

    def ingest(
        self,
        paths: Iterable[str],
        *,
        published: str | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
        batch_size: int = DEFAULT_BATCH,
        progress: Progress | None = None,
        stdin: IO[str] | None = None,
    ) -> IngestReport:
        """Read articles from files, directories, globs or '-' (JSON Lines on stdin) into the store.

        Re-ingesting the same article is a no-op; a changed text under the same id
        becomes a new version; new metadata for the same text updates it in place.
        """
        paths = list(paths)
        forced = None
        if published:
            forced = PartialDate.parse(published, source="cli")
            if forced is None:
                raise UsageError(Messages.BAD_DATE.format(value=published))
        started = time.perf_counter()
        report = IngestReport()
        pipeline = self.pipeline(published=forced)
        sources, problems = expand(paths)
        run = self.store.start_run(paths)
        pending: list[tuple[Document, str]] = []
        pending_problems: list[Problem] = list(problems)
        report.problems.extend(problems)
        seen_in_batch: dict[str, tuple[str, str]] = {}
        done_bytes = 0

        def flush() -> None:
            with self.store.atomic():
                for doc, meta in pending:
                    status = self.store.write_document(doc, meta_hash=meta)
                    self._count(report, doc, status)
                self.store.record_problems(run, [(p.severity, p.where, p.message) for p in pending_problems])
            pending.clear()
            pending_problems.clear()
            seen_in_batch.clear()

        for source in sources:
            for item in read(source, max_size=max_size, stdin=stdin):
                if isinstance(item, Problem):
                    report.problems.append(item)
                    pending_problems.append(item)
                    continue
                where = _where(item)
                try:
                    doc = pipeline.make_doc(item)
                    meta = _meta_hash(item, forced)
                    if self._unchanged(doc, meta, seen_in_batch):
                        report.unchanged += 1
                        continue
                    doc = pipeline.analyse(doc)
                except InputError as err:
                    problem = Problem(where, err.message)
                    report.problems.append(problem)
                    pending_problems.append(problem)
                    continue
                except Exception as err:  # a stage failed on this article: report it, keep the others
                    problem = Problem(where, f"analysis failed ({type(err).__name__}: {err}); please report this article")
                    report.problems.append(problem)
                    pending_problems.append(problem)
                    continue
                for warning in doc.warnings:
                    problem = Problem(where, warning, severity="warning")
                    report.problems.append(problem)
                    pending_problems.append(problem)
                seen_in_batch[doc.id] = (doc.content_hash, meta)
                pending.append((doc, meta))
                if len(pending) >= batch_size:
                    flush()
                if progress:
                    progress(done_bytes, report.processed + report.unchanged + len(pending))
            done_bytes += source.size
            if progress:
                progress(done_bytes, report.processed + report.unchanged + len(pending))
        flush()
        report.seconds = time.perf_counter() - started
        self.store.finish_run(run, report.counts())
        return report

    def _unchanged(self, doc: Document, meta: str, seen: dict[str, tuple[str, str]]) -> bool:
        if seen.get(doc.id) == (doc.content_hash, meta):
            return True
        current = self.store.current(doc.id)
        return current is not None and (current.content_hash, current.meta_hash) == (doc.content_hash, meta)

    @staticmethod
    def _count(report: IngestReport, doc: Document, status: str) -> None:
        if status == "unchanged":
            report.unchanged += 1
            return
        if status == "new":
            report.ingested += 1
        elif status == "new_version":
            report.new_versions += 1
        elif status == "updated":
            report.updated += 1
        language = doc.language or "unknown"
        report.languages[language] = report.languages.get(language, 0) + 1

    # -- reading -----------------------------------------------------------------------------

    def articles(self, *, limit: int | None = None, language: str | None = None) -> list[dict[str, Any]]:
        """Current articles, newest publication first."""
        sql = "SELECT id, version, title, source, published, published_precision, language, length(text) AS chars FROM article"
        params: list[Any] = []
        if language:
            sql += " WHERE language = ?"
            params.append(language)
        sql += " ORDER BY published IS NULL, published DESC, id"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [dict(row) for row in self.store.query(sql, tuple(params))]

    def article(self, article_id: str, *, version: int | None = None) -> dict[str, Any]:
        """One article with its metadata, texts, removed boilerplate and versions."""
        if version is None:
            row = self.store.conn.execute(
                "SELECT * FROM article_version WHERE article_id = ? AND is_current", (article_id,)
            ).fetchone()
        else:
            row = self.store.conn.execute(
                "SELECT * FROM article_version WHERE article_id = ? AND version = ?", (article_id, version)
            ).fetchone()
        if row is None:
            raise UsageError(Messages.UNKNOWN_ARTICLE.format(id=article_id, db=self.path))
        data = dict(row)
        data["id"] = data.pop("article_id")
        data["warnings"] = json.loads(data["warnings"])
        data["pipeline"] = json.loads(data["pipeline"])
        data["removed"] = [
            dict(r) for r in self.store.query('SELECT start, "end", rule, text FROM article_removed WHERE article_pk = ? ORDER BY start', (row["pk"],))
        ]
        data["versions"] = [
            dict(r)
            for r in self.store.query(
                "SELECT version, content_hash, ingested_at, is_current FROM article_version WHERE article_id = ? ORDER BY version",
                (article_id,),
            )
        ]
        data["sentences"] = [
            dict(r) for r in self.store.query('SELECT idx, start, "end", text FROM article_sentence WHERE article_pk = ? ORDER BY idx', (row["pk"],))
        ]
        return data

    def stats(self) -> dict[str, Any]:
        """Counts that summarise the store."""
        q = self.store.query
        return {
            "path": self.path,
            "schema_version": self.store.schema_version(),
            "articles": q("SELECT count(*) FROM article")[0][0],
            "versions": q("SELECT count(*) FROM article_version")[0][0],
            "sentences": q("SELECT count(*) FROM article_sentence s JOIN article a ON a.pk = s.article_pk")[0][0],
            "languages": {r[0] or "unknown": r[1] for r in q("SELECT language, count(*) FROM article GROUP BY language ORDER BY 2 DESC")},
            "published": {
                "earliest": q("SELECT min(published) FROM article")[0][0],
                "latest": q("SELECT max(published) FROM article")[0][0],
                "unknown": q("SELECT count(*) FROM article WHERE published IS NULL")[0][0],
            },
            "sources": {r[0] or "unknown": r[1] for r in q("SELECT source, count(*) FROM article GROUP BY source ORDER BY 2 DESC LIMIT 10")},
            "runs": q("SELECT count(*) FROM ingest_run")[0][0],
            "interrupted_runs": q("SELECT count(*) FROM ingest_run WHERE finished_at IS NULL")[0][0],
        }

    def search(self, query: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Sentences of current articles that match a full-text query, best first (BM25)."""
        from newsledger.search import search_sentences

        return search_sentences(self.store.conn, query, limit=limit)

    # -- export ------------------------------------------------------------------------------

    def export(self, format: str, out: str | IO[str] = "-", **options: Any) -> int:
        """Write the store in `format` to a path or stream ('-' is stdout). Returns the number of records."""
        from newsledger.exports import exporter

        write = exporter(format)
        if isinstance(out, str) and out != "-":
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                return write(self, fh, **options)
        stream = sys.stdout if out == "-" else out
        return write(self, stream, **options)  # type: ignore[arg-type]

    def iter_rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
        for row in self.store.conn.execute(sql, params):
            yield dict(row)


def _where(article: Article) -> str:
    where = article.input_path or "<stdin>"
    if article.input_line is not None and article.input_format in ("jsonl", "feed"):
        where += f":{article.input_line}"
    return where


__all__ = ["Ledger", "IngestReport", "Source"]
