"""Failure classes seen on text the extractor was not tuned on, each with sentences written for this test.

One row per class of mistake (issue 13): totals read as allocations, changes read as allocations,
revenue/thresholds/requests/money left out read as allocations, before->after notation, subjects
that are a time word, English roles and split fiscal years, the publisher's dollar, organisations.
"""

from __future__ import annotations

import datetime

import pytest

from extract.statements.actions import VOCABULARY
from extract.statements.extractor import Statement, extract_statements

DAY = datetime.date(2030, 11, 20)


def _one(text: str, amount: str, **kwargs: object) -> Statement:
    found = [s for s in extract_statements(text, published=DAY, **kwargs) if s.amount.text == amount]  # type: ignore[arg-type]
    assert found, f"{amount!r} not read from {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "amount", "role"),
    [
        # a whole budget
        ("시는 내년도 예산(안)을 7조895억 원으로 편성해 시의회에 제출했다.", "7조895억 원", "total"),
        ("군의 올 예산규모는 5천120억원으로 지난해보다 늘었다.", "5천120억원", "total"),
        # increases and cuts
        ("복지 분야 예산은 지난해보다 297억 원이 증가했다.", "297억 원", "change"),
        ("주요 증액 사업은 도서관 건립 12억원, 경로당 보수 3억원 등이다.", "12억원", "change"),
        # revenue, money left out, thresholds, requests
        ("올해 세입은 지방교부세 2천억원, 국고보조금 1천500억원 등으로 구성된다.", "2천억원", "other"),
        ("이번 예산에는 인건비 300억원이 포함되지 않았다.", "300억원", "other"),
        ("도의 예산 규모가 처음으로 10조원을 넘어섰다.", "10조원", "other"),
        ("시는 정부에 철도 설계비 50억원 반영을 건의했다.", "50억원", "other"),
        # English
        ("The council approved a $39.1 million budget for 2031 on Tuesday.", "$39.1 million", "total"),
        ("Councillors cut $1.2 million from the library budget.", "$1.2 million", "change"),
        ("Property tax revenue is expected to rise to $45 million.", "$45 million", "other"),
        ("The plan includes $2.5 million for road repairs and $800,000 for new parks.", "$2.5 million", "allocation"),
    ],
)
def test_role(text: str, amount: str, role: str) -> None:
    assert _one(text, amount).role == role


@pytest.mark.parametrize(
    ("text", "amount", "subject"),
    [
        # before -> after: the item, never "당초" or a piece of the arrow
        ("체육관 건립 예산은 당초 790억 원에서 990억 원으로 늘었다.", "790억 원", "체육관 건립 예산"),
        ("체육관 건립 예산은 당초 790억 원에서 990억 원으로 늘었다.", "990억 원", "체육관 건립 예산"),
        ("급식 지원 예산이 28억→54억원으로 늘었다.", "54억원", "급식 지원 예산"),
        # the base of a comparison is the noun before it, not the phrase the comparison leads to
        ("구는 본예산 2천억원보다 90억원 늘어난 2천90억원 규모의 제1회 추경안을 냈다.", "2천억원", "본예산"),
        (
            "8일 도의회에 따르면 도는 기정예산(4조2100억원)에서 512억원(1.2%) 증액된 4조2612억원 규모의"
            " ‘2031년도 제2회 추가경정예산안’을 도의회에 제출했다.",
            "4조2100억원",
            "기정예산",
        ),
        # a particle after a parenthesis is not part of the subject
        ("시는 내년도 예산(안)을 7조895억 원으로 편성해 시의회에 제출했다.", "7조895억 원", "내년도 예산(안)"),
        ("The plan includes $2.5 million for road repairs and $800,000 for new parks.", "$2.5 million", "road repairs"),
    ],
)
def test_subject(text: str, amount: str, subject: str) -> None:
    assert _one(text, amount).subject == subject


@pytest.mark.parametrize(
    "text",
    ["올해 도로 정비에 45억원을 투입한다.", "지난해 예산은 3조원이었다.", "당초 12억원이 편성됐다."],
)
def test_a_time_word_is_never_the_subject(text: str) -> None:
    [st] = extract_statements(text, published=DAY)
    assert st.subject not in ("올해", "지난해", "당초", "내년")


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("The FY 2014-15 budget totals $120 million.", "$120 million", 2015),
        ("The council's 2024/5 budget sets aside £3m for housing.", "£3m", 2025),
        ("For FY2029/30, $310,000 is available for playground repairs.", "$310,000", 2030),
    ],
)
def test_split_fiscal_years_take_the_ending_year(text: str, amount: str, year: int) -> None:
    assert extract_statements(text)[0].fiscal_year == year


@pytest.mark.parametrize(
    ("url", "country", "currency"),
    [
        ("https://www.cbc.ca/news/city-budget", None, "CAD"),
        ("https://www.brisbane.qld.gov.au/news", None, "AUD"),
        ("https://www.ccc.govt.nz/news", None, "NZD"),
        ("https://www.example-news.com/story", None, "USD"),
        ("https://www.example-news.com/story", "CA", "CAD"),
    ],
)
def test_a_bare_dollar_is_the_publishers(url: str, country: str | None, currency: str) -> None:
    [st] = extract_statements("The council approved $4 million for the new library.", url=url, country=country)
    assert st.amount.currency == currency


def test_a_named_dollar_keeps_its_name() -> None:
    [st] = extract_statements("The province gave US$4 million to the city.", url="https://www.cbc.ca/x")
    assert st.amount.currency == "USD"


GWANGJU_SITE = (
    "전남도, 내년 국비 9조2148억원 확보\n"
    "전라남도는 내년 정부 예산에 국비 9조2148억원이 반영됐다고 밝혔다. "
    "나주시는 혁신도시 사업에 630억원을 투입한다. 서구는 내년 예산 1조4710억원을 편성했다. "
    "광주시는 국비 100억원 반영을 정부에 요청했다."
)


def test_each_statement_names_the_organisation_it_is_about() -> None:
    got = [(s.amount.text, s.org) for s in extract_statements(GWANGJU_SITE, published=DAY, org="광주광역시")]
    assert got == [
        ("9조2148억원", "전라남도"),
        ("9조2148억원", "전라남도"),
        ("630억원", "나주시"),
        ("1조4710억원", "광주 서구"),
        ("100억원", "광주광역시"),
    ]


def test_the_source_org_is_only_the_default() -> None:
    [st] = extract_statements("도서관 건립에 45억원을 투입한다.", published=DAY, org="담양군")
    assert st.org == "담양군"


def test_an_amount_in_the_headline_and_the_body_is_one_statement() -> None:
    got = extract_statements(GWANGJU_SITE, published=DAY, org="광주광역시")
    assert got[0].repeat_of == 1
    assert [s.repeat_of for s in got[1:]] == [None, None, None, None]


def test_actions_come_from_a_closed_vocabulary_and_a_request_is_never_secured() -> None:
    got = extract_statements(GWANGJU_SITE, published=DAY, org="광주광역시")
    assert {s.verb for s in got} <= VOCABULARY | {None}
    assert got[-1].verb == "요청"
    [left_out] = extract_statements("이번 예산에는 인건비 300억원이 포함되지 않았다.", published=DAY)
    assert left_out.verb is None
