"""The daemon's log lines about jobs and crawls (APScheduler events, crawl results, memory)."""

from __future__ import annotations

import logging
import os
from datetime import datetime

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, EVENT_JOB_SUBMITTED, JobEvent

from config.logfmt import log_event
from crawler.runner import CrawlResult


def resident_mb() -> float:
    """Current resident set size (Linux /proc), else the peak from getrusage."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def log_job_event(event: JobEvent, now: datetime) -> None:
    """One line per APScheduler event the daemon listens to (started, skipped, missed, failed)."""
    if event.code == EVENT_JOB_SUBMITTED:
        scheduled = event.scheduled_run_times[-1]
        delay = (now - scheduled).total_seconds()
        log_event("job_started", job=event.job_id, scheduled=scheduled, delay_ms=round(delay * 1000, 1))
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log_event("job_skipped", job=event.job_id, reason="still running")
    elif event.code == EVENT_JOB_MISSED:
        log_event("job_missed", logging.WARNING, job=event.job_id, scheduled=event.scheduled_run_time)
    else:
        log_event("job_failed", logging.ERROR, job=event.job_id, error=repr(getattr(event, "exception", None)))


def log_crawl_done(name: str, result: CrawlResult, duration_s: float, crawls: int) -> None:
    """The line a finished in-process crawl leaves: its counts, first error and the memory now."""
    t = result.tally
    log_event(
        "crawl_done",
        logging.WARNING if result.status == "failed" else logging.INFO,
        source=name,
        run=result.run_id,
        status=result.status,
        pages=t.pages,
        new=t.new_items,
        changed=t.changed_items,
        unchanged=t.unchanged_items,
        known=t.skipped_known,
        errors=len(t.errors),
        first_error=t.errors[0] if t.errors else None,
        duration_s=duration_s,
        crawls=crawls,
        rss_mb=resident_mb(),
    )
