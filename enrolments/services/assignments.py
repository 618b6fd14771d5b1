"""A manager assigns a course with a due date to a unit (its whole subtree) or to a cohort.
Every function resolves the manager's scope with ``organisation_scope_for`` and refuses
anything outside it; values from a form can only narrow it. An assignment is written in
one transaction with its audit-log entry (on the unit or the cohort).

``assignment_summary`` is the dry run the confirmation page shows. It stays here rather
than in ``enrolments.selectors``: it raises the same scope errors as the assignment through
the same member lookups, so that what the page promises is what the assignment does.
The CSV import is ``enrolments.services.imports``."""

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import Cohort, Organisation
from accounts.selectors import OrganisationScope, organisation_scope_for
from courses.models import CoursePage, Enrollment
from courses.services import EnrollmentError, enrollments_assign_bulk
from enrolments.services.notices import Via, assignment_notices_owe

logger = logging.getLogger("waypoint.enrolments")

LOG_UNIT = "waypoint.assignment.unit"
LOG_COHORT = "waypoint.assignment.cohort"


class AssignmentError(ValidationError):
    """An assignment that cannot be made; the message says why. Nothing was written."""


def due_at_for(day: date) -> datetime:
    """A due date is a day: the course is due by the end of it."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def assigning_scope(manager) -> OrganisationScope:
    """The manager's scope; refused (``AssignmentError``) when empty. Every assignment, by
    unit, cohort or file, starts here."""
    scope = organisation_scope_for(manager)
    if scope.is_empty:
        raise AssignmentError(
            _("You manage no organisation unit, so you cannot assign courses."), code="no_scope"
        )
    return scope


def _require_assignable(course: CoursePage, due_at: datetime | None) -> None:
    if not course.live:
        raise AssignmentError(_("This course is not published."), code="not_live")
    if due_at is not None and due_at < timezone.now():
        raise AssignmentError(_("The due date is in the past."), code="past_due_date")


# --- a unit or a cohort -----------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentSummary:
    """Who an assignment reaches: before it (the confirmation) and after it."""

    learners: int
    to_enrol: int
    to_update: int
    completed: int
    left_out: int = 0  # cohort members outside the manager's scope, or disabled


def _unit_members(manager, organisation: Organisation):
    scope = assigning_scope(manager).narrow_to(organisation)
    if scope.is_empty:
        raise AssignmentError(_("This unit is not in your organisation."), code="out_of_scope")
    return scope.users().filter(is_active=True), 0


def _cohort_members(manager, cohort: Cohort):
    scope = assigning_scope(manager)
    if not scope.contains(cohort.organisation):
        raise AssignmentError(_("This cohort is not in your organisation."), code="out_of_scope")
    members = cohort.members.filter(scope.q("organisation"), is_active=True)
    return members, cohort.members.count() - members.count()


def assignment_summary(
    *, manager, course: CoursePage, organisation: Organisation | None = None, cohort=None
) -> AssignmentSummary:
    """How many learners an assignment would enrol, update, or find already done."""
    if cohort is not None:
        members, left_out = _cohort_members(manager, cohort)
    else:
        members, left_out = _unit_members(manager, organisation)
    learners = members.count()
    by_status = dict(
        Enrollment.objects.current()
        .filter(course=course, user__in=members.values("pk"))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    completed = by_status.get(Enrollment.Status.COMPLETED, 0)
    active = by_status.get(Enrollment.Status.ACTIVE, 0)
    return AssignmentSummary(
        learners=learners,
        to_enrol=learners - completed - active,
        to_update=active,
        completed=completed,
        left_out=left_out,
    )


def _assign(manager, target, members, left_out, course, due_at) -> AssignmentSummary:
    """Enrol or set the due date of every member, and log it on the unit or cohort, in one
    transaction: all of them or none. The learners it is news to are e-mailed after the
    commit (``enrolments.services.notices``)."""
    _require_assignable(course, due_at)
    with transaction.atomic():
        user_ids = list(members.values_list("pk", flat=True))
        due_dates = dict.fromkeys(user_ids, due_at)
        try:
            counts = enrollments_assign_bulk(
                course=course, due_dates=due_dates, assigned_by=manager
            )
        except EnrollmentError as error:
            raise AssignmentError(error.message, code=error.code) from None
        assignment_notices_owe(
            course=course,
            assigned=counts,
            due_dates=due_dates,
            assigned_by=manager,
            via=Via.UNIT if isinstance(target, Organisation) else Via.COHORT,
            via_name=target.name,
        )
        result = AssignmentSummary(
            learners=len(user_ids),
            to_enrol=counts["created"],
            to_update=counts["updated"] + counts["unchanged"],
            completed=counts["completed"],
            left_out=left_out,
        )
        log(
            instance=target,
            action=LOG_UNIT if isinstance(target, Organisation) else LOG_COHORT,
            user=manager,
            data={
                "course_id": course.pk,
                "course": course.title,
                "due_at": due_at.isoformat() if due_at else None,
                **asdict(result),
            },
        )
    return result


def assignment_to_unit(
    *, manager, organisation: Organisation, course: CoursePage, due_at: datetime | None
) -> AssignmentSummary:
    """Assign the course to every active person of the unit and of the units below it."""
    members, left_out = _unit_members(manager, organisation)
    result = _assign(manager, organisation, members, left_out, course, due_at)
    logger.info(
        "assigned to unit=%s course=%s by=%s learners=%s",
        organisation.pk,
        course.pk,
        manager.pk,
        result.learners,
    )
    return result


def assignment_to_cohort(
    *, manager, cohort: Cohort, course: CoursePage, due_at: datetime | None
) -> AssignmentSummary:
    """Assign the course to the cohort's active members inside the manager's scope; the
    others are left out and counted."""
    members, left_out = _cohort_members(manager, cohort)
    result = _assign(manager, cohort, members, left_out, course, due_at)
    logger.info(
        "assigned to cohort=%s course=%s by=%s learners=%s left_out=%s",
        cohort.pk,
        course.pk,
        manager.pk,
        result.learners,
        left_out,
    )
    return result
