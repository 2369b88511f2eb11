"""The title search reads the same headings as a walk over every element, in the same order."""

from __future__ import annotations

import gzip
import json

import lxml.html
import pytest
from lxml.html import HtmlElement

from extract.article.titles import find_title_before, find_title_by_hints, is_heading_like, site_names
from tests.shared import shared_path

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


@pytest.mark.parametrize("page_set", ["aeb", "kr-pages"])
def test_on_real_pages_the_search_sees_what_a_full_walk_sees(page_set: str) -> None:
    base = shared_path(f"eval/{page_set}")
    if page_set == "aeb":
        keys = list(json.loads((base / "ground-truth.json").read_text(encoding="utf-8")))[:60]
        pages = [
            gzip.decompress((base / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8", "replace") for k in keys
        ]
    else:
        labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))["pages"]
        pages = [(base / rec["file"]).read_text(encoding="utf-8") for rec in labels]
    for html in pages:
        tree = lxml.html.document_fromstring(html)
        walked = _walked(tree)
        hints = tuple(normalized for normalized in (el.text_content().strip() for el in walked[:3]) if normalized)
        expected = _by_walk(walked, hints)
        assert find_title_by_hints(tree, hints) is expected
        if walked:
            last = walked[-1]
            assert find_title_before(tree, last, hints) is _before_by_walk(tree, last, hints)


def _by_walk(walked: list[HtmlElement], hints: tuple[str, ...]) -> HtmlElement | None:
    """find_title_by_hints as it was written before its candidates were preselected."""
    from extract.article.titles import _MAX_TITLE, heading_title, normalize, segments

    if not hints:
        return None
    best, best_len = None, 0
    final = set(hints) | {max(segments(hint), key=len) for hint in hints if segments(hint)}
    for el in walked:
        text = normalize(el.text_content())
        shown = heading_title(text, hints) if 2 <= len(text) <= _MAX_TITLE else None
        if shown is not None and len(shown) > best_len:
            best, best_len = el, len(shown)
            if shown in final:
                break
    return best


def _before_by_walk(root: HtmlElement, anchor: HtmlElement, hints: tuple[str, ...]) -> HtmlElement | None:
    """find_title_before as it was written before its candidates were preselected."""
    from extract.article.boards import LABELS
    from extract.article.titles import _MAX_TITLE, _WINDOW, heading_title, normalize

    ancestors = set(anchor.iterancestors())
    candidates = []
    for el in root.iter():
        if el is anchor:
            break
        if el in ancestors or not is_heading_like(el):
            continue
        text = normalize(el.text_content())
        if 2 <= len(text) <= _MAX_TITLE and text.rstrip(" :：") not in LABELS:
            candidates.append(el)
    window = candidates[-_WINDOW:]
    for el in reversed(window):
        if heading_title(normalize(el.text_content()), hints) is not None:
            return el
    return window[-1] if window else None


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
