"""Certificate PDFs read back the way a person or a verifier would: the text poppler
extracts, the QR code zbar decodes, the page size, the fonts and images embedded.
poppler-utils and zbar-tools come from scripts/ensure-system-deps."""

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image, ImageDraw
from weasyprint.urls import FatalURLFetchingError

from certificates.document import CertificateFacts, CertificateLayout, Signatory, StoredImage
from certificates.pdf import render_certificate_pdf
from certificates.pdf.body import CertificateTemplateError, render_body, validate_body
from certificates.pdf.page import certificate_html

FACTS = CertificateFacts(
    holder_name="Amara Okafor",
    course_title="Document Examination: Detecting Forged Passports",
    completion_date=date(2025, 3, 14),
    hours=24,
    code="WP-7K3D-Q9FX",
    verification_url="https://waypoint.example.org/certificates/verify/WP-7K3D-Q9FX/",
    issuer="Waypoint Border Management Academy",
    expiry_date=date(2028, 3, 14),
)
ARABIC_NAME = "فاطمة الزهراء بن علي"
ARABIC_LAYOUT = CertificateLayout(
    language="ar",
    title="شهادة إتمام",
    body="تشهد هذه الوثيقة بأن {holder_name} قد أتم بنجاح الدورة {course_title} بتاريخ "
    "{completion_date}.",
)


def run(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: run scripts/ensure-system-deps")
    result = subprocess.run([tool, *args], capture_output=True, text=True, check=True)
    return result.stdout


def write_pdf(tmp_path: Path, pdf: bytes, name: str = "certificate.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def extracted_text(path: Path, *, layout: bool = True) -> str:
    """pdftotext's text, NFKC-normalised (Arabic presentation forms back to letters),
    without the bidi control characters it wraps right-to-left runs in, and with runs of
    whitespace collapsed. Without ``layout``, each block comes out whole rather than the
    page's lines side by side."""
    args = ["-layout"] if layout else []
    text = unicodedata.normalize("NFKC", run("pdftotext", *args, str(path), "-"))
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return re.sub(r"\s+", " ", text)


def stored(path: Path) -> StoredImage:
    """An image file as the renderer gets it: named in a storage, read through its API."""
    return StoredImage(storage=FileSystemStorage(location=path.parent), name=path.name)


def embedded_fonts(path: Path) -> str:
    return run("pdffonts", str(path))


@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory) -> Path:
    pdf = render_certificate_pdf(layout=CertificateLayout(), facts=FACTS)
    return write_pdf(tmp_path_factory.mktemp("pdf"), pdf)


def test_pdf_shows_holder_course_and_code(english_pdf):
    text = extracted_text(english_pdf)

    assert "Amara Okafor" in text
    assert "Document Examination: Detecting Forged Passports" in text
    assert "(24 hours) on 14 March 2025" in text
    assert "WP-7K3D-Q9FX" in text


def test_pdf_prints_where_and_how_to_verify(english_pdf):
    text = extracted_text(english_pdf, layout=False)

    # The URL may wrap after a slash; the words around it stay in order.
    url = re.escape(FACTS.verification_url).replace("/", "/ ?")
    assert re.search(f"Verify at {url} with code WP-7K3D-Q9FX", text), text


def test_qr_code_decodes_to_the_verification_url(english_pdf, tmp_path):
    run("pdftoppm", "-png", "-r", "150", "-singlefile", str(english_pdf), str(tmp_path / "page"))

    decoded = run("zbarimg", "--raw", "-q", str(tmp_path / "page.png"))

    assert decoded.strip() == FACTS.verification_url


def test_arabic_name_comes_out_whole_in_an_arabic_certificate(tmp_path):
    facts = replace(FACTS, holder_name=ARABIC_NAME, course_title="فحص الوثائق")
    path = write_pdf(tmp_path, render_certificate_pdf(layout=ARABIC_LAYOUT, facts=facts))

    text = extracted_text(path)

    # In logical order and with every letter: a missing or reordered word fails.
    assert ARABIC_NAME in text
    assert "فحص الوثائق" in text
    assert "مارس" in text  # the month in Arabic, from Django's locale
    assert "Amiri" in embedded_fonts(path)


def test_accented_latin_name_comes_out_whole(tmp_path):
    facts = replace(FACTS, holder_name="Élodie Lefèvre-Nuñez")
    path = write_pdf(tmp_path, render_certificate_pdf(layout=CertificateLayout(), facts=facts))

    assert unicodedata.normalize("NFKC", "Élodie Lefèvre-Nuñez") in extracted_text(path)
    fonts = embedded_fonts(path)
    assert "Noto-Serif" in fonts
    assert "DejaVu" not in fonts  # nothing fell back to the last-resort font


def test_arabic_name_in_an_english_certificate(tmp_path):
    facts = replace(FACTS, holder_name=ARABIC_NAME)
    path = write_pdf(tmp_path, render_certificate_pdf(layout=CertificateLayout(), facts=facts))

    assert ARABIC_NAME in extracted_text(path)


def test_arabic_layout_is_right_to_left():
    html = certificate_html(layout=ARABIC_LAYOUT, facts=FACTS)
    english = certificate_html(layout=CertificateLayout(), facts=FACTS)

    assert '<html lang="ar" dir="rtl">' in html
    assert '<html lang="en" dir="ltr">' in english


@pytest.mark.parametrize(
    ("page_size", "orientation", "width", "height"),
    [("A4", "landscape", 841.89, 595.28), ("Letter", "portrait", 612, 792)],
)
def test_page_size_and_orientation(tmp_path, page_size, orientation, width, height):
    layout = CertificateLayout(page_size=page_size, orientation=orientation)
    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=FACTS))

    info = run("pdfinfo", str(path))

    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    assert float(match[1]) == pytest.approx(width, abs=1)
    assert float(match[2]) == pytest.approx(height, abs=1)
    assert re.search(r"Pages:\s+1\n", info)


def test_logos_signatures_and_background_are_printed(tmp_path):
    images = []
    for name, size in [
        ("logo.png", (120, 120)),
        ("signature.png", (300, 90)),
        ("bg.jpg", (60, 40)),
    ]:
        Image.new("RGB", size, (200, 180, 140)).save(tmp_path / name)
        images.append(stored(tmp_path / name))
    logo, signature, background = images
    layout = CertificateLayout(
        logos=[logo],
        background=background,
        signatories=[
            Signatory("Jonas Lindqvist", "Head of Programme", signature),
            Signatory("Dr. Amara Okafor", "Director"),
        ],
    )
    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=FACTS))

    listing = run("pdfimages", "-list", str(path)).splitlines()[2:]
    sizes = {tuple(line.split()[3:5]) for line in listing}
    assert {("120", "120"), ("300", "90"), ("60", "40")} <= sizes
    text = extracted_text(path)
    assert "Jonas Lindqvist Dr. Amara Okafor" in text
    assert "Head of Programme" in text


def test_an_oversized_upload_is_embedded_at_print_resolution(tmp_path):
    # A 4000-pixel scan for a logo printed at most 17 mm high: 200 px is 300 dpi.
    Image.new("RGB", (4000, 4000), (30, 40, 60)).save(tmp_path / "scan.jpg")
    layout = CertificateLayout(logos=[stored(tmp_path / "scan.jpg")])

    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=FACTS))

    rows = [line.split() for line in run("pdfimages", "-list", str(path)).splitlines()[2:]]
    colour_images = [(row[3], row[4]) for row in rows if row[2] == "image" and row[5] == "rgb"]
    assert colour_images == [("201", "201")]  # the QR code is the other image, in grey
    assert path.stat().st_size < 100_000


def embedded_images(path: Path) -> list[dict[str, str]]:
    """pdfimages' listing, one dict per image or soft mask, by column name."""
    header, _, *rows = run("pdfimages", "-list", str(path)).splitlines()
    names = header.split()
    return [dict(zip(names, row.split(), strict=False)) for row in rows]


def transparent_signature(path: Path, size=(1600, 420)) -> StoredImage:
    """Ink strokes on a transparent ground, as signatures are usually uploaded."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(40, 300), (500, 60), (900, 340), (1500, 80)], fill=(20, 30, 120, 255), width=14)
    image.save(path)
    return stored(path)


def test_images_on_white_paper_are_embedded_as_print_resolution_jpegs(tmp_path):
    signature = transparent_signature(tmp_path / "signature.png")
    Image.new("RGB", (3000, 1000), (200, 40, 40)).save(tmp_path / "logo.png")
    layout = CertificateLayout(
        logos=[stored(tmp_path / "logo.png")],
        signatories=[Signatory("Ingrid Solberg", "Head of Training", signature)],
    )

    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=FACTS))

    uploads = [row for row in embedded_images(path) if row["color"] == "rgb"]
    assert [row["enc"] for row in uploads] == ["jpeg", "jpeg"]
    assert not [row for row in embedded_images(path) if row["type"] == "smask"]
    for row in uploads:
        assert 150 <= float(row["x-ppi"]) <= 310 and 150 <= float(row["y-ppi"]) <= 310


def test_a_transparent_signature_prints_as_ink_on_white(tmp_path):
    signature = transparent_signature(tmp_path / "signature.png")
    layout = CertificateLayout(signatories=[Signatory("Ingrid Solberg", "", signature)])
    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=FACTS))

    run("pdfimages", "-j", str(path), str(tmp_path / "out"))
    extracted = [Image.open(p) for p in sorted(tmp_path.glob("out-*.jpg"))]
    assert len(extracted) == 1
    pixels = extracted[0].convert("RGB")
    assert min(pixels.getpixel((2, 2))) >= 245  # the transparent ground: paper white
    darkest, _ = pixels.convert("L").getextrema()
    assert darkest < 80  # the stroke survives


def test_a_transparent_signature_over_a_background_keeps_its_transparency(tmp_path):
    signature = transparent_signature(tmp_path / "signature.png")
    Image.new("RGB", (300, 210), (230, 220, 190)).save(tmp_path / "background.jpg")
    layout = CertificateLayout(
        background=stored(tmp_path / "background.jpg"),
        signatories=[Signatory("Ingrid Solberg", "", signature)],
    )

    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=FACTS))

    images = embedded_images(path)
    assert [row["type"] for row in images].count("smask") == 1
    assert {"jpeg"} == {
        row["enc"] for row in images if (row["width"], row["height"]) == ("300", "210")
    }


def test_a_broken_image_stops_the_render(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"not an image")
    layout = CertificateLayout(logos=[stored(tmp_path / "logo.png")])

    with pytest.raises(FatalURLFetchingError):
        render_certificate_pdf(layout=layout, facts=FACTS)


def test_a_missing_signature_image_stops_the_render(tmp_path):
    layout = CertificateLayout(
        signatories=[Signatory("A. Person", "", stored(tmp_path / "gone.png"))]
    )

    with pytest.raises(FileNotFoundError, match="gone.png"):
        render_certificate_pdf(layout=layout, facts=FACTS)


def test_html_in_a_name_prints_as_text(tmp_path):
    facts = replace(FACTS, holder_name="<script>alert(1)</script> & <b>Bold</b>")
    layout = CertificateLayout(title="<i>Title</i>", body="<u>{holder_name}</u>")

    html = certificate_html(layout=layout, facts=facts)
    path = write_pdf(tmp_path, render_certificate_pdf(layout=layout, facts=facts))

    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;" in html
    text = extracted_text(path)
    assert "<u><script>alert(1)</script> & <b>Bold</b></u>" in text
    assert "<i>Title</i>" in text


class TestRenderBody:
    def test_fills_every_placeholder(self):
        body = (
            "{holder_name}|{course_title}|{completion_date}|{hours}|{code}|{expiry_date}|{issuer}"
        )

        assert render_body(body, FACTS, language="en").split("|") == [
            "Amara Okafor",
            "Document Examination: Detecting Forged Passports",
            "14 March 2025",
            "24",
            "WP-7K3D-Q9FX",
            "14 March 2028",
            "Waypoint Border Management Academy",
        ]

    @pytest.mark.parametrize(
        ("language", "expected"),
        [("fr", "14 mars 2025"), ("es", "14 de marzo de 2025"), ("ar", "14 مارس 2025")],
    )
    def test_dates_follow_the_language(self, language, expected):
        assert render_body("{completion_date}", FACTS, language=language) == expected

    def test_no_expiry_date_is_empty(self):
        facts = replace(FACTS, expiry_date=None)

        assert render_body("Valid until: {expiry_date}.", facts, language="en") == "Valid until: ."

    def test_escapes_the_facts_and_the_text(self):
        facts = replace(FACTS, holder_name='<script>alert("x")</script>')

        rendered = render_body("<b>{holder_name}</b>", facts, language="en")

        assert rendered == ("&lt;b&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/b&gt;")

    def test_doubled_braces_are_literal_braces(self):
        assert render_body("{{code}} is {code}", FACTS, language="en") == "{code} is WP-7K3D-Q9FX"

    def test_unknown_placeholder_names_the_ones_to_use(self):
        with pytest.raises(CertificateTemplateError) as raised:
            render_body("Awarded to {holdername}.", FACTS, language="en")

        assert str(raised.value) == (
            "Unknown placeholder {holdername}. Use one of: {holder_name}, {course_title}, "
            "{completion_date}, {hours}, {code}, {expiry_date}, {issuer}. "
            "Did you mean {holder_name}?"
        )

    @pytest.mark.parametrize(
        "body", ["{holder_name.__class__}", "{hours:>5}", "{code!r}", "{}", "{ code }"]
    )
    def test_attributes_and_format_specs_are_unknown_placeholders(self, body):
        with pytest.raises(CertificateTemplateError, match=r"^Unknown placeholder"):
            render_body(body, FACTS, language="en")

    def test_unclosed_brace_says_where(self):
        with pytest.raises(CertificateTemplateError) as raised:
            render_body("Awarded to {holder_name on {completion_date}", FACTS, language="en")

        assert str(raised.value) == (
            'Unbalanced brace: the "{" at character 12 has no matching "}". '
            "To show a brace itself, write it twice: {{ or }}."
        )

    def test_stray_closing_brace_says_where(self):
        with pytest.raises(CertificateTemplateError, match=r'the "\}" at character 6 has no'):
            render_body("Hours} {hours}", FACTS, language="en")

    def test_is_a_value_error(self):
        with pytest.raises(ValueError):
            render_body("{", FACTS, language="en")


def test_validate_body_accepts_the_default_text_and_refuses_a_typo():
    validate_body(CertificateLayout().body)

    with pytest.raises(CertificateTemplateError, match=r"\{course\}"):
        validate_body("Completed {course}")


def test_unknown_page_size_is_refused():
    with pytest.raises(CertificateTemplateError, match="Unknown page size A5. Use A4 or Letter."):
        render_certificate_pdf(layout=CertificateLayout(page_size="A5"), facts=FACTS)
