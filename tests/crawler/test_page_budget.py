"""The page budget: fetches hold at most its bytes at once, wait their turn in the order they asked,
one page fits alone however large, and bytes never given back slow crawls but cannot stop them."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Coroutine
from typing import TypeVar

from crawler.page_budget import PageBudget, Reservation

T = TypeVar("T")


def run(scenario: Coroutine[object, object, T]) -> T:
    return asyncio.run(asyncio.wait_for(scenario, 10))


def test_fetches_within_the_budget_go_at_once_and_give_their_bytes_back() -> None:
    async def scenario() -> None:
        budget = PageBudget(100)
        a, b = await budget.reserve(60), await budget.reserve(40)
        assert budget.held == 100
        a.release()
        a.release()  # twice: once given back
        assert budget.held == 40 and not a.live and b.live

    run(scenario())


def test_a_fetch_that_does_not_fit_waits_and_later_ones_wait_behind_it() -> None:
    async def scenario() -> list[str]:
        budget = PageBudget(100)
        first = await budget.reserve(90)
        got: list[str] = []

        async def fetch(name: str, size: int) -> Reservation:
            held = await budget.reserve(size)
            got.append(name)
            return held

        big = asyncio.create_task(fetch("big", 50))
        await asyncio.sleep(0)
        small = asyncio.create_task(fetch("small", 0))  # would fit, but asked after the big one
        await asyncio.sleep(0.05)
        assert got == [] and budget.held == 90
        first.release()
        await asyncio.gather(big, small)
        assert budget.held == 50 and budget.peak == 90
        return got

    assert run(scenario()) == ["big", "small"]


def test_one_page_fits_alone_however_large() -> None:
    async def scenario() -> None:
        budget = PageBudget(10)
        huge = await budget.reserve(500)
        assert budget.held == 500
        assert huge.resize(800)  # alone: it may grow
        waiting = asyncio.create_task(budget.reserve(1))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        huge.release()
        assert (await waiting).size == 1

    run(scenario())


def test_growing_past_the_budget_is_refused_while_others_hold_bytes() -> None:
    async def scenario() -> None:
        budget = PageBudget(100)
        a, b = await budget.reserve(30), await budget.reserve(0)
        assert b.resize(70)
        assert not b.resize(71)  # a holds 30: 101 would not fit
        assert b.size == 70 and budget.held == 100
        assert b.resize(90, force=True)  # the bytes are here: counted whatever the budget
        assert budget.held == 120
        waiting = asyncio.create_task(budget.reserve(10))
        await asyncio.sleep(0)
        assert b.resize(5)  # shrinking lets the waiting fetch in
        await waiting
        assert budget.held == 30 + 5 + 10
        a.release()

    run(scenario())


def test_a_reservation_nobody_refers_to_gives_its_bytes_back() -> None:
    async def scenario() -> None:
        budget = PageBudget(100)
        held: Reservation | None = await budget.reserve(100)
        waiting = asyncio.create_task(budget.reserve(50))
        await asyncio.sleep(0)
        del held  # the fetch's request is gone (read and stored, or dropped)
        gc.collect()
        assert (await waiting).size == 50
        assert budget.held == 50

    run(scenario())


def test_bytes_never_given_back_hold_a_fetch_for_max_wait_only() -> None:
    async def scenario() -> None:
        budget = PageBudget(100, max_wait=0.1)
        leaked = await budget.reserve(100)
        late = await asyncio.wait_for(budget.reserve(10), 2)
        assert late.size == 10 and budget.held == 110 and leaked.live

    run(scenario())


def test_a_fetch_cancelled_while_waiting_takes_nothing() -> None:
    async def scenario() -> None:
        budget = PageBudget(100)
        first = await budget.reserve(100)
        cancelled = asyncio.create_task(budget.reserve(60))
        after = asyncio.create_task(budget.reserve(60))
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.sleep(0)
        first.release()
        assert (await after).size == 60
        assert budget.held == 60

    run(scenario())


def test_bytes_given_back_in_another_thread_are_counted_by_the_loop_and_wake_a_waiter() -> None:
    """A finalizer run in another thread (a collection started by the read pool's threads) leaves
    ``held`` to the loop's thread: counted there at once, ``held -= n`` in two threads loses one
    of the updates, and bytes never given back hold every later fetch for ``max_wait``."""

    async def scenario() -> None:
        budget = PageBudget(100)
        gone, kept = await budget.reserve(100), await budget.reserve(0)
        waiting = asyncio.create_task(budget.reserve(60))
        await asyncio.sleep(0)
        counted: list[int] = []

        def finalize_elsewhere() -> None:
            gone.release()
            counted.append(budget.held)  # what this thread saw right after giving back

        elsewhere = threading.Thread(target=finalize_elsewhere)
        elsewhere.start()
        elsewhere.join()  # the loop is blocked meanwhile: the count can only be the thread's
        assert counted == [100] and budget.held == 100 and not gone.live  # left to the loop
        assert (await waiting).size == 60
        assert budget.held == 60 and kept.live

    run(scenario())


def test_a_page_whose_item_is_done_gives_its_bytes_back_though_its_request_lives_on() -> None:
    """A request can sit in a reference cycle; a crawl that reads in the pool runs the collector
    rarely, and bytes waiting for it held every later fetch for ``max_wait``."""
    from scrapy import Request, signals
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from crawler.budget_gate import RESERVATION_META, PageBudgetGate

    async def scenario() -> None:
        crawler = get_crawler(settings_dict={"BUDGETWATCH_PAGE_BUDGET": 100})
        gate = PageBudgetGate.from_crawler(crawler)
        budget = gate.budget
        pages = [Request(f"http://127.0.0.1/{n}") for n in range(3)]
        for request in pages:
            await gate.process_request(request)
            request.meta[RESERVATION_META].resize(30)
        responses = [HtmlResponse(r.url, body=b"<html></html>", request=r) for r in pages]
        assert budget.held == 90
        crawler.signals.send_catch_log(signals.item_scraped, item={}, response=responses[0], spider=None)
        crawler.signals.send_catch_log(signals.item_dropped, item={}, response=responses[1], spider=None,
                                       exception=ValueError())  # fmt: skip
        assert budget.held == 30 and pages[2].meta[RESERVATION_META].live  # the third is not done yet

    run(scenario())
