"""A crawl that failed or found nothing exits 1 and `status` flags it with the reason after one run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from demo.sample_config import EXPECTED_TITLES, sample_config
from demo.site import SampleSite
from tests.cli.conftest import budgetwatch, write_config

EMPTY_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>\xeb\xb9\x9b\xea\xb3\xa0\xec\x9d\x84\xeb\x89\xb4\xec\x8a\xa4</title>
<link>http://example.org/</link><description>empty</description></channel></rss>"""


def one_source(site: SampleSite, database: str, name: str, **changes: Any) -> dict[str, Any]:
    data = sample_config(site.base_url, database)
    source = next(s for s in data["sources"] if s["name"] == name)
    source.update(changes)
    data["sources"] = [source]
    return data


def status_of(config: Path, name: str) -> dict[str, Any]:
    shown = budgetwatch("--config", str(config), "status", "--json")
    assert shown.returncode == 0, shown.stderr
    return next(s for s in json.loads(shown.stdout)["sources"] if s["name"] == name)


def test_a_selector_that_matches_nothing_fails_the_crawl_and_is_flagged_at_once(
    site: SampleSite, tmp_path: Path, database_url: str
) -> None:
    config = write_config(tmp_path / "bw.yaml", one_source(site, database_url, "naju-press", links="td.subject a"))
    result = budgetwatch("--config", str(config), "crawl")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "naju-press found nothing" in result.stderr
    assert "td.subject a" in result.stderr
    flagged = status_of(config, "naju-press")
    assert "found-nothing" in flagged["flags"]
    assert "td.subject a" in flagged["reason"]
    text = budgetwatch("--config", str(config), "status").stdout
    assert "FLAGGED: found-nothing (" in text and "td.subject a" in text


def test_an_empty_feed_and_articles_that_all_fail_are_found_nothing(
    site: SampleSite, tmp_path: Path, database_url: str
) -> None:
    config = write_config(tmp_path / "bw.yaml", one_source(site, database_url, "bitgoeul-news"))
    site.override("/news/rss.xml", EMPTY_FEED)
    empty = budgetwatch("--config", str(config), "crawl")
    assert empty.returncode == 1, empty.stdout + empty.stderr
    # An empty channel is read as "not a readable feed" by crawler/discovery.py: failed, not empty.
    assert "bitgoeul-news failed:" in empty.stderr or "bitgoeul-news found nothing:" in empty.stderr
    flagged = status_of(config, "bitgoeul-news")
    assert flagged["flags"] and "rss.xml" in flagged["reason"]

    site.override("/news/rss.xml", None)
    for target in [p for p in EXPECTED_TITLES if p.startswith("/news/")]:
        site.remove(target)
    gone = budgetwatch("--config", str(config), "crawl")
    assert gone.returncode == 1, gone.stdout + gone.stderr
    assert "bitgoeul-news found nothing:" in gone.stderr and "404" in gone.stderr


def test_a_healthy_crawl_and_its_rerun_exit_0_and_raise_no_flag(
    site: SampleSite, tmp_path: Path, database_url: str
) -> None:
    config = write_config(tmp_path / "bw.yaml", one_source(site, database_url, "solmoe-news"))
    for _ in range(2):  # the rerun finds only stored articles: that is not "found nothing"
        result = budgetwatch("--config", str(config), "crawl")
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith("solmoe-news: ok")
    assert status_of(config, "solmoe-news")["flags"] == []


def test_a_source_whose_feed_cannot_be_read_is_flagged_failed_after_one_run(
    site: SampleSite, tmp_path: Path, database_url: str
) -> None:
    config = write_config(tmp_path / "bw.yaml", one_source(site, database_url, "solmoe-news"))
    site.remove("/county/sitemap.xml")
    result = budgetwatch("--config", str(config), "crawl")
    assert result.returncode == 1
    assert "solmoe-news failed:" in result.stderr
    flagged = status_of(config, "solmoe-news")
    assert flagged["flags"] == ["failed"] and "sitemap.xml" in flagged["reason"]
