"""The reactor runner lives in crawler/reactor.py (workers use it without the CLI)."""

from crawler.reactor import ASYNCIO_REACTOR, run_on_reactor

__all__ = ["ASYNCIO_REACTOR", "run_on_reactor"]
