"""`budgetwatch demo`: serve the bundled sample sites on 127.0.0.1, crawl them into SQLite, show it."""

from __future__ import annotations

import shutil
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import click
import yaml

from changes.backlog import calendar_date
from cli.context import fail_usage, options_of
from cli.crawl_cmd import report, run_crawl
from cli.table import Column, render
from config.load import ConfigError, load_config
from config.schema import Config
from store.records import as_utc

DEMO_PORT = 8765  # tried first; any other port works too (demo/rebase.py keeps stored URLs in step)
DEMO_DB_FILE = "demo.sqlite"


def write_demo_config(directory: Path, base_url: str, database: str) -> Path:
    from demo.sample_config import sample_config

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "budgetwatch.yaml"
    text = "# Written by `budgetwatch demo`: the bundled sample sites on this machine.\n"
    text += yaml.safe_dump(sample_config(base_url, database), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def preferred_port(directory: Path) -> int:
    """The port of the previous demo in ``directory`` (so its config stays right), else DEMO_PORT."""
    try:
        data = yaml.safe_load((directory / "budgetwatch.yaml").read_text(encoding="utf-8"))
        port = urlsplit(data["sources"][0]["url"]).port
    except (OSError, yaml.YAMLError, KeyError, IndexError, TypeError, ValueError):
        return DEMO_PORT
    return port or DEMO_PORT


def move_to(config: Config, base_url: str) -> int:
    """Articles stored by an earlier demo on another port now belong to this port's URLs."""
    from demo.rebase import rebase, stored_base
    from store.db import make_engine, upgrade_schema

    names = [s.name for s in config.sources]
    engine = make_engine(config.database)
    try:
        upgrade_schema(engine)
        old = stored_base(engine, names)
        return rebase(engine, names, old, base_url) if old else 0
    finally:
        engine.dispose()


def show_results(database: str) -> None:
    from store.db import make_engine
    from store.queries import list_articles
    from store.statement_queries import list_statements

    engine = make_engine(database)
    try:
        articles = list_articles(engine)
        statements = list_statements(engine)
    finally:
        engine.dispose()
    click.echo(f"\n{len(articles)} articles stored, {len(statements)} money amounts read:")
    rows = [
        (calendar_date(as_utc(row.published), ZoneInfo("Asia/Seoul")).isoformat() if row.published else "-" * 10,
         row.source, row.title, f"[{row.statements} amounts]")
        for row in articles
    ]  # fmt: skip
    for line in render(rows, [Column(), Column(), Column(max_width=60), Column()]):
        click.echo("  " + line)
    click.echo("\nLargest amounts:")
    top = [
        (st.amount_text, f"{st.value:,}", st.currency, str(st.fiscal_year or "----"), st.role, st.subject or "-")
        for st in sorted(statements, key=lambda s: -s.value)[:8]
    ]
    aligned = [Column(align=">"), Column(align=">"), Column(), Column(), Column(), Column(max_width=50)]
    for line in render(top, aligned):
        click.echo("  " + line)


def command_name() -> str:
    """How to run budgetwatch from this shell: the bare name when it is on PATH, else its path."""
    script = Path(sys.argv[0])
    if script.name == "budgetwatch" and shutil.which("budgetwatch") == str(script.resolve()):
        return "budgetwatch"
    beside = Path(sys.executable).parent / "budgetwatch"
    if shutil.which("budgetwatch") is None and beside.exists():
        return str(beside)
    return "budgetwatch" if shutil.which("budgetwatch") else f"{sys.executable} -m cli.main"


@click.command("demo")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo-output"),
    show_default=True,
    help="Where the demo writes its config and database.",
)
@click.option("--serve", is_flag=True, help="Keep serving the sample sites after the demo until Ctrl-C.")
@click.pass_context
def command(ctx: click.Context, directory: Path, serve: bool) -> None:
    """Crawl the bundled sample sites (a news feed, an EUC-KR board, a sitemap) into a local database.

    Run it again and nothing is stored twice, whatever port the sample sites get."""
    from demo.site import SampleSite
    from digest.preview import write_demo_digest
    from store.db import make_engine

    quiet = options_of(ctx).verbosity < 0
    # Written relative to the config file, which is how the config's SQLite paths are read.
    written_db = ctx.obj.database or f"sqlite:///{DEMO_DB_FILE}"
    with SampleSite(port=preferred_port(directory)) as site:
        path = write_demo_config(directory, site.base_url, written_db)
        click.echo(f"Serving the sample sites at {site.base_url}; config written to {path}")
        try:
            config = load_config(path, database=ctx.obj.database)
        except ConfigError as exc:
            raise fail_usage(str(exc)) from None
        moved = move_to(config, site.base_url)
        if moved:
            click.echo(f"Moved {moved} articles stored by an earlier demo to {site.base_url}")
        results = run_crawl(config, list(config.sources))
        code = report(config, results)
        if not quiet:
            show_results(config.database)
        engine = make_engine(config.database)
        try:
            digest = write_demo_digest(config, engine, directory / "demo-digest.html")
        finally:
            engine.dispose()
        run = f"{command_name()} --config {path}"
        click.echo(f"\nThe digest email of everything found: {digest} (open it in a browser)")
        click.echo(f"Database: {config.database}")
        if serve:
            click.echo(f"\nThe sample sites stay up at {site.base_url} until Ctrl-C. In another terminal try:")
            for example in ("crawl", "crawl --recheck", "status", "sources", "changes", "daemon"):
                click.echo(f"  {run} {example}")
            # Twisted left its own handlers behind when the crawl's reactor stopped; Ctrl-C and
            # SIGTERM should end the wait.
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.default_int_handler)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                click.echo("stopped")
        else:
            click.echo(f"Try: {run} changes | timeline | articles | sources   (with the sites up: demo --serve)")
    if code:
        raise click.exceptions.Exit(code)
