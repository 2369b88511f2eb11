"""Values that describe a read web page: what selectors to use and what was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ArticleSelectors:
    """CSS selectors for one site's article pages; any left as None falls back to generic reading."""

    title: str | None = None
    body: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    department: str | None = None
    drop: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Article:
    """An article as read from one page: the fields the rest of budgetwatch relies on.

    Datetimes are timezone-aware. ``body`` is clean text, paragraphs separated by a blank line.
    ``published`` is None rather than a guess: a date the reader could not vouch for is refused
    and ``published_note`` says why.
    """

    url: str
    title: str
    body: str
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    department: str | None = None
    lang: str | None = None
    canonical_url: str | None = None
    # Photo captions found inside the body box; they are not part of ``body``.
    captions: tuple[str, ...] = ()
    # Why ``published`` is None (or which dates were refused before one was taken).
    published_note: str | None = None
