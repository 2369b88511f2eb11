"""What a spider yields: one fetched article page, not yet read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class PageItem:
    source_name: str
    url: str
    url_key: str
    html: str
    encoding: str
    fetched_at: datetime
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    link_title: str | None = None
