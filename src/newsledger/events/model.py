"""The event: a typed happening with roles, a status, a confidence and its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsledger.model import layer_type

EXTRACTOR = "newsledger.events.v1"

# Entity-valued roles; their values are refs {"id", "name", "wikidata"} or {"name"} when unlinked.
ENTITY_ROLES = ("supplier", "recipient", "item", "place", "parties", "participants", "sender", "target", "actor", "instrument")
LIST_ROLES = ("parties", "participants")
DATE_ROLES = ("date", "delivery_date", "valid_until")

# The key roles that identify an event of each type (the evaluation schema's "key").
KEYS = {
    "arms_transfer": ("recipient", "item"),
    "agreement": ("parties", "topic"),
    "meeting": ("participants",),
    "armed_clash": ("parties",),
    "sanction": ("sender", "target"),
    "deployment": ("actor", "item"),
    "trade": ("parties",),
}

# Status progressions: a later stage reported for the same event is history, not a contradiction.
STATUS_ORDER = {
    "arms_transfer": ["planned", "approved", "ordered", "licensed_production", "in_delivery", "delivered", "cancelled"],
    "agreement": ["expected", "signed", "renewed"],
    "meeting": ["planned", "held"],
    "sanction": ["threatened", "imposed", "lifted"],
    "trade": ["target", "actual"],
}


@layer_type
@dataclass(slots=True)
class Event:
    """A document-level event. Offsets (in `evidence`) are into the cleaned text."""

    type: str
    roles: dict[str, Any]
    # one [sentence_start, sentence_end, trigger_start, trigger_end] per sentence that reports it
    evidence: list[list[int]]
    confidence: float
    role_confidence: dict[str, float] = field(default_factory=dict)
    extractor: str = EXTRACTOR

    @property
    def status(self) -> str | None:
        return self.roles.get("status")


def plover(event: Event) -> tuple[str, str | None, str | None]:
    """(PLOVER event type, PLOVER mode, CAMEO code) for an event, so exports line up with POLECAT and GDELT."""
    status = event.roles.get("status")
    if event.type == "arms_transfer":
        return "AID", "military", "072"
    if event.type == "agreement":
        if status == "expected":
            return "AGREE", "intend", "036"
        return "AGREE", "sign" if status != "renewed" else "renew", "057"
    if event.type == "meeting":
        mode = event.roles.get("mode")
        if mode in ("phone", "video"):
            return "CONSULT", "phone", "041"
        return "CONSULT", "visit", "042" if status != "planned" else "036"
    if event.type == "armed_clash":
        return "ASSAULT", "firearms", "190"
    if event.type == "sanction":
        if status == "threatened":
            return "THREATEN", "sanction", "1312"
        if status == "lifted":
            return "SANCTION", "lift", "081"
        return "SANCTION", "impose", "163"
    if event.type == "deployment":
        return "MOBILIZE", "military", "152"
    if event.type == "trade":
        return "COOPERATE", "economic", "061"
    return "OTHER", None, None
