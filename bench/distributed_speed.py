"""Sources crawled per minute by 1, 2 and 4 `budgetwatch worker` processes (real broker, PostgreSQL).

    python -m bench.distributed_speed [--sources 16] [--delay 0.2] [--broker amqp://...] [--pg URL]

Every source is a board of 5 articles on one 127.0.0.1 server that answers each page after
``--delay`` seconds. Each worker runs one crawl at a time (--concurrency 1); the clock runs
from the enqueue of all sources, with the workers already up, to the last finished crawl run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import yaml
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from bench.boards import Boards, boards_config
from store.db import make_engine, upgrade_schema
from store.models import CrawlRun
from workers.app import CRAWL_TASK, make_app

ROOT = Path(__file__).resolve().parents[1]


def finished_runs(url: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(CrawlRun).where(CrawlRun.status != "running"))
    engine.dispose()
    return int(count or 0)


def wait_ready(app: object, workers: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(app.control.ping(timeout=1.0)) < workers:  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            raise RuntimeError(f"{workers} workers did not come up")


def measure(workers: int, sources: int, delay: float, broker: str, pg: str) -> float:
    """Seconds for ``workers`` processes to crawl ``sources`` boards once."""
    schema = f"bw_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
    queue = f"bw-bench-{uuid.uuid4().hex[:8]}"
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    app = make_app(broker, queue)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with Boards(sources, articles=5, delay=delay) as boards, tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "c.yaml"
            config.write_text(yaml.safe_dump(boards_config(boards.base_url, url, sources), allow_unicode=True))
            argv = [sys.executable, "-m", "cli.main", "--config", str(config), "worker", "--concurrency", "1",
                    "--broker", broker, "--queue", queue, "--log-level", "WARNING"]  # fmt: skip
            procs = [subprocess.Popen(argv, cwd=ROOT, stderr=subprocess.DEVNULL) for _ in range(workers)]
            wait_ready(app, workers)
            began = time.monotonic()
            for i in range(sources):
                app.send_task(CRAWL_TASK, args=[f"board-{i:03d}", "bench"], queue=queue)
            while finished_runs(url) < sources:
                time.sleep(0.2)
            return time.monotonic() - began
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(60)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
        app.close()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(f"{args.sources} sources x 6 pages (1 list + 5 articles), each page after {args.delay * 1000:.0f} ms")
    base: float | None = None
    for workers in (1, 2, 4):
        seconds = measure(workers, args.sources, args.delay, args.broker, args.pg)
        rate = args.sources / seconds * 60
        base = base or rate
        print(f"{workers} worker(s): {seconds:6.1f} s, {rate:5.1f} sources/min, x{rate / base:.2f} of one worker")


if __name__ == "__main__":
    main()
