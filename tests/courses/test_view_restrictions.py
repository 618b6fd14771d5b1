"""A course made private in Wagtail (to groups, to signed-in people, or with a shared
password) is private for every learner action, not only for reading its pages: enrolling,
completing lessons, taking its quizzes, reading a quiz review, receiving a certificate and
finding it in the catalogue (issue 12, finding 1)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

from accounts import roles
from assessments.models import Attempt
from assessments.services import attempt_start
from certificates.models import Certificate
from certificates.services import CertificateError, certificate_issue
from certificates.tasks import issue_certificate
from courses.models import Enrollment, ModulePage, StepCompletion
from courses.services import EnrollmentError, enrollment_create, enrollments_assign_bulk
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers
from tests.factories.courses import catalogue, lessons_of, make_course, restrict
from tests.factories.reports import complete_course, enrol, take_final

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_shared_cache():
    cache.clear()


@pytest.fixture
def managers_group():
    return Group.objects.get(name=roles.MANAGERS)


@pytest.fixture
def private_course(managers_group):
    """A course private to the Managers group, with a module quiz and a final assessment."""
    course = make_course(title="Staff-only briefing", modules=1, lessons=2)
    module = ModulePage.objects.child_of(course).get()
    make_quiz(module=module, title="Module check", count=2, pass_mark=50)
    make_quiz(course=course, title="Final check", count=2, pass_mark=50)
    restrict(course, groups=[managers_group])
    return course


@pytest.fixture
def public_course():
    return make_course(title="Open introduction", modules=1, lessons=1)


def _quiz(course, *, final: bool):
    from assessments.models import Quiz

    if final:
        return Quiz.objects.get(course=course)
    return Quiz.objects.get(module__in=ModulePage.objects.child_of(course))


def _enrol_before_restriction(user, course, restriction_holder):
    """The learner enrolled while the course was open; then it was made private."""
    restriction = PageViewRestriction.objects.get(page=restriction_holder)
    groups = list(restriction.groups.all())
    restriction.delete()
    enrollment = enrol(user, course)
    restrict(restriction_holder, groups=groups)
    return enrollment


# --- the catalogue ---------------------------------------------------------------------------


def test_the_catalogue_leaves_out_a_course_private_to_groups_the_learner_is_not_in(
    client, learner, private_course, public_course
):
    client.force_login(learner)
    page = client.get("/courses/").content.decode()
    assert public_course.title in page
    assert private_course.title not in page


def test_the_catalogue_search_leaves_it_out_too(client, learner, private_course):
    client.force_login(learner)
    page = client.get("/courses/", {"q": "briefing"}).content.decode()
    assert private_course.title not in page


def test_members_of_the_group_and_superusers_find_it(client, private_course, managers_group):
    member = UserFactory(roles=[roles.MANAGERS])
    client.force_login(member)
    assert private_course.title in client.get("/courses/").content.decode()
    client.force_login(UserFactory(is_superuser=True))
    assert private_course.title in client.get("/courses/").content.decode()


def test_a_course_private_to_signed_in_people_is_not_listed_to_visitors(
    client, learner, public_course
):
    members_only = make_course(title="Members-only refresher", modules=1, lessons=1)
    restrict(members_only, login=True)
    assert members_only.title not in client.get("/courses/").content.decode()
    client.force_login(learner)
    assert members_only.title in client.get("/courses/").content.decode()


def test_a_restriction_on_the_catalogue_itself_closes_every_course(client, learner, public_course):
    restrict(catalogue(), groups=[Group.objects.get(name=roles.MANAGERS)])
    client.force_login(learner)
    response = client.post(reverse("learning:enroll", args=[public_course.pk]))
    assert response.status_code == 403
    assert not Enrollment.objects.filter(user=learner).exists()


# --- enrolling -------------------------------------------------------------------------------


def test_a_learner_outside_the_group_cannot_enrol_by_posting(client, learner, private_course):
    client.force_login(learner)
    response = client.post(reverse("learning:enroll", args=[private_course.pk]))
    assert not Enrollment.objects.filter(user=learner).exists()
    assert response.status_code == 403
    assert "open only to certain groups" in response.content.decode()


def test_a_signed_in_learner_opening_it_is_told_why_not_sent_round_in_circles(
    client, learner, private_course
):
    client.force_login(learner)
    response = client.get(private_course.url)
    assert response.status_code == 403
    assert "open only to certain groups" in response.content.decode()
    assert private_course.summary not in response.content.decode()


def test_a_visitor_opening_it_is_asked_to_sign_in(client, private_course):
    response = client.get(private_course.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_service_refuses_too_whoever_calls_it(learner, private_course):
    with pytest.raises(EnrollmentError) as refused:
        enrollment_create(user=learner, course=private_course)
    assert refused.value.code == "restricted"
    assert not Enrollment.objects.exists()


def test_a_member_of_the_group_enrols(client, private_course):
    member = UserFactory(roles=[roles.MANAGERS])
    client.force_login(member)
    client.post(reverse("learning:enroll", args=[private_course.pk]))
    assert Enrollment.objects.filter(user=member, course=private_course).exists()


def test_a_manager_cannot_assign_it_to_people_outside_the_group(learner, private_course):
    manager = UserFactory(roles=[roles.MANAGERS])
    member = UserFactory(roles=[roles.MANAGERS])
    with pytest.raises(EnrollmentError) as refused:
        enrollments_assign_bulk(
            course=private_course,
            due_dates={learner.pk: None, member.pk: None},
            assigned_by=manager,
        )
    assert "1 of these people" in refused.value.message
    assert not Enrollment.objects.exists()  # nobody, not even the member: all or nothing


def test_a_manager_can_assign_it_to_members(private_course):
    manager = UserFactory(roles=[roles.MANAGERS])
    member = UserFactory(roles=[roles.MANAGERS])
    counts = enrollments_assign_bulk(
        course=private_course, due_dates={member.pk: None}, assigned_by=manager
    )
    assert counts["created"] == 1


# --- progress, quizzes, reviews and certificates of an enrolment made before ----------------------


def test_lessons_cannot_be_completed_once_the_course_is_private(client, learner, private_course):
    _enrol_before_restriction(learner, private_course, private_course)
    client.force_login(learner)
    for lesson in lessons_of(private_course):
        client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
    assert not StepCompletion.objects.exists()


def test_a_restriction_on_a_module_closes_its_lessons_and_quiz(client, learner, managers_group):
    course = make_course(title="Mixed course", modules=2, lessons=1)
    open_module, private_module = ModulePage.objects.child_of(course).order_by("path")
    quiz = make_quiz(module=private_module, count=1)
    enrol(learner, course)
    restrict(private_module, groups=[managers_group])
    client.force_login(learner)
    open_lesson, private_lesson = lessons_of(course)
    client.post(reverse("learning:complete_lesson", args=[open_lesson.pk]))
    client.post(reverse("learning:complete_lesson", args=[private_lesson.pk]))
    assert list(StepCompletion.objects.values_list("step_key", flat=True)) == [
        f"lesson:{open_lesson.pk}"
    ]
    assert client.get(reverse("assessments:quiz", args=[quiz.pk])).status_code == 403
    client.post(reverse("assessments:start", args=[quiz.pk]))
    assert not Attempt.objects.exists()


def test_quizzes_cannot_be_opened_or_started(client, learner, private_course):
    _enrol_before_restriction(learner, private_course, private_course)
    client.force_login(learner)
    for final in (False, True):
        quiz = _quiz(private_course, final=final)
        overview = client.get(reverse("assessments:quiz", args=[quiz.pk]))
        assert overview.status_code == 403
        assert quiz.title not in overview.content.decode()
        client.post(reverse("assessments:start", args=[quiz.pk]))
    assert not Attempt.objects.exists()


def test_the_attempt_service_refuses_too(learner, private_course):
    _enrol_before_restriction(learner, private_course, private_course)
    from assessments.services import AttemptError

    with pytest.raises(AttemptError) as refused:
        attempt_start(user=learner, quiz=_quiz(private_course, final=False))
    assert refused.value.code == "restricted"


def test_an_attempt_begun_before_cannot_be_answered_submitted_or_reviewed(
    client, learner, private_course, managers_group
):
    restriction = PageViewRestriction.objects.get(page=private_course)
    restriction.delete()
    enrol(learner, private_course)
    quiz = _quiz(private_course, final=False)
    attempt = attempt_start(user=learner, quiz=quiz)
    answers = right_answers(attempt)
    restrict(private_course, groups=[managers_group])
    client.force_login(learner)
    question, answer = next(iter(answers.items()))
    client.post(reverse("assessments:answer", args=[attempt.pk]), {f"q{question}": answer})
    saved = client.post(
        reverse("assessments:answer", args=[attempt.pk]),
        {"question": question},
        headers={"x-requested-with": "fetch"},
    )
    assert saved.status_code == 403 and saved.json()["saved"] is False
    client.post(reverse("assessments:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.is_open and not attempt.answers.exists()
    for name in ("attempt", "result"):
        response = client.get(reverse(f"assessments:{name}", args=[attempt.pk]))
        assert response.status_code == 403
        question_text = attempt.frozen["questions"][0]["text"]
        assert question_text not in response.content.decode()


def test_no_certificate_for_a_learner_outside_the_group(learner, private_course, managers_group):
    restriction = PageViewRestriction.objects.get(page=private_course)
    restriction.delete()
    enrol(learner, private_course)
    take_final(learner, _quiz(private_course, final=False), right=2)
    enrollment = complete_course(learner, private_course, quiz=_quiz(private_course, final=True))
    restrict(private_course, groups=[managers_group])
    with pytest.raises(CertificateError):
        certificate_issue(enrollment=enrollment)
    assert issue_certificate(enrollment.pk) is None
    assert not Certificate.objects.exists()


# --- a shared password ---------------------------------------------------------------------------


def test_a_password_protected_course_needs_the_password_to_enrol(client, learner):
    course = make_course(title="Password course", modules=1, lessons=1)
    restriction = restrict(course, password="border-2026")
    client.force_login(learner)
    assert course.title in client.get("/courses/").content.decode()  # listed, asks when opened
    response = client.post(reverse("learning:enroll", args=[course.pk]))
    assert response.status_code == 302 and response["Location"] == course.url
    assert not Enrollment.objects.exists()
    assert "password" in client.get(course.url).content.decode().lower()

    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, course.pk]),
        {"password": "border-2026", "return_url": course.url},
    )
    client.post(reverse("learning:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(user=learner, course=course).exists()


# --- the shared cache follows changes ----------------------------------------------------------


def test_adding_the_learner_to_the_group_opens_it_and_removing_closes_it(
    client, learner, private_course, managers_group
):
    client.force_login(learner)
    assert private_course.title not in client.get("/courses/").content.decode()
    learner.groups.add(managers_group)
    assert private_course.title in client.get("/courses/").content.decode()
    learner.groups.remove(managers_group)
    assert private_course.title not in client.get("/courses/").content.decode()


def test_a_group_added_to_the_restriction_later_counts_at_once(client, learner, private_course):
    client.force_login(learner)
    assert private_course.title not in client.get("/courses/").content.decode()
    PageViewRestriction.objects.get(page=private_course).groups.add(
        Group.objects.get(name=roles.LEARNERS)
    )
    assert private_course.title in client.get("/courses/").content.decode()


def test_a_page_without_restrictions_hands_wagtail_an_empty_result_without_compiling_sql(
    public_course, managers_group
):
    """Wagtail iterates a page's restrictions on every view; an open lesson's empty set is
    already evaluated (issue 19, P1), and still behaves as a queryset for the admin."""
    from django.db.models.sql.compiler import SQLCompiler

    lesson = lessons_of(public_course)[0].specific
    restrictions = lesson.get_view_restrictions()
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self)
        return original(self, *args, **kwargs)

    SQLCompiler.as_sql = counting
    try:
        assert list(restrictions) == [] and not restrictions.exists() and not restrictions
    finally:
        SQLCompiler.as_sql = original
    assert compiled == []
    assert list(restrictions.order_by("-page__depth")) == []
    assert not restrictions.filter(restriction_type=PageViewRestriction.LOGIN).exists()
    restrict(public_course, groups=[managers_group])
    assert [r.page_id for r in lessons_of(public_course)[0].specific.get_view_restrictions()] == [
        public_course.pk
    ]
