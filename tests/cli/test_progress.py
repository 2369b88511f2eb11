"""The progress line a terminal shows during a crawl: per source pages fetched and articles found."""

from __future__ import annotations

import pytest

from cli.crawl_cmd import progress_line
from crawler.tally import CrawlTally


def test_progress_names_each_source_with_pages_and_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    tallies = {"naju-press": CrawlTally(pages=4, new_items=2, skipped_known=1), "bitgoeul-news": CrawlTally(pages=1)}
    assert progress_line(tallies) == (
        "crawling naju-press: 4 pages, 3 articles (2 new); bitgoeul-news: 1 pages, 0 articles (0 new)"
    )
    monkeypatch.setenv("COLUMNS", "40")
    assert len(progress_line(tallies)) == 39  # never wraps: a wrapped line cannot be redrawn in place
