"""What the reports app writes: the reminders and invitations it has sent (or has still to
send), so that a rerun of the mail jobs never sends anything twice and nothing is lost."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DueDateReminder(models.Model):
    """One reminder e-mail about an assigned course's due date.

    The due date is part of the key: when a manager moves the due date, the learner is
    reminded again about the new one.
    """

    class Kind(models.TextChoices):
        DUE_IN_7_DAYS = "due_in_7_days", _("Due in 7 days")
        DUE_IN_1_DAY = "due_in_1_day", _("Due tomorrow")
        OVERDUE = "overdue", _("Overdue")

    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="due_date_reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField(_("due date reminded of"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("due-date reminder")
        verbose_name_plural = _("due-date reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "kind", "due_at"], name="one_due_date_reminder_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.kind} for enrolment {self.enrollment_id}"


class AssignmentInvitation(models.Model):
    """The invitation e-mail owed to a person an assignment file created an account for.

    Written in the import's transaction, so the account and the mail owed exist together;
    sent by a task after the commit, or by the periodic job if that task never ran (the
    broker was down). ``sent_at`` is set in the transaction that sends it: a failed send
    leaves it owed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_invitation"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    courses = models.JSONField(_("courses and due dates"), default=list)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment invitation")
        verbose_name_plural = _("assignment invitations")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="invitation_unsent",
            )
        ]

    def __str__(self):
        return f"invitation of {self.user_id}"


class OverdueDigest(models.Model):
    """The weekly e-mail to a manager listing their overdue staff: one per ISO week."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="overdue_digests"
    )
    week_starting = models.DateField(_("week starting"))
    overdue_count = models.PositiveIntegerField(_("overdue assignments listed"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("overdue digest")
        verbose_name_plural = _("overdue digests")
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "week_starting"], name="one_overdue_digest_per_week"
            ),
        ]

    def __str__(self):
        return f"digest for {self.manager_id}, week of {self.week_starting}"


class SummarySnapshot(models.Model):
    """Completion figures of every (course, unit) pair, taken by a periodic job so that the
    summary reports read a few thousand tallies instead of every enrolment
    (``reports.services.summary_snapshots``). The newest one is what the pages read, as of
    ``taken_at``; older ones are deleted when a new one is complete."""

    taken_at = models.DateTimeField(_("taken at"), db_index=True)
    time_zone = models.CharField(_("time zone of the months"), max_length=64)
    first_month = models.DateField(_("first month counted"))

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
