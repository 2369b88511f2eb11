"""What the read pool's fork server holds before it forks a reading process: the reader, warmed.

Importing the reader is not all a reading process needs: its first page loads the statement
model and fills the caches of reading. Built in each reading process, that memory is counted once
per process; built here, once, in the fork server (which imports this module, crawler/read_pool.py),
every reading process shares its pages with the fork server. The objects are then moved out of the
collector's sight (``gc.freeze``): a collection in a reading process would otherwise write to every
object's header and so copy the pages it shares.

The sample is an article of ten paragraphs, long enough that trafilatura does not fall back to
jusText, whose stop words of every language (33 MB) are then built only by a process that reads a
page that needs them: short pages, cheap to read. Built here, they made the crawl tree of 4 sources
of 9 MB pages of 3,000 amounts (which never need them) peak at 305 MB, 267 without (docs/faults.md).
"""

from __future__ import annotations

import gc
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crawler.items import PageItem
from crawler.page_reading import read_plain_page

# An article with one amount, in ten paragraphs: reading it loads the model, not jusText's words.
SAMPLE_HTML = (
    "<html><head><title>예산 편성</title></head><body><h1>예산 편성</h1>"
    + "<p>군은 내년 예산 30억원을 도로 정비에 편성했다고 밝혔다. 군은 내년 도로 정비 계획을 밝혔다.</p>" * 10
    + "</body></html>"
)


def warm_reader() -> None:
    """Read the sample page once, so everything reading builds on first use exists now."""
    page = PageItem("preload", "http://127.0.0.1/preload", "preload", SAMPLE_HTML, "utf-8", datetime.now(UTC))
    read_plain_page(page, None, ZoneInfo("Asia/Seoul"), None)


warm_reader()
gc.collect()
gc.freeze()
