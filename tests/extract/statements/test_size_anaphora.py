"""A change measured against the figure the sentence before gave ("이는 올해보다 1200억원 증가한
금액이다") is about that figure's subject, not the comparison's base or the word "금액".

Sentences written for this test.
"""

from __future__ import annotations

import datetime

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.size_anaphora import in_sentence_before, measures_figure_before

DAY = datetime.date(2031, 11, 20)


def _subject(text: str, amount: str) -> str | None:
    found = [
        st
        for st in extract_statements(text, published=DAY, lang="ko")
        if text[st.amount.start : st.amount.end] == amount
    ]
    assert len(found) == 1, [text[st.amount.start : st.amount.end] for st in extract_statements(text, published=DAY)]
    return found[0].subject


@pytest.mark.parametrize(
    ("text", "amount", "subject"),
    [
        (
            "순천시의 내년 예산이 1조5천억원으로 확정됐다. 이는 올해보다 1200억원 증가한 금액이다.",
            "1200억원",
            "내년 예산",
        ),
        (
            "여수시는 내년도 예산안을 1조9천억원 규모로 편성해 시의회에 제출했다. "
            "이는 올해 본예산 1조8천억원보다 1천억원(5.5%) 늘어난 규모다.",
            "1천억원",
            "내년도 예산안",
        ),
        (
            "목포시 제2회 추가경정예산안은 1조2천억원이다. 당초 예산보다 300억원 늘어난 규모다.",
            "300억원",
            "제2회 추가경정예산안",
        ),
        (
            "강진군의 새해 예산은 6천억원으로 의결됐다. 이는 올해 본예산보다 120억원이 줄어든 액수다.",
            "120억원",
            "새해 예산",
        ),
        ("완도군의 내년 예산은 8천억원이다. 다섯 해 전과 비교하면 2천억원가량 불어난 셈이다.", "2천억원", "내년 예산"),
    ],
)
def test_the_change_is_the_figure_befores(text: str, amount: str, subject: str) -> None:
    assert _subject(text, amount) == subject


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # the sentence names what changed: its own topic stands
        ("순천시의 내년 예산이 1조5천억원으로 확정됐다. 일반회계는 올해보다 800억원 늘어난 규모다.", "800억원"),
        # no size of a change closes the sentence
        ("순천시의 내년 예산이 1조5천억원으로 확정됐다. 도로 정비에 200억원을 편성했다.", "200억원"),
    ],
)
def test_other_sentences_are_left_to_the_ranker(text: str, amount: str) -> None:
    start = text.index(amount)
    assert measures_figure_before(text, start, start + len(amount)) is None


def test_only_the_sentence_right_before_counts() -> None:
    text = "예산은 1조원이다. 행사가 열렸다. 이는 100억원 늘어난 규모다."
    start = text.index("100억원")
    lo = measures_figure_before(text, start, start + len("100억원"))
    assert lo == text.index("이는")
    assert not in_sentence_before(text, text.index("1조원") + len("1조원"), lo)
    assert in_sentence_before(text, text.index("열렸다"), lo)


def test_a_run_on_sentence_carries_nothing() -> None:
    text = "예산은 1조원이고 " + "사업 " * 120 + "100억원 늘어난 규모다."
    start = text.index("100억원")
    assert measures_figure_before(text, start, start + len("100억원")) is None
