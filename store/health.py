"""Is the database usable: readable, undamaged, writable? Checked when a command opens it.

A damaged SQLite file otherwise looks healthy to ``status`` and fails a crawl with the SQL in
its summary; a read-only one fails the first write with a traceback. Both are said in one line,
with what to do.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from config.masking import mask_text, mask_url

_DAMAGED_CODES = ("malformed", "not a database", "corrupt", "file is encrypted")
_READ_ONLY_CODES = ("readonly", "read-only", "read only")


class DatabaseUnusable(Exception):
    """One line: which database, what is wrong, what to do."""


def first_line(exc: BaseException) -> str:
    """An exception as one line: its type and the first line of its text (no SQL, no background)."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def check_database(engine: Engine, *, write: bool, url: str | None = None) -> None:
    """Raise DatabaseUnusable when the database is damaged, or read-only and ``write`` is asked;
    ``url``: the URL as the user wrote it, for the message."""
    url = url or engine.url.render_as_string(hide_password=False)
    try:
        if engine.dialect.name == "sqlite":
            _check_sqlite(engine, url, write=write)
        elif write and engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                if conn.execute(text("SELECT current_setting('transaction_read_only')")).scalar() == "on":
                    raise DatabaseUnusable(f"database {mask_url(url)} is read-only (a standby?): use the primary")
    except DatabaseUnusable:
        raise
    except Exception as exc:
        raise describe(url, exc) from None


def describe(url: str, exc: BaseException) -> DatabaseUnusable:
    """The one-line error for a failure of the database itself."""
    message = str(exc).lower()
    if any(code in message for code in _DAMAGED_CODES):
        return _damaged(url, first_line(exc))
    if any(code in message for code in _READ_ONLY_CODES):
        return _read_only(url)
    return DatabaseUnusable(f"database {mask_url(url)}: {mask_text(first_line(exc))}")


# What a store that can take no more writes says: SQLite's SQLITE_FULL and SQLITE_IOERR, the OS's
# ENOSPC/EDQUOT/EFBIG/EROFS, PostgreSQL's disk_full class (53100) and its failed file extension.
_EXHAUSTED = (
    "database or disk is full",
    "disk i/o error",
    "no space left on device",
    "disk quota exceeded",
    "file too large",
    "could not extend file",
    "could not write to file",
    "attempt to write a readonly database",
    "read-only file system",
)


def storage_exhausted(exc: BaseException) -> bool:
    """True when a write failed because the store cannot take writes at all (a full disk), so
    every further write will fail too and fetching more pages only loses them."""
    import errno

    seen: BaseException | None = exc
    for _ in range(5):  # the exception and its causes (SQLAlchemy wraps the driver's)
        if seen is None:
            return False
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):
            return True
        if getattr(seen, "sqlstate", None) in ("53100", "53000"):
            return True
        if any(marker in str(seen).lower() for marker in _EXHAUSTED):
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


def _check_sqlite(engine: Engine, url: str, *, write: bool) -> None:
    with engine.connect() as conn:
        rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check(2)")]
        if rows != ["ok"]:
            raise _damaged(url, "; ".join(" ".join(row.split()) for row in rows))
        conn.rollback()
    if not write:
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:  # a write that is rolled back: nothing changes, but a read-only file refuses it
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("CREATE TABLE budgetwatch_write_probe (x INTEGER)")
        finally:
            cursor.execute("ROLLBACK")
            cursor.close()
    finally:
        raw.close()


def _damaged(url: str, detail: str) -> DatabaseUnusable:
    path = make_url(url).database or "DB"
    return DatabaseUnusable(
        f"database {mask_url(url)} is damaged ({detail}); stop the daemon, then recover it with "
        f"`sqlite3 {path} .recover | sqlite3 recovered.sqlite` and point `database:` at the copy, "
        "or restore the last backup"
    )


def _read_only(url: str) -> DatabaseUnusable:
    return DatabaseUnusable(
        f"database {mask_url(url)} is read-only: give this user write access to the file and its "
        "directory (SQLite writes a -wal file beside it), or use another --db"
    )
