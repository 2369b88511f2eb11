"""Pages go from reading to storing in the order they were fetched, whichever read ends first.

Two pages are read at once (read_slots), and a short page read second can finish first. Stored
out of order, a figure would be compared with a different "figure said last before it" than in
a crawl that stored in order, so a crawl restarted after a crash would record other amount
changes than one never interrupted (tests/crawler/test_crash_batches.py). Each page takes a
ticket when its reading starts; storing takes them in turn, and a dropped page gives its up."""

from __future__ import annotations

import asyncio


class HandOff:
    """Tickets in fetch order; ``turn`` waits until every earlier ticket was stored or dropped."""

    def __init__(self) -> None:
        self.issued = 0
        self.next = 0  # the ticket whose turn it is
        self.given_up: set[int] = set()
        self.moved = asyncio.Condition()

    def take(self) -> int:
        ticket = self.issued
        self.issued += 1
        return ticket

    async def turn(self, ticket: int) -> None:
        async with self.moved:
            await self.moved.wait_for(lambda: self.next >= ticket)

    async def done(self, ticket: int) -> None:
        """``ticket`` was handed on (stored, queued to store, or dropped): the next one may go."""
        async with self.moved:
            if ticket < self.next:  # already handed on
                return
            self.given_up.add(ticket)
            while self.next in self.given_up:
                self.given_up.discard(self.next)
                self.next += 1
            self.moved.notify_all()
