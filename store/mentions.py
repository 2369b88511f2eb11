"""Record the project mentions of an article version (the extractor's Mention values)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.orm import Session

from extract.statements.mentions import Mention
from store.mention_models import ProjectMention


def record_mentions(session: Session, article_id: int, version_id: int, mentions: Sequence[Mention]) -> int:
    """Replace the version's stored mentions with ``mentions`` inside the caller's transaction;
    return how many were stored. Two mentions starting at the same offset keep the first."""
    session.execute(delete(ProjectMention).where(ProjectMention.version_id == version_id))
    seen: set[int] = set()
    for mention in mentions:
        start, end = mention.span
        if start in seen:
            continue
        seen.add(start)
        session.add(
            ProjectMention(
                version_id=version_id,
                article_id=article_id,
                name=mention.name,
                action=mention.action,
                timing=mention.timing,
                year=mention.year,
                span_start=start,
                span_end=end,
                sentence=mention.sentence,
            )
        )
    session.flush()
    return len(seen)
