"""What a report counts: the statuses, the criteria (scope and filters) and the condition
every row set starts from, ``enrollments_matching``."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import BigIntegerField, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import OrganisationScope
from courses.models import Enrollment, StepCompletion
from courses.topics import same_topic_ids

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
OVERDUE = "overdue"
STATUS_CHOICES = [
    (NOT_STARTED, _("Not started")),
    (IN_PROGRESS, _("In progress")),
    (COMPLETED, _("Completed")),
    (OVERDUE, _("Overdue")),
]
STATUS_LABELS = dict(STATUS_CHOICES)

ACTIVE = Enrollment.Status.ACTIVE
DONE = Enrollment.Status.COMPLETED


@dataclass(frozen=True)
class ReportCriteria:
    """What a report counts: the scope (already narrowed to a unit when one was chosen) and
    the filters. ``now`` is fixed once per request so that every query agrees on what is
    overdue."""

    scope: OrganisationScope
    course_id: int | None = None
    topic_id: int | None = None
    cohort_id: int | None = None
    enrolled_from: date | None = None
    enrolled_to: date | None = None
    status: str = ""
    language: str = ""  # language of study: a step done in a copy in this language
    now: datetime = field(default_factory=timezone.now)
    fresh: bool = False  # summary figures computed now, not taken from the cache


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def status_q(status: str, now: datetime) -> Q:
    return {
        NOT_STARTED: Q(status=ACTIVE, last_activity_at__isnull=True),
        IN_PROGRESS: Q(status=ACTIVE, last_activity_at__isnull=False),
        COMPLETED: Q(status=DONE),
        OVERDUE: Q(status=ACTIVE, due_at__lt=now),
    }[status]


# --- whose figures an enrolment is in ------------------------------------------------------
#
# An enrolment counts in the unit its holder belongs to now, except one completed before the
# holder left a unit: that one stays in the figures of the unit left (``reported_unit``,
# set by ``courses.services.enrollments_keep_unit`` when the person moves). So a unit keeps
# the completions made while the person was in it, and the new unit counts the enrolments
# the person brings that are still open, and everything completed from then on.


def holders_in(scope: OrganisationScope) -> QuerySet:
    """Ids of everyone who may have rows in the scope: its people, and the people whose
    kept completions a unit of it reports. Rows are found from these (as before people
    moved: by the learners' index), then the condition below sorts them out."""
    units = scope.organisations().values("pk")
    kept = Enrollment.objects.filter(reported_unit__in=units).values("user_id").order_by()
    return _people_of(scope).union(kept, all=True)


def _people_of(scope: OrganisationScope) -> QuerySet:
    return scope.users().values("pk").order_by()


def reported_unit_q(scope: OrganisationScope, enrolment_of_row: QuerySet | None = None) -> Q:
    """Rows whose enrolment counts in the scope's units: kept by one of them, or not kept
    and held by one of their people. ``enrolment_of_row`` is None when the rows are
    enrolments, else the row's enrolment through ``OuterRef`` (a certificate's, an
    attempt's cycle): kept enrolments are few, so asking about them costs a small index."""
    if scope.everything:
        return Q()
    if scope.is_empty:
        return Q(pk__in=[])
    units = scope.organisations().values("pk")
    if enrolment_of_row is None:
        held_here = Q(reported_unit__isnull=True, user__in=_people_of(scope))
        kept_here = Q(reported_unit__in=units)
    else:
        kept = enrolment_of_row.filter(reported_unit__isnull=False)
        held_here = ~Exists(kept) & Q(user__in=_people_of(scope))
        kept_here = Exists(kept.filter(reported_unit__in=units))
    return Q(user__in=holders_in(scope)) & (held_here | kept_here)


def reported_unit_id(enrolment: str = "", user: str = "user"):
    """The id of the unit whose figures an enrolment is in."""
    return Coalesce(
        F(f"{enrolment}reported_unit_id"),
        F(f"{user}__organisation_id"),
        output_field=BigIntegerField(),
    )


def _criteria_q(
    criteria: ReportCriteria,
    *,
    user: str,
    course: str,
    enrolment: str | None,
    enrolment_of_row: QuerySet | None = None,
) -> Q:
    """The scope and filters as a condition on any row that names a learner (``user``
    lookup) and a course (``course`` lookup); ``enrolment`` is the lookup prefix of the
    enrolment's own fields, or None when the row has no enrolment (then the caller adds
    the enrolment-level filters itself); ``enrolment_of_row`` as in ``reported_unit_q``."""
    condition = reported_unit_q(criteria.scope, enrolment_of_row)
    if criteria.course_id:
        condition &= Q(**{f"{course}_id": criteria.course_id})
    if criteria.topic_id:
        condition &= Q(**{f"{course}__topic_id__in": same_topic_ids(criteria.topic_id)})
    if criteria.cohort_id:
        condition &= Q(**{f"{user}__cohorts": criteria.cohort_id})
    if enrolment is not None:
        condition &= _enrolment_fields_q(criteria, enrolment)
    return condition


def _enrolment_fields_q(criteria: ReportCriteria, prefix: str) -> Q:
    condition = Q()
    if criteria.enrolled_from:
        condition &= Q(**{f"{prefix}enrolled_at__gte": _start_of(criteria.enrolled_from)})
    if criteria.enrolled_to:
        next_day = _start_of(criteria.enrolled_to + timedelta(days=1))
        condition &= Q(**{f"{prefix}enrolled_at__lt": next_day})
    if criteria.status:
        status = status_q(criteria.status, criteria.now)
        condition &= Q(*[(f"{prefix}{k}", v) for k, v in status.children])
    if criteria.language:
        # Studied in that language: a lesson read or a quiz passed in a copy in it (a
        # learner who switched counts under each language, once in each).
        studied = StepCompletion.objects.filter(
            enrollment=OuterRef(f"{prefix}pk"), language=criteria.language
        )
        condition &= Q(Exists(studied))
    return condition


def _has_enrolment_fields(criteria: ReportCriteria) -> bool:
    return bool(
        criteria.enrolled_from or criteria.enrolled_to or criteria.status or criteria.language
    )


def enrollments_matching(criteria: ReportCriteria) -> QuerySet:
    """Current enrolments in scope that pass the filters. The one place rows start from;
    certificates and attempts below are narrowed by the same conditions."""
    return Enrollment.objects.current().filter(
        _criteria_q(criteria, user="user", course="course", enrolment="")
    )


def scope_unit_names(scope: OrganisationScope) -> list[str]:
    """The names of the units a scope is made of (the manager's units, or the unit chosen),
    in tree order; empty for everything (one query, none for everything)."""
    if scope.everything or scope.is_empty:
        return []
    return list(
        scope.organisations()
        .filter(path__in=scope.paths)
        .order_by("path")
        .values_list("name", flat=True)
    )
