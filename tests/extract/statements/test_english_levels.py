"""English shapes of a whole budget, its level before, money kept and a year written after the
amount. Sentences written for this test; figures made up."""

from __future__ import annotations

import datetime

import pytest

from extract.statements.statement import Statement
from extract.statements.vocabulary import en_clause_words
from extract.statements.year_words import year_written_after
from tests.extract.statements.read_text import by_amount

DAY = datetime.date(2025, 11, 3)


def _read(text: str) -> dict[str, Statement]:
    return by_amount(text, "en", DAY)


def test_a_headline_budget_is_the_budget() -> None:
    found = _read("Eastbrook City Council approves $412 million budget\nThe vote was 7-2.")
    assert found["$412 million"].subject == "budget"
    assert found["$412 million"].role == "total"


def test_the_level_before_a_whole_budget_is_a_whole_budget_too() -> None:
    found = _read("The council approved a $412 million operating budget for 2026, up from $398 million this year.")
    assert found["$398 million"].role == "total"
    assert found["$398 million"].subject == "operating budget"


def test_a_verb_after_and_ends_the_phrase() -> None:
    found = _read("Council also set aside $2 million in reserves and cut $1.3 million from the parks department.")
    assert found["$2 million"].subject == "reserves"
    assert found["$2 million"].role == "other"  # money kept, not spent
    assert found["$1.3 million"].subject == "parks department"
    assert found["$1.3 million"].role == "change"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (" in 2014 for regional streets", 2014),
        (" for 2015/16.", 2016),
        (" in 2024-25 and", 2025),
        (" in fiscal 2027,", 2027),
        (" in 2024–2025", 2025),
        (" in 2024/2030", 2024),  # no split year: the first
        (" in 20245", None),
        (" in 2024%", None),
        (" to 2024", None),
    ],
)
def test_year_written_after(text: str, year: int | None) -> None:
    assert year_written_after("$5 million" + text, len("$5 million")) == year


@pytest.mark.parametrize(
    ("phrase", "clause"),
    [
        ("Council approved separate increases", True),
        ("Mayor Keith Hobbs brought", True),
        ("go", True),
        ("Total Estimated Project Cost", False),
        ("total estimated cost", False),
        ("expenditures related to this award", False),
        ("proposed council budget", False),
    ],
)
def test_a_clause_is_no_phrase(phrase: str, clause: bool) -> None:
    assert en_clause_words(phrase.split()) is clause


def test_a_verb_is_no_subject() -> None:
    found = _read(
        "The original number was $1.4 million, but an amendment from the mayor brought it down to $1.1 million."
    )
    assert "brought" not in (found["$1.1 million"].subject or "")
