"""Telling learners about their assignments: one e-mail per course newly assigned to them
and per due date moved, in their language, with the course, its link, who assigned it and
the due date.

An assignment (a unit, a cohort, a file) writes what it owes (``AssignmentNotice``) in its
own transaction, one INSERT per batch, and queues ``enrolments.tasks.send_assignment_notices``
for after the commit: no mail leaves inside the request, and an assignment rolled back owes
nothing. The task sends in batches, each notice claimed, sent, then marked, as a
certificate's mail is (certificates.services.mail_claims): a rerun or a second worker finds
it claimed or sent and leaves it; a send that fails gives the claims of its batch back for
the retry; a claim a killed worker left is taken over after ``CLAIM_TIMEOUT`` by the
periodic run. The one window: a worker killed between the mail server's "yes" and the mark
sends that mail twice. A notice whose assignment changed before it went (the due date moved
again, the course completed, the person disabled) is settled without a mail: the newer
notice, if any, says what is true now.

Who is told: learners newly assigned a course (enrolled now, or assigned a course they had
enrolled in on their own) and those whose due date moved. Re-submitting an assignment
unchanged, or another manager re-assigning the same date, tells nobody. People an
assignment file invites get the invitation instead, which lists their courses and dates."""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from config.links import absolute_url
from config.mail import message_in_language
from courses.models import CoursePage, Enrollment
from courses.services import BulkAssignment
from enrolments.models import AssignmentNotice
from enrolments.selectors import BATCH

logger = logging.getLogger("waypoint.enrolments")

CLAIM_TIMEOUT = timedelta(minutes=10)
Kind, Via = AssignmentNotice.Kind, AssignmentNotice.Via


def assignment_notices_owe(
    *,
    course: CoursePage,
    assigned: BulkAssignment,
    due_dates: dict[int, datetime | None],
    assigned_by,
    via: str,
    via_name: str = "",
    leave_out: frozenset[int] = frozenset(),
) -> int:
    """Within the assignment's transaction: the notices ``assigned`` owes (see the module
    docstring), the mails queued for after the commit. ``leave_out``: the people invited
    in the same file. Returns how many."""
    kinds = [(user_id, Kind.ASSIGNED) for user_id in assigned.newly_assigned]
    kinds += [(user_id, Kind.MOVED) for user_id in assigned.moved]
    notices = [
        AssignmentNotice(
            user_id=user_id,
            course=course,
            kind=kind,
            due_at=due_dates[user_id],
            assigned_by=assigned_by,
            via=via,
            via_name=via_name[:255],
        )
        for user_id, kind in kinds
        if user_id not in leave_out
    ]
    AssignmentNotice.objects.bulk_create(notices, batch_size=BATCH)
    if notices:
        transaction.on_commit(_send_soon, robust=True)
    return len(notices)


def _send_soon() -> None:
    from enrolments.tasks import send_assignment_notices

    send_assignment_notices.delay()


def assignment_notices_send() -> int:
    """E-mail every notice owed, in batches (see the module docstring). Returns how many
    mails were sent."""
    sent = 0
    while batch := _claim_batch():
        sent += _send_batch(batch)
    if sent:
        logger.info("assignment notices sent=%s", sent)
    return sent


def _claim_batch() -> list[AssignmentNotice]:
    now = timezone.now()
    with transaction.atomic(durable=True):
        batch = list(
            AssignmentNotice.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent_at__isnull=True)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
            .select_related("user", "course", "assigned_by")
            .order_by("created_at", "pk")[:BATCH]
        )
        AssignmentNotice.objects.filter(pk__in=[n.pk for n in batch]).update(claimed_at=now)
    for notice in batch:
        notice.claimed_at = now
    return batch


def _send_batch(batch: list[AssignmentNotice]) -> int:
    current = _current_assignments(batch)
    sent, done = 0, []
    try:
        for notice in batch:
            enrollment = current.get((notice.user_id, notice.course_id))
            if _still_true(notice, enrollment):
                _message(notice).send()
                sent += 1
            _mark(notice)
            done.append(notice.pk)
    except BaseException:
        AssignmentNotice.objects.filter(
            pk__in=[n.pk for n in batch if n.pk not in done], sent_at__isnull=True
        ).update(claimed_at=None)  # for the retry
        raise
    return sent


def _mark(notice: AssignmentNotice) -> None:
    AssignmentNotice.objects.filter(pk=notice.pk, claimed_at=notice.claimed_at).update(
        sent_at=timezone.now()
    )


def _current_assignments(batch) -> dict[tuple[int, int], Enrollment]:
    """The learners' current enrolments in the courses of the batch: one query."""
    enrollments = Enrollment.objects.current().filter(
        user_id__in={n.user_id for n in batch}, course_id__in={n.course_id for n in batch}
    )
    return {(e.user_id, e.course_id): e for e in enrollments}


def _still_true(notice: AssignmentNotice, enrollment: Enrollment | None) -> bool:
    return (
        enrollment is not None
        and enrollment.status == Enrollment.Status.ACTIVE
        and enrollment.assigned_by_id is not None
        and enrollment.due_at == notice.due_at
        and notice.user.is_active
        and notice.course.live
    )


def _message(notice: AssignmentNotice):
    by = notice.assigned_by
    subject = (
        gettext_lazy("Due date changed: %(course)s")
        if notice.kind == Kind.MOVED
        else gettext_lazy("A course has been assigned to you: %(course)s")
    )
    return message_in_language(
        to=notice.user,
        template="enrolments/email_assigned.txt",
        subject=subject,
        subject_args={"course": notice.course.title},
        context={
            "notice": notice,
            "course": notice.course,
            "moved": notice.kind == Kind.MOVED,
            "manager_name": (by.full_name or by.email) if by else "",
            "course_url": absolute_url(notice.course.url or reverse("learning:dashboard")),
            "dashboard_url": absolute_url(reverse("learning:dashboard")),
        },
    )
