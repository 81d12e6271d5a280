"""Store layers of the built-in stages. Importing this module registers them.

Each analysis stage that keeps results in the store registers its tables
here: their migration, and how one document's rows are written. Offsets are
converted from the cleaned text to the raw text on the way in.
"""

from __future__ import annotations

import bisect
import sqlite3

from newsledger.model import Document
from newsledger.store import Layer, register_layer

_UNDERSTANDING = """
CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT);

-- The knowledge base as of the last ingest, so the store explains its own ids.
CREATE TABLE entity (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,          -- state, organisation, person, weapon_system, place, law
    name TEXT NOT NULL,
    wikidata TEXT,
    state TEXT,                  -- the state it belongs to (origin, for weapon systems)
    kind TEXT,                   -- e.g. fighter aircraft, intergovernmental, city
    category TEXT,               -- weapon systems: SIPRI category
    aliases TEXT NOT NULL,       -- JSON list
    data TEXT NOT NULL           -- JSON: everything else the knowledge base says
);

CREATE TABLE entity_mention (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    sentence_idx INTEGER,
    start INTEGER NOT NULL,      -- offsets into the article's raw_text
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT,              -- NULL: a name the knowledge base does not know
    how TEXT NOT NULL,           -- name, alias, demonym, metonym, title, fuzzy, ner, ...
    confidence REAL NOT NULL,
    place_id TEXT,               -- a capital named as its government also names the city
    label TEXT                   -- spaCy's label, when spaCy saw it
);
CREATE INDEX entity_mention_article ON entity_mention (article_pk);
CREATE INDEX entity_mention_entity ON entity_mention (entity_id);

CREATE TABLE article_timex (
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,          -- DATE, TIME, DURATION, SET
    value TEXT NOT NULL,         -- TIMEX3 value
    mod TEXT,
    anchored INTEGER NOT NULL,   -- computed from the publication date
    uncertain INTEGER NOT NULL   -- the publication date itself was inferred
);
CREATE INDEX article_timex_article ON article_timex (article_pk);

CREATE TABLE article_amount (
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,          -- money, count, measure
    value REAL,
    unit TEXT,                   -- currency code, measure unit, or the counted noun
    usd REAL,                    -- money in US dollars at the yearly average rate (approximate)
    fx_year INTEGER,
    bound TEXT,                  -- min, max, approx
    vague INTEGER NOT NULL
);
CREATE INDEX article_amount_article ON article_amount (article_pk);
"""


def _sentence_index(doc: Document) -> list[int]:
    return [s.start for s in doc.sentences]


def _write_understanding(conn: sqlite3.Connection, pk: int, doc: Document) -> None:
    starts = _sentence_index(doc)
    rows = []
    for m in doc.layers.get("mentions", ()):
        start, end = doc.to_raw(m.start, m.end)
        sentence = bisect.bisect_right(starts, m.start) - 1 if starts else None
        rows.append((pk, sentence, start, end, m.text, m.type, m.entity_id, m.how, m.confidence, m.place_id, m.label))
    conn.executemany(
        'INSERT INTO entity_mention (article_pk, sentence_idx, start, "end", text, type, entity_id, how, confidence, place_id, label)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    rows = []
    for t in doc.layers.get("timexes", ()):
        start, end = doc.to_raw(t.start, t.end)
        rows.append((pk, start, end, t.text, t.type, t.value, t.mod, int(t.anchored), int(t.uncertain)))
    conn.executemany(
        'INSERT INTO article_timex (article_pk, start, "end", text, type, value, mod, anchored, uncertain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        rows,
    )
    rows = []
    for a in doc.layers.get("amounts", ()):
        start, end = doc.to_raw(a.start, a.end)
        rows.append((pk, start, end, a.text, a.kind, a.value, a.unit, a.usd, a.fx_year, a.bound, int(a.vague)))
    conn.executemany(
        'INSERT INTO article_amount (article_pk, start, "end", text, kind, value, unit, usd, fx_year, bound, vague) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        rows,
    )


register_layer(
    Layer(
        name="understanding",
        migrations=(("0002_understanding", _UNDERSTANDING),),
        tables=("entity_mention", "article_timex", "article_amount"),
        write=_write_understanding,
    )
)


_EVENTS = """
CREATE TABLE event (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES article_version (pk) ON DELETE CASCADE,
    idx INTEGER NOT NULL,        -- order in the article
    type TEXT NOT NULL,          -- arms_transfer, agreement, meeting, armed_clash, sanction, deployment, trade
    status TEXT,
    date TEXT,                   -- ISO 8601 at the precision the text supports
    roles TEXT NOT NULL,         -- JSON: role -> value (entity refs {"id", "name", "wikidata"})
    role_confidence TEXT NOT NULL,
    confidence REAL NOT NULL,
    plover TEXT,                 -- PLOVER event type
    plover_mode TEXT,
    cameo TEXT,                  -- CAMEO code
    extractor TEXT NOT NULL,     -- the versioned extractor that produced it
    UNIQUE (article_pk, idx)
);
CREATE INDEX event_article ON event (article_pk);
CREATE INDEX event_type ON event (type, date);

-- One row per entity a role names, for "everything about X" queries.
CREATE TABLE event_role (
    event_pk INTEGER NOT NULL REFERENCES event (pk) ON DELETE CASCADE,
    role TEXT NOT NULL,
    entity_id TEXT,
    value TEXT NOT NULL
);
CREATE INDEX event_role_entity ON event_role (entity_id, role);

CREATE TABLE event_evidence (
    event_pk INTEGER NOT NULL REFERENCES event (pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,      -- the sentence, as offsets into the article's raw_text
    "end" INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX event_evidence_event ON event_evidence (event_pk);
"""


def _write_events(conn: sqlite3.Connection, pk: int, doc: Document) -> None:
    import json

    from newsledger.events.model import ENTITY_ROLES, plover

    for idx, event in enumerate(doc.layers.get("events", ())):
        kind, mode, cameo = plover(event)
        cur = conn.execute(
            "INSERT INTO event (article_pk, idx, type, status, date, roles, role_confidence, confidence, plover, plover_mode, cameo, extractor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pk, idx, event.type, event.roles.get("status"), event.roles.get("date"), json.dumps(event.roles, ensure_ascii=False),
             json.dumps(event.role_confidence), event.confidence, kind, mode, cameo, event.extractor),
        )
        event_pk = cur.lastrowid
        rows = []
        for role, value in event.roles.items():
            values = value if isinstance(value, list) else [value]
            for v in values:
                if role in ENTITY_ROLES and isinstance(v, dict):
                    rows.append((event_pk, role, v.get("id"), v.get("name") or v.get("id") or ""))
                elif not isinstance(v, dict):
                    rows.append((event_pk, role, None, str(v)))
        conn.executemany("INSERT INTO event_role (event_pk, role, entity_id, value) VALUES (?, ?, ?, ?)", rows)
        evidence = []
        for s_start, s_end, t_start, t_end in event.evidence:
            start, end = doc.to_raw(s_start, s_end)
            trigger_start, trigger_end = doc.to_raw(t_start, t_end)
            evidence.append((event_pk, start, end, trigger_start, trigger_end, doc.text[s_start:s_end]))
        conn.executemany(
            'INSERT INTO event_evidence (event_pk, start, "end", trigger_start, trigger_end, text) VALUES (?, ?, ?, ?, ?, ?)', evidence
        )


register_layer(
    Layer(
        name="events",
        migrations=(("0003_events", _EVENTS),),
        tables=("event",),
        write=_write_events,
    )
)


_FACTS = """
-- One row per real-world event, fused from the events of many articles.
CREATE TABLE fact (
    id TEXT PRIMARY KEY,          -- stable: derived from its earliest report
    type TEXT NOT NULL,
    status TEXT,                  -- as of the latest report
    date TEXT,
    roles TEXT NOT NULL,          -- JSON: canonical role values
    role_support TEXT NOT NULL,   -- JSON: role -> {"agree": [article ids], "differ": [article ids]}
    confidence REAL NOT NULL,
    first_reported TEXT,
    last_reported TEXT,
    sources INTEGER NOT NULL      -- number of articles
);
CREATE INDEX fact_type ON fact (type, date);

CREATE TABLE fact_source (
    fact_id TEXT NOT NULL REFERENCES fact (id) ON DELETE CASCADE,
    event_pk INTEGER NOT NULL,    -- the document-level event (event.pk)
    article_id TEXT NOT NULL,
    published TEXT                -- report time
);
CREATE INDEX fact_source_fact ON fact_source (fact_id);
CREATE INDEX fact_source_article ON fact_source (article_id);

-- What could link a new report to a fact: "arms_transfer:recipient:in", ...
CREATE TABLE fact_key (
    fact_id TEXT NOT NULL REFERENCES fact (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    PRIMARY KEY (key, fact_id)
);

-- Report time: what the ledger knew of the fact as of each report date.
CREATE TABLE fact_history (
    fact_id TEXT NOT NULL REFERENCES fact (id) ON DELETE CASCADE,
    as_of TEXT NOT NULL,
    status TEXT,
    summary TEXT NOT NULL,
    roles TEXT NOT NULL,
    sources TEXT NOT NULL
);
CREATE INDEX fact_history_fact ON fact_history (fact_id, as_of);

CREATE TABLE fact_contradiction (
    fact_id TEXT NOT NULL REFERENCES fact (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    sides TEXT NOT NULL           -- JSON: [{"value": ..., "sources": [article ids]}]
);
CREATE INDEX fact_contradiction_fact ON fact_contradiction (fact_id);
"""


# Indexes for "the facts that name X" on a large store: from an entity's roles to
# the facts their events support, and unlinked names by value.
_QUERY_INDEXES = """
CREATE INDEX fact_source_event ON fact_source (event_pk);
CREATE INDEX event_role_value ON event_role (value);
"""

register_layer(Layer(
    name="facts",
    migrations=(("0004_facts", _FACTS), ("0006_query_indexes", _QUERY_INDEXES)),
    tables=(),
    write=lambda conn, pk, doc: None,
))


# The stories layer (migration 0005_stories) lives with its stage.
from newsledger.stories import layer as _stories_layer  # noqa: E402,F401
