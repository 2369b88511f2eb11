"""`budgetwatch crawl [SOURCE...]`: one pass over the sources now, a summary line per source."""

from __future__ import annotations

import asyncio
import shutil
import sys

import click

from cli.context import EXIT_SOURCE_FAILED, EXIT_STORAGE_FAILED, fail_usage, load, open_database, options_of
from config.schema import Config, SourceConfig
from crawler.reactor import run_on_reactor
from crawler.runner import CrawlResult, SourceCrawler, summary_line
from crawler.tally import CrawlTally


def found(result: CrawlResult) -> int:
    """Articles the crawl saw on the source, stored before or not."""
    t = result.tally
    return t.new_items + t.changed_items + t.unchanged_items + t.skipped_known + t.removed_items


def problem_of(result: CrawlResult, kind: str) -> str | None:
    """Why this crawl needs a look, or None: it failed, or it read its list and found nothing."""
    from scheduling.status import found_nothing, nothing_reason

    first = result.tally.errors[0] if result.tally.errors else None
    if result.status == "failed":
        return f"failed: {first or 'see the log'}"
    if found_nothing(result.status, found(result)):
        return f"found nothing: {nothing_reason(kind, first)}"
    return None


def report(config: Config, results: list[CrawlResult], *, quiet: bool = False) -> int:
    """Print a line per source (problems on stderr too); the exit code: 1 when any needs a look."""
    code = 0
    for result in results:
        problem = problem_of(result, config.source(result.source).kind)
        if not quiet or problem:
            click.echo(summary_line(result))
        if problem:
            click.echo(f"budgetwatch: {result.source} {problem}", err=True)
            code = EXIT_SOURCE_FAILED
    return code


def choose_sources(config: Config, names: tuple[str, ...]) -> list[SourceConfig]:
    if not names:
        return [s for s in config.sources if s.enabled]
    known = {s.name: s for s in config.sources}
    missing = [n for n in names if n not in known]
    if missing:
        raise fail_usage(f"unknown source {missing[0]!r}; configured: {', '.join(known) or 'none'}")
    return [known[n] for n in names]


def progress_line(tallies: dict[str, CrawlTally]) -> str:
    """pages fetched / articles found per source still crawling, cut to the terminal's width."""
    parts = [
        f"{name}: {t.pages} pages, {t.new_items + t.changed_items + t.unchanged_items + t.skipped_known} articles"
        f" ({t.new_items} new)"
        for name, t in tallies.items()
    ]
    width = shutil.get_terminal_size((100, 20)).columns - 1
    return ("crawling " + "; ".join(parts))[:width]


async def _progress(crawler: SourceCrawler) -> None:
    """Redraw one status line on the terminal while crawls run."""
    while True:
        sys.stderr.write("\r\x1b[K" + progress_line(crawler.tallies))
        sys.stderr.flush()
        await asyncio.sleep(0.5)


async def crawl_with_progress(
    crawler: SourceCrawler, sources: list[SourceConfig], recheck: bool, show: bool
) -> list[CrawlResult]:
    ticker = asyncio.ensure_future(_progress(crawler)) if show else None
    try:
        return await crawler.crawl_sources(sources, recheck=recheck)
    finally:
        if ticker is not None:
            ticker.cancel()
            sys.stderr.write("\r\x1b[K")


def run_crawl(
    config: Config, sources: list[SourceConfig], *, recheck: bool = False, verbosity: int = 0
) -> list[CrawlResult]:
    engine = open_database(config)
    try:
        log_level = "WARNING" if verbosity <= 0 else "INFO" if verbosity == 1 else "DEBUG"
        crawler = SourceCrawler(config, engine, log_level=log_level)
        show = verbosity >= 0 and sys.stderr.isatty()
        try:
            return run_on_reactor(lambda: crawl_with_progress(crawler, sources, recheck, show))
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
    verbosity = options_of(ctx).verbosity
    results = run_crawl(config, sources, recheck=recheck, verbosity=verbosity)
    code = report(config, results, quiet=verbosity < 0)
    if any(r.storage_failed for r in results):
        click.echo("budgetwatch: the database takes no more writes (disk full?): crawl stopped at the first "
                   "storage error; free space and crawl again (nothing stored was lost)", err=True)  # fmt: skip
        raise click.exceptions.Exit(EXIT_STORAGE_FAILED)
    if code:
        raise click.exceptions.Exit(code)
