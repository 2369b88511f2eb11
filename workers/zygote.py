"""`python -m workers.zygote WORKER_PID`: the process a worker forks its crawls from.

It imports everything a crawl runs and checks the schema once, before any reactor or thread
exists, then forks one child per crawl order read on stdin (JSON lines) and writes each
child's exit code and summary line to stdout. Single-threaded, so forking it is safe; a child
is a fresh process as Scrapy's reactor needs, and its death is only its own.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from config.load import ConfigError, load_config
from crawler.lifeline import die_with_parent
from store.db import make_engine, upgrade_schema
from workers.child import CrawlOrder, Loaded, file_stamp, run_child
from workers.warmup import warm

EXIT_KILLED = -9


@dataclass
class Running:
    order_id: int
    pid: int
    summary_fd: int
    deadline: float
    chunks: list[bytes]


def _exit_code(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


class Zygote:
    def __init__(
        self,
        config_path: str | None,
        database: str | None,
        loaded: Loaded | None,
        *,
        check_schema: bool,
    ) -> None:
        self.loaded = loaded
        self.config_path = config_path
        self.database = database
        self.check_schema = check_schema
        self.selector = selectors.DefaultSelector()
        self.running: dict[int, Running] = {}  # by summary pipe fd
        self.stdin = sys.stdin.buffer
        self.pending = b""

    def start(self, order_id: int, source: str, timeout: float) -> None:
        order = CrawlOrder(source, self.config_path, self.database, self.check_schema)
        read_fd, write_fd = os.pipe()
        zygote = os.getpid()
        pid = os.fork()
        if pid == 0:  # the crawl child: stdout is the worker's reply pipe, so it writes to stderr
            os.close(read_fd)
            self.selector.close()
            os.dup2(2, 1)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.close(null)
            os._exit(run_child(order, write_fd, zygote, self.loaded))
        os.close(write_fd)
        self.running[read_fd] = Running(order_id, pid, read_fd, time.monotonic() + timeout, [])
        self.selector.register(read_fd, selectors.EVENT_READ)

    def finish(self, run: Running, *, killed: bool = False) -> None:
        self.selector.unregister(run.summary_fd)
        os.close(run.summary_fd)
        del self.running[run.summary_fd]
        if killed:
            os.kill(run.pid, signal.SIGKILL)
        _, status, usage = os.wait4(run.pid, 0)
        code = EXIT_KILLED if killed else _exit_code(status)
        summary = b"".join(run.chunks).decode("utf-8", "replace").strip()
        cpu = round(usage.ru_utime + usage.ru_stime, 3)
        reply = {"id": run.order_id, "code": code, "summary": summary, "cpu_s": cpu}
        sys.stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def read_orders(self) -> bool:
        """Start the crawls ordered on stdin; False once the worker closed it."""
        data = os.read(self.stdin.fileno(), 65536)
        if not data:
            return False
        self.pending += data
        while b"\n" in self.pending:
            line, self.pending = self.pending.split(b"\n", 1)
            order = json.loads(line)
            self.start(int(order["id"]), str(order["source"]), float(order["timeout"]))
        return True

    def serve(self) -> None:
        self.selector.register(self.stdin.fileno(), selectors.EVENT_READ)
        sys.stdout.write(json.dumps({"ready": True}) + "\n")
        sys.stdout.flush()
        while True:
            wait = min((r.deadline for r in self.running.values()), default=time.monotonic() + 60) - time.monotonic()
            for key, _ in self.selector.select(max(0.0, wait)):
                if key.fd == self.stdin.fileno():
                    if not self.read_orders():
                        return
                    continue
                run = self.running[key.fd]
                chunk = os.read(key.fd, 65536)
                if chunk:
                    run.chunks.append(chunk)
                else:  # the child closed its end: it is exiting
                    self.finish(run)
            now = time.monotonic()
            for run in [r for r in self.running.values() if r.deadline <= now]:
                self.finish(run, killed=True)


def prepare(config_path: str | None, database: str | None) -> tuple[Loaded | None, bool]:
    """Load the config, warm the crawl up and bring the schema up to date, once for every crawl
    of this worker. The flag is False if the database is down (then each crawl checks it, and
    refuses with exit code 2 while it stays down)."""
    stamp = file_stamp(config_path)
    try:
        config = load_config(Path(config_path) if config_path else None, database=database)
    except ConfigError as exc:  # each crawl reports it
        print(f"budgetwatch: {exc}", file=sys.stderr)
        return None, False
    engine = make_engine(config.database)
    try:
        upgrade_schema(engine)
    except Exception as exc:  # noqa: BLE001 - reported by each crawl, one line each
        engine.dispose()
        print(f"budgetwatch: schema check at worker start: {type(exc).__name__}: {exc}", file=sys.stderr)
        warm(config)
        return Loaded(config, stamp), False
    warm(config, engine)
    engine.dispose()  # no connection crosses a fork; the dialect stays set up
    return Loaded(config, stamp, engine), True


def main() -> None:
    worker_pid = int(sys.argv[1])
    config_path = sys.argv[2] or None
    database = sys.argv[3] or None
    die_with_parent(worker_pid)
    loaded, checked = prepare(config_path, database)
    # What the zygote holds now is shared by every fork; kept out of the collector's sweeps, a
    # child does not write to (and so copy) those pages.
    gc.collect()
    gc.freeze()
    Zygote(config_path, database, loaded, check_schema=not checked).serve()


if __name__ == "__main__":
    main()
