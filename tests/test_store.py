"""The SQLite store: pragmas, migrations, and tools that open it without help."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLES

from newsledger.errors import StoreError
from newsledger.store import Store


def test_wal_foreign_keys_and_schema_version(db_path: Path) -> None:
    store = Store(db_path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    names = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names[0] == "0001_articles"
    assert store.schema_version() == len(names)
    store.close()
    # opening again applies nothing twice
    again = Store(db_path)
    assert [r[0] for r in again.conn.execute("SELECT name FROM migrations ORDER BY name")] == names
    again.close()


def test_a_newer_store_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer newsledger"):
        Store(db_path)


def test_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"definitely not sqlite" * 100)
    with pytest.raises(StoreError, match="not a newsledger store"):
        Store(path)


def test_sqlite_utils_reads_the_tables(ledger) -> None:
    import sqlite_utils

    ledger.ingest([str(EXAMPLES)])
    db = sqlite_utils.Database(ledger.path)
    assert {"article_version", "article_sentence", "article_removed", "ingest_run"} <= set(db.table_names())
    assert "article" in db.view_names()
    assert db["article"].count == ledger.stats()["articles"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_datasette_serves_the_store(ledger) -> None:
    ledger.ingest([str(EXAMPLES)])
    ledger.close()
    exe = shutil.which("datasette", path=str(Path(sys.executable).parent))
    assert exe, "datasette is a test dependency; install with pip install -e .[test]"
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", ledger.path, "--port", str(port), "--host", "127.0.0.1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        name = Path(ledger.path).stem
        base = f"http://127.0.0.1:{port}/{name}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}.json", timeout=2) as resp:
                    tables = {t["name"] for t in json.load(resp)["tables"]}
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("datasette did not start")
        assert {"article_version", "article_sentence", "ingest_run"} <= tables
        with urllib.request.urlopen(f"{base}/article.json?_shape=array&_size=100", timeout=5) as resp:
            rows = json.load(resp)
        assert len(rows) == 16 and all(r["text"] for r in rows)
        query = "select count(*) as n from article_sentence_fts where article_sentence_fts match 'Rafale'"
        with urllib.request.urlopen(f"{base}.json?_shape=array&sql={urllib.parse.quote(query)}", timeout=5) as resp:
            assert json.load(resp)[0]["n"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_search_ranks_current_sentences_only_however_many_old_ones_match(tmp_path: Path) -> None:
    """Replaced versions stay in the full-text index; the best current sentences still come back, `limit` of them."""
    from conftest import write_jsonl

    from newsledger import Ledger
    from newsledger.stages import DEFAULT_STAGES

    foundation = [s for s in DEFAULT_STAGES if s in ("newsledger.clean.v1", "newsledger.language.v1",
                                                     "newsledger.published.v1", "newsledger.sentences.v1")]
    old = [{"id": f"wire-{i}", "published": "2024-01-02", "text": "Submarine submarine: the submarine order was signed."}
           for i in range(12)]
    new = [{**a, "text": "The weather was fine and the harbour was quiet that morning."} for a in old]
    current = [{"id": f"paper-{i}", "published": "2024-01-03", "text": f"A submarine was seen off the coast, report {i} said."}
               for i in range(3)]
    with Ledger(tmp_path / "s.db", stages=foundation) as ledger:
        ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", old + current))])
        ledger.ingest([str(write_jsonl(tmp_path / "b.jsonl", new))])
        hits = ledger.search("submarine", limit=2)
        assert [h["article_id"] for h in hits] == ["paper-0", "paper-1"]
        assert all(h["score"] < 0 and "submarine" in h["text"] for h in hits)
        assert {h["article_id"] for h in ledger.search("submarine", limit=10)} == {"paper-0", "paper-1", "paper-2"}
