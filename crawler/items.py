"""What a spider yields: one fetched article page, not yet read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class PageItem:
    source_name: str
    url: str
    url_key: str
    html: str  # the page the spider built (a detail endpoint's JSON as HTML), else "": see body
    encoding: str
    fetched_at: datetime
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    link_title: str | None = None
    # The page's bytes, cut at what the reader reads, decoded with ``encoding`` when read: a page
    # waiting for a read slot holds them once (Scrapy's response holds the same bytes object).
    body: bytes = b""
