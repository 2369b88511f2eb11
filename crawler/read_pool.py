"""Read pages off the GIL: a process pool on the spare cores, or a thread where there is none.

Reading and statement extraction are pure CPU; in the crawl's own process they share one GIL
with fetching and storing, which pins a crawl to one core. The pool's processes come from a
fork server that imported the reader once, so each starts in milliseconds, and the pool starts
only once a crawl has read ``warm_after`` pages, so a crawl of a few pages never pays for it; it
gets as many processes as the machine left cores idle while those pages were read."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from zoneinfo import ZoneInfo

from config.profiles import Catalog
from config.schema import SourceConfig
from crawler.idle import CpuTimes, cpu_times, idle_cores
from crawler.items import PageItem
from crawler.page_budget import PageBudget
from crawler.page_reading import ReadPage, read_plain_page
from crawler.reader_process import start_reader
from crawler.reading import read_page, selectors_for

WARM_AFTER = 30  # pages read in a thread before the pool starts: its start costs about 0.6 CPU-s
# Pages read at once in a crawl process, over all its sources, pool or thread: reading is a page's
# largest memory cost. A pool of more processes than this would only hold idle ones.
READ_SLOTS = 2


def spare_cores(cores: int | None = None, load: float | None = None) -> int:
    """Cores free for reading beyond the one this process's event loop and storing keep busy:
    the cores not taken by other work (the 1-minute load average, less this crawl's own share)."""
    if cores is None:
        cores = _cores()
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:  # not available: assume only this crawl runs
            load = 1.0
    others = max(0.0, load - 1.0)  # this crawl counts for about one in the load average
    return max(0, int(cores - 1 - others))


def spare_idle_cores(idle: float, cores: int) -> int:
    """Reading processes for the cores the machine left idle while this crawl read its first pages
    in its own thread: one from half a core idle (a process on a half-idle core still takes the
    reading off the crawl's own core, where it waits on the GIL behind fetching and storing),
    never more than the cores besides the crawl's own."""
    return max(0, min(cores - 1, int(idle + 0.5)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class PageReader:
    """Reads pages for every crawl of one process; ``processes=0`` reads in a thread."""

    def __init__(
        self, processes: int | None = None, *, warm_after: int | None = None, budget: PageBudget | None = None
    ) -> None:
        self.processes = processes  # None: as many as there are spare cores when the pool starts
        self.budget = budget  # the crawl's page budget, which the pool's processes share
        # A pool sized by the idle cores starts after WARM_AFTER pages; one of a given size at once.
        self.warm_after = warm_after if warm_after is not None else WARM_AFTER if processes is None else 0
        self.seen = 0
        self.pool: ProcessPoolExecutor | None = None
        self.started: CpuTimes | None = None  # the machine's CPU times at the first page read

    async def read(self, page: PageItem, source: SourceConfig, timezone: ZoneInfo, catalog: Catalog) -> ReadPage:
        self.seen += 1
        if self.seen == 1 and self.processes is None:
            self.started = cpu_times()
        if self.seen <= self.warm_after or self.processes == 0:
            return await asyncio.to_thread(read_page, page, source, timezone, catalog)
        if self.processes is None:
            self.processes = self._spare()
            if self.processes == 0:  # the machine is busy: a pool would only add copying
                return await asyncio.to_thread(read_page, page, source, timezone, catalog)
        if self.pool is None:
            self.processes = min(self.processes, READ_SLOTS)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["crawler.reader_preload"])  # the reader, warmed
            self.pool = ProcessPoolExecutor(self.processes, mp_context=context, initializer=start_reader)
            if self.budget is not None:
                self.budget.share_with_readers(self.processes)
        selectors = selectors_for(source, page.url, catalog)  # plain values: no configuration there
        try:
            read = self.pool.submit(read_plain_page, page, selectors, timezone, source.country)
            return await asyncio.wrap_future(read)
        except BrokenProcessPool:  # a pool process died (out of memory?): read here from now on
            self.close()
            self.processes = 0
            if self.budget is not None:
                self.budget.share_with_readers(0)
            return await asyncio.to_thread(read_page, page, source, timezone, catalog)

    def _spare(self) -> int:
        """Cores left idle while the first pages were read here; the load average where the
        machine does not say (not Linux)."""
        now = cpu_times()
        if self.started is None or now is None:
            return spare_cores()
        return spare_idle_cores(idle_cores(self.started, now, os.cpu_count() or 1), _cores())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
