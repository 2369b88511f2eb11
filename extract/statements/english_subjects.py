"""Find the phrase naming what an amount is for in English budget sentences.

English says it in a few shapes, tried in this order:
- a purpose after the amount: "$6 million for projects at parks", "$1 million to purchase new
  vehicles", "$34 million in unspecified cuts", "$9.1 billion of that on day-to-day services";
- a named thing before "of": "a local match of $950,000", "borrowing of £24.80m" (a word that only
  counts, "a total of", "an increase of", sends the reader on to the purpose after the amount);
- the subject of a copula or a verb of size: "The general fund portion is $295.7 million",
  "Transport will see a total increase of €1.7m";
- the amount used as an adjective: "a $25.3 million capital budget", "a $79-million hole";
- a heading and its figure: "Coastal Environment Plan $500k", "Total Project Cost: $4,750,000".

The phrases themselves are read by english_phrases.py.
"""

from __future__ import annotations

import re

from extract.statements.english_phrases import (
    BREAK_WORDS,
    DETERMINERS,
    GENERIC,
    IRREGULAR_VERBS,
    PHRASE_REACH,
    is_word,
    phrase_after,
    phrase_before,
    read_tokens,
)
from extract.statements.subjects import Subject
from extract.statements.vocabulary import EN_LEVEL_BEFORE

_PURPOSE_PREPOSITIONS = ("for", "toward", "towards", "on", "to", "in", "of")
_COPULAS = re.compile(
    r"(?:\b(?:is|are|was|were|will be|would be|has been|have been|had been|stands at|stand at|stood at|"
    r"totals|totalled|totaled|totaling|totalling|comes to|came to|reached|reaches|exceeds|exceeded|"
    r"amounts to|amounted to|"
    r"will see|would see|sees|saw|receives|received|will receive|gets|got|will get|costs|cost|"
    r"is set at|was set at|of|at)\s+"
    r"(?:(?:a|an)\s+)?(?:(?:total|sum|increase|rise|cut|reduction)\s+(?:of\s+)?)?"
    r"(?:(?:about|around|approximately|nearly|almost|roughly|some|just|over|under|more than|less than|"
    r"up to|at least|an estimated|a further|another|an additional|an extra)\s+)*)$",
    re.I,
)
# What may stand between an amount and the purpose it is for: how often, when, a share.
_SKIP_AFTER = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?"
    r"(?:(?:a|per|each)\s+(?:year|month|week)\s+|annually\s+|overall\s+|in total\s+|each\s+|apiece\s+|"
    r"this\s+year\s+|next\s+year\s+|last\s+year\s+|"
    r"in\s+(?:fiscal\s+|financial\s+|FY\s?)?(?:\d{4}(?:[-/]\d{2,4})?|the\s+(?:coming|next|current)\s+\w+)\s+|"
    r"over\s+(?:the\s+)?(?:next\s+)?(?:\w+\s+)?years?\s+|"
    r"(?:(?:is|are|was|were|will be|would be|has been|have been)\s+(?:being\s+)?)?(?:\w+ed|set aside|available|"
    r"proposed|recommended|needed|required)\s+(?=for\b|to\b|toward|on\b|in\b)|"
    r"in\s+(?:the\s+|next\s+year['’]s\s+|this\s+year['’]s\s+)?(?:\d{4}(?:[-/]\d{2,4})?\s+)?budget"
    r"(?:\s+\d{4}(?:[-/]\d{2,4})?)?\s+(?=for\b|to\b|toward|on\b)|"
    r"of\s+(?:that|it|this|which)\s+)*",
    re.I,
)
_AUXILIARIES = frozenset(
    "is are was were be been being has have had will would could can should may might must shall do does did "
    "to set also still already now further".split()
)
_LEAD_INS = frozenset(
    "about around approximately nearly almost roughly some just only over under more less than up at least from "
    "by to of a an the further additional extra another total increase rise cut reduction".split()
)


def _verb_group_start(tokens: list[tuple[int, int, str]]) -> int | None:
    """Index of the first word of the verb group that ends right before an amount ("has fallen by
    more than", "could save", "is set to increase by almost", "exceeds"), or None when none does."""
    k = len(tokens) - 1
    while k >= 0 and tokens[k][2].lower() in _LEAD_INS:
        k -= 1
    verbs = 0
    while k >= 0:
        low = tokens[k][2].lower()
        before = tokens[k - 1][2].lower() if k > 0 else ""
        if not is_word(tokens[k][2]) or low in ("including", "according", "following"):
            break
        if (
            low in _AUXILIARIES
            or low in IRREGULAR_VERBS
            or before in _AUXILIARIES
            or (low.endswith(("ed", "ing", "en")) and verbs == 0)  # "funding went": no second verb
            or (low.endswith("s") and not low.endswith(("ss", "us", "is")) and verbs == 0 and before not in DETERMINERS)
        ):
            if low in DETERMINERS:
                break
            verbs += 1
            k -= 1
            continue
        break
    return k + 1 if verbs else None


def _clause_subject(text: str, end: int) -> Subject | None:
    """The phrase a verb group right before the amount is about: "Spending on external consultants
    has fallen by more than £6 million", "Transport will see a total increase of €1.7m"."""
    tokens = read_tokens(text, max(0, end - PHRASE_REACH), end)
    start = _verb_group_start(tokens)
    if start is None or start == 0:
        return None
    found = phrase_before(text, tokens[start - 1][1])
    if found is None or found.text.lower() in BREAK_WORDS:
        return None
    return found


_FROM_TO_BEFORE = re.compile(
    r"\s+from\s+(?:about\s|around\s)?[$£€][\d.,]+\s?(?:million|billion|m|bn|k)?\b(?:\s+(?:in|for)\s+\S+)?\s+to\s+$"
    r"|\s+(?:from|to)\s+(?:about\s|around\s|nearly\s|almost\s)?$",
    re.I,
)


_CUT_BEFORE = re.compile(
    r"\b(?:cut|cuts|cutting|trimmed|trims|slashed|slashes|removed|removes|took|takes|taking|saved|saves|saving|"
    r"shaved|reduced|withdrew|withdrawn|clawed back)\s+(?:about\s|around\s|nearly\s|almost\s|over\s|more than\s|"
    r"another\s|a further\s|an additional\s)?$",
    re.I,
)
_MOVE = re.compile(
    r"\b(?:increas|decreas|rais|rise|rose|risen|grow|grew|cut|reduc|fall|fell|drop|lower|boost|bring|brought|"
    r"up|down|from|climb|jump)\w*",
    re.I,
)


def _level_subject(text: str, start: int) -> Subject | None:
    """What moves from one level to another: "the HRA capital budget from £33.2m to £37.2m"."""
    m = _FROM_TO_BEFORE.search(text, max(0, start - 80), start)
    if m is None or not _MOVE.search(text, max(0, m.start() - 60), m.end()):
        return None  # "amounts to", "comes to": a size, no move
    found = phrase_before(text, m.start()) or _clause_subject(text, m.start())  # "Funding rose to $5m"
    return found if found is not None and not _generic(found) else None


# "Police will receive $98.3 million, an increase of $3.4 million", "rose to $22.7 million from
# $20.9 million": the second amount measures the first's item.
_AFTER_AMOUNT = re.compile(
    r"(?P<amount>(?:[A-Z]{1,2})?[$£€]\s?[\d.,]*\d(?:[\s-]?(?:million|billion|thousand|m|bn|k)\b)?)"
    r"(?:,?\s+(?:an?\s+)?(?:increase|rise|cut|decrease|reduction|drop|jump|gain)\s+of|,?\s+(?:up\s+|down\s+)?(?:from|to))\s+"
    r"(?:about\s|around\s|nearly\s|almost\s|over\s|more than\s)?$",
    re.I,
)


def _linked_subject(text: str, start: int) -> Subject | None:
    """The subject of the amount a second one measures, read without following its own link: a
    chain "from $1m to $2m to $3m ..." costs one step an amount, not one a link."""
    m = _AFTER_AMOUNT.search(text, max(0, start - 60), start)
    if m is None:
        return None
    return english_subject(text, m.start("amount"), m.end("amount"), follow_links=False)


def _generic(subject: Subject | None) -> bool:
    return subject is None or subject.text.split()[-1].lower().strip("’'") in GENERIC


def _names_something(subject: Subject) -> bool:
    """Whether a phrase with a counting head still names an item ("rates increase", not "total increase")."""
    return any(w.lower() not in GENERIC for w in subject.text.split())


_APPROXIMATELY = re.compile(
    r"\b(?:about|around|approximately|nearly|almost|roughly|some|just|only|over|under|another|an additional|"
    r"a further|an extra|more than|less than|up to|at least)\s*$",
    re.I,
)
# A heading stands at the start of a line or item, or right after the figure of the heading before.
_HEADING_START = re.compile(r"(?:^|[\n•·▪■\-–—*]|\d[)%]?|\d\s?(?:[mkb]|bn|million|billion)\b\)?)\s*$", re.I)


_CHANGE_NOUN_AFTER = re.compile(r"[\s-]+(?:increase|rise|cut|decrease|reduction|drop|jump)\s+(?:on|over)\s+", re.I)
_WHOLE_HEADS = frozenset("budget budgets plan programme program".split())
_WHOLE_AFTER = re.compile(
    r"[\s-]+(?:(?:operating|capital|annual|spending|general fund)\s)?(?:budget|spending plan)\b", re.I
)


def _whole_named(before: str, offset: int, copula: re.Match[str] | None) -> Subject | None:
    """A whole budget named as the subject of a copula right before the amount ("The new budget is")."""
    if copula is None:
        return None
    found = phrase_before(before, copula.start())
    if found is None or found.text.split()[-1].lower() not in _WHOLE_HEADS:
        return None
    return Subject(found.text, found.start + offset, found.end + offset)


_BREAK_TAG = re.compile(r"<br\s*/?>")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)\s+")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|its|their|our|this)\s+$", re.I)
_LABEL_END = re.compile(r"[A-Za-z)]\s*:?\s*$")


def english_subject(text: str, start: int, end: int, follow_links: bool = True) -> Subject | None:
    """ "$6 million for projects at parks" -> projects at parks; "borrowing of £24.80m" -> borrowing.
    follow_links: a second amount measuring a first may take the first's subject (_linked_subject)."""
    if "<br" in text:
        text = _BREAK_TAG.sub(lambda m: " " * len(m.group()), text)
    skip = _SKIP_AFTER.match(text, end)
    cursor = skip.end() if skip else end
    after_word = _NEXT_WORD.match(text, cursor)
    purpose: Subject | None = None
    compared = _CHANGE_NOUN_AFTER.match(text, end)
    if compared is not None:
        base = phrase_after(text, compared.end())  # "a €14 million increase on the previous budget"
        if base is not None:
            return base
    if after_word and after_word.group(1).lower() == "from" and _CUT_BEFORE.search(text, max(0, start - 40), start):
        taken_from = phrase_after(text, after_word.end())  # "cut $2.3 million from the planning department"
        if taken_from is not None:
            return taken_from
    if after_word and after_word.group(1).lower() in _PURPOSE_PREPOSITIONS:
        prep = after_word.group(1).lower()
        level = prep == "to" and EN_LEVEL_BEFORE.search(text[max(0, start - 20) : start])
        if not level:
            purpose = phrase_after(text, after_word.end(), infinitive=prep == "to")
    before = text[max(0, start - 200) : start]
    offset = start - len(before)
    # the phrases below end within a few words of the amount: each pattern reads only that far back
    copula = _COPULAS.search(before, max(0, len(before) - 100))
    whole = _whole_named(before, offset, copula)
    if whole is not None:
        return whole  # "The new budget is $896.2 million for all county services": the budget
    if (
        purpose is not None
        and after_word is not None
        and after_word.group(1).lower() in ("for", "toward", "towards", "on")
    ):
        return purpose
    whole_after = _WHOLE_AFTER.match(text, end)  # "approves $412 million budget" (a headline has no article)
    if (whole_after or _ARTICLE_BEFORE.search(before, max(0, len(before) - 12))) and re.match(
        r"[\s-]+[A-Za-z]", text[end : end + 2]
    ):
        adjective = phrase_after(text, end, bare=True)  # "a $105 million Capital Budget", "a $950,000 City Match"
        if adjective is not None and not _generic(adjective):
            return adjective
    level = _level_subject(text, start) or (_linked_subject(text, start) if follow_links else None)
    if level is not None:
        return level
    named: Subject | None = None
    if copula:
        found = phrase_before(before, copula.start())
        if found:
            named = Subject(found.text, found.start + offset, found.end + offset)
    elif (
        purpose is None
        and not _APPROXIMATELY.search(before, max(0, len(before) - 30))
        and _LABEL_END.search(before, max(0, len(before) - 6))
    ):
        label = before.rstrip(" :")
        found = phrase_before(label, len(label))
        if found and found.text[:1].isupper() and _HEADING_START.search(label, max(0, found.start - 24), found.start):
            named = Subject(found.text, found.start + offset, found.end + offset)  # a heading: "Transport $5m"
    if named is not None and not _generic(named):
        return named
    if purpose is not None:
        return purpose
    adjective = phrase_after(text, end, bare=True) if re.match(r"[\s-]+[a-z]", text[end : end + 2]) else None
    if adjective is not None and adjective.text.split()[0].lower() not in _PURPOSE_PREPOSITIONS:
        return adjective
    if named is not None and _names_something(named):
        return named
    clause = _clause_subject(before, len(before))
    return Subject(clause.text, clause.start + offset, clause.end + offset) if clause else None
