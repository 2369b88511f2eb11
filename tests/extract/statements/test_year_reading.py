"""How the year candidates of an amount are read: what is a year, which year a comparison and the
lead point to, and which fiscal year a dated report is about by its country. Sentences written for
this test."""

from __future__ import annotations

import datetime

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.fiscal_calendar import publisher_country, season_year
from extract.statements.refine import iter_statement_inputs
from extract.statements.year_words import year_mentions, year_written_before


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("일반회계가 2046억원이 증가한 6조 7616억원", []),  # an amount, not a year
        ("2019만원과 2020원, 2021% 증가", []),
        ("spending of $2018 per head and 2,019 million", []),
        ("council approved 2030 million pounds", []),
        ("2031년 예산과 FY 2030-31, 2029/30 budget", [2031, 2031, 2030]),
        ("the 2032 budget", [2032]),
    ],
)
def test_what_is_a_year(text: str, years: list[int]) -> None:
    assert [m.year for m in year_mentions(text, 0, len(text))] == years


def _year_features(text: str, amount: str, published: datetime.date | None) -> dict[int, list[str]]:
    statements = extract_statements(text, published=published, rules_only=True)
    inputs = list(iter_statement_inputs(text, statements, published, korean=True))
    [x] = [x for st, x in zip(statements, inputs, strict=True) if st.amount.text == amount]
    return dict(x.years)


DATED = datetime.date(2031, 12, 19)
COMPARED = "군의회는 내년도 총예산안을 올해 본예산(4천16억원)보다 187억원(4.67%) 증가한 4,204억원으로 의결했다."


@pytest.mark.parametrize(
    ("amount", "year", "mark"),
    [
        ("4천16억원", 2031, "is_base"),  # the base itself is this year's
        ("187억원", 2032, "beyond_base"),  # what is compared with this year's is next year's
        ("4,204억원", 2032, "beyond_base"),
    ],
)
def test_a_comparison_base_names_its_own_year_and_the_next(amount: str, year: int, mark: str) -> None:
    feats = _year_features(COMPARED, amount, DATED)
    assert mark in feats[year]
    assert all(mark not in f for y, f in feats.items() if y != year)


def test_the_year_of_a_base_is_no_nearest_year_word_of_what_follows_it() -> None:
    """ "올해 대비 1911억원 증가한": 올해 opens the base; the increase is not this year's by it."""
    feats = _year_features(
        "교육청은 내년도 본예산을 올해 대비 1911억원 증가한 1조615억원으로 편성했다.", "1911억원", DATED
    )
    assert "nearest_means" not in feats[2031]
    assert "lead_means=True" in feats[2032]  # the lead's first year word that is no base: 내년도


def test_a_dated_report_has_no_goal_years_among_its_candidates() -> None:
    text = "시는 2045년 탄소중립을 위한 그린뉴딜에 1324억원을 투입한다. 2050년까지 이어진다."
    assert set(_year_features(text, "1324억원", DATED)) <= {2030, 2031, 2032, 2033}
    undated = _year_features(text, "1324억원", None)
    assert 2045 in undated  # undated, nothing says which years are plausible


@pytest.mark.parametrize(
    ("published", "country", "year"),
    [
        (datetime.date(2019, 6, 27), "US", 2020),  # adopted days before the July year starts
        (datetime.date(2017, 10, 4), "US", 2018),  # during the year that began in July
        (datetime.date(2019, 2, 25), "GB", 2020),  # the 2019/20 year starts in April
        (datetime.date(2019, 5, 2), "GB", 2020),  # under way
        (datetime.date(2019, 3, 7), "CA", 2019),  # councils' years are calendar years
        (datetime.date(2025, 11, 12), "IE", 2026),
        (datetime.date(2018, 7, 12), "AU", 2019),  # 2018/19 under way
        (datetime.date(2024, 3, 26), "NZ", 2025),  # 2024/25 starts in July
        (datetime.date(2031, 12, 1), "KR", 2032),
        (datetime.date(2031, 4, 1), "KR", 2031),
        (datetime.date(2031, 4, 1), None, None),
    ],
)
def test_the_fiscal_year_a_dated_report_is_about(published: datetime.date, country: str | None, year: int) -> None:
    assert season_year(published, country) == year


@pytest.mark.parametrize(
    ("url", "text", "korean", "dollar", "country"),
    [
        ("https://news.example.kr/a", "", True, None, "KR"),
        ("https://www.ealing.gov.uk/news/1", "", False, None, "GB"),
        ("https://council.ie/budget-2024/", "", False, None, "IE"),
        ("https://citynews.com/a", "", False, "CAD", "CA"),
        ("https://citynews.com/a", "a £3m cut and £2m more", False, None, "GB"),
        ("https://citynews.com/a", "€86m budget", False, None, "IE"),
        ("https://towncrier.com/a", "a $800 million county budget", False, None, "US"),  # a bare dollar
        ("https://kansascity.legistar.com/x", "no money named", False, None, None),
    ],
)
def test_publisher_country(url: str, text: str, korean: bool, dollar: str | None, country: str | None) -> None:
    assert publisher_country(url, text, korean, dollar) == country


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("올해보다 5.8% 많다. 2021년 본예산이 6조2817억원이었던 것과 비교하면 크게 늘었다.", "6조2817억원", 2021),
        ("시의회는 2036년도 나주시 예산을 1조3,712억원으로 의결했다.", "1조3,712억원", 2036),
        ("시는 2045년 탄소중립을 위한 그린뉴딜에 1324억원을 투입한다.", "1324억원", None),  # a goal, no budget
    ],
)
def test_a_budget_named_by_its_year_right_before_the_amount(text: str, amount: str, year: int | None) -> None:
    assert year_written_before(text, text.index(amount)) == year


def test_a_budget_year_long_past_is_still_the_amounts_year() -> None:
    """A dated report compares with a budget five years back: that budget keeps its own year."""
    text = "시가 넘긴 내년 예산안은 7조6823억원이다. 2026년 본예산이 6조2817억원이었던 것과 비교하면 크게 늘었다."
    found = {st.amount.text: st.fiscal_year for st in extract_statements(text, published=DATED)}
    assert found["6조2817억원"] == 2026 and found["7조6823억원"] == 2032
