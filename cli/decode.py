"""Bytes of a saved page or text file -> text, the way the crawler reads pages.

Order: an --encoding the user gives; a byte-order mark; the HTTP header (live pages); the
page's own <meta charset> / http-equiv; else the bytes (UTF-8 if valid, else CP949, the
superset of EUC-KR that Korean press releases saved from a browser are in). A declared
encoding that the bytes evidently contradict is repaired as the crawler does (crawler/charset.py).
"""

from __future__ import annotations

import codecs

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

from crawler.charset import repaired_encoding


class UnreadableInput(Exception):
    """The input cannot be read as text; the message is one line."""


def check_encoding(name: str) -> str:
    """The codec name for ``name`` (euc-kr -> cp949) or UnreadableInput naming it."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise UnreadableInput(f"unknown encoding {name!r}") from None
    return resolve_encoding(name) or name


def detect_encoding(body: bytes, *, content_type: str | None = None, html: bool = True) -> str:
    bom, _ = read_bom(body)
    if bom:
        return bom
    declared = (http_content_type_encoding(content_type) if content_type else None) or (
        html_body_declared_encoding(body) if html else None
    )
    if declared:
        return repaired_encoding(body, declared) or declared
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        body.decode("cp949")
        return "cp949"
    except UnicodeDecodeError:
        return "utf-8"  # neither: keep what can be read, replace the rest


def decode(body: bytes, name: str, *, encoding: str | None = None, content_type: str | None = None,
           html: bool = True) -> tuple[str, str]:  # fmt: skip
    """(text, encoding used). ``name`` labels errors: empty, binary or undecodable input is refused."""
    if not body.strip():
        raise UnreadableInput(f"{name}: empty input")
    if b"\x00" in body[:4096] and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableInput(f"{name}: binary data, not text (NUL bytes)")
    chosen = check_encoding(encoding) if encoding else detect_encoding(body, content_type=content_type, html=html)
    bom, mark = read_bom(body)
    text = body[len(mark) :] if bom and mark and not encoding else body
    decoded = text.decode(chosen, errors="replace")
    if decoded.count("\ufffd") > max(16, len(decoded) // 10):
        raise UnreadableInput(f"{name}: not readable as {chosen} (try --encoding)")
    return decoded, chosen
