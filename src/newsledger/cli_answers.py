"""The `timeline`, `dossier` and `graph` commands: a thin skin over `newsledger.answers`.

The commands are added to the main typer app by `register(app)`, which
`newsledger.cli` calls at its end. This module does not import
`newsledger.cli`: under `python -m newsledger.cli` that module runs as
`__main__`, and importing it by name here would build a second app that
nobody runs. So the few helpers the commands need (the --db option, opening
the store, printing an error) are repeated here, in the same words.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.box import HEAVY_HEAD
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsledger.answers import GRAPH_FORMATS, dossier, graph, timeline, to_text
from newsledger.answers.dossier import LIMIT as DOSSIER_LIMIT
from newsledger.answers.timeline import money
from newsledger.errors import StoreError, UsageError
from newsledger.ledger import Ledger
from newsledger.store import DEFAULT_DB

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

DbOption = Annotated[str, typer.Option("--db", envvar="NEWSLEDGER_DB", help="The SQLite store.", show_default=True)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of a table.")]
TypeHelp = "arms_transfer, agreement, meeting, armed_clash, sanction, deployment, trade"


def _fail(err: Exception) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {err}")
    return typer.Exit(2)


def _open(db: str) -> Ledger:
    try:
        return Ledger(db)
    except StoreError as err:
        raise _fail(err) from err


def timeline_command(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[list[str] | None, typer.Option("--entity", "-e", help="A KB id or a name (repeat: facts involving all of them).")] = None,
    type: Annotated[str | None, typer.Option("--type", help=TypeHelp)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Facts dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Facts dated on or before.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The timeline as the ledger knew it on this date.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Facts in date order, one line each: what happened, how precise the date is, how many sources."""
    with _open(db) as ledger:
        try:
            lines = timeline(ledger, entities=entity or (), type=type, since=since, until=until, as_of=as_of)
        except UsageError as err:
            raise _fail(err) from err
    if as_json:
        for line in lines:
            print(json.dumps(line, ensure_ascii=False))
        return
    console.print(_lines_table(lines))
    console.print(f"{len(lines)} facts" + (f" as of {as_of}" if as_of else ""))


def _lines_table(lines: list[dict[str, Any]], *, framed: bool = True) -> Table:
    """Timeline lines as a table; the summary already says the type and the status."""
    table = Table(show_header=framed, header_style="bold", box=HEAVY_HEAD if framed else None, pad_edge=framed)
    table.add_column("date", no_wrap=True)
    table.add_column("what", ratio=1)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("fact", no_wrap=True, style="dim")
    table.add_column("!", no_wrap=True)
    for line in lines:
        table.add_row(line["date"] or "?", line["summary"], str(line["source_count"]), line["id"],
                      "[red]⚠[/]" if line["contradicted"] else "")
    return table


def _ref_text(ref: Any) -> str:
    if isinstance(ref, dict):
        return str(ref.get("name") or ref.get("id"))
    if isinstance(ref, list):
        return ", ".join(_ref_text(r) for r in ref)
    return "" if ref is None else str(ref)


def _print_entity(about: dict[str, Any]) -> None:
    head = Text.assemble((about["name"], "bold"), f"  {about['type'] or 'not in the knowledge base'}")
    if about["id"]:
        head.append(f"  {about['id']}")
    if about.get("wikidata"):
        head.append(f"  {about['wikidata']}", style="dim")
    console.print(head)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, value in about.items():
        if key in ("id", "name", "type", "wikidata") or value in (None, [], ""):
            continue
        if key == "offices":
            text = "\n".join(f"{o['title']} ({_ref_text(o['state'])}) {o['start']} – {o['end'] or 'now'}" for o in value)
        elif key == "leaders":
            text = ", ".join(f"{p['name']} ({p['title']} since {p['since']})" for p in value)
        else:
            text = _ref_text(value)
        grid.add_row(key.replace("_", " "), text)
    console.print(grid)


def dossier_command(
    entity: Annotated[str, typer.Argument(metavar="ENTITY", help="A KB id or a name: India, IN, Putin, S-400.")],
    db: DbOption = DEFAULT_DB,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The dossier as the ledger knew it on this date.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Facts to list, the most recent first; 0 lists every fact. Counts and counterparties always cover all.")] = DOSSIER_LIMIT,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many of the most recent facts (the next page).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Everything about one entity: what it is, its facts by role, counterparties, contradictions, sources."""
    with _open(db) as ledger:
        try:
            data = dossier(ledger, entity, as_of=as_of, limit=limit or None, offset=offset)
        except UsageError as err:
            raise _fail(err) from err
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_entity(data["entity"])
    if data["other_matches"]:
        console.print(f"[dim]'{entity}' may also mean: {', '.join(data['other_matches'])}[/]")
    totals, page = data["totals"], data["page"]
    for role, lines in data["roles"].items():
        console.rule(f"as {role} ({_of(len(lines), totals['roles'][role])})")
        console.print(_lines_table(lines, framed=False))
    if data["counterparties"]:
        console.rule("counterparties")
        table = Table(show_header=True, header_style="bold", box=None)
        for column in ("name", "type", "facts", "as", "known value"):
            table.add_column(column, justify="right" if column == "facts" else "left")
        for c in data["counterparties"]:
            roles = ", ".join(f"{role} {n}" for role, n in c["roles"].items())
            table.add_row(c["name"], c["type"] or "", str(c["facts"]), roles, money(c["value_usd"]))
        console.print(table)
    if data["contradictions"]:
        console.rule("contradictions")
        for c in data["contradictions"]:
            sides = " vs ".join(f"{_ref_text(s['value'])} ({', '.join(s['sources'])})" for s in c["sides"])
            console.print(f"  [red]{c['role']}[/] in {c['summary']} [dim]{c['fact_id']}[/]: {sides}")
    if data["sources"]:
        console.rule(f"sources of the facts listed ({len(data['sources'])}; {totals['sources']:,} in all)")
        for s in data["sources"]:
            console.print(Text.assemble((s["article_id"], "bold"), f"  {s['published'] or '?'}  {s['source'] or ''}  ",
                                        (s["title"] or "", "italic")))
    if not data["facts"]:
        console.print("no facts about it in the store yet")
    elif page["more"]:
        err_console.print(f"[dim]listed the {page['facts']} most recent of {data['facts']:,} facts; "
                          f"older ones: --offset {offset + page['facts']}, or --limit 0 for all[/]")


def _of(shown: int, total: int) -> str:
    return f"{shown}" if shown == total else f"{shown} of {total:,}"


def graph_command(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str, typer.Option("--type", help=f"{TypeHelp}; arms_transfer, sanction, deployment are directed")] = "arms_transfer",
    since: Annotated[str | None, typer.Option("--since", help="Facts dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Facts dated on or before.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The graph as the ledger knew it on this date.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="graphml, gexf, json (node-link) or dot.")] = "graphml",
    out: Annotated[str, typer.Option("--out", "-o", help="File to write, or - for standard output.")] = "-",
) -> None:
    """The facts as a network: who arms whom (supplier → recipient), who meets whom, for Gephi, Graphviz or networkx."""
    if format not in GRAPH_FORMATS:
        raise _fail(UsageError(f"unknown graph format '{format}'; use one of {', '.join(GRAPH_FORMATS)}"))
    with _open(db) as ledger:
        try:
            G = graph(ledger, type=type, since=since, until=until, as_of=as_of)
        except UsageError as err:
            raise _fail(err) from err
    text = to_text(G, format)
    if out == "-":
        sys.stdout.write(text)
        return
    try:
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as err:
        raise _fail(UsageError(f"cannot write {out} ({err.strerror})")) from err
    err_console.print(f"wrote {G.number_of_nodes()} nodes and {G.number_of_edges()} edges ({format}) to {out}")


_COMMANDS = (("timeline", timeline_command), ("dossier", dossier_command), ("graph", graph_command))


def register(app: typer.Typer) -> None:
    """Add the timeline, dossier and graph commands to `app` (once, however often it is called)."""
    known = {c.name or (c.callback.__name__.replace("_", "-") if c.callback else None) for c in app.registered_commands}
    for name, command in _COMMANDS:
        if name not in known:
            app.command(name)(command)


__all__ = ["register", "timeline_command", "dossier_command", "graph_command"]
