"""What can never be a subject, whatever the model scores: clauses, shares, ranks, comparison bases.

Sentences written for this test; each row is a class of phrase the learned ranker once chose on
unseen text ("When you go", "3.5%인", "전년대비").
"""

from __future__ import annotations

import pytest

from extract.statements.subject_choices import subject_choices
from extract.statements.subject_features import subject_candidates, subject_phrases
from extract.statements.window import read_window, read_words
from extract.statements.words import split_particle


def _candidates(text: str, amount: str, korean: bool) -> list[str]:
    start = text.index(amount)
    end = start + len(amount)
    words = read_words(text, korean, [(start, end)])
    return [c.text for c in subject_candidates(read_window(words, start, end), None)]


# What never is a subject phrase, and a phrase near it that still is; the language is the text's.
# English: a stretch of clause (a pronoun, an auxiliary, a subordinator) or a verb inside ("to"
# before a bare word, a participle before "by" or a possessive). Korean: shares, ranks, counts,
# comparison bases, verb stems and connectives, adverbs, conjunctions at either end.
@pytest.mark.parametrize(
    ("text", "amount", "never", "still"),
    [
        # a stretch of clause: a pronoun, an auxiliary or a subordinator never sits in a noun phrase
        ("When you cut reserves to £4 million, the council is at risk.", "£4 million", "When you cut", "reserves"),
        ("It will increase the road fund to $3 million next year.", "$3 million", "It will increase", "road fund"),
        ("The grant, which was confirmed, adds $2 million for the pool.", "$2 million", "which was confirmed", "pool"),
        # a verb inside: "to" before a bare word, a participle before "by" or a possessive
        ("Parks are proposed to get $4 million for new trails.", "$4 million", "proposed to get", "new trails"),
        (
            "Costs reimbursed by the state total $2 million for bridges.",
            "$2 million",
            "reimbursed by the state",
            "bridges",
        ),
        (
            "The city confirmed its contribution of $1.7 million for the pool.",
            "$1.7 million",
            "confirmed its contribution",
            "pool",
        ),
        # a share or a rank with its ending
        ("도서관 예산은 지난해보다 4.2%인 12억원이 늘었다.", "12억원", "4.2%인", "도서관 예산"),
        ("2위는 올해 8억원이 투입되는 체육공원 조성사업이다.", "8억원", "2위", "체육공원 조성사업"),
        # the base of a comparison written as one word with its time
        ("복지 예산이 전년대비 90억원 늘었다.", "90억원", "전년대비", "복지 예산"),
        # a count heads no phrase, a verb stem before 는 is no noun, a connective verb is no noun
        ("일반회계 세출부문에서 12건 26억원을 삭감했다.", "26억원", "12건", "일반회계 세출부문"),
        ("추경예산안 300억원 중 20%에 해당하는 60억원을 삭감했다.", "60억원", "해당하", "추경예산안"),
        ("특별회계 세입은 90억 늘고 40억 줄어 3조원이 됐다.", "3조원", "줄어", "특별회계 세입"),
        ("정부안 17억원이 더해져 총 27억원이 반영됐다.", "27억원", "더해져", "정부안"),
        # a full stop glued to the next sentence ends the word before it
        (
            "국회에서 부활했다.2030·2031년도 순환도로 구간에 12억원이 반영됐다.",
            "12억원",
            "부활했다.2030·2031년도",
            "순환도로 구간",
        ),
        # "as planned" and "in case" make adverbs, not things
        ("항만 개발사업은 정부안대로 1322억원이 확정됐다.", "1322억원", "정부안대로", "항만 개발사업"),
        ("부지가 없을 경우 도비 52억원을 반납해야 한다.", "52억원", "경우 도비", "도비"),
        # a conjunction joins phrases, it neither starts nor ends one
        ("군은 315억원의 국비 및 민간 사업비를 확보했다.", "315억원", "및 민간 사업비", "국비 및 민간 사업비"),
    ],
)
def test_never_a_phrase(text: str, amount: str, never: str, still: str) -> None:
    found = _candidates(text, amount, korean=any("가" <= ch <= "힣" for ch in text))
    assert never not in found
    assert still in found


def test_a_noun_ending_in_daebi_is_still_a_noun() -> None:
    """재난대비 (disaster preparedness) is a thing money is for; only a time + 대비 is a comparison."""
    assert "재난대비 훈련" in _candidates("재난대비 훈련에 5억원을 편성했다.", "5억원", korean=True)


@pytest.mark.parametrize(
    ("word", "stem", "particle"),
    [
        ("자동차공장(GGM)은", "자동차공장(GGM)", "은"),
        ("AI가", "AI", "가"),
        ("5G는", "5G", "는"),
        ("예산안은", "예산안", "은"),
    ],
)
def test_a_particle_after_a_bracket_a_letter_or_a_digit(word: str, stem: str, particle: str) -> None:
    assert split_particle(word) == (stem, particle)


def test_an_english_subject_never_runs_past_an_agent_or_instrument() -> None:
    """ "a €526 million budget by Cork County Council": "by" (and "with", "over", "into", "per",
    "under") starts another phrase; no labelled English subject holds one."""
    text = "Councillors passed a €526 million budget by Cork County Council on Monday."
    start = text.index("€526 million")
    end = start + len("€526 million")
    window = read_window(read_words(text, False, [(start, end)]), start, end)
    choices = [c.text for c in subject_choices(window, subject_phrases(window), [], None)]
    assert "budget" in choices
    assert not any(" by " in f" {c} " for c in choices)
