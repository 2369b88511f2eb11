"""Table tests for the English subject shapes and the rules' English role (sentences written for
these tests; figures made up)."""

from __future__ import annotations

import pytest

from extract.statements.english_subjects import english_subject
from extract.statements.extractor import extract_statements
from extract.statements.rule_roles import role_en

# (sentence, amount text, the phrase the rules name)
SUBJECTS = [
    # a purpose after the amount
    ("The plan sets aside $4 million for playground repairs.", "$4 million", "playground repairs"),
    ("It includes $2 million to resurface the harbour road.", "$2 million", "resurface the harbour road"),
    ("Another $31,000 is needed to replace the library roof.", "$31,000", "replace the library roof"),
    ("Council found $12 million in unplanned savings.", "$12 million", "unplanned savings"),
    (
        "About $5.5 million in 2025 for bike lanes, crossings and footpaths.",
        "$5.5 million",
        "bike lanes, crossings and footpaths",
    ),
    ("$7.1 billion of that on the council's water pipes.", "$7.1 billion", "council's water pipes"),
    ("$640,000 is recommended for the repair of the town hall clock.", "$640,000", "repair of the town hall clock"),
    ("Councillors approved $3 million allocated for the county's transit fund.", "$3 million", "county's transit fund"),
    ("A total of €2,150,400 has been provided in Budget 2026 for library services.", "€2,150,400", "library services"),
    # a change measured against a base names the base
    ("It passed a €412 million budget, a €9 million increase on the previous budget.", "€9 million", "budget"),
    ("Parks spending rose, an increase of €2m on last year's budget.", "€2m", "budget"),
    # a whole budget as the subject of a copula beats the services it is for
    ("The new budget is $642.1 million for all county services.", "$642.1 million", "new budget"),
    # a named thing before "of"; a counting word sends the reader on
    ("The project needs a local match of $210,000.", "$210,000", "local match"),
    ("The council expects borrowing of £18.2m next year.", "£18.2m", "borrowing"),
    ("A total of $2.2 million in 2026 for storm drains.", "$2.2 million", "storm drains"),
    ("Recommend the addition of £12.4M to the Housing Capital programme.", "£12.4M", "Housing Capital programme"),
    ("The city got a partial award in the amount of $900,000.", "$900,000", "partial award"),
    # the subject of a copula or of a verb of size
    ("The general fund portion is $84.5 million.", "$84.5 million", "general fund portion"),
    # the thing spent on, as the labels name it ("Spending on external consultants has fallen")
    ("Spending on agency staff has fallen by more than £3 million.", "£3 million", "agency staff"),
    ("Parks will see a total increase of €2.4m.", "€2.4m", "Parks"),
    ("The proposed county budget is set to rise by almost €4.1 million.", "€4.1 million", "county budget"),
    # a move between levels names what moves
    ("Approve an increase to the harbour budget from £12.5m to £14.1m.", "£14.1m", "harbour budget"),
    ("Approve an increase to the harbour budget from £12.5m to £14.1m.", "£12.5m", "harbour budget"),
    # the amount as an adjective
    ("Council adopted a $48 million capital budget for 2026.", "$48 million", "capital budget"),
    ("The board approved a $62 million Capital Plan on Monday.", "$62 million", "Capital Plan"),
    ("The city faces a $31-million hole in its budget.", "$31-million", "hole"),
    # a second amount that measures the first's item
    ("Police will receive $98.3 million, an increase of $3.4 million.", "$3.4 million", "Police"),
    (
        "Funding for parks and recreation rose to $22.7 million from $20.9 million.",
        "$22.7 million",
        "parks and recreation",
    ),
    (
        "Funding for parks and recreation rose to $22.7 million from $20.9 million.",
        "$20.9 million",
        "parks and recreation",
    ),
    ("The sheriff's office gets $145 million, up from $139 million.", "$139 million", "sheriff's office"),
    # what money is cut from
    ("Supervisors cut $2.3 million from the planning department.", "$2.3 million", "planning department"),
    # a time after the amount's noun is not the item
    ("Highways maintenance will benefit from a £4.5m boost next year.", "£4.5m", "Highways maintenance"),
    # a size with a time after the phrase; "amounts to" is no move
    ("The city's budget for 2025 amounts to €1.3 billion.", "€1.3 billion", "city's budget"),
    # a heading and its figure
    ("• Coastal Paths Plan $400k (0.4%) • Urban Forest Programme $120k", "$120k", "Urban Forest Programme"),
]

NOTHING = [
    ("The council said $3 million.", "$3 million"),  # no phrase names what it is for
    ("It rose by about $2 million last year.", "$2 million"),
]


@pytest.mark.parametrize(("sentence", "amount", "expected"), SUBJECTS)
def test_english_subject(sentence: str, amount: str, expected: str) -> None:
    start = sentence.index(amount)
    found = english_subject(sentence, start, start + len(amount))
    assert found is not None
    assert found.text == expected
    assert sentence[found.start : found.end] == expected


@pytest.mark.parametrize(("sentence", "amount"), NOTHING)
def test_no_english_subject(sentence: str, amount: str) -> None:
    start = sentence.index(amount)
    assert english_subject(sentence, start, start + len(amount)) is None


# (sentence, amount text, the rules' role)
ROLES = [
    ("The gap is to be closed with another $12 million in unspecified cuts.", "$12 million", "change"),
    ("The council approved a $48 million budget.", "$48 million", "total"),
    ("The operating budget is $120 million.", "$120 million", "total"),
    ("The fire department's budget is $9 million.", "$9 million", "allocation"),
    ("The plan sets aside $4 million for playground repairs.", "$4 million", "allocation"),
    ("Spending on agency staff has fallen by more than £3 million.", "£3 million", "change"),
    ("Cutting the cost of office space is saving £1.2 million a year.", "£1.2 million", "change"),
    ("Parks get an additional $750,000 this year.", "$750,000", "change"),
    ("Council approved an $8 million increase for roads.", "$8 million", "change"),
    ("Recommend the addition of £12.4M to the Housing Capital programme.", "£12.4M", "change"),
    ("The city will upgrade $5 million of roads.", "$5 million", "allocation"),  # no "up" in "upgrade"
    ("Council plans to address $2m in repairs.", "$2m", "allocation"),  # no "add" in "address"
    ("Council expects borrowing of £18.2m next year.", "£18.2m", "other"),
    ("The levy will bring $4 million in new revenue.", "$4 million", "other"),
    ("Homeowners face a tax bill of $2,900.", "$2,900", "other"),
    ("The county's reserves stand at $30 million.", "$30 million", "other"),
    ("Approve an increase to the harbour budget from £12.5m to £14.1m.", "£14.1m", "total"),
]


@pytest.mark.parametrize(("sentence", "amount", "expected"), ROLES)
def test_english_rule_role(sentence: str, amount: str, expected: str) -> None:
    start = sentence.index(amount)
    end = start + len(amount)
    assert role_en(sentence, start, end, english_subject(sentence, start, end)) == expected


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("A $500,000 study of the county's jail needs was also funded.", "allocate"),  # "needs" is a noun
        ("Another $27,000 is needed for new signs.", "request"),
        ("The $40,000 passenger shelter was approved.", "approve"),  # no "pass" inside "passenger"
    ],
)
def test_english_action_is_a_whole_verb(sentence: str, action: str) -> None:
    [statement] = extract_statements(sentence, published=None, lang="en")
    assert statement.action == action


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("If the fund goes down to $4 million, the council will be in trouble.", "$4 million"),
        ("A late amendment brought it down to $2.5 million.", "$2.5 million"),
        ("The board agreed to take $900,000 out of the rainy-day account.", "$900,000"),
    ],
)
def test_a_verb_particle_starts_or_ends_no_subject(sentence: str, amount: str) -> None:
    [statement] = extract_statements(sentence, published=None, lang="en")
    assert statement.amount.text == amount
    words = (statement.subject or "").lower().split()
    assert not words or not ({words[0], words[-1]} & {"up", "down", "out", "off", "away"}), statement.subject


def test_spending_plan_after_the_amount_is_the_whole() -> None:
    [statement] = extract_statements("The board approved the $1.2 billion spending plan.", published=None, lang="en")
    assert statement.role == "total"


def test_a_chain_of_moves_reads_each_amount_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "from $1 million to $2 million to $3 million ...": a second amount takes the first's subject
    without following the first's own link, so the work grows with the amounts, not their square."""
    import extract.statements.english_subjects as module

    calls = 0
    original = module.english_subject

    def counted(text: str, start: int, end: int, follow_links: bool = True) -> object:
        nonlocal calls
        calls += 1
        return original(text, start, end, follow_links)

    monkeypatch.setattr(module, "english_subject", counted)
    amounts = 300
    text = "Parks funding went from " + " to ".join(f"${i} million" for i in range(1, amounts + 1)) + "."
    statements = extract_statements(text, published=None, lang="en", rules_only=True)
    assert len(statements) == amounts
    assert calls <= 2 * amounts
    assert [st.subject for st in statements[:2]] == ["Parks funding", "Parks funding"]
