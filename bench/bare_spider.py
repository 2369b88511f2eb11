"""The baseline: a bare Scrapy spider that fetches a given list of URLs and parses nothing.

Run as `python -m bench.bare_spider URLFILE SETTINGS.json`; prints pages and seconds as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Request, Response


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.pages = 0

    async def start(self) -> AsyncIterator[Request]:
        for url in self.urls:
            yield Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response) -> None:
        self.pages += 1


def main() -> None:
    urls = Path(sys.argv[1]).read_text(encoding="utf-8").split()
    settings = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    settings.pop("ITEM_PIPELINES", None)
    settings.pop("DOWNLOADER_MIDDLEWARES", None)  # the private-address guard needs a source; the bench is local
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, urls=urls)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    seconds = (stats["finish_time"] - stats["start_time"]).total_seconds()
    spider = crawler.spider
    pages = spider.pages if isinstance(spider, BareSpider) else 0
    print(json.dumps({"pages": pages, "seconds": seconds}))


if __name__ == "__main__":
    main()
