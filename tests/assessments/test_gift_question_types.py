"""GIFT import, question by question type: single and multiple choice, true/false, short
answer, numeric and matching, with their weights and feedback. Pure functions: no
database."""

from decimal import Decimal

import pytest

from assessments.questions import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
    ChoiceData,
)
from tests.assessments.gift_helpers import parse_one

# Reading each question type


def test_single_choice_with_title_feedback_and_general_feedback():
    question = parse_one(
        "::Passports::Which document proves nationality? {\n"
        "  =Passport#Right: it is issued by the state.\n"
        "  ~Boarding pass#No: an airline issues it.\n"
        "  ~Hotel booking\n"
        "  ####Only states issue proof of nationality.\n"
        "}\n"
    )
    assert question.type == SINGLE
    assert question.title == "Passports"
    assert question.text == "Which document proves nationality?"
    assert question.general_feedback == "Only states issue proof of nationality."
    assert question.points == Decimal("1")
    assert question.partial_credit is False
    assert question.choices == [
        ChoiceData(text="Passport", is_correct=True, feedback="Right: it is issued by the state."),
        ChoiceData(text="Boarding pass", feedback="No: an airline issues it."),
        ChoiceData(text="Hotel booking"),
    ]


def test_single_choice_keeps_partial_weights_of_wrong_answers():
    question = parse_one("Best first step? {=Check the photo ~%50%Check the date ~Ask a colleague}")
    assert question.type == SINGLE
    assert [(c.is_correct, c.weight) for c in question.choices] == [
        (True, None),
        (False, Decimal("50")),
        (False, None),
    ]


def test_multiple_answers_are_written_with_weights():
    question = parse_one(
        "Which are travel documents? {~%50%Passport ~%50%Laissez-passer ~%-100%Library card}"
    )
    assert question.type == MULTIPLE
    assert question.partial_credit is True
    assert [(c.text, c.is_correct, c.weight) for c in question.choices] == [
        ("Passport", True, Decimal("50")),
        ("Laissez-passer", True, Decimal("50")),
        ("Library card", False, Decimal("-100")),
    ]


def test_thirds_that_add_up_to_nearly_100_are_accepted():
    question = parse_one("Pick the three. {~%33.333%a ~%33.333%b ~%33.333%c ~%-100%d}")
    assert question.type == MULTIPLE


@pytest.mark.parametrize(
    ("block", "truth"),
    [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False), ("{true}", True)],
)
def test_true_false_forms(block, truth):
    question = parse_one(f"Visas can be extended at the border. {block}")
    assert question.type == TRUE_FALSE
    assert question.text == "Visas can be extended at the border."
    assert [(c.text, c.is_correct) for c in question.choices] == [
        ("True", truth),
        ("False", not truth),
    ]


def test_true_false_feedback_goes_to_the_option_picked():
    # Moodle: the first feedback is for a wrong answer, the second for a right one.
    true_statement = parse_one("The sky is blue. {T#Look up.#Well observed.}")
    assert [c.feedback for c in true_statement.choices] == ["Well observed.", "Look up."]
    false_statement = parse_one("The sun is cold. {F#Touch it.#Indeed.}")
    assert [c.feedback for c in false_statement.choices] == ["Touch it.", "Indeed."]


def test_short_answer_accepts_every_equals_answer_with_partial_weights():
    question = parse_one("Two plus two equals {=four =4 =%50%quatre#In French, but fine.}.")
    assert question.type == SHORT_TEXT
    assert question.text == "Two plus two equals _____."
    assert question.normalise_text is True
    assert [(c.text, c.is_correct, c.weight, c.feedback) for c in question.choices] == [
        ("four", True, None, ""),
        ("4", True, None, ""),
        ("quatre", True, Decimal("50"), "In French, but fine."),
    ]


def test_short_answer_may_list_a_wrong_answer_with_zero_weight():
    question = parse_one("Capital of Australia? {=Canberra =%0%Sydney#A common mistake.}")
    assert [(c.is_correct, c.weight) for c in question.choices] == [
        (True, None),
        (False, Decimal("0")),
    ]


def test_numeric_value_with_margin_and_feedback():
    question = parse_one("Pi to two decimals? {#3.14:0.01#Good. ####Pi is about 3.14159.}")
    assert question.type == NUMERIC
    assert question.general_feedback == "Pi is about 3.14159."
    assert question.choices == [
        ChoiceData(
            is_correct=True,
            feedback="Good.",
            numeric_value=Decimal("3.14"),
            numeric_tolerance=Decimal("0.01"),
        )
    ]


def test_numeric_range_becomes_midpoint_and_half_width():
    choice = parse_one("A number from 1 to 4? {#1..4}").choices[0]
    assert (choice.numeric_value, choice.numeric_tolerance) == (Decimal("2.5"), Decimal("1.5"))


def test_numeric_exact_value_has_no_tolerance():
    choice = parse_one("When was the convention signed? {#1951}").choices[0]
    assert (choice.numeric_value, choice.numeric_tolerance) == (Decimal("1951"), Decimal("0"))


def test_several_numeric_answers_with_weights():
    question = parse_one("Pi? {# =%100%3.14:0.01 =%50%3.1:0.1#Close enough.}")
    assert [
        (c.numeric_value, c.numeric_tolerance, c.weight, c.is_correct) for c in question.choices
    ] == [
        (Decimal("3.14"), Decimal("0.01"), Decimal("100"), True),
        (Decimal("3.1"), Decimal("0.1"), Decimal("50"), False),
    ]
    assert question.choices[1].feedback == "Close enough."


def test_negative_numeric_range():
    choice = parse_one("Coldest? {#-5..-1}").choices[0]
    assert (choice.numeric_value, choice.numeric_tolerance) == (Decimal("-3"), Decimal("2"))


def test_matching_pairs():
    question = parse_one(
        "Match the countries with their capitals. {\n"
        "  =Canada -> Ottawa\n"
        "  =Italy -> Rome\n"
        "  =Japan -> Tokyo\n"
        "}"
    )
    assert question.type == MATCHING
    assert question.partial_credit is True
    assert question.choices == [
        ChoiceData(text="Canada", match_text="Ottawa", is_correct=True),
        ChoiceData(text="Italy", match_text="Rome", is_correct=True),
        ChoiceData(text="Japan", match_text="Tokyo", is_correct=True),
    ]


def test_arrows_in_a_choice_question_are_text():
    question = parse_one("How do you save? {=File -> Save#Yes -> done ~Edit -> Copy}")
    assert question.type == SINGLE
    assert [c.text for c in question.choices] == ["File -> Save", "Edit -> Copy"]
    assert question.choices[0].feedback == "Yes -> done"
