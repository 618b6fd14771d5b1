from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from accounts.language import keep_preferred_languages_equal
        from accounts.services.membership import on_email_confirmed

        keep_preferred_languages_equal()
        # A verified address: its domain rule applies, and the deciders of a request the
        # person made at sign-up hear of it.
        email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts.email_confirmed")


class WaypointUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users with a user form that edits Waypoint's fields (one full name, not
    first and last: many of our learners' names do not split that way)."""

    default = False
    user_viewset = "accounts.viewsets.WaypointUserViewSet"
