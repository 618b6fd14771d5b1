"""Writes to cohorts: named groups of people from one unit's subtree.

As in ``accounts.services.organisations``: each service checks that ``actor`` (None: the
system) has the cohort's unit in their scope, makes the change in one transaction and
writes the audit-log entry, membership changes included; atomic but not durable, for the
same reason.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from accounts.models import Cohort, Organisation, User

from .organisations import in_subtree, log_cohort_members, require_in_scope

logger = logging.getLogger("waypoint.accounts")


def _cohort_saved(cohort: Cohort) -> Cohort:
    cohort.name = " ".join(cohort.name.split())
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_create(
    *, name: str, organisation: Organisation, description: str = "", actor: User | None = None
) -> Cohort:
    require_in_scope(actor, organisation)
    cohort = _cohort_saved(
        Cohort(name=name, organisation=organisation, description=description.strip())
    )
    log(instance=cohort, action="wagtail.create", user=actor)
    logger.info("cohort created id=%s unit=%s", cohort.pk, organisation.code)
    return cohort


@transaction.atomic
def cohort_update(
    *,
    cohort: Cohort,
    name: str,
    organisation: Organisation,
    description: str = "",
    actor: User | None = None,
) -> Cohort:
    """Rename a cohort or give it to another unit; refused while members would fall
    outside the new unit's subtree."""
    require_in_scope(actor, cohort.organisation, organisation)
    if organisation.pk != cohort.organisation_id:
        outside = cohort.members.exclude(organisation__path__startswith=organisation.path)
        if outside.exists():
            count = outside.count()
            raise ValidationError(
                ngettext(
                    "%(count)s member is outside %(unit)s: remove them from the cohort "
                    "before giving it to that unit.",
                    "%(count)s members are outside %(unit)s: remove them from the cohort "
                    "before giving it to that unit.",
                    count,
                )
                % {"count": count, "unit": organisation.name},
                code="members_outside",
            )
    cohort.name, cohort.organisation, cohort.description = name, organisation, description.strip()
    _cohort_saved(cohort)
    log(instance=cohort, action="wagtail.edit", user=actor)
    logger.info("cohort updated id=%s unit=%s", cohort.pk, organisation.code)
    return cohort


@transaction.atomic
def cohort_set_members(*, cohort: Cohort, members: list[User], actor: User | None = None) -> Cohort:
    """Make exactly these people the members; everyone must belong to the cohort's unit or
    a unit below it, or nothing changes. Who joined and who left goes in the audit log."""
    require_in_scope(actor, cohort.organisation)
    outside = [user for user in members if not in_subtree(user.organisation, cohort.organisation)]
    if outside:
        raise ValidationError(
            _("Not in %(unit)s or its units: %(people)s.")
            % {
                "unit": cohort.organisation.name,
                "people": ", ".join(sorted(user.email for user in outside)),
            },
            code="members_outside",
        )
    before = set(cohort.members.values_list("pk", flat=True))
    after = {user.pk for user in members}
    cohort.members.set(members)
    log_cohort_members(cohort, actor, added=after - before, removed=before - after)
    logger.info("cohort members set id=%s count=%s", cohort.pk, len(members))
    return cohort


@transaction.atomic
def cohort_delete(*, cohort: Cohort, actor: User | None = None) -> None:
    """The people stay where they are; only the grouping goes."""
    require_in_scope(actor, cohort.organisation)
    pk = cohort.pk
    log(instance=cohort, action="wagtail.delete", user=actor)
    cohort.delete()
    logger.info("cohort deleted id=%s", pk)
