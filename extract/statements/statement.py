"""A money statement: one amount with what it is for, its role, year and organisation; and what an
article reports of its statements (a bare dollar made the publisher's, headline repeats said once)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from extract.statements.amounts import Amount
from extract.statements.currency import is_bare_dollar


@dataclass(frozen=True)
class Statement:
    amount: Amount
    subject: str | None
    action: str | None
    verb: str | None
    role: str
    fiscal_year: int | None
    org: str | None
    funding: str | None
    stage: str | None
    sentence: str
    # [start, end) of the subject in the extracted text; None when there is no subject
    subject_span: tuple[int, int] | None = None
    # index of the body statement a headline amount repeats: one figure, said once, for the reader
    repeat_of: int | None = None


_FIELDS = frozenset(f.name for f in fields(Statement))


def updated(st: Statement, **changes: Any) -> Statement:
    """dataclasses.replace(st, **changes) at a fifth of its cost: replace runs __init__ through
    every field (~6 µs, twice an amount); this copies st's fields with the changes over them.
    Statement has no __post_init__ that replace would run again (test_updated checks)."""
    if not changes.keys() <= _FIELDS:
        raise TypeError(f"Statement has no field {sorted(changes.keys() - _FIELDS)}")
    new = object.__new__(Statement)
    new.__dict__.update(st.__dict__, **changes)
    return new


def reported_figures(statements: list[Statement]) -> list[Statement]:
    """One statement per figure, the ones the headline repeats first: what the article reports.

    A headline figure is dropped for the body statement it repeats (which has the sentence
    around it), and that statement leads, so the article's figure for a project is the headline's
    ("예산안 7조6823억원 가운데 323억원을 삭감한 7조6500억원": 7조6500억원 when the headline says so)."""
    led = {st.repeat_of for st in statements if st.repeat_of is not None}
    kept = [(k, st) for k, st in enumerate(statements) if st.repeat_of is None]
    return [st for k, st in kept if k in led] + [st for k, st in kept if k not in led]


def with_dollar(statements: list[Statement], dollar: str | None) -> list[Statement]:
    """A bare "$" is the publisher's dollar."""
    if dollar is None or dollar == "USD":
        return statements
    return [
        replace(st, amount=replace(st.amount, currency=dollar))
        if st.amount.currency == "USD" and is_bare_dollar(st.amount.text)
        else st
        for st in statements
    ]


def mark_headline_repeats(text: str, statements: list[Statement]) -> list[Statement]:
    """A figure in the headline (the first line) that the body says again is that body statement."""
    end = text.find("\n")
    if end < 0 or end > 200:
        return statements
    body: dict[tuple[int, str], int] = {}
    for k, st in enumerate(statements):
        if st.amount.start > end:
            body.setdefault((st.amount.value, st.amount.currency), k)
    return [
        replace(st, repeat_of=body.get((st.amount.value, st.amount.currency))) if st.amount.end <= end else st
        for st in statements
    ]
