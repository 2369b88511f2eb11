"""The words around one amount, read once and shared by the learned subject, role and year choices."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.statements.words import is_noun_word, split_particle

# A word: no spaces, no list or quote punctuation ("·" joins list items, "|" table cells).
_WORD = re.compile(r"[^\s,;:…“”\"'‘’\[\]△▲▷○●■□◆◇※|·]+")
# A sentence ends between two words: a full stop before a space, a line break, "다." endings.
_BREAK = re.compile(r"[.!?。]\s|\n")
_DIGIT = re.compile(r"\d")
_EN_TRIM = ".,()\"'"

# How far the candidate phrases reach: 150 characters before the amount, 60 after, four words at most.
# On the labelled train set these keep a phrase matching the labelled subject for 97 % of Korean and
# 99 % of English amounts, with about 120 candidates each (measured by tests/extract/statements).
REACH_BEFORE = 150
REACH_AFTER = 60
MAX_WORDS = 4


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    stem: str  # without its particle (Korean) or trailing punctuation, lower-cased (English)
    particle: str
    noun: bool
    joins_previous: bool  # only spaces or a middle dot between it and the word before: one phrase may hold both


@dataclass(frozen=True)
class AmountWindow:
    """The words before and after one amount in text, with sentence breaks and other amounts marked."""

    text: str
    start: int  # the amount's span in text
    end: int
    before: tuple[Word, ...]  # nearest last
    after: tuple[Word, ...]  # nearest first
    korean: bool
    amounts: tuple[tuple[int, int], ...] = ()  # the other amounts near this one

    def amounts_between(self, a: int, b: int) -> int:
        """Other amounts wholly inside text[a:b]."""
        return sum(1 for s, e in self.amounts if a <= s and e <= b and (s, e) != (self.start, self.end))

    def breaks_between(self, a: int, b: int) -> int:
        """Sentence breaks in text[a:b]."""
        return len(_BREAK.findall(self.text, a, b)) if b > a else 0


# "예산(안)을": a particle after a closing parenthesis, which the batchim rule cannot judge.
_AFTER_PARENTHESIS = re.compile(r"\)(에서는|에서|에는|으로|을|를|이|가|은|는|의|에|로|과|와|도)$")
_JOINER = re.compile(r"[ \t·∙ㆍ]*")


def _word(text: str, m: re.Match[str], korean: bool, previous_end: int | None) -> Word:
    raw = m.group()
    joins = previous_end is not None and _JOINER.fullmatch(text, previous_end, m.start()) is not None
    if korean:
        stem, particle = split_particle(raw)
        closed = _AFTER_PARENTHESIS.search(raw)
        if closed and not particle:
            stem, particle = raw[: closed.start() + 1], closed.group(1)
        return Word(m.start(), m.end(), raw, stem, particle, bool(stem) and is_noun_word(stem), joins)
    stem = raw.strip(_EN_TRIM).lower()
    return Word(m.start(), m.end(), raw, stem, "", bool(stem) and not _DIGIT.search(stem), joins)


def _words(text: str, lo: int, hi: int, korean: bool, amounts: list[tuple[int, int]]) -> tuple[Word, ...]:
    """The words of text[lo:hi] outside every amount; a word after an amount joins nothing."""
    out: list[Word] = []
    previous_end: int | None = None
    for m in _WORD.finditer(text, lo, hi):
        if any(m.start() < e and m.end() > s for s, e in amounts):
            previous_end = None
            continue
        out.append(_word(text, m, korean, previous_end))
        previous_end = m.end()
    return tuple(out)


def read_window(text: str, start: int, end: int, korean: bool, amounts: list[tuple[int, int]]) -> AmountWindow:
    """The words within reach of text[start:end], leaving out the words of any amount."""
    lo, hi = max(0, start - REACH_BEFORE), min(len(text), end + REACH_AFTER)
    return AmountWindow(
        text,
        start,
        end,
        _words(text, lo, start, korean, amounts),
        _words(text, end, hi, korean, amounts),
        korean,
        tuple(amounts),
    )
