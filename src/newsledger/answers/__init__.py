"""Answers to the questions people bring to the ledger, over the facts it holds.

    from newsledger import Ledger
    from newsledger.answers import timeline, dossier, graph

    with Ledger("newsledger.db") as ledger:
        for line in timeline(ledger, entities=["India", "Russia"], since="2018"):
            print(line["date"], line["precision"], line["summary"])
        about = dossier(ledger, "S-400")          # what it is, its facts by role, counterparties, sources
        arms = graph(ledger, type="arms_transfer") # networkx.DiGraph supplier → recipient

Nothing here prints: each function returns plain data (or a networkx graph),
and `newsledger.cli_answers` formats them. Importing this package registers
the export formats csv, events-csv, parquet, events-parquet, sipri, plover,
graphml and gexf with `newsledger.exports`.
"""

from newsledger.answers.dossier import describe, dossier
from newsledger.answers.graph import FORMATS as GRAPH_FORMATS
from newsledger.answers.graph import graph, to_text, write_graph
from newsledger.answers.tables import (
    event_rows, fact_from_row, fact_row, fact_rows, facts_from_table, plover_records, sipri_rows,
)
from newsledger.answers.timeline import date_precision, resolve, summary, timeline

__all__ = [
    "GRAPH_FORMATS", "date_precision", "describe", "dossier", "event_rows", "fact_from_row", "fact_row", "fact_rows",
    "facts_from_table", "graph", "plover_records", "resolve", "sipri_rows", "summary", "timeline", "to_text",
    "write_graph",
]
