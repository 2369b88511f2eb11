"""Article reading in instructions: ours against trafilatura alone, page by page, under valgrind.

Wall time on a shared machine varies by up to 2x between runs; instruction counts repeat. This runs
the readers of ``bench.article_speed`` over the 181 benchmark pages (every Nth with ``--every``)
under ``valgrind --tool=callgrind --dump-before=getppid``: the reading process calls
``os.getppid()`` before each reading, so callgrind writes one dump per reading, and the median
instructions per page of each reader and their median per-page ratio are printed.

    python -m bench.article_instructions [--every 4]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.article_speed import ROOT, benchmark_pages, ours, trafilatura_alone

_PART = re.compile(r"^part: (\d+)$", re.MULTILINE)
_SUMMARY = re.compile(r"^summary: (\d+)$", re.MULTILINE)


def read_marked(shared: Path, every: int) -> None:
    """Child mode: read the pages with a marker call (a callgrind dump) before each reading."""
    pages = benchmark_pages(shared)[::every]
    read = ours()
    for url, html in pages[:2]:  # warm up: imports, compiled patterns, caches
        read(url, html)
        trafilatura_alone(url, html)
    for url, html in pages:
        os.getppid()
        read(url, html)
        os.getppid()
        trafilatura_alone(url, html)
    os.getppid()


def dumped_parts(directory: Path) -> list[int]:
    """Instructions of each callgrind dump, in order (the first is start-up, the last the exit)."""
    parts: dict[int, int] = {}
    for path in directory.iterdir():
        text = path.read_text(encoding="utf-8", errors="replace")
        part, summary = _PART.search(text), _SUMMARY.search(text)
        if part and summary:
            parts[int(part.group(1))] = int(summary.group(1))
    return [parts[number] for number in sorted(parts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--every", type=int, default=1, help="read every Nth page (callgrind runs ~50x slower)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        read_marked(args.shared.resolve(), args.every)
        return
    with tempfile.TemporaryDirectory() as directory:
        command = [
            "valgrind", "--tool=callgrind", "--dump-before=getppid", "--dump-instr=no",
            f"--callgrind-out-file={directory}/callgrind.out", sys.executable, "-m", "bench.article_instructions",
            "--child", "--shared", str(args.shared), "--every", str(args.every),
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        readings = dumped_parts(Path(directory))[1:-1]
    ours_counts, alone_counts = readings[0::2], readings[1::2]
    ratios = [a / b for a, b in zip(ours_counts, alone_counts, strict=True)]
    print(f"benchmark: {len(ours_counts)} pages, instructions per page (median)")
    print(f"  budgetwatch  {statistics.median(ours_counts) / 1e6:7.1f} M  total {sum(ours_counts) / 1e9:6.2f} G")
    print(f"  trafilatura  {statistics.median(alone_counts) / 1e6:7.1f} M  total {sum(alone_counts) / 1e9:6.2f} G")
    print(f"  budgetwatch / trafilatura per page: median {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
