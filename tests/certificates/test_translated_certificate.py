"""A course studied partly in French ends with one certificate, in the learner's language
with the course's French title (issue 15, item 4)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from certificates.models import Certificate, CertificateTemplate
from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course
from tests.factories.translations import retitle, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course(modules=1, lessons=3, title="Integrated Border Management")
    retitle(translate(course, "fr"), "Gestion intégrée des frontières")
    return course


@pytest.fixture
def french_template():
    """The French translation of the default template (``translation_of``; the standard
    French one, linked by certificates 0013), retitled by an administrator."""
    template = CertificateTemplate.objects.get(
        translation_of=CertificateTemplate.objects.get(is_default=True), language="fr"
    )
    template.title = "Certificat de réussite"
    template.save()
    return template


def _finish_in_french(client, learner, course, capture):
    """Two lessons in English, then the last one in French through the lesson's button."""
    enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course)[:2]:
        lesson_complete(user=learner, lesson=lesson)
    french_last = lessons_of(course)[2].get_translation(Locale.objects.get(language_code="fr"))
    client.force_login(learner)
    with capture(execute=True):
        client.post(
            reverse("learning:complete_lesson", args=[french_last.id]),
            headers={"accept-language": "fr"},
        )


@pytest.mark.usefixtures("fast_pdf", "french_template")
def test_a_learner_who_prefers_french_gets_one_certificate_in_french(
    client, course, django_capture_on_commit_callbacks
):
    learner = UserFactory(preferred_language="fr")

    _finish_in_french(client, learner, course, django_capture_on_commit_callbacks)

    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.is_completed and enrollment.course_id == course.id
    certificate = Certificate.objects.get()
    assert certificate.course_title == "Gestion intégrée des frontières"
    assert certificate.template.language == "fr"


@pytest.mark.usefixtures("fast_pdf", "french_template")
def test_a_learner_who_prefers_english_gets_the_english_title(
    client, course, django_capture_on_commit_callbacks
):
    learner = UserFactory(preferred_language="en")

    _finish_in_french(client, learner, course, django_capture_on_commit_callbacks)

    certificate = Certificate.objects.get()
    assert certificate.course_title == "Integrated Border Management"
    assert certificate.template.language == "en"


@pytest.mark.usefixtures("fast_pdf")
@pytest.mark.parametrize(
    ("language", "title", "course_title"),
    [
        ("fr", "Certificat d'achèvement", "Gestion intégrée des frontières"),
        ("es", "Certificado de finalización", "Integrated Border Management"),
        ("ar", "شهادة إتمام", "Integrated Border Management"),
    ],
)
def test_the_standard_certificate_comes_in_the_learner_s_language_from_the_start(
    client, course, django_capture_on_commit_callbacks, language, title, course_title
):
    """No administrator has added a template: the standard one exists in each language
    (certificates migration 0012), with the course's title in it where translated."""
    learner = UserFactory(preferred_language=language)

    _finish_in_french(client, learner, course, django_capture_on_commit_callbacks)

    certificate = Certificate.objects.get()
    assert certificate.template.language == language and certificate.template.title == title
    assert certificate.course_title == course_title
