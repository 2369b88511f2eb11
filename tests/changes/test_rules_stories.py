"""Table tests of story links and of backlog: which articles are one story, which are news."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from changes.backlog import Arrival, backlog_reason, calendar_date
from changes.stories import FigureCandidate, TextCandidate, by_figure, by_text

T = datetime(2026, 11, 20, 9, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("candidates", "linked_to", "why"),
    [
        ([TextCandidate(3, 3, T, 0.78)], 3, "78% contained in article 3"),
        ([TextCandidate(3, 3, T, 0.30)], None, None),
        ([TextCandidate(3, 3, T - 20 * DAY, 0.95)], None, None),  # an old look-alike is a new story
        ([TextCandidate(3, 1, T, 0.6), TextCandidate(4, 4, T, 0.9)], 4, "90%"),
        ([TextCandidate(3, 1, T - DAY, 0.6)], 1, "60%"),  # joins the story, not the copy
    ],
)  # fmt: skip
def test_text_links(candidates: list[TextCandidate], linked_to: int | None, why: str | None) -> None:
    link = by_text(T, candidates)
    assert (link.story_id if link else None) == linked_to
    if link is not None and why is not None:
        assert why in link.reason


def figure(**kw: object) -> FigureCandidate:
    values: dict[str, object] = {"article_id": 3, "story_id": 3, "when": T, "org_key": "광주", "project_kind": "budget",
                                 "fiscal_year": 2027, "value": 7_682_300_000_000, "amount_text": "7조6823억원"}  # fmt: skip
    values.update(kw)
    return FigureCandidate(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("candidate", "linked"),
    [(figure(), True), (figure(when=T - 8 * DAY), False), (figure(org_key="광주서구"), False),
     (figure(fiscal_year=2026), False), (figure(project_kind="project"), False)],
)  # fmt: skip
def test_same_whole_budget_figure_links(candidate: FigureCandidate, linked: bool) -> None:
    link = by_figure(T, "광주", 2027, [candidate])
    assert (link is not None) is linked
    if link is not None:
        assert "same whole-budget figure 7조6823억원" in link.reason


KST = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("moment", "day"),
    [(datetime(2026, 3, 4, tzinfo=KST), "2026-03-04"), (datetime(2026, 3, 3, 15, tzinfo=UTC), "2026-03-04"),
     (datetime(2026, 3, 4, 23, 59, tzinfo=KST), "2026-03-04")],
)  # fmt: skip
def test_a_date_only_page_keeps_its_calendar_date(moment: datetime, day: str) -> None:
    assert calendar_date(moment, KST).isoformat() == day


@pytest.mark.parametrize(
    ("arrival", "why"),
    [
        (Arrival(T - DAY, T, True, None), "first crawl"),
        (Arrival(T - 600 * DAY, T, False, T - DAY), "before the crawl horizon"),
        (Arrival(T - 20 * DAY, T, False, None), "before the crawl horizon"),
        (Arrival(T - 10 * DAY, T, False, T - DAY), None),
        (Arrival(None, T, False, T - DAY), None),
        (Arrival(T, T, False, T - DAY), None),
    ],
)  # fmt: skip
def test_backlog_or_news(arrival: Arrival, why: str | None) -> None:
    reason = backlog_reason(arrival)
    assert (reason is None) if why is None else (reason is not None and why in reason)
