"""The demo learner has already finished one course, quizzes and final assessment passed,
so that a newcomer sees the whole cycle at once: progress, results, and (through the
course_completed event) a certificate on "My learning"."""

from accounts.models import User
from assessments.frozen import model_answers
from assessments.models import Quiz
from assessments.services import attempt_start, attempt_submit, quiz_pass_record
from courses import selectors, services
from courses.models import CoursePage, LessonPage
from courses.outline import LESSON
from devtools.demo import content
from devtools.demo.report import DemoReport


def complete_demo_course(*, report: DemoReport) -> None:
    """Enrol the demo learner in ``content.COMPLETED_COURSE`` and pass every step; an existing
    enrolment is left alone, and a course a trainer removed is skipped."""
    learner = User.objects.filter(email=content.COMPLETED_COURSE["email"]).first()
    catalogue = selectors.catalogue_get()
    slug = content.COMPLETED_COURSE["course"]
    course = CoursePage.objects.child_of(catalogue).filter(slug=slug).first()
    if learner is None or course is None:
        return
    if selectors.enrollment_get(user=learner, course_id=course.id) is not None:
        report.count("completed courses", created=False)
        return
    services.enrollment_create(user=learner, course=course)
    for step in selectors.course_outline(course).steps:
        if step.kind == LESSON:
            services.lesson_complete(user=learner, lesson=LessonPage.objects.get(pk=step.page_id))
        else:
            _pass(learner, Quiz.objects.get(pk=int(step.key.split(":")[1])))
    report.count("completed courses", created=True)


def _pass(learner, quiz: Quiz) -> None:
    attempt = attempt_start(user=learner, quiz=quiz)
    result = attempt_submit(attempt=attempt, responses=model_answers(attempt.frozen))
    # Record the step now rather than on commit: with modules in order, the next quiz
    # opens only once this step is done, and the whole demo runs in one transaction.
    quiz_pass_record(attempt=result)
