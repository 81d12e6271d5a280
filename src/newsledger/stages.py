"""The built-in stages. Importing this module registers them.

    newsledger.clean.v1      Article -> Document: boilerplate removed, mojibake repaired, content hash
    newsledger.language.v1   language and its probability (py3langid)
    newsledger.published.v1  publication date: run option, metadata, HTML page or dateline
    newsledger.sentences.v1  sentence boundaries by rule (fast; the spaCy stage replaces them)
    newsledger.spacy.v1, .dates.v1, .entities.v1, .amounts.v1   understanding (understand.py)
    newsledger.events.v1     document-level events (events/)
    newsledger.stories.v1    MinHash + sentence embedding: stories of duplicates and same-event articles
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.errors import Messages
from newsledger.ingest.clean import clean_text, content_hash
from newsledger.ingest.language import detect_language
from newsledger.ingest.published import dateline_date, parse_date
from newsledger.model import Article, Document, PartialDate, Sentence
from newsledger.pipeline import StageFn, stage

DEFAULT_STAGES = (
    "newsledger.clean.v1",
    "newsledger.language.v1",
    "newsledger.published.v1",
    "newsledger.sentences.v1",
    "newsledger.spacy.v1",
    "newsledger.dates.v1",
    "newsledger.entities.v1",
    "newsledger.amounts.v1",
    "newsledger.events.v1",
    "newsledger.stories.v1",
)


@stage("newsledger.clean.v1", assigns=("text", "offsets", "content_hash", "removed", "id"))
def make_clean(config: dict[str, Any]) -> StageFn:
    def clean(article: Article) -> Document:  # type: ignore[misc]
        text, offsets, removed = clean_text(article.raw_text)
        digest = content_hash(text)
        return Document(
            article=article,
            id=article.id or digest[:16],
            text=text,
            offsets=offsets,
            content_hash=digest,
            removed=removed,
            warnings=list(article.warnings),
        )

    return clean  # type: ignore[return-value]


@stage("newsledger.language.v1", requires=("text",), assigns=("language",))
def make_language(config: dict[str, Any]) -> StageFn:
    def language(doc: Document) -> Document:
        detected, score = detect_language(doc.text)
        declared = (doc.article.language or "").strip().lower()[:2] or None
        doc.language = declared or detected
        doc.language_score = score if (declared is None or declared == detected) else None
        if doc.language and doc.language != "en":
            doc.warnings.append(Messages.NOT_ENGLISH.format(language=doc.language))
        return doc

    return language


@stage("newsledger.published.v1", requires=("text",), assigns=("published",))
def make_published(config: dict[str, Any]) -> StageFn:
    """`config["published"]` (the run's --published) wins over everything the article says."""
    forced: PartialDate | None = config.get("published")

    def published(doc: Document) -> Document:
        if forced is not None:
            doc.published = forced
            return doc
        given = doc.article.published
        if given:
            source = {"html": "htmldate", "warc": "htmldate", "feed": "feed"}.get(doc.article.input_format, "metadata")
            doc.published = parse_date(given, source=source)
            if doc.published is None:
                doc.warnings.append(Messages.BAD_DATE.format(value=given))
        if doc.published is None:
            doc.published = dateline_date(doc.text)
        return doc

    return published


# A sentence ends at . ! ? (and a closing quote or bracket) before white space and
# a capital, digit or opening quote; paragraph breaks always end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
# Abbreviations whose full stop does not end a sentence in news text.
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Adm|Sgt|Rep|Sen|Gov|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|e\.g|i\.e|vs|approx)\.$"
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans by rule: fast, and good enough for full-text search."""
    sentences: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text[max(start, m.start() - 8) : m.start()]):
            continue
        _append(sentences, text, start, m.start())
        start = m.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        sentences.append(Sentence(start + lead, start + lead + len(stripped)))


@stage("newsledger.sentences.v1", requires=("text",), assigns=("sentences",))
def make_sentences(config: dict[str, Any]) -> StageFn:
    def sentences(doc: Document) -> Document:
        doc.sentences = split_sentences(doc.text)
        return doc

    return sentences


# The understanding stages register themselves on import.
from newsledger import events, stories, understand  # noqa: E402,F401
