"""spaCy's attribute ruler, matched through an index instead of its Matcher.

The small English pipeline's `attribute_ruler` maps each fine tag to a part of
speech and morphology and fixes a few words ("n't", "gonna", "I" as subject):
179 patterns, all but eight of a single token. spaCy runs them through its
general `Matcher`, which tries every pattern at every token: about 6 ms an
article, as much as the dependency parser. Almost every pattern names an exact
value of some attribute (a tag, a lower-cased word, a dependency label), so a
token's candidates can be looked up by that value, and only those candidates'
other conditions tested.

`index_attribute_ruler(ruler)` replaces the ruler's `match` with one that
returns the same matches in the same order (the ruler then sets attributes
exactly as before: later patterns win). It reads the ruler's own patterns, so
a user's pipeline with other patterns is indexed too; a pattern it cannot read
(an operator such as "+", an attribute it does not know) leaves that ruler on
spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Attributes a token condition may test, in the order preferred as the index key
# (the most selective first).
KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")

Test = Callable[[Any], bool]  # a condition on one attribute's value (a string hash, or 0/1 for IS_SPACE)


class Unsupported(ValueError):
    """A pattern this index does not read; the ruler keeps spaCy's Matcher."""


def _value(strings: Any, key: str, value: Any) -> int:
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(f"IS_SPACE {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise Unsupported(f"{key} {value!r}")
    return 0 if value == "" else strings.add(value)


def _condition(strings: Any, key: str, spec: Any) -> tuple[set[int] | None, Test]:
    """(the exact values that satisfy it, or None when it is not a set of values; its test)."""
    if not isinstance(spec, dict):
        wanted = _value(strings, key, spec)
        return {wanted}, lambda v: v == wanted
    if len(spec) != 1:
        raise Unsupported(f"{key} {spec!r}")
    ((op, arg),) = spec.items()
    if op == "IN":
        allowed = {_value(strings, key, a) for a in arg}
        return allowed, lambda v: v in allowed
    if op == "NOT_IN":
        barred = {_value(strings, key, a) for a in arg}
        return None, lambda v: v not in barred
    if op == "REGEX" and key != "IS_SPACE":
        pattern = re.compile(arg)
        return None, lambda v: pattern.search(strings[v]) is not None  # a missing value reads as ""
    raise Unsupported(f"{key} {spec!r}")


class _TokenSpec:
    """One token's conditions, and the attribute whose exact values index it (if any)."""

    def __init__(self, strings: Any, spec: dict[str, Any]) -> None:
        if not spec or set(spec) - set(KEYS):
            raise Unsupported(repr(spec))
        conditions = {key: _condition(strings, key, value) for key, value in spec.items()}
        self.tests = [(KEYS.index(key), test) for key, (_, test) in conditions.items()]
        self.key: int | None = None
        self.values: set[int] = set()
        for key in KEYS:
            if key in conditions and conditions[key][0] is not None:
                self.key, self.values = KEYS.index(key), conditions[key][0]  # type: ignore[assignment]
                break

    def holds(self, row: list[int]) -> bool:
        return all(test(row[column]) for column, test in self.tests)


Entry = tuple[int, int, list["_TokenSpec"]]  # (attr id, match id, one spec per token)


class IndexedMatch:
    """`AttributeRuler.match` by lookup: (attr id, match id, start, end) sorted, as spaCy's."""

    MEMO_SIZE = 50_000

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = ruler.vocab.strings
        self.columns = [LOWER, TAG, DEP, IS_SPACE]
        # Patterns by an exact value of their first token: index[key column][value] -> [(attr id,
        # match id, token specs)]; those with no exact value to look up by are tried at every token.
        self.index: list[dict[int, list[Entry]]] = [{} for _ in KEYS]
        self.unindexed: list[Entry] = []
        for attr_id, rule in enumerate(ruler.patterns):  # spaCy keys rule i as the string "i"
            match_id = strings.add(str(attr_id))
            for pattern in rule["patterns"]:
                if not pattern or any(set(tok) - set(KEYS) for tok in pattern):
                    raise Unsupported(repr(pattern))  # an operator ("OP") or another attribute
                specs = [_TokenSpec(strings, tok) for tok in pattern]
                entry = (attr_id, match_id, specs)
                if specs[0].key is None:
                    self.unindexed.append(entry)
                    continue
                for value in specs[0].values:
                    self.index[specs[0].key].setdefault(value, []).append(entry)
        # What a token starts depends only on its four values, and news repeats words: the patterns
        # whose first token holds are remembered per (lower, tag, dep, is_space), forgotten past MEMO_SIZE.
        self._memo: dict[tuple[int, ...], list[Entry]] = {}

    def _starting(self, row: list[int]) -> list[Entry]:
        candidates = [entry for column, table in enumerate(self.index) for entry in table.get(row[column], ())]
        return [entry for entry in candidates + self.unindexed if entry[2][0].holds(row)]

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        rows: list[list[int]] = doc.to_array(self.columns).tolist()
        found: set[tuple[int, int, int, int]] = set()
        memo = self._memo
        if len(memo) > self.MEMO_SIZE:
            memo.clear()
        n = len(rows)
        for start, row in enumerate(rows):
            key = tuple(row)
            starting = memo.get(key)
            if starting is None:
                starting = memo[key] = self._starting(row)
            for attr_id, match_id, specs in starting:
                end = start + len(specs)
                if end == start + 1 or (end <= n and all(spec.holds(rows[start + k])
                                                         for k, spec in enumerate(specs[1:], 1))):
                    found.add((attr_id, match_id, start, end))
        return sorted(found)


def index_attribute_ruler(ruler: Any) -> bool:
    """Give `ruler` the indexed match; False (and spaCy's Matcher kept) when a pattern is not one it reads."""
    try:
        ruler.match = IndexedMatch(ruler)
    except Unsupported:
        return False
    return True
