"""The real `budgetwatch` command in a child process, and the sample sites on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from demo.site import SampleSite

ROOT = Path(__file__).resolve().parents[2]


def budgetwatch(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user does (a fresh process: Twisted's reactor cannot restart in pytest's)."""
    environment = {k: v for k, v in os.environ.items() if k != "BUDGETWATCH_DB"}
    environment["PYTHONPATH"] = str(ROOT)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args], cwd=cwd, capture_output=True, text=True, timeout=180,
        env=environment,
    )  # fmt: skip


def write_config(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def site() -> Iterator[SampleSite]:
    with SampleSite() as running:
        yield running
