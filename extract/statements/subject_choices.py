"""Which candidate phrases may name an amount at all, where the shape of the text settles it: the
learned ranker (linear.Ranker) then picks among these only.

Each shape names how many labelled Korean amounts it holds for (../shared/eval, train and dev).
"""

from __future__ import annotations

import re

from extract.statements.subject_features import Phrase
from extract.statements.vocabulary import LIST_SEPARATOR
from extract.statements.window import AmountWindow

# "본예산 1조4710억원보다 490억원 늘어난", "기정예산(6조1513억원)에서 805억원 증액된": an amount that
# is the base of a comparison belongs to the noun right before it, never to the phrase the
# comparison leads to.
_COMPARISON_BASE = re.compile(r"\)?\s?(?:보다|대비|에 비해|에서\s)")


# English: "by", "with", "over", "into", "per", "under" start another phrase ("budget by Cork County
# Council"); none of the labelled English subjects holds one.
_EN_AGENT = re.compile(r"\s(?:by|with|over|into|per|under)\s", re.I)


# A deliberating or executing body marked as its clause's topic or place ("예결위는", "상임위에서",
# "집행부가") is who acts on the money, never what it is for; the only labelled Korean subjects that
# are bodies are list items written bare ("행정자치위원회 21억원, 복지안전위원회 30억원").
_BODY = re.compile(r"(?:예결위|예결특위|특위|위원회|상임위|의회|집행부)(?:\([^)]{0,20}\))?$")
_AGENT_PARTICLE = re.compile(r"(?:은|는|이|가|에서는|에서|의|도)(?![가-힣])")


def _not_agents(text: str, subjects: list[Phrase]) -> list[Phrase]:
    return [c for c in subjects if not (_BODY.search(c.text) and _AGENT_PARTICLE.match(text, c.end))]


# Who pays, not what for: "국·도비 290억원" names the money's source; where the sentence names a
# project too ("X 정비사업에 선정돼 국·도비 290억원을 확보"), the project is what it is for. (Only the
# source written right before the amount: "... 8조 3569억원의 국비를 확보" names the money itself.)
_SOURCE = re.compile(r"^(?:국비|도비|시비|군비|구비|국·도비|국도비|국·시비|국시비|도·군비|시·군비|지방비|특별교부세)$")
_PROJECT_HEAD = re.compile(r"(?:사업|공사|조성|건립|건설|정비|설치|구축|개발|복구|확충|개선|지원)$")


# "총사업비 1367억원 중 국·도비 949억원, 시비 368억원": a whole broken down by who pays it; each source
# is then what its amount is.
_BREAKDOWN = re.compile(r"(?:중|가운데)\s[^.]{0,40}$")


def _not_sources(text: str, subjects: list[Phrase]) -> list[Phrase]:
    if not any(_PROJECT_HEAD.search(c.text) and c.same_sentence for c in subjects):
        return subjects
    return [
        c
        for c in subjects
        if not (_SOURCE.match(c.text) and c.adjacent and not _BREAKDOWN.search(text, max(0, c.start - 40), c.start))
    ]


def _adjacent(subjects: list[Phrase]) -> list[Phrase]:
    return [c for c in subjects if c.adjacent]


def subject_choices(
    window: AmountWindow, subjects: list[Phrase], role: list[str], previous_end: int | None
) -> list[Phrase]:
    """The candidate phrases the ranker chooses among (only these are given features and scored);
    role: the amount's role features (its list place); previous_end: where the amount before it
    ends (None for the first)."""
    if not window.korean:
        return [c for c in subjects if not _EN_AGENT.search(c.text)] or subjects
    text = window.text
    subjects = _not_agents(text, subjects) or subjects
    subjects = _not_sources(text, subjects) or subjects
    base = _adjacent(subjects) if _COMPARISON_BASE.match(text, window.end) else []
    if base:
        return base
    if previous_end is not None and ("inlist=mid" in role or "inlist=last" in role):
        # a list member after the first is named between the member before it and itself (145 of
        # 153 labelled; the rest are respective lists, respective.py)
        since = [c for c in subjects if c.no_amount_between and c.start >= previous_end]
        if since and LIST_SEPARATOR.match(text, previous_end):
            return since
    if "inlist=first" in role and LIST_SEPARATOR.match(text, window.end):
        # "행정자치위원회 21억원, 복지안전위원회 30억원": a list's first member is named right before it,
        # not by the list's topic ("삭감액은"): 62 of 70 first members with a phrase nearby
        first = _adjacent(subjects)
        if first:
            return first
    # a subject stands in the amount's own sentence when any phrase there may be one (786 of 797
    # labelled subjects with a candidate do)
    return [c for c in subjects if c.same_sentence] or subjects
