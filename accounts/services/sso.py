"""What a single sign-on provider says about a person, applied at each sign-in through it.

Administrators keep the rules (``SsoClaimRule``, in the admin). The first matching rule with
a unit decides where the person belongs: a person elsewhere is moved there at once
(``place``, through ``placement.change_unit`` like every change of unit) or a request is
filed for the unit's managers (``request``, through ``membership``). Every matching rule
gives its role. A sign-in whose claims match no rule with a unit leaves the person where
they are, and roles are only ever added: taking a role away stays a person's decision.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction

from accounts.audit import log_role_change, roles_of
from accounts.models import MembershipRequest, SsoClaimRule, User
from accounts.selectors import sso_rules_matching

from .membership import membership_request_create, settle_request_for_placement
from .placement import LOG_SSO_PLACED, change_unit
from .users import user_assign_role

logger = logging.getLogger("waypoint.accounts")

PENDING = MembershipRequest.Status.PENDING


@dataclass
class SsoOutcome:
    """What one sign-in changed, for the caller's message and the tests."""

    moved: bool = False
    request: MembershipRequest | None = None
    roles_added: list[str] = field(default_factory=list)


def _rule_label(rule: SsoClaimRule) -> str:
    """How audit entries name the rule: what it matched, not who matched it."""
    return f"{rule.provider_id}: {rule.claim} = {rule.value}"


def _give_roles(user: User, rules: list[SsoClaimRule], outcome: SsoOutcome) -> None:
    before = roles_of(user)
    for role in dict.fromkeys(rule.role for rule in rules if rule.role):
        if role not in before[0]:
            user_assign_role(user=user, role=role)
            outcome.roles_added.append(role)
    if outcome.roles_added:
        log_role_change(user=user, actor=None, before=before)


def _place(user: User, rule: SsoClaimRule, outcome: SsoOutcome) -> None:
    current = User.objects.select_for_update().only("organisation").get(pk=user.pk)
    if current.organisation_id == rule.unit_id:
        return
    pending = MembershipRequest.objects.filter(user=user, status=PENDING).first()
    if rule.placement == SsoClaimRule.Placement.PLACE:
        outcome.moved = change_unit(
            user=user, unit=rule.unit, actor=None, action=LOG_SSO_PLACED, rule=_rule_label(rule)
        )
        settle_request_for_placement(pending=pending, unit_id=rule.unit_id)
    elif pending is None:
        outcome.request = membership_request_create(
            user=user, unit=rule.unit, filed_by_sso_rule=_rule_label(rule)
        )
    # A request already waiting (for this unit or one the person chose) is left to its
    # deciders: a second one cannot be filed, and the provider is asked again next time.


@transaction.atomic
def user_apply_sso_claims(*, user: User, provider_id: str, claims: dict) -> SsoOutcome:
    """Apply the provider's rules to the claims of one sign-in (id token and userinfo)."""
    outcome = SsoOutcome()
    if not user.is_active:
        return outcome
    rules = sso_rules_matching(provider_id=provider_id, claims=claims)
    _give_roles(user, rules, outcome)
    unit_rule = next((rule for rule in rules if rule.unit_id is not None), None)
    if unit_rule is not None:
        _place(user, unit_rule, outcome)
    logger.info(
        "sso claims applied user=%s provider=%s rules=%s moved=%s request=%s roles=%s",
        user.pk,
        provider_id,
        ",".join(str(rule.pk) for rule in rules),
        outcome.moved,
        outcome.request.pk if outcome.request else "-",
        ",".join(outcome.roles_added),
    )
    return outcome
