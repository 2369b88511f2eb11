"""A crawl's peak memory stays under 300 MB whatever the pages: here 9 MB single-line pages
(under the 10 MB limit) from several sources at once, read with the real CLI in a child process.
The peak is that child's own (os.wait4), whatever other children of the test run peaked at before."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
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
        code, stdout, stderr, peak_mb = _crawl(config, tmp_path)
    assert code == 0, stdout + stderr
    assert stdout.count(f"new {PAGES}") == SOURCES, stdout
    assert peak_mb < PEAK_LIMIT_MB, f"crawl peaked at {peak_mb:.0f} MB"


def _crawl(config: Path, tmp_path: Path) -> tuple[int, str, str, float]:
    """Exit code, stdout, stderr and peak resident MB of `budgetwatch crawl` (and of any process
    it waited for), killed after 600 s."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "cli.main", "--config", str(config), "crawl"], cwd=ROOT,
                                 stdout=stdout, stderr=stderr)  # fmt: skip
        timer = threading.Timer(600, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, out.read_text(), err.read_text(), usage.ru_maxrss / 1024
