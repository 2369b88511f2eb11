"""The per-word tests, cached, answer as the vocabulary patterns they stand for."""

from __future__ import annotations

import pytest

from extract.statements.vocabulary import COUNT_WORD, KO_TIME_SUBJECT, TIME_OR_STAGE
from extract.statements.word_tests import has_digit, is_count_word, is_time_or_stage, is_time_subject

WORDS = ["", "올해", "내년도", "2024년", "2024년도", "This", "YEAR", "years", "당초", "5건", "30곳", "600여명", "1,000",
         "사업비", "도시철도", "2호선", "AI", "１２", "١٢", "K", "ıt", "현재\n", "예산 ", "3.5%"]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_as_the_patterns(word: str) -> None:
    for _ in range(2):  # the cached answer too
        assert is_time_or_stage(word) is bool(TIME_OR_STAGE.match(word))
        assert is_count_word(word) is bool(COUNT_WORD.match(word))
        assert is_time_subject(word) is bool(KO_TIME_SUBJECT.match(word))
        assert has_digit(word) is any(ch.isdigit() for ch in word)
