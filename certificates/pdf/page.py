"""The page WeasyPrint prints: the certificate's facts and the administrator's design as
HTML (``templates/certificates/pdf.html``), with the QR code, the verification line and
the images' URLs. Separate from the rendering so that tests and previews can read it."""

import base64
import io
import unicodedata
from urllib.parse import urlsplit

import qrcode
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from PIL import Image

from certificates.document import CertificateFacts, CertificateLayout
from certificates.pdf.body import CertificateTemplateError, Text, fact_values, parse, render_parts
from certificates.pdf.images import LOGO_BOX_MM, SIGNATURE_BOX_MM, image_url

PAGE_SIZES = {"A4": "A4", "Letter": "letter"}
ORIENTATIONS = ("landscape", "portrait")
PAGE_MM = {"A4": (297, 210), "Letter": (279.4, 215.9)}
QR_MASK_PATTERN = 2
# Above this many characters the body gets a smaller size, to stay clear of the signatures.
LONG_BODY = 320


def _qr_data_uri(url: str) -> str:
    """The QR code as a PNG with one pixel per module, printed without interpolation
    (``image-rendering: pixelated``) so its edges stay sharp at any size. An SVG was as
    sharp but WeasyPrint took longer to draw its path than the rest of the page."""
    # A fixed mask pattern: choosing the "best" of the eight scores each in pure Python and
    # cost 7 ms of a 40 ms render; every mask decodes (the tests read the code with zbar).
    qr = qrcode.QRCode(
        border=2, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=QR_MASK_PATTERN
    )
    qr.add_data(url)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    png = io.BytesIO()
    Image.frombytes("L", (len(matrix), len(matrix)), pixels).save(png, format="PNG")
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")


def _page_size(layout: CertificateLayout) -> str:
    if layout.page_size not in PAGE_SIZES:
        raise CertificateTemplateError(
            gettext("Unknown page size %(size)s. Use A4 or Letter.") % {"size": layout.page_size}
        )
    if layout.orientation not in ORIENTATIONS:
        raise CertificateTemplateError(
            gettext("Unknown orientation %(orientation)s. Use landscape or portrait.")
            % {"orientation": layout.orientation}
        )
    return f"{PAGE_SIZES[layout.page_size]} {layout.orientation}"


def _page_mm(layout: CertificateLayout) -> tuple[float, float]:
    width, height = PAGE_MM[layout.page_size]
    return (width, height) if layout.orientation == "landscape" else (height, width)


def _direction(text: str) -> str:
    """``rtl`` or ``ltr`` from the first letter with a strong direction, as ``dir="auto"``
    would; it keeps an English phrase readable in an Arabic certificate until the phrase
    is translated."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _verification_line(facts: CertificateFacts) -> tuple[SafeString, str]:
    sentence = gettext("Verify at %(url)s with code %(code)s")
    # Scheme and host stay on one line; the path may wrap after a slash.
    url = facts.verification_url
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else url
    url_html = format_html(
        '<span class="url"><span class="origin">{}</span>{}</span>',
        origin,
        url.removeprefix(origin),
    )
    code_html = format_html('<span class="code">{}</span>', facts.code)
    line = mark_safe(escape(sentence) % {"url": url_html, "code": code_html})  # all escaped
    return line, _direction(sentence.replace("%(url)s", "").replace("%(code)s", ""))


def _images(layout: CertificateLayout) -> dict:
    """The background, logos and signatures as the fetcher's URLs."""
    on_paper = layout.background is None  # nothing under logos and signatures but white
    return {
        "background": (
            image_url(layout.background, _page_mm(layout), cover=True) if layout.background else ""
        ),
        "logos": [image_url(logo, LOGO_BOX_MM, opaque=on_paper) for logo in layout.logos],
        "signatories": [
            {
                "name": signatory.name,
                "title": signatory.title,
                "signature": (
                    image_url(signatory.signature, SIGNATURE_BOX_MM, opaque=on_paper)
                    if signatory.signature
                    else ""
                ),
            }
            for signatory in layout.signatories
        ],
    }


def certificate_html(*, layout: CertificateLayout, facts: CertificateFacts) -> str:
    """The HTML WeasyPrint prints."""
    parts = parse(layout.body)
    values = fact_values(facts, language=layout.language)
    length = sum(len(p.text) if isinstance(p, Text) else len(values[p.name]) for p in parts)
    with translation.override(layout.language):
        verification, footer_direction = _verification_line(facts)
        context = {
            "language": layout.language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "page_size": _page_size(layout),
            "orientation": layout.orientation,
            "title": layout.title,
            "body": mark_safe(render_parts(parts, values, mark_facts=True)),  # escaped
            "body_is_long": length > LONG_BODY,
            "facts": facts,
            "expiry_date": values["expiry_date"],
            "qr_code": _qr_data_uri(facts.verification_url),
            "verification": verification,
            "footer_direction": footer_direction,
            **_images(layout),
        }
        return render_to_string("certificates/pdf.html", context)
