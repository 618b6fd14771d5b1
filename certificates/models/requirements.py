from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnitCourseRequirement(models.Model):
    """A unit requires its people to hold a valid certificate of a course; every unit below
    it inherits the requirement (the organisation tree's paths). Kept in ``certificates``:
    it joins units (``accounts``) and courses (``courses``), and what it asks for is a
    certificate, which only this app and the reports above it know about."""

    unit = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="course_requirements",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("required course")
        verbose_name_plural = _("required courses")
        ordering = ["unit__path", "course__title"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "course"], name="one_requirement_per_unit"),
        ]

    def __str__(self):
        return f"{self.unit} → {self.course}"


class ComplianceDigest(models.Model):
    """That a manager was sent the month's summary of certificates lapsing next month: the
    unique constraint makes it go once per manager and month, however often the job runs."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliance_digests"
    )
    month = models.DateField()  # the first day of the month the digest was sent in
    lapsing_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "month"], name="one_compliance_digest_per_month"
            ),
        ]
