"""SourceSpider: one spider class for every source kind (rss, listing, sitemap), driven by config.

The spider only discovers and fetches; reading and storing happen in the item pipelines. It asks
the store which of the links it found are already stored (one query per page of links, so a
crawl costs what it sees, not what is stored) and fetches only new ones, plus the young articles
whose recheck is due (conditional GET; a 304 is "unchanged", a 404/410 marks the article removed).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from sqlalchemy import Engine
from twisted.python.failure import Failure

from config.profiles import Catalog
from config.schema import SourceConfig
from crawler.bodies import READ_BYTES, READ_BYTES_META
from crawler.charset import repaired_encoding
from crawler.detail import DetailError, detail_page, detail_request
from crawler.discovery import DiscoveryError, Link, feed_links, listing_links, sitemap_links
from crawler.failures import cut_short, describe_failure, is_policy_refusal
from crawler.guard import RefusedAddress, RefusedRedirect
from crawler.items import PageItem
from crawler.known import KnownArticle, Lookup, no_lookup
from crawler.page_budget import PageBudget
from crawler.pagination import next_list_request
from crawler.read_pool import READ_SLOTS, PageReader
from crawler.tally import CrawlTally
from crawler.urls import url_key
from extract.article.bounds import bound_html

MAX_SITEMAP_DEPTH = 3
GONE = (404, 410)


class SourceSpider(scrapy.Spider):
    name = "source"

    def __init__(
        self,
        source: SourceConfig,
        lookup: Lookup = no_lookup,
        due: Sequence[tuple[str, KnownArticle, str]] = (),
        recheck: bool = False,
        tally: CrawlTally | None = None,
        source_id: int = 0,
        run_id: int | None = None,
        reader: PageReader | None = None,
        engine: Engine | None = None,
        catalog: Catalog | None = None,
        read_slots: asyncio.Semaphore | None = None,
        page_budget: PageBudget | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=f"source:{source.name}", **kwargs)
        self.source = source
        self.catalog = catalog if catalog is not None else Catalog()  # the site profiles pages are read with
        self.source_id = source_id
        self.run_id = run_id
        self.reader = reader  # shared by the crawls of one process (crawler/read_pool.py)
        self.engine = engine  # the runner's: one connection pool and statement cache per process
        self.lookup = lookup
        self.due = list(due)  # (url, known, title) of stored articles whose recheck is due
        self.recheck = recheck
        self.tally = tally if tally is not None else CrawlTally()
        self.allowed_domains = [urlsplit(source.url).hostname or ""]
        self._queued: set[str] = set()
        # Keys seen on list pages (a page showing none but these is a looping pager), apart from
        # _queued: young articles queued for recheck on page 1 must not end the walk there.
        self._listed: set[str] = set()
        # Pages read at once in this process, over every source: reading costs a page's memory.
        self.read_slots = read_slots if read_slots is not None else asyncio.Semaphore(READ_SLOTS)
        self._articles_requested = 0
        self.page_budget = page_budget  # bytes of pages held over every source (crawler/budget_gate.py)

    async def start(self) -> AsyncIterator[Request]:
        callback = {"rss": self.parse_feed, "sitemap": self.parse_sitemap, "listing": self.parse_listing}
        # Rechecks are queued before the listing is read: Scrapy takes start requests only while
        # its downloader has room, and a link read first would count as "already stored".
        due = {known.url_key: (url, known) for url, known, _title in self.due}
        self._queued |= due.keys()
        yield Request(self.source.url, callback=callback[self.source.kind], errback=self.on_listing_error,
                      dont_filter=True, cb_kwargs={"depth": 1}, meta={"listing": True})  # fmt: skip
        for key, (url, known) in due.items():
            yield self._article_request(Link(url), key, known)

    # -- discovery -------------------------------------------------------------------------------
    def _decoded(self, response: Response) -> Response:
        """The response decoded as the source says, else as its bytes say when its label lies."""
        if not isinstance(response, TextResponse):
            return response
        if self.source.encoding:
            return response.replace(encoding=self.source.encoding)
        repaired = repaired_encoding(response.body, response.encoding)
        if repaired is not None:
            self.logger.info("%s: labelled %s, read as %s", response.url, response.encoding, repaired)
            return response.replace(encoding=repaired)
        return response

    async def parse_feed(self, response: Response, depth: int) -> AsyncIterator[Request]:
        self.tally.pages += 1
        try:
            links = feed_links(response)
        except DiscoveryError as exc:
            self._listing_failed(str(exc))
            return
        for request in await self._article_requests(links):
            yield request

    async def parse_sitemap(self, response: Response, depth: int) -> AsyncIterator[Request]:
        self.tally.pages += 1
        try:
            found = sitemap_links(response, self.source.max_bytes)
        except DiscoveryError as exc:
            self._listing_failed(str(exc))
            return
        if depth < MAX_SITEMAP_DEPTH:
            for child in found.sitemaps:
                yield Request(child, callback=self.parse_sitemap, errback=self.on_error,
                              cb_kwargs={"depth": depth + 1}, meta={"listing": True})  # fmt: skip
        for request in await self._article_requests(found.pages):
            yield request

    async def parse_listing(self, response: Response, depth: int) -> AsyncIterator[Request]:
        self.tally.pages += 1
        response = self._decoded(response)
        if not isinstance(response, TextResponse):
            self._listing_failed(f"{response.url}: not an HTML list page")
            return
        assert self.source.links is not None  # the config validator requires it for listings
        links = listing_links(response, self.source.links, self.source.title_from)
        if not links and depth == 1:
            self.tally.error(f"{response.url}: no links match {self.source.links!r}")
        keys = {url_key(link.url) for link in links}
        unseen = keys - self._listed
        self._listed |= keys
        for request in await self._article_requests(links):
            yield request
        if depth >= self.source.max_pages or not unseen:
            return  # the page limit, or a page with nothing new (an endless or looping pager)
        following = next_list_request(self.source, response, depth + 1)
        if following is not None:
            yield following.replace(callback=self.parse_listing, errback=self.on_error,
                                    cb_kwargs={"depth": depth + 1}, meta={"listing": True})  # fmt: skip

    async def _article_requests(self, links: list[Link]) -> list[Request]:
        fresh: list[tuple[Link, str]] = []
        for link in links:
            key = url_key(link.url)
            if key not in self._queued:
                self._queued.add(key)
                fresh.append((link, key))
        if not fresh:
            return []
        known = await asyncio.to_thread(self.lookup, [key for _, key in fresh])
        requests = []
        for link, key in fresh:
            stored = known.get(key)
            if stored is not None and not self.recheck:
                self.tally.skipped_known += 1
                continue
            if self._articles_requested >= self.source.max_articles:
                continue
            requests.append(self._article_request(link, key, stored))
        return requests

    def _article_request(self, link: Link, key: str, known: KnownArticle | None) -> Request:
        self._articles_requested += 1
        headers: dict[str, str] = {}
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        meta = {"handle_httpstatus_list": [304, *GONE] if known is not None else [304], READ_BYTES_META: READ_BYTES}
        cb_kwargs = {"key": key, "link_title": link.title}
        rule = self.source.detail
        if rule is not None:  # the content comes from a JSON endpoint, not the (empty) view page
            try:
                endpoint, fields = detail_request(rule, link.url)
            except DetailError as exc:
                self.tally.error(str(exc))  # falls back to the view page, which reads as empty
            else:
                headers = {"Accept": "application/json, text/javascript, */*", "X-Requested-With": "XMLHttpRequest"}
                body: str | None = None
                if rule.method == "POST":
                    headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
                    body = urlencode(fields)
                return Request(endpoint, method=rule.method, body=body, headers=headers, callback=self.parse_article,
                               errback=self.on_error, cb_kwargs={**cb_kwargs, "page_url": link.url},
                               meta=meta)  # fmt: skip
        return Request(
            link.url,
            callback=self.parse_article,
            errback=self.on_error,
            headers=headers,
            cb_kwargs=cb_kwargs,
            meta=meta,
        )

    # -- articles --------------------------------------------------------------------------------
    def parse_article(
        self, response: Response, key: str, link_title: str | None, page_url: str | None = None
    ) -> Iterator[PageItem]:
        """Read a fetched article page; ``page_url``: the article link when this is the reply of
        its detail endpoint (the article is stored under the link, read from the JSON)."""
        self.tally.pages += 1
        fetched = datetime.now(UTC)
        url = page_url or response.url
        if response.status == 304 or response.status in GONE:  # a recheck: nothing to read
            yield PageItem(self.source.name, url, key, "", "", fetched, status=response.status)
            return
        cut = cut_short(response)
        if cut is not None:
            self.tally.error(f"{response.url}: {cut}")
            return
        if len(response.body) > READ_BYTES:  # decode no more than the reader reads (BodyCut did)
            response = response.replace(body=response.body[:READ_BYTES])
        response = self._decoded(response)
        if not isinstance(response, TextResponse):
            self.tally.error(f"{response.url}: not a text page ({response.headers.get('Content-Type')!r})")
            return
        html = ""  # the page is decoded when read; a detail endpoint's JSON is made a page here
        if page_url is not None and self.source.detail is not None:
            try:
                html = detail_page(bound_html(response.text), self.source.detail)
            except DetailError as exc:
                self.tally.error(f"{page_url}: {exc}")
                return
        yield PageItem(
            source_name=self.source.name,
            url=url,
            url_key=key,
            html=html,
            encoding=response.encoding,
            fetched_at=fetched,
            status=response.status,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            link_title=link_title,
            body=b"" if html else response.body,
        )

    # -- errors ----------------------------------------------------------------------------------
    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        return spider

    def _listing_failed(self, message: str) -> None:
        self.tally.listing_failed = True
        self.tally.error(message)

    def on_listing_error(self, failure: Failure) -> None:
        self.tally.listing_failed = True
        self.on_error(failure)
        if isinstance(failure.value, IgnoreRequest) and not self.tally.errors:
            self.tally.error(f"{self.source.url}: refused: {failure.value}")  # robots.txt: say so here

    def on_error(self, failure: Failure) -> None:
        """Record what failed and why; robots.txt and plain offsite links are refusals, not faults."""
        request: Request | None = getattr(failure, "request", None)
        url = _first_url(request) if request is not None else self.source.url
        value = failure.value
        assert value is not None
        if isinstance(value, IgnoreRequest) and is_policy_refusal(value):
            self.tally.refused += 1
            self.logger.info("refused %s: %s", url, value)
            return
        if isinstance(value, RefusedAddress | RefusedRedirect):
            self.tally.refused += 1
        self.tally.error(f"{url}: {describe_failure(value, request, max_bytes=self.source.max_bytes)}")

    def on_dropped(self, request: Request) -> None:
        """The scheduler drops a URL seen before; for a redirect that means a loop."""
        if request.meta.get("redirect_urls"):
            self.tally.error(f"{_first_url(request)}: redirect loop (back to {request.url})")


def _first_url(request: Request) -> str:
    """The URL the spider asked for, before any redirect."""
    redirects: list[str] = request.meta.get("redirect_urls") or [request.url]
    return redirects[0]


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
