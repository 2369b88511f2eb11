"""One daemon per database: a flock'd file next to a SQLite database, an advisory lock on PostgreSQL.

Both are released by the operating system or the server when the holder dies, so a daemon that
was killed never blocks the next one.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from config.masking import mask_url
from store.db import escape_userinfo

LOCK_SUFFIX = ".daemon.lock"
# A `status` probe holds the SQLite lock for microseconds; a daemon starting in that instant retries.
ACQUIRE_ATTEMPTS = 5
ACQUIRE_PAUSE_S = 0.1
# TCP keepalives on the lock's session: if the holder's host vanishes from the network, the server
# ends the session (and frees the lock for a standby) after about idle + interval * count seconds.
LOCK_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


class LockHeld(Exception):
    """Another daemon holds the database; the message says which and what to do."""


class DaemonLock(Protocol):
    def release(self) -> None: ...

    def alive(self) -> bool: ...


@dataclass(frozen=True)
class Holder:
    """Who holds a database's daemon lock, as far as it can be told."""

    pid: int | None
    host: str | None
    since: str | None


def holder_line() -> str:
    return f"pid={os.getpid()} host={socket.gethostname()} since={datetime.now(UTC).isoformat(timespec='seconds')}"


def parse_holder(line: str) -> Holder:
    fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
    pid = fields.get("pid", "")
    return Holder(int(pid) if pid.isdigit() else None, fields.get("host"), fields.get("since"))


def describe(holder: Holder | None, where: str) -> str:
    who = "another budgetwatch daemon"
    if holder is not None and holder.pid is not None:
        who += f" (pid {holder.pid}{' on ' + holder.host if holder.host else ''}, since {holder.since})"
    return f"{who} is already running on {where}; stop it first (one daemon per database)"


def sqlite_lock_path(database_url: str) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database + LOCK_SUFFIX)


class FileLock:
    """An exclusive flock on ``<database>.daemon.lock`` holding the owner's pid, host and start."""

    def __init__(self, path: Path, where: str) -> None:
        self.path = path
        self.where = where
        self.fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        for attempt in range(ACQUIRE_ATTEMPTS):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == ACQUIRE_ATTEMPTS - 1:
                    holder = parse_holder(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
                    os.close(fd)
                    raise LockHeld(describe(holder, self.where)) from None
                time.sleep(ACQUIRE_PAUSE_S)
        os.ftruncate(fd, 0)
        os.pwrite(fd, (holder_line() + "\n").encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing drops the flock
            self.fd = None

    def alive(self) -> bool:
        return self.fd is not None


def probe_file(path: Path) -> Holder | None:
    """The holder if a daemon holds the file lock now, else None (a shared lock for an instant)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return parse_holder(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def advisory_key(schema: str) -> int:
    """A signed 64-bit key per schema, so test schemas on one server do not collide."""
    digest = hashlib.sha256(f"budgetwatch-daemon:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


HOLDER_SQL = text(
    "SELECT a.application_name, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid = :hi AND l.objid = :lo AND l.objsubid = 1"
)


def _key_parts(key: int) -> dict[str, int]:
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    return {"hi": unsigned >> 32, "lo": unsigned & 0xFFFFFFFF}


def _pg_holder(conn: Connection, key: int) -> Holder | None:
    row = conn.execute(HOLDER_SQL, _key_parts(key)).first()
    if row is None:
        return None
    holder = parse_holder(str(row[0]).replace("budgetwatch-daemon ", ""))
    return holder if holder.pid is not None else Holder(None, None, None)


class AdvisoryLock:
    """pg_try_advisory_lock on a dedicated connection kept open for the daemon's life."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.engine = create_engine(escape_userinfo(database_url), poolclass=NullPool, connect_args=LOCK_KEEPALIVES)
        self.conn: Connection | None = None

    def acquire(self) -> None:
        name = ("budgetwatch-daemon " + holder_line())[:63]  # application_name is cut at 63 bytes
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("SELECT set_config('application_name', :n, false)"), {"n": name})
        key = advisory_key(str(conn.execute(text("SELECT current_schema()")).scalar()))
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            holder = _pg_holder(conn, key)
            conn.close()
            self.engine.dispose()
            raise LockHeld(describe(holder, mask_url(self.url)))
        self.conn = conn

    def release(self) -> None:
        if self.conn is not None:
            self.conn.close()  # the session ends, and with it the advisory lock
            self.conn = None
        self.engine.dispose()

    def alive(self) -> bool:
        """Whether the session holding the lock is still there (and so the lock)."""
        if self.conn is None:
            return False
        try:
            self.conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True


def acquire_lock(database_url: str) -> DaemonLock:
    """Take the database's daemon lock or raise LockHeld."""
    lock: FileLock | AdvisoryLock | _NoLock
    if make_url(database_url).get_backend_name() == "postgresql":
        lock = AdvisoryLock(database_url)
    else:
        path = sqlite_lock_path(database_url)
        lock = FileLock(path, database_url) if path is not None else _NoLock()
    lock.acquire()
    return lock


def wait_for_lock(database_url: str, poll_seconds: float, on_standby: Callable[[str], None]) -> DaemonLock:
    """Take the lock, waiting as a standby while another daemon holds it; ``on_standby`` is told
    once, with who holds it. The holder's death frees it (the server ends its session)."""
    told = False
    while True:
        try:
            return acquire_lock(database_url)
        except LockHeld as exc:
            if not told:
                on_standby(str(exc))
                told = True
        time.sleep(poll_seconds)


def probe_lock(database_url: str) -> Holder | None:
    """Whether a daemon is alive on ``database_url`` (and who), without disturbing it."""
    if make_url(database_url).get_backend_name() == "postgresql":
        engine = create_engine(escape_userinfo(database_url), poolclass=NullPool)
        try:
            with engine.connect() as conn:
                key = advisory_key(str(conn.execute(text("SELECT current_schema()")).scalar()))
                return _pg_holder(conn, key)
        finally:
            engine.dispose()
    path = sqlite_lock_path(database_url)
    return probe_file(path) if path is not None else None


class _NoLock:
    """An in-memory SQLite database belongs to one process anyway."""

    def acquire(self) -> None:
        pass

    def release(self) -> None:
        pass

    def alive(self) -> bool:
        return True
