"""The stories layer: its migration, its per-article tables and its write. Importing registers it.

Kept apart from the stage so that the store can register the layer (and
apply its migration) without loading the pipeline or the embedding model.
"""

from __future__ import annotations

from newsledger.store import Layer, register_layer
from newsledger.stories.assign import write_stories
from newsledger.stories.schema import MIGRATION, STORIES_SQL

STORIES_LAYER = register_layer(
    Layer(
        name="stories",
        migrations=((MIGRATION, STORIES_SQL),),
        tables=("story_article", "story_signature", "story_band", "story_embedding"),
        write=write_stories,
    )
)
