import logging

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import roles
from .models import Cohort, Organisation, User

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
def user_sign_in_details_changed(
    *, request, user: User, old_email: str, password_changed: bool
) -> None:
    """After someone else (an administrator in Wagtail's user editor, a superuser in the Django
    admin) saved a new address or password for ``user``: tell the person, at the address they
    had, and make a new address prove itself.

    The new address becomes the only one and unverified, so the next sign-in with it sends a
    confirmation link instead of signing in (``ACCOUNT_EMAIL_VERIFICATION``). Allauth's own
    pages send the same notices for the changes people make themselves.
    """
    email_changed = old_email.casefold() != user.email.casefold()
    if email_changed:
        EmailAddress.objects.filter(user=user).delete()
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    if not (email_changed or password_changed):
        return
    logger.info(
        "sign-in details changed by another user=%s actor=%s email=%s password=%s",
        user.pk,
        getattr(request.user, "pk", None),
        email_changed,
        password_changed,
    )

    def send_notices():
        # Allauth renders its mails for the request in its context (site, client address).
        with request_context(request):
            _send_sign_in_details_notices(
                user=user,
                old_email=old_email,
                password_changed=password_changed,
                email_changed=email_changed,
            )

    transaction.on_commit(send_notices)


def _send_sign_in_details_notices(*, user, old_email, password_changed, email_changed):
    """Allauth's notices, with "an administrator made this change" and sent to the address
    the person had: a new one is not theirs until they confirm it."""
    adapter = get_adapter()
    context = {"changed_by_administrator": True}
    if password_changed:
        adapter.send_notification_mail(
            "account/email/password_changed", user, context, email=old_email
        )
    if email_changed:
        adapter.send_notification_mail(
            "account/email/email_changed",
            user,
            {**context, "from_email": old_email, "to_email": user.email},
            email=old_email,
        )


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


# --- organisation management, cohorts, digest preference ------------------------------------
#
# Who may do these is the caller's question (``reports`` checks the organisation scope); the
# services keep the tree and the cohorts consistent whoever calls them.


def _in_subtree(organisation: Organisation | None, root: Organisation) -> bool:
    return organisation is not None and organisation.path.startswith(root.path)


@transaction.atomic
def user_move_to_organisation(*, user: User, organisation: Organisation) -> User:
    """Move a person to another unit. Cohorts they belong to that the new unit lies outside
    of lose them: a cohort's members come from its unit's subtree."""
    previous = user.organisation
    user.organisation = organisation
    user.save(update_fields=["organisation"])
    steps = range(Organisation.steplen, len(organisation.path) + 1, Organisation.steplen)
    units_above_or_same = [organisation.path[:end] for end in steps]
    left = list(
        Cohort.objects.filter(members=user).exclude(organisation__path__in=units_above_or_same)
    )
    for cohort in left:
        cohort.members.remove(user)
    logger.info(
        "user moved user=%s from=%s to=%s cohorts_left=%s",
        user.pk,
        previous.code if previous else "-",
        organisation.code,
        ",".join(str(c.pk) for c in left),
    )
    return user


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
) -> Organisation:
    """Rename a unit and/or move it (with its subtree) under another parent; ``parent=None``
    makes it a ministry at the top of the tree. Moving a unit below itself is refused."""
    if parent is not None and _in_subtree(parent, organisation):
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
    logger.info("organisation updated code=%s path=%s", organisation.code, organisation.path)
    return organisation


@transaction.atomic
def organisation_delete(*, organisation: Organisation) -> None:
    """Delete an empty unit. One with units, people or cohorts is refused: deleting it
    would silently take people out of every manager's reports."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.get_children_count() or locked.members.exists() or locked.cohorts.exists():
        raise ValidationError(
            _("Only an empty unit can be deleted: move its units, people and cohorts first."),
            code="not_empty",
        )
    locked.delete()
    logger.info("organisation deleted code=%s", organisation.code)


@transaction.atomic
def organisation_add_manager(*, organisation: Organisation, user: User) -> User:
    """Make ``user`` a manager of this unit (and so of its subtree), with the manager role."""
    if not user.is_active:
        raise ValidationError(_("This account is disabled."), code="inactive")
    user.managed_organisations.add(organisation)
    user.groups.add(Group.objects.get(name=roles.MANAGERS))
    logger.info("manager added user=%s unit=%s", user.pk, organisation.code)
    return user


@transaction.atomic
def organisation_remove_manager(*, organisation: Organisation, user: User) -> User:
    """Stop ``user`` managing this unit. They keep the manager role (and any other units):
    with no unit left, their reports are simply empty."""
    user.managed_organisations.remove(organisation)
    logger.info("manager removed user=%s unit=%s", user.pk, organisation.code)
    return user


def _cohort_saved(cohort: Cohort) -> Cohort:
    cohort.name = " ".join(cohort.name.split())
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_create(*, name: str, organisation: Organisation, description: str = "") -> Cohort:
    cohort = _cohort_saved(
        Cohort(name=name, organisation=organisation, description=description.strip())
    )
    logger.info("cohort created id=%s unit=%s", cohort.pk, organisation.code)
    return cohort


@transaction.atomic
def cohort_update(
    *, cohort: Cohort, name: str, organisation: Organisation, description: str = ""
) -> Cohort:
    """Rename a cohort or give it to another unit; refused while members would fall
    outside the new unit's subtree."""
    if organisation.pk != cohort.organisation_id:
        outside = cohort.members.exclude(organisation__path__startswith=organisation.path)
        if outside.exists():
            raise ValidationError(
                _(
                    "%(count)s members are outside %(unit)s: remove them from the cohort "
                    "before giving it to that unit."
                )
                % {"count": outside.count(), "unit": organisation.name},
                code="members_outside",
            )
    cohort.name, cohort.organisation, cohort.description = name, organisation, description.strip()
    _cohort_saved(cohort)
    logger.info("cohort updated id=%s unit=%s", cohort.pk, organisation.code)
    return cohort


@transaction.atomic
def cohort_set_members(*, cohort: Cohort, members: list[User]) -> Cohort:
    """Make exactly these people the members; everyone must belong to the cohort's unit or
    a unit below it, or nothing changes."""
    outside = [user for user in members if not _in_subtree(user.organisation, cohort.organisation)]
    if outside:
        raise ValidationError(
            _("Not in %(unit)s or its units: %(people)s.")
            % {
                "unit": cohort.organisation.name,
                "people": ", ".join(sorted(user.email for user in outside)),
            },
            code="members_outside",
        )
    cohort.members.set(members)
    logger.info("cohort members set id=%s count=%s", cohort.pk, len(members))
    return cohort


@transaction.atomic
def cohort_delete(*, cohort: Cohort) -> None:
    """The people stay where they are; only the grouping goes."""
    pk = cohort.pk
    cohort.delete()
    logger.info("cohort deleted id=%s", pk)


def user_set_overdue_digest(*, user: User, receives: bool) -> User:
    user.receives_overdue_digest = bool(receives)
    user.save(update_fields=["receives_overdue_digest"])
    logger.info(
        "overdue digest preference user=%s receives=%s", user.pk, user.receives_overdue_digest
    )
    return user
