#!/usr/bin/env python3
"""Score event extraction on newsledger's own development set (benchmarks/dev/).

The articles in dev/articles.jsonl were written for the project and
annotated in dev/gold.json before the extractor ran on them (see its "about").
This ingests them through the CLI into a fresh store, exports events and facts,
and prints the evaluation kit's score table (../shared/eval/score.py, whose role
schema the gold file borrows at run time), with the misses and spurious events,
and the fusion figures where the gold records fused facts.

    python benchmarks/dev_events.py            # the table, misses and spurious events
    python benchmarks/dev_events.py --json     # one JSON object
    python benchmarks/dev_events.py --dev DIR  # another articles.jsonl + gold.json

The seeds remain the reference (bash ../shared/eval/seeds.sh); this set shows
how the rules do on text they were not written against.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "benchmarks" / "dev"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared kit (default: ../shared next to the repository)")
    ap.add_argument("--dev", type=Path, default=DEV,
                    help="a directory holding articles.jsonl and gold.json (default: benchmarks/dev)")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON instead of its table")
    args = ap.parse_args(argv)
    scorer, seeds_gold = args.shared / "eval" / "score.py", args.shared / "eval" / "seeds.gold.json"
    if not scorer.exists() or not seeds_gold.exists():
        sys.exit(f"dev_events: {scorer} or {seeds_gold} not found; pass --shared")
    gold = json.loads((args.dev / "gold.json").read_text(encoding="utf-8"))
    gold["schema"] = json.loads(seeds_gold.read_text(encoding="utf-8"))["schema"]
    cli = [sys.executable, "-m", "newsledger.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
        db = str(work / "dev.db")
        subprocess.run([*cli, "ingest", str(args.dev / "articles.jsonl"), "--db", db, "-q"], check=True,
                       capture_output=True, cwd=REPO)
        for kind in ("events", "facts"):
            subprocess.run([*cli, "export", "--format", kind, "--out", str(work / f"{kind}.jsonl"), "--db", db],
                           check=True, capture_output=True, cwd=REPO)
        flags = ["--json"] if args.json else ["--verbose"]
        if gold.get("fused"):
            flags += ["--facts", str(work / "facts.jsonl")]
        result = subprocess.run([sys.executable, str(scorer), str(work / "gold.json"), "--events",
                                 str(work / "events.jsonl"), *flags], capture_output=True, text=True, check=True)
    print(result.stdout, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
