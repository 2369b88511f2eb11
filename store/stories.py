"""Link near-duplicate articles into one story. The rules (changes.stories) decide; this module
reads a bounded number of candidates by index and records the link with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, Select, bindparam, func, insert, select, union_all, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

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
from store.kept import get_kept
from store.models import Article, ArticleVersion, Project, SimilarityBand, Statement
from store.records import as_utc
from store.similarity import SHINGLES, fingerprint_of, shingles
from store.statement_rows import StatementRow

BANDS = SimilarityBand.metadata.tables[SimilarityBand.__tablename__]  # the Core table, for its inserts
PER_BAND = 8  # newest articles read per shared band: templated pages share bands with thousands
MAX_CANDIDATES = 8  # bodies compared exactly, the ones sharing the most bands
FIGURE_CANDIDATES = 8


def _when(article: Article) -> datetime:
    return as_utc(article.published_at or article.first_seen_at)


Candidate = Row[int, int | None, datetime | None, datetime, str]  # id, story, published, first seen, hash


@lru_cache(maxsize=4)
def _band_query(bands: int) -> Select[int, int | None, datetime | None, datetime, str]:
    """The rows (story, dates) of the articles sharing the most of ``bands`` bands, the newest
    first among equals, counted over the newest few articles of each band, one index range each
    (uq_bands_key_article): the cost is bounded by bands x PER_BAND whatever the store holds.
    Counted, ranked and joined to the articles by the database, in one statement, so an article
    reads MAX_CANDIDATES rows, not one per band and article (~240 on a templated board). Built once
    per band count, so an article pays for binding its keys, not for building a 32-part statement."""
    per_band = [
        select(SimilarityBand.article_id.label("article_id"))
        .where(SimilarityBand.band_key == bindparam(f"k{i}"), SimilarityBand.article_id != bindparam("me"))
        .order_by(SimilarityBand.article_id.desc())
        .limit(PER_BAND)
        .subquery()
        .select()
        for i in range(bands)
    ]
    hits = union_all(*per_band).subquery()
    shared = func.count().label("shared")
    top = (
        select(hits.c.article_id, shared)
        .group_by(hits.c.article_id)
        .order_by(shared.desc(), hits.c.article_id.desc())
        .limit(MAX_CANDIDATES)
        .subquery()
    )
    return (
        select(Article.id, Article.story_id, Article.published_at, Article.first_seen_at, Article.content_hash)
        .join_from(top, Article, Article.id == top.c.article_id)
        .order_by(top.c.shared.desc(), top.c.article_id.desc())
    )


def _candidate_shingles(session: Session, rows: Sequence[Candidate]) -> list[tuple[Candidate, set[str]]]:
    """Each candidate's row (story, dates) with the word pairs of its current body, in the rows'
    order: bodies read in one query, and only those not seen lately (a crawl compares each page
    with the pages before it)."""
    missing = [row.id for row in rows if SHINGLES.get((row.id, row.content_hash)) is None]
    if missing:
        for article_id, content_hash, body in session.execute(_CANDIDATE_BODIES, {"ids": missing}):
            SHINGLES.put((article_id, content_hash), shingles(body))
    found = []
    for row in rows:
        cached = SHINGLES.get((row.id, row.content_hash))
        if cached is not None:
            found.append((row, cached))
    return found


# Built once (the ids bound at execution): an article asks it for the pages it is compared with.
_CANDIDATE_BODIES = (
    select(Article.id, Article.content_hash, ArticleVersion.body)
    .join(ArticleVersion, (ArticleVersion.article_id == Article.id)
          & (ArticleVersion.version == Article.current_version))
    .where(Article.id.in_(bindparam("ids", expanding=True)))
)  # fmt: skip


def _text_candidates(session: Session, article: Article, body: str) -> list[TextCandidate]:
    mine = shingles(body)
    SHINGLES.put((article.id, article.content_hash), mine)
    found = fingerprint_of(mine)
    if found is None:
        return []
    keys = found.band_keys()
    params: dict[str, Any] = {f"k{i}": key for i, key in enumerate(keys)}
    params["me"] = article.id
    # bands and stories are written by Core statements only: nothing of the session's is pending
    # for this query; its rows come in the order of the most bands shared, as the rules expect
    top = session.connection().execute(_band_query(len(keys)), params).all()
    session.connection().execute(insert(BANDS), [{"band_key": key, "article_id": article.id} for key in keys])
    if not top:
        return []
    candidates = []
    for other, theirs in _candidate_shingles(session, top):
        if theirs and mine:
            share = len(mine & theirs) / min(len(mine), len(theirs))
            when = as_utc(other.published_at or other.first_seen_at)
            candidates.append(TextCandidate(other.id, other.story_id or other.id, when, share))
    return candidates


def _by_budget_figure(session: Session, article: Article, statements: Sequence[StatementRow]) -> StoryLink | None:
    """Rewritten reports of one announcement lead with its figure: only the article's first whole
    budget counts (a council's decision quoting the proposal it cut is another story)."""
    when = _when(article)
    for mine in statements:
        if mine.role != "total" or mine.project_id is None or mine.fiscal_year is None:
            continue
        project = get_kept(session, Project, mine.project_id)
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


def link_story(session: Session, article: Article, body: str, statements: Sequence[StatementRow]) -> StoryLink:
    """Give ``article`` its story: the one it duplicates, or a story of its own."""
    link = by_text(_when(article), _text_candidates(session, article, body))
    link = link or _by_budget_figure(session, article, statements) or first_report(article.id)
    # written now by a Core UPDATE and noted as the row's stored state: set as attributes, the unit
    # of work flushed it at the next query, at more than the cost of the UPDATE itself
    session.connection().execute(_STORY_OF, {"article": article.id, "story": link.story_id, "reason": link.reason})
    set_committed_value(article, "story_id", link.story_id)
    set_committed_value(article, "story_reason", link.reason)
    return link


ARTICLES = Article.metadata.tables[Article.__tablename__]
_STORY_OF = (
    update(ARTICLES)
    .where(ARTICLES.c.id == bindparam("article"))
    .values(story_id=bindparam("story"), story_reason=bindparam("reason"))
)
