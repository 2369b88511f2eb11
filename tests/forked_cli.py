"""The real `budgetwatch` command (and daemon) in a child process, forked from a process that imported it once.

`python -m cli.main` spends most of a short command's second, and half a crawl's CPU, importing
Scrapy, SQLAlchemy, Alembic, pydantic and the extractors; `python scheduler.py` and a
`budgetwatch worker` the same. A test that starts them dozens of times need not pay that each
time: a fork server (tests/fork_server.py, one per test process) forks a child per order,
which takes its own argv, cwd, environment and stdio, runs `cli.main` (or `scheduler.py`) as
``__main__`` and exits as the interpreter would (threads joined, atexit run, streams flushed).
``run_cli`` (here) waits for such a child as ``subprocess.run`` does; ``spawn`` returns at once a
``ForkedProcess`` (tests/forked_process.py) that tests signal, kill and wait for as a ``Popen``,
and whose stderr they read as it is written. The child is a fresh process for everything a test
looks at: its own pid, exit code, stdout and stderr, no Twisted reactor installed (the server
checks that none was imported), no open database connection, no thread. What it skips is only
the imports, so the tests that are about imports or a process's memory (tests/cli/test_main.py,
tests/faults/memory_crawls.py) start `python -m cli.main` themselves.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVER = Path(__file__).resolve().with_name("fork_server.py")


class ForkServer:
    """One server per test process (each xdist worker has its own), started on first use."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bw-forked-cli-"))
        self.log = self.folder / "server.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(SERVER)], cwd=ROOT, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=log, text=True,
            )  # fmt: skip
        self.changed = threading.Condition()
        self.ready = False
        self.pids: dict[int, int] = {}  # order id -> pid
        self.codes: dict[int, int] = {}  # pid -> exit code
        self.orders = 0
        threading.Thread(target=self._read, daemon=True).start()
        if not self._wait_until(lambda: self.ready, 120, "no ready"):
            raise RuntimeError("the CLI fork server gave no ready:\n" + self.log.read_text(errors="replace"))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.changed:
                if line == "ready\n":
                    self.ready = True
                else:
                    answer = json.loads(line)
                    if "id" in answer:
                        self.pids[answer["id"]] = answer["pid"]
                        self.codes.pop(answer["pid"], None)  # an earlier child's, whose pid was reused
                    else:
                        self.codes[answer["pid"]] = answer["code"]
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def _wait_until(self, test: Callable[[], bool], timeout: float | None, what: str) -> bool:
        """Wait for ``test`` (under the lock); False when ``timeout`` passed; raise if the server died."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.changed:
            while not test():
                if self.proc.poll() is not None:
                    raise RuntimeError(f"the CLI fork server died ({what}):\n" + self.log.read_text(errors="replace"))
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self.changed.wait(0.5 if left is None else min(left, 0.5))
        return True

    def start(self, order: dict[str, Any]) -> int:
        """Send ``order``; the forked child's pid."""
        with self.changed:
            self.orders += 1
            number = self.orders
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({**order, "id": number}) + "\n")
            self.proc.stdin.flush()
        if not self._wait_until(lambda: number in self.pids, 30, "no pid"):
            raise RuntimeError("the CLI fork server gave no pid:\n" + self.log.read_text(errors="replace"))
        with self.changed:
            return self.pids.pop(number)

    def exit_code(self, pid: int, timeout: float | None) -> int | None:
        """The child's exit code once it ended; None if it still runs after ``timeout`` seconds."""
        if not self._wait_until(lambda: pid in self.codes, timeout, "exit code"):
            return None
        with self.changed:
            return self.codes[pid]

    def run(
        self, args: list[str], cwd: Path, env: dict[str, str], timeout: float, fsize_limit: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        name = uuid.uuid4().hex
        stdout, stderr = self.folder / f"{name}.out", self.folder / f"{name}.err"
        order = {"args": args, "cwd": str(cwd), "env": env, "stdout": str(stdout), "stderr": str(stderr),
                 "fsize_limit": fsize_limit}  # fmt: skip
        pid = self.start(order)
        code = self.exit_code(pid, timeout)
        argv = [sys.executable, "-m", "cli.main", *args]
        try:
            if code is None:
                os.kill(pid, signal.SIGKILL)
                self.exit_code(pid, 30)
                raise subprocess.TimeoutExpired(argv, timeout, stdout.read_text(), stderr.read_text())
            return subprocess.CompletedProcess(argv, code, stdout.read_text(), stderr.read_text())
        finally:
            stdout.unlink()
            stderr.unlink()

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()


_server: ForkServer | None = None
_starting = threading.Lock()


def fork_server() -> ForkServer:
    """This test process's fork server, started on first use."""
    global _server
    with _starting:
        if _server is None or _server.proc.poll() is not None:
            _server = ForkServer()
            atexit.register(_server.close)
        return _server


def run_cli(
    *args: str,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    timeout: float = 180,
    fsize_limit: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """``subprocess.run([python, "-m", "cli.main", *args], capture_output=True, text=True, ...)``
    in a forked child; ``env`` None: this process's environment, as subprocess does; ``fsize_limit``:
    its RLIMIT_FSIZE, as a ``preexec_fn`` would set it."""
    env = dict(os.environ if env is None else env)
    return fork_server().run(list(args), cwd, env, timeout, fsize_limit)
