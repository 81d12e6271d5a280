"""Reconciling newsledger's arms-transfer facts with the SIPRI Arms Transfers Database.

    register = read_register("sipri-trade-register.csv")   # a list of RegisterRow
    report = reconcile(facts, register, load_kb())
    report.to_csv(sys.stdout)   # or report.to_rows(), report.to_json()

Analysts check news against SIPRI's trade register; this does the matching
(parties, weapon family, order year) and says per fact which fields agree, which
differ and by how much, or why no row matched ("not covered by SIPRI" for small
arms, "newer than the register", ...). Nothing is printed; the CLI formats.
"""

from newsledger.sipri.names import SIPRI_NAMES, PartyResolver, designation_keys
from newsledger.sipri.reconcile import EXACT, FAMILY, NAME, VARIANT, reconcile
from newsledger.sipri.register import DealValue, Register, RegisterRow, parse_deal_value, read_register
from newsledger.sipri.report import (
    COLUMNS, NEWER, NO_ITEM, NO_PARTIES, NOT_COVERED, NOT_FOUND, REASONS, Check, FactResult, Report,
)

__all__ = [
    "COLUMNS", "EXACT", "FAMILY", "NAME", "NEWER", "NOT_COVERED", "NOT_FOUND", "NO_ITEM", "NO_PARTIES", "REASONS",
    "SIPRI_NAMES", "VARIANT", "Check", "DealValue", "FactResult", "PartyResolver", "Register", "RegisterRow",
    "Report", "designation_keys", "parse_deal_value", "read_register", "reconcile",
]
