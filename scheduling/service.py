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

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, EVENT_JOB_SUBMITTED, JobEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from config.load import ConfigError, load_config
from config.logfmt import log_event
from config.schedule import make_trigger
from config.schema import Config, SourceConfig
from crawler.known import source_rows
from crawler.runner import CrawlResult
from crawler.settings import build_settings
from scheduling.events import log_crawl_done, log_job_event, resident_mb
from scheduling.jobs import CRAWL_MISFIRE_GRACE_S, ExtraJob, JobContext, JobSpec, diff_jobs, plan_jobs
from scheduling.leader import Dispatcher, DistributedOptions, watch_leadership
from scheduling.signals import install_signal_handlers
from scheduling.status import last_started
from scheduling.stopping import close_crawls, wait_idle
from store.runs import close_dead_runs, mark_interrupted, sync_sources

Clock = Callable[[], datetime]
# After the grace period running crawls are told to stop; Scrapy then closes them
# (finish_reason "shutdown") and their runs are recorded. Past this, whatever is left is cancelled.
STOP_TIMEOUT_S = 15.0


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
            # Only runs whose process is known dead: a `budgetwatch crawl` may be running beside us.
            # (Workers' crawls run elsewhere; housekeeping sweeps runs of other hosts by age.)
            stale = await asyncio.to_thread(close_dead_runs, self.engine, now)
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
        log_crawl_done(name, result, time.monotonic() - began, self.crawls_done)

    def on_job_event(self, event: JobEvent) -> None:
        log_job_event(event, self.clock())

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
        close the rest (docs/tech-notes.md §1.5: the runner before the scheduler, or runs go unrecorded)."""
        assert self.scheduler is not None
        self.scheduler.pause()
        try:
            if self.active and not await wait_idle(self.active, self.options.grace_seconds, self.hurry):
                log_event("stopping_crawls", running=len(self.active))
                if not await close_crawls(self.active, self.crawlers, STOP_TIMEOUT_S):
                    # Seen when a stop lands while Scrapy is still opening the crawl: it never
                    # closes. Cancel it; its run is marked interrupted, its stored articles stay.
                    for task in self.active:
                        task.cancel()
                    stale = await asyncio.to_thread(mark_interrupted, self.engine, self.clock(), own_process=True)
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
