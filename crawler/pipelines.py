"""Item pipelines: read each fetched page into an article and its statements, then store it.

Reading runs off the event loop (in a thread, or in a process pool when there are spare cores,
crawler/read_pool.py); storing runs in a thread, a batch of articles per transaction.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Self
from zoneinfo import ZoneInfo

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from sqlalchemy import Engine

from crawler.detail import reading_source
from crawler.hand_off import HandOff
from crawler.items import PageItem
from crawler.read_pool import PageReader
from crawler.reading import ReadPage
from crawler.spider import GONE, SourceSpider
from store.articles import mark_removed, touch_article
from store.batch import ArticleInput, commit_batch, record_each
from store.db import make_engine
from store.health import first_line, storage_exhausted
from store.records import FetchInfo

# Articles per transaction (the first batches fewer), and the longest an article waits for its
# batch. A crash loses at most the batch being filled: those were never reported as stored, and
# the next crawl, not finding them, fetches them again.
STORE_BATCH = 25
STORE_WAIT_S = 0.5


@dataclass
class ReadItem:
    page: PageItem
    read: ReadPage | None  # None for a 304 Not Modified
    order: HandOff | None = None  # the crawl's tickets: stored in the order the pages came in
    ticket: int = 0


class ReadPipeline:
    """PageItem -> ReadItem: the article and its statements (extract/ does the work)."""

    def __init__(self, crawler: Crawler, timezone: ZoneInfo) -> None:
        self.crawler = crawler
        self.timezone = timezone
        self.fallback = PageReader(0)  # a spider started without a shared reader reads in a thread
        self.order = HandOff()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, ZoneInfo(crawler.settings.get("BUDGETWATCH_TIMEZONE") or "Asia/Seoul"))

    async def process_item(self, item: Any) -> ReadItem:
        spider = self.crawler.spider
        assert isinstance(spider, SourceSpider)
        if not isinstance(item, PageItem):
            return item  # type: ignore[no-any-return]
        ticket = self.order.take()
        if item.status != 200:  # 304 Not Modified, or 404/410 of a stored article
            return ReadItem(item, None, self.order, ticket)
        try:
            return ReadItem(item, await self._read(spider, item), self.order, ticket)
        except BaseException:
            await self.order.done(ticket)  # dropped: the pages after it need not wait for it
            raise

    async def _read(self, spider: SourceSpider, item: PageItem) -> ReadPage:
        reader = spider.reader or self.fallback
        try:
            async with spider.read_slots:  # pages read at once stay bounded, pool or thread
                read = await reader.read(item, reading_source(spider.source), self.timezone, spider.catalog)
        except Exception as exc:  # a page we cannot read must not stop the crawl
            spider.tally.error(f"{item.url}: cannot read the page: {type(exc).__name__}: {exc}")
            raise DropItem(f"{item.url}: unreadable") from exc
        if not read.article.body and read.article.title in ("", item.link_title):
            # Nothing came from the page itself (a title from the feed or list link is not an
            # article): not stored, so the next crawl asks for it again.
            spider.tally.error(f"{item.url}: no title and no body found on the page")
            raise DropItem(f"{item.url}: empty")
        return read


class StorePipeline:
    """ReadItem -> a stored article or version, a batch per transaction; counts new / changed /
    unchanged only once the batch is committed."""

    def __init__(self, crawler: Crawler, database: str, batch: int = STORE_BATCH, wait: float = STORE_WAIT_S):
        self.crawler = crawler
        self.database = database
        self.batch = max(1, batch)
        # The first batches are small and grow to ``batch``: a crawl's first articles are committed
        # at once, so a store that refuses writes (a full disk) is found before much is fetched.
        self.limit = 1
        self.wait = wait
        self.engine: Engine | None = None
        self.own_engine = False
        self.pending: list[ArticleInput] = []
        self.flushing = asyncio.Lock()  # batches commit in the order they were filled
        self.timer: asyncio.TimerHandle | None = None
        self._closing: asyncio.Future[None] | None = None
        self.store_full = False  # a batch hit a full store: no more items are taken

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        database = crawler.settings.get("BUDGETWATCH_DATABASE")
        if not database:
            raise NotConfigured("BUDGETWATCH_DATABASE is not set")
        batch = crawler.settings.getint("BUDGETWATCH_STORE_BATCH", STORE_BATCH)
        wait = crawler.settings.getfloat("BUDGETWATCH_STORE_WAIT", STORE_WAIT_S)
        return cls(crawler, database, batch, wait)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        shared = spider.engine if isinstance(spider, SourceSpider) else None
        self.own_engine = shared is None
        self.engine = shared if shared is not None else make_engine(self.database)

    async def close_spider(self) -> None:
        await self.flush()
        if self.engine is not None and self.own_engine:
            self.engine.dispose()

    async def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        assert isinstance(spider, SourceSpider) and self.engine is not None
        if not isinstance(item, ReadItem):
            return item
        if item.order is None:
            return await self._store(spider, item)
        if item.read is None:  # a recheck's answer stores nothing that is compared: no waiting
            await item.order.done(item.ticket)
        else:
            await item.order.turn(item.ticket)  # the pages fetched before it are handed on first
        try:
            return await self._store(spider, item)
        finally:
            await item.order.done(item.ticket)  # a no-op when handed on already

    async def _store(self, spider: SourceSpider, item: ReadItem) -> ReadItem:
        assert self.engine is not None
        page = item.page
        if item.read is None and page.status in GONE:
            removed = await asyncio.to_thread(
                mark_removed, self.engine, spider.source_id, page.url_key, page.fetched_at, page.status
            )
            spider.tally.removed += int(removed)
            return item
        if item.read is None:
            await asyncio.to_thread(touch_article, self.engine, spider.source_id, page.url_key, page.fetched_at)
            spider.tally.count("unchanged")
            return item
        fetch = FetchInfo(
            url=page.url,
            url_key=page.url_key,
            fetched_at=page.fetched_at,
            encoding=page.encoding,
            etag=page.etag,
            last_modified=page.last_modified,
        )
        if spider.tally.storage_failed or self.store_full:
            raise DropItem(f"{page.url}: not stored, the crawl is stopping")  # recorded once
        self.pending.append(ArticleInput(item.read.article, item.read.statements, fetch, item.read.mentions))
        if item.order is not None:
            await item.order.done(item.ticket)  # queued in order: the next page may join the batch
        if len(self.pending) >= self.limit:
            await self.flush()
        elif self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(self.wait, self._flush_later)
        return item

    def _flush_later(self) -> None:
        self.timer = None
        asyncio.ensure_future(self.flush())

    async def flush(self) -> None:
        """Commit what is pending in one transaction and count it; errors are counted per article.
        A store that takes no more writes stops the crawl at its first error (main's issue 16)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        async with self.flushing:
            batch, self.pending = self.pending, []
            spider = self.crawler.spider
            assert isinstance(spider, SourceSpider)
            if not batch or self.engine is None or spider.tally.storage_failed:
                return  # after a full store: never reported as stored, the next crawl fetches them
            try:
                committed = await asyncio.to_thread(commit_batch, self.engine, spider.source_id, batch, spider.run_id)
                full = (
                    not isinstance(committed, list)
                    and committed.error is not None
                    and storage_exhausted(committed.error)
                )
                if full:  # stop fetching now: every page fetched from here on is lost
                    self.store_full = True
                    self._stop_fetching()
                results = (
                    committed if isinstance(committed, list)
                    else await asyncio.to_thread(record_each, self.engine, spider.source_id, batch, spider.run_id)
                )  # fmt: skip
            except Exception as exc:  # the database is gone: nothing of the batch was stored
                if storage_exhausted(exc):
                    self._stop_crawl(spider, batch[0].fetch.url, first_line(exc))
                    return
                for item in batch:
                    spider.tally.error(f"{item.fetch.url}: not stored: {first_line(exc)}")
                return
            self.limit = min(self.batch, self.limit * 2)
            for result in results:
                if result.exhausted:
                    self._stop_crawl(spider, result.url, result.error or "the store is full")
                elif result.outcome is None:
                    spider.tally.error(f"{result.url}: not stored: {result.error}")
                else:
                    spider.tally.count(result.outcome)
            if full and not isinstance(committed, list) and committed.error is not None:
                self._stop_crawl(spider, batch[0].fetch.url, first_line(committed.error))  # once, if none above

    def _stop_crawl(self, spider: SourceSpider, url: str, error: str) -> None:
        """A full store: record the first error, stop fetching (every page fetched now is lost)."""
        if spider.tally.storage_failed:
            return
        spider.tally.storage_failed = True
        spider.tally.listing_failed = True
        spider.tally.error(f"{url}: not stored: {error}: the store takes no more writes, crawl stopped")
        self._stop_fetching()

    def _stop_fetching(self) -> None:
        engine = self.crawler.engine
        if engine is not None and self._closing is None:
            self._closing = asyncio.ensure_future(engine.close_spider_async(reason="storage_failed"))
