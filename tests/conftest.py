"""Fixtures shared by the test suite.

Tests that read `../shared` (the seed articles, the evaluation kit, corpora)
skip with a reason when it is absent, as it is in a user's clone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "articles"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the team's shared data, present in CI, absent from a user's clone)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(db_path: Path):
    from newsledger import Ledger

    with Ledger(db_path) as ledger:
        yield ledger


def run_cli(*args: str, db: Path | None = None, input: str | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the real `newsledger` command in a subprocess."""
    env = dict(os.environ)
    if db is not None:
        env["NEWSLEDGER_DB"] = str(db)
    proc = subprocess.run(
        [sys.executable, "-m", "newsledger.cli", *args],
        capture_output=True, text=True, input=input, env=env, timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"newsledger {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
