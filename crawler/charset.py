"""Second opinions on a page's declared encoding, for Korean sites that label pages wrongly.

Scrapy trusts the HTTP header over the bytes (docs/tech-notes.md §4: a "charset=utf-8" header on a
CP949 page gives mojibake). Two mistakes are common on Korean sites and both can be told from
the bytes alone: a page labelled EUC-KR (or another legacy encoding) that is really UTF-8, and
a page labelled UTF-8 that is really CP949. A source's own ``encoding`` setting always wins.
"""

from __future__ import annotations

import codecs


def repaired_encoding(body: bytes, declared: str) -> str | None:
    """The encoding ``body`` is really in when ``declared`` is evidently wrong, else None.

    - declared legacy, body valid UTF-8 with non-ASCII bytes: UTF-8. Korean text in CP949 is
      practically never valid UTF-8 (its lead bytes 0xB0-0xC8 would need continuation bytes
      0x80-0xBF after them, and its second bytes are mostly 0xA1-0xFE).
    - declared UTF-8, body not valid UTF-8 but valid CP949 throughout: CP949.
    - declared a non-Korean legacy encoding (koi8-r, windows-1251, latin-1: every byte decodes,
      into implausible Cyrillic or accents), body valid CP949 that reads as Hangul: CP949.
    Anything else keeps the declared encoding (decoding replaces what is invalid).
    """
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name != "utf-8":
        if name not in ("ascii",) and _is_utf8(body) and any(b >= 0x80 for b in body):
            return "utf-8"
        if name not in _KOREAN and _is_korean_cp949(body):
            return "cp949"
        return None
    if _is_utf8(body):
        return None
    try:
        body.decode("cp949")
    except UnicodeDecodeError:
        return None
    return "cp949"


# Codec names (codecs.lookup(...).name) that already read Korean.
_KOREAN = frozenset({"cp949", "euc_kr", "johab", "iso2022_kr"})
# A body is Korean text in CP949 when it decodes strictly and nearly all of its non-ASCII
# characters are Hangul syllables: a koi8-r or windows-1251 page read as CP949 gives Hanja,
# symbols and decoding errors instead (its bytes do not pair into syllables).
_MIN_HANGUL = 8
_MIN_HANGUL_SHARE = 0.9


def _is_korean_cp949(body: bytes) -> bool:
    """A page labelled with a non-Korean legacy encoding (koi8-r, latin-1) that is CP949 Korean."""
    try:
        text = body.decode("cp949")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if ord(c) >= 0x80]
    hangul = sum(1 for c in wide if "가" <= c <= "힣")
    return hangul >= _MIN_HANGUL and hangul >= _MIN_HANGUL_SHARE * len(wide)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
