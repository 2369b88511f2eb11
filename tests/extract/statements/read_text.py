"""The table tests' reading: a text's statements keyed by their amount's text."""

from __future__ import annotations

import datetime

from extract.statements.extractor import extract_statements
from extract.statements.statement import Statement

DAY = datetime.date(2025, 11, 20)


def by_amount(text: str, lang: str, published: datetime.date = DAY) -> dict[str, Statement]:
    """Each statement of text under its amount's text (an amount written twice must be asserted
    another way: the later one would stand)."""
    return {st.amount.text: st for st in extract_statements(text, published=published, lang=lang)}


def subjects(text: str, lang: str, published: datetime.date = DAY) -> dict[str, str | None]:
    return {amount: st.subject for amount, st in by_amount(text, lang, published).items()}
