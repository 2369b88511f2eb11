"""What a text says about years: written years ("2024년", "FY 2014-15"), relative year words
("내년", "last year"), the comparisons they open and the year the lead speaks of. Pure functions of
the text, shared by the year candidates (year_features.py)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# "2024년", "2024-25", "2024/5", "FY2025", "FY 2014-15", "FY25".
# Not an amount: "2046억원", "$2018", "2,019 million" are no years.
_YEAR = re.compile(
    r"(?<![\d.,$£€¥₩])(?:FY\s?'?(?P<fy>\d{2}(?:\d{2})?)|(?P<y>(?:19|20)\d{2}))"
    r"(?:\s?[-–/~]\s?(?P<tail>\d{1,4})(?!\d))?(?!\d|[.,]\d)"
    r"(?!\s?(?:[조억만천원%]|million|billion|thousand|[mk]\b|bn\b|per\s?cent|percent))",
    re.I,
)
RELATIVE = re.compile(
    r"내후년|내년|다음\s?해|새해|올해|금년|당해|지난해|작년|전년|"
    r"next year|this year|last year|coming year|current year|previous year|following year",
    re.I,
)
_OFFSET = {"내후년": 2, "내년": 1, "다음해": 1, "새해": 1, "올해": 0, "금년": 0, "당해": 0, "지난해": -1, "작년": -1,
           "전년": -1, "nextyear": 1, "thisyear": 0, "lastyear": -1, "comingyear": 1, "currentyear": 0,
           "previousyear": -1, "followingyear": 1}  # fmt: skip
# "전년(도) 당초예산 4조1035억원보다" in a report on next year's budget: the year before the budget
# year the report is about, not before the year of writing.
_BEFORE_FOCUS = frozenset({"전년", "previousyear"})
_LEAD = 400  # the lead says which year the whole report is about
_NEAR = 80  # how far before an amount its own year word may stand


def relative_key(m: re.Match[str]) -> str:
    """ "next year", "Next Year", "다음 해" -> "nextyear", "nextyear", "다음해"."""
    return m.group().lower().replace(" ", "")


def offset(word: str, focus: int) -> int:
    """The year a relative word (relative_key) names, as an offset from the year of writing; focus
    is the offset of the year the report is about."""
    return focus - 1 if word in _BEFORE_FOCUS else _OFFSET[word]


@dataclass(frozen=True)
class YearMention:
    year: int
    start: int
    end: int
    split: bool


def _ending_year(first: int, tail: str | None) -> tuple[int, bool]:
    if not tail:
        return first, False
    t = int(tail)
    if len(tail) == 4:
        return (t, True) if first < t <= first + 2 else (first, False)
    mod = 10 ** len(tail)
    candidate = first - first % mod + t
    if candidate <= first:
        candidate += mod
    return (candidate, True) if candidate - first <= 2 else (first, False)


# Where a match of _YEAR can start: "19", "20" or "FY" in either case (no other character matches
# F or Y case-blind). No two of these overlap, so one scan finds every such place. Each amount's
# window is then tried at those places only, not read letter by letter with the case-blind pattern.
_YEAR_START = re.compile(r"19|20|[fF][yY]")
_MAX_INDEXED = 100_000  # longer texts are read as before: their places would take more memory
# the last two texts: a text and its head (text[:3000], read for the stated years) take turns
_year_starts: list[tuple[str, list[int]]] = []


def _starts_of(text: str) -> list[int]:
    """The places of _YEAR_START in text, found once for each of the last two texts."""
    for seen, starts in _year_starts:
        if seen is text:
            return starts
    starts = [m.start() for m in _YEAR_START.finditer(text)]
    _year_starts[:] = [(text, starts), *_year_starts[:1]]
    return starts


def year_start_matches(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """What pattern.finditer(text, lo, hi) finds, in order, for a pattern whose every match starts
    with 19, 20 or FY (in either case), as _YEAR's and fiscal_year's budget years do."""
    if len(text) > _MAX_INDEXED:
        return list(pattern.finditer(text, lo, hi))
    starts = _starts_of(text)
    found: list[re.Match[str]] = []
    pos = lo
    for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
        if starts[k] < pos:
            continue  # inside the last match, where finditer does not look
        m = pattern.match(text, starts[k], hi)
        if m is not None:
            found.append(m)
            pos = m.end()
    return found


def _year_matches(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """What _YEAR.finditer(text, lo, hi) finds, in order."""
    return year_start_matches(_YEAR, text, lo, hi)


def year_mentions(text: str, lo: int, hi: int) -> list[YearMention]:
    found = []
    for m in _year_matches(text, lo, hi):
        if m.group("fy"):
            raw = m.group("fy")
            first = int(raw) if len(raw) == 4 else 2000 + int(raw)
            if m.group("tail"):
                year, split = _ending_year(first, m.group("tail"))
            else:
                year, split = first, False
        else:
            year, split = _ending_year(int(m.group("y")), m.group("tail"))
        if 1990 <= year <= 2100:
            found.append(YearMention(year, m.start(), m.end(), split))
    return found


# "내년도 예산을 올해 대비 1911억원 증가한", "올해 본예산(4천16억원)보다 187억원 증가한": a year word
# that opens the base of a comparison names the base's year, not the year of what follows the
# comparison (the base amount itself, inside it, does take it).
_BASE_AFTER = re.compile(r"[^.\n]{0,20}?(?:보다|대비|에 비해|compared (?:to|with)|than)", re.I)
_SENTENCE_END = re.compile(r"[.?!](?!\d)")


def base_end(text: str, end: int) -> int | None:
    """Where the comparison a year word at text[:end] opens ends ("올해 본예산(…)보다"), or None when
    it opens none; the base holds no other year word ("내년도 예산을 올해 대비": 올해 is the base)."""
    m = _BASE_AFTER.match(text, end)
    if m is None or RELATIVE.search(text, end, m.end()) or _YEAR.search(text, end, m.end()):
        return None
    return m.end()


@dataclass(frozen=True)
class YearWord:
    """A relative year word or a written year near an amount, and the comparison it opens."""

    key: str | None  # relative_key of a relative word; None for a written year
    year: int | None  # a written year's year
    start: int
    end: int
    base_end: int | None


# RELATIVE.finditer reads every place of a window through a case-blind alternation (~140 ns a
# character, read for each of an article's ~30 amounts); its Korean words alone are read ten times
# faster, and its English words need a letter to start on, which most Korean windows lack.
_KOREAN_ALTERNATIVE = re.compile(r"[가-힣]+(?:(?:\\s\??| )[가-힣]+)*")
_ENGLISH_ALTERNATIVE = re.compile(r"[a-z]+(?: [a-z]+)*")
# whatever an English word's first letter matches case-blind ("[a-z]" with re.I): written out, a
# search skips to the next such letter (a case-blind class is tried at every place)
_LETTER = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")


def _split_words(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The pattern's Korean words (Hangul, spaces) and English words (letters, spaces) as two
    patterns, in their order, when it lists nothing else. No match of one can start inside a
    match of the other, so together they find what the pattern finds."""
    alternatives = pattern.pattern.split("|")
    korean = [a for a in alternatives if _KOREAN_ALTERNATIVE.fullmatch(a)]
    english = [a for a in alternatives if _ENGLISH_ALTERNATIVE.fullmatch(a)]
    if not korean or not english or len(korean) + len(english) != len(alternatives):
        return None
    return re.compile("|".join(korean), pattern.flags), re.compile("|".join(english), pattern.flags)


_RELATIVE_SPLIT = _split_words(RELATIVE)


def relative_words(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """What RELATIVE.finditer(text, lo, hi) finds, in order."""
    if _RELATIVE_SPLIT is None:
        return list(RELATIVE.finditer(text, lo, hi))
    korean, english = _RELATIVE_SPLIT
    found = list(korean.finditer(text, lo, hi))
    if _LETTER.search(text, lo, hi):
        found = sorted([*found, *english.finditer(text, lo, hi)], key=lambda m: m.start())
    return found


def year_words_near(text: str, lo: int, hi: int, mentions: list[YearMention]) -> list[YearWord]:
    """Every relative word in text[lo:hi] and every mention, in text order."""
    found = [
        YearWord(relative_key(m), None, m.start(), m.end(), base_end(text, m.end()))
        for m in relative_words(text, lo, hi)
    ]
    found += [YearWord(None, m.year, m.start, m.end, base_end(text, m.end)) for m in mentions]
    return sorted(found, key=lambda w: w.start)


def compared_years(
    text: str, start: int, end: int, words: list[YearWord], base: int | None, focus: int
) -> dict[int, str]:
    """Years a comparison in the amount's sentence (text[start:end] is the amount) points to: the
    base's own year when the amount is the base ("올해 본예산(4천16억원)보다"), the year after it when
    the amount is what the base is compared with ("7조121억 원으로, 올해보다 11.6% 증가")."""
    found: dict[int, str] = {}
    for w in words:
        if w.base_end is None or w.start < start - _NEAR or w.end > end + _NEAR // 2:
            continue
        year = w.year if w.key is None else None if base is None else base + offset(w.key, focus)
        if year is None:
            continue
        if w.start < start and end <= w.base_end:
            found.setdefault(year, "is_base")
        elif not (w.start <= start < w.base_end) and not _SENTENCE_END.search(
            text, min(w.end, end), max(w.start, start)
        ):
            found.setdefault(year + 1, "beyond_base")
    return found


def nearest_relative(start: int, words: list[YearWord]) -> str | None:
    """The relative year word closest before the amount starting at start that is not the year of
    a comparison's base the amount lies beyond."""
    for w in reversed(words):
        if w.key is None or w.end > start:
            continue
        if w.start < start - _NEAR:
            break
        if w.base_end is None or w.base_end > start:
            return w.key
    return None


def lead_offset(text: str, base: int | None) -> int | None:
    """The year the lead speaks of, as an offset from the year of writing: its first relative year
    word or year within two of writing that is not the base of a comparison ("올해보다 11.6% 증가"
    is next year's news)."""
    hi = min(len(text), _LEAD)
    found = [(m.start(), m.end(), _OFFSET[relative_key(m)]) for m in RELATIVE.finditer(text, 0, hi)]
    if base is not None:
        found += [(m.start, m.end, m.year - base) for m in year_mentions(text, 0, hi) if -1 <= m.year - base <= 2]
    for _, end, word_offset in sorted(found):
        if base_end(text, end) is None:
            return word_offset
    return None


# "2021년 본예산이 6조2817억원", "2026년도 나주시 예산을 1조3,712억원으로": a budget named by its year
# right before the amount is the amount's year, however far from the year of writing (on the
# labelled Korean texts, 9 of 9 amounts so written).
_YEAR_BUDGET_BEFORE = re.compile(
    r"((?:19|20)\d{2})년도?\s?(?:[가-힣·]{1,10}\s){0,2}[가-힣·]{0,10}?"
    r"(?:예산|예산안|본예산|추경|추가경정예산|추경예산|살림|규모|국비)(?:\(안\))?"
    r"(?:은|는|이|가|을|를|으로|로)?\s?(?:총\s?|약\s?|모두\s?)?$"
)


def year_written_before(text: str, start: int) -> int | None:
    """The year of a budget named right before the amount at text[start:], if any."""
    m = _YEAR_BUDGET_BEFORE.search(text, max(0, start - 40), start)
    return int(m.group(1)) if m else None


# "$35.3 million in 2014", "£131.6million for 2015/16", "£28.38m in 2024-25": an English amount's
# year written right after it (a split year is its ending year). On the labelled English texts the 7
# amounts so followed that carry a year label all have that year.
_EN_YEAR_AFTER = re.compile(
    r"\s(?:in|for|during)\s(?:fiscal\s(?:year\s)?|FY\s?)?((?:19|20)\d\d)(?:[-/–](\d{2}|(?:19|20)\d\d))?(?![\d%])",
    re.I,
)


def year_written_after(text: str, end: int) -> int | None:
    """The fiscal year written right after the English amount ending at text[end]."""
    m = _EN_YEAR_AFTER.match(text, end)
    if m is None:
        return None
    first, second = m.group(1), m.group(2)
    if not second:
        return int(first)
    year = int(first[:2] + second) if len(second) == 2 else int(second)
    return year if year == int(first) + 1 else int(first)
