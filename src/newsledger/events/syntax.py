"""Reading the dependency parse: negation, modality and tense, governing verbs, argument slots."""

from __future__ import annotations

from typing import Any

Token = Any  # spaCy Token

_FUTURE = {"will", "shall", "'ll", "wo"}
_POSSIBLE = {"may", "might", "could", "would", "can"}
# Words after which "to" + a verb is what is scheduled to happen ("set", "expected" are among _INTEND's lemmas).
_DUE = {"due", "scheduled", "slated", "poised", "likely", "going"}
_INTEND = {"plan", "intend", "expect", "aim", "seek", "want", "hope", "try", "set", "prepare", "propose", "consider", "mull", "discuss", "negotiate", "wish", "look", "explore", "push", "endeavour", "endeavor", "urge", "call"}
# Prepositions that take what follows out of a negation: "did not lead to any contract, apart from an agreement to …"
_ESCAPES = {"apart", "except", "besides", "aside", "beyond"}
_HYPOTHETICAL = {"if", "unless", "whether"}
# Verbs whose infinitive did not happen: "failed to reach agreement", "refused to sign".
_FAILED = {"fail", "refuse", "decline"}
# Verbs of asking another to act.
_REQUEST = {"ask", "request", "beg", "implore", "persuade", "pressure", "press", "lobby"}
# Nouns that put what hangs from them in the future of somebody's hopes: "hopes of talks".
_UNREAL_NOUNS = {"hope", "chance", "prospect", "possibility", "likelihood", "odds"}
# Nouns that make what hangs from them a plan: "accepted the invitation for talks".
_PROPOSAL_NOUNS = {"invitation", "offer", "proposal", "request"}


def negated(token: Token) -> bool:
    """The event is denied: a negation on the trigger or a verb above it, before any escape."""
    node = token
    for _ in range(8):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.pos_ in ("VERB", "AUX") and node.head.lemma_ in _FAILED:
            # "failed to reach agreement", "refused to sign the accord"; not "declined to comment on the deal",
            # nor "failed to reach an accord at the meeting": the infinitive is the trigger or governs it
            if node == token or token.head == node:
                return True
        if any(c.dep_ == "det" and c.lower_ in ("no",) for c in node.children):
            return True
        if node.dep_ == "pobj" and node.head.lower_ == "without" and node.pos_ == "NOUN":
            return True  # "without agreement on the budget"
        if node.lower_ in _ESCAPES or any(c.lower_ in _ESCAPES for c in node.children if c.dep_ in ("advmod", "prep")):
            return False
        if node.dep_ in ("ccomp", "advcl", "relcl", "acl") and node.pos_ == "VERB" and node != token:
            return False
        if node.head == node:
            return False
        node = node.head
    return False


def hypothetical(token: Token) -> bool:
    """A condition ("if India buys …"), a question, what was to have happened ("was to
    have travelled for talks", "would have signed") or what is only hoped for ("hopes
    of direct talks", "the chances of a resumption of talks"): not a report."""
    verbs = [token] if token.pos_ in ("VERB", "AUX") else []
    verbs.append(governing_verb(token) or token)
    if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL for v in verbs for c in v.children):
        return True
    if any(_unreal_past(v) for v in verbs) or _only_hoped_for(token):
        return True
    if any(c.dep_ == "amod" and c.lower_ in _IMAGINED for c in token.children):
        return True  # "a hypothetical purchase of the BrahMos by Hanoi"
    sent = token.sent
    return sent.text.rstrip().endswith("?")


_IMAGINED = {"hypothetical", "imaginary", "theoretical", "notional", "fictional", "alleged"}


def _unreal_past(verb: Token) -> bool:
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ == "suppose" and any(c.lower_ in ("was", "were") for c in head.children):
        return True  # "Obama was supposed to make a state visit to Manila": what was to have happened
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "have" not in aux or verb.tag_ != "VBN":
        return False
    return bool(aux & _POSSIBLE) or "to" in aux and verb.head.lemma_ == "be" and verb.dep_ == "xcomp"


def _only_hoped_for(token: Token) -> bool:
    """A nominal trigger under a noun of expectation: "hopes of talks", "prospects for a resumption of talks"."""
    return under_noun(token, _UNREAL_NOUNS)


def requested(token: Token) -> bool:
    """A verb that somebody asked somebody else to do: "asked Germany to send the Patriots to
    Ukraine". Who would send is the one asked, and nobody has yet."""
    return (token.pos_ == "VERB" and token.dep_ in ("xcomp", "ccomp") and token.head != token
            and token.head.lemma_.lower() in _REQUEST)


def proposed(token: Token) -> bool:
    """A nominal trigger under a noun of proposal: "accepted the invitation for talks", "an offer of a visit"."""
    return under_noun(token, _PROPOSAL_NOUNS)


def under_noun(token: Token, nouns: set[str]) -> bool:
    """Whether `token` hangs from one of `nouns` through "of"/"for"/"to", with at most one noun between."""
    node = token
    for _ in range(2):
        prep = node.head
        if node.dep_ != "pobj" or prep.lower_ not in ("of", "for", "to") or prep.head == prep:
            return False
        node = prep.head
        if node.lemma_.lower() in nouns:
            return True
        if node.pos_ != "NOUN":
            return False
    return False


def governing_verb(token: Token) -> Token | None:
    """The verb a nominal trigger depends on ("authorized the acquisition" → authorized)."""
    node = token
    for _ in range(5):
        if node.head == node:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def tense(verb: Token) -> str:
    """future, possible, intended, progressive, perfect, past, present, infinitive or none."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE:
        return "future"
    if aux & _POSSIBLE:
        return "possible"
    head = verb.head
    if verb.dep_ == "conj" and not aux and verb.tag_ == "VB" and head != verb and head.pos_ in ("VERB", "AUX"):
        return tense(head)  # "would attend briefings and hold talks": the second verb shares the first's auxiliary
    if verb.dep_ == "xcomp" and head.lemma_ in _INTEND:
        return "intended"
    if verb.dep_ == "xcomp" and head.lower_ in _DUE:
        return "future"  # "are due to meet", "is scheduled to visit"
    if verb.dep_ == "xcomp" and "to" in aux and head.lemma_ == "be" and head != verb:
        return "future"  # "three agreements were to be signed at the summit", "the president is to visit"
    if verb.dep_ == "xcomp" and head.dep_ == "xcomp" and head.head.lemma_ in _INTEND:
        return "intended"
    if verb.tag_ == "VBG" and aux & {"is", "are", "was", "were", "be", "been"}:
        return "progressive"
    if aux & {"has", "have", "had"}:
        return "perfect"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and head.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
        return tense(head) if head.lemma_ not in _INTEND else "intended"
    if verb.tag_ == "VB" and "to" in aux:
        return "infinitive"  # "permission to send tanks", "an agreement to manufacture rifles"
    return "none"


def noun_like(token: Token) -> bool:
    """A common noun, or one the tagger took for a name because it is capitalised after a
    dateline or in a headline ("BEIJING — Trade between China and Russia …")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_ and token.is_title
                                     and token.lemma_.lower() == token.lower_)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, *preps: str) -> list[Token]:
    """Objects of prepositions hanging on `token`: prep_objects(buy, "from") → [Russia]."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
            # "talked with Zhaparov and with Rakhmon": the repeated preposition is the same one,
            # wherever the parser hung it
            for cc in prep.children:
                again = token.doc[cc.i + 1] if cc.dep_ == "cc" and cc.i + 1 < len(token.doc) else None
                if again is not None and again.lower_ == prep.lower_:
                    found.extend(c for c in again.children if c.dep_ in ("pobj", "pcomp"))
    return found


_RELATIVE = {"which", "who", "that", "whom"}
_PRONOUNS = {"it", "they", "he", "she"}


def subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, passing through xcomp/conj to the verb that has them.

    A relative pronoun stands for the noun its clause hangs on: in "Turkey,
    which bought the S-400", the buyer is Turkey; "it", "they", "he" or "she" in a
    clause under another stands for that clause's subject ("the air force is
    retiring them as it receives the F-35").
    """
    node = verb
    for _ in range(3):
        found = _past_dateline(children(node, "nsubj", "nsubjpass", "csubj"))
        if found:
            if node.dep_ == "relcl" and all(f.lower_ in _RELATIVE for f in found):
                # "Turkey, a NATO member that bought S-400s": the member is Turkey
                return [node.head.head] if node.head.dep_ == "appos" else [node.head]
            if node.dep_ == "relcl" and node.head != node and all(f.lower_ in _PRONOUNS for f in found):
                # "Maduro travelled to Moscow, where on 5 December he held talks": the traveller
                place_verb = node.head
                while place_verb.pos_ not in ("VERB", "AUX") and place_verb.head != place_verb:
                    place_verb = place_verb.head
                above = subjects(place_verb) if place_verb.pos_ in ("VERB", "AUX") else []
                if above and not all(a.lower_ in _PRONOUNS | _RELATIVE for a in above):
                    return above
            if node.dep_ in ("advcl", "conj", "ccomp") and node.head != node and all(f.lower_ in _PRONOUNS for f in found):
                # "… as it receives the F-35"; "Anwar said that he talked with Phumtham"
                above = subjects(node.head)
                if above and not all(a.lower_ in _PRONOUNS | _RELATIVE for a in above):
                    return above
            return found
        if node.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and node.head != node:  # "are due to meet"
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.head != node.head:
            node = node.head.head  # "… was removed from the programme after buying S-400s"
            continue
        break
    return []


_DASHES = {"—", "–", "--", "-"}


def _past_dateline(subjects: list[Token]) -> list[Token]:
    """Subjects without a dateline the parser took for one; "WOODSIDE, California — Biden and
    Xi agreed …" hangs the real subject on the dateline as an apposition."""
    out: list[Token] = []
    for s in subjects:
        end = dateline_end(s.sent)
        if s.i > end:
            out.append(s)
        else:
            out.extend(c for c in s.children if c.dep_ == "appos" and c.i > end)
    return out


def dateline_end(sent: Any) -> int:
    """Where a dateline ("ZAMOSC, Poland —") ends, or -1: the parser takes it for a subject."""
    for tok in sent[:8]:
        if tok.text in _DASHES:
            return tok.i if tok.i > sent.start else -1
        if not (tok.pos_ in ("PROPN", "PUNCT", "NUM") or tok.is_title or tok.is_upper):
            return -1
    return -1


def head_phrase(token: Token) -> set[int]:
    """A noun and its modifiers, without its prepositions or the nouns coordinated with it:
    "Eritrea" in "Ethiopia and Eritrea"; not "Russia" in "a drone maker over the supply … to Russia"."""
    return {token.i} | {t.i for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod") for t in c.subtree}


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Tokens and the tokens coordinated with them ("India and Russia")."""
    out = []
    for t in tokens:
        out.append(t)
        out.extend(t.conjuncts)
    return out


def path_to(token: Token, targets: set[int], hops: int = 4, *, free: tuple[str, ...] = ()) -> bool:
    """Whether `token`'s chain of heads reaches one of `targets` within `hops` steps;
    steps up from a token whose dependency is in `free` ("conj": along a list) do not count."""
    node = token
    left = hops
    for _ in range(hops + 24):
        if node.i in targets:
            return True
        if node.head == node or left == 0:
            return False
        if node.dep_ not in free:
            left -= 1
        node = node.head
    return node.i in targets
