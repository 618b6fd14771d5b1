"""Every storage path against an S3-compatible object store (moto on 127.0.0.1, issue 19):
certificates issued and downloaded through their view, images uploaded with their
renditions, documents uploaded and refused outside their course, and the private files
never readable by their bucket address. Report exports and import files have theirs
beside their own tests (tests/reports, tests/enrolments)."""

import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from certificates.services import certificate_issue
from courses.services import enrollment_create
from tests.certificates.test_issuance import complete_course
from tests.courses.test_course_documents import HANDOUT, download, lesson_linking
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course
from tests.object_storage import anonymous_get, object_url, png_bytes

pytestmark = pytest.mark.django_db
Image, Document = get_image_model(), get_document_model()


def test_a_certificate_is_issued_into_the_private_bucket_and_downloaded_by_its_holder(
    object_storage, client
):
    learner = UserFactory()
    certificate = certificate_issue(enrollment=complete_course(learner))

    store = object_storage
    assert store.keys(store.private_bucket) == [certificate.pdf.name]
    assert store.keys(store.bucket) == []
    stored = store.read(store.private_bucket, certificate.pdf.name)
    assert stored.startswith(b"%PDF")
    assert hashlib.sha256(stored).hexdigest() == certificate.pdf_sha256

    client.force_login(learner)
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored

    client.force_login(UserFactory())
    other = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert other.status_code == 404

    status, body = anonymous_get(object_url(store, store.private_bucket, certificate.pdf.name))
    assert status == 403 and b"%PDF" not in body


def test_an_image_uploaded_in_the_admin_and_its_rendition_are_public_media(
    object_storage, admin_client
):
    picture = png_bytes()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Border crossing", "file": SimpleUploadedFile("crossing.png", picture)},
    )
    assert response.status_code == 302, response.content[:500]
    image = Image.objects.get(title="Border crossing")

    rendition = image.get_rendition("fill-40x30")

    store = object_storage
    keys = store.keys(store.bucket)
    assert image.file.name in keys and rendition.file.name in keys
    assert store.keys(store.private_bucket) == []
    status, body = anonymous_get(rendition.url)  # the address pages link to
    assert status == 200 and body == store.read(store.bucket, rendition.file.name)
    assert rendition.width == 40 and rendition.height == 30
    assert anonymous_get(image.file.url) == (200, picture)


def test_a_course_handout_is_private_and_refused_outside_the_course(
    object_storage, admin_client, client, learner, other_learner
):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Checklist", "file": SimpleUploadedFile("checklist.txt", HANDOUT)},
    )
    assert response.status_code == 302, response.content[:500]
    document = Document.objects.get(title="Checklist")
    course = make_course(title="Document examination", modules=1, lessons=1)
    lesson_linking(document, course)
    enrollment_create(user=learner, course=course)

    store = object_storage
    assert store.keys(store.private_bucket) == [document.file.name]
    assert document.file.name.startswith("documents/") and store.keys(store.bucket) == []
    status, body = anonymous_get(object_url(store, store.private_bucket, document.file.name))
    assert status == 403 and HANDOUT not in body

    client.force_login(learner)
    allowed, body = download(client, document)
    assert allowed.status_code == 200 and body == HANDOUT

    client.force_login(other_learner)
    refused, body = download(client, document)
    assert refused.status_code == 403 and HANDOUT not in body


def test_a_second_file_of_the_same_name_gets_its_own_key(object_storage):
    """As on disk: a second "handout.txt" does not overwrite the first one's object."""
    first = default_storage.save("documents/handout.txt", ContentFile(b"first"))
    second = default_storage.save("documents/handout.txt", ContentFile(b"second"))

    assert first != second
    assert storages["private"].open(first).read() == b"first"
    assert storages["private"].open(second).read() == b"second"


def test_with_one_bucket_images_are_private_objects_behind_signed_urls(one_bucket_storage):
    image = Image.objects.create(
        title="Checkpoint", file=ContentFile(png_bytes(), name="checkpoint.png")
    )
    rendition = image.get_rendition("fill-40x30")
    store = one_bucket_storage

    bare = object_url(store, store.bucket, rendition.file.name)
    assert anonymous_get(bare)[0] == 403
    signed = rendition.url
    assert parse_qs(urlsplit(signed).query)["X-Amz-Expires"] == ["3600"]
    status, body = anonymous_get(signed)
    assert status == 200 and body == store.read(store.bucket, rendition.file.name)


def test_private_files_signed_urls_last_a_minute(object_storage):
    name = storages["private"].save("certificates/sample.pdf", ContentFile(b"%PDF-1.7 sample"))

    url = storages["private"].url(name)

    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["60"]
    assert anonymous_get(url) == (200, b"%PDF-1.7 sample")
    bare = object_url(object_storage, object_storage.private_bucket, name)
    assert anonymous_get(bare)[0] == 403
