"""The words around one amount, read once and shared by the learned subject, role and year choices."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extract.statements.words import is_noun_word, split_particle

# A word: no spaces, no list or quote punctuation ("·" joins list items, "|" table cells).
_WORD = re.compile(r"[^\s,;:…“”\"'‘’\[\]△▲▷○●■□◆◇※|·]+")
# A sentence ends between two words: a full stop before a space, a line break, "다." endings.
_BREAK = re.compile(r"[.!?。]\s|\n")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[가-힣A-Za-z]")
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
# "체육공원 조성사업이다", "사업비이며": a noun with the copula ends a phrase as a particle does.
_COPULA = re.compile(r"(?<=[가-힣])(?:이다|이며|이고|이었다|입니다|이라는)$")
_JOINER = re.compile(r"[ \t·∙ㆍ]*")


def _word(text: str, start: int, end: int, korean: bool, previous_end: int | None) -> Word:
    raw = text[start:end]
    joins = previous_end is not None and _JOINER.fullmatch(text, previous_end, start) is not None
    if korean:
        core = raw.rstrip(".!?")  # "조성사업이다.": the full stop ends the sentence, not the word
        stem, particle = split_particle(core)
        closed = _AFTER_PARENTHESIS.search(core)
        if closed and not particle:
            stem, particle = core[: closed.start() + 1], closed.group(1)
        copula = _COPULA.search(core)
        if copula and not particle and is_noun_word(core[: copula.start()]):
            stem, particle = core[: copula.start()], copula.group()
        return Word(start, start + len(core), core, stem, particle, bool(stem) and is_noun_word(stem), joins)
    stem = raw.strip(_EN_TRIM).lower()
    return Word(start, end, raw, stem, "", bool(stem) and not _DIGIT.search(stem), joins)


@dataclass(frozen=True)
class DocumentWords:
    """Every word of a text outside its amounts, read once and shared by every amount's window."""

    text: str
    korean: bool
    words: tuple[Word, ...]
    starts: list[int]
    amount_starts: list[int]
    amount_ends: list[int]
    breaks: list[int]  # positions of sentence breaks


def read_words(text: str, korean: bool, amounts: list[tuple[int, int]]) -> DocumentWords:
    """The words of text outside the (sorted, non-overlapping) amounts; a word after an amount joins nothing."""
    out: list[Word] = []
    previous_end: int | None = None
    k = 0
    for m in _WORD.finditer(text):
        while k < len(amounts) and amounts[k][1] <= m.start():
            k += 1
        if k < len(amounts) and amounts[k][0] < m.end():
            # "조성(75억원)": the letters before an amount inside a word are a word; what is glued
            # after it ("을", "보다", "에서") belongs to the amount
            if _LETTER.search(text, m.start(), amounts[k][0]):
                out.append(_word(text, m.start(), amounts[k][0], korean, previous_end))
            previous_end = None
            continue
        out.append(_word(text, m.start(), m.end(), korean, previous_end))
        previous_end = m.end()
    return DocumentWords(
        text,
        korean,
        tuple(out),
        [w.start for w in out],
        [s for s, _ in amounts],
        [e for _, e in amounts],
        [m.start() for m in _BREAK.finditer(text)],
    )


def _between(doc: DocumentWords, a: int, b: int) -> tuple[int, int]:
    """(amounts, sentence breaks) wholly within text[a:b]; a break's full stop may end the word before a."""
    if b <= a:
        return 0, 0
    amounts = bisect.bisect_right(doc.amount_ends, b) - bisect.bisect_left(doc.amount_starts, a)
    breaks = bisect.bisect_left(doc.breaks, b) - bisect.bisect_left(doc.breaks, a - 1)
    return max(amounts, 0), breaks


def read_window(doc: DocumentWords, start: int, end: int) -> AmountWindow:
    """The words within reach of the amount doc.text[start:end]."""
    lo = bisect.bisect_left(doc.starts, max(0, start - REACH_BEFORE))
    mid = bisect.bisect_left(doc.starts, start)
    hi = bisect.bisect_left(doc.starts, min(len(doc.text), end + REACH_AFTER))
    before = doc.words[lo:mid]
    after = tuple(w for w in doc.words[mid:hi] if w.start >= end)
    return AmountWindow(
        doc.text,
        start,
        end,
        before,
        after,
        doc.korean,
        tuple(_between(doc, w.end, start) for w in before),
        tuple(_between(doc, end, w.start) for w in after),
    )
