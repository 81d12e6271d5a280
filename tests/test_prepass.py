"""`--parse events`: the model parses only the sentences that could report an event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, shared_path

from newsledger import Ledger, nlp
from newsledger.events.prepass import forms, may_report_event, needs_parse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.mark.parametrize("sentence", [
    "Greece bought 18 Rafale jets from France.",
    "The frigates were sold to Egypt last year.",
    "Ministers met in Vientiane to discuss the border.",
    "Both sides signed a memorandum on energy.",
    "Shelling killed four soldiers near the line of control.",
    "Washington slapped new sanctions on the shipping firm.",
    "Turnover between the two countries reached $2 billion.",
    "The first batch was shipped in crates.",
])
def test_sentences_with_an_event_word_are_parsed(sentence: str) -> None:
    assert may_report_event(sentence) and needs_parse(sentence)


@pytest.mark.parametrize("sentence", [
    "The weather in the capital was mild.",
    "Shares of the company fell 3 percent.",
    "He is a keen amateur pianist.",
])
def test_sentences_without_one_are_not(sentence: str) -> None:
    assert not may_report_event(sentence) and not needs_parse(sentence)


def test_a_weekday_needs_the_verbs_tense() -> None:
    assert needs_parse("The results will be published on Thursday.")
    assert not may_report_event("The results will be published on Thursday.")


def test_forms_cover_irregular_and_doubled_endings() -> None:
    assert {"bought", "buys", "buying"} <= forms("buy")
    assert {"shipped", "shipping"} <= forms("ship")
    assert {"supplied", "supplies"} <= forms("supply")


def test_parts_join_into_one_doc_over_the_whole_text() -> None:
    text = "Greece bought 18 Rafale jets from France.\n\nThe weather in Athens was mild. Prices rose.\n"
    cuts = [(0, 43, True), (43, 75, False), (75, len(text), False)]
    for names in (False, True):
        (doc,) = nlp.parse_parts([text], [cuts], names=names)
        assert doc.text == text
        sents = [(s.start_char, s.text.strip()) for s in doc.sents if s.text.strip()]
        assert [t for _, t in sents] == ["Greece bought 18 Rafale jets from France.", "The weather in Athens was mild.", "Prices rose."]
        bought = next(t for t in doc if t.text == "bought")
        assert bought.lemma_ == "buy" and bought.pos_ == "VERB" and bought.dep_ == "ROOT"
        weather = next(t for t in doc if t.text == "weather")
        assert weather.pos_ == "" and weather.head.text == "The"  # flat: attached to its stretch's first token
        labels = {e.text: e.label_ for e in doc.ents}
        assert labels.get("Greece") == "GPE"
        assert ("Athens" in labels) is names  # names outside the parsed stretches only with names=True


def _events(db: Path) -> list[tuple]:
    with Ledger(db) as ledger:
        return sorted((e["article_id"], e["type"], json.dumps(e["roles"], sort_keys=True)) for e in ledger.events())


@pytest.mark.parametrize("mode", ["events", "events+names"])
def test_events_mode_finds_the_examples_events(tmp_path: Path, mode: str) -> None:
    full, fast = tmp_path / "all.db", tmp_path / "fast.db"
    assert run_cli("ingest", str(EXAMPLES), "--db", str(full), "-q").returncode == 0
    assert run_cli("ingest", str(EXAMPLES), "--db", str(fast), "-q", "--parse", mode).returncode == 0
    assert _events(fast) == _events(full) and _events(full)


def test_events_mode_scores_the_seeds_as_a_full_parse(tmp_path: Path) -> None:
    seeds = shared_path("seeds", "seeds.jsonl")
    with Ledger(tmp_path / "all.db") as ledger:
        ledger.ingest([str(seeds)])
    with Ledger(tmp_path / "fast.db", parse="events") as ledger:
        ledger.ingest([str(seeds)])
    assert _events(tmp_path / "fast.db") == _events(tmp_path / "all.db")


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    proc = run_cli("ingest", str(EXAMPLES), "--db", str(tmp_path / "x.db"), "--parse", "some")
    assert proc.returncode == 2 and "--parse must be one of" in proc.stderr
