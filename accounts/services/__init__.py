"""Writes of ``accounts``: people (``users``), the organisation tree (``organisations``),
who belongs where (``placement``: every change of unit; ``membership``: requests to join a
unit and e-mail domain rules) and cohorts (``cohorts``). Other apps call these and never
write these models themselves."""

from .cohorts import cohort_create, cohort_delete, cohort_set_members, cohort_update
from .membership import (
    MembershipError,
    membership_address_verified,
    membership_request_create,
    membership_request_decide,
    membership_request_withdraw,
)
from .organisations import (
    manager_set_units,
    organisation_add_manager,
    organisation_create,
    organisation_delete,
    organisation_remove_manager,
    organisation_update,
)
from .placement import (
    unit_change_record,
    user_place_in_unit,
    users_move_to_organisation,
)
from .sso import SsoOutcome, user_apply_sso_claims
from .users import (
    Invitee,
    user_assign_role,
    user_set_compliance_digest,
    user_set_overdue_digest,
    user_sign_in_details_changed,
    user_update_profile,
    users_invite_bulk,
)

__all__ = [
    "Invitee",
    "MembershipError",
    "SsoOutcome",
    "cohort_create",
    "cohort_delete",
    "cohort_set_members",
    "cohort_update",
    "manager_set_units",
    "membership_address_verified",
    "membership_request_create",
    "membership_request_decide",
    "membership_request_withdraw",
    "organisation_add_manager",
    "organisation_create",
    "organisation_delete",
    "organisation_remove_manager",
    "organisation_update",
    "unit_change_record",
    "user_apply_sso_claims",
    "user_assign_role",
    "user_place_in_unit",
    "user_set_compliance_digest",
    "user_set_overdue_digest",
    "user_sign_in_details_changed",
    "user_update_profile",
    "users_invite_bulk",
    "users_move_to_organisation",
]
