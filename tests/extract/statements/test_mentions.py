"""Project mentions with or without amounts: name, action, timing and its year."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.statements.mentions import extract_mentions

DAY = datetime.date(2026, 11, 20)

# (text, [(name, action, timing, year)]); sentences written for these tests.
CASES = [
    (
        "시는 도시철도 3호선 건설을 2029년까지 마칠 계획이다.",
        [("도시철도 3호선", "건설", "2029년", 2029)],
    ),
    ("군은 바나듐전지실증센터 구축 사업에 착수했다.", [("바나듐전지실증센터", "구축", None, None)]),
    (
        "1단계 구간은 내년 4월 시운전에 들어간다.",
        [("1단계 구간", "시운전", "내년 4월", 2027)],
    ),
    (
        "시는 올해 하반기 초등학교 통학로 보행 안전시설 정비를 마친다.",
        [("초등학교 통학로 보행 안전시설", "정비", "올해 하반기", 2026)],
    ),
    ("산림청 ‘지방정원 조성 사업’ 공모에 선정됐다.", [("지방정원", "조성", None, None)]),
    # a particle after a bracket ends the name; a time after the name goes to timing; an adverb is no name
    (
        "수소트램(H2T)은 내년 4월 시운전에 들어간다.",
        [("수소트램(H2T)", "시운전", "내년 4월", 2027)],
    ),
    ("시는 행정복합단지를 속도감있게 추진한다.", []),
    ("예산 편성 방향을 설명했다.", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_mentions(text: str, expected: list[tuple[str, str, str | None, int | None]]) -> None:
    found = extract_mentions(text, DAY)
    assert [(m.name, m.action, m.timing, m.year) for m in found] == expected
    for m in found:
        start, end = m.span
        assert text[start:end].endswith(m.action)


def test_relative_timing_without_a_date_has_no_year() -> None:
    (m,) = extract_mentions("1단계 구간은 내년 4월 시운전에 들어간다.")
    assert m.timing == "내년 4월" and m.year is None


def test_the_same_mention_twice_is_kept_once() -> None:
    text = "군립 요양병원 증축을 추진한다. 군립 요양병원 증축은 군의 숙원이다."
    assert [m.name for m in extract_mentions(text, DAY)] == ["군립 요양병원"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("건설구축조성 시운전내년4월2호선도시철도은는을를에, .\n‘’"))))
def test_never_fails_and_spans_stay_inside(text: str) -> None:
    for m in extract_mentions(text, DAY):
        assert 0 <= m.span[0] < m.span[1] <= len(text)


def test_a_sentence_said_over_and_over_gives_what_it_gives_said_once() -> None:
    said, other = "도시철도 2호선 건설을 내년 4월 시작한다. ", "군립 요양병원 증축을 추진한다. "
    text, once = said * 500 + other + said * 3 + other, said + other
    found, expected = extract_mentions(text, DAY), extract_mentions(once, DAY)
    assert [(m.name, m.action, m.timing, m.year, m.sentence) for m in found] == [
        (m.name, m.action, m.timing, m.year, m.sentence) for m in expected
    ]
    assert len(found) == 2 and found[0].span == expected[0].span  # the first time it was said
    assert [text[slice(*m.span)] for m in found] == [once[slice(*m.span)] for m in expected]
