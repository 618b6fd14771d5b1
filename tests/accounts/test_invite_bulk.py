"""Accounts created for people an assignment import invites: ready to receive the
invitation and nothing more, written in a fixed number of queries however many."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import User
from accounts.services import Invitee, users_invite_bulk
from tests.factories.approvals import make_tree, manager_of
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def manager(tree):
    chief = manager_of(tree.border_police, email="chief@example.org")
    chief.preferred_language = "fr"
    chief.save(update_fields=["preferred_language"])
    return chief


def test_an_invited_account_is_a_learner_in_its_unit_without_a_password(tree, manager, client):
    invited = users_invite_bulk(
        people=[Invitee(email="amina@example.org", full_name=" Amina  Diallo ",
                        organisation_id=tree.airport.pk)],
        invited_by=manager,
    )  # fmt: skip

    user = User.objects.get(email="amina@example.org")
    assert invited == {"amina@example.org": user}
    assert (user.full_name, user.organisation, user.preferred_language) == (
        "Amina Diallo",
        tree.airport,
        "fr",
    )
    assert user.is_active and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNERS]
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == (user.email, True, False)
    assert not client.login(email="amina@example.org", password="")
    entry = ModelLogEntry.objects.get(action="waypoint.user.invite", object_id=str(user.pk))
    assert entry.user == manager


@pytest.mark.parametrize("people", [1, 12])
def test_inviting_costs_the_same_queries_however_many(tree, manager, people):
    invitees = [
        Invitee(email=f"new{n}@example.org", full_name="", organisation_id=tree.airport.pk)
        for n in range(people)
    ]

    queries, invited = count_queries(lambda: users_invite_bulk(people=invitees, invited_by=manager))

    assert len(invited) == people
    assert queries == 10  # scope (2), units, then per batch: users, addresses, role, roles, log


def test_nobody_is_invited_into_a_unit_outside_the_inviters_scope(tree, manager):
    with pytest.raises(PermissionDenied):
        users_invite_bulk(
            people=[
                Invitee(email="a@example.org", full_name="", organisation_id=tree.airport.pk),
                Invitee(email="b@example.org", full_name="", organisation_id=tree.labour.pk),
            ],
            invited_by=manager,
        )

    assert not User.objects.filter(email__in=["a@example.org", "b@example.org"]).exists()
