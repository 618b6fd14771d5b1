"""Issue 12, finding 14: private files are served only by their views, in every mode.

With DEBUG on, ``/media/`` served every stored file to anyone: certificate PDFs at
``certificates/<public code>.pdf``, course ZIPs at ``exports/certificates-course-<id>.zip``,
report exports and CSV imports. Only Wagtail's images are public media now, and private
files get names with a random or keyed part, so that a path cannot be guessed either.
"""

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches

import config.urls
from certificates.models import Certificate
from certificates.selectors import course_zip_status
from certificates.services import certificate_issue, certificate_reissue, certificates_build_zip
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = [
    "certificates/WP-ABCD-EFGH-JKLM-NPQR.pdf",
    "exports/certificates-course-3.zip",
    "report-exports/7/learners-0123456789abcdef.xlsx",
    "imports/some-token.csv",
    "documents/handbook.pdf",
]
PUBLIC = ["images/photo.max-800x600.png", "original_images/photo.png"]


@pytest.fixture
def debug_urls():
    """The URL patterns ``make run`` builds (DEBUG on), put back afterwards."""
    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
    clear_url_caches()
    yield
    importlib.reload(config.urls)
    clear_url_caches()


def _store(relative: str, content: bytes = b"private bytes") -> None:
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.usefixtures("debug_urls")
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "another learner"])
def test_development_media_serves_images_and_nothing_private(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    for name in PRIVATE + PUBLIC:
        _store(name)

    for name in PRIVATE:
        assert client.get(f"/media/{name}").status_code == 404, name
    for name in PUBLIC:
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == b"private bytes"


@pytest.mark.usefixtures("debug_urls")
def test_an_issued_certificate_is_not_served_as_development_media(client):
    certificate = certificate_issue(enrollment=complete_course(UserFactory()))
    client.force_login(UserFactory())

    assert (Path(settings.MEDIA_ROOT) / certificate.pdf.name).is_file()
    assert client.get(f"/media/{certificate.pdf.name}").status_code == 404
    assert client.get(f"/media/certificates/{certificate.code}.pdf").status_code == 404


def _random_part(name: str, known: str) -> str:
    """What is left of a file name once the parts anyone can know are taken out."""
    return re.sub(r"[-_.]", "", Path(name).name.replace(known, "").replace(".pdf", ""))


def test_certificate_pdfs_get_names_nobody_can_derive_from_the_code():
    first = certificate_issue(enrollment=complete_course(UserFactory()))
    second = certificate_issue(enrollment=complete_course(UserFactory()))

    for certificate in (first, second):
        assert certificate.pdf.name.startswith("certificates/")
        assert len(_random_part(certificate.pdf.name, certificate.code)) >= 16
    assert _random_part(first.pdf.name, first.code) != _random_part(second.pdf.name, second.code)


def test_a_reissue_writes_a_new_name_and_leaves_no_old_copy(django_capture_on_commit_callbacks):
    certificate = certificate_issue(enrollment=complete_course(UserFactory()))
    old = Path(settings.MEDIA_ROOT) / certificate.pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        certificate_reissue(certificate=certificate, user=UserFactory(is_superuser=True))

    certificate.refresh_from_db()
    assert certificate.pdf.name != old.relative_to(settings.MEDIA_ROOT).as_posix()
    assert (Path(settings.MEDIA_ROOT) / certificate.pdf.name).is_file()
    assert not old.exists()
    assert Certificate.objects.count() == 1


def test_a_course_zip_has_a_name_nobody_can_derive_from_the_course_id():
    certificate = certificate_issue(enrollment=complete_course(UserFactory()))
    course_id = certificate.course_id

    name = certificates_build_zip(course_id=course_id)
    again = certificates_build_zip(course_id=course_id)

    assert name == again  # a rebuild overwrites the same file
    assert course_zip_status(course_id=course_id)["name"] == name
    assert name != f"exports/certificates-course-{course_id}.zip"
    assert len(_random_part(name, f"certificates-course-{course_id}").replace("zip", "")) >= 16
    assert (Path(settings.MEDIA_ROOT) / name).is_file()
