"""Find the phrase naming what an amount is for, from the shape of the sentence around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.statements.places import is_place_name
from extract.statements.vocabulary import GENERIC_SUBJECTS, KO_CHANGE, KO_NOT_ORG, KO_TOTAL_ORG, VERB_NOUNS
from extract.statements.words import is_noun_word, split_particle

# A word may hold a short parenthesis: "인공지능(AI)-그린뉴딜", "지역화폐(여민전)".
# A word may hold a short bracket ("인공지능(AI)", "수소트램(H2T)"), not an amount or a share in one.
# (A run of letters is one step of the loop, not one step a letter: the same tokens, faster.)
_TOKEN = re.compile(r"(?:[^\s,;:…“”\"'‘’()\[\]△▲▷○●■□◆◇※|]+|\((?![^()]*\d\s?(?:억|조|만|천|원|%))[^()\s]{1,12}\))+")
# A hard break: a list or quote mark, a full stop before a space, an opening bracket after a space
# or at the start. Written as one character and then which break it is, so that a search skips
# from one such character to the next instead of trying every place (three times faster).
_BREAK_MARKS = r",;:…“”\"\[\]△▲▷○●■□◆◇※|"
_HARD_BREAK = re.compile(rf"[{_BREAK_MARKS}.(](?:(?<=[{_BREAK_MARKS}])|(?<=\.)\s|(?<=\s\()|(?<=^\())")


# How far back a phrase is looked for: a noun phrase of six words, a clause of some forty;
# bounding it keeps dense text (tables, run-on lines) linear.
_REACH = 300
_PHRASE_REACH = 160


@dataclass(frozen=True)
class Subject:
    text: str
    start: int
    end: int


def _words_before(text: str, end: int, reach: int = _REACH) -> list[tuple[int, int]]:
    """Spans of the words before end (within reach characters), nearest first, stopping at a hard break."""
    spans = []
    lo = max(0, end - reach)
    cut = max((m.end() for m in _HARD_BREAK.finditer(text, lo, end)), default=lo)
    for m in _TOKEN.finditer(text, cut, end):
        spans.append((m.start(), m.end()))
    return spans[::-1]


def noun_phrase_before(text: str, end: int, *, max_words: int = 6) -> Subject | None:
    """The noun phrase that ends at end: "... 제출한 예산안 총규모" -> "예산안 총규모"."""
    words = _words_before(text, end, _PHRASE_REACH)
    taken: list[tuple[int, int]] = []
    for s, e in words[:max_words]:
        word = text[s:e]
        if not is_noun_word(word):
            break
        taken.append((s, e))
    if not taken:
        return None
    start = taken[-1][0]
    phrase = text[start : taken[0][1]]
    return Subject(phrase, start, taken[0][1])


def _marked_phrase(text: str, word: tuple[int, int]) -> tuple[Subject | None, str]:
    s, e = word
    stem, particle = split_particle(text[s:e])
    if not particle:
        return None, ""
    if stem == "등":
        return noun_phrase_before(text, s), particle
    return noun_phrase_before(text, s + len(stem)), particle


@lru_cache(maxsize=4096)
def is_org_name(word: str) -> bool:
    """ "광주시", "경상북도", "시": an organisation, not "내년도" or "녹색도시"."""
    if word in ("시", "도", "군", "구", "정부", "국회", "시의회", "도의회", "의회") or is_place_name(word):
        return True
    if re.search(r"(?:위원회|특위|예결위|의회|시장|지사|교육감|군수|구청장|의원)$", word):
        return True
    return bool(KO_TOTAL_ORG.match(word)) and not KO_NOT_ORG.search(word)


def _usable(subject: Subject | None) -> bool:
    return (
        subject is not None
        and len(subject.text) > 1
        and subject.text not in GENERIC_SUBJECTS
        and subject.text not in VERB_NOUNS
        and not is_org_name(subject.text)
    )


_NUMBER_PAREN = re.compile(r"[\d%]\s?\($")  # "6.5%(" and "3(": a share or a count in brackets
_NON_SPACE = re.compile(r"\S+")


def korean_subject(text: str, start: int, end: int) -> Subject | None:
    """What the amount at text[start:end] is for, within its sentence text."""
    head = text[:start].rstrip()
    if head.endswith("(") and not _NUMBER_PAREN.search(head):
        found = noun_phrase_before(text, len(head) - 1)
        if _usable(found):
            return found
    found = _phrase_after(text, end)
    if _usable(found):
        return found
    if not head.endswith("("):
        found = noun_phrase_before(text, len(head))
        if _usable(found):
            return found
    found = _spent_on_object(text, end) or _clause_phrase(text, start, end)
    if found is None:
        found = _use_phrase_after(text, end)
    if found is None and head.endswith("…"):
        # headline: "2021년 예산안 관련 시정연설…6조원 편성" is about "2021년 예산안"
        found = noun_phrase_before(text, len(head) - 1)
        if found and " 관련 " in found.text:
            cut = found.text.index(" 관련 ")
            found = Subject(found.text[:cut], found.start, found.start + cut)
    return found


_TOPIC_AFTER = re.compile(r"\s?(?:은|는|이|가)\s")
_USE_VERB = re.compile(r"\s(?:쓰|사용|투입|배정|지원|편성|들어|활용|집행)")


_SPEND_ON = re.compile(r"\s?(?:을|를)\s(?:들여|투입해|투입하여|투자해|투자하여|써서|사용해)\s")


def _spent_on_object(text: str, end: int) -> Subject | None:
    """ "15억원을 들여 ... 예방시설을 늘린다": the object of the verb the money is spent on."""
    m = _SPEND_ON.match(text, end)
    if not m:
        return None
    for w in _TOKEN.finditer(text, m.end(), min(len(text), m.end() + 60)):
        if _HARD_BREAK.search(text, m.end(), w.start()):
            return None
        stem, particle = split_particle(w.group())
        if particle in ("을", "를"):
            found = noun_phrase_before(text, w.start() + len(stem))
            return found if _usable(found) else None
    return None


def _use_phrase_after(text: str, end: int) -> Subject | None:
    """ "이 중 2억원은 환급 행사에 쓰인다": the amount is the topic, the 에-phrase its use."""
    if not _TOPIC_AFTER.match(text, end):
        return None
    for m in _TOKEN.finditer(text, end, min(len(text), end + 80)):
        if _HARD_BREAK.search(text, end, m.start()):
            return None
        stem, particle = split_particle(m.group())
        if particle in ("에", "에는") and _USE_VERB.match(text, m.end()):
            found = noun_phrase_before(text, m.start() + len(stem))
            return found if _usable(found) else None
    return None


_LINK_AFTER = re.compile(r"\s?(?:규모의|상당의|의|으로 편성된|로 편성된|이 투입되는|이 투입된|을 들인|를 들인)\s")
_HANGUL_AFTER = re.compile(r"\s?(?=[가-힣])")
_GLUED_PARTICLE = re.compile(r"(?:을|를|이|가|은|는|의|에|으로|로|과|와|도)\s")


def _phrase_after(text: str, end: int) -> Subject | None:
    """ "830억원의 순세계잉여금", "1260억 원 규모의 추경예산안", "9백23억원으로 편성된 택지조성사업"."""
    m = _LINK_AFTER.match(text, end)
    if not m:
        m = _HANGUL_AFTER.match(text, end)
        if not m:
            return None
        return _bare_phrase_after(text, m.end())
    pos = m.end()
    return _forward_phrase(text, pos)


def _forward_phrase(text: str, pos: int) -> Subject | None:
    taken_end = None
    for m in _TOKEN.finditer(text, pos):
        if _HARD_BREAK.search(text, pos, m.start()):
            break
        word = m.group()
        stem, particle = split_particle(word)
        if particle or not is_noun_word(word):
            if particle and stem:
                taken_end = m.start() + len(stem)
            break
        if stem in VERB_NOUNS:
            break
        taken_end = m.end()
    if taken_end is None or taken_end <= pos:
        return None
    return Subject(text[pos:taken_end], pos, taken_end)


def _bare_phrase_after(text: str, pos: int) -> Subject | None:
    """ "6조 9083억 예산안 편성": nouns after the amount when a verb noun closes them."""
    if pos > 0 and not text[pos - 1].isspace() and _GLUED_PARTICLE.match(text, pos):
        return None  # "3억원을 긴급 투입": 을 is the amount's particle, not a noun
    window = text[pos : pos + 40]
    cut = _HARD_BREAK.search(window)
    words = list(_NON_SPACE.finditer(window[: cut.start()] if cut else window))
    taken: list[re.Match[str]] = []
    for m in words[:3]:
        word = m.group()
        if any(word.startswith(n) for n in VERB_NOUNS):
            if taken:
                return Subject(text[pos : pos + taken[-1].end()], pos, pos + taken[-1].end())
            return None
        if not is_noun_word(word):
            return None
        taken.append(m)
    return None


_PURPOSE_NEXT = re.compile(r"\s(?:대비해|대비하여|대응해|대응하기|따라|맞춰|앞서|앞두고|대해|관해|힘입어)")

_KINDS = {
    "은": 1,
    "는": 1,
    "에는": 1,
    "에서는": 1,
    "에": 1,
    "에도": 1,
    "을": 1,
    "를": 1,
    "이": 2,
    "가": 2,
    "에서": 2,
    "으로": 2,
    "로": 2,
}


def _clause_phrase(text: str, start: int, end: int) -> Subject | None:
    """The nearest topic, 에-phrase or object before the amount; else a subject or 에서-phrase."""
    is_change = bool(KO_CHANGE.match(text[end : end + 40]))
    tiers: dict[int, Subject] = {}
    fallback = None
    for i, (s, e) in enumerate(_words_before(text, start) if start else []):
        particle = split_particle(text[s:e])[1]
        if particle not in _KINDS and particle != "보다":
            continue
        phrase, particle = _marked_phrase(text, (s, e))
        tier = _KINDS.get(particle)
        if particle == "보다" and is_change:
            tier = 2  # "당초안보다 490억원 삭감": the base of a change is what changed
        if phrase is None or tier is None or (particle in ("으로", "로") and i > 0):
            continue
        if particle == "에" and _PURPOSE_NEXT.match(text, e):
            continue  # "폭염에 대비해 15억원": what the money answers, not what it buys
        if not _usable(phrase):
            if fallback is None and is_org_name(phrase.text):
                fallback = phrase
            continue
        tiers.setdefault(tier, phrase)
    if not tiers:
        # a topic across commas: "시예산은 당초 예산 ...을 포함,1조7백7억원이 된다"
        for m in reversed(list(_TOKEN.finditer(text, max(0, start - _REACH), start))):
            if split_particle(m.group())[1] not in ("은", "는"):
                continue
            phrase, particle = _marked_phrase(text, (m.start(), m.end()))
            if particle in ("은", "는") and _usable(phrase):
                return phrase
    return tiers.get(1) or tiers.get(2) or fallback
