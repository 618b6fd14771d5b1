"""What enrolments keeps about the mails it sends: the due-date reminders and overdue
digests sent, the invitations an assignment file owes and the notices of new assignments,
so that a rerun of the mail jobs never sends anything twice and nothing is lost.

These models were born in ``reports`` and keep their tables (``Meta.db_table``): moving
them changed Django's state only (enrolments/migrations/0001_initial.py)."""

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
        db_table = "reports_duedatereminder"
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
        db_table = "reports_assignmentinvitation"
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


class AssignmentNotice(models.Model):
    """The e-mail owed to a learner about an assignment: a course newly assigned, or the due
    date of one moved. Written in the assignment's transaction (one INSERT per batch, so
    that assigning 500 people mails nobody inside the request), sent by a task after the
    commit, or by the periodic job if that task never ran (enrolments.services.notices)."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Course assigned")
        MOVED = "moved", _("Due date changed")

    class Via(models.TextChoices):
        UNIT = "unit", _("A unit")
        COHORT = "cohort", _("A cohort")
        FILE = "file", _("An assignment file")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_notices"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField(_("due date"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    via = models.CharField(_("assigned through"), max_length=10, choices=Via.choices)
    # The unit's or cohort's name when it was assigned (a rename later does not matter).
    via_name = models.CharField(_("unit or cohort"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Claimed by a sender, then sent (as a certificate's mail): see the service.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment notice")
        verbose_name_plural = _("assignment notices")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="assignment_notice_unsent",
            )
        ]

    def __str__(self):
        return f"{self.kind} notice of course {self.course_id} for {self.user_id}"


class OverdueDigest(models.Model):
    """The weekly e-mail to a manager listing their overdue staff: one per ISO week."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="overdue_digests"
    )
    week_starting = models.DateField(_("week starting"))
    overdue_count = models.PositiveIntegerField(_("overdue assignments listed"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        db_table = "reports_overduedigest"
        verbose_name = _("overdue digest")
        verbose_name_plural = _("overdue digests")
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "week_starting"], name="one_overdue_digest_per_week"
            ),
        ]

    def __str__(self):
        return f"digest for {self.manager_id}, week of {self.week_starting}"
