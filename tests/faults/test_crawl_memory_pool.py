"""The read pool's crawls of many sources stay under 300 MB (tests/faults/memory_crawls.py): 8 and 16
sources of 9 MB pages, what holding pages costs (one page budget over all sources). Their pages
carry one amount each, so they read quickly; pages of 3,000 amounts peaked lower than the budget
allows for (docs/faults.md: 262 MB for 8 sources, 276 for 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.memory_crawls import FILLER, READERS, crawl_stays_under_limit


@pytest.mark.parametrize("sources", [8, 16], ids=["8-plain-pool", "16-plain-pool"])
def test_pool_crawl_of_many_sources_stays_under_300_mb(tmp_path: Path, sources: int) -> None:
    crawl_stays_under_limit(tmp_path, sources, FILLER, READERS)
