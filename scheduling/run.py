"""Start the daemon on the already installed asyncio reactor and run it until it is stopped."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from config.load import ConfigError, load_config
from config.logfmt import configure_logging, log_event
from config.masking import mask_url
from scheduling.jobs import ExtraJob
from scheduling.leader import DispatcherFactory
from scheduling.lock import DaemonLock, LockHeld, acquire_lock, wait_for_lock
from scheduling.service import CrawlerFactory, Daemon, DaemonOptions
from store.db import make_engine, upgrade_schema
from store.health import check_database, first_line

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2  # as the CLI: bad usage or configuration
EXIT_LOCKED = 3  # another daemon runs on this database; restarting will not help


def utc_now() -> datetime:
    return datetime.now(UTC)


def safe_url(url: str) -> str:
    return mask_url(url)


def run_daemon(
    options: DaemonOptions,
    *,
    extras: Sequence[ExtraJob],
    make_crawler: CrawlerFactory,
    make_dispatcher: DispatcherFactory | None = None,
    log_level: str = "INFO",
) -> int:
    """Run until SIGTERM/SIGINT; return the process exit code."""
    from scrapy.utils.reactor import is_asyncio_reactor_installed

    if not is_asyncio_reactor_installed():
        raise RuntimeError("install the asyncio reactor before anything imports twisted.internet.reactor")
    configure_logging(log_level)
    try:
        config = load_config(options.config_path, database=options.database)
    except ConfigError as exc:
        log_event("config_invalid", logging.ERROR, error=str(exc))
        return EXIT_CONFIG
    distributed = options.distributed
    if distributed is not None and (make_dispatcher is None or not config.database.startswith("postgresql")):
        log_event("config_invalid", logging.ERROR, error="--distributed needs a postgresql:// database and a broker")
        return EXIT_CONFIG
    try:
        engine = make_engine(config.database)
    except Exception as exc:  # an unknown dialect or driver
        log_event("database_unusable", logging.ERROR, database=safe_url(config.database), error=first_line(exc))
        return EXIT_CONFIG
    try:
        check_database(engine, write=True, url=config.database)
        upgrade_schema(engine)
        lock = take_lock(config.database, options)
    except LockHeld as exc:
        log_event("refused", logging.ERROR, reason=str(exc))
        engine.dispose()
        return EXIT_LOCKED
    except Exception as exc:
        log_event("database_unusable", logging.ERROR, database=safe_url(config.database), error=first_line(exc))
        engine.dispose()
        return EXIT_CONFIG
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import reactor as installed

    reactor: Any = installed  # typed as interfaces only
    dispatcher = make_dispatcher(config, engine) if distributed is not None and make_dispatcher else None
    daemon = Daemon(
        options, config, engine, make_crawler=make_crawler, extras=extras, clock=utc_now, on_exit=reactor.stop,
        dispatcher=dispatcher, lock_alive=lock.alive,
    )  # fmt: skip
    log_event("daemon_starting", database=safe_url(config.database), config=options.config_path)

    def failed(failure: Any) -> None:
        log_event("start_failed", logging.ERROR, error=failure.getErrorMessage(), exc_type=failure.type.__name__)
        daemon.exit_code = EXIT_FAILED
        reactor.stop()

    reactor.callWhenRunning(lambda: deferred_from_coro(daemon.start()).addErrback(failed))
    try:
        reactor.run(installSignalHandlers=False)
    finally:
        lock.release()
        engine.dispose()
    return daemon.exit_code


def take_lock(database_url: str, options: DaemonOptions) -> DaemonLock:
    """One scheduling daemon per database: refuse if another holds it, or with --distributed wait
    as a standby and take over when it dies."""
    if options.distributed is None:
        return acquire_lock(database_url)
    poll = options.distributed.leader_poll_seconds

    def standby(holder: str) -> None:
        log_event("standby", holder=holder, poll_s=poll)

    lock = wait_for_lock(database_url, poll, standby)
    log_event("leader_elected", database=safe_url(database_url))
    return lock
