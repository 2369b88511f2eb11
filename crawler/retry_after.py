"""Retry-After on 429/503: honoured up to a cap; beyond it the source waits until then.

Scrapy's RetryMiddleware retries a 503 at once, whatever the site asked (three requests in 40 s
to a site that said "Retry-After: 3600"). Here a wait up to RETRY_AFTER_CAP_S is slept before
the retry; a longer one ends the source's crawl with a recorded error, and the run's
``finish_reason`` holds ``retry-after until <UTC time>``: the next crawls skip the source until
then (``skip_until``), and ``status`` shows it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

# Waited inside a crawl: longer than a normal retry pause, short against a crawl's 30 minutes.
RETRY_AFTER_CAP_S = 60.0
_CODES = (429, 503)


class SiteAskedToWait(IgnoreRequest):
    """The site asked for a pause longer than the cap: the source's crawl stops here."""


def retry_after_seconds(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 10**9))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that reads Retry-After on 429 and 503."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        raw = response.headers.get(b"Retry-After")
        if response.status not in _CODES or raw is None or request.meta.get("dont_retry", False):
            return super().process_response(request, response)
        now = datetime.now(UTC)
        text = raw.decode("latin-1")
        wait = retry_after_seconds(text, now)
        if wait is None:
            return super().process_response(request, response)
        if wait > RETRY_AFTER_CAP_S:
            until = now + timedelta(seconds=wait)
            self._pause_source(until)  # recorded as skip_reason(until) by the runner
            raise SiteAskedToWait(
                f"HTTP {response.status} (Retry-After {text}): the site asks for a pause of {_human(wait)}, longer "
                f"than {RETRY_AFTER_CAP_S:g} s; source skipped until {until.isoformat(timespec='seconds')}"
            )
        retry = self._retry(request, f"HTTP {response.status}, Retry-After {text}")
        if retry is None:
            return response
        await asyncio.sleep(wait)
        return retry

    def _pause_source(self, until: datetime) -> None:
        spider = self.crawler.spider
        tally = getattr(spider, "tally", None)
        if tally is not None and (tally.skip_until is None or until > tally.skip_until):
            tally.skip_until = until
        engine = self.crawler.engine
        if engine is not None and not getattr(self, "_closing", None):
            self._closing = asyncio.ensure_future(engine.close_spider_async(reason="retry_after"))


def _human(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:g} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
