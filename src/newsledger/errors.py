"""One catalogue of the messages newsledger gives when something is wrong.

Every message says what happened and what to do about it. Exceptions form a
small hierarchy so that callers can catch what they can handle:

- `NewsledgerError`: anything newsledger raises on purpose.
  - `InputError`: one input (file, line, record) cannot be read; ingest reports
    it and goes on with the rest.
  - `UsageError`: the caller asked for something that cannot be done (an
    unknown stage, export format or article id); the CLI exits with 2.
  - `StoreError`: the SQLite file is unusable (newer schema, not a ledger).
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class of the errors newsledger raises on purpose."""


class InputError(NewsledgerError):
    """An input cannot be read. `where` names the file (and line or record)."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class UsageError(NewsledgerError):
    """The request cannot be carried out as asked."""


class StoreError(NewsledgerError):
    """The store cannot be opened or written."""


class Messages:
    """The catalogue. Placeholders are filled with `str.format`."""

    # inputs
    EMPTY = "the file is empty; nothing to ingest"
    BINARY = "looks like a binary file ({kind}), not text; only text, HTML, JSON Lines, RSS/Atom and WARC are read"
    TOO_LARGE = "is {size}, larger than the {limit} limit for one article; split it, or raise the limit with --max-size"
    NOT_FOUND = "cannot be read: no such file (a broken symbolic link?)"
    UNREADABLE = "cannot be read: {reason}; check its permissions"
    SYMLINK_LOOP = "symbolic link loop: {target} is already being read; skipped"
    UNSUPPORTED = "unsupported file type '{suffix}'; give .txt, .html, .htm, .jsonl, .ndjson, .rss, .atom, .xml, .warc or .warc.gz"
    JSON_LINE = "line {line}: not valid JSON ({reason}); fix or remove that line, the other lines were read"
    JSON_NOT_OBJECT = "line {line}: a JSON Lines article must be an object with 'text' or 'html'; got {kind}"
    JSON_NO_TEXT = "line {line}: the object has neither 'text' nor 'html'; nothing to ingest"
    NO_TEXT = "no article text found{detail}"
    NOT_FEED = "not an RSS or Atom feed: {reason}"
    FEED_EMPTY = "the feed has no entries"
    WARC_BROKEN = "the WARC file is damaged after {records} record(s) ({reason}); the records before it were read"
    WARC_EMPTY = "the WARC file holds no HTTP response with an HTML page"
    DECODED_AS = "not valid UTF-8; decoded as {encoding}"
    NOT_ENGLISH = "language is '{language}': stored, but events are extracted from English text only"
    BAD_DATE = "cannot read the publication date '{value}'; give it as YYYY, YYYY-MM or YYYY-MM-DD"

    # usage
    UNKNOWN_STAGE = "no pipeline stage is registered as '{name}'; registered stages: {known}"
    STAGE_NEEDS = "stage '{name}' needs '{attr}', which no earlier stage assigns; add a stage that assigns it before '{name}'"
    STAGE_RETURNED = "stage '{name}' returned {kind} instead of a Document; a stage must return the document it was given"
    UNKNOWN_FORMAT = "no export format '{name}'; choose one of: {known}"
    KB_MISSING = "knowledge-base file {path} does not exist; give the path of a YAML file (see docs/kb.md)"
    UNKNOWN_ARTICLE = "no article with id '{id}' in {db}; `newsledger articles` lists them"

    # store
    NEWER_SCHEMA = "{db} was written by a newer newsledger (schema {found}, this one knows {known}); upgrade newsledger"
    NOT_A_LEDGER = "{db} is not a newsledger store ({reason})"
