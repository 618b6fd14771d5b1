"""Shared builders and sample questions for the grading tests. A question is built as an
attempt freezes it, its choices numbered 1, 2, 3... in order."""

from dataclasses import replace
from decimal import Decimal

from assessments.grading import grade_question
from assessments.questions import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE,
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


CAPITAL = question(
    SINGLE,
    wrong("Lyon", feedback="Lyon is the third city."),
    right("Paris", feedback="Yes, Paris."),
    wrong("Marseille"),
)


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


def short(*choices, **fields):
    return question(SHORT_TEXT, *choices, **fields)


def numeric(*choices):
    return question(NUMERIC, *choices)


def accept(value, tolerance="0", **fields):
    return right(numeric_value=D(value), numeric_tolerance=D(tolerance), **fields)


ARTICLES = question(
    MATCHING,
    right("Right to seek asylum", match_text="Article 14"),
    right("Freedom of movement", match_text="Article 13"),
    right("Right to a nationality", match_text="Article 15"),
    ChoiceData(text="", match_text="Article 99"),  # a distractor on the right only
    partial_credit=True,
)
ALL_RIGHT = {"1": "Article 14", "2": "Article 13", "3": "Article 15"}
