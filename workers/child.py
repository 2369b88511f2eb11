"""One source's crawl in a process forked for it by the worker's zygote (workers/zygote.py).

Scrapy's reactor cannot restart, so every crawl needs a fresh process; forking it from a
process that already imported everything makes that cost milliseconds instead of seconds.
If the worker is killed with -9, the broker hands the crawl to another worker; this process
must not go on writing beside it, so it dies with the zygote, which dies with the worker.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from config.load import DEFAULT_PATH, ConfigError, load_config
from config.schema import Config
from crawler.lifeline import die_with_parent
from crawler.reactor import run_on_reactor
from crawler.read_pool import PageReader
from crawler.runner import SourceCrawler, summary_line
from store.db import make_engine, upgrade_schema

EXIT_OK, EXIT_SOURCE_FAILED, EXIT_USAGE, EXIT_STORAGE_FAILED, EXIT_CRASHED = 0, 1, 2, 4, 70  # as `budgetwatch crawl`


@dataclass(frozen=True)
class Loaded:
    """The config as the zygote loaded it, and the file's state then: a crawl uses it while the
    file is unchanged (parsing YAML again would be most of a small crawl's CPU)."""

    config: Config
    stamp: tuple[int, int, int] | None  # (inode, size, mtime_ns) of the file; None: no file
    engine: Engine | None = None  # connected once (dialect set up), no connection left open


def file_stamp(path: str | None) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path or DEFAULT_PATH)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


@dataclass(frozen=True)
class CrawlOrder:
    source: str
    config_path: str | None
    database: str | None
    check_schema: bool  # the worker could not check it at start (the database was down)


def _refuse(message: str) -> int:
    print(f"budgetwatch: {message}", file=sys.stderr, flush=True)
    return EXIT_USAGE


def crawl(order: CrawlOrder, loaded: Loaded | None = None) -> tuple[int, str]:
    """Crawl ``order.source`` once: `budgetwatch crawl`'s exit code and summary line."""
    engine: Engine | None = None
    if loaded is not None and loaded.stamp is not None and loaded.stamp == file_stamp(order.config_path):
        config, engine = loaded.config, loaded.engine
        if engine is not None:
            engine.dispose(close=False)  # a fork must not share the zygote's connections
    else:
        try:
            config = load_config(Path(order.config_path) if order.config_path else None, database=order.database)
        except ConfigError as exc:
            return _refuse(str(exc)), ""
    sources = [s for s in config.sources if s.name == order.source]
    if not sources:
        known = ", ".join(s.name for s in config.sources) or "none"
        return _refuse(f"unknown source {order.source!r}; configured: {known}"), ""
    engine = engine or make_engine(config.database)
    try:
        if order.check_schema:
            upgrade_schema(engine)
        # The worker's crawls already share its cores, so each reads in its own thread.
        crawler = SourceCrawler(config, engine, reader=PageReader(0))
        results = run_on_reactor(lambda: crawler.crawl_sources(sources))
    except SQLAlchemyError as exc:
        return _refuse(f"database: {type(exc).__name__}: {exc}"), ""
    finally:
        engine.dispose()
    result = results[0]
    if result.storage_failed:  # the store took no more writes (a full disk), as `budgetwatch crawl`
        return EXIT_STORAGE_FAILED, summary_line(result)
    return (EXIT_SOURCE_FAILED if result.status == "failed" else EXIT_OK), summary_line(result)


def run_child(order: CrawlOrder, summary_fd: int, zygote_pid: int, loaded: Loaded | None) -> int:
    """The forked child: die with the zygote, crawl, write the summary line, return the exit code."""
    die_with_parent(zygote_pid)
    try:
        code, summary = crawl(order, loaded)
    except BaseException:  # noqa: BLE001 - a crash is this crawl's only: reported, exit 70
        traceback.print_exc()
        code, summary = EXIT_CRASHED, ""
    os.write(summary_fd, summary.encode("utf-8"))
    os.close(summary_fd)
    sys.stdout.flush()
    sys.stderr.flush()
    return code
