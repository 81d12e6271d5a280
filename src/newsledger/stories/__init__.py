"""Stories: groups of articles about the same news event.

A story holds exact and near duplicates of an article (syndicated copies with
small edits: MinHash over word shingles, LSH bands in SQLite) and different
articles about the same event (sentence embeddings of title and lead, within
a publication-date window). The stage `newsledger.stories.v1` computes both
per article, in the worker; the store layer (`layer.py`, migration
0005_stories) places each article in a story inside the write transaction, so
ingest is incremental: a new article finds the story of articles stored long
before, whose signatures are never recomputed.

    from newsledger.stories import stories_of, story_members
    stories_of(ledger.store.conn, [pk1, pk2])     # {pk: story_id}
    story_members(ledger.store.conn, story_id)    # [{id, title, how, similarity, ...}]

The embedding model is optional (see `embed.py`): without it, stories group
duplicates and near-duplicates only. Importing this package registers the
stage and the layer.
"""

from __future__ import annotations

from newsledger.stories import layer, stage  # noqa: F401  (register the layer and the stage)
from newsledger.stories.query import stories_of, story_members

__all__ = ["stories_of", "story_members"]
