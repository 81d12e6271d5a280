"""Optional: a fluent answer from an OpenAI-compatible chat endpoint, keeping the citations.

The ledger's answer (statements with [n] marks) and the cited evidence are sent
to `POST {url}/v1/chat/completions` (a local Ollama, vLLM or llama.cpp server);
the model is told to use only that material and keep the [n] marks. Nothing is
sent anywhere unless the user passes `--llm URL`.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

from newsledger.errors import UsageError

if TYPE_CHECKING:
    from newsledger.ask import Answer

SYSTEM = (
    "You answer questions about arms transfers and diplomacy using ONLY the facts and evidence given. "
    "Keep every citation mark like [1] next to the statement it supports. If the material does not answer "
    "the question, say that the ledger does not know. Do not add facts."
)


def rephrase(url: str, answer: Answer, *, model: str | None = None, timeout: float = 60.0) -> str:
    evidence = "\n".join(f"[{c.n}] {c.article_id} ({c.published or 'undated'}, {c.source or 'unknown source'}): {c.evidence}" for c in answer.citations)
    prompt = f"Question: {answer.question}\n\nLedger answer:\n{answer.text}\n\nEvidence:\n{evidence}"
    body = {
        "model": model or os.environ.get("NEWSLEDGER_LLM_MODEL", "default"),
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}],
        "temperature": 0,
    }
    endpoint = url.rstrip("/")
    if not endpoint.endswith("/chat/completions"):
        endpoint += "/v1/chat/completions" if not endpoint.endswith("/v1") else "/chat/completions"
    request = urllib.request.Request(endpoint, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = json.load(response)
        return str(reply["choices"][0]["message"]["content"]).strip()
    except (urllib.error.URLError, TimeoutError, KeyError, IndexError, json.JSONDecodeError) as err:
        raise UsageError(f"the language model at {url} did not answer ({err}); the ledger's own answer needs no model — drop --llm") from err
