"""Scrapy's URL length limit, said out loud: a URL that is too long is an error of the run.

Scrapy's UrlLengthMiddleware drops such a request with an INFO log line only, so a source whose
URL or article links pass 2,083 characters (URLLENGTH_LIMIT, the old browser limit) crawled
"ok, errors 0" and fetched nothing.
"""

from __future__ import annotations

from scrapy.http import Request, Response
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware

_SHOWN = 120  # characters of a long URL kept in the message


class RecordedUrlLength(UrlLengthMiddleware):
    """UrlLengthMiddleware that records the dropped URL in the spider's tally."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        kept = super().get_processed_request(request, response)
        if kept is None:
            spider = self.crawler.spider
            tally = getattr(spider, "tally", None)
            if tally is not None:
                shown = request.url if len(request.url) <= _SHOWN else request.url[:_SHOWN] + "…"
                tally.error(f"{shown}: URL of {len(request.url)} characters, longer than {self.maxlength}: not fetched")
                if request.meta.get("listing") and response is None:
                    tally.listing_failed = True  # the source's own URL
        return kept
