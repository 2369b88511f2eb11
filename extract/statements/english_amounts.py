"""Money amounts in English text: "$1.2 billion", "€208m", "GBP 3,000", "1.2bn"."""

from __future__ import annotations

import re
from decimal import Decimal

from extract.statements.amount_value import _NUM, Amount, decimal_of, finish

_EN_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}
_EN_PREFIXES = {"US": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD", "NZ": "NZD", "HK": "HKD", "S": "SGD"}
_EN_CODES = "USD|EUR|GBP|KRW|CAD|AUD|JPY|CNY|NZD|HKD|SGD|CHF"
_EN_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "won": "KRW",
    "yen": "JPY",
    "yuan": "CNY",
}
EN_SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
# headlines capitalize the scale ("$1.2 Million"); Canadian papers hyphenate it ("a $79-million hole")
_EN_SCALE = r"(?i:[\s-]?(?P<scale>thousand|million|billion|trillion)|(?P<abbr>k|mn|mln|m|bn|b|tn))\b"
_EN_SYMBOL_AMOUNT = re.compile(
    rf"(?:(?P<prefix>US|CA|C|AU|A|NZ|HK|S)?(?P<sym>[$€£¥₩])|(?P<code>{_EN_CODES})\s?)\s?(?P<num>{_NUM})"
    rf"(?:{_EN_SCALE})?"
)
_EN_WORD_AMOUNT = re.compile(
    rf"(?<![\w.,$€£¥₩])(?P<num>{_NUM})(?:{_EN_SCALE})?\s(?P<word>{_EN_CODES}|dollars?|euros?|pounds|won|yen|yuan)\b"
)
_EN_HINT_MARK = rf"[$€£¥₩]|{_EN_CODES}"
_EN_HINT_WORDS = ("dollar", "euro", "pound", r"won\b", r"yen\b", "yuan")
_EN_HINT = re.compile(rf"{_EN_HINT_MARK}|(?i:{'|'.join(_EN_HINT_WORDS)})")
# _EN_HINT read in parts, for speed: its case-blind words cost ~50 ns a character of a Korean page,
# so they are read only where one of their first letters stands, in either case (no other
# character matches these letters case-blind; "s" and "k" would need ſ and K).
# The marks read as two patterns, a symbol class and the codes (literals): each is skipped to by
# its first characters, where the mixed alternation was tried at every place.
_EN_HINT_SYMBOL = re.compile(r"[$€£¥₩]")
_EN_HINT_CODE = re.compile(_EN_CODES)
_EN_HINT_WORD = re.compile(rf"(?i:{'|'.join(_EN_HINT_WORDS)})")
_EN_HINT_FIRST = "".join(sorted({w[0] for w in _EN_HINT_WORDS} | {w[0].upper() for w in _EN_HINT_WORDS}))
assert not set(_EN_HINT_FIRST) & set("skSK")
_EN_HINT_LETTER = re.compile(f"[{_EN_HINT_FIRST}]")


def has_english_hint(text: str) -> bool:
    """Whether _EN_HINT finds anything in text: a currency symbol, code or word."""
    return bool(
        _EN_HINT_SYMBOL.search(text)
        or _EN_HINT_CODE.search(text)
        or (_EN_HINT_LETTER.search(text) and _EN_HINT_WORD.search(text))
    )


# "1.2bn" with no currency: abbreviated scales are used for money, words like "million" are not.
_EN_BARE_AMOUNT = re.compile(rf"(?<![\w.,$€£¥₩])(?P<num>{_NUM})(?P<abbr>bn|mn|tn)\b")


def english_amounts(text: str) -> list[Amount]:
    found: list[Amount] = []
    if not has_english_hint(text):
        return found  # most Korean articles: no symbol, code or currency word to look for
    for m in _EN_SYMBOL_AMOUNT.finditer(text):
        if m.start() and text[m.start() - 1].isalnum() and not m.group("sym"):
            continue
        if m.group("sym"):
            prefix = m.group("prefix")
            currency = _EN_PREFIXES[prefix] if prefix else _EN_SYMBOLS[m.group("sym")]
        else:
            currency = m.group("code")
        found += _kept(finish(text, m.start(), m.end(), _english_value(m), currency, False))
    found = _range_ends(text, found)
    taken = [(a.start, a.end) for a in found]
    for m in _EN_WORD_AMOUNT.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        word = m.group("word")
        currency = _EN_WORDS.get(word.lower(), word)
        found += _kept(finish(text, m.start(), m.end(), _english_value(m), currency, False))
    return found


# "$2.5 to $3 million", "$5-6 million", "£10-12m", "between $2 and $3 million": the first end of a
# range is written without the scale both ends share (read alone, "$2.5" would be two dollars).
_EN_RANGE = re.compile(
    rf"(?P<sym>(?:US|CA|C|AU|A|NZ|HK|S)?[$€£¥₩])\s?(?P<first>{_NUM})\s?(?P<join>-|–|—|to|and)\s?"
    rf"(?P<sym2>(?:US|CA|C|AU|A|NZ|HK|S)?[$€£¥₩])?\s?(?P<num>{_NUM}){_EN_SCALE}"
)
_BETWEEN = re.compile(r"\bbetween\s$", re.I)
# Ends further apart than this are no range of one scale ("from $500 to $1 million").
_RANGE_RATIO = 20


def _range_ends(text: str, found: list[Amount]) -> list[Amount]:
    """found with each range's first end scaled, and a second end written without a symbol added."""
    if "$" not in text and "€" not in text and "£" not in text and "¥" not in text and "₩" not in text:
        return found
    by_start = {a.start: a for a in found}
    for m in _EN_RANGE.finditer(text):
        if m.group("join") == "and" and not _BETWEEN.search(text, max(0, m.start() - 8), m.start()):
            continue
        first_num, second_num = decimal_of(m.group("first")), decimal_of(m.group("num"))
        if not second_num or not first_num or not 1 / _RANGE_RATIO <= first_num / second_num <= _RANGE_RATIO:
            continue
        first = by_start.get(m.start())
        if first is None or first.end != m.end("first"):
            continue
        scaled = finish(text, first.start, first.end, first_num * _scale_of(m), first.currency, first.approximate)
        if scaled is None:
            continue
        by_start[first.start] = scaled
        if not m.group("sym2") and m.start("num") not in by_start:
            second = finish(text, m.start("num"), m.end(), second_num * _scale_of(m), first.currency, False)
            if second is not None:
                by_start[second.start] = second
    return sorted(by_start.values(), key=lambda a: a.start)


def _scale_of(m: re.Match[str]) -> int:
    scale = m.group("scale") or m.group("abbr")
    return EN_SCALES[scale.lower()]


def _kept(amount: Amount | None) -> list[Amount]:
    return [amount] if amount else []


def _english_value(m: re.Match[str]) -> Decimal:
    scale = m.group("scale") or m.group("abbr")
    return decimal_of(m.group("num")) * (EN_SCALES[scale.lower()] if scale else 1)


def bare_english_amounts(text: str, currency: str) -> list[Amount]:
    if "bn" not in text and "mn" not in text and "tn" not in text:
        return []  # the common case: no abbreviated scale to look for
    found: list[Amount] = []
    for m in _EN_BARE_AMOUNT.finditer(text):
        found += _kept(finish(text, m.start(), m.end(), _english_value_abbr(m), currency, False))
    return found


def _english_value_abbr(m: re.Match[str]) -> Decimal:
    return decimal_of(m.group("num")) * EN_SCALES[m.group("abbr")]
