"""Bulk assignment: a manager assigns a course to a unit, a cohort or a CSV file's people,
in batches, one bulk assignment of a course at a time."""

import logging
from datetime import datetime

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses import access
from courses.models import CoursePage, Enrollment
from courses.services.enrolment import EnrollmentError

logger = logging.getLogger("waypoint.courses")


BULK_BATCH_SIZE = 500
# The first key of the advisory lock that serialises bulk assignments of a course.
BULK_ASSIGNMENT_LOCK_CLASS = 0x5741_0001


class BulkAssignment(dict):
    """How many enrolments were created, updated, left alone because completed or because
    unchanged (the dict), and who the assignment is news to: ``newly_assigned``, the ids of
    learners enrolled now or assigned now a course they had enrolled in themselves, and
    ``moved``, those already assigned it whose due date changed. Whoever tells the learners
    (``enrolments``) reads these; a second manager re-assigning the same date is neither."""

    def __init__(self):
        super().__init__(created=0, updated=0, completed=0, unchanged=0)
        self.newly_assigned: list[int] = []
        self.moved: list[int] = []


def enrollments_assign_bulk(
    *, course: CoursePage, due_dates: dict[int, datetime | None], assigned_by
) -> BulkAssignment:
    """``enrollment_assign`` for many learners at once, in a fixed number of queries per
    batch of ``BULK_BATCH_SIZE`` learners: one SELECT of their current enrolments, one
    INSERT of the missing ones, and an UPDATE of the due dates that change (one per date, at
    most five, else a single ``bulk_update``).

    ``due_dates`` maps the ids of active users (the caller checks) to each one's due date.
    Completed enrolments are left alone, as ``enrollment_assign`` leaves them. A learner who
    enrols on their own between the SELECT and the INSERT keeps their enrolment (the insert
    ignores the conflict). Returns how many enrolments were created, updated (due date set),
    left alone because completed, and left alone because they already had that due date,
    with who it is news to (``BulkAssignment``).
    """
    if not course.live:
        raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
    counts = BulkAssignment()
    user_ids = list(due_dates)
    refused = access.users_refused(user_ids, page_path=course.path)
    if refused:
        raise EnrollmentError(
            ngettext(
                "%(count)s of these people may not see this course: it is open only to certain "
                "groups of users. Nothing was assigned.",
                "%(count)s of these people may not see this course: it is open only to certain "
                "groups of users. Nothing was assigned.",
                len(refused),
            )
            % {"count": len(refused)},
            code="restricted",
        )
    with transaction.atomic():
        _wait_for_other_bulk_assignments(course)
        for start in range(0, len(user_ids), BULK_BATCH_SIZE):
            batch = {
                user_id: due_dates[user_id] for user_id in user_ids[start : start + BULK_BATCH_SIZE]
            }
            _assign_batch(course=course, due_dates=batch, assigned_by=assigned_by, counts=counts)
    logger.info(
        "assigned in bulk course=%s by=%s %s",
        course.pk,
        assigned_by.pk,
        " ".join(f"{key}={value}" for key, value in counts.items()),
    )
    return counts


def _wait_for_other_bulk_assignments(course: CoursePage) -> None:
    """Bulk assignments of one course take turns (PostgreSQL's advisory lock, released at
    commit). Without it, the same form submitted twice at once makes the second wait on the
    first's row locks and then miss the rows the first inserted, so it reports them as
    enrolled a second time. SQLite has one writer at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [BULK_ASSIGNMENT_LOCK_CLASS, course.pk]
            )


def _assign_batch(*, course, due_dates, assigned_by, counts) -> None:
    current = {
        user_id: (pk, status, due_at, by)
        for pk, user_id, status, due_at, by in Enrollment.objects.current()
        .select_for_update()
        .filter(course=course, user_id__in=list(due_dates))
        .values_list("pk", "user_id", "status", "due_at", "assigned_by_id")
    }
    new, changed = [], []
    for user_id, due_at in due_dates.items():
        found = current.get(user_id)
        if found is None:
            new.append(
                Enrollment(user_id=user_id, course=course, due_at=due_at, assigned_by=assigned_by)
            )
        elif found[1] == Enrollment.Status.COMPLETED:
            counts["completed"] += 1
        elif found[2] == due_at and found[3] == assigned_by.pk:
            counts["unchanged"] += 1
        else:
            changed.append(Enrollment(pk=found[0], due_at=due_at, assigned_by=assigned_by))
            if found[3] is None:  # enrolled on their own: the assignment is news
                counts.newly_assigned.append(user_id)
            elif found[2] != due_at:
                counts.moved.append(user_id)
    counts.newly_assigned.extend(enrollment.user_id for enrollment in new)
    Enrollment.objects.bulk_create(new, batch_size=BULK_BATCH_SIZE, ignore_conflicts=True)
    _update_due_dates(changed, assigned_by)
    counts["created"] += len(new)
    counts["updated"] += len(changed)


def _update_due_dates(changed: list[Enrollment], assigned_by) -> None:
    """One UPDATE per due date when a batch has few of them (the usual case: a whole file
    or unit due on one day), else ``bulk_update``, whose CASE is slow to build but still one
    statement per batch."""
    by_due: dict[datetime | None, list[int]] = {}
    for enrollment in changed:
        by_due.setdefault(enrollment.due_at, []).append(enrollment.pk)
    if len(by_due) > 5:
        Enrollment.objects.bulk_update(
            changed, ["due_at", "assigned_by"], batch_size=BULK_BATCH_SIZE
        )
        return
    for due_at, ids in by_due.items():
        Enrollment.objects.filter(pk__in=ids).update(due_at=due_at, assigned_by=assigned_by)
