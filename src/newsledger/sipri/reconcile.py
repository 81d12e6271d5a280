"""Matching newsledger's arms-transfer facts to SIPRI register rows and comparing them.

A fact matches a row when the parties agree (a state exporter counts as its state;
the Soviet Union and Russia count for each other), the weapon designation agrees
(the item's KB name and aliases, or its family's), and the order year is within a
year of the fact's date. Of several matching rows the most specific designation
and the closest year win.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsledger.kb import Entity, KnowledgeBase, load_kb
from newsledger.sipri.names import (
    DesignationKeys, PartyResolver, comment_names, continuing, descriptions_compatible, designation_keys, is_weak,
    name_words,
)
from newsledger.sipri.register import Register, RegisterRow
from newsledger.sipri.report import NEWER, NO_ITEM, NO_PARTIES, NOT_COVERED, NOT_FOUND, Check, FactResult, Report

# How the row's designation matched the item, best first: the same designation; a version
# of it (or it a version of the row's); only a shared proper name under another code
# ("2S6M Tunguska" for the 2K22 Tunguska); a member of the item's KB family.
EXACT, VARIANT, NAME, FAMILY = "exact", "variant", "name", "family"
_TIERS = {EXACT: 0, VARIANT: 1, NAME: 2, FAMILY: 3}

# SIPRI covers major conventional arms only: no rifles, pistols, machine guns or
# unguided light weapons (portable guided missiles are covered; the KB files them
# under missile or air_defence, not small_arms).
_SMALL_ARMS_KIND = re.compile(
    r"rifle|pistol|revolver|machine ?gun|carbine|shotgun|grenade launcher|personal defen[cs]e weapon", re.IGNORECASE)
_DELIVERED = ("delivered", "in_delivery")


@dataclass(frozen=True, slots=True)
class _ItemKeys:
    """A weapon's names as DesignationKeys, with their keys and stems pooled for set lookups."""

    names: tuple[DesignationKeys, ...]
    fulls: frozenset[str]
    keys: frozenset[str]
    stems: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str]) -> _ItemKeys:
        unique = list(dict.fromkeys(n for n in names if n and n.strip()))
        parsed = tuple(designation_keys(n) for n in unique)
        return cls(
            parsed,
            frozenset(k.full for k in parsed if k.full),
            frozenset(key for k in parsed for key in k.all if key),
            frozenset(s for k in parsed for s in k.stems),
            frozenset(w for n in unique for w in name_words(n)),
        )

    def related(self, row: DesignationKeys, same_description: bool) -> str | None:
        """VARIANT when the row's designation is this weapon, a version of it or the base it
        is a version of; NAME when only a proper name is shared; else None.

        A shared code as generic as "M2" or "Mk-1" counts only when the words
        after it or the SIPRI description agree too (the M2 Bradley is not the
        "M-2 107mm" mortar).
        """
        shared = (row.all & self.stems) | (self.keys & row.stems)
        if any(not is_weak(key) for key in shared):
            return VARIANT
        if shared and (same_description or self._names_agree(row)):
            return VARIANT
        if not row.codes and row.full in self.words:  # "Osa" for the 9K33 Osa, "Dhruv" for HAL Dhruv
            return VARIANT
        if (row.name and row.name in self.words) or (row.head and row.head in self.words):
            return NAME
        return None

    def _names_agree(self, row: DesignationKeys) -> bool:
        if not row.name:
            return False
        return any(k.name and (k.name.startswith(row.name) or row.name.startswith(k.name)) for k in self.names)


@dataclass(frozen=True, slots=True)
class _Item:
    """One item of a fact: its KB entity (if linked), its own keys and its family's."""

    label: str
    entity: Entity | None
    own: _ItemKeys
    family: _ItemKeys | None

    @property
    def key(self) -> str:
        """The cache key: the KB id, or the name of an item the KB does not know."""
        return self.entity.id if self.entity else "name:" + self.label

    @property
    def description(self) -> str | None:
        """What SIPRI would call it: the KB's sipri_description, else its kind."""
        if self.entity is None:
            return None
        return self.entity.data.get("sipri_description") or self.entity.data.get("kind")

    @property
    def small_arms(self) -> bool:
        if self.entity is None:
            return bool(_SMALL_ARMS_KIND.search(self.label))
        data = self.entity.data
        return data.get("category") == "small_arms" or bool(_SMALL_ARMS_KIND.search(str(data.get("kind") or "")))


@dataclass(frozen=True, slots=True)
class _Candidate:
    row: RegisterRow
    item: _Item
    tier: str
    by_comment: bool
    by_designation: bool
    year_gap: int
    by_delivery_year: bool
    swapped: tuple[str, ...]  # parties matched through a continuing state

    def sort_key(self, fact: _Fact) -> tuple[Any, ...]:
        desc = self.item.description
        return (
            _TIERS[self.tier],
            self.year_gap,
            0 if self.by_designation and self.by_comment else 1 if self.by_designation else 2,
            0 if not desc or desc.lower() == self.row.description.lower() else 1,
            0 if fact.quantity is None or fact.quantity == self.row.number_ordered else 1,
            len(self.swapped),
            -(self.row.order_year or 0),
            self.row.line,
        )


@dataclass(frozen=True, slots=True)
class _Fact:
    """The parts of a fact the reconciler reads, wherever the export put them."""

    id: str
    raw: dict[str, Any]
    suppliers: frozenset[str]
    recipients: frozenset[str]
    items: tuple[_Item, ...]
    has_item_role: bool
    date: str | None
    year: int | None
    quantity: int | None
    value_usd: float | None
    status: str | None
    delivery_date: str | None


class _Index:
    """The register arranged for lookups, so that a fact costs a few dict lookups and
    not a pass over its parties' hundreds of rows.

    Rows by party (pair, supplier, recipient), each bucket by designation; the
    designations by their keys, stems and words (to find those an item can match);
    and rows by the versions their comments name.
    """

    def __init__(self, rows: Sequence[RegisterRow]) -> None:
        self.rows = rows
        self.size = len(rows)
        self.pair: dict[tuple[str | None, str | None], dict[str, list[RegisterRow]]] = {}
        self.supplier: dict[str | None, dict[str, list[RegisterRow]]] = {}
        self.recipient: dict[str | None, dict[str, list[RegisterRow]]] = {}
        self.by_key: dict[str, set[str]] = {}
        self.by_stem: dict[str, set[str]] = {}
        self.by_word: dict[str, set[str]] = {}
        self.by_comment: dict[str, list[RegisterRow]] = {}
        for row in rows:
            for bucket, key in ((self.pair, (row.supplier_id, row.recipient_id)), (self.supplier, row.supplier_id),
                                (self.recipient, row.recipient_id)):
                bucket.setdefault(key, {}).setdefault(row.designation, []).append(row)  # type: ignore[attr-defined]
            lowered = row.comments.lower()
            if "version" in lowered or "designation" in lowered:
                for name in comment_names(row.comments):
                    self.by_comment.setdefault(name, []).append(row)
        for designation in {row.designation for row in rows}:
            keys = designation_keys(designation)
            for key in keys.all:
                self.by_key.setdefault(key, set()).add(designation)
            for stem in keys.stems:
                self.by_stem.setdefault(stem, set()).add(designation)
            for word in (keys.name, keys.head, None if keys.codes else keys.full):
                if word:
                    self.by_word.setdefault(word, set()).add(designation)

    def designations(self, keys: _ItemKeys) -> set[str]:
        """Designations in the register that may be the weapon with these keys (a superset:
        the matcher decides)."""
        found: set[str] = set()
        for table, wanted in ((self.by_key, keys.stems), (self.by_stem, keys.keys), (self.by_word, keys.words)):
            for key in wanted:
                found.update(table.get(key, ()))
        return found

    def buckets(self, suppliers: frozenset[str], recipients: frozenset[str]) -> list[dict[str, list[RegisterRow]]]:
        """The fact's parties' rows by designation, with their continuing states (Soviet Union ↔ Russia)."""
        sup_all = suppliers | continuing(set(suppliers))
        rec_all = recipients | continuing(set(recipients))
        if suppliers and recipients:
            found = [self.pair.get((s, r)) for s in sup_all for r in rec_all]
        elif suppliers:
            found = [self.supplier.get(s) for s in sup_all]
        elif recipients:
            found = [self.recipient.get(r) for r in rec_all]
        else:
            found = []
        return [b for b in found if b]

    def named_in_comments(self, keys: frozenset[str], suppliers: frozenset[str],
                          recipients: frozenset[str]) -> list[RegisterRow]:
        """The parties' rows whose comments name one of `keys` as the version."""
        sup_all = suppliers | continuing(set(suppliers))
        rec_all = recipients | continuing(set(recipients))
        return [row for key in keys for row in self.by_comment.get(key, ())
                if (not suppliers or row.supplier_id in sup_all) and (not recipients or row.recipient_id in rec_all)]


def _index(rows: Sequence[RegisterRow]) -> _Index:
    """The rows' index, kept on a Register so that reconciling in batches builds it once."""
    if not isinstance(rows, Register):
        return _Index(rows)
    cached = getattr(rows, "_index", None)
    if cached is None or cached.size != len(rows):
        cached = _Index(rows)
        rows._index = cached  # type: ignore[attr-defined]
    return cached


class _Matcher:
    """Per-KB caches: party resolution, each weapon's keys and its family's."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.parties = PartyResolver(kb)
        self.children: dict[str, list[str]] = {}
        for entity in kb.entities("weapon_system"):
            parent = entity.data.get("family")
            if parent:
                self.children.setdefault(str(parent), []).append(entity.id)
        self._items: dict[str, _Item] = {}
        self._tiers: dict[tuple[str, str, str], tuple[str | None, bool]] = {}
        self._designations: dict[str, set[str]] = {}
        self._weapon_rows: dict[tuple[frozenset[str], frozenset[str], str],
                                list[tuple[RegisterRow, tuple[str, bool, bool]]]] = {}

    def item(self, ref: Mapping[str, Any]) -> _Item | None:
        eid = str(ref.get("id") or "")
        name = str(ref.get("name") or "")
        entity = self.kb.get(eid) if eid else None
        if entity is None or entity.type != "weapon_system":
            return _Item(name or eid, None, _ItemKeys.of([name]), None) if (name or eid) else None
        if eid not in self._items:
            relatives = [r for r in self._ancestors(entity) + self._descendants(entity.id) if r.id != entity.id]
            family = _ItemKeys.of(n for r in relatives for n in (r.name, *r.aliases)) if relatives else None
            self._items[eid] = _Item(entity.name, entity, _ItemKeys.of([entity.name, *entity.aliases]), family)
        return self._items[eid]

    def _ancestors(self, entity: Entity) -> list[Entity]:
        out, seen = [], {entity.id}
        parent = entity.data.get("family")
        while parent and parent not in seen:
            seen.add(parent)
            found = self.kb.get(str(parent))
            if found is None:
                break
            out.append(found)
            parent = found.data.get("family")
        return out

    def _descendants(self, eid: str) -> list[Entity]:
        out, todo, seen = [], list(self.children.get(eid, ())), {eid}
        while todo:
            child = todo.pop()
            if child in seen:
                continue
            seen.add(child)
            entity = self.kb.get(child)
            if entity is not None:
                out.append(entity)
                todo.extend(self.children.get(child, ()))
        return out

    def fact(self, raw: Mapping[str, Any]) -> _Fact:
        roles = raw.get("roles") or {}
        refs = roles.get("item")
        refs = refs if isinstance(refs, list) else [refs] if refs else []
        items = tuple(i for i in (self.item(r) for r in refs if isinstance(r, Mapping)) if i is not None)
        date = _text(roles.get("date") or raw.get("date"))
        return _Fact(
            id=str(raw.get("id") or ""), raw=dict(raw),
            suppliers=frozenset(self.parties.fact_ids(roles.get("supplier"))),
            recipients=frozenset(self.parties.fact_ids(roles.get("recipient"))),
            items=items, has_item_role=bool(refs), date=date, year=_year(date),
            quantity=_number(roles.get("quantity")), value_usd=_float(roles.get("value_usd")),
            status=_text(roles.get("status") or raw.get("status")),
            delivery_date=_text(roles.get("delivery_date")),
        )

    def weapon_rows(self, suppliers: frozenset[str], recipients: frozenset[str], item: _Item,
                    index: _Index) -> list[tuple[RegisterRow, tuple[str, bool, bool]]]:
        """The parties' rows whose weapon is the item, with how it matched. Cached: facts
        about one deal repeat the same parties and weapon, and the year is checked after."""
        key = (suppliers, recipients, item.key)
        if key not in self._weapon_rows:
            if item.key not in self._designations:
                found = index.designations(item.own)
                if item.family:
                    found |= index.designations(item.family)
                self._designations[item.key] = found
            rows = {id(row): row for bucket in index.buckets(suppliers, recipients)
                    for designation in self._designations[item.key] & bucket.keys() for row in bucket[designation]}
            for row in index.named_in_comments(item.own.keys, suppliers, recipients):
                rows[id(row)] = row
            self._weapon_rows[key] = [(row, tier) for row in sorted(rows.values(), key=lambda r: r.line)
                                      if (tier := self.designation(row, item))]
        return self._weapon_rows[key]

    def designation(self, row: RegisterRow, item: _Item) -> tuple[str, bool, bool] | None:
        """(tier, by designation, by comment) when the row's weapon is the item, else None.

        A row whose description is of another class than the item's (a mortar for
        an IFV, a light aircraft for a helicopter) is a homonym and never matches.
        """
        key = (item.key, row.designation, row.description)
        if key not in self._tiers:
            self._tiers[key] = self._designation_tier(row.designation, row.description, item)
        tier, compatible = self._tiers[key]
        if not compatible:
            return None
        by_comment = bool(comment_names(row.comments) & item.own.keys) if row.comments else False
        if tier in (EXACT, VARIANT):
            return tier, True, by_comment
        if by_comment:
            return VARIANT, False, True
        if tier == NAME:
            return NAME, True, False
        if tier == FAMILY:
            return FAMILY, True, bool(comment_names(row.comments) & item.family.keys) if item.family else False
        return None

    @staticmethod
    def _designation_tier(designation: str, description: str, item: _Item) -> tuple[str | None, bool]:
        """How a designation matches the item, leaving comments aside; and whether the
        descriptions are compatible at all. Cached per (item, designation, description)."""
        desc = item.description
        if not descriptions_compatible(desc, description):
            return None, False
        keys = designation_keys(designation)
        same_description = bool(desc) and str(desc).lower() == description.lower()
        if keys.full in item.own.fulls:
            return EXACT, True
        tier = item.own.related(keys, same_description)
        if tier:
            return tier, True
        if item.family and (keys.full in item.family.fulls or item.family.related(keys, same_description) == VARIANT):
            return FAMILY, True
        return None, True


def reconcile(facts: Iterable[Mapping[str, Any]], rows: Sequence[RegisterRow], kb: KnowledgeBase | None = None, *,
              data_date: dt.date | None = None) -> Report:
    """Match each arms-transfer fact to a SIPRI row and compare their fields.

    `facts` are dicts in newsledger's facts export format (other types are counted
    in `Report.skipped`); `rows` come from `read_register` (its `data_date` is used
    unless one is given here). `kb` defaults to `load_kb()`.
    """
    kb = kb or load_kb()
    matcher, index = _Matcher(kb), _index(rows)
    data_date = data_date or getattr(rows, "data_date", None)
    covered = rows.covered_until if isinstance(rows, Register) else _covered(rows)
    cutoff = _cutoff(data_date, covered)
    results, skipped = [], 0
    for raw in facts:
        if raw.get("type", "arms_transfer") != "arms_transfer":
            skipped += 1
            continue
        results.append(_reconcile_one(matcher.fact(raw), matcher, index, cutoff))
    register = {"path": getattr(rows, "path", ""), "rows": len(rows),
                "data_date": data_date.isoformat() if data_date else None, "covered_until": covered,
                "cutoff": cutoff.isoformat() if cutoff else None}
    return Report(results, register, skipped)


def _reconcile_one(fact: _Fact, matcher: _Matcher, index: _Index, cutoff: dt.date | None) -> FactResult:
    result = FactResult(fact.id, fact.raw)
    items = [i for i in fact.items if not i.small_arms]
    if fact.items and not items:
        result.reason = NOT_COVERED
        result.notes.append("SIPRI does not record small arms and light weapons: "
                            + ", ".join(i.label for i in fact.items))
        return result
    newer = cutoff is not None and fact.date is not None and _first_day(fact.date) > cutoff
    if not items:
        result.reason = NEWER if newer else NO_ITEM
        return result
    if not fact.suppliers and not fact.recipients:
        result.reason = NO_PARTIES
        return result
    found, near = _candidates(fact, items, matcher, index)
    if not found:
        result.reason = NEWER if newer else NOT_FOUND
        result.notes.extend(_hints(fact, items, matcher, index, near, cutoff if newer else None))
        return result
    found.sort(key=lambda c: c.sort_key(fact))
    best = found[0]
    result.row, result.candidates = best.row, len(found)
    result.designation_match = best.tier
    weak = [why for why, bad in (("undated", fact.year is None), ("supplier not given", not fact.suppliers),
                                 ("recipient not given", not fact.recipients),
                                 ("matched a family relative", best.tier == FAMILY),
                                 ("matched by a shared name only", best.tier == NAME)) if bad]
    result.strength = "weak" if weak else "strong"
    result.notes.extend(f"weak: {w}" for w in weak)
    result.notes.extend(_match_notes(fact, best))
    others = list({id(c.row): c.row for c in found[1:] if c.row is not best.row}.values())
    if others:
        shown = [f"line {r.line} ({r.designation}, {r.order_year})" for r in others[:3]]
        result.notes.append("also matched: " + "; ".join(shown) + ("; ..." if len(others) > 3 else ""))
    result.checks.extend(_checks(fact, best))
    return result


def _hints(fact: _Fact, items: list[_Item], matcher: _Matcher, index: _Index,
           near: RegisterRow | None, cutoff: dt.date | None) -> list[str]:
    """What an analyst would look up next when nothing matched: the register's edge, the
    same weapon for these parties in another year, or for this recipient from another supplier."""
    hints = []
    if cutoff is not None:
        hints.append(f"the register's data end in {cutoff.isoformat()}; the fact is dated {fact.date}")
    if near is not None:
        hints.append(f"SIPRI has {near.designation} for these parties ordered in {near.order_year} "
                     f"(line {near.line}), more than a year from the fact's date")
    elif fact.suppliers and fact.recipients:
        other = replace(fact, suppliers=frozenset())
        found, _ = _candidates(other, items, matcher, index)
        if found:
            row = min(found, key=lambda c: c.sort_key(other)).row
            hints.append(f"SIPRI records {row.designation} for {row.recipient} from {row.supplier} "
                         f"ordered in {row.order_year} (line {row.line})")
    return hints


def _candidates(fact: _Fact, items: list[_Item], matcher: _Matcher,
                index: _Index) -> tuple[list[_Candidate], RegisterRow | None]:
    """Rows that match party, weapon and year; and, when none does, the nearest row
    that matched party and weapon but not the year (to tell the analyst)."""
    found: list[_Candidate] = []
    near: RegisterRow | None = None
    for item in items:
        for row, tier in matcher.weapon_rows(fact.suppliers, fact.recipients, item, index):
            fit = _year_fit(fact, row)
            if fit is None:
                if near is None or _gap(fact, row) < _gap(fact, near):
                    near = row
                continue
            swapped = tuple(role for role, ids, got in (("supplier", fact.suppliers, row.supplier_id),
                                                        ("recipient", fact.recipients, row.recipient_id))
                            if ids and got not in ids)
            found.append(_Candidate(row, item, tier[0], tier[2], tier[1], fit[0], fit[1], swapped))
    return found, near


def _gap(fact: _Fact, row: RegisterRow) -> int:
    return abs((row.order_year or 0) - (fact.year or 0))


def _year_fit(fact: _Fact, row: RegisterRow) -> tuple[int, bool] | None:
    """(year gap, matched by a delivery year) when the row's dates fit the fact's, else None.

    The order year must be within a year of the fact's; a fact that reports a
    delivery may instead fall in one of SIPRI's delivery years. Undated facts fit
    any row (and are marked weak).
    """
    if fact.year is None or row.order_year is None:
        return 0, False
    gap = abs(fact.year - row.order_year)
    if gap <= 1:
        return gap, False
    if fact.status in _DELIVERED and fact.year in row.delivery_years:
        return 1, True
    return None


def _match_notes(fact: _Fact, best: _Candidate) -> list[str]:
    notes = []
    row = best.row
    for role in best.swapped:
        notes.append(f"SIPRI names the {role} {getattr(row, role)} (a continuing or predecessor state of the fact's)")
    if best.by_delivery_year:
        notes.append(f"the fact's date {fact.year} is a SIPRI delivery year of an order placed in {row.order_year}")
    if best.by_comment and not best.by_designation:
        notes.append(f"SIPRI lists {best.item.label} under {row.designation} (its comments name the version)")
    if best.tier == FAMILY:
        notes.append(f"{row.designation} is a KB family relative of {best.item.label}")
    if best.tier == NAME:
        notes.append(f"{row.designation} shares only a name with {best.item.label}; check the designation")
    if row.value and row.value.part_of:
        notes.append("SIPRI's value is for a larger deal this row is part of")
    return notes


def _checks(fact: _Fact, best: _Candidate) -> list[Check]:
    row = best.row
    return [
        _number_check(fact, row), _value_check(fact, row), _year_check(fact, best),
        _delivery_check(fact, row), _status_check(fact, row), _description_check(best),
    ]


def _number_check(fact: _Fact, row: RegisterRow) -> Check:
    sipri = row.number_ordered
    if fact.quantity is None or sipri is None:
        why = "not given by the fact" if fact.quantity is None else "SIPRI gives no number"
        return Check("number", fact.quantity, sipri, None, why)
    note = "" if fact.quantity == sipri else f"{fact.quantity} vs {sipri} ordered"
    if row.number_ordered_uncertain:
        note = (note + "; " if note else "") + "SIPRI marks its number uncertain"
    if row.number_delivered is not None and fact.quantity != sipri and fact.quantity == row.number_delivered:
        note += f"; equals the {row.number_delivered} delivered"
    return Check("number", fact.quantity, sipri, fact.quantity == sipri, note)


def _value_check(fact: _Fact, row: RegisterRow) -> Check:
    value = row.value
    if value is None or value.usd is None or fact.value_usd is None:
        if value is not None and value.usd is None:
            note = f"SIPRI gives {value.currency} only ({value.text}); not converted"
        elif value is None:
            note = "SIPRI gives no value"
        else:
            note = "not given by the fact"
        return Check("value", fact.value_usd, value.usd if value else None, None, note)
    low, high, tol = value.usd_low or value.usd, value.usd_high or value.usd, value.tolerance or 0.0
    agrees = low - tol <= fact.value_usd <= high + tol
    ref = low if fact.value_usd < low else high if fact.value_usd > high else fact.value_usd
    diff = (fact.value_usd - ref) / ref * 100 if ref else 0.0
    shown = _money(low) if low == high else f"{_money(low)}-{_money(high)}"
    if agrees:
        note = f"{_money(fact.value_usd)} vs SIPRI {shown}"
        note += f": {diff:+.1f}%, within SIPRI's rounding" if diff else ""
    else:
        note = f"{_money(fact.value_usd)} vs SIPRI {shown}: differs by {diff:+.1f}%"
    return Check("value", fact.value_usd, value.usd, agrees, note)


def _year_check(fact: _Fact, best: _Candidate) -> Check:
    row = best.row
    if fact.year is None or row.order_year is None:
        return Check("order_year", fact.year, row.order_year, None, "the fact is undated" if fact.year is None else "")
    if best.by_delivery_year:
        return Check("order_year", fact.year, row.order_year, None,
                     f"the fact is dated by a delivery in {fact.year}; SIPRI's order is from {row.order_year}")
    note = "" if fact.year == row.order_year else f"{fact.year} vs ordered {row.order_year}"
    if row.order_year_uncertain:
        note = (note + "; " if note else "") + "SIPRI marks the year uncertain"
    return Check("order_year", fact.year, row.order_year, fact.year == row.order_year, note)


def _delivery_check(fact: _Fact, row: RegisterRow) -> Check:
    years = list(row.delivery_years)
    year = _year(fact.delivery_date)
    if year is None:
        return Check("delivery", fact.delivery_date, years, None, "no delivery date in the fact")
    if not years:
        return Check("delivery", fact.delivery_date, years, False, "SIPRI records no deliveries yet")
    shown = _span(years)
    return Check("delivery", fact.delivery_date, years, year in years,
                 "" if year in years else f"{year} vs SIPRI deliveries {shown}")


def _status_check(fact: _Fact, row: RegisterRow) -> Check:
    """Does the fact's stage contradict SIPRI? Delivered needs SIPRI deliveries;
    cancelled must have none; an order or licence agrees with any row (SIPRI records orders)."""
    status, delivered = fact.status, bool(row.number_delivered) or bool(row.delivery_years)
    sipri = f"{row.number_delivered or 0} of {_or_q(row.number_ordered)} delivered" + (
        f" ({_span(list(row.delivery_years))})" if row.delivery_years else "")
    if not status:
        return Check("status", None, sipri, None, "no status in the fact")
    if status in _DELIVERED:
        return Check("status", status, sipri, delivered, "" if delivered else "SIPRI records no deliveries")
    if status == "cancelled":
        return Check("status", status, sipri, not delivered or "cancel" in row.comments.lower(),
                     "SIPRI records deliveries" if delivered else "")
    if status in ("ordered", "signed", "licensed_production"):
        return Check("status", status, sipri, True, "")
    return Check("status", status, sipri, None, f"SIPRI records orders, not a '{status}' stage")


def _description_check(best: _Candidate) -> Check:
    """The KB's description of the item against SIPRI's: they agree when they are of
    one class ("BVRAAM" and "long-range air-to-air missile"); the note shows both."""
    desc = best.item.description
    sipri = best.row.description
    if not desc:
        return Check("description", None, sipri, None, "the KB has no description of the item")
    same = desc.lower() == sipri.lower()
    return Check("description", desc, sipri, same or descriptions_compatible(desc, sipri),
                 "" if same else f"KB {desc!r}, SIPRI {sipri!r}")


# -- small helpers -------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _year(date: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", date or "")
    return int(m.group(1)) if m else None


def _first_day(date: str) -> dt.date:
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date)
    if not m:
        return dt.date.min
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, 1, 1)


def _cutoff(data_date: dt.date | None, covered: int | None) -> dt.date | None:
    """The last day the register can know of: its data date, or the end of the last year
    it records if earlier (the March 2025 release records orders up to 2024)."""
    ends = [d for d in (data_date, dt.date(covered, 12, 31) if covered else None) if d]
    return min(ends) if ends else None


def _covered(rows: Sequence[RegisterRow]) -> int | None:
    years = [y for r in rows for y in (r.order_year, *r.delivery_years) if y]
    return max(years) if years else None


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).replace(",", "").strip()
    return int(text) if text.isdigit() else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _money(usd: float) -> str:
    for unit, size in (("b", 1e9), ("m", 1e6)):
        if abs(usd) >= size:
            return f"${usd / size:.4g} {unit}"
    return f"${usd:,.0f}"


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}" if years else ""


def _or_q(value: int | None) -> str:
    return "?" if value is None else str(value)
