"""Query latency: p50/p95 of ask, timeline and dossier on a store.

    .venv/bin/python benchmarks/queries.py --db STORE [--build N]

With `--build N`, first builds a store of the first N TempEval-3 articles plus
the seed articles (../shared). Each query runs once to warm caches, then the
timings are taken over the question set (50 questions mixing the example
questions of the README with entities, types and periods drawn from the store).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED, machine, subset_jsonl, table, te3_articles, write_section

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsledger import Ledger  # noqa: E402

QUESTIONS = [
    "What has India bought from Russia since 2018?",
    "When did Putin and Modi last meet?",
    "Who supplies air defence systems to India?",
    "What is the status of the S-400 deal?",
    "Where do sources disagree about India's arms purchases?",
    "What happened in the Galwan Valley?",
    "What did Brazil buy from Sweden?",
    "What has China bought from Russia?",
    "Who sells fighter jets to Pakistan?",
    "When did Bush and Putin last meet?",
]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _questions(ledger: Ledger, n: int) -> list[str]:
    """The fixed questions, then ones about the states and systems the store mentions most."""
    questions = list(QUESTIONS)
    states = [r["name"] for r in ledger.entities(type="state", limit=20)]
    weapons = [r["name"] for r in ledger.entities(type="weapon_system", limit=10)]
    people = [r["name"] for r in ledger.entities(type="person", limit=10)]
    templates = [
        lambda i: f"What has {states[i % len(states)]} bought since 2000?",
        lambda i: f"Who supplies weapons to {states[(i + 3) % len(states)]}?",
        lambda i: f"What is the status of the {weapons[i % len(weapons)]} deal?" if weapons else "What is the status of the deal?",
        lambda i: f"When did {people[i % len(people)]} last meet {people[(i + 1) % len(people)]}?" if len(people) > 1 else "Who met?",
        lambda i: f"Where do sources disagree about {states[i % len(states)]}?",
    ]
    i = 0
    while len(questions) < n and states:
        questions.append(templates[i % len(templates)](i))
        i += 1
    return questions[:n]


def measure(ledger: Ledger, n: int) -> list[tuple[str, int, float, float, float]]:
    """(query, runs, p50 ms, p95 ms, max ms) for ask, timeline and dossier on the ledger's store."""
    questions = _questions(ledger, n)
    entities = [r["id"] or r["name"] for r in ledger.entities(limit=n) if r["id"]]
    ledger.ask(questions[0])  # load the linker and the KB once, as a running service would
    out = []
    for name, run, inputs in (
        ("ask", lambda q: ledger.ask(q), questions),
        ("timeline (one entity)", lambda e: ledger.timeline(entities=[e]), entities),
        ("dossier", lambda e: ledger.dossier(e), entities),
    ):
        samples = []
        for item in inputs:
            started = time.perf_counter()
            run(item)
            samples.append(time.perf_counter() - started)
        p50, p95 = _percentiles(samples)
        out.append((name, len(samples), p50, p95, max(samples) * 1000))
        print(f"{name:<22} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="an existing store")
    ap.add_argument("--build", type=int, help="build a store of the first N TempEval-3 articles plus the seeds")
    ap.add_argument("--questions", type=int, default=50)
    args = ap.parse_args()
    if args.build:
        db = Path(tempfile.mkdtemp()) / "queries.db"
        corpus = te3_articles()
        subset = subset_jsonl(corpus, args.build, out=db.with_suffix(".jsonl"))
        with Ledger(db) as ledger:
            ledger.ingest([str(subset), str(SHARED / "seeds" / "seeds.jsonl")])
    elif args.db:
        db = Path(args.db)
    else:
        sys.exit("give --db STORE or --build N")
    with Ledger(db) as ledger:
        stats = ledger.stats()
        measured = measure(ledger, args.questions)
    rows = [[name, str(runs), f"{p50:.1f}", f"{p95:.1f}", f"{worst:.1f}"] for name, runs, p50, p95, worst in measured]
    body = (
        f"Command: `.venv/bin/python benchmarks/queries.py {'--build ' + str(args.build) if args.build else '--db STORE'}`\n\n"
        f"Machine: {machine()}\n\n"
        f"Store: {stats['articles']:,} articles, {stats['facts']['total']:,} facts, "
        f"{sum(stats['events'].values()):,} events.\n\n"
        + table(rows, ["query", "runs", "p50 (ms)", "p95 (ms)", "max (ms)"])
        + "\n\nTargets: ask under 200 ms; timeline and dossier p95 under 50 ms (on the 100k store of issue 7)."
    )
    write_section(f"Query latency ({stats['articles']:,} articles)", body)
    print(body)


if __name__ == "__main__":
    main()
