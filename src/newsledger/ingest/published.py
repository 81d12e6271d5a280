"""The publication date: from metadata, an HTML page, or the article's own dateline."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from newsledger.model import PartialDate

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:[T ].*)?")
_TEXTUAL = [
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),  # June 17, 2020
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),  # 17 June 2020
    re.compile(rf"{_MONTH},?\s+{_YEAR}", re.I),  # June 2020
]


def parse_date(text: str, *, source: str = "metadata") -> PartialDate | None:
    """A date as metadata gives it: ISO 8601 at any precision, RFC 822, or English words."""
    text = (text or "").strip()
    if not text:
        return None
    m = _ISO.fullmatch(text)
    if m:
        return _checked(m.group("year"), m.group("month"), m.group("day"), source)
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return PartialDate(parsed.date().isoformat(), source)
    for pattern in _TEXTUAL:
        m = pattern.search(text)
        if m:
            groups = m.groupdict()
            name = groups["month"].lower().rstrip(".")
            month = _MONTHS.get(name) or _MONTHS[name[:3]]
            return _checked(groups["year"], str(month), groups.get("day"), source)
    return None


def _checked(year: str, month: str | None, day: str | None, source: str) -> PartialDate | None:
    try:
        if day:
            value = dt.date(int(year), int(month or 1), int(day)).isoformat()
        elif month:
            dt.date(int(year), int(month), 1)
            value = f"{int(year):04d}-{int(month):02d}"
        else:
            value = f"{int(year):04d}"
    except ValueError:
        return None
    return PartialDate(value, source)


# The same parts without group names, to combine them in one pattern.
_M, _D, _Y = (re.sub(r"\?P<\w+>", "", p) for p in (_MONTH, _DAY, _YEAR))

# A dateline opens a wire story: "NEW DELHI, June 17, 2020 —", "Published: 17 June 2020".
_DATELINE = re.compile(
    rf"^(?:(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*|[A-Z][A-Za-z .'-]{{1,40}},\s*(?:\([^)]*\)\s*)?)"
    rf"(?P<date>(?:{_M}\s+{_D},?\s+{_Y})|(?:{_D}\s+{_M},?\s+{_Y})|(?:\d{{4}}-\d{{2}}-\d{{2}}))",
    re.I | re.M,
)
_HEAD_LINES = 6


def dateline_date(text: str) -> PartialDate | None:
    """The date of a dateline or 'Published …' line among the first lines of the text."""
    head = "\n".join(line.strip() for line in text.splitlines()[:_HEAD_LINES])
    m = _DATELINE.search(head)
    if not m:
        return None
    return parse_date(m.group("date"), source="dateline")


def html_date(markup: str, url: str | None = None) -> PartialDate | None:
    """The original publication date htmldate finds in a page (its meta tags, then its text)."""
    import htmldate

    try:
        found = htmldate.find_date(markup, url=url, original_date=True, extensive_search=False)
        if not found:
            found = htmldate.find_date(markup, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError):
        return None
    return parse_date(found, source="htmldate") if found else None
