"""Word lists for amounts: currencies, scales, units, bound phrases, and the
words that tell a counted noun from a date, a designation or a verb.

Kept apart from the scanner so a new spelling ("roubles", "kilometres") is one
table entry, not a regex edit.
"""
from __future__ import annotations

import re

# --- numbers -----------------------------------------------------------------

SMALL_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Multipliers written as words. "crore"/"lakh" are the Indian 1e7 / 1e5.
WORD_SCALES: dict[str, float] = {
    "dozen": 12, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "crore": 1e7, "crores": 1e7,
}
# Abbreviated multipliers ("$2bn", "£300m", "Rs 500 cr"): only trusted next to
# a currency, because "300m" alone is more often metres.
ABBREVIATED_SCALES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12, "cr": 1e7, "crs": 1e7,
}

# Vague quantity words: (representative value, bound, vague). The value is the
# smallest figure the words literally imply ("dozens" = at least two dozen), so
# the bound is "min"; "a couple" means about two. "a pair of" is exact.
VAGUE_WORDS: dict[str, tuple[float, str | None, bool]] = {
    "dozens": (24, "min", True), "scores": (40, "min", True), "tens": (20, "min", True),
    "hundreds": (200, "min", True), "thousands": (2000, "min", True),
    "millions": (2e6, "min", True), "billions": (2e9, "min", True),
    "several": (3, "min", True), "a few": (2, "min", True), "a handful": (3, "min", True),
    "a couple": (2, "approx", True), "a pair": (2, None, False),
}
# "hundreds of thousands": the second word scales the first.
VAGUE_SCALES: dict[str, float] = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}

# --- currencies --------------------------------------------------------------

# Written before the number ("$5.5 billion", "Rs 38,900 crore", "INR390 b").
# Case-sensitive. A bare "¥" is taken as yen: Chinese figures say "yuan".
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "US $": "USD", "$US": "USD",
    "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "R$": "BRL", "NT$": "TWD",
    "HK$": "HKD", "S$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "JP¥": "JPY",
    "CN¥": "CNY", "RMB": "CNY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₽": "RUB",
    "₩": "KRW", "₪": "ILS", "NIS": "ILS", "₺": "TRY", "₴": "UAH", "DM": "DEM",
    "SFr": "CHF", "SFr.": "CHF", "Dh": "AED", "Dhs": "AED", "SR": "SAR",
}
ISO_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "PKR", "RUB", "KRW", "ILS", "TRY", "SAR",
    "AED", "AUD", "CAD", "BRL", "SEK", "CHF", "TWD", "HKD", "SGD", "UAH", "PLN", "ZAR",
    "IRR", "IQD", "EGP", "NGN", "QAR", "KWD", "NOK", "DKK", "MXN", "IDR", "THB", "MYR",
    "BDT", "DEM", "FRF",
})

# Written after the number ("30 billion U.S. dollars", "500 million rubles").
# Keys are lower case with single spaces; None marks a currency word shared by
# several countries ("dinars"), reported as money with no code.
CURRENCY_WORDS: dict[str, str | None] = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "us dollar": "USD", "u.s. dollar": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "taiwan dollars": "TWD", "new taiwan dollars": "TWD",
    "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "british pounds": "GBP", "pounds": "GBP",
    "egyptian pounds": "EGP",
    "yen": "JPY", "japanese yen": "JPY",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY", "yuan renminbi": "CNY",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB",
    "russian rubles": "RUB", "russian roubles": "RUB",
    "rupees": "INR", "rupee": "INR", "indian rupees": "INR", "pakistani rupees": "PKR",
    "won": "KRW", "south korean won": "KRW", "korean won": "KRW",
    "shekels": "ILS", "new shekels": "ILS", "new israeli shekels": "ILS",
    "lira": "TRY", "liras": "TRY", "turkish lira": "TRY", "turkish liras": "TRY",
    "riyals": "SAR", "saudi riyals": "SAR", "qatari riyals": "QAR",
    "rials": "IRR", "iranian rials": "IRR",
    "dirhams": "AED", "uae dirhams": "AED", "emirati dirhams": "AED",
    "reais": "BRL", "brazilian reais": "BRL", "brazilian real": "BRL",
    "kronor": "SEK", "krona": "SEK", "swedish kronor": "SEK", "swedish krona": "SEK",
    "swiss francs": "CHF", "french francs": "FRF",
    "deutsche marks": "DEM", "deutschmarks": "DEM", "d-marks": "DEM",
    "hryvnias": "UAH", "hryvnia": "UAH", "hryvnyas": "UAH", "zlotys": "PLN", "zloty": "PLN",
    "rand": "ZAR", "naira": "NGN", "taka": "BDT", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "indonesian rupiah": "IDR", "tenge": "KZT", "drams": "AMD", "lari": "GEL",
    "belarusian rubles": "BYN", "belarusian roubles": "BYN", "kyat": "MMK", "afghanis": "AFN",
    "birr": "ETB", "forints": "HUF", "lei": "RON", "czech crowns": "CZK", "korunas": "CZK",
    "norwegian kroner": "NOK", "danish kroner": "DKK", "kroner": None, "manat": None,
    "shillings": None, "kenyan shillings": "KES", "ugandan shillings": "UGX",
    "tanzanian shillings": "TZS", "sri lankan rupees": "LKR", "nepalese rupees": "NPR",
    "bangladeshi taka": "BDT", "philippine pesos": "PHP", "mexican pesos": "MXN",
    "argentine pesos": "ARS", "colombian pesos": "COP", "chilean pesos": "CLP",
    "iraqi dinars": "IQD", "kuwaiti dinars": "KWD", "algerian dinars": "DZD",
    "jordanian dinars": "JOD", "libyan dinars": "LYD", "serbian dinars": "RSD",
    "bahraini dinars": "BHD", "tunisian dinars": "TND", "omani rials": "OMR",
    "yemeni rials": "YER", "moroccan dirhams": "MAD", "syrian pounds": "SYP",
    "lebanese pounds": "LBP", "sudanese pounds": "SDG", "nigerian naira": "NGN",
    "south african rand": "ZAR", "bolivars": "VES", "quetzales": "GTQ", "kwacha": None,
    "zambian kwacha": "ZMW", "malawian kwacha": "MWK",
    "dinars": None, "francs": None, "pesos": None,
}
# Words that are also ordinary English ("won", "pounds", "rand"): money only
# with a multiplier ("5 billion won") or, for "won", a four-digit figure.
AMBIGUOUS_CURRENCY_WORDS = frozenset({"won", "pounds", "rand", "lei", "lari", "birr"})

# --- units of measure --------------------------------------------------------

# Surface form (lower case, as found after the number) -> normalised unit.
UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km",
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "cm": "cm", "centimeters": "cm", "centimetres": "cm",
    "mm": "mm", "millimeter": "mm", "millimeters": "mm", "millimetre": "mm", "millimetres": "mm",
    "mile": "mi", "miles": "mi", "mi": "mi",
    "nautical mile": "nmi", "nautical miles": "nmi", "nmi": "nmi", "nm": "nmi",
    "ft": "ft", "foot": "ft", "feet": "ft", "inch": "in", "inches": "in",
    "yard": "yd", "yards": "yd",
    "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg",
    "kilogrammes": "kg", "kilo": "kg", "kilos": "kg",
    "gram": "g", "grams": "g", "gramme": "g", "grammes": "g",
    "t": "t", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "metric tons": "t",
    "metric tonnes": "t",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb",
    "kiloton": "kt", "kilotons": "kt", "kilotonne": "kt", "kilotonnes": "kt", "kt": "kt",
    "megaton": "Mt", "megatons": "Mt", "megatonne": "Mt", "megatonnes": "Mt",
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "km2": "km2",
    "km²": "km2", "square miles": "mi2", "sq mi": "mi2", "hectares": "ha", "hectare": "ha",
    "ha": "ha", "acres": "acre", "acre": "acre",
    "km/h": "km/h", "kmph": "km/h", "kph": "km/h", "kilometers per hour": "km/h",
    "kilometres per hour": "km/h", "mph": "mph", "miles per hour": "mph",
    "knots": "kn", "knot": "kn", "m/s": "m/s",
    "liters": "l", "litres": "l", "liter": "l", "litre": "l",
    "barrels": "bbl", "barrel": "bbl", "cubic meters": "m3", "cubic metres": "m3", "m3": "m3",
    "MW": "MW", "megawatts": "MW", "megawatt": "MW", "GW": "GW", "gigawatts": "GW",
    "kW": "kW", "kilowatts": "kW", "horsepower": "hp", "hp": "hp",
    "megajoules": "MJ", "MJ": "MJ",
    "KM": "km", "Km": "km", "KG": "kg", "Kg": "kg", "Mt": "Mt",
    "degrees": "deg", "degree": "deg", "degrees celsius": "degC", "degrees fahrenheit": "degF",
    "°C": "degC", "°F": "degF", "°": "deg",
}
# Abbreviations (no more than four characters, no space) are matched with
# their case as listed ("5 T-90" is not five tonnes); longer words ignore case.
# These need the number in digits ("100m"), never "two m".
UNITS_NEED_DIGITS = frozenset({"m", "t", "ft", "mi", "nm", "ha", "kt", "cm", "mm"})

# --- bounds ------------------------------------------------------------------

# Phrases right before the amount: "more than $3 billion", "up to 32 km".
LEFT_BOUNDS: dict[str, str] = {
    "more than": "min", "over": "min", "at least": "min", "upwards of": "min",
    "in excess of": "min", "above": "min", "exceeding": "min", "no less than": "min",
    "not less than": "min", "a minimum of": "min", "north of": "min", "just over": "min",
    "well over": "min", "well above": "min", "no fewer than": "min",
    "up to": "max", "less than": "max", "fewer than": "max", "under": "max", "below": "max",
    "no more than": "max", "not more than": "max", "at most": "max", "a maximum of": "max",
    "just under": "max", "as many as": "max", "as much as": "max",
    "about": "approx", "around": "approx", "some": "approx", "nearly": "approx",
    "almost": "approx", "approximately": "approx", "roughly": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "approx.": "approx", "circa": "approx",
    "c.": "approx", "~": "approx", "an approximate": "approx",
    "somewhere around": "approx", "in the region of": "approx", "of the order of": "approx",
}
# Phrases right after: "$3 billion or more", "300-plus tanks", "200 or so".
RIGHT_BOUNDS: dict[str, str] = {
    "or more": "min", "or above": "min", "or higher": "min", "and above": "min",
    "and more": "min", "plus": "min", "+": "min", "or over": "min",
    "or less": "max", "or fewer": "max", "or below": "max", "and below": "max",
    "or so": "approx",
}

# --- context words for counts ------------------------------------------------

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
    "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
})
WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
# A counted noun must not be one of these: "three years", "two times", "5 pm".
NOT_COUNTED = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "fortnight", "fortnights", "month", "months", "year", "years", "decade", "decades",
    "century", "centuries", "night", "nights", "morning", "mornings", "evening", "evenings",
    "weekend", "weekends", "time", "times", "percent", "pct", "per", "cent", "am", "pm",
    "a.m", "p.m", "a.m.", "p.m.", "o'clock", "bc", "ad", "bce", "ce", "gmt", "utc",
    "points", "point", "fold", "year-old", "years-old", "quarter", "quarters", "half",
    "third", "thirds", "fifth", "fifths", "percentage", "%",
}) | MONTHS | WEEKDAYS
# Function words and frequent verbs: the counted noun phrase stops before them.
STOPWORDS = frozenset("""
a an the of in on at to for from by with without and or but nor as than that which who
whom whose this these those it its their his her our we they he she you i is are was were
be been being am have has had do does did will would shall should can could may might must
not no so if then when while where after before since until into onto over under about
against between among through during each apiece all both either neither also only just
even still already yet ago later earlier less here there said says say told according
including such like what how why out up down off back away around across near via within
toward towards upon unless whether because although though however vs versus per plus
another others most many much few some any every one ones own same
get got gets make made makes take took taken give gave given go went gone
come came arrive arrived left leave reportedly respectively instead
""".split()) | NOT_COUNTED
# Leading modifiers dropped from the counted noun: "two new submarines" -> "submarines".
LEADING_MODIFIERS = frozenset({
    "new", "more", "additional", "extra", "further", "other", "old", "older", "modern",
    "advanced", "latest", "upgraded", "used", "refurbished", "second-hand", "secondhand",
    "indigenous", "domestic", "foreign", "local", "brand-new", "existing", "remaining",
    "unspecified", "undisclosed", "unidentified", "different", "separate", "various",
    "unnamed", "several", "own", "such", "similar", "identical", "total",
})
# Counted nouns whose plural does not end in -s ("300 aircraft", "2,000 personnel").
PLURAL_WITHOUT_S = frozenset({
    "people", "men", "women", "children", "personnel", "aircraft", "police", "staff",
    "militia", "infantry", "cavalry", "artillery", "crew", "cattle", "sheep", "fish",
    "deer", "livestock", "spacecraft", "hovercraft", "rotorcraft", "watercraft",
    "ammunition", "materiel", "equipment", "youth", "clergy", "gentry", "offspring",
    "geese", "mice", "teeth", "gear", "ordnance", "cargo",
})
# Words before a number that make it part of a name ("Type 055", "Article 370").
DESIGNATORS = frozenset({
    "type", "project", "block", "mark", "mk", "mk.", "model", "batch", "flight", "tranche",
    "no", "no.", "nos", "nos.", "number", "article", "section", "resolution", "chapter",
    "page", "pages", "figure", "table", "route", "highway", "gate", "terminal", "platform",
    "room", "level", "phase", "stage", "category", "class", "grade", "version", "series",
    "episode", "season", "rule", "clause", "paragraph", "annex", "row", "lane", "sector",
    "zone", "camp", "unit", "pier", "berth", "runway", "squad", "vol", "vol.", "ch.",
    "p.", "pp.", "art.", "sec.", "fig.", "exercise", "operation", "salvo", "g", "p", "tier",
    # makers and product lines whose model numbers read like counts ("Boeing 737 jets")
    "boeing", "airbus", "embraer", "bombardier", "cessna", "falcon", "apollo", "soyuz",
    "windows", "iphone", "galaxy", "pixel",
})
# A capitalised word before a number is normally a name ("Boeing 737", "Falcon 9"),
# unless it is one of these ("Only 21 jets", "About 300 tanks").
CAPITALISED_OK = frozenset({
    "the", "these", "those", "all", "only", "some", "about", "around", "nearly", "almost",
    "over", "more", "less", "fewer", "up", "at", "just", "another", "and", "but", "or",
    "roughly", "approximately", "with", "of", "for", "by", "to", "in", "on", "from", "when",
    "after", "before", "since", "while", "as", "if", "its", "their", "his", "her", "our",
    "we", "they", "he", "she", "it", "that", "which", "where", "then", "under", "above",
    "below", "than", "exactly", "precisely", "least", "most", "estimated", "an", "a",
}) | WEEKDAYS
# The word before a bare four-digit year-like number that makes it a year:
# "in 2018", "the 2018 elections", "since 1999".
YEAR_CONTEXT = frozenset({
    "in", "since", "by", "from", "until", "till", "of", "the", "a", "an", "during", "before",
    "after", "year", "fiscal", "fy", "late", "early", "mid", "through", "between", "and",
    "to", "for", "at", "its", "this", "that", "around", "circa", "summer", "winter",
    "spring", "autumn", "fall", "budget", "vision", "'s",
}) | MONTHS
# Nouns a year often modifies: "2018 elections" is not 2018 elections.
YEAR_NOUNS = frozenset({
    "elections", "polls", "games", "olympics", "protests", "riots", "attacks", "floods",
    "talks", "sanctions", "budgets", "figures", "levels", "prices", "deliveries",
    "accords", "agreements", "results", "estimates", "negotiations", "hostilities",
})


def _first_words(*tables: object) -> frozenset[str]:
    words: set[str] = set()
    for table in tables:
        for key in table:  # type: ignore[attr-defined]
            words.add(key.lower().split()[0])
    return frozenset(words)


# The first word of anything that can follow a number and make it money, a
# measure or a percentage (a cheap gate before the regexes proper).
UNIT_AND_CURRENCY_WORDS = _first_words(
    WORD_SCALES, ABBREVIATED_SCALES, CURRENCY_WORDS, ISO_CODES, UNITS,
    ("%", "percent", "per", "pct", "percentage", "of", "millions", "billions"),
)


def alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """A regex for any of ``words``, written as a trie ("k(?:g|m(?:/h)?)") so
    the engine follows one branch instead of trying every word in turn (this
    runs on every number of every article). Longer words win, as in a
    longest-first alternation; inner spaces match any run of spaces."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
