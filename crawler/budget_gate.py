"""Every fetch holds its page's bytes in the process's page budget (crawler/page_budget.py).

A request reserves nothing while its size is unknown, and waits only behind fetches that are
already waiting. When its headers come, it holds what Content-Length announces; without one, what
has arrived so far. A page that does not fit while other pages hold the budget is stopped there
(at its headers when it announces its size: nothing of it was kept) and fetched again once its
bytes fit, reserved before it is sent. Once downloaded it holds what is kept (``BodyCut`` cuts an
article to what is read), until its request is gone: read and stored, or failed.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured, StopDownload
from scrapy.http import Response

from crawler.page_budget import PageBudget, Reservation

RESERVATION_META = "page_budget"  # the fetch's Reservation
EXPECTED_META = "page_budget_expected"  # bytes to reserve before sending (a page stopped before)
RECEIVED_META = "page_budget_received"  # bytes arrived so far, when no Content-Length said
OVER_META = "page_budget_over"  # the size a page was stopped at, to fetch it again with
AGAIN_META = "page_budget_again"  # fetched again after a stop: not stopped twice


class PageBudgetGate:
    """Downloader middleware with the budget of ``BUDGETWATCH_PAGE_BUDGET`` bytes: the spider's
    ``page_budget`` (one per process, crawler/runner.py), else one of this crawl's own."""

    def __init__(self, crawler: Crawler, limit: int, max_bytes: int) -> None:
        self.crawler = crawler
        self.limit = limit
        self.max_bytes = max_bytes
        self.own: PageBudget | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        limit = crawler.settings.getint("BUDGETWATCH_PAGE_BUDGET", 0)
        if limit <= 0:
            raise NotConfigured("BUDGETWATCH_PAGE_BUDGET is not set")
        gate = cls(crawler, limit, crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        crawler.signals.connect(gate.on_headers, signal=signals.headers_received)
        crawler.signals.connect(gate.on_bytes, signal=signals.bytes_received)
        for done in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(gate.on_item_done, signal=done)
        return gate

    @property
    def budget(self) -> PageBudget:
        shared = getattr(self.crawler.spider, "page_budget", None)
        if isinstance(shared, PageBudget):
            return shared
        if self.own is None:
            self.own = PageBudget(self.limit)
        return self.own

    async def process_request(self, request: Request) -> None:
        request.meta.pop(RECEIVED_META, None)
        held = request.meta.get(RESERVATION_META)
        if isinstance(held, Reservation) and held.live:  # a retry or redirect: the last body is gone
            held.resize(0)
            return
        request.meta[RESERVATION_META] = await self.budget.reserve(request.meta.pop(EXPECTED_META, 0))

    def on_headers(self, headers: Any, body_length: Any, request: Request, **_: Any) -> None:
        """Hold what the page announces; stop it here when that does not fit."""
        if isinstance(body_length, int) and body_length >= 0:
            self._hold(request, body_length, body_length)
        else:
            request.meta[RECEIVED_META] = 0

    def on_bytes(self, data: bytes, request: Request, **_: Any) -> None:
        """A page of unannounced size holds what has arrived; stopped when that does not fit."""
        received = request.meta.get(RECEIVED_META)
        if received is not None:
            request.meta[RECEIVED_META] = received + len(data)
            self._hold(request, received + len(data), self._max_bytes(request))

    def _max_bytes(self, request: Request) -> int:
        return int(request.meta.get("download_maxsize", self.max_bytes))

    def _hold(self, request: Request, size: int, again: int) -> None:
        """Hold ``size`` bytes for the page, or stop it to be fetched again with ``again`` reserved.
        A page past its size limit is Scrapy's to refuse, and a page fetched again is never stopped
        twice (its size changed since): it holds what it brings."""
        held = request.meta.get(RESERVATION_META)
        if not isinstance(held, Reservation) or size <= held.size or size > self._max_bytes(request):
            return
        if held.resize(size, force=bool(request.meta.get(AGAIN_META))):
            return
        request.meta[OVER_META] = again
        raise StopDownload(fail=True)

    def on_item_done(self, response: Response | None = None, **_: Any) -> None:
        """A page's item is stored (or dropped): its bytes are given back now. Its request may sit
        in a reference cycle, and a crawl that reads in the pool and only fetches and stores here
        runs the cycle collector rarely: waiting for it held bytes of pages long gone, and every
        fetch after them waited ``max_wait`` (120 s)."""
        request = getattr(response, "request", None)
        held = request.meta.get(RESERVATION_META) if request is not None else None
        if isinstance(held, Reservation):
            held.release()

    def process_response(self, request: Request, response: Response) -> Response:
        held = request.meta.get(RESERVATION_META)
        if isinstance(held, Reservation):
            held.resize(len(response.body), force=True)  # what is kept, now that it is here
        return response

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        held = request.meta.pop(RESERVATION_META, None)
        if isinstance(held, Reservation):
            held.release()  # nothing of a failed fetch is kept
        over = request.meta.pop(OVER_META, None)
        if not isinstance(exception, StopDownload) or over is None:
            return None
        # Stopped for the budget: fetched again once its bytes fit, whatever was seen before.
        return request.replace(dont_filter=True, meta={**request.meta, EXPECTED_META: over, AGAIN_META: True})
