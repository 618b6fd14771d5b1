"""Writes of ``accounts``: people (``users``), the organisation tree (``organisations``) and
cohorts (``cohorts``). Other apps call these and never write these models themselves."""

from .cohorts import cohort_create, cohort_delete, cohort_set_members, cohort_update
from .organisations import (
    manager_set_units,
    organisation_add_manager,
    organisation_create,
    organisation_delete,
    organisation_remove_manager,
    organisation_update,
    users_move_to_organisation,
)
from .users import (
    Invitee,
    user_assign_role,
    user_set_overdue_digest,
    user_sign_in_details_changed,
    user_update_profile,
    users_invite_bulk,
)

__all__ = [
    "Invitee",
    "cohort_create",
    "cohort_delete",
    "cohort_set_members",
    "cohort_update",
    "manager_set_units",
    "organisation_add_manager",
    "organisation_create",
    "organisation_delete",
    "organisation_remove_manager",
    "organisation_update",
    "user_assign_role",
    "user_set_overdue_digest",
    "user_sign_in_details_changed",
    "user_update_profile",
    "users_invite_bulk",
    "users_move_to_organisation",
]
