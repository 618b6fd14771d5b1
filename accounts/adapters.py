from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from . import roles
from .services import user_assign_role


class WaypointAccountAdapter(DefaultAccountAdapter):
    """Sign-up stores the language the visitor was browsing in as their preference and makes
    the new account a learner; every other role is granted by an administrator."""

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or user.preferred_language
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user, role=roles.LEARNERS)
        return user
