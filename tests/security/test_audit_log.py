"""Administrative actions land in Wagtail's audit log: role changes made in the user admin
(one by one or in bulk), with who made them; exports and account closures (see
tests/accounts/test_privacy_*.py); certificate revocations and re-issues (certificates);
invitations, the organisation tree and cohort memberships (tests/accounts/)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from accounts import roles
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

ROLES = "waypoint.user.roles"


@pytest.fixture
def administrator(client):
    admin = UserFactory(email="admin@example.org", roles=[roles.ADMINISTRATORS])
    client.force_login(admin)
    return admin


def edit_form(user, groups, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "organisation": "",
        "is_active": "on",
        "groups": [Group.objects.get(name=name).pk for name in groups],
    }
    data.update(changes)
    return data


def role_entries(user):
    return list(ModelLogEntry.objects.filter(action=ROLES, object_id=str(user.pk)))


def test_every_administrative_action_has_an_audit_log_action():
    for action in (
        "waypoint.certificate.revoke",
        "waypoint.certificate.reissue",
        ROLES,
        "waypoint.privacy.export",
        "waypoint.privacy.delete",
        "waypoint.user.invite",
        "waypoint.organisation.move_person",
        "waypoint.organisation.add_manager",
        "waypoint.organisation.remove_manager",
        "waypoint.cohort.members",
        "waypoint.enrollment_request.approve",
        "waypoint.enrollment_request.reject",
        "waypoint.assignment.unit",
        "waypoint.assignment.cohort",
        "waypoint.assignment.import",
    ):
        assert registry.action_exists(action), action
        assert registry.get_action_label(action)


def test_giving_a_role_in_the_user_admin_is_logged_with_who_did_it(client, administrator):
    official = UserFactory(roles=[roles.LEARNERS])

    response = client.post(
        reverse("wagtailusers_users:edit", args=[official.pk]),
        edit_form(official, [roles.LEARNERS, roles.TRAINERS]),
    )

    assert response.status_code == 302, response.context["form"].errors
    [entry] = role_entries(official)
    assert entry.user_id == administrator.pk
    assert entry.data == {"added": [roles.TRAINERS], "removed": []}
    assert official.email not in str(entry.data)


def test_taking_a_role_away_is_logged(client, administrator):
    official = UserFactory(roles=[roles.LEARNERS, roles.MANAGERS])

    client.post(
        reverse("wagtailusers_users:edit", args=[official.pk]),
        edit_form(official, [roles.LEARNERS]),
    )

    assert [e.data for e in role_entries(official)] == [{"added": [], "removed": [roles.MANAGERS]}]


def test_making_someone_a_superuser_is_logged(client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    official = UserFactory(roles=[roles.LEARNERS])

    client.post(
        reverse("wagtailusers_users:edit", args=[official.pk]),
        edit_form(official, [roles.LEARNERS], is_superuser="on"),
    )

    assert [e.data for e in role_entries(official)] == [
        {"added": [], "removed": [], "superuser": True}
    ]


def test_an_edit_that_changes_no_role_logs_no_role_change(client, administrator):
    official = UserFactory(roles=[roles.LEARNERS])

    client.post(
        reverse("wagtailusers_users:edit", args=[official.pk]),
        edit_form(official, [roles.LEARNERS], full_name="A New Name"),
    )

    official.refresh_from_db()
    assert official.full_name == "A New Name"
    assert role_entries(official) == []


def test_roles_given_when_creating_a_user_are_logged(client, administrator):
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "new.trainer@example.org",
            "full_name": "New Trainer",
            "preferred_language": "en",
            "organisation": "",
            "password1": "Frontier-Lantern-42",
            "password2": "Frontier-Lantern-42",
            "groups": [Group.objects.get(name=roles.TRAINERS).pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    [entry] = ModelLogEntry.objects.filter(action=ROLES)
    assert entry.data == {"added": [roles.TRAINERS], "removed": []}
    assert entry.user_id == administrator.pk


def test_bulk_role_assignment_logs_each_person_who_gained_the_role(client, administrator):
    newcomer = UserFactory(roles=[roles.LEARNERS])
    already = UserFactory(roles=[roles.LEARNERS, roles.MANAGERS])
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "assign_role"])

    response = client.post(
        f"{url}?id={newcomer.pk}&id={already.pk}",
        {"role": Group.objects.get(name=roles.MANAGERS).pk},
    )

    assert response.status_code == 302
    assert newcomer.groups.filter(name=roles.MANAGERS).exists()
    assert [e.data for e in role_entries(newcomer)] == [{"added": [roles.MANAGERS], "removed": []}]
    assert role_entries(already) == []
