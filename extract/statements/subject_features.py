"""Candidate subject phrases around an amount and the features a learned ranker scores them by.

The rules (subjects.py, english_subjects.py) propose one subject; the ranker sees that proposal as
one feature among many and picks, among every phrase of up to four words near the amount, the one
most like the labelled subjects it was trained on.
"""

from __future__ import annotations

from typing import NamedTuple

from extract.statements.phrase_shapes import EN_DETERMINERS, EN_STOP, acceptable, joinable
from extract.statements.phrase_shapes import usable as usable_word
from extract.statements.subject_words import first_word_features, last_word_features
from extract.statements.window import MAX_WORDS, AmountWindow, Word
from extract.statements.word_tests import has_digit, is_time_subject


class Candidate(NamedTuple):
    start: int
    end: int
    text: str
    features: tuple[str, ...]


# Candidate(...) (or Phrase(...)) goes through its generated __new__, twice the cost of tuple.__new__.
_new_candidate = tuple.__new__


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


def _gap_words(between: tuple[Word, ...], side: str) -> list[str]:
    """The English words between the phrase and the amount ("$1.7 million for the pool": "for"),
    determiners left out; a long stretch is one value. (Korean says the same with the particle.)"""
    stems = [w.stem for w in between if w.stem not in EN_DETERMINERS]
    if len(stems) > 3:
        return [f"gapw={side}long"]
    feats = [f"gapw={side}{' '.join(stems)}"]
    if stems:
        feats.append(f"gap1={side}{stems[-1] if side == 'B' else stems[0]}")
    return feats


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


def _spans(seq: tuple[Word, ...], gaps: tuple[tuple[int, int], ...], side: str, korean: bool) -> list[tuple[int, int]]:
    """(i, j) word ranges worth scoring: the phrase's end near the amount (before it) or its start
    near it (after it), joinable usable words, at most MAX_WORDS. Before the amount, a phrase
    beyond the nearest words ends on its clause's topic in the amount's sentence."""
    out = []
    if side == "A":  # only the words a phrase starting near the amount can reach
        seq = seq[: (NEAR_AFTER if korean else NEAR_AFTER_EN) + MAX_WORDS]
    n = len(seq)
    # phrase_shapes.usable: a Korean noun, an English word of no clause
    usable = [w.noun for w in seq] if korean else [usable_word(w, False) for w in seq]
    if side == "B":
        near = NEAR_BEFORE if korean else NEAR_BEFORE_EN
        for j in range(n - 1, -1, -1):
            if not usable[j]:
                continue
            if n - 1 - j > near:
                last = seq[j]
                if gaps[j][1] or not (last.particle in _TOPIC_PARTICLES or last.text.endswith(("'s", "’s"))):
                    continue
            for i in range(j, max(j - MAX_WORDS, -1), -1):
                if i < j and not (usable[i] and joinable(seq[i], seq[i + 1], korean)):
                    break
                out.append((i, j))
        return out
    near = NEAR_AFTER if korean else NEAR_AFTER_EN
    for i in range(min(n, near + 1)):
        if not usable[i]:
            continue
        for j in range(i, min(i + MAX_WORDS, n)):
            if j > i and not (usable[j] and joinable(seq[j - 1], seq[j], korean)):
                break
            out.append((i, j))
    return out


def _link_kind(link: str) -> str:
    if not link:
        return "none"
    if link in ("의", "규모", "규모의", "상당의", "어치의"):
        return "of"  # the phrase after names what the amount is
    return "other" if len(link) <= 6 else "long"


def _anchor(window: AmountWindow, seq: tuple[Word, ...], k: int, side: str, gap: tuple[int, int]) -> list[str]:
    """Features of where a phrase stands: the word nearest the amount, how far, what lies between."""
    n = len(seq)
    dist = (n - 1 - k) if side == "B" else k
    gap_from, gap_to = (seq[k].end, window.start) if side == "B" else (window.end, seq[k].start)
    feats = [
        f"side={side}",
        f"dist={side}{_bucket(dist)}",
        f"breaks={min(gap[1], 2)}",
        f"amounts_between={side}{min(gap[0], 2)}",
    ]
    if gap_to - gap_from <= 1 or not window.text[gap_from:gap_to].strip(" ("):
        feats.append(f"adjacent={side}")
    if not window.korean:
        feats += _gap_words(seq[k + 1 :] if side == "B" else seq[:k], side)
    elif side == "A":
        # "462억원의 국·도비", "7469억원 규모 본예산": what ties the amount to a phrase after it
        link = window.text[window.end : seq[k].start].strip()
        feats.append(f"link={_link_kind(link)}")
    return feats


def _phrase_features(
    words: tuple[Word, ...], text: str, rule: str | None, side: str, dist: int, korean: bool
) -> list[str]:
    """Features of the phrase as a whole."""
    last = words[-1]
    feats = [
        f"n={len(words)}",
        f"part_dist={side}{last.particle if korean else ''}{_bucket(dist)}",
        f"nonnoun={sum(not w.noun for w in words)}",
    ]
    if any(map(has_digit, [w.text for w in words])):
        feats.append("digit")
    if len(words) == 1 and is_time_subject(last.stem):
        feats.append("time_only")
    if rule:
        if text == rule:
            feats.append("rule_exact")
        elif text in rule or rule in text:
            feats.append("rule_overlap")
    return feats


def _word_class(w: Word | None) -> str:
    if w is None:
        return "none"
    if w.stem in EN_STOP:
        return w.stem
    if w.text[:1].isdigit() or w.text[:1] in "$£€":
        return "num"
    return "cap" if w.text[:1].isupper() else "word"


def _amount_context(window: AmountWindow) -> tuple[str, ...]:
    """What stands right before and after an English amount ("of $5m", "$5m for"), to be read with
    the side a phrase stands on: "for" after the amount points after it, "of" before it before it."""
    before = window.before[-1] if window.before else None
    after = window.after[0] if window.after else None
    if before is not None and window.before_gaps and window.before_gaps[-1][1]:
        before = None
    if after is not None and window.after_gaps and window.after_gaps[0][1]:
        after = None
    tail = window.text[window.end : window.end + 2].strip()[:1]
    return (f"b1={_word_class(before)}", f"a1={_word_class(after)}", f"ap={tail if tail in ',.;:)(' else ''}")


class Phrase(NamedTuple):
    """A candidate before its features: its words, and what subject_choices.py reads of it."""

    start: int
    end: int
    text: str
    side: str  # "B": before the amount, "A": after it
    i: int  # its words: seq[i..j] of the window's words on that side
    j: int
    adjacent: bool  # before the amount with nothing but spaces or "(" between (feature "adjacent=B")
    no_amount_between: bool  # before the amount with no other amount between ("amounts_between=B0")
    same_sentence: bool  # no sentence break between it and the amount ("breaks=0")


def subject_phrases(window: AmountWindow) -> list[Phrase]:
    """The phrases of up to MAX_WORDS words near the amount, before or after it, in the order their
    candidates are scored."""
    out: list[Phrase] = []
    korean, text = window.korean, window.text
    for side, seq, gaps in (("B", window.before, window.before_gaps), ("A", window.after, window.after_gaps)):
        before = side == "B"
        for i, j in _spans(seq, gaps, side, korean):
            words = seq[i : j + 1]
            if not acceptable(words, korean):
                continue
            start, end, phrase = _phrase(window, words)
            if not phrase:
                continue
            gap = gaps[j] if before else gaps[i]
            adjacent = False
            if before:  # as _anchor reads it
                gap_from = seq[j].end
                adjacent = window.start - gap_from <= 1 or not text[gap_from : window.start].strip(" (")
            out.append(
                _new_candidate(Phrase, (start, end, phrase, side, i, j, adjacent, before and not gap[0], not gap[1]))
            )
    return out


def phrase_candidates(window: AmountWindow, phrases: list[Phrase], rule: str | None) -> list[Candidate]:
    """The phrases with their features: those of the last word, the first word, the anchor (the
    word nearest the amount) and of the whole; the first three are shared by many phrases and read
    once. A phrase's features do not depend on which other phrases are scored."""
    out: list[Candidate] = []
    korean = window.korean
    context = () if korean else _amount_context(window)
    lasts: dict[tuple[str, int], tuple[str, ...]] = {}
    firsts: dict[tuple[str, int], tuple[str, ...]] = {}
    anchors: dict[tuple[str, int], list[str]] = {}
    for p in phrases:
        side, i, j = p.side, p.i, p.j
        seq, gaps = (window.before, window.before_gaps) if side == "B" else (window.after, window.after_gaps)
        n = len(seq)
        k = j if side == "B" else i
        dist = (n - 1 - j) if side == "B" else i
        if (side, j) not in lasts:
            lasts[side, j] = last_word_features(window, seq, j, side)
        if (side, i) not in firsts:
            firsts[side, i] = first_word_features(window, seq, i, side)
        if (side, k) not in anchors:
            anchors[side, k] = _anchor(window, seq, k, side, gaps[k])
        words = seq[i : j + 1]
        feats = (
            *lasts[side, j],
            *firsts[side, i],
            *anchors[side, k],
            *_phrase_features(words, p.text, rule, side, dist, korean),
        )
        if context:
            feats = (*feats, *[f"{side}&{c}" for c in context])
        out.append(_new_candidate(Candidate, (p.start, p.end, p.text, feats)))
    return out


def subject_candidates(window: AmountWindow, rule: str | None) -> list[Candidate]:
    """Every phrase near the amount with its features (what the ranker is trained on)."""
    return phrase_candidates(window, subject_phrases(window), rule)
