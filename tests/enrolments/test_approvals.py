"""The managers' side of enrolment requests: the queue in the admin, approve (enrols and
e-mails), reject (e-mails the note), and nobody outside the learner's scope sees or decides
a request, whatever id they type."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.services import user_update_profile
from courses.models import Enrollment, EnrollmentRequest
from courses.services import enrollment_assign, enrollment_request_create
from enrolments.services.approvals import ApprovalError, enrollment_request_decide
from tests.factories.accounts import UserFactory
from tests.factories.approvals import (
    administrator,
    approval_course,
    make_tree,
    manager_of,
    person_in,
)
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

INDEX = reverse("enrolment_requests:index")


def decide_url(request):
    return reverse("enrolment_requests:decide", args=[request.pk])


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def course():
    return approval_course(title="Document Fraud Detection")


@pytest.fixture
def airport_learner(tree):
    return person_in(tree.airport, full_name="Samir Haddad", email="samir@example.org")


@pytest.fixture
def airport_manager(tree):
    return manager_of(tree.airport, organisation=tree.airport, email="chief@example.org")


@pytest.fixture
def pending(airport_learner, course):
    return enrollment_request_create(user=airport_learner, course=course, message="For my post.")


def test_the_manager_sees_the_request_in_the_queue(client, airport_manager, pending):
    client.force_login(airport_manager)

    response = client.get(INDEX)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Samir Haddad" in page and "Document Fraud Detection" in page
    assert decide_url(pending) in page


def test_approving_enrols_the_learner_and_emails_them(
    client, airport_manager, pending, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(airport_manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(pending), {"decision": "approve", "note": "Enjoy the course."}
        )

    assert response.status_code == 302
    enrollment = Enrollment.objects.current().get(user=pending.user, course=pending.course)
    assert enrollment.status == "active"
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("approved", airport_manager)
    assert [mail.to for mail in mailoutbox] == [["samir@example.org"]]
    mail = mailoutbox[0]
    assert mail.subject == "You have a place in Document Fraud Detection"
    assert "Enjoy the course." in mail.body
    assert pending.course.url in mail.body


def test_rejecting_emails_the_learner_with_the_note_and_enrols_nobody(
    client, airport_manager, pending, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(airport_manager)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            decide_url(pending), {"decision": "reject", "note": "The next intake is in March."}
        )

    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert pending.decision_note == "The next intake is in March."
    assert not Enrollment.objects.exists()
    assert len(mailoutbox) == 1
    assert "was not approved" in mailoutbox[0].subject
    assert "The next intake is in March." in mailoutbox[0].body


def test_the_learner_reads_the_decision_in_their_language(
    client, airport_manager, pending, mailoutbox, django_capture_on_commit_callbacks
):
    user_update_profile(user=pending.user, preferred_language="fr")
    client.force_login(airport_manager)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(pending), {"decision": "approve"})

    assert mailoutbox[0].to == ["samir@example.org"]
    assert "Document Fraud Detection" in mailoutbox[0].subject


def test_a_manager_of_another_unit_cannot_see_or_decide_it(client, tree, pending, mailoutbox):
    other = manager_of(tree.land_border)
    client.force_login(other)

    listing = client.get(INDEX + "?status=any").content.decode()
    page = client.get(decide_url(pending))
    post = client.post(decide_url(pending), {"decision": "approve"})

    assert "Samir Haddad" not in listing
    assert (page.status_code, post.status_code) == (404, 404)
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not Enrollment.objects.exists()
    assert mailoutbox == []


def test_a_manager_of_another_ministry_cannot_decide_through_the_service(tree, pending):
    with pytest.raises(ApprovalError, match="outside your organisation"):
        enrollment_request_decide(
            enrollment_request=pending, user=manager_of(tree.labour), decision="approve"
        )

    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_manager_higher_up_can_decide(client, tree, pending):
    chief = manager_of(tree.interior)
    client.force_login(chief)

    client.post(decide_url(pending), {"decision": "approve"})

    pending.refresh_from_db()
    assert pending.status == "approved"


def test_only_administrators_decide_for_learners_without_organisation(client, tree, course):
    request = enrollment_request_create(user=person_in(None), course=course)
    client.force_login(manager_of(tree.interior))
    assert client.get(decide_url(request)).status_code == 404

    client.force_login(administrator())
    client.post(decide_url(request), {"decision": "approve"})

    request.refresh_from_db()
    assert request.status == "approved"


def test_a_request_is_decided_once(client, airport_manager, pending):
    client.force_login(airport_manager)
    client.post(decide_url(pending), {"decision": "reject"})

    response = client.post(decide_url(pending), {"decision": "approve"})

    assert response.status_code == 400
    assert "no longer waiting for a decision" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert not Enrollment.objects.exists()


def test_a_manager_cannot_decide_their_own_request(client, tree, course):
    manager = manager_of(tree.airport, organisation=tree.airport)
    request = enrollment_request_create(user=manager, course=course)
    client.force_login(manager)

    response = client.post(decide_url(request), {"decision": "approve"})

    assert response.status_code == 400
    assert "your own request" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_approving_someone_already_assigned_keeps_their_one_enrolment(airport_manager, pending):
    enrollment_assign(
        user=pending.user, course=pending.course, due_at=None, assigned_by=airport_manager
    )

    enrollment_request_decide(enrollment_request=pending, user=airport_manager, decision="approve")

    pending.refresh_from_db()
    assert pending.status == "approved"
    assert Enrollment.objects.filter(user=pending.user).count() == 1


def test_approving_for_an_unpublished_course_is_refused_and_stays_pending(
    client, airport_manager, pending
):
    pending.course.unpublish()
    client.force_login(airport_manager)

    response = client.post(decide_url(pending), {"decision": "approve"})

    assert "not open for enrolment" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not Enrollment.objects.exists()


def test_a_decision_without_approve_or_reject_changes_nothing(client, airport_manager, pending):
    client.force_login(airport_manager)

    response = client.post(decide_url(pending), {"decision": "maybe"})

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_an_overlong_note_is_refused(client, airport_manager, pending):
    client.force_login(airport_manager)

    response = client.post(decide_url(pending), {"decision": "reject", "note": "x" * 2001})

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_decisions_are_in_the_audit_log(airport_manager, pending):
    enrollment_request_decide(
        enrollment_request=pending, user=airport_manager, decision="reject", note="Full."
    )

    entry = ModelLogEntry.objects.get(action="waypoint.enrollment_request.reject")
    assert entry.user == airport_manager
    assert entry.data["note"] == "Full."


def test_the_queue_shows_pending_requests_by_default(client, airport_manager, pending, course):
    decided = enrollment_request_create(
        user=person_in(pending.user.organisation, full_name="Lina Odeh"), course=course
    )
    enrollment_request_decide(enrollment_request=decided, user=airport_manager, decision="reject")
    client.force_login(airport_manager)

    default = client.get(INDEX).content.decode()
    everything = client.get(INDEX + "?status=any").content.decode()

    assert "Samir Haddad" in default and "Lina Odeh" not in default
    assert "Samir Haddad" in everything and "Lina Odeh" in everything


def test_people_without_a_scope_are_refused_and_see_no_menu_item(client, course, pending):
    trainer = UserFactory(roles=["Trainers"])
    client.force_login(trainer)

    for url in (INDEX, decide_url(pending)):
        response = client.get(url)
        # Wagtail turns a refusal into a redirect to the dashboard with an error message.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert client.post(decide_url(pending), {"decision": "approve"}).status_code == 302
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert INDEX not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_menu_item_shows_to_managers(client, airport_manager):
    client.force_login(airport_manager)

    assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("extra", [1, 6])
def test_the_queue_costs_the_same_queries_however_many_requests(
    client, tree, course, airport_manager, extra
):
    for _ in range(extra):
        enrollment_request_create(user=person_in(tree.airport), course=course)
    client.force_login(airport_manager)
    client.get(INDEX)

    with assert_queries(12):
        response = client.get(INDEX)

    assert response.status_code == 200
    assert EnrollmentRequest.objects.count() == extra
