"""Ingest + understanding on the 2,708 TempEval-3 articles, beside spaCy alone.

    .venv/bin/python benchmarks/understanding.py [--limit N]

Measures, each in its own process, on the same texts:
- spaCy `en_core_web_sm` alone: `nlp.pipe` over the texts (batch 32, 1 process);
- newsledger ingest with only the foundation stages (clean, language, date, sentences);
- newsledger ingest with the understanding stages (spaCy parse, dates, entities, amounts),
  into a fresh SQLite store.
Prints and writes to RESULTS.md: articles/s, peak RSS, and the ratio of the
understanding run's time to spaCy alone (target ≤ 1.3).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from common import in_child, machine, peak_rss_mb, read_texts, subset_jsonl, table, te3_articles, write_section

FOUNDATION = ["newsledger.clean.v1", "newsledger.language.v1", "newsledger.published.v1", "newsledger.sentences.v1"]


def child(mode: str, path: str, limit: int) -> dict[str, float]:
    texts = read_texts(Path(path))[:limit]
    if mode == "spacy":
        from newsledger import nlp

        model = nlp.load()
        start = time.perf_counter()
        for _ in model.pipe(texts, batch_size=32):
            pass
        seconds = time.perf_counter() - start
    else:
        from newsledger import Ledger
        from newsledger.stages import DEFAULT_STAGES

        subset = subset_jsonl(Path(path), limit)
        from newsledger.understand import UNDERSTANDING_STAGES

        stages = {"foundation": FOUNDATION, "understanding": FOUNDATION + list(UNDERSTANDING_STAGES)}.get(mode, list(DEFAULT_STAGES))
        with Ledger(Path(tempfile.mkdtemp()) / "bench.db", stages=stages) as ledger:
            if mode in ("understanding", "full"):
                from newsledger import nlp

                nlp.load()  # load time is not per-article work; spaCy alone is timed after loading too
                ledger.pipeline()
            start = time.perf_counter()
            report = ledger.ingest([str(subset)])
            seconds = time.perf_counter() - start
            assert report.failed == 0, report.problems[:3]
    return {"articles": len(texts), "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=10_000, help="use only the first N articles")
    ap.add_argument("--modes", nargs="+", default=["spacy", "foundation", "understanding", "full"],
                    help="which runs: spacy, foundation, understanding (parse, dates, entities, amounts), full (+ events, stories, fusion)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.path, args.limit)))
        return
    path = te3_articles()
    results = {}
    for mode in args.modes:
        results[mode] = in_child("understanding", mode, str(path), "--limit", str(args.limit))
        r = results[mode]
        print(f"{mode:<14} {r['articles'] / r['seconds']:8.1f} articles/s  {r['seconds']:7.1f} s  peak RSS {r['peak_rss_mb']:.0f} MB", file=sys.stderr)
    labels = {
        "spacy": "spaCy en_core_web_sm alone (nlp.pipe, 1 process)",
        "foundation": "newsledger ingest, foundation stages only",
        "understanding": "newsledger ingest + understanding (parse, dates, entities, amounts)",
        "full": "newsledger ingest, whole pipeline (+ events, stories, fusion), 1 process",
    }
    rows = [
        [labels[name], f"{r['articles']:,}", f"{r['seconds']:.1f}", f"{r['articles'] / r['seconds']:.1f}", f"{r['peak_rss_mb']:.0f}"]
        for name, r in results.items()
    ]
    ratios = []
    for name in ("understanding", "full"):
        if name in results and "spacy" in results:
            ratios.append(f"{name}: **{results[name]['seconds'] / results['spacy']['seconds']:.2f}×** spaCy alone")
    body = (
        "Command: `.venv/bin/python benchmarks/understanding.py`\n\n"
        f"Machine: {machine()}\n\n"
        + table(rows, ["run", "articles", "seconds", "articles/s", "peak RSS (MB)"])
        + "\n\n" + "; ".join(ratios) + " (target for understanding ≤ 1.3×). Model loading is excluded."
    )
    write_section("Ingest + understanding vs spaCy alone (TempEval-3, 2,708 articles)", body)
    print(body)


if __name__ == "__main__":
    main()
