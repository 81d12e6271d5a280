"""The stage `newsledger.stories.v1`: an article's MinHash and embedding, made in the worker.

Why a stage and a layer: the expensive part (shingling, hashing, the
embedding model) depends on the article alone, so it runs where the other
stages run, in parallel, batched (`pipe`); only the cheap comparison with
stored articles happens in the store's transaction (`assign.py`), where the
articles written before it, in this run or earlier ones, are visible.

The result travels in `doc.layers["story_signature"]` as one `StorySignature`
whose vectors are base64 text, so the serialised Document stays JSON.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsledger.model import Document, layer_type
from newsledger.pipeline import StageFn, stage
from newsledger.stories import embed, minhash

LAYER = "story_signature"
LEAD_CHARS = 1500  # title + this much text covers the model's MAX_TOKENS


@layer_type
@dataclass(frozen=True, slots=True)
class StorySignature:
    """What the store needs to place an article in a story."""

    scheme: str
    minhash: str | None  # base64 of NUM_PERM little-endian uint32; None: no words
    model: str | None = None  # None: embeddings off
    embedding: str | None = None  # base64 of 384 little-endian float16

    def minhash_array(self) -> np.ndarray | None:
        return minhash.from_blob(base64.b64decode(self.minhash)) if self.minhash else None

    def embedding_blob(self) -> bytes | None:
        return base64.b64decode(self.embedding) if self.embedding else None


def embedding_text(doc: Document) -> str:
    """Title and lead: what the article is about, within the model's MAX_TOKENS."""
    title = (doc.article.title or "").strip()
    text = doc.text[:LEAD_CHARS]
    if title and not text.lstrip().startswith(title):
        return f"{title}\n{text}"
    return text


def signatures(docs: list[Document], embedder: embed.Embedder | None) -> list[StorySignature]:
    """One signature per document; the embeddings in one batched model call."""
    vectors = embedder.embed([embedding_text(d) for d in docs]) if embedder is not None else None
    out = []
    for i, doc in enumerate(docs):
        has_words = bool(minhash.words(doc.text))
        sig = base64.b64encode(minhash.to_blob(minhash.signature(doc.text))).decode("ascii") if has_words else None
        model = vector = None
        if embedder is not None and vectors is not None and (has_words or doc.article.title):
            model, vector = embedder.model_id, base64.b64encode(embed.to_blob(vectors[i])).decode("ascii")
        out.append(StorySignature(minhash.SCHEME, sig, model, vector))
    return out


@stage("newsledger.stories.v1", requires=("text",), assigns=(LAYER,))
def make_stories(config: dict[str, Any]) -> StageFn:
    """`config["embeddings"] = False` turns the model off (near-duplicates only)."""
    use_model = config.get("embeddings", True)

    def embedder() -> embed.Embedder | None:
        return embed.load_embedder() if use_model else None

    def stories(doc: Document) -> Document:
        doc.layers[LAYER] = signatures([doc], embedder())
        return doc

    def pipe(docs: list[Document]) -> list[Document]:
        for doc, sig in zip(docs, signatures(docs, embedder())):
            doc.layers[LAYER] = [sig]
        return docs

    stories.pipe = pipe  # type: ignore[attr-defined]
    return stories
