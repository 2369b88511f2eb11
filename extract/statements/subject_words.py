"""Features of a candidate subject phrase's last word (its head) and first word, with the words
beside them (subject_features.py): words and their neighbours repeat within a text and across
texts, so each combination's features are made once, and the same strings, their hashes kept,
are looked up in the model's weights."""

from __future__ import annotations

from functools import lru_cache

from extract.statements.phrase_shapes import EN_STOP
from extract.statements.vocabulary import GENERIC_SUBJECTS
from extract.statements.window import AmountWindow, Word
from extract.statements.word_tests import is_time_subject


def last_word_features(window: AmountWindow, seq: tuple[Word, ...], j: int, side: str) -> tuple[str, ...]:
    """Features of a phrase's last word (its head) and the word after it."""
    last = seq[j]
    nxt = seq[j + 1] if j + 1 < len(seq) else None
    if window.korean:
        return _last_word_ko(last.text, last.stem, last.particle, last.noun, nxt.text[:2] if nxt else "$", side)
    return _last_word_en(last.text, last.stem, last.noun, nxt.stem if nxt else "$", side)


@lru_cache(maxsize=16384)
def _last_word_ko(text: str, head: str, particle: str, noun: bool, nxt: str, side: str) -> tuple[str, ...]:
    feats = [f"head={head}", f"head2={head[-2:]}", f"lastnoun={noun}"]
    if head in GENERIC_SUBJECTS:
        feats.append("generic_head")
    feats += [f"part={side}{particle}", f"end1={head[-1:]}", f"next={nxt}"]
    if text.endswith("등") or head == "등":
        feats.append("ends_deung")
    return tuple(feats)


@lru_cache(maxsize=16384)
def _last_word_en(text: str, head: str, noun: bool, nxt: str, side: str) -> tuple[str, ...]:
    feats = [f"head={head}", f"head2={head[-2:]}", f"lastnoun={noun}"]
    if head in GENERIC_SUBJECTS:
        feats.append("generic_head")
    feats += [f"part={side}", f"next={nxt}"]
    feats += [f"stoplast={head in EN_STOP}", f"endsuffix={head[-3:]}"]
    if text.endswith((",", ".")):
        feats.append("punct_last")
    return tuple(feats)


def first_word_features(window: AmountWindow, seq: tuple[Word, ...], i: int, side: str) -> tuple[str, ...]:
    """Features of a phrase's first word and the word before it."""
    first = seq[i]
    prev = seq[i - 1] if i > 0 else None
    if window.korean:
        glued = side == "A" and first.start - window.end <= 1
        return _first_word_ko(first.stem, prev.stem if prev else None, prev.particle if prev else "", glued)
    return _first_word_en(first.text[:1].isupper(), first.stem, prev.stem if prev else None)


@lru_cache(maxsize=16384)
def _first_word_ko(stem: str, prev: str | None, prev_particle: str, glued: bool) -> tuple[str, ...]:
    feats = [f"first={stem}", f"prev={prev if prev is not None else '^'}"]
    if is_time_subject(stem) or stem in ("this", "next", "last"):
        feats.append("time_first")
    if prev is not None:
        feats.append(f"prevpart={prev_particle}")
    if stem in ("총", "약"):
        feats.append("first_total_word")
    if glued:
        feats.append("glued_after")
    return tuple(feats)


@lru_cache(maxsize=16384)
def _first_word_en(capital: bool, stem: str, prev: str | None) -> tuple[str, ...]:
    feats = [f"first={stem}", f"prev={prev if prev is not None else '^'}"]
    if is_time_subject(stem) or stem in ("this", "next", "last"):
        feats.append("time_first")
    feats.append(f"stopfirst={stem in EN_STOP}")
    if capital:
        feats.append("capital_first")
    return tuple(feats)
