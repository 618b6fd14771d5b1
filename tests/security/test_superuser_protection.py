"""Only superusers grant superuser status or touch a superuser's account (issue 12, finding 9).

An administrator (the Administrators group, not a superuser) manages people in Wagtail's
user editor. Forged requests must not let them make anyone a superuser, or change a
superuser's address, password, active status or roles, one by one or in bulk, nor edit what
a role may do (group permissions are set by data migrations; superusers only).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import roles
from accounts.models import User
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "Frontier-Lantern-42"


@pytest.fixture
def administrator(client):
    admin = UserFactory(email="admin@example.org", roles=[roles.ADMINISTRATORS])
    client.force_login(admin)
    return admin


@pytest.fixture
def root():
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


def edit_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "organisation": "",
        "is_active": "on",
        "groups": list(user.groups.values_list("pk", flat=True)),
    }
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(changes)
    return data


def new_user_form(**changes):
    data = {
        "email": "new.person@example.org",
        "full_name": "New Person",
        "preferred_language": "en",
        "organisation": "",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "groups": [Group.objects.get(name=roles.LEARNERS).pk],
    }
    data.update(changes)
    return data


def bulk_url(action: str, *users) -> str:
    url = reverse("wagtail_bulk_action", args=["accounts", "user", action])
    return url + "?" + "&".join(f"id={user.pk}" for user in users)


def refused(response) -> bool:
    """403, or Wagtail's "no permission" redirect to the admin home."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


# --- granting superuser status ---------------------------------------------------------------


def test_an_administrator_cannot_create_a_superuser(client, administrator):
    page = client.get(reverse("wagtailusers_users:add"))
    assert b'name="is_superuser"' not in page.content

    response = client.post(reverse("wagtailusers_users:add"), new_user_form(is_superuser="on"))

    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(email="new.person@example.org").is_superuser is False


def test_an_administrator_cannot_make_someone_a_superuser(client, administrator):
    official = UserFactory(roles=[roles.LEARNERS])
    page = client.get(reverse("wagtailusers_users:edit", args=[official.pk]))
    assert page.status_code == 200
    assert b'name="is_superuser"' not in page.content

    client.post(
        reverse("wagtailusers_users:edit", args=[official.pk]),
        edit_form(official, is_superuser="on"),
    )

    official.refresh_from_db()
    assert official.is_superuser is False


# --- a superuser's account -------------------------------------------------------------------


def test_an_administrator_cannot_open_a_superusers_account(client, administrator, root):
    assert refused(client.get(reverse("wagtailusers_users:edit", args=[root.pk])))


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "attacker@example.net"},
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        {"is_active": ""},
        {"groups": []},
        {"full_name": "Renamed"},
    ],
    ids=["email", "password", "deactivate", "roles", "name"],
)
def test_an_administrator_cannot_change_a_superusers_account(client, administrator, root, changes):
    root.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
    before = User.objects.filter(pk=root.pk).values().get()

    response = client.post(
        reverse("wagtailusers_users:edit", args=[root.pk]), edit_form(root, **changes)
    )

    assert refused(response)
    root.refresh_from_db()
    assert User.objects.filter(pk=root.pk).values().get() == before
    assert root.check_password(PASSWORD)
    assert set(root.groups.values_list("name", flat=True)) == {roles.ADMINISTRATORS}


def test_an_administrator_cannot_delete_a_superuser(client, administrator, root):
    assert refused(client.post(reverse("wagtailusers_users:delete", args=[root.pk])))
    assert User.objects.filter(pk=root.pk).exists()


def test_the_user_listing_offers_no_edit_link_for_a_superuser(client, administrator, root):
    official = UserFactory(roles=[roles.LEARNERS])

    listing = client.get(reverse("wagtailusers_users:index"))

    assert listing.status_code == 200
    assert reverse("wagtailusers_users:edit", args=[official.pk]).encode() in listing.content
    assert reverse("wagtailusers_users:edit", args=[root.pk]).encode() not in listing.content


# --- bulk actions in the user listing ------------------------------------------------------


def test_bulk_deactivation_leaves_superusers_active(client, administrator, root):
    official = UserFactory(roles=[roles.LEARNERS])

    client.post(bulk_url("set_active_state", root, official), {"mark_as_active": "False"})

    root.refresh_from_db()
    official.refresh_from_db()
    assert root.is_active is True
    assert official.is_active is False  # the action still works on everyone else


def test_bulk_role_assignment_leaves_superusers_roles_alone(client, administrator, root):
    official = UserFactory(roles=[roles.LEARNERS])
    managers = Group.objects.get(name=roles.MANAGERS)

    client.post(bulk_url("assign_role", root, official), {"role": managers.pk})

    assert not root.groups.filter(pk=managers.pk).exists()
    assert official.groups.filter(pk=managers.pk).exists()


def test_bulk_deletion_is_refused_to_administrators(client, administrator, root):
    official = UserFactory(roles=[roles.LEARNERS])

    client.post(bulk_url("delete", root, official))

    assert User.objects.filter(pk__in=[root.pk, official.pk]).count() == 2


def test_the_bulk_confirmation_lists_a_superuser_as_not_permitted(client, administrator, root):
    page = client.get(bulk_url("set_active_state", root))

    assert page.status_code == 200
    assert [item["item"] for item in page.context["items"]] == []
    assert page.context["items_with_no_access"] == [root]


# --- what roles may do ---------------------------------------------------------------------


def test_an_administrator_cannot_edit_what_a_role_may_do(client, administrator):
    group = Group.objects.get(name=roles.ADMINISTRATORS)
    before = set(group.permissions.values_list("pk", flat=True))
    every_permission = list(Permission.objects.values_list("pk", flat=True))

    response = client.post(
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        {"name": group.name, "permissions": every_permission},
    )

    assert refused(response)
    assert refused(client.get(reverse("wagtailusers_groups:add")))
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert not administrator.has_perm("auth.change_group")
    assert administrator.has_perm("auth.view_group")


# --- superusers still can ------------------------------------------------------------------


def test_a_superuser_can_grant_superuser_status_and_edit_another_superuser(client, root):
    client.force_login(root)
    other_root = UserFactory(is_superuser=True, is_staff=True)
    official = UserFactory(roles=[roles.LEARNERS])

    made = client.post(
        reverse("wagtailusers_users:edit", args=[official.pk]),
        edit_form(official, is_superuser="on"),
    )
    edited = client.post(
        reverse("wagtailusers_users:edit", args=[other_root.pk]),
        edit_form(other_root, is_active=""),
    )

    assert made.status_code == 302, made.context["form"].errors
    assert edited.status_code == 302, edited.context["form"].errors
    official.refresh_from_db()
    other_root.refresh_from_db()
    assert official.is_superuser is True
    assert other_root.is_active is False


def test_a_superuser_can_deactivate_a_superuser_in_bulk(client, root):
    client.force_login(root)
    other_root = UserFactory(is_superuser=True, is_staff=True)

    client.post(bulk_url("set_active_state", other_root), {"mark_as_active": "False"})

    other_root.refresh_from_db()
    assert other_root.is_active is False


def test_a_superuser_can_open_a_roles_permissions(client, root):
    client.force_login(root)
    group = Group.objects.get(name=roles.ADMINISTRATORS)

    assert client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).status_code == 200


def test_copying_a_user_cannot_make_a_superuser(client, administrator):
    """Wagtail's "Copy" of a user is a second creation form, with its own view."""
    official = UserFactory(roles=[roles.TRAINERS])

    response = client.post(
        reverse("wagtailusers_users:copy", args=[official.pk]),
        new_user_form(is_superuser="on"),
    )

    assert response.status_code == 302, response.context["form"].errors
    copy = User.objects.get(email="new.person@example.org")
    assert copy.is_superuser is False


def test_an_administrator_cannot_copy_a_superuser(client, administrator, root):
    assert refused(client.get(reverse("wagtailusers_users:copy", args=[root.pk])))
