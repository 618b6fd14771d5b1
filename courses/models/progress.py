"""Learner state. It lives here, keyed by page id, never on revisioned pages, so that
editing or re-publishing a course never touches anyone's progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrollmentQuerySet(models.QuerySet):
    def current(self):
        """Enrolments learners are working in now, leaving out cycles a recertification
        replaced. Everything a learner or a report counts starts here."""
        return self.filter(superseded_at__isnull=True)


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    # PROTECT: a course with learners is unpublished, never deleted (see wagtail_hooks).
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The manager who assigned the course; empty when the learner enrolled."),
    )
    # Recertification starts a new cycle: the finished enrolment is kept (with its progress,
    # attempts and certificate) and marked superseded; the new one is the current one.
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    # Reports count an enrolment in its holder's unit; one completed before the holder left
    # a unit stays in that unit's figures (docs/reports.md, "People who move").
    reported_unit = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("reported in unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The unit whose reports keep this completion after its holder left it; empty: "
            "the holder's current unit."
        ),
    )

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_enrollment_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "course", "cycle"], name="one_enrollment_per_cycle"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="completed_enrollment_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["user", "status"]),
            # Reports (docs/reports.md): open enrolments by due date (the overdue report),
            # and the few cycles a recertification replaced (left out of every figure).
            models.Index(
                fields=["due_at"],
                condition=models.Q(
                    status="active", superseded_at__isnull=True, due_at__isnull=False
                ),
                name="enrollment_open_due_idx",
            ),
            models.Index(
                fields=["user", "course", "cycle"],
                condition=models.Q(superseded_at__isnull=False),
                name="enrollment_superseded_idx",
            ),
            # The few completions kept by a unit their holder left (attempts find theirs).
            models.Index(
                fields=["user", "course", "cycle"],
                condition=models.Q(reported_unit__isnull=False),
                name="enrollment_reported_unit_idx",
            ),
            # The compliance report (certificates.compliance_fast): current enrolments under
            # way (or completed) in the required courses, read from the index alone.
            models.Index(
                fields=["course", "user"],
                condition=models.Q(superseded_at__isnull=True)
                & (models.Q(status="completed") | models.Q(last_activity_at__isnull=False)),
                name="enrollment_under_way_idx",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.course_id} ({self.status})"

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED

    @property
    def is_current(self):
        return self.superseded_at is None


class EnrollmentRequest(models.Model):
    """A learner's request to join a course that requires approval. The manager of the
    learner's unit decides; the decision is e-mailed to the learner."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollment_requests"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrollment_requests"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message from the learner"), blank=True, max_length=2000)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("note to the learner"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("enrolment request")
        verbose_name_plural = _("enrolment requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_course",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self):
        return f"request by {self.user_id} for {self.course_id} ({self.status})"


class StepCompletion(models.Model):
    """One completed step of a course: a lesson now, a quiz or an exam later.

    Steps are named by a key (``lesson:42``, ``quiz:7``) so that other apps can add kinds
    of step without ``courses`` knowing about them.
    """

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="completions")
    step_key = models.CharField(_("step"), max_length=64)
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    # The language of the copy the step was done in (a translated course's lesson or quiz
    # counts for its original): reports filter by language of study.
    language = models.CharField(_("language of study"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "step_key"], name="one_completion_per_step"
            ),
        ]

    def __str__(self):
        return f"{self.step_key} of enrolment {self.enrollment_id}"
