"""A learner downloads everything Waypoint holds about them as JSON, from their profile: the
account, enrolments with progress, enrolment requests, quiz attempts with their answers (never
an answer key) and certificates. Nobody else's data is in it, and the export is audit-logged."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.privacy import personal_data_export
from accounts.services import user_place_in_unit, user_update_profile
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certificates.services import certificate_issue
from courses.models import ModulePage
from courses.services import enrollment_create, enrollment_request_create, lesson_complete
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.assessments import make_quiz, right_answers, single
from tests.factories.courses import lessons_of, make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

EXPORT = "/accounts/profile/export/"


@pytest.fixture
def amina(db):
    ministry = make_organisation("Ministry of Interior")
    unit = make_organisation("Airport Unit", parent=ministry)
    user = UserFactory(email="amina@example.org", roles=["Learners"])
    user_place_in_unit(user=user, unit=unit)
    return user_update_profile(user=user, full_name="Amina Diallo")


@pytest.fixture
def learning(amina):
    """Amina studies one course (a lesson done, a quiz passed, another attempt open), asked
    for a place in another, and holds a certificate for a third."""
    course = make_course(modules=1, lessons=2, title="Document Fraud")
    enrollment_create(user=amina, course=course)
    lesson_complete(user=amina, lesson=lessons_of(course)[0])
    module = ModulePage.objects.child_of(course).get()
    quiz = make_quiz(
        module=module,
        title="Fraud quiz",
        questions=[single(text="Which feature shows a substituted photo?", right="Laminate")],
    )
    passed = attempt_start(user=amina, quiz=quiz)
    attempt_submit(attempt=passed, responses=right_answers(passed))
    final = make_quiz(course=course, title="Final assessment", count=2)
    open_attempt = attempt_start(user=amina, quiz=final)
    first_key = str(open_attempt.frozen["questions"][0]["id"])
    attempt_save_answers(attempt=open_attempt, responses={first_key: 2})

    gated = make_course(modules=1, lessons=1, title="Victim Interviews")
    gated.enrolment_requires_approval = True
    gated.save_revision().publish()
    enrollment_request_create(user=amina, course=gated, message="My unit starts in May.")

    certificate = certificate_issue(enrollment=complete_course(amina))
    return {"course": course, "open_attempt": open_attempt, "certificate": certificate}


def download(client) -> dict:
    response = client.post(EXPORT)
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_profile_offers_the_download(client, amina):
    client.force_login(amina)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert f'action="{EXPORT}"' in html
    assert "Download my data" in html


def test_the_download_is_a_dated_json_file(client, amina):
    client.force_login(amina)

    response = client.post(EXPORT)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="waypoint-personal-data-'
    )
    assert response["Cache-Control"].startswith("max-age=0")
    assert json.loads(response.content)["format"] == "waypoint-personal-data/1"


def test_the_account_section_has_the_profile_and_no_secrets(client, amina):
    TOTP.activate(amina, generate_totp_secret())
    SocialAccount.objects.create(user=amina, provider="ministry", uid="amina-sub",
                                 extra_data={"userinfo": {"department": "airport"}})  # fmt: skip
    client.force_login(amina)

    data = download(client)

    account = data["account"]
    assert account["email"] == "amina@example.org"
    assert account["full_name"] == "Amina Diallo"
    assert account["organisation"] == {"name": "Airport Unit", "code": "airport-unit"}
    assert account["roles"] == ["Learners"]
    assert account["email_addresses"] == [
        {"email": "amina@example.org", "verified": True, "primary": True}
    ]
    assert [method["type"] for method in account["two_factor_methods"]] == ["totp"]
    (sso,) = account["single_sign_on"]
    assert (sso["provider"], sso["uid"]) == ("ministry", "amina-sub")
    assert sso["extra_data"] == {"userinfo": {"department": "airport"}}
    text = json.dumps(data)
    assert "secret" not in text
    assert amina.password not in text


def test_learning_records_are_all_there(client, amina, learning):
    client.force_login(amina)

    data = download(client)

    by_course = {row["course"]: row for row in data["enrolments"]}
    fraud = by_course["Document Fraud"]
    assert fraud["status"] == "active"
    lesson = lessons_of(learning["course"])[0]
    assert f"lesson:{lesson.pk}" in [step["step"] for step in fraud["completed_steps"]]
    assert by_course["Integrated Border Management"]["status"] == "completed"
    assert data["enrolment_requests"] == [
        {
            "course": "Victim Interviews",
            "course_id": data["enrolment_requests"][0]["course_id"],
            "status": "pending",
            "message": "My unit starts in May.",
            "requested_at": data["enrolment_requests"][0]["requested_at"],
            "decided_at": None,
            "decision_note": "",
        }
    ]
    attempts = {row["quiz"]: row for row in data["quiz_attempts"]}
    assert attempts["Fraud quiz"]["passed"] is True
    assert attempts["Fraud quiz"]["answers"][0]["question"] == (
        "Which feature shows a substituted photo?"
    )
    assert attempts["Final assessment"]["status"] == "in_progress"
    assert attempts["Final assessment"]["answers"][0]["response"] == 2
    [certificate] = data["certificates"]
    assert certificate["code"] == learning["certificate"].code
    assert certificate["holder_name"] == "Amina Diallo"
    assert certificate["verification_url"].endswith(f"/certificates/verify/{certificate['code']}/")


def test_no_answer_key_leaks_through_the_export(client, amina, learning):
    """The export can be taken while an attempt is open: it must not tell which options
    are right."""
    client.force_login(amina)

    text = json.dumps(download(client))

    assert "is_correct" not in text
    assert "feedback" not in text
    assert "Laminate" not in text  # the right option's text is not among the answers given


def test_nobody_elses_data_is_in_it(client, amina, learning, other_learner):
    course = make_course(modules=1, lessons=1, title="Labour Migration Statistics")
    enrollment_create(user=other_learner, course=course)
    client.force_login(amina)

    text = json.dumps(download(client))

    assert other_learner.email not in text
    assert "Labour Migration Statistics" not in text


def test_exports_are_written_to_the_audit_log(client, amina):
    client.force_login(amina)

    download(client)

    entry = ModelLogEntry.objects.get(action="waypoint.privacy.export")
    assert entry.object_id == str(amina.pk)
    assert entry.user_id == amina.pk


def test_the_export_is_a_post_for_signed_in_people_only(client, amina):
    assert client.post(EXPORT)["Location"].startswith(reverse("account_login"))
    client.force_login(amina)
    assert client.get(EXPORT).status_code == 405
    assert not ModelLogEntry.objects.filter(action="waypoint.privacy.export").exists()


def test_the_export_costs_the_same_queries_however_much_was_learnt(amina, learning):
    personal_data_export(user=amina)  # warm up (content types, log registry)
    # 19 since issues 14 and 16: the notices of the learner's assignments, and their
    # requests to join a unit with their changes of unit.
    with assert_queries(20):
        personal_data_export(user=amina)

    for title in ("Asylum Procedures", "Return Counselling"):
        enrollment_create(user=amina, course=make_course(modules=1, lessons=3, title=title))
    with assert_queries(20):
        data = personal_data_export(user=amina)
    assert len(data["enrolments"]) == 4


def test_reminders_and_the_invitation_sent_to_the_learner_are_in_it(client, amina, learning):
    from courses.models import Enrollment
    from enrolments.models import AssignmentInvitation, AssignmentNotice, DueDateReminder

    enrollment = Enrollment.objects.get(user=amina, course__title="Document Fraud")
    AssignmentNotice.objects.create(
        user=amina, course=enrollment.course, kind="assigned", via="unit", via_name="Airport Unit"
    )
    DueDateReminder.objects.create(
        enrollment=enrollment,
        kind=DueDateReminder.Kind.DUE_IN_7_DAYS,
        due_at=enrollment.enrolled_at,
    )
    AssignmentInvitation.objects.create(user=amina, courses=[["Document Fraud", "2027-01-04"]])
    client.force_login(amina)

    data = download(client)

    [reminder] = data["due_date_reminders"]
    assert (reminder["course"], reminder["kind"]) == ("Document Fraud", "due_in_7_days")
    invitation = data["assignment_invitation"]
    assert invitation["courses"] == [{"course": "Document Fraud", "due": "2027-01-04"}]
    assert invitation["sent_at"] is None
    [notice] = data["assignment_notices"]
    assert (notice["course"], notice["kind"], notice["via_name"]) == (
        "Document Fraud",
        "assigned",
        "Airport Unit",
    )
