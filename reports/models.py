"""What the reports app writes: snapshots of the summary figures. The reminders, digests and
invitations it once kept live in ``enrolments.models``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SummarySnapshot(models.Model):
    """Completion figures of every (course, unit) pair, taken by a periodic job so that the
    summary reports read a few thousand tallies instead of every enrolment
    (``reports.services.summary_snapshots``). The newest one is what the pages read, as of
    ``taken_at``; older ones are deleted when a new one is complete."""

    taken_at = models.DateTimeField(_("taken at"), db_index=True)
    time_zone = models.CharField(_("time zone of the months"), max_length=64)
    first_month = models.DateField(_("first month counted"))
    # Snapshots taken before the compliance tallies existed hold none: the compliance
    # report computes its totals live rather than read zeros from them.
    has_compliance = models.BooleanField(_("holds the compliance totals"), default=False)

    class Meta:
        verbose_name = _("summary snapshot")
        verbose_name_plural = _("summary snapshots")

    def __str__(self):
        return f"summary snapshot of {self.taken_at:%Y-%m-%d %H:%M}"


class SummaryTally(models.Model):
    """The figures of the current enrolments in one course of the learners of one unit
    (``organisation`` empty: learners without a unit), when the snapshot was taken."""

    snapshot = models.ForeignKey(SummarySnapshot, on_delete=models.CASCADE, related_name="tallies")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    enrolled = models.PositiveIntegerField(default=0)
    not_started = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    certificates = models.PositiveIntegerField(default=0)
    score_total = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    scored = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("summary tally")
        verbose_name_plural = _("summary tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "course", "organisation"], name="one_tally_per_course_and_unit"
            ),
        ]


class SummaryMonthTally(models.Model):
    """Completions in one calendar month (in the snapshot's time zone) of one course by the
    learners of one unit: the chart of the last twelve months."""

    snapshot = models.ForeignKey(
        SummarySnapshot, on_delete=models.CASCADE, related_name="month_tallies"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    month = models.DateField()
    completed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("summary month tally")
        verbose_name_plural = _("summary month tallies")


class ComplianceTally(models.Model):
    """How many people of one unit (their own unit) had one status for one course their
    unit, or a unit above it, requires, when the snapshot was taken: the compliance
    report's totals per unit and its chart (``reports.selectors.compliance``)."""

    snapshot = models.ForeignKey(
        SummarySnapshot, on_delete=models.CASCADE, related_name="compliance_tallies"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16)
    people = models.PositiveIntegerField(_("people"), default=0)

    class Meta:
        verbose_name = _("compliance tally")
        verbose_name_plural = _("compliance tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "organisation", "course", "status"],
                name="one_compliance_tally_per_unit_course_and_status",
            ),
        ]
