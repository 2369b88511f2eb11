"""Table tests of the project rules: what a statement is about, and when two names are one project."""

from __future__ import annotations

import pytest

from changes.naming import org_key, same_project_reason
from changes.orgs import refine_orgs
from changes.projects import StatementFacts, identify, is_difference, match_known, stage_of


def facts(
    subject: str | None, role: str, sentence: str = "", amount: str = "", stage: str | None = None
) -> StatementFacts:
    return StatementFacts(subject=subject, role=role, sentence=sentence, amount_text=amount, stage=stage)


@pytest.mark.parametrize(
    ("statement", "key", "why"),
    [
        (facts("내년 예산", "total", "나주시는 내년 예산을 1조3500억원으로 편성했다", "1조3500억원"), "__budget__", "본예산"),
        (facts("예산", "total", "제2회 추경 예산은 1조4천억원 규모다", "1조4천억원", "제2회 추경"), "__supplementary_2__", "supplementary"),
        (facts("추경", "total", "추경 규모는 900억원이다", "900억원"), "__supplementary_1__", "supplementary"),
        (facts("일반회계", "total", "일반회계는 1조1천억원이다", "1조1천억원"), "__budget_general__", "본예산"),
        (facts("결산", "total", "결산 세출은 1조2천억원이다", "1조2천억원"), "__settlement__", "결산"),
        # the lead says 추경, but this figure is the 본예산 it is compared with
        (facts(None, "total", "본예산 7조6천억원보다 3천억원 늘어난 7조9천억원의 제1회 추경안", "7조6천억원", "제1회 추경"),
         "__budget__", "본예산"),
        (facts(None, "total", "본예산 7조6천억원보다 3천억원 늘어난 7조9천억원의 제1회 추경안", "7조9천억원", "제1회 추경"),
         "__supplementary_1__", "supplementary"),
        (facts("인공지능(AI) 산업 육성 사업", "allocation"), "ai산업육성", "named project"),
        # the total after a 추경, compared with the 본예산: the 추경's, not the 본예산's
        (facts("올해 나주시 총예산", "total", "이번 추경이 통과되면 올해 나주시 총예산은 본예산보다 9.7% 늘어난 "
               "1조4,039억원이 된다.", "1조4,039억원", "추경"), "__supplementary_1__", "supplementary"),
    ],
)  # fmt: skip
def test_identity_of_a_statement(statement: StatementFacts, key: str, why: str) -> None:
    identity = identify(statement)
    assert identity.name is not None and identity.name.key == key
    assert why in identity.reason


@pytest.mark.parametrize(
    ("statement", "why"),
    [
        (facts("국비", "allocation", "국비 630억원을 확보했다", "630억원"), "kind of money"),
        (facts("내년 국비", "allocation", "내년 국비 9조2148억원을 확보", "9조2148억원"), "kind of money"),
        (facts("사업비", "allocation"), "kind of money"),
        (facts("일반회계", "total", "일반회계는 1108억원 늘어난 1조원", "1108억원"), "difference"),
        (facts("예산", "total", "전년 대비 780억원 증가했다", "780억원"), "difference"),
        (facts("예산", "change"), "role change"),
        (facts("관광객", "other"), "role other"),
        (facts(None, "allocation"), "no subject"),
    ],
)  # fmt: skip
def test_no_project_when_unsure(statement: StatementFacts, why: str) -> None:
    identity = identify(statement)
    assert identity.name is None and why in identity.reason


@pytest.mark.parametrize(
    ("sentence", "amount", "difference"),
    [
        ("예산은 1108억원 늘어난 1조3500억원이다", "1108억원", True),
        ("예산은 1108억원 늘어난 1조3500억원이다", "1조3500억원", False),
        ("예산을 1조원으로 늘렸다", "1조원", False),
        ("지난해보다 500억원 많은 규모", "500억원", True),
        ("전년 대비 500억원 증가", "500억원", True),
    ],
)
def test_difference_or_level(sentence: str, amount: str, difference: bool) -> None:
    assert is_difference(facts("예산", "total", sentence, amount)) is difference


@pytest.mark.parametrize(
    ("stage", "expected"),
    [(None, "본예산"), ("확정", "본예산"), ("예산안", "본예산"), ("추경", "추경 1"), ("제3회 추경", "추경 3")],
)
def test_stage_from_the_extractor(stage: str | None, expected: str) -> None:
    assert stage_of(facts(None, "total", "예산 1조원", "1조원", stage)) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("광주광역시", "광주시", True),
        ("광주광역시", "광주", True),
        ("광주 서구", "광주광역시", False),
        ("광주광역시 서구", "광주 서구", True),
        ("전라남도", "전남도", True),
        ("전라남도", "나주시", False),
        ("나주시", "나주", True),
        ("광주 서구", "광주 북구", False),
    ],
)
def test_organisation_keys(a: str, b: str, same: bool) -> None:
    assert (org_key(a) == org_key(b)) is same


@pytest.mark.parametrize(
    ("new", "known", "merged"),
    [
        ("ai그린뉴딜", "ai그린뉴딜", "same name"),
        ("빛가람에너지밸리조성", "빛가람에너지밸리", "similar"),
        ("도시철도2호선건설", "도시철도2호선건설공사", "similar"),
        ("도시철도2호선", "도시철도1호선", None),
        ("청년일자리", "노인일자리", None),
    ],
)
def test_two_names_one_project_with_reason(new: str, known: str, merged: str | None) -> None:
    reason = same_project_reason(new, known)
    assert (reason is None) if merged is None else (reason is not None and merged in reason)
    found = match_known(new, [(7, known)])
    assert (found is None) if merged is None else (found is not None and found[0] == 7)


@pytest.mark.parametrize(
    ("orgs", "sentences", "expected"),
    [
        (["광주"], ["광주 서구, 2027년도 예산 1조4710억원 편성"], ["광주 서구"]),
        (["광주광역시"], ["광주광역시 서구의 2027년 예산은 1조원이다"], ["광주 서구"]),
        (["광주", "광주"], ["광주 서구는 예산을 1조원으로 편성했다", "서구는 경로당 개선에 35억원을 투입한다"],
         ["광주 서구", "광주 서구"]),
        (["광주광역시"], ["광주광역시는 7조6823억원을 편성했다"], ["광주광역시"]),
        (["광주"], ["서구는 35억원을 투입한다"], ["광주"]),  # a district alone, never named with its city here
        ([None], ["예산 100억원"], ["광주광역시"]),  # no organisation read: the source's
        (["나주시"], ["나주시 인구 유입에 10억원"], ["나주시"]),
    ],
)  # fmt: skip
def test_statement_organisations(orgs: list[str | None], sentences: list[str], expected: list[str]) -> None:
    found = refine_orgs(orgs, sentences, "광주광역시")
    assert [org_key(o) for o in found] == [org_key(e) for e in expected]
