"""A Korean item named by coordinated phrases longer than the ranker's reach: "도 지정 유산 및 전통
사찰 긴급 보수(5억원)", "국제 교육과 문화 다양성 교육 활성화와 평화·통일 공감대 확산 등에 57억원".

The ranker scores phrases of up to four words, so it names the last conjunct alone ("보수",
"공감대 확산"); the labelling names the whole coordination. A chosen phrase is carried left
through the plain nouns and conjunctions of its noun phrase, when a conjunction joins it.
"""

from __future__ import annotations

from extract.statements.phrase_shapes import joinable
from extract.statements.window import Word
from extract.statements.word_tests import is_time_subject

_CONJUNCTION_WORDS = frozenset(("및", "또는"))
_CONJUNCTION_PARTICLES = frozenset(("과", "와"))
# A coordination is read at most this many words to the left of the chosen phrase.
_REACH = 10


# A quotation or a parenthesis closing on the word before ends the phrase too ("'청년 일자리' 보수").
_CLOSERS = (")", "'", "’", "”", '"')


def coordinated_start(before: tuple[Word, ...], first: int) -> int:
    """The index in `before` (words before the amount, nearest last) where the noun phrase whose
    words from `first` on were chosen starts, when a conjunction joins more of it; else `first`."""
    k, joined, start = first, False, first
    while k > 0 and first - k < _REACH:
        left, right = before[k - 1], before[k]
        if (
            not joinable(left, right, True)  # a comma, a full stop or a particle other than 의/과/와 between
            or left.text.endswith(_CLOSERS)
            or is_time_subject(left.stem)
            or left.stem == "등"
        ):
            break
        if left.stem in _CONJUNCTION_WORDS:
            joined = True
        elif not left.noun or (left.particle and left.particle not in _CONJUNCTION_PARTICLES):
            break
        elif left.particle:
            joined = True
        k -= 1
        if joined and before[k].stem not in _CONJUNCTION_WORDS:
            start = k  # a conjunct's first word: the phrase may start here
    return start
