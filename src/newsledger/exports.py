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
