"""Sentence-level event mentions: triggers from the lexicon, roles from the parse and the KB.

Each handler looks at one trigger token and returns the event mentions it
reports (an arms transfer with three systems on different sides of a list can
be several). `merge.py` then folds the mentions of one real event into one
document-level event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from newsledger.amounts import to_usd
from newsledger.events import syntax as sx
from newsledger.events.context import DocContext, Span, calendar_value, subtree

Token = Any

_DELIVERY_WORDS = {"deliver", "delivery", "supply", "ship", "shipment", "arrive", "unload", "land", "receive", "induct", "commission", "transfer", "send"}
# a supplier read from the knowledge base (where the system is made), not from the text
KB_ORIGIN_CONFIDENCE = 0.5  # still enough to decide a fused fact (fusion.compat), not to split an article's mentions
_REMOVAL = {"remove", "expel", "exclude", "suspend", "eject", "bar"}
_PARTS = {"part", "spare", "spares", "component", "ammunition", "munition", "upgrade", "maintenance", "equipment", "kit", "kits", "assembly"}
_ON_THE_WAY = re.compile(r"\b(?:on (?:its|their) way|under ?way|in progress|ongoing|continuing|begun|started)\b", re.I)
_LICENCE = re.compile(r"\b(?:licen[cs]e|licen[cs]ed|locally|indigenous|in-country|make in india|joint venture|co-produc|transfer of technology)\b", re.I)


@cache
def lexicon() -> dict[str, Any]:
    text = resources.files("newsledger").joinpath("data/triggers.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(slots=True)
class Mention:
    """One sentence's report of an event, before merging."""

    type: str
    roles: dict[str, Any]
    sentence: tuple[int, int]  # char span of the sentence
    trigger: tuple[int, int]
    confidence: float
    role_confidence: dict[str, float] = field(default_factory=dict)
    anaphoric: bool = False  # "the deliveries" with no item: an update of an event named before
    kind: str | None = None  # what an anaphor calls the goods ("the tank contract"): its antecedent's kind
    additional: bool = False  # "six more Rafale", "another 12 jets": an order beside the one named before


def _char_span(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def _sent_span(tok: Token) -> tuple[int, int]:
    s = tok.sent
    return s.start_char, s.end_char


# -- shared role finders ---------------------------------------------------------------------


_BLOCS = ("intergovernmental", "grouping")


def _states(ctx: DocContext, spans: list[Span], *, blocs: bool = False) -> list[str]:
    """The states the mentions stand for; not a stance towards one ("anti-Syrian"). With `blocs`,
    also blocs that act as one ("the European Union imposed sanctions")."""
    out: list[str] = []
    for span in spans:
        if span.item.how == "stance":
            continue
        state = ctx.state_of(span.item)
        if state is None and blocs and span.item.entity_id:
            entity = ctx.kb.get(span.item.entity_id)
            if entity is not None and entity.type == "organisation" and entity.data.get("kind") in _BLOCS:
                state = entity.id
        if state and state not in out:
            out.append(state)
    return out


def _actor_mentions(ctx: DocContext, tokens: set[int]) -> list[Span]:
    """States, people and organisations among tokens (not weapons, places or laws; not a dateline's
    city, which the parser may hang inside the subject: "BELGRADE - Six transport aircraft …")."""
    return [s for s in ctx.mentions_in(tokens, "state", "person", "organisation")
            if s.item.how not in ("origin", "stance") and s.first not in ctx.dateline]


def _date_for(ctx: DocContext, anchors: set[int], sent: Any, trigger: int | None = None) -> tuple[str | None, Span | None]:
    """The date attached to the trigger (a time expression whose head chain reaches it;
    along a list for free: "bought jets, helicopters and rifles in 2003")."""
    for free in ((), ("conj",)):
        found = []
        for span in ctx.timexes_in(range(sent.start, sent.end)):
            value = calendar_value(span.item)
            if value and sx.path_to(ctx.sp[span.first], anchors, hops=4, free=free) and not _bounds(ctx.sp[span.first], anchors):
                hops, reached = _hops(ctx.sp[span.first], anchors)
                found.append((_other_clause(ctx.sp[span.first], anchors), hops, reached != trigger, span.first,
                              value, span))
        if found:
            # the nearest by the parse, the trigger's own first: "ordered the S-400 in October 2018,
            # after Modi met Putin in May" dates the meeting to May, though October comes first; a date
            # of another verb joined to the trigger's comes last ("began on 14 September and turned on
            # Friday into battles")
            *_, value, span = min(found, key=lambda f: f[:4])
            return value, span
    return _when_clause_date(ctx, anchors, sent)


def _when_clause_date(ctx: DocContext, anchors: set[int], sent: Any) -> tuple[str | None, Span | None]:
    """"since 28 May, when an exchange of fire killed a soldier": a clause opened by "when"
    on a date is dated by it, whatever the date bounds outside."""
    for i in sorted(anchors):
        node = ctx.sp[i]
        for _ in range(4):
            if node.dep_ == "relcl" and any(c.lower_ == "when" for c in node.children):
                for span in ctx.timexes_in(range(sent.start, sent.end)):
                    if node.head.i in span.tokens() and (value := calendar_value(span.item)):
                        return value, span
                break
            if node.head == node:
                break
            node = node.head
    return None, None


def _hops(token: Token, anchors: set[int]) -> tuple[int, int]:
    """Steps up from a token to the first of the anchors, and which anchor that is."""
    node, n = token, 0
    while node.i not in anchors and node.head != node and n < 30:
        node, n = node.head, n + 1
    return n, node.i


def _other_clause(token: Token, anchors: set[int]) -> bool:
    """Whether a token reaches the anchors only through a verb conjoined to them."""
    node = token
    for _ in range(30):
        if node.i in anchors or node.head == node:
            return False
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and node.head.i in anchors:
            return True
        node = node.head
    return False


_BOUNDS = {"since", "until", "till", "before", "after", "following"}


def _bounds(token: Token, anchors: set[int]) -> bool:
    """Whether a time expression only bounds the event ("the fiercest fighting since their 2020
    war", "the first delivery since 2019"): its way to the trigger crosses "since", "before", …"""
    node = token
    for _ in range(8):
        if node.i in anchors or node.head == node:
            return False
        if node.lower_ in _BOUNDS and node.dep_ == "prep":
            return True
        if any(c.dep_ == "mark" and c.lower_ in _BOUNDS for c in node.children) and node.dep_ == "advcl":
            return True  # "… since Russia invaded Ukraine in February"
        node = node.head
    return False


def after_publication(ctx: DocContext, timex: Any) -> bool:
    """Whether a time expression lies after the publication date ("next week", "early next year")."""
    if ctx.doc.published is None:
        return False
    start = timex_start(timex.value)
    return start is not None and start > ctx.doc.published.first_day()


def timex_start(value: str) -> Any:
    import datetime as dt

    try:
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1)
        parts = value.split("T")[0].split("-")
        if parts[0].isdigit() and len(parts[0]) == 4:
            month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
            day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
            return dt.date(int(parts[0]), month, day)
    except ValueError:
        return None
    return None


def _future_dates(ctx: DocContext, sent: Any) -> list[tuple[str, Span]]:
    published = ctx.doc.published.value if ctx.doc.published else None
    found = []
    for span in ctx.timexes_in(range(sent.start, sent.end)):
        value = calendar_value(span.item)
        if value and published and value[: len(published)] > published[: len(value)]:
            found.append((value, span))
    return found


def _money(ctx: DocContext, anchors: set[int], sent: Any, year: int | None = None) -> float | None:
    """The price hanging on the anchors, in USD; at the rate of `year` (the deal's) where given:
    "India signed in 2016 for 36 aircraft for 7.87 billion euros" takes 2016's rate, whenever reported."""
    for span in ctx.amounts_in(range(sent.start, sent.end), "money"):
        amount = span.item
        if amount.usd is None:
            continue
        if any(sx.path_to(ctx.sp[i], anchors, hops=4) for i in span.tokens()):
            if year and amount.fx_year and year != amount.fx_year and amount.value and amount.unit:
                converted = to_usd(float(amount.value), amount.unit, year)
                if converted is not None:
                    return float(converted[0])
            return float(amount.usd)
    return None


def _quantity(ctx: DocContext, item: Span) -> int | None:
    for span in ctx.amounts:
        amount = span.item
        if amount.kind == "count" and amount.value and not amount.vague and span.first <= item.first <= span.last + 1:
            return int(amount.value)
    return None


def _status_from_tense(lemma_status: str, tense: str) -> str:
    if lemma_status == "licensed_production":
        return lemma_status
    if tense in ("future", "intended", "possible", "infinitive"):
        return "planned"
    if tense == "progressive" and lemma_status in ("delivered", "ordered"):
        return "in_delivery"
    return lemma_status


def fallback_state(ctx: DocContext, tok: Token, exclude: set[str]) -> tuple[str | None, str]:
    """The state a sentence is about when the trigger's own arguments do not say.

    In order: the subject of the sentence's main verb; the subject of the previous
    sentence; the state the article names most. (Any other state in the sentence is
    as likely the rival as the buyer: "critical for the balance of power with China".)
    """
    sent = tok.sent
    root_subjects = {t.i for s in sx.with_conjuncts(sx.subjects(sent.root)) for t in s.subtree}
    for state in _states(ctx, _actor_mentions(ctx, root_subjects)):
        if state not in exclude:
            return state, "sentence"
    if sent.start > 0:
        previous = ctx.sp[sent.start - 1].sent
        before = {t.i for s in sx.with_conjuncts(sx.subjects(previous.root)) for t in s.subtree}
        for state in _states(ctx, _actor_mentions(ctx, before)):
            if state not in exclude:
                return state, "context"
    top = ctx.top_states(1, exclude=exclude)
    return (top[0], "context") if top else (None, "none")


# -- arms transfers --------------------------------------------------------------------------


def arms_transfer(ctx: DocContext, tok: Token) -> list[Mention]:
    lex = lexicon()["arms_transfer"]
    is_verb = tok.pos_ == "VERB"
    if is_verb and tok.lemma_.lower() == "cost":
        return _priced_goods(ctx, tok)
    entry = (lex["verbs"] if is_verb else lex["nouns"]).get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "NOUN") else None
    if entry is None or sx.negated(tok) or sx.hypothetical(tok) or sx.requested(tok):
        return []
    if "of" in entry and not any(o.lemma_.lower() == entry["of"] for o in sx.prep_objects(tok, "of")):
        return []  # a letter is a trigger only as a letter of intent
    if is_verb and "partner" in entry and any(o.lemma_.lower() in lex["nouns"] for o in sx.children(tok, "dobj")):
        return []  # "signed a letter of intent for …", "signed a contract for …": the noun reports it
    sent = tok.sent
    scope = _item_scope(tok, is_verb, entry["side"], entry.get("goods"))
    if is_verb and tok.lemma_.lower() in lexicon()["deployment"]["sending"] and sends_to_a_place(ctx, tok):
        return []  # "dispatched four F-16s to Souda": a deployment
    if entry["side"] == "item" and _carrier(ctx, tok, scope):
        return []  # "transport aircraft … landed in Belgrade and delivered the FK-3": they brought the goods
    items = _items(ctx, tok, scope)
    if not items and is_verb and entry["side"] in ("buyer", "seller"):
        items = _goods_by_kind(ctx, tok, scope)
    if entry["side"] == "item" and items and (force := _foreign_force(ctx, tok, scope)):
        return _arrived_force(ctx, tok, force, items)
    lemma = tok.lemma_.lower()
    if not items:
        modifiers = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
        arms_word = any(c.lower_ in lex["arms_words"] for c in modifiers)
        kinds = [c.lemma_.lower() for c in modifiers if c.lemma_.lower() in lex["goods_nouns"]]
        if lemma in ("deal", "contract") and kinds and _has_determiner(tok):
            # "The tank contract is worth $3.37 billion": the tank purchase named before, priced
            mention = _anaphoric(ctx, tok)
            mention.kind = kinds[0]
            return [mention]
        if lemma in ("deal", "contract") and arms_word:
            items = [[]]
        elif not is_verb and lemma in ("delivery", "supply", "deal", "contract", "purchase", "shipment", "transfer") and tok.tag_ in ("NNS", "NN"):
            # "the deliveries were on their way" refers back; "the purchase of missiles" names unnamed goods
            complement = sx.prep_objects(tok, "of", "for")
            return [_anaphoric(ctx, tok)] if _has_determiner(tok) and not complement else []
        else:
            return []
    verbs = lex["verbs"]
    if not is_verb and lemma in _CONTRACTS and any(
            t.pos_ == "VERB" and t.lemma_.lower() in verbs and contract_noun(t) == tok for t in tok.subtree):
        return []  # "a contract to supply K9s to Egypt": the verb says who sells to whom
    status, governor = _arms_status(ctx, tok, entry, is_verb)
    if "of" in entry and status in (None, "ordered", "approved"):
        status = entry["status"]  # a signed letter of intent is still a plan
    if status is None and lemma in ("buyer", "customer"):
        # "the first foreign buyer of the Rafale"; "a potential customer for the Su-35" has bought nothing
        prospective = any(c.lower_ in ("potential", "possible", "prospective", "likely", "future") for c in tok.children)
        status = "planned" if prospective else entry["status"]
    # "ordered 42 Rafales in a contract estimated at $8.1 billion", "… in a deal signed last year":
    # the deal the purchase was made in carries its price and date
    deals = _deals_made_in(tok) if is_verb else set()
    # "sanctions … over its purchase": the verb's subject is not the buyer, nor its date the purchase's
    caused = governor is not None and not is_verb and _for_cause(tok, governor)
    if caused and status != entry["status"]:
        status = entry["status"]  # "sanctioned Turkey for its purchase": the purchase's own stage, not the sanction's
    anchors = {tok.i} | ({governor.i} if governor is not None and not caused else set()) | deals
    date, _ = _date_for(ctx, anchors, sent)
    # the price hangs on the trigger or its goods ("bought … for $5.5 billion", "a deal worth …"),
    # not on a verb higher up ("authorized an increase of $5.5 billion, with part going to the acquisition")
    contract = contract_noun(tok) if is_verb else None
    worth = [c.i for c in tok.head.children if c.lemma_.lower() == "worth"] if not is_verb and tok.dep_ == "dobj" else []
    # "signed a deal for 36 Rafales worth €7.87 billion": the parser hangs the price on the verb
    value = _money(ctx, {tok.i} | set(scope) | set(worth) | deals | ({contract.i} if contract is not None else set()), sent,
                   int(date[:4]) if date else None)
    recipient, supplier_hint, recipient_how = _arms_parties(ctx, tok, entry, is_verb, governor, caused)
    punishers = _subject_states(ctx, governor) if caused else set()
    if entry["side"] == "item":
        recipient = supplier_hint = None
        for obj in sx.prep_objects(tok, "in", "at", "to", "for"):
            found = _states(ctx, _actor_mentions(ctx, subtree(obj)))
            places = [_place_state(ctx, p) for p in ctx.mentions_in(subtree(obj), "place")]
            found += [p for p in places if p]
            if found:
                recipient = found[0]
    place = _production_place(ctx, tok, sent) if entry["side"] == "producer" else None
    if entry["side"] == "producer" and place is not None:
        recipient = recipient or ctx.state_of(place.item) or _place_state(ctx, place)
    delivery_date = None
    if lemma in _DELIVERY_WORDS and status in ("delivered", "in_delivery") and date:
        # "the first six Rafales were delivered on Wednesday": a delivery's date is not the order's
        delivery_date, date = date, None
    if lemma in ("delivery", "deliver", "supply") or re.search(r"\boperational|deliver", sent.text, re.I):
        future = _future_dates(ctx, sent)
        if future and not delivery_date:
            delivery_date = future[0][0]
            if date == delivery_date:
                date = None
    mentions = []
    for group in items:
        supplier, supplier_confidence = (supplier_hint, 0.85) if supplier_hint else _supplier_of(ctx, group, recipient)
        rcpt = recipient
        if recipient_how == "partner" and _maker_sells(ctx, group, rcpt, supplier):
            rcpt, supplier = supplier, rcpt
        if rcpt is None or rcpt == supplier:
            rcpt, recipient_how = fallback_state(ctx, tok, ({supplier} if supplier else set()) | punishers)
        roles: dict[str, Any] = {}
        conf: dict[str, float] = {}
        if supplier:
            roles["supplier"] = ctx.state_ref(supplier)
            conf["supplier"] = supplier_confidence
        if rcpt:
            roles["recipient"] = ctx.state_ref(rcpt)
            conf["recipient"] = {"context": 0.5, "sentence": 0.7}.get(recipient_how or "", 0.85)
        if group:
            refs = [ctx.ref(s.item) for s in group]
            roles["item"] = refs[0] if len(refs) == 1 else refs
            if len(group) == 1:
                quantity = _quantity(ctx, group[0])
                if quantity:
                    roles["quantity"] = quantity
        group_value = _money(ctx, _heads(ctx, group), sent) if len(items) > 1 and group else None
        if group_value is not None:
            roles["value_usd"] = group_value
        elif value is not None and len({_system(ctx, g) for g in items}) == 1:
            # one price for several systems is the package's ("180 K2 tanks and 212 K9 howitzers for a
            # combined $5.8 billion"), no system's own
            roles["value_usd"] = value
        if status:
            roles["status"] = status
        if date:
            roles["date"] = date
        if delivery_date:
            roles["delivery_date"] = delivery_date
        if place is not None:
            roles["place"] = ctx.ref(place.item)
        confidence = 0.8 if group and rcpt else 0.55
        mention = Mention("arms_transfer", roles, _sent_span(tok), _char_span(tok), confidence, conf)
        mention.additional = len(group) == 1 and _additional(ctx, group[0])
        mentions.append(mention)
    return mentions


_MORE = {"more", "additional", "further", "another", "extra"}


def _additional(ctx: DocContext, item: Span) -> bool:
    """Whether the goods are counted on top of others: "six more Rafale", "another 12 F-16s"."""
    head = ctx.sp[item.last]
    return any(t.lower_ in _MORE for t in head.lefts) or any(
        ctx.sp[i].lower_ in _MORE for i in range(max(item.first - 3, head.sent.start), item.first))


def _system(ctx: DocContext, group: list[Span]) -> frozenset[str]:
    """The systems a group names, by family: "AH-64E Apache" linked twice is one system."""
    return frozenset(ctx.family(s.item.entity_id) if s.item.entity_id else s.item.text.lower() for s in group)


def _heads(ctx: DocContext, group: list[Span]) -> set[int]:
    return {s.last for s in group} | {ctx.sp[s.last].head.i for s in group if ctx.sp[s.last].dep_ in ("compound", "nmod", "amod")}


def _has_determiner(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "this", "its", "their", "such") for c in tok.children)


def _anaphoric(ctx: DocContext, tok: Token) -> Mention:
    """"the deliveries were on their way": an update of the transfer named just before."""
    status = None
    governor = sx.governing_verb(tok)
    if _ON_THE_WAY.search(tok.sent.text) or (governor is not None and governor.lemma_ in ("begin", "start", "continue", "commence")):
        status = "in_delivery"
    elif governor is not None and governor.lemma_ == "complete":
        status = "delivered"
    roles: dict[str, Any] = {"status": status} if status else {}
    # "The deal is worth $4.5 billion", "the contract was valued at …": the price of the deal named before
    anchors = {tok.i} | ({governor.i} if governor is not None and tok.dep_ in ("nsubj", "nsubjpass") else set())
    value = _money(ctx, anchors, tok.sent)
    if value is not None:
        roles["value_usd"] = value
    return Mention("arms_transfer", roles, _sent_span(tok), _char_span(tok), 0.5, anaphoric=True)


def _priced_goods(ctx: DocContext, verb: Token) -> list[Mention]:
    """"The aircraft will cost about $300 million": goods named before (a definite noun naming
    no system), priced."""
    goods = [s for s in sx.subjects(verb) if s.pos_ == "NOUN" and _has_determiner(s)
             and s.lemma_.lower() in lexicon()["arms_transfer"]["goods_nouns"]]
    if not goods or ctx.mentions_in(_own_phrase(goods[0]), "weapon_system") or sx.negated(verb) or sx.hypothetical(verb):
        return []
    value = _money(ctx, {verb.i}, verb.sent)
    if value is None:
        return []
    # the goods noun, not the verb, is where the reference is made: "The aircraft, which Denmark
    # retires as it receives the F-35, will cost …" prices what came before "The aircraft"
    return [Mention("arms_transfer", {"value_usd": value}, _sent_span(verb), _char_span(goods[0]), 0.5, anaphoric=True)]


def _goods_by_kind(ctx: DocContext, tok: Token, scope: list[int]) -> list[list[Span]]:
    """Goods named by their kind alone where the sentence names one system of that kind: "the Rafale's
    first export success after Egypt, which ordered 24 aircraft in 2015" ordered Rafales."""
    goods = [ctx.sp[i] for i in scope if ctx.sp[i].pos_ == "NOUN" and ctx.sp[i].lemma_.lower() in lexicon()["arms_transfer"]["goods_nouns"]]
    if not goods or any(c.lower_ in ("a", "an", "new", "another") for c in goods[0].children if c.dep_ in ("det", "amod")):
        return []  # "Singapore is to choose a new fighter": one not yet named, not the Rafale named beside it
    sent = tok.sent
    named = [s for s in ctx.mentions_in(range(sent.start, sent.end), "weapon_system") if s.item.entity_id]
    fitting = [s for s in named if of_kind(ctx, [s.item.entity_id], goods[0].lemma_.lower())]
    if len({ctx.family(s.item.entity_id) for s in fitting}) != 1:
        return []
    return [[fitting[0]]]


def of_kind(ctx: DocContext, keys: Iterable[str], word: str) -> bool:
    """Whether the goods (KB ids) are what `word` calls them: a K2 is a tank, a K9 a howitzer, an F-16 a jet."""
    for key in keys:
        entity = ctx.kb.get(key)
        if entity is None:
            continue
        said = " ".join(str(entity.data.get(k, "")) for k in ("kind", "sipri_description", "category")).lower()
        if word in said or word in lexicon()["arms_transfer"]["kind_words"].get(str(entity.data.get("category")), ()):
            return True
    return False


def sends_to_a_place(ctx: DocContext, verb: Token) -> bool:
    """Whether a verb sends something to a place and to no state: "dispatched four F-16s to Souda",
    "sent to the region two Rafale" (a deployment), unlike "sent T-72s to Ukraine" (a transfer)."""
    destinations = sx.prep_objects(verb, "to", "into")
    if not destinations:
        return False
    tokens = {i for d in sx.with_conjuncts(destinations) for i in sx.head_phrase(d)}  # not "for training with the Greek pilots"
    return not _states(ctx, _actor_mentions(ctx, tokens))


_FORCE_WORDS = {"force", "forces", "navy", "army", "fleet", "squadron", "regiment"}


def _foreign_force(ctx: DocContext, tok: Token, scope: list[int]) -> str | None:
    """The state whose armed forces arrived, when the goods that "landed" are named as theirs ("bombers
    of the Air-Space Forces of Russia landed at Maiquetia"): a deployment, not a delivery."""
    words = {ctx.sp[i].lower_ for i in scope}
    if not words & _FORCE_WORDS:
        return None
    states = _states(ctx, _actor_mentions(ctx, set(scope)))
    if not states:
        return None
    rest = {t.i for o in sx.prep_objects(tok, "in", "at", "on", "to", "near") for t in o.subtree} - set(scope)
    where = [ctx.state_of(m.item) for m in _actor_mentions(ctx, rest)]
    where += [_place_state(ctx, m) for m in ctx.mentions_in(rest, "place")]
    return states[0] if states[0] not in where else None  # its own forces landing at home: a delivery


def _arrived_force(ctx: DocContext, tok: Token, actor: str, items: list[list[Span]]) -> list[Mention]:
    roles: dict[str, Any] = {"actor": ctx.state_ref(actor), "item": ctx.ref(items[0][0].item)}
    scope = subtree(tok) - {t.i for s in sx.subjects(tok) for t in s.subtree}
    places = ctx.mentions_in(scope, "place")
    if places:
        roles["place"] = ctx.ref(places[0].item)
    date, _ = _date_for(ctx, {tok.i}, tok.sent)
    if date:
        roles["date"] = date
    return [Mention("deployment", roles, _sent_span(tok), _char_span(tok), 0.6)]


def _carrier(ctx: DocContext, tok: Token, scope: list[int]) -> bool:
    """Whether what arrived is a transport that brought other goods named in the same sentence."""
    words = {ctx.sp[i].lower_ for i in scope}
    arrived = ctx.mentions_in(set(scope), "weapon_system")
    transport = bool(words & {"transport", "cargo", "freighter", "freighters"}) or any(
        "transport" in _category(ctx, s) for s in arrived)
    if not transport:
        return False
    sent = tok.sent
    return any(s.first not in scope for s in ctx.mentions_in(range(sent.start, sent.end), "weapon_system"))


def _category(ctx: DocContext, span: Span) -> str:
    """A KB weapon's category and kind ("aircraft strategic transport aircraft"), lower case."""
    entity = ctx.kb.get(span.item.entity_id) if span.item.entity_id else None
    if entity is None:
        return ""
    return f'{entity.data.get("category", "")} {entity.data.get("kind", "")}'.lower()


def _item_scope(tok: Token, is_verb: bool, side: str = "", goods: list[str] | None = None) -> list[int]:
    if goods is not None:
        # "signed with South Korea for twelve FA-50 jets": only what the named prepositions hold
        return sorted({t.i for prep in sx.children(tok, "prep") if prep.lower_ in goods for t in prep.subtree})
    if is_verb and side == "item":
        # "ten K2 tanks were unloaded", "the first jets arrived": the goods are the subject
        return sorted({t.i for s in sx.subjects(tok) for t in s.subtree})
    if is_verb:
        scope: set[int] = set()
        for child in tok.children:
            if child.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "dative") or (child.dep_ == "prep" and child.lower_ in ("of", "for", "including")):
                scope |= subtree(child)
            if child.dep_ in ("dobj", "nsubjpass") and child.lower_ in ("which", "that") and tok.dep_ == "relcl":
                # "the S-400 system, which India ordered in 2018": the object is the noun the clause is on
                scope |= {t.i for t in tok.head.subtree if t.i < child.i}
            if child.dep_ == "xcomp":
                scope |= {c.i for c in child.subtree if c.dep_ in ("dobj", "pobj", "compound", "nmod", "amod", "conj", "appos")} | subtree(child)
        return sorted(scope)
    scope = set()
    for child in tok.children:
        # ("nummod": the parser reads "the F-35 programme" as a number of programmes)
        if child.dep_ in ("prep", "compound", "amod", "nmod", "nummod", "acl", "appos") and child.lower_ not in ("from", "to", "by", "with", "between"):
            scope |= subtree(child)
    if tok.dep_ == "dobj":
        for prep in sx.children(tok.head, "prep"):
            # "signed a deal for 36 Rafales", "placed an order for 36 jets": the parser hangs the
            # goods on the verb
            if prep.lower_ in ("for", "of") and prep.i > tok.i:
                scope |= subtree(prep)
            # "took delivery of ten Su-35s in December and of S-400 equipment in January": the
            # second "of" coordinated into the verb's other preposition
            scope |= {t.i for c in prep.subtree if c.dep_ == "conj" and c.lower_ == "of" for t in c.subtree}
    # "the Russian S-400 deal": the weapon is a compound of the trigger; "India's purchase of the S-400" is under "of"
    return sorted(scope)


def _items(ctx: DocContext, tok: Token, scope: list[int]) -> list[list[Span]]:
    """Groups of weapon systems the trigger is about: one group per transfer."""
    weapons = ctx.mentions_in(set(scope), "weapon_system")
    if not weapons:
        return []
    kept: list[Span] = []
    grouped: list[Span] = []
    platforms: list[Span] = []
    for span in weapons:
        head = ctx.sp[span.last]
        # "Excalibur rounds for M777 howitzers", "Tomahawks for its Hobart-class destroyers":
        # what the goods are for is not itself bought; "spare parts for Su-30s" are one transfer
        prep, via_conj = _governing_prep(head)
        # "an order for 36 jets", "signed a deal for 36 Rafales": on the trigger (or on the verb whose
        # object the trigger is), "for" names the goods themselves
        if prep is not None and prep.lower_ == "for" and not _on_trigger(ctx, prep, tok):
            owner = prep.head
            if owner.lemma_.lower() in _PARTS or owner.lower_ in _PARTS:
                grouped.append(span)
                continue
            if not via_conj:
                platforms.append(span)
                continue
        kept.append(span)
    if not kept and not grouped:
        return []
    groups = [[s] for s in kept]
    if grouped:
        groups.append(grouped)
    return groups


def _on_trigger(ctx: DocContext, prep: Token, tok: Token) -> bool:
    """Whether a preposition hangs on the trigger itself ("an order for 36 jets", "a deal worth
    $2 billion for 36 Rafales"), or on the verb whose object the trigger is ("signed a deal for
    36 Rafales"), rather than on goods ("rounds for M777 howitzers"). On a verb it is what the
    goods are for: "buy Tomahawks for its destroyers"."""
    if tok.pos_ == "VERB":
        # "signed for twelve FA-50s": a verb whose goods are under "for" (triggers.yaml: goods)
        entry = lexicon()["arms_transfer"]["verbs"].get(tok.lemma_.lower(), {})
        return prep.head == tok and prep.lower_ in entry.get("goods", ())
    money = {i for span in ctx.amounts_in(range(tok.sent.start, tok.sent.end), "money") for i in span.tokens()}
    node = prep.head
    for _ in range(4):
        if node == tok or (tok.dep_ == "dobj" and node == tok.head):
            return True
        if node.pos_ in ("NOUN", "PROPN", "VERB") and node.i not in money:
            return False
        if node.head == node:
            return False
        node = node.head
    return False


def _governing_prep(token: Token) -> tuple[Token | None, bool]:
    """The preposition a noun phrase hangs on, and whether the way up crossed a coordination."""
    node = token
    via_conj = False
    for _ in range(5):
        if node.dep_ == "pobj":
            return node.head, via_conj
        if node.dep_ in ("conj", "compound", "amod", "appos", "nmod"):
            # machine-translated lists often come out as appositions
            via_conj = via_conj or node.dep_ in ("conj", "appos")
            node = node.head
            continue
        return None, via_conj
    return None, via_conj


def _arms_status(ctx: DocContext, tok: Token, entry: dict[str, Any], is_verb: bool) -> tuple[str | None, Token | None]:
    governors = lexicon()["arms_transfer"]["governors"]
    if is_verb:
        if tok.tag_ == "VBG" and tok.dep_ in ("csubj", "nsubj", "pcomp", "pobj"):
            return None, None
        tense = sx.tense(tok)
        signing_head = tok.head if tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in governors else None
        contract = contract_noun(tok) if tense == "infinitive" else None
        if (tense == "infinitive" or (tok.dep_ == "xcomp" and tok.tag_ == "VB")) and (signing_head is not None or contract is not None):
            # "agreed to supply", "India signed an agreement with France to buy 36 Rafales": the verb
            # governing the infinitive or its agreement says the stage
            noun_governor = signing_head or sx.governing_verb(contract)
            if noun_governor is not None and noun_governor.lemma_.lower() in governors:
                status = governors[noun_governor.lemma_.lower()]
                if sx.tense(noun_governor) in ("future", "possible", "intended"):
                    status = "planned"
                return ("licensed_production" if entry["side"] == "producer" else status), noun_governor
        return _status_from_tense(entry["status"], tense), None
    governor = sx.governing_verb(tok)
    if _ON_THE_WAY.search(tok.sent.text) and tok.lemma_ in ("delivery", "supply", "shipment"):
        return "in_delivery", governor
    default = "licensed_production" if entry["side"] == "producer" else None
    if governor is not None and governors.get(governor.lemma_.lower()) == "cancelled":
        # "expelled Turkey from the F-35 programme, in which it planned to buy 100 jets": whatever the plan was
        return "cancelled", governor
    for child in tok.children:
        # "contracts signed in August", "the deal finalised last year"
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in governors and child.tag_ in ("VBN", "VBD"):
            status = governors[child.lemma_.lower()]
            return ("licensed_production" if entry["side"] == "producer" and status == "ordered" else status), child
    if governor is None:
        return default, None
    # "authorized …, with part of the budget going toward the acquisition": the status verb may sit higher up
    node, status = governor, None
    for _ in range(4):
        status = governors.get(node.lemma_.lower())
        if status is not None or node.head == node:
            break
        node = node.head
        while node.pos_ not in ("VERB", "AUX") and node.head != node:
            node = node.head
    if status is None:
        return default, governor
    governor = node
    if status in ("ordered", "approved") and sx.tense(governor) in ("future", "possible", "intended"):
        status = "planned"
    elif status in ("delivered", "in_delivery") and sx.tense(governor) in ("future", "possible", "intended"):
        status = "ordered"  # "will take delivery of the S-400 next year": bought, not yet here
    if entry["side"] == "producer" and status == "ordered":
        status = "licensed_production"
    return status, governor


_CONTRACTS = {"agreement", "contract", "deal", "accord", "pact"}


def _deals_made_in(verb: Token) -> set[int]:
    """The contract nouns of a verb's "in/under/through a deal" phrases."""
    return {obj.i for obj in sx.prep_objects(verb, "in", "under", "through", "via")
            if obj.pos_ == "NOUN" and obj.lemma_.lower() in _CONTRACTS}


def contract_noun(verb: Token) -> Token | None:
    """The contract an infinitive spells out: "a contract to supply K9s", "a contract worth $1.7 billion to supply …"."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("acl", "relcl", "xcomp", "amod") or node.head == node:
            return None
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in _CONTRACTS:
            return node
        if node.pos_ == "VERB":
            return None
    return None


def _arms_parties(ctx: DocContext, tok: Token, entry: dict[str, Any], is_verb: bool, governor: Token | None,
                  caused: bool = False) -> tuple[str | None, str | None, str | None]:
    """(recipient, supplier, how the recipient was found) from the parse; the parties of a verb the
    trigger is only the cause of (`caused`) are not its own."""
    side = entry["side"]
    recipient = supplier = None
    how = "syntax"
    verb = None if caused else tok if is_verb else governor
    if verb is not None:
        subj_tokens: set[int] = set()
        # a passive subject is the goods ("the Rafales that Greece bought were delivered"), not a party
        subjects = [t for t in sx.subjects(verb) if t.dep_ != "nsubjpass"]
        # "Qatar, which took 36, and India, which signed …": the noun a relative clause hangs on, without
        # the nouns listed with it
        relative = any(t.dep_ not in ("nsubj", "csubj") for t in subjects)
        for s in (subjects if relative else sx.with_conjuncts(subjects)):
            subj_tokens |= _own_phrase(s)
        subj_states = _states(ctx, _actor_mentions(ctx, subj_tokens))
        if not is_verb and len(subj_states) == 2 and tok.lemma_ in ("deal", "contract"):
            a, b = sorted(subj_states, key=ctx.exporter_weight, reverse=True)
            return b, a, how
        if not subj_states and is_verb and _country_word(sx.subjects(verb)):
            # "the country has sent more than 200 T-72 tanks": the state the article is about
            state, _ = fallback_state(ctx, tok, set())
            subj_states = [state] if state else []
        if subj_states:
            if side == "seller" and not is_verb and governor is not None and governor.lemma_.lower() in _SELLER_GOVERNS \
                    and tok.i not in subj_tokens:
                supplier = subj_states[0]  # "Russia continues supplies of the S-400": who carries on the sale
            elif side in ("buyer", "producer") or (not is_verb and governor is not None):
                recipient = subj_states[0]
            elif side == "seller":
                supplier = subj_states[0]
        agents = sx.prep_objects(verb, "by")
        agent_states = _states(ctx, _actor_mentions(ctx, {t.i for a in agents for t in a.subtree}))
        if agent_states:
            if side == "seller":
                supplier = agent_states[0]
            else:
                recipient = agent_states[0]
    if not is_verb and governor is not None and governor.lemma_.lower() in _REMOVAL:
        # "Washington removed Turkey from the F-35 programme": the one removed was the buyer
        removed = _states(ctx, _actor_mentions(ctx, {t.i for o in sx.children(governor, "dobj") for t in o.subtree}))
        if removed:
            return removed[0], None, how
    for node in ([tok] + ([verb] if verb is not None and verb != tok else [])):
        for obj in sx.prep_objects(node, "from"):
            if tok.i in subtree(obj):
                continue  # the trigger itself sits in this "from" phrase
            states = _states(ctx, _actor_mentions(ctx, subtree(obj)))
            if states:
                supplier = states[0]
        for obj in sx.prep_objects(node, "to", "for"):
            if ctx.mentions_in(subtree(obj), "weapon_system"):
                continue  # "a contract for 48 FA-50 jets with South Korea": the goods, and their seller
            states = _states(ctx, _actor_mentions(ctx, subtree(obj)))
            if states and (side == "seller" or node == tok):
                recipient = states[0]
        for dative in sx.children(node, "dative", "iobj"):
            states = _states(ctx, _actor_mentions(ctx, subtree(dative)))
            if states:
                recipient = states[0]
    if recipient is None and side == "seller" and is_verb:
        # "selling Georgia weapons": the parser takes the indirect object for a modifier of the goods
        for goods in sx.children(tok, "dobj"):
            first = next(iter(goods.subtree))
            named = ctx.mentions_in({first.i}, "state")
            if named and first.dep_ == "compound" and first.i == tok.i + 1 and named[0].item.how in ("name", "metonym"):
                recipient = ctx.state_of(named[0].item)
    if recipient is None and side == "seller" and is_verb:
        # "supplied Bayraktar TB2 drones to Ukraine": the parser hangs "to" on the goods
        for goods in sx.children(tok, "dobj"):
            for obj in sx.prep_objects(goods, "to"):
                states = _states(ctx, _actor_mentions(ctx, subtree(obj)))
                if states:
                    recipient = states[0]
    if entry.get("partner") and supplier is None:
        # "signed with South Korea for twelve jets", "a contract for 48 jets with South Korea": the
        # other party to the deal sells (a contract's "with" may hang on its goods)
        where = list(tok.subtree if not is_verb else tok.children)
        if not is_verb and governor is not None and tok.head == governor:
            where += list(governor.children)  # "Russia signed a deal with India": the parser hangs "with" on the verb
        partners = [t for t in where if t.dep_ == "prep" and t.lower_ == entry["partner"]]
        states = _states(ctx, _actor_mentions(ctx, {t.i for p in partners for t in p.subtree}))
        supplier = next((s for s in states if s != recipient), None)
        if supplier is not None:
            how = "partner"  # "signed a deal with": which side sells, the goods may tell (_maker_sells)
    if not is_verb:
        for poss in sx.children(tok, "poss"):
            states = _states(ctx, _actor_mentions(ctx, subtree(poss)))
            if states:
                if side == "seller":
                    supplier = states[0]
                else:
                    recipient = states[0]
    return recipient, supplier, how


_COUNTRY_WORDS = {"country", "nation", "government", "kingdom", "republic"}
# Verbs whose subject carries on a sale or delivery named by a noun: "Russia continues supplies",
# "Moscow began deliveries" (unlike "India received deliveries", "Turkey took delivery")
_SELLER_GOVERNS = {"continue", "begin", "start", "resume", "complete", "finish", "make", "carry", "conduct",
                   "launch", "halt", "suspend", "stop", "step", "speed", "accelerate", "delay",
                   # "Washington approved the sale", "it notified Congress of the sale": the seller's authority
                   "approve", "authorize", "authorise", "clear", "notify"}


def _country_word(subjects: list[Token]) -> bool:
    """A subject that names the article's state without naming it: "the country", "the government"."""
    return any(s.lemma_.lower() in _COUNTRY_WORDS and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in s.children)
               for s in subjects)


_CAUSES = {"over", "because", "despite", "for", "after", "against"}
# Words whose "for" gives a reason: "sanctioned for its purchase", "criticism for buying".
_BLAME = {"sanction", "punish", "penalise", "penalize", "penalty", "criticise", "criticize", "criticism", "blame",
          "fine", "condemn", "rebuke", "censure", "slam", "target", "hit", "praise", "thank", "reward", "remove",
          "expel", "suspend", "exclude"}


def _for_cause(tok: Token, verb: Token) -> bool:
    """Whether a nominal trigger is the reason for its verb rather than its object: "sanctions …
    over its purchase", "because of the purchase", "punished for buying"."""
    node = tok
    for _ in range(6):
        if node == verb or node.head == node:
            return False
        if node.dep_ in ("prep", "mark") and node.lower_ in _CAUSES and (
                node.lower_ != "for" or node.head.lemma_.lower() in _BLAME):
            return True  # "for" only of blame: "punished for buying", not "an agreement for the purchase"
        node = node.head
    return False


def _subject_states(ctx: DocContext, verb: Token) -> set[str]:
    return set(_states(ctx, _actor_mentions(ctx, {t.i for s in sx.subjects(verb) for t in s.subtree})))


def _own_phrase(token: Token) -> set[int]:
    """A noun phrase without its relative clauses, which report events of their own."""
    out: set[int] = set()
    stack = [token]
    while stack:  # iterative: a run-on "sentence" (a table, a list) can be hundreds of tokens deep
        node = stack.pop()
        out.add(node.i)
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "acl"))
    return out


# the state that sells what a state no longer here made: Soviet systems come from Russia
_SUCCESSOR = {"SU": "RU"}


def _supplier_of(ctx: DocContext, group: list[Span], recipient: str | None) -> tuple[str | None, float]:
    """Who supplies the systems, and how sure that is: an adjective of origin on them
    ("Russian-made Igla-S"), else their KB origin — a guess that a named seller
    ("F-16s from Denmark") elsewhere in the article overrides."""
    for span in group:
        head = ctx.sp[span.last]
        np_start = head.left_edge.i
        adjectives = [s for s in ctx.mentions_in(range(np_start, span.first), "state") if s.last < span.first]
        for adj in reversed(adjectives):
            state = ctx.state_of(adj.item)
            if state and state != recipient:
                return state, 0.8
    origins = [ctx.origin(s.item) for s in group if ctx.origin(s.item)]
    if origins:
        origin = max(set(origins), key=origins.count)
        successor = _SUCCESSOR.get(origin, origin)
        if successor != recipient:
            return successor, KB_ORIGIN_CONFIDENCE
    return None, 0.0


def _maker_sells(ctx: DocContext, group: list[Span], recipient: str | None, supplier: str | None) -> bool:
    """Whether the two sides of a deal "with" someone stand the wrong way round: "France inked a
    deal with India for 36 Rafales" names the buyer second, and the Rafale's maker tells."""
    origins = {_SUCCESSOR.get(o, o) for o in (ctx.origin(s.item) for s in group) if o}
    return recipient is not None and supplier is not None and origins == {recipient}


def _production_place(ctx: DocContext, tok: Token, sent: Any) -> Span | None:
    places = [s for s in ctx.mentions_in(range(tok.i, sent.end), "place")]
    if places:
        return places[-1] if len(places) > 1 and ctx.kb.get(places[-1].item.entity_id or "") else places[0]
    return None


def _place_state(ctx: DocContext, place: Span) -> str | None:
    entity = ctx.kb.get(place.item.entity_id) if place.item.entity_id else None
    return entity.data.get("state") if entity is not None else None
