"""`budgetwatch test SOURCE`: try a source now, the way a user tries a selector before scheduling it.

The crawl is the real one (same spider, reader and extractor) but writes into a throwaway SQLite
file, which is read back, printed and deleted: the configured database is never opened.
"""

from __future__ import annotations

import tempfile
from datetime import UTC
from pathlib import Path

import click

from cli.context import EXIT_SOURCE_FAILED, load, options_of
from cli.table import Column, render


@click.command("test")
@click.argument("name", metavar="SOURCE")
@click.option("--articles", "limit", type=click.IntRange(1, 50), default=3, show_default=True,
              help="Article pages to fetch at most.")  # fmt: skip
@click.pass_context
def command(ctx: click.Context, name: str, limit: int) -> None:
    """Fetch a source's feed or first list page and its first articles now; show what a crawl
    would store (titles, dates, amounts). Nothing is stored."""
    from cli.crawl_cmd import choose_sources, problem_of, run_crawl
    from crawler.runner import summary_line
    from store.db import make_engine
    from store.queries import list_articles
    from store.statement_queries import list_statements

    config = load(ctx)
    (source,) = choose_sources(config, (name,))
    trial = source.model_copy(update={"max_articles": limit, "max_pages": 1, "enabled": True})
    with tempfile.TemporaryDirectory(prefix="budgetwatch-test-") as scratch:
        database = f"sqlite:///{Path(scratch) / 'trial.sqlite'}"
        scratch_config = config.model_copy(update={"database": database, "sources": (trial,)})
        (result,) = run_crawl(scratch_config, [trial], verbosity=options_of(ctx).verbosity)
        engine = make_engine(database)
        try:
            articles = list_articles(engine, trial.name)
            statements = list_statements(engine)
        finally:
            engine.dispose()
    click.echo(summary_line(result))
    by_url: dict[str, list[list[str]]] = {}
    for st in statements:
        by_url.setdefault(st.url, []).append([st.amount_text, str(st.fiscal_year or "-"), st.role, st.subject or "-"])
    for article in articles:
        day = "(no date found)"
        if article.published:  # SQLite hands back naive UTC; show it in the configured zone
            published = article.published.replace(tzinfo=article.published.tzinfo or UTC)
            day = published.astimezone(config.zone).isoformat(timespec="minutes")
        click.echo(f"\n{article.title}\n  {day}  {article.url}")
        rows = by_url.get(article.url, [])
        if not rows:
            click.echo("  no money amounts")
        for line in render(rows, [Column(align=">"), Column(), Column(), Column(max_width=60)]):
            click.echo("    " + line)
    problem = problem_of(result, trial.kind)
    if problem:
        raise _fail(f"{name} {problem}")
    click.echo(f"\nnothing was stored; `budgetwatch crawl {name}` stores it")


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"budgetwatch: {message}", err=True)
    return click.exceptions.Exit(EXIT_SOURCE_FAILED)
