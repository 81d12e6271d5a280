"""Where an article's time goes: each stage of the pipeline, and each component of spaCy's.

    .venv/bin/python benchmarks/stage_profile.py [--limit 300] [--parse events]

Runs the default pipeline one stage at a time over the first N TempEval-3
articles in this process (models loaded first, outside the timings), then
spaCy's components one at a time over the same texts. Prints milliseconds per
article and writes them to RESULTS.md. For a call-level view of the same work:

    .venv/bin/pip install pyinstrument==5.1.1
    .venv/bin/pyinstrument -r text -m newsledger.cli ingest ARTICLES.jsonl --db /tmp/p.db --workers 1
"""

from __future__ import annotations

import argparse
import json
import time

from common import machine, table, te3_articles, write_section

from newsledger import nlp
from newsledger.model import Article
from newsledger.pipeline import Pipeline
from newsledger.stages import DEFAULT_STAGES
from newsledger.stories import embed


def stage_times(articles: list[dict], parse: str) -> list[tuple[str, float]]:
    pipeline = Pipeline(DEFAULT_STAGES, {"newsledger.spacy.v1": {"parse": parse}})
    nlp.load()
    embed.load_embedder()
    started = time.perf_counter()
    docs = [pipeline.make_doc(Article(raw_text=a["text"], id=a["id"], title=a.get("title"), published=a.get("published")))
            for a in articles]
    out = [(DEFAULT_STAGES[0], time.perf_counter() - started)]
    for name, fn in pipeline._stages[1:]:
        started = time.perf_counter()
        pipe = getattr(fn, "pipe", None)
        docs = pipe(docs) if pipe is not None else [fn(d) for d in docs]
        out.append((name, time.perf_counter() - started))
    return out


def component_times(texts: list[str]) -> list[tuple[str, float]]:
    model = nlp.load()
    started = time.perf_counter()
    docs = [model.make_doc(t) for t in texts]
    out = [("tokenizer", time.perf_counter() - started)]
    for name, component in model.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=32)) if hasattr(component, "pipe") else [component(d) for d in docs]
        out.append((name, time.perf_counter() - started))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--parse", default="all", help="the spaCy stage's mode, as ingest --parse (all, events, events+names)")
    args = ap.parse_args()
    with open(te3_articles(), encoding="utf-8") as fh:
        articles = [json.loads(line) for _, line in zip(range(args.limit), fh)]
    n = len(articles)
    stages = stage_times(articles, args.parse)
    components = component_times([a["text"] for a in articles])
    total = sum(s for _, s in stages)
    spacy_total = sum(s for _, s in components)
    rows = [[name, f"{1000 * s / n:.1f}", f"{100 * s / total:.0f}%"] for name, s in stages]
    rows.append(["**all stages**", f"**{1000 * total / n:.1f}**", "100%"])
    crows = [[name, f"{1000 * s / n:.1f}", f"{100 * s / spacy_total:.0f}%"] for name, s in components]
    for name, s in stages:
        print(f"{name:<28} {1000 * s / n:7.1f} ms/article")
    for name, s in components:
        print(f"  spaCy {name:<28} {1000 * s / n:7.1f} ms/article")
    body = (
        f"Command: `.venv/bin/python benchmarks/stage_profile.py --limit {args.limit}"
        + (f" --parse {args.parse}" if args.parse != "all" else "")
        + f"` (first {n} TempEval-3 articles, one process)\n\n"
        f"Machine: {machine()}\n\n"
        + table(rows, ["stage", "ms per article", "share"])
        + "\n\nInside the spaCy stage, component by component:\n\n"
        + table(crows, ["spaCy component", "ms per article", "share"])
    )
    write_section("Profile: where an article's time goes", body)


if __name__ == "__main__":
    main()
