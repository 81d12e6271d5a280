from __future__ import annotations

import pytest

from newsledger.ingest.clean import boilerplate_rule, boilerplate_rules, clean_text, content_hash

RULE_EXAMPLES = [(rule.name, line, True) for rule in boilerplate_rules() for line in rule.removes] + [
    (rule.name, line, False) for rule in boilerplate_rules() for line in rule.keeps
]


@pytest.mark.parametrize(("rule", "line", "removed"), RULE_EXAMPLES)
def test_every_rule_example_holds(rule: str, line: str, removed: bool) -> None:
    """Each rule's own examples: what it removes, and the similar sentences it must keep."""
    assert (boilerplate_rule(line) is not None) is removed


def test_every_rule_documents_both_sides() -> None:
    for rule in boilerplate_rules():
        assert rule.removes, f"rule {rule.name} shows no line it removes"
        assert rule.keeps, f"rule {rule.name} shows no article sentence it keeps"


def test_removed_lines_are_kept_as_raw_spans() -> None:
    raw = "Tanks arrived on Monday.\nRead also: Navy buys frigates\nThe deal was worth $2 billion.\nLeave a Reply\n"
    text, offsets, removed = clean_text(raw)
    assert text == "Tanks arrived on Monday.\nThe deal was worth $2 billion."
    assert [(r.rule, raw[r.start : r.end]) for r in removed] == [
        ("cross_link", "Read also: Navy buys frigates"),
        ("comments", "Leave a Reply"),
    ]
    # an offset after the removed line maps back past it
    start = text.index("The deal")
    assert raw[offsets.to_raw(start) : offsets.to_raw(start) + 8] == "The deal"


def test_mojibake_is_repaired_and_offsets_still_map() -> None:
    raw = "Putinâ€™s visit to Delhi ended.\nThe S-400 deal stands."
    text, offsets, _ = clean_text(raw)
    assert text.startswith("Putin’s visit")
    start = text.index("visit")
    assert raw[offsets.to_raw(start) : offsets.to_raw(start + 5)] == "visit"
    start = text.index("S-400")
    assert raw[offsets.to_raw(start) : offsets.to_raw(start + 5)] == "S-400"


def test_typographic_quotes_are_kept_as_written() -> None:
    raw = "“A sovereign decision,” the ministry said of India’s purchase."
    assert clean_text(raw)[0] == raw


def test_content_hash_ignores_spacing_only() -> None:
    assert content_hash("India  bought\n the S-400.") == content_hash("India bought the S-400.")
    assert content_hash("India bought the S-400.") != content_hash("India bought the S-300.")
