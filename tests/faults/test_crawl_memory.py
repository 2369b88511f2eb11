"""A crawl's peak memory stays under 300 MB whatever the pages (tests/faults/memory_crawls.py): 9 MB
pages of 3,000 amounts read in the crawl process and by the read pool; and pages over the page
budget wait their turn. The pool's crawls of many sources are in test_crawl_memory_pool.py, so
that two workers run them side by side."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.conftest import budgetwatch, write_config
from tests.faults.memory_crawls import READERS, SENTENCE, crawl_stays_under_limit
from tests.faults.server import HTML, FaultHandler, FaultServer, article_html, page, rss


# 4 sources of pages of 3,000 amounts each: what reading costs (pages read at once are bounded),
# read in the crawl process (as a worker's crawl does) and by the pool, forced on.
@pytest.mark.parametrize("readers", [0, READERS], ids=["4-amounts", "4-amounts-pool"])
def test_crawl_of_9_mb_pages_of_amounts_stays_under_300_mb(tmp_path: Path, readers: int) -> None:
    crawl_stays_under_limit(tmp_path, 4, SENTENCE, readers)


def _unannounced(body: bytes) -> Callable[[FaultHandler], None]:
    """The whole page without Content-Length (close-delimited), in 64 KiB writes."""

    def answer(h: FaultHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Connection", "close")
        h.end_headers()
        for start in range(0, len(body), 65_536):
            h.wfile.write(body[start : start + 65_536])
        h.close_connection = True

    return answer


def test_pages_over_the_page_budget_wait_their_turn_and_none_is_lost(tmp_path: Path) -> None:
    """A budget of 1 MB and pages of 600 KB: a page whose headers announce more than the budget has
    left is stopped there and fetched again once it fits; one of unannounced size is stopped as its
    bytes pass it. Every page is stored, none is asked for more than twice."""
    text = "군은 내년 도로 정비 계획을 밝혔다. " * 12_000  # ~600 KB
    with FaultServer() as server:
        sources, pages = [], []
        for s in range(4):
            links = [(f"{server.base_url}/b{s}/p{p}.html", f"문서 {p}") for p in range(2)]
            server.route(f"/b{s}/feed.xml", page(rss(links), "application/rss+xml"))
            for p in range(2):
                body = article_html(f"문서 {s}-{p}", text).encode()
                server.route(f"/b{s}/p{p}.html", _unannounced(body) if s == 3 else page(body))
                pages.append(f"/b{s}/p{p}.html")
            sources.append({"name": f"b{s}", "org": "시험군", "kind": "rss", "url": f"{server.base_url}/b{s}/feed.xml",
                            "allow_private": True, "delay": 0, "timeout": 60})  # fmt: skip
        data = {"database": f"sqlite:///{tmp_path}/bw.sqlite", "page_budget_mb": 1, "sources": sources}
        result = budgetwatch("--config", str(write_config(tmp_path / "c.yaml", data)), "crawl", timeout=120)
        asked = {path: server.requests.count(path) for path in pages}
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("new 2,") == result.stdout.count("errors 0") == 4, result.stdout
    assert max(asked.values()) == 2, asked  # some stopped for the budget, and fetched again once
    assert min(asked.values()) == 1, asked
