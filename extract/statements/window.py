"""The words around one amount, read once and shared by the learned subject, role and year choices."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import sub
from typing import NamedTuple

from extract.statements.words import is_noun_word, split_particle

# A word: no spaces, no list or quote punctuation ("·" joins list items, "|" table cells).
# "반영됐다.2017·2018년도", "됐다.주요 사업": a full stop glued to the next sentence still ends a word
# (not "4.7%" or "U.S."). A run of letters is one step of the loop, not one step a letter: the
# same words, read three times faster.
_WORD = re.compile(r"(?:[^\s,;:…“”\"'‘’\[\]△▲▷○●■□◆◇※|·.]+|(?<![가-힣])\.|\.(?!\S))+")
# A sentence ends between two words: a full stop before a space, a line break, "다." endings.
# Written as one character and then which of the three it is, so that the search skips from one
# such character to the next instead of trying the pattern at every place (three times faster).
_BREAK = re.compile(r"[.!?。\n](?:(?<=\n)|(?<=[.!?。])\s|(?<=[가-힣]\.)(?=\S))")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[가-힣A-Za-z]")
_EN_TRIM = ".,()\"'"

# How far the candidate phrases reach: 150 characters before the amount, 60 after, four words at most.
# On the labelled train set these keep a phrase matching the labelled subject for 97 % of Korean and
# 99 % of English amounts, with about 120 candidates each (measured by tests/extract/statements).
REACH_BEFORE = 150
REACH_AFTER = 60
MAX_WORDS = 4


class Word(NamedTuple):
    """One word (a tuple: made hundreds of times per text, a frozen dataclass costs twice as much)."""

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
# What may stand between two words of one phrase: spaces and middle dots only.
_JOINERS = " \t·∙ㆍ"
# Word(...) goes through its generated __new__, twice the cost of building the tuple directly.
_new_word = tuple.__new__


@lru_cache(maxsize=8192)
def _korean_word(raw: str) -> tuple[str, str, str, bool]:
    """(text, stem, particle, noun) of a Korean word; words repeat, so each is judged once."""
    core = raw.rstrip(".!?")  # "조성사업이다.": the full stop ends the sentence, not the word
    stem, particle = split_particle(core)
    closed = _AFTER_PARENTHESIS.search(core)
    if closed and not particle:
        stem, particle = core[: closed.start() + 1], closed.group(1)
    copula = _COPULA.search(core)
    if copula and not particle and is_noun_word(core[: copula.start()]):
        stem, particle = core[: copula.start()], copula.group()
    return core, stem, particle, bool(stem) and is_noun_word(stem)


def _english_word(raw: str, start: int, end: int, joins: bool) -> Word:
    stem = raw.strip(_EN_TRIM).lower()
    return _new_word(Word, (start, end, raw, stem, "", bool(stem) and not _DIGIT.search(stem), joins))


def _word(text: str, start: int, end: int, korean: bool, previous_end: int | None) -> Word:
    raw = text[start:end]
    joins = _joins(text, previous_end, start)
    if korean:
        core, stem, particle, noun = _korean_word(raw)
        return _new_word(Word, (start, start + len(core), core, stem, particle, noun, joins))
    return _english_word(raw, start, end, joins)


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
    # per word, counted once per text so that each amount's window costs two lookups a word:
    # amounts starting before its end and breaks at or after its end - 1 (the gap to a later amount),
    # amounts ending by its start and breaks before its start (the gap from an earlier amount)
    amounts_from: list[int] = field(default_factory=list)
    breaks_from: list[int] = field(default_factory=list)
    amounts_to: list[int] = field(default_factory=list)
    breaks_to: list[int] = field(default_factory=list)


def _joins(text: str, previous_end: int | None, start: int) -> bool:
    """Only joiners between the word before (ending at previous_end) and the word at start; two
    words are never adjacent, and most stand one space apart."""
    if previous_end is None:
        return False
    if start - previous_end == 1:
        return text[previous_end] in _JOINERS
    return not text[previous_end:start].strip(_JOINERS)


def _reaches(amounts: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The stretches of text some amount's window reaches (read_window), overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for start, end in amounts:
        lo, hi = max(0, start - REACH_BEFORE), min(size, end + REACH_AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


# The last space before a place, looked for this far back: a word read from just after it is the
# word the whole text's reading finds there (no word holds a space).
_LAST_SPACE = re.compile(r"\s\S*\Z")
_SPACE_LOOKBACK = 64


def read_words(text: str, korean: bool, amounts: list[tuple[int, int]]) -> DocumentWords:
    """The words of text outside the (sorted, non-overlapping) amounts within reach of one of them
    (a quarter of a news text is not); a word after an amount joins nothing.

    Each reach is read from the last space before it (else on from where the reading stopped), so
    its words are those a reading of the whole text finds; a reach's first word may lack the word
    before it, and joins nothing, but no window holds the word before it either."""
    out: list[Word] = []
    append = out.append
    previous_end: int | None = None
    k, n = 0, len(amounts)
    pos = 0  # the end of the last word read
    # _word inlined for the words wholly outside amounts (a text's ~600): the same Word, without a
    # call and a slice a word
    korean_word, new_word, joiners = _korean_word, _new_word, _JOINERS
    for lo, hi in _reaches(amounts, len(text)):
        if lo > pos:
            space = _LAST_SPACE.search(text, max(pos, lo - _SPACE_LOOKBACK), lo)
            if space is not None:
                pos, previous_end = space.start() + 1, None
        for m in _WORD.finditer(text, pos):
            m_start, m_end = m.span()
            if m_start >= hi:
                break
            pos = m_end
            while k < n and amounts[k][1] <= m_start:
                k += 1
            if k < n and amounts[k][0] < m_end:
                # "조성(75억원)": the letters before an amount inside a word are a word; what is glued
                # after it ("을", "보다", "에서") belongs to the amount
                if _LETTER.search(text, m_start, amounts[k][0]):
                    append(_word(text, m_start, amounts[k][0], korean, previous_end))
                previous_end = None
                continue
            if previous_end is None:
                joins = False
            elif m_start - previous_end == 1:
                joins = text[previous_end] in joiners
            else:
                joins = not text[previous_end:m_start].strip(joiners)
            if korean:
                core, stem, particle, noun = korean_word(m.group())
                append(new_word(Word, (m_start, m_start + len(core), core, stem, particle, noun, joins)))
            else:
                append(_english_word(m.group(), m_start, m_end, joins))
            previous_end = m_end
    starts = [s for s, _ in amounts]
    ends = [e for _, e in amounts]
    breaks = [m.start() for m in _BREAK.finditer(text)]
    word_starts = [w.start for w in out]
    word_ends = [w.end for w in out]
    return DocumentWords(
        text,
        korean,
        tuple(out),
        word_starts,
        starts,
        ends,
        breaks,
        # map with a C function: no bytecode a word
        list(map(bisect.bisect_left, repeat(starts), word_ends)),
        list(map(bisect.bisect_left, repeat(breaks), [e - 1 for e in word_ends])),
        list(map(bisect.bisect_right, repeat(ends), word_starts)),
        list(map(bisect.bisect_left, repeat(breaks), word_starts)),
    )


def _gaps_before(doc: DocumentWords, lo: int, mid: int, start: int) -> tuple[tuple[int, int], ...]:
    """(amounts, sentence breaks) wholly between each word lo..mid-1 and the amount at start; a
    break's full stop may end the word itself."""
    amounts = bisect.bisect_right(doc.amount_ends, start)
    breaks = bisect.bisect_left(doc.breaks, start)
    # counted for every word by C maps; words end in order, so those reaching the amount (no gap
    # from it) are the last ones
    gaps = list(
        zip(
            map(max, map(sub, repeat(amounts), doc.amounts_from[lo:mid]), repeat(0)),
            map(sub, repeat(breaks), doc.breaks_from[lo:mid]),
            strict=True,
        )
    )
    words, k = doc.words, mid - 1
    while k >= lo and words[k].end >= start:
        gaps[k - lo] = (0, 0)
        k -= 1
    return tuple(gaps)


def _gaps_after(doc: DocumentWords, first: int, hi: int, end: int) -> tuple[tuple[int, int], ...]:
    """(amounts, sentence breaks) wholly between the amount ending at end and each word first..hi-1."""
    amounts = bisect.bisect_left(doc.amount_starts, end)
    breaks = bisect.bisect_left(doc.breaks, end - 1)
    gaps = list(
        zip(
            map(max, map(sub, doc.amounts_to[first:hi], repeat(amounts)), repeat(0)),
            map(sub, doc.breaks_to[first:hi], repeat(breaks)),
            strict=True,
        )
    )
    words, k = doc.words, first
    while k < hi and words[k].start <= end:  # words start in order: those at the amount's end first
        gaps[k - first] = (0, 0)
        k += 1
    return tuple(gaps)


def read_window(doc: DocumentWords, start: int, end: int) -> AmountWindow:
    """The words within reach of the amount doc.text[start:end]."""
    lo = bisect.bisect_left(doc.starts, max(0, start - REACH_BEFORE))
    mid = bisect.bisect_left(doc.starts, start)
    hi = bisect.bisect_left(doc.starts, min(len(doc.text), end + REACH_AFTER))
    first = bisect.bisect_left(doc.starts, end, mid, hi)  # the words after the amount (starts in order)
    words = doc.words
    return AmountWindow(
        doc.text,
        start,
        end,
        words[lo:mid],
        words[first:hi],
        doc.korean,
        _gaps_before(doc, lo, mid, start),
        _gaps_after(doc, first, hi, end),
    )
