"""MinHash signatures of word shingles, and their LSH band keys, for near-duplicate detection.

Why: syndicated copies of a wire story differ by a headline, a byline, a
trimmed paragraph or a few edited words. The Jaccard similarity of their
5-word shingle sets stays high (a small edit changes at most 5 shingles)
while unrelated articles, even on the same topic, share almost none. MinHash
(`datasketch`) estimates it from 128 numbers per article, which the store
keeps, so an incremental ingest never recomputes an old article's signature.

The LSH bands (25 bands of 5 rows: a pair with Jaccard 0.5 shares a band
with probability 0.55, at 0.7 with 0.98, at 0.8 with 1.0) are kept as rows
of `story_band` with an index, so a new article's candidates are one
indexed look-up, with no in-memory index to rebuild.

Text is casefolded and split into words (`\\w+`); Chinese, Japanese and Korean
characters count as one word each, since those scripts do not separate words.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 5  # words per shingle
BANDS, ROWS = 25, 5  # datasketch's optimal (b, r) for threshold 0.5 and 128 permutations
SEED = 1
# Signatures made with other parameters are not comparable; stored rows carry this.
SCHEME = f"minhash-datasketch2-sha1-{NUM_PERM}p-w{SHINGLE}-s{SEED}"

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|\w+")

# One template: MinHash draws its permutations from the seed, the same for every article.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str) -> set[bytes]:
    """Word 5-grams; a text shorter than that is one shingle."""
    tokens = words(text)
    if len(tokens) <= SHINGLE:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]).encode("utf-8") for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash of the text's shingles: NUM_PERM uint32 values."""
    m = _TEMPLATE.copy()
    found = shingles(text)
    if found:
        m.update_batch(list(found))
    return m.hashvalues.astype(np.uint32)


def to_blob(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity: the share of equal values."""
    return float(np.mean(a == b))


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: the band's number and values, hashed."""
    raw = np.asarray(sig, dtype="<u4")
    keys = []
    for band in range(BANDS):
        chunk = raw[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
