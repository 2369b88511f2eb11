"""CPU per crawl in a `budgetwatch worker` (a fork of its zygote) against a process per crawl.

    python -m bench.worker_cpu [--sources 8] [--runs 3] [--broker amqp://...] [--pg URL]

Both crawl the same boards of 5 articles on 127.0.0.1 into PostgreSQL. The worker's figure is
the CPU of each forked crawl process (wait4), as its `crawl_task_done` line reports; the peer is
`budgetwatch crawl SOURCE` started as a fresh process per crawl (what workers did before),
measured the same way, in this process. Medians over all crawls of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text

from bench.boards import Boards, boards_config
from store.db import make_engine, upgrade_schema
from workers.app import CRAWL_TASK, make_app

ROOT = Path(__file__).resolve().parents[1]


def fresh_schema(pg: str) -> tuple[str, str]:
    schema = f"bw_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(pg).begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    return schema, url


def drop_schema(pg: str, schema: str) -> None:
    with create_engine(pg).begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def worker_crawls(sources: int, broker: str, pg: str) -> list[float]:
    """CPU seconds of each crawl a worker (concurrency 1) forked from its zygote."""
    schema, url = fresh_schema(pg)
    queue = f"bw-bench-{uuid.uuid4().hex[:8]}"
    app = make_app(broker, queue)
    try:
        with Boards(sources, articles=5) as boards, tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "c.yaml"
            config.write_text(yaml.safe_dump(boards_config(boards.base_url, url, sources), allow_unicode=True))
            log = Path(tmp) / "worker.log"
            argv = [sys.executable, "-m", "cli.main", "--config", str(config), "worker", "--concurrency", "1",
                    "--broker", broker, "--queue", queue]  # fmt: skip
            with log.open("wb") as sink:
                proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sink)
                try:
                    for i in range(sources):
                        app.send_task(CRAWL_TASK, args=[f"board-{i:03d}", "bench"], queue=queue)
                    cpu = _wait_done(log, sources)
                finally:
                    proc.terminate()
                    proc.wait(60)
            return cpu
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
        app.close()
        drop_schema(pg, schema)


def _wait_done(log: Path, count: int, timeout: float = 300) -> list[float]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [line for line in log.read_text(errors="replace").splitlines() if "event=crawl_task_done" in line]
        if len(done) >= count:
            return [
                float(field.split("=", 1)[1]) for line in done for field in line.split() if field.startswith("cpu_s=")
            ]
        time.sleep(0.2)
    raise RuntimeError(f"the worker did not finish {count} crawls; its log:\n{log.read_text(errors='replace')}")


def process_crawls(sources: int, pg: str) -> list[float]:
    """CPU seconds of `budgetwatch crawl SOURCE` run as a fresh process per crawl."""
    schema, url = fresh_schema(pg)
    cpu: list[float] = []
    try:
        with Boards(sources, articles=5) as boards, tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "c.yaml"
            config.write_text(yaml.safe_dump(boards_config(boards.base_url, url, sources), allow_unicode=True))
            for i in range(sources):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run([sys.executable, "-m", "cli.main", "--config", str(config), "crawl", f"board-{i:03d}"],
                               cwd=ROOT, check=True, capture_output=True)  # fmt: skip
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    finally:
        drop_schema(pg, schema)
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--broker", default=os.environ.get("BUDGETWATCH_BROKER", "amqp://guest:guest@127.0.0.1:5672//"))
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    forked: list[float] = []
    fresh: list[float] = []
    for _ in range(args.runs):
        forked += worker_crawls(args.sources, args.broker, args.pg)
        fresh += process_crawls(args.sources, args.pg)
    print(json.dumps({"crawls": len(forked), "pages_per_crawl": 6}))
    print(f"worker, a fork of its zygote per crawl: median {statistics.median(forked):.3f} CPU-s per crawl "
          f"(min {min(forked):.3f}, max {max(forked):.3f})")  # fmt: skip
    print(f"a fresh `budgetwatch crawl` process per crawl: median {statistics.median(fresh):.3f} CPU-s per crawl "
          f"(min {min(fresh):.3f}, max {max(fresh):.3f})")  # fmt: skip


if __name__ == "__main__":
    main()
