"""Fusion: facts across articles, history, contradictions, order independence, removal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import shared_path, write_jsonl

from newsledger import Ledger

ORDER = {
    "id": "wire-a",
    "published": "2021-01-26",
    "source": "Example Wire",
    "text": "Greece signed a contract on Monday to buy 18 Rafale fighter jets from France for $2.5 billion, the defence ministry said.",
}
ORDER_OTHER_FIGURE = {
    "id": "paper-b",
    "published": "2021-01-27",
    "source": "Example Daily",
    "text": "Greece bought 18 Rafale jets from France on Monday in a deal worth $2.8 billion, officials said.",
}
DELIVERY = {
    "id": "wire-c",
    "published": "2022-01-20",
    "source": "Example Wire",
    "text": "The first six Rafale fighters that Greece bought from France were delivered to Tanagra air base on Wednesday.",
}
OTHER = {
    "id": "wire-d",
    "published": "2021-03-02",
    "source": "Example Wire",
    "text": "Egypt ordered 30 Rafale fighter jets from France for $4.5 billion on Monday, the Egyptian government said.",
}


def _facts(ledger: Ledger, kind: str = "arms_transfer") -> list[dict]:
    return [f for f in ledger.facts(type=kind)]


def test_reports_of_one_deal_become_one_fact_with_history(ledger, tmp_path: Path) -> None:
    ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", [ORDER, DELIVERY, OTHER]))])
    facts = _facts(ledger)
    greek = [f for f in facts if f["roles"]["recipient"]["id"] == "GR"]
    assert len(greek) == 1 and len(facts) == 2
    fact = greek[0]
    assert fact["sources"] == ["wire-a", "wire-c"]
    assert (fact["first_reported"], fact["last_reported"]) == ("2021-01-26", "2022-01-20")
    assert [(h["as_of"], h["status"]) for h in fact["history"]] == [("2021-01-26", "ordered"), ("2022-01-20", "delivered")]
    assert fact["status"] == "delivered" and not fact["contradictions"]
    # what the ledger knew before the delivery was reported
    before = [f for f in ledger.facts(type="arms_transfer", as_of="2021-06-30") if f["id"] == fact["id"]][0]
    assert before["status"] == "ordered" and before["sources"] == ["wire-a"]
    assert not [f for f in ledger.facts(as_of="2021-01-01")]


def test_disagreeing_amounts_are_a_contradiction_with_both_sources(ledger, tmp_path: Path) -> None:
    ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", [ORDER, ORDER_OTHER_FIGURE]))])
    (fact,) = _facts(ledger)
    assert fact["sources"] == ["wire-a", "paper-b"]
    (conflict,) = [c for c in fact["contradictions"] if c["role"] == "value_usd"]
    sides = {s["value"]: s["sources"] for s in conflict["sides"]}
    assert sides == {2.5e9: ["wire-a"], 2.8e9: ["paper-b"]}
    full = ledger.fact(fact["id"])
    assert {r["article_id"] for r in full["reports"]} == {"wire-a", "paper-b"}
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in full["reports"])


def test_one_at_a_time_equals_all_at_once(tmp_path: Path) -> None:
    rows = [DELIVERY, OTHER, ORDER_OTHER_FIGURE, ORDER]
    with Ledger(tmp_path / "batch.db") as batch:
        batch.ingest([str(write_jsonl(tmp_path / "all.jsonl", rows))])
        expected = batch.facts()
    with Ledger(tmp_path / "single.db") as single:
        for n, row in enumerate(reversed(rows)):
            single.ingest([str(write_jsonl(tmp_path / f"one-{n}.jsonl", [row]))])
        got = single.facts()
    strip = lambda facts: sorted((f["id"], f["type"], json.dumps(f["roles"], sort_keys=True), tuple(f["sources"])) for f in facts)  # noqa: E731
    assert strip(got) == strip(expected)


def test_reingest_is_a_no_op_and_remove_drops_support(ledger, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [ORDER, DELIVERY, OTHER])
    ledger.ingest([str(path)])
    before = ledger.facts()
    assert ledger.ingest([str(path)]).unchanged == 3
    assert ledger.facts() == before
    ledger.remove(["wire-a"])
    greek = [f for f in ledger.facts() if f["roles"]["recipient"]["id"] == "GR"]
    assert greek and greek[0]["sources"] == ["wire-c"]
    ledger.remove(["wire-c", "wire-d"])
    assert ledger.facts() == []


def test_a_new_version_replaces_its_old_support(ledger, tmp_path: Path) -> None:
    ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", [ORDER, OTHER]))])
    changed = dict(OTHER, text=OTHER["text"].replace("30 Rafale", "30 Rafale fighter jets and two FREMM").replace("fighter jets fighter jets", "fighter jets"))
    ledger.ingest([str(write_jsonl(tmp_path / "b.jsonl", [changed]))])
    egypt = [f for f in ledger.facts() if f["roles"].get("recipient", {}).get("id") == "EG"]
    assert all(f["sources"] == ["wire-d"] for f in egypt)
    assert len({f["id"] for f in egypt}) == len(egypt)


def test_seed_facts_through_the_cli(tmp_path: Path) -> None:
    """The evaluation kit's scorer: every fused fact of the seeds found, with all its sources."""
    seeds = shared_path("seeds", "seeds.jsonl")
    gold_path = shared_path("eval", "seeds.gold.json")
    scorer = shared_path("eval", "score.py")
    db = tmp_path / "seeds.db"
    cli = [sys.executable, "-m", "newsledger.cli"]
    subprocess.run([*cli, "ingest", str(seeds), "--db", str(db), "-q"], check=True, capture_output=True)
    for kind in ("events", "facts"):
        subprocess.run([*cli, "export", "--format", kind, "--out", str(tmp_path / f"{kind}.jsonl"), "--db", str(db)], check=True, capture_output=True)
    out = subprocess.run([sys.executable, str(scorer), str(gold_path), "--events", str(tmp_path / "events.jsonl"),
                          "--facts", str(tmp_path / "facts.jsonl"), "--json"], check=True, capture_output=True, text=True).stdout
    result = json.loads(out)["facts"]
    assert (result["found"], result["total"], result["source_recall"]) == (6, 6, 1.0)
    # The scorer counts as a duplicate any other fact with the same key roles; for meetings that is
    # the pair of leaders alone. The only ones allowed are other meetings of that pair on other dates.
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gazetteer = score.Gazetteer(gold["entities"])
    facts = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    for fused in gold["fused"]:
        probe = {"type": fused["type"], "roles": fused["roles"]}
        same_kind = [f for f in facts if score.key_match(gold["schema"], gazetteer, probe, f) and set(fused["docs"]) <= set(f["sources"])]
        assert len(same_kind) == 1, fused
        if fused["type"] != "meeting":
            continue
        pair = {"vladimir-putin", "narendra-modi"}
        others = [f for f in facts if f["type"] == "meeting" and pair <= {p.get("id") for p in f["roles"]["participants"]} and f is not same_kind[0]]
        day = fused["roles"]["date"]
        assert all(f.get("date") and not (f["date"].startswith(day) or day.startswith(f["date"])) for f in others), others


def test_the_s400_history_shows_2019_and_2021(ledger) -> None:
    ledger.ingest([str(shared_path("seeds", "seeds.jsonl"))])
    (fact,) = [f for f in ledger.facts(entity="S-400", type="arms_transfer")]
    steps = {h["as_of"][:4]: h for h in fact["history"]}
    assert steps["2019"]["status"] == "ordered" and steps["2019"]["roles"]["delivery_date"] == "2020-10"
    assert steps["2021"]["status"] == "in_delivery"
    assert fact["roles"]["value_usd"] == 5.5e9 and fact["date"].startswith("2018")
    assert len(fact["sources"]) == 4


def test_reconcile_the_seeds_with_the_sipri_register(tmp_path: Path) -> None:
    """The S-400 fact meets SIPRI's 2018 India–Russia row with the value difference; the AK-203 is not covered."""
    register = shared_path("reference", "sipri-trade-register-2025-03-13.csv")
    db = tmp_path / "seeds.db"
    cli = [sys.executable, "-m", "newsledger.cli"]
    subprocess.run([*cli, "ingest", str(shared_path("seeds", "seeds.jsonl")), "--db", str(db), "-q"], check=True, capture_output=True)
    out = subprocess.run([*cli, "reconcile", "--sipri", str(register), "--db", str(db), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    results = json.loads(out)["results"]
    def item(result: dict) -> str | None:
        value = result["fact"]["roles"].get("item")
        return value.get("id") if isinstance(value, dict) else None

    s400 = next(r for r in results if item(r) == "s-400")
    assert (s400["row"]["designation"], s400["row"]["order_year"]) == ("S-400 Triumf", 2018)
    assert (s400["row"]["recipient"], s400["row"]["supplier"]) == ("India", "Russia")
    value = next(c for c in s400["checks"] if c["field"] == "value")
    assert value["agrees"] is False and "5.4" in value["note"]
    ak203 = next(r for r in results if item(r) == "ak-203")
    assert ak203["row"] is None and ak203["reason"] == "not covered by SIPRI"
    import os

    wide = dict(os.environ, COLUMNS="200")
    table = subprocess.run([*cli, "reconcile", "--sipri", str(register), "--db", str(db)], check=True, capture_output=True, text=True, env=wide).stdout
    assert "S-400 Triumf" in table


def test_sipri_export_of_the_seeds_has_the_s400_row(tmp_path: Path) -> None:
    import csv
    import io

    with Ledger(tmp_path / "seeds.db") as ledger:
        ledger.ingest([str(shared_path("seeds", "seeds.jsonl"))])
        buffer = io.StringIO()
        ledger.export("sipri", buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    s400 = [r for r in rows if r["Weapon designation"].startswith("S-400")]
    assert len(s400) == 1
    assert (s400[0]["Recipient"], s400[0]["Supplier"], s400[0]["Year of order"]) == ("India", "Russia", "2018")


def test_a_fact_is_found_by_its_own_keys_only(ledger, tmp_path: Path) -> None:
    """A new report reads the facts it could join: the same recipient and system, not every deal of the recipient."""
    ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", [ORDER, OTHER]))])
    rows = ledger.store.query("SELECT fact_id, key FROM fact_key ORDER BY key")
    by_fact: dict[str, set[str]] = {}
    for r in rows:
        by_fact.setdefault(r["fact_id"], set()).add(r["key"])
    assert len(by_fact) == 2 and not set.intersection(*by_fact.values())  # Greece's Rafale and Egypt's Rafale
    greece = next(f for f in _facts(ledger) if f["roles"]["recipient"]["id"] == "GR")
    from newsledger.fusion.compat import KEYS_VERSION

    assert by_fact[greece["id"]] == {KEYS_VERSION + "arms_transfer:gr:rafale"}


def test_a_store_indexed_by_an_older_key_scheme_is_rekeyed(ledger, tmp_path: Path) -> None:
    ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", [ORDER]))])
    (fact,) = _facts(ledger)
    with ledger.store.atomic() as conn:
        conn.execute("UPDATE fact_key SET key = 'arms_transfer:recipient:gr'")
    ledger.ingest([str(write_jsonl(tmp_path / "b.jsonl", [ORDER_OTHER_FIGURE]))])
    (again,) = _facts(ledger)
    assert again["id"] == fact["id"] and again["sources"] == ["wire-a", "paper-b"]
    from newsledger.fusion.compat import KEYS_VERSION

    assert all(r["key"].startswith(KEYS_VERSION) for r in ledger.store.query("SELECT key FROM fact_key"))


def test_undated_reports_of_a_meeting_days_apart_are_one_fact(ledger, tmp_path: Path) -> None:
    """Reports that give no date of a meeting: the same one when published within days, on the same day too."""
    visit = "Indian Prime Minister Narendra Modi will visit Moscow for talks with President Vladimir Putin, officials said."
    reports = [
        {"id": "wire-1", "published": "2019-08-20", "text": visit},
        {"id": "wire-2", "published": "2019-08-20", "text": "UPDATE 1. " + visit},
        {"id": "paper-3", "published": "2019-08-22", "text": "Narendra Modi will travel to Moscow to hold talks with Vladimir Putin."},
        {"id": "wire-4", "published": "2019-10-02", "text": visit},
    ]
    ledger.ingest([str(write_jsonl(tmp_path / "a.jsonl", reports))])
    sources = sorted(tuple(f["sources"]) for f in _facts(ledger, "meeting"))
    assert sources == [("wire-1", "wire-2", "paper-3"), ("wire-4",)]
