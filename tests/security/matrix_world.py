"""The world of the access-control matrix (test_access_matrix.py): eight roles and the
objects the table's paths name, built once per module through the services, and a client
per role that starts every request with its role's session alone.

The fixtures are imported by the test module by name (they are not in conftest.py, which
would offer them to the whole folder)."""

from dataclasses import dataclass
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Task

from accounts import roles
from accounts.audit import log_role_added
from accounts.models import SsoClaimRule, UnitDomainRule, User
from accounts.services import cohort_create, cohort_set_members, membership_request_create
from assessments.models import Attempt
from assessments.services import attempt_start
from certificates.models import CertificateTemplate, CourseCertification
from certificates.services import requirement_add
from courses.models import ModulePage
from courses.services import course_review_submit, enrollment_request_create
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.approvals import administrator, approval_course, manager_of, person_in
from tests.factories.assessments import make_quiz
from tests.factories.courses import lessons_of, make_course, restrict
from tests.factories.reports import complete_course, enrol, issue_certificate
from tests.factories.videos import add_captions, make_video
from tests.security.access_matrix_table import ROLES


@dataclass
class World:
    users: dict[str, User | None]
    ids: dict[str, str]
    learner_traces: tuple[str, ...]  # what would show the learner of unit A on a page


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as mp,
        override_settings(MEDIA_ROOT=media_root),
    ):
        mp.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4")
        built = _build_world()
        yield built
        transaction.set_rollback(True)


def _build_world() -> World:
    unit_a = make_organisation("Unit A")
    unit_b = make_organisation("Unit B")
    learner = person_in(unit_a, email="learner@matrix.example.org", full_name="Lena Learner")
    other_learner = person_in(unit_b, email="other@matrix.example.org", full_name="Omar Other")
    users = {
        "anonymous": None,
        "learner": learner,
        "other_learner": other_learner,
        "trainer": UserFactory(roles=[roles.TRAINERS]),
        "lead_trainer": UserFactory(roles=[roles.LEAD_TRAINERS]),
        "manager_a": manager_of(unit_a, organisation=unit_a),
        "manager_b": manager_of(unit_b, organisation=unit_b),
        "administrator": administrator(),
    }

    course = make_course(title="Matrix course", modules=1, lessons=1)
    quiz = make_quiz(course=course, title="Final assessment", count=2, pass_mark=50)
    bank = make_quiz(title="Matrix question bank", count=1)
    enrol(learner, course)
    enrollment = complete_course(learner, course, quiz=quiz, right=2)
    certificate = issue_certificate(enrollment)
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    approval = approval_course(title="Matrix approval course")
    request = enrollment_request_create(user=learner, course=approval, message="Please")
    # Someone with no unit yet asks to join unit A (issue 14): unit A's manager decides.
    joiner = person_in(None, email="joiner@matrix.example.org", full_name="Jana Joiner")
    membership_request = membership_request_create(user=joiner, unit=unit_a)
    domain_rule = UnitDomainRule.objects.create(domain="unit-a.example", unit=unit_a, mode="place")
    sso_rule = SsoClaimRule.objects.create(
        provider_id="ministry", claim="department", value="unit-a", unit=unit_a, placement="place"
    )
    cohort_a = cohort_create(name="Unit A intake", organisation=unit_a)
    requirement = requirement_add(unit=unit_a, course=course)
    cohort_set_members(cohort=cohort_a, members=[learner])
    log_role_added(user=learner, actor=users["administrator"], role=roles.LEARNERS)
    module = ModulePage.objects.child_of(course).get()
    lesson = lessons_of(course)[0]
    document = Document.objects.create(
        title="Handout", file=ContentFile(b"Border checks, step by step.", name="handout.txt")
    )
    image = Image.objects.create(title="Checkpoint", file=get_test_image_file())
    # An uploaded video the lesson shows (issue 17): its files follow the lesson's rule.
    video = make_video(title="Matrix video")
    add_captions(video, "fr")
    lesson.body = [{"type": "uploaded_video", "value": {"video": video.pk}}]
    lesson.save_revision().publish()
    # Admin choosers (issue 12, finding 2): a course's certificate settings, a workflow task.
    course_certification = CourseCertification.objects.create(course=course)
    task = Task.objects.order_by("pk").first()
    # A course private to the Managers group (issue 12, finding 1): the learner enrolled and
    # began its module quiz while it was open; then it was made private.
    restricted = make_course(title="Matrix restricted course", modules=1, lessons=1)
    restricted_quiz = make_quiz(
        module=ModulePage.objects.child_of(restricted).get(), title="Restricted quiz", count=1
    )
    enrol(learner, restricted)
    restricted_attempt = attempt_start(user=learner, quiz=restricted_quiz)
    restrict(restricted, groups=[Group.objects.get(name=roles.MANAGERS)])
    # A course the trainer sent for review as a whole, one lesson edited (issue 14).
    reviewed = make_course(title="Matrix reviewed course", modules=1, lessons=1)
    reviewed_lesson = lessons_of(reviewed)[0].get_latest_revision_as_object()
    reviewed_lesson.title = "Matrix reviewed lesson, revised"
    reviewed_lesson.save_revision(user=users["trainer"])
    review_submission = course_review_submit(user=users["trainer"], root=reviewed)

    ids = {
        "restricted_course": restricted.pk,
        "restricted_course_url": restricted.url,
        "restricted_lesson": lessons_of(restricted)[0].pk,
        "restricted_lesson_url": lessons_of(restricted)[0].url,
        "restricted_quiz": restricted_quiz.pk,
        "restricted_attempt": restricted_attempt.pk,
        "course": course.pk,
        "course_url": course.url,
        "module_url": module.url,
        "lesson": lesson.pk,
        "lesson_url": lesson.url,
        "catalogue": course.get_parent().pk,
        "approval_course": approval.pk,
        "approval_course_url": approval.url,
        "approval_module": ModulePage.objects.child_of(approval).first().pk,
        "quiz": quiz.pk,
        "quiz_revision": quiz.live_revision_id,
        "bank": bank.pk,
        "attempt": attempt.pk,
        "certificate": certificate.code,
        "certificate_id": certificate.pk,
        "template": CertificateTemplate.objects.get(is_default=True).pk,
        "topic": course.topic_id,
        "enrollment_request": request.pk,
        "unit_a": unit_a.pk,
        "unit_b": unit_b.pk,
        "membership_request": membership_request.pk,
        "domain_rule": domain_rule.pk,
        "sso_rule": sso_rule.pk,
        "cohort_a": cohort_a.pk,
        "requirement": requirement.pk,
        "learner": learner.pk,
        "manager_a": users["manager_a"].pk,
        "administrator_email": users["administrator"].email,
        "document": document.pk,
        "document_filename": document.filename,
        "image": image.pk,
        "video": video.pk,
        "course_certification": course_certification.pk,
        "task": task.pk,
        "reviewed_course": reviewed.pk,
        "review_submission": review_submission.pk,
    }
    return World(
        users=users,
        ids={key: str(value) for key, value in ids.items()},
        learner_traces=(learner.full_name, learner.email, cohort_a.name),
    )


@pytest.fixture(scope="module")
def signed_in(world, django_db_blocker) -> dict[str, str]:
    """Each role's session key, made once in the world's transaction."""
    keys = {"anonymous": ""}
    with django_db_blocker.unblock():
        for role in ROLES[1:]:
            client = Client()
            client.force_login(world.users[role])
            keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


@pytest.fixture
def clients(signed_in, db) -> dict[str, "RoleClient"]:
    return {role: RoleClient(key) for role, key in signed_in.items()}


class RoleClient(Client):
    """A client that starts every request with its role's session and nothing else, so a
    sign-out or a message left by one request never reaches the next."""

    def __init__(self, session_key: str):
        super().__init__(raise_request_exception=False)
        self.session_key = session_key

    def request(self, **request):
        self.cookies = SimpleCookie()
        if self.session_key:
            self.cookies[settings.SESSION_COOKIE_NAME] = self.session_key
        return super().request(**request)
