"""Tense of the clause a time expression sits in: "met on Monday" is last Monday,
"will meet on Monday" the coming one.

Two readers: :func:`doc_tense` follows a spaCy parse from the expression to the
verb that governs it; :func:`lexical_tense` is the cheap fallback that looks for
the nearest tense cue in the same clause. Both return "PAST", "FUTURE",
"PRESENT" or None.
"""
from __future__ import annotations

import re
from typing import Any

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "won't", "gonna"})
# "could" is as often the past of "can" ("could not be located Wednesday") as a modal
MODALS = frozenset({"would", "may", "might", "should", "must", "can", "'d"})
PAST_AUX = frozenset({"was", "were", "had", "did", "didn't", "wasn't", "weren't", "hadn't"})
PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "isn't", "aren't", "has", "have", "'ve"})
# irregular past forms common in news reports
IRREGULAR_PAST = frozenset("""
said told met took came went gave made began held left sent saw found got became brought fell
rose knew thought felt ran won lost paid spent sold bought shot struck fought flew drove wrote
spoke broke chose led stood understood kept built caught taught hung meant dealt sought swore
tore wore woke withdrew overtook undertook forgot forbade froze hid bit slid slept swept wept
lent bent sank sang rang drank began shook arose grew threw blew drew knew oversaw overran
heard sat lay laid fled fed bore beat underwent
""".split())
# words that put the event ahead of the report ("is scheduled for Monday", "payable Dec. 14")
FUTURE_WORDS = frozenset({"scheduled", "expected", "due", "upcoming", "slated", "poised", "payable",
                          "effective", "expire", "expires", "deadline", "starting", "intends", "aims"})
# verbs whose "to" opens a planned event: "plans to meet Monday"
TO_FUTURE = frozenset({"plans", "plan", "planned", "planning", "going", "want", "wants", "wanted",
                       "agreed", "decided", "promised", "vowed", "pledged", "threatened", "expected",
                       "expects", "scheduled", "set", "due", "likely", "ready", "prepared",
                       "preparing", "hopes", "hoped", "intends", "intended", "aims", "seeks",
                       "sought", "is", "are", "was", "were", "able", "asked", "ordered", "voted",
                       "unlikely", "eager", "keen", "willing", "determined", "poised", "slated",
                       "scheduled", "certain", "sure", "free", "unable"})
# present tense for a timetable: "the visit begins Monday", "Obama arrives Wednesday"
SCHEDULE_VERBS = frozenset("""
arrives begins starts opens meets visits leaves travels returns resumes ends expires closes hosts
departs convenes reopens kicks heads
""".split())
NOT_VERBS_ING = frozenset("nothing something anything everything thing king ring spring evening morning "
                          "during".split())
NOT_VERBS_ED = frozenset("""
need needed speed seed bed red shed hundred indeed proceed exceed succeed embed breed weed greed
creed united limited ahmed mohammed muhammad hamad mahmoud reed freed feed ted fred ned led bred
sped fled bled wed shred sacred naked wicked beloved aged alleged armed based biased concerned
detailed experienced interested advanced skilled married related supposed tired used worried preferred
unspecified undisclosed unidentified unnamed
""".split())

_PRONOUNS = frozenset("he she it they we i you".split())
_ADVERBS_BEFORE_ADJ = frozenset("still newly recently previously long well much widely so".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z']*|[.!?;:](?=\s|$)|\"|``|''")
_CLAUSE_END = frozenset({".", "!", "?", ";", ":"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "these",
                          "those", "our", "my", "your", "some", "any", "all", "each", "every"})


_PAST_PERFECT = frozenset({"had", "hadn't"})
# a timetable rather than a wish: "had hoped to leave on April 24" may still look ahead
TIMETABLE = frozenset({"scheduled", "due", "set", "slated", "expected", "supposed"})
# a timetable as reported, which a story gives before the day comes ("was expected Monday");
# not "set" ("was set up in February") nor "supposed" ("was supposed to leave Friday, but")
_REPORTED_PLAN = frozenset({"scheduled", "due", "slated", "expected"})


def _overtaken_plan(words: list[str], plan: int) -> bool:
    """Whether the timetable word at `plan` stands in the past perfect: "had been
    scheduled to expire Friday" was overtaken by events, so its day has gone,
    unlike "is scheduled to expire Friday"."""
    return words[plan] in TIMETABLE and "been" in words[max(0, plan - 3):plan] \
        and bool(_PAST_PERFECT.intersection(words[max(0, plan - 4):plan]))


def _participle_tense(words: list[str], i: int) -> str | None:
    """Tense of a past participle or -ed form from the auxiliaries before it:
    "will be paid" is future, "is expected" present, "was shot" past; None
    without an auxiliary ("shot Monday", "scheduled for Monday")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        w = words[j]
        if w in FUTURE_AUX:
            return "FUTURE"
        if w in MODALS:
            return "PAST" if "have" in words[j:i] else "FUTURE"
        if w in PAST_AUX:
            return "PAST"
        if w in ("is", "are", "am", "'s", "'re", "isn't", "aren't"):
            return "PRESENT"
        if w == "to":  # "guidelines to be published in early November"
            return "PAST" if _overtaken_plan(words, j - 1) else "FUTURE"
        if w not in ("be", "been", "being", "not", "n't", "also", "already", "just", "still", "now", "then"):
            break
    return None


def _word_tense(words: list[str], i: int) -> str | None:
    """Tense signalled by words[i] (lower-cased), looking at its neighbours."""
    w = words[i]
    prev = words[i - 1] if i else ""
    if w in FUTURE_AUX:
        return "FUTURE"
    if w == "to":
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if prev in TO_FUTURE and nxt.isalpha() and nxt not in _DETERMINERS:
            return "PAST" if _overtaken_plan(words, i - 1) else "FUTURE"
        return None
    if w in FUTURE_WORDS:  # "had been scheduled to expire Friday" is past all the same
        if _participle_tense(words, i) != "PAST":
            return "FUTURE"
        reported = w in _REPORTED_PLAN and not _PAST_PERFECT.intersection(words[max(0, i - 4):i])
        return "FUTURE" if reported else "PAST"  # "results were expected Monday"
    if w == "record" and prev == "of":  # dividends "payable Dec. 14 to holders of record Nov. 15"
        return "FUTURE"
    if w in MODALS:
        nxt = words[i + 1] if i + 1 < len(words) else ""
        return "PAST" if nxt == "have" else "FUTURE"
    if w == "could":  # a possibility ahead, unless denied ("could not be reached Monday") or past
        nxt = words[i + 1] if i + 1 < len(words) else ""
        return None if nxt in ("not", "n't", "never", "have", "only", "hardly", "barely") else "FUTURE"
    if w in PAST_AUX or w == "ago" or w == "since" and i + 1 < len(words) and words[i + 1] in _PRONOUNS:
        return "PAST"  # "since he underwent surgery in July"
    if w in SCHEDULE_VERBS:  # "the visit begins Monday"
        return "PRESENT"
    if w in ("is", "are", "am", "'re") and i + 1 < len(words) and words[i + 1].endswith("ing") \
            and words[i + 1] not in NOT_VERBS_ING:  # "the ministers are meeting Monday"
        return "PRESENT"
    if w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and w not in NOT_VERBS_ED):
        if w.endswith("ed") and (prev in _DETERMINERS or prev in _ADVERBS_BEFORE_ADJ and i > 1
                                 and words[i - 2] in _DETERMINERS):
            return None  # "the proposed merger", "a still unspecified date": an adjective
        return _participle_tense(words, i) or "PAST"
    return None


_LEAD_UP = frozenset({("run", "up", "to"), ("lead", "up", "to"), ("build", "up", "to")})
_AFTER_SINCE = frozenset("the shortly just soon after before early late mid around about".split())


def preposition_tense(lw: list[str]) -> str | None:
    """What the words right before an expression (lower-cased, its clause only) settle
    whatever the verb: "since March" is past; "as soon as Monday", "ahead of the
    weekend", a deadline "until Tuesday" ahead ("it was not until Tuesday" is not)."""
    if lw[-1:] == ["ended"]:  # "the year ended June 30"
        return "PAST"
    since = max((i for i, w in enumerate(lw[-5:]) if w == "since"), default=None)
    if since is not None and set(lw[-5:][since + 1:]) <= _AFTER_SINCE:  # "since March", "since shortly after the"
        return "PAST"
    if lw[-3:] in (["as", "soon", "as"], ["as", "early", "as"]) or _leads_up(lw):
        return "FUTURE"
    if lw[-3:] == ["until", "at", "least"]:
        lw = lw[:-2]  # "suspended trains until at least Sunday"
    if lw[-1:] == ["until"] and len(lw) > 1 and not set(lw[-3:-1]) & {"only", "up"} \
            and not set(lw[-6:-1]) & {"not", "n't", "wasn't", "didn't", "weren't", "never"} and "had" not in lw[:-2]:
        # "Cyprus has until Monday", "postponed until Tuesday"; not "Until Monday, ...", nor
        # "had led every poll until April", a past perfect ("they had until Friday" is a deadline),
        # nor "was not made public until Tuesday", when it was (the verb's tense tells which)
        return "FUTURE"
    if lw[-1:] == ["to"] and (lw[-2:-1] and lw[-2] in _PUT_BACK or lw[-3:-1] in (["pushed", "back"], ["put", "off"])):
        return "FUTURE"  # "was extended to December", "the vote was postponed to next week": a new date, ahead
    return None


_PUT_BACK = frozenset("extended postponed delayed deferred rescheduled".split())


def _leads_up(lw: list[str]) -> bool:
    """Whether the words before an expression lead up to it: "ahead of the weekend",
    "in the run-up to Sunday's election", "on the eve of the Friday vote"."""
    tail = lw[-5:]
    return "ahead" in lw[-4:-1] and "of" in lw[-3:] or ["eve", "of"] in (lw[-2:], lw[-3:-1]) \
        or bool(_LEAD_UP.intersection(zip(tail, tail[1:], tail[2:])))


def leads_up(text: str, start: int) -> bool:
    """:func:`_leads_up` of the words before `start` in its clause."""
    return _leads_up(_clause_words(text, start))


def _clause_words(text: str, start: int) -> list[str]:
    lw = [w.lower() for w in _WORD.findall(text[max(0, start - 60):start])]
    cut = max((i for i, w in enumerate(lw) if w in _CLAUSE_END), default=-1)
    return lw[cut + 1:]


def cue_tense(text: str, start: int) -> str | None:
    """:func:`preposition_tense` of the words before `start`, for the spaCy reader too."""
    return preposition_tense(_clause_words(text, start))


def will_before(text: str, start: int) -> bool:
    """Whether the nearest tense cue before `start` in its clause is "will" or "shall"
    (a firm future, unlike "would", "expected" or "decided to")."""
    lw = [w.lower() for w in _WORD.findall(text[max(0, start - 120):start])]
    cut = max((i for i, w in enumerate(lw) if w in _CLAUSE_END), default=-1)
    lw = lw[cut + 1:]
    for i in range(len(lw) - 1, max(-1, len(lw) - 13), -1):
        if _word_tense(lw, i):  # "will meet", "will be named"
            return bool(FUTURE_AUX.intersection(lw[max(0, i - 3):i + 1]))
    return False


def tense_before(text: str, start: int, cues: bool = True) -> str | None:
    """The nearest tense cue before `start` in its clause, a preposition's lean included unless
    `cues` is False."""
    lw = [w.lower() for w in _WORD.findall(text[max(0, start - 200):start])]
    cut = max((i for i, w in enumerate(lw) if w in _CLAUSE_END), default=-1)
    lw = lw[cut + 1:]
    cue = preposition_tense(lw) if cues else None
    if cue:
        return cue
    for i in range(len(lw) - 1, max(-1, len(lw) - 13), -1):
        t = _word_tense(lw, i)
        if t:
            return t
    return None


def lexical_tense(text: str, start: int, end: int, cues: bool = True) -> str | None:
    """Nearest tense cue before the expression in its clause (up to eight words),
    else the nearest after it: "officials said Friday" (past), "talks will resume
    Monday" (future), "On Monday, the ministers met" (past, cue after). With
    `cues=False`, the verbs alone, not a preposition's lean ("in the run-up to")."""
    t = tense_before(text, start, cues)
    if t:
        return t
    rw = [w.lower() for w in _WORD.findall(text[end:end + 160])]
    stop = next((i for i, w in enumerate(rw) if w in _CLAUSE_END), len(rw))
    rw = rw[:stop]
    for i in range(min(len(rw), 10)):
        t = _word_tense(rw, i)
        if t:
            return t
    return None


# ---- spaCy ----------------------------------------------------------------------------------

_PLAN_LEMMAS = frozenset("plan expect schedule want agree decide promise vow pledge threaten hope intend aim "
                         "seek prepare set ask order vote need try begin start continue go".split())


def _had_plan(plan: Any) -> bool:
    """Whether a timetable word ("scheduled", "due") stands in the past perfect ("had been due")."""
    if plan.lower_ not in TIMETABLE:
        return False
    holders = [plan, plan.head] if plan.dep_ == "acomp" else [plan]
    # "been" is an auxiliary of "scheduled" but the verb that "due" complements
    auxes = {c.lower_ for h in holders for c in h.children if c.dep_ in ("aux", "auxpass")}
    auxes |= {h.lower_ for h in holders[1:]}
    return "been" in auxes and bool(auxes & _PAST_PERFECT)


def _singular_subject(verb: Any) -> bool:
    """Whether the verb's subject is a singular noun: then a form the tagger read as
    plural present (VBP) is a past that looks the same ("cut", "hurt", "set", "hit")."""
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)


def _verb_tense(verb: Any, depth: int = 0) -> str | None:
    """Tense of a spaCy verb token from its tag and auxiliaries."""
    if depth > 12:
        return None  # a parse of a run-on table can chain infinitives without end
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    # "will be closed Monday" is at times parsed with "will" under "be", not under "closed"
    auxes += [c for a in auxes for c in a.children if c.dep_ == "aux"]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "FUTURE"
    if any(a.tag_ == "MD" for a in auxes):
        if "could" in words and "have" not in words:
            if any(c.dep_ == "neg" for c in verb.children):
                return None  # "could not be located Wednesday": as often past; the words around decide
            return "FUTURE"  # "could meet in August", "a proposal could come in the spring"
        return "PAST" if "have" in words else "FUTURE"
    if any(a.lower_ == "to" for a in auxes) or any(c.dep_ == "aux" and c.tag_ == "TO" for c in auxes):
        # "plans to meet Monday" looks ahead; "staged rallies to mark the day on Friday" and
        # "offers to acquire ... Friday" take the tense of the verb they hang from
        head = verb.head
        if head != verb and verb.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass"):
            return _verb_tense(head, depth + 1)  # "the countries to accede on Friday were ..."
        if head.pos_ == "ADJ" and head.lower_ in TIMETABLE:
            # "was due to vote on Friday" is a plan ahead; "had been due to expire Friday" was overtaken
            return "PAST" if _had_plan(head) else "FUTURE"
        if head.pos_ == "ADJ" and head.lower_ not in TO_FUTURE:
            # "it was hard to reach him on Friday": the clause of the adjective decides
            return _verb_tense(head.head, depth + 1) if head.head.pos_ in ("VERB", "AUX") else None
        if head == verb or head.lower_ in TO_FUTURE or head.lemma_ in _PLAN_LEMMAS or head.pos_ not in ("VERB",
                                                                                                        "AUX"):
            if head != verb and _had_plan(head):
                return "PAST"  # "had been scheduled to expire Friday": the plan was overtaken
            return "FUTURE" if head == verb or head.pos_ in ("VERB", "AUX", "ADJ") else None
        return _verb_tense(head, depth + 1)
    if verb.lower_ in _REPORTED_PLAN and words & PAST_AUX and not words & _PAST_PERFECT:
        return "FUTURE"  # "results were expected Monday": a plan reported, its day ahead of the report
    if words & PAST_AUX or any(a.tag_ == "VBD" for a in auxes):
        return "PAST"
    if words & {"has", "have", "'ve"} and verb.tag_ == "VBN":
        return "FUTURE" if verb.lower_ in FUTURE_WORDS else "PAST"  # "has scheduled a vote Thursday"
    if verb.tag_ == "VBD":
        return "PAST"
    if verb.tag_ == "VBN":
        if words & PRESENT_AUX:
            return "FUTURE" if verb.lower_ in FUTURE_WORDS else "PRESENT"
        if verb.lower_ in _REPORTED_PLAN and verb.dep_ in ("acl", "amod"):
            return "FUTURE"  # "a cold front expected late on Monday", "the vote scheduled for Friday"
        return "PAST"  # reduced relative: "the deal signed Monday"
    if verb.tag_ == "VBG" and not words & PRESENT_AUX:
        return None  # a bare participle ("closing Friday at $29") has the tense of the clause it hangs from
    if verb.tag_ == "VBP" and not auxes and _singular_subject(verb):
        return "PAST"  # "Weakness hurt the index on Friday": a singular subject rules out the present
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "PRESENT"
    if verb.tag_ == "VB":
        return "FUTURE"
    return None


def _closed_participle(verb: Any, span: Any) -> bool:
    """A bare past participle whose phrase a comma closes before the span: a parenthesis on a
    noun ("the community, estimated at 60,000,"), not the verb of the date ("the decision,
    announced Wednesday")."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("advcl", "acl") or verb.i >= span.start \
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(t.text == "," for t in verb.doc[verb.i + 1:span.start])


def doc_tense(doc: Any, start: int, end: int) -> str | None:
    """Tense of the verb that governs the span [start, end) of `doc`'s text.

    Climbs from the span's syntactic root through nouns and prepositions to the
    first verb ("the meeting on Monday was cancelled" reaches "cancelled")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    if token.head.tag_ == "VBG" and token.head.lower_ in ("beginning", "starting"):
        return "FUTURE"  # "a meeting of the chiefs beginning Thursday", "a round starting Friday": a timetable
    through_noun = False
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            if _closed_participle(token, span) and token.head != token:
                token = token.head  # "will address the community, estimated at 60,000, on the evening of
                continue            # August 19": the date is not the participle's
            t = _verb_tense(token)
            if t == "PRESENT" and through_noun:
                return None  # "follows Tuesday's declaration": the noun carries no tense
            if t:
                return t
            if (token.dep_ == "xcomp" or token.tag_ == "VBG") and token.head != token:
                token = token.head
                continue
            return None
        if token.head == token:
            return None
        if token.i != span.root.i and token.pos_ in ("NOUN", "PROPN"):
            through_noun = True
        token = token.head
    return None
