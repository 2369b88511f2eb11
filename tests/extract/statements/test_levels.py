"""Shapes that settle or rule out a role: a level a change starts from or arrives at is
never the change; a list takes the role its topic or verb gives; a threshold is no allocation.

Sentences written for this test, one per shape.
"""

from __future__ import annotations

import datetime

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.linear import Classifier, Ranker, StatementModel
from extract.statements.overrides import exact_role, from_to_pair, is_level

DAY = datetime.date(2031, 11, 20)


@pytest.mark.parametrize(
    ("text", "amount", "level"),
    [
        ("경로당 운영비는 12억원 증가한 58억원이다.", "58억원", True),
        ("경로당 운영비는 12억원 증가한 58억원이다.", "12억원", False),
        ("도서 구입비 3억→5억원으로 늘었다.", "3억", True),
        ("도서 구입비 3억→5억원으로 늘었다.", "5억원", True),
        ("체육관 예산은 40억원에서 25억원으로 줄었다.", "40억원", True),
        ("체육관 예산은 40억원에서 25억원으로 줄었다.", "25억원", True),
        ("구는 예산을 4천200억원으로 증액했다.", "4천200억원", True),
        ("구는 예산을 200억원 증액했다.", "200억원", False),
        ("공연비 9천600만원 중 3천만원을 삭감했다.", "9천600만원", True),
        ("본예산 4천억원보다 120억원 늘어난 규모다.", "4천억원", True),
        ("The fund rose from $3 million to $5 million.", "$3 million", True),
        ("The fund rose from $3 million to $5 million.", "$5 million", True),
        ("The amendment brought the levy down to $1.1 million.", "$1.1 million", True),
        ("Councillors cut $1 million from the parks budget.", "$1 million", False),
    ],
)
def test_levels(text: str, amount: str, level: bool) -> None:
    start = text.index(amount)
    assert is_level(text, start, start + len(amount), korean=any("가" <= ch <= "힣" for ch in text)) is level


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("증가 요인은 기초연금이 90억원 증가한 610억원, 아동수당 45억원 증가한 380억원 등이다.", "380억원"),
        ("교육위원회는 급식비 7천만→1억4천만원, 교구 구입비 3천만→6천만원으로 각각 증액했다.", "1억4천만원"),
    ],
)
def test_a_level_is_not_read_as_a_change(text: str, amount: str) -> None:
    [st] = [s for s in extract_statements(text, published=DAY) if s.amount.text == amount]
    assert st.role != "change"


@pytest.mark.parametrize(
    ("text", "amount", "role"),
    [
        # a whole list governed by a change: the topic before it or the verb after its 등
        (
            "삭감된 주요 사업은 ▲청사 조경 3억원 ▲홍보 영상 제작 1억2천만원 ▲축제 무대 8천만원 등이다.",
            "1억2천만원",
            "change",
        ),
        ("그러나 청사 조경 3억원, 홍보 영상 1억2천만원, 축제 무대 8천만원 등은 삭감됐다.", "1억2천만원", "change"),
        ("예결위는 청사 조경 3억원, 홍보 영상 1억2천만원 등 17건을 삭감했다.", "3억원", "change"),
        # a list of revenue
        ("세입예산은 지방교부세 2천100억원, 자체수입 390억원, 전년도 이월금 250억원이다.", "250억원", "other"),
        # a threshold written after the amount
        ("5억원 이상이 투입되는 군의 시설 사업은 모두 31개다.", "5억원", "other"),
    ],
)
def test_what_governs_a_list_or_bounds_an_amount(text: str, amount: str, role: str) -> None:
    [st] = [s for s in extract_statements(text, published=DAY) if s.amount.text == amount]
    assert st.role == role


ROLES = ("allocation", "change", "other", "total")


def _model(role_weights: dict[str, tuple[float, ...]], bias: tuple[float, ...], lang: str = "ko") -> StatementModel:
    """A model of the given role weights that keeps the rules' subject and year."""
    keep_rule = Ranker({f"{lang}:rule_exact": 5.0, f"{lang}:rule": 5.0}, 0.0)
    return StatementModel("test", keep_rule, Classifier(ROLES, role_weights, bias), keep_rule)


def _minded(first: str, second: str = "total", lang: str = "ko") -> StatementModel:
    """A model sure of one role for every amount, ``second`` its next guess."""
    return _model({}, tuple(5.0 if c == first else 1.0 if c == second else 0.0 for c in ROLES), lang)


@pytest.mark.parametrize(
    ("text", "amount", "role"),
    [
        # a whole budget or account is never an allocation within it
        ("일반회계는 3천620억원, 특별회계는 410억원으로 편성됐다.", "410억원", "total"),
        # a list governed by a change, a list of revenue, however sure the model is
        ("삭감된 사업은 도서관 건립 12억원, 경로당 보수 3억원 등이다.", "3억원", "change"),
        ("세입예산은 지방교부세 2천100억원, 자체수입 390억원이다.", "390억원", "other"),
        # a list of money sought: a target, a request
        ("국비 확보 중점관리대상 사업은 △도서관 건립 50억원 △경로당 보수 30억원 등이다.", "30억원", "other"),
        ("군이 정부에 건의한 사업은 도서관 건립 50억원, 경로당 보수 30억원이다.", "50억원", "other"),
        ("주요 사업은 △도서관 건립 50억원 △경로당 보수 30억원 등이다.", "30억원", "allocation"),
        # a target is money sought
        ("군은 내년 국비 확보 목표액을 4천억원으로 잡았다.", "4천억원", "other"),
        # revenue is "other" even when it grows; a phrase headed by something else is no revenue
        ("군의 세외수입이 183억원 증가했다.", "183억원", "other"),
        ("세수 감소로 줄어든 복지 예산 12억원을 도서관에 편성했다.", "12억원", "allocation"),
        # a change verb after the stage the change happened in
        ("도로 예산 3248억원이 3회추경에서 증가했다.", "3248억원", "change"),
    ],
)
def test_what_the_text_rules_out_beats_the_model(text: str, amount: str, role: str) -> None:
    found = extract_statements(text, published=DAY, model=_minded("allocation"))
    [st] = [s for s in found if s.amount.text == amount]
    assert st.role == role


def test_national_money_is_never_a_whole_budget() -> None:
    """국비 granted to a province is what it got, not its budget, however sure the model is."""
    text = "도는 내년 국비 9조2148억원을 확보했다."
    [st] = extract_statements(text, published=DAY, model=_minded("total", "allocation"))
    assert "국비" in (st.subject or "") and st.role == "allocation"
    [whole] = extract_statements(
        "도의 내년 예산은 9조2148억원이다.", published=DAY, model=_minded("total", "allocation")
    )
    assert whole.role == "total"


@pytest.mark.parametrize(
    ("lead", "role"),
    [("지역별 내년 국비 확보액이 확정됐다.", "allocation"), ("지역별 내년 예산이 확정됐다.", "total")],
)
def test_a_place_in_a_report_on_national_money_is_what_it_got(lead: str, role: str) -> None:
    """Where the text opens on national money, a place's figure is its share, never its whole budget."""
    text = lead + "\n전라남도는 올해보다 5.6% 증가한 7조1896억원이라고 밝혔다."
    [st] = extract_statements(text, published=DAY, model=_minded("total", "allocation"))
    assert (st.subject, st.role) == ("전라남도", role)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("군은 공모사업에 선정돼 국·도비 290억원을 확보했다.", "allocation"),
        ("리빌딩 사업으로 특별교부세 30억원이 지원된다.", "allocation"),
        # sought or given back, it stays what the model says
        ("군은 내년 국비 확보 목표를 290억원으로 세웠다.", "other"),
        ("부지가 없으면 도비 52억원을 반납해야 한다.", "other"),
    ],
)
def test_a_grant_won_is_an_allocation(text: str, role: str) -> None:
    [st] = extract_statements(text, published=DAY, model=_minded("other", "allocation"))
    assert st.role == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The council will hold reserves of £13 million.", "other"),
        ("The plan adds borrowing of £24.8m.", "other"),
        ("The council set aside £2 million for road repairs.", "allocation"),
        # the amount as the whole budget, not a department's
        ("The new budget is $412.5 million for all services.", "total"),
        ("The board approved a $96 million capital budget on Monday.", "total"),
        ("The Public Defender's Office budget is about $12 million.", "allocation"),
    ],
)
def test_english_shapes_that_settle_a_role(text: str, role: str) -> None:
    [st] = extract_statements(text, published=DAY, model=_minded("allocation", "other", lang="en"))
    assert st.role == role, st


@pytest.mark.parametrize(
    ("text", "amount", "role"),
    [
        ("The board approved a $96 million capital budget on Monday.", "$96 million", "total"),
        ("The council faces a $14 million budget shortfall next year.", "$14 million", None),  # a gap, no budget
        ("It is a $2 million budget increase.", "$2 million", None),
        # the amount is the change itself, unless it is a household's tax
        ("The parks fund is $9 million, a $2 million increase on last year.", "$2 million", "change"),
        ("The library gets $4 million, $1 million more than last year.", "$1 million", "change"),
        ("Homeowners will see an $87 increase on their tax bill.", "$87", None),
        # money put into something
        ("The budget includes $2.4 million to hire 20 new firefighters.", "$2.4 million", "allocation"),
        ("Cabinet gave approval to spend £3.1M for the new depot.", "£3.1M", "allocation"),
        # money asked for or left out
        ("A request of $3 million for a new skate park was not funded.", "$3 million", "other"),
        ("The library's bid for £450,000 was rejected by the cabinet.", "£450,000", "other"),
        ("The $2 million for road repairs was not included in the final plan.", "$2 million", "other"),
        ("The council set aside $2 million for road repairs that were not yet designed.", "$2 million", "allocation"),
        # money coming in
        ("The levy rise would raise about £8.5million a year.", "£8.5million", "other"),
        ("The new charge, generating an additional €16 million, was approved.", "€16 million", "other"),
    ],
)
def test_english_words_next_to_an_amount_settle_its_role(text: str, amount: str, role: str | None) -> None:
    start = text.index(amount)
    assert exact_role(text, start, start + len(amount), korean=False) == role


@pytest.mark.parametrize(
    ("text", "first", "second", "paired"),
    [
        ("가로등 예산을 30억원에서 12억원으로 줄였다.", "30억원", "12억원", True),
        ("급식비 28억→54억원 증액", "28억", "54억원", True),
        ("기금은 올해 3천160억원(추경)에서 3천308억원으로 늘었다.", "3천160억원", "3천308억원", True),
        ("The fund fell from £2 million to £1 million.", "£2 million", "£1 million", True),
        # a change from a base, not a move between two levels
        ("시가 제출한 13조원에서 213억원을 증액한 규모다.", "13조원", "213억원", False),
        ("기정예산 3천869억원에서 265억원 증액됐다.", "3천869억원", "265억원", False),
        ("It rose by $2 million to $9 million.", "$2 million", "$9 million", False),
    ],
)
def test_the_two_ends_of_a_move(text: str, first: str, second: str, paired: bool) -> None:
    a, b = text.index(first), text.index(second)
    korean = any("가" <= ch <= "힣" for ch in text)
    assert from_to_pair(text, (a, a + len(first)), (b, b + len(second)), korean) is paired


def test_a_moves_two_ends_share_one_role() -> None:
    """The start of a move leans to allocation, its end (alone) to total: together they are one thing."""
    model = _model({"ko:from_level": (3.0, 0.0, 0.0, 0.0), "ko:to_level": (0.0, 0.0, 0.0, 1.0)}, (0.0,) * 4)
    found = extract_statements("내년 예산을 30억원에서 12억원으로 줄였다.", published=DAY, model=model)
    assert [(s.amount.text, s.role) for s in found] == [("30억원", "allocation"), ("12억원", "allocation")]
    [alone] = extract_statements("내년 예산을 12억원으로 줄였다.", published=DAY, model=model)
    assert alone.role == "total"
