"""Turn every money amount of an article into a budget statement: subject, role, year, org."""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from dataclasses import dataclass

from extract import vocabulary as v
from extract.amounts import Amount, find_amounts
from extract.english_subjects import english_subject
from extract.fiscal_year import YearContext, statement_year, year_context
from extract.subjects import Subject, is_org_name, korean_subject, split_particle


@dataclass(frozen=True)
class Statement:
    amount: Amount
    subject: str | None
    action: str | None
    verb: str | None
    role: str
    fiscal_year: int | None
    org: str | None
    funding: str | None
    stage: str | None
    sentence: str


# Past this many amounts a text is a data dump, not an article; reading more only costs time.
MAX_STATEMENTS = 5000

_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
_KO_ORG = re.compile(
    r"(?<![가-힣])(?P<org>(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주|"
    r"[가-힣]{1,4}(?:특별자치|특별|광역))(?:특별자치시|특별자치도|특별시|광역시|시|도)?(?:교육청)?|"
    r"[가-힣]{2,4}(?:시|군|구)청?|[가-힣]{2,5}(?:도|시)교육청|경상북도|경상남도|전라남도|전라북도|충청남도|"
    r"충청북도|강원도|경기도|제주도)(?=는|가|의|은|이|와|과|에|에서|\s|$)"
)
_KO_ORG_FALSE = re.compile(
    r"(?:도시|전시|표시|즉시|동시|당시|수시|임시|개시|제시|지시|감시|게시|연구|지구|요구|추구|"
    r"가구|도구|창구|출구|입구|시군구|장군|국군|아군|적군)청?$"
)
_EN_ORG = re.compile(
    r"\b(?:(?:[A-Z][a-z]+\s){1,3}(?:City|County|Town|Borough|District)\s(?:Council|Commission|Board)"
    r"|(?:City|County|Town) of [A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
    r"|(?:[A-Z][a-z]+\s){1,2}(?:City Council|County Council|Council|Legislature|Assembly))\b"
)


# A line that stops inside a clause ("...특별회계에서" / "감액하는 내용의") runs on into the next line.
_OPEN_LINE = re.compile(r"(?:[,，]|에서|에게|에는|에|을|를|의|과|와|으로|고|며|면|하여|및|는|은|이|가)$")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if "\n" in m.group() and m.group().count("\n") == 1 and _OPEN_LINE.search(text[pos : m.start()].rstrip()):
            continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _is_korean(text: str, lang: str | None) -> bool:
    if lang:
        return lang.lower().startswith("ko")
    return len(re.findall(r"[가-힣]", text)) > len(text) / 20


def _find_verb(after: str, korean: bool) -> tuple[str | None, str | None]:
    """The first known verb after the amount in its sentence, with its action class."""
    table = v.KO_VERBS if korean else v.EN_VERBS
    best: tuple[int, str, str] | None = None
    window = after[:60] if korean else after[:80].lower()
    for stem, action in table:
        i = window.find(stem)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, stem, action)
    if best is None:
        return None, None
    i = best[0]
    word = re.match(r"\S+", window[i:])
    verb = after[i : i + len(word.group())] if word else best[1]
    return best[2], verb.strip(".,\"'”")


def _role_ko(sentence: str, a_start: int, a_end: int, subject: Subject | None, others: list[tuple[int, int]]) -> str:
    before = sentence[:a_start]
    after = sentence[_run_end(sentence, a_end, others) :]
    subj = subject.text if subject else ""
    if v.KO_OTHER_AFTER.match(after) or v.KO_OTHER_BEFORE.search(before):
        return "other"
    if v.KO_OTHER_SUBJECT.search(subj) or v.KO_OTHER_CLAUSE.search(after[:20]):
        return "other"
    if v.KO_CHANGE.match(after) or v.KO_CHANGE_BEFORE.search(before) or v.KO_CHANGE_OBJECT.match(after):
        return "change"
    core = re.sub(r"^[가-힣]{1,8}의\s", "", subj)
    if not subj or v.KO_TOTAL_SUBJECT.match(core) or is_org_name(core) or v.KO_TIME_SUBJECT.match(core):
        return "total"
    return "allocation"


_LIST_GAP = re.compile(r"^[\s)]*(?:,|△|ㆍ|및|과|와|등)(?!.*(?:대비|보다|에서|으로))[^.]*$")


def _run_end(sentence: str, a_end: int, others: list[tuple[int, int]]) -> int:
    """End of the list the amount closes: "예산 145억원, 예비비 468억원이 삭감됐다" shares one verb."""
    end = a_end
    for s, e in sorted(others):
        if s < end:
            continue
        gap = sentence[end:s]
        if len(gap) > 60 or not _LIST_GAP.match(gap) or _has_predicate(gap):
            break
        end = e
    return end


def _has_predicate(gap: str) -> bool:
    words = re.findall(r"[가-힣]+", gap)
    return any(
        split_particle(w)[1] in ("은", "는", "을", "를", "에", "이", "가")
        or re.search(r"(?:다|고|며|해|하여|했|됐)$", w)
        for w in words
    )


def _role_en(sentence: str, a_start: int, a_end: int, subject: Subject | None) -> str:
    before, after = sentence[:a_start].lower(), sentence[a_end:]
    subj = subject.text if subject else ""
    if v.EN_CHANGE.search(before[-30:]) or v.EN_CHANGE_AFTER.match(after):
        return "change"
    if v.EN_OTHER_SUBJECT.search(subj):
        return "other"
    if v.EN_TOTAL_SUBJECT.search(subj) and len(subj.split()) <= 4:
        return "total"
    return "allocation"


def _find_org(sentence: str, a_start: int, korean: bool) -> str | None:
    pattern = _KO_ORG if korean else _EN_ORG
    found = [m for m in pattern.finditer(sentence) if not (korean and _KO_ORG_FALSE.search(m.group()))]
    before = [m for m in found if m.start() < a_start]
    pick = before[-1] if before else (found[0] if found else None)
    if pick is None:
        return None
    return pick.group("org") if korean else pick.group()


def _find_funding(sentence: str) -> str | None:
    low = sentence.lower()
    hits = [(low.find(word), label) for word, label in v.FUNDING if word in low]
    return min(hits)[1] if hits else None


def _find_stage(sentence: str, document: str) -> str | None:
    for text in (sentence, document[:300]):
        for pattern, label in v.STAGES:
            m = pattern.search(text)
            if m:
                return label.format(*m.groups())
    return None


def _next_amount_subject(sentence: str, a_end: int, others: list[tuple[int, int]]) -> bool:
    """ "1%(780억원) 늘어난 7조6823억원 규모의 예산안": the delta shares the next amount's subject."""
    nxt = [s for s, _ in others if s >= a_end]
    if not nxt:
        return False
    gap = sentence[a_end : nxt[0]]
    return len(gap) < 30 and bool(
        re.search(
            r"(?:늘어난|증가한|감소한|줄어든|증액된|감액된|삭감한|늘린|줄인|많은|적은|준)\s?(?:총\s?|최종\s?)?$", gap
        )
    )


def extract_statements(
    text: str,
    *,
    published: datetime.date | None = None,
    org: str | None = None,
    lang: str | None = None,
) -> list[Statement]:
    """One statement per money amount in text, in order of appearance."""
    amounts = find_amounts(text)[:MAX_STATEMENTS]
    if not amounts:
        return []
    context = year_context(text, published)
    korean_doc = _is_korean(text[:5000], lang)
    doc_org = org or _document_org(text, korean_doc)
    spans = _sentence_spans(text)
    starts = [s for s, _ in spans]
    amount_starts = [a.start for a in amounts]
    out: list[Statement] = []
    for a in amounts:
        s, e = spans[max(0, bisect.bisect_right(starts, a.start) - 1)]
        # a window of the sentence keeps run-on text (tables, 5 MB lines) linear
        s, e = max(s, a.start - _WINDOW_BEFORE), max(min(e, a.end + _WINDOW_AFTER), a.end)
        lo, hi = bisect.bisect_left(amount_starts, s), bisect.bisect_left(amount_starts, e)
        others = [(b.start - s, b.end - s) for b in amounts[lo:hi] if b is not a]
        out.append(_statement(text, a, s, e, others, context, korean_doc, doc_org))
    return out


# Enough for the longest clause around an amount in news prose.
_WINDOW_BEFORE = 400
_WINDOW_AFTER = 300


def _statement(
    text: str,
    a: Amount,
    s: int,
    e: int,
    others: list[tuple[int, int]],
    context: YearContext,
    korean: bool,
    doc_org: str | None,
) -> Statement:
    sentence = text[s:e]
    a_start, a_end = a.start - s, a.end - s
    if korean:
        subject = korean_subject(sentence, a_start, a_end)
        if _next_amount_subject(sentence, a_end, others):
            nxt = min(st for st, _ in others if st >= a_end)
            nxt_end = next(en for st, en in others if st == nxt)
            subject = korean_subject(sentence, nxt, nxt_end) or subject
        role = _role_ko(sentence, a_start, a_end, subject, others)
    else:
        subject = english_subject(sentence, a_start, a_end)
        role = _role_en(sentence, a_start, a_end, subject)
    action, verb = _find_verb(sentence[a_end:], korean)
    subj_text = _clean_subject(subject.text) if subject else None
    return Statement(
        amount=a,
        subject=subj_text or None,
        action=action,
        verb=verb,
        role=role,
        fiscal_year=statement_year(sentence, a_start, context),
        org=_find_org(sentence, a_start, korean) or doc_org,
        funding=_find_funding(sentence),
        stage=_find_stage(sentence, text),
        sentence=sentence.strip(),
    )


def _clean_subject(subject: str) -> str:
    """No leading 총 or organisation, no trailing 등 (eval/README.md conventions)."""
    subject = re.sub(r"^(?:총|약)\s?", "", subject.strip())
    subject = re.sub(r"\s?등$", "", subject)
    parts = subject.split(" ")
    if len(parts) > 1 and is_org_name(split_particle(parts[0])[0]):
        subject = " ".join(parts[1:])
    return subject.strip()


def _document_org(text: str, korean: bool) -> str | None:
    pattern = _KO_ORG if korean else _EN_ORG
    names = [m.group("org") if korean else m.group() for m in pattern.finditer(text[:2000])]
    names = [n for n in names if not (korean and _KO_ORG_FALSE.search(n))]
    return Counter(names).most_common(1)[0][0] if names else None
