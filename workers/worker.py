"""`budgetwatch worker`: a Celery worker taking one source's crawl at a time per slot of concurrency."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass

from celery import Celery
from celery.signals import worker_ready

from config.logfmt import configure_logging, log_event
from workers.app import make_app
from workers.tasks import register_crawl
from workers.zygote_client import ZygoteClient


@dataclass(frozen=True)
class WorkerOptions:
    broker_url: str
    queue: str
    concurrency: int  # crawls at once in this worker, each in its own child process
    config_path: str | None  # --config and --db, for every crawl
    database: str | None
    log_level: str = "INFO"


def worker_name() -> str:
    return f"worker-{os.getpid()}@{socket.gethostname()}"


# A broker that does not answer within these tries is down or wrong: the worker exits non-zero
# so its supervisor (systemd Restart=on-failure) restarts it, instead of Celery's 100 retries.
BROKER_TRIES = 4
BROKER_CONNECT_TIMEOUT_S = 3.0
EXIT_BROKER_UNREACHABLE = 1


def reach_broker(app: Celery, tries: int = BROKER_TRIES) -> str | None:
    """None when the broker answers; else why not, in one line (bounded: ``tries`` attempts,
    about ``tries`` x (timeout + 2 s) at most)."""
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=tries - 1, interval_start=0.5, interval_step=0.5, interval_max=2,
                                   timeout=BROKER_CONNECT_TIMEOUT_S)  # fmt: skip
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return None


def run_worker(options: WorkerOptions) -> int:
    """Consume crawls until SIGTERM (warm shutdown: running crawls finish first)."""
    configure_logging(options.log_level)
    name = worker_name()
    app = make_app(options.broker_url, options.queue)
    unreachable = reach_broker(app)
    if unreachable is not None:
        log_event("broker_unreachable", logging.ERROR, worker=name, broker=options.broker_url, error=unreachable,
                  tries=BROKER_TRIES, exit_code=EXIT_BROKER_UNREACHABLE)  # fmt: skip
        return EXIT_BROKER_UNREACHABLE
    log_event("worker_starting", worker=name, queue=options.queue, concurrency=options.concurrency)
    # Imports, the schema check and everything that does not need the reactor, once per worker.
    zygote = ZygoteClient(options.config_path, options.database)
    zygote.start()
    register_crawl(app, zygote, name)
    worker_ready.connect(lambda **_: log_event("worker_ready", worker=name), weak=False)
    # Threads, not prefork: a thread only waits for its crawl child, and the child is a fresh
    # process anyway (Scrapy's reactor cannot restart), forked from the zygote.
    worker = app.Worker(
        hostname=name,
        pool_cls="threads",
        concurrency=options.concurrency,
        queues=[options.queue],
        loglevel=options.log_level,
        without_mingle=True,
        without_gossip=True,
        optimization="fair",
        quiet=True,  # no banner on stdout; our events go to stderr
    )
    try:
        worker.start()
    finally:
        zygote.close()
    code = int(worker.exitcode or 0)
    log_event("worker_stopped", worker=name, exit_code=code)
    return code
