"""The invitation outbox: the mails an assignment file owes the people it created accounts
for (``AssignmentInvitation``, written in the import's transaction). Sent by
``enrolments.tasks.send_assignment_invitations`` after the import commits, and by the same
task on its schedule for any a lost task left owed."""

import logging
from datetime import date

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from config.links import absolute_url
from config.mail import message_in_language
from enrolments.models import AssignmentInvitation
from enrolments.selectors import BATCH

logger = logging.getLogger("waypoint.enrolments")


def invitation_set_password_url(user: User) -> str:
    """allauth's own password-reset link: the person chooses a password there."""
    key = default_token_generator.make_token(user)
    return absolute_url(
        reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
    )


def assignment_invitations_send() -> int:
    """E-mail every invitation still owed: a link to choose a password, with the courses
    given. A batch is locked (skipping rows another run holds), mailed and marked sent in
    one transaction: two runs at once never send the same one, and a failed send leaves
    the batch owed for the retry; a person may then get it twice, never not at all.
    People who have signed in or been disabled meanwhile are marked, not mailed. Returns
    how many mails were sent."""
    sent = 0
    while True:
        with transaction.atomic(durable=True):
            batch = list(
                AssignmentInvitation.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True)
                .select_related("user", "invited_by")
                .order_by("created_at", "pk")[:BATCH]
            )
            if not batch:
                break
            messages = [
                _invitation_message(i.user, _name_of(i.invited_by), i.courses)
                for i in batch
                if i.user.is_active and i.user.last_login is None
            ]
            with get_connection() as connection:
                sent += connection.send_messages(messages) or 0
            AssignmentInvitation.objects.filter(pk__in=[i.pk for i in batch]).update(
                sent_at=timezone.now()
            )
    if sent:
        logger.info("assignment invitations sent=%s", sent)
    return sent


def _name_of(user: User | None) -> str:
    return (user.full_name or user.email) if user else ""


def _invitation_message(user: User, inviter_name: str, courses: list) -> EmailMessage:
    return message_in_language(
        to=user,
        template="enrolments/email_invitation.txt",
        subject=gettext_lazy("You have been invited to Waypoint"),
        context={
            "user": user,
            "inviter_name": inviter_name,
            "courses": [(title, date.fromisoformat(due)) for title, due in courses],
            "set_password_url": invitation_set_password_url(user),
            "login_url": absolute_url(reverse("account_login")),
            "reset_url": absolute_url(reverse("account_reset_password")),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )
