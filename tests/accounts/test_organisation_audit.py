"""Every change to the organisation tree and to cohorts is in Wagtail's audit log with who
made it, cohort memberships included; the services refuse a change the person may not
make, whoever calls them, and leave nothing half-done."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import Organisation
from accounts.services import (
    cohort_create,
    cohort_delete,
    cohort_set_members,
    organisation_add_manager,
    organisation_create,
    users_move_to_organisation,
)
from tests.factories.approvals import administrator, make_tree, manager_of, person_in

pytestmark = pytest.mark.django_db

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")
MEMBERS = "waypoint.cohort.members"


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def manager(tree):
    return manager_of(tree.border_police, email="chief@example.org", full_name="Nadia Chief")


@pytest.fixture
def intake(tree):
    return cohort_create(name="2026 airport intake", organisation=tree.airport)


def member_entries(cohort):
    return list(ModelLogEntry.objects.filter(action=MEMBERS, object_id=str(cohort.pk)))


def test_a_cohort_membership_change_shows_in_site_history_with_who_made_it(
    client, tree, manager, intake
):
    leaving = person_in(tree.airport, email="lina@example.org")
    cohort_set_members(cohort=intake, members=[leaving])
    joining = person_in(tree.airport, email="amina@example.org")
    client.force_login(manager)

    client.post(
        reverse("cohorts:members", args=[intake.pk]),
        {"remove": [leaving.pk], "add": "amina@example.org"},
    )

    entry = member_entries(intake)[0]  # the newest
    assert entry.user == manager
    assert entry.data == {"added": [joining.pk], "removed": [leaving.pk]}
    assert "amina@example.org" not in str(entry.data)  # ids only: nothing to forget later
    auditor = Client()
    auditor.force_login(administrator())
    page = auditor.get(SITE_HISTORY).content.decode()
    assert "2026 airport intake" in page
    assert "1 person joined, 1 person left" in page
    assert "Nadia Chief" in page


def test_saving_the_same_members_again_logs_nothing_new(client, tree, manager, intake):
    cohort_set_members(cohort=intake, members=[person_in(tree.airport)])
    client.force_login(manager)

    client.post(reverse("cohorts:members", args=[intake.pk]), {"add": ""})

    assert len(member_entries(intake)) == 1  # the set-up's, none for "no change"


def test_moving_someone_out_of_a_cohorts_unit_is_logged_on_the_cohort(
    client, tree, manager, intake
):
    person = person_in(tree.airport)
    cohort_set_members(cohort=intake, members=[person])
    client.force_login(manager)

    client.post(
        reverse("organisations:detail", args=[tree.airport.pk]),
        {"people": [person.pk], "target": tree.land_border.pk},
    )

    newest = member_entries(intake)[0]
    assert (newest.user, newest.data) == (manager, {"added": [], "removed": [person.pk]})


def test_cohort_and_unit_changes_are_logged_with_who_made_them(client, tree, manager):
    client.force_login(manager)
    client.post(reverse("cohorts:add"), {"name": "Night shift", "organisation": tree.airport.pk})
    admin = administrator()
    client.force_login(admin)
    client.post(reverse("organisations:add"), {"name": "Seaport", "code": "seaport"})

    cohort_entry = ModelLogEntry.objects.get(action="wagtail.create", label="Night shift")
    unit = Organisation.objects.get(code="seaport")
    unit_entry = ModelLogEntry.objects.get(action="wagtail.create", object_id=str(unit.pk))
    assert (cohort_entry.user, unit_entry.user) == (manager, admin)


def test_a_new_manager_is_logged_by_account_id_not_address(tree):
    admin = administrator()
    newcomer = person_in(tree.airport, email="newchief@example.org")

    organisation_add_manager(organisation=tree.airport, user=newcomer, actor=admin)

    entry = ModelLogEntry.objects.get(action="waypoint.organisation.add_manager", user=admin)
    assert entry.data == {"manager": newcomer.pk}


# --- the services check who asks ---------------------------------------------------------


def test_a_manager_cannot_change_another_scopes_cohort_through_the_service(tree, intake):
    outsider = manager_of(tree.labour)
    person = person_in(tree.airport)

    with pytest.raises(PermissionDenied):
        cohort_set_members(cohort=intake, members=[person], actor=outsider)
    with pytest.raises(PermissionDenied):
        cohort_delete(cohort=intake, actor=outsider)

    assert list(intake.members.all()) == []
    assert not member_entries(intake)


def test_a_manager_cannot_add_a_unit_through_the_service(tree, manager):
    with pytest.raises(PermissionDenied):
        organisation_create(name="Rogue", code="rogue", parent=tree.airport, actor=manager)

    assert not Organisation.objects.filter(code="rogue").exists()


def test_moving_people_from_outside_the_scope_changes_nobody(tree, manager):
    inside = person_in(tree.airport)
    outsider = person_in(tree.integration)

    with pytest.raises(PermissionDenied):
        users_move_to_organisation(
            users=[inside, outsider], organisation=tree.land_border, actor=manager
        )

    inside.refresh_from_db()
    outsider.refresh_from_db()
    assert (inside.organisation, outsider.organisation) == (tree.airport, tree.integration)
    assert not ModelLogEntry.objects.filter(action="waypoint.organisation.move_person").exists()
