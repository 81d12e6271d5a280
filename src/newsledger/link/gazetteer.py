"""Gazetteer matching: every surface form of the knowledge base, found in one pass.

An Aho-Corasick automaton (pyahocorasick) over a folded copy of the text: same
length as the text, lower case, typographic apostrophes and dashes made plain,
so offsets carry over unchanged. Designations are matched in their spelling
variants ("MiG-29", "MiG 29", "MiG29", "Mig-29"); single words of letters only
("Spike", "US", "Putin") must match their case as written, because the folded
form is often an ordinary word ("spike", "us").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from newsledger.kb import KnowledgeBase

_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower case with plain apostrophes and dashes, the same length as `text`."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


@dataclass(frozen=True, slots=True)
class Surface:
    """One way the knowledge base names an entity."""

    entity_id: str
    how: str  # name, alias, demonym, metonym, party, epithet, nato
    form: str  # as written in the knowledge base (without a leading "the")
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    surfaces: tuple[Surface, ...]
    plural: bool = False  # the span took a trailing "s" that the surface form lacks


_LETTERS_ONLY = re.compile(r"[^\W\d_]+(?:['.][^\W\d_]+)*\.?", re.UNICODE)
_HAS_DIGIT = re.compile(r"\d")


def _variants(form: str) -> set[str]:
    """Spellings of a designation as news writes them: with hyphen, space or nothing between parts.

    Only for designations whose letter part has two letters or more: "MiG 29" is
    the MiG-29, but "A 50" is usually the start of "A 50-year-old".
    """
    key = fold(form)
    variants = {key}
    prefix = re.match(r"[^\W\d_]+", key)
    if _HAS_DIGIT.search(key) and prefix is not None and len(prefix.group()) >= 2:
        variants.add(key.replace("-", " "))
        variants.add(key.replace("-", ""))
        variants.add(re.sub(r"(?<=[a-z])(?=\d)", "-", key.replace(" ", "")))
        variants.add(re.sub(r"(?<=[a-z])(?=\d)", " ", key.replace("-", "")))
    return {v for v in variants if len(v) >= 2}


def _surfaces(kb: KnowledgeBase) -> list[tuple[str, Surface]]:
    found: list[tuple[str, Surface]] = []
    for entity in kb.entities():
        data = entity.data
        groups: list[tuple[str, list[str]]] = [("name", [entity.name]), ("alias", list(entity.aliases))]
        if entity.type == "state":
            groups += [
                ("demonym", list(data.get("demonyms") or [])),
                ("metonym", list(data.get("metonyms") or [])),
                ("party", list(data.get("parties") or [])),
                ("epithet", list(data.get("epithets") or [])),
            ]
        for how, forms in groups:
            for form in forms:
                form = str(form).strip()
                if form.lower().startswith("the ") and how != "epithet":
                    form = form[4:]
                if len(form) < 2:
                    continue
                single_word = " " not in form and not _HAS_DIGIT.search(form)
                case_sensitive = single_word and bool(_LETTERS_ONLY.fullmatch(form))
                surface = Surface(entity.id, how, form, case_sensitive)
                for key in _variants(form):
                    found.append((key, surface))
    return found


class Gazetteer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        table: dict[str, list[Surface]] = {}
        for key, surface in _surfaces(kb):
            bucket = table.setdefault(key, [])
            if surface not in bucket:
                bucket.append(surface)
        self._automaton = ahocorasick.Automaton()
        for key, surfaces in table.items():
            self._automaton.add_word(key, (len(key), tuple(surfaces)))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, longest first, left to right."""
        folded = fold(text)
        candidates: list[Match] = []
        for last, (length, surfaces) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            # the plural of a designation: "S-400s", "Rafales"
            plural = False
            if end < len(folded) and folded[end] == "s" and (end + 1 == len(folded) or not folded[end + 1].isalnum()):
                if any(self.kb.by_id[s.entity_id].type == "weapon_system" for s in surfaces):
                    end += 1
                    plural = True
            if end < len(folded) and folded[end].isalnum():
                continue
            written = text[start:end]
            kept = tuple(s for s in surfaces if _case_ok(s, written) and not _modifier_use(s, text, end))
            if kept:
                candidates.append(Match(start, end, kept, plural))
        candidates = _unglued(candidates, text.translate(_FOLD), self.kb)
        chosen: list[Match] = []
        # longest match wins; ties keep every surface (the linker decides)
        # an exact form beats a plural reading of the same span ("T-90S" is not "T-90"s)
        for match in sorted(candidates, key=lambda m: (-(m.end - m.start), m.plural, m.start)):
            if any(not (match.end <= c.start or match.start >= c.end) for c in chosen):
                continue
            chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)


def _unglued(candidates: list[Match], written: str, kb: KnowledgeBase) -> list[Match]:
    """Without the people who are one half of a hyphenated name: "Kok" in the village of
    "Kok-Tash" is not Wim Kok; "Putin-Modi talks" keep both, each half being a name."""
    starts, ends = {m.start for m in candidates}, {m.end for m in candidates}
    out = []
    for m in candidates:
        after = m.end + 1 < len(written) and written[m.end] == "-" and written[m.end + 1].isupper() \
            and m.end + 1 not in starts
        before = m.start > 1 and written[m.start - 1] == "-" and written[m.start - 2].isalpha() \
            and m.start - 1 not in ends
        if after or before:
            kept = tuple(s for s in m.surfaces if kb.by_id[s.entity_id].type != "person")
            if not kept:
                continue
            m = Match(m.start, m.end, kept, m.plural)
        out.append(m)
    return out


_COLLECTIVE = ("military", "army", "navy", "defence", "defense")
_NOUN_AFTER = re.compile(r" [a-z]{3,}")


def _modifier_use(surface: Surface, text: str, end: int) -> bool:
    """"Russian military equipment": a force's name used as an adjective is its state's, not the force."""
    return surface.form.lower().endswith(_COLLECTIVE) and bool(_NOUN_AFTER.match(text, end)) and not text[end + 1 :].startswith(("and ", "or ", "of ", "in ", "on ", "to ", "has ", "have ", "had ", "was ", "is ", "said ", "says "))


def _case_ok(surface: Surface, written: str) -> bool:
    if surface.case_sensitive:
        stem = written[: len(surface.form)] if len(written) > len(surface.form) else written
        return stem == surface.form or (stem.isupper() and len(stem) > 3 and stem == surface.form.upper())
    # multi-word names and designations: a capital letter somewhere, as names have
    if any(ch.isupper() for ch in surface.form):
        return any(ch.isupper() for ch in written)
    return True
