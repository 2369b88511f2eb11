"""Turn every money amount of an article into a budget statement: subject, role, year, org."""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.statements import vocabulary as v
from extract.statements.actions import display_action
from extract.statements.amounts import Amount, find_amounts
from extract.statements.currency import dollar_currency
from extract.statements.english_subjects import english_subject
from extract.statements.fiscal_year import YearContext, stated_years, statement_year, year_context
from extract.statements.linear import StatementModel, shipped_model
from extract.statements.org_in_force import CarriedOrg, OrgIndex
from extract.statements.orgs import canonical_org, document_org, headline_org, home_city, org_mentions
from extract.statements.refine import apply_model, iter_statement_inputs
from extract.statements.rule_roles import role_en, role_ko
from extract.statements.statement import Statement, mark_headline_repeats, reported_figures, updated, with_dollar
from extract.statements.subjects import is_org_name, korean_subject
from extract.statements.words import split_particle

__all__ = ["Statement", "extract_statements", "reported_figures"]

# Past this many amounts a text is a data dump, not an article; reading more only costs time.
MAX_STATEMENTS = 5000

# "(?<=[.!?。])\s+|\n+" written to start with a character (a space after an end mark, or a line
# break), so that a search skips to the next space instead of trying every place.
_SENTENCE_END = re.compile(r"\s(?:(?<=[.!?。]\s)\s*|(?<=\n)\n*)")


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


def is_korean(text: str, lang: str | None) -> bool:
    if lang:
        return lang.lower().startswith("ko")
    # Hangul letters, counted a word at a time, a part of the text at a time: a Korean text has
    # passed the bar long before its end
    need, found = len(text) / 20, 0
    for lo in range(0, len(text), _COUNTED_PART):
        found += sum(map(len, _HANGUL_RUN.findall(text, lo, lo + _COUNTED_PART)))
        if found > need:
            return True
    return False


_HANGUL_RUN = re.compile(r"[가-힣]+")
_COUNTED_PART = 400
_NON_SPACE = re.compile(r"\S+")


def _find_verb(after: str, korean: bool) -> tuple[str | None, str | None]:
    """The first known verb after the amount in its sentence, with its action class."""
    window = after[:60] if korean else after[:80].lower()
    # leftmost stem wins; at one position the table's order decides, as regex alternation does
    m = (_KO_VERB_RE if korean else _EN_VERB_RE).search(window)
    if m is None:
        return None, None
    i = m.start()
    action = (_KO_VERB_ACTIONS if korean else _EN_VERB_ACTIONS)[m.group()]
    word = _NON_SPACE.match(window[i:])
    verb = after[i : i + len(word.group())] if word else m.group()
    return action, verb.strip(".,\"'”")


_KO_VERB_RE = re.compile("|".join(re.escape(stem) for stem, _ in v.KO_VERBS))
# an English stem starts a word: "pass" is no verb in "passenger", nor "fund" in "refund"
_EN_VERB_RE = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem, _ in v.EN_VERBS) + ")")
_KO_VERB_ACTIONS = dict(reversed(v.KO_VERBS))
_EN_VERB_ACTIONS = dict(reversed(v.EN_VERBS))


def _inside(years: list[tuple[int, int, int]], starts: list[int], s: int, e: int) -> list[tuple[int, int, int]]:
    """The stated years within text[s:e], with offsets relative to s."""
    lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
    return [(y, ys - s, ye - s) for y, ys, ye in years[lo:hi] if ye <= e]


def _document_org(text: str, orgs: list[tuple[int, int, str]], source_org: str | None, home: str | None) -> str | None:
    """Whom the article is about: the headline's organisation, else the one its opening names most;
    the source's org only when the text names none."""
    named = headline_org(text, orgs) or document_org(orgs)
    if named is None:
        return source_org
    return canonical_org(named, home)


def _find_funding(sentence: str) -> str | None:
    low = sentence.lower()
    hits = [(low.find(word), label) for word, label in v.FUNDING if word in low]
    return min(hits)[1] if hits else None


def _find_stage(text: str) -> str | None:
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
    return len(gap) < 30 and bool(_DELTA_BEFORE.search(gap))


_DELTA_BEFORE = re.compile(
    r"(?:늘어난|증가한|감소한|줄어든|증액된|감액된|삭감한|늘린|줄인|많은|적은|준)\s?(?:총\s?|최종\s?)?$"
)


def extract_statements(
    text: str,
    *,
    published: datetime.date | None = None,
    org: str | None = None,
    lang: str | None = None,
    url: str | None = None,
    country: str | None = None,
    model: StatementModel | None = None,
    rules_only: bool = False,
) -> list[Statement]:
    """One statement per money amount in text, in order of appearance.

    The rules read every amount; the learned model (the shipped one unless another is given)
    then chooses each statement's subject, role and fiscal year. rules_only skips the model.
    """
    korean = is_korean(text[:5000], lang)
    statements = _rule_statements(text, published=published, org=org, korean=korean)
    if not statements:
        return statements
    dollar = dollar_currency(url, text, country)
    statements = with_dollar(statements, dollar)
    model = None if rules_only else model or shipped_model()
    if model is not None:
        inputs = iter_statement_inputs(text, statements, published, korean, url, dollar)
        statements = apply_model(statements, inputs, model)
    return mark_headline_repeats(text, [updated(st, verb=display_action(st, text)) for st in statements])


def _rule_statements(text: str, *, published: datetime.date | None, org: str | None, korean: bool) -> list[Statement]:
    amounts = find_amounts(text)[:MAX_STATEMENTS]
    if not amounts:
        return []
    years = stated_years(text)
    orgs = org_mentions(text, korean)
    home = home_city(orgs, org)
    doc_org = _document_org(text, orgs, org, home)
    doc = _Document(
        text=text,
        context=year_context(text, published, years),
        korean=korean,
        org=doc_org,
        stage=_find_stage(text[:300]),  # the lead says which stage the whole article is about
        years=years,
        year_starts=[y[1] for y in years],
        org_index=OrgIndex(text, orgs, home, (doc_org, org), korean),
    )
    spans = _sentence_spans(text)
    starts = [s for s, _ in spans]
    amount_starts = [a.start for a in amounts]
    out: list[Statement] = []
    carried = CarriedOrg(doc.org_index, spans)
    for a in amounts:
        k = max(0, bisect.bisect_right(starts, a.start) - 1)
        s, e = spans[k]
        in_force = carried.before(k)
        # a window of the sentence keeps run-on text (tables, 5 MB lines) linear
        s, e = max(s, a.start - _WINDOW_BEFORE), max(min(e, a.end + _WINDOW_AFTER), a.end)
        lo, hi = bisect.bisect_left(amount_starts, s), bisect.bisect_left(amount_starts, e)
        others = [(b.start - s, b.end - s) for b in amounts[lo:hi] if b is not a]
        out.append(_statement(doc, a, s, e, in_force, others))
    return out


@dataclass(frozen=True)
class _Document:
    """What is read once per text and shared by its statements."""

    text: str
    context: YearContext
    korean: bool
    org: str | None
    stage: str | None
    years: list[tuple[int, int, int]]  # stated budget years: (year, start, end) in text
    year_starts: list[int]
    org_index: OrgIndex  # organisations named, and which each clause is about


# Enough for the longest clause around an amount in news prose.
_WINDOW_BEFORE = 400
_WINDOW_AFTER = 300


def _statement(
    doc: _Document, a: Amount, s: int, e: int, carried: str | None, others: list[tuple[int, int]]
) -> Statement:
    sentence, korean = doc.text[s:e], doc.korean
    a_start, a_end = a.start - s, a.end - s
    if korean:
        subject = korean_subject(sentence, a_start, a_end)
        if _next_amount_subject(sentence, a_end, others):
            nxt = min(st for st, _ in others if st >= a_end)
            nxt_end = next(en for st, en in others if st == nxt)
            subject = korean_subject(sentence, nxt, nxt_end) or subject
        role = role_ko(sentence, a_start, a_end, subject, others)
    else:
        subject = english_subject(sentence, a_start, a_end)
        role = role_en(sentence, a_start, a_end, subject)
    action, verb = _find_verb(sentence[a_end:], korean)
    subj_text = _clean_subject(subject.text) if subject else None
    span = None
    if subject and subj_text:
        offset = subject.text.find(subj_text)
        if offset >= 0:
            span = (s + subject.start + offset, s + subject.start + offset + len(subj_text))
    return Statement(
        amount=a,
        subject=subj_text or None,
        action=action,
        verb=verb,
        role=role,
        fiscal_year=statement_year(sentence, a_start, doc.context, _inside(doc.years, doc.year_starts, s, e)),
        org=doc.org_index.in_force((s, e), carried, a.start) or doc.org,
        funding=_find_funding(sentence),
        stage=_find_stage(sentence) or doc.stage,
        sentence=sentence.strip(),
        subject_span=span,
    )


_LEADING_TOTAL = re.compile(r"^(?:총|약)\s?")
_TRAILING_ETC = re.compile(r"\s?등$")


@lru_cache(maxsize=4096)  # subjects repeat within a text and across texts
def _clean_subject(subject: str) -> str:
    """No leading 총 or organisation, no trailing 등 (eval/README.md conventions)."""
    subject = _LEADING_TOTAL.sub("", subject.strip())
    subject = _TRAILING_ETC.sub("", subject)
    parts = subject.split(" ")
    if len(parts) > 1 and is_org_name(split_particle(parts[0])[0]):
        subject = " ".join(parts[1:])
    if all(v.TIME_OR_STAGE.match(split_particle(w)[0]) for w in subject.split()):
        return ""  # "당초", "올해": when, never what
    return subject.strip()
