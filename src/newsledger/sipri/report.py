"""What the reconciler found, as plain data: per fact a matched SIPRI row or a reason,
and the fields that agree and differ. Tables (`to_rows`, `to_csv`) and JSON
(`to_dict`, `to_json`); nothing here prints."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from typing import IO, Any

from newsledger.sipri.register import RegisterRow

# Reasons a fact has no SIPRI row.
NOT_COVERED = "not covered by SIPRI"
NEWER = "newer than the register"
NO_ITEM = "no item to match"
NO_PARTIES = "no supplier or recipient to match"
NOT_FOUND = "no SIPRI row found"
REASONS = (NOT_COVERED, NEWER, NO_ITEM, NO_PARTIES, NOT_FOUND)

COLUMNS = (
    "fact_id", "supplier", "recipient", "item", "date", "quantity", "value_usd", "status", "delivery_date",
    "match", "designation_match", "reason", "agrees", "differs", "notes",
    "sipri_line", "sipri_supplier", "sipri_recipient", "sipri_order_year", "sipri_designation", "sipri_description",
    "sipri_number_ordered", "sipri_number_delivered", "sipri_delivery_years", "sipri_value_usd", "sipri_value_text",
    "sipri_comments", "sources",
)


@dataclass(frozen=True, slots=True)
class Check:
    """One field compared: the fact's value, SIPRI's, whether they agree (None: cannot
    be compared, one side is missing) and a note for people ("differs by +1.9%")."""

    field: str
    fact: Any
    sipri: Any
    agrees: bool | None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "fact": self.fact, "sipri": self.sipri, "agrees": self.agrees, "note": self.note}


@dataclass(slots=True)
class FactResult:
    """The outcome for one fact.

    strength: "strong" (both parties, a date and the weapon's own designation) or
    "weak" (undated, a party missing, or only a family relative matched); None
    when unmatched, and then `reason` says why. `candidates` counts the rows that
    matched before the best was picked.
    """

    fact_id: str
    fact: dict[str, Any]
    row: RegisterRow | None = None
    strength: str | None = None
    designation_match: str | None = None
    reason: str | None = None
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    candidates: int = 0

    @property
    def matched(self) -> bool:
        return self.row is not None

    @property
    def agrees(self) -> list[str]:
        return [c.field for c in self.checks if c.agrees is True]

    @property
    def differs(self) -> list[str]:
        return [c.field for c in self.checks if c.agrees is False]

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.field == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact_id": self.fact_id, "matched": self.matched, "strength": self.strength,
            "designation_match": self.designation_match, "reason": self.reason,
            "agrees": self.agrees, "differs": self.differs,
            "checks": [c.to_dict() for c in self.checks], "notes": list(self.notes),
            "candidates": self.candidates, "row": self.row.to_dict() if self.row else None, "fact": self.fact,
        }

    def to_row(self) -> dict[str, Any]:
        """One flat table row: the fact's main roles, the outcome and SIPRI's row."""
        roles = self.fact.get("roles") or {}
        row = self.row
        return {
            "fact_id": self.fact_id,
            "supplier": _names(roles.get("supplier")),
            "recipient": _names(roles.get("recipient")),
            "item": _names(roles.get("item")),
            "date": roles.get("date") or self.fact.get("date") or "",
            "quantity": roles.get("quantity", ""),
            "value_usd": roles.get("value_usd", ""),
            "status": roles.get("status") or self.fact.get("status") or "",
            "delivery_date": roles.get("delivery_date", ""),
            "match": self.strength or "",
            "designation_match": self.designation_match or "",
            "reason": self.reason or "",
            "agrees": "; ".join(self.agrees),
            "differs": "; ".join(f"{c.field} ({c.note})" if c.note else c.field
                                 for c in self.checks if c.agrees is False),
            "notes": "; ".join(self.notes),
            "sipri_line": row.line if row else "",
            "sipri_supplier": row.supplier if row else "",
            "sipri_recipient": row.recipient if row else "",
            "sipri_order_year": _or_blank(row.order_year) if row else "",
            "sipri_designation": row.designation if row else "",
            "sipri_description": row.description if row else "",
            "sipri_number_ordered": _or_blank(row.number_ordered) if row else "",
            "sipri_number_delivered": _or_blank(row.number_delivered) if row else "",
            "sipri_delivery_years": "; ".join(map(str, row.delivery_years)) if row else "",
            "sipri_value_usd": _or_blank(row.value_usd) if row else "",
            "sipri_value_text": row.value.text if row and row.value else "",
            "sipri_comments": row.comments if row else "",
            "sources": "; ".join(str(s) for s in self.fact.get("sources") or ()),
        }


@dataclass(slots=True)
class Report:
    """All facts' outcomes with what the register was (path, dates), for tables and JSON."""

    results: list[FactResult]
    register: dict[str, Any] = field(default_factory=dict)
    skipped: int = 0  # facts of other types than arms_transfer

    def summary(self) -> dict[str, Any]:
        """Counts: facts, matched (strong/weak), and unmatched per reason."""
        out: dict[str, Any] = {"facts": len(self.results), "matched": 0, "strong": 0, "weak": 0,
                               "unmatched": {r: 0 for r in REASONS}, "skipped": self.skipped}
        for result in self.results:
            if result.matched:
                out["matched"] += 1
                out[result.strength or "weak"] += 1
            else:
                out["unmatched"][result.reason or NOT_FOUND] += 1
        return out

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per fact, keys in COLUMNS order."""
        return [r.to_row() for r in self.results]

    def to_csv(self, stream: IO[str]) -> int:
        """Write the table as CSV (header first); returns the number of facts written."""
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        rows = self.to_rows()
        writer.writerows(rows)
        return len(rows)

    def to_dict(self) -> dict[str, Any]:
        return {"register": self.register, "summary": self.summary(), "results": [r.to_dict() for r in self.results]}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=str)


def _names(role: Any) -> str:
    refs = role if isinstance(role, list) else [role] if role else []
    return "; ".join(str(r.get("name") or r.get("id") or "") for r in refs if isinstance(r, dict))


def _or_blank(value: Any) -> Any:
    return "" if value is None else value
