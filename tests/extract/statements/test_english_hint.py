"""has_english_hint answers as the whole _EN_HINT pattern would, on written and labelled texts."""

from __future__ import annotations

import pytest

from extract.statements.english_amounts import _EN_HINT, has_english_hint
from extract.statements.training import read_docs
from tests.shared import shared_path


@pytest.mark.parametrize(
    "text",
    [
        "예산 3억원",
        "AI 집적단지 SOC",
        "$5",
        "US 달러",
        "USD 3",
        "a DOLLAR",
        "Euros",
        "won",
        "wonder",
        "yen.",
        "YUAN",
        "pounds",
        "weekly deposit",
        "",
    ],
)
def test_written(text: str) -> None:
    assert has_english_hint(text) == bool(_EN_HINT.search(text))


def test_labelled_texts() -> None:
    for doc in read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl")):
        text = doc["text"]
        for lo in range(0, len(text), 97):
            assert has_english_hint(text[lo : lo + 150]) == bool(_EN_HINT.search(text[lo : lo + 150]))
