"""The language model's interface: the indexed attribute ruler gives what spaCy's Matcher gives."""

from __future__ import annotations

import json

import pytest
import spacy

from conftest import shared_path
from newsledger import nlp
from newsledger.attribute_index import IndexedMatch, index_attribute_ruler

# Sentences that reach the ruler's rarer patterns: negation, contractions and slang over two
# tokens, pronoun case by dependency, auxiliaries, "there is", spaces, determiners as pronouns.
TEXTS = [
    "Moscow didn't confirm the deal, and Delhi isn't going to wait: \"we're gonna buy it anyway.\"",
    "I told him that it was over; he gave it to me and I kept it.  Y'all know nothin' of this.",
    "Let's see whether they've got ta sign before the summit. C'mon, it ain't done.",
    "There are 21 MiG-29 fighters, and there is talk of more.\n\nThat was all those who came said.",
    "Do they have the money? They did. Has the ministry done what it had promised?",
    "Which is why the navy, which had asked for six frigates, got four.   \n  Since then, so what?",
]


def _analysis(docs: list) -> list[list[tuple[str, ...]]]:
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in docs]


def _texts() -> list[str]:
    seeds = shared_path("seeds", "seeds.jsonl")
    extra = [json.loads(line)["text"] for line in seeds.open(encoding="utf-8")] if seeds.exists() else []
    return TEXTS + extra


def test_indexed_ruler_matches_spacy_matcher() -> None:
    model = nlp.load()
    assert isinstance(model.get_pipe("attribute_ruler").match, IndexedMatch)
    plain = spacy.load(nlp.model_name())
    plain.add_pipe("newsledger_paragraph_breaks", before="parser")
    texts = _texts()
    ruler = plain.get_pipe("attribute_ruler")
    indexed = IndexedMatch(ruler)
    for doc in plain.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert indexed(doc) == ruler.match(doc)
    assert _analysis(list(model.pipe(texts))) == _analysis(list(plain.pipe(texts)))


def _ruler(patterns: list[dict]):
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return blank, ruler


def _tagged(blank, text: str, tags: list[str]):
    doc = blank.make_doc(text)
    for token, tag in zip(doc, tags):
        token.tag_ = tag
    return doc


def test_indexed_ruler_reads_sets_exclusions_and_expressions() -> None:
    blank, ruler = _ruler([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": {"IN": ["frigate", "frigates"]}, "TAG": "NN"}]], "attrs": {"LEMMA": "frigate"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": {"REGEX": "^mig-\\d+$"}}, {"LOWER": "fighters"}]], "attrs": {"LEMMA": "mig"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    ])
    doc = _tagged(blank, "Frigate and MiG-29 fighters  now", ["NN", "CC", "NNP", "NNS", "_SP", "RB"])
    expected = ruler.match(doc)
    assert IndexedMatch(ruler)(doc) == expected
    assert [(attr_id, start, end) for attr_id, _, start, end in expected] == [
        (0, 0, 1), (1, 0, 1), (2, 1, 2), (2, 2, 3), (2, 3, 4), (2, 4, 5), (2, 5, 6), (3, 2, 4), (4, 4, 5)]


def test_pattern_with_an_operator_keeps_spacys_matcher() -> None:
    _, ruler = _ruler([{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}])
    spacys = ruler.match
    assert index_attribute_ruler(ruler) is False
    assert ruler.match == spacys


@pytest.mark.parametrize("spec", [{"LENGTH": 3}, {"TAG": {"FUZZY": "NN"}}, {"TAG": 5}])
def test_condition_it_cannot_read_is_refused(spec: dict) -> None:
    _, ruler = _ruler([{"patterns": [[spec]], "attrs": {"POS": "NOUN"}}])
    assert index_attribute_ruler(ruler) is False


def test_missing_value_reads_as_empty_string() -> None:
    blank, ruler = _ruler([{"patterns": [[{"TAG": {"REGEX": "^$"}}]], "attrs": {"POS": "X"}},
                           {"patterns": [[{"TAG": {"NOT_IN": [""]}}]], "attrs": {"POS": "NOUN"}}])
    doc = _tagged(blank, "untagged tagged untagged", ["", "NN", ""])
    expected = ruler.match(doc)
    assert [(attr_id, start) for attr_id, _, start, _ in expected] == [(0, 0), (0, 2), (1, 1)]
    assert IndexedMatch(ruler)(doc) == expected
