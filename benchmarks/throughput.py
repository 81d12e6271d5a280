"""Throughput of the whole pipeline on the 2,708 TempEval-3 articles, beside spaCy alone.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--modes ...]

Each run is its own process, on the same texts, one after the other:
- spaCy `en_core_web_sm` alone: `nlp.pipe` over the texts, batch 32, with 1 and
  with 2 processes (`n_process`); the model as shipped, nothing of newsledger's;
- `newsledger ingest` with the whole pipeline (clean … events, stories, fusion,
  store writes) into a fresh store, with `--workers 1`, `--workers 2` and
  `--engine ray` with 2 workers (a local Ray instance, started inside the timing);
- the same with `--parse events` (the model parses only paragraphs that could
  report an event), 1 and 2 workers, and through events alone (no stories stage).

Model loading in the main process is outside the timings; the workers' own
loading (local processes, Ray actors) is inside, as a user waits for it.
Peak RSS is the main process's plus its children's (`RUSAGE_CHILDREN`: the
largest child), which is what a machine must hold.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import in_child, machine, peak_rss_mb, read_texts, subset_jsonl, table, te3_articles, write_section

LABELS = {
    "spacy-1": "spaCy en_core_web_sm alone, 1 process",
    "spacy-2": "spaCy en_core_web_sm alone, 2 processes",
    "workers-1": "newsledger ingest, whole pipeline, `--workers 1`",
    "workers-2": "newsledger ingest, whole pipeline, `--workers 2`",
    "ray-2": "newsledger ingest, whole pipeline, `--engine ray --workers 2`",
    "events-1": "newsledger ingest, whole pipeline, `--parse events --workers 1`",
    "events-2": "newsledger ingest, whole pipeline, `--parse events --workers 2`",
    "through-events-2": "newsledger ingest through events (no stories), `--parse events --workers 2`",
}


def _children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def child(mode: str, path: str, limit: int) -> dict[str, float]:
    texts = read_texts(Path(path))[:limit]
    if mode.startswith("spacy"):
        import spacy

        from newsledger import nlp

        model = spacy.load(nlp.DEFAULT_MODEL)
        model.max_length = nlp.MAX_CHARS + 1
        processes = int(mode.split("-")[1])
        start = time.perf_counter()
        for _ in model.pipe(texts, batch_size=32, n_process=processes):
            pass
        seconds = time.perf_counter() - start
    else:
        from newsledger import Ledger, nlp

        subset = subset_jsonl(Path(path), limit)
        from newsledger.stages import DEFAULT_STAGES

        kind, workers = mode.rsplit("-", 1)
        engine = "ray" if kind == "ray" else "local"
        parse = "events" if "events" in kind else "all"
        stages = [s for s in DEFAULT_STAGES if not (kind == "through-events" and s == "newsledger.stories.v1")]
        with Ledger(Path(tempfile.mkdtemp()) / "bench.db", stages=stages, parse=parse) as ledger:
            nlp.load()
            ledger.pipeline()
            start = time.perf_counter()
            report = ledger.ingest([str(subset)], workers=int(workers), engine=engine)
            seconds = time.perf_counter() - start
            assert report.failed == 0, report.problems[:3]
            assert report.ingested == len(texts), (report.ingested, len(texts))
    return {
        "articles": len(texts),
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "children_peak_rss_mb": _children_rss_mb(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=10_000, help="use only the first N articles")
    ap.add_argument("--modes", nargs="+", default=list(LABELS), choices=list(LABELS))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.path, args.limit)))
        return
    path = te3_articles()
    results = {}
    for mode in args.modes:
        r = results[mode] = in_child("throughput", mode, str(path), "--limit", str(args.limit))
        print(f"{mode:<10} {r['articles'] / r['seconds']:7.1f} articles/s  {r['seconds']:7.1f} s  "
              f"peak RSS {r['peak_rss_mb']:.0f} MB (largest child {r['children_peak_rss_mb']:.0f} MB)", file=sys.stderr)
    rows = [
        [LABELS[m], f"{r['articles']:,}", f"{r['seconds']:.1f}", f"{r['articles'] / r['seconds']:.1f}",
         f"{r['peak_rss_mb']:.0f}", f"{r['children_peak_rss_mb']:.0f}" if r["children_peak_rss_mb"] > 1 else "–"]
        for m, r in results.items()
    ]
    ratios = []
    for ours, base in (("workers-1", "spacy-1"), ("workers-2", "spacy-2"), ("ray-2", "spacy-2"),
                       ("events-1", "spacy-1"), ("events-2", "spacy-2"), ("through-events-2", "spacy-2")):
        if ours in results and base in results:
            ratio = results[ours]["seconds"] / results[base]["seconds"]
            ratios.append(f"- {LABELS[ours]} / {LABELS[base]}: **{ratio:.2f}×** the time")
    body = (
        "Command: `.venv/bin/python benchmarks/throughput.py`\n\n"
        f"Machine: {machine()}\n\n"
        + table(rows, ["run", "articles", "seconds", "articles/s", "peak RSS, main (MB)", "peak RSS, largest child (MB)"])
        + "\n\n" + "\n".join(ratios)
        + "\n\nTarget: the whole pipeline at ≥ 40 articles/s on 2 cores, no slower than spaCy alone."
    )
    write_section("Throughput: whole pipeline vs spaCy alone (TempEval-3, 2,708 articles)", body)
    print(body)


if __name__ == "__main__":
    main()
