"""Article reading speed: ms per page (median) and peak memory, ours against trafilatura alone.

Reads the 181 pages of the article extraction benchmark (../shared/eval/aeb), the 10 Korean
article pages of ../shared/eval/kr-pages (with their site profiles, as `budgetwatch article`
reads them) and the 31 CMS-family pages of tests/extract/article/cms (no profile matches them),
times `extract.article.reader.read_article` and trafilatura 2 alone
(`bare_extraction(html, url=..., with_metadata=True)`, the baseline the issue compares against)
page by page (the two take turns on each page, so a shared machine's changing load weighs on
both), and prints the median and 90th percentile ms per page, the median per-page ratio of the
two, and the peak resident memory of a fresh process that reads all the pages with one reader
(lxml allocates outside Python's heap, so tracemalloc would not see most of it).

    python bench/article_speed.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import trafilatura

from cli.article_cmd import read_with_profile
from config.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
KST = ZoneInfo("Asia/Seoul")
Page = tuple[str, str]  # (url, html)
Reader = Callable[[str, str], object]


def benchmark_pages(shared: Path) -> list[Page]:
    """The 181 pages of the article extraction benchmark, decoded as the scoring script does."""
    aeb = shared / "eval" / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (
            rec.get("url") or "",
            gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace"),
        )
        for key, rec in truth.items()
    ]


def korean_pages(shared: Path) -> list[Page]:
    """The article (detail) pages of kr-pages."""
    base = shared / "eval" / "kr-pages"
    labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))["pages"]
    return [(rec["url"], (base / rec["file"]).read_text(encoding="utf-8")) for rec in labels if rec["kind"] == "detail"]


def ours() -> Reader:
    profiles = load_catalog()

    def read(url: str, html: str) -> object:
        return read_with_profile(html, url, profiles, KST)[0]

    return read


def trafilatura_alone(url: str, html: str) -> object:
    return trafilatura.bare_extraction(html, url=url or None, with_metadata=True)


def time_pages(reads: dict[str, Reader], pages: list[Page], repeat: int) -> dict[str, list[float]]:
    """The best of ``repeat`` runs per page and reader, in ms. The readers take turns on each page,
    so a load that comes and goes on a shared machine weighs on both alike."""
    times: dict[str, list[float]] = {label: [] for label in reads}
    for url, html in pages:
        best = dict.fromkeys(reads, float("inf"))
        for _ in range(repeat):
            for label, read in reads.items():
                start = time.perf_counter()
                read(url, html)
                best[label] = min(best[label], time.perf_counter() - start)
        for label, seconds in best.items():
            times[label].append(1000 * seconds)
    return times


def peak_memory(reader: str, page_set: str, shared: Path) -> float:
    """Peak resident memory (MiB) of a fresh process reading ``page_set`` with ``reader``."""
    command = [sys.executable, "-m", "bench.article_speed", "--shared", str(shared), "--memory", reader, page_set]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def measure_memory(reader: str, page_set: str, shared: Path) -> None:
    """Child mode: load the pages, read them all, print the peak resident set in MiB."""
    pages = PAGE_SETS[page_set](shared)
    read = readers()[reader]
    for url, html in pages:
        read(url, html)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # kilobytes on Linux


def cms_pages(shared: Path) -> list[Page]:
    """The CMS-family test pages of tests/extract/article/cms (dev and held out), decoded by their labels."""
    pages: list[Page] = []
    for split in ("dev", "held_out"):
        base = ROOT / "tests" / "extract" / "article" / "cms" / split
        labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))["pages"]
        pages += [(rec["url"], (base / rec["file"]).read_bytes().decode(rec["encoding"])) for rec in labels]
    return pages


PAGE_SETS: dict[str, Callable[[Path], list[Page]]] = {
    "benchmark": benchmark_pages,
    "korean": korean_pages,
    "cms": cms_pages,
}


def readers() -> dict[str, Reader]:
    return {"budgetwatch": ours(), "trafilatura": trafilatura_alone}


def report(page_set: str, shared: Path, repeat: int) -> None:
    pages = PAGE_SETS[page_set](shared)
    print(f"{page_set}: {len(pages)} pages")
    reads = readers()
    for read in reads.values():
        read(*pages[0])  # warm up: imports, compiled patterns, profile catalog
    timed = time_pages(reads, pages, repeat)
    for label, page_times in timed.items():
        times = sorted(page_times)
        p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
        print(
            f"  {label:<12} median {statistics.median(times):6.1f} ms/page  p90 {p90:7.1f}  "
            f"total {sum(times) / 1000:5.1f} s  peak RSS {peak_memory(label, page_set, shared):6.1f} MiB"
        )
    ratios = [ours / alone for ours, alone in zip(timed["budgetwatch"], timed["trafilatura"], strict=True)]
    print(f"  budgetwatch / trafilatura per page: median {statistics.median(ratios):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest counts")
    parser.add_argument("--memory", nargs=2, metavar=("READER", "PAGES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        reader, page_set = args.memory
        measure_memory(reader, page_set, args.shared.resolve())
        return
    for page_set in PAGE_SETS:
        report(page_set, args.shared.resolve(), args.repeat)


if __name__ == "__main__":
    main()
