"""Item pipelines: read each fetched page into an article and its statements, then store it.

Both stages run their work in a thread so the event loop (shared with every crawl and, in the
daemon, the scheduler) never blocks on parsing or the database.
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
from crawler.items import PageItem
from crawler.reading import ReadPage, read_page
from crawler.spider import GONE, SourceSpider
from store.articles import mark_removed, record_article, touch_article
from store.db import make_engine
from store.health import first_line, storage_exhausted
from store.records import FetchInfo


@dataclass
class ReadItem:
    page: PageItem
    read: ReadPage | None  # None for a 304 Not Modified


class ReadPipeline:
    """PageItem -> ReadItem: the article and its statements (extract/ does the work)."""

    def __init__(self, crawler: Crawler, timezone: ZoneInfo) -> None:
        self.crawler = crawler
        self.timezone = timezone

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, ZoneInfo(crawler.settings.get("BUDGETWATCH_TIMEZONE") or "Asia/Seoul"))

    async def process_item(self, item: Any) -> ReadItem:
        spider = self.crawler.spider
        assert isinstance(spider, SourceSpider)
        if not isinstance(item, PageItem):
            return item  # type: ignore[no-any-return]
        if item.status != 200:  # 304 Not Modified, or 404/410 of a stored article
            return ReadItem(item, None)
        try:
            async with spider.read_slots:
                read = await asyncio.to_thread(
                    read_page, item, reading_source(spider.source), self.timezone, spider.catalog
                )
        except Exception as exc:  # a page we cannot read must not stop the crawl
            spider.tally.error(f"{item.url}: cannot read the page: {type(exc).__name__}: {exc}")
            raise DropItem(f"{item.url}: unreadable") from exc
        if not read.article.body and read.article.title in ("", item.link_title):
            # Nothing came from the page itself (a title from the feed or list link is not an
            # article): not stored, so the next crawl asks for it again.
            spider.tally.error(f"{item.url}: no title and no body found on the page")
            raise DropItem(f"{item.url}: empty")
        return ReadItem(item, read)


class StorePipeline:
    """ReadItem -> a stored article or version; counts new / changed / unchanged."""

    def __init__(self, crawler: Crawler, database: str) -> None:
        self.crawler = crawler
        self.database = database
        self.engine: Engine | None = None
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        database = crawler.settings.get("BUDGETWATCH_DATABASE")
        if not database:
            raise NotConfigured("BUDGETWATCH_DATABASE is not set")
        return cls(crawler, database)

    def open_spider(self) -> None:
        self.engine = make_engine(self.database)

    def close_spider(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    async def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        assert isinstance(spider, SourceSpider) and self.engine is not None
        if not isinstance(item, ReadItem):
            return item
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
        if spider.tally.storage_failed:
            raise DropItem(f"{page.url}: not stored, the crawl is stopping")  # already recorded once
        try:
            outcome = await asyncio.to_thread(
                record_article,
                self.engine,
                spider.source_id,
                item.read.article,
                item.read.statements,
                fetch,
                spider.run_id,
                item.read.mentions,
            )
        except Exception as exc:
            if storage_exhausted(exc):
                self._stop_crawl(spider, page.url, exc)
            else:
                spider.tally.error(f"{page.url}: not stored: {first_line(exc)}")
            raise DropItem(f"{page.url}: not stored") from exc
        spider.tally.count(outcome)
        return item

    def _stop_crawl(self, spider: SourceSpider, url: str, exc: BaseException) -> None:
        """A full store: record the first error, stop fetching (every page fetched now is lost)."""
        if spider.tally.storage_failed:
            return
        spider.tally.storage_failed = True
        spider.tally.listing_failed = True
        spider.tally.error(f"{url}: not stored: {first_line(exc)}: the store takes no more writes, crawl stopped")
        engine = self.crawler.engine
        if engine is not None:
            self._closing = asyncio.ensure_future(engine.close_spider_async(reason="storage_failed"))
