"""Crawl speed: budgetwatch's whole pipeline against a bare Scrapy spider fetching the same URLs.

`make bench` runs it. Two sites on 127.0.0.1: the demo's sample sites and a generated board of
2,000 articles. Each crawl starts on an empty SQLite database, in its own process, with the same
Scrapy settings for both (robots.txt, AutoThrottle, 2 requests per site). Prints medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.bigsite import PER_PAGE, BigSite
from config.load import load_config
from crawler.settings import build_settings, source_settings
from demo.sample_config import sample_config
from demo.site import SampleSite
from store.db import make_engine
from store.models import CrawlRun

ROOT = Path(__file__).resolve().parents[1]


def big_config(base: str, database: str, articles: int) -> dict[str, Any]:
    return {
        "database": database,
        "sources": [
            {
                "name": "big-board",
                "org": "빛고을시",
                "kind": "listing",
                "url": f"{base}/list?page=1",
                "links": "td.title a",
                "next_page": "a.next",
                "max_pages": articles // PER_PAGE + 1,
                "max_articles": articles,
                "article": {"title": "table.view tr:nth-child(1) td", "body": "div.view_cont"},
                "allow_private": True,
                "delay": 0,
            }
        ],
    }


def run_budgetwatch(config_path: Path, database: str) -> tuple[int, float]:
    subprocess.run(
        [sys.executable, "-m", "cli.main", "--config", str(config_path), "crawl"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    engine = make_engine(database)
    with Session(engine) as session:
        pages, start, end = session.execute(
            select(func.sum(CrawlRun.pages), func.min(CrawlRun.started_at), func.max(CrawlRun.finished_at))
        ).one()
    engine.dispose()
    if start is None or end is None:
        raise RuntimeError(f"{database}: the crawl recorded no finished run")
    return int(pages), (end - start).total_seconds()


def run_bare(urls: list[str], settings: dict[str, Any], workdir: Path) -> tuple[int, float]:
    (workdir / "urls.txt").write_text("\n".join(urls), encoding="utf-8")
    (workdir / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "bench.bare_spider", str(workdir / "urls.txt"), str(workdir / "settings.json")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return int(result["pages"]), float(result["seconds"])


def measure(
    name: str,
    make_site: Callable[[], AbstractContextManager[Any]],
    make_config: Callable[[str, str], dict[str, Any]],
    repeats: int,
) -> None:
    ours: list[float] = []
    bare: list[float] = []
    pages_seen = 0
    for attempt in range(repeats):
        with tempfile.TemporaryDirectory() as tmp, make_site() as site:
            workdir = Path(tmp)
            database = f"sqlite:///{workdir}/bench.sqlite"
            config_path = workdir / "c.yaml"
            config_path.write_text(yaml.safe_dump(make_config(site.base_url, database), allow_unicode=True))
            pages, seconds = run_budgetwatch(config_path, database)
            ours.append(pages / seconds)
            pages_seen = pages
            urls = [site.base_url + p for p in site_requests(site) if p != "/robots.txt"]
            config = load_config(config_path)
            settings = source_settings(build_settings(config), config.sources[0])
            bare_pages, bare_seconds = run_bare(urls, settings, workdir)
            bare.append(bare_pages / bare_seconds)
            print(
                f"  {name} run {attempt + 1}: budgetwatch {pages} pages in {seconds:.2f}s, "
                f"bare {bare_pages} pages in {bare_seconds:.2f}s",
                file=sys.stderr,
            )
    o, b = statistics.median(ours), statistics.median(bare)
    print(
        f"{name:<22} pages {pages_seen:>5}  budgetwatch {o:7.1f} pages/s  bare scrapy {b:7.1f} pages/s  "
        f"ratio {o / b:.2f}"
    )


def site_requests(site: Any) -> list[str]:
    return list(site.requests)


class RecordingBigSite(BigSite):
    """BigSite that lists the URLs a crawl would fetch (every list page and article)."""

    @property
    def requests(self) -> list[str]:
        pages = (self.articles + PER_PAGE - 1) // PER_PAGE
        return [f"/list?page={p}" for p in range(1, pages + 1)] + [f"/a/{i}.html" for i in range(self.articles)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    print(f"crawl speed, median of {args.repeats} runs (2 requests per site, AutoThrottle on, robots.txt obeyed)")
    measure("demo sample sites", SampleSite, sample_config, args.repeats)
    measure(
        f"generated board {args.articles}",
        lambda: RecordingBigSite(args.articles),
        lambda base, db: big_config(base, db, args.articles),
        args.repeats,
    )


if __name__ == "__main__":
    main()
