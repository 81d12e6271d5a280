"""Armed clashes, sanctions and deployments."""

from __future__ import annotations

import re
from typing import Any

from newsledger.events import syntax as sx
from newsledger.events.context import DocContext, calendar_value, named_as_where, subtree
from newsledger.events.extract import (Mention, _actor_mentions, _bounds, _char_span, _date_for, _sent_span, _states,
                                       lexicon, sends_to_a_place)

Token = Any

_VIOLENT = re.compile(r"\b(?:deadly|bloody|violent|fatal|killed|dead|died|casualties|wounded|injured|fire|firing|shots)\b", re.I)
_POSSESSIVES = {"its", "their", "his", "her"}


def _trigger(tok: Token, lex: dict[str, Any], *, hypotheticals: bool = True) -> tuple[str, bool] | None:
    """(lemma, is_verb) when `tok` is one of the type's trigger words, reported as real."""
    lemma = tok.lemma_.lower()
    is_verb = tok.pos_ == "VERB"
    if not ((is_verb and lemma in lex["verbs"]) or (tok.pos_ == "NOUN" and lemma in lex["nouns"])):
        return None
    if sx.negated(tok) or (hypotheticals and sx.hypothetical(tok)):
        return None
    return lemma, is_verb


# -- armed clashes ---------------------------------------------------------------------------


def armed_clash(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["armed_clash"]
    found = _trigger(tok, lex)
    if found is None:
        return []
    lemma, is_verb = found
    sent = tok.sent
    if is_verb and tok.dep_ == "amod":
        return []  # "clashing interests in Syria": a participle describing, not a clash
    if not is_verb and tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return []  # "ground-attack jets", "attack helicopters", "war crimes": a kind of thing, not a clash
    if {t.lower_ for t in sent} & _SPORT:
        return []  # "a final clash with his biggest rival Zhang Lin of China", "China-Japan clashes in the finals"
    if lemma == "exchange" and not any(o.lemma_ in _FIRE for o in sx.prep_objects(tok, "of")):
        return []  # "an exchange of fire", not of views or prisoners
    resumed = bool(ctx.clash_sides) and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    if lemma in _NEEDS_ARMS and not _VIOLENT.search(sent.text) and not _armed_words(sent) and not resumed:
        return []  # "Denmark will fight to the last for its resolution", "a legal battle"; not "the fighting" named before
    if any(c.dep_ in ("compound", "amod") and c.lower_ in _NOT_ARMED for c in tok.children):
        return []  # "a sex attack blamed on a navy officer", "a cyber attack", "a verbal attack"
    if lemma == "fight" and any(c.dep_ == "dobj" for c in tok.children):
        objects = {t.i for c in tok.children if c.dep_ == "dobj" for t in c.subtree}
        if not ctx.mentions_in(objects, "state", "organisation"):
            return []  # "fighting terrorism", "fighting the pandemic"
    governor = tok if is_verb else sx.governing_verb(tok)
    if lemma in _CAMPAIGNS:
        if not is_verb and tok.dep_ == "pobj" and tok.head.lower_ == "since":
            return []  # "the fiercest fighting since their 2020 war": a time anchor, not the war reported
        parties, actors = _campaign_sides(ctx, tok, is_verb, governor)
    else:
        # the sides: named by the trigger's own phrase, its verb's subjects or the sentence's subject
        tokens = {t.i for t in tok.subtree}
        for verb in (governor, sent.root):
            if verb is not None:
                tokens |= {t.i for s in sx.with_conjuncts(sx.subjects(verb)) for t in s.subtree}
        if governor is not None and governor != tok:  # "killed in the conflict on the border with Azerbaijan"
            tokens |= {t.i for o in sx.prep_objects(governor, "with", "between", "against") for t in o.subtree}
        actors = ctx.mentions_in(tokens, "state", "person", "organisation")
        parties = _states(ctx, actors)
    if len(parties) < 2 and ctx.clash_sides and set(parties) <= set(ctx.clash_sides) \
            and not any(m.item.type == "organisation" for m in actors):
        parties = ctx.clash_sides  # "The fighting began on 14 September": the sides named before
    if len(parties) < 2:
        return []
    ctx.clash_sides = parties[:2]
    roles: dict[str, Any] = {"parties": [ctx.state_ref(p) for p in parties[:2]]}
    place = ctx.mentions_in(range(sent.start, sent.end), "place")
    if place:
        roles["place"] = ctx.ref(place[0].item)
    anchors = {tok.i} | ({governor.i} if governor is not None else set())
    date, _ = _date_for(ctx, anchors, sent)
    if date is None:
        # the parse did not link them: a date beside the trigger, else the sentence's only date
        # ("In November 2021 a quarrel over a road led to clashes", however it is parsed)
        dated = [(span, value) for span in ctx.timexes_in(range(sent.start, sent.end))
                 if (value := calendar_value(span.item)) and not _bounds(ctx.sp[span.first], anchors)]
        own = subtree(tok)
        near = [value for span, value in dated
                if span.first in own or span.last == tok.i - 1 or abs(span.first - tok.i) <= 3]
        date = near[0] if near else dated[0][1] if len(dated) == 1 else None
    if date:
        roles["date"] = date
    return [Mention("armed_clash", roles, _sent_span(tok), _char_span(tok), 0.7)]


# One side's campaign against another: its sides are who wages it and on whom, not whoever the sentence is about
# ("Trump sanctioned two ministries over Turkey's offensive in Syria" names no side in Trump).
_CAMPAIGNS = {"war", "offensive", "assault", "invasion", "airstrike", "bombardment", "shelling", "invade", "bomb"}
# Verbs whose subject wages the campaign they take as object: "Georgia launched an assault".
_WAGE = {"launch", "wage", "mount", "start", "begin", "fight", "conduct", "carry", "escalate", "continue", "order",
         "step", "unleash", "declare", "open", "resume"}


def _campaign_sides(ctx: DocContext, tok: Token, is_verb: bool, governor: Token | None) -> tuple[list[str], list[Any]]:
    """Who wages a campaign, then on whom: "Russia invaded Ukraine", "the US and British invasion of Iraq" (the
    United States and Iraq), "Georgia launched an assault on South Ossetia", "Iran's war with Iraq"."""
    if is_verb:
        waging = {t.i for s in sx.with_conjuncts(sx.subjects(tok)) for t in s.subtree}
        facing = {t.i for o in sx.with_conjuncts(sx.children(tok, "dobj")) for t in o.subtree}
        facing |= {t.i for o in sx.prep_objects(tok, "on", "against", "into") for t in o.subtree}
    else:
        waging = {t.i for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") for t in c.subtree}
        facing = {t.i for o in sx.prep_objects(tok, "against", "on", "of", "with", "between", "into") for t in o.subtree}
        if governor is not None and governor.lemma_.lower() in _WAGE and tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
            waging |= {t.i for s in sx.with_conjuncts(sx.subjects(governor)) for t in s.subtree}
            facing |= {t.i for o in sx.prep_objects(governor, "against", "on", "with", "into") for t in o.subtree}
    waged, faced = (ctx.mentions_in(tokens, "state", "person", "organisation") for tokens in (waging, facing))
    # "against Kurdish fighters in Syria": a state named as where it is fought is not whom it is fought against
    faced = [m for m in faced if not named_as_where(ctx, m)]
    sides = _states(ctx, waged)
    targets = [s for s in _states(ctx, faced) if s not in sides]
    return ([sides[0], targets[0]] if sides and targets else sides + targets), waged + faced


# What an "exchange of …" exchanges when it is a clash (not views, prisoners or notes).
_FIRE = {"fire", "gunfire", "shot", "artillery", "rocket", "missile", "blow"}
# Modifiers that make an attack or a fight something other than armed force between sides.
_NOT_ARMED = frozenset("sex sexual knife acid arson heart panic asthma dog shark cyber verbal personal legal "
                       "political rhetorical price trade cold currency tariff propaganda media culture bidding charm "
                       "diplomatic information".split())


# Words of sport, where states "clash" in finals.
_SPORT = frozenset("final finals semifinal semi-final quarterfinal quarter-final medal medals tournament championship "
                   "championships match olympics olympic league cup freestyle coach goalkeeper striker cricket football "
                   "soccer rugby hockey tennis basketball volleyball innings wicket wickets batsman bowler fixture "
                   "fans".split())
# Triggers that are as often figurative: an armed clash only beside words of violence or arms.
_NEEDS_ARMS = {"standoff", "confrontation", "face-off", "incursion", "attack", "fight", "fighting", "battle", "conflict",
               "war", "offensive", "assault", "bomb"}
_ARMED_WORDS = frozenset("troops soldiers military army forces border rebels militants insurgents guerrillas militia "
                         "fighters artillery tanks shelling airstrikes navy warships".split())


def _armed_words(sent: Any) -> bool:
    return any(t.lower_ in _ARMED_WORDS for t in sent)


def casualties(ctx: DocContext, tok: Token) -> list[Mention]:
    """"20 of its soldiers were killed": the dead of one side, for the clash the article reports."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon()["armed_clash"]["killed_verbs"] or sx.negated(tok):
        return []
    victims = {t.i for s in sx.subjects(tok) for t in s.subtree} | {t.i for o in sx.children(tok, "dobj") for t in o.subtree}
    number = _number_in(ctx, victims)
    if number is None:
        return []
    side = None
    states = _states(ctx, ctx.mentions_in(victims, "state"))
    if states:
        side = states[0]
    elif any(ctx.sp[i].lower_ in _POSSESSIVES for i in victims):
        # "India said 20 of its soldiers were killed": "its" is the speaker
        speaker = tok.head if tok.dep_ in ("ccomp", "conj") else None
        while speaker is not None and speaker.dep_ in ("ccomp", "conj") and speaker.head is not speaker:
            speaker = speaker.head
        if speaker is not None:
            said = _states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(speaker) for t in s.subtree}))
            side = said[0] if said else None
    if side is None:
        return []
    roles = {"killed": {side: number}}
    return [Mention("armed_clash", roles, _sent_span(tok), _char_span(tok), 0.5, anaphoric=True)]


def _number_in(ctx: DocContext, tokens: set[int]) -> int | None:
    """The number of people in "20 of its soldiers", "twenty Indian soldiers"."""
    from newsledger.amounts._numbers import words_value

    for i in sorted(tokens):
        token = ctx.sp[i]
        if token.like_num and token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
            text = token.text.replace(",", "")
            value = float(text) if text.replace(".", "", 1).isdigit() else words_value(token.lower_)
            if value:
                return int(value)
    return None


# -- sanctions -------------------------------------------------------------------------------


# Verbs that ask for what follows without making it happen: "urged Moscow to lift the sanctions".
_DEMAND = {"urge", "demand", "call", "ask", "want", "press", "seek", "insist", "request", "appeal", "push", "lobby",
           "hope", "support", "favour", "favor", "advocate", "propose"}


def _only_demanded(lift: Token) -> bool:
    """A lifting that is asked for, hoped for or made a condition, not done."""
    if lift.pos_ == "VERB" and sx.tense(lift) in ("future", "possible", "intended", "infinitive"):
        return True
    node = lift
    for _ in range(3):
        if node.head == node:
            return False
        if node.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl") and node.head.lemma_.lower() in _DEMAND:
            return True
        if node.head.lemma_.lower() in ("supporter", "proponent", "advocate", "call", "demand"):
            return True
        node = node.head
    return False


def sanction(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["sanction"]
    found = _trigger(tok, lex, hypotheticals=False)  # "could face sanctions" is a threat, not a non-event
    if found is None:
        return _measure(ctx, tok, lex)
    lemma, is_verb = found
    if is_verb and _approved(tok, lex):
        return []  # "the Senate sanctioned the sale", "the purchase was sanctioned by the cabinet": approval
    if lemma == "penalty" and (any(c.lower_ in ("death", "capital") for c in tok.children) or tok.dep_ == "compound"):
        return []  # "faces the death penalty", "a penalty kick": no measure of one state against another
    sent = tok.sent
    words = {t.lemma_.lower() for t in sent}
    lifts = [t for t in sent if t.lemma_.lower() in lex["lift_words"]]
    if lifts and all(_only_demanded(t) for t in lifts):
        status = "imposed"  # "urging Moscow to lift the sanctions": in force, their end only asked for
    elif lifts and not words & {"threat", "threaten"}:
        status = "lifted"
    elif words & set(lex["threat_words"]):
        status = "threatened"
    elif is_verb and sx.tense(tok) in ("future", "possible", "intended"):
        status = "threatened"
    else:
        status = "imposed"
    sender = target = None
    instrument = None
    laws = ctx.mentions_in(range(sent.start, sent.end), "law")
    if laws:
        instrument = laws[0]
        entity = ctx.kb.get(instrument.item.entity_id) if instrument.item.entity_id else None
        sender = entity.data.get("state") if entity is not None else None
    governor = tok if is_verb else sx.governing_verb(tok)
    # the sender: "US sanctions", "sanctions from Washington", "threats from Washington"
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            states = _states(ctx, ctx.mentions_in(subtree(child), "state", "person", "organisation"), blocs=True)
            if states:
                sender = states[0]
    if sender is None:
        for node in [tok, governor] + [t for t in sent if t.lemma_ in ("threat", "pressure", "warning")]:
            if node is None:
                continue
            for obj in sx.prep_objects(node, "from", "by"):
                states = _states(ctx, _actor_mentions(ctx, subtree(obj)), blocs=True)
                if states:
                    sender = states[0]
                    break
    if sender is None and governor is not None and (is_verb or governor.lemma_.lower() in lex["impose_words"] + lex["lift_words"]):
        # "The United States imposed sanctions on …", "Washington sanctioned …"
        subj = _states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(governor) for t in s.subtree}), blocs=True)
        sender = subj[0] if subj else None
    if sender is None and status == "threatened":
        # "Washington has asked its partners … to avoid possible sanctions": the one who warns
        root_subjects = _states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(sent.root) for t in s.subtree}), blocs=True)
        sender = root_subjects[0] if root_subjects else None
    # the target: "anti-Tehran sanctions", "sanctions on Turkey", "sanctioned Turkey"; under a threat, whoever is threatened
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and target is None:
            against = [m for m in ctx.mentions_in(subtree(child), "state") if m.item.how == "stance"
                       and ctx.doc.text[max(0, m.item.start - 5):m.item.start].lower().endswith("anti-")]
            target = ctx.state_of(against[0].item) if against else None
    if status == "threatened" and target is None:
        root = sent.root
        subj = _states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(root) for t in s.subtree}))
        target = next((s for s in subj if s != sender), None)
    also: list[str] = []
    if target is None:
        objects = sx.prep_objects(tok, "on", "against") + (sx.children(tok, "dobj") if is_verb else [])
        if governor is not None and governor != tok:
            objects += sx.prep_objects(governor, "on", "against")
        for obj in objects:
            # "penalties against governments that buy arms from Russia": Russia is not the target
            sellers = {t.i for p in obj.subtree if p.dep_ == "prep" and p.lower_ == "from" for t in p.subtree}
            states = _states(ctx, _actor_mentions(ctx, subtree(obj) - sellers))
            if states:
                target = states[0]
                # "an arms embargo on Ethiopia and Eritrea": one on each
                listed = {i for c in sx.with_conjuncts([obj]) for i in sx.head_phrase(c)}
                also = [x for x in _states(ctx, _actor_mentions(ctx, listed)) if x != target]
    confidence = {"target": 0.85}
    if target is None or target == sender:
        fallback = ctx.top_states(1, exclude={sender} if sender else set())
        target = fallback[0] if fallback else None
        confidence["target"] = 0.5
    if sender is None or target is None:
        return []
    roles: dict[str, Any] = {"sender": ctx.state_ref(sender), "target": ctx.state_ref(target), "status": status}
    if instrument is not None:
        roles["instrument"] = ctx.ref(instrument.item)
    return [Mention("sanction", {**roles, "target": ctx.state_ref(t)}, _sent_span(tok), _char_span(tok), 0.65, confidence)
            for t in [target] + [x for x in also if x != sender]]



def _approved(verb: Token, lex: dict[str, Any]) -> bool:
    """Whether "sanction" means approve: what it takes is a sale, a plan or a budget, not a party."""
    taken = sx.children(verb, "dobj", "nsubjpass")
    # "sanctioned, by 81 votes against 18, the sale of …": the parser may hang the object as an apposition
    taken += [t for t in verb.subtree if t.dep_ == "appos" and t.i > verb.i]
    return any(t.lemma_.lower() in lex["approved_things"] for t in taken)


# -- deployments -----------------------------------------------------------------------------


def deployment(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["deployment"]
    found = _trigger(tok, lex)
    if found is None:
        return []
    lemma, is_verb = found
    if lemma in lex["sending"] and not sends_to_a_place(ctx, tok):
        return []  # "sent 200 T-72 tanks to Ukraine": a transfer
    scope: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "prep", "compound", "poss"):
            scope |= subtree(child)
    items = ctx.mentions_in(scope, "weapon_system")
    if not items:
        return []
    actor = None
    subj = _states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(tok) for t in s.subtree})) if is_verb else []
    if subj:
        actor = subj[0]
    for obj in sx.prep_objects(tok, "by"):
        states = _states(ctx, _actor_mentions(ctx, subtree(obj)))
        if states:
            actor = states[0]
    if actor is None:
        top = ctx.top_states(1)
        actor = top[0] if top else None
    if actor is None:
        return []
    roles: dict[str, Any] = {"actor": ctx.state_ref(actor), "item": ctx.ref(items[0].item)}
    holders = [tok] + sx.children(tok, "dobj", "nsubjpass")  # "deployed its S-400 missiles in Ngari"
    for obj in [o for h in holders for o in sx.prep_objects(h, "in", "at", "near", "along", "to", "on", "into")]:
        if ctx.timexes_in(subtree(obj)):
            continue  # "At the end of August": when, not where
        places = ctx.mentions_in(subtree(obj), "place")
        if places:
            roles["place"] = ctx.ref(places[0].item)
            break
        phrase = " ".join(ctx.sp[i].text for i in sorted(sx.head_phrase(obj)) if ctx.sp[i].lower_ not in ("the", "a"))
        roles["place"] = {"name": phrase}
        break
    date, _ = _date_for(ctx, {tok.i}, tok.sent)
    if date:
        roles["date"] = date
    return [Mention("deployment", roles, _sent_span(tok), _char_span(tok), 0.65)]


def _measure(ctx: DocContext, verb: Token, lex: dict[str, Any]) -> list[Mention]:
    """A measure one state takes against another without the word "sanction": "Algeria closed its
    airspace to Moroccan aircraft", "Cambodia prohibited the import of Thai fruits"."""
    measures = lex["measures"]
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in measures["verbs"] or sx.negated(verb) or sx.hypothetical(verb):
        return []
    objects = sx.children(verb, "dobj", "nsubjpass")
    instrument = next((measures["objects"][o.lemma_.lower()] for o in objects if o.lemma_.lower() in measures["objects"]), None)
    if instrument is None:
        return []
    senders = _states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(verb) for t in s.subtree}), blocs=True)
    if not senders:
        return []
    aimed = {t.i for o in objects for t in o.subtree}
    aimed |= {t.i for o in sx.prep_objects(verb, "to", "for", "from", "on", "against") for t in o.subtree}
    targets = [s for s in _states(ctx, ctx.mentions_in(aimed, "state", "person", "organisation")) if s != senders[0]]
    if not targets:
        return []
    status = "threatened" if sx.tense(verb) in ("future", "possible", "intended") else "imposed"
    roles: dict[str, Any] = {"sender": ctx.state_ref(senders[0]), "target": ctx.state_ref(targets[0]), "status": status,
                             "instrument": {"name": instrument}}
    return [Mention("sanction", roles, _sent_span(verb), _char_span(verb), 0.6)]
