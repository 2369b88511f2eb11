"""Link near-duplicate articles into one story. The rules (changes.stories) decide; this module
reads a bounded number of candidates by index and records the link with its reason."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from changes.naming import org_key
from changes.stories import (
    SAME_FIGURE_WINDOW,
    FigureCandidate,
    StoryLink,
    TextCandidate,
    by_figure,
    by_text,
    first_report,
)
from store.models import Article, ArticleVersion, Project, SimilarityBand, Statement
from store.records import as_utc
from store.similarity import fingerprint, shingles

PER_BAND = 8  # newest articles read per shared band: templated pages share bands with thousands
MAX_CANDIDATES = 8  # bodies compared exactly, the ones sharing the most bands
FIGURE_CANDIDATES = 8


def _when(article: Article) -> datetime:
    return as_utc(article.published_at or article.first_seen_at)


def _text_candidates(session: Session, article: Article, body: str) -> list[TextCandidate]:
    found = fingerprint(body)
    if found is None:
        return []
    keys = found.band_keys()
    # The newest few articles of each band, one index range each (uq_bands_key_article): the cost is
    # bounded by bands x PER_BAND whatever the store holds.
    per_band = [
        select(SimilarityBand.article_id.label("article_id"))
        .where(SimilarityBand.band_key == key, SimilarityBand.article_id != article.id)
        .order_by(SimilarityBand.article_id.desc())
        .limit(PER_BAND)
        .subquery()
        .select()
        for key in keys
    ]
    shared: dict[int, int] = {}
    for other_id in session.scalars(union_all(*per_band)):
        shared[other_id] = shared.get(other_id, 0) + 1
    for key in keys:
        session.add(SimilarityBand(band_key=key, article_id=article.id))
    top = sorted(shared, key=lambda a: (-shared[a], -a))[:MAX_CANDIDATES]
    mine = shingles(body)
    candidates = []
    for other_id in top:
        other = session.get(Article, other_id)
        if other is None:
            continue
        other_body = session.scalars(
            select(ArticleVersion.body).where(
                ArticleVersion.article_id == other.id, ArticleVersion.version == other.current_version
            )
        ).one()
        theirs = shingles(other_body)
        if theirs and mine:
            share = len(mine & theirs) / min(len(mine), len(theirs))
            candidates.append(TextCandidate(other.id, other.story_id or other.id, _when(other), share))
    return candidates


def _by_budget_figure(session: Session, article: Article, statements: list[Statement]) -> StoryLink | None:
    """Rewritten reports of one announcement lead with its figure: only the article's first whole
    budget counts (a council's decision quoting the proposal it cut is another story)."""
    when = _when(article)
    for mine in statements:
        if mine.role != "total" or mine.project_id is None or mine.fiscal_year is None:
            continue
        project = session.get(Project, mine.project_id)
        if project is None or project.kind != "budget":
            return None
        rows = session.execute(
            select(Statement.article_id, Statement.amount_text, Article)
            .join(Article, Article.id == Statement.article_id)
            .where(
                Statement.project_id == mine.project_id,
                Statement.fiscal_year == mine.fiscal_year,
                Statement.currency == mine.currency,
                Statement.value == mine.value,
                Statement.article_id != article.id,
                Statement.said_at >= when - SAME_FIGURE_WINDOW,
                Statement.said_at <= when + SAME_FIGURE_WINDOW,
            )  # fmt: skip
            .order_by(Statement.said_at.desc())
            .limit(FIGURE_CANDIDATES)
        ).all()
        candidates = [FigureCandidate(a.id, a.story_id or a.id, _when(a), project.org_key, project.kind,
                                      mine.fiscal_year, mine.value, text) for _id, text, a in rows]  # fmt: skip
        return by_figure(when, org_key(project.org), mine.fiscal_year, candidates)
    return None


def link_story(session: Session, article: Article, body: str, statements: list[Statement]) -> StoryLink:
    """Give ``article`` its story: the one it duplicates, or a story of its own."""
    link = by_text(_when(article), _text_candidates(session, article, body))
    link = link or _by_budget_figure(session, article, statements) or first_report(article.id)
    article.story_id = link.story_id
    article.story_reason = link.reason
    return link
