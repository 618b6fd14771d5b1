"""Grading of matching questions: partial credit per pair or all-or-nothing."""

from dataclasses import replace

import pytest

from assessments.questions import MATCHING
from tests.assessments.grading_helpers import ALL_RIGHT, ARTICLES, D, fraction, question, right


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
