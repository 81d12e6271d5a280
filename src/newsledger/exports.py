"""Export formats, registered by name. Later stages add theirs with `@export_format`.

An exporter writes records to a text stream and returns how many it wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from newsledger.errors import Messages, UsageError

if TYPE_CHECKING:
    from newsledger.ledger import Ledger

Exporter = Callable[..., int]
_EXPORTERS: dict[str, tuple[Exporter, str]] = {}


def export_format(name: str, description: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        _EXPORTERS[name] = (fn, description)
        return fn

    return register


def formats() -> dict[str, str]:
    """Format name → one-line description."""
    return {name: desc for name, (_, desc) in sorted(_EXPORTERS.items())}


def exporter(name: str) -> Exporter:
    if name not in _EXPORTERS:
        raise UsageError(Messages.UNKNOWN_FORMAT.format(name=name, known=", ".join(sorted(_EXPORTERS))))
    return _EXPORTERS[name][0]


def write_jsonl(out: IO[str], record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


@export_format("articles", "one JSON object per current article: metadata, cleaned and raw text, removed boilerplate")
def export_articles(ledger: Ledger, out: IO[str]) -> int:
    count = 0
    removed: dict[int, list[dict[str, Any]]] = {}
    for row in ledger.iter_rows('SELECT r.article_pk, r.start, r."end", r.rule, r.text FROM article_removed r JOIN article a ON a.pk = r.article_pk ORDER BY r.article_pk, r.start'):
        removed.setdefault(row.pop("article_pk"), []).append(row)
    for row in ledger.iter_rows(
        "SELECT pk, id, title, url, source, published, published_precision, language, text, raw_text, content_hash, version FROM article ORDER BY id"
    ):
        pk = row.pop("pk")
        precision = row.pop("published_precision")
        row["published"] = {"value": row["published"], "precision": precision} if row["published"] else None
        row["removed"] = removed.get(pk, [])
        write_jsonl(out, row)
        count += 1
    return count


@export_format("timex", "one JSON object per time expression: doc, start, end (raw-text offsets), text, type, value")
def export_timex(ledger: Ledger, out: IO[str]) -> int:
    count = 0
    for row in ledger.iter_rows(
        'SELECT a.id AS doc, t.start, t."end", t.text, t.type, t.value, t.mod FROM article_timex t '
        "JOIN article a ON a.pk = t.article_pk ORDER BY a.id, t.start"
    ):
        if row["mod"] is None:
            del row["mod"]
        write_jsonl(out, row)
        count += 1
    return count


@export_format("mentions", "one JSON object per entity mention: doc, start, end, text, type, entity (KB id), how, confidence")
def export_mentions(ledger: Ledger, out: IO[str]) -> int:
    count = 0
    for row in ledger.iter_rows(
        'SELECT a.id AS doc, m.start, m."end", m.text, m.type, m.entity_id AS entity, e.wikidata, m.how, m.confidence '
        "FROM entity_mention m JOIN article a ON a.pk = m.article_pk LEFT JOIN entity e ON e.id = m.entity_id "
        "ORDER BY a.id, m.start"
    ):
        write_jsonl(out, row)
        count += 1
    return count


@export_format("events", "one JSON object per document-level event: doc, type, roles, evidence, confidence, plover, cameo, spans")
def export_events(ledger: Ledger, out: IO[str]) -> int:
    evidence: dict[int, list[dict[str, Any]]] = {}
    for row in ledger.iter_rows(
        'SELECT v.event_pk, v.start, v."end", v.trigger_start, v.trigger_end, v.text FROM event_evidence v '
        "JOIN event e ON e.pk = v.event_pk JOIN article a ON a.pk = e.article_pk ORDER BY v.event_pk, v.start"
    ):
        evidence.setdefault(row.pop("event_pk"), []).append(row)
    count = 0
    for row in ledger.iter_rows(
        "SELECT e.pk, a.id AS doc, e.type, e.roles, e.confidence, e.plover, e.plover_mode, e.cameo, e.extractor "
        "FROM event e JOIN article a ON a.pk = e.article_pk ORDER BY a.id, e.idx"
    ):
        spans = evidence.get(row["pk"], [])
        record = {
            "doc": row["doc"],
            "type": row["type"],
            "roles": json.loads(row["roles"]),
            "evidence": spans[0]["text"] if spans else "",
            "confidence": row["confidence"],
            "plover": {"type": row["plover"], "mode": row["plover_mode"]},
            "cameo": row["cameo"],
            "spans": [{"start": s["start"], "end": s["end"], "trigger": [s["trigger_start"], s["trigger_end"]], "text": s["text"]} for s in spans],
            "extractor": row["extractor"],
        }
        write_jsonl(out, record)
        count += 1
    return count


@export_format("facts", "one JSON object per fact: id, type, roles, sources, first/last reported, history, contradictions")
def export_facts(ledger: Ledger, out: IO[str], *, as_of: str | None = None) -> int:
    count = 0
    for fact in ledger.facts(as_of=as_of):
        write_jsonl(out, fact)
        count += 1
    return count


import newsledger.answers  # noqa: E402,F401  registers csv, events-csv, parquet, events-parquet, sipri, plover, graphml, gexf
