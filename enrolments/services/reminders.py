"""Due-date reminders to learners and the weekly overdue digest to managers.

Both are safe to run as often as the schedule likes: a row under a unique constraint is
written before a mail is queued (on commit), so a rerun, or two runs at once, never sends
anything twice. A reminder's key includes the due date, so a moved due date is reminded
again. The price is at-most-once: a mail server that fails after the commit loses that
mail rather than risking a duplicate.
"""

import logging
from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.selectors import managers_opted_in, organisation_scope_for
from config.links import absolute_url
from config.mail import message_in_language
from courses.models import Enrollment
from enrolments.models import DueDateReminder, OverdueDigest

logger = logging.getLogger("waypoint.enrolments")

Kind = DueDateReminder.Kind
DIGEST_ROWS = 50  # listed in the e-mail; the count covers all


def reminder_kind(*, due_at: datetime, now: datetime) -> str | None:
    """The window an unfinished assignment is in now, the latest one first: a learner
    first seen a day before the due date gets "due tomorrow", not also "due in 7 days"."""
    if due_at <= now:
        return Kind.OVERDUE
    if due_at - now <= timedelta(days=1):
        return Kind.DUE_IN_1_DAY
    if due_at - now <= timedelta(days=7):
        return Kind.DUE_IN_7_DAYS
    return None


def _unfinished_assignments():
    """Current, unfinished enrolments with a due date, of active people in live courses."""
    return Enrollment.objects.current().filter(
        status=Enrollment.Status.ACTIVE,
        due_at__isnull=False,
        user__is_active=True,
        course__live=True,
    )


def due_date_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail learners 7 days and 1 day before a due date and once when it has passed.
    Completed enrolments get nothing. Returns how many reminders were queued."""
    now = now or timezone.now()
    candidates = list(
        _unfinished_assignments()
        .filter(due_at__lte=now + timedelta(days=7))
        .select_related("user", "course")
        .order_by("pk")
    )
    sent_before = set(
        DueDateReminder.objects.filter(enrollment__in=[e.pk for e in candidates]).values_list(
            "enrollment_id", "kind", "due_at"
        )
    )
    sent = 0
    for enrollment in candidates:
        kind = reminder_kind(due_at=enrollment.due_at, now=now)
        if (enrollment.pk, kind, enrollment.due_at) in sent_before:
            continue
        with transaction.atomic(durable=True):
            _, created = DueDateReminder.objects.get_or_create(
                enrollment=enrollment, kind=kind, due_at=enrollment.due_at
            )
            if not created:  # a parallel run got there first
                continue
            transaction.on_commit(lambda e=enrollment, k=kind: _send_due_reminder(e, k, now))
        sent += 1
    if sent:
        logger.info("due-date reminders queued count=%s", sent)
    return sent


def _send_due_reminder(enrollment: Enrollment, kind: str, now: datetime) -> None:
    overdue = kind == Kind.OVERDUE
    if overdue:
        subject = gettext_lazy("Overdue: %(course)s")
    elif kind == Kind.DUE_IN_1_DAY:
        subject = gettext_lazy("Due within 24 hours: %(course)s")
    else:
        subject = gettext_lazy("Due in a week: %(course)s")
    message_in_language(
        to=enrollment.user,
        template=f"enrolments/email_due_{'overdue' if overdue else 'soon'}.txt",
        subject=subject,
        subject_args={"course": enrollment.course.title},
        context={
            "enrollment": enrollment,
            "course": enrollment.course,
            "kind": kind,
            "dashboard_url": absolute_url(reverse("learning:dashboard")),
        },
    ).send()


# --- the managers' weekly digest -------------------------------------------------------------


def week_starting(now: datetime) -> date:
    """Monday of the ISO week ``now`` falls in, in the site's time zone."""
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


def overdue_digests_send(*, now: datetime | None = None) -> int:
    """Once per ISO week, e-mail each manager who has not opted out the list of overdue
    assignments in their scope. A manager with nobody overdue gets nothing (and may get
    the week's digest later in the week, if someone falls overdue). Returns how many
    digests were queued."""
    now = now or timezone.now()
    week = week_starting(now)
    managers = managers_opted_in(preference="receives_overdue_digest").exclude(
        overdue_digests__week_starting=week
    )
    sent = 0
    for manager in managers:
        scope = organisation_scope_for(manager)
        if scope.is_empty:
            continue
        overdue = (
            _unfinished_assignments()
            .filter(scope.q("user__organisation"), due_at__lt=now)
            .exclude(user=manager)
            .select_related("user", "user__organisation", "course")
            .order_by("due_at", "pk")
        )
        count = overdue.count()
        if not count:
            continue
        rows = list(overdue[:DIGEST_ROWS])
        with transaction.atomic(durable=True):
            _, created = OverdueDigest.objects.get_or_create(
                manager=manager, week_starting=week, defaults={"overdue_count": count}
            )
            if not created:
                continue
            transaction.on_commit(
                lambda m=manager, r=rows, c=count: _send_digest(m, r, c, week, now)
            )
        sent += 1
    if sent:
        logger.info("overdue digests queued count=%s week=%s", sent, week)
    return sent


def _send_digest(manager: User, rows: list[Enrollment], count: int, week: date, now) -> None:
    message_in_language(
        to=manager,
        template="enrolments/email_digest.txt",
        subject=gettext_lazy("Overdue courses in your organisation: %(count)s"),
        subject_args={"count": count},
        context={
            "rows": [(e, (now - e.due_at).days) for e in rows],
            "count": count,
            "more": count - len(rows),
            "week": week,
            "admin_url": absolute_url(reverse("wagtailadmin_home")),
            "profile_url": absolute_url(reverse("accounts:profile")),
        },
    ).send()
