"""A cheap pre-pass: which sentences could report an event, before any parse.

With `--parse events` the language model parses only these sentences; the
rest keep their tokens, their knowledge-base mentions and their rule-based
dates (a weekday there takes its week from the tense the words around it
show, as without a parse), and go without named-entity labels and syntax.
The test is a superset of what the event rules can fire on: a word form of a
trigger lemma of data/triggers.yaml. (Not also a name: the rules take roles
from the sentences around a trigger too, "They have set a goal of reaching
$30 billion in bilateral trade".)
"""

from __future__ import annotations

import re
from functools import cache

# Past forms and participles of trigger lemmas that adding -s/-ed/-ing does not make.
IRREGULAR = {
    "buy": ("bought",), "sell": ("sold",), "send": ("sent",), "build": ("built",), "meet": ("met",),
    "speak": ("spoke", "spoken"), "fight": ("fought",), "lose": ("lost",), "slay": ("slew", "slain"),
    "die": ("dying",), "begin": ("began", "begun"), "seek": ("sought",), "hold": ("held",),
    "strike": ("struck",), "shoot": ("shot",), "lead": ("led",), "win": ("won",), "give": ("gave", "given"),
    "mou": ("mous",),
}
# The lists of data/triggers.yaml whose words are triggers (the others qualify a trigger).
TRIGGER_LISTS = {
    "arms_transfer": ("verbs", "nouns"),
    "agreement": ("verbs", "nouns", "renewal_nouns"),
    "meeting": ("verbs", "nouns"),
    "armed_clash": ("verbs", "nouns", "killed_verbs"),
    "sanction": ("verbs", "nouns"),
    "deployment": ("verbs", "nouns"),
    "trade": ("nouns",),
}

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def forms(lemma: str) -> set[str]:
    """The inflected forms of a lemma that English text uses (a superset)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # ship → shipped, scrap → scrapping
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out | set(IRREGULAR.get(lemma, ()))


@cache
def trigger_forms() -> frozenset[str]:
    from newsledger.events.extract import lexicon

    lex = lexicon()
    lemmas: set[str] = set()
    for kind, lists in TRIGGER_LISTS.items():
        for name in lists:
            lemmas.update(str(w).lower() for w in lex[kind].get(name) or ())
    return frozenset(f for lemma in lemmas for f in forms(lemma))


def may_report_event(sentence: str) -> bool:
    """Whether a sentence has a trigger word: the only sentences the event rules fire on."""
    triggers = trigger_forms()
    return any(w.lower() in triggers for w in _WORD.findall(sentence))

