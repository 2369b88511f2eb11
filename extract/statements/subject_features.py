"""Candidate subject phrases around an amount and the features a learned ranker scores them by.

The rules (subjects.py, english_subjects.py) propose one subject; the ranker sees that proposal as
one feature among many and picks, among every phrase of up to four words near the amount, the one
most like the labelled subjects it was trained on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.statements.vocabulary import GENERIC_SUBJECTS, KO_TIME_SUBJECT, TIME_OR_STAGE
from extract.statements.window import MAX_WORDS, AmountWindow, Word
from extract.statements.words import split_particle

_EN_STOP = frozenset(
    "the a an of for to in on and or with by from at as is was are be been will would this that its their "
    "which who has have had it into over under than per about including while also".split()
)
# Words of a clause, never of a noun phrase: a candidate holding one is a stretch of sentence
# ("When you go", "it will increase"). No labelled English subject holds one.
_EN_CLAUSE = frozenset(
    "is are was were be been being will would can could should may might must shall has have had do does did "
    "you we they he she it i when where which who whom whose that if but not".split()
)
_EN_DETERMINERS = frozenset("the a an its their this that these those our his her your".split())


# "전년대비", "올해 대비": the base of a comparison written as one word with its time.
_TIME_COMPARISON = re.compile(r"^(?:\d{4}년도?|내년도?|올해|금년도?|전년도?|지난해|작년|당초|애초|기정예산)대비$")
# "3.5%인", "6.5%의", "3위": a share or a rank, never what the money is for.
_NUMBER_WORD = re.compile(r"^[\d.,]+(?:%|퍼센트|위)(?:인|이며|이고|의|로|으로|에|이|가)?$")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    features: tuple[str, ...]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-5" if n < 6 else "6-9" if n < 10 else "10+"


def _phrase(window: AmountWindow, words: tuple[Word, ...]) -> tuple[int, int, str]:
    """The phrase the words make, without the last word's particle."""
    first, last = words[0], words[-1]
    end = last.end - len(last.particle) if window.korean else last.end
    text = window.text[first.start : end]
    if window.korean:
        text = text.rstrip("(（ ")
        end = first.start + len(text)
    else:
        text = text.strip(".,()\"'")
    return first.start, first.start + len(text), text


def _common(
    window: AmountWindow, words: tuple[Word, ...], rule: str | None, side: str, dist: int, gap: tuple[int, int]
) -> list[str]:
    first, last = words[0], words[-1]
    head = last.stem
    gap_from, gap_to = (last.end, window.start) if side == "B" else (window.end, first.start)
    feats = [
        f"side={side}",
        f"dist={side}{_bucket(dist)}",
        f"n={len(words)}",
        f"head={head}",
        f"head2={head[-2:]}",
        f"first={first.stem}",
        f"part={side}{last.particle}",
        f"part_dist={side}{last.particle}{_bucket(dist)}",
        f"breaks={min(gap[1], 2)}",
        f"amounts_between={side}{min(gap[0], 2)}",
        f"nonnoun={sum(not w.noun for w in words)}",
        f"lastnoun={last.noun}",
    ]
    if any(ch.isdigit() for w in words for ch in w.text):
        feats.append("digit")
    if head in GENERIC_SUBJECTS:
        feats.append("generic_head")
    if KO_TIME_SUBJECT.match(first.stem) or first.stem in ("this", "next", "last"):
        feats.append("time_first")
    if len(words) == 1 and KO_TIME_SUBJECT.match(head):
        feats.append("time_only")
    if gap_to - gap_from <= 1 or not window.text[gap_from:gap_to].strip(" ("):
        feats.append(f"adjacent={side}")
    if rule:
        text = _phrase(window, words)[2]
        if text == rule:
            feats.append("rule_exact")
        elif text in rule or rule in text:
            feats.append("rule_overlap")
    return feats


def _gap_words(between: tuple[Word, ...], side: str) -> list[str]:
    """The English words between the phrase and the amount ("$1.7 million for the pool": "for"),
    determiners left out; a long stretch is one value. (Korean says the same with the particle.)"""
    stems = [w.stem for w in between if w.stem not in _EN_DETERMINERS]
    if len(stems) > 3:
        return [f"gapw={side}long"]
    feats = [f"gapw={side}{' '.join(stems)}"]
    if stems:
        feats.append(f"gap1={side}{stems[-1] if side == 'B' else stems[0]}")
    return feats


def _korean_extra(
    window: AmountWindow, words: tuple[Word, ...], side: str, ctx: tuple[Word | None, Word | None]
) -> list[str]:
    last = words[-1]
    prev, nxt = ctx
    feats = [f"end1={last.stem[-1:]}", f"prev={prev.stem if prev else '^'}", f"next={nxt.text[:2] if nxt else '$'}"]
    if prev is not None:
        feats.append(f"prevpart={prev.particle}")
    if last.text.endswith("등") or last.stem == "등":
        feats.append("ends_deung")
    if words[0].stem in ("총", "약"):
        feats.append("first_total_word")
    if side == "A" and words[0].start - window.end <= 1:
        feats.append("glued_after")
    return feats


def _english_extra(words: tuple[Word, ...], ctx: tuple[Word | None, Word | None]) -> list[str]:
    first, last = words[0], words[-1]
    prev, nxt = ctx
    feats = [
        f"prev={prev.stem if prev else '^'}",
        f"next={nxt.stem if nxt else '$'}",
        f"stopfirst={first.stem in _EN_STOP}",
        f"stoplast={last.stem in _EN_STOP}",
        f"endsuffix={last.stem[-3:]}",
    ]
    if first.text[:1].isupper():
        feats.append("capital_first")
    if last.text.endswith((",", ".")):
        feats.append("punct_last")
    return feats


# A particle inside a phrase ends it, except the genitive and the conjunctions ("급식기구와 시설확충").
_INNER_PARTICLES = frozenset(("", "의", "과", "와"))


def _joinable(left: Word, right: Word, korean: bool) -> bool:
    if not right.joins_previous or left.text.endswith((",", ".", ";", ":", "!", "?")):
        return False
    return left.particle in _INNER_PARTICLES if korean else True


_EN_PREPOSITIONS = frozenset("of in for at on to from with by into over under per".split())
_EN_ARTICLES = frozenset("a an the".split())


def _verb_then_article(words: tuple[Word, ...]) -> bool:
    """An article inside a phrase follows a preposition ("fund in the city"), else a verb stands before it."""
    return any(
        w.stem in _EN_ARTICLES and words[k - 1].stem not in _EN_PREPOSITIONS for k, w in enumerate(words) if k > 0
    )


# Beyond the nearest few words only a phrase that is the topic or subject of its clause, in the same
# sentence, is worth scoring: on the labelled train set this keeps a right candidate for 97 % of
# Korean amounts (99 % without the limit) while scoring a quarter as many phrases, and the same
# cross-validated subject score (0.792 against 0.794); reading time falls with it.
NEAR_BEFORE = 4
NEAR_AFTER = 2
# English names the item further away ("an increase of $2.1 million over the capital spending plan").
NEAR_BEFORE_EN = 10
NEAR_AFTER_EN = 6
_TOPIC_PARTICLES = frozenset(("은", "는", "이", "가", "에는", "에서는", "의"))


def _within_reach(side: str, dist: int, last: Word, gap: tuple[int, int], korean: bool) -> bool:
    if side == "A":
        return dist <= (NEAR_AFTER if korean else NEAR_AFTER_EN)
    if dist <= (NEAR_BEFORE if korean else NEAR_BEFORE_EN):
        return True
    return gap[1] == 0 and (last.particle in _TOPIC_PARTICLES or last.text.endswith(("'s", "’s")))


def _spans(seq: tuple[Word, ...], gaps: tuple[tuple[int, int], ...], side: str, korean: bool) -> list[tuple[int, int]]:
    """(i, j) word ranges worth scoring: the phrase's end near the amount (before it) or its start
    near it (after it), joinable words, at most MAX_WORDS."""
    n, out = len(seq), []
    if side == "B":
        for j in range(n - 1, -1, -1):
            if not _within_reach("B", n - 1 - j, seq[j], gaps[j], korean):
                continue
            for i in range(j, max(j - MAX_WORDS, -1), -1):
                if i < j and not _joinable(seq[i], seq[i + 1], korean):
                    break
                out.append((i, j))
        return out
    for i in range(n):
        if not _within_reach("A", i, seq[i], gaps[i], korean):
            break
        for j in range(i, min(i + MAX_WORDS, n)):
            if j > i and not _joinable(seq[j - 1], seq[j], korean):
                break
            out.append((i, j))
    return out


def _acceptable(words: tuple[Word, ...], korean: bool) -> bool:
    if korean and not all(w.noun for w in words):
        return False  # a verb or adverb never sits inside a subject
    if korean and any(_TIME_COMPARISON.match(w.stem) or _NUMBER_WORD.match(w.stem) for w in words):
        return False
    if all(TIME_OR_STAGE.match(w.stem) for w in words):
        return False  # "당초", "올해", "last year" say when, never what
    if not korean:
        if words[0].stem in _EN_DETERMINERS and len(words) > 1:
            return False  # the same phrase without its determiner is a candidate too
        if words[0].stem in _EN_STOP or words[-1].stem in _EN_STOP:
            return False
        if any(w.stem in _EN_CLAUSE for w in words):
            return False
        if _verb_then_article(words):
            return False  # "council approved a budget" is a clause, not a phrase
    return True


def subject_candidates(window: AmountWindow, rule: str | None) -> list[Candidate]:
    """The phrases of up to MAX_WORDS words near the amount, before or after it, with their features."""
    out: list[Candidate] = []
    korean = window.korean
    for side, seq, gaps in (("B", window.before, window.before_gaps), ("A", window.after, window.after_gaps)):
        n = len(seq)
        for i, j in _spans(seq, gaps, side, korean):
            words = seq[i : j + 1]
            if not _acceptable(words, korean):
                continue
            start, end, text = _phrase(window, words)
            if not text or (korean and not split_particle(text)[0]):
                continue
            dist = (n - 1 - j) if side == "B" else i
            ctx = (seq[i - 1] if i > 0 else None, seq[j + 1] if j + 1 < n else None)
            gap = gaps[j] if side == "B" else gaps[i]
            feats = _common(window, words, rule, side, dist, gap)
            if korean:
                feats += _korean_extra(window, words, side, ctx)
            else:
                feats += _english_extra(words, ctx) + _gap_words(seq[j + 1 :] if side == "B" else seq[:i], side)
            out.append(Candidate(start, end, text, tuple(feats)))
    return out
