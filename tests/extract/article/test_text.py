"""Text helpers: Hangul found by UTF-8 lead bytes as the regex finds it."""

from __future__ import annotations

import re

import lxml.html
import pytest

from extract.article.text import has_hangul, is_invisible, strip_invisible, visible_text


@pytest.mark.parametrize(
    ("text", "hangul"),
    [
        ("plain ASCII", False),
        ("café — “quoted”", False),
        ("가", True),  # U+AC00, lead byte EA
        ("힣", True),  # U+D7A3, lead byte ED
        ("뉴스", True),  # EB
        ("\ua000\ud7a4\u3131", False),  # Yi (EA), Hangul Jamo Extended-B (ED), a compatibility jamo
        ("\ud800 lone surrogate", False),
        ("English … 예산 30억원", True),
    ],
)
def test_hangul_is_found_by_its_utf8_lead_bytes_as_the_regex_finds_it(text: str, hangul: bool) -> None:
    assert has_hangul(text) is hangul
    assert (re.search("[가-힣]", text) is not None) is hangul


def test_visible_text_is_the_text_left_once_scripts_are_stripped() -> None:
    html = "<div><p>one<script>x()</script> two<style>p{}</style><!-- c --></p><noscript><i>three</i></noscript></div>"
    root = lxml.html.fragment_fromstring(html)
    before = lxml.html.tostring(root)
    paragraph, italic = root[0], next(root.iter("i"))
    assert visible_text(root) == visible_text(paragraph) == "one two"
    assert lxml.html.tostring(root) == before  # unchanged
    assert is_invisible(italic) and is_invisible(root[0][0]) and not is_invisible(paragraph)
    strip_invisible(root)
    assert root.text_content() == "one two" and lxml.html.tostring(root) == b"<div><p>one two</p></div>"
