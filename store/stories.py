"""Link near-duplicate articles into one story: copied text (MinHash candidates, checked exactly)
or the same whole-budget figure of the same organization and fiscal year reported within days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Article, ArticleVersion, SimilarityBand, Statement
from store.similarity import DUPLICATE_CONTAINMENT, fingerprint, shingles

STORY_WINDOW = timedelta(days=14)  # syndicated copies appear within days; older look-alikes are new stories
SAME_FIGURE_WINDOW = timedelta(days=7)
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class StoryLink:
    story_id: int
    reason: str
    duplicate_of: int | None  # the article it copies, None when it starts its own story


def _when(article: Article) -> datetime:
    return article.published_at or article.first_seen_at


def _by_text(session: Session, article: Article, body: str) -> StoryLink | None:
    found = fingerprint(body)
    if found is None:
        return None
    keys = found.band_keys()
    # The articles sharing the most bands are the most similar; checking the top few bounds the
    # cost when many near-identical templated pages exist.
    shared = func.count(SimilarityBand.id)
    candidates = session.scalars(
        select(SimilarityBand.article_id)
        .where(SimilarityBand.band_key.in_(keys), SimilarityBand.article_id != article.id)
        .group_by(SimilarityBand.article_id)
        .order_by(shared.desc(), SimilarityBand.article_id.desc())
        .limit(MAX_CANDIDATES)
    ).all()
    for key in keys:
        session.add(SimilarityBand(band_key=key, article_id=article.id))
    mine = shingles(body)
    best: tuple[float, Article] | None = None
    for other_id in candidates:
        other = session.get(Article, other_id)
        if other is None or abs(_when(other) - _when(article)) > STORY_WINDOW:
            continue
        other_body = session.scalars(
            select(ArticleVersion.body).where(
                ArticleVersion.article_id == other.id, ArticleVersion.version == other.current_version
            )
        ).one()
        theirs = shingles(other_body)
        if not theirs:
            continue
        share = len(mine & theirs) / min(len(mine), len(theirs))
        if share >= DUPLICATE_CONTAINMENT and (best is None or share > best[0]):
            best = (share, other)
    if best is None:
        return None
    share, other = best
    story = other.story_id or other.id
    return StoryLink(story, f"text {share:.0%} contained in article {other.id} (threshold {DUPLICATE_CONTAINMENT:.0%})",
                     other.id)


def _by_budget_figure(session: Session, article: Article, statements: list[Statement]) -> StoryLink | None:
    for mine in statements:
        if mine.role != "total" or mine.project_id is None or mine.fiscal_year is None:
            continue
        rows = session.execute(
            select(Article)
            .join(Statement, Statement.article_id == Article.id)
            .where(
                Statement.project_id == mine.project_id,
                Statement.fiscal_year == mine.fiscal_year,
                Statement.value == mine.value,
                Statement.article_id != article.id,
            )
            .order_by(Article.id)
        ).scalars()
        for other in rows:
            if abs(_when(other) - _when(article)) <= SAME_FIGURE_WINDOW:
                story = other.story_id or other.id
                reason = (f"same whole-budget figure {mine.amount_text} for {mine.fiscal_year} as article {other.id}, "
                          f"reported within {SAME_FIGURE_WINDOW.days} days")
                return StoryLink(story, reason, other.id)
    return None


def link_story(session: Session, article: Article, body: str, statements: list[Statement]) -> StoryLink:
    """Give ``article`` its story: the one it duplicates, or a story of its own."""
    link = _by_text(session, article, body) or _by_budget_figure(session, article, statements)
    if link is None:
        link = StoryLink(article.id, "first report", None)
    article.story_id = link.story_id
    article.story_reason = link.reason
    return link
