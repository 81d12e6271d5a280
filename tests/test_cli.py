"""The CLI mirrors the API: list, show, stats, search and export on a real store."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, run_cli


def test_ingest_then_everything_else(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    first = run_cli("ingest", str(EXAMPLES), db=db, check=True)
    assert "ingested (new)" in first.stdout and "not English" in first.stdout
    again = run_cli("ingest", str(EXAMPLES), db=db, check=True)
    assert "│ unchanged        │    16 │" in again.stdout

    listed = run_cli("articles", "--json", db=db, check=True)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 16 and rows[0]["published"] >= rows[-1]["published"]

    shown = run_cli("show", "ex-001-turkey-s400-first-delivery", db=db, check=True)
    assert "removed by cleaning" in shown.stdout and "[paywall]" in shown.stdout

    stats = json.loads(run_cli("stats", "--json", db=db, check=True).stdout)
    assert stats["articles"] == 16 and stats["languages"]["fr"] == 1

    found = run_cli("search", "Leopard tanks", "--json", db=db, check=True)
    assert json.loads(found.stdout.splitlines()[0])["article_id"] == "ex-010-germany-leopard-ukraine"


def test_export_articles(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    run_cli("ingest", str(EXAMPLES), db=db, check=True)
    out = tmp_path / "articles.jsonl"
    proc = run_cli("export", "--format", "articles", "--out", str(out), db=db, check=True)
    assert "wrote 16 articles records" in proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 16
    keys = {"id", "title", "url", "source", "published", "language", "text", "raw_text", "removed", "content_hash", "version"}
    assert all(keys == set(r) for r in records)
    with_removed = [r for r in records if r["removed"]]
    assert with_removed
    for record in with_removed:
        for span in record["removed"]:
            assert record["raw_text"][span["start"] : span["end"]] == span["text"]
    stdout = run_cli("export", "--format", "articles", "--out", "-", db=db, check=True).stdout
    assert len(stdout.splitlines()) == 16
    listed = run_cli("export", "--list", db=db, check=True).stdout
    assert "articles" in listed


def test_stdin(tmp_path: Path) -> None:
    line = json.dumps({"id": "piped", "text": "The navy commissioned two corvettes on Friday, the ministry said."})
    proc = run_cli("ingest", "-", db=tmp_path / "s.db", input=line + "\n", check=True)
    assert "ingested (new)   │     1" in proc.stdout
