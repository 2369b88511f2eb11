"""The `budgetwatch` command line: wires the commands of cli/ into one group."""

from __future__ import annotations

from pathlib import Path

import click

from cli import (
    article_cmd,
    articles_cmd,
    changes_cmd,
    crawl_cmd,
    daemon_cmd,
    db_cmd,
    demo_cmd,
    digest_cmd,
    extract_cmd,
    statements_cmd,
    status_cmd,
    worker_cmd,
)
from cli.context import Options


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Configuration file (default: ./budgetwatch.yaml).",
)
@click.option("--db", "database", default=None, help="SQLAlchemy database URL; beats $BUDGETWATCH_DB and the file.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, database: str | None) -> None:
    """budgetwatch: what local governments say they will spend, and what changed."""
    ctx.obj = Options(config_path=config_path, database=database)


cli.add_command(crawl_cmd.command)
cli.add_command(articles_cmd.command)
cli.add_command(demo_cmd.command)
cli.add_command(db_cmd.group)
cli.add_command(extract_cmd.command)
cli.add_command(article_cmd.command)
cli.add_command(changes_cmd.changes_command)
cli.add_command(changes_cmd.timeline_command)
cli.add_command(changes_cmd.projects_group)
cli.add_command(daemon_cmd.command)
cli.add_command(status_cmd.command)
cli.add_command(digest_cmd.command)
cli.add_command(statements_cmd.statements_command)
cli.add_command(statements_cmd.reextract_command)
cli.add_command(worker_cmd.command)


def main() -> None:
    cli(prog_name="budgetwatch")


if __name__ == "__main__":
    main()
