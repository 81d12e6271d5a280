"""Incremental updates: the time to add a few articles to stores of growing size.

    .venv/bin/python benchmarks/incremental.py [--sizes 100 2700] [--add 10]

Builds stores from the first N TempEval-3 articles (plus the seed articles when
../shared has them, so that fusion has facts to update), then times ingesting
`--add` articles the store has not seen (the next ones in the corpus), three
times on fresh copies, and reports the median. Cost must follow the new
articles, not the store: the figures should not grow with N.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED, machine, subset_jsonl, table, te3_articles, write_section

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsledger import Ledger  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 2700])
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    corpus = te3_articles()
    work = Path(tempfile.mkdtemp(prefix="newsledger-incremental-"))
    seeds = SHARED / "seeds" / "seeds.jsonl"
    rows = []
    for size in args.sizes:
        base = work / f"base-{size}.db"
        with Ledger(base) as ledger:
            inputs = [str(subset_jsonl(corpus, size, out=work / f"base-{size}.jsonl"))]
            if seeds.exists():
                inputs.append(str(seeds))
            started = time.perf_counter()
            ledger.ingest(inputs)
            build = time.perf_counter() - started
            facts = ledger.stats()["facts"]["total"]
        new = subset_jsonl(corpus, size + args.add, start=size, out=work / f"new-{size}.jsonl")
        timings = []
        for _ in range(args.repeat):
            copy = work / f"copy-{size}.db"
            shutil.copy(base, copy)
            with Ledger(copy) as ledger:
                from newsledger import nlp

                nlp.load()
                ledger.pipeline()
                started = time.perf_counter()
                report = ledger.ingest([str(new)])
                timings.append(time.perf_counter() - started)
                assert report.failed == 0, report.problems[:3]
                added = report.ingested + report.new_versions
        median = statistics.median(timings)
        rows.append([f"{size:,}", f"{facts:,}", f"{build:.0f}", f"{added}", f"{median:.2f}", f"{median / max(added, 1) * 1000:.0f}"])
        print(json.dumps({"size": size, "facts": facts, "add": args.add, "seconds": median}), file=sys.stderr)
    body = (
        "Command: `.venv/bin/python benchmarks/incremental.py --sizes " + " ".join(map(str, args.sizes)) + f" --add {args.add}`\n\n"
        f"Machine: {machine()}\n\n"
        + table(rows, ["store (articles)", "facts", "build (s)", "added", "add time (s, median of 3)", "ms per added article"])
        + "\n\nThe added articles go through the whole pipeline (parse, entities, dates, amounts, events) and fusion; "
        "fusion touches only the facts the new events could belong to."
    )
    write_section(f"Incremental update: add {args.add} articles", body)
    print(body)


if __name__ == "__main__":
    main()
