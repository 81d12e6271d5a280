"""The timeline: facts in date order, each told in one line a person can read.

Analysts ask "what happened between India and Russia since 2018?" long before
they ask for a fact's role support. This module answers that from
`Ledger.facts`, and holds the small helpers the other answers share: reading
role values (refs, lists of refs, plain values), the precision of a partial
date, and money written the way a reader expects ("$5.5 bn").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsledger.dates import date_precision as timex_precision
from newsledger.facts import fact_order, fact_outlines

if TYPE_CHECKING:
    from newsledger.ledger import Ledger

# Roles whose values are the actors of a fact (who did what to whom), as opposed
# to what (item, instrument) and where (place).
PARTY_ROLES = ("supplier", "recipient", "parties", "participants", "sender", "target", "actor")
ENTITY_ROLES = (*PARTY_ROLES, "item", "place", "instrument")

def date_precision(value: str | None) -> str | None:
    """How precise an ISO 8601 / TIMEX3 date is: "2018" → "year", "2021-12-06" → "day".

    The ledger keeps dates at the precision the text supports, so a reader must
    be told whether "2018" means a day in 2018 nobody reported or the year itself.
    The date resolver's reading, with a time of day counted as its day.
    """
    if not value:
        return None
    precision = timex_precision(value)
    return {"time": "day", "unknown": None}.get(precision, precision)


def refs(value: Any) -> list[dict[str, Any]]:
    """The entity refs a role value holds: a ref, a list of refs, or none for plain values."""
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, dict) and ("id" in v or "name" in v)]


def ref_key(ref: dict[str, Any]) -> str:
    """A stable key for a ref: its KB id, or "name:…" for a name the KB does not know."""
    return str(ref["id"]) if ref.get("id") else f"name:{ref.get('name', '')}"


def ref_name(ref: dict[str, Any]) -> str:
    return str(ref.get("name") or ref.get("id") or "?")


def names(value: Any) -> str:
    """A role value as a reader writes it: "Vladimir Putin, Narendra Modi"."""
    found = refs(value)
    if found:
        return ", ".join(ref_name(r) for r in found)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def money(usd: Any) -> str:
    """US dollars, short: 5.5e9 → "$5.5 bn", 375e6 → "$375 m"."""
    if not isinstance(usd, (int, float)) or isinstance(usd, bool):
        return ""
    for size, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(usd) >= size:
            return f"${usd / size:.3g} {unit}"
    return f"${usd:,.0f}"


def count(value: Any) -> str:
    """A number of things as a reader writes it ("600,000"), or "" when it is not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def involves(fact: dict[str, Any], entity_ids: Iterable[str]) -> set[str]:
    """The roles of a fact in which any of `entity_ids` appears."""
    wanted = set(entity_ids)
    return {role for role, value in fact["roles"].items() if any(ref_key(r) in wanted for r in refs(value))}


def _short(ref: dict[str, Any], kb: Any = None) -> str:
    """A law's acronym ("CAATSA") reads better than its full title in one line."""
    entity = kb.get(ref["id"]) if kb is not None and ref.get("id") else None
    if entity is not None and entity.type == "law":
        acronym = next((a for a in entity.aliases if a.isupper() and " " not in a), None)
        if acronym:
            return acronym
    return ref_name(ref)


def _words(value: Any) -> str:
    return str(value).replace("_", " ")


def summary(fact: dict[str, Any], kb: Any = None) -> str:
    """One line that says what a fact is: "Russia → India: S-400 Triumf, ordered"."""
    roles = fact.get("roles") or {}
    kind = fact.get("type") or "fact"
    status = fact.get("status") or roles.get("status")
    tail = [_words(status)] if status else []
    value = money(roles.get("value_usd"))
    if kind == "arms_transfer":
        items = names(roles.get("item")) or "arms"
        quantity = roles.get("quantity")
        what = f"{count(quantity)} {items}" if count(quantity) else items
        line = f"{names(roles.get('supplier')) or '?'} → {names(roles.get('recipient')) or '?'}: {what}"
        return ", ".join([line, *tail, *([value] if value else [])])
    if kind == "meeting":
        mode = roles.get("mode")
        label = "meeting" + (f" by {mode}" if mode in ("phone", "video") else "")
        if status and status != "held":
            label += f" ({_words(status)})"
        line = f"{label}: {names(roles.get('participants'))}"
        place = names(roles.get("place"))
        return line + (f" in {place}" if place else "")
    if kind == "sanction":
        line = f"sanction: {names(roles.get('sender')) or '?'} → {names(roles.get('target')) or '?'}"
        instrument = refs(roles.get("instrument"))
        if instrument:
            line += f" ({', '.join(_short(r, kb) for r in instrument)})"
        return ", ".join([line, *tail])
    if kind == "deployment":
        line = f"deployment: {names(roles.get('actor')) or '?'}"
        if roles.get("item"):
            line += f": {names(roles.get('item'))}"
        place = names(roles.get("place"))
        return line + (f" at {place}" if place else "")
    if kind == "armed_clash":
        line = f"armed clash: {names(roles.get('parties'))}"
        place = names(roles.get("place"))
        if place:
            line += f" in {place}"
        killed = roles.get("killed")
        if isinstance(killed, dict) and killed:
            line += ", killed: " + ", ".join(f"{_state_name(k, kb)} {v}" for k, v in killed.items())
        return line
    if kind == "agreement":
        line = f"agreement: {names(roles.get('parties'))}"
        if roles.get("topic"):
            line += f" on {_words(roles['topic'])}"
        return ", ".join([line, *tail])
    if kind == "trade":
        line = f"trade: {names(roles.get('parties'))}"
        extra = [_words(roles["kind"])] if roles.get("kind") else []
        return ", ".join([line, *extra, *([value] if value else []), *tail])
    shown = [f"{role} {names(v)}" for role, v in roles.items() if role in ENTITY_ROLES and names(v)]
    return f"{_words(kind)}: " + ("; ".join(shown) or "?")


def _state_name(entity_id: str, kb: Any) -> str:
    entity = kb.get(entity_id) if kb is not None else None
    return entity.name if entity is not None else entity_id


# When a name means several entities ("Georgia"), the one a news reader most likely means comes first.
_TYPE_ORDER = {t: n for n, t in enumerate(("state", "organisation", "person", "weapon_system", "place", "law"))}


def resolve(ledger: Ledger, name: str) -> list[str]:
    """KB ids (or, for a name the KB lacks but the store holds unlinked, the name) for a user's name.

    Accepts an id in any case ("in" → IN), a name, an alias or a demonym. An
    unknown name is an error that says where to look, not an empty answer that
    looks like "nothing happened".
    """
    from newsledger.errors import UsageError

    name = name.strip()
    found = [i for i in ledger.resolve_entity(name) if i in ledger.kb]
    if not found:
        upper = name.upper()
        found = [upper] if upper != name and upper in ledger.kb else []
    if found:
        return sorted(found, key=lambda i: _TYPE_ORDER.get(ledger.kb.by_id[i].type, len(_TYPE_ORDER)))
    if ledger.store.query("SELECT 1 FROM event_role WHERE entity_id IS NULL AND value = ? LIMIT 1", (name,)):
        return [name]
    raise UsageError(
        f"no entity called '{name}' in the knowledge base or the store; give a KB id or a name as "
        "`newsledger entities` lists it (India, IN, Putin, S-400)"
    )


def _facts_for(ledger: Ledger, entities: Iterable[str], **filters: Any) -> Iterator[dict[str, Any]]:
    """Facts that involve every one of `entities` (all of them, not any)."""
    entities = [resolve(ledger, e)[0] for e in entities if e]
    if not entities:
        yield from fact_outlines(ledger, sources=True, **filters)
        return
    first, *rest = entities
    keep: set[str] | None = None
    for name in rest:
        ids = {f["id"] for f in fact_outlines(ledger, entity=name, **filters)}
        keep = ids if keep is None else keep & ids
    for fact in fact_outlines(ledger, entity=first, sources=True, **filters):
        if keep is None or fact["id"] in keep:
            yield fact


def timeline_entry(fact: dict[str, Any], kb: Any = None) -> dict[str, Any]:
    """A fact as one timeline line: date and precision, type, status, summary, sources."""
    return {
        "date": fact["date"],
        "precision": date_precision(fact["date"]),
        "type": fact["type"],
        "status": fact["status"],
        "summary": summary(fact, kb),
        "source_count": len(fact["sources"]),
        "sources": list(fact["sources"]),
        "contradicted": bool(fact.get("contradictions")),
        "id": fact["id"],
    }


def timeline(
    ledger: Ledger,
    *,
    entities: Iterable[str] = (),
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
) -> list[dict[str, Any]]:
    """Facts in date order (undated last), each as a `timeline_entry`.

    Several `entities` (KB ids or names: "India", "IN", "Putin") keep the facts
    that involve all of them. `as_of` tells the story as the ledger knew it then.
    """
    if isinstance(entities, str):
        entities = [entities]
    found = list(_facts_for(ledger, entities, type=type, since=since, until=until, as_of=as_of))
    found.sort(key=fact_order)
    kb = ledger.kb
    return [timeline_entry(f, kb) for f in found]


__all__ = ["timeline", "timeline_entry", "resolve", "summary", "date_precision", "money", "refs", "ref_key", "ref_name", "names",
           "involves", "PARTY_ROLES", "ENTITY_ROLES"]
