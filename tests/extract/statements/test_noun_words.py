"""Which Korean words may sit inside a subject phrase: nouns, not verb forms or connectives.
Words written for this test."""

from __future__ import annotations

import pytest

from extract.statements.words import is_noun_word


@pytest.mark.parametrize(
    "word",
    ["따르면", "빠르면", "삭감되었으나", "증액했으나", "이어", "이어서", "앞서", "많", "늘어", "선정돼", "위해"],
)
def test_verb_forms_and_connectives_are_no_nouns(word: str) -> None:
    assert not is_noun_word(word)


@pytest.mark.parametrize("word", ["물야면", "측면", "초과", "유아", "창고", "재해", "편성", "도로"])
def test_nouns_that_end_like_them_stay_nouns(word: str) -> None:
    assert is_noun_word(word)
