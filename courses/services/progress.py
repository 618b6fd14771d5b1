"""Progress: a completed step (a lesson read, a quiz passed), and a course's completion
worked out again after its outline changed."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from courses import selectors
from courses.events import publish_course_completed
from courses.models import CoursePage, Enrollment, LessonPage, StepCompletion
from courses.outline import CourseOutline, lesson_step_key
from courses.services.enrolment import EnrollmentError, _check_may_view
from courses.translations import original_of

logger = logging.getLogger("waypoint.courses")


def step_complete(
    *,
    enrollment: Enrollment,
    step_key: str,
    outline: CourseOutline | None = None,
    language: str = "",
) -> StepCompletion:
    """Record that the learner finished one step; complete the course when it was the last.
    ``language``: the language of the copy it was done in (reports' language of study).

    Safe to call twice: the second call finds the completion and changes nothing.
    """
    if outline is None:
        outline = selectors.course_outline(enrollment.course)
    if step_key not in outline.step_keys:
        raise EnrollmentError(_("This step is not part of the course."), code="unknown_step")
    now = timezone.now()
    with transaction.atomic():
        # Lock the enrolment: two steps finishing at once must not both miss completion.
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        completion, created = StepCompletion.objects.get_or_create(
            enrollment=locked,
            step_key=step_key,
            defaults={"completed_at": now, "language": language},
        )
        locked.last_activity_at = now
        update_fields = ["last_activity_at"]
        if locked.status != Enrollment.Status.COMPLETED and _all_steps_done(locked, outline):
            locked.status = Enrollment.Status.COMPLETED
            locked.completed_at = now
            update_fields += ["status", "completed_at"]
            publish_course_completed(
                enrollment_id=locked.pk, user_id=locked.user_id, course_id=locked.course_id
            )
            logger.info("course completed enrollment=%s", locked.pk)
        locked.save(update_fields=update_fields)
    enrollment.refresh_from_db(fields=["status", "completed_at", "last_activity_at"])
    if created:
        logger.info("step completed enrollment=%s step=%s", enrollment.pk, step_key)
    return completion


def _all_steps_done(enrollment: Enrollment, outline: CourseOutline) -> bool:
    done = set(
        StepCompletion.objects.filter(enrollment=enrollment).values_list("step_key", flat=True)
    )
    return bool(outline.step_keys) and outline.step_keys <= done


def lesson_complete(*, user, lesson: LessonPage) -> StepCompletion:
    """The learner finished a lesson: checks enrolment and the course's order first. A
    lesson read in a translation counts for its original (``courses.translations``)."""
    course = original_of(selectors.course_for_descendant(lesson))
    enrollment = selectors.enrollment_get(user=user, course_id=course.id)
    if enrollment is None:
        raise EnrollmentError(
            _("Enrol in this course to record your progress."), code="not_enrolled"
        )
    if not lesson.live:
        raise EnrollmentError(_("This lesson is not available."), code="not_live")
    _check_may_view(user, lesson)
    key = lesson_step_key(original_of(lesson).id)
    outline = selectors.course_outline(course)
    if selectors.step_is_locked(
        enrollment=enrollment, course=course, step_key=key, outline=outline
    ):
        raise EnrollmentError(
            _("Finish the earlier modules of this course before this lesson."), code="locked"
        )
    language = Locale.objects.filter(pk=lesson.locale_id).values_list("language_code", flat=True)
    return step_complete(
        enrollment=enrollment, step_key=key, outline=outline, language=language.first() or ""
    )


def enrollments_refresh_completion(*, course: CoursePage) -> list[int]:
    """Complete the enrolments whose learners have now done every step of the course.

    Runs after a trainer removes or unpublishes lessons: a learner who had done everything
    else has finished the course as it now stands. Enrolments are only ever moved forward
    (completed stays completed when lessons are added). Returns the enrolment ids completed.
    """
    outline = selectors.course_outline(course)
    if not outline.step_keys:
        return []
    completed = []
    for enrollment in selectors.enrollments_with_all_steps_done(course=course, outline=outline):
        with transaction.atomic():
            locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
            if locked.status == Enrollment.Status.COMPLETED:
                continue
            locked.status = Enrollment.Status.COMPLETED
            locked.completed_at = timezone.now()
            locked.save(update_fields=["status", "completed_at"])
            publish_course_completed(
                enrollment_id=locked.pk, user_id=locked.user_id, course_id=locked.course_id
            )
        completed.append(locked.pk)
    if completed:
        logger.info("completion refreshed course=%s completed=%s", course.pk, completed)
    return completed
