"""Quizzes built through the same path trainers use for imports: plain question data
turned into StreamField blocks, saved with a revision, then published (live) as if a lead
trainer had approved them; ``live=False`` leaves the quiz a draft."""

from decimal import Decimal

from assessments import questions as q
from assessments.frozen import model_answers
from assessments.models import Quiz
from assessments.services import quiz_import_questions, quiz_publish


def single(
    text="Which document proves nationality?",
    right="Passport",
    wrong=("Boarding pass", "Hotel booking"),
    points=1,
):
    return q.QuestionData(
        type=q.SINGLE,
        text=text,
        points=Decimal(points),
        choices=[q.ChoiceData(text=right, is_correct=True, feedback="Yes.")]
        + [q.ChoiceData(text=w, feedback="No.") for w in wrong],
    )


def multiple(
    text="Which documents are travel documents?",
    right=("Passport", "Refugee travel document"),
    wrong=("Boarding pass", "Hotel booking"),
    points=1,
):
    return q.QuestionData(
        type=q.MULTIPLE,
        text=text,
        points=Decimal(points),
        choices=[q.ChoiceData(text=r, is_correct=True, feedback="Yes.") for r in right]
        + [q.ChoiceData(text=w, feedback="No.") for w in wrong],
    )


def short_text(text="Name the ICAO document on travel documents.", answers=("Doc 9303",)):
    return q.QuestionData(
        type=q.SHORT_TEXT,
        text=text,
        choices=[q.ChoiceData(text=a, is_correct=True) for a in answers],
    )


def numeric(text="How many lines has a passport MRZ?", value="2", tolerance="0"):
    return q.QuestionData(
        type=q.NUMERIC,
        text=text,
        choices=[
            q.ChoiceData(
                is_correct=True, numeric_value=Decimal(value), numeric_tolerance=Decimal(tolerance)
            )
        ],
    )


def make_quiz(*, module=None, course=None, questions=None, count=3, live=True, **settings) -> Quiz:
    questions = (
        questions
        if questions is not None
        else [single(text=f"Question {i + 1}?") for i in range(count)]
    )
    quiz = Quiz(
        title=settings.pop("title", "Module quiz"), module=module, course=course, **settings
    )
    if not questions:  # an empty quiz, as a trainer's first save makes one
        quiz.live = False
        quiz.full_clean()
        quiz.save()
        quiz.save_revision()
    else:
        quiz = quiz_import_questions(questions=questions, quiz=quiz)
    return quiz_publish(quiz=quiz) if live else quiz


def right_answers(attempt) -> dict:
    """The responses that score full marks on an attempt's frozen questions."""
    return model_answers(attempt.frozen)


def wrong_answers(attempt) -> dict:
    responses = {}
    for item in attempt.frozen["questions"]:
        wrong = [c for c in item["choices"] if not c["is_correct"]]
        answer = wrong[0]["id"] if wrong else "no idea"
        responses[str(item["id"])] = [answer] if item["type"] == q.MULTIPLE else answer
    return responses
