"""Building WHERE clauses from optional filters, the same way for events, facts and tables."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

# `column IN_IDS` with `ids_param(ids)` as its one parameter: a list of any length (no SQLite variable limit).
IN_IDS = "IN (SELECT value FROM json_each(?))"


def ids_param(ids: Iterable[Any]) -> str:
    """A list of ids as the one parameter of `IN_IDS`."""
    return json.dumps(list(ids))


class Where:
    """Clauses joined with AND, and their parameters in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> Where:
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def equals(self, column: str, value: Any) -> Where:
        return self.add(f"{column} = ?", value) if value else self

    def window(self, column: str, since: str | None, until: str | None) -> Where:
        """A date column at any precision inside [since, until]: "2018-10" is in a window ending "2018"."""
        if since:
            self.add(f"{column} >= ?", since)
        if until:
            self.add(f"substr({column}, 1, length(?)) <= ?", until, until)
        return self

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1"
