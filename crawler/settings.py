"""Scrapy settings for budgetwatch crawls: polite defaults, size and time limits (plain values only)."""

from __future__ import annotations

from typing import Any

from scrapy.settings import Settings, default_settings

from config.schema import Config, SourceConfig

MB = 1024 * 1024
MAX_PAGE_BYTES = 10 * MB  # a press release is ~100 KB; anything past 10 MB is not one
CRAWL_TIME_LIMIT_S = 30 * 60


UNUSED_COMPONENTS = frozenset(
    {"scrapy.extensions.remote_control.RemoteControl", "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"}
)


def _without(components: dict[str, int], unused: frozenset[str]) -> dict[str, int]:
    return {name: order for name, order in components.items() if name not in unused}


def build_settings(config: Config, *, log_level: str = "WARNING") -> dict[str, Any]:
    return {
        "BOT_NAME": "budgetwatch",
        "USER_AGENT": config.user_agent,
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_TIMEOUT": 30,
        "DOWNLOAD_MAXSIZE": MAX_PAGE_BYTES,
        "DOWNLOAD_WARNSIZE": MAX_PAGE_BYTES // 4,
        # Fetching waits while more than this many bytes of pages are still being read (Scrapy's
        # default, 5 MB, let ~200 article pages queue behind reading): a full store then stops the
        # crawl before most of it is fetched, and memory stays bounded whatever the pages.
        "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 1_000_000,
        # ... and over all sources of a process, pages fetched but not yet read and stored hold no
        # more than this many bytes (crawler/budget_gate.py); a crawl runner shares one budget.
        "BUDGETWATCH_PAGE_BUDGET": config.page_budget_mb * MB,
        "RETRY_TIMES": 2,
        "REDIRECT_MAX_TIMES": 5,
        "CLOSESPIDER_TIMEOUT": CRAWL_TIME_LIMIT_S,
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy parses a generator callback's source on every response to warn about a `return
        # value`: its cache is keyed by weak reference to the bound method, which each request
        # makes anew, so it never hits (~1.5% of a crawl's CPU). Our callbacks return no values.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        # Scrapy 2.19 starts an HTTP server that runs Python code sent to it, in every crawler,
        # and imports aiohttp for it (10 MB): not in a daemon. Off, and left out of the base
        # list (UNUSED_COMPONENTS), since Scrapy imports every component it lists, also one set
        # to None.
        "REMOTE_CONTROL_ENABLED": False,
        "COOKIES_ENABLED": False,
        "LOG_LEVEL": log_level,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "DOWNLOADER_MIDDLEWARES": {
            # Redirects are judged where the errback hears why (crawler/guard.py).
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            "crawler.guard.OffsiteGuard": 50,
            "crawler.guard.PrivateAddressGuard": 51,
            # Reserves a page's bytes before anything else sees it, and sees what is kept last.
            "crawler.budget_gate.PageBudgetGate": 60,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.retry_after.RetryAfterMiddleware": 550,  # Scrapy's place for retries
            # Article bodies cut to what is read once decompressed (590), before the meta refresh
            # check (580), which reads the head only (crawler/bodies.py).
            "crawler.bodies.BodyCut": 585,
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            "crawler.bodies.HeadMetaRefresh": 580,
        },
        # Scrapy imports every component its settings name, even one set to None, so the unused
        # ones are left out of its base lists: the remote console (its module imports aiohttp's web
        # server, ~140 ms CPU) and the cookie middleware (cookies are off; it imports tldextract,
        # ~80 ms). Paid by every crawl process, that is a tenth of a small crawl's time.
        "EXTENSIONS_BASE": _without(default_settings.EXTENSIONS_BASE, UNUSED_COMPONENTS),
        "DOWNLOADER_MIDDLEWARES_BASE": _without(default_settings.DOWNLOADER_MIDDLEWARES_BASE, UNUSED_COMPONENTS),
        "SPIDER_MIDDLEWARES": {
            "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
            "crawler.limits.RecordedUrlLength": 800,  # Scrapy's place for it
        },
        "ITEM_PIPELINES": {"crawler.pipelines.ReadPipeline": 100, "crawler.pipelines.StorePipeline": 200},
        "BUDGETWATCH_DATABASE": config.database,
        "BUDGETWATCH_TIMEZONE": config.timezone,
    }


def source_settings(base: dict[str, Any], source: SourceConfig) -> dict[str, Any]:
    """Per-source overrides: the delay between requests (AutoThrottle never goes below it) and
    the fetch limits (time per try, bytes per response, also after gzip/deflate decoding)."""
    return {**base, **_source_overrides(source)}


def crawler_settings(base: dict[str, Any], source: SourceConfig) -> Settings:
    """``source_settings`` for a Crawler: the per-source values at "spider" priority, because
    Scrapy's runner copies its own (base) settings over each crawler's at "project" priority
    (AsyncCrawlerRunner.create_crawler), which put every source back to the base limits."""
    settings = Settings(base)
    settings.setdict(_source_overrides(source), priority="spider")
    return settings


def _source_overrides(source: SourceConfig) -> dict[str, Any]:
    return {
        "DOWNLOAD_DELAY": source.delay,
        "AUTOTHROTTLE_START_DELAY": max(source.delay, 0.0),
        "DOWNLOAD_TIMEOUT": source.timeout,
        "DOWNLOAD_MAXSIZE": source.max_bytes,
        "DOWNLOAD_WARNSIZE": source.max_bytes // 4,
    }
