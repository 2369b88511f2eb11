"""A page is parsed once: trafilatura reads the tree it would have parsed, the reader a copy."""

from __future__ import annotations

import gzip
import json

import lxml.html
import pytest

from extract.article.generic import read_generic
from extract.article.parse import parse_page
from tests.shared import shared_path


def test_the_reader_s_tree_is_a_copy_of_trafilatura_s() -> None:
    page = parse_page("<html><head><title>t</title></head><body><p>문단\x01 하나</p><!-- c --></body></html>")
    assert page is not None and page.pristine is not None
    assert page.tree is not page.pristine
    assert lxml.html.tostring(page.tree) == lxml.html.tostring(page.pristine)
    assert page.tree.text_content() == "t문단 하나"  # control characters and comments are gone
    page.tree.body.clear()
    assert page.pristine.text_content() == "t문단 하나"


@pytest.mark.parametrize("html", ["<p>조각 하나</p>", "그냥 글", "<div><p>a</p><p>b</p></div>"])
def test_a_fragment_is_read_as_a_document_and_trafilatura_gets_the_markup(html: str) -> None:
    page = parse_page(html)
    assert page is not None and page.pristine is None
    assert page.tree.tag == "html" and page.html == html


@pytest.mark.parametrize("html", ["", "   \n", "\x00"])
def test_no_document(html: str) -> None:
    page = parse_page(html)
    assert page is None or page.tree.text_content().strip() == ""


def test_trafilatura_reads_the_tree_as_it_reads_the_markup() -> None:
    aeb = shared_path("eval/aeb")
    keys = list(json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8")))[::6]
    for key in keys:
        html = gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        page = parse_page(html)
        assert page is not None and page.pristine is not None and page.html == html
        before = lxml.html.tostring(page.pristine)
        for precise in (True, False):
            assert read_generic(page.pristine, "", precise=precise) == read_generic(html, "", precise=precise), key
        assert lxml.html.tostring(page.pristine) == before  # trafilatura read a copy
