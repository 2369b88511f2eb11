"""A change measured against the figure the sentence before gave: "내년 예산이 1조5천억원으로
확정됐다. 이는 올해보다 1200억원 증가한 금액이다." The second sentence names no item of its own; its
change is the change of the figure before it, so it is about that figure's subject, never about the
comparison's base ("올해 본예산보다") or the word "금액".
"""

from __future__ import annotations

import re

from extract.statements.role_features import SENTENCE_END

# After the amount: it is how much something "grew" or "shrank", and the sentence closes on the
# size it describes ("늘어난 규모다", "증가한 금액이다", "줄어든 액수다").
_SIZE_OF_CHANGE = re.compile(
    r"\s?(?:가량|정도|여)?\s?(?:\([^)]{0,16}\))?\s?(?:이|가)?\s?(?:\([^)]{0,16}\))?\s?"
    r"(?:더\s)?(?:늘어난|늘어났던|불어난|증가한|증가된|증액된|줄어든|감소한|감소된|감액된|많은|적은)\s?"
    r"(?:규모|수치|금액|액수|셈)(?:이|로|으로|다|이다|였다|이었다)?(?![가-힣])"
)
# Before the amount, within its sentence: a topic of its own ("서울시 예산은", "일반회계가") means
# the sentence names what changed; "이는", "이것은" point back instead.
_OWN_TOPIC = re.compile(r"(?<![가-힣])(?!이는|이것은)[가-힣()]+(?:은|는)\s")


def sentence_start(text: str, at: int) -> int | None:
    """Where the sentence holding text[at] starts; None when no sentence ends within 200
    characters before it (the text's first sentence, or a run-on one)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, at - 200), at)]
    return ends[-1] if ends else None


def measures_figure_before(text: str, start: int, end: int) -> int | None:
    """Where the sentence starts when the amount text[start:end] is the change of the figure the
    sentence before it gave (its subject is that figure's); None otherwise."""
    if not _SIZE_OF_CHANGE.match(text, end):
        return None
    lo = sentence_start(text, start)
    if lo is None or _OWN_TOPIC.search(text, lo, start):
        return None
    return lo


def in_sentence_before(text: str, amount_end: int, sentence_start_at: int) -> bool:
    """Whether an amount ending at amount_end stands in the sentence right before the one that
    starts at sentence_start_at."""
    return all(m.end() >= sentence_start_at for m in SENTENCE_END.finditer(text, amount_end, sentence_start_at))
