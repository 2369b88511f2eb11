"""What every command shares: the config file and database chosen on the command line."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from config.schema import Config

EXIT_SOURCE_FAILED = 1  # a source failed or found nothing (the others still crawled and were stored)
EXIT_USAGE = 2  # bad usage or configuration, an unknown name, unreadable input
EXIT_STORAGE_FAILED = 4  # the database took no more writes (a full disk): the crawl stopped


@dataclass
class Options:
    """The group's options, shared by every command of one invocation (-v/-q may follow the command)."""

    config_path: Path | None = None
    database: str | None = None
    verbosity: int = 0  # -1 quiet (-q), 0 normal, 1+ more detail (-v, -vv)


def options_of(ctx: click.Context) -> Options:
    options = ctx.find_object(Options)
    return options if options is not None else Options()


def fail_usage(message: str) -> click.exceptions.Exit:
    click.echo(f"budgetwatch: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def load(ctx: click.Context, *, needs_file: bool = True) -> Config:
    """The configuration. A command that only reads the database (``needs_file=False``) runs
    without a config file when --db or $BUDGETWATCH_DB names the database."""
    from config.load import DB_ENV, ConfigError, load_config
    from config.schema import Config

    options = options_of(ctx)
    override = options.database or os.environ.get(DB_ENV) or None
    try:
        return load_config(options.config_path, database=options.database)
    except ConfigError as exc:
        missing = options.config_path is None and not Path("budgetwatch.yaml").exists()
        if missing and override and not needs_file:
            return Config(database=override)
        raise fail_usage(str(exc)) from None


def open_database(config: Config, *, write: bool = True) -> Engine:
    """An engine on the configured database, checked (damaged? read-only when ``write``?) and
    upgraded to the current schema; crawl runs whose process died (kill -9 of a `budgetwatch
    crawl`) are closed as interrupted on the way. Any failure is one line and exit 2."""
    from config.masking import mask_text
    from store.db import make_engine, upgrade_schema
    from store.health import DatabaseUnusable, check_database, describe, first_line
    from store.runs import close_dead_runs

    try:
        engine = make_engine(config.database)
    except Exception as exc:  # an unknown dialect or driver, a malformed URL
        raise fail_usage(f"database {safe_url(config.database)}: {mask_text(first_line(exc))}") from None
    try:
        check_database(engine, write=write, url=config.database)
        upgrade_schema(engine)
        _close_dead_runs(engine, close_dead_runs, write=write)
    except DatabaseUnusable as exc:
        engine.dispose()
        raise fail_usage(str(exc)) from None
    except Exception as exc:
        engine.dispose()
        raise fail_usage(str(describe(config.database, exc))) from None
    return engine


def _close_dead_runs(engine: Engine, close: Callable[[Engine, datetime], object], *, write: bool) -> None:
    """Close the runs of crawls whose process died; a command that only reads still works on a
    database it cannot write (read-only file), it just leaves them for the next writer."""
    try:
        close(engine, datetime.now(UTC))
    except Exception:
        if write:
            raise


def safe_url(url: str) -> str:
    """The database URL with any password hidden, for messages."""
    from config.masking import mask_url

    return mask_url(url)
