"""When the reader asks for a second opinion on trafilatura's body, and whose reading it keeps."""

from __future__ import annotations

import pytest

from extract.article.consensus import is_fragment, may_be_fragment, prefer_readable, worth_asking

BODY = "The council adopted a budget of 12 million dollars for roads."  # 62 characters


@pytest.mark.parametrize(
    ("paragraphs", "asked"),
    [
        ([BODY], False),
        ([BODY, BODY], True),  # twice the body
        ([BODY, BODY[:-1]], False),  # one character short
        ([BODY[:-4] + "  \n\n    ", BODY], False),  # long enough only before its whitespace is collapsed
        ([f"  {BODY}\n", f"\t{BODY} "], True),
        ([], False),
    ],
)
def test_readability_is_asked_where_the_paragraphs_hold_twice_the_body(paragraphs: list[str], asked: bool) -> None:
    assert worth_asking(BODY, paragraphs) is asked


def test_an_empty_body_asks_nobody() -> None:
    assert not worth_asking("", [BODY, BODY])


def test_a_short_precise_reading_is_a_fragment_of_a_plain_one_ten_times_longer() -> None:
    assert may_be_fragment("x" * 999) and not may_be_fragment("x" * 1000)
    assert is_fragment("x" * 100, "y" * 1000) and not is_fragment("x" * 100, "y" * 999)
    assert not is_fragment("x" * 1000, "y" * 100_000)


def test_readability_wins_where_it_holds_the_body_and_twice_as_much_again() -> None:
    other = " ".join(f"word{i}" for i in range(40))
    assert prefer_readable(BODY, f"{BODY} {other}")
    assert not prefer_readable(BODY, f"{BODY} word1 word2")  # not twice as much
    assert not prefer_readable(BODY, other)  # does not hold the body
