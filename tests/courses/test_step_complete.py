"""Progress through a course: lessons, sequential modules, steps from other apps, and the
completion event."""

import pytest

from courses import outline as outline_module
from courses.events import course_completed
from courses.models import Enrollment, StepCompletion
from courses.outline import Step
from courses.selectors import course_outline, dashboard_rows
from courses.services import EnrollmentError, enrollment_create, lesson_complete, step_complete
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def completions(django_capture_on_commit_callbacks):
    """Events received, with on-commit callbacks run as they would be after a commit."""
    received = []

    def receiver(sender, signal, **kwargs):
        received.append(kwargs)

    course_completed.connect(receiver)
    yield received
    course_completed.disconnect(receiver)


def test_marking_a_lesson_done_moves_progress_forward(learner):
    course = make_course(modules=2, lessons=2)
    enrollment_create(user=learner, course=course)
    first = lessons_of(course)[0]

    lesson_complete(user=learner, lesson=first)

    [row] = dashboard_rows(user=learner)
    assert (row.progress.done, row.progress.total, row.progress.percent) == (1, 4, 25)
    assert row.progress.next_step.page_id == lessons_of(course)[1].id


def test_completing_a_lesson_twice_records_it_once(learner):
    course = make_course(modules=1, lessons=2)
    enrollment_create(user=learner, course=course)
    first = lessons_of(course)[0]

    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=first)

    assert StepCompletion.objects.count() == 1


def test_a_learner_must_be_enrolled_to_record_progress(learner):
    course = make_course(modules=1, lessons=1)

    with pytest.raises(EnrollmentError, match="Enrol"):
        lesson_complete(user=learner, lesson=lessons_of(course)[0])

    assert not StepCompletion.objects.exists()


def test_the_last_step_completes_the_course_and_publishes_one_event(
    learner, completions, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=2)
    enrollment = enrollment_create(user=learner, course=course)
    first, second = lessons_of(course)

    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=learner, lesson=first)
    assert completions == []

    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=learner, lesson=second)
        lesson_complete(user=learner, lesson=second)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.completed_at is not None
    assert completions == [
        {"enrollment_id": enrollment.id, "user_id": learner.id, "course_id": course.id}
    ]


def test_modules_in_order_lock_later_modules_until_earlier_ones_are_done(learner):
    course = make_course(modules=2, lessons=2, modules_in_order=True)
    enrollment_create(user=learner, course=course)
    lessons = lessons_of(course)

    with pytest.raises(EnrollmentError, match="earlier modules"):
        lesson_complete(user=learner, lesson=lessons[2])
    assert not StepCompletion.objects.exists()

    # Within the open module, lessons can be taken in any order.
    lesson_complete(user=learner, lesson=lessons[1])
    lesson_complete(user=learner, lesson=lessons[0])
    lesson_complete(user=learner, lesson=lessons[2])

    assert StepCompletion.objects.count() == 3


def test_without_order_any_lesson_can_be_done_first(learner):
    course = make_course(modules=2, lessons=1, modules_in_order=False)
    enrollment_create(user=learner, course=course)

    lesson_complete(user=learner, lesson=lessons_of(course)[1])

    assert StepCompletion.objects.count() == 1


def test_other_apps_add_steps_without_courses_importing_them(learner):
    """A provider (as assessments will register) adds a module quiz; passing it goes
    through step_complete, and the course is not complete until it is done."""

    def module_quiz_provider(outlines):
        for outline in outlines:
            for module in outline.modules:
                yield Step(
                    key=f"quiz:{module.id}",
                    kind="quiz",
                    title="Module quiz",
                    url=module.url + "quiz/",
                    course_id=outline.course_id,
                    module_id=module.id,
                )

    outline_module.register_step_provider(module_quiz_provider)
    try:
        course = make_course(modules=1, lessons=1)
        enrollment = enrollment_create(user=learner, course=course)
        outline = course_outline(course)
        assert [step.kind for step in outline.steps] == ["lesson", "quiz"]

        lesson_complete(user=learner, lesson=lessons_of(course)[0])
        enrollment.refresh_from_db()
        assert enrollment.status == Enrollment.Status.ACTIVE

        step_complete(enrollment=enrollment, step_key=outline.steps[1].key)
        enrollment.refresh_from_db()
        assert enrollment.status == Enrollment.Status.COMPLETED
    finally:
        outline_module.unregister_step_provider(module_quiz_provider)


def test_a_step_that_is_not_in_the_course_is_refused(learner):
    course = make_course(modules=1, lessons=1)
    other = make_course(modules=1, lessons=1)
    enrollment = enrollment_create(user=learner, course=course)

    with pytest.raises(EnrollmentError):
        step_complete(enrollment=enrollment, step_key=f"lesson:{lessons_of(other)[0].id}")

    assert not StepCompletion.objects.exists()
