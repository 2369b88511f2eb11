"""Find money amounts in Korean and English text and normalize them to integers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.statements.amount_value import _NUM, MAX_VALUE, Amount, decimal_of, finish
from extract.statements.english_amounts import EN_SCALES, bare_english_amounts, english_amounts

__all__ = ["MAX_VALUE", "Amount", "find_amounts", "parse_amount"]


_HANGUL_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12}
# The longest Korean amount scanned ("1조7백58억4천2백만원" is 13 characters): a scan never reads
# further, so every start costs a bounded time and the whole text is read in linear time.
_MAX_KOREAN_CHARS = 40

# One Korean digit group: "6천8백23", "2,800", "3", "백" followed by an optional 만/억/조, with
# "여" ("870여억", "9천여 만") between them.
_KO_SMALL = rf"(?:(?:{_NUM}|[일이삼사오육칠팔구])?[십백천])+(?:{_NUM})?|{_NUM}"
_KO_GROUP = re.compile(rf"(?P<small>{_KO_SMALL})?(?P<about>여\s?(?=[만억조]))?(?P<big>[만억조])?")
# A Hangul numeral starts an amount only at a word start ("삼천억원"), never inside a word ("사업"),
# and only when a run of numerals reaches 원: the check keeps ordinary prose from being scanned.
# A digit starts one only at the start of its number, and the look-ahead is bounded: both keep
# the search linear on "1.1.1.…억원". Each alternative starts with its character and looks back
# after it ("\d(?<!\d\d)" is "(?<!\d)\d"): places that hold no such character fail at once, which
# halves the cost of the search.
_KO_START = re.compile(
    r"\d(?<!\d\d)(?<!\d[.,]\d)(?=[\d,.]{0,40}\s?(?:[십백천만억조원]|여\s?[만억조원]))"
    r"|[일이삼사오육칠팔구십백천](?<![가-힣][일이삼사오육칠팔구십백천])(?=[일이삼사오육칠팔구십백천만억조\d,.\s]{0,60}?원)"
)
_SMALL_TOKEN = re.compile(rf"{_NUM}|[일이삼사오육칠팔구십백천]")
_KO_CURRENCY = re.compile(r"\s?(?P<cur>원|달러|유로|엔|위안|파운드)(?!화|안|장|칙|래|전|활|도심)")
_KO_CURRENCY_CODES = {"원": "KRW", "달러": "USD", "유로": "EUR", "엔": "JPY", "위안": "CNY", "파운드": "GBP"}

# Words that count things rather than money: "10만대", "2000여 명", "46억년".
_COUNTER = re.compile(
    r"\s?(?:명|대|개|건|가구|세대|톤|마리|회|곳|개소|권|그루|평|㎡|m|km|장|채|석|표|배|년|달|주|일|시간|"
    r"분|초|호|층|병|쪽|부|점|종|가지|kg|g|t|%|퍼센트|배럴|kW|MW|GW|명분|광년)"
)


# Table headers such as "(단위: 백만원)" scale the bare numbers of the table below them.
_TABLE_UNIT = re.compile(r"단위\s*[:：]?\s*(?P<unit>(?:천|백만|십억|억|만|백|십)?원)")
# Possessive runs of at most 19 digits: no backtracking into a long run, no 4,300-digit int().
_TABLE_NUMBER = re.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3}){1,6}+|\d{2,19}+)(?!,?\d)(?![\d.,]*+\s?(?:%|년|월|일|명|건|개|호|차))"
)


def _parse_small(small: str) -> Decimal | None:
    """Value of a group below 만: "6천8백23" -> 6823, "2,800" -> 2800, "백" -> 100."""
    total = Decimal(0)
    pending: Decimal | None = None
    for token in _SMALL_TOKEN.findall(small):
        if token in _SMALL_UNITS:
            total += (pending if pending is not None else Decimal(1)) * _SMALL_UNITS[token]
            pending = None
        elif token in _HANGUL_DIGITS:
            if pending is not None:
                return None
            pending = Decimal(_HANGUL_DIGITS[token])
        else:
            if pending is not None:
                return None
            try:
                pending = decimal_of(token)
            except InvalidOperation:
                return None
    return total + (pending or 0)


@dataclass(frozen=True)
class _Scan:
    end: int
    value: Decimal
    bigs: int
    about: bool


def _glue(text: str, m: re.Match[str], part: Decimal, limit: int) -> tuple[re.Match[str], Decimal] | None:
    """ "2천 161억": a group ending in 천/백/십 takes the smaller rest of its group after one space.

    The rest must carry 만/억/조 or 원, so "2천 명에게 161억 원" stays two numbers.
    """
    small = m.group("small")
    if m.group("big") or m.group("about") or not small or small[-1] not in _SMALL_UNITS:
        return None
    if not text.startswith(" ", m.end()):
        return None
    rest = _KO_GROUP.match(text, m.end() + 1, limit)
    if not rest or not rest.group("small") or rest.group("small")[-1] == ",":
        return None
    if not rest.group("big") and not _KO_CURRENCY.match(text, rest.end()):
        return None
    value = _parse_small(rest.group("small"))
    if value is None or value != value.to_integral_value() or value >= _SMALL_UNITS[small[-1]]:
        return None
    return rest, part + value


def _scan_korean(text: str, pos: int, limit: int) -> _Scan | None:
    """Read digit groups from pos up to limit: "7조 9천 435억" is one amount."""
    value = Decimal(0)
    last_rank = 10**20
    end = pos
    bigs = 0
    about = False
    first = True
    while True:
        gap = 1 if not first and text.startswith(" ", end) else 0
        m = _KO_GROUP.match(text, end + gap, limit)
        if not m or m.end() == m.start():
            break
        if m.end() == limit < len(text):
            return None  # longer than any amount: not read any further
        small = m.group("small")
        if not small and (not first or not m.group("big")):
            break
        part = _parse_small(small) if small else Decimal(1)
        if part is None:
            break
        glued = _glue(text, m, part, limit)
        if glued:
            m, part = glued
            if m.end() == limit < len(text):
                return None
        big = m.group("big")
        if not first and not big and gap and not _KO_CURRENCY.match(text, m.end()):
            break  # after a space a unit-less group continues an amount only before 원: "1만 5 원"
        rank = _BIG_UNITS[big] if big else 1
        if rank >= last_rank:
            break
        value += part * rank
        last_rank = rank
        end = m.end()
        bigs += 1 if big else 0
        about = about or bool(m.group("about"))
        first = False
        if not big:
            break
    return _Scan(end, value, bigs, about) if end > pos else None


def _korean_amounts(text: str) -> list[Amount]:
    found: list[Amount] = []
    pos = 0
    while True:
        m = _KO_START.search(text, pos)
        if not m:
            return found
        start = m.start()
        pos = start + 1
        prev = text[start - 1] if start else " "
        hangul_start = not text[start].isdigit()
        if hangul_start and ("가" <= prev <= "힣" or prev.isdigit()):
            continue
        limit = min(len(text), start + _MAX_KOREAN_CHARS)
        scan = _scan_korean(text, start, limit)
        if not scan:
            continue
        end = scan.end
        approx = text.startswith("여", end)
        cursor = end + 1 if approx else end
        cur = _KO_CURRENCY.match(text, cursor)
        if cur:
            cursor = cur.end()
        elif not _bare_korean_ok(text, start, end, cursor, scan.bigs, hangul_start):
            continue
        if hangul_start and (not cur or len(_SPACE.sub("", text[start:end])) < 2):
            continue
        currency = _KO_CURRENCY_CODES[cur.group("cur")] if cur else "KRW"
        amount = finish(text, start, cursor, scan.value, currency, approx or scan.about)
        if amount:
            found.append(amount)
            pos = cursor


# "1천600만→3천200만원": a bare amount whose other end carries 원 takes it.
_TO_AMOUNT = re.compile(r"\s?(?:→|->|⇒|~|∼)\s?[\d,.일이삼사오육칠팔구십백천만억조여 ]{1,30}?원")
_SPACE = re.compile(r"\s")
_BIG_UNIT = re.compile(r"[억조]")
# "50~" before "100억원": the open end of a range, and the unit it takes from the closing amount
_RANGE_OPEN = re.compile(rf"(?<![\d.,])({_NUM})\s?[~∼\-–]\s?$")
_RANGE_UNIT = re.compile(r"[만억조]|million|billion|trillion|bn|m\b")


def _bare_korean_ok(text: str, start: int, end: int, cursor: int, bigs: int, hangul_start: bool) -> bool:
    """An amount without 원 ("49억", "6조9천83억") counts only with 억 or 조 and no counter after it."""
    chunk = text[start:end]
    if hangul_start or not bigs:
        return False
    if not _BIG_UNIT.search(chunk) and not _TO_AMOUNT.match(text, cursor):
        return False
    if text.startswith("여", end):
        return False  # "2000여 명", "13억여 명": a counted group
    return not _COUNTER.match(text, cursor)


def _table_amounts(text: str) -> list[Amount]:
    """Bare numbers in the block under a "단위: 백만원" header, scaled by that unit."""
    found: list[Amount] = []
    for header in _TABLE_UNIT.finditer(text):
        unit = parse_amount("1" + header.group("unit")) or 1
        block_end = text.find("\n\n", header.end())
        block_end = len(text) if block_end < 0 else block_end
        for m in _TABLE_NUMBER.finditer(text, header.end(), block_end):
            raw = m.group()
            value = decimal_of(raw) * unit
            if "," not in raw and 1900 <= value / unit <= 2100:
                continue  # a year heading a column
            if value <= MAX_VALUE:
                found.append(Amount(raw, m.start(), m.end(), int(value), "KRW", False))
    return found


def _range_starts(text: str, amounts: list[Amount]) -> list[Amount]:
    """ "50~100억원": the bare 50 takes the unit of the amount closing the range."""
    extra: list[Amount] = []
    for a in amounts:
        m = _RANGE_OPEN.search(text[max(0, a.start - 20) : a.start])
        if not m:
            continue
        unit_m = _RANGE_UNIT.search(a.text)
        if not unit_m:
            continue
        unit = parse_amount("1" + unit_m.group()) if unit_m.group() in "만억조" else None
        if unit is None:
            unit = EN_SCALES[unit_m.group()]
        start = a.start - len(m.group(0))
        num = m.group(1)
        value = decimal_of(num) * unit
        if value <= MAX_VALUE:
            extra.append(Amount(num, start, start + len(num), int(value), a.currency, a.approximate))
    return extra


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in text, in order of appearance, without overlaps."""
    headers = [(m.start(), m.end()) for m in _TABLE_UNIT.finditer(text)]
    found = [a for a in _korean_amounts(text) if not any(s <= a.start < e for s, e in headers)]
    found += english_amounts(text) + _table_amounts(text)
    counts = Counter(a.currency for a in found)
    default = counts.most_common(1)[0][0] if counts else "USD"
    found += bare_english_amounts(text, default)
    found += _range_starts(text, found)
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Amount] = []
    for a in found:
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    return kept


def parse_amount(text: str) -> int | None:
    """The value of one amount string ("6조2817억원", "$1.2 billion"), or None if it is not one."""
    stripped = text.strip()
    if not stripped:
        return None
    if re.fullmatch(r"(?:[천백십]|백만|십억|천만|억|만|조)?원", stripped):
        return int(Decimal(_parse_unit_only(stripped)))
    amounts = find_amounts(stripped)
    if len(amounts) == 1 and amounts[0].start == 0 and amounts[0].end == len(stripped):
        return amounts[0].value
    return None


def _parse_unit_only(unit: str) -> int:
    """ "백만원" -> 1000000, "천원" -> 1000, "원" -> 1."""
    value = 1
    for ch in unit[:-1]:
        value *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
    return value
