"""The crawl task: one source's crawl in a fresh child process, acknowledged when it ends."""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Celery, Task
from celery.exceptions import Reject

from config.logfmt import log_event
from crawler.settings import CRAWL_TIME_LIMIT_S
from workers.app import CRAWL_TASK
from workers.zygote_client import ZygoteClient

# Scrapy closes a crawl at CRAWL_TIME_LIMIT_S; a child still alive well after that is stuck.
CHILD_TIMEOUT_S = CRAWL_TIME_LIMIT_S + 10 * 60
EXIT_USAGE = 2  # the worker's config does not know the source, or the database is unusable


def register_crawl(app: Celery, zygote: ZygoteClient, worker: str) -> None:
    """Define the crawl task on ``app``: each crawl a fork of the worker's ``zygote``."""

    @app.task(name=CRAWL_TASK, bind=True)  # type: ignore[untyped-decorator]
    def crawl(task: Task[Any, Any], source: str, slot: str) -> int:
        redelivered = bool((task.request.delivery_info or {}).get("redelivered"))
        log_event("crawl_task_started", source=source, slot=slot, worker=worker, redelivered=redelivered)
        began = time.monotonic()
        ended = zygote.crawl(source, CHILD_TIMEOUT_S)
        code, summary = ended.code, ended.summary
        fields: dict[str, object] = {"source": source, "slot": slot, "worker": worker, "exit_code": code}
        log_event(
            "crawl_task_done",
            logging.WARNING if code else logging.INFO,
            **fields,
            duration_s=time.monotonic() - began,
            cpu_s=ended.cpu_s,
            summary=summary,
        )
        if code < 0 and not redelivered:
            # Killed by a signal (OOM killer, an operator): give it back once. A crawl that is
            # killed every time is not retried forever; its run says "interrupted".
            raise Reject(f"crawl child killed by signal {-code}", requeue=True)
        if code == EXIT_USAGE:
            log_event("crawl_task_refused", logging.ERROR, source=source, reason="see the child's message above")
        return code
