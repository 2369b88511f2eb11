"""Choose a generic body from trafilatura's precise and plain readings and readability's.

trafilatura's favor_precision reading is the best single reading measured on the 181-page
benchmark (F1 0.964 against 0.960 plain, readability 0.955), but it fails in two ways the other
readings show up:

- it keeps only a fragment (a lead or a caption) where the plain reading has the whole article;
- both trafilatura readings stop early on pages that split the article into several boxes
  (wired.com's "story" sections), where readability joins the boxes.

Agreement is measured on word 4-gram shingles, the unit the benchmark scores with.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extract.article.text import collapse

_WORD = re.compile(r"\w+")
# A precise reading shorter than this may be a fragment ...
FRAGMENT_CHARS = 1000
# ... and is one when the plain reading is this many times longer (measured: fragments run
# 8-12% of the plain reading; precise readings that rightly dropped comments or link lists keep 28%+).
FRAGMENT_RATIO = 10
# readability's reading replaces trafilatura's when it holds this share of trafilatura's text ...
_CONTAINS = 0.9
# ... and trafilatura's reading is less than this share of readability's (readability found the
# article's other boxes; below 2x the extra text is as often a comment thread or a link list).
_COVERS = 0.5
# readability costs as much as trafilatura: ask it only when the page's <p> text is at least this
# many times trafilatura's reading, as it must nearly be for readability's reading to be 2x (on the
# benchmark: 1 page in 8 qualifies, both pages where readability wins among them).
_PARAGRAPH_RATIO = 2


def may_be_fragment(precise: str) -> bool:
    """True when the precise reading is short enough to be a fragment: the plain one is worth asking."""
    return len(precise) < FRAGMENT_CHARS


def is_fragment(precise: str, plain: str) -> bool:
    """True when the precise reading looks like a fragment of the plain one."""
    return may_be_fragment(precise) and len(plain) >= FRAGMENT_RATIO * max(len(precise), 1)


def worth_asking(body: str, paragraphs: Sequence[str]) -> bool:
    """True when the page's paragraphs (the text of each <p>) hold enough text, whitespace collapsed,
    for readability to find much more than ``body``.

    Collapsing whitespace only shortens a text: where the texts as they are fall short, so do the
    collapsed ones, and on most pages the collapsing is not needed.
    """
    if not body:
        return False
    needed = _PARAGRAPH_RATIO * len(body)
    return sum(map(len, paragraphs)) >= needed and sum(len(collapse(p)) for p in paragraphs) >= needed


def prefer_readable(body: str, readable: str) -> bool:
    """True when readability's reading holds ``body`` and at least twice as much again."""
    if not body or not readable:
        return False
    return share_in(body, readable) >= _CONTAINS and share_in(readable, body) < _COVERS


def share_in(text: str, other: str) -> float:
    """The share of ``text``'s word 4-grams that ``other`` also has."""
    mine, theirs = _shingles(text), _shingles(other)
    total = sum(mine.values())
    return sum((mine & theirs).values()) / total if total else 0.0


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])
