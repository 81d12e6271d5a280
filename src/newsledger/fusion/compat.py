"""When two reported events can be the same real-world event.

Compatibility is checked between every pair of events in a fact (complete
link), so A≈B and B≈C never drag an incompatible C into A's fact. Each type
says which roles identify it and how far dates, amounts and places may differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsledger.kb import KnowledgeBase

# Years two order dates of one arms deal may differ by, as news reports them.
ORDER_YEAR_SLACK = 2
# Days a meeting reported without a date of its own may lie from the fact's date.
UNDATED_MEETING_DAYS = 10
# Days apart two reports that both give no date of a meeting may be published and tell of one meeting.
UNDATED_REPORTS_DAYS = 3


@dataclass(slots=True)
class Reported:
    """One document-level event as fusion sees it."""

    event_pk: int
    article_id: str
    published: str | None  # report date
    idx: int
    type: str
    roles: dict[str, Any]
    role_confidence: dict[str, float]
    confidence: float

    @property
    def order(self) -> tuple[str, str, int]:
        return (self.published or "9999", self.article_id, self.idx)


def ids(value: Any) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {str(v.get("id") or v.get("name", "")).lower() if isinstance(v, dict) else str(v).lower() for v in values if v}


def family(kb: KnowledgeBase, value: Any) -> set[str]:
    """Items and their families: the S-400 and the S-400 Triumf variant are one system."""
    out: set[str] = set()
    for key in ids(value):
        out.add(key)
        entity = kb.get(key)
        while entity is not None and entity.data.get("family") and entity.data["family"] not in out:
            out.add(entity.data["family"])
            entity = kb.get(entity.data["family"])
    return out


def state_level(kb: KnowledgeBase, value: Any) -> set[str]:
    """Participants as states: Putin stands for Russia when the other report names Russia."""
    out = set()
    for key in ids(value):
        entity = kb.get(key) or kb.get(key.upper())
        if entity is None:
            out.add(key)
        elif entity.type == "state":
            out.add(entity.id)
        else:
            out.add(entity.data.get("state") or entity.id)
    return out


def dates_agree(a: str | None, b: str | None) -> bool:
    """2018 and 2018-10 agree; 2018-10 and 2018-11 do not."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _year(value: str | None) -> int | None:
    try:
        return int(str(value)[:4]) if value else None
    except ValueError:
        return None


def _confident(e: Reported, role: str) -> Any:
    """A role's value when the extractor was sure enough of it to let it decide identity."""
    if e.role_confidence.get(role, 0.8) < 0.5:
        return None
    return e.roles.get(role)


def _days_apart(a: str, b: str) -> int | None:
    import datetime as dt

    try:
        da = dt.date.fromisoformat(a[:10]) if len(a) >= 10 else None
        db = dt.date.fromisoformat(b[:10]) if len(b) >= 10 else None
    except ValueError:
        return None
    if da is None or db is None:
        return None
    return abs((da - db).days)


def compatible(kb: KnowledgeBase, a: Reported, b: Reported) -> bool:
    if a.type != b.type:
        return False
    ra, rb = a.roles, b.roles
    kind = a.type
    if kind == "arms_transfer":
        if not ids(ra.get("recipient")) & ids(rb.get("recipient")):
            return False
        fa, fb = family(kb, ra.get("item")), family(kb, rb.get("item"))
        if (fa or fb) and not fa & fb:
            return False
        if not fa and not fb:
            # deals named by value only ("a defence deal worth $3 billion") fuse on the same figure
            va, vb = ra.get("value_usd"), rb.get("value_usd")
            if not (va and vb and abs(va - vb) <= 0.1 * max(va, vb)):
                return False
        sa, sb = ids(ra.get("supplier")), ids(rb.get("supplier"))
        if sa and sb and not sa & sb and not ({"ru", "su"} >= sa | sb):
            return False
        ya, yb = _year(_confident(a, "date")), _year(_confident(b, "date"))
        ordered = {"ordered", "approved", "planned"}
        if ya and yb and ra.get("status") in ordered and rb.get("status") in ordered and abs(ya - yb) > ORDER_YEAR_SLACK:
            return False  # a new order of the same system years later is a new deal
        return True
    if kind == "meeting":
        pa, pb = state_level(kb, ra.get("participants")), state_level(kb, rb.get("participants"))
        if pa != pb:
            return False
        people_a, people_b = ids(ra.get("participants")), ids(rb.get("participants"))
        persons_a = {p for p in people_a if (e := kb.get(p)) is not None and e.type == "person"}
        persons_b = {p for p in people_b if (e := kb.get(p)) is not None and e.type == "person"}
        if persons_a and persons_b and len(persons_a & persons_b) < min(2, len(persons_a), len(persons_b)):
            return False
        if ra.get("mode") and rb.get("mode") and ra["mode"] != rb["mode"] and "in_person" in (ra["mode"], rb["mode"]):
            return False  # a phone call and a visit are two meetings
        da, db = _confident(a, "date"), _confident(b, "date")
        if da and db:
            return dates_agree(da, db)
        # an undated report of a meeting: the same one only if reported within days of it
        dated, undated = (a, b) if da else (b, a)
        when = _confident(dated, "date")
        if when is None or undated.published is None:
            if da or db or a.published is None or b.published is None:
                return False
            gap = _days_apart(a.published, b.published)  # neither dated: the same one when reported within days
            return gap is not None and gap <= UNDATED_REPORTS_DAYS
        gap = _days_apart(when, undated.published)
        return gap is not None and gap <= UNDATED_MEETING_DAYS
    if kind == "agreement":
        if ids(ra.get("parties")) != ids(rb.get("parties")):
            return False
        return topics_agree(ra.get("topic"), rb.get("topic"))
    if kind == "armed_clash":
        if ids(ra.get("parties")) != ids(rb.get("parties")):
            return False
        da, db = _confident(a, "date"), _confident(b, "date")
        if da and db:
            return dates_agree(da, db)
        ya = _year(da or a.published)
        yb = _year(db or b.published)
        return ya is None or yb is None or abs(ya - yb) <= 1
    if kind == "sanction":
        if ids(ra.get("sender")) != ids(rb.get("sender")) or ids(ra.get("target")) != ids(rb.get("target")):
            return False
        ia, ib = ids(ra.get("instrument")), ids(rb.get("instrument"))
        return not ia or not ib or bool(ia & ib)
    if kind == "deployment":
        if ids(ra.get("actor")) != ids(rb.get("actor")) or not family(kb, ra.get("item")) & family(kb, rb.get("item")):
            return False
        pa, pb = ids(ra.get("place")), ids(rb.get("place"))
        return not pa or not pb or bool(pa & pb)
    if kind == "trade":
        if ids(ra.get("parties")) != ids(rb.get("parties")) or ra.get("kind") != rb.get("kind") or ra.get("status") != rb.get("status"):
            return False
        return dates_agree(ra.get("date"), rb.get("date"))
    return False


def topics_agree(a: Any, b: Any) -> bool:
    import re

    if not a or not b:
        return True
    wa = {w[:6] for w in re.findall(r"[a-z]{4,}", str(a).lower())}
    wb = {w[:6] for w in re.findall(r"[a-z]{4,}", str(b).lower())}
    return bool(wa & wb)


# Index keys carry their scheme's version: a store keyed by an older scheme is re-keyed (fusion.rekey).
KEYS_VERSION = "2|"


def keys(kb: KnowledgeBase, e: Reported) -> set[str]:
    """Index keys: any two events `compatible` says may be one share at least one key.

    As narrow as that allows, so that fusing a new report reads the facts it
    could join, not every fact about its states: a meeting of exactly these
    states, an arms transfer to this recipient of this system (or family).
    """
    r = e.roles
    kind = e.type

    def key(*parts: Any) -> str:
        return KEYS_VERSION + ":".join([kind, *map(str, parts)])

    def exact(values: set[str]) -> str:
        return ",".join(sorted(values))

    if kind == "arms_transfer":
        items = family(kb, r.get("item")) or {"-"}
        return {key(x, item) for x in ids(r.get("recipient")) for item in items}
    if kind == "meeting":
        return {key(exact(state_level(kb, r.get("participants"))))}
    if kind in ("agreement", "armed_clash", "trade"):
        return {key(exact(ids(r.get("parties"))))}
    if kind == "sanction":
        return {key(exact(ids(r.get("sender"))), exact(ids(r.get("target"))))}
    if kind == "deployment":
        return {key(exact(ids(r.get("actor"))))}
    return {key()}
