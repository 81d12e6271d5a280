"""Answers over a real store: timeline, dossier, graph, and the table exports.

One store is built per module from the bundled example articles (written for
the project; the facts they report are public), so every assertion is on what
newsledger really extracts and fuses, not on hand-made records.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, run_cli
from newsledger.answers import dossier, facts_from_table, graph, timeline, to_text
from newsledger.answers.tables import (
    FACT_COLUMNS, SIPRI_COLUMNS, SIPRI_SPELLING, _binary_sink, fact_from_row, sipri_party,
)
from newsledger.answers.timeline import date_precision, summary
from newsledger.errors import UsageError

INDIA_RAFALE = "France → India: 36 Dassault Rafale, ordered"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """(ledger, path) of a store holding the example articles, ingested once for the module."""
    from newsledger import Ledger

    path = tmp_path_factory.mktemp("answers") / "examples.db"
    with Ledger(path) as ledger:
        report = ledger.ingest([str(EXAMPLES)])
        assert report.failed == 0
        yield ledger, path


@pytest.fixture(scope="module")
def ledger(store):
    return store[0]


@pytest.fixture(scope="module")
def db(store) -> Path:
    return store[1]


def _fact_id(ledger, text: str) -> str:
    return next(line["id"] for line in timeline(ledger) if line["summary"] == text)


# -- timeline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2018", "year"), ("2021-12", "month"), ("2021-12-06", "day"), ("2021-Q3", "quarter"), ("199", "decade"), ("199X", "decade"),
     (None, None)],
)
def test_date_precision(value, precision):
    assert date_precision(value) == precision


def test_timeline_is_in_date_order_with_precision(ledger):
    lines = timeline(ledger)
    assert len(lines) == len(ledger.facts())
    dated = [line["date"] for line in lines if line["date"]]
    assert dated == sorted(dated)
    first_undated = next(n for n, line in enumerate(lines) if line["date"] is None)
    assert all(line["date"] is None for line in lines[first_undated:])
    rafale = next(line for line in lines if line["summary"] == INDIA_RAFALE)
    assert (rafale["date"], rafale["precision"], rafale["type"], rafale["status"]) == ("2016-09-23", "day", "arms_transfer", "ordered")
    assert rafale["source_count"] == 1 and rafale["sources"] == ["ex-003-india-rafale-deal"]
    assert rafale["id"].startswith("f-")
    assert {line["precision"] for line in lines if line["date"]} >= {"year", "month", "day"}


def test_timeline_meeting_line(ledger):
    lines = timeline(ledger, type="meeting")
    assert {line["type"] for line in lines} == {"meeting"}
    summit = next(line for line in lines if line["date"] == "2021-12-06")
    assert summit["summary"] == "meeting: Narendra Modi, Vladimir Putin in New Delhi"


def test_several_entities_mean_facts_involving_all(ledger):
    both = timeline(ledger, entities=["India", "Russia"])
    india = {line["id"] for line in timeline(ledger, entities=["IN"])}
    assert both and {line["id"] for line in both} <= india
    for line in both:
        roles = json.dumps(ledger.fact(line["id"])["roles"])
        assert '"IN"' in roles and '"RU"' in roles
    assert any(line["summary"].startswith("Russia → India: S-400 Triumf") for line in both)
    assert not any("France" in line["summary"] for line in both)


def test_timeline_filters_by_date_and_as_of(ledger):
    since = timeline(ledger, since="2021")
    assert since and all(line["date"] >= "2021" for line in since)
    until = timeline(ledger, until="2016")
    assert until and all(line["date"][:4] <= "2016" for line in until)
    # Before the arrival report, the Greek deal was an order with one source.
    greece = timeline(ledger, entities=["Greece"], as_of="2021-06-01")
    assert [(line["status"], line["source_count"]) for line in greece] == [("ordered", 1)]
    assert timeline(ledger, entities=["Greece"])[0]["status"] == "delivered"


def test_unknown_entity_is_a_clear_error(ledger):
    with pytest.raises(UsageError, match="no entity called 'Atlantis'"):
        timeline(ledger, entities=["Atlantis"])
    with pytest.raises(UsageError, match="Atlantis"):
        dossier(ledger, "Atlantis")


def test_summaries_of_other_types(ledger):
    sanction = {"type": "sanction", "status": "imposed", "roles": {
        "sender": {"id": "US", "name": "United States"}, "target": {"id": "TR", "name": "Turkey"},
        "instrument": {"id": "caatsa", "name": "Countering America's Adversaries Through Sanctions Act"}}}
    assert summary(sanction, ledger.kb) == "sanction: United States → Turkey (CAATSA), imposed"
    clash = {"type": "armed_clash", "status": None, "roles": {
        "parties": [{"id": "IN", "name": "India"}, {"id": "CN", "name": "China"}],
        "place": {"id": "galwan-valley", "name": "Galwan Valley"}, "killed": {"IN": 20}}}
    assert summary(clash, ledger.kb) == "armed clash: India, China in Galwan Valley, killed: India 20"
    assert summary({"type": "arms_transfer", "status": "ordered", "roles": {
        "supplier": {"name": "Russia"}, "recipient": {"name": "India"}, "item": {"name": "S-400 Triumf"},
        "value_usd": 5.43e9}}) == "Russia → India: S-400 Triumf, ordered, $5.43 bn"


# -- dossier ---------------------------------------------------------------------------------


def test_dossier_of_india(ledger):
    data = dossier(ledger, "India")
    about = data["entity"]
    assert (about["id"], about["type"], about["name"], about["wikidata"], about["capital"]) == ("IN", "state", "India", "Q668", "New Delhi")
    suppliers = {c["id"] for c in data["counterparties"] if "supplier" in c["roles"]}
    assert {"FR", "RU"} <= suppliers
    counts = [c["facts"] for c in data["counterparties"]]
    assert counts == sorted(counts, reverse=True)
    assert any(line["summary"] == INDIA_RAFALE for line in data["roles"]["recipient"])
    assert "supplier" not in data["roles"]
    assert data["facts"] == len(data["timeline"]) == len(ledger.facts(entity="IN"))
    sources = {s["article_id"]: s for s in data["sources"]}
    rafale = sources["ex-003-india-rafale-deal"]
    assert rafale["published"] == "2016-09-23" and rafale["source"] == "The Example Courier" and "Rafale" in rafale["title"]
    assert _fact_id(ledger, INDIA_RAFALE) in rafale["facts"]


@pytest.mark.parametrize("name", ["India", "IN", "in", "Indian"])
def test_dossier_accepts_ids_names_and_demonyms(ledger, name):
    assert dossier(ledger, name)["entity"]["id"] == "IN"


def test_dossier_of_a_person_and_a_weapon(ledger):
    putin = dossier(ledger, "Putin")
    assert putin["entity"]["type"] == "person" and putin["entity"]["state"]["id"] == "RU"
    presidents = [o for o in putin["entity"]["offices"] if o["title"] == "President"]
    assert presidents and presidents[0]["start"] == "2000-05-07"
    assert "participant" in putin["roles"]
    assert "narendra-modi" in {c["id"] for c in putin["counterparties"]}

    s400 = dossier(ledger, "S-400")
    about = s400["entity"]
    assert (about["id"], about["origin"]["id"], about["description"]) == ("s-400", "RU", "SAM system")
    assert "item" in s400["roles"]
    recipients = {c["id"] for c in s400["counterparties"] if "recipient" in c["roles"]}
    assert {"IN", "TR"} <= recipients


def test_dossier_lists_open_contradictions(store, tmp_path):
    """A contradiction recorded by fusion shows in the dossier and in the SIPRI comments."""
    from newsledger import Ledger

    ledger, path = store
    copy = tmp_path / "copy.db"
    with sqlite3.connect(path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    fact_id = timeline(ledger, entities=["Greece"])[0]["id"]
    sides = [{"value": 2.9e9, "sources": ["greece-rafale"]}, {"value": 2.7e9, "sources": ["ex-014-greece-rafale-arrival"]}]
    with sqlite3.connect(copy) as conn:
        conn.execute("INSERT INTO fact_contradiction (fact_id, role, sides) VALUES (?, 'value_usd', ?)", (fact_id, json.dumps(sides)))
    with Ledger(copy) as other:
        data = dossier(other, "Greece")
        assert data["contradictions"] == [
            {"fact_id": fact_id, "summary": "France → Greece: 18 Dassault Rafale, delivered, $2.96 bn", "role": "value_usd", "sides": sides}
        ]
        assert data["timeline"][0]["contradicted"] is True
        out = io.StringIO()
        other.export("sipri", out)
    greek = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["Recipient"] == "Greece")
    assert "sources differ on value_usd" in greek["Comments"]


def test_a_dossier_lists_a_page_and_counts_everything(ledger):
    """Counts, counterparties and contradictions cover every fact; the lists are the most recent page."""
    whole = dossier(ledger, "India", limit=None)
    assert whole["facts"] == whole["totals"]["facts"] == len(whole["timeline"]) == len(ledger.facts(entity="IN")) >= 4
    assert whole["totals"]["sources"] == len(whole["sources"]) and whole["page"]["more"] is False
    assert whole["totals"]["roles"] == {role: len(lines) for role, lines in whole["roles"].items()}

    def recency(line):
        fact = ledger.fact(line["id"])
        return (fact["date"] or fact["first_reported"], fact["first_reported"], fact["id"])

    newest_first = sorted(whole["timeline"], key=recency, reverse=True)
    pages, offset = [], 0
    while True:
        page = dossier(ledger, "India", limit=2, offset=offset)
        assert {k: page[k] for k in ("facts", "totals", "counterparties", "contradictions", "entity")} == \
            {k: whole[k] for k in ("facts", "totals", "counterparties", "contradictions", "entity")}
        assert len(page["timeline"]) == page["page"]["facts"] <= 2
        assert [line["id"] for line in page["timeline"]] == sorted(
            [line["id"] for line in newest_first[offset : offset + 2]], key=[line["id"] for line in whole["timeline"]].index)
        shown = {line["id"] for line in page["timeline"]}
        assert {s["article_id"] for s in page["sources"]} == {a for line in page["timeline"] for a in line["sources"]}
        assert all(set(s["facts"]) <= shown for s in page["sources"])
        pages.append(page)
        offset += 2
        if not page["page"]["more"]:
            break
    assert sorted(line["id"] for p in pages for line in p["timeline"]) == sorted(line["id"] for line in whole["timeline"])
    assert len(pages) == -(-whole["facts"] // 2)
    assert dossier(ledger, "India", limit=2, offset=whole["facts"])["timeline"] == []
    with pytest.raises(UsageError):
        dossier(ledger, "India", limit=0)


@pytest.mark.parametrize("as_of", [None, "2019-06-30", "2021-12-06"])
def test_outlines_say_what_the_full_records_say(ledger, as_of):
    """Timelines, dossiers and ask choose from outlines: they must agree with the records they stand for."""
    from newsledger.facts import fact_outlines, in_full, query_facts

    full = {f["id"]: f for f in query_facts(ledger, as_of=as_of)}
    outlines = fact_outlines(ledger, as_of=as_of, sources=True)
    assert sorted(o["id"] for o in outlines) == sorted(full) and len(full) >= 3
    for outline in outlines:
        assert outline == {k: full[outline["id"]][k] for k in outline}
    assert in_full(ledger, outlines[::-1], as_of=as_of) == [full[o["id"]] for o in outlines[::-1]]
    india = fact_outlines(ledger, entity="India", type="arms_transfer")
    assert [o["id"] for o in india] == [f["id"] for f in ledger.facts(entity="India", type="arms_transfer")]


def test_long_lived_objects_are_out_of_the_collectors_walk():
    """The knowledge base is frozen out of the cyclic GC once loaded (full collections stalled queries)."""
    import subprocess
    import sys

    code = "import gc; from newsledger.kb import load_kb; n = gc.get_freeze_count(); load_kb(); print(n, gc.get_freeze_count())"
    before, after = map(int, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert before == 0 and after > 20_000


# -- graph -----------------------------------------------------------------------------------


def test_arms_graph_has_france_to_india(ledger):
    G = graph(ledger)
    assert G.is_directed()
    assert G.has_edge("FR", "IN") and not G.has_edge("IN", "FR")
    edge = G.edges["FR", "IN"]
    ids = edge["facts"].split(",")
    assert _fact_id(ledger, INDIA_RAFALE) in ids
    assert edge["weight"] == len(ids)
    assert "Dassault Rafale" in edge["items"]
    assert G.nodes["FR"]["name"] == "France" and G.nodes["FR"]["wikidata"] == "Q142" and G.nodes["FR"]["type"] == "state"
    assert G.edges["KR", "PL"]["value_usd"] > 3e9 and G.edges["KR", "PL"]["valued_facts"] == 1


def test_graph_filters_by_date(ledger):
    G = graph(ledger, since="2020")
    assert not G.has_edge("FR", "IN")  # the Indian Rafale deal is from 2016
    assert G.has_edge("KR", "PL")


def test_graphml_export_opens_in_networkx(ledger, tmp_path):
    out = tmp_path / "arms.graphml"
    count = ledger.export("graphml", str(out))
    G = graph(ledger)
    H = nx.read_graphml(out)
    assert count == G.number_of_edges()
    assert H.is_directed()
    assert set(H.edges()) == set(G.edges())
    assert H.edges["FR", "IN"]["facts"] == G.edges["FR", "IN"]["facts"]
    assert H.nodes["IN"]["name"] == "India"


def test_gexf_json_and_dot(ledger, tmp_path):
    G = graph(ledger)
    (tmp_path / "arms.gexf").write_text(to_text(G, "gexf"), encoding="utf-8")
    assert set(nx.read_gexf(tmp_path / "arms.gexf").edges()) == set(G.edges())
    linked = nx.node_link_graph(json.loads(to_text(G, "json")), edges="edges")
    assert set(linked.edges()) == set(G.edges())
    dot = to_text(G, "dot")
    assert dot.startswith('digraph "newsledger arms_transfer" {') and '"FR" -> "IN"' in dot and dot.rstrip().endswith("}")
    out = io.StringIO()
    assert ledger.export("gexf", out) == G.number_of_edges()


def test_meeting_graph_is_undirected(ledger):
    G = graph(ledger, type="meeting")
    assert not G.is_directed()
    assert G.has_edge("vladimir-putin", "narendra-modi") and G.has_edge("narendra-modi", "vladimir-putin")
    assert "graph " in to_text(G, "dot").splitlines()[0] and " -- " in to_text(G, "dot")


# -- tables ----------------------------------------------------------------------------------


def test_parquet_reads_back_as_the_facts(ledger, tmp_path):
    out = tmp_path / "facts.parquet"
    assert ledger.export("parquet", str(out)) == len(ledger.facts())
    table = pq.read_table(out)
    assert table.column_names == [name for name, _ in FACT_COLUMNS]
    assert facts_from_table(out) == ledger.facts()
    rafale = next(r for r in table.to_pylist() if r["id"] == _fact_id(ledger, INDIA_RAFALE))
    assert (rafale["supplier"], rafale["supplier_id"], rafale["recipient_id"], rafale["item_id"]) == ("France", "FR", "IN", "rafale")
    assert (rafale["quantity"], rafale["date_precision"], rafale["sources"]) == (36, "day", ["ex-003-india-rafale-deal"])


def test_csv_parses_and_reads_back(ledger):
    out = io.StringIO()
    ledger.export("csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [fact_from_row(r) for r in rows] == ledger.facts()
    # "contracts for 180 K2 tanks, worth about $3.4bn, and 212 K9 howitzers": the price is the tanks' alone
    k2, k9 = (next(r for r in rows if r["item_id"] == item) for item in ("k2", "k9"))
    assert (k2["supplier"], k2["recipient"], float(k2["value_usd"]), k9["value_usd"]) == ("South Korea", "Poland", 3.4e9, "")


def test_event_tables(ledger, tmp_path):
    events = ledger.events()
    out = io.StringIO()
    assert ledger.export("events-csv", out) == len(events)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(events)
    arms = [r for r in rows if r["type"] == "arms_transfer"]
    assert arms and all(r["fact_id"].startswith("f-") and r["plover"] == "AID" and r["evidence"] for r in arms)
    path = tmp_path / "events.parquet"
    ledger.export("events-parquet", str(path))
    table = pq.read_table(path)
    assert table.num_rows == len(events) and table.schema.field("confidence").type == "double"


def test_parquet_is_refused_on_a_text_only_stream():
    with pytest.raises(UsageError, match="binary"):
        _binary_sink(io.StringIO())


def test_sipri_export(ledger, tmp_path):
    path = tmp_path / "register.csv"
    count = ledger.export("sipri", str(path))
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == SIPRI_COLUMNS
        rows = list(reader)
    assert len(rows) == count
    rafale = next(r for r in rows if r["Recipient"] == "India" and r["Weapon designation"] == "Rafale")
    assert (rafale["Supplier"], rafale["Year of order"], rafale["Number ordered"], rafale["Weapon description"]) == ("France", "2016", "36", "FGA aircraft")
    assert _fact_id(ledger, INDIA_RAFALE) in rafale["Comments"] and "ex-003-india-rafale-deal" in rafale["Comments"]
    greek = next(r for r in rows if r["Recipient"] == "Greece")
    assert (greek["Number ordered"], greek["Number delivered"], greek["Year(s) of delivery"]) == ("18", "6", "2022")
    assert any(r["Recipient"] == "Turkiye" and r["Supplier"] == "Russia" for r in rows)
    k2 = next(r for r in rows if r["Weapon designation"] == "K2 Black Panther")
    assert k2["Comments"].startswith("$3.4 b deal")
    # the project's own SIPRI reader takes the file as a register
    from newsledger.sipri import read_register

    register = read_register(path, ledger.kb)
    row = next(r for r in register if r.designation == "Rafale" and r.recipient_id == "IN")
    assert (row.supplier_id, row.order_year, row.number_ordered) == ("FR", 2016, 36)
    assert next(r for r in register if r.designation == "K2 Black Panther").value_usd == 3.4e9


def test_sipri_names_are_sipri_spellings(ledger):
    from newsledger.sipri import PartyResolver

    resolver = PartyResolver(ledger.kb)
    assert {eid: resolver.sipri_id(name) for eid, name in SIPRI_SPELLING.items()} == {eid: eid for eid in SIPRI_SPELLING}
    kb = ledger.kb
    assert sipri_party({"id": "RU"}, kb, order_year=1985, unknown="?") == "Soviet Union"
    assert sipri_party({"id": "RU"}, kb, order_year=2018, unknown="?") == "Russia"
    assert sipri_party({"id": "US"}, kb, unknown="?") == "United States"
    assert sipri_party({"id": "rosoboronexport", "name": "Rosoboronexport"}, kb, unknown="?") == "Russia"
    assert sipri_party(None, kb, unknown="unknown supplier(s)") == "unknown supplier(s)"


def test_plover_export(ledger):
    out = io.StringIO()
    count = ledger.export("plover", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == count == len(ledger.events())
    aid = [r for r in records if r["event_type"] == "AID"]
    assert aid and all(r["event_mode"] == "military" and r["cameo"] == "072" for r in aid)
    assert all(r["actor"] and r["recipient"] for r in aid if r["newsledger"]["roles"].get("supplier"))
    rafale = next(r for r in aid if r["source"]["article_id"] == "ex-003-india-rafale-deal")
    assert (rafale["actor"]["id"], rafale["recipient"]["id"], rafale["recipient"]["wikidata"]) == ("FR", "IN", "Q668")
    assert rafale["source"]["url"].startswith("https://") and rafale["source"]["evidence"]
    assert rafale["newsledger"]["fact_id"] == _fact_id(ledger, INDIA_RAFALE)
    meeting = next(r for r in records if r["event_type"] == "CONSULT" and r["event_date"] == "2021-12-06")
    assert {meeting["actor"]["id"], meeting["recipient"]["id"]} == {"narendra-modi", "vladimir-putin"}
    assert meeting["location"]["id"] == "new-delhi" and meeting["actor"]["country"] in ("IN", "RU")


# -- CLI -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli():
    from newsledger.cli import app
    from newsledger.cli_answers import register

    register(app)
    register(app)  # idempotent: the lead's import line may already have registered them
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def test_cli_timeline(cli, ledger, db):
    result = cli("timeline", "--entity", "India", "--entity", "Russia", "--json", "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == timeline(ledger, entities=["India", "Russia"])
    table = cli("timeline", "--type", "arms_transfer", "--until", "2017", "--db", str(db))
    assert table.exit_code == 0 and "France → India" in table.stdout


def test_cli_dossier(cli, ledger, db):
    result = cli("dossier", "IN", "--json", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(dossier(ledger, "IN")))
    shown = cli("dossier", "S-400", "--db", str(db))
    assert shown.exit_code == 0 and "as item" in shown.stdout and "SAM system" in shown.stdout
    paged = cli("dossier", "India", "--limit", "1", "--db", str(db))
    facts = dossier(ledger, "India")["facts"]
    assert paged.exit_code == 0 and f"most recent of {facts} facts" in paged.stderr and "--offset 1" in paged.stderr
    everything = cli("dossier", "India", "--limit", "0", "--json", "--db", str(db))
    assert len(json.loads(everything.stdout)["timeline"]) == facts
    unknown = cli("dossier", "Atlantis", "--db", str(db))
    assert unknown.exit_code == 2 and "no entity called 'Atlantis'" in unknown.output


def test_cli_graph_and_exports(cli, db, tmp_path):
    out = tmp_path / "arms.graphml"
    result = cli("graph", "--format", "graphml", "--out", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).has_edge("FR", "IN")
    dot = cli("graph", "--type", "meeting", "--format", "dot", "--db", str(db))
    assert dot.exit_code == 0 and dot.stdout.startswith("graph ")
    assert cli("graph", "--format", "svg", "--db", str(db)).exit_code == 2
    sipri = tmp_path / "sipri.csv"
    assert cli("export", "--format", "sipri", "--out", str(sipri), "--db", str(db)).exit_code == 0
    assert sipri.read_text(encoding="utf-8").startswith("Recipient,Supplier,Year of order")


def test_cli_commands_in_a_subprocess(db):
    """Once `newsledger.cli` registers the commands, `python -m newsledger.cli` runs them."""
    if "timeline" not in run_cli("--help").stdout:
        pytest.skip("newsledger.cli does not call newsledger.cli_answers.register(app) yet")
    proc = run_cli("timeline", "--entity", "Greece", "--json", db=db, check=True)
    assert [json.loads(line)["summary"] for line in proc.stdout.splitlines()] == ["France → Greece: 18 Dassault Rafale, delivered, $2.96 bn"]
    listed = run_cli("export", "--list", check=True).stdout
    assert all(name in listed for name in ("csv", "events-csv", "parquet", "events-parquet", "sipri", "plover", "graphml", "gexf"))
