"""Growth: ingest 1k, 10k, 100k articles into one store; add 100 to each size; query each size.

    .venv/bin/python benchmarks/growth.py [--sizes 1000 10000 100000] [--workers 2] [--parse MODE] [--hours H]

The articles: the 2,708 TempEval-3 articles first, then edited copies of them,
as a wire story comes back rewritten and updated. Copy k of an article gets the
id `<id>~<k>`, a headline with "UPDATE k", one number in the body changed (a
figure revised) and, in articles of four paragraphs or more, one paragraph after
the lead dropped (a shortened rewrite) — so each copy has its own text hash and
goes through the whole pipeline, while stories and fusion see it as what it is:
another report of the same news. The publication date stays.

One store grows: it is ingested to each size in turn (`Ledger.ingest`, the
whole pipeline, `--workers N` processes). Per 1,000 articles the script records
the time and the resident memory of the process tree (the main process and its
workers, sampled every second). At each size it then:
- copies the store and times adding 100 articles it has not seen (copies with a
  higher k), three times on fresh copies (median): the incremental cost;
- times timeline, dossier and ask on the store (as `queries.py` does).

`--hours` stops growing when the next size could not be reached in time (at
the rate seen so far); the sizes reached are reported, the rest say why not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from common import machine, table, te3_articles, write_section

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsledger import Ledger, nlp  # noqa: E402

_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")


def edited(article: dict, k: int) -> dict:
    """Copy k of an article: its own id and text, the same news (see the module's text)."""
    if k == 0:
        return article
    rnd = random.Random(f"{article['id']}~{k}")
    text = article["text"]
    numbers = [m for m in _NUMBER.finditer(text) if not (1900 <= float(m.group()) <= 2100)]
    if numbers:
        m = rnd.choice(numbers)
        value = m.group()
        new = str(int(value) + k) if value.isdigit() else f"{float(value) + k / 10:.{len(value.split('.')[1])}f}"
        text = text[: m.start()] + new + text[m.end():]
    paragraphs = text.split("\n\n")
    body = [i for i, p in enumerate(paragraphs) if p.strip()]
    if len(body) >= 4:
        del paragraphs[rnd.choice(body[2:])]
        text = "\n\n".join(paragraphs)
    title = article.get("title") or ""
    return dict(article, id=f"{article['id']}~{k}", title=f"UPDATE {k}: {title}".strip(), text=text)


def stream(base: list[dict], start: int, stop: int, first_copy: int = 0) -> Iterator[dict]:
    """Articles start..stop of the endless sequence: originals, then copy 1 of each, copy 2, …"""
    for n in range(start, stop):
        k, i = divmod(n, len(base))
        yield edited(base[i], k + first_copy)


def write_jsonl(articles: Iterator[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


def tree_rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    pid = pid or os.getpid()
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(parents.get(p, []))
        try:
            with open(f"/proc/{p}/status", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class Sampler:
    """The peak of `tree_rss_mb` since the last `reset`, sampled every second in a thread."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.peak = max(self.peak, tree_rss_mb())

    def reset(self) -> float:
        peak, self.peak = self.peak, tree_rss_mb()
        return max(peak, self.peak)

    def close(self) -> None:
        self._stop.set()


def add_timings(db: Path, new: Path, work: Path, workers: int, repeat: int, parse: str) -> tuple[float, int]:
    timings, added = [], 0
    for _ in range(repeat):
        copy = work / "incremental.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        shutil.copy(db, copy)
        with Ledger(copy, parse=parse) as ledger:
            ledger.pipeline()
            started = time.perf_counter()
            report = ledger.ingest([str(new)], workers=workers)
            timings.append(time.perf_counter() - started)
            assert report.failed == 0, report.problems[:3]
            added = report.ingested + report.new_versions
    return statistics.median(timings), added


def query_timings(db: Path, n: int) -> dict[str, tuple[float, float]]:
    from queries import measure

    with Ledger(db) as ledger:
        return {name: (p50, p95) for name, _, p50, p95, _ in measure(ledger, n)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--parse", default="all", help="what the model parses (as `newsledger ingest --parse`)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--questions", type=int, default=50)
    ap.add_argument("--hours", type=float, default=24.0, help="stop growing when the next size would end after this")
    ap.add_argument("--keep", help="keep the grown store at this path")
    args = ap.parse_args()
    with open(te3_articles(), encoding="utf-8") as fh:
        base = [json.loads(line) for line in fh if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="newsledger-growth-"))
    db = Path(args.keep) if args.keep else work / "growth.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    sampler = Sampler()
    deadline = time.monotonic() + args.hours * 3600
    curve: list[list[str]] = []
    sizes: list[list[str]] = []
    queries: list[list[str]] = []
    skipped: list[int] = []
    done, elapsed = 0, 0.0
    nlp.load()
    for size in sorted(args.sizes):
        if done and time.monotonic() + (size - done) * elapsed / done > deadline:
            skipped.append(size)
            continue
        chunk = write_jsonl(stream(base, done, size), work / "chunk.jsonl")
        marks: list[tuple[int, float]] = []
        with Ledger(db, parse=args.parse) as ledger:
            ledger.pipeline()
            sampler.reset()
            started = time.perf_counter()
            last = [done]

            def progress(_bytes: int, articles: int, started: float = started, last: list[int] = last) -> None:
                at = done + articles
                if at // 1000 > last[0] // 1000:
                    marks.append((at, time.perf_counter() - started))
                    last[0] = at

            report = ledger.ingest([str(chunk)], workers=args.workers, progress=progress)
            seconds = time.perf_counter() - started
            assert report.failed == 0, report.problems[:3]
            stats = ledger.stats()
        peak = sampler.reset()
        previous = 0.0
        for at, t in marks:
            curve.append([f"{at:,}", f"{t - previous:.1f}", f"{1000 / max(t - previous, 1e-9):.1f}"])
            previous = t
        elapsed += seconds
        done = size
        db_mb = db.stat().st_size / 1e6
        print(json.dumps({"size": size, "seconds": seconds, "total": elapsed, "peak_tree_rss_mb": peak}), file=sys.stderr)
        new = write_jsonl(stream(base, 0, args.add, first_copy=1000), work / "new.jsonl")
        add_seconds, added = add_timings(db, new, work, args.workers, args.repeat, args.parse)
        print(json.dumps({"size": size, "add_seconds": add_seconds, "added": added}), file=sys.stderr)
        q = query_timings(db, args.questions)
        sizes.append([
            f"{size:,}", f"{stats['facts']['total']:,}", f"{sum(stats['events'].values()):,}", f"{elapsed:.0f}",
            f"{size / elapsed:.1f}", f"{peak:.0f}", f"{db_mb:.0f}", f"{add_seconds:.1f}", f"{add_seconds / max(added, 1) * 1000:.0f}",
        ])
        queries += [[f"{size:,}", name, f"{p50:.1f}", f"{p95:.1f}"] for name, (p50, p95) in q.items()]
        _write(args, sizes, curve, queries, skipped)
    sampler.close()
    _write(args, sizes, curve, queries, skipped)


def _write(args: argparse.Namespace, sizes: list[list[str]], curve: list[list[str]], queries: list[list[str]], skipped: list[int]) -> None:
    notes = ""
    if skipped:
        notes = ("\n\nNot reached: " + ", ".join(f"{s:,}" for s in skipped)
                 + f" articles (the run was limited to {args.hours:g} h and the rate seen so far would have passed it).")
    body = (
        f"Command: `.venv/bin/python benchmarks/growth.py --sizes {' '.join(map(str, args.sizes))} --workers {args.workers} --parse {args.parse} --hours {args.hours:g}`\n\n"
        f"Machine: {machine()}\n\n"
        "Articles: the 2,708 TempEval-3 articles, then edited copies (new id, an \"UPDATE k\" headline, one figure "
        "changed, one later paragraph dropped), so every article is new to the store and is analysed in full.\n\n"
        "Ingest, one store growing, and the cost of adding " + f"{args.add} unseen articles at each size (median of {args.repeat}):\n\n"
        + table(sizes, ["store (articles)", "facts", "events", "ingest time to here (s)", "articles/s", "peak RSS, process tree (MB)",
                        "store file (MB)", f"add {args.add} (s)", "ms per added article"])
        + "\n\nTime per 1,000 articles as the store grows (linear growth shows as a flat rate):\n\n"
        + table(curve, ["articles in store", "seconds for the last 1,000", "articles/s"])
        + "\n\nQueries on each store (p50/p95 over the question set of `queries.py`):\n\n"
        + table(queries, ["store (articles)", "query", "p50 (ms)", "p95 (ms)"])
        + notes
    )
    write_section("Growth: 1k, 10k, 100k articles; incremental adds; queries", body)
    print(body)


if __name__ == "__main__":
    main()
