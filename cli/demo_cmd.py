"""`budgetwatch demo`: serve the bundled sample sites on 127.0.0.1, crawl them into SQLite, show it."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from cli.context import EXIT_SOURCE_FAILED, fail_usage
from cli.crawl_cmd import run_crawl
from config.load import ConfigError, load_config
from crawler.runner import summary_line
from demo.sample_config import sample_config
from demo.site import SampleSite
from digest.preview import write_demo_digest
from store.db import make_engine
from store.queries import list_articles
from store.statement_queries import list_statements

DEMO_PORT = 8765  # fixed when free, so a second demo run crawls the same URLs and stores nothing twice


def write_demo_config(directory: Path, base_url: str, database: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "budgetwatch.yaml"
    text = "# Written by `budgetwatch demo`: the bundled sample sites on this machine.\n"
    text += yaml.safe_dump(sample_config(base_url, database), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def show_results(database: str) -> None:
    engine = make_engine(database)
    try:
        articles = list_articles(engine)
        statements = list_statements(engine)
    finally:
        engine.dispose()
    click.echo(f"\n{len(articles)} articles stored, {len(statements)} money amounts read:")
    for row in articles:
        day = row.published.date().isoformat() if row.published else "----------"
        click.echo(f"  {day}  {row.source:<16} {row.title}  [{row.statements} amounts]")
    click.echo("\nLargest amounts:")
    for st in sorted(statements, key=lambda s: -s.value)[:8]:
        year = st.fiscal_year or "----"
        click.echo(f"  {st.amount_text:>14} = {st.value:>18,} {st.currency}  {year}  {st.role:<10} {st.subject or '-'}")


@click.command("demo")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo-output"),
    show_default=True,
    help="Where the demo writes its config and database.",
)
@click.pass_context
def command(ctx: click.Context, directory: Path) -> None:
    """Crawl the bundled sample sites (a news feed, an EUC-KR board, a sitemap) into a local database."""
    database = ctx.obj.database or f"sqlite:///{directory / 'demo.sqlite'}"
    with SampleSite(port=DEMO_PORT) as site:
        path = write_demo_config(directory, site.base_url, database)
        click.echo(f"Serving the sample sites at {site.base_url}; config written to {path}")
        try:
            config = load_config(path)
        except ConfigError as exc:
            raise fail_usage(str(exc)) from None
        results = run_crawl(config, list(config.sources))
    for result in results:
        click.echo(summary_line(result))
    show_results(database)
    engine = make_engine(database)
    try:
        digest = write_demo_digest(config, engine, directory / "demo-digest.html")
    finally:
        engine.dispose()
    click.echo(f"\nThe digest email of everything found: {digest} (open it in a browser)")
    click.echo(f"Database: {database}. Try: budgetwatch --config {path} changes | timeline | articles")
    if any(r.status == "failed" for r in results):
        raise click.exceptions.Exit(EXIT_SOURCE_FAILED)
