"""Every change of unit is on record (issue 14, item 5): in the audit log, with a clear
action and the units left and joined, and in the person's data export. Invitations and CSV
imports by a manager place people directly (item 3)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import User
from accounts.privacy import personal_data_export
from accounts.services import (
    Invitee,
    membership_address_verified,
    membership_request_create,
    membership_request_decide,
    users_invite_bulk,
    users_move_to_organisation,
)
from enrolments.services.imports import assignment_import_csv_apply, assignment_import_csv_preview
from tests.factories import assignments
from tests.factories.approvals import administrator, manager_of
from tests.factories.courses import make_course
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return assignments.make_tree()


@pytest.fixture
def manager(tree):
    return manager_of(tree.police, email="chief@example.org")


def messages_about(user) -> list[str]:
    entries = ModelLogEntry.objects.get_for_model(User).filter(object_id=str(user.pk))
    entries = entries.order_by("timestamp", "pk")
    return [registry.get_formatter(entry).format_message(entry) for entry in entries]


def test_every_change_of_unit_is_in_the_audit_log_and_the_export(client, tree, manager):
    admin = administrator(email="admin@example.org")
    # 1. A manager invites her into the Airport Unit.
    invited = users_invite_bulk(
        people=[
            Invitee(email="amina@example.org", full_name="Amina", organisation_id=tree.airport.pk)
        ],
        invited_by=manager,
    )
    amina = invited["amina@example.org"]
    # 2. She asks to join the Land Border Unit; the manager approves.
    request = membership_request_create(user=amina, unit=tree.land)
    membership_request_decide(membership_request=request, decider=manager, approve=True)
    # 3. The manager moves her back to the Airport Unit.
    users_move_to_organisation(
        users=[User.objects.get(pk=amina.pk)], organisation=tree.airport, actor=manager
    )
    # 4. An administrator puts her in the Integration Directorate from the user editor.
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[amina.pk]),
        {
            "email": amina.email,
            "full_name": "Amina",
            "preferred_language": "en",
            "organisation": tree.integration.pk,
            "is_active": "on",
            "groups": [Group.objects.get(name=roles.LEARNERS).pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors

    assert [
        line for line in messages_about(amina) if "unit" in line.lower() or "Moved" in line
    ] == [
        "Account created for an invitation to assigned courses, in Airport Unit",
        "Asked to join Land Border Unit",
        "Joined Land Border Unit on approval (was in Airport Unit)",
        "Moved from Land Border Unit to Airport Unit",
        "Unit changed from Airport Unit to Integration Directorate",
    ]
    history = personal_data_export(user=User.objects.get(pk=amina.pk))["account"]["unit_history"]
    assert [(h["change"], h["from"] and h["from"]["code"], h["to"]["code"]) for h in history] == [
        ("waypoint.user.invite", None, "airport-unit"),
        ("waypoint.membership.approve", "airport-unit", "land-border-unit"),
        ("waypoint.organisation.move_person", "land-border-unit", "airport-unit"),
        ("waypoint.membership.place", "airport-unit", "integration"),
    ]
    requests = personal_data_export(user=amina)["account"]["unit_requests"]
    assert [(r["unit"]["code"], r["status"]) for r in requests] == [
        ("land-border-unit", "approved")
    ]


def test_a_domain_placement_is_in_the_audit_log_and_the_export(tree):
    from accounts.models import UnitDomainRule
    from tests.factories.approvals import person_in

    UnitDomainRule.objects.create(domain="border.gov.example", unit=tree.airport, mode="place")
    omar = person_in(None, email="omar@border.gov.example")

    membership_address_verified(user=omar, email=omar.email)

    assert messages_about(omar) == [
        "Placed in Airport Unit by the e-mail domain rule for border.gov.example"
    ]
    (change,) = personal_data_export(user=omar)["account"]["unit_history"]
    assert (change["change"], change["from"], change["to"]["code"]) == (
        "waypoint.membership.domain_rule",
        None,
        "airport-unit",
    )


def test_an_import_places_new_people_directly_in_their_unit(tree, manager):
    course = make_course(modules=1, lessons=1, title="Border basics")
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    rows = [["newcomer@example.org", course.slug, due, "New Comer", "land-border-unit"]]
    preview = assignment_import_csv_preview(manager=manager, file=assignments.csv_bytes(rows))
    assert preview.is_valid, preview.error_rows[:3] or preview.file_errors

    assignment_import_csv_apply(manager=manager, token=preview.token)

    newcomer = User.objects.get(email="newcomer@example.org")
    assert newcomer.organisation == tree.land
    entry = ModelLogEntry.objects.get(action="waypoint.user.invite", object_id=str(newcomer.pk))
    assert (entry.user, entry.data["to"]["code"]) == (manager, "land-border-unit")


def test_the_export_costs_the_same_queries_however_long_the_unit_history(tree, manager):
    amina = users_invite_bulk(
        people=[Invitee(email="amina@example.org", full_name="", organisation_id=tree.airport.pk)],
        invited_by=manager,
    )["amina@example.org"]
    personal_data_export(user=amina)
    short, _ = count_queries(lambda: personal_data_export(user=amina))
    for unit in (tree.land, tree.airport, tree.land):
        request = membership_request_create(user=amina, unit=unit)
        membership_request_decide(membership_request=request, decider=manager, approve=True)

    long, data = count_queries(lambda: personal_data_export(user=amina))

    assert short == long
    assert len(data["account"]["unit_history"]) == 4


def test_a_unit_whose_reports_keep_completions_is_not_deleted_but_says_why(client, tree):
    from accounts.models import Organisation
    from tests.factories.approvals import person_in
    from tests.factories.reports import complete_course, enrol

    course = make_course(modules=1, lessons=1, title="Border basics")
    person = person_in(tree.airport)
    complete_course(person, enrol(person, course).course)
    users_move_to_organisation(users=[person], organisation=tree.land)
    client.force_login(administrator())

    response = client.post(f"/admin/organisations/{tree.airport.pk}/delete/", follow=True)

    assert "reports keep the completions of people who have left it" in response.content.decode()
    assert Organisation.objects.filter(pk=tree.airport.pk).exists()
