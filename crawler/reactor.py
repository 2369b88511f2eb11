"""Run one coroutine on Twisted's asyncio reactor, which Scrapy needs, and return its result."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


def run_on_reactor(make: Callable[[], Awaitable[T]]) -> T:
    """Install the asyncio reactor (it must come before anything imports the default one), run
    ``make()`` to completion, stop the reactor and return the result or raise its exception."""
    from scrapy.utils.reactor import install_reactor

    install_reactor(ASYNCIO_REACTOR)
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted's reactor module object is typed as interfaces only

    outcome: dict[str, Any] = {}

    async def main() -> None:
        try:
            outcome["value"] = await make()
        except BaseException as exc:  # handed back to the caller after the reactor stops
            outcome["error"] = exc

    def start() -> None:
        deferred = deferred_from_coro(main())
        deferred.addBoth(lambda _: reactor.stop())

    reactor.callWhenRunning(start)
    reactor.run(installSignalHandlers=True)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]
