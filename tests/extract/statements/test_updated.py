"""updated() gives what dataclasses.replace gives, for every field of a real statement."""

from __future__ import annotations

import dataclasses

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.statement import Statement, updated

# Written for this test.
TEXT = "솔뫼군은 내년도 예산안 4천200억원 가운데 도로 정비에 35억원을 편성했다."


def test_updated_is_replace() -> None:
    assert not hasattr(Statement, "__post_init__")  # replace would run it again; updated does not
    for st in extract_statements(TEXT):
        for f in dataclasses.fields(Statement):
            value = getattr(st, f.name)
            other = None if value is not None else 1
            assert updated(st, **{f.name: other}) == dataclasses.replace(st, **{f.name: other})
        changed = updated(st, subject="x", role="total", fiscal_year=2030)
        assert changed == dataclasses.replace(st, subject="x", role="total", fiscal_year=2030)
        assert (changed.subject, st.subject != "x") == ("x", True)  # st itself is unchanged
        assert updated(st) == st


def test_unknown_field() -> None:
    [st, *_] = extract_statements(TEXT)
    with pytest.raises(TypeError):
        updated(st, subjcet="x")
