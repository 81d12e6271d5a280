"""Engines: where the per-article analysis runs.

Ingest makes each document in the main process (cleaning, content hash, the
unchanged check), then hands batches of made documents to an engine, which
runs the analysis stages (`Pipeline.analyse_many`: spaCy, dates, entities,
amounts, events) and gives back, for every batch and in the same order, one
result per document: the analysed `Document`, or a `Failure` naming the
document and saying why ("analysis failed (Type: message)").

    inline  in this process, one batch at a time (what ingest always did)
    local   N worker processes on this machine, each loading the pipeline once
    ray     a Ray cluster (a local one it starts, or one at an address): Ray Data
            map_batches over an actor pool, each actor loading the pipeline once

    from newsledger.engines import make_engine, tagged

    with make_engine("local", workers=4, stages=stages, config=config) as engine:
        for results in engine.analyse(batches):      # batches: Iterable[list[Document]]
            ...

Documents cross process boundaries in their serialised form
(`Document.to_dict()`, without the spaCy parse) and are rebuilt in the main
process with `Document.from_dict`, so every engine gives the same analysed
documents for the same batches.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TypeVar

from newsledger.engines.core import AnalysisResult, EngineError, Failure
from newsledger.errors import UsageError
from newsledger.model import Document
from newsledger.pipeline import Pipeline

ENGINES = ("inline", "local", "ray")

T = TypeVar("T")


class Engine(Protocol):
    kind: str
    workers: int

    def analyse(self, batches: Iterable[list[Document]]) -> Iterator[list[AnalysisResult]]:
        """One list of results per batch, in the order given, each in its batch's order.

        The input is only advanced in the calling thread, a bounded number of
        batches ahead of the output.
        """
        ...

    def close(self) -> None:
        """Stop the workers (at once when work is in flight). Idempotent."""
        ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def make_engine(
    kind: str = "local",
    *,
    workers: int | None = None,
    stages: Iterable[str],
    config: dict[str, Any] | None = None,
    address: str | None = None,
    pipeline: Pipeline | None = None,
    **options: Any,
) -> Engine:
    """The engine `kind` ("inline", "local" or "ray") with `workers` workers.

    `stages` and `config` are what `Pipeline(stages, config)` takes; every worker
    builds that pipeline once. `workers` defaults to this machine's cores (for
    "ray" with an `address`, to the cluster's CPUs). "local" with one worker is
    the inline engine, which reuses `pipeline` when given one. `address`
    ("auto", "ray://HOST:10001", "HOST:6379") is for "ray" only: without it a
    local Ray instance is started with `workers` CPUs.

    Options: local `per_worker` (batches queued per worker, default 2),
    `warm_inline` (default True: until a worker is ready, analyse here with
    `pipeline`, so a small input never waits for workers to load spaCy), `lazy`
    (default True: start the workers only once a second batch comes); ray
    `chunk_batches` (batches per Ray Data dataset), `per_worker` (batches per
    actor per chunk, default 16), `runtime_env`.
    """
    stages = list(stages)
    config = dict(config or {})
    if kind not in ENGINES:
        raise UsageError(f"unknown engine '{kind}': choose one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if address is not None and kind != "ray":
        raise UsageError("--address is for --engine ray only")
    if kind == "ray":
        from newsledger.engines.ray_engine import RayEngine

        return RayEngine(workers=workers, stages=stages, config=config, address=address, **options)
    n = workers if workers is not None else default_workers()
    if kind == "inline" or n == 1:
        from newsledger.engines.inline import InlineEngine

        return InlineEngine(stages=stages, config=config, pipeline=pipeline)
    from newsledger.engines.local import LocalEngine

    return LocalEngine(workers=n, stages=stages, config=config, pipeline=pipeline, **options)


def tagged(engine: Engine, batches: Iterable[tuple[T, list[Document]]]) -> Iterator[tuple[T, list[AnalysisResult]]]:
    """`engine.analyse` over batches that carry a tag each (e.g. the (meta, where) of every document).

    The tags wait in a queue while their batch is in flight and come back with its results.
    """
    waiting: deque[T] = deque()

    def docs() -> Iterator[list[Document]]:
        for tag, batch in batches:
            waiting.append(tag)
            yield batch

    for results in engine.analyse(docs()):
        yield waiting.popleft(), results


__all__ = [
    "ENGINES",
    "AnalysisResult",
    "Engine",
    "EngineError",
    "Failure",
    "default_workers",
    "make_engine",
    "tagged",
]
