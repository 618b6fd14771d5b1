"""Uploads: images of at most 10 MB and 40 megapixels and never SVG, documents of at most
20 MB in a short list of formats and served through Wagtail's view with a restrictive policy,
GIFT imports of at most 1 MB. Every refusal says why and stores nothing."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from assessments.models import Quiz

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG")  # 1 bit: small even when huge
    return buffer.getvalue()


def add_image(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content)},
    )


def add_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content)},
    )


def file_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


# --- images ------------------------------------------------------------------------------------


def test_the_limits_are_40_megapixels_and_10_mb():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_an_ordinary_image_is_accepted(trainer_client):
    response = add_image(trainer_client, "checkpoint.png", png(1200, 800))

    assert response.status_code == 302
    assert Image.objects.get().width == 1200


def test_a_50_megapixel_image_that_is_small_on_disk_is_refused(trainer_client):
    """A crafted 10,000 × 5,000 PNG weighs a few kilobytes but would take hundreds of
    megabytes to decode for every rendition."""
    content = png(10_000, 5_000)
    assert len(content) < 100_000

    response = add_image(trainer_client, "bomb.png", content)

    assert response.status_code == 200
    assert "too many pixels (50000000)" in file_errors(response)
    assert "Maximum pixels 40000000" in file_errors(response)
    assert not Image.objects.exists()


def test_an_svg_image_is_refused(trainer_client):
    response = add_image(trainer_client, "diagram.svg", SVG)

    assert response.status_code == 200
    assert "Not a supported image format" in file_errors(response)
    assert not Image.objects.exists()


def test_an_svg_renamed_to_png_is_refused(trainer_client):
    response = add_image(trainer_client, "diagram.png", SVG)

    assert response.status_code == 200
    assert file_errors(response)
    assert not Image.objects.exists()


# --- documents ---------------------------------------------------------------------------------


def test_documents_over_20_mb_are_refused(trainer_client):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024

    response = add_document(trainer_client, "big.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024))

    assert response.status_code == 200
    assert "This file is too big" in file_errors(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["page.html", "page.htm", "drawing.svg", "tool.exe", "x.js"])
def test_documents_that_a_browser_could_run_are_refused(trainer_client, name):
    response = add_document(trainer_client, name, SVG)

    assert response.status_code == 200
    assert file_errors(response)
    assert not Document.objects.exists()


def stored_document(name: str, content: bytes):
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def test_documents_are_served_by_wagtail_with_a_sandboxing_policy(client):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    document = stored_document("checklist.csv", b"step,done\n1,yes\n")

    response = client.get(document.url)

    assert document.url.startswith("/documents/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdfs_open_in_the_browser_with_nothing_allowed_to_load(client):
    """Not sandboxed: browsers refuse to display a PDF in a sandboxed document."""
    document = stored_document("handbook.pdf", PDF)

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- GIFT imports ------------------------------------------------------------------------------


def test_a_gift_file_over_1_mb_is_refused_with_a_message(trainer_client):
    big = ("::Q:: What is a visa? {=A permit ~A passport}\n\n" * 25_000).encode()
    assert len(big) > 1_000_000

    response = trainer_client.post(
        reverse("assessments_gift_import"),
        {"file": SimpleUploadedFile("bank.gift", big), "bank": "Visa bank"},
    )

    assert response.status_code == 200
    assert "larger than 1 MB" in " ".join(response.context["form"].errors["file"])
    assert not Quiz.objects.exists()
    confirm = trainer_client.post(reverse("assessments_gift_import"), {"confirm": "1"})
    assert confirm.status_code == 302
    assert not Quiz.objects.exists()


def test_staff_upload_forms_refuse_learners(client, learner):
    client.force_login(learner)

    for url in (reverse("wagtailimages:add"), reverse("wagtaildocs:add")):
        response = client.get(url)
        assert response.status_code in (302, 403)
