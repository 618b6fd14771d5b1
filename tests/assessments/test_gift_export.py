"""GIFT export: the file written for a bank of questions. Pure functions: no database."""

from decimal import Decimal

from assessments.gift import export_gift
from assessments.questions import MULTIPLE, NUMERIC, SINGLE, TRUE_FALSE, ChoiceData, QuestionData
from tests.assessments.gift_helpers import parse_one

# Writing GIFT


def test_export_writes_readable_gift():
    questions = [
        QuestionData(
            type=SINGLE,
            title="Passports",
            text="Which document proves nationality?",
            category="Documents",
            choices=[
                ChoiceData(text="Passport", is_correct=True, feedback="Right."),
                ChoiceData(text="Ticket", weight=Decimal("-50")),
            ],
            general_feedback="Only states issue them.",
        ),
        QuestionData(
            type=TRUE_FALSE,
            text="Visas expire.",
            category="Documents",
            choices=[
                ChoiceData(text="True", is_correct=True),
                ChoiceData(text="False"),
            ],
        ),
        QuestionData(
            type=NUMERIC,
            text="Pi?",
            choices=[
                ChoiceData(
                    is_correct=True,
                    numeric_value=Decimal("3.14"),
                    numeric_tolerance=Decimal("0.01"),
                ),
            ],
        ),
    ]
    assert export_gift(questions) == (
        "$CATEGORY: Documents\n"
        "\n"
        "::Passports::Which document proves nationality? {\n"
        "\t=Passport#Right.\n"
        "\t~%-50%Ticket\n"
        "\t####Only states issue them.\n"
        "}\n"
        "\n"
        "Visas expire. {T}\n"
        "\n"
        "$CATEGORY: $course$/top\n"
        "\n"
        "Pi? {#3.14:0.01}\n"
        "\n"
    )


def test_export_of_nothing_is_empty():
    assert export_gift([]) == ""


def test_export_gives_unweighted_right_answers_of_a_multiple_question_equal_shares():
    question = QuestionData(
        type=MULTIPLE,
        text="Which?",
        partial_credit=True,
        choices=[
            ChoiceData(text="a", is_correct=True),
            ChoiceData(text="b", is_correct=True),
            ChoiceData(text="c", is_correct=True),
            ChoiceData(text="d"),
        ],
    )
    exported = export_gift([question])
    assert "~%33.33333%a" in exported
    back = parse_one(exported)
    assert back.type == MULTIPLE
    assert [c.is_correct for c in back.choices] == [True, True, True, False]
