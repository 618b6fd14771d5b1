"""Units' required courses: set and removed by the unit's managers (or managers above it)
and administrators, each change in the audit log."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import Organisation, User
from accounts.selectors import organisation_scope_for, units_at_or_above
from certificates.models import UnitCourseRequirement
from courses.models import CoursePage

logger = logging.getLogger("waypoint.certificates")

LOG_REQUIRE = "waypoint.requirement.add"
LOG_UNREQUIRE = "waypoint.requirement.remove"


def _require_scope(actor: User | None, unit: Organisation) -> None:
    if actor is not None and not organisation_scope_for(actor).contains(unit):
        raise PermissionDenied


def _entry(requirement: UnitCourseRequirement) -> dict:
    return {
        "unit": {"id": requirement.unit_id, "name": requirement.unit.name},
        "course": {"id": requirement.course_id, "title": requirement.course.title},
    }


def requirement_add(
    *, unit: Organisation, course: CoursePage, actor: User | None = None
) -> UnitCourseRequirement:
    """Require ``course`` of everyone in ``unit`` and the units below it. Refused when the
    unit, or a unit above it, already requires the course (the people are the same)."""
    _require_scope(actor, unit)
    with transaction.atomic():
        ancestors = units_at_or_above(unit)
        existing = (
            UnitCourseRequirement.objects.select_for_update()
            .filter(course=course, unit__path__in=ancestors)
            .select_related("unit")
            .first()
        )
        if existing is not None:
            raise ValidationError(
                _("%(unit)s already requires this course, for %(here)s too.")
                % {"unit": existing.unit.name, "here": unit.name},
                code="already_required",
            )
        requirement = UnitCourseRequirement.objects.create(
            unit=unit, course=course, created_by=actor
        )
        log(instance=requirement, action=LOG_REQUIRE, user=actor, data=_entry(requirement))
    logger.info("course required unit=%s course=%s", unit.pk, course.pk)
    return requirement


def requirement_remove(*, requirement: UnitCourseRequirement, actor: User | None = None) -> None:
    _require_scope(actor, requirement.unit)
    with transaction.atomic():
        log(instance=requirement, action=LOG_UNREQUIRE, user=actor, data=_entry(requirement))
        pk = requirement.pk
        requirement.delete()
    logger.info("course requirement removed id=%s", pk)
