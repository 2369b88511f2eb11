"""The daemon: APScheduler jobs on the reactor's asyncio loop, crawls in-process, stop and reload."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from config.load import ConfigError, load_config
from config.schema import Config, SourceConfig
from crawler.known import source_rows
from crawler.runner import CrawlResult
from crawler.settings import build_settings
from scheduling.jobs import CRAWL_MISFIRE_GRACE_S, ExtraJob, JobContext, JobSpec, diff_jobs, make_trigger, plan_jobs
from scheduling.leader import Dispatcher, DistributedOptions, watch_leadership
from scheduling.logfmt import log_event
from scheduling.signals import install_signal_handlers
from scheduling.status import last_started
from store.runs import mark_interrupted, sync_sources

Clock = Callable[[], datetime]
# After the grace period running crawls are told to stop; Scrapy then closes them
# (finish_reason "shutdown") and their runs are recorded. Past this, whatever is left is cancelled.
STOP_TIMEOUT_S = 15.0
STOP_RETRY_S = 1.0


class Crawler(Protocol):
    """What the daemon needs of crawler.runner.SourceCrawler (the seam for a fake in tests)."""

    async def crawl_one(self, source: SourceConfig, source_id: int, *, recheck: bool = False) -> CrawlResult: ...

    async def stop(self) -> None: ...

    def close(self) -> None: ...


CrawlerFactory = Callable[[Config, Engine], Crawler]


@dataclass(frozen=True)
class DaemonOptions:
    config_path: Path | None = None
    database: str | None = None  # --db / $BUDGETWATCH_DB, kept for reloads
    grace_seconds: float = 20.0  # how long a stop waits for running crawls to finish by themselves
    distributed: DistributedOptions | None = None  # enqueue crawls for workers instead of running them


def resident_mb() -> float:
    """Current resident set size (Linux /proc), else the peak from getrusage."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Daemon:
    """Owns the scheduler and the crawlers; everything runs on one event loop."""

    def __init__(
        self,
        options: DaemonOptions,
        config: Config,
        engine: Engine,
        *,
        make_crawler: CrawlerFactory,
        extras: Sequence[ExtraJob],
        clock: Clock,
        on_exit: Callable[[], None],
        dispatcher: Dispatcher | None = None,
        lock_alive: Callable[[], bool] | None = None,
    ) -> None:
        self.options = options
        self.config = config
        self.engine = engine
        self.make_crawler = make_crawler
        self.crawler = make_crawler(config, engine)
        self.crawlers = [self.crawler]  # earlier ones stay until stop: a reload may leave crawls on them
        self.extras = {extra.name: extra for extra in extras}
        self.clock = clock
        self.on_exit = on_exit
        self.dispatcher = dispatcher
        self.lock_alive = lock_alive
        self.watch: asyncio.Task[None] | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.specs: dict[str, JobSpec] = {}
        self.source_ids: dict[str, int] = {}
        self.active: set[asyncio.Task[Any]] = set()
        self.stopping = False
        self.hurry = asyncio.Event()
        self.crawls_done = 0
        self.exit_code = 0

    async def start(self) -> None:
        now = self.clock()
        stale = 0
        if self.dispatcher is None:
            # We hold the lock, so no other daemon is crawling: every "running" row is a dead process's.
            # (Not so with workers: their crawls run elsewhere; housekeeping sweeps theirs.)
            stale = await asyncio.to_thread(mark_interrupted, self.engine, now)
        self.source_ids = await asyncio.to_thread(sync_sources, self.engine, source_rows(self.config.sources), now)
        previous = await self.history(self.config)
        specs = plan_jobs(self.config, previous, tuple(self.extras.values()), now)
        loop = asyncio.get_running_loop()
        self.scheduler = AsyncIOScheduler(
            event_loop=loop,
            timezone=self.config.zone,
            # APScheduler 3.11 defaults are coalesce=True, max_instances=1, misfire_grace_time=1;
            # spelled out so nobody has to look them up, with a usable grace time.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": CRAWL_MISFIRE_GRACE_S},
        )
        self.scheduler.add_listener(
            self.on_job_event, EVENT_JOB_SUBMITTED | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_ERROR
        )
        for spec in specs:
            self.add_job(spec)
        self.scheduler.start()
        install_signal_handlers(loop, self.request_stop, self.request_reload)
        if self.lock_alive is not None and self.options.distributed is not None:
            every = self.options.distributed.leader_poll_seconds
            self.watch = loop.create_task(watch_leadership(self.lock_alive, every, self.lose_leadership))
        log_event(
            "daemon_started",
            pid=os.getpid(),
            sources=len(self.source_ids),
            jobs=len(specs),
            interrupted_runs=stale,
            mode="distributed" if self.dispatcher is not None else "local",
            rss_mb=resident_mb(),
        )

    def add_job(self, spec: JobSpec) -> None:
        assert self.scheduler is not None
        self.scheduler.add_job(
            self.run_job,
            trigger=make_trigger(spec.schedule, self.config.zone),
            args=[spec.id],
            id=spec.id,
            name=spec.id,
            misfire_grace_time=spec.misfire_grace_time,
            next_run_time=spec.next_run_time,
            replace_existing=True,
        )
        self.specs[spec.id] = spec

    async def run_job(self, job_id: str) -> None:
        """Every job goes through here: tracked for a graceful stop, and never raises."""
        spec = self.specs.get(job_id)
        task = asyncio.current_task()
        if spec is None or self.stopping or task is None:
            return
        self.active.add(task)
        try:
            if spec.kind == "crawl":
                await self.crawl_source(spec.target)
            else:
                context = JobContext(config=self.config, engine=self.engine, clock=self.clock)
                await self.extras[spec.target].run(context)
        except Exception as exc:  # one job's failure is logged; the daemon goes on
            log_event("job_failed", logging.ERROR, job=job_id, error=f"{type(exc).__name__}: {exc}")
        finally:
            self.active.discard(task)

    async def history(self, config: Config) -> dict[str, datetime]:
        """When each source was last crawled (locally) or enqueued (distributed), for planning."""
        names = [s.name for s in config.sources]
        if self.dispatcher is not None:
            return await self.dispatcher.last_slots(names)
        return await asyncio.to_thread(last_started, self.engine, names)

    def lose_leadership(self, reason: str) -> None:
        self.exit_code = 1  # restarted by systemd, it waits as a standby
        self.request_stop(reason)

    async def crawl_source(self, name: str) -> None:
        source = self.config.source(name)
        if self.dispatcher is not None:
            await self.dispatcher.dispatch(source, self.config.zone)
            return
        began = time.monotonic()
        result = await self.crawler.crawl_one(source, self.source_ids[name])
        self.crawls_done += 1
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
            duration_s=time.monotonic() - began,
            crawls=self.crawls_done,
            rss_mb=resident_mb(),
        )

    def on_job_event(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_SUBMITTED:
            scheduled = event.scheduled_run_times[-1]
            delay = (self.clock() - scheduled).total_seconds()
            log_event("job_started", job=event.job_id, scheduled=scheduled, delay_ms=round(delay * 1000, 1))
        elif event.code == EVENT_JOB_MAX_INSTANCES:
            log_event("job_skipped", job=event.job_id, reason="still running")
        elif event.code == EVENT_JOB_MISSED:
            log_event("job_missed", logging.WARNING, job=event.job_id, scheduled=event.scheduled_run_time)
        else:
            log_event("job_failed", logging.ERROR, job=event.job_id, error=repr(getattr(event, "exception", None)))

    # -- stop ------------------------------------------------------------------------------------

    def request_stop(self, signame: str) -> None:
        if self.stopping:
            log_event("stop_hurried", signal=signame)
            self.hurry.set()  # a second signal: stop the crawls now
            return
        self.stopping = True
        log_event("stopping", signal=signame, running=len(self.active), grace_s=self.options.grace_seconds)
        asyncio.get_running_loop().create_task(self.stop())

    async def stop(self) -> None:
        """Stop taking jobs; let running ones finish within the grace period; then make Scrapy
        close the rest (pitfall 1.2-c: the runner before the scheduler, or runs go unrecorded)."""
        assert self.scheduler is not None
        self.scheduler.pause()
        try:
            if self.active and not await self.wait_active(self.options.grace_seconds):
                log_event("stopping_crawls", running=len(self.active))
                if not await self.stop_crawls(STOP_TIMEOUT_S):
                    # Seen when a stop lands while Scrapy is still opening the crawl: it never
                    # closes. Cancel it; its run is marked interrupted, its stored articles stay.
                    for task in self.active:
                        task.cancel()
                    stale = await asyncio.to_thread(mark_interrupted, self.engine, self.clock())
                    log_event("crawls_cancelled", logging.WARNING, interrupted_runs=stale)
                    self.exit_code = 1
        except Exception as exc:
            log_event("stop_failed", logging.ERROR, error=f"{type(exc).__name__}: {exc}")
            self.exit_code = 1
        self.scheduler.shutdown(wait=False)
        for crawler in self.crawlers:
            crawler.close()
        if self.watch is not None:
            self.watch.cancel()
        if self.dispatcher is not None:
            await asyncio.to_thread(self.dispatcher.close)
        log_event("daemon_stopped", crawls=self.crawls_done, exit_code=self.exit_code)
        self.on_exit()

    async def stop_crawls(self, timeout: float) -> bool:
        """Ask Scrapy to close every crawl, again each second: a crawl still setting up when asked
        (reading the store before runner.crawl) is not known to its runner yet."""
        deadline = time.monotonic() + timeout
        while self.active and time.monotonic() < deadline:
            await asyncio.gather(*(crawler.stop() for crawler in self.crawlers))
            await self.wait_active(min(STOP_RETRY_S, deadline - time.monotonic()), hurry=False)
        return not self.active

    async def wait_active(self, timeout: float, *, hurry: bool = True) -> bool:
        """Wait until no job runs (True) or timeout / a second signal (False)."""
        waiters: set[asyncio.Future[Any]] = set(self.active)
        hurry_task = asyncio.ensure_future(self.hurry.wait()) if hurry else None
        deadline = time.monotonic() + timeout
        try:
            while self.active:
                left = deadline - time.monotonic()
                if left <= 0 or (hurry_task is not None and hurry_task.done()):
                    return False
                waiters = set(self.active) | ({hurry_task} if hurry_task is not None else set())
                await asyncio.wait(waiters, timeout=left, return_when=asyncio.FIRST_COMPLETED)
            return True
        finally:
            if hurry_task is not None:
                hurry_task.cancel()

    # -- reload ----------------------------------------------------------------------------------

    def request_reload(self) -> None:
        if not self.stopping:
            asyncio.get_running_loop().create_task(self.reload())

    async def reload(self) -> None:
        """Read the config again: sources added, removed or rescheduled; a bad file changes nothing."""
        try:
            config = await asyncio.to_thread(load_config, self.options.config_path, database=self.options.database)
        except ConfigError as exc:
            log_event("reload_rejected", logging.ERROR, error=str(exc), kept="previous config")
            return
        if config.database != self.config.database:
            log_event("reload_rejected", logging.ERROR, error="the database cannot change on reload; restart")
            return
        assert self.scheduler is not None
        now = self.clock()
        ids = await asyncio.to_thread(sync_sources, self.engine, source_rows(config.sources), now)
        previous = await self.history(config)
        specs = plan_jobs(config, previous, tuple(self.extras.values()), now)
        changes = diff_jobs(tuple(self.specs.values()), specs)
        if build_settings(config) != build_settings(self.config):
            self.crawler = self.make_crawler(config, self.engine)
            self.crawlers.append(self.crawler)
        self.config = config
        self.source_ids.update(ids)
        for job_id in changes.remove:
            self.scheduler.remove_job(job_id)
            del self.specs[job_id]
        for spec in changes.add:
            self.add_job(spec)
        for spec in changes.reschedule:
            self.scheduler.modify_job(
                spec.id,
                trigger=make_trigger(spec.schedule, config.zone),
                next_run_time=spec.next_run_time,
                misfire_grace_time=spec.misfire_grace_time,
            )
            self.specs[spec.id] = spec
        log_event(
            "reloaded",
            added=names(changes.add),
            removed=",".join(changes.remove),
            rescheduled=names(changes.reschedule),
            jobs=len(self.specs),
        )


def names(specs: Iterable[JobSpec]) -> str:
    return ",".join(spec.id for spec in specs)
