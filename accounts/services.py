import logging

from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .models import Organisation, User

logger = logging.getLogger("waypoint.accounts")

_UNSET = object()


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    full_name: str | object = _UNSET,
    preferred_language: str | object = _UNSET,
    organisation: Organisation | None | object = _UNSET,
) -> User:
    """Change what a user may change about themselves; fields left out stay as they are."""
    changed = []
    if full_name is not _UNSET:
        user.full_name = " ".join(str(full_name).split())
        changed.append("full_name")
    if preferred_language is not _UNSET:
        user.preferred_language = preferred_language
        changed.append("preferred_language")
    if organisation is not _UNSET:
        user.organisation = organisation
        changed.append("organisation")
    user.full_clean(exclude=["password"])
    if user.pk:
        user.save(update_fields=changed)
    logger.info("profile updated user=%s fields=%s", user.pk, ",".join(changed))
    return user


@transaction.atomic
def user_assign_role(*, user: User, role: str) -> User:
    """Give a user one of the roles of ``accounts.roles``; the groups carry the permissions."""
    if role not in roles.ALL_ROLES:
        raise ValueError(f"Unknown role: {role!r}")
    user.groups.add(Group.objects.get(name=role))
    logger.info("role assigned user=%s role=%s", user.pk, role)
    return user


@transaction.atomic
def organisation_create(
    *, name: str, code: str, country: str = "", parent: Organisation | None = None
) -> Organisation:
    fields = {"name": name, "code": code, "country": country}
    if parent is None:
        return Organisation.add_root(**fields)
    return parent.add_child(**fields)


@transaction.atomic
def manager_set_units(*, manager: User, organisations: list[Organisation]) -> User:
    """Make ``manager`` the manager of exactly these units (and so of their subtrees), and
    give them the manager role if they lack it."""
    manager.managed_organisations.set(organisations)
    if organisations:
        manager.groups.add(Group.objects.get(name=roles.MANAGERS))
    logger.info(
        "manager units set user=%s units=%s", manager.pk, ",".join(o.code for o in organisations)
    )
    return manager
