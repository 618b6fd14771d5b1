"""Certificate files go through the storage API only (issue 13): with a storage that is
no local directory, a certificate is issued with its template's logo, its PDF downloaded
by its holder, re-issued, and the course's ZIP built and downloaded, and nothing is
written to or read from MEDIA_ROOT."""

import io
import zipfile

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from certificates.models import CertificateTemplate
from certificates.services import certificate_issue, certificate_reissue, certificates_build_zip
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage_in_memory(settings, tmp_path):
    """Files kept in memory, and MEDIA_ROOT a directory that does not exist: anything
    that wrote there would create it, anything that read from it would fail."""
    media_root = tmp_path / "media-that-is-never-created"
    settings.MEDIA_ROOT = str(media_root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    yield media_root
    assert not media_root.exists()


def _logo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (150, 60), (20, 60, 120)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Academy logo", file=ImageFile(buffer, name="academy-logo.png")
    )


def test_issue_download_reissue_and_zip_without_a_local_file(
    storage_in_memory, client, django_capture_on_commit_callbacks
):
    template = CertificateTemplate.objects.get(is_default=True)
    template.logo = _logo()
    template.save()
    learner = UserFactory()

    certificate = certificate_issue(enrollment=complete_course(learner))

    with certificate.pdf.open("rb") as file:
        issued = file.read()
    assert issued.startswith(b"%PDF") and b"/Width 150" in issued and b"/Height 60" in issued

    client.force_login(learner)
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == issued

    first_name = certificate.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reissue(certificate=certificate, user=UserFactory(is_superuser=True))
    certificate.refresh_from_db()
    assert certificate.pdf.name != first_name
    assert not storages["private"].exists(first_name) and storages["private"].exists(
        certificate.pdf.name
    )
    with certificate.pdf.open("rb") as file:
        reissued = file.read()

    certificates_build_zip(course_id=certificate.course_id)
    name = certificates_build_zip(course_id=certificate.course_id)  # a rebuild replaces it
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(
        reverse("certificates_course_zip", args=[certificate.course_id]), {"download": "1"}
    )
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"{certificate.code}.pdf"]
    assert archive.read(f"{certificate.code}.pdf") == reissued
    assert storages["private"].listdir("exports")[1] == [name.removeprefix("exports/")]
