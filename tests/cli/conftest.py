"""The real `budgetwatch` command in a child process, and the sample sites on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from demo.site import SampleSite
from tests.forked_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


def budgetwatch(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user does, in a child process (Twisted's reactor cannot restart in pytest's),
    forked from one that imported it (tests/forked_cli.py)."""
    environment = {k: v for k, v in os.environ.items() if k != "BUDGETWATCH_DB"}
    environment["PYTHONPATH"] = str(ROOT)
    environment.update(env or {})
    return run_cli(*args, cwd=cwd, env=environment, timeout=180)


def write_config(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def site() -> Iterator[SampleSite]:
    with SampleSite() as running:
        yield running
