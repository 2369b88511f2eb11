"""General causes of misread statements, one table row each (sentences written for these tests)."""

from __future__ import annotations

import datetime

import pytest

from extract.statements.extractor import extract_statements

DAY = datetime.date(2026, 3, 2)

# (text, amount text, subject, role); subject None means "no phrase names it", never a wrong one.
CASES = [
    # a connective verb is not part of a noun phrase
    ("군이 정부 공모에 뽑혀 국비 27억 원을 받는다.", "27억 원", "국비", "allocation"),
    # "…" ends a headline clause: no subject reaches across it
    ("목포시, 내년 정부예산 930억원 건의…국비 확보 총력", "930억원", "내년 정부예산", "other"),
    # durations are not subjects: "5년간", "3년 동안"
    ("군은 관광 기반 확충에 3년간 410억원 투입", "410억원", "관광 기반 확충", "allocation"),
    ("시가 2031년까지 4년 동안 수소산업 육성에 900억원을 쏟아붓는다.", "900억원", "수소산업 육성", "allocation"),
    # pronouns and parts point elsewhere; a part of a whole is never the whole
    ("정류장 40곳에는 온열 의자가 놓이며, 여기에 2억원이 들어간다.", "2억원", None, "allocation"),
    ("이 가운데 3억원은 경로당 난방비 지원에 쓰인다.", "3억원", "경로당 난방비 지원", "allocation"),
    ("나머지 7천만원은 마을 도서관 운영에 배정됐다.", "7천만원", "마을 도서관 운영", "allocation"),
    # an amount glued to its particle is followed by an adverb, not a subject
    ("시는 김장철 배추값 안정에 2억원을 긴급 투입한다.", "2억원", "김장철 배추값 안정", "allocation"),
    # "X에 대비해" says what the money answers; the object of 들여 is what it buys
    ("시가 한파에 대비해 6억원을 들여 버스정류장 온기쉼터를 늘린다.", "6억원", "버스정류장 온기쉼터", "allocation"),
    # a rate per unit is not a subject
    ("설치비는 한 곳당 300만원 안팎이다.", "300만원", "설치비", "allocation"),
    # change verbs beyond 늘다/줄다, and adverbs between the amount and its verb
    ("2022년 본예산과 비교하면 네 해 만에 9천억원가량 불어난 셈이다.", "9천억원", None, "change"),
    ("일반회계는 210억원, 특별회계는 35억원이 각각 증액됐다.", "35억원", "특별회계", "change"),
    # a threshold crossed is not an allocation
    ("신규 사업은 모두 17건으로 향후 총사업비 규모가 9천억원을 넘는다.", "9천억원", None, "other"),
    # a damage-recovery item is spending, not a loss
    ("시는 집중호우 피해 복구에 48억원을 우선 반영했다.", "48억원", "집중호우 피해 복구", "allocation"),
    # a 추경 without 제 is still a whole supplementary budget
    ("순천시, 2회 추경 870억원 편성", "870억원", "2회 추경", "total"),
    # nouns that end like a particle: 살림살이
    ("군이 내년 살림살이 규모를 5천2백억 원으로 정했다.", "5천2백억 원", "내년 살림살이 규모", "total"),
]


@pytest.mark.parametrize(("text", "amount", "subject", "role"), CASES)
def test_general_misfires(text: str, amount: str, subject: str | None, role: str) -> None:
    found = {st.amount.text: st for st in extract_statements(text, published=DAY)}
    st = found[amount]
    if subject is None:
        assert st.subject is None or st.subject != "여기", st.subject
    else:
        assert st.subject == subject
    assert st.role == role


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("구는 경기 침체로 손님이 준 가게를 돕기 위해 특례보증 출연금 9억원을 추가했다.", "목포시"),
        ("광주 남구가 840억원 규모의 제1회 추가경정예산안을 구의회에 냈다.", "광주 남구"),
        ("경기도는 반도체 인력 양성에 120억원을 편성했다.", "경기도"),
        # cities whose names end like an ordinary word ("수시", "동시", "제시", "전시")
        ("여수시는 섬 박람회 준비에 85억원을 편성했다.", "여수시"),
        ("안동시는 탈춤 축제에 12억원을 지원한다.", "안동시"),
        ("거제시가 조선업 지원에 40억원을 투입한다.", "거제시"),
        ("대전시는 트램 건설에 780억원을 편성했다.", "대전광역시"),
        ("행사 당시 시장은 축제에 3억원을 쓰겠다고 했다.", "목포시"),
    ],
)
def test_org_is_an_organization_not_a_word(text: str, org: str) -> None:
    (st,) = extract_statements(text, published=DAY, org="목포시")
    assert st.org == org


def test_subject_span_points_at_the_subject() -> None:
    text = "제목\n\n시는 스마트 항만 물류단지 조성에 320억원을 투입한다. 총 예산은 2조원이다."
    for st in extract_statements(text, published=DAY):
        if st.subject is None:
            assert st.subject_span is None
            continue
        assert st.subject_span is not None
        start, end = st.subject_span
        assert text[start:end] == st.subject


def test_english_scale_words_in_headlines() -> None:
    (st,) = extract_statements("County to Invest $2.5 Million in Library Upgrade", lang="en")
    assert st.amount.value == 2_500_000
