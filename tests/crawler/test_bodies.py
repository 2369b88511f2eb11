"""What a fetched page keeps until it is read: article bodies cut on arrival, the meta refresh read
from the head, the bytes decoded only when read (as Scrapy would have), freed buffers returned."""

from __future__ import annotations

import platform
from datetime import UTC, datetime

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

from crawler.bodies import HEAD_BYTES, READ_BYTES, READ_BYTES_META, BodyCut, HeadMetaRefresh
from crawler.heap import fix_mmap_threshold
from crawler.items import PageItem
from crawler.reading import page_html
from extract.article.bounds import MAX_HTML_CHARS

URL = "http://127.0.0.1/a.html"
HEADERS = {"Content-Type": "text/html; charset=utf-8"}
NOW = datetime(2026, 11, 29, tzinfo=UTC)


def article_request() -> Request:
    return Request(URL, meta={READ_BYTES_META: READ_BYTES})


def test_a_long_article_body_is_cut_on_arrival_to_what_is_read() -> None:
    body = b"<html><body><p>" + "예산 30억원. ".encode() * 700_000 + b"</p></body></html>"
    assert len(body) > READ_BYTES
    cut = BodyCut().process_response(article_request(), HtmlResponse(URL, body=body, headers=HEADERS))
    assert isinstance(cut, TextResponse)
    assert cut.body == body[:READ_BYTES] and cut.encoding == "utf-8"
    assert len(cut.text) >= MAX_HTML_CHARS  # the reader's bound still fits in what is kept


def test_short_pages_keep_their_bytes_and_other_requests_are_left_alone() -> None:
    body = b"<html><body><p>short</p></body></html>"
    kept = BodyCut().process_response(article_request(), HtmlResponse(URL, body=body, headers=HEADERS))
    assert kept.body is body
    feed = HtmlResponse(URL, body=b"<rss>" + b"x" * (READ_BYTES + 10) + b"</rss>", headers=HEADERS)
    assert BodyCut().process_response(Request(URL), feed) is feed  # a sitemap or feed is read whole


def test_a_page_cut_mid_transfer_is_left_whole_for_the_spider_to_refuse() -> None:
    body = b"<html><body><p>" + b"x" * (READ_BYTES + 10)  # no </html>, no Content-Length
    partial = HtmlResponse(URL, body=body, headers=HEADERS, flags=["partial"])
    assert BodyCut().process_response(article_request(), partial) is partial


def meta_refresh() -> HeadMetaRefresh:
    return HeadMetaRefresh.from_crawler(get_crawler())


def test_a_meta_refresh_in_the_head_of_a_long_page_is_followed() -> None:
    head = b'<html><head><meta http-equiv="refresh" content="0; url=/moved.html"></head><body><p>'
    response = HtmlResponse(URL, body=head + b"x" * (2 * HEAD_BYTES) + b"</p></body></html>", headers=HEADERS)
    followed = meta_refresh().process_response(Request(URL), response)
    assert isinstance(followed, Request) and followed.url == "http://127.0.0.1/moved.html"


def test_a_long_page_without_meta_refresh_comes_back_as_it_was() -> None:
    response = HtmlResponse(URL, body=b"<html><body><p>" + b"x" * (2 * HEAD_BYTES) + b"</p></body></html>",
                            headers=HEADERS)  # fmt: skip
    assert meta_refresh().process_response(Request(URL), response) is response


@pytest.mark.parametrize(
    ("body", "encoding"),
    [
        ("<p>군은 예산 30억원을 편성했다</p>".encode("cp949"), "cp949"),
        (b"\xef\xbb\xbf" + "<p>예산 30억원</p>".encode(), "utf-8"),  # a BOM is read, not kept
        ("<p>café €5 million</p>".encode("cp1252"), "cp1252"),
    ],
)
def test_page_bytes_are_decoded_when_read_exactly_as_scrapy_decodes_them(body: bytes, encoding: str) -> None:
    response = TextResponse(URL, body=body, encoding=encoding)
    page = PageItem("s", URL, URL, "", response.encoding, NOW, body=body)
    assert page_html(page) == response.text


def test_a_page_the_spider_built_is_read_as_built() -> None:
    page = PageItem("s", URL, URL, "<p>detail</p>", "utf-8", NOW)
    assert page_html(page) == "<p>detail</p>"


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt's M_MMAP_THRESHOLD is glibc's")
def test_freed_large_buffers_go_back_to_the_system_on_glibc() -> None:
    assert fix_mmap_threshold() is True
