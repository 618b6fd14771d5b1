"""Grading of numeric answers: reading numbers as learners type them (decimal commas,
thin spaces, Arabic-Indic digits), rejecting what is not a number, and tolerances."""

import pytest

from assessments.grading import grade_question, parse_number
from tests.assessments.grading_helpers import D, accept, fraction, numeric, wrong


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3.5", "3.5"),
        ("3,5", "3.5"),
        (" 1 000,5 ", "1000.5"),
        ("1\u00a0000,5", "1000.5"),  # non-breaking space
        ("1\u202f000.5", "1000.5"),  # narrow non-breaking space (French)
        ("1\u2009000", "1000"),  # thin space
        ("-2", "-2"),
        ("+2", "2"),
        ("\u22122", "-2"),  # minus sign
        ("٣٫٥", "3.5"),  # Arabic-Indic digits and decimal separator
        ("٣,٥", "3.5"),
        ("۱۲", "12"),
        (".5", "0.5"),
        ("3.", "3"),
        ("１２", "12"),  # full-width digits
        (7, "7"),
        (D("2.5"), "2.5"),
        (2.5, "2.5"),
    ],
)
def test_parse_number_reads(typed, expected):
    assert parse_number(typed) == D(expected)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "  ",
        "1,000.5",
        "1.2.3",
        "1,2,3",
        "abc",
        "3 apples",
        "1e5",
        "NaN",
        "Infinity",
        "--1",
        "1-",
        "0x10",
        "½",
        "٬",
        "1" * 200,
        None,
        True,
        [3],
        {"value": 3},
        float("nan"),
        float("inf"),
        D("NaN"),
        D("Infinity"),
    ],
)
def test_parse_number_rejects(typed):
    assert parse_number(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2.5", "1"),
        ("2", "1"),  # exactly value - tolerance
        ("3", "1"),  # exactly value + tolerance
        ("3,0", "1"),
        ("1.9999", "0"),
        ("3.0001", "0"),
        ("2,75", "1"),
        ("abc", "0"),
        ("", "0"),
    ],
)
def test_numeric_tolerance_bounds_are_inclusive(typed, expected):
    assert fraction(numeric(accept("2.5", "0.5")), typed) == D(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("-10", "1"), ("-10.25", "1"), ("-9.75", "1"), ("-10.2501", "0"), ("-9.7499", "0")],
)
def test_numeric_negative_values(typed, expected):
    assert fraction(numeric(accept("-10", "0.25")), typed) == D(expected)


@pytest.mark.parametrize(
    ("typed", "expected"), [("1", "1"), ("5", "1"), ("0.9999", "0"), ("5.0001", "0")]
)
def test_numeric_range_becomes_midpoint_and_tolerance(typed, expected):
    # GIFT's {#1..5} is stored as 3 ± 2.
    assert fraction(numeric(accept("3", "2")), typed) == D(expected)


@pytest.mark.parametrize(("typed", "expected"), [("42", "1"), ("42.000", "1"), ("42.0001", "0")])
def test_numeric_without_tolerance_is_exact(typed, expected):
    assert fraction(numeric(accept("42")), typed) == D(expected)


def test_numeric_takes_the_best_accepted_value():
    q = numeric(
        accept("3", feedback="Exactly."),
        accept("3", "1", weight=D("50"), feedback="Close."),
        wrong(numeric_value=D("30"), feedback="Check the unit."),
    )

    assert grade_question(q, "3").feedback == ["Exactly."]
    assert grade_question(q, "3,5").fraction == D("0.5")
    assert grade_question(q, "30") == grade_question(q, "٣٠")
    assert grade_question(q, "30").feedback == ["Check the unit."]
    assert grade_question(q, "30").fraction == D("0")


def test_numeric_unreadable_answer_has_no_feedback():
    graded = grade_question(numeric(accept("3")), "three")

    assert (graded.fraction, graded.feedback) == (D("0"), [])
