"""Requests to join a unit: asking, withdrawing, deciding, and the e-mail domain rules.

A person asks to join a unit at sign-up or from their profile, or an e-mail domain rule asks
for them. Until a decider approves, the person stays where they were (a new sign-up in no
unit, a mover in their old one), so no report, assignment or approval of the requested unit
sees them. Deciders are the managers whose scope holds the unit, and the administrators;
``accounts.selectors.deciders_for_unit`` names the ones told. They are told only once the
person's address is verified, so a typo in an address never reaches a manager.

Every step is in the person's audit log; an approval moves the person through
``placement.change_unit``, like every other change of unit.
"""

import logging

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import MembershipRequest, Organisation, UnitDomainRule, User
from accounts.selectors import domain_rule_for, organisation_scope_for

from . import membership_mail
from .placement import LOG_DOMAIN_PLACED, LOG_JOIN_APPROVED, change_unit, unit_ref

logger = logging.getLogger("waypoint.accounts")

LOG_REQUESTED = "waypoint.membership.request"
LOG_DECLINED = "waypoint.membership.decline"
LOG_WITHDRAWN = "waypoint.membership.withdraw"
NOTE_MAX = 2000

PENDING = MembershipRequest.Status.PENDING


class MembershipError(ValidationError):
    """A request that cannot be made or decided; the message says why."""


def _has_verified_address(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def _tell_deciders_once(request: MembershipRequest) -> None:
    """Mark the request as told and mail its deciders after the commit."""
    request.deciders_told_at = timezone.now()
    request.save(update_fields=["deciders_told_at"])
    transaction.on_commit(
        lambda: membership_mail.send_request_to_deciders(request_id=request.pk), robust=True
    )


# --- asking ------------------------------------------------------------------------------------


@transaction.atomic
def membership_request_create(
    *,
    user: User,
    unit: Organisation,
    filed_by_rule: UnitDomainRule | None = None,
    filed_by_sso_rule: str = "",
) -> MembershipRequest:
    """Ask for ``user`` to join ``unit``. One pending request per person; none for the unit
    they are in. The deciders hear of it now, or when the person's address is verified.
    A rule (an e-mail domain's, or a single sign-on claim's, named) may ask for them."""
    if not user.is_active:
        raise MembershipError(_("This account is closed."), code="inactive")
    current = User.objects.select_for_update().only("organisation").get(pk=user.pk).organisation
    if current is not None and current.pk == unit.pk:
        raise MembershipError(
            _("You already belong to %(unit)s.") % {"unit": unit.name}, code="same_unit"
        )
    pending = MembershipRequest.objects.filter(user=user, status=PENDING).select_related("unit")
    if existing := pending.first():
        raise MembershipError(
            _("You have already asked to join %(unit)s. Withdraw that request first.")
            % {"unit": existing.unit.name},
            code="pending",
        )
    try:
        with transaction.atomic():
            request = MembershipRequest.objects.create(user=user, unit=unit)
    except IntegrityError:  # a second click at the same moment
        raise MembershipError(_("You have already asked to join a unit."), code="pending") from None
    data = {"to": unit_ref(unit), "request": request.pk}
    if filed_by_rule is not None:
        data["rule"] = filed_by_rule.domain
    if filed_by_sso_rule:
        data["rule"] = filed_by_sso_rule
    by_rule = filed_by_rule is not None or bool(filed_by_sso_rule)
    log(instance=user, action=LOG_REQUESTED, user=None if by_rule else user, data=data)
    if _has_verified_address(user):
        _tell_deciders_once(request)
    logger.info("membership requested user=%s unit=%s request=%s", user.pk, unit.code, request.pk)
    return request


@transaction.atomic
def membership_request_withdraw(*, user: User) -> MembershipRequest:
    """Withdraw the person's pending request; they stay where they are."""
    request = (
        MembershipRequest.objects.select_for_update()
        .filter(user=user, status=PENDING)
        .select_related("unit")
        .first()
    )
    if request is None:
        raise MembershipError(_("You have no request waiting for a decision."), code="none")
    request.status = MembershipRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    log(instance=user, action=LOG_WITHDRAWN, user=user, data={"to": unit_ref(request.unit)})
    logger.info("membership request withdrawn user=%s request=%s", user.pk, request.pk)
    return request


# --- deciding ----------------------------------------------------------------------------------


def membership_request_decide(
    *, membership_request: MembershipRequest, decider: User, approve: bool, note: str = ""
) -> MembershipRequest:
    """Approve (the person moves to the unit) or decline a pending request, then e-mail the
    person. Only someone whose scope holds the requested unit decides, never their own."""
    if not organisation_scope_for(decider).contains(membership_request.unit):
        raise PermissionDenied
    if membership_request.user_id == decider.pk:
        raise MembershipError(_("You cannot decide your own request."), code="own_request")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise MembershipError(
            _("The note is too long (%(max)s characters at most).") % {"max": NOTE_MAX},
            code="note",
        )
    with transaction.atomic():
        request = (
            MembershipRequest.objects.select_for_update()
            .select_related("user", "unit")
            .get(pk=membership_request.pk)
        )
        if request.status != PENDING:
            raise MembershipError(
                _("This request has already been decided or withdrawn."), code="decided"
            )
        request.status = (
            MembershipRequest.Status.APPROVED if approve else MembershipRequest.Status.DECLINED
        )
        request.decided_by, request.decided_at, request.note = decider, timezone.now(), note
        request.save(update_fields=["status", "decided_by", "decided_at", "note"])
        if approve:
            change_unit(
                user=request.user,
                unit=request.unit,
                actor=decider,
                action=LOG_JOIN_APPROVED,
                request=request.pk,
            )
        else:
            log(
                instance=request.user,
                action=LOG_DECLINED,
                user=decider,
                data={"to": unit_ref(request.unit), "request": request.pk},
            )
        transaction.on_commit(
            lambda: membership_mail.send_decision(request_id=request.pk), robust=True
        )
    logger.info(
        "membership request decided request=%s approve=%s by=%s", request.pk, approve, decider.pk
    )
    return request


# --- a verified address: domain rules, and telling the deciders ---------------------------------


def settle_request_for_placement(*, pending: MembershipRequest | None, unit_id: int) -> bool:
    """A rule has just placed the person in a unit: their pending request for that same
    unit is approved (nobody need decide it any more). True if there was one."""
    if pending is None or pending.unit_id != unit_id:
        return False
    pending.status = MembershipRequest.Status.APPROVED
    pending.decided_at = timezone.now()
    pending.save(update_fields=["status", "decided_at"])
    return True


@transaction.atomic
def membership_address_verified(*, user: User, email: str) -> None:
    """After a person confirms an address: a domain rule for it places a person who has no
    unit yet (``place``) or asks for them (``request``, unless they asked for a unit
    themselves); then the deciders of any request still untold hear of it."""
    rule = domain_rule_for(email)
    pending = (
        MembershipRequest.objects.select_for_update()
        .filter(user=user, status=PENDING)
        .select_related("unit")
        .first()
    )
    no_unit = User.objects.filter(pk=user.pk, organisation__isnull=True).exists()
    if rule is not None and no_unit:
        if rule.mode == UnitDomainRule.Mode.PLACE:
            change_unit(
                user=user, unit=rule.unit, actor=None, action=LOG_DOMAIN_PLACED, rule=rule.domain
            )
            if settle_request_for_placement(pending=pending, unit_id=rule.unit_id):
                pending = None
        elif pending is None:
            membership_request_create(user=user, unit=rule.unit, filed_by_rule=rule)
            return
    if pending is not None and pending.deciders_told_at is None:
        _tell_deciders_once(pending)


def on_email_confirmed(sender, *, email_address, **kwargs) -> None:
    """Receiver of allauth's ``email_confirmed``."""
    membership_address_verified(user=email_address.user, email=email_address.email)
