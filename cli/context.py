"""What every command shares: the config file and database chosen on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from sqlalchemy import Engine

from config.load import ConfigError, load_config
from config.masking import mask_text, mask_url
from config.schema import Config
from store.db import make_engine, upgrade_schema
from store.health import DatabaseUnusable, check_database, describe, first_line

EXIT_SOURCE_FAILED = 1
EXIT_USAGE = 2
EXIT_STORAGE_FAILED = 4  # the database took no more writes (a full disk): the crawl stopped


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


def open_database(config: Config, *, write: bool = True) -> Engine:
    """An engine on the configured database, checked (damaged? read-only when ``write``?) and
    upgraded to the current schema; any failure is one line and exit 2."""
    try:
        engine = make_engine(config.database)
    except Exception as exc:  # an unknown dialect or driver, a malformed URL
        raise fail_usage(f"database {safe_url(config.database)}: {mask_text(first_line(exc))}") from None
    try:
        check_database(engine, write=write, url=config.database)
        upgrade_schema(engine)
    except DatabaseUnusable as exc:
        engine.dispose()
        raise fail_usage(str(exc)) from None
    except Exception as exc:
        engine.dispose()
        raise fail_usage(str(describe(config.database, exc))) from None
    return engine


def safe_url(url: str) -> str:
    """The database URL with any password hidden, for messages."""
    return mask_url(url)
