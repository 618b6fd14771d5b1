"""Writes about people: their profile, roles and sign-in details, and the accounts created
for people invited by an assignment import."""

import logging
import secrets
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import Organisation, User
from accounts.selectors import organisation_scope_for

from .placement import LOG_INVITE, unit_ref

logger = logging.getLogger("waypoint.accounts")

_UNSET = object()
INVITE_BATCH = 500  # accounts written per query


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    full_name: str | object = _UNSET,
    preferred_language: str | object = _UNSET,
    images_on_tap: bool | object = _UNSET,
) -> User:
    """Change what a user may change about themselves; fields left out stay as they are.
    Their unit is not one of them: they ask to join one (``membership``)."""
    changed = []
    if full_name is not _UNSET:
        user.full_name = " ".join(str(full_name).split())
        changed.append("full_name")
    if preferred_language is not _UNSET:
        user.preferred_language = preferred_language
        changed.append("preferred_language")
    if images_on_tap is not _UNSET:
        user.images_on_tap = bool(images_on_tap)
        changed.append("images_on_tap")
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


def user_set_overdue_digest(*, user: User, receives: bool) -> User:
    user.receives_overdue_digest = bool(receives)
    user.save(update_fields=["receives_overdue_digest"])
    logger.info(
        "overdue digest preference user=%s receives=%s", user.pk, user.receives_overdue_digest
    )
    return user


def user_set_compliance_digest(*, user: User, receives: bool) -> User:
    user.receives_compliance_digest = bool(receives)
    user.save(update_fields=["receives_compliance_digest"])
    logger.info(
        "compliance digest preference user=%s receives=%s",
        user.pk,
        user.receives_compliance_digest,
    )
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


# --- invitations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    """Someone to create an account for: a lower-case address nobody has yet, their name as
    typed (may be empty), the id of their unit."""

    email: str
    full_name: str
    organisation_id: int


def users_invite_bulk(*, people: list[Invitee], invited_by: User) -> dict[str, User]:
    """Accounts for people a manager assigns courses to who have none yet: active, no usable
    password until they choose one from the invitation, an unverified primary address, in
    their unit, learners, in the inviter's language. Returns them by address.

    Written in bulk, a fixed number of queries per ``INVITE_BATCH`` people, inside the
    caller's transaction (the assignment import is all or nothing, so this one is not
    durable). Every unit must be in the inviter's scope. Each account gets a
    ``waypoint.user.invite`` entry in the audit log naming the unit, as an account created
    in the user admin gets Wagtail's; the entry's label is forgotten when the account is
    closed.
    """
    if not people:
        return {}
    units = _require_units_in_scope(invited_by, {person.organisation_id for person in people})
    with transaction.atomic():
        users = [_invited_user(person, invited_by) for person in people]
        User.objects.bulk_create(users, batch_size=INVITE_BATCH)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=False, primary=True) for u in users],
            batch_size=INVITE_BATCH,
        )
        learners = Group.objects.get(name=roles.LEARNERS)
        membership = User.groups.through
        membership.objects.bulk_create(
            [membership(user_id=u.pk, group_id=learners.pk) for u in users],
            batch_size=INVITE_BATCH,
        )
        _log_invitations(users, invited_by, units)
    logger.info("accounts invited count=%s by=%s", len(users), invited_by.pk)
    return {user.email: user for user in users}


def _require_units_in_scope(invited_by: User, organisation_ids: set[int]) -> dict:
    scope = organisation_scope_for(invited_by)
    units = list(Organisation.objects.filter(pk__in=organisation_ids))
    if len(units) != len(organisation_ids) or not all(scope.contains(unit) for unit in units):
        raise PermissionDenied("Invitations only into units of the inviter's scope.")
    return {unit.pk: unit for unit in units}


def _invited_user(person: Invitee, invited_by: User) -> User:
    user = User(
        email=person.email,
        full_name=" ".join(person.full_name.split()),
        organisation_id=person.organisation_id,
        preferred_language=invited_by.preferred_language,
        is_active=True,
    )
    # What set_unusable_password() stores, without its slow 40 random choices per user.
    user.password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
    return user


def _log_invitations(users: list[User], invited_by: User, units: dict) -> None:
    """Wagtail's ``log()`` writes one row per call; these go in bulk. Each names the unit
    the invitation placed the person in, as every change of unit does."""
    content_type = ContentType.objects.get_for_model(User)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(user.pk),
                label=str(user),
                action=LOG_INVITE,
                timestamp=now,
                user=invited_by,
                data={"from": None, "to": unit_ref(units[user.organisation_id])},
            )
            for user in users
        ],
        batch_size=INVITE_BATCH,
    )
