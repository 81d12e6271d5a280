"""`--parse events`: the model parses only the sentences that could report an event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, shared_path

from newsledger import Ledger, nlp
from newsledger.events.prepass import forms, may_report_event

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
    assert may_report_event(sentence)


@pytest.mark.parametrize("sentence", [
    "The weather in the capital was mild.",
    "Shares of the company fell 3 percent.",
    "He is a keen amateur pianist.",
])
def test_sentences_without_one_are_not(sentence: str) -> None:
    assert not may_report_event(sentence)


def test_a_weekday_outside_the_parse_takes_its_week_from_the_words_around_it(tmp_path: Path) -> None:
    text = ("Talks resumed in Geneva.\n\nThe results will be published on Thursday.\n\n"
            "The figures were released on Monday.\n")
    assert not may_report_event("The results will be published on Thursday.")
    source = tmp_path / "week.jsonl"
    source.write_text(json.dumps({"id": "week", "published": "2021-12-08", "text": text}) + "\n", encoding="utf-8")
    values = {}
    for mode in ("all", "events"):
        with Ledger(tmp_path / f"{mode}.db", parse=mode) as ledger:
            ledger.ingest([str(source)])
            values[mode] = [(t["text"], t["value"]) for t in ledger.analysis("week")["timexes"]]
    assert values["events"] == values["all"] == [("Thursday", "2021-12-09"), ("Monday", "2021-12-06")]


@pytest.mark.parametrize("text", [
    "Officials in Ottawa said on Saturday that the trip had been cut short on medical advice.\n\n"
    "Hariri was to have flown to Edmonton for a meeting with the provincial premier.",
    "The talks were described as cordial by both sides.\n\nMobutu agreed to meet Mandela aboard a ship off the coast.",
])
def test_a_parsed_stretch_is_read_with_the_words_before_it(text: str) -> None:
    # a surname opening a paragraph is a person in the whole text, and only with the words before it
    start = text.index("\n\n") + 2
    model = nlp.load()
    whole = [(e.start_char, e.text, e.label_) for e in model(text).ents if e.start_char >= start]
    alone = [(e.start_char + start, e.text, e.label_) for e in model(text[start:]).ents]
    assert alone != whole  # what the context changes
    (doc,) = nlp.parse_parts([text], [[(0, start, False), (start, len(text), True)]])
    assert doc.text == text
    assert [(e.start_char, e.text, e.label_) for e in doc.ents if e.start_char >= start] == whole
    assert doc[0].pos_ == ""  # the words read as context keep the flat analysis of their stretch


def test_the_plan_cuts_at_paragraphs_and_joins_runs() -> None:
    from newsledger.model import Article
    from newsledger.pipeline import Pipeline
    from newsledger.stages import DEFAULT_STAGES
    from newsledger.understand import parse_plan

    paragraphs = ["Rain fell in the north.", "Ankara bought 40 F-16 jets.", "Talks will resume on Monday.",
                  "The markets were calm.", "Prices rose slightly."]
    text = "\n\n".join(paragraphs) + "\n"
    doc = Pipeline(DEFAULT_STAGES[:4])(Article(raw_text=text, id="plan"))
    plan = parse_plan(doc)
    assert [(doc.text[a:b].strip(), parse) for a, b, parse in plan] == [
        (paragraphs[0], False), ("\n\n".join(paragraphs[1:3]), True), ("\n\n".join(paragraphs[3:]), False)]
    assert plan[0][0] == 0 and plan[-1][1] == len(doc.text)
    assert all(b == a2 for (_, b, _), (a2, _, _) in zip(plan, plan[1:]))


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
