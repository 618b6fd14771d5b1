"""Certificate templates per language (issue 15): a template's translation names its
original, and a learner gets the course's own template in their language when it has a
translation into it, else the course's template as it is: never another template. The
printed course title is the course's translation's."""

import re
import subprocess
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate, CourseCertification
from certificates.selectors import template_for
from certificates.services import certificate_issue
from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course
from tests.factories.translations import retitle, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates():
    """A generic French template made first, then the Border Police's own template and
    its French translation."""
    generic = CertificateTemplate.objects.create(
        name="Certificat", language="fr", title="Certificat de réussite"
    )
    special = CertificateTemplate.objects.create(
        name="Border Police", language="en", title="Border Police Academy certificate"
    )
    special_fr = CertificateTemplate.objects.create(
        name="Police des frontières",
        language="fr",
        title="Certificat de l'Académie de la police des frontières",
        translation_of=special,
    )
    return generic, special, special_fr


@pytest.fixture
def course():
    course = make_course(modules=1, lessons=1, title="Integrated Border Management")
    retitle(translate(course, "fr"), "Gestion intégrée des frontières")
    return course


def _completed(course, *, language: str) -> Enrollment:
    learner = UserFactory(preferred_language=language)
    enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    return Enrollment.objects.get(user=learner)


def test_the_courses_template_is_issued_in_its_french_translation(course, templates):
    _generic, special, special_fr = templates
    certification = CourseCertification.objects.create(course=course, template=special)

    assert template_for(certification=certification, language="fr") == special_fr
    assert template_for(certification=certification, language="en") == special
    # A course that chose the translation has chosen the template, in every language.
    certification.template = special_fr
    assert template_for(certification=certification, language="en") == special


def test_without_a_translation_the_courses_own_template_not_another(course, templates):
    generic, special, _special_fr = templates
    certification = CourseCertification.objects.create(course=course, template=special)

    assert template_for(certification=certification, language="es") == special
    generic_es = CertificateTemplate.objects.create(name="Certificado", language="es")
    assert template_for(certification=certification, language="es") == special
    assert generic_es != special


def test_the_default_template_in_the_learners_language(course):
    """The standard French, Spanish and Arabic templates are the default's translations
    (certificates 0013); a language whose translation was removed gets the default."""
    default = CertificateTemplate.objects.filter(is_default=True).get()
    translations = {
        t.language: t for t in CertificateTemplate.objects.filter(translation_of=default)
    }
    assert set(translations) == {"fr", "es", "ar"}
    assert translations["ar"].title == "شهادة إتمام"

    assert template_for(certification=None, language="ar") == translations["ar"]
    assert template_for(certification=None, language="en") == default
    translations["es"].delete()
    assert template_for(certification=None, language="es") == default


def _pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as file:
        result = subprocess.run(
            ["pdftotext", "-", "-"], input=file.read(), capture_output=True, check=True
        )
    text = unicodedata.normalize("NFKC", result.stdout.decode())
    return re.sub(r"\s+", " ", text)


def test_the_printed_certificate_has_the_translated_template_and_course_title(
    course, templates, django_capture_on_commit_callbacks
):
    _generic, special, _special_fr = templates
    CourseCertification.objects.create(course=course, template=special)
    enrollment = _completed(course, language="fr")

    certificate = certificate_issue(enrollment=enrollment)

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.template.name == "Police des frontières"
    assert certificate.course_title == "Gestion intégrée des frontières"
    text = _pdf_text(certificate)
    assert "Certificat de l'Académie de la police des frontières" in text
    assert "Gestion intégrée des frontières" in text
    assert "Integrated Border Management" not in text


@pytest.mark.parametrize(
    "change, field",
    [
        ({"language": "en"}, "language"),  # the original's own language
        ({"is_default": True}, "is_default"),
        ({"translation_of": "special_fr"}, "translation_of"),  # a translation's translation
        ({"language": "fr", "name": "Autre"}, "language"),  # French is taken
    ],
)
def test_a_wrong_translation_link_is_refused_with_a_message(templates, change, field):
    _generic, special, special_fr = templates
    template = CertificateTemplate(name="New", language="es", translation_of=special)
    for name, value in change.items():
        setattr(template, name, special_fr if value == "special_fr" else value)

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    ("language", "default_word"), [("en", "Default"), ("fr", "Par défaut"), ("ar", "افتراضي")]
)
def test_the_template_list_names_the_default_in_the_administrators_language(
    client, language, default_word
):
    """The list shows which template is the default and what each translates, in the
    administrator's language: no "True"/"False" left in English."""
    client.force_login(UserFactory(roles=["Administrators"], preferred_language=language))

    response = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list"))

    html = response.content.decode()
    rows = [row for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if "<td" in row]
    names_the_original = re.compile(r">\s*Waypoint standard\s*<")
    (default_row,) = [row for row in rows if default_word in row]
    assert names_the_original.search(default_row)  # its name; it translates nothing
    french_row = next(row for row in rows if "Waypoint standard (français)" in row)
    assert names_the_original.search(french_row)  # what it translates
    assert ">True<" not in html and ">False<" not in html
