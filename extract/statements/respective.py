"""Respective lists: "지방세 수입과 세외수입이 각각 130억 원, 183억 원 증가했다" pairs the k-th phrase
with the k-th amount, whatever phrase stands nearest each amount.

Korean says "각각" (respectively) between a list of N things and a list of N amounts; the text
then settles each amount's subject outright, as it settles a threshold's role (overrides.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from extract.statements.vocabulary import LIST_SEPARATOR
from extract.statements.words import is_noun_word, split_particle

# "(?<=\s)각각\s" with the look-behind after the first letter: a search skips to the next 각.
_RESPECTIVELY = re.compile(r"각(?<=\s각)각\s")
# How far back the phrases are looked for: one clause.
_REACH = 160
_CLAUSE_END = re.compile(r"[.?!;:“”\"'‘’\[\]△▲▷○●■□◆◇※|]|다\s|고\s")
_JOINERS = ("과", "와")
_MAX_WORDS = 6


class _Word(NamedTuple):
    start: int
    stem_end: int
    stem: str
    joiner: bool  # ends with 과/와 or a comma: the next phrase of the list follows
    particle: bool  # another particle: the word ends a clause's part, not a list item


def _amount_run(text: str, spans: Sequence[tuple[int, int]], pos: int) -> list[int]:
    """Indices of the amounts listed right after text[pos] ("각각 "), joined by commas or 과/와."""
    first = bisect.bisect_left(spans, (pos, pos))  # a bisection: a page of many 각각 stays linear
    if first == len(spans) or spans[first][0] - pos > 1:
        return []
    run = [first]
    while run[-1] + 1 < len(spans):
        end, start = spans[run[-1]][1], spans[run[-1] + 1][0]
        if not LIST_SEPARATOR.fullmatch(text, end, start):
            break
        run.append(run[-1] + 1)
    return run if len(run) > 1 else []


def _phrases_before(text: str, end: int, n: int) -> list[tuple[int, int]] | None:
    """The n phrases joined by 과/와 or commas that end at text[end] (the last one's particle
    dropped): "자주재원인 지방세 수입과 세외수입이" -> [지방세 수입, 세외수입]; None unless the clause
    has exactly that shape."""
    lo = max(0, end - _REACH)
    cut = max((m.end() for m in _CLAUSE_END.finditer(text, lo, end)), default=lo)
    words = []
    for m in re.finditer(r"\S+", text[cut:end]):
        raw = m.group().rstrip(",")
        stem, particle = split_particle(raw)
        joiner = m.group().endswith(",") or particle in _JOINERS
        words.append(_Word(cut + m.start(), cut + m.start() + len(stem), stem, joiner, bool(particle) and not joiner))
    groups: list[list[_Word]] = [[]]
    for w in words:
        groups[-1].append(w)
        if w.joiner:
            groups.append([])
    if not groups[-1] or len(groups) < n:
        return None
    last_n = groups[-n:]
    for group in last_n[1:]:
        if any(w.particle for w in group[:-1]) or not all(is_noun_word(w.stem) for w in group):
            return None
    # the first phrase starts where its clause's nouns do, and is no longer than its parallels
    # plus one word ("살펴보면 자주재원인 지방세 수입과 세외수입이": 지방세 수입)
    longest = max(len(group) for group in last_n[1:])
    first: list[_Word] = []
    for w in reversed(last_n[0]):
        if (first and w.particle) or not is_noun_word(w.stem) or len(first) == min(_MAX_WORDS, longest + 1):
            break
        first.append(w)
    if not first:
        return None
    phrases = [(first[-1].start, first[0].stem_end)]
    phrases += [(group[0].start, group[-1].stem_end) for group in last_n[1:]]
    return phrases


def respective_subjects(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """For each amount (index into spans, sorted) in a respective list, the span of its phrase."""
    out: dict[int, tuple[int, int]] = {}
    for m in _RESPECTIVELY.finditer(text):
        run = _amount_run(text, spans, m.end())
        if not run:
            continue
        phrases = _phrases_before(text, m.start() - 1, len(run))
        if phrases is None:
            continue
        out.update(zip(run, phrases, strict=True))
    return out
