"""What a fact says: canonical roles with their support, a status history, contradictions.

Bitemporal: each source has a report time (its article's publication date);
the roles carry valid times (the event's date, a delivery date). The history
lists, for each report date, what had been reported by then. A later report
that moves a status on ("ordered" → "in delivery") or updates a forecast
(first delivery expected 2020-10, then 2022) is history; two sources that give
different values for what cannot change — the price, the number, the date of
the order, the place — are a contradiction, flagged with each side's sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from newsledger.events.model import STATUS_ORDER
from newsledger.fusion.compat import Reported, dates_agree, ids
from newsledger.kb import KnowledgeBase

# Roles whose values change as a story moves: differences between report dates are history.
EVOLVING = {"status", "delivery_date", "valid_until"}
# Relative tolerance for amounts before sources are said to disagree.
MONEY_TOLERANCE = 0.03
WEAK = 0.5  # role values below this confidence support a fact but never decide it
# An order and a delivery are stages of one deal: "18 ordered" and "the first 6 delivered" both hold.
DELIVERY_STAGE = {"in_delivery", "delivered"}
STAGED = {"quantity", "date", "value_usd"}


@dataclass(slots=True)
class Step:
    as_of: str
    status: str | None
    text: str
    roles: dict[str, Any]
    sources: list[str]


@dataclass(slots=True)
class Contradiction:
    role: str
    sides: list[dict[str, Any]]  # [{"value": …, "sources": [article ids]}]


@dataclass(slots=True)
class Summary:
    roles: dict[str, Any]
    support: dict[str, dict[str, list[str]]]  # role -> {"agree": [...], "differ": [...]}
    confidence: float
    history: list[Step] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)


def _key(role: str, value: Any) -> str:
    if isinstance(value, (dict, list)):
        if role == "killed" and isinstance(value, dict):
            return json.dumps(value, sort_keys=True)
        return ",".join(sorted(ids(value)))
    return str(value)


def _specific(values: list[str]) -> str:
    """Of compatible dates, the most precise."""
    return max(values, key=len)


def summarise(kb: KnowledgeBase, group: list[Reported], *, as_of: str | None = None) -> Summary:
    """The fact as reported by `group` (only the reports published by `as_of`, when given)."""
    if as_of is not None:
        group = [e for e in group if e.published is None or e.published <= as_of]
    kind = group[0].type if group else ""
    values: dict[str, dict[str, list[Reported]]] = {}
    raw: dict[str, dict[str, Any]] = {}
    for event in group:
        for role, value in event.roles.items():
            key = _key(role, value)
            values.setdefault(role, {}).setdefault(key, []).append(event)
            raw.setdefault(role, {})[key] = value
    roles: dict[str, Any] = {}
    support: dict[str, dict[str, list[str]]] = {}
    contradictions: list[Contradiction] = []
    latest = max(group, key=lambda e: e.order) if group else None
    for role, by_value in values.items():
        strong = {k: evs for k, evs in by_value.items() if any(e.role_confidence.get(role, 0.8) >= WEAK for e in evs)} or by_value
        if role in STAGED and kind == "arms_transfer":
            ordering = {k: evs for k, evs in strong.items() if any(e.roles.get("status") not in DELIVERY_STAGE for e in evs)}
            strong = ordering or strong  # the deal's figures come from reports of the order
        if role == "status":
            chosen = _latest_status(kind, group)
        elif role in ("date", "delivery_date", "valid_until"):
            chosen = _date_choice(role, strong, latest)
        elif role == "place":
            chosen = _specific_place(kb, strong)
        else:
            chosen = max(strong, key=lambda k: (len({e.article_id for e in strong[k]}), max(e.order for e in strong[k])))
        if chosen is None:
            continue
        roles[role] = raw[role][chosen]
        agree = sorted({e.article_id for k, evs in by_value.items() if _agrees(role, k, chosen) for e in evs})
        differ = sorted({e.article_id for k, evs in by_value.items() if not _agrees(role, k, chosen) for e in evs})
        support[role] = {"agree": agree, "differ": differ}
        conflict = _contradiction(kb, role, strong, raw[role])
        if conflict is not None:
            contradictions.append(conflict)
    confidence = min(0.99, max((e.confidence for e in group), default=0.0) + 0.05 * (len({e.article_id for e in group}) - 1))
    return Summary(roles, support, round(confidence, 2), _history(kind, group), contradictions)


def _specific_place(kb: KnowledgeBase, by_value: dict[str, list[Reported]]) -> str:
    """Of places that contain one another, the innermost: the Galwan Valley, not eastern Ladakh."""
    keys = list(by_value)
    best = max(keys, key=lambda k: len({e.article_id for e in by_value[k]}))
    inner = [k for k in keys if best in _places(kb, k)]
    return max(inner, key=lambda k: len(_places(kb, k))) if inner else best


def _agrees(role: str, key: str, chosen: str) -> bool:
    if role in ("date", "delivery_date", "valid_until"):
        return dates_agree(key, chosen)
    if role == "value_usd":
        try:
            return abs(float(key) - float(chosen)) <= MONEY_TOLERANCE * max(abs(float(chosen)), 1.0)
        except ValueError:
            return key == chosen
    return key == chosen


def _latest_status(kind: str, group: list[Reported]) -> str | None:
    """The status of the latest report that gives one; among reports of one day, the most advanced."""
    dated = [e for e in group if e.roles.get("status")]
    if not dated:
        return None
    last_day = max(e.published or "" for e in dated)
    same_day = [e.roles["status"] for e in dated if (e.published or "") == last_day]
    order = STATUS_ORDER.get(kind, [])
    return max(same_day, key=lambda s: order.index(s) if s in order else -1)


def _date_choice(role: str, by_value: dict[str, list[Reported]], latest: Reported | None) -> str | None:
    keys = list(by_value)
    if not keys:
        return None
    if role in EVOLVING:
        # the forecast of the latest report that gives one
        return max(keys, key=lambda k: max(e.order for e in by_value[k]))
    # the date most sources agree with, at the finest precision they allow
    best = max(keys, key=lambda k: sum(len({e.article_id for e in by_value[o]}) for o in keys if dates_agree(o, k)))
    compatible = [k for k in keys if dates_agree(k, best)]
    return _specific(compatible)


def _contradiction(kb: KnowledgeBase, role: str, by_value: dict[str, list[Reported]], raw: dict[str, Any]) -> Contradiction | None:
    if role in EVOLVING or role in ("mode", "confidence") or len(by_value) < 2:
        return None
    keys = list(by_value)
    clashes: list[tuple[str, str]] = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if _disagree(kb, role, a, b):
                clashes.append((a, b))
    if not clashes:
        return None
    involved = sorted({k for pair in clashes for k in pair}, key=keys.index)
    sides = [{"value": raw[k], "sources": sorted({e.article_id for e in by_value[k]})} for k in involved]
    return Contradiction(role, sides)


def _places(kb: KnowledgeBase, key: str) -> set[str]:
    """A place and every place it lies within: the Galwan Valley is in eastern Ladakh."""
    out = set()
    for part in key.split(","):
        entity = kb.get(part)
        while entity is not None and entity.id not in out:
            out.add(entity.id)
            entity = kb.get(entity.data.get("within") or "")
        out.add(part)
    return out


def _disagree(kb: KnowledgeBase, role: str, a: str, b: str) -> bool:
    if role == "value_usd":
        try:
            fa, fb = float(a), float(b)
        except ValueError:
            return a != b
        return abs(fa - fb) > MONEY_TOLERANCE * max(fa, fb)
    if role == "quantity":
        return a != b
    if role == "date":
        return not dates_agree(a, b)
    if role == "place":
        pa, pb = _places(kb, a), _places(kb, b)
        return bool(a and b and a not in pb and b not in pa)
    if role == "supplier":
        return bool(a and b and not (set(a.split(",")) & set(b.split(","))))
    if role == "killed":
        return a != b
    return False  # participants, parties, items and topics are what made the reports one fact


def _history(kind: str, group: list[Reported]) -> list[Step]:
    """For each report date, what the reports of that date said about the fact's stage."""
    steps: list[Step] = []
    by_day: dict[str, list[Reported]] = {}
    for event in group:
        by_day.setdefault(event.published or "unknown", []).append(event)
    order = STATUS_ORDER.get(kind, [])
    for day in sorted(by_day):
        events = by_day[day]
        statuses = [e.roles["status"] for e in events if e.roles.get("status")]
        status = max(statuses, key=lambda s: order.index(s) if s in order else -1) if statuses else None
        roles: dict[str, Any] = {}
        for e in events:
            for role in ("delivery_date", "valid_until", "date", "quantity", "value_usd"):
                if role in e.roles and e.role_confidence.get(role, 0.8) >= WEAK:
                    roles.setdefault(role, e.roles[role])
        text = _step_text(status, roles)
        if not text:
            continue
        steps.append(Step(day, status, text, roles, sorted({e.article_id for e in events})))
    return steps


def _step_text(status: str | None, roles: dict[str, Any]) -> str:
    parts = []
    if status:
        parts.append(status.replace("_", " "))
    if roles.get("delivery_date"):
        parts.append(f"{'first delivery expected' if status in (None, 'ordered', 'approved', 'planned') else 'delivery'} {roles['delivery_date']}")
    if roles.get("valid_until"):
        parts.append(f"valid until {roles['valid_until']}")
    return "; ".join(parts)
