"""Korean date forms, meta tags, JSON-LD and <time>: table-driven tests of extract.article.dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from extract.article.dates import guess_page_date, parse_date, read_page_dates

KST = ZoneInfo("Asia/Seoul")


def kst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=KST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-11-27 15:01 송고", kst(2020, 11, 27, 15, 1)),
        ("입력 2023.11.28 13:02", kst(2023, 11, 28, 13, 2)),
        ("승인 2023.11.28", kst(2023, 11, 28)),
        ("등록일 : 2024-05-16", kst(2024, 5, 16)),
        ("2024년 5월 16일", kst(2024, 5, 16)),
        ("2024년 5월 16일 15시 30분", kst(2024, 5, 16, 15, 30)),
        ("2024. 5. 16.(목) 오후 2:05", kst(2024, 5, 16, 14, 5)),
        ("2024. 5. 16.(목) 오전 12:10", kst(2024, 5, 16, 0, 10)),
        ("작성일 : 2025-12-05 17:09", kst(2025, 12, 5, 17, 9)),
        ("2026-01-07 14:11:54", kst(2026, 1, 7, 14, 11, 54)),
        ("발행일: 2025-12-06 17:25 (토)", kst(2025, 12, 6, 17, 25)),
        ("2024-05-16T10:08:31+09:00", kst(2024, 5, 16, 10, 8, 31)),
        ("2024-05-16", kst(2024, 5, 16)),
    ],
)
def test_parse_date_reads_korean_forms(text: str, expected: datetime) -> None:
    assert parse_date(text, KST) == expected


def test_parse_date_keeps_an_explicit_offset() -> None:
    value = parse_date("2024-05-16T01:00:00Z", KST)
    assert value == datetime(2024, 5, 16, 1, 0, tzinfo=UTC)
    assert value is not None and value.utcoffset() == timedelta(0)


def test_parse_date_uses_the_given_timezone_when_the_page_gives_none() -> None:
    value = parse_date("2024.05.16 09:00", ZoneInfo("Europe/Berlin"))
    assert value is not None and value.tzinfo == ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    "text",
    [None, "", "조회수 1234", "전화 061-286-6710", "2024.13.45", "24.05.16", "버전 1.2.3"],
)
def test_parse_date_finds_nothing_in_text_without_a_date(text: str | None) -> None:
    assert parse_date(text, KST) is None


def test_an_impossible_time_keeps_the_day() -> None:
    assert parse_date("2024.05.16 35:99", KST) == kst(2024, 5, 16)


def _tree(head: str, body: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_page_dates_from_meta_tags() -> None:
    tree = _tree(
        '<meta property="article:published_time" content="2025-12-06T16:43:04+09:00">'
        '<meta property="article:modified_time" content="2025-12-06T17:18:59+09:00">'
    )
    dates = read_page_dates(tree, KST)
    assert dates.published == kst(2025, 12, 6, 16, 43, 4)
    assert dates.updated == kst(2025, 12, 6, 17, 18, 59)


def test_page_dates_from_json_ld_graph_win_over_meta() -> None:
    tree = _tree(
        '<meta property="article:published_time" content="2020-01-01">'
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
        ' {"@type": "NewsArticle", "datePublished": "2024-05-16T09:30:00+09:00",'
        ' "dateModified": "2024-05-17T08:00:00+09:00"}]}</script>'
    )
    dates = read_page_dates(tree, KST)
    assert dates.published == kst(2024, 5, 16, 9, 30)
    assert dates.updated == kst(2024, 5, 17, 8, 0)


def test_page_dates_skip_broken_json_ld_and_read_time_element() -> None:
    tree = _tree(
        '<script type="application/ld+json">{not json</script>',
        '<article><time datetime="2024-05-16T10:00:00+09:00">5월 16일</time></article>',
    )
    assert read_page_dates(tree, KST).published == kst(2024, 5, 16, 10, 0)


def test_page_dates_none_when_the_page_declares_nothing() -> None:
    dates = read_page_dates(_tree("<title>x</title>", "<p>본문</p>"), KST)
    assert dates.published is None and dates.updated is None


def test_guess_page_date_reads_a_date_in_the_url() -> None:
    html = "<html><body><h1>Budget</h1><p>Some text here about the budget.</p></body></html>"
    value = guess_page_date(html, "https://example.com/2024/05/16/budget.html", KST)
    assert value is not None and value.date().isoformat() == "2024-05-16"
