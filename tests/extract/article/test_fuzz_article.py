"""Fuzz: read_article never raises on arbitrary HTML-ish text and always returns an Article."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.article.page import Article
from extract.article.reader import read_article

TAGS = [
    "div",
    "p",
    "span",
    "table",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "h1",
    "h3",
    "br",
    "a",
    "ul",
    "li",
    "form",
    "script",
    "time",
    "meta",
    "figure",
    "figcaption",
    "title",
    "header",
    "footer",
]
WORDS = [
    "제목",
    "작성일",
    "등록일 :",
    "담당부서",
    "2024-05-16",
    "2020-11-27 15:01 송고",
    "입력 2023.11.28 13:02",
    "공공누리",
    "이전글",
    "첨부파일",
    "예산 1조원",
    "많이 본 뉴스",
    "<",
    ">",
    "&amp;",
    "\x00",
    "\ufffd",
    "Budget",
    'class="view_title"',
    '{"datePublished": "2024"}',
    "2024년 5월 16일",
    " ",
    "\n",
]


@st.composite
def html_like(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(
                st.sampled_from(
                    [
                        "",
                        ' class="title"',
                        ' class="byline"',
                        ' id="nuri"',
                        ' property="og:title" content="x | y"',
                        ' datetime="2024-13-99"',
                        ' type="application/ld+json"',
                        ' class="file_area"',
                    ]
                )
            )
            parts.append(f"<{tag}{attrs}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(WORDS)))
        else:
            parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=html_like(), url=st.sampled_from(["", "https://www.naju.go.kr/www/x?idx=1", "not a url"]))
def test_read_article_never_raises_on_html_like_text(html: str, url: str) -> None:
    article = read_article(html, url)
    assert isinstance(article, Article)
    assert isinstance(article.title, str) and isinstance(article.body, str)
    assert article.published is None or article.published.tzinfo is not None


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_read_article_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(read_article(text, "https://example.com/"), Article)
