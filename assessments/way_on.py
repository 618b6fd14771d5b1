"""The way on after a quiz (issue 16): every result ends with the next step of the course,
or, once the course is complete, with the way to what it earns (the certificate).

The next step is the course's own ("continue" in ``courses.selectors.Progress``), with the
quiz counted as done as soon as it is passed: the pass is recorded by a background job,
which may not have run when the result page is drawn."""

from dataclasses import dataclass, field

from assessments.models import Quiz
from assessments.selectors import course_path_of
from courses.completion import CompletionAward, completion_awards
from courses.models import CoursePage
from courses.outline import Step
from courses.selectors import Progress, enrollment_with_completed_keys, shared_course_with_outline


@dataclass
class WayOn:
    course: CoursePage
    next_step: Step | None = None
    course_complete: bool = False
    awards: list[CompletionAward] = field(default_factory=list)
    # The course's later steps open only once this quiz is passed (modules in order).
    waits_for_this_quiz: bool = False


def way_on_after(*, user, quiz: Quiz, passed: bool, cycle: int) -> WayOn | None:
    """Where the learner goes from this quiz: one query for the enrolment and its progress
    (the outline comes from the shared cache), one more per award once the course is
    complete. None when the learner is not enrolled."""
    course, outline = shared_course_with_outline(course_path_of(quiz))
    enrollment, completed = enrollment_with_completed_keys(
        user=user, course_id=outline.record_course_id
    )
    if enrollment is None:
        return None
    if passed and cycle == enrollment.cycle:
        completed = completed | {quiz.step_key}
    progress = Progress(
        outline=outline, completed_keys=completed, modules_in_order=course.modules_in_order
    )
    way_on = WayOn(course=course)
    if enrollment.is_completed or progress.all_done:
        way_on.course_complete = True
        way_on.awards = completion_awards(enrollment=enrollment)
        return way_on
    way_on.next_step = progress.next_step_after(quiz.step_key)
    way_on.waits_for_this_quiz = quiz.step_key not in completed and bool(progress.locked_keys)
    return way_on
