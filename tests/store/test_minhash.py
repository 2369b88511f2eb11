"""Our MinHash gives datasketch's signatures, so band keys stored by earlier versions still match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.minhash import MASK, minhash
from store.similarity import fingerprint, shingles

datasketch = pytest.importorskip("datasketch")

TEXTS = [
    "광주시는 내년 예산을 7조6823억원 규모로 편성했다고 밝혔다. 도시철도 2호선 건설에 1200억원을 투입한다.",
    "Riverton City Council approved $12 million on Tuesday to repair the Elm Street bridge.",
    "나주시 빛가람 에너지밸리 조성 사업에 국비 239억원과 시비 120억원이 들어간다.",
]


def reference(items: list[bytes]) -> tuple[int, ...]:
    m = datasketch.MinHash(num_perm=64, seed=7)
    m.update_batch(items)
    return tuple(int(x) for x in m.hashvalues)


@pytest.mark.parametrize("text", TEXTS)
def test_same_signature_as_datasketch(text: str) -> None:
    items = [s.encode("utf-8") for s in shingles(text)]
    assert minhash(items) == reference(items)
    found = fingerprint(text * 3)
    assert found is not None and len(found.band_keys()) == 32


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=40), min_size=1, max_size=50))
def test_same_signature_on_any_bytes(items: list[bytes]) -> None:
    assert minhash(items) == reference(items)


def test_empty_is_all_max() -> None:
    assert set(minhash([])) == {MASK}
