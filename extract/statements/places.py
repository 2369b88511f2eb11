"""Korea's cities and counties by name: "여수시", "안동시", "거제시" are places even though "수시",
"동시" and "제시" end ordinary words, so a name on this list is an organisation outright.

The 75 cities (시) below the provinces, Jeju's two administrative cities and the 82 counties (군),
as of 2026 (군위군 moved to Daegu in 2023; the name is the same). Districts (구) are left to the
pattern in orgs.py: their names are short and shared ("서구"), and a metropolitan city's name
settles which one is meant.
"""

from __future__ import annotations

import re

_CITIES = (
    # 경기
    "수원 성남 고양 용인 부천 안산 안양 남양주 화성 평택 의정부 시흥 파주 광명 김포 군포 광주 이천 양주 "
    "오산 구리 안성 포천 의왕 하남 여주 동두천 과천 "
    # 강원, 충북, 충남
    "춘천 원주 강릉 동해 태백 속초 삼척 청주 충주 제천 천안 공주 보령 아산 서산 논산 계룡 당진 "
    # 전북, 전남
    "전주 군산 익산 정읍 남원 김제 목포 여수 순천 나주 광양 "
    # 경북, 경남, 제주
    "포항 경주 김천 안동 구미 영주 영천 상주 문경 경산 창원 진주 통영 사천 김해 밀양 거제 양산 제주 서귀포"
).split()
_COUNTIES = (
    "가평 양평 연천 "  # 경기
    "홍천 횡성 영월 평창 정선 철원 화천 양구 인제 고성 양양 "  # 강원
    "보은 옥천 영동 증평 진천 괴산 음성 단양 "  # 충북
    "금산 부여 서천 청양 홍성 예산 태안 "  # 충남
    "완주 진안 무주 장수 임실 순창 고창 부안 "  # 전북
    "담양 곡성 구례 고흥 보성 화순 장흥 강진 해남 영암 무안 함평 영광 장성 완도 진도 신안 "  # 전남
    "의성 청송 영양 영덕 청도 고령 성주 칠곡 예천 봉화 울진 울릉 "  # 경북
    "의령 함안 창녕 남해 하동 산청 함양 거창 합천 "  # 경남
    "기장 달성 군위 강화 옹진 울주"  # 부산, 대구, 인천, 울산
).split()

LOCAL_GOVERNMENTS = frozenset([f"{name}시" for name in _CITIES] + [f"{name}군" for name in _COUNTIES])

_METRO_OR_PROVINCE = re.compile(
    r"^(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주)"
    r"(?:특별자치시|특별자치도|특별시|광역시|시|도)$"
)


def is_place_name(name: str) -> bool:
    """ "여수시", "대전시", "충남도": a city, county, metropolitan city or province by its name."""
    return name in LOCAL_GOVERNMENTS or bool(_METRO_OR_PROVINCE.match(name))
