"""The rules' role of an amount (total, allocation, change, other) from its sentence: one feature
of the learned role, and the answer where no model is shipped."""

from __future__ import annotations

import re

from extract.statements import vocabulary as v
from extract.statements.subjects import Subject, is_org_name
from extract.statements.words import split_particle


def role_ko(sentence: str, a_start: int, a_end: int, subject: Subject | None, others: list[tuple[int, int]]) -> str:
    before = sentence[:a_start]
    after = sentence[_run_end(sentence, a_end, others) :]
    subj = subject.text if subject else ""
    if v.KO_OTHER_AFTER.match(after) or v.KO_OTHER_BEFORE.search(before):
        return "other"
    if v.KO_OTHER_SUBJECT.search(subj) or v.KO_OTHER_CLAUSE.search(after[:20]):
        return "other"
    if v.KO_CHANGE.match(after) or v.KO_CHANGE_BEFORE.search(before) or v.KO_CHANGE_OBJECT.match(after):
        return "change"
    core = _OWNER.sub("", subj)
    if _PART_BEFORE.search(before) or (not subj and _FOR_BEFORE.search(before)):
        return "allocation"  # "이 가운데 2억원", "나머지 1억원": a share of a whole is not the whole
    if not subj or v.KO_TOTAL_SUBJECT.match(core) or is_org_name(core) or v.KO_TIME_SUBJECT.match(core):
        return "total"
    return "allocation"


# "여기에 4억원이 투입된다": money for something named before, not a whole budget
_FOR_BEFORE = re.compile(r"에(?:는|도)?\s*$")
_OWNER = re.compile(r"^[가-힣]{1,8}의\s")
_PART_BEFORE = re.compile(r"(?:가운데|이\s?중|그\s?중|이중|나머지|이 가운데)\s*$")
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


_HANGUL_WORD = re.compile(r"[가-힣]+")
_VERB_END = re.compile(r"(?:다|고|며|해|하여|했|됐)$")


def _has_predicate(gap: str) -> bool:
    words = _HANGUL_WORD.findall(gap)
    return any(split_particle(w)[1] in ("은", "는", "을", "를", "에", "이", "가") or _VERB_END.search(w) for w in words)


# English money coming in, owed, held or missing, or what a household pays, is "other" by the
# labelling conventions, named by the phrase's head or right next to the amount ("in revenue").
_EN_NOT_SPENT_NEAR = re.compile(
    r"^\s?(?:a |per )(?:week|month)\b|^\s?(?:a |per )year per\b|^\s?per (?:household|home|property|resident|person)\b"
    r"|^\s?(?:in|of)\s(?:new\s|extra\s|additional\s)?(?:revenue|income|taxes|"
    r"property taxes|council tax|rates|fees|charges|borrowing|debt|reserves)\b",
    re.I,
)
# A change told by its verb or its noun: "increased by $2m", "cut $1m", "saving £863,000", "an
# increase of $8m", "a further £34.6 million".
_EN_CHANGE_BEFORE = re.compile(
    r"\b(?:(?:increas|decreas|reduc|rais|trimm|slash|boost|sav|climb|jump|hik|lower)\w*|cut|cuts|cutting|add|adds|addition|additions|"
    r"added|adding|fall|falls|fell|fallen|drop|drops|dropped|grow|grows|grew|grown|rise|rises|rose|risen|up|down)"
    r"\s+(?:by\s+|of\s+)?"
    r"(?:(?:about|around|approximately|nearly|almost|roughly|some|just|over|under|more than|less than|a further|"
    r"another|an additional|an extra|a total of|a)\s+)*$"
    r"|\b(?:an?\s)?(?:additional|extra|further)\s+$|\bsavings?\s+of\s+(?:about\s|over\s|more than\s)?$",
    re.I,
)
_EN_CHANGE_AFTER = re.compile(rf"\s?(?:(?:{v.EN_CHANGE_NOUNS})s?|in savings|in cuts|savings?)\b", re.I)
# The whole budget, not a department's ("the District Attorney’s Office budget", "the sheriff's budget").
_EN_WHOLE = re.compile(
    r"\b(?:budget|spending plan|operating plan|capital plan|capital programme|capital program|estimates)$", re.I
)
_EN_OWNED = re.compile(r"['’]s\b|\b(?:office|department|service|division|agency|board|police|fire)\b", re.I)


# A subject headed by a change ("$34 million in unspecified cuts", "the $2m reduction"); a
# council-wide savings total is "other" by the conventions, so savings are not here.
_EN_CHANGE_HEAD = re.compile(r"\b(?:cuts?|reductions?|increases?|decreases?)$", re.I)


def role_en(sentence: str, a_start: int, a_end: int, subject: Subject | None) -> str:
    before, after = sentence[:a_start], sentence[a_end:]
    subj = (subject.text if subject else "").strip()
    if v.EN_NOT_SPENT_HEAD.search(subj) or _EN_NOT_SPENT_NEAR.match(after) or v.EN_OTHER_SUBJECT.search(subj[-20:]):
        return "other"
    level = v.EN_LEVEL_BEFORE.search(before[-20:])
    if not level and (
        _EN_CHANGE_BEFORE.search(before[-60:])
        or _EN_CHANGE_AFTER.match(after)
        or v.EN_CHANGE.search(before[-30:].lower())
        or _EN_CHANGE_HEAD.search(subj)
    ):
        return "change"
    if _EN_WHOLE.search(subj) and not _EN_OWNED.search(subj):
        return "total"
    return "allocation"
