"""Reading a SIPRI Arms Transfers Database trade register (the CSV export).

The export is not a clean CSV: it opens with a preamble of notes, its header has
blank-named columns that hold '?' marks for the column before them, it is written
in Windows-1252, and a few comments carry an unquoted line break that splits one
record over two lines. The reader takes all of that in its stride and names the
line of anything it cannot read.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from newsledger.errors import InputError
from newsledger.kb import KnowledgeBase, load_kb
from newsledger.sipri.names import PartyResolver

# Header names (folded) → RegisterRow fields. A blank-named column after one of these
# holds the '?' mark of that column.
COLUMNS: dict[str, str] = {
    "recipient": "recipient",
    "supplier": "supplier",
    "year of order": "order_year",
    "number ordered": "number_ordered",
    "weapon designation": "designation",
    "weapon description": "description",
    "number delivered": "number_delivered",
    "year(s) of delivery": "delivery_years",
    "status": "status",
    "comments": "comments",
    "sipri tiv per unit": "tiv_per_unit",
    "sipri tiv for total order": "tiv_total",
    "sipri tiv of delivered weapons": "tiv_delivered",
}
REQUIRED = ("recipient", "supplier", "order_year", "designation")
_UNCERTAIN_OF = {"order_year", "number_ordered", "number_delivered"}

_UNITS = {"b": 10**9, "bn": 10**9, "billion": 10**9, "m": 10**6, "mn": 10**6, "million": 10**6,
          "k": 10**3, "thousand": 10**3}
_MONEY = re.compile(
    r"(?<![A-Za-z])(?P<cur>\$|[A-Z]{2,4})\s?(?P<lo>\d+(?:\.\d+)?)(?:\s?-\s?(?P<hi>\d+(?:\.\d+)?))?"
    r"\s?(?P<unit>billion|million|thousand|bn|mn|b|m|k)(?![A-Za-z])"
)
_DATA_GENERATED = re.compile(r"Data generated:\s*(\d{1,2} \w{3} \d{4})")


@dataclass(frozen=True, slots=True)
class DealValue:
    """A deal's value as a row's Comments give it ("EUR2 b ($2.2 b) deal").

    usd is the US-dollar value (the middle of a range such as "$1.1-1.3 b"), None when
    SIPRI gives only another currency (no rates are applied: SIPRI's own conversion
    is the one to compare with). tolerance is half the last digit SIPRI wrote, so a
    value "agrees" when it rounds to SIPRI's figure. part_of: the value is for a
    larger deal this row is only part of ("Part of $40-45 m deal").
    """

    text: str
    currency: str
    amount: float
    usd: float | None
    usd_low: float | None
    usd_high: float | None
    tolerance: float | None
    part_of: bool


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One row of the trade register: one order of one weapon by one recipient from one supplier."""

    line: int
    recipient: str
    supplier: str
    recipient_id: str | None
    supplier_id: str | None
    order_year: int | None
    order_year_uncertain: bool
    number_ordered: int | None
    number_ordered_uncertain: bool
    designation: str
    description: str
    number_delivered: int | None
    number_delivered_uncertain: bool
    delivery_years: tuple[int, ...]
    status: str
    comments: str
    value: DealValue | None
    tiv_per_unit: float | None
    tiv_total: float | None
    tiv_delivered: float | None

    @property
    def value_usd(self) -> float | None:
        return self.value.usd if self.value else None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the row's fields with the value flattened in."""
        data = asdict(self)
        data["delivery_years"] = list(self.delivery_years)
        data["value_usd"] = self.value_usd
        return data


class Register(list[RegisterRow]):
    """The rows of a register (a list) and what the preamble says about them.

    data_date: the "Data generated" date; covered_until: the last year any row
    records, which is the real edge of the data (SIPRI publishes a year's
    deliveries in the following March). repaired: lines that were joined to the
    line before (a comment broken by a line break); problems: rows skipped with
    errors="skip".
    """

    def __init__(self, rows: list[RegisterRow] | None = None, *, path: str = "", encoding: str = "",
                 data_date: dt.date | None = None, title: str = "") -> None:
        super().__init__(rows or [])
        self.path = path
        self.encoding = encoding
        self.data_date = data_date
        self.title = title
        self.repaired: list[int] = []
        self.problems: list[str] = []

    @property
    def covered_until(self) -> int | None:
        years = [y for r in self for y in (r.order_year, *r.delivery_years) if y]
        return max(years) if years else None


def read_register(path: str | os.PathLike[str], kb: KnowledgeBase | None = None, *,
                  errors: Literal["raise", "skip"] = "raise") -> Register:
    """Read a SIPRI trade-register CSV export into RegisterRows.

    Party names get KB ids (`kb` defaults to `load_kb()`). A line that cannot be read
    raises InputError naming the file and line; with errors="skip" it is left out and
    described in `register.problems` instead.
    """
    path = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read the SIPRI register ({err.strerror})", where=path) from err
    text, encoding = _decode(raw)
    lines = re.split(r"\r\n|\r|\n", text)
    header_at = _find_header(lines, path)
    meta = _preamble(lines[:header_at])
    columns = _columns(lines[header_at], header_at + 1, path)
    register = Register(path=path, encoding=encoding, data_date=meta[0], title=meta[1])
    parties = PartyResolver(kb or load_kb())
    for line_no, fields, joined in _records(lines, header_at + 1, len(columns)):
        where = f"{path}, line {line_no}"
        try:
            if len(fields) != len(columns):
                raise InputError(
                    f"expected {len(columns)} comma-separated fields, found {len(fields)}; "
                    "fix the line or re-export the register", where=where)
            register.append(_row(line_no, fields, columns, parties, where))
        except InputError as err:
            if errors == "raise":
                raise
            register.problems.append(str(err))
            continue
        register.repaired.extend(joined)
    return register


def _decode(raw: bytes) -> tuple[str, str]:
    """SIPRI writes Windows-1252; accept UTF-8 (with or without BOM) from re-saved files."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def _split(line: str) -> list[str]:
    return next(csv.reader([line]), [])


def _find_header(lines: list[str], path: str) -> int:
    for n, line in enumerate(lines[:200]):
        cells = [c.strip().lower() for c in _split(line)]
        if "recipient" in cells and "supplier" in cells and "weapon designation" in cells:
            return n
    raise InputError("no header line (Recipient,Supplier,...,Weapon designation,...) in the first 200 lines; "
                     "is this a SIPRI trade-register CSV export?", where=path)


def _preamble(lines: list[str]) -> tuple[dt.date | None, str]:
    """The data date ("Data generated: 13 Mar 2025 ...") and the title line."""
    data_date = None
    for line in lines:
        m = _DATA_GENERATED.search(line)
        if m:
            try:
                data_date = dt.datetime.strptime(m.group(1), "%d %b %Y").date()
            except ValueError:
                pass
    title = next((ln.strip() for ln in lines if ln.strip()), "")
    return data_date, title


def _columns(line: str, line_no: int, path: str) -> list[str | None]:
    """Field name per column: a RegisterRow field, "<field>?" for a '?' column, None to ignore."""
    out: list[str | None] = []
    for cell in _split(line):
        name = cell.strip().lower()
        if not name:
            before = out[-1] if out else None
            out.append(f"{before}?" if before in _UNCERTAIN_OF else None)
        else:
            out.append(COLUMNS.get(name))
    missing = [f for f in REQUIRED if f not in out]
    if missing:
        raise InputError(f"the header lacks {', '.join(missing)}", where=f"{path}, line {line_no}")
    return out


def _records(lines: list[str], start: int, width: int):
    """(line number, fields, joined line numbers) per record, mending broken comments.

    A record shorter than the header whose fields, with the next lines', add up to
    exactly the header's width is one record split by line breaks inside a field
    (SIPRI's export leaves those unquoted). Anything else is passed on as it is,
    for the caller to name.
    """
    n = start
    while n < len(lines):
        line = lines[n]
        n += 1
        if not line.strip():
            continue
        fields = _split(line)
        line_no = n
        merged, ahead, joined = fields, n, []
        while len(merged) < width and ahead < len(lines) and lines[ahead].strip():
            more = _split(lines[ahead])
            if len(merged) + len(more) - 1 > width:
                break
            merged = merged[:-1] + [" ".join(p for p in (merged[-1].strip(), more[0].strip()) if p)] + more[1:]
            ahead += 1
            joined.append(ahead)
        if joined and len(merged) == width:
            fields, n = merged, ahead
        else:
            joined = []
        yield line_no, fields, joined


def _row(line_no: int, fields: list[str], columns: list[str | None], parties: PartyResolver, where: str) -> RegisterRow:
    cells: dict[str, str] = {}
    for name, value in zip(columns, fields):
        if name:
            cells[name] = value.strip()
    order_year, year_q = _int(cells, "order_year", where)
    ordered, ordered_q = _int(cells, "number_ordered", where)
    delivered, delivered_q = _int(cells, "number_delivered", where)
    recipient, supplier = cells.get("recipient", ""), cells.get("supplier", "")
    if not recipient or not supplier or not cells.get("designation"):
        raise InputError("a row needs a recipient, a supplier and a weapon designation", where=where)
    comments = cells.get("comments", "")
    return RegisterRow(
        line=line_no, recipient=recipient, supplier=supplier,
        recipient_id=parties.sipri_id(recipient), supplier_id=parties.sipri_id(supplier),
        order_year=order_year, order_year_uncertain=year_q,
        number_ordered=ordered, number_ordered_uncertain=ordered_q,
        designation=cells["designation"], description=cells.get("description", ""),
        number_delivered=delivered, number_delivered_uncertain=delivered_q,
        delivery_years=_years(cells.get("delivery_years", ""), where),
        status=cells.get("status", ""), comments=comments, value=parse_deal_value(comments),
        tiv_per_unit=_float(cells, "tiv_per_unit", where), tiv_total=_float(cells, "tiv_total", where),
        tiv_delivered=_float(cells, "tiv_delivered", where),
    )


def _int(cells: dict[str, str], name: str, where: str) -> tuple[int | None, bool]:
    """A whole number and its '?' mark (from the next column, or a trailing '?')."""
    value = cells.get(name, "")
    uncertain = cells.get(f"{name}?", "") == "?" or value.endswith("?")
    value = value.rstrip("?").strip()
    if not value:
        return None, uncertain
    if not value.isdigit():
        raise InputError(f"'{value}' in column {_label(name)} is not a whole number", where=where)
    return int(value), uncertain


def _float(cells: dict[str, str], name: str, where: str) -> float | None:
    value = cells.get(name, "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise InputError(f"'{value}' in column {_label(name)} is not a number", where=where) from None


def _years(value: str, where: str) -> tuple[int, ...]:
    if not value:
        return ()
    years = [v.strip().rstrip("?") for v in value.split(";") if v.strip()]
    if not all(len(y) == 4 and y.isdigit() for y in years):
        raise InputError(f"'{value}' in column Year(s) of delivery is not a list of years like '2022; 2023'",
                         where=where)
    return tuple(int(y) for y in years)


def _label(name: str) -> str:
    return next((k.capitalize() for k, v in COLUMNS.items() if v == name), name)


def parse_deal_value(comment: str) -> DealValue | None:
    """The deal value a SIPRI comment states, or None.

    Takes the first US-dollar amount in a clause about the deal (else the first
    at all), which SIPRI writes as the deal value or as the conversion of a
    local-currency value ("EUR2 b ($2.2 b) deal"). Amounts
    for offsets or included items ("incl $20 m for spares", "offsets $100 m")
    are passed over. Without any dollar amount the first other currency is kept
    with usd=None.
    """
    if not comment or not any(c.isdigit() for c in comment):
        return None
    dollars, foreign = [], None
    for m in _MONEY.finditer(comment):
        if _aside(comment, m.start()):
            continue
        if m.group("cur") == "$":
            dollars.append(m)
        elif foreign is None:
            foreign = m
    deal = [m for m in dollars if re.search(r"\bdeal\b|programme|contract", _clause(comment, m)[2], re.IGNORECASE)]
    chosen = (deal or dollars or [None])[0]
    m = chosen or foreign
    if m is None:
        return None
    unit = Decimal(_UNITS[m.group("unit")])
    lo = Decimal(m.group("lo")) * unit
    hi = Decimal(m.group("hi")) * unit if m.group("hi") else lo
    decimals = max(_decimals(m.group("lo")), _decimals(m.group("hi") or "0"))
    tolerance = float(unit * Decimal(5) / Decimal(10 ** (decimals + 1)))
    amount = float((lo + hi) / 2)
    usd = m.group("cur") == "$"
    clause_start, _, text = _clause(comment, m)
    part_of = bool(re.match(r"\s*part of\b", comment[clause_start:], re.IGNORECASE))
    return DealValue(
        text=text, currency="USD" if usd else m.group("cur"), amount=amount,
        usd=amount if usd else None, usd_low=float(lo) if usd else None, usd_high=float(hi) if usd else None,
        tolerance=tolerance if usd else None, part_of=part_of,
    )


def _clause(comment: str, m: re.Match[str]) -> tuple[int, int, str]:
    """The ';'-separated clause around a match (a ';' inside parentheses does not count)."""
    start, depth = 0, 0
    for i, ch in enumerate(comment):
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth <= 0:
            if i >= m.end():
                return start, i, comment[start:i].strip()
            start = i + 1
    return start, len(comment), comment[start:].strip()


def _aside(comment: str, at: int) -> bool:
    """True for an amount that is an offset, a duty or an included part, not the deal's value."""
    lead_start = max(comment.rfind(";", 0, at), comment.rfind("(", 0, at)) + 1
    lead = comment[lead_start:at].lower()
    return bool(re.search(r"offset|\bincl\b|duties", lead))


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


__all__ = ["DealValue", "Register", "RegisterRow", "parse_deal_value", "read_register"]
