"""Trainers edit live courses; learners' progress must survive every edit."""

import pytest
from django.urls import reverse

from courses.models import Enrollment, ModulePage, StepCompletion
from courses.selectors import dashboard_rows
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course, make_lesson

pytestmark = pytest.mark.django_db


def _progress(user):
    [row] = dashboard_rows(user=user)
    return row.progress


def _learner_with_done(learner, course, count):
    enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course)[:count]:
        lesson_complete(user=learner, lesson=lesson)


def test_adding_a_lesson_keeps_what_was_done_and_lowers_the_percentage(learner):
    course = make_course(modules=1, lessons=2)
    _learner_with_done(learner, course, 1)

    make_lesson(ModulePage.objects.child_of(course).get(), title="New regulation update")

    progress = _progress(learner)
    assert (progress.done, progress.total) == (1, 3)
    assert StepCompletion.objects.count() == 1


def test_adding_a_lesson_to_a_completed_course_keeps_it_completed(learner):
    course = make_course(modules=1, lessons=1)
    _learner_with_done(learner, course, 1)

    make_lesson(ModulePage.objects.child_of(course).get())

    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED


def test_unpublishing_the_only_missing_lesson_completes_the_course(
    learner, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=3)
    _learner_with_done(learner, course, 2)

    with django_capture_on_commit_callbacks(execute=True):
        lessons_of(course)[2].unpublish()

    enrollment = Enrollment.objects.get()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert _progress(learner).percent == 100


def test_deleting_a_lesson_forgets_nothing_and_never_breaks_the_dashboard(
    client, learner, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=3)
    _learner_with_done(learner, course, 1)
    done, next_lesson, _ = lessons_of(course)

    with django_capture_on_commit_callbacks(execute=True):
        done.delete()

    progress = _progress(learner)
    assert (progress.done, progress.total) == (0, 2)
    assert StepCompletion.objects.count() == 1  # the record stays, for reports and audit
    client.force_login(learner)
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 200
    assert next_lesson.url in response.content.decode()


def test_moving_a_lesson_to_another_module_keeps_its_completion(learner):
    course = make_course(modules=2, lessons=1)
    _learner_with_done(learner, course, 1)
    first_lesson = lessons_of(course)[0]
    second_module = ModulePage.objects.child_of(course).order_by("path").last()

    first_lesson.move(second_module, pos="last-child")

    progress = _progress(learner)
    assert (progress.done, progress.total) == (1, 2)


def test_an_unpublished_module_hides_its_lessons_from_the_outline(learner):
    course = make_course(modules=2, lessons=2)
    _learner_with_done(learner, course, 1)

    ModulePage.objects.child_of(course).order_by("path").last().unpublish()

    assert _progress(learner).total == 2


def test_a_course_with_learners_cannot_be_deleted_in_the_admin(client, learner):
    course = make_course(modules=1, lessons=1)
    enrollment_create(user=learner, course=course)
    client.force_login(UserFactory(is_superuser=True))

    response = client.post(reverse("wagtailadmin_pages:delete", args=[course.id]), follow=True)

    assert "cannot be deleted" in response.content.decode()
    course.refresh_from_db()
    assert Enrollment.objects.filter(course=course).exists()
