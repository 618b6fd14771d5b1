from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.language import keep_preferred_languages_equal

        keep_preferred_languages_equal()


class WaypointUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users with a user form that edits Waypoint's fields (one full name, not
    first and last: many of our learners' names do not split that way)."""

    default = False
    user_viewset = "accounts.viewsets.WaypointUserViewSet"
