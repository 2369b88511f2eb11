"""Organisations a text names: "광주광역시", "광주 서구", "Toronto City Council" (not "경기 침체")."""

from __future__ import annotations

import re
from collections import Counter

_PROVINCE_SHORT = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_KO_ORG = re.compile(
    r"(?<![가-힣])(?P<org>(?:"
    + _PROVINCE_SHORT
    + r")\s[가-힣]{1,3}(?:구|군)(?=는|가|의|은|이|와|과|에|에서|청|,|\s|$)|"
    r"(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주|"
    r"[가-힣]{1,4}(?:특별자치|특별|광역))(?:특별자치시|특별자치도|특별시|광역시|시|도)?(?:교육청)?|"
    r"[가-힣]{2,4}(?:시|군|구)청?|[가-힣]{2,5}(?:도|시)교육청|경상북도|경상남도|전라남도|전라북도|충청남도|"
    r"충청북도|강원도|경기도|제주도)(?=는|가|의|은|이|와|과|에|에서|\s|$)"
)
# "경기 침체", "경기 부양": the economy, not Gyeonggi Province.
_KO_ECONOMY = re.compile(r"경기\s?(?:침체|부양|회복|둔화|악화|불황|위축|하강|진작|활성화|전망|상황|변동|지표|흐름)")
_KO_ORG_FALSE = re.compile(
    r"(?:도시|전시|표시|즉시|동시|당시|수시|임시|개시|제시|지시|감시|게시|연구|지구|요구|추구|"
    r"가구|도구|창구|출구|입구|시군구|장군|국군|아군|적군)청?$"
)
_EN_ORG = re.compile(
    r"\b(?:(?:[A-Z][a-z]+\s){1,3}(?:City|County|Town|Borough|District)\s(?:Council|Commission|Board)"
    r"|(?:City|County|Town) of [A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
    r"|(?:[A-Z][a-z]+\s){1,2}(?:City Council|County Council|Council|Legislature|Assembly))\b"
)


def org_mentions(text: str, korean: bool) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation named in text, in order."""
    pattern = _KO_ORG if korean else _EN_ORG
    return [
        (m.start(), m.end(), m.group("org") if korean else m.group())
        for m in pattern.finditer(text)
        if not (korean and _false_org(text, m))
    ]


def _false_org(text: str, m: re.Match[str]) -> bool:
    return bool(_KO_ORG_FALSE.search(m.group()) or _KO_ECONOMY.match(text, m.start()))


def document_org(orgs: list[tuple[int, int, str]]) -> str | None:
    """The organisation the opening of the text names most."""
    names = [name for start, _, name in orgs if start < 2000]
    return Counter(names).most_common(1)[0][0] if names else None
