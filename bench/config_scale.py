"""Config loading and `status` with many sources: seconds for N and 2N sources (linear: ~2x).

The issue-16 probe: a 9 MB configuration with 120,000 sources made `status` run past 2 minutes
at 1.6 GB; 5,000 sources took 5.3 s.

Run: .venv/bin/python -m bench.config_scale [--sources 5000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

from config.load import load_config
from crawler.known import source_rows
from scheduling.status import source_statuses
from store.db import make_engine, upgrade_schema
from store.records import RunTally
from store.runs import finish_run, start_run, sync_sources


def write_config(path: Path, count: int, database: str) -> Path:
    sources = [
        {"name": f"src-{i}", "org": f"시험군 {i % 50}", "kind": "rss", "url": f"https://news{i}.example.kr/rss",
         "schedule": "every 30 minutes" if i % 2 else "0 */2 * * *"}
        for i in range(count)
    ]  # fmt: skip
    path.write_text(yaml.safe_dump({"database": database, "sources": sources}, allow_unicode=True), encoding="utf-8")
    return path


def measure(count: int, directory: Path) -> tuple[float, float, float]:
    """(config MB, seconds to load the config, seconds for the status of every source)."""
    database = f"sqlite:///{directory}/bw-{count}.sqlite"
    path = write_config(directory / f"c-{count}.yaml", count, database)
    started = time.perf_counter()
    config = load_config(path)
    loaded = time.perf_counter() - started
    engine = make_engine(database)
    upgrade_schema(engine)
    now = datetime.now(UTC)
    ids = sync_sources(engine, source_rows(config.sources), now)
    for name in list(ids)[: count // 2]:  # half the sources crawled once
        run = start_run(engine, ids[name], now)
        finish_run(engine, run, RunTally(pages=3, new_items=1), status="ok", reason="finished", now=now)
    started = time.perf_counter()
    statuses = source_statuses(config, engine, now)
    status = time.perf_counter() - started
    assert len(statuses) == count
    engine.dispose()
    return path.stat().st_size / 1_048_576, loaded, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=5_000)
    n = parser.parse_args().sources
    with tempfile.TemporaryDirectory() as tmp:
        for count in (n, 2 * n):
            size, loaded, status = measure(count, Path(tmp))
            print(f"{count:7,} sources ({size:.1f} MB config): load {loaded:.2f} s, status {status:.2f} s")


if __name__ == "__main__":
    main()
