"""The data model that flows through the pipeline.

An `Article` is the raw input, kept verbatim. The pipeline turns it into a
`Document`: the cleaned text plus everything later stages add (sentences,
mentions, time expressions, amounts, events). Derived things carry character
offsets into the *cleaned* text while the document is processed; `Document.to_raw`
maps them back into the article's raw text, which is what the store keeps, so
every fact can point at the exact words it came from.

`Document.to_dict` / `Document.from_dict` are the written, versioned form that
crosses process boundaries (the multi-process and Ray engines run the same
stages on the same bytes).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

SERIAL_VERSION = 1

_PRECISIONS = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to a precision: '2021', '2021-12' or '2021-12-06'."""

    value: str
    source: str = "metadata"  # metadata, cli, htmldate, dateline, feed, warc

    @property
    def precision(self) -> str:
        return _PRECISIONS.get(len(self.value), "day")

    def first_day(self) -> dt.date:
        """The earliest day the value can mean (its reference for resolving dates)."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    @classmethod
    def parse(cls, text: str, *, source: str = "metadata") -> PartialDate | None:
        """Read the forms news metadata uses; None when it is not a date."""
        from newsledger.ingest.published import parse_date

        return parse_date(text, source=source)


@dataclass(slots=True)
class Article:
    """One input article as read, before any processing.

    `raw_text` is the text as ingested: the file's or record's text, or, for
    HTML, the text extracted from the page (the page itself is kept in
    `markup`). All offsets in the store point into `raw_text`.
    """

    raw_text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    markup: str | None = None
    input_path: str | None = None
    input_format: str = "text"
    input_line: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of raw text that cleaning dropped, and the rule that dropped it."""

    start: int
    end: int
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # offsets into Document.text
    end: int


class OffsetMap:
    """Maps offsets in the cleaned text back to the raw text.

    Kept as aligned runs `(clean_start, raw_start, length)` of identical
    characters; an offset that falls between runs (inside text that cleaning
    rewrote, such as mojibake) maps to the start of the next run.
    """

    __slots__ = ("runs", "_starts")

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self.runs = runs
        self._starts = [r[0] for r in runs]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, 0, length)])

    def to_raw(self, offset: int) -> int:
        if not self.runs:
            return offset
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.runs[0][1]
        clean_start, raw_start, length = self.runs[i]
        if offset <= clean_start + length:
            return raw_start + (offset - clean_start)
        if i + 1 < len(self.runs):
            return self.runs[i + 1][1]
        return raw_start + length

    def to_list(self) -> list[list[int]]:
        return [list(r) for r in self.runs]

    @classmethod
    def from_list(cls, runs: list[list[int]]) -> OffsetMap:
        return cls([(a, b, c) for a, b, c in runs])


@dataclass(slots=True)
class Document:
    """The cleaned, analysed form of an article. Stages fill its attributes."""

    article: Article
    id: str
    text: str
    offsets: OffsetMap
    content_hash: str
    removed: list[Removed] = field(default_factory=list)
    language: str | None = None
    language_score: float | None = None
    published: PartialDate | None = None
    sentences: list[Sentence] = field(default_factory=list)
    # Later stages hang their results here, keyed by what they assign
    # ("mentions", "timexes", "amounts", "events"); values are lists of
    # plain dataclasses with clean-text offsets.
    layers: dict[str, list[Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    # The language model's parse (a spaCy Doc over `text`). Lives only while the
    # document is processed; it never crosses a process boundary.
    parse: Any = field(default=None, repr=False, compare=False)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the cleaned text → offsets in the article's raw text."""
        raw_start = self.offsets.to_raw(start)
        raw_end = self.offsets.to_raw(end)
        return raw_start, max(raw_start, raw_end)

    @property
    def is_english(self) -> bool:
        return self.language in (None, "en")

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def to_dict(self) -> dict[str, Any]:
        """The serialised form (JSON-safe except for layers, which stages encode)."""
        return {
            "serial_version": SERIAL_VERSION,
            "article": asdict(self.article),
            "id": self.id,
            "text": self.text,
            "offsets": self.offsets.to_list(),
            "content_hash": self.content_hash,
            "removed": [asdict(r) for r in self.removed],
            "language": self.language,
            "language_score": self.language_score,
            "published": asdict(self.published) if self.published else None,
            "sentences": [[s.start, s.end] for s in self.sentences],
            "layers": {name: [_encode(item) for item in items] for name, items in self.layers.items()},
            "warnings": list(self.warnings),
            "stages": list(self.stages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        if data.get("serial_version") != SERIAL_VERSION:
            raise ValueError(f"cannot read a serialised Document of version {data.get('serial_version')}")
        published = data["published"]
        return cls(
            article=Article(**data["article"]),
            id=data["id"],
            text=data["text"],
            offsets=OffsetMap.from_list(data["offsets"]),
            content_hash=data["content_hash"],
            removed=[Removed(**r) for r in data["removed"]],
            language=data["language"],
            language_score=data["language_score"],
            published=PartialDate(**published) if published else None,
            sentences=[Sentence(a, b) for a, b in data["sentences"]],
            layers={name: [_decode(item) for item in items] for name, items in data["layers"].items()},
            warnings=list(data["warnings"]),
            stages=list(data["stages"]),
        )


# Dataclasses that stages keep in `Document.layers`, by name, for the serialised form.
_LAYER_TYPES: dict[str, type] = {}


def layer_type(cls: type) -> type:
    """Class decorator: make a layer item dataclass serialisable."""
    _LAYER_TYPES[cls.__name__] = cls
    return cls


def _encode(item: Any) -> Any:
    if hasattr(item, "__dataclass_fields__"):
        return {"__type__": type(item).__name__, **asdict(item)}
    return item


def _decode(item: Any) -> Any:
    if isinstance(item, dict) and "__type__" in item:
        fields = dict(item)
        cls = _LAYER_TYPES[fields.pop("__type__")]
        return cls(**fields)
    return item


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-")
