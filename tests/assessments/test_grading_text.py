"""Grading of short text answers: how typed text is normalised in any of the four working
languages (accents, case, Arabic letter forms and digits), exact matching, and the best
of several accepted answers."""

import pytest

from assessments.grading import grade_question, normalise_answer
from tests.assessments.grading_helpers import D, fraction, right, short, wrong


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
