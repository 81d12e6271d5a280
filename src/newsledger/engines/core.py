"""What every engine shares: the result types and the analysis of one batch.

The worker side of every engine runs `analyse_serialised` (or, in-process,
`analyse_documents`): the batch goes through `Pipeline.analyse_many` at once;
when that raises, each document is analysed alone from a fresh copy of its
input, so a failure is pinned on the document that caused it and the others
are kept (as `Ledger._analyse` does).
"""

from __future__ import annotations

import importlib
import os
import pickle
from dataclasses import dataclass
from typing import Any, Union

from newsledger.errors import NewsledgerError
from newsledger.model import Document
from newsledger.pipeline import Pipeline, registered

# Serialised documents cross process boundaries as pickles of `Document.to_dict()`.
PICKLE_PROTOCOL = 5


class EngineError(NewsledgerError):
    """The engine itself cannot go on (its workers cannot start, Ray cannot be reached)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A document the analysis stages could not analyse.

    `message` reads "analysis failed (Type: message)", the form ingest reports.
    """

    doc_id: str
    message: str


AnalysisResult = Union[Document, Failure]


def stage_modules(stages: list[str]) -> list[str]:
    """The modules that registered `stages`: a worker imports them before it builds the pipeline.

    The built-in stages register themselves when newsledger loads them; a plugin's
    stages (or a test's) live in a module a fresh worker process has not imported.
    """
    info = registered()
    return sorted({info[name].factory.__module__ for name in stages if name in info} - {"__main__", "__mp_main__"})


def build_pipeline(stages: list[str], config: dict[str, Any], modules: list[str], *, threads: int | None = None) -> Pipeline:
    """What each worker does once: import the stages' modules, build the pipeline.

    `threads` is the worker's share of the machine's cores: native thread pools
    (the sentence-embedding model's) are held to it, so N workers do not each
    start a thread per core and fight over them. A value the user set wins.
    """
    if threads is not None:
        os.environ.setdefault("NEWSLEDGER_EMBED_THREADS", str(max(1, threads)))
    for module in modules:
        importlib.import_module(module)
    return Pipeline(stages, config)


def failure(doc_id: str, err: BaseException) -> Failure:
    return Failure(doc_id, f"analysis failed ({type(err).__name__}: {err})")


def crash_failure(doc_id: str, what: str, how: str) -> Failure:
    """A document whose worker died under it (a native crash, the OOM killer)."""
    return Failure(doc_id, f"analysis failed (WorkerCrashed: the worker process {how} while analysing {what})")


def analyse_documents(pipeline: Pipeline, docs: list[Document]) -> list[AnalysisResult]:
    """Analyse made documents in this process; results in the same order."""
    if not docs:
        return []
    # A batch that fails part-way leaves its documents half-analysed: keep clean copies to retry from.
    originals = [doc.to_dict() for doc in docs]
    try:
        return list(pipeline.analyse_many(docs))
    except Exception:
        return [_analyse_one(pipeline, data) for data in originals]


def analyse_serialised(pipeline: Pipeline, batch: list[dict[str, Any]]) -> list[dict[str, Any] | Failure]:
    """The worker side: serialised made documents in, serialised analysed documents (or failures) out."""
    if not batch:
        return []
    try:
        docs = pipeline.analyse_many([Document.from_dict(data) for data in batch])
        return [doc.to_dict() for doc in docs]
    except Exception:
        out: list[dict[str, Any] | Failure] = []
        for data in batch:
            result = _analyse_one(pipeline, data)
            if not isinstance(result, Failure):
                try:
                    result = result.to_dict()  # type: ignore[assignment]
                except Exception as err:
                    result = failure(str(data.get("id")), err)
            out.append(result)  # type: ignore[arg-type]
        return out


def _analyse_one(pipeline: Pipeline, data: dict[str, Any]) -> AnalysisResult:
    try:
        return pipeline.analyse(Document.from_dict(data))
    except Exception as err:  # this document breaks a stage: report it, keep the others
        return failure(str(data.get("id")), err)


def dump_results(results: list[dict[str, Any] | Failure], ids: list[str]) -> bytes:
    """Pickle a worker's results; a result that cannot be pickled becomes a failure of its document."""
    try:
        return pickle.dumps(results, protocol=PICKLE_PROTOCOL)
    except Exception:
        safe: list[dict[str, Any] | Failure] = []
        for doc_id, result in zip(ids, results):
            try:
                pickle.dumps(result, protocol=PICKLE_PROTOCOL)
                safe.append(result)
            except Exception as err:
                safe.append(failure(doc_id, err))
        return pickle.dumps(safe, protocol=PICKLE_PROTOCOL)


def load_results(blob: bytes) -> list[AnalysisResult]:
    """Rebuild a worker's results in this process: Documents from their serialised form."""
    registered()  # the layer types (events, mentions...) must be registered to decode layers
    out: list[AnalysisResult] = []
    for item in pickle.loads(blob):
        out.append(item if isinstance(item, Failure) else Document.from_dict(item))
    return out


def serialise_batch(docs: list[Document]) -> list[dict[str, Any]]:
    """The form a batch crosses a process boundary in: `to_dict()` (the spaCy parse never crosses)."""
    return [doc.to_dict() for doc in docs]
