"""Who arms whom, who meets whom: the facts as a network.

Analysts draw these graphs in Gephi or Graphviz, or load them into networkx to
rank suppliers. Nodes are entities (KB id, name, type, Wikidata id); an edge
gathers every fact between two entities: how many (`weight`), the total of the
values the sources give (`value_usd`, with `valued_facts` saying how many
facts had one, since 0.0 also stands for "none known"), and the fact ids, as
one comma-joined string (`facts`) because GraphML and GEXF cannot hold lists.

Directed or not, by fact type:

- `arms_transfer` (supplier → recipient), `sanction` (sender → target) and
  `deployment` (actor → place) are directed: a `networkx.DiGraph`;
- `meeting`, `agreement`, `trade`, `armed_clash` and any other type relate
  their parties symmetrically: a `networkx.Graph` with one edge per pair (not
  two directed edges, which would count every meeting twice). `DiGraph` is a
  subclass of `Graph`, so callers can take either.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import combinations
from typing import IO, TYPE_CHECKING, Any

from newsledger.answers.timeline import PARTY_ROLES, money, ref_key, ref_name, refs
from newsledger.errors import UsageError
from newsledger.exports import export_format

if TYPE_CHECKING:
    import networkx as nx

    from newsledger.ledger import Ledger

# Fact type → (source role, target role) for the directed graphs.
DIRECTED: dict[str, tuple[str, str]] = {
    "arms_transfer": ("supplier", "recipient"),
    "sanction": ("sender", "target"),
    "deployment": ("actor", "place"),
}
# Fact type → the role whose members are related pairwise.
SYMMETRIC: dict[str, str] = {"meeting": "participants", "agreement": "parties", "trade": "parties", "armed_clash": "parties"}
FORMATS = ("graphml", "gexf", "json", "dot")


def _node(G: nx.Graph, ref: dict[str, Any], kb: Any) -> str:
    key = ref_key(ref)
    if key not in G:
        entity = kb.get(str(ref["id"])) if ref.get("id") else None
        G.add_node(
            key,
            id=key,
            label=ref_name(ref),  # Gephi and yEd show `label`
            name=ref_name(ref),
            type=entity.type if entity is not None else "unlinked",
            wikidata=ref.get("wikidata") or (entity.wikidata if entity is not None else None) or "",
        )
    return key


def _pairs(fact: dict[str, Any], type: str) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    roles = fact["roles"]
    if type in DIRECTED:
        source, target = DIRECTED[type]
        for a in refs(roles.get(source)):
            for b in refs(roles.get(target)):
                if ref_key(a) != ref_key(b):
                    yield a, b
        return
    role = SYMMETRIC.get(type)
    members = refs(roles.get(role)) if role else [r for p in PARTY_ROLES for r in refs(roles.get(p))]
    unique = list({ref_key(r): r for r in members}.values())
    yield from combinations(unique, 2)


def _add(G: nx.Graph, a: str, b: str, fact: dict[str, Any]) -> None:
    if not G.has_edge(a, b):
        G.add_edge(a, b, weight=0, value_usd=0.0, valued_facts=0, facts="", items="", first="", last="")
    edge = G.edges[a, b]
    ids = [i for i in edge["facts"].split(",") if i]
    if fact["id"] in ids:
        return
    ids.append(fact["id"])
    edge["facts"] = ",".join(ids)
    edge["weight"] += 1
    value = fact["roles"].get("value_usd")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        edge["value_usd"] += float(value)
        edge["valued_facts"] += 1
    items = [i for i in edge["items"].split("; ") if i]
    for item in refs(fact["roles"].get("item")):
        if ref_name(item) not in items:
            items.append(ref_name(item))
    edge["items"] = "; ".join(items)
    date = fact.get("date")
    if date:
        edge["first"] = min(edge["first"] or date, date)
        edge["last"] = max(edge["last"], date)


def graph(
    ledger: Ledger,
    *,
    type: str = "arms_transfer",
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
) -> nx.Graph:
    """The facts of one type as a graph (see the module docstring for which types are directed).

    `since`/`until` filter by the fact's date (undated facts are left out when
    either is given); `as_of` builds the graph as the ledger knew it on that date.
    """
    import networkx as nx  # here, not at the top: it adds a third of a second to every CLI command

    if not type:
        raise UsageError("a graph is of one fact type: arms_transfer, meeting, agreement, sanction, trade, ...")
    G: nx.Graph = nx.DiGraph() if type in DIRECTED else nx.Graph()
    G.graph.update(name=f"newsledger {type}", fact_type=type, since=since or "", until=until or "", as_of=as_of or "")
    if type in DIRECTED:
        G.graph["relation"] = " → ".join(DIRECTED[type])
    kb = ledger.kb
    for fact in ledger.facts(type=type, since=since, until=until, as_of=as_of):
        for a, b in _pairs(fact, type):
            _add(G, _node(G, a, kb), _node(G, b, kb), fact)
    return G


# -- writers ---------------------------------------------------------------------------------


def _dot_quote(value: Any) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attrs(data: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_dot_quote(v)}" for k, v in data.items())


def to_dot(G: nx.Graph) -> str:
    """Graphviz DOT text, written here so that no pydot/pygraphviz is needed.

    Edge labels carry the number of facts (and the known value), and `penwidth`
    grows with the number of facts, so `dot -Tsvg` gives a readable picture as is.
    """
    directed = G.is_directed()
    arrow = "->" if directed else "--"
    lines = [f"{'digraph' if directed else 'graph'} {_dot_quote(G.graph.get('name', 'newsledger'))} {{",
             "  node [shape=box, style=rounded];"]
    for node, data in G.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("id",)}
        lines.append(f"  {_dot_quote(node)} [{_dot_attrs(attrs)}];")
    for a, b, data in G.edges(data=True):
        label = str(data["weight"])
        if data.get("valued_facts"):
            label += f" ({money(data['value_usd'])})"
        attrs = {"label": label, "penwidth": min(1 + data["weight"], 8), **data}
        lines.append(f"  {_dot_quote(a)} {arrow} {_dot_quote(b)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_text(G: nx.Graph, format: str) -> str:
    """The graph as GraphML, GEXF, node-link JSON or DOT text."""
    import networkx as nx
    if format == "graphml":
        return "\n".join(nx.generate_graphml(G)) + "\n"
    if format == "gexf":
        return "\n".join(nx.generate_gexf(G)) + "\n"
    if format == "json":
        return json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=2) + "\n"
    if format == "dot":
        return to_dot(G)
    raise UsageError(f"unknown graph format '{format}'; use one of {', '.join(FORMATS)}")


def write_graph(G: nx.Graph, format: str, out: IO[str]) -> int:
    """Write the graph to a text stream; returns the number of edges written."""
    out.write(to_text(G, format))
    return G.number_of_edges()


@export_format("graphml", "the arms-transfer graph (supplier → recipient) as GraphML: nodes are entities, edges carry facts, weight, value_usd")
def export_graphml(ledger: Ledger, out: IO[str], *, type: str = "arms_transfer", since: str | None = None,
                   until: str | None = None, as_of: str | None = None) -> int:
    return write_graph(graph(ledger, type=type, since=since, until=until, as_of=as_of), "graphml", out)


@export_format("gexf", "the arms-transfer graph (supplier → recipient) as GEXF for Gephi: nodes are entities, edges carry facts, weight, value_usd")
def export_gexf(ledger: Ledger, out: IO[str], *, type: str = "arms_transfer", since: str | None = None,
                until: str | None = None, as_of: str | None = None) -> int:
    return write_graph(graph(ledger, type=type, since=since, until=until, as_of=as_of), "gexf", out)


__all__ = ["graph", "to_text", "to_dot", "write_graph", "FORMATS", "DIRECTED", "SYMMETRIC"]
