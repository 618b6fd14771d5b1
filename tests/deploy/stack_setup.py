"""Run inside the scale-out stack's environment (``python -m tests.deploy.stack_setup``):
a learner who completes a course (the certificate is queued to the workers), a trainer who
may upload documents. Prints what the test needs as JSON."""

import json

import django

django.setup()

from courses.services import enrollment_create, lesson_complete  # noqa: E402
from tests.factories.accounts import UserFactory  # noqa: E402
from tests.factories.courses import lessons_of, make_course  # noqa: E402

PASSWORD = "correct-horse-battery"


def main() -> None:
    learner = UserFactory(email="scaleout-learner@example.org", full_name="Scale Out")
    trainer = UserFactory(email="scaleout-trainer@example.org", roles=["Trainers"])
    course = make_course(modules=1, lessons=2)
    enrollment = enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)  # the last one queues the certificate
    print(
        json.dumps(
            {
                "learner": learner.email,
                "trainer": trainer.email,
                "password": PASSWORD,
                "enrollment": enrollment.pk,
                "course_url": course.url,
            }
        )
    )


if __name__ == "__main__":
    main()
