"""Rows of one period -> the Digest a reader gets: changed amounts first, then per organisation
the new articles (each story once, with its date and its largest figures), revisions, backlog
and crawl health. Pure: the rows come from store.digest_queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from changes.amounts import DIRECTION_LABEL
from changes.backlog import calendar_date
from changes.naming import org_key
from digest.figures_csv import figures_csv
from store.digest_queries import AmountChangeRow, ArticleInfo, FigureRow, NewArticleRow, PeriodRows, RunRow
from store.timeline import format_amount

DIFF_LINES = 8  # a revised article shows the first changed lines; the link has the rest
TOP_FIGURES = 3  # figures shown per article; the rest are counted and in the attached CSV
BUSY_DAY = 10  # past this many stories, two figures each, so a day of 20 fits two phone screens
NAME_CHARS = 18  # a longer project name is cut ("…"): the CSV and the article have it whole


@dataclass(frozen=True)
class ArticleRef:
    title: str
    url: str
    source: str
    day: str = ""  # the article's calendar date in the configured zone, "2026-03-04"


@dataclass(frozen=True)
class FigureLine:
    project: str
    amount: str  # as readers read it: "239억원"
    exact: str  # the exact value: "23,900,000,000 KRW"
    fiscal_year: int | None
    org: str  # shown only when it is not the group's organisation
    action: str


@dataclass(frozen=True)
class StoryItem:
    """A new article, once, with every other outlet that carried the same story in the period."""

    article: ArticleRef
    figures: tuple[FigureLine, ...]
    more: int  # figures not shown
    outlets: tuple[ArticleRef, ...] = ()
    year: int | None = None  # the fiscal year most shown figures are of (shown once)


@dataclass(frozen=True)
class OrgArticles:
    org: str
    stories: tuple[StoryItem, ...]


@dataclass(frozen=True)
class AmountChange:
    org: str
    project: str
    fiscal_year: int | None
    old: str
    old_exact: str
    new: str
    new_exact: str
    direction: str  # 증액 | 삭감 | 정정 | 추경
    old_article: ArticleRef | None
    new_article: ArticleRef
    reason: str = ""
    old_label: str = ""  # for a 추경: "본예산"


@dataclass(frozen=True)
class Revision:
    org: str
    article: ArticleRef
    diff: tuple[str, ...]


@dataclass(frozen=True)
class SourceHealth:
    source: str
    org: str
    problem: str


@dataclass(frozen=True)
class Digest:
    start: datetime
    end: datetime
    amount_changes: tuple[AmountChange, ...] = ()
    new_articles: tuple[OrgArticles, ...] = ()
    revisions: tuple[Revision, ...] = ()
    health: tuple[SourceHealth, ...] = ()
    backlog: tuple[tuple[str, int], ...] = ()  # (source, articles recorded as backlog, not news)
    earlier_copies: int = 0  # other outlets' copies of stories stored before the period
    csv: str = ""  # every figure of the listed articles (the attachment)

    @property
    def story_count(self) -> int:
        return sum(len(o.stories) for o in self.new_articles)

    @property
    def backlog_count(self) -> int:
        return sum(n for _, n in self.backlog)

    @property
    def item_count(self) -> int:
        backlog = 1 if self.backlog else 0
        return len(self.amount_changes) + self.story_count + len(self.revisions) + len(self.health) + backlog

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0


def _exact(value: int, currency: str) -> str:
    return f"{value:,} {currency}"


def _ref(info: ArticleInfo, zone: ZoneInfo) -> ArticleRef:
    when = info.published or info.first_seen
    return ArticleRef(info.title, info.url, info.source, calendar_date(when, zone).isoformat())


def article_org(row: NewArticleRow) -> str:
    """The organisation an article is about: the one most of its figures are about (the larger
    figures breaking ties); the source's organisation when it has none."""
    counts: Counter[str] = Counter()
    weight: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for f in row.figures:
        if f.org and f.role in ("total", "allocation"):
            key = org_key(f.org)
            counts[key] += 1
            weight[key] = max(weight[key], f.value)
            names[key] = max(names.get(key, ""), f.org, key=len)  # the fullest name: 광주광역시, not 광주시
    if not counts:
        return row.article.source_org
    best = max(counts, key=lambda k: (counts[k], weight[k]))
    return names[best]


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def top_figures(
    figures: tuple[FigureRow, ...], group_org: str, top: int = TOP_FIGURES
) -> tuple[tuple[FigureLine, ...], int]:
    """The article's largest distinct figures (a headline's figure repeated in the body is one),
    amounts of projects and budgets before comparisons; and how many more there are."""
    distinct: dict[tuple[int, str, int | None], FigureRow] = {}
    for f in figures:
        distinct.setdefault((f.value, f.currency, f.fiscal_year), f)
    ranked = sorted(distinct.values(), key=lambda f: (f.role == "other", f.role == "change", -f.value))
    shown = ranked[:top]
    lines = tuple(
        FigureLine(
            # a difference ("490억원 늘어난") is marked, never read as a level
            project=_short(f.project or f.subject or "-") + (" 증감" if f.role == "change" else ""),
            amount=format_amount(f.value, f.currency),
            exact=_exact(f.value, f.currency),
            fiscal_year=f.fiscal_year,
            org=f.org if f.org and org_key(f.org) != org_key(group_org) else "",
            action=f.action or "",
        )  # fmt: skip
        for f in shown
    )
    return lines, len(ranked) - len(shown)


def _stories(rows: list[NewArticleRow], zone: ZoneInfo) -> tuple[OrgArticles, ...]:
    by_story: dict[int, list[NewArticleRow]] = {}
    for row in rows:
        by_story.setdefault(row.story_id, []).append(row)
    groups: dict[str, list[StoryItem]] = defaultdict(list)
    names: dict[str, str] = {}
    top = TOP_FIGURES if len(by_story) <= BUSY_DAY else TOP_FIGURES - 1
    for copies in by_story.values():
        first = copies[0]
        org = article_org(first)
        key = org_key(org)
        names[key] = max(names.get(key, ""), org, key=len)
        lines, more = top_figures(first.figures, org, top)
        years = Counter(line.fiscal_year for line in lines if line.fiscal_year)
        year = years.most_common(1)[0][0] if years else None
        outlets = tuple(_ref(c.article, zone) for c in copies[1:])
        groups[key].append(StoryItem(_ref(first.article, zone), lines, more, outlets, year))
    ordered = sorted(groups, key=lambda k: (-len(groups[k]), names[k]))
    return tuple(OrgArticles(names[k], tuple(sorted(groups[k], key=lambda s: s.article.day, reverse=True)))
                 for k in ordered)  # fmt: skip


def _change(row: AmountChangeRow, zone: ZoneInfo) -> AmountChange:
    stage = row.kind == "stage_changed"
    return AmountChange(
        org=row.org, project=row.project, fiscal_year=row.fiscal_year,
        old=format_amount(row.old_value, row.currency), old_exact=_exact(row.old_value, row.currency),
        new=format_amount(row.new_value, row.currency), new_exact=_exact(row.new_value, row.currency),
        direction=DIRECTION_LABEL.get(row.direction, row.direction),
        old_article=_ref(row.old_article, zone) if row.old_article else None,
        new_article=_ref(row.new_article, zone), reason=row.reason, old_label="본예산" if stage else "",
    )  # fmt: skip


def _health(runs: tuple[RunRow, ...]) -> tuple[SourceHealth, ...]:
    """Sources whose crawls in the period failed, were cut short, or returned no page at all."""
    by_source: dict[str, list[RunRow]] = defaultdict(list)
    for run in runs:
        by_source[run.source].append(run)
    found = []
    for name, items in by_source.items():
        bad = [r for r in items if r.status in ("failed", "interrupted", "partial")]
        if bad:
            first_error = next((e for r in bad for e in r.errors), "")
            problem = f"{len(bad)} of {len(items)} crawls {bad[-1].status}"
            found.append(SourceHealth(name, items[0].org, f"{problem}: {first_error}" if first_error else problem))
        elif all(r.status != "running" and r.pages == 0 for r in items):
            found.append(SourceHealth(name, items[0].org, f"returned nothing in {len(items)} crawls"))
    return tuple(found)


def compose(rows: PeriodRows, zone: ZoneInfo, *, backlog_as_news: bool = False) -> Digest:
    """The digest of one period's rows; ``backlog_as_news`` lists backlog too (the demo's sample
    digest, where everything is a first crawl)."""
    if backlog_as_news:
        rows = replace(rows, new_articles=tuple(replace(r, backlog=None) for r in rows.new_articles),
                       amount_changes=tuple(replace(c, backlog=False) for c in rows.amount_changes))  # fmt: skip
    in_period = {r.article.article_id for r in rows.new_articles}
    # a copy of a story stored before this period (announced then, or backlog) is not news again
    copies = [r for r in rows.new_articles if r.story_id != r.article.article_id and r.story_id not in in_period]
    news = [r for r in rows.new_articles if r.backlog is None and r not in copies]
    backlog = Counter(r.article.source for r in rows.new_articles if r.backlog is not None)
    revisions = []
    for r in rows.revisions:
        diff_lines = r.diff.splitlines()[2:]  # drop the ---/+++ header
        changed = [line for line in diff_lines if line[:1] in "+-" and line[1:].strip()][:DIFF_LINES]
        revisions.append(Revision(r.org, _ref(r.article, zone), tuple(changed)))
    return Digest(
        start=rows.start, end=rows.end,
        amount_changes=tuple(sorted((_change(c, zone) for c in rows.amount_changes if not c.backlog),
                                    key=lambda c: (org_key(c.org), c.project))),
        new_articles=_stories(news, zone), revisions=tuple(revisions), health=_health(rows.runs),
        backlog=tuple(sorted(backlog.items())), csv=figures_csv(news, zone),
        earlier_copies=sum(1 for r in copies if r.backlog is None),
    )  # fmt: skip
