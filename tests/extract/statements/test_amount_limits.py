"""Hostile amount text: huge digit runs, endless numbers; nothing raises, nothing too big is kept.

How the scan time grows with the text is measured in `bench/amount_speed.py` (no timing here).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.statements.amounts import MAX_VALUE, find_amounts, parse_amount
from extract.statements.extractor import extract_statements

HOSTILE = [
    "1." * 200_000 + "억원",  # quadratic before: every digit looked ahead to the end
    "1" * 4_301 + "억원",  # int() refuses more than 4,300 digits
    "예산 " + "9" * 5_000 + "원",
    "1" * 1_000_000 + "조",  # decimal.Overflow
    "9999999999999999999999999조원",  # 2**63 or more: the store cannot hold it
    "9999999999999999999조원",
    "$" + "9" * 30,
    "$9,999,999,999,999,999,999 trillion",
    "US$" + "9" * 19 + " trillion",
    "9" * 30 + " dollars",
    "1" * 25 + "bn",
    "(단위: 백만원)\n" + "9" * 19 + "\n" + "1" * 5_000 + "\n",
    "99999999999999999~10조원",
    "1천" * 100_000 + "원",
    "1,0" * 100_000 + "억원",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_numbers_are_not_amounts_and_never_raise(text: str) -> None:
    for a in find_amounts(text):
        assert a.value <= MAX_VALUE
        assert len(a.text) < 64, a.text
    for s in extract_statements(text):
        assert s.amount.value <= MAX_VALUE


def test_nothing_of_2_63_or_more_is_an_amount() -> None:
    assert find_amounts("9999999999999999999조원") == []
    assert parse_amount("9,223,372조원") == 9_223_372 * 10**12  # just below 2**63
    assert parse_amount("9,223,373조원") is None
    assert parse_amount("$9,223,372 trillion") == 9_223_372 * 10**12
    assert parse_amount("$9,223,373 trillion") is None


def test_a_real_amount_next_to_garbage_is_still_read() -> None:
    text = "1." * 50_000 + "억원, 그리고 사업비 30억원을 편성했다. " + "7" * 5_000 + "조"
    assert [(a.text, a.value) for a in find_amounts(text)] == [("30억원", 3_000_000_000)]


DIGITS = st.text(st.sampled_from(list("0123456789")), min_size=1, max_size=60)
UNITS = st.sampled_from(["억원", "조", "조원", "만원", "원", " dollars", "bn", "억", "천억원"])
SEPARATORS = st.sampled_from(["", ".", ",", " ", "천", "여"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(DIGITS, SEPARATORS), max_size=30), UNITS, st.sampled_from(["", "$", "₩", "USD "]))
def test_any_digit_run_with_a_unit_is_read_or_skipped(runs: list[tuple[str, str]], unit: str, symbol: str) -> None:
    text = symbol + "".join(d + s for d, s in runs) + unit
    for a in find_amounts(text):
        assert 0 <= a.value <= MAX_VALUE
        assert text[a.start : a.end] == a.text
    value = parse_amount(text)
    assert value is None or 0 <= value <= MAX_VALUE
