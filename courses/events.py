"""Events that ``courses`` publishes for apps further down the dependency graph.

``course_completed`` is sent after the transaction that completed the enrolment commits,
with ``enrollment_id``, ``user_id`` and ``course_id``. Receivers only queue work (a Celery
task taking the id); they must not assume they run exactly once.
"""

from django.db import transaction
from django.dispatch import Signal

course_completed = Signal()


def publish_course_completed(*, enrollment_id: int, user_id: int, course_id: int) -> None:
    def send():
        course_completed.send(
            sender="courses",
            enrollment_id=enrollment_id,
            user_id=user_id,
            course_id=course_id,
        )

    transaction.on_commit(send, robust=True)


# ``enrollment_requested`` is sent after the transaction that created an enrolment request
# (for a course that requires approval) commits, with ``request_id``: ``reports`` tells the
# learner's managers.
enrollment_requested = Signal()


def publish_enrollment_requested(*, request_id: int) -> None:
    transaction.on_commit(
        lambda: enrollment_requested.send(sender="courses", request_id=request_id), robust=True
    )
