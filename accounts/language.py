"""One preferred language per person, wherever they sign in.

The site, our e-mails and certificates read ``User.preferred_language``; Wagtail's admin
and the e-mails Wagtail sends (workflow approvals and rejections, comments) read its own
``UserProfile.preferred_language``, and fall back to the language of whoever is acting
when it is empty: a French trainer would get an English lead's approval in English. So the
two are kept equal, whichever screen changed one of them (our profile page, Wagtail's
account settings, an administrator's user editor, sign-up, an invitation).
"""

from django.conf import settings
from django.db.models.signals import post_save
from wagtail.users.models import UserProfile

from accounts.models import User


def _user_saved(sender, instance: User, created: bool, update_fields=None, **kwargs):
    if update_fields is not None and "preferred_language" not in update_fields:
        return  # a sign-in's last_login, a role change: nothing about language
    language = instance.preferred_language or ""
    updated = (
        UserProfile.objects.filter(user_id=instance.pk)
        .exclude(preferred_language=language)
        .update(preferred_language=language)
    )
    if not updated:
        UserProfile.objects.get_or_create(
            user_id=instance.pk, defaults={"preferred_language": language}
        )


def _profile_saved(sender, instance: UserProfile, **kwargs):
    if instance.preferred_language in dict(settings.LANGUAGES):
        User.objects.filter(pk=instance.user_id).exclude(
            preferred_language=instance.preferred_language
        ).update(preferred_language=instance.preferred_language)


def keep_preferred_languages_equal() -> None:
    post_save.connect(_user_saved, sender=User, dispatch_uid="waypoint-user-language")
    post_save.connect(_profile_saved, sender=UserProfile, dispatch_uid="waypoint-profile-language")
