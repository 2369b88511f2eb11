"""The cue index answers as a regex search of the slice would, for every slice tried: the Korean
words, the English words (letters, word boundaries at the slice's edges) and patterns of other shapes."""

from __future__ import annotations

import random
import re

import pytest

from extract.statements.cue_index import CueIndex, cue_shape
from extract.statements.role_features import _CUES
from extract.statements.training import read_docs
from tests.shared import shared_path

# Written for this test: Korean and English cue words cut at every place by the slices.
TEXTS = (
    "내년도 예산안은 총 규모 3조원으로 올해보다 2천억원 증액됐다. 국비 확보에 실패해 감액, 요청 미반영.",
    "The council cut the capital budget by $2.1 million, up from last year's total; savings cuts increased.",
    "도로 정비 사업비 30억원(project funding) 가운데 세입은 reduced revenue로 줄었다.\n총예산",
    "xcut cutting tax taxes Taxed ſavings K-budget İncrease",
)
# Patterns of other shapes are searched as written.
ODD = {
    "optional": re.compile(r"증액|\b(?:x?cut)\b", re.I),
    "class_first": re.compile(r"증액|[a-z]+세"),
    "korean_only": re.compile(r"증액|감액"),
}


def _check(text: str, cues: dict[str, re.Pattern[str]], slices: list[tuple[int, int]]) -> None:
    index = CueIndex(text, cues)
    for lo, hi in slices:
        searched = [cue for cue, pattern in cues.items() if pattern.search(text[lo:hi])]
        assert index.cues_in(lo, hi) == searched, (lo, hi, text[lo:hi])


@pytest.mark.parametrize("text", TEXTS)
def test_every_slice_of_written_texts(text: str) -> None:
    n = len(text)
    slices = [(lo, hi) for lo in range(n + 2) for hi in range(lo - 1, min(n + 3, lo + 40))]
    slices += [(-5, n), (3, -2), (-9, -1)]  # counted from the end
    _check(text, _CUES, slices)
    _check(text, ODD, slices)
    _check(text, {**_CUES, **ODD}, slices)


def test_random_slices_of_the_labelled_texts() -> None:
    rng = random.Random(13)
    for doc in read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl")):
        text = doc["text"]
        slices = [(lo, lo + rng.randrange(0, 120)) for lo in (rng.randrange(len(text) + 1) for _ in range(60))]
        _check(text, _CUES, slices)


def test_shapes() -> None:
    assert all(cue_shape(p) is not None for p in _CUES.values())  # the role cues are all indexed
    assert cue_shape(ODD["optional"]) is None
    assert cue_shape(ODD["class_first"]) is None
    assert cue_shape(ODD["korean_only"]) is None


def test_long_texts_are_searched_as_before() -> None:
    text = TEXTS[1] * 1200  # past the length the index is built for
    index = CueIndex(text, _CUES)
    assert index.korean is None and not index.letters
    _check(text, _CUES, [(0, 90), (5, 60), (len(text) - 50, len(text))])
