"""The SIPRI reconciler: reading the trade register, matching facts to its rows, the report.

Facts here are written by hand for the tests; the knowledge base is the real one.
Tests on the real register read it from ../shared/reference and skip when it is
absent; tests of the reader's edge cases use small CSV files in SIPRI's layout
with invented rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from newsledger.errors import InputError
from newsledger.kb import load_kb
from newsledger.sipri import (
    COLUMNS, EXACT, NEWER, NO_ITEM, NO_PARTIES, NOT_COVERED, NOT_FOUND, VARIANT, Register, designation_keys,
    parse_deal_value, read_register, reconcile,
)
from newsledger.sipri.names import description_classes

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
REGISTER = REFERENCE / "sipri-trade-register-2025-03-13.csv"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def register(kb) -> Register:
    if not REGISTER.exists():
        pytest.skip(f"needs the SIPRI trade register at {REGISTER} (team's shared data, not in the repository)")
    return read_register(REGISTER, kb)


def fact(fid: str, supplier: str | None, recipient: str | None, item: Any = None, **roles: Any) -> dict[str, Any]:
    """A fact in newsledger's facts export format; parties and items by KB id."""
    out: dict[str, Any] = {}
    if supplier:
        out["supplier"] = {"id": supplier}
    if recipient:
        out["recipient"] = {"id": recipient}
    if item is not None:
        out["item"] = item
    out.update(roles)
    return {"id": fid, "type": "arms_transfer", "roles": out, "sources": [f"article-{fid}"]}


def one(facts: list[dict[str, Any]], rows, kb):
    (result,) = reconcile(facts, rows, kb).results
    return result


# -- the real register ------------------------------------------------------------------------

def test_reads_the_whole_register_with_its_preamble_and_broken_comments(register: Register) -> None:
    assert len(register) > 29000
    assert register.encoding == "cp1252"
    assert register.data_date == dt.date(2025, 3, 13)
    assert register.covered_until == 2024
    # a few comments in the export carry an unquoted line break; those records are mended
    assert register.repaired and not register.problems
    assert all(r.designation and r.recipient and r.supplier for r in register)


def test_the_india_s400_row_in_full(register: Register) -> None:
    (row,) = [r for r in register if r.recipient == "India" and r.supplier == "Russia"
              and r.designation == "S-400 Triumf"]
    assert (row.recipient_id, row.supplier_id, row.order_year, row.number_ordered) == ("IN", "RU", 2018, 10)
    assert not row.order_year_uncertain
    assert row.number_delivered == 6 and row.delivery_years == (2021, 2022, 2023)
    assert row.description == "SAM system"
    assert row.value is not None and row.value.usd == 5.4e9 and "$5.4 b" in row.value.text
    assert row.tiv_per_unit == 65.0 and row.to_dict()["value_usd"] == 5.4e9


def test_sipri_country_names_map_to_kb_states(register: Register) -> None:
    ids = {r.recipient: r.recipient_id for r in register} | {r.supplier: r.supplier_id for r in register}
    expected = {"Soviet Union": "SU", "Russia": "RU", "United States": "US", "South Korea": "KR", "Turkiye": "TR",
                "UAE": "AE", "Viet Nam": "VN", "Congo": "CG", "DR Congo": "CD", "East Germany (GDR)": "DD",
                "Czechia": "CZ", "Cote d'Ivoire": "CI", "Hezbollah (Lebanon)*": "hezbollah", "NATO**": "nato"}
    assert {name: ids.get(name) for name in expected} == expected
    # rebels and unknowns are not turned into a state
    assert ids["Syria rebels*"] is None and ids["unknown supplier(s)"] is None


def test_india_russia_s400_matches_and_reports_the_value_difference(register: Register, kb) -> None:
    result = one([fact("s400", "RU", "IN", {"id": "s-400", "name": "S-400 Triumf"}, quantity=5, value_usd=5.5e9,
                       date="2018", status="ordered", delivery_date="2020-10")], register, kb)
    assert result.row is not None and result.row.designation == "S-400 Triumf" and result.row.order_year == 2018
    assert (result.strength, result.designation_match, result.reason) == ("strong", EXACT, None)
    # SIPRI's comment gives the deal as $5.4 b (converted from rupees): 5.5 b differs from it by 1.9%
    value = result.check("value")
    assert value is not None and value.agrees is False and value.sipri == 5.4e9
    assert "+1.9%" in value.note
    assert {"order_year", "status"} <= set(result.agrees)
    assert {"value", "number", "delivery"} <= set(result.differs)
    assert result.check("number").note == "5 vs 10 ordered"
    assert "2021-2023" in result.check("delivery").note


def test_ak203_licensed_production_is_not_covered_by_sipri(register: Register, kb) -> None:
    result = one([fact("ak", "RU", "IN", {"id": "ak-203", "name": "AK-203"}, quantity=600000,
                       status="licensed_production", date="2021-12")], register, kb)
    assert result.row is None and result.reason == NOT_COVERED


def test_a_fact_after_the_register_is_newer_than_it(register: Register, kb) -> None:
    result = one([fact("new", "RU", "IN", {"id": "s-400"}, date="2026-02", status="ordered")], register, kb)
    assert result.row is None and result.reason == NEWER
    assert any("2018" in note for note in result.notes)  # the analyst is pointed at the 2018 order


def test_a_mismatched_supplier_does_not_match(register: Register, kb) -> None:
    result = one([fact("us", "US", "IN", {"id": "s-400"}, date="2018")], register, kb)
    assert result.row is None and result.reason == NOT_FOUND
    assert any("from Russia" in note for note in result.notes)


def test_the_soviet_union_counts_for_russia_and_back(register: Register, kb) -> None:
    # news calls the 1994 MiG-29 order Soviet; SIPRI books it to Russia
    soviet = one([fact("su", "SU", "IN", {"id": "mig-29"}, date="1994")], register, kb)
    assert soviet.row is not None and soviet.row.supplier == "Russia" and soviet.row.order_year == 1994
    assert any("continuing" in note for note in soviet.notes)
    # and "Russia sold India MiG-29s in 1986" finds the Soviet order
    russian = one([fact("ru", "RU", "IN", {"id": "mig-29"}, date="1986")], register, kb)
    assert russian.row is not None and russian.row.supplier == "Soviet Union" and russian.row.order_year == 1986


def test_a_version_listed_under_its_base_designation(register: Register, kb) -> None:
    # SIPRI books India's Su-30MKI as "Su-30MK" with "Su-30MKI version" in the comments
    result = one([fact("mki", "RU", "IN", {"id": "su-30mki"}, date="2012", quantity=42, value_usd=1.6e9)],
                 register, kb)
    assert result.row is not None and result.row.designation == "Su-30MK" and result.designation_match == VARIANT
    assert result.check("value").agrees and result.check("number").agrees


def test_an_undated_fact_matches_any_year_but_weakly(register: Register, kb) -> None:
    result = one([fact("undated", "RU", "CN", {"id": "s-400"})], register, kb)
    assert result.row is not None and result.row.designation == "S-400 Triumf"
    assert result.strength == "weak" and "weak: undated" in result.notes


def test_a_delivery_dated_fact_matches_the_order_it_delivers(register: Register, kb) -> None:
    result = one([fact("d", "RU", "IN", {"id": "s-400"}, date="2022-05", status="delivered")], register, kb)
    assert result.row is not None and result.row.order_year == 2018
    assert result.check("status").agrees is True and result.check("order_year").agrees is None


def test_an_item_known_only_by_name_and_a_state_exporter_as_supplier(register: Register, kb) -> None:
    exported = fact("n", None, "IN", {"name": "S-400"}, date="2018")
    exported["roles"]["supplier"] = {"id": "rosoboronexport", "name": "Rosoboronexport"}
    result = one([exported], register, kb)
    assert result.row is not None and result.row.designation == "S-400 Triumf" and result.strength == "strong"


def test_a_fact_with_several_items_matches_the_covered_one(register: Register, kb) -> None:
    result = one([fact("two", "RU", "IN", [{"id": "ak-203"}, {"id": "s-400"}], date="2018")], register, kb)
    assert result.row is not None and result.row.designation == "S-400 Triumf"


def test_facts_without_item_or_parties_say_why(register: Register, kb) -> None:
    report = reconcile([fact("a", "RU", "IN", None, date="2018", value_usd=1e9),
                        fact("b", None, None, {"id": "s-400"}, date="2018"),
                        {"id": "m", "type": "meeting", "roles": {}, "sources": []}], register, kb)
    assert [r.reason for r in report.results] == [NO_ITEM, NO_PARTIES]
    assert report.skipped == 1


def test_thousands_of_facts_are_quick(register: Register, kb) -> None:
    items = ["s-400", "mig-29", "su-30mki", "t-90", "ak-203", "mi-17", "brahmos", "f-16", "c-130j", "leopard-2"]
    pairs = [("RU", "IN"), ("RU", "CN"), ("US", "SA"), ("DE", "QA"), ("FR", "EG"), ("US", "PL")]
    facts = [fact(f"f{n}", *pairs[n % len(pairs)], {"id": items[n % len(items)]}, date=str(1990 + n % 35))
             for n in range(3000)]
    start = time.perf_counter()
    report = reconcile(facts, register, kb)
    assert len(report.results) == 3000
    assert time.perf_counter() - start < 15


# -- the report ---------------------------------------------------------------------------------

def test_rows_csv_and_json_outputs(register: Register, kb) -> None:
    report = reconcile([fact("s400", "RU", "IN", {"id": "s-400"}, date="2018", value_usd=5.5e9),
                        fact("ak", "RU", "IN", {"id": "ak-203"}, date="2021")], register, kb)
    rows = report.to_rows()
    assert [list(r) for r in rows] == [list(COLUMNS)] * 2
    assert rows[0]["sipri_designation"] == "S-400 Triumf" and rows[0]["match"] == "strong"
    assert "value" in rows[0]["differs"] and rows[1]["reason"] == NOT_COVERED

    stream = io.StringIO()
    assert report.to_csv(stream) == 2
    back = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [r["fact_id"] for r in back] == ["s400", "ak"] and back[0]["sipri_order_year"] == "2018"

    data = json.loads(report.to_json())
    assert data["register"]["data_date"] == "2025-03-13" and data["register"]["cutoff"] == "2024-12-31"
    assert data["summary"]["matched"] == 1 and data["summary"]["unmatched"][NOT_COVERED] == 1
    assert data["results"][0]["row"]["value_usd"] == 5.4e9


# -- the reader on small files --------------------------------------------------------------------

PREAMBLE = (
    "Transfers of major conventional arms from All countries  to All countries . Invented test data\n"
    "A '?' in a column indicates uncertain data.\n"
    "\n"
    "Source: invented for newsledger's tests.\n"
    "Data generated: 02 Feb 2024 09:00:00 AM\n"
)
HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
          "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
          "SIPRI TIV of delivered weapons\n")


def write_register(tmp_path: Path, *rows: str, encoding: str = "cp1252") -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes((PREAMBLE + HEADER + "".join(r + "\n" for r in rows)).encode(encoding))
    return path


def test_the_reader_on_an_invented_register(tmp_path: Path, kb) -> None:
    path = write_register(
        tmp_path,
        "Norway,Sweden,2019,?,12,?,Testbird-7,trainer aircraft,4,,2021; 2022,New,$800 m deal; Testbird-7B version,"
        "5,60,20",
        "Chile,Turkiye,2020,,3,,Wavecutter,patrol boat,,,,New,,10,30,",
    )
    rows = read_register(path, kb)
    assert rows.data_date == dt.date(2024, 2, 2) and rows.covered_until == 2022
    first, second = rows
    assert (first.recipient_id, first.supplier_id, first.line) == ("NO", "SE", 7)
    assert first.order_year_uncertain and first.number_ordered_uncertain and not first.number_delivered_uncertain
    assert first.delivery_years == (2021, 2022) and first.value_usd == 8e8
    assert (second.supplier_id, second.number_delivered, second.delivery_years, second.value) == ("TR", None, (), None)
    assert second.tiv_delivered is None


def test_a_broken_line_is_an_error_that_names_it(tmp_path: Path, kb) -> None:
    path = write_register(
        tmp_path,
        "Norway,Sweden,2019,,12,,Testbird-7,trainer aircraft,12,,2021,New,,5,60,60",
        "Norway,Sweden,2020,,12,,Testbird-8,trainer aircraft",
        "Chile,Turkiye,2020,,3,,Wavecutter,patrol boat,3,,2022,New,,10,30,30",
    )
    with pytest.raises(InputError) as err:
        read_register(path, kb)
    assert "line 8" in str(err.value) and "expected 16" in str(err.value) and str(path) in str(err.value)
    # with errors="skip" the other rows are read and the problem is kept
    rows = read_register(path, kb, errors="skip")
    assert [r.designation for r in rows] == ["Testbird-7", "Wavecutter"]
    assert len(rows.problems) == 1 and "line 8" in rows.problems[0]


def test_a_bad_value_names_its_line_and_column(tmp_path: Path, kb) -> None:
    path = write_register(tmp_path, "Norway,Sweden,2019,,a dozen,,Testbird-7,trainer aircraft,12,,2021,New,,5,60,60")
    with pytest.raises(InputError, match=r"line 7: 'a dozen' in column Number ordered is not a whole number"):
        read_register(path, kb)
    path = write_register(tmp_path,
                          "Norway,Sweden,2019,,12,,Testbird-7,trainer aircraft,12,,2021 and 2022,New,,5,60,60")
    with pytest.raises(InputError, match=r"line 7: .*Year\(s\) of delivery"):
        read_register(path, kb)


def test_a_comment_broken_over_two_lines_is_mended(tmp_path: Path, kb) -> None:
    path = write_register(
        tmp_path,
        "Norway,Sweden,2019,,12,,Testbird-7,trainer aircraft,12,,2021,New,Delivery delayed after the engine\r",
        ",5,60,60",
        "Chile,Turkiye,2020,,3,,Wavecutter,patrol boat,3,,2022,New,,10,30,30",
    )
    rows = read_register(path, kb)
    assert len(rows) == 2 and rows.repaired == [8]
    assert rows[0].comments == "Delivery delayed after the engine" and rows[0].tiv_delivered == 60
    assert rows[1].line == 9


def test_utf8_with_bom_and_a_missing_header(tmp_path: Path, kb) -> None:
    path = write_register(tmp_path, "Norway,Türkiye,2019,,12,,Testbird-7,trainer aircraft,12,,2021,New,,5,60,60",
                          encoding="utf-8-sig")
    rows = read_register(path, kb)
    assert rows.encoding == "utf-8-sig" and rows[0].supplier == "Türkiye" and rows[0].supplier_id == "TR"
    bare = tmp_path / "bare.csv"
    bare.write_text("Norway,Sweden,2019\n", encoding="utf-8")
    with pytest.raises(InputError, match="no header line"):
        read_register(bare, kb)


# -- matching rules on invented rows ------------------------------------------------------------

def test_only_continuing_states_stand_in_for_each_other(tmp_path: Path, kb) -> None:
    path = write_register(tmp_path,
                          "Poland,East Germany (GDR),1985,,4,,Testbird-7,trainer aircraft,4,,1986,New,,5,20,20")
    rows = read_register(path, kb)
    item = {"name": "Testbird-7"}
    assert one([fact("dd", "DD", "PL", item, date="1985")], rows, kb).row is not None
    # East Germany was absorbed, not continued: a German sale is not an East German one
    assert one([fact("de", "DE", "PL", item, date="1985")], rows, kb).reason == NOT_FOUND


def test_homonyms_of_another_kind_do_not_match(tmp_path: Path, kb) -> None:
    # the PA-23 Apache is a light aircraft, not the AH-64 helicopter the KB calls Apache
    path = write_register(tmp_path, "Norway,United States,2019,,2,,PA-23-235 Apache,light aircraft,2,,2020,New,,1,2,2",
                          "Norway,United States,2019,,6,,AH-64E Apache,combat helicopter,6,,2021,New,,25,150,150")
    rows = read_register(path, kb)
    result = one([fact("ah", "US", "NO", {"id": "apache"}, date="2019")], rows, kb)
    assert result.row is not None and result.row.designation == "AH-64E Apache"
    assert result.candidates == 1


def test_closest_year_wins_among_rows_of_one_designation(tmp_path: Path, kb) -> None:
    path = write_register(tmp_path, "Norway,Sweden,2018,,4,,Testbird-7,trainer aircraft,4,,2019,New,,5,20,20",
                          "Norway,Sweden,2019,,8,,Testbird-7,trainer aircraft,8,,2020,New,,5,40,40")
    rows = read_register(path, kb)
    result = one([fact("t", "SE", "NO", {"name": "Testbird-7"}, date="2019-03")], rows, kb)
    assert result.row is not None and result.row.order_year == 2019 and result.candidates == 2


def test_register_date_can_be_given_for_plain_row_lists(tmp_path: Path, kb) -> None:
    path = write_register(tmp_path, "Norway,Sweden,2018,,4,,Testbird-7,trainer aircraft,4,,2019,New,,5,20,20")
    rows = list(read_register(path, kb))
    report = reconcile([fact("t", "SE", "NO", {"name": "Testbird-9"}, date="2019-03")], rows, kb,
                       data_date=dt.date(2019, 1, 1))
    assert report.results[0].reason == NEWER


# -- small parsers -------------------------------------------------------------------------------

# Comments invented in SIPRI's style.
@pytest.mark.parametrize(("comment", "usd", "part_of"), [
    ("$5.4 b deal", 5.4e9, False),
    ("$800 m", 8e8, False),
    ("$3 b deal", 3e9, False),
    ("NOK120 b ($1.5 b) deal; delivery planned 2030-2032", 1.5e9, False),
    ("Part of SEK50 b ($2 b) for Testbird-7 aircraft", 2e9, True),
    ("$2.2-2.6 b deal; Testbird-7B version", 2.4e9, False),
    ("Second-hand; refitted for $12 m before delivery; $48 m deal", 4.8e7, False),
    ("$210 m deal (incl $30 import duties; offsets $120 m)", 2.1e8, False),
    ("$65 million deal", 6.5e7, False),
])
def test_deal_values_in_comments(comment: str, usd: float, part_of: bool) -> None:
    value = parse_deal_value(comment)
    assert value is not None and value.usd == usd and value.part_of is part_of and value.currency == "USD"


def test_deal_values_without_dollars_or_at_all() -> None:
    euro = parse_deal_value("EUR12.6 m deal")
    assert euro is not None and euro.usd is None and (euro.currency, euro.amount) == ("EUR", 12.6e6)
    assert parse_deal_value("Second-hand; aid") is None
    # SIPRI's rounding is the tolerance: "$5.4 b" covers 5.35-5.45 b
    assert parse_deal_value("$5.4 b deal").tolerance == pytest.approx(5e7)


def test_designation_keys() -> None:
    assert designation_keys("S-400 Triumf").full == designation_keys("s 400 triumf").full == "s400triumf"
    assert designation_keys("S-400 Triumf").codes == {"s400"}
    assert designation_keys("Mi-24V/Mi-35").codes >= {"mi24v", "mi35"}
    assert "t72" in designation_keys("T-72B3").stems
    assert "mirage2000" in designation_keys("Mirage-2000-5").stems
    assert designation_keys("BM-21 Grad 122mm").name == "grad"
    assert designation_keys("Kfir C-1").head == "kfir" and not designation_keys("Kfir C-1").codes


def test_description_classes() -> None:
    assert description_classes("long-range air-to-air missile") & description_classes("BVRAAM")
    assert not description_classes("anti-ship missile") & description_classes("frigate")
    assert description_classes("combat aircraft radar") == {"sensor"}
    assert description_classes("aircraft carrier") == {"ship"}
