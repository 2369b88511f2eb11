"""rows -> digest, without a database: grouping by the figures' organisation, dates in the zone,
top figures with repeats once, stories once, backlog counted, changes first and never backlog."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from digest.compose import article_org, compose, top_figures
from store.digest_queries import AmountChangeRow, ArticleInfo, FigureRow, NewArticleRow, PeriodRows, RunRow

KST = ZoneInfo("Asia/Seoul")
START = datetime(2026, 3, 3, 22, tzinfo=UTC)
END = START + timedelta(days=1)
# a date-only page: midnight of 2026-03-04 in Seoul is 15:00 UTC the day before
DATE_ONLY = datetime(2026, 3, 4, tzinfo=KST).astimezone(UTC)


def info(
    n: int, *, source: str = "metro", org: str = "광주광역시", published: datetime | None = DATE_ONLY
) -> ArticleInfo:
    return ArticleInfo(
        n, f"기사 {n}", f"https://metro.example.kr/{n}", source, org, published, START + timedelta(hours=1)
    )


def fig(value: int, org: str | None = "광주광역시", role: str = "allocation", year: int | None = 2026,
        project: str | None = "사업") -> FigureRow:  # fmt: skip
    return FigureRow(value, "KRW", f"{value}원", project, project, role, year, org, "편성")


def article(n: int, figures: tuple[FigureRow, ...] = (), story: int | None = None, backlog: str | None = None,
            **kw: object) -> NewArticleRow:  # fmt: skip
    return NewArticleRow(info(n, **kw), story or n, figures, backlog)  # type: ignore[arg-type]


def rows(*new: NewArticleRow, changes: tuple[AmountChangeRow, ...] = (), runs: tuple[RunRow, ...] = ()) -> PeriodRows:
    return PeriodRows(START, END, new, changes, (), runs)


@pytest.mark.parametrize(
    ("figures", "org"),
    [
        ((), "광주광역시"),  # no figures: the source's organisation
        ((fig(10, "광주 서구"), fig(20, "광주 서구"), fig(900, "광주광역시")), "광주 서구"),
        ((fig(10, "전라남도"), fig(900, "광주광역시")), "광주광역시"),  # a tie: the larger figure
        ((fig(10, "광주시"), fig(20, "광주광역시")), "광주광역시"),  # one organisation, its fullest name
        ((fig(10, "나주시", role="other"),), "광주광역시"),  # a comparison says nothing of whose article
    ],
)
def test_an_article_is_filed_under_the_organisation_of_its_figures(figures: tuple[FigureRow, ...], org: str) -> None:
    assert article_org(article(1, figures)) == org


def test_top_figures_are_the_largest_distinct_with_the_rest_counted() -> None:
    headline_and_body = (fig(500), fig(500), fig(30), fig(900, role="other"), fig(70), fig(10), fig(5, "나주시"))
    lines, more = top_figures(headline_and_body, "광주광역시")
    assert [line.amount for line in lines] == ["500원", "70원", "30원"]
    assert more == 3  # 10, 5 and the comparison; the repeated 500 counts once
    lines, _ = top_figures((fig(5, "나주시"),), "광주광역시")
    assert lines[0].org == "나주시"  # a figure of another organisation says whose


def test_stories_once_grouped_by_org_dated_in_the_zone_backlog_counted() -> None:
    digest = compose(
        rows(
            article(1, (fig(100),)),
            article(2, (fig(100),), story=1, source="wire"),  # a copy of story 1
            article(3, (fig(7, "광주 서구"),)),
            article(4, backlog="found by the source's first crawl"),
            article(5, backlog="published 2024-07-01, before the crawl horizon (14 days)", source="wire"),
        ),
        KST,
    )
    assert sorted(g.org for g in digest.new_articles) == ["광주 서구", "광주광역시"]
    stories = {s.article.title: s for g in digest.new_articles for s in g.stories}
    assert set(stories) == {"기사 1", "기사 3"}
    assert [o.source for o in stories["기사 1"].outlets] == ["wire"]
    assert stories["기사 1"].article.day == "2026-03-04"  # not 2026-03-03, the UTC date
    assert digest.backlog == (("metro", 1), ("wire", 1)) and digest.backlog_count == 2
    assert digest.story_count == 2
    assert "기사 1" in digest.csv and "기사 4" not in digest.csv
    assert digest.earlier_copies == 0


def test_a_copy_of_an_earlier_story_is_counted_not_listed_again() -> None:
    digest = compose(rows(article(7, (fig(100),), story=2), article(8, (fig(50),))), KST)
    assert [s.article.title for g in digest.new_articles for s in g.stories] == ["기사 8"]
    assert digest.earlier_copies == 1 and digest.story_count == 1


def change(backlog: bool, kind: str = "amount_changed", direction: str = "increase") -> AmountChangeRow:
    return AmountChangeRow(kind, "나주시", "예산 총규모", "예산 총규모", 2027, 100, 120, "KRW", direction,
                           "same organisation, project", info(9), info(8), backlog)  # fmt: skip


@pytest.mark.parametrize(
    ("row", "shown", "label"),
    [(change(False), True, "증액"), (change(True), False, ""), (change(False, "stage_changed", "supplementary"), True, "추경")],
)  # fmt: skip
def test_changed_amounts_are_news_only_when_their_article_is(row: AmountChangeRow, shown: bool, label: str) -> None:
    digest = compose(rows(changes=(row,)), KST)
    assert bool(digest.amount_changes) is shown
    if shown:
        change = digest.amount_changes[0]
        assert change.direction == label and change.reason and change.new_article.day == "2026-03-04"
        assert change.old_label == ("본예산" if label == "추경" else "")


def test_health_from_runs() -> None:
    digest = compose(rows(runs=(RunRow("a", "광주광역시", "failed", 0, ("timeout",)), RunRow("b", "나주시", "ok", 0, ()),
                                RunRow("c", "나주시", "ok", 3, ()))), KST)  # fmt: skip
    assert [(h.source, h.problem) for h in digest.health] == [("a", "1 of 1 crawls failed: timeout"),
                                                              ("b", "returned nothing in 1 crawls")]  # fmt: skip


def test_the_demo_lists_backlog_as_news() -> None:
    digest = compose(rows(article(4, (fig(100),), backlog="found by the source's first crawl")), KST,
                     backlog_as_news=True)  # fmt: skip
    assert digest.story_count == 1 and digest.backlog == ()
