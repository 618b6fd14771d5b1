"""Role and unit changes in Wagtail's audit log.

Wagtail logs that a user was edited, not what changed; a change of role (group membership
or superuser status) is what an auditor looks for, so it gets its own entry,
``waypoint.user.roles``, with the roles added and removed and who did it. Only role names
go in the entry: never an e-mail address or a name (closing an account anonymises the
entry's label, not its data). Changes of unit keep the units left and joined
(``accounts.services.placement``); ``UnitLogFormatter`` shows them in the history.
"""

from django.utils.translation import gettext
from wagtail.log_actions import LogFormatter, log

from .models import User

LOG_ROLES = "waypoint.user.roles"


def roles_of(user: User) -> tuple[set[str], bool]:
    """The roles as stored (a form may already have changed the instance in memory)."""
    if user.pk is None:
        return set(), False
    names = set(user.groups.values_list("name", flat=True))
    superuser = User.objects.filter(pk=user.pk).values_list("is_superuser", flat=True).first()
    return names, bool(superuser)


def log_role_change(*, user: User, actor, before: tuple[set[str], bool]):
    """Log what changed between ``before`` and now; nothing when nothing did."""
    names_before, superuser_before = before
    names_after, superuser_after = roles_of(user)
    added, removed = sorted(names_after - names_before), sorted(names_before - names_after)
    if not added and not removed and superuser_before == superuser_after:
        return None
    data = {"added": added, "removed": removed}
    if superuser_before != superuser_after:
        data["superuser"] = superuser_after
    return log(instance=user, action=LOG_ROLES, user=actor, data=data)


def log_role_added(*, user: User, actor, role: str):
    return log(instance=user, action=LOG_ROLES, user=actor, data={"added": [role], "removed": []})


# --- changes of unit and requests to join one -------------------------------------------------


def unit_name_in(entry_data: dict, key: str) -> str:
    """A unit named by an entry: its name then, or (entries written before issue 14) its
    code; "no unit" for none."""
    unit = entry_data.get(key)
    if isinstance(unit, dict):
        return unit.get("name") or unit.get("code") or ""
    return unit or gettext("no unit")


class UnitLogFormatter(LogFormatter):
    """Entries about a person's unit: ``message`` names the units the entry keeps, as
    ``%(from)s`` and ``%(to)s``, and a domain rule as ``%(rule)s``."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return str(self.message) % {
            "from": unit_name_in(data, "from"),
            "to": unit_name_in(data, "to"),
            "rule": data.get("rule", ""),
        }


def unit_log_formatter(label, message) -> type[UnitLogFormatter]:
    """A formatter class for ``register_action(action)(...)``, which instantiates it."""
    return type("_UnitLogFormatter", (UnitLogFormatter,), {"label": label, "message": message})
