"""Clean body lines: chrome lines, photo captions repeated, copyright and byline tails."""

from __future__ import annotations

import re

# Whole lines that are buttons or navigation labels, never article text.
_CHROME_LINES = frozenset(
    "목록 인쇄 이전글 다음글 첨부파일 바로보기 바로듣기 미리보기 다운로드 스크랩 공유 닫기 "
    "글자크기 확대 축소 페이스북 트위터 카카오톡 카카오스토리 네이버 블로그 URL복사".split()
)
# Lines (short ones) carrying these phrases are licence notes, surveys or boxes of other articles.
_CHROME_PHRASES = (
    "공공누리",
    "정보에 만족",
    "만족하십니까",
    "만족하셨습니까",
    "저작권자 ©",
    "저작권자©",
    "저작권자(c)",
    "무단전재",
    "무단 전재",
    "재배포 금지",
    "많이 본 뉴스",
    "기자의 다른 기사",
    "이 기사를 공유",
)
_MAX_CHROME_LINE = 200
# A repeated line this long is a duplicated photo caption or pull quote, not a short refrain.
_MIN_DUPLICATE = 20
_LIST_MARK = re.compile(r"^[\s·•\-*]+")
# A line that is only the reporter's e-mail address closes a news story; it is not article text.
_EMAIL_LINE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


def clean_lines(lines: list[str], *, dedupe: bool = True) -> list[str]:
    """Drop chrome lines and (with ``dedupe``) second copies of a line; keep the order of the rest."""
    seen: set[str] = set()
    kept: list[str] = []
    for line in lines:
        key = _LIST_MARK.sub("", line).strip()
        if not key or key in _CHROME_LINES or _EMAIL_LINE.match(key):
            continue
        if len(line) <= _MAX_CHROME_LINE and any(p in line for p in _CHROME_PHRASES):
            continue
        if dedupe and len(key) >= _MIN_DUPLICATE and key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept


def clean_body(text: str, *, dedupe: bool = True) -> str:
    """``clean_lines`` for a body given as text (one paragraph or line per line)."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(clean_lines([line for line in lines if line], dedupe=dedupe))
