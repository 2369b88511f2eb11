"""Change detection cost vs. store size: recrawl 100 pages with 10,000 and 100,000 articles stored.

A crawl asks the store only about the links it sees (one indexed query per list page), rechecks
only young articles (index on source and first-seen time) and finds duplicate candidates by
indexed LSH band keys, so the recrawl should cost the same whatever the store holds.
`python -m bench.change_detection` (part of `make bench`). Prints medians of 3 recrawls.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bench.bigsite import BigSite
from bench.crawl_speed import big_config
from config.schema import SourceConfig
from crawler.known import source_rows
from store.db import make_engine, upgrade_schema
from store.models import Article, CrawlRun, SimilarityBand
from store.runs import sync_sources
from store.similarity import BANDS

ROOT = Path(__file__).resolve().parents[1]
BATCH = 5_000


def fill(database: str, source: SourceConfig, count: int) -> float:
    """Store ``count`` old articles (60 days, not due for recheck) with their LSH band rows."""
    engine = make_engine(database)
    upgrade_schema(engine)
    old = datetime.now(UTC) - timedelta(days=60)
    source_id = sync_sources(engine, source_rows([source]), old)[source.name]
    started = time.perf_counter()
    with engine.begin() as conn:
        next_id = 1
        for first in range(0, count, BATCH):
            rows = [
                {"id": next_id + i, "source_id": source_id, "url_key": f"https://old.example.kr/a/{first + i}",
                 "url": f"https://old.example.kr/a/{first + i}", "title": f"기사 {first + i}",
                 "content_hash": f"{first + i:064x}", "current_version": 1, "status": "ok",
                 "first_seen_at": old, "last_fetched_at": old, "last_changed_at": old, "story_id": next_id + i}
                for i in range(min(BATCH, count - first))
            ]  # fmt: skip
            conn.execute(insert(Article), rows)
            bands = [
                {"band_key": f"{b}:{(article_id * 7919 + b) % (1 << 60):016x}", "article_id": article_id}
                for article_id in range(next_id, next_id + len(rows))
                for b in range(BANDS)
            ]
            conn.execute(insert(SimilarityBand), bands)
            next_id += len(rows)
    engine.dispose()
    return time.perf_counter() - started


def crawl_seconds(config: Path, database: str) -> float:
    subprocess.run([sys.executable, "-m", "cli.main", "--config", str(config), "crawl"], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    engine = make_engine(database)
    with Session(engine) as session:
        run = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1)).one()
        assert run.finished_at is not None
        seconds = (run.finished_at - run.started_at).total_seconds()
        pages = run.pages
    engine.dispose()
    print(f"    crawl: {pages} pages in {seconds:.2f}s", file=sys.stderr)
    return seconds


def measure(stored: int, pages: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, BigSite(pages) as site:
        database = f"sqlite:///{tmp}/bench.sqlite"
        data = big_config(site.base_url, database, pages)
        config = Path(tmp) / "c.yaml"
        config.write_text(yaml.safe_dump(data, allow_unicode=True))
        source = SourceConfig.model_validate(data["sources"][0])
        filled = fill(database, source, stored)
        first = crawl_seconds(config, database)  # stores the 100 young articles
        recrawls = [crawl_seconds(config, database) for _ in range(repeats)]  # rechecks all of them
        print(
            f"stored {stored:>7,}  (filled in {filled:5.1f}s)  first crawl of {pages} new {first:5.2f}s  "
            f"recrawl of {pages} pages median {statistics.median(recrawls):5.2f}s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument(
        "--shared-sizes",
        type=int,
        nargs="*",
        default=[10_000, 100_000],
        help="stored articles sharing projects, stories and bands with the new pages",
    )
    args = parser.parse_args()
    if args.shared_sizes:
        from bench.shared_store import measure_shared

        print("storing cost per new page when stored articles share projects, stories and bands")
        for size in args.shared_sizes:
            measure_shared(size)
    print(f"change detection: recrawl of {args.pages} article pages (rechecks), median of {args.repeats}")
    for size in args.sizes:
        measure(size, args.pages, args.repeats)


if __name__ == "__main__":
    main()
