"""Whether a cue pattern matches in a slice of a text, answered from one scan of the whole text.

The role features ask of each of ~30 amounts an article holds whether each of six cue patterns
(role_features._CUES) matches in some 9 short slices around it: ~1,500 regex searches an
article, each costing mostly its call. A cue of the shape "Korean words | \\b(?:English words)\\b"
is answered instead from where its Korean words occur in the text (found once: a bisect a cue)
and, only when the slice holds a letter an English word could start with, a search of the slice
as before. The answer is the same as pattern.search(text[lo:hi]) for every slice; when a cue has
another shape, every slice is searched as before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# A Korean cue word: Hangul and spaces only, nothing a case-insensitive regex would read otherwise.
_KOREAN_WORD = re.compile(r"[가-힣]+(?: [가-힣]+)*")
# "\b(?:word|word\w*|two words)\b": a flat group of alternatives that each start with a letter
# (not an optional one).
_ENGLISH_GROUP = re.compile(r"\\b\(\?:[a-z](?![?*{])[^()|]*(?:\|[a-z](?![?*{])[^()|]*)*\)\\b")
# Every alternative of an English group starts with a letter: no match in a slice without one.
# "[a-z]" with re.I written out (İ, ı, ſ and the Kelvin sign match it too): a case-blind class is
# tried at every place, this one is skipped to
_LETTER = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")


# Longer texts are searched slice by slice as before: their letters' places would take more memory
# (a 5 MB English page: millions of them) than the searches they save.
_MAX_INDEXED = 100_000


@dataclass(frozen=True)
class CueShape:
    """A cue pattern split into its Korean words and its English part."""

    words: tuple[str, ...]
    english: re.Pattern[str]
    # the words, shortest first: at each place the shortest word found there is found
    korean: re.Pattern[str]


@lru_cache(maxsize=64)
def cue_shape(pattern: re.Pattern[str]) -> CueShape | None:
    """The pattern's Korean words and English part, or None when it is not of that shape."""
    words: list[str] = []
    rest = pattern.pattern
    while True:
        head, sep, tail = rest.partition("|")
        if not sep or not _KOREAN_WORD.fullmatch(head):
            break
        words.append(head)
        rest = tail
    if not words or not _ENGLISH_GROUP.fullmatch(rest) or "|".join([*words, rest]) != pattern.pattern:
        return None
    shortest_first = "|".join(re.escape(w) for w in sorted(words, key=len))
    return CueShape(tuple(words), re.compile(rest, pattern.flags), re.compile(shortest_first))


def _first_ends(text: str, korean: re.Pattern[str]) -> tuple[list[int], list[int]]:
    """Starts of every occurrence of any word (overlapping ones too), in order, and for each
    start the smallest end of an occurrence starting there or later; both end with len(text) + 1,
    so that a search past the last start finds an end beyond every slice."""
    starts, ends = [], []
    m = korean.search(text)
    while m is not None:
        starts.append(m.start())
        ends.append(m.end())
        m = korean.search(text, m.start() + 1)
    least = list(accumulate(reversed(ends), min))[::-1]
    return [*starts, len(text) + 1], [*least, len(text) + 1]


class CueIndex:
    """Where in one text each cue's Korean words occur, and where its letters are."""

    def __init__(self, text: str, cues: dict[str, re.Pattern[str]]) -> None:
        self.text = text
        self.cues = cues
        indexed = len(text) <= _MAX_INDEXED
        self.letters = [*(m.start() for m in _LETTER.finditer(text)), len(text)] if indexed else []
        self.empty = [name for name, pattern in cues.items() if pattern.search("")]
        shapes = {name: cue_shape(pattern) for name, pattern in cues.items()}
        # what a slice holding a letter is searched with: a cue's English part, or all of it
        self.english: list[tuple[str, re.Pattern[str]]] = []
        for name, pattern in cues.items():
            shape = shapes[name]
            self.english.append((name, shape.english if shape else pattern))
        # every cue indexed: a slice without a letter is answered by its Korean words alone
        self.korean: list[tuple[str, list[int], list[int]]] | None = None
        if indexed and all(shapes.values()):
            self.korean = [(name, *_first_ends(text, shape.korean)) for name, shape in shapes.items() if shape]

    def cues_in(self, lo: int, hi: int) -> list[str]:
        """The cues (in order) whose pattern.search(self.text[lo:hi]) finds a match."""
        n = len(self.text)
        if lo < 0 or hi < 0:  # slices counted from the end: searched as written
            return [name for name, pattern in self.cues.items() if pattern.search(self.text[lo:hi])]
        lo, hi = min(lo, n), min(hi, n)
        if hi <= lo:
            return self.empty[:]
        if self.korean is None:
            seg = self.text[lo:hi]
            return [name for name, pattern in self.cues.items() if pattern.search(seg)]
        found = [name for name, starts, least in self.korean if least[bisect.bisect_left(starts, lo)] <= hi]
        if self.letters[bisect.bisect_left(self.letters, lo)] >= hi:
            return found  # no letter: no English word
        seg = self.text[lo:hi]
        return [name for name, english in self.english if name in found or english.search(seg)]
