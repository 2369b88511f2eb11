"""The digest of a period from the database: the store's rows, composed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from digest.compose import Digest, compose
from store.digest_queries import period_rows


def build_digest(
    engine: Engine, start: datetime, end: datetime, zone: ZoneInfo, *, backlog_as_news: bool = False
) -> Digest:
    return compose(period_rows(engine, start, end), zone, backlog_as_news=backlog_as_news)
