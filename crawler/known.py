"""What the crawler knows of stored articles: their HTTP validators, for conditional refetches.

The store hands back plain rows; this module turns them into the crawler's own type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from config.schema import SourceConfig
from store.articles import known_articles
from store.records import DueArticle, SourceRow


@dataclass(frozen=True)
class KnownArticle:
    url_key: str
    etag: str | None
    last_modified: str | None


Lookup = Callable[[Sequence[str]], dict[str, KnownArticle]]


def no_lookup(keys: Sequence[str]) -> dict[str, KnownArticle]:
    return {}


def store_lookup(engine: Engine, source_id: int) -> Lookup:
    """Which of the given URL keys the store holds for the source, with their validators."""

    def lookup(keys: Sequence[str]) -> dict[str, KnownArticle]:
        found = known_articles(engine, source_id, keys)
        return {key: KnownArticle(key, v.etag, v.last_modified) for key, v in found.items()}

    return lookup


def due_known(rows: Iterable[DueArticle]) -> list[tuple[str, KnownArticle, str]]:
    """Rechecks as the spider takes them: URL, what is known of it, its stored title."""
    return [(r.url, KnownArticle(r.url_key, r.etag, r.last_modified), r.title) for r in rows]


def source_rows(sources: Iterable[SourceConfig]) -> list[SourceRow]:
    """The configured sources as the store keeps them."""
    return [SourceRow(s.name, s.org, s.kind, s.url) for s in sources]
