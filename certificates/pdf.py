"""Certificate PDFs: the administrator's text with the certificate's facts filled in,
laid out as HTML (``templates/certificates/pdf.html``) and printed by WeasyPrint.

The body text is parsed here rather than with ``str.format``: ``format`` would let a
template reach attributes (``{holder_name.__class__}``) and its errors mean nothing to an
administrator. Everything that reaches the HTML is escaped, the administrator's words as
much as the holder's name."""

import base64
import difflib
import functools
import io
import threading
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

import qrcode
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from PIL import Image, ImageOps

from certificates.document import CertificateFacts, CertificateLayout

PLACEHOLDERS = (
    "holder_name",
    "course_title",
    "completion_date",
    "hours",
    "code",
    "expiry_date",
    "issuer",
)
PAGE_SIZES = {"A4": "A4", "Letter": "letter"}
ORIENTATIONS = ("landscape", "portrait")

# Images are printed at up to 300 dpi. The largest size each kind is printed at, in mm
# (width, height), as STYLESHEET places them; pages in landscape.
PRINT_DPI = 300
# High enough that thin strokes of a signature keep clean edges in print.
JPEG_QUALITY = 92
ORIENTATION_TAG = 0x0112
LOGO_BOX_MM = (55, 17)
SIGNATURE_BOX_MM = (58, 15)
PAGE_MM = {"A4": (297, 210), "Letter": (279.4, 215.9)}
IMAGE_SCHEME = "certificate-image"
QR_MASK_PATTERN = 2

SAMPLE_FACTS = CertificateFacts(
    holder_name="Élodie Lefèvre-Nuñez",
    course_title="Document examination: detecting forged passports",
    completion_date=date(2025, 3, 14),
    hours=12,
    code="WP-7K3D-Q9FX",
    verification_url="https://waypoint.example.org/certificates/verify/WP-7K3D-Q9FX/",
    issuer="Waypoint",
    expiry_date=date(2027, 3, 14),
)

# Parsed once per process (see _weasyprint) rather than from a <style> in every document,
# which was a noticeable share of the rendering time; the template sets only what varies
# (page size, background). Positioned blocks rather than flexbox: WeasyPrint's flex layout
# measures every box several times and made this page several times slower.
STYLESHEET = """
/* No page margin, so that a background image bleeds to the edges; the frame keeps
   9 mm clear instead. */
@page { margin: 0; }
html {
  /* Debian's fonts (scripts/ensure-system-deps): Noto Serif for Latin, Greek and
     Cyrillic names with any accent, Amiri for Arabic, DejaVu for anything else. */
  font-family: "Noto Serif", "Amiri", "Noto Naskh Arabic", "DejaVu Serif", serif;
  font-size: 11pt;
  line-height: 1.35;
  color: #1b2a41;
}
html:lang(ar) { font-family: "Amiri", "Noto Serif", "Noto Naskh Arabic", "DejaVu Serif", serif; }
body { margin: 0; }

/* The double border: a firm outer rule and a hairline just inside it. */
.frame {
  position: absolute;
  top: 9mm; right: 9mm; bottom: 9mm; left: 9mm;
  border: 1.2pt solid #8c6d35;
}
.sheet {
  position: absolute;
  top: 10.8mm; right: 10.8mm; bottom: 10.8mm; left: 10.8mm;
  border: 0.45pt solid #8c6d35;
  padding: 12mm 17mm 0;
  text-align: center;
}
.portrait .sheet { padding: 30mm 14mm 0; }

.logos { height: 17mm; margin-bottom: 5mm; }
.logos img { max-height: 17mm; max-width: 55mm; margin: 0 5mm; vertical-align: middle; }
.portrait .logos { margin-bottom: 9mm; }

.issuer {
  margin: 0 0 3mm;
  font-size: 8.5pt;
  letter-spacing: 0.3em;
  text-transform: uppercase;
  color: #5b6472;
}
h1 { margin: 0; font-size: 32pt; font-weight: normal; line-height: 1.2; letter-spacing: 0.01em; }
.portrait h1 { font-size: 30pt; }
/* Arabic letters join: spaced out, the words fall apart. */
html:lang(ar) .issuer, html:lang(ar) h1, .label[dir="rtl"] { letter-spacing: 0; }
html:lang(ar) .issuer { font-size: 12pt; }
html:lang(ar) h1 { font-size: 38pt; }

.ornament {
  position: relative;
  width: 46mm;
  height: 0;
  margin: 5mm auto 7mm;
  border-top: 0.5pt solid #8c6d35;
}
.ornament::after {
  content: "";
  position: absolute;
  top: -1.35mm;
  left: 22mm;
  width: 2mm;
  height: 2mm;
  background: #8c6d35;
  transform: rotate(45deg);
}
.portrait .ornament { margin: 7mm auto 12mm; }

/* Fixed side margins, not max-width with auto margins, which WeasyPrint places wrongly
   in right-to-left documents. */
.body { margin: 0 20mm; font-size: 14.5pt; line-height: 1.65; white-space: pre-line; }
.portrait .body { margin: 0 6mm; font-size: 15.5pt; }
html:lang(ar) .body { font-size: 17pt; line-height: 1.8; }
[dir="rtl"] .body { text-align: right; }
.fact-holder-name, .fact-course-title { font-weight: bold; }
.fact-holder-name { font-size: 1.15em; }
.fact-completion-date, .fact-expiry-date, .fact-hours, .fact-code { white-space: nowrap; }
.body.long { font-size: 12.5pt; line-height: 1.55; }
html:lang(ar) .body.long { font-size: 14.5pt; }

.footer-block { position: absolute; bottom: 8mm; }
.meta, .verify { width: 54mm; font-size: 7.5pt; line-height: 1.35; }
.meta { left: 12mm; text-align: left; }
.verify { right: 12mm; text-align: center; }
[dir="rtl"] .meta { left: auto; right: 12mm; text-align: right; }
[dir="rtl"] .verify { right: auto; left: 12mm; }
.signatories { left: 68mm; right: 68mm; bottom: 12mm; }
.portrait .signatories { left: 6mm; right: 6mm; bottom: 58mm; }

/* Top-aligned, so signature lines stay level when a name or title wraps. */
.signatory { display: inline-block; width: 58mm; margin: 0 4mm; vertical-align: top; }
.landscape .many .signatory { width: 38mm; margin: 0 2mm; }
.signature { height: 15mm; }
.signature img { max-height: 15mm; max-width: 100%; }
.signatory-name { padding-top: 1.5mm; border-top: 0.5pt solid #1b2a41; font-size: 10.5pt; }
.signatory-title { font-size: 8pt; font-style: italic; color: #5b6472; }
html:lang(ar) .signatory-name { font-size: 12.5pt; }
html:lang(ar) .signatory-title { font-size: 10pt; font-style: normal; }

.label { font-size: 6.5pt; letter-spacing: 0.2em; text-transform: uppercase; color: #5b6472; }
.value { margin-bottom: 2mm; font-size: 10pt; }
.code { letter-spacing: 0.04em; white-space: nowrap; }
.qr { width: 25mm; height: 25mm; image-rendering: pixelated; }
.verify p { margin: 1mm 0 0; color: #5b6472; }
.url { color: #1b2a41; }
.origin { white-space: nowrap; }
"""


class CertificateTemplateError(ValueError):
    """The administrator's certificate text or layout cannot be used; the message says
    why, in words meant for them."""


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Placeholder:
    name: str


def _unknown_placeholder(name: str) -> CertificateTemplateError:
    message = gettext("Unknown placeholder {%(name)s}. Use one of: %(placeholders)s.") % {
        "name": name,
        "placeholders": ", ".join(f"{{{known}}}" for known in PLACEHOLDERS),
    }
    close = difflib.get_close_matches(name.strip().lower(), PLACEHOLDERS, n=1)
    if close:
        message += " " + gettext("Did you mean {%(name)s}?") % {"name": close[0]}
    return CertificateTemplateError(message)


def _unbalanced(brace: str, index: int) -> CertificateTemplateError:
    return CertificateTemplateError(
        gettext(
            'Unbalanced brace: the "%(brace)s" at character %(position)d has no matching '
            '"%(other)s". To show a brace itself, write it twice: {{ or }}.'
        )
        % {"brace": brace, "position": index + 1, "other": "}" if brace == "{" else "{"}
    )


def _parse(body: str) -> list[_Text | _Placeholder]:
    """Split the body into literal text and placeholders; ``{{`` and ``}}`` are literal
    braces, as in ``str.format``."""
    parts: list[_Text | _Placeholder] = []
    text: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char in "{}" and body[i + 1 : i + 2] == char:
            text.append(char)
            i += 2
        elif char == "}":
            raise _unbalanced("}", i)
        elif char == "{":
            end = body.find("}", i + 1)
            if end == -1 or "{" in body[i + 1 : end]:
                raise _unbalanced("{", i)
            name = body[i + 1 : end]
            if name not in PLACEHOLDERS:
                raise _unknown_placeholder(name)
            if text:
                parts.append(_Text("".join(text)))
                text = []
            parts.append(_Placeholder(name))
            i = end + 1
        else:
            text.append(char)
            i += 1
    if text:
        parts.append(_Text("".join(text)))
    return parts


def _fact_values(facts: CertificateFacts, *, language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "holder_name": facts.holder_name,
            "course_title": facts.course_title,
            "completion_date": formats.date_format(facts.completion_date, "DATE_FORMAT"),
            "hours": formats.number_format(facts.hours),
            "code": facts.code,
            "expiry_date": (
                formats.date_format(facts.expiry_date, "DATE_FORMAT") if facts.expiry_date else ""
            ),
            "issuer": facts.issuer,
        }


def _render(parts: list[_Text | _Placeholder], values: dict[str, str], *, mark_facts: bool) -> str:
    html = []
    for part in parts:
        if isinstance(part, _Text):
            html.append(escape(part.text))
        elif mark_facts:
            css_class = "fact-" + part.name.replace("_", "-")
            html.append(format_html('<span class="{}">{}</span>', css_class, values[part.name]))
        else:
            html.append(escape(values[part.name]))
    return "".join(html)


def render_body(body: str, facts: CertificateFacts, *, language: str) -> str:
    """The body with the facts filled in, HTML-escaped; newlines are kept."""
    return _render(_parse(body), _fact_values(facts, language=language), mark_facts=False)


def validate_body(body: str) -> None:
    """Raise ``CertificateTemplateError`` if ``body`` could not be rendered, so the admin
    form refuses it rather than the certificate task failing later."""
    render_body(body, SAMPLE_FACTS, language="en")


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


def _image_url(
    path: str, box_mm: tuple[float, float], *, cover: bool = False, opaque: bool = True
) -> str:
    """A URL the renderer's fetcher answers with the image at ``path`` prepared for a box
    of ``box_mm`` (filled if ``cover``, else fitted in); ``opaque`` when nothing but white
    paper lies under the image, so that its transparency can be flattened away.
    The file's size and modification time are in the URL, so a replaced file is read
    again."""
    resolved = Path(path).resolve()
    if not resolved.is_file():
        # WeasyPrint would silently leave the image out; a certificate missing its
        # signature or logo must not be issued.
        raise FileNotFoundError(f"Certificate image not found: {path}")
    stat = resolved.stat()
    query = urlencode(
        {
            "w": box_mm[0],
            "h": box_mm[1],
            "cover": int(cover),
            "opaque": int(opaque),
            "v": f"{stat.st_mtime_ns}-{stat.st_size}",
        }
    )
    # Safe in HTML attributes and in CSS url("…") alike (the template puts one inside
    # <style>, where &amp; would not be decoded): quote and urlencode leave no quote,
    # bracket or parenthesis.
    return mark_safe(f"{IMAGE_SCHEME}://{quote(str(resolved))}?{query}")


@functools.lru_cache(maxsize=16)
def _prepared_image(url: str) -> tuple[bytes, str]:
    """The bytes and media type for an ``_image_url``, converted once per process.

    Uploads are often photographs or scans of several thousand pixels: they are scaled
    down to print resolution. And they become JPEGs, because WeasyPrint copies a JPEG
    into the PDF as it is but decodes and compresses a PNG again on every render, which
    was a third of a designed certificate's time. A JPEG at 300 dpi with full colour
    resolution prints as sharp as the PNG did. Only an image whose transparency shows
    something beneath it (a signature over a background image) stays a PNG."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    path = unquote(parts.path)
    with Image.open(path) as original:
        box = [float(query[key][0]) * PRINT_DPI / 25.4 for key in ("w", "h")]
        scales = (box[0] / original.width, box[1] / original.height)
        scale = max(scales) if query["cover"] == ["1"] else min(scales)
        flatten = query["opaque"] == ["1"]
        exif_rotated = original.getexif().get(ORIENTATION_TAG, 1) != 1
        if original.format == "JPEG" and scale >= 1 and not exif_rotated:
            return Path(path).read_bytes(), "image/jpeg"
        image = ImageOps.exif_transpose(original)  # the EXIF orientation is not kept
        if scale < 1:
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.LANCZOS)
        if image.has_transparency_data and not flatten:
            return _encoded(image.convert("RGBA"), "PNG"), "image/png"
        return _encoded(_on_white(image), "JPEG", quality=JPEG_QUALITY, subsampling=0), "image/jpeg"


def _on_white(image: Image.Image) -> Image.Image:
    """The image as printed on white paper, in grey if it has no colour."""
    grey = image.mode in ("1", "L", "LA", "I", "I;16", "F")
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        image = Image.new("RGBA", rgba.size, "white")
        image.alpha_composite(rgba)
    return image.convert("L" if grey else "RGB")


def _encoded(image: Image.Image, image_format: str, **options) -> bytes:
    encoded = io.BytesIO()
    image.save(encoded, format=image_format, **options)
    return encoded.getvalue()


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


def certificate_html(*, layout: CertificateLayout, facts: CertificateFacts) -> str:
    """The HTML WeasyPrint prints; separate so tests and previews can read it."""
    parts = _parse(layout.body)
    values = _fact_values(facts, language=layout.language)
    length = sum(len(p.text) if isinstance(p, _Text) else len(values[p.name]) for p in parts)
    on_paper = not layout.background_path  # nothing under the logos and signatures but white
    with translation.override(layout.language):
        verification, footer_direction = _verification_line(facts)
        context = {
            "language": layout.language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "page_size": _page_size(layout),
            "orientation": layout.orientation,
            "title": layout.title,
            "body": mark_safe(_render(parts, values, mark_facts=True)),  # escaped
            # A long text gets a smaller size so that it stays clear of the signatures.
            "body_is_long": length > 320,
            "facts": facts,
            "expiry_date": values["expiry_date"],
            "qr_code": _qr_data_uri(facts.verification_url),
            "verification": verification,
            "footer_direction": footer_direction,
            "background": (
                _image_url(layout.background_path, _page_mm(layout), cover=True)
                if layout.background_path
                else ""
            ),
            "logos": [_image_url(path, LOGO_BOX_MM, opaque=on_paper) for path in layout.logo_paths],
            "signatories": [
                {
                    "name": signatory.name,
                    "title": signatory.title,
                    "signature": (
                        _image_url(signatory.signature_path, SIGNATURE_BOX_MM, opaque=on_paper)
                        if signatory.signature_path
                        else ""
                    ),
                }
                for signatory in layout.signatories
            ],
        }
        return render_to_string("certificates/pdf.html", context)


@functools.cache
def _weasyprint():
    """WeasyPrint, its font configuration and the parsed stylesheet, built on the first
    render: importing WeasyPrint loads Pango, which the admin form that only validates
    text does not need, and the font configuration scans the system fonts."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcherResponse

    class ImageFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(f"{IMAGE_SCHEME}:"):
                body, media_type = _prepared_image(url)
                return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})
            return super().fetch(url, headers)

    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(string=STYLESHEET, font_config=font_config)
    # Prepared images and the QR code's data URI only: nothing in a certificate should
    # make the renderer reach the network. An image that fails to load stops the render
    # rather than leaving a gap.
    fetcher = ImageFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return weasyprint, font_config, stylesheet, fetcher


_image_caches = threading.local()
IMAGE_CACHE_ENTRIES = 200


def _image_cache() -> dict:
    """WeasyPrint's decoded images, kept from one render to the next in this thread: the
    logo, signatures and background are the same on every certificate of a template, and
    decoding and re-encoding them was a third of a designed certificate's time. Each QR code
    adds entries of its own, so the cache is emptied (between renders) when it grows."""
    cache = getattr(_image_caches, "cache", None)
    if cache is None or len(cache) > IMAGE_CACHE_ENTRIES:
        cache = _image_caches.cache = {}
    return cache


def warm_up() -> None:
    """Print a sample certificate, in Latin and Arabic script, so that a worker loads
    WeasyPrint, scans the fonts and opens Noto Serif and Amiri once when it starts (about
    two seconds) rather than in the first learner's certificate."""
    sample = replace(SAMPLE_FACTS, holder_name=f"{SAMPLE_FACTS.holder_name} أمينة حداد")
    _print(CertificateLayout(), sample)


def render_certificate_pdf(*, layout: CertificateLayout, facts: CertificateFacts) -> bytes:
    return _print(layout, facts)


def _print(layout: CertificateLayout, facts: CertificateFacts) -> bytes:
    weasyprint, font_config, stylesheet, fetcher = _weasyprint()
    html = weasyprint.HTML(string=certificate_html(layout=layout, facts=facts), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet], font_config=font_config, cache=_image_cache())
