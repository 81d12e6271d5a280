"""Entity linking: mentions in the text → knowledge-base entries.

Four sources, in order of trust:
1. the gazetteer (every name, alias, demonym, capital and epithet in the KB);
2. titles resolved by the article's date ("the Russian President" in 2021 is
   Putin, in 1997 Yeltsin; "Prime Minister Narendra Modi" is Modi; "President
   Bush" in 1990 is George H. W. Bush, in 2003 George W. Bush);
3. spaCy's named entities, which the KB's type overrides where both fire
   (spaCy calls Igla-S a country and MiG-29 an organisation);
4. guarded fuzzy matching of spaCy's names against the KB, for misspellings
   and machine translation ("Poutin" is Putin).
What none of them links is kept as an unlinked mention with its type.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz, process

from newsledger.kb import KnowledgeBase
from newsledger.lifetime import settled
from newsledger.link.gazetteer import Gazetteer, Match, Surface, fold
from newsledger.link.titles import administrations, find_title, titled_surnames

# spaCy labels → our types, for mentions the KB does not know.
_NER_TYPES = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "LAW": "law", "PRODUCT": "product",
}
# A weapon designation the KB does not know: letters, a hyphen, digits ("Su-57E", "BMP-3M").
_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Za-z]{0,4}\b")
_NOT_WEAPONS = {"covid", "sars", "mers", "g", "cop", "h", "q", "p", "mh", "ind", "sco"}
# A KB place named after a preposition of place is a place, not its state acting.
_LOCATIVE = re.compile(r"\b(?:in|at|to|near|inside|outside|visited|visit|toward|towards|via)\s+(?:the\s+)?$", re.I)
# ... but goods go "to" a state: "the sale to Rabat of 25 F-16s", "deliveries to Beijing"
_TRANSFER_TO = re.compile(r"\b(?:sales?|sell\w*|sold|deliver\w*|exports?|exported|suppl\w*|transfer\w*|lease[sd]?)"
                          r"\s+(?:of\s+\w+\s+)?to\s+$", re.I)
# A currency named after its state: "US dollars", "Australian dollars", "5.3 million-US dollar".
_CURRENCY_AFTER = re.compile(
    r"[\s-]*(?:dollars?|cents|pounds?|francs?|rupees?|yen|yuan|renminbi|euros?|won|pesos?|rand|ringgits?|riyals?|rials?"
    r"|dinars?|kron[aeo]r?|kroner|liras?|lire|rubles?|roubles?|shekels?|baht|rupiah|dirhams?|kina|kwacha|naira"
    r"|shillings?|marks?|guilders?|escudos?)\b", re.I)
_STANCE = re.compile(r"\b(?:anti|pro)-$", re.I)
_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|trillion|thousand|lakh|crore|bn|mn))[\s-]*(?:new\s+)?$", re.I)


# Words that name a state by its form of government, capitalised as if names ("the Kingdom", "the Republic").
_STATE_FORM_WORDS = {"kingdom", "republic", "emirate", "emirates", "sultanate", "principality", "federation", "union",
                     "commonwealth", "confederation", "state", "realm", "capital", "country"}


def _names_currency(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] names the currency of an amount: "2 billion US dollars"."""
    return bool(_CURRENCY_AFTER.match(text, end)) and bool(_AMOUNT_BEFORE.search(text[max(0, start - 20):start]))


_ORIGIN = re.compile(r"^-(?:made|built|designed|origin|supplied|manufactured|produced)\b", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text and what it refers to. Offsets are into the document's cleaned text."""

    start: int
    end: int
    text: str
    type: str  # state, person, organisation, weapon_system, place, law; unlinked also group, product
    entity_id: str | None  # KB id, None when unlinked
    how: str  # name, alias, demonym, metonym, party, epithet, title, origin, stance, fuzzy, ner, designation
    confidence: float
    place_id: str | None = None  # a capital named as its government also names the city
    label: str | None = None  # spaCy's label, when spaCy saw it


FUZZY_CACHE = 20_000  # names remembered with what the fuzzy match made of them


class Linker:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.gazetteer = Gazetteer(kb)
        self._fuzzy: dict[str, tuple[list[str], list[str]]] = {}
        for type_ in ("person", "state", "organisation", "weapon_system", "place"):
            forms, ids = [], []
            for entity in kb.entities(type_):
                for form in (entity.name, *entity.aliases):
                    if len(form) >= 5:
                        forms.append(fold(form))
                        ids.append(entity.id)
            self._fuzzy[type_] = (forms, ids)
        # Names the KB lacks recur from article to article, and each costs a scan of the KB's forms.
        self._fuzzy_link = functools.lru_cache(maxsize=FUZZY_CACHE)(self._fuzzy_link)  # type: ignore[method-assign]
        # surname -> the persons with it, for "President Bush" (two presidents, no alias)
        self._surnames: dict[str, list[str]] = {}
        for entity in kb.entities("person"):
            for surname in surnames(entity):
                self._surnames.setdefault(surname, []).append(entity.id)
        self._capital_place: dict[str, str] = {}
        for entity in kb.entities("place"):
            self._capital_place.setdefault(fold(entity.name), entity.id)
            for alias in entity.aliases:
                self._capital_place.setdefault(fold(alias), entity.id)

    def link(self, text: str, *, day: dt.date | None, ents: list[tuple[int, int, str]] = ()) -> list[Mention]:  # type: ignore[assignment]
        """Mentions in `text`. `day` dates titles; `ents` are spaCy's (start, end, label)."""
        mentions: list[Mention] = []
        matches = self.gazetteer.find(text)
        consumed: set[int] = set()
        for i, match in enumerate(matches):
            if i in consumed:
                continue
            if _names_currency(text, match.start, match.end) and all(
                    self.kb.by_id[s.entity_id].type in ("state", "place") for s in match.surfaces):
                continue  # "2 billion US dollars", "77 billion new Taiwan dollars": a currency, not the state acting
            title = find_title(self.kb, text, matches, i, day)
            if title is not None:
                mention, used = title
                consumed.update(used)
                mentions.append(mention)
                continue
            mention = self._from_match(text, match)
            if mention.type == "state" and _STANCE.search(text, max(0, match.start - 5), match.start):
                mention = replace(mention, how="stance")  # "the anti-Syrian faction": towards the state, not the state acting
            mentions.append(mention)
        mentions = self._resolve_epithets(mentions)
        mentions.extend(self._from_ner(text, ents, mentions))
        mentions.extend(self._designations(text, mentions))
        mentions.sort(key=lambda m: m.start)
        mentions = titled_surnames(self.kb, self._surnames, text, mentions, day)
        mentions = administrations(self.kb, self._surnames, text, mentions)
        return _surname_coreference(mentions, self.kb)

    # -- gazetteer matches --------------------------------------------------------------------

    def _from_match(self, text: str, match: Match) -> Mention:
        written = text[match.start : match.end]
        surfaces = match.surfaces
        by_type: dict[str, list[Surface]] = {}
        for s in surfaces:
            by_type.setdefault(self.kb.by_id[s.entity_id].type, []).append(s)
        # A capital is its state acting ("Moscow said"), unless the text puts us in it ("in Moscow").
        states = by_type.get("state", [])
        places = by_type.get("place", [])
        if states and places:
            before = text[max(0, match.start - 40) : match.start]
            if _LOCATIVE.search(before[-25:]) and not _TRANSFER_TO.search(before):
                return self._mention(match, written, places[0], confidence=0.9)
            return self._mention(match, written, states[0], confidence=0.85, place_id=places[0].entity_id)
        order = ("weapon_system", "person", "state", "organisation", "law", "place")
        for type_ in order:
            if type_ in by_type:
                best = sorted(by_type[type_], key=lambda s: _HOW_RANK.get(s.how, 9))[0]
                how = best.how
                if how == "demonym" and _ORIGIN.match(text[match.end : match.end + 14]):
                    how = "origin"
                ambiguous = len({s.entity_id for s in by_type[type_]}) > 1
                confidence = 0.6 if ambiguous else _HOW_CONFIDENCE.get(how, 0.9)
                place_id = self._capital_place.get(fold(written)) if best.how == "metonym" else None
                return self._mention(match, written, best, confidence=confidence, how=how, place_id=place_id)
        return self._mention(match, written, surfaces[0], confidence=0.5)

    def _mention(self, match: Match, written: str, surface: Surface, *, confidence: float,
                 how: str | None = None, place_id: str | None = None) -> Mention:
        entity = self.kb.by_id[surface.entity_id]
        return Mention(match.start, match.end, written, entity.type, entity.id, how or surface.how, confidence, place_id)

    def _resolve_epithets(self, mentions: list[Mention]) -> list[Mention]:
        """"the Asian giant" is whichever of its states the article is about."""
        counts = Counter(m.entity_id for m in mentions if m.type == "state" and m.how != "epithet")
        resolved = []
        for m in mentions:
            if m.how != "epithet":
                resolved.append(m)
                continue
            candidates = [e.id for e in self.kb.entities("state") if _has_epithet(e.data, m.text)]
            ranked = sorted(candidates, key=lambda c: -counts.get(c, 0))
            if ranked and counts.get(ranked[0], 0) > (counts.get(ranked[1], 0) if len(ranked) > 1 else 0):
                resolved.append(Mention(m.start, m.end, m.text, "state", ranked[0], "epithet", 0.7))
        return resolved

    # -- spaCy's entities ---------------------------------------------------------------------

    def _from_ner(self, text: str, ents: list[tuple[int, int, str]], known: list[Mention]) -> list[Mention]:
        found = []
        for start, end, label in ents:
            if label not in _NER_TYPES:
                continue
            if any(not (end <= m.start or start >= m.end) for m in known):
                continue  # the KB already names it, and its type wins
            if _names_currency(text, start, end):
                continue
            written = text[start:end]
            if written.lower().startswith("the "):
                start, written = start + 4, written[4:]
            linked = self._fuzzy_link(written, label)
            if linked is not None:
                entity_id, score = linked
                entity = self.kb.by_id[entity_id]
                found.append(Mention(start, end, written, entity.type, entity_id, "fuzzy", round(score / 100 * 0.9, 2), label=label))
                continue
            type_ = _NER_TYPES[label]
            if type_ == "place" and written.lower() in _STATE_FORM_WORDS:
                continue  # "a visit to the Kingdom": the state named elsewhere by its form, not a place's name
            if type_ in ("organisation", "product", "place") and _DESIGNATION.fullmatch(written):
                type_ = "weapon_system"
            found.append(Mention(start, end, written, type_, None, "ner", 0.5, label=label))
        return found

    def _fuzzy_link(self, written: str, label: str) -> tuple[str, float] | None:
        """A KB entry spelled nearly like `written`, when it is the only close one."""
        key = fold(written)
        if len(key) < 5:
            return None
        types = {"PERSON": ("person",), "ORG": ("organisation", "weapon_system"), "GPE": ("state", "place"),
                 "NORP": ("state",), "LOC": ("place",), "FAC": ("place",), "PRODUCT": ("weapon_system",)}.get(label, ())
        best: tuple[str, float] | None = None
        for type_ in types:
            forms, ids = self._fuzzy[type_]
            results = process.extract(key, forms, scorer=fuzz.ratio, limit=5, score_cutoff=86)
            for form, score, index in results:
                if form[0] != key[0]:
                    continue
                others = [r for r in results if ids[r[2]] != ids[index] and r[1] > score - 6]
                if others:
                    return None  # two entries equally close: guessing would cost precision
                if best is None or score > best[1]:
                    best = (ids[index], score)
                break
        return best

    def _designations(self, text: str, known: list[Mention]) -> list[Mention]:
        found = []
        for m in _DESIGNATION.finditer(text):
            if m.group().split("-")[0].lower() in _NOT_WEAPONS:
                continue
            if any(not (m.end() <= k.start or m.start() >= k.end) for k in known):
                continue
            found.append(Mention(m.start(), m.end(), m.group(), "weapon_system", None, "designation", 0.5))
        return found



@functools.cache
def linker_for(kb: KnowledgeBase) -> Linker:
    """The process's linker over `kb`: built once (its gazetteer takes about a third of a second)
    and shared by every pipeline and question that uses that knowledge base."""
    return settled(Linker(kb))

# States whose people's names put the family name first, in English news too: "Hu Jintao" is "Hu".
_FAMILY_NAME_FIRST = {"CN", "TW", "HK", "MO", "KP", "KR", "VN", "KH", "SG"}


def surnames(entity: Any) -> list[str]:
    """The folded surnames a person goes by alone: the last word of their names, or for a
    family-name-first state the first ("Xi Jinping" → "xi"), besides the last."""
    found = []
    for form in (entity.name, *entity.aliases):
        words = form.split()
        if not words:
            continue
        found.append(fold(words[-1]))
        if len(words) > 1 and entity.state in _FAMILY_NAME_FIRST:
            found.append(fold(words[0]))
    return list(dict.fromkeys(found))


def _surname_coreference(mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """"Yury Borisov … Borisov will follow up": a bare surname after the full name is the same person."""
    by_surname: dict[str, str] = {}
    out = []
    for m in mentions:
        if m.type == "person" and m.entity_id:
            entity = kb.by_id[m.entity_id]
            for surname in (*surnames(entity), fold(m.text.split()[-1])):
                by_surname.setdefault(surname, m.entity_id)
        elif m.entity_id is None and m.type in ("person", "organisation", "place") and " " not in m.text.strip():
            # spaCy often takes a lone surname for an organisation ("Borisov will follow up")
            linked = by_surname.get(fold(m.text.strip()))
            if linked is not None:
                m = Mention(m.start, m.end, m.text, "person", linked, "coref", 0.8, label=m.label)
        out.append(m)
    return out


_HOW_RANK = {"name": 0, "alias": 1, "nato": 2, "party": 3, "demonym": 4, "metonym": 5, "epithet": 6}
_HOW_CONFIDENCE = {"name": 0.95, "alias": 0.9, "party": 0.85, "demonym": 0.85, "origin": 0.9, "metonym": 0.8, "epithet": 0.6}


def _has_epithet(data: dict[str, Any], written: str) -> bool:
    target = fold(written)
    return any(fold(e).removeprefix("the ") == target.removeprefix("the ") for e in data.get("epithets") or ())
