"""The real `budgetwatch` command in a child process, forked from a process that imported it once.

`python -m cli.main` spends most of a short command's second, and half a crawl's CPU, importing
Scrapy, SQLAlchemy, Alembic, pydantic and the extractors. A test that runs the command dozens of
times need not pay that each time: ``run_cli`` asks a fork server (this module run as a script,
one per test process) to fork a child, which takes its own argv, cwd, environment and stdio, runs
`cli.main` as ``__main__`` and exits as the interpreter would (threads joined, atexit run, streams
flushed). The child is a fresh process for everything a test looks at: its own pid, exit code,
stdout and stderr, no Twisted reactor installed (the server checks that none was imported), no
open database connection, no thread. What it skips is only the imports, so the tests that are
about imports or a process's memory (tests/cli/test_main.py, tests/faults/test_crawl_memory.py)
and the ones that kill a crawl mid-way (they need a `Popen`) start `python -m cli.main` themselves.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Every module a command loads on first use (cli/main.py's COMMANDS) and what a crawl reads with.
PRELOAD = (
    "cli.main", "cli.check_cmd", "cli.sources_cmd", "cli.trial_cmd", "cli.crawl_cmd", "cli.articles_cmd",
    "cli.statements_cmd", "cli.extract_cmd", "cli.article_cmd", "cli.changes_cmd", "cli.status_cmd",
    "cli.daemon_cmd", "cli.digest_cmd", "cli.db_cmd", "crawler.runner", "crawler.spider", "crawler.pipelines",
    "crawler.reading", "crawler.guard", "crawler.retry_after", "crawler.limits", "scheduling.status", "alembic.command",
    "alembic.runtime.migration", "sqlalchemy.dialects.postgresql.psycopg", "sqlalchemy.dialects.sqlite.pysqlite", "scrapy.crawler", "scrapy.core.engine", "scrapy.core.downloader.handlers.http11",
)  # fmt: skip


# -- the server side (runs as `python tests/forked_cli.py`) --------------------------------------
def _exit_code(code: object) -> int:
    """What the interpreter makes of ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _run_child(order: dict[str, Any]) -> int:
    import runpy
    import traceback

    stdin = os.open(os.devnull, os.O_RDONLY)
    out = os.open(order["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    err = os.open(order["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    for fd, target in ((stdin, 0), (out, 1), (err, 2)):
        os.dup2(fd, target)
        os.close(fd)
    sys.stdin = open(0, encoding=sys.stdout.encoding, closefd=False)  # noqa: SIM115 - it is fd 0, like a fresh process's
    os.chdir(order["cwd"])
    os.environ.clear()
    os.environ.update(order["env"])
    sys.argv = [str(ROOT / "cli" / "main.py"), *order["args"]]
    sys.path[0] = order["cwd"]  # `python -m` puts the working directory first
    sys.modules.pop("cli.main")  # as in `python -m cli.main`: run as __main__ before any import of it
    try:
        runpy.run_module("cli.main", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    except BaseException:  # noqa: BLE001 - printed and exit 1, as the interpreter does
        traceback.print_exc()
        code = 1
    threading._shutdown()  # type: ignore[attr-defined] # the interpreter joins non-daemon threads at exit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    return code


def serve() -> None:
    """Import everything, then fork a child per JSON order line on stdin; answer its pid, then its exit code."""
    import gc
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    if "twisted.internet.reactor" in sys.modules or threading.active_count() != 1:
        raise RuntimeError("the preloaded modules installed a reactor or started a thread: forking is unsafe")
    gc.collect()
    gc.freeze()  # the children share the imported modules' pages instead of copying them at the first collection
    print("ready", flush=True)
    for line in sys.stdin:
        order = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _run_child(order)
            finally:
                os._exit(code & 0xFF)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        print(json.dumps({"code": code}), flush=True)


# -- the test side --------------------------------------------------------------------------------
class ForkServer:
    """One server per test process (each xdist worker has its own), started on first use."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.folder = Path(tempfile.mkdtemp(prefix="bw-forked-cli-"))
        self.log = self.folder / "server.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve())], cwd=ROOT, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=log, text=True,
            )  # fmt: skip
        self.buffer = ""
        self._expect("ready", 120)

    def _line(self, deadline: float) -> str | None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while "\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536).decode()
            if not chunk:
                raise RuntimeError("the CLI fork server died:\n" + self.log.read_text(errors="replace"))
            self.buffer += chunk
        line, self.buffer = self.buffer.split("\n", 1)
        return line

    def _expect(self, what: str, timeout: float) -> str:
        line = self._line(time.monotonic() + timeout)
        if line is None or (what == "ready" and line != "ready"):
            raise RuntimeError(f"the CLI fork server gave no {what}:\n" + self.log.read_text(errors="replace"))
        return line

    def run(self, args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
        with self.lock:
            stdout, stderr = self.folder / "stdout", self.folder / "stderr"
            order = {"args": args, "cwd": str(cwd), "env": env, "stdout": str(stdout), "stderr": str(stderr)}
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(order) + "\n")
            self.proc.stdin.flush()
            pid = json.loads(self._expect("pid", 30))["pid"]
            line = self._line(time.monotonic() + timeout)
            argv = [sys.executable, "-m", "cli.main", *args]
            if line is None:
                os.kill(pid, signal.SIGKILL)
                self._expect("exit code", 30)
                raise subprocess.TimeoutExpired(argv, timeout, stdout.read_text(), stderr.read_text())
            code = json.loads(line)["code"]
            return subprocess.CompletedProcess(argv, code, stdout.read_text(), stderr.read_text())

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


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``subprocess.run([python, "-m", "cli.main", *args], capture_output=True, text=True, ...)``
    in a forked child; ``env`` None: this process's environment, as subprocess does."""
    global _server
    with _starting:
        if _server is None or _server.proc.poll() is not None:
            _server = ForkServer()
            atexit.register(_server.close)
        server = _server
    return server.run(list(args), cwd, dict(os.environ if env is None else env), timeout)


if __name__ == "__main__":
    sys.path[0] = str(ROOT)  # run as a script: import our packages, not tests/'s neighbours
    serve()
