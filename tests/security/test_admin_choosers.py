"""Wagtail's choosers open only to the people whose listing they mirror (issue 12, finding 2).

A chooser is a listing in a modal: Wagtail's snippet choosers check nothing but access to
the admin, so any trainer, lead trainer or manager could page through every certificate's
code and holder name. Documents and images were offered to managers, who author nothing.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts import roles
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.approvals import administrator, manager_of, person_in
from tests.factories.courses import make_course
from tests.factories.reports import complete_course, enrol, issue_certificate

pytestmark = pytest.mark.django_db

CERTIFICATE_CHOOSER = "/admin/snippets/choose/certificates/certificate/"
ADMIN_HOME = "/admin/"


@pytest.fixture(autouse=True)
def _stand_in_pdf(monkeypatch):
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4")


@pytest.fixture
def certificate():
    unit_a = make_organisation("Unit A")
    learner = person_in(unit_a, full_name="Lena Learner")
    course = make_course(title="Chooser course", modules=1, lessons=1)
    enrol(learner, course)
    return issue_certificate(complete_course(learner, course))


@pytest.fixture
def staff():
    unit_b = make_organisation("Unit B")
    return {
        "trainer": UserFactory(roles=[roles.TRAINERS]),
        "lead_trainer": UserFactory(roles=[roles.LEAD_TRAINERS]),
        "manager_b": manager_of(unit_b, organisation=unit_b),
        "administrator": administrator(),
    }


def get_as(client, user, path):
    client.force_login(user)
    return client.get(path)


def refused(response) -> bool:
    """Wagtail refuses inside the admin with 403, or a redirect to the admin home."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == ADMIN_HOME
    )


def certificate_paths(certificate) -> list[str]:
    return [
        CERTIFICATE_CHOOSER,
        CERTIFICATE_CHOOSER + "results/",
        CERTIFICATE_CHOOSER + "results/?q=Lena",
        f"{CERTIFICATE_CHOOSER}chosen/{certificate.pk}/",
        f"{CERTIFICATE_CHOOSER}chosen-multiple/?id={certificate.pk}",
    ]


@pytest.mark.parametrize("role", ["trainer", "lead_trainer", "manager_b"])
def test_the_certificate_chooser_shows_no_code_or_holder_outside_the_administrators(
    role, client, staff, certificate
):
    for path in certificate_paths(certificate):
        response = get_as(client, staff[role], path)
        body = response.content.decode()
        assert certificate.code not in body, f"{role} sees the code at {path}"
        assert "Lena Learner" not in body, f"{role} sees the holder at {path}"
        assert refused(response), f"{role} reaches {path}: {response.status_code}"


def test_administrators_still_find_a_certificate_in_the_chooser(client, staff, certificate):
    """They list certificates anyway; the chooser checks the listing's permission."""
    response = get_as(client, staff["administrator"], CERTIFICATE_CHOOSER + "results/?q=Lena")
    assert response.status_code == 200
    assert certificate.code in response.content.decode()


@pytest.fixture
def media():
    document = Document.objects.create(
        title="Handout", file=ContentFile(b"Border checks.", name="handout.txt")
    )
    image = Image.objects.create(title="Checkpoint", file=get_test_image_file())
    return document, image


def media_chooser_paths(document, image) -> list[str]:
    return [
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/",
        f"/admin/documents/chooser/chosen/{document.pk}/",
        "/admin/documents/chooser/create/",
        "/admin/images/chooser/",
        "/admin/images/chooser/results/",
        f"/admin/images/chooser/chosen/{image.pk}/",
        f"/admin/images/chooser/{image.pk}/select_format/",
        "/admin/images/chooser/create/",
    ]


def test_managers_are_refused_the_document_and_image_choosers(client, staff, media):
    for path in media_chooser_paths(*media):
        response = get_as(client, staff["manager_b"], path)
        assert refused(response), f"a manager reaches {path}: {response.status_code}"


@pytest.mark.parametrize(
    "path",
    ["/admin/documents/chooser/chosen-multiple/?id={document}",
     "/admin/images/chooser/chosen-multiple/?id={image}",
     "/admin/api/main/documents/", "/admin/api/main/documents/{document}/",
     "/admin/api/main/images/", "/admin/api/main/images/{image}/"],
)  # fmt: skip
def test_managers_find_no_file_through_the_admin_api_or_a_multiple_choice(
    path, client, staff, media
):
    document, image = media
    path = path.format(document=document.pk, image=image.pk)
    body = get_as(client, staff["manager_b"], path).content.decode()
    assert "Handout" not in body and "Checkpoint" not in body, path


def test_trainers_still_choose_documents_and_images(client, staff, media):
    """Authors keep their choosers: they insert documents and images into lessons."""
    for path in ["/admin/documents/chooser/results/", "/admin/images/chooser/results/",
                 "/admin/api/main/documents/"]:  # fmt: skip
        response = get_as(client, staff["trainer"], path)
        assert response.status_code == 200
        assert b"Handout" in response.content or b"Checkpoint" in response.content, path


@pytest.mark.parametrize("role", ["trainer", "lead_trainer", "manager_b", "administrator"])
def test_the_bulk_delete_confirmation_names_no_certificate(role, client, staff, certificate):
    """It listed "you may not delete these" with each code and holder, for any ids asked."""
    path = f"/admin/bulk/certificates/certificate/delete/?id={certificate.pk}"
    response = get_as(client, staff[role], path)
    assert certificate.code not in response.content.decode()
    assert refused(response)
