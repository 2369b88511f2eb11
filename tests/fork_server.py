"""The fork server of tests/forked_cli.py, run as `python tests/fork_server.py` (one per test process).

It imports everything a command, `scheduler.py` and a worker import, then forks a child per JSON
order line on stdin: the child takes the order's argv, cwd, environment and stdio, runs `cli.main`
(or a script such as `scheduler.py`) as ``__main__`` and exits as the interpreter would (threads
joined, atexit run, streams flushed). The server answers each child's pid at once and its exit
code when it ends, so children run side by side.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import resource
import select
import signal
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Every module a command loads on first use (cli/main.py's COMMANDS), what a crawl reads with, and
# what scheduler.py and a worker import (scheduler.py installs its reactor itself, in the child).
PRELOAD = (
    "cli.main", "cli.check_cmd", "cli.sources_cmd", "cli.trial_cmd", "cli.crawl_cmd", "cli.articles_cmd",
    "cli.statements_cmd", "cli.extract_cmd", "cli.article_cmd", "cli.changes_cmd", "cli.status_cmd",
    "cli.daemon_cmd", "cli.digest_cmd", "cli.db_cmd", "crawler.runner", "crawler.spider", "crawler.pipelines",
    "crawler.reading", "crawler.guard", "crawler.retry_after", "crawler.limits", "scheduling.status", "alembic.command",
    "alembic.runtime.migration", "sqlalchemy.dialects.postgresql.psycopg", "sqlalchemy.dialects.sqlite.pysqlite", "scrapy.crawler", "scrapy.core.engine", "scrapy.core.downloader.handlers.http11",
    "scrapy.utils.reactor", "scheduling.run", "scheduling.service", "scheduling.leader", "scheduling.digest_job",
    "scheduling.housekeeping", "scheduling.jobs", "cli.worker_cmd", "workers.worker",
    # what a crawl child imported on first use (its sys.modules against the server's): the drivers
    # SQLAlchemy's dialects import on first connect, numpy (store.minhash), robots.txt and queues
    "psycopg", "sqlite3", "numpy", "protego", "queuelib", "lxml.cssselect", "ftplib", "alembic.config",
)  # fmt: skip
# Encodings a crawl's charset detection looks up (encodings.* modules imported on first lookup).
ENCODINGS = ("cp949", "euc_kr", "johab", "iso2022_kr", "big5", "gb18030", "shift_jis", "euc_jp", "utf_8_sig",
             "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be", "charmap")  # fmt: skip


def _warm() -> None:
    """Do once here what every child did first and alike, after the imports: the objects Scrapy's
    default settings name (middlewares, extensions, download handlers, queues: imported by name when
    a crawler is made), the ORM's mapper configuration (on a child's first query), and the site
    catalog, which each command loads, and the sample sites' config: their CSS selectors are checked by soupsieve, which compiles
    its own parser's patterns on first use and caches compiled selectors (0.2 CPU-s a child)."""
    import codecs

    from scrapy.settings import default_settings
    from scrapy.utils.misc import load_object
    from sqlalchemy.orm import configure_mappers

    from config.catalog import load_catalog
    from config.schema import Config
    from demo.sample_config import sample_config

    for name in dir(default_settings):
        value = getattr(default_settings, name)
        paths = [*value, *value.values()] if isinstance(value, dict) else [value]
        for path in paths:
            if name.isupper() and isinstance(path, str) and path.startswith("scrapy.") and path.count(".") > 1:
                load_object(path)
    importlib.import_module("store.models")
    configure_mappers()
    load_catalog()
    Config.model_validate(sample_config("http://127.0.0.1:8000", "sqlite://"))  # the tests' usual selectors
    for encoding in ENCODINGS:
        codecs.lookup(encoding)


def _exit_code(code: object) -> int:
    """What the interpreter makes of ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _run_child(order: dict[str, Any], out: int, err: int) -> int:
    import runpy
    import traceback

    stdin = os.open(os.devnull, os.O_RDONLY)
    for fd, target in ((stdin, 0), (out, 1), (err, 2)):
        os.dup2(fd, target)
        os.close(fd)
    sys.stdin = open(0, encoding=sys.stdout.encoding, closefd=False)  # noqa: SIM115 - it is fd 0, like a fresh process's
    os.chdir(order["cwd"])
    os.environ.clear()
    os.environ.update(order["env"])
    try:
        if "script" in order:  # `python scheduler.py ...`: the script's folder first on the path
            script = Path(order["cwd"], order["script"])
            sys.argv = [order["script"], *order["args"]]
            sys.path[0] = str(script.parent)
            runpy.run_path(str(script), run_name="__main__")
        else:  # as in `python -m cli.main`: the working directory first, run as __main__ before any import of it
            sys.argv = [str(ROOT / "cli" / "main.py"), *order["args"]]
            sys.path[0] = order["cwd"]
            sys.modules.pop("cli.main")
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


def _fork(order: dict[str, Any], wakeup: tuple[int, int]) -> None:
    """Fork the order's child, answer its pid. Its stdio is opened here, before the answer: a FIFO
    for stderr has its writer once the test hears the pid."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    out, err = os.open(order["stdout"], flags), os.open(order["stderr"], flags)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for fd in wakeup:
                os.close(fd)
            if order.get("new_session"):
                os.setsid()
            if order.get("fsize_limit"):  # a full disk for this process alone (tests/faults/test_disk_full.py)
                resource.setrlimit(resource.RLIMIT_FSIZE, (order["fsize_limit"], order["fsize_limit"]))
            code = _run_child(order, out, err)
        finally:
            os._exit(code & 0xFF)
    os.close(out)
    os.close(err)
    print(json.dumps({"id": order["id"], "pid": pid}), flush=True)


def _reap() -> None:
    """Answer the exit code of every child that ended (-N: killed by signal N, as Popen says)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        print(json.dumps({"pid": pid, "code": code}), flush=True)


def serve() -> None:
    """Import everything, then fork a child per JSON order line on stdin; answer its pid at once,
    and its exit code when it ends (children run side by side)."""
    import gc

    for name in PRELOAD:
        importlib.import_module(name)
    _warm()
    if "twisted.internet.reactor" in sys.modules or threading.active_count() != 1:
        raise RuntimeError("the preloaded modules installed a reactor or started a thread: forking is unsafe")
    gc.collect()
    gc.freeze()  # the children share the imported modules' pages instead of copying them at the first collection
    wakeup = os.pipe()
    os.set_blocking(wakeup[1], False)
    signal.set_wakeup_fd(wakeup[1])
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the select below
    print("ready", flush=True)
    inbox = b""
    while True:
        ready = select.select([0, wakeup[0]], [], [])[0]
        if wakeup[0] in ready:
            os.read(wakeup[0], 4096)
        _reap()
        if 0 in ready:
            chunk = os.read(0, 65536)
            if not chunk:
                return
            inbox += chunk
            while b"\n" in inbox:
                line, inbox = inbox.split(b"\n", 1)
                _fork(json.loads(line), wakeup)


if __name__ == "__main__":
    sys.path[0] = str(ROOT)  # run as a script: import our packages, not tests/'s neighbours
    serve()
