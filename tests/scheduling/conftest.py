"""A real daemon process (`python scheduler.py`, forked from the CLI fork server) whose structured
stderr lines tests can await."""

from __future__ import annotations

import shlex
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from demo.sample_config import sample_config
from demo.site import SampleSite
from tests.forked_process import spawn

ROOT = Path(__file__).resolve().parents[2]
Line = dict[str, str]


def parse_line(line: str) -> Line:
    fields: Line = {}
    for part in shlex.split(line):
        key, _, value = part.partition("=")
        fields[key] = value
    return fields


class LoggedProcess:
    """A process whose logfmt stderr lines can be awaited (daemons here, workers in tests/workers):
    `python *args`, forked from the CLI fork server (tests/forked_process.py), which imported what
    they import; ``new_session`` puts it and its children in a process group of their own."""

    def __init__(self, args: list[str], *, new_session: bool = False, default_timeout: float = 20.0) -> None:
        self.proc = spawn(args, cwd=ROOT, new_session=new_session)
        self.default_timeout = default_timeout
        self.lines: list[Line] = []
        self.raw: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            with self.changed:
                self.raw.append(raw.rstrip("\n"))
                try:
                    self.lines.append(parse_line(raw))
                except ValueError:
                    self.lines.append({"raw": raw})
                self.changed.notify_all()

    def events(self, name: str, **match: str) -> list[Line]:
        with self.changed:
            return [
                ln for ln in self.lines if ln.get("event") == name and all(ln.get(k) == v for k, v in match.items())
            ]

    def wait_for(self, test: Callable[[], bool], timeout: float | None = None) -> None:
        deadline = time.monotonic() + (self.default_timeout if timeout is None else timeout)
        with self.changed:
            while not test():
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self.reader.is_alive()):
                    raise AssertionError("process did not get there; its log:\n" + self.log())
                self.changed.wait(min(left, 0.2))

    def wait_event(self, name: str, count: int = 1, timeout: float | None = None, **match: str) -> list[Line]:
        self.wait_for(lambda: len(self.events(name, **match)) >= count, timeout)
        return self.events(name, **match)

    def log(self) -> str:
        with self.changed:
            return "\n".join(self.raw)


class DaemonProcess(LoggedProcess):
    def __init__(self, config: Path, *extra: str) -> None:
        super().__init__(["scheduler.py", "--config", str(config), *extra])

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    def stop(self, timeout: float = 20.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        self.reader.join(5)
        return code


@pytest.fixture
def site() -> Iterator[SampleSite]:
    with SampleSite() as running:
        yield running


def write_config(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def fast_config(base_url: str, database: str, every: str = "every 1 seconds", **overrides: Any) -> dict[str, Any]:
    data = sample_config(base_url, database)
    for source in data["sources"]:
        source.update(schedule=every, **overrides)
    return data


@pytest.fixture
def daemons() -> Iterator[Callable[..., DaemonProcess]]:
    """Start daemons; any still running at the end are killed."""
    started: list[DaemonProcess] = []

    def start(config: Path, *extra: str) -> DaemonProcess:
        process = DaemonProcess(config, *extra)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.proc.poll() is None:
            process.proc.kill()
            process.proc.wait(10)
