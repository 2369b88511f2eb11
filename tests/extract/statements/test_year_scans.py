"""relative_words and _year_matches find what RELATIVE.finditer and _YEAR.finditer find, on every window tried."""

from __future__ import annotations

import random
import re

from extract.statements.training import read_docs
from extract.statements.year_words import _YEAR, RELATIVE, _split_words, _year_matches, relative_words
from tests.shared import shared_path

# Written for this test: Korean and English year words side by side, cut by the windows.
TEXTS = (
    "내년도 예산은 올해보다 늘었고 Next Year's plan, 다음 해와 다음해, 지난해 this year 내후년내년",
    "the following year and the previous   year; LAST YEAR 작년 전년도 금년 새해 당해 coming year",
    "2024년 FY2024-25 fy 25 Fy'26 20192020년 1920억원 2,019 million 2024/5 $2018 2046억 2023~2024년 202",
)


def _found(matches: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def _check(text: str, windows: list[tuple[int, int]]) -> None:
    for lo, hi in windows:
        assert _found(relative_words(text, lo, hi)) == _found(list(RELATIVE.finditer(text, lo, hi))), (lo, hi)
        assert _found(_year_matches(text, lo, hi)) == _found(list(_YEAR.finditer(text, lo, hi))), (lo, hi)


def test_written_texts() -> None:
    for text in TEXTS:
        n = len(text)
        _check(text, [(lo, hi) for lo in range(n + 1) for hi in range(lo, n + 1)])


def test_labelled_texts() -> None:
    rng = random.Random(5)
    for doc in read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl")):
        text = doc["text"]
        starts = [rng.randrange(len(text) + 1) for _ in range(40)]
        _check(text, [(0, len(text)), *((lo, min(len(text), lo + rng.randrange(300))) for lo in starts)])


def test_split_only_flat_word_lists() -> None:
    assert _split_words(RELATIVE) is not None  # the year words are read the fast way
    assert _split_words(re.compile(r"내년|next (?:year)", re.I)) is None
    assert _split_words(re.compile(r"내년|올해", re.I)) is None  # nothing to gain
    assert _split_words(re.compile(r"내년|\d+ years?", re.I)) is None
