"""Find named projects with what is done to them and when, with or without an amount:
"도시철도 2호선 건설", "레독스흐름전지인증센터 구축", "내년 4월 시운전"."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from extract.statements.subjects import is_org_name, noun_phrase_before
from extract.statements.vocabulary import ADVERBS, COUNT_WORD, GENERIC_SUBJECTS, PROJECT_ACTIONS
from extract.statements.words import split_particle


@dataclass(frozen=True)
class Mention:
    name: str
    action: str
    timing: str | None
    year: int | None
    span: tuple[int, int]  # [start, end) of "name action" (or of the action alone) in the text
    sentence: str


# Past this many mentions a text is a listing, not an article.
MAX_MENTIONS = 500
# Time phrases look this far around the action word: "내년 4월 시운전", "건설을 2028년까지 마치고".
_TIMING_BEFORE = 30
_TIMING_AFTER = 25

_ACTION = re.compile(
    r"(?P<action>" + "|".join(sorted(PROJECT_ACTIONS, key=len, reverse=True)) + r")"
    r"(?=사업|공사|계획|을|를|이|가|에|은|는|도|과|와|의|하|한|할|된|될|되|중|[\s,.·)]|$)"
)
_TIME = re.compile(
    r"(?:(?:19|20)\d{2}\s?년(?:도)?|내후년|내년|올해|금년|연내|연말|연초)"
    r"(?:\s?(?:\d{1,2}\s?월|상반기|하반기|[1-4]\s?분기|초|말|중))?(?:\s?(?:까지|부터|께|중))?"
    r"|(?<!\d)\d{1,2}\s?월(?:\s?(?:초|말|중))?(?:\s?(?:까지|부터|께))?|(?:상|하)반기(?:\s?(?:중|까지))?"
)
_TIME_WORD = re.compile(
    r"^(?:(?:19|20)\d{2}년도?|내후년|내년도?|올해|금년|연내|연말|연초|\d{1,2}월|상반기|하반기|[1-4]분기|초|말|중|"
    r"까지|부터|께|이번|향후|당초|현재|지난|오는)$"
)
# "30곳 운영": a count is not a project name ("1단계 구간" is): vocabulary.COUNT_WORD
_RELATIVE_YEARS = {"내후년": 2, "내년": 1, "올해": 0, "금년": 0, "연내": 0, "연말": 0, "연초": 0}
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _clean_name(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Drop time words and adverbs at either end and a leading organisation from the phrase sentence[start:end]."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence[start:end])]
    keep = [(start + s, start + e) for s, e in words]
    for i in range(len(keep) - 1, -1, -1):
        if re.search(r"[‘“'\"「『]", sentence[keep[i][0] : keep[i][1]]):
            keep = keep[i:]  # a name inside quotes starts at the quote
            break
    while keep and (
        _TIME_WORD.match(sentence[keep[0][0] : keep[0][1]])
        or sentence[keep[0][0] : keep[0][1]] in ADVERBS
        or is_org_name(sentence[keep[0][0] : keep[0][1]])
        or COUNT_WORD.match(sentence[keep[0][0] : keep[0][1]])
    ):
        keep.pop(0)
    while keep and (
        _TIME_WORD.match(sentence[keep[-1][0] : keep[-1][1]]) or sentence[keep[-1][0] : keep[-1][1]] in ADVERBS
    ):
        keep.pop()  # "자동차공장 내년 4월 시운전": the time goes to timing, not into the name
    if not keep:
        return end, end
    s = keep[0][0]
    while s < keep[-1][1] and sentence[s] in "‘“'\"「『":
        s += 1
    return s, keep[-1][1]


def _usable_name(name: str) -> bool:
    core = re.sub(r"\s+", "", name)
    return (
        len(core) >= 3
        and name not in GENERIC_SUBJECTS
        and not is_org_name(name)
        and not re.fullmatch(r"[\d\s.,%]+", name)
        and re.search(r"[가-힣A-Za-z]", name) is not None
    )


def _topic(sentence: str, before: int) -> tuple[int, int] | None:
    """The nearest "X은/는/이/가" phrase before ``before``: the project a bare action is about."""
    for m in reversed(list(re.finditer(r"\S+", sentence[:before]))):
        stem, particle = split_particle(m.group())
        if particle in ("은", "는", "이", "가") and stem:
            found = noun_phrase_before(sentence, m.start() + len(stem))
            if found is not None:
                s, e = _clean_name(sentence, found.start, found.end)
                if e > s and _usable_name(sentence[s:e]):
                    return s, e
    return None


def _timing(sentence: str, a_start: int, a_end: int) -> re.Match[str] | None:
    """The time phrase nearest to the action: before it in its clause, else right after it."""
    lo = max(0, a_start - _TIMING_BEFORE)
    before = [m for m in _TIME.finditer(sentence, lo, a_start) if "," not in sentence[m.end() : a_start]]
    if before:
        return before[-1]
    return _TIME.search(sentence, a_end, min(len(sentence), a_end + _TIMING_AFTER))


def _year(timing: str | None, published: datetime.date | None) -> int | None:
    if not timing:
        return None
    m = re.search(r"(?:19|20)\d{2}", timing)
    if m:
        return int(m.group())
    for word, offset in _RELATIVE_YEARS.items():
        if timing.startswith(word):
            return published.year + offset if published else None
    return None


def extract_mentions(text: str, published: datetime.date | None = None) -> list[Mention]:
    """Named projects with an action ("건설", "구축", "시운전"), its timing and its resolved year."""
    out: list[Mention] = []
    seen: set[tuple[str, str, str | None]] = set()
    previous = None
    for s, e in _sentences(text):
        sentence = text[s:e]
        if len(sentence) > 2000:
            sentence = sentence[:2000]  # a table or a dump, not prose: its start is enough
        if sentence == previous:
            continue  # the same sentence again (a page of one line repeated): its mentions' keys are all seen
        previous = sentence
        actions = list(_ACTION.finditer(sentence))
        for i, m in enumerate(actions):
            if i + 1 < len(actions) and sentence.startswith(("은 ", "는 "), m.end()):
                continue  # "배관망 구축은 내년 4월 착공한다": the topic's own action yields to the predicate's
            mention = _mention(sentence, m, s, published)
            if mention is None:
                continue
            key = (mention.name, mention.action, mention.timing)
            if key not in seen:
                seen.add(key)
                out.append(mention)
            if len(out) >= MAX_MENTIONS:
                return out
    return out


def _mention(sentence: str, m: re.Match[str], offset: int, published: datetime.date | None) -> Mention | None:
    a_start, a_end = m.span("action")
    if a_start > 0 and re.match(r"[가-힣A-Za-z0-9]", sentence[a_start - 1]):
        return None  # inside a word: "재건설" is fine to miss, "건설사" is not an action
    phrase = noun_phrase_before(sentence, a_start)
    span_start = a_start
    name = None
    if phrase is not None:
        ns, ne = _clean_name(sentence, phrase.start, phrase.end)
        if ne > ns and _usable_name(sentence[ns:ne]):
            name, span_start = sentence[ns:ne], ns
    if name is None:
        topic = _topic(sentence, a_start)
        if topic is None:
            return None
        name = sentence[topic[0] : topic[1]]
    timing = _timing(sentence, a_start, a_end)
    timing_text = re.sub(r"\s?(?:까지|부터|께|중)$", "", timing.group()) if timing else None
    return Mention(
        name=name,
        action=m.group("action"),
        timing=timing_text,
        year=_year(timing_text, published),
        span=(offset + span_start, offset + a_end),
        sentence=sentence.strip(),
    )
