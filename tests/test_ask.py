"""Questions answered from the seed articles' facts, with citations; and the optional LLM phrasing."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from conftest import shared_path

from newsledger import Ledger


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("ask") / "seeds.db"
    with Ledger(path) as ledger:
        ledger.ingest([str(shared_path("seeds", "seeds.jsonl"))])
        yield ledger


def _cited(answer, statement) -> set[str]:
    by_n = {c.n: c for c in answer.citations}
    return {by_n[n].article_id for n in statement["citations"]}


def test_what_india_bought_from_russia_since_2018(seeded) -> None:
    answer = seeded.ask("What has India bought from Russia since 2018?")
    assert answer.found
    items = " ".join(s["text"] for s in answer.statements)
    for system in ("S-400", "Igla-S", "MiG-29"):
        assert system in items
    s400 = next(s for s in answer.statements if "S-400" in s["text"])
    assert "2018" in s400["text"]
    assert _cited(answer, s400) == {"001_e6414ae541a6d4fd", "002_5ef8137c530b1eb8", "003_34191df9dade6562", "004_80468003f30bc126"}
    for c in answer.citations:
        assert c.evidence and c.published and c.article_id


def test_when_putin_and_modi_last_met(seeded) -> None:
    answer = seeded.ask("When did Putin and Modi last meet?")
    (statement,) = answer.statements
    assert "2021-12-06" in statement["text"] and "New Delhi" in statement["text"]
    assert _cited(answer, statement) == {"001_e6414ae541a6d4fd", "004_80468003f30bc126"}


def test_who_supplies_air_defence_to_india(seeded) -> None:
    answer = seeded.ask("Who supplies air defence systems to India?")
    text = answer.text
    assert "Russia" in text and "S-400" in text and "Igla-S" in text
    assert "MiG-29" not in text  # a fighter, not air defence


def test_status_of_the_s400_deal(seeded) -> None:
    answer = seeded.ask("What is the status of the S-400 deal?")
    (statement,) = answer.statements
    text = statement["text"]
    assert "in delivery" in text and "2019-01-08: ordered; first delivery expected 2020-10" in text
    assert len(statement["citations"]) == 4


def test_where_sources_disagree(seeded) -> None:
    answer = seeded.ask("Where do sources disagree about India's arms purchases?")
    assert answer.found
    assert all("sources agree" in s["text"] or "disagree" in s["text"] for s in answer.statements)
    assert any("S-400" in s["text"] for s in answer.statements)


def test_what_happened_in_the_galwan_valley(seeded) -> None:
    answer = seeded.ask("What happened in the Galwan Valley?")
    (statement,) = answer.statements
    assert "Clash between India and China" in statement["text"] and "2020-06-15" in statement["text"]
    assert "IN 20" in statement["text"]
    assert "000_55c070a744314553" in _cited(answer, statement)


def test_something_absent_is_not_invented(seeded) -> None:
    answer = seeded.ask("What did Brazil buy from Sweden?")
    assert not answer.found
    assert answer.text.startswith("Not in the ledger")
    assert answer.citations and all(s["fact_id"] is None for s in answer.statements)


class _ChatHandler(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _ChatHandler.received.append({"path": self.path, "body": body})
        reply = {"choices": [{"message": {"role": "assistant", "content": "India ordered the S-400 from Russia in 2018 [1]."}}]}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def test_llm_endpoint_gets_the_evidence_and_keeps_citations(seeded) -> None:
    server = HTTPServer(("127.0.0.1", 0), _ChatHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        answer = seeded.ask("What is the status of the S-400 deal?", llm=url)
    finally:
        server.shutdown()
        server.server_close()
    assert answer.parsed["llm"] == "India ordered the S-400 from Russia in 2018 [1]."
    (request,) = _ChatHandler.received
    assert request["path"] == "/v1/chat/completions"
    prompt = request["body"]["messages"][-1]["content"]
    assert "[1]" in prompt and "001_e6414ae541a6d4fd" in prompt
    assert answer.found and answer.statements  # the ledger's own answer is kept beside the model's


def test_llm_unreachable_is_a_clear_error(seeded) -> None:
    from newsledger.errors import UsageError

    with pytest.raises(UsageError, match="did not answer"):
        seeded.ask("What is the status of the S-400 deal?", llm="http://127.0.0.1:9")


@pytest.mark.parametrize("question", [
    "What has India bought from Russia since 2018?",
    "Who supplies air defence systems to India?",
    "When did Putin and Modi last meet?",
    "When did India and Russia last meet?",
    "Where do sources disagree about India's arms purchases?",
    "What agreements did India sign with Russia?",
    "Who sells weapons to Pakistan?",
])
def test_indexed_candidates_answer_as_a_full_scan(seeded, monkeypatch, question) -> None:
    """The store narrows the facts a question reads by index; the answer is the one reading them all gives."""
    import newsledger.ask as ask_module

    indexed = seeded.ask(question)
    monkeypatch.setattr(ask_module, "_anchor", lambda kb, q: None)
    scanned = seeded.ask(question)
    assert indexed.text == scanned.text
    assert [c.article_id for c in indexed.citations] == [c.article_id for c in scanned.citations]


def test_a_state_anchors_its_leaders_and_weapons(seeded) -> None:
    belongs = seeded.kb.belonging_to("IN")
    assert "IN" in belongs and "RU" not in belongs
    modi = seeded.resolve_entity("Narendra Modi")[0]
    assert modi in belongs
    facts = seeded.facts(type="meeting")
    from newsledger.facts import query_facts

    anchored = query_facts(seeded, type="meeting", entity_ids=belongs)
    # every fact whose roles name India or one of its own is found (by index: from the reports' roles)
    assert {f["id"] for f in anchored} >= {f["id"] for f in facts if any(
        isinstance(v, dict) and v.get("id") in belongs
        for value in f["roles"].values() for v in (value if isinstance(value, list) else [value]))}
    assert anchored
