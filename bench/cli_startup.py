"""How long the CLI takes to start: `budgetwatch --help`, `--version`, and loading the `crawl`
command (what a worker's crawl child imports before it crawls). Medians of fresh processes.

Run: .venv/bin/python -m bench.cli_startup [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES: dict[str, list[str]] = {
    "budgetwatch --help": [sys.executable, "-m", "cli.main", "--help"],
    "budgetwatch --version": [sys.executable, "-m", "cli.main", "--version"],
    "import cli.main": [sys.executable, "-c", "import cli.main"],
    "load the crawl command": [
        sys.executable,
        "-c",
        "import click; from cli.main import cli; cli.get_command(click.Context(cli), 'crawl')",
    ],  # fmt: skip
    "load the status command": [
        sys.executable,
        "-c",
        "import click; from cli.main import cli; cli.get_command(click.Context(cli), 'status')",
    ],  # fmt: skip
}


def seconds(argv: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    for name, argv in CASES.items():
        times = sorted(seconds(argv) for _ in range(args.runs))
        print(f"{name:<26} median {statistics.median(times):.3f} s  min {times[0]:.3f}  max {times[-1]:.3f}")


if __name__ == "__main__":
    main()
