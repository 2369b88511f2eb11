"""A crawl's peak memory stays under 300 MB whatever the pages: here 9 MB single-line pages
(under the 10 MB limit) from several sources at once, read with the real CLI in a child process."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from tests.faults.conftest import ROOT, write_config
from tests.faults.server import FaultHandler, FaultServer, page, rss

PEAK_LIMIT_MB = 300
PAGE_BYTES = 9_000_000
SOURCES = 4
PAGES = 3
SENTENCE = "군은 내년 예산 30억원을 도로 정비에 편성했다고 밝혔다. "


def _big_page(h: FaultHandler) -> None:
    body = SENTENCE * (PAGE_BYTES // len(SENTENCE.encode()))
    page(f"<html><head><title>큰 문서</title></head><body><h1>큰 문서</h1><p>{body}</p></body></html>")(h)


def test_crawl_of_9_mb_pages_stays_under_300_mb(tmp_path: Path) -> None:
    with FaultServer() as server:
        sources = []
        for s in range(SOURCES):
            links = [(f"{server.base_url}/s{s}/p{p}.html", f"큰 문서 {p}") for p in range(PAGES)]
            server.route(f"/s{s}/feed.xml", page(rss(links), "application/rss+xml"))
            for p in range(PAGES):
                server.route(f"/s{s}/p{p}.html", _big_page)
            sources.append({"name": f"s{s}", "org": "시험군", "kind": "rss", "url": f"{server.base_url}/s{s}/feed.xml",
                            "allow_private": True, "delay": 0, "timeout": 60})  # fmt: skip
        config = write_config(tmp_path / "c.yaml", {"database": f"sqlite:///{tmp_path}/bw.sqlite", "sources": sources})
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        result = subprocess.run([sys.executable, "-m", "cli.main", "--config", str(config), "crawl"], cwd=ROOT,
                                capture_output=True, text=True, timeout=600)  # fmt: skip
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(f"new {PAGES}") == SOURCES, result.stdout
    assert before / 1024 < PEAK_LIMIT_MB, "an earlier child already peaked higher: run this test alone"
    assert peak_mb < PEAK_LIMIT_MB, f"crawl peaked at {peak_mb:.0f} MB"
