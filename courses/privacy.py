"""What ``courses`` holds about a learner, for the personal-data export (accounts.privacy).
Three queries whatever the number of enrolments."""

from courses.models import Enrollment, EnrollmentRequest


def export_enrolments(user) -> list[dict]:
    enrollments = (
        Enrollment.objects.filter(user=user)
        .select_related("course")
        .prefetch_related("completions")
        .order_by("enrolled_at", "pk")
    )
    return [
        {
            "course": enrollment.course.title,
            "course_id": enrollment.course_id,
            "cycle": enrollment.cycle,
            "status": enrollment.status,
            "enrolled_at": enrollment.enrolled_at,
            "completed_at": enrollment.completed_at,
            "due_at": enrollment.due_at,
            "assigned_by_manager": enrollment.assigned_by_id is not None,
            "last_activity_at": enrollment.last_activity_at,
            "superseded_at": enrollment.superseded_at,
            "completed_steps": [
                {"step": completion.step_key, "completed_at": completion.completed_at}
                for completion in sorted(enrollment.completions.all(), key=_by_date)
            ],
        }
        for enrollment in enrollments
    ]


def export_enrolment_requests(user) -> list[dict]:
    requests = (
        EnrollmentRequest.objects.filter(user=user)
        .select_related("course")
        .order_by("requested_at", "pk")
    )
    return [
        {
            "course": request.course.title,
            "course_id": request.course_id,
            "status": request.status,
            "message": request.message,
            "requested_at": request.requested_at,
            "decided_at": request.decided_at,
            "decision_note": request.decision_note,
        }
        for request in requests
    ]


def _by_date(completion):
    return (completion.completed_at, completion.step_key)


def withdraw_requests_on_account_deletion(sender, *, user_id: int, **kwargs) -> None:
    """A learner closes their account (accounts.events.account_deleting, in the closing
    transaction): their requests still waiting for a decision are withdrawn, so that no
    manager or administrator is left with a request nobody can take up."""
    from courses.services import enrollment_request_withdraw

    pending = EnrollmentRequest.objects.filter(
        user_id=user_id, status=EnrollmentRequest.Status.PENDING
    ).select_related("user", "course")
    for request in pending:
        enrollment_request_withdraw(user=request.user, course=request.course)
