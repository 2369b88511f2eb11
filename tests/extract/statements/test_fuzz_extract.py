"""Arbitrary text never makes the amount or statement extractors fail."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.statements.amounts import find_amounts, parse_amount
from extract.statements.extractor import extract_statements

# Characters the rules care about, so random text often looks like an amount.
MONEY_CHARS = st.sampled_from(list("0123456789,.~-%$€£ 원억조만천백십여약총의에는을를이가년도\n()…△"))
TEXTS = st.one_of(
    st.text(),
    st.text(MONEY_CHARS),
    st.lists(
        st.sampled_from(
            [
                "예산",
                "6조",
                "2817억원",
                "내년",
                "2021년도",
                "편성",
                "에",
                "은",
                " ",
                "$1.2",
                "billion",
                "FY2024/25",
                "(",
                ")",
                "%",
                "3억5천만원",
                "늘어난",
                "삭감",
                "국비",
                ",",
                "\n",
            ]
        ),
        max_size=40,
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_find_amounts_never_fails(text: str) -> None:
    for a in find_amounts(text):
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start : a.end] == a.text
        assert a.value >= 0
    parse_amount(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.dates()), st.sampled_from([None, "ko", "en"]))
def test_extract_statements_never_fails(text: str, published: datetime.date | None, lang: str | None) -> None:
    for s in extract_statements(text, published=published, lang=lang):
        assert s.role in ("total", "allocation", "change", "other")
        assert text[s.amount.start : s.amount.end] == s.amount.text
