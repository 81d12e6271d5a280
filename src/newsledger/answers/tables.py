"""Tables of the ledger for spreadsheets, dataframes and other registers.

Importing this module registers these export formats:

| format | what | one row per |
|---|---|---|
| `csv` | facts as CSV | fact |
| `events-csv` | document-level events as CSV | event |
| `parquet` | facts as Parquet (binary: needs a file, not a terminal) | fact |
| `events-parquet` | events as Parquet | event |
| `sipri` | arms-transfer facts in the column layout of a SIPRI trade register (CSV) | fact and weapon |
| `plover` | events as POLECAT-style JSON Lines with PLOVER type and mode | event |

Fact and event tables carry flattened columns for the common roles (names
and KB ids, several joined with "; ") for people who filter in a spreadsheet,
and the full `roles` (and, for facts, `role_support`, `history`,
`contradictions`) as JSON strings, so that nothing is lost: `facts_from_table`
rebuilds the very fact records `Ledger.facts()` returns from a Parquet file.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from newsledger.where import Where
from newsledger.answers.timeline import date_precision, ref_name, refs
from newsledger.errors import UsageError
from newsledger.exports import export_format, write_jsonl

if TYPE_CHECKING:
    from newsledger.ledger import Ledger

# Roles flattened into "<role>" (names) and "<role>_id" (KB ids) columns. `parties`
# holds parties or participants, whichever the fact type uses.
FLAT_ROLES = ("supplier", "recipient", "item", "parties", "sender", "target", "actor", "place", "instrument")
_ALIASES = {"parties": ("parties", "participants")}
SEP = "; "

# The keys of a fact record, as `newsledger.facts` builds it; others go to the `extra` column.
_FACT_KEYS = ("id", "type", "status", "date", "roles", "role_support", "confidence", "sources", "first_reported",
              "last_reported", "history", "contradictions")
_JSON_FACT_COLUMNS = ("roles", "role_support", "history", "contradictions", "extra")

# Column → kind ("str", "int", "float", "bool", "list"), which fixes the Parquet type.
_FLAT: list[tuple[str, str]] = [c for role in FLAT_ROLES for c in ((role, "str"), (f"{role}_id", "str"))] + [
    ("quantity", "int"), ("value_usd", "float"),
]
FACT_COLUMNS: list[tuple[str, str]] = [
    ("id", "str"), ("type", "str"), ("status", "str"), ("date", "str"), ("date_precision", "str"), *_FLAT,
    ("confidence", "float"), ("source_count", "int"), ("sources", "list"), ("first_reported", "str"),
    ("last_reported", "str"), ("contradicted", "bool"),
    ("roles", "str"), ("role_support", "str"), ("history", "str"), ("contradictions", "str"), ("extra", "str"),
]
EVENT_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "str"), ("article_id", "str"), ("idx", "int"), ("type", "str"), ("status", "str"), ("date", "str"),
    ("date_precision", "str"), *_FLAT, ("plover", "str"), ("plover_mode", "str"), ("cameo", "str"),
    ("confidence", "float"), ("fact_id", "str"), ("published", "str"), ("source", "str"), ("url", "str"),
    ("evidence", "str"), ("evidence_start", "int"), ("evidence_end", "int"), ("roles", "str"),
    ("role_confidence", "str"), ("extractor", "str"),
]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _number(value: Any, kind: str) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if kind == "int":
        return _count(value)
    return float(value)


def _count(value: Any) -> int | None:
    """A whole number of things, or None (a role value may be a dict or text)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
        return None
    return int(value)


def _first(value: Any) -> dict[str, Any] | None:
    found = refs(value)
    return found[0] if found else None


def flat_roles(roles: dict[str, Any]) -> dict[str, Any]:
    """The flattened role columns of one fact or event."""
    out: dict[str, Any] = {}
    for role in FLAT_ROLES:
        found = [r for name in _ALIASES.get(role, (role,)) for r in refs(roles.get(name))]
        out[role] = SEP.join(ref_name(r) for r in found) or None
        out[f"{role}_id"] = SEP.join(str(r["id"]) for r in found if r.get("id")) or None
    out["quantity"] = _number(roles.get("quantity"), "int")
    out["value_usd"] = _number(roles.get("value_usd"), "float")
    return out


def fact_row(fact: dict[str, Any]) -> dict[str, Any]:
    """One fact as a table row (lists kept as lists; the CSV writer joins them)."""
    extra = {k: v for k, v in fact.items() if k not in _FACT_KEYS}
    return {
        "id": fact["id"], "type": fact["type"], "status": fact["status"], "date": fact["date"],
        "date_precision": date_precision(fact["date"]), **flat_roles(fact["roles"]),
        "confidence": fact["confidence"], "source_count": len(fact["sources"]), "sources": list(fact["sources"]),
        "first_reported": fact["first_reported"], "last_reported": fact["last_reported"],
        "contradicted": bool(fact["contradictions"]),
        "roles": _json(fact["roles"]), "role_support": _json(fact["role_support"]), "history": _json(fact["history"]),
        "contradictions": _json(fact["contradictions"]), "extra": _json(extra) if extra else None,
    }


def fact_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A fact record back from a table row (Parquet, or CSV read with `csv.DictReader`).

    The inverse of `fact_row`: JSON columns are parsed, `sources` is a list (a
    "; "-joined string in CSV), and numbers written as text in CSV are read back.
    """
    sources = row["sources"]
    if isinstance(sources, str):
        sources = [s for s in sources.split(SEP) if s]
    confidence = row["confidence"]
    if isinstance(confidence, str):
        confidence = float(confidence) if confidence else None

    def text(name: str) -> str | None:
        return row[name] if row[name] not in ("", None) else None

    fact = {
        "id": row["id"], "type": row["type"], "status": text("status"), "date": text("date"),
        "roles": json.loads(row["roles"]), "role_support": json.loads(row["role_support"]),
        "confidence": confidence, "sources": list(sources),
        "first_reported": text("first_reported"), "last_reported": text("last_reported"),
        "history": json.loads(row["history"]), "contradictions": json.loads(row["contradictions"]),
    }
    if text("extra"):
        fact.update(json.loads(row["extra"]))
    return fact


def fact_rows(ledger: Ledger, *, as_of: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
    return [fact_row(f) for f in ledger.facts(as_of=as_of, type=type)]


_EVENT_SQL = """
    SELECT e.pk, e.idx, e.type, e.status, e.date, e.roles, e.role_confidence, e.confidence, e.plover, e.plover_mode,
           e.cameo, e.extractor, a.id AS article_id, a.published, a.source, a.url, a.title, a.language,
           (SELECT fact_id FROM fact_source s WHERE s.event_pk = e.pk LIMIT 1) AS fact_id
    FROM event e JOIN article a ON a.pk = e.article_pk
"""


def _events(ledger: Ledger, *, type: str | None = None, since: str | None = None,
            until: str | None = None) -> Iterator[dict[str, Any]]:
    """Events of current articles with their article, first evidence sentence and fact."""
    where = Where().equals("e.type", type).window("e.date", since, until)
    rows = [dict(r) for r in ledger.store.query(f"{_EVENT_SQL} WHERE {where.sql} ORDER BY a.id, e.idx", tuple(where.params))]
    evidence: dict[int, dict[str, Any]] = {}
    for r in ledger.store.query('SELECT event_pk, start, "end", trigger_start, trigger_end, text FROM event_evidence ORDER BY event_pk, start'):
        evidence.setdefault(r["event_pk"], dict(r))
    for row in rows:
        row["roles"] = json.loads(row["roles"])
        row["role_confidence"] = json.loads(row["role_confidence"])
        row["evidence"] = evidence.get(row["pk"])
        yield row


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    evidence = event["evidence"] or {}
    return {
        "event_id": f"{event['article_id']}#{event['idx']}", "article_id": event["article_id"], "idx": event["idx"],
        "type": event["type"], "status": event["status"], "date": event["date"],
        "date_precision": date_precision(event["date"]), **flat_roles(event["roles"]),
        "plover": event["plover"], "plover_mode": event["plover_mode"], "cameo": event["cameo"],
        "confidence": event["confidence"], "fact_id": event["fact_id"], "published": event["published"],
        "source": event["source"], "url": event["url"], "evidence": (evidence.get("text") or "").strip() or None,
        "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
        "roles": _json(event["roles"]), "role_confidence": _json(event["role_confidence"]),
        "extractor": event["extractor"],
    }


def event_rows(ledger: Ledger, *, type: str | None = None) -> list[dict[str, Any]]:
    return [event_row(e) for e in _events(ledger, type=type)]


# -- CSV -------------------------------------------------------------------------------------


def write_csv(rows: Iterable[dict[str, Any]], columns: list[tuple[str, str]], out: IO[str]) -> int:
    """Rows as CSV with a header; lists joined with "; ", None as an empty cell."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    n = 0
    for row in rows:
        cells = []
        for name, kind in columns:
            value = row.get(name)
            if value is None:
                cells.append("")
            elif kind == "list":
                cells.append(SEP.join(value))
            elif kind == "bool":
                cells.append("true" if value else "false")
            else:
                cells.append(value)
        writer.writerow(cells)
        n += 1
    return n


@export_format("csv", "facts as CSV: id, type, status, date, supplier/recipient/item/parties…, value_usd, sources; roles, history as JSON")
def export_csv(ledger: Ledger, out: IO[str], *, as_of: str | None = None, type: str | None = None) -> int:
    return write_csv(fact_rows(ledger, as_of=as_of, type=type), FACT_COLUMNS, out)


@export_format("events-csv", "document-level events as CSV: article, type, status, date, roles flattened, PLOVER/CAMEO, fact id, evidence")
def export_events_csv(ledger: Ledger, out: IO[str], *, type: str | None = None) -> int:
    return write_csv(event_rows(ledger, type=type), EVENT_COLUMNS, out)


# -- Parquet ---------------------------------------------------------------------------------


def arrow_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], *, kind: str) -> Any:
    """A pyarrow Table with a fixed schema, so that an empty ledger still gives typed columns."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "list": pa.list_(pa.string())}
    schema = pa.schema([(name, types[t]) for name, t in columns], metadata={"newsledger": kind, "newsledger_table_version": "1"})
    return pa.Table.from_pylist([{name: row.get(name) for name, _ in columns} for row in rows], schema=schema)


def _binary_sink(out: IO[str] | str | os.PathLike[str]) -> Any:
    """Where Parquet bytes go: a path, or the byte stream under a text stream.

    `Ledger.export` opens --out as text; a file's text wrapper has the binary
    `.buffer` below it, which is where Parquet is written. A terminal or a
    stream without one cannot take Parquet.
    """
    if isinstance(out, (str, os.PathLike)):
        return os.fspath(out)
    buffer = getattr(out, "buffer", None)
    isatty = getattr(out, "isatty", None)
    if buffer is None or (isatty is not None and isatty()):
        raise UsageError("Parquet is a binary format: write it to a file (--out facts.parquet), not to the terminal")
    out.flush()
    return buffer


def write_parquet(table: Any, out: IO[str] | str | os.PathLike[str]) -> int:
    import pyarrow.parquet as pq

    sink = _binary_sink(out)
    pq.write_table(table, sink)
    if hasattr(sink, "flush"):
        sink.flush()
    return table.num_rows


def facts_from_table(table_or_path: Any) -> list[dict[str, Any]]:
    """Fact records back from a facts Parquet file (a path) or a pyarrow Table."""
    if isinstance(table_or_path, (str, os.PathLike)):
        import pyarrow.parquet as pq

        table_or_path = pq.read_table(os.fspath(table_or_path))
    return [fact_from_row(row) for row in table_or_path.to_pylist()]


@export_format("parquet", "facts as Parquet (write to a file): the csv columns, typed; sources as a list; facts_from_table reads it back")
def export_parquet(ledger: Ledger, out: IO[str], *, as_of: str | None = None, type: str | None = None) -> int:
    return write_parquet(arrow_table(fact_rows(ledger, as_of=as_of, type=type), FACT_COLUMNS, kind="facts"), out)


@export_format("events-parquet", "document-level events as Parquet (write to a file): the events-csv columns, typed")
def export_events_parquet(ledger: Ledger, out: IO[str], *, type: str | None = None) -> int:
    return write_parquet(arrow_table(event_rows(ledger, type=type), EVENT_COLUMNS, kind="events"), out)


# -- SIPRI trade register --------------------------------------------------------------------

SIPRI_COLUMNS = ("Recipient", "Supplier", "Year of order", "Number ordered", "Weapon designation", "Weapon description",
                 "Number delivered", "Year(s) of delivery", "status", "Comments")

# How SIPRI's register spells parties whose KB name differs (from the register of
# 13 March 2025). SIPRI marks international organisations '**' and armed groups '*'.
SIPRI_SPELLING: dict[str, str] = {
    "BA": "Bosnia-Herzegovina", "CV": "Cabo Verde", "CG": "Congo", "CI": "Cote d'Ivoire", "CZ": "Czechia",
    "CD": "DR Congo", "DD": "East Germany (GDR)", "VC": "Saint Vincent", "TR": "Turkiye", "AE": "UAE",
    "VN": "Viet Nam", "SZ": "eSwatini",
    "african-union": "African Union**", "eu": "European Union**", "nato": "NATO**", "osce": "OSCE**",
    "un": "United Nations**", "hamas": "Hamas (Palestine)*", "hezbollah": "Hezbollah (Lebanon)*",
    "houthis": "Houthi rebels (Yemen)*",
}
# Organisations whose deals SIPRI books to their state (a state exporter, a ministry, an armed force).
_STATE_ORG_KINDS = frozenset({"company", "agency", "armed_force"})
_DELIVERY = ("in_delivery", "delivered")


def sipri_party(ref: dict[str, Any] | None, kb: Any, *, order_year: int | None = None, unknown: str) -> str:
    """A party as SIPRI writes it: "United States", "Turkiye", "NATO**"; Russia before 1992 is "Soviet Union".

    A state company or ministry (Rosoboronexport) is written as its state, as SIPRI does.
    """
    if not ref:
        return unknown
    entity = kb.get(str(ref["id"])) if ref.get("id") else None
    if entity is None:
        return ref_name(ref)
    if entity.type == "organisation" and entity.data.get("kind") in _STATE_ORG_KINDS and entity.state in kb:
        entity = kb.get(entity.state)
    if entity.id == "RU" and order_year is not None and order_year < 1992:
        entity = kb.get("SU") or entity
    return SIPRI_SPELLING.get(entity.id, entity.name)


def sipri_designation(ref: dict[str, Any], kb: Any) -> str:
    """The weapon's designation without a maker's name in front: "Dassault Rafale" → "Rafale".

    SIPRI writes the designation alone; the KB's name sometimes leads with the
    maker. The maker is dropped only when the rest is itself a known alias.
    """
    entity = kb.get(str(ref["id"])) if ref.get("id") else None
    if entity is None:
        return ref_name(ref)
    first, _, rest = entity.name.partition(" ")
    if rest and not any(c.isdigit() for c in first) and rest in entity.aliases:
        return rest
    return entity.name


def _year(value: Any) -> int | None:
    text = str(value or "")
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _quantities(fact: dict[str, Any]) -> tuple[int | None, int | None]:
    """(number ordered, number delivered): an order's count and a delivery's are different numbers.

    The history says which report gave which: a count reported while the deal
    was at a delivery stage is a delivered count ("the first 6 of 18"), as long
    as the deal is still at a delivery stage (a later report may have moved it
    back to "licensed production").
    """
    if fact["status"] not in _DELIVERY:
        return _count(fact["roles"].get("quantity")), None
    ordered = delivered = None
    for step in fact.get("history") or ():
        quantity = _count((step.get("roles") or {}).get("quantity"))
        if quantity is None:
            continue
        if step.get("status") in _DELIVERY:
            delivered = quantity
        else:
            ordered = quantity
    quantity = _count(fact["roles"].get("quantity"))
    if ordered is None and delivered is None:
        delivered = quantity
    return ordered, delivered


def _sipri_money(usd: float) -> str:
    """A deal value as SIPRI writes it in Comments: "$5.5 b", "$375 m"."""
    for size, unit in ((1e9, "b"), (1e6, "m")):
        if usd >= size:
            return f"${usd / size:.3g} {unit}"
    return f"${usd:,.0f}"


def sipri_rows(ledger: Ledger, *, as_of: str | None = None) -> list[dict[str, str]]:
    """Arms-transfer facts as rows of a SIPRI trade register, one per weapon, sorted as SIPRI sorts.

    `status` holds the deal's stage in the ledger (ordered, delivered...): the
    news does not tell SIPRI's New/Second-hand. Comments carry the value
    ("$2.5 b deal", which `newsledger.sipri.parse_deal_value` reads back), the
    fact id and the sources. An order year later than the first delivery is
    marked uncertain ("2020?"), as SIPRI marks uncertain figures.
    """
    kb = ledger.kb
    articles = {r["id"]: dict(r) for r in ledger.store.query("SELECT id, source, published FROM article")}
    rows = []
    for fact in ledger.facts(type="arms_transfer", as_of=as_of):
        roles = fact["roles"]
        order_year = _year(fact["date"])
        delivery_year = _year(roles.get("delivery_date")) if fact["status"] in _DELIVERY else None
        ordered, delivered = _quantities(fact)
        items = refs(roles.get("item")) or [{"name": "unknown weapon"}]
        if len(items) > 1:  # one count for several weapons belongs to none of them
            ordered = delivered = None
        comments = []
        value = _number(roles.get("value_usd"), "float")
        if value:
            comments.append(f"{_sipri_money(value)} deal")
        if fact["date"] and delivery_year and order_year and order_year > delivery_year:
            comments.append(f"fact dated {fact['date']}, after the first delivery")
        comments.append(f"newsledger fact {fact['id']} ({fact['status'] or 'status unknown'})")
        cited = []
        for article_id in fact["sources"]:
            a = articles.get(article_id, {})
            about = ", ".join(str(x) for x in (a.get("source"), a.get("published")) if x)
            cited.append(article_id + (f" ({about})" if about else ""))
        if cited:
            comments.append("sources: " + ", ".join(cited))
        for contradiction in fact["contradictions"]:
            sides = " vs ".join(str(s.get("value")) for s in contradiction["sides"])
            comments.append(f"sources differ on {contradiction['role']}: {sides}")
        supplier, recipient = _first(roles.get("supplier")), _first(roles.get("recipient"))
        uncertain = "?" if order_year and delivery_year and order_year > delivery_year else ""
        for item in items:
            entity = kb.get(str(item["id"])) if item.get("id") else None
            description = (entity.data.get("sipri_description") or entity.data.get("kind") or "") if entity else ""
            rows.append({
                "Recipient": sipri_party(recipient, kb, order_year=order_year, unknown="unknown recipient(s)"),
                "Supplier": sipri_party(supplier, kb, order_year=order_year, unknown="unknown supplier(s)"),
                "Year of order": f"{order_year}{uncertain}" if order_year else "",
                "Number ordered": str(ordered) if ordered is not None else "",
                "Weapon designation": sipri_designation(item, kb),
                "Weapon description": description,
                "Number delivered": str(delivered) if delivered is not None else "",
                "Year(s) of delivery": str(delivery_year) if delivery_year else "",
                "status": (fact["status"] or "").replace("_", " "),
                "Comments": "; ".join(c.replace(";", ",") for c in comments),
            })
    rows.sort(key=lambda r: (r["Recipient"], r["Supplier"], r["Year of order"], r["Weapon designation"]))
    return rows


@export_format("sipri", "arms-transfer facts as a SIPRI trade register (CSV): Recipient, Supplier, Year of order, ... Comments with value and sources")
def export_sipri(ledger: Ledger, out: IO[str], *, as_of: str | None = None) -> int:
    rows = sipri_rows(ledger, as_of=as_of)
    writer = csv.DictWriter(out, fieldnames=list(SIPRI_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


# -- PLOVER / POLECAT ------------------------------------------------------------------------

# Fact type → (actor role, recipient role). Types that relate a list of parties
# take its first two members, in the order the article gives them.
_DYAD: dict[str, tuple[str, str | None]] = {
    "arms_transfer": ("supplier", "recipient"),
    "sanction": ("sender", "target"),
    "deployment": ("actor", None),
}
_LIST_ROLE = {"meeting": "participants", "agreement": "parties", "trade": "parties", "armed_clash": "parties"}


def _actor(ref: dict[str, Any] | None, kb: Any) -> dict[str, Any] | None:
    """A POLECAT-style actor: name, KB id, Wikidata id, type, and the country it belongs to."""
    if not ref:
        return None
    entity = kb.get(str(ref["id"])) if ref.get("id") else None
    state = kb.get(entity.state) if entity is not None and entity.state else None
    return {
        "name": ref_name(ref), "id": ref.get("id"), "wikidata": ref.get("wikidata") or (entity.wikidata if entity else None),
        "type": entity.type if entity else None,
        "country": state.id if state else None, "country_name": state.name if state else None,
    }


def plover_record(event: dict[str, Any], kb: Any) -> dict[str, Any]:
    """One event as a POLECAT-style record: PLOVER type and mode, actor, recipient, place, source."""
    roles = event["roles"]
    if event["type"] in _DYAD:
        a_role, r_role = _DYAD[event["type"]]
        actors = refs(roles.get(a_role))
        recipients = refs(roles.get(r_role)) if r_role else []
        actor, recipient = _first(actors), _first(recipients)
        others = actors[1:] + recipients[1:]
    else:
        members = refs(roles.get(_LIST_ROLE.get(event["type"], "parties")))
        actor, recipient = _first(members[:1]), _first(members[1:2])
        others = members[2:]
    place = _first(roles.get("place"))
    evidence = event["evidence"] or {}
    return {
        "event_id": f"{event['article_id']}#{event['idx']}",
        "event_date": event["date"],
        "date_precision": date_precision(event["date"]),
        "event_type": event["plover"],
        "event_mode": event["plover_mode"],
        "cameo": event["cameo"],
        "actor": _actor(actor, kb),
        "recipient": _actor(recipient, kb),
        "other_actors": [_actor(r, kb) for r in others],
        "location": _actor(place, kb),
        "source": {
            "article_id": event["article_id"], "source": event["source"], "url": event["url"],
            "published": event["published"], "headline": event["title"], "language": event["language"],
            "evidence": (evidence.get("text") or "").strip() or None,
            "evidence_span": [evidence["start"], evidence["end"]] if evidence else None,
            "trigger_span": [evidence["trigger_start"], evidence["trigger_end"]] if evidence else None,
        },
        "newsledger": {
            "type": event["type"], "status": event["status"], "confidence": event["confidence"],
            "fact_id": event["fact_id"], "roles": roles, "extractor": event["extractor"],
        },
    }


def plover_records(ledger: Ledger, *, type: str | None = None, since: str | None = None,
                   until: str | None = None) -> list[dict[str, Any]]:
    kb = ledger.kb
    return [plover_record(e, kb) for e in _events(ledger, type=type, since=since, until=until)]


@export_format("plover", "events as POLECAT-style JSON Lines: PLOVER event type and mode, CAMEO, actor, recipient, location, source and evidence")
def export_plover(ledger: Ledger, out: IO[str], *, type: str | None = None, since: str | None = None,
                  until: str | None = None) -> int:
    records = plover_records(ledger, type=type, since=since, until=until)
    for record in records:
        write_jsonl(out, record)
    return len(records)


__all__ = [
    "FACT_COLUMNS", "EVENT_COLUMNS", "SIPRI_COLUMNS", "SIPRI_SPELLING", "fact_row", "fact_from_row", "fact_rows",
    "event_row", "event_rows", "facts_from_table", "arrow_table", "write_csv", "write_parquet", "sipri_rows",
    "sipri_party", "sipri_designation", "plover_record", "plover_records", "flat_roles",
]
