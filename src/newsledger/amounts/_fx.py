"""Yearly average exchange rates (``data/fx_rates.yaml``) and conversion to USD.

The table is package data of ``newsledger`` and is read once per process.
Rates are approximate annual averages meant to put news figures on one scale;
see the header of the YAML file.
"""
from __future__ import annotations

import functools
from importlib import resources

import yaml

# Superseded ISO codes whose amounts are today's currency times a factor:
# "RUR" is the pre-1998 rouble (1,000 RUR = 1 RUB), "TRL" the pre-2005 lira.
REDENOMINATED: dict[str, tuple[str, float]] = {
    "RUR": ("RUB", 1e-3),
    "TRL": ("TRY", 1e-6),
}


@functools.cache
def rate_table() -> dict[str, dict[int, float]]:
    """``{code: {year: units per USD}}``, loaded and checked once."""
    source = resources.files("newsledger").joinpath("data/fx_rates.yaml")
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    table: dict[str, dict[int, float]] = {}
    for code, by_year in raw["rates"].items():
        rates = {int(year): float(rate) for year, rate in by_year.items()}
        if not rates or min(rates.values()) <= 0:
            raise ValueError(f"fx_rates.yaml: bad rates for {code}")
        table[str(code).upper()] = rates
    return table


@functools.cache
def latest_year() -> int:
    """The most recent year any currency has a rate for (the default year)."""
    return max(max(rates) for rates in rate_table().values())


@functools.cache
def _sorted_years(code: str) -> tuple[int, ...]:
    return tuple(sorted(rate_table()[code]))


def _nearest_year(code: str, year: int) -> int:
    """The table year closest to ``year`` (ties go to the later year)."""
    years = _sorted_years(code)
    if year <= years[0]:
        return years[0]
    if year >= years[-1]:
        return years[-1]
    return min(years, key=lambda y: (abs(y - year), -y))


def to_usd(value: float, currency: str, year: int | None) -> tuple[float, int] | None:
    """(USD amount, year of the rate used) or None for an unknown currency.

    ``year`` None means the latest year in the table. A year the currency has
    no rate for (the euro before 1999, a year past the table) falls back to
    the nearest year that has one; the returned year says which was used.
    """
    code = currency.upper()
    wanted = latest_year() if year is None else year
    if code in REDENOMINATED:
        code, factor = REDENOMINATED[code]
        value *= factor
    if code == "USD":
        return float(value), wanted
    rates = rate_table().get(code)
    if rates is None:
        return None
    used = wanted if wanted in rates else _nearest_year(code, wanted)
    return value / rates[used], used
