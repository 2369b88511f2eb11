"""Values the store takes from the stages before it (kept free of ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

Outcome = Literal["new", "changed", "unchanged"]


def as_utc(value: datetime) -> datetime:
    """Every stored time is UTC: SQLite keeps no offset, so mixed zones would compare wrong.
    A naive value (as SQLite gives back) is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def maybe_utc(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value)


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
