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
    # per word of before/after: (other amounts, sentence breaks) between that word and the amount
    before_gaps: tuple[tuple[int, int], ...] = ()
    after_gaps: tuple[tuple[int, int], ...] = ()


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


def _gaps(
    text: str, edges: list[tuple[int, int]], amounts: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Running (amounts, breaks) over consecutive stretches of text, each [a, b) of edges in turn."""
    out, n_amounts, n_breaks = [], 0, 0
    for a, b in edges:
        if b > a:
            n_amounts += sum(1 for s, e in amounts if a <= s and e <= b)
            n_breaks += len(_BREAK.findall(text, max(0, a - 1), b))  # a word may end in the full stop
        out.append((n_amounts, n_breaks))
    return tuple(out)


def read_window(text: str, start: int, end: int, korean: bool, amounts: list[tuple[int, int]]) -> AmountWindow:
    """The words within reach of text[start:end], leaving out the words of any amount."""
    lo, hi = max(0, start - REACH_BEFORE), min(len(text), end + REACH_AFTER)
    others = [(s, e) for s, e in amounts if (s, e) != (start, end)]
    before = _words(text, lo, start, korean, others)
    after = _words(text, end, hi, korean, others)
    # stretches from the amount outwards: nearest word first, then reversed back to text order
    before_edges = [(w.end, before[k + 1].start if k + 1 < len(before) else start) for k, w in enumerate(before)]
    before_gaps = _gaps(text, before_edges[::-1], others)[::-1]
    after_edges = [(after[k - 1].end if k else end, w.start) for k, w in enumerate(after)]
    return AmountWindow(text, start, end, before, after, korean, before_gaps, _gaps(text, after_edges, others))
