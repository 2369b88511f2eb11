"""A page's reading cost is bounded: text and elements past the bound are cut before reading."""

from __future__ import annotations

import lxml.html

from extract.article.bounds import MAX_HTML_CHARS, MAX_TEXT_CHARS, bound_html, bound_tree
from extract.article.reader import read_article

SENTENCE = "군은 내년 예산 30억원을 도로 정비에 편성했다고 밝혔다. "


def _page(body: str) -> str:
    return f"<html><head><title>예산 편성</title></head><body><h1>예산 편성</h1>{body}</body></html>"


def test_a_9_mb_single_line_page_is_read_up_to_the_bound() -> None:
    html = _page("<p>" + SENTENCE * (9_000_000 // len(SENTENCE.encode())) + "</p>")
    assert len(html.encode()) > 8_900_000 and "\n" not in html
    article = read_article(html, "https://news.example.kr/a/1")
    assert article.title == "예산 편성"
    assert article.body.startswith(SENTENCE.strip())
    assert len(article.body) <= MAX_TEXT_CHARS


def test_a_page_of_many_elements_is_read_up_to_the_bound() -> None:
    html = _page(("<div><span>" + SENTENCE + "</span></div>") * 200_000)
    article = read_article(html, "https://news.example.kr/a/2")
    assert SENTENCE.strip() in article.body[:200]
    assert len(article.body) <= MAX_TEXT_CHARS + 2 * MAX_TEXT_CHARS // len(SENTENCE)


def test_markup_is_cut_at_its_bound() -> None:
    assert bound_html("x" * (MAX_HTML_CHARS + 5)) == "x" * MAX_HTML_CHARS
    assert bound_html("<p>짧다</p>") == "<p>짧다</p>"


def test_cut_inside_text_keeps_what_comes_before_only() -> None:
    tree = lxml.html.fromstring("<div><p>aaaa<b>bb</b>cc</p><p>dddd</p>ee</div>")
    assert bound_tree(tree, max_chars=5)
    assert lxml.html.tostring(tree, encoding="unicode") == "<div><p>aaaa<b>b</b></p></div>"


def test_cut_inside_a_tail_keeps_the_element_before_it() -> None:
    tree = lxml.html.fromstring("<div><p>aa<b>bb</b>cccc</p><p>dd</p></div>")
    assert bound_tree(tree, max_chars=6)
    assert lxml.html.tostring(tree, encoding="unicode") == "<div><p>aa<b>bb</b>cc</p></div>"


def test_element_bound_and_invisible_text() -> None:
    tree = lxml.html.fromstring("<div><script>" + "x" * 100 + "</script><p>a</p><p>b</p><p>c</p></div>")
    assert bound_tree(tree, max_chars=10, max_elements=3)
    assert lxml.html.tostring(tree, encoding="unicode").endswith("<p>a</p><p>b</p></div>")


def test_a_page_within_the_bounds_is_untouched() -> None:
    html = _page("<p>" + SENTENCE * 10 + "</p>")
    tree = lxml.html.fromstring(html)
    assert not bound_tree(tree)
    assert lxml.html.tostring(tree, encoding="unicode") == lxml.html.tostring(
        lxml.html.fromstring(html), encoding="unicode"
    )


def test_inline_scripts_past_the_bound_do_not_cut_a_short_page() -> None:
    html = "<div><script>" + "x" * 100 + "</script><noscript>ab<i>cd</i></noscript><p>efgh</p></div>"
    tree = lxml.html.fromstring(html)
    assert not bound_tree(tree, max_chars=8)  # ab is the noscript's own text; cd and efgh count
    assert lxml.html.tostring(tree, encoding="unicode") == html
    assert bound_tree(tree, max_chars=5)
    assert lxml.html.tostring(tree, encoding="unicode").endswith("<p>efg</p></div>")
