"""Taking a quiz through the services: start, save, submit, deadlines, limits, history,
and the step it completes in the course."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import Attempt, AttemptAnswer
from assessments.services import (
    AttemptError,
    attempt_save_answers,
    attempt_start,
    attempt_submit,
    attempts_submit_expired,
    quiz_import_questions,
)
from courses.models import Enrollment, ModulePage, StepCompletion
from courses.selectors import course_outline, dashboard_rows
from courses.services import enrollment_create, lesson_complete
from tests.factories.assessments import make_quiz, right_answers, single, wrong_answers
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_with_quiz(learner):
    course = make_course(modules=1, lessons=1)
    module = ModulePage.objects.child_of(course).get()
    quiz = make_quiz(module=module, count=4, pass_mark=75, max_attempts=2)
    enrollment_create(user=learner, course=course)
    return course, quiz


def test_the_module_quiz_is_a_step_of_the_course(course_with_quiz):
    course, quiz = course_with_quiz

    steps = course_outline(course).steps

    assert [step.kind for step in steps] == ["lesson", "quiz"]
    assert steps[-1].key == f"quiz:{quiz.pk}"


def test_an_unenrolled_learner_cannot_start(other_learner, course_with_quiz):
    _, quiz = course_with_quiz

    with pytest.raises(AttemptError, match="Enrol"):
        attempt_start(user=other_learner, quiz=quiz)

    assert not Attempt.objects.exists()


def test_starting_freezes_the_questions_and_pass_mark(learner, course_with_quiz):
    _, quiz = course_with_quiz

    attempt = attempt_start(user=learner, quiz=quiz)

    assert attempt.number == 1
    assert attempt.frozen["pass_mark"] == 75
    assert len(attempt.frozen["questions"]) == 4
    assert attempt.max_score == 4


def test_starting_twice_resumes_the_open_attempt(learner, course_with_quiz):
    _, quiz = course_with_quiz

    first = attempt_start(user=learner, quiz=quiz)
    again = attempt_start(user=learner, quiz=quiz)

    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_passing_completes_the_step_and_then_the_course(
    learner, course_with_quiz, django_capture_on_commit_callbacks
):
    course, quiz = course_with_quiz
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    attempt = attempt_start(user=learner, quiz=quiz)

    with django_capture_on_commit_callbacks(execute=True):
        result = attempt_submit(attempt=attempt, responses=right_answers(attempt))

    assert (result.passed, result.percent, result.score) == (True, 100, 4)
    assert StepCompletion.objects.filter(step_key=f"quiz:{quiz.pk}").exists()
    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED


def test_failing_leaves_the_step_open_and_counts_an_attempt(
    learner, course_with_quiz, django_capture_on_commit_callbacks
):
    _, quiz = course_with_quiz
    attempt = attempt_start(user=learner, quiz=quiz)

    with django_capture_on_commit_callbacks(execute=True):
        result = attempt_submit(attempt=attempt, responses=wrong_answers(attempt))

    assert (result.passed, result.percent) == (False, 0)
    assert not StepCompletion.objects.filter(step_key=f"quiz:{quiz.pk}").exists()
    [row] = dashboard_rows(user=learner)
    assert row.progress.total == 2 and row.progress.done == 0


def test_the_attempt_limit_holds(learner, course_with_quiz):
    _, quiz = course_with_quiz
    for _ in range(2):
        attempt = attempt_start(user=learner, quiz=quiz)
        attempt_submit(attempt=attempt, responses=wrong_answers(attempt))

    with pytest.raises(AttemptError, match="used all your attempts"):
        attempt_start(user=learner, quiz=quiz)

    assert Attempt.objects.count() == 2


def test_submitting_twice_grades_once(learner, course_with_quiz):
    _, quiz = course_with_quiz
    attempt = attempt_start(user=learner, quiz=quiz)
    first = attempt_submit(attempt=attempt, responses=right_answers(attempt))

    second = attempt_submit(attempt=attempt, responses=wrong_answers(attempt))

    assert second.percent == first.percent == 100
    assert second.submitted_at == first.submitted_at
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 4


def test_answers_saved_as_you_go_are_graded(learner, course_with_quiz):
    _, quiz = course_with_quiz
    attempt = attempt_start(user=learner, quiz=quiz)
    right = right_answers(attempt)
    first_three = dict(list(right.items())[:3])

    attempt_save_answers(attempt=attempt, responses=first_three)
    result = attempt_submit(attempt=attempt)

    assert result.percent == 75 and result.passed


def test_saving_a_question_that_is_not_in_the_attempt_is_refused(learner, course_with_quiz):
    _, quiz = course_with_quiz
    attempt = attempt_start(user=learner, quiz=quiz)

    with pytest.raises(AttemptError, match="not part of your attempt"):
        attempt_save_answers(attempt=attempt, responses={"forged-key": 1})

    assert not AttemptAnswer.objects.exists()


def test_saves_after_the_deadline_are_refused(learner, course_with_quiz):
    _, quiz = course_with_quiz
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = attempt_start(user=learner, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    attempt.refresh_from_db()

    with pytest.raises(AttemptError, match="Time is up"):
        attempt_save_answers(attempt=attempt, responses=right_answers(attempt))

    assert not AttemptAnswer.objects.exists()


def test_an_abandoned_attempt_is_graded_at_its_deadline(learner, course_with_quiz):
    _, quiz = course_with_quiz
    quiz.time_limit_minutes = 30
    quiz.save()
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_save_answers(attempt=attempt, responses=dict(list(right_answers(attempt).items())[:2]))
    deadline = attempt.deadline

    assert attempts_submit_expired(now=deadline - timedelta(seconds=1)) == 0
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert attempts_submit_expired() == 1

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.graded_at_deadline
    assert attempt.submitted_at == attempt.deadline
    assert attempt.percent == 50


def test_answers_posted_with_a_late_submit_are_ignored(learner, course_with_quiz):
    _, quiz = course_with_quiz
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = attempt_start(user=learner, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    attempt.refresh_from_db()

    result = attempt_submit(attempt=attempt, responses=right_answers(attempt))

    assert result.percent == 0 and result.graded_at_deadline


def test_editing_the_quiz_never_changes_past_attempts(learner, course_with_quiz):
    _, quiz = course_with_quiz
    attempt = attempt_start(user=learner, quiz=quiz)
    result = attempt_submit(attempt=attempt, responses=right_answers(attempt))

    # The trainer rewrites every question and raises the pass mark.
    quiz.questions = []
    quiz.pass_mark = 100
    quiz.save()
    quiz_import_questions(questions=[single(text="A new question?", right="B")], quiz=quiz)

    attempt.refresh_from_db()
    assert attempt.percent == result.percent == 100
    assert attempt.frozen["pass_mark"] == 75
    assert len(attempt.frozen["questions"]) == 4


def test_a_random_draw_takes_n_questions_from_the_pool(learner):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(module=ModulePage.objects.child_of(course).get(), count=6, draw_count=3)
    enrollment_create(user=learner, course=course)

    attempt = attempt_start(user=learner, quiz=quiz)

    keys = {item["id"] for item in attempt.frozen["questions"]}
    assert len(keys) == 3
    assert keys <= {child.id for child in quiz.questions}


def test_a_final_assessment_must_be_passed_to_complete_the_course(
    learner, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=1)
    exam = make_quiz(course=course, title="Final assessment", count=2, pass_mark=50)
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert Enrollment.objects.get().status == Enrollment.Status.ACTIVE

    attempt = attempt_start(user=learner, quiz=exam)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(attempt=attempt, responses=right_answers(attempt))

    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED
    assert [s.kind for s in course_outline(course).steps] == ["lesson", "exam"]
