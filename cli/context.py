"""What every command shares: the config file and database chosen on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from sqlalchemy import Engine

from config.load import ConfigError, load_config
from config.schema import Config
from store.db import make_engine, upgrade_schema

EXIT_SOURCE_FAILED = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Options:
    config_path: Path | None
    database: str | None


def fail_usage(message: str) -> click.exceptions.Exit:
    click.echo(f"budgetwatch: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def load(ctx: click.Context) -> Config:
    options: Options = ctx.obj
    try:
        return load_config(options.config_path, database=options.database)
    except ConfigError as exc:
        raise fail_usage(str(exc)) from None


def open_database(config: Config) -> Engine:
    """An engine on the configured database, upgraded to the current schema."""
    engine = make_engine(config.database)
    try:
        upgrade_schema(engine)
    except Exception as exc:
        engine.dispose()
        raise fail_usage(f"database {safe_url(config.database)}: {type(exc).__name__}: {exc}") from None
    return engine


def safe_url(url: str) -> str:
    """The database URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
