"""A handout linked from a lesson downloads only for those who may read the lesson: the
course's enrolled learners and its editors. Its address, forwarded or guessed, gives
nothing to anyone else; documents no course links to keep Wagtail's own rules."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course, make_lesson, restrict

pytestmark = pytest.mark.django_db
Document = get_document_model()
HANDOUT = b"Checklist for second-line document examination\n"


def stored_document(name: str) -> Document:
    document = Document(title=name)
    document.file.save(name, ContentFile(HANDOUT), save=False)
    document.file_size = len(HANDOUT)
    document.save()
    return document


def lesson_linking(document, course):
    module = course.get_children().first().specific
    return make_lesson(
        module,
        title="Second-line checks",
        body=[("document", {"document": document, "description": "The checklist"})],
    )


@pytest.fixture
def handout_in_lesson(db):
    course = make_course(title="Document examination", modules=1, lessons=1)
    document = stored_document("checklist.txt")
    lesson_linking(document, course)
    return course, document


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_an_enrolled_learner_downloads_the_handout_of_a_lesson(client, learner, handout_in_lesson):
    course, document = handout_in_lesson
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    response, body = download(client, document)

    assert response.status_code == 200
    assert body == HANDOUT


def test_a_learner_not_enrolled_is_refused_with_a_reason(client, other_learner, handout_in_lesson):
    _course, document = handout_in_lesson
    client.force_login(other_learner)

    response, body = download(client, document)

    assert response.status_code == 403
    assert HANDOUT not in body
    assert "only the course’s enrolled learners" in body.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, handout_in_lesson):
    _course, document = handout_in_lesson

    response, body = download(client, document)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert HANDOUT not in body


def test_the_course_editors_download_it(client, trainer, handout_in_lesson):
    _course, document = handout_in_lesson
    client.force_login(trainer)

    assert download(client, document)[0].status_code == 200


def test_a_withdrawn_enrolment_no_longer_opens_it(client, learner, handout_in_lesson):
    course, document = handout_in_lesson
    enrollment = enrollment_create(user=learner, course=course)
    enrollment.delete()
    client.force_login(learner)

    assert download(client, document)[0].status_code == 403


def test_enrolment_in_another_course_does_not_open_it(client, learner, handout_in_lesson):
    _course, document = handout_in_lesson
    enrollment_create(user=learner, course=make_course(title="Other", modules=1, lessons=1))
    client.force_login(learner)

    assert download(client, document)[0].status_code == 403


def link_from_course_description(course, document):
    course.description = f'<p><a linktype="document" id="{document.pk}">Programme</a></p>'
    course.save_revision().publish()


def test_a_handout_on_a_course_page_is_as_open_as_the_page(client, other_learner):
    """Linked from a page anyone may read (and from a lesson too): anyone may download."""
    course = make_course(title="Open course", modules=1, lessons=1)
    document = stored_document("programme.txt")
    lesson_linking(document, course)
    link_from_course_description(course, document)
    client.force_login(other_learner)

    assert download(client, document)[0].status_code == 200


def test_a_group_restricted_course_refuses_a_learner_outside_the_group(client, learner):
    course = make_course(title="Managers only", modules=1, lessons=1)
    document = stored_document("restricted.txt")
    link_from_course_description(course, document)
    restrict(course, groups=[Group.objects.get(name="Managers")])
    client.force_login(learner)

    assert download(client, document)[0].status_code == 403


def test_a_draft_lesson_grants_learners_nothing(client, learner):
    course = make_course(title="Drafting", modules=1, lessons=1)
    enrollment_create(user=learner, course=course)
    document = stored_document("draft-annex.txt")
    lesson_linking(document, course).unpublish()
    client.force_login(learner)

    assert download(client, document)[0].status_code == 403


def test_a_document_no_course_links_to_keeps_wagtails_rules(client):
    document = stored_document("public-notice.txt")

    assert download(client, document)[0].status_code == 200


def test_the_staff_who_manage_documents_are_not_locked_out_of_the_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    course = make_course(modules=1, lessons=1)
    document = stored_document("annex.txt")
    lesson_linking(document, course)
    client.force_login(admin)

    assert download(client, document)[0].status_code == 200
