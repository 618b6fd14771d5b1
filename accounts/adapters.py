from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class WaypointAccountAdapter(DefaultAccountAdapter):
    """Sign-up stores the language the visitor was browsing in as their preference."""

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or user.preferred_language
        return super().save_user(request, user, form, commit=commit)
