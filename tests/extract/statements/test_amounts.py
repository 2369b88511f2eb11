"""Table tests for money amounts in Korean and English text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.statements.amounts import find_amounts, parse_amount

# Sentences written for these tests; figures are made up.
FOUND = [
    ("군은 내년 예산을 6조2817억원으로 잡았다.", [("6조2817억원", 6_281_700_000_000, "KRW")]),
    ("총 6조 9083억 원 규모다.", [("6조 9083억 원", 6_908_300_000_000, "KRW")]),
    ("예산안은 7조6천8백23억 원이다.", [("7조6천8백23억 원", 7_682_300_000_000, "KRW")]),
    ("지방채 2천800억원을 발행한다.", [("2천800억원", 280_000_000_000, "KRW")]),
    ("장학금 3억5천만원을 지원한다.", [("3억5천만원", 350_000_000, "KRW")]),
    ("도로 정비에 4,727억원을 쓴다.", [("4,727억원", 472_700_000_000, "KRW")]),
    ("축제에 5000만원을 들인다.", [("5000만원", 50_000_000, "KRW")]),
    ("복지 예산 1조3500억 원을 반영했다.", [("1조3500억 원", 1_350_000_000_000, "KRW")]),
    ("세수 49억 감소", [("49억", 4_900_000_000, "KRW")]),
    ("잉여금 13억여원이 남았다.", [("13억여원", 1_300_000_000, "KRW")]),
    ("회계 16조9,210억 확정", [("16조9,210억", 16_921_000_000_000, "KRW")]),
    ("일반회계 97억 2,800만원 삭감", [("97억 2,800만원", 9_728_000_000, "KRW")]),
    ("추경 2백97억4천1백만원 증액", [("2백97억4천1백만원", 29_741_000_000, "KRW")]),
    ("당초 1조7백58억4천2백만원", [("1조7백58억4천2백만원", 1_075_842_000_000, "KRW")]),
    ("사업비 2.5조원", [("2.5조원", 2_500_000_000_000, "KRW")]),
    ("수출 10억 달러 달성", [("10억 달러", 1_000_000_000, "USD")]),
    ("국비 8조원대를 확보", [("8조원", 8_000_000_000_000, "KRW")]),
    ("포함,1조7백7억원이 된다", [("1조7백7억원", 1_070_700_000_000, "KRW")]),
    ("사업비는 50억~100억원이다.", [("50억", 5_000_000_000, "KRW"), ("100억원", 10_000_000_000, "KRW")]),
    ("사업비는 50~100억원이다.", [("50", 5_000_000_000, "KRW"), ("100억원", 10_000_000_000, "KRW")]),
    ("The council approved $1.2 billion.", [("$1.2 billion", 1_200_000_000, "USD")]),
    ("A grant of $450,000 was awarded.", [("$450,000", 450_000, "USD")]),
    ("The trust got £3.5m for repairs.", [("£3.5m", 3_500_000, "GBP")]),
    ("About €2 million goes to parks.", [("€2 million", 2_000_000, "EUR")]),
    ("It costs USD 5 million.", [("USD 5 million", 5_000_000, "USD")]),
    ("Spending hits 1.2bn this year.", [("1.2bn", 1_200_000_000, "USD")]),
    ("Toronto set aside C$3 million.", [("C$3 million", 3_000_000, "CAD")]),
    ("They raised 5 million dollars.", [("5 million dollars", 5_000_000, "USD")]),
    ("The operating budget has a $52-million gap.", [("$52-million", 52_000_000, "USD")]),
    ("Council passed a $1.5-billion plan.", [("$1.5-billion", 1_500_000_000, "USD")]),
    ("Repairs may cost $2.5 to $3 million.", [("$2.5", 2_500_000, "USD"), ("$3 million", 3_000_000, "USD")]),
    ("It needs between $4 and $7 million.", [("$4", 4_000_000, "USD"), ("$7 million", 7_000_000, "USD")]),
    ("The hall needs $5-6 million.", [("$5", 5_000_000, "USD"), ("6 million", 6_000_000, "USD")]),
    ("A pool would cost £10-12m.", [("£10", 10_000_000, "GBP"), ("12m", 12_000_000, "GBP")]),
    ("Grants run from $500 to $1 million.", [("$500", 500, "USD"), ("$1 million", 1_000_000, "USD")]),
    ("Tickets cost $20 to $25 each.", [("$20", 20, "USD"), ("$25", 25, "USD")]),
    ("Perth gets AU$5m for trails.", [("AU$5m", 5_000_000, "AUD")]),
]

NOT_AMOUNTS = [
    "예산이 10% 늘었다.",
    "연간 10만대를 생산한다.",
    "청년 2000여 명에게 일자리를 준다.",
    "2021년 3월 5일 문의 062-613-2000",
    "수십억원이 들 것으로 보인다.",
    "인구 3억 명",
    "지구는 46억년 전에 생겼다.",
    "5000만 명이 봤다.",
    "Turnout rose 15 percent in 2024; call 555-0100.",
    "이천시에서 열린 행사",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_amounts(text: str, expected: list[tuple[str, int, str]]) -> None:
    found = find_amounts(text)
    assert [(a.text, a.value, a.currency) for a in found] == expected
    for a in found:
        assert text[a.start : a.end] == a.text


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "approximate"),
    [("약 30억원을 들인다", True), ("100억 원 규모의 사업", True), ("13억여원", True), ("30억원을 들인다", False)],
)
def test_approximate(text: str, approximate: bool) -> None:
    assert find_amounts(text)[0].approximate is approximate


def test_approximation_words_stay_outside() -> None:
    [a] = find_amounts("약 30억원")
    assert a.text == "30억원"


def test_table_unit_scales_bare_numbers() -> None:
    text = "사업별 예산 (단위: 백만원)\n도로 1,200\n공원 350\n\n다음 문단 2024"
    found = find_amounts(text)
    assert [(a.text, a.value) for a in found] == [("1,200", 1_200_000_000), ("350", 350_000_000)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6조2817억원", 6_281_700_000_000),
        ("백만원", 1_000_000),
        ("천원", 1000),
        ("$1.2 billion", 1_200_000_000),
        ("3억5천만원", 350_000_000),
        ("10%", None),
        ("", None),
        ("예산", None),
        ("5억원 그리고 3억원", None),
    ],
)
def test_parse_amount(text: str, value: int | None) -> None:
    assert parse_amount(text) == value


def _korean_styles(n: int) -> list[str]:
    jo, rest = divmod(n, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, won = divmod(rest, 10**4)
    parts = [(jo, "조"), (eok, "억"), (man, "만")]
    plain = "".join(f"{v}{u}" for v, u in parts if v) + (str(won) if won else "")
    spaced = " ".join(f"{v:,}{u}" for v, u in parts if v) + (f" {won:,}" if won else "")

    def hangul_small(v: int) -> str:
        out = ""
        for unit, size in (("천", 1000), ("백", 100), ("십", 10)):
            d, v = divmod(v, size)
            out += (str(d) if d > 1 else "") + unit if d else ""
        return out + (str(v) if v else "")

    mixed = "".join(f"{hangul_small(v)}{u}" for v, u in parts if v) + (hangul_small(won) if won else "")
    return [plain + "원", spaced.strip() + " 원", mixed + "원"]


@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_korean_renderings_parse_back(n: int) -> None:
    for text in _korean_styles(n):
        assert parse_amount(text) == n, text


@given(st.integers(min_value=0, max_value=10**12))
def test_english_renderings_parse_back(n: int) -> None:
    assert parse_amount(f"${n:,}") == n
    assert parse_amount(f"€{n}") == n
    assert parse_amount(f"USD {n:,}") == n
    millions = n // 10**6
    if millions:
        assert parse_amount(f"£{millions} million") == millions * 10**6
        assert parse_amount(f"{millions}m dollars") == millions * 10**6


# Spaced numerals (sentences written for these tests): a group ending in 천/백/십 keeps the rest
# of its group after one space, and the whole is ONE amount.
SPACED = [
    ("시는 2천 161억 원을 편성했다.", [("2천 161억 원", 216_100_000_000)]),
    ("총사업비 천 865억 원이 든다.", [("천 865억 원", 186_500_000_000)]),
    ("내년 예산은 7조 9천 435억원이다.", [("7조 9천 435억원", 7_943_500_000_000)]),
    ("국비 1조 2천 500억 원을 확보", [("1조 2천 500억 원", 1_250_000_000_000)]),
    ("교부금 3백 20억원 증액", [("3백 20억원", 32_000_000_000)]),
    ("잔액 1천 2백 원", [("1천 2백 원", 1_200)]),
    ("국비 6조 870여억원은 SOC에", [("6조 870여억원", 6_087_000_000_000)]),
    ("추경 26억 9천여 만원을 삭감", [("26억 9천여 만원", 2_690_000_000)]),
    ("본예산 4천655억5천여만원으로", [("4천655억5천여만원", 465_550_000_000)]),
    ("운영비 1천600만→3천200만원으로", [("1천600만", 16_000_000), ("3천200만원", 32_000_000)]),
    # a word between breaks the number
    ("청년 2천 명에게 161억 원을 준다.", [("161억 원", 16_100_000_000)]),
    ("주민 3천 곳 중 500억원", [("500억원", 50_000_000_000)]),
    # the rest is not smaller than the head's unit: two numbers, not one
    ("2천 3천억원이 든다", [("3천억원", 300_000_000_000)]),
    ("2천 161명이 받은 10억원", [("10억원", 1_000_000_000)]),
    # counts stay counts even with an arrow
    ("인구 5000만→4800만 명", []),
]


@pytest.mark.parametrize(("text", "expected"), SPACED)
def test_spaced_korean_numerals_keep_their_head(text: str, expected: list[tuple[str, int]]) -> None:
    found = find_amounts(text)
    assert [(a.text, a.value) for a in found] == expected
