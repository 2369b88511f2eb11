"""Which organisation a clause is about, followed through an article: its topic, a bare "시는"
pointing back, or the previous sentence's topic, before the article's own.

Sentences written for this test.
"""

from __future__ import annotations

import datetime

import pytest

from extract.statements.extractor import extract_statements

DAY = datetime.date(2031, 11, 20)


@pytest.mark.parametrize(
    ("text", "amount", "org"),
    [
        # a sentence that names none goes on with the previous sentence's topic
        (
            "광주시는 내년 예산을 7조원으로 편성했다. 전남도는 9조원을 편성했다. 이는 올해보다 3천억원 늘어난 규모다.",
            "3천억원",
            "전라남도",
        ),
        # a bare "시는" is the city last named, not the province named in between
        (
            "광주시는 AI 산업에 500억원을 편성했다. 전남도도 농업에 300억원을 쓴다. 시는 또 도로에 200억원을 투입한다.",
            "200억원",
            "광주광역시",
        ),
        # a bare "시는" beats an organisation the clause only works with
        ("시는 전남도와 협력해 300억원을 투입한다.", "300억원", "나주시"),
        ("전남도와 협력해 300억원을 투입한다.", "300억원", "전라남도"),
        # the clause's own topic
        ("나주시는 1천억원을, 순천시는 800억원을 편성했다.", "800억원", "순천시"),
        # nothing named in the sentence or the one before: the article's organisation
        ("올해 행사가 열렸다. 도로 정비에 20억원을 쓴다.", "20억원", "나주시"),
        # what the organisation owns is the topic ("순천시의 내년 예산이"): the next sentence goes on with it
        (
            "광주시는 7조원을 편성했다. 순천시의 내년 예산이 1조5천억원으로 확정됐다. 이는 1200억원 증가한 금액이다.",
            "1200억원",
            "순천시",
        ),
        # a bare "시교육청" is the education office of the city last named, not the city
        ("인천시의 올해 예산은 9조원이다. 시교육청 추경안의 증액규모는 1093억원이다.", "1093억원", "인천광역시교육청"),
        ("경북도의 예산은 7조원이다. 도교육청 소관 예산안의 규모는 4조원이다.", "4조원", "경상북도교육청"),
        # "도" ("also") after a name marks it as the topic too
        ("여수시는 1조원을 편성했다. 전남도교육청도 이날 4조6천억원을 편성했다.", "4조6천억원", "전라남도교육청"),
        ("광주시는 7조원을 편성했다. 경상북도도 이날 11조원을 편성했다.", "11조원", "경상북도"),
        # an organisation the money is for, in a purpose clause, is not the one whose money it is
        (
            "충북도는 7조원의 추경안을 냈다. 이밖에 시·군과 도교육청 재정 보강을 위해 조정교부금 402억원을 편성했다.",
            "402억원",
            "충청북도",
        ),
        # a headline marks each organisation by the figure right after it
        ("시 9조5188억원·시교육청 3조6759억원 … 인천 추경 확정", "9조5188억원", "인천광역시"),
        ("인천시 9조5188억원·시교육청 3조6759억원 … 추경 확정", "3조6759억원", "인천광역시교육청"),
        ("광주시 7조원·전남도 9조원 … 내년 예산 확정", "9조원", "전라남도"),
    ],
)
def test_org_in_force(text: str, amount: str, org: str) -> None:
    found = {st.amount.text: st for st in extract_statements(text, published=DAY, org="나주시")}
    assert found[amount].org == org


def test_an_english_sentence_opening_the_is_no_part_of_the_name() -> None:
    text = "The Springfield City Council adopted a $412 million budget on Tuesday."
    [st] = extract_statements(text, published=DAY)
    assert st.org == "Springfield City Council"


def test_an_english_sentence_goes_on_with_the_council_named_before_it() -> None:
    text = (
        "Hillview City Council approved its $90 million budget. "
        "Meanwhile, Ashford County Council has approved a £1.4bn budget. "
        "Adult social care will get an extra £42m next year."
    )
    found = {st.amount.text: st for st in extract_statements(text, published=DAY, lang="en")}
    assert found["$90 million"].org == "Hillview City Council"
    assert found["£42m"].org == "Ashford County Council"


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Toronto city council approved a $16.2-billion operating budget.", "Toronto City Council"),
        ("Winnipeg's city council approved a $1.5 billion budget.", "Winnipeg City Council"),
        (
            "The Los Angeles County Board of Supervisors approved a $43.5 billion budget.",
            "Los Angeles County Board of Supervisors",
        ),
        ("Riverside County supervisors approved $8 million for the sheriff.", "Riverside County"),
        ("In Orange County, $5 million goes to parks.", "Orange County"),
        ("Brighton & Hove City Council approved £1.1bn.", "Brighton & Hove City Council"),
        ("The Town of Oakville approved $5 million for trails.", "Town of Oakville"),
    ],
)
def test_english_organisation_names(text: str, org: str) -> None:
    [st] = extract_statements(text, published=DAY, lang="en")
    assert st.org == org
