"""Grading of malformed responses: nothing sent in a POST can crash the grading, and a
right answer in the wrong shape scores zero."""

from dataclasses import replace

import pytest

from assessments.grading import grade_question
from assessments.questions import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    QUESTION_TYPES,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
)
from tests.assessments.grading_helpers import (
    ALL_RIGHT,
    ARTICLES,
    CAPITAL,
    DOCUMENTS,
    D,
    accept,
    fraction,
    numeric,
    question,
    right,
    short,
    wrong,
)

# None of these is an answer to any of the questions below, whatever its type.
MALFORMED = [
    None,
    "",
    "1",
    "1,2",
    True,
    False,
    1.0,
    2.0,
    99,
    -1,
    [99],
    [None, "1", True, 2.0, [1], {"1": 1}],
    [99] * 100_000,
    {"1": True},
    {1: "Article 14"},
    {"1": 14, "2": None, "3": ["Article 15"]},
    b"Paris",
    object(),
]
QUESTIONS = {
    SINGLE: CAPITAL,
    TRUE_FALSE: question(TRUE_FALSE, right("True"), wrong("False")),
    MULTIPLE: DOCUMENTS,
    SHORT_TEXT: short(right("Paris")),
    NUMERIC: numeric(accept("42")),
    MATCHING: ARTICLES,
}


@pytest.mark.parametrize("type_", QUESTION_TYPES)
@pytest.mark.parametrize("response", MALFORMED, ids=lambda r: type(r).__name__)
def test_malformed_response_scores_zero(type_, response):
    graded = grade_question(QUESTIONS[type_], response)

    assert (graded.fraction, graded.score, graded.is_correct) == (D("0"), D("0"), False)
    assert graded.feedback == []


@pytest.mark.parametrize(
    ("type_", "response"),
    [
        (SINGLE, "2"),
        (SINGLE, [2]),
        (SINGLE, {"2": True}),
        (SINGLE, 2.0),
        (MULTIPLE, "1,2,3"),
        (MULTIPLE, {"1": True, "2": True, "3": True}),
        (MULTIPLE, 1),
        (SHORT_TEXT, ["Paris"]),
        (SHORT_TEXT, {"answer": "Paris"}),
        (NUMERIC, ["42"]),
        (NUMERIC, {"value": "42"}),
        (NUMERIC, "42 km"),
        (MATCHING, list(ALL_RIGHT.items())),
        (MATCHING, str(ALL_RIGHT)),
    ],
)
def test_right_answer_in_the_wrong_shape_scores_zero(type_, response):
    assert fraction(QUESTIONS[type_], response) == D("0")


def test_true_is_not_read_as_choice_one():
    q = question(SINGLE, right("Yes"), wrong("No"))

    assert fraction(q, True) == D("0")
    assert fraction(replace(q, type=MULTIPLE), [True]) == D("0")


def test_unknown_question_type_is_a_bug_not_a_zero():
    with pytest.raises(ValueError, match="essay"):
        grade_question(question("essay"), "text")
