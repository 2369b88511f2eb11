"""Which articles are one story: copied text, or the same whole-budget figure of the same
organisation and fiscal year reported within days. Pure decisions over measured values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DUPLICATE_CONTAINMENT = 0.5  # share of the shorter body's word pairs found in the other
STORY_WINDOW = timedelta(days=14)  # syndicated copies appear within days; older look-alikes are new stories
SAME_FIGURE_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class TextCandidate:
    article_id: int
    story_id: int
    when: datetime
    share: float  # containment of the shorter body's word pairs in the longer one


@dataclass(frozen=True)
class FigureCandidate:
    article_id: int
    story_id: int
    when: datetime
    org_key: str
    project_kind: str
    fiscal_year: int | None
    value: int
    amount_text: str


@dataclass(frozen=True)
class StoryLink:
    story_id: int
    reason: str
    duplicate_of: int | None  # the article it copies, None when it starts its own story


def by_text(when: datetime, candidates: list[TextCandidate]) -> StoryLink | None:
    """The candidate sharing the most text, if it shares enough and is close enough in time."""
    best: TextCandidate | None = None
    for c in candidates:
        if abs(c.when - when) > STORY_WINDOW or c.share < DUPLICATE_CONTAINMENT:
            continue
        if best is None or c.share > best.share:
            best = c
    if best is None:
        return None
    return StoryLink(best.story_id, f"text {best.share:.0%} contained in article {best.article_id} "
                     f"(threshold {DUPLICATE_CONTAINMENT:.0%})", best.article_id)  # fmt: skip


def by_figure(
    when: datetime, org_key: str, fiscal_year: int | None, candidates: list[FigureCandidate]
) -> StoryLink | None:
    """Rewritten reports of one announcement share little text but give the same whole budget."""
    for c in sorted(candidates, key=lambda c: c.article_id):
        if c.project_kind != "budget" or fiscal_year is None or c.fiscal_year != fiscal_year or c.org_key != org_key:
            continue
        if abs(c.when - when) <= SAME_FIGURE_WINDOW:
            reason = (f"same whole-budget figure {c.amount_text} of {org_key} for {fiscal_year} as article "
                      f"{c.article_id}, reported within {SAME_FIGURE_WINDOW.days} days")  # fmt: skip
            return StoryLink(c.story_id, reason, c.article_id)
    return None


def first_report(article_id: int) -> StoryLink:
    return StoryLink(article_id, "first report", None)
