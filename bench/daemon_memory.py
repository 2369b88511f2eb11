"""Daemon memory and scheduling delay: 500 scheduled crawls of a small local site in one daemon.

Runs `python scheduler.py` against the sample RSS site on 127.0.0.1 (a feed and 5 articles,
rechecked with conditional GETs) as SOURCES sources every second, reads the daemon's structured
log, and prints resident memory after 10, 100 and 500 crawls, the scheduling delay (fire time to
job start) and the crawl time. `--subprocess N` also times N one-source `budgetwatch crawl`
processes, the cost of the process-per-crawl alternative.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from demo.sample_config import sample_config
from demo.site import SampleSite

ROOT = Path(__file__).resolve().parents[1]
MARKS = (1, 10, 100, 250, 500)


def bench_config(base_url: str, database: str, sources: int) -> dict[str, Any]:
    data = sample_config(base_url, database)
    feed = next(s for s in data["sources"] if s["kind"] == "rss")
    data["sources"] = [{**feed, "name": f"bench-{i:02d}", "schedule": "every 1 seconds"} for i in range(sources)]
    return data


def parse(line: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in shlex.split(line))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_daemon(config: Path, crawls: int) -> dict[str, Any]:
    proc = subprocess.Popen(
        [sys.executable, "scheduler.py", "--config", str(config)], cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    rss: dict[int, float] = {}
    delays: list[float] = []
    durations: list[float] = []
    statuses: dict[str, int] = {}
    skipped = 0
    began = time.monotonic()
    stopping = False
    for raw in proc.stderr:
        if not raw.startswith("ts="):
            sys.stderr.write(raw)  # a traceback: not ours to hide
            continue
        line = parse(raw)
        event = line.get("event")
        if event == "daemon_started":
            rss[0] = float(line["rss_mb"])
        elif event == "job_started":
            delays.append(float(line["delay_ms"]))
        elif event == "job_skipped":
            skipped += 1
        elif event == "crawl_done":
            done = int(line["crawls"])
            durations.append(float(line["duration_s"]))
            statuses[line["status"]] = statuses.get(line["status"], 0) + 1
            if done in MARKS:
                rss[done] = float(line["rss_mb"])
            if done >= crawls and not stopping:
                proc.send_signal(signal.SIGTERM)
                stopping = True
        elif line.get("level") in ("error", "warning"):
            sys.stderr.write(raw)
    code = proc.wait(60)
    return {
        "rss": rss,
        "delays": delays,
        "durations": durations,
        "statuses": statuses,
        "skipped": skipped,
        "wall": time.monotonic() - began,
        "exit": code,
    }


def time_subprocess_crawls(config: Path, count: int) -> list[float]:
    times = []
    for _ in range(count):
        began = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "cli.main", "--config", str(config), "crawl", "bench-00"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        times.append(time.monotonic() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crawls", type=int, default=500)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--subprocess", type=int, default=5, help="one-source crawl processes to time (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, SampleSite() as site:
        config = Path(tmp) / "bench.yaml"
        data = bench_config(site.base_url, f"sqlite:///{tmp}/bench.sqlite", args.sources)
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = run_daemon(config, args.crawls)
        print(
            f"daemon: {args.crawls} crawls of {args.sources} sources every 1 s in {result['wall']:.0f} s, "
            f"exit {result['exit']}, statuses {result['statuses']}, skipped (still running) {result['skipped']}"
        )
        print("resident memory (MB): " + ", ".join(f"after {n}: {mb:.1f}" for n, mb in sorted(result["rss"].items())))
        delays = sorted(result["delays"])
        print(
            f"scheduling delay (ms): median {median(delays):.1f}, p90 {delays[int(len(delays) * 0.9)]:.1f}, "
            f"max {delays[-1]:.1f} over {len(delays)} job starts"
        )
        first, rest = result["durations"][:50], result["durations"][-50:]
        print(
            f"in-process crawl time (s): median {median(result['durations']):.3f} "
            f"(first 50: {median(first):.3f}, last 50: {median(rest):.3f})"
        )
        if args.subprocess:
            times = time_subprocess_crawls(config, args.subprocess)
            print(f"process per crawl (`budgetwatch crawl`, {len(times)} runs): median {median(times):.2f} s wall")


if __name__ == "__main__":
    main()
