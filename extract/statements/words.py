"""Korean words one at a time: the particle a word ends with, and whether it can sit in a noun phrase."""

from __future__ import annotations

import re
from functools import lru_cache

from extract.statements.vocabulary import ADVERBS, NOUNS_LIKE_PARTICLES

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
_SINGLE_VERBS = frozenset("한 할 된 될 준 인 난 든 온 갈 줄 일 원 많".split())
# "가구당 월 20만원", "한 곳당 500만원": a rate per unit, not what the money is for.
_UNIT_RATE = re.compile(
    r"^(?:\d*|한|1)(?:인|명|곳|개|건|회|대|가구|세대|가정|㏊|ha|㎡|평|톤|개소|업체|농가|학교|마리|곳)당$"
)
# Connective verb forms ("공모에 뽑혀 국비", "선정돼"), never nouns.
_CONNECTIVES = (
    "혀",
    "쳐",
    "켜",
    "껴",
    "돼",
    "들여",
    "더해",
    "져",  # "더해져", "이뤄져": passive connectives
    "맞춰",
    "앞두고",
    "힘입어",
    # "늘고 줄어 3조원이 됐다", "200억원 늘려": connective forms of the verbs of change and level
    "늘어",
    "줄어",
    "넘어",
    "늘려",
    "줄여",
    "높여",
    "낮춰",
    "거둬",
    "둬",
    "줘",
    # "도에 따르면", "빠르면": a condition; "삭감되었으나", "증액했으나": a concession
    "르면",
    "으나",
)
# "속도감있게 추진", "효율적으로": adverbs made of a noun and an ending
_ADVERBIAL_ENDINGS = ("있게", "없게", "하게", "되게", "롭게", "답게", "스럽게", "같게", "있도록", "하도록", "되도록")
# "정부안대로", "협의대로": 대로 after a plan or an agreement means "as", an adverb; 세종대로 is a road.
_AS_PLANNED = re.compile(r"(?:안|계획|협의|예정|요청|지시|약속|합의|결정|규정|방침|원칙|기준|의결)대로$")
# "해당하(는)", "추진되(는)": a verb stem the batchim rule took for a noun before 는; nouns ending so are few.
_VERB_STEM = re.compile(r"[가-힣](?:하|되)$")
_NOUNS_ENDING_LIKE_VERBS = frozenset(("지하", "이하", "산하", "영하", "휘하", "이상하", "동하"))
# "[^\d\n]*" up to the first digit, not ".*": ".*\d.*" tried every digit against the whole rest,
# quadratic on one 200,000-letter word ("1천" * 100_000 + "원" took minutes); same matches.
_AMOUNT_WORD = re.compile(r"[^\d\n]*\d.*(?:[억조만]\s?원?|원)$")
# "전년대비", "올해대비": the base of a comparison written as one word with its time.
_TIME_COMPARISON = re.compile(r"^(?:\d{4}년도?|내년도?|올해|금년도?|전년도?|지난해|작년|당초|애초|기정예산)대비$")
# "3.5%인", "6.5%", "3위": a share or a rank, never a thing.
_SHARE_OR_RANK = re.compile(r"^[\d.,]+(?:%|퍼센트|위)(?:인|이며|이고)?$")
# "5년간", "3개월", "6.5%", "1,000": counts and durations
_COUNT_OR_DURATION = re.compile(r"\d{1,3}년|[\d.,]+%|[\d.,]+|\d{1,3}\s?(?:년|개월|일|주|시간)(?:간|째)?")


_BEFORE_ANY_FORM = frozenset(")]」』’”'\"")


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
        if not "가" <= prev <= "힣":
            # "(GGM)은", "AI가", "5G는": after a bracket, a letter or a digit either form follows
            if prev in _BEFORE_ANY_FORM or prev.isascii() and prev.isalnum():
                return word[: -len(p)], p
            continue
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
    if _TIME_COMPARISON.match(word) or _SHARE_OR_RANK.match(word):
        return False
    if _VERB_STEM.search(word) and word not in _NOUNS_ENDING_LIKE_VERBS:
        return False
    if _AS_PLANNED.search(word):
        return False
    if word.endswith(_ADVERBIAL_ENDINGS):
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
    if _COUNT_OR_DURATION.fullmatch(word):
        return False  # counts and durations: "5년간", "3개월"
    if _UNIT_RATE.search(word) or word.endswith(_CONNECTIVES):
        return False
    if len(word) == 2 and word[-1] == "진" and word != "가진":
        return True  # 증진, 추진, 촉진: Sino-Korean nouns, not the adnominal 진
    return not (len(word) > 1 and word[-1] in _ADNOMINAL_LAST)
