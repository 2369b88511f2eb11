"""Names compared loosely: organizations ("광주광역시" = "광주시") and projects
("인공지능(AI)-그린뉴딜" = "AI-그린뉴딜 사업"). Pure functions; every merge comes with a reason."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# The 17 provincial-level governments: official name and the forms news text uses.
_PROVINCES = {
    "서울특별시": "서울", "부산광역시": "부산", "대구광역시": "대구", "인천광역시": "인천",
    "광주광역시": "광주", "대전광역시": "대전", "울산광역시": "울산", "세종특별자치시": "세종",
    "경기도": "경기", "강원특별자치도": "강원", "강원도": "강원", "충청북도": "충북", "충청남도": "충남",
    "전북특별자치도": "전북", "전라북도": "전북", "전라남도": "전남", "경상북도": "경북", "경상남도": "경남",
    "제주특별자치도": "제주", "제주도": "제주",
}  # fmt: skip
_SHORT_PROVINCES = frozenset(_PROVINCES.values())
_EN_GENERIC = re.compile(r"\b(?:the|city|county|town|of|council|government|municipal|borough|district)\b")
_SPACE_PUNCT = re.compile(r"[\s\-_·ㆍ・,./'\"“”‘’()\[\]{}<>「」『』《》]+")

# Words that name the kind of thing, not which thing: "AI 그린뉴딜 사업" is "AI 그린뉴딜".
_GENERIC_TAIL = re.compile(r"(?:사업비|사업|예산|비용|관련|분야|부문|등)+$")
_LEADING_TIME = re.compile(r"^(?:\d{4}년도?|내년도?|올해|금년도?|내후년)\s*")
_SYNONYMS = (("인공지능", "ai"), ("에이아이", "ai"), ("사회간접자본", "soc"))

SIMILAR_NAMES = 0.8  # character-bigram Dice of two project keys at or above this is one project


# Storing asks for the same few organisations' and projects' keys dozens of times an article
# (every statement's org and subject): pure functions of a short string, so answered once.
@lru_cache(maxsize=4096)
def org_key(org: str) -> str:
    """A comparison key for an organization's name."""
    text = unicodedata.normalize("NFKC", org).strip()
    if re.search(r"[A-Za-z]", text):
        return " ".join(_EN_GENERIC.sub(" ", text.lower()).split())
    compact = re.sub(r"\s+", "", text)
    for full, short in _PROVINCES.items():
        if compact.startswith(full):
            compact = short + compact[len(full) :]
            break
    compact = compact.removesuffix("청")
    if compact[:-1] in _SHORT_PROVINCES and compact[-1:] in ("시", "도"):
        compact = compact[:-1]
    elif len(compact) >= 3 and compact.endswith("시"):
        compact = compact[:-1]
    return compact


@dataclass(frozen=True)
class ProjectName:
    key: str
    kind: str  # budget | supplementary | settlement | project
    name: str


@lru_cache(maxsize=4096)
def project_key(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).lower()
    value = _LEADING_TIME.sub("", value)
    for word, replacement in _SYNONYMS:
        value = value.replace(word, replacement)
    # "ai(ai)" after the synonym step: a parenthesised repeat of the previous word goes
    value = re.sub(r"(\w+)\s*\(\s*\1\s*\)", r"\1", value)
    value = _SPACE_PUNCT.sub("", value)
    previous = None
    while previous != value:
        previous, value = value, _GENERIC_TAIL.sub("", value)
    return value


def dice(a: str, b: str) -> float:
    """Character-bigram Dice coefficient of two keys."""
    if a == b:
        return 1.0
    if len(a) < 2 or len(b) < 2:
        return 0.0
    grams_a = [a[i : i + 2] for i in range(len(a) - 1)]
    grams_b = [b[i : i + 2] for i in range(len(b) - 1)]
    pool = list(grams_b)
    common = 0
    for gram in grams_a:
        if gram in pool:
            pool.remove(gram)
            common += 1
    return 2 * common / (len(grams_a) + len(grams_b))


def same_project_reason(new_key: str, known_key: str) -> str | None:
    """Why two project keys of one organization name the same project, or None."""
    if new_key == known_key:
        return "same name after normalizing spacing, punctuation, synonyms and generic words"
    score = dice(new_key, known_key)
    if score >= SIMILAR_NAMES:
        return f"names {score:.2f} similar (character bigrams, threshold {SIMILAR_NAMES})"
    shorter, longer = sorted((new_key, known_key), key=len)
    if len(shorter) >= 4 and shorter in longer and len(shorter) / len(longer) >= 0.6:
        return f"'{shorter}' is contained in '{longer}'"
    return None
