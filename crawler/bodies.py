"""What a fetched page keeps in memory until it is read: no more bytes than the reader reads.

Scrapy keeps every response until its items have gone through the pipelines, and pages wait for
a read slot there (``SourceSpider.read_slots``): a crawl of many 9 MB pages kept them all whole,
with their whole text decoded by Scrapy's meta-refresh check besides (21 MB a page). Article
bodies are cut to ``READ_BYTES`` as soon as they are decompressed, and the meta-refresh check
decodes only the head of a page, where the tag must be.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request, Response, TextResponse

from crawler.failures import cut_short
from extract.article.bounds import MAX_HTML_CHARS

# Bytes that hold MAX_HTML_CHARS characters in any encoding of the BMP (UTF-8: 3 bytes at most).
READ_BYTES = 3 * MAX_HTML_CHARS
# The meta request carrying an article request's byte bound (set by the spider).
READ_BYTES_META = "read_bytes"
# Scrapy looks for a meta refresh in the first 4,096 characters: 4 bytes each at most, and a
# character cut at the end of the head must not shorten them.
HEAD_BYTES = 4 * 4096 + 4


class BodyCut:
    """Downloader middleware: an article body longer than its request's ``read_bytes`` is cut to
    it on arrival (after decompression), so the rest is never kept; the bytes kept are decoded
    only when the page is read (crawler/reading.py). A close-delimited page that reads as cut
    mid-transfer is left whole: the spider refuses it by its missing end tag."""

    def process_response(self, request: Request, response: Response) -> Response:
        limit = request.meta.get(READ_BYTES_META)
        if not isinstance(limit, int) or cut_short(response) is not None:
            return response
        if len(response.body) <= limit and not isinstance(response, TextResponse):
            return response
        # A text response is replaced even when short: the copy carries its encoding as given, so
        # Scrapy never infers it again (inferring keeps the whole text with the response).
        return response.replace(body=response.body[:limit])


class HeadMetaRefresh(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware reading the page's head only: Scrapy's decodes the whole
    body to read its first 4,096 characters, and keeps that text with the response."""

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if not isinstance(response, HtmlResponse) or len(response.body) <= HEAD_BYTES:
            return super().process_response(request, response)
        head = response.replace(body=response.body[:HEAD_BYTES])
        followed = super().process_response(request, head)
        return response if followed is head else followed
