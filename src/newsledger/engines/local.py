"""The local engine: the analysis in N worker processes on this machine.

Each worker builds the `Pipeline` once (so spaCy and the knowledge base load
once per worker) and then analyses batches of serialised documents
(`Document.to_dict()`, never the spaCy parse) sent to it, returning serialised
analysed documents. The main process:

- hands each batch to the least-loaded worker, at most `per_worker` batches
  queued on a worker and at most `workers * per_worker` batches between the
  input and the output, so memory stays flat however long the stream;
- gives the results back in the order the batches came in;
- notices a worker that died (a native crash, the OOM killer, a kill): the
  batch it was analysing is retried one document at a time in a fresh worker,
  and a document that kills a worker again is reported as a failure, so one
  poisonous article costs itself, not its batch and not the run;
- stops the workers on close, at once when work is still in flight (Ctrl-C);
  a worker whose main process was killed leaves within a second by itself.

Workers start only when the stream has more than one batch (`lazy`), and until
one of them is ready the main process analyses batches itself (`warm_inline`,
with the ingest's own pipeline when given one), so a small input never waits
for N processes to load spaCy and a large one does not idle while they do.

Workers start with the "spawn" method: no copy of the parent's threads, locks
or SQLite connection, and the same behaviour on Linux and macOS.

The input iterator is only ever advanced in the calling thread, so it may read
a SQLite connection that belongs to that thread.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection as mp_connection
import os
import pickle
import queue
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsledger.engines.core import (
    PICKLE_PROTOCOL,
    AnalysisResult,
    EngineError,
    Failure,
    analyse_documents,
    analyse_serialised,
    build_pipeline,
    crash_failure,
    dump_results,
    load_results,
    stage_modules,
)
from newsledger.model import Document
from newsledger.pipeline import Pipeline

# How long the main process waits for a result before it looks at its workers' health.
POLL_SECONDS = 0.2
# How often an idle worker checks that the main process is still there (it leaves when it is not).
PARENT_CHECK_SECONDS = 1.0
# How long close() gives idle workers to leave on their own before it terminates them.
GRACE_SECONDS = 5.0

Key = tuple[int, int | None]  # (batch sequence number, None for the whole batch or a document's index)


def _worker_main(
    wid: int, stages: list[str], config: dict[str, Any], modules: list[str], threads: int, tasks: Any, results: Any
) -> None:
    """A worker: build the pipeline once, then analyse batches until told to stop.

    `tasks` is this worker's own queue; `results` the sending end of its own pipe,
    so a worker that dies mid-message can corrupt nothing another worker uses.
    """
    # Ctrl-C reaches the whole process group; the main process decides what to do about it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            pipeline = build_pipeline(stages, config, modules, threads=threads)
        except BaseException as err:  # report why this worker cannot start, then leave
            results.send(("init_error", wid, None, f"{type(err).__name__}: {err}"))
            return
        results.send(("ready", wid, None, os.getpid()))
        parent = multiprocessing.parent_process()
        while True:
            try:
                task = tasks.get(timeout=PARENT_CHECK_SECONDS)
            except queue.Empty:
                if parent is not None and not parent.is_alive():
                    return  # the main process was killed: nobody wants the results
                continue
            if task is None:
                return
            key, blob = task
            batch = pickle.loads(blob)
            out = analyse_serialised(pipeline, batch)
            results.send(("done", wid, key, dump_results(out, [str(d.get("id")) for d in batch])))
    except (BrokenPipeError, EOFError, ConnectionError):
        return  # the main process is gone


@dataclass
class _Worker:
    wid: int
    process: Any
    tasks: Any  # a Queue: the main process never blocks sending
    conn: Any  # the receiving end of the worker's result pipe
    inflight: deque[Key] = field(default_factory=deque)
    ready: bool = False


@dataclass
class _Slot:
    """One batch on its way: its documents' ids and the results that have come back."""

    ids: list[str]
    results: list[AnalysisResult | None]
    missing: int


class LocalEngine:
    """N worker processes, each with its own Pipeline; results in input order."""

    kind = "local"

    def __init__(
        self,
        *,
        workers: int,
        stages: list[str],
        config: dict[str, Any],
        per_worker: int = 2,
        start_method: str = "spawn",
        warm_inline: bool = True,
        lazy: bool = True,
        pipeline: Pipeline | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.per_worker = max(1, per_worker)
        self._stages = list(stages)
        self._config = config
        self._modules = stage_modules(self._stages)
        self._ctx = multiprocessing.get_context(start_method)
        self._pool: dict[int, _Worker] = {}
        self._next_wid = 0
        self._next_seq = 0
        self._slots: dict[int, _Slot] = {}  # batches given but not yet handed back
        self._payloads: dict[Key, bytes] = {}  # serialised input of every task in flight, to retry after a crash
        self._retry: deque[Key] = deque()  # tasks to (re)send before any new batch
        self._closed = False
        self.crashes = 0  # worker deaths seen (for tests and reports)
        self.inline_batches = 0  # batches this process analysed itself while the workers started
        self._warm_inline = warm_inline
        self._pipeline = pipeline
        self._started = False
        self._pulled = 0
        if not lazy:
            self._start()

    def _start(self) -> None:
        if not self._started:
            self._started = True
            for _ in range(self.workers):
                self._spawn()

    # -- workers --------------------------------------------------------------------------------

    def _spawn(self) -> None:
        wid = self._next_wid
        self._next_wid += 1
        tasks = self._ctx.Queue()
        receive, send = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(
            target=_worker_main,
            args=(wid, self._stages, self._config, self._modules, max(1, (os.cpu_count() or 1) // self.workers), tasks, send),
            name=f"newsledger-analyse-{wid}",
            daemon=True,
        )
        process.start()
        send.close()  # the worker holds the only sending end: its death reads as end-of-file here
        self._pool[wid] = _Worker(wid, process, tasks, receive)

    def _send(self, worker: _Worker, key: Key) -> None:
        worker.inflight.append(key)
        worker.tasks.put((key, self._payloads[key]))

    def _free_worker(self) -> _Worker | None:
        candidates = [w for w in self._pool.values() if len(w.inflight) < self.per_worker]
        return min(candidates, key=lambda w: (len(w.inflight), not w.ready, w.wid)) if candidates else None

    # -- the stream -----------------------------------------------------------------------------

    def analyse(self, batches: Iterable[list[Document]]) -> Iterator[list[AnalysisResult]]:
        if self._closed:
            raise EngineError("this engine is closed")
        source = iter(batches)
        exhausted = False
        mine: deque[int] = deque()  # this call's batches, in order
        window = self.workers * self.per_worker
        try:
            while True:
                progressed = False
                if self._pool:
                    self._wait(0)  # take in what has arrived (a worker now ready, results) without blocking
                # 1. Keep the workers busy: retries first, then new batches while the window allows.
                while self._retry:
                    worker = self._free_worker()
                    if worker is None:
                        break
                    self._send(worker, self._retry.popleft())
                    progressed = True
                while not exhausted and not self._retry and len(mine) < window:
                    # Until a worker is ready, this process analyses batches itself rather than wait.
                    here = self._warm_inline and not any(w.ready for w in self._pool.values())
                    if not here:
                        self._start()
                    worker = None if here else self._free_worker()
                    if worker is None and not here:
                        break
                    try:
                        batch = list(next(source))
                    except StopIteration:
                        exhausted = True
                        break
                    progressed = True
                    self._pulled += 1
                    if self._pulled > 1:
                        self._start()  # more than one batch: worth the workers' start
                    seq = self._next_seq
                    self._next_seq += 1
                    mine.append(seq)
                    self._slots[seq] = _Slot([doc.id for doc in batch], [None] * len(batch), len(batch))
                    if worker is None:
                        if batch:
                            self._fill((seq, None), self._analyse_here(batch))
                        break  # hand it back before taking more
                    if batch:
                        key: Key = (seq, None)
                        self._payloads[key] = pickle.dumps([doc.to_dict() for doc in batch], protocol=PICKLE_PROTOCOL)
                        self._send(worker, key)
                # 2. Hand back, in order, every batch that is complete.
                while mine and self._slots[mine[0]].missing == 0:
                    slot = self._slots.pop(mine.popleft())
                    progressed = True
                    yield slot.results  # type: ignore[misc]
                if exhausted and not mine:
                    return
                # 3. Wait for a result, or find out which worker died.
                if not progressed:
                    self._wait(POLL_SECONDS)
        except GeneratorExit:
            # The caller stopped early: forget this call's batches; their late results are dropped.
            self._forget(mine)
            raise
        except BaseException:
            # KeyboardInterrupt, an error in the input: stop the workers at once.
            self._forget(mine)
            self.close()
            raise

    def _analyse_here(self, batch: list[Document]) -> list[AnalysisResult]:
        if self._pipeline is None:
            self._pipeline = build_pipeline(self._stages, self._config, [])
        self.inline_batches += 1
        results = analyse_documents(self._pipeline, batch)
        for result in results:
            if isinstance(result, Document):
                result.parse = None  # as from a worker: the parse does not outlive the analysis
        return results

    def _forget(self, seqs: Iterable[int]) -> None:
        for seq in seqs:
            self._slots.pop(seq, None)
        for key in [k for k in self._payloads if k[0] not in self._slots]:
            del self._payloads[key]
        self._retry = deque(k for k in self._retry if k in self._payloads)

    def _wait(self, timeout: float) -> None:
        """Take the next results in; find out about workers that died."""
        by_conn = {w.conn: w for w in self._pool.values()}
        by_sentinel = {w.process.sentinel: w for w in self._pool.values()}
        ready = mp_connection.wait([*by_conn, *by_sentinel], timeout=timeout)
        dead: dict[int, _Worker] = {}
        for obj in ready:
            worker = by_conn.get(obj)  # type: ignore[call-overload]
            if worker is None:
                worker = by_sentinel[obj]  # type: ignore[index]
                dead[worker.wid] = worker
                continue
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                dead[worker.wid] = worker
                continue
            self._handle(message)
        for worker in self._pool.values():
            if worker.wid not in dead and not worker.process.is_alive():
                dead[worker.wid] = worker
        for worker in dead.values():
            if worker.wid in self._pool:
                self._buried(worker)

    def _handle(self, message: tuple[str, int, Key | None, Any]) -> None:
        kind, wid, key, data = message
        worker = self._pool.get(wid)
        if kind == "ready":
            if worker is not None:
                worker.ready = True
        elif kind == "init_error":
            self.close()
            raise EngineError(f"an analysis worker could not start: {data}")
        elif kind == "done":
            if worker is not None and key in worker.inflight:
                worker.inflight.remove(key)
            if key not in self._payloads:
                return  # a batch the caller gave up on
            del self._payloads[key]
            self._fill(key, load_results(data))  # type: ignore[arg-type]

    def _fill(self, key: Key, results: list[AnalysisResult]) -> None:
        seq, index = key
        slot = self._slots.get(seq)
        if slot is None:
            return
        if index is None:
            slot.results = list(results)
            slot.missing = 0
        else:
            slot.results[index] = results[0]
            slot.missing -= 1

    def _buried(self, worker: _Worker) -> None:
        """A worker died: take what it sent before, retry or fail what it held, start another."""
        while True:  # results it sent just before it died
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            self._handle(message)
        if worker.wid not in self._pool:
            return
        del self._pool[worker.wid]
        worker.process.join(1)
        code = worker.process.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        worker.conn.close()
        worker.tasks.cancel_join_thread()
        worker.tasks.close()
        if not worker.ready:
            self.close()
            raise EngineError(
                f"an analysis worker {how} while starting (see its error above; a script that starts "
                "workers must do so under `if __name__ == '__main__':`)"
            )
        self.crashes += 1
        pending = [k for k in worker.inflight if k in self._payloads]
        if pending:
            self._crashed(pending[0], how)
            self._retry.extend(pending[1:])  # not started yet: send them elsewhere as they are
        if not self._closed:
            self._spawn()

    def _crashed(self, key: Key, how: str) -> None:
        """The task a dead worker was running: split a batch into its documents, or fail the document."""
        seq, index = key
        blob = self._payloads.pop(key)
        slot = self._slots[seq]
        if index is None and len(slot.ids) > 1:
            for i, data in enumerate(pickle.loads(blob)):
                single: Key = (seq, i)
                self._payloads[single] = pickle.dumps([data], protocol=PICKLE_PROTOCOL)
                self._retry.append(single)
            slot.missing = len(slot.ids)
            return
        i = index or 0
        failed: Failure = crash_failure(slot.ids[i], "this article", how)
        self._fill(key if index is not None else (seq, None), [failed])

    # -- shutdown -------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the workers: politely when they are idle, at once when work is in flight."""
        if self._closed:
            return
        self._closed = True
        # Idle workers leave on their own; busy ones, and ones still loading the pipeline, are stopped.
        idle = [w for w in self._pool.values() if w.ready and not w.inflight]
        if len(idle) == len(self._pool):
            for worker in idle:
                try:
                    worker.tasks.put(None)
                except (OSError, ValueError):
                    pass
            deadline = time.monotonic() + GRACE_SECONDS
            for worker in idle:
                worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in self._pool.values():
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self._pool.values():
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.tasks.cancel_join_thread()
            worker.tasks.close()
            worker.conn.close()
        self._pool.clear()
        self._slots.clear()
        self._payloads.clear()
        self._retry.clear()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
