"""Grading of a whole attempt: total score, percentage and pass mark."""

from dataclasses import replace

import pytest

from assessments.grading import grade_attempt
from tests.assessments.grading_helpers import CAPITAL, DOCUMENTS, D, right, short


def attempt_questions():
    return [
        replace(CAPITAL, id=10, points=D("1")),
        replace(DOCUMENTS, id=11, points=D("3")),
        replace(short(right("Paris")), id=12, points=D("2")),
    ]


def test_attempt_totals_scores_and_percent():
    grade = grade_attempt(
        attempt_questions(), {"10": 2, "11": [1, 2], "12": "paris"}, pass_mark=D("80")
    )

    # 1 + 3 * 2/3 + 2 = 5 of 6
    assert (grade.score, grade.max_score, grade.percent) == (D("5.00"), D("6.00"), D("83.33"))
    assert grade.passed
    assert grade.answers["11"].score == D("2.00")


@pytest.mark.parametrize(("pass_mark", "passed"), [("50", True), ("50.00", True), ("50.01", False)])
def test_attempt_passes_exactly_at_the_pass_mark(pass_mark, passed):
    # 1 + 0 + 2 = 3 of 6 = 50%
    grade = grade_attempt(attempt_questions(), {"10": 2, "11": [4], "12": "Paris"}, D(pass_mark))

    assert grade.percent == D("50.00")
    assert grade.passed is passed


def test_attempt_missing_response_scores_zero():
    grade = grade_attempt(attempt_questions(), {"10": 2}, pass_mark=D("50"))

    assert set(grade.answers) == {"10", "11", "12"}
    assert grade.answers["12"].fraction == D("0")
    assert grade.answers["12"].is_correct is False
    assert (grade.score, grade.percent, grade.passed) == (D("1.00"), D("16.67"), False)


def test_attempt_with_no_response_at_all():
    grade = grade_attempt(attempt_questions(), {}, pass_mark=D("50"))

    assert (grade.score, grade.percent, grade.passed) == (D("0.00"), D("0.00"), False)
