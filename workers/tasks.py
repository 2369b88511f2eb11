"""The crawl task: one source's crawl in a fresh child process, acknowledged when it ends."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from celery import Celery, Task
from celery.exceptions import Reject

from config.logfmt import log_event
from crawler.settings import CRAWL_TIME_LIMIT_S
from workers.app import CRAWL_TASK

# Scrapy closes a crawl at CRAWL_TIME_LIMIT_S; a child still alive well after that is stuck.
CHILD_TIMEOUT_S = CRAWL_TIME_LIMIT_S + 10 * 60
EXIT_USAGE = 2  # the worker's config does not know the source, or the database is unusable


def child_argv(cli_args: Sequence[str], source: str) -> list[str]:
    """`budgetwatch [--config C] [--db D] crawl SOURCE` in a child that dies with this worker."""
    return [sys.executable, "-m", "workers.child", str(os.getpid()), *cli_args, "crawl", source]


def run_child(argv: list[str]) -> tuple[int, str]:
    """Run the crawl; its stderr goes to the worker's, its summary line (stdout) is returned."""
    try:
        done = subprocess.run(argv, stdout=subprocess.PIPE, text=True, timeout=CHILD_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        return -9, str(exc)
    return done.returncode, done.stdout.strip()


def register_crawl(app: Celery, cli_args: Sequence[str], worker: str) -> None:
    """Define the crawl task on ``app`` for a worker whose config and database are ``cli_args``."""

    @app.task(name=CRAWL_TASK, bind=True)  # type: ignore[untyped-decorator]
    def crawl(task: Task[Any, Any], source: str, slot: str) -> int:
        redelivered = bool((task.request.delivery_info or {}).get("redelivered"))
        log_event("crawl_task_started", source=source, slot=slot, worker=worker, redelivered=redelivered)
        began = time.monotonic()
        code, summary = run_child(child_argv(cli_args, source))
        fields: dict[str, object] = {"source": source, "slot": slot, "worker": worker, "exit_code": code}
        log_event(
            "crawl_task_done",
            logging.WARNING if code else logging.INFO,
            **fields,
            duration_s=time.monotonic() - began,
            summary=summary,
        )
        if code < 0 and not redelivered:
            # Killed by a signal (OOM killer, an operator): give it back once. A crawl that is
            # killed every time is not retried forever; its run says "interrupted".
            raise Reject(f"crawl child killed by signal {-code}", requeue=True)
        if code == EXIT_USAGE:
            log_event("crawl_task_refused", logging.ERROR, source=source, reason="see the child's message above")
        return code
