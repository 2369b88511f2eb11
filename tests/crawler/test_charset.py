"""Second opinions on a page's declared encoding (crawler/charset.py)."""

from __future__ import annotations

import pytest

from crawler.charset import repaired_encoding

KOREAN = (
    '<html><head><meta charset="{label}"><title>예산 편성 발표</title></head>'
    "<body><p>군은 올해 도로 정비 사업에 예산 12억원을 편성했다고 밝혔다.</p></body></html>"
)
RUSSIAN = "<html><body><p>Городской бюджет на следующий год составит двенадцать миллиардов рублей.</p></body></html>"
FRENCH = "<html><body><p>Le budget de l'été prévoit déjà des travaux à la façade de la mairie.</p></body></html>"


@pytest.mark.parametrize(
    ("body", "label", "read_as"),
    [
        (KOREAN.format(label="koi8-r").encode("cp949"), "koi8-r", "cp949"),
        (KOREAN.format(label="windows-1251").encode("cp949"), "windows-1251", "cp949"),
        (KOREAN.format(label="iso-8859-1").encode("cp949"), "iso-8859-1", "cp949"),
        (KOREAN.format(label="euc-kr").encode("cp949"), "euc-kr", None),  # right already
        (KOREAN.format(label="euc-kr").encode("utf-8"), "euc-kr", "utf-8"),
        (KOREAN.format(label="utf-8").encode("cp949"), "utf-8", "cp949"),
        (RUSSIAN.encode("koi8-r"), "koi8-r", None),  # real Cyrillic stays Cyrillic
        (RUSSIAN.encode("cp1251"), "windows-1251", None),
        (FRENCH.encode("latin-1"), "iso-8859-1", None),
        (b"<p>plain ascii</p>", "koi8-r", None),
    ],
)
def test_repaired_encoding(body: bytes, label: str, read_as: str | None) -> None:
    assert repaired_encoding(body, label) == read_as
