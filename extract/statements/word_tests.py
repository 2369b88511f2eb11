"""Vocabulary patterns asked of one word at a time, answered once a word.

The candidate phrases of an amount share their words (a word sits in up to eight phrases, and a
text's words recur in the next amount's window and in the next text), and a regex match costs
more to start than a cache lookup does, so these tests are cached per word.
"""

from __future__ import annotations

from functools import lru_cache

from extract.statements.vocabulary import COUNT_WORD, KO_TIME_SUBJECT, TIME_OR_STAGE


@lru_cache(maxsize=16384)
def is_time_or_stage(word: str) -> bool:
    """TIME_OR_STAGE.match(word): the word says when or at which stage, never what."""
    return TIME_OR_STAGE.match(word) is not None


@lru_cache(maxsize=16384)
def is_count_word(word: str) -> bool:
    """COUNT_WORD.match(word): "5건", "30곳", "600여명"."""
    return COUNT_WORD.match(word) is not None


@lru_cache(maxsize=16384)
def is_time_subject(word: str) -> bool:
    """KO_TIME_SUBJECT.match(word): "내년도", "2024년"."""
    return KO_TIME_SUBJECT.match(word) is not None


@lru_cache(maxsize=16384)
def has_digit(word: str) -> bool:
    """Whether the word holds a digit (a letters-only word holds none: no character is both)."""
    return not word.isalpha() and any(ch.isdigit() for ch in word)
