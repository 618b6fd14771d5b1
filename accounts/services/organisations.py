"""Writes to the organisation tree: units and their managers (who belongs where is
``accounts.services.placement`` and ``membership``).

Each service does the whole change, as Wagtail's ``wagtail/actions/`` do: it checks that
``actor`` may make it (changing the tree and its managers is for administrators; moving
people needs both units in the actor's scope), makes it in one transaction, and writes the
audit-log entry with who did it. ``actor=None`` is the system (the demo data, a test's set-up):
no check, and entries without a person, as Wagtail does for changes made without a user.

None is marked ``durable``, though the admin screens call them outermost: the demo builder,
the tests' module-wide worlds and the access matrix (one savepoint per request) call them
inside transactions of their own, and a durable block refuses to nest.
"""

import logging

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import roles
from accounts.models import Cohort, Organisation, User
from accounts.selectors import may_edit_organisation_tree, organisation_scope_for

logger = logging.getLogger("waypoint.accounts")

LOG_ADD_MANAGER = "waypoint.organisation.add_manager"
LOG_REMOVE_MANAGER = "waypoint.organisation.remove_manager"
LOG_COHORT_MEMBERS = "waypoint.cohort.members"


def require_tree_editor(actor: User | None) -> None:
    if actor is not None and not may_edit_organisation_tree(actor):
        raise PermissionDenied


def require_in_scope(actor: User | None, *organisations: Organisation) -> None:
    if actor is None:
        return
    scope = organisation_scope_for(actor)
    if not all(scope.contains(organisation) for organisation in organisations):
        raise PermissionDenied


def in_subtree(organisation: Organisation | None, root: Organisation) -> bool:
    return organisation is not None and organisation.path.startswith(root.path)


def log_cohort_members(cohort: Cohort, actor: User | None, *, added, removed) -> None:
    """Who joined and left a cohort, by account id only: an entry keeps no name or address
    (closing an account forgets the label of entries about the person, not their data)."""
    if added or removed:
        data = {"added": sorted(added), "removed": sorted(removed)}
        log(instance=cohort, action=LOG_COHORT_MEMBERS, user=actor, data=data)


@transaction.atomic
def organisation_create(
    *,
    name: str,
    code: str,
    country: str = "",
    parent: Organisation | None = None,
    actor: User | None = None,
) -> Organisation:
    require_tree_editor(actor)
    fields = {"name": name, "code": code, "country": country}
    unit = Organisation.add_root(**fields) if parent is None else parent.add_child(**fields)
    log(instance=unit, action="wagtail.create", user=actor)
    logger.info("organisation created code=%s path=%s", unit.code, unit.path)
    return unit


def _validated(organisation: Organisation) -> Organisation:
    organisation.name = " ".join(organisation.name.split())
    organisation.code = organisation.code.strip().lower()
    organisation.full_clean(exclude=["path", "depth", "numchild"])
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    code: str,
    country: str = "",
    parent: Organisation | None,
    actor: User | None = None,
) -> Organisation:
    """Rename a unit and/or move it (with its subtree) under another parent; ``parent=None``
    makes it a ministry at the top of the tree. Moving a unit below itself is refused."""
    require_tree_editor(actor)
    if parent is not None and in_subtree(parent, organisation):
        raise ValidationError(
            _("A unit cannot be moved below itself or one of its own units."), code="cycle"
        )
    organisation.name, organisation.code, organisation.country = name, code, country
    _validated(organisation).save()
    # Re-sorting keeps siblings in name order after a rename; it also does the move.
    if parent is None:
        organisation.move(Organisation.get_first_root_node(), "sorted-sibling")
    else:
        organisation.move(parent, "sorted-child")
    organisation.refresh_from_db()
    log(instance=organisation, action="wagtail.edit", user=actor)
    logger.info("organisation updated code=%s path=%s", organisation.code, organisation.path)
    return organisation


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: User | None = None) -> None:
    """Delete an empty unit. One with units, people or cohorts is refused, and leaves no
    audit entry: deleting it would silently take people out of every manager's reports."""
    require_tree_editor(actor)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.get_children_count() or locked.members.exists() or locked.cohorts.exists():
        raise ValidationError(
            _("Only an empty unit can be deleted: move its units, people and cohorts first."),
            code="not_empty",
        )
    log(instance=locked, action="wagtail.delete", user=actor)
    try:
        locked.delete()
    except ProtectedError:
        raise ValidationError(
            _(
                "This unit's reports keep the completions of people who have left it, so it "
                "cannot be deleted. Rename it instead, for example with “(closed)”."
            ),
            code="has_history",
        ) from None
    logger.info("organisation deleted code=%s", organisation.code)


@transaction.atomic
def organisation_add_manager(
    *, organisation: Organisation, user: User, actor: User | None = None
) -> User:
    """Make ``user`` a manager of this unit (and so of its subtree), with the manager role."""
    require_tree_editor(actor)
    if not user.is_active:
        raise ValidationError(_("This account is disabled."), code="inactive")
    user.managed_organisations.add(organisation)
    user.groups.add(Group.objects.get(name=roles.MANAGERS))
    log(instance=organisation, action=LOG_ADD_MANAGER, user=actor, data={"manager": user.pk})
    logger.info("manager added user=%s unit=%s", user.pk, organisation.code)
    return user


@transaction.atomic
def organisation_remove_manager(
    *, organisation: Organisation, user: User, actor: User | None = None
) -> User:
    """Stop ``user`` managing this unit. They keep the manager role (and any other units):
    with no unit left, their reports are simply empty."""
    require_tree_editor(actor)
    user.managed_organisations.remove(organisation)
    log(instance=organisation, action=LOG_REMOVE_MANAGER, user=actor, data={"manager": user.pk})
    logger.info("manager removed user=%s unit=%s", user.pk, organisation.code)
    return user


@transaction.atomic
def manager_set_units(
    *, manager: User, organisations: list[Organisation], actor: User | None = None
) -> User:
    """Make ``manager`` the manager of exactly these units (and so of their subtrees), and
    give them the manager role if they lack it. Each unit gained or lost is logged as on
    the managers screen."""
    require_tree_editor(actor)
    before = {unit.pk: unit for unit in manager.managed_organisations.all()}
    after = {unit.pk: unit for unit in organisations}
    manager.managed_organisations.set(organisations)
    if organisations:
        manager.groups.add(Group.objects.get(name=roles.MANAGERS))
    changes = [(after[pk], LOG_ADD_MANAGER) for pk in after.keys() - before.keys()]
    changes += [(before[pk], LOG_REMOVE_MANAGER) for pk in before.keys() - after.keys()]
    for unit, action in changes:
        log(instance=unit, action=action, user=actor, data={"manager": manager.pk})
    logger.info(
        "manager units set user=%s units=%s", manager.pk, ",".join(o.code for o in organisations)
    )
    return manager
