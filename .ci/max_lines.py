"""Fail when a Python module is longer than the house limit: small modules with one job.

Usage: python .ci/max_lines.py LIMIT PATH... (directories are searched for *.py)."""

from __future__ import annotations

import sys
from pathlib import Path


def long_modules(limit: int, paths: list[Path]) -> list[tuple[Path, int]]:
    files = sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py"))})
    counted = ((f, len(f.read_text(encoding="utf-8").splitlines())) for f in files)
    return [(f, n) for f, n in counted if n > limit]


def main(argv: list[str]) -> int:
    limit, paths = int(argv[0]), [Path(a) for a in argv[1:]]
    offenders = long_modules(limit, paths)
    for path, lines in offenders:
        print(f"{path}: {lines} lines (limit {limit}): split it by job")
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
