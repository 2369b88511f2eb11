"""Apply the learned model to the rules' statements: a better subject, role and fiscal year each.

The same inputs feed training (training.py) and reading, so what the model learned from is what
it is shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from extract.statements.coordination import coordinated_start
from extract.statements.fiscal_calendar import publisher_country, season_year
from extract.statements.fiscal_year import stated_years
from extract.statements.linear import StatementModel
from extract.statements.overrides import exact_role, from_to_pair, is_level
from extract.statements.respective import respective_subjects
from extract.statements.role_features import (
    GRANT_WON,
    HEAD_NATIONAL,
    LIST_OF_CHANGES,
    LIST_OF_REQUESTS,
    LIST_OF_REVENUE,
    role_cues,
    role_features,
)
from extract.statements.size_anaphora import in_sentence_before, measures_figure_before
from extract.statements.statement import Statement, updated
from extract.statements.subject_choices import subject_choices
from extract.statements.subject_features import Candidate, Phrase, phrase_candidates, subject_phrases
from extract.statements.subject_roles import roles_ruled_out
from extract.statements.window import AmountWindow, read_window, read_words
from extract.statements.year_features import (
    document_year_facts,
    document_years,
    url_years,
    written_year,
    year_candidates,
)
from extract.statements.year_words import year_written_after, year_written_before


@dataclass(frozen=True)
class StatementInputs:
    """What the model sees of one statement. The subject candidates are read when first asked
    for: reading scores only the phrases subject_choices keeps (English none where the rules'
    subject stands), training every phrase."""

    window: AmountWindow
    rule_subject: str | None
    role: list[str]
    years: list[tuple[int, list[str]]]

    @cached_property
    def phrases(self) -> list[Phrase]:
        return subject_phrases(self.window)

    @cached_property
    def subjects(self) -> list[Candidate]:
        return phrase_candidates(self.window, self.phrases, self.rule_subject)


def _ranks(statements: list[Statement]) -> tuple[list[int], dict[str, int]]:
    """Each amount's rank by value within its currency (1 = largest), and each currency's largest."""
    largest: dict[str, int] = {}
    for st in statements:
        largest[st.amount.currency] = max(largest.get(st.amount.currency, 0), st.amount.value)
    by_currency: dict[str, list[int]] = {}
    for st in statements:
        by_currency.setdefault(st.amount.currency, []).append(st.amount.value)
    # a dict per currency, not list.index: thousands of amounts in a hostile page stay linear
    rank_of = {
        c: {value: k + 1 for k, value in enumerate(sorted(set(v), reverse=True))} for c, v in by_currency.items()
    }
    ranks = [rank_of[st.amount.currency][st.amount.value] for st in statements]
    return ranks, largest


def iter_statement_inputs(
    text: str,
    statements: list[Statement],
    published: datetime.date | None,
    korean: bool,
    url: str | None = None,
    dollar: str | None = None,
) -> Iterator[StatementInputs]:
    """The model's inputs one statement at a time: reading keeps one statement's (~20 KB of
    candidates and features) at once, not a page's (3,000 amounts: 58 MB)."""
    spans = [(st.amount.start, st.amount.end) for st in statements]
    doc_years: list[int] = []
    for year, _, _ in stated_years(text[:3000]):
        if year not in doc_years:
            doc_years.append(year)
    ranks, largest = _ranks(statements)
    if len(statements) < 3:
        ranks, largest = [0] * len(statements), {}  # one or two amounts: being the largest says nothing
    named_years = document_years(text)
    for year, feats in url_years(url).items():
        named_years.setdefault(year, []).extend(feats)
    written_in = written_year(text) if published is None and korean else None
    season = season_year(published, publisher_country(url, text, korean, dollar)) if published else None
    doc = document_year_facts(text, published, doc_years, named_years, written_in, season)
    words = read_words(text, korean, spans)
    cues = role_cues(text)
    for k, (st, rank) in enumerate(zip(statements, ranks, strict=True)):
        a = st.amount
        window = read_window(words, a.start, a.end)
        yield StatementInputs(
            window=window,
            rule_subject=st.subject,
            role=role_features(window, cues, st.role, st.subject, a.value, largest.get(a.currency, 0), rank, spans, k),
            years=year_candidates(window, st.fiscal_year, doc),
        )


class _RoleChoice(NamedTuple):
    """What decided one statement's role and how sure its subject is, kept until the next statement
    is read: a move's two ends ("30억원에서 12억원으로") take one role and one subject together.
    (A tuple: one a statement, a frozen dataclass costs three times as much to make.)"""

    k: int  # the statement's place in the text's statements
    span: tuple[int, int]
    scores: list[float]
    excluded: tuple[str, ...]
    exact: str | None
    subject_score: float


def excluded_roles(x: StatementInputs, subject: str | None) -> tuple[str, ...]:
    w = x.window
    excluded: tuple[str, ...] = ()
    if is_level(w.text, w.start, w.end, w.korean):
        excluded = ("change",)
    elif LIST_OF_REVENUE in x.role or LIST_OF_REQUESTS in x.role:
        excluded = ("allocation", "total", "change")  # revenue or money sought, even when it changes, is "other"
    elif LIST_OF_CHANGES in x.role:
        excluded = ("allocation", "total")
    elif GRANT_WON in x.role:
        excluded = ("other",)
    return excluded + roles_ruled_out(subject, w.korean, GRANT_WON in x.role, HEAD_NATIONAL in x.role)


# The roles a level has: a move's two ends share one ("28억→54억원" are allocations, "a $412 million
# budget, up from $398 million" totals).
_LEVEL_ROLES = ("allocation", "total")


def _joint_role(model: StatementModel, a: _RoleChoice, b: _RoleChoice) -> str:
    """The one role of a move's two ends: the best by both amounts' scores (log-probabilities add)."""
    totals = [x + y for x, y in zip(a.scores, b.scores, strict=True)]
    both = model.role.choose(totals, a.excluded + b.excluded)
    if both in a.excluded or both in b.excluded:  # the two ends rule out every role between them
        return model.role.choose(totals, b.excluded)
    return both


def _coordinated(window: AmountWindow, subject: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """The chosen phrase with the rest of its coordination before it (coordination.py)."""
    before = window.before
    first = next((i for i, w in enumerate(before) if w.start == span[0]), None)
    if first is None:
        return subject, span
    start = coordinated_start(before, first)
    if start == first:
        return subject, span
    new_span = (before[start].start, span[1])
    return window.text[new_span[0] : new_span[1]], new_span


def _figure_before(text: str, st: Statement, before: list[Statement]) -> Statement | None:
    """The statement whose figure st measures the change of ("이는 올해보다 1200억원 증가한 금액이다"):
    the last non-change amount of the sentence before, with a subject (size_anaphora.py)."""
    lo = measures_figure_before(text, st.amount.start, st.amount.end)
    if lo is None:
        return None
    for prev in reversed(before):
        if prev.amount.end > lo:
            continue
        if not in_sentence_before(text, prev.amount.end, lo):
            return None
        if prev.role != "change" and prev.subject:
            return prev
    return None


def apply_model(
    statements: list[Statement], inputs: Iterable[StatementInputs], model: StatementModel
) -> list[Statement]:
    out: list[Statement] = []
    previous: _RoleChoice | None = None
    respective: dict[int, tuple[int, int]] | None = None
    for k, (st, x) in enumerate(zip(statements, inputs, strict=True)):
        subject, span = st.subject, st.subject_span
        lang = "ko" if x.window.korean else "en"
        previous_end = statements[k - 1].amount.end if k else None
        # English grammar names the item in a few shapes the rules read (english_subjects.py); the
        # ranker, fitted on 156 English amounts, chooses only where they find none (5-fold CV 0.711
        # against 0.697 with the ranker choosing always; dev 7 of 7 against 6 of 7)
        best = None
        if x.window.korean or st.subject is None:
            phrases = subject_choices(x.window, x.phrases, x.role, previous_end)
            choices = phrase_candidates(x.window, phrases, st.subject)
            best = model.subject.best_scored([c.features for c in choices], lang)
        subject_score = float("-inf")
        if best is not None:
            chosen, subject_score = choices[best[0]], best[1]
            subject, span = chosen.text, (chosen.start, chosen.end)
            if x.window.korean:
                subject, span = _coordinated(x.window, subject, span)
        if respective is None:
            respective = respective_subjects(x.window.text, [(s.amount.start, s.amount.end) for s in statements])
        if k in respective:  # "A과 B에 각각 X, Y": the text pairs them outright
            span = respective[k]
            subject, subject_score = x.window.text[span[0] : span[1]], float("inf")
        elif x.window.korean:
            carried = _figure_before(x.window.text, st, out)
            if carried is not None:
                subject, span = carried.subject, carried.subject_span
        year = st.fiscal_year
        best_year = model.year.best([feats for _, feats in x.years], lang)
        if best_year is not None:
            year = x.years[best_year][0]
        w = x.window
        if w.korean:
            year = year_written_before(w.text, w.start) or year
        else:
            year = year_written_after(w.text, w.end) or year
        current = _RoleChoice(
            k,
            (w.start, w.end),
            model.role.scores(x.role, lang),
            excluded_roles(x, subject),
            exact_role(w.text, w.start, w.end, w.korean),
            subject_score,
        )
        role = current.exact or model.role.choose(current.scores, current.excluded)
        pair = previous is not None and from_to_pair(w.text, previous.span, current.span, w.korean)
        if pair and previous is not None and current.exact is None and previous.exact in _LEVEL_ROLES:
            role = previous.exact or role  # the other end of a move whose first end the text settles
        elif pair and previous is not None and previous.exact is None and current.exact is None:
            role = _joint_role(model, previous, current)
            first = out[previous.k]
            if previous.subject_score >= subject_score:  # one thing moved: the surer of the two names it
                subject, span = first.subject, first.subject_span
            out[previous.k] = updated(first, role=role, subject=subject, subject_span=span)
        out.append(updated(st, subject=subject, subject_span=span, role=role, fiscal_year=year))
        previous = current
    return out
