"""Opening the database: damaged, read-only or unknown ones are one line and exit 2, and no
password is printed however it is written (the real CLI in a child process)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.conftest import budgetwatch, write_config

SOURCE = {"name": "s", "org": "o", "kind": "rss", "url": "http://127.0.0.1:9/feed.xml", "allow_private": True}


def _config(tmp_path: Path, database: str) -> str:
    return str(write_config(tmp_path / "c.yaml", {"database": database, "sources": [SOURCE]}))


def _one_line(result_stderr: str) -> str:
    lines = [line for line in result_stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result_stderr
    assert "Traceback" not in result_stderr
    return lines[0]


def _fresh_database(tmp_path: Path) -> Path:
    path = tmp_path / "bw.sqlite"
    created = budgetwatch("--config", _config(tmp_path, f"sqlite:///{path}"), "db", "upgrade")
    assert created.returncode == 0, created.stderr
    return path


@pytest.mark.parametrize("damage", ["pages", "header"])
def test_damaged_sqlite_is_found_on_open_with_a_recovery_hint(tmp_path: Path, damage: str) -> None:
    path = _fresh_database(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "pages":  # index and table pages overwritten, as a failing disk does
        data[4096 * 3 : 4096 * 8] = b"\xde\xad\xbe\xef" * (4096 * 5 // 4)
    else:
        data[:100] = b"\x00" * 100
    path.write_bytes(bytes(data))
    config = _config(tmp_path, f"sqlite:///{path}")
    for command in (["status"], ["crawl"]):
        result = budgetwatch("--config", config, *command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        line = _one_line(result.stderr)
        assert "damaged" in line and ".recover" in line and "backup" in line, line


def test_read_only_database_refuses_writing_commands_in_one_line(tmp_path: Path) -> None:
    path = _fresh_database(tmp_path)
    config = _config(tmp_path, f"sqlite:///file:{path}?mode=ro&uri=true")
    crawl = budgetwatch("--config", config, "crawl")
    assert crawl.returncode == 2, crawl.stdout + crawl.stderr
    assert "read-only" in _one_line(crawl.stderr)
    status = budgetwatch("--config", config, "status")  # reading a read-only copy is fine
    assert status.returncode == 0, status.stderr
    assert "s  " in status.stdout


@pytest.mark.parametrize("database", ["mysqlx://bw:hunter2@db.example.kr/bw", "nosuchdb:///x"])
def test_unknown_dialect_is_one_line_exit_2(tmp_path: Path, database: str) -> None:
    config = _config(tmp_path, database)
    for command in (["status"], ["db", "upgrade"]):
        result = budgetwatch("--config", config, *command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        line = _one_line(result.stderr)
        assert "hunter2" not in line and "database" in line, line


@pytest.mark.parametrize(
    "database",
    [
        "postgresql+psycopg://bw@127.0.0.1:1/bw?password=hunter2",
        "postgresql+psycopg://bw:hun@ter2@127.0.0.1:1/bw",
        "postgresql+psycopg://bw@127.0.0.1:1/bw?sslmode=disable&password=hunter2&connect_timeout=2",
    ],
)
def test_password_in_a_query_or_with_an_at_is_never_printed(tmp_path: Path, database: str) -> None:
    config = _config(tmp_path, database)
    for command in (["status"], ["crawl"]):
        result = budgetwatch("--config", config, *command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        line = _one_line(result.stderr)
        assert "hunter2" not in line and "ter2" not in line and "127.0.0.1" in line, line
