"""The Python API. Each CLI command is a thin wrapper over one method here.

    from newsledger import Ledger
    ledger = Ledger("newsledger.db")
    report = ledger.ingest(["articles/"])
    for row in ledger.articles():
        print(row["id"], row["title"])
    ledger.export("articles", "articles.jsonl")
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from newsledger.engines import AnalysisResult, Failure, make_engine, tagged
from newsledger.errors import Messages, UsageError
from newsledger.fusion import drop_articles, facts_of, fuse_articles
from newsledger.kb import KnowledgeBase, load_kb
from newsledger.ingest.readers import DEFAULT_MAX_SIZE, Problem, Source, expand, read
from newsledger.model import Article, Document, PartialDate
from newsledger.pipeline import Pipeline
from newsledger.stages import DEFAULT_STAGES
from newsledger.store import Store
from newsledger.where import Where

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

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        stages: Iterable[str] | None = None,
        kb: Iterable[str | os.PathLike[str]] = (),
        parse: str = "all",
    ) -> None:
        """`parse`: "all" parses every sentence of an English article; "events" only the
        paragraphs that could report an event (faster: the others get no syntax
        and no named entities, so names the knowledge base lacks are not
        recorded there; see events/prepass.py); "events+names" runs the
        named-entity recogniser on the others too."""
        self.store = Store(path)
        self.parse = parse
        self.path = self.store.path
        self.stage_names = list(stages) if stages is not None else list(DEFAULT_STAGES)
        self.kb_paths = [os.fspath(p) for p in kb]
        self._kb: KnowledgeBase | None = None

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base: the built-in one with the user's files on top."""
        if self._kb is None:
            self._kb = load_kb(self.kb_paths)
        return self._kb

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ------------------------------------------------------------------------------

    def pipeline_config(self, *, published: PartialDate | None = None) -> dict[str, dict[str, Any]]:
        return {
            "newsledger.published.v1": {"published": published},
            "newsledger.spacy.v1": {"parse": self.parse},
            "newsledger.entities.v1": {"kb": self.kb_paths},
            "newsledger.events.v1": {"kb": self.kb_paths},
        }

    def pipeline(self, *, published: PartialDate | None = None) -> Pipeline:
        return Pipeline(self.stage_names, self.pipeline_config(published=published))

    def ingest(
        self,
        paths: Iterable[str],
        *,
        published: str | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
        batch_size: int = DEFAULT_BATCH,
        progress: Progress | None = None,
        stdin: IO[str] | None = None,
        workers: int | None = 1,
        engine: str = "local",
        address: str | None = None,
    ) -> IngestReport:
        """Read articles from files, directories, globs or '-' (JSON Lines on stdin) into the store.

        Re-ingesting the same article is a no-op; a changed text under the same id
        becomes a new version; new metadata for the same text updates it in place.
        The analysis runs on `engine` ("local" or "ray") with `workers` workers
        (None: this machine's cores, or the Ray cluster's CPUs); one local worker
        analyses in this process. `address` is a Ray cluster's ("auto", "ray://HOST:10001").
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
        if "newsledger.entities.v1" in self.stage_names:
            self.store.sync_entities(self.kb)
        sources, problems = expand(paths)
        run = self.store.start_run(paths)
        pending_problems: list[Problem] = list(problems)
        report.problems.extend(problems)
        # made and not yet written (a batch may be in flight): id -> (content hash, meta hash)
        in_flight: dict[str, tuple[str, str]] = {}
        counted = 0  # articles made and queued, for the progress display
        done_bytes = 0

        def problem(where: str, message: str, severity: str = "error") -> None:
            item = Problem(where, message, severity)
            report.problems.append(item)
            pending_problems.append(item)

        fusing = "newsledger.events.v1" in self.stage_names

        def made() -> Iterator[tuple[list[tuple[str, str]], list[Document]]]:
            """Batches of made documents, each with its documents' (meta hash, where)."""
            nonlocal done_bytes, counted
            docs: list[Document] = []
            tags: list[tuple[str, str]] = []
            for source in sources:
                for item in read(source, max_size=max_size, stdin=stdin):
                    if isinstance(item, Problem):
                        report.problems.append(item)
                        pending_problems.append(item)
                        continue
                    where = _where(item)
                    try:
                        doc = pipeline.make_doc(item)
                    except Exception as err:  # cleaning failed on this article: report it, keep the others
                        problem(where, f"cleaning failed ({type(err).__name__}: {err}); please report this article")
                        continue
                    meta = _meta_hash(item, forced)
                    if self._unchanged(doc, meta, in_flight):
                        report.unchanged += 1
                        continue
                    in_flight[doc.id] = (doc.content_hash, meta)
                    docs.append(doc)
                    tags.append((meta, where))
                    counted += 1
                    if len(docs) >= batch_size:
                        yield tags, docs
                        docs, tags = [], []
                    if progress:
                        progress(done_bytes, report.unchanged + counted)
                done_bytes += source.size
                if progress:
                    progress(done_bytes, report.unchanged + counted)
            if docs:
                yield tags, docs

        def write(tags: list[tuple[str, str]], results: list[AnalysisResult]) -> None:
            with self.store.atomic() as conn:
                written = []
                for (meta, where), result in zip(tags, results):
                    if isinstance(result, Failure):  # this article breaks a stage: report it, keep the others
                        problem(where, f"{result.message}; please report this article")
                        continue
                    for warning in result.warnings:
                        problem(where, warning, "warning")
                    status = self.store.write_document(result, meta_hash=meta)
                    self._count(report, result, status)
                    if status != "unchanged":
                        written.append(result.id)
                if fusing and written:
                    fuse_articles(conn, self.kb, written)
                self.store.record_problems(run, [(p.severity, p.where, p.message) for p in pending_problems])
            pending_problems.clear()
            for (meta, _), result in zip(tags, results):  # written (or failed): the store answers for them now
                if isinstance(result, Failure):
                    if in_flight.get(result.doc_id, ("", ""))[1] == meta:
                        del in_flight[result.doc_id]
                elif in_flight.get(result.id) == (result.content_hash, meta):
                    del in_flight[result.id]

        with make_engine(
            engine, workers=workers, stages=self.stage_names, config=self.pipeline_config(published=forced),
            address=address, pipeline=pipeline,
        ) as analyser:
            for tags, results in tagged(analyser, made()):
                write(tags, results)
        if pending_problems:  # problems after the last batch (or a run with nothing to analyse)
            write([], [])
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

    def analysis(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """An article's mentions, time expressions and amounts (offsets into its raw text)."""
        pk = self.article(article_id)["pk"]
        q = self.store.query
        return {
            "mentions": [dict(r) for r in q(
                'SELECT m.start, m."end", m.text, m.type, m.entity_id, e.name AS entity_name, e.wikidata, m.how, m.confidence '
                "FROM entity_mention m LEFT JOIN entity e ON e.id = m.entity_id WHERE m.article_pk = ? ORDER BY m.start", (pk,))],
            "timexes": [dict(r) for r in q(
                'SELECT start, "end", text, type, value, mod, anchored, uncertain FROM article_timex WHERE article_pk = ? ORDER BY start', (pk,))],
            "amounts": [dict(r) for r in q(
                'SELECT start, "end", text, kind, value, unit, usd, fx_year, bound, vague FROM article_amount WHERE article_pk = ? ORDER BY start', (pk,))],
        }

    def entities(self, *, type: str | None = None, linked: bool | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """What the store's articles mention, most mentioned first: KB entities and unlinked names."""
        where = ["1"]
        params: list[Any] = []
        if type:
            where.append("m.type = ?")
            params.append(type)
        if linked is True:
            where.append("m.entity_id IS NOT NULL")
        elif linked is False:
            where.append("m.entity_id IS NULL")
        sql = f"""
            SELECT m.entity_id AS id, coalesce(e.name, m.text) AS name, m.type, e.wikidata,
                   count(*) AS mentions, count(DISTINCT m.article_pk) AS articles
            FROM entity_mention m JOIN article a ON a.pk = m.article_pk
            LEFT JOIN entity e ON e.id = m.entity_id
            WHERE {" AND ".join(where)}
            GROUP BY coalesce(m.entity_id, m.type || ':' || m.text)
            ORDER BY mentions DESC, name
        """
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [dict(r) for r in self.store.query(sql, tuple(params))]

    def events(
        self,
        *,
        type: str | None = None,
        entity: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Document-level events, oldest first; `entity` is a KB id or a name as written."""
        where = Where().equals("e.type", type).equals("a.id", article).window("e.date", since, until)
        if entity:
            ids = self.resolve_entity(entity)
            marks = ", ".join("?" for _ in ids)
            where.add(f"e.pk IN (SELECT event_pk FROM event_role WHERE entity_id IN ({marks}) OR value = ?)", *ids, entity)
        params = where.params
        sql = f"""
            SELECT e.pk, a.id AS article_id, a.published, a.source, e.type, e.status, e.date, e.roles, e.confidence,
                   e.plover, e.cameo, e.extractor
            FROM event e JOIN article a ON a.pk = e.article_pk
            WHERE {where.sql}
            ORDER BY e.date IS NULL, e.date, a.id, e.idx
        """
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        rows = [dict(r) for r in self.store.query(sql, tuple(params))]
        evidence: dict[int, list[dict[str, Any]]] = {}
        if rows:
            marks = ", ".join("?" for _ in rows)
            for r in self.store.query(
                f'SELECT event_pk, start, "end", trigger_start, trigger_end, text FROM event_evidence WHERE event_pk IN ({marks}) ORDER BY start',
                tuple(r["pk"] for r in rows),
            ):
                evidence.setdefault(r["event_pk"], []).append({k: r[k] for k in ("start", "end", "trigger_start", "trigger_end", "text")})
        for row in rows:
            row["roles"] = json.loads(row["roles"])
            row["evidence"] = evidence.get(row["pk"], [])
        return rows

    def resolve_entity(self, name: str) -> list[str]:
        """KB ids a user's name for an entity can mean: an id, a name, an alias, a demonym."""
        if name in self.kb:
            return [name]
        from newsledger.link.gazetteer import fold

        key = fold(name.strip())
        found = []
        for entity in self.kb.entities():
            forms = (entity.name, *entity.aliases, *(entity.data.get("demonyms") or ()))
            if any(fold(f) == key for f in forms):
                found.append(entity.id)
        return found or [name]

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
            "mentions": dict(zip(("total", "linked"), q("SELECT count(*), count(entity_id) FROM entity_mention m JOIN article a ON a.pk = m.article_pk")[0])),
            "timexes": q("SELECT count(*) FROM article_timex t JOIN article a ON a.pk = t.article_pk")[0][0],
            "amounts": q("SELECT count(*) FROM article_amount x JOIN article a ON a.pk = x.article_pk")[0][0],
            "events": {r[0]: r[1] for r in q("SELECT e.type, count(*) FROM event e JOIN article a ON a.pk = e.article_pk GROUP BY e.type ORDER BY 2 DESC")},
            "facts": {
                "total": q("SELECT count(*) FROM fact")[0][0],
                "multi_source": q("SELECT count(*) FROM fact WHERE sources > 1")[0][0],
                "contradicted": q("SELECT count(DISTINCT fact_id) FROM fact_contradiction")[0][0],
            },
            "runs": q("SELECT count(*) FROM ingest_run")[0][0],
            "interrupted_runs": q("SELECT count(*) FROM ingest_run WHERE finished_at IS NULL")[0][0],
        }

    def search(self, query: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Sentences of current articles that match a full-text query, best first (BM25)."""
        from newsledger.search import search_sentences

        return search_sentences(self.store.conn, query, limit=limit)

    def remove(self, article_ids: Iterable[str]) -> int:
        """Delete articles (every version) and their support from facts; facts left with none go."""
        article_ids = list(article_ids)
        with self.store.atomic() as conn:
            touched = facts_of(conn, article_ids)
            removed = 0
            for article_id in article_ids:
                cur = conn.execute("DELETE FROM article_version WHERE article_id = ?", (article_id,))
                if cur.rowcount == 0:
                    raise UsageError(Messages.UNKNOWN_ARTICLE.format(id=article_id, db=self.path))
                removed += 1
            marks = ", ".join("?" for _ in article_ids)
            conn.execute(f"DELETE FROM fact_source WHERE article_id IN ({marks})", article_ids)
            drop_articles(conn, self.kb, touched)
        return removed

    # -- facts -------------------------------------------------------------------------------

    def facts(
        self,
        *,
        type: str | None = None,
        entity: str | None = None,
        as_of: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Facts, oldest first. `as_of` gives what the ledger knew on that date (reports published by then)."""
        from newsledger.facts import query_facts

        return query_facts(self, type=type, entity=entity, as_of=as_of, since=since, until=until, limit=limit)

    def fact(self, fact_id: str, *, as_of: str | None = None) -> dict[str, Any]:
        """One fact with its sources and their evidence, its history and contradictions."""
        from newsledger.facts import get_fact

        return get_fact(self, fact_id, as_of=as_of)

    def ask(self, question: str, *, llm: str | None = None, today: dt.date | None = None) -> Any:
        """Answer a question from the facts, with citations; `llm` rephrases through an OpenAI-compatible endpoint."""
        from newsledger.ask import ask

        answer = ask(self, question, today=today)
        if llm:
            from newsledger.ask.llm import rephrase

            answer.parsed["llm"] = rephrase(llm, answer)
        return answer

    def timeline(self, *, entities: Iterable[str] = (), type: str | None = None, since: str | None = None,
                 until: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
        """Facts in date order with their precision, status and source count."""
        from newsledger.answers import timeline

        return timeline(self, entities=entities, type=type, since=since, until=until, as_of=as_of)

    def dossier(self, name: str, *, as_of: str | None = None) -> dict[str, Any]:
        """Everything about one entity: what it is, its facts by role, counterparties, timeline, sources."""
        from newsledger.answers import dossier

        return dossier(self, name, as_of=as_of)

    def graph(self, *, type: str = "arms_transfer", since: str | None = None, until: str | None = None,
              as_of: str | None = None) -> Any:
        """The who-arms-whom (or who-meets-whom) graph as a networkx graph."""
        from newsledger.answers import graph

        return graph(self, type=type, since=since, until=until, as_of=as_of)

    def stories(self, *, min_size: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
        """Stories (groups of articles about one news event), largest first, with their articles."""
        from newsledger.stories.query import story_members

        sql = "SELECT id, title, first_published, last_published, size FROM story WHERE size >= ? ORDER BY size DESC, first_published"
        params: list[Any] = [min_size]
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        rows = [dict(r) for r in self.store.query(sql, tuple(params))]
        for row in rows:
            row["articles"] = story_members(self.store.conn, row["id"])
        return rows

    def reconcile(self, register: str | os.PathLike[str]) -> Any:
        """Compare the arms-transfer facts with a SIPRI trade register (CSV as SIPRI exports it)."""
        from newsledger.sipri import read_register, reconcile

        rows = read_register(register, self.kb)
        return reconcile(self.facts(type="arms_transfer"), rows, self.kb)

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
