"""Record the project mentions of an article version (the extractor's Mention values)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from extract.statements.mentions import Mention
from store.mention_models import ProjectMention

MENTIONS = ProjectMention.metadata.tables[ProjectMention.__tablename__]  # the Core table, for its inserts


def record_mentions(
    session: Session, article_id: int, version_id: int, mentions: Sequence[Mention], *, replace: bool = True
) -> int:
    """Replace the version's stored mentions with ``mentions`` inside the caller's transaction
    (``replace=False``: a version just written, which has none yet); return how many were stored.
    Two mentions starting at the same offset keep the first. One multi-row INSERT."""
    if replace:
        session.execute(delete(ProjectMention).where(ProjectMention.version_id == version_id))
    seen: set[int] = set()
    rows = []
    for mention in mentions:
        start, end = mention.span
        if start in seen:
            continue
        seen.add(start)
        rows.append(
            {
                "version_id": version_id,
                "article_id": article_id,
                "name": mention.name,
                "action": mention.action,
                "timing": mention.timing,
                "year": mention.year,
                "span_start": start,
                "span_end": end,
                "sentence": mention.sentence,
            }
        )
    if rows:
        session.connection().execute(insert(MENTIONS), rows)
    return len(seen)
