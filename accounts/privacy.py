"""A learner's personal data: everything of it as JSON, and closing the account.

Apps stay decoupled: ``accounts`` knows nothing of enrolments, attempts or certificates.
Each app registers an exporter (``register_personal_data_exporter``, from its ``ready()``)
that returns what it holds about a user as JSON-ready data, and subscribes to
``accounts.events.account_deleting`` to apply its own deletion policy.

Closing an account anonymises it rather than deleting the row: enrolments and attempts stay
for the reports as records of nobody in particular, and certificates stay verifiable (the
policy and its reasons are in README.md, "Security and privacy").
"""

import logging
from collections.abc import Callable
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .events import publish_account_deleting
from .models import MembershipRequest, User

logger = logging.getLogger("waypoint.accounts")

EXPORT_FORMAT = "waypoint-personal-data/1"
LOG_EXPORT = "waypoint.privacy.export"
LOG_DELETE = "waypoint.privacy.delete"

PersonalDataExporter = Callable[[User], object]
_exporters: dict[str, PersonalDataExporter] = {}


def register_personal_data_exporter(name: str, exporter: PersonalDataExporter) -> None:
    """Add a section ``name`` to every export: ``exporter(user)`` returns JSON-ready data
    (dates may stay dates; the view encodes them). Registering a name again replaces it."""
    _exporters[name] = exporter


def personal_data_exporters() -> dict[str, PersonalDataExporter]:
    return dict(_exporters)


# --- export ----------------------------------------------------------------------------------


def personal_data_export(*, user: User) -> dict:
    """Everything Waypoint holds about ``user``, and an audit-log entry saying it was taken.
    No secrets: neither the password hash nor the two-factor keys leave the database."""
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": _account_section(user),
    }
    for name, exporter in sorted(_exporters.items()):
        data[name] = exporter(user)
    log(instance=user, action=LOG_EXPORT, user=user, data={"sections": sorted(_exporters)})
    logger.info("personal data exported user=%s", user.pk)
    return data


def _account_section(user: User) -> dict:
    organisation = user.organisation
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "images_on_tap": user.images_on_tap,
        "organisation": _unit(organisation) if organisation else None,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "managed_units": [_unit(unit) for unit in user.managed_organisations.order_by("path")],
        "cohorts": sorted(user.cohorts.values_list("name", flat=True)),
        "unit_history": _unit_history(user),
        "unit_requests": _unit_requests(user),
        "receives_overdue_digest": user.receives_overdue_digest,
        "receives_compliance_digest": user.receives_compliance_digest,
        "email_addresses": list(
            EmailAddress.objects.filter(user=user)
            .order_by("-primary", "email")
            .values("email", "verified", "primary")
        ),
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user)
            .order_by("created_at")
            .values("type", "created_at", "last_used_at")
        ),
        # Single sign-on: the provider's subject and the claims it last sent (accounts.sso).
        "single_sign_on": list(
            SocialAccount.objects.filter(user=user)
            .order_by("date_joined")
            .values("provider", "uid", "date_joined", "last_login", "extra_data")
        ),
    }


def _unit(organisation) -> dict:
    return {"name": organisation.name, "code": organisation.code}


def _unit_history(user: User) -> list[dict]:
    """Every change of the person's unit, oldest first, from the audit log: when, why (the
    entry's action) and the units as they were called then. Not who made it: that is
    another person's data."""
    from .services.placement import UNIT_CHANGE_ACTIONS

    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        action__in=UNIT_CHANGE_ACTIONS,
    ).order_by("timestamp", "pk")
    return [
        {
            "at": entry.timestamp,
            "change": entry.action,
            "from": _logged_unit(entry.data.get("from")),
            "to": _logged_unit(entry.data.get("to")),
        }
        for entry in entries
    ]


def _logged_unit(unit) -> dict | None:
    if isinstance(unit, dict):
        return {"name": unit.get("name", ""), "code": unit.get("code", "")}
    return {"name": "", "code": unit} if unit else None


def _unit_requests(user: User) -> list[dict]:
    return [
        {
            "unit": _unit(request.unit),
            "status": request.status,
            "requested_at": request.requested_at,
            "decided_at": request.decided_at,
            "note": request.note,
        }
        for request in user.membership_requests.select_related("unit").order_by("requested_at")
    ]


# --- deletion --------------------------------------------------------------------------------


def account_deletion_refusal(user: User) -> str | None:
    """Why this account cannot close itself, or None. Staff accounts carry audit history and
    may be the last administrator: an administrator closes them."""
    if not user.is_active:
        return _("This account is already closed.")
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return _(
            "Accounts with access to the admin cannot be closed here. Ask an administrator "
            "to close yours."
        )
    return None


def deleted_email(user: User) -> str:
    return f"deleted-{user.pk}@invalid"


@transaction.atomic
def account_delete(*, user: User) -> User:
    """Close the account and anonymise it: sign-in addresses, name, unit, roles, two-factor
    keys, single sign-on links and sessions go; the row stays, inactive and without a
    usable password, so that other apps' records (reported anonymously) keep their owner.
    Other apps apply their own policy through ``account_deleting``, in this transaction."""
    refusal = account_deletion_refusal(user)
    if refusal:
        raise ValidationError(refusal, code="refused")
    user = User.objects.select_for_update().get(pk=user.pk)
    publish_account_deleting(user_id=user.pk)

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()  # with the claims the provider sent
    user.membership_requests.filter(status=MembershipRequest.Status.PENDING).update(
        status=MembershipRequest.Status.WITHDRAWN, decided_at=timezone.now()
    )
    user.cohorts.clear()
    user.managed_organisations.clear()
    user.groups.clear()
    user.user_permissions.clear()
    _delete_wagtail_profile(user)
    user.email = deleted_email(user)
    user.full_name = ""
    user.organisation = None
    user.preferred_language = settings.LANGUAGE_CODE
    user.receives_overdue_digest = False
    user.receives_compliance_digest = False
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    _forget_name_in_logs(user)
    _end_sessions(user.pk)
    log(instance=user, action=LOG_DELETE, user=user, data={"user_id": user.pk})
    logger.info("account closed and anonymised user=%s", user.pk)
    return user


def _delete_wagtail_profile(user: User) -> None:
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=user).delete()


def _forget_name_in_logs(user: User) -> None:
    """Audit-log entries about this person keep what happened, not who it was: their label
    (Wagtail) and description (Django admin) held the name or e-mail address."""
    content_type = ContentType.objects.get_for_model(User)
    label = str(user)
    ModelLogEntry.objects.filter(content_type=content_type, object_id=str(user.pk)).update(
        label=label
    )
    LogEntry.objects.filter(content_type=content_type, object_id=str(user.pk)).update(
        object_repr=label
    )


def _end_sessions(user_id: int) -> int:
    """Delete the person's sessions from a database-backed session store. Other stores need
    nothing: the unusable password changes the session hash, and an inactive user is signed
    out on their next request anyway."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store, DatabaseSessionStore):
        return 0
    session_model = store.get_model_class()
    ended = []
    live = session_model.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user_id):
            ended.append(session.pk)
    session_model.objects.filter(pk__in=ended).delete()
    cache_key_prefix = getattr(store, "cache_key_prefix", None)
    if cache_key_prefix and ended:  # cached_db: the cached copies would still sign in
        caches[settings.SESSION_CACHE_ALIAS].delete_many([cache_key_prefix + k for k in ended])
    return len(ended)
