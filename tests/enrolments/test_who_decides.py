"""Never tell a learner something untrue about who decides (issue 16, manager 4).

A request for a place goes to the managers of the nearest managed unit at or above the
learner's, or to the administrators when there is none. The course page, the message after
asking, and the decision mail name the same people, from the same rule
(``accounts.selectors.request_deciders``), so what the learner reads is who got the mail."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.selectors import request_deciders
from accounts.services import user_place_in_unit
from courses.services import enrollment_request_create
from enrolments.services.approvals import approvers_of, enrollment_request_decide
from tests.factories.accounts import UserFactory
from tests.factories.approvals import administrator, approval_course, make_tree, manager_of
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def course():
    return approval_course(title="Document Fraud Detection")


@pytest.fixture
def admin_user():
    return administrator(email="admin@example.org")


def _ask(client, learner, course, django_capture_on_commit_callbacks) -> str:
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("learning:request_place", args=[course.pk]), {"message": ""}, follow=True
        )
    return response.content.decode()


def test_a_sign_up_without_a_unit_is_told_the_administrators_decide(
    client, course, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(email="newcomer@example.org", roles=[roles.LEARNERS])
    client.force_login(newcomer)
    before = client.get(course.url).content.decode()

    after = _ask(client, newcomer, course, django_capture_on_commit_callbacks)

    assert "the platform administrators decide on your request" in before
    assert "Your request has been sent to the platform administrators." in after
    assert "The platform administrators will decide" in after
    for page in (before, after):
        assert "your manager" not in page.lower()
    assert [mail.to for mail in mailoutbox] == [["admin@example.org"]]


def test_a_learner_is_told_which_units_managers_decide(
    client, tree, course, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    learner = UserFactory(email="samir@example.org", roles=[roles.LEARNERS])
    user_place_in_unit(user=learner, unit=tree.airport)
    manager_of(tree.border_police, email="border.chief@example.org")
    manager_of(tree.interior, email="minister@example.org")
    # Manages another ministry too: that unit must not be named.
    manager_of(tree.labour, tree.border_police, email="both@example.org")

    page = _ask(client, learner, course, django_capture_on_commit_callbacks)

    assert "Your request has been sent to the managers of Border Police." in page
    assert "The managers of Border Police will decide" in page
    assert "your manager" not in page.lower()
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "border.chief@example.org",
        "both@example.org",
    ]


def test_the_nearest_managed_unit_decides(tree):
    learner = UserFactory(roles=[roles.LEARNERS])
    user_place_in_unit(user=learner, unit=tree.airport)
    manager_of(tree.interior, email="minister@example.org")
    chief = manager_of(tree.airport, email="airport.chief@example.org")

    deciders = request_deciders(learner)

    assert deciders.unit_name == "Airport Unit"
    assert list(deciders.people) == [chief] == approvers_of(learner)


def test_a_unit_with_no_manager_up_the_tree_goes_to_the_administrators(
    client, tree, course, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    learner = UserFactory(email="erin@example.org", roles=[roles.LEARNERS])
    user_place_in_unit(user=learner, unit=tree.integration)
    manager_of(tree.border_police)  # another ministry's manager

    page = _ask(client, learner, course, django_capture_on_commit_callbacks)

    assert "Your request has been sent to the platform administrators." in page
    assert [mail.to for mail in mailoutbox] == [["admin@example.org"]]


def test_a_rejection_mail_names_who_to_ask(
    course, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(email="newcomer@example.org", roles=[roles.LEARNERS])
    request = enrollment_request_create(user=newcomer, course=course)

    with django_capture_on_commit_callbacks(execute=True):
        enrollment_request_decide(
            enrollment_request=request, user=admin_user, decision="reject", note="Full."
        )

    [mail] = [mail for mail in mailoutbox if mail.to == ["newcomer@example.org"]]
    assert "You can ask the platform administrators about it" in mail.body
    assert "Note with the decision:" in mail.body
    assert "your manager" not in mail.body.lower()


def test_saying_who_decides_costs_the_course_page_one_query(client, tree, course):
    """docs/query-budget.md: 4 on an approval course for a learner not enrolled, one more
    when the learner has a unit (whose managers decide), however many managers there are."""
    learner = UserFactory(roles=[roles.LEARNERS])
    user_place_in_unit(user=learner, unit=tree.airport)
    manager_of(tree.border_police)
    client.force_login(learner)
    client.get(course.url)  # warm up: the route cache, session flags

    with assert_queries(5):
        client.get(course.url)
    for unit in (tree.airport, tree.interior, tree.border_police):
        manager_of(unit)
    with assert_queries(5):
        page = client.get(course.url).content.decode()
    assert "the managers of Airport Unit decide" in page
