"""Date expressions in news text, resolved against the article's date (the anchor).

``find_dates(text, anchor)`` returns :class:`DateMention` s with character offsets into
``text`` (``dates_by_span`` for many spans of one text); ``resolve_dates(text, spans, anchor)``
gives the same as a DataFrame with columns
doc_id, start, end, expression, date_start, date_end, granularity, rule
(dates as ISO strings, empty when the text and anchor do not fix them).

Rules (``rule`` column), all deterministic:
- ``full date``: "Dec 5, 2025", "5 December 2025", "2025-12-05"
- ``month day, anchor year``: "Dec. 5" (unresolved without an anchor)
- ``month year``: "June 2024"; ``month, anchor year``: "in June" (same calendar year as the anchor)
- ``year``: "in 2024", "the 2027 deadline"; ``by year``: "by 2027" (a deadline: the whole year)
- ``relative day``: today, yesterday, tomorrow
- ``this/last/next week|month|year``: the calendar unit (weeks run Monday to Sunday)
- ``weekday``: "on Friday" is the latest such day on or before the anchor; "last Friday" the one
  before that; "next Friday" the first after the anchor
- ``ago``: "two weeks ago", "3 years ago" (the unit that far back)
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analysis.prefilter import ScreenSet, fold, screen

COLUMNS = ["doc_id", "start", "end", "expression", "date_start", "date_end", "granularity", "rule"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {name: i for i, name in enumerate(WEEKDAY_NAMES)}
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({"a": 1, "an": 1})

# Every alternative starts with a letter, so that re can skip ahead to a capital that may
# start a month name; an abbreviation must not run on into a word ("Mark" is no month).
_MONTH_ALTERNATIVES = ("January February March April May June July August September October November December".split()
                       + [abbreviation + r"(?![a-z])\.?"
                          for abbreviation in "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()])
_WEEKDAY_ALTERNATIVES = [name.capitalize() for name in WEEKDAY_NAMES]
MONTH_NAME = "(?:" + "|".join(_MONTH_ALTERNATIVES) + ")"
WEEKDAY_NAME = "(?:" + "|".join(_WEEKDAY_ALTERNATIVES) + ")"
_MONTH = r"(?P<month>" + MONTH_NAME + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [(rule, screen(pattern)) for rule, pattern in [
    ("full date", re.compile(r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b")),
    ("full date", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
    ("full date", re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("month day, anchor year", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?![,\s]*\d)")),
    ("month year", re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b")),
    ("month, anchor year", re.compile(r"\b(?P<prep>in|since|until|by|from|last|next|this|early|late|mid-?)\s*"
                                      r"(?-i:" + _MONTH + r")(?![\w-])", re.I)),
    ("by year", re.compile(r"\b(?P<prep>by|before|until)\s+(?:the\s+end\s+of\s+)?" + _YEAR + r"\b", re.I)),
    # A bare number is a year only after a word that introduces one ("in 2024", "a 2027
    # deadline"), so that "2000 troops" is not a date.
    ("year", re.compile(r"\b(?:in|since|from|until|till|of|the|a|its|their|before|after|during|through|to|between|"
                        r"(?<=\d\d\d\d )(?:and|or)|early|late|mid|around|for|fiscal|year)\s+(?P<span>" + _YEAR + r")(?![\w%]|[.,]\d|-\d)",
                        re.I)),
    ("relative day", re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", re.I)),
    ("this/last/next unit", re.compile(r"\b(?P<which>this|last|next|past|coming)\s+(?P<unit>week|month|year)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<which>last|next|this|on|since|by|until)\s+)?"
                           r"(?P<weekday>(?-i:" + WEEKDAY_NAME + r"))\b", re.I)),
    ("ago", re.compile(r"\b(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                       r"\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
]]
# Month and weekday names match only capitalised ("May", not "may"; "Dec", not "decided").
# The folded literals of a screen cannot tell, and in lower case they would stop its scan at
# most words; so a pattern with a "month" or "weekday" group is tried only when a
# case-sensitive search finds such a name in the sentence, and the other patterns are
# screened by their literals. Every name starts with one of _NAME_STEMS ("Jan", "Sep",
# "Mon"): a search for those stops only at capitals and rules out most sentences at once.
_NAMES = {"month": re.compile(MONTH_NAME), "weekday": re.compile(WEEKDAY_NAME)}
_NAME_STEMS = re.compile("|".join(sorted({name[:3] for name in _MONTH_ALTERNATIVES + _WEEKDAY_ALTERNATIVES})))
_NEEDS = [next((group for group in _NAMES if group in screened.pattern.groupindex), None) for _, screened in _PATTERNS]
_SCREENS = ScreenSet(screened for (_, screened), needs in zip(_PATTERNS, _NEEDS) if needs is None)


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` and the period it denotes (None when unresolved)."""

    start: int
    end: int
    expression: str
    date_start: date | None
    date_end: date | None
    granularity: str
    rule: str


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _week_range(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(rule: str, m: re.Match, anchor: date | None) -> tuple[date | None, date | None, str]:
    """(start, end, granularity) of one match; (None, None, granularity) when unresolved."""
    groups = m.groupdict()
    month = _MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    if rule == "full date":
        if groups.get("iso"):
            year, mon, day = (int(x) for x in groups["iso"].split("-"))
            found = _safe_date(year, mon, day)
        else:
            found = _safe_date(int(groups["year"]), month, int(groups["day"]))
        return found, found, "day"
    if rule == "month day, anchor year":
        found = _safe_date(anchor.year, month, int(groups["day"])) if anchor else None
        return found, found, "day"
    if rule == "month year":
        return (*_month_range(int(groups["year"]), month), "month")
    if rule == "month, anchor year":
        if anchor is None:
            return None, None, "month"
        prep = groups["prep"].lower()
        year = anchor.year + (prep == "next" and month <= anchor.month) - (prep == "last" and month >= anchor.month)
        return (*_month_range(year, month), "month")
    if rule in ("by year", "year"):
        return (*_year_range(int(groups["year"])), "year")
    if anchor is None:
        return None, None, _granularity(rule, groups)
    if rule == "relative day":
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[groups["word"].lower()]
        found = anchor + timedelta(days=offset)
        return found, found, "day"
    if rule == "this/last/next unit":
        step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[groups["which"].lower()]
        unit = groups["unit"].lower()
        if unit == "week":
            return (*_week_range(anchor + timedelta(weeks=step)), "week")
        if unit == "month":
            return (*_month_range(*_shift_month(anchor, step)), "month")
        return (*_year_range(anchor.year + step), "year")
    if rule == "weekday":
        target = _WEEKDAYS[groups["weekday"].lower()]
        back = (anchor.weekday() - target) % 7
        which = (groups.get("which") or "").lower()
        if which == "next":
            found = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
        else:
            found = anchor - timedelta(days=back + (7 if which == "last" and back == 0 else 0))
        return found, found, "day"
    count = _NUMBERS.get(groups["count"].lower(), None)
    count = int(groups["count"]) if count is None else count
    unit = groups["unit"].lower()
    if unit == "day":
        found = anchor - timedelta(days=count)
        return found, found, "day"
    if unit == "week":
        return (*_week_range(anchor - timedelta(weeks=count)), "week")
    if unit == "month":
        return (*_month_range(*_shift_month(anchor, -count)), "month")
    return (*_year_range(anchor.year - count), "year")


def _granularity(rule: str, groups: dict) -> str:
    if rule == "this/last/next unit" or rule == "ago":
        return groups["unit"].lower()
    return "day"


def find_dates(text: str, anchor: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]`` (offsets into ``text``), earliest first; where two
    patterns overlap, the one listed first in the module docstring wins. Relative expressions stay
    unresolved (None) when ``anchor`` is None."""
    end = len(text) if end is None else min(end, len(text))
    stem = _NAME_STEMS.search(text, start, end) is not None
    return _find(text, anchor, start, end, fold(text[max(start, 0):end]), stem)


def dates_by_span(text: str, anchor: date | None, spans: list[tuple[int, int]]) -> list[list[DateMention]]:
    """:func:`find_dates` of each (start, end) span of ``text``; the text is folded, and its
    name stems found, once for all spans."""
    folded = fold(text)
    stems = [match.start() for match in _NAME_STEMS.finditer(text)]  # no overlaps: each starts with a capital
    return [_find(text, anchor, start, end, folded[start:end], bisect_left(stems, start) < bisect_left(stems, end))
            for start, end in spans]


def _find(text: str, anchor: date | None, start: int, end: int, folded: str, stem: bool) -> list[DateMention]:
    """:func:`find_dates` of ``text[start:end]``; ``folded``: its fold (or that span of the fold
    of ``text``: the same ASCII letters at the same offsets), ``stem``: whether a name stem
    starts in it."""
    passing = _SCREENS.passing(folded)
    names = {group for group, words in _NAMES.items() if words.search(text, start, end)} if stem else set()
    if not passing and not names:
        return []
    candidates = []  # in pattern order, then text order: the order that settles overlaps
    for (rule, screened), needs in zip(_PATTERNS, _NEEDS):
        if needs in names if needs else screened in passing:
            candidates.extend((rule, m) for m in screened.scan(text, folded, start, end))
    taken = bytearray(end - start) if candidates else bytearray()
    mentions = []
    for rule, m in candidates:
        if any(taken[m.start() - start:m.end() - start]):
            continue
        first, last, granularity = _resolve(rule, m, anchor)
        label = rule
        if rule == "this/last/next unit":
            label = f"{m.group('which').lower()} {m.group('unit').lower()}"
        taken[m.start() - start:m.end() - start] = b"\x01" * (m.end() - m.start())
        # The "year" rule reads its introducing word as context only: the mention is the year.
        group = "span" if "span" in m.groupdict() else 0
        mentions.append(DateMention(m.start(group), m.end(group), m.group(group), first, last, granularity, label))
    return sorted(mentions, key=lambda d: d.start)


def resolve_dates(text: str, spans: list[tuple[int, int]] | None, anchor: date | None,
                  doc_id: str = "doc") -> pd.DataFrame:
    """The date mentions inside ``spans`` of ``text`` (all of it when None) as a DataFrame
    (columns: see the module docstring)."""
    rows = []
    for start, end in spans if spans is not None else [(0, len(text))]:
        for d in find_dates(text, anchor, start, end):
            rows.append({
                "doc_id": doc_id, "start": d.start, "end": d.end, "expression": d.expression,
                "date_start": d.date_start.isoformat() if d.date_start else "",
                "date_end": d.date_end.isoformat() if d.date_end else "",
                "granularity": d.granularity, "rule": d.rule,
            })
    return pd.DataFrame(rows, columns=COLUMNS)
