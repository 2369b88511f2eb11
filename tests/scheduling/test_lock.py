"""One daemon per database: the SQLite lock file and the PostgreSQL advisory lock."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from config.logfmt import format_line
from scheduling.lock import LockHeld, acquire_lock, probe_lock


def test_sqlite_lock_refuses_a_second_holder_and_names_the_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/bw.sqlite"
    assert probe_lock(url) is None
    lock = acquire_lock(url)
    holder = probe_lock(url)
    assert holder is not None and holder.pid is not None
    with pytest.raises(LockHeld, match=r"another budgetwatch daemon \(pid \d+ on .*\) is already running on sqlite"):
        acquire_lock(url)
    lock.release()
    assert probe_lock(url) is None
    acquire_lock(url).release()


def test_a_dead_holder_does_not_block(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/bw.sqlite"
    code = f"from scheduling.lock import acquire_lock; import time; acquire_lock({url!r}); print('held', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld):
        acquire_lock(url)
    holder.kill()
    holder.wait()
    time.sleep(0.05)
    acquire_lock(url).release()


@pytest.mark.postgres
def test_postgres_advisory_lock(pg_schema_url: str) -> None:
    lock = acquire_lock(pg_schema_url)
    try:
        holder = probe_lock(pg_schema_url)
        assert holder is not None and holder.pid is not None
        with pytest.raises(LockHeld, match="already running"):
            acquire_lock(pg_schema_url)
    finally:
        lock.release()
    assert probe_lock(pg_schema_url) is None
    acquire_lock(pg_schema_url).release()


def test_log_lines_quote_what_needs_it() -> None:
    assert format_line({"event": "x", "n": 3, "s": "a b", "q": 'say "hi"', "none": None, "f": 1.50}) == (
        'event=x n=3 s="a b" q="say \\"hi\\"" none="" f=1.5'
    )
