"""Writes of the courses app, one module per job: enrolment (enrol, assign, renew),
progress (steps and completion), requests (places in courses that require approval),
bulk (a manager's assignment of many learners) and reviews (the reviewers' mail about a
submission). Other apps call these through this package; they never write
``Enrollment``, ``StepCompletion`` or ``EnrollmentRequest`` themselves."""

from .bulk import (
    BULK_ASSIGNMENT_LOCK_CLASS,
    BULK_BATCH_SIZE,
    BulkAssignment,
    enrollments_assign_bulk,
)
from .enrolment import EnrollmentError, enrollment_assign, enrollment_create, enrollment_renew
from .progress import enrollments_refresh_completion, lesson_complete, step_complete
from .requests import (
    enrollment_request_approve,
    enrollment_request_create,
    enrollment_request_reject,
    enrollment_request_withdraw,
)
from .reviews import SUBMISSION_QUIET_PERIOD, review_submission_notify
from .submissions import course_review_decide, course_review_mail, course_review_submit

__all__ = [
    "course_review_decide",
    "course_review_mail",
    "course_review_submit",
    "BULK_ASSIGNMENT_LOCK_CLASS",
    "BULK_BATCH_SIZE",
    "BulkAssignment",
    "SUBMISSION_QUIET_PERIOD",
    "EnrollmentError",
    "enrollment_assign",
    "enrollment_create",
    "enrollment_renew",
    "enrollment_request_approve",
    "enrollment_request_create",
    "enrollment_request_reject",
    "enrollment_request_withdraw",
    "enrollments_assign_bulk",
    "enrollments_refresh_completion",
    "lesson_complete",
    "review_submission_notify",
    "step_complete",
]
