"""Learner state. It lives here, keyed by page id, never on revisioned pages, so that
editing or re-publishing a course never touches anyone's progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrollment_per_course"),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="completed_enrollment_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.course_id} ({self.status})"

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED


class StepCompletion(models.Model):
    """One completed step of a course: a lesson now, a quiz or an exam later.

    Steps are named by a key (``lesson:42``, ``quiz:7``) so that other apps can add kinds
    of step without ``courses`` knowing about them.
    """

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="completions")
    step_key = models.CharField(_("step"), max_length=64)
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

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
