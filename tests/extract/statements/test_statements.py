"""Table tests for budget statements: subject, role, fiscal year, action, funding, stage, org."""

from __future__ import annotations

import datetime

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.scoring import dice

# With no year in the sentence, a statement takes the article's own budget year: here its date's year.
NOV_2030 = datetime.date(2030, 11, 20)

# (text, published, [(amount text, subject, role, fiscal_year)]); sentences written for these tests.
CASES = [
    (
        "목포시가 시의회에 제출한 2031년도 예산안 총규모는 2조4500억원이다.",
        None,
        [("2조4500억원", "2031년도 예산안 총규모", "total", 2031)],
    ),
    (
        "시는 스마트 항만 물류단지 조성에 320억원을 투입한다.",
        NOV_2030,
        [("320억원", "스마트 항만 물류단지 조성", "allocation", 2030)],
    ),
    ("청년 창업 지원사업에는 45억원을 편성했다.", NOV_2030, [("45억원", "청년 창업 지원사업", "allocation", 2030)]),
    ("어르신 돌봄은 18억원을 지원한다.", NOV_2030, [("18억원", "어르신 돌봄", "allocation", 2030)]),
    (
        "주요 사업은 해양공원 조성(75억원), 시립도서관 건립(40억원) 등이다.",
        NOV_2030,
        [("75억원", "해양공원 조성", "allocation", 2030), ("40억원", "시립도서관 건립", "allocation", 2030)],
    ),
    (
        "올해 본예산보다 3%(610억원) 늘어난 2조1천억원 규모의 예산안을 편성했다.",
        NOV_2030,
        [("610억원", "예산안", "change", 2030), ("2조1천억원", "예산안", "total", 2030)],
    ),
    (
        "일반회계는 당초보다 120억원 줄어든 1조5천억원이다.",
        NOV_2030,
        [("120억원", "일반회계", "change", 2030), ("1조5천억원", "일반회계", "total", 2030)],
    ),
    ("시는 지방채 900억원을 발행하기로 했다.", NOV_2030, [("900억원", "지방채", "other", 2030)]),
    ("2년 연속 국비 3조원대를 확보했다.", NOV_2030, [("3조원", "국비", "other", 2030)]),
    ("세입은 올해 대비 700억원 감소할 전망이다.", NOV_2030, [("700억원", "세입", "other", 2030)]),
    (
        "공연장 예산 12억원, 체육관 운영비 8억원이 삭감됐다.",
        NOV_2030,
        [("12억원", "공연장 예산", "change", 2030), ("8억원", "체육관 운영비", "change", 2030)],
    ),
    (
        "가로등 교체 예산을 30억원에서 12억원으로 줄였다.",
        datetime.date(2030, 3, 2),
        [("30억원", "가로등 교체 예산", "allocation", 2030), ("12억원", "가로등 교체 예산", "allocation", 2030)],
    ),
    (
        "군은 올해 제1회 추가경정예산안을 520억원 규모로 편성했다.",
        datetime.date(2030, 4, 1),
        [("520억원", "올해 제1회 추가경정예산안", "total", 2030)],
    ),
    (
        "The council approved a budget of $2.3 billion for the 2030-31 fiscal year.",
        None,
        [("$2.3 billion", "budget", "total", 2031)],
    ),
    (
        "For FY2029/30, $310,000 is available for playground repairs.",
        None,
        [("$310,000", "playground repairs", "allocation", 2030)],
    ),
    ("The levy will raise an additional €4.1 million in revenue.", None, [("€4.1 million", "revenue", "other", None)]),
]


def test_article_about_next_year_budget() -> None:
    text = "시는 내년 예산안을 시의회에 제출했다.\n도로 건설에 10억원을 투입한다."
    [st] = extract_statements(text, published=NOV_2030)
    assert st.fiscal_year == 2031


def test_article_year_from_stated_budget_without_date() -> None:
    text = "군이 2031년도 예산안을 제출했다. 내년 예산 총규모는 4천억원으로 올해 본예산 3천9백억원보다 늘었다."
    got = [(s.amount.text, s.fiscal_year) for s in extract_statements(text)]
    assert got == [("4천억원", 2031), ("3천9백억원", 2030)]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_statement_fields(
    text: str, published: datetime.date | None, expected: list[tuple[str, str, str, int | None]]
) -> None:
    got = extract_statements(text, published=published)
    assert [(s.amount.text, s.role, s.fiscal_year) for s in got] == [(a, r, y) for a, _, r, y in expected]
    # a subject agrees with the label as the scorer measures agreement (../shared/eval/score_budget.py)
    for st, (_, subject, _, _) in zip(got, expected, strict=True):
        assert dice(st.subject, subject) >= 0.5, (st.subject, subject)


@pytest.mark.parametrize(
    ("text", "published", "year"),
    [
        ("내년 예산 3조원을 편성했다.", datetime.date(2030, 11, 1), 2031),
        ("올해 예산 3조원을 편성했다.", datetime.date(2030, 11, 1), 2030),
        ("내후년 예산 3조원을 검토한다.", datetime.date(2030, 11, 1), 2032),
        ("2032년도 예산안 3조원을 제출했다.", datetime.date(2030, 11, 1), 2032),
        ("지난해 예산 3조원보다 늘었다.", datetime.date(2030, 11, 1), 2029),
        ("예산 3조원을 편성했다.", None, None),
    ],
)
def test_fiscal_year(text: str, published: datetime.date | None, year: int | None) -> None:
    [st] = extract_statements(text, published=published)
    assert st.fiscal_year == year


@pytest.mark.parametrize(
    ("text", "action", "funding", "stage"),
    [
        ("도로 건설에 국비 50억원을 투입한다.", "invest", "국비", None),
        ("제2회 추경에서 복지 예산 30억원을 증액했다.", "increase", None, "제2회 추경"),
        ("시비 12억원을 확보했다.", "secure", "시비", None),
        ("본예산에 민자 80억원을 반영했다.", "allocate", "민자", "본예산"),
        ("지방채 100억원을 발행한다.", "borrow", "지방채", None),
    ],
)
def test_action_funding_stage(text: str, action: str, funding: str | None, stage: str | None) -> None:
    [st] = extract_statements(text)
    assert (st.action, st.funding, st.stage) == (action, funding, stage)


def test_org_from_text_else_source() -> None:
    [named] = extract_statements("순천시는 정원 조성에 20억원을 투입한다.", org="source-org")
    assert named.org == "순천시"
    [unnamed] = extract_statements("정원 조성에 20억원을 투입한다.", org="source-org")
    assert unnamed.org == "source-org"


def test_spans_point_into_text_and_sentence_is_kept() -> None:
    text = "머리말\n\n시는 공원 조성에 15억원을 투입한다. 다음 문장."
    [st] = extract_statements(text)
    assert text[st.amount.start : st.amount.end] == "15억원"
    assert st.sentence == "시는 공원 조성에 15억원을 투입한다."


@pytest.mark.parametrize("text", ["", "   ", "예산이 없다.", "\x00\x01\ufffd", "10% 2000여 명 10만대"])
def test_no_amounts(text: str) -> None:
    assert extract_statements(text) == []
