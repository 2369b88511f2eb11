"""The worker's side of its zygote (workers/zygote.py): send crawl orders, wait for their ends."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import IO

from config.logfmt import log_event

EXIT_KILLED = -9


@dataclass(frozen=True)
class CrawlExit:
    code: int  # the crawl's exit code; negative: killed by that signal
    summary: str  # its summary line, empty when it printed none
    cpu_s: float = 0.0  # CPU seconds the crawl's process used


class ZygoteClient:
    """One zygote per worker, started once; thread-safe (a call per Celery thread). A zygote that
    dies fails the crawls it was running (as killed) and is started again for the next one."""

    def __init__(self, config_path: str | None, database: str | None, *, stderr: IO[bytes] | None = None) -> None:
        self.stderr = stderr  # where the zygote and its crawls write (default: the worker's stderr)
        self.argv = [sys.executable, "-m", "workers.zygote", str(os.getpid()), config_path or "", database or ""]
        self.lock = threading.Lock()
        self.ids = itertools.count(1)
        self.waiting: dict[int, tuple[subprocess.Popen[bytes], Future[CrawlExit]]] = {}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the zygote and wait until it imported everything and checked the schema."""
        with self.lock:
            self._ensure_running()

    def _ensure_running(self) -> subprocess.Popen[bytes]:
        if self.process is not None and self.process.poll() is None:
            return self.process
        process = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        assert process.stdout is not None
        ready = process.stdout.readline()
        if not ready:
            raise RuntimeError(f"the crawl zygote exited at start with code {process.wait()}")
        self.process = process
        threading.Thread(target=self._read_replies, args=(process,), name="zygote-replies", daemon=True).start()
        log_event("zygote_ready", pid=process.pid)
        return process

    def _read_replies(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            reply = json.loads(line)
            with self.lock:
                _, future = self.waiting.pop(int(reply["id"]), (process, None))
            if future is not None:
                future.set_result(CrawlExit(int(reply["code"]), str(reply["summary"]), float(reply["cpu_s"])))
        with self.lock:  # the zygote is gone: its running crawls died with it (not a new zygote's)
            lost = [order for order, (owner, _) in self.waiting.items() if owner is process]
            futures = [self.waiting.pop(order)[1] for order in lost]
        for future in futures:
            future.set_result(CrawlExit(EXIT_KILLED, ""))

    def crawl(self, source: str, timeout: float) -> CrawlExit:
        """Fork a crawl of ``source`` and wait for its end (at most ``timeout`` seconds)."""
        future: Future[CrawlExit] = Future()
        with self.lock:
            process = self._ensure_running()
            order_id = next(self.ids)
            self.waiting[order_id] = (process, future)
            assert process.stdin is not None
            line = json.dumps({"id": order_id, "source": source, "timeout": timeout}) + "\n"
            process.stdin.write(line.encode("utf-8"))
            process.stdin.flush()
        return future.result()

    def close(self) -> None:
        with self.lock:
            process, self.process = self.process, None
        if process is not None and process.stdin is not None:
            process.stdin.close()  # the zygote exits once its running crawls are done
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
