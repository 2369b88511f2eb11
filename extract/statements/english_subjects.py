"""Find the phrase naming what an amount is for in English budget sentences."""

from __future__ import annotations

import re

from extract.statements.subjects import Subject

# English: "$607,462 is available for renovation projects", "a budget of $5.9 billion".
_EN_AFTER = re.compile(
    r"^\s+(?:(?:is|are|was|were|will be|has been|have been|would be)\s+(?:\w+\s+){0,2}?)?"
    r"(?:for|to|in|toward|towards|on)\s+(?:the\s+|a\s+|an\s+)?(?P<np>[^.;:()]{2,120})",
    re.I,
)
_EN_BEFORE = re.compile(r"(?P<np>(?:[A-Za-z'-]+\s+){1,3})(?:of|at|totaling|totalling|worth)\s+$")
_EN_GENERIC = re.compile(r"^(?:a |an |the )?(?:total|sum|amount|figure|cost|price|value|additional|further)$", re.I)
_EN_TIME = re.compile(
    r"^(?:the )?(?:\d{4}(?:[-/]\d{2,4})? )?(?:fiscal|financial|budget) year|^(?:next|this|last) year", re.I
)
_EN_STOP = re.compile(
    r"\s(?:for|while|which|that|from|by|with|as|and\s\$|,|who|because|after|before|until|if|when)\b.*$", re.I
)


def english_subject(text: str, start: int, end: int) -> Subject | None:
    """ "a budget of $5.9 billion" -> budget; "$490,000 is recommended for replacement of ..." -> replacement of ..."""
    text = re.sub(r"<br\s*/?>", lambda m: " " * len(m.group()), text)
    window = text[max(0, start - 60) : start]
    before = _EN_BEFORE.search(window)
    if before:
        np = re.split(r"\b(?:a|an|the|its|their|our|of|in|for)\s+", before.group("np").strip(), flags=re.I)[-1]
        if np and not _EN_GENERIC.match(np):
            s = start - len(window) + before.start("np")
            s += before.group("np").find(np)
            return Subject(np, s, s + len(np))
    m = _EN_AFTER.match(text[end:])
    if m:
        np = _EN_STOP.sub("", m.group("np")).strip()
        if np and not _EN_TIME.match(np):
            s = end + m.start("np")
            return Subject(np, s, s + len(np))
    return None
