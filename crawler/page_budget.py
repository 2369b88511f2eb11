"""The bytes of fetched pages a crawl process holds at once: one budget every fetch reserves from.

Each source's crawler keeps the pages it fetched until they are read and stored, and fetches two
at a time; over many sources at once, 9 MB pages added up past any bound (8 sources of 3 such
pages peaked at 344 MB). A fetch reserves from one budget per process (crawler/budget_gate.py)
what its Content-Length announces or what it has received, then what it keeps, until its request
is gone (the page read and stored). A fetch that does not fit waits, first come first served, so
no source waits forever behind the others; one page always fits when no other bytes are held,
however large; and no fetch waits longer than ``max_wait``, so a reservation never given back
(a bug) slows crawls but cannot stop them.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections import deque

logger = logging.getLogger(__name__)

# Longer than any page waits for the pages before it to be read (a 9 MB page of 3,000 amounts
# reads in 1-3 s); a wait this long means bytes were never given back.
MAX_WAIT_S = 120.0


class Reservation:
    """The bytes one fetch holds now; given back by ``release`` or when nothing refers to it."""

    def __init__(self, budget: PageBudget, size: int) -> None:
        self.budget = budget
        self._cell = [size]  # shared with the finalizer, which must not refer to self
        self._finalizer = weakref.finalize(self, budget.give_back, self._cell)
        self._finalizer.atexit = False

    @property
    def size(self) -> int:
        return self._cell[0]

    @property
    def live(self) -> bool:
        return self._finalizer.alive

    def resize(self, size: int, *, force: bool = False) -> bool:
        """Hold ``size`` bytes from now on; False (nothing changes) when that is more than the
        budget has left and other pages hold bytes too, unless ``force`` (the bytes are here)."""
        old = self._cell[0]
        if not self.live or (size > old and not force and not self.budget.fits(size, own=old)):
            return False
        self._cell[0] = size
        self.budget.held += size - old
        if size < old:
            self.budget.wake()
        return True

    def release(self) -> None:
        self._finalizer()


class PageBudget:
    """``limit`` bytes of pages held at once by the fetches of one process (the crawls of one
    SourceCrawler); ``await reserve(n)`` waits its turn for n bytes."""

    def __init__(self, limit: int, *, max_wait: float = MAX_WAIT_S) -> None:
        self.limit = limit
        self.whole = limit  # the configured budget, before the read pool's processes took shares
        self.max_wait = max_wait
        self.held = 0
        self.peak = 0  # the most bytes held at once (after a wait cut short: more than limit)
        self._waiting: deque[tuple[int, asyncio.Future[None]]] = deque()
        self._loop: asyncio.AbstractEventLoop | None = None

    def share_with_readers(self, processes: int) -> None:
        """The read pool's processes count against the budget: each holds a copy of the page it
        reads and what reading builds (~6 times its bytes), so the crawl's own pages keep 1 share
        of 1 + ``processes``. Fetches holding bytes keep them; later ones wait for the smaller
        limit (docs/faults.md: 2 processes, 9 MB pages, the crawl's tree 345 MB with the whole
        budget for its pages)."""
        self.limit = self.whole // (1 + max(0, processes))

    def fits(self, size: int, own: int = 0) -> bool:
        """Whether a fetch holding ``own`` bytes may hold ``size``: within the limit, or alone."""
        others = self.held - own
        return others <= 0 or others + size <= self.limit

    async def reserve(self, size: int) -> Reservation:
        """``size`` bytes (0: a fetch whose size is not known yet), once they fit and every fetch
        that asked before has its bytes; after ``max_wait`` seconds, whether they fit or not."""
        self._loop = asyncio.get_running_loop()
        if not self._waiting and self.fits(size):
            return self._grant(size)
        turn: asyncio.Future[None] = self._loop.create_future()
        self._waiting.append((size, turn))
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.max_wait)
        except TimeoutError:
            if turn.done() and not turn.cancelled():  # granted as the wait ran out
                return Reservation(self, size)
            logger.warning("waited %.0f s for %d bytes of the page budget (%d held): fetched anyway",
                           self.max_wait, size, self.held)  # fmt: skip
            turn.cancel()
            return self._grant(size)
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.held -= size  # granted, but nobody will hold it
            turn.cancel()
            self.wake()
            raise
        return Reservation(self, size)  # wake() counted its bytes already

    def _grant(self, size: int) -> Reservation:
        self.held += size
        self.peak = max(self.peak, self.held)
        return Reservation(self, size)

    def wake(self) -> None:
        """Grant waiting fetches their bytes in the order they asked, while they fit."""
        while self._waiting:
            size, turn = self._waiting[0]
            if turn.done():  # given up (cancelled, or waited too long)
                self._waiting.popleft()
                continue
            if not self.fits(size):
                return
            self._waiting.popleft()
            self.held += size
            self.peak = max(self.peak, self.held)
            turn.set_result(None)

    def give_back(self, cell: list[int]) -> None:
        """A reservation's bytes are free (released, or its fetch is gone). Only the event loop's
        thread counts: a finalizer run in another thread (a collection started there, by the
        read pool's or the storing threads) hands the bytes to the loop, as ``held -= n`` there
        and here at once would lose one of the two updates, and bytes never given back hold every
        later fetch for ``max_wait``."""
        size, cell[0] = cell[0], 0
        loop = self._loop
        if loop is None or loop.is_closed():
            self.held -= size  # no loop runs fetches any more: nobody counts at the same time
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._free(size)
        else:
            loop.call_soon_threadsafe(self._free, size)

    def _free(self, size: int) -> None:
        self.held -= size
        self.wake()
