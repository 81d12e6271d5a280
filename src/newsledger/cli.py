"""The command line: a thin skin over `newsledger.Ledger`.

Exit codes: 0 all good; 1 some inputs failed (the others were stored); 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from newsledger.engines import EngineError
from newsledger.errors import NewsledgerError, StoreError, UsageError
from newsledger.ingest.readers import DEFAULT_MAX_SIZE
from newsledger.ledger import IngestReport, Ledger
from newsledger.store import DEFAULT_DB

app = typer.Typer(
    name="newsledger",
    help="Read news about states and arms into a sourced ledger: who sold what to whom, when, and who says so.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="NEWSLEDGER_DB", help="The SQLite store.", show_default=True),
]
KbOption = Annotated[
    list[str] | None,
    typer.Option("--kb", help="A YAML file that adds to or overrides the knowledge base (repeatable; see docs/kb.md)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of a table.")]

F = TypeVar("F", bound=Callable[..., Any])


def _fail(err: Exception) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {err}")
    return typer.Exit(2)


def _open(db: str, *, kb: list[str] | None = None, parse: str = "all") -> Ledger:
    try:
        return Ledger(db, kb=kb or (), parse=parse)
    except StoreError as err:
        raise _fail(err) from err


def _parse_size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower().rstrip("b")
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text)
    except ValueError as err:
        raise typer.BadParameter(f"'{text}' is not a size; write it like 10M or 500k") from err


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (read recursively), globs, or - for JSON Lines on stdin.")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date for every article of this run (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    max_size: Annotated[str, typer.Option("--max-size", help="Largest single-article file to read (e.g. 10M).")] = "10M",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    kb: KbOption = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Processes (or Ray actors) that analyse articles. [default: this machine's cores; with --address, the cluster's CPUs]", show_default=False),
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="Where the analysis runs: local (processes on this machine) or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="With --engine ray: the cluster to use (auto, ray://HOST:10001); without it a private Ray instance is started.")
    ] = None,
    parse: Annotated[
        str,
        typer.Option(
            "--parse",
            help="Which paragraphs the language model parses: all; events (only those with an event word, "
            "about a quarter faster; the others get no named entities); events+names (the others get named entities).",
        ),
    ] = "all",
) -> None:
    """Read articles into the store; re-reading the same articles changes nothing."""
    limit = _parse_size(max_size) if max_size else DEFAULT_MAX_SIZE
    from newsledger.understand import check_parse_mode

    try:
        check_parse_mode(parse)  # before the store file is made
    except UsageError as err:
        raise _fail(err) from err
    ledger = _open(db, kb=kb, parse=parse)
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        TextColumn("{task.completed:,.0f}/{task.total:,.0f} bytes"),
        TextColumn("{task.fields[articles]} articles, {task.fields[rate]:.1f}/s"),
        TimeRemainingColumn(),
        console=err_console,
        disable=quiet or not err_console.is_terminal,
        transient=True,
    )
    from newsledger.ingest.readers import expand

    total = sum(s.size for s in expand(paths)[0])
    import time

    start = time.perf_counter()
    with progress:
        task = progress.add_task("ingest", total=total or None, articles=0, rate=0.0)

        def tick(done_bytes: int, articles: int) -> None:
            elapsed = time.perf_counter() - start
            progress.update(task, completed=done_bytes, articles=articles, rate=articles / elapsed if elapsed else 0.0)

        try:
            report = ledger.ingest(
                paths, published=published, max_size=limit, progress=tick, workers=workers, engine=engine, address=address
            )
        except (UsageError, EngineError) as err:
            raise _fail(err) from err
    _print_report(report, ledger.path)
    ledger.close()
    if report.failed:
        raise typer.Exit(1)


def _print_report(report: IngestReport, db: str) -> None:
    table = Table(title=f"ingest into {db}", show_header=True, header_style="bold")
    table.add_column("articles")
    table.add_column("count", justify="right")
    table.add_row("ingested (new)", str(report.ingested))
    table.add_row("unchanged", str(report.unchanged))
    table.add_row("new versions", str(report.new_versions))
    table.add_row("metadata updated", str(report.updated))
    table.add_row("failed", Text(str(report.failed), style="red" if report.failed else ""))
    console.print(table)
    console.print(f"{report.processed + report.unchanged} articles in {report.seconds:.1f} s ({report.rate:.1f} articles/s)")
    others = {k: v for k, v in report.languages.items() if k not in ("en", "unknown")}
    if others:
        listed = ", ".join(f"{v} {k}" for k, v in sorted(others.items()))
        console.print(f"[yellow]not English:[/] {listed} — stored and searchable, but events are extracted from English text only")
    errors = [p for p in report.problems if p.severity == "error"]
    if errors:
        console.print(f"[bold red]failed ({len(errors)}):[/]")
        for problem in errors:
            console.print(f"  [red]✗[/] {problem.where}: {problem.message}")
    warnings = [p for p in report.warnings if "events are extracted from English" not in p.message]
    if warnings:
        console.print(f"[yellow]warnings ({len(warnings)}):[/]")
        for problem in warnings:
            console.print(f"  [yellow]![/] {problem.where}: {problem.message}")


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most this many.")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Only articles in this language (ISO 639-1).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the articles in the store, newest first."""
    with _open(db) as ledger:
        rows = ledger.articles(limit=limit, language=language)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("id", "published", "lang", "source", "title", "chars"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["id"], row["published"] or "?", row["language"] or "?", row["source"] or "",
            (row["title"] or "")[:70], f"{row['chars']:,}",
        )
    console.print(table)
    console.print(f"{len(rows)} articles")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="The article's id.")],
    db: DbOption = DEFAULT_DB,
    version: Annotated[int | None, typer.Option("--version", help="An older version.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: its metadata, cleaned text and what cleaning removed."""
    with _open(db) as ledger:
        try:
            data = ledger.article(article_id, version=version)
            ledger_analysis = ledger.analysis(article_id) if version is None else {"mentions": [], "timexes": [], "amounts": []}
            article_events = ledger.events(article=article_id) if version is None else []
        except UsageError as err:
            raise _fail(err) from err
    if as_json:
        data.pop("offset_map", None)
        data.pop("markup", None)
        data.update(ledger_analysis)
        data["events"] = [{k: v for k, v in e.items() if k != "pk"} for e in article_events]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    published = f"{data['published']} ({data['published_precision']}, from {data['published_source']})" if data["published"] else "unknown"
    language = f"{data['language'] or '?'}" + (f" ({data['language_score']:.2f})" if data["language_score"] else "")
    for key, value in (
        ("id", f"{data['id']} (version {data['version']} of {len(data['versions'])})"),
        ("title", data["title"] or ""),
        ("source", data["source"] or ""),
        ("url", data["url"] or ""),
        ("published", published),
        ("language", language),
        ("input", f"{data['input_path'] or '<stdin>'} ({data['input_format']})"),
        ("sentences", str(len(data["sentences"]))),
    ):
        meta.add_row(key, value)
    console.print(meta)
    if data["language"] not in (None, "en"):
        console.print("[yellow]Not English: stored and searchable; events are extracted from English text only.[/]")
    analysis = ledger_analysis
    console.rule("text")
    console.print(_highlighted(data, analysis))
    if analysis["mentions"]:
        console.rule("entities")
        table = Table(show_header=True, header_style="bold", box=None)
        for column in ("text", "type", "entity", "wikidata", "how", "conf"):
            table.add_column(column)
        for m in analysis["mentions"]:
            entity = f"{m['entity_id']} ({m['entity_name']})" if m["entity_id"] else "[dim]unlinked[/]"
            table.add_row(m["text"], m["type"], entity, m["wikidata"] or "", m["how"], f"{m['confidence']:.2f}")
        console.print(table)
    if analysis["timexes"]:
        console.rule("dates")
        for t in analysis["timexes"]:
            mod = f" {t['mod']}" if t["mod"] else ""
            flag = " (publication date inferred)" if t["uncertain"] else ""
            console.print(f"{t['text']!r:32} {t['type']:<9} {t['value']}{mod}{flag}")
    if analysis["amounts"]:
        console.rule("amounts")
        for a in analysis["amounts"]:
            usd = f"  ≈ ${a['usd']:,.0f} ({a['fx_year']} rate)" if a["usd"] is not None and a["unit"] != "USD" else ""
            bound = f" [{a['bound']}]" if a["bound"] else ""
            value = "?" if a["value"] is None else f"{a['value']:,.10g}"
            console.print(f"{a['text']!r:40} {a['kind']:<8} {value} {a['unit'] or ''}{bound}{usd}")
    if article_events:
        console.rule("events")
        for event in article_events:
            console.print(Text.assemble((f"{event['type']}", "bold"), f" [{event['status'] or '-'}] {event['date'] or ''}  ", _event_summary(event)))
            shown = set()
            for ev in event["evidence"]:
                if ev["start"] not in shown:
                    shown.add(ev["start"])
                    console.print(Text("   “") + _trigger_highlighted(ev) + Text("”"))
    if data["removed"]:
        console.rule("removed by cleaning")
        for r in data["removed"]:
            console.print(Text.assemble((f"[{r['rule']}] ", "dim"), r["text"]))


def _trigger_highlighted(evidence: dict[str, Any]) -> Text:
    text = Text(evidence["text"].rstrip())
    start = evidence["trigger_start"] - evidence["start"]
    end = evidence["trigger_end"] - evidence["start"]
    if 0 <= start < end <= len(evidence["text"]):
        text.stylize("bold reverse", start, end)
    return text


_STYLE = {"state": "bold cyan", "person": "bold magenta", "weapon_system": "bold yellow", "organisation": "bold blue",
          "place": "green", "law": "bold red"}


def _highlighted(data: dict[str, Any], analysis: dict[str, list[dict[str, Any]]]) -> Text:
    """The cleaned text with entity mentions coloured by type and dates underlined."""
    from newsledger.model import OffsetMap

    raw_to_clean: dict[int, int] = {}
    runs = OffsetMap.from_list(json.loads(data["offset_map"])).runs
    text = Text(data["text"])

    def clean(raw: int) -> int | None:
        for c, r, n in runs:
            if r <= raw <= r + n:
                return c + raw - r
        return raw_to_clean.get(raw)

    for m in analysis["mentions"]:
        start, end = clean(m["start"]), clean(m["end"])
        if start is not None and end is not None:
            text.stylize(_STYLE.get(m["type"], "italic") if m["entity_id"] else "italic", start, end)
    for t in analysis["timexes"]:
        start, end = clean(t["start"]), clean(t["end"])
        if start is not None and end is not None:
            text.stylize("underline", start, end)
    return text


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="state, person, organisation, weapon_system, place, law")] = None,
    unlinked: Annotated[bool, typer.Option("--unlinked", help="Only names the knowledge base does not know.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
    as_json: JsonOption = False,
) -> None:
    """What the articles mention, most mentioned first, with knowledge-base ids."""
    with _open(db) as ledger:
        rows = ledger.entities(type=type, linked=False if unlinked else None, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("entity", "name", "type", "wikidata", "mentions", "articles"):
        table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for row in rows:
        table.add_row(row["id"] or "[dim]unlinked[/]", row["name"], row["type"], row["wikidata"] or "",
                      str(row["mentions"]), str(row["articles"]))
    console.print(table)


def _role_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_role_text(v) for v in value)
    if isinstance(value, dict):
        if all(isinstance(v, int) for v in value.values()) and "name" not in value:
            return ", ".join(f"{k} {v}" for k, v in value.items())
        return str(value.get("name") or value.get("id"))
    if isinstance(value, float):
        return f"${value:,.0f}" if value >= 1000 else f"{value:g}"
    return str(value)


def _event_summary(event: dict[str, Any]) -> str:
    roles = event["roles"]
    skip = {"status", "date"}
    return "; ".join(f"{role}: {_role_text(value)}" for role, value in roles.items() if role not in skip)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="arms_transfer, agreement, meeting, armed_clash, sanction, deployment, trade")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="A KB id or a name: India, IN, Putin, S-400.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Events dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Events dated on or before.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the events extracted from the articles, oldest first."""
    with _open(db) as ledger:
        rows = ledger.events(type=type, entity=entity, since=since, until=until, limit=limit)
    if as_json:
        for row in rows:
            row.pop("pk", None)
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("date", "type", "status", "roles", "article", "conf"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["date"] or "?", row["type"], row["status"] or "", _event_summary(row), row["article_id"], f"{row['confidence']:.2f}")
    console.print(table)
    console.print(f"{len(rows)} events")


@app.command()
def facts(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="arms_transfer, agreement, meeting, armed_clash, sanction, deployment, trade")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="A KB id or a name: India, IN, Putin, S-400.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="What the ledger knew on this date (reports published by then).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n")] = None,
    as_json: JsonOption = False,
) -> None:
    """List facts: events fused across articles, with their sources."""
    with _open(db) as ledger:
        rows = ledger.facts(type=type, entity=entity, as_of=as_of, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("id", "date", "type", "status", "roles", "sources", "!"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["date"] or "?", row["type"], row["status"] or "", _event_summary(row),
                      str(len(row["sources"])), "⚠" if row["contradictions"] else "")
    console.print(table)
    console.print(f"{len(rows)} facts" + (f" as of {as_of}" if as_of else ""))


@app.command()
def fact(
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="The fact's id (from `newsledger facts`).")],
    db: DbOption = DEFAULT_DB,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The fact as reported by this date.")] = None,
    as_json: JsonOption = False,
) -> None:
    """One fact: its roles with their support, every source with its evidence, the history and contradictions."""
    with _open(db) as ledger:
        try:
            record = ledger.fact(fact_id, as_of=as_of)
        except UsageError as err:
            raise _fail(err) from err
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console.print(Text.assemble((f"{record['type']} ", "bold"), f"{record['id']}  [{record['status'] or '-'}] {record['date'] or ''}"))
    for role, value in record["roles"].items():
        support = record["role_support"].get(role, {})
        differ = f"  [red]differ: {', '.join(support['differ'])}[/]" if support.get("differ") else ""
        console.print(f"  [bold]{role}[/]: {_role_text(value)}  [dim]({len(support.get('agree', []))} sources)[/]{differ}")
    console.print(f"reported {record['first_reported']} … {record['last_reported']} by {len(record['sources'])} articles")
    if record["history"]:
        console.rule("history (as of each report)")
        for step in record["history"]:
            console.print(f"  {step['as_of']}  {step['summary']}  [dim]{', '.join(step['sources'])}[/]")
    if record["contradictions"]:
        console.rule("contradictions")
        for c in record["contradictions"]:
            sides = " vs ".join(f"{_role_text(s['value'])} ({', '.join(s['sources'])})" for s in c["sides"])
            console.print(f"  [red]{c['role']}[/]: {sides}")
    console.rule("sources")
    for report in record["reports"]:
        console.print(Text.assemble((f"{report['article_id']}", "bold"), f"  {report['published'] or '?'}  {report['source'] or ''}"))
        for ev in report["evidence"]:
            console.print(f"   “{ev['text']}”")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in English, e.g. \"What has India bought from Russia since 2018?\"")],
    db: DbOption = DEFAULT_DB,
    llm: Annotated[str | None, typer.Option("--llm", help="An OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp) to phrase the answer; optional.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a question from the ledger, every statement with its sources."""
    with _open(db) as ledger:
        try:
            answer = ledger.ask(question, llm=llm)
        except NewsledgerError as err:
            raise _fail(err) from err
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    if llm and answer.parsed.get("llm"):
        console.print(Text(answer.parsed["llm"]))
        console.rule("from the ledger")
    console.print(Text(answer.text))
    if answer.citations:
        console.rule("sources")
        for c in answer.citations:
            meta = ", ".join(x for x in (c.published, c.source) if x)
            console.print(Text.assemble((f"[{c.n}] ", "bold"), (f"{c.article_id}", "bold"), f" ({meta})  “{c.evidence}”" if meta else f"  “{c.evidence}”"))


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    min_size: Annotated[int, typer.Option("--min-size", help="Only stories of at least this many articles.")] = 2,
    limit: Annotated[int | None, typer.Option("--limit", "-n")] = None,
    as_json: JsonOption = False,
) -> None:
    """Stories: duplicates, syndicated copies and articles about the same news event, grouped."""
    with _open(db) as ledger:
        rows = ledger.stories(min_size=min_size, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    for row in rows:
        console.print(Text.assemble((f"{row['id']}", "bold"), f"  {row['size']} articles, {row['first_published'] or '?'} … {row['last_published'] or '?'}"))
        for a in row["articles"]:
            how = f"{a['how']}" + (f" {a['similarity']:.2f}" if a.get("similarity") else "")
            console.print(f"   {a['published'] or '?'}  {a['id']}  [dim]({how})[/]  {a['title'] or ''}")
    console.print(f"{len(rows)} stories of {min_size} or more articles")


@app.command()
def reconcile(
    sipri: Annotated[str, typer.Option("--sipri", help="A SIPRI trade register as SIPRI exports it (CSV with its preamble).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    out: Annotated[str, typer.Option("--out", "-o", help="File to write, or - for standard output.")] = "-",
) -> None:
    """Match the ledger's arms transfers to SIPRI register rows: what agrees, what differs, what SIPRI lacks."""
    with _open(db) as ledger:
        try:
            report = ledger.reconcile(sipri)
        except NewsledgerError as err:
            raise _fail(err) from err
    if format == "json":
        text = report.to_json(indent=2)
    elif format == "csv":
        import io

        buffer = io.StringIO()
        report.to_csv(buffer)
        text = buffer.getvalue()
    elif format == "table":
        table = Table(show_header=True, header_style="bold")
        for column in ("fact", "supplier → recipient", "item", "date", "SIPRI row", "agrees", "differs / reason"):
            table.add_column(column, overflow="fold")
        for row in report.to_rows():
            sipri_row = f"{row['sipri_designation']} {row['sipri_order_year']} (line {row['sipri_line']})" if row["sipri_line"] else "—"
            table.add_row(row["fact_id"], f"{row['supplier']} → {row['recipient']}", row["item"] or "", row["date"] or "",
                          sipri_row, row["agrees"] or "", row["differs"] or row["reason"] or "")
        console.print(table)
        console.print(", ".join(f"{k}: {v}" for k, v in report.summary().items() if not isinstance(v, dict)))
        return
    else:
        raise _fail(UsageError(f"no reconcile format '{format}'; choose table, csv or json"))
    if out == "-":
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        Path(out).write_text(text, encoding="utf-8")
        err_console.print(f"wrote the reconciliation to {out}")


@app.command()
def remove(
    article_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Articles to delete, every version.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Delete articles; facts lose their support, and facts left with none are dropped."""
    with _open(db) as ledger:
        try:
            count = ledger.remove(article_ids)
        except UsageError as err:
            raise _fail(err) from err
    console.print(f"removed {count} article(s)")


@app.command()
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Summarise what the store holds."""
    with _open(db) as ledger:
        data = ledger.stats()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("store", f"{data['path']} (schema {data['schema_version']})")
    grid.add_row("articles", f"{data['articles']:,} ({data['versions']:,} versions, {data['sentences']:,} sentences)")
    grid.add_row("languages", ", ".join(f"{k} {v}" for k, v in data["languages"].items()) or "-")
    pub = data["published"]
    grid.add_row("published", f"{pub['earliest'] or '?'} … {pub['latest'] or '?'} ({pub['unknown']} unknown)")
    grid.add_row("sources", ", ".join(f"{k} {v}" for k, v in data["sources"].items()) or "-")
    grid.add_row("mentions", f"{data['mentions']['total']:,} ({data['mentions']['linked']:,} linked to the knowledge base)")
    grid.add_row("dates, amounts", f"{data['timexes']:,} time expressions, {data['amounts']:,} amounts")
    grid.add_row("events", ", ".join(f"{k} {v}" for k, v in data["events"].items()) or "-")
    grid.add_row("facts", f"{data['facts']['total']:,} ({data['facts']['multi_source']:,} from several articles, {data['facts']['contradicted']:,} with contradictions)")
    grid.add_row("ingest runs", f"{data['runs']} ({data['interrupted_runs']} interrupted)")
    console.print(grid)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over the sentences of the stored articles (BM25 ranking)."""
    with _open(db) as ledger:
        rows = ledger.search(query, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        console.print(Text.assemble((f"{row['article_id']} ", "bold"), (f"({row['published'] or '?'}) ", "dim"), row["text"]))
    if not rows:
        console.print("no sentence matches")


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="What to write; `newsledger export --list` names them.")] = "articles",
    out: Annotated[str, typer.Option("--out", "-o", help="File to write, or - for standard output.")] = "-",
    db: DbOption = DEFAULT_DB,
    list_formats: Annotated[bool, typer.Option("--list", help="List the export formats and exit.")] = False,
) -> None:
    """Write the store's contents in a machine-readable format."""
    from newsledger.exports import formats

    if list_formats:
        for name, description in formats().items():
            console.print(f"[bold]{name}[/]  {description}")
        return
    with _open(db) as ledger:
        try:
            count = ledger.export(format, out)
        except UsageError as err:
            raise _fail(err) from err
    if out != "-":
        err_console.print(f"wrote {count} {format} records to {out}")


from newsledger.cli_answers import register as _register_answers  # noqa: E402  (timeline, dossier, graph)

_register_answers(app)


def main() -> None:
    try:
        app()
    except NewsledgerError as err:
        err_console.print(f"[bold red]error:[/] {err}")
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()


__all__ = ["app", "main"]
