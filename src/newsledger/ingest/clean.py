"""Cleaning: raw article text → the text the pipeline reads.

Two jobs, both recorded so nothing is lost:
- boilerplate lines that scraped pages carry (paywall notices, "Read also"
  cross-links, comment prompts, share buttons) are dropped by the rules in
  `data/boilerplate.yaml`, each drop kept as a `Removed` span of the raw text;
- mojibake ("Putinâ€™s") is repaired with ftfy, line by line.

The cleaned text is aligned to the raw text by an `OffsetMap`, so offsets found
in the cleaned text map back to the raw text.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ftfy
import yaml

from newsledger.model import OffsetMap, Removed

# Repair encoding damage only; keep typographic quotes and the like as written,
# so the stored text quotes the article faithfully.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, normalization=None, explain=False)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    max_words: int | None
    removes: tuple[str, ...]
    keeps: tuple[str, ...]

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        if not stripped or not self.pattern.fullmatch(stripped):
            return False
        return self.max_words is None or len(stripped.split()) <= self.max_words


@cache
def boilerplate_rules() -> tuple[Rule, ...]:
    """The maintained rule set, loaded once."""
    text = resources.files("newsledger").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8")
    rules = []
    for entry in yaml.safe_load(text):
        rules.append(
            Rule(
                name=entry["name"],
                pattern=re.compile(entry["pattern"], re.IGNORECASE),
                max_words=entry.get("max_words"),
                removes=tuple(entry.get("removes", ())),
                keeps=tuple(entry.get("keeps", ())),
            )
        )
    return tuple(rules)


def boilerplate_rule(line: str) -> str | None:
    """The name of the rule that makes `line` boilerplate, or None."""
    for rule in boilerplate_rules():
        if rule.matches(line):
            return rule.name
    return None


def clean_text(raw: str) -> tuple[str, OffsetMap, list[Removed]]:
    """Drop boilerplate lines and repair mojibake; return text, alignment and what was removed."""
    pieces: list[str] = []
    runs: list[tuple[int, int, int]] = []
    removed: list[Removed] = []
    clean_pos = 0
    raw_pos = 0
    for line in raw.splitlines(keepends=True):
        rule = boilerplate_rule(line)
        if rule is not None:
            body = line.rstrip("\r\n")
            removed.append(Removed(raw_pos, raw_pos + len(body), rule, body))
            raw_pos += len(line)
            continue
        fixed = ftfy.fix_text(line, _FTFY) if _needs_fixing(line) else line
        if fixed == line:
            runs.append((clean_pos, raw_pos, len(line)))
        else:
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for block in matcher.get_matching_blocks():
                if block.size:
                    runs.append((clean_pos + block.b, raw_pos + block.a, block.size))
        pieces.append(fixed)
        clean_pos += len(fixed)
        raw_pos += len(line)
    text = "".join(pieces)
    # Boilerplate at the end leaves trailing blank lines; they carry nothing.
    text = text.rstrip()
    return text, OffsetMap(_merge(runs)), removed


def _needs_fixing(line: str) -> bool:
    # ftfy is slow on long text; most lines are plain ASCII and cannot be mojibake.
    return not line.isascii()


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for run in runs:
        if merged:
            c, r, n = merged[-1]
            if c + n == run[0] and r + n == run[1]:
                merged[-1] = (c, r, n + run[2])
                continue
        merged.append(run)
    return merged


_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the normalised text: the same article re-scraped with other spacing hashes alike."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
