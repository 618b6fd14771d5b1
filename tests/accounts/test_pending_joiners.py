"""A manager never sees a pending joiner's data (issue 14, item 1): someone who has asked to
join a unit, and not been approved, is in no report, assignment, cohort, organisation page
or approval of that unit. Nadia tries both ways in: the unit field the profile used to have
(a forged POST now) and the request to join."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import cohort_create
from courses.models import Enrollment, EnrollmentRequest
from courses.services import enrollment_request_create
from tests.factories.accounts import UserFactory
from tests.factories.approvals import approval_course, make_tree, manager_of, person_in
from tests.factories.courses import make_course
from tests.factories.reports import complete_course, enrol

pytestmark = pytest.mark.django_db

NAME = "Nadia Pending"


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def manager(tree):
    return manager_of(tree.border_police, email="chief@example.org")


@pytest.fixture
def course():
    return make_course(modules=1, lessons=1, title="Border basics")


@pytest.fixture
def joiner(client, tree, course):
    """Nadia studies (one course done, one overdue), asks for a place in an approval course,
    and tries to enter the Airport Unit."""
    nadia = UserFactory(full_name=NAME, email="nadia@example.org", roles=["Learners"])
    complete_course(nadia, enrol(nadia, course).course)
    enrol(nadia, make_course(modules=1, lessons=1, title="Late course"), due_in_days=-3)
    enrollment_request_create(user=nadia, course=approval_course(title="Restricted"))
    client.force_login(nadia)
    client.post(
        "/accounts/profile/",
        {"full_name": NAME, "preferred_language": "en", "organisation": tree.airport.pk},
    )
    client.post("/accounts/profile/unit/", {"unit": tree.airport.pk})
    client.logout()
    nadia.refresh_from_db()
    return nadia


def test_she_is_waiting_outside_the_unit(joiner, tree):
    from accounts.models import MembershipRequest

    assert joiner.organisation is None
    assert MembershipRequest.objects.get(user=joiner).unit == tree.airport


@pytest.mark.parametrize(
    "page",
    [
        "reports_learner_progress",
        "reports_overdue",
        "enrolment_requests:index",
    ],
)
def test_no_report_or_approval_queue_shows_her(client, manager, joiner, page):
    person_in(manager.managed_organisations.get(), full_name="Someone Else")
    client.force_login(manager)

    response = client.get(reverse(page))

    assert response.status_code == 200
    assert NAME not in response.content.decode()
    assert joiner.email not in response.content.decode()


def test_the_unit_figures_do_not_count_her(client, manager, joiner):
    from tests.factories.reports import by_first_cell, screen_table

    client.force_login(manager)
    _, rows = screen_table(client.get(reverse("reports_unit_completion")))

    assert by_first_cell(rows)["Airport Unit"][1] == "0"  # nobody enrolled


def test_her_place_request_cannot_be_decided_by_the_units_manager(client, manager, joiner):
    request = EnrollmentRequest.objects.get(user=joiner)
    client.force_login(manager)

    assert client.get(reverse("enrolment_requests:decide", args=[request.pk])).status_code == 404
    response = client.post(
        reverse("enrolment_requests:decide", args=[request.pk]), {"decision": "approve"}
    )

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == EnrollmentRequest.Status.PENDING


def test_an_assignment_to_the_unit_leaves_her_out(client, manager, joiner, tree):
    other = make_course(modules=1, lessons=1, title="Assigned course")
    colleague = person_in(tree.airport)
    client.force_login(manager)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()

    client.post(
        reverse("reports_assign_course"),
        {
            "course": other.pk,
            "due_date": due,
            "target": "unit",
            "organisation": tree.airport.pk,
            "confirm": "1",
        },
    )

    assigned = set(Enrollment.objects.filter(course=other).values_list("user", flat=True))
    assert assigned == {colleague.pk}


def test_she_cannot_be_put_in_a_cohort_of_the_unit(client, manager, joiner, tree):
    cohort = cohort_create(name="Airport intake", organisation=tree.airport)
    client.force_login(manager)

    response = client.post(reverse("cohorts:members", args=[cohort.pk]), {"add": joiner.email})

    assert response.status_code == 400
    assert "Nobody in your organisation has these addresses" in response.content.decode()
    assert not cohort.members.exists()


def test_the_units_page_does_not_list_her(client, manager, joiner, tree):
    client.force_login(manager)

    response = client.get(reverse("organisations:detail", args=[tree.airport.pk]))

    assert NAME not in response.content.decode()
