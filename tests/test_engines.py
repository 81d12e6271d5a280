"""Engines: the same analysed documents from every engine, in order, with failures pinned on their article.

The cheap tests run a two-stage pipeline (clean, then a test stage registered
here: workers import this module to find it) so that they test the engines'
machinery, not spaCy. The equality tests run the full default pipeline over the
example articles through the inline, local (2 workers) and Ray (2 workers, a
real local Ray instance) engines.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import EXAMPLES
from newsledger.engines import Failure, default_workers, make_engine, tagged
from newsledger.engines.core import EngineError
from newsledger.errors import UsageError
from newsledger.model import Article, Document
from newsledger.pipeline import Pipeline, stage
from newsledger.stages import DEFAULT_STAGES

# -- a test stage: breaks on "BREAK", kills its worker process on "POISON" ---------------------

# The test process; a worker (a spawned process or a Ray actor) inherits the variable
# (the Ray engine forwards NEWSLEDGER_* variables) and so knows it is not the test process.
os.environ.setdefault("NEWSLEDGER_TEST_ENGINES_MAIN_PID", str(os.getpid()))


def _in_worker() -> bool:
    return os.getpid() != int(os.environ["NEWSLEDGER_TEST_ENGINES_MAIN_PID"])


@stage("test.engines.mark.v1", requires=("text",), assigns=("marks",))
def _make_mark(config: dict[str, Any]) -> Any:
    def mark(doc: Document) -> Document:
        if "BREAK" in doc.text:
            raise ValueError("this article breaks the stage")
        if "POISON" in doc.text and _in_worker():
            os.kill(os.getpid(), signal.SIGKILL)  # a native crash, as a segfault or the OOM killer would
        doc.layers["marks"] = [{"pid": "any", "words": len(doc.text.split()), "tag": config.get("tag")}]
        doc.warnings.append("marked")
        return doc

    return mark


@stage("test.engines.fail_in_worker.v1", requires=("text",), assigns=("nothing",))
def _make_fail_in_worker(config: dict[str, Any]) -> Any:
    if _in_worker():
        raise RuntimeError("this stage cannot be built in a worker")
    return lambda doc: doc


CHEAP = ["newsledger.clean.v1", "test.engines.mark.v1"]
CONFIG = {"test.engines.mark.v1": {"tag": "t"}}


def _docs(texts: list[str], pipeline: Pipeline) -> list[Document]:
    return [pipeline.make_doc(Article(raw_text=t, id=f"a{i:03d}")) for i, t in enumerate(texts)]


def _batches(docs: list[Document], size: int) -> list[list[Document]]:
    return [docs[i : i + size] for i in range(0, len(docs), size)]


def _comparable(result: Document | Failure) -> Any:
    if isinstance(result, Failure):
        return ("failure", result.doc_id, result.message)
    data = result.to_dict()
    data.pop("timing", None)  # none today; a stage that times itself would add it
    return data


# -- the engines agree on the example articles --------------------------------------------------


def _example_articles() -> list[Article]:
    articles = []
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles.append(
            Article(
                raw_text=row["text"], id=row["id"], title=row.get("title"), url=row.get("url"),
                source=row.get("source"), published=row.get("published"), language=row.get("language"),
                input_format="jsonl",
            )
        )
    return articles


FULL_CONFIG: dict[str, Any] = {
    "newsledger.published.v1": {"published": None},
    "newsledger.entities.v1": {"kb": []},
    "newsledger.events.v1": {"kb": []},
}


@pytest.fixture(scope="module")
def examples() -> tuple[Pipeline, list[Article], list[Any], float]:
    """The example articles analysed inline: the reference every engine must reproduce."""
    pipeline = Pipeline(DEFAULT_STAGES, FULL_CONFIG)
    articles = _example_articles()
    assert len(articles) == 12
    started = time.perf_counter()
    with make_engine("inline", stages=list(DEFAULT_STAGES), config=FULL_CONFIG, pipeline=pipeline) as engine:
        results = [r for batch in engine.analyse(_batches([pipeline.make_doc(a) for a in articles], 4)) for r in batch]
    seconds = time.perf_counter() - started
    assert all(isinstance(r, Document) for r in results)
    assert sum(len(r.layers.get("events", [])) for r in results) > 0  # the comparison has events to compare
    return pipeline, articles, [_comparable(r) for r in results], seconds


def _run_examples(kind: str, examples: Any, **options: Any) -> tuple[list[Any], float]:
    pipeline, articles, _, _ = examples
    started = time.perf_counter()
    with make_engine(kind, workers=2, stages=list(DEFAULT_STAGES), config=FULL_CONFIG, **options) as engine:
        results = [r for batch in engine.analyse(_batches([pipeline.make_doc(a) for a in articles], 4)) for r in batch]
    return [_comparable(r) for r in results], time.perf_counter() - started


def test_local_engine_gives_the_inline_results_on_the_examples(examples: Any) -> None:
    _, articles, expected, inline_seconds = examples
    got, seconds = _run_examples("local", examples, warm_inline=False)  # every batch in a worker
    assert [g["id"] for g in got] == [a.id for a in articles]
    assert got == expected
    print(f"\nexamples: inline {inline_seconds:.1f} s, local-2 {seconds:.1f} s (with worker start)")


def test_ray_engine_gives_the_inline_results_on_the_examples(examples: Any) -> None:
    pytest.importorskip("ray", reason="the ray engine needs Ray (pip install 'ray[data]==2.60.0')")
    _, articles, expected, inline_seconds = examples
    got, seconds = _run_examples("ray", examples)
    assert [g["id"] for g in got] == [a.id for a in articles]
    assert got == expected
    print(f"\nexamples: inline {inline_seconds:.1f} s, ray-2 {seconds:.1f} s (with Ray start)")


def test_ray_engine_retries_a_lost_batch_article_by_article(cheap: Pipeline) -> None:
    pytest.importorskip("ray", reason="the ray engine needs Ray (pip install 'ray[data]==2.60.0')")
    texts = [f"Article {i} is fine." for i in range(6)]
    texts[4] = "Article 4 carries POISON for its actor."
    docs = _docs(texts, cheap)
    with make_engine("ray", workers=2, stages=CHEAP, config=CONFIG) as engine:
        results = [r for batch in engine.analyse(_batches(docs, 3)) for r in batch]
    assert [r.doc_id if isinstance(r, Failure) else r.id for r in results] == [d.id for d in docs]
    assert [i for i, r in enumerate(results) if isinstance(r, Failure)] == [4]
    assert results[4].message == "analysis failed (WorkerCrashed: the worker process died while analysing this article)"
    assert results[0].layers["marks"] == [{"pid": "any", "words": 4, "tag": "t"}]


# -- the local engine's machinery ---------------------------------------------------------------


@pytest.fixture(scope="module")
def cheap() -> Pipeline:
    return Pipeline(CHEAP, CONFIG)


def test_results_come_back_in_order_with_empty_and_uneven_batches(cheap: Pipeline) -> None:
    def batches() -> list[list[Document]]:  # fresh documents each time: the inline engine analyses in place
        docs = _docs([f"Article number {i} says {'x ' * (i % 7)}" for i in range(40)], cheap)
        return [docs[0:3], [], docs[3:4], docs[4:20], docs[20:21], [], docs[21:40]]

    with make_engine("inline", stages=CHEAP, config=CONFIG) as inline:
        expected = [[_comparable(r) for r in b] for b in inline.analyse(batches())]
    with make_engine("local", workers=2, stages=CHEAP, config=CONFIG, warm_inline=False) as local:
        got = [[_comparable(r) for r in b] for b in local.analyse(batches())]
        # the same engine takes a second stream
        again = [[_comparable(r) for r in b] for b in local.analyse(batches()[:2])]
    assert got == expected
    assert again == expected[:2]
    assert [len(b) for b in got] == [3, 0, 1, 16, 1, 0, 19]
    assert got[0][0]["layers"]["marks"] == [{"pid": "any", "words": 4, "tag": "t"}]
    assert got[0][0]["warnings"] == ["marked"]


def test_the_input_is_read_only_a_bounded_way_ahead(cheap: Pipeline) -> None:
    docs = _docs([f"Article {i}" for i in range(60)], cheap)
    pulled = 0

    def batches() -> Iterator[list[Document]]:
        nonlocal pulled
        for batch in _batches(docs, 2):
            pulled += 1
            yield batch

    ahead = []
    with make_engine("local", workers=2, stages=CHEAP, config=CONFIG, per_worker=2, warm_inline=False) as engine:
        for i, _ in enumerate(engine.analyse(batches())):
            ahead.append(pulled - (i + 1))
    assert pulled == 30
    assert max(ahead) <= 2 * 2  # workers * per_worker batches between input and output


def test_a_document_that_breaks_a_stage_fails_alone(cheap: Pipeline) -> None:
    for kind in ("inline", "local"):
        docs = _docs(["One fine article.", "This one will BREAK the stage.", "Another fine article."], cheap)
        with make_engine(kind, workers=2, stages=CHEAP, config=CONFIG, **({"warm_inline": False} if kind == "local" else {})) as engine:
            (results,) = list(engine.analyse([docs]))
        assert isinstance(results[0], Document) and isinstance(results[2], Document)
        assert results[1] == Failure("a001", "analysis failed (ValueError: this article breaks the stage)")
        # the retried documents are analysed once, from a clean copy
        assert results[0].stages == ["newsledger.clean.v1", "test.engines.mark.v1"]
        assert results[0].warnings == ["marked"]


def test_a_worker_crash_costs_only_the_article_that_caused_it(cheap: Pipeline) -> None:
    texts = [f"Article {i} is fine." for i in range(12)]
    texts[5] = "Article 5 carries POISON for its worker."
    docs = _docs(texts, cheap)
    with make_engine("local", workers=2, stages=CHEAP, config=CONFIG, warm_inline=False) as engine:
        results = [r for batch in engine.analyse(_batches(docs, 4)) for r in batch]
        assert engine.crashes == 2  # the batch, then the article alone
        # the engine goes on with fresh workers
        (after,) = list(engine.analyse([docs[:2]]))
    assert [r.doc_id if isinstance(r, Failure) else r.id for r in results] == [d.id for d in docs]
    assert [i for i, r in enumerate(results) if isinstance(r, Failure)] == [5]
    assert results[5].message == (
        "analysis failed (WorkerCrashed: the worker process was killed by signal 9 while analysing this article)"
    )
    assert all(isinstance(r, Document) for r in after)


def test_a_worker_that_cannot_start_is_an_error_not_a_hang() -> None:
    stages = ["newsledger.clean.v1", "test.engines.fail_in_worker.v1"]
    pipeline = Pipeline(stages, {})  # fine in this process
    docs = _docs(["An article."], pipeline)
    with make_engine("local", workers=2, stages=stages, config={}, warm_inline=False) as engine:
        with pytest.raises(EngineError, match="could not start: RuntimeError: this stage cannot be built in a worker"):
            list(engine.analyse([docs]))


def test_an_interrupt_stops_the_workers_at_once(cheap: Pipeline) -> None:
    docs = _docs([f"Article {i}" for i in range(40)], cheap)

    def batches() -> Iterator[list[Document]]:
        yield from _batches(docs, 4)[:3]
        raise KeyboardInterrupt

    engine = make_engine("local", workers=2, stages=CHEAP, config=CONFIG, warm_inline=False)
    processes = [w.process for w in engine._pool.values()]  # type: ignore[attr-defined]
    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        for _ in engine.analyse(batches()):
            pass
    assert time.perf_counter() - started < 30
    assert not any(p.is_alive() for p in processes)
    with pytest.raises(EngineError, match="closed"):
        list(engine.analyse([]))
    engine.close()  # idempotent


def test_tagged_keeps_each_batch_with_its_tag(cheap: Pipeline) -> None:
    docs = _docs([f"Article {i}" for i in range(10)], cheap)
    with make_engine("local", workers=2, stages=CHEAP, config=CONFIG, warm_inline=False) as engine:
        out = list(tagged(engine, ((f"batch-{i}", b) for i, b in enumerate(_batches(docs, 3)))))
    assert [tag for tag, _ in out] == ["batch-0", "batch-1", "batch-2", "batch-3"]
    assert [[r.id for r in results] for _, results in out] == [[d.id for d in b] for b in _batches(docs, 3)]


def test_a_small_input_never_waits_for_the_workers(cheap: Pipeline) -> None:
    docs = _docs([f"Article {i}" for i in range(5)], cheap)
    with make_engine("local", workers=2, stages=CHEAP, config=CONFIG) as engine:
        (results,) = list(engine.analyse([docs]))
        assert engine.inline_batches == 1
        assert not engine._pool  # type: ignore[attr-defined]  # one batch: no worker was started
    assert [r.id for r in results] == [d.id for d in docs]
    assert all(r.parse is None for r in results)


def test_this_process_helps_until_the_workers_are_ready(cheap: Pipeline) -> None:
    def batches() -> list[list[Document]]:
        return _batches(_docs([f"Article {i} is about {i % 5} things." for i in range(400)], cheap), 2)

    with make_engine("inline", stages=CHEAP, config=CONFIG) as inline:
        expected = [[_comparable(r) for r in b] for b in inline.analyse(batches())]
    with make_engine("local", workers=2, stages=CHEAP, config=CONFIG) as engine:
        got = [[_comparable(r) for r in b] for b in engine.analyse(batches())]
        assert engine.inline_batches >= 1
    assert got == expected


def test_workers_leave_when_the_main_process_is_killed(tmp_path: Any) -> None:
    script = f"""
import sys
sys.path[:0] = {[p for p in sys.path if p]!r}
from newsledger.engines.local import LocalEngine
engine = LocalEngine(workers=2, stages=["newsledger.clean.v1"], config={{}}, lazy=False, warm_inline=False)
while not all(w.ready for w in engine._pool.values()):
    engine._wait(0.2)
print(" ".join(str(w.process.pid) for w in engine._pool.values()), flush=True)
import time
time.sleep(600)
"""
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(pids) == 2
    finally:
        proc.kill()
        proc.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 30
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids)


# -- choosing an engine ---------------------------------------------------------------------------


def test_make_engine_choices(cheap: Pipeline) -> None:
    from newsledger.engines.inline import InlineEngine

    assert default_workers() >= 1
    one = make_engine("local", workers=1, stages=CHEAP, config=CONFIG, pipeline=cheap)
    assert isinstance(one, InlineEngine) and one.pipeline is cheap
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        make_engine("spark", stages=CHEAP, config=CONFIG)
    with pytest.raises(UsageError, match="at least 1"):
        make_engine("local", workers=0, stages=CHEAP, config=CONFIG)
    with pytest.raises(UsageError, match="--address is for --engine ray only"):
        make_engine("local", address="auto", stages=CHEAP, config=CONFIG)


def test_the_ray_engine_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    with pytest.raises(UsageError, match=r'pip install "ray\[data\]==2\.60\.0"'):
        make_engine("ray", workers=2, stages=CHEAP, config=CONFIG)
