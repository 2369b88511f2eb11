"""Amount scanning on hostile text: seconds at N and 2N characters, so the growth shows.

Linear scanning doubles the time when the text doubles (ratio ~2); the old scanner's ratio on
"1." * N + "억원" was ~4 (40,000 repeats: 8.7 s, 200,000: over 2 minutes).

Run: .venv/bin/python -m bench.amount_speed [--repeats 100000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from extract.statements.amounts import find_amounts
from extract.statements.extractor import extract_statements

CASES: dict[str, Callable[[int], str]] = {
    "'1.' * n + '억원'": lambda n: "1." * n + "억원",
    "'1' * n + '조'": lambda n: "1" * n + "조",
    "'1천' * n + '원'": lambda n: "1천" * n + "원",
    "'1,0' * n + '억원'": lambda n: "1,0" * n + "억원",
    "'예산 30억원을 ' * n": lambda n: "예산 30억원을 " * (n // 4),
}


def _seconds(run: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100_000)
    n = parser.parse_args().repeats
    print(f"{'text':28} {'find_amounts n':>15} {'2n':>8} {'ratio':>6} {'extract n':>10} {'2n':>8}")
    for name, make in CASES.items():
        small, large = make(n), make(2 * n)
        a1, a2 = _seconds(find_amounts, small), _seconds(find_amounts, large)
        e1, e2 = _seconds(extract_statements, small), _seconds(extract_statements, large)
        print(f"{name:28} {a1:14.3f}s {a2:7.3f}s {a2 / max(a1, 1e-9):6.1f} {e1:9.3f}s {e2:7.3f}s")


if __name__ == "__main__":
    main()
