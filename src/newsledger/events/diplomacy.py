"""Agreements, meetings and trade figures."""

from __future__ import annotations

import re
from typing import Any

from newsledger.events import syntax as sx
from newsledger.events.context import DocContext, Span, calendar_value, named_as_where, subtree
from newsledger.events.extract import (Mention, _actor_mentions, after_publication, _char_span, _date_for, _own_phrase,
                                       _sent_span, _states, lexicon)

Token = Any

_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "both": 2, "bilateral": 2, "trilateral": 3}
_GENERIC_TOPIC = {"agreement", "agreements", "pact", "treaty", "accord", "deal", "plan", "framework", "the", "a", "an", "new", "major", "number", "some", "several", "year", "years"}
_EVALUATIVE = {"significant", "important", "key", "historic", "landmark", "crucial", "major", "big", "first", "second", "final", "initial", "long", "short", "broad", "comprehensive", "ambitious", "fresh", "formal", "informal"}
_YEARS_LONG = re.compile(r"^\d+-year$|^[a-z]+-year$", re.I)
_WHERE_OR_WHEN = {"GPE", "LOC", "FAC", "DATE", "TIME"}


def _parties_from(ctx: DocContext, tokens: set[int]) -> list[str]:
    """The states acting in `tokens`, not those named as where it happened ("signed a treaty with Yeltsin in Moscow")."""
    return _states(ctx, [m for m in _actor_mentions(ctx, tokens) if not named_as_where(ctx, m)])


def _context_parties(ctx: DocContext, tok: Token, n: int = 2) -> list[str]:
    """"the two countries", "they": the states named in the previous sentence, else the article's main ones."""
    sent = tok.sent
    previous = ctx.sp[sent.start - 1].sent if sent.start > 0 else None
    if previous is not None:
        mentions = _actor_mentions(ctx, set(range(previous.start, previous.end)))
        order = _states(ctx, mentions)
        if len(order) >= 2:
            # the states the sentence is most about, its actors (names, leaders) weighing more than its
            # adjectives: Turkey and Russia, not "Syrian government forces" named once in passing
            counts = {state: sum(1 if m.item.how == "demonym" else 2 for m in mentions if ctx.state_of(m.item) == state)
                      for state in order}
            return sorted(order, key=lambda state: -counts[state])[:n]
    return ctx.top_states(n)


# -- agreements ------------------------------------------------------------------------------


def agreement(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["agreement"]
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma == "agree":
        return _agreed_to(ctx, tok)
    renewal = lemma in lex["renewal_nouns"]
    if tok.pos_ != "NOUN" or (lemma not in lex["nouns"] and not renewal):
        return []
    if sx.negated(tok) or sx.hypothetical(tok):
        return []
    if tok.tag_ == "NNS" and not renewal:
        return []  # "a number of agreements", "trade agreements": no one agreement to record
    target = tok
    if renewal:
        objects = sx.prep_objects(tok, "of")
        if not objects or objects[0].lemma_.lower() not in lex["nouns"]:
            return []
        target = objects[0]
    if _arms_like(ctx, target) or any(c.dep_ == "compound" and c.lower_ in _GOODS for c in target.children):
        return []  # "an agreement to manufacture AK-203 rifles", "the largest arms deal" are the arms transfer's evidence
    governor = sx.governing_verb(tok)
    if lemma == "memorandum" and not sx.prep_objects(tok, "of") and not (governor is not None and governor.lemma_.lower() in lex["verbs"]):
        return []  # "in his Nov. 8 memorandum prepared for Bush": a memo, not a memorandum of understanding
    status = "renewed" if renewal else None
    if status is None and governor is not None:
        verb_status = lex["verbs"].get(governor.lemma_.lower())
        tense = sx.tense(governor)
        if verb_status:
            status = "expected" if tense in ("future", "possible", "intended") else verb_status
        elif governor.lemma_ in ("discuss", "negotiate", "expect", "consider", "plan"):
            status = "expected"
    if status is None:
        anchor = _agreement_anchor(tok, lex)
        if anchor is not None:
            status, anchor_governor = _relcl_status(anchor, lex)
            governor = governor or anchor_governor
            if anchor_governor is not None:
                governor = anchor_governor
    if status is None and target.lemma_.lower() in lex["weak_nouns"] and not any(c.lower_ == "framework" for c in target.lefts):
        return []
    if status is None:
        # "the agreements that New Delhi and Moscow have signed – one on …, and a framework plan on …"
        for word in tok.sent:
            if word.pos_ == "VERB" and word.lemma_.lower() in ("sign", "ink", "conclude") and not sx.negated(word):
                status = "expected" if sx.tense(word) in ("future", "possible", "intended") else "signed"
                governor = word
                break
    topic = _topic(target)
    if target.lemma_.lower() in lex["self_topics"]:
        # "a ceasefire in Syria's Idlib": the phrase itself, without its parties
        parties = {u.i for t in target.children if t.dep_ == "prep" and t.lower_ in ("between", "with") for u in t.subtree}
        topic = "".join(t.text_with_ws for t in target.subtree if t.dep_ != "det" and t.i not in parties).strip(" ,.;")
    if not topic:
        return []
    parties = _agreement_parties(ctx, tok, governor)
    roles: dict[str, Any] = {"parties": [ctx.state_ref(p) for p in parties], "topic": topic}
    if status:
        roles["status"] = status
    anchors = {tok.i, target.i} | ({governor.i} if governor is not None else set())
    sent = tok.sent
    for span in ctx.timexes_in(range(sent.start, sent.end)):
        value = calendar_value(span.item)
        before = ctx.sp[span.first - 1].lower_ if span.first > 0 else ""
        if value and before in ("until", "till", "through", "to") and span.item.type == "DATE":
            roles["valid_until"] = value
    date, _ = _date_for(ctx, anchors, sent)
    if date and date != roles.get("valid_until"):
        roles["date"] = date
    confidence = 0.75 if len(parties) >= 2 else 0.5
    mentions = [Mention("agreement", roles, _sent_span(tok), _char_span(tok), confidence)]
    if status == "signed" and governor is not None:
        mentions += _signing(ctx, governor, tok, roles.get("date"))
    return mentions


def _signing(ctx: DocContext, verb: Token, tok: Token, date: str | None) -> list[Mention]:
    """Two leaders who sign together have met: "Gantz signed in Rabat with Loudiyi a memorandum",
    "Mitsotakis and Macron signed an agreement in Paris"."""
    if verb.lemma_.lower() not in ("sign", "ink"):
        return []
    # the signing clause without the clauses under it ("… which Israel concludes with an Arab country")
    clauses = {t.i for c in verb.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj") for t in c.subtree}
    tokens = {t.i for t in verb.subtree} - clauses
    tokens |= {t.i for s in sx.with_conjuncts(sx.subjects(verb)) for t in s.subtree}
    people = list(dict.fromkeys(s.item.entity_id for s in ctx.mentions_in(tokens, "person") if s.item.entity_id))
    if len(people) != 2:
        return []
    roles: dict[str, Any] = {"participants": [_participant_ref(ctx, p) for p in people], "mode": "in_person",
                             "status": "held"}
    if date:
        roles["date"] = date
    place = _meeting_place(ctx, verb, verb, {verb.i})
    if place:
        roles["place"] = place
    return [Mention("meeting", roles, _sent_span(verb), _char_span(verb), 0.6)]


def _agreed_to(ctx: DocContext, verb: Token) -> list[Mention]:
    """"Biden and Xi agreed to resume military communications": an agreement with no noun for it.

    Two parties must be the subject ("India and China agreed …") or the subject and
    a "with" ("China agreed with India to …"); what they agreed to do is the topic.
    Agreeing to buy or supply weapons is the arms transfer's, not an agreement of its own.
    """
    if sx.negated(verb) or sx.hypothetical(verb) or sx.proposed(verb):
        return []
    action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if action is None or action.lemma_.lower() in lexicon()["arms_transfer"]["verbs"]:
        return []
    if action.lemma_.lower() in _TALK_VERBS or any(o.lemma_.lower() in _TALKS for o in sx.children(action, "dobj")):
        return []  # "agreed to resume talks", "agreed to meet again": a meeting's outcome, no agreement of its own
    if ctx.mentions_in(subtree(action), "weapon_system"):
        return []
    tokens = {t for s in sx.with_conjuncts(sx.subjects(verb)) for t in subtree(s)}
    for obj in sx.prep_objects(verb, "with"):
        tokens |= subtree(obj)
    parties = _parties_from(ctx, tokens)
    if len(parties) < 2:
        return []  # "the leaders agreed to …", "Turkey agreed to …": not two named sides
    clauses = {t.i for c in action.subtree if c.dep_ in ("relcl", "acl", "advcl") and c != action for t in c.subtree}
    words = [t for t in action.subtree if t.i not in clauses and t.dep_ != "aux"][:14]
    topic = "".join(t.text_with_ws for t in words).strip(" ,.;")
    tense = sx.tense(verb)
    roles: dict[str, Any] = {"parties": [ctx.state_ref(p) for p in parties[:2]], "topic": topic,
                             "status": "expected" if tense in ("future", "possible", "intended") else "signed"}
    date, _ = _date_for(ctx, {verb.i, action.i}, verb.sent)
    if date:
        roles["date"] = date
    return [Mention("agreement", roles, _sent_span(verb), _char_span(verb), 0.6)]


# Goods whose deal is an arms transfer, not an agreement between states: "the largest arms deal".
_GOODS = {"arms", "weapons", "weapon", "fighter", "jet", "jets", "tank", "missile", "helicopter", "submarine", "frigate",
          "drone", "drones", "rifle", "howitzer", "warship", "corvette", "aircraft"}
# Agreeing only to talk more.
_TALK_VERBS = {"meet", "talk", "negotiate", "discuss", "consult"}
_TALKS = {"talk", "talks", "dialogue", "negotiation", "negotiations", "consultation", "consultations", "discussion",
          "discussions", "meeting", "meetings", "contact", "contacts"}


def _agreement_anchor(tok: Token, lex: dict[str, Any]) -> Token | None:
    """"two agreements that they signed – one on X, and a plan on Y": the noun the listed ones hang on."""
    node = tok
    for _ in range(4):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in lex["nouns"] and node.lemma_.lower() not in lex["weak_nouns"]:
            return node
    return None


def _relcl_status(noun: Token, lex: dict[str, Any]) -> tuple[str | None, Token | None]:
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in lex["verbs"]:
            tense = sx.tense(child)
            return ("expected" if tense in ("future", "possible", "intended") else lex["verbs"][child.lemma_.lower()]), child
    governor = sx.governing_verb(noun)
    if governor is not None and governor.lemma_.lower() in lex["verbs"]:
        return lex["verbs"][governor.lemma_.lower()], governor
    return None, None


def _arms_like(ctx: DocContext, noun: Token) -> bool:
    """An agreement to make or buy weapons is the arms transfer, not an agreement of its own."""
    scope = set()
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "prep"):
            scope |= subtree(child)
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "the defence agreement provides for the licensed production of AK-203 rifles"
        for child in noun.head.children:
            if child.dep_ in ("dobj", "prep", "xcomp", "attr"):
                scope |= subtree(child)
    return bool(ctx.mentions_in(scope, "weapon_system"))


def _topic(noun: Token) -> str | None:
    """What the agreement is about: "on military-technical cooperation", "military technology agreement"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "to", "for", "of", "about", "regarding", "in"):
            words = [t for t in prep.subtree if t is not prep]
            if prep.lower_ == "in" and any(t.ent_type_ in _WHERE_OR_WHEN for t in words):
                continue  # "an agreement in Moscow", "in 2010": where and when it was signed, not what about
            text = " ".join(t.text for t in words if t.lower_ not in ("the", "a", "an")).strip()
            if text and not re.fullmatch(r"[\d\s-]+|(?:a )?further period.*", text):
                return re.sub(r"\s+-\s+", "-", text)
    modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in _GENERIC_TOPIC]
    words = []
    for m in modifiers:
        for t in m.subtree:
            if t.lower_ in _GENERIC_TOPIC or t.like_num or _YEARS_LONG.match(t.text) or t.pos_ in ("PUNCT", "ADV", "DET"):
                continue
            if t.ent_type_ in ("DATE", "TIME"):
                continue  # "the Nov. 8 memorandum": a date, not what it is about
            if t.tag_ in ("JJS", "JJR") or t.lower_ in _EVALUATIVE:
                continue  # "the most significant defence agreement" is about defence
            words.append(t.text)
    return " ".join(words) or None


def _agreement_parties(ctx: DocContext, tok: Token, governor: Token | None) -> list[str]:
    between = _parties_from(ctx, {t for o in sx.prep_objects(tok, "between") for t in subtree(o)})
    if len(between) >= 2:
        return between[:2]  # "Russia brokered a ceasefire between Armenia and Azerbaijan"
    tokens: set[int] = set()
    if governor is not None:
        for s in sx.with_conjuncts(sx.subjects(governor)):
            tokens |= subtree(s)
    for obj in sx.prep_objects(tok, "between", "with"):
        tokens |= subtree(obj)
    parties = _parties_from(ctx, tokens)
    if len(parties) < 2:
        sent = tok.sent
        for p in _states(ctx, ctx.mentions_in(range(sent.start, sent.end), "state", "person", "organisation")):
            if p not in parties:
                parties.append(p)
    if len(parties) < 2:
        for p in _context_parties(ctx, tok):
            if p not in parties:
                parties.append(p)
    return parties[:2] if len(parties) > 2 else parties


# -- meetings --------------------------------------------------------------------------------


def meeting(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["meeting"]
    lemma = tok.lemma_.lower()
    is_verb = tok.pos_ == "VERB"
    entry = (lex["verbs"] if is_verb else lex["nouns"]).get(lemma) if tok.pos_ in ("VERB", "NOUN") else None
    if entry is None or sx.negated(tok) or sx.hypothetical(tok):
        return []
    sent = tok.sent
    # "a fortnight after his visit to New Delhi": a time anchor, reported as its own event elsewhere;
    # but "signed … after a virtual summit between Modi and Mohamed bin Zayed" names the meeting in full
    background = not is_verb and tok.head.dep_ == "prep" and tok.dep_ == "pobj" and tok.head.lower_ in _BACKGROUND
    if background and len({s.item.entity_id or s.item.text for s in ctx.mentions_in(subtree(tok), "person")}) < 2:
        return []
    if _habitual(ctx, tok):
        return []  # "meeting on the sidelines of the General Assembly every year"
    if is_verb and lemma == "call" and (sx.children(tok, "oprd") or any(
            not ctx.mentions_in({o.i}, "person", "state", "organisation") for o in sx.children(tok, "dobj"))):
        return []  # "called Putin a killer", "called the words of Pompeo undiplomatic": naming, not a call
    if not is_verb and _a_body_s_own(ctx, tok):
        return []  # "press for sanctions at the EU summit": the body meets; those who press do not meet each other
    governor = tok if is_verb else sx.governing_verb(tok)
    people, states = _participants(ctx, tok, governor, is_verb)
    if not is_verb and not people and not states and _has_the(tok):
        # "the call will build on …": the meeting named just before
        roles = {"status": "planned"} if governor is not None and sx.tense(governor) in ("future", "possible", "intended") else {}
        return [Mention("meeting", roles, _sent_span(tok), _char_span(tok), 0.5, anaphoric=True)]
    if entry.get("needs_person") and not people:
        return []
    if not _meets_someone(ctx, tok, lemma, is_verb):
        return []
    if entry.get("envoy"):
        # "Putin is dispatching his deputy, Borisov, to India": the envoy meets the host state
        envoys = [p for p in people if any(ctx.sp[s.first].dep_ in ("dobj", "appos") or ctx.sp[s.last].dep_ in ("dobj", "appos")
                                           for s in ctx.mentions_in(subtree(tok), "person") if s.item.entity_id == p)]
        hosts = [h for o in sx.prep_objects(tok, "to") for h in _states(ctx, ctx.mentions_in(subtree(o), "state"))]
        if not envoys or not hosts:
            return []
        people, states = envoys[-1:] + hosts[:1], []
    remote = set(lex["phone_words"]) | set(lex["video_words"])
    if lemma in ("talk", "speak", "conversation") and not (remote & {t.lower_ for t in sent}) and len(people) < 2:
        return []  # "talks" and "conversations" between fewer than two named people are too vague
    participants = people or states
    if len(participants) < 2 and lemma not in ("visit",) and not _held_by_a_body(ctx, governor):
        participants = _two_leaders(ctx, tok, participants)
    if len(participants) < 2:
        return []
    words = {t.lower_ for t in sent}
    mode = entry["mode"]
    if words & set(lex["video_words"]):
        mode = "video"
    elif words & set(lex["phone_words"]) and lemma in ("speak", "talk", "discuss", "call", "conversation", "phone", "telephone", "conference"):
        mode = "phone"
    participants = _leaders_for_states(ctx, tok, participants)
    tense = sx.tense(governor) if governor is not None else "none"
    planned = ((tense in ("future", "possible", "intended") and not background) or sx.proposed(tok)
               or any(c.lower_ in _AHEAD for c in tok.children if c.dep_ in ("amod", "advmod", "compound")))
    anchors = {tok.i} | ({governor.i} if governor is not None else set())
    if is_verb and tok.dep_ in ("xcomp", "advcl") and tok.head.pos_ == "VERB":
        anchors.add(tok.head.i)  # "he travelled to Geneva in July to meet …"
    if background and not (tok.head.lower_ in ("after", "following") and tense == "past" and tok.head.n_lefts == 0):
        anchors = {tok.i}  # "signed on Friday after a summit" shares its day; "a fortnight after his visit" does not
    date, date_span = _date_for(ctx, anchors, sent, trigger=tok.i)
    if date is None and governor is not None and governor.dep_ == "ccomp" and governor.head.lemma_ in _SAYING:
        # "Anwar said on Thursday that he talked by telephone with …": told the day it happened
        date, date_span = _date_for(ctx, {governor.head.i}, sent)
    if date_span is not None and after_publication(ctx, date_span.item):
        planned = True  # "is dispatching … next week": dated after the report, so not yet held
    roles: dict[str, Any] = {"participants": [_participant_ref(ctx, p) for p in participants], "mode": mode,
                             "status": "planned" if planned else "held"}
    if date:
        roles["date"] = date
    place = _meeting_place(ctx, tok, governor, anchors, remote=mode != "in_person")
    if place:
        roles["place"] = place
    confidence = 0.6 if background else 0.75 if people else 0.6
    caller = _caller(ctx, governor, participants) if mode == "phone" and len(participants) > 2 else None
    if caller is not None:
        # "Putin talked by telephone with Zhaparov and with Rakhmon": a call is between two, so one each
        return [Mention("meeting", {**roles, "participants": [_participant_ref(ctx, caller), _participant_ref(ctx, other)]},
                        _sent_span(tok), _char_span(tok), confidence)
                for other in participants if other != caller]
    return [Mention("meeting", roles, _sent_span(tok), _char_span(tok), confidence)]


def _caller(ctx: DocContext, governor: Token | None, participants: list[str]) -> str | None:
    """The one participant who is the subject of a call's verb, when exactly one is."""
    if governor is None:
        return None
    tokens = {t for s in sx.subjects(governor) for t in subtree(s)}
    named = {s.item.entity_id or s.item.text for s in ctx.mentions_in(tokens, "person", "state")}
    callers = [p for p in participants if p in named]
    return callers[0] if len(callers) == 1 else None


_BACKGROUND = {"after", "before", "since", "following", "ahead", "until", "about"}
# Verbs that comment on a meeting named by a noun: their subject did not take part.
_COMMENTS = {"attack", "criticize", "criticise", "condemn", "denounce", "slam", "blast", "hail", "praise", "welcome",
             "protest", "oppose", "question", "dismiss", "mock", "deplore", "regret", "applaud", "call"}
_SAYING = {"say", "tell", "announce", "report", "confirm", "disclose", "reveal", "write", "tweet"}
# Modifiers of a meeting that has not happened yet: "a possible meeting over the weekend".
_AHEAD = {"next", "upcoming", "proposed", "possible", "potential", "planned", "expected", "prospective", "likely",
          "eventual", "future", "forthcoming"}
# What one "meets" that is no person: "plans to meet a NATO request".
_MET_DEMANDS = {"request", "demand", "target", "deadline", "need", "requirement", "criterion", "standard", "goal",
                "expectation", "cost", "obligation", "condition", "challenge", "threshold", "quota", "payroll"}


def _meets_someone(ctx: DocContext, tok: Token, lemma: str, is_verb: bool) -> bool:
    """Not "meet a request", "called on the government to …", "calls for restraint", "a news conference"."""
    if is_verb and lemma == "meet" and any(o.lemma_.lower() in _MET_DEMANDS for o in sx.children(tok, "dobj")):
        return False
    if is_verb and lemma in ("receive", "welcome") and any(
            o.pos_ == "NOUN" and not ctx.mentions_in(_bare_phrase(o), "person") for o in sx.children(tok, "dobj")):
        return False  # "received money from", "welcomed the decision": a thing, not a visitor (but "his counterpart Aliyev" is one)
    if is_verb and lemma == "call" and any(c.lower_ in ("on", "upon", "for") and c.dep_ in ("prep", "prt") for c in tok.children):
        return False  # a demand, not a phone call
    if not is_verb and lemma == "call" and (tok.tag_ == "NNS" or any(c.dep_ in ("acl", "relcl") for c in tok.children)
                                            or sx.prep_objects(tok, "for")):
        return False  # "calls to send the tanks", "calls for restraint": demands, not phone calls
    if not is_verb and lemma == "conference" and any(c.lower_ in ("news", "press") for c in tok.children if c.dep_ in ("compound", "amod")):
        return False  # one side speaking to reporters
    return True


def _bare_phrase(noun: Token) -> set[int]:
    """A noun phrase without its prepositional phrases and clauses: "his counterpart Ilham Aliyev",
    not "a letter from Putin"."""
    out = {noun.i}
    for child in noun.children:
        if child.dep_ not in ("prep", "relcl", "acl", "punct", "cc", "conj"):
            out |= subtree(child)
    return out


def _has_the(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _habitual(ctx: DocContext, tok: Token) -> bool:
    sent = tok.sent
    return any(span.item.type == "SET" for span in ctx.timexes_in(range(sent.start, sent.end)))


def _leaders_for_states(ctx: DocContext, tok: Token, participants: list[str]) -> list[str]:
    """"India hosted Putin": beside a person, a state stands for its leader named nearby."""
    people = [p for p in participants if (e := ctx.kb.get(p)) is None or e.type == "person"]
    if not people:
        return participants
    sent = tok.sent
    lo = ctx.sp[max(0, sent.start - 1)].sent.start
    hi_token = min(len(ctx.sp) - 1, sent.end)
    hi = ctx.sp[hi_token].sent.end
    nearby = [s.item.entity_id for s in ctx.mentions_in(range(lo, hi), "person") if s.item.entity_id]
    out = []
    for p in participants:
        entity = ctx.kb.get(p)
        if entity is not None and entity.type == "state":
            leaders = [n for n in nearby if ctx.state_of_key(n) == p and n not in people]
            if leaders:
                ranked = sorted(dict.fromkeys(leaders), key=lambda n: -ctx.person_counts.get(n, 0))  # ties: the first named
                out.append(ranked[0])
                continue
        out.append(p)
    return list(dict.fromkeys(out))


def _participant_ref(ctx: DocContext, key: str) -> dict[str, str]:
    entity = ctx.kb.get(key)
    return entity.ref() if entity is not None else {"name": key}


def _participants(ctx: DocContext, tok: Token, governor: Token | None, is_verb: bool) -> tuple[list[str], list[str]]:
    tokens: set[int] = set()
    verb = governor
    if verb is not None and not (not is_verb and verb.lemma_.lower() in _COMMENTS):
        # (not whoever "attacked the visit": a commentator, not a participant)
        for s in sx.with_conjuncts(sx.subjects(verb)):
            tokens |= subtree(s)
        for o in sx.with_conjuncts(sx.children(verb, "dobj")):
            tokens |= subtree(o)
        for o in sx.prep_objects(verb, "with", "between", "to"):
            tokens |= subtree(o)
    for o in sx.prep_objects(tok, "with", "between", "of"):
        tokens |= subtree(o)
    for poss in sx.children(tok, "poss", "compound", "amod", "nmod"):
        tokens |= subtree(poss)
        if poss.lower_ in ("his", "her"):  # "her telephone conversation with Hun Sen": the one named before
            before = ctx.mentions_in(range(max(0, tok.sent.start - 40), poss.i), "person")
            if before:
                tokens |= set(before[-1].tokens())
    spans = ctx.mentions_in(tokens, "person", "state", "organisation")
    people: list[str] = []
    states: list[str] = []
    for span in spans:
        m = span.item
        if m.type == "person":
            key = m.entity_id or m.text
            if key not in people:
                people.append(key)
        elif m.type == "state" and m.entity_id and m.how not in ("origin", "stance") and not _private_people(ctx, span):
            if m.entity_id not in states:
                states.append(m.entity_id)
        elif m.type == "organisation" and m.entity_id:
            # "the RIC leaders", "a BRICS summit": a grouping stands for its members
            entity = ctx.kb.get(m.entity_id)
            members = entity.data.get("members") if entity is not None else None
            if members and len(members) <= 6:
                states.extend(x for x in members if x not in states)
    # a visit to a state: its host is a participant ("Modi visited Russia")
    if tok.lemma_ == "visit" and people and len(people) < 2:
        if tok.pos_ == "VERB":
            destinations = sx.children(tok, "dobj") + sx.prep_objects(tok, "to")
        else:  # "a visit to Russia", "paid a visit to Russia"; not "the visit angered China"
            destinations = sx.prep_objects(tok, "to") + (sx.prep_objects(governor, "to") if governor is not None else [])
        named_host = False
        for o in destinations:
            phrase = _own_phrase(o)  # "to the Kingdom, which resumed relations with Washington" is not to Washington
            state_mentions = ctx.mentions_in(phrase, "state")
            hosts = _states(ctx, state_mentions)
            for place in ctx.mentions_in(phrase, "place"):
                entity = ctx.kb.get(place.item.entity_id) if place.item.entity_id else None
                if entity is not None and entity.data.get("state"):
                    hosts.append(entity.data["state"])
            named_host = named_host or bool(state_mentions) or bool(hosts)
            hosts = [h for h in hosts if h != ctx.state_of_key(people[0])]
            if hosts:
                return people + hosts[:1], states
        if destinations and not named_host and not any(ctx.mentions_in(subtree(d), "person") for d in destinations):
            return people, []  # "visits to the Yasukuni Shrine": a place, not a host
    if len(people) == 1 and states:
        own = ctx.state_of_key(people[0])
        others = [s for s in states if s != own]
        if others:
            return people + others[:1], states
    return people, states


def _a_body_s_own(ctx: DocContext, noun: Token) -> bool:
    """"the EU summit", "a summit of the African Union": a large body's meeting, named with no one who meets in it.
    (A small grouping's summit, "the RIC summit", is a meeting of its members.)"""
    if sx.prep_objects(noun, "between", "with"):
        return False
    tokens = {t.i for c in noun.children if c.dep_ in ("compound", "poss", "nmod", "amod") for t in c.subtree}
    tokens |= {t for o in sx.prep_objects(noun, "of") for t in subtree(o)}
    for span in ctx.mentions_in(tokens, "organisation"):
        entity = ctx.kb.get(span.item.entity_id) if span.item.entity_id else None
        members = entity.data.get("members") if entity is not None else None
        if not members or len(members) > 6:
            return True
    return False


# People who are not their state: "Korean business leaders", "the Filipino community".
_PRIVATE = frozenset("business businessmen businesspeople businesswomen company companies firm firms executive executives "
                     "investor investors community communities diaspora student students worker workers journalist "
                     "journalists media industry industrialists entrepreneurs chaebol expatriates scholars academics "
                     "tourists fans".split())


def _private_people(ctx: DocContext, span: Any) -> bool:
    """A demonym that describes private people, not the state: "met with Korean business leaders"."""
    if span.item.how != "demonym":
        return False
    head = ctx.sp[span.last].head
    return head.lower_ in _PRIVATE or any(c.lower_ in _PRIVATE for c in head.children if c.dep_ in ("compound", "amod"))


def _held_by_a_body(ctx: DocContext, governor: Token | None) -> bool:
    """"The UN Security Council held an emergency meeting": a body met, not the article's leaders."""
    if governor is None:
        return False
    tokens = {t for s in sx.subjects(governor) for t in subtree(s)}
    return bool(ctx.mentions_in(tokens, "organisation")) and not ctx.mentions_in(tokens, "person", "state")


def _two_leaders(ctx: DocContext, tok: Token, have: list[str]) -> list[str]:
    """"the two leaders spoke": the people of the sentence, else the people the article is about."""
    sent = tok.sent
    sent_words = {t.lower_ for t in sent}
    count = next((n for w, n in _COUNT_WORDS.items() if w in sent_words), 0)
    if have:
        in_sentence = [s.item.entity_id for s in ctx.mentions_in(range(sent.start, sent.end), "person") if s.item.entity_id]
        have = list(dict.fromkeys(have + in_sentence))
    if count < 2 and have:
        return have
    people = ctx.top_persons(max(count, 2))
    merged = list(have)
    for p in people:
        if p not in merged:
            merged.append(p)
    return merged[: max(count, 2)]


_SIDELINES = {"sideline", "sidelines", "margin", "margins", "fringe", "fringes"}  # "side-lines" is three tokens


def _meeting_place(ctx: DocContext, tok: Token, governor: Token | None, anchors: set[int], *, remote: bool = False) -> dict[str, str] | None:
    nodes = [tok] + ([governor] if governor is not None and governor != tok else [])
    nodes += [ctx.sp[i] for i in sorted(anchors) if ctx.sp[i] not in nodes]
    for node in nodes:
        # "in Osaka", "at the Kremlin", and "on the sidelines of the G20 summit in Osaka"
        sidelines = [o for o in sx.prep_objects(node, "on") if o.lemma_.lower() in _SIDELINES
                     or (o.lemma_.lower() == "line" and any(c.lower_ == "side" for c in o.lefts))]
        for obj in sx.prep_objects(node, "in", "at", "to") + sidelines:
            # the place's own phrase: "a visit to Russia, which buys arms with Washington watching" is not to Washington
            phrase = _own_phrase(obj)
            places = ctx.mentions_in(phrase, "place")
            if places:
                return ctx.ref(places[0].item)
            states = ctx.mentions_in(phrase, "state")
            for s in states:
                if s.item.place_id:
                    entity = ctx.kb.get(s.item.place_id)
                    if entity is not None:
                        return entity.ref()
    # "a meeting … on the sidelines of the G20 summit in Osaka": a place anywhere in the meeting's phrase
    places = ctx.mentions_in({t.i for t in tok.subtree}, "place")
    if places and not tok.pos_ == "VERB":
        return ctx.ref(places[0].item)
    dateline = None if remote else ctx.dateline_place()  # a phone call has no one place
    if dateline is not None and tok.i < ctx.sp[min(len(ctx.sp) - 1, 60)].sent.end:
        return ctx.ref(dateline.item)  # "NEW DELHI (AP) - Modi met Putin on Monday": the meeting is where the story is filed
    return None


# -- trade -----------------------------------------------------------------------------------


# Nouns that "trade" may modify and still be the trade between states: "trade volume", "trade ties".
_TRADE_FLOWS = {"volume", "turnover", "flow", "tie", "relation", "exchange", "figure", "value"}
# Adjectives of a market session: "in early trade", "in heavy trade".
_MARKET_SESSION = {"early", "late", "morning", "afternoon", "midday", "overnight", "heavy", "light", "thin", "brisk",
                   "active", "quiet", "choppy", "volatile", "sluggish", "nervous", "electronic"}


# Modifiers of one state's trade with the world, not between two: "foreign trade", "total turnover".
_ONE_SIDED = {"foreign", "total", "overall", "external", "global", "world", "international", "process", "processing", "retail"}
# Words of a stock exchange's report.
_MARKET_WORDS = {"shares", "stocks", "equities", "securities", "bourse", "index", "composite", "points", "barrel",
                 "crude", "futures", "ounce", "nikkei", "nasdaq"}
# Less than this is a price, not the trade between two states.
_LEAST_TRADE_USD = 1_000_000


def _reach_tense(verb: Token) -> str:
    """"trade volume reaching $11.5 billion last year": a participle has its clause's tense."""
    if verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        governor = sx.governing_verb(verb)
        if governor is not None and governor != verb:
            return sx.tense(governor)
    return sx.tense(verb)


def trade(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["trade"]
    if not sx.noun_like(tok) or tok.lemma_.lower() not in lex["nouns"] or sx.negated(tok):
        return []
    if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() not in _TRADE_FLOWS:
        return []  # "a trade surplus", "trade officials signed …": not the trade between two states
    if any(c.lower_ in _MARKET_SESSION for c in tok.children if c.dep_ in ("amod", "compound")):
        return []  # "shares surged in early trade": a market session
    if any(c.lower_ in _ONE_SIDED for c in tok.children if c.dep_ in ("amod", "compound")):
        return []  # "China's foreign trade", "total turnover": one state's trade with the world
    sent = tok.sent
    if {t.lower_ for t in sent} & _MARKET_WORDS:
        return []  # "market turnover was 1.4 billion shares worth …": a stock exchange's day
    if _owed(tok):
        return []  # "the $800 million it owes Hungary from trade under Comecon": a debt, not a year's trade
    money = [m for m in ctx.amounts_in(range(sent.start, sent.end), "money") if not m.item.usd or m.item.usd >= _LEAST_TRADE_USD]
    if not money:
        return []
    mods = {t.lower_ for t in tok.lefts}
    kind = "defense_trade" if mods & set(lex["defence_words"]) else "bilateral_trade"
    targets = set(lex["target_words"]) - {"reach", "expect"}
    words = {t.lemma_.lower() for t in sent}
    # "set a goal of reaching $30 billion" is a target; "trade reached $150 billion" is a fact
    reach_future = any(t.lemma_ in _REACH and _reach_tense(t) in _AHEAD_TENSES for t in sent)
    sentence_status = "target" if words & targets or reach_future else "actual"
    # "$30 billion in bilateral trade and $50 billion in investment": the figure the word hangs on
    attached = [m for m in money if sx.path_to(tok, set(m.tokens()), hops=3)]
    main = (attached or sorted(money, key=lambda s: min(abs(s.first - tok.i), abs(s.last - tok.i))))[0]
    parties = _parties_from(ctx, set(range(sent.start, sent.end)))
    if len(parties) < 2:
        parties = _context_parties(ctx, tok)
    # "was worth $26 billion last year, and they aim to raise it to $100 billion": a fact and a target
    figures = [(main, _figure_status(ctx, main, targets) or (sentence_status if len(money) == 1 else "actual"))]
    for other in money:
        status = _figure_status(ctx, other, targets)
        if other is not main and status and status != figures[0][1] and _restates_trade(ctx, other, tok):
            figures.append((other, status))
    mentions = []
    for figure, status in figures:
        roles: dict[str, Any] = {"parties": [ctx.state_ref(p) for p in parties[:2]], "kind": kind, "status": status}
        if figure.item.usd:
            roles["value_usd"] = float(figure.item.usd)
        date = _figure_date(ctx, figure, money, sent)
        if date:
            roles["date"] = date
        mentions.append(Mention("trade", roles, _sent_span(tok), _char_span(tok), 0.7))
    return mentions


_DEBT = {"owe", "debt", "repay", "repayment", "arrear", "arrears", "loan", "lieu"}


def _owed(tok: Token) -> bool:
    node = tok
    for _ in range(4):
        if node.lemma_.lower() in _DEBT:
            return True
        if node.head == node:
            break
        node = node.head
    return False


_CLAUSES = ("advcl", "conj", "ccomp", "relcl", "parataxis")
_REACH = ("reach", "hit", "touch", "double", "triple", "raise", "increase", "boost", "lift")
_AHEAD_TENSES = ("future", "possible", "intended", "infinitive", "none")


def _figure_status(ctx: DocContext, figure: Span, targets: set[str]) -> str | None:
    """"target" when the figure's own chain of heads names an aim ("aim to raise it to $100 billion",
    "a goal of reaching $30 billion"), "actual" when it reaches a past verb first, else None."""
    chain = [ctx.sp[figure.last]]
    while len(chain) < 7 and chain[-1].head != chain[-1] and chain[-1].dep_ not in _CLAUSES:
        chain.append(chain[-1].head)  # up to the head of the figure's own clause
    if any(t.lemma_.lower() in targets or (t.lemma_.lower() in _REACH and _reach_tense(t) in _AHEAD_TENSES) for t in chain):
        return "target"
    if any(t.pos_ in ("VERB", "AUX") and sx.tense(t) in ("past", "perfect") for t in chain):
        return "actual"
    return None


def _restates_trade(ctx: DocContext, figure: Span, trade: Token) -> bool:
    """Whether a second figure is about the same trade: its verb takes the trade, or "it", as object."""
    node = ctx.sp[figure.last]
    for _ in range(4):
        if node.pos_ == "VERB":
            return any(o == trade or o.lower_ in ("it", "this", "that") or o.lemma_.lower() in _TRADE_FLOWS
                       for o in sx.children(node, "dobj", "nsubj", "nsubjpass"))
        if node.head == node:
            return False
        node = node.head
    return False


def _figure_date(ctx: DocContext, figure: Span, money: list[Span], sent: Any) -> str | None:
    """The date nearest the figure, of the dates no other figure is nearer to: "to 15 billion
    dollars in 2019", "by the end of 2025"."""
    def distance(span: Span, fig: Span) -> int:
        # "from nearly zero in 2008 to 15 billion dollars in 2019": the date follows its figure
        return (span.first - fig.last) if span.first > fig.last else (fig.first - span.last) + 10
    best = None
    for span in ctx.timexes_in(range(sent.start, sent.end)):
        value = calendar_value(span.item)
        if not value:
            continue
        mine = distance(span, figure)
        if any(distance(span, other) < mine for other in money if other is not figure):
            continue
        if best is None or mine < best[0]:
            best = (mine, value)
    return best[1] if best else None
