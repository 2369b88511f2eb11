"""Values the store takes from the stages before it (kept free of ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NamedTuple

from store.base import to_utc

Outcome = Literal["new", "changed", "unchanged"]


class SourceRow(NamedTuple):
    """What the store keeps of a configured source."""

    name: str
    org: str
    kind: str
    url: str


class Validators(NamedTuple):
    """A stored article's HTTP validators: what a conditional refetch sends."""

    etag: str | None
    last_modified: str | None


class DueArticle(NamedTuple):
    """A stored article young enough to be fetched again."""

    url: str
    url_key: str
    etag: str | None
    last_modified: str | None
    title: str


@dataclass(frozen=True)
class FetchInfo:
    """How a page was fetched: what the server said and when."""

    url: str
    url_key: str
    fetched_at: datetime
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class RunTally:
    """What one crawl run did; written to its crawl_runs row when it ends."""

    pages: int = 0
    new_items: int = 0
    changed_items: int = 0
    unchanged_items: int = 0
    skipped_known: int = 0
    removed_items: int = 0
    errors: tuple[str, ...] = field(default_factory=tuple)


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC, for times from outside the store (CLI input, clocks); a naive value is UTC.
    Times read through ``UTCDateTime`` columns are already aware UTC and need no call."""
    return to_utc(value)
