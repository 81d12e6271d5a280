"""Names as SIPRI writes them, turned into something comparable with the knowledge base.

Two kinds of names meet here:

- party names ("Soviet Union", "Turkiye", "Hezbollah (Lebanon)*") that become KB ids;
- weapon designations ("S-400 Triumf", "BM-21 Grad 122mm", "Mi-24V/Mi-35") that
  become sets of normalised keys, so that "S-400", "S 400" and "S-400 Triumf" meet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsledger.kb import KnowledgeBase

# SIPRI spellings the KB does not carry as a name or alias. Keep this short: the KB's
# aliases already cover Turkiye, UAE, Viet Nam, DR Congo, Czechia, Cabo Verde, eSwatini...
SIPRI_NAMES: dict[str, str] = {
    "Congo": "CG",  # SIPRI's "Congo" is the Republic of the Congo; the DRC is "DR Congo"
    "East Germany (GDR)": "DD",
    "Saint Vincent": "VC",
    "Yemen Arab Republic (North Yemen)": "YE",
}

# States that continued as another: (predecessor, continuing state). Only these, not every
# KB `successor`: East Germany, South Yemen and South Vietnam were absorbed by states that
# existed beside them, so "Germany" in 1985 must not match an East German row.
CONTINUING: tuple[tuple[str, str], ...] = (("SU", "RU"), ("VD", "VN"), ("RH", "ZW"))

# Organisation kinds whose arms deals are their state's (a state exporter, a ministry).
_STATE_ORG_KINDS = frozenset({"company", "agency", "armed_force"})

_CALIBRE = re.compile(r"\b\d+(?:\.\d+)?\s?mm\b", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name ("Côte d'Ivoire" ≡ "cote d'ivoire")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """A designation with case, accents, hyphens, spaces and punctuation gone: "S-400" → "s400"."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


class PartyResolver:
    """Maps SIPRI recipient/supplier names and fact roles to KB ids.

    Built once per KB: a dict of every state's folded name and aliases, and of
    organisations (SIPRI lists the UN, NATO and armed groups such as Hezbollah).
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._states: dict[str, str] = {}
        self._orgs: dict[str, str] = {}
        for entity in kb.entities("state"):
            for name in (entity.name, *entity.aliases):
                self._states.setdefault(fold(name), entity.id)
        for entity in kb.entities("organisation"):
            for name in (entity.name, *entity.aliases):
                self._orgs.setdefault(fold(name), entity.id)
        self._cache: dict[str, str | None] = {}

    def sipri_id(self, name: str) -> str | None:
        """The KB id of a SIPRI party name, or None (unknown rebels, Biafra, Aruba...).

        SIPRI marks non-state actors with '*' and international organisations with
        '**'; those are looked up among organisations only, by the name before the
        parenthesised country ("Hezbollah (Lebanon)*" → hezbollah), so that
        "Syria rebels*" never becomes Syria.
        """
        if name not in self._cache:
            self._cache[name] = self._lookup(name.strip())
        return self._cache[name]

    def _lookup(self, name: str) -> str | None:
        if name in SIPRI_NAMES:
            return SIPRI_NAMES[name]
        if name.endswith("*"):
            base = _PARENTHETICAL.sub("", name.rstrip("*")).strip()
            return self._orgs.get(fold(base))
        key = fold(name)
        if key in self._states:
            return self._states[key]
        bare = fold(_PARENTHETICAL.sub("", name))
        return self._states.get(bare) or self._orgs.get(key)

    def fact_ids(self, role: object) -> set[str]:
        """The ids a fact's party role stands for: its own, and its state's for a state
        exporter or ministry (Rosoboronexport sells for Russia)."""
        refs = role if isinstance(role, list) else [role]
        ids: set[str] = set()
        for ref in refs:
            if not isinstance(ref, dict):
                continue
            eid = ref.get("id")
            entity = self.kb.get(str(eid)) if eid else None
            if entity is None and ref.get("name"):
                found = self.sipri_id(str(ref["name"]))
                entity = self.kb.get(found) if found else None
                eid = found
            if not eid:
                continue
            ids.add(str(eid))
            if entity is not None and entity.type == "organisation" and entity.data.get("kind") in _STATE_ORG_KINDS:
                if entity.state:
                    ids.add(entity.state)
        return ids


def continuing(ids: set[str]) -> set[str]:
    """The predecessors and continuing states of `ids` that are not in `ids` already.

    News says "Russia" for Soviet deals and SIPRI draws the 1991 line where the
    order was signed, so each side counts for the other (the match is noted).
    """
    out = set()
    for eid in ids:
        out.update(b for a, b in CONTINUING if a == eid)
        out.update(a for a, b in CONTINUING if b == eid)
    return out - ids


@dataclass(frozen=True, slots=True)
class DesignationKeys:
    """The comparable forms of one designation.

    full: the whole designation squashed ("BM-21 Grad 122mm" → "bm21grad122mm").
    codes: the designation code when the name starts with one (a token with a digit
        and a letter: "BM-21"), and each side of a slash pair ("Mi-24V/Mi-35").
    stems: codes and full cut back to a version boundary: a digit followed by a
        letter ("T-72B3" → t72) or a hyphen after a digit ("Mirage-2000-5" → mirage2000).
    name: the words after a leading code ("grad", "triumf"), which news uses alone.
    head: the words before a version code that is not leading ("Kfir C-1" → kfir).
    """

    full: str
    codes: frozenset[str]
    stems: frozenset[str]
    name: str | None
    head: str | None

    @property
    def all(self) -> frozenset[str]:
        return self.codes | {self.full}


@lru_cache(maxsize=32768)
def designation_keys(text: str) -> DesignationKeys:
    """Split a designation into its comparable forms (see DesignationKeys)."""
    full = squash(text)
    tokens = (_CALIBRE.sub("", text).strip() or text.strip()).split()
    codes: set[str] = set()
    stems: set[str] = set()
    name = head = None
    at = next((n for n, t in enumerate(tokens) if _is_code(t)), None)
    if at == 0:
        token = tokens[0]
        parts = [squash(p) for p in token.split("/")]
        if len(parts) > 1 and all(re.search(r"\d", p) for p in parts):
            codes.update(p for p in parts if p)
        codes.add(squash(token))
        for piece in token.split("/"):
            stems.update(_hyphen_stems(piece))
        rest = squash(" ".join(tokens[1:]))
        name = rest if len(rest) >= 4 else None
    elif at is not None:
        lead = squash(" ".join(tokens[:at]))
        head = lead if len(lead) >= 4 else None
    codes.discard("")
    for key in (*codes, full):
        stems.update(version_stems(key))
    return DesignationKeys(full, frozenset(codes), frozenset(stems), name, head)


def _is_code(token: str) -> bool:
    return bool(re.search(r"\d", token) and re.search(r"[A-Za-z]", token))


def _hyphen_stems(token: str) -> set[str]:
    """"Mirage-2000-5" → mirage2000; "S-300PMU-2" → s300pmu: a hyphen after a digit ends a base."""
    out = set()
    for m in re.finditer(r"(?<=\d)-", token):
        base = squash(token[:m.start()])
        if re.search(r"[a-z]", base):
            out.add(base)
    return out


def version_stems(key: str) -> set[str]:
    """The key and its prefixes that end at a digit followed by a letter ("t72b3" → t72).

    Two designations are versions of each other when one is among the other's
    stems: "su30mk" ~ "su30mki", "t72" ~ "t72b3", but not "s300" ~ "s3000" nor
    "mig29k" ~ "mig29smt" (siblings, not versions).
    """
    out = {key}
    for i in range(1, len(key)):
        if key[i - 1].isdigit() and key[i].isalpha() and re.search(r"[a-z]", key[:i]):
            out.add(key[:i])
    return out


# Words a name can lose and still name the same thing: what it is ("Osa SAM", "Goalkeeper
# CIWS") and who makes it ("HAL Dhruv", "Euromissile MILAN"). "Peace Eagle" cannot lose
# "Peace", so it never stands for every "Eagle".
_DROPPABLE = frozenset("""
    a an and the of in for with close new version variant upgraded modernised modernized
    missile missiles system systems weapon weapons sam sams manpads atgm atgms ciws launcher launchers mlrs mrl
    helicopter helicopters howitzer howitzers spg sph tank tanks class frigate frigates destroyer destroyers
    submarine submarines corvette corvettes ship ships boat boats carrier carriers aircraft fighter fighters
    jet jets trainer trainers vehicle vehicles ifv ifvs apc apcs mbt mbts uav uavs ucav drone drones radar radars
    engine engines rifle rifles gun guns air defence defense advanced light heavy main battle combat anti
    armoured armored infantry fighting transport attack ballistic cruise guided bomb bombs rocket rockets
    multiple self propelled wheeled tracked amphibious assault patrol long short medium range mobile naval
    surface ground family series programme program aew awacs
    hal drdo bdl bel mbda euromissile thales boeing lockheed martin airbus bae saab raytheon rafael iai elbit
    otokar fnss aselsan roketsan tusas tai baykar northrop grumman general dynamics atomics dassault leonardo
    agustawestland sikorsky bell embraer kai hanwha hyundai rotem nexter knds kmw rheinmetall diehl kongsberg
    patria nammo denel norinco avic casc casic mikoyan sukhoi tupolev ilyushin antonov kamov almaz antey
    kbp fincantieri navantia tkms damen austal textron oshkosh iveco
""".split())


def name_words(name: str) -> set[str]:
    """The words of a name that can stand for it alone: the name less leading or
    trailing words that only say what it is or who makes it, or a leading code.

    "9K33 Osa" → osa; "Goalkeeper CIWS" → goalkeeper; "HAL Dhruv" → dhruv;
    "Peace Eagle" → nothing but itself.
    """
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    out = {squash(name)}
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            if (i or j < len(words)) and all(_droppable(w, lead=True) for w in words[:i]) \
                    and all(_droppable(w, lead=False) for w in words[j:]):
                key = squash(" ".join(words[i:j]))
                if len(key) >= 3 and any(re.sub(r"[^0-9a-z]", "", fold(w)) not in _DROPPABLE for w in words[i:j]):
                    out.add(key)
    return {k for k in out if k}


def _droppable(word: str, *, lead: bool) -> bool:
    key = re.sub(r"[^0-9a-z]", "", fold(word))
    return key in _DROPPABLE or (lead and _is_code(word))


_WEAK_CODE = re.compile(r"(mk|mod|block|batch|phase|series|version)\d+|[a-z]\d")


def is_weak(key: str) -> bool:
    """A code too generic to identify a weapon alone ("M2", "K9", "Mk1", "F4")."""
    return len(key) <= 2 or bool(_WEAK_CODE.fullmatch(key))


_VERSION_CLAUSE = re.compile(r"\bversions?\b|\bdesignation\b", re.IGNORECASE)


@lru_cache(maxsize=32768)
def comment_names(comment: str) -> frozenset[str]:
    """Designations a comment gives as the version or local designation of the row's weapon.

    "X-20K version (incl 2 X-20KU trainer version)" names x20k and x20ku; "Local
    designation Falco" names falco. Clauses such as "for Su-30MKI
    combat aircraft" are left out: they name the platform, not this weapon.
    """
    names: set[str] = set()
    for clause in comment.split(";"):
        clause = clause.strip()
        if not _VERSION_CLAUSE.search(clause) or re.match(r"(for|spare|part of)\b", clause, re.IGNORECASE):
            continue
        if "designation" in clause.lower():
            after = clause.lower().split("designation", 1)[1]
            word = squash(after.split("(")[0])
            if len(word) >= 3:
                names.add(word)
        for token in re.split(r"[\s,()]+", clause):
            key = squash(token)
            if key and re.search(r"\d", key) and re.search(r"[a-z]", key):
                names.add(key)
    return frozenset(names)


# Coarse classes of weapon descriptions. SIPRI's wording ("long-range air-to-air missile",
# "infantry fighting vehicle") and the KB's ("BVRAAM", "IFV") differ too much to compare
# as strings, but a frigate is never a fighter aircraft: a designation match whose classes
# do not meet is a homonym ("Apache" the helicopter and the PA-23 Apache light aircraft).
_CLASS_WORDS: tuple[tuple[str, str], ...] = (
    ("component", r"turret|chassis"),
    ("engine", r"engine|turbofan|turbojet|turboprop|turboshaft|gas turbine|reactor"),
    ("sensor", r"radar|sonar|\beo\b|recce system|intelligence system|elint|satellite|search system|"
               r"fire[- ]control|locating"),
    ("air_defence", r"\bsam\b|\babm\b|air[- ]defen[cs]e|\bad system|antiair|\baa\b|spaag|ciws|\bvls\b"),
    ("missile", r"missile|\bssm\b|\basm\b|\barm\b|torpedo|bomb|guided|loitering|drone|slbm|sraam|bvraam|"
                r"\bvls\b|\bmine\b"),
    ("artillery", r"\bgun\b|howitzer|mortar|rocket launcher|\bmrl\b|ciws|spaag"),
    ("helicopter", r"helicopter|\bheli\b"),
    ("aircraft", r"aircraft|\buav\b|airship|\baew"),
    ("ship", r"ship|boat|frigate|corvette|destroyer|submarine|cruiser|mine(hunter|sweeper|layer)|(?<!air)craft\b|"
             r"\bopv\b|\bfac\b|icebreaker|\btug\b|carrier|replenishment tanker|gunboat"),
    ("vehicle", r"\btanks?\b|\bapc\b|\bifv\b|vehicle|armoured car|\barv\b|\baev\b|\bapv\b|\bafsv\b|"
                r"bridgelayer|\bugv\b"),
)
_CLASS_PATTERNS = tuple((name, re.compile(words)) for name, words in _CLASS_WORDS)
_SUBSYSTEMS = frozenset({"component", "engine", "sensor"})


@lru_cache(maxsize=4096)
def description_classes(text: str) -> frozenset[str]:
    """The coarse classes a weapon description belongs to (empty when unknown).

    A sub-system's host is dropped ("combat aircraft radar" is a sensor, "tank
    turret" a component), and so are targets ("anti-ship missile" is no ship).
    """
    text = fold(text or "")
    for host, plain in (("aircraft carrier", "carrier"), ("anti-aircraft", "antiair"), ("tank destroyer", "tank")):
        text = text.replace(host, plain)
    text = re.sub(r"\banti-(ship|submarine|tank|radar)\b|submarine-launched|air-to-\w+|surface-to-\w+", " ", text)
    found = frozenset(name for name, pattern in _CLASS_PATTERNS if pattern.search(text))
    subsystems = found & _SUBSYSTEMS
    return subsystems or found


def descriptions_compatible(a: str | None, b: str | None) -> bool:
    """False only when both descriptions are known and share no class."""
    ca, cb = description_classes(a or ""), description_classes(b or "")
    return not ca or not cb or bool(ca & cb)
