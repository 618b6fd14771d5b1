"""The learner's side of courses that require approval: ask for a place, see that it is
pending, withdraw it, see a rejection; never enrol themselves."""

import pytest
from django.urls import reverse

from accounts.services import user_place_in_unit
from courses.models import Enrollment, EnrollmentRequest
from courses.services import (
    EnrollmentError,
    enrollment_create,
    enrollment_request_create,
    enrollment_request_reject,
    enrollment_request_withdraw,
)
from tests.factories.approvals import administrator, approval_course, make_tree, manager_of
from tests.factories.courses import make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return approval_course(title="Document Fraud Detection")


def test_a_learner_cannot_enrol_themselves_in_an_approval_course(learner, course):
    with pytest.raises(EnrollmentError, match="requires approval") as error:
        enrollment_create(user=learner, course=course)

    assert error.value.code == "approval_required"
    assert not Enrollment.objects.exists()


def test_the_enrol_button_is_refused_too(client, learner, course):
    client.force_login(learner)

    response = client.post(reverse("learning:enroll", args=[course.pk]), follow=True)

    assert "requires approval" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_a_manager_can_still_assign_an_approval_course(learner, course):
    manager = manager_of()

    enrollment = enrollment_create(user=learner, course=course, assigned_by=manager)

    assert enrollment.assigned_by == manager


def test_the_course_page_offers_a_request_instead_of_enrolment(client, learner, course):
    client.force_login(learner)

    page = client.get(course.url).content.decode()

    assert "Request a place" in page
    assert reverse("learning:request_place", args=[course.pk]) in page
    assert "Enrol in this course" not in page


def test_requesting_a_place_shows_it_pending_with_a_withdraw_button(client, learner, course):
    client.force_login(learner)

    response = client.post(
        reverse("learning:request_place", args=[course.pk]),
        {"message": "  My supervisor asked me to take it.  "},
        follow=True,
    )

    page = response.content.decode()
    assert "Your request has been sent" in page
    assert "Request pending" in page
    assert reverse("learning:withdraw_request", args=[course.pk]) in page
    request = EnrollmentRequest.objects.get()
    assert (request.user, request.course_id, request.status) == (learner, course.pk, "pending")
    assert request.message == "My supervisor asked me to take it."
    assert not Enrollment.objects.exists()


def test_a_second_request_while_one_is_pending_is_refused(client, learner, course):
    enrollment_request_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(reverse("learning:request_place", args=[course.pk]), follow=True)

    assert "already requested a place" in response.content.decode()
    assert EnrollmentRequest.objects.count() == 1


def test_a_course_without_approval_takes_no_requests(learner):
    course = make_course(modules=1, lessons=1)

    with pytest.raises(EnrollmentError, match="enrol directly"):
        enrollment_request_create(user=learner, course=course)

    assert not EnrollmentRequest.objects.exists()


def test_an_enrolled_learner_cannot_request_again(learner, course):
    enrollment_create(user=learner, course=course, assigned_by=manager_of())

    with pytest.raises(EnrollmentError, match="already enrolled"):
        enrollment_request_create(user=learner, course=course)

    assert not EnrollmentRequest.objects.exists()


def test_an_overlong_message_is_refused_and_nothing_is_stored(client, learner, course):
    client.force_login(learner)

    response = client.post(
        reverse("learning:request_place", args=[course.pk]), {"message": "x" * 2001}, follow=True
    )

    assert "under 2000 characters" in response.content.decode()
    assert not EnrollmentRequest.objects.exists()


def test_an_unpublished_course_takes_no_requests(learner, course):
    course.unpublish()

    with pytest.raises(EnrollmentError, match="not open"):
        enrollment_request_create(user=learner, course=course)


def test_withdrawing_closes_the_request_and_offers_a_new_one(client, learner, course):
    enrollment_request_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(reverse("learning:withdraw_request", args=[course.pk]), follow=True)

    page = response.content.decode()
    assert "Your request has been withdrawn" in page
    assert "Request a place" in page
    assert EnrollmentRequest.objects.get().status == "withdrawn"


def test_withdrawing_without_a_pending_request_says_so(client, learner, course):
    client.force_login(learner)

    response = client.post(reverse("learning:withdraw_request", args=[course.pk]), follow=True)

    assert "no request waiting" in response.content.decode()


def test_a_learner_cannot_withdraw_someone_elses_request(learner, other_learner, course):
    enrollment_request_create(user=other_learner, course=course)

    with pytest.raises(EnrollmentError):
        enrollment_request_withdraw(user=learner, course=course)

    assert EnrollmentRequest.objects.get().status == "pending"


def test_a_rejection_shows_the_note_and_allows_asking_again(client, learner, course):
    request = enrollment_request_create(user=learner, course=course)
    enrollment_request_reject(
        enrollment_request=request, decided_by=administrator(), note="Next intake is in March."
    )
    client.force_login(learner)

    page = client.get(course.url).content.decode()

    assert "Rejected" in page
    assert "Next intake is in March." in page
    assert "Request a place again" in page
    client.post(reverse("learning:request_place", args=[course.pk]))
    assert EnrollmentRequest.objects.filter(status="pending").count() == 1


def test_requests_need_a_sign_in(client, course):
    response = client.post(reverse("learning:request_place", args=[course.pk]))

    assert response.status_code == 302
    assert not EnrollmentRequest.objects.exists()


def test_the_course_page_query_count_does_not_grow_with_requests(client, learner):
    """A signed-in learner's course page costs the same 4 queries with one request or
    several: the request lookup is one query, and only on approval courses when not
    enrolled (docs/query-budget.md)."""
    course = approval_course()  # a path of its own: no route cached by another test
    client.force_login(learner)
    client.get(course.url)  # warm up: the route cache, session flags
    with assert_queries(4):
        client.get(course.url)

    request = enrollment_request_create(user=learner, course=course)
    enrollment_request_reject(enrollment_request=request, decided_by=administrator())
    enrollment_request_create(user=learner, course=course)
    client.get(course.url)
    with assert_queries(4):
        response = client.get(course.url)
    assert "Request pending" in response.content.decode()


def test_the_managers_of_the_learners_unit_are_emailed(
    learner, course, mailoutbox, django_capture_on_commit_callbacks
):
    tree = make_tree()
    unit_manager = manager_of(tree.airport, email="airport.chief@example.org")
    manager_of(tree.border_police, email="border.chief@example.org")
    user_place_in_unit(user=learner, unit=tree.airport)

    with django_capture_on_commit_callbacks(execute=True):
        request = enrollment_request_create(user=learner, course=course, message="Please.")

    assert [mail.to for mail in mailoutbox] == [[unit_manager.email]]
    body = mailoutbox[0].body
    assert "Document Fraud Detection" in body and "Please." in body
    assert reverse("enrolment_requests:decide", args=[request.pk]) in body


def test_without_a_unit_manager_the_next_unit_up_is_emailed(
    learner, course, mailoutbox, django_capture_on_commit_callbacks
):
    tree = make_tree()
    chief = manager_of(tree.border_police, email="border.chief@example.org")
    user_place_in_unit(user=learner, unit=tree.land_border)

    with django_capture_on_commit_callbacks(execute=True):
        enrollment_request_create(user=learner, course=course)

    assert [mail.to for mail in mailoutbox] == [[chief.email]]


def test_a_learner_without_organisation_goes_to_the_administrators(
    learner, course, mailoutbox, django_capture_on_commit_callbacks
):
    admin = administrator(email="admin@example.org")
    manager_of(make_tree().airport)

    with django_capture_on_commit_callbacks(execute=True):
        enrollment_request_create(user=learner, course=course)

    assert [mail.to for mail in mailoutbox] == [[admin.email]]
