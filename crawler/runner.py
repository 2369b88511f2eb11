"""Run one crawl per source inside a running asyncio reactor, and record each as a crawl run."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import AsyncCrawlerRunner, Crawler
from sqlalchemy import Engine

from config.schema import Config, SourceConfig
from crawler.collector import settle_collector
from crawler.dns import fresh_caching_resolver
from crawler.heap import fix_mmap_threshold
from crawler.known import due_known, source_rows, store_lookup
from crawler.page_budget import PageBudget
from crawler.read_pool import READ_SLOTS, PageReader
from crawler.settings import build_settings, crawler_settings
from crawler.spider import SourceSpider
from crawler.tally import CrawlTally
from store.articles import due_rechecks
from store.health import storage_exhausted
from store.records import RunTally
from store.runs import finish_run, last_finish_reason, skip_reason, skip_until, start_run, sync_sources

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CrawlResult:
    source: str
    run_id: int
    status: str  # ok | partial | failed | skipped (no run: the site asked to wait, run_id 0)
    tally: RunTally
    storage_failed: bool = False  # the store took no more writes (a full disk): every crawl stopped
    skipped_until: datetime | None = None  # status "skipped": the site asked to wait (Retry-After)


def summary_line(result: CrawlResult) -> str:
    """One line per crawled source, what `budgetwatch crawl` prints."""
    t = result.tally
    if result.skipped_until is not None:
        until = result.skipped_until.isoformat(timespec="minutes")
        return f"{result.source}: skipped until {until}, the site asked to wait (Retry-After)"
    line = (
        f"{result.source}: {result.status}, pages {t.pages}, new {t.new_items}, changed {t.changed_items}, "
        f"unchanged {t.unchanged_items}, removed {t.removed_items}, already stored {t.skipped_known}, "
        f"errors {len(t.errors)}"
    )
    if t.errors:
        line += f" (first: {t.errors[0]})"
    return line


def run_status(tally: CrawlTally) -> str:
    """failed: the feed, sitemap or first list page could not be read; partial: some pages failed."""
    if tally.listing_failed:
        return "failed"
    return "partial" if tally.errors else "ok"


class SourceCrawler:
    """Crawls sources with one AsyncCrawlerRunner; the reactor must already be the asyncio one."""

    def __init__(
        self,
        config: Config,
        engine: Engine,
        *,
        clock: Clock = utc_now,
        log_level: str = "WARNING",
        reader: PageReader | None = None,
    ):
        fix_mmap_threshold()  # a crawl's freed page buffers go back to the system (crawler/heap.py)
        settle_collector()  # start-up's objects out of the collector's sight (crawler/collector.py)
        self.config = config
        self.engine = engine
        self.clock = clock
        self.base_settings = build_settings(config, log_level=log_level)
        self.runner = AsyncCrawlerRunner(self.base_settings)
        self.tallies: dict[str, CrawlTally] = {}  # live counts, for progress display
        self.read_slots = asyncio.Semaphore(READ_SLOTS)  # pages read at once, over all sources
        self.page_budget = PageBudget(self.base_settings["BUDGETWATCH_PAGE_BUDGET"])  # bytes held, all sources
        self.reader = reader if reader is not None else PageReader(config.read_processes, budget=self.page_budget)

    async def crawl_sources(self, sources: Sequence[SourceConfig], *, recheck: bool = False) -> list[CrawlResult]:
        fresh_caching_resolver(self.base_settings)  # one DNS answer per host and pass (crawler/dns.py)
        ids = await asyncio.to_thread(sync_sources, self.engine, source_rows(sources), self.clock())
        return list(await asyncio.gather(*(self.crawl_one(s, ids[s.name], recheck=recheck) for s in sources)))

    async def crawl_one(self, source: SourceConfig, source_id: int, *, recheck: bool = False) -> CrawlResult:
        paused = await asyncio.to_thread(last_finish_reason, self.engine, source_id)
        until = skip_until(paused)
        if until is not None and until > self.clock():
            return CrawlResult(source.name, 0, "skipped", RunTally(), skipped_until=until)
        run_id = await asyncio.to_thread(start_run, self.engine, source_id, self.clock())
        tally = CrawlTally()
        self.tallies[source.name] = tally
        reason: str | None = None
        try:
            due = await asyncio.to_thread(
                due_rechecks, self.engine, source_id, self.clock(),
                every_crawl_days=source.recheck.every_crawl_days, daily_days=source.recheck.daily_days,
            )  # fmt: skip
            crawler = Crawler(SourceSpider, crawler_settings(self.base_settings, source))
            kwargs: dict[str, Any] = {
                "source": source,
                "lookup": store_lookup(self.engine, source_id),
                "due": due_known(due),
                "recheck": recheck,
                "tally": tally,
                "source_id": source_id,
                "run_id": run_id,
                "reader": self.reader,
                "engine": self.engine,
                "catalog": self.config.catalog,
                "read_slots": self.read_slots,
                "page_budget": self.page_budget,
            }
            await self.runner.crawl(crawler, **kwargs)
            reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        except Exception as exc:  # a crawl that raises fails its own run only
            tally.listing_failed = True
            tally.error(f"{source.url}: crawl crashed: {type(exc).__name__}: {exc}")
            reason = "crashed"
        if tally.storage_failed:
            await self.runner.stop()  # the other sources' pages would be lost the same way
        if tally.skip_until is not None:
            reason = skip_reason(tally.skip_until)
        status = run_status(tally)
        frozen = tally.frozen()
        try:
            await asyncio.to_thread(
                finish_run, self.engine, run_id, frozen, status=status, reason=reason, now=self.clock()
            )
        except Exception as exc:
            if not storage_exhausted(exc):
                raise
            tally.storage_failed = True  # the run row keeps "running"; the summary line says why
        return CrawlResult(source.name, run_id, status, frozen, storage_failed=tally.storage_failed)

    async def stop(self) -> None:
        await self.runner.stop()

    def close(self) -> None:
        """Stop the reading processes (crawls still running read in their thread)."""
        self.reader.close()
