"""Bad input gets a one-line reason; the other inputs are stored; the store stays consistent."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli

GOOD = "Greece signed a contract for eighteen Rafale jets from France on Monday, the defence ministry said.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _ingest(ledger, tmp_path: Path, name: str, data: bytes):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    report = ledger.ingest([str(bad), str(good)])
    assert "good" in {a["id"] for a in ledger.articles()}, "the good file beside the bad one was not stored"
    assert ledger.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return report


def _only_problem(report, severity: str = "error"):
    problems = [p for p in report.problems if p.severity == severity]
    assert len(problems) == 1, problems
    assert "\n" not in str(problems[0])
    return problems[0]


def test_binary_file_renamed_txt(ledger, tmp_path: Path) -> None:
    problem = _only_problem(_ingest(ledger, tmp_path, "picture.txt", PNG))
    assert problem.where.endswith("picture.txt") and "binary" in problem.message and "PNG" in problem.message


def test_latin1_text_is_decoded_with_a_warning(ledger, tmp_path: Path) -> None:
    text = "Le ministre a confirmé l'achat de Rafale à Athènes, a déclaré le ministère grec lundi."
    report = _ingest(ledger, tmp_path, "latin1.txt", text.encode("latin-1"))
    assert report.failed == 0
    warning = [p for p in report.warnings if "UTF-8" in p.message][0]
    assert warning.where.endswith("latin1.txt")
    assert ledger.article("latin1")["text"] == text


def test_invalid_utf8_is_not_lost(ledger, tmp_path: Path) -> None:
    data = "Tanks arrived in Gdynia on Tuesday, officials said.".encode() + b" \xff\xfe broken \xc3 bytes."
    report = _ingest(ledger, tmp_path, "broken.txt", data)
    assert report.failed == 0
    assert any("not valid UTF-8" in p.message for p in report.warnings)
    assert "Tanks arrived in Gdynia" in ledger.article("broken")["text"]


def test_empty_file(ledger, tmp_path: Path) -> None:
    problem = _only_problem(_ingest(ledger, tmp_path, "empty.txt", b""))
    assert "empty" in problem.message


def test_fifty_megabyte_file(ledger, tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        line = b"The convoy moved north along the border road at dawn.\n"
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    report = ledger.ingest([str(big), str(good)])
    problem = _only_problem(report)
    assert problem.where.endswith("huge.txt") and "50.0 MB" in problem.message and "--max-size" in problem.message
    assert report.ingested == 1


def test_jsonl_with_a_malformed_line(ledger, tmp_path: Path) -> None:
    lines = [
        '{"id": "one", "text": "The first article about the frigate deal, signed on Monday."}',
        '{"id": "two", "text": "The second article is cut off',
        '{"id": "three", "text": "The third article reports the delivery of the frigates in May."}',
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ledger.ingest([str(path)])
    problem = _only_problem(report)
    assert problem.where.endswith("batch.jsonl") and "line 2" in problem.message
    assert {a["id"] for a in ledger.articles()} == {"one", "three"}


def test_truncated_warc(ledger, tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(3):
        html = f"<html><body><article><p>Report {n}: the ministry confirmed the order of {n + 2} corvettes from the shipyard on Friday, officials said.</p><p>The ships will be delivered over four years.</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.com/{n}", "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    data = buffer.getvalue()
    report = _ingest(ledger, tmp_path, "cut.warc.gz", data[: int(len(data) * 0.8)])
    problem = _only_problem(report)
    assert problem.where.endswith("cut.warc.gz") and "damaged" in problem.message
    assert report.ingested >= 2  # the records before the damage, and good.txt


def test_rss_that_is_not_xml(ledger, tmp_path: Path) -> None:
    problem = _only_problem(_ingest(ledger, tmp_path, "feed.rss", b"this is { not xml at all"))
    assert "not an RSS or Atom feed" in problem.message


def test_unreadable_file(ledger, tmp_path: Path) -> None:
    """A file that cannot be opened: a dangling link, and (when not root) a file without read permission."""
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    report = ledger.ingest([str(tmp_path / "gone.txt"), str(good)])
    assert "no such file" in _only_problem(report).message
    if os.geteuid() == 0:
        return  # root reads any file: permissions cannot make one unreadable here
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD + "more", encoding="utf-8")
    locked.chmod(0)
    report = ledger.ingest([str(locked)])
    assert "permission" in _only_problem(report).message.lower()


def test_directory_symlink_loop(ledger, tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    (top / "sub" / "loop").symlink_to(top, target_is_directory=True)
    report = ledger.ingest([str(top)])
    assert report.ingested == 1
    assert any("symbolic link loop" in p.message for p in report.problems)


def test_cli_summary_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "picture.txt").write_bytes(PNG)
    proc = run_cli("ingest", str(tmp_path), db=tmp_path / "l.db")
    assert proc.returncode == 1
    assert "picture.txt: looks like a binary file (PNG image)" in " ".join(proc.stdout.split())
    conn = sqlite3.connect(tmp_path / "l.db")
    assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM ingest_problem WHERE severity = 'error'").fetchone()[0] == 1


@pytest.mark.parametrize("args", [["ingest"], ["export", "--format", "nonsense"], ["show", "no-such-id"]])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = run_cli(*args, db=tmp_path / "l.db")
    assert proc.returncode == 2, proc.stderr
