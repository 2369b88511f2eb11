"""`budgetwatch worker`: a Celery worker taking one source's crawl at a time per slot of concurrency."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from celery.signals import worker_ready

from scheduling.logfmt import configure_logging, log_event
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


def run_worker(options: WorkerOptions) -> int:
    """Consume crawls until SIGTERM (warm shutdown: running crawls finish first)."""
    configure_logging(options.log_level)
    name = worker_name()
    app = make_app(options.broker_url, options.queue)
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
