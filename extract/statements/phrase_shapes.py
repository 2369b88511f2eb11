"""What may be a subject phrase at all, whatever a ranker would score it: the word shapes of a
noun phrase, Korean and English. Used by subject_features.py before any feature is computed."""

from __future__ import annotations

from extract.statements.vocabulary import EN_VERB_PARTICLES, en_clause_words
from extract.statements.window import Word
from extract.statements.word_tests import is_count_word, is_time_or_stage

EN_STOP = frozenset(
    "the a an of for to in on and or with by from at as is was are be been will would this that its their "
    "which who has have had it into over under than per about including while also".split()
)
# Words of a clause, never of a noun phrase: a candidate holding one is a stretch of sentence
# ("When you go", "it will increase"). No labelled English subject holds one.
_EN_CLAUSE = frozenset(
    "is are was were be been being will would can could should may might must shall has have had do does did "
    "you we they he she it i when where which who whom whose that if but not".split()
)
EN_DETERMINERS = frozenset("the a an its their this that these those our his her your".split())


# A particle inside a phrase ends it, except the genitive and the conjunctions ("급식기구와 시설확충").
_INNER_PARTICLES = frozenset(("", "의", "과", "와"))


def joinable(left: Word, right: Word, korean: bool) -> bool:
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


_EN_POSSESSIVES = frozenset("its their our his her your my".split())
_EN_NOT_VERB_AFTER_TO = _EN_ARTICLES | _EN_POSSESSIVES | frozenset("this that these those".split())


def _verb_inside(words: tuple[Word, ...]) -> bool:
    """A verb inside a phrase: "to" before a bare word ("proposed to get"), a past participle
    before "by" or a possessive ("reimbursed by FHWA", "confirmed its contribution")."""
    for k in range(len(words) - 1):
        w, following = words[k].stem, words[k + 1].stem
        if w == "to" and following not in _EN_NOT_VERB_AFTER_TO and not following[:1].isdigit():
            return True
        if w.endswith("ed") and (following == "by" or following in _EN_POSSESSIVES):
            return True
    return False


def usable(w: Word, korean: bool) -> bool:
    """Whether the word may sit inside a subject phrase: in Korean a noun (no verb, adverb, share
    or comparison base), in English no word of a clause. A phrase never reaches across one."""
    return w.noun if korean else w.stem not in _EN_CLAUSE


# "및 민간 사업비", "국·도비 및": a conjunction joins phrases, it neither starts nor ends one.
_KO_CONJUNCTIONS = frozenset(("및", "또는", "혹은", "또", "그리고", "내지"))


def acceptable(words: tuple[Word, ...], korean: bool) -> bool:
    """Whether words may form a subject phrase (each word already usable, neighbours joinable)."""
    if korean and (
        is_count_word(words[-1].stem) or words[0].stem in _KO_CONJUNCTIONS or words[-1].stem in _KO_CONJUNCTIONS
    ):
        return False
    for w in words:  # a loop, not all() over a generator: this runs for every candidate phrase
        if not is_time_or_stage(w.stem):
            break
    else:
        return False  # "당초", "올해", "last year" say when, never what
    if not korean:
        if words[0].stem in EN_DETERMINERS and len(words) > 1:
            return False  # the same phrase without its determiner is a candidate too
        if words[0].stem in EN_STOP or words[-1].stem in EN_STOP:
            return False
        if words[0].stem in EN_VERB_PARTICLES or words[-1].stem in EN_VERB_PARTICLES:
            return False
        if en_clause_words([w.text for w in words]):
            return False
        if _verb_then_article(words):
            return False  # "council approved a budget" is a clause, not a phrase
        if _verb_inside(words):
            return False
    return True
