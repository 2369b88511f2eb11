"""The evaluation data in ../shared (next to the repository, never copied into it).

A test that reads it asks ``shared_path``: where the data is missing the test is skipped with the
reason, except in CI (``.ci/run`` sets ``BUDGETWATCH_REQUIRE_SHARED=1``), where it fails, as a
missing PostgreSQL does under ``BUDGETWATCH_REQUIRE_PG``. ``BUDGETWATCH_SHARED`` points elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REQUIRE_ENV = "BUDGETWATCH_REQUIRE_SHARED"
SHARED_ENV = "BUDGETWATCH_SHARED"
REPOSITORY = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    return Path(os.environ.get(SHARED_ENV) or REPOSITORY.parent / "shared")


def shared_available(relative: str) -> bool:
    return (shared_root() / relative).exists()


def shared_path(relative: str, *, module_level: bool = False) -> Path:
    """``relative`` under the shared data; skips (or, in CI, fails) the calling test when it is
    missing. ``module_level``: called while a test module is collected."""
    path = shared_root() / relative
    if path.exists():
        return path
    reason = f"shared evaluation data missing: {path} (set {SHARED_ENV} or put ../shared next to the repository)"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=module_level)
