"""Digests that are shown rather than sent: the CLI preview and the demo's demo-digest.html."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from config.schema import Config
from digest.build import build_digest
from digest.outbox import last_period_end
from digest.period import last_two_fire_times
from digest.render import Rendered, render_digest
from store.models import Change
from store.records import as_utc


def preview_start(config: Config, engine: Engine, now: datetime) -> datetime:
    """Where a digest built now would start: the end of the last one, or one schedule step back."""
    last_end = last_period_end(engine)
    if last_end is not None:
        return last_end
    return last_two_fire_times(config.digest.schedule, config.zone, as_utc(now))[0]


def preview_digest(
    config: Config, engine: Engine, start: datetime, now: datetime, *, backlog_as_news: bool = False
) -> Rendered:
    """The digest of [start, now), rendered as it would be mailed."""
    digest = build_digest(engine, start, as_utc(now), config.zone, backlog_as_news=backlog_as_news)
    return render_digest(digest, config.zone, prefix=config.digest.subject_prefix,
                         unsubscribe_url=config.digest.unsubscribe_url)  # fmt: skip


def write_demo_digest(config: Config, engine: Engine, path: Path, now: datetime | None = None) -> Path:
    """Everything the demo recorded, as the HTML part of a digest, written to ``path``."""
    with Session(engine) as session:
        first = session.scalar(select(func.min(Change.at)))
    now = now or datetime.now(UTC)
    # the demo's sites are all first crawls (backlog); the sample shows what a digest of news looks like
    rendered = preview_digest(config, engine, as_utc(first) if first else now, now, backlog_as_news=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rendered.html, encoding="utf-8")
    return path
