"""The Ray engine: the analysis on a Ray cluster, with Ray Data.

The stream of batches is cut into chunks of `chunk_batches` batches. Each chunk
becomes a small Ray Data dataset, one row per batch (a sequence number and the
pickled serialised documents, opaque to Arrow), mapped with `map_batches` over
an actor pool of `workers` actors (`_Analyser`: a callable class that builds
the Pipeline once in `__init__`). The rows come back keyed by their sequence
number and are handed back in input order. Only one chunk is in flight, so
memory stays bounded however long the stream.

A row whose actor dies is dropped by Ray Data (`max_errored_blocks`) instead of
failing the chunk; its batch is then retried one document at a time, and a
document that fails again is reported as a failure, like the local engine.

Without an address the engine starts a private Ray instance on this machine
(`num_cpus=workers`, no dashboard, every process on 127.0.0.1, no network
needed); with one (`auto`, `ray://HOST:10001`) it connects to that cluster.
`NEWSLEDGER_*` environment variables are passed on to the actors.

Ray is optional: it is imported only when this engine is asked for.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.engines.core import (
    PICKLE_PROTOCOL,
    AnalysisResult,
    EngineError,
    analyse_serialised,
    build_pipeline,
    crash_failure,
    dump_results,
    load_results,
    stage_modules,
)
from newsledger.errors import UsageError
from newsledger.model import Document

RAY_VERSION = "2.60.0"
INSTALL_HINT = f'the ray engine needs Ray: pip install "ray[data]=={RAY_VERSION}"'

# Environment variables the workers need to see what the driver sees (the spaCy model, ...).
_FORWARDED_ENV_PREFIXES = ("NEWSLEDGER_",)


# Ray's own switch for a machine that is not part of a cluster (its default on macOS and
# Windows): the node's address is the loopback, so a local instance never binds or
# connects to a routable address. Only set for the local instance this engine starts.
_NO_CLUSTER_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as err:
        raise UsageError(f"{INSTALL_HINT} ({err})") from err
    return ray


def _init_local(ray: Any, **options: Any) -> None:
    """Start a Ray instance on this machine only.

    Every Ray process binds and talks on 127.0.0.1, and inherits this process's
    environment with its import path, so the workers import what this process
    imports (as spawned processes do), stages registered outside newsledger too.
    """
    from ray._private import ray_constants

    saved = {name: os.environ.get(name) for name in (_NO_CLUSTER_ENV, "PYTHONPATH")}
    saved_flag = ray_constants.ENABLE_RAY_CLUSTER
    os.environ[_NO_CLUSTER_ENV] = "0"  # read by the Ray processes that init starts
    os.environ["PYTHONPATH"] = os.pathsep.join(_extra_paths())
    ray_constants.ENABLE_RAY_CLUSTER = False  # read by this process (ray is already imported)
    try:
        ray.init(**options)
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = saved_flag
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Analyser:
    """A Ray Data actor: the pipeline, built once; one row per batch of serialised documents.

    The engine subclasses it with its stages and config as class attributes
    (`_analyser_for`), so the actors take no constructor arguments.
    """

    stages: list[str] = []
    config: dict[str, Any] = {}
    modules: list[str] = []

    def __init__(self) -> None:
        # Ray gives each actor one CPU and says so in OMP_NUM_THREADS
        self.pipeline = build_pipeline(self.stages, self.config, self.modules, threads=int(os.environ.get("OMP_NUM_THREADS") or 1))

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        out = []
        for blob in rows["docs"]:
            batch = pickle.loads(blob)
            results = analyse_serialised(self.pipeline, batch)
            out.append(dump_results(results, [str(d.get("id")) for d in batch]))
        payload = np.empty(len(out), dtype=object)
        payload[:] = out
        return {"seq": rows["seq"], "docs": payload}


def _analyser_for(stages: list[str], config: dict[str, Any]) -> type:
    attrs = {"stages": list(stages), "config": config, "modules": stage_modules(list(stages)), "__module__": __name__}
    return type("Analyser", (_Analyser,), attrs)


class RayEngine:
    """Ray Data over an actor pool; results in input order."""

    kind = "ray"

    def __init__(
        self,
        *,
        workers: int | None,
        stages: list[str],
        config: dict[str, Any],
        address: str | None = None,
        chunk_batches: int | None = None,
        per_worker: int = 16,
        quiet: bool = True,
        runtime_env: dict[str, Any] | None = None,
    ) -> None:
        ray = _import_ray()
        self._ray = ray
        self._stages = list(stages)
        self._config = config
        self._started = False
        env = {k: v for k, v in os.environ.items() if k.startswith(_FORWARDED_ENV_PREFIXES)}
        runtime: dict[str, Any] = dict(runtime_env or {})
        if env:
            runtime["env_vars"] = {**env, **runtime.get("env_vars", {})}
        self._runtime_env: dict[str, Any] | None = None  # given to each map when Ray was started by someone else
        if not ray.is_initialized():
            options: dict[str, Any] = {
                "include_dashboard": False,
                "logging_level": logging.ERROR if quiet else logging.INFO,
                "log_to_driver": not quiet,
            }
            try:
                if address:
                    ray.init(address=address, runtime_env=runtime or None, **options)
                else:
                    # A private instance on this machine: its processes inherit this environment
                    # (so no runtime_env to set up) and talk over the loopback only.
                    _init_local(ray, num_cpus=workers or _cores(), runtime_env=runtime_env, **options)
            except Exception as err:
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise EngineError(f"cannot start or reach {where}: {type(err).__name__}: {err}") from err
            self._started = True
        else:
            self._runtime_env = runtime or None
        if quiet:
            logging.getLogger("ray.data").setLevel(logging.ERROR)
        if workers is None:
            workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.workers = workers
        # Each actor gets `per_worker` batches per chunk: a new chunk starts a new actor pool,
        # so a chunk must be long enough to pay for the actors' start (loading spaCy).
        self.chunk_batches = chunk_batches or max(2, workers * per_worker)
        self._quiet = quiet
        self._analyser = _analyser_for(self._stages, self._config)
        self._closed = False

    def analyse(self, batches: Iterable[list[Document]]) -> Iterator[list[AnalysisResult]]:
        if self._closed:
            raise EngineError("this engine is closed")
        chunk: list[list[Document]] = []
        for batch in batches:
            chunk.append(list(batch))
            if len(chunk) >= self.chunk_batches:
                yield from self._run_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._run_chunk(chunk)

    def _run_chunk(self, chunk: list[list[Document]]) -> list[list[AnalysisResult]]:
        payloads = [[doc.to_dict() for doc in batch] for batch in chunk]
        results: dict[int, list[AnalysisResult]] = {}
        rows = [(seq, payload) for seq, payload in enumerate(payloads) if payload]
        done = self._map(rows)
        crashed = [(seq, payload) for seq, payload in rows if seq not in done]
        results.update(done)
        if crashed:
            # Retry each document of a lost batch alone, so the one that kills its worker is found.
            where: dict[int, tuple[int, int]] = {}  # single's row number -> (batch seq, index in batch)
            singles = []
            for seq, payload in crashed:
                for i, data in enumerate(payload):
                    where[len(singles)] = (seq, i)
                    singles.append((len(singles), [data]))
            again = self._map(singles)
            for seq, payload in crashed:
                results[seq] = [crash_failure(str(data.get("id")), "this article", "died") for data in payload]
            for row, got in again.items():
                seq, i = where[row]
                results[seq][i] = got[0]
        return [results.get(seq, []) for seq in range(len(chunk))]

    def _map(self, rows: list[tuple[int, list[dict[str, Any]]]]) -> dict[int, list[AnalysisResult]]:
        """Analyse rows of (seq, serialised batch) on the actor pool; the rows that came back, by seq."""
        if not rows:
            return {}
        ray = self._ray
        from ray.data import DataContext

        context = DataContext.get_current()
        saved = (context.max_errored_blocks, context.enable_progress_bars)
        context.max_errored_blocks = -1  # a lost row is reported by its absence, not by failing the chunk
        if self._quiet:
            context.enable_progress_bars = False
        try:
            items = [{"seq": seq, "docs": pickle.dumps(payload, protocol=PICKLE_PROTOCOL)} for seq, payload in rows]
            dataset = ray.data.from_items(items, override_num_blocks=len(items))
            with warnings.catch_warnings():
                # Ray 2.60 still takes actor options this way; it warns that 2.64 will not.
                warnings.simplefilter("ignore", DeprecationWarning)
                mapped = dataset.map_batches(
                    self._analyser,
                    # One row at a time per actor: when an actor dies, only the row it was running is lost.
                    compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(items)), max_tasks_in_flight_per_actor=1),
                    batch_size=1,
                    num_cpus=1,
                    runtime_env=self._runtime_env,
                    # A dead actor is replaced (the default), but its row is not run again by Ray:
                    # it is dropped (max_errored_blocks) and retried one document at a time by us.
                    max_restarts=-1,
                    max_task_retries=0,
                )
            out: dict[int, list[AnalysisResult]] = {}
            for row in mapped.iter_rows():
                out[int(row["seq"])] = load_results(row["docs"])
            return out
        except Exception as err:
            raise EngineError(f"the Ray analysis failed: {type(err).__name__}: {err}") from err
        finally:
            context.max_errored_blocks, context.enable_progress_bars = saved

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _extra_paths() -> list[str]:
    """This process's import path beyond the interpreter's own, then the inherited PYTHONPATH."""
    own = (sys.prefix, sys.base_prefix)
    paths = [os.path.abspath(p or os.curdir) for p in sys.path if not os.path.abspath(p or os.curdir).startswith(own)]
    inherited = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return list(dict.fromkeys([*paths, *inherited]))


def _cores() -> int:
    from newsledger.engines import default_workers

    return default_workers()


__all__ = ["RayEngine", "RAY_VERSION", "INSTALL_HINT"]
