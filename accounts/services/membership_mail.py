"""The e-mails of membership requests, each in its recipient's language: a new request to its
deciders, and the decision to the person who asked. Sent after the commit that made them
(``transaction.on_commit(..., robust=True)``): a mail server that is down loses the mail, not
the decision, and says so in the log."""

import logging

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.models import MembershipRequest
from accounts.selectors import deciders_for_unit
from config.links import absolute_url
from config.mail import message_in_language

logger = logging.getLogger("waypoint.accounts")


def send_request_to_deciders(*, request_id: int) -> int:
    """Tell the deciders of a request still pending; returns how many were told."""
    request = (
        MembershipRequest.objects.select_related("user", "user__organisation", "unit")
        .filter(pk=request_id, status=MembershipRequest.Status.PENDING)
        .first()
    )
    if request is None:
        return 0
    deciders = deciders_for_unit(request.unit, exclude=request.user).people
    context = {
        "membership_request": request,
        "person": request.user,
        "decide_url": absolute_url(reverse("membership_requests:decide", args=[request.pk])),
    }
    for decider in deciders:
        message_in_language(
            to=decider,
            template="accounts/email_membership_request.txt",
            # No name in the subject: the person typed it (issue 12, finding 11).
            subject=gettext_lazy("Request to join %(unit)s"),
            subject_args={"unit": request.unit.name},
            context=context,
        ).send()
    logger.info("membership request told request=%s deciders=%s", request.pk, len(deciders))
    return len(deciders)


def send_decision(*, request_id: int) -> bool:
    """Tell the person that their request was approved or declined, with the note."""
    request = MembershipRequest.objects.select_related("user", "unit").get(pk=request_id)
    approved = request.status == MembershipRequest.Status.APPROVED
    if not approved and request.status != MembershipRequest.Status.DECLINED:
        return False
    message_in_language(
        to=request.user,
        template=f"accounts/email_membership_{'approved' if approved else 'declined'}.txt",
        subject=(
            gettext_lazy("You are now a member of %(unit)s")
            if approved
            else gettext_lazy("Your request to join %(unit)s was declined")
        ),
        subject_args={"unit": request.unit.name},
        context={
            "membership_request": request,
            "unit": request.unit,
            "profile_url": absolute_url(reverse("accounts:profile")),
        },
    ).send()
    return True
