"""Who belongs to which unit: the one way a person's unit changes, whoever changes it.

A change of unit, for whatever reason (a manager moves people, a request is approved, an
e-mail domain rule places a new account, an administrator edits the account), goes through
``_unit_changed``: the unit left keeps the person's completions so far in its reports
(``accounts.events.unit_leaving``), cohorts the new unit lies outside of drop them (logged
on each cohort), and the person's audit log gets an entry naming both units. People
invited by an import get their unit on creation (``users.users_invite_bulk``), logged too.

The entries keep unit ids, codes and names as they were, never a person's name or address:
the export of a person's data reads them back as their unit history.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from accounts.events import publish_unit_leaving
from accounts.models import Cohort, Organisation, User
from accounts.selectors import organisation_scope_for, units_at_or_above

from .organisations import log_cohort_members

logger = logging.getLogger("waypoint.accounts")

LOG_MOVE_PERSON = "waypoint.organisation.move_person"  # a manager or administrator moved them
LOG_JOIN_APPROVED = "waypoint.membership.approve"  # their request to join was approved
LOG_DOMAIN_PLACED = "waypoint.membership.domain_rule"  # their verified address placed them
LOG_PLACED = "waypoint.membership.place"  # an administrator (or the system) set their unit
LOG_INVITE = "waypoint.user.invite"  # an invitation created their account in a unit
LOG_SSO_PLACED = "waypoint.membership.sso_rule"  # a single sign-on claim placed them


def unit_ref(unit: Organisation | None) -> dict | None:
    """A unit as audit entries keep it: what it was called then."""
    if unit is None:
        return None
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def _unit_changed(
    user: User, previous: Organisation | None, unit: Organisation | None, *, actor, action, **data
) -> None:
    """Everything that follows a change of unit; ``user.organisation`` is not yet saved."""
    if previous is not None:
        publish_unit_leaving(user_id=user.pk, unit_id=previous.pk)
    user.organisation = unit
    user.save(update_fields=["organisation"])
    kept = units_at_or_above(unit) if unit is not None else []
    left = list(Cohort.objects.filter(members=user).exclude(organisation__path__in=kept))
    for cohort in left:
        cohort.members.remove(user)
        log_cohort_members(cohort, actor, added=[], removed=[user.pk])
    log(
        instance=user,
        action=action,
        user=actor,
        data={"from": unit_ref(previous), "to": unit_ref(unit), **data},
    )
    logger.info(
        "unit changed user=%s from=%s to=%s action=%s cohorts_left=%s",
        user.pk,
        previous.code if previous else "-",
        unit.code if unit else "-",
        action,
        ",".join(str(cohort.pk) for cohort in left),
    )


def _stored_unit(user: User) -> Organisation | None:
    """The person's unit as stored, the row locked: two decisions about one person queue."""
    locked = User.objects.select_for_update().only("organisation").get(pk=user.pk)
    return locked.organisation


def change_unit(
    *, user: User, unit: Organisation | None, actor: User | None, action: str, **data
) -> bool:
    """Put ``user`` in ``unit`` (None: in no unit) for the reason ``action`` names. No
    permission check: the caller made it. Returns False when they were there already."""
    with transaction.atomic():
        previous = _stored_unit(user)
        if (previous.pk if previous else None) == (unit.pk if unit else None):
            user.organisation = previous
            return False
        _unit_changed(user, previous, unit, actor=actor, action=action, **data)
    return True


def unit_change_record(*, user: User, previous: Organisation | None, actor: User | None) -> None:
    """For a form that has already saved a new unit (the user editors of Wagtail and Django's
    admin): the same consequences and entry as ``change_unit``."""
    if (previous.pk if previous else None) == user.organisation_id:
        return
    with transaction.atomic():
        _unit_changed(user, previous, user.organisation, actor=actor, action=LOG_PLACED)


@transaction.atomic
def user_place_in_unit(*, user: User, unit: Organisation | None, actor: User | None = None) -> User:
    """Set a person's unit outright: the system (demo data, tests) with ``actor=None``, or
    someone whose scope holds both where the person is and where they go."""
    if actor is not None:
        scope = organisation_scope_for(actor)
        if not (scope.contains(_stored_unit(user)) and scope.contains(unit)):
            raise PermissionDenied
    change_unit(user=user, unit=unit, actor=actor, action=LOG_PLACED)
    return user


@transaction.atomic
def users_move_to_organisation(
    *, users: list[User], organisation: Organisation, actor: User | None = None
) -> list[User]:
    """Move people to another unit (the organisation screen). The actor's scope must hold
    where each person is and where they go. Their old unit keeps their completions so far;
    cohorts the new unit lies outside of lose them, as with every change of unit."""
    if actor is not None:
        scope = organisation_scope_for(actor)
        inside = scope.users().filter(pk__in=[user.pk for user in users]).count()
        if not scope.contains(organisation) or inside != len({user.pk for user in users}):
            raise PermissionDenied
    for user in users:
        change_unit(user=user, unit=organisation, actor=actor, action=LOG_MOVE_PERSON)
    return users


# Whatever put a person in a unit or took them out of one.
UNIT_CHANGE_ACTIONS = (
    LOG_MOVE_PERSON,
    LOG_JOIN_APPROVED,
    LOG_DOMAIN_PLACED,
    LOG_PLACED,
    LOG_INVITE,
    LOG_SSO_PLACED,
)
