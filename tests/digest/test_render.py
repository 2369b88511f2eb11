"""Rendering a Digest value: sections, escaping, amounts, the empty digest (no database needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from digest.compose import (
    AmountChange,
    ArticleRef,
    Digest,
    FigureLine,
    OrgArticles,
    Revision,
    SourceHealth,
    StoryItem,
)
from digest.render import http_url, render_digest

SEOUL = ZoneInfo("Asia/Seoul")
START, END = datetime(2026, 11, 23, 22, 0, tzinfo=UTC), datetime(2026, 11, 24, 22, 0, tzinfo=UTC)
EVIL = ArticleRef(
    '<script>alert(1)</script> 예산 & "따옴표"', "https://news.example.kr/1?a=1&b=2", "news", "2026-11-24"
)


def full_digest() -> Digest:
    return Digest(
        START,
        END,
        amount_changes=(AmountChange("광주광역시", "예산 총규모", 2026, "7조5,000억원", "7,500,000,000,000 KRW",
                                     "7조6,823억원", "7,682,300,000,000 KRW", "증액", None, EVIL),),
        new_articles=(OrgArticles("광주광역시", (StoryItem(EVIL, (FigureLine("디지털 뉴딜", "239억원", "23,900,000,000 KRW",
                                                                         2021, "", "투자한다"),), 4,
                                                          (ArticleRef("t", "https://b.kr/2", "other", "2026-11-24"),)),)),),
        revisions=(Revision("광주광역시", EVIL, ("-<b>old</b> 100억원", "+new 120억원")),),
        health=(SourceHealth("naju-press", "나주시", "2 of 2 crawls failed: <timeout>"),),
    )  # fmt: skip


def test_every_section_in_both_parts() -> None:
    rendered = render_digest(full_digest(), SEOUL, prefix="[bw]", unsubscribe_url="https://u.example.kr/x")
    assert rendered.subject == "[bw] 2026-11-25 예산 소식: 금액 변경 1건, 새 기사 1건, 수정 1건, 수집 문제 1곳"
    for heading in ("바뀐 금액", "새 기사 1건", "수정된 기사", "수집 상태"):
        assert heading in rendered.text and heading in rendered.html
    assert "- 2026-11-24 <script>alert(1)</script> 예산" in rendered.text  # each article with its date
    assert "디지털 뉴딜 239억원 (2021년도) 외 4건" in rendered.text
    assert "7조5,000억원 -> 7조6,823억원 (증액; 7,500,000,000,000 KRW -> 7,682,300,000,000 KRW)" in rendered.text
    assert '<b title="23,900,000,000 KRW">239억원</b>' in rendered.html
    assert "기간: 2026-11-24 07:00 ~ 2026-11-25 07:00 (Asia/Seoul)" in rendered.text
    assert "같은 기사: other <https://b.kr/2>" in rendered.text  # duplicates shown once, with all outlets
    assert rendered.item_count == 4


def test_article_text_is_escaped_in_html_and_plain_in_text() -> None:
    rendered = render_digest(full_digest(), SEOUL, prefix="[bw]")
    html = rendered.html
    assert "<script" not in html and "<b>old</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 예산 &amp; &#34;따옴표&#34;" in html
    assert "-&lt;b&gt;old&lt;/b&gt; 100억원" in html and "&lt;timeout&gt;" in html
    assert 'href="https://news.example.kr/1?a=1&amp;b=2"' in html
    assert '<script>alert(1)</script> 예산 & "따옴표"' in rendered.text  # the text part is not HTML


def test_no_scripts_no_remote_resources_inline_css_only() -> None:
    html = render_digest(full_digest(), SEOUL, prefix="[bw]", unsubscribe_url="https://u.example.kr/x").html
    lowered = html.lower()
    for forbidden in ("<script", "<img", "<link", "<style", "@import", "url(", "<iframe", "javascript:"):
        assert forbidden not in lowered, forbidden


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.kr/1", "https://a.kr/1"),
        ("HTTP://a.kr/1", "HTTP://a.kr/1"),
        ("javascript:alert(1)", "#"),
        ("data:text/html,x", "#"),
        ("", "#"),
    ],
)
def test_links_only_to_web_pages(url: str, expected: str) -> None:
    assert http_url(url) == expected


def test_empty_digest_is_one_line() -> None:
    rendered = render_digest(Digest(START, END), SEOUL, prefix="[budgetwatch]")
    assert rendered.subject == "[budgetwatch] 2026-11-25 예산 소식: 새 소식 없음"
    assert rendered.item_count == 0
    assert "이 기간에 새 기사, 금액 변경이 없습니다" in rendered.text
    for heading in ("== 새 기사", "바뀐 금액", "수정된 기사", "수집 상태", "수신 거부"):
        assert heading not in rendered.text and heading not in rendered.html


def test_same_digest_renders_the_same_bytes() -> None:
    assert render_digest(full_digest(), SEOUL, prefix="x") == render_digest(full_digest(), SEOUL, prefix="x")
