"""`budgetwatch crawl [SOURCE...]`: one pass over the sources now, a summary line per source."""

from __future__ import annotations

import asyncio
import sys

import click

from cli.context import EXIT_SOURCE_FAILED, fail_usage, load, open_database
from config.schema import Config, SourceConfig
from crawler.reactor import run_on_reactor
from crawler.runner import CrawlResult, SourceCrawler, summary_line


def choose_sources(config: Config, names: tuple[str, ...]) -> list[SourceConfig]:
    if not names:
        return [s for s in config.sources if s.enabled]
    known = {s.name: s for s in config.sources}
    missing = [n for n in names if n not in known]
    if missing:
        raise fail_usage(f"unknown source {missing[0]!r}; configured: {', '.join(known) or 'none'}")
    return [known[n] for n in names]


async def _progress(crawler: SourceCrawler) -> None:
    """Redraw one status line on the terminal while crawls run."""
    while True:
        parts = [f"{n} {t.pages}p/{t.new_items}new" for n, t in crawler.tallies.items()]
        sys.stderr.write("\r\x1b[K crawling: " + ", ".join(parts))
        sys.stderr.flush()
        await asyncio.sleep(0.5)


async def crawl_with_progress(crawler: SourceCrawler, sources: list[SourceConfig], recheck: bool) -> list[CrawlResult]:
    ticker = asyncio.ensure_future(_progress(crawler)) if sys.stderr.isatty() else None
    try:
        return await crawler.crawl_sources(sources, recheck=recheck)
    finally:
        if ticker is not None:
            ticker.cancel()
            sys.stderr.write("\r\x1b[K")


def run_crawl(config: Config, sources: list[SourceConfig], *, recheck: bool = False) -> list[CrawlResult]:
    engine = open_database(config)
    try:
        crawler = SourceCrawler(config, engine)
        try:
            return run_on_reactor(lambda: crawl_with_progress(crawler, sources, recheck))
        finally:
            crawler.close()
    finally:
        engine.dispose()


@click.command("crawl")
@click.argument("names", nargs=-1, metavar="[SOURCE]...")
@click.option("--recheck", is_flag=True, help="Fetch stored articles again (conditional GET) to find edits.")
@click.pass_context
def command(ctx: click.Context, names: tuple[str, ...], recheck: bool) -> None:
    """Crawl the named sources (all enabled ones by default) once, now."""
    config = load(ctx)
    sources = choose_sources(config, names)
    if not sources:
        raise fail_usage("no sources to crawl (add some under 'sources:' in the config)")
    results = run_crawl(config, sources, recheck=recheck)
    for result in results:
        click.echo(summary_line(result))
    if any(r.status == "failed" for r in results):
        raise click.exceptions.Exit(EXIT_SOURCE_FAILED)
