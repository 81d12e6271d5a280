"""Readers: paths → a stream of `Article`s and `Problem`s.

Every supported format has one reader. A reader never raises for bad input:
it yields a `Problem` naming the file (and line or record) and goes on, so one
broken file never costs the others.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsledger.errors import InputError, Messages
from newsledger.model import Article

DEFAULT_MAX_SIZE = 10 * 1024 * 1024  # one article; a larger .txt or .html is not one news article


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read (severity 'error') or was read with a caveat ('warning')."""

    where: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read, and how many bytes it holds (for progress)."""

    path: str  # a file path, or "-" for standard input
    size: int
    explicit: bool  # named by the user, not found by walking a directory


TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}


def _suffix(path: str) -> str:
    name = os.path.basename(path).lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return os.path.splitext(name)[1]


def supported(path: str) -> bool:
    return _suffix(path) in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


def expand(paths: Iterable[str]) -> tuple[list[Source], list[Problem]]:
    """Files named, found under directories (recursively, following links once) or matched by globs."""
    sources: list[Source] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(path: str, explicit: bool) -> None:
        real = os.path.realpath(path)
        if real in seen:
            return
        if not os.path.exists(path):
            problems.append(Problem(path, Messages.NOT_FOUND))
            return
        if not explicit and not supported(path):
            return  # a README or image beside the articles: not an input
        seen.add(real)
        try:
            size = os.path.getsize(path)
        except OSError as err:
            problems.append(Problem(path, Messages.UNREADABLE.format(reason=err.strerror or err)))
            return
        sources.append(Source(path, size, explicit))

    for raw in paths:
        if raw == "-":
            sources.append(Source("-", 0, True))
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            problems.append(Problem(raw, "no file matches this pattern"))
        for path in matches:
            if os.path.isdir(path):
                _walk(path, add, problems)
            else:
                add(path, True)
    return sources, problems


def _walk(top: str, add: Any, problems: list[Problem]) -> None:
    visited: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in visited:
            problems.append(Problem(dirpath, Messages.SYMLINK_LOOP.format(target=real)))
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames.sort()
        # Don't descend into a linked directory that leads back up the tree.
        for name in list(dirnames):
            child = os.path.join(dirpath, name)
            if os.path.islink(child) and os.path.realpath(child) in visited | {real}:
                problems.append(Problem(child, Messages.SYMLINK_LOOP.format(target=os.path.realpath(child))))
                dirnames.remove(name)
        for name in sorted(filenames):
            add(os.path.join(dirpath, name), False)


def read(source: Source, *, max_size: int = DEFAULT_MAX_SIZE, stdin: IO[str] | None = None) -> Iterator[Article | Problem]:
    """Articles from one source, with a Problem for whatever cannot be read."""
    if source.path == "-":
        yield from _read_jsonl_lines(stdin or sys.stdin, "<stdin>")
        return
    suffix = _suffix(source.path)
    try:
        if suffix in JSONL_SUFFIXES:
            with open(source.path, encoding="utf-8", errors="surrogateescape", newline="") as fh:
                yield from _read_jsonl_lines(fh, source.path)
        elif suffix in WARC_SUFFIXES:
            yield from _read_warc(source.path)
        elif suffix in FEED_SUFFIXES:
            yield from _read_feed(source.path, _read_bytes(source.path, max_size))
        elif suffix in HTML_SUFFIXES:
            yield from _read_html_file(source.path, _read_bytes(source.path, max_size))
        elif suffix in TEXT_SUFFIXES:
            yield from _read_text_file(source.path, _read_bytes(source.path, max_size))
        else:
            yield Problem(source.path, Messages.UNSUPPORTED.format(suffix=suffix or "(none)"))
    except InputError as err:
        yield Problem(err.where or source.path, err.message)
    except (OSError, MemoryError) as err:
        reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
        yield Problem(source.path, Messages.UNREADABLE.format(reason=reason))


# -- bytes and text ------------------------------------------------------------------------

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}


def _human(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


def _read_bytes(path: str, max_size: int) -> bytes:
    size = os.path.getsize(path)
    if size > max_size:
        raise InputError(Messages.TOO_LARGE.format(size=_human(size), limit=_human(max_size)), where=path)
    with open(path, "rb") as fh:
        data = fh.read(max_size + 1)
    if not data.strip():
        raise InputError(Messages.EMPTY, where=path)
    return data


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        return "mostly control characters"
    return None


def decode(data: bytes, where: str) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 if it is, else the best guess, with a warning that says so."""
    kind = _binary_kind(data)
    if kind:
        raise InputError(Messages.BINARY.format(kind=kind), where=where)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "cp1252"
        text = data.decode(encoding, errors="replace")
    return text, [Messages.DECODED_AS.format(encoding=encoding)]


def stable_id(*parts: str) -> str:
    """An id that is the same every time the same input is read."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def _stem(path: str) -> str:
    name = os.path.basename(path)
    for suffix in sorted(TEXT_SUFFIXES | HTML_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


# -- plain text ----------------------------------------------------------------------------


def _title_line(text: str) -> str | None:
    """A headline on the first line: short, with no closing full stop, and text after it."""
    lines = text.lstrip().split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return None
    first = lines[0].strip()
    if not first or len(first.split()) > 20 or first[-1] in ".!?:|,;":
        return None
    return first


def _read_text_file(path: str, data: bytes) -> Iterator[Article]:
    text, warnings = decode(data, path)
    if not text.strip():
        raise InputError(Messages.EMPTY, where=path)
    yield Article(
        raw_text=text, id=_stem(path), title=_title_line(text), input_path=path, input_format="text", warnings=warnings
    )


# -- HTML ----------------------------------------------------------------------------------


def extract_html(markup: str, where: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The article text of a page and the metadata trafilatura finds (title, date, site)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        markup, url=url, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(Messages.NO_TEXT.format(detail=" in the HTML page"), where=where)
    return text, data


def _article_from_html(markup: str, where: str, meta: dict[str, Any], *, fmt: str, path: str | None) -> Article:
    from newsledger.ingest.published import html_date

    text, found = extract_html(markup, where, url=meta.get("url"))
    published = meta.get("published")
    if not published:
        date = html_date(markup, url=meta.get("url"))
        published = date.value if date else None
    return Article(
        raw_text=text,
        id=meta.get("id"),
        title=meta.get("title") or found.get("title"),
        url=meta.get("url") or found.get("url"),
        source=meta.get("source") or found.get("sitename"),
        published=published,
        language=meta.get("language"),
        markup=markup,
        input_path=path,
        input_format=fmt,
        input_line=meta.get("line"),
        warnings=list(meta.get("warnings", [])),
    )


def _read_html_file(path: str, data: bytes) -> Iterator[Article]:
    markup, warnings = decode(data, path)
    yield _article_from_html(markup, path, {"id": _stem(path), "warnings": warnings}, fmt="html", path=path)


# -- JSON Lines ----------------------------------------------------------------------------

_FIELDS = ("id", "title", "url", "source", "published", "language")
# Bytes that were not UTF-8 come through `surrogateescape` as lone surrogates.
_SURROGATE = re.compile("[\udc80-\udcff]")


def _read_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Article | Problem]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(where, Messages.JSON_LINE.format(line=number, reason=err.msg))
            continue
        except UnicodeDecodeError as err:
            yield Problem(where, Messages.JSON_LINE.format(line=number, reason=f"not UTF-8: {err.reason}"))
            continue
        if not isinstance(obj, dict):
            yield Problem(where, Messages.JSON_NOT_OBJECT.format(line=number, kind=type(obj).__name__))
            continue
        meta = {k: str(obj[k]) for k in _FIELDS if obj.get(k) not in (None, "")}
        meta["line"] = number
        path = None if where == "<stdin>" else where
        if _SURROGATE.search(line):
            yield Problem(where, Messages.JSON_LINE.format(line=number, reason="not UTF-8"))
            continue
        try:
            if isinstance(obj.get("text"), str) and obj["text"].strip():
                yield Article(
                    raw_text=obj["text"],
                    id=meta.get("id"),
                    title=meta.get("title"),
                    url=meta.get("url"),
                    source=meta.get("source"),
                    published=meta.get("published"),
                    language=meta.get("language"),
                    input_path=path,
                    input_format="jsonl",
                    input_line=number,
                )
            elif isinstance(obj.get("html"), str) and obj["html"].strip():
                yield _article_from_html(obj["html"], f"{where}:{number}", meta, fmt="jsonl", path=path)
            else:
                yield Problem(where, Messages.JSON_NO_TEXT.format(line=number))
        except InputError as err:
            yield Problem(err.where or where, err.message)


# -- RSS and Atom --------------------------------------------------------------------------


def _read_feed(path: str, data: bytes) -> Iterator[Article | Problem]:
    import feedparser

    if _binary_kind(data):
        raise InputError(Messages.BINARY.format(kind=_binary_kind(data)), where=path)
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "")) or "unreadable XML"
        raise InputError(Messages.NOT_FEED.format(reason=reason), where=path)
    if not parsed.entries:
        if parsed.version:
            raise InputError(Messages.FEED_EMPTY, where=path)
        raise InputError(Messages.NOT_FEED.format(reason="no <rss> or <feed> element"), where=path)
    source = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{path}: entry {number}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        if not body.strip():
            yield Problem(where, Messages.NO_TEXT.format(detail=" in the feed entry"))
            continue
        key = entry.get("id") or entry.get("link") or entry.get("title") or str(number)
        published = None
        if entry.get("published_parsed"):
            published = "%04d-%02d-%02d" % tuple(entry.published_parsed[:3])
        meta = {
            "id": key if _plain_id(key) else stable_id(path if key == str(number) else "", key),
            "title": entry.get("title"),
            "url": entry.get("link"),
            "source": source,
            "published": published,
            "line": number,
        }
        if "<" in body and ">" in body:
            try:
                yield _article_from_html(f"<html><body><article>{body}</article></body></html>", where, meta, fmt="feed", path=path)
            except InputError as err:
                yield Problem(where, err.message)
        else:
            yield Article(
                raw_text=body, id=meta["id"], title=meta["title"], url=meta["url"], source=source,
                published=published, input_path=path, input_format="feed", input_line=number,
            )


def _plain_id(key: str) -> bool:
    """A feed guid that reads well as an id (not a URL, no spaces)."""
    return len(key) <= 80 and "/" not in key and " " not in key


# -- WARC ----------------------------------------------------------------------------------


def _gzip_damage(path: str) -> str | None:
    """Why a gzipped file cannot be read to its end, or None when it can.

    warcio stops quietly at a truncated gzip member, so the damage would go
    unreported; one streaming pass through zlib finds it.
    """
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, gzip.BadGzipFile) as err:
        return str(err) or type(err).__name__
    return None


def _read_warc(path: str) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = pages = 0
    size = os.path.getsize(path)
    if size == 0:
        raise InputError(Messages.EMPTY, where=path)
    compressed = path.lower().endswith(".gz")
    damage = _gzip_damage(path) if compressed else None
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                if not compressed and iterator.get_record_offset() + (record.length or 0) > size:
                    damage = f"record {records + 1} is cut off"
                    break
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                body = record.content_stream().read()
                where = f"{path}: record {records} ({url})"
                try:
                    markup, warnings = decode(body, where)
                    article = _article_from_html(
                        markup, where, {"id": stable_id(url) if url else None, "url": url or None, "warnings": warnings},
                        fmt="warc", path=path,
                    )
                except InputError as err:
                    yield Problem(where, err.message)
                    continue
                pages += 1
                yield article
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as err:
            damage = str(err).strip() or type(err).__name__
    if damage:
        yield Problem(path, Messages.WARC_BROKEN.format(records=records, reason=damage))
    elif not pages:
        yield Problem(path, Messages.WARC_EMPTY)
