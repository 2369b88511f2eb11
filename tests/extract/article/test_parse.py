"""A page is parsed once: trafilatura reads the tree it would have parsed, the reader a copy."""

from __future__ import annotations

import gzip
import json

import lxml.html
import pytest
from trafilatura import load_html

from extract.article.generic import read_generic
from extract.article.parse import _has_invalid_chars, _load_valid, parse_page
from tests.shared import shared_path


def test_the_reader_reads_trafilatura_s_tree() -> None:
    page = parse_page("<html><head><title>t</title></head><body><p>one\x01 line</p><!-- c --></body></html>")
    assert page is not None and page.pristine is not None
    assert page.tree is page.pristine  # trafilatura 2.3 copies it before reading (tested below)
    assert page.tree.text_content() == "tone line"  # control characters and comments are gone


def test_a_korean_page_is_not_copied_trafilatura_would_read_its_markup() -> None:
    html = "<html><head><title>t</title></head><body><p>문단\x01 하나</p></body></html>"
    page = parse_page(html)
    assert page is not None and page.pristine is None and page.html == html
    assert page.tree.text_content() == "t문단 하나"


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


CRAFTED = [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
    "\n<html><head><title>t</title></head><body><p>x</p></body></html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html><body><p>one line</p></body></html>',
    '<?xml version="1.0" encoding="utf-8"?>\n<html><head></head><body><p>declared</p></body></html>',
    '<html lang="ko"/>\n<head><title>t</title></head><body><p>self-closed html</p></body>',
    "<div><p>a</p></div><div><p>b</p></div>",
    "<p>조각</p>",
    "plain text, no markup at all",
    "<html><body><p>nothing to repair 예산</p></body></html>",
]


def _trafilatura_tree(html: str) -> bytes | None:
    tree = load_html(html)
    return None if tree is None else lxml.html.tostring(tree)


def _our_tree(html: str) -> bytes | None:
    tree = _load_valid(html)
    return None if tree is None else lxml.html.tostring(tree)


@pytest.mark.parametrize("html", CRAFTED)
def test_markup_without_characters_to_remove_is_parsed_as_trafilatura_parses_it(html: str) -> None:
    assert not _has_invalid_chars(html, html.encode())
    assert _our_tree(html) == _trafilatura_tree(html)


def test_real_pages_are_parsed_as_trafilatura_parses_them() -> None:
    aeb = shared_path("eval/aeb")
    kr = shared_path("eval/kr-pages")
    pages = [
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted((aeb / "html").glob("*.gz"))
    ]
    pages += [path.read_text(encoding="utf-8") for path in sorted(kr.glob("*.html"))]
    checked = 0
    for html in pages:
        if not _has_invalid_chars(html, html.encode("utf-8", "surrogatepass")):
            assert _our_tree(html) == _trafilatura_tree(html)
            checked += 1
    assert checked >= 0.9 * len(pages)


@pytest.mark.parametrize("text", ["a\x00b", "tab\tand\x0bvertical", "\x1f", "non\ufffecharacter", "\uffff"])
def test_characters_trafilatura_removes_are_found(text: str) -> None:
    assert _has_invalid_chars(text, text.encode("utf-8", "surrogatepass"))
    page = parse_page(f"<html><body><p>{text}</p></body></html>")
    assert page is not None and page.pristine is not None
    assert lxml.html.tostring(page.pristine) == _trafilatura_tree(f"<html><body><p>{text}</p></body></html>")


@pytest.mark.parametrize(
    ("html", "korean"),
    [
        ("<html><body><p>budget</p></body></html>", False),
        ("<html><body><p>예산</p></body></html>", True),
        ('<html><body><img src="/포스터.jpg"><p>poster</p></body></html>', True),  # the markup, not only the text
        ("<p>조각 예산</p>", True),  # a fragment, parsed by the reader alone
    ],
)
def test_a_page_is_korean_when_its_markup_holds_hangul(html: str, korean: bool) -> None:
    page = parse_page(html)
    assert page is not None and page.korean is korean


def test_the_parser_has_trafilatura_s_options_and_plain_element_classes() -> None:
    html = '<html><body><?php x ?><!-- c --><form id="f"><input id="f" name="q"></form><p>t</p></body></html>'
    ours = _load_valid(html)
    theirs = load_html(html)
    assert ours is not None and theirs is not None
    assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
    assert ours.getroottree().docinfo.doctype == theirs.getroottree().docinfo.doctype == ""
    # lxml.html's Python lookup would give FormElement and InputElement; ours looks classes up in C.
    assert {type(el) for el in ours.iter()} == {lxml.html.HtmlElement}
    assert type(theirs.find(".//form")) is lxml.html.FormElement
