"""Whole-text scans skipped where what they look for cannot be: the answers are those of the full
scans, on written and labelled texts."""

from __future__ import annotations

import pytest

from extract.statements.english_amounts import _EN_HINT, has_english_hint
from extract.statements.fiscal_year import _EN_YEAR, _KO_BUDGET_YEAR, _stated_years
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


def _labelled_texts() -> list[str]:
    docs = read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl"))
    return [d["text"] for d in docs]


def _check_stated_years(text: str) -> None:
    """The spans found are those both patterns find with every English form read."""
    ko = [(m.start(), m.end()) for m in _KO_BUDGET_YEAR.finditer(text)]
    en = [(m.start(), m.end()) for m in _EN_YEAR.finditer(text)]
    assert [(s, e) for _, s, e in _stated_years(text)] == sorted(ko + en, key=lambda f: f[0])


@pytest.mark.parametrize(
    "text",
    [
        "2024년도 예산",
        "FY2024-25 plan",
        "fiscal year 2025",
        "the 2024-25 Budget",
        "2025 capital budget",
        "AI SOC 2024",
        "1920억원 2019년 예산 20202021년도 예산 2020 년 추경",
    ],
)
def test_stated_years_written(text: str) -> None:
    _check_stated_years(text)


def test_stated_years_labelled() -> None:
    for text in _labelled_texts():
        _check_stated_years(text)
        _check_stated_years(text[:3000])
