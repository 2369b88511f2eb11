"""Choose the publication date among what the page offers, refusing dates that cannot be right.

A wrong date is worse than none: it puts a five-year-old budget into this morning's digest. So a
date is taken only from a place that says it is the publication date (a site selector, a board
label such as 작성일/입력날짜, the page's metadata), or from htmldate's guess when that day is written
out in full on the page or in its URL (a footer's "Copyright ⓒ 2006" or a "2026년" in a sentence
is a year, never a day). A date after ``now`` or before the Korean web existed is refused. When
nothing is left the date is None and ``note`` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from extract.article.dates import full_dates_in, labelled_dates_in

# The first Korean news and government sites went online in 1995; an earlier date is a typo or
# some other date (a founding year, a law's date).
EARLIEST_YEAR = 1995
# Clocks and time zones differ: a date up to a day ahead of ours is today somewhere.
_AHEAD = timedelta(days=1)
_TAG = re.compile(r"<[^>]*>")
# Characters either side of a year that can hold the rest of its date and a label before it
# ("등록일</th><td class=...>2024-05-16"); and how many places to look at.
_WINDOW = 80
_MAX_WINDOWS = 200
_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class Candidate:
    """A date the page offers and where it came from ("label 작성일", "meta", "htmldate guess")."""

    source: str
    value: datetime | None
    guessed: bool = False


@dataclass(frozen=True)
class PublishedDate:
    """The chosen date, or None with the reason."""

    value: datetime | None
    note: str | None = None


def choose_published(
    candidates: list[Candidate],
    *,
    now: datetime,
    page_text: str,
    url: str,
    unread: str | None = None,
    korean: bool = False,
) -> PublishedDate:
    """The first plausible candidate; ``unread`` names a date label whose value could not be read.

    On a Korean page a guessed day must stand next to a date word (작성일, 등록, 입력, ...) or in
    the URL: boards label their dates, and an unlabelled one is the site header's "today".
    """
    refused: list[str] = []
    for candidate in candidates:
        value = candidate.value
        if value is None:
            continue
        problem = _implausible(value, now) or (
            _not_written(value, page_text, url, korean) if candidate.guessed else None
        )
        if problem is None:
            return PublishedDate(value)
        refused.append(f"{candidate.source} {value.date().isoformat()} refused: {problem}")
    if unread:
        refused.insert(0, unread)
    return PublishedDate(None, "; ".join(refused) if refused else "no publication date on the page")


def _implausible(value: datetime, now: datetime) -> str | None:
    if value.year < EARLIEST_YEAR:
        return f"before {EARLIEST_YEAR}"
    if value > now + _AHEAD:
        return "in the future"
    return None


def _not_written(value: datetime, page_text: str, url: str, korean: bool) -> str | None:
    day = (value.year, value.month, value.day)
    around = _around_year(page_text, value.year)
    if korean:
        if day in labelled_dates_in(_TAG.sub(" ", around)):
            return None
    elif day in full_dates_in(around):
        return None
    if any((int(y), int(m), int(d)) == day for y, m, d in _URL_DAY.findall(url or "")):
        return None
    if day in full_dates_in((url or "").replace("/", " ")):  # ".../2019/nov/18/..."
        return None
    if korean:
        return "that day is not written next to a date label on the page (a bare year or a guess)"
    return "that day is not written on the page (a bare year or a guess)"


def _around_year(text: str, year: int) -> str:
    """The text around each place ``year`` is written, one window a line (a page is large; its
    dates are few)."""
    windows: list[str] = []
    needle = str(year)
    at = text.find(needle)
    while at != -1 and len(windows) < _MAX_WINDOWS:
        windows.append(text[max(0, at - _WINDOW) : at + len(needle) + _WINDOW].replace("\n", " "))
        at = text.find(needle, at + len(needle))
    return "\n".join(windows)
