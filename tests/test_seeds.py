"""The five seed articles (../shared/seeds): boilerplate out, every article sentence in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# The page furniture the seeds carry, by the words it starts with.
BOILERPLATE = (
    "Read also",
    "You have 49.93% of this article to read",
    "source site-29",
    "Follow us on:",
    "Also Read:",
    "Source link",
    "Leave a Reply",
    "Your email address will not be published",
    "The BRICS Post with inputs from Agencies",
)


def _expected(raw: str) -> tuple[list[str], list[str]]:
    kept, dropped = [], []
    for line in raw.splitlines():
        line = line.strip()
        if line:
            (dropped if line.startswith(BOILERPLATE) else kept).append(line)
    return kept, dropped


def _check(ledger, raw_by_id: dict[str, str]) -> None:
    rows = ledger.articles()
    assert sorted(r["id"] for r in rows) == sorted(raw_by_id)
    assert {r["language"] for r in rows} == {"en"}
    all_dropped = set()
    for article_id, raw in raw_by_id.items():
        article = ledger.article(article_id)
        kept, dropped = _expected(raw)
        for line in kept:
            assert line in article["text"], f"{article_id}: lost article text: {line[:60]}"
        for line in dropped:
            assert line not in article["text"], f"{article_id}: boilerplate kept: {line[:60]}"
        removed = {r["text"].strip() for r in article["removed"]}
        assert removed == set(dropped), article_id
        for r in article["removed"]:
            assert article["raw_text"][r["start"] : r["end"]] == r["text"]
        all_dropped.update(dropped)
    # every boilerplate kind the seeds show was met
    assert all(any(d.startswith(b) for d in all_dropped) for b in BOILERPLATE)


def test_seed_text_files(ledger, seeds_dir: Path) -> None:
    paths = sorted(seeds_dir.glob("*.txt"))
    report = ledger.ingest([str(p) for p in paths])
    assert (report.ingested, report.failed) == (5, 0)
    _check(ledger, {p.stem: p.read_text(encoding="utf-8") for p in paths})


def test_seed_jsonl(ledger, seeds_dir: Path) -> None:
    path = seeds_dir / "seeds.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = ledger.ingest([str(path)])
    assert (report.ingested, report.failed) == (5, 0)
    _check(ledger, {r["id"]: r["text"] for r in rows})
    for row in rows:
        article = ledger.article(row["id"])
        assert (article["published"], article["published_precision"]) == (row["published"], "day")


def test_seed_sentences_are_searchable(ledger, seeds_dir: Path) -> None:
    ledger.ingest([str(seeds_dir / "seeds.jsonl")])
    hits = ledger.search("Galwan Valley battle")
    assert hits and hits[0]["article_id"] == "000_55c070a744314553"
    article = ledger.article(hits[0]["article_id"])
    assert article["raw_text"][hits[0]["start"] : hits[0]["end"]] == hits[0]["text"]


@pytest.mark.parametrize("again", [1, 2])
def test_seed_reingest_reports_unchanged(ledger, seeds_dir: Path, again: int) -> None:
    ledger.ingest([str(seeds_dir / "seeds.jsonl")])
    for _ in range(again):
        report = ledger.ingest([str(seeds_dir / "seeds.jsonl")])
    assert (report.ingested, report.unchanged) == (0, 5)
