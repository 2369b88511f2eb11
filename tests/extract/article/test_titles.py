"""The title search: heading-like elements, the title a heading shows, the site's names from its logo link."""

from __future__ import annotations

from copy import copy

import lxml.html
import pytest
from lxml.html import HtmlElement

from extract.article.text import strip_invisible
from extract.article.titles import (
    _TITLE_TOKENS,
    find_title_before,
    find_title_by_hints,
    heading_like,
    is_heading_like,
    site_names,
)

# Heading-like by tag, by a class or id word in any case or camelCase, and look-alikes that are not.
PAGE = """<html><head><title>가나군 내년 도로 예산 편성 | 가나군</title></head><body>
<div class="HEADER"><a href="/">가나군</a></div>
<p class="ArticleTitle">가나군 내년 도로 예산 편성</p><div id="SUBJ-box">제목 아닌 상자</div>
<span class="titanic">아님</span><div class="tİt">아님</div><h2>소제목</h2>
<table><tr><th class="tit">제목</th><td class="board_viewTitle">가나군 내년 도로 예산 편성</td></tr>
<tr><th>작성일</th><td id="date">2024-05-16</td></tr></table></body></html>"""


def _walked(root: HtmlElement) -> list[HtmlElement]:
    return [el for el in root.iter() if is_heading_like(el)]


def test_the_heading_like_elements_of_a_page_in_document_order() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    assert [el.get("class") or el.get("id") or el.tag for el in _walked(tree)] == [
        "ArticleTitle",
        "SUBJ-box",
        "h2",
        "tit",
        "board_viewTitle",
    ]


def test_heading_like_walks_the_page_up_to_a_stop() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    assert list(heading_like(tree)) == _walked(tree)
    date = tree.get_element_by_id("date")
    assert list(heading_like(tree, stop=tree.find(".//h2"))) == _walked(tree)[:2]
    assert list(heading_like(tree, stop=date)) == _walked(tree)


@pytest.mark.parametrize("token", sorted(_TITLE_TOKENS))
def test_every_title_word_passes_the_cheap_stem_test(token: str) -> None:
    for spelled in (token, token.upper(), token.capitalize()):
        assert is_heading_like(lxml.html.fragment_fromstring(f'<div class="x {spelled}">t</div>'))
        assert is_heading_like(lxml.html.fragment_fromstring(f'<div id="{spelled}-1">t</div>'))


def test_the_title_is_the_longest_heading_that_agrees_with_the_meta_title() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    found = find_title_by_hints(tree, ("가나군 내년 도로 예산 편성 | 가나군",))
    assert found is not None and found.get("class") == "ArticleTitle"  # the first among equals


def test_the_heading_before_a_date_label_skips_the_label_s_own_boxes() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    anchor = tree.get_element_by_id("date")
    found = find_title_before(tree, anchor, ("가나군 내년 도로 예산 편성 | 가나군",))
    assert found is not None and found.get("class") == "board_viewTitle"
    # Within a subtree only that subtree's headings count.
    table = next(tree.iter("table"))
    assert find_title_before(table, anchor, ()) is found
    assert find_title_before(next(tree.iter("body"))[0], anchor, ()) is None


@pytest.mark.parametrize(
    ("href", "home"),
    [
        ("/", True),
        ("./", True),
        ("/index.html", True),
        ("index.php", True),
        ("https://news.example.kr/", True),
        ("https://www.news.example.kr", True),
        (" / ", False),  # the raw attribute is tested first, as the XPath that did this did
        ("/news/1", False),
        ("https://news.example.kr/news/1", False),
        ("https://twitter.com/", False),  # another site
        ("mailto:desk@news.example.kr", False),
    ],
)
def test_the_logo_link_to_the_home_page_names_the_site(href: str, home: bool) -> None:
    html = f'<html><body><a href="{href}">가나일보</a><h1>가나군 내년 도로 예산 편성</h1></body></html>'
    tree = lxml.html.document_fromstring(html)
    assert site_names(tree, "https://news.example.kr/news/7") == (("가나일보",) if home else ())


# A script inside the article's heading, and headings that are never shown (template, noscript).
HIDDEN = """<html><head><title>가나군 내년 도로 예산 편성 | 가나군</title></head><body>
<template><h1>가나군 내년 도로 예산 편성</h1></template>
<noscript><h2 class="title">가나군 내년 도로 예산 편성</h2></noscript>
<h3 class="title">가나군 내년 도로<script>var views = 1;</script> 예산 편성<!-- c --></h3>
<h1>가나군 내년 도로 예산 편성 안내</h1></body></html>"""


def test_the_title_search_reads_the_page_as_stripped_without_changing_it() -> None:
    hints = ("가나군 내년 도로 예산 편성 | 가나군",)
    tree = lxml.html.document_fromstring(HIDDEN)
    before = lxml.html.tostring(tree)
    stripped = copy(tree)
    strip_invisible(stripped)
    found, in_stripped = find_title_by_hints(tree, hints), find_title_by_hints(stripped, hints)
    assert found is not None and in_stripped is not None
    assert found.tag == in_stripped.tag == "h3"
    assert lxml.html.tostring(tree) == before
