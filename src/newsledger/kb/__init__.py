"""The reference knowledge base: states, organisations, people with their offices,
weapon systems, places and laws, with stable ids and Wikidata ids.

The data are YAML files in `kb/data/`, written by the project from public facts.
A user adds to or overrides them with files of their own (`--kb my.yaml`, or the
`NEWSLEDGER_KB` environment variable, paths separated by the OS path separator):
an entry with a new id is added; an entry with a known id overrides the fields
it gives, and its aliases are added to the known ones (`replace_aliases: true`
replaces them). See docs/kb.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsledger.errors import Messages, UsageError
from newsledger.lifetime import settled

try:  # the C loader is ten times faster on these files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

TYPES = ("state", "organisation", "person", "weapon_system", "place", "law")


@dataclass(frozen=True, slots=True)
class Term:
    """One office held by a person, for a stretch of time."""

    person: str
    state: str
    role: str
    title: str
    start: str  # ISO date at any precision
    end: str | None  # None: still in office

    def holds_on(self, day: dt.date) -> bool:
        return _first_day(self.start) <= day and (self.end is None or day < _first_day(self.end, last=True))


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def state(self) -> str | None:
        """The state an entity belongs to: itself for a state, else its `state` or `origin`."""
        if self.type == "state":
            return self.id
        return self.data.get("state") or self.data.get("origin")

    def ref(self) -> dict[str, str]:
        """How exports name the entity: id, name and Wikidata id (the scorer accepts any)."""
        ref = {"id": self.id, "name": self.name}
        if self.wikidata:
            ref["wikidata"] = self.wikidata
        return ref


def _first_day(value: str, *, last: bool = False) -> dt.date:
    """The first day a partial date can mean; with last=True the first day after it ends."""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day + dt.timedelta(days=1) if last else day
    if len(parts) == 2:
        year, month = parts
        if not last:
            return dt.date(year, month, 1)
        return dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(parts[0] + (1 if last else 0), 1, 1)


def _load_yaml(text: str, where: str) -> list[dict[str, Any]]:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise UsageError(f"{where}: not valid YAML ({err}); fix the file or leave it out of --kb") from err
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise UsageError(f"{where}: a knowledge-base file is a YAML list of entries (mappings with id, type, name)")
    return data


def _builtin_files() -> list[tuple[str, str]]:
    folder = resources.files("newsledger").joinpath("kb/data")
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith((".yaml", ".yml")))


class KnowledgeBase:
    def __init__(self, extra: Iterable[str | os.PathLike[str]] = ()) -> None:
        self._entities: dict[str, dict[str, Any]] = {}
        digest = hashlib.sha256()
        for name, text in _builtin_files():
            digest.update(text.encode())
            self._add(_load_yaml(text, f"kb/data/{name}"), f"kb/data/{name}", override=False)
        self.extra = [os.fspath(p) for p in extra]
        for path in self.extra:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as err:
                raise UsageError(f"{path}: cannot read the knowledge-base file ({err.strerror})") from err
            digest.update(text.encode())
            self._add(_load_yaml(text, path), path, override=True)
        self.hash = digest.hexdigest()[:16]
        self.by_id: dict[str, Entity] = {eid: _entity(e) for eid, e in self._entities.items()}
        self.terms: list[Term] = [t for e in self.by_id.values() if e.type == "person" for t in _terms(e)]
        self._terms_by_state: dict[str, list[Term]] = {}
        self._terms_by_person: dict[str, list[Term]] = {}
        self._belonging: dict[str, frozenset[str]] | None = None
        for term in self.terms:
            self._terms_by_state.setdefault(term.state, []).append(term)
            self._terms_by_person.setdefault(term.person, []).append(term)

    def _add(self, entries: list[dict[str, Any]], where: str, *, override: bool) -> None:
        for n, entry in enumerate(entries, 1):
            eid, etype, name = entry.get("id"), entry.get("type"), entry.get("name")
            if not eid or not name or etype not in TYPES:
                raise UsageError(
                    f"{where}: entry {n} needs an id, a name and a type (one of {', '.join(TYPES)}); got {entry!r:.120}"
                )
            eid = str(eid)
            known = self._entities.get(eid)
            if known is None:
                self._entities[eid] = dict(entry, id=eid)
            elif override:
                merged = dict(known)
                aliases = list(known.get("aliases") or [])
                merged.update(entry)
                if not entry.get("replace_aliases"):
                    merged["aliases"] = aliases + [a for a in entry.get("aliases") or [] if a not in aliases]
                self._entities[eid] = merged
            else:
                raise UsageError(f"{where}: id '{eid}' is used twice in the built-in knowledge base")

    # -- lookups -----------------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity | None:
        return self.by_id.get(entity_id)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.by_id

    def __len__(self) -> int:
        return len(self.by_id)

    def entities(self, type: str | None = None) -> Iterator[Entity]:
        for entity in self.by_id.values():
            if type is None or entity.type == type:
                yield entity

    def holders(self, state: str, roles: Iterable[str], day: dt.date, *, title: str | None = None) -> list[Entity]:
        """Who held one of `roles` for `state` on `day` (optionally with a title containing `title`)."""
        roles = set(roles)
        found = []
        for term in self._terms_by_state.get(state, ()):
            if term.role in roles and term.holds_on(day) and (title is None or title.lower() in term.title.lower()):
                person = self.by_id[term.person]
                if person not in found:
                    found.append(person)
        return found

    def belonging_to(self, state: str) -> frozenset[str]:
        """The ids of every entity whose `state` is `state`, the state itself included."""
        if self._belonging is None:
            index: dict[str, set[str]] = {}
            for entity in self.by_id.values():
                if entity.state:
                    index.setdefault(entity.state, set()).add(entity.id)
            self._belonging = {key: frozenset(ids) for key, ids in index.items()}
        return self._belonging.get(state, frozenset({state}))

    def terms_of(self, person: str) -> list[Term]:
        return list(self._terms_by_person.get(person, ()))


def _entity(entry: dict[str, Any]) -> Entity:
    data = {k: v for k, v in entry.items() if k not in ("id", "type", "name", "wikidata", "aliases")}
    aliases = tuple(str(a) for a in entry.get("aliases") or () if a)
    return Entity(str(entry["id"]), entry["type"], str(entry["name"]), entry.get("wikidata") or None, aliases, data)


def _terms(person: Entity) -> Iterator[Term]:
    state = person.data.get("state")
    for role in person.data.get("roles") or ():
        if not isinstance(role, dict) or not role.get("start"):
            continue
        yield Term(
            person.id, str(role.get("state") or state), str(role.get("role", "other")), str(role.get("title", "")),
            str(role["start"]), str(role["end"]) if role.get("end") else None,
        )


@cache
def _cached(extra: tuple[str, ...]) -> KnowledgeBase:
    return settled(KnowledgeBase(extra))


def load_kb(extra: Iterable[str | os.PathLike[str]] = ()) -> KnowledgeBase:
    """The knowledge base with the user's files (and NEWSLEDGER_KB) on top; loaded once per process."""
    paths = [os.fspath(p) for p in extra]
    env = os.environ.get("NEWSLEDGER_KB")
    if env:
        paths.extend(p for p in env.split(os.pathsep) if p)
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(Messages.KB_MISSING.format(path=path))
    return _cached(tuple(paths))
