"""The fault site: one misbehaving server with a source per fault, and the real CLI to crawl it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.forked_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


def write_config(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def budgetwatch(*args: str, env: dict[str, str] | None = None, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, timeout=timeout)
