"""Dates as a reader means them, and what is news: an article first seen on a source's first crawl,
or published long before the crawl that found it, is backlog (counted, not announced)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

HORIZON = timedelta(days=14)


def calendar_date(moment: datetime, zone: ZoneInfo) -> date:
    """The day a reader in ``zone`` calls it: a date-only page (midnight in the zone, stored as the
    instant in UTC) stays that date, never the UTC date before it."""
    return moment.astimezone(zone).date()


@dataclass(frozen=True)
class Arrival:
    """When an article came: its stated publication, when it was first stored, and the crawls around."""

    published: datetime | None
    first_seen: datetime
    first_crawl_of_source: bool  # stored by the source's first crawl
    previous_crawl: datetime | None  # start of the source's crawl before the one that stored it


def backlog_reason(arrival: Arrival, horizon: timedelta = HORIZON) -> str | None:
    """Why an article is backlog, or None when it is news."""
    if arrival.first_crawl_of_source:
        return "found by the source's first crawl"
    if arrival.published is None:
        return None
    anchor = arrival.previous_crawl or arrival.first_seen
    if arrival.published < anchor - horizon:
        return f"published {arrival.published.date().isoformat()}, before the crawl horizon ({horizon.days} days)"
    return None
