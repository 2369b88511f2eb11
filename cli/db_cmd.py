"""`budgetwatch db upgrade`: bring the database schema up to date (Alembic)."""

from __future__ import annotations

import click

from cli.context import load, open_database, safe_url


@click.group("db")
def group() -> None:
    """Database maintenance."""


@group.command("upgrade")
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Create or upgrade the database schema to the newest migration."""
    config = load(ctx, needs_file=False)
    open_database(config).dispose()
    click.echo(f"{safe_url(config.database)}: schema is up to date")
