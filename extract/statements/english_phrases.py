"""English noun phrases for subjects: where one starts or ends around an amount, read word by word.

A phrase runs from its first content word to the last word before a clause break: punctuation, a
verb, a relative or a preposition that starts a new clause ("from", "by", "with", "including"),
or a time ("in 2014", "this year"). A list joined by commas and a final "and" stays one phrase
("local streets, back lanes and sidewalks").
"""

from __future__ import annotations

import re

from extract.statements.subjects import Subject
from extract.statements.vocabulary import EN_VERB_PARTICLES, en_clause_words

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&/.-]*[A-Za-z0-9]|[A-Za-z0-9]|[$£€]|\S")
DETERMINERS = frozenset("the a an its their our his her your this that these those some any each every another".split())
# Words that end a noun phrase: verbs and auxiliaries, relatives and conjunctions of clauses, and
# prepositions that introduce an agent, a source, a comparison or a time.
BREAK_WORDS = frozenset(
    (
        "is are was were be been being will would can could should may might must shall has have had do does did "
        "which that who whom whose while because but as after before when where if until unless although though "
        "including includes include like such from by with over into per under than versus vs via "
        "compared bringing making leaving taking giving according plus or nor so yet "
        "said says say told approved adopted passed agreed voted announced proposed allocated earmarked "
        "budgeted provided set spent invested funded paid received awarded granted "
        "make makes made need needs needed use uses used keep keeps kept get gets got give gives gave take takes took "
        "bring brings brought go goes went come comes came help helps put puts let lets mean means meant show shows "
        "showed want wants wanted expect expects expected continue continues continued "
        "rose rise rises risen fell fall falls fallen grew grow grows grown hit hits "
        "it they we he she i you them us"
    ).split()
)
# Verbs of size and movement no suffix gives away ("Funding for parks rose to $22.7 million").
IRREGULAR_VERBS = frozenset(
    "rose rise rises risen fell fall falls fallen grew grow grows grown hit hits went go goes gone came come "
    "comes".split()
)
# A time after a phrase is not part of it: "the budget for 2025 amounts to", "spending in FY 2024-25 is".
_TRAILING_TIME = re.compile(
    r"\s+(?:for|in|of)\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?|financial\s+year\s+|FY\s?)?"
    r"(?:(?:19|20)\d\d(?:[-/]\d{2,4})?|next year|this year|last year|the coming year)\s*$",
    re.I,
)
TIME_WORDS = frozenset(
    "year years month months week weeks day days annually yearly monthly fy financial fiscal next last this "
    "coming current previous following budget-year january february march april may june july august "
    "september october november december monday tuesday wednesday thursday friday saturday sunday".split()
)
# Head words that only count or measure: "a total of", "an increase of" name no item.
GENERIC = frozenset(
    "total sum amount figure cost costs price value increase rise decrease cut cuts reduction drop boost hike "
    "investment investments spend spending expenditure additional extra further more less up down change "
    "estimate estimates level levels portion share balance tune order range region excess upwards "
    "average maximum minimum addition additions removal transfer carry-forward provision".split()
)
_MAX_WORDS = 9


_SCALES = frozenset("million billion thousand trillion m bn k mn".split())
_MODALS = frozenset("will would could can should may might must to".split())


def _plain(token: str) -> bool:
    """A word that may stand on either side of a phrase's "and": no verb, article or preposition."""
    low = token.lower()
    return is_word(token) and low not in BREAK_WORDS and low not in DETERMINERS and low not in _PREPOSITIONS


_PREPOSITIONS = frozenset("of for to on at in and or".split())


def _verb_like(word: str) -> bool:
    """A word that alone names nothing: a verb or a participle ("allocated"); a gerund may ("borrowing")."""
    return word in BREAK_WORDS or word.endswith("ed")


# A phrase is read within this many characters of where it starts or ends: a run-on page of
# thousands of amounts costs the same a phrase as a sentence does.
PHRASE_REACH = 240


def read_tokens(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """The tokens of text[lo:hi], with their positions in text."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, len(text) if hi is None else hi)]


def is_word(token: str) -> bool:
    return token[0].isalnum()


def _is_year(token: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d(?:[-/]\d{2,4})?", token))


def _list_continues(tokens: list[tuple[int, int, str]], k: int) -> int:
    """After a comma at k: the index past "B, C and D" when a list of plain words follows, else -1."""
    j, words = k + 1, 0
    while j < len(tokens) and words < 14:
        tok = tokens[j][2]
        low = tok.lower()
        if tok == ",":
            j += 1
            continue
        if not is_word(tok) or low in BREAK_WORDS or low in DETERMINERS or _is_year(tok):
            return -1
        if low == "and":
            if words == 0:
                return -1  # "level, and achieving": a new clause, no list
            end = j + 1
            while end < len(tokens) and end - j <= 4 and is_word(tokens[end][2]):
                low2 = tokens[end][2].lower()
                if low2 in BREAK_WORDS or low2 in ("for", "toward", "towards", "on", "to", "in") or low2 == "and":
                    break
                end += 1
            return end if end > j + 1 else -1
        words += 1
        j += 1
    return -1


_AMOUNT_START = frozenset("$£€")
_WHEN = frozenset("last this next previous current coming".split())
_YEARS_OWN = frozenset(("year's", "year’s", "years'", "month's", "month’s"))


def phrase_after(text: str, start: int, infinitive: bool = False, bare: bool = False) -> Subject | None:
    """The noun phrase that starts at text[start:], up to its clause break; infinitive: it follows a
    purpose "to" and opens with its verb ("to replenish the mulch"); bare: no preposition's phrase
    is taken in ("a $31-million hole in its budget": hole)."""
    tokens = read_tokens(text, start, start + PHRASE_REACH)
    k = 0
    while k < len(tokens) and tokens[k][2].lower() in DETERMINERS:
        k += 1
    if k + 1 < len(tokens) and tokens[k][2].lower() in _WHEN and tokens[k + 1][2].lower() in _YEARS_OWN:
        k += 2  # "on last year's budget": the budget, not the year
    elif k < len(tokens) and tokens[k][2].lower() in ("previous", "current") and k + 1 < len(tokens):
        k += 1  # "on the previous budget"
    first = k
    last = -1
    words = 0
    while k < len(tokens) and words < _MAX_WORDS:
        tok = tokens[k][2]
        low = tok.lower()
        if tok == ",":
            past = _list_continues(tokens, k)
            if past < 0 or last < 0:
                break
            last, k = past - 1, past
            continue
        if not is_word(tok) and tok not in ("’s", "'s"):
            break
        if _is_year(tok) or (low in BREAK_WORDS and not (k == first and low.endswith("ed"))):
            break  # a participle may open a phrase: "proposed council budget", "revised capital budget"
        if low in DETERMINERS and last >= first:
            if tokens[k - 1][2].lower() in ("in", "on", "at", "for", "to", "of", "and") or (
                infinitive and k - 1 == first
            ):
                k += 1  # "replacement of the brick barbeque", "(to) replenish the mulch"
                continue
            last -= 1  # "budget puts a high priority": the word before a new phrase's article is a verb
            break
        if bare and low in ("in", "on", "at", "for", "to", "of", "from", "by"):
            break
        if last >= first and low in ("next", "last", "this") and k + 1 < len(tokens):
            if tokens[k + 1][2].lower() in TIME_WORDS:
                break  # "a £4.5m boost next year": the time is not the thing
        if low in ("in", "on", "at", "for", "to", "of") and k + 1 < len(tokens):
            following = tokens[k + 1][2].lower()
            if _is_year(tokens[k + 1][2]) or following in TIME_WORDS or not is_word(tokens[k + 1][2]):
                break
            if low in ("for", "to") and last >= first:
                break  # "projects for residents", "$2m to the fund to build": a second purpose
        if low in ("and", "of", "in", "on", "at", "for", "to") and k + 1 >= len(tokens):
            break
        if low == "and" and k + 2 < len(tokens) and tokens[k + 2][2][:1] in _AMOUNT_START:
            break  # "$2 million in reserves and cut $1.3 million": the word after "and" is a verb
        last = k
        words += 1
        k += 1
    while last >= first and tokens[last][2].lower() in ("and", "of", "in", "on", "at", "for", "to", "the", "a", "an"):
        last -= 1
    if last < first:
        return None
    s, e = tokens[first][0], tokens[last][1]
    phrase = text[s:e]
    if phrase.lower() in GENERIC or _is_year(phrase) or _timely(phrase) or _particle_edged(phrase):
        return None
    if not infinitive and en_clause_words(phrase.split()):
        return None
    return Subject(phrase, s, e)


def _particle_edged(phrase: str) -> bool:
    words = phrase.lower().split()
    return words[0] in EN_VERB_PARTICLES or words[-1] in EN_VERB_PARTICLES


def _timely(phrase: str) -> bool:
    """A phrase that says when ("fiscal year", "last year’s budget"), not what."""
    words = phrase.lower().replace("’s", "").replace("'s", "").split()
    return bool(words) and (
        words[0] in ("last", "this", "next", "previous", "coming") or all(w in TIME_WORDS for w in words)
    )


def phrase_before(text: str, end: int) -> Subject | None:
    """The noun phrase that ends at text[:end]: back to a determiner, a preposition or a break."""
    time = _TRAILING_TIME.search(text, max(0, end - 40), end)
    if time is not None:
        end = time.start()
    tokens = read_tokens(text, max(0, end - PHRASE_REACH), end)
    k = len(tokens) - 1
    last = k
    while k >= 0:
        tok = tokens[k][2]
        low = tok.lower()
        if not is_word(tok) and tok not in ("’s", "'s", "‘", "’"):
            break
        if low in BREAK_WORDS or low in DETERMINERS or low in ("of", "for", "to", "on", "at", "in", "and"):
            if low == "and" and 0 < k < last and _plain(tokens[k - 1][2]) and _plain(tokens[k + 1][2]):
                k -= 1  # "parks and recreation", "repairs and improvements"
                continue
            if low in ("of", "and") and k < last and k > 0 and is_word(tokens[k - 1][2]):
                # "cost savings and adding revenue", "Department of Transportation": keep going only
                # when the word before is capitalised like the rest ("Office of the Mayor" is one name)
                if tokens[k - 1][2][:1].isupper() and tokens[k + 1][2][:1].isupper():
                    k -= 1
                    continue
            break
        if _is_year(tok) or tok[0].isdigit() or low in _SCALES:
            break
        if k > 0 and tokens[k - 1][2].lower() in _MODALS:
            break  # "will increase Council’s external debt": a verb after "will" opens no phrase
        if last - k >= _MAX_WORDS - 1:
            break
        k -= 1
    first = k + 1
    while first <= last and not is_word(tokens[first][2]):
        first += 1
    while last >= first and not is_word(tokens[last][2]):
        last -= 1
    if last < first:
        return None
    s, e = tokens[first][0], tokens[last][1]
    phrase = text[s:e]
    if (
        _timely(phrase)
        or _particle_edged(phrase)
        or en_clause_words(phrase.split())
        or (first == last and not phrase[:1].isupper() and _verb_like(phrase.lower()))
    ):
        return None
    in_the = _IN_THE.search(text, max(0, s - 20), s) if phrase.lower() in ("amount", "sum") else None
    if in_the is not None:
        return phrase_before(text, in_the.start())  # "a partial award in the amount of $3.8m"
    return Subject(phrase, s, e)


_IN_THE = re.compile(r"\s*\b(?:in|for)\s+(?:the|an?)\s+$")
