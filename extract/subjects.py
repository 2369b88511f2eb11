"""Find the phrase naming what an amount is for, from the shape of the sentence around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.vocabulary import ADVERBS, GENERIC_SUBJECTS, KO_NOT_ORG, KO_TOTAL_ORG, NOUNS_LIKE_PARTICLES, VERB_NOUNS

# Particles, longest first; the batchim rule picks 이/가, 은/는, 을/를, 과/와, 으로/로.
_PARTICLES = (
    "에서는",
    "에서도",
    "으로는",
    "으로도",
    "에게는",
    "에는",
    "에도",
    "에서",
    "에게",
    "까지",
    "부터",
    "보다",
    "으로",
    "처럼",
    "만큼",
    "마다",
    "께서",
    "이나",
    "에",
    "의",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "과",
    "와",
    "로",
)
_AFTER_CONSONANT = {"은", "이", "을", "과", "으로", "이나"}
_AFTER_VOWEL = {"는", "가", "를", "와"}
_VERB_ENDINGS = (
    "하고",
    "되고",
    "이고",
    "했고",
    "됐고",
    "하며",
    "되며",
    "이며",
    "으며",
    "하여",
    "되어",
    "하기",
    "되기",
    "하는",
    "되는",
    "있는",
    "없는",
    "하던",
    "이라",
    "라며",
    "다며",
    "지만",
    "는데",
    "면서",
    "위해",
    "통해",
    "대해",
    "의해",
    "따라",
    "다",
    "다고",
    "라고",
    "해서",
    "해야",
    "돼",
    "며",
    "고자",
    "려고",
)
_ADNOMINAL_LAST = set("한된난는던할될운른킨린질쓸올갈늘줄준친든낸린진일")
# "예산인", "규모인": a noun with the copula 인 closes a phrase; "소상공인", "노인" are nouns.
_COPULA_STEMS = ("예산", "규모", "금액", "수준", "사업", "최대", "역대", "처음", "상황", "계획", "예정", "것", "중")
_SINGLE_VERBS = frozenset("한 할 된 될 준 인 난 든 온 갈 줄 일 원".split())
# A word may hold a short parenthesis: "인공지능(AI)-그린뉴딜", "지역화폐(여민전)".
_TOKEN = re.compile(r"(?:[^\s,;:…“”\"'‘’()\[\]△▲▷○●■□◆◇※|]|\([^()\s\d]{1,12}\))+")
_HARD_BREAK = re.compile(r"[,;:…“”\"\[\]△▲▷○●■□◆◇※|]|\.\s|(?<=\s)\(|^\(")
_AMOUNT_WORD = re.compile(r".*\d.*(?:[억조만]\s?원?|원)$")


@dataclass(frozen=True)
class Subject:
    text: str
    start: int
    end: int


def _has_batchim(ch: str) -> bool:
    return "가" <= ch <= "힣" and (ord(ch) - 0xAC00) % 28 != 0


_LONG_NOUNS = tuple(n for n in NOUNS_LIKE_PARTICLES if len(n) > 1)


@lru_cache(maxsize=4096)
def split_particle(word: str) -> tuple[str, str]:
    """("예산안", "은") from "예산안은"; ("도로", "") from "도로"."""
    if word in NOUNS_LIKE_PARTICLES or word.endswith(_LONG_NOUNS):
        return word, ""
    for p in _PARTICLES:
        if not word.endswith(p) or len(word) <= len(p):
            continue
        prev = word[-len(p) - 1]
        if p in _AFTER_CONSONANT and not _has_batchim(prev):
            continue
        if p in _AFTER_VOWEL and _has_batchim(prev):
            continue
        if p == "로" and _has_batchim(prev) and (ord(prev) - 0xAC00) % 28 != 8:
            continue
        return word[: -len(p)], p
    return word, ""


@lru_cache(maxsize=4096)
def is_noun_word(word: str) -> bool:
    """A word that can sit inside a noun phrase: no particle, no verb or adnominal ending."""
    if word in ADVERBS or not word or _AMOUNT_WORD.match(word):
        return False
    if word in NOUNS_LIKE_PARTICLES:
        return True
    if split_particle(word)[1]:
        return False
    if word.endswith(_VERB_ENDINGS) or word.endswith(("해", "고", "됨", "되면", "하면", "으면", "다면")):
        return False
    if word in _SINGLE_VERBS or (word.endswith("인") and word[:-1].endswith(_COPULA_STEMS)):
        return False
    if len(word) > 2 and word.endswith("적"):
        return False  # 전체적, 적극적: adverbial
    if re.fullmatch(r"\d{1,3}년|[\d.,]+%|[\d.,]+", word):
        return False
    return not (len(word) > 1 and word[-1] in _ADNOMINAL_LAST)


def _words_before(text: str, end: int) -> list[tuple[int, int]]:
    """Spans of the words before end, nearest first, stopping at a hard break."""
    spans = []
    cut = max((m.end() for m in _HARD_BREAK.finditer(text, 0, end)), default=0)
    for m in _TOKEN.finditer(text, cut, end):
        spans.append((m.start(), m.end()))
    return spans[::-1]


def noun_phrase_before(text: str, end: int, *, max_words: int = 6) -> Subject | None:
    """The noun phrase that ends at end: "... 제출한 예산안 총규모" -> "예산안 총규모"."""
    words = _words_before(text, end)
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


def is_org_name(word: str) -> bool:
    """ "광주시", "경상북도", "시": an organisation, not "내년도" or "녹색도시"."""
    if word in ("시", "도", "군", "구", "정부", "국회", "시의회", "도의회", "의회"):
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


def korean_subject(text: str, start: int, end: int) -> Subject | None:
    """What the amount at text[start:end] is for, within its sentence text."""
    head = text[:start].rstrip()
    if head.endswith("(") and not re.search(r"[\d%]\s?\($", head):
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
    found = _clause_phrase(text, start)
    if found is None and head.endswith("…"):
        # headline: "2021년 예산안 관련 시정연설…6조원 편성" is about "2021년 예산안"
        found = noun_phrase_before(text, len(head) - 1)
        if found and " 관련 " in found.text:
            cut = found.text.index(" 관련 ")
            found = Subject(found.text[:cut], found.start, found.start + cut)
    return found


def _phrase_after(text: str, end: int) -> Subject | None:
    """ "830억원의 순세계잉여금", "1260억 원 규모의 추경예산안", "9백23억원으로 편성된 택지조성사업"."""
    m = re.match(r"\s?(?:규모의|상당의|의|으로 편성된|로 편성된|이 투입되는|이 투입된|을 들인|를 들인)\s", text[end:])
    if not m:
        m = re.match(r"\s?(?=[가-힣])", text[end:])
        if not m:
            return None
        return _bare_phrase_after(text, end + m.end())
    pos = end + m.end()
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
    words = list(re.finditer(r"\S+", text[pos : pos + 40]))
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
    "보다": 2,
}


def _clause_phrase(text: str, start: int) -> Subject | None:
    """The nearest topic, 에-phrase or object before the amount; else a subject or 에서-phrase."""
    tiers: dict[int, Subject] = {}
    fallback = None
    for i, (s, e) in enumerate(_words_before(text, start) if start else []):
        phrase, particle = _marked_phrase(text, (s, e))
        tier = _KINDS.get(particle)
        if phrase is None or tier is None or (particle in ("으로", "로") and i > 0):
            continue
        if not _usable(phrase):
            if fallback is None and is_org_name(phrase.text):
                fallback = phrase
            continue
        tiers.setdefault(tier, phrase)
    if not tiers:
        # a topic across commas: "시예산은 당초 예산 ...을 포함,1조7백7억원이 된다"
        for m in reversed(list(_TOKEN.finditer(text, 0, start))):
            phrase, particle = _marked_phrase(text, (m.start(), m.end()))
            if particle in ("은", "는") and _usable(phrase):
                return phrase
    return tiers.get(1) or tiers.get(2) or fallback
