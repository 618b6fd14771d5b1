"""Grading of quiz answers: what a learner scores for what they typed or ticked, in any of
the four working languages, and that nothing sent in a POST can crash the grading."""

from dataclasses import replace
from decimal import Decimal

import pytest

from assessments.grading import grade_attempt, grade_question, normalise_answer, parse_number
from assessments.questions import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    QUESTION_TYPES,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
    ChoiceData,
    QuestionData,
)

D = Decimal


def question(type_, *choices, qid=1, **fields):
    """A question as an attempt freezes it: choices numbered 1, 2, 3... in order."""
    numbered = [replace(choice, id=n) for n, choice in enumerate(choices, start=1)]
    return QuestionData(type=type_, text="?", choices=numbered, id=qid, **fields)


def right(text="", **fields):
    return ChoiceData(text=text, is_correct=True, **fields)


def wrong(text="", **fields):
    return ChoiceData(text=text, is_correct=False, **fields)


def fraction(q, response):
    return grade_question(q, response).fraction


# --- single and true/false -------------------------------------------------------------

CAPITAL = question(
    SINGLE,
    wrong("Lyon", feedback="Lyon is the third city."),
    right("Paris", feedback="Yes, Paris."),
    wrong("Marseille"),
)


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

# Which documents prove identity? Three of the five are right.
DOCUMENTS = question(
    MULTIPLE,
    right("Passport"),
    right("National ID card"),
    right("Travel document"),
    wrong("Library card", feedback="Not an identity document."),
    wrong("Boarding pass"),
    partial_credit=True,
)


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


# --- short text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  PARIS ", "paris"),
        ("Éducation", "education"),
        ("Ñandú", "nandu"),
        ("Asilo político", "asilo politico"),
        ("demande   d'asile", "demande d'asile"),
        ("Straße", "strasse"),
        ("مُهاجِر", "مهاجر"),  # harakat
        ("إقامة", "اقامة"),  # alef with hamza below
        ("أمن", "امن"),
        ("آمن", "امن"),
        ("ٱلحدود", "الحدود"),  # alef wasla
        ("مهـــاجر", "مهاجر"),  # tatweel
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("١٢٣", "123"),
        ("۱۲۳", "123"),
        ("\u200fلاجئ\u200f", "لاجي"),  # RTL marks dropped; the hamza seat folds to ya
        ("ﻻجئ", "لاجي"),  # presentation-form ligature
    ],
)
def test_normalise_answer(typed, expected):
    assert normalise_answer(typed) == expected


def short(*choices, **fields):
    return question(SHORT_TEXT, *choices, **fields)


@pytest.mark.parametrize(
    ("accepted", "typed"),
    [
        ("Paris", "  PARIS "),
        ("education", "Éducation"),
        ("asilo politico", "Asilo político"),
        ("مهاجر", "مُهاجِر"),
        ("اقامة", "إقامة"),
        ("مهاجر", "مهـــاجر"),
        ("123", "١٢٣"),
    ],
)
def test_short_text_matches_after_normalising(accepted, typed):
    assert fraction(short(right(accepted)), typed) == D("1")


@pytest.mark.parametrize(
    ("accepted", "typed", "expected"),
    [
        ("Éducation", "  Éducation ", "1"),
        ("Éducation", "E\u0301ducation", "1"),  # the same letter, decomposed
        ("Éducation", "education", "0"),
        ("Éducation", "éducation", "0"),
        ("Paris", "paris", "0"),
    ],
)
def test_short_text_exact_is_case_and_accent_sensitive(accepted, typed, expected):
    q = short(right(accepted), normalise_text=False)

    assert fraction(q, typed) == D(expected)


@pytest.mark.parametrize(("typed", "expected"), [("¨", "1"), ("ً", "1"), ("a", "0"), ("", "0")])
def test_short_text_answer_that_folding_would_empty_is_compared_exactly(typed, expected):
    # A lone diaeresis, a lone Arabic vowel mark: folded, nothing would be left to match.
    q = short(right("¨"), right("ً"))

    assert fraction(q, typed) == D(expected)


def test_short_text_wrong_answer_scores_zero():
    assert fraction(short(right("Paris")), "Lyon") == D("0")


def test_short_text_recognised_wrong_answer_gives_its_feedback():
    q = short(right("Paris"), wrong("Lyon", feedback="Lyon is not the capital."))

    graded = grade_question(q, "lyon")

    assert (graded.fraction, graded.feedback) == (D("0"), ["Lyon is not the capital."])


def test_short_text_takes_the_best_matching_answer():
    q = short(right("asylum", weight=D("50")), right("Asylum", feedback="Full marks."))

    graded = grade_question(q, "ASYLUM")

    assert (graded.fraction, graded.feedback) == (D("1"), ["Full marks."])


@pytest.mark.parametrize("typed", ["", "   ", "\u00a0\t\n"])
def test_short_text_empty_scores_zero(typed):
    # Even when an imported question carries a blank accepted answer.
    assert fraction(short(right("Paris"), right(" ")), typed) == D("0")


# --- numeric ---------------------------------------------------------------------------


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


def numeric(*choices):
    return question(NUMERIC, *choices)


def accept(value, tolerance="0", **fields):
    return right(numeric_value=D(value), numeric_tolerance=D(tolerance), **fields)


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


# --- matching --------------------------------------------------------------------------

ARTICLES = question(
    MATCHING,
    right("Right to seek asylum", match_text="Article 14"),
    right("Freedom of movement", match_text="Article 13"),
    right("Right to a nationality", match_text="Article 15"),
    ChoiceData(text="", match_text="Article 99"),  # a distractor on the right only
    partial_credit=True,
)
ALL_RIGHT = {"1": "Article 14", "2": "Article 13", "3": "Article 15"}


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (ALL_RIGHT, "1"),
        (ALL_RIGHT | {"3": "Article 99"}, "0.6667"),
        (ALL_RIGHT | {"2": "Article 14", "3": "Article 14"}, "0.3333"),
        ({"1": "Article 14"}, "0.3333"),
        (ALL_RIGHT | {"99": "Article 13", "4": "Article 99"}, "1"),  # unknown ids ignored
        ({}, "0"),
    ],
)
def test_matching_partial_credit(response, expected):
    assert fraction(ARTICLES, response) == D(expected)


@pytest.mark.parametrize(
    ("response", "expected"),
    [(ALL_RIGHT, "1"), (ALL_RIGHT | {"3": "Article 99"}, "0"), ({"1": "Article 14"}, "0")],
)
def test_matching_all_or_nothing(response, expected):
    assert fraction(replace(ARTICLES, partial_credit=False), response) == D(expected)


def test_matching_two_items_may_share_a_right_hand_text():
    q = question(
        MATCHING,
        right("Passport", match_text="Identity document"),
        right("National ID card", match_text="Identity document"),
        right("Visa", match_text="Entry permit"),
    )

    response = {"1": "Identity document", "2": "Identity document", "3": "Entry permit"}

    assert fraction(q, response) == D("1")


# --- a whole attempt -------------------------------------------------------------------


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


# --- malformed responses ---------------------------------------------------------------

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
