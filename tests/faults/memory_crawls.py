"""The crawls of the memory tests: 9 MB single-line pages (under the 10 MB limit) from several
sources at once, read with the real CLI in a child process; the peak is the whole crawl tree's
(the crawl process, the pool's fork server, reading processes and resource tracker: their summed
PSS, tests/faults/tree_memory.py), whatever the test process holds. Two test modules share them,
so that `make test`'s workers run their crawls side by side."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.faults.conftest import ROOT, write_config
from tests.faults.server import FaultHandler, FaultServer, page, rss
from tests.faults.tree_memory import TreePeak, watch

PEAK_LIMIT_MB = 300
PAGE_BYTES = 9_000_000
PAGES = 2
READERS = 1  # the read pool forced on, as large as idle cores make it on a 2-core machine
SENTENCE = "군은 내년 예산 30억원을 도로 정비에 편성했다고 밝혔다. "
FILLER = "군은 내년 도로 정비 계획을 밝혔다. "


def _big_page(sentence: str) -> Callable[[FaultHandler], None]:
    """A 9 MB page on one line, ``sentence`` over and over after one of 30억원."""
    body = SENTENCE + sentence * (PAGE_BYTES // len(sentence.encode()))
    return page(f"<html><head><title>큰 문서</title></head><body><h1>큰 문서</h1><p>{body}</p></body></html>")


def crawl_stays_under_limit(tmp_path: Path, sources: int, sentence: str, readers: int) -> None:
    """Crawl ``sources`` sources of PAGES 9 MB pages of ``sentence`` with ``readers`` reading processes."""
    big = _big_page(sentence)  # one 9 MB body served for every page
    with FaultServer() as server:
        entries = []
        for s in range(sources):
            links = [(f"{server.base_url}/s{s}/p{p}.html", f"큰 문서 {p}") for p in range(PAGES)]
            server.route(f"/s{s}/feed.xml", page(rss(links), "application/rss+xml"))
            for p in range(PAGES):
                server.route(f"/s{s}/p{p}.html", big)
            entries.append({"name": f"s{s}", "org": "시험군", "kind": "rss", "url": f"{server.base_url}/s{s}/feed.xml",
                            "allow_private": True, "delay": 0, "timeout": 60})  # fmt: skip
        data = {"database": f"sqlite:///{tmp_path}/bw.sqlite", "read_processes": readers, "sources": entries}
        code, stdout, stderr, peak = _crawl(write_config(tmp_path / "c.yaml", data), tmp_path)
    figures = f"crawl {peak.figures()}"
    print(figures)  # pytest -s: the figures of docs/faults.md
    assert code == 0, stdout + stderr
    assert stdout.count(f"new {PAGES}") == sources, stdout
    assert any(name.endswith("reader") for name in peak.shares_kb) == (readers > 0), figures  # the pool, at the peak
    assert 50 < peak.pss_mb < PEAK_LIMIT_MB, figures  # over 50: the sampling saw it


def _crawl(config: Path, tmp_path: Path) -> tuple[int, str, str, TreePeak]:
    """Exit code, stdout, stderr and memory peak of `budgetwatch crawl` and its children (its read
    pool's), killed after 600 s.

    Sampled from /proc while they run (tests/faults/tree_memory.py): not the rusage maxrss of
    os.wait4, which Linux keeps across exec and so includes the resident memory of the pytest
    process the child was forked (vforked) from (a pytest-xdist worker holding the whole suite's
    imports made a 270 MB crawl read as over 300 MB)."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "cli.main", "--config", str(config), "crawl"], cwd=ROOT,
                                 stdout=stdout, stderr=stderr)  # fmt: skip
        peak = watch(child, timeout=600)
    return child.returncode, out.read_text(), err.read_text(), peak
