"""A run killed with SIGKILL leaves a consistent store; the rerun finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import write_jsonl

N = 1500


def _articles() -> list[dict]:
    return [
        {
            "id": f"k{n:05d}",
            "published": f"20{10 + n % 12:02d}-0{1 + n % 9}-1{n % 9}",
            "text": (
                f"Report {n}. The defence ministry said on Monday that {n % 50 + 2} armoured vehicles "
                f"were delivered to the army's {n % 7 + 1}th division.\n\n"
                f"Officials added that contract number {n} covers training and spare parts for {n % 12 + 1} years."
            ),
        }
        for n in range(N)
    ]


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM article_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_sigkill_mid_run_then_rerun(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "many.jsonl", _articles())
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "newsledger.cli", "ingest", str(source), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM article_version").fetchone()[0]
    assert 0 < stored < N, "kill the run mid-way: raise N if the machine got faster"
    # whole batches only: every stored article has its sentences
    orphans = conn.execute(
        "SELECT count(*) FROM article_version a WHERE NOT EXISTS (SELECT 1 FROM article_sentence s WHERE s.article_pk = a.pk)"
    ).fetchone()[0]
    assert orphans == 0
    assert conn.execute("SELECT count(*) FROM ingest_run WHERE finished_at IS NULL").fetchone()[0] == 1
    conn.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT article_id) FROM article_version").fetchone() == (N, N)
    last = conn.execute("SELECT ingested, unchanged FROM ingest_run ORDER BY pk DESC LIMIT 1").fetchone()
    assert last == (N - stored, stored)
    fts = conn.execute("SELECT count(*) FROM article_sentence_fts WHERE article_sentence_fts MATCH 'armoured'").fetchone()[0]
    assert fts == N
