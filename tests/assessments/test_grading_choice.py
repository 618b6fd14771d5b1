"""Grading of choice questions: single choice, true/false and multiple choice, with
weights, partial credit or all-or-nothing, and the feedback shown."""

from dataclasses import replace

import pytest

from assessments.grading import grade_question
from assessments.questions import MULTIPLE, SINGLE, TRUE_FALSE
from tests.assessments.grading_helpers import (
    CAPITAL,
    DOCUMENTS,
    D,
    fraction,
    question,
    right,
    wrong,
)

# --- single and true/false -------------------------------------------------------------


@pytest.mark.parametrize(("response", "expected"), [(2, "1"), (1, "0"), (3, "0"), (None, "0")])
def test_single_scores_the_chosen_choice(response, expected):
    assert fraction(CAPITAL, response) == D(expected)


def test_single_right_answer_is_correct_and_shows_its_feedback():
    graded = grade_question(replace(CAPITAL, points=D("2")), 2)

    assert (graded.fraction, graded.score, graded.is_correct) == (D("1"), D("2.00"), True)
    assert graded.feedback == ["Yes, Paris."]


def test_single_wrong_answer_shows_the_wrong_choice_feedback():
    graded = grade_question(CAPITAL, 1)

    assert (graded.score, graded.is_correct) == (D("0"), False)
    assert graded.feedback == ["Lyon is the third city."]


@pytest.mark.parametrize(
    ("weight", "expected"), [("50", "0.5"), ("150", "1"), ("-50", "0"), ("0", "0")]
)
def test_single_weight_is_a_clamped_percentage(weight, expected):
    q = question(SINGLE, right("Exact"), wrong("Close", weight=D(weight)), points=D("4"))

    graded = grade_question(q, 2)

    assert graded.fraction == D(expected)
    assert graded.score == D(expected) * 4


@pytest.mark.parametrize(("response", "expected"), [(1, "1"), (2, "0"), (None, "0")])
def test_true_false(response, expected):
    q = question(TRUE_FALSE, right("True"), wrong("False"))

    assert fraction(q, response) == D(expected)


# --- multiple --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ([1, 2, 3], "1"),
        ([1, 2], "0.6667"),
        ([1], "0.3333"),
        ([1, 2, 4], "0.1667"),  # 2/3 - 1/2
        ([1, 2, 3, 4], "0.5"),
        ([1, 2, 3, 4, 5], "0"),  # ticking everything earns nothing
        ([1, 4, 5], "0"),  # 1/3 - 1, clamped
        ([4], "0"),
        ([], "0"),
        ([1, 1, 1], "0.3333"),  # a choice ticked twice counts once
        ((3, 2, 1), "1"),
    ],
)
def test_multiple_partial_credit_default_weights(response, expected):
    assert fraction(DOCUMENTS, response) == D(expected)


def test_multiple_partial_credit_shows_feedback_of_ticked_choices():
    assert grade_question(DOCUMENTS, [1, 4]).feedback == ["Not an identity document."]


WEIGHTED = question(
    MULTIPLE,
    right("A", weight=D("50")),
    right("B", weight=D("50")),
    wrong("C", weight=D("-100")),
    wrong("D", weight=D("-100")),
    partial_credit=True,
)


@pytest.mark.parametrize(
    ("response", "expected"),
    [([1, 2], "1"), ([1], "0.5"), ([1, 3], "0"), ([1, 2, 3], "0"), ([1, 2, 3, 4], "0")],
)
def test_multiple_partial_credit_explicit_weights(response, expected):
    assert fraction(WEIGHTED, response) == D(expected)


@pytest.mark.parametrize("partial_credit", [True, False])
def test_multiple_ticking_nothing_scores_zero_even_when_no_option_is_right(partial_credit):
    # A form with no box ticked sends nothing: it cannot be told apart from no answer.
    q = question(MULTIPLE, wrong("A"), wrong("B"), partial_credit=partial_credit)

    assert fraction(q, []) == D("0")


def test_multiple_partial_credit_is_clamped_to_one():
    q = question(MULTIPLE, right(weight=D("60")), right(weight=D("60")), partial_credit=True)

    assert fraction(q, [1, 2]) == D("1")


@pytest.mark.parametrize(
    ("response", "expected"),
    [([1, 2, 3], "1"), ([3, 1, 2], "1"), ([1, 2], "0"), ([1, 2, 3, 4], "0"), ([], "0")],
)
def test_multiple_all_or_nothing(response, expected):
    q = replace(DOCUMENTS, partial_credit=False)

    graded = grade_question(q, response)

    assert graded.fraction == D(expected)
    assert graded.is_correct is (expected == "1")
