"""What the extractor knows about a document: its parse, with mentions, dates and amounts on the tokens."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from newsledger.amounts import Amount
from newsledger.dates import Timex
from newsledger.events.syntax import dateline_end
from newsledger.kb import KnowledgeBase
from newsledger.link import Mention
from newsledger.model import Document

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PLAIN_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|H[12]|Q[1-4])$")


def calendar_value(timex: Timex) -> str | None:
    """A TIMEX3 DATE value as a calendar date at the precision it supports (a week → the month most of its days
    fall in, the month of its Thursday)."""
    value = timex.value
    if timex.type not in ("DATE", "TIME"):
        return None
    value = value.split("T")[0]
    if _PLAIN_DATE.match(value):
        return value
    m = _WEEK.match(value)
    if m:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4).strftime("%Y-%m")
    m = _SEASON.match(value)
    if m:
        return m.group(1)
    return None


# Prepositions that name where something happens.
_WHERE = {"in", "at", "near", "inside", "across", "along", "throughout"}


def named_as_where(ctx: "DocContext", span: "Span") -> bool:
    """A mention that is the object of "in", "at", …: where it happened, not who acted ("signed in Moscow",
    "fighters in Syria")."""
    last = ctx.sp[span.last]
    return last.dep_ == "pobj" and last.head.lower_ in _WHERE


@dataclass(slots=True)
class Span:
    """A mention, time expression or amount, placed on tokens."""

    first: int  # token index
    last: int
    item: Any  # Mention | Timex | Amount

    def tokens(self) -> range:
        return range(self.first, self.last + 1)


class DocContext:
    def __init__(self, doc: Document, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        self.sp = doc.parse
        self.mentions = self._place(doc.layers.get("mentions", ()))
        self.timexes = self._place(doc.layers.get("timexes", ()))
        self.amounts = self._place(doc.layers.get("amounts", ()))
        self.mention_at: dict[int, Span] = {}
        for span in self.mentions:
            for i in span.tokens():
                self.mention_at.setdefault(i, span)
        self.state_counts = Counter(
            self.state_of(s.item) for s in self.mentions if s.item.type in ("state", "person") and self.state_of(s.item)
        )
        self.person_counts = Counter(s.item.entity_id for s in self.mentions if s.item.type == "person" and s.item.entity_id)
        # the sides of the armed clash named last, for "the fighting" that goes on without naming them
        self.clash_sides: list[str] = []
        # tokens of datelines ("BELGRADE -"), which the parser may hang inside a subject: never a party
        self.dateline: set[int] = {i for sent in self.sp.sents if (end := dateline_end(sent)) >= 0
                                   for i in range(sent.start, end + 1)}

    def _place(self, items: Any) -> list[Span]:
        spans = []
        for item in items:
            span = self.sp.char_span(item.start, item.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            spans.append(Span(span.start, span.end - 1, item))
        return spans

    # -- entities ----------------------------------------------------------------------------

    def state_of(self, mention: Mention) -> str | None:
        if mention.entity_id is None:
            return None
        entity = self.kb.get(mention.entity_id)
        if entity is None:
            return None
        if entity.type == "state":
            return entity.id
        if entity.type in ("person", "organisation"):
            return entity.data.get("state")
        return None

    def state_of_key(self, key: str) -> str | None:
        """The state a KB id belongs to (a person's, an organisation's), or None."""
        entity = self.kb.get(key)
        if entity is None:
            return None
        return entity.id if entity.type == "state" else entity.data.get("state")

    def ref(self, mention: Mention) -> dict[str, str]:
        """How an event names an entity."""
        if mention.entity_id:
            entity = self.kb.get(mention.entity_id)
            if entity is not None:
                return entity.ref()
        return {"name": mention.text}

    def state_ref(self, state_id: str) -> dict[str, str]:
        entity = self.kb.get(state_id)
        return entity.ref() if entity is not None else {"id": state_id, "name": state_id}

    def family(self, key: str) -> str:
        """The family a weapon system belongs to ("ah-64e" → "ah-64"), else the key itself."""
        entity = self.kb.get(key)
        return (entity.data.get("family") or entity.id) if entity is not None else key

    def origin(self, mention: Mention) -> str | None:
        entity = self.kb.get(mention.entity_id) if mention.entity_id else None
        return entity.data.get("origin") if entity is not None else None

    def exporter_weight(self, state: str) -> int:
        """How many systems of the KB a state designs: who is the supplier in "X and Y reached an arms deal"."""
        return self._weights.get(state, 0)

    @property
    def _weights(self) -> Counter[str]:
        weights = getattr(self.kb, "_exporter_weights", None)
        if weights is None:
            weights = Counter(e.data.get("origin") for e in self.kb.entities("weapon_system"))
            self.kb._exporter_weights = weights  # type: ignore[attr-defined]
        return weights

    def top_states(self, n: int = 2, *, exclude: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
        return [s for s, _ in self.state_counts.most_common() if s not in exclude][:n]

    def top_persons(self, n: int = 2) -> list[str]:
        return [p for p, _ in self.person_counts.most_common(n)]

    # -- spans in a range of tokens ----------------------------------------------------------

    def mentions_in(self, tokens: set[int] | range, *types: str) -> list[Span]:
        found = []
        for span in self.mentions:
            if span.first in tokens and (not types or span.item.type in types):
                found.append(span)
        return found

    def timexes_in(self, tokens: set[int] | range) -> list[Span]:
        return [s for s in self.timexes if s.first in tokens]

    def amounts_in(self, tokens: set[int] | range, kind: str | None = None) -> list[Span]:
        return [s for s in self.amounts if s.first in tokens and (kind is None or s.item.kind == kind)]

    def sentence_of(self, token: int) -> Any:
        return self.sp[token].sent

    def dateline_place(self) -> Span | None:
        """The place a wire story is filed from: "NEW DELHI (AP) -", "New Delhi, (Agency)"."""
        text = self.doc.text
        for span in self.mentions[:6]:
            m = span.item
            head = text[m.end : m.end + 3]
            line_start = m.start == 0 or text[m.start - 1] == "\n"
            if line_start and m.start < 400 and (head.startswith((",", " (", "(", " -", " —")) or head[:1] in "(-—"):
                entity = self.kb.get(m.place_id or m.entity_id or "")
                if entity is not None and entity.type == "place":
                    return Span(span.first, span.last, m.__class__(**{**_fields(m), "type": "place", "entity_id": entity.id}))
        return None

    def publication_month(self) -> str | None:
        if self.doc.published is None:
            return None
        return self.doc.published.value[:7]


def _fields(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def subtree(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


__all__ = ["DocContext", "Span", "calendar_value", "subtree", "Amount", "Timex", "Mention"]
