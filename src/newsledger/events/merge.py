"""One event per real event in an article: sentence mentions folded together.

Mentions merge when they are the same type and their key roles agree (the same
weapon and recipient; the same participants on compatible dates; the same
parties). Roles are filled from all of them; the status is the most advanced
one reported; every sentence stays as evidence. An anaphoric mention ("the
deliveries were on their way") updates the event named just before it.
"""

from __future__ import annotations

import datetime as dt

from typing import Any

from newsledger.events.context import DocContext
from newsledger.events.extract import KB_ORIGIN_CONFIDENCE, Mention, of_kind
from newsledger.events.model import STATUS_ORDER, Event

_ORDER_DATE_STATUSES = ("ordered", "approved", "licensed_production", "signed", "held", "imposed")


def _ids(value: Any) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {v.get("id") or v.get("name", "").lower() for v in values if isinstance(v, dict)}


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _days_apart(a: str | None, b: str | None) -> int:
    """Days between two full dates; a large number unless both are full dates."""
    try:
        return abs((dt.date.fromisoformat(a or "") - dt.date.fromisoformat(b or "")).days)
    except ValueError:
        return 1 << 30


def _same(kind: str, cluster: list[Mention], m: Mention, ctx: DocContext) -> bool:
    first = _combined_roles(cluster)
    r = m.roles
    if kind == "arms_transfer":
        items_a, items_b = _family_ids(ctx, first.get("item")), _family_ids(ctx, r.get("item"))
        if not items_a or not items_b:
            return not items_a and not items_b and _ids(first.get("supplier")) == _ids(r.get("supplier"))
        if not items_a & items_b:
            return False
        sa, sb = _ids(first.get("supplier")), _ids(r.get("supplier"))
        if sa and sb and not sa & sb and min(_supplier_confidence(cluster), m.role_confidence.get("supplier", 0.8)) > KB_ORIGIN_CONFIDENCE:
            # Poland sending its own Leopards is not Germany's delivery; but "F-16s from
            # Denmark" is the same purchase as "the F-16s" whose supplier was only the KB's guess
            return False
        if m.additional != any(c.additional for c in cluster):
            return False  # "intends to buy six more Rafale" beside the 18 ordered: another order
        da, db = first.get("date"), r.get("date")
        if da and db and da[:4] != db[:4]:
            # "the second such order": 100 K9s ordered in 2017 and 100 more in 2024 are two deals
            return False
        ra, rb = _ids(first.get("recipient")), _ids(r.get("recipient"))
        return not ra or not rb or bool(ra & rb) or m.role_confidence.get("recipient", 1) < 0.8
    if kind == "meeting":
        pa, pb = _ids(first.get("participants")), _ids(r.get("participants"))
        if not (_dates_agree(first.get("date"), r.get("date")) and first.get("status") == r.get("status")):
            return False
        if len(pa & pb) >= 2:
            return True
        # "Putin's visit to New Delhi … to mark the India-Russia summit": one meeting, named by people and by states
        same_sentence = any(c.sentence == m.sentence for c in cluster)
        return same_sentence and _state_level(ctx, pa) == _state_level(ctx, pb)
    if kind in ("agreement", "trade"):
        same_parties = _ids(first.get("parties")) == _ids(r.get("parties"))
        if kind == "trade":
            return same_parties and first.get("status") == r.get("status") and first.get("kind") == r.get("kind")
        return same_parties
    if kind == "armed_clash":
        # "began on 14 September … and turned on Friday into battles": days of one round of fighting
        return _ids(first.get("parties")) == _ids(r.get("parties")) and (
            _dates_agree(first.get("date"), r.get("date")) or _days_apart(first.get("date"), r.get("date")) <= 7)
    if kind == "sanction":
        return _ids(first.get("sender")) == _ids(r.get("sender")) and _ids(first.get("target")) == _ids(r.get("target"))
    if kind == "deployment":
        return _ids(first.get("actor")) == _ids(r.get("actor")) and bool(_family_ids(ctx, first.get("item")) & _family_ids(ctx, r.get("item")))
    return False


def _supplier_confidence(cluster: list[Mention]) -> float:
    return max((c.role_confidence.get("supplier", 0.8) for c in cluster if c.roles.get("supplier")), default=0.0)


def _state_level(ctx: DocContext, keys: set[str]) -> set[str]:
    return {ctx.state_of_key(k) or k for k in keys}


def _family_ids(ctx: DocContext, value: Any) -> set[str]:
    """Items and their families: an S-400 order and an S-400 Triumf delivery are one system."""
    return {k for key in _ids(value) for k in (key, ctx.family(key))}


def _rank(kind: str, status: str | None) -> int:
    order = STATUS_ORDER.get(kind, [])
    return order.index(status) if status in order else -1


def _combined_roles(cluster: list[Mention]) -> dict[str, Any]:
    roles: dict[str, Any] = {}
    confidence: dict[str, float] = {}
    for m in cluster:
        for role, value in m.roles.items():
            c = m.role_confidence.get(role, 0.8)
            if role not in roles or c > confidence[role]:
                roles[role] = value
                confidence[role] = c
    return roles


def _fold(kind: str, cluster: list[Mention]) -> dict[str, Any]:
    roles = _combined_roles(cluster)
    statuses = [m.roles["status"] for m in cluster if m.roles.get("status")]
    if statuses:
        roles["status"] = max(statuses, key=lambda s: _rank(kind, s))
    dated = [m for m in cluster if m.roles.get("date")]
    if dated:
        preferred = [m for m in dated if m.roles.get("status") in _ORDER_DATE_STATUSES] or [m for m in dated if m.roles.get("status") == roles.get("status")] or dated
        roles["date"] = preferred[0].roles["date"]
        if kind == "armed_clash":  # fighting that "continued on Saturday" is dated by the day it broke out
            roles["date"] = min((m.roles["date"] for m in dated), key=lambda d: (d + "-99-99")[:10])
    if kind == "armed_clash":
        killed: dict[str, int] = {}
        for m in cluster:
            killed.update(m.roles.get("killed", {}))
        if killed:
            roles["killed"] = killed
    if kind == "meeting":
        modes = {m.roles.get("mode") for m in cluster}
        roles["mode"] = "video" if "video" in modes else "phone" if "phone" in modes else roles.get("mode", "in_person")
        seen: list[dict[str, str]] = []
        for m in cluster:
            for p in m.roles.get("participants", []):
                if p not in seen and len(seen) < 4:
                    seen.append(p)
        roles["participants"] = seen
    return roles


def merge(ctx: DocContext, mentions: list[Mention]) -> list[Event]:
    clusters: list[tuple[str, list[Mention]]] = []
    for m in mentions:
        if m.anaphoric:
            target = _antecedent(ctx, clusters, m)
            if target is not None:
                target.append(m)
            continue
        for kind, cluster in clusters:
            if kind == m.type and _same(kind, cluster, m, ctx):
                cluster.append(m)
                break
        else:
            clusters.append((m.type, [m]))
    events = []
    for kind, cluster in clusters:
        roles = _fold(kind, cluster)
        evidence: list[list[int]] = []
        for m in cluster:
            row = [m.sentence[0], m.sentence[1], m.trigger[0], m.trigger[1]]
            if row not in evidence:
                evidence.append(row)
        confidence = max(m.confidence for m in cluster if not m.anaphoric)
        confidence = min(0.95, confidence + 0.05 * (len(cluster) - 1))
        role_confidence: dict[str, float] = {}
        for m in cluster:
            for role, c in m.role_confidence.items():
                role_confidence[role] = max(role_confidence.get(role, 0.0), c)
        events.append(Event(kind, roles, evidence, round(confidence, 2), role_confidence))
    return events


def _antecedent(ctx: DocContext, clusters: list[tuple[str, list[Mention]]], m: Mention) -> list[Mention] | None:
    """The nearest earlier event of the same type, within a few hundred characters; of the kind of
    goods the anaphor names, where it names one ("the tank contract")."""
    best = None
    for kind, cluster in clusters:
        if kind != m.type or (m.kind and not of_kind(ctx, _ids(_combined_roles(cluster).get("item")), m.kind)):
            continue
        last = max(c.trigger[0] for c in cluster if not c.anaphoric)
        if last < m.trigger[0] and (best is None or last > best[0]):
            best = (last, cluster)
    if best is None or m.trigger[0] - best[0] > 600:
        return None
    return best[1]



