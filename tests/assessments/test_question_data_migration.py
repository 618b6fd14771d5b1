"""Migration 0006: short-text answers lose their "Correct" tick; a ticked-off answer with no
credit (a recognised wrong answer) becomes 0% credit. Quizzes and revisions saved before it
grade, review and export to GIFT exactly as they did."""

import importlib
import json
from decimal import Decimal

import pytest
from django.apps import apps

from assessments.gift import export_gift
from assessments.grading import grade_question
from assessments.models import Quiz

pytestmark = pytest.mark.django_db

migration = importlib.import_module("assessments.migrations.0006_compact_question_editor")

# A short-text question as the old editor stored it: list items in both of the ListBlock's
# shapes, one accepted answer, one wrong answer kept for its feedback, one half answer.
OLD_SHORT_TEXT = {
    "type": "short_text",
    "id": "q-short",
    "value": {
        "text": "Which ICAO document covers passports?",
        "points": "1",
        "category": "",
        "general_feedback": "",
        "normalise_text": True,
        "options": [
            {
                "type": "item",
                "id": "a1",
                "value": {"text": "Doc 9303", "is_correct": True, "weight": None, "feedback": ""},
            },
            {
                "type": "item",
                "id": "a2",
                "value": {
                    "text": "Annex 9",
                    "is_correct": False,
                    "weight": None,
                    "feedback": "Annex 9 is about facilitation.",
                },
            },
            {
                "type": "item",
                "id": "a3",
                "value": {"text": "9303", "is_correct": True, "weight": "50", "feedback": ""},
            },
        ],
    },
}
OLD_SINGLE = {
    "type": "single_choice",
    "id": "q-single",
    "value": {
        "text": "Which document proves nationality?",
        "points": "1",
        "category": "",
        "general_feedback": "",
        "options": [
            {"text": "Passport", "is_correct": True, "weight": None, "feedback": ""},
            {"text": "Boarding pass", "is_correct": False, "weight": None, "feedback": ""},
        ],
    },
}
# GIFT of the old data, as the exporter wrote it before the migration.
GIFT_BEFORE = (
    "Which ICAO document covers passports? {\n"
    "\t=Doc 9303\n"
    "\t=%0%Annex 9#Annex 9 is about facilitation.\n"
    "\t=%50%9303\n"
    "}"
)


@pytest.fixture
def old_quiz():
    quiz = Quiz.objects.create(title="Saved before", questions=[OLD_SHORT_TEXT, OLD_SINGLE])
    quiz.save_revision()
    return quiz


def _grades(quiz) -> dict:
    [(_key, question), _single] = quiz.question_data()
    for number, choice in enumerate(question.choices):
        choice.id = number
    return {
        response: (graded.fraction, graded.feedback)
        for response in ("doc 9303", "Annex 9", "9303", "something else")
        for graded in [grade_question(question, response)]
    }


def test_old_short_text_answers_grade_and_export_as_before(old_quiz):
    migration.forwards(apps, None)
    old_quiz.refresh_from_db()

    assert _grades(old_quiz) == {
        "doc 9303": (Decimal("1"), []),
        "Annex 9": (Decimal("0"), ["Annex 9 is about facilitation."]),
        "9303": (Decimal("0.5"), []),
        "something else": (Decimal("0"), []),
    }
    [(_key, question), _single] = old_quiz.question_data()
    assert [c.is_correct for c in question.choices] == [True, False, True]
    assert GIFT_BEFORE in export_gift([question])


def test_the_migration_rewrites_the_quiz_and_its_revisions_and_nothing_else(old_quiz):
    migration.forwards(apps, None)
    old_quiz.refresh_from_db()

    for stream in (
        old_quiz.questions.raw_data,
        json.loads(old_quiz.latest_revision.content["questions"]),
    ):
        short, single = list(stream)
        answers = [item["value"] for item in short["value"]["options"]]
        assert [("is_correct" in a, a["weight"]) for a in answers] == [
            (False, None),
            (False, "0"),
            (False, "50"),
        ]
        assert single["value"]["options"] == OLD_SINGLE["value"]["options"]


def test_going_back_restores_the_ticks(old_quiz):
    migration.forwards(apps, None)
    migration.backwards(apps, None)
    old_quiz.refresh_from_db()

    short, _single = list(old_quiz.questions.raw_data)
    assert [item["value"]["is_correct"] for item in short["value"]["options"]] == [
        True,
        False,
        True,
    ]


def test_a_quiz_with_no_questions_is_left_alone():
    quiz = Quiz.objects.create(title="Empty bank", questions=[])

    migration.forwards(apps, None)

    quiz.refresh_from_db()
    assert list(quiz.questions.raw_data) == []
