"""Organisations a text names: "광주광역시", "광주 서구", "Toronto City Council" (not "경기 침체")."""

from __future__ import annotations

import re
from collections import Counter

from extract.statements.places import is_place_name

_PROVINCE_SHORT = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
# (?=[가-힣]): every name starts with a Hangul letter; elsewhere its alternatives are not tried.
_KO_ORG = re.compile(
    r"(?<![가-힣])(?=[가-힣])(?P<org>(?:"
    + _PROVINCE_SHORT
    + r")\s[가-힣]{1,3}(?:구|군)(?=는|가|의|은|이|와|과|에|에서|청|,|\s|$)|"
    r"(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주|"
    r"[가-힣]{1,4}(?:특별자치|특별|광역))(?:특별자치시|특별자치도|특별시|광역시|시|도)?(?:교육청)?|"
    r"[가-힣]{2,4}(?:시|군|구)청?|(?:중|동|서|남|북|강서)구청?|[가-힣]{2,5}(?:도|시)교육청|경상북도|경상남도|전라남도|전라북도|충청남도|"
    r"충청북도|강원도|경기도|제주도)(?=는|가|의|은|이|와|과|에|에서|도|\s|$)"
)
# "경기 침체", "경기 부양": the economy, not Gyeonggi Province.
_KO_ECONOMY = re.compile(r"경기\s?(?:침체|부양|회복|둔화|악화|불황|위축|하강|진작|활성화|전망|상황|변동|지표|흐름)")
_KO_ORG_FALSE = re.compile(
    r"(?:도시|전시|표시|즉시|동시|당시|수시|임시|개시|제시|지시|감시|게시|연구|지구|요구|추구|"
    r"가구|도구|창구|출구|입구|시군구|장군|국군|아군|적군)청?$"
)
# "The" opening a sentence is no part of a name: "The Springfield City Council" is Springfield City Council.
# A place's name: "Riverside", "Los Angeles", "Brighton & Hove"; a capitalised word that opens a
# sentence is no part of it ("In Orange County", "The Springfield City Council").
_EN_OPENER = r"(?!(?:The|In|On|At|For|By|And|But|A|An|Of|To|From|With|As|This|That|Last|Next|Meanwhile)\s)"
_EN_PLACE = rf"(?:{_EN_OPENER}[A-Z][a-z]+(?:\s&\s[A-Z][a-z]+)?\s)"
_EN_ORG = re.compile(
    rf"\b(?:{_EN_PLACE}{{1,3}}(?:City|County|Town|Borough|District)\s(?:Council|Commission|Board)"
    r"(?:\sof\s(?:Supervisors|Commissioners|Education|Aldermen))?"
    r"|(?:City|County|Town) of [A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
    rf"|{_EN_PLACE}{{1,2}}(?:City Council|County Council|Council|Legislature|Assembly)"
    rf"|(?P<place>{_EN_OPENER}[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:['’]s)?\s(?P<kind>city|county|town)\s(?P<body>council)"
    rf"|{_EN_PLACE}{{1,2}}County(?!\s(?:Council|Commission|Board))"
    r")\b"
)


def _english_name(m: re.Match[str]) -> str:
    """ "Toronto city council", "Winnipeg's city council" -> Toronto City Council."""
    if m.group("place"):
        return f"{m.group('place')} {m.group('kind').title()} {m.group('body').title()}"
    return m.group()


def org_mentions(text: str, korean: bool) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation named in text, in order."""
    pattern = _KO_ORG if korean else _EN_ORG
    return [
        (m.start(), m.end(), m.group("org") if korean else _english_name(m))
        for m in pattern.finditer(text)
        if not (korean and _false_org(text, m))
    ]


def _false_org(text: str, m: re.Match[str]) -> bool:
    if _KO_ECONOMY.match(text, m.start()):
        return True
    name = m.group().removesuffix("청")
    if is_place_name(name) or _SHORT_FORM.match(name):
        return False  # "여수시", "대전시": a place, though "수시" and "전시" end ordinary words
    return bool(_KO_ORG_FALSE.search(name))


def document_org(orgs: list[tuple[int, int, str]]) -> str | None:
    """The organisation the opening of the text names most."""
    names = [name for start, _, name in orgs if start < 2000]
    return Counter(names).most_common(1)[0][0] if names else None


# Short and long names of one organisation map to one name: "전남도", "전남" -> "전라남도".
_PROVINCES = {
    "서울": "서울특별시", "부산": "부산광역시", "대구": "대구광역시", "인천": "인천광역시", "광주": "광주광역시",
    "대전": "대전광역시", "울산": "울산광역시", "세종": "세종특별자치시", "경기": "경기도", "강원": "강원특별자치도",
    "충북": "충청북도", "충남": "충청남도", "전북": "전북특별자치도", "전남": "전라남도", "경북": "경상북도",
    "경남": "경상남도", "제주": "제주특별자치도",
}  # fmt: skip
_LONG_TO_SHORT = {
    "서울특별시": "서울", "부산광역시": "부산", "대구광역시": "대구", "인천광역시": "인천", "광주광역시": "광주",
    "대전광역시": "대전", "울산광역시": "울산", "세종특별자치시": "세종", "경기도": "경기", "강원도": "강원",
    "강원특별자치도": "강원", "충청북도": "충북", "충청남도": "충남", "전라북도": "전북", "전북특별자치도": "전북",
    "전라남도": "전남", "경상북도": "경북", "경상남도": "경남", "제주도": "제주", "제주특별자치도": "제주",
}  # fmt: skip
_SHORT_FORM = re.compile(
    r"^(?P<p>서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주)"
    r"(?P<kind>특별자치시|특별자치도|특별시|광역시|시|도)?(?P<edu>교육청)?$"
)
_DISTRICT = re.compile(r"^(?:(?P<p>[가-힣]{2})\s)?(?P<d>[가-힣]{1,3}구)(?:청)?$")
# District names that several metropolitan cities share: 광주 서구 and 부산 서구 are two districts.
_SHARED_DISTRICTS = frozenset("중구 동구 서구 남구 북구 강서구".split())
_SPACES = re.compile(r"\s+")


def canonical_org(name: str, home: str | None = None) -> str:
    """One spelling per organisation; a bare shared district name ("서구") takes the home city's."""
    name = _SPACES.sub(" ", name.strip())
    province = _LONG_TO_SHORT.get(name.removesuffix("교육청"))
    if province:
        return _PROVINCES[province] + ("교육청" if name.endswith("교육청") else "")
    m = _SHORT_FORM.match(name)
    if m:
        return _PROVINCES[m.group("p")] + (m.group("edu") or "")
    m = _DISTRICT.match(name)
    if m:
        district = m.group("d")
        city = m.group("p") or (_city_of(home) if district in _SHARED_DISTRICTS else None)
        return f"{city} {district}" if city else district
    if name.endswith("청") and len(name) > 3 and name[-2] in "시군구":
        return name[:-1]  # "나주시청" is 나주시
    return name


_METROS = frozenset("서울 부산 대구 인천 광주 대전 울산".split())


def _city_of(home: str | None) -> str | None:
    """ "광주광역시" -> "광주": the metropolitan city a bare district belongs to (provinces have none)."""
    if not home:
        return None
    short = _LONG_TO_SHORT.get(home)
    if short is None:
        m = _SHORT_FORM.match(home)
        short = m.group("p") if m and m.group("kind") != "도" else None
    return short if short in _METROS else None


def home_city(orgs: list[tuple[int, int, str]], source_org: str | None) -> str | None:
    """The metropolitan city a bare "서구" means here: the first one the text names, else the source's."""
    for _, _, name in orgs:
        if _city_of(name):
            return name
    return source_org


def headline_org(text: str, orgs: list[tuple[int, int, str]]) -> str | None:
    """The first organisation of the first line when that line is a headline."""
    end = text.find("\n")
    if end < 0 or end > 200:
        return None
    for start, _, name in orgs:
        if start >= end:
            break
        return name
    return None
