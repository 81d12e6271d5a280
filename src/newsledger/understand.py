"""The understanding stages: parse, entities, dates, amounts.

    newsledger.spacy.v1     the language model's parse; sentences from it
    newsledger.entities.v1  mentions linked to the knowledge base (layer "mentions")
    newsledger.dates.v1     time expressions as TIMEX3 values (layer "timexes")
    newsledger.amounts.v1   money, counts and measures (layer "amounts")

Only English text is parsed and analysed; other languages keep the rule-based
sentences, for search.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsledger import nlp
from newsledger.amounts import Amount, find_amounts
from newsledger.dates import Timex, find_timexes, infer_reference
from newsledger.errors import UsageError
from newsledger.kb import load_kb
from newsledger.link import Mention, linker_for
from newsledger.model import Document, Sentence, layer_type
from newsledger.pipeline import StageFn, stage

for _cls in (Mention, Timex, Amount):
    layer_type(_cls)

UNDERSTANDING_STAGES = (
    "newsledger.spacy.v1",
    "newsledger.entities.v1",
    "newsledger.dates.v1",
    "newsledger.amounts.v1",
)


def reference_day(doc: Document) -> dt.date | None:
    """The day relative expressions count from: the publication date, at its first day."""
    return doc.published.first_day() if doc.published else None


def _parse_of(doc: Document) -> Any:
    """The parse when it covers the whole text (a very long text is parsed in part)."""
    return doc.parse if doc.parse is not None and len(doc.parse.text) == len(doc.text) else None


PARSE_MODES = ("all", "events", "events+names")


def check_parse_mode(mode: str) -> str:
    if mode not in PARSE_MODES:
        raise UsageError(f"--parse must be one of {', '.join(PARSE_MODES)}, not '{mode}'")
    return mode


# A paragraph longer than this is cut at its rule-based sentences instead (text scraped without line breaks).
LONG_PARAGRAPH = 2000
_LINE_BREAKS = re.compile(r"\n\s*")


def parse_plan(doc: Document) -> list[tuple[int, int, bool]]:
    """The text cut into paragraphs, each marked for parsing if it could report an event.

    Paragraphs, not sentences: a line break ends a sentence in a full parse too
    (nlp._paragraph_breaks), so a paragraph parses as it would in the whole
    text, and the rule-based splitter's mistakes ("S. Jaishankar") cannot cut
    an event's sentence in two. Only a very long paragraph is cut at sentences.
    """
    from newsledger.events.prepass import may_report_event

    text = doc.text[: nlp.MAX_CHARS]
    starts = {0} | {m.end() for m in _LINE_BREAKS.finditer(text)}
    ordered = sorted(starts)
    for a, b in zip(ordered, [*ordered[1:], len(text)]):
        if b - a > LONG_PARAGRAPH:
            starts.update(s.start for s in doc.sentences if a < s.start < b)
    ordered = sorted(x for x in starts if x < len(text))
    pieces = [[a, b, may_report_event(text[a:b])] for a, b in zip(ordered, [*ordered[1:], len(text)]) if b > a]
    merged: list[tuple[int, int, bool]] = []
    for a, b, parse in pieces:
        if merged and merged[-1][2] == parse:
            merged[-1] = (merged[-1][0], b, parse)  # one stretch per run: the parser sees it whole
        else:
            merged.append((a, b, parse))
    return merged


@stage("newsledger.spacy.v1", requires=("text", "language"), assigns=("parse", "sentences"))
def make_spacy(config: dict[str, Any]) -> StageFn:
    """`config["parse"]`: "all" parses every sentence; "events" only the sentences
    that could report an event or need a verb's tense (see events/prepass.py),
    the others are tokenised only; "events+names" also finds named entities in
    the others."""
    mode = check_parse_mode(config.get("parse") or "all")

    def assign(doc: Document, parsed: Any) -> Document:
        doc.parse = parsed
        doc.sentences = [Sentence(s.start_char, s.end_char) for s in parsed.sents if s.text.strip()]
        return doc

    def spacy_stage(doc: Document) -> Document:
        return pipe([doc])[0]

    def pipe(docs: list[Document]) -> list[Document]:
        english = [d for d in docs if d.is_english]
        if mode == "all":
            parsed = nlp.parse_many([d.text for d in english])
        else:
            parsed = nlp.parse_parts([d.text[: nlp.MAX_CHARS] for d in english], [parse_plan(d) for d in english],
                                     names=mode == "events+names")
        for doc, one in zip(english, parsed):
            assign(doc, one)
        return docs

    spacy_stage.pipe = pipe  # type: ignore[attr-defined]
    return spacy_stage


@stage("newsledger.entities.v1", requires=("text", "parse", "published"), assigns=("mentions",))
def make_entities(config: dict[str, Any]) -> StageFn:
    linker = linker_for(load_kb(config.get("kb") or ()))

    def entities(doc: Document) -> Document:
        if not doc.is_english:
            doc.layers["mentions"] = []
            return doc
        parsed = _parse_of(doc)
        ents = [(e.start_char, e.end_char, e.label_) for e in parsed.ents] if parsed is not None else []
        day = reference_day(doc)
        if day is None:  # titles still need a day: the earliest the article's own dates allow
            inferred = infer_reference(doc.text)
            day = inferred[0] if inferred else None
        doc.layers["mentions"] = linker.link(doc.text, day=day, ents=ents)
        return doc

    entities.linker = linker  # type: ignore[attr-defined]
    return entities


@stage("newsledger.dates.v1", requires=("text", "published"), assigns=("timexes",))
def make_dates(config: dict[str, Any]) -> StageFn:
    def dates(doc: Document) -> Document:
        if not doc.is_english:
            doc.layers["timexes"] = []
            return doc
        doc.layers["timexes"] = find_timexes(doc.text, reference_day(doc), doc=_parse_of(doc))
        return doc

    return dates


@stage("newsledger.amounts.v1", requires=("text", "published"), assigns=("amounts",))
def make_amounts(config: dict[str, Any]) -> StageFn:
    def amounts(doc: Document) -> Document:
        if not doc.is_english:
            doc.layers["amounts"] = []
            return doc
        day = reference_day(doc)
        doc.layers["amounts"] = find_amounts(doc.text, year=day.year if day else None, doc=_parse_of(doc))
        return doc

    return amounts
