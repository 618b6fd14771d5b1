"""A learner's transcript: every enrolment with progress, attempts and certificates."""

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404

from accounts.models import User
from accounts.selectors import OrganisationScope
from assessments.models import Attempt
from certificates.models import Certificate
from courses.models import Enrollment, StepCompletion
from courses.selectors import course_outlines
from reports.selectors.criteria import STATUS_LABELS
from reports.selectors.rows import enrolment_status

# --- transcript ---------------------------------------------------------------------------


@dataclass
class TranscriptEnrolment:
    enrollment: Enrollment
    status: str
    overdue: bool
    steps_done: int
    steps_total: int

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Transcript:
    learner: User
    enrolments: list[TranscriptEnrolment]
    attempts: list[Attempt]
    certificates: list[tuple[Certificate, str]]  # with the status label


def learner_in_scope(*, scope: OrganisationScope, user_id: int) -> User:
    """A learner the person may see, or 404: someone outside the scope does not exist."""
    learner = scope.users().select_related("organisation").filter(pk=user_id).first()
    if learner is None:
        raise Http404("No such learner")
    return learner


def transcript_get(*, scope: OrganisationScope, user_id: int, now: datetime) -> Transcript:
    """A learner's record: every enrolment (earlier cycles too) with progress, attempts and
    certificates, in a fixed number of queries whatever the record's length."""
    learner = learner_in_scope(scope=scope, user_id=user_id)
    enrollments = list(
        Enrollment.objects.filter(user=learner)
        .select_related("course")
        .order_by("course__title", "-cycle")
    )
    outlines = course_outlines(list({e.course_id: e.course for e in enrollments}.values()))
    keys = {course_id: outline.step_keys for course_id, outline in outlines.items()}
    done: dict[int, set[str]] = {e.id: set() for e in enrollments}
    for enrollment_id, key in StepCompletion.objects.filter(
        enrollment__in=[e.id for e in enrollments]
    ).values_list("enrollment_id", "step_key"):
        done[enrollment_id].add(key)
    rows = []
    for e in enrollments:
        course_keys = keys.get(e.course_id, set())
        overdue = not e.is_completed and e.due_at is not None and e.due_at < now
        rows.append(
            TranscriptEnrolment(
                enrollment=e,
                status=enrolment_status(e.status, e.last_activity_at is not None),
                overdue=e.is_current and overdue,
                steps_done=len(done[e.id] & course_keys),
                steps_total=len(course_keys),
            )
        )
    attempts = list(
        Attempt.objects.filter(user=learner)
        .select_related("quiz")
        .defer("frozen", "graded_responses", "quiz__questions", "quiz__instructions")
        .order_by("quiz__title", "cycle", "number")
    )
    certificates = [
        (certificate, Certificate.Status(certificate.status(now)).label)
        for certificate in Certificate.objects.filter(user=learner).order_by("-issued_at")
    ]
    return Transcript(
        learner=learner, enrolments=rows, attempts=attempts, certificates=certificates
    )
