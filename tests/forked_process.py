"""A long-running child forked by the CLI fork server (tests/forked_cli.py): a daemon or a worker
that a test signals, kills and waits for as it would a ``subprocess.Popen``, reading its stderr
as it is written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import IO

from tests.forked_cli import ROOT, ForkServer, fork_server


class ForkedProcess:
    """What the tests use of ``Popen``: pid, stderr, poll, wait, send_signal, terminate, kill."""

    def __init__(self, server: ForkServer, pid: int, stream: IO[str], pipe: str | None, args: list[str]) -> None:
        self.server = server
        self.pid = pid
        self.stdout = stream if pipe == "stdout" else None
        self.stderr = stream if pipe != "stdout" else None
        self.args = args
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.server.exit_code(self.pid, 0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = self.server.exit_code(self.pid, timeout)
            if self.returncode is None:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def spawn(
    args: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None, new_session: bool = False,
    pipe: str | None = "stderr",
) -> ForkedProcess:  # fmt: skip
    """``Popen([python, *args], cwd=cwd, env=env, stdout=DEVNULL, stderr=PIPE, text=True,
    start_new_session=...)`` for ``args`` of ``["scheduler.py", ...]`` or ``["-m", "cli.main", ...]``,
    forked; ``pipe`` "stdout": stdout=PIPE and stderr=DEVNULL instead; None: both to DEVNULL."""
    server = fork_server()
    fifo = server.folder / f"{uuid.uuid4().hex}.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader first: the server's open for writing does not wait
    if args[:2] == ["-m", "cli.main"]:
        target: dict[str, object] = {"args": args[2:]}
    elif args[0].endswith(".py"):
        target = {"script": args[0], "args": args[1:]}
    else:
        raise ValueError(f"the fork server runs cli.main or a script, not {args}")
    streams = {name: str(fifo) if name == pipe else os.devnull for name in ("stdout", "stderr")}
    order = {**target, **streams, "cwd": str(cwd), "env": dict(os.environ if env is None else env),
             "new_session": new_session}  # fmt: skip
    try:
        pid = server.start(order)
    finally:
        fifo.unlink()
    os.set_blocking(reader, True)  # the child holds the writing end: reads wait for its lines, EOF when it ends
    stream = open(reader, encoding="utf-8", errors="replace")  # noqa: SIM115 - the process's, closed with it
    return ForkedProcess(server, pid, stream, pipe, [sys.executable, *args])
